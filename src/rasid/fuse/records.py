"""The two records of fusion: a report of an event, and the event fused from reports.

They live apart from ``__init__`` so every fusion module can import them
without importing the clustering code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Report:
    """One event as one document reported it.

    ``event`` is the record of :meth:`rasid.model.Event.to_dict`, so reports
    can come straight from extraction output or from a store row.
    """

    report_id: str
    doc_id: str
    outlet: str | None
    published: date | None
    event: dict[str, Any]


@dataclass(frozen=True)
class Cluster:
    """One real-world event, fused from every report that describes it.

    ``fatalities`` follows ACLED (the most conservative credible figure);
    ``fatalities_low/best/high`` follow UCDP's low, best and high estimates.
    ``conflicts`` lists the fields on which sources disagree, each value with
    who gave it: ``{"field", "values": [{"value", "source", "report_id"}], "description"}``.
    """

    cluster_id: str
    report_ids: tuple[str, ...]
    event_type: str | None
    sub_event_type: str | None
    actor1: str | None
    actor2: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    date: str | None
    time_precision: int | None
    fatalities: int
    fatalities_low: int
    fatalities_best: int
    fatalities_high: int
    sources: tuple[str, ...]
    conflicts: tuple[dict[str, Any], ...]
    notes: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record (tuples as lists)."""
        return {
            "cluster_id": self.cluster_id,
            "report_ids": list(self.report_ids),
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "location": self.location,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geo_precision": self.geo_precision,
            "date": self.date,
            "time_precision": self.time_precision,
            "fatalities": self.fatalities,
            "fatalities_low": self.fatalities_low,
            "fatalities_best": self.fatalities_best,
            "fatalities_high": self.fatalities_high,
            "sources": list(self.sources),
            "conflicts": [dict(c) for c in self.conflicts],
            "notes": self.notes,
        }
