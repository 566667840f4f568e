"""``/api/stats``: counts and fatalities of the fused events by day, month, type, country and actor.

A date has a precision (``2022-01-15``, ``2022-01``, ``2022``), and one breakdown holds keys of one
precision only, so a chart can put them on one axis: ``by_day`` counts the events dated to a day,
``by_month`` every event dated at least to a month (the day-dated ones in their month), so a month's
figure is complete; events dated to a year only, or not at all, are in neither.

SQLite does the counting: one GROUP BY over the five grouped columns reads
the ``clusters_stats`` index in order (no rows, no sort) and hands Python one
row per distinct combination, not one per event; the four breakdowns are
summed from those. The few reviewed clusters are added with their
corrections applied, so a corrected field counts where the reviewer put it
and a rejected event counts nowhere, as in the list and the exports.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from typing import Any

from fastapi import APIRouter, Request, Response

from rasid.serve.errors import json_response
from rasid.serve.events import Filters
from rasid.serve.query import EventFilters, shown_reviewed, unreviewed_where
from rasid.serve.schemas import Stats
from rasid.serve.settings import settings_of
from rasid.store.reviews import decisions

router = APIRouter(tags=["stats"])

GROUPS = ("by_day", "by_month", "by_type", "by_country", "by_actor")
IN_DATE_ORDER = ("by_day", "by_month")
Row = tuple[str | None, str | None, str | None, str | None, str | None, int, int]
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"\d{4}-\d{2}")


@router.get("/api/stats", response_model=Stats,
            summary="Counts and fatalities by day, month, type, country and actor (events' filters)")
def stats(request: Request, filters: Filters) -> Response:
    with settings_of(request).db() as conn:
        return json_response(aggregate(conn, filters))


def aggregate(conn: sqlite3.Connection, filters: EventFilters) -> dict[str, Any]:
    """Totals and the four breakdowns of the events a list with ``filters`` shows."""
    found = decisions(conn, "cluster")
    rows: list[Row] = []
    if filters.reviewed in ("any", "false"):
        where, params = unreviewed_where(filters, found)
        rows = conn.execute(
            "SELECT c.date, c.event_type, c.country, c.actor1, c.actor2, count(*), sum(COALESCE(c.fatalities, 0)) "
            f"FROM clusters c {'WHERE ' + ' AND '.join(where) if where else ''} "
            "GROUP BY c.date, c.event_type, c.country, c.actor1, c.actor2", params).fetchall()
    reviewed: list[Row] = [
        (r.get("date"), r.get("event_type"), r.get("country"), r.get("actor1"), r.get("actor2"), 1,
         int(r.get("fatalities") or 0))
        for r in shown_reviewed(conn, filters, found)]
    return summarise([*rows, *reviewed])


def summarise(rows: Iterable[Row]) -> dict[str, Any]:
    """The response from (date, type, country, actor1, actor2, events, fatalities) groups.

    ``by_day`` keys are the days of day-precision dates, ``by_month`` the months of day- and
    month-precision ones (see the module's docstring); a missing type or country is ``unknown``; an
    event names each distinct actor once. Days and months come in order, the other breakdowns by
    events, most first, then by name.
    """
    counts: dict[str, dict[str, list[int]]] = {name: {} for name in GROUPS}
    by_day, by_month, by_type, by_country, by_actor = (counts[name] for name in GROUPS)
    total = deaths_total = 0
    for date, event_type, country, actor1, actor2, events, deaths in rows:
        total += events
        deaths_total += deaths
        keys = [(by_type, event_type or "unknown"), (by_country, country or "unknown")]
        day = (date or "")[:10]
        if _DAY.fullmatch(day):
            keys += [(by_day, day), (by_month, day[:7])]
        elif _MONTH.fullmatch(day):
            keys.append((by_month, day))
        for group, key in keys:
            cell = group.get(key)
            if cell is None:
                group[key] = [events, deaths]
            else:
                cell[0] += events
                cell[1] += deaths
        for actor in (actor1, actor2 if actor2 != actor1 else None):
            if actor:
                cell = by_actor.get(actor)
                if cell is None:
                    by_actor[actor] = [events, deaths]
                else:
                    cell[0] += events
                    cell[1] += deaths
    out: dict[str, Any] = {"events": total, "fatalities": deaths_total}
    for name, group in counts.items():
        cells = sorted(group.items()) if name in IN_DATE_ORDER else sorted(group.items(), key=_most_first)
        out[name] = [{"key": key, "events": events, "fatalities": deaths} for key, (events, deaths) in cells]
    return out


def _most_first(item: tuple[str, list[int]]) -> tuple[int, str]:
    return -item[1][0], item[0]
