"""``POST /api/events/{id}/review``: a human decision on a fused event, kept as an audit trail.

Every decision is one row of the store's ``reviews`` table (reviewer and
reason required). Corrections and rejections are applied wherever fused
events are read (API, exports, re-clustering); merges and splits change the
cluster membership now and are replayed after every re-clustering.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request

from rasid.serve.auth import require_writer
from rasid.serve.errors import bad_request, not_found
from rasid.serve.query import cluster_record
from rasid.serve.schemas import ReviewIn
from rasid.serve.settings import settings_of
from rasid.store.clusters import apply_structure
from rasid.store.db import StoreError, transaction
from rasid.store.reviews import add_review

router = APIRouter(tags=["review"])

_INTEGER = {"geo_precision", "time_precision", "fatalities"}
_REAL = {"latitude": (-90.0, 90.0), "longitude": (-180.0, 180.0)}


def checked_value(name: str, value: Any) -> Any:
    """The new value of a corrected field in its type, or a 422 saying what is wrong."""
    if value is None or value == "":
        return None
    if name in _INTEGER:
        try:
            number = int(str(value))
        except ValueError:
            raise bad_request(f"{name} must be a whole number") from None
        if number < 0 or (name != "fatalities" and number > 3):
            raise bad_request(f"{name} out of range")
        return number
    if name in _REAL:
        try:
            real = float(value)
        except ValueError:
            raise bad_request(f"{name} must be a number") from None
        low, high = _REAL[name]
        if not low <= real <= high:
            raise bad_request(f"{name} must be between {low} and {high}")
        return real
    text = str(value).strip()
    if name == "date":
        try:
            date.fromisoformat(text)
        except ValueError:
            raise bad_request("date must be YYYY-MM-DD") from None
    if len(text) > 300:
        raise bad_request(f"{name} is too long")
    return text


@router.post("/api/events/{cluster_id}/review", dependencies=[Depends(require_writer)],
             summary="Confirm, correct, reject, merge or split a fused event")
def review(request: Request, cluster_id: str, body: ReviewIn) -> dict[str, Any]:
    settings = settings_of(request)
    with settings.db(write=True) as conn:
        current = cluster_record(conn, cluster_id)
        if current is None:
            raise not_found("event")
        created: str | None = None
        try:
            with transaction(conn):
                if body.action == "correct":
                    if body.field is None:
                        raise bad_request("'correct' needs a field")
                    value = checked_value(body.field, body.value)
                    add_review(conn, "cluster", cluster_id, body.reviewer, "correct", body.field,
                               current.get(body.field), value, body.reason)
                elif body.action in ("confirm", "reject"):
                    add_review(conn, "cluster", cluster_id, body.reviewer, body.action, reason=body.reason)
                elif body.action == "merge":
                    if not body.other_id or body.other_id == cluster_id:
                        raise bad_request("'merge' needs other_id, another event's id")
                    if conn.execute("SELECT 1 FROM clusters WHERE cluster_id = ?", (body.other_id,)).fetchone() is None:
                        raise not_found("other_id event")
                    review_id = add_review(conn, "cluster", cluster_id, body.reviewer, "merge",
                                           new_value=body.other_id, reason=body.reason)
                    apply_structure(conn, review_id)
                else:
                    moved = list(dict.fromkeys(body.report_ids or []))
                    if not moved:
                        raise bad_request("'split' needs report_ids")
                    unknown = [r for r in moved if r not in current["report_ids"]]
                    if unknown:
                        raise bad_request(f"not reports of this event: {', '.join(unknown[:5])}")
                    if len(moved) == len(current["report_ids"]):
                        raise bad_request("'split' must leave at least one report in the event")
                    created = "c-" + hashlib.sha1(json.dumps([cluster_id, sorted(moved)]).encode()).hexdigest()[:12]
                    review_id = add_review(conn, "cluster", cluster_id, body.reviewer, "split", created,
                                           new_value=json.dumps(moved, ensure_ascii=False), reason=body.reason)
                    apply_structure(conn, review_id)
        except StoreError as error:
            raise HTTPException(503, str(error)) from None
        out: dict[str, Any] = {"event": cluster_record(conn, cluster_id)}
        if created:
            out["created"] = cluster_record(conn, created)
    return out
