"""Exports read back: ACLED CSV columns, RFC 7946 GeoJSON, Parquet, JSONL provenance, filters, reviews."""

from __future__ import annotations

import io
import json
import math
import shutil
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from rasid.export import (
    COLUMNS,
    Filters,
    MissingExtra,
    events_dataframe,
    feature_collection,
    fused_events,
    inter_code,
    provenance_records,
    write_acled_csv,
    write_parquet,
)
from rasid.store import connect, stored_document, transaction
from rasid.store.reviews import add_review
from rasid.understand.actors import actor_entries, fill_template

ACLED_31 = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]


def _csv(records: list[dict[str, Any]]) -> pd.DataFrame:
    out = io.StringIO()
    write_acled_csv(records, out)
    return pd.read_csv(io.StringIO(out.getvalue()), keep_default_na=False)


def test_acled_csv_has_acleds_31_columns_in_order(export_db: Path) -> None:
    records = fused_events(connect(export_db, readonly=True))
    assert len(records) > 10
    frame = _csv(records)
    assert list(frame.columns) == ACLED_31 == list(COLUMNS)
    assert len(frame) == len(records)
    assert frame["event_id_cnty"].is_unique
    assert set(frame["disorder_type"]) <= {"Political violence", "Demonstrations", "Strategic developments",
                                           "Political violence; Demonstrations"}
    assert (frame["notes"] != "").all()
    syria = frame[frame["country"] == "Syria"]
    assert len(syria) and (syria["iso"].astype(str) == "760").all() and (syria["region"] == "Middle East").all()
    assert syria["event_id_cnty"].str.startswith("SYR").all()
    coded = frame[frame["actor1"] != ""]
    assert (coded["inter1"] != "").mean() > 0.8  # most canonical actors have a dictionary inter code


def test_inter_codes_come_from_the_actor_dictionary() -> None:
    checked = 0
    for entry, _ in actor_entries():
        if entry.inter is None or not entry.canonical or entry.by_country:
            continue
        name = fill_template(entry.canonical, "Iraq") if "{" in entry.canonical else entry.canonical
        same = [e.inter for e, _ in actor_entries() if e.canonical == entry.canonical]
        if name and len(set(same)) == 1:
            assert inter_code(name) == entry.inter, name
            checked += 1
    assert checked > 20
    assert inter_code("No Such Armed Group") is None


def test_geojson_follows_rfc_7946(export_db: Path) -> None:
    records = fused_events(connect(export_db, readonly=True))
    collection, unlocated = feature_collection(records)
    text = json.dumps(collection)
    parsed = json.loads(text)
    assert parsed["type"] == "FeatureCollection" and "crs" not in parsed
    features = parsed["features"]
    assert features and len(features) + unlocated == len(records)
    for feature in features:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert all(isinstance(v, float | int) and math.isfinite(v) for v in (lon, lat))
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        props = feature["properties"]
        assert (lon, lat) == (pytest.approx(props["longitude"]), pytest.approx(props["latitude"]))
        if props["country"] in {"Syria", "Iraq"}:  # longitude first: east of 35°E, north of 29°N
            assert lon > 35 and 29 < lat < 38
        assert set(ACLED_31) <= set(props)


def test_parquet_and_dataframe_read_back(export_db: Path, tmp_path: Path) -> None:
    records = fused_events(connect(export_db, readonly=True))
    target = tmp_path / "events.parquet"
    assert write_parquet(records, target) == len(records)
    frame = pd.read_parquet(target)
    assert list(frame.columns[:31]) == ACLED_31 and len(frame) == len(records)
    assert str(frame["event_date"].dtype).startswith("datetime64")
    direct = events_dataframe(export_db)
    assert direct.shape == frame.shape
    assert sorted(direct["cluster_id"]) == sorted(frame["cluster_id"])


def test_filters(export_db: Path) -> None:
    conn = connect(export_db, readonly=True)
    every = fused_events(conn)
    syria = fused_events(conn, Filters(country="syria"))
    assert 0 < len(syria) < len(every) and all(r["country"] == "Syria" for r in syria)
    battles = fused_events(conn, Filters(type="Battles"))
    assert battles and all(r["event_type"] == "Battles" for r in battles)
    strikes = fused_events(conn, Filters(type="air/drone strike"))
    assert all(r["sub_event_type"] == "Air/drone strike" for r in strikes)
    isis = fused_events(conn, Filters(actor="islamic state"))
    assert isis and all("Islamic State" in f"{r['actor1']} {r['actor2']}" for r in isis)
    dated = [r for r in every if r["date"] and len(r["date"]) == 10]
    assert dated
    day = date.fromisoformat(dated[0]["date"])
    window = fused_events(conn, Filters(since=day, until=day))
    assert dated[0]["cluster_id"] in {r["cluster_id"] for r in window}
    assert all(r["date"] and r["date"].startswith(day.isoformat()[:7]) for r in window)
    frame = events_dataframe(export_db, country="Syria", since="1900-01-01")
    assert set(frame["country"]) <= {"Syria"}


def test_jsonl_traces_every_figure_to_its_text(export_db: Path) -> None:
    conn = connect(export_db, readonly=True)
    lines = list(provenance_records(conn, fused_events(conn)))
    assert lines
    for line in lines:
        json.dumps(line, ensure_ascii=False)
        assert line["reports"], line["cluster_id"]
        for report in line["reports"]:
            doc = stored_document(conn, report["document"]["doc_id"])
            assert doc is not None
            event = report["event"]
            assert doc.text[event["evidence_start"]:event["evidence_end"]] == event["evidence"]
            for quote in report["document_quotes"]:
                assert doc.text[quote["start"]:quote["end"]] == quote["text"]


def test_review_corrections_win_in_every_export(export_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "reviewed.db"
    shutil.copy(export_db, path)
    conn = connect(path)
    records = fused_events(conn)
    target, dropped = records[0]["cluster_id"], records[1]["cluster_id"]
    with transaction(conn):
        add_review(conn, "cluster", target, "analyst", "correct", "fatalities", records[0]["fatalities"], 3,
                   "hospital figure")
        add_review(conn, "cluster", target, "analyst", "correct", "fatalities", 3, 7, "later toll")
        add_review(conn, "cluster", target, "analyst", "correct", "latitude", None, 36.5, "located")
        add_review(conn, "cluster", target, "analyst", "correct", "longitude", None, 40.75, "located")
        add_review(conn, "cluster", dropped, "analyst", "reject", reason="not an event")
    reviewed = {r["cluster_id"]: r for r in fused_events(conn)}
    assert dropped not in reviewed and reviewed[target]["fatalities"] == 7
    frame = _csv(list(reviewed.values()))
    assert len(frame) == len(records) - 1
    features = {f["id"]: f for f in feature_collection(reviewed.values())[0]["features"]}
    assert features[target]["geometry"]["coordinates"] == [40.75, 36.5]
    assert features[target]["properties"]["fatalities"] == 7
    assert events_dataframe(path).set_index("cluster_id").loc[target, "fatalities"] == 7


def test_missing_pandas_is_a_clear_error(export_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtra, match="pip install"):
        events_dataframe(export_db)
