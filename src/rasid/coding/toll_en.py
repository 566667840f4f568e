"""English death tolls by ACLED's rules: which numbers in a sentence count the dead.

The quantities stage finds numbers; what an English number counts depends on
the verb it goes with, before it ("killed 5 Houthis and wounded others") or
after it ("5 fighters, including a commander, were killed"). ACLED counts the
dead only, never the wounded; a number inside an earlier count ("including 2
children", "6 of them") or a running total ("bringing the toll to 40") adds
nothing; a vague count takes the codebook's figure ("several" 10, "dozens"
12, half of it when the dead and wounded are counted together); a singular
victim ("killing a child", "a man was killed") is one. ACLED's own notes also
state the figure they coded ("Unknown fatalities coded as 10", "split between
2 locations"): :func:`coded_fatalities` reads that statement. The words are
data (``data/toll_words_en.tsv``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from rasid.model import Quantity, Span, TimeExpression
from rasid.resources import read_table

_TOKEN = re.compile(r"[A-Za-z]+|\d+(?:[.,]\d+)*|[.;:!?()\"]")
_STOPS = frozenset({".", ";", ":", "!", "?", "(", ")"})
# A count's own verb comes before these; a kill word after them belongs to another clause.
_CLAUSE_STARTS = frozenset({"which", "who", "that", "while", "when", "whereas", "after", "during", "where"})
_NEEDS_NUMBER = frozenset({"unknown", "unspecified", "unidentified"})  # a count only in "an unknown number"
_SINGULAR = frozenset({"a", "an", "one", "another", "him", "her"})
_ACTIVE_KILL = frozenset({"killed", "killing", "kill", "kills", "executed", "executing", "assassinated", "dead", "gunned"})
_PASSIVE_KILL = frozenset({"killed", "dead", "died", "executed", "assassinated", "succumbed"})
_MANNER = frozenset({"shot", "stabbed", "beaten", "tortured", "sniped"})  # "shot and killed"
_AGE = frozenset({"year", "years", "month", "months"})
_META = re.compile(
    r"(?:fatalit(?:y|ies)|deaths?)\b[^.;]{0,60}?\b(?:coded|allocated|estimated)\s+(?:as|to|at)\s+(\w+)"
    r"|\bcoding\s+fatalities\s+to\s+(\w+)"
    r"|\bfatality\s+estimate\s*\(\s*(\d+)\s*\)"
    r"|\b(\d+)\s+fatalit(?:y|ies)\s+(?:allocated|coded)\b",
    re.IGNORECASE,
)
_SPLIT = re.compile(
    r"\b(?:split|spread|distributed|divided)\s+(?:evenly\s+)?(?:between|across|among|over|throughout)\s+(?:the\s+)?(\w+)\s+"
    r"(?:locations|events|areas|places|towns|villages|sites|fronts|districts)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    word: str


@cache
def _roles() -> dict[str, tuple[str, int]]:
    return {r["word"]: (r["role"], int(r["value"] or 0)) for r in read_table("toll_words_en.tsv").rows}


@cache
def _number_words() -> dict[str, int]:
    return {r["word"]: int(r["value"]) for r in read_table("number_words.tsv").rows
            if r["lang"] == "en" and r["value"].isdigit()}


def _role(word: str) -> str | None:
    entry = _roles().get(word)
    return entry[0] if entry else None


# "split, 5 each, between the 2 locations": the share each event got.
_EACH = re.compile(r"\b(?:split|spread|distributed|divided),?\s+(\w+)\s+each\b", re.IGNORECASE)
# "coded as 10, split with another event": halved between the two.
_WITH_ANOTHER = re.compile(r"\b(?:split|spread|shared)\s+with\s+(?:another|one\s+other)\s+event\b", re.IGNORECASE)
# "Distributed fatalities over the activities in Saqba and Kafr Batna."
_OVER_PLACES = re.compile(r"\bdistributed\s+fatalities\s+over\s+the\s+\w+\s+in\s+([^.;]+)", re.IGNORECASE)


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    return [_Tok(m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(text, start, end)]


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _number_words().get(word.lower())


def coded_fatalities(text: str) -> int | None:
    """The figure an ACLED note says was coded ("Unknown fatalities coded as 10"), per location
    when it says the figure was split ("split between 2 locations"); None when it says none."""
    m = _META.search(text)
    if m is None:
        return None
    value = _number(next(g for g in m.groups() if g is not None))
    if value is None:
        return None  # "coded as half", "coded to <a place>": nothing to read
    each = _EACH.search(text, m.start())
    if each is not None and (share := _number(each.group(1))) is not None:
        return share  # "coded as 10 and split, 5 each, between the 2 sub-districts"
    split = _SPLIT.search(text, m.start())
    parts = _number(split.group(1)) if split else (2 if _WITH_ANOTHER.search(text, m.start()) else None)
    if parts:
        value = int(value / parts + 0.5)
    return value


def _meta_spans(text: str, start: int, end: int) -> list[Span]:
    return [Span(m.start(), m.end()) for m in _META.finditer(text, start, end)] + [
        Span(m.start(), m.end()) for m in _SPLIT.finditer(text, start, end)
    ]


def _vague_value(words: Iterable[str]) -> int | None:
    values = [_roles()[w][1] for w in words if _role(w) == "vague"]
    return max(values) if values else None


def _decide(toks: list[_Tok], before: int, after: int) -> tuple[str | None, int | None]:
    """What the number between tokens ``before`` and ``after`` counts, and its verb's index."""
    for i in range(before, max(-1, before - 5), -1):
        role = _role(toks[i].word)
        if role == "skip" or toks[i].word == '"':
            continue
        if role == "wound" and i >= 2 and toks[i - 1].word in {"and", "or"} and _role(toks[i - 2].word) == "kill":
            return "kill", i - 2  # "killing and wounding dozens"
        if role in {"kill", "wound", "other"}:
            return role, i
        if role in {"subset", "total"}:
            return "subset", None
        break
    for i in range(before, max(-1, before - 8), -1):  # "killing 7, including 6 children and 1 woman"
        if toks[i].word in _STOPS or _role(toks[i].word) in {"kill", "wound", "other"}:
            break
        if _role(toks[i].word) in {"subset", "total"}:
            return "subset", None
    if after < len(toks) and toks[after].word == "of" and after + 1 < len(toks) and toks[after + 1].word in {"them", "whom"}:
        return "subset", None  # "6 of them"
    for i in range(after, min(len(toks), after + 20)):
        if toks[i].word in _STOPS or toks[i].word in _CLAUSE_STARTS:
            break
        role = _role(toks[i].word)
        if role == "kill" and _active(toks, i):
            return "other", i  # "3 strikes ..., killing 7", "gunmen killed a man": the number did the killing
        if role in {"kill", "wound", "other"}:
            return role, i
    return None, None


