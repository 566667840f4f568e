"""The local engine: pending partitions on a pool of worker processes (or in this process for one).

Results come back as partitions finish, in any order; the caller records each in
the manifest as it arrives.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from typing import Any

from rasid.batch.worker import Task, run_task


def run_local(tasks: Sequence[Task], workers: int) -> Iterator[tuple[Task, dict[str, Any]]]:
    if workers <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield task, run_task(task)
        return
    context = multiprocessing.get_context("spawn" if _forking_unsafe() else "fork")
    with context.Pool(processes=min(workers, len(tasks)), maxtasksperchild=None) as pool:
        by_index = {t.partition.index: t for t in tasks}
        for info in pool.imap_unordered(_indexed, tasks, chunksize=1):
            yield by_index[info["index"]], info["info"]


def _indexed(task: Task) -> dict[str, Any]:
    return {"index": task.partition.index, "info": run_task(task)}


def _forking_unsafe() -> bool:
    """Fork copies the parent's threads' locks; after a thread was started, spawn is safer."""
    import threading

    return threading.active_count() > 1
