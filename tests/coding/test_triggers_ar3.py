"""Arabic triggers, round 3 (issue #5): bombs named in the plural, with or without a possessive.
The sentence is read at run time from ``shared/eval/petrarch-arabic-dev.jsonl`` (doc_id in the test)."""

from __future__ import annotations

import json
from pathlib import Path

from rasid.model import Document
from rasid.pipeline import extract_document


def _sentence(shared_dir: Path, doc_id: str) -> str:
    with (shared_dir / "eval/petrarch-arabic-dev.jsonl").open(encoding="utf-8") as handle:
        return str(next(r for r in map(json.loads, handle) if r["doc_id"] == doc_id)["text"])


def test_plural_bombs_with_possessive_are_a_bombing(shared_dir: Path) -> None:
    # petrarch-arabic-dev.jsonl, 5b520e266203c42f8aa08efe: "وفجر المهاجمون قنابلهم على متن 3 قطارات
    # للمترو": the subject stands between the verb and "قنابل", so only the weapon word can trigger.
    text = _sentence(shared_dir, "5b520e266203c42f8aa08efe")
    assert "قنابلهم" in text
    events = extract_document(Document(text=text, doc_id="t", lang="ar")).events
    assert [e.event_type for e in events] == ["Explosions/Remote violence"]
    # "المهاجمون" (the attackers) is the unnamed side's own word, shown as actor1's text.
    assert events[0].actor1_text == "المهاجمون"


def test_tear_gas_bombs_stay_the_protest_intervention(shared_dir: Path) -> None:
    # news-protests-civilians-dev.jsonl, c-djazairess-alahrar-1: "واجهت قوات الأمن عشرات المتظاهرين ...
    # مستخدمة قنابل الغاز": the weak plural trigger yields to the protest it is used against.
    with (shared_dir / "eval/news-protests-civilians-dev.jsonl").open(encoding="utf-8") as handle:
        text = next(r for r in map(json.loads, handle) if r["doc_id"] == "c-djazairess-alahrar-1")["text"]
    start = text.index("واجهت قوات الأمن")
    sentence = text[start : text.index(".", start) + 1]
    assert "قنابل" in sentence
    events = extract_document(Document(text=sentence, doc_id="t", lang="ar")).events
    assert events
    assert {e.event_type for e in events} == {"Protests"}
