"""The shared Arabic news corpus the speed benchmarks read (SaudiNewsNet conflict subset)."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = Path(os.environ.get("RASID_SHARED", REPO.parent / "shared"))


class CorpusMissing(FileNotFoundError):
    pass


def corpus_files(shared: Path) -> list[Path]:
    files = sorted((shared / "data" / "saudinewsnet_conflict").glob("*.jsonl"))
    if not files:
        raise CorpusMissing(f"no corpus under {shared}/data/saudinewsnet_conflict")
    return files


def corpus_lines(files: list[Path], limit: int = 0) -> list[str]:
    """Non-empty JSON lines of the corpus, the first ``limit`` of them when ``limit`` > 0."""
    lines = [line for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines[:limit] if limit > 0 else lines
