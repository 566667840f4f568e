"""Run one PETRARCH sentence (from the ``sentences`` fixture) through the whole pipeline."""

from __future__ import annotations

from datetime import date
from typing import Any

from rasid.model import Document, Event
from rasid.pipeline import extract_document


def current_events(sentences: dict[str, dict[str, Any]], doc_id: str) -> list[Event]:
    """The sentence's events that are news (those rasid flags historical left out)."""
    record = sentences[doc_id]
    document = Document(
        text=record["text"], doc_id=doc_id, lang="ar", published=date.fromisoformat(record["published"])
    )
    return [e for e in extract_document(document).events if not e.historical]
