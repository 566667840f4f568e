"""Streamed exports: the same bytes as the whole-file answer, read one page of events at a time."""

from __future__ import annotations

import io
import json
from contextlib import nullcontext
from itertools import chain
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rasid.export.acled_csv import write_acled_csv
from rasid.export.geojson import feature_collection
from rasid.serve import export as export_module
from rasid.serve import query as query_module
from rasid.serve.query import EventFilters, event_pages
from rasid.store import connect

CASES: tuple[tuple[dict[str, Any], EventFilters], ...] = (
    ({}, EventFilters()),
    ({"limit": 3}, EventFilters()),
    ({"event_type": "Battles"}, EventFilters(event_type="Battles")),
    ({"country": "Nowhere"}, EventFilters(country="Nowhere")),  # no rows: the header, an empty collection
)


def whole_file(db: Path, filters: EventFilters, limit: int | None) -> tuple[str, str]:
    """The CSV and GeoJSON bodies as the endpoints built them before streaming: in memory, in one piece."""
    conn = connect(db, readonly=True)

    def all_events() -> chain[dict[str, Any]]:
        return chain.from_iterable(event_pages(lambda: nullcontext(conn), filters, limit=limit))

    try:
        out = io.StringIO()
        write_acled_csv(all_events(), out)
        collection, unlocated = feature_collection(all_events())
    finally:
        conn.close()
    collection["unlocated"] = unlocated
    return out.getvalue(), json.dumps(collection, ensure_ascii=False)


def review(client: TestClient, auth: dict[str, str], cluster_id: str, **body: Any) -> None:
    response = client.post(f"/api/events/{cluster_id}/review", headers=auth,
                           json={"reviewer": "tester", "reason": "checked", **body})
    assert response.status_code == 200, response.text


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Pages of two events, so that every export here takes several pages; the sizes asked are recorded."""
    asked: list[int] = []
    page_events = query_module.page_events

    def recording(*args: Any, **kwargs: Any) -> query_module.Page:
        asked.append(kwargs["limit"])
        return page_events(*args, **kwargs)

    monkeypatch.setattr(export_module, "PAGE", 2)
    monkeypatch.setattr(query_module, "page_events", recording)
    return asked


def test_streamed_exports_equal_the_whole_file_answers(
        client: TestClient, db_copy: Path, auth: dict[str, str], small_pages: list[int]) -> None:
    events = client.get("/api/events", params={"limit": 500}).json()["items"]
    located = [e for e in events if e["latitude"] is not None]
    assert len(events) >= 5 and located
    # Reviews must still win: a corrected place and toll, and a rejected event.
    review(client, auth, located[0]["cluster_id"], action="correct", field="fatalities", value=41)
    review(client, auth, located[0]["cluster_id"], action="correct", field="location", value="=Reviewed Place")
    review(client, auth, events[-1]["cluster_id"], action="reject")
    for params, filters in CASES:
        csv_body, geojson_body = whole_file(db_copy, filters, params.get("limit"))
        small_pages.clear()
        csv_answer = client.get("/api/export.csv", params=params)
        assert csv_answer.status_code == 200, csv_answer.text
        assert csv_answer.headers["content-type"] == "text/csv; charset=utf-8"
        assert csv_answer.content == csv_body.encode(), params
        assert small_pages and max(small_pages) <= 2
        rows = csv_body.count("\n") - 1
        assert len(small_pages) >= rows // 2  # read a page at a time, not all at once
        geo_answer = client.get("/api/export.geojson", params=params)
        assert geo_answer.status_code == 200
        assert geo_answer.headers["content-type"] == "application/geo+json"
        assert geo_answer.content == geojson_body.encode(), params
    every = client.get("/api/export.geojson").json()
    corrected = next(f for f in every["features"] if f["id"] == located[0]["cluster_id"])
    assert corrected["properties"]["fatalities"] == 41
    assert corrected["properties"]["location"] == "=Reviewed Place"
    assert "'=Reviewed Place" in client.get("/api/export.csv").text  # still spreadsheet-safe
    assert events[-1]["cluster_id"] not in {f["id"] for f in every["features"]}
    assert len(every["features"]) + every["unlocated"] == len(events) - 1


def test_an_unreadable_database_is_still_a_503_not_a_cut_off_download(client: TestClient, db_copy: Path) -> None:
    db_copy.unlink()
    for path in ("/api/export.csv", "/api/export.geojson"):
        answer = client.get(path)
        assert answer.status_code == 503, (path, answer.status_code)