def _active(toks: list[_Tok], i: int) -> bool:
    """A kill verb with its object after it: the number before it counts the killers or the weapons."""
    if toks[i].word in {"killing", "kill", "kills"}:
        return True
    nxt = toks[i + 1].word if i + 1 < len(toks) else ""
    return toks[i].word in {"killed", "executed"} and (
        nxt[:1].isdigit() or nxt in _SINGULAR or nxt in {"the", "his", "their", "at", "dozens", "several"}
    )


def _with_wounded(toks: list[_Tok], verb: int) -> bool:
    """"killed and wounded", "killing or wounding", "deaths and injuries": the two counted together."""
    near = [t.word for t in toks[max(0, verb - 2) : verb + 3]]
    return any(w in {"and", "or"} for w in near) and any(_role(w) == "wound" for w in near)


_GROUP_NOUNS = frozenset({"people", "men", "women", "children", "crew", "crews", "family", "residents", "occupants"})


def _the_one(toks: list[_Tok], k: int) -> bool:
    """"killing the driver": one person, named by a singular noun after "the"."""
    if toks[k].word != "the" or k + 1 >= len(toks):
        return False
    noun = toks[k + 1].word
    return noun.isalpha() and not noun.endswith("s") and noun not in _GROUP_NOUNS and _role(noun) is None


