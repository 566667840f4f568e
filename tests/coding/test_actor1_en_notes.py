"""English actor1: aliases added for ACLED's Middle East actors and the coder's generic sides.

Every sentence here is written for the test (short, note-like English); none is copied
from a note or an article.
"""

from __future__ import annotations

import pytest

from rasid.model import Document, Event
from rasid.text.normalize import normalize
from rasid.understand.actors import find_actors
from rasid.understand.countries import country_by_name


def _canon(text: str) -> list[str | None]:
    return [m.canonical for m in find_actors(normalize(text), "en")]


def _main(text: str) -> Event:
    from rasid.pipeline import extract_document

    events = [e for e in extract_document(Document(text=text, doc_id="t", lang="en")).events if not e.historical]
    assert events, text
    return events[0]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Hayaat Tahrir al-Sham announced a new offensive.", "HTS: Hayat Tahrir al-Sham"),
        ("HNDZ fighters withdrew overnight.", "HNDZ: Nour al-Din al-Zinki Movement"),
        ("The Rahman Corps denied the report.", "Faylaq al-Rahman"),
        ("Jaysh Khalid ibn al-Walid held the valley.", "Khalid ibn al-Walid Army"),
        ("The Army of Victory joined the operation.", "JaN: Army of Victory"),
        ("The Popular Mobilization reinforced the road.", "PMF: Popular Mobilization Forces"),
        ("The Tiger Forces moved north.", "Military Forces of Syria"),
        ("Olive Branch factions entered the village.", "SNA: Syrian National Army"),
        ("Saudi-American aggression jets struck again.", "Saudi-led Coalition"),
        ("Pro-Houthi fighters took the hill.", "Houthis"),
        ("The army and popular committees repelled the attack.", "Houthis"),
        ("Pro Hadi fighters advanced.", "Military Forces of Yemen"),
    ],
)
def test_added_aliases_resolve(phrase: str, expected: str) -> None:
    assert expected in _canon(phrase)


def test_regime_forces_are_syrias_only_when_no_country_is_known() -> None:
    # No place, no country word: English conflict reporting's "regime forces" are Syria's.
    assert _main("Regime forces shelled the outskirts of the town.").actor1 == "Military Forces of Syria"
    # A country adjective on the phrase still decides.
    assert "Military Forces of Iran" in _canon("Iranian regime forces fired on the crowd.")
    # "anti-regime" is a slogan, not an actor.
    assert _canon("They chanted anti-regime slogans.") == []


def test_unidentified_aircraft_are_unidentified_military_forces() -> None:
    assert _main("Unidentified warplanes struck a fuel depot in Deir ez-Zor.").actor1 == (
        "Unidentified Military Forces (Syria)"
    )


def test_members_named_after_their_group_are_the_group() -> None:
    # "militants" right after a named group are its members, not an unidentified armed group.
    mentions = _canon("Islamic State militants ambushed a patrol.")
    assert "Islamic State" in mentions and "Unidentified Armed Group (Iraq)" not in mentions
    assert None not in mentions  # no leftover generic "militants" waiting for a country


def test_subject_of_an_english_bombing_verb_is_actor1() -> None:
    # "bombed" reads as an explosive; the force written as its subject is still the doer.
    assert _main("Turkish warplanes bombed a village near Afrin.").actor1 == "Military Forces of Turkey"
    assert _main("Turkish forces heavily bombarded a village near Afrin.").actor1 == "Military Forces of Turkey"


def test_group_marked_by_by_in_another_clause_planted_the_mine() -> None:
    event = _main("Two shepherds were killed in a mine blast near Mosul; the mine was planted by ISIS.")
    assert event.actor1 == "Islamic State"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Several shells fell on a market district of Damascus city. No injuries were reported.",
         "Unidentified Armed Group"),
        ("Mortar rounds landed near a school in Aleppo city, causing material damage.", "Unidentified Armed Group"),
    ],
)
def test_unnamed_doer_is_acled_generic_side_of_the_country(text: str, label: str) -> None:
    event = _main(text)
    country = event.place.country if event.place is not None else None
    assert country is not None and country_by_name(country) is not None
    assert event.actor1 == f"{label} ({country})"


def test_fighters_killed_after_a_clash_are_its_toll() -> None:
    # The dead named only by their own group, in the sentence after the clash, are the clash's
    # dead: one event with their toll, not a second battle of one side.
    from rasid.pipeline import extract_document

    text = "Turkish forces clashed with Kurdish fighters near Rajo. Four Hamza Division fighters were killed."
    events = [e for e in extract_document(Document(text=text, doc_id="t", lang="en")).events if not e.historical]
    assert [(e.event_type, e.fatalities) for e in events] == [("Battles", 4)]
    assert events[0].actor1 == "Military Forces of Turkey"
