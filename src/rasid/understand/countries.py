"""Countries: names, nisba adjectives and demonyms, Arabic and English.

Actor names take their country from an adjective ("الجيش السوري", "Iraqi
police"), places from a name ("ريف حلب، سوريا"); both need one table that
knows every way a country is written. The table is ``data/countries.tsv``;
Arabic feminine and plural nisba forms and the definite article are derived
here so the data file lists each adjective once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rasid.resources import read_table
from rasid.text.matcher import PhraseMatcher, first_word_variants, word_spans
from rasid.text.normalize import NormalizedText, normalize_key


@dataclass(frozen=True, slots=True)
class Country:
    """One country and how it is written."""

    name: str  # English short name as in ACLED's `country` column
    iso2: str
    iso3: str
    of_name: str  # as in "Military Forces of <of_name>" ("the United States")
    ar_names: tuple[str, ...]
    ar_adjectives: tuple[str, ...]  # every derived nisba form, normalised
    en_names: tuple[str, ...]
    en_demonyms: tuple[str, ...]


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def nisba_forms(adjective: str) -> tuple[str, ...]:
    """Normalised forms of an Arabic nisba: feminine, plurals, and with "ال".

    "سوري" gives سوري سوريه سوريون سوريين سوريات سوريان and each with "ال";
    a form not ending in ي (an irregular plural like "أتراك") is kept as is.
    """
    base = normalize_key(adjective)
    if not base:
        return ()
    forms = [base]
    if base.endswith("ي") and " " not in base:
        forms += [base + suffix for suffix in ("ه", "ون", "ين", "ات", "ان")]
    return tuple(dict.fromkeys([*forms, *("ال" + f for f in forms if " " not in f)]))


@cache
def countries() -> tuple[Country, ...]:
    """Every country in the table, in file order."""
    out: list[Country] = []
    for row in read_table("countries.tsv").rows:
        adjectives: list[str] = []
        for adjective in _split(row.get("ar_nisba", "")):
            adjectives.extend(nisba_forms(adjective))
        out.append(
            Country(
                name=row["country"],
                iso2=row.get("iso2", ""),
                iso3=row.get("iso3", ""),
                of_name=row.get("of_name") or row["country"],
                ar_names=_split(row.get("ar_names", "")),
                ar_adjectives=tuple(dict.fromkeys(adjectives)),
                en_names=_split(row.get("en_names", "")),
                en_demonyms=_split(row.get("en_demonyms", "")),
            )
        )
    return tuple(out)


@cache
def _by_key() -> dict[str, Country]:
    table: dict[str, Country] = {}
    for country in countries():
        for key in (country.name, country.iso2, country.iso3, country.of_name):
            if key:
                table.setdefault(normalize_key(key), country)
    return table


def country_by_name(name: str | None) -> Country | None:
    """The country whose English name, ISO2 or ISO3 code is ``name``."""
    if not name:
        return None
    return _by_key().get(normalize_key(name))


@dataclass(frozen=True, slots=True)
class CountryWord:
    """How a phrase names a country: ``"name"`` (سوريا, Syria) or ``"adjective"`` (السوري, Syrian)."""

    country: Country
    form: str


@cache
def _phrase_matcher() -> PhraseMatcher[CountryWord]:
    """Adjectives first so that a form that is both (سورية) reads as either: same country."""
    pairs: list[tuple[str, CountryWord]] = []
    for country in countries():
        pairs += [(a, CountryWord(country, "adjective")) for a in country.ar_adjectives]
        pairs += [(d, CountryWord(country, "adjective")) for d in country.en_demonyms]
        pairs += [(n, CountryWord(country, "name")) for n in (*country.ar_names, *country.en_names)]
    return PhraseMatcher(pairs)


@cache
def country_word(phrase: str) -> CountryWord | None:
    """The country a short phrase names, as a whole (clitics allowed on its first word)."""
    key = normalize_key(phrase)
    words = [w for _, _, w in word_spans(key)]
    if not words:
        return None
    matcher = _phrase_matcher()
    tail = " ".join(words[1:])
    for form, _ in first_word_variants(words[0]):
        found = matcher.get(f"{form} {tail}".strip())
        if found is not None:
            return found
    return None


def country_of_phrase(phrase: str) -> str | None:
    """The English country name a phrase stands for ("السوري", "بسوريا", "Iraqi" …), or None."""
    found = country_word(phrase)
    return found.country.name if found else None


def find_countries(norm: NormalizedText) -> list[tuple[int, int, CountryWord]]:
    """Every country name or adjective in a normalised text, as normalised offsets."""
    return [(m.start, m.end, m.value) for m in _phrase_matcher().find(norm.text)]


def of_name(country: str) -> str:
    """The form that follows "Military Forces of" ("the United States" for United States)."""
    found = country_by_name(country)
    return found.of_name if found else country
