"""One-to-one matching of predicted to gold items by span overlap.

Greedy on character overlap, largest first: an extractor's evidence rarely
coincides with the annotator's clause, so overlap size is the natural
measure of "the same event"; greedy keeps each pair decision explainable
(and is what ACE/TAC-style span scorers do). Ties are broken by a caller's
key, then by gold and prediction index, so the result never depends on
set or dict ordering.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rasid.model import Span

Pair = tuple[int, int]  # (prediction index, gold index)


def match_by_overlap(
    predicted: Sequence[Span | None],
    gold: Sequence[Span | None],
    *,
    allowed: Callable[[int, int], bool] | None = None,
    tiebreak: Callable[[int, int], Any] | None = None,
) -> list[Pair]:
    """Pairs ``(p, g)`` of overlapping spans, each index used at most once.

    ``allowed(p, g)`` restricts which pairs may match (e.g. same event type);
    ``tiebreak(p, g)`` orders pairs of equal overlap (smaller first).
    Returned pairs are sorted by gold index.
    """
    candidates: list[tuple[int, Any, int, int]] = []
    for p, p_span in enumerate(predicted):
        if p_span is None:
            continue
        for g, g_span in enumerate(gold):
            if g_span is None:
                continue
            overlap = p_span.overlap(g_span)
            if overlap <= 0 or (allowed is not None and not allowed(p, g)):
                continue
            candidates.append((-overlap, tiebreak(p, g) if tiebreak else 0, g, p))
    candidates.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[Pair] = []
    for _, _, g, p in candidates:
        if p in used_p or g in used_g:
            continue
        used_p.add(p)
        used_g.add(g)
        pairs.append((p, g))
    pairs.sort(key=lambda pair: pair[1])
    return pairs


def overlap_f1(a: Span, b: Span) -> float:
    """Character-overlap F1 of two spans: 1.0 when identical, 0.0 when disjoint."""
    total = len(a) + len(b)
    return 2 * a.overlap(b) / total if total else 0.0
