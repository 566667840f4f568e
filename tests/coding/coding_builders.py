"""Helpers for event-coding tests: hand-built Results with mentions placed by phrase."""

from __future__ import annotations

from typing import Any

from rasid.model import Document, Mention, Place, Quantity, Quote, Result, Span, TimeExpression
from rasid.text.normalize import normalize
from rasid.text.sentences import split_sentences


def span_of(text: str, phrase: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span(start, start + len(phrase))


def actor(text: str, phrase: str, canonical: str | None = None, template: str | None = None,
          country: str | None = None, nth: int = 0) -> Mention:
    attrs: dict[str, Any] = {}
    if template:
        attrs["template"] = template
    if country:
        attrs["country"] = country
    return Mention("actor", span_of(text, phrase, nth), phrase, canonical, attrs=attrs)


def place(text: str, phrase: str, country: str, admin1: str | None, precision: int = 1,
          nth: int = 0) -> Mention:
    info = Place(phrase, country, admin1, geo_precision=precision)
    return Mention("place", span_of(text, phrase, nth), phrase, attrs={"place": info})


def quantity(text: str, phrase: str, value: int, category: str, nth: int = 0) -> Quantity:
    return Quantity(span_of(text, phrase, nth), phrase, value, category=category)


def time_expr(text: str, phrase: str, value: str, historical: bool = False) -> TimeExpression:
    return TimeExpression(span_of(text, phrase), phrase, value, 1, historical)


def quote(text: str, phrase: str, speaker: str, qid: str = "q1") -> Quote:
    return Quote(qid, span_of(text, phrase), phrase, "indirect", "قال", speaker=speaker)


def make_result(text: str, *, mentions: tuple[Mention, ...] = (), quantities: tuple[Quantity, ...] = (),
                times: tuple[TimeExpression, ...] = (), quotes: tuple[Quote, ...] = (),
                lang: str = "ar") -> Result:
    norm = normalize(text)
    return Result(
        document=Document(text=text, lang=lang), normalized=norm, sentences=split_sentences(norm),
        mentions=mentions, quantities=quantities, times=times, quotes=quotes,
    )
