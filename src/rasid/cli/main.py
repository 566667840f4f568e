"""The ``rasid`` command: one sub-command a module, dispatched from here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from rasid import __version__
from rasid.cli import (
    CommandError,
    batch_cmd,
    evaluate_cmd,
    events_cmd,
    export_cmd,
    extract_cmd,
    ingest_cmd,
    keys_cmd,
    ner_cmd,
    search_cmd,
    serve_cmd,
    train_cmd,
)

COMMANDS = (extract_cmd, evaluate_cmd, ingest_cmd, search_cmd, events_cmd, export_cmd, ner_cmd, train_cmd, batch_cmd,
            serve_cmd, keys_cmd)

DESCRIPTION = """\
rasid turns Arabic and English news reports of armed conflict into
ACLED-style events and attributed quotes.

examples:
  rasid extract article.txt --published 2022-01-24      one article: events and quotes
  rasid extract corpus.jsonl --format table             a corpus, as a terminal table
  rasid evaluate gold.jsonl --json                      scores against gold annotations
  rasid ingest news/ --db corpus.db                     store, fuse across outlets
  rasid export --format acled-csv -o events.csv         ACLED's 31 columns
  rasid serve --db corpus.db                            REST API on 127.0.0.1:8000

Run 'rasid COMMAND --help' for the options of each command.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rasid", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"rasid {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except CommandError as error:
        print(f"rasid {args.command}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("rasid: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
