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

from rasid.resources import read_table
from rasid.understand.ner_en.weak import (
    _alias_table,
    _dictionary_aliases,
    _not_entity_words,
    _skeleton,
    gazetteer_names,
    lexicon,
    name_key,
)

_MAX_WINDOW = 6
VOCAB_TABLE = "models/ner_en.vocab.tsv"
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
    articles = lexicon()["article"]
    n = len(tokens)
    tags = [""] * n
    skel = [None if (t in _JOINERS or not t[:1].isalnum()) else _skeleton(t) for t in tokens]
    art = [t.lower() in articles for t in tokens]
    breaks = [not t[:1].isalnum() and t not in _JOINERS for t in tokens]
    i = 0
    while i < n:
        if not (tokens[i][:1].isupper() or (art[i] and i + 1 < n and tokens[i + 1] == "-")):
            i += 1
            continue
        hit = None
        limit = i
        while limit < min(n, i + _MAX_WINDOW) and not breaks[limit]:
            limit += 1
        for j in range(limit, i, -1):
            if skel[j - 1] is None:
                continue
            idx = [k for k in range(i, j) if skel[k] is not None]
            key = "|".join(
                p for m, k in enumerate(idx) if not (art[k] and m + 1 < len(idx)) and (p := skel[k])
            )
            if len(key) < (3 if len(idx) == 1 else 2):
                continue  # "We" is no "Wa"
            kind = "ORG" if key in groups else "LOC" if key in places else None
            if kind == "LOC" and len(idx) == 1 and not _single_place(tokens[idx[0]]):
                kind = None
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


@cache
def _exact_places() -> frozenset[str]:
    return frozenset(n.lower() for n in gazetteer_names())


def _single_place(token: str) -> bool:
    """A one-word place must be spelt as the gazetteer spells it and be no common word or given
    name: fuzzy keys of single words collide too often ("Local", "Ahmed")."""
    low = token.lower()
    return (
        low in _exact_places()
        and low not in common_vocabulary()
        and token not in lexicon()["given_name"]
    )


@cache
def common_vocabulary() -> frozenset[str]:
    """Words news writes mostly in lower case (``models/ner_en.vocab.tsv``)."""
    try:
        return frozenset(row["word"] for row in read_table(VOCAB_TABLE).rows)
    except FileNotFoundError:
        return frozenset()


@cache
def _word_classes() -> dict[str, str]:
    """Word → lexicon class (month/weekday/demonym/not-entity words, titles, speech verbs, head words)."""
    classes = {w: "ne" for w in _not_entity_words()}
    lex = lexicon()
    for kind, name in (("title", "title"), ("speech_verb", "verb"), ("org_head", "orghead"),
                       ("loc_head", "lochead"), ("force_noun", "force"), ("given_name", "given")):
        for w in lex[kind]:
            classes.setdefault(w, name)
    return classes


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
    classes = _word_classes()
    cls = [classes.get(t) or classes.get(t.lower()) or "" for t in tokens]
    common = common_vocabulary()
    capital_common = [t[:1].isupper() and t.lower() in common for t in tokens]
    out: list[list[str]] = []
    for i, token in enumerate(tokens):
        feats = ["b", *_own(token)]
        if cls[i]:
            feats.append(f"lex={cls[i]}")
        if capital_common[i]:
            feats.append("capcommon")
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
                    if cls[k]:
                        feats.append(f"lex{d:+d}={cls[k]}")
                    if capital_common[k]:
                        feats.append(f"capcommon{d:+d}")
                    if tokens[k][:1].isupper():
                        feats.append(f"title{d:+d}")
            else:
                feats.append(f"w{d:+d}=<edge>")
        if i > 0:
            feats.append(f"w-1|w={lows[i - 1]}|{lows[i]}")
        out.append(feats)
    return out
