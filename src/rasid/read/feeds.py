"""RSS and Atom feeds: one document per entry.

An entry's own content (``content:encoded``, Atom ``content``) is used when
it is an article; when a feed carries only a teaser, the entry's link is
fetched and read as an HTML page, if a fetcher is given. A file that is not
a feed, or a feed with no entries, is one :class:`Skipped` record.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any

import feedparser

from rasid.model import Document
from rasid.read.fields import optional_text
from rasid.read.html import extract_page, read_html_bytes
from rasid.read.records import Loaded, ReadItem, Skipped, Source, Warned

FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
MIN_ARTICLE_CHARS = 400  # an entry shorter than this is a teaser: its link holds the article
_FEED_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.DOTALL)

Fetcher = Callable[[str], bytes]


def looks_like_feed(data: bytes) -> bool:
    """True when the bytes open as an RSS, Atom or RSS 1.0 (RDF) document."""
    return bool(_FEED_START.match(data[:4096]))


def read_feed(data: bytes, where: Source, stem: str, fetcher: Fetcher | None = None) -> Iterator[ReadItem]:
    """Yield the documents of a feed's entries; ``fetcher`` reads linked pages for teaser-only entries."""
    try:
        parsed: Any = feedparser.parse(data)
    except Exception as error:  # feedparser raises on some broken encodings (NUL in a declared charset)
        yield Skipped(where, f"not a readable RSS/Atom feed ({type(error).__name__}: {error})")
        return
    entries = list(parsed.get("entries") or [])
    if not entries:
        problem = parsed.get("bozo_exception")
        reason = f"not a readable RSS/Atom feed ({problem})" if problem else "the feed has no entries"
        yield Skipped(where, reason)
        return
    if parsed.get("bozo"):
        yield Warned(where, f"feed is not well-formed ({parsed.get('bozo_exception')}); read what could be read")
    outlet = optional_text((parsed.get("feed") or {}).get("title"))
    for number, entry in enumerate(entries, start=1):
        yield from _entry(entry, Source(where.path, number), f"{stem}:{number}", outlet, fetcher)


def _entry(entry: Any, where: Source, default_id: str, outlet: str | None, fetcher: Fetcher | None) -> Iterator[ReadItem]:
    link = optional_text(entry.get("link"))
    title = optional_text(entry.get("title"))
    doc_id = optional_text(entry.get("id")) or link or default_id
    text = _entry_text(entry)
    if len(text) < MIN_ARTICLE_CHARS and link and fetcher is not None:
        try:
            page = list(read_html_bytes(fetcher(link), where, doc_id))
        except Exception as error:  # the teaser is still worth keeping
            yield Warned(where, f"could not fetch {link}: {error}")
        else:
            loaded = [item for item in page if isinstance(item, Loaded)]
            if loaded:
                doc = loaded[0].document
                yield Loaded(
                    Document(text=doc.text, doc_id=doc_id, published=doc.published or _published(entry),
                             url=link, outlet=outlet or doc.outlet, title=title or doc.title),
                    where,
                )
                return
    if not text.strip():
        yield Skipped(where, "feed entry has no text")
        return
    yield Loaded(Document(text=text, doc_id=doc_id, published=_published(entry), url=link, outlet=outlet,
                          title=title), where)


def _entry_text(entry: Any) -> str:
    """The longest of the entry's content and summary, as plain text."""
    values = [c.get("value", "") for c in entry.get("content") or []] + [entry.get("summary") or ""]
    best = ""
    for value in values:
        if not value.strip():
            continue
        page = extract_page(f"<html><body><div>{value}</div></body></html>") if "<" in value else None
        text = page.text if page is not None else value.strip()
        if len(text) > len(best):
            best = text
    title = optional_text(entry.get("title"))
    if best and title and not best.startswith(title):
        best = f"{title}\n{best}"  # the headline names the main event
    return best


def _published(entry: Any) -> date | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    return datetime.fromtimestamp(calendar.timegm(stamp), UTC).date()
