"""English notes benchmark: rasid on the ACLED Middle East 2018 notes.

Each row of ``shared/data/acled_mideast_2018`` is one human-coded ACLED event
with its English ``notes`` summary. Every note is run through the default
pipeline as an English document, and its *main event* is compared with the
row's gold columns.

Choices (and why):

* ``published`` is the row's ``event_date``. Notes are written on the event's
  own day ("On 3 March, ..."), so relative dates resolve to it and no event is
  flagged historical merely for lacking a reference day; the date carries no
  type information, so nothing leaks.
* The main event is the first non-historical event rasid returns (the coder
  orders events main event first); a note with no such event is a miss for
  every figure, and its fatalities read as 0.
* Gold types are ACLED's pre-2019 taxonomy, mapped as SOURCE.md says:
  Remote violence -> Explosions/Remote violence; the three Battle-* types ->
  Battles; Riots/Protests -> Protests *or* Riots (either counts as right);
  Non-violent transfer of territory and Headquarters or base established ->
  Strategic developments; the rest keep their names.
* Actor1 and admin1 match after normalisation (case, punctuation, accents and
  an Arabic article "al-" dropped); actor1 accepts the gold ``actor1`` or,
  since rasid names a coalition's operation by its members, any actor of the
  ``assoc_actor_1`` list (";"-separated).
  Both are also scored leniently ("actor1, 2018 names": ACLED's era names such as
  "Operation Restoring Hope" or "(2000-) Syrian Arab Air Force" mapped to today's;
  "admin1, spellings": "Jizan"/"Jazan"), beside the raw figures.

Figures: event-type accuracy (overall, per gold type, confusion table);
fatalities exact match (all notes, and notes where rasid found an event);
actor1 and admin1 match; notes per CPU second.

Run: ``python bench/acled_notes.py [--split test|train] [--limit N] [--every K] [--actor-misses N]``.
The shared dir is ``$RASID_SHARED`` or ``../shared`` beside the repository.
Develop on ``--split train --dev`` (with a model trained ``--holdout``); report ``--split test``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import time
import unicodedata
import zlib
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

from rasid.evaluate.scores import Tally
from rasid.model import Document, Event
from rasid.pipeline import extract_document
from rasid.understand.places import canonical_admin1

REPO = Path(__file__).resolve().parent.parent
TYPE_MAP: dict[str, frozenset[str]] = {
    "Remote violence": frozenset({"Explosions/Remote violence"}),
    "Battle-No change of territory": frozenset({"Battles"}),
    "Battle-Non-state actor overtakes territory": frozenset({"Battles"}),
    "Battle-Government regains territory": frozenset({"Battles"}),
    "Riots/Protests": frozenset({"Protests", "Riots"}),
    "Violence against civilians": frozenset({"Violence against civilians"}),
    "Strategic development": frozenset({"Strategic developments"}),
    "Non-violent transfer of territory": frozenset({"Strategic developments"}),
    "Headquarters or base established": frozenset({"Strategic developments"}),
}
SHORT = {
    "Battles": "Battle",
    "Explosions/Remote violence": "Expl/RV",
    "Violence against civilians": "VAC",
    "Protests": "Protest",
    "Riots": "Riot",
    "Strategic developments": "StratDev",
    "(none)": "(none)",
}


def shared_dir() -> Path:
    return Path(os.environ.get("RASID_SHARED") or REPO.parent / "shared")


def mapped_label(old: str) -> str:
    """The current-taxonomy label a gold row is reported under."""
    targets = TYPE_MAP.get(old)
    if targets is None:
        return old
    return "Protests|Riots" if len(targets) > 1 else next(iter(targets))


def read_rows(split: str) -> list[dict[str, str]]:
    """The split's rows; the test file's blank event_type is filled from test_targets.csv."""
    folder = shared_dir() / "data" / "acled_mideast_2018"
    path = folder / f"{split}_learningData.csv"
    if not path.is_file():
        raise SystemExit(f"acled_notes: {path} not found (set RASID_SHARED)")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if split == "test":
        with (folder / "test_targets.csv").open(encoding="utf-8", newline="") as handle:
            gold = {r["d3mIndex"]: r["event_type"] for r in csv.DictReader(handle)}
        for row in rows:
            row["event_type"] = gold.get(row["d3mIndex"], row.get("event_type", ""))
    return rows


def event_day(value: str) -> date | None:
    try:
        return datetime.strptime(value, "%d-%b-%y").date()
    except ValueError:
        return None


_ARTICLE = re.compile(r"\b(al|el|ad|ar|as|ash|at|az|an)-")
_YEARS = re.compile(r"\(\d{4}-\d{0,4}\)|\bthe\b")  # "Military Forces of Syria (2000-)"; "the United States"


def key(name: str | None) -> str:
    """A name reduced for equality: no accents, case, article or punctuation."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _YEARS.sub("", _ARTICLE.sub("", text))
    return re.sub(r"[^a-z0-9]+", "", text)


