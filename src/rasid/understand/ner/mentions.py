"""Named-entity mentions of a document, with spans of the original text.

The CRF was trained on ANERcorp, whose tokens are written words with their
clitics attached and punctuation apart; so rasid's clitic-split tokens are
regrouped into written words (one per distinct span) before tagging, and an
entity's span runs from its first word's start to its last word's end.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rasid.model import Mention, Sentence, Span, Token
from rasid.text.normalize import NormalizedText
from rasid.text.tokens import tokenize
from rasid.understand.ner.scoring import entities
from rasid.understand.ner.tagger import NerModel, default_model

KINDS = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}
_ARABIC = re.compile(r"[\u0620-\u064a]")


def written_words(tokens: Sequence[Token]) -> list[Span]:
    """One span per written word: tokens sharing a word index and a span are one word."""
    spans: list[Span] = []
    last: tuple[int, Span] | None = None
    for token in tokens:
        current = (token.word_index, token.span)
        if current != last:
            spans.append(token.span)
            last = current
    return spans


def ner_mentions(
    norm: NormalizedText,
    sentences: Sequence[Sentence],
    model: NerModel | None = None,
) -> tuple[Mention, ...]:
    """PER/LOC/ORG/MISC mentions of every sentence that has Arabic letters."""
    model = model or default_model()
    text = norm.original
    out: list[Mention] = []
    for sentence in sentences:
        if not _ARABIC.search(text, sentence.span.start, sentence.span.end):
            continue
        spans = written_words(tokenize(norm, (sentence,)))
        if not spans:
            continue
        words = [text[s.start : s.end] for s in spans]
        tags = model.tag(words)
        for kind, first, last in entities(tags):
            span = Span(spans[first].start, spans[last - 1].end)
            out.append(
                Mention(
                    kind=KINDS.get(kind, kind),
                    span=span,
                    text=span.text_of(text),
                    attrs={"source": "ner", "words": last - first},
                )
            )
    return tuple(out)
