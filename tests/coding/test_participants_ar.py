"""Sentence-level actors of issue #5: who protested, who attacked, on real newswire sentences
of ``shared/eval/petrarch-arabic-dev.jsonl`` (read at run time; each case names its doc_id),
run through the whole pipeline.

Protest crowds stay "Protesters (country)" as ACLED codes them; what is asserted is the span
shown for them, which must name the people (the count's complement, the organiser, the
antecedent of "الذين", the crowd a definite "المتظاهرون" refers back to), never the word for
the protest, a slogan, or the police.
"""

from __future__ import annotations

from petrarch_sentences import current_events as _events

from rasid.model import Event


def _first(sentences: dict[str, dict[str, str]], doc_id: str, types: set[str]) -> Event:
    events = [e for e in _events(sentences, doc_id) if e.event_type in types]
    assert events, f"{doc_id}: no event of {types}"
    return events[0]


def _protest(sentences: dict[str, dict[str, str]], doc_id: str) -> Event:
    event = _first(sentences, doc_id, {"Protests", "Riots"})
    assert event.actor1 is None or event.actor1.startswith(("Protesters", "Rioters"))
    assert event.actor1_text is not None and event.actor1_span is not None
    text = sentences[doc_id]["text"]
    assert text[event.actor1_span.start : event.actor1_span.end] == event.actor1_text
    return event


def test_complement_of_a_count_after_the_protest_verb(sentences: dict[str, dict[str, str]]) -> None:
    # 5b6757616203c433883a1e88: "تظاهر مئات الأشخاص في أثينا ... واحتشد المتظاهرون".
    assert _protest(sentences, "5b6757616203c433883a1e88").actor1_text == "الأشخاص"


def test_organiser_after_the_protest_noun(sentences: dict[str, dict[str, str]]) -> None:
    # 5b6757616203c433883a1e4a: "فرقت الشرطة ... مظاهرة نظمها حزب البعث العربي الاشتراكي".
    event = _protest(sentences, "5b6757616203c433883a1e4a")
    assert event.actor1_text.startswith("حزب البعث")


def test_antecedent_of_the_relative_before_the_protest_verb(sentences: dict[str, dict[str, str]]) -> None:
    # 5b6757616203c433883a1ec5: "تعبئة في صفوف العلمانيين الذين تظاهروا بكثافة (نصف مليون ... متظاهر)".
    assert "العلمانيين" in _protest(sentences, "5b6757616203c433883a1ec5").actor1_text
    # 5b6757616203c433883a1ede: "غضب السكان المحليين في مدينة بلد وين الذين خرجوا الى الشوارع للاحتجاج":
    # the place phrase between the antecedent and "الذين" is skipped.
    assert _protest(sentences, "5b6757616203c433883a1ede").actor1_text == "السكان المحليين"


def test_definite_protesters_refer_back_to_the_counted_crowd(sentences: dict[str, dict[str, str]]) -> None:
    # 5b6757616203c433883a1eb3: "وكان الآلاف من النيباليين قد خرجوا في مسيرات ...، وكان المتظاهرون يهتفون".
    assert _protest(sentences, "5b6757616203c433883a1eb3").actor1_text == "النيباليين"
    # 5b6757616203c433883a1efe: "مع نزول نحو مئتي راهب بوذي ..." then "المتظاهرين".
    assert "راهب" in _protest(sentences, "5b6757616203c433883a1efe").actor1_text


def test_no_reference_back_across_a_contrast(sentences: dict[str, dict[str, str]]) -> None:
    # 5b6757616203c433883a1e78: "نظم الآلاف من أنصار شافيز احتفالات ...، في حين واجه المتظاهرون
    # المعارضون طوقا أمنيا": the opposing protesters are not Chavez's supporters.
    event = _protest(sentences, "5b6757616203c433883a1e78")
    assert "شافيز" not in event.actor1_text


def test_counted_police_are_not_the_crowd(sentences: dict[str, dict[str, str]]) -> None:
    # 5b6757616203c433883a1e4e: "إصابة 37 من قوات الأمن و55 متظاهراً".
    event = _protest(sentences, "5b6757616203c433883a1e4e")
    assert "قوات" not in event.actor1_text


def test_a_side_the_text_denies_is_no_actor(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa09021: "أقر التحالف الدولي ... انه نفذ ضربات جوية ... استهدفت عناصر طالبان،
    # وليس جنودا باكستانيين": the strikes are the coalition's, on the Taliban; the Pakistani soldiers
    # are denied, and "انه نفذ" has the speaker as its subject.
    event = _first(sentences, "5b520e266203c42f8aa09021", {"Explosions/Remote violence"})
    assert event.actor1 == "International Coalition"
    assert event.actor2 == "Taliban"
    # 5b520e266203c42f8aa08fbc: "دبابات أميركية أطلقت نيرانها ...، وأن القتلى ليسوا من المسلحين".
    event = _first(sentences, "5b520e266203c42f8aa08fbc", {"Violence against civilians", "Battles"})
    assert event.actor1 == "Military Forces of the United States"


def test_indirect_speech_pronoun_is_the_speaker(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa08fc0: "قال حلف شمال الاطلسي ... انه قتل عددا من زعماء طالبان في هجمات
    # بما في ذلك ضربات جوية": NATO struck, the Taliban leaders were struck.
    event = _first(sentences, "5b520e266203c42f8aa08fc0", {"Explosions/Remote violence", "Battles"})
    assert event.actor1 == "NATO: North Atlantic Treaty Organization"
    assert event.actor2 == "Taliban"


def test_taliban_is_not_a_demand(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa09005: "إن حركة طالبان اختطفت حاكم منطقة": "طالبان" is no "طالب" (demanded)
    # that would make the kidnapping a call for one.
    event = _first(sentences, "5b520e266203c42f8aa09005", {"Violence against civilians"})
    assert event.sub_event_type == "Abduction/forced disappearance"
    assert event.actor1 == "Taliban"


def test_attributed_attacker_is_shown(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa09006: "هجوم انتحاري، نسب الى المتمردين التاميل": the country is unknown, so
    # no canonical name, but the words shown are the rebels', not the attack's adjective.
    event = _first(sentences, "5b520e266203c42f8aa09006", {"Explosions/Remote violence"})
    assert event.actor1_text is not None and "المتمردين" in event.actor1_text


def test_spy_planes_shot_down_are_disrupted_weapons_use(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa08fcc: "ان القوات الروسية أسقطت طائرتي تجسس جورجيتين": the dual "طائرتي" is an
    # aircraft too; ACLED codes shooting down reconnaissance drones as Disrupted weapons use.
    events = _events(sentences, "5b520e266203c42f8aa08fcc")
    downed = [e for e in events if e.sub_event_type == "Disrupted weapons use"]
    assert downed and downed[0].actor1 == "Military Forces of Russia"
