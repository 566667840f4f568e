"""A foreign news agency's nationality says who reported, not where the event was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasid.text.normalize import normalize
from rasid.understand.places import article_country, build_context


def _petrarch_sentence(shared_dir: Path, doc_id: str) -> str:
    with open(shared_dir / "eval" / "petrarch-arabic-dev.jsonl", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["doc_id"] == doc_id:
                return str(record["text"])
    raise AssertionError(f"{doc_id} not in petrarch-arabic-dev.jsonl")


# petrarch-arabic-dev.jsonl: a police hostage-taking in Islamabad told "لوكالة الأنباء الألمانية",
# and a protest in Peshawar seen by "مراسل لوكالة الصحافة الفرنسية".
@pytest.mark.parametrize(("doc_id", "foreign"), [("5b520e266203c42f8aa08fe6", "Germany"),
                                                 ("5b6757616203c433883a1f18", "France")])
def test_a_foreign_wire_is_no_evidence_of_the_setting(shared_dir: Path, doc_id: str, foreign: str) -> None:
    text = _petrarch_sentence(shared_dir, doc_id)
    assert article_country(normalize(text), "ar") != foreign
    assert foreign not in build_context(normalize(text), []).countries
    # the same adjective on a government is evidence as before
    assert foreign in build_context(normalize(text.replace("وكالة", "حكومة")), []).countries


@pytest.mark.parametrize("text", [
    "A car bomb killed four people near a market, a police officer told the German news agency dpa.",
    "Gunmen attacked a checkpoint, the French daily Le Monde reported.",
])
def test_english_wire_nationality_is_not_the_setting(text: str) -> None:
    assert article_country(normalize(text), "en") is None


def test_a_national_agency_of_the_region_still_counts() -> None:
    # The Syrian state agency reports at home: its adjective stays evidence of Syria.
    text = "وقالت وكالة الأنباء السورية إن قذائف سقطت على حي سكني"
    assert article_country(normalize(text), "ar") == "Syria"
