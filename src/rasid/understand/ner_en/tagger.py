"""Tagging English text with the trained entity CRF (PER, ORG, LOC).

Not a default pipeline stage: it is offered beside the dictionary-based
actor and place stages, for names those dictionaries do not hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pycrfsuite

from rasid.model import Mention, Sentence, Span
from rasid.resources import models_dir
from rasid.text.normalize import NormalizedText
from rasid.text.tokens import tokenize
from rasid.understand.ner.scoring import entities
from rasid.understand.ner_en.features import gazetteer_tags, sentence_features
from rasid.understand.ner_en.weak import _person_spans

MODEL = "ner_en.crfsuite"


def model_path() -> Path:
    """The packaged model, as a real file (crfsuite opens paths only)."""
    return models_dir() / MODEL


@cache
def _tagger(path: str | None = None) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    tagger.open(path or str(model_path()))
    return tagger


_LOCATIVE = frozenset({"in", "near", "at", "into", "from", "to", "towards", "toward", "outside", "around"})


def person_rules(tokens: Sequence[str], tags: list[str]) -> list[str]:
    """Apply the weak-label person rules over the CRF's tags (title + name, known given name,
    name + speech verb; then later mentions of a found name's parts).

    Notes name places far more often than people, so the CRF leans to LOC for an
    unknown capitalised word; the rules that made its PER training labels
    correct it. They never touch ORG tags, gazetteer places, or names after a
    locative preposition ("in Sheikh Maqsoud").
    """
    gaz = gazetteer_tags(tokens)
    taken = [t.endswith("ORG") or g.startswith("LOC") for t, g in zip(tags, gaz, strict=True)]
    out = list(tags)
    for i, j in _person_spans(tokens, taken):
        if i > 0 and tokens[i - 1].lower() in _LOCATIVE:
            continue
        for k in range(i, j):
            out[k] = ("B-" if k == i else "I-") + "PER"
        if j < len(out) and out[j].startswith("I-"):
            out[j] = "B-" + out[j][2:]
    return out


def tag_tokens(tokens: Sequence[str], model: str | None = None) -> list[str]:
    """BIO tags (B-PER, I-ORG, O …) of one sentence's tokens, given in their original case."""
    if not tokens:
        return []
    return person_rules(tokens, list(_tagger(model).tag(sentence_features(tokens))))


def find_entities(
    norm: NormalizedText, sentences: Sequence[Sentence], model: str | None = None
) -> tuple[Mention, ...]:
    """PER/ORG/LOC mentions of an English text, spans in the original text.

    Tokens come from rasid's tokenizer over the normalised text; their
    original substrings (read through the span map) keep the capitals the
    features need.
    """
    original = norm.original
    tagger = _tagger(model)
    out: list[Mention] = []
    tokens = tokenize(norm, tuple(sentences))
    k = 0
    for sentence in sentences:
        spans: list[Span] = []
        while k < len(tokens) and tokens[k].span.start < sentence.span.end:
            span = tokens[k].span
            if not spans or span != spans[-1]:
                spans.append(span)  # clitic pieces share their word's span
            k += 1
        if not spans:
            continue
        words = [original[s.start : s.end] for s in spans]
        tagger.set(sentence_features(words))
        crf_tags = tagger.tag()
        tags = person_rules(words, crf_tags)
        for kind, i, j in entities(tags):
            prob = min(tagger.marginal(tags[t], t) if tags[t] == crf_tags[t] else 0.5 for t in range(i, j))
            span = Span(spans[i].start, spans[j - 1].end)
            out.append(
                Mention(kind, span, original[span.start : span.end], confidence=round(prob, 3),
                        attrs={"source": "ner_en"})
            )
    return tuple(out)
