"""The dashboard in headless Chromium (Debian's chromium + chromium-driver, driven by selenium).

A real ``uvicorn`` serves a database of every shared gold article plus one hostile article of our
own (``<script>`` and ``onerror=`` in its text and title). The browser loads the dashboard and we
check what a user sees: markers and rows, a filter that narrows the rows, the event panel with
highlighted evidence, the Arabic right-to-left layout, and that the hostile article runs nothing.
Screenshots go to ``build/screenshots/`` (CI keeps them as artefacts).
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("uvicorn")
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium not installed (pip install -e '.[dev]')")

from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from rasid.serve.dashboard import node_modules, vendor_missing  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "build" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
HOSTILE_ID = "hostile-xss-1"

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None or not Path(CHROMEDRIVER).exists(),
                       reason="headless browser tests need Debian's chromium and chromium-driver "
                              "(apt-get install -y chromium chromium-driver)"),
    pytest.mark.skipif(bool(vendor_missing(node_modules())),
                       reason="dashboard libraries missing: run npm ci --prefix web"),
]


def hostile_article() -> dict[str, Any]:
    """A report whose text and title try to run script in the reader's browser."""
    text = ("Gunmen killed five civilians in an attack on a market in Kirkuk on Monday, police said. "
            "<script>window.__pwned = 'script';</script> "
            "<img src=x onerror=\"window.__pwned = 'img'; alert(1)\"> "
            "Witnesses said the attackers <b onmouseover=\"window.__pwned = 'hover'\">fled</b> north.")
    return {"doc_id": HOSTILE_ID, "lang": "en", "outlet": "<img src=x onerror=alert(2)>", "published": "2024-03-12",
            "title": "<script>window.__pwned = 'title'</script>Attack in Kirkuk", "text": text}


@pytest.fixture(scope="module")
def dashboard_db(gold_documents: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    from rasid.store import connect, ingest

    folder = tmp_path_factory.mktemp("dashboard-docs")
    keep = ("doc_id", "lang", "outlet", "url", "published", "text", "title")
    records = [{k: doc[k] for k in keep if k in doc} for doc in gold_documents if doc.get("text")]
    records.append(hostile_article())
    (folder / "docs.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                                       encoding="utf-8")
    path = tmp_path_factory.mktemp("dashboard-db") / "dashboard.db"
    conn = connect(path)
    ingest(conn, [str(folder)], where=str(path))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


@pytest.fixture(scope="module")
def server(dashboard_db: Path) -> Iterator[str]:
    import uvicorn

    from rasid.serve import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(dashboard_db, api_keys=["browser-test-key"]), host="127.0.0.1", port=port,
                            log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    profile = tempfile.mkdtemp(prefix="rasid-chromium-")
    options = Options()
    options.binary_location = CHROMIUM or ""
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1500,1000", "--lang=en-US"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait(driver: WebDriver, condition: Any, timeout: float = 30, message: str = "") -> Any:
    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(condition, message)


def open_dashboard(driver: WebDriver, base: str, lang: str = "en") -> None:
    driver.get(base + "/")
    driver.execute_script("localStorage.setItem('rasid.lang', arguments[0]);", lang)
    driver.get(base + "/")
    wait(driver, lambda d: d.execute_script("return document.body.dataset.ready === 'true'"),
         message="the dashboard never finished loading")


def rows(driver: WebDriver) -> list[Any]:
    return driver.find_elements(By.CSS_SELECTOR, "#events tbody tr.event-row")


def api(base: str, path: str, **params: Any) -> Any:
    import httpx

    return httpx.get(base + path, params=params, timeout=30).json()


def search(driver: WebDriver, base: str, text: str) -> list[str]:
    """Run a full-text search from the filter bar; the ids the table shows once it matches the API."""
    driver.execute_script("document.querySelector('#filters input[name=q]').value = arguments[0];", text)
    driver.find_element(By.ID, "apply").click()
    expected = [e["cluster_id"] for e in api(base, "/api/events", q=text, sort="date", order="desc", limit=25)["items"]]
    wait(driver, lambda d: [r.get_attribute("data-id") for r in rows(d)] == expected,
         message=f"the table does not show what /api/events?q={text} gives")
    return expected


def row_of(driver: WebDriver, cluster_id: str) -> Any:
    return next(r for r in rows(driver) if r.get_attribute("data-id") == cluster_id)


def test_dashboard_shows_markers_rows_and_timeline(server: str, browser: WebDriver) -> None:
    open_dashboard(browser, server)
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".event-marker, .event-cluster, .cell-marker"),
         message="no marker on the map")
    assert browser.execute_script("return document.documentElement.dir") == "ltr"
    assert len(rows(browser)) == 25  # a full first page: the gold corpus has more events than that
    bars = browser.find_elements(By.CSS_SELECTOR, "#timeline rect.tl-bar")
    # Days only: month- or year-precision dates have no single day to stand on (they are in by_month).
    dated = api(server, "/api/stats")["by_day"]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d["key"]) for d in dated)
    assert len(bars) == len(dated) > 0
    # The basemap is drawn from the shipped boundaries, without any tile server.
    wait(browser, lambda d: d.find_element(By.ID, "map").get_attribute("data-basemap") == "loaded",
         message="the shipped boundaries were not drawn")
    assert browser.find_elements(By.CSS_SELECTOR, ".leaflet-boundaries-pane canvas")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / "dashboard.png"))


