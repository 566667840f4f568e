"""Place mentions: gazetteer lookup, descriptors, and disambiguation by the article's context.

Names come from ``data/places.tsv`` (GeoNames, built by ``scripts/build_gazetteer.py``). A name
alone is often ambiguous (الرقة is in Syria and in the UAE, طرابلس in Libya and Lebanon), so
every match first collects its candidates; the article then votes: its dateline, the countries
it names or uses as adjectives, and its unambiguous places. Words around a name say what kind of
place it is and so ACLED's geo_precision: "بلدة X" a town (1), "حي X"/"near X" a part of or a
spot near a town (2), "محافظة X"/"ريف X" a region (3). A village, prison or camp the gazetteer
lacks falls back to the most precise place named around it, never to a country's centroid.

The article's country dominates: a name whose every reading lies in a country the article gives
no other evidence for is dropped once the article has a country of its own, unless it is a large
city or a province named as one (:func:`_in_context`); a village named like a city of millions
does not beat the city. :func:`article_country` exposes the same evidence to other stages. A name
inside an actor's name ("Tahrir" of "Hayat Tahrir al-Sham") is neither a place nor evidence.
A named armed group of one country (HTS, the Houthis) is evidence too: such groups fight at home.
English spells one Arabic name many ways ("Saraqab", "Saraqib"): a capitalised name the exact
lookup misses, after a place word, is looked up by its consonant skeleton (:func:`latin_skeleton`).
Loading is fast because the matcher index is pickled next to the TSV (:func:`write_index`).
"""

from __future__ import annotations

import gc
import hashlib
import logging
import math
import pickle
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from rasid.model import Mention, Place
from rasid.resources import data_path, read_table
from rasid.text.matcher import PhraseMatcher, first_word_variants, word_spans, words_between
from rasid.text.normalize import NormalizedText, normalize_key
from rasid.understand.actors import name_spans
from rasid.understand.countries import country_of_phrase, country_word, find_countries

_log = logging.getLogger(__name__)
FEATURE_RANK = {"city": 0, "admin1": 1, "admin2": 2, "country": 3}
_SENTENCE_END = re.compile(r"[.!?؟\n]|\s[-–—]\s")
_DATELINE_END = re.compile(r"\s*(?:\([^)]{0,40}\)\s*)?[:\-–—،,]")
_ARABIC = re.compile("[\u0600-\u06ff]")
_TANWEEN = re.compile("[\u064b-\u064d]")  # an indefinite noun ("سجنٍ", "صورٍ") is no proper name
# Below this population a place in a country the article gives no other sign of is more likely
# a common word than a village abroad.
MIN_POP_OUT_OF_CONTEXT = 20_000
# ... and outside the Arabic-speaking countries, where GeoNames' Arabic forms are transliterations
# that collide with Arabic words more often.
MIN_POP_OUT_OF_CONTEXT_FOREIGN = 200_000
# Once the article has a country, a name whose every reading lies in a country with no other
# evidence must be a city this large (a capital, a known city) to be read as a place abroad.
MIN_POP_FOREIGN_STRONG = 100_000
# How much a country adjective counts, against a name, as evidence of where the article is set.
ADJECTIVE_SETTING_WEIGHT = 0.25
# A city this large is what its name means, unless the article names the province of a namesake.
MIN_POP_WORLD_CITY = 1_000_000
# The weight of one unambiguous place name as evidence for its country; counted once per name.
PLACE_VOTE = 0.5
# ACLED inter codes of actors that act in their home country: rebels, political and identity militias.
HOME_ACTOR_INTERS = frozenset((2, 3, 4))
# Evidence above which the article is taken to have a country of its own.
CLEAR_COUNTRY = 1.0
ARABIC_SPEAKING = frozenset(("SY", "IQ", "LB", "JO", "PS", "YE", "SA", "AE", "QA", "BH", "KW", "OM", "EG",
                             "LY", "TN", "DZ", "MA", "EH", "MR", "SD", "SO", "DJ", "KM"))


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer row."""

    geonameid: int
    feature: str  # city | admin1 | admin2 | country
    name: str
    cc: str
    country: str
    admin1: str | None
    admin2: str | None
    latitude: float | None
    longitude: float | None
    population: int


@dataclass(frozen=True, slots=True)
class Descriptor:
    phrase: str
    lang: str
    position: str  # before | after
    role: str  # settlement | admin1 | admin2 | region | part | quarter | near | direction
    precision: int
    unknown: bool  # a name the gazetteer lacks after it is still a place


@dataclass
class PlaceContext:
    """What an article says about where it is: evidence weights by country and admin1.

    ``votes`` remembers which country each unambiguous place name voted for, so that a name can be
    judged on the evidence of the *other* names (:meth:`support`): a namesake abroad that only
    vouches for itself, however often repeated, is no evidence that the article is set there.
    """

    countries: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    admin1: defaultdict[tuple[str, str | None], float] = field(default_factory=lambda: defaultdict(float))
    dateline: str | None = None
    votes: dict[str, str] = field(default_factory=dict)  # place key -> the one country it names
    # Adjectives ("الأمريكية", "Iraqi") count in ``countries`` too, but say less about where the
    # article is set than names do: American drones strike in Syria.
    adjectives: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    # Every mention of an unambiguous place, repeats included: where the story keeps returning.
    place_mentions: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))

    def country_score(self, country: str) -> float:
        score = 3.0 if country == self.dateline else 0.0
        return score + min(self.countries.get(country, 0.0), 6.0)

    def support(self, country: str, key: str | None = None) -> float:
        """The country's score without the vote of the place name ``key`` itself."""
        own = PLACE_VOTE if key is not None and self.votes.get(key) == country else 0.0
        return self.country_score(country) - own

    def top_score(self) -> float:
        return max((self.country_score(c) for c in {*self.countries, *([self.dateline] if self.dateline else [])}),
                   default=0.0)

    def top_setting(self) -> float:
        """The best country score with adjectives discounted: "Turkish forces shelled X" says who
        acts, not that the article is set in Turkey, so it does not make a foreign town implausible."""
        pool = {*self.countries, *([self.dateline] if self.dateline else [])}
        return max((self.country_score(c) - self.adjectives.get(c, 0.0) * (1 - ADJECTIVE_SETTING_WEIGHT)
                    for c in pool), default=0.0)

    def setting_score(self, country: str) -> float:
        """Evidence that the article is set in ``country``: its dateline, names, places; adjectives little."""
        score = 3.0 if country == self.dateline else 0.0
        adjectives = self.adjectives.get(country, 0.0)
        return (score + self.countries.get(country, 0.0) - adjectives * (1 - ADJECTIVE_SETTING_WEIGHT)
                + PLACE_VOTE * self.place_mentions.get(country, 0.0))

    def main_country(self) -> str | None:
        """The country the article is set in: the one with the most evidence, if any."""
        pool = {*self.countries, *([self.dateline] if self.dateline else [])}
        if not pool:
            return None
        best = max(sorted(pool), key=self.setting_score)
        return best if self.setting_score(best) > 0 else None

    def admin1_score(self, country: str, admin1: str | None) -> float:
        return min(self.admin1.get((country, admin1), 0.0), 4.0) if admin1 else 0.0


