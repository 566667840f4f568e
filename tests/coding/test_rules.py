"""ACLED's rules on hand-built Results: actor order, merging, folding, fatalities, arguments."""

from __future__ import annotations

from coding_builders import actor, make_result, place, quantity, quote, time_expr

from rasid.coding.events import code_events
from rasid.model import Result


def _one(result: Result):  # type: ignore[no-untyped-def]
    events = code_events(result)
    assert len(events) == 1, [e.to_dict() for e in events]
    return events[0]


def test_victims_are_actor2_in_violence_against_civilians() -> None:
    text = "اغتال مسلحون مجهولون ناشطا مدنيا في حي الشعب."
    gunmen = actor(text, "مسلحون مجهولون", template="Unidentified Armed Group ({country})")
    where = place(text, "حي الشعب", "Iraq", "Baghdad", 2)
    event = _one(make_result(text, mentions=(gunmen, where)))
    assert (event.actor1, event.actor2) == ("Unidentified Armed Group (Iraq)", "Civilians (Iraq)")
    assert event.location == "حي الشعب" and event.place is not None and event.place.admin1 == "Baghdad"
    assert event.fatalities == 1  # one named victim, no number given


def test_arresting_authority_is_actor1_even_when_named_second() -> None:
    text = "ألقي القبض على عنصرين من تنظيم داعش على يد قوات الأسايش في الحسكة."
    isis = actor(text, "تنظيم داعش", canonical="Islamic State")
    asayish = actor(text, "قوات الأسايش", canonical="Asayish")
    police = actor(text, "قوات الأسايش", canonical="Police Forces of Syria")
    where = place(text, "الحسكة", "Syria", "Al-Hasakah")
    event = _one(make_result(text, mentions=(isis, asayish, where)))
    assert event.sub_event_type == "Arrests"
    assert (event.actor1, event.actor2) == ("Asayish", "Islamic State")
    state = _one(make_result(text, mentions=(isis, police, where)))
    assert (state.actor1, state.actor2) == ("Police Forces of Syria", "Islamic State")


def test_two_reports_of_one_battle_merge_and_keep_the_first_evidence() -> None:
    text = (
        "اشتبكت قوات سوريا الديمقراطية مع تنظيم داعش في حي غويران. "
        "وقال مسؤول إن الاشتباكات بين قسد وداعش أسفرت عن مقتل 12 شخصا."
    )
    mentions = (
        actor(text, "قوات سوريا الديمقراطية", canonical="SDF: Syrian Democratic Forces"),
        actor(text, "تنظيم داعش", canonical="Islamic State"),
        actor(text, "قسد", canonical="SDF: Syrian Democratic Forces"),
        actor(text, "داعش", canonical="Islamic State", nth=1),
        place(text, "حي غويران", "Syria", "Al-Hasakah", 2),
    )
    event = _one(make_result(text, mentions=mentions, quantities=(quantity(text, "12 شخصا", 12, "killed"),)))
    assert event.event_type == "Battles"
    assert event.evidence.start == 0 and event.evidence_text in text
    assert event.fatalities == 12


def test_different_places_stay_separate_events() -> None:
    text = "اغتال مسلحون مختار حي في النجف. واغتال مسلحون ناشطا في بغداد."
    mentions = (place(text, "النجف", "Iraq", "Najaf"), place(text, "بغداد", "Iraq", "Baghdad"))
    events = code_events(make_result(text, mentions=mentions))
    assert [e.place.admin1 for e in events if e.place] == ["Najaf", "Baghdad"]


def test_car_bomb_inside_a_ground_battle_folds_into_the_battle() -> None:
    text = "بدأ الهجوم بسيارة مفخخة ثم اندلعت اشتباكات عنيفة بين التنظيم والقوات الحكومية قتل فيها 3 مدنيين."
    killed = quantity(text, "3 مدنيين", 3, "killed")
    event = _one(make_result(text, quantities=(killed,)))
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    assert event.fatalities == 3  # civilians killed in the battle count in its toll


