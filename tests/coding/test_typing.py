"""Trigger detection and typing into ACLED types, on short phrases written for these tests."""

from __future__ import annotations

import pytest
from coding_builders import actor, make_result

from rasid.coding.events import code_events


def _types(text: str, lang: str = "ar", **kwargs: object) -> list[tuple[str, str]]:
    result = make_result(text, lang=lang, **kwargs)  # type: ignore[arg-type]
    return [(e.event_type, e.sub_event_type) for e in code_events(result)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("اندلعت اشتباكات عنيفة بين الطرفين في ريف المدينة.", ("Battles", "Armed clash")),
        ("شنت طائرات حربية غارات على مواقع في البلدة.", ("Explosions/Remote violence", "Air/drone strike")),
        ("قصفت طائرة مسيرة سيارة على الطريق.", ("Explosions/Remote violence", "Air/drone strike")),
        ("سقطت قذائف هاون على حي سكني في المدينة.", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        ("انفجرت سيارة مفخخة قرب حاجز في وسط البلدة.", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("فجر انتحاري سيارة مفخخة قرب حاجز في وسط البلدة.", ("Explosions/Remote violence", "Suicide bomb")),
        ("ألقى مجهول قنبلة يدوية على منزل في الحي.", ("Explosions/Remote violence", "Grenade")),
        ("اختطف مسلحون مجهولون مواطنا من منزله.", ("Violence against civilians", "Abduction/forced disappearance")),
        ("اغتال مسلحون ناشطا مدنيا أمام منزله.", ("Violence against civilians", "Attack")),
        ("تظاهر المئات في ساحة المدينة للمطالبة بالإفراج عن المعتقلين.", ("Protests", "Peaceful protest")),
        ("فرقت قوات الأمن مظاهرة بالقوة مستخدمة قنابل الغاز.", ("Protests", "Protest with intervention")),
        ("أحرق متظاهرون غاضبون مبنى البلدية.", ("Riots", "Violent demonstration")),
        ("أعلن الطرفان التوصل إلى اتفاق لوقف إطلاق النار في المدينة.", ("Strategic developments", "Agreement")),
        ("فرضت السلطات حظر التجول في المدينة.", ("Strategic developments", "Other")),
        ("نهب مسلحون مخازن الغذاء في البلدة.", ("Strategic developments", "Looting/property destruction")),
        ("سيطر الجيش على البلدة دون مواجهات تذكر.", ("Strategic developments", "Non-violent transfer of territory")),
    ],
)
def test_arabic_phrases_are_typed(text: str, expected: tuple[str, str]) -> None:
    assert _types(text)[:1] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fighters clashed with troops near the border.", ("Battles", "Armed clash")),
        ("A drone strike hit a car on the highway.", ("Explosions/Remote violence", "Air/drone strike")),
        ("A roadside bomb exploded near a patrol.", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("A suicide bomber blew himself up at a checkpoint.", ("Explosions/Remote violence", "Suicide bomb")),
        ("Gunmen kidnapped three aid workers.", ("Violence against civilians", "Abduction/forced disappearance")),
        ("Police fired tear gas to disperse protesters in the capital.", ("Protests", "Protest with intervention")),
        ("Rioters torched cars in the city centre.", ("Riots", "Violent demonstration")),
    ],
)
def test_english_phrases_are_typed(text: str, expected: tuple[str, str]) -> None:
    assert _types(text, lang="en")[:1] == [expected]


def test_killing_civilians_is_violence_against_civilians_and_fighters_a_battle() -> None:
    assert _types("قتل مسلحون مجهولون مدنيا في القرية.") == [("Violence against civilians", "Attack")]
    assert _types("قتل مسلحون مجهولون جنديا في القرية.") == [("Battles", "Armed clash")]


def test_killing_surrendering_fighters_is_violence_against_civilians() -> None:
    text = "قتل التنظيم عددا من عناصره بعدما حاولوا تسليم أنفسهم."
    assert _types(text) == [("Violence against civilians", "Attack")]


def test_arrest_by_state_forces_is_arrests_by_unidentified_gunmen_abduction() -> None:
    text = "اعتقلت الشرطة ثلاثة شبان في الحي."
    police = actor(text, "الشرطة", canonical="Police Forces of Iraq")
    assert _types(text, mentions=(police,)) == [("Strategic developments", "Arrests")]
    text = "احتجز مسلحون مجهولون ثلاثة شبان في الحي."
    gunmen = actor(text, "مسلحون مجهولون", template="Unidentified Armed Group ({country})", country="Iraq")
    assert _types(text, mentions=(gunmen,)) == [
        ("Violence against civilians", "Abduction/forced disappearance")
    ]


def test_territory_taken_by_state_is_regained_by_a_group_overtaken() -> None:
    text = "سيطر الجيش على البلدة بعد معارك عنيفة."
    army = actor(text, "الجيش", canonical="Military Forces of Syria")
    assert _types(text, mentions=(army,)) == [("Battles", "Government regains territory")]
    text = "سيطرت الفصائل على البلدة بعد معارك عنيفة."
    rebels = actor(text, "الفصائل", canonical="Opposition Rebels (Syria)")
    assert _types(text, mentions=(rebels,)) == [("Battles", "Non-state actor overtakes territory")]


def test_protesters_killed_is_excessive_force() -> None:
    from coding_builders import quantity

    text = "قتل متظاهران برصاص قوات الأمن خلال احتجاجات في المدينة."
    q = quantity(text, "متظاهران", 2, "killed")
    assert _types(text, quantities=(q,)) == [("Protests", "Excessive force against protesters")]
