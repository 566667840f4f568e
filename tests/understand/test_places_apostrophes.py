"""Place names written with an apostrophe for ayn or hamza ("Dar'a", "Ma‘arrat al-Nu‘man") match whole."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from rasid.model import Mention
from rasid.text.normalize import normalize
from rasid.understand.places import find_places, gazetteer, phrase_key

_MARKS = "'ʻʼʿʾ‘’"
_MARK = re.compile(f"[{_MARKS}]")
# An ASCII transliteration, possibly with ayn/hamza marks: what English news could print.
_LATIN_NAME = re.compile(f"[A-Z][A-Za-z{_MARKS} \\-]+")


def _geonames_spellings_with_marks(shared_dir: Path) -> list[tuple[int, str]]:
    """(geonameid, name) for GeoNames spellings with a mark inside the name that our gazetteer holds.

    A name "held" is one the gazetteer lists as written or without its marks (the build drops
    ayn and hamza marks from the GeoNames main name). Names with a mark before a final "s"
    ("Ra's al 'Ayn") read as an English possessive and are left out.
    """
    gaz = gazetteer()
    path = shared_dir / "data" / "geonames_me" / "cities500_SY_IQ_TR_LB_JO.tsv"
    out: list[tuple[int, str]] = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            gid = int(row["geonameid"])
            for name in sorted({row["name"], *row["alternatenames"].split("|")}):
                if not _LATIN_NAME.fullmatch(name) or not _MARK.search(name.strip(_MARKS)):
                    continue
                if re.search(f"[{_MARKS}]s\\b", name):
                    continue
                keys = {phrase_key(name), phrase_key(_MARK.sub("", name))}
                if any(gid in {c.geonameid for c in gaz.candidates(k)} for k in keys):
                    out.append((gid, name))
    return out


def test_geonames_spellings_with_ayn_and_hamza_marks_match_the_whole_name(shared_dir: Path) -> None:
    spellings = _geonames_spellings_with_marks(shared_dir)
    assert len(spellings) > 100  # Qa'im, Tall 'Afar, Ma'arrat al-Nu'man, Tal'-Afar, ...
    gaz = gazetteer()
    missed = []
    for gid, name in spellings:
        core = normalize(name.strip(_MARKS)).text  # a final hamza mark is not part of the match
        text = normalize(f"Fighting was reported in {name} on Monday.").text
        start = text.index(core)
        found = [m for m in gaz.matcher.find(text) if (m.start, m.end) == (start, start + len(core))]
        if not any(gid in {c.geonameid for c in gaz.candidates(m.value)} for m in found):
            missed.append((gid, name, [m.key for m in gaz.matcher.find(text)]))
    assert not missed, missed[:20]


def _place(mentions: tuple[Mention, ...], written: str) -> Mention:
    found = [m for m in mentions if m.kind == "place" and m.text == written]
    assert found, f"no place written {written!r} in {[m.text for m in mentions]}"
    return found[0]


@pytest.mark.parametrize("mark", ["'", "’", "ʿ"])
@pytest.mark.parametrize(("template", "name", "admin1"), [
    ("Syrian government shelling hit {} on Monday.", "Dar{}a", "Dar'a"),
    ("Saudi-led coalition airstrikes hit {} in Yemen.", "Sa{}dah", "Sadah"),
    ("Syrian warplanes bombed {} in Idlib province.", "Ma{0}arrat al-Nu{0}man", "Idleb"),
    ("Houthi forces shelled {} in Yemen.", "Ta{}izz", "Taizz"),
])
def test_english_place_names_with_an_apostrophe_are_one_place(mark: str, template: str, name: str,
                                                              admin1: str) -> None:
    written = name.format(mark)
    mentions = find_places(normalize(template.format(written)), "en")
    place = _place(mentions, written)
    assert place.attrs["place"].admin1 == admin1
    assert not [m for m in mentions if m.span.overlaps(place.span) and m is not place]


def test_a_possessive_after_a_place_name_is_not_part_of_it() -> None:
    text = "Airstrikes hit Dar'a's eastern countryside and Idlib's southern countryside in Syria."
    mentions = find_places(normalize(text), "en")
    assert _place(mentions, "Dar'a").attrs["place"].admin1 == "Dar'a"
    assert _place(mentions, "Idlib").attrs["place"].admin1 == "Idleb"
