"""``/api/stats`` keeps dates of one precision per breakdown: days in ``by_day``, months in ``by_month``."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
MONTH = re.compile(r"\d{4}-\d{2}")


def _events(client: TestClient) -> list[dict[str, Any]]:
    response = client.get("/api/events", params={"limit": 500})
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


def _check_against_the_event_list(client: TestClient) -> dict[str, dict[str, int]]:
    """by_day and by_month as counted from the listed events; returns them as key -> events."""
    stats = client.get("/api/stats").json()
    got = {name: {r["key"]: r["events"] for r in stats[name]} for name in ("by_day", "by_month")}
    for name, pattern in (("by_day", DAY), ("by_month", MONTH)):
        assert all(pattern.fullmatch(k) for k in got[name]), (name, sorted(got[name]))
        assert list(got[name]) == sorted(got[name])
    dates = [e["date"] or "" for e in _events(client)]
    assert got["by_day"] == dict(Counter(d for d in dates if DAY.fullmatch(d)))
    assert got["by_month"] == dict(Counter(d[:7] for d in dates if DAY.fullmatch(d) or MONTH.fullmatch(d)))
    return got


def test_a_month_dated_event_counts_in_by_month_not_by_day(client: TestClient) -> None:
    dates = [e["date"] for e in _events(client)]
    month_dated = [d for d in dates if d and MONTH.fullmatch(d)]
    assert month_dated, dates  # the gold articles give fusion a month-precision event
    got = _check_against_the_event_list(client)
    assert all(got["by_month"][d] >= 1 and d not in got["by_day"] for d in month_dated)
    assert "unknown" not in got["by_day"] and None in dates  # undated events are in neither


def test_reviewed_month_and_year_dated_events_follow_the_same_rule(
        client: TestClient, db_copy: Path, auth: dict[str, str]) -> None:
    days = [e for e in _events(client) if e["date"] and DAY.fullmatch(e["date"])]
    assert len(days) >= 3
    to_year, to_month, corrected = (e["cluster_id"] for e in days[:3])
    conn = sqlite3.connect(db_copy)  # fusion keeps a year- or month-only date when that is all reports say
    with conn:
        conn.execute("UPDATE clusters SET date = '2020' WHERE cluster_id = ?", (to_year,))
        conn.execute("UPDATE clusters SET date = '2021-07' WHERE cluster_id = ?", (to_month,))
    conn.close()
    review = client.post(f"/api/events/{corrected}/review", headers=auth, json={
        "action": "correct", "field": "date", "value": "2019-03-05", "reviewer": "tester", "reason": "checked"})
    assert review.status_code == 200, review.text
    got = _check_against_the_event_list(client)
    assert got["by_month"]["2021-07"] >= 1 and "2021-07" not in got["by_day"]
    assert got["by_day"]["2019-03-05"] >= 1 and got["by_month"]["2019-03"] >= 1  # the reviewer's day wins
    assert "2020" not in got["by_day"] and "2020" not in got["by_month"]


def test_the_schema_documents_both_breakdowns(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    content = schema["paths"]["/api/stats"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    name = content["$ref"].rsplit("/", 1)[-1]
    properties = schema["components"]["schemas"][name]["properties"]
    assert {"events", "fatalities", "by_day", "by_month", "by_type", "by_country", "by_actor"} <= set(properties)
    assert "month" in properties["by_month"]["description"]
