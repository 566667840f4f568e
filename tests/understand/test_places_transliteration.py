"""English spellings of Arabic place names that the gazetteer writes otherwise, and the English
context that decides which reading of a name is meant (issue #3)."""

from __future__ import annotations

import pytest

from rasid.model import Mention, Place
from rasid.text.normalize import normalize
from rasid.understand.places import find_places, latin_pattern, latin_skeleton


def _places(text: str, actors: tuple[Mention, ...] = ()) -> list[Place]:
    return [m.attrs["place"] for m in find_places(normalize(text), "en", actors)]


def _admin1s(text: str) -> set[str | None]:
    return {p.admin1 for p in _places(text)}


@pytest.mark.parametrize(("written", "gazetteer"), [
    ("Saraqab", "Saraqib"),
    ("Jandairis", "Jindayris"),
    ("Tall Refaat", "Tall Rifat"),
    ("Ras al-Ain", "Ras al Ayn"),
    ("Jisr ash-Shugur", "Jisr ash Shughur"),
    ("Kafr Nobol", "Kafranbel"),
    ("Nashabiyeh", "An Nashabiyah"),
    ("Ma'arrat", "Maarrat"),
])
def test_spellings_of_one_name_share_a_skeleton(written: str, gazetteer: str) -> None:
    assert latin_skeleton(written) == latin_skeleton(gazetteer)


def test_a_final_vowel_and_the_vowels_place_tell_names_apart() -> None:
    assert latin_skeleton("Kafr Zeita") != latin_skeleton("Kafr az Zayyat")  # same consonants
    assert latin_skeleton("Tal Shayr") == latin_skeleton("Tal Shahar")
    assert latin_pattern("Tal Shayr") != latin_pattern("Tal Shahar")
    assert latin_pattern("Kafr Zeita") == latin_pattern("Kafr Zayta")


@pytest.mark.parametrize(("text", "admin1"), [
    ("Warplanes struck the town of Saraqab at dawn.", "Idleb"),
    ("Artillery shells hit the town of Jandairis on Monday.", "Aleppo"),
    ("Syrian army units shelled positions in Kafr Zeita overnight.", "Hama"),
    ("Fighting was reported on the outskirts of Jisr ash-Shugur.", "Idleb"),
])
def test_a_variant_spelling_after_a_place_word_resolves(text: str, admin1: str) -> None:
    assert admin1 in _admin1s(text)


def test_a_variant_spelling_needs_a_place_word_before_it() -> None:
    # The same name as a subject, with no locative word or descriptor, is left alone.
    assert all(p.admin1 != "Idleb" for p in _places("Saraqab residents said the market reopened."))


def test_a_close_skeleton_abroad_is_not_taken_without_its_vowels() -> None:
    # "Tal Shayr" shares its consonants with an Israeli village, not its vowels; nothing in the
    # sentence points to Israel.
    assert all(p.country != "Israel" for p in _places("Jets bombed a convoy near Tal Shayr."))


def test_national_adjectives_of_actors_do_not_push_a_town_abroad() -> None:
    # "Turkish" says who fired, not where: Afrin stays the Syrian town.
    places = _places("Turkish howitzers shelled the city of Afrin.")
    assert ("Syria", "Aleppo") in {(p.country, p.admin1) for p in places}


def test_a_lower_case_article_opens_a_name_but_does_not_continue_one() -> None:
    assert "Homs" in _admin1s("Residents of the town of ar-Rastan marched after prayers.")
    # "al-Sham" ends a group's name here; it is not Damascus.
    assert "Damascus" not in _admin1s("Fighters of Liwa Suqour al-Sham withdrew from the hill.")


def test_the_first_word_of_a_longer_name_is_not_a_district_abroad() -> None:
    places = _places("Howitzers shelled the town of Sheikh Issa before noon.")
    assert all(p.country != "Somalia" for p in places)


def test_a_governorate_named_after_of_places_the_town() -> None:
    # "Al Zahir" is a town of Al Jawf too; the sentence says which governorate it means.
    assert "Al Bayda" in _admin1s("A mine exploded near a checkpoint in Al Zahir of Al Bayda.")


def _actor(text: str, canonical: str, country: str, inter: int) -> Mention:
    span = normalize(text).to_original(0, 9, "expand")
    return Mention("actor", span, span.text_of(text), canonical, 0.9,
                   attrs={"named": True, "country": country, "inter": inter})


def test_a_named_armed_group_points_to_its_country() -> None:
    # "al-Bayda" names a Libyan city and a Yemeni governorate; rebels fight at home.
    text = "The group fired a missile at a camp in al-Bayda."
    houthis = _actor(text, "Houthis", "Yemen", 2)
    assert "Yemen" in {p.country for p in _places(text, (houthis,))}


def test_state_forces_abroad_are_no_evidence_of_the_setting() -> None:
    text = "The group fired a missile at a camp in al-Bayda."
    army = _actor(text, "Military Forces of Yemen", "Yemen", 1)
    assert {p.country for p in _places(text, (army,))} == {p.country for p in _places(text)}
