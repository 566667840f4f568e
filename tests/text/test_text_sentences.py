"""Sentence splitting: invariants on arbitrary text, behaviour on real and hand-written news."""

from __future__ import annotations

import gc
import re
import time
from typing import Any

import pytest
from hypothesis import given, settings
from text_strategies import news_text

from rasid.model import Sentence
from rasid.text.normalize import normalize
from rasid.text.sentences import MAX_QUOTE, split_sentences


def sentences_of(text: str) -> list[str]:
    return [text[s.span.start : s.span.end] for s in split_sentences(normalize(text))]


def check_invariants(text: str, sentences: tuple[Sentence, ...]) -> None:
    norm = normalize(text)
    previous_end = 0
    for i, sentence in enumerate(sentences):
        assert sentence.index == i
        assert previous_end <= sentence.span.start < sentence.span.end <= len(text)
        body = text[sentence.span.start : sentence.span.end]
        assert not body[0].isspace() and body.strip()
        previous_end = sentence.span.end
    # every non-space character is in a sentence
    spans = [s.span for s in sentences]
    j = 0
    for k, ch in enumerate(norm.text):
        if ch.isspace():
            continue
        at = norm.starts[k]
        while j < len(spans) and spans[j].end <= at:
            j += 1
        assert j < len(spans) and spans[j].start <= at, (k, ch, text)


@settings(max_examples=400, deadline=None)
@given(news_text)
def test_sentences_are_ordered_disjoint_trimmed_and_cover_all_text(text: str) -> None:
    check_invariants(text, split_sentences(normalize(text)))


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n", ".", "...", "؟!.", "«", "»»»", '"', "(((", "«a. b", "a.» b", " . . . ", "\u200f", "ـــ"],
)
def test_degenerate_inputs(text: str) -> None:
    check_invariants(text, split_sentences(normalize(text)))


@pytest.mark.parametrize(
    "unit",
    ["a. ", "«", "»", "1 1. ", '"a. ', "(b. ", "Mr. ", "د. ", ".", " ", "قال «نعم. لا» ", "x.y"],
)
def test_linear_time_on_adversarial_lines(unit: str) -> None:
    """Sixteen times a pathological one-line input must cost far less than 256 times the time.

    The ratio is wide so that a busy machine cannot fail it: linear work is 16×, quadratic 256×,
    and the bound sits between them (4× against 16× flaked in CI when one run was slowed).
    """

    def run(n: int) -> float:
        norm = normalize(unit * n)
        best = float("inf")
        gc.disable()  # a collection landing in one run is not the splitter's cost
        try:
            for _ in range(3):
                started = time.process_time()
                split_sentences(norm)
                best = min(best, time.process_time() - started)
        finally:
            gc.enable()
        return best

    assert run(80_000) < 48 * run(5_000) + 0.2


def test_one_megabyte_single_line() -> None:
    text = ("قال المسؤول «إن الهجوم. أسفر عن مقتل 3.5 شخص» ومن ثم Mr. Smith said. " * 14_000)[:1_000_000]
    norm = normalize(text)
    started = time.perf_counter()
    sentences = split_sentences(norm)
    assert time.perf_counter() - started < 30  # a hang guard, not a speed measure (bench/ has those)
    check_invariants(text[:5000], split_sentences(normalize(text[:5000])))
    assert 10_000 < len(sentences) < 40_000


def test_titles_and_paragraphs_break_without_a_stop() -> None:
    text = "هجوم على سجن في الحسكة\nالقامشلي: شهدت المدينة اشتباكات. وقال مصدر إن الوضع هادئ.\n\nPlane crash kills 5\nIt happened Monday."
    assert sentences_of(text) == [
        "هجوم على سجن في الحسكة",
        "القامشلي: شهدت المدينة اشتباكات.",
        "وقال مصدر إن الوضع هادئ.",
        "Plane crash kills 5",
        "It happened Monday.",
    ]


def test_arabic_clause_marks_do_not_split() -> None:
    text = "قتل ثلاثة أشخاص، وأصيب خمسة آخرون؛ بحسب مصدر طبي. وأضاف المصدر أن الحصيلة أولية؟ نعم!"
    assert sentences_of(text) == [
        "قتل ثلاثة أشخاص، وأصيب خمسة آخرون؛ بحسب مصدر طبي.",
        "وأضاف المصدر أن الحصيلة أولية؟",
        "نعم!",
    ]


def test_quote_of_several_sentences_stays_with_its_reporting_clause() -> None:
    text = "وقال المتحدث إن «القوات تقدمت. الوضع تحت السيطرة! لا خسائر». ثم غادر."
    assert sentences_of(text) == ["وقال المتحدث إن «القوات تقدمت. الوضع تحت السيطرة! لا خسائر».", "ثم غادر."]
    english = 'He said "We advanced. The area is secure." Then he left. “It is over. Go home,” she added.'
    assert sentences_of(english) == [
        'He said "We advanced. The area is secure."',
        "Then he left.",
        "“It is over. Go home,” she added.",
    ]


def test_stop_inside_closing_quote_ends_the_sentence_after_the_quote() -> None:
    text = "وأضاف: «انتهت المعركة.» وتابع أن الجيش انسحب."
    assert sentences_of(text) == ["وأضاف: «انتهت المعركة.»", "وتابع أن الجيش انسحب."]


