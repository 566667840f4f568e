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


def recluster(conn: sqlite3.Connection, where: str = "the database") -> int:
    """Fuse every stored report into clusters and store them; returns the number of clusters."""
    from rasid.fuse import cluster_reports

    clusters = cluster_reports(load_reports(conn))
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with transaction(conn, where):
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
        conn.execute("INSERT INTO meta (key, value) VALUES (?, '0') ON CONFLICT(key) DO UPDATE SET value = '0'", (STALE,))
    return len(clusters)


def _row(c: Any, now: str) -> Sequence[Any]:
    return (
        c.cluster_id, c.event_type, c.sub_event_type, c.actor1, c.actor2, c.country, c.admin1, c.admin2,
        c.location, c.latitude, c.longitude, c.geo_precision, c.date, c.time_precision, c.fatalities,
        c.fatalities_low, c.fatalities_best, c.fatalities_high,
        json.dumps(list(c.sources), ensure_ascii=False),
        json.dumps([dict(x) for x in c.conflicts], ensure_ascii=False, default=str),
        c.notes, now,
    )
