"""``rasid export``: the fused events of a database as ACLED CSV, GeoJSON, JSON Lines or Parquet.

Rows are chosen with named filters (``--country --admin1 --type --since
--until --actor``), never with SQL typed on the command line. Human review
decisions stored in the database win over extracted values in every format.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from rasid.cli import CommandError
from rasid.cli.ingest_cmd import add_db_argument
from rasid.export import (
    Filters,
    MissingExtra,
    fused_events,
    iter_fused_events,
    write_acled_csv,
    write_geojson,
    write_jsonl,
    write_parquet,
)
from rasid.store import StoreError, connect, default_path

PROG = "rasid export"
FORMATS = ("acled-csv", "geojson", "jsonl", "parquet")

EPILOG = """\
examples:
  rasid export --format acled-csv -o events.csv
  rasid export --format geojson --country Syria --since 2024-01-01 -o syria.geojson
  rasid export --format jsonl --actor "Islamic State" --db corpus.db
  rasid export --format parquet -o events.parquet   # needs: pip install 'rasid[export]'"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "export", help="write fused events as ACLED CSV, GeoJSON, JSONL or Parquet",
        description="Export the fused events of a rasid database.", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--format", choices=FORMATS, default="acled-csv", help="output format (default: acled-csv)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout; required for parquet)")
    add_db_argument(parser)
    add_filter_arguments(parser)
    parser.set_defaults(func=run)


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--country", help="ACLED country name, e.g. Syria")
    parser.add_argument("--admin1", help="first-level region, e.g. Hasakah")
    parser.add_argument("--type", help="event type or sub-event type, e.g. Battles or 'Air/drone strike'")
    parser.add_argument("--since", type=_iso_date, metavar="YYYY-MM-DD", help="events on or after this day")
    parser.add_argument("--until", type=_iso_date, metavar="YYYY-MM-DD", help="events on or before this day")
    parser.add_argument("--actor", help="part of an actor's name, any case")


def filters_of(args: argparse.Namespace) -> Filters:
    return Filters(country=args.country, admin1=args.admin1, type=args.type, since=args.since, until=args.until,
                   actor=args.actor)


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date of the form YYYY-MM-DD") from None


def run(args: argparse.Namespace) -> int:
    path = args.db or default_path()
    if args.format == "parquet" and not args.output:
        raise CommandError("--format parquet writes a binary file: name it with -o FILE")
    try:
        conn = connect(path, readonly=True)
        try:
            if args.format == "parquet":  # a data frame holds every row anyway
                count = write_parquet(fused_events(conn, filters_of(args)), args.output)
                note = ""
            else:
                records = iter_fused_events(conn, filters_of(args))  # streamed: one batch of rows at a time
                out, opened = _open(args.output)
                try:
                    if args.format == "acled-csv":
                        count, note = write_acled_csv(records, out), ""
                    elif args.format == "geojson":
                        count, unlocated = write_geojson(records, out)
                        note = f" ({unlocated:,} without coordinates left out)" if unlocated else ""
                    else:
                        count, note = write_jsonl(conn, records, out), ""
                finally:
                    if opened:
                        out.close()
        finally:
            conn.close()
    except (StoreError, MissingExtra) as error:
        raise CommandError(str(error)) from None
    except BrokenPipeError:  # the reader went away (| head): rasid.cli.main ends quietly
        raise
    except OSError as error:
        raise CommandError(f"cannot write {args.output or 'to stdout'}: {error.strerror or error}") from None
    print(f"{PROG}: {count:,} events{note}" + (f" -> {args.output}" if args.output else ""), file=sys.stderr)
    return 0


def _open(output: str | None) -> tuple[TextIO, bool]:
    if not output or output == "-":
        with contextlib.suppress(AttributeError, ValueError):
            sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
        return sys.stdout, False
    if Path(output).is_dir():
        raise CommandError(f"cannot write {output}: it is a folder")
    return open(output, "w", encoding="utf-8", newline=""), True
