"""Actor mentions: named armed groups, state forces and generic actors.

The dictionary (``data/actors.tsv``) maps every Arabic and English alias to
an ACLED-style canonical name. Generic words ("مسلحون مجهولون", "police",
"civilians") name an actor only together with a country, which the phrase
may carry itself ("الجيش السوري", "Iraqi police") or which the event coder
supplies later from the event's place: such mentions keep their canonical
template in ``attrs["template"]`` and :func:`canonical_for` fills it. ACLED codes
"security forces" ("قوات الأمن", "الأجهزة الأمنية") as the police of the event's
country, and a bare "army" ("الجيش", "troops") as that country's military: the
country comes from the phrase's own adjective, else the event, else the article
(``attrs["article_country"]``, :func:`rasid.understand.places.article_country`),
never from an unrelated name nearby.

Attributes of an actor mention (``Mention.attrs``):

``actor_type``
    ACLED's actor category, from ``data/actors.tsv``: ``"state forces"``,
    ``"rebel group"``, ``"political militia"``, ``"identity militia"``,
    ``"rioters"``, ``"protesters"``, ``"civilians"``, ``"external/other forces"``,
    ``"government"``, ``"governing authority"``, ``"political party"``; an anaphor
    ("التنظيم") takes its antecedent's, else ``"non-state actor"``.
``inter``
    ACLED's inter code (int) or None where ACLED gives none (a party, an
    authority, an unresolved anaphor): 1 state forces (military, police,
    government), 2 rebel groups, 3 political militias, 4 identity militias,
    5 rioters, 6 protesters, 7 civilians, 8 external/other forces (a foreign
    state's forces, the coalitions, UN missions).
``country``
    the actor's country when known: a named actor's home, the adjective of a
    generic phrase ("العراقية"), or None (left to the event).
``generic`` / ``template`` / ``by_country``
    a name still to be filled with a country (see :func:`canonical_for`).
``article_country``
    on generic mentions without a country of their own: the article's country,
    the fallback when the event has none.
``named``, ``anaphor``, ``antecedent``, ``demonym``, ``alias``
    how the mention was found: a dictionary name, a pronoun-like noun and the
    mention it stands for, a bare nationality ("السوريين"), the matched key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any

from rasid.model import Mention, Span
from rasid.resources import read_table
from rasid.text.matcher import PhraseMatch, PhraseMatcher, word_spans, words_between
from rasid.text.normalize import NormalizedText, normalize_key
from rasid.understand.countries import Country, country_by_name, country_word, find_countries

NAMED, GENERIC, NEEDS_COUNTRY, ANAPHOR, BLOCK = "named", "generic", "needs_country", "anaphor", "block"
NO_COUNTRY = "?"  # the by_country key of the name a generic phrase has when no country is known at all
# Modifiers that may stand between an Arabic generic noun and its country adjective
# ("الطائرات الحربية الروسية", "الجيش العربي السوري").
_ARABIC_FILLERS = frozenset(
    normalize_key(w)
    for w in (
        "العربي", "الحكومي", "الحكومية", "النظامي", "النظامية", "الاتحادي", "الاتحادية",
        "الجوية", "الحربية", "الحربي", "المسيرة", "المسيّرة", "المسلحة", "الخاصة", "الأمنية",
        "البرية", "الوطني", "الوطنية", "المدفعية", "الصاروخية",
    )
)
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
_SPACES = re.compile(r"\s+")
_NON_STATE_INTER = frozenset({2, 3, 4})


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One row of the actor dictionary."""

    canonical: str  # a name, or a template with {country} / {of}; "" for anaphors and blocks
    kind: str
    actor_type: str
    inter: int | None
    country: str | None
    by_country: tuple[tuple[str, str], ...]
    confidence: float

    @property
    def is_template(self) -> bool:
        return "{" in self.canonical or bool(self.by_country)


@dataclass(frozen=True, slots=True)
class _Candidate:
    entry: ActorEntry
    caps: bool  # the alias is an all-capital acronym: match it only when so written


def _parse_by_country(value: str) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for part in value.split(";"):
        if "=" in part:
            key, _, name = part.partition("=")
            pairs.append((key.strip(), name.strip()))
    return tuple(pairs)


