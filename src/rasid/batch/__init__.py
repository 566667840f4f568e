"""Batch extraction of large corpora: partitioned, resumable, on local processes or Dask.

:func:`run_batch` plans partitions over the inputs (:mod:`.partition`), runs
the pending ones on an engine (:mod:`.local`, :mod:`.dask_engine`), each worker
reading its own slice (:mod:`.inputs`) and writing its own part files
(:mod:`.writers`), and records finished partitions in ``manifest.json``
(:mod:`.manifest`) so that a killed run resumes where it stopped.
"""

from rasid.batch.inputs import FieldNames
from rasid.batch.manifest import BatchError
from rasid.batch.runner import BatchOptions, BatchSummary, run_batch

__all__ = ["BatchError", "BatchOptions", "BatchSummary", "FieldNames", "run_batch"]
