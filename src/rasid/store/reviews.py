"""The reviews repository: human decisions that win over what rasid extracted or fused.

A review is one row: who (reviewer) did what (``correct`` a field, ``reject``
or ``confirm``) to which event report or fused event, from which old value
to which new one, and why. Reading applies them in time order, so the latest
correction of a field is the one that holds; exports and re-clustering read
records through :func:`apply`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

TargetKind = Literal["event", "cluster"]
Action = Literal["correct", "reject", "confirm", "merge", "split"]
_INTEGER = frozenset({"fatalities", "fatalities_low", "fatalities_best", "fatalities_high", "geo_precision",
                      "time_precision"})
_REAL = frozenset({"latitude", "longitude"})


@dataclass
class Decisions:
    """What reviews say about one kind of target: field corrections and rejections, by target id."""

    corrections: dict[str, dict[str, Any]] = field(default_factory=dict)
    rejected: set[str] = field(default_factory=set)


def add_review(
    conn: sqlite3.Connection, kind: TargetKind, target_id: str, reviewer: str, action: Action,
    field_name: str | None = None, old_value: Any = None, new_value: Any = None, reason: str | None = None,
) -> int:
    """Record one decision; the caller owns the transaction."""
    cursor = conn.execute(
        "INSERT INTO reviews (target_kind, target_id, reviewer, action, field, old_value, new_value, reason, "
        "created_at) VALUES (?,?,?,?,?,?,?,?,?)",
        (kind, target_id, reviewer, action, field_name, _text(old_value), _text(new_value), reason,
         datetime.now(UTC).isoformat(timespec="microseconds")),
    )
    return int(cursor.lastrowid or 0)


def decisions(conn: sqlite3.Connection, kind: TargetKind) -> Decisions:
    """Every review of ``kind`` targets folded into their current state (latest wins)."""
    out = Decisions()
    for target, action, name, value in conn.execute(
        "SELECT target_id, action, field, new_value FROM reviews WHERE target_kind = ? ORDER BY created_at, id",
        (kind,),
    ):
        if action == "reject":
            out.rejected.add(target)
        elif action == "confirm":
            out.rejected.discard(target)
        elif action == "correct" and name:
            out.corrections.setdefault(target, {})[name] = typed(name, value)
    return out


def apply(records: Iterable[dict[str, Any]], key: str, found: Decisions) -> list[dict[str, Any]]:
    """``records`` less the rejected ones, with corrected fields replaced (and listed in ``reviewed``)."""
    out = []
    for record in records:
        target = str(record[key])
        if target in found.rejected:
            continue
        changes = found.corrections.get(target)
        if changes:
            record = {**record, **changes, "reviewed": sorted(changes)}
        out.append(record)
    return out


def typed(name: str, value: str | None) -> Any:
    """A stored review value back in its field's type."""
    if value is None or value == "":
        return None
    try:
        if name in _INTEGER:
            return int(float(value))
        if name in _REAL:
            return float(value)
    except ValueError:
        return value
    return value


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
