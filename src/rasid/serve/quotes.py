"""``/api/quotes``: who said what, filtered by speaker, document or words, cursor-paged by id."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from rasid.serve.errors import bad_request, json_response
from rasid.serve.settings import MAX_LIMIT, settings_of
from rasid.text.normalize import normalize

router = APIRouter(tags=["quotes"])


@router.get("/api/quotes", summary="Quotes, filtered and cursor-paged")
def list_quotes(
    request: Request,
    speaker: Annotated[str | None, Query(max_length=200, description="part of the speaker's name")] = None,
    doc_id: Annotated[str | None, Query(max_length=300)] = None,
    q: Annotated[str | None, Query(max_length=500, description="words in the quote (normalised match)")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    cursor: Annotated[str | None, Query(max_length=20, description="next_cursor of the previous page")] = None,
) -> Response:
    where: list[str] = []
    params: list[Any] = []
    if cursor is not None:
        if not (cursor.isascii() and cursor.isdigit() and int(cursor) < 2**63):  # SQLite's largest integer
            raise bad_request("cursor is not one this server issued")
        where.append("q.id > ?")
        params.append(int(cursor))
    if speaker:
        where.append("q.speaker LIKE ? ESCAPE '\\'")
        params.append(_like(speaker))
    if doc_id:
        where.append("d.doc_id = ?")
        params.append(doc_id)
    sql = ("SELECT q.id, d.doc_id, q.quote_key, q.speaker, q.speaker_role, q.cue, q.kind, q.text, q.start, q.\"end\", "
           "q.cue_start, q.cue_end, q.speaker_start, q.speaker_end FROM quotes q JOIN documents d ON d.id = q.document_id"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY q.id")
    needle = normalize(q).text if q else None
    items: list[dict[str, Any]] = []
    more = False
    with settings_of(request).db() as conn:
        for row in conn.execute(sql, params):
            if needle and needle not in normalize(row["text"]).text:
                continue
            if len(items) == limit:
                more = True
                break
            items.append(dict(row))
    return json_response({"items": items, "next_cursor": str(items[-1]["id"]) if more else None, "limit": limit})


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
