"""JSON Lines corpora: the gold files, scraped corpora with other field names, and broken lines."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from rasid.read import Loaded, Skipped, Warned, read_path
from rasid.read.jsonl import read_jsonl


def _loaded(items: list[Any]) -> list[Loaded]:
    return [item for item in items if isinstance(item, Loaded)]


def test_the_worked_example_reads_exactly(shared_dir: Path, ghwayran: dict[str, Any]) -> None:
    items = list(read_path(shared_dir / "examples" / "ghwayran-prison-attack.gold.jsonl"))
    assert len(items) == 1
    document = items[0].document
    assert document.text == ghwayran["text"]
    assert document.published == date(2022, 1, 24)
    assert document.doc_id == "seed-ghwayran"
    assert document.lang == "ar"
    assert document.outlet == ghwayran["outlet"]
    assert items[0].where.line == 1


def test_every_gold_article_reads_back_unchanged(shared_dir: Path, gold_documents: list[dict[str, Any]]) -> None:
    files = sorted(shared_dir.glob("examples/*.gold.jsonl")) + sorted(shared_dir.glob("eval/news-*.jsonl"))
    items = [item for f in files for item in read_path(f)]
    assert not [item for item in items if isinstance(item, Skipped | Warned)]
    documents = [item.document for item in _loaded(items)]
    assert [d.text for d in documents] == [g["text"] for g in gold_documents]
    assert [d.doc_id for d in documents] == [g["doc_id"] for g in gold_documents]
    assert [d.published.isoformat() if d.published else None for d in documents] == [
        g["published"] for g in gold_documents
    ]


def test_saudinewsnet_fields_are_read_through_their_aliases(shared_dir: Path, tmp_path: Path) -> None:
    corpus = shared_dir / "data" / "saudinewsnet_conflict" / "saudinewsnet_syria_iraq_conflict.jsonl"
    with corpus.open(encoding="utf-8") as lines:
        head = [next(lines) for _ in range(5)]
    sample = tmp_path / "snn.jsonl"
    sample.write_text("".join(head), encoding="utf-8")
    documents = [item.document for item in _loaded(list(read_path(sample)))]
    assert len(documents) == 5
    for number, (document, line) in enumerate(zip(documents, head, strict=True), start=1):
        record = json.loads(line)
        assert document.text == record["content"]
        assert document.doc_id == f"snn:{number}"
        assert document.published is not None
        assert document.published.isoformat() == record["date_extracted"][:10]
        assert document.title == record["title"].strip()
        assert document.outlet == record["source"]


def test_broken_lines_are_named_and_the_rest_is_read() -> None:
    lines = [
        '{"doc_id": "a", "text": "first"}',
        '{"doc_id": "b", "text": "unterminated',
        "",
        "[1, 2]",
        '{"doc_id": "c"}',
        '{"doc_id": "d", "text": 42}',
        '{"doc_id": "e", "text": "   "}',
        '{"doc_id": "f", "text": "last"}',
    ]
    items = list(read_jsonl("\n".join(lines), "corpus.jsonl", "corpus"))
    skipped = {item.where.line: item.reason for item in items if isinstance(item, Skipped)}
    assert set(skipped) == {2, 4, 5, 6, 7}
    assert "invalid JSON" in skipped[2]
    assert "list" in skipped[4]
    assert "missing" in skipped[5]
    assert "int" in skipped[6]
    assert "blank" in skipped[7]
    assert [item.document.doc_id for item in _loaded(items)] == ["a", "f"]
    assert str(next(item for item in items if isinstance(item, Skipped)).where) == "corpus.jsonl:2"


def test_ids_default_to_stem_and_line() -> None:
    text = '{"text": "one"}\n\n{"doc_id": 7, "text": "two"}\n{"doc_id": "", "text": "three"}\n'
    ids = [item.document.doc_id for item in _loaded(list(read_jsonl(text, "x/news.jsonl", "news")))]
    assert ids == ["news:1", "7", "news:4"]


def test_line_separator_inside_a_string_does_not_split_the_record() -> None:
    article = "first paragraph\u2028second paragraph"
    items = list(read_jsonl(json.dumps({"text": article}, ensure_ascii=False), "p.jsonl", "p"))
    assert [item.document.text for item in _loaded(items)] == [article]


def test_crlf_line_ends_are_accepted() -> None:
    items = list(read_jsonl('{"text": "a"}\r\n{"text": "b"}\r\n', "w.jsonl", "w"))
    assert [item.document.text for item in _loaded(items)] == ["a", "b"]


def test_bad_metadata_warns_and_keeps_the_document() -> None:
    record = {"text": "some report", "published": "24/01/2022", "lang": "fr"}
    items = list(read_jsonl(json.dumps(record), "m.jsonl", "m"))
    warnings = [item.message for item in items if isinstance(item, Warned)]
    assert len(warnings) == 2
    assert any("24/01/2022" in w for w in warnings)
    assert any("'fr'" in w for w in warnings)
    (document,) = [item.document for item in _loaded(items)]
    assert document.published is None
    assert document.lang is None


def test_published_wins_over_date_aliases() -> None:
    record = {"text": "t", "published": "2008-01-10", "date": "20070101", "lang": "Arabic"}
    (document,) = [item.document for item in _loaded(list(read_jsonl(json.dumps(record), "p.jsonl", "p")))]
    assert document.published == date(2008, 1, 10)
    assert document.lang == "ar"
