"""Fatality figures (ACLED, UCDP) and clustering scores."""

from __future__ import annotations

from datetime import date

from rasid.fuse.fatalities import SourcedFigure, fuse_fatalities
from rasid.fuse.scoring import score_clustering


def fig(value: int, source: str, day: int = 21, rid: str = "") -> SourcedFigure:
    return SourcedFigure(value, source, date(2015, 7, day), rid or f"{source}-{day}-{value}")


def test_acled_is_lowest_ucdp_best_is_most_reported() -> None:
    f = fuse_fatalities([fig(12, "a"), fig(30, "b"), fig(30, "c"), fig(27, "d"), fig(0, "e")])
    assert (f.acled, f.low, f.best, f.high) == (12, 12, 30, 30)


def test_best_is_the_lower_median_when_no_figure_repeats() -> None:
    f = fuse_fatalities([fig(31, "a"), fig(20, "b"), fig(27, "c"), fig(12, "d")])
    assert (f.low, f.best, f.high) == (12, 20, 31)


def test_a_source_counts_once_with_its_latest_figure() -> None:
    # One outlet revises its toll upwards; the early figure is superseded.
    f = fuse_fatalities([fig(5, "a", day=20), fig(30, "a", day=22), fig(32, "b")])
    assert (f.acled, f.low, f.best, f.high) == (30, 30, 30, 32)


def test_no_deaths_reported() -> None:
    assert fuse_fatalities([fig(0, "a")]).acled == 0


def test_scores() -> None:
    gold = {"1": "x", "2": "x", "3": "x", "4": "y"}
    predicted = {"1": "p", "2": "p", "3": "q", "4": "q"}
    s = score_clustering(predicted, gold)
    assert (s.gold_pairs, s.predicted_pairs) == (3, 2)
    assert s.pairwise_precision == 0.5 and round(s.pairwise_recall, 4) == round(1 / 3, 4)
    # B-cubed precision: (2/2 + 2/2 + 1/2 + 1/2) / 4; recall: (2/3 + 2/3 + 1/3 + 1) / 4
    assert s.bcubed_precision == 0.75 and round(s.bcubed_recall, 4) == round((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4, 4)
    perfect = score_clustering(gold, gold)
    assert perfect.pairwise_f1 == 1.0 and perfect.bcubed_f1 == 1.0


def test_same_document_pairs_can_be_left_out() -> None:
    gold = {"1": "x", "2": "x"}
    predicted = {"1": "p", "2": "q"}
    docs = {"1": "d", "2": "d"}
    assert score_clustering(predicted, gold, docs).gold_pairs == 0
