"""Normalisation for matching, with a map back to the original characters.

Stages match lexicons against the normalised text (no diacritics, one alef,
ASCII digits, one kind of quote mark …) but must report spans of the
original. :class:`NormalizedText` keeps, for every normalised character, the
range of original characters it stands for, so any normalised span maps back
exactly; the alignment modes follow spaCy's ``char_span``: ``strict`` raises
when a span cuts through one original character, ``contract`` shrinks to the
characters fully covered, ``expand`` grows to cover them all.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from rasid.model import Span

Alignment = Literal["strict", "contract", "expand"]

# Characters removed outright: tashkeel, Quranic annotation marks, tatweel,
# bidi and zero-width controls. A removed character is absorbed by the kept
# character before it, so a span ending on a letter keeps its diacritics.
_ARABIC_MARKS = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670"}
_QURANIC_MARKS = {chr(c) for c in range(0x06D6, 0x06EE)} - {"\u06DE", "\u06E9"}
_TATWEEL = {"\u0640"}
_CONTROLS = {
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u061c",
    "\u00ad",
} | {chr(c) for c in range(0x202A, 0x202F)} | {chr(c) for c in range(0x2066, 0x206A)}
REMOVED = frozenset(_ARABIC_MARKS | _QURANIC_MARKS | _TATWEEL | _CONTROLS)

_LETTER_FOLDS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ئ": "ي",
    "ؤ": "و",
    "ة": "ه", "ۀ": "ه", "ھ": "ه", "ە": "ه",
    "ک": "ك", "ڪ": "ك",
}
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
_DIGITS |= {"٫": ".", "٬": ","}
_OPEN_QUOTES = {"«", "“", "„", "‹", "〝", "‟"}
_CLOSE_QUOTES = {"»", "”", "›", "〞"}
# Transliterations write ayn and hamza with these marks ("Maʿarrat", "Dar’a"); one apostrophe
# stands for them all, which the matcher keeps inside a word.
_SINGLE_QUOTES = {"‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'", "´": "'",
                  "ʻ": "'", "ʼ": "'", "ʽ": "'", "ʾ": "'", "ʿ": "'"}
_SPACES = {"\u00a0", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005", "\u2006",
           "\u2007", "\u2008", "\u2009", "\u200a", "\u202f", "\u205f", "\u3000", "\t"}


@lru_cache(maxsize=8192)
def _fold_char(ch: str, fold_letters: bool, lower: bool) -> str:
    if ch in REMOVED:
        return ""
    if ch in _SPACES:
        return " "
    if ch in _DIGITS:
        return _DIGITS[ch]
    if ch in _OPEN_QUOTES:
        return "«"
    if ch in _CLOSE_QUOTES:
        return "»"
    if ch in _SINGLE_QUOTES:
        return _SINGLE_QUOTES[ch]
    out = ch
    code = ord(ch)
    # Presentation forms (FB50–FDFF, FE70–FEFF) and full-width ASCII fold to base letters.
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF or 0xFF01 <= code <= 0xFF5E:
        out = unicodedata.normalize("NFKC", ch)
        out = "".join(c for c in out if c not in REMOVED and c != " ") or ""
        if not out:
            return ""
    if lower:
        out = out.lower()
    if fold_letters:
        out = "".join(_LETTER_FOLDS.get(c, c) for c in out)
    return out


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A normalised copy of ``original`` that knows where each character came from."""

    original: str
    text: str
    starts: array  # starts[i]: first original index of normalised char i
    ends: array  # ends[i]: one past the last original index of normalised char i

    def __len__(self) -> int:
        return len(self.text)

    def to_original(self, start: int, end: int, alignment: Alignment = "strict") -> Span:
        """Map a normalised span ``[start, end)`` to the original text."""
        n = len(self.text)
        if not 0 <= start <= end <= n:
            raise IndexError(f"span [{start}, {end}) outside normalised text of length {n}")
        if start == end:
            pos = self.starts[start] if start < n else len(self.original)
            return Span(pos, pos)
        o_start, o_end = self.starts[start], self.ends[end - 1]
        cut_left = start > 0 and self.starts[start - 1] == o_start
        cut_right = end < n and self.starts[end] == self.starts[end - 1]
        if cut_left or cut_right:
            if alignment == "strict":
                raise ValueError(
                    f"normalised span [{start}, {end}) cuts through one original character"
                )
            if alignment == "contract":
                if cut_left:
                    o_start = min(self.ends[start], o_end)
                if cut_right:
                    o_end = max(o_start, self.starts[end - 1])
        return Span(o_start, o_end)

    def from_original(self, start: int, end: int) -> tuple[int, int]:
        """The smallest normalised span covering the original span ``[start, end)``."""
        if not 0 <= start <= end <= len(self.original):
            raise IndexError(f"span [{start}, {end}) outside text of length {len(self.original)}")
        lo = bisect_right(self.ends, start)
        hi = bisect_left(self.starts, end)
        return lo, max(lo, hi)

    def span(self, start: int, end: int, alignment: Alignment = "strict") -> Span:
        return self.to_original(start, end, alignment)


def normalize(text: str, *, fold_letters: bool = True, lower: bool = True) -> NormalizedText:
    """Normalise Arabic and English text for matching, keeping an offset map.

    ``fold_letters`` folds the letter variants writers use interchangeably
    (alef with hamza or madda, alef maqsura, taa marbuta, Persian kaf/yeh);
    turn it off where the distinction matters (e.g. showing text).
    """
    # Each distinct character is folded once; runs of characters that fold to exactly one
    # character go through str.translate, and only the others (removed marks, ligatures that
    # expand) are walked one by one.
    folds = {ch: _fold(ch, fold_letters, lower) for ch in set(text)}
    table = {ord(ch): f for ch, f in folds.items() if len(f) == 1 and f != ch}
    special = "".join(ch for ch, f in folds.items() if len(f) != 1)
    if not special:
        n = len(text)
        return NormalizedText(text, text.translate(table), array("l", range(n)), array("l", range(1, n + 1)))
    out: list[str] = []
    starts = array("l")
    ends = array("l")
    pos = 0
    for match in re.finditer("[" + re.escape(special) + "]", text):
        i = match.start()
        if i > pos:
            out.append(text[pos:i].translate(table))
            starts.extend(range(pos, i))
            ends.extend(range(pos + 1, i + 1))
        folded = folds[text[i]]
        if folded:
            for c in folded:
                out.append(c)
                starts.append(i)
                ends.append(i + 1)
        elif ends:  # absorbed by the kept character before it
            ends[-1] = i + 1
        pos = i + 1
    if pos < len(text):
        out.append(text[pos:].translate(table))
        starts.extend(range(pos, len(text)))
        ends.extend(range(pos + 1, len(text) + 1))
    return NormalizedText(text, "".join(out), starts, ends)


def _fold(ch: str, fold_letters: bool, lower: bool) -> str:
    """What one character becomes (ASCII other than ` and tab only changes case)."""
    if ch.isascii() and ch != "`" and ch != "\t":
        return ch.lower() if lower else ch
    return _fold_char(ch, fold_letters, lower)


@lru_cache(maxsize=1 << 16)
def normalize_key(text: str) -> str:
    """The normalised form of a short string, for dictionary keys and lookups.

    Cached: stages key the same names, cue words and speakers again in every document.
    """
    return " ".join(normalize(text).text.split())
