"""``/docs`` works with no network: Swagger UI comes from this server and the CSP names no other host."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rasid.serve import create_app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def referenced_urls(html: str) -> list[str]:
    return re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html) + re.findall(r"""url:\s*'([^']+)'""", html)


def test_docs_page_and_assets_come_from_this_server(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    urls = referenced_urls(page.text)
    assert len(urls) >= 4  # script, style, icon, the OpenAPI schema
    for url in urls:
        assert url.startswith("/") and not url.startswith("//"), url  # same origin: no host at all
        response = client.get(url)
        assert response.status_code == 200, url
        assert len(response.content) > 100
    assert not re.search(r"https?://", page.text)
    script = client.get(next(u for u in urls if u.endswith(".js")))
    assert script.headers["content-type"].startswith("text/javascript") and b"SwaggerUIBundle" in script.content


def test_swagger_ui_reads_this_servers_openapi_version(client: TestClient) -> None:
    """FastAPI writes OpenAPI 3.1, which Swagger UI renders from version 5 on (4.x refuses the schema)."""
    assert client.get("/openapi.json").json()["openapi"].startswith("3.1")
    page = client.get("/docs").text
    bundle = client.get(next(u for u in referenced_urls(page) if u.endswith(".js"))).text
    versions = {int(v) for v in re.findall(r'PACKAGE_VERSION:"(\d+)\.\d+\.\d+"', bundle)}
    assert versions and min(versions) >= 5


def test_docs_csp_names_no_other_host_and_allows_only_the_pages_own_script(client: TestClient) -> None:
    page = client.get("/docs")
    policy = page.headers["content-security-policy"]
    assert "http" not in policy and "cdn" not in policy
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if " " in d.strip())
    assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
    inline = re.findall(r"<script>(.*?)</script>", page.text, flags=re.DOTALL)
    assert inline
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in directives["script-src"]
    api = client.get("/api/events", params={"limit": 1}).headers["content-security-policy"]
    assert "sha256" not in api  # the API keeps its stricter policy


def test_only_the_pages_assets_are_served(client: TestClient) -> None:
    for name in ("index.css", "swagger-editor.js", "LICENSE", "..%2F..%2Fsettings.py", "%2Fetc%2Fpasswd"):
        assert client.get(f"/docs/assets/{name}").status_code == 404, name
    assert "/docs" not in client.get("/openapi.json").json()["paths"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def live_url(db_copy: Path) -> Iterator[str]:
    uvicorn = pytest.importorskip("uvicorn")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db_copy, read_only=True), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.mark.skipif(CHROMIUM is None or not Path(CHROMEDRIVER).exists(),
                    reason="needs Debian's chromium and chromium-driver")
def test_docs_render_in_a_browser_without_leaving_the_server(live_url: str) -> None:
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    options = Options()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.get(live_url + "/docs")
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".opblock"))
        paths = {e.text for e in driver.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")}
        assert "/api/events" in paths and "/api/stats" in paths
        loaded = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        assert loaded and all(url.startswith(live_url) for url in loaded), loaded
        problems = [e["message"] for e in driver.get_log("browser")
                    if e["level"] == "SEVERE" or "Content Security Policy" in e["message"]]
        assert not problems, problems
    finally:
        driver.quit()
