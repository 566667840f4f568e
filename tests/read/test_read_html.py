"""HTML pages: main text and metadata in, scripts and event handlers out."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import rasid.read.html as html_reader
from rasid.read import Loaded, Skipped, read_path
from rasid.read.html import declared_charset, extract_page, looks_like_html

HOSTILE = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Militants attack an army post near Ramadi</title>
<meta property="article:published_time" content="2023-05-02T08:30:00Z">
<script>alert(1)</script>
<style>p {{ color: red }}</style>
</head><body>
<nav><a href="/">Home</a></nav>
<img src="x.png" onerror="alert('pwned')">
<article>
<h1>Militants attack an army post near Ramadi</h1>
{paragraphs}
<script type="text/javascript">document.write("stolen cookies");</script>
<noscript>Please enable JavaScript</noscript>
</article>
</body></html>"""

PARAGRAPHS = [
    "Three soldiers were killed on Monday when gunmen attacked an army checkpoint west of Ramadi, an officer said.",
    "The attackers fled towards the desert after a gunfight that lasted nearly an hour, the officer added.",
    "No group has claimed responsibility for the attack so far, and a search operation is under way.",
]


def _page(paragraphs: list[str]) -> str:
    return HOSTILE.format(paragraphs="\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs))


def _assert_clean(text: str) -> None:
    for leaked in ("alert", "pwned", "stolen cookies", "document.write", "color: red", "onerror", "<"):
        assert leaked not in text


def test_scripts_and_handlers_never_reach_the_text(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(_page(PARAGRAPHS), encoding="utf-8")
    (item,) = list(read_path(page))
    assert isinstance(item, Loaded)
    document = item.document
    _assert_clean(document.text)
    for paragraph in PARAGRAPHS:
        assert paragraph in document.text
    assert document.doc_id == "report"
    assert document.title == "Militants attack an army post near Ramadi"
    assert document.published == date(2023, 5, 2)
    assert document.text.startswith(document.title)


def test_plain_lxml_fallback_is_just_as_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_reader, "_with_trafilatura", lambda markup: None)
    page = extract_page(_page(PARAGRAPHS))
    assert page is not None
    _assert_clean(page.text)
    assert page.title == "Militants attack an army post near Ramadi"
    lines = page.text.split("\n")
    for paragraph in PARAGRAPHS:
        assert paragraph in lines  # one block, one line


def test_trafilatura_crash_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(html_reader.trafilatura, "bare_extraction", explode)
    page = extract_page(_page(PARAGRAPHS))
    assert page is not None
    assert PARAGRAPHS[0] in page.text


def test_a_real_arabic_article_in_a_windows_1256_page(tmp_path: Path, ghwayran: dict[str, Any]) -> None:
    paragraphs = [p for p in ghwayran["text"].split("\n") if p.strip()][:4]
    markup = _page(paragraphs).replace('charset="utf-8"', 'charset="windows-1256"')
    page = tmp_path / "ar.htm"
    page.write_bytes(markup.encode("cp1256", errors="ignore"))
    (item,) = list(read_path(page))
    assert isinstance(item, Loaded)
    text = " ".join(item.document.text.split())
    for paragraph in paragraphs:
        expected = paragraph.encode("cp1256", errors="ignore").decode("cp1256")
        assert " ".join(expected.split()) in text


def test_a_page_without_text_is_skipped(tmp_path: Path) -> None:
    page = tmp_path / "blank.html"
    page.write_text("<html><head><script>alert(1)</script></head><body>  </body></html>", encoding="utf-8")
    (item,) = list(read_path(page))
    assert isinstance(item, Skipped)
    assert "no article text" in item.reason


def test_declared_charset_and_html_sniffing() -> None:
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">') == "windows-1256"
    assert declared_charset(b"<p>no meta</p>") is None
    assert looks_like_html("\n<!doctype html><html>")
    assert looks_like_html("<?xml version='1.0'?><!-- c --><html>")
    assert looks_like_html("<div class='story'><p>Three killed.</p></div>")
    assert not looks_like_html("Three killed in <b>Ramadi</b>")
    assert not looks_like_html("<<< breaking >>> three killed")
