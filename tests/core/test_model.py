"""The data model: spans, the event taxonomy and the contract's field names."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rasid.model import EVENT_TYPES, Document, Event, Place, Quote, Result, Span


def contract_fields(spec: str, heading: str) -> list[str]:
    """The field names of one table in EVENTS.md."""
    section = spec.split(f"### {heading}", 1)[1].split("###", 1)[0]
    return re.findall(r"^\| `(\w+)` \|", section, flags=re.M)


def test_span_rejects_inverted_and_negative_offsets() -> None:
    with pytest.raises(ValueError):
        Span(5, 3)
    with pytest.raises(ValueError):
        Span(-1, 3)
    assert len(Span(2, 7)) == 5
    assert Span(0, 4).overlap(Span(2, 9)) == 2
    assert not Span(0, 2).overlaps(Span(2, 4))


def test_event_refuses_a_sub_type_of_another_type() -> None:
    with pytest.raises(ValueError, match="not a sub-event type"):
        Event("Battles", "Air/drone strike", Span(0, 1), "x")


def test_taxonomy_matches_the_spec(shared_dir: Path) -> None:
    spec = (shared_dir / "spec" / "EVENTS.md").read_text(encoding="utf-8")
    for line in re.findall(r"^- \*\*(.+?)\*\*: (.+)$", spec, flags=re.M):
        event_type, subs = line
        assert EVENT_TYPES[event_type] == tuple(s.strip() for s in subs.split(";"))
    assert sum(len(s) for s in EVENT_TYPES.values()) == 25


def test_serialisation_uses_the_contract_field_names(shared_dir: Path) -> None:
    spec = (shared_dir / "spec" / "EVENTS.md").read_text(encoding="utf-8")
    text = "قتل 3 مدنيين في الحسكة"
    event = Event(
        "Violence against civilians", "Attack", Span(0, len(text)), text,
        actor2="Civilians (Syria)", place=Place("Al-Hasakah", "Syria", "Al-Hasakah"), fatalities=3,
    )
    quote = Quote("q1", Span(0, 5), text[:5], "indirect", "قال")
    result = Result(Document(text, "d1"), events=(event,), quotes=(quote,))
    record = json.loads(result.to_json())
    event_fields = set(contract_fields(spec, "EVENT")) - {"optional"}
    assert event_fields <= set(record["events"][0])
    assert set(contract_fields(spec, "QUOTE")) | {"id", "start", "end"} <= set(record["quotes"][0])
    assert record["events"][0]["evidence"] == text[record["events"][0]["evidence_start"]:record["events"][0]["evidence_end"]]
    assert record["events"][0]["admin1"] == "Al-Hasakah"
