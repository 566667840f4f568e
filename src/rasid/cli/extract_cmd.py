"""``rasid extract``: articles in, one record of events and quotes per article out.

Bad input is the normal case for a corpus tool, so every problem with one
file or line is reported as one ``rasid extract: skipped FILE:LINE: reason``
line on stderr and the run goes on (``--strict`` stops instead). Nothing
raised inside the pipeline for one document may end the run or print a
traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Protocol, TextIO

from tqdm import tqdm

from rasid.cli import CommandError
from rasid.cli.terminal import actor_pair, cell, pad
from rasid.model import Document, Result
from rasid.pipeline import DocumentTimedOut, DocumentTooLarge, Limits, extract_document
from rasid.read import Loaded, ReadItem, Skipped, Warned, read_inputs
from rasid.read.files import STDIN

PROG = "rasid extract"

DESCRIPTION = """\
Extract ACLED-style events and attributed quotes from news articles.

PATH is a .txt/.md text, an .html/.htm page, a .jsonl corpus, a folder
(read recursively, in sorted order) or - for standard input. Each JSON
Lines line is one article with a "text" field (and optional doc_id,
published, lang, url, outlet, title). Output: one JSON record per article
with its events and quotes. Unreadable inputs are reported on stderr and
skipped."""

EPILOG = """\
examples:
  rasid extract samples/sample.ar.txt --published 2024-03-12
  rasid extract samples/ --format table
  curl -s https://example.org/report.html | rasid extract - --lang ar --format json
  rasid extract corpus.jsonl -o results.jsonl --strict --profile

