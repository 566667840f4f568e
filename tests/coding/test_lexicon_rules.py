"""Trigger lexicon and typing fixes, on petrarch newswire sentences read at run time.

Sentences are picked from ``eval/petrarch-arabic-dev.jsonl`` by their ``id``.
"""

from __future__ import annotations

import json
from pathlib import Path

from coding_builders import make_result

from rasid.coding.context import view_sentence
from rasid.coding.events import code_events
from rasid.model import Sentence, Span
from rasid.text.normalize import normalize

VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def _petrarch(shared_dir: Path, sentence_id: str) -> str:
    with (shared_dir / "eval" / "petrarch-arabic-dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            if doc["id"] == sentence_id:
                return str(doc["text"])
    raise LookupError(sentence_id)


def _trigger_kinds(text: str) -> set[str]:
    norm = normalize(text)
    view = view_sentence(norm, Sentence(Span(0, len(text)), 0))
    return {t.entry.kind for t in view.triggers}


def test_israel_and_family_are_not_capture_words() -> None:
    """"أسر" (captured) once matched as a prefix: "إسرائيل", "أسرة", "أسرار" are no arrests."""
    assert "arrest" not in _trigger_kinds("وقالت إسرائيل إن أسرة الضحية طالبت بكشف الأسرار.")
    assert "arrest" in _trigger_kinds("وأسر المسلحون جنديين.")


def test_hostage_taking_is_an_abduction(shared_dir: Path) -> None:
    """petrarch 5b520e266203c42f8aa08fe6: students "held four policemen hostage"."""
    text = _petrarch(shared_dir, "5b520e266203c42f8aa08fe6")
    events = code_events(make_result(text))
    assert ("Violence against civilians", "Abduction/forced disappearance") in {
        (e.event_type, e.sub_event_type) for e in events
    }
    assert not any(e.sub_event_type == "Arrests" for e in events)


def test_bombing_verb_reports_an_explosion(shared_dir: Path) -> None:
    """petrarch 5b520e266203c42f8aa08f16: gunmen "blew up" the main road."""
    text = _petrarch(shared_dir, "5b520e266203c42f8aa08f16")
    events = code_events(make_result(text))
    assert any(e.event_type == "Explosions/Remote violence" for e in events)


def test_assault_verb_reports_violence(shared_dir: Path) -> None:
    """petrarch 5b520e266203c42f8aa08f05: forces "assault residents with beatings"."""
    text = _petrarch(shared_dir, "5b520e266203c42f8aa08f05")
    assert "attack" in _trigger_kinds(text)