# ACLED's 2018 names for actors rasid names by today's conventions (scoring only: each
# 2018 name maps to the rasid names it stands for). In 2018 ACLED coded the Houthi-run
# state as "Military Forces of Yemen (2016-) Supreme Political Council", the Saudi-led
# coalition by its operation's name, and planes it could not tell apart as "Allied
# Syrian and/or Russian Forces".
ERA_NAMES: dict[str, frozenset[str]] = {
    "Military Forces of Yemen (2016-) Supreme Political Council": frozenset({"Houthis"}),
    "Operation Restoring Hope": frozenset({"Saudi-led Coalition"}),
    "Operation Decisive Storm": frozenset({"Saudi-led Coalition"}),
    "Allied Syrian and/or Russian Forces": frozenset({"Military Forces of Syria", "Military Forces of Russia"}),
    "QSD: Syrian Democratic Forces": frozenset({"SDF: Syrian Democratic Forces"}),
    "Global Coalition Against Daesh": frozenset({"International Coalition"}),
    # The same groups under another of their names: ACLED's 2018 unit of Iraq's forces is today's
    # PMF, "QDW" is the Arabic acronym of the NDF, "Sham Legion" translates Faylaq al-Sham; Turkey's
    # operations in Syria were its army with the Syrian factions now the SNA.
    "Military Forces of Iraq (2014-) Popular Mobilization Forces": frozenset({"PMF: Popular Mobilization Forces"}),
    "QDW: National Defense Forces": frozenset({"NDF: National Defence Forces"}),
    "Sham Legion": frozenset({"Faylaq al-Sham"}),
    "Operation Olive Branch": frozenset({"Military Forces of Turkey", "SNA: Syrian National Army"}),
    "Operation Euphrates Shield": frozenset({"Military Forces of Turkey", "SNA: Syrian National Army"}),
}
_ERA_UNIT = re.compile(r"^(.*?)\s*\((?:\d{4}-\d{0,4}|Iraq|Syria|Yemen|Libya|Egypt)\).*$")  # "(2000-) Syrian Arab Air Force"


# Governorate spellings of ACLED's 2018 rows beside the gazetteer's (scoring only).
ADMIN1_SPELLINGS: dict[str, str] = {
    "jizan": "jazan", "ninewa": "nineveh", "saladin": "salahdin", "salahaldin": "salahdin",
    "daraa": "dara", "idlib": "idleb", "deirezzor": "deirezzor", "deirezzour": "deirezzor",
    "hadramawt": "hadramaut", "taiz": "taizz", "sanaa": "sana", "amanatalasimah": "sana",
}


def admin1_key(name: str | None) -> str:
    """An admin1 name reduced over spelling variants ("Jizan"/"Jazan", "Ninewa"/"Nineveh"): rasid's
    own table of ACLED spellings (``canonical_admin1``: "Al-Hasakeh", "Babylon", "HaDarom"), then this one."""
    k = key(canonical_admin1(name) if name else name)
    return ADMIN1_SPELLINGS.get(k, k)


