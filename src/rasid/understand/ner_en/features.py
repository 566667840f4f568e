"""Token features for the English entity CRF.

Features see each token in its original case (the normalised text is lower
case, so callers pass original substrings): word form, affixes, shape,
capitalisation, position, gazetteer membership (rasid's English place names
and its curated group names, matched with the same transliteration-tolerant
keys as the weak labels) and the same facts of the two tokens either side.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from rasid.understand.ner_en.weak import (
    _alias_table,
    _dictionary_aliases,
    gazetteer_names,
    name_key,
    phrase_key,
)

_MAX_WINDOW = 6
_JOINERS = frozenset({"-", "'", "’", "."})


@cache
def _gazetteers() -> tuple[frozenset[str], frozenset[str]]:
    """Keys of English place names and of curated group names."""
    places = {name_key(n) for n in gazetteer_names()}
    groups = {name_key(a) for _, aliases in _alias_table().values() for a in aliases}
    groups |= {name_key(a) for aliases in _dictionary_aliases().values() for a in aliases}
    places.discard("")
    groups.discard("")
    return frozenset(places), frozenset(groups)


def shape(token: str) -> str:
    """Character classes with runs collapsed: "Al-Bab" → "Xx-Xx", "2018" → "d"."""
    out: list[str] = []
    for ch in token:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:8]


def gazetteer_tags(tokens: Sequence[str]) -> list[str]:
    """Per token: "LOC-B"/"LOC-I"/"ORG-B"/"ORG-I" where a longest known name covers it, else ""."""
    places, groups = _gazetteers()
    tags = [""] * len(tokens)
    i = 0
    n = len(tokens)
    while i < n:
        if not tokens[i][:1].isalpha():
            i += 1
            continue
        hit = None
        for j in range(min(n, i + _MAX_WINDOW), i, -1):
            window = tokens[i:j]
            if not window[-1][:1].isalpha() or any(
                not t[:1].isalnum() and t not in _JOINERS for t in window
            ):
                continue
            key = phrase_key(window)
            if len(key) < 2:
                continue
            kind = "ORG" if key in groups else "LOC" if key in places else None
            if kind:
                hit = (j, kind)
                break
        if hit:
            j, kind = hit
            for k in range(i, j):
                tags[k] = f"{kind}-{'B' if k == i else 'I'}"
            i = j
        else:
            i += 1
    return tags


_DIGIT = re.compile(r"\d")


def _own(token: str) -> list[str]:
    low = _DIGIT.sub("0", token.lower())
    feats = [f"w={low}", f"sh={shape(token)}", f"s3={low[-3:]}", f"s2={low[-2:]}", f"p3={low[:3]}"]
    if token[:1].isupper():
        feats.append("title")
    if token.isupper() and len(token) > 1:
        feats.append("upper")
    if not token[:1].isalnum():
        feats.append("punct")
    return feats


def sentence_features(tokens: Sequence[str]) -> list[list[str]]:
    """CRF attributes of every token of one sentence (original-case token strings)."""
    n = len(tokens)
    gaz = gazetteer_tags(tokens)
    lows = [_DIGIT.sub("0", t.lower()) for t in tokens]
    shapes = [shape(t) for t in tokens]
    first = next((k for k, t in enumerate(tokens) if t[:1].isalnum()), 0)
    out: list[list[str]] = []
    for i, token in enumerate(tokens):
        feats = ["b", *_own(token)]
        if i == first:
            feats.append("first")
        if gaz[i]:
            feats.append(f"gaz={gaz[i]}")
        for d in (-2, -1, 1, 2):
            k = i + d
            if 0 <= k < n:
                feats.append(f"w{d:+d}={lows[k]}")
                if abs(d) == 1:
                    feats.append(f"sh{d:+d}={shapes[k]}")
                    if gaz[k]:
                        feats.append(f"gaz{d:+d}={gaz[k]}")
                    if tokens[k][:1].isupper():
                        feats.append(f"title{d:+d}")
            else:
                feats.append(f"w{d:+d}=<edge>")
        if i > 0:
            feats.append(f"w-1|w={lows[i - 1]}|{lows[i]}")
        out.append(feats)
    return out
