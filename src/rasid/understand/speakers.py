"""Speaker phrases: who a statement is attributed to, their role, and who "he" is.

News writing names a speaker once in full ("Name, the role of X") and then
refers back with a dropped subject ("وأضاف", "added"), a pronoun, a
definite description ("المسؤول الكردي", "the official") or a surname. The
gold annotates the resolved name, so quotes are linked back here. All
offsets are in the *normalised* text; the caller maps them to the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from rasid.resources import read_table
from rasid.text.normalize import normalize_key

_WORD = re.compile(r"[^\W_]+(?:[-'.][^\W_]+)*\.?")


@cache
def function_words(kind: str) -> frozenset[str]:
    """One class of function words from ``quote_function_words.tsv`` (name particles, adverbs …)."""
    return frozenset(
        normalize_key(r["word"]) for r in read_table("quote_function_words.tsv").rows if r["type"] == kind
    )


@dataclass(frozen=True, slots=True)
class Lexicon:
    roles: frozenset[str]
    person_roles: frozenset[str]
    titles: frozenset[str]
    stops: tuple[tuple[str, ...], ...]
    stops_by_first: dict[str, tuple[tuple[str, ...], ...]]
    recipients: tuple[str, ...]
    pronouns: frozenset[str]
    generic: frozenset[str]
    # The recipients that start with the preposition ل, matched as a whole written word too.
    lam_recipients: frozenset[str] = frozenset()


@cache
def lexicon(lang: str) -> Lexicon:
    """The speaker-phrase words of one language, from ``speaker_roles.tsv``."""
    lang = "en" if lang == "en" else "ar"
    rows = [r for r in read_table("speaker_roles.tsv").rows if r["lang"] == lang]

    def of(kind: str) -> list[str]:
        return [r["word"] for r in rows if r["type"] == kind]

    stops = tuple(sorted({tuple(normalize_key(w).split()) for w in of("stop")}, key=len, reverse=True))
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for stop in stops:
        by_first.setdefault(stop[0], []).append(stop)
    recipients = tuple(w if "«" in w or '"' in w else normalize_key(w) for w in of("recipient"))
    return Lexicon(
        roles=frozenset(normalize_key(w) for w in of("role") + of("body")),
        person_roles=frozenset(normalize_key(w) for w in of("role")),
        titles=frozenset(normalize_key(w).rstrip(".") for w in of("title")),
        stops=stops,
        stops_by_first={k: tuple(v) for k, v in by_first.items()},
        recipients=recipients,
        pronouns=frozenset(normalize_key(w) for w in of("pronoun")),
        generic=frozenset(normalize_key(w) for w in of("generic")),
        lam_recipients=frozenset(w for w in recipients if w[:1] == "ل"),
    )


@dataclass(frozen=True, slots=True)
class SpeakerPhrase:
    """A parsed speaker: ``name`` is the person or body, ``role`` the apposition."""

    name: tuple[int, int]
    role: tuple[int, int] | None = None


def words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    # pos/endpos bound the search like a slice would (the pattern has no anchors or lookbehind),
    # without copying the window and shifting every offset.
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]


def strip_article(word: str) -> str:
    for prefix in ("وال", "بال", "لل", "ال"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix):]
    return word


def is_role_word(word: str, lex: Lexicon, person: bool = False) -> bool:
    """A head noun of a description; ``person`` excludes bodies (ministry, statement)."""
    roles = lex.person_roles if person else lex.roles
    w = strip_article(word.lower().rstrip("."))
    # Feminine and sound plural forms share the head noun: ناشطة/ناشطات -> ناشط.
    return w in roles or (w.endswith("ه") and w[:-1] in roles) or (w.endswith("ات") and w[:-2] in roles)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past spaces and punctuation, keeping quote marks that are balanced."""
    junk = " \n\t,،:;-–—."
    while True:
        before = (start, end)
        while start < end and text[start] in junk:
            start += 1
        while end > start and text[end - 1] in junk:
            end -= 1
        # Parentheses go only when unbalanced: "(سبأ)" stays, "(AFP" loses its "(".
        if end > start and text[start] == "(" and ")" not in text[start:end]:
            start += 1
        if end > start and text[end - 1] == ")" and "(" not in text[start:end]:
            end -= 1
        if (start, end) == before:
            break
    if end > start and text[start] == "«" and "»" not in text[start:end]:
        start += 1
    if end > start and text[end - 1] == "»" and "«" not in text[start:end]:
        end -= 1
    if end > start and text[start:end].count('"') % 2 == 1:  # an unbalanced straight quote mark
        if text[start] == '"':
            start += 1
        elif text[end - 1] == '"':
            end -= 1
    return start, end


