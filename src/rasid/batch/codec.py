"""A lossless JSON form of a Result's analysis, so that ``rasid ingest --from-batch`` stores
exactly what the workers found without extracting again.

``Result.to_dict()`` is the public output and drops spans and mentions; this
codec keeps every dataclass field, tagging each object with its class name.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from rasid import model
from rasid.model import Document, Result

TYPE = "$type"
DATE = "$date"
ANALYSIS_FIELDS = ("sentences", "mentions", "quantities", "times", "quotes", "events", "claims", "conflicts")


def encode(value: Any) -> Any:
    """Plain JSON values for model objects, tuples, dicts and dates."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {TYPE: type(value).__name__}
        for f in dataclasses.fields(value):
            out[f.name] = encode(getattr(value, f.name))
        return out
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, date):
        return {DATE: value.isoformat()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def decode(value: Any) -> Any:
    """The inverse of :func:`encode`; JSON lists come back as tuples, as the model stores them."""
    if isinstance(value, list):
        return tuple(decode(v) for v in value)
    if isinstance(value, dict):
        if DATE in value and len(value) == 1:
            return date.fromisoformat(value[DATE])
        name = value.get(TYPE)
        if isinstance(name, str):
            cls: Any = getattr(model, name, None)
            if not isinstance(cls, type) or not dataclasses.is_dataclass(cls):
                raise ValueError(f"unknown model type {name!r}")
            maker: Any = cls
            return maker(**{k: decode(v) for k, v in value.items() if k != TYPE})
        return {k: decode(v) for k, v in value.items()}
    return value


def encode_result(result: Result) -> dict[str, Any]:
    return {name: encode(getattr(result, name)) for name in ANALYSIS_FIELDS}


def decode_result(document: Document, analysis: dict[str, Any]) -> Result:
    fields = {name: decode(analysis.get(name, [])) for name in ANALYSIS_FIELDS}
    return Result(document=document, **fields)