def sentence_kills(
    text: str, span: Span, quantities: Sequence[Quantity], times: Sequence[TimeExpression] = ()
) -> list[tuple[int, int]]:
    """(character offset, number of dead) for each count of the dead in one English sentence."""
    toks = _tokens(text, span.start, span.end)
    if not toks:
        return []
    meta = _meta_spans(text, span.start, span.end)
    candidates: list[tuple[Span, int | None, int | None]] = []  # span, exact value, vague value
    for q in sorted(quantities, key=lambda q: q.span.start):
        if not span.contains(q.span) or any(t.span.overlaps(q.span) for t in times):
            continue
        if any(m.overlaps(q.span) for m in meta):
            continue
        if _AS_MANY_AS.match(text, q.span.end) and text[max(0, q.span.start - 3) : q.span.start].lower() == "as ":
            meta.append(q.span)  # "as many as 27": the number after it is the count
            continue
        if (
            q.counted is not None and not text[q.span.end : q.counted.start].strip()
            and text[q.counted.end : q.counted.end + 2] in {"'s", "’s"}
        ):
            meta.append(q.span)  # "several women's marches": the count is of the marches, not of people
            continue
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", q.text)]
        vague = _vague_value(words) if q.approximate or not any(ch.isdigit() for ch in q.text) else None
        exact = q.low if q.low is not None else q.value
        candidates.append((q.span, None if vague else exact, vague))
    for i, t in enumerate(toks):  # "an unspecified number of soldiers were killed": no Quantity for it
        if _role(t.word) == "vague" and not any(c[0].start <= t.start < c[0].end for c in candidates) \
                and not any(m.start <= t.start < m.end for m in meta):
            if t.word == "number" and not (i > 0 and _role(toks[i - 1].word) == "vague"):
                continue  # "a number of" is a Quantity already, or not a count
            if t.word in _NEEDS_NUMBER and not (i + 1 < len(toks) and toks[i + 1].word == "number"):
                continue  # "unknown gunmen"
            candidates.append((Span(t.start, t.end), None, _roles()[t.word][1]))
    out: list[tuple[int, int]] = []
    used: set[int] = set()
    last_kill: tuple[int, int] | None = None  # the verb of the last count of the dead, and where that count ended
    for cspan, count, vague_count in sorted(candidates, key=lambda c: c[0].start):
        before = max((i for i, t in enumerate(toks) if t.end <= cspan.start), default=-1)
        after = next((i for i, t in enumerate(toks) if t.start >= cspan.end), len(toks))
        if after < len(toks) and toks[after].word in _AGE:
            continue  # "a 16-year-old"
        role, verb = _decide(toks, before, after)
        if role is None and last_kill is not None and before >= 0 and toks[before].word == "and" \
                and before - last_kill[1] <= 6:
            role, verb = "kill", last_kill[0]  # "the death of two soldiers and 18 armed men"
        if role != "kill" or verb is None:
            continue
        last_kill = (verb, after)
        if verb in used and count is None:
            continue  # the exact count already read for this verb wins over a vague one
        used.add(verb)
        if count is not None:
            value = count
        else:
            value = vague_count or 0
            if _with_wounded(toks, verb) and value >= 12:
                value = int(value / 2 + 0.5)  # "dozens killed or wounded": ACLED codes half
        out.append((cspan.start, value))
    for i, t in enumerate(toks):
        if t.word in _PASSIVE_KILL and i > 0 and toks[i - 1].word == "were":
            # "Two policemen, a member of the unit and a civilian were killed": each "a/an" item of
            # the listed subject is one more dead beside the counted ones.
            items = _listed_singulars(text, toks, i - 1)
            if items:
                out.append((t.start, items))
                used.add(i)
                continue
        if i in used or _role(t.word) != "kill":
            continue
        if (t.word in _ACTIVE_KILL or t.word == "death") and i + 1 < len(toks):
            k = i + 1
            if toks[k].word in {"of", "down"} and k + 1 < len(toks):
                k += 1  # "the killing of a commander", "gunned down a soldier"
            one = toks[k].word in _SINGULAR or _the_one(toks, k)
            if one and "number" not in {w.word for w in toks[k + 1 : k + 3]}:
                rest = [w.word for w in toks[k + 1 : k + 6]]
                after_and = rest[rest.index("and") + 1] if "and" in rest[:-1] else ""
                pair = after_and in {"a", "an", "his", "her", "their"}  # "a man and his son", not "and wounded"
                out.append((t.start, 2 if pair else 1))  # "killing a child", "killed a man and his son"
                used.add(i)
                continue
        if t.word in _PASSIVE_KILL:
            window = [w.word for w in toks[max(0, i - 8) : i]]
            for j in range(len(window) - 1, -1, -1):
                if window[j] == "and" and j > 0 and window[j - 1] in _MANNER:
                    continue  # "a woman was shot and killed": one death, told in two verbs
                if window[j] in _STOPS or window[j][0].isdigit() or window[j] in {"were", "are", "and"}:
                    break
                if window[j] in {"a", "an", "one", "another"} and ("was" in window[j:] or t.word in {"died", "succumbed"}):
                    out.append((t.start, 1))  # "a man was killed", "a child died"
                    used.add(i)
                    break
    if len(out) > 1 and re.search(r"\bconflicting\b|\bother sources?\b", text[span.start : span.end], re.IGNORECASE):
        return [min(out, key=lambda o: o[1])]  # sources differ: ACLED takes the most conservative figure
    return out