def cut_stops(text: str, start: int, end: int, lang: str) -> int:
    """Where a speaker phrase ends: before time words, "in a statement", recipients, relatives."""
    lex = lexicon(lang)
    ws = words(text, start, end)
    for i, (s, _, w) in enumerate(ws):
        if w in {"وهو", "وهي"} and i and re.search(r"[،,]", text[ws[i - 1][1] : s]):
            continue  # "المصدر، وهو ضابط …": an apposition giving the role, not a relative clause
        if i > 0 or lang != "en":
            for stop in lex.stops_by_first.get(w, ()):
                if tuple(x for _, _, x in ws[i:i + len(stop)]) == stop:
                    return s
        if lang == "ar":
            # One C-level test over all recipients instead of a Python loop per word.
            if text.startswith(lex.recipients, s) or w in lex.lam_recipients:
                return s
    return end


def parse_arabic(text: str, start: int, end: int) -> SpeakerPhrase | None:
    """Split "NAME ROLE" / "ROLE، NAME" / "ROLE TITLE NAME" after an Arabic cue verb."""
    lex = lexicon("ar")
    end = cut_stops(text, start, end, "ar")
    region = text[start:end]
    colon = re.search(r":\s*[«\"]", region)
    if colon:
        end = start + colon.start()  # "وقال X: «…": the quote is not part of the speaker
    else:  # an opening mark never closed inside the phrase starts the quotation
        for i, ch in enumerate(region):
            if (ch == "«" and "»" not in region[i:]) or (ch == '"' and region[:i].count('"') % 2 == 0
                                                          and '"' not in region[i + 1 :]):
                end = start + i
                break
    start, end = _trim(text, start, end)
    if end <= start:
        return None
    parts = _comma_parts(text, start, end)
    first = parts[0]
    ws = words(text, *first)
    if not ws:
        return None
    if len(ws) > 14:
        first = (ws[0][0], ws[13][1])
        ws = ws[:14]
    rest = parts[1:]
    head_is_role = (is_role_word(ws[0][2], lex) or ws[0][2] in {"احد", "المصدران", "مصدران"}) and (
        ws[0][2] not in lex.titles)
    if head_is_role:
        for i, (s, _, w) in enumerate(ws[1:], 1):
            if w in lex.titles:
                return SpeakerPhrase((s, first[1]), _trim(text, first[0], ws[i - 1][1]))
        if rest:
            nxt = rest[0]
            nws = words(text, *nxt)
            if nws and nws[0][2] in {"وهو", "وهي"} and len(nws) > 1:
                return SpeakerPhrase(first, _trim(text, nws[1][0], nxt[1]))
            if nws and 1 <= len(nws) <= 3 and not is_role_word(nws[0][2], lex) and nws[0][2] not in {
                "الذي", "التي", "الذين", "اللذان", "اللتان", "علي", "الي", "في", "من", "عن", "مع"
            } and not nws[0][2].startswith("ال") and nws[0][2] not in lex.stops_by_first:
                return SpeakerPhrase(_trim(text, *nxt), first)
        # "الناطق باسم الحكومة محمد سالم": a definite role phrase, then two or three bare words
        # (no article, no role noun) at the end read as the person's name.
        if is_role_word(ws[0][2], lex, person=True) and len(ws) >= 4:
            tail = 0
            while tail < min(3, len(ws) - 2) and _bare(ws[-1 - tail][2], lex):
                tail += 1
            if tail >= 2 and ws[-1 - tail][2].startswith("ال") and not _bare(ws[-1 - tail][2], lex):
                cut = len(ws) - tail
                return SpeakerPhrase((ws[cut][0], first[1]), _trim(text, first[0], ws[cut - 1][1]))
        return SpeakerPhrase(first, None)
    for i, (s, _, w) in enumerate(ws[1:], 1):
        if is_role_word(w, lex, person=True) and w.startswith("ال"):
            return SpeakerPhrase(_trim(text, first[0], ws[i - 1][1]), _trim(text, s, first[1]))
    if rest:
        nws = words(text, *rest[0])
        if nws and (is_role_word(nws[0][2], lex) or nws[0][2] in {"التابع", "التابعه"}):
            return SpeakerPhrase(first, _trim(text, *rest[0]))
    return SpeakerPhrase(first, None)


def _bare(word: str, lex: Lexicon) -> bool:
    """A word that can be part of a personal name: no article, no preposition, no role noun."""
    return not (word.startswith(("ال", "لل", "بال", "وال")) or word.isdigit() or is_role_word(word, lex)
                or word in lex.stops_by_first or word in {"باسم", "في", "من", "عن", "مع", "علي", "الي"})


def _comma_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = start
    depth = 0
    for i in range(start, end):
        ch = text[i]
        if ch in "«(":
            depth += 1
        elif ch in "»)":
            depth = max(0, depth - 1)
        elif ch in ",،" and depth == 0:
            out.append(_trim(text, pos, i))
            pos = i + 1
    out.append(_trim(text, pos, end))
    return [p for p in out if p[1] > p[0]] or [(start, end)]


def _capitalised(original: str, ws: list[tuple[int, int, str]]) -> bool:
    """All words of a span start with a capital (particles aside): a proper name."""
    caps = [w for _, _, w in ws if w.lower() not in function_words("name_particle")]
    return bool(caps) and all(w[:1].isupper() for w in caps)


