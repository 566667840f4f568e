"""Place mentions: gazetteer coverage, descriptors and precision, disambiguation, junk filtering."""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from rasid.model import Mention
from rasid.resources import read_table
from rasid.text.normalize import normalize, normalize_key
from rasid.understand import places as places_module
from rasid.understand.places import (
    PlaceContext,
    article_country,
    article_country_of,
    find_places,
    gazetteer,
    phrase_key,
    resolve,
)


def places(text: str, lang: str = "ar") -> tuple[Mention, ...]:
    return find_places(normalize(text), lang)


def place_named(mentions: tuple[Mention, ...], surface: str) -> Mention:
    found = [m for m in mentions if surface in m.text]
    assert found, f"no place mention containing {surface!r} in {[m.text for m in mentions]}"
    return found[0]


@cache
def admin1_aliases() -> dict[str, str]:
    """Every spelling of an ACLED admin1 name (normalised) -> the canonical one."""
    table: dict[str, str] = {}
    for row in read_table("admin1_acled.tsv").rows:
        if row["acled"] == "-":
            continue
        for name in (row["acled"], *row["aliases"].split("|")):
            if name:
                table[normalize_key(name)] = row["acled"]
    return table


def same_admin1(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    aliases = admin1_aliases()
    ka, kb = normalize_key(a), normalize_key(b)
    return aliases.get(ka, ka) == aliases.get(kb, kb)


# --- the gazetteer ------------------------------------------------------------------------------


def test_gazetteer_rows_and_provenance() -> None:
    table = read_table("places.tsv")
    assert "GeoNames" in table.provenance and "CC BY 4.0" in table.provenance
    features = {e.feature for e in gazetteer().entries}
    assert features == {"city", "admin1", "admin2", "country"}
    assert len(gazetteer().entries) > 20_000


def test_every_gold_admin1_is_in_the_gazetteer(gold_documents: list[dict[str, Any]]) -> None:
    regions = [(e.country, e.name) for e in gazetteer().entries if e.feature == "admin1"]
    missing = set()
    for doc in gold_documents:
        for event in doc["events"]:
            if event.get("admin1"):
                if not any(c == event["country"] and same_admin1(n, event["admin1"]) for c, n in regions):
                    missing.add((event["country"], event["admin1"]))
    assert not missing, f"gold (country, admin1) pairs missing from the gazetteer: {sorted(missing)}"


def test_admin_regions_have_capital_coordinates_not_country_centroids() -> None:
    hasakah = [e for e in gazetteer().entries if e.feature == "admin1" and e.name == "Al-Hasakah"]
    assert len(hasakah) == 1
    assert hasakah[0].latitude == pytest.approx(36.50, abs=0.1)  # Al-Hasakah city, not Syria's centre
    regions = [e for e in gazetteer().entries if e.feature in ("admin1", "admin2")]
    # A handful of island or newly created regions have no populated place to take coordinates
    # from; they stay without coordinates rather than borrow the country's.
    assert sum(e.latitude is None for e in regions) < 0.01 * len(regions)
    assert all(e.latitude is not None for e in regions if e.cc in ("SY", "IQ", "YE", "SD", "LY"))


# --- real mentions in the gold articles ------------------------------------------------------------


def test_gold_admin1_found_near_the_event(gold_documents: list[dict[str, Any]]) -> None:
    hits = total = article_hits = 0
    misses: list[tuple[str, str, str]] = []
    for doc in gold_documents:
        text = doc["text"]
        mentions = find_places(normalize(text), doc["lang"])
        for event in doc["events"]:
            if not event.get("admin1") or event.get("historical"):
                continue
            total += 1
            start = text.find(event["evidence"])
            lo, hi = (start - 300, start + len(event["evidence"]) + 300) if start >= 0 else (0, len(text))
            near = [m for m in mentions if lo <= m.span.start < hi]
            if any(m.attrs["place"].country == event["country"]
                   and same_admin1(m.attrs["place"].admin1, event["admin1"]) for m in near):
                hits += 1
            else:
                misses.append((doc["doc_id"], event["country"], event["admin1"]))
                regions = Counter((m.attrs["place"].country, m.attrs["place"].admin1) for m in mentions
                                  if m.attrs["place"].admin1)
                if regions and regions.most_common(1)[0][0][0] == event["country"] and same_admin1(
                        regions.most_common(1)[0][0][1], event["admin1"]):
                    article_hits += 1
    rate = hits / total
    print(f"gold admin1 found near the event: {hits}/{total} = {rate:.1%}; with the article's main"
          f" admin1 as fallback: {(hits + article_hits) / total:.1%}; misses: {misses}")
    assert total >= 60
    assert rate >= 0.75


def test_ghwayran_places(ghwayran: dict[str, Any]) -> None:
    mentions = find_places(normalize(ghwayran["text"]), "ar")
    dateline = mentions[0]
    assert dateline.span.start == 0 and dateline.attrs["place"].admin1 == "Al-Hasakah"
    neighbourhood = place_named(mentions, "حي غويران")
    assert neighbourhood.attrs["place"].admin1 == "Al-Hasakah"
    assert neighbourhood.attrs["place"].geo_precision == 2
    governorate = place_named(mentions, "محافظة الحسكة")
    assert governorate.attrs["feature"] == "admin1" and governorate.attrs["place"].geo_precision == 3
    assert all(m.attrs["place"].country in (None, "Syria", "Iraq", "Turkey") for m in mentions)


# --- descriptors and precision ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "admin1", "precision"),
    [
        ("قصفت الطائرات مدينة حلب صباح اليوم", "حلب", "Aleppo", 1),
        ("دارت اشتباكات عنيفة في ريف حلب الشرقي", "ريف حلب", "Aleppo", 3),
        ("وقع الهجوم في محافظة الحسكة أمس", "محافظة الحسكة", "Al-Hasakah", 3),
        ("سقطت قذيفة قرب مدينة منبج", "منبج", "Aleppo", 2),
        ("انفجرت عبوة ناسفة في بلدة تل أبيض", "تل أبيض", "Ar-Raqqa", 1),
        ("قتل ثلاثة في بادية دير الزور", "بادية دير الزور", "Deir ez-Zor", 3),
        ("Gunmen attacked a checkpoint in the town of Tal Afar on Monday.", "Tal Afar", "Nineveh", 1),
        ("A bomb exploded in Basra province, police said.", "Basra province", "Basra", 3),
        ("Clashes broke out on the outskirts of Mosul.", "Mosul", "Nineveh", 2),
    ],
)
def test_descriptor_precision(text: str, surface: str, admin1: str, precision: int) -> None:
    lang = "en" if text.isascii() else "ar"
    mention = place_named(places(text, lang), surface)
    place = mention.attrs["place"]
    assert same_admin1(place.admin1, admin1), place
    assert place.geo_precision == precision
    assert place.latitude is not None


