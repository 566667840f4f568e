"""Composing stages: requirements are checked up front, in one readable error."""

from __future__ import annotations

import pytest

import rasid
from rasid.model import Document
from rasid.pipeline import (
    DEFAULT_STAGES,
    STAGES_WITH_TOKENS,
    DocumentTooLarge,
    MissingRequirements,
    Pipeline,
    Stage,
    extract_document,
    with_tokens,
)
from rasid.text.tokens import tokenize


def test_default_stages_compose() -> None:
    assert Pipeline(DEFAULT_STAGES).stages == DEFAULT_STAGES


def test_missing_requirements_are_listed_together() -> None:
    stages = [s for s in DEFAULT_STAGES if s.name not in {"normalize", "quantities"}]
    with pytest.raises(MissingRequirements) as info:
        Pipeline(stages)
    message = str(info.value)
    assert "sentences needs 'normalized'" in message
    assert "events needs 'quantities'" in message


def test_a_custom_stage_runs_in_order() -> None:
    seen: list[str] = []

    def mark(name: str) -> Stage:
        return Stage(name, ("document",), (name,), lambda r: seen.append(name) or r)

    Pipeline([mark("a"), mark("b")])(Document("text"))
    assert seen == ["a", "b"]


def test_extract_returns_a_result_with_its_document() -> None:
    result = rasid.extract("Gunmen killed two civilians in Mosul on Monday.", published="2020-03-04", doc_id="x")
    assert result.document.doc_id == "x"
    assert result.document.lang == "en"
    assert result.document.published is not None and result.document.published.isoformat() == "2020-03-04"
    assert result.sentences and all(s.span.end <= len(result.text) for s in result.sentences)


def test_profile_times_every_stage() -> None:
    result = extract_document(Document("اشتباكات في الحسكة."), profile=True)
    assert set(result.timings) == {s.name for s in DEFAULT_STAGES}


def test_oversized_documents_are_refused_with_a_reason() -> None:
    with pytest.raises(DocumentTooLarge, match="over the limit"):
        extract_document(Document("x" * 101), max_chars=100)


def test_tokens_are_left_out_by_default_and_filled_on_request() -> None:
    """No default stage reads tokens; callers who want them get the tokeniser's own output."""
    doc = Document("قتل ثلاثة مدنيين بقصف على ريف إدلب، وقالت المصادر إن الحصيلة مرشحة للارتفاع.")
    result = extract_document(doc)
    assert result.tokens == ()
    filled = with_tokens(result)
    assert filled.tokens == tokenize(result.normalized, result.sentences)
    assert any(t.norm == "ب" for t in filled.tokens)  # "بقصف": the clitic split off
    assert Pipeline(STAGES_WITH_TOKENS)(doc).tokens == filled.tokens
    assert Pipeline(STAGES_WITH_TOKENS)(doc).events == result.events
