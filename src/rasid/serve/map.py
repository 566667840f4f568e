"""``/api/map``: what the dashboard's map draws, aggregated on the server so 100,000 events stay light.

A map of the whole corpus cannot download every event. For a viewport (``bbox``) and a zoom
level this answers either the events themselves, when few match (at most ``POINTS_MAX``), or
grid cells of about 64 screen pixels with their count, fatalities and count per event type,
from one GROUP BY pass over the matching rows.
The filters are the events list's own (:data:`rasid.serve.events.Filters`) and reviews win as
they do there: unreviewed clusters are grouped by SQLite, the few reviewed ones (corrected or
rejected) are read with their corrections applied and added in Python.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from rasid.serve.errors import json_response
from rasid.serve.events import Filters
from rasid.serve.query import EventFilters, _reviewed_records
from rasid.serve.settings import settings_of
from rasid.store.reviews import decisions

router = APIRouter(tags=["map"])

POINTS_MAX = 500  # below this many matching events the map gets the events, not cells
CELLS_PER_TILE = 4  # a 256-pixel tile split into 4x4 cells of 64 pixels
POINT_COLUMNS = ("cluster_id", "latitude", "longitude", "event_type", "sub_event_type", "fatalities", "date",
                 "location", "country", "actor1", "actor2")


def cell_degrees(zoom: int) -> float:
    """The side of a grid cell in degrees at ``zoom`` (web-mercator tiles are 360/2^zoom degrees wide)."""
    return 360.0 / (2 ** zoom) / CELLS_PER_TILE


def _unreviewed_where(filters: EventFilters, reviewed_ids: list[str]) -> tuple[str, list[Any]]:
    where, params = filters.sql()
    text_where, text_params = filters.text_sql()
    # "+": a NULL test is no reason to walk the latitude index row by row (a plain scan is 2x faster).
    where += [*text_where, "+c.latitude IS NOT NULL", "+c.longitude IS NOT NULL"]
    params += text_params
    if reviewed_ids:
        where.append("c.cluster_id NOT IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(reviewed_ids))
    return " AND ".join(where), params


def _reviewed(conn: sqlite3.Connection, filters: EventFilters) -> tuple[list[str], list[dict[str, Any]]]:
    """The ids of every reviewed cluster, and those of them that the filters show (as page_events does)."""
    found = decisions(conn, "cluster")
    ids = sorted(set(found.corrections) | found.rejected)
    if filters.reviewed == "false":
        return ids, []
    extra = _reviewed_records(conn, filters, found)
    if filters.reviewed == "true":
        extra = [r for r in extra if r["review_status"] == "corrected"]
    located = [r for r in extra if isinstance(r.get("latitude"), int | float) and isinstance(r.get("longitude"), int | float)]
    return ids, located


def map_view(conn: sqlite3.Connection, filters: EventFilters, zoom: int) -> dict[str, Any]:
    """Points when few events match, else grid cells; events without coordinates are left out."""
    reviewed_ids, extra = _reviewed(conn, filters)
    sql_part = filters.reviewed in ("any", "false")
    where, params = _unreviewed_where(filters, reviewed_ids)
    size = cell_degrees(zoom)
    cells: dict[tuple[int, int], dict[str, Any]] = {}

    def add(gx: int, gy: int, event_type: str | None, n: int, deaths: int, lat_sum: float, lon_sum: float) -> None:
        cell = cells.setdefault((gx, gy), {"count": 0, "fatalities": 0, "by_type": {}, "_lat": 0.0, "_lon": 0.0})
        cell["count"] += n
        cell["fatalities"] += deaths
        key = event_type or "unknown"
        cell["by_type"][key] = cell["by_type"].get(key, 0) + n
        cell["_lat"] += lat_sum
        cell["_lon"] += lon_sum

    # One pass groups the matching rows; the few-events case then reads those few rows again.
    if sql_part:
        # Shifted to positive degrees, so CAST truncation is floor and the grid is the same on every side.
        for gx, gy, event_type, n, deaths, lat_sum, lon_sum in conn.execute(
            "SELECT CAST((c.longitude + 180.0) / ? AS INTEGER) AS gx, CAST((c.latitude + 90.0) / ? AS INTEGER) AS gy, "
            "c.event_type, COUNT(*), SUM(COALESCE(c.fatalities, 0)), SUM(c.latitude), SUM(c.longitude) "
            f"FROM clusters c WHERE {where} GROUP BY gx, gy, c.event_type", [size, size, *params],
        ):
            add(gx, gy, event_type, n, deaths or 0, lat_sum, lon_sum)
    count = sum(cell["count"] for cell in cells.values())
    total = count + len(extra)
    if total <= POINTS_MAX:
        points: list[dict[str, Any]] = []
        if count:
            columns = ", ".join(f"c.{name}" for name in POINT_COLUMNS)  # constants
            points = [dict(zip(POINT_COLUMNS, row, strict=True))
                      for row in conn.execute(f"SELECT {columns} FROM clusters c WHERE {where}", params)]
        points += [{name: r.get(name) for name in POINT_COLUMNS} for r in extra]
        points.sort(key=lambda p: (p["date"] or "", p["cluster_id"]))
        return {"mode": "points", "zoom": zoom, "total": total, "points": points}
    for r in extra:
        lon, lat = float(r["longitude"]), float(r["latitude"])
        add(int((lon + 180.0) / size), int((lat + 90.0) / size), r.get("event_type"), 1,
            int(r.get("fatalities") or 0), lat, lon)
    out = []
    for (gx, gy), cell in sorted(cells.items()):
        n = cell.pop("count")
        out.append({
            "latitude": round(cell.pop("_lat") / n, 5), "longitude": round(cell.pop("_lon") / n, 5), "count": n,
            "bbox": [round(gx * size - 180.0, 6), round(gy * size - 90.0, 6),
                     round((gx + 1) * size - 180.0, 6), round((gy + 1) * size - 90.0, 6)],
            **cell,
        })
    return {"mode": "cells", "zoom": zoom, "total": total, "cell_degrees": size, "cells": out}


@router.get("/api/map", summary="Events for a map viewport: the events when few, else grid cells with counts")
def get_map(
    request: Request,
    filters: Filters,
    zoom: Annotated[int, Query(ge=0, le=20, description="the map's zoom level (cells are ~64 px)")] = 3,
) -> Response:
    with settings_of(request).db() as conn:
        return json_response(map_view(conn, filters, zoom))
