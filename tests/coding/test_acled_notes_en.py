"""English event coding on real ACLED notes: ACLED's fatality rules, typing, the classifier.

Notes are read at run time from ``shared/data/acled_mideast_2018/train_learningData.csv``
(cited by ``data_id``); the classifier is checked on the test split (by ``d3mIndex``).
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest

from rasid.coding.classifier import best_type, type_scores
from rasid.coding.classifier_train import LEGACY_TYPES
from rasid.model import Document, Event
from rasid.pipeline import extract_document

FOLDER = Path("data") / "acled_mideast_2018"


def _read(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        pytest.skip(f"{path} not found")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def train_notes(shared_dir: Path) -> dict[str, dict[str, str]]:
    return {row["data_id"]: row for row in _read(shared_dir / FOLDER / "train_learningData.csv")}


def _day(row: dict[str, str]) -> date:
    return datetime.strptime(row["event_date"], "%d-%b-%y").date()


def _main_event(row: dict[str, str]) -> Event | None:
    doc = Document(text=row["notes"], doc_id=row["data_id"], lang="en", published=_day(row))
    return next((e for e in extract_document(doc).events if not e.historical), None)


@pytest.mark.parametrize(
    ("data_id", "dead"),
    [
        ("1353606", 10),  # "Unknown fatalities coded as 10": the coder's own figure
        ("1354994", 6),  # "killing and wounding dozens" ... "coded as half": half of 12
        ("1358178", 1),  # "killed 1 member and injured 2 others": the wounded never count
        ("1360396", 5),  # "5 pro Hadi fighters, including Colonel ...": the named man is one of the five
        ("1356278", 1),  # "A child was killed and 4 others were injured": a singular victim is one
        ("1354840", 25),  # "at least 25 ... conflicting sources indicate that 37": the conservative figure
        ("1359146", 5),  # "Fatality estimate (10) spread across two locations"
        ("1361274", 1),  # "Unknown armed individuals ... shot dead a soldier": "unknown" counts nobody
    ],
)
def test_acled_fatality_rules_on_notes(train_notes: dict[str, dict[str, str]], data_id: str, dead: int) -> None:
    row = train_notes[data_id]
    event = _main_event(row)
    assert event is not None, row["notes"]
    assert event.fatalities == dead == int(row["fatalities"]), row["notes"]


def test_acronym_is_not_a_forecast(train_notes: dict[str, dict[str, str]]) -> None:
    # data_id 1354221: "On Feb 25, IS militants attacked an oil police station ...": "IS" is the group.
    event = _main_event(train_notes["1354221"])
    assert event is not None
    assert event.event_type == "Battles"
    assert event.actor1 == "Islamic State"


def test_no_injuries_reported_keeps_the_event_with_no_toll(train_notes: dict[str, dict[str, str]]) -> None:
    # data_id 1353620: artillery shells fired at troops, then "No injuries were reported."
    event = _main_event(train_notes["1353620"])
    assert event is not None
    assert event.event_type == "Explosions/Remote violence"
    assert event.fatalities == 0


def test_classifier_types_test_notes(shared_dir: Path) -> None:
    """The shipped weights load and type held-out notes (test split, every 20th d3mIndex)."""
    rows = _read(shared_dir / FOLDER / "test_learningData.csv")
    gold = {r["d3mIndex"]: r["event_type"] for r in _read(shared_dir / FOLDER / "test_targets.csv")}
    sample = rows[::20]
    right = sum(best_type(r["notes"])[0] == LEGACY_TYPES[gold[r["d3mIndex"]]] for r in sample)
    assert len(sample) >= 300
    assert right / len(sample) >= 0.88  # 0.92 over the whole test split
    scores = type_scores(sample[0]["notes"])
    assert abs(sum(scores.values()) - 1.0) < 1e-9
    assert set(scores) == {
        "Battles", "Explosions/Remote violence", "Protests|Riots", "Strategic developments", "Violence against civilians",
    }


def test_training_is_deterministic(shared_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("numpy")
    from rasid.coding.classifier_train import train

    first = train(shared_dir / "data", tmp_path / "a", limit=300, steps=40)
    second = train(shared_dir / "data", tmp_path / "b", limit=300, steps=40)
    assert first.notes == 300
    assert first.path.read_bytes() == second.path.read_bytes()
    assert first.weights > 5


@pytest.mark.parametrize(
    ("data_id", "sub_event_type"),
    [
        ("1355352", "Disrupted weapons use"),  # "Defusal: ... identified a car ..." (a car bomb found, not set off)
        ("1604309", "Looting/property destruction"),  # "Property destruction: ... opened fire at the house ..."
    ],
)
def test_acled_note_heading_types_the_event(
    train_notes: dict[str, dict[str, str]], data_id: str, sub_event_type: str
) -> None:
    row = train_notes[data_id]
    assert row["event_type"] == "Strategic development"
    event = _main_event(row)
    assert event is not None
    assert (event.event_type, event.sub_event_type) == ("Strategic developments", sub_event_type)
