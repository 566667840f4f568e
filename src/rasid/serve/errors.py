"""Turning query problems into clear 4xx answers."""

from __future__ import annotations

from fastapi import HTTPException


def bad_request(message: str) -> HTTPException:
    return HTTPException(422, message)


def not_found(what: str) -> HTTPException:
    return HTTPException(404, f"{what} not found")
