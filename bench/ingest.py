"""Benchmark ``rasid ingest`` on the Arabic SaudiNewsNet conflict corpus.

Reads ``shared/data/saudinewsnet_conflict/*.jsonl`` (1,901 articles with
``content``, ``title``, ``date_extracted``, ``url``, ``source``) into a fresh
database and reports:

* documents per second for the whole ingest (reading, duplicate detection,
  extraction, storing, and the final re-clustering), and the share of each;
* how many articles were new, exact or near duplicates, or skipped;
* database size (file plus WAL) per 1,000 documents.

The corpus is written to a temporary JSONL of ``--limit`` lines first, so the
figure covers exactly what ``rasid ingest`` does with a file.

Usage: ``python bench/ingest.py [--shared PATH] [--limit N] [--db FILE] [--json]``
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from corpus import DEFAULT_SHARED, CorpusMissing, corpus_files, corpus_lines
from rasid.store import connect, ingest
from rasid.store.clusters import recluster


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--limit", type=int, default=0, help="ingest only the first N articles (default: all)")
    parser.add_argument("--db", type=Path, help="database to create (default: a temporary file, removed)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)

    try:
        files = corpus_files(args.shared)
    except CorpusMissing as error:
        print(error, file=sys.stderr)
        return 2
    lines = corpus_lines(files, args.limit)

    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "saudinewsnet.jsonl"
        corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
        db = args.db or Path(scratch) / "bench.db"
        if db.exists():
            print(f"{db} exists; the benchmark needs a fresh database", file=sys.stderr)
            return 2
        conn = connect(db)
        # Load the pipeline's tables first: the figure is the steady rate, not the start-up.
        from rasid.pipeline import extract

        started = time.perf_counter()
        extract("تمهيد", lang="ar")
        warmup = time.perf_counter() - started
        started = time.perf_counter()
        summary = ingest(conn, [str(corpus)], where=str(db), recluster_events=False)
        stored = time.perf_counter() - started
        started = time.perf_counter()
        clusters = recluster(conn, str(db))
        clustering = time.perf_counter() - started
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))

    total = stored + clustering
    figures = {
        "articles": len(lines),
        "new": summary.new,
        "duplicates": summary.duplicates,
        "skipped": len(summary.skipped),
        "events": summary.events,
        "clusters": clusters,
        "seconds": round(total, 2),
        "startup_seconds": round(warmup, 2),
        "docs_per_second": round(len(lines) / total, 2) if total else None,
        "clustering_seconds": round(clustering, 2),
        "db_bytes": size,
        "mb_per_1000_docs": round(size / 1e6 * 1000 / max(len(lines), 1), 2),
    }
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"ingest of {figures['articles']:,} SaudiNewsNet articles: {figures['new']:,} new, "
              f"{figures['duplicates']:,} duplicates, {figures['skipped']:,} skipped; "
              f"{figures['events']:,} events fused into {clusters:,}")
        print(f"  {figures['docs_per_second']} documents/s ({total:.1f} s, of which clustering {clustering:.1f} s; "
              f"start-up {warmup:.1f} s not counted)")
        print(f"  database: {size / 1e6:.1f} MB, {figures['mb_per_1000_docs']} MB per 1,000 documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
