"""Resource limits: document size, sentence windows and the per-document CPU deadline.

A document over a limit is skipped with a reason by ``rasid extract`` and ``rasid batch``
(and its text kept in the batch output); it never ends a run or hangs it.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

import rasid.pipeline as pipeline
from rasid.batch import BatchOptions, run_batch
from rasid.cli.main import main
from rasid.model import Document, Result
from rasid.pipeline import (
    MAX_SENTENCE_CHARS,
    DocumentTimedOut,
    DocumentTooLarge,
    LimitExceeded,
    Limits,
    Pipeline,
    Stage,
    bounded_sentences,
    extract_document,
)
from rasid.text.normalize import normalize
from rasid.text.sentences import split_sentences


def _burn(seconds: float) -> None:
    """Spend ``seconds`` of CPU time (the deadline counts CPU time, not wall time)."""
    until = time.process_time() + seconds
    while time.process_time() < until:
        pass


def _slow_pipeline(seen: list[str]) -> Pipeline:
    """A stage that burns 0.2 s of CPU, then one that records that it ran."""

    def slow(result: Result) -> Result:
        _burn(0.2)
        return result

    def after(result: Result) -> Result:
        seen.append(result.document.doc_id)
        return result

    return Pipeline([Stage("slow", ("document",), (), slow), Stage("after", ("document",), (), after)])


def test_limits_refuse_nonsense() -> None:
    with pytest.raises(ValueError):
        Limits(max_chars=0)
    with pytest.raises(ValueError):
        Limits(max_sentence_chars=10)
    with pytest.raises(ValueError):
        Limits(max_seconds=-1)
    assert Limits(max_seconds=None).max_seconds is None


def test_size_limit_is_a_limit_exceeded() -> None:
    with pytest.raises(DocumentTooLarge, match="over the limit of 100") as caught:
        extract_document(Document("x " * 60, "d"), limits=Limits(max_chars=100))
    assert isinstance(caught.value, LimitExceeded)
    with pytest.raises(DocumentTooLarge):  # the old keyword still works
        extract_document(Document("x" * 101, "d"), max_chars=100)


def test_deadline_stops_before_the_next_stage() -> None:
    seen: list[str] = []
    slow = _slow_pipeline(seen)
    with pytest.raises(DocumentTimedOut, match="before stage 'after'") as caught:
        slow(Document("text", "late"), max_seconds=0.05)
    assert isinstance(caught.value, LimitExceeded)
    assert seen == []
    slow(Document("text", "in-time"), max_seconds=30)
    slow(Document("text", "unlimited"), max_seconds=None)
    assert seen == ["in-time", "unlimited"]


def test_stopless_text_is_cut_into_bounded_windows() -> None:
    text = ("word " * 3000) + "قال «" * 1500 + "x" * 4000  # 26,500 characters, no stop anywhere
    for limit in (MAX_SENTENCE_CHARS, 500):
        result = bounded_sentences(Result(Document(text, "d"), normalized=normalize(text)), limit)
        assert result.sentences, limit
        assert all(len(s.span) <= limit for s in result.sentences)
        assert len(result.normalized.text) == len(normalize(text).text)  # same offset map
        assert result.normalized.original == text
        covered = sum(len(s.span) for s in result.sentences)
        assert covered >= len(text.replace(" ", "")) - 10  # windows lose no words, only the cut spaces


def test_real_sentences_are_left_alone(ghwayran: dict[str, Any]) -> None:
    text = ghwayran["text"]
    norm = normalize(text)
    result = bounded_sentences(Result(Document(text, "g"), normalized=norm))
    assert result.sentences == split_sentences(norm)
    assert result.normalized is norm


def test_a_cue_flood_in_one_sentence_does_not_blow_up() -> None:
    """Regression: 10,000 characters of repeated speech cues without a stop took 7.6 s in the
    quotes stage (quadratic in the sentence length); windows make it linear. A generous bound
    against blow-up, not a speed test."""
    started = time.process_time()
    result = extract_document(Document("قال «" * 4000, "flood"), limits=Limits(max_seconds=None))
    assert time.process_time() - started < 20
    assert all(len(s.span) <= MAX_SENTENCE_CHARS for s in result.sentences)


def test_extract_cli_skips_over_limit_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        json.dumps({"doc_id": "short", "text": "Two soldiers were killed in Aleppo."}) + "\n"
        + json.dumps({"doc_id": "long", "text": "word " * 200}) + "\n",
        encoding="utf-8",
    )
    assert main(["extract", str(corpus), "--max-chars", "500"]) == 0
    captured = capsys.readouterr()
    assert [json.loads(line)["doc_id"] for line in captured.out.splitlines()] == ["short"]
    assert "skipped" in captured.err and ":2: too long" in captured.err and "500" in captured.err

    seen: list[str] = []
    monkeypatch.setattr(pipeline, "default_pipeline", lambda: _slow_pipeline(seen))
    assert main(["extract", str(corpus), "--max-seconds", "0.05"]) == 2  # nothing processed
    err = capsys.readouterr().err
    assert err.count("timed out") == 2 and "Traceback" not in err
    assert main(["extract", str(corpus), "--max-seconds", "0"]) == 0  # 0: no limit
    assert seen == ["short", "long"]


def test_extract_cli_refuses_a_bad_limit(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("text", encoding="utf-8")
    assert main(["extract", str(path), "--max-sentence-chars", "5"]) == 2
    assert "max_sentence_chars" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["extract", str(path), "--max-chars", "-3"])


def test_batch_skips_over_limit_documents_and_keeps_their_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "c.jsonl"
    records = [{"doc_id": "short", "text": "Rebels clashed with the army near Homs."},
               {"doc_id": "long", "text": "word " * 200}]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out"
    summary = run_batch([str(corpus)], BatchOptions(out=out, parquet=False, limits=Limits(max_chars=500)))
    assert (summary.documents, summary.failed, len(summary.skipped)) == (2, 0, 1)
    assert "DocumentTooLarge" in summary.skipped[0]["reason"] and "long" in summary.skipped[0]["where"]
    written = {json.loads(line)["doc_id"]: json.loads(line)
               for part in out.glob("part-*.jsonl") for line in part.read_text(encoding="utf-8").splitlines()}
    assert written["long"]["document"]["text"] == records[1]["text"]  # nothing lost
    assert "skipped" in written["long"] and "skipped" not in written["short"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["limits"] == {"max_chars": 500, "max_sentence_chars": MAX_SENTENCE_CHARS}

    seen: list[str] = []
    monkeypatch.setattr(pipeline, "default_pipeline", lambda: _slow_pipeline(seen))
    timed = run_batch([str(corpus)], BatchOptions(out=tmp_path / "t", parquet=False,
                                                   limits=Limits(max_seconds=0.05)))
    assert (timed.documents, timed.failed, len(timed.skipped)) == (2, 0, 2)
    assert all("DocumentTimedOut" in s["reason"] for s in timed.skipped) and seen == []


def test_batch_cli_takes_the_limit_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"doc_id": "long", "text": "word " * 200}) + "\n", encoding="utf-8")
    code = main(["batch", str(corpus), "--out", str(tmp_path / "o"), "--no-parquet", "--workers", "1",
                 "--max-chars", "100", "--max-seconds", "30", "--max-sentence-chars", "1000"])
    assert code == 0
    err = capsys.readouterr().err
    assert "skipped" in err and "over the limit of 100" in err
