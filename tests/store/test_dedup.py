"""Exact and near-duplicate copies are stored, linked to their original, and not extracted."""

from __future__ import annotations

import json
from pathlib import Path

from store_helpers import gold_lines

from rasid.store import connect, ingest
from rasid.store.dedup import fingerprint, similarity

TASHKEEL = "\u064e"


def _write(folder: Path, name: str, records: list[dict[str, str]]) -> Path:
    path = folder / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_copies_link_to_their_original(shared_dir: Path, tmp_path: Path) -> None:
    articles = gold_lines(shared_dir, "news-syria-iraq-dev.jsonl")
    original, other = sorted(articles, key=lambda a: len(a["text"]), reverse=True)[:2]
    text = original["text"]
    words = text.split(" ")
    assert len(words) > 150
    # A syndicated copy: another dateline in front, the last tenth of the story cut.
    near = "دمشق - وكالات. " + " ".join(words[: len(words) * 9 // 10])
    # An exact copy once normalised: diacritics on a few letters, spacing changed.
    exact = text.replace("ا", "ا" + TASHKEEL, 3).replace(" ", "  ", 5)
    first = _write(tmp_path, "a.jsonl", [{"doc_id": "orig", "text": text}, {"doc_id": "other", "text": other["text"]}])
    copies = _write(tmp_path, "b.jsonl", [{"doc_id": "near", "text": near}, {"doc_id": "exact", "text": exact}])
    conn = connect(tmp_path / "x.db")
    assert ingest(conn, [str(first)]).new == 2
    summary = ingest(conn, [str(copies)])
    assert summary.duplicates == 2 and summary.new == 0
    rows = {r["doc_id"]: r for r in conn.execute(
        "SELECT d.doc_id, d.status, d.similarity, o.doc_id AS original FROM documents d "
        "LEFT JOIN documents o ON o.id = d.duplicate_of")}
    assert rows["near"]["original"] == rows["exact"]["original"] == "orig"
    assert rows["exact"]["similarity"] == 1.0 and 0.8 <= rows["near"]["similarity"] < 1.0
    assert rows["other"]["original"] is None and rows["orig"]["status"] == "extracted"
    # Copies are not extracted twice: no events of theirs.
    assert conn.execute("SELECT count(*) FROM events e JOIN documents d ON d.id = e.document_id "
                        "WHERE d.status = 'duplicate'").fetchone()[0] == 0


def test_different_reports_are_not_near_duplicates(shared_dir: Path) -> None:
    articles = gold_lines(shared_dir, "news-syria-iraq-dev.jsonl")
    prints = [fingerprint(a["text"]) for a in articles]
    signed = [p.signature for p in prints if p.signature is not None]
    assert len(signed) >= 5
    scores = [similarity(a, b) for i, a in enumerate(signed) for b in signed[i + 1:]]
    assert max(scores) < 0.5
    assert len({p.content_hash for p in prints}) == len(prints)
