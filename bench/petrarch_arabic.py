"""Sentence benchmark: rasid on the Arabic PETRARCH newswire sentences.

Each sentence of ``shared/eval/petrarch-arabic-dev.jsonl`` carries one gold
CAMEO event, ASSAULT or PROTEST, with its source and target actor text as
lemma-ordered words. Read against the ACLED taxonomy (eval/README.md):

* ASSAULT is any of Battles, Explosions/Remote violence, Violence against civilians;
* PROTEST is Protests or Riots.

Figures (every denominator is printed beside its ratio):

* family recall: share of sentences with at least one predicted event of the
  gold family;
* any-event recall: share of sentences with at least one predicted event;
* family recall with background: as family recall, counting events rasid
  flags ``historical`` too (a recalled attack, "في يوليو 2005 ..."): the
  gold codes every event a sentence names, rasid lists those but does not
  expect them, so this line shows detection apart from dating;
* actor overlap, on the *chosen* event of each sentence (the first predicted
  event of the right family, else the first predicted event): the gold
  ``source_text`` and the predicted ``actor1_text`` are reduced to sets of
  normalised word stems (``rasid.text.normalize.normalize_key``, punctuation
  dropped, leading و/ف, ب/ل/ك and the article ال stripped); a hit is a
  non-empty intersection. ``source→actor1`` is the share of sentences with a
  gold source that hit; ``target→actor2`` likewise; ``source→either`` accepts
  actor1 or actor2 text (role confusions). Sentences where nothing was
  predicted count as misses; the "of detected" column conditions on a
  chosen event existing;
* throughput: sentences per second through ``extract_document``.

Run: ``python bench/petrarch_arabic.py [--limit N] [--json]``. The shared dir
is ``$RASID_SHARED`` or ``../shared`` beside the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from rasid.evaluate.records import words
from rasid.model import Document, Event
from rasid.pipeline import extract_document

REPO = Path(__file__).resolve().parent.parent
FAMILIES: dict[str, frozenset[str]] = {
    "ASSAULT": frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"}),
    "PROTEST": frozenset({"Protests", "Riots"}),
}
# Proclitic layers, outermost first: conjunction, preposition, article.
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")


def shared_dir() -> Path:
    return Path(os.environ.get("RASID_SHARED") or REPO.parent / "shared")


def stem(word: str) -> str:
    """A word without its proclitics: و/ف, then ب/ل/ك, then ال (لل = ل + ال)."""
    def strip(w: str, prefixes: tuple[str, ...]) -> str:
        for prefix in prefixes:
            if w.startswith(prefix) and len(w) - len(prefix) >= 3:
                return w[len(prefix):]
        return w

    word = strip(word, _CONJUNCTIONS)
    if word.startswith("لل") and len(word) >= 5:
        return word[2:]
    word = strip(word, _PREPOSITIONS)
    return strip(word, ("ال",))


def stems(text: str | None) -> set[str]:
    return {stem(w) for w in words(text)}


def choose_event(events: list[Event], family: frozenset[str]) -> tuple[Event | None, bool]:
    """The event the actor figures are read on, and whether it is of the right family."""
    for event in events:
        if event.event_type in family:
            return event, True
    return (events[0], False) if events else (None, False)


class Ratio:
    """A count of hits over a count of cases, printable and JSON-able."""

    def __init__(self) -> None:
        self.hits = 0
        self.total = 0

    def add(self, hit: bool) -> None:
        self.total += 1
        self.hits += int(hit)

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def __str__(self) -> str:
        value = "-" if self.value is None else f"{self.value:.3f}"
        return f"{value:>6} ({self.hits}/{self.total})"

    def to_dict(self) -> dict[str, Any]:
        return {"hits": self.hits, "total": self.total, "value": None if self.value is None else round(self.value, 4)}


def run(limit: int | None, show_misses: int = 0) -> dict[str, Any]:
    path = shared_dir() / "eval" / "petrarch-arabic-dev.jsonl"
    if not path.is_file():
        raise SystemExit(f"petrarch_arabic: {path} not found (set RASID_SHARED)")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit is not None:
        records = records[:limit]

    figures: dict[str, dict[str, Ratio]] = {}

    def ratio(group: str, name: str) -> Ratio:
        return figures.setdefault(group, {}).setdefault(name, Ratio())

    predicted_types: dict[str, Counter[str]] = {"ASSAULT": Counter(), "PROTEST": Counter()}
    n_events = 0
    misses: list[str] = []
    failures = 0
    started = time.perf_counter()
    for record in records:
        gold = record["events"][0]
        category = gold.get("plover") or record.get("category")
        family = FAMILIES[category]
        published = date.fromisoformat(record["published"]) if record.get("published") else None
        document = Document(text=record["text"], doc_id=str(record["doc_id"]), lang="ar", published=published)
        try:
            every = list(extract_document(document).events)
        except Exception as error:  # a half-built stage must not stop the benchmark
            failures += 1
            if failures <= 3:
                print(f"petrarch_arabic: {document.doc_id}: {type(error).__name__}: {error}", file=sys.stderr)
            every = []
        events = [e for e in every if not e.historical]
        n_events += len(events)
        predicted_types[category].update(e.event_type for e in events)
        if not events:
            predicted_types[category]["(none)"] += 1
        chosen, right_family = choose_event(events, family)
        if not right_family and len(misses) < show_misses:
            found = ", ".join(e.event_type for e in events) or "nothing"
            misses.append(f"{category} missed (found {found}): {' '.join(record['text'].split())[:120]}")
        for group in ("all", category):
            ratio(group, "family recall").add(right_family)
            ratio(group, "any-event recall").add(chosen is not None)
            ratio(group, "family recall with background").add(any(e.event_type in family for e in every))
            source, target = stems(gold.get("source_text")), stems(gold.get("target_text"))
            a1 = stems(chosen.actor1_text) if chosen else set()
            a2 = stems(chosen.actor2_text) if chosen else set()
            if source and group == "all" and chosen is not None and not source & a1 and len(misses) < show_misses:
                misses.append(
                    f"{category} source {gold.get('source_text')!r} ≠ actor1 {chosen.actor1_text!r} "
                    f"({chosen.actor1}): {' '.join(record['text'].split())[:100]}"
                )
            if source:
                ratio(group, "source→actor1").add(bool(source & a1))
                ratio(group, "source→either").add(bool(source & (a1 | a2)))
                if chosen is not None:
                    ratio(group, "source→actor1 of detected").add(bool(source & a1))
            if target:
                ratio(group, "target→actor2").add(bool(target & a2))
                ratio(group, "target→either").add(bool(target & (a1 | a2)))
                if chosen is not None:
                    ratio(group, "target→actor2 of detected").add(bool(target & a2))
    seconds = time.perf_counter() - started
    return {
        "sentences": len(records),
        "failures": failures,
        "predicted_events": n_events,
        "seconds": round(seconds, 3),
        "sentences_per_second": round(len(records) / seconds, 1) if seconds else None,
        "figures": {g: {n: r.to_dict() for n, r in rs.items()} for g, rs in figures.items()},
        "predicted_types": {c: dict(t.most_common()) for c, t in predicted_types.items()},
        "_ratios": figures,
        "_misses": misses,
    }


def render(result: dict[str, Any]) -> str:
    lines = [
        f"petrarch-arabic-dev: {result['sentences']} sentences, {result['predicted_events']} events predicted, "
        f"{result['failures']} extraction failures",
        f"throughput: {result['sentences_per_second']} sentences/s ({result['seconds']} s)",
    ]
    ratios: dict[str, dict[str, Ratio]] = result["_ratios"]
    for group in ("all", "ASSAULT", "PROTEST"):
        if group not in ratios:
            continue
        lines.append("")
        lines.append(f"== {group} ==")
        for name, r in ratios[group].items():
            lines.append(f"  {name:31}{r}")
    lines.append("")
    lines.append("predicted event types by gold category:")
    for category, counts in result["predicted_types"].items():
        shown = ", ".join(f"{t} {n}" for t, n in counts.items()) or "-"
        lines.append(f"  {category}: {shown}")
    if result["_misses"]:
        lines.append("")
        lines.append("first sentences without an event of the gold family, or whose actor1 misses the source:")
        lines += [f"  {miss}" for miss in result["_misses"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, help="only the first N sentences")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--show-misses", type=int, default=0, metavar="N",
                        help="list the first N sentences where no event of the gold family was found")
    args = parser.parse_args(argv)
    result = run(args.limit, args.show_misses)
    if args.json:
        print(json.dumps({k: v for k, v in result.items() if not k.startswith("_")}, ensure_ascii=False, indent=2))
    else:
        print(render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