def era_keys(name: str | None) -> set[str]:
    """The keys a 2018 ACLED actor name matches under today's names: the era suffix and a
    unit after it dropped ("Military Forces of Syria (2000-) Syrian Arab Air Force"), the
    country of a transnational group dropped ("Islamic State (Iraq)"), renamed actors mapped."""
    if not name:
        return set()
    if name in ERA_NAMES:
        return {key(n) for n in ERA_NAMES[name]}
    m = _ERA_UNIT.match(name)
    return {key(m.group(1) if m else name)}


def main_event(events: tuple[Event, ...]) -> Event | None:
    """The first non-historical event: the coder returns the main event first."""
    return next((e for e in events if not e.historical), None)


def run(
    split: str, limit: int | None, every: int, show_misses: int = 0, dev: bool = False, actor_misses: int = 0,
    admin1_misses: int = 0,
) -> dict[str, Any]:
    rows = read_rows(split)
    if dev:  # the train tenth that `rasid train event-type --holdout` leaves out
        rows = [r for r in rows if zlib.crc32(r["data_id"].encode()) % 10 == 0]
    rows = rows[::every]
    if limit is not None:
        rows = rows[:limit]
    ratios: dict[str, Tally] = defaultdict(Tally)
    per_type: dict[str, Tally] = defaultdict(Tally)
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    fatality_errors: Counter[str] = Counter()
    misses: list[str] = []
    missed_actors: list[str] = []
    place_misses: list[str] = []
    failures = 0
    cpu = time.process_time()
    for row in rows:
        document = Document(text=row["notes"], doc_id=row["d3mIndex"], lang="en", published=event_day(row["event_date"]))
        try:
            event = main_event(extract_document(document).events)
        except Exception as error:  # one bad note must not stop the benchmark
            failures += 1
            if failures <= 3:
                print(f"acled_notes: {document.doc_id}: {type(error).__name__}: {error}", file=sys.stderr)
            event = None
        label = mapped_label(row["event_type"])
        allowed = TYPE_MAP.get(row["event_type"], frozenset({row["event_type"]}))
        predicted = event.event_type if event is not None else "(none)"
        right = predicted in allowed
        ratios["event type"].add(right)
        per_type[label].add(right)
        confusion[label][predicted] += 1
        gold_fatalities = int(row["fatalities"] or 0)
        ours = event.fatalities if event is not None else 0
        ratios["fatalities exact"].add(ours == gold_fatalities)
        if ours != gold_fatalities:
            fatality_errors["over" if ours > gold_fatalities else "under"] += 1
        ratios["event found"].add(event is not None)
        if event is not None:
            ratios["fatalities exact, found"].add(ours == gold_fatalities)
            ratios["event type, found"].add(right)
        # assoc_actor_1 lists one or more actors, "; "-separated: any of them counts.
        accepted = [row["actor1"], *(a.strip() for a in (row.get("assoc_actor_1") or "").split(";"))]
        golds = {key(a) for a in accepted} - {""}
        ratios["actor1"].add(event is not None and key(event.actor1) in golds)
        era = set().union(*(era_keys(a) for a in accepted))
        actor_right = event is not None and key(event.actor1) in era | golds
        ratios["actor1, 2018 names"].add(actor_right)
        if not actor_right and len(missed_actors) < actor_misses:
            ours_actor = event.actor1 if event is not None else "(no event)"
            missed_actors.append(
                f"{row['d3mIndex']} gold {row['actor1']!r} / {row.get('assoc_actor_1') or '-'!r}, got {ours_actor!r}: "
                f"{' '.join(row['notes'].split())[:160]}"
            )
        admin1 = event.place.admin1 if event is not None and event.place is not None else None
        ratios["admin1"].add(key(admin1) == key(row["admin1"]) and bool(admin1))
        ratios["admin1, spellings"].add(bool(admin1) and admin1_key(admin1) == admin1_key(row["admin1"]))
        if (not admin1 or admin1_key(admin1) != admin1_key(row["admin1"])) and len(place_misses) < admin1_misses:
            place_misses.append(_admin1_miss(row, event))
        if not right and len(misses) < show_misses:
            misses.append(f"{row['d3mIndex']} gold {label}, got {predicted}: {' '.join(row['notes'].split())[:140]}")
    seconds = time.process_time() - cpu
    return {
        "split": split,
        "notes": len(rows),
        "failures": failures,
        "cpu_seconds": round(seconds, 2),
        "notes_per_cpu_second": round(len(rows) / seconds, 1) if seconds else None,
        "figures": {n: r.to_dict() for n, r in ratios.items()},
        "per_type": {n: r.to_dict() for n, r in per_type.items()},
        "confusion": {g: dict(c) for g, c in confusion.items()},
        "fatality_errors": dict(fatality_errors),
        "_ratios": ratios,
        "_per_type": per_type,
        "_misses": misses,
        "_actor_misses": missed_actors,
        "_place_misses": place_misses,
    }


