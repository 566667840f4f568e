"""A short English summary of a fused event and of who reported it.

Written from the fused fields only (no article text), so it is safe to show
beside the data and reads the same whatever language the sources used.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def _place(fields: dict[str, Any]) -> str:
    parts = [p for p in (fields.get("admin1"), fields.get("country")) if p]
    where = ", ".join(dict.fromkeys(parts))
    location = fields.get("location")
    if location and location not in parts:
        return f"{location} ({where})" if where else str(location)
    return where or "an unknown place"


def write_notes(
    fields: dict[str, Any],
    n_reports: int,
    sources: Sequence[str],
    conflicts: Sequence[dict[str, Any]],
) -> str:
    kind = fields.get("sub_event_type") or fields.get("event_type") or "Event"
    actors = [a for a in (fields.get("actor1"), fields.get("actor2")) if a]
    who = ""
    if len(actors) == 2:
        who = f" between {actors[0]} and {actors[1]}"
    elif actors:
        who = f" involving {actors[0]}"
    when = f" on {fields['date']}" if fields.get("date") else " on an unknown date"
    text = f"{kind} ({fields.get('event_type')}){who} in {_place(fields)}{when}."
    deaths = fields.get("fatalities", 0)
    if deaths:
        low, best, high = fields["fatalities_low"], fields["fatalities_best"], fields["fatalities_high"]
        figures = f"{deaths} killed (ACLED)"
        if low != high:
            figures += f"; UCDP low/best/high {low}/{best}/{high}"
        text += f" {figures}."
    else:
        text += " No deaths reported."
    plural = "s" if n_reports != 1 else ""
    named = ", ".join(sources[:5]) + (f" and {len(sources) - 5} more" if len(sources) > 5 else "")
    text += f" {n_reports} report{plural} from {len(sources)} source{'s' if len(sources) != 1 else ''}: {named}."
    if conflicts:
        text += " Sources disagree on " + ", ".join(c["field"] for c in conflicts) + "."
    return text
