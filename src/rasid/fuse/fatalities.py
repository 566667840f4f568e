"""Fatality figures of one event from many reports: ACLED's and UCDP's.

A report of 0 means "no deaths reported" (ACLED codes 0 when none are
mentioned, and wounded-only reports are 0), not a claim that nobody died, so
only positive figures are *credible figures* here. Each source counts once:
when one outlet reports an event several times, its latest report stands
(tolls are revised upwards as bodies are found; the earlier figure is
superseded, not a second opinion).

* ACLED ``fatalities``: the most conservative credible figure, i.e. the
  lowest positive figure (ACLED codebook: "if reports differ, the most
  conservative estimate is used").
* UCDP ``low``: the lowest credible figure; ``high``: the highest.
* UCDP ``best``: the figure given by the most sources; when no figure is
  given more often than another, the median of the figures (the lower
  middle one for an even count, so it is always a reported figure and leans
  conservative, as UCDP's best estimates do).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class FatalityFigures:
    acled: int
    low: int
    best: int
    high: int


@dataclass(frozen=True)
class SourcedFigure:
    value: int
    source: str
    published: date | None
    report_id: str


def latest_per_source(figures: Iterable[SourcedFigure]) -> list[SourcedFigure]:
    """One figure per source: the one in its latest report (ties: the higher report id)."""
    best: dict[str, SourcedFigure] = {}
    for fig in figures:
        key = (fig.published or date.min, fig.report_id)
        held = best.get(fig.source)
        if held is None or key > (held.published or date.min, held.report_id):
            best[fig.source] = fig
    return sorted(best.values(), key=lambda f: (f.source, f.report_id))


def fuse_fatalities(figures: Iterable[SourcedFigure]) -> FatalityFigures:
    credible = [f.value for f in latest_per_source(f for f in figures if f.value > 0)]
    if not credible:
        return FatalityFigures(0, 0, 0, 0)
    counts = Counter(credible)
    top = max(counts.values())
    if top > 1:
        best = min(v for v, n in counts.items() if n == top)
    else:
        ordered = sorted(credible)
        best = ordered[(len(ordered) - 1) // 2]
    low, high = min(credible), max(credible)
    return FatalityFigures(acled=low, low=low, best=best, high=high)
