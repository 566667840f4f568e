"""Place mentions: gazetteer lookup, descriptors, and disambiguation by the article's context.

Names come from ``data/places.tsv`` (GeoNames, built by ``scripts/build_gazetteer.py``). A name
alone is often ambiguous (الرقة is in Syria and in the UAE, طرابلس in Libya and Lebanon), so
every match first collects its candidates; the article then votes: its dateline, the countries
it names or uses as adjectives, and its unambiguous places. Words around a name say what kind of
place it is and so ACLED's geo_precision: "بلدة X" a town (1), "حي X"/"near X" a part of or a
spot near a town (2), "محافظة X"/"ريف X" a region (3). A village, prison or camp the gazetteer
lacks falls back to the most precise place named around it, never to a country's centroid.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from rasid.model import Mention, Place
from rasid.resources import read_table
from rasid.text.matcher import PhraseMatcher, word_spans
from rasid.text.normalize import NormalizedText, normalize_key
from rasid.understand.countries import country_of_phrase, country_word, find_countries

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
    """What an article says about where it is: evidence weights by country and admin1."""

    countries: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    admin1: defaultdict[tuple[str, str | None], float] = field(default_factory=lambda: defaultdict(float))
    dateline: str | None = None

    def country_score(self, country: str) -> float:
        score = 3.0 if country == self.dateline else 0.0
        return score + min(self.countries.get(country, 0.0), 6.0)

    def admin1_score(self, country: str, admin1: str | None) -> float:
        return min(self.admin1.get((country, admin1), 0.0), 4.0) if admin1 else 0.0


class Gazetteer:
    """Every gazetteer name, indexed for the phrase matcher."""

    def __init__(self, rows: Iterable[dict[str, str]], blockers: Iterable[str] = ()) -> None:
        self.entries: list[Entry] = []
        self._ids: dict[int, Entry] = {}
        self.by_key: dict[str, list[int]] = {}
        for row in rows:
            index = len(self.entries)
            self.entries.append(_entry(row))
            names = {row["name"], *row["arabic"].split("|"), *row["english"].split("|")} - {""}
            for name in names:
                key = phrase_key(name)
                if key:
                    bucket = self.by_key.setdefault(key, [])
                    if index not in bucket:
                        bucket.append(index)
        for key, bucket in self.by_key.items():
            if " " in key:  # "قطاع غزة": the admin1, which still carries its country
                admin_countries = {self.entries[i].country for i in bucket if self.entries[i].feature == "admin1"}
                bucket[:] = [i for i in bucket if not (self.entries[i].feature == "country"
                                                       and self.entries[i].country in admin_countries)]
        # Multi-word common phrases ("الشرق الأوسط") enter the matcher with no candidates, so the
        # longest match consumes them and no shorter place name inside fires.
        for phrase in blockers:
            key = phrase_key(phrase)
            if " " in key:
                self.by_key[key] = []
        self.matcher: PhraseMatcher[str] = PhraseMatcher((k, k) for k in sorted(self.by_key))

    def candidates(self, key: str) -> list[Entry]:
        return [self.entries[i] for i in self.by_key.get(key, ())]

    def by_id(self, geonameid: int) -> Entry | None:
        if not self._ids:
            self._ids = {e.geonameid: e for e in self.entries}
        return self._ids.get(geonameid)


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


@cache
def gazetteer() -> Gazetteer:
    """The package gazetteer, loaded once per process."""
    return Gazetteer(read_table("places.tsv").rows, (r["word"] for r in read_table("place_stopwords.tsv").rows))


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


def resolve(candidates: Sequence[Entry], context: PlaceContext, prefer: str | None = None) -> Entry:
    """The candidate the article most likely means.

    The article's country evidence comes first (dateline, country names and adjectives, its
    unambiguous places), then its provinces, then the kind of place a descriptor asks for
    (``prefer``: a feature), then population.
    """
    if not candidates:
        raise ValueError("resolve() needs at least one candidate")

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


def build_context(norm: NormalizedText, matches: Sequence[_Match]) -> PlaceContext:
    """Country and province evidence from the whole article."""
    context = PlaceContext()
    for _start, _end, word in find_countries(norm):
        context.countries[word.country.name] += 1.0
    # "TRIPOLI, Lebanon (Reuters)": the dateline is read with the countries the article names.
    context.dateline = _dateline_country(norm, matches, context)
    for m in matches:
        countries = {c.country for c in m.candidates}
        if len(countries) == 1 and m.candidates[0].feature != "country":  # names counted above
            country = next(iter(countries))
            context.countries[country] += 0.5
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
    if key in _stopwords() and not (described and m.before and m.before.role in ("settlement", "admin1", "admin2")):
        return False
    if not is_arabic:
        original = norm.original[norm.to_original(m.start, m.end, "expand").start]
        if not original.isupper():
            return False
        if letters <= 3 and max(c.population for c in m.candidates) < 100_000:
            return False
    else:
        if letters <= 3 and not described and max(c.population for c in m.candidates) < 50_000:
            return False
        if _TANWEEN.search(norm.original, *_original_bounds(norm, m.start, m.end)):
            return False
    return True


@cache
def _is_adjective(key: str) -> bool:
    found = country_word(key)
    return found is not None and found.form == "adjective" and not _names_country(key)


def _names_country(key: str) -> bool:
    """Whether a key is also a country's name ("سورية" is both the name and the adjective)."""
    return any(e.feature == "country" for e in gazetteer().candidates(key))