def parse_english(text: str, original_words: list[tuple[int, int, str]], start: int, end: int,
                  before_verb: bool) -> SpeakerPhrase | None:
    """Parse an English speaker phrase; ``original_words`` keeps capitals (the text is lowercased)."""
    lex = lexicon("en")
    if not before_verb:
        end = cut_stops(text, start, end, "en")
    start, end = _trim(text, start, end)
    if end <= start:
        return None
    parts = _comma_parts(text, start, end)
    cap = {s: w for s, _, w in original_words}

    def orig_ws(span: tuple[int, int]) -> list[tuple[int, int, str]]:
        return [(s, e, cap.get(s, w)) for s, e, w in words(text, *span)]

    def name_like(span: tuple[int, int]) -> bool:
        ws = orig_ws(span)
        return (len(ws) >= 2 or (len(ws) == 1 and ws[0][2].lower() not in function_words("not_a_name"))) and \
            _capitalised(text, ws) and not any(is_role_word(w, lex) for _, _, w in ws[-1:])

    def role_like(span: tuple[int, int]) -> bool:
        return any(is_role_word(w, lex) for _, _, w in orig_ws(span))

    # Drop participial and relative asides ("speaking on condition of anonymity", "who fled").
    def aside(p: tuple[int, int], last: bool) -> bool:
        ws = orig_ws(p)
        if not ws:
            return True
        first = ws[0][2].lower()
        return first.endswith("ing") or (first in {"who", "which"} and not last)

    if len(parts) > 1 or not before_verb:
        parts = [p for i, p in enumerate(parts) if not aside(p, before_verb and i == len(parts) - 1)]
    if not parts:
        return None
    if before_verb:
        last = parts[-1]
        prev = parts[-2] if len(parts) >= 2 else None
        if len(parts) == 2 and prev is not None and role_like(last) and name_like(prev):
            return SpeakerPhrase(prev, last)
        if len(parts) == 2 and prev is not None and name_like(last) and role_like(prev):
            return SpeakerPhrase(last, prev)
        span = last
    else:
        span = parts[0]
        if len(parts) >= 2 and (role_like(parts[1]) or words(text, *parts[1])[0][2] in {"a", "an", "the"}):
            return _split_title(text, orig_ws, span, lex, parts[1])
    ws = orig_ws(span)
    # Leading sentence adverbs and relative/conjunction words are not part of the subject.
    cut = 0
    for i, (_, _, w) in enumerate(ws):
        if w.lower() in {"which", "who", "that", "when", "while", "as", "after", "because", "if", "where"}:
            cut = i + 1
    ws = ws[cut:]
    while ws and ws[0][2].lower() in function_words("leading_adverb"):
        ws = ws[1:]
    while ws and (ws[-1][2].lower() in {"has", "have", "had", "will", "would", "also", "again", "later", "then"}
                  or (ws[-1][2].lower().endswith("ly") and len(ws) > 1 and ws[-1][2][:1].islower())):
        ws = ws[:-1]
    if not ws or len(ws) > 12:
        return None
    return _split_title(text, orig_ws, (ws[0][0], ws[-1][1]), lex, None)


def _split_title(text: str, orig_ws: object, span: tuple[int, int], lex: Lexicon,
                 role: tuple[int, int] | None) -> SpeakerPhrase:
    """"Army Spokesman Colonel X Y" -> role "Army Spokesman", name "Colonel X Y"."""
    assert callable(orig_ws)
    ws: list[tuple[int, int, str]] = orig_ws(span)
    if role is None and len(ws) >= 3:
        for i, (s, _, w) in enumerate(ws[1:], 1):
            if w.rstrip(".") in lex.titles and w[:1].isupper():
                return SpeakerPhrase((s, span[1]), (span[0], ws[i - 1][1]))
        for i, (_, e, w) in enumerate(ws[:-1]):
            if is_role_word(w, lex) and all(x[:1].isupper() for _, _, x in ws[i + 1:]) and len(ws) - i - 1 >= 2:
                return SpeakerPhrase((ws[i + 1][0], span[1]), (span[0], e))
    return SpeakerPhrase(span, role)


@lru_cache(maxsize=4096)
def key_words(text: str) -> tuple[str, ...]:
    """Comparison words of a name or role: normalised, no quote marks, no Arabic article."""
    return tuple(strip_article(w) for w in re.sub(r"[«»\"()]", " ", normalize_key(text)).split())


@dataclass(slots=True)
class Entity:
    """One speaker as first introduced: full text, role text, and whether it is a person named."""

    name: str
    name_span: tuple[int, int]
    role: str | None
    role_span: tuple[int, int] | None
    named: bool
    feminine: bool


def guess_feminine(name: str, lang: str) -> bool:
    """Arabic verbs agree in gender: bodies, plurals of things and sources take the feminine."""
    if lang == "en":
        return False
    ws = normalize_key(name).split()
    if not ws:
        return False
    head = strip_article(ws[0])
    return head.endswith(("ه", "ات")) or head in {"مصادر", "قوات", "تقارير", "وسائل", "حسابات", "شبكات"}