def _admin1_miss(row: dict[str, str], event: Event | None) -> str:
    """One admin1 miss: ACLED's location, admin1 and admin2 beside rasid's place, and the note."""
    gold = f"{row['location']} / {row['admin1']} / {row['admin2']} ({row['country']}, prec {row['geo_precision']})"
    if event is None:
        ours = "no event"
    elif event.place is None:
        ours = "no place"
    else:
        p = event.place
        ours = f"{p.name} / {p.admin1} / {p.admin2} ({p.country}, prec {p.geo_precision})"
    note = " ".join(row["notes"].split())[:300]
    return f"{row['d3mIndex']} gold {gold}\n    rasid {ours}\n    note {note}"


def render(result: dict[str, Any]) -> str:
    lines = [
        f"acled_mideast_2018 {result['split']}: {result['notes']} notes, {result['failures']} extraction failures; "
        f"{result['notes_per_cpu_second']} notes per CPU second",
        "",
    ]
    for name, r in result["_ratios"].items():
        lines.append(f"  {name:26}{r}")
    lines.append(f"  fatality errors: {result['fatality_errors']}")
    lines += ["", "event type accuracy by gold type (mapped):"]
    for name, r in sorted(result["_per_type"].items(), key=lambda kv: -kv[1].total):
        lines.append(f"  {name:30}{r}")
    columns = list(SHORT)
    lines += ["", "confusion (rows gold, columns predicted):", "  " + " " * 28 + "".join(f"{SHORT[c]:>9}" for c in columns)]
    for gold, counts in sorted(result["confusion"].items(), key=lambda kv: -sum(kv[1].values())):
        lines.append(f"  {gold:28}" + "".join(f"{counts.get(c, 0):>9}" for c in columns))
    if result["_misses"]:
        lines += ["", "type misses:"] + [f"  {m}" for m in result["_misses"]]
    if result["_actor_misses"]:
        lines += ["", "actor1 misses (2018 names):"] + [f"  {m}" for m in result["_actor_misses"]]
    if result["_place_misses"]:
        lines += ["", "admin1 misses (spellings):"] + [f"  {m}" for m in result["_place_misses"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--split", choices=["test", "train"], default="test")
    parser.add_argument("--limit", type=int, help="only the first N notes (after --every)")
    parser.add_argument("--every", type=int, default=1, metavar="K", help="every K-th note (a spread-out sample)")
    parser.add_argument("--dev", action="store_true",
                        help="with --split train: only the held-out tenth of `rasid train event-type --holdout`")
    parser.add_argument("--misses", type=int, default=0, metavar="N", help="print N type misses")
    parser.add_argument("--actor-misses", type=int, default=0, metavar="N",
                        help="print N actor1 misses (gold actor1 / assoc_actor_1, rasid's actor1, the note)")
    parser.add_argument("--admin1-misses", type=int, default=0, metavar="N",
                        help="print N admin1 misses: ACLED's location/admin1/admin2 beside rasid's place, with the note")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    result = run(args.split, args.limit, max(1, args.every), args.misses, args.dev, args.actor_misses,
                 args.admin1_misses)
    if args.json:
        print(json.dumps({k: v for k, v in result.items() if not k.startswith("_")}, indent=2))
    else:
        print(render(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
