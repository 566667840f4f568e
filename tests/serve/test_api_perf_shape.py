"""The fast paths answer what the slow ones did: SQL statistics, keyset pages, SQLite-written JSON.

Each fast path is checked against a plain reference computed here from the full event list
(which applies reviews in Python), before and after reviews that move events between groups.
"""

from __future__ import annotations

import base64
import json
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from rasid.serve.query import EventFilters, page_events, page_json
from rasid.store import connect


def every_event(client: TestClient, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    response = client.get("/api/events", params={**(params or {}), "limit": 500})
    assert response.status_code == 200, response.text
    assert response.json()["next_cursor"] is None
    return list(response.json()["items"])


GROUPS = ("by_day", "by_month", "by_type", "by_country", "by_actor")


def reference_stats(events: list[dict[str, Any]]) -> dict[str, Any]:
    """/api/stats as a plain Python loop over every event computes it (group order aside)."""
    counts: dict[str, Counter[str]] = {name: Counter() for name in GROUPS}
    deaths: dict[str, Counter[str]] = {name: Counter() for name in counts}
    for e in events:
        day = (e["date"] or "")[:10]
        keys = {"by_day": [day] if len(day) == 10 else [], "by_month": [day[:7]] if len(day) >= 7 else [],
                "by_type": [e["event_type"] or "unknown"],
                "by_country": [e["country"] or "unknown"],
                "by_actor": list(dict.fromkeys(a for a in (e["actor1"], e["actor2"]) if a))}
        for name, values in keys.items():
            for value in values:
                counts[name][value] += 1
                deaths[name][value] += e["fatalities"] or 0
    out: dict[str, Any] = {"events": len(events), "fatalities": sum(e["fatalities"] or 0 for e in events)}
    for name in counts:
        out[name] = {k: (counts[name][k], deaths[name][k]) for k in counts[name]}
    return out


def as_maps(stats: dict[str, Any]) -> dict[str, Any]:
    out = {"events": stats["events"], "fatalities": stats["fatalities"]}
    for name in GROUPS:
        rows = stats[name]
        assert len({r["key"] for r in rows}) == len(rows), name  # each key once
        out[name] = {r["key"]: (r["events"], r["fatalities"]) for r in rows}
    return out


def review(client: TestClient, cluster_id: str, body: dict[str, Any], auth: dict[str, str]) -> None:
    response = client.post(f"/api/events/{cluster_id}/review",
                           json={"reviewer": "tester", "reason": "checked", **body}, headers=auth)
    assert response.status_code == 200, response.text


def check_stats(client: TestClient) -> None:
    events = every_event(client)
    some = next(e for e in events if e["country"])
    for params in ({}, {"country": some["country"]}, {"event_type": some["event_type"]}, {"q": "Boko Haram"},
                   {"min_fatalities": 1}, {"reviewed": "true"}, {"reviewed": "false"}, {"reviewed": "rejected"}):
        stats = client.get("/api/stats", params=params)
        assert stats.status_code == 200, params
        assert as_maps(stats.json()) == reference_stats(every_event(client, params)), params
        for name in ("by_day", "by_month"):
            keys = [r["key"] for r in stats.json()[name]]
            assert keys == sorted(keys)
        by_type = [(-r["events"], r["key"]) for r in stats.json()["by_type"]]
        assert by_type == sorted(by_type)


def test_sql_statistics_equal_the_event_list_before_and_after_reviews(
        client: TestClient, auth: dict[str, str]) -> None:
    check_stats(client)
    events = every_event(client)
    moved, rejected = events[0], events[-1]
    new_country = next(e["country"] for e in events if e["country"] and e["country"] != moved["country"])
    review(client, moved["cluster_id"], {"action": "correct", "field": "country", "value": new_country}, auth)
    review(client, moved["cluster_id"], {"action": "correct", "field": "fatalities", "value": 41}, auth)
    review(client, moved["cluster_id"], {"action": "correct", "field": "actor1", "value": "Reviewer Corrected Actor"},
           auth)
    review(client, rejected["cluster_id"], {"action": "reject"}, auth)
    check_stats(client)
    stats = client.get("/api/stats").json()
    assert {"key": "Reviewer Corrected Actor", "events": 1, "fatalities": 41} in stats["by_actor"]
    assert stats["events"] == len(events) - 1
    corrected_only = client.get("/api/stats", params={"country": new_country, "min_fatalities": 41}).json()
    assert corrected_only["events"] >= 1 and corrected_only["fatalities"] >= 41


def walk(client: TestClient, params: dict[str, Any], page: int) -> list[str]:
    seen: list[str] = []
    cursor = None
    for _ in range(500):
        body = client.get("/api/events", params={**params, "limit": page, **({"cursor": cursor} if cursor else {})})
        assert body.status_code == 200, body.text
        seen += [i["cluster_id"] for i in body.json()["items"]]
        cursor = body.json()["next_cursor"]
        if cursor is None:
            return seen
    raise AssertionError("pagination did not end")


def sort_key(event: dict[str, Any], sort: str) -> tuple[Any, str]:
    value = (event["date"] or "") if sort == "date" else (event["fatalities"] or 0)
    return value, event["cluster_id"]


def test_keyset_pages_are_one_sorted_list_with_filters_and_reviews(client: TestClient, auth: dict[str, str]) -> None:
    events = every_event(client)
    some = next(e for e in events if e["country"])
    review(client, events[1]["cluster_id"], {"action": "correct", "field": "fatalities", "value": 999}, auth)
    review(client, events[2]["cluster_id"], {"action": "correct", "field": "date", "value": "1999-01-02"}, auth)
    for filters in ({}, {"country": some["country"]}, {"event_type": some["event_type"]}, {"min_fatalities": 1}):
        everything = every_event(client, filters)
        for sort in ("date", "fatalities"):
            for order in ("asc", "desc"):
                expected = sorted(everything, key=lambda e, s=sort: sort_key(e, s), reverse=order == "desc")
                got = walk(client, {**filters, "sort": sort, "order": order}, page=2)
                assert got == [e["cluster_id"] for e in expected], (filters, sort, order)


def test_sqlite_written_json_equals_the_python_records(db_copy: Path) -> None:
    conn = connect(db_copy, readonly=True)
    try:
        for filters in (EventFilters(), EventFilters(min_fatalities=1), EventFilters(q="Boko Haram")):
            for sort, order in (("date", "asc"), ("fatalities", "desc")):
                page = page_events(conn, filters, sort=sort, order=order, limit=4)  # type: ignore[arg-type]
                body = json.loads(page_json(conn, filters, sort=sort, order=order, limit=4))  # type: ignore[arg-type]
                assert body["items"] == page.items and body["next_cursor"] == page.next_cursor
                assert all(list(a) == list(b) for a, b in zip(body["items"], page.items, strict=True))  # key order
    finally:
        conn.close()


def cursor_of(*values: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(values)).encode()).decode().rstrip("=")