def test_unbalanced_and_reversed_quotes_protect_nothing_or_pair_up() -> None:
    assert sentences_of("قال: «الجملة الأولى. الجملة الثانية.") == ["قال: «الجملة الأولى.", "الجملة الثانية."]
    # a closing mark used as the opening one, as some outlets write: ”قسد”
    assert sentences_of("وصفتها ب”الدقيقة. جدا” ثم انتهت. بعدها عادوا.") == [
        "وصفتها ب”الدقيقة. جدا” ثم انتهت.",
        "بعدها عادوا.",
    ]


def test_very_long_quote_is_split() -> None:
    inner = "هذه جملة طويلة في الاقتباس. " * (MAX_QUOTE // 20)
    text = f"وقال «{inner}» وانتهى."
    assert len(sentences_of(text)) > 10


def test_english_abbreviations_initials_and_numbers() -> None:
    text = (
        "Mr. Smith met Dr. Jones and Gen. J. Allen at 10 a.m. on Jan. 5 in St. Louis. "
        "The U.S. military said No. 3 battalion lost 3.5 tanks. "
        "Officials at the U.N. said 1,200 people fled. "
        "The talks ended at 5 p.m. The next round starts soon! Really? Yes."
    )
    assert sentences_of(text) == [
        "Mr. Smith met Dr. Jones and Gen. J. Allen at 10 a.m. on Jan. 5 in St. Louis.",
        "The U.S. military said No. 3 battalion lost 3.5 tanks.",
        "Officials at the U.N. said 1,200 people fled.",
        "The talks ended at 5 p.m.",
        "The next round starts soon!",
        "Really?",
        "Yes.",
    ]


def test_arabic_abbreviations_and_missing_space_after_stop() -> None:
    text = "قال د. محمد علي إن الهجوم وقع عام 2019 م. في المدينة.وأضاف أن 3.5 طن من المساعدات وصلت (انظر ص. 4)."
    assert sentences_of(text) == [
        "قال د. محمد علي إن الهجوم وقع عام 2019 م. في المدينة.",
        "وأضاف أن 3.5 طن من المساعدات وصلت (انظر ص. 4).",
    ]


def test_double_stop_is_a_dash_in_titles_and_a_stop_in_prose() -> None:
    assert sentences_of("لبنان.. اقتحام منزل وإحراقه\nنص الخبر.") == ["لبنان.. اقتحام منزل وإحراقه", "نص الخبر."]
    assert sentences_of("لم يتوقف القتل حتى اليوم.. والسبب واضح.") == ["لم يتوقف القتل حتى اليوم..", "والسبب واضح."]
    assert sentences_of("We waited… The attack came at dawn.") == ["We waited…", "The attack came at dawn."]
    assert sentences_of("He paused... then left.") == ["He paused... then left."]


def test_list_numbers_at_paragraph_start() -> None:
    assert sentences_of("1. First point here.\n2. Second point.") == ["1. First point here.", "2. Second point."]


def test_original_offsets_survive_tashkeel_and_controls() -> None:
    text = "\u200fقُتِلَ جنديٌّ. وأُصيب آخرُ."
    got = sentences_of(text)
    assert got == ["قُتِلَ جنديٌّ.", "وأُصيب آخرُ."]


# --- real articles -----------------------------------------------------------------------------


def _inside_one_sentence(sentences: tuple[Sentence, ...], start: int, end: int) -> bool:
    return any(s.span.start <= start and end <= s.span.end for s in sentences)


def test_worked_example_evidence_and_quotes_lie_in_one_sentence(ghwayran: dict[str, Any]) -> None:
    text = ghwayran["text"]
    sentences = split_sentences(normalize(text))
    check_invariants(text, sentences)
    paragraphs = [p for p in text.split("\n") if p.strip()]
    stops = len(re.findall(r"[.!?؟]", text))
    assert len(paragraphs) <= len(sentences) <= len(paragraphs) + stops
    for item in ghwayran["events"] + ghwayran["quotes"]:
        fragment = item.get("evidence") or item["text"]
        start = text.index(fragment)
        assert _inside_one_sentence(sentences, start, start + len(fragment)), fragment


def test_worked_example_short_quotes_are_never_cut(ghwayran: dict[str, Any]) -> None:
    text = ghwayran["text"]
    sentences = split_sentences(normalize(text))
    for m in re.finditer(r"«[^«»\n]*»", text):
        assert _inside_one_sentence(sentences, m.start(), m.end()), m.group()


def test_worked_example_text_file_matches_the_gold_text(shared_dir: Any, ghwayran: dict[str, Any]) -> None:
    raw = (shared_dir / "examples" / "ghwayran-prison-attack.ar.txt").read_text(encoding="utf-8")
    sentences = split_sentences(normalize(raw))
    assert len(sentences) == len(split_sentences(normalize(ghwayran["text"])))
    assert 20 <= len(sentences) <= 80


def test_gold_articles_evidence_mostly_in_one_sentence(gold_documents: list[dict[str, Any]]) -> None:
    inside = total = 0
    for doc in gold_documents:
        text = doc["text"]
        sentences = split_sentences(normalize(text))
        check_invariants(text, sentences)
        assert len(sentences) >= 2
        for item in doc["events"] + doc["quotes"]:
            fragment = item.get("evidence") or item.get("text")
            if not fragment or fragment not in text:
                continue
            start = text.index(fragment)
            total += 1
            inside += _inside_one_sentence(sentences, start, start + len(fragment))
    assert total > 200
    assert inside / total >= 0.97
