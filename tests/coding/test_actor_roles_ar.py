"""Who is actor1 and who is actor2 in Arabic reports: the rules of issue #5 on real
newswire sentences of ``shared/eval/petrarch-arabic-dev.jsonl``, read at run time
(each case names its doc_id), run through the whole pipeline.
"""

from __future__ import annotations

from datetime import date

import pytest
from petrarch_sentences import current_events as _events

from rasid.model import Document, Event
from rasid.pipeline import extract_document


def _main(sentences: dict[str, dict[str, str]], doc_id: str) -> Event:
    events = _events(sentences, doc_id)
    assert events, f"{doc_id}: no event"
    return events[0]


def test_counted_casualties_are_the_target(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa08fb8: "ضربة جوية أميركية ... أدت الى مقتل ثمانية من مقاتلي البيشمركة":
    # the Peshmerga counted as killed suffered the strike; the American strike is the doer.
    event = _main(sentences, "5b520e266203c42f8aa08fb8")
    assert event.actor1 == "Military Forces of the United States"
    assert event.actor2 == "Peshmerga"


def test_counted_soldiers_after_the_verb_are_victims(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa08fcd: "قوات اجنبية قتلت تسعة جنود افغان ... في ضربة جوية".
    event = _main(sentences, "5b520e266203c42f8aa08fcd")
    assert event.actor2 == "Military Forces of Afghanistan"
    assert event.actor1 != "Military Forces of Afghanistan"


def test_reporting_police_are_the_source_not_a_side(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa08eb7: "أعلنت الشرطة مقتل سبعة أشخاص ... بتفجير انتحاري".
    event = _main(sentences, "5b520e266203c42f8aa08eb7")
    assert event.sub_event_type == "Suicide bomb"
    assert event.actor1 == "Unidentified Armed Group (Iraq)"
    assert event.actor2 == "Civilians (Iraq)"
    assert "الشرطة" not in (event.actor2_text or "")


def test_its_forces_make_the_speaker_the_doer(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa08f76: "أعلن الجيش الامريكي ... أن قواته قتلت مسلحا".
    event = _main(sentences, "5b520e266203c42f8aa08f76")
    assert event.actor1 == "Military Forces of the United States"
    assert event.actor2_text == "مسلحا"


def test_its_soldiers_after_a_verbal_noun_are_victims(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa08fb5: "اعلن الجيش الاميركي مقتل أحد جنوده في انفجار قنبلة":
    # "جنوده" after "مقتل" are the dead, so the announcing army is the bomb's target.
    event = _main(sentences, "5b520e266203c42f8aa08fb5")
    assert event.actor1 != "Military Forces of the United States"
    assert event.actor2 == "Military Forces of the United States"


def test_subject_of_taarrada_is_the_target(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa08f33: "القوات الاميركية تعرضت لهجوم في الرمادي".
    event = _main(sentences, "5b520e266203c42f8aa08f33")
    assert event.actor2 == "Military Forces of the United States"
    assert event.actor1 != "Military Forces of the United States"


def test_bomber_after_istahdafa_is_the_doer(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa08f6f: "استهدف انتحاري اجتماعا لقوات الصحوة".
    event = _main(sentences, "5b520e266203c42f8aa08f6f")
    assert event.actor1_text == "انتحاري"
    assert event.actor2 == "Sahwa Militia"


@pytest.mark.parametrize(
    ("doc_id", "victim_word"),
    [
        ("5b520e266203c42f8aa08f21", "مصورا"),  # "مجهولين خطفوا مصورا فرنسيا"
        ("5b520e266203c42f8aa08f3b", "نقيب"),  # "مسلحين مجهولين اختطفوا نقيب الصيادلة"
        ("5b520e266203c42f8aa08ee3", "القنصل"),  # "مجهولين خطفوا امس القنصل الافغاني": past the time word
    ],
)
def test_object_of_the_attack_verb_names_the_civilian_victims(
    sentences: dict[str, dict[str, str]], doc_id: str, victim_word: str
) -> None:
    event = _main(sentences, doc_id)
    assert event.event_type == "Violence against civilians"
    assert (event.actor2 or "").startswith("Civilians (")
    assert victim_word in (event.actor2_text or "").split()


def test_victims_without_a_place_take_the_country_named(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa08ee3: "... في بيشاور شمال غرب باكستان": no gazetteer place, a country named.
    event = _main(sentences, "5b520e266203c42f8aa08ee3")
    assert event.actor2 == "Civilians (Pakistan)"


def test_object_phrase_stops_at_the_agent_marker(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa08f5e: "خطفوا على أيدي رجال مسلحين": the kidnappers are no victims' words.
    event = _main(sentences, "5b520e266203c42f8aa08f5e")
    assert "مسلحين" not in (event.actor2_text or "")


@pytest.mark.parametrize(
    ("doc_id", "country"),
    [
        ("5b520e266203c42f8aa08fc8", "Israel"),  # "قامت دبابة اسرائيلية بقصف احد المنازل"
        ("5b520e266203c42f8aa08fd1", "the United States"),  # "قتلوا جراء ضربة جوية اميركية"
    ],
)
def test_weapon_with_a_nationality_names_its_army(
    sentences: dict[str, dict[str, str]], doc_id: str, country: str
) -> None:
    event = _main(sentences, doc_id)
    assert event.actor1 == f"Military Forces of {country}"


def test_protesters_who_clash_are_rioters_named_as_written(sentences: dict[str, dict[str, str]]) -> None:
    # 5b6757616203c433883a1ea8: "واشتبك متظاهرون فلسطينيون واجانب مع الجيش الإسرائيلي": a violent
    # demonstration whose actor1 keeps the words that name the protesters, against the army.
    event = _main(sentences, "5b6757616203c433883a1ea8")
    assert event.event_type == "Riots"
    assert event.actor1 == "Rioters (Palestine)"
    assert "متظاهرون" in (event.actor1_text or "")
    assert event.actor2 == "Military Forces of Israel"  # the forces they fought


def test_an_attack_weeks_before_the_report_is_news_a_decade_before_is_background(
    sentences: dict[str, dict[str, str]],
) -> None:
    # 5b520e266203c42f8aa08ed4 (published 2007-10-02): "411 شخصا قتلوا في تفجير شاحنات ملغومة ...
    # يوم 14 اغسطس" is an event to code; 5b520e266203c42f8aa08f58 (published 2008-11-28):
    # "يوم 12 مارس (آذار) 1993 لقي نحو 300 مواطن حتفهم في سلسلة تفجيرات" is background.
    recent = _events(sentences, "5b520e266203c42f8aa08ed4")
    assert any(e.event_type == "Explosions/Remote violence" and e.date == "2007-08-14" for e in recent)
    record = sentences["5b520e266203c42f8aa08f58"]
    document = Document(
        text=record["text"], doc_id=record["doc_id"], lang="ar", published=date.fromisoformat(record["published"])
    )
    old = extract_document(document).events
    assert old and all(e.historical for e in old)


def test_protest_actor_is_the_people_named_not_the_protest_word(sentences: dict[str, dict[str, str]]) -> None:
    # 5b6757616203c433883a1e0b: "لم يتورع أحد التونسيين الشباب عن احراق نفسه احتجاجاً": the
    # protester is "التونسيين" as written, next to the protest word.
    event = _main(sentences, "5b6757616203c433883a1e0b")
    assert event.event_type in {"Protests", "Riots"}
    assert event.actor1_text == "التونسيين"


def test_the_group_that_claims_the_attack_is_actor1(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa08f24: "تعرضت ثكنة الغلاوية ... لاعتداء أسفر عن مقتل ثلاثة جنود، وقد تبناه
    # «تنظيم القاعدة في بلاد المغرب الإسلامي»": the claimant, not an unidentified group.
    events = _events(sentences, "5b520e266203c42f8aa08f24")
    violent = [e for e in events if e.event_type in {"Battles", "Explosions/Remote violence"}]
    assert violent and violent[0].actor1 == "AQIM: Al Qaeda in the Islamic Maghreb"
