"""The fast word lists agree with a plain regular-expression scan, on real articles and edge cases."""

from __future__ import annotations

import re
from typing import Any

import pytest

from rasid.text import matcher
from rasid.text.matcher import PhraseMatcher, word_spans, words_between
from rasid.text.normalize import normalize

# Letters and digits, with an apostrophe between them kept inside ("dar'a"), but not a possessive "'s".
_WORD = re.compile(r"[^\W_]+(?:'(?!s(?![^\W_]))[^\W_]+)*")


def _scan(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    end = len(text) if end is None else end
    return [(m.start() + start, m.end() + start, m.group()) for m in _WORD.finditer(text[start:end])]


@pytest.mark.parametrize("text", ["", "   ", "word", " a-b_c ", "قتل 3 في بغداد، والموصل.", "U.S.-led\n\nforces",
                                  "dar'a's", "'sa'dah'", "x'sy x's y'", "ma'arrat al-nu'man"])
def test_word_spans_match_a_regex_scan_on_edge_cases(text: str) -> None:
    assert word_spans(text) == _scan(text)


def test_word_spans_and_windows_match_a_regex_scan_on_gold_articles(gold_documents: list[dict[str, Any]]) -> None:
    for doc in gold_documents[:20]:
        text = normalize(doc["text"]).text
        assert word_spans(text) == _scan(text)
        matcher._cached_index(text)  # as the first matcher of a document does
        # windows that cut words at both edges, the whole text, and an empty window
        for start, end in ((0, len(text)), (3, 50), (len(text) // 2, len(text) // 2 + 37), (10, 10)):
            end = min(end, len(text))
            start = min(start, end)
            assert words_between(text, start, end) == _scan(text, start, end), (doc["doc_id"], start, end)
        other = text + " "  # not the indexed text: scanned afresh
        assert words_between(other, 5, 60) == _scan(other, 5, 60)


def test_windows_cutting_a_word_at_its_apostrophe_match_a_scan_of_the_window() -> None:
    """A cut "dar'a" may become "dar" or "a"; a cut "x'sy" the possessive "x" and "s"."""
    text = normalize("Ma’arrat al-Nu’man's x'sy, Dar'a's").text
    matcher._cached_index(text)
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            assert words_between(text, start, end) == _scan(text, start, end), (start, end)


def test_phrase_matcher_gives_the_same_matches_after_its_memo_is_cleared() -> None:
    phrases = [("بغداد", "baghdad"), ("الموصل", "mosul"), ("قوات الامن", "security")]
    text = normalize("قتل 3 في بغداد والموصل على يد قوات الأمن وبقوات الامن").text
    found = PhraseMatcher(phrases).find(text)
    assert [m.value for m in found] == ["baghdad", "mosul", "security", "security"]
    small = PhraseMatcher(phrases)
    small._memo.limit = 2  # clear after every second distinct word
    assert small.find(text) == found
    assert len(small._memo.found) <= 2
