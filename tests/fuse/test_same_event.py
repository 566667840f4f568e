"""Same-event rules of cluster_reports on hand-built reports."""

from __future__ import annotations

import hashlib
import random
from datetime import date
from typing import Any

import pytest
from fuse_builders import ALEPPO, north_of, report

from rasid.fuse import Cluster, Report, cluster_reports


def _groups(clusters: list[Cluster]) -> set[frozenset[str]]:
    return {frozenset(c.report_ids) for c in clusters}


def test_one_bombing_two_outlets_different_tolls() -> None:
    a = report("a1", outlet="aawsat", fatalities=15, reported_by="the ministry")
    b = report("b1", outlet="okaz", fatalities=12, actor2=None)
    c = report("c1", outlet="alriyadh", fatalities=15, published=date(2015, 7, 22))
    [cluster] = cluster_reports([a, b, c])
    assert set(cluster.report_ids) == {"a1", "b1", "c1"}
    assert cluster.fatalities == 12  # ACLED: the most conservative figure
    assert (cluster.fatalities_low, cluster.fatalities_best, cluster.fatalities_high) == (12, 15, 15)
    [deaths] = [c for c in cluster.conflicts if c["field"] == "fatalities"]
    given = {(v["value"], v["source"], v["report_id"]) for v in deaths["values"]}
    assert given == {(15, "aawsat citing the ministry", "a1"), (12, "okaz", "b1"), (15, "alriyadh", "c1")}
    assert cluster.sources == ("aawsat", "okaz", "alriyadh")
    assert (cluster.actor1, cluster.actor2) == ("Islamic State", "Civilians (Syria)")
    assert "12 killed (ACLED)" in cluster.notes and "3 reports from 3 sources" in cluster.notes


def test_no_toll_is_not_a_conflicting_toll() -> None:
    [cluster] = cluster_reports([report("a", fatalities=20), report("b", fatalities=0)])
    assert cluster.fatalities == 20 and cluster.fatalities_low == 20
    assert not [c for c in cluster.conflicts if c["field"] == "fatalities"]


@pytest.mark.parametrize(
    ("other", "same"),
    [
        ({"date": "2015-07-21", "published": date(2015, 7, 22)}, True),  # "yesterday" a day off
        ({"date": "2015-07-23"}, False),  # three days later
        ({"date": "2015-07-22", "time_precision": 2}, True),  # same ISO week
        ({"date": "2015-07-27", "time_precision": 2}, False),  # the next week
        ({"date": "2015-07", "time_precision": 3}, True),  # same month
        ({"date": "2015-08", "time_precision": 3}, False),
    ],
)
def test_dates_respect_time_precision(other: dict[str, Any], same: bool) -> None:
    clusters = cluster_reports([report("a"), report("b", **other)])
    assert (len(clusters) == 1) is same


@pytest.mark.parametrize(
    ("km", "precision", "same"),
    [
        (6.0, 1, True),
        (18.0, 1, False),  # two towns 18 km apart are two places
        (18.0, 2, True),  # but "near X" reaches 25 km
        (40.0, 2, False),
    ],
)
def test_distance_respects_geo_precision(km: float, precision: int, same: bool) -> None:
    lat, lon = north_of(ALEPPO, km)
    b = report("b", location="somewhere", latitude=lat, longitude=lon, geo_precision=precision)
    assert (len(cluster_reports([report("a"), b])) == 1) is same


def test_region_level_report_joins_within_its_admin1_only() -> None:
    region: dict[str, Any] = {"location": "Aleppo governorate", "geo_precision": 3, "latitude": 36.0, "longitude": 37.5}
    inside = report("b", **region)
    outside = report("c", **{**region, "admin1": "Idleb", "location": "Idleb governorate"})
    assert _groups(cluster_reports([report("a"), inside, outside])) == {frozenset({"a", "b"}), frozenset({"c"})}


def test_actors_must_agree() -> None:
    a = report("a", actor1="Islamic State", actor2="Military Forces of Syria", event_type="Battles", sub_event_type="Armed clash")
    swapped = report("b", actor1="Military Forces of Syria", actor2="Islamic State", event_type="Battles", sub_event_type="Armed clash")
    one_side = report("c", actor1="Islamic State", actor2=None, event_type="Battles", sub_event_type="Armed clash")
    others = report("d", actor1="SDF: Syrian Democratic Forces", actor2="HTS: Hayat Tahrir al-Sham", event_type="Battles", sub_event_type="Armed clash")
    assert _groups(cluster_reports([a, swapped, one_side, others])) == {
        frozenset({"a", "b", "c"}),
        frozenset({"d"}),
    }


def test_type_families() -> None:
    bomb = report("a")
    battle = report("b", event_type="Battles", sub_event_type="Armed clash")
    arrest = report("c", event_type="Strategic developments", sub_event_type="Arrests")
    abduction = report("d", event_type="Violence against civilians", sub_event_type="Abduction/forced disappearance")
    assert _groups(cluster_reports([bomb, battle, arrest, abduction])) == {
        frozenset({"a", "b"}),
        frozenset({"c"}),
        frozenset({"d"}),
    }


