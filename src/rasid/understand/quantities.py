"""Counts in the text, with what they count and what happened to it.

ACLED codes fatalities from the most conservative figure a report gives, so a
count needs three things besides its value: its bounds ("بين 100 و120", "at
least 5"), whether it is vague ("عشرات" → 12), and its category. The category
comes first from the counted noun ("11 قتيلا", "23 جريحا", "175 جثة"); a noun
that only says *who* ("أشخاص", "عناصر", "soldiers") takes it from the verb
around it, which Arabic puts before the number ("مقتل ثلاثة عناصر", "أصيب 10")
and English often after ("12 soldiers were killed"). Measures (years, ages,
kilometres, money, percentages) and date parts are kept with category "other"
so that nothing downstream mistakes them for casualties.

Vocabularies are data: ``number_words.tsv``, ``counted_nouns.tsv``,
``quantity_cues.tsv``, ``quantity_phrases.tsv``, ``months.tsv``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Generic, TypeVar

from rasid.model import Quantity, Sentence
from rasid.resources import read_table
from rasid.text.matcher import WordMemo
from rasid.text.normalize import NormalizedText, normalize_key
from rasid.understand.numbers import ParsedNumber, lookup_word, parse_number, tokenize

Token = tuple[int, int, str]
T = TypeVar("T")

# Punctuation that ends the clause a cue may reach across.
_STRONG_BREAK = re.compile(r"[.!?؟؛;:\n«»\"()\[\]]")
_SENTENCE_END = re.compile(r"[.!?؟\n]")
_LIFE = re.compile(r"حيات")  # حياته / حياتهم / لحياتهم: "lost their lives"
# Punctuation that ends the phrase a counted noun may be found in.
_ANY_BREAK = re.compile(r"[.!?؟؛;:\n«»\"()\[\],،/]")
# Words that may sit between a counted noun and the verb after it ("were killed", "قد قتلوا").
_AUXILIARIES = frozenset(
    {"were", "was", "have", "has", "had", "been", "are", "is", "reportedly", "also", "all",
     "later", "being", "got", "who", "that", "قد", "ايضا", "جميعا", "جميعهم", "كلهم", "الذين",
     "اللذين", "اللذان", "اللتين", "اللتان", "اللواتي", "اللاتي", "ممن"}
)
# Words skipped between a number and the noun it counts ("110 من عناصر", "18 of them").
_NOUN_SKIP = frozenset({"من", "of", "the"})
_HEDGE = re.compile(r"\b(?:عل[ىي]\s+ال[اأ]قل|at\s+least)\b")
_ASIDE = re.compile(r"^\s*[،,]\s*(?:بينهم|بينهن|منهم|among\s+them|including)\b[^،,.!?؟؛;:\n]{1,40}[،,]")
_LEFT_WINDOW = 7  # tokens a left cue may be from the number
_RIGHT_WINDOW = 3  # auxiliaries allowed between a counted noun and a right cue

_CASUALTIES = frozenset({"killed", "wounded", "arrested", "missing", "bodies", "displaced"})
CATEGORIES = ("killed", "wounded", "arrested", "missing", "bodies", "participants",
              "displaced", "materiel", "other")


@dataclass(frozen=True, slots=True)
class Noun:
    category: str  # a CATEGORIES value, or person / combatant / casualty / unit
    dual: bool = False


@dataclass(frozen=True, slots=True)
class Cue:
    category: str
    side: str  # left / right / both


@dataclass(frozen=True, slots=True)
class Modifier:
    effect: str  # approx / min / max / vague:N / exclude / exclude_year
    position: str  # before / after


@cache
def _nouns() -> dict[str, Noun]:
    """Every written form of every counted noun: definite, accusative and dual forms generated."""
    out: dict[str, Noun] = {}
    for row in read_table("counted_nouns.tsv").rows:
        form = normalize_key(row["form"])
        category = row["category"]
        if row["lang"] != "ar":
            out.setdefault(form, Noun(category))
            continue
        forms = {form: False}
        if row["number"] == "du":
            forms[form] = True
        if row["number"] == "sg" and not form.endswith(("ه", "ا", "ء")):
            forms[form + "ا"] = False  # tamyiz accusative: "27 مقاتلا"
        if row["dual"] == "yes":
            stem = form[:-1] + "ت" if form.endswith("ه") else form
            forms[stem + "ين"] = True
            forms[stem + "ان"] = True
        for written, dual in list(forms.items()):
            forms.setdefault("ال" + written, dual)
        for written, dual in forms.items():
            out.setdefault(written, Noun(category, dual))
    return out


_ENCLITICS = ("هما", "ها", "هم", "هن", "نا", "ه")


@lru_cache(maxsize=65536)
def noun_of(word: str) -> Noun | None:
    """The counted noun ``word`` is: with a و/ف/ب/ل proclitic, a possessive suffix
    ("عناصرها") or in construct ("مقاتلي داعش")."""
    found = _inflected(word)
    if found is None and len(word) > 3 and word[0] in "وفبل" and not word.isascii():
        found = _inflected(word[1:])
    return found


def _proclitic_length(word: str) -> int:
    """1 when ``word`` is a noun only once its first letter (و ف ب ل) is taken off."""
    return 0 if _inflected(word) is not None else 1


def _inflected(word: str) -> Noun | None:
    found = _noun_of(word)
    if found is not None or word.isascii():
        return found
    if word.endswith("ي") and len(word) > 3:
        found = _construct(word)  # construct plural: مقاتلي → مقاتلين
        if found is not None:
            return found
    if word.startswith(("ال", "وال", "بال", "لل")):
        return None  # a possessive suffix never goes with the article: "العنصريه" is an adjective
    for suffix in _ENCLITICS:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            found = _noun_of(stem) or (_construct(stem) if stem.endswith("ي") else None)
            if found is None and stem.endswith("ت"):
                found = _noun_of(stem[:-1] + "ه")  # سيارته → سياره
            if found is not None:
                return found
    return None


def _construct(word: str) -> Noun | None:
    """"مقاتلي داعش", "ضابطي الشرطة": the construct form of a plural or dual in -ين.

    A construct never takes the article, so "العنصري" (an adjective) is none.
    """
    if word.startswith(("ال", "وال", "بال", "لل")):
        return None
    return _noun_of(word + "ن")


def _noun_of(word: str) -> Noun | None:
    nouns = _nouns()
    found = nouns.get(word)
    if found is None and word.startswith("لل") and len(word) > 4:
        found = nouns.get("ال" + word[2:])
    return found


@dataclass(frozen=True, slots=True)
class _Match(Generic[T]):
    start: int  # offsets in the normalised text
    end: int
    value: T


class _PhraseIndex(Generic[T]):
    """Short phrases looked up by their first word over an existing token list.

    The shared PhraseMatcher re-splits the text and tries every proclitic variant of
    every word; for a few hundred cue phrases, indexing by first word and trying
    variants only on candidate words is an order of magnitude faster.
    """

    def __init__(self, phrases: list[tuple[str, T]]) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], T]]] = {}
        for phrase, value in phrases:
            words = tuple(w for _, _, w in tokenize(normalize_key(phrase)))
            if words:
                self.by_first.setdefault(words[0], []).append((words, value))
        for entries in self.by_first.values():
            entries.sort(key=lambda e: -len(e[0]))
        # Per token, its (form, clitic length, entries) for the forms that start a phrase; most
        # tokens start none, and news vocabulary recurs, so one dict lookup then settles it.
        self._memo: WordMemo[tuple[tuple[int, list[tuple[tuple[str, ...], T]]], ...]] = WordMemo()

    def _starting_forms(self, word: str) -> tuple[tuple[int, list[tuple[tuple[str, ...], T]]], ...]:
        if word in self._memo.dead:
            return ()
        return self._memo.remember(word, tuple((skip, entries) for form, skip in _clitic_forms(word)
                                               if (entries := self.by_first.get(form)) is not None))

    def find(self, text: str, tokens: list[Token]) -> list[_Match[T]]:
        out: list[_Match[T]] = []
        n = len(tokens)
        memo = self._memo.found
        dead = self._memo.dead
        after = 0  # the first token not consumed by an earlier match
        for i in [k for k, token in enumerate(tokens) if token[2] not in dead]:
            if i < after:
                continue
            word = tokens[i][2]
            starting = memo.get(word)
            if starting is None:
                starting = self._starting_forms(word)
            if not starting:
                continue
            matched = 0
            for skip, entries in starting:
                for words, value in entries:
                    k = len(words)
                    if i + k > n:
                        continue
                    if all(
                        tokens[i + m][2] == words[m] and not text[tokens[i + m - 1][1] : tokens[i + m][0]].strip()
                        for m in range(1, k)
                    ):
                        out.append(_Match(tokens[i][0] + skip, tokens[i + k - 1][1], value))
                        matched = k
                        break
                if matched:
                    break
            after = i + (matched or 1)
        return out


@lru_cache(maxsize=65536)
def _clitic_forms(word: str) -> list[tuple[str, int]]:
    """The word, then its forms without one proclitic (و ف ب ل ك, وال بال…), with the prefix length."""
    forms = [(word, 0)]
    if len(word) > 3 and word[0] in "وفبلك":
        forms.append((word[1:], 1))
        if word[1] in "بل" and word[0] in "وف" and len(word) > 4:
            forms.append((word[2:], 2))
        if word.startswith("لل"):
            forms.append(("ال" + word[2:], 1))
        if word[1:3] == "ال" and len(word) > 5:
            forms.append((word[3:], 3))
    return forms


@cache
def _cue_matcher() -> _PhraseIndex[Cue]:
    rows = read_table("quantity_cues.tsv").rows
    return _PhraseIndex([(row["cue"], Cue(row["category"], row["side"])) for row in rows])


@cache
def _modifier_matcher() -> _PhraseIndex[Modifier]:
    rows = read_table("quantity_phrases.tsv").rows
    return _PhraseIndex([(row["phrase"], Modifier(row["effect"], row["position"])) for row in rows])


@cache
def _month_words() -> frozenset[str]:
    words: set[str] = set()
    for row in read_table("months.tsv").rows:
        key = normalize_key(row["form"])
        if row["ambiguous"] != "yes":
            words.add(key.split()[0])
    return frozenset(words)


class _Doc:
    """The tokens and phrase matches of one text, with lookups by offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.starts = [t[0] for t in self.tokens]
        self.cues = _cue_matcher().find(text, self.tokens)
        self.cue_ends = [m.end for m in self.cues]
        self.cue_starts = [m.start for m in self.cues]
        # Cues already read as the verb of an earlier count ("one was killed and four
        # others …"): a later count may not borrow them as its own left cue.
        self.used: set[int] = set()
        self.previous: tuple[int, str] | None = None  # end offset and category of the last count
        mods = _modifier_matcher().find(text, self.tokens)
        self.mod_by_end: dict[int, _Match[Modifier]] = {}
        self.mod_by_start: dict[int, _Match[Modifier]] = {}
        for m in mods:
            self.mod_by_end[m.end] = m
            self.mod_by_start[m.start] = m

    def token_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect_left(self.starts, offset)

    def gap(self, a: int, b: int) -> str:
        return self.text[self.tokens[a][1] : self.tokens[b][0]]


