"""Fault injection on the store and the batch runner, and schemathesis against the API.

Everything runs the real ``rasid`` commands as subprocesses on real articles
read at run time from the shared folder, and judges the outcome by content:

* kill -9 at a random moment of ``rasid ingest`` and ``rasid batch`` (from
  start-up to the last write), then ``PRAGMA integrity_check``, the same
  command again, and a comparison with an uninterrupted run (documents,
  mentions, quotes, events, claims, clusters, search index; row ids and
  timestamps left out);
* disk full (each file capped with ``RLIMIT_FSIZE``, so a write fails with
  EFBIG as it would with ENOSPC), a read-only database folder (a read-only
  bind mount when run as root, else file modes), and two ``rasid ingest``
  processes writing one database at the same time;
* schemathesis over every operation of the OpenAPI schema, in-process (ASGI),
  on a database of real ingested articles: server errors and responses that
  do not match the schema, by kind.

``fault_report(trials)`` and ``web_report(examples)`` return the figures for
``bench/robustness.py``; run as a script, this prints both.

Usage: ``python bench/faults.py [--trials N] [--examples N] [--shared PATH] [--json]``
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = Path(os.environ.get("RASID_SHARED", REPO.parent / "shared"))
BATCH_CORPUS = "data/saudinewsnet_conflict/saudinewsnet_syria_iraq_conflict.jsonl"
INGEST_FILES = ("examples/ghwayran-prison-attack.gold.jsonl", "eval/news-syria-iraq-dev.jsonl",
                "eval/news-english-wire-dev.jsonl")
WEB_KEY = "faults-bench-key"
# Columns that say when something was written, not what: left out of every comparison.
VOLATILE = frozenset({"ingested_at", "updated_at", "applied_at", "created_at"})
Content = dict[str, list[tuple[Any, ...]]]


# ── corpora and commands ────────────────────────────────────────────────────────────────────────

def ingest_corpus(shared: Path, folder: Path) -> Path:
    """A folder of 21 real articles (the worked example and two gold dev files)."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, name in enumerate(INGEST_FILES):
        shutil.copy(shared / name, folder / f"{'abc'[number]}-{Path(name).name}")
    return folder


def batch_corpus(shared: Path, path: Path, count: int = 10) -> Path:
    """The first ``count`` SaudiNewsNet conflict articles as one JSONL file."""
    lines = (shared / BATCH_CORPUS).read_text(encoding="utf-8").splitlines()[:count]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def rasid(*args: str | os.PathLike[str]) -> list[str]:
    """The command line of ``rasid ARGS`` with this interpreter."""
    return [sys.executable, "-m", "rasid", *map(str, args)]


def ingest_command(corpus: Path, db: Path) -> list[str]:
    return rasid("ingest", corpus, "--db", db, "--quiet")


def batch_command(corpus: Path, out: Path) -> list[str]:
    return rasid("batch", corpus, "--out", out, "--partition-size", "2", "--workers", "1", "--quiet")


