"""Shared fixtures: where the shared data lives, and its gold files."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("RASID_SHARED", REPO.parent / "shared"))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared data not found at {SHARED} (set RASID_SHARED)")
    return SHARED


@pytest.fixture(scope="session")
def gold_documents(shared_dir: Path) -> list[dict[str, Any]]:
    """Every gold article: the worked example and the news dev sets."""
    files = sorted(shared_dir.glob("examples/*.gold.jsonl")) + sorted(shared_dir.glob("eval/news-*.jsonl"))
    return [doc for f in files for doc in read_jsonl(f)]


@pytest.fixture(scope="session")
def ghwayran(shared_dir: Path) -> dict[str, Any]:
    return read_jsonl(shared_dir / "examples" / "ghwayran-prison-attack.gold.jsonl")[0]
