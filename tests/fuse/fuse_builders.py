"""Hand-built fusion reports: one event record as ``Event.to_dict()`` writes it."""

from __future__ import annotations

from datetime import date
from typing import Any

from rasid.fuse import Report

ALEPPO = (36.2021, 37.1343)


def event(**overrides: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Suicide bomb",
        "actor1": "Islamic State",
        "actor2": "Civilians (Syria)",
        "location": "Aleppo",
        "admin1": "Aleppo",
        "country": "Syria",
        "date": "2015-07-20",
        "fatalities": 0,
        "evidence": "",
        "reported_by": None,
        "historical": False,
        "actor1_text": None,
        "actor2_text": None,
        "evidence_start": 0,
        "evidence_end": 10,
        "admin2": "Jebel Saman",
        "latitude": ALEPPO[0],
        "longitude": ALEPPO[1],
        "geo_precision": 1,
        "time_precision": 1,
        "quote_id": None,
        "confidence": 0.8,
    }
    record.update(overrides)
    return record


def report(
    report_id: str,
    *,
    doc_id: str | None = None,
    outlet: str | None = "outlet-a",
    published: date | None = date(2015, 7, 21),
    **overrides: Any,
) -> Report:
    return Report(report_id, doc_id or f"doc-{report_id}", outlet, published, event(**overrides))


def north_of(lat_lon: tuple[float, float], km: float) -> tuple[float, float]:
    """A point ``km`` north of ``lat_lon`` (one degree of latitude is about 111.2 km)."""
    return lat_lon[0] + km / 111.2, lat_lon[1]
