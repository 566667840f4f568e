"""Opening the database: one place for pragmas, migrations and clear errors.

SQLite reports a locked, read-only or full database as ``OperationalError``
with terse messages; :func:`connect` and :func:`explain` turn them into one
:class:`StoreError` line a user can act on. Writes are per-transaction, so
when one fails nothing stored before it is lost.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rasid.store.schema import migrate

DEFAULT_DB = "rasid.db"
BUSY_TIMEOUT_MS = 5_000


class StoreError(RuntimeError):
    """A database problem, worded for the person running rasid."""


def default_path() -> str:
    """``$RASID_DB`` when set, else ``./rasid.db``."""
    return os.environ.get("RASID_DB") or DEFAULT_DB


def connect(path: str | os.PathLike[str], *, readonly: bool = False) -> sqlite3.Connection:
    """Open (and migrate) the database at ``path``; ``readonly`` never creates or changes it."""
    target = Path(path)
    if readonly and not target.is_file():
        raise StoreError(f"no database at {target} (run 'rasid ingest' first)")
    if not readonly and target.is_dir():
        raise StoreError(f"cannot open {target}: it is a folder")
    conn: sqlite3.Connection | None = None
    try:
        if readonly:
            conn = _open_readonly(target)
        else:
            conn = sqlite3.connect(target, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            if _enable_wal(conn) != "wal":
                conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn)
        elif not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'").fetchone():
            conn.close()
            raise StoreError(f"{target} is not a rasid database")
    except sqlite3.Error as error:
        if conn is not None:
            conn.close()  # an open handle would keep the file (and its mount) busy
        if not readonly and not _writable(target):
            raise StoreError(f"cannot write {target}: the database or its folder is read-only (permissions or a "
                             "read-only mount); reading commands and 'rasid serve --read-only' still work") from None
        raise StoreError(explain(error, target)) from None
    return conn


def _enable_wal(conn: sqlite3.Connection) -> str:
    """Switch to WAL, waiting out a second process doing the same on a new file.

    SQLite answers "database is locked" at once to a journal-mode change that meets another
    connection's lock (the busy handler is not consulted), so two ingests starting together on a
    new database would fail without this bounded retry.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.005
    while True:
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
        except sqlite3.OperationalError as error:
            if "locked" not in str(error).lower() or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


def _open_readonly(target: Path) -> sqlite3.Connection:
    """``mode=ro``; for a WAL database in a folder nobody can write, ``immutable`` (SQLite cannot make its -shm there)."""
    uri = target.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
    try:
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1")
        return conn
    except sqlite3.OperationalError:
        conn.close()
        wal = target.with_name(target.name + "-wal")
        if os.access(target.parent, os.W_OK) or (wal.exists() and wal.stat().st_size > 0):
            raise  # a writer may be at work (or left a log to replay): never read around it
    return sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)


def _writable(target: Path) -> bool:
    folder = target.parent if str(target.parent) else Path(".")
    return os.access(folder, os.W_OK) and (not target.exists() or os.access(target, os.W_OK))


@contextmanager
def transaction(conn: sqlite3.Connection, where: str | os.PathLike[str] = "the database") -> Iterator[sqlite3.Connection]:
    """One write transaction: all of it is stored, or none of it (also on kill -9)."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        raise StoreError(explain(error, where)) from None
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(error, sqlite3.Error):
            raise StoreError(explain(error, where)) from None
        raise


def explain(error: sqlite3.Error, where: str | os.PathLike[str]) -> str:
    """One line saying what went wrong with the database and what still holds."""
    message = str(error)
    lowered = message.lower()
    if "readonly" in lowered or "read-only" in lowered:
        return f"cannot write {where}: the database is read-only (check file and folder permissions)"
    if "locked" in lowered or "busy" in lowered:
        return f"cannot write {where}: the database is locked by another process; try again when it is done"
    if "full" in lowered or "disk i/o" in lowered:
        return f"cannot write {where}: the disk is full or failing; everything stored before this document is kept"
    if "unable to open" in lowered:
        return f"cannot open {where}: the file or its folder cannot be opened ({message})"
    if "not a database" in lowered or "malformed" in lowered:
        return f"cannot read {where}: it is not a SQLite database or it is damaged"
    return f"database error on {where}: {message}"
