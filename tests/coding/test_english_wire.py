"""English articles (issue #5): restatements, datelines, background, typing and tolls.

Articles are read at run time from the shared gold files (each case names its file and doc_id)
and run through the whole pipeline; ACLED notes from ``shared/data/acled_mideast_2018`` (test split,
by ``d3mIndex``). The sentences of the toll tests at the end are written for this file.
"""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from rasid.coding.toll_en import sentence_kills
from rasid.model import Document, Event, Span
from rasid.pipeline import extract_document

WIRE = "eval/news-english-wire-dev.jsonl"


def _article(shared_dir: Path, rel: str, doc_id: str) -> tuple[str, list[Event]]:
    path = shared_dir / rel
    if not path.is_file():
        pytest.skip(f"{path} not found")
    with path.open(encoding="utf-8") as handle:
        record: dict[str, Any] = next(r for r in map(json.loads, handle) if r["doc_id"] == doc_id)
    published = date.fromisoformat(record["published"]) if record.get("published") else None
    document = Document(text=record["text"], doc_id=doc_id, lang=record["lang"], published=published)
    return record["text"], [e for e in extract_document(document).events if not e.historical]


def _at(text: str, events: list[Event], opening: str) -> list[Event]:
    """The events whose evidence covers the start of ``opening`` in the article."""
    at = text.index(opening)
    return [e for e in events if e.evidence.start <= at < e.evidence.end]


def test_retelling_without_place_or_day_is_the_lead_event(shared_dir: Path) -> None:
    # d-ghanamma-1: "Zira said the insurgents surrounded the village and opened fire" names no place
    # or day of its own (Mubi, where he fled, is the sentence before); "The whole village was burnt by
    # Boko Haram gunmen" is the attack's damage; "residents told AFP yesterday" dates the telling.
    # One attack, on Monday ("The attack happened ... on Monday").
    text, events = _article(shared_dir, WIRE, "d-ghanamma-1")
    assert [(e.event_type, e.fatalities, e.date) for e in events] == [("Violence against civilians", 15, "2015-06-08")]
    assert not _at(text, events, "Zira said the insurgents")
    assert not any(e.sub_event_type == "Looting/property destruction" for e in events)


def test_dateline_is_neither_place_nor_day(shared_dir: Path) -> None:
    # d-siasat-2: "Sanaa, Jan 14 : Dozens of fighters have been killed in clashes ... in the central
    # province of Marib": filed in Sanaa on the 14th, fought in Marib on a day not given. "The clashes
    # took place ... as the government forces recaptured a chain of hills" retells that battle, which
    # ACLED codes by its outcome.
    text, events = _article(shared_dir, WIRE, "d-siasat-2")
    lead = _at(text, events, "Dozens of fighters")
    assert len(lead) == 1
    assert lead[0].place is not None and lead[0].place.admin1 == "Marib"
    assert lead[0].date is None
    assert lead[0].sub_event_type == "Government regains territory"
    assert not _at(text, events, "The clashes took place")


def test_dateline_town_gives_way_to_the_places_the_report_names(shared_dir: Path) -> None:
    # d-rudaw-1: "ERBIL, Kurdistan Region - Iraqi security forces ... in four provinces, including the
    # capital city of Baghdad": the arrests were not in Erbil.
    text, events = _article(shared_dir, WIRE, "d-rudaw-1")
    lead = _at(text, events, "Iraqi security forces on Tuesday")
    assert lead and all(e.place is not None and e.place.admin1 != "Erbil" for e in lead)


def test_past_in_a_relative_clause_does_not_cancel_the_killing(shared_dir: Path) -> None:
    # d-jpost-1: "Activist Reham Yacoub, who had led several women's marches in the past, was killed on
    # Wednesday ... when gunmen ... opened fire on their car": the relative clause describes her; the
    # killing is news, with one dead (the marches are not a count of the dead).
    text, events = _article(shared_dir, WIRE, "d-jpost-1")
    found = _at(text, events, "opened fire on their car")
    assert [(e.event_type, e.date, e.fatalities) for e in found] == [("Violence against civilians", "2020-08-19", 1)]


def test_separate_incident_is_its_own_event(shared_dir: Path) -> None:
    # d-jpost-1: "after one activist was killed and four others had their car fired upon in a separate
    # incident": two incidents in one sentence, the killing (one dead) and the shooting (none).
    text, events = _article(shared_dir, WIRE, "d-jpost-1")
    killing = _at(text, events, "one activist was killed")
    shooting = _at(text, events, "four others had their car")
    assert [e.fatalities for e in killing] == [1]
    assert [e.fatalities for e in shooting] == [0]


def test_the_attack_started_by_car_bombs_is_the_battle(shared_dir: Path) -> None:
    # d-egyptwatch-1: "the attack started by detonating two booby-trapped vehicles in military Camp
    # 118": "the attack" is the checkpoint attack already reported; its car bombs are how it began.
    _, events = _article(shared_dir, WIRE, "d-egyptwatch-1")
    assert [e.event_type for e in events] == ["Battles"]
    assert events[0].fatalities == 20


