"""The REST API in-process against a real small database (gold articles through the store's ingest)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from rasid.serve import create_app
from rasid.store import connect, transaction
from rasid.store.keys import create_key, revoke_key


def all_items(client: TestClient, params: dict[str, Any]) -> list[dict[str, Any]]:
    response = client.get("/api/events", params={**params, "limit": 500})
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


def test_list_has_every_cluster_and_security_headers(client: TestClient, db_copy: Path) -> None:
    response = client.get("/api/events", params={"limit": 500})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["referrer-policy"]
    assert "access-control-allow-origin" not in response.headers
    conn = sqlite3.connect(db_copy)
    expected = {r[0] for r in conn.execute("SELECT cluster_id FROM clusters")}
    assert {i["cluster_id"] for i in response.json()["items"]} == expected
    assert all(i["report_ids"] for i in response.json()["items"])


def test_pagination_walk_has_no_duplicates_or_gaps(client: TestClient) -> None:
    everything = all_items(client, {})
    for sort, order in (("date", "asc"), ("date", "desc"), ("fatalities", "desc")):
        seen: list[str] = []
        cursor = None
        for _ in range(50):
            params: dict[str, Any] = {"limit": 3, "sort": sort, "order": order}
            if cursor:
                params["cursor"] = cursor
            body = client.get("/api/events", params=params).json()
            seen += [i["cluster_id"] for i in body["items"]]
            cursor = body["next_cursor"]
            if cursor is None:
                break
        assert len(seen) == len(set(seen)) == len(everything)
    fatal = [i["fatalities"] or 0 for i in all_items(client, {"sort": "fatalities", "order": "desc"})]
    assert fatal == sorted(fatal, reverse=True)


def test_filters_agree_with_the_records(client: TestClient) -> None:
    everything = all_items(client, {})
    some = next(i for i in everything if i["country"] and i["date"])
    by_country = all_items(client, {"country": some["country"].upper()})
    assert by_country and {i["country"] for i in by_country} == {some["country"]}
    assert len(by_country) == sum(1 for i in everything if i["country"] == some["country"])
    by_type = all_items(client, {"event_type": some["event_type"]})
    assert {i["event_type"] for i in by_type} == {some["event_type"]}
    by_sub = all_items(client, {"sub_event_type": some["sub_event_type"]})
    assert some["cluster_id"] in {i["cluster_id"] for i in by_sub}
    by_admin = all_items(client, {"admin1": some["admin1"]})
    assert {i["admin1"] for i in by_admin} == {some["admin1"]}
    day = some["date"][:10]
    dated = all_items(client, {"since": day, "until": day})
    assert some["cluster_id"] in {i["cluster_id"] for i in dated}
    assert all(i["date"][:10] == day for i in dated)
    actor = some["actor1"]
    assert all(actor.lower() in (i["actor1"] or "").lower() + (i["actor2"] or "").lower()
               for i in all_items(client, {"actor": actor[:6].lower()}))
    deadly = all_items(client, {"min_fatalities": 1})
    assert deadly and all(i["fatalities"] >= 1 for i in deadly)
    assert len(deadly) < len(everything)
    lon, lat = some["longitude"], some["latitude"]
    boxed = all_items(client, {"bbox": f"{lon - 0.5},{lat - 0.5},{lon + 0.5},{lat + 0.5}"})
    assert some["cluster_id"] in {i["cluster_id"] for i in boxed}
    assert all(abs(i["longitude"] - lon) <= 0.5 and abs(i["latitude"] - lat) <= 0.5 for i in boxed)


def test_full_text_filter(client: TestClient, db_copy: Path) -> None:
    conn = sqlite3.connect(db_copy)
    (cluster_id,) = conn.execute(
        "SELECT m.cluster_id FROM documents d JOIN events e ON e.document_id = d.id "
        "JOIN cluster_members m ON m.report_id = e.report_id WHERE d.text LIKE '%Boko Haram%' LIMIT 1").fetchone()
    found = all_items(client, {"q": "Boko Haram"})
    assert cluster_id in {i["cluster_id"] for i in found}
    assert len(found) < len(all_items(client, {}))
    assert all_items(client, {"q": "zzqxnotaword"}) == []


def test_bad_parameters_are_422_with_a_message(client: TestClient) -> None:
    for params in ({"limit": 501}, {"limit": 0}, {"since": "yesterday"}, {"bbox": "1,2,3"},
                   {"bbox": "10,0,5,1"}, {"bbox": "a,b,c,d"}, {"min_fatalities": -1}, {"sort": "actor"},
                   {"cursor": "not-a-cursor"}, {"since": "2020-02-01", "until": "2020-01-01"},
                   {"reviewed": "maybe"}):
        response = client.get("/api/events", params=params)
        assert response.status_code == 422, params
        assert response.json()["detail"]
    first = client.get("/api/events", params={"limit": 1}).json()["next_cursor"]
    other_order = client.get("/api/events", params={"limit": 1, "cursor": first, "sort": "fatalities"})
    assert other_order.status_code == 422


def test_event_detail_has_reports_with_evidence(client: TestClient) -> None:
    some = all_items(client, {})[0]
    detail = client.get(f"/api/events/{some['cluster_id']}").json()
    assert [r["report_id"] for r in detail["reports"]] == some["report_ids"]
    report = detail["reports"][0]
    text = client.get(f"/api/documents/{report['doc_id']}").json()["text"]
    assert text[report["evidence"]["start"]:report["evidence"]["end"]] == report["evidence"]["text"]
    assert isinstance(detail["source_figures"], dict) and detail["reviews"] == []
    assert client.get("/api/events/c-000000000000").status_code == 404


def test_document_spans_point_into_the_text(client: TestClient, db_copy: Path) -> None:
    doc_id = sqlite3.connect(db_copy).execute("SELECT doc_id FROM documents LIMIT 1").fetchone()[0]
    view = client.get(f"/api/documents/{doc_id}").json()
    assert view["mentions"] and view["events"]
    for mention in view["mentions"]:
        assert view["text"][mention["start"]:mention["end"]] == mention["text"]
    for quote in view["quotes"]:
        assert view["text"][quote["start"]:quote["end"]] == quote["text"]
    assert "quantities" in view["not_stored"]
    assert client.get("/api/documents/no-such-doc").status_code == 404


def test_quotes_actors_stats(client: TestClient) -> None:
    quotes = client.get("/api/quotes", params={"limit": 500}).json()["items"]
    assert quotes
    speaker = next(q["speaker"] for q in quotes if q["speaker"])
    by_speaker = client.get("/api/quotes", params={"speaker": speaker}).json()["items"]
    assert by_speaker and all(speaker in q["speaker"] for q in by_speaker)
    by_doc = client.get("/api/quotes", params={"doc_id": quotes[0]["doc_id"]}).json()["items"]
    assert {q["doc_id"] for q in by_doc} == {quotes[0]["doc_id"]}
    word = quotes[0]["text"].split()[0]
    assert quotes[0]["id"] in {q["id"] for q in client.get("/api/quotes", params={"q": word}).json()["items"]}
    walked, cursor = [], None
    while True:
        body = client.get("/api/quotes", params={"limit": 1, **({"cursor": cursor} if cursor else {})}).json()
        walked += [q["id"] for q in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert walked == [q["id"] for q in quotes]
    actors = client.get("/api/actors").json()["items"]
    events = all_items(client, {})
    top = actors[0]
    assert top["events"] == sum(1 for e in events if top["actor"] in (e["actor1"], e["actor2"]))
    stats = client.get("/api/stats").json()
    assert stats["events"] == len(events)
    assert stats["fatalities"] == sum(e["fatalities"] or 0 for e in events)
    assert sum(row["events"] for row in stats["by_type"]) == len(events)
    country = events[0]["country"]
    assert client.get("/api/stats", params={"country": country}).json()["events"] == sum(
        1 for e in events if e["country"] == country)


def test_exports_follow_filters(client: TestClient) -> None:
    events = all_items(client, {})
    response = client.get("/api/export.csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="rasid-events.csv"'
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == len(events)
    country = events[0]["country"]
    filtered = list(csv.DictReader(io.StringIO(client.get("/api/export.csv", params={"country": country}).text)))
    assert filtered and {r["country"] for r in filtered} == {country}
    geo = client.get("/api/export.geojson").json()
    assert geo["type"] == "FeatureCollection"
    assert len(geo["features"]) + geo["unlocated"] == len(events)


def review(client: TestClient, cluster_id: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
    return client.post(f"/api/events/{cluster_id}/review", json={"reviewer": "tester", "reason": "checked", **body},
                       headers=headers)


def test_writes_need_a_key(client: TestClient, api_key: str) -> None:
    some = all_items(client, {})[0]["cluster_id"]
    assert review(client, some, {"action": "confirm"}, {}).status_code == 401
    assert review(client, some, {"action": "confirm"}, {"Authorization": "Bearer wrong"}).status_code == 401
    assert review(client, some, {"action": "confirm"}, {"X-API-Key": "wrong"}).status_code == 401
    assert client.post("/api/documents", json={"text": "x"}).status_code == 401
    assert review(client, some, {"action": "confirm"}, {"X-API-Key": api_key}).status_code == 200


def test_stored_keys_are_hashed_and_revocable(db_copy: Path) -> None:
    conn = connect(db_copy)
    with transaction(conn):
        _, token = create_key(conn, "ci")
    stored = [r[0] for r in conn.execute("SELECT key_hash FROM api_keys")]
    assert stored == [hashlib.sha256(token.encode()).hexdigest()]
    raw = db_copy.read_bytes() + (db_copy.parent / "api.db-wal").read_bytes() if (
        db_copy.parent / "api.db-wal").exists() else db_copy.read_bytes()
    assert token.encode() not in raw
    with TestClient(create_app(db_copy)) as client:
        some = all_items(client, {})[0]["cluster_id"]
        headers = {"Authorization": f"Bearer {token}"}
        assert review(client, some, {"action": "confirm"}, headers).status_code == 200
        with transaction(conn):
            revoke_key(conn, "ci")
        assert review(client, some, {"action": "confirm"}, headers).status_code == 401
    conn.close()


def test_read_only_refuses_writes(db_copy: Path, api_key: str) -> None:
    with TestClient(create_app(db_copy, read_only=True, api_keys=[api_key])) as client:
        some = all_items(client, {})[0]["cluster_id"]
        response = review(client, some, {"action": "confirm"}, {"Authorization": f"Bearer {api_key}"})
        assert response.status_code == 403
        assert client.post("/api/documents", json={"text": "x"}, headers={"X-API-Key": api_key}).status_code == 403
        assert client.get("/api/events").status_code == 200


def test_oversized_bodies_are_413(client: TestClient, auth: dict[str, str]) -> None:
    big = json.dumps({"text": "a" * 300_000})
    assert client.post("/api/documents", content=big, headers={**auth, "Content-Type": "application/json"}
                       ).status_code == 413

    def chunks() -> Any:  # no Content-Length: the body is counted as it streams
        for _ in range(40):
            yield b"x" * 10_000

    response = client.post("/api/documents", content=chunks(), headers={**auth, "Content-Type": "application/json"})
    assert response.status_code == 413


def test_review_correct_wins_in_api_and_csv(client: TestClient, auth: dict[str, str]) -> None:
    target = all_items(client, {})[0]
    response = review(client, target["cluster_id"], {"action": "correct", "field": "fatalities", "value": 77}, auth)
    assert response.status_code == 200, response.text
    assert response.json()["event"]["fatalities"] == 77
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export.csv").text)))
    assert 77 in {int(r["fatalities"]) for r in rows}
    assert target["cluster_id"] in {i["cluster_id"] for i in all_items(client, {"min_fatalities": 77})}
    assert [i["cluster_id"] for i in all_items(client, {"reviewed": "true"})] == [target["cluster_id"]]
    assert target["cluster_id"] not in {i["cluster_id"] for i in all_items(client, {"reviewed": "false"})}
    history = client.get(f"/api/events/{target['cluster_id']}").json()["reviews"]
    assert [(h["action"], h["field"], h["new_value"]) for h in history] == [("correct", "fatalities", "77")]
    bad = review(client, target["cluster_id"], {"action": "correct", "field": "latitude", "value": 500}, auth)
    assert bad.status_code == 422
    assert review(client, target["cluster_id"], {"action": "correct", "field": "notes", "value": 1}, auth
                  ).status_code == 422
    assert client.post(f"/api/events/{target['cluster_id']}/review", json={"action": "confirm"}, headers=auth
                       ).status_code == 422  # reviewer and reason are required


def test_reject_hides_the_event_everywhere(client: TestClient, auth: dict[str, str]) -> None:
    before = all_items(client, {})
    target = before[0]["cluster_id"]
    assert review(client, target, {"action": "reject"}, auth).status_code == 200
    after = all_items(client, {})
    assert target not in {i["cluster_id"] for i in after} and len(after) == len(before) - 1
    assert [i["cluster_id"] for i in all_items(client, {"reviewed": "rejected"})] == [target]
    assert len(list(csv.DictReader(io.StringIO(client.get("/api/export.csv").text)))) == len(before) - 1


def test_merge_and_split(client: TestClient, auth: dict[str, str]) -> None:
    before = all_items(client, {})
    a, b = before[0], before[1]
    merged = review(client, a["cluster_id"], {"action": "merge", "other_id": b["cluster_id"]}, auth)
    assert merged.status_code == 200, merged.text
    assert merged.json()["event"]["report_ids"] == sorted(a["report_ids"] + b["report_ids"],
                                                           key=(a["report_ids"] + b["report_ids"]).index)
    after = all_items(client, {})
    assert len(after) == len(before) - 1 and b["cluster_id"] not in {i["cluster_id"] for i in after}
    split = review(client, a["cluster_id"], {"action": "split", "report_ids": b["report_ids"]}, auth)
    assert split.status_code == 200, split.text
    assert split.json()["event"]["report_ids"] == a["report_ids"]
    assert split.json()["created"]["report_ids"] == b["report_ids"]
    assert len(all_items(client, {})) == len(before)
    assert review(client, a["cluster_id"], {"action": "split", "report_ids": a["report_ids"]}, auth).status_code == 422
    assert review(client, a["cluster_id"], {"action": "merge", "other_id": "c-nothere"}, auth).status_code == 404


def test_structural_reviews_survive_reclustering(db_copy: Path, auth: dict[str, str], api_key: str) -> None:
    from rasid.store import recluster

    with TestClient(create_app(db_copy, api_keys=[api_key])) as client:
        before = all_items(client, {})
        a, b = before[0]["cluster_id"], before[1]["cluster_id"]
        assert review(client, a, {"action": "merge", "other_id": b}, auth).status_code == 200
        conn = connect(db_copy)
        recluster(conn)
        conn.close()
        assert b not in {i["cluster_id"] for i in all_items(client, {})}


def test_untrusted_text_comes_back_as_inert_json(client: TestClient, auth: dict[str, str]) -> None:
    payload = ('<script>alert(1)</script> Gunmen killed three civilians in Baghdad on Monday, police said. '
               '<img src=x onerror=alert(2)>')
    response = client.post("/api/documents", json={"text": payload, "doc_id": "xss-1", "lang": "en",
                                                   "published": "2021-03-02", "outlet": "<b>Outlet</b>"},
                           headers=auth)
    assert response.status_code == 201, response.text
    view = client.get("/api/documents/xss-1")
    assert view.headers["content-type"] == "application/json"
    assert view.headers["x-content-type-options"] == "nosniff"
    assert view.json()["text"] == payload and view.json()["outlet"] == "<b>Outlet</b>"
    assert "<script>" in view.text  # as JSON string data, never turned into markup
    again = client.post("/api/documents", json={"text": payload, "doc_id": "xss-1"}, headers=auth)
    assert again.json()["outcome"] == "unchanged"


def test_posted_document_is_extracted_clustered_and_searchable(client: TestClient, auth: dict[str, str]) -> None:
    text = ("Gunmen killed four civilians in Baghdad on Sunday, police said. "
            "The attack took place in the Sadr City district.")
    response = client.post("/api/documents", json={"text": text, "published": "2021-05-03", "lang": "en"},
                           headers=auth)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["outcome"] == "new" and body["events"]
    assert all(e["cluster_id"] for e in body["events"])
    found = all_items(client, {"q": "Sadr"})
    assert {e["cluster_id"] for e in body["events"]} <= {i["cluster_id"] for i in found}
    assert client.post("/api/documents", json={"text": ""}, headers=auth).status_code == 422
    assert client.post("/api/documents", json={"text": "x", "lang": "fr"}, headers=auth).status_code == 422


def test_cors_only_when_configured(db_copy: Path) -> None:
    with TestClient(create_app(db_copy, cors_origins=["https://dash.example.org"])) as client:
        response = client.get("/api/events", headers={"Origin": "https://dash.example.org"})
        assert response.headers["access-control-allow-origin"] == "https://dash.example.org"
        other = client.get("/api/events", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_openapi_is_served(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/events" in spec["paths"] and "/api/events/{cluster_id}/review" in spec["paths"]
    assert client.get("/docs").status_code == 200
