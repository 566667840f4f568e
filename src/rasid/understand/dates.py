"""Dates (placeholder)."""

from __future__ import annotations

from datetime import date

from rasid.model import Sentence, TimeExpression
from rasid.text.normalize import NormalizedText


def find_times(
    norm: NormalizedText, sentences: tuple[Sentence, ...], published: date | None, lang: str
) -> tuple[TimeExpression, ...]:
    return ()
