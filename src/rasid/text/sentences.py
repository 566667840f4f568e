"""Sentence splitting for Arabic and English news.

Works on the normalised text (one kind of opening and closing quote mark,
ASCII digits) and reports spans of the original. Line breaks always end a
sentence: news titles, datelines and bylines carry no final stop. Inside a
paragraph a sentence ends at ``.`` ``!`` ``?`` ``؟``, but not

* inside a quotation or a parenthesis of moderate length -- Arabic reporters
  quote several sentences at once and the quote belongs with its reporting
  clause (``وقال إن «… . …»``);
* after abbreviations, initials and single letters (``Mr.`` ``U.S.``
  ``J. Smith`` ``د.`` ``2019 م.``), in decimals and after list numbers;
* at ``،`` and ``؛``: both join clauses of one sentence in Arabic prose, and
  events are reported across them, so cutting there would split evidence;
* at ellipses and ``..`` in titles, which use them as a dash (``لبنان.. اقتحام``);
  in a paragraph of prose (one that ends with a stop) they end a sentence.

The splitter is a single left-to-right pass over candidate characters, so it
runs in time linear in the text and never raises.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from rasid.model import Sentence
from rasid.resources import read_table
from rasid.text.normalize import NormalizedText

_BREAKS = "\n\r\u2028\u2029\x0b\x0c\x85"
_PARAGRAPH = re.compile(f"[{_BREAKS}]")
_TERMINATORS = ".!?؟…"
_MARKS = re.compile(r'[«»"()\[\]]')
_TERMINATOR_RE = re.compile(r"[.!?؟…]+")
# What may follow a terminator and still belong to the sentence it ends.
_TRAILERS = frozenset('»")]\'' + _TERMINATORS)
# Quotes longer than this (normalised characters) no longer hold sentences together.
MAX_QUOTE = 1500
MAX_PARENTHESIS = 300
_ABBREV_WINDOW = 24  # how far back to look for the word before a period
_SINGLE_PROCLITICS = frozenset("وفبلك")
_ACRONYM = re.compile(r"(?:[a-z]\.)+[a-z]")


@cache
def _abbreviations() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(titles, ambiguous abbreviations, sentence openers) from ``abbreviations.tsv``."""
    kinds: dict[str, set[str]] = {"title": set(), "ambiguous": set(), "opener": set()}
    for row in read_table("abbreviations.tsv").rows:
        kinds.setdefault(row["kind"], set()).add(row["form"])
    return frozenset(kinds["title"]), frozenset(kinds["ambiguous"]), frozenset(kinds["opener"])


def _is_arabic_letter(ch: str) -> bool:
    return "\u0620" <= ch <= "\u064a" or "\u066e" <= ch <= "\u06d3" or "\u0750" <= ch <= "\u077f"


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def _protected(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Ranges ``(lo, hi)`` of the paragraph where no cut may fall (lo <= cut <= hi).

    A cut at position k falls between characters k-1 and k; a quotation that
    opens at ``o`` and closes at ``c`` forbids cuts ``o+1 .. c``. Marks are
    paired with one stack per kind so that a stray mark of one kind cannot
    unbalance the others; unpaired marks protect nothing.
    """
    quotes: list[int] = []
    parens: list[int] = []
    brackets: list[int] = []
    straight: int | None = None
    regions: list[tuple[int, int]] = []
    for m in _MARKS.finditer(text, start, end):
        ch = m.group()
        i = m.start()
        if ch == "«":
            quotes.append(i)
        elif ch == "»":
            if quotes:
                o = quotes.pop()
                if i - o <= MAX_QUOTE:
                    regions.append((o + 1, i))
            elif _looks_like_opener(text, i, start, end):
                quotes.append(i)  # "لـ”قوات" : a closing mark used to open
        elif ch == '"':
            if straight is None:
                if not _looks_like_closer(text, i, start, end):
                    straight = i
            else:
                if i - straight <= MAX_QUOTE:
                    regions.append((straight + 1, i))
                straight = None
        elif ch == "(":
            parens.append(i)
        elif ch == ")":
            if parens:
                o = parens.pop()
                if i - o <= MAX_PARENTHESIS:
                    regions.append((o + 1, i))
        elif ch == "[":
            brackets.append(i)
        elif ch == "]":
            if brackets:
                o = brackets.pop()
                if i - o <= MAX_PARENTHESIS:
                    regions.append((o + 1, i))
    if not regions:
        return regions
    regions.sort()
    merged = [regions[0]]
    for lo, hi in regions[1:]:
        last_lo, last_hi = merged[-1]
        if lo <= last_hi + 1:
            merged[-1] = (last_lo, max(last_hi, hi))
        else:
            merged.append((lo, hi))
    return merged


def _looks_like_opener(text: str, i: int, start: int, end: int) -> bool:
    """A closing mark at ``i`` written where an opening one belongs (before a word)."""
    if i + 1 >= end or not _is_word_char(text[i + 1]):
        return False
    if i == start or text[i - 1].isspace():
        return True
    # a one-letter proclitic written onto the quote: "ب”الدقيقة”"
    return text[i - 1] in _SINGLE_PROCLITICS and (i - 1 == start or text[i - 2].isspace())


def _looks_like_closer(text: str, i: int, start: int, end: int) -> bool:
    """A straight quote that can only close: after a word and before a space or the end."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return not before.isspace() and (after.isspace() or after in ".,،؛:!?؟)")


