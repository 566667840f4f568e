"""Where the sources of one event disagree, and who said what.

A disagreement is only worth flagging when both sides said something: a
report that gives no death toll (0) or names no second actor does not
contradict one that does, so missing values are not conflicts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rasid.fuse.profile import Profile, is_generic_actor
from rasid.fuse.sources import source_label


def _values(
    members: Sequence[Profile], value_of: Callable[[Profile], Any]
) -> list[dict[str, Any]]:
    out = []
    for p in members:
        value = value_of(p)
        if value is None:
            continue
        out.append({"value": value, "source": source_label(p.report), "report_id": p.report_id})
    return out


def _distinct(values: list[dict[str, Any]]) -> list[Any]:
    seen: list[Any] = []
    for v in values:
        if v["value"] not in seen:
            seen.append(v["value"])
    return seen


def _conflict(field: str, values: list[dict[str, Any]], description: str) -> dict[str, Any]:
    return {"field": field, "values": values, "description": description}


def _specific_actor(side: int) -> Callable[[Profile], str | None]:
    def value(p: Profile) -> str | None:
        name = p.actor_pair[side]
        return None if is_generic_actor(name) else name

    return value


def find_conflicts(members: Sequence[Profile]) -> tuple[dict[str, Any], ...]:
    """Disagreements on fatalities, actors, place, date and event type, in that order."""
    found: list[dict[str, Any]] = []

    deaths = _values(members, lambda p: p.fatalities or None)
    distinct = _distinct(deaths)
    if len(distinct) > 1:
        found.append(
            _conflict(
                "fatalities",
                deaths,
                f"sources give {len(distinct)} different death tolls, "
                f"from {min(distinct)} to {max(distinct)}",
            )
        )

    for side in (0, 1):
        field = f"actor{side + 1}"
        named = _values(members, _specific_actor(side))
        distinct = _distinct(named)
        if len(distinct) > 1:
            found.append(
                _conflict(field, named, f"sources name different {field}s: " + ", ".join(map(str, distinct)))
            )

    places = _values(members, lambda p: p.report.event.get("location") if p.geo_precision <= 2 else None)
    keys = {p.location_key for p in members if p.location_key and p.geo_precision <= 2}
    if len(keys) > 1:
        found.append(
            _conflict("location", places, f"sources place the event in {len(keys)} different places nearby")
        )

    dates = _values(members, lambda p: p.report.event.get("date") if p.time_precision == 1 and p.dated else None)
    distinct = _distinct(dates)
    if len(distinct) > 1:
        found.append(_conflict("date", dates, "sources date the event differently: " + ", ".join(sorted(distinct))))

    types = _values(members, lambda p: p.event_type or None)
    distinct = _distinct(types)
    if len(distinct) > 1:
        found.append(_conflict("event_type", types, "sources describe the event as " + " / ".join(distinct)))
    return tuple(found)
