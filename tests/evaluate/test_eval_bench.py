"""The petrarch sentence benchmark's definitions, on real sentences with a stand-in extractor."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from rasid.model import Document, Event, Result, Span

BENCH = Path(__file__).resolve().parents[2] / "bench" / "petrarch_arabic.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("petrarch_arabic_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_stems_ignore_clitics_article_and_order(bench: ModuleType) -> None:
    assert bench.stems("والمتظاهرين للشرطة") == bench.stems("الشرطه متظاهرين")
    assert bench.stem("بالقرب") == "قرب"
    assert bench.stems(None) == set()


def test_actor_overlap_and_family_recall(
    bench: ModuleType, shared_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = shared_dir / "eval" / "petrarch-arabic-dev.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[:20]]
    gold = {r["text"]: r["events"][0] for r in records}

    def fake_extract(document: Document, **_: Any) -> Result:
        """Protests with the gold source as actor1: right family for PROTEST, wrong for ASSAULT."""
        g = gold[document.text]
        event = Event("Protests", "Peaceful protest", Span(0, len(document.text)), document.text,
                      actor1_text=g["source_text"], actor2_text=None)
        return Result(document=document, events=(event,))

    monkeypatch.setattr(bench, "extract_document", fake_extract)
    result = bench.run(20)
    figures = result["figures"]
    n_protest = sum(1 for r in records if r["events"][0]["plover"] == "PROTEST")
    with_source = sum(1 for r in records if r["events"][0]["source_text"])
    with_target = sum(1 for r in records if r["events"][0]["target_text"])
    assert figures["all"]["any-event recall"]["hits"] == 20
    assert figures["all"]["family recall"]["hits"] == n_protest
    assert figures["all"]["source→actor1"] == {"hits": with_source, "total": with_source, "value": 1.0}
    if with_target:
        assert figures["all"]["target→actor2"]["hits"] == 0
    assert result["sentences"] == 20 and result["failures"] == 0
