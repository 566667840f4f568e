"""``rasid export`` reads the store a batch at a time and writes what the whole-list export wrote."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from rasid.cli.main import main
from rasid.export import (
    Filters,
    feature_collection,
    fused_events,
    iter_fused_events,
    write_acled_csv,
    write_jsonl,
)
from rasid.store import connect, transaction
from rasid.store.reviews import add_review


@pytest.fixture
def reviewed_db(export_db: Path, tmp_path: Path) -> Path:
    """The gold articles' store with a correction and a rejection, as a reviewer leaves it."""
    path = tmp_path / "reviewed.db"
    shutil.copy(export_db, path)
    conn = connect(path)
    records = fused_events(conn)
    with transaction(conn):
        add_review(conn, "cluster", records[2]["cluster_id"], "analyst", "correct", "fatalities", None, 9, "toll")
        add_review(conn, "cluster", records[3]["cluster_id"], "analyst", "reject", reason="not an event")
    conn.close()
    return path


def test_batches_give_the_same_records_as_the_whole_list(reviewed_db: Path) -> None:
    conn = connect(reviewed_db, readonly=True)
    whole = fused_events(conn)
    assert len(whole) > 10 and any(r.get("reviewed") for r in whole)
    for batch in (1, 3, 500):
        assert list(iter_fused_events(conn, batch=batch)) == whole
    syria = Filters(country="Syria")
    assert list(iter_fused_events(conn, syria, batch=2)) == [r for r in whole if syria.matches(r)]
    conn.close()


@pytest.mark.parametrize("fmt", ["acled-csv", "geojson", "jsonl"])
def test_cli_export_bytes_equal_the_whole_list_export(reviewed_db: Path, tmp_path: Path, fmt: str) -> None:
    conn = connect(reviewed_db, readonly=True)
    records = fused_events(conn)
    out = io.StringIO()
    if fmt == "acled-csv":
        write_acled_csv(records, out)
    elif fmt == "geojson":  # as write_geojson wrote it from the whole collection
        out.write(json.dumps(feature_collection(records)[0], ensure_ascii=False) + "\n")
    else:
        write_jsonl(conn, records, out)
    conn.close()
    target = tmp_path / f"events.{fmt}"
    assert main(["export", "--format", fmt, "--db", str(reviewed_db), "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == out.getvalue()
