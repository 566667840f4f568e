"""Gold and predicted records, read leniently and located in their text.

Gold files (EVENTS.md format) and prediction files (``rasid extract``
output) are JSON Lines written by hand or by other tools, so one bad line
must not sink a whole evaluation: each problem becomes a one-line warning
naming ``file:line`` and the line is skipped. Every event and quote is
located as a character span of the article text once, here, so matching
and scoring never search strings again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rasid.model import Span
from rasid.text.lang import detect_language
from rasid.text.normalize import NormalizedText, normalize, normalize_key


class InputError(ValueError):
    """A problem with the input as a whole (e.g. a missing file): stops the run."""


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One event, gold or predicted, with its evidence located in the text."""

    event_type: str | None
    sub_event_type: str | None
    evidence: str
    span: Span | None
    actor1: str | None = None
    actor2: str | None = None
    admin1: str | None = None
    country: str | None = None
    date: str | None = None
    fatalities: int | None = None
    historical: bool = False
    optional: bool = False


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    """One quote, gold or predicted, with its content located in the text."""

    text: str
    span: Span | None
    speaker: str | None = None
    kind: str | None = None
    optional: bool = False


@dataclass(slots=True)
class DocRecord:
    """One article: gold annotations, or the predictions made for it."""

    doc_id: str
    events: list[EventRecord]
    quotes: list[QuoteRecord]
    text: str = ""
    lang: str = "unknown"
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    source: str = ""  # "file:line" the record came from


@dataclass(slots=True)
class Warnings:
    """Problems met while reading: reported, never raised."""

    messages: list[str] = field(default_factory=list)

    def add(self, message: str) -> None:
        self.messages.append(message)


def read_jsonl(path: Path, warnings: Warnings) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``("file:line", record)`` for each JSON object line; warn about the rest."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if not path.is_file():
        raise InputError(f"{path}: not a file")
    try:
        handle = path.open(encoding="utf-8-sig")
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from error
    with handle:
        try:
            for number, line in enumerate(handle, 1):
                where = f"{path}:{number}"
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    warnings.add(f"{where}: malformed JSON ({error.msg}, column {error.colno}); line skipped")
                    continue
                if not isinstance(record, dict):
                    warnings.add(f"{where}: not a JSON object; line skipped")
                    continue
                yield where, record
        except UnicodeDecodeError as error:
            raise InputError(f"{path}: not UTF-8 text ({error.reason})") from error


# --- locating fragments ----------------------------------------------------


