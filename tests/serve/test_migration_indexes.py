"""Schema version 5 (API indexes) upgrades an existing database in place and is used by the queries."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from rasid.serve.query import EventFilters
from rasid.store import connect, schema

V5_INDEXES = {"clusters_country_fatalities", "clusters_admin1_fatalities", "clusters_event_type_fatalities",
              "clusters_sub_event_type_fatalities", "clusters_fatalities", "clusters_latitude",
              "events_document_report", "clusters_keys", "clusters_stats"}
TABLES = ("documents", "events", "claims", "clusters", "cluster_members", "mentions", "quotes")


def indexes(conn: sqlite3.Connection) -> dict[str, str]:
    return {name: sql for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                                    "AND sql IS NOT NULL")}


@pytest.fixture
def version4_db(api_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database made by the rasid before migration 5, holding the API test corpus's rows."""
    monkeypatch.setattr(schema, "MIGRATIONS", tuple(m for m in schema.MIGRATIONS if m[0] <= 4))
    path = tmp_path / "v4.db"
    conn = connect(path)
    conn.execute("ATTACH DATABASE ? AS source", (f"{api_db.resolve().as_uri()}?mode=ro",))
    conn.execute("BEGIN")
    for table in TABLES:
        conn.execute(f"INSERT INTO main.{table} SELECT * FROM source.{table}")  # names are constants
    conn.execute("COMMIT")
    conn.execute("DETACH DATABASE source")
    conn.close()
    monkeypatch.undo()
    return path


def test_an_existing_database_gains_the_indexes_and_keeps_its_rows(version4_db: Path) -> None:
    raw = sqlite3.connect(version4_db)
    before = {t: raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    assert max(v for (v,) in raw.execute("SELECT version FROM schema_migrations")) == 4
    assert not V5_INDEXES - {"clusters_fatalities", "clusters_latitude"} & set(indexes(raw))
    assert "date" not in indexes(raw)["clusters_latitude"]
    raw.close()

    connect(version4_db).close()  # what every rasid command does on open
    connect(version4_db).close()  # and again: applied once

    raw = sqlite3.connect(version4_db)
    versions = [v for (v,) in raw.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == list(range(1, schema.LATEST + 1)) and schema.LATEST >= 5
    found = indexes(raw)
    assert V5_INDEXES <= set(found)
    assert "events_document" not in found  # replaced by the covering (document_id, report_id)
    assert "date" in found["clusters_latitude"] and "fatalities" in found["clusters_fatalities"]
    assert {t: raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES} == before
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def plan(conn: sqlite3.Connection, sql: str, params: list[object]) -> str:
    return " | ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params))


def test_filtered_fatality_sorts_and_map_boxes_read_indexes_not_a_sort_of_every_row(api_db: Path) -> None:
    conn = connect(api_db, readonly=True)
    try:
        for column in ("country", "admin1", "event_type", "sub_event_type"):
            where, params = EventFilters(**{column: "x"}).sql()  # type: ignore[arg-type]
            sql = (f"SELECT c.cluster_id FROM clusters c WHERE {' AND '.join(where)} "
                   "ORDER BY COALESCE(c.fatalities, 0) DESC, c.cluster_id DESC LIMIT 51")
            used = plan(conn, sql, params)
            assert f"clusters_{column}_fatalities" in used and "TEMP B-TREE" not in used, used
        where, params = EventFilters(bbox=(30.0, 30.0, 40.0, 40.0)).sql()
        used = plan(conn, f"SELECT c.cluster_id FROM clusters c WHERE {' AND '.join(where)} "
                          "ORDER BY +COALESCE(c.date, ''), c.cluster_id LIMIT 51", params)
        assert "COVERING INDEX clusters_latitude" in used, used
        used = plan(conn, "SELECT c.date, c.event_type, c.country, c.actor1, c.actor2, count(*) FROM clusters c "
                          "GROUP BY c.date, c.event_type, c.country, c.actor1, c.actor2", [])
        assert "COVERING INDEX clusters_stats" in used and "TEMP B-TREE" not in used, used
    finally:
        conn.close()
