"""The clusters repository: fused events, rebuilt from every stored report.

Fusion (:func:`rasid.fuse.cluster_reports`) is deterministic and its cluster
ids derive from each cluster's earliest report, so rebuilding all clusters
after new documents arrive gives the same ids to the same events. The
rebuild replaces the cluster tables in one transaction and clears the
``clusters_stale`` flag that every stored document sets, so an ingest killed
before re-clustering is re-clustered by the next run.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from rasid.store.db import transaction
from rasid.store.reviews import apply, decisions

STALE = "clusters_stale"
_REPORT_KEYS = frozenset({"report_id", "doc_id", "outlet", "published", "reviewed"})


def mark_stale(conn: sqlite3.Connection) -> None:
    """Call inside a document's transaction: its events are not clustered yet."""
    conn.execute("INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT(key) DO UPDATE SET value = '1'", (STALE,))


def is_stale(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (STALE,)).fetchone()
    return bool(row and row[0] == "1")


def load_reports(conn: sqlite3.Connection) -> list[Any]:
    """Every stored event as a fusion :class:`~rasid.fuse.Report`, in report order."""
    from rasid.fuse import Report

    rows = conn.execute(
        "SELECT e.report_id, d.doc_id, d.outlet, d.published, e.record FROM events e "
        "JOIN documents d ON d.id = e.document_id ORDER BY e.id"
    ).fetchall()
    # Reviewed reports are fused as corrected; rejected ones are left out.
    records = apply(
        ({"report_id": rid, "doc_id": doc_id, "outlet": outlet, "published": published, **json.loads(record)}
         for rid, doc_id, outlet, published, record in rows),
        "report_id", decisions(conn, "event"),
    )
    return [
        Report(report_id=r["report_id"], doc_id=r["doc_id"], outlet=r["outlet"],
               published=date.fromisoformat(r["published"]) if r["published"] else None,
               event={k: v for k, v in r.items() if k not in _REPORT_KEYS})
        for r in records
    ]


def attach_report_ids(conn: sqlite3.Connection, clusters: list[dict[str, Any]]) -> None:
    """Set each cluster record's ``report_ids`` (its members in stored order), one query for the lot."""
    if not clusters:
        return
    members: dict[str, list[str]] = {}
    for cluster_id, report_id in conn.execute(
        "SELECT m.cluster_id, m.report_id FROM cluster_members m JOIN events e ON e.report_id = m.report_id "
        "WHERE m.cluster_id IN (SELECT value FROM json_each(?)) ORDER BY e.id",
        (json.dumps([c["cluster_id"] for c in clusters]),),
    ):
        members.setdefault(cluster_id, []).append(report_id)
    for cluster in clusters:
        cluster["report_ids"] = members.get(cluster["cluster_id"], [])


def recluster(conn: sqlite3.Connection, where: str = "the database") -> int:
    """Fuse every stored report into clusters and store them; returns the number of clusters."""
    from rasid.fuse import cluster_reports

    seen = _data_version(conn)
    clusters = cluster_reports(load_reports(conn))
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with transaction(conn, where):
        if _data_version(conn) != seen:
            # Another process (a second ingest, an API write) committed while we fused: clusters built from
            # the older reports would clear the stale flag over events they lack. Fuse again, under the lock.
            clusters = cluster_reports(load_reports(conn))
        conn.execute("DELETE FROM cluster_members")
        conn.execute("DELETE FROM clusters")
        conn.executemany(
            "INSERT INTO clusters (cluster_id, event_type, sub_event_type, actor1, actor2, country, admin1, admin2, "
            "location, latitude, longitude, geo_precision, date, time_precision, fatalities, fatalities_low, "
            "fatalities_best, fatalities_high, sources, conflicts, notes, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [_row(c, now) for c in clusters],
        )
        conn.executemany(
            "INSERT INTO cluster_members (cluster_id, report_id) VALUES (?, ?)",
            [(c.cluster_id, rid) for c in clusters for rid in dict.fromkeys(c.report_ids)],
        )
        apply_structure(conn)
        conn.execute("INSERT INTO meta (key, value) VALUES (?, '0') ON CONFLICT(key) DO UPDATE SET value = '0'", (STALE,))
    return int(conn.execute("SELECT count(*) FROM clusters").fetchone()[0])


