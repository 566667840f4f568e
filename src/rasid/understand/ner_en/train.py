"""Train the English entity CRF on weak labels of ACLED notes.

``python -m rasid.understand.ner_en.train --acled shared/data/acled_mideast_2018``
reads the TRAIN split only, groups rows by their note (one note is often coded
as several events: their names add up), weak-labels every sentence
(:mod:`rasid.understand.ner_en.weak`), keeps the *complete* sentences (no
unexplained capitalised word) and holds out the notes whose CRC-32 is 0 mod 10
for validation. Training is L-BFGS over a fixed order of sentences, so the
same input gives the same model. The model holds feature weights only (single
words, word pairs, shapes, affixes), no note text.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from rasid.understand.ner_en.features import sentence_features
from rasid.understand.ner_en.weak import (
    Knowledge,
    LabelledSentence,
    build_knowledge,
    common_words,
    label_note,
)

PARAMS = {"c1": 0.1, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}


@dataclass(frozen=True, slots=True)
class Note:
    text: str
    rows: tuple[dict[str, str], ...]

    @property
    def held_out(self) -> bool:
        return zlib.crc32(self.text.encode("utf-8")) % 10 == 0


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def group_notes(rows: Iterable[dict[str, str]]) -> list[Note]:
    """One :class:`Note` per distinct note text, with every row coded from it, in file order."""
    by_note: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        note = row.get("notes", "").strip()
        if note:
            by_note.setdefault(note, []).append(row)
    return [Note(text, tuple(rs)) for text, rs in by_note.items()]


def weak_dataset(
    notes: Sequence[Note], knowledge: Knowledge, common: frozenset[str]
) -> list[LabelledSentence]:
    return [s for note in notes for s in label_note(note.text, note.rows, knowledge, common)]


def bio_spans(labels: Sequence[str]) -> set[tuple[int, int, str]]:
    """Entity ranges of a BIO sequence (a stray I- opens one)."""
    out: set[tuple[int, int, str]] = set()
    start, kind = -1, ""
    for i, tag in enumerate([*labels, "O"]):
        prefix, _, label = tag.partition("-")
        if start >= 0 and (prefix != "I" or label != kind):
            out.add((start, i, kind))
            start = -1
        if prefix == "B" or (prefix == "I" and start < 0):
            start, kind = i, label
    return out


def score(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> dict[str, dict[str, float]]:
    """Exact-span precision/recall/F1 per entity type and overall."""
    counts: dict[str, list[int]] = {}
    for g, p in zip(gold, predicted, strict=True):
        gs, ps = bio_spans(g), bio_spans(p)
        for kind in {k for *_, k in gs | ps} | {"ALL"}:
            gk = {s for s in gs if kind in ("ALL", s[2])}
            pk = {s for s in ps if kind in ("ALL", s[2])}
            c = counts.setdefault(kind, [0, 0, 0])
            c[0] += len(gk & pk)
            c[1] += len(pk)
            c[2] += len(gk)
    out: dict[str, dict[str, float]] = {}
    for kind, (tp, npred, ngold) in sorted(counts.items()):
        p = tp / npred if npred else 0.0
        r = tp / ngold if ngold else 0.0
        out[kind] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                     "gold": ngold, "predicted": npred}
    return out


def train(sentences: Sequence[LabelledSentence], model: Path, params: dict[str, object] | None = None) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for s in sentences:
        trainer.append(sentence_features(s.tokens), list(s.labels))
    trainer.set_params(params or PARAMS)
    model.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--acled", type=Path, required=True, help="folder of acled_mideast_2018")
    parser.add_argument("--out", type=Path, default=Path("src/rasid/data/models/ner_en.crfsuite"))
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    rows = read_rows(args.acled / "train_learningData.csv")
    notes = group_notes(rows)
    knowledge = build_knowledge(rows)
    common = common_words(n.text for n in notes)
    train_notes = [n for n in notes if not n.held_out]
    dev_notes = [n for n in notes if n.held_out]
    train_set = weak_dataset(train_notes, knowledge, common)
    dev_set = weak_dataset(dev_notes, knowledge, common)
    kept = [s for s in train_set if s.complete]
    dev_kept = [s for s in dev_set if s.complete]
    print(f"notes {len(notes)} (train {len(train_notes)}, held out {len(dev_notes)}); "
          f"sentences kept {len(kept)}/{len(train_set)} train, {len(dev_kept)}/{len(dev_set)} held out "
          f"[{time.perf_counter() - t0:.0f}s]", file=sys.stderr)
    train(kept, args.out)
    print(f"trained {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) "
          f"[{time.perf_counter() - t0:.0f}s]", file=sys.stderr)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(args.out))
    predicted = [tagger.tag(sentence_features(s.tokens)) for s in dev_kept]
    for kind, m in score([s.labels for s in dev_kept], predicted).items():
        print(f"held-out weak-label agreement {kind}: P {m['precision']:.3f} R {m['recall']:.3f} "
              f"F1 {m['f1']:.3f} (gold {m['gold']:.0f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