def find_quantities(
    norm: NormalizedText, sentences: tuple[Sentence, ...], lang: str
) -> tuple[Quantity, ...]:
    """Every count in the text, in text order, with value, bounds and category."""
    if not norm.text:
        return ()
    doc = _Doc(norm.text)
    out: list[Quantity] = []
    consumed = -1  # last token index already part of a quantity or its counted noun
    i = 0
    n = len(doc.tokens)
    tokens = doc.tokens
    vague_tokens = {
        bisect_right(doc.starts, m.start) - 1
        for m in doc.mod_by_start.values()
        if m.value.effect.startswith("vague:")
    }
    while i < n:
        if i <= consumed:
            i += 1
            continue
        if not (_could_start(tokens[i][2]) or i in vague_tokens):
            i += 1
            continue
        quantity, last = _quantity_at(doc, norm, i)
        if quantity is not None:
            out.append(quantity)
            consumed = last
            i = last + 1
        else:
            i += 1
    return tuple(out)


def _quantity_at(doc: _Doc, norm: NormalizedText, i: int) -> tuple[Quantity | None, int]:
    text, tokens = doc.text, doc.tokens
    start_tok = tokens[i]
    vague_phrase = None
    if doc.mod_by_start:
        for offset in range(start_tok[0], min(start_tok[0] + 4, start_tok[1])):
            vague_phrase = doc.mod_by_start.get(offset)
            if vague_phrase is not None:
                break
    parsed: ParsedNumber | None = None
    if vague_phrase is not None and vague_phrase.value.effect.startswith("vague:"):
        last = doc.token_at(vague_phrase.end) - 1
        parsed = ParsedNumber(int(vague_phrase.value.effect.split(":")[1]), i, max(i, last), True)
    else:
        parsed = parse_number(text, tokens, i)
    if parsed is None:
        noun = noun_of(start_tok[2])
        if noun is not None and noun.dual and not _follows_number(doc, i):
            parsed = ParsedNumber(2, i, i)
            clitic = _proclitic_length(start_tok[2])  # "وطفلين": the count starts after و
            return _build(doc, norm, parsed, counted=i, noun=noun, clitic=clitic)
        return None, i
    if parsed.digits and _is_clock_or_numeric_date(doc, parsed):
        return None, parsed.last
    return _build(doc, norm, parsed, counted=None, noun=None)


