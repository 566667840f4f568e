"""Fused events for the API: filtered and paged in SQL, with human reviews winning.

The clusters table holds what fusion said; reviews may correct or reject a
cluster. Clusters nobody reviewed (nearly all) are filtered, sorted and paged
by SQLite with keyset pagination on indexed expressions; the few reviewed
ones are read with corrections applied and filtered in Python by the same
rules, then merged into the page. So a corrected field is what a filter
sees, and a page costs the same at row 10 and at row 100,000. For the API's
list, SQLite also writes each unreviewed row's JSON (:func:`page_json`):
decoding rows into dicts and encoding them again cost more than the query.
Only ``?`` placeholders carry user input into SQL.
"""

from __future__ import annotations

import base64
import binascii
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from rasid.export.records import event_day
from rasid.store.clusters import attach_report_ids
from rasid.store.fts import match_query
from rasid.store.reviews import Decisions, apply, decisions

SortKey = Literal["date", "fatalities"]
Reviewed = Literal["any", "true", "false", "rejected"]
_SORT_SQL = {"date": "COALESCE(c.date, '')", "fatalities": "COALESCE(c.fatalities, 0)"}
_INT64 = 2**63


class BadQuery(ValueError):
    """A parameter that parses but cannot be used (a stale or forged cursor)."""


@dataclass(frozen=True, slots=True)
class EventFilters:
    since: date | None = None
    until: date | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    q: str | None = None
    min_fatalities: int | None = None
    reviewed: Reviewed = "any"

    def sql(self) -> tuple[list[str], list[Any]]:
        """WHERE clauses on ``clusters c`` for the field filters, and their parameters."""
        where: list[str] = []
        params: list[Any] = []
        if self.since:
            where.append("COALESCE(c.date, '') >= ?")
            params.append(self.since.isoformat())
        if self.until:  # "2022-01" (month precision) sorts before "2022-01-31": compare on the day prefix
            # The first bound is on the indexed expression, so the date index ends the range scan.
            where.append("COALESCE(c.date, '') < ? AND c.date IS NOT NULL AND substr(c.date, 1, 10) <= ?")
            # On the last day of year 9999 there is no next day: "99999" sorts after every ISO date.
            upper = (self.until + timedelta(days=1)).isoformat() if self.until < date.max else "99999"
            params += [upper, self.until.isoformat()]
        for column in ("country", "admin1"):
            value = getattr(self, column)
            if value:
                where.append(f"c.{column} = ? COLLATE NOCASE")  # column names are constants
                params.append(value)
        for column in ("event_type", "sub_event_type"):
            value = getattr(self, column)
            if value:
                where.append(f"c.{column} = ?")
                params.append(value)
        if self.actor:
            pattern = "%" + self.actor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append("(c.actor1 LIKE ? ESCAPE '\\' OR c.actor2 LIKE ? ESCAPE '\\')")
            params += [pattern, pattern]
        if self.bbox:
            where.append("c.longitude BETWEEN ? AND ? AND c.latitude BETWEEN ? AND ?")
            params += [self.bbox[0], self.bbox[2], self.bbox[1], self.bbox[3]]
        if self.min_fatalities is not None:
            where.append("COALESCE(c.fatalities, 0) >= ?")
            params.append(self.min_fatalities)
        return where, params

    def sparse(self, sort: SortKey) -> bool:
        """Whether matches may be rare in sort order, so SQLite should find them first, then sort them.

        Walking the sort index until a page is full is fastest when most rows match; a filter with its
        own index (fatalities, a latitude band, full text) may match a few rows spread over the whole
        table, where that walk reads it all. A ``+`` on the sort key keeps SQLite off the sort index.
        """
        if self.since or self.until or self.country or self.admin1 or self.event_type or self.sub_event_type:
            return False  # these have (filter, date) indexes that serve both
        return bool(self.bbox or self.q or (self.min_fatalities and sort != "fatalities"))

    def text_sql(self) -> tuple[list[str], list[Any]]:
        """The full-text filter: clusters with a report from a document matching ``q``."""
        if not self.q:
            return [], []
        expression = match_query(self.q)
        if expression is None:
            return ["0"], []
        return [
            # CROSS JOIN keeps SQLite's join order: from the few matching documents to their clusters.
            "c.cluster_id IN (SELECT m.cluster_id FROM documents_fts f CROSS JOIN events e ON e.document_id = f.rowid "
            "CROSS JOIN cluster_members m ON m.report_id = e.report_id WHERE documents_fts MATCH ?)"
        ], [expression]

    def matches(self, r: dict[str, Any]) -> bool:
        """The field filters on a record already corrected by review (same rules as :meth:`sql`)."""
        day = r.get("date") or ""
        if self.since and day < self.since.isoformat():
            return False
        if self.until and (not r.get("date") or day[:10] > self.until.isoformat()):
            return False
        for name in ("country", "admin1"):
            value = getattr(self, name)
            if value and (r.get(name) or "").casefold() != value.casefold():
                return False
        for name in ("event_type", "sub_event_type"):
            value = getattr(self, name)
            if value and r.get(name) != value:
                return False
        if self.actor and not any(self.actor.casefold() in (r.get(a) or "").casefold() for a in ("actor1", "actor2")):
            return False
        if self.bbox:
            lon, lat = r.get("longitude"), r.get("latitude")
            if not isinstance(lon, int | float) or not isinstance(lat, int | float):
                return False
            if not (self.bbox[0] <= lon <= self.bbox[2] and self.bbox[1] <= lat <= self.bbox[3]):
                return False
        return self.min_fatalities is None or (r.get("fatalities") or 0) >= self.min_fatalities


