"""``/api/export.csv`` and ``/api/export.geojson``: the store's ACLED exports with the events' filters.

The download file name is a constant: nothing a client sends reaches a header. ``limit`` takes the
first events in date order, for a sample or a quick look at a large store.

Both stream: the body is written one keyset page of events at a time (:func:`event_pages`), so a
100,000-event export holds one page of rows, not the whole file. The first page is read before the
answer starts, so a database that cannot be read is still a 503 rather than a cut-off download.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse

from rasid.export.acled_csv import acled_csv_chunks
from rasid.export.geojson import CollectionText
from rasid.serve.events import Filters
from rasid.serve.query import EventFilters, event_pages
from rasid.serve.settings import settings_of

router = APIRouter(tags=["export"])

MAX_EXPORT = 1_000_000
PAGE = 500
Limit = Annotated[int | None, Query(ge=1, le=MAX_EXPORT, description="at most this many events (date order)")]


@router.get("/api/export.csv", summary="ACLED CSV of the fused events (events' filters)")
def export_csv(request: Request, filters: Filters, limit: Limit = None) -> Response:
    pages = _pages(request, filters, limit)
    return StreamingResponse(acled_csv_chunks(pages), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="rasid-events.csv"'})


@router.get("/api/export.geojson", summary="GeoJSON of the located fused events (events' filters)")
def export_geojson(request: Request, filters: Filters, limit: Limit = None) -> Response:
    pages = _pages(request, filters, limit)
    return StreamingResponse(CollectionText(unlocated_member=True).chunks(pages), media_type="application/geo+json",
                             headers={"Content-Disposition": 'attachment; filename="rasid-events.geojson"'})


def _pages(request: Request, filters: EventFilters, limit: int | None) -> Iterator[list[dict[str, Any]]]:
    """The export's pages of events, the first one already read (here, in the request's thread)."""
    pages = event_pages(settings_of(request).db, filters, batch=PAGE, limit=limit)
    first = next(pages, [])
    return chain([first], pages)
