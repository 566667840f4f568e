"""What counts as an event in Arabic newswire sentences (issue #5): real sentences of
``shared/eval/petrarch-arabic-dev.jsonl``, read at run time (each case names its doc_id)."""

from __future__ import annotations

from petrarch_sentences import current_events as _events


def test_a_breach_of_the_truce_is_no_agreement(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa08fcc: "وفي الاتهامات المتبادلة حول خرق الهدنة، ..."
    assert not any(e.sub_event_type == "Agreement" for e in _events(sentences, "5b520e266203c42f8aa08fcc"))


def test_a_gathering_with_slogans_is_a_protest(sentences: dict[str, dict[str, str]]) -> None:
    # 5b6757616203c433883a1e0f: "بدأت التجمعات ... حيث تجمهر الناس في الشارع الرئيسي مطلقين الشعارات"
    assert any(e.event_type == "Protests" for e in _events(sentences, "5b6757616203c433883a1e0f"))


def test_a_suicide_bombing_of_a_demonstration_stays_remote_violence(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa0901b: "هجوم انتحاري بحزام ناسف وسط مظاهرة كردية اعقبها تبادل اطلاق نار":
    # the bombing is not folded into the shooting that followed it and read as a riot.
    events = _events(sentences, "5b520e266203c42f8aa0901b")
    assert any(e.sub_event_type == "Suicide bomb" and e.actor1 == "Unidentified Armed Group (Iraq)" for e in events)
