"""Slow and oversized requests: a trickling body gets 408, a large one 413, and ``rasid serve`` sets limits.

uvicorn limits the wait for headers and between keep-alive requests, not the wait for a body, so the
app's body middleware bounds it. The time limits here are tiny so that the tests assert behaviour (which
answer, which options) without measuring speed.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from rasid.cli.main import main
from rasid.serve.app import BodyLimit


async def _echo_body(scope: Any, receive: Any, send: Any) -> None:
    """An app that reads the whole body, then waits for the client to go, as streaming responses do."""
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": body})
    assert (await receive())["type"] == "http.disconnect"


def _call(middleware: BodyLimit, messages: list[Any]) -> list[Any]:
    """Run one request whose body arrives as ``messages``; a ``None`` entry is a client that goes quiet."""
    sent: list[Any] = []

    async def receive() -> Any:
        message = messages.pop(0) if messages else {"type": "http.disconnect"}
        if message is None:
            await asyncio.sleep(3600)
        if message == "late-disconnect":
            await asyncio.sleep(0.2)  # longer than the body timeout: it must not apply after the body
            return {"type": "http.disconnect"}
        return message

    async def send(message: Any) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/", "headers": []}
    asyncio.run(middleware(scope, receive, send))
    return sent


def test_a_trickling_body_is_408() -> None:
    middleware = BodyLimit(_echo_body, limit=1000, timeout=0.05)
    sent = _call(middleware, [{"type": "http.request", "body": b"a", "more_body": True}, None])
    assert sent[0]["status"] == 408
    assert b"not received within" in sent[1]["body"]


def test_the_timeout_stops_at_the_end_of_the_body() -> None:
    middleware = BodyLimit(_echo_body, limit=1000, timeout=0.05)
    sent = _call(middleware, [{"type": "http.request", "body": b"ab", "more_body": True},
                              {"type": "http.request", "body": b"c", "more_body": False}, "late-disconnect"])
    assert sent[0]["status"] == 200 and sent[1]["body"] == b"abc"


def test_a_streamed_body_over_the_limit_is_413() -> None:
    middleware = BodyLimit(_echo_body, limit=4, timeout=None)
    sent = _call(middleware, [{"type": "http.request", "body": b"abc", "more_body": True},
                              {"type": "http.request", "body": b"def", "more_body": False}])
    assert sent[0]["status"] == 413


def test_serve_passes_its_limits_to_uvicorn_and_the_app(db_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    uvicorn = pytest.importorskip("uvicorn")
    seen: dict[str, Any] = {}

    def fake_run(app: Any, **options: Any) -> None:
        seen.update(options, app=app)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    assert main(["serve", "--db", str(db_copy), "--body-timeout", "7", "--keep-alive-timeout", "3",
                 "--limit-concurrency", "20"]) == 0
    assert (seen["timeout_keep_alive"], seen["limit_concurrency"]) == (3.0, 20)
    body = [m for m in seen["app"].user_middleware if m.cls is BodyLimit]
    assert body and body[0].kwargs["timeout"] == 7.0
    assert main(["serve", "--db", str(db_copy)]) == 0  # defaults: a body timeout, uvicorn's keep-alive
    body = [m for m in seen["app"].user_middleware if m.cls is BodyLimit]
    assert body[0].kwargs["timeout"] == 30.0 and seen["timeout_keep_alive"] == 5.0
    assert main(["serve", "--db", str(db_copy), "--body-timeout", "0"]) == 0
    assert next(m for m in seen["app"].user_middleware if m.cls is BodyLimit).kwargs["timeout"] is None