@dataclass(frozen=True, slots=True)
class Page:
    items: list[dict[str, Any]]
    next_cursor: str | None


def encode_cursor(sort: str, order: str, value: Any, cluster_id: str) -> str:
    raw = json.dumps([sort, order, value, cluster_id], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str, order: str) -> tuple[Any, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        s, o, value, cluster_id = json.loads(raw)
    except (binascii.Error, ValueError, TypeError):
        raise BadQuery("cursor is not one this server issued") from None
    if (s, o) != (sort, order) or not isinstance(cluster_id, str) or not isinstance(value, str | int | float):
        raise BadQuery("cursor belongs to another sort order; start again without a cursor")
    expected = str if sort == "date" else int
    if not isinstance(value, expected) or isinstance(value, bool) or (
            isinstance(value, int) and not -_INT64 <= value < _INT64):
        raise BadQuery("cursor is not one this server issued")  # a forged value SQLite could not even compare
    return value, cluster_id


def _sort_value(record: dict[str, Any], sort: SortKey) -> Any:
    return (record.get("date") or "") if sort == "date" else (record.get("fatalities") or 0)


def _record(row: sqlite3.Row, skip: int = 0) -> dict[str, Any]:
    """A cluster row as a record (the first ``skip`` columns are sort keys, left out)."""
    record = dict(zip(row.keys()[skip:], tuple(row)[skip:], strict=True)) if skip else dict(row)
    record["sources"] = json.loads(record.get("sources") or "[]")
    record["conflicts"] = json.loads(record.get("conflicts") or "[]")
    return record


def _reviewed_records(conn: sqlite3.Connection, filters: EventFilters, found: Decisions) -> list[dict[str, Any]]:
    """Reviewed clusters, corrections applied, that pass every filter (rejected ones only when asked)."""
    ids = sorted(set(found.corrections) | found.rejected)
    if not ids:
        return []
    where, params = filters.text_sql()
    rows = conn.execute(
        "SELECT c.* FROM clusters c WHERE c.cluster_id IN (SELECT value FROM json_each(?))"
        + "".join(f" AND {w}" for w in where), [json.dumps(ids), *params],
    ).fetchall()
    records = [_record(r) for r in rows]
    if filters.reviewed == "rejected":
        records = [r for r in records if r["cluster_id"] in found.rejected]
        shown = Decisions(corrections=found.corrections)
    else:
        shown = found
    out = apply(records, "cluster_id", shown)
    for record in out:
        record["review_status"] = "rejected" if record["cluster_id"] in found.rejected else "corrected"
    return [r for r in out if filters.matches(r)]


def unreviewed_where(filters: EventFilters, found: Decisions) -> tuple[list[str], list[Any]]:
    """WHERE clauses on ``clusters c``: the filters, full text included, on clusters no review touched."""
    where, params = filters.sql()
    text_where, text_params = filters.text_sql()
    where += text_where
    params += text_params
    reviewed_ids = sorted(set(found.corrections) | found.rejected)
    if reviewed_ids:
        where.append("c.cluster_id NOT IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(reviewed_ids))
    return where, params


def shown_reviewed(conn: sqlite3.Connection, filters: EventFilters, found: Decisions) -> list[dict[str, Any]]:
    """The reviewed clusters that a list with ``filters`` shows, corrections applied (none for reviewed=false)."""
    if filters.reviewed == "false":
        return []
    extra = _reviewed_records(conn, filters, found)
    if filters.reviewed == "true":
        extra = [r for r in extra if r["review_status"] == "corrected"]
    return extra


def page_events(
    conn: sqlite3.Connection, filters: EventFilters, *, sort: SortKey = "date", order: str = "asc",
    limit: int = 50, cursor: str | None = None,
) -> Page:
    """One page of fused events and the cursor of the next (None on the last page)."""
    rows, next_cursor = _page(conn, filters, sort, order, limit, cursor, as_json=False)
    items = [payload for _, _, payload in rows if isinstance(payload, dict)]  # all of them: as_json=False
    attach_report_ids(conn, items)
    return Page(items, next_cursor)


def page_json(
    conn: sqlite3.Connection, filters: EventFilters, *, sort: SortKey = "date", order: str = "asc",
    limit: int = 50, cursor: str | None = None,
) -> str:
    """:func:`page_events` as the API's JSON body, most of it written by SQLite.

    Unreviewed rows come out of ``json_object`` ready-made (members included), so a page costs no
    Python dict, JSON decode or encode per row; only reviewed records, with their corrections, go
    through Python. Same items, same keys, same order as ``page_events``.
    """
    rows, next_cursor = _page(conn, filters, sort, order, limit, cursor, as_json=True)
    records = [payload for _, _, payload in rows if isinstance(payload, dict)]
    attach_report_ids(conn, records)
    items = ",".join(payload if isinstance(payload, str) else _dumps(payload) for _, _, payload in rows)
    return f'{{"items":[{items}],"next_cursor":{_dumps(next_cursor)},"limit":{int(limit)}}}'


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, default=str, separators=(",", ":"))


def _json_columns(conn: sqlite3.Connection) -> str:
    """``json_object`` arguments for a cluster row as :func:`_record` shapes it (names from the schema)."""
    parts = []
    for (name,) in conn.execute("SELECT name FROM pragma_table_info('clusters') ORDER BY cid"):
        value = f'json(c."{name}")' if name in ("sources", "conflicts") else f'c."{name}"'
        parts.append(f"'{name}', {value}")
    members = ("(SELECT json_group_array(report_id) FROM (SELECT m.report_id FROM cluster_members m "
               "JOIN events e ON e.report_id = m.report_id WHERE m.cluster_id = c.cluster_id ORDER BY e.id))")
    return ", ".join([*parts, "'review_status', 'unreviewed'", f"'report_ids', {members}"])


def _page(
    conn: sqlite3.Connection, filters: EventFilters, sort: SortKey, order: str, limit: int, cursor: str | None,
    *, as_json: bool,
) -> tuple[list[tuple[Any, str, dict[str, Any] | str]], str | None]:
    """(sort value, cluster id, record or JSON text) of one page, and the next page's cursor."""
    after = decode_cursor(cursor, sort, order) if cursor else None
    found = decisions(conn, "cluster")
    descending = order == "desc"
    candidates: list[tuple[Any, str, dict[str, Any] | str]] = []
    if filters.reviewed in ("any", "false"):
        where, params = unreviewed_where(filters, found)
        key = _SORT_SQL[sort]
        order_key = "+" + key if filters.sparse(sort) else key
        if after is not None:
            # Spelled out rather than as a row value ``(key, id) > (?, ?)``, which SQLite does not turn into an
            # index range on an expression: the first term starts the walk at the cursor instead of the top.
            op = "<" if descending else ">"
            where.append(f"{key} {op}= ? AND ({key} {op} ? OR c.cluster_id {op} ?)")
            params += [after[0], after[0], after[1]]
        direction = "DESC" if descending else "ASC"
        selected = f"json_object({_json_columns(conn)})" if as_json else "c.*"
        # The page's ids first (often from an index alone), then only those rows.
        sql = (f"SELECT {key}, c.cluster_id, {selected} FROM (SELECT c.cluster_id FROM clusters c "
               f"{'WHERE ' + ' AND '.join(where) if where else ''} "
               f"ORDER BY {order_key} {direction}, c.cluster_id {direction} LIMIT ?) p "
               f"JOIN clusters c ON c.cluster_id = p.cluster_id")
        for row in conn.execute(sql, [*params, limit + 1]):
            if as_json:
                candidates.append((row[0], row[1], row[2]))
            else:
                record = _record(row, skip=2)
                record["review_status"] = "unreviewed"
                candidates.append((row[0], row[1], record))
    if filters.reviewed != "false":
        for r in shown_reviewed(conn, filters, found):
            position = (_sort_value(r, sort), r["cluster_id"])
            if after is None or (position < after if descending else position > after):
                candidates.append((*position, r))
    candidates.sort(key=lambda c: (c[0], c[1]), reverse=descending)
    page = candidates[:limit]
    next_cursor = None
    if len(candidates) > limit and page:
        next_cursor = encode_cursor(sort, order, page[-1][0], page[-1][1])
    return page, next_cursor


def event_pages(
    open_db: Callable[[], AbstractContextManager[sqlite3.Connection]], filters: EventFilters, *,
    batch: int = 500, limit: int | None = None,
) -> Iterator[list[dict[str, Any]]]:
    """Every matching fused event (the first ``limit`` ones) in date order, one keyset page at a time,
    each page read through its own ``open_db()`` (for exports).

    A streamed download runs each step of this generator on whichever worker thread is free, and a
    SQLite connection belongs to the thread that made it: so no connection is held across a ``yield``,
    and a page costs one indexed query whatever its position (the cursor, not an offset).
    """
    cursor: str | None = None
    left = limit
    while left is None or left > 0:
        with open_db() as conn:
            page = page_events(conn, filters, limit=batch if left is None else min(batch, left), cursor=cursor)
        yield page.items
        if left is not None:
            left -= len(page.items)
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


def cluster_record(conn: sqlite3.Connection, cluster_id: str) -> dict[str, Any] | None:
    """One fused event with reviews applied (rejected ones too, marked), or None."""
    row = conn.execute("SELECT * FROM clusters WHERE cluster_id = ?", (cluster_id,)).fetchone()
    if row is None:
        return None
    found = decisions(conn, "cluster")
    record = apply([_record(row)], "cluster_id", Decisions(corrections=found.corrections))[0]
    record["review_status"] = ("rejected" if cluster_id in found.rejected
                               else "corrected" if cluster_id in found.corrections else "unreviewed")
    attach_report_ids(conn, [record])
    return record


def event_day_of(record: dict[str, Any]) -> date | None:
    return event_day(record.get("date"))
