"""``/api/map``: events when few, grid cells when many; same filters and review rules as ``/api/events``."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

import rasid.serve.map as map_api


def all_events(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = client.get("/api/events", params={**params, "limit": 500, **({"cursor": cursor} if cursor else {})}).json()
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items


def located(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in events if e["latitude"] is not None and e["longitude"] is not None]


def test_few_events_come_back_as_points_matching_the_event_list(client: TestClient) -> None:
    events = located(all_events(client))
    assert events
    body = client.get("/api/map", params={"zoom": 4}).json()
    assert body["mode"] == "points"
    assert body["total"] == len(events)
    assert {p["cluster_id"] for p in body["points"]} == {e["cluster_id"] for e in events}
    by_id = {e["cluster_id"]: e for e in events}
    for point in body["points"]:
        event = by_id[point["cluster_id"]]
        assert (point["latitude"], point["longitude"], point["event_type"], point["fatalities"]) == (
            event["latitude"], event["longitude"], event["event_type"], event["fatalities"])


def test_many_events_are_aggregated_into_cells_that_add_up(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    events = located(all_events(client))
    monkeypatch.setattr(map_api, "POINTS_MAX", 1)
    for zoom in (2, 6):
        body = client.get("/api/map", params={"zoom": zoom}).json()
        assert body["mode"] == "cells"
        assert body["cell_degrees"] == pytest.approx(360 / 2 ** zoom / 4)
        cells = body["cells"]
        assert sum(c["count"] for c in cells) == body["total"] == len(events)
        assert sum(c["fatalities"] for c in cells) == sum(e["fatalities"] or 0 for e in events)
        for cell in cells:
            assert sum(cell["by_type"].values()) == cell["count"]
            west, south, east, north = cell["bbox"]
            assert west <= cell["longitude"] <= east and south <= cell["latitude"] <= north
        # Every event falls in exactly the cell whose box holds it.
        for event in events:
            holding = [c for c in cells if c["bbox"][0] <= event["longitude"] < c["bbox"][2]
                       and c["bbox"][1] <= event["latitude"] < c["bbox"][3]]
            assert len(holding) == 1
    # A finer zoom never has fewer cells than a coarser one.
    coarse = client.get("/api/map", params={"zoom": 1}).json()["cells"]
    fine = client.get("/api/map", params={"zoom": 10}).json()["cells"]
    assert len(fine) >= len(coarse)


def test_filters_and_viewport_are_those_of_the_event_list(client: TestClient) -> None:
    events = located(all_events(client))
    event_type = events[0]["event_type"]
    body = client.get("/api/map", params={"event_type": event_type}).json()
    assert {p["cluster_id"] for p in body["points"]} == {
        e["cluster_id"] for e in located(all_events(client, event_type=event_type))}
    target = events[0]
    box = f"{target['longitude'] - 0.5},{target['latitude'] - 0.5},{target['longitude'] + 0.5},{target['latitude'] + 0.5}"
    inside = client.get("/api/map", params={"bbox": box, "zoom": 9}).json()["points"]
    assert target["cluster_id"] in {p["cluster_id"] for p in inside}
    assert all(abs(p["latitude"] - target["latitude"]) <= 0.5 for p in inside)
    assert {p["cluster_id"] for p in inside} == {e["cluster_id"] for e in located(all_events(client, bbox=box))}


def test_reviews_win_on_the_map(client: TestClient, auth: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    events = located(all_events(client))
    rejected, moved = events[0]["cluster_id"], events[1]["cluster_id"]
    client.post(f"/api/events/{rejected}/review", headers=auth,
                json={"action": "reject", "reviewer": "t", "reason": "not an event"}).raise_for_status()
    for name, value in (("latitude", -33.5), ("longitude", -70.6)):
        client.post(f"/api/events/{moved}/review", headers=auth,
                    json={"action": "correct", "field": name, "value": value, "reviewer": "t", "reason": "geocoded"},
                    ).raise_for_status()
    points = {p["cluster_id"]: p for p in client.get("/api/map").json()["points"]}
    assert rejected not in points
    assert (points[moved]["latitude"], points[moved]["longitude"]) == (-33.5, -70.6)
    only_rejected = client.get("/api/map", params={"reviewed": "rejected"}).json()["points"]
    assert [p["cluster_id"] for p in only_rejected] == [rejected]
    corrected = client.get("/api/map", params={"reviewed": "true"}).json()["points"]
    assert [p["cluster_id"] for p in corrected] == [moved]
    # In cells too: the corrected event is counted where review put it.
    monkeypatch.setattr(map_api, "POINTS_MAX", 0)
    cells = client.get("/api/map", params={"zoom": 5}).json()["cells"]
    assert any(c["bbox"][1] <= -33.5 < c["bbox"][3] and c["bbox"][0] <= -70.6 < c["bbox"][2] for c in cells)
    assert sum(c["count"] for c in cells) == len(events) - 1


@pytest.mark.parametrize("params", [{"zoom": -1}, {"zoom": 21}, {"zoom": "x"}, {"bbox": "1,2,3"},
                                    {"bbox": "10,0,5,1"}, {"since": "2024-02-01", "until": "2024-01-01"}])
def test_bad_parameters_are_422(client: TestClient, params: dict[str, Any]) -> None:
    response = client.get("/api/map", params=params)
    assert response.status_code == 422
    assert response.json()["detail"]
