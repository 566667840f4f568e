"""Dates and periods, resolved against the publication date.

News reports date events mostly by deixis ("اليوم الخميس", "أمس", "مساء الثلاثاء",
"الأسبوع الماضي", "last week"), and sometimes absolutely, in any of the Arabic month
systems ("30 تموز/يوليو", "أغسطس (آب)", "جويلية", "January 3, 2019"). Rules, not a
date library: the forms are few, and rules resolve each against the publication
date the way ACLED codes it (a weekday is the most recent such day on or before
publication, unless "المقبل"/"next" says otherwise; vague spans get week or month
precision).

An expression is ``historical`` when its whole period ends more than
:data:`HISTORICAL_DAYS` days before publication: a news report of a new event
comes within days of it, so anything a month older is background the article
recalls (ACLED's own reporting lag is about a week; a month leaves a margin for
weekly and monthly round-ups). A different year alone is not enough: a report
of 2 January recalls 30 December as news.

Vocabularies are data: ``months.tsv``, ``weekdays.tsv``, ``relative_dates.tsv``,
``day_ordinals.tsv``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

from rasid.model import Sentence, TimeExpression
from rasid.resources import read_table
from rasid.text.normalize import NormalizedText, normalize_key
from rasid.understand.numbers import number_words, parse_number, tokenize

HISTORICAL_DAYS = 30

Token = tuple[int, int, str]

_PAST = frozenset({"الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفائت", "السابق", "last", "past"})
_FUTURE = frozenset({"المقبل", "المقبله", "القادم", "القادمه", "next", "coming"})
_CURRENT = frozenset({"الجاري", "الحالي", "this"})
# Words that name a part of a day, week or month: kept in the span, no change of value.
_DAY_PARTS = frozenset(
    {"يوم", "صباح", "مساء", "ليل", "ليله", "فجر", "ظهر", "عصر", "صبيحه", "ظهيره", "ضحي",
     "on", "early", "late"}
)
# Qualifiers of a month, week or year ("أواخر مارس", "مطلع الأسبوع المقبل", "early March").
_QUALIFIERS = frozenset(
    {"مطلع", "اوائل", "بدايه", "اواخر", "نهايه", "منتصف", "اواسط", "اخر", "اول", "اوسط",
     "mid", "early", "late", "end"}
)
_YEAR_WORDS = frozenset({"عام", "العام", "سنه", "السنه", "year", "in", "since", "of", "during"})
_DAY_UNITS = {
    "يوم": ("day", 1), "يوما": ("day", 1), "ايام": ("day", 0), "يومين": ("day", 2),
    "اسبوع": ("week", 1), "اسبوعا": ("week", 1), "اسابيع": ("week", 0), "اسبوعين": ("week", 2),
    "شهر": ("month", 1), "شهرا": ("month", 1), "اشهر": ("month", 0), "شهور": ("month", 0),
    "شهرين": ("month", 2), "عام": ("year", 1), "عاما": ("year", 1), "اعوام": ("year", 0),
    "عامين": ("year", 2), "سنه": ("year", 1), "سنوات": ("year", 0), "سنتين": ("year", 2),
    "day": ("day", 1), "days": ("day", 0), "week": ("week", 1), "weeks": ("week", 0),
    "month": ("month", 1), "months": ("month", 0), "year": ("year", 1), "years": ("year", 0),
}
_NUMERIC_DATE = re.compile(r"(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})(?![\d/.\-])")
_ISO_DATE = re.compile(r"(?<![\d/.\-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d\-])")


@dataclass(frozen=True, slots=True)
class _Rel:
    unit: str
    offset: int
    precision: int


@cache
def _months() -> dict[tuple[str, ...], tuple[int, bool]]:
    out: dict[tuple[str, ...], tuple[int, bool]] = {}
    for row in read_table("months.tsv").rows:
        out[tuple(normalize_key(row["form"]).split())] = (int(row["month"]), row["ambiguous"] == "yes")
    return out


@cache
def _weekdays() -> dict[str, int]:
    return {normalize_key(r["form"]): int(r["weekday"]) for r in read_table("weekdays.tsv").rows}


@cache
def _relatives() -> dict[tuple[str, ...], _Rel]:
    return {
        tuple(normalize_key(r["phrase"]).split()): _Rel(r["unit"], int(r["offset"]), int(r["precision"]))
        for r in read_table("relative_dates.tsv").rows
    }


@cache
def _ordinals() -> dict[tuple[str, ...], int]:
    return {tuple(normalize_key(r["form"]).split()): int(r["day"]) for r in read_table("day_ordinals.tsv").rows}


@cache
def _starts() -> dict[str, frozenset[str]]:
    """For each parser, the words an expression it reads can start with."""
    months = {key[0] for key in _months()}
    return {
        "absolute": frozenset(months | _QUALIFIERS | {key[0] for key in _ordinals()} | {"شهر"}),
        "weekday": frozenset(set(_weekdays()) | _DAY_PARTS | {"اليوم", "امس", "الامس", "last", "next", "this"}),
        "relative": frozenset({key[0] for key in _relatives()} | _QUALIFIERS),
        "ago": frozenset({"قبل", "منذ"} | set(number_words())),
        "year": frozenset(_YEAR_WORDS | {"في"}),
    }


@cache
def _triggers() -> frozenset[str]:
    """Words a date expression can start with: only tokens among them are parsed further."""
    words: set[str] = set(_weekdays()) | _QUALIFIERS | _DAY_PARTS | _YEAR_WORDS
    words |= {key[0] for key in _months()} | {key[0] for key in _relatives()}
    words |= {key[0] for key in _ordinals()}
    words |= {"قبل", "منذ", "في", "اليوم", "امس", "الامس", "last", "next", "this", "شهر"}
    words |= set(number_words())
    return frozenset(words)


@lru_cache(maxsize=65536)
def _variants(word: str) -> tuple[str, ...]:
    """The word and its forms without one proclitic (و ف ب ل), and لل → ال."""
    out = [word]
    if len(word) > 3 and word[0] in "وفبل":
        out.append(word[1:])
    if word.startswith("لل") and len(word) > 4:
        out.append("ال" + word[2:])
    if word.startswith(("وال", "بال", "فال")) and len(word) > 5:
        out.append(word[1:])
    return tuple(out)


@dataclass
class _Found:
    first: int  # token indices, inclusive
    last: int
    value: str | None
    precision: int
    end: date | None  # last day of the period, for the historical flag


class _Reader:
    def __init__(self, norm: NormalizedText, published: date | None) -> None:
        self.text = norm.text
        self.tokens: list[Token] = tokenize(norm.text)
        self.published = published
        self.previous_day: date | None = published  # the anchor of "the next day"

    def word(self, i: int) -> str:
        return self.tokens[i][2] if 0 <= i < len(self.tokens) else ""

    def gap(self, i: int) -> str:
        """Text between token i and token i + 1."""
        if i + 1 >= len(self.tokens):
            return ""
        return self.text[self.tokens[i][1] : self.tokens[i + 1][0]]

    def joined(self, i: int) -> bool:
        return not self.gap(i).strip()

    # -- pieces -------------------------------------------------------------

    def month_at(self, i: int, *, allow_ambiguous: bool = False) -> tuple[int, int] | None:
        """(month, last token) if a month name starts at token i."""
        months = _months()
        for first in _variants(self.word(i)):
            for n in (2, 1):
                if n == 2 and not (i + 1 < len(self.tokens) and self.joined(i)):
                    continue
                key = (first, *(self.word(i + k) for k in range(1, n)))
                found = months.get(key)
                if found is not None and (allow_ambiguous or not found[1]):
                    return found[0], i + n - 1
        return None

    def ambiguous_month_at(self, i: int) -> tuple[int, int] | None:
        return self.month_at(i, allow_ambiguous=True)

    def day_at(self, i: int) -> tuple[int, int] | None:
        """(day, last token) for "15" or "الخامس عشر" at token i."""
        w = self.word(i)
        if w.isdecimal() and len(w) <= 2 and 1 <= int(w) <= 31:  # isdigit() admits "³", int() does not
            last = i
            if self.word(i + 1) in {"th", "st", "nd", "rd"} and self.joined(i):
                last = i + 1
            return int(w), last
        ordinals = _ordinals()
        for n in (3, 2, 1):
            key = tuple(self.word(i + k) for k in range(n))
            if key in ordinals and all(self.joined(i + k) for k in range(n - 1)):
                return ordinals[key], i + n - 1
        return None

    def year_at(self, i: int) -> tuple[int, int] | None:
        w = self.word(i)
        if len(w) == 4 and w.isdecimal() and 1800 <= int(w) <= 2099:
            last = i + 1 if self.word(i + 1) == "م" and self.joined(i) else i
            return int(w), last
        return None

    def year_after(self, i: int) -> tuple[int, int] | None:
        """A year written after token i: "2019", "من عام 2019", ", 2019"."""
        j = i + 1
        if self.gap(i).strip() not in {"", ",", "،", "-", "/", ")", "),", ")،"}:
            return None
        for _ in range(2):
            if self.word(j) in {"من", "عام", "العام", "سنه", "لعام", "للعام", "of"} and self.joined(j):
                j += 1
        return self.year_at(j)

    def modifier_after(self, i: int) -> tuple[str, int]:
        """"past" / "future" / "current" / "" for the word after token i, and the last token."""
        w = self.word(i + 1)
        if not self.joined(i):
            return "", i
        if w in _PAST:
            return "past", i + 1
        if w in _FUTURE:
            return "future", i + 1
        if w in _CURRENT:
            return "current", i + 1
        if w == "من" and self.word(i + 2) in {"العام", "السنه"} and self.word(i + 3) in _PAST:
            return "last_year", i + 3
        return "", i

    def alt_month_after(self, i: int) -> int:
        """Skip "/ يوليو", "(آب)" written after a month name; the last token used."""
        gap = self.gap(i)
        if gap.strip() in {"/", "(", "-", "،", ","} or gap.strip().startswith(("/", "(")):
            found = self.ambiguous_month_at(i + 1)
            if found is not None:
                return found[1]
        return i

    # -- resolution ---------------------------------------------------------

    def month_day(self, month: int, day: int | None, year: int | None, mode: str) -> _Found | None:
        pub = self.published
        if year is None:
            if pub is None:
                return _Found(0, 0, None, 1 if day else 3, None)
            year = pub.year
            if mode == "future":
                if (month, day or 1) <= (pub.month, pub.day if day else 0):
                    year += 1
            elif mode == "last_year":
                year -= 1
            elif mode == "current":
                pass
            elif (month, day or 0) > (pub.month, pub.day if day else 31):
                year -= 1  # the most recent past occurrence
            elif mode == "past" and day is None and month == pub.month:
                year -= 1
        if day is not None:
            if day > calendar.monthrange(year, month)[1]:
                return None
            when = date(year, month, day)
            return _Found(0, 0, when.isoformat(), 1, when)
        last = date(year, month, calendar.monthrange(year, month)[1])
        return _Found(0, 0, f"{year:04d}-{month:02d}", 3, last)

    def weekday(self, wd: int, mode: str, before: int = 0) -> _Found:
        pub = self.published
        if pub is None:
            return _Found(0, 0, None, 1, None)
        anchor = pub - timedelta(days=before)
        if mode == "future":
            delta = (wd - pub.weekday()) % 7 or 7
            when = pub + timedelta(days=delta)
        else:
            back = (anchor.weekday() - wd) % 7
            if mode == "past" and back == 0 and before == 0:
                back = 7
            when = anchor - timedelta(days=back)
        return _Found(0, 0, when.isoformat(), 1, when)

    def after_previous(self, offset: int) -> _Found:
        """"اليوم التالي", "the next day": a day counted from the last day-precise date read."""
        if self.previous_day is None:
            return _Found(0, 0, None, 1, None)
        when = self.previous_day + timedelta(days=offset)
        return _Found(0, 0, when.isoformat(), 1, when)

    def relative(self, unit: str, offset: int, precision: int) -> _Found:
        pub = self.published
        if pub is None:
            return _Found(0, 0, None, precision, None)
        if unit == "day":
            when = pub + timedelta(days=offset)
            return _Found(0, 0, when.isoformat(), precision, when)
        if unit == "week":
            when = pub + timedelta(days=7 * offset)
            return _Found(0, 0, when.isoformat(), max(precision, 2), when)
        if unit == "month":
            index = pub.year * 12 + pub.month - 1 + offset
            year, month = divmod(index, 12)
            last = date(year, month + 1, calendar.monthrange(year, month + 1)[1])
            return _Found(0, 0, f"{year:04d}-{month + 1:02d}", 3, last)
        year = pub.year + offset
        return _Found(0, 0, f"{year:04d}", 3, date(year, 12, 31))

    # -- the parser ----------------------------------------------------------

    def parse_at(self, i: int) -> _Found | None:
        word = self.word(i)
        forms = set(_variants(word))
        starts = _starts()
        digit = word[0].isdigit()
        parsers = []
        if digit or forms & starts["absolute"]:
            parsers.append(self._absolute)
        if forms & starts["weekday"]:
            parsers.append(self._weekday)
        if forms & starts["relative"]:
            parsers.append(self._relative)
        if digit or forms & starts["ago"]:
            parsers.append(self._ago)
        if digit or forms & starts["year"]:
            parsers.append(self._year)
        for parser in parsers:
            found = parser(i)
            if found is not None:
                return found
        return None

    def _absolute(self, i: int) -> _Found | None:
        """"15 مارس 2019", "الثامن من مايو القادم", "March 3, 2019", "أواخر مارس", "مارس الماضي"."""
        start = i
        qualifier = False
        if self.word(i) in _QUALIFIERS and self.joined(i):
            qualifier = True
            i += 1
            if self.word(i) in {"of", "شهر"} and self.joined(i - 1):
                i += 1
        day = self.day_at(i) if not qualifier else None
        j = i
        if day is not None:
            j = day[1] + 1
            if self.word(j) in {"من", "of"} and self.joined(day[1]):
                j += 1
            if self.word(j) == "شهر":
                j += 1
        elif self.word(i) == "شهر":
            j = i + 1
        month = self.ambiguous_month_at(j) if day is not None else self.month_at(j)
        if month is None and day is None:
            # "March 3", "May 2019", "آب 2014": an ambiguous name needs a number beside it
            maybe = self.ambiguous_month_at(j)
            if maybe is not None and self.word(maybe[1] + 1).isdigit() and self.gap(maybe[1]).strip() in {"", ","}:
                month = maybe
        if month is None:
            return None
        number, last = month
        last = self.alt_month_after(last)
        year = None
        y = self.year_after(last)
        if y is not None:
            year, last = y
        elif day is None and self.word(last + 1).isdigit() and self.joined(last):
            # English order: "March 3", "March 3, 2019"
            d = self.day_at(last + 1)
            if d is not None:
                day = d
                last = d[1]
                y = self.year_after(last)
                if y is not None:
                    year, last = y
        mode = ""
        if year is None:
            mode, last = self.modifier_after(last)
        found = self.month_day(number, day[0] if day else None, year, mode)
        if found is None:
            return None
        found.first, found.last = start, last
        if qualifier:
            found.precision = max(found.precision, 3)
        return found

    def _weekday(self, i: int) -> _Found | None:
        """"الخميس", "اليوم الخميس", "أمس الثلاثاء", "مساء الأحد الماضي", "last Tuesday"."""
        start = i
        before = 0
        mode = ""
        j = i
        while self.word(j) in _DAY_PARTS and self.joined(j) and j < i + 2:
            j += 1
        w = self.word(j)
        deictic = w in {"اليوم", "امس", "الامس"}
        if w in {"اليوم", "امس", "الامس", "last", "next", "this"} and self.joined(j):
            before = 1 if w in {"امس", "الامس"} else 0
            mode = {"last": "past", "next": "future"}.get(w, "")
            j += 1
        weekdays = _weekdays()
        wd = next((weekdays[v] for v in _variants(self.word(j)) if v in weekdays), None)
        if wd is None:
            return None
        last = j
        after, last2 = self.modifier_after(last)
        if after in {"past", "future"}:
            mode, last = after, last2
        # An explicit date after the weekday wins: "الجمعة 30 تموز/يوليو".
        gap = self.gap(last).strip()
        if gap in {"", ",", "،", "-"}:
            explicit = self._absolute(last + 1)
            if (
                explicit is not None
                and explicit.precision == 1
                and (explicit.end is None or explicit.end.weekday() == wd)
            ):
                # the same day named twice; a date on another weekday is another day
                explicit.first = start
                return explicit
        found = self.weekday(wd, mode, before)
        if deictic and found.end is not None and self.published is not None:
            # "اليوم الأحد" / "أمس الخميس": a weekday more than 3 days off the deictic
            # contradicts it (the publication date is wrong or refers to something else):
            # trust the deictic word.
            anchor = self.published - timedelta(days=before)
            if (anchor - found.end).days > 3:
                found = self.relative("day", -before, 1)
        found.first, found.last = start, last
        return found

    def _relative(self, i: int) -> _Found | None:
        """Phrases of relative_dates.tsv, with an optional qualifier: "مطلع الأسبوع المقبل"."""
        start = i
        qualifier = self.word(i) in _QUALIFIERS and self.joined(i)
        if qualifier:
            i += 1
            if self.word(i) == "of":
                i += 1
        relatives = _relatives()
        for n in (4, 3, 2, 1):
            if i + n > len(self.tokens):
                continue
            if not all(self.joined(i + k) for k in range(n - 1)):
                continue
            for first in _variants(self.word(i)):
                key = (first, *(self.word(i + k) for k in range(1, n)))
                rel = relatives.get(key)
                if rel is None:
                    continue
                if key == ("اليوم",) and self.word(i)[0] in "بل":
                    continue  # "باليوم" / "لليوم": "per day", "for the day", not today
                if rel.unit == "after_previous":
                    found = self.after_previous(rel.offset)
                    found.first, found.last = start, i + n - 1
                    return found
                found = self.relative(rel.unit, rel.offset, rel.precision)
                found.first, found.last = start, i + n - 1
                if qualifier and rel.unit != "day":
                    found.precision = max(found.precision, 2 if rel.unit == "week" else 3)
                elif qualifier:
                    found.first = i
                return found
        return None

    def _ago(self, i: int) -> _Found | None:
        """"قبل يومين", "قبل ثلاثة أيام", "منذ 6 أشهر", "two weeks ago"."""
        w = self.word(i)
        if w in {"قبل", "منذ"} and self.joined(i) and i + 1 < len(self.tokens):
            j = i + 1
            count = 1
            parsed = parse_number(self.text, self.tokens, j)
            if parsed is not None and not parsed.vague:
                count = parsed.value
                j = parsed.last + 1
                if not self.joined(parsed.last):
                    return None
            unit = _DAY_UNITS.get(self.word(j))
            if unit is None or (unit[1] == 0 and parsed is None):
                return None
            if unit[1] == 2:
                count = 2
            return self._back(i, j, unit[0], count)
        parsed = parse_number(self.text, self.tokens, i)
        if parsed is not None and self.joined(parsed.last):
            j = parsed.last + 1
            unit = _DAY_UNITS.get(self.word(j))
            if unit is not None and self.word(j + 1) == "ago" and self.joined(j):
                return self._back(i, j + 1, unit[0], parsed.value)
        return None

    def _back(self, first: int, last: int, unit: str, count: int) -> _Found:
        precision = {"day": 1, "week": 2, "month": 3, "year": 3}[unit]
        if unit == "week":
            found = self.relative("day", -7 * count, 2)
        else:
            found = self.relative(unit, -count, precision)
        found.first, found.last = first, last
        return found

    def _year(self, i: int) -> _Found | None:
        """"عام 2019", "في 2019", "2019م", or a bare year that counts nothing."""
        start = i
        w = self.word(i)
        if any(v in _YEAR_WORDS or v == "في" for v in _variants(w)) and self.joined(i):
            y = self.year_at(i + 1)
            if y is None:
                return None
        else:
            y = self.year_at(i)
            if y is None:
                return None
            # a bare 4-digit number followed by a counted noun is a count ("2000 نازح")
            from rasid.understand.quantities import noun_of

            noun = noun_of(self.word(y[1] + 1)) if self.joined(y[1]) else None
            if noun is not None and noun.category != "unit":
                return None
        year, last = y
        return _Found(start, last, f"{year:04d}", 3, date(year, 12, 31))


def find_times(
    norm: NormalizedText, sentences: tuple[Sentence, ...], published: date | None, lang: str
) -> tuple[TimeExpression, ...]:
    """Every date expression in the text, in text order, resolved where possible."""
    if not norm.text:
        return ()
    reader = _Reader(norm, published)
    found: list[tuple[int, int, _Found]] = []  # normalised start, end
    taken: list[tuple[int, int]] = []
    for m in list(_NUMERIC_DATE.finditer(norm.text)) + list(_ISO_DATE.finditer(norm.text)):
        numeric = _numeric(m)
        if numeric is not None:
            found.append((m.start(), m.end(), numeric))
            taken.append((m.start(), m.end()))
    tokens = reader.tokens
    i = 0
    unused = _NO_START
    for k in [k for k, token in enumerate(tokens) if token[2] not in unused and _may_start(token[2])]:
        if k < i:
            continue  # inside the expression found last
        i = k
        if taken and any(s <= tokens[i][0] < e for s, e in taken):
            continue
        hit = reader.parse_at(i)
        if hit is None:
            continue
        s, e = tokens[hit.first][0], tokens[hit.last][1]
        if any(s < te and ts < e for ts, te in taken):
            continue
        found.append((s, e, hit))
        if hit.precision == 1 and hit.end is not None:
            reader.previous_day = hit.end
        i = hit.last + 1
    found.sort(key=lambda x: x[0])
    out = []
    for s, e, hit in found:
        span = norm.to_original(s, e, "expand")
        out.append(
            TimeExpression(
                span=span,
                text=span.text_of(norm.original),
                value=hit.value,
                precision=hit.precision,
                historical=_historical(hit.end, published),
            )
        )
    return tuple(out)


# Words seen to start no date expression (most words): the test ran per token of every
# document, and news vocabulary recurs. Cleared when full, so memory stays flat.
_NO_START: set[str] = set()


def _may_start(word: str) -> bool:
    """Whether a date expression may start at this word (a word that cannot is remembered)."""
    triggers = _triggers()
    if word in triggers or word[0].isdigit() or (word[0] in "وفبل" and any(v in triggers for v in _variants(word))):
        return True
    if len(_NO_START) >= 1 << 16:
        _NO_START.clear()
    _NO_START.add(word)
    return False


def _numeric(m: re.Match[str]) -> _Found | None:
    groups = m.groups()
    try:
        if len(groups) == 4:
            a, b, year = int(groups[0]), int(groups[2]), int(groups[3])
            day, month = (a, b) if b <= 12 else (b, a)
            when = date(year, month, day)
        else:
            when = date(int(groups[0]), int(groups[1]), int(groups[2]))
    except ValueError:
        return None
    if not 1900 <= when.year <= 2099:
        return None
    return _Found(0, 0, when.isoformat(), 1, when)


def _historical(end: date | None, published: date | None) -> bool:
    if end is None or published is None:
        return False
    return end < published - timedelta(days=HISTORICAL_DAYS)
