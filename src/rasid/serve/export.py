"""``/api/export.csv`` and ``/api/export.geojson``: the store's ACLED exports with the events' filters.

The download file name is a constant: nothing a client sends reaches a header.
"""

from __future__ import annotations

import io
import json

from fastapi import APIRouter, Request, Response

from rasid.export.acled_csv import write_acled_csv
from rasid.export.geojson import feature_collection
from rasid.serve.events import Filters
from rasid.serve.query import all_events
from rasid.serve.settings import settings_of

router = APIRouter(tags=["export"])


@router.get("/api/export.csv", summary="ACLED CSV of the fused events (events' filters)")
def export_csv(request: Request, filters: Filters) -> Response:
    out = io.StringIO()
    with settings_of(request).db() as conn:
        write_acled_csv(all_events(conn, filters), out)
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="rasid-events.csv"'})


@router.get("/api/export.geojson", summary="GeoJSON of the located fused events (events' filters)")
def export_geojson(request: Request, filters: Filters) -> Response:
    with settings_of(request).db() as conn:
        collection, unlocated = feature_collection(all_events(conn, filters))
    collection["unlocated"] = unlocated
    return Response(json.dumps(collection, ensure_ascii=False), media_type="application/geo+json",
                    headers={"Content-Disposition": 'attachment; filename="rasid-events.geojson"'})
