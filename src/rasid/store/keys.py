"""API keys: high-entropy tokens shown once, stored only as their sha256.

A leaked database therefore leaks no usable key; a sha256 of a 256-bit
random token needs no slow password hash, because it cannot be guessed.
Verification looks the hash up and compares it in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

TOKEN_PREFIX = "rsd_"


@dataclass(frozen=True, slots=True)
class ApiKey:
    """A stored key as listed: never the token, only its first characters."""

    id: int
    name: str
    prefix: str
    created_at: str
    revoked_at: str | None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_key(conn: sqlite3.Connection, name: str) -> tuple[ApiKey, str]:
    """Store a new key named ``name``; returns it and the token (the only time it is visible)."""
    if not name.strip():
        raise ValueError("a key needs a name")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    cursor = conn.execute(
        "INSERT INTO api_keys (name, key_hash, prefix, created_at) VALUES (?, ?, ?, ?)",
        (name.strip(), hash_token(token), token[:10], now),
    )
    return ApiKey(int(cursor.lastrowid or 0), name.strip(), token[:10], now, None), token


def list_keys(conn: sqlite3.Connection) -> list[ApiKey]:
    rows = conn.execute("SELECT id, name, prefix, created_at, revoked_at FROM api_keys ORDER BY id").fetchall()
    return [ApiKey(*row) for row in rows]


def revoke_key(conn: sqlite3.Connection, key: str) -> int:
    """Revoke the key with this id or name; returns how many keys were revoked."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    if key.isdigit():
        cursor = conn.execute("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", (now, int(key)))
    else:
        cursor = conn.execute("UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", (now, key))
    return cursor.rowcount


def verify_key(conn: sqlite3.Connection, token: str) -> bool:
    """Whether ``token`` is a stored, unrevoked key."""
    if not token:
        return False
    digest = hash_token(token)
    row = conn.execute("SELECT key_hash FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL", (digest,)).fetchone()
    return row is not None and hmac.compare_digest(str(row[0]), digest)
