"""``/api/events``: fused events, filtered and paged; one event with its reports, figures and reviews."""

from __future__ import annotations

import json
import math
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from rasid.serve.errors import bad_request, json_response, not_found
from rasid.serve.query import BadQuery, EventFilters, cluster_record, page_json
from rasid.serve.settings import MAX_LIMIT, settings_of
from rasid.store.reviews import apply, decisions

router = APIRouter(tags=["events"])


async def event_filters(
    since: Annotated[date | None, Query(description="first event day (YYYY-MM-DD)")] = None,
    until: Annotated[date | None, Query(description="last event day (YYYY-MM-DD)")] = None,
    country: Annotated[str | None, Query(max_length=100)] = None,
    admin1: Annotated[str | None, Query(max_length=100)] = None,
    event_type: Annotated[str | None, Query(max_length=100)] = None,
    sub_event_type: Annotated[str | None, Query(max_length=100)] = None,
    actor: Annotated[str | None, Query(max_length=200, description="part of actor1 or actor2, any case")] = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat")] = None,
    q: Annotated[str | None, Query(max_length=500, description="full text of the reports' documents")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
    reviewed: Annotated[Literal["any", "true", "false", "rejected"], Query()] = "any",
) -> EventFilters:
    """The filters shared by events, stats and exports (async: pure checks, no worker thread needed)."""
    if since and until and since > until:
        raise bad_request("since is after until")
    return EventFilters(since=since, until=until, country=country, admin1=admin1, event_type=event_type,
                        sub_event_type=sub_event_type, actor=actor, bbox=parse_bbox(bbox), q=q,
                        min_fatalities=min_fatalities, reviewed=reviewed)


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    parts = value.split(",")
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        raise bad_request("bbox must be four numbers: minlon,minlat,maxlon,maxlat") from None
    if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
        raise bad_request("bbox must be four numbers: minlon,minlat,maxlon,maxlat")
    min_lon, min_lat, max_lon, max_lat = numbers
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise bad_request("bbox out of range or inverted (need -180<=minlon<=maxlon<=180, -90<=minlat<=maxlat<=90)")
    return min_lon, min_lat, max_lon, max_lat


Filters = Annotated[EventFilters, Depends(event_filters)]


@router.get("/api/events", summary="Fused events, filtered, sorted and cursor-paged")
async def list_events(
    request: Request,
    filters: Filters,
    sort: Annotated[Literal["date", "fatalities"], Query()] = "date",
    order: Annotated[Literal["asc", "desc"], Query()] = "asc",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    cursor: Annotated[str | None, Query(max_length=1000, description="next_cursor of the previous page")] = None,
) -> Response:
    # Run on the event loop, not in a worker thread: a page is about a millisecond of indexed SQLite work,
    # less than the thread hand-off itself; the slow endpoints (stats, exports) stay in the thread pool.
    with settings_of(request).db() as conn:
        try:
            body = page_json(conn, filters, sort=sort, order=order, limit=limit, cursor=cursor)
        except BadQuery as error:
            raise bad_request(str(error)) from None
    return Response(body, media_type="application/json")


@router.get("/api/events/{cluster_id}", summary="One fused event with all its reports, figures and reviews")
def get_event(request: Request, cluster_id: str) -> Response:
    with settings_of(request).db() as conn:
        record = cluster_record(conn, cluster_id)
        if record is None:
            raise not_found("event")
        record["reports"] = reports_of(conn, record["report_ids"])
        figures: dict[str, dict[str, list[str]]] = {}
        for source, name, value in conn.execute(
            "SELECT c.source, c.field, c.value FROM claims c JOIN events e ON e.id = c.event_id "
            "WHERE e.report_id IN (SELECT value FROM json_each(?)) ORDER BY c.id",
            (json.dumps(record["report_ids"]),),
        ):
            figures.setdefault(source, {}).setdefault(name, []).append(value)
        record["source_figures"] = figures
        record["reviews"] = [dict(r) for r in conn.execute(
            "SELECT id, target_kind, target_id, reviewer, action, field, old_value, new_value, reason, created_at "
            "FROM reviews WHERE (target_kind = 'cluster' AND target_id = ?) OR (target_kind = 'event' AND target_id "
            "IN (SELECT value FROM json_each(?))) ORDER BY created_at, id",
            (cluster_id, json.dumps(record["report_ids"])),
        )]
    return json_response(record)


def reports_of(conn: Any, report_ids: list[str]) -> list[dict[str, Any]]:
    """Each report's event record (its own reviews applied), document, outlet and evidence."""
    rows = conn.execute(
        "SELECT e.report_id, e.record, e.evidence, e.evidence_start, e.evidence_end, d.doc_id, d.outlet, d.url, "
        "d.published, d.title FROM events e JOIN documents d ON d.id = e.document_id "
        "WHERE e.report_id IN (SELECT value FROM json_each(?)) ORDER BY e.id",
        (json.dumps(report_ids),),
    ).fetchall()
    found = decisions(conn, "event")
    out = []
    for row in rows:
        event = {"report_id": row["report_id"], **json.loads(row["record"])}
        reviewed = apply([event], "report_id", found)
        out.append({
            "report_id": row["report_id"],
            "rejected": not reviewed,
            "event": reviewed[0] if reviewed else event,
            "doc_id": row["doc_id"], "outlet": row["outlet"], "url": row["url"], "published": row["published"],
            "title": row["title"],
            "evidence": {"start": row["evidence_start"], "end": row["evidence_end"], "text": row["evidence"]},
        })
    return out
