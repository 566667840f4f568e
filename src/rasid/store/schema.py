"""The database schema as numbered migrations, applied once each.

Each migration runs in its own transaction and records its number in
``schema_migrations``, so a database made by an older rasid is brought up to
date on open and a half-applied migration never stays behind. Everything is
plain SQLite (FTS5 is built in), so the file opens as-is in Datasette or the
``sqlite3`` shell.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (1, "documents, analyses, clusters, reviews", """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,
    url TEXT,
    outlet TEXT,
    title TEXT,
    lang TEXT,
    published TEXT,
    text TEXT NOT NULL,
    norm_text TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    duplicate_of INTEGER REFERENCES documents(id),
    similarity REAL,
    status TEXT NOT NULL CHECK (status IN ('extracted', 'duplicate', 'failed')),
    error TEXT,
    source_path TEXT,
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_hash ON documents(content_hash);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);

-- MinHash locality-sensitive bands: documents sharing a band are near-duplicate candidates.
CREATE TABLE document_bands (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    band INTEGER NOT NULL,
    bucket TEXT NOT NULL,
    PRIMARY KEY (band, bucket, document_id)
) WITHOUT ROWID;
CREATE TABLE document_signatures (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    signature BLOB NOT NULL
);

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    canonical TEXT,
    confidence REAL,
    country TEXT,
    admin1 TEXT,
    admin2 TEXT,
    latitude REAL,
    longitude REAL,
    geo_precision INTEGER,
    attrs TEXT
);
CREATE INDEX mentions_document ON mentions(document_id);
CREATE INDEX mentions_canonical ON mentions(canonical);

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    quote_key TEXT NOT NULL,
    speaker TEXT,
    speaker_role TEXT,
    cue TEXT,
    kind TEXT,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    cue_start INTEGER,
    cue_end INTEGER,
    speaker_start INTEGER,
    speaker_end INTEGER,
    UNIQUE (document_id, quote_key)
);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    report_id TEXT NOT NULL UNIQUE,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    event_type TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    actor1 TEXT,
    actor2 TEXT,
    actor1_text TEXT,
    actor2_text TEXT,
    actor1_start INTEGER,
    actor1_end INTEGER,
    actor2_start INTEGER,
    actor2_end INTEGER,
    location TEXT,
    location_start INTEGER,
    location_end INTEGER,
    country TEXT,
    admin1 TEXT,
    admin2 TEXT,
    latitude REAL,
    longitude REAL,
    geo_precision INTEGER,
    date TEXT,
    time_precision INTEGER,
    fatalities INTEGER NOT NULL DEFAULT 0,
    evidence TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    reported_by TEXT,
    quote_id TEXT,
    historical INTEGER NOT NULL DEFAULT 0,
    confidence REAL,
    record TEXT NOT NULL
);
CREATE INDEX events_document ON events(document_id);

-- What each source claims about an event: the raw material of per-source conflicts.
CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT
);
CREATE INDEX claims_event ON claims(event_id);

CREATE TABLE clusters (
    cluster_id TEXT PRIMARY KEY,
    event_type TEXT,
    sub_event_type TEXT,
    actor1 TEXT,
    actor2 TEXT,
    country TEXT,
    admin1 TEXT,
    admin2 TEXT,
    location TEXT,
    latitude REAL,
    longitude REAL,
    geo_precision INTEGER,
    date TEXT,
    time_precision INTEGER,
    fatalities INTEGER,
    fatalities_low INTEGER,
    fatalities_best INTEGER,
    fatalities_high INTEGER,
    sources TEXT NOT NULL,
    conflicts TEXT NOT NULL,
    notes TEXT,
    updated_at TEXT NOT NULL
);
CREATE TABLE cluster_members (
    cluster_id TEXT NOT NULL REFERENCES clusters(cluster_id) ON DELETE CASCADE,
    report_id TEXT NOT NULL REFERENCES events(report_id) ON DELETE CASCADE,
    PRIMARY KEY (cluster_id, report_id)
) WITHOUT ROWID;
CREATE INDEX cluster_members_report ON cluster_members(report_id);

-- Human review: a correction here wins over what the extractor or fusion said.
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('event', 'cluster')),
    target_id TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('correct', 'reject', 'confirm')),
    field TEXT,
    old_value TEXT,
    new_value TEXT,
    reason TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX reviews_target ON reviews(target_kind, target_id);

-- Flags that outlive a run, e.g. clusters_stale=1 until events have been re-clustered.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- Full-text index over the normalised text (no diacritics, one alef form) plus clitic-stripped stems;
-- English words are Porter-stemmed by FTS5 (attacked, attacks → attack).
-- Contentless: the text is in documents already (rowid = documents.id), snippets are cut from it.
CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, content = '', tokenize = 'porter unicode61 remove_diacritics 2');
"""),
    (2, "api keys, indexes for the API", """
