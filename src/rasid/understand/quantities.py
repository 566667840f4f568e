"""Quantities (placeholder)."""

from __future__ import annotations

from rasid.model import Quantity, Sentence
from rasid.text.normalize import NormalizedText


def find_quantities(norm: NormalizedText, sentences: tuple[Sentence, ...], lang: str) -> tuple[Quantity, ...]:
    return ()
