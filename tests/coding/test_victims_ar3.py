"""Arabic event coding, round 3 (issue #5): a group killing its own members, and preparation for
attacks that may come. Sentences come from the worked example
``shared/examples/ghwayran-prison-attack.gold.jsonl`` (doc_id seed-ghwayran), read at run time."""

from __future__ import annotations

from typing import Any

from rasid.model import Document, Event
from rasid.pipeline import extract_document


def _sentence_with(text: str, words: str) -> str:
    at = text.index(words)
    start = max(text.rfind(".", 0, at), text.rfind("\n", 0, at)) + 1
    end = text.index(".", at) + 1
    return text[start:end].strip()


def _events(text: str) -> list[Event]:
    return list(extract_document(Document(text=text, doc_id="t", lang="ar")).events)


def test_group_killing_its_own_members_is_their_actor_too(ghwayran: dict[str, Any]) -> None:
    # seed-ghwayran: "قتلت مجموعة من داعش سبعة من عناصرها على الأقل ... لتسليم أنفسهم": ACLED codes
    # the killing of the group's own surrendering members with the group on both sides.
    sentence = _sentence_with(ghwayran["text"], "سبعة من عناصرها")
    events = _events(sentence)
    assert [(e.event_type, e.actor1, e.actor2, e.fatalities) for e in events] == [
        ("Violence against civilians", "Islamic State", "Islamic State", 7)
    ]


def test_preparing_for_attacks_is_no_attack(ghwayran: dict[str, Any]) -> None:
    # seed-ghwayran: residents armed themselves "استعدادا لأي هجماتٍ قد يشنها تنظيم داعش": attacks
    # that may come are a forecast, not an event.
    sentence = _sentence_with(ghwayran["text"], "استعدادا لأي")
    assert "هجمات" in sentence
    assert _events(sentence) == []
