"""rasid evaluate: score extraction against gold files (EVENTS.md format)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from rasid.cli import CommandError

DESCRIPTION = """\
Score rasid against gold articles (the JSON Lines format of EVENTS.md).

Without --pred, every gold article is run through the rasid pipeline; with
--pred, predictions are read from a file written by 'rasid extract' (one
{"doc_id", "events", "quotes"} line per article, matched to gold by doc_id).

scoring rules:
  events   matched one-to-one to gold events by character overlap of their
           evidence (predicted evidence_start/evidence_end, else the
           evidence string located in the text); larger overlap first.
           Three levels: any type, typed (same event_type), sub-typed (same
           sub_event_type). P = TP/(TP+FP), R = TP/(TP+FN).
  historical  gold events marked historical are not expected: a prediction
           matched to one is ignored (neither TP nor FP); predictions marked
           historical are not scored.
  optional gold events marked optional: unmatched is not a miss; a
           prediction matched to one is ignored.
  fields   on events matched at the any-type level: actor1, actor2, actor
           pair, admin1, country (exact, ignoring case and spacing), date
           (documents with a published date only; null = null is right),
           fatalities (exact).
  quotes   matched one-to-one by overlap of the quoted text; speaker (equal
           normalised words, or one a contiguous part of the other; gold may
           list alternatives split by ';'), kind, exact span, mean
           character-overlap F1.

Figures are given overall, per language and per gold file; malformed lines
are reported as file:line warnings on stderr and skipped.
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "evaluate",
        help="score extraction against gold files",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("gold", nargs="+", metavar="GOLD.jsonl", help="gold file(s) in the EVENTS.md format")
    parser.add_argument("--pred", metavar="PRED.jsonl", help="score this prediction file instead of running the pipeline")
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON instead of a table")
    parser.add_argument("--show-errors", action="store_true",
                        help="list missed and spurious events and quotes, and wrong fields, per document")
    parser.set_defaults(func=run)


MAX_WARNINGS = 30


def run(args: argparse.Namespace) -> int:
    from rasid.evaluate import InputError, evaluate
    from rasid.evaluate.report import render_json, render_table

    try:
        evaluation = evaluate([Path(p) for p in args.gold], Path(args.pred) if args.pred else None)
    except InputError as error:
        raise CommandError(str(error)) from error
    for message in evaluation.warnings[:MAX_WARNINGS]:
        print(f"warning: {message}", file=sys.stderr)
    if len(evaluation.warnings) > MAX_WARNINGS:
        print(f"warning: … and {len(evaluation.warnings) - MAX_WARNINGS} more (see --json)", file=sys.stderr)
    render = render_json if args.json else render_table
    sys.stdout.write(render(evaluation, show_errors=args.show_errors))
    return 0
