"""Metadata values as inputs write them, turned into what :class:`~rasid.model.Document` holds.

Corpora disagree on how they write a date or a language; a value we cannot
read becomes ``None`` plus a message, never a failed document, because the
text is still worth extracting.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

_LANGUAGES = {
    "ar": "ar", "ara": "ar", "arabic": "ar", "arb": "ar",
    "en": "en", "eng": "en", "english": "en",
}


def parse_published(value: object) -> tuple[date | None, str | None]:
    """Read a publication date: ``(date, None)``, or ``(None, why)`` when the value is unusable.

    Accepts ISO dates (``2022-01-24``, ``20220124``) and ISO timestamps
    (``2015-07-21 02:51:32``, ``2022-01-24T10:00:00Z``), whose day is kept.
    Missing values (``None``, ``""``) are ``(None, None)``: not knowing is not an error.
    """
    if value is None:
        return None, None
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if not isinstance(value, str):
        return None, f"published date {value!r} is not a string; ignored"
    text = value.strip()
    if not text or text.lower() in {"none", "null", "unknown"}:
        return None, None
    try:
        return date.fromisoformat(text), None
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date(), None
    except ValueError:
        return None, f"published date {value!r} is not an ISO date (YYYY-MM-DD); ignored"


def parse_lang(value: object) -> tuple[str | None, str | None]:
    """Read a language code: ``("ar" | "en", None)``, or ``(None, why)`` so the pipeline detects it."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, str):
        key = value.strip().lower().replace("_", "-").split("-")[0]
        if key in _LANGUAGES:
            return _LANGUAGES[key], None
    return None, f"language {value!r} is not Arabic or English; it will be detected from the text"


def optional_text(value: object) -> str | None:
    """A string field, or ``None`` for anything else (numbers, lists, blanks)."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def first_present(record: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    """The value of the first of ``names`` that the record holds and is not null."""
    for name in names:
        if record.get(name) is not None:
            return record[name]
    return None
