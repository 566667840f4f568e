"""A report reduced to what the same-event test compares, computed once per report.

Parsing dates, folding place names and picking out specific actors for every
pair comparison would dominate the run time on 100,000 reports; a
:class:`Profile` does it once.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from rasid.fuse.records import Report
from rasid.resources import read_table
from rasid.text.normalize import normalize_key

# Actor names that say nothing about *who* acted: they never make two reports
# disagree, so a report naming "Unidentified Armed Group (Iraq)" can fuse with
# one naming the group later held responsible.
GENERIC_ACTOR_PREFIXES = ("Unidentified", "Civilians", "Unknown")

# When an event has no date, it happened at most this many days before the
# article was published (a news report's own week); used as a coarse interval.
UNDATED_LOOKBACK_DAYS = 7


# ACLED keeps a state's government, army and police apart, but outlets do not:
# "the authorities", "security forces" and "the army" are one side of one event.
_STATE_PREFIXES = ("Military Forces of ", "Police Forces of ", "Government of ")


def is_generic_actor(name: str | None) -> bool:
    return not name or name.startswith(GENERIC_ACTOR_PREFIXES)


def actor_key(name: str) -> str:
    """The side an actor stands for when comparing reports: state bodies of one country are one side."""
    for prefix in _STATE_PREFIXES:
        if name.startswith(prefix):
            return "state:" + name[len(prefix) :].split(" (")[0]
    return name


@lru_cache(maxsize=1)
def _descriptor_words() -> frozenset[str]:
    """Words that say what kind of place follows ("city of", "town of", "province of")."""
    table = read_table("place_descriptors.tsv")
    return frozenset(normalize_key(row["phrase"]) for row in table.rows if row.get("position") == "before")


@lru_cache(maxsize=65536)
def place_name_key(location: str) -> str:
    """A place name without its leading descriptors ("مدينة أبها" and "أبها" agree)."""
    words = normalize_key(location).split()
    descriptors = _descriptor_words()
    while len(words) > 1 and words[0] in descriptors:
        words = words[1:]
    return " ".join(words)


def names_agree(a: str, b: str) -> bool:
    """Same place name, or one extends the other by trailing words ("سروج" / "سروج بجنوب")."""
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return long.startswith(short + " ")


def _date_interval(value: str | None, precision: int | None, published: date | None) -> tuple[int, int, int] | None:
    """``(first day, last day, precision)`` as ordinals, widened to the stated precision."""
    if value:
        parts = value.split("-")
        try:
            year = int(parts[0])
            if len(parts) == 1:
                return None  # a year is too vague to tell one event from another
            month = int(parts[1])
            if len(parts) == 2:
                last = calendar.monthrange(year, month)[1]
                return date(year, month, 1).toordinal(), date(year, month, last).toordinal(), 3
            day = date(year, month, int(parts[2]))
        except ValueError:
            return None
        prec = precision or 1
        if prec <= 1:
            return day.toordinal(), day.toordinal(), 1
        if prec == 2:
            monday = day - timedelta(days=day.weekday())
            return monday.toordinal(), monday.toordinal() + 6, 2
        last = calendar.monthrange(day.year, day.month)[1]
        return date(day.year, day.month, 1).toordinal(), date(day.year, day.month, last).toordinal(), 3
    if published is not None:
        end = published.toordinal()
        return end - UNDATED_LOOKBACK_DAYS, end, 2
    return None


def _float(value: object) -> float | None:
    try:
        return float(value) if value is not None else None  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True, slots=True)
class Profile:
    """The comparable facts of one report."""

    report: Report
    index: int
    event_type: str
    sub_event_type: str
    actors: frozenset[str]  # specific (non-generic) actors, as actor_key sides
    actor_pair: tuple[str | None, str | None]
    country: str | None
    admin1: str | None
    location_key: str | None
    names: frozenset[str]  # place-name keys (a fused cluster's profile holds all its members')
    latitude: float | None
    longitude: float | None
    geo_precision: int
    day_first: int | None
    day_last: int | None
    time_precision: int
    dated: bool  # the event carried its own date (not the publication fallback)
    published: int | None
    fatalities: int

    @property
    def report_id(self) -> str:
        return self.report.report_id

    @property
    def doc_id(self) -> str:
        return self.report.doc_id

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def profile_of(report: Report, index: int = 0) -> Profile:
    ev = report.event
    a1, a2 = ev.get("actor1"), ev.get("actor2")
    actors = frozenset(actor_key(a) for a in (a1, a2) if a and not is_generic_actor(a))
    location = ev.get("location")
    interval = _date_interval(ev.get("date"), ev.get("time_precision"), report.published)
    geo = ev.get("geo_precision")
    if not geo:
        geo = 3 if ev.get("admin1") else 4  # 4: only the country is known
    try:
        fatalities = max(0, int(ev.get("fatalities") or 0))
    except (TypeError, ValueError):
        fatalities = 0
    return Profile(
        report=report,
        index=index,
        event_type=ev.get("event_type") or "",
        sub_event_type=ev.get("sub_event_type") or "",
        actors=actors,
        actor_pair=(a1, a2),
        country=ev.get("country"),
        admin1=ev.get("admin1"),
        location_key=place_name_key(location) if location else None,
        names=frozenset([place_name_key(location)]) if location else frozenset(),
        latitude=_float(ev.get("latitude")),
        longitude=_float(ev.get("longitude")),
        geo_precision=int(geo),
        day_first=interval[0] if interval else None,
        day_last=interval[1] if interval else None,
        time_precision=interval[2] if interval else 4,
        dated=bool(ev.get("date")),
        published=report.published.toordinal() if report.published else None,
        fatalities=fatalities,
    )