class Gazetteer:
    """Every gazetteer name, indexed for the phrase matcher.

    Entries are kept as plain tuples and built on first use: a pickled index (see
    :func:`write_index`) then loads without creating 31,000 objects a document mostly never needs.
    """

    def __init__(self, rows: Iterable[dict[str, str]], blockers: Iterable[str] = ()) -> None:
        entries: list[Entry] = []
        by_key: dict[str, list[int]] = {}
        taa: set[str] = set()
        haa: set[str] = set()
        for row in rows:
            index = len(entries)
            entries.append(_entry(row))
            names = {row["name"], *row["arabic"].split("|"), *row["english"].split("|")} - {""}
            for name in names:
                key = phrase_key(name)
                if name.endswith("ة"):
                    taa.add(key)
                elif name.endswith("ه"):
                    haa.add(key)
                if key:
                    bucket = by_key.setdefault(key, [])
                    if index not in bucket:
                        bucket.append(index)
        for key, bucket in by_key.items():
            if " " in key:  # "قطاع غزة": the admin1, which still carries its country
                admin_countries = {entries[i].country for i in bucket if entries[i].feature == "admin1"}
                bucket[:] = [i for i in bucket if not (entries[i].feature == "country"
                                                       and entries[i].country in admin_countries)]
        # Multi-word common phrases ("الشرق الأوسط") enter the matcher with no candidates, so the
        # longest match consumes them and no shorter place name inside fires.
        for phrase in blockers:
            key = phrase_key(phrase)
            if " " in key:
                by_key[key] = []
        # Names only ever spelled with a final taa marbuta ("حديثة"): the same letters ending in
        # haa in a text are mostly a noun with the pronoun "his" ("حديثه", "his talk").
        self._setup([_astuple(e) for e in entries], by_key,
                    PhraseMatcher((k, k) for k in sorted(by_key)), frozenset(taa - haa))
        self._cache[:] = entries  # built already

    def _setup(self, rows: list[tuple[Any, ...]], by_key: dict[str, list[int]], matcher: PhraseMatcher[str],
               taa_only: frozenset[str]) -> None:
        self._rows = rows
        self._cache: list[Entry | None] = [None] * len(rows)
        self._ids: dict[int, int] | None = None
        self.by_key = by_key
        self.matcher = matcher
        self.taa_only = taa_only
        # Rows by the skeleton of their Latin names (:func:`latin_skeleton`): from the pickled index,
        # else built on first use.
        self.skeletons: dict[str, tuple[tuple[int, str], ...]] | None = None

    @classmethod
    def from_state(cls, state: tuple[Any, ...]) -> Gazetteer:
        """A gazetteer from :meth:`state` (what the pickled index holds)."""
        gaz = cls.__new__(cls)
        gaz._setup(*state)
        return gaz

    def state(self) -> tuple[Any, ...]:
        return (self._rows, self.by_key, self.matcher, self.taa_only)

    @property
    def entries(self) -> list[Entry]:
        """Every entry, in file order."""
        return [self.entry(i) for i in range(len(self._rows))]

    def entry(self, index: int) -> Entry:
        found = self._cache[index]
        if found is None:
            found = self._cache[index] = Entry(*self._rows[index])
        return found

    def of_feature(self, feature: str) -> Iterator[Entry]:
        """Entries of one feature (city, admin1, admin2, country), without building the others."""
        return (self.entry(i) for i, row in enumerate(self._rows) if row[1] == feature)

    def candidates(self, key: str) -> list[Entry]:
        """Entries named ``key``; an Arabic name written without its article also reads with it.

        Writers drop "ال" freely in headlines ("جيزة" for "الجيزة", "حديدة"), so the entries of the
        definite form are candidates too and the article's context chooses among them.
        """
        found = self.by_key.get(key)
        if found == []:
            return []  # a blocked common phrase
        indices = list(found or ())
        other = article_variant(key)
        if other is not None:
            indices += [i for i in self.by_key.get(other, ()) if i not in indices]
        return [self.entry(i) for i in indices]

    def by_id(self, geonameid: int) -> Entry | None:
        if self._ids is None:
            self._ids = {row[0]: i for i, row in enumerate(self._rows)}
        index = self._ids.get(geonameid)
        return self.entry(index) if index is not None else None


def article_variant(key: str) -> str | None:
    """The Arabic name with the definite article its writer dropped ("جيزة" → "الجيزه"), or None.

    Only this direction: a name written without its article is common in headlines, while a
    definite word whose bare form names a place ("البحري", "القصور") is mostly a common word.
    """
    if not _ARABIC.match(key) or key.startswith("ال") or len(key.split(" ", 1)[0]) < 3:
        return None
    return "ال" + key


def phrase_key(phrase: str) -> str:
    """The normalised word sequence the matcher reports for a phrase."""
    return " ".join(w for _, _, w in word_spans(normalize_key(phrase)))


def _entry(row: dict[str, str]) -> Entry:
    return Entry(
        geonameid=int(row["geonameid"]),
        feature=row["feature"],
        name=row["name"],
        cc=row["cc"],
        country=row["country"],
        admin1=row["admin1"] or None,
        admin2=row["admin2"] or None,
        latitude=float(row["lat"]) if row["lat"] else None,
        longitude=float(row["lon"]) if row["lon"] else None,
        population=int(row["population"] or 0),
    )


# The gazetteer's matcher index, pickled next to the TSV (``write_index``, run by
# ``scripts/build_gazetteer.py``): building it from the 3 MB TSV normalises 140,000 names and
# takes seconds, unpickling it a tenth of a second. The TSV stays the source of truth: the index
# records a hash of every input and is ignored when any of them changed.
INDEX_NAME = "places.index.pickle"
INDEX_FORMAT = 2
_INDEX_INPUTS = ("data/places.tsv", "data/place_regions.tsv", "data/place_stopwords.tsv", "data/english_words.tsv",
                 "text/normalize.py", "text/matcher.py", "understand/places.py")


def index_digest() -> str:
    """A hash of everything the index is computed from: the tables, the normaliser, the matcher and
    this module (any edit here asks for ``scripts/build_gazetteer.py --index-only``; a test checks)."""
    digest = hashlib.sha256(str(INDEX_FORMAT).encode())
    root = resources.files("rasid")
    for name in _INDEX_INPUTS:
        digest.update(name.encode())
        try:
            digest.update(root.joinpath(name).read_bytes())
        except OSError:  # an install without sources: never trust the index, build from the TSV
            return "unverifiable"
    return digest.hexdigest()


def _build_gazetteer() -> Gazetteer:
    # Named regions GeoNames lacks ("الجنوب اللبناني", "Eastern Ghouta") join the GeoNames rows, so the
    # longest match takes the whole name and no shorter word in it ("Eastern") fires on its own.
    rows = [*read_table("places.tsv").rows, *read_table("place_regions.tsv").rows]
    return Gazetteer(rows, (r["word"] for r in read_table("place_stopwords.tsv").rows))