def test_region_takes_the_provincial_capital() -> None:
    mention = place_named(places("دارت اشتباكات في ريف دير الزور الشرقي"), "ريف دير الزور")
    capital = place_named(places("وصل الوفد إلى مدينة دير الزور"), "دير الزور")
    assert mention.attrs["place"].latitude == capital.attrs["place"].latitude


def test_unknown_village_falls_back_to_the_enclosing_place_not_the_country() -> None:
    # A village name invented for the test: the gazetteer cannot know it.
    mention = place_named(places("اقتحمت القوات قرية زغلوبان بريف دير الزور الشرقي"), "زغلوبان")
    place = mention.attrs["place"]
    assert place.admin1 == "Deir ez-Zor" and place.country == "Syria"
    assert place.geo_precision in (2, 3) and place.latitude is not None
    alone = place_named(places("اقتحمت القوات قرية زغلوبان في سوريا"), "زغلوبان")
    assert alone.attrs["place"].latitude is None  # never a country centroid
    assert alone.confidence < 0.5


def test_neighbourhood_takes_the_town_named_after_it() -> None:
    mention = place_named(places("اندلعت اشتباكات في حي الزهور بمدينة الحسكة"), "حي الزهور")
    place = mention.attrs["place"]
    assert place.name == "Al Hasakah" and place.geo_precision == 2


# --- disambiguation ---------------------------------------------------------------------------------


def test_shared_name_follows_the_article_country() -> None:
    lebanon = places("أعلن الجيش اللبناني أن اشتباكات اندلعت في طرابلس شمال لبنان")
    libya = places("قالت حكومة الوحدة الوطنية الليبية إن اشتباكات اندلعت في طرابلس")
    assert place_named(lebanon, "طرابلس").attrs["place"].country == "Lebanon"
    assert place_named(libya, "طرابلس").attrs["place"].country == "Libya"


def test_resolve_alone_both_directions() -> None:
    candidates = gazetteer().candidates(phrase_key("الرقة"))
    assert {c.country for c in candidates} >= {"Syria", "United Arab Emirates"}
    uae = PlaceContext()
    uae.countries["United Arab Emirates"] = 3
    syria = PlaceContext(dateline="Syria")
    assert resolve(candidates, syria).country == "Syria"
    small = [c for c in candidates if c.country == "United Arab Emirates"]
    assert resolve([*small, *candidates], uae).country == "United Arab Emirates"
    assert resolve(candidates, PlaceContext()).country == "Syria"  # population when nothing else


