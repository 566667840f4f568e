"""Every crash the fuzzers found, as the short input that triggered it (fixed in the stage or reader named)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import rasid
from rasid.cli.main import main
from rasid.read.feeds import read_feed
from rasid.read.html import _with_lxml
from rasid.read.records import Skipped, Source


@pytest.mark.parametrize("text", [
    "قتل " + "٣" * 400 + " مدنيا في حلب",  # OverflowError: float inf to int (understand/numbers.py)
    "قتل " + "9" * 320 + " مليون شخص",
])
def test_a_number_too_long_for_a_float_is_not_a_count(text: str) -> None:
    result = rasid.extract(text)
    assert all(q.value < 10**15 for q in result.quantities)


def test_a_casualty_figure_too_big_for_sqlite_is_not_stored_as_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 30-digit death toll made ``rasid ingest`` die with a traceback (SQLite INTEGER overflow)."""
    text = "Gunmen killed " + "9" * 30 + " civilians in Aleppo on Monday."
    assert all(e.fatalities < 2**63 for e in rasid.extract(text).events)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"doc_id": "big", "text": text}) + "\n"
                      + json.dumps({"doc_id": "next", "text": "Two soldiers were killed in Aleppo."}) + "\n",
                      encoding="utf-8")
    assert main(["ingest", str(corpus), "--db", str(tmp_path / "r.db"), "--quiet"]) == 0
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("text", [
    "killed on 5 March ²⁰²³",  # ValueError: int("²⁰²³") after str.isdigit() (understand/dates.py year_at)
    "on March ₄, 2023 two were killed",  # the same in day_at
    "قتل ٣ في ¹² آذار",
])
def test_superscript_and_subscript_digits_are_not_dates(text: str) -> None:
    result = rasid.extract(text)
    assert all(t.text == text[t.span.start:t.span.end] for t in result.times)


@pytest.mark.parametrize("data", [
    b'<?xml version="1.0" encoding="utf-8\x00"?><rss version="2.0"><channel><item><title>x</title></item></channel></rss>',
    b'<?xml version="1.0" encoding="\x00\x00"?><rss><channel><item><title>x</title></item></channel></rss>',
])
def test_a_nul_in_the_declared_feed_encoding_is_a_skip(data: bytes) -> None:
    """feedparser raised ValueError (embedded null character) out of read_feed (read/feeds.py)."""
    items = list(read_feed(data, Source("f.xml"), "f"))
    assert len(items) == 1 and isinstance(items[0], Skipped) and "not a readable" in items[0].reason


def test_a_script_flood_is_stripped_in_linear_time() -> None:
    """The lxml fallback dropped each <script> with drop_tree(), quadratic in the siblings:
    0.33 s of CPU for 10,000 and ~30 s for 100,000 (read/html.py). A bound against blow-up."""
    markup = "<html><body>" + "<script>x()</script>" * 100_000 + "<p>text after the scripts</p></body></html>"
    started = time.process_time()
    page = _with_lxml(markup)
    assert time.process_time() - started < 5
    assert page is not None and page.text == "text after the scripts"


def test_a_long_run_of_stops_is_read_in_linear_time() -> None:
    """The quotes stage's sentence breaks searched "[.!?؟]+" from every dot of a run: 10,000
    dots before a letter took 1.6 s, 100,000 about 160 s (understand/quotes.py). A bound against blow-up."""
    text = "قال مصدر إن " + "." * 100_000 + "x"
    started = time.process_time()
    rasid.extract(text)
    assert time.process_time() - started < 20
