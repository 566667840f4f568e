"""Benchmark the date resolver on the Arabic TimeML news corpus (TIMEX3 DATE).

Reads ``shared/data/arabic_timeml_news/Corpus_test/*.tml`` (50 Omani news documents,
Dec 2015, with normalised TIMEX3 values) and reports:

* detection recall and precision of DATE timexes (a prediction matches a gold
  timex when their character spans overlap);
* value accuracy: exact match of the normalised value, on the gold DATE timexes
  whose value is a calendar value (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or an ISO
  week ``YYYY-Www``, which a predicted day inside that week matches). Gold values
  like PRESENT_REF, decades or seasons are not calendar dates and rasid does not
  produce them; they count for detection only.

Anchor: the .tml files carry no document creation time (no DCT element). The
corpus's metadata (SOURCE.md) dates it to Al-Watan, December 2015, and its
annotators resolved every "اليوم" (today) to 2015-12-24, so 2015-12-24 is the
anchor for every document (``--dct`` changes it).

Usage: ``python bench/dates_timeml.py [--shared PATH] [--dct YYYY-MM-DD] [--show]``
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from datetime import date
from pathlib import Path

from rasid.text.normalize import normalize
from rasid.understand.dates import find_times

REPO = Path(__file__).resolve().parent.parent
TAG = re.compile(r"<TIMEX3\b([^>]*)>(.*?)</TIMEX3>", re.S)
ATTR = re.compile(r'(\w+)="([^"]*)"')
CALENDAR = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$|^\d{4}-W\d{2}$")


def read_tml(path: Path) -> tuple[str, list[tuple[int, int, str, str]]]:
    """Plain text and gold timexes (start, end, type, value) of one .tml file."""
    raw = path.read_text(encoding="utf-8-sig")
    body = raw.split("<TimeML>", 1)[-1].rsplit("</TimeML>", 1)[0].lstrip("\ufeff")
    out: list[str] = []
    gold: list[tuple[int, int, str, str]] = []
    pos = 0
    length = 0
    for m in TAG.finditer(body):
        before = html.unescape(body[pos : m.start()])
        out.append(before)
        length += len(before)
        attrs = dict(ATTR.findall(m.group(1)))
        inner = html.unescape(re.sub(r"<[^>]+>", "", m.group(2)))
        gold.append((length, length + len(inner), attrs.get("type", ""), attrs.get("value", "")))
        out.append(inner)
        length += len(inner)
        pos = m.end()
    out.append(html.unescape(body[pos:]))
    return "".join(out).replace("\ufeff", " "), gold


def value_matches(gold: str, predicted: str | None) -> bool:
    if predicted is None:
        return False
    if "-W" in gold and len(predicted) == 10:
        year, week, _ = date.fromisoformat(predicted).isocalendar()
        return gold == f"{year:04d}-W{week:02d}"
    return gold == predicted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--dct", type=date.fromisoformat, default=date(2015, 12, 24))
    parser.add_argument("--show", action="store_true", help="print every miss and wrong value")
    args = parser.parse_args(argv)
    files = sorted((args.shared / "data" / "arabic_timeml_news" / "Corpus_test").glob("*.tml"))
    if not files:
        print("no .tml files found", file=sys.stderr)
        return 1
    find_times(normalize("اليوم"), (), args.dct, "ar")  # load the tables before timing
    gold_dates = found = predicted_n = predicted_ok = predicted_any = 0
    calendar_n = calendar_found = calendar_ok = 0
    seconds = 0.0
    chars = 0
    for path in files:
        text, gold = read_tml(path)
        norm = normalize(text)  # normalisation is its own pipeline stage: not timed here
        started = time.perf_counter()
        times = find_times(norm, (), args.dct, "ar")
        seconds += time.perf_counter() - started
        chars += len(text)
        dates = [g for g in gold if g[2] == "DATE"]
        for t in times:
            predicted_n += 1
            if any(t.span.start < e and s < t.span.end for s, e, _, _ in dates):
                predicted_ok += 1
            elif any(t.span.start < e and s < t.span.end for s, e, _, _ in gold):
                predicted_any += 1
            elif args.show:
                print(f"{path.name}\tFALSE+\t{t.text}\t{t.value}")
        for s, e, _, value in dates:
            gold_dates += 1
            hits = [t for t in times if t.span.start < e and s < t.span.end]
            found += bool(hits)
            if CALENDAR.match(value):
                calendar_n += 1
                calendar_found += bool(hits)
                ok = any(value_matches(value, t.value) for t in hits)
                calendar_ok += ok
                if args.show and not ok:
                    print(f"{path.name}\tVALUE\t{text[s:e]}\tgold={value}\tgot={[t.value for t in hits]}")
            elif args.show and not hits:
                print(f"{path.name}\tMISS\t{text[s:e]}\t{value}")
    print(f"documents: {len(files)}, anchor (DCT): {args.dct}")
    print(f"DATE timexes: {gold_dates}; detected (span overlap): {found} -> recall {found / gold_dates:.3f}")
    print(
        f"predictions: {predicted_n}; on a gold DATE {predicted_ok} -> precision {predicted_ok / max(1, predicted_n):.3f}; "
        f"on another TIMEX3 type (DURATION/SET/TIME) {predicted_any}"
    )
    print(
        f"calendar-valued DATE timexes: {calendar_n}; detected {calendar_found} "
        f"({calendar_found / max(1, calendar_n):.3f}); value exact {calendar_ok} -> "
        f"accuracy {calendar_ok / max(1, calendar_n):.3f} of all, {calendar_ok / max(1, calendar_found):.3f} of detected"
    )
    print(f"speed: {1000 * seconds / max(1, chars) * 1000:.3f} ms per 1,000 characters ({chars:,} characters)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
