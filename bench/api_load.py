"""Load test of ``rasid serve``: 50 concurrent clients on ``/api/events`` over 100,000 fused events.

1. Builds a database: a few gold articles go through the real pipeline and
   the store's ingest, then their events, clusters and memberships are
   replicated in SQL with dates shifted over two years and new ids (seconds).
2. Starts ``rasid serve --read-only`` (uvicorn) on 127.0.0.1 in a subprocess.
3. Runs ``--clients`` asyncio+httpx clients for ``--duration`` seconds with a
   mix of filters, sorts and cursor-following, then stops the server.
4. Prints requests/s, p50/p95/p99 latency and errors (goal: p99 < 300 ms, 0 errors).

On a shared machine latency mostly measures the neighbours, so the CPU time
the server processes and the load generator used is reported too (psutil),
as milliseconds of CPU per request: that figure moves only with our code.
``--endpoints`` then times single requests to the heavier endpoints (stats,
sorted and full-text lists, CSV export), one at a time, wall and server CPU.

``--export`` measures the exports instead of the load: the peak resident memory (and CPU) of a
fresh process that answers ``/api/export.csv`` and ``/api/export.geojson`` through the ASGI app
(the body is counted and dropped as it comes, as a client saving it to disk would) or runs
``rasid export`` to a file, each over every event of the database.

Usage: ``python bench/api_load.py [--events 100000] [--duration 30] [--clients 50] [--workers 2]
[--endpoints] [--export] [--db FILE] [--json]``
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

from rasid.store import connect, ingest

try:
    import psutil
except ImportError:  # CPU figures are left out
    psutil = None

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


ENDPOINTS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("stats", "/api/stats", {}),
    ("stats_country", "/api/stats", {"country": "Syria"}),
    ("events_country_by_fatalities", "/api/events", {"country": "Syria", "sort": "fatalities", "order": "desc"}),
    ("events_text", "/api/events", {"q": "Boko Haram"}),
    ("events_text_arabic", "/api/events", {"q": "\u0642\u0635\u0641"}),
    ("export_csv_1000", "/api/export.csv", {"limit": 1000}),
    ("export_csv_country", "/api/export.csv", {"country": "Syria"}),
)


class ServerCPU:
    """CPU seconds used by the server process and its workers since the last reading."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid) if psutil else None
        self.last = self.total()

    def total(self) -> float:
        if self.root is None:
            return 0.0
        used = 0.0
        for process in [self.root, *self.root.children(recursive=True)]:
            try:
                times = process.cpu_times()
                used += times.user + times.system
            except psutil.Error:
                continue  # a worker that just exited
        return used

    def lap(self) -> float:
        now = self.total()
        used, self.last = now - self.last, now
        return used


