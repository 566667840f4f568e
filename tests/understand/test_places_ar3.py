"""Arabic places, round 3 (issue #5): a three-letter country name is a place. The sentence is read
at run time from ``shared/eval`` (file and doc_id named in the test)."""

from __future__ import annotations

import json
from pathlib import Path

from rasid.text.normalize import normalize
from rasid.understand.places import find_places


def test_three_letter_country_is_found_after_a_title(shared_dir: Path) -> None:
    # news-protests-civilians-dev.jsonl, c-misr5-1: "وقفة احتجاجية أمام منزل السفير الإسرائيلي في مصر":
    # "مصر" has three letters and no population figure, but a country is never a common word.
    with (shared_dir / "eval/news-protests-civilians-dev.jsonl").open(encoding="utf-8") as handle:
        text = next(r for r in map(json.loads, handle) if r["doc_id"] == "c-misr5-1")["text"]
    sentence = text[: text.index(" .") + 2]
    assert "في مصر" in sentence
    found = {m.canonical for m in find_places(normalize(sentence), "ar")}
    assert "Egypt" in found


def test_short_unknown_word_is_still_not_a_village() -> None:
    # The guard the country exemption narrows: a three-letter word read as a tiny village stays out
    # ("قال" is a verb, whatever village shares its letters).
    places = find_places(normalize("قال مصدر أمني إن الهجوم وقع ليلا"), "ar")
    assert not [m for m in places if len(m.text) <= 3]
