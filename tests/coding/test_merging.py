"""Merging reports of one event: which report's clause is cited, and what stays apart.

Real sentences are read at run time from the shared gold files (file and
doc_id named in each test); mentions are placed by hand so that these tests
check the coding rules, not the upstream stages.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from coding_builders import actor, make_result, place, quantity

from rasid.coding.context import view_sentence
from rasid.coding.events import _is_other_event, _is_summary, code_events
from rasid.model import Mention, Place, Sentence, Span
from rasid.text.normalize import normalize


def _doc(shared_dir: Path, rel: str, doc_id: str) -> dict[str, Any]:
    with (shared_dir / rel).open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            if doc["doc_id"] == doc_id:
                return doc
    raise LookupError(doc_id)


def _line_with(text: str, needle: str) -> str:
    return next(line for line in text.splitlines() if needle in line)


def _sentence_with(text: str, needle: str) -> str:
    i = text.index(needle)
    start = text.rfind(".", 0, i) + 1
    end = text.index(".", i) + 1
    return text[start:end].strip()


def _naher(shared_dir: Path, detail_precision: int) -> tuple[str, tuple[Mention, ...]]:
    """eval/news-syria-iraq-dev.jsonl, a-naher-1: a lead naming a region, a report naming the town."""
    doc = _doc(shared_dir, "eval/news-syria-iraq-dev.jsonl", "a-naher-1")
    lead = _line_with(doc["text"], "غارة جوية")
    detail = _line_with(doc["text"], "طائرات مسيّرة")
    text = lead + "\n" + detail
    us = "Military Forces of the United States"
    mentions = (
        actor(text, "قوات القيادة المركزية الأمريكية", us),
        place(text, "ريف دير الزور", "Syria", "Deir ez-Zor", precision=3),
        actor(text, "طائرات مسيّرة أمريكية", us),
        place(text, "بلدة الزباري", "Syria", "Deir ez-Zor", precision=detail_precision),
        actor(text, "داعش", "Islamic State"),
    )
    return text, mentions


def test_fuller_report_naming_the_town_is_the_evidence(shared_dir: Path) -> None:
    text, mentions = _naher(shared_dir, detail_precision=2)
    events = code_events(make_result(text, mentions=mentions))
    strikes = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 1
    detail_start = text.index("\n") + 1
    assert strikes[0].evidence.start >= detail_start  # the town's report, not the region's lead
    assert strikes[0].location == "بلدة الزباري"


def test_lead_naming_actor_and_as_precise_a_place_keeps_the_evidence(shared_dir: Path) -> None:
    text, mentions = _naher(shared_dir, detail_precision=3)
    events = code_events(make_result(text, mentions=mentions))
    strikes = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 1
    assert strikes[0].evidence.end <= text.index("\n")


def test_responsibility_claim_refers_back(shared_dir: Path) -> None:
    """eval/news-protests-civilians-dev.jsonl, c-masress-ahram-1: "no group claimed the abduction"."""
    doc = _doc(shared_dir, "eval/news-protests-civilians-dev.jsonl", "c-masress-ahram-1")
    lead = doc["events"][0]["evidence"]
    claim = _sentence_with(doc["text"], "مسئوليتها عن")
    text = lead + ". وقالت الشرطة إنه " + claim
    mentions = (actor(text, "الشرطة", "Police Forces of Libya"),)
    events = code_events(make_result(text, mentions=mentions))
    abductions = [e for e in events if e.sub_event_type == "Abduction/forced disappearance"]
    assert len(abductions) == 1
    assert abductions[0].evidence.end <= len(lead)


def test_definite_arrest_word_refers_back(shared_dir: Path) -> None:
    """c-masress-ahram-1: "the authorities gave no details of the detention" after the arrest."""
    doc = _doc(shared_dir, "eval/news-protests-civilians-dev.jsonl", "c-masress-ahram-1")
    arrest = next(e for e in doc["events"] if e["sub_event_type"] == "Arrests")["evidence"]
    comment = _sentence_with(doc["text"], "عملية الاحتجاز")
    text = arrest + ". " + comment
    mentions = (
        actor(text, "فجر ليبيا", "Libya Dawn"),
        actor(text, "السلطات التونسية", "Government of Tunisia"),
    )
    events = code_events(make_result(text, mentions=mentions))
    assert sum(e.sub_event_type == "Arrests" for e in events) == 1


def test_definite_agreement_word_refers_back(shared_dir: Path) -> None:
    """eval/news-protests-civilians-dev.jsonl, c-alkhabar-sy-1: the agreement, then its terms."""
    doc = _doc(shared_dir, "eval/news-protests-civilians-dev.jsonl", "c-alkhabar-sy-1")
    lead = next(e for e in doc["events"] if e["sub_event_type"] == "Agreement")["evidence"]
    text = lead + ". وبحسب بنود الاتفاق مع الجيش، يعود الموظفون إلى عملهم."
    mentions = (
        actor(text, "الفصائل المسلحة", "Opposition Rebels (Syria)"),
        actor(text, "السلطات السورية", "Government of Syria"),
        actor(text, "الجيش", "Military Forces of Syria"),
    )
    events = code_events(make_result(text, mentions=mentions))
    assert sum(e.sub_event_type == "Agreement" for e in events) == 1


def test_agent_after_carried_out_by(shared_dir: Path) -> None:
    """eval/news-syria-iraq-dev.jsonl, a-etihad-1: victims named first, "an attack carried out by" IS."""
    doc = _doc(shared_dir, "eval/news-syria-iraq-dev.jsonl", "a-etihad-1")
    text = _line_with(doc["text"], "نفذه")
    mentions = (
        actor(text, "مقاتلي البيشمركة", "Peshmerga"),
        actor(text, "عناصر تنظيم داعش", "Islamic State"),
    )
    events = code_events(make_result(text, mentions=mentions))
    assert events and events[0].actor1 == "Islamic State"
    assert events[0].actor2 == "Peshmerga"


def _district(text: str, phrase: str, admin2: str) -> Mention:
    info = Place(phrase, "Iraq", "Diyala", admin2, geo_precision=3)
    start = text.index(phrase)
    return Mention("place", Span(start, start + len(phrase)), phrase, attrs={"place": info})


def test_two_districts_of_one_governorate_stay_two_events() -> None:
    text = "قتل مسلحون من داعش ثلاثة جنود في قضاء كفري. وقتل مسلحون من داعش جنديين في قضاء خانقين."
    mentions = (
        actor(text, "داعش", "Islamic State"),
        actor(text, "داعش", "Islamic State", nth=1),
        actor(text, "جنود", "Military Forces of Iraq"),
        actor(text, "جنديين", "Military Forces of Iraq"),
        _district(text, "قضاء كفري", "Kifri"),
        _district(text, "قضاء خانقين", "Khanaqin"),
    )
    quantities = (quantity(text, "ثلاثة جنود", 3, "killed"), quantity(text, "جنديين", 2, "killed"))
    events = code_events(make_result(text, mentions=mentions, quantities=quantities))
    assert len(events) == 2
    assert sorted(e.fatalities for e in events) == [2, 3]


def test_terms_of_a_reported_agreement_are_no_new_agreement(shared_dir: Path) -> None:
    """c-alkhabar-sy-1: "under the terms of the agreement, fighters may settle" restates the deal."""
    doc = _doc(shared_dir, "eval/news-protests-civilians-dev.jsonl", "c-alkhabar-sy-1")
    lead = next(e for e in doc["events"] if e["sub_event_type"] == "Agreement")["evidence"]
    terms = _sentence_with(doc["text"], "بنود الاتفاق")
    text = lead + ". " + terms
    mentions = (
        actor(text, "الفصائل المسلحة", "Opposition Rebels (Syria)"),
        actor(text, "السلطات السورية", "Government of Syria"),
        actor(text, "المسلحين", "Opposition Rebels (Syria)", nth=0),
        actor(text, "روسية", "Military Forces of Russia", nth=1),
    )
    events = code_events(make_result(text, mentions=mentions))
    assert sum(e.sub_event_type == "Agreement" for e in events) == 1


def test_same_side_taking_the_same_town_is_one_event(shared_dir: Path) -> None:
    """eval/news-syria-iraq-dev.jsonl, a-7al-1: the army entering Morek, reported twice.

    The first report names a Turkish post in the town, the second the rebel factions;
    "المناطق الأخرى" (the other areas) qualifies the object, not the event.
    """
    doc = _doc(shared_dir, "eval/news-syria-iraq-dev.jsonl", "a-7al-1")
    first = _line_with(doc["text"], "وبثّت")
    second = _line_with(doc["text"], "وبدخول")
    text = first + "\n" + second
    town = Place("Murak", "Syria", "Hama", geo_precision=1)
    mentions: list[Mention] = [
        actor(text, "الجيش السوري", "Military Forces of Syria"),
        actor(text, "التركيّة", "Military Forces of Turkey"),
        actor(text, "الجيش السوري", "Military Forces of Syria", nth=1),
        actor(text, "فصائل المعارضة", "Opposition Rebels (Syria)"),
    ]
    for nth in (0, 1):
        start = text.index("مدينة مورك", text.index("مدينة مورك") + 1 if nth else 0)
        mentions.append(Mention("place", Span(start, start + len("مدينة مورك")), "مدينة مورك",
                                attrs={"place": town}))
    events = code_events(make_result(text, mentions=tuple(mentions)))
    transfers = [e for e in events if e.sub_event_type == "Non-violent transfer of territory"]
    assert len(transfers) == 1
    assert transfers[0].actor1 == "Military Forces of Syria"


def test_other_after_the_object_is_not_another_event() -> None:
    """"another clash" opens a new event; "took the other areas" does not."""

    def other(text: str) -> bool:
        norm = normalize(text)
        view = view_sentence(norm, Sentence(Span(0, len(text)), 0))
        return any(_is_other_event(view, t) for t in view.triggers)

    assert other("واندلعت مواجهات أخرى في المدينة.")
    assert not other("وأعلن الجيش سيطرته على المناطق الأخرى.")
    assert other("Another clash erupted in the town.")


def test_clashes_between_the_two_sides_restate_the_battle(shared_dir: Path) -> None:
    """eval/news-other-regions-dev.jsonl, b-khabar24-1: an incursion, then "clashes between the two sides"."""
    doc = _doc(shared_dir, "eval/news-other-regions-dev.jsonl", "b-khabar24-1")
    lead = doc["events"][0]["evidence"]
    restated = _sentence_with(doc["text"], "بين الطرفين")
    text = lead + ". " + restated
    mentions = (
        actor(text, "الدعم السريع", "RSF: Rapid Support Forces"),
        actor(text, "الجيش", "Military Forces of Sudan"),
        place(text, "مدينة الفاشر", "Sudan", "North Darfur"),
    )
    events = code_events(make_result(text, mentions=mentions))
    battles = [e for e in events if e.event_type == "Battles"]
    assert len(battles) == 1
    assert battles[0].evidence.end <= len(lead)


def test_summary_capture_gives_way_to_the_named_towns(shared_dir: Path) -> None:
    """a-7al-1: "took many villages in rural Hama", then the towns taken by name."""
    doc = _doc(shared_dir, "eval/news-syria-iraq-dev.jsonl", "a-7al-1")
    summary = _line_with(doc["text"], "العديد من القرى")
    named = _line_with(doc["text"], "كفر زيتا")
    text = summary + "\n" + named
    mentions = (
        actor(text, "الجيش السوري", "Military Forces of Syria"),
        place(text, "ريف حماة", "Syria", "Hama", precision=3),
        actor(text, "الجيش السوري", "Military Forces of Syria", nth=1),
        place(text, "كفر زيتا", "Syria", "Hama", precision=1),
    )
    events = code_events(make_result(text, mentions=mentions))
    captures = [e for e in events if "territory" in e.sub_event_type]
    assert len(captures) == 1
    assert captures[0].location == "كفر زيتا"
    assert captures[0].evidence.start > len(summary)


def test_named_list_of_villages_is_no_summary() -> None:
    """"took the villages of A and B" names its places; "took new villages" does not."""
    def summary(text: str) -> bool:
        norm = normalize(text)
        view = view_sentence(norm, Sentence(Span(0, len(text)), 0))
        return any(_is_summary(view, t) for t in view.triggers)

    assert summary("وسيطرت الفصائل على قرى جديدة في الريف.")
    assert not summary("وسيطرت الفصائل على قرى الصياد والبويضة.")
    assert summary("The rebels captured several villages in the north.")


def test_cumulative_toll_is_no_event_and_no_toll(shared_dir: Path) -> None:
    """eval/news-english-wire-dev.jsonl, d-ghanamma-1: "six years of violence and at least 15,000 deaths"."""
    doc = _doc(shared_dir, "eval/news-english-wire-dev.jsonl", "d-ghanamma-1")
    lead = doc["events"][0]["evidence"]
    tally = _sentence_with(doc["text"], "15,000")
    text = lead + ". " + tally
    mentions = (
        actor(text, "Boko Haram", "Boko Haram"),
        place(text, "Borno State", "Nigeria", "Borno", precision=3),
        actor(text, "Boko Haram", "Boko Haram", nth=1),
    )
    quantities = (
        quantity(text, "Fifteen people", 15, "killed"),
        quantity(text, "15,000 deaths", 15000, "killed"),
    )
    events = code_events(make_result(text, mentions=mentions, quantities=quantities, lang="en"))
    assert len(events) == 1
    assert events[0].fatalities == 15


def test_attack_on_forces_by_unnamed_assailants() -> None:
    """ACLED codes unnamed attackers of state forces as an unidentified armed group."""
    text = "Two soldiers were killed in an armed attack on an army checkpoint in North Sinai."
    mentions = (
        actor(text, "army", "Military Forces of Egypt"),
        place(text, "North Sinai", "Egypt", "North Sinai", precision=3),
    )
    quantities = (quantity(text, "Two soldiers", 2, "killed"),)
    events = code_events(make_result(text, mentions=mentions, quantities=quantities, lang="en"))
    assert events and events[0].event_type == "Battles"
    assert events[0].actor1 == "Unidentified Armed Group (Egypt)"
    assert events[0].actor2 == "Military Forces of Egypt"


def _khabar24(shared_dir: Path) -> dict[str, Any]:
    return _doc(shared_dir, "eval/news-other-regions-dev.jsonl", "b-khabar24-1")


def test_between_orders_the_sides_of_its_own_clause_only(shared_dir: Path) -> None:
    """b-khabar24-1: "fighting between the army and the RSF continued, ... an RSF force infiltrated"."""
    text = _line_with(_khabar24(shared_dir)["text"], "تسللت")
    text = text[: text.index("تسللت") + len("تسللت")] + "."
    mentions = (
        actor(text, "الجيش السوداني", "Military Forces of Sudan"),
        actor(text, "قوات الدعم السريع", "RSF: Rapid Support Forces"),
        actor(text, "الدعم السريع", "RSF: Rapid Support Forces", nth=1),
    )
    events = code_events(make_result(text, mentions=mentions))
    battles = [e for e in events if e.event_type == "Battles"]
    assert battles and battles[0].actor1 == "RSF: Rapid Support Forces"


def test_fronted_place_opens_a_new_battle(shared_dir: Path) -> None:
    """b-khabar24-1: "وفي الجيلي، تصاعدت الاشتباكات": the clashes, elsewhere, even if the town is unknown."""
    doc = _khabar24(shared_dir)
    lead = doc["events"][0]["evidence"]
    fronted = _sentence_with(doc["text"], "وفي الجيلي")
    text = lead + ". " + fronted
    mentions = (
        actor(text, "الدعم السريع", "RSF: Rapid Support Forces"),
        actor(text, "الجيش", "Military Forces of Sudan"),
        place(text, "مدينة الفاشر", "Sudan", "North Darfur"),
        actor(text, "الجيش", "Military Forces of Sudan", nth=1),
        actor(text, "قوات الدعم السريع", "RSF: Rapid Support Forces"),
    )
    events = code_events(make_result(text, mentions=mentions))
    assert sum(e.event_type == "Battles" for e in events) == 2
    opener = lead + ". وفي الأثناء، تصاعدت الاشتباكات بين الجيش وقوات الدعم السريع."
    again = code_events(make_result(opener, mentions=(
        actor(opener, "الدعم السريع", "RSF: Rapid Support Forces"),
        place(opener, "مدينة الفاشر", "Sudan", "North Darfur"),
    )))
    assert sum(e.event_type == "Battles" for e in again) == 1  # "meanwhile" moves nowhere


def test_summary_of_the_days_protests_gives_way_to_each_protest(shared_dir: Path) -> None:
    """c-djazairess-alahrar-1: "tear gas on protests in various areas", then one protest by its mosque."""
    doc = _doc(shared_dir, "eval/news-protests-civilians-dev.jsonl", "c-djazairess-alahrar-1")
    lead = _sentence_with(doc["text"], "مناطق مختلفة")
    named = doc["events"][0]["evidence"]
    text = lead + " " + named + "."
    mentions = (
        actor(text, "قوات الأمن المصرية", "Police Forces of Egypt"),
        actor(text, "قوات الأمن", "Police Forces of Egypt", nth=1),
        place(text, "الجيزة", "Egypt", "Giza"),
    )
    events = code_events(make_result(text, mentions=mentions))
    protests = [e for e in events if e.event_type == "Protests"]
    assert len(protests) == 1
    assert protests[0].evidence.start >= len(lead)


def test_arresting_side_is_the_subject_before_the_arrest_word(ghwayran: dict[str, Any]) -> None:
    """examples/ghwayran-prison-attack.gold.jsonl, seed-ghwayran: "Asayish (the internal security
    forces of the Autonomous Administration) announced the arrest of three IS members"."""
    text = _sentence_with(ghwayran["text"], "عن إلقاء القبض على ثلاثة")
    mentions = (
        actor(text, "قوات الأسايش", "Asayish"),
        actor(text, "قوى الأمن الداخلي", "Police Forces of Syria"),
        actor(text, "الإدارة الذاتية", "Autonomous Administration of North and East Syria"),
        actor(text, "تنظيم داعش", "Islamic State"),
    )
    events = code_events(make_result(text, mentions=mentions))
    arrests = [e for e in events if e.sub_event_type == "Arrests"]
    assert arrests and arrests[0].actor1 == "Asayish"
    assert arrests[0].actor2 == "Islamic State"