@lru_cache(maxsize=65536)
def _could_start(word: str) -> bool:
    """Whether a count can start at this word: digits, a number word or a dual noun."""
    if word[0].isdigit() or lookup_word(word) is not None:
        return True
    noun = noun_of(word)
    return noun is not None and noun.dual


def lookup_joined(word: str) -> bool:
    """True when ``word`` is و + a number word or a dual noun ("وثلاثة", "وطفلين")."""
    if lookup_word(word) is not None:
        return True
    noun = noun_of(word[1:])
    return noun is not None and noun.dual


def _follows_number(doc: _Doc, i: int) -> bool:
    return i > 0 and parse_number(doc.text, doc.tokens, i - 1) is not None


def _is_clock_or_numeric_date(doc: _Doc, parsed: ParsedNumber) -> bool:
    """"10:30", "30/7/2025", "2025-07-30": parts of a time or date, not counts."""
    text, tokens = doc.text, doc.tokens
    end = tokens[parsed.last][1]
    start = tokens[parsed.first][0]
    after = text[end : end + 2]
    before = text[max(0, start - 2) : start]
    return bool(re.match(r"[:/.\-]\d", after) and not re.match(r"-\d", after)) or bool(
        re.search(r"\d[:/]$", before)
    ) or bool(re.match(r"-\d{1,2}-", text[end : end + 4]))