def test_wounded_are_never_counted_and_separate_death_counts_add_up() -> None:
    text = "أسفر الهجوم المسلح على الحاجز عن مقتل جنديين و18 مسلحا وإصابة 7 آخرين."
    qs = (
        quantity(text, "جنديين", 2, "killed"),
        quantity(text, "18 مسلحا", 18, "killed"),
        quantity(text, "7 آخرين", 7, "wounded"),
    )
    assert _one(make_result(text, quantities=qs)).fatalities == 20


def test_place_falls_back_to_the_previous_sentence_and_date_to_the_sentence() -> None:
    text = "شهدت مدينة الفاشر توترا أمنيا. واندلعت اشتباكات بين الجيش والدعم السريع اليوم الجمعة."
    mentions = (place(text, "مدينة الفاشر", "Sudan", "North Darfur"),)
    times = (time_expr(text, "اليوم الجمعة", "2024-05-10"),)
    event = _one(make_result(text, mentions=mentions, times=times))
    assert event.location == "مدينة الفاشر" and event.date == "2024-05-10"


def test_historical_time_marks_the_event_historical() -> None:
    text = "وكانت قوات سوريا الديمقراطية قد سيطرت على بلدة الباغوز عام 2019 بعد معارك."
    times = (time_expr(text, "عام 2019", "2019", historical=True),)
    event = _one(make_result(text, times=times))
    assert event.historical and event.date == "2019"


def test_attribution_gives_reported_by() -> None:
    text = "قتل ثلاثة مدنيين في قصف مدفعي على البلدة، بحسب المرصد السوري لحقوق الإنسان."
    event = _one(make_result(text, quantities=(quantity(text, "ثلاثة مدنيين", 3, "killed"),)))
    assert event.reported_by is not None and event.reported_by.startswith("المرصد السوري")
    assert event.fatalities == 3


def test_evidence_is_the_clause_around_the_trigger() -> None:
    text = "في تطور جديد على الساحة السياسية والعسكرية في البلاد، اعتقلت الشرطة خمسة أشخاص في حي الميدان بعد منتصف الليل، وفق مصادر محلية متطابقة."
    event = _one(make_result(text))
    assert event.evidence_text == text[event.evidence.start : event.evidence.end]
    assert event.evidence_text.startswith("اعتقلت الشرطة")
    assert len(event.evidence_text) < len(text)


def test_headline_gives_no_event_of_its_own() -> None:
    text = "اشتباكات عنيفة في ريف حلب\nاندلعت اشتباكات عنيفة بين الجيش والفصائل في ريف حلب الشمالي."
    event = _one(make_result(text))
    assert event.evidence.start > text.index("\n")


def test_back_reference_to_the_attack_is_not_a_new_event() -> None:
    text = "شن مسلحون هجوما على حاجز للجيش في البلدة. وقال شهود إن الهجوم استمر ساعة."
    assert len(code_events(make_result(text))) == 1


def test_quote_containing_the_event_gives_its_speaker() -> None:
    text = "وقال سيامند علي إن عناصر التنظيم اشتبكوا مع قواتنا قرب السجن."
    q = quote(text, "عناصر التنظيم اشتبكوا مع قواتنا قرب السجن", speaker="سيامند علي", qid="q7")
    event = _one(make_result(text, quotes=(q,)))
    assert (event.reported_by, event.quote_id) == ("سيامند علي", "q7")


def test_event_dated_years_before_publication_is_historical() -> None:
    from datetime import date

    from rasid.model import Document

    text = "وكان التنظيم قد سيطر على المدينة عام 2014 بعد معارك عنيفة."
    result = make_result(text, times=(time_expr(text, "عام 2014", "2014"),))
    result = result.with_(document=Document(text=text, lang="ar", published=date(2024, 1, 2)))
    event = _one(result)
    assert event.historical


def test_protesters_clashing_with_police_is_a_riot_not_a_battle() -> None:
    text = "اندلعت مواجهات بين المتظاهرين وقوات الأمن أمام مبنى المحافظة."
    event = _one(make_result(text))
    assert (event.event_type, event.sub_event_type) == ("Riots", "Violent demonstration")
