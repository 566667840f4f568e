"""Actors of Arabic newswire events, second pass of issue #5: the light verb "قام X بـ",
counted victims before a passive, sides named in an article with no country, and new
dictionary entries. Real sentences of ``shared/eval/petrarch-arabic-dev.jsonl``, read at
run time (each case names its doc_id), through the whole pipeline.
"""

from __future__ import annotations

from petrarch_sentences import current_events as _events

from rasid.text.normalize import normalize
from rasid.understand.actors import find_actors


def test_light_verb_subject_did_the_killing(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa08ec0: "قام عدد من جنود «المارينز» بقتل المدنيين بعدما فجرت عبوة ناسفة
    # إحدى مركباتهم": the marines killed the civilians; the bomb that hit them is an event of its own.
    events = _events(sentences, "5b520e266203c42f8aa08ec0")
    killing = [e for e in events if e.event_type == "Violence against civilians"]
    assert killing and killing[0].actor1 == "Military Forces of the United States"
    assert killing[0].actor1_text is not None and "جنود" in killing[0].actor1_text
    assert killing[0].actor2_text == "المدنيين"
    assert killing[0].fatalities == 0  # "بقتل المدنيين": a plural with no number is no single victim
    bombs = [e for e in events if e.event_type == "Explosions/Remote violence"]
    assert bombs and bombs[0].actor1 != "Military Forces of the United States"


def test_counted_dead_before_the_passive_are_actor2(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa08fcf: "ثلاثين متمردا قتلوا في مواجهات مع قوات الأمن الأفغانية": the rebels
    # counted as killed are the victims; the forces they fought are actor1.
    events = _events(sentences, "5b520e266203c42f8aa08fcf")
    clash = next(e for e in events if e.event_type == "Battles")
    assert clash.actor1 == "Police Forces of Afghanistan"
    assert clash.actor2 == "Opposition Rebels (Afghanistan)"


def test_sides_are_shown_when_no_country_is_known(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa08fbe: "القوات الاجنبية امرت بضربات جوية على مركز الشرطة اسفرت عن مقتل تسعة
    # من رجال الشرطة": no place names the country, so no canonical name; the words still show both sides.
    events = _events(sentences, "5b520e266203c42f8aa08fbe")
    assert events and events[0].actor1 is None and events[0].actor2 is None
    assert events[0].actor1_text == "القوات الاجنبية"
    assert events[0].actor2_text is not None and "الشرطة" in events[0].actor2_text
    assert events[0].fatalities == 9


def test_named_commander_forces(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa08f05: "ان قوات مناوي تتعدى على السكان بالضرب": Minni Minawi's SLM/A faction,
    # the subject of "تتعدى" (not the police the complaint went to).
    events = _events(sentences, "5b520e266203c42f8aa08f05")
    assert events and events[0].actor1 == "SLM/A-MM: Sudan Liberation Movement/Army (Minni Minawi Faction)"
    assert events[0].actor2 == "Civilians (Sudan)"


def test_indefinite_security_men_are_police(sentences: dict[str, dict[str, str]]) -> None:
    # 5b6366456203c47bb65ad9e5: "إن رجال أمن مصريون «اختطفوا» أمس منسقها العام".
    events = _events(sentences, "5b6366456203c47bb65ad9e5")
    kidnap = next(e for e in events if e.event_type == "Violence against civilians")
    assert kidnap.actor1 == "Police Forces of Egypt"
    assert kidnap.actor1_text == "رجال أمن مصريون"


def test_militants_are_an_armed_group_of_the_country(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa08fe2: "قوات الأمن الباكستانية قتلت ثلاثة متشددين موالين لحركة طالبان":
    # militants of no named group are ACLED's unidentified armed group of the country.
    events = _events(sentences, "5b520e266203c42f8aa08fe2")
    clash = next(e for e in events if e.event_type == "Battles")
    assert clash.actor1 == "Police Forces of Pakistan"
    assert clash.actor2 == "Unidentified Armed Group (Pakistan)"
    assert clash.actor2_text == "متشددين"


def test_mutinous_soldiers_are_one_mention(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa08eff: "جنودا متمردين اطلقوا النار على رئيس تيمور الشرقية": rebel soldiers,
    # ACLED's "Mutiny of Military Forces of ...", not rebels and soldiers apart.
    record = sentences["5b520e266203c42f8aa08eff"]
    mentions = [m for m in find_actors(normalize(record["text"]), "ar") if "متمرد" in m.text]
    assert [m.text for m in mentions] == ["جنودا متمردين"]
    assert mentions[0].attrs["template"] == "Mutiny of Military Forces of {of}"
    events = _events(sentences, "5b520e266203c42f8aa08eff")
    assert events and events[0].actor1_text == "جنودا متمردين"


def test_islamabad_is_not_an_iranian_namesake(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa08f9f: "... عملية انتحارية بسيارة مفخخة في مطار اسلام اباد الدولي": the gazetteer
    # has no Pakistan, only an Iranian county called "اسلام آباد"; the actors are Pakistan's.
    events = _events(sentences, "5b520e266203c42f8aa08f9f")
    assert events and events[0].actor1 == "Unidentified Armed Group (Pakistan)"
    assert events[0].place is None or events[0].place.country == "Pakistan"


def test_group_calling_itself_by_a_name_claimed_the_kidnapping(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa08fd6: "اعلنت مجموعة تطلق على نفسها «...» مسؤوليتها عن خطف": the dictionary does
    # not know the group, so no canonical name, but its self-chosen name is the doer's words.
    events = _events(sentences, "5b520e266203c42f8aa08fd6")
    kidnap = next(e for e in events if e.event_type == "Violence against civilians")
    assert kidnap.actor1 == "Unidentified Armed Group (Iraq)"
    assert kidnap.actor1_text is not None and kidnap.actor1_text.startswith("المقاومة") and "«" not in kidnap.actor1_text


def test_unresolved_claimant_is_shown(sentences: dict[str, dict[str, str]]) -> None:
    # 5b520e266203c42f8aa08ebd: "وتبنت الحركة المسؤولية عن عملية تفجير عربة": "the movement" with nothing
    # before it to stand for is still the side that claimed the bombing.
    events = _events(sentences, "5b520e266203c42f8aa08ebd")
    assert events and events[0].actor1_text == "الحركة"
