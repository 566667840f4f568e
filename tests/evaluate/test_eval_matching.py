"""One-to-one matching by overlap, and locating fragments in a text."""

from __future__ import annotations

from rasid.evaluate.matching import match_by_overlap, overlap_f1
from rasid.evaluate.records import Locator, words
from rasid.model import Span


def test_larger_overlap_wins_and_each_item_is_used_once() -> None:
    gold = [Span(0, 50), Span(40, 100)]
    # p0 overlaps g0 by 30 and g1 by 10; p1 overlaps g0 by 5 and g1 by 60.
    predicted = [Span(20, 50), Span(45, 105)]
    assert match_by_overlap(predicted, gold) == [(0, 0), (1, 1)]
    # Two predictions fighting for one gold: the larger overlap takes it.
    assert match_by_overlap([Span(0, 10), Span(0, 40)], [Span(0, 50)]) == [(1, 0)]


def test_disjoint_and_unlocated_items_never_match() -> None:
    assert match_by_overlap([Span(0, 10), None], [Span(10, 20), None]) == []


def test_ties_are_broken_deterministically_by_key_then_index() -> None:
    gold = [Span(0, 10), Span(0, 10)]
    predicted = [Span(0, 10), Span(0, 10)]
    assert match_by_overlap(predicted, gold) == [(0, 0), (1, 1)]
    # A tiebreak key preferring gold 1 for prediction 0 reorders the pairs.
    pairs = match_by_overlap(predicted, gold, tiebreak=lambda p, g: 0 if (p, g) == (0, 1) else 1)
    assert pairs == [(1, 0), (0, 1)]


def test_constraint_restricts_pairs() -> None:
    pairs = match_by_overlap([Span(0, 10)], [Span(0, 10), Span(5, 10)], allowed=lambda p, g: g == 1)
    assert pairs == [(0, 1)]


def test_overlap_f1() -> None:
    assert overlap_f1(Span(0, 10), Span(0, 10)) == 1.0
    assert overlap_f1(Span(0, 10), Span(10, 20)) == 0.0
    assert overlap_f1(Span(0, 10), Span(5, 15)) == 0.5


def test_locator_exact_then_normalised() -> None:
    text = "قالَ  المتحدّث إنّ الهجوم وقع فجراً"
    locator = Locator(text)
    exact = locator.find("الهجوم")
    assert exact is not None and exact.text_of(text) == "الهجوم"
    # Without diacritics and with one space: still found, original offsets returned.
    loose = locator.find("قال المتحدث ان")
    assert loose is not None
    assert loose.text_of(text) == "قالَ  المتحدّث إنّ"
    assert locator.find("غير موجود") is None
    assert locator.find("   ") is None


def test_speaker_words_drop_quote_marks_and_punctuation() -> None:
    assert words("«قسد»، المتحدث") == ("قسد", "المتحدث")
