"""Find known phrases (actor aliases, place names, cue words) in normalised text.

Lookup is by words, not by one giant regular expression: a gazetteer has tens
of thousands of names, and a dictionary of word tuples finds them in time
linear in the text. Arabic writes its proclitics (و ف ب ل ك, and لل for
ل + ال) onto the next word, so the first word of a phrase may carry them;
the match then starts after the clitic.

Transliterations write the Arabic ayn and hamza as an apostrophe ("Dar'a", "Sa'dah",
"Ma'arrat al-Nu'man"), so an apostrophe between letters belongs to its word; only the English
possessive "'s" is split off ("Idlib's" is "Idlib" and "s"). Gazetteers drop those marks as
often as they keep them ("Maarrat an Numan"), so a word with an apostrophe is also looked up
without it, after its written form.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from rasid.model import Span
from rasid.text.normalize import NormalizedText, normalize_key

T = TypeVar("T")

# A word: letters and digits, and apostrophes between them (normalisation has folded ’ ʿ ʾ to
# '), except before a final "s" (the possessive, not part of the name).
WORD_PATTERN = r"[^\W_]+(?:'(?!s(?![^\W_]))[^\W_]+)*"
WORD_RE = re.compile(WORD_PATTERN)
_WORD_SPLIT = re.compile(f"({WORD_PATTERN})")  # the same words, captured, so that split() keeps them
# Gaps allowed inside a multi-word phrase: spaces and hyphens, nothing that ends a clause, and an
# apostrophe for an ayn or hamza that ends or starts a word ("Tall 'Afar", "Qada' al Mahawil");
# after a one-letter word also its period, so that initialisms match ("U.S. forces", "U.N.-led").
_JOINING_GAP = re.compile(r"'?[\s\-]*'?")
_INITIAL_GAP = re.compile(r"\.[\s\-]*")
# Proclitic sequences, longest first; "لل" stands for ل + ال and is handled apart.
PROCLITICS = ("وبال", "وال", "فال", "بال", "كال", "وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
_CLITIC_INITIALS = frozenset(c[0] for c in PROCLITICS)  # "لل" starts with one of these too


@dataclass(frozen=True, slots=True)
class PhraseMatch(Generic[T]):
    start: int  # offsets in the normalised text
    end: int
    value: T
    key: str  # the normalised phrase that matched
    clitic: str = ""  # proclitic stripped from the first word, if any

    def span(self, norm: NormalizedText) -> Span:
        return norm.to_original(self.start, self.end, "expand")


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` for every word of ``text``."""
    return split_spans(_WORD_SPLIT, text)