def _build(
    doc: _Doc,
    norm: NormalizedText,
    parsed: ParsedNumber,
    counted: int | None,
    noun: Noun | None,
    clitic: int = 0,
) -> tuple[Quantity, int]:
    tokens = doc.tokens
    value, low, high = parsed.value, None, None
    approximate = parsed.vague
    last = parsed.last
    span_start = tokens[parsed.first][0]
    # A range: "100-120", "بين 100 و120", "من 10 الى 15", "10 to 15", "3 او 4".
    range_end = _range_after(doc, parsed)
    if range_end is not None:
        second, last = range_end
        low, high = min(value, second.value), max(value, second.value)
        value = low
    # Modifiers written before the number ("نحو", "أكثر من", "at least", "عام").
    excluded = False
    mod = doc.mod_by_end.get(span_start)
    if mod is None:
        # allow one space between the modifier and the number
        j = parsed.first
        if j > 0:
            mod = doc.mod_by_end.get(tokens[j - 1][1])
            if mod is not None and doc.gap(j - 1, j).strip():
                mod = None
    # "… سبعة عناصر … وطفلين": a count joined by و to the one before shares its fate.
    first_word = tokens[parsed.first][2]
    inherit = (first_word.startswith("و") and lookup_joined(first_word)) or (
        parsed.first > 0 and tokens[parsed.first - 1][2] == "و"
    )
    mod_inherit = subset = False
    if mod is not None and mod.value.position == "before":
        effect = mod.value.effect
        mod_inherit = effect == "inherit"
        subset = effect == "subset"
        inherit = inherit or mod_inherit
        if effect == "approx":
            approximate = True
        elif effect == "min":
            approximate, low = True, low if low is not None else value
        elif effect == "max":
            approximate, high = True, high if high is not None else value
        elif effect == "exclude":
            excluded = True
        elif effect == "exclude_year" and 1800 <= value <= 2100 and parsed.digits:
            excluded = True
        if effect in {"approx", "min", "max"}:
            span_start = min(span_start, mod.start)
    # The counted noun: after the number ("ثلاثة عناصر", "110 من عناصر"), or before a
    # number that follows its noun ("متظاهرين اثنين", "القتلى الثلاثة").
    if counted is None:
        counted, noun = _noun_after(doc, last)
        if counted is None and not parsed.digits:
            counted, noun = _noun_before(doc, parsed.first)
    counted_last = max(last, counted) if counted is not None and counted > last else last
    # A bound written after the noun: "سبعة من عناصرها على الأقل".
    if counted_last + 1 < len(tokens):
        after = doc.mod_by_start.get(tokens[counted_last + 1][0])
        if after is not None and after.value.position == "after" and not doc.gap(counted_last, counted_last + 1).strip(",، "):
            if after.value.effect == "min":
                approximate, low = True, low if low is not None else value
            elif after.value.effect == "approx":
                approximate = True
    # What the number is: a date part or a year is no count of anything.
    if parsed.digits and _is_date_part(doc, parsed, last, noun):
        excluded = True
    category = "other" if excluded else _category(doc, parsed.first, counted_last, noun)
    previous = doc.previous
    if (
        inherit
        and previous is not None
        and previous[1] in _CASUALTIES
        and category in {"other", "participants"}
        and not (_SENTENCE_END if mod_inherit else _ANY_BREAK).search(doc.text, previous[0], span_start)
    ):
        category = previous[1]
    if previous is not None and not _SENTENCE_END.search(doc.text, previous[0], span_start):
        if subset or (inherit and previous[1] == "subset"):
            # "أربعة قتلى، بينهم امرأتان": part of the count before, not a second count
            category = "subset"
    doc.previous = (tokens[counted_last][1], category)
    if category == "subset":
        category = "other"
    if counted is not None:
        doc.used.add(tokens[counted][0])
    span_end = tokens[last][1]
    counted_start = tokens[counted][0] + clitic if counted is not None else 0
    counted_span = (
        norm.to_original(counted_start, tokens[counted][1], "expand") if counted is not None else None
    )
    if counted is not None and counted == parsed.first:  # a dual noun counts itself
        span_start, span_end = counted_start, tokens[counted][1]
    span = norm.to_original(span_start, span_end, "expand")
    quantity = Quantity(
        span=span,
        text=span.text_of(norm.original),
        value=value,
        low=low,
        high=high,
        approximate=approximate,
        category=category,
        counted=None if excluded and noun is None else counted_span,
    )
    return quantity, counted_last


