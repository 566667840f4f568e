"""``/api/documents``: one document with every stored span; posting a document extracts and stores it."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response

from rasid.model import Document
from rasid.serve.auth import require_writer
from rasid.serve.errors import json_response, not_found
from rasid.serve.schemas import DocumentIn
from rasid.serve.settings import settings_of
from rasid.store.clusters import recluster
from rasid.store.db import StoreError
from rasid.store.ingest import ingest_document

router = APIRouter(tags=["documents"])

NOT_STORED = ("quantities", "times")  # the store keeps them only inside each event's record


def document_view(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT id, doc_id, url, outlet, title, lang, published, text, status, duplicate_of, similarity, error, "
        "ingested_at FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
    if row is None:
        return None
    out = {k: row[k] for k in row.keys() if k not in ("id", "duplicate_of")}
    if row["duplicate_of"] is not None:
        original = conn.execute("SELECT doc_id FROM documents WHERE id = ?", (row["duplicate_of"],)).fetchone()
        out["duplicate_of"] = original[0] if original else None
    out["mentions"] = []
    for m in conn.execute("SELECT * FROM mentions WHERE document_id = ? ORDER BY start, id", (row["id"],)):
        mention = {k: m[k] for k in m.keys() if k not in ("id", "document_id", "attrs")}
        mention["attrs"] = json.loads(m["attrs"]) if m["attrs"] else {}
        out["mentions"].append(mention)
    out["quotes"] = [
        {k: q[k] for k in q.keys() if k not in ("document_id",)}
        for q in conn.execute("SELECT * FROM quotes WHERE document_id = ? ORDER BY start, id", (row["id"],))
    ]
    out["events"] = [
        {"report_id": e["report_id"], "cluster_id": e["cluster_id"], **json.loads(e["record"])}
        for e in conn.execute(
            "SELECT e.report_id, e.record, m.cluster_id FROM events e LEFT JOIN cluster_members m "
            "ON m.report_id = e.report_id WHERE e.document_id = ? ORDER BY e.id", (row["id"],))
    ]
    out["not_stored"] = {name: "not stored separately; see each event's record" for name in NOT_STORED}
    return out


@router.get("/api/documents/{doc_id}", summary="A document's text and every stored span")
def get_document(request: Request, doc_id: str) -> Response:
    with settings_of(request).db() as conn:
        view = document_view(conn, doc_id)
    if view is None:
        raise not_found("document")
    return json_response(view)


@router.post("/api/documents", status_code=201, dependencies=[Depends(require_writer)],
             summary="Extract, store and re-cluster one document; returns its events")
def post_document(request: Request, body: DocumentIn) -> dict[str, Any]:
    doc_id = body.doc_id or "api-" + hashlib.sha256(body.text.encode("utf-8")).hexdigest()[:16]
    document = Document(text=body.text, doc_id=doc_id, lang=body.lang, published=body.published, url=body.url,
                        outlet=body.outlet, title=body.title)
    settings = settings_of(request)
    with settings.db(write=True) as conn:
        try:
            outcome, summary = ingest_document(conn, document, source_path=f"api:{doc_id}")
            if outcome == "skipped":
                raise HTTPException(413, summary.skipped[0][1] if summary.skipped else "document too long")
            if outcome == "new":
                recluster(conn)
        except StoreError as error:
            raise HTTPException(503, str(error)) from None
        stored = conn.execute(
            "SELECT doc_id FROM documents WHERE doc_id = ? OR doc_id LIKE ? ESCAPE '\\' ORDER BY id DESC LIMIT 1",
            (doc_id, doc_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "~%"),
        ).fetchone()
        view = document_view(conn, stored[0]) if stored else None
    return {"outcome": outcome, "doc_id": stored[0] if stored else doc_id,
            "events": view["events"] if view else [], "error": view.get("error") if view else None}
