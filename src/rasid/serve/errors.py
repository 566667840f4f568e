"""Turning query problems into clear 4xx answers, and data into JSON responses."""

from __future__ import annotations

import json
from typing import Any

from fastapi import HTTPException, Response


def bad_request(message: str) -> HTTPException:
    return HTTPException(422, message)


def not_found(what: str) -> HTTPException:
    return HTTPException(404, f"{what} not found")


def json_response(data: Any, status_code: int = 200) -> Response:
    """JSON straight from ``json.dumps``: FastAPI's generic encoder costs more than the query on a page of events.

    Article text stays JSON string data (``application/json``; with nosniff no browser renders it).
    """
    body = json.dumps(data, ensure_ascii=False, allow_nan=False, default=str)
    return Response(body, status_code=status_code, media_type="application/json")