def write_index(path: Path | None = None) -> Path:
    """Pickle the gazetteer's index next to its TSV (or to ``path``); returns where it went."""
    target = path or Path(str(data_path(INDEX_NAME)))
    gaz = _build_gazetteer()
    state = (index_digest(), *gaz.state(), skeleton_table(gaz))
    target.write_bytes(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
    return target


def _astuple(e: Entry) -> tuple[Any, ...]:
    return (e.geonameid, e.feature, e.name, e.cc, e.country, e.admin1, e.admin2, e.latitude, e.longitude,
            e.population)


def _load_index() -> Gazetteer | None:
    """The pickled gazetteer, or None when it is missing or stale."""
    source = data_path(INDEX_NAME)
    if not source.is_file():
        return None
    gc_was_on = gc.isenabled()
    gc.disable()  # a large acyclic structure: collecting while it loads only costs time
    try:
        digest, *state = pickle.loads(source.read_bytes())
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return None
    finally:
        if gc_was_on:
            gc.enable()
    if digest != index_digest() or digest == "unverifiable":
        _log.info("%s is stale: building the gazetteer from places.tsv", INDEX_NAME)
        return None
    *core, skeletons = state
    gaz = Gazetteer.from_state(tuple(core))
    gaz.skeletons = skeletons
    return gaz


@cache
def gazetteer() -> Gazetteer:
    """The package gazetteer, loaded once per process (from the pickled index when it is fresh)."""
    return _load_index() or _build_gazetteer()


@cache
def _descriptors() -> tuple[PhraseMatcher[Descriptor], PhraseMatcher[Descriptor]]:
    before: list[tuple[str, Descriptor]] = []
    after: list[tuple[str, Descriptor]] = []
    for row in read_table("place_descriptors.tsv").rows:
        d = Descriptor(row["phrase"], row["lang"], row["position"], row["role"], int(row["precision"]),
                       row.get("unknown") == "1")
        (before if d.position == "before" else after).append((d.phrase, d))
    return PhraseMatcher(before), PhraseMatcher(after, allow_clitics=False)


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(phrase_key(r["word"]) for r in read_table("place_stopwords.tsv").rows)


# ---------------------------------------------------------------------------------------------
# Disambiguation


def resolve(candidates: Sequence[Entry], context: PlaceContext, prefer: str | None = None,
            settlement: bool = False) -> Entry:
    """The candidate the article most likely means.

    The article's country evidence comes first (dateline, country names and adjectives, its
    unambiguous places), then its provinces, then the kind of place a descriptor asks for
    (``prefer``: a feature), then population. Unless the text calls it a town or village
    (``settlement``), a namesake village of a city of millions is out of the running.
    """
    if not candidates:
        raise ValueError("resolve() needs at least one candidate")

    if not settlement and prefer != "admin2":
        candidates = _without_tiny_namesakes(candidates)
    seats = {(e.country, e.latitude, e.longitude) for e in candidates if e.feature == "admin1"}
    regions = {e.country for e in candidates if e.feature == "admin1"}

    def score(e: Entry) -> tuple[float, float, int]:
        s = 4.0 * context.country_score(e.country) + 1.5 * context.admin1_score(e.country, e.admin1)
        if prefer is not None:
            s += 3.0 if e.feature == prefer else 0.0
            if prefer == "admin2" and e.feature == "admin1":
                s += 1.5
        else:
            s += {"country": 1.6, "city": 1.0, "admin1": 0.9, "admin2": 0.2}[e.feature]
        if e.feature == "city" and e.country in regions and (e.country, e.latitude, e.longitude) not in seats:
            s -= 1.0  # "صلاح الدين" names the province, not a village that shares the name
        s += math.log10(e.population + 10) / 7.0
        return (s, -FEATURE_RANK[e.feature], -e.geonameid)

    return max(candidates, key=score)


def _without_tiny_namesakes(candidates: Sequence[Entry]) -> Sequence[Entry]:
    """Drop villages and districts named like a city of millions ("الرياض" in Kirkuk, in Egypt).

    A reporter who means the village says it is one ("قرية الرياض"); the article's country alone
    does not make "الرياض" a village in Iraq.
    """
    big = max((e.population for e in candidates if e.feature == "city"), default=0)
    if big < MIN_POP_WORLD_CITY:
        return candidates
    return [e for e in candidates if not ((e.feature == "city" and e.population * 100 < big)
                                          or e.feature == "admin2")]


@dataclass
class _Match:
    start: int  # normalised offsets of the name itself
    end: int
    key: str
    candidates: list[Entry]
    before: Descriptor | None = None
    before_start: int | None = None
    after: Descriptor | None = None
    after_end: int | None = None
    chosen: Entry | None = None


def _dateline_country(norm: NormalizedText, matches: Sequence[_Match], context: PlaceContext) -> str | None:
    """The country of a place that opens the article as its dateline ("القامشلي:", "BAGHDAD (Reuters) -")."""
    for m in matches:
        if m.start > 60:
            break
        if _DATELINE_END.match(norm.text, m.end):
            return resolve(m.candidates, context).country
    return None


@cache
def _outlet_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Outlet heads right before a country adjective (Arabic) and right after one (English)."""
    rows = read_table("outlet_heads.tsv").rows
    def alternation(side: str) -> str:
        phrases = sorted({normalize_key(r["phrase"]) for r in rows if r["side"] == side}, key=len, reverse=True)
        return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    # Arabic heads may carry a proclitic: "لوكالة", "وصحيفة".
    return (re.compile(rf"(?<!\w)(?:[وف]?[بل]?)(?:{alternation('before')})\s+\Z"),
            re.compile(rf"\s+(?:{alternation('after')})(?!\w)", re.IGNORECASE))


def build_context(norm: NormalizedText, matches: Sequence[_Match]) -> PlaceContext:
    """Country and province evidence from the whole article."""
    context = PlaceContext()
    before, after = _outlet_patterns()
    for start, end, word in find_countries(norm):
        if word.country.iso2 not in ARABIC_SPEAKING and (
            before.search(norm.text, max(0, start - 40), start) or after.match(norm.text, end)
        ):
            # "وكالة الأنباء الألمانية" reported it: a foreign wire says who told the story, not where it
            # happened (a national agency of the region, "وكالة الأنباء السورية", mostly reports at home).
            continue
        context.countries[word.country.name] += 1.0
        if word.form == "adjective":
            context.adjectives[word.country.name] += 1.0
    # "TRIPOLI, Lebanon (Reuters)": the dateline is read with the countries the article names.
    context.dateline = _dateline_country(norm, matches, context)
    for m in matches:
        countries = {c.country for c in m.candidates}
        if len(countries) == 1 and m.candidates[0].feature != "country":  # names counted above
            country = next(iter(countries))
            context.place_mentions[country] += 1.0
            if m.key not in context.votes:  # a name repeated is one piece of evidence
                context.votes[m.key] = country
                context.countries[country] += PLACE_VOTE
            admin1 = {c.admin1 for c in m.candidates}
            if len(admin1) == 1 and None not in admin1:
                context.admin1[(country, next(iter(admin1)))] += 1.0
    return context


# ---------------------------------------------------------------------------------------------
# Matching


def _gap_is_space(text: str, start: int, end: int) -> bool:
    return start <= end and not text[start:end].strip()


def _descriptor_before(norm: NormalizedText, start: int, lang: str) -> tuple[Descriptor, int] | None:
    """The descriptor that ends right before ``start`` (in the same clause), with its start."""
    before, _ = _descriptors()
    window_start = max(0, start - 40)
    best: tuple[Descriptor, int] | None = None
    for d in before.find(norm.text, window_start, start):
        gap_end = start
        if d.value.lang == "en":  # "the town of X", "near the X"
            if norm.text[d.end:start].strip() in ("", "the"):
                gap_end = d.end
        if _gap_is_space(norm.text, d.end, gap_end) and (best is None or d.start < best[1]):
            best = (d.value, d.start)
    return best


def _descriptor_after(norm: NormalizedText, end: int) -> tuple[Descriptor, int] | None:
    _, after = _descriptors()
    found = after.find(norm.text, end, min(len(norm.text), end + 20))
    if found and _gap_is_space(norm.text, end, found[0].start):
        return found[0].value, found[0].end
    return None


def _acceptable(norm: NormalizedText, m: _Match, key: str) -> bool:
    """Filter junk: common words, tiny names, lower-case English words."""
    is_arabic = bool(_ARABIC.search(key))
    letters = len(key.replace(" ", ""))
    described = m.before is not None or m.after is not None
    if not described and _is_adjective(key):
        return False  # "Somali", "الكردي": an adjective, not the region named like it
    if key in _never_names():
        return False
    if key in _stopwords() and not (described and m.before and m.before.role in ("settlement", "admin1", "admin2")):
        return False
    if not is_arabic:
        at = norm.to_original(m.start, m.end, "expand").start
        if not norm.original[at].isupper() and not (_ARTICLE_THEN_NAME.match(norm.original, at)
                                                    and not _NAME_BEFORE.search(norm.original, max(0, at - 30), at)):
            return False  # "ar-Rastan" is a name; "al-Sham" of "Ahrar al-Sham", "al-Ain" of "Ras al-Ain" no place
        if _first_word_of_longer_name(norm, m) or _last_word_of_longer_name(norm, m):
            return False
        if letters <= 3 and max(c.population for c in m.candidates) < 100_000:
            return False
    else:
        if (letters <= 3 and not described and max(c.population for c in m.candidates) < 50_000
                and not any(c.feature == "country" for c in m.candidates)):
            return False  # a short village name is often a word; a country ("مصر") is not
        bounds = _original_bounds(norm, m.start, m.end)
        if _TANWEEN.search(norm.original, *bounds):
            return False
        if (not described and key in gazetteer().taa_only and _last_letter(norm.original, *bounds) == "ه"
                and max(c.population for c in m.candidates) < MIN_POP_FOREIGN_STRONG):
            return False  # "حديثه" (his talk) is not Haditha, written "حديثة"
    return True


# A name whose Arabic article English writes in lower case: "ar-Rastan", "al-Bayda".
_ARTICLE_THEN_NAME = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|an|ed|er|es|esh|et|ez|en)-[A-Z]")
_NAME_BEFORE = re.compile(r"[A-Z][\w']*[ \t-]+$")
# The next word continues a name: capitalised ("Khan Shaykun"), hyphen-joined ("Jisr-Ash-Shugur"),
# or an Arabic article written in lower case ("Jisr ash-Shugur", "Tal al-Abyad").
_NEXT_NAME_WORD = re.compile(r"(?:-|[ \t]+)(?:[A-Z][a-z]|[a-z]{1,3}-[A-Za-z])")
_HYPHENED_NAME = re.compile(r"-[A-Z]")


@cache
def _direction_words() -> frozenset[str]:
    """English direction adjectives ("Eastern", "southern") from the descriptor table."""
    return frozenset(r["phrase"] for r in read_table("place_descriptors.tsv").rows
                     if r["lang"] == "en" and r["role"] == "direction" and " " not in r["phrase"])


def _first_word_of_longer_name(norm: NormalizedText, m: _Match) -> bool:
    """Whether an English match is only the first word of a longer capitalised name.

    "Eastern Ghota", "Western Ghariyeh": a direction word names a province ("Eastern", in Saudi
    Arabia, Ghana, Zambia) only on its own; "Jisr-Ash-Shugur", "Khan Shaykun": a hyphen-joined or
    capitalised next word continues a village's name, unless the match is a sizeable town
    ("Aleppo City", "Tal Afar"-style longer names are in the gazetteer and matched whole).
    """
    span = norm.to_original(m.start, m.end, "expand")
    text = norm.original
    follows = _NEXT_NAME_WORD.match(text, span.end)
    if follows is None:
        return False
    if m.key in _direction_words():
        return True
    if " " in m.key or m.after is not None:
        return False
    if _HYPHENED_NAME.match(text, span.end):
        return True
    # A district named like the first word ("Sheikh" of "Sheikh Issa") is no more likely than a village.
    return max(c.population for c in m.candidates) < MIN_POP_FOREIGN_STRONG and not any(
        c.feature in ("admin1", "country") for c in m.candidates)


_PREVIOUS_NAME_WORD = re.compile(r"(?<![.!?:;,]\s)(?<![.!?:;,])\b([A-Z][a-z]+)[ \t]+$")


def _last_word_of_longer_name(norm: NormalizedText, m: _Match) -> bool:
    """Whether an English one-word match ends a longer capitalised name ("Sheikh Isa", "Tal Silmo").

    The name before it is another place (or a person) that the gazetteer lacks, not the village
    abroad named like its last word. A direction or country word before it ("Eastern", "Syrian"),
    a word opening the sentence, or a sizeable town or province keeps the match.
    """
    if " " in m.key:
        return False
    span = norm.to_original(m.start, m.end, "expand")
    text = norm.original
    before = _PREVIOUS_NAME_WORD.search(text, max(0, span.start - 30), span.start)
    if before is None or before.start(1) == 0:
        return False
    word = before.group(1)
    if word.lower() in _direction_words() or _country_word(word.lower()):
        return False
    if _descriptors()[0].get(word) is not None:
        return False  # "Province Aleppo"-style headings
    return max(c.population for c in m.candidates) < MIN_POP_FOREIGN_STRONG and not any(
        c.feature != "city" for c in m.candidates)


@cache
def _is_adjective(key: str) -> bool:
    found = country_word(key)
    return found is not None and found.form == "adjective" and not _names_country(key)


def _names_country(key: str) -> bool:
    """Whether a key is also a country's name ("سورية" is both the name and the adjective)."""
    return any(e.feature == "country" for e in gazetteer().candidates(key))


def _last_letter(text: str, start: int, end: int) -> str:
    """The last Arabic letter of ``text[start:end]`` (diacritics and marks skipped)."""
    for ch in reversed(text[start:end]):
        if "\u0621" <= ch <= "\u064a":
            return ch
    return ""


def _original_bounds(norm: NormalizedText, start: int, end: int) -> tuple[int, int]:
    span = norm.to_original(start, end, "expand")
    return span.start, span.end


def _in_context(m: _Match, context: PlaceContext, lang: str = "ar") -> bool:
    """Whether a match is plausible given the article's countries.

    A reading in a country the article gives other evidence for is always plausible. Once the
    article has a clear country, a name all of whose readings lie elsewhere needs strong evidence
    of its own: a large city (MIN_POP_FOREIGN_STRONG), or a province named as one ("ولاية X").
    A descriptor alone is not enough ("منطقة جميلة" in a Baghdad story is a Baghdad district, not
    an Algerian one): such a name falls back to an unknown place inside the article's country.
    Without any country evidence, descriptors and population floors decide (MIN_POP_OUT_OF_CONTEXT).
    """
    if any(c.feature == "country" for c in m.candidates):
        return True
    if any(context.support(c.country, m.key) >= PLACE_VOTE for c in m.candidates):
        return True
    # English capitalises names, so a town's name is seldom a common word there, and its nationality
    # adjectives mostly qualify actors ("Turkish forces shelled Afrin"): they count for little. Arabic
    # place names collide with common words ("الشامية"), which only the article's country filters out.
    # A namesake outside the region whose names English transliterates ("Eastern Region" in Togo,
    # "Sheikh" in Somalia) still meets the adjectives' full weight.
    regional = all(c.cc in TRANSLITERATED for c in m.candidates)
    clear = context.top_setting() if lang == "en" and regional else context.top_score()
    if clear >= CLEAR_COUNTRY:
        for c in m.candidates:
            if c.feature == "city" and c.population >= MIN_POP_FOREIGN_STRONG:
                return True
            if c.feature == "admin1" and _role(m) == "admin1":
                return True
            if c.geonameid < 0:
                return True  # a named region (place_regions.tsv): never a common word or a namesake
        return False
    if m.before is not None or m.after is not None:
        return True
    for c in m.candidates:
        if c.feature != "city":
            return True
        floor = MIN_POP_OUT_OF_CONTEXT if c.cc in ARABIC_SPEAKING else MIN_POP_OUT_OF_CONTEXT_FOREIGN
        if c.population >= floor:
            return True
    return False


_last_raw: tuple[str, str, list[_Match]] = ("", "", [])


def _raw_matches(norm: NormalizedText, lang: str) -> list[_Match]:
    """Gazetteer matches with their descriptors; the last document's are kept for the next caller
    (the actor stage asks for the article's country, then the places stage for its places)."""
    global _last_raw
    cached = _last_raw  # one read: another thread may replace it meanwhile
    if cached[0] is norm.text and cached[1] == lang:
        return [replace(m) for m in cached[2]]
    found = _find_raw_matches(norm, lang)
    _last_raw = (norm.text, lang, found)
    return [replace(m) for m in found]


def _find_raw_matches(norm: NormalizedText, lang: str) -> list[_Match]:
    gaz = gazetteer()
    out: list[_Match] = []
    actor_names = name_spans(norm)
    for pm in gaz.matcher.find(norm.text):
        if _inside_actor_name(pm.start, pm.end, actor_names):
            continue
        key = pm.value
        if pm.clitic.endswith("ال") and not key.startswith("ال"):
            # "والبحري", "القصور": the matcher took the article off a word whose bare form names a
            # place; a definite word is then an adjective or a common noun, unless the place's own
            # name carries the article too.
            if "ال" + key not in gaz.by_key:
                continue
            key = "ال" + key
            start = pm.start - 2  # the article belongs to the name
        else:
            start = pm.start
        m = _Match(start, pm.end, key, gaz.candidates(key))
        if not m.candidates:
            continue  # a blocked common phrase
        found = _descriptor_before(norm, start, lang)
        if found:
            m.before, m.before_start = found
            outer = _descriptor_before(norm, found[1], lang)
            if outer and found[0].role == "settlement" and outer[0].role in ("near", "direction", "part", "region"):
                m.before, m.before_start = outer[0], outer[1]  # "قرب مدينة X": near a town
        found_after = _descriptor_after(norm, pm.end)
        if found_after:
            m.after, m.after_end = found_after
        if _acceptable(norm, m, key) and not (lang == "en" and _reads_as_person(norm, m)):
            out.append(m)
    return out


# ---------------------------------------------------------------------------------------------
# English transliterations: one Arabic name is written "Saraqib", "Saraqab" and "Sraqeb"


@cache
def _latin_articles() -> frozenset[str]:
    """The Arabic article as English writes it ("al-Bahra", "ash-Shugur", "el-Sobol"): no part of a skeleton."""
    return frozenset(r["word"] for r in read_table("english_words.tsv").rows if r["role"] == "arabic_article")


_LATIN_WORD = re.compile(r"[a-z]+")
_VOWELS = re.compile(r"[aeiouy]+")
_DOUBLES = re.compile(r"(.)\1+")
# Countries whose English place names are transliterations of Arabic, Persian or Hebrew names and so
# vary in their vowels; elsewhere a fuzzy spelling is more likely another name.
TRANSLITERATED = ARABIC_SPEAKING | {"IR", "TR", "IL"}
# Consonants a skeleton needs to be looked up (three name too many places), and without a place
# descriptor around the name (a locative word only).
MIN_SKELETON = 4
MIN_SKELETON_BARE = 5
# The longest name tried, in words ("Wadi al Abu Jubarah"): keeps a run of capitals linear to scan.
MAX_NAME_WORDS = 5


@lru_cache(maxsize=1 << 14)
def latin_skeleton(name: str, keep_vowels: bool = False) -> str:
    """A transliterated name reduced to what every spelling of it shares.

    English renders short vowels and the long ones as it likes ("Jandairis"/"Jindayris",
    "Kafr Zeita"/"Kafr Zayta", "Hamouriya"/"Hammuriyah"), writes or drops the article and the ayn
    ("Ras al-Ain"/"Ras al Ayn", "Izra'"), doubles letters or not, and writes qaf as q or k, ghayn
    as gh or g. The skeleton keeps the consonants, in order, without the article's word, vowels,
    y, a final h, doubled letters or word breaks: "Saraqab" and "Saraqib" are both "srkb". A name
    ending on a vowel is marked so ("Hamouriya", "Hammuriyah": "hmr-").
    """
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("'", "")
    words = _LATIN_WORD.findall(text)
    kept = [w for w in words if w not in _latin_articles()] or words
    out = []
    for w in kept:
        w = w.replace("q", "k").replace("gh", "g").replace("ou", "u")
        if len(w) > 2 and w.endswith("h") and w[-2] in "aeiy":
            w = w[:-1]  # "Hamah", "Izzah", "-iyeh": the taa marbuta
        out.append(_VOWELS.sub("V" if keep_vowels else "", w))
    if keep_vowels:
        return _DOUBLES.sub(r"\1", "".join(out))
    # Whether the name ends on a vowel: "Kafr Zeita" is not "Kafr az Zayyat", though both are "kfrzt".
    end = "-" if kept and kept[-1][-1:] in "aeiouy" else ""
    return _DOUBLES.sub(r"\1", "".join(out)) + end


def _skeleton_index() -> dict[str, tuple[tuple[int, str], ...]]:
    """The package gazetteer's skeleton table (:func:`skeleton_table`), built once."""
    gaz = gazetteer()
    if gaz.skeletons is None:
        gaz.skeletons = skeleton_table(gaz)
    return gaz.skeletons


def skeleton_table(gaz: Gazetteer) -> dict[str, tuple[tuple[int, str], ...]]:
    """(row, Latin name) pairs by the name's skeleton, for the rows of transliterating countries."""
    index: dict[str, set[tuple[int, str]]] = defaultdict(set)
    for key, rows in gaz.by_key.items():
        if not rows or not key.isascii():
            continue
        skeleton = latin_skeleton(key)
        if len(skeleton.rstrip("-")) < MIN_SKELETON:
            continue
        for i in rows:
            row = gaz._rows[i]
            if row[3] in TRANSLITERATED and row[1] != "country":
                index[skeleton].add((i, key))
    return {k: tuple(sorted(v)) for k, v in index.items()}


def latin_pattern(name: str) -> str:
    """:func:`latin_skeleton` with each run of vowels kept as one mark: where the vowels fall.

    "Kafr Zeita" and "Kafr Zayta" share it ("kVfrzVtV"); "Tal Shayr" and "Tal Shahar", which share
    a skeleton, do not: a vowel between two consonants is seldom dropped by one writer alone.
    """
    return latin_skeleton(name, keep_vowels=True)


# A run of name words: capitalised words, and lower-case articles joined to the next ("al-Bahra");
# words in capitals are headings or acronyms, which the exact lookup reads.
_NAME_RUN = re.compile(r"(?:\b(?:[a-z]{1,3}-)?[A-Z][a-z'][\w']*(?:[ \t-]+|(?=[^\w'])|$))+")
_LOCATIVE_RIGHT_BEFORE = re.compile(
    r"\b(?:in|near|at|outside|around|into|inside|towards?|on|from|of|between|and|to)\s+(?:the\s+)?$", re.IGNORECASE)


def _transliterated_matches(norm: NormalizedText, found: Sequence[_Match], context: PlaceContext,
                            lang: str) -> list[_Match]:
    """English names the gazetteer spells otherwise, found by their :func:`latin_skeleton`.

    Only where the text says a place is meant: a place descriptor around the name ("the town of
    Saraqab", "Saqba city") or a locative word right before it ("in Jandairis", "south of Ras
    al-Ain"). The longest run of name words whose skeleton is known wins; a name the exact lookup
    already found, an actor's name, a person's or a stopword is left alone. A skeleton is weaker
    evidence than a spelling, so the article's own evidence filters its readings
    (:func:`_fitting_readings`).
    """
    text = norm.original
    actor_names = name_spans(norm)
    index = _skeleton_index()
    gaz = gazetteer()
    taken = [(m.start, m.end) for m in found]
    out: list[_Match] = []
    for run in _NAME_RUN.finditer(text):
        words = [(w.start() + run.start(), w.end() + run.start()) for w in re.finditer(r"[\w']+", run.group(0))]
        i = 0
        while i < len(words):
            hit = None
            for j in range(min(len(words), i + MAX_NAME_WORDS), i, -1):
                start, end = words[i][0], words[j - 1][1]
                if text[start].islower() and (j - i == 1 or not text[start:end].split("-", 1)[0].isalpha()):
                    continue
                if text[words[j - 1][0]:words[j - 1][1]].lower() in _latin_articles():
                    continue  # "Khan al" of "Khan al-Sabeel": a name does not end on its article
                skeleton = latin_skeleton(text[start:end])
                rows = index.get(skeleton)
                if rows and len(skeleton.rstrip("-")) >= MIN_SKELETON:
                    hit = (j, start, end, skeleton, rows)
                    break
            if hit is None:
                i += 1
                continue
            j, start, end, skeleton, rows = hit
            i = j
            n_start, n_end = _normalized_bounds(norm, start, end)
            if n_start is None or n_end is None or any(s < n_end and n_start < e for s, e in taken):
                continue
            if _inside_actor_name(n_start, n_end, actor_names):
                continue
            key = phrase_key(text[start:end])
            if key in _stopwords() or key in _never_names() or _country_word(key) or key in gaz.by_key:
                continue
            written = text[start:end]
            # A reading in a country no word of the article points to needs its vowels where the
            # text has them ("Tal Shayr" is not "Tal Shahar", "Abul Kusour" not "Balikesir").
            pattern = latin_pattern(written)
            rows = tuple((r, k) for r, k in rows if context.country_score(gaz.entry(r).country) > 0
                         or latin_pattern(k) == pattern)
            readings = _fitting_readings(list({r: gaz.entry(r) for r, _ in rows}.values()), context)
            if not readings:
                continue
            m = _Match(n_start, n_end, "~" + skeleton, readings)
            described = _descriptor_before(norm, n_start, lang)
            if described:
                m.before, m.before_start = described
            described_after = _descriptor_after(norm, n_end)
            if described_after:
                m.after, m.after_end = described_after
            if m.before is None and m.after is None:
                if len(skeleton.rstrip("-")) < MIN_SKELETON_BARE or not _LOCATIVE_RIGHT_BEFORE.search(text, max(0, start - 30), start):
                    continue
                if _reads_as_person(norm, m):
                    continue
            taken.append((n_start, n_end))
            out.append(m)
    return out


def _fitting_readings(candidates: Sequence[Entry], context: PlaceContext) -> list[Entry]:
    """The readings of a skeleton that agree with the article: in a country it is set in (adjectives
    count little: "Turkish forces shelled Tubal"), and inside a province it names, if it names one
    of that country ("Qashaan ... of Al-Jawf" is no town of Al Mahrah)."""
    countries = {c.country for c in candidates if context.setting_score(c.country) >= PLACE_VOTE}
    kept = [c for c in candidates if not countries or c.country in countries]
    provinces = {(country, admin1) for (country, admin1), weight in context.admin1.items() if weight > 0}
    named = {country for country, _ in provinces}
    return [c for c in kept if c.country not in named or (c.country, c.admin1) in provinces]


def _normalized_bounds(norm: NormalizedText, start: int, end: int) -> tuple[int | None, int | None]:
    """Normalised offsets of an original span (English text keeps its length, so mostly the same)."""
    if len(norm.text) == len(norm.original):
        return start, end
    # A word lies inside the span when its first character starts at or after ``start`` and its last
    # ends by ``end``: both tests are monotone in the offsets, so two bisections bound the words.
    first, last = bisect_left(norm.starts, start), bisect_right(norm.ends, end)
    found = [(s, e) for s, e, _ in words_between(norm.text, 0, len(norm.text)) if s >= first and e <= last]
    if not found:
        return None, None
    return found[0][0], found[-1][1]


def _inside_actor_name(start: int, end: int, names: Sequence[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` lies wholly inside an actor's name (``names`` sorted by start).

    "Hayat Tahrir al-Sham", "Sinai Province", "الدولة الإسلامية في العراق": a place word in a
    group's name says who acts, not where; it is neither a place of the event nor evidence of
    where the article is set. A longer place name that contains the actor's stays a place.
    """
    for a_start, a_end in names:
        if a_start > start:
            return False
        if end <= a_end:
            return True
    return False


# ---------------------------------------------------------------------------------------------
# English person names ("said Ahmad Khalil" is a man, not the Kuwaiti town of Ahmad)

_PERSON_LEXICON = "models/ner_en.lexicon.tsv"  # the English tagger's word lists (ner_en.weak.lexicon)
# Words right before a name that say it is a place: "in X", "near X", "north of X", "town of X".
_LOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:in|near|at|outside|around|across|into|inside|towards?|of)\s+(?:the\s+)?)$", re.IGNORECASE)
# "of" is locative only after a direction or a kind of place ("north of X", "city of X"), not "son of X".
_LOCATIVE_OF = re.compile(
    r"\b(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?|outskirts|"
    r"town|village|city|province|governorate|district|region|area|countryside|suburbs?|centre|center|"
    r"edge|heart|streets|residents|people|governor|mayor)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z'-]*)[.,]?\s+$")
_CAPITALISED = re.compile(r"[A-Z][a-z]+(?:['-][A-Za-z]+)*")
_NAME_JOINERS = frozenset(("bin", "ibn", "bint", "al", "el", "abu", "abd", "ould"))


@cache
def _person_words() -> dict[str, frozenset[str]]:
    """Given names, titles, speech verbs and organisation/place heads from the English tagger's lexicon."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for row in read_table(_PERSON_LEXICON).rows:
        kinds[row["kind"]].add(row["word"])
    return {k: frozenset(v) for k, v in kinds.items()}


def _reads_as_person(norm: NormalizedText, m: _Match) -> bool:
    """Whether a one-word English place name is here a person's name, with no locative evidence.

    A person context is a title before it ("Gen. X", "spokesman X", "said X"), a capitalised name
    around it that ends before a speech verb ("X Khalil said") or holds a given name or a name
    particle ("Hussein bin Ali"), or the word being a common given name. Strong locative evidence
    overrides it: a place descriptor ("town of X", "X province"), a locative word right before the
    name ("in X", "north of X"), or the article's dateline. A bare given name with no other person
    context stays a place when one of its readings is a province or a city of millions ("Aden").
    """
    if " " in m.key or _ARABIC.search(m.key):
        return False
    span = norm.to_original(m.start, m.end, "expand")
    text = norm.original
    word = text[span.start:span.end]
    if not _CAPITALISED.fullmatch(word):
        return False  # "ADEN (Reuters) -": a dateline in capitals
    if m.before is not None or m.after is not None:
        return False
    head = text[max(0, span.start - 60):span.start]
    if _LOCATIVE_BEFORE.search(head) and ((not head.rstrip().lower().endswith("of")
                                          and not re.search(r"\bof\s+the\s+$", head, re.IGNORECASE))
                                          or _LOCATIVE_OF.search(head)):
        return False
    if span.start <= 60 and not re.search("[a-z]", text[:span.start]) and _DATELINE_END.match(text, span.end):
        return False  # the dateline: "Aden, Yemen -"
    lex = _person_words()
    given = word in lex.get("given_name", frozenset())
    person = _person_context(text, span.start, span.end, lex)
    if not person:
        if not given:
            return False
        return not any(c.feature in ("admin1", "country")
                       or (c.feature == "city" and c.population >= MIN_POP_WORLD_CITY) for c in m.candidates)
    return True


def _person_context(text: str, start: int, end: int, lex: dict[str, frozenset[str]]) -> bool:
    """Whether the name at ``text[start:end]`` stands where a person's name does."""
    titles = lex.get("title", frozenset())
    verbs = lex.get("speech_verb", frozenset())
    given = lex.get("given_name", frozenset())
    heads = lex.get("org_head", frozenset()) | lex.get("loc_head", frozenset())
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is not None and before.group(1) in titles:
        return True  # "Gen. X", "spokesman X", "said X"
    # The capitalised words around the name, on the same line and without punctuation between.
    words: list[str] = []
    pos = end
    while True:
        nxt = re.compile(r"[ \t]+(" + _CAPITALISED.pattern + r"|" + "|".join(_NAME_JOINERS) + r")\b").match(text, pos)
        if nxt is None:
            break
        words.append(nxt.group(1))
        pos = nxt.end()
    while words and words[-1].lower() in _NAME_JOINERS:
        pos -= len(words.pop()) + 1
    earlier: list[str] = []
    back = start
    while True:
        prev = re.search(r"(" + _CAPITALISED.pattern + r")[ \t]+$", text[max(0, back - 40):back])
        if prev is None:
            break
        back = back - len(prev.group(0))
        head = text[max(0, back - 3):back]
        if not head.strip() or re.search(r"[.!?:\n]\s*$", head):
            if prev.group(1) in given:  # "Ahmad Khalil said": a sentence may open with a name
                earlier.insert(0, prev.group(1))
            break  # the first word of a sentence is capitalised anyway
        earlier.insert(0, prev.group(1))
    sequence = [*earlier, *words]
    if not sequence or any(w in heads for w in sequence):
        return False  # "Manbij Military Council": an organisation named after the place
    after = re.match(r"[ \t]*+(?:,[ \t]*+)?([a-z]+)\b", text[pos : pos + 200])  # not [ \t]*,?[ \t]*: cubic
    if words and after is not None and after.group(1) in verbs:
        return True  # "X Khalil said"
    return any(w in given or w.lower() in _NAME_JOINERS for w in sequence)


def _role(m: _Match) -> str | None:
    described = m.after or m.before
    return described.role if described is not None else None


def _prefer(m: _Match) -> str | None:
    role = _role(m)
    return {"admin1": "admin1", "admin2": "admin2", "settlement": "city", "part": "city", "quarter": "city",
            "near": "city"}.get(role or "")


def _precision(m: _Match, entry: Entry) -> int:
    if entry.feature == "country":
        return 3  # ACLED codes an event known only by its country at the largest region: 3
    role = m.after.role if m.after is not None else (m.before.role if m.before else None)
    if entry.feature in ("admin1", "admin2") or role in ("region", "admin1", "admin2"):
        return 3
    if role in ("part", "quarter", "near", "direction"):
        return 2
    if m.before is not None and m.before.role == "settlement":
        return m.before.precision
    return 1


def _place(entry: Entry, precision: int, region: bool) -> Place:
    """A Place for an entry; a region mention takes its province's capital coordinates."""
    if entry.feature == "country":
        return Place(entry.name, entry.country, None, None, None, None, precision)  # no point for a country
    if region and entry.feature == "city" and entry.admin1:
        capital = _admin1_entry(entry.country, entry.admin1)
        if capital is not None and capital.latitude is not None:
            return Place(capital.name, entry.country, entry.admin1, None, capital.latitude,
                         capital.longitude, precision)
    admin2 = entry.admin2 if entry.feature in ("city", "admin2") else None
    return Place(entry.name, entry.country, entry.admin1, admin2, entry.latitude, entry.longitude, precision)


@cache
def _admin1_index() -> dict[tuple[str, str], Entry]:
    return {(e.country, e.name): e for e in gazetteer().of_feature("admin1")}


def _admin1_entry(country: str, admin1: str) -> Entry | None:
    return _admin1_index().get((country, admin1))


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, pos):
        start = m.end()
    nxt = _SENTENCE_END.search(text, pos)
    return start, nxt.start() if nxt else len(text)


def _unknown_name(norm: NormalizedText, start: int, limit: int, lang: str) -> tuple[int, int] | None:
    """One or two words after a descriptor that name a place the gazetteer lacks."""
    text = norm.text
    words = word_spans(text[start:limit])
    stop = _stopwords()
    before, _ = _descriptors()
    taken: list[tuple[int, int]] = []
    if words and _ARABIC.search(words[0][2]) and not _could_start_name(words[0][2]):
        return None
    for ws, we, w in words[:2]:
        s, e = ws + start, we + start
        if taken and not _gap_is_space(text, taken[-1][1], s):
            break
        if w.isdigit() or w in _FUNCTION_WORDS or (taken and (w in stop or before.get(w) is not None)):
            break
        if any(before.get(form) is not None for form, n in first_word_variants(w) if n):
            break  # "مدينة وريف X", "ناحتة بريف X": a descriptor with a clitic starts the next place
        if taken and _country_word(w):
            break  # "مدينة سوروتش التركية": the adjective is not part of the name
        if lang == "en" or not _ARABIC.search(w):
            if not norm.original[norm.to_original(s, e, "expand").start].isupper():
                break
        elif taken and w[0] in "وبلف" and len(w) > 3 and gazetteer().matcher.find(w):
            break  # "غويران بالحسكة": the second word is the enclosing place
        taken.append((s, e))
        if not _ARABIC.search(w) and len(taken) < 2:
            continue
        if _ARABIC.search(w) and not w.startswith("ال") and len(taken) == 1:
            continue  # "عيتا الشعب": a bare first word often takes a second
        break
    if not taken:
        return None
    return taken[0][0], taken[-1][1]


def _could_start_name(word: str) -> bool:
    """Whether an Arabic word may open a place name the gazetteer lacks.

    Not a word the stoplist marks ``never`` ("سجن عشر سنوات", "ساحة المعركة"), nor one carrying a
    preposition or conjunction before an article or a function word ("مخيم للنازحين",
    "شارع والاتحاد", "ساحة لهذا"): names do not start so.
    """
    if word in _never_names():
        return False
    if word.startswith("لل"):
        return False
    if word[0] in "ولبف" and len(word) > 3:
        rest = word[1:]
        if rest.startswith("ال") or rest in _FUNCTION_WORDS or rest in _never_names():
            return False
    return True


@cache
def _never_names() -> frozenset[str]:
    return frozenset(phrase_key(r["word"]) for r in read_table("place_stopwords.tsv").rows
                     if r.get("scope") == "never")


def _country_word(word: str) -> bool:
    return country_of_phrase(word) is not None


_FUNCTION_WORDS = frozenset(phrase_key(w) for w in (
    "في", "من", "الى", "على", "عن", "مع", "التي", "الذي", "حيث", "بعد", "قبل", "خلال", "منذ", "بين", "ان",
    "التابع", "التابعة", "الواقع", "الواقعة", "و", "او", "ثم", "قد", "لا", "ما", "هذا", "هذه", "ذلك", "تلك",
    "قريب", "قريبه", "صغير", "صغيره", "كبير", "كبيره", "جديد", "جديده", "قديم", "قديمه", "اخر", "اخري",
    "يقع", "تقع", "كان", "كانت", "هو", "هي", "الذين", "عدد", "كل", "بعض", "نفسه", "نفسها",
    "the", "of", "in", "on", "at", "and", "or", "a", "an", "to", "from", "by", "with", "near",
))


def find_places(norm: NormalizedText, lang: str, actors: Sequence[Mention] = ()) -> tuple[Mention, ...]:
    """Every place named in the text, resolved against the gazetteer and the article's context.

    ``actors`` are the actor stage's mentions: a named armed group of one country (HTS, the
    Houthis) fights at home, so its country is evidence of where the article is set.
    """
    matches = _raw_matches(norm, lang)
    context = build_context(norm, matches)
    _add_actor_evidence(context, actors)
    if lang == "en":  # after the context: a spelling variant is no evidence of where the article is set
        matches = sorted([*matches, *_transliterated_matches(norm, matches, context, lang)], key=lambda x: x.start)
    main = context.main_country()
    matches = [m for m in matches if _in_context(m, context, lang)]
    mentions: list[Mention] = []
    resolved: list[tuple[_Match, Entry]] = []
    for m in matches:
        if m.before is not None and m.before.role == "quarter" and m.after is None:
            continue  # "حي الزهور": a neighbourhood, even if some village shares its name
        prefer = _prefer(m)
        entry = resolve(m.candidates, context, prefer, settlement=_role(m) == "settlement")
        province = _named_province(norm, m, matches, context) if entry.feature == "city" else None
        if province is not None and (province.country, province.admin1) != (entry.country, entry.admin1):
            inside = [c for c in m.candidates if c.country == province.country and c.admin1 == province.admin1]
            if not inside:
                mentions.append(_inside_province(norm, m, province, main))
                continue
            entry = resolve(inside, context, prefer, settlement=_role(m) == "settlement")
        m.chosen = entry
        resolved.append((m, entry))
        countries = {c.country for c in m.candidates}
        confidence = 0.9 if len(countries) == 1 else 0.7 if context.country_score(entry.country) else 0.5
        precision = _precision(m, entry)
        region = (m.before is not None and m.before.role == "region") or (m.after is not None and m.after.role == "region")
        start = m.before_start if m.before_start is not None else m.start
        end = m.after_end if m.after_end is not None else m.end
        span = norm.to_original(start, end, "expand")
        name_span = norm.to_original(m.start, m.end, "expand")
        mentions.append(Mention(
            kind="place", span=span, text=span.text_of(norm.original), canonical=entry.name,
            confidence=confidence,
            attrs={"place": _place(entry, precision, region), "geonameid": entry.geonameid,
                   "feature": entry.feature, "name_span": name_span,
                   "descriptor": _role(m), "article_country": main},
        ))
    for extra in _unknown_places(norm, lang, resolved, context):
        mentions.append(Mention(extra.kind, extra.span, extra.text, extra.canonical, extra.confidence,
                                attrs={**extra.attrs, "article_country": main}))
    mentions.sort(key=lambda x: (x.span.start, x.span.end))
    return tuple(mentions)


def _add_actor_evidence(context: PlaceContext, actors: Sequence[Mention]) -> None:
    """Count the home country of each named non-state actor once, as one place name counts.

    Rebels, militias and identity groups (ACLED inter 2-4) act in their own country; state forces
    and external actors often abroad (Turkish jets over Afrin), so they are left out.
    """
    seen: set[str] = set()
    for m in actors:
        if m.kind != "actor" or not m.attrs.get("named") or m.canonical is None or m.canonical in seen:
            continue
        country = m.attrs.get("country")
        if isinstance(country, str) and country and m.attrs.get("inter") in HOME_ACTOR_INTERS:
            seen.add(m.canonical)
            context.countries[country] += PLACE_VOTE


# How far after a town's name the province it is said to lie in may be named ("بولاق الدكرور -a
# parenthesis of a few words- بمحافظة الجيزة", "X, in Y province").
PROVINCE_WINDOW = 90
_BARE_PROVINCE_GAP = re.compile(r"\s+(?:of|in)\s+(?:the\s+)?")
_IN_OR_OF = re.compile(r"\b(?:in|of)\s+(?:the\s+)?$")
_CLAUSE_BREAK = re.compile(r"[,،;؛]|\b(?:and|while|but)\b|(?<!\S)(?:و|بينما|فيما|كما|ثم)(?!\S)")


def _named_province(norm: NormalizedText, m: _Match, matches: Sequence[_Match],
                    context: PlaceContext) -> Entry | None:
    """The province named as such right after a town ("X بمحافظة Y", "X in Y province"), if any.

    The reporter's own statement of where a town lies outweighs the gazetteer's reading of a name
    that is often only the first word of a longer one ("بولاق" of "بولاق الدكرور" in Giza is not
    Cairo's Bulaq). Only the next place named, in the same sentence, with no place between.
    """
    _, s_end = _sentence_bounds(norm.text, m.end)
    later = [x for x in matches if x.start >= m.end and x.start < s_end]
    if not later:
        return None
    nxt = min(later, key=lambda x: x.start)
    start = nxt.before_start if nxt.before_start is not None else nxt.start
    if start - m.end > PROVINCE_WINDOW or _CLAUSE_BREAK.search(norm.text, m.end, start):
        return None  # "في حي الشعب شمالي بغداد، بينما ... في محافظة القادسية": another clause, another place
    if max(c.population for c in m.candidates) >= MIN_POP_WORLD_CITY:
        return None
    role = _role(nxt)
    described = nxt.after or nxt.before
    if role == "direction" and (described is None or described.lang != "en" or " " in described.phrase
                                or not _IN_OR_OF.search(norm.text, m.end, start)):
        return None  # "X north of Baghdad" may lie in another province; "X in southern Idleb" does not
    if role is None and _BARE_PROVINCE_GAP.fullmatch(norm.text, m.end, start):
        # "Juayshan in As Silw of Taizz", "Kasad in Al Zahir of Al Bayda": ACLED's
        # notes and English wires name the governorate right after the place, often without "province".
        entry = resolve(nxt.candidates, context, "admin1")
        return entry if entry.feature == "admin1" else None
    if role not in ("admin1", "region", "direction"):
        return None
    entry = resolve(nxt.candidates, context, "admin1")
    if entry.feature == "city" and entry.admin1 and role != "admin1":
        return _admin1_entry(entry.country, entry.admin1)  # "countryside of Idleb": the province
    return entry if entry.feature == "admin1" else None


def _inside_province(norm: NormalizedText, m: _Match, province: Entry, main: str | None) -> Mention:
    """A town name the gazetteer places in another province than the text does: a place in the text's."""
    span = norm.to_original(m.start, m.end, "expand")
    place = Place(province.name, province.country, province.admin1, None, province.latitude, province.longitude, 3)
    return Mention("place", span, span.text_of(norm.original), province.name, 0.5, attrs={
        "place": place, "geonameid": None, "feature": "unknown", "enclosing": province.geonameid,
        "descriptor": _role(m), "name_span": span, "article_country": main})


def article_country(norm: NormalizedText, lang: str) -> str | None:
    """The country an article is set in, by the evidence :func:`find_places` weighs.

    Its dateline, the countries it names or uses as adjectives ("السوري", "Iraqi"), and its
    unambiguous place names, each name counted once. The event coder and the actor stage should
    use this one notion rather than count resolved places again (a namesake abroad would vote).
    """
    return build_context(norm, _raw_matches(norm, lang)).main_country()


def article_country_of(mentions: Iterable[Mention]) -> str | None:
    """The article's country as the places stage recorded it on its mentions (None if no place)."""
    for m in mentions:
        if m.kind == "place" and "article_country" in m.attrs:
            value = m.attrs["article_country"]
            return str(value) if value else None
    return None


def _unknown_places(
    norm: NormalizedText, lang: str, resolved: list[tuple[_Match, Entry]], context: PlaceContext
) -> list[Mention]:
    """Descriptor + a name the gazetteer lacks ("حي غويران", "سجن الصناعة", "village of Huyum")."""
    before, _ = _descriptors()
    taken = [(m.before_start if m.before_start is not None else m.start, m.after_end or m.end) for m, _ in resolved]
    out: list[Mention] = []
    for d in before.find(norm.text):
        if not d.value.unknown or any(s <= d.start < e or s < d.end <= e for s, e in taken):
            continue
        if d.value.lang == "en" and d.value.position == "before":
            gap = re.match(r"\s+(?:the\s+)?", norm.text[d.end:])
            name_start = d.end + (gap.end() if gap else 0)
        else:
            name_start = d.end
        if any(s <= name_start < e for s, e in taken):
            continue  # the descriptor's name is a known place
        if d.value.lang == "ar" and d.value.phrase.endswith("ة") and \
                _last_letter(norm.original, *_original_bounds(norm, d.start, d.end)) == "ه":
            continue  # "بلده" is "his country", not "بلدة" (a town)
        _s_start, s_end = _sentence_bounds(norm.text, d.start)
        found = _unknown_name(norm, name_start, min(s_end, name_start + 60), lang)
        if found is None:
            continue
        enclosing = _enclosing(norm, d.start, resolved, context.main_country())
        span = norm.to_original(d.start, found[1], "expand")
        surface = span.text_of(norm.original)
        if enclosing is not None and enclosing.feature != "country":
            e = enclosing
            place = Place(e.name, e.country, e.admin1, e.admin2 if e.feature == "city" else None,
                          e.latitude, e.longitude, 2 if e.feature == "city" else 3)
            out.append(Mention("place", span, surface, e.name, 0.5, attrs={
                "place": place, "geonameid": None, "feature": "unknown", "enclosing": e.geonameid,
                "descriptor": d.value.role,
                "name_span": norm.to_original(found[0], found[1], "expand")}))
        else:
            # Only a country named around it ("بلدة سروج جنوب شرقي تركيا"), else the article's.
            country = enclosing.country if enclosing is not None else context.main_country()
            out.append(Mention("place", span, surface, None, 0.2, attrs={
                "place": Place(surface, country, geo_precision=3), "geonameid": None, "feature": "unknown",
                "enclosing": None, "descriptor": d.value.role,
                "name_span": norm.to_original(found[0], found[1], "expand")}))
        taken.append((d.start, found[1]))
    return out


def _enclosing(norm: NormalizedText, pos: int, resolved: list[tuple[_Match, Entry]],
               main: str | None = None) -> Entry | None:
    """The most precise place named around ``pos``: same sentence first, then the article's main one.

    An unknown village lies in the article's country (``main``) unless its sentence names only
    places abroad ("بلدة سروج جنوب شرقي تركيا"): a town across the border named in the same sentence
    ("صواريخ على كريات شمونة ... في بلدة عيتا الشعب") or the article's most named town abroad is
    no enclosing place, and then the country, or a region of it that the article names, is.
    """
    s_start, s_end = _sentence_bounds(norm.text, pos)
    here = [(m, e) for m, e in resolved if s_start <= m.start < s_end]
    if main is not None and any(e.country == main for _, e in here):
        here = [(m, e) for m, e in here if e.country == main]
    local = [(m, e) for m, e in here if e.feature != "country"]
    if local:
        after = [x for x in local if x[0].start >= pos]
        pool = after or local
        _, e = min(pool, key=lambda x: (FEATURE_RANK[x[1].feature] if x[1].feature != "admin2" else 0.5,
                                         abs(x[0].start - pos)))
        return e
    if here:
        # "بلدة سروج جنوب شرقي تركيا": in that country, wherever the article is set; within it, the
        # region the article names most ("الجنوب اللبناني"), not a town of it.
        country = min(here, key=lambda x: abs(x[0].start - pos))[1]
        regions = [e for _, e in resolved if e.country == country.country and e.feature in ("admin1", "admin2")]
        return Counter(regions).most_common(1)[0][0] if regions else country
    inside = [(m, e) for m, e in resolved if main is None or e.country == main]
    counts = Counter(e.geonameid for _, e in inside if e.feature == "city")
    if counts:
        return gazetteer().by_id(counts.most_common(1)[0][0])
    regions = [e for _, e in inside if e.feature in ("admin1", "admin2")]
    return Counter(regions).most_common(1)[0][0] if regions else None


def _spelling_key(name: str) -> str:
    return "".join(c for c in name.casefold() if c.isalnum())


@cache
def _admin1_spellings() -> dict[str, str]:
    """Every English spelling of an admin1 in ``admin1_acled.tsv`` → ACLED's name for it."""
    spellings: dict[str, str] = {}
    for row in read_table("admin1_acled.tsv").rows:
        if row["acled"] == "-":
            continue
        for name in (row["acled"], *row["aliases"].split("|")):
            if name:
                spellings.setdefault(_spelling_key(name), row["acled"])
    return spellings


def canonical_admin1(name: str) -> str:
    """ACLED's spelling of a first-level division ("Daraa" → "Dar'a"); unknown names unchanged."""
    return _admin1_spellings().get(_spelling_key(name), name)
