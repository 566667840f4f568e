"""The dashboard's routes in-process: the page, its files, the basemap, the tile setting, figures."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rasid.serve import create_app
from rasid.serve.dashboard import STATIC, VENDOR_FILES, node_modules, vendor_missing

needs_vendor = pytest.mark.skipif(bool(vendor_missing(node_modules())),
                                  reason="dashboard libraries missing: run npm ci --prefix web")


class Page(HTMLParser):
    """Every tag of a page with its attributes, and the text of inline scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline_scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


@needs_vendor
def test_page_loads_only_its_own_files_and_no_inline_code(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page = parse(response.text)
    assert not page.inline_scripts
    assert not [(tag, name) for tag, attrs in page.tags for name in attrs if name.startswith("on")]
    assets = [attrs.get("src") or attrs.get("href") for tag, attrs in page.tags
              if tag == "script" or (tag == "link" and attrs.get("rel") == "stylesheet")]
    assert len(assets) >= 6
    for asset in assets:
        assert asset and asset.startswith("/") and not asset.startswith("//"), asset  # same origin, no CDN
        assert client.get(asset).status_code == 200, asset


def test_every_module_import_and_message_key_resolves(client: TestClient) -> None:
    scripts = sorted((STATIC / "js").glob("*.js"))
    assert scripts
    messages = {lang: client.get(f"/static/i18n/{lang}.json").json() for lang in ("en", "ar")}
    assert set(messages["en"]) == set(messages["ar"])
    used = set(re.findall(r'data-i18n="([\w.]+)"', (STATIC / "index.html").read_text(encoding="utf-8")))
    for script in scripts:
        source = script.read_text(encoding="utf-8")
        for target in re.findall(r"from '(\./[\w.]+)'", source):
            assert client.get(f"/static/js/{target[2:]}").status_code == 200, (script.name, target)
        used |= set(re.findall(r"\bt\('([\w.]+)'", source))
        # Data reaches the DOM as text only.
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function", source), \
            script.name
    assert used and used <= set(messages["en"]), used - set(messages["en"])
    assert all(messages["ar"][k] != messages["en"][k] for k in ("filter.apply", "panel.close", "type.Battles"))


@pytest.mark.parametrize("path", [
    "/static/../pyproject.toml", "/static/%2e%2e/%2e%2e/pyproject.toml", "/static/..%2f..%2f..%2fpyproject.toml",
    "/static//etc/passwd", "/static/js/../../dashboard.py", "/static/%2fetc%2fpasswd",
    "/vendor/../../package.json", "/vendor/leaflet/package.json", "/vendor/leaflet%2f..%2f..%2fpackage.json",
    "/boundaries/..%2fplaces.tsv", "/boundaries/SOURCE.md", "/static/",
])
def test_no_path_escapes_the_allow_lists(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404, path
    assert b"[project]" not in response.content and b"root:" not in response.content


def test_missing_vendor_files_get_a_page_naming_the_command(db_copy: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASID_NODE_MODULES", str(tmp_path / "empty"))
    with TestClient(create_app(db_copy)) as client:
        response = client.get("/")
        assert response.status_code == 503
        assert "npm ci --prefix web" in response.text
        assert client.get("/vendor/leaflet/leaflet.js").status_code == 404
        assert client.get("/api/events").status_code == 200  # the API does not need them


def test_vendor_table_names_files_that_npm_installs() -> None:
    lock = json.loads((Path(__file__).resolve().parents[2] / "web" / "package-lock.json").read_text())
    locked = {name.removeprefix("node_modules/") for name in lock["packages"] if name}
    assert {relative.split("/")[0] for relative in VENDOR_FILES.values()} <= locked


def test_boundaries_are_shipped_geojson_covering_the_region(client: TestClient) -> None:
    countries = client.get("/boundaries/countries.geojson")
    admin1 = client.get("/boundaries/admin1.geojson")
    assert countries.status_code == admin1.status_code == 200
    assert len(countries.content) + len(admin1.content) < 5_000_000
    names = {f["properties"]["name"] for f in countries.json()["features"]}
    assert {"Syria", "Iraq", "Yemen", "Nigeria", "Sudan", "Mali"} <= names
    regions = admin1.json()["features"]
    by_country: dict[str, int] = {}
    for feature in regions:
        by_country[feature["properties"]["country"]] = by_country.get(feature["properties"]["country"], 0) + 1
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert by_country["Syria"] >= 10 and by_country["Iraq"] >= 15 and by_country["Nigeria"] >= 30
    assert any(f["properties"]["name_ar"] for f in regions)
    for feature in regions[:200]:
        rings = feature["geometry"]["coordinates"]
        polygons = [rings] if feature["geometry"]["type"] == "Polygon" else rings
        for polygon in polygons:
            for ring in polygon:
                assert ring[0] == ring[-1] and len(ring) >= 4
                assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in ring)


def test_tile_url_is_off_by_default_and_widens_only_the_page_csp(db_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with TestClient(create_app(db_copy)) as client:
        assert client.get("/dashboard/config.json").json()["tile_url"] is None
    monkeypatch.setenv("RASID_TILE_URL", "https://{s}.tile.example.org/{z}/{x}/{y}.png")
    with TestClient(create_app(db_copy)) as client:
        assert client.get("/dashboard/config.json").json()["tile_url"] == "https://{s}.tile.example.org/{z}/{x}/{y}.png"
        page_csp = client.get("/").headers["content-security-policy"]
        assert "img-src 'self' data: https://*.tile.example.org" in page_csp
        assert "default-src 'self'" in page_csp
        assert "tile.example.org" not in client.get("/api/events").headers["content-security-policy"]
    for bad in ("javascript:alert(1)/{z}/{x}/{y}", "https://x.org/{z}/{x}/{y}.png; script-src *", "https://x.org/tiles.png"):
        monkeypatch.setenv("RASID_TILE_URL", bad)
        with pytest.raises(ValueError):
            create_app(db_copy)


def test_figures_are_spans_of_the_document_text(client: TestClient) -> None:
    events = client.get("/api/events", params={"limit": 50}).json()["items"]
    doc_ids = {r.split("#")[0] for e in events for r in e["report_ids"]}
    found = 0
    for doc_id in sorted(doc_ids):
        text = client.get(f"/api/documents/{doc_id}").json()["text"]
        figures = client.get(f"/api/documents/{doc_id}/figures").json()
        for item in figures["quantities"] + figures["times"]:
            assert text[item["start"]:item["end"]] == item["text"]
            found += 1
        assert all(isinstance(q["value"], int) for q in figures["quantities"])
    assert found > 0
    assert client.get("/api/documents/no-such-doc/figures").status_code == 404
