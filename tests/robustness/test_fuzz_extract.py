"""``rasid.extract`` on hostile Unicode: every span maps back, the record keeps the contract, nothing escapes.

Example counts are modest so CI stays fast; ``RASID_FUZZ_PROFILE=long`` multiplies them
by 20 for a longer run (see ``bench/fuzz/harnesses.py``).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import rasid
from bench_modules import load_bench
from rasid.pipeline import MAX_CHARS, DocumentTooLarge

H = load_bench("fuzz/harnesses.py")

# Words that reach the deeper stages (cues, casualty nouns, months, places, actors), and the
# characters that break naive text code: bidi controls, joiners, combining marks, presentation forms.
WORDS = ("قال", "قتل", "مقتل", "جنود", "مدنيين", "حلب", "الرقة", "داعش", "الجيش", "أمس", "آذار", "يوم",
         "إن", "أن", "وأضاف", "killed", "said", "soldiers", "Aleppo", "March", "army", "on", "in", "two",
         "ثلاثة", "عشرات", "٣", "12", "٢٠٢٣", "1,200", "³", "₄")
CONTROLS = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u0640"
MARKS = "".join(chr(c) for c in range(0x064B, 0x0653)) + "\u0670\u0301\u20dd"
PRESENTATION = "\ufefb\ufef5\ufe8d\ufe8e\ufee1\ufedf\ufdf2\ufb50\ufb8a\ufc5e\ufe70\ufe71"
PUNCTUATION = "«»“”„‹›\"'.,،؛؟?!:;()[]-–\n\t \u00a0"

pieces = st.one_of(
    st.sampled_from(WORDS),
    st.text(alphabet=CONTROLS + MARKS + PRESENTATION + PUNCTUATION, min_size=1, max_size=4),
    st.text(min_size=1, max_size=3),  # any script, any plane
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),  # lone surrogates
)
hostile_text = st.lists(pieces, max_size=60).map(" ".join)


@H.fuzz_settings(150)
@given(hostile_text)
def test_extract_keeps_offsets_and_contract_on_hostile_text(text: str) -> None:
    H.check_extraction(text)


@H.fuzz_settings(40)
@given(hostile_text, st.sampled_from(["ar", "en", None]), st.dates().map(str) | st.none())
def test_extract_with_metadata(text: str, lang: str | None, published: str | None) -> None:
    H.check_extraction(text, lang=lang, published=published)


@H.fuzz_settings(30)
@given(st.sampled_from(WORDS), st.sampled_from(MARKS + CONTROLS), st.integers(1, 20_000))
def test_combining_mark_and_control_floods(word: str, mark: str, count: int) -> None:
    H.check_extraction(f"قال مصدر إن {word}{mark * count} قتل جنديين.")


@H.fuzz_settings(20)
@given(st.text(alphabet=PRESENTATION + " ", min_size=1, max_size=3000))
def test_presentation_forms(text: str) -> None:
    H.check_extraction(text)


def test_one_megabyte_single_line() -> None:
    """One line just under the size limit (no sentence stop anywhere), and one just over it.

    Mostly Latin filler with an Arabic report every 10,000 characters: 1 MB of dense Arabic
    costs minutes of CPU (linear, but slow), too much for CI; bench/robustness.py runs that.
    """
    block = "abcde fghij " * 830 + "قال مصدر إن مسلحين قتلوا 3 جنود في حلب "
    line = (block * (MAX_CHARS // len(block) + 1))[: MAX_CHARS - 1]
    result = H.check_extraction(line)
    assert result is not None and result.sentences
    with pytest.raises(DocumentTooLarge):
        rasid.extract(line + "xx")
