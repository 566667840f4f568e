"""Turning query problems into clear 4xx answers, and data into JSON responses."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, HTTPException, Response


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


# Answers FastAPI does not list by itself: our own 4xx carry {"detail": "one line"}; the body middleware
# answers 408/413; a database that cannot be opened is 503. Declared so that clients and schemathesis
# can check every response against the schema.
_ERROR = {"type": "object", "required": ["detail"], "properties": {"detail": {"type": "string"}}}
_ANSWERS = {"400": "malformed request", "404": "not found", "401": "an API key is required, or it is unknown",
            "403": "this server is read-only", "408": "request body too slow", "413": "request body too large",
            "503": "the database cannot be read or written now"}
# Downloads whose 200 is not JSON (their routes return a plain Response, which FastAPI documents as JSON).
DOWNLOADS = {"/api/export.csv": ("text/csv", {"type": "string"}),
             "/api/export.geojson": ("application/geo+json", {"type": "object"})}


def document_errors(app: FastAPI) -> None:
    """Wrap ``app.openapi`` so that the schema lists every status and error shape the API answers with."""
    generate: Callable[[], dict[str, Any]] = app.openapi
    done: list[bool] = []

    def openapi() -> dict[str, Any]:
        schema = generate()
        if done:
            return schema
        done.append(True)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Error"] = _ERROR
        validation = components.get("HTTPValidationError", {}).get("properties", {})
        if "detail" in validation:  # ours are one line, pydantic's a list of field errors
            validation["detail"] = {"anyOf": [validation["detail"], {"type": "string"}], "title": "Detail"}
        for path, item in schema.get("paths", {}).items():
            for method, operation in item.items():
                codes = ["400", "503"] + (["404"] if "{" in path else [])
                if method in ("post", "put", "patch", "delete"):
                    codes += ["401", "403", "404", "408", "413"]
                responses = operation.setdefault("responses", {})
                if path in DOWNLOADS and "200" in responses:
                    media, body = DOWNLOADS[path]
                    responses["200"]["content"] = {media: {"schema": body}}
                for code in codes:
                    responses.setdefault(code, {"description": _ANSWERS[code], "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
