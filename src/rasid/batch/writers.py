"""Part files: ``part-NNNNN.jsonl`` (one full record per document) and ``part-NNNNN.parquet``
(one row per event). Both are written to temporary names and renamed, Parquet first, so a
``part-NNNNN.jsonl`` that exists is always complete.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rasid.batch.manifest import write_atomic

# Column types of the flattened event table; every other column is a string.
_INT_COLUMNS = frozenset({"fatalities", "evidence_start", "evidence_end", "geo_precision", "time_precision", "event_number"})
_FLOAT_COLUMNS = frozenset({"latitude", "longitude", "confidence"})
_BOOL_COLUMNS = frozenset({"historical"})
DOC_COLUMNS = ("doc_id", "event_number", "published", "outlet", "url", "title", "lang")


def event_rows(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """One flat row per event, with its document's id and metadata first."""
    rows = []
    for record in records:
        doc = record.get("document") or {}
        for number, event in enumerate(record.get("events", []), start=1):
            row = {"doc_id": record["doc_id"], "event_number": number, "published": record.get("published"),
                   "outlet": doc.get("outlet"), "url": doc.get("url"), "title": doc.get("title"),
                   "lang": record.get("lang")}
            row.update({key: value for key, value in event.items() if key not in row})
            rows.append(row)
    return rows


def has_parquet() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def write_part(out: Path, name: str, records: Sequence[dict[str, Any]], parquet: bool) -> dict[str, str]:
    """Write one partition's files atomically; returns the file names written."""
    files = {}
    if parquet:
        write_atomic(out / f"{name}.parquet", _parquet_bytes(event_rows(records)))
        files["parquet"] = f"{name}.parquet"
    lines = "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in records)
    write_atomic(out / f"{name}.jsonl", lines.encode("utf-8"))
    files["jsonl"] = f"{name}.jsonl"
    return files


def _parquet_bytes(rows: list[dict[str, Any]]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    names = list(DOC_COLUMNS) + [k for k in _event_columns() if k not in DOC_COLUMNS]
    for row in rows:
        names.extend(k for k in row if k not in names)
    schema = pa.schema([(n, _arrow_type(pa, n)) for n in names])
    table = pa.Table.from_pylist([{n: _cell(n, row.get(n)) for n in names} for row in rows], schema=schema)
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def _event_columns() -> list[str]:
    from rasid.model import Event, Span

    return list(Event("Battles", "Armed clash", Span(0, 0), "").to_dict())


def _arrow_type(pa: Any, name: str) -> Any:
    if name in _INT_COLUMNS:
        return pa.int64()
    if name in _FLOAT_COLUMNS:
        return pa.float64()
    if name in _BOOL_COLUMNS:
        return pa.bool_()
    return pa.string()


def _cell(name: str, value: Any) -> Any:
    if value is None or name in _INT_COLUMNS | _FLOAT_COLUMNS | _BOOL_COLUMNS:
        return value
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def remove_parts(out: Path) -> None:
    """Delete part files and leftovers of an earlier run (for --restart)."""
    for path in out.iterdir():
        if path.name.startswith(("part-", ".part-", ".manifest.json")) or path.name == "manifest.json":
            os.remove(path)
