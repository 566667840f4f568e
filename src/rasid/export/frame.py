"""pandas and Parquet: the ACLED table for notebooks, DuckDB and Arrow tools.

pandas and pyarrow are an optional extra (``pip install rasid[export]``);
without them these functions raise :class:`MissingExtra` with the command
that installs them, and the other exports keep working.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date
from typing import Any

from rasid.export.acled_csv import COLUMNS, acled_row
from rasid.export.records import Filters, fused_events
from rasid.store.db import connect

EXTRA_COLUMNS = ("cluster_id", "fatalities_low", "fatalities_best", "fatalities_high", "report_count", "conflicts")


class MissingExtra(ImportError):
    """pandas or pyarrow is not installed."""


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise MissingExtra("this export needs pandas: pip install 'rasid[export]' (pandas, pyarrow)") from None
    return pandas


def dataframe(records: Iterable[dict[str, Any]]) -> Any:
    """The ACLED columns, in ACLED's order, then rasid's cluster columns; ``event_date`` as dates."""
    pd = _pandas()
    rows = []
    for record in records:
        row = acled_row(record)
        row.update(
            cluster_id=record["cluster_id"],
            fatalities_low=record.get("fatalities_low"),
            fatalities_best=record.get("fatalities_best"),
            fatalities_high=record.get("fatalities_high"),
            report_count=len(record.get("report_ids") or []),
            conflicts=len(record.get("conflicts") or []),
        )
        rows.append({k: (None if v == "" else v) for k, v in row.items()})
    frame = pd.DataFrame(rows, columns=[*COLUMNS, *EXTRA_COLUMNS])
    frame["event_date"] = pd.to_datetime(frame["event_date"], errors="coerce")
    for name in ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
                 "fatalities", "timestamp", "fatalities_low", "fatalities_best", "fatalities_high"):
        frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("Int64")
    for name in ("latitude", "longitude"):
        frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
    return frame


def write_parquet(records: Iterable[dict[str, Any]], path: str | os.PathLike[str]) -> int:
    """Write the table to a Parquet file; returns the number of rows."""
    frame = dataframe(records)
    try:
        frame.to_parquet(path, index=False, engine="pyarrow")
    except ImportError:
        raise MissingExtra("Parquet export needs pyarrow: pip install 'rasid[export]' (pandas, pyarrow)") from None
    return len(frame)


def events_dataframe(
    db_path: str | os.PathLike[str],
    *,
    country: str | None = None,
    admin1: str | None = None,
    type: str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    actor: str | None = None,
) -> Any:
    """The fused events of a rasid database as a pandas DataFrame (ACLED columns), filtered."""
    filters = Filters(
        country=country, admin1=admin1, type=type, actor=actor,
        since=date.fromisoformat(since) if isinstance(since, str) else since,
        until=date.fromisoformat(until) if isinstance(until, str) else until,
    )
    conn = connect(db_path, readonly=True)
    try:
        return dataframe(fused_events(conn, filters))
    finally:
        conn.close()