def run(command: Sequence[str], *, file_limit: int | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run to the end; ``file_limit`` caps every file the command writes (a full disk, per file)."""
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                          preexec_fn=_file_cap(file_limit) if file_limit else None)


def _file_cap(limit: int) -> Callable[[], None]:
    def cap() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the cap fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return cap


def kill_at(command: Sequence[str], delay: float) -> bool:
    """Start ``command`` and SIGKILL it after ``delay`` seconds; False when it ended before."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        process.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True


def timed(command: Sequence[str]) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    done = run(command)
    return done, time.monotonic() - started


# ── judging a database or a batch folder ────────────────────────────────────────────────────────

def integrity(db: Path) -> str:
    """``ok``, or what ``PRAGMA integrity_check`` and ``foreign_key_check`` found."""
    if not db.exists():
        return "ok"
    conn = sqlite3.connect(db, timeout=30)
    try:
        found = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
        keys = conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()
    problems = [p for p in found if p != "ok"] + [f"foreign key: {tuple(k)}" for k in keys]
    return "; ".join(problems[:5]) or "ok"


def document_count(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(db, timeout=30)
    try:
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:  # created, not migrated yet
        return 0
    finally:
        conn.close()


def content(db: Path, *, ignore: frozenset[str] = frozenset()) -> Content:
    """What the database says, not how it was written: row ids replaced by doc ids and report ids."""
    conn = sqlite3.connect(db, timeout=30)
    conn.row_factory = sqlite3.Row
    parent = {"mentions": "document_id", "quotes": "document_id", "events": "document_id",
              "document_signatures": "document_id", "document_bands": "document_id"}
    queries = {
        "documents": "SELECT t.*, o.doc_id AS original FROM documents t LEFT JOIN documents o ON o.id = t.duplicate_of",
        **{table: f"SELECT t.*, d.doc_id AS owner FROM {table} t JOIN documents d ON d.id = t.{key}"
           for table, key in parent.items()},
        "claims": "SELECT t.*, e.report_id AS owner FROM claims t JOIN events e ON e.id = t.event_id",
        "clusters": "SELECT * FROM clusters",
        "cluster_members": "SELECT * FROM cluster_members",
        "reviews": "SELECT * FROM reviews",
        "meta": "SELECT * FROM meta",
        "search_index": "SELECT d.doc_id FROM documents_fts f JOIN documents d ON d.id = f.rowid",
    }
    drop = VOLATILE | ignore | {"id", "document_id", "event_id", "duplicate_of"}
    out: Content = {}
    try:
        for name, sql in queries.items():
            rows = conn.execute(sql).fetchall()
            out[name] = sorted((tuple(row[k] for k in row.keys() if k not in drop) for row in rows), key=repr)
    finally:
        conn.close()
    return out


def difference(found: Content, expected: Content) -> str:
    """The tables whose content differs, with row counts: empty when equal."""
    return ", ".join(f"{t} {len(found.get(t, []))} vs {len(rows)}"
                     for t, rows in expected.items() if found.get(t) != rows)


def batch_content(out: Path) -> dict[str, Any]:
    """Every record of a batch folder by doc id, and whether the manifest lists each partition once."""
    records: dict[str, Any] = {}
    twice = 0
    for part in sorted(out.glob("part-*.jsonl")):
        for line in part.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            twice += record["doc_id"] in records
            records[record["doc_id"]] = record
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {"records": records, "written_twice": twice, "partitions": sorted(manifest["partitions"]),
            "leftovers": sorted(p.name for p in out.iterdir() if p.name.endswith(".tmp"))}


def remove_db(db: Path) -> None:
    for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        path.unlink(missing_ok=True)


# ── kill -9 ─────────────────────────────────────────────────────────────────────────────────────

def ingest_kill_trials(trials: int, shared: Path, work: Path, seed: int = 9) -> dict[str, Any]:
    """``rasid ingest`` killed at a random moment ``trials`` times, each resumed and compared."""
    corpus = ingest_corpus(shared, work / "corpus")
    reference = work / "reference.db"
    done, seconds = timed(ingest_command(corpus, reference))
    if done.returncode != 0:
        raise RuntimeError(f"the uninterrupted ingest failed: {done.stderr}")
    expected = content(reference)
    rng = random.Random(seed)
    outcome: Counter[str] = Counter()
    at_kill: list[int] = []
    problems: list[str] = []
    for trial in range(trials):
        db = work / f"trial-{trial}.db"
        killed = kill_at(ingest_command(corpus, db), rng.uniform(0.0, seconds))
        outcome["killed" if killed else "finished before the kill"] += 1
        at_kill.append(document_count(db))
        checked = integrity(db)
        outcome["integrity ok after kill"] += checked == "ok"
        resumed = run(ingest_command(corpus, db))
        outcome["resumed ok"] += resumed.returncode == 0
        final = integrity(db)
        outcome["integrity ok after resume"] += final == "ok"
        differs = difference(content(db), expected) if resumed.returncode == 0 else "not resumed"
        if differs and resumed.returncode == 0:
            # In a working tree that others edit, the extractor may have changed since the reference run:
            # compare with an uninterrupted run of the code as it is now before calling it a loss.
            remove_db(reference)
            run(ingest_command(corpus, reference))
            expected = content(reference)
            outcome["reference re-run (code changed)"] += 1
            differs = difference(content(db), expected)
        outcome["equal to uninterrupted"] += not differs
        if checked != "ok" or final != "ok" or differs:
            problems.append(f"trial {trial}: integrity {checked}/{final}; {differs or 'equal'}; {resumed.stderr[-300:]}")
        remove_db(db)
    return {"trials": trials, **outcome, "documents": len(expected["documents"]),
            "documents_stored_at_kill": {"min": min(at_kill, default=0), "max": max(at_kill, default=0)},
            "uninterrupted_seconds": round(seconds, 2), "problems": problems}


def batch_kill_trials(trials: int, shared: Path, work: Path, seed: int = 9) -> dict[str, Any]:
    """``rasid batch`` (5 partitions of 2 articles) killed at random moments, resumed and compared."""
    corpus = batch_corpus(shared, work / "batch.jsonl")
    reference = work / "reference-out"
    done, seconds = timed(batch_command(corpus, reference))
    if done.returncode != 0:
        raise RuntimeError(f"the uninterrupted batch failed: {done.stderr}")
    expected = batch_content(reference)
    reference_db = work / "reference-batch.db"
    run(rasid("ingest", "--from-batch", reference, "--db", reference_db, "--quiet"))
    expected_db = content(reference_db, ignore=frozenset({"source_path"}))
    rng = random.Random(seed)
    outcome: Counter[str] = Counter()
    problems: list[str] = []
    for trial in range(trials):
        out = work / f"out-{trial}"
        killed = kill_at(batch_command(corpus, out), rng.uniform(0.0, seconds))
        outcome["killed" if killed else "finished before the kill"] += 1
        resumed = run(batch_command(corpus, out))
        outcome["resumed ok"] += resumed.returncode == 0
        found = batch_content(out) if resumed.returncode == 0 else {}
        same = bool(found) and found["records"] == expected["records"] and not found["written_twice"] \
            and found["partitions"] == expected["partitions"] and not found["leftovers"]
        db = work / f"out-{trial}.db"
        loaded = run(rasid("ingest", "--from-batch", out, "--db", db, "--quiet"))
        checked = integrity(db)
        outcome["integrity ok after resume"] += checked == "ok"
        differs = difference(content(db, ignore=frozenset({"source_path"})), expected_db) \
            if loaded.returncode == 0 else "not loaded"
        outcome["equal to uninterrupted"] += same and not differs
        if not same or differs or checked != "ok":
            problems.append(f"trial {trial}: parts {'equal' if same else 'differ'}; database {differs or 'equal'}; "
                            f"{(resumed.stderr + loaded.stderr)[-300:]}")
        shutil.rmtree(out)
        remove_db(db)
    return {"trials": trials, **outcome, "documents": len(expected["records"]),
            "partitions": len(expected["partitions"]), "uninterrupted_seconds": round(seconds, 2),
            "problems": problems}


# ── disk full, read-only, a second writer ───────────────────────────────────────────────────────

def clear_error(done: subprocess.CompletedProcess[str], *words: str) -> bool:
    """Exit status 2, one ``error:`` line naming the problem, and no traceback."""
    text = done.stderr.lower()
    return done.returncode == 2 and "traceback" not in text and "error:" in text and all(w in text for w in words)


def disk_full_ingest(shared: Path, work: Path, limit: int = 1_000_000) -> dict[str, Any]:
    """Ingest with every file capped at ``limit`` bytes, then again without the cap."""
    corpus = ingest_corpus(shared, work / "corpus")
    reference = work / "full-reference.db"
    run(ingest_command(corpus, reference))
    db = work / "full.db"
    failed = run(ingest_command(corpus, db), file_limit=limit)
    kept = document_count(db)
    checked = integrity(db)
    resumed = run(ingest_command(corpus, db))
    differs = difference(content(db), content(reference)) if resumed.returncode == 0 else "not resumed"
    if differs and resumed.returncode == 0:  # the extractor changed meanwhile (a tree others edit)? Run it again
        remove_db(reference)
        run(ingest_command(corpus, reference))
        differs = difference(content(db), content(reference))
    return {"failed_cleanly": clear_error(failed, "full"), "message": failed.stderr.strip()[-200:],
            "documents_kept": kept, "integrity": checked, "resumed_ok": resumed.returncode == 0,
            "equal_after_resume": not differs, "difference": differs}


def disk_full_batch(shared: Path, work: Path) -> dict[str, Any]:
    """A batch whose files cannot grow past the median part's size (some partitions fit), then without the cap."""
    corpus = batch_corpus(shared, work / "full-batch.jsonl")
    reference, out = work / "full-batch-reference", work / "full-batch-out"
    run(batch_command(corpus, reference))
    sizes = sorted(p.stat().st_size for p in reference.glob("part-*"))
    failed = run(batch_command(corpus, out), file_limit=sizes[len(sizes) // 2] + 1)
    done_before = len(json.loads((out / "manifest.json").read_text(encoding="utf-8"))["partitions"]) \
        if (out / "manifest.json").exists() else 0
    resumed = run(batch_command(corpus, out))
    return {"failed_cleanly": clear_error(failed, "cannot write"), "message": failed.stderr.strip()[-200:],
            "partitions_kept": done_before, "resumed_ok": resumed.returncode == 0,
            "equal_after_resume": resumed.returncode == 0
            and batch_content(out)["records"] == batch_content(reference)["records"]}


@contextmanager
def read_only_folder(folder: Path) -> Iterator[bool]:
    """Make ``folder`` (or one file) read-only: a read-only bind mount as root, file modes otherwise.

    Yields False where neither is possible (root without the right to mount).
    """
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [folder, *(folder.iterdir() if folder.is_dir() else ())]}
        for path in modes:
            path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield True
        finally:
            for path, mode in modes.items():
                path.chmod(mode)
        return
    mounted = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True).returncode == 0
    if mounted and subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)],
                                  capture_output=True).returncode != 0:
        subprocess.run(["umount", str(folder)], capture_output=True)
        mounted = False
    try:
        yield mounted
    finally:
        if mounted:
            gc.collect()  # a connection left to the garbage collector keeps the mount busy
            if subprocess.run(["umount", str(folder)], capture_output=True).returncode != 0:
                subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def read_only(shared: Path, work: Path) -> dict[str, Any]:
    """A stored database in a read-only folder: ingest refuses clearly, reads and ``serve --read-only`` work."""
    corpus = ingest_corpus(shared, work / "corpus")
    folder = work / "ro"
    folder.mkdir()
    db = folder / "corpus.db"
    run(ingest_command(corpus, db))
    with read_only_folder(folder) as possible:
        if not possible:
            return {"skipped": "cannot make a folder read-only here"}
        refused = run(ingest_command(corpus, db))
        listed = run(rasid("events", "--db", db, "--limit", "3"))
        served = _serve_status(db)
    # The database file alone read-only (its folder writable), and new articles to store.
    new = batch_corpus(shared, work / "new.jsonl", count=3)
    with read_only_folder(db) as possible:
        refused_file = run(ingest_command(new, db)) if possible else None
        served_file = _serve_status(db) if possible else None
    return {"ingest_refused_cleanly": clear_error(refused, "read-only"), "message": refused.stderr.strip()[-200:],
            "events_cli_ok": listed.returncode == 0, "serve_read_only_status": served,
            "file_ingest_refused_cleanly": refused_file is not None and clear_error(refused_file, "read-only"),
            "file_serve_read_only_status": served_file, "integrity": integrity(db),
            "documents_unchanged": document_count(db) == 21}