_AS_MANY_AS = re.compile(r"\s+as\s+\w")  # after "as many" / "as few": "as many as 27"
_LIST_REACH = 16  # tokens back from "were" over a listed subject


def _listed_singulars(text: str, toks: list[_Tok], were: int) -> int:
    """How many singular items ("a civilian", "an officer") a list subject ending at ``were``
    holds, when the list has more than one item (else "a man was killed" reads it)."""
    singles = 0
    items = 0
    for j in range(were - 1, max(-1, were - _LIST_REACH), -1):
        word = toks[j].word
        if word in _STOPS or word in _CLAUSE_STARTS or _role(word) in {"kill", "wound", "other", "subset", "total"}:
            break
        after_and = j > 0 and toks[j - 1].word in {"and", "or"}
        starts_item = j == 0 or after_and or "," in text[toks[j - 1].end : toks[j].start]
        counted = word in {"a", "an"} or _number(word) is not None or _role(word) == "vague"
        if starts_item and items == 0 and after_and and not counted:
            return 0  # "2 civilians, a man and his son": the items name the counted ones
        if starts_item and counted:
            items += 1
            singles += word in {"a", "an"}
        if j == 0 or toks[j - 1].word in _STOPS:
            break
    return singles if items > 1 else 0


def split_parts(text: str) -> int | None:
    """Into how many events a note says its toll was split ("Fatalities spread across two
    locations"; "Distributed fatalities over the activities in A, B and C": one per place named)."""
    m = _SPLIT.search(text)
    if m is not None:
        return _number(m.group(1))
    if _WITH_ANOTHER.search(text):
        return 2
    listed = _OVER_PLACES.search(text)
    if listed is None:
        return None
    places = {p.strip().lower() for p in re.split(r",|\band\b", listed.group(1)) if p.strip()}
    return len(places) if len(places) > 1 else None


__all__ = ["coded_fatalities", "sentence_kills", "split_parts"]
