"""The corpus store: one SQLite file of documents, analyses, fused events and reviews.

Open it with :func:`connect` (pragmas and migrations applied), fill it with
:func:`ingest`. The file is plain SQLite: Datasette, DuckDB or the sqlite3
shell read it as it is.
"""

from rasid.store.db import StoreError, connect, default_path, transaction
from rasid.store.ingest import IngestSummary, ingest, read_any, stored_document

__all__ = [
    "IngestSummary",
    "StoreError",
    "connect",
    "default_path",
    "ingest",
    "read_any",
    "stored_document",
    "transaction",
]
