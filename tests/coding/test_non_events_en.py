"""English non-events on real sentences from the shared data: denial, forecast, background, negative."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from rasid.pipeline import extract


def _sentence(text: str, pattern: str) -> str:
    """The sentence of ``text`` that matches ``pattern`` (read at run time, never copied)."""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if re.search(pattern, sentence):
            return sentence
    pytest.skip(f"no sentence matching {pattern!r}")


def _acled_note(shared_dir: Path, data_id: str) -> str:
    path = shared_dir / "data" / "acled_mideast_2018" / "train_learningData.csv"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    with path.open(encoding="utf-8", newline="") as handle:
        return next(r["notes"] for r in csv.DictReader(handle) if r["data_id"] == data_id)


def test_denial_is_no_event(shared_dir: Path) -> None:
    # acled_mideast_2018/train_learningData.csv data_id 1354752: "... denied reports of AQAP's takeover of Hajar."
    sentence = _sentence(_acled_note(shared_dir, "1354752"), r"\bdenied\b")
    assert "takeover" in sentence
    assert extract(sentence, lang="en", published="2018-02-22").events == ()


def test_forecast_is_no_event(shared_dir: Path) -> None:
    # fakes_syria/FA-KES-Dataset.csv unit_id 1918150046: "... Kurds will fight those who attack them."
    path = shared_dir / "data" / "fakes_syria" / "FA-KES-Dataset.csv"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        text = next(r["article_content"] for r in csv.DictReader(handle) if r["unit_id"] == "1918150046")
    # The clause after "Khalil said stressing that" (the article runs its sentences together).
    match = re.search(r"\b\w+ will fight [^.]*\.", text)
    assert match is not None
    sentence = match.group()
    assert "attack" in sentence
    assert extract(sentence, lang="en", published="2013-08-03").events == ()


def test_background_is_historical(shared_dir: Path) -> None:
    # eval/news-english-wire-dev.jsonl doc_id d-rudaw-1: ISIS "seized control ... in 2014" is background.
    path = shared_dir / "eval" / "news-english-wire-dev.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    doc = next(d for d in docs if d["doc_id"] == "d-rudaw-1")
    sentence = _sentence(doc["text"], r"seized control .* in 20\d\d")
    events = extract(sentence, lang="en", published=doc["published"][:10]).events
    assert events, "the capture is still coded, as background"
    assert all(e.historical for e in events)


def test_no_casualties_reported_adds_no_toll(shared_dir: Path) -> None:
    # acled_mideast_2018/train_learningData.csv data_id 1353630: five airstrike raids, "No injuries reported."
    note = _acled_note(shared_dir, "1353630")
    assert re.search(r"\bNo injuries\b", note)
    events = extract(note, lang="en", published="2018-02-28").events
    assert [e.event_type for e in events] == ["Explosions/Remote violence"]
    assert events[0].fatalities == 0
    negative = _sentence(note, r"\bNo injuries\b")
    assert extract(negative, lang="en", published="2018-02-28").events == ()
