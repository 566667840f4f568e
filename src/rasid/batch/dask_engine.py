"""The Dask engine: the same tasks on ``dask.distributed``, on a scheduler given by address
or on a LocalCluster of single-threaded worker processes bound to 127.0.0.1.

Only :class:`~rasid.batch.worker.Task` descriptors travel to the workers; each
worker imports rasid once and keeps its models in its module caches.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from rasid.batch.manifest import BatchError
from rasid.batch.worker import Task, run_task


def run_dask(tasks: Sequence[Task], workers: int, scheduler: str | None) -> Iterator[tuple[Task, dict[str, Any]]]:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise BatchError("--engine dask needs dask.distributed: pip install 'rasid[dask]'") from None
    run_id = uuid.uuid4().hex[:8]  # keys unique per run: a long-lived scheduler must not reuse old results
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None,
                               silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        futures = {client.submit(run_task, task, pure=False, key=f"rasid-{run_id}-{task.partition.name}"): task
                   for task in tasks}
        for future in as_completed(futures):
            yield futures[future], future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
