"""Load test of ``rasid serve``: 50 concurrent clients on ``/api/events`` over 100,000 fused events.

1. Builds a database: a few gold articles go through the real pipeline and
   the store's ingest, then their events, clusters and memberships are
   replicated in SQL with dates shifted over two years and new ids (seconds).
2. Starts ``rasid serve --read-only`` (uvicorn) on 127.0.0.1 in a subprocess.
3. Runs ``--clients`` asyncio+httpx clients for ``--duration`` seconds with a
   mix of filters, sorts and cursor-following, then stops the server.
4. Prints requests/s, p50/p95/p99 latency and errors (goal: p99 < 300 ms, 0 errors).

Usage: ``python bench/api_load.py [--events 100000] [--duration 30] [--clients 50] [--workers 2] [--json]``
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from rasid.store import connect, ingest

SOURCES = ("news-syria-iraq-dev.jsonl", "news-english-wire-dev.jsonl", "news-protests-civilians-dev.jsonl")


def build(db: Path, shared: Path, events: int) -> int:
    """Ingest the gold articles, then replicate their clusters to ``events`` rows; returns the count."""
    folder = db.parent / "corpus"
    folder.mkdir(exist_ok=True)
    with open(folder / "docs.jsonl", "w", encoding="utf-8") as out:
        for name in SOURCES:
            for line in open(shared / "eval" / name, encoding="utf-8"):
                record = json.loads(line)
                keep = {k: record[k] for k in ("doc_id", "lang", "outlet", "url", "published", "text") if k in record}
                out.write(json.dumps(keep, ensure_ascii=False) + "\n")
    conn = connect(db)
    ingest(conn, [str(folder)], where=str(db))
    base = conn.execute("SELECT count(*) FROM clusters").fetchone()[0]
    copies = max(0, math.ceil(events / max(base, 1)) - 1)
    event_cols = [r[1] for r in conn.execute("PRAGMA table_info(events)") if r[1] != "id"]
    cluster_cols = [r[1] for r in conn.execute("PRAGMA table_info(clusters)")]
    # Column names come from the schema itself; the only value bound in is the copy count.
    ev_select = ", ".join("e.report_id || '~' || n.i" if c == "report_id" else f'e."{c}"' for c in event_cols)
    cl_select = ", ".join(
        "c.cluster_id || '-' || n.i" if c == "cluster_id"
        else "CASE WHEN c.date IS NULL THEN NULL ELSE date(substr(c.date, 1, 10), '-' || (n.i % 730) || ' days') END"
        if c == "date" else f'c."{c}"' for c in cluster_cols)
    counter = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
    conn.execute("BEGIN")
    conn.execute(counter + f"INSERT INTO events ({', '.join(event_cols)}) SELECT {ev_select} FROM events e, n "
                 "WHERE e.report_id NOT LIKE '%~%'", (copies,))
    conn.execute(counter + f"INSERT INTO clusters SELECT {cl_select} FROM clusters c, n "
                 "WHERE c.cluster_id NOT LIKE '%-%-%'", (copies,))
    conn.execute(counter + "INSERT INTO cluster_members SELECT m.cluster_id || '-' || n.i, m.report_id || '~' || n.i "
                 "FROM cluster_members m, n WHERE m.report_id NOT LIKE '%~%'", (copies,))
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    total = int(conn.execute("SELECT count(*) FROM clusters").fetchone()[0])
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return total


def query_mix(db: Path) -> list[dict[str, Any]]:
    """Realistic filter sets drawn from the data itself."""
    conn = sqlite3.connect(db)
    countries = [r[0] for r in conn.execute("SELECT DISTINCT country FROM clusters WHERE country IS NOT NULL")]
    types = [r[0] for r in conn.execute("SELECT DISTINCT event_type FROM clusters")]
    actors = [r[0] for r in conn.execute("SELECT DISTINCT actor1 FROM clusters WHERE actor1 IS NOT NULL LIMIT 20")]
    days = [r[0] for r in conn.execute("SELECT DISTINCT date FROM clusters WHERE length(date) = 10 LIMIT 200")]
    points = conn.execute("SELECT longitude, latitude FROM clusters WHERE latitude IS NOT NULL LIMIT 50").fetchall()
    conn.close()
    mix: list[dict[str, Any]] = [{}, {"sort": "fatalities", "order": "desc"}, {"order": "desc"}, {"limit": 200}]
    mix += [{"country": c} for c in countries] + [{"event_type": t} for t in types]
    mix += [{"actor": a.split()[0]} for a in actors[:5]]
    mix += [{"since": d, "until": d} for d in days[:20]] + [{"since": d} for d in days[:5]]
    mix += [{"min_fatalities": 5}, {"min_fatalities": 1, "sort": "fatalities", "order": "desc"}]
    mix += [{"bbox": f"{lon - 1},{lat - 1},{lon + 1},{lat + 1}"} for lon, lat in points[:10]]
    mix += [{"q": "Boko Haram"}, {"country": countries[0] if countries else "Syria", "since": days[0] if days else None}]
    return [{k: v for k, v in m.items() if v is not None} for m in mix]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def load(base: str, mix: list[dict[str, Any]], clients: int, duration: float) -> dict[str, Any]:
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.perf_counter() + duration
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10.0) as http:
        async def client(seed: int) -> None:
            rng = random.Random(seed)
            cursor: tuple[dict[str, Any], str] | None = None
            while time.perf_counter() < deadline:
                if cursor and rng.random() < 0.3:
                    params = {**cursor[0], "cursor": cursor[1]}
                else:
                    params = dict(rng.choice(mix))
                started = time.perf_counter()
                try:
                    response = await http.get("/api/events", params=params)
                    latencies.append(time.perf_counter() - started)
                    if response.status_code != 200:
                        errors.append(f"{response.status_code} {params}")
                        continue
                    following = response.json().get("next_cursor")
                    base_params = {k: v for k, v in params.items() if k != "cursor"}
                    cursor = (base_params, following) if following else None
                except httpx.HTTPError as error:
                    errors.append(f"{type(error).__name__} {params}")
        started = time.perf_counter()
        await asyncio.gather(*(client(i) for i in range(clients)))
        elapsed = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return round(1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))], 1) if latencies else 0.0

    return {"requests": len(latencies), "seconds": round(elapsed, 1),
            "requests_per_s": round(len(latencies) / elapsed, 1), "p50_ms": pct(0.50), "p95_ms": pct(0.95),
            "p99_ms": pct(0.99), "errors": len(errors), "error_examples": errors[:5]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--shared", type=Path, default=Path("/work/shared"))
    parser.add_argument("--db", type=Path, help="reuse or keep this database (default: a temporary one)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "load.db"
        t0 = time.perf_counter()
        total = (int(sqlite3.connect(db).execute("SELECT count(*) FROM clusters").fetchone()[0])
                 if db.exists() else build(db, args.shared, args.events))
        build_s = time.perf_counter() - t0
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "rasid", "serve", "--db", str(db), "--read-only", "--port", str(port),
             "--workers", str(args.workers)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                try:
                    if httpx.get(base + "/api/events?limit=1", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            else:
                raise SystemExit("server did not start: " + (server.stderr.read().decode() if server.stderr else ""))
            result = asyncio.run(load(base, query_mix(db), args.clients, args.duration))
        finally:
            server.terminate()
            server.wait(timeout=10)
    result = {"events": total, "build_s": round(build_s, 1), "clients": args.clients, "workers": args.workers,
              **result, "goal_met": result["p99_ms"] < 300 and result["errors"] == 0}
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>16}: {value}")
    return 0 if result["goal_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