def _original_bounds(norm: NormalizedText, start: int, end: int) -> tuple[int, int]:
    span = norm.to_original(start, end, "expand")
    return span.start, span.end


def _in_context(m: _Match, context: PlaceContext) -> bool:
    """Whether a match is plausible given the article's countries (see MIN_POP_OUT_OF_CONTEXT)."""
    if m.before is not None or m.after is not None:
        return True
    if any(context.country_score(c.country) > 0.5 for c in m.candidates):
        return True
    for c in m.candidates:
        if c.feature != "city":
            return True
        floor = MIN_POP_OUT_OF_CONTEXT if c.cc in ARABIC_SPEAKING else MIN_POP_OUT_OF_CONTEXT_FOREIGN
        if c.population >= floor:
            return True
    return False


def _raw_matches(norm: NormalizedText, lang: str) -> list[_Match]:
    gaz = gazetteer()
    out: list[_Match] = []
    for pm in gaz.matcher.find(norm.text):
        m = _Match(pm.start, pm.end, pm.key, gaz.candidates(pm.value))
        if not m.candidates:
            continue  # a blocked common phrase
        found = _descriptor_before(norm, pm.start, lang)
        if found:
            m.before, m.before_start = found
            outer = _descriptor_before(norm, found[1], lang)
            if outer and found[0].role == "settlement" and outer[0].role in ("near", "direction", "part", "region"):
                m.before, m.before_start = outer[0], outer[1]  # "قرب مدينة X": near a town
        found_after = _descriptor_after(norm, pm.end)
        if found_after:
            m.after, m.after_end = found_after
        if _acceptable(norm, m, pm.key):
            out.append(m)
    return out


def _role(m: _Match) -> str | None:
    described = m.after or m.before
    return described.role if described is not None else None


def _prefer(m: _Match) -> str | None:
    role = _role(m)
    return {"admin1": "admin1", "admin2": "admin2", "settlement": "city", "part": "city", "quarter": "city",
            "near": "city"}.get(role or "")


def _precision(m: _Match, entry: Entry) -> int | None:
    if entry.feature == "country":
        return None
    role = m.after.role if m.after is not None else (m.before.role if m.before else None)
    if entry.feature in ("admin1", "admin2") or role in ("region", "admin1", "admin2"):
        return 3
    if role in ("part", "quarter", "near", "direction"):
        return 2
    if m.before is not None and m.before.role == "settlement":
        return m.before.precision
    return 1


def _place(entry: Entry, precision: int | None, region: bool) -> Place:
    """A Place for an entry; a region mention takes its province's capital coordinates."""
    if entry.feature == "country":
        return Place(entry.name, entry.country, None, None, None, None, None)
    if region and entry.feature == "city" and entry.admin1:
        capital = _admin1_entry(entry.country, entry.admin1)
        if capital is not None and capital.latitude is not None:
            return Place(capital.name, entry.country, entry.admin1, None, capital.latitude,
                         capital.longitude, precision)
    admin2 = entry.admin2 if entry.feature in ("city", "admin2") else None
    return Place(entry.name, entry.country, entry.admin1, admin2, entry.latitude, entry.longitude, precision)


