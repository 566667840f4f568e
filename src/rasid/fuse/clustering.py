"""Group reports into events, and build each event's fused record.

Reports are taken most precise first (day before week, town before region),
then by date, and each joins the cluster it matches best (above
:data:`~rasid.fuse.similarity.THRESHOLD`), or starts one; a final pass joins
clusters whose fused profiles match. A report is compared with the cluster's
fused profile (:func:`representative`): its majority type and actors, most
precise place and modal date. Comparing with the fused profile rather than
with each member stops chains (A~B~C where A and C name different attackers:
C meets A's actors in the profile) and keeps one badly extracted member from
splitting an event.

Blocking keeps this near linear: clusters are indexed by country, type
family, admin1 (or place name) and day, so a report is compared only with
clusters of its country and family, in its region or under its place name,
whose dates could match (its date interval ±1 day). 100,000 synthetic
reports cluster in about 35 s of CPU time (``bench/fusion.py``).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from rasid.fuse.conflicts import find_conflicts
from rasid.fuse.fatalities import SourcedFigure, fuse_fatalities
from rasid.fuse.fields import (
    date_member,
    fused_actors,
    fused_date,
    fused_place,
    fused_type,
    place_member,
)
from rasid.fuse.notes import write_notes
from rasid.fuse.profile import Profile, actor_key, is_generic_actor, profile_of
from rasid.fuse.records import Cluster, Report
from rasid.fuse.similarity import THRESHOLD, duplicates, family, similarity
from rasid.fuse.sources import outlet_of

_ANY_REGION = "\x00any"  # index key: every cluster of a country
_NO_REGION = "\x00none"  # index key: clusters whose reports name only the country
_NAME = "\x00name:"  # index key prefix: clusters by place name


def cluster_id_of(report_ids: Sequence[str], reports: dict[str, Report]) -> str:
    """``c-`` + a hash of the earliest report (by publication, then id).

    New reports of an event usually arrive later, so the earliest report and
    with it the id stay put as the store grows.
    """
    first = min(report_ids, key=lambda r: (reports[r].published or date.max, r))
    return "c-" + hashlib.sha1(first.encode("utf-8")).hexdigest()[:12]


class _Index:
    """Clusters by country, type family and region or place name, each by day.

    The name keys let a report meet a cluster whose reports put the same
    place name in another admin1 (a gazetteer mix-up) or in none.
    """

    def __init__(self) -> None:
        self.by_key: dict[tuple[str | None, str], dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))

    def add(self, cluster: int, p: Profile) -> None:
        fam = family(p.event_type, p.sub_event_type)
        keys = [(p.country, fam + _ANY_REGION), (p.country, fam + (p.admin1 if p.admin1 is not None else _NO_REGION))]
        keys += [(p.country, fam + _NAME + name) for name in p.names]
        for day in _days(p):
            for key in keys:
                bucket = self.by_key[key][day]
                if not bucket or bucket[-1] != cluster:
                    bucket.append(cluster)

    def candidates(self, p: Profile) -> list[int]:
        fam = family(p.event_type, p.sub_event_type)
        regions = [fam + _ANY_REGION] if p.admin1 is None else [fam + p.admin1, fam + _NO_REGION]
        regions += [fam + _NAME + name for name in p.names]
        found: set[int] = set()
        for region in regions:
            days = self.by_key.get((p.country, region))
            if not days:
                continue
            for day in _days(p, margin=1):
                found.update(days.get(day, ()))
        return sorted(found)


def _days(p: Profile, margin: int = 0) -> range:
    if p.day_first is None or p.day_last is None:
        return range(0)
    return range(p.day_first - margin, p.day_last + margin + 1)


@dataclass
class _Open:
    """A cluster being built: its members, their documents and its fused profile."""

    members: list[Profile]
    docs: dict[str, list[Profile]]
    profile: Profile

    @classmethod
    def of(cls, p: Profile) -> _Open:
        return cls([p], {p.doc_id: [p]}, p)

    def add(self, p: Profile) -> None:
        self.members.append(p)
        self.docs.setdefault(p.doc_id, []).append(p)
        self.profile = representative(self.members)


def representative(members: Sequence[Profile]) -> Profile:
    """The cluster as one profile: fused type and actors, most precise place, modal date.

    New reports are compared with this profile rather than with every member,
    so one badly extracted member (a wrong actor, a wrong day) neither vetoes
    the reports that belong nor pulls in ones that do not.
    """
    if len(members) == 1:
        return members[0]
    etype, sub = fused_type(members)
    pair = fused_actors(members)
    place = place_member(members)
    when = date_member(members)
    published = {p.published for p in members}
    return replace(
        place,
        event_type=etype or place.event_type,
        sub_event_type=sub or place.sub_event_type,
        actor_pair=pair,
        actors=frozenset(actor_key(a) for a in pair if a and not is_generic_actor(a)),
        names=frozenset().union(*(p.names for p in members)),
        day_first=when.day_first,
        day_last=when.day_last,
        time_precision=when.time_precision,
        dated=when.dated,
        published=published.pop() if len(published) == 1 else None,
    )


def group_profiles(profiles: Sequence[Profile]) -> list[list[Profile]]:
    """The clusters, as lists of profiles, in a deterministic order."""
    # Precise reports first: they seed the clusters, and vaguer reports of the
    # same event (a week, a region) then join them instead of seeding their own.
    order = sorted(
        profiles,
        key=lambda p: (
            p.time_precision,
            p.geo_precision,
            p.day_first if p.day_first is not None else 1 << 30,
            p.report_id,
        ),
    )
    clusters: list[_Open] = []
    index = _Index()
    for p in order:
        if p.day_first is None:
            # Undated (or dated only to a year): nothing tells it from other events.
            clusters.append(_Open.of(p))
            continue
        best, best_score = -1, THRESHOLD
        for c in index.candidates(p):
            score = _link(p, clusters[c])
            if score is not None and score >= best_score and (score > best_score or best < 0):
                best, best_score = c, score
        if best < 0:
            clusters.append(_Open.of(p))
            best = len(clusters) - 1
        else:
            clusters[best].add(p)
        index.add(best, p)
    return [c.members for c in _merge(clusters, index)]


def _merge(clusters: list[_Open], index: _Index) -> list[_Open]:
    """One pass joining clusters whose fused profiles describe one event.

    Greedy assignment is order-dependent: two reports of one event that
    first met different, vaguer reports seed two clusters. Comparing the
    finished clusters' profiles (never two holding one document) repairs that.
    """
    alive = [True] * len(clusters)
    for i, cluster in enumerate(clusters):
        while alive[i]:
            best, best_score = -1, THRESHOLD
            for j in sorted({j for m in cluster.members for j in index.candidates(m)}):
                if j <= i or not alive[j] or cluster.docs.keys() & clusters[j].docs.keys():
                    continue
                score = similarity(cluster.profile, clusters[j].profile)
                if score is not None and (score > best_score or (score == best_score and best < 0)):
                    best, best_score = j, score
            if best < 0:
                break
            for m in clusters[best].members:
                cluster.add(m)
            alive[best] = False
    return [c for i, c in enumerate(clusters) if alive[i]]


def _link(p: Profile, cluster: _Open) -> float | None:
    """How well ``p`` fits ``cluster``; ``None`` if it cannot join it.

    A report never joins a cluster holding another report of its own document
    (the extractor already keeps one event per actors, place and day there),
    unless it duplicates every such report (:func:`~rasid.fuse.similarity.duplicates`).
    """
    same_doc = cluster.docs.get(p.doc_id)
    if same_doc:
        if not all(duplicates(p, m) for m in same_doc):
            return None
        return similarity(p, cluster.profile) if cluster.profile.doc_id != p.doc_id else 1.0
    return similarity(p, cluster.profile)


def build_cluster(members: Sequence[Profile], reports: dict[str, Report]) -> Cluster:
    members = sorted(members, key=lambda p: (p.report.published or date.max, p.report_id))
    members = [_reindexed(p, i) for i, p in enumerate(members)]
    report_ids = tuple(p.report_id for p in members)
    etype, sub = fused_type(members)
    actor1, actor2 = fused_actors(members)
    place = fused_place(members)
    when, precision = fused_date(members)
    figures = fuse_fatalities(
        SourcedFigure(p.fatalities, outlet_of(p.report), p.report.published, p.report_id) for p in members
    )
    sources = tuple(dict.fromkeys(outlet_of(p.report) for p in members))
    conflicts = find_conflicts(members)
    fields = {
        "event_type": etype,
        "sub_event_type": sub,
        "actor1": actor1,
        "actor2": actor2,
        **place,
        "date": when,
        "time_precision": precision,
        "fatalities": figures.acled,
        "fatalities_low": figures.low,
        "fatalities_best": figures.best,
        "fatalities_high": figures.high,
    }
    return Cluster(
        cluster_id=cluster_id_of(report_ids, reports),
        report_ids=report_ids,
        event_type=etype,
        sub_event_type=sub,
        actor1=actor1,
        actor2=actor2,
        country=place["country"],
        admin1=place["admin1"],
        admin2=place["admin2"],
        location=place["location"],
        latitude=place["latitude"],
        longitude=place["longitude"],
        geo_precision=place["geo_precision"],
        date=when,
        time_precision=precision,
        fatalities=figures.acled,
        fatalities_low=figures.low,
        fatalities_best=figures.best,
        fatalities_high=figures.high,
        sources=sources,
        conflicts=conflicts,
        notes=write_notes(fields, len(members), sources, conflicts),
    )


def _reindexed(p: Profile, i: int) -> Profile:
    return replace(p, index=i) if p.index != i else p


def cluster_reports(reports: Sequence[Report]) -> list[Cluster]:
    """Fuse reports into events: one :class:`Cluster` per real-world event.

    Deterministic: the same reports in any order give the same clusters,
    ordered by their earliest report (publication day, then id), the report
    their ``cluster_id`` is derived from. Report ids must be unique.
    """
    by_id: dict[str, Report] = {}
    for r in reports:
        if r.report_id in by_id:
            raise ValueError(f"duplicate report_id {r.report_id!r}")
        by_id[r.report_id] = r
    profiles = [profile_of(r, i) for i, r in enumerate(sorted(reports, key=lambda r: r.report_id))]
    clusters = [build_cluster(members, by_id) for members in group_profiles(profiles)]
    first = {c.cluster_id: min((by_id[r].published or date.max, r) for r in c.report_ids) for c in clusters}
    return sorted(clusters, key=lambda c: first[c.cluster_id])
