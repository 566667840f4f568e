"""Property tests of the normaliser's offset map on arbitrary Arabic/English/Unicode text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from text_strategies import news_text

from rasid.model import Span
from rasid.text.normalize import REMOVED, normalize


@settings(max_examples=300, deadline=None)
@given(news_text)
def test_every_normalised_character_maps_inside_the_original(text: str) -> None:
    norm = normalize(text)
    assert len(norm.starts) == len(norm.ends) == len(norm.text)
    previous_start = previous_end = 0
    for start, end in zip(norm.starts, norm.ends, strict=True):
        assert 0 <= start < end <= len(text)
        assert start >= previous_start and end >= previous_end  # monotonic
        previous_start, previous_end = start, end


@settings(max_examples=300, deadline=None)
@given(news_text)
def test_only_removed_characters_vanish(text: str) -> None:
    """An original character no normalised character stands for is one that folds to nothing."""
    norm = normalize(text)
    covered = {i for s, e in zip(norm.starts, norm.ends, strict=True) for i in range(s, e)}
    for i, ch in enumerate(text):
        if i not in covered:
            assert ch in REMOVED or normalize(ch).text == "", (i, ch)


@settings(max_examples=200, deadline=None)
@given(news_text, st.data())
def test_to_original_in_every_alignment_mode(text: str, data: st.DataObject) -> None:
    norm = normalize(text)
    n = len(norm.text)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    cuts = (start > 0 and start < n and norm.starts[start - 1] == norm.starts[start]) or (
        0 < end < n and norm.starts[end] == norm.starts[end - 1]
    )
    for mode in ("strict", "contract", "expand"):
        try:
            span = norm.to_original(start, end, mode)  # type: ignore[arg-type]
        except ValueError:
            assert mode == "strict" and cuts
            continue
        assert isinstance(span, Span)
        assert 0 <= span.start <= span.end <= len(text)
        if mode == "strict":
            assert not cuts or start == end
    expand = norm.to_original(start, end, "expand")
    contract = norm.to_original(start, end, "contract")
    assert expand.start <= contract.start and contract.end <= expand.end
    if start < end:
        # from_original is the inverse: the expanded original span covers the normalised one again
        lo, hi = norm.from_original(expand.start, expand.end)
        assert lo <= start and end <= hi
        assert norm.text[start:end] in normalize(text[expand.start : expand.end]).text


@settings(max_examples=200, deadline=None)
@given(news_text, st.data())
def test_from_original_gives_a_valid_normalised_span(text: str, data: st.DataObject) -> None:
    norm = normalize(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    lo, hi = norm.from_original(start, end)
    assert 0 <= lo <= hi <= len(norm.text)
    for i in range(lo, hi):  # each normalised character found overlaps the original span
        assert norm.starts[i] < end or start == end
        assert norm.ends[i] > start


def test_out_of_range_spans_raise_index_error() -> None:
    norm = normalize("قال")
    with pytest.raises(IndexError):
        norm.to_original(0, 9)
    with pytest.raises(IndexError):
        norm.from_original(2, 1)


def test_removed_marks_are_absorbed_by_the_letter_before() -> None:
    text = "قُتِلَ ١٢ شخصاً"
    norm = normalize(text)
    assert norm.text == "قتل 12 شخصا"
    word = norm.to_original(0, 3)
    assert text[word.start : word.end] == "قُتِلَ"
    number = norm.to_original(4, 6)
    assert text[number.start : number.end] == "١٢"


@settings(max_examples=300, deadline=None)
@given(news_text)
def test_text_folds_character_by_character(text: str) -> None:
    """Folding never looks at neighbours, so the whole text folds as its characters one by one."""
    assert normalize(text).text == "".join(normalize(ch).text for ch in text)
    assert normalize(text, lower=False, fold_letters=False).text == "".join(
        normalize(ch, lower=False, fold_letters=False).text for ch in text
    )