def test_english_dateline_decides() -> None:
    mentions = places("TRIPOLI, Lebanon (Reuters) - Gunmen clashed overnight in Tripoli.", "en")
    assert all(m.attrs["place"].country == "Lebanon" for m in mentions if m.canonical == "Tripoli")


# --- junk -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "قال المصدر إن الاجتماع عقد بين الطرفين قبل يوم الجمعة وبعد ذلك",
        "أكد البيان أن التحالف سيواصل العمل مع الداخلية في البلاد",
        "وأضاف أن الأمن والسلام من أولويات الدولة",
        "The police said on Monday that peace talks would resume in March.",
    ],
)
def test_common_words_are_not_places(text: str) -> None:
    assert places(text, "en" if text.isascii() else "ar") == ()


def test_false_positive_rate_on_gold_text(gold_documents: list[dict[str, Any]]) -> None:
    """Places whose country is not one the gold events or the article's own words point to."""
    total = wrong = 0
    for doc in gold_documents:
        countries = {e["country"] for e in doc["events"] if e.get("country")}
        if not countries:
            continue
        for m in find_places(normalize(doc["text"]), doc["lang"]):
            if m.attrs["feature"] in ("country", "unknown"):
                continue
            total += 1
            wrong += m.attrs["place"].country not in countries
    print(f"non-country place mentions outside the gold events' countries: {wrong}/{total}")
    assert total > 100
    assert wrong / total < 0.06  # 0.10 before names abroad needed evidence of their own (see _in_context)


def test_common_phrase_blocks_the_place_inside_it() -> None:
    assert places("تتصاعد التوترات في منطقة الشرق الأوسط") == ()
    assert places("قال متحدث باسم البيت الأبيض إن الاجتماع انتهى") == ()


# --- the article's country dominates ------------------------------------------------------------


def test_namesake_abroad_loses_to_the_article_country() -> None:
    """samples/sample.ar.txt is an Iraqi report on Diyala: "حوض الوقف" is no Egyptian village."""
    text = (Path(__file__).resolve().parents[2] / "samples" / "sample.ar.txt").read_text(encoding="utf-8")
    norm = normalize(text)
    found = find_places(norm, "ar")
    assert found and article_country(norm, "ar") == "Iraq"
    assert {m.attrs["place"].country for m in found} == {"Iraq"}
    assert article_country_of(found) == "Iraq"


@pytest.mark.parametrize(
    ("text", "surface", "country", "admin1"),
    [
        # A name written without its article also reads as the definite one: Giza, not Jordan's Jiza.
        ("تظاهر المئات في جيزة أمس، وقالت مديرية أمن محافظة الجيزة إن قوات الأمن فرقتهم قرب القاهرة",
         "جيزة", "Egypt", "Giza"),
        # A city of millions is what its name means, whatever village in Iraq shares it.
        ("وصل وفد عراقي إلى الرياض قادما من بغداد لبحث الأوضاع في كركوك والموصل", "الرياض", "Saudi Arabia",
         "Riyadh"),
        # ... unless the text says it is a village.
        ("قتل مدني في قرية الرياض جنوب كركوك", "الرياض", "Iraq", "Kirkuk"),
    ],
)
def test_context_and_size_choose_the_reading(text: str, surface: str, country: str, admin1: str) -> None:
    place = place_named(places(text), surface).attrs["place"]
    assert (place.country, place.admin1) == (country, admin1)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("قتل شاب في ريف دير الزور بعد الظهر برصاص مسلحين في سوريا", "الظهر"),  # noon
        # "الحريق" (the fire) is also a Saudi village: no evidence here for Saudi Arabia.
        ("أحرق محتجون مبنى في الناصرية بمحافظة ذي قار جنوب العراق، وقال مسؤول إن الحريق أتى على المبنى",
         "الحريق"),
        ("Boko Haram fighters attacked a village in Borno State, Nigeria, on Tuesday.", "Boko"),
    ],
)
def test_common_words_and_names_abroad_are_dropped(text: str, absent: str) -> None:
    found = places(text, "en" if text.isascii() else "ar")
    assert found, "the article's own places are still found"
    assert not [m for m in found if absent in m.text], [m.text for m in found]


def test_pronoun_suffix_is_not_a_taa_marbuta_name() -> None:
    found = places("قال القائد في حديثه إن المعارك في حديثة بمحافظة الأنبار غربي العراق مستمرة")
    assert [m.text for m in found if "حديث" in m.text] == ["حديثة"]
    assert place_named(found, "حديثة").attrs["place"].admin1 == "Anbar"