exit status: 0 when at least one article was processed, 1 when --strict
stopped at a problem, 2 when nothing could be read or the command line is wrong."""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "extract",
        help="extract events and quotes from articles",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article file, folder, or - for stdin")
    parser.add_argument(
        "--published", type=_iso_date, metavar="YYYY-MM-DD",
        help="publication date for every article (overrides the input); relative dates resolve against it",
    )
    parser.add_argument("--lang", choices=("ar", "en"), help="language of every article (default: from the input, else detected)")
    parser.add_argument(
        "--format", choices=("jsonl", "json", "table"), default="jsonl",
        help="jsonl: one JSON line per article (default); json: one JSON array; table: for reading",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write results to FILE instead of stdout")
    parser.add_argument("--strict", action="store_true", help="stop at the first unreadable input (exit 1)")
    parser.add_argument("--profile", action="store_true", help="print time spent in each pipeline stage to stderr")
    add_limit_options(parser)
    parser.set_defaults(func=run)


def add_limit_options(parser: argparse.ArgumentParser) -> None:
    """``--max-chars``, ``--max-sentence-chars``, ``--max-seconds``: shared with ``rasid batch``."""
    group = parser.add_argument_group("resource limits (a document over one is skipped with the reason)")
    defaults = Limits()
    group.add_argument("--max-chars", type=_positive_int, default=defaults.max_chars, metavar="N",
                       help=f"longest document in characters (default {defaults.max_chars:,})")
    group.add_argument("--max-sentence-chars", type=_positive_int, default=defaults.max_sentence_chars, metavar="N",
                       help="longer sentences are cut into windows of N characters "
                            f"(default {defaults.max_sentence_chars:,}; at least 100)")
    group.add_argument("--max-seconds", type=float, default=defaults.max_seconds, metavar="S",
                       help=f"CPU seconds per document, checked between stages; 0 for no limit "
                            f"(default {defaults.max_seconds:g})")


def limits_from(args: argparse.Namespace) -> Limits:
    """The :class:`Limits` the limit options ask for; a bad combination is one clear error."""
    try:
        return Limits(max_chars=args.max_chars, max_sentence_chars=args.max_sentence_chars,
                      max_seconds=args.max_seconds or None)
    except ValueError as error:
        raise CommandError(str(error)) from None


def _positive_int(value: str) -> int:
    try:
        number = int(value.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} must be at least 1")
    return number


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date of the form YYYY-MM-DD") from None


@dataclass
class _Tally:
    """Counts and timings of one run, for the exit status, the summary and --profile."""

    processed: int = 0
    skipped: int = 0
    events: int = 0
    quotes: int = 0
    characters: int = 0
    reading: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)

    def add(self, result: Result) -> None:
        self.processed += 1
        self.events += len(result.events)
        self.quotes += len(result.quotes)
        self.characters += len(result.text)
        for stage, seconds in result.timings.items():
            self.stages[stage] = self.stages.get(stage, 0.0) + seconds


def run(args: argparse.Namespace) -> int:
    args.limits = limits_from(args)
    output, opened = _open_output(args.output, args.paths)
    writer = _WRITERS[args.format](output)
    tally = _Tally()
    exclude = {Path(args.output).resolve()} if opened else set()
    bar = tqdm(unit="doc", file=sys.stderr, disable=not _is_tty(sys.stderr), delay=1.0, leave=False)
    try:
        stopped = _process(read_inputs(args.paths, exclude=exclude), writer, tally, bar, args)
        writer.close()  # a failure here (disk full) must be reported, so not in a finally
        if opened:
            output.close()
    except BrokenPipeError:  # the reader went away (| head): rasid.cli.main ends quietly
        raise
    except OSError as error:
        raise CommandError(f"cannot write {args.output or 'to stdout'}: {error.strerror or error}") from None
    finally:
        bar.close()
        if opened and not output.closed:
            with contextlib.suppress(OSError):
                output.close()
    if args.profile:
        _print_profile(tally)
    if stopped:
        return 1
    if tally.processed == 0:
        raise CommandError(f"no article could be read from {' '.join(args.paths)}")
    if tally.skipped or _is_tty(sys.stderr):
        skipped = f", {tally.skipped} skipped" if tally.skipped else ""
        _say(f"{_plural(tally.processed, 'article')}, {_plural(tally.events, 'event')}, "
             f"{_plural(tally.quotes, 'quote')}{skipped}")
    return 0


def _process(items: Iterable[ReadItem], writer: _Writer, tally: _Tally, bar: tqdm, args: argparse.Namespace) -> bool:
    """Extract and write every readable document; True when --strict stopped the run."""
    iterator = iter(items)
    while True:
        started = time.perf_counter()
        item = next(iterator, None)
        tally.reading += time.perf_counter() - started
        if item is None:
            return False
        if isinstance(item, Warned):
            _say(f"warning {item.where}: {item.message}")
            continue
        if isinstance(item, Skipped):
            where, reason = item.where, item.reason
        else:
            result, reason = _extract(item, args)
            if result is not None:
                writer.write(result)
                tally.add(result)
                bar.update()
                continue
            where = item.where
        tally.skipped += 1
        if args.strict:
            _say(f"stopped at {where}: {reason} (--strict)")
            return True  # the caller still closes the writer: the output so far stays valid
        _say(f"skipped {where}: {reason}")


def _extract(item: Loaded, args: argparse.Namespace) -> tuple[Result | None, str]:
    """Run the pipeline on one document; a failure becomes a reason, never an exception."""
    document = _override(item.document, args)
    try:
        return extract_document(document, profile=args.profile, limits=args.limits), ""
    except DocumentTooLarge as error:
        return None, f"too long: {error}"
    except DocumentTimedOut as error:
        return None, f"timed out: {error}"
    except Exception as error:  # one document's crash must not end a corpus run
        return None, f"extraction failed ({type(error).__name__}: {error})"


def _override(document: Document, args: argparse.Namespace) -> Document:
    changes: dict[str, Any] = {}
    if args.published is not None:
        changes["published"] = args.published
    if args.lang is not None:
        changes["lang"] = args.lang
    return replace(document, **changes) if changes else document


def _open_output(path: str | None, inputs: list[str]) -> tuple[TextIO, bool]:
    """The stream results go to, and whether we opened it (and must close it)."""
    if path is None or path == STDIN:
        return _utf8_stdout(), False
    target = Path(path)
    if target.is_dir():
        raise CommandError(f"cannot write {path}: it is a folder")
    for source in inputs:
        if source != STDIN and Path(source).is_file() and Path(source).resolve() == target.resolve():
            raise CommandError(f"the output file {path} is also an input; it would be overwritten")
    try:
        return target.open("w", encoding="utf-8", newline="\n"), True
    except OSError as error:
        raise CommandError(f"cannot write {path}: {error.strerror or error}") from None


def _utf8_stdout() -> TextIO:
    """stdout, switched to UTF-8 if the terminal says otherwise: JSON output is UTF-8."""
    stream = sys.stdout
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
    if encoding != "utf8" and isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(encoding="utf-8")
    return stream


def _say(message: str) -> None:
    """One line on stderr, written around the progress bar if one is showing."""
    tqdm.write(f"{PROG}: {message}", file=sys.stderr)


def _is_tty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _print_profile(tally: _Tally) -> None:
    """Per-stage time, total and per article, so a slow stage stands out."""
    rows = [("reading", tally.reading), *tally.stages.items()]
    total = sum(seconds for _, seconds in rows) or 1e-9
    per = max(tally.processed, 1)
    lines = [
        f"{PROG}: profile of {_plural(tally.processed, 'article')} ({tally.characters:,} characters)",
        f"  {'stage':<14}{'seconds':>10}{'ms/article':>12}{'share':>8}",
    ]
    lines += [
        f"  {name:<14}{seconds:>10.3f}{seconds * 1000 / per:>12.1f}{seconds / total:>8.0%}" for name, seconds in rows
    ]
    lines.append(f"  {'total':<14}{total:>10.3f}{total * 1000 / per:>12.1f}")
    for line in lines:
        tqdm.write(line, file=sys.stderr)


class _Writer(Protocol):
    def write(self, result: Result) -> None: ...

    def close(self) -> None: ...


class _JsonlWriter:
    """One JSON object per line, flushed per article so a pipe sees results as they come."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, result: Result) -> None:
        self.out.write(result.to_json() + "\n")
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


