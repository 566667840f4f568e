"""Unnamed foreign forces as an Arabic actor (issue #5, round 2), on a sentence of
``shared/eval/petrarch-arabic-dev.jsonl`` read at run time: "قوات اجنبية" names no country, so
the side is ACLED's generic "Unidentified Military Forces", not an unknown or an armed group."""

from __future__ import annotations

import json
from pathlib import Path

from rasid.model import Document
from rasid.pipeline import extract_document


def test_foreign_forces_are_unidentified_military_forces(shared_dir: Path) -> None:
    # doc_id 5b520e266203c42f8aa08fcd: "ان قوات اجنبية قتلت تسعة جنود افغان بطريق الخطأ في ضربة جوية".
    with (shared_dir / "eval" / "petrarch-arabic-dev.jsonl").open(encoding="utf-8") as handle:
        text = next(r for r in map(json.loads, handle) if r["doc_id"] == "5b520e266203c42f8aa08fcd")["text"]
    events = extract_document(Document(text=text, doc_id="q", lang="ar")).events
    assert len(events) == 1
    assert events[0].actor1 == "Unidentified Military Forces (Afghanistan)"
    assert events[0].actor1_text == "قوات اجنبية"
    assert events[0].actor2 == "Military Forces of Afghanistan"
