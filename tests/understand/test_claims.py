"""Claims and conflicts: who gives which figure, and where sources contradict each other."""

from __future__ import annotations

import json
import time
from datetime import date
from typing import Any

import pytest

from rasid import extract
from rasid.model import Claim, Document, Result
from rasid.pipeline import extract_document
from rasid.text.normalize import normalize_key
from rasid.understand.claims import group_of, interval


def _run(doc: dict[str, Any]) -> Result:
    published = date.fromisoformat(doc["published"]) if doc.get("published") else None
    return extract_document(
        Document(text=doc["text"], doc_id=doc["doc_id"], lang=doc.get("lang"), published=published)
    )


def _key(name: str | None) -> str:
    return " ".join(normalize_key(name or "").replace("«", " ").replace("»", " ").split())


def _gold_speaker(gold: dict[str, Any], claim: Claim, text: str) -> str | None:
    """The speaker of the gold quote whose content holds the claim's words."""
    words = claim.span.text_of(text)
    for quote in gold["quotes"]:
        if words in quote["text"]:
            return str(quote["speaker"])
    return None


@pytest.fixture(scope="module")
def ghwayran_result(ghwayran: dict[str, Any]) -> Result:
    return _run(ghwayran)


def test_worked_example_escape_is_denied_by_one_official_and_affirmed_by_the_other(
    ghwayran: dict[str, Any], ghwayran_result: Result
) -> None:
    text = ghwayran["text"]
    facts = [c for c in ghwayran_result.conflicts if c.kind == "fact" and c.category == "escape"]
    assert len(facts) == 1
    conflict = facts[0]
    denied = [c for c in conflict.claims if c.polarity == "negated"]
    affirmed = [c for c in conflict.claims if c.polarity == "affirmed" and c.source]
    assert denied and affirmed
    deniers = {_key(_gold_speaker(ghwayran, c, text)) for c in denied}
    affirmers = {_key(_gold_speaker(ghwayran, c, text)) for c in affirmed}
    assert {_key(c.source) for c in denied} == deniers
    assert {_key(c.source) for c in affirmed} == affirmers
    assert len(deniers) == 1 and not deniers & affirmers  # two different officials
    quote_ids = {q.id for q in ghwayran_result.quotes}
    assert all(c.quote_id in quote_ids for c in denied + affirmed)


def test_worked_example_figures_carry_their_speakers(ghwayran: dict[str, Any], ghwayran_result: Result) -> None:
    text = ghwayran["text"]
    figures = [c for c in ghwayran_result.claims if c.kind == "figure"]
    dead = [c for c in figures if c.category in {"killed", "bodies"}]
    assert {c.value for c in dead} >= {27, 5, 175, 7}
    for claim in dead:
        gold = _gold_speaker(ghwayran, claim, text)
        if gold is not None:
            assert _key(claim.source) == _key(gold), claim
    # The dead of one group from two sources: 175 bodies (one speaker) and "at least 7"
    # killed (another) are about the same group, and compatible: no figure conflict.
    isis = [c for c in dead if c.subject and c.subject.startswith("Islamic State")]
    assert len({_key(c.source) for c in isis}) >= 2
    assert not [c for c in ghwayran_result.conflicts if c.kind == "figure" and c.category == "killed"]
    at_least = next(c for c in isis if c.value == 7)
    assert interval(at_least) == (7.0, float("inf"))


