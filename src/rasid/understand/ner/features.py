"""CRF features of a token sequence: word form, affixes, clitic stem, shape, clusters, gazetteer.

Arabic names hide behind clitics (وبغداد, لواشنطن) and varied spellings, so
each token is described by its normalised form, its affixes, the stem left by
rasid's clitic segmenter, its distributional cluster at three granularities
and gazetteer hits, and the same for its neighbours (±2).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rasid.understand.ner.lexicon import NerLexicon, key, stem

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LATIN = re.compile(r"[A-Za-z]")
_EDGE_PUNCT = re.compile(r"^[^\w]+|[^\w]+$")


def shape(word: str) -> str:
    """A coarse class of how a token is written."""
    if word.isdigit():
        return "digits"
    if any(c.isdigit() for c in word):
        return "hasdigit"
    if _ARABIC.search(word):
        return "arabic"
    if _LATIN.search(word):
        return "Latin" if word[:1].isupper() else "latin"
    if all(not c.isalnum() for c in word):
        return "punct"
    return "other"


def _core(word: str) -> str:
    """The token without punctuation glued to its ends (``لأفغانستان؛``), if any letters remain."""
    core = _EDGE_PUNCT.sub("", word)
    return core or word


def _token_features(word: str, lexicon: NerLexicon) -> tuple[list[str], list[str]]:
    """(own features, features shared with the neighbours) of one token."""
    core = _core(word)
    k = key(core)
    proclitics, body, enclitic = stem(core)
    path = lexicon.cluster(k) or lexicon.cluster(body)
    length = len(k)
    own = [
        "w=" + k,
        "st=" + body,
        "pc=" + proclitics,
        "ec=" + enclitic,
        "sh=" + shape(word),
        *(("glued",) if core != word else ()),
        "len=" + (str(length) if length < 8 else "8+"),
    ]
    for n in (1, 2, 3, 4):
        if length > n:
            own.append(f"p{n}={k[:n]}")
            own.append(f"s{n}={k[-n:]}")
    for n in (2, 3):
        if len(body) > n:
            own.append(f"sp{n}={body[:n]}")
            own.append(f"ss{n}={body[-n:]}")
    if k.startswith("ال") or "ال" in proclitics:
        own.append("article")
    shared = ["w=" + k, "st=" + body]
    if path:
        levels = path.split("/")
        for level, cid in enumerate(levels):
            own.append(f"c{level}={cid}")
        shared += [f"c{level}={cid}" for level, cid in enumerate(levels) if level > 0]
    else:
        own.append("c=none")
    return own, shared


def sentence_features(tokens: Sequence[str], lexicon: NerLexicon) -> list[list[str]]:
    """The feature strings of every token of one sentence."""
    per_token = [_token_features(t, lexicon) for t in tokens]
    keys = [key(_core(t)) for t in tokens]
    gazetteer = lexicon.matches(keys)
    n = len(tokens)
    out: list[list[str]] = []
    for i in range(n):
        feats = ["bias", *per_token[i][0]]
        feats += ["g=" + g for g in gazetteer[i]]
        if i == 0:
            feats.append("BOS")
        if i == n - 1:
            feats.append("EOS")
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                feats += [f"{off}:{f}" for f in per_token[j][1]]
                if off in (-1, 1):
                    feats += [f"{off}:g={g}" for g in gazetteer[j]]
                    feats.append(f"{off}:sh={shape(tokens[j])}")
            else:
                feats.append(f"{off}:pad")
        if i > 0:
            feats.append(f"bi-1={keys[i - 1]}|{keys[i]}")
        if i < n - 1:
            feats.append(f"bi+1={keys[i]}|{keys[i + 1]}")
        out.append(feats)
    return out
