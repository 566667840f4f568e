"""``/api/export.csv`` and ``/api/export.geojson``: the store's ACLED exports with the events' filters.

The download file name is a constant: nothing a client sends reaches a header. ``limit`` takes the
first events in date order, for a sample or a quick look at a large store.
"""

from __future__ import annotations

import io
import json
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from rasid.export.acled_csv import write_acled_csv
from rasid.export.geojson import feature_collection
from rasid.serve.events import Filters
from rasid.serve.query import all_events
from rasid.serve.settings import settings_of

router = APIRouter(tags=["export"])

MAX_EXPORT = 1_000_000
Limit = Annotated[int | None, Query(ge=1, le=MAX_EXPORT, description="at most this many events (date order)")]


@router.get("/api/export.csv", summary="ACLED CSV of the fused events (events' filters)")
def export_csv(request: Request, filters: Filters, limit: Limit = None) -> Response:
    out = io.StringIO()
    with settings_of(request).db() as conn:
        write_acled_csv(all_events(conn, filters, limit=limit), out)
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="rasid-events.csv"'})


@router.get("/api/export.geojson", summary="GeoJSON of the located fused events (events' filters)")
def export_geojson(request: Request, filters: Filters, limit: Limit = None) -> Response:
    with settings_of(request).db() as conn:
        collection, unlocated = feature_collection(all_events(conn, filters, limit=limit))
    collection["unlocated"] = unlocated
    return Response(json.dumps(collection, ensure_ascii=False), media_type="application/geo+json",
                    headers={"Content-Disposition": 'attachment; filename="rasid-events.geojson"'})