_EVENT_FIELDS = ("event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "admin2", "location",
                 "latitude", "longitude", "geo_precision", "date", "time_precision", "fatalities")


def apply_structure(conn: sqlite3.Connection, review_id: int | None = None) -> None:
    """Replay reviewers' merges and splits over the clusters fusion made (the caller owns the transaction).

    ``merge``: target cluster absorbs the cluster named in ``new_value``. ``split``: the reports listed
    (JSON) in ``new_value`` leave the target for a new cluster whose id is ``field``. Called after every
    re-clustering so a human decision outlives it; ``review_id`` replays just that one review.
    """
    query = "SELECT action, target_id, field, new_value FROM reviews WHERE target_kind = 'cluster' AND action IN ('merge', 'split')"
    params: tuple[Any, ...] = ()
    if review_id is not None:
        query += " AND id = ?"
        params = (review_id,)
    for action, target, name, value in conn.execute(query + " ORDER BY created_at, id", params).fetchall():
        if conn.execute("SELECT 1 FROM clusters WHERE cluster_id = ?", (target,)).fetchone() is None:
            continue  # the target no longer exists (its reports were removed): nothing to replay
        if action == "merge":
            _merge(conn, target, value)
        elif name:
            _split(conn, target, name, json.loads(value or "[]"))


def _merge(conn: sqlite3.Connection, target: str, other: str) -> None:
    row = conn.execute("SELECT sources FROM clusters WHERE cluster_id = ?", (other,)).fetchone()
    if row is None or other == target:
        return
    conn.execute("INSERT OR IGNORE INTO cluster_members (cluster_id, report_id) "
                 "SELECT ?, report_id FROM cluster_members WHERE cluster_id = ?", (target, other))
    sources = json.loads(conn.execute("SELECT sources FROM clusters WHERE cluster_id = ?", (target,)).fetchone()[0])
    merged = list(dict.fromkeys([*sources, *json.loads(row[0])]))
    conn.execute("UPDATE clusters SET sources = ? WHERE cluster_id = ?", (json.dumps(merged, ensure_ascii=False), target))
    conn.execute("DELETE FROM clusters WHERE cluster_id = ?", (other,))


def _split(conn: sqlite3.Connection, target: str, new_id: str, report_ids: list[str]) -> None:
    moved = [r[0] for r in conn.execute(
        "SELECT m.report_id FROM cluster_members m JOIN events e ON e.report_id = m.report_id "
        "WHERE m.cluster_id = ? AND m.report_id IN (SELECT value FROM json_each(?)) ORDER BY e.id",
        (target, json.dumps(report_ids)))]
    if not moved or conn.execute("SELECT 1 FROM clusters WHERE cluster_id = ?", (new_id,)).fetchone():
        return
    first = conn.execute(f"SELECT {', '.join(_EVENT_FIELDS)}, reported_by FROM events WHERE report_id = ?",
                         (moved[0],)).fetchone()
    sources = json.dumps([first["reported_by"]] if first["reported_by"] else [], ensure_ascii=False)
    conn.execute(
        f"INSERT INTO clusters (cluster_id, {', '.join(_EVENT_FIELDS)}, sources, conflicts, notes, updated_at) "
        f"VALUES (?, {', '.join('?' for _ in _EVENT_FIELDS)}, ?, '[]', ?, ?)",
        (new_id, *(first[f] for f in _EVENT_FIELDS), sources, f"split from {target} in review",
         datetime.now(UTC).isoformat(timespec="seconds")),
    )
    conn.executemany("UPDATE cluster_members SET cluster_id = ? WHERE cluster_id = ? AND report_id = ?",
                     [(new_id, target, rid) for rid in moved])


def _data_version(conn: sqlite3.Connection) -> int:
    """Changes whenever another connection commits to the database (SQLite's own counter)."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def _row(c: Any, now: str) -> Sequence[Any]:
    return (
        c.cluster_id, c.event_type, c.sub_event_type, c.actor1, c.actor2, c.country, c.admin1, c.admin2,
        c.location, c.latitude, c.longitude, c.geo_precision, c.date, c.time_precision, c.fatalities,
        c.fatalities_low, c.fatalities_best, c.fatalities_high,
        json.dumps(list(c.sources), ensure_ascii=False),
        json.dumps([dict(x) for x in c.conflicts], ensure_ascii=False, default=str),
        c.notes, now,
    )