def _range_after(doc: _Doc, parsed: ParsedNumber) -> tuple[ParsedNumber, int] | None:
    text, tokens = doc.text, doc.tokens
    j = parsed.last + 1
    if j >= len(tokens):
        return None
    gap = doc.gap(parsed.last, j)
    before = tokens[parsed.first - 1][2] if parsed.first > 0 else ""
    nxt = tokens[j][2]
    second: ParsedNumber | None = None
    if gap.strip() in {"-", "–", "—"} and parsed.digits:
        second = parse_number(text, tokens, j)
    elif not gap.strip() and j + 1 < len(tokens) and not doc.gap(j, j + 1).strip(" "):
        joiner_ok = nxt in {"الي", "حتي", "او", "to", "or"} or (
            nxt in {"و", "and"} and before in {"بين", "between"}
        )
        if joiner_ok:
            second = parse_number(text, tokens, j + 1)
    if second is None or second.vague or second.value < parsed.value or second.value > parsed.value * 20 + 20:
        return None
    return second, second.last


def _noun_after(doc: _Doc, last: int) -> tuple[int | None, Noun | None]:
    tokens = doc.tokens
    unknown = 0
    j = last + 1
    while j < len(tokens) and j <= last + 4:
        gap = doc.gap(j - 1, j)
        abbreviation = gap.strip() == "." and len(tokens[j - 1][2]) == 1  # "two U.S. soldiers"
        if _ANY_BREAK.search(gap) and not abbreviation:
            break
        word = tokens[j][2]
        noun = noun_of(word)
        if noun is not None:
            return j, noun
        if word in _NOUN_SKIP:
            j += 1
            continue
        if word.isascii() and word.isalpha() and unknown < 2 and parse_number(doc.text, tokens, j) is None:
            unknown += 1  # English adjectives: "five Syrian soldiers"
            j += 1
            continue
        break
    return None, None


