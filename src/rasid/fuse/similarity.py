"""Do two reports describe one real-world event?

The test follows ACLED's definition of an event (one interaction of the same
actors at one place on one day) and loosens each part only as far as news
reports of one incident really differ:

* **type** — outlets code one incident differently: a car bomb at a
  checkpoint followed by a firefight is a Battle to one paper and an
  Explosion to another, a massacre of villagers is Violence against civilians
  or a Battle. So the three *political-violence* types fuse with each other
  (except abductions and sexual violence, which are different acts), the two
  *demonstration* types (Protests, Riots) fuse with each other, and a
  Strategic development fuses only with the same sub-event type (an arrest
  and a looting are never one event).
* **place** — within a distance that respects the coarser ``geo_precision``
  of the two: 10 km when both name a town (precision 1: a town and its
  outskirts), 25 km when one says "near"/"part of" (precision 2: ACLED's
  own radius for a nearby named place), the same admin1 when one names only
  the region (precision 3). The same place *name* (descriptors such as
  "city of" stripped) also agrees when the gazetteer resolved it to two
  different places or not at all: one resolution is wrong, not the name.
* **date** — the same day at time precision 1, the same ISO week at 2, the
  same month at 3. Reports may date one event a day apart ("yesterday"
  against a dateline, a night attack), so ±1 day is allowed, with a lower
  score when both reports were published on the same day.
* **actors** — the same specific actors in either order, or one report
  naming fewer (an unknown or generic side: "gunmen", "civilians").

Each part gives a score; :func:`similarity` returns ``None`` when a part
rules the pair out, else the weighted mean the clusterer compares with
:data:`THRESHOLD`. A report that names only the country scores 0 on place
and fuses only when the actors agree.

THRESHOLD and WEIGHTS were set on the labelled SaudiNewsNet set
(``bench/fusion.py``): pairwise F1 is flat between 0.55 and 0.6 and falls
above 0.65, where recall drops faster than precision rises.
"""

from __future__ import annotations

import math

from rasid.fuse.profile import Profile, names_agree

# Type families; see the module docstring for why these fuse.
VIOLENCE_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
DEMONSTRATION_TYPES = frozenset({"Protests", "Riots"})
SEPARATE_SUB_TYPES = frozenset({"Sexual violence", "Abduction/forced disappearance"})

# The largest distance (km) between two places of one event, by the coarser
# geo_precision of the two (1 town, 2 near/part of); precision 3 means the same admin1.
MAX_DISTANCE_KM: dict[int, float] = {1: 10.0, 2: 25.0}

WEIGHTS = {"type": 0.2, "place": 0.3, "date": 0.25, "actors": 0.25}
THRESHOLD = 0.6


def family(event_type: str, sub_event_type: str) -> str:
    """The family of types that may describe one incident."""
    if sub_event_type in SEPARATE_SUB_TYPES:
        return sub_event_type
    if event_type in VIOLENCE_TYPES:
        return "violence"
    if event_type in DEMONSTRATION_TYPES:
        return "demonstration"
    return f"{event_type}/{sub_event_type}"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def type_score(a: Profile, b: Profile) -> float | None:
    if a.sub_event_type == b.sub_event_type and a.event_type == b.event_type:
        return 1.0
    if family(a.event_type, a.sub_event_type) != family(b.event_type, b.sub_event_type):
        return None
    return 0.7 if a.event_type == b.event_type else 0.4


def _names_match(a: Profile, b: Profile) -> bool:
    return any(names_agree(x, y) for x in a.names for y in b.names)


def place_score(a: Profile, b: Profile) -> float | None:
    if a.country is None or b.country is None or a.country != b.country:
        return None
    named = _names_match(a, b)
    coarser = max(a.geo_precision, b.geo_precision)
    if coarser <= 2 and a.has_coordinates and b.has_coordinates:
        km = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
        if km <= MAX_DISTANCE_KM[coarser]:
            return 1.0 if km <= 2.0 or named else 0.8
        # The same name resolved to two places: one gazetteer guess is wrong.
        return 0.6 if named else None
    if a.admin1 is not None and b.admin1 is not None:
        if a.admin1 != b.admin1:
            return 0.6 if named else None
        if coarser <= 2:
            # Without coordinates the names must agree, or one is the region itself.
            if named:
                return 1.0
            if a.names and b.names:
                return None
        return 0.5
    # One report names only the country, or a place the gazetteer does not know.
    return 0.8 if named else 0.0


def date_score(a: Profile, b: Profile) -> float | None:
    if a.day_first is None or b.day_first is None or a.day_last is None or b.day_last is None:
        return None
    if a.time_precision == 1 and b.time_precision == 1:
        gap = abs(a.day_first - b.day_first)
        if gap == 0:
            return 1.0
        if gap == 1:
            # Relative dates ("yesterday") resolve a day apart across reports published on
            # different days; on the same day it is likelier, but not surely, two events.
            same_day = a.published is not None and a.published == b.published
            return 0.4 if same_day else 0.6
        return None
    if a.day_first > b.day_last or b.day_first > a.day_last:
        return None
    return 0.5 if a.dated and b.dated else 0.3


def actor_score(a: Profile, b: Profile) -> float | None:
    x, y = a.actors, b.actors
    if not x or not y:
        return 0.5
    if x == y:
        return 1.0
    if x <= y or y <= x:
        return 0.8
    if len(x) == 1 and len(y) == 1:
        # Each names one side only: perhaps the two sides of one fight.
        return 0.25
    return None


def similarity(a: Profile, b: Profile) -> float | None:
    """The evidence that ``a`` and ``b`` report one event, or ``None`` if they cannot."""
    if a.doc_id == b.doc_id:
        return 1.0 if duplicates(a, b) else None
    parts = {}
    for name, score in (
        ("type", type_score),
        ("place", place_score),
        ("date", date_score),
        ("actors", actor_score),
    ):
        value = score(a, b)
        if value is None:
            return None
        parts[name] = value
    if parts["place"] == 0.0 and parts["actors"] < 0.8:
        return None  # only the country in common: the actors must say it is one event
    return sum(WEIGHTS[name] * value for name, value in parts.items())


def identical(a: Profile, b: Profile) -> bool:
    """The same event listed twice (one document repeating itself)."""
    ea, eb = a.report.event, b.report.event
    keys = ("event_type", "sub_event_type", "actor1", "actor2", "location", "admin1", "country", "date", "fatalities")
    return all(ea.get(k) == eb.get(k) for k in keys)


def duplicates(a: Profile, b: Profile) -> bool:
    """Two events of one document that are one event by the extractor's own rule.

    The extractor keeps one event per actor pair, place and day in a
    document; when it still lists two at the same named place on the same
    day (same name, or coordinates within 2 km), with actors that do not differ (one side unknown or generic in one
    of them), the pair it failed to merge is one event listed twice. Events
    of one document that differ in type family, place, day or named actors
    stay apart: the article reports two events.
    """
    if identical(a, b):
        return True
    if family(a.event_type, a.sub_event_type) != family(b.event_type, b.sub_event_type):
        return False
    if date_score(a, b) != 1.0:
        return False
    place = place_score(a, b)
    actors = actor_score(a, b)
    return place == 1.0 and actors is not None and actors >= 0.5