def test_definite_word_is_not_the_bare_place_name() -> None:
    # "البحري" (naval) is not Bahri in Khartoum, written without the article.
    found = places("أعلنت القوات فرض الحظر الجوي والبحري على الخرطوم في السودان")
    assert all("بحري" not in m.text for m in found), [m.text for m in found]


@pytest.mark.parametrize(
    "text",
    [
        "قتل عشرات المقاتلين في ساحة المعركة قرب مدينة حلب شمالي سوريا",
        "حكم على الناشط في دمشق بالسجن عشر سنوات",
        "وصلت المساعدات إلى مخيم للنازحين قرب الموصل في العراق",
        "انتشرت قوات الأمن في مدينة وريف السويداء جنوبي سوريا",
        "عاد إلى بلده بعد سنوات من الغياب عن بغداد",
    ],
)
def test_descriptor_before_a_common_word_names_no_unknown_place(text: str) -> None:
    unknown = [m.text for m in places(text) if m.attrs["feature"] == "unknown"]
    assert not unknown


def test_unknown_town_takes_the_country_named_beside_it() -> None:
    found = places("قتل 30 شخصا في تفجير في بلدة زغلوبان جنوب شرقي تركيا. وفي نيجيريا قتل خمسة في مايدوغوري")
    assert place_named(found, "زغلوبان").attrs["place"].country == "Turkey"


def test_every_resolved_place_has_a_precision(gold_documents: list[dict[str, Any]]) -> None:
    for doc in gold_documents:
        for m in find_places(normalize(doc["text"]), doc["lang"]):
            assert m.attrs["place"].geo_precision in (1, 2, 3), (doc["doc_id"], m.text)


def test_article_country_agrees_with_gold(gold_documents: list[dict[str, Any]]) -> None:
    """Articles whose gold events all lie in one country: the article's country is that one."""
    right = total = 0
    for doc in gold_documents:
        gold = {e["country"] for e in doc["events"] if e.get("country")}
        if len(gold) == 1:
            total += 1
            right += article_country(normalize(doc["text"]), doc["lang"]) in gold
    assert total >= 30
    assert right / total >= 0.9


# --- the pickled index --------------------------------------------------------------------------


def test_shipped_index_is_fresh_and_matches_the_tsv() -> None:
    """Rebuild with `scripts/build_gazetteer.py --index-only` after editing places.tsv or the stoplist."""
    loaded = places_module._load_index()
    assert loaded is not None, "places.index.pickle is missing or stale"
    built = places_module._build_gazetteer()
    assert loaded.by_key == built.by_key and loaded.taa_only == built.taa_only
    assert loaded.entries == built.entries
    assert loaded.matcher.find("قتل 3 في بغداد والموصل") == built.matcher.find("قتل 3 في بغداد والموصل")


def test_stale_index_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(places_module, "index_digest", lambda: "a table changed")
    assert places_module._load_index() is None


@pytest.mark.parametrize(
    "text",
    [
        "Ahmad Khalil said five people were killed in the clashes.",
        "The clashes ended, said Ahmad Khalil, the head of the council.",
        "Gen. Ahmad told reporters the attack had been repelled.",
        "A spokesman, Rashid, denied the report on Monday.",
        "Aden Abdi told reporters that the road was closed.",
        "Ahmad was quiet during the meeting on Monday.",
    ],
)
def test_english_person_names_are_not_places(text: str) -> None:
    assert places(text, "en") == ()


@pytest.mark.parametrize(
    ("text", "surface", "canonical"),
    [
        ("Clashes broke out in Ahmad on Sunday.", "Ahmad", "Al Ahmadi"),
        ("Shelling hit the town of Ahmad on Sunday.", "Ahmad", "Al Ahmadi"),
        ("Fighting erupted near Aden, officials said.", "Aden", "Aden"),
        ("ADEN (Reuters) - Clashes erupted on Sunday.", "ADEN", "Aden"),
        # An organisation named after a town ("Manbij Military Council" is an actor alias, so its
        # town is no place of the event: test_places_in_actor_names.py).
        ("Fighters of the Raqqa Military Council shelled Jarablus.", "Raqqa", "Ar Raqqah"),
    ],
)
def test_english_names_with_locative_evidence_stay_places(text: str, surface: str, canonical: str) -> None:
    assert place_named(places(text, "en"), surface).canonical == canonical


def test_person_name_filter_is_english_only(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: object) -> bool:
        raise AssertionError("the English person-name filter ran on an Arabic article")

    monkeypatch.setattr(places_module, "_reads_as_person", fail)
    monkeypatch.setattr(places_module, "_last_raw", ("", "", []))
    places("قال أحمد خليل إن شخصين قتلا في الأحمدي", "ar")