class _JsonWriter:
    """One JSON array, streamed, and closed even when the run stops early: always valid JSON."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.count = 0

    def write(self, result: Result) -> None:
        record = json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
        self.out.write(("[\n" if self.count == 0 else ",\n") + _indent(record))
        self.count += 1

    def close(self) -> None:
        self.out.write("\n]\n" if self.count else "[]\n")
        self.out.flush()


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.split("\n"))


class _TableWriter:
    """Events and quotes of each article as aligned columns for a terminal.

    Arabic cells are wrapped in FSI…PDI isolates so the bidi algorithm lays
    each cell out on its own instead of reordering whole lines.
    """

    EVENT_COLUMNS = (("#", 3), ("type / sub-type", 26), ("actor1 → actor2", 44), ("place", 24),
                     ("date", 10), ("deaths", 6))
    QUOTE_COLUMNS = (("#", 3), ("kind", 8), ("speaker", 30), ("cue", 14))
    MIN_LAST = 30  # the evidence or quote column never gets narrower than this

    def __init__(self, out: TextIO) -> None:
        self.out = out
        needed = 2 + sum(width + 2 for _, width in self.EVENT_COLUMNS) + self.MIN_LAST
        self.width = max(needed, shutil.get_terminal_size((160, 24)).columns)

    def write(self, result: Result) -> None:
        record = result.to_dict()
        about = ", ".join(str(v) for v in (record.get("lang"), record.get("published")) if v)
        lines = [
            f"== {cell(str(record['doc_id']), 60)}" + (f" ({about})" if about else "")
            + f": {_plural(len(record['events']), 'event')}, {_plural(len(record['quotes']), 'quote')}"
        ]
        if record["events"]:
            lines.append("events")
            lines += self._rows(self.EVENT_COLUMNS, "evidence", [
                (str(n), f"{e['event_type']} / {e['sub_event_type']}",
                 actor_pair(e.get("actor1"), e.get("actor2"), self.EVENT_COLUMNS[2][1]),
                 ", ".join(p for p in (e.get("location"), e.get("admin1"), e.get("country")) if p) or "-",
                 e.get("date") or "-", str(e.get("fatalities", 0)), e.get("evidence") or "")
                for n, e in enumerate(record["events"], 1)
            ])
        if record["quotes"]:
            lines.append("quotes")
            lines += self._rows(self.QUOTE_COLUMNS, "text", [
                (str(n), q.get("kind") or "-", q.get("speaker") or "-", q.get("cue") or "-", q.get("text") or "")
                for n, q in enumerate(record["quotes"], 1)
            ])
        self.out.write("\n".join(lines) + "\n\n")
        self.out.flush()

    def _rows(self, columns: tuple[tuple[str, int], ...], last: str, rows: list[tuple[str, ...]]) -> list[str]:
        rest = self.width - sum(width + 2 for _, width in columns) - 2
        header = [name for name, _ in columns] + [last]
        widths = [width for _, width in columns] + [rest]
        return [
            "  " + "  ".join(pad(cell(value, width), width) for value, width in zip(cells, widths, strict=True)).rstrip()
            for cells in [tuple(header), *rows]
        ]

    def close(self) -> None:
        self.out.flush()


_WRITERS: dict[str, Callable[[TextIO], _Writer]] = {"jsonl": _JsonlWriter, "json": _JsonWriter, "table": _TableWriter}
