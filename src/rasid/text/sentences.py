"""Sentence splitting (placeholder)."""

from __future__ import annotations

import re

from rasid.model import Sentence
from rasid.text.normalize import NormalizedText


def split_sentences(norm: NormalizedText) -> tuple[Sentence, ...]:
    out = []
    for m in re.finditer(r"[^.!?؟\n]+[.!?؟]*", norm.text):
        s, e = m.start(), m.end()
        while s < e and norm.text[s].isspace():
            s += 1
        while e > s and norm.text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Sentence(norm.to_original(s, e, "expand"), len(out)))
    return tuple(out)
