"""English background (past perfect, "in the past") and generic statements give no
event; the weapons of a ground attack fold into its Battles event (rasid.coding.modifiers,
rasid.coding.rules)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from coding_builders import make_result

from rasid.coding.events import code_events
from rasid.pipeline import extract

ROOT = Path(__file__).resolve().parents[2]


def _n_events(text: str, lang: str = "en") -> int:
    return len(code_events(make_result(text, lang=lang)))


@pytest.mark.parametrize(
    "text",
    [
        "The protesters had gathered to demand the governor's removal after two activists were killed.",
        "Clashes had erupted in the district before the truce.",
        "Cross-border raids are fairly common in the region.",
        "Such attacks have become increasingly common in the province.",
        "Many fighters who attacked the army in the past have joined the alliance.",
    ],
)
def test_english_background_and_generic_statements(text: str) -> None:
    assert _n_events(text) == 0


@pytest.mark.parametrize(
    "text",
    [
        "Police said gunmen had killed four villagers on Sunday.",  # reported speech: the news
        "Protesters clashed with police who had fired tear gas on Sunday.",  # relative clause
        "Militants had to retreat after clashes with the army on Sunday.",  # "had to": no past perfect
        "Gunmen killed four villagers on Sunday after they had stormed the village.",  # trigger before "had"
        "Raids on the town killed three people on Sunday.",
    ],
)
def test_english_news_still_reports(text: str) -> None:
    assert _n_events(text) >= 1


def _sentence_of(shared_dir: Path, rel: str, doc_id: str, start: str) -> str:
    with (shared_dir / rel).open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            if doc["doc_id"] == doc_id:
                m = re.search(re.escape(start) + r"[^.]*\.", doc["text"])
                assert m is not None
                return m.group(0)
    raise LookupError(doc_id)


@pytest.mark.parametrize(
    ("doc_id", "start"),
    [
        ("d-jpost-1", "The protesters had gathered"),  # past-perfect background
        ("d-irishtimes-1", "Cross-border raids are"),  # generic statement
    ],
)
def test_real_background_sentences(shared_dir: Path, doc_id: str, start: str) -> None:
    sentence = _sentence_of(shared_dir, "eval/news-english-wire-dev.jsonl", doc_id, start)
    assert _n_events(sentence) == 0


def test_arabic_clash_verb_is_a_trigger() -> None:
    events = code_events(make_result("استخدم المسلحون قذائف الهاون قبل أن يشتبكوا مع الجنود.", lang="ar"))
    assert [e.event_type for e in events] == ["Battles"]


def test_sample_lead_is_the_battle_and_keeps_the_evidence() -> None:
    text = (ROOT / "samples" / "sample.ar.txt").read_text(encoding="utf-8")
    events = extract(text, lang="ar", published="2024-03-12").events
    main = events[0]
    assert (main.event_type, main.sub_event_type) == ("Battles", "Armed clash")
    assert (main.actor1, main.actor2) == ("Islamic State", "Military Forces of Iraq")
    assert main.fatalities == 4
    assert "هجوم" in main.evidence_text
    assert all(e.event_type != "Explosions/Remote violence" or "هاون" not in e.evidence_text for e in events)


def test_weapons_of_a_ground_attack_fold_into_the_battle() -> None:
    """A lead dated between two named sides, then "used sniper rifles and mortars" (no clash
    verb): the mortars do not retype the battle as remote violence."""
    text = (
        "قتل أربعة جنود من الجيش العراقي مساء الاثنين في هجوم شنه مسلحون من تنظيم داعش على نقطة عسكرية في ديالى.\n"
        "وقال المتحدث إن المهاجمين استخدموا أسلحة قناصة وقذائف هاون.\n"
    )
    events = extract(text, lang="ar", published="2024-03-12").events
    assert events and events[0].event_type == "Battles"
    assert "هجوم" in events[0].evidence_text
    drone = (
        "The Houthi rebels attacked a government security centre in Taiz on Sunday, killing two policemen.\n"
        "The Houthis used an explosive-laden drone in their attack.\n"
    )
    # A drone alone names no ground fighting: the specific report may still type the event.
    assert extract(drone, lang="en", published="2024-03-12").events