def _is_caps(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isascii() and c.isupper() for c in letters)


@cache
def actor_entries() -> tuple[tuple[ActorEntry, tuple[str, ...]], ...]:
    """Every dictionary row with its aliases, Arabic then English, in file order."""
    out: list[tuple[ActorEntry, tuple[str, ...]]] = []
    for row in read_table("actors.tsv").rows:
        inter = row.get("inter", "")
        entry = ActorEntry(
            canonical=row.get("canonical", ""),
            kind=row.get("kind", NAMED) or NAMED,
            actor_type=row.get("actor_type", ""),
            inter=int(inter) if inter.isdigit() else None,
            country=row.get("country") or None,
            by_country=_parse_by_country(row.get("by_country", "")),
            confidence=float(row.get("confidence") or 0.95),
        )
        aliases = [a.strip() for col in ("aliases_ar", "aliases_en") for a in row.get(col, "").split("|")]
        out.append((entry, tuple(a for a in aliases if a)))
    return tuple(out)


@cache
def _matcher() -> PhraseMatcher[tuple[_Candidate, ...]]:
    """One matcher over all aliases; a phrase listed in several rows keeps all of them, in file order."""
    table: dict[str, list[_Candidate]] = {}
    for entry, aliases in actor_entries():
        for alias in aliases:
            key = normalize_key(alias)
            if key:
                table.setdefault(key, []).append(_Candidate(entry, _is_caps(alias)))
    return PhraseMatcher((key, tuple(cands)) for key, cands in table.items())


def canonical_names() -> frozenset[str]:
    """Every canonical name the dictionary can produce, templates excluded."""
    names: set[str] = set()
    for entry, _ in actor_entries():
        if entry.canonical and "{" not in entry.canonical:
            names.add(entry.canonical)
        names.update(name for _, name in entry.by_country if "{" not in name)
    return frozenset(names)


def fill_template(template: str, country: str | None) -> str | None:
    """``"Civilians ({country})"`` with a country filled in; None without one."""
    if "{" not in template:
        return template
    if not country:
        return None
    found = country_by_name(country)
    name = found.name if found else country
    of = found.of_name if found else country
    return template.replace("{country}", name).replace("{of}", of)


def _resolve(entry: ActorEntry, country: str | None) -> str | None:
    if entry.by_country:
        table = dict(entry.by_country)
        chosen = table.get(country or "", table.get("*", entry.canonical))
        return fill_template(chosen, country)
    return fill_template(entry.canonical, country)


def canonical_for(mention: Mention, country: str | None) -> str | None:
    """The canonical name of an actor mention, given the country of the event it is part of.

    A mention whose own words fixed its name keeps it; a generic one
    ("مسلحون مجهولون", "police", "التحالف") takes the event's country, or the
    article's when the event has none.
    """
    if mention.canonical:
        return mention.canonical
    template = mention.attrs.get("template")
    if not template:
        return None
    country = country or mention.attrs.get("article_country") or None
    by_country = mention.attrs.get("by_country")
    if by_country:
        table = dict(by_country)
        if country is None and NO_COUNTRY in table:
            return table[NO_COUNTRY]  # "regime forces" in a text that names no country: Syria's
        template = table.get(country or "", table.get("*", template))
    return fill_template(template, country)


def _next_words(text: str, pos: int, n: int) -> list[tuple[int, int, str]]:
    """Up to ``n`` words after ``pos``, each separated from the previous by whitespace only."""
    out: list[tuple[int, int, str]] = []
    previous_end = pos
    for start, end, word in words_between(text, pos, min(len(text), pos + 80)):
        if _SPACES.fullmatch(text, previous_end, start) is None:
            break
        out.append((start, end, word))
        previous_end = end
        if len(out) == n:
            break
    return out


def _arabic_country_after(text: str, end: int, indefinite: bool) -> tuple[Country, int] | None:
    """A country adjective right after a phrase ("قوات الأمن العراقية"), skipping fillers."""
    for i, (_, w_end, word) in enumerate(_next_words(text, end, 3)):
        found = country_word(word)
        if found and (found.form == "adjective" or (indefinite and i == 0)):
            return found.country, w_end
        if word not in _ARABIC_FILLERS:
            return None
    return None


