"""One batch run: plan, check the manifest, run the pending partitions, record each as it ends."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from rasid.batch import manifest as mf
from rasid.batch.inputs import FieldNames
from rasid.batch.manifest import BatchError
from rasid.batch.partition import input_files, plan
from rasid.batch.worker import Task
from rasid.batch.writers import has_parquet, remove_parts
from rasid.pipeline import Limits

Engine = Literal["local", "dask"]
Progress = Callable[[int], None]


@dataclass(frozen=True)
class BatchOptions:
    out: Path
    workers: int = 1
    engine: Engine = "local"
    scheduler: str | None = None
    partition_size: int = 500
    fields: FieldNames = field(default_factory=FieldNames)
    restart: bool = False
    parquet: bool = True
    limits: Limits = field(default_factory=Limits)


@dataclass
class BatchSummary:
    partitions: int = 0
    resumed: int = 0  # partitions found done in the manifest
    documents: int = 0
    events: int = 0
    failed: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    workers_seen: dict[int, dict[str, Any]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def result_options(options: BatchOptions) -> dict[str, Any]:
    """The options that shape the results: a resume must use the same ones (workers and engine may change)."""
    settings: dict[str, Any] = {"partition_size": options.partition_size, "fields": options.fields.as_dict(),
                                "parquet": options.parquet}
    # Size limits shape results; recorded only when not the defaults, so older manifests still resume.
    # The time limit is left out: CPU time differs from machine to machine anyway.
    sizes = {"max_chars": options.limits.max_chars, "max_sentence_chars": options.limits.max_sentence_chars}
    if sizes != {"max_chars": Limits().max_chars, "max_sentence_chars": Limits().max_sentence_chars}:
        settings["limits"] = sizes
    return settings


def run_batch(paths: Sequence[str], options: BatchOptions, *, progress: Progress | None = None,
              on_plan: Callable[[int, int], None] | None = None) -> BatchSummary:
    """Extract every document under ``paths`` into part files under ``options.out``.

    ``progress(n)`` is called with the number of documents of each partition as it finishes;
    ``on_plan(total_records, records_already_done)`` once before the work starts.
    """
    started = time.perf_counter()
    if options.parquet and not has_parquet():
        raise BatchError("Parquet output needs pyarrow: pip install 'rasid[export]' (or pass --no-parquet)")
    files = input_files(paths)
    out = options.out
    out.mkdir(parents=True, exist_ok=True)
    inputs = mf.describe_inputs(files)
    settings = result_options(options)
    old = mf.load(out)
    if old is not None and options.restart:
        remove_parts(out)
        old = None
    if old is not None:
        mf.check_resumable(old, inputs, settings)
    # Half-written by a killed run: never renamed, never recorded (the manifest's own temporary included).
    for leftover in [*out.glob(".part-*.tmp"), *out.glob(f".{mf.MANIFEST}.*.tmp")]:
        leftover.unlink()
    partitions = plan(files, options.partition_size)
    manifest = old or mf.new_manifest(inputs, settings, len(partitions), sum(p.records for p in partitions))
    if old is None:
        remove_parts(out)  # part files without a manifest are leftovers of nothing we can trust
        mf.save(out, manifest)
    done = manifest["partitions"]
    summary = BatchSummary(partitions=len(partitions))
    pending = [p for p in partitions if p.name not in done]
    summary.resumed = len(partitions) - len(pending)
    for info in done.values():
        _count(summary, info)
    if on_plan:
        on_plan(sum(p.records for p in partitions), sum(p.records for p in partitions if p.name in done))
    tasks = [Task(p, str(out), options.fields, options.parquet, options.limits) for p in pending]
    try:
        for task, info in _engine(tasks, options):
            worker = info.pop("worker", {})
            done[task.partition.name] = {**info, "records": task.partition.records}
            mf.save(out, manifest)  # only now is this partition done for a resumed run
            _count(summary, info)
            summary.workers_seen.setdefault(worker.get("pid", 0), {}).update(worker)
            if progress:
                progress(task.partition.records)
    except OSError as error:  # disk full, quota, permissions: the partitions finished before stay valid
        where = f" {error.filename}" if error.filename else f" under {out}"
        raise BatchError(f"cannot write{where}: {error.strerror or error}; the {len(done)} partitions finished "
                         "before it are kept, run the same command again to resume") from None
    summary.seconds = time.perf_counter() - started
    return summary


def _engine(tasks: list[Task], options: BatchOptions) -> Iterator[tuple[Task, dict[str, Any]]]:
    if not tasks:
        return iter(())
    if options.engine == "dask":
        from rasid.batch.dask_engine import run_dask

        return run_dask(tasks, options.workers, options.scheduler)
    if options.scheduler:
        raise BatchError("--scheduler needs --engine dask")
    from rasid.batch.local import run_local

    return run_local(tasks, options.workers)


def _count(summary: BatchSummary, info: dict[str, Any]) -> None:
    summary.documents += int(info.get("documents", 0))
    summary.events += int(info.get("events", 0))
    summary.failed += int(info.get("failed", 0))
    summary.skipped.extend(info.get("skipped", []))
