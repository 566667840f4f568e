"""Dates: every form of the brief against a fixed publication date, both languages."""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rasid.model import TimeExpression
from rasid.text.normalize import normalize
from rasid.understand.dates import find_times

PUBLISHED = date(2022, 1, 27)  # a Thursday


def times(text: str, published: date | None = PUBLISHED, lang: str = "ar") -> tuple[TimeExpression, ...]:
    return find_times(normalize(text), (), published, lang)


def only(text: str, published: date | None = PUBLISHED, lang: str = "ar") -> TimeExpression:
    found = times(text, published, lang)
    assert len(found) == 1, [t.text for t in found]
    return found[0]


# (text, value, precision)
ARABIC = [
    ("وقعت الاشتباكات اليوم", "2022-01-27", 1),
    ("وقعت الاشتباكات اليوم الخميس", "2022-01-27", 1),
    ("قتل مسلحون، اليوم الأربعاء، قياديا", "2022-01-26", 1),  # the weekday wins over «اليوم»
    ("قال أمس إن", "2022-01-26", 1),
    ("وقع الهجوم أمس الأول", "2022-01-25", 1),
    ("سيطرت عليها الفصائل مساء أمس الثلاثاء", "2022-01-25", 1),
    ("فجر الثلاثاء", "2022-01-25", 1),
    ("صباح الثلاثاء", "2022-01-25", 1),
    ("ليل الاثنين", "2022-01-24", 1),
    ("يوم الخميس", "2022-01-27", 1),
    ("الأحد الماضي", "2022-01-23", 1),
    ("الخميس الماضي", "2022-01-20", 1),
    ("الجمعة المقبل", "2022-01-28", 1),
    ("غدا", "2022-01-28", 1),
    ("قبل يومين", "2022-01-25", 1),
    ("قبل ثلاثة أيام", "2022-01-24", 1),
    ("قبل أيام", "2022-01-24", 2),
    ("الأسبوع الماضي", "2022-01-20", 2),
    ("مطلع الأسبوع المقبل", "2022-02-03", 2),
    ("الشهر الماضي", "2021-12", 3),
    ("الشهر الجاري", "2022-01", 3),
    ("العام الماضي", "2021", 3),
    ("أواخر شهر مارس (آذار) من عام 2019", "2019-03", 3),
    ("منذ 6 أشهر", "2021-07", 3),
    ("في 15 مارس", "2021-03-15", 1),
    ("في 15 يناير", "2022-01-15", 1),
    ("نوفمبر الماضي", "2021-11", 3),
    ("الثامن من مايو القادم", "2022-05-08", 1),
    ("عام 2019", "2019", 3),
    ("في 2019", "2019", 3),
    ("العام 1887", "1887", 3),
    ("أغسطس (آب) 2014", "2014-08", 3),
    ("آب/أغسطس 2014", "2014-08", 3),
    ("اليوم الجمعة 30 تموز/ يوليو 2021، في", "2021-07-30", 1),
    ("صبيحة هذا اليوم", "2022-01-27", 1),
    ("2 أيلول 2018", "2018-09-02", 1),
    ("كانون الثاني 2020", "2020-01", 3),
    ("تشرين الأول 2021", "2021-10", 3),
    ("12 جانفي 2020", "2020-01-12", 1),
    ("3 جويلية 2021", "2021-07-03", 1),
    ("5 أوت 2021", "2021-08-05", 1),
    ("فيفري 2021", "2021-02", 3),
    ("20 أفريل 2021", "2021-04-20", 1),
    ("جوان 2021", "2021-06", 3),
    ("ماي 2020", "2020-05", 3),
    ("في الثالث عشر من سبتمبر 2021", "2021-09-13", 1),
    ("في 30/07/2021 وقع", "2021-07-30", 1),
]

ENGLISH = [
    ("today", "2022-01-27", 1),
    ("on Tuesday", "2022-01-25", 1),
    ("yesterday", "2022-01-26", 1),
    ("last Thursday", "2022-01-20", 1),
    ("next Friday", "2022-01-28", 1),
    ("last week", "2022-01-20", 2),
    ("on March 3", "2021-03-03", 1),
    ("3 March 2019", "2019-03-03", 1),
    ("January 14, 2020", "2020-01-14", 1),
    ("Jan 14", "2022-01-14", 1),
    ("earlier this month", "2022-01", 3),
    ("last month", "2021-12", 3),
    ("two days ago", "2022-01-25", 1),
    ("two weeks ago", "2022-01-13", 2),
    ("In February 2018, a joint", "2018-02", 3),
    ("in 2014", "2014", 3),
]


