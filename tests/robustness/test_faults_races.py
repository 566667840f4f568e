"""Regression tests, in one process, for the defects the fault injection found (bench/faults.py).

Each test replays the exact interleaving of two writers (or a failing disk) that broke the store or
the batch runner, deterministically, on short reports written for these tests.
"""

from __future__ import annotations

import errno
import importlib
import importlib.util
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rasid.model import Document
from rasid.store import StoreError, connect
from rasid.store.clusters import is_stale, recluster
from rasid.store.ingest import ingest_document
from rasid.store.schema import LATEST, migrate

# The modules, not the functions of the same name that rasid.store exports.
clusters_module = importlib.import_module("rasid.store.clusters")
ingest_module = importlib.import_module("rasid.store.ingest")

# Short reports written for these tests (not taken from any dataset); each gives one event.
FIRST = "Two soldiers were killed in an attack on a checkpoint in Aleppo on Monday."
SECOND = "An air strike hit a market in Sanaa, killing four people."


class _RacingConnection:
    """A connection that, when ``migrate`` asks which migrations are done, lets another process migrate first."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self.raced = False

    def execute(self, sql: str, *params: Any) -> Any:
        if sql.startswith("SELECT version FROM schema_migrations") and not self.raced:
            self.raced = True
            answer = self.conn.execute(sql, *params).fetchall()  # nothing applied yet, as this process saw it
            connect(self.path).close()  # ... and now the other process applies every migration
            return iter(answer)
        return self.conn.execute(sql, *params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.conn, name)


def test_migrating_a_database_another_process_just_migrated(tmp_path: Path) -> None:
    """Two ``rasid ingest`` on a new database failed with 'UNIQUE constraint failed: schema_migrations'."""
    path = tmp_path / "new.db"
    conn = sqlite3.connect(path, isolation_level=None)
    racing = _RacingConnection(conn, path)
    assert migrate(racing) == LATEST  # type: ignore[arg-type]
    assert racing.raced
    versions = [row[0] for row in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == list(range(1, LATEST + 1))
    conn.close()


def test_a_document_stored_meanwhile_by_another_ingest_is_unchanged(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The second writer's insert hit the doc_id constraint and ended the whole run with a database error."""
    path = tmp_path / "two.db"
    ours, theirs = connect(path), connect(path)
    document = Document(text=FIRST, doc_id="race-1", lang="en")
    real_find = ingest_module.find_by_doc_id
    looked = []

    def find_then_lose_the_race(conn: sqlite3.Connection, doc_id: str) -> Any:
        if not looked:  # our look-up finds nothing; the other process stores the document right after
            looked.append(doc_id)
            ingest_document(theirs, document, source_path="other")
            return None
        return real_find(conn, doc_id)

    monkeypatch.setattr(ingest_module, "find_by_doc_id", find_then_lose_the_race)
    outcome, summary = ingest_document(ours, document, source_path="ours")
    assert (outcome, summary.unchanged, summary.new) == ("unchanged", 1, 0)
    assert ours.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    ours.close()
    theirs.close()


def test_a_different_text_stored_meanwhile_under_the_same_id_is_kept_beside_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "two.db"
    ours, theirs = connect(path), connect(path)
    real_find = ingest_module.find_by_doc_id
    looked = []

    def find_then_lose_the_race(conn: sqlite3.Connection, doc_id: str) -> Any:
        if not looked:
            looked.append(doc_id)
            ingest_document(theirs, Document(text=SECOND, doc_id="same-id", lang="en"), source_path="other")
            return None
        return real_find(conn, doc_id)

    monkeypatch.setattr(ingest_module, "find_by_doc_id", find_then_lose_the_race)
    outcome, _ = ingest_document(ours, Document(text=FIRST, doc_id="same-id", lang="en"), source_path="ours")
    assert outcome == "new"
    ids = sorted(r[0] for r in ours.execute("SELECT doc_id FROM documents"))
    assert len(ids) == 2 and ids[0] == "same-id" and ids[1].startswith("same-id~")
    ours.close()
    theirs.close()