def _english_country_before(text: str, start: int) -> tuple[Country, int] | None:
    """A demonym or possessive country name right before a phrase ("Iraqi police", "Sudan's army")."""
    head = text[max(0, start - 60) : start]
    offset = start - len(head)
    words = word_spans(head)
    if not words or not _SPACES.fullmatch(head, words[-1][1]):
        return None
    # "Sudan's army": the "s" after an apostrophe follows the country's name.
    if len(words) >= 2 and words[-1][2] == "s" and head[words[-2][1] : words[-1][0]] == "'":
        found = country_word(words[-2][2])
        if found:
            return found.country, offset + words[-2][0]
        return None
    for n in (3, 2, 1):  # "U.S." is two words; "South Sudanese" two
        if len(words) < n:
            continue
        group = words[-n:]
        gaps_ok = all(
            re.fullmatch(r"[\s.\-]*", head[a[1] : b[0]]) for a, b in pairwise(group)
        )
        if not gaps_ok:
            continue
        found = country_word(" ".join(w for _, _, w in group))
        if found and found.form == "adjective":
            return found.country, offset + group[0][0]
    return None


def _in_capital_run(original: str, span: Span) -> bool:
    """Whether the words on both sides are capitals too (a headline "THIS IS WAR", not "IS")."""
    before = re.findall(r"[^\W\d_]+", original[max(0, span.start - 40) : span.start])
    after = re.findall(r"[^\W\d_]+", original[span.end : span.end + 40])
    return bool(before and after) and _surface_caps(before[-1]) and _surface_caps(after[0])