class Locator:
    """Finds a fragment of one text: exactly, else after normalisation.

    The exact search handles gold (whose evidence is a substring by
    contract); the normalised search forgives a prediction that dropped a
    diacritic or squeezed whitespace, and still returns original offsets.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._norm: NormalizedText | None = None
        self._squeezed: str = ""
        self._squeezed_map: list[int] = []

    def _prepare(self) -> None:
        if self._norm is not None:
            return
        self._norm = normalize(self.text)
        chars: list[str] = []
        positions: list[int] = []
        previous_space = True
        for i, ch in enumerate(self._norm.text):
            is_space = ch.isspace()
            if is_space and previous_space:
                continue
            chars.append(" " if is_space else ch)
            positions.append(i)
            previous_space = is_space
        self._squeezed = "".join(chars)
        self._squeezed_map = positions

    def find(self, fragment: str | None) -> Span | None:
        """The span of the first occurrence of ``fragment``, or None."""
        if not fragment or not fragment.strip():
            return None
        start = self.text.find(fragment)
        if start >= 0:
            return Span(start, start + len(fragment))
        self._prepare()
        assert self._norm is not None
        key = normalize_key(fragment)
        if not key:
            return None
        found = self._squeezed.find(key)
        if found < 0:
            return None
        n_start = self._squeezed_map[found]
        n_end = self._squeezed_map[found + len(key) - 1] + 1
        return self._norm.to_original(n_start, n_end, "expand")

    def span_from_offsets(self, record: Mapping[str, Any], start_key: str, end_key: str) -> Span | None:
        """The span given by integer offsets in ``record``, if they fit the text."""
        start, end = record.get(start_key), record.get(end_key)
        if isinstance(start, bool) or isinstance(end, bool):
            return None
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(self.text):
            return Span(start, end)
        return None


# --- parsing ----------------------------------------------------------------


def _text(value: Any) -> str | None:
    """A non-empty string field, else None (JSON null, "", numbers all mean 'not given')."""
    if isinstance(value, str) and value.strip():
        return value
    return None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def _items(record: Mapping[str, Any], key: str, where: str, warnings: Warnings) -> list[dict[str, Any]]:
    value = record.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        warnings.add(f"{where}: '{key}' is not a list; ignored")
        return []
    items = [item for item in value if isinstance(item, dict)]
    if len(items) != len(value):
        warnings.add(f"{where}: {len(value) - len(items)} item(s) of '{key}' are not objects; ignored")
    return items


def parse_event(raw: Mapping[str, Any], locator: Locator, *, gold: bool) -> EventRecord:
    """One event record; predictions may give offsets, gold gives the evidence string."""
    evidence = _text(raw.get("evidence")) or ""
    span = None if gold else locator.span_from_offsets(raw, "evidence_start", "evidence_end")
    if span is None:
        span = locator.find(evidence)
    return EventRecord(
        event_type=_text(raw.get("event_type")),
        sub_event_type=_text(raw.get("sub_event_type")),
        evidence=evidence or (span.text_of(locator.text) if span else ""),
        span=span,
        actor1=_text(raw.get("actor1")),
        actor2=_text(raw.get("actor2")),
        admin1=_text(raw.get("admin1")),
        country=_text(raw.get("country")),
        date=_text(raw.get("date")),
        fatalities=_int(raw.get("fatalities")),
        historical=raw.get("historical") is True,
        optional=raw.get("optional") is True,
    )


def parse_quote(raw: Mapping[str, Any], locator: Locator, *, gold: bool) -> QuoteRecord:
    """One quote record; predictions may give ``start``/``end``, gold gives the text."""
    text = _text(raw.get("text")) or ""
    span = None if gold else locator.span_from_offsets(raw, "start", "end")
    if span is None:
        span = locator.find(text)
    return QuoteRecord(
        text=text or (span.text_of(locator.text) if span else ""),
        span=span,
        speaker=_text(raw.get("speaker")),
        kind=_text(raw.get("kind")),
        optional=raw.get("optional") is True,
    )


def _published(value: Any, where: str, warnings: Warnings) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        warnings.add(f"{where}: 'published' {value!r} is not an ISO date; treated as unknown")
        return None


def read_gold(path: Path, warnings: Warnings) -> list[DocRecord]:
    """Gold documents of one file; records without text or doc_id are skipped with a warning."""
    documents: list[DocRecord] = []
    for where, raw in read_jsonl(path, warnings):
        text = raw.get("text")
        if not isinstance(text, str) or not text.strip():
            warnings.add(f"{where}: gold record has no 'text'; skipped")
            continue
        doc_id = raw.get("doc_id")
        if not isinstance(doc_id, str | int) or isinstance(doc_id, bool) or not str(doc_id).strip():
            warnings.add(f"{where}: gold record has no 'doc_id'; skipped")
            continue
        locator = Locator(text)
        events: list[EventRecord] = []
        for i, item in enumerate(_items(raw, "events", where, warnings)):
            event = parse_event(item, locator, gold=True)
            if event.span is None:
                warnings.add(f"{where}: gold event {i} evidence not found in text; event skipped")
                continue
            events.append(event)
        quotes: list[QuoteRecord] = []
        for i, item in enumerate(_items(raw, "quotes", where, warnings)):
            quote = parse_quote(item, locator, gold=True)
            if quote.span is None:
                warnings.add(f"{where}: gold quote {i} text not found in text; quote skipped")
                continue
            quotes.append(quote)
        lang = _text(raw.get("lang")) or detect_language(text) or "unknown"
        documents.append(
            DocRecord(
                doc_id=str(doc_id),
                events=events,
                quotes=quotes,
                text=text,
                lang=lang.strip().lower(),
                published=_published(raw.get("published"), where, warnings),
                url=_text(raw.get("url")),
                outlet=_text(raw.get("outlet")),
                source=where,
            )
        )
    return documents


def parse_prediction(raw: Mapping[str, Any], text: str, where: str, warnings: Warnings) -> DocRecord:
    """Predictions for one gold document, located in that document's text."""
    locator = Locator(text)
    raw_events = _items(raw, "events", where, warnings)
    raw_quotes = _items(raw, "quotes", where, warnings)
    events = [parse_event(e, locator, gold=False) for e in raw_events]
    quotes = [parse_quote(q, locator, gold=False) for q in raw_quotes]
    # Offsets win over strings; say so when they disagree, it is usually an offset bug.
    checks: list[tuple[Span | None, Any]] = [(e.span, r.get("evidence")) for r, e in zip(raw_events, events, strict=True)]
    checks += [(q.span, r.get("text")) for r, q in zip(raw_quotes, quotes, strict=True)]
    with_offsets = [locator.span_from_offsets(r, "evidence_start", "evidence_end") for r in raw_events]
    with_offsets += [locator.span_from_offsets(r, "start", "end") for r in raw_quotes]
    disagreeing = sum(
        1 for (span, string), given in zip(checks, with_offsets, strict=True)
        if given is not None and isinstance(string, str) and string.strip() and span != locator.find(string)
        and given.text_of(text) != string
    )
    if disagreeing:
        warnings.add(f"{where}: {disagreeing} item(s) whose offsets do not point at their text; offsets used")
    unlocated = sum(1 for span, _ in checks if span is None)
    if unlocated:
        warnings.add(f"{where}: {unlocated} predicted item(s) could not be located in the text; they count as spurious")
    return DocRecord(doc_id=str(raw.get("doc_id")), events=events, quotes=quotes, text=text, source=where)


def read_predictions(path: Path, warnings: Warnings) -> dict[str, tuple[str, dict[str, Any]]]:
    """Raw prediction records keyed by doc_id (the first one wins on duplicates)."""
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for where, raw in read_jsonl(path, warnings):
        doc_id = raw.get("doc_id")
        if doc_id is None or isinstance(doc_id, bool) or not str(doc_id).strip():
            warnings.add(f"{where}: prediction has no 'doc_id'; skipped")
            continue
        key = str(doc_id)
        if key in found:
            warnings.add(f"{where}: second prediction for doc_id {key!r}; ignored")
            continue
        found[key] = (where, raw)
    return found


_PUNCT = re.compile(r"[^\w\s]|_")


def words(value: str | None) -> tuple[str, ...]:
    """Normalised words of a short string, with quote marks and punctuation dropped."""
    if not value:
        return ()
    return tuple(_PUNCT.sub(" ", normalize_key(value)).split())
