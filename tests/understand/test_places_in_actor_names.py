"""A place word inside an actor's name ("Hayat Tahrir al-Sham", "ولاية سيناء") is not a place of the event."""

from __future__ import annotations

import pytest

from rasid.model import Mention
from rasid.pipeline import extract
from rasid.resources import read_table
from rasid.text.normalize import normalize
from rasid.understand.actors import find_actors
from rasid.understand.places import article_country, find_places

_SENTENCE = {
    "en": "On Monday, {} fighters attacked a checkpoint, a monitor said.",
    "ar": "هاجم مقاتلو {} حاجزا يوم الاثنين بحسب مصدر محلي.",
}


def _named_aliases() -> list[tuple[str, str, str]]:
    """(lang, alias, canonical) for every alias of every named actor in the dictionary."""
    out = []
    for row in read_table("actors.tsv").rows:
        if row["kind"] != "named":
            continue
        for lang, column in (("ar", "aliases_ar"), ("en", "aliases_en")):
            out += [(lang, alias, row["canonical"]) for alias in row[column].split("|") if alias]
    return out


def _inside(place: Mention, actors: tuple[Mention, ...]) -> Mention | None:
    return next((a for a in actors if a.span.contains(place.span)), None)


def test_no_place_is_found_inside_a_named_actors_alias() -> None:
    """Every named alias of the dictionary, in a sentence naming no place: no place inside it."""
    aliases = _named_aliases()
    assert len(aliases) > 150
    found_inside = []
    actors_seen = 0
    for lang, alias, canonical in aliases:
        norm = normalize(_SENTENCE[lang].format(alias))
        actors = tuple(m for m in find_actors(norm, lang) if m.canonical == canonical)
        actors_seen += bool(actors)
        for place in find_places(norm, lang):
            actor = _inside(place, actors)
            if actor is not None:
                found_inside.append((alias, place.text, place.canonical))
    assert actors_seen > 0.8 * len(aliases)
    assert not found_inside, found_inside[:20]


@pytest.mark.parametrize(("text", "lang"), [
    ("Hayat Tahrir al-Sham fighters clashed with government forces.", "en"),
    ("Fighters of Ahrar Al-Sham attacked regime positions.", "en"),
    ("Militants of the Islamic State of Iraq and Syria attacked a patrol.", "en"),
    ("هاجم مسلحو الدولة الإسلامية في العراق والشام دورية للجيش.", "ar"),
])
def test_an_event_takes_no_place_from_its_actors_name(text: str, lang: str) -> None:
    result = extract(text, lang=lang, published="2020-01-05")
    assert result.events
    assert [e.location for e in result.events] == [None] * len(result.events)
    assert not [m for m in result.mentions if m.kind == "place"]


def test_a_place_word_in_an_actors_name_does_not_set_the_articles_country() -> None:
    """"Tahrir" is also a town in Yemen: before, it made the Syrian group's opponents Yemen's army."""
    norm = normalize("Hayat Tahrir al-Sham fighters clashed with government forces.")
    assert article_country(norm, "en") is None
    events = extract(norm.original, lang="en", published="2020-01-05").events
    assert events and all("Yemen" not in (e.actor2 or "") for e in events)


@pytest.mark.parametrize(("text", "lang", "place"), [
    ("Hayat Tahrir al-Sham fighters attacked a checkpoint in Idlib.", "en", "Idlib"),
    ("Iraq's army shelled the town, killing three civilians.", "en", "Iraq"),  # a qualifier, not an alias
    ("قصف تنظيم داعش مواقع في الموصل.", "ar", "الموصل"),
])
def test_places_beside_an_actor_or_in_its_qualifier_stay(text: str, lang: str, place: str) -> None:
    mentions = find_places(normalize(text), lang)
    assert place in [m.text for m in mentions]
