"""An ingest killed with SIGKILL mid-run resumes to exactly what an uninterrupted run stores."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from rasid.store import connect, ingest
from tests.store.conftest import dump

REPO = Path(__file__).resolve().parents[2]


def _stored(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.1)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:  # not created or migrated yet
        return 0


def test_kill_9_then_resume(corpus_dir: Path, ingested: Path, tmp_path: Path) -> None:
    db = tmp_path / "killed.db"
    command = [sys.executable, "-m", "rasid", "ingest", str(corpus_dir), "--db", str(db), "--quiet"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _stored(db) < 4 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert process.poll() is None, "the ingest finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    partial = _stored(db)
    assert 4 <= partial < 21

    conn = connect(db)
    summary = ingest(conn, [str(corpus_dir)], where=str(db))
    conn.close()
    assert summary.unchanged == partial and summary.new == 21 - partial
    assert dump(db) == dump(ingested)
