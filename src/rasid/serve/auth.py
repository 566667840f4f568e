"""Who may write: an API key in ``Authorization: Bearer`` or ``X-API-Key``; nobody in read-only mode.

Read-only mode answers 403 before looking at keys, so a read-only mirror
never accepts a write whatever is presented; a missing or unknown key is 401.
"""

from __future__ import annotations

import hmac
import sqlite3

from fastapi import HTTPException, Request

from rasid.serve.settings import settings_of
from rasid.store.keys import hash_token, verify_key


def presented_key(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("x-api-key", "").strip()


def require_writer(request: Request) -> None:
    """FastAPI dependency for every write endpoint."""
    settings = settings_of(request)
    if settings.read_only:
        raise HTTPException(403, "this server is read-only")
    token = presented_key(request)
    if not token:
        raise HTTPException(401, "an API key is required (Authorization: Bearer <key> or X-API-Key)",
                            headers={"WWW-Authenticate": "Bearer"})
    if _matches_any(token, settings.api_keys):
        return
    with settings.db() as conn:
        try:
            ok = verify_key(conn, token)
        except sqlite3.Error:
            ok = False
    if not ok:
        raise HTTPException(401, "unknown or revoked API key", headers={"WWW-Authenticate": "Bearer"})


def _matches_any(token: str, keys: tuple[str, ...]) -> bool:
    """Compare digests (equal lengths) of every key in constant time: the timing tells neither a key's
    characters, nor its length, nor which key matched."""
    digest = hash_token(token).encode()
    matched = False
    for known in keys:
        matched |= hmac.compare_digest(digest, hash_token(known).encode())
    return matched