def _serve_status(db: Path) -> int:
    from fastapi.testclient import TestClient

    from rasid.serve import create_app
    from rasid.store import StoreError

    try:
        app = create_app(db, read_only=True)
    except StoreError:
        return 503
    with TestClient(app) as client:
        return client.get("/api/events", params={"limit": 5}).status_code


def second_writer(shared: Path, work: Path) -> dict[str, Any]:
    """Two ingests at once on one new database: the same corpus, then two halves of it."""
    corpus = ingest_corpus(shared, work / "corpus")
    reference = work / "writers-reference.db"
    run(ingest_command(corpus, reference))
    expected = content(reference, ignore=frozenset({"source_path"}))
    out: dict[str, Any] = {}
    halves = (work / "half-1", work / "half-2")
    for number, name in enumerate(INGEST_FILES):
        halves[number % 2].mkdir(exist_ok=True)
        shutil.copy(corpus / f"{'abc'[number]}-{Path(name).name}", halves[number % 2])
    for case, (first, second) in {"same corpus": (corpus, corpus), "two halves": halves}.items():
        db = work / f"writers-{case.replace(' ', '-')}.db"
        processes = [subprocess.Popen(ingest_command(path, db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                      text=True) for path in (first, second)]
        errors = [p.communicate(timeout=600)[1] for p in processes]
        found = content(db, ignore=frozenset({"source_path"}))
        out[case] = {
            "exit_status": [p.returncode for p in processes],
            "messages": [e.strip().splitlines()[-1][:200] if e.strip() else "" for e in errors],
            "integrity": integrity(db),
            "documents": len(found["documents"]), "expected_documents": len(expected["documents"]),
            "analyses_equal": all(found[t] == expected[t] for t in ("documents", "mentions", "quotes", "events",
                                                                     "claims", "search_index")),
            "clusters_equal": found["clusters"] == expected["clusters"]
            and found["cluster_members"] == expected["cluster_members"],
        }
    return out


def fault_report(trials: int, shared: Path = DEFAULT_SHARED) -> dict[str, object]:
    """kill -9 trials per command, disk full, read-only and second-writer outcomes."""
    with tempfile.TemporaryDirectory(prefix="rasid-faults-") as tmp:
        work = Path(tmp)
        report: dict[str, object] = {}
        steps: dict[str, Callable[[Path], dict[str, Any]]] = {
            "kill_9_ingest": lambda w: ingest_kill_trials(trials, shared, w),
            "kill_9_batch": lambda w: batch_kill_trials(trials, shared, w),
            "disk_full_ingest": lambda w: disk_full_ingest(shared, w),
            "disk_full_batch": lambda w: disk_full_batch(shared, w),
            "read_only": lambda w: read_only(shared, w),
            "second_writer": lambda w: second_writer(shared, w),
        }
        for name, step in steps.items():
            folder = work / name
            folder.mkdir()
            started = time.process_time()
            report[name] = {**step(folder), "cpu_seconds_here": round(time.process_time() - started, 2)}
    return report


# ── schemathesis ────────────────────────────────────────────────────────────────────────────────

def web_database(shared: Path, db: Path, count: int = 6) -> Path:
    """A database of ``count`` real articles (Arabic and English), as the API tests use."""
    from rasid.store import connect, ingest

    folder = db.parent / "web-corpus"
    folder.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    for name in INGEST_FILES[1:]:
        with open(shared / name, encoding="utf-8") as handle:
            lines.extend(list(handle)[: count // 2])
    (folder / "docs.jsonl").write_text("".join(lines), encoding="utf-8")
    conn = connect(db)
    try:
        ingest(conn, [str(folder)], where=str(db))
    finally:
        conn.close()
    return db


def schemathesis_run(app: Any, examples: int, *, headers: dict[str, str] | None = None,
                     seed: int = 9) -> dict[str, Any]:
    """Every operation of ``app``'s schema with up to ``examples`` generated requests each.

    Checks: no 5xx, documented status codes, content types and response bodies. Failures are
    counted by check and operation, not raised, so one finding does not hide the others.
    """
    import hypothesis
    import schemathesis
    from hypothesis import HealthCheck, given
    from hypothesis import settings as hsettings
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    checks = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures: Counter[str] = Counter()
    samples: dict[str, str] = {}
    operations: list[str] = []
    tried = 0

    def probe_of(operation: Any, label: str) -> Callable[[], None]:
        @hsettings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck),
                   phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate])
        @hypothesis.seed(seed)
        @given(case=operation.as_strategy())
        def probe(case: Any) -> None:
            nonlocal tried
            tried += 1
            try:
                case.call_and_validate(headers=headers, checks=checks)
            except (Exception, BaseExceptionGroup) as error:  # a check failure or a group: count, go on
                for kind in _failure_kinds(error):
                    failures[f"{kind} @ {label}"] += 1
                    samples.setdefault(f"{kind} @ {label}", str(error)[:600])

        return probe

    for result in schema.get_all_operations():
        found: Any = result  # Ok(operation), or Err for an operation the schema cannot describe
        operation = found.ok()
        label = f"{operation.method.upper()} {operation.path}"
        operations.append(label)
        probe_of(operation, label)()
    return {"operations": operations, "operations_tested": len(operations), "examples": tried,
            "failures": dict(failures), "failure_samples": samples}


