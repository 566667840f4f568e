"""Small corpora for the batch tests: phrases written for these tests, and real articles read at run time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

# Short reports written for these tests (not taken from any dataset).
PHRASES = (
    "Two soldiers were killed in an attack on a checkpoint in Aleppo on Monday.",
    "قتل ثلاثة مدنيين في قصف على مدينة إدلب يوم الثلاثاء.",
    "Protesters gathered in Baghdad to demand jobs, police said.",
    "اعتقلت قوات الأمن خمسة أشخاص في الموصل أمس.",
    "An air strike hit a market in Sanaa, killing four people.",
    "انفجرت سيارة مفخخة في كركوك وأصيب عشرة أشخاص.",
    "Rebels clashed with government forces near Homs on Friday.",
)


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def phrase_corpus(tmp_path: Path) -> Path:
    """14 short articles with ids, dates and outlets, in one JSONL file (with a blank line inside)."""
    records = [{"doc_id": f"p{i:02d}", "text": PHRASES[i % len(PHRASES)] + f" ({i})",
                "published": f"2022-01-{1 + i:02d}", "outlet": "test"} for i in range(14)]
    path = write_jsonl(tmp_path / "phrases.jsonl", records)
    path.write_text(path.read_text(encoding="utf-8").replace("\n", "\n\n", 1), encoding="utf-8")
    return path


def read_parts(out: Path) -> dict[str, dict[str, Any]]:
    """Every output record by doc_id; fails on a document written twice."""
    found: dict[str, dict[str, Any]] = {}
    for part in sorted(out.glob("part-*.jsonl")):
        for line in part.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            assert record["doc_id"] not in found, f"{record['doc_id']} written twice"
            found[record["doc_id"]] = record
    return found
