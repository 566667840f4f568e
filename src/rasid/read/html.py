"""HTML pages: the article's main text and metadata, never its scripts.

trafilatura finds the article among menus, ads and comments and reads the
title, date and site name; when it finds nothing (tiny or odd pages) a plain
lxml pass keeps the visible text. Both drop ``<script>``, ``<style>`` and
friends, and attributes (``onerror=`` …) never reach the text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

import lxml.etree
import lxml.html
import trafilatura

from rasid.model import Document
from rasid.read.decode import REPLACED, decode_bytes
from rasid.read.fields import optional_text, parse_published
from rasid.read.records import Loaded, ReadItem, Skipped, Source, Warned

# trafilatura and its helpers log "empty page" and the like at WARNING; without
# a handler Python would print them to stderr beside rasid's own messages.
for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# A page, or a fragment of one, opens with one of these tags (after any XML
# declaration and comments); prose that merely contains a tag does not.
_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|article|main|section|div|p|h[1-6]|header|nav|table|ul|ol)\b",
    re.IGNORECASE | re.DOTALL,
)

# Elements whose content is never article text.
_DROP = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "canvas", "head")
_BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table td th tr ul".split()
)
_SPACES = re.compile(r"[ \t\f\v\r\u00a0]+")


@dataclass(frozen=True, slots=True)
class Page:
    """What a page yields: main text plus the metadata a Document keeps."""

    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    outlet: str | None = None


def declared_charset(data: bytes) -> str | None:
    """The encoding a page names in ``<meta charset>`` (looked for in its first 4 KB)."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def looks_like_html(text: str) -> bool:
    """True when text starts as an HTML document does (used for stdin and unknown extensions)."""
    return bool(_HTML_START.match(text[:4096]))


def read_html_bytes(data: bytes, where: Source, doc_id: str) -> Iterator[ReadItem]:
    """Decode a page (honouring its declared charset) and yield its document."""
    markup, encoding = decode_bytes(data, declared=declared_charset(data))
    if encoding == REPLACED:
        yield Warned(where, f"{markup.count(chr(0xFFFD))} invalid UTF-8 sequence(s) replaced by U+FFFD")
    yield from read_html(markup, where, doc_id)


def read_html(markup: str, where: Source, doc_id: str) -> Iterator[ReadItem]:
    """Yield the document of one HTML page, or a skip when it has no visible text."""
    page = extract_page(markup)
    if page is None or not page.text.strip():
        yield Skipped(where, "no article text found in the HTML page")
        return
    published, problem = parse_published(page.date)
    if problem:
        yield Warned(where, problem)
    yield Loaded(
        Document(
            text=page.text,
            doc_id=doc_id,
            published=published,
            url=page.url,
            outlet=page.outlet,
            title=page.title,
        ),
        where,
    )


def extract_page(markup: str) -> Page | None:
    """Main text and metadata of a page: trafilatura first, plain lxml text if it finds nothing."""
    page = _with_trafilatura(markup) or _with_lxml(markup)
    if page is None:
        return None
    return Page(_with_title(page.text, page.title), page.title, page.date, page.url, page.outlet)


def _with_trafilatura(markup: str) -> Page | None:
    try:
        found = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,  # reader comments are not the report
            # Only dates the page states for itself: a guessed publication date
            # would silently shift every relative date ("yesterday") in the text.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # a crash on one odd page must not lose it: fall back to lxml
        return None
    if found is None or isinstance(found, dict):
        return None
    text = (found.text or "").strip()
    if not text:
        return None
    return Page(
        text=text,
        title=optional_text(found.title),
        date=optional_text(found.date),
        url=optional_text(found.url),
        outlet=optional_text(found.sitename),
    )


def _with_lxml(markup: str) -> Page | None:
    """Visible text of the body, one line a block element, without scripts or styles."""
    try:
        root = lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError):
        return None
    titles = root.xpath("//head/title/text()|//title/text()")
    title = optional_text(" ".join(_SPACES.sub(" ", t) for t in titles[:1]))
    # One pass in C, keeping each dropped element's tail text (as drop_tree() does); calling
    # drop_tree() per element was quadratic in the number of siblings (a <script> flood).
    lxml.etree.strip_elements(root, *_DROP, with_tail=False)
    parts: list[str] = []
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        is_element = isinstance(element.tag, str)  # comments and PIs have callable tags
        if event == "start":
            if is_element and element.tag in _BLOCKS:
                parts.append("\n")
            if is_element and element.text:
                parts.append(element.text)
        else:
            if is_element and element.tag in _BLOCKS:
                parts.append("\n")
            if element.tail:
                parts.append(element.tail)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    text = "\n".join(line for line in lines if line)
    return Page(text=text, title=title) if text else None


def _with_title(text: str, title: str | None) -> str:
    """Put the headline first unless the text already opens with it: headlines name the main event."""
    if not title or _SPACES.sub(" ", text[: len(title) * 2]).find(title) != -1:
        return text
    return f"{title}\n{text}"