def test_pair_of_bombings_gives_way_to_each_bombing(shared_dir: Path) -> None:
    """eval/news-english-wire-dev.jsonl, d-spokesman-1: "killed in a pair of roadside bombings",
    then "One soldier died in a bomb blast ... in Salahuddin province"."""
    doc = _doc(shared_dir, "eval/news-english-wire-dev.jsonl", "d-spokesman-1")
    lead = _sentence_with(doc["text"], "a pair of roadside bombings")
    detail = doc["events"][0]["evidence"]
    text = lead + " " + detail + "."
    mentions = (
        actor(text, "soldier", "Military Forces of the United States", nth=1),
        place(text, "Salahuddin province", "Iraq", "Salah al-Din", precision=3),
    )
    quantities = (quantity(text, "One soldier", 1, "killed"),)
    events = code_events(make_result(text, mentions=mentions, quantities=quantities, lang="en"))
    bombs = [e for e in events if e.event_type == "Explosions/Remote violence"]
    assert len(bombs) == 1
    assert bombs[0].evidence.start >= len(lead)
    # Forces named beside a bomb are its target; the bomber is unidentified.
    assert bombs[0].actor1 == "Unidentified Armed Group (Iraq)"
    assert bombs[0].actor2 == "Military Forces of the United States"


def test_city_named_like_its_province_does_not_split_an_event() -> None:
    """"in Sadr City" then "in Baghdad": Baghdad stands for the province, so one abduction."""
    text = "اختطف مسلحون مجهولون صاحب مكتب صرافة في مدينة الصدر. وقال مصدر إن المسلحين اختطفوا الرجل في بغداد."
    sadr = Place("Sadr City", "Iraq", "Baghdad", "Baghdad", geo_precision=1)
    baghdad = Place("Baghdad", "Iraq", "Baghdad", "Al Rusafa", geo_precision=1)
    mentions = (
        actor(text, "مسلحون مجهولون", "Unidentified Armed Group (Iraq)"),
        Mention("place", Span(text.index("مدينة الصدر"), text.index("مدينة الصدر") + 11), "مدينة الصدر",
                attrs={"place": sadr}),
        actor(text, "المسلحين", "Unidentified Armed Group (Iraq)"),
        Mention("place", Span(text.index("بغداد"), text.index("بغداد") + 5), "بغداد", attrs={"place": baghdad}),
    )
    events = code_events(make_result(text, mentions=mentions))
    assert sum(e.sub_event_type == "Abduction/forced disappearance" for e in events) == 1
