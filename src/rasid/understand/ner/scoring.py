"""Exact-span entity scores by the CoNLL-2003 rules (conlleval's chunking).

An entity counts as found only when its type and both boundaries match. Chunks
are read the way conlleval reads them, so a stray ``I-X`` after ``O`` or after
another type opens a new entity rather than being dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


def split_tag(tag: str) -> tuple[str, str]:
    """``B-LOC`` → (``B``, ``LOC``); ``O`` → (``O``, ``""``)."""
    if tag == "O" or "-" not in tag:
        return "O", ""
    prefix, _, kind = tag.partition("-")
    return prefix, kind


def entities(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """(type, start, end) chunks of a BIO/IOB tag sequence, end exclusive."""
    out: list[tuple[str, int, int]] = []
    kind, start = "", -1
    for i, tag in enumerate((*tags, "O")):
        prefix, label = split_tag(tag)
        begins = prefix == "B" or (prefix == "I" and label != kind) or prefix == "S"
        if kind and (prefix == "O" or begins):
            out.append((kind, start, i))
            kind = ""
        if prefix != "O" and begins:
            kind, start = label, i
        if prefix in ("E", "S") and kind:
            out.append((kind, start, i + 1))
            kind = ""
    return out


@dataclass
class Scores:
    """Counts per entity type; precision, recall and F1 in percent."""

    found: Counter[str] = field(default_factory=Counter)  # predicted entities
    gold: Counter[str] = field(default_factory=Counter)
    correct: Counter[str] = field(default_factory=Counter)
    tokens: int = 0

    def add(self, gold_tags: Sequence[str], predicted: Sequence[str]) -> None:
        if len(gold_tags) != len(predicted):
            raise ValueError("gold and predicted sequences differ in length")
        gold = set(entities(gold_tags))
        pred = set(entities(predicted))
        self.tokens += len(gold_tags)
        self.gold.update(k for k, _, _ in gold)
        self.found.update(k for k, _, _ in pred)
        self.correct.update(k for k, _, _ in gold & pred)

    def prf(self, kind: str | None = None) -> tuple[float, float, float]:
        """(precision, recall, F1) for one type, or micro-averaged over all."""
        if kind is None:
            c, f, g = sum(self.correct.values()), sum(self.found.values()), sum(self.gold.values())
        else:
            c, f, g = self.correct[kind], self.found[kind], self.gold[kind]
        p = 100.0 * c / f if f else 0.0
        r = 100.0 * c / g if g else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def f1(self) -> float:
        return self.prf()[2]

    def kinds(self) -> list[str]:
        return sorted(set(self.gold) | set(self.found))

    def table(self) -> str:
        lines = [f"{'type':<6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
        for kind in [*self.kinds(), None]:
            p, r, f = self.prf(kind)
            g = sum(self.gold.values()) if kind is None else self.gold[kind]
            n = sum(self.found.values()) if kind is None else self.found[kind]
            lines.append(f"{kind or 'ALL':<6} {p:6.2f} {r:6.2f} {f:6.2f} {g:6d} {n:6d}")
        return "\n".join(lines)


def score(gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]) -> Scores:
    """Scores over paired sentences."""
    scores = Scores()
    for g, p in zip(gold, predicted, strict=True):
        scores.add(g, p)
    return scores
