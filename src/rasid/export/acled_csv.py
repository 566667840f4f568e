"""ACLED's CSV layout: its 31 columns in its order, one row per fused event.

Inter codes come from the actor dictionary (``actors.tsv``), ISO numeric
codes and regions from ``country_regions.tsv``; ``notes`` is fusion's short
English summary of the event and its sources.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from functools import cache, lru_cache
from typing import Any, TextIO

from rasid.export.records import event_day
from rasid.resources import read_table
from rasid.understand.actors import actor_entries
from rasid.understand.countries import country_by_name

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
CIVILIANS = 7
# ACLED's disorder types: demonstrations, political violence, or strategic developments.
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
_BOTH = frozenset({"Excessive force against protesters", "Mob violence"})


@cache
def _inter_patterns() -> tuple[tuple[re.Pattern[str], int], ...]:
    """Actor name patterns with their inter code.

    An entry's own canonical name comes first, then names an entry gives per
    country, then templates (``Civilians ({country})``): a named group keeps
    its own code even where a generic row can also resolve to its name.
    """
    own: list[tuple[re.Pattern[str], int]] = []
    by_country: list[tuple[re.Pattern[str], int]] = []
    templates: list[tuple[re.Pattern[str], int]] = []
    for entry, _ in actor_entries():
        if entry.inter is None:
            continue
        names = [(entry.canonical, own)] + [(name, by_country) for _, name in entry.by_country]
        for name, group in names:
            if not name:
                continue
            pattern = re.escape(name).replace(re.escape("{country}"), ".+").replace(re.escape("{of}"), ".+")
            (templates if "{" in name else group).append((re.compile(pattern + r"\Z"), entry.inter))
    return tuple(own + by_country + templates)


@lru_cache(maxsize=4096)  # an export repeats a few hundred actor names over many rows
def inter_code(actor: str | None) -> int | None:
    """ACLED inter code of a canonical actor name, from the actor dictionary; None when unknown."""
    if not actor:
        return None
    for pattern, inter in _inter_patterns():
        if pattern.match(actor):
            return inter
    return None


@cache
def _regions() -> dict[str, tuple[str, str]]:
    return {row["country"]: (row["iso_numeric"], row["region"]) for row in read_table("country_regions.tsv").rows}


@lru_cache(maxsize=512)
def _iso3(country: str | None) -> str:
    found = country_by_name(country) if country else None
    return found.iso3 if found else "XXX"


def event_id(cluster_id: str, country: str | None) -> str:
    """ACLED-style id: the ISO3 code and a number stable for the cluster."""
    number = int(hashlib.sha1(cluster_id.encode()).hexdigest()[:12], 16) % 10**8
    return f"{_iso3(country)}{number}"


def acled_row(record: dict[str, Any]) -> dict[str, Any]:
    """One fused event (a cluster record) as ACLED's 31 fields."""
    day = event_day(record.get("date"))
    inter1, inter2 = inter_code(record.get("actor1")), inter_code(record.get("actor2"))
    event_type = record.get("event_type") or ""
    disorder = _DISORDER.get(event_type, "")
    if record.get("sub_event_type") in _BOTH:
        disorder = "Political violence; Demonstrations"
    iso, region = _regions().get(record.get("country") or "", ("", ""))
    stamp = record.get("updated_at")
    return {
        "event_id_cnty": event_id(str(record["cluster_id"]), record.get("country")),
        "event_date": day.isoformat() if day else "",
        "year": day.year if day else "",
        "time_precision": record.get("time_precision") or "",
        "disorder_type": disorder,
        "event_type": event_type,
        "sub_event_type": record.get("sub_event_type") or "",
        "actor1": record.get("actor1") or "",
        "assoc_actor_1": "",
        "inter1": inter1 if inter1 is not None else "",
        "actor2": record.get("actor2") or "",
        "assoc_actor_2": "",
        "inter2": inter2 if inter2 is not None else "",
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if inter2 == CIVILIANS else "",
        "iso": iso,
        "region": region,
        "country": record.get("country") or "",
        "admin1": record.get("admin1") or "",
        "admin2": record.get("admin2") or "",
        "admin3": "",
        "location": record.get("location") or "",
        "latitude": record.get("latitude") if record.get("latitude") is not None else "",
        "longitude": record.get("longitude") if record.get("longitude") is not None else "",
        "geo_precision": record.get("geo_precision") or "",
        "source": "; ".join(record.get("sources") or []),
        "source_scale": "",
        "notes": record.get("notes") or "",
        "fatalities": record.get("fatalities") or 0,
        "tags": "",
        "timestamp": int(datetime.fromisoformat(stamp).timestamp()) if stamp else "",
    }


def _interaction(inter1: int | None, inter2: int | None) -> int | str:
    """ACLED's two-digit interaction code: the two inter codes, lower first (``10`` for one actor)."""
    if inter1 is None:
        return ""
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


# A cell a spreadsheet would run as a formula: text from an article or a reviewer must stay text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")


def spreadsheet_safe(value: Any) -> Any:
    """``value``, with a leading ``'`` when it is text a spreadsheet would read as a formula (numbers kept)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def _writer(out: TextIO) -> csv.DictWriter[str]:
    return csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")


def _safe_row(record: dict[str, Any]) -> dict[str, Any]:
    return {name: spreadsheet_safe(value) for name, value in acled_row(record).items()}


def write_acled_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write the header and one row per record; returns the number of rows.

    Text cells that would start a formula (``= + - @``, tab, CR) are prefixed with ``'`` (OWASP's advice
    against CSV injection); the JSON and Parquet exports keep the values as they are.
    """
    writer = _writer(out)
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(_safe_row(record))
        count += 1
    return count


def acled_csv_chunks(batches: Iterable[Iterable[dict[str, Any]]]) -> Iterator[str]:
    """What :func:`write_acled_csv` writes, as one piece of text per batch of records (the header first).

    A download streams these pieces, so it holds one batch of rows at a time, not the whole file.
    """
    buffer = io.StringIO()
    writer = _writer(buffer)
    writer.writeheader()
    for batch in batches:
        for record in batch:
            writer.writerow(_safe_row(record))
        if buffer.tell():
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
