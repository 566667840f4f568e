"""Tokenisation (placeholder)."""

from __future__ import annotations

from rasid.model import Sentence, Token
from rasid.text.matcher import word_spans
from rasid.text.normalize import NormalizedText


def tokenize(norm: NormalizedText, sentences: tuple[Sentence, ...]) -> tuple[Token, ...]:
    return tuple(
        Token(norm.to_original(s, e, "expand"), w, "word", i) for i, (s, e, w) in enumerate(word_spans(norm.text))
    )
