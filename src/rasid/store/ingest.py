"""The ingest use case: inputs in, documents, analyses and fused events stored.

For each document read: skip it if already stored (so re-ingesting is a
no-op), link it to its original if it is an exact or near copy (stored, not
extracted again), else extract it with :func:`rasid.pipeline.extract_document`.
Each document is written in ONE transaction after its extraction, so a run
killed at any point loses at most the document in hand and the next run
resumes where it stopped. Events are re-clustered at the end of the run, or
at the start of the next one if a run died before doing it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from rasid.model import Document, Result
from rasid.pipeline import DocumentTimedOut, DocumentTooLarge, extract_document
from rasid.read import Loaded, ReadItem, Skipped, Source, Warned, read_bytes, read_path
from rasid.read.feeds import FEED_SUFFIXES, looks_like_feed, read_feed
from rasid.read.fetch import FetchError, fetch, is_url
from rasid.store.clusters import is_stale, mark_stale, recluster
from rasid.store.db import StoreError, explain, transaction
from rasid.store.dedup import fingerprint
from rasid.store.documents import already_read, find_by_doc_id, find_original, store_document
from rasid.text.lang import detect_language
from rasid.text.normalize import normalize


@dataclass
class IngestSummary:
    """What one run did, for the closing summary line."""

    read: int = 0
    new: int = 0
    duplicates: int = 0
    unchanged: int = 0
    failed: int = 0
    events: int = 0
    clusters: int | None = None
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)


Progress = Callable[[str, str], None]  # (what happened, where)


class _StoredMeanwhile(Exception):
    """Another process stored a document under this id between our look-up and our write."""


def read_any(path: str) -> Iterator[ReadItem]:
    """Documents of a file, folder, feed file, feed URL or page URL."""
    if is_url(path):
        try:
            fetched = fetch(path)
        except FetchError as error:
            yield Skipped(Source(path), str(error))
            return
        if looks_like_feed(fetched.data) or "rss" in fetched.content_type or "atom" in fetched.content_type:
            yield from read_feed(fetched.data, Source(path), path, _fetch_bytes)
        else:
            items = read_bytes(fetched.data, Source(path), fetched.url, "html")
            yield from (_with_url(item, fetched.url) for item in items)
        return
    target = Path(path)
    if target.is_file() and target.suffix.lower() in FEED_SUFFIXES:
        yield from _read_feed_file(target)
        return
    if target.is_dir():
        feeds = sorted(f for f in target.rglob("*") if f.suffix.lower() in FEED_SUFFIXES and f.is_file()
                       and not any(part.startswith(".") for part in f.relative_to(target).parts))
        items = read_path(path)
        if feeds:  # a folder of feeds only is not "no readable files"
            items = (i for i in items if not (isinstance(i, Skipped) and i.where.path == str(path)))
        yield from items
        for feed in feeds:
            yield from _read_feed_file(feed)
        return
    yield from read_path(path)


def _read_feed_file(target: Path) -> Iterator[ReadItem]:
    try:
        data = target.read_bytes()
    except OSError as error:
        yield Skipped(Source(str(target)), f"cannot read: {error.strerror or error}")
        return
    yield from read_feed(data, Source(str(target)), target.stem, _fetch_bytes)


def _fetch_bytes(url: str) -> bytes:
    return fetch(url).data


def _with_url(item: ReadItem, url: str) -> ReadItem:
    if isinstance(item, Loaded) and item.document.url is None:
        return Loaded(replace(item.document, url=url), item.where)
    return item


def ingest(
    conn: sqlite3.Connection,
    paths: Iterable[str],
    *,
    where: str | os.PathLike[str] = "the database",
    progress: Progress | None = None,
    recluster_events: bool = True,
    summary: IngestSummary | None = None,
) -> IngestSummary:
    """Read, deduplicate, extract and store every document under ``paths``.

    Pass ``summary`` to keep the counts of a run that stops on a database error.
    """
    summary = summary if summary is not None else IngestSummary()
    note = progress or (lambda what, at: None)
    for path in paths:
        for item in read_any(path):
            if isinstance(item, Warned):
                summary.warnings.append((str(item.where), item.message))
            elif isinstance(item, Skipped):
                summary.skipped.append((str(item.where), item.reason))
                note("skipped", str(item.where))
            else:
                summary.read += 1
                note(_ingest_one(conn, item, summary, where), str(item.where))
    if recluster_events and is_stale(conn):
        try:
            summary.clusters = recluster(conn, str(where))
        except ImportError:  # fusion not installed in this build: events stay unclustered, flag stays set
            summary.clusters = None
    return summary


def _ingest_one(conn: sqlite3.Connection, item: Loaded, summary: IngestSummary, where: str | os.PathLike[str],
                *, precomputed: Result | None = None) -> str:
    """Store one document; ``precomputed`` is its analysis from ``rasid batch`` (not extracted again)."""
    document = item.document
    norm_text = normalize(document.text).text
    fp = fingerprint(document.text, norm_text)
    if already_read(conn, fp.content_hash, item.where.path):
        # The same text from the same file or URL: stored before, perhaps under a line-number id
        # that moved because lines were added above it.
        summary.unchanged += 1
        return "unchanged"
    existing = find_by_doc_id(conn, document.doc_id)
    if existing is not None:
        if existing.content_hash == fp.content_hash:
            summary.unchanged += 1
            return "unchanged"
        # Another text under the same id (two folders with an "article.txt"): keep both.
        document = replace(document, doc_id=f"{document.doc_id}~{fp.content_hash[:10]}")
        if find_by_doc_id(conn, document.doc_id) is not None:
            summary.unchanged += 1
            return "unchanged"
    if document.lang is None:
        document = replace(document, lang=detect_language(document.text))
    original = find_original(conn, fp)
    result: Result | None = None
    error: str | None = None
    if original is None and precomputed is not None:
        result = replace(precomputed, document=document)
    elif original is None:
        try:
            result = extract_document(document)
        except DocumentTooLarge as too_large:
            summary.skipped.append((str(item.where), f"too long: {too_large}"))
            return "skipped"
        except DocumentTimedOut as timed_out:  # nothing stored: a later run with a higher limit takes it
            summary.skipped.append((str(item.where), f"timed out: {timed_out}"))
            return "skipped"
        except Exception as failure:  # one document's crash must not end a corpus run
            error = f"extraction failed ({type(failure).__name__}: {failure})"
    try:
        with transaction(conn, where):
            try:
                store_document(conn, document, norm_text, fp, source_path=item.where.path,
                               duplicate_of=original, result=result, error=error)
            except sqlite3.IntegrityError:
                if find_by_doc_id(conn, document.doc_id) is None:
                    raise  # a real constraint problem, reported as a database error
                raise _StoredMeanwhile from None
            if result is not None and result.events:
                mark_stale(conn)
    except _StoredMeanwhile:
        # A second ingest of the same database stored this id after we looked: decide again, now that
        # it is there (unchanged, or another text under the same id).
        return _ingest_one(conn, item, summary, where, precomputed=result if error is None else None)
    except sqlite3.Error as db_error:
        raise StoreError(explain(db_error, where)) from None
    if original is not None:
        summary.duplicates += 1
        return "duplicate"
    if error is not None:
        summary.failed += 1
        summary.skipped.append((str(item.where), error))
        return "failed"
    summary.new += 1
    summary.events += len(result.events) if result else 0
    return "new"


def stored_document(conn: sqlite3.Connection, doc_id: str) -> Document | None:
    """A stored document as read back (metadata and text)."""

    row = conn.execute(
        "SELECT doc_id, text, lang, published, url, outlet, title FROM documents WHERE doc_id = ?", (doc_id,)
    ).fetchone()
    if row is None:
        return None
    return Document(text=row["text"], doc_id=row["doc_id"], lang=row["lang"],
                    published=date.fromisoformat(row["published"]) if row["published"] else None,
                    url=row["url"], outlet=row["outlet"], title=row["title"])


def ingest_document(
    conn: sqlite3.Connection, document: Document, *, source_path: str, where: str | os.PathLike[str] = "the database",
) -> tuple[str, IngestSummary]:
    """Store one document given in memory (e.g. posted to the API) exactly as :func:`ingest` stores a file's.

    Returns what happened ("new", "duplicate", "unchanged", "failed", "skipped") and the counts; the caller
    re-clusters.
    """
    summary = IngestSummary(read=1)
    outcome = _ingest_one(conn, Loaded(document, Source(source_path)), summary, where)
    return outcome, summary
