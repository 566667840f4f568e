"""Benchmark the English entity tagger (rasid.understand.ner_en).

Two measurements, printed with tokens per second:

1. **ACLED test notes** (``acled_mideast_2018/test_learningData.csv`` joined
   with ``test_targets.csv``): the same weak-label procedure as training
   (names coded in each row found in its note, other test rows' names and the
   gazetteer for the rest) gives reference labels; exact-span P/R/F1 of the
   tagger against them on the *complete* sentences and on all sentences. This
   is **agreement with weak labels, not gold**: the reference misses names
   ACLED did not code and shares the tagger's dictionaries.
2. **English gold articles** (``eval/news-*.jsonl``, lang == "en"): the gold
   events name canonical actors and a location as written; every occurrence in
   the text of a named gold actor (its aliases, found like the weak labels
   find them), of a gold ``location`` string and of a capitalised quote speaker
   is a target. Recall = targets overlapped by an entity span (any type; and of
   the expected type: ORG for actors, LOC for places, PER for speakers).
   Categories (civilians, gunmen, rioters …) are no named entities and are
   left out. The precision printed there is a lower bound: a predicted entity
   counts as correct only when it overlaps some target, and the articles name
   many more entities than their events and quotes do.
   rasid's dictionary stages (find_actors + find_places) are scored the same way
   for comparison.

Usage: ``python bench/ner_english.py [--shared PATH] [--limit N] [--show]``
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from rasid.model import Mention, Span
from rasid.text.normalize import normalize
from rasid.text.sentences import split_sentences
from rasid.understand.actors import find_actors
from rasid.understand.ner_en.tagger import find_entities, tag_tokens
from rasid.understand.ner_en.train import group_notes, read_rows, score
from rasid.understand.ner_en.weak import (
    actor_aliases,
    build_knowledge,
    common_words,
    label_note,
    label_tokens,
    name_key,
    sentence_tokens,
)
from rasid.understand.places import find_places

REPO = Path(__file__).resolve().parent.parent


def bench_acled(folder: Path, limit: int | None) -> None:
    rows = read_rows(folder / "test_learningData.csv")
    targets = {r["d3mIndex"]: r["event_type"] for r in read_rows(folder / "test_targets.csv")}
    for row in rows:
        row["event_type"] = targets.get(row["d3mIndex"], "")
    notes = group_notes(rows)[:limit]
    knowledge = build_knowledge(rows)
    common = common_words(n.text for n in notes)
    sentences = [s for n in notes for s in label_note(n.text, n.rows, knowledge, common)]
    t0 = time.perf_counter()
    predicted = [tag_tokens(s.tokens) for s in sentences]
    elapsed = time.perf_counter() - t0
    n_tokens = sum(len(s.tokens) for s in sentences)
    print(f"ACLED test notes: {len(notes)} notes, {len(sentences)} sentences, {n_tokens} tokens; "
          f"tag_tokens {n_tokens / elapsed:,.0f} tokens/s")
    for name, keep in (("complete sentences", True), ("all sentences", False)):
        idx = [i for i, s in enumerate(sentences) if s.complete or not keep]
        print(f"  weak-label agreement (not gold), {name} ({len(idx)}):")
        for kind, m in score([sentences[i].labels for i in idx], [predicted[i] for i in idx]).items():
            print(f"    {kind:4} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}  "
                  f"(reference {m['gold']:.0f}, predicted {m['predicted']:.0f})")


_CATEGORY = ("Civilians", "Protesters", "Rioters", "Unidentified", "Police Forces of", "Government of")


def _dictionary_aliases_for(canonical: str) -> list[str]:
    from rasid.understand.ner_en.weak import _dictionary_aliases

    return list(_dictionary_aliases().get(name_key(canonical), ()))


def _occurrences(text: str, phrase: str) -> list[Span]:
    out: list[Span] = []
    start = text.find(phrase)
    while phrase and start >= 0:
        out.append(Span(start, start + len(phrase)))
        start = text.find(phrase, start + 1)
    return out


def gold_targets(doc: dict[str, Any]) -> list[tuple[str, str, list[Span]]]:
    """(expected type, name, occurrences) of the named actors, locations and speakers of one article."""
    text = doc["text"]
    targets: list[tuple[str, str, list[Span]]] = []
    sentences = sentence_tokens(text)
    for actor in sorted({a for e in doc["events"] for a in (e.get("actor1"), e.get("actor2")) if a}):
        if actor.startswith(_CATEGORY):
            continue
        aliases = [*actor_aliases(actor), *_dictionary_aliases_for(actor)]
        own = {name_key(a): "ORG" for a in aliases}
        own.pop("", None)
        spans: list[Span] = []
        for sentence in sentences:
            tokens = [t for t, _ in sentence]
            labels, _ = label_tokens(tokens, own)
            for i, label in enumerate(labels):
                if label.startswith("B-"):
                    j = i + 1
                    while j < len(labels) and labels[j].startswith("I-"):
                        j += 1
                    spans.append(Span(sentence[i][1], sentence[j - 1][1] + len(sentence[j - 1][0])))
        targets.append(("ORG", actor, spans))
    for location in sorted({e["location"] for e in doc["events"] if e.get("location")}):
        targets.append(("LOC", location, _occurrences(text, location)))
    for speaker in sorted({q["speaker"] for q in doc.get("quotes", []) if q.get("speaker")}):
        words = speaker.split()
        if all(w[:1].isupper() for w in words) and len(words) <= 4:
            # "The Egyptian Army", "AFP": a named organisation speaks
            kind = "ORG" if words[0] == "The" or speaker.isupper() else "PER"
            targets.append((kind, speaker, _occurrences(text, speaker)))
    return [t for t in targets if t[2]]


def bench_gold(shared: Path, show: bool) -> None:
    docs = [
        json.loads(line)
        for f in sorted((shared / "eval").glob("news-*.jsonl"))
        for line in f.open(encoding="utf-8")
        if line.strip()
    ]
    docs = [d for d in docs if d.get("lang") == "en"]
    systems: dict[str, list[tuple[list[tuple[str, str, list[Span]]], tuple[Mention, ...]]]] = {
        "ner_en": [], "dictionaries": []}
    n_chars = 0
    t_ner = 0.0
    for doc in docs:
        text = doc["text"]
        n_chars += len(text)
        norm = normalize(text)
        sentences = split_sentences(norm)
        find_entities(norm, sentences[:1])  # warm: model and gazetteer keys load once
        t0 = time.perf_counter()
        ents = find_entities(norm, sentences)
        t_ner += time.perf_counter() - t0
        dicts = tuple(
            Mention("ORG" if m.kind == "actor" else "LOC", m.span, m.text)
            for m in (*find_actors(norm, "en"), *find_places(norm, "en"))
        )
        targets = gold_targets(doc)
        systems["ner_en"].append((targets, ents))
        systems["dictionaries"].append((targets, dicts))
        if show:
            print(f"\n{doc['doc_id']}: " + "; ".join(f"{m.kind}:{m.text}" for m in ents))
            for kind, name, spans in targets:
                found = any(m.span.overlaps(s) for m in ents for s in spans)
                print(f"   {'+' if found else '-'} {kind} {name} ({len(spans)} occurrences)")
    print(f"\nEnglish gold articles: {len(docs)} articles, {n_chars} characters; "
          f"find_entities {n_chars / t_ner:,.0f} chars/s")
    for system, results in systems.items():
        print(f"  {system}:")
        for kind in ("ORG", "LOC", "PER", "ALL"):
            hit = typed = total = 0
            for targets, ents in results:
                for tkind, _, spans in targets:
                    if kind not in ("ALL", tkind):
                        continue
                    total += 1
                    hit += any(m.span.overlaps(s) for m in ents for s in spans)
                    typed += any(m.kind == tkind and m.span.overlaps(s) for m in ents for s in spans)
            if total:
                print(f"    {kind:4} recall {hit / total:.3f} (type right {typed / total:.3f}) of {total} targets")
        predicted = sum(len(ents) for _, ents in results)
        supported = sum(
            any(m.span.overlaps(s) for _, _, spans in targets for s in spans)
            for targets, ents in results for m in ents
        )
        hits = sum(
            any(m.span.overlaps(s) for m in ents for s in spans)
            for targets, ents in results for _, _, spans in targets
        )
        total = sum(len(targets) for targets, _ in results)
        p = supported / predicted if predicted else 0.0
        r = hits / total if total else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"    precision >= {p:.3f} ({supported}/{predicted} entities on a target), "
              f"recall {r:.3f}, F1 >= {f:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--limit", type=int, default=None, help="ACLED test notes to use")
    parser.add_argument("--show", action="store_true", help="print entities and targets per article")
    parser.add_argument("--skip-acled", action="store_true")
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        print(f"shared data not found at {args.shared}", file=sys.stderr)
        return 2
    if not args.skip_acled:
        bench_acled(args.shared / "data" / "acled_mideast_2018", args.limit)
    bench_gold(args.shared, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
