"""The API application: one factory, the routers, and the security layer every response passes.

Middlewares are plain ASGI (no per-request buffering): one caps the request
body by Content-Length *and* by counting the bytes actually streamed (a
client may lie or send chunked), one adds the security headers to every
response. CORS is off unless origins are named.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rasid import __version__
from rasid.serve import actors, documents, events, export, quotes, review, stats
from rasid.serve.settings import DEFAULT_MAX_BODY_BYTES, Settings
from rasid.store.db import connect

SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
CSP = b"default-src 'self'; frame-ancestors 'none'; base-uri 'none'"
# The interactive docs page loads Swagger UI from its CDN and starts it with an inline script.
DOCS_CSP = (b"default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
            b"style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: https://fastapi.tiangolo.com; "
            b"frame-ancestors 'none'")


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """413 for a body over ``limit`` bytes, announced or streamed."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    announced = int(value)
                except ValueError:
                    await _plain_error(send, 400, "bad Content-Length")
                    return
                if announced > self.limit:
                    await _plain_error(send, 413, f"request body over {self.limit} bytes")
                    return
        seen = 0
        over = False
        replaced = False

        async def counted() -> Message:
            nonlocal seen, over
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    over = True
                    raise BodyTooLarge
            return message

        async def watched(message: Message) -> None:
            # Frameworks turn an exception while reading the body into their own 400: answer 413 instead.
            nonlocal replaced
            if over:
                if not replaced:
                    replaced = True
                    await _plain_error(send, 413, f"request body over {self.limit} bytes")
                return
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge:
            if not replaced:
                replaced = True
                await _plain_error(send, 413, f"request body over {self.limit} bytes")


async def _plain_error(send: Send, status: int, message: str) -> None:
    import json

    body = json.dumps({"detail": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """The same defensive headers on every response, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope.get("path", "").startswith("/docs") else CSP

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-security-policy"]
                headers += [(b"content-security-policy", csp), *SECURITY_HEADERS]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(
    db_path: str | os.PathLike[str],
    *,
    read_only: bool = False,
    api_keys: Iterable[str] = (),
    cors_origins: Iterable[str] = (),
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
) -> FastAPI:
    """The rasid API over the database at ``db_path`` (created and migrated unless ``read_only``)."""
    settings = Settings(db_path=Path(db_path), read_only=read_only, api_keys=tuple(k for k in api_keys if k),
                        cors_origins=tuple(cors_origins), max_body_bytes=max_body_bytes)
    connect(settings.db_path, readonly=read_only).close()  # fail now, not on the first request
    app = FastAPI(title="rasid", version=__version__,
                  description="Fused ACLED-style events, documents and quotes extracted from news reports. "
                              "Writes need an API key (Authorization: Bearer <key> or X-API-Key).")
    app.state.settings = settings
    for module in (events, review, documents, quotes, actors, stats, export):
        app.include_router(module.router)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "X-API-Key", "Content-Type"])
    app.add_middleware(BodyLimit, limit=max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def app_from_env() -> Any:
    """For ``uvicorn --factory rasid.serve.app:app_from_env``: settings from RASID_* variables."""
    return create_app(
        os.environ.get("RASID_DB", "rasid.db"),
        read_only=os.environ.get("RASID_READ_ONLY", "") == "1",
        cors_origins=[o for o in os.environ.get("RASID_CORS_ORIGINS", "").split(",") if o],
    )
