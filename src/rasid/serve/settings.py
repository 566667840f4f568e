"""What one API instance serves and how: the database, write mode, keys and limits.

Reads reuse one read-only SQLite connection per thread: opening one costs
more than a typical indexed page query (schema parse, pragmas), and SQLite in
WAL mode lets many readers run beside a writer, each statement seeing the
latest commit. A connection is only reused by the thread that made it (the
``sqlite3`` module's rule), and one whose request failed in SQLite or in
Python is closed rather than kept, so no half-read statement can pin an old
snapshot. Writes open their own connection per request. Read-only mode opens the file with
``mode=ro`` so even a bug in a write path cannot change it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import HTTPException, Request

from rasid.store.db import StoreError, connect

DEFAULT_MAX_BODY_BYTES = 2_000_000  # a long article is ~100 kB; this leaves room without inviting abuse
MAX_LIMIT = 500
# Readers map the file instead of copying pages into each connection's cache: the OS page cache is shared
# by every thread and worker process, so 40 threads do not hold 40 private copies of the hot indexes.
READER_MMAP_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    db_path: Path
    read_only: bool = False
    api_keys: tuple[str, ...] = ()  # extra keys given at start-up (besides the database's api_keys table)
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    extra: dict[str, str] = field(default_factory=dict)
    _readers: threading.local = field(default_factory=threading.local, init=False, repr=False, compare=False)

    @contextmanager
    def db(self, *, write: bool = False) -> Iterator[sqlite3.Connection]:
        """A connection for one request: this thread's reader, or a new writer closed afterwards."""
        if write and not self.read_only:
            writer = self._open(readonly=False)
            try:
                yield writer
            finally:
                writer.close()
            return
        conn: sqlite3.Connection | None = getattr(self._readers, "conn", None)
        if conn is None:
            conn = self._open(readonly=True)
            try:
                conn.execute(f"PRAGMA mmap_size = {READER_MMAP_BYTES}")
            except sqlite3.Error:
                pass  # a build without mmap reads through its page cache, as before
            self._readers.conn = conn
        try:
            yield conn
        except HTTPException:
            raise  # a 4xx decided between statements: the connection is clean
        except BaseException:
            self._readers.conn = None
            conn.close()
            raise

    def _open(self, *, readonly: bool) -> sqlite3.Connection:
        try:
            return connect(self.db_path, readonly=readonly)
        except StoreError as error:
            raise HTTPException(503, str(error)) from None


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings
