"""``rasid ingest``: articles, feeds and pages into the corpus database.

Each document is extracted and stored in one transaction, so the command can
be stopped at any moment (Ctrl-C, kill -9) and run again to finish: what was
stored stays, nothing is stored twice. A summary on stderr ends the run.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from tqdm import tqdm

from rasid.cli import CommandError
from rasid.store import StoreError, connect, default_path, ingest
from rasid.store.batch import ingest_batch
from rasid.store.ingest import IngestSummary

PROG = "rasid ingest"

DESCRIPTION = """\
Read articles into the corpus database, extract their events and quotes, and
fuse the events of all stored reports.

PATH is a .txt/.md/.html/.jsonl file, a folder (read recursively), an RSS or
Atom feed file (.rss/.atom/.xml), or an http(s) URL of a page or a feed.
Exact and near-duplicate copies of a stored article are linked to it, not
extracted again. Ingesting the same input twice changes nothing."""

EPILOG = """\
examples:
  rasid ingest samples/ --db corpus.db
  rasid ingest https://example.org/feed.rss
  RASID_DB=corpus.db rasid ingest news.jsonl

exit status: 0 when the run finished (even with skipped inputs), 2 when no
article could be read or the database cannot be opened or written."""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "ingest", help="store articles, their events and fused events in a database",
        description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="file, folder, feed or URL")
    parser.add_argument("--from-batch", metavar="DIR", action="append", default=[],
                        help="store the results of 'rasid batch --out DIR' (no extraction again)")
    add_db_argument(parser)
    parser.add_argument("--quiet", action="store_true", help="no progress bar and no per-input messages")
    parser.set_defaults(func=run)


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="FILE", default=None,
                        help="database file (default: $RASID_DB, else ./rasid.db)")


def run(args: argparse.Namespace) -> int:
    if not args.paths and not args.from_batch:
        raise CommandError("give at least one PATH or --from-batch DIR")
    path = args.db or default_path()
    bar = tqdm(unit="doc", file=sys.stderr, disable=args.quiet or not _is_tty(sys.stderr), delay=0.5)

    def progress(what: str, where: str) -> None:
        bar.update()
        bar.set_postfix_str(what, refresh=False)

    summary = IngestSummary()
    try:
        conn = connect(path)
        try:
            for folder in args.from_batch:
                ingest_batch(conn, folder, where=path, progress=progress, summary=summary)
            if args.paths or not args.from_batch:
                ingest(conn, args.paths, where=path, progress=progress, summary=summary)
        finally:
            conn.close()
    except StoreError as error:
        kept = f" ({summary.new + summary.duplicates:,} documents stored before it are kept)" if summary.read else ""
        raise CommandError(f"{error}{kept}") from None
    finally:
        bar.close()
    if not args.quiet:
        for where, message in summary.warnings:
            print(f"{PROG}: warning {where}: {message}", file=sys.stderr)
        for where, reason in summary.skipped:
            print(f"{PROG}: skipped {where}: {reason}", file=sys.stderr)
    if summary.read == 0:
        raise CommandError(f"no article could be read from {' '.join(args.paths + args.from_batch)}")
    print(f"{PROG}: {format_summary(summary)} -> {path}", file=sys.stderr)
    return 0


def format_summary(s: IngestSummary) -> str:
    clusters = f", {s.clusters:,} fused events" if s.clusters is not None else ""
    return (f"{s.read:,} read, {s.new:,} new, {s.duplicates:,} duplicates, {s.unchanged:,} already stored, "
            f"{len(s.skipped):,} skipped; {s.events:,} events{clusters}")


def _is_tty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
