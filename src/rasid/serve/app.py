"""The API application: one factory, the routers, and the security layer every response passes.

Middlewares are plain ASGI (no per-request buffering): one caps the request
body by Content-Length *and* by counting the bytes actually streamed (a
client may lie or send chunked), one adds the security headers to every
response. CORS is off unless origins are named.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rasid import __version__
from rasid.serve import actors, dashboard, documents, events, export, map, quotes, review, stats
from rasid.serve.docs import CSP as DOCS_CSP
from rasid.serve.docs import install as install_docs
from rasid.serve.errors import document_errors
from rasid.serve.settings import DEFAULT_MAX_BODY_BYTES, Settings
from rasid.store.db import connect

SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
CSP = b"default-src 'self'; frame-ancestors 'none'; base-uri 'none'"


class BodyTooLarge(Exception):
    pass


class BodyTooSlow(Exception):
    pass


DEFAULT_BODY_TIMEOUT = 30.0  # seconds to wait for each piece of a request body before answering 408


class BodyLimit:
    """413 for a body over ``limit`` bytes, announced or streamed; 408 for a body that trickles.

    uvicorn bounds the wait for a request's headers and between keep-alive requests, not the wait
    for the body: a client sending a byte a minute would hold a worker's request open for ever.
    """

    def __init__(self, app: ASGIApp, limit: int, timeout: float | None = DEFAULT_BODY_TIMEOUT) -> None:
        self.app = app
        self.limit = limit
        self.timeout = timeout

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
        slow = False
        replaced = False
        complete = False

        async def counted() -> Message:
            nonlocal seen, over, slow, complete
            if complete or self.timeout is None:  # after the body, receive() waits for a disconnect: no limit
                message = await receive()
            else:
                try:
                    message = await asyncio.wait_for(receive(), self.timeout)
                except TimeoutError:
                    slow = over = True
                    raise BodyTooSlow from None
            if message["type"] == "http.request":
                complete = not message.get("more_body", False)
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    over = True
                    raise BodyTooLarge
            return message

        def error() -> tuple[int, str]:
            if slow:
                return 408, f"request body not received within {self.timeout:g} s"
            return 413, f"request body over {self.limit} bytes"

        async def watched(message: Message) -> None:
            # Frameworks turn an exception while reading the body into their own 400: answer 413 instead.
            nonlocal replaced
            if over:
                if not replaced:
                    replaced = True
                    await _plain_error(send, *error())
                return
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except (BodyTooLarge, BodyTooSlow):
            if not replaced:
                replaced = True
                await _plain_error(send, *error())


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
    body_timeout: float | None = DEFAULT_BODY_TIMEOUT,
) -> FastAPI:
    """The rasid API over the database at ``db_path`` (created and migrated unless ``read_only``)."""
    settings = Settings(db_path=Path(db_path), read_only=read_only, api_keys=tuple(k for k in api_keys if k),
                        cors_origins=tuple(cors_origins), max_body_bytes=max_body_bytes)
    connect(settings.db_path, readonly=read_only).close()  # fail now, not on the first request
    app = FastAPI(title="rasid", version=__version__, docs_url=None, redoc_url=None,
                  description="Fused ACLED-style events, documents and quotes extracted from news reports. "
                              "Writes need an API key (Authorization: Bearer <key> or X-API-Key).")
    app.state.settings = settings
    for module in (events, review, documents, quotes, actors, stats, export, map):
        app.include_router(module.router)
    install_docs(app)  # /docs with Swagger UI served locally (works offline)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "X-API-Key", "Content-Type"])
    document_errors(app)
    app.add_middleware(BodyLimit, limit=max_body_bytes, timeout=body_timeout)
    app.add_middleware(SecurityHeaders)
    dashboard.install(app)  # after SecurityHeaders: a configured tile host widens the page's CSP
    return app


def app_from_env() -> Any:
    """For ``uvicorn --factory rasid.serve.app:app_from_env``: settings from RASID_* variables."""
    return create_app(
        os.environ.get("RASID_DB", "rasid.db"),
        read_only=os.environ.get("RASID_READ_ONLY", "") == "1",
        cors_origins=[o for o in os.environ.get("RASID_CORS_ORIGINS", "").split(",") if o],
        body_timeout=float(os.environ.get("RASID_BODY_TIMEOUT") or DEFAULT_BODY_TIMEOUT) or None,  # 0: no limit
    )
