"""Denials, hypotheticals, forecasts, threats, demands, questions and negations give no event."""

from __future__ import annotations

import pytest
from coding_builders import make_result, quantity

from rasid.coding.events import code_events


def _n_events(text: str, lang: str = "ar") -> int:
    return len(code_events(make_result(text, lang=lang)))


@pytest.mark.parametrize(
    "text",
    [
        "نفى المتحدث العسكري وقوع اشتباكات في المنطقة.",
        "إذا هاجمت القوات المدينة فإن السكان سيفرون.",
        "هدد التنظيم بشن هجمات جديدة على المدينة.",
        "حذر المسؤول من هجوم وشيك على البلدة.",
        "طالب الأهالي بوقف القصف على أحيائهم.",
        "دعت المنظمة إلى وقف الاعتقالات التعسفية.",
        "هل تشهد المدينة اشتباكات جديدة؟",
        "لم يحدث أي اشتباك بين الطرفين.",
        "سوف تبدأ العملية العسكرية قريبا.",
    ],
)
def test_arabic_non_events(text: str) -> None:
    assert _n_events(text) == 0


@pytest.mark.parametrize(
    "text",
    [
        "The army denied that clashes had taken place.",
        "If the militants attack the town, residents will flee.",
        "The group threatened to launch attacks on the capital.",
        "Officials warned of possible airstrikes next week.",
        "Rights groups called for an end to the arrests.",
        "Did the rebels attack the convoy?",
        "No clashes were reported in the area.",
    ],
)
def test_english_non_events(text: str) -> None:
    assert _n_events(text, lang="en") == 0


def test_demand_after_the_protest_does_not_cancel_it() -> None:
    assert _n_events("تظاهر المئات أمام البرلمان للمطالبة بإقالة الحكومة.") == 1


def test_attack_without_casualties_is_an_event_with_zero_fatalities() -> None:
    text = "استهدف قصف مدفعي بلدة في الريف ولم تسجل إصابات."
    events = code_events(make_result(text))
    assert [(e.event_type, e.fatalities) for e in events] == [("Explosions/Remote violence", 0)]


def test_habitual_violence_is_not_an_event() -> None:
    assert _n_events("تتعرض المنطقة منذ أشهر لهجمات متكررة.") == 0
    assert _n_events("Cross-border raids and attacks are common in the region.", lang="en") == 0


def test_event_reported_inside_a_quote_is_an_event_with_its_source() -> None:
    from coding_builders import quote

    text = "وقال المتحدث إن القوات قصفت مواقع المسلحين في البلدة."
    q = quote(text, "القوات قصفت مواقع المسلحين في البلدة", speaker="المتحدث")
    killed = quantity(text, "المسلحين", 0, "other")
    events = code_events(make_result(text, quotes=(q,), quantities=(killed,)))
    assert len(events) == 1
    assert events[0].reported_by == "المتحدث" and events[0].quote_id == "q1"
