"""Typing on real report clauses from the shared gold files, read at run time.

Each case names the gold file and doc_id and the index of the gold event
whose evidence clause is coded; only the clause's own words are used (no
upstream mentions), so these check the trigger lexicon and typing rules.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from coding_builders import make_result

from rasid.coding.events import code_events

CASES = [
    # file, doc_id, gold event index
    ("examples/ghwayran-prison-attack.gold.jsonl", "seed-ghwayran", 0),  # clash
    ("examples/ghwayran-prison-attack.gold.jsonl", "seed-ghwayran", 4),  # arrests, in a quote
    ("eval/news-protests-civilians-dev.jsonl", "c-wijhat-1", 0),  # assassination of a civilian
    ("eval/news-protests-civilians-dev.jsonl", "c-masress-veto-1", 0),  # abduction
    ("eval/news-protests-civilians-dev.jsonl", "c-djazairess-alahrar-1", 0),  # protest dispersed
    ("eval/news-protests-civilians-dev.jsonl", "c-misr5-1", 0),  # sit-in
    ("eval/news-protests-civilians-dev.jsonl", "c-alkhabar-sy-1", 0),  # agreement
    ("eval/news-protests-civilians-dev.jsonl", "c-matarees-1", 0),  # looting
    ("eval/news-syria-iraq-dev.jsonl", "a-orient-1", 0),  # protesters burn a building: riot
    ("eval/news-syria-iraq-dev.jsonl", "a-npa-1", 1),  # suicide car bomb
    ("eval/news-syria-iraq-dev.jsonl", "a-7al-1", 0),  # taken without fighting
    ("eval/news-other-regions-dev.jsonl", "b-adennews-1", 0),  # air strike
    ("eval/news-other-regions-dev.jsonl", "b-elaosboa-1", 3),  # rockets
    ("eval/news-english-wire-dev.jsonl", "d-spokesman-1", 0),  # bomb blast
    ("eval/news-english-wire-dev.jsonl", "d-jpost-1", 0),  # protesters set fire: riot
]


def _gold_event(shared_dir: Path, rel: str, doc_id: str, index: int) -> tuple[dict[str, Any], str]:
    with (shared_dir / rel).open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            if doc["doc_id"] == doc_id:
                return doc["events"][index], doc["lang"]
    raise LookupError(doc_id)


@pytest.mark.parametrize(("rel", "doc_id", "index"), CASES)
def test_gold_clause_is_coded_with_its_type(shared_dir: Path, rel: str, doc_id: str, index: int) -> None:
    gold, lang = _gold_event(shared_dir, rel, doc_id, index)
    events = code_events(make_result(gold["evidence"], lang=lang))
    assert (gold["event_type"], gold["sub_event_type"]) in {(e.event_type, e.sub_event_type) for e in events}
    for e in events:
        assert e.evidence_text == gold["evidence"][e.evidence.start : e.evidence.end]


def test_petrarch_sentences_recall(shared_dir: Path) -> None:
    """Each petrarch sentence reports an ASSAULT or a PROTEST: the coder should find it."""
    violent = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
    demos = {"Protests", "Riots"}
    found = total = 0
    with (shared_dir / "eval" / "petrarch-arabic-dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            types = {e.event_type for e in code_events(make_result(doc["text"]))}
            wanted = violent if doc["category"] == "ASSAULT" else demos
            found += bool(types & wanted)
            total += 1
    assert total > 300
    assert found / total >= 0.88  # 0.93 measured when written


def test_whole_gold_article_main_event_comes_first(ghwayran: dict[str, Any]) -> None:
    events = code_events(make_result(ghwayran["text"]))
    assert events and events[0].event_type == ghwayran["events"][0]["event_type"]
    first = ghwayran["events"][0]["evidence"]
    start = ghwayran["text"].index(first)
    assert events[0].evidence.overlaps(type(events[0].evidence)(start, start + len(first)))
