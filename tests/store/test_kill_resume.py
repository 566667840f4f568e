"""An ingest killed with SIGKILL mid-run resumes to exactly what an uninterrupted run stores.

All three runs (uninterrupted, killed, resumed) are real ``rasid ingest``
subprocesses of the same code; the uninterrupted one runs beside the one
that gets killed, to keep the test short.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from store_helpers import dump


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


def _ingest(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "rasid", "ingest", str(corpus), "--db", str(db), "--quiet"]
    return subprocess.Popen(command, cwd=db.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_kill_9_then_resume(corpus_dir: Path, tmp_path: Path) -> None:
    killed_db, whole_db = tmp_path / "killed.db", tmp_path / "whole.db"
    whole = _ingest(corpus_dir, whole_db)
    killed = _ingest(corpus_dir, killed_db)
    deadline = time.monotonic() + 90
    while _stored(killed_db) < 4 and killed.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert killed.poll() is None, "the ingest finished before it could be killed"
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    partial = _stored(killed_db)
    assert 4 <= partial < 21

    resumed = _ingest(corpus_dir, killed_db)
    _, err = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, err
    assert f"{partial} already stored" in err.decode() and f"{21 - partial} new" in err.decode()
    whole.communicate(timeout=120)
    assert whole.returncode == 0
    assert dump(killed_db) == dump(whole_db)
