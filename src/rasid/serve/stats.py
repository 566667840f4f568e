"""``/api/stats``: counts and fatalities of the fused events by day, type, country and actor."""

from __future__ import annotations

from collections import Counter
from typing import Any

from fastapi import APIRouter, Request

from rasid.serve.events import Filters
from rasid.serve.query import all_events
from rasid.serve.settings import settings_of

router = APIRouter(tags=["stats"])


@router.get("/api/stats", summary="Counts and fatalities by day, type, country and actor (events' filters)")
def stats(request: Request, filters: Filters) -> dict[str, Any]:
    groups: dict[str, tuple[Counter[str], Counter[str]]] = {
        name: (Counter(), Counter()) for name in ("by_day", "by_type", "by_country", "by_actor")}
    total = fatalities = 0
    with settings_of(request).db() as conn:
        for record in all_events(conn, filters):
            total += 1
            deaths = int(record.get("fatalities") or 0)
            fatalities += deaths
            keys = {
                "by_day": [(record.get("date") or "unknown")[:10]],
                "by_type": [record.get("event_type") or "unknown"],
                "by_country": [record.get("country") or "unknown"],
                "by_actor": list(dict.fromkeys(a for a in (record.get("actor1"), record.get("actor2")) if a)),
            }
            for name, values in keys.items():
                for value in values:
                    groups[name][0][value] += 1
                    groups[name][1][value] += deaths
    out: dict[str, Any] = {"events": total, "fatalities": fatalities}
    for name, (counts, deaths_by) in groups.items():
        order = sorted(counts) if name == "by_day" else [k for k, _ in counts.most_common()]
        out[name] = [{"key": k, "events": counts[k], "fatalities": deaths_by[k]} for k in order]
    return out
