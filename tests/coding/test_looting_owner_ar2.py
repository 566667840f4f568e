"""Arabic looting and mob violence (issue #5, round 2) on gold articles of ``shared/eval``, read at run time:
the owner of looted stores is no side attacked; an angry crowd with no demonstration is mob violence."""

from __future__ import annotations

import json
from pathlib import Path

from rasid.model import Document
from rasid.pipeline import extract_document


def test_owner_of_looted_stores_is_no_actor2(shared_dir: Path) -> None:
    # news-protests-civilians-dev.jsonl, c-matarees-1: "اقتحم مسلحون ... مخازن برنامج الغذاء العالمي بالفاشر
    # ونهبوا مواد غذائية": unidentified gunmen loot; the WFP owns the stores.
    with (shared_dir / "eval" / "news-protests-civilians-dev.jsonl").open(encoding="utf-8") as handle:
        record = next(r for r in map(json.loads, handle) if r["doc_id"] == "c-matarees-1")
    events = extract_document(Document(text=record["text"], doc_id="c-matarees-1", lang="ar")).events
    looting = [e for e in events if e.sub_event_type == "Looting/property destruction"]
    assert len(looting) == 1
    assert looting[0].actor1 == "Unidentified Armed Group (Sudan)"
    assert looting[0].actor2 is None


def test_angry_crowd_burning_a_house_is_mob_violence(shared_dir: Path) -> None:
    # news-protests-civilians-dev.jsonl, c-emaratalyoum-1: "قامت مجموعة من الشبان الغاضبين بإحراق منزل صاحب
    # خزان الوقود الذي انفجر": no demonstration is reported; a crowd attacks a man's house.
    with (shared_dir / "eval" / "news-protests-civilians-dev.jsonl").open(encoding="utf-8") as handle:
        record = next(r for r in map(json.loads, handle) if r["doc_id"] == "c-emaratalyoum-1")
    events = extract_document(Document(text=record["text"], doc_id="c-emaratalyoum-1", lang="ar")).events
    riots = [e for e in events if e.event_type == "Riots"]
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in riots] == [
        ("Mob violence", "Rioters (Lebanon)", "Civilians (Lebanon)")
    ]
