"""Golden outputs: prove that a speed change leaves every extraction byte-identical.

Runs the default pipeline over the SaudiNewsNet conflict corpus (1,901 articles) and
every shared gold article, and writes one JSON line per document: ``Result.to_dict()``
with sorted keys, plus a digest of the intermediate fields (mentions, quantities,
times, sentences, claims) that ``to_dict`` leaves out, so that a change in an early
stage shows up even when no event moves.

Usage::

    python bench/golden_outputs.py --save  [--out /tmp/perf/golden.jsonl]
    python bench/golden_outputs.py --check [--out /tmp/perf/golden.jsonl]

``--check`` prints the first differing documents and exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corpus import DEFAULT_SHARED, CorpusMissing, corpus_files, corpus_lines

DEFAULT_OUT = Path("/tmp/perf/golden.jsonl")


def documents(shared: Path, limit: int = 0) -> Iterator[Any]:
    """The benchmark corpus, then the gold articles (examples and news dev sets), in a fixed order."""
    from rasid.batch.inputs import FieldNames, _document
    from rasid.model import Document

    for n, line in enumerate(corpus_lines(corpus_files(shared), limit), start=1):
        document = _document(json.loads(line), FieldNames(), "bench", f"saudinewsnet:{n}").document
        if document is not None:
            yield document
    gold = sorted(shared.glob("examples/*.gold.jsonl")) + sorted(shared.glob("eval/news-*.jsonl"))
    for path in gold:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            yield Document(text=record["text"], doc_id=f"{path.name}:{record['doc_id']}",
                           lang=record.get("lang"), published=_date(record.get("published")))


def _date(value: str | None) -> Any:
    from datetime import date

    return date.fromisoformat(value[:10]) if value else None


def record(document: Any) -> str:
    """One document's output line: the public record plus a digest of what the record omits."""
    from rasid.pipeline import extract_document

    result = extract_document(document)
    out = result.to_dict()
    inner = repr((result.sentences, result.mentions, result.quantities, result.times, result.claims))
    out["_internals_sha1"] = hashlib.sha1(inner.encode("utf-8")).hexdigest()
    return json.dumps(out, ensure_ascii=False, sort_keys=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", action="store_true", help="write the golden file")
    mode.add_argument("--check", action="store_true", help="compare against the golden file")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--limit", type=int, default=0, help="only the first N corpus articles")
    args = parser.parse_args(argv)
    try:
        lines = [record(d) for d in documents(args.shared, args.limit)]
    except CorpusMissing as error:
        print(error, file=sys.stderr)
        return 2
    if args.save:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        print(f"saved {len(lines):,} documents to {args.out}")
        return 0
    golden = {json.loads(line)["doc_id"]: line for line in args.out.read_text(encoding="utf-8").splitlines()}
    now = {json.loads(line)["doc_id"]: line for line in lines}
    differing = [key for key, line in now.items() if golden.get(key) != line]
    missing = 0 if args.limit else len(set(golden) - set(now))
    for key in differing[:5]:
        print(f"differs: {key}\n  golden: {golden.get(key, '')[:400]}\n  now:    {now[key][:400]}")
    print(f"{len(now):,} documents checked, {len(differing):,} differ, {missing:,} missing")
    return 1 if differing or missing else 0


if __name__ == "__main__":
    sys.exit(main())
