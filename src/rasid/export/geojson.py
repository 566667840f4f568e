"""GeoJSON (RFC 7946): one Point feature per located fused event, for QGIS and web maps.

Coordinates are ``[longitude, latitude]`` in WGS 84, as RFC 7946 requires;
properties are the ACLED fields plus the cluster id. Events without
coordinates have no place on a map and are left out (the caller reports how
many).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from rasid.export.acled_csv import acled_row


def feature_collection(records: Iterable[dict[str, Any]]) -> tuple[dict[str, Any], int]:
    """The FeatureCollection of located records, and how many records had no coordinates."""
    features = []
    unlocated = 0
    for record in records:
        lat, lon = record.get("latitude"), record.get("longitude")
        if not _valid(lat, lon):
            unlocated += 1
            continue
        properties = {k: (None if v == "" else v) for k, v in acled_row(record).items()}
        properties["cluster_id"] = record["cluster_id"]
        features.append({
            "type": "Feature",
            "id": record["cluster_id"],
            "geometry": {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]},  # type: ignore[arg-type]
            "properties": properties,
        })
    return {"type": "FeatureCollection", "features": features}, unlocated


def _valid(lat: Any, lon: Any) -> bool:
    return (isinstance(lat, int | float) and isinstance(lon, int | float)
            and -90 <= lat <= 90 and -180 <= lon <= 180)


def write_geojson(records: Iterable[dict[str, Any]], out: TextIO) -> tuple[int, int]:
    """Write the collection; returns (features written, events left out for lack of coordinates)."""
    collection, unlocated = feature_collection(records)
    json.dump(collection, out, ensure_ascii=False)
    out.write("\n")
    return len(collection["features"]), unlocated
