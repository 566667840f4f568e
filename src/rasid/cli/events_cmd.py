"""``rasid events``: fused events of the database as a table for the terminal.

Arabic cells are isolated (FSI…PDI), as in ``rasid extract --format table``,
so place names in Arabic script do not reorder the line around them.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from typing import Any

from rasid.cli import CommandError
from rasid.cli.export_cmd import add_filter_arguments, filters_of
from rasid.cli.ingest_cmd import add_db_argument
from rasid.cli.terminal import cell, pad
from rasid.export import fused_events
from rasid.store import StoreError, connect, default_path

COLUMNS = (("date", 10), ("type / sub-type", 30), ("actor1 → actor2", 44), ("place", 30), ("deaths", 6),
           ("reports", 7))


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "events", help="list fused events in the terminal",
        description="List the fused events of a rasid database, filtered.",
        epilog="""examples:
  rasid events --country Syria --since 2022-01-01
  rasid events --type "Air/drone strike" --actor Houthis --limit 20
  rasid events --admin1 Al-Hasakah --db corpus.db""",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db_argument(parser)
    add_filter_arguments(parser)
    parser.add_argument("--limit", type=int, default=0, help="show at most this many (default: all)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        conn = connect(args.db or default_path(), readonly=True)
        try:
            records = fused_events(conn, filters_of(args))
        finally:
            conn.close()
    except StoreError as error:
        raise CommandError(str(error)) from None
    shown = records[: args.limit] if args.limit > 0 else records
    width = shutil.get_terminal_size((160, 24)).columns
    rest = max(20, width - sum(w + 2 for _, w in COLUMNS) - 2)
    widths = [w for _, w in COLUMNS] + [rest]
    lines = [_row([name for name, _ in COLUMNS] + ["sources"], widths)]
    for r in shown:
        actors = " → ".join(a for a in (r.get("actor1"), r.get("actor2")) if a) or "-"
        place = ", ".join(p for p in (r.get("location"), r.get("admin1"), r.get("country")) if p) or "-"
        deaths = str(r.get("fatalities") or 0)
        if (r.get("fatalities_high") or 0) > (r.get("fatalities") or 0):
            deaths += f"-{r['fatalities_high']}"
        lines.append(_row([
            r.get("date") or "-", f"{r.get('event_type')} / {r.get('sub_event_type')}", actors, place, deaths,
            str(len(r.get("report_ids") or [])), "; ".join(r.get("sources") or []),
        ], widths))
    sys.stdout.write("\n".join(lines) + "\n")
    more = f" (showing {len(shown):,})" if len(shown) < len(records) else ""
    print(f"rasid events: {len(records):,} fused events{more}", file=sys.stderr)
    return 0


def _row(cells: list[str], widths: list[int]) -> str:
    return "  " + "  ".join(pad(cell(c, w), w) for c, w in zip(cells, widths, strict=True)).rstrip()
