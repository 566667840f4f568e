"""``rasid search``: find stored articles by words, whatever their diacritics, hamza or clitics."""

from __future__ import annotations

import argparse
import shutil
import sys
from typing import Any

from rasid.cli import CommandError
from rasid.cli.ingest_cmd import add_db_argument
from rasid.cli.terminal import cell
from rasid.store import StoreError, connect, default_path
from rasid.store.search import search

EPILOG = """\
examples:
  rasid search "سجن غويران"
  rasid search الحسكة --limit 5 --db corpus.db   (also finds بالحسكة, الحسكه, الحَسَكة)"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "search", help="full-text search of stored articles",
        description="Search the stored articles; every word of QUERY must occur.", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("query", metavar="QUERY", help="words to look for")
    parser.add_argument("--limit", type=int, default=20, help="at most this many results (default: 20)")
    add_db_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CommandError("--limit must be at least 1")
    try:
        conn = connect(args.db or default_path(), readonly=True)
        try:
            hits = search(conn, args.query, args.limit)
        finally:
            conn.close()
    except StoreError as error:
        raise CommandError(str(error)) from None
    width = max(60, shutil.get_terminal_size((120, 24)).columns - 4)
    for hit in hits:
        about = ", ".join(v for v in (hit.outlet, hit.published) if v)
        print(cell(f"{hit.doc_id}" + (f" ({about})" if about else ""), width))
        if hit.title:
            print("  " + cell(hit.title, width))
        print("  " + cell(hit.snippet, width))
        print()
    print(f"rasid search: {len(hits):,} result{'s' if len(hits) != 1 else ''}", file=sys.stderr)
    return 0
