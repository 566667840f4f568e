"""Numbers written in digits or in words, Arabic and English.

Reporters write counts every way at once ("27", "٢٧", "سبعة وعشرون", "ثلاثة آلاف",
"twenty-seven", "dozens"); the counting logic in :mod:`rasid.understand.quantities`
needs one integer for each. This module reads a run of word tokens as a number:
Arabic joins the parts of a compound with the proclitic و and puts the unit before
the ten ("سبعة وعشرون"), English joins them with a hyphen or "and". Vocabulary
lives in ``data/number_words.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from rasid.resources import read_table
from rasid.text.matcher import split_spans
from rasid.text.normalize import normalize_key

# A word in the normalised text, or a run of digits with thousands separators / a decimal point.
TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_TOKEN_SPLIT = re.compile("(" + TOKEN_RE.pattern + ")")  # captured, so that split() keeps the tokens
_DIGITS_RE = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS_RE = re.compile(r"\d{1,3}(?:,\d{3})+")

# Proclitics a number word may carry, longest first. "ال" makes "الثلاثه" (the three).
_CLITICS = ("وال", "بال", "فال", "لل", "ال", "و", "ف", "ب", "ل")
_CLITIC_INITIALS = frozenset(c[0] for c in _CLITICS)
# Kinds that may follow another number word without a connector.
_MULTIPLIERS = frozenset({"teen", "hundred_mult", "thousand", "million"})
_ADDITIVE = frozenset({"unit", "ten", "hundred", "hundred_mult", "thousand_value", "teen"})


@dataclass(frozen=True, slots=True)
class NumberWord:
    value: int
    kind: str
    lang: str


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """A number read from tokens ``[first, last]`` (inclusive) of a token list."""

    value: int
    first: int
    last: int
    vague: bool = False
    digits: bool = False


@cache
def number_words() -> dict[str, NumberWord]:
    table = read_table("number_words.tsv")
    return {
        normalize_key(row["word"]): NumberWord(int(row["value"]), row["kind"], row["lang"])
        for row in table.rows
    }


@lru_cache(maxsize=65536)
def lookup_word(word: str) -> tuple[NumberWord, str] | None:
    """The number word ``word`` is, with the proclitic it carries ("" if none)."""
    words = number_words()
    entry = words.get(word)
    if entry is not None:
        return entry, ""
    if word[:1] not in _CLITIC_INITIALS:
        return None  # no proclitic can start it
    for clitic in _CLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 2:
            entry = words.get(word[len(clitic) :])
            # "الاثنين" is Monday and "الاحد" Sunday: a definite 1 or 2 is never a count here.
            if entry is not None and entry.lang == "ar":
                if "ال" in clitic and entry.value <= 2 and entry.kind in {"unit", "teen_only"}:
                    return None
                return entry, clitic
    return None


# No count in a report comes near this; longer digit runs (hostile input) would overflow
# a float or a SQLite INTEGER (9.2e18) downstream, so they are not numbers.
_MAX_NUMBER = 1e15


def parse_digits(token: str) -> float | None:
    """``"1,200"`` → 1200, ``"2.5"`` → 2.5, ``"27"`` → 27; None if not digits."""
    if not _DIGITS_RE.fullmatch(token):
        return None
    if _THOUSANDS_RE.fullmatch(token):
        return float(token.replace(",", ""))
    if token.count(".") == 1 and "," not in token:
        return float(token)
    if "." in token or "," in token:
        # "3,5" (decimal comma) or an odd mixture: keep the integer part only.
        return float(re.split(r"[.,]", token)[0])
    return float(token)


def parse_number(text: str, tokens: list[tuple[int, int, str]], i: int) -> ParsedNumber | None:
    """Read the number that starts at token ``i``, or None if none starts there."""
    if not 0 <= i < len(tokens):
        return None
    first = tokens[i][2]
    total = 0.0
    current = 0.0
    vague = False
    digits = False
    prev_kind = ""
    multiplier = 1.0  # the last thousand/million multiplier read
    k = i
    value = parse_digits(first)
    if value is not None:
        current = value
        digits = True
        prev_kind = "digits"
    else:
        found = lookup_word(first)
        if found is None:
            return None
        entry, _ = found
        if entry.kind == "teen_only":
            nxt = _next_word(text, tokens, i)
            if nxt is None or nxt[0].kind != "teen" or nxt[1]:
                return None
        if entry.kind == "vague":
            vague = True
        if entry.kind in {"thousand", "million"}:
            if tokens[i][2].endswith(("الاف", "ملايين")):
                vague = True
            multiplier = float(entry.value)
            current = float(entry.value)
        else:
            current = float(entry.value)
        prev_kind = entry.kind
    while k + 1 < len(tokens):
        gap = text[tokens[k][1] : tokens[k + 1][0]]
        nxt_word = tokens[k + 1][2]
        step = 1
        if nxt_word == "and" and gap.strip() == "" and k + 2 < len(tokens) and prev_kind in {"hundred_mult", "thousand"}:
            step = 2  # "one hundred and twenty"
            gap = text[tokens[k + 1][1] : tokens[k + 2][0]]
            nxt_word = tokens[k + 2][2]
        if gap.strip() not in {"", "-"}:
            break
        if prev_kind in {"thousand", "million"} and k + step + 1 < len(tokens) and not gap.strip():
            after = tokens[k + step + 1][2]
            joined_gap = text[tokens[k + step][1] : tokens[k + step + 1][0]]
            if nxt_word == "و" and not joined_gap.strip() and parse_digits(after) is not None:
                # "3 آلاف و500": the rest in digits after the written thousands
                rest = parse_digits(after) or 0.0
                if rest < multiplier:
                    current += rest
                    prev_kind = "digits"
                    k += step + 1
                    continue
        if nxt_word in {"ونصف", "ونص"} and prev_kind in {"thousand", "million"}:
            total += multiplier / 2  # "مليون ونصف": a million and a half
            k += step
            prev_kind = "half"
            continue
        found = lookup_word(nxt_word)
        if found is None:
            break
        entry, clitic = found
        joined = clitic == "و" or step == 2 or (entry.lang == "en" and prev_kind in {"ten", "hundred_mult", "thousand", "million"})
        if entry.kind == "teen" and not clitic and prev_kind in {"unit", "teen_only"} and current % 10 == current:
            current += 10
        elif entry.kind == "hundred_mult" and not clitic and prev_kind in {"unit", "digits"} and 0 < current < 10:
            current *= 100
        elif entry.kind in {"thousand", "million"} and clitic in {"", "ال"} and prev_kind != entry.kind:
            if prev_kind == "vague":
                current = 10.0  # "عشرات الآلاف": tens of thousands
            total = (total + max(current, 1.0)) * entry.value
            multiplier = float(entry.value)
            current = 0.0
        elif entry.kind in _ADDITIVE and joined and entry.kind != "teen" and prev_kind != "digits":
            if entry.kind == "unit" and entry.lang == "ar" and prev_kind == "unit":
                break
            current += entry.value
        else:
            break
        prev_kind = entry.kind
        k += step
    if prev_kind == "teen_only" or not total + current < _MAX_NUMBER:  # also catches inf and nan
        return None
    result = int(total + current)
    if result <= 0 and not vague:
        return None
    return ParsedNumber(result, i, k, vague, digits)


def _next_word(
    text: str, tokens: list[tuple[int, int, str]], i: int
) -> tuple[NumberWord, str] | None:
    if i + 1 >= len(tokens) or text[tokens[i][1] : tokens[i + 1][0]].strip():
        return None
    return lookup_word(tokens[i + 1][2])


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Words and digit runs of a normalised text, with their offsets.

    The last text's list is kept, as the dates and quantities stages both read the same
    document: callers must not change the list they get.
    """
    global _last_tokens
    cached = _last_tokens  # one read: another thread may replace it meanwhile
    if cached[0] is text:
        return cached[1]
    tokens = split_spans(_TOKEN_SPLIT, text)
    if len(text) > 200:  # a document; short phrases would only evict it
        _last_tokens = (text, tokens)
    return tokens


_last_tokens: tuple[str, list[tuple[int, int, str]]] = ("", [])
