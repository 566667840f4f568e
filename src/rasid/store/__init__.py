"""The corpus store: one SQLite file of documents, analyses, fused events and reviews.

Open it with :func:`connect` (pragmas and migrations applied), fill it with
:func:`ingest`, query it with :func:`search` and :mod:`rasid.export`, record
human decisions with :func:`add_review` (then :func:`recluster`). The file is
plain SQLite: Datasette, DuckDB or the sqlite3 shell read it as it is.
"""

from rasid.store.clusters import recluster
from rasid.store.db import StoreError, connect, default_path, transaction
from rasid.store.ingest import IngestSummary, ingest, read_any, stored_document
from rasid.store.reviews import add_review
from rasid.store.search import Hit, search

__all__ = [
    "Hit",
    "IngestSummary",
    "StoreError",
    "add_review",
    "connect",
    "default_path",
    "ingest",
    "read_any",
    "recluster",
    "search",
    "stored_document",
    "transaction",
]
