"""A database of real articles for the export tests (ingested once per session)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rasid.store import connect, ingest


def small_corpus(shared: Path, folder: Path) -> Path:
    """The worked example and two gold dev files (21 real articles)."""
    folder.mkdir(parents=True, exist_ok=True)
    for source in ("examples/ghwayran-prison-attack.gold.jsonl", "eval/news-syria-iraq-dev.jsonl",
                   "eval/news-english-wire-dev.jsonl"):
        shutil.copy(shared / source, folder / Path(source).name)
    return folder


@pytest.fixture(scope="session")
def export_db(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = small_corpus(shared_dir, tmp_path_factory.mktemp("export-corpus"))
    path = tmp_path_factory.mktemp("export-db") / "events.db"
    conn = connect(path)
    ingest(conn, [str(folder)])
    conn.close()
    return path
