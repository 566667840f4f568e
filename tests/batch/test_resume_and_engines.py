"""Resume after SIGKILL, Dask LocalCluster == local engine, and ingest --from-batch round trip."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import read_parts, write_jsonl
from rasid.batch import BatchOptions, run_batch
from rasid.cli.main import main

CORPUS = "data/saudinewsnet_conflict/saudinewsnet_syria_iraq_conflict.jsonl"


def _done(out: Path) -> int:
    try:
        return len(json.loads((out / "manifest.json").read_text(encoding="utf-8"))["partitions"])
    except (OSError, ValueError, KeyError):
        return 0


def test_sigkill_then_resume_equals_an_uninterrupted_run(shared_dir: Path, tmp_path: Path) -> None:
    """Real articles, so that each partition takes long enough to be killed in the middle of one."""
    lines = (shared_dir / CORPUS).read_text(encoding="utf-8").splitlines()[:10]
    corpus = tmp_path / "ten.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    killed, whole = tmp_path / "killed", tmp_path / "whole"
    command = [sys.executable, "-m", "rasid", "batch", str(corpus), "--partition-size", "2", "--workers", "1",
               "--quiet", "--out"]
    process = subprocess.Popen([*command, str(killed)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _done(killed) < 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert process.poll() is None, "the run ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    finished = _done(killed)
    assert 2 <= finished < 5
    run_batch([str(corpus)], BatchOptions(out=whole, partition_size=2))
    resumed = subprocess.run([*command, str(killed)], capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    assert _done(killed) == 5
    assert read_parts(killed) == read_parts(whole)  # read_parts fails on a document written twice
    assert len(read_parts(whole)) == 10
    assert not list(killed.glob(".part-*.tmp"))  # leftovers of the killed partition are cleared


def test_dask_local_cluster_gives_the_local_engines_output(phrase_corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    run_batch([str(phrase_corpus)], BatchOptions(out=tmp_path / "local", partition_size=3))
    summary = run_batch([str(phrase_corpus)], BatchOptions(out=tmp_path / "dask", partition_size=3, workers=2,
                                                           engine="dask"))
    assert summary.documents == 14
    assert read_parts(tmp_path / "dask") == read_parts(tmp_path / "local")
    # Each worker process built the pipeline once, however many partitions it ran.
    workers = summary.workers_seen.values()
    assert 1 <= len(workers) <= 2
    assert sum(w["partitions_in_process"] for w in workers) == 5
    # As of each worker's last partition: the pipeline was not rebuilt. (A table may still load
    # there for the first time, when only that partition's text needed it: tables load lazily, once.)
    later = [w for w in workers if w["partitions_in_process"] > 1]
    assert later and not any(w["pipeline_loaded_here"] for w in later)


def test_ingest_from_batch_stores_what_a_plain_ingest_stores(phrase_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([str(phrase_corpus)], BatchOptions(out=out, partition_size=4))
    from_batch, plain = tmp_path / "batch.db", tmp_path / "plain.db"
    assert main(["ingest", "--from-batch", str(out), "--db", str(from_batch), "--quiet"]) == 0
    assert main(["ingest", str(phrase_corpus), "--db", str(plain), "--quiet"]) == 0

    def dump(db: Path) -> tuple[list[tuple[object, ...]], ...]:
        conn = sqlite3.connect(db)
        try:
            return tuple(
                sorted(tuple(row) for row in conn.execute(query).fetchall())
                for query in ("SELECT doc_id, title, lang, published, outlet, text, status FROM documents",
                              "SELECT kind, start, \"end\", canonical FROM mentions",
                              "SELECT speaker, cue, start, \"end\" FROM quotes",
                              "SELECT count(*) FROM events")
            )
        finally:
            conn.close()

    stored = dump(from_batch)
    assert len(stored[0]) == 14 and stored[3][0][0] > 0
    assert stored == dump(plain)
    # A second load stores nothing new.
    assert main(["ingest", "--from-batch", str(out), "--db", str(from_batch), "--quiet"]) == 0
    assert dump(from_batch) == stored


def test_ingest_from_batch_refuses_a_folder_without_manifest(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "part-00000.jsonl", [{"doc_id": "x"}])
    assert main(["ingest", "--from-batch", str(tmp_path), "--db", str(tmp_path / "x.db"), "--quiet"]) == 2
