"""Fixtures of the coding tests: the PETRARCH Arabic newswire sentences, read once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="session")
def sentences(shared_dir: Path) -> dict[str, dict[str, Any]]:
    """``shared/eval/petrarch-arabic-dev.jsonl`` by doc_id (tests cite the ids they read)."""
    path = shared_dir / "eval" / "petrarch-arabic-dev.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["doc_id"]: r for r in records}