def _failure_kinds(error: BaseException) -> list[str]:
    inner = getattr(error, "exceptions", None)
    if inner:
        return [kind for e in inner for kind in _failure_kinds(e)]
    title = getattr(error, "title", None)  # a schemathesis check's finding
    # Anything else escaped the app itself (in-process, an unhandled exception is not turned into a 500).
    return [str(title) if title else f"Server error ({type(error).__name__})"]


def web_report(examples: int, shared: Path = DEFAULT_SHARED) -> dict[str, object]:
    """schemathesis against ``create_app`` (reads, and writes with a key) on real ingested articles."""
    from rasid.serve import create_app

    with tempfile.TemporaryDirectory(prefix="rasid-web-") as tmp:
        db = web_database(shared, Path(tmp) / "web.db")
        app = create_app(db, api_keys=[WEB_KEY])
        started = time.process_time()
        found = schemathesis_run(app, examples, headers={"X-API-Key": WEB_KEY})
        found["cpu_seconds"] = round(time.process_time() - started, 2)
        found["integrity_after"] = integrity(db)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=50, help="kill -9 trials per command (default 50)")
    parser.add_argument("--examples", type=int, default=200, help="schemathesis examples per operation")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--only", choices=("faults", "web"), help="run one half only")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    report: dict[str, object] = {}
    if args.only != "web":
        report["faults"] = fault_report(args.trials, args.shared)
    if args.only != "faults":
        report["web"] = web_report(args.examples, args.shared)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        _print(report)
    return 0


def _print(report: dict[str, object], indent: str = "") -> None:
    for key, value in report.items():
        if isinstance(value, dict):
            print(f"{indent}{key}:")
            _print(value, indent + "  ")
        elif isinstance(value, list) and value and isinstance(value[0], str) and len(value) > 3:
            print(f"{indent}{key}:")
            for item in value:
                print(f"{indent}  - {item}")
        else:
            print(f"{indent}{key}: {value}")


if __name__ == "__main__":
    sys.exit(main())