def _word_before(text: str, i: int, start: int) -> str:
    """The characters of the word that ends at ``i`` (bounded look-back)."""
    j = i
    limit = max(start, i - _ABBREV_WINDOW)
    while j > limit and not text[j - 1].isspace():
        j -= 1
    return text[j:i].lstrip("«\"'([")


def _blank_before(text: str, i: int, start: int) -> bool:
    """Whether only spaces lie between ``start`` and ``i`` (scans back over spaces only)."""
    while i > start and text[i - 1].isspace():
        i -= 1
    return i <= start


def _next_word(norm: NormalizedText, k: int, end: int) -> tuple[int, str]:
    """Index of the first non-space character at or after ``k``, and the word there (original case)."""
    text = norm.text
    while k < end and text[k].isspace():
        k += 1
    if k >= end:
        return k, ""
    j = k
    limit = min(end, k + _ABBREV_WINDOW)
    while j < limit and text[j].isalpha():
        j += 1
    if j == k:
        return k, text[k]
    span = norm.to_original(k, j, "expand")
    return k, norm.original[span.start : span.end]


def _period_ends_sentence(
    norm: NormalizedText, i: int, k: int, start: int, end: int, sentence_start: int
) -> bool:
    """Whether the single ``.`` at ``i`` (trailers up to ``k``) ends a sentence."""
    text = norm.text
    titles, ambiguous, openers = _abbreviations()
    word = _word_before(text, i, start)
    glued = k == i + 1 and k < end and not text[k].isspace()
    if glued:
        # "3.5", "U.S", "example.com": only Arabic prose drops the space after a stop.
        nxt = text[k]
        return (
            _is_arabic_letter(nxt)
            and len(word) >= 2
            and all(_is_arabic_letter(c) for c in word)
        )
    if not word:
        return True
    if word in titles:
        return False
    if len(word) == 1 and word.isalpha():
        return False  # initials "J. Smith", Arabic "د." and "م."
    if word.isdigit() and _blank_before(text, i - len(word), sentence_start):
        return False  # a list number "1." opening a paragraph
    if word in ambiguous or _ACRONYM.fullmatch(word):
        _, following = _next_word(norm, k, end)
        return following.lower() in openers and following[:1].isupper()
    return True


def _ends_with_stop(text: str, start: int, end: int) -> bool:
    """Whether the paragraph ends with a sentence stop (prose), unlike titles and captions."""
    k = end
    while k > start and (text[k - 1].isspace() or text[k - 1] in _TRAILERS):
        if text[k - 1] in _TERMINATORS:
            return True
        k -= 1
    return False


def _cuts(norm: NormalizedText, start: int, end: int) -> Iterator[int]:
    """Cut positions inside one paragraph ``[start, end)``, in order."""
    text = norm.text
    original = norm.original
    protected = _protected(text, start, end)
    prose = _ends_with_stop(text, start, end)
    p = 0
    sentence_start = start
    i = start
    while True:
        # next terminator at or after i
        m = _TERMINATOR_RE.search(text, i, end)
        if m is None:
            return
        i, j = m.start(), m.end()
        run = m.group()
        k = j
        while k < end and text[k] in _TRAILERS:
            k += 1
        if "!" in run or "?" in run or "؟" in run:
            boundary = True
        elif run == ".":
            boundary = _period_ends_sentence(norm, i, k, start, end, sentence_start)
        else:
            # ".." and "…": a dash in headlines ("لبنان.. اقتحام منزل"), a stop in prose
            boundary = prose
        if boundary:
            while p < len(protected) and protected[p][1] < k:
                p += 1
            if p < len(protected) and protected[p][0] <= k:
                boundary = False
        if boundary:
            n, _ = _next_word(norm, k, end) if k < end else (end, "")
            if n < end:
                nxt = original[norm.starts[n]]
                if nxt.isalpha() and nxt.isascii() and nxt.islower():
                    boundary = False  # "Yahoo! said", "e.g. something"
        if boundary and k < end:
            yield k
            sentence_start = k
        i = k



def split_sentences(norm: NormalizedText) -> tuple[Sentence, ...]:
    """Sentences of the text, in order, non-overlapping, trimmed of surrounding space."""
    text = norm.text
    cuts: list[int] = []
    start = 0
    for m in _PARAGRAPH.finditer(text):
        cuts.extend(_cuts(norm, start, m.start()))
        cuts.append(m.start())
        start = m.end()
    cuts.extend(_cuts(norm, start, len(text)))
    cuts.append(len(text))
    sentences: list[Sentence] = []
    previous_end = 0
    lo = 0
    for hi in cuts:
        s, e = lo, hi
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        lo = hi
        if s >= e:
            continue
        span = norm.to_original(s, e, "expand")
        if span.start < previous_end:  # one original character split across a cut
            if span.end <= previous_end:
                continue
            span = type(span)(previous_end, span.end)
        sentences.append(Sentence(span, len(sentences)))
        previous_end = span.end
    return tuple(sentences)
