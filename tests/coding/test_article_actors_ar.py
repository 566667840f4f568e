"""Arabic article rules of issue #5 on whole gold articles of ``shared/eval``, read at run
time (each case names its file and doc_id) and run through the whole pipeline."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from rasid.model import Document, Event
from rasid.pipeline import extract_document


def _article(shared_dir: Path, rel: str, doc_id: str) -> tuple[dict[str, Any], list[Event]]:
    with (shared_dir / rel).open(encoding="utf-8") as handle:
        record = next(r for r in map(json.loads, handle) if r["doc_id"] == doc_id)
    published = date.fromisoformat(record["published"]) if record.get("published") else None
    document = Document(text=record["text"], doc_id=doc_id, lang=record["lang"], published=published)
    return record, list(extract_document(document).events)


def test_marked_doer_in_another_clause_is_actor1(shared_dir: Path) -> None:
    # news-syria-iraq-dev.jsonl, a-jesr-1: "قتل شاب ...، جرّاء إطلاق النار عليه من قبل عناصر حاجزٍ
    # تابع لـ«قوات سوريا الديمقراطية»": the killing's clause names no doer, "من قبل" marks it.
    _, events = _article(shared_dir, "eval/news-syria-iraq-dev.jsonl", "a-jesr-1")
    killing = next(e for e in events if e.event_type == "Violence against civilians")
    assert killing.actor1 == "SDF: Syrian Democratic Forces"
    assert killing.actor2 == "Civilians (Syria)"


def test_battle_sides_are_armed_and_a_capture_elsewhere_is_its_own_event(shared_dir: Path) -> None:
    # news-other-regions-dev.jsonl, b-alyaumtv-1: "ونُقِلَت فيديوهات بثها ناشطون موالون للجيش أن قوات
    # الهجّانة ... ألحقت خسائرَ كبيرة بالدعم السريع ... بالإضافة إلى استرداد المعسكر ... قرب بلدة العين":
    # the activists are the source, the RSF the losing side; the camp retaken near another town than the
    # fighting reported before is a second event.
    _, events = _article(shared_dir, "eval/news-other-regions-dev.jsonl", "b-alyaumtv-1")
    battles = [e for e in events if e.event_type == "Battles"]
    regain = [e for e in battles if e.sub_event_type == "Government regains territory"]
    assert len(regain) == 1
    assert (regain[0].actor1, regain[0].actor2) == ("Military Forces of Sudan", "RSF: Rapid Support Forces")
    assert any(e.sub_event_type == "Armed clash" for e in battles)
    assert not any((e.actor2 or "").startswith("Civilians") for e in battles)


def test_other_before_the_arabic_trigger_qualifies_another_noun(shared_dir: Path) -> None:
    # news-other-regions-dev.jsonl, b-adennews-1: "ويُعتقد أن استهداف المنزل كان نتيجة وجود قيادات
    # حوثية أخرى خلال القصف": "أخرى" belongs to "قيادات"; "القصف" is the strike already reported.
    record, events = _article(shared_dir, "eval/news-other-regions-dev.jsonl", "b-adennews-1")
    comment = record["text"].index("ويُعتقد أن استهداف المنزل")
    assert events and events[0].sub_event_type == "Air/drone strike"
    assert not any(e.evidence.start <= comment < e.evidence.end for e in events)


def test_a_place_in_the_events_own_clause_beats_a_sharper_one_in_another_province(shared_dir: Path) -> None:
    # news-protests-civilians-dev.jsonl, c-wijhat-1: "اغتال مسلحون ... في حي الشعب شمالي بغداد، بينما
    # أُصيب ناشطان آخران في محافظة القادسية بانفجار عبوة ناسفة": two events, the blast in Al-Qadisiyah.
    _, events = _article(shared_dir, "eval/news-protests-civilians-dev.jsonl", "c-wijhat-1")
    blasts = [e for e in events if e.sub_event_type == "Remote explosive/landmine/IED"]
    assert len(blasts) == 1
    assert blasts[0].place is not None and blasts[0].place.admin1 == "Al-Qadisiyah"
    # news-syria-iraq-dev.jsonl, a-jesr-1: "تظاهرات شعبية تشهدها مدن وبلدات ريف دير الزور، اليوم تضامناً
    # ونصرة لأهالي درعا": the protests are in Deir ez-Zor, Daraa is whom they support.
    _, events = _article(shared_dir, "eval/news-syria-iraq-dev.jsonl", "a-jesr-1")
    protests = [e for e in events if e.event_type == "Protests"]
    assert protests and all(e.place is not None and e.place.admin1 == "Deir ez-Zor" for e in protests)
