"""End to end in --pred mode on the real gold files: gold fed back as predictions.

Scoring the gold against itself must give 1.0 everywhere: that exercises
locating every evidence and quote, the one-to-one matching (the gold has
overlapping and identical evidences) and the optional/historical rules.
A copy with one event dropped and one actor changed must lose exactly that.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from rasid.evaluate import evaluate
from rasid.model import Span


def gold_files(shared_dir: Path) -> list[Path]:
    return sorted(shared_dir.glob("examples/*.gold.jsonl")) + sorted(shared_dir.glob("eval/news-*.jsonl"))


def as_predictions(gold: list[dict[str, Any]], *, offsets: bool = True) -> list[dict[str, Any]]:
    """The gold itself in ``rasid extract`` output form (offsets computed, flags dropped)."""
    predictions = []
    for doc in gold:
        text = doc["text"]
        events = []
        for event in doc["events"]:
            record = {k: v for k, v in event.items() if k != "optional"}
            if offsets:
                start = text.index(event["evidence"])
                record |= {"evidence_start": start, "evidence_end": start + len(event["evidence"])}
            events.append(record)
        quotes = []
        for quote in doc["quotes"]:
            record = dict(quote)
            if offsets:
                start = text.index(quote["text"])
                record |= {"start": start, "end": start + len(quote["text"])}
            quotes.append(record)
        predictions.append({"doc_id": doc["doc_id"], "events": events, "quotes": quotes})
    return predictions


def write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def all_gold(shared_dir: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for f in gold_files(shared_dir) for line in f.read_text("utf-8").splitlines() if line.strip()]


def required(event: dict[str, Any]) -> bool:
    return not event.get("optional") and not event.get("historical")


@pytest.mark.parametrize("offsets", [True, False], ids=["offsets", "strings-only"])
def test_gold_scored_against_itself_is_perfect(
    shared_dir: Path, all_gold: list[dict[str, Any]], tmp_path: Path, offsets: bool
) -> None:
    pred = write(tmp_path / "pred.jsonl", as_predictions(all_gold, offsets=offsets))
    evaluation = evaluate(gold_files(shared_dir), pred)
    assert not [w for w in evaluation.warnings if "not found" in w]
    n_required = sum(required(e) for doc in all_gold for e in doc["events"])
    n_quotes = sum(len(doc["quotes"]) for doc in all_gold)
    for scores in [evaluation.overall, *evaluation.by_language.values(), *evaluation.by_file.values()]:
        for level in ("any", "typed", "subtyped"):
            d = scores.events[level]
            assert d.fp == 0 and d.fn == 0
            assert d.precision == d.recall == d.f1 == 1.0
        for tally in scores.fields.values():
            assert tally.correct == tally.total
        assert sum(d.tp for d in scores.by_type.values()) == scores.events["typed"].tp
        assert all(d.fp == d.fn == 0 for d in scores.by_type.values())
        assert scores.quotes.f1 == 1.0
        assert scores.speaker.accuracy == scores.kind.accuracy == scores.span_exact.accuracy == 1.0
        assert scores.span_overlap_mean == 1.0
    overall = evaluation.overall
    assert overall.gold_events == overall.events["any"].tp == n_required
    assert overall.gold_quotes == overall.quotes.tp == n_quotes
    assert overall.fields["actor1"].total == n_required
    assert set(evaluation.by_language) == {doc["lang"] for doc in all_gold}


def _isolated_required_events(doc: dict[str, Any]) -> list[int]:
    """Required events whose evidence overlaps no other gold event's evidence."""
    text = doc["text"]
    spans = [Span(text.index(e["evidence"]), text.index(e["evidence"]) + len(e["evidence"])) for e in doc["events"]]
    return [
        i for i, event in enumerate(doc["events"])
        if required(event) and not any(j != i and spans[i].overlaps(s) for j, s in enumerate(spans))
    ]


def test_perturbed_predictions_lose_exactly_what_was_changed(
    shared_dir: Path, all_gold: list[dict[str, Any]], tmp_path: Path
) -> None:
    predictions = as_predictions(all_gold)
    candidates = [(d, _isolated_required_events(doc)) for d, doc in enumerate(all_gold)]
    d_drop, isolated = next((d, ev) for d, ev in candidates if ev)
    dropped = all_gold[d_drop]["events"][isolated[0]]
    d_actor, changed = next((d, ev[-1]) for d, ev in candidates if ev and (d != d_drop or len(ev) > 1))
    perturbed = copy.deepcopy(predictions)
    perturbed[d_actor]["events"][changed]["actor1"] = "Nobody In Particular"
    del perturbed[d_drop]["events"][isolated[0]]
    pred = write(tmp_path / "pred.jsonl", perturbed)

    evaluation = evaluate(gold_files(shared_dir), pred)
    n = sum(required(e) for doc in all_gold for e in doc["events"])
    overall = evaluation.overall
    for level in ("any", "typed", "subtyped"):
        d = overall.events[level]
        assert (d.tp, d.fp, d.fn) == (n - 1, 0, 1)
        assert d.precision == 1.0
        assert d.recall == pytest.approx((n - 1) / n)
    assert (overall.fields["actor1"].correct, overall.fields["actor1"].total) == (n - 2, n - 1)
    assert overall.fields["actor_pair"].correct == n - 2
    assert overall.fields["actor2"].correct == overall.fields["actor2"].total == n - 1
    # The drop shows up in the dropped document's language and file only.
    lang = all_gold[d_drop]["lang"]
    assert evaluation.by_language[lang].events["any"].fn == 1
    assert sum(s.events["any"].fn for s in evaluation.by_language.values()) == 1
    outcome = next(o for o in evaluation.documents if o.doc_id == all_gold[d_drop]["doc_id"])
    excerpt = " ".join(dropped["evidence"].split())[:40]
    assert any(i.kind == "missed event" and excerpt in i.detail
               for i in outcome.issues)
