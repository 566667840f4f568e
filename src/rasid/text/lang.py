"""Language identification for the two languages rasid reads: Arabic and English.

A script ratio is enough here: Arabic and English news do not share a script,
and what stands in the other script (an English acronym in Arabic copy, an
Arabic name in English copy) is a small minority of the letters. Only a
prefix of the text is read, so the cost is constant per document.
"""

from __future__ import annotations

import re

SAMPLE = 20_000  # characters read from the start of the text
# Share of Arabic among Arabic + Latin letters from which a text is Arabic.
ARABIC_SHARE = 0.4
# Runs, not single letters: counting by run lengths finds a few hundred matches per
# article instead of one per letter.
_ARABIC = re.compile(r"[\u0620-\u063f\u0641-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_LETTER = re.compile(r"[^\W\d_]+")


def _count(pattern: re.Pattern[str], text: str) -> int:
    """How many characters of ``text`` the one-character class of ``pattern`` matches."""
    return sum(map(len, pattern.findall(text)))


def detect_language(text: str) -> str | None:
    """``"ar"``, ``"en"``, or None where the text has no Arabic or Latin letters to go by.

    Latin script is taken for English, the only Latin-script language rasid
    reads; the threshold leans to Arabic because Arabic copy often quotes
    English names and acronyms at length while the reverse is rare.
    """
    sample = text[:SAMPLE]
    arabic = _count(_ARABIC, sample)
    latin = _count(_LATIN, sample)
    if arabic + latin == 0:
        return None
    if arabic + latin < 0.5 * _count(_LETTER, sample):
        return None  # mostly another script (Cyrillic, Hebrew …)
    return "ar" if arabic >= ARABIC_SHARE * (arabic + latin) else "en"
