"""kill -9 at random moments of real ``rasid ingest`` and ``rasid batch`` runs (CI-sized: 3 trials each).

``bench/faults.py`` runs the same trials many more times; after each kill the database passes
``PRAGMA integrity_check``, the same command completes it, and the result equals an uninterrupted run's.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from bench_modules import load_bench

TRIALS = 3


@pytest.fixture(scope="module")
def faults() -> ModuleType:
    return load_bench("faults.py")


def test_kill_9_during_ingest_then_resume(faults: ModuleType, shared_dir: Path, tmp_path: Path) -> None:
    report = faults.ingest_kill_trials(TRIALS, shared_dir, tmp_path, seed=3)
    assert report["problems"] == []
    assert report["killed"] + report.get("finished before the kill", 0) == TRIALS
    assert report["killed"] >= 1
    for outcome in ("integrity ok after kill", "resumed ok", "integrity ok after resume", "equal to uninterrupted"):
        assert report[outcome] == TRIALS, outcome
    assert report["documents"] == 21


def test_kill_9_during_batch_then_resume(faults: ModuleType, shared_dir: Path, tmp_path: Path) -> None:
    report = faults.batch_kill_trials(TRIALS, shared_dir, tmp_path, seed=3)
    assert report["problems"] == []
    assert report["killed"] >= 1
    for outcome in ("resumed ok", "integrity ok after resume", "equal to uninterrupted"):
        assert report[outcome] == TRIALS, outcome
    assert (report["documents"], report["partitions"]) == (10, 5)


def test_content_comparison_sees_a_lost_event(faults: ModuleType, shared_dir: Path, tmp_path: Path) -> None:
    """The trials' equality check is not blind: one event deleted is a difference."""
    import sqlite3

    db = tmp_path / "one.db"
    corpus = faults.ingest_corpus(shared_dir, tmp_path / "corpus")
    assert faults.run(faults.ingest_command(corpus, db)).returncode == 0
    before = faults.content(db)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("DELETE FROM events WHERE id = (SELECT max(id) FROM events)")
    conn.commit()
    conn.close()
    assert "events" in faults.difference(faults.content(db), before)
    assert faults.integrity(db) == "ok"