def _surface_caps(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _written_candidates(norm: NormalizedText, match: PhraseMatch[tuple[_Candidate, ...]]) -> tuple[_Candidate, ...]:
    """The match's readings its writing allows: an all-capital alias ("IS") only in capitals."""
    if not any(c.caps for c in match.value):
        return match.value  # no reading needs capitals (Arabic never has any): the surface is not read
    surface_span = match.span(norm)
    surface = surface_span.text_of(norm.original)
    caps = _surface_caps(surface) and not _in_capital_run(norm.original, surface_span)
    return tuple(c for c in match.value if not c.caps or caps)


_last_matches: tuple[str, list[PhraseMatch[tuple[_Candidate, ...]]]] = ("", [])


def _dictionary_matches(text: str) -> list[PhraseMatch[tuple[_Candidate, ...]]]:
    """The dictionary's matches in a normalised text (read only); the last text's are kept, since the
    places stage asks for the same document's actor names (:func:`name_spans`) right after this one."""
    global _last_matches
    cached = _last_matches  # one read: another thread may replace it meanwhile
    if cached[0] is text:
        return cached[1]
    found = _matcher().find(text)
    _last_matches = (text, found)
    return found


def name_spans(norm: NormalizedText) -> list[tuple[int, int]]:
    """Normalised spans of the actor names the dictionary finds, phrases it blocks left out.

    A place name inside one ("Tahrir" and "al-Sham" of "Hayat Tahrir al-Sham", "العراق" of "الدولة
    الإسلامية في العراق") says who acts, not where: the places stage drops such matches.
    """
    spans: list[tuple[int, int]] = []
    for match in _dictionary_matches(norm.text):
        chosen = _choose(_written_candidates(norm, match), False)
        if chosen is not None and chosen.kind != BLOCK:
            spans.append((match.start, match.end))
    return spans


def find_actors(norm: NormalizedText, lang: str) -> tuple[Mention, ...]:
    """Every actor mention in the text, in order, with canonical names where the words fix them."""
    text = norm.text
    mentions: list[Mention] = []
    for match in _dictionary_matches(text):
        candidates = _written_candidates(norm, match)
        if not candidates:
            continue
        surface_span = match.span(norm)
        arabic = bool(_ARABIC_LETTER.search(match.key))
        if arabic:
            last_word = match.key.split()[-1]
            after = _arabic_country_after(text, match.end, indefinite=not last_word.startswith("ال"))
            qualifier, q_start, q_end = (after[0], match.start, after[1]) if after else (None, match.start, match.end)
        else:
            before = _english_country_before(text, match.start)
            qualifier, q_start, q_end = (before[0], before[1], match.end) if before else (None, match.start, match.end)
        chosen = _choose(candidates, qualifier is not None)
        if chosen is None or chosen.kind == BLOCK:
            continue
        if chosen.kind in (GENERIC, NEEDS_COUNTRY) and qualifier is not None:
            span = norm.to_original(q_start, q_end, "expand")
        else:
            span = surface_span
        mention = _mention(chosen, span, norm.original, qualifier, mentions, match.key)
        if mention is not None:
            mentions.append(mention)
    mentions = _without_members_of_named(norm, mentions)
    mentions += _people_by_nationality(norm, [m.span for m in mentions])
    mentions = _with_article_country(norm, lang, mentions)
    return tuple(sorted(mentions, key=lambda m: (m.span.start, m.span.end)))


# "مسلحون من تنظيم داعش", "جنود من الجيش العراقي", "gunmen from al-Shabaab": the members
# belong to the group named next, which is the actor; the generic word alone would code
# them as an unidentified group.
_MEMBER_OF_GAP = re.compile(r"\s+(?:من|من بين|ينتمون\s+(?:الى|لى)|تابعين\s+ل|تابعون\s+ل|from|of|belonging\s+to)\s+(?:the\s+)?")
_ARMED_TEMPLATES = ("Unidentified Armed Group", "Military Forces", "Police Forces")


def _without_members_of_named(norm: NormalizedText, mentions: list[Mention]) -> list[Mention]:
    """Drop a generic armed mention ("مسلحون", "soldiers") that names members of the actor after it,
    or, in English, of the named actor right before it ("Islamic State militants")."""
    kept: list[Mention] = []
    ordered = sorted(mentions, key=lambda m: m.span.start)
    for i, mention in enumerate(ordered):
        following = ordered[i + 1] if i + 1 < len(ordered) else None
        preceding = ordered[i - 1] if i > 0 else None
        template = str(mention.attrs.get("template") or "")
        generic_armed = mention.canonical is None and template.startswith(_ARMED_TEMPLATES)
        if (
            following is not None
            and generic_armed
            and following.canonical is not None
            and _MEMBER_OF_GAP.fullmatch(_gap_text(norm, mention.span.end, following.span.start))
        ):
            continue
        if (
            preceding is not None
            and generic_armed
            and preceding.attrs.get("named")
            and not _ARABIC_LETTER.search(mention.text)
            and _COMPOUND_GAP.fullmatch(norm.original, preceding.span.end, mention.span.start)
        ):
            continue  # "Islamic State militants", "AQAP fighters": the group's own members
        kept.append(mention)
    return kept


_COMPOUND_GAP = re.compile(r"\)?\s+")  # "Al Qaeda in the Arabian Peninsula (AQAP) militants"


def _gap_text(norm: NormalizedText, start: int, end: int) -> str:
    """The normalised text between two original offsets (clitics of the next word included)."""
    lo, _ = norm.from_original(start, start)
    hi, _ = norm.from_original(end, end)
    return norm.text[lo:hi] + " "


def _with_article_country(norm: NormalizedText, lang: str, mentions: list[Mention]) -> list[Mention]:
    """Give generic mentions still without a country the article's, as a fallback for the coder."""
    if not any(m.canonical is None and m.attrs.get("template") for m in mentions):
        return mentions
    from rasid.understand.places import article_country  # places imports this module

    country = article_country(norm, lang)
    if country is None:
        return mentions
    return [Mention(m.kind, m.span, m.text, m.canonical, m.confidence, attrs={**m.attrs, "article_country": country})
            if m.canonical is None and m.attrs.get("template") else m for m in mentions]


def _people_by_nationality(norm: NormalizedText, taken: list[Span]) -> list[Mention]:
    """Plural nationality nouns standing alone ("تونسيين", "Palestinians") name civilians of that country.

    A nationality right after an actor noun was already read as that actor's
    country, so only words outside every other actor mention count.
    """
    out: list[Mention] = []
    for start, end, found in find_countries(norm):
        if found.form != "adjective":
            continue
        word = norm.text[start:end]
        if _ARABIC_LETTER.search(word):
            if " " in word or not word.endswith(("ين", "ون")):
                continue
        else:
            demonyms = {normalize_key(d) for d in found.country.en_demonyms}
            # A plural noun ("Syrians") whose singular is an adjective too; not "US".
            if not (word.endswith("s") and word in demonyms and word[:-1] in demonyms):
                continue
        span = norm.to_original(start, end, "expand")
        if any(span.overlaps(t) for t in taken):
            continue
        name = found.country.name
        out.append(
            Mention(
                kind="actor",
                span=span,
                text=span.text_of(norm.original),
                canonical=f"Civilians ({name})",
                confidence=0.5,
                attrs={
                    "actor_type": "civilians", "inter": 7, "country": name, "generic": True,
                    "template": "Civilians ({country})", "demonym": True, "named": False, "alias": word,
                },
            )
        )
    return out


def _choose(candidates: tuple[_Candidate, ...], has_country: bool) -> ActorEntry | None:
    if has_country:
        for cand in candidates:
            if cand.entry.kind in (NEEDS_COUNTRY, GENERIC):
                return cand.entry
    for cand in candidates:
        if cand.entry.kind != NEEDS_COUNTRY:
            return cand.entry
    return None


def without_article(word: str) -> str:
    """A normalised Arabic word less its article "ال" (kept on short words, where it may be a root's)."""
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


def _antecedent(key: str, earlier: list[Mention]) -> Mention | None:
    """The named non-state actor an anaphor ("التنظيم", "the group") stands for.

    The latest one named with the same head noun ("تنظيم داعش" for "التنظيم",
    "جماعة الحوثي" for "الجماعة") wins; failing that, the one named most often
    so far (an article about one group keeps calling it "the group").
    """
    candidates = [m for m in earlier if m.attrs.get("named") and m.attrs.get("inter") in _NON_STATE_INTER]
    if not candidates:
        return None
    words = key.split()
    if words[0] == "its" or any(w.endswith("ها") for w in words):  # "مقاتليها": the nearest one
        return candidates[-1]
    heads = {without_article(w) for w in words}
    for m in reversed(candidates):
        if heads & {without_article(w) for w in str(m.attrs.get("alias", "")).split()}:
            return m
    if any(without_article(w).startswith(("ميليشي", "مليشي", "militia")) for w in words):
        return None  # "the militias" are rarely the group named last: leave it to the coder
    counts: dict[str | None, int] = {}
    for m in candidates:
        counts[m.canonical] = counts.get(m.canonical, 0) + 1
    best = max(counts.values())
    return next(m for m in reversed(candidates) if counts[m.canonical] == best)


def _mention(
    entry: ActorEntry,
    span: Span,
    original: str,
    qualifier: Country | None,
    earlier: list[Mention],
    key: str,
) -> Mention | None:
    attrs: dict[str, Any] = {"actor_type": entry.actor_type, "inter": entry.inter, "alias": key}
    confidence = entry.confidence
    canonical: str | None
    if entry.kind == NAMED:
        canonical = entry.canonical
        attrs["country"] = entry.country
    elif entry.kind == ANAPHOR:
        antecedent = _antecedent(key, earlier)
        canonical = antecedent.canonical if antecedent else None
        attrs["anaphor"] = True
        if antecedent is not None:
            attrs.update(
                antecedent=antecedent.span,
                actor_type=antecedent.attrs.get("actor_type"),
                inter=antecedent.attrs.get("inter"),
                country=antecedent.attrs.get("country"),
            )
    else:
        country = qualifier.name if qualifier else entry.country
        # A name that depends on the country waits for the event's country unless the phrase gave one.
        canonical = _resolve(entry, country) if country else None
        attrs.update(generic=True, template=entry.canonical, country=country)
        if entry.by_country:
            attrs["by_country"] = entry.by_country
        if qualifier is not None:
            confidence = min(1.0, confidence + 0.1)
    attrs["named"] = entry.kind == NAMED
    return Mention(
        kind="actor",
        span=span,
        text=span.text_of(original),
        canonical=canonical,
        confidence=round(confidence, 3),
        attrs=attrs,
    )