CASES = [
    # (lang, text, expected conflict kinds)
    ("en", "Police spokesman John Smith said 12 protesters were killed in Nairobi on Monday. "
           "Organisers said 40 protesters were killed.", ["figure"]),
    ("en", "Officials said at least 10 civilians were killed in the attack. Medics said 14 civilians were killed.", []),
    ("en", "The army said 12 soldiers were killed. Rebel commander Ali Musa said 30 civilians were killed.", []),
    ("en", "The army said 12 soldiers were killed in Mosul. Rebel commander Ali Musa said 30 soldiers were "
           "killed in Kirkuk.", []),
    ("en", "The prison director said no prisoners escaped. A police officer said several prisoners escaped.", ["fact"]),
    ("en", "The prison director said no prisoners escaped. A police officer said prisoners tried to escape.", []),
    ("en", "The army denied that civilians were killed in the strike. Local residents said 7 civilians were "
           "killed in the strike.", ["fact"]),
    ("en", "The ministry said 20 people were killed, including 5 children. Doctors said 20 people died.", []),
    ("ar", "وقال المتحدث باسم الجيش العراقي إن 12 جنديا قتلوا في الهجوم. في المقابل قال المرصد السوري "
           "لحقوق الإنسان إن 25 جنديا قتلوا في الهجوم.", ["figure"]),
    ("ar", "نفى المتحدث باسم الشرطة فرار أي سجين من السجن. وقال مصدر أمني إن عشرة سجناء فروا من السجن.", ["fact"]),
    ("ar", "وقال مدير السجن إنه لا توجد حالات فرار. وقال مصدر أمني إن السجناء حاولوا الفرار من السجن.", []),
    ("ar", "وقال مسؤول محلي إن 5 مدنيين قتلوا في القصف. وقال مصدر عسكري إن 30 مسلحا قتلوا في الاشتباكات.", []),
    # a revised toll: the first figure and the lower one
    ("ar", "وقالت السلطات المحلية إن 14 جنديا قتلوا في الكمين، لكنها عادت وخفضت الحصيلة. وتحدث قائد الجيش "
           "في الولاية عن مقتل ثمانية جنود فقط.", ["figure"]),
    ("ar", "وقال مصدر أمني إن المسلحين لم يتمكنوا من الفرار. وقال شاهد عيان إن المسلحين فروا باتجاه الجبال.", ["fact"]),
    # different causes: two incidents
    ("en", "A roadside bomb killed 4 soldiers near the base, police said. Army spokesman Omar Said said an ambush "
           "killed 9 soldiers.", []),
    # an incident of years ago
    ("ar", "وقال المتحدث باسم الجيش إن 12 جنديا قتلوا في الهجوم. وكان 30 جنديا قد قتلوا في هجوم مماثل عام 2014 "
           "بحسب وزارة الدفاع.", []),
    # the parts of a total
    ("en", "Two soldiers were killed on Sunday, the military said. One soldier died in Tikrit. One soldier was "
           "killed in Basra.", []),
    # different categories
    ("en", "The ministry said 12 protesters were killed and 40 were wounded. Activists said 40 protesters were "
           "wounded.", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_conflict_table(lang: str, text: str, expected: list[str]) -> None:
    result = extract(text, lang=lang, published="2024-01-10")
    assert sorted(c.kind for c in result.conflicts) == expected
    for conflict in result.conflicts:
        sources = {_key(c.source) for c in conflict.claims}
        assert len(sources) >= 2 and not conflict.same_source
        assert conflict.description


def test_same_speaker_contradicting_himself_is_flagged_with_lower_confidence() -> None:
    text = "Police spokesman John Smith said 12 protesters were killed. Smith later said 30 protesters were killed."
    result = extract(text, lang="en")
    [conflict] = result.conflicts
    assert conflict.same_source and conflict.confidence < 0.5
    assert [c.value for c in conflict.claims] == [12, 30]


def test_running_total_is_not_a_rival_figure() -> None:
    text = ("Police said 15 people were killed in the village. "
            "A total of 109 people have been killed this year, according to Amnesty International.")
    assert not extract(text, lang="en").conflicts


@pytest.mark.parametrize(
    ("word", "group"),
    [("مقاتلا", "fighters"), ("لمقاتلي", "fighters"), ("عناصرها", "members"), ("المدنيين", "civilians"),
     ("وطفلين", "children"), ("soldiers", "soldiers"), ("قتيل", None)],
)
def test_group_of_counted_nouns(word: str, group: str | None) -> None:
    assert group_of(normalize_key(word)) == group


def test_gold_articles_run_clean_and_conflicts_validate(gold_documents: list[dict[str, Any]]) -> None:
    started = time.perf_counter()
    flagged = 0
    for doc in gold_documents:
        result = _run(doc)
        record = json.loads(result.to_json())
        assert len(record.get("conflicts", [])) == len(result.conflicts)
        for claim in result.claims:
            assert claim.span.text_of(result.text) == claim.text
            assert claim.quote_id is None or claim.quote_id in {q.id for q in result.quotes}
        for conflict in result.conflicts:
            assert len(conflict.claims) >= 2
            assert conflict.kind in {"figure", "fact"}
        flagged += len(result.conflicts)
    elapsed = time.perf_counter() - started
    print(f"\n{flagged} conflicts over {len(gold_documents)} gold articles ({elapsed / len(gold_documents):.3f} s/article, whole pipeline)")