-- API keys are stored as the sha256 of a high-entropy token: the token itself is shown once, never stored.
CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
-- Keyset pagination of fused events sorts on these expressions, then cluster_id.
CREATE INDEX clusters_date ON clusters(COALESCE(date, ''), cluster_id);
CREATE INDEX clusters_fatalities ON clusters(COALESCE(fatalities, 0), COALESCE(date, ''), cluster_id);
-- Per-filter indexes carry both sort keys, so either sort reads the index alone.
CREATE INDEX clusters_country ON clusters(country COLLATE NOCASE, COALESCE(date, ''), cluster_id, COALESCE(fatalities, 0));
CREATE INDEX clusters_event_type ON clusters(event_type, COALESCE(date, ''), cluster_id, COALESCE(fatalities, 0));
CREATE INDEX clusters_latitude ON clusters(latitude, longitude);
CREATE INDEX cluster_members_cluster ON cluster_members(cluster_id);
"""),
    (3, "reviews: merge and split actions", """
-- SQLite cannot alter a CHECK constraint: the table is rebuilt with the same rows.
CREATE TABLE reviews_new (
    id INTEGER PRIMARY KEY,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('event', 'cluster')),
    target_id TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('correct', 'reject', 'confirm', 'merge', 'split')),
    field TEXT,
    old_value TEXT,
    new_value TEXT,
    reason TEXT,
    created_at TEXT NOT NULL
);
INSERT INTO reviews_new SELECT id, target_kind, target_id, reviewer, action, field, old_value, new_value, reason,
    created_at FROM reviews;
DROP TABLE reviews;
ALTER TABLE reviews_new RENAME TO reviews;
CREATE INDEX reviews_target ON reviews(target_kind, target_id);
"""),
    (4, "indexes for actor, admin1 and sub-event-type filters", """
-- actor1/actor2 ride along so a substring filter on actors walks the date index without touching rows.
DROP INDEX clusters_date;
CREATE INDEX clusters_date ON clusters(COALESCE(date, ''), cluster_id, actor1, actor2);
CREATE INDEX clusters_sub_event_type ON clusters(sub_event_type, COALESCE(date, ''), cluster_id, COALESCE(fatalities, 0));
CREATE INDEX clusters_admin1 ON clusters(admin1 COLLATE NOCASE, COALESCE(date, ''), cluster_id, COALESCE(fatalities, 0));
"""),
    (5, "indexes for sorting by fatalities, map boxes, full text and statistics", """
-- Found by profiling the API on 100,000 fused events (bench/api_load.py). Plain columns ride along where a
-- query needs their value: before SQLite 3.41 an indexed expression does not make an index covering.
-- A filtered list sorted by fatalities walks its filter's rows in that order instead of sorting them all.
CREATE INDEX clusters_country_fatalities ON clusters(country COLLATE NOCASE, COALESCE(fatalities, 0), cluster_id);
CREATE INDEX clusters_admin1_fatalities ON clusters(admin1 COLLATE NOCASE, COALESCE(fatalities, 0), cluster_id);
CREATE INDEX clusters_event_type_fatalities ON clusters(event_type, COALESCE(fatalities, 0), cluster_id);
CREATE INDEX clusters_sub_event_type_fatalities ON clusters(sub_event_type, COALESCE(fatalities, 0), cluster_id);
-- The fatalities sort in the cursor's (fatalities, cluster_id) order; date and fatalities let min_fatalities
-- matches be filtered and sorted by date from the index alone.
DROP INDEX clusters_fatalities;
CREATE INDEX clusters_fatalities ON clusters(COALESCE(fatalities, 0), cluster_id, date, fatalities);
-- A map box sorts its matches on keys read from the index, not from the (long) rows.
DROP INDEX clusters_latitude;
CREATE INDEX clusters_latitude ON clusters(latitude, longitude, date, fatalities, cluster_id);
-- Full text: matching documents reach their reports, clusters and sort keys through indexes alone.
CREATE INDEX events_document_report ON events(document_id, report_id);
DROP INDEX events_document;
CREATE INDEX clusters_keys ON clusters(cluster_id, date, fatalities);
-- Statistics group by these columns: reading this index in order needs neither the rows nor a sort.
CREATE INDEX clusters_stats ON clusters(date, event_type, country, actor1, actor2, fatalities);
"""),
)

LATEST = MIGRATIONS[-1][0]


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every migration the database lacks; returns the schema version."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
    for version, name, script in MIGRATIONS:
        if version in done:
            continue
        # Another process opening the same new database may apply it first: look again under the write
        # lock, and run the statements one by one (executescript would commit, releasing the lock).
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("SELECT 1 FROM schema_migrations WHERE version = ?", (version,)).fetchone() is None:
                for statement in _statements(script):
                    conn.execute(statement)
                conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, _now()))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return LATEST


def _statements(script: str) -> list[str]:
    """The complete SQL statements of a migration script, in order (comment-only text dropped)."""
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if any(line.strip() and not line.strip().startswith("--") for line in pending.splitlines()):
        raise ValueError(f"a migration statement does not end with ';': {pending.strip()[:80]}")
    return statements


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
