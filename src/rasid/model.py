"""The data model every stage reads and extends.

All offsets are half-open character offsets into the *original* text of the
document (``Document.text``), never into a normalised copy: whatever a stage
matched on, what it stores points back to what the reporter wrote.
Objects are frozen; a stage returns a new :class:`Result` with the fields it
provides filled in (see :mod:`rasid.pipeline`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

QuoteKind = Literal["direct", "indirect"]

# ACLED event types and their sub-event types, in ACLED's order of precedence.
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

SUB_EVENT_TYPES: dict[str, str] = {
    sub: etype for etype, subs in EVENT_TYPES.items() for sub in subs
}


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open ``[start, end)`` range of characters in the original text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def text_of(self, text: str) -> str:
        return text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlap(self, other: Span) -> int:
        return max(0, min(self.end, other.end) - max(self.start, other.start))

    def union(self, other: Span) -> Span:
        return Span(min(self.start, other.start), max(self.end, other.end))


@dataclass(frozen=True, slots=True)
class Document:
    """One article as read from its source, before any analysis."""

    text: str
    doc_id: str = "doc"
    lang: str | None = None
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None

    def span_text(self, span: Span) -> str:
        return span.text_of(self.text)


@dataclass(frozen=True, slots=True)
class Sentence:
    span: Span
    index: int


@dataclass(frozen=True, slots=True)
class Token:
    """One piece of a written word.

    Arabic clitics are split off as their own tokens (``و`` ``ب`` ``ال`` …);
    every piece keeps the span of the written word it came from, because the
    boundary between a clitic and its host is not always a character boundary
    of the original once diacritics and joiners are counted.
    """

    span: Span
    norm: str
    role: Literal["word", "proclitic", "stem", "enclitic", "number", "punct"] = "word"
    word_index: int = 0


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity named in the text: an actor, a place, a person, an organisation."""

    kind: str  # "actor", "place", "PER", "ORG", "LOC", "MISC"
    span: Span
    text: str
    canonical: str | None = None
    confidence: float = 1.0
    attrs: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in the text, with what it counts."""

    span: Span
    text: str
    value: int
    low: int | None = None
    high: int | None = None
    approximate: bool = False
    category: str = "other"  # killed, wounded, arrested, missing, bodies, participants, displaced, materiel, other
    counted: Span | None = None


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A date or period, resolved against the publication date where possible."""

    span: Span
    text: str
    value: str | None  # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    precision: int = 1  # ACLED time_precision: 1 day, 2 week, 3 month or vaguer
    historical: bool = False


@dataclass(frozen=True, slots=True)
class Quote:
    """A statement attributed to a speaker, direct or reported."""

    id: str
    span: Span  # the quoted content, without quote marks
    text: str
    kind: QuoteKind
    cue: str
    cue_span: Span | None = None
    speaker: str | None = None
    speaker_span: Span | None = None
    speaker_role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker": self.speaker,
            "speaker_role": self.speaker_role,
            "cue": self.cue,
            "kind": self.kind,
            "text": self.text,
            "start": self.span.start,
            "end": self.span.end,
        }


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place: what a gazetteer knows about a location mention."""

    name: str
    country: str | None
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None  # ACLED: 1 town, 2 part of/near, 3 region


@dataclass(frozen=True, slots=True)
class Event:
    """One ACLED event: an interaction of two actors at one place on one day."""

    event_type: str
    sub_event_type: str
    evidence: Span
    evidence_text: str
    actor1: str | None = None
    actor2: str | None = None
    actor1_text: str | None = None
    actor2_text: str | None = None
    actor1_span: Span | None = None
    actor2_span: Span | None = None
    location: str | None = None
    location_span: Span | None = None
    place: Place | None = None
    date: str | None = None
    time_precision: int | None = None
    fatalities: int = 0
    reported_by: str | None = None
    quote_id: str | None = None
    historical: bool = False
    confidence: float = 0.5

    def __post_init__(self) -> None:
        if SUB_EVENT_TYPES.get(self.sub_event_type) != self.event_type:
            raise ValueError(
                f"{self.sub_event_type!r} is not a sub-event type of {self.event_type!r}"
            )

    def to_dict(self) -> dict[str, Any]:
        """The EVENTS.md record, plus the fields an extractor adds."""
        place = self.place
        return {
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "location": self.location,
            "admin1": place.admin1 if place else None,
            "country": place.country if place else None,
            "date": self.date,
            "fatalities": self.fatalities,
            "evidence": self.evidence_text,
            "reported_by": self.reported_by,
            "historical": self.historical,
            "actor1_text": self.actor1_text,
            "actor2_text": self.actor2_text,
            "evidence_start": self.evidence.start,
            "evidence_end": self.evidence.end,
            "admin2": place.admin2 if place else None,
            "latitude": place.latitude if place else None,
            "longitude": place.longitude if place else None,
            "geo_precision": place.geo_precision if place else None,
            "time_precision": self.time_precision,
            "quote_id": self.quote_id,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """A figure or a fact as one source states it, so that sources can be compared.

    ``kind`` "figure": a count (``value``/``low``/``high``) of ``subject`` in
    ``category`` (killed, wounded, arrested …). ``kind`` "fact": a predicate
    (``category``: escape, killed, control, occurred …) that the source
    affirms or negates (``polarity``). ``source`` is the speaker as written,
    or None when the outlet states it in its own voice.
    """

    id: str
    kind: Literal["figure", "fact"]
    span: Span
    text: str
    category: str
    subject: str | None = None
    source: str | None = None
    quote_id: str | None = None
    value: int | None = None
    low: int | None = None
    high: int | None = None
    approximate: bool = False
    polarity: Literal["affirmed", "negated"] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "category": self.category,
            "subject": self.subject,
            "source": self.source,
            "quote_id": self.quote_id,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "approximate": self.approximate,
            "polarity": self.polarity,
            "text": self.text,
            "start": self.span.start,
            "end": self.span.end,
        }


@dataclass(frozen=True, slots=True)
class Conflict:
    """Claims that cannot all be true: different figures, or a fact affirmed and denied."""

    kind: Literal["figure", "fact"]
    category: str
    subject: str | None
    claims: tuple[Claim, ...]
    description: str
    same_source: bool = False
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "category": self.category,
            "subject": self.subject,
            "description": self.description,
            "same_source": self.same_source,
            "confidence": round(self.confidence, 3),
            "claims": [c.to_dict() for c in self.claims],
        }


@dataclass(frozen=True, slots=True)
class Result:
    """Everything known about one document so far.

    Each pipeline stage reads some of these fields and returns a copy with
    more of them filled in; ``rasid.extract`` returns the final one.
    """

    document: Document
    normalized: Any = None  # rasid.text.normalize.NormalizedText
    sentences: tuple[Sentence, ...] = ()
    tokens: tuple[Token, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    timings: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def text(self) -> str:
        return self.document.text

    def with_(self, **changes: Any) -> Result:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """The output record of one document: ``{"doc_id", "events", "quotes"}`` and more."""
        doc = self.document
        return {
            "doc_id": doc.doc_id,
            "lang": doc.lang,
            "published": doc.published.isoformat() if doc.published else None,
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "conflicts": [c.to_dict() for c in self.conflicts],
        }

    def to_json(self, **kwargs: Any) -> str:
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)
