"""GeoJSON (RFC 7946): one Point feature per located fused event, for QGIS and web maps.

Coordinates are ``[longitude, latitude]`` in WGS 84, as RFC 7946 requires;
properties are the ACLED fields plus the cluster id. Events without
coordinates have no place on a map and are left out (the caller reports how
many).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from rasid.export.acled_csv import acled_row


def feature_collection(records: Iterable[dict[str, Any]]) -> tuple[dict[str, Any], int]:
    """The FeatureCollection of located records, and how many records had no coordinates."""
    features = []
    unlocated = 0
    for record in records:
        feature = _feature(record)
        if feature is None:
            unlocated += 1
        else:
            features.append(feature)
    return {"type": "FeatureCollection", "features": features}, unlocated


def _feature(record: dict[str, Any]) -> dict[str, Any] | None:
    """The record's Point feature, or None when it has no valid coordinates."""
    lat, lon = record.get("latitude"), record.get("longitude")
    if not _valid(lat, lon):
        return None
    properties = {k: (None if v == "" else v) for k, v in acled_row(record).items()}
    properties["cluster_id"] = record["cluster_id"]
    return {
        "type": "Feature",
        "id": record["cluster_id"],
        "geometry": {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]},  # type: ignore[arg-type]
        "properties": properties,
    }


def _valid(lat: Any, lon: Any) -> bool:
    return (isinstance(lat, int | float) and isinstance(lon, int | float)
            and -90 <= lat <= 90 and -180 <= lon <= 180)


@dataclass
class CollectionText:
    """A FeatureCollection written piece by piece, counting what it wrote and what it left out.

    The pieces join to exactly ``json.dumps(collection, ensure_ascii=False)`` of
    :func:`feature_collection`'s collection (with ``"unlocated": n`` after the features when
    ``unlocated_member``), while holding one batch of features at a time, not them all.
    """

    unlocated_member: bool = False
    features: int = 0
    unlocated: int = 0

    def chunks(self, batches: Iterable[Iterable[dict[str, Any]]]) -> Iterator[str]:
        yield '{"type": "FeatureCollection", "features": ['
        for batch in batches:
            parts = []
            for record in batch:
                feature = _feature(record)
                if feature is None:
                    self.unlocated += 1
                    continue
                parts.append((", " if self.features else "") + json.dumps(feature, ensure_ascii=False))
                self.features += 1
            if parts:
                yield "".join(parts)
        yield "]" + (f', "unlocated": {self.unlocated}' if self.unlocated_member else "") + "}"


def write_geojson(records: Iterable[dict[str, Any]], out: TextIO) -> tuple[int, int]:
    """Write the collection; returns (features written, events left out for lack of coordinates)."""
    text = CollectionText()
    for piece in text.chunks(_batched(records, 500)):
        out.write(piece)
    out.write("\n")
    return text.features, text.unlocated


def _batched(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
