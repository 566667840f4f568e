"""Quotes (placeholder)."""

from __future__ import annotations

from rasid.model import Mention, Quote, Sentence
from rasid.text.normalize import NormalizedText


def find_quotes(
    norm: NormalizedText, sentences: tuple[Sentence, ...], mentions: tuple[Mention, ...], lang: str
) -> tuple[Quote, ...]:
    return ()
