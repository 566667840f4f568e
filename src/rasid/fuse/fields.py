"""The fields of a fused event, chosen from its reports.

* type: the (type, sub-type) most reports give; ties go to the type ACLED
  ranks higher (a battle with a car bomb in it is a Battle).
* actors: the ordered pair most reports agree with, preferring pairs that
  name more specific actors (one report naming both sides beats several
  naming one).
* place: the most precise one (lowest geo_precision), then the most frequent.
* date: the most precise one, then the most frequent, then the earliest (an
  event cannot happen after it is reported; later reports mis-resolving
  "yesterday" drift later, not earlier).
* country: the most frequent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from rasid.fuse.profile import Profile, actor_key, is_generic_actor
from rasid.model import EVENT_TYPES

_TYPE_RANK = {etype: i for i, etype in enumerate(EVENT_TYPES)}
_SUB_RANK = {sub: i for subs in EVENT_TYPES.values() for i, sub in enumerate(subs)}


def fused_type(members: Sequence[Profile]) -> tuple[str | None, str | None]:
    counts = Counter((p.event_type, p.sub_event_type) for p in members if p.event_type)
    if not counts:
        return None, None
    (etype, sub), _ = min(
        counts.items(),
        key=lambda kv: (-kv[1], _TYPE_RANK.get(kv[0][0], 99), _SUB_RANK.get(kv[0][1], 99), kv[0]),
    )
    return etype, sub


def fused_actors(members: Sequence[Profile]) -> tuple[str | None, str | None]:
    pairs = Counter(p.actor_pair for p in members)

    def support(pair: tuple[str | None, str | None]) -> tuple[int, int, int]:
        named = {actor_key(a) for a in pair if a and not is_generic_actor(a)}
        agreeing = sum(1 for p in members if p.actors and p.actors <= named)
        known = sum(1 for a in pair if a)
        return agreeing, len(named) + known, pairs[pair]

    best = min(pairs, key=lambda pair: (tuple(-x for x in support(pair)), tuple(a or "" for a in pair)))
    return best


def place_member(members: Sequence[Profile]) -> Profile:
    """The member whose place the fused event takes."""
    return _pick(members, key_of=lambda p: (p.admin1, p.location_key), precision_of=lambda p: p.geo_precision)


def date_member(members: Sequence[Profile]) -> Profile:
    """The member whose date the fused event takes (undated members only when all are)."""
    dated = [p for p in members if p.dated] or list(members)
    counts = Counter(p.report.event.get("date") for p in dated)
    return min(
        dated,
        key=lambda p: (p.time_precision, -counts[p.report.event.get("date")], p.day_first or 0, p.index),
    )


def _pick(members: Sequence[Profile], key_of: Any, precision_of: Any) -> Profile:
    """The member with the best (lowest) precision, then the most common value, then the first."""
    counts = Counter(key_of(p) for p in members)
    return min(members, key=lambda p: (precision_of(p), -counts[key_of(p)], p.index))


def fused_place(members: Sequence[Profile]) -> dict[str, Any]:
    located = [p for p in members if p.country]
    if not located:
        return dict.fromkeys(("country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision"))
    countries = Counter(p.country for p in located)
    country = min(countries, key=lambda c: (-countries[c], c or ""))
    chosen = _pick(
        [p for p in located if p.country == country],
        key_of=lambda p: (p.admin1, p.location_key),
        precision_of=lambda p: p.geo_precision,
    )
    ev = chosen.report.event
    admin1 = chosen.admin1
    if admin1 is None:
        admins = Counter(p.admin1 for p in located if p.country == country and p.admin1)
        admin1 = min(admins, key=lambda a: (-admins[a], a)) if admins else None
    return {
        "country": country,
        "admin1": admin1,
        "admin2": ev.get("admin2"),
        "location": ev.get("location"),
        "latitude": chosen.latitude,
        "longitude": chosen.longitude,
        "geo_precision": ev.get("geo_precision") or (chosen.geo_precision if chosen.geo_precision <= 3 else None),
    }


def fused_date(members: Sequence[Profile]) -> tuple[str | None, int | None]:
    if not any(p.dated for p in members):
        return None, None
    chosen = date_member(members)
    return chosen.report.event.get("date"), chosen.report.event.get("time_precision") or chosen.time_precision
