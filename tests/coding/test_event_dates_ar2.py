"""Arabic event dates of issue #5 (round 2) on gold articles of ``shared/eval``, read at run time
(each case names its file and doc_id): an undated report right after a dated one takes its day."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from rasid.model import Document, Event
from rasid.pipeline import extract_document


def _article(shared_dir: Path, rel: str, doc_id: str) -> tuple[str, list[Event]]:
    with (shared_dir / rel).open(encoding="utf-8") as handle:
        record: dict[str, Any] = next(r for r in map(json.loads, handle) if r["doc_id"] == doc_id)
    document = Document(
        text=record["text"], doc_id=doc_id, lang=record["lang"], published=date.fromisoformat(record["published"])
    )
    return record["text"], list(extract_document(document).events)


def _covering(text: str, events: list[Event], words: str) -> Event:
    at = text.index(words)
    return next(e for e in events if e.evidence.start <= at < e.evidence.end)


def test_undated_entry_continues_the_day_of_the_capture(shared_dir: Path) -> None:
    # news-syria-iraq-dev.jsonl, a-7al-1 (published 2019-08-23): "سيطر صباح اليوم ..." then "لدخول مجموعات
    # “الجيش السوري” إلى مدينة مورك": the entry into Murak is told the same day.
    text, events = _article(shared_dir, "eval/news-syria-iraq-dev.jsonl", "a-7al-1")
    assert _covering(text, events, "صباح اليوم").date == "2019-08-23"
    assert _covering(text, events, "إلى مدينة مورك").date == "2019-08-23"


def test_undated_sentence_after_a_weekday_takes_that_day(shared_dir: Path) -> None:
    # news-protests-civilians-dev.jsonl, c-darelhilal-1 (published 2018-09-25): "اقتحمت ... الاثنين" then
    # "وأجبرت عناصر المليشيا ...": both on Monday 24 September; the raid of the 13th keeps its own date.
    text, events = _article(shared_dir, "eval/news-protests-civilians-dev.jsonl", "c-darelhilal-1")
    assert _covering(text, events, "الحراسات الأمنية").date == "2018-09-24"
    assert any(e.date == "2018-09-13" for e in events)
