"""Full-text search over stored documents, whatever their diacritics, hamza forms or clitics.

The query is normalised and expanded to written forms and stems exactly as
the index was (:mod:`rasid.store.fts`); the snippet is cut from the original
text, so it shows what the reporter wrote.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from rasid.store.db import StoreError, explain
from rasid.store.fts import match_query, query_forms
from rasid.text.normalize import normalize

SNIPPET_CHARS = 160


@dataclass(frozen=True, slots=True)
class Hit:
    doc_id: str
    title: str | None
    published: str | None
    outlet: str | None
    snippet: str


def search(conn: sqlite3.Connection, query: str, limit: int = 20) -> list[Hit]:
    """Documents matching every word of ``query``, best first (FTS5 rank)."""
    expression = match_query(query)
    if expression is None:
        return []
    try:
        rows = conn.execute(
            "SELECT d.doc_id, d.title, d.published, d.outlet, d.text FROM documents_fts f "
            "JOIN documents d ON d.id = f.rowid WHERE documents_fts MATCH ? ORDER BY f.rank, d.id LIMIT ?",
            (expression, limit),
        ).fetchall()
    except sqlite3.Error as error:
        raise StoreError(explain(error, "the search index")) from None
    forms = query_forms(query)
    return [Hit(r[0], r[1], r[2], r[3], snippet(r[4], forms)) for r in rows]


def snippet(text: str, forms: list[str], width: int = SNIPPET_CHARS) -> str:
    """A window of the original text around the first place a query form occurs."""
    norm = normalize(text)
    found = None
    for form in forms:
        match = re.search(rf"(?<!\w)\w*{re.escape(form)}\w*", norm.text)
        if match and (found is None or match.start() < found[0]):
            found = (match.start(), match.end())
    if found is None:
        return _squash(text[:width])
    span = norm.to_original(found[0], found[1], "expand")
    start = max(0, span.start - width // 2)
    end = min(len(text), span.end + width // 2)
    return ("…" if start else "") + _squash(text[start:end]) + ("…" if end < len(text) else "")


def _squash(text: str) -> str:
    return " ".join(text.split())