def test_reports_of_one_document_stay_apart_unless_duplicates() -> None:
    a = report("a", doc_id="d1")
    exact_copy = report("b", doc_id="d1")
    unknown_side = report("c", doc_id="d1", actor2=None)  # same event, one side left out
    other_attacker = report("d", doc_id="d1", actor1="Jabhat al-Nusra")
    next_day = report("e", doc_id="d1", date="2015-07-21")
    lat, lon = north_of(ALEPPO, 6.0)
    nearby_town = report("f", doc_id="d1", location="Anadan", latitude=lat, longitude=lon)
    assert _groups(cluster_reports([a, exact_copy, unknown_side, other_attacker, next_day, nearby_town])) == {
        frozenset({"a", "b", "c"}),
        frozenset({"d"}),
        frozenset({"e"}),
        frozenset({"f"}),
    }


def test_other_countries_and_unknown_places_stay_apart() -> None:
    turkey = report("b", country="Turkey", admin1="Sanliurfa", location="Suruc", latitude=36.97, longitude=38.42)
    nowhere = report("c", country=None, admin1=None, location=None, latitude=None, longitude=None, geo_precision=None)
    assert len(cluster_reports([report("a"), turkey, nowhere])) == 3


def test_fused_fields_take_the_most_precise_place_and_date() -> None:
    vague = report("a", location="Aleppo governorate", geo_precision=3, date="2015-07-20", time_precision=2)
    precise = report("b", location="Aleppo", geo_precision=1, date="2015-07-21", time_precision=1)
    [cluster] = cluster_reports([vague, precise])
    assert (cluster.location, cluster.geo_precision) == ("Aleppo", 1)
    assert (cluster.date, cluster.time_precision) == ("2015-07-21", 1)


def test_deterministic_and_ids_stable() -> None:
    reports = [report(f"r{i}", fatalities=i % 4) for i in range(6)]
    reports += [report(f"s{i}", date="2015-07-25", location="Raqqa", admin1="Ar-Raqqa", latitude=35.95, longitude=39.01) for i in range(4)]
    first = cluster_reports(reports)
    shuffled = list(reports)
    random.Random(7).shuffle(shuffled)
    again = cluster_reports(shuffled)
    assert [c.to_dict() for c in first] == [c.to_dict() for c in again]
    for c in first:
        earliest = min(c.report_ids)  # all published the same day: the lowest id
        assert c.cluster_id == "c-" + hashlib.sha1(earliest.encode()).hexdigest()[:12]
    later = report("z9", published=date(2015, 7, 23), date="2015-07-21")
    grown = {c.cluster_id for c in cluster_reports([*reports, later])}
    assert {c.cluster_id for c in first} <= grown


def test_duplicate_report_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        cluster_reports([report("a"), report("a")])


def test_disagreements_on_roles_and_place_are_flagged() -> None:
    lat, lon = north_of(ALEPPO, 4.0)
    a = report("a", outlet="x", actor1="Islamic State", actor2="Military Forces of Syria")
    b = report("b", outlet="y", actor1="Military Forces of Syria", actor2="Islamic State", location="Hanano", latitude=lat, longitude=lon)
    [cluster] = cluster_reports([a, b])
    fields = [c["field"] for c in cluster.conflicts]
    assert fields == ["actor1", "actor2", "location"]
    [place] = [c for c in cluster.conflicts if c["field"] == "location"]
    assert {(v["value"], v["source"]) for v in place["values"]} == {("Aleppo", "x"), ("Hanano", "y")}
    assert "Sources disagree on actor1, actor2, location." in cluster.notes


def test_sparse_records_from_a_store_do_not_break_fusion() -> None:
    sparse = [
        Report("s1", "d1", None, None, {"event_type": "Battles", "sub_event_type": "Armed clash", "country": "Iraq", "date": "2015-07-20"}),
        Report("s2", "d2", None, None, {"event_type": "Battles", "sub_event_type": "Armed clash", "country": "Iraq", "date": "2015-07-20", "fatalities": "4"}),
        Report("s3", "d3", "x", None, {"event_type": "Protests", "sub_event_type": "Peaceful protest", "date": "2014"}),
    ]
    clusters = cluster_reports(sparse)
    assert sum(len(c.report_ids) for c in clusters) == 3
    assert all(c.notes and c.cluster_id.startswith("c-") for c in clusters)
    assert {c.sources for c in clusters if "s3" in c.report_ids} == {("x",)}


def test_only_the_country_in_common_needs_the_same_actors() -> None:
    bare = {"location": None, "admin1": None, "admin2": None, "latitude": None, "longitude": None, "geo_precision": None}
    unknown = [report(f"u{i}", actor1=None, actor2=None, **bare) for i in range(2)]
    named = [report(f"n{i}", **bare) for i in range(2)]
    assert _groups(cluster_reports(unknown + named)) == {
        frozenset({"u0"}),
        frozenset({"u1"}),
        frozenset({"n0", "n1"}),
    }
