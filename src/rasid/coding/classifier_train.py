"""Training the English event-type classifier on the ACLED 2018 train notes.

Deterministic: the rows are read in file order, features sorted, the
optimiser is full-batch gradient descent from zero weights with a fixed
number of steps, and weights are rounded before writing, so the same input
gives the same file byte for byte. Needs numpy (the ``train`` extra).
"""

from __future__ import annotations

import csv
import time
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasid.coding.classifier import PROTESTS_OR_RIOTS, features

# ACLED's pre-2019 types -> the current taxonomy (SOURCE.md of the data set).
LEGACY_TYPES: dict[str, str] = {
    "Remote violence": "Explosions/Remote violence",
    "Battle-No change of territory": "Battles",
    "Battle-Non-state actor overtakes territory": "Battles",
    "Battle-Government regains territory": "Battles",
    "Riots/Protests": PROTESTS_OR_RIOTS,
    "Violence against civilians": "Violence against civilians",
    "Strategic development": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
}
HEADER = """\
# English event-type classifier (multinomial logistic regression over words and word pairs) for rasid.coding.classifier.
# Trained by `rasid train event-type` (rasid.coding.classifier_train) on the ACLED Middle East Jan-Apr 2018 train notes
# (shared/data/acled_mideast_2018/train_learningData.csv; data (c) ACLED, acleddata.com, used under its Terms of Use;
# the notes themselves are not redistributed: this file holds feature weights only). Model card: event_type_en.md.
# Licence of the weights: derived from ACLED data, attribute ACLED; code MIT.
"""


@dataclass(frozen=True)
class TrainReport:
    notes: int
    features: int
    weights: int
    dev_accuracy: float | None
    seconds: float
    path: Path


def read_notes(csv_path: Path) -> list[tuple[str, str, str]]:
    """(data_id, note, mapped type) per distinct note and type, in file order."""
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str, str]] = []
    with csv_path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            label = LEGACY_TYPES.get(row["event_type"])
            note = " ".join(row["notes"].split())
            if label is None or not note or (note, label) in seen:
                continue
            seen.add((note, label))
            out.append((row["data_id"], note, label))
    return out


def is_dev(data_id: str) -> bool:
    """A fixed tenth of the notes, by checksum, held out when asked."""
    return zlib.crc32(data_id.encode()) % 10 == 0


def _fit(docs: list[list[int]], labels: list[int], n_features: int, n_classes: int,
         steps: int, rate: float, l2: float) -> Any:
    import numpy as np

    lengths = np.array([len(d) for d in docs])
    idx = np.array([i for d in docs for i in d], dtype=np.int64)
    owner = np.repeat(np.arange(len(docs)), lengths)
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    y = np.zeros((len(docs), n_classes))
    y[np.arange(len(docs)), labels] = 1.0
    w = np.zeros((n_features + 1, n_classes))  # the last row is the bias
    velocity = np.zeros_like(w)
    for _ in range(steps):
        scores = np.add.reduceat(w[idx], offsets, axis=0) + w[-1]
        scores -= scores.max(axis=1, keepdims=True)
        p = np.exp(scores)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - y) / len(docs)
        grad = np.zeros_like(w)
        np.add.at(grad, idx, g[owner])
        grad[-1] = g.sum(axis=0)
        grad[:-1] += l2 * w[:-1]
        velocity = 0.9 * velocity - rate * grad
        w += velocity
    return w


def train(shared_data: Path, out_dir: Path, *, holdout: bool = False, limit: int | None = None,
          steps: int = 300, rate: float = 2.0, l2: float = 1e-4, min_count: int = 3, min_weight: float = 0.2,
          log: Callable[[str], None] = lambda _line: None) -> TrainReport:
    """Fit the classifier on the train notes and write ``event_type_en.tsv`` to ``out_dir``."""
    started = time.process_time()
    notes = read_notes(shared_data / "acled_mideast_2018" / "train_learningData.csv")
    if limit is not None:
        notes = notes[:limit]
    fit_rows = [n for n in notes if not (holdout and is_dev(n[0]))]
    dev_rows = [n for n in notes if holdout and is_dev(n[0])]
    classes = sorted({label for _, _, label in fit_rows})
    doc_feats = [sorted(features(note)) for _, note, _ in fit_rows]
    counts = Counter(f for fs in doc_feats for f in fs)
    vocab = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(vocab)}
    docs = [[index[f] for f in fs if f in index] for fs in doc_feats]
    labels = [classes.index(label) for _, _, label in fit_rows]
    log(f"event-type: {len(fit_rows)} notes, {len(vocab)} features, {len(classes)} classes")
    w = _fit(docs, labels, len(vocab), len(classes), steps, rate, l2)
    lines = [HEADER, "feature\tlabel\tweight\n"]
    shipped: dict[str, list[float]] = {}
    for name, row in [("<bias>", w[-1]), *((f, w[i]) for i, f in enumerate(vocab))]:
        for k, (c, value) in enumerate(zip(classes, row, strict=True)):
            if name == "<bias>" or abs(value) >= min_weight:
                lines.append(f"{name}\t{c}\t{value:.2f}\n")
                shipped.setdefault(name, [0.0] * len(classes))[k] = round(float(value), 2)
    kept = len(lines) - 2
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "event_type_en.tsv"
    path.write_text("".join(lines), encoding="utf-8")
    accuracy: float | None = None
    if dev_rows:
        bias = shipped.pop("<bias>")
        right = 0
        for _, note, label in dev_rows:  # scored with the weights as shipped (pruned, rounded)
            totals = list(bias)
            for f in features(note):
                for k, v in enumerate(shipped.get(f, ())):
                    totals[k] += v
            right += classes[max(range(len(classes)), key=lambda k: totals[k])] == label
        accuracy = right / len(dev_rows)
        log(f"event-type: dev accuracy {accuracy:.3f} on {len(dev_rows)} held-out notes")
    return TrainReport(len(fit_rows), len(vocab), kept, accuracy, time.process_time() - started, path)


__all__ = ["LEGACY_TYPES", "TrainReport", "is_dev", "read_notes", "train"]