def test_reclustering_does_not_clear_the_flag_over_events_stored_meanwhile(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second writer's events, committed while the first fused, were left out of every cluster."""
    pytest.importorskip("rasid.fuse")
    path = tmp_path / "fuse.db"
    ours, theirs = connect(path), connect(path)
    ingest_document(ours, Document(text=FIRST, doc_id="d1", lang="en"), source_path="a")
    real_load = clusters_module.load_reports
    calls = []

    def load_then_other_writer_commits(conn: sqlite3.Connection) -> Any:
        reports = real_load(conn)
        if not calls:
            ingest_document(theirs, Document(text=SECOND, doc_id="d2", lang="en"), source_path="b")
        calls.append(len(reports))
        return reports

    monkeypatch.setattr(clusters_module, "load_reports", load_then_other_writer_commits)
    recluster(ours)
    assert calls == [1, 2]  # fused again, under the write lock, with the report stored meanwhile
    unclustered = ours.execute(
        "SELECT count(*) FROM events WHERE report_id NOT IN (SELECT report_id FROM cluster_members)").fetchone()[0]
    assert unclustered == 0
    assert not is_stale(ours)
    ours.close()
    theirs.close()


@pytest.fixture
def phrases(tmp_path: Path) -> Path:
    path = tmp_path / "phrases.jsonl"
    lines = [f'{{"doc_id": "p{i}", "text": "{text}", "lang": "en"}}' for i, text in enumerate([FIRST, SECOND] * 2)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_full_disk_stops_the_batch_with_a_clear_error(phrases: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """An OSError writing a part file escaped ``rasid batch`` as a traceback."""
    from rasid.batch import BatchError, BatchOptions, run_batch
    from rasid.batch import worker as worker_module

    real_write = worker_module.write_part
    written: list[str] = []

    def fill_the_disk(out: Path, name: str, records: Any, parquet: bool) -> dict[str, str]:
        if written:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(name)
        return real_write(out, name, records, parquet)

    monkeypatch.setattr(worker_module, "write_part", fill_the_disk)
    options = BatchOptions(out=tmp_path / "out", partition_size=2, parquet=False)
    with pytest.raises(BatchError, match=r"No space left on device; the 1 partitions finished before it are kept"):
        run_batch([str(phrases)], options)
    monkeypatch.setattr(worker_module, "write_part", real_write)
    summary = run_batch([str(phrases)], options)
    assert (summary.resumed, summary.documents) == (1, 4)


def test_a_killed_manifest_write_leaves_no_temporary_file(phrases: Path, tmp_path: Path) -> None:
    from rasid.batch import BatchOptions, run_batch

    out = tmp_path / "out"
    options = BatchOptions(out=out, partition_size=2, parquet=False)
    run_batch([str(phrases)], options)
    (out / ".manifest.json.4242.tmp").write_text("{", encoding="utf-8")  # what a kill -9 mid-save leaves
    run_batch([str(phrases)], options)
    assert not list(out.glob(".*.tmp"))


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder holding a closed WAL database, then made read-only (skipped where that is impossible)."""
    spec = importlib.util.spec_from_file_location(
        "faults_bench_races", Path(__file__).resolve().parents[2] / "bench" / "faults.py")
    assert spec and spec.loader
    faults = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(faults)
    folder = tmp_path / "ro"
    folder.mkdir()
    conn = connect(folder / "corpus.db")
    ingest_document(conn, Document(text=FIRST, doc_id="d1", lang="en"), source_path="a")
    conn.close()
    assert not (folder / "corpus.db-wal").exists()
    with faults.read_only_folder(folder) as possible:
        if not possible:
            pytest.skip("cannot make a folder read-only here")
        yield folder


def test_a_wal_database_in_a_read_only_folder_opens_for_reading(read_only_folder: Path) -> None:
    """SQLite cannot create the -shm file there: 'rasid serve --read-only' and 'rasid events' failed to open."""
    conn = connect(read_only_folder / "corpus.db", readonly=True)
    assert conn.execute("SELECT doc_id FROM documents").fetchall()[0][0] == "d1"
    conn.close()
    with pytest.raises(StoreError, match="read-only"):
        connect(read_only_folder / "corpus.db")