def test_filter_narrows_the_table_to_what_the_api_says(server: str, browser: WebDriver) -> None:
    open_dashboard(browser, server)
    countries = [c for c in api(server, "/api/stats")["by_country"] if c["key"] != "unknown" and c["events"] < 25]
    country = countries[0]
    field = browser.find_element(By.CSS_SELECTOR, "#filters input[name=country]")
    field.send_keys(country["key"])
    browser.find_element(By.ID, "apply").click()
    wait(browser, lambda d: len(rows(d)) == country["events"],
         message=f"expected {country['events']} rows for {country['key']}")
    shown = {r.find_elements(By.TAG_NAME, "td")[3].text.rsplit(", ", 1)[-1] for r in rows(browser)}
    assert shown == {country["key"]}


def test_timeline_brush_narrows_map_and_table(server: str, browser: WebDriver) -> None:
    open_dashboard(browser, server)
    svg = browser.find_element(By.CSS_SELECTOR, "#timeline svg")
    width = svg.size["width"]
    # Drag from 55% to 95% of the width (selenium's offsets count from the element's centre).
    ActionChains(browser).move_to_element_with_offset(svg, int(width * 0.05), 0).click_and_hold() \
        .move_by_offset(int(width * 0.4), 0).release().perform()
    wait(browser, lambda d: d.find_element(By.ID, "brush-label").text != "", message="no selection label")
    since, until = browser.find_element(By.ID, "brush-label").text.split(" – ")
    expected = api(server, "/api/events", since=since, until=until, limit=25)["items"]
    everything = api(server, "/api/events", limit=500)["items"]
    assert 0 < len(expected) < len(everything)
    wait(browser, lambda d: len(rows(d)) == len(expected), message="the table did not follow the brush")
    for row in rows(browser):
        day = row.find_elements(By.TAG_NAME, "td")[0].text
        assert since <= day[:10] <= until


def test_event_panel_highlights_the_evidence(server: str, browser: WebDriver, ghwayran: dict[str, Any]) -> None:
    open_dashboard(browser, server)
    document = api(server, f"/api/documents/{ghwayran['doc_id']}")
    event = document["events"][0]
    assert event["cluster_id"] in search(browser, server, "غويران")
    row_of(browser, event["cluster_id"]).click()
    wait(browser, lambda d: d.find_element(By.ID, "panel").get_attribute("data-loaded") == event["cluster_id"],
         message="the event panel did not load")
    evidence = browser.find_elements(By.CSS_SELECTOR, "#panel .article mark.hl-evidence")
    assert evidence
    marked = "".join(m.get_attribute("textContent") for m in evidence)
    reports = api(server, f"/api/events/{event['cluster_id']}")["reports"]
    assert any(marked in r["evidence"]["text"] or r["evidence"]["text"] in marked for r in reports)
    # Actors and places of the stored mentions are highlighted too, and their text is the article's.
    actors = [m.get_attribute("textContent") for m in browser.find_elements(By.CSS_SELECTOR, "#panel .article mark.hl-actor")]
    assert actors and all(a in document["text"] for a in actors)
    assert browser.find_elements(By.CSS_SELECTOR, "#panel .article mark.hl-place")
    assert browser.find_elements(By.CSS_SELECTOR, "#panel .article mark.hl-number, #panel .article mark.hl-date")
    browser.save_screenshot(str(SCREENSHOTS / "dashboard-event.png"))


