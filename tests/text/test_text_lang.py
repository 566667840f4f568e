"""Language identification by script."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasid.text.lang import detect_language


def test_gold_articles_are_identified(gold_documents: list[dict[str, Any]]) -> None:
    assert {doc["lang"] for doc in gold_documents} == {"ar", "en"}
    for doc in gold_documents:
        assert detect_language(doc["text"]) == doc["lang"], doc["doc_id"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("", None),
        ("12 345 !!! ...", None),
        ("\u200f\u0640\u064e", None),  # controls, tatweel, a lone fatha: no letters
        ("قتل 5 أشخاص في هجوم", "ar"),
        ("ﻗﺘﻞ ﺧﻤﺴﺔ", "ar"),  # presentation forms
        ("Five people were killed", "en"),
        ("الرقة – NPA: أعلنت SDF عن مقتل 3 من عناصر ISIS", "ar"),
        ("The SDF (قسد) said on Monday that ISIS attacked Ghwayran prison", "en"),
        ("Пять человек погибли", None),
    ],
)
def test_script_ratio(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


@given(st.text())
def test_never_raises_and_answers_from_the_allowed_set(text: str) -> None:
    assert detect_language(text) in ("ar", "en", None)
