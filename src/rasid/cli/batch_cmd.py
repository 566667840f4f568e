"""``rasid batch``: a whole corpus through the pipeline, in partitions, on many cores or a Dask cluster.

Each partition becomes ``part-NNNNN.jsonl`` (+ ``.parquet``), written
atomically and then recorded in ``manifest.json``; the same command after a
crash or kill -9 skips finished partitions and redoes the interrupted one.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from tqdm import tqdm

from rasid.batch import BatchError, BatchOptions, FieldNames, run_batch
from rasid.cli import CommandError
from rasid.cli.extract_cmd import add_limit_options, limits_from

PROG = "rasid batch"

DESCRIPTION = """\
Extract events and quotes from a large corpus in partitions, on several
processes (--engine local) or a Dask cluster (--engine dask).

INPUT is a .jsonl or .parquet file, or a folder (walked in sorted order; .txt,
.html, .jsonl and .parquet files). Output under --out: part-NNNNN.jsonl (one
Result record per article, with its text and full analysis), part-NNNNN.parquet
(one row per event) and manifest.json. Run the same command again to resume."""

EPILOG = """\
examples:
  rasid batch corpus.jsonl --out runs/corpus --workers 8
  rasid batch articles.parquet --out runs/p --text-field body --id-field uid
  rasid batch corpus.jsonl --out runs/d --engine dask --scheduler tcp://10.0.0.5:8786

exit status: 0 when every partition finished, 2 on bad input, a changed input
on resume (use --restart) or a missing dependency."""


def register(commands: Any) -> None:
    parser = commands.add_parser("batch", help="extract a large corpus in resumable partitions",
                                 description=DESCRIPTION, epilog=EPILOG,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help=".jsonl/.parquet file or folder")
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder (created)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, metavar="N",
                        help="worker processes (default: the number of cores)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler to connect to (default: a LocalCluster)")
    parser.add_argument("--partition-size", type=int, default=500, metavar="N", help="documents per partition (default 500)")
    parser.add_argument("--restart", action="store_true", help="discard earlier results in --out and start over")
    parser.add_argument("--no-parquet", dest="parquet", action="store_false", help="write only the JSONL parts")
    parser.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    add_limit_options(parser)
    names = parser.add_argument_group("field names (JSONL and Parquet records)")
    for name, default in (("text", "text|content"), ("id", "doc_id|id"), ("date", "published|date|date_extracted"),
                          ("title", "title"), ("url", "url"), ("outlet", "outlet|source")):
        names.add_argument(f"--{name}-field", metavar="NAME", help=f"field holding the {name} (default: {default})")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    fields = FieldNames.with_overrides(text=args.text_field, doc_id=args.id_field, published=args.date_field,
                                       title=args.title_field, url=args.url_field, outlet=args.outlet_field)
    options = BatchOptions(out=Path(args.out), workers=max(1, args.workers), engine=args.engine,
                           scheduler=args.scheduler, partition_size=args.partition_size, fields=fields,
                           restart=args.restart, parquet=args.parquet, limits=limits_from(args))
    bar = tqdm(unit="doc", file=sys.stderr, disable=args.quiet, dynamic_ncols=True, smoothing=0.1, delay=0.5)

    def on_plan(total: int, done: int) -> None:
        bar.reset(total=total)
        bar.update(done)

    try:
        summary = run_batch(args.inputs, options, progress=bar.update, on_plan=on_plan)
    except BatchError as error:
        raise CommandError(str(error)) from None
    finally:
        bar.close()
    if not args.quiet:
        for skip in summary.skipped[:20]:
            print(f"{PROG}: skipped {skip['where']}: {skip['reason']}", file=sys.stderr)
        resumed = f" ({summary.resumed} done before)" if summary.resumed else ""
        rate = (summary.documents / summary.seconds) if summary.seconds else 0.0
        print(f"{PROG}: {summary.partitions} partitions{resumed}, {summary.documents:,} documents, "
              f"{summary.events:,} events, {summary.failed} failed, {len(summary.skipped)} skipped "
              f"in {summary.seconds:.1f}s ({rate:.1f} doc/s this run) -> {args.out}", file=sys.stderr)
    return 0