def _noun_before(doc: _Doc, first: int) -> tuple[int | None, Noun | None]:
    if first == 0 or _ANY_BREAK.search(doc.gap(first - 1, first)):
        return None, None
    noun = noun_of(doc.tokens[first - 1][2])
    if noun is None:
        return None, None
    return first - 1, noun


def _is_date_part(doc: _Doc, parsed: ParsedNumber, last: int, noun: Noun | None) -> bool:
    """A day before a month name, a year after one, or a bare 4-digit year."""
    tokens = doc.tokens
    months = _month_words()
    if last + 1 < len(tokens) and tokens[last + 1][2].removeprefix("من") in months:
        return True
    if last + 2 < len(tokens) and tokens[last + 1][2] in {"من", "of"} and tokens[last + 2][2] in months:
        return True
    if parsed.first > 0 and tokens[parsed.first - 1][2] in months:
        return True
    value = parse_number(doc.text, tokens, parsed.first)
    is_yearish = value is not None and 1900 <= value.value <= 2100 and len(tokens[parsed.first][2]) == 4
    return is_yearish and (noun is None or noun.category == "unit")


def _category(doc: _Doc, first: int, last: int, noun: Noun | None) -> str:
    if noun is not None:
        if noun.category == "unit":
            return "other"
        if noun.category in CATEGORIES:
            return noun.category
    cue = _right_cue(doc, last) or _left_cue(doc, first, near=noun is not None or _bare(doc, last))
    if cue is not None:
        return cue
    if noun is not None and noun.category == "combatant":
        return "participants"
    return "other"


def _bare(doc: _Doc, last: int) -> bool:
    """True when nothing but punctuation or a function word follows the number."""
    j = last + 1
    if j >= len(doc.tokens) or _ANY_BREAK.search(doc.gap(last, j)):
        return True
    return doc.tokens[j][2] in {"في", "من", "بين", "خلال", "جراء", "اثر", "in", "and", "و", "after", "when"}


def _right_cue(doc: _Doc, last: int) -> str | None:
    end = doc.tokens[last][1]
    k = bisect_left(doc.cue_starts, end)
    if k >= len(doc.cues):
        return None
    match = doc.cues[k]
    if match.value.side == "left":
        return None
    # A hedge or an aside may part the count from its verb: "22 شخصا على الاقل قتلوا",
    # "ثمانية اشخاص، بينهم طفلان، قتلوا".
    between = _ASIDE.sub(" ", _HEDGE.sub(" ", doc.text[end : match.start]))
    if _ANY_BREAK.search(between):
        return None
    words = [w for _, _, w in tokenize(between)]
    if words and words[0] in {"من", "of", "from"}:
        words = words[3:]  # a short complement: "47 عنصرا من التنظيم قتلوا"
    elif words and words[0].startswith("ال"):
        words = words[1:]  # the noun's complement: "ضابطي الشرطة اللذين استشهدا"
    if len(words) > _RIGHT_WINDOW or any(w not in _AUXILIARIES for w in words):
        return None
    doc.used.add(match.start)
    return match.value.category


def _left_cue(doc: _Doc, first: int, near: bool) -> str | None:
    start = doc.tokens[first][0]
    k = bisect_right(doc.cue_ends, start) - 1
    limit = _LEFT_WINDOW if near else 3
    here = doc.token_at(start)
    while k >= 0:
        match = doc.cues[k]
        if here - doc.token_at(match.end) > limit:
            return None
        if _STRONG_BREAK.search(doc.text, match.end, start):
            return None
        if match.value.side == "right" or match.start in doc.used:
            k -= 1
            continue
        if match.value.category == "killed_if_life":
            stop = _SENTENCE_END.search(doc.text, start)
            window = doc.text[start : stop.start() if stop else len(doc.text)][:200]
            return "killed" if _LIFE.search(window) else None
        return match.value.category
    return None
