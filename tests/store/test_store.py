"""The store: schema, round trip of documents and analyses, idempotent re-ingest, errors."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest
from store_helpers import dump, gold_lines

from rasid.model import Span
from rasid.store import StoreError, connect, ingest, stored_document
from rasid.store.schema import LATEST


def test_pragmas_and_migrations(tmp_path: Path) -> None:
    conn = connect(tmp_path / "x.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert [r[0] for r in conn.execute("SELECT version FROM schema_migrations")] == list(range(1, LATEST + 1))
    conn.close()
    conn = connect(tmp_path / "x.db")  # reopening applies nothing twice
    assert conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == LATEST


def test_round_trip(ingested: Path, shared_dir: Path) -> None:
    conn = connect(ingested, readonly=True)
    gold = gold_lines(shared_dir, "news-syria-iraq-dev.jsonl")[0]
    doc = stored_document(conn, gold["doc_id"])
    assert doc is not None and doc.text == gold["text"] and doc.outlet == gold["outlet"]
    assert doc.published is not None and doc.published.isoformat() == gold["published"]
    # Every stored span points into the stored original text and reads what the record says.
    rows = conn.execute(
        "SELECT d.text, e.evidence, e.evidence_start, e.evidence_end, e.record FROM events e "
        "JOIN documents d ON d.id = e.document_id").fetchall()
    assert len(rows) > 10
    for text, evidence, start, end, record in rows:
        assert Span(start, end).text_of(text) == evidence
        assert json.loads(record)["evidence"] == evidence
    for text, quote, start, end in conn.execute(
            "SELECT d.text, q.text, q.start, q.\"end\" FROM quotes q JOIN documents d ON d.id = q.document_id"):
        assert text[start:end] == quote
    for text, surface, start, end in conn.execute(
            "SELECT d.text, m.text, m.start, m.\"end\" FROM mentions m JOIN documents d ON d.id = m.document_id"):
        assert text[start:end] == surface
    # Each event is in exactly one cluster, and each claim names its source.
    assert conn.execute("SELECT count(*) FROM events WHERE report_id NOT IN (SELECT report_id FROM cluster_members)"
                        ).fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM claims WHERE source = ''").fetchone()[0] == 0


def test_reingest_is_a_no_op(ingested: Path, corpus_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "again.db"
    source = sqlite3.connect(ingested)
    target = sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    before = dump(copy)
    conn = connect(copy)
    summary = ingest(conn, [str(corpus_dir)])
    conn.close()
    assert summary.new == 0 and summary.unchanged == summary.read == 21
    assert dump(copy) == before


def test_same_id_other_text_is_kept_apart(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    (first / "report.txt").write_text("قتل ثلاثة مدنيين في قصف على بلدة قرب حلب.", encoding="utf-8")
    (second / "report.txt").write_text("Gunmen abducted two aid workers near Gao on Monday.", encoding="utf-8")
    conn = connect(tmp_path / "x.db")
    summary = ingest(conn, [str(first), str(second)])
    assert summary.new == 2
    ids = [r[0] for r in conn.execute("SELECT doc_id FROM documents ORDER BY id")]
    assert ids[0] == "report" and ids[1].startswith("report~")


def test_read_only_database_gives_one_line_and_keeps_content(ingested: Path, shared_dir: Path) -> None:
    before = dump(ingested)
    conn = connect(ingested, readonly=True)
    with pytest.raises(StoreError) as caught:
        ingest(conn, [str(shared_dir / "eval" / "news-other-regions-dev.jsonl")])
    assert "read-only" in str(caught.value) and "\n" not in str(caught.value)
    conn.close()
    assert dump(ingested) == before


def test_locked_database_gives_one_line(tmp_path: Path, shared_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import rasid.store.db as db

    path = tmp_path / "x.db"
    connect(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process writing
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 50)
    conn = connect(path)
    with pytest.raises(StoreError, match="locked"):
        ingest(conn, [str(shared_dir / "examples" / "ghwayran-prison-attack.gold.jsonl")])
    holder.execute("ROLLBACK")
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_new_database_opened_while_another_process_holds_it(tmp_path: Path) -> None:
    """Two ingests starting together on a new file: switching to WAL waits instead of failing at once."""
    path = tmp_path / "new.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE other_process (x)")
    holder.execute("BEGIN IMMEDIATE")  # a write lock in rollback-journal mode: SQLite refuses WAL at once
    release = threading.Timer(0.3, lambda: holder.execute("ROLLBACK"))
    release.start()
    try:
        conn = connect(path)
    finally:
        release.join()
        holder.close()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == LATEST
    conn.close()


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("hello, this is not SQLite\n" * 50)
    with pytest.raises(StoreError, match="not a SQLite database"):
        connect(path)
    with pytest.raises(StoreError, match="no database"):
        connect(tmp_path / "missing.db", readonly=True)


def test_disk_full_gives_one_line_and_keeps_what_was_stored(tmp_path: Path, shared_dir: Path) -> None:
    path = tmp_path / "full.db"
    conn = connect(path)
    ingest(conn, [str(shared_dir / "examples" / "ghwayran-prison-attack.gold.jsonl")], recluster_events=False)
    before = dump(path)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # the disk fills after two more pages
    with pytest.raises(StoreError) as caught:
        ingest(conn, [str(shared_dir / "eval" / "news-syria-iraq-dev.jsonl")], recluster_events=False)
    assert "disk is full" in str(caught.value) and "\n" not in str(caught.value)
    conn.close()
    assert dump(path) == before


def test_lines_added_above_do_not_duplicate_stored_articles(tmp_path: Path, shared_dir: Path) -> None:
    articles = gold_lines(shared_dir, "news-english-wire-dev.jsonl")[:3]
    corpus = tmp_path / "wire.jsonl"
    lines = [json.dumps({"text": a["text"]}) for a in articles]  # no doc_id: ids are line numbers
    corpus.write_text("\n".join(lines[1:]) + "\n", encoding="utf-8")
    conn = connect(tmp_path / "x.db")
    assert ingest(conn, [str(corpus)], recluster_events=False).new == 2
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = ingest(conn, [str(corpus)], recluster_events=False)
    assert (summary.new, summary.unchanged, summary.duplicates) == (1, 2, 0)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
