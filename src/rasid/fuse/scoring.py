"""How well a clustering matches labelled incidents: pairwise and B-cubed scores.

Pairwise precision is the share of report pairs put in one predicted cluster
that belong to one labelled incident; recall the share of same-incident pairs
that were put together. Pairs from one document can be left out
(``cross_document_only``): fusing within a document is the extractor's job,
not fusion's. B-cubed averages the same question per report, so one large
incident (a bombing every paper covered) does not drown the small ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True)
class ClusterScores:
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    reports: int
    gold_pairs: int
    predicted_pairs: int

    def as_dict(self) -> dict[str, float | int]:
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in self.__dict__.items()}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_clustering(
    predicted: Mapping[str, str],
    gold: Mapping[str, str],
    document_of: Mapping[str, str] | None = None,
) -> ClusterScores:
    """Score ``predicted`` (report id → cluster id) against ``gold`` (report id → incident).

    Only reports in both mappings count. With ``document_of``, pairs of
    reports from one document are left out of the pairwise scores.
    """
    ids = sorted(set(predicted) & set(gold))
    gold_pairs = predicted_pairs = both = 0
    for a, b in combinations(ids, 2):
        if document_of is not None and document_of[a] == document_of[b]:
            continue
        same_gold = gold[a] == gold[b]
        same_pred = predicted[a] == predicted[b]
        gold_pairs += same_gold
        predicted_pairs += same_pred
        both += same_gold and same_pred
    p = both / predicted_pairs if predicted_pairs else 1.0
    r = both / gold_pairs if gold_pairs else 1.0

    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for i in ids:
        by_pred.setdefault(predicted[i], set()).add(i)
        by_gold.setdefault(gold[i], set()).add(i)
    bp = br = 0.0
    for i in ids:
        pred_set, gold_set = by_pred[predicted[i]], by_gold[gold[i]]
        shared = len(pred_set & gold_set)
        bp += shared / len(pred_set)
        br += shared / len(gold_set)
    n = len(ids)
    bp, br = (bp / n, br / n) if n else (1.0, 1.0)
    return ClusterScores(p, r, _f1(p, r), bp, br, _f1(bp, br), n, gold_pairs, predicted_pairs)
