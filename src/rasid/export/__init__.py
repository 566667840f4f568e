"""Exports of the fused events: ACLED CSV, GeoJSON, JSON Lines with provenance, Parquet, pandas.

All of them read :func:`fused_events` (clusters with human reviews applied,
filtered by named options), so a correction made in review is what every
format shows.
"""

from rasid.export.acled_csv import COLUMNS, acled_row, inter_code, write_acled_csv
from rasid.export.frame import MissingExtra, dataframe, events_dataframe, write_parquet
from rasid.export.geojson import feature_collection, write_geojson
from rasid.export.jsonl import provenance_records, write_jsonl
from rasid.export.records import Filters, fused_events, iter_fused_events

__all__ = [
    "COLUMNS",
    "Filters",
    "MissingExtra",
    "acled_row",
    "dataframe",
    "events_dataframe",
    "feature_collection",
    "fused_events",
    "inter_code",
    "iter_fused_events",
    "provenance_records",
    "write_acled_csv",
    "write_geojson",
    "write_jsonl",
    "write_parquet",
]
