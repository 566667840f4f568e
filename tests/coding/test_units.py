"""Sentence units, headings and back-references: what counts as a separate report."""

from __future__ import annotations

from coding_builders import make_result

from rasid.coding.context import view_sentence
from rasid.coding.events import anaphora, code_events, is_heading, units
from rasid.model import Sentence, Span


def test_heading_is_a_short_line_without_closing_punctuation() -> None:
    text = "اشتباكات في ريف حلب\nاندلعت اشتباكات في ريف حلب الشمالي."
    assert is_heading(text, Span(0, text.index("\n")))
    assert not is_heading(text, Span(text.index("\n") + 1, len(text)))


def test_units_cut_at_full_stops_and_line_breaks_left_inside_a_sentence() -> None:
    result = make_result("قصفت القوات البلدة. ثم اندلعت اشتباكات\nوقتل مدنيان.")
    whole = (Sentence(Span(0, len(result.text)), 0),)
    parts = [s.span.text_of(result.text) for s in units(result.normalized, whole)]
    assert parts == ["قصفت القوات البلدة.", "ثم اندلعت اشتباكات", "وقتل مدنيان."]


def _anaphora_of(text: str) -> list[str | None]:
    result = make_result(text)
    view = view_sentence(result.normalized, result.sentences[0])
    return [anaphora(view, t) for t in view.triggers]


def test_anaphora_kinds() -> None:
    assert _anaphora_of("وعلى خلفية تلك المواجهات أعلنت الإدارة حظر التجول.")[0] == "strong"
    assert _anaphora_of("وتصاعدت الاشتباكات في المدينة.") == ["weak"]
    assert _anaphora_of("واندلعت مواجهات أخرى في البادية.") == [None]
    assert _anaphora_of("وكذلك سيطر الجيش على البلدة.") == [None]  # "كذلك" is not "ذلك"


def test_another_clash_elsewhere_is_a_second_event() -> None:
    text = "اندلعت اشتباكات بين الطرفين في المدينة. كما اندلعت مواجهات أخرى بين التنظيم والجيش في البادية."
    assert len(code_events(make_result(text))) == 2


def test_empty_and_eventless_texts_give_no_events() -> None:
    assert code_events(make_result("")) == ()
    assert code_events(make_result("Parliament approved the budget on Monday.", lang="en")) == ()