def split_spans(splitter: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    """``(start, end, piece)`` for every piece a *capturing* ``splitter`` keeps.

    Split on a capturing pattern gives gap, piece, gap, piece …, gap: summing lengths is
    cheaper than three method calls on a match object per piece, and this runs on every text.
    """
    out: list[tuple[int, int, str]] = []
    parts = iter(splitter.split(text))
    pos = len(next(parts))
    for piece in parts:
        end = pos + len(piece)
        out.append((pos, end, piece))
        pos = end + len(next(parts))
    return out


V = TypeVar("V")


class WordMemo(Generic[V]):
    """What each distinct written word starts in a matcher's table, remembered across documents.

    News vocabulary recurs, so one dict lookup settles most words. Words that start nothing (most
    of them) go to ``dead``, a set the hot loops test (or subtract) before any call. Both are
    cleared together at ``limit`` so that memory stays flat over an endless stream.
    """

    __slots__ = ("dead", "found", "limit")

    def __init__(self, limit: int = 1 << 17) -> None:
        self.found: dict[str, V] = {}
        self.dead: set[str] = set()
        self.limit = limit

    def remember(self, word: str, value: V) -> V:
        if len(self.found) + len(self.dead) >= self.limit:
            self.found.clear()
            self.dead.clear()
        if value:
            self.found[word] = value
        else:
            self.dead.add(word)
        return value


_NON_SPACE = re.compile(r"\S+")


def count_split_words(text: str, start: int, end: int, most: int) -> int:
    """``len(text[start:end].split())``, counted no further than ``most + 1``.

    Callers ask whether two spans are at most a few words apart, often for every pair of
    mentions in a document: slicing and splitting the whole gap made that quadratic in the
    text's length. The pattern's whitespace is ``str.split``'s (both are Unicode's).
    """
    count = 0
    for _ in _NON_SPACE.finditer(text, start, end):
        count += 1
        if count > most:
            break
    return count


def words_between(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """``word_spans(text[start:end])`` in offsets of ``text`` (the list may be shared: read only).

    Every stage looks at windows of the same document (a sentence, the words after a name);
    when ``text`` is the document the matchers last indexed, its word list is cut instead
    of the window being scanned again.
    """
    index = _last_index
    if index.text is text:
        if start <= 0 and end >= len(text):
            return index.words  # shared: callers must not change it
        return index.window(start, end)
    if start == 0:
        return word_spans(text[:end])
    return [(s + start, e + start, w) for s, e, w in word_spans(text[start:end])]


def first_word_variants(word: str) -> Iterator[tuple[str, int]]:
    """The word itself, then its forms without each proclitic it may carry.

    Each variant comes with how many written characters precede it in the word.
    """
    return iter(_variants(word))


@lru_cache(maxsize=1 << 16)
def _variants(word: str) -> tuple[tuple[str, int], ...]:
    """:func:`first_word_variants` as a tuple, cached: news vocabulary repeats across documents."""
    return tuple(_generate_variants(word))


def _generate_variants(word: str) -> Iterator[tuple[str, int]]:
    yield word, 0
    if word[:1] not in _CLITIC_INITIALS:
        return  # most words: no proclitic can start them, so none of the tests below can pass
    if word.startswith("لل") and len(word) > 3:
        yield "ال" + word[2:], 1  # ل + ال: the article's alef is not written
    for clitic in PROCLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 2:
            rest = word[len(clitic) :]
            yield rest, len(clitic)
            if clitic.endswith("ال"):
                yield "ال" + rest, len(clitic) - 2  # "بالحسكة" also names "الحسكة"


class PhraseMatcher(Generic[T]):
    """Longest-match, left-to-right, non-overlapping lookup of phrases."""

    def __init__(self, phrases: Iterable[tuple[str, T]], *, allow_clitics: bool = True) -> None:
        self._table: dict[tuple[str, ...], T] = {}
        # Longest phrase starting with each first word: most words start none, and
        # only those that do are worth trying clitic variants and longer spans for.
        self._longest_from: dict[str, int] = {}
        # Per written word that starts some phrase, its forms that do: a word recurs across
        # documents. The words that start none (most) are remembered apart, in a set: a document's
        # words minus it (one set difference in C) leave the few worth a look.
        self._memo: WordMemo[tuple[tuple[str, int], ...]] = WordMemo()
        self.allow_clitics = allow_clitics
        for phrase, value in phrases:
            words = tuple(w for _, _, w in word_spans(normalize_key(phrase)))
            if not words:
                continue
            self._table.setdefault(words, value)
            self._longest_from[words[0]] = max(self._longest_from.get(words[0], 0), len(words))

    def __len__(self) -> int:
        return len(self._table)

    def __contains__(self, phrase: str) -> bool:
        return tuple(w for _, _, w in word_spans(normalize_key(phrase))) in self._table

    def get(self, phrase: str) -> T | None:
        return self._table.get(tuple(w for _, _, w in word_spans(normalize_key(phrase))))

    def _starting_forms(self, word: str) -> tuple[tuple[str, int], ...]:
        """The (form, clitic length) variants of ``word`` that some phrase starts with; memoised."""
        found = self._memo.found.get(word)
        if found is None:
            if word in self._memo.dead:
                return ()
            if self.allow_clitics:
                found = tuple((f, p) for f, p in _variants(word) if f in self._longest_from)
            else:
                found = ((word, 0),) if word in self._longest_from else ()
            if "'" in word and (plain := _without_apostrophes(word)) in self._longest_from:
                found += ((plain, 0),)  # "Ma'arrat" where the table spells "Maarrat"
            self._memo.remember(word, found)
        return found

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[PhraseMatch[T]]:
        """All matches in ``text[start:end]`` (a normalised text), left to right."""
        end = len(text) if end is None else end
        matches: list[PhraseMatch[T]] = []
        if start == 0 and end == len(text):
            # Try only the words that may start a phrase: one memo lookup per distinct word.
            index = _cached_index(text)
            words = index.words
            memo = self._memo.found
            plain = index.plain
            starts: list[int] = []
            for word in plain.keys() - self._memo.dead:
                forms = memo.get(word)
                if forms is None:
                    forms = self._starting_forms(word)
                if forms:
                    starts.extend(plain[word])
            starts.sort()
            positions: Iterable[int] = starts
        else:
            index = _last_index
            if index.text is text:
                words = index.window(start, end)
            else:
                words = [(s + start, e + start, w) for s, e, w in word_spans(text[start:end])]
            dead = self._memo.dead  # words that start nothing are skipped without a call
            positions = [i for i, word in enumerate(words) if word[2] not in dead]
        after = 0  # the first word not consumed by an earlier match
        for i in positions:
            if i < after:
                continue
            found = self._longest_at(text, words, i)
            if found is None:
                continue
            match, n_words = found
            matches.append(match)
            after = i + n_words
        return matches

    def _longest_at(
        self, text: str, words: list[tuple[int, int, str]], i: int
    ) -> tuple[PhraseMatch[T], int] | None:
        first_word = words[i][2]
        candidates = self._memo.found.get(first_word)
        if candidates is None:
            candidates = self._starting_forms(first_word)
        if not candidates:
            return None
        # How many following words are joined to word i by a space or hyphen only.
        most = max(self._longest_from[f] for f, _ in candidates)
        limit = 1
        while limit < most and i + limit < len(words) and _joined(text, words, i + limit - 1):
            limit += 1
        for n in range(limit, 0, -1):
            tail = tuple(w for _, _, w in words[i + 1 : i + n])
            tails: tuple[tuple[str, ...], ...] = (tail,)
            if any("'" in w for w in tail):
                tails = (tail, tuple(_without_apostrophes(w) for w in tail))
            for form, prefix in candidates:
                for words_after in tails:
                    value = self._table.get((form, *words_after))
                    if value is not None:
                        key = " ".join((form, *words_after))
                        match = PhraseMatch(words[i][0] + prefix, words[i + n - 1][1], value, key,
                                            first_word[:prefix])
                        return match, n
        return None


def _without_apostrophes(word: str) -> str:
    """The word as gazetteers that drop the ayn and hamza marks spell it: "ma'arrat" -> "maarrat"."""
    return word.replace("'", "")


class _WordIndex:
    """A text's words, and where each form a phrase could start with occurs in it."""

    __slots__ = ("_ends", "plain", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = word_spans(text)
        plain: dict[str, list[int]] = {}  # word -> its positions
        for i, (_, _, word) in enumerate(self.words):
            where = plain.get(word)
            if where is None:
                plain[word] = [i]
            else:
                where.append(i)
        self.plain = plain
        self._ends: list[int] | None = None

    def window(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """``word_spans(text[start:end])`` in offsets of the text, without scanning it again.

        The window's words are the text's words that overlap it; a word the window cuts is
        scanned again (its cut piece may be several words: "dar'a" cut after the apostrophe).
        """
        if start >= end:
            return []
        if self._ends is None:
            self._ends = [e for _, e, _ in self.words]
        out: list[tuple[int, int, str]] = []
        words = self.words
        for k in range(bisect_right(self._ends, start), len(words)):
            word = words[k]
            s, e = word[0], word[1]
            if s >= end:
                break
            if s < start or e > end:
                s, e = max(s, start), min(e, end)
                piece = self.text[s:e]
                if "'" in piece:
                    out.extend((s + a, s + b, w) for a, b, w in word_spans(piece))
                else:
                    out.append((s, e, piece))
            else:
                out.append(word)
        return out


_last_index = _WordIndex("")


def _cached_index(text: str) -> _WordIndex:
    """The index of the last text seen: every stage's matchers scan the same document."""
    global _last_index
    cached = _last_index  # one read: another thread may replace it meanwhile
    if cached.text is not text:
        cached = _last_index = _WordIndex(text)
    return cached


def _joined(text: str, words: list[tuple[int, int, str]], k: int) -> bool:
    """Whether word ``k`` and the next are parts of one phrase (no clause break between)."""
    gap_start, gap_end = words[k][1], words[k + 1][0]
    if _JOINING_GAP.fullmatch(text, gap_start, gap_end):
        return True
    return len(words[k][2]) == 1 and _INITIAL_GAP.fullmatch(text, gap_start, gap_end) is not None
