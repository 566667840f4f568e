"""Fused events as exports read them: clusters with reviews applied, filtered.

Filters are named options (country, admin1, type, since, until, actor), each
compared in Python on the reviewed record, so a corrected field is what a
filter sees and no SQL is ever built from user input.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from rasid.store.clusters import attach_report_ids
from rasid.store.reviews import apply, decisions


@dataclass(frozen=True, slots=True)
class Filters:
    """Which fused events to export; every filter given must hold."""

    country: str | None = None
    admin1: str | None = None
    type: str | None = None  # event type or sub-event type
    since: date | None = None
    until: date | None = None
    actor: str | None = None  # part of actor1 or actor2, any case

    def matches(self, record: dict[str, Any]) -> bool:
        if self.country and (record.get("country") or "").casefold() != self.country.casefold():
            return False
        if self.admin1 and (record.get("admin1") or "").casefold() != self.admin1.casefold():
            return False
        if self.type and self.type.casefold() not in {
            (record.get("event_type") or "").casefold(), (record.get("sub_event_type") or "").casefold()
        }:
            return False
        if self.actor:
            needle = self.actor.casefold()
            if not any(needle in (record.get(a) or "").casefold() for a in ("actor1", "actor2")):
                return False
        if self.since or self.until:
            day = event_day(record.get("date"))
            if day is None or (self.since and day < self.since) or (self.until and day > self.until):
                return False
        return True


def event_day(value: str | None) -> date | None:
    """The day of an ISO date of any precision (``2022-01`` is 1 January 2022's month: its first day)."""
    if not value:
        return None
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2][:2]) if len(parts) > 2 else 1
        return date(year, month, day)
    except (ValueError, IndexError):
        return None


def fused_events(conn: sqlite3.Connection, filters: Filters | None = None) -> list[dict[str, Any]]:
    """Every fused event (cluster) with its report ids, reviews applied, in date order."""
    return list(iter_fused_events(conn, filters))


def iter_fused_events(
    conn: sqlite3.Connection, filters: Filters | None = None, batch: int = 500,
) -> Iterator[dict[str, Any]]:
    """:func:`fused_events` one at a time, read from one cursor ``batch`` rows at a time.

    An export of a large store then holds a batch of clusters and their members, not every row.
    The caller may run other statements on ``conn`` between two records (JSONL reads each report).
    """
    found = decisions(conn, "cluster")
    chosen = filters or Filters()
    rows = conn.execute("SELECT * FROM clusters ORDER BY date, cluster_id")
    while chunk := rows.fetchmany(batch):
        records = []
        for row in chunk:
            record = dict(row)
            record["sources"] = json.loads(record["sources"] or "[]")
            record["conflicts"] = json.loads(record["conflicts"] or "[]")
            records.append(record)
        attach_report_ids(conn, records)
        yield from (r for r in apply(records, "cluster_id", found) if chosen.matches(r))