def test_cycle_of_attacks_and_killings_is_no_event(shared_dir: Path) -> None:
    # d-sandiegouniontribune-1: "the continuous vicious cycle of attacks and reprisal killings between
    # jihadi militant groups ...": an analyst on habitual violence.
    text, events = _article(shared_dir, WIRE, "d-sandiegouniontribune-1")
    assert not _at(text, events, "the continuous vicious cycle")
    assert len(events) == 1


def test_back_reference_with_the_town_is_the_clause_cited(shared_dir: Path) -> None:
    # d-spokesman-1: "The second bombing occurred Sunday afternoon in Qadisiya province" then "One
    # soldier was killed ... when the blast ripped into a patrol just west of ... Diwaniya": the fuller
    # clause; and at Tarmiya "Two policemen, a member of the unit and a civilian were killed": four.
    text, events = _article(shared_dir, WIRE, "d-spokesman-1")
    assert _at(text, events, "One soldier was killed and two others")
    assert not _at(text, events, "The second bombing occurred")
    tarmiya = [e for e in events if e.sub_event_type == "Suicide bomb"]
    assert [(e.fatalities, e.actor2) for e in tarmiya] == [(4, "Police Forces of Iraq")]


def test_summary_names_the_side_its_items_call_by_a_bare_noun(shared_dir: Path) -> None:
    # d-spokesman-1: "Two U.S. soldiers were killed in a pair of roadside bombings" sums up; "One soldier
    # died in a bomb blast ... in Salahuddin province" is one of the two: a U.S. soldier.
    _, events = _article(shared_dir, WIRE, "d-spokesman-1")
    bombs = [e for e in events if e.sub_event_type == "Remote explosive/landmine/IED"]
    assert len(bombs) == 2
    assert {e.actor2 for e in bombs} == {"Military Forces of the United States"}


@pytest.fixture(scope="module")
def test_notes(shared_dir: Path) -> dict[str, dict[str, str]]:
    path = shared_dir / "data" / "acled_mideast_2018" / "test_learningData.csv"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["d3mIndex"]: row for row in csv.DictReader(handle)}


@pytest.mark.parametrize(
    ("index", "dead"),
    [
        ("6053", 4),  # "killed in clashes ..." then "As many as 3 additional regime forces were killed"
        ("2367", 9),  # "Clashes ... took place in Sirwah district" then "9 pro-Houthi fighters were reported killed"
        ("2569", 14),  # "two other Iranians were among those killed": among the 14, not beside them
        ("1260", 1),  # "... was killed by a Saudi-led coalition airstrike": the strike's one dead
        ("3586", 0),  # "A Mutaaz Billah fighter was shot ... No fatalities reported": shot, not killed
    ],
)
def test_note_tolls(test_notes: dict[str, dict[str, str]], index: str, dead: int) -> None:
    row = test_notes[index]
    day = datetime.strptime(row["event_date"], "%d-%b-%y").date()
    events = extract_document(Document(text=row["notes"], doc_id=index, lang="en", published=day)).events
    main = next(e for e in events if not e.historical)
    assert main.fatalities == dead


@pytest.mark.parametrize(
    ("index", "event_type"),
    [
        ("2984", "Violence against civilians"),  # "Israeli forces opened fire on and injured 3 Palestinian fisherman"
        ("380", "Violence against civilians"),  # "Unidentified gunmen targeted a person driving a motorbike"
        ("2469", "Battles"),  # "attacked pro-Hadi forces - including the 17th Infantry Brigade": no infants
    ],
)
def test_note_types(test_notes: dict[str, dict[str, str]], index: str, event_type: str) -> None:
    row = test_notes[index]
    day = datetime.strptime(row["event_date"], "%d-%b-%y").date()
    events = extract_document(Document(text=row["notes"], doc_id=index, lang="en", published=day)).events
    assert next(e for e in events if not e.historical).event_type == event_type


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("Three soldiers, a police officer and a child were killed when the bomb went off.", 5),
        ("A soldier and a civilian were killed in the blast.", 2),
        ("As many as 30 people were killed in the raid.", 30),
        ("Gunmen attacked a convoy carrying several women's groups; two drivers were killed.", 2),
        ("Five people, including a child, were killed.", 5),
        ("Two villagers, a farmer and his son, were killed by a landmine.", 2),
        ("Three of the officer's relatives were killed in the blast.", 3),
    ],
)
def test_sentence_tolls(sentence: str, dead: int) -> None:
    result = extract_document(Document(text=sentence, doc_id="t", lang="en"))
    counts = sentence_kills(sentence, Span(0, len(sentence)), result.quantities, result.times)
    assert sum(n for _, n in counts) == dead


def test_event_told_as_another_time_is_not_a_restatement() -> None:
    # Written for this test: "The attack happened a day after ...": the restated attack is the first
    # one; the bombing a day before is an event of its own.
    text = (
        "Gunmen killed two soldiers in Kirkuk on Monday. "
        "The attack happened a day after a roadside bomb killed three policemen in Tikrit."
    )
    events = extract_document(Document(text=text, doc_id="t", lang="en")).events
    assert sorted(e.fatalities for e in events) == [2, 3]
