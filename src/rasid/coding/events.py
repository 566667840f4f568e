"""Event coding (placeholder)."""

from __future__ import annotations

from rasid.model import Event, Result


def code_events(result: Result) -> tuple[Event, ...]:
    return ()