@cache
def _admin1_index() -> dict[tuple[str, str], Entry]:
    return {(e.country, e.name): e for e in gazetteer().entries if e.feature == "admin1"}


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
    for ws, we, w in words[:2]:
        s, e = ws + start, we + start
        if taken and not _gap_is_space(text, taken[-1][1], s):
            break
        if w.isdigit() or w in _FUNCTION_WORDS or (taken and (w in stop or before.get(w) is not None)):
            break
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


def _country_word(word: str) -> bool:
    return country_of_phrase(word) is not None


_FUNCTION_WORDS = frozenset(phrase_key(w) for w in (
    "في", "من", "الى", "على", "عن", "مع", "التي", "الذي", "حيث", "بعد", "قبل", "خلال", "منذ", "بين", "ان",
    "التابع", "التابعة", "الواقع", "الواقعة", "و", "او", "ثم", "قد", "لا", "ما", "هذا", "هذه", "ذلك", "تلك",
    "قريب", "قريبه", "صغير", "صغيره", "كبير", "كبيره", "جديد", "جديده", "قديم", "قديمه", "اخر", "اخري",
    "يقع", "تقع", "كان", "كانت", "هو", "هي", "الذين", "عدد", "كل", "بعض", "نفسه", "نفسها",
    "the", "of", "in", "on", "at", "and", "or", "a", "an", "to", "from", "by", "with", "near",
))


def find_places(norm: NormalizedText, lang: str) -> tuple[Mention, ...]:
    """Every place named in the text, resolved against the gazetteer and the article's context."""
    matches = _raw_matches(norm, lang)
    context = build_context(norm, matches)
    matches = [m for m in matches if _in_context(m, context)]
    mentions: list[Mention] = []
    resolved: list[tuple[_Match, Entry]] = []
    for m in matches:
        if m.before is not None and m.before.role == "quarter" and m.after is None:
            continue  # "حي الزهور": a neighbourhood, even if some village shares its name
        prefer = _prefer(m)
        entry = resolve(m.candidates, context, prefer)
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
                   "descriptor": _role(m)},
        ))
    mentions += _unknown_places(norm, lang, resolved, context)
    mentions.sort(key=lambda x: (x.span.start, x.span.end))
    return tuple(mentions)


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
        _s_start, s_end = _sentence_bounds(norm.text, d.start)
        found = _unknown_name(norm, name_start, min(s_end, name_start + 60), lang)
        if found is None:
            continue
        enclosing = _enclosing(norm, d.start, resolved)
        span = norm.to_original(d.start, found[1], "expand")
        surface = span.text_of(norm.original)
        if enclosing is not None:
            e = enclosing
            place = Place(e.name, e.country, e.admin1, e.admin2 if e.feature == "city" else None,
                          e.latitude, e.longitude, 2 if e.feature == "city" else 3)
            out.append(Mention("place", span, surface, e.name, 0.5, attrs={
                "place": place, "geonameid": None, "feature": "unknown", "enclosing": e.geonameid,
                "descriptor": d.value.role,
                "name_span": norm.to_original(found[0], found[1], "expand")}))
        else:
            country = context.dateline or (max(context.countries, key=lambda c: context.countries[c])
                                           if context.countries else None)
            out.append(Mention("place", span, surface, None, 0.2, attrs={
                "place": Place(surface, country), "geonameid": None, "feature": "unknown",
                "enclosing": None, "descriptor": d.value.role,
                "name_span": norm.to_original(found[0], found[1], "expand")}))
        taken.append((d.start, found[1]))
    return out


def _enclosing(norm: NormalizedText, pos: int, resolved: list[tuple[_Match, Entry]]) -> Entry | None:
    """The most precise place named around ``pos``: same sentence first, then the article's main one."""
    s_start, s_end = _sentence_bounds(norm.text, pos)
    local = [(m, e) for m, e in resolved if s_start <= m.start < s_end and e.feature != "country"]
    if local:
        after = [x for x in local if x[0].start >= pos]
        pool = after or local
        _, e = min(pool, key=lambda x: (FEATURE_RANK[x[1].feature] if x[1].feature != "admin2" else 0.5,
                                         abs(x[0].start - pos)))
        return e
    counts = Counter(e.geonameid for _, e in resolved if e.feature == "city")
    if counts:
        return gazetteer().by_id(counts.most_common(1)[0][0])
    regions = [e for _, e in resolved if e.feature in ("admin1", "admin2")]
    return regions[0] if regions else None


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
