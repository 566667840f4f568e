"""The event-coding lexicons, loaded once from ``rasid/data``.

Two tables: ``event_triggers.tsv`` (words that report an event, with their
default ACLED type) and ``event_modifiers.tsv`` (context cues: what cancels an
event, what refines its sub-type, who the victims are). Both use the prefix
patterns of :mod:`rasid.coding.patterns`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rasid.coding.patterns import PatternMatcher
from rasid.model import SUB_EVENT_TYPES
from rasid.resources import read_table

# Cues that stop a trigger from being an event when they precede it in its clause.
CANCELLING = frozenset(
    {"denial", "negation", "hypothetical", "forecast", "demand", "attempt", "question"}
)


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    kind: str
    event_type: str
    sub_event_type: str
    lang: str
    strong: bool


@dataclass(frozen=True, slots=True)
class CueEntry:
    cue: str
    lang: str
    window: int


@cache
def trigger_matcher() -> PatternMatcher[TriggerEntry]:
    entries: list[tuple[str, TriggerEntry]] = []
    for row in read_table("event_triggers.tsv").rows:
        if SUB_EVENT_TYPES.get(row["sub_event_type"]) != row["event_type"]:
            raise ValueError(f"event_triggers.tsv: bad type for {row['phrase']!r}")
        entry = TriggerEntry(
            row["kind"], row["event_type"], row["sub_event_type"], row["lang"],
            row["strength"] == "strong",
        )
        entries.append((row["phrase"], entry))
    return PatternMatcher(entries)


@cache
def cue_matcher() -> PatternMatcher[CueEntry]:
    entries = [
        (row["phrase"], CueEntry(row["cue"], row["lang"], int(row["window"] or 0)))
        for row in read_table("event_modifiers.tsv").rows
    ]
    return PatternMatcher(entries)