@pytest.mark.parametrize(("text", "value", "precision"), ARABIC)
def test_arabic_dates(text: str, value: str, precision: int) -> None:
    t = only(text)
    assert (t.value, t.precision) == (value, precision)
    assert t.text == text[t.span.start : t.span.end]


@pytest.mark.parametrize(("text", "value", "precision"), ENGLISH)
def test_english_dates(text: str, value: str, precision: int) -> None:
    t = only(text, lang="en")
    assert (t.value, t.precision) == (value, precision)


@pytest.mark.parametrize(
    ("text", "historical"),
    [
        ("3 March 2019", True),
        ("منذ 6 أشهر", True),
        ("عام 2019", True),
        ("الشهر الماضي", False),  # ends 27 days before publication: still news
        ("الأسبوع الماضي", False),
        ("مطلع الأسبوع المقبل", False),
        ("أمس", False),
    ],
)
def test_historical_flag(text: str, historical: bool) -> None:
    assert only(text).historical is historical


@pytest.mark.parametrize(
    ("text", "value"),
    [("15 مارس 2019", "2019-03-15"), ("عام 2019", "2019"), ("أمس", None), ("الخميس", None),
     ("15 مارس", None), ("الأسبوع الماضي", None)],
)
def test_without_publication_date_only_absolute_dates_resolve(text: str, value: str | None) -> None:
    assert only(text, published=None).value == value


def test_the_next_day_counts_from_the_date_before_it() -> None:
    found = times("وقع الهجوم في 2 أيلول 2018، وفي اليوم التالي انسحبت القوات")
    assert [t.value for t in found] == ["2018-09-02", "2018-09-03"]
    assert only("the next day", lang="en").value == "2022-01-28"


def test_a_weekday_and_a_date_merge_only_when_they_agree() -> None:
    assert only("الجمعة 30 تموز 2021").value == "2021-07-30"  # a Friday
    found = times("السبت 30 تموز 2021")  # not a Saturday: two expressions
    assert [t.value for t in found] == ["2022-01-22", "2021-07-30"]


def test_words_that_only_look_like_dates() -> None:
    assert times("ثلاث وجبات باليوم") == ()
    assert times("قال الأب إن ابنه قتل") == ()  # «اب» is also August
    assert times("this may be true", lang="en") == ()
    assert times("مقتل 2000 شخص") == ()  # a count, not a year


@pytest.mark.parametrize("text", ["", " ", "\n", "/", "31/02/2020", "2020-13-45", "قبل", "منذ", "last", "0 مارس", "99 مارس"])
def test_odd_input_does_not_raise(text: str) -> None:
    for t in times(text) + times(text, None, "en"):
        assert t.value is None or t.value[:4].isdigit()


def test_gold_event_dates(gold_documents: list[dict[str, Any]]) -> None:
    """The time expression nearest each dated gold event gives its date, most of the time."""
    total = correct = 0
    for doc in gold_documents:
        if not doc.get("published"):
            continue
        published = date.fromisoformat(doc["published"])
        found = [t for t in times(doc["text"], published, doc["lang"]) if t.value]
        for event in doc["events"]:
            start = doc["text"].find(event["evidence"])
            if event.get("historical") or not event.get("date") or start < 0:
                continue
            end = start + len(event["evidence"])
            nearest = min(
                found,
                key=lambda t: 0 if start <= t.span.start < end else min(abs(t.span.start - end), abs(t.span.end - start)),
                default=None,
            )
            total += 1
            correct += (nearest.value if nearest else published.isoformat()) == event["date"]
    assert total >= 20
    assert correct / total >= 0.8


def test_timeml_benchmark(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bench = Path(__file__).resolve().parents[2] / "bench"
    sys.path.insert(0, str(bench))
    try:
        import dates_timeml
    finally:
        sys.path.remove(str(bench))
    assert dates_timeml.main(["--shared", str(shared_dir)]) == 0
    out = capsys.readouterr().out
    accuracy = float(out.split("accuracy ")[1].split()[0])
    assert accuracy >= 0.75


def test_linear_time_on_a_long_line(ghwayran: dict[str, Any]) -> None:
    unit = " ".join(ghwayran["text"].split())
    long_line = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    short_norm, long_norm = normalize(long_line[:100_000]), normalize(long_line)
    started = time.perf_counter()
    short = find_times(short_norm, (), PUBLISHED, "ar")
    short_time = time.perf_counter() - started
    started = time.perf_counter()
    found = find_times(long_norm, (), PUBLISHED, "ar")
    long_time = time.perf_counter() - started
    assert len(found) >= 9 * len(short) > 0
    assert long_time < 20 * short_time + 0.5
