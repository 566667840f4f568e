"""The one function every engine runs: extract a partition and write its part files.

It takes only a small picklable :class:`Task`; models and gazetteers come from
the pipeline's module-level caches, so they load once per worker process and
stay there for every later partition.
"""

from __future__ import annotations

import os
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasid.batch.codec import encode_result
from rasid.batch.inputs import FieldNames, read_piece
from rasid.batch.partition import Partition
from rasid.batch.writers import write_part
from rasid.model import Document
from rasid.pipeline import LimitExceeded, Limits, default_pipeline, extract_document
from rasid.resources import read_table

_PARTITIONS_DONE = 0  # per process: how many partitions this worker ran (shows the caches live on)


@dataclass(frozen=True, slots=True)
class Task:
    partition: Partition
    out: str
    fields: FieldNames
    parquet: bool
    limits: Limits = field(default_factory=Limits)


def run_task(task: Task) -> dict[str, Any]:
    """Process one partition; returns what the manifest records about it."""
    global _PARTITIONS_DONE
    started = time.process_time()
    builds_before = default_pipeline.cache_info().misses
    tables_before = read_table.cache_info().misses
    records: list[dict[str, Any]] = []
    skipped: list[dict[str, str]] = []
    failed = events = 0
    for piece in task.partition.pieces:
        for item in read_piece(piece, task.fields):
            if item.document is None:
                skipped.append({"where": item.where, "reason": item.problem or "unreadable"})
                continue
            record = process_document(item.document, task.limits)
            if "skipped" in record:  # over a limit: kept in the part file (text and all), not extracted
                skipped.append({"where": f"{item.where} ({record['doc_id']})", "reason": record["skipped"]})
            elif "error" in record:
                failed += 1
            events += len(record.get("events", []))
            records.append(record)
    files = write_part(Path(task.out), task.partition.name, records, task.parquet)
    _PARTITIONS_DONE += 1
    return {
        "documents": len(records), "events": events, "failed": failed, "skipped": skipped, "files": files,
        "worker": {"pid": os.getpid(), "partitions_in_process": _PARTITIONS_DONE,
                   "pipeline_loaded_here": default_pipeline.cache_info().misses > builds_before,
                   "tables_loaded_here": read_table.cache_info().misses - tables_before,
                   "cpu_s": round(time.process_time() - started, 3),
                   "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss},
    }


def process_document(document: Document, limits: Limits | None = None) -> dict[str, Any]:
    """The output record of one document: ``Result.to_dict()`` plus its metadata and full analysis.

    A document over ``limits`` gets ``"skipped": reason`` and a crash ``"error"``; both keep the text.
    """
    meta = {"text": document.text, "url": document.url, "outlet": document.outlet, "title": document.title}
    empty: dict[str, Any] = {"doc_id": document.doc_id, "lang": document.lang,
                             "published": document.published.isoformat() if document.published else None,
                             "events": [], "quotes": [], "document": meta}
    try:
        result = extract_document(document, limits=limits)
    except LimitExceeded as over:
        return {**empty, "skipped": f"{type(over).__name__}: {over}"}
    except Exception as failure:  # one document's crash must not lose its partition
        return {**empty, "error": f"{type(failure).__name__}: {failure}"}
    record = result.to_dict()
    record["document"] = {**meta, "lang": result.document.lang}
    record["analysis"] = encode_result(result)
    return record