def test_arabic_switch_turns_the_page_right_to_left(server: str, browser: WebDriver) -> None:
    open_dashboard(browser, server)
    Select(browser.find_element(By.ID, "lang")).select_by_value("ar")
    wait(browser, lambda d: d.execute_script("return document.documentElement.dir") == "rtl")
    assert browser.execute_script("return document.documentElement.lang") == "ar"
    assert browser.find_element(By.ID, "apply").text == "تطبيق"
    # The choice is remembered, and the map keeps its own left-to-right geometry.
    browser.refresh()
    wait(browser, lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
    assert browser.execute_script("return document.documentElement.dir") == "rtl"
    assert browser.find_element(By.ID, "map").get_attribute("dir") == "ltr"
    browser.save_screenshot(str(SCREENSHOTS / "dashboard-ar.png"))
    Select(browser.find_element(By.ID, "lang")).select_by_value("en")
    wait(browser, lambda d: d.execute_script("return document.documentElement.dir") == "ltr")


def test_hostile_article_runs_nothing(server: str, browser: WebDriver) -> None:
    document = api(server, f"/api/documents/{HOSTILE_ID}")
    assert document["events"], "the hostile article should yield an event to open"
    open_dashboard(browser, server)
    cluster = document["events"][0]["cluster_id"]
    assert cluster in search(browser, server, "Kirkuk market")
    row_of(browser, cluster).click()
    wait(browser, lambda d: d.find_element(By.ID, "panel").get_attribute("data-loaded") == cluster)
    article = browser.find_element(By.CSS_SELECTOR, "#panel .article")
    # The markup is shown as text, verbatim, and no element was made from it.
    assert "<script>window.__pwned = 'script';</script>" in article.get_attribute("textContent")
    assert not article.find_elements(By.CSS_SELECTOR, "script, img, b")
    assert not browser.find_elements(By.CSS_SELECTOR, "#panel img, #events img")
    titles = [t.get_attribute("textContent") for t in browser.find_elements(By.CSS_SELECTOR, "#panel h4")]
    assert any("<script>" in title for title in titles)
    for element in browser.find_elements(By.CSS_SELECTOR, "#panel .article mark")[:3]:
        ActionChains(browser).move_to_element(element).perform()  # an onmouseover would fire now
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    try:
        browser.switch_to.alert.dismiss()
    except NoAlertPresentException:
        pass
    else:
        pytest.fail("an alert fired")


def test_review_from_the_panel_changes_the_event(server: str, browser: WebDriver) -> None:
    from selenium.webdriver.common.keys import Keys

    browser.get(server + "/")
    browser.execute_script("sessionStorage.clear();")
    open_dashboard(browser, server)
    first = rows(browser)[0]
    cluster = first.get_attribute("data-id")
    first.click()
    wait(browser, lambda d: d.find_element(By.ID, "panel").get_attribute("data-loaded") == cluster)
    form = browser.find_element(By.CSS_SELECTOR, "#panel form.review-form")
    Select(form.find_element(By.NAME, "action")).select_by_value("correct")
    Select(form.find_element(By.NAME, "field")).select_by_value("fatalities")
    value = form.find_element(By.NAME, "value")
    value.clear()
    value.send_keys("7")
    form.find_element(By.NAME, "reviewer").send_keys("browser test")
    form.find_element(By.NAME, "reason").send_keys("recounted from the article")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    # Without a key nothing is sent, and the reviewer is told why.
    wait(browser, lambda d: "API key" in d.find_element(By.CSS_SELECTOR, "#panel .review-message").text)
    assert api(server, f"/api/events/{cluster}")["review_status"] == "unreviewed"
    key = browser.find_element(By.ID, "api-key")
    key.send_keys("browser-test-key", Keys.TAB)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(browser, lambda d: api(server, f"/api/events/{cluster}")["fatalities"] == 7, message="the review was not stored")
    record = api(server, f"/api/events/{cluster}")
    assert record["review_status"] == "corrected"
    assert record["reviews"][-1]["reviewer"] == "browser test"
    # The panel reloads and shows the corrected figure and its history.
    wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#panel .summary dd[data-field=fatalities]").text == "7")
    assert "browser test" in browser.find_element(By.CSS_SELECTOR, "#panel .reviews").text