def test_out_of_range_parameters_are_clear_4xx(client: TestClient) -> None:
    bad = [
        ("/api/events", {"sort": "fatalities", "order": "desc", "cursor": cursor_of("fatalities", "desc", 10**30, "c")}),
        ("/api/events", {"cursor": cursor_of("date", "asc", 5, "c")}),
        ("/api/events", {"sort": "fatalities", "cursor": cursor_of("fatalities", "asc", True, "c")}),
        ("/api/quotes", {"cursor": "9" * 20}),
        ("/api/quotes", {"cursor": "\u0661\u0662"}),
        ("/api/export.csv", {"limit": 0}),
        ("/api/export.geojson", {"limit": 10**7}),
        ("/api/stats", {"bbox": "0,0,200,1"}),
        ("/api/stats", {"min_fatalities": -1}),
        ("/api/actors", {"limit": 0}),
    ]
    for path, params in bad:
        response = client.get(path, params=params)
        assert response.status_code == 422, (path, params, response.status_code)
        assert response.json()["detail"]
    # The widest date range is valid, not a server error.
    assert client.get("/api/events", params={"since": "0001-01-01", "until": "9999-12-31"}).status_code == 200
    assert client.get("/api/stats", params={"until": "9999-12-31"}).status_code == 200


def test_export_limit_takes_the_first_events_in_date_order(client: TestClient) -> None:
    events = every_event(client)
    assert len(events) > 3
    head = client.get("/api/export.csv", params={"limit": 3}).text.strip().splitlines()
    assert len(head) == 1 + 3
    geo = client.get("/api/export.geojson", params={"limit": 3}).json()
    ids = [f["id"] for f in geo["features"]]
    assert len(ids) + geo["unlocated"] == 3
    assert ids == [e["cluster_id"] for e in events[:3] if e["latitude"] is not None][:len(ids)]


def test_cached_reader_sees_writes_made_through_other_connections(client: TestClient, db_copy: Path,
                                                                  auth: dict[str, str]) -> None:
    before = every_event(client)
    target = before[0]["cluster_id"]
    with sqlite3.connect(db_copy) as other:
        other.execute("UPDATE clusters SET fatalities = 12345 WHERE cluster_id = ?", (target,))
    assert next(e for e in every_event(client) if e["cluster_id"] == target)["fatalities"] == 12345
    review(client, target, {"action": "reject"}, auth)
    assert target not in {e["cluster_id"] for e in every_event(client)}
