"""Helpers of the store and export tests: a small real corpus and a database dump to compare."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

# Columns that record when something was written, not what: left out when comparing databases.
VOLATILE = {"ingested_at", "updated_at", "applied_at", "created_at"}


def small_corpus(shared: Path, folder: Path) -> Path:
    """A folder of real articles: the worked example and two gold dev files (21 articles)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(shared / "examples" / "ghwayran-prison-attack.gold.jsonl", folder / "a-example.jsonl")
    shutil.copy(shared / "eval" / "news-syria-iraq-dev.jsonl", folder / "b-syria-iraq.jsonl")
    shutil.copy(shared / "eval" / "news-english-wire-dev.jsonl", folder / "c-wire.jsonl")
    return folder


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows (timestamps left out), in a fixed order: equal dumps mean equal content."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'documents_fts_%' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        out: dict[str, list[tuple[Any, ...]]] = {}
        for table in tables:
            cursor = conn.execute(f'SELECT * FROM "{table}"')
            keep = [i for i, d in enumerate(cursor.description) if d[0] not in VOLATILE]
            out[table] = sorted((tuple(row[i] for i in keep) for row in cursor), key=repr)
        return out
    finally:
        conn.close()


def gold_lines(shared: Path, name: str) -> list[dict[str, Any]]:
    with (shared / "eval" / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
