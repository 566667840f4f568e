"""Scoring rules on small hand-made gold and prediction records."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rasid.evaluate import evaluate
from rasid.evaluate.scores import speaker_matches
from rasid.model import Document

TEXT_EN = (
    "Gunmen attacked a village near Maiduguri on Monday, killing five farmers. "
    "Soldiers later clashed with the gunmen outside the village. "
    "In 2014 the group had seized the town. "
    "A curfew was imposed. "
    '"We will hunt them down," army spokesman John Doe said.'
)
TEXT_AR = "قتل ثلاثة مدنيين في قصف على قرية قرب إدلب. وقال المرصد إن القصف استمر ساعات."


def ev(text: str, evidence: str, etype: str, sub: str, **fields: Any) -> dict[str, Any]:
    assert evidence in text
    record = {"event_type": etype, "sub_event_type": sub, "evidence": evidence,
              "actor1": None, "actor2": None, "admin1": None, "country": None,
              "date": None, "fatalities": 0, "historical": False, "optional": False}
    record.update(fields)
    return record


def gold_en() -> dict[str, Any]:
    return {
        "doc_id": "en-1", "lang": "en", "published": "2020-03-03", "text": TEXT_EN,
        "events": [
            ev(TEXT_EN, "Gunmen attacked a village near Maiduguri on Monday, killing five farmers",
               "Violence against civilians", "Attack", actor1="Unidentified Armed Group (Nigeria)",
               actor2="Civilians (Nigeria)", admin1="Borno", country="Nigeria", date="2020-03-02",
               fatalities=5),
            ev(TEXT_EN, "Soldiers later clashed with the gunmen outside the village",
               "Battles", "Armed clash", actor1="Military Forces of Nigeria",
               actor2="Unidentified Armed Group (Nigeria)", admin1="Borno", country="Nigeria"),
            ev(TEXT_EN, "In 2014 the group had seized the town", "Battles",
               "Non-state actor overtakes territory", historical=True),
            ev(TEXT_EN, "A curfew was imposed", "Strategic developments", "Other", optional=True),
        ],
        "quotes": [
            {"speaker": "John Doe; army spokesman", "speaker_role": "army spokesman", "cue": "said",
             "kind": "direct", "text": "We will hunt them down,"},
        ],
    }


def gold_ar() -> dict[str, Any]:
    return {
        "doc_id": "ar-1", "lang": "ar", "published": None, "text": TEXT_AR,
        "events": [
            ev(TEXT_AR, "قتل ثلاثة مدنيين في قصف على قرية قرب إدلب",
               "Explosions/Remote violence", "Shelling/artillery/missile attack",
               actor1="Military Forces of Syria", actor2="Civilians (Syria)", admin1="Idlib",
               country="Syria", fatalities=3),
        ],
        "quotes": [{"speaker": "المرصد", "speaker_role": None, "cue": "قال", "kind": "indirect",
                    "text": "القصف استمر ساعات"}],
    }


def write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def run(tmp_path: Path, gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> Any:
    return evaluate([write(tmp_path / "gold.jsonl", gold)], write(tmp_path / "pred.jsonl", pred))


def test_overlapping_evidence_pairs_by_larger_overlap(tmp_path: Path) -> None:
    gold = gold_en()
    first, second = gold["events"][0], gold["events"][1]
    # One prediction spans the end of event 0 and the start of event 1 but
    # covers more of event 1; another covers a bit of event 0 only.
    pred_span = "five farmers. Soldiers later clashed with the gunmen"
    pred = {"doc_id": "en-1", "events": [
        {**second, "evidence": pred_span},
        {**first, "evidence": "Gunmen attacked a village"},
    ], "quotes": []}
    scores = run(tmp_path, [gold], [pred]).overall
    any_level = scores.events["any"]
    assert (any_level.tp, any_level.fp, any_level.fn, any_level.ignored) == (2, 0, 0, 0)
    assert scores.events["typed"].tp == 2
    assert scores.fields["actor1"].correct == 2
    assert scores.fields["date"].total == 2  # published is known
    # Swap the types: any-type still matches both, typed and sub-typed find none.
    pred["events"][0].update(event_type=first["event_type"], sub_event_type=first["sub_event_type"])
    pred["events"][1].update(event_type=second["event_type"], sub_event_type=second["sub_event_type"])
    scores = run(tmp_path, [gold], [pred]).overall
    assert scores.events["any"].tp == 2
    # Typed matching is its own matching: the prediction now typed like event 0
    # still overlaps it ("five farmers"), the other overlaps no Battles event.
    typed = scores.events["typed"]
    assert (typed.tp, typed.fp, typed.fn) == (1, 1, 1)
    battles, vac = scores.by_type["Battles"], scores.by_type["Violence against civilians"]
    assert (battles.tp, battles.fp, battles.fn) == (0, 1, 1)
    assert (vac.tp, vac.fp, vac.fn) == (1, 0, 0)
    # Fields are read on the any-type pairs, whose actors did not change.
    assert scores.fields["actor1"].correct == 2


def test_type_mismatch_counts_only_at_typed_levels(tmp_path: Path) -> None:
    gold = gold_en()
    wrong = {**gold["events"][1], "event_type": "Battles", "sub_event_type": "Government regains territory"}
    pred = {"doc_id": "en-1", "events": [gold["events"][0], wrong], "quotes": []}
    scores = run(tmp_path, [gold], [pred]).overall
    assert scores.events["any"].tp == 2
    assert scores.events["typed"].tp == 2
    assert scores.events["subtyped"].tp == 1
    assert scores.events["subtyped"].fp == 1 and scores.events["subtyped"].fn == 1
    assert scores.events["subtyped"].precision == 0.5


def test_optional_and_historical_are_neither_hits_nor_misses(tmp_path: Path) -> None:
    gold = gold_en()
    required, _, historical, optional = gold["events"]
    # The extractor reports the background event as if it were current.
    pred = {"doc_id": "en-1", "events": [required, {**historical, "historical": False}, optional], "quotes": []}
    scores = run(tmp_path, [gold], [pred]).overall
    d = scores.events["any"]
    assert scores.gold_events == 2  # only the two required events are expected
    assert (d.tp, d.fp, d.fn, d.ignored) == (1, 0, 1, 2)
    assert d.precision == 1.0 and d.recall == 0.5
    # A prediction flagged historical is not scored at all, even where nothing matches it.
    stray = ev(TEXT_EN, "A curfew was imposed", "Battles", "Armed clash", historical=True)
    pred = {"doc_id": "en-1", "events": [required, {**stray, "evidence": "killing five farmers. Soldiers"}],
            "quotes": []}
    scores = run(tmp_path, [gold], [pred]).overall
    assert scores.predicted_events == 1 and scores.predicted_historical == 1
    assert scores.events["any"].fp == 0


def test_unlocatable_or_offsetless_predictions(tmp_path: Path) -> None:
    gold = gold_ar()
    event = dict(gold["events"][0])
    # No offsets, evidence written without hamza on alef: located after normalisation.
    event["evidence"] = "قتل ثلاثة مدنيين في قصف على قرية قرب ادلب"
    invented = {**event, "evidence": "نص لا يرد في المقال"}
    pred = {"doc_id": "ar-1", "events": [event, invented], "quotes": []}
    evaluation = run(tmp_path, [gold], [pred])
    assert not any("offsets" in w for w in evaluation.warnings)
    assert any("1 predicted item(s) could not be located" in w for w in evaluation.warnings)
    scores = evaluation.overall
    assert scores.events["any"].tp == 1 and scores.events["any"].fp == 1
    # Date is not scored without a published date.
    assert scores.fields["date"].total == 0
    assert scores.fields["fatalities"].correct == 1


def test_offsets_take_precedence_over_evidence_string(tmp_path: Path) -> None:
    gold = gold_en()
    target = gold["events"][1]["evidence"]
    start = TEXT_EN.index(target)
    pred_event = {**gold["events"][1], "evidence": "something else entirely",
                  "evidence_start": start, "evidence_end": start + len(target)}
    evaluation = run(tmp_path, [gold], [{"doc_id": "en-1", "events": [pred_event], "quotes": []}])
    assert evaluation.overall.events["subtyped"].tp == 1
    assert any("1 item(s) whose offsets do not point at their text" in w for w in evaluation.warnings)


def test_nothing_predicted_scores_zeros(tmp_path: Path) -> None:
    scores = run(tmp_path, [gold_en(), gold_ar()], [{"doc_id": "en-1"}]).overall
    d = scores.events["any"]
    assert (d.tp, d.fp, d.fn) == (0, 0, 3)
    assert d.precision == 0.0 and d.recall == 0.0 and d.f1 == 0.0
    assert scores.fields["actor1"].accuracy is None
    assert scores.quotes.recall == 0.0


def test_per_language_split(tmp_path: Path) -> None:
    en, ar = gold_en(), gold_ar()
    pred_en = {"doc_id": "en-1", "events": [en["events"][0]], "quotes": en["quotes"]}
    pred_ar = {"doc_id": "ar-1", "events": [], "quotes": ar["quotes"]}
    evaluation = run(tmp_path, [en, ar], [pred_en, pred_ar])
    assert set(evaluation.by_language) == {"ar", "en"}
    assert evaluation.by_language["en"].events["any"].recall == 0.5
    assert evaluation.by_language["ar"].events["any"].recall == 0.0
    assert evaluation.overall.events["any"].tp == 1 and evaluation.overall.gold_events == 3
    assert evaluation.by_language["ar"].quotes.tp == 1
    assert evaluation.overall.documents == 2


def test_quote_scoring_speaker_kind_span(tmp_path: Path) -> None:
    gold = gold_en()
    quote = gold["quotes"][0]
    # Prediction includes the closing quote mark and names the speaker by name only.
    start = TEXT_EN.index(quote["text"])
    pred_quote = {"speaker": "John Doe", "kind": "indirect", "text": quote["text"] + '"',
                  "start": start, "end": start + len(quote["text"]) + 1}
    pred = {"doc_id": "en-1", "events": [], "quotes": [pred_quote, {"speaker": "x", "text": "Soldiers later"}]}
    scores = run(tmp_path, [gold], [pred]).overall
    assert (scores.quotes.tp, scores.quotes.fp, scores.quotes.fn) == (1, 1, 0)
    assert scores.speaker.correct == 1
    assert scores.kind.correct == 0
    assert scores.span_exact.correct == 0
    n = len(quote["text"])
    assert scores.span_overlap_mean == pytest.approx(2 * n / (2 * n + 1))


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ("John Doe", "John Doe", True),
        ("john  doe", "John Doe", True),
        ("army spokesman John Doe", "John Doe", True),  # name + title against bare name
        ("Doe", "army spokesman John Doe", True),
        ("spokesman Doe", "army spokesman John Doe", False),  # not contiguous
        ("Jane Roe", "John Doe", False),
        ("Bukar Zira", "residents; Bukar Zira", True),  # gold alternatives
        ("سيامند علي", "مسؤول إعلامي في «قسد»؛ سيامند علي", True),
        ("«قسد»", "مسؤول إعلامي في قسد", True),
        ("لقمان أحمّي", "لقمان احمي", True),  # diacritics and hamza folded
        (None, "John Doe", False),
        ("", "John Doe", False),
        (None, None, True),
    ],
)
def test_speaker_matches(predicted: str | None, gold: str | None, expected: bool) -> None:
    assert speaker_matches(predicted, gold) is expected


def test_missing_and_unknown_predictions_are_warned(tmp_path: Path) -> None:
    evaluation = run(tmp_path, [gold_en(), gold_ar()], [{"doc_id": "en-1"}, {"doc_id": "zz-9"}])
    assert any("no prediction for doc_id 'ar-1'" in w for w in evaluation.warnings)
    assert any("1 prediction(s) for doc_ids not in the gold ('zz-9')" in w for w in evaluation.warnings)


def test_extraction_mode_uses_the_extractor_and_survives_its_crashes(tmp_path: Path) -> None:
    gold_path = write(tmp_path / "gold.jsonl", [gold_en(), gold_ar()])
    seen: list[Document] = []

    def echo_gold(document: Document) -> dict[str, Any]:
        seen.append(document)
        if document.lang == "ar":
            raise RuntimeError("stage not ready")
        record = gold_en()
        return {"doc_id": document.doc_id, "events": record["events"], "quotes": record["quotes"]}

    evaluation = evaluate([gold_path], extractor=echo_gold)
    assert [d.doc_id for d in seen] == ["en-1", "ar-1"]
    assert seen[0].published == date(2020, 3, 3) and seen[1].published is None
    assert evaluation.extraction_failures == 1
    assert any("extraction failed on 1 document(s) ('ar-1'): RuntimeError: stage not ready" in w for w in evaluation.warnings)
    assert evaluation.by_language["en"].events["any"].f1 == 1.0
    assert evaluation.by_language["ar"].events["any"].recall == 0.0
