"""What one API instance serves and how: the database, write mode, keys and limits.

Each request opens its own SQLite connection (cheap, and safe across the
thread pool FastAPI runs sync endpoints in); read-only mode opens the file
with ``mode=ro`` so even a bug in a write path cannot change it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import HTTPException, Request

from rasid.store.db import StoreError, connect

DEFAULT_MAX_BODY_BYTES = 2_000_000  # a long article is ~100 kB; this leaves room without inviting abuse
MAX_LIMIT = 500


@dataclass(frozen=True)
class Settings:
    db_path: Path
    read_only: bool = False
    api_keys: tuple[str, ...] = ()  # extra keys given at start-up (besides the database's api_keys table)
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    extra: dict[str, str] = field(default_factory=dict)

    @contextmanager
    def db(self, *, write: bool = False) -> Iterator[sqlite3.Connection]:
        """A connection for one request; closed whatever happens."""
        try:
            conn = connect(self.db_path, readonly=self.read_only or not write)
        except StoreError as error:
            raise HTTPException(503, str(error)) from None
        try:
            yield conn
        finally:
            conn.close()


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings
