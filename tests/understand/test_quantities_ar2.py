"""Arabic fatality counts of issue #5 (round 2) on sentences of ``shared/eval/petrarch-arabic-dev.jsonl``,
read at run time: the verb after a hedge or an aside, and the active verb of wounding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasid.model import Document
from rasid.pipeline import extract_document


def _sentence(shared_dir: Path, doc_id: str) -> str:
    with (shared_dir / "eval" / "petrarch-arabic-dev.jsonl").open(encoding="utf-8") as handle:
        return str(next(r for r in map(json.loads, handle) if r["doc_id"] == doc_id)["text"])


def _counts(text: str) -> dict[str, int]:
    result = extract_document(Document(text=text, doc_id="q", lang="ar"))
    out: dict[str, int] = {}
    for q in result.quantities:
        out[q.category] = out.get(q.category, 0) + q.value
    return out


@pytest.mark.parametrize(
    ("doc_id", "killed"),
    [
        # "ثمانية اشخاص، بينهم طفلان، قتلوا": the aside between the count and its verb.
        ("5b520e266203c42f8aa08fd1", 8),
        # "22 شخصا على الاقل قتلوا": the hedge between the count and its verb.
        ("5b520e266203c42f8aa0901b", 22),
    ],
)
def test_count_then_killed_verb_is_killed(shared_dir: Path, doc_id: str, killed: int) -> None:
    counts = _counts(_sentence(shared_dir, doc_id))
    assert counts.get("killed") == killed


def test_active_wounding_verb_counts_wounded(shared_dir: Path) -> None:
    # doc_id 5b520e266203c42f8aa08fb8: "أدت الى مقتل ثمانية ... وأصابت ستة آخرين": six wounded, not killed.
    text = _sentence(shared_dir, "5b520e266203c42f8aa08fb8")
    counts = _counts(text)
    assert counts.get("killed") == 8
    assert counts.get("wounded") == 6
    events = extract_document(Document(text=text, doc_id="q", lang="ar")).events
    assert [e.fatalities for e in events] == [8]
