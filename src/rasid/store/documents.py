"""The documents repository: a document and everything extracted from it, stored together.

:func:`store_document` writes the document row, its mentions, quotes,
events, per-source claims, duplicate-detection bands and full-text entry;
the caller wraps it in one transaction, so a document is in the database
whole or not at all.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, is_dataclass
from datetime import UTC, datetime
from typing import Any

from rasid.model import Document, Event, Place, Result
from rasid.store.dedup import NEAR_THRESHOLD, Fingerprint, pack, similarity, unpack
from rasid.store.fts import index_body

CLAIM_FIELDS = ("fatalities", "date", "location", "actor1", "actor2", "event_type", "sub_event_type")


@dataclass(frozen=True, slots=True)
class StoredDocument:
    id: int
    doc_id: str
    content_hash: str
    status: str


def find_by_doc_id(conn: sqlite3.Connection, doc_id: str) -> StoredDocument | None:
    row = conn.execute("SELECT id, doc_id, content_hash, status FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
    return StoredDocument(*row) if row else None


def already_read(conn: sqlite3.Connection, content_hash: str, source_path: str) -> bool:
    """Whether this text was stored from this same input before."""
    return conn.execute(
        "SELECT 1 FROM documents WHERE content_hash = ? AND source_path = ? LIMIT 1", (content_hash, source_path)
    ).fetchone() is not None


def find_original(conn: sqlite3.Connection, fp: Fingerprint) -> tuple[int, float] | None:
    """The earliest stored non-duplicate document this text copies: (id, similarity)."""
    row = conn.execute(
        "SELECT id FROM documents WHERE content_hash = ? AND duplicate_of IS NULL ORDER BY id LIMIT 1",
        (fp.content_hash,),
    ).fetchone()
    if row:
        return row[0], 1.0
    bands = fp.bands()
    if not bands or fp.signature is None:
        return None
    clause = " OR ".join("(b.band = ? AND b.bucket = ?)" for _ in bands)
    candidates = conn.execute(
        f"SELECT DISTINCT s.document_id, s.signature FROM document_bands b "  # only "?" placeholders are joined in
        f"JOIN document_signatures s ON s.document_id = b.document_id "
        f"JOIN documents d ON d.id = b.document_id "
        f"WHERE d.duplicate_of IS NULL AND ({clause}) ORDER BY s.document_id",
        [value for band in bands for value in band],
    ).fetchall()

    best: tuple[int, float] | None = None
    for document_id, blob in candidates:
        score = similarity(fp.signature, unpack(blob))
        if score >= NEAR_THRESHOLD and (best is None or score > best[1]):
            best = (document_id, score)
    return best


def store_document(
    conn: sqlite3.Connection,
    document: Document,
    norm_text: str,
    fp: Fingerprint,
    *,
    source_path: str | None,
    duplicate_of: tuple[int, float] | None = None,
    result: Result | None = None,
    error: str | None = None,
) -> int:
    """Insert one document (and its analysis, when ``result`` is given); returns its row id."""
    status = "duplicate" if duplicate_of else ("extracted" if result is not None else "failed")
    doc = result.document if result is not None else document
    cursor = conn.execute(
        "INSERT INTO documents (doc_id, url, outlet, title, lang, published, text, norm_text, content_hash, "
        "duplicate_of, similarity, status, error, source_path, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            doc.doc_id, doc.url, doc.outlet, doc.title, doc.lang,
            doc.published.isoformat() if doc.published else None,
            doc.text, norm_text, fp.content_hash,
            duplicate_of[0] if duplicate_of else None,
            round(duplicate_of[1], 3) if duplicate_of else None,
            status, error, source_path, datetime.now(UTC).isoformat(timespec="seconds"),
        ),
    )
    document_id = int(cursor.lastrowid or 0)
    if duplicate_of is None:
        if fp.signature is not None:
            conn.execute("INSERT INTO document_signatures VALUES (?, ?)", (document_id, pack(fp.signature)))
            conn.executemany("INSERT INTO document_bands VALUES (?, ?, ?)",
                             [(document_id, band, bucket) for band, bucket in fp.bands()])
        conn.execute("INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)",
                     (document_id, doc.title or "", index_body(doc.text, norm_text)))
    if result is not None:
        _store_analysis(conn, document_id, result)
    return document_id


def _store_analysis(conn: sqlite3.Connection, document_id: int, result: Result) -> None:
    conn.executemany(
        "INSERT INTO mentions (document_id, kind, start, \"end\", text, canonical, confidence, country, admin1, admin2, "
        "latitude, longitude, geo_precision, attrs) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (document_id, m.kind, m.span.start, m.span.end, m.text, m.canonical, m.confidence,
             *_place_columns(m.attrs.get("place")), _attrs(m.attrs))
            for m in result.mentions
        ],
    )
    conn.executemany(
        "INSERT INTO quotes (document_id, quote_key, speaker, speaker_role, cue, kind, text, start, \"end\", "
        "cue_start, cue_end, speaker_start, speaker_end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (document_id, q.id, q.speaker, q.speaker_role, q.cue, q.kind, q.text, q.span.start, q.span.end,
             q.cue_span.start if q.cue_span else None, q.cue_span.end if q.cue_span else None,
             q.speaker_span.start if q.speaker_span else None, q.speaker_span.end if q.speaker_span else None)
            for q in result.quotes
        ],
    )
    doc = result.document
    for number, event in enumerate(result.events, start=1):
        event_id = _store_event(conn, document_id, report_id(doc.doc_id, number), event)
        record = event.to_dict()
        source = event.reported_by or doc.outlet or doc.doc_id
        conn.executemany(
            "INSERT INTO claims (event_id, source, field, value) VALUES (?, ?, ?, ?)",
            [(event_id, source, name, str(record[name])) for name in CLAIM_FIELDS if record.get(name) is not None],
        )


def report_id(doc_id: str, number: int) -> str:
    """The stable id of the ``number``-th event (1-based) of a document."""
    return f"{doc_id}#{number}"


def _store_event(conn: sqlite3.Connection, document_id: int, rid: str, e: Event) -> int:
    place = e.place
    cursor = conn.execute(
        "INSERT INTO events (report_id, document_id, event_type, sub_event_type, actor1, actor2, actor1_text, "
        "actor2_text, actor1_start, actor1_end, actor2_start, actor2_end, location, location_start, location_end, "
        "country, admin1, admin2, latitude, longitude, geo_precision, date, time_precision, fatalities, evidence, "
        "evidence_start, evidence_end, reported_by, quote_id, historical, confidence, record) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            rid, document_id, e.event_type, e.sub_event_type, e.actor1, e.actor2, e.actor1_text, e.actor2_text,
            e.actor1_span.start if e.actor1_span else None, e.actor1_span.end if e.actor1_span else None,
            e.actor2_span.start if e.actor2_span else None, e.actor2_span.end if e.actor2_span else None,
            e.location, e.location_span.start if e.location_span else None,
            e.location_span.end if e.location_span else None,
            *(_place_columns(place)[:6]), e.date, e.time_precision, e.fatalities, e.evidence_text,
            e.evidence.start, e.evidence.end, e.reported_by, e.quote_id, int(e.historical),
            round(e.confidence, 3), _json(e.to_dict()),
        ),
    )
    return int(cursor.lastrowid or 0)


def _place_columns(place: Any) -> tuple[Any, ...]:
    """country, admin1, admin2, latitude, longitude, geo_precision of a Place (Nones otherwise)."""
    if not isinstance(place, Place):
        return (None,) * 6
    return (place.country, place.admin1, place.admin2, place.latitude, place.longitude, place.geo_precision)


def _attrs(attrs: dict[str, Any]) -> str | None:
    """A mention's extra attributes, less the place (stored in its own columns)."""
    rest = {k: v for k, v in attrs.items() if k != "place"}
    return _json(rest) if rest else None


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_plain)


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return str(value)
