"""``rasid serve``: the REST API over a corpus database (uvicorn, loopback unless told otherwise)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from rasid.cli import CommandError
from rasid.cli.ingest_cmd import add_db_argument
from rasid.store import StoreError, default_path

DEFAULT_BODY_TIMEOUT = 30.0  # as rasid.serve.app's (not imported here: fastapi is an optional extra)

DESCRIPTION = """\
Serve the fused events, documents and quotes of a rasid database: a web
dashboard at / (map, timeline, table, the article with its evidence, review)
and a JSON API (OpenAPI at /docs). Nothing is loaded from the network unless
--tiles names a map tile server. Reads need no key; writes (posting documents, reviews)
need a key made with 'rasid keys create'. --read-only refuses every write and
opens the database read-only."""

EPILOG = """\
examples:
  rasid serve --db corpus.db
  rasid serve --db corpus.db --read-only --host 0.0.0.0 --port 8080
  rasid serve --db corpus.db --cors-origin https://dashboard.example.org
  rasid serve --db corpus.db --tiles 'https://tile.openstreetmap.org/{z}/{x}/{y}.png'"""


def register(commands: Any) -> None:
    parser = commands.add_parser("serve", help="serve the database as a JSON API", description=DESCRIPTION,
                                 epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_db_argument(parser)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    parser.add_argument("--read-only", action="store_true", help="refuse writes (403) and open the database read-only")
    parser.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                        help="allow browser calls from this origin (repeatable; default: CORS off)")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (default: 1)")
    parser.add_argument("--tiles", metavar="URL", default=None,
                        help="map tile URL with {z}, {x} and {y} drawn under the dashboard's built-in boundaries "
                             "(default: none, the map works offline)")
    limits = parser.add_argument_group("slow and idle clients")
    limits.add_argument("--body-timeout", type=float, default=DEFAULT_BODY_TIMEOUT, metavar="SECONDS",
                        help="answer 408 when a request body stalls this long (default: %(default)g; 0: no limit)")
    limits.add_argument("--keep-alive-timeout", type=float, default=5.0, metavar="SECONDS",
                        help="close an idle connection after this long (default: %(default)g)")
    limits.add_argument("--limit-concurrency", type=int, default=100, metavar="N",
                        help="answer 503 beyond N open connections and tasks (default: %(default)d)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    args.db = args.db or default_path()
    try:
        import uvicorn

        from rasid.serve import create_app
    except ImportError:
        raise CommandError("serving needs fastapi and uvicorn: pip install 'rasid[serve]'") from None
    if not 0 < args.port < 65536:
        raise CommandError("--port must be between 1 and 65535")
    if args.body_timeout < 0 or args.keep_alive_timeout <= 0 or args.limit_concurrency < 1:
        raise CommandError("--body-timeout must be 0 or more, --keep-alive-timeout and --limit-concurrency above 0")
    if args.tiles is not None:
        os.environ["RASID_TILE_URL"] = args.tiles  # read by the dashboard, in this process and in workers
        from rasid.serve.dashboard import tile_url

        try:
            tile_url()
        except ValueError as error:
            raise CommandError(str(error).replace("RASID_TILE_URL", "--tiles")) from None
    body_timeout = args.body_timeout or None
    limits = {"timeout_keep_alive": args.keep_alive_timeout, "limit_concurrency": args.limit_concurrency}
    if args.workers > 1:  # worker processes import the app themselves: pass settings by environment
        os.environ["RASID_DB"] = str(args.db)
        os.environ["RASID_READ_ONLY"] = "1" if args.read_only else ""
        os.environ["RASID_CORS_ORIGINS"] = ",".join(args.cors_origin)
        os.environ["RASID_BODY_TIMEOUT"] = str(args.body_timeout)
        uvicorn.run("rasid.serve.app:app_from_env", factory=True, host=args.host, port=args.port,
                    workers=args.workers, log_level="warning", **limits)
        return 0
    try:
        app = create_app(args.db, read_only=args.read_only, cors_origins=args.cors_origin, body_timeout=body_timeout)
    except StoreError as error:
        raise CommandError(str(error)) from None
    print(f"rasid serve: dashboard http://{args.host}:{args.port}/, API docs http://{args.host}:{args.port}/docs "
          f"({'read-only' if args.read_only else 'read-write'})",
          file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", **limits)
    return 0
