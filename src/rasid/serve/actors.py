"""``/api/actors``: canonical actors with how many fused events and reports name them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from rasid.serve.settings import MAX_LIMIT, settings_of

router = APIRouter(tags=["actors"])


@router.get("/api/actors", summary="Canonical actors with event, report and mention counts")
def list_actors(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
) -> dict[str, Any]:
    actors: dict[str, dict[str, Any]] = {}

    def entry(name: str) -> dict[str, Any]:
        return actors.setdefault(name, {"actor": name, "events": 0, "reports": 0, "mentions": 0})

    with settings_of(request).db() as conn:
        for name, count in conn.execute(
            "SELECT a, count(*) FROM (SELECT actor1 AS a FROM clusters UNION ALL SELECT actor2 FROM clusters) "
            "WHERE a IS NOT NULL GROUP BY a"):
            entry(name)["events"] = count
        for name, count in conn.execute(
            "SELECT a, count(*) FROM (SELECT actor1 AS a FROM events UNION ALL SELECT actor2 FROM events) "
            "WHERE a IS NOT NULL GROUP BY a"):
            entry(name)["reports"] = count
        for name, count in conn.execute(
            "SELECT canonical, count(*) FROM mentions WHERE kind = 'actor' AND canonical IS NOT NULL GROUP BY canonical"):
            entry(name)["mentions"] = count
    ranked = sorted(actors.values(), key=lambda a: (-a["events"], -a["reports"], -a["mentions"], a["actor"]))
    return {"items": ranked[:limit], "total": len(ranked)}
