"""The prefix-wildcard lexicon matcher behind triggers and cues."""

from __future__ import annotations

from rasid.coding.patterns import PatternMatcher, parse_pattern
from rasid.text.normalize import normalize


def _found(matcher: PatternMatcher[str], text: str) -> list[tuple[str, tuple[str, ...]]]:
    norm = normalize(text)
    return [(norm.text[m.start : m.end], m.values) for m in matcher.find(norm.text)]


def test_parse_pattern_marks_prefix_words_and_splits_hyphens() -> None:
    assert parse_pattern("تبادل* إطلاق النار") == (("تبادل", True), ("اطلاق", False), ("النار", False))
    assert parse_pattern("cease-fire*") == (("cease", False), ("fire", True))


def test_prefix_word_matches_suffixed_forms_with_clitics_and_article() -> None:
    m = PatternMatcher([("قصف*", "shelling")])
    found = _found(m, "قصفت القوات البلدة بعد القصف وبقصف مدفعي")
    assert [t for t, _ in found] == ["قصفت", "قصف", "قصف"]


def test_exact_word_does_not_match_longer_word() -> None:
    m = PatternMatcher([("هدنه", "truce")])
    assert _found(m, "الهدنات") == []
    assert _found(m, "وهدنة") == [("هدنه", ("truce",))]


def test_longest_phrase_wins_and_matches_do_not_overlap() -> None:
    m = PatternMatcher([("اطلاق النار", "fire"), ("وقف اطلاق النار", "ceasefire")])
    assert _found(m, "أعلن وقف إطلاق النار") == [("وقف اطلاق النار", ("ceasefire",))]


def test_one_phrase_may_carry_several_values() -> None:
    m = PatternMatcher([("drone*", "air"), ("drone*", "projectile")])
    assert _found(m, "two drones") == [("drones", ("air", "projectile"))]


def test_phrase_does_not_cross_clause_punctuation() -> None:
    m = PatternMatcher([("car bomb*", "ied")])
    assert _found(m, "a car, bombs") == []
    assert _found(m, "a car bombing") == [("car bombing", ("ied",))]
