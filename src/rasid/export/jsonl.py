"""JSON Lines with full provenance: each fused event with every report behind it.

A line holds the fused fields (reviews applied), the ACLED row, the
per-source conflicts, and each report: its document (id, outlet, url,
title, publication day), its event record with evidence offsets into that
document, the quote it rests on, and every quote of the document, so any
figure can be traced back to the characters a reporter wrote.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any, TextIO

from rasid.export.acled_csv import acled_row
from rasid.store.reviews import apply, decisions

_DOC_FIELDS = ("doc_id", "outlet", "url", "title", "published", "lang")
_QUOTE_FIELDS = ("quote_key", "speaker", "speaker_role", "cue", "kind", "text", "start", "end")


def provenance_records(conn: sqlite3.Connection, records: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    """Each fused event record with its reports, documents and quotes attached."""
    event_reviews = decisions(conn, "event")
    quotes_of: dict[int, list[dict[str, Any]]] = {}
    for record in records:
        reports = []
        for report_id in record.get("report_ids", []):
            row = conn.execute(
                "SELECT e.record, e.document_id, d.doc_id, d.outlet, d.url, d.title, d.published, d.lang "
                "FROM events e JOIN documents d ON d.id = e.document_id WHERE e.report_id = ?", (report_id,)
            ).fetchone()
            if row is None:
                continue
            event = apply([{"report_id": report_id, **json.loads(row["record"])}], "report_id", event_reviews)
            if not event:
                continue
            document_id = row["document_id"]
            if document_id not in quotes_of:
                quotes_of[document_id] = [
                    dict(zip(_QUOTE_FIELDS, q, strict=True)) for q in conn.execute(
                        'SELECT quote_key, speaker, speaker_role, cue, kind, text, start, "end" FROM quotes '
                        "WHERE document_id = ? ORDER BY start", (document_id,))
                ]
            quotes = quotes_of[document_id]
            quote_id = event[0].get("quote_id")
            reports.append({
                "report_id": report_id,
                "document": {name: row[name] for name in _DOC_FIELDS},
                "event": event[0],
                "quote": next((q for q in quotes if q["quote_key"] == quote_id), None) if quote_id else None,
                "document_quotes": quotes,
            })
        yield {**{k: v for k, v in record.items() if k != "report_ids"}, "acled": acled_row(record),
               "reports": reports}


def write_jsonl(conn: sqlite3.Connection, records: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for record in provenance_records(conn, records):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
