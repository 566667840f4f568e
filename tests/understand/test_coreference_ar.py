"""The coreference stage on real Arabic articles read at run time from ``shared``: gold articles
(file and doc_id named) and SaudiNewsNet articles (found by a phrase of theirs)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rasid.model import Document, Mention, Result
from rasid.pipeline import extract_document
from rasid.understand.coreference import resolve_references, rules

_SAUDI = "data/saudinewsnet_conflict/saudinewsnet_syria_iraq_conflict.jsonl"


def _gold(shared_dir: Path, rel: str, doc_id: str) -> Result:
    with (shared_dir / rel).open(encoding="utf-8") as handle:
        record: dict[str, Any] = next(r for r in map(json.loads, handle) if r["doc_id"] == doc_id)
    return extract_document(Document(text=record["text"], doc_id=doc_id, lang=record["lang"]))


def _saudi(shared_dir: Path, phrase: str) -> Result:
    """The SaudiNewsNet article that contains ``phrase``, through the whole pipeline."""
    with (shared_dir / _SAUDI).open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if phrase in record["content"]:
                return extract_document(Document(text=record["content"], lang="ar"))
    pytest.skip(f"no SaudiNewsNet article contains {phrase!r}")


def _references(result: Result, how: str) -> list[Mention]:
    return [m for m in result.mentions if m.kind == "actor" and m.attrs.get("reference") == how]


def _at(result: Result, phrase: str, word: str) -> list[Mention]:
    """Actor mentions of ``word`` inside the first occurrence of ``phrase``."""
    start = result.text.index(phrase)
    at = start + phrase.index(word)
    return [m for m in result.mentions if m.kind == "actor" and m.span.start == at]


def test_the_pronoun_of_a_claim_names_the_group_that_makes_it(shared_dir: Path) -> None:
    # news-syria-iraq-dev.jsonl, a-smart-1: 'كما أضافت "هيئة تحرير الشام"، أنها قتلت ...'; 'وقالت "هيئة
    # تحرير الشام" و"جيش النصر" ... إنهم سيطروا' (two subjects: "they"); 'وكان "جيش العزة" قال ... إنه تمكن'.
    result = _gold(shared_dir, "eval/news-syria-iraq-dev.jsonl", "a-smart-1")
    claim = _at(result, "أنها قتلت مجموعة", "أنها")
    assert [(m.text, m.canonical) for m in claim] == [("أنها", "HTS: Hayat Tahrir al-Sham")]
    antecedent = claim[0].attrs["antecedent"]
    assert result.text[antecedent.start : antecedent.end] == "هيئة تحرير الشام"
    assert [m.canonical for m in _at(result, "إنهم سيطروا", "إنهم")] == ["HTS: Hayat Tahrir al-Sham"]
    assert [m.canonical for m in _at(result, "إنه تمكن", "إنه")] == ["Jaysh al-Izza"]


def test_a_verb_of_saying_without_subject_continues_the_last_speaker(shared_dir: Path) -> None:
    # SaudiNewsNet (aawsat 421291): "وأعلن تنظيم داعش مسؤوليته ... وقال إنه استولى ... كما أعلن أنه
    # بدأ في عملية": "أعلن" has no subject of its own, so "أنه" is the group that spoke before.
    result = _saudi(shared_dir, "كما أعلن أنه بدأ")
    assert [m.canonical for m in _at(result, "كما أعلن أنه بدأ", "أنه")] == ["Islamic State"]


@pytest.mark.parametrize(
    ("phrase", "word"),
    [
        # "أكدت أن طهران تكفلت ...، وأنها قامت": the second "that" clause goes on about Tehran.
        ("وأنها قامت بتوفير", "وأنها"),
        # "أعلنت الحكومة الأميركية ... قائلة إنهم يقومون": "they" are the sanctioned men, not the government.
        ("قائلة إنهم يقومون", "إنهم"),
    ],
)
def test_a_pronoun_that_cannot_be_the_speaker_stays_unresolved(shared_dir: Path, phrase: str, word: str) -> None:
    result = _saudi(shared_dir, phrase)
    at = result.text.index(phrase)
    # An organisation is named just before (the speaker's own subject, or a noun's complement) ...
    assert any(m.kind == "actor" and at - 150 < m.span.end <= at and m.attrs.get("inter") for m in result.mentions)
    assert _at(result, phrase, word) == []  # ... but the pronoun is not it


def test_a_feminine_speaker_is_resolved_past_its_time_words_but_not_the_empty_it(shared_dir: Path) -> None:
    # SaudiNewsNet: "أعلنت اجهزة الامن الروسية، اليوم (الاحد)، أنّها قتلت ثمانية متطرفين".
    result = _saudi(shared_dir, "أعلنت اجهزة الامن الروسية")
    assert [m.canonical for m in _at(result, "أنّها قتلت", "أنّها")] == ["Police Forces of Russia"]



def test_the_empty_it_is_no_reference(shared_dir: Path) -> None:
    # SaudiNewsNet: "وأكد الجيش الأحد، أنه «بعد التثبت»، وجد أنه لا توجد قرى": a masculine speaker
    # (an actor) and a masculine pronoun, but no verb of its own after "أنه": the empty "it".
    result = _saudi(shared_dir, "وجد أنه لا توجد قرى")
    phrase = "وأكد الجيش الأحد، أنه «بعد التثبت»، وجد أنه لا توجد"
    assert [m.attrs.get("template") for m in _at(result, phrase, "الجيش")] == ["Military Forces of {of}"]
    assert _at(result, phrase, "أنه") == []
    assert not any(m.attrs.get("reference") == "pronoun" for m in _at(result, "وجد أنه لا", "أنه"))
    assert {"تم", "جري", "لا"} <= rules().impersonal


def test_a_definite_noun_names_the_group_with_its_head_noun(shared_dir: Path) -> None:
    # SaudiNewsNet: "... حزب العمال الكردستاني ... ونشر الحزب اسم وصورة القتيل": "الحزب" is the PKK.
    result = _saudi(shared_dir, "ونشر الحزب اسم وصورة")
    assert [m.canonical for m in _at(result, "ونشر الحزب اسم وصورة", "الحزب")] == ["PKK: Kurdistan Workers Party"]


def test_a_qualified_noun_is_no_back_reference(shared_dir: Path) -> None:
    # "القوات الحكومية" describes forces of its own; it never stands for the "قوات ..." named before.
    result = _saudi(shared_dir, "القوات الحكومية")
    nouns = _references(result, "noun")
    phrase_starts = [i for i in range(len(result.text)) if result.text.startswith("القوات الحكومية", i)]
    assert phrase_starts
    assert not any(m.span.start in phrase_starts for m in nouns)


def test_other_languages_and_texts_without_actors_pass_through(gold_documents: list[dict[str, Any]]) -> None:
    english = next(d for d in gold_documents if d["lang"] == "en")
    result = extract_document(Document(text=english["text"], lang="en"))
    assert not any(m.attrs.get("reference") for m in result.mentions)
    bare = Result(document=Document(text="قال إنه وصل.", lang="ar"))
    assert resolve_references(bare) is bare
