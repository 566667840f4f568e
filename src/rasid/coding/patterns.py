"""Word patterns with prefix wildcards, for trigger and cue lexicons.

Arabic verbs and nouns take suffixes (قصفت، قصفوا، اشتباكات، اختطفوه) that a
lexicon of whole words cannot list exhaustively, so a lexicon word written
with a trailing ``*`` matches any word starting with it. Proclitics on the
first word (و ف ب ل ك ال …) are handled as in :mod:`rasid.text.matcher`.
Matches are longest-first, left to right, non-overlapping.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from rasid.text.matcher import WordMemo, first_word_variants, word_spans, words_between
from rasid.text.normalize import normalize_key

T = TypeVar("T")

_JOINING_GAP = re.compile(r"[\s\-]*")

# One pattern word: its normalised form and whether it is a prefix.
PatternWord = tuple[str, bool]


@dataclass(frozen=True, slots=True)
class PatternMatch(Generic[T]):
    start: int  # normalised offsets
    end: int
    first_word: int  # index of the first matched word in the scanned word list
    n_words: int
    values: tuple[T, ...]


def parse_pattern(phrase: str) -> tuple[PatternWord, ...]:
    """``"تبادل* اطلاق النار"`` → ``(("تبادل", True), ("اطلاق", False), ("النار", False))``."""
    words: list[PatternWord] = []
    for raw in phrase.split():
        prefix = raw.endswith("*")
        key = normalize_key(raw.rstrip("*"))
        parts = [w for _, _, w in word_spans(key)]
        if not parts:
            continue
        # A hyphenated lexicon word ("cease-fire") is several words in text.
        for i, part in enumerate(parts):
            words.append((part, prefix and i == len(parts) - 1))
    return tuple(words)


def _word_matches(pattern: PatternWord, word: str) -> bool:
    stem, prefix = pattern
    return word.startswith(stem) if prefix else word == stem


@lru_cache(maxsize=65536)
def _variants(word: str) -> tuple[tuple[str, int], ...]:
    """The word's forms without proclitics, and without the article ``ال`` too."""
    out: list[tuple[str, int]] = []
    for form, offset in first_word_variants(word):
        out.append((form, offset))
        if form.startswith("ال") and len(form) > 4:
            bare = form[2:]
            out.append((bare, len(word) - len(bare)))
    return tuple(out)


class PatternMatcher(Generic[T]):
    """Longest-match lookup of word patterns; a phrase may carry several values."""

    def __init__(self, entries: Iterable[tuple[str, T]]) -> None:
        grouped: dict[tuple[PatternWord, ...], list[T]] = {}
        for phrase, value in entries:
            pattern = parse_pattern(phrase)
            if pattern:
                grouped.setdefault(pattern, []).append(value)
        self._exact: dict[str, list[tuple[tuple[PatternWord, ...], tuple[T, ...]]]] = {}
        self._prefix: dict[str, list[tuple[tuple[PatternWord, ...], tuple[T, ...]]]] = {}
        lengths: set[int] = set()
        for pattern, values in grouped.items():
            stem, prefix = pattern[0]
            entry = (pattern, tuple(values))
            if prefix:
                self._prefix.setdefault(stem, []).append(entry)
                lengths.add(len(stem))
            else:
                self._exact.setdefault(stem, []).append(entry)
        self._prefix_lengths = tuple(sorted(lengths))
        self._memo: dict[str, list[tuple[tuple[PatternWord, ...], tuple[T, ...]]]] = {}
        self._word_memo: WordMemo[tuple[tuple[int, list[tuple[tuple[PatternWord, ...], tuple[T, ...]]]], ...]] = (
            WordMemo()
        )

    def _candidates(self, form: str) -> list[tuple[tuple[PatternWord, ...], tuple[T, ...]]]:
        found = self._memo.get(form)
        if found is None:
            found = self._lookup(form)
            if len(self._memo) < 200_000:
                self._memo[form] = found
        return found

    def _lookup(self, form: str) -> list[tuple[tuple[PatternWord, ...], tuple[T, ...]]]:
        found = list(self._exact.get(form, ()))
        for length in self._prefix_lengths:
            if length > len(form):
                break
            found.extend(self._prefix.get(form[:length], ()))
        return found

    def _word_candidates(
        self, word: str
    ) -> tuple[tuple[int, list[tuple[tuple[PatternWord, ...], tuple[T, ...]]]], ...]:
        """(offset, candidates) for each form of the word that starts some pattern; memoised."""
        found = self._word_memo.found.get(word)
        if found is None:
            if word in self._word_memo.dead:
                return ()
            found = self._word_memo.remember(word, tuple(
                (offset, cands) for form, offset in _variants(word) if (cands := self._candidates(form))
            ))
        return found

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[PatternMatch[T]]:
        """All matches in the normalised ``text[start:end]``, left to right."""
        end = len(text) if end is None else end
        words = words_between(text, start, end)
        return self.find_in_words(text, words)

    def find_in_words(
        self, text: str, words: list[tuple[int, int, str]]
    ) -> list[PatternMatch[T]]:
        matches: list[PatternMatch[T]] = []
        memo = self._word_memo.found
        dead = self._word_memo.dead
        after = 0  # the first word not consumed by an earlier match
        for i in [k for k, word in enumerate(words) if word[2] not in dead]:
            if i < after:
                continue
            found = memo.get(words[i][2])
            if found is None:
                found = self._word_candidates(words[i][2])
            if not found:
                continue
            best: PatternMatch[T] | None = None
            for offset, candidates in found:
                for pattern, values in candidates:
                    n = len(pattern)
                    if i + n > len(words) or not self._tail_matches(text, words, i, pattern):
                        continue
                    if best is None or n > best.n_words:
                        best = PatternMatch(words[i][0] + offset, words[i + n - 1][1], i, n, values)
                    elif n == best.n_words:
                        # Same extent, another pattern ("طائره*", "طائر*"): it adds its values.
                        merged = best.values + tuple(v for v in values if v not in best.values)
                        best = PatternMatch(best.start, best.end, i, n, merged)
            if best is None:
                continue
            matches.append(best)
            after = i + best.n_words
        return matches

    @staticmethod
    def _tail_matches(
        text: str, words: list[tuple[int, int, str]], i: int, pattern: tuple[PatternWord, ...]
    ) -> bool:
        for k in range(1, len(pattern)):
            if not _JOINING_GAP.fullmatch(text, words[i + k - 1][1], words[i + k][0]):
                return False
            if not _word_matches(pattern[k], words[i + k][2]):
                return False
        return True
