"""Loading the output folder of ``rasid batch`` into the store without extracting again.

Each JSONL record carries the document (text and metadata) and its full
analysis; documents go through the same dedup-and-store path as
:func:`rasid.store.ingest`, so ingesting a batch twice stores nothing twice.
Only partitions the manifest lists as finished are read.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from rasid.batch.codec import decode_result
from rasid.batch.manifest import MANIFEST
from rasid.model import Document, Result
from rasid.read import Loaded, Source
from rasid.store.clusters import is_stale, recluster
from rasid.store.db import StoreError
from rasid.store.ingest import IngestSummary, Progress, _ingest_one


def batch_records(folder: str | os.PathLike[str]) -> Iterator[tuple[Source, Document, Result | None]]:
    """(where, document, analysis or None when the worker failed on it) for each finished record."""
    root = Path(folder)
    try:
        manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise StoreError(f"{root}: not a finished rasid batch folder ({error})") from None
    for name in sorted(manifest.get("partitions", {})):
        path = root / manifest["partitions"][name].get("files", {}).get("jsonl", f"{name}.jsonl")
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    document, result = _from_record(json.loads(line))
                    yield Source(str(path), number), document, result


def _from_record(record: dict[str, Any]) -> tuple[Document, Result | None]:
    meta = record.get("document") or {}
    published = record.get("published")
    document = Document(text=meta.get("text", ""), doc_id=record["doc_id"], lang=meta.get("lang") or record.get("lang"),
                        published=date.fromisoformat(published) if published else None,
                        url=meta.get("url"), outlet=meta.get("outlet"), title=meta.get("title"))
    analysis = record.get("analysis")
    return document, (decode_result(document, analysis) if isinstance(analysis, dict) else None)


def ingest_batch(
    conn: sqlite3.Connection,
    folder: str | os.PathLike[str],
    *,
    where: str | os.PathLike[str] = "the database",
    progress: Progress | None = None,
    summary: IngestSummary | None = None,
) -> IngestSummary:
    """Store every document of a batch folder with its precomputed analysis, then re-cluster."""
    summary = summary if summary is not None else IngestSummary()
    note = progress or (lambda what, at: None)
    for source, document, result in batch_records(folder):
        summary.read += 1
        if not document.text.strip():
            summary.skipped.append((str(source), "no text in the batch record"))
            continue
        note(_ingest_one(conn, Loaded(document, source), summary, where, precomputed=result), str(source))
    if is_stale(conn):
        try:
            summary.clusters = recluster(conn, str(where))
        except ImportError:
            summary.clusters = None
    return summary
