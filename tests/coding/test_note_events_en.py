"""English ACLED notes that no trigger word reads, and ACLED's ways of splitting a toll.

Notes are read at run time from ``shared/data/acled_mideast_2018/train_learningData.csv``
and cited by ``data_id``; nothing of their text is kept here.
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest

from rasid.coding.toll_en import coded_fatalities, split_parts
from rasid.model import Document, Event
from rasid.pipeline import extract_document


@pytest.fixture(scope="module")
def notes(shared_dir: Path) -> dict[str, dict[str, str]]:
    path = shared_dir / "data" / "acled_mideast_2018" / "train_learningData.csv"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["data_id"]: row for row in csv.DictReader(handle)}


def _events(row: dict[str, str]) -> tuple[Event, ...]:
    day = datetime.strptime(row["event_date"], "%d-%b-%y").date()
    return extract_document(Document(text=row["notes"], doc_id=row["data_id"], lang="en", published=day)).events


def test_heading_alone_makes_a_strategic_development(notes: dict[str, dict[str, str]]) -> None:
    # data_id 1353775: "Movement of forces: Regime forces called in military reinforcements ..." (no trigger word).
    row = notes["1353775"]
    assert row["notes"].startswith("Movement of forces:")
    events = _events(row)
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Strategic developments", "Other")]
    assert events[0].actor1 == "Military Forces of Syria"


def test_confident_classifier_codes_an_unread_note(notes: dict[str, dict[str, str]]) -> None:
    # data_id 1353737: "Skirmishes took place between regime and QSD forces ... No fatalities reported."
    row = notes["1353737"]
    events = _events(row)
    assert [e.event_type for e in events] == ["Battles"]
    assert events[0].fatalities == 0


def test_classifier_does_not_code_a_bare_negative(notes: dict[str, dict[str, str]]) -> None:
    # data_id 1353737's last sentence, "No fatalities reported.", names no side and no place.
    sentence = notes["1353737"]["notes"].rsplit(".", 2)[-2].strip() + "."
    assert sentence.startswith("No fatalities")
    doc = Document(text=sentence, doc_id="neg", lang="en")
    assert extract_document(doc).events == ()


def test_share_each_is_the_toll(notes: dict[str, dict[str, str]]) -> None:
    # data_id 1357972: "... coded as 10 and split, 5 each, between the 2 sub-districts."
    row = notes["1357972"]
    assert coded_fatalities(row["notes"]) == 5
    assert _events(row)[0].fatalities == int(row["fatalities"]) == 5


def test_spread_throughout_locations_divides_the_toll(notes: dict[str, dict[str, str]]) -> None:
    # data_id 1599209: 4 soldiers killed, "Fatalities spread throughout 4 locations."
    row = notes["1599209"]
    assert split_parts(row["notes"]) == 4
    assert _events(row)[0].fatalities == int(row["fatalities"]) == 1


def test_distributed_over_listed_places_divides_the_toll(notes: dict[str, dict[str, str]]) -> None:
    # data_id 1354794: 26 bodies; "Distributed fatalities over the activities in Saqba and Kafr Batna."
    row = notes["1354794"]
    assert split_parts(row["notes"]) == 2
    assert _events(row)[0].fatalities == int(row["fatalities"]) == 13


def test_split_with_another_event_halves_the_coded_toll(notes: dict[str, dict[str, str]]) -> None:
    # data_id 1360695: "(Unknown fatalities coded as 10, split with another event)".
    row = notes["1360695"]
    assert coded_fatalities(row["notes"]) == 5
    assert _events(row)[0].fatalities == int(row["fatalities"]) == 5


def test_toll_in_a_sentence_of_its_own_goes_to_the_event_before(notes: dict[str, dict[str, str]]) -> None:
    # data_id 1354185: a clash in Jobar, then "Two fatalities and no injuries were reported."
    row = notes["1354185"]
    events = _events(row)
    assert events[0].event_type == "Battles"
    assert events[0].fatalities == int(row["fatalities"]) == 2


def test_unnamed_killing_after_a_strike_is_its_toll(notes: dict[str, dict[str, str]]) -> None:
    # data_id 1354381: warplanes bombed Arbin while missiles hit the town; "Two people were killed."
    row = notes["1354381"]
    events = [e for e in _events(row) if not e.historical]
    assert [e.event_type for e in events] == ["Explosions/Remote violence"]
    assert events[0].fatalities == int(row["fatalities"]) == 2


def test_shot_and_killed_is_one_death(notes: dict[str, dict[str, str]]) -> None:
    # data_id 1360357: "A woman was shot and killed by a regime sniper ..." (one victim, two verbs).
    row = notes["1360357"]
    assert " shot and killed " in row["notes"]
    assert _events(row)[0].fatalities == int(row["fatalities"]) == 1


@pytest.mark.parametrize(
    ("data_id", "phrase"),
    [
        ("1354145", "death of a woman"),  # "... leading to the later death of a woman from injuries."
        ("1361954", "killing the owner"),  # "... killing the owner of the house in the attack."
        ("1355638", "killing the driver and a passenger"),  # two dead
    ],
)
def test_one_person_named_by_a_noun_is_counted(notes: dict[str, dict[str, str]], data_id: str, phrase: str) -> None:
    row = notes[data_id]
    assert phrase in row["notes"]
    assert _events(row)[0].fatalities == int(row["fatalities"]) > 0


@pytest.mark.parametrize("data_id", ["1358510", "1359320"])
def test_fighters_executing_or_assassinating_someone_is_violence_against_civilians(
    notes: dict[str, dict[str, str]], data_id: str
) -> None:
    # 1358510: "IS fighters executed two individuals ..."; 1359320: "Islamic State militants
    # assassinated a tribal chief ...": the fighters are the doers, not the victims.
    row = notes[data_id]
    assert row["event_type"] == "Violence against civilians"
    assert _events(row)[0].event_type == "Violence against civilians"