def endpoint_timings(base: str, cpu: ServerCPU, repeat: int = 3) -> dict[str, dict[str, Any]]:
    """Median wall time and server CPU of single requests, one at a time (no load)."""
    out: dict[str, dict[str, Any]] = {}
    with httpx.Client(base_url=base, timeout=120.0) as http:
        for name, path, params in ENDPOINTS:
            walls, cpus, size, status = [], [], 0, 0
            for _ in range(repeat):
                cpu.lap()
                started = time.perf_counter()
                response = http.get(path, params=params)
                walls.append(time.perf_counter() - started)
                cpus.append(cpu.lap())
                size, status = len(response.content), response.status_code
            out[name] = {"path": path, "params": params, "status": status, "bytes": size,
                         "wall_ms": round(1000 * sorted(walls)[len(walls) // 2], 1),
                         "server_cpu_ms": round(1000 * sorted(cpus)[len(cpus) // 2], 1)}
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Connection:
    """One keep-alive HTTP/1.1 connection speaking just enough HTTP for this server's GET answers.

    httpx costs about as much CPU per request as the server itself; on a two-core machine the load
    generator would then take half the CPU it is supposed to measure.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, target: str, timeout: float) -> tuple[int, bytes]:
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        try:
            writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode())
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
            match = re.search(rb"(?im)^content-length:\s*(\d+)", head)
            if match is None:
                raise ConnectionError("answer without Content-Length")
            body = await asyncio.wait_for(reader.readexactly(int(match.group(1))), timeout)
            return int(head[9:12]), body
        except BaseException:
            writer.close()
            self.streams = None
            raise


def next_cursor(body: bytes) -> str | None:
    """The page's next_cursor, read from the end of the body without parsing the items."""
    at = body.rfind(b'"next_cursor"')
    tail = json.loads(b"{" + body[at:]) if at >= 0 else {}
    value = tail.get("next_cursor")
    return value if isinstance(value, str) else None


async def load(base: str, mix: list[dict[str, Any]], clients: int, duration: float) -> dict[str, Any]:
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.perf_counter() + duration
    host, port = base.removeprefix("http://").rsplit(":", 1)

    async def client(seed: int) -> None:
        rng = random.Random(seed)
        http = Connection(host, int(port))
        cursor: tuple[dict[str, Any], str] | None = None
        while time.perf_counter() < deadline:
            if cursor and rng.random() < 0.3:
                params = {**cursor[0], "cursor": cursor[1]}
            else:
                params = dict(rng.choice(mix))
            started = time.perf_counter()
            try:
                status, body = await http.get("/api/events?" + urlencode(params), timeout=10.0)
                latencies.append(time.perf_counter() - started)
                if status != 200:
                    errors.append(f"{status} {params}")
                    continue
                following = next_cursor(body)
                base_params = {k: v for k, v in params.items() if k != "cursor"}
                cursor = (base_params, following) if following else None
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError,
                    ValueError) as error:
                latencies.append(time.perf_counter() - started)
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


EXPORTS = (("api_csv", "/api/export.csv"), ("api_geojson", "/api/export.geojson"),
           ("cli_csv", "acled-csv"), ("cli_geojson", "geojson"))


def measure_export(db: Path, kind: str) -> dict[str, Any]:
    """One export in this process: its peak RSS above the process's before it, CPU, bytes (a child's job)."""
    import resource

    target = dict(EXPORTS)[kind]
    if kind.startswith("api"):
        from rasid.serve import create_app

        app = create_app(db, read_only=True)
        asgi_get(app, target + "?limit=1")  # imports, connection and caches: not the export's memory
        run = lambda: asgi_get(app, target)  # noqa: E731
    else:
        from rasid.cli.main import main as rasid_main

        def run() -> int:
            with tempfile.TemporaryDirectory() as folder:
                written = Path(folder) / "export"
                assert rasid_main(["export", "--format", target, "--db", str(db), "-o", str(written)]) == 0
                return written.stat().st_size
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    anon_before = anonymous_rss_kb()
    sampler = AnonymousPeak()
    sampler.start()
    cpu = time.process_time()
    try:
        size = run()
    finally:
        cpu = time.process_time() - cpu
        sampler.stop()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {"bytes": size, "peak_rss_mb": round(peak / 1024, 1), "rss_before_mb": round(before / 1024, 1),
            "anon_before_mb": round(anon_before / 1024, 1), "anon_peak_mb": round(sampler.peak / 1024, 1),
            "anon_growth_mb": round((sampler.peak - anon_before) / 1024, 1), "cpu_s": round(cpu, 2)}


def anonymous_rss_kb() -> int:
    """This process's resident memory that is not a mapped file (Linux ``RssAnon``; 0 elsewhere).

    The API's readers map the database file (``PRAGMA mmap_size``), and mapped pages count in the RSS
    although the OS may drop them at will: the anonymous part is what the export itself holds.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("RssAnon:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class AnonymousPeak:
    """The highest :func:`anonymous_rss_kb` seen, sampled every few milliseconds by a thread."""

    def __init__(self) -> None:
        import threading

        self.peak = anonymous_rss_kb()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._done.set()
        self._thread.join()
        self.peak = max(self.peak, anonymous_rss_kb())

    def _watch(self) -> None:
        while not self._done.wait(0.005):
            self.peak = max(self.peak, anonymous_rss_kb())


def asgi_get(app: Any, target: str) -> int:
    """GET ``target`` from an ASGI app, dropping the body as it streams in; returns its size in bytes."""
    path, _, query = target.partition("?")
    received = 0

    async def call() -> None:
        nonlocal received
        sent = False

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await asyncio.sleep(3600)  # no disconnect while the answer streams
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            nonlocal received
            if message["type"] == "http.response.start" and message["status"] != 200:
                raise SystemExit(f"{target}: HTTP {message['status']}")
            if message["type"] == "http.response.body":
                received += len(message.get("body", b""))

        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
                 "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query.encode(),
                 "root_path": "", "headers": [(b"host", b"bench")], "client": ("127.0.0.1", 1),
                 "server": ("127.0.0.1", 80)}
        await app(scope, receive, send)

    asyncio.run(call())
    return received


def export_memory(db: Path) -> dict[str, dict[str, Any]]:
    """Each export in a fresh process, so that one's peak does not hide another's."""
    out: dict[str, dict[str, Any]] = {}
    for kind, _ in EXPORTS:
        child = subprocess.run([sys.executable, __file__, "--measure-export", kind, "--db", str(db)],
                               capture_output=True, text=True, check=False)
        if child.returncode != 0:
            raise SystemExit(f"{kind}: {child.stderr.strip()[-2000:]}")
        out[kind] = json.loads(child.stdout.strip().splitlines()[-1])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--shared", type=Path, default=Path("/work/shared"))
    parser.add_argument("--db", type=Path, help="reuse or keep this database (default: a temporary one)")
    parser.add_argument("--endpoints", action="store_true", help="also time single requests to heavy endpoints")
    parser.add_argument("--export", action="store_true",
                        help="measure the exports' peak memory instead of running the load test")
    parser.add_argument("--measure-export", choices=[k for k, _ in EXPORTS], help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.measure_export:
        print(json.dumps(measure_export(args.db, args.measure_export)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "load.db"
        t0 = time.perf_counter()
        total = (int(sqlite3.connect(db).execute("SELECT count(*) FROM clusters").fetchone()[0])
                 if db.exists() else build(db, args.shared, args.events))
        build_s = time.perf_counter() - t0
        if args.export:
            exports = export_memory(db)
            if args.json:
                print(json.dumps({"events": total, "build_s": round(build_s, 1), "exports": exports}))
            else:
                print(f"{total:,} events (database built in {build_s:.1f} s)")
                for kind, figures in exports.items():
                    print(f"{kind:>12}: peak anonymous RSS {figures['anon_peak_mb']} MB "
                          f"(+{figures['anon_growth_mb']} MB over {figures['anon_before_mb']} MB before); "
                          f"peak RSS with mapped files {figures['peak_rss_mb']} MB; {figures['cpu_s']} s CPU; "
                          f"{figures['bytes']:,} bytes")
            return 0
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
            mix = query_mix(db)
            for params in mix:  # warm the page cache and every worker's connections, untimed
                httpx.get(base + "/api/events", params=params, timeout=60)
            cpu = ServerCPU(server.pid)
            load_avg = os.getloadavg()[0]
            client_cpu = time.process_time()
            result = asyncio.run(load(base, mix, args.clients, args.duration))
            client_cpu = time.process_time() - client_cpu
            server_cpu = cpu.lap()
            requests = max(result["requests"], 1)
            result.update({
                "load_average_before": round(load_avg, 1), "load_average_after": round(os.getloadavg()[0], 1),
                "server_cpu_s": round(server_cpu, 1), "server_cpu_ms_per_request": round(1000 * server_cpu / requests, 2),
                "client_cpu_ms_per_request": round(1000 * client_cpu / requests, 2),
            })
            if args.endpoints:
                result["endpoints"] = endpoint_timings(base, cpu)
        finally:
            server.terminate()
            server.wait(timeout=10)
    result = {"events": total, "build_s": round(build_s, 1), "clients": args.clients, "workers": args.workers,
              **result, "goal_met": result["p99_ms"] < 300 and result["errors"] == 0}
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            if key == "endpoints":
                for name, timing in value.items():
                    print(f"{name:>28}: {timing['wall_ms']} ms wall, {timing['server_cpu_ms']} ms server CPU, "
                          f"{timing['bytes']} bytes, HTTP {timing['status']}")
            else:
                print(f"{key:>28}: {value}")
    return 0 if result["goal_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
