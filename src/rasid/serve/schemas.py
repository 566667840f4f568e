"""Request bodies and response envelopes, validated by pydantic (bad input is a 422 naming the field)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

# The ACLED fields a reviewer may correct on a fused event.
CORRECTABLE = ("event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "admin2", "location",
               "latitude", "longitude", "geo_precision", "date", "time_precision", "fatalities")


class DocumentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="the article's text, as published")
    doc_id: str | None = Field(default=None, max_length=200, pattern=r"^[\w.:~#/-]+$")
    published: date | None = None
    lang: Literal["ar", "en"] | None = None
    url: str | None = Field(default=None, max_length=2000)
    outlet: str | None = Field(default=None, max_length=200)
    title: str | None = Field(default=None, max_length=1000)


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["confirm", "correct", "reject", "merge", "split"]
    reviewer: str = Field(min_length=1, max_length=200)
    reason: str = Field(min_length=1, max_length=2000)
    field: Literal[CORRECTABLE] | None = Field(default=None, description="for 'correct'")  # type: ignore[valid-type]
    value: str | int | float | None = Field(default=None, description="for 'correct': the new value")
    other_id: str | None = Field(default=None, max_length=300, description="for 'merge': the cluster to absorb")
    report_ids: list[str] | None = Field(default=None, max_length=1000, description="for 'split': reports to move out")


class Paged(BaseModel):
    items: list[dict[str, Any]]
    next_cursor: str | None = None
    limit: int


class StatsCell(BaseModel):
    key: str = Field(description="the day (YYYY-MM-DD), month (YYYY-MM), type, country or actor; "
                                 "'unknown' for a missing type or country")
    events: int
    fatalities: int


class Stats(BaseModel):
    """``/api/stats``: each breakdown holds keys of one kind, and dates of one precision."""

    events: int = Field(description="fused events matching the filters")
    fatalities: int
    by_day: list[StatsCell] = Field(description="events dated to a day, by day, in date order")
    by_month: list[StatsCell] = Field(
        description="events dated to a month or a day, by month (YYYY-MM), in date order; events dated to a "
                    "year only or not at all are in neither by_day nor by_month")
    by_type: list[StatsCell] = Field(description="by event type, most events first")
    by_country: list[StatsCell] = Field(description="by country, most events first")
    by_actor: list[StatsCell] = Field(description="by actor (actor1 or actor2, an event counted once per "
                                                  "distinct actor), most events first")
