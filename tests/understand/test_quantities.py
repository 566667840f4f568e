"""Quantities: values, bounds and categories on short phrases from the shared news texts."""

from __future__ import annotations

import time

import pytest

from rasid.model import Quantity
from rasid.text.normalize import normalize
from rasid.understand.quantities import CATEGORIES, find_quantities


def quantities(text: str, lang: str = "ar") -> tuple[Quantity, ...]:
    return find_quantities(normalize(text), (), lang)


def pick(found: tuple[Quantity, ...], key: str) -> Quantity:
    for q in found:
        if key in q.text:
            return q
    raise AssertionError(f"no quantity with {key!r} in {[q.text for q in found]}")


# (phrase, quantity text to pick, value, low, high, category)
ARABIC = [
    # killed: counted noun or the verb around it
    ("الإنسان بمقتل 51 من عناصر تنظيم داعش", "51", 51, None, None, "killed"),
    ("قتل 18 شخصًا وأصيب العشرات", "18", 18, None, None, "killed"),
    ("قتل 18 شخصًا وأصيب العشرات", "العشرات", 12, None, None, "wounded"),
    ("عن مقتل 32 شخصا ودفع بالمسلحين", "32", 32, None, None, "killed"),
    ("عن مقتل 13 شخصا على الأقل", "13", 13, 13, None, "killed"),
    ("ثمانية أشخاص لقوا حتفهم", "ثمانية", 8, None, None, "killed"),
    ("ذلك، قتل ثلاثة عناصر من الجيش", "ثلاثة", 3, None, None, "killed"),
    ("تسببت بمقتل 5 مقاتلين من «الفرقة", "5", 5, None, None, "killed"),
    ("قتل فيها 35 من عناصر التنظيم. كما", "35", 35, None, None, "killed"),
    ("غداة مقتل ستة أشخاص في مواجهات", "ستة", 6, None, None, "killed"),
    ("إلى استشهاد 26 شخصا وإصابة 227", "26", 26, None, None, "killed"),
    ("إلى استشهاد 26 شخصا وإصابة 227", "227", 227, None, None, "wounded"),
    ("قتل 30 شخصا على الأقل", "30", 30, 30, None, "killed"),
    ("سقط نحو 30 قتيلا وعشرات الجرحى،", "نحو 30", 30, None, None, "killed"),
    ("سقط نحو 30 قتيلا وعشرات الجرحى،", "عشرات", 12, None, None, "wounded"),
    ("يقل عن 14 قتيلا و47 جريحا", "14", 14, 14, None, "killed"),
    ("يقل عن 14 قتيلا و47 جريحا", "47", 47, None, None, "wounded"),
    ("قتل نحو 300 ألف شخص، معظمهم من", "300", 300000, None, None, "killed"),
    ("راح ضحيّتها 23 قتيلاً و50 جريحًا،", "23", 23, None, None, "killed"),
    ("سوريا وأوقع ثلاثين قتيلا على الأقل.", "ثلاثين", 30, 30, None, "killed"),
    ("قتل 9 مدنيين وأصيب 42", "9", 9, None, None, "killed"),
    ("قتل 9 مدنيين وأصيب 42", "42", 42, None, None, "wounded"),
    ("عن مقتل سبعة من عناصر داعش وإصابة", "سبعة", 7, None, None, "killed"),
    ("الأحد مقتل 10 مسلحين من تنظيم", "10", 10, None, None, "killed"),
    ("إلى مقتل 21 مسلحا من التنظيم", "21", 21, None, None, "killed"),
    ("عن مقتل عدد من مقاتليه.", "عدد من", 3, None, None, "killed"),
    ("أن متظاهرين اثنين قتلا في مواجهات", "اثنين", 2, None, None, "killed"),
    ("فقدَ 27 مقاتلا حياتهم", "27", 27, None, None, "killed"),
    ("قتلت مجموعة من داعش سبعة من عناصرها على الأقل", "سبعة", 7, 7, None, "killed"),
    ("استقبلوا جثامين تسعة أشخاص فقدوا حياتهم", "تسعة", 9, None, None, "killed"),
    ("وحصد أرواح تسعة أشخاص وجرح ثمانية آخرين", "تسعة", 9, None, None, "killed"),
    ("أولية بلغت أربعة قتلى، بينهم امرأتان،", "أربعة", 4, None, None, "killed"),
    ("مقتل 71 ألفا و781 مدنيا", "71", 71781, None, None, "killed"),
    ("١٢ قتيلا و٣٠ جريحا", "١٢", 12, None, None, "killed"),
    ("خمسة عشر قتيلاً", "خمسة عشر", 15, None, None, "killed"),
    ("مئة وعشرين قتيلا", "مئة وعشرين", 120, None, None, "killed"),
    ("سبعة وعشرون قتيلا", "سبعة وعشرون", 27, None, None, "killed"),
    ("سقوط قتيلين في القصف", "قتيلين", 2, None, None, "killed"),
    ("ثلاثمئة وخمسين قتيلا", "ثلاثمئة وخمسين", 350, None, None, "killed"),
    ("أحد عشر مسلحا آخر في", "أحد عشر", 11, None, None, "participants"),
    ("إحدى عشرة سيارة", "إحدى عشرة", 11, None, None, "materiel"),
    ("3 آلاف و500 نازح", "3 آلاف و500", 3500, None, None, "displaced"),
    ("مليون ونصف نازح", "مليون ونصف", 1500000, None, None, "displaced"),
    ("مقتل شخص واحد", "واحد", 1, None, None, "killed"),
    ("مقتل جنديين", "جنديين", 2, None, None, "killed"),
    # a count joined to the one before shares its category
    ("فقدَ 27 مقاتلا من قوات «سوريا الديمقراطية» حياتهم، علاوة على 5 مدنيين،", "5", 5, None, None, "killed"),
    ("فقدَ 27 مقاتلا من قوات «سوريا الديمقراطية» حياتهم، علاوة على 5 مدنيين،", "27", 27, None, None, "killed"),
    ("أدى لفقدان سبعة عناصر من قوى الأمن الداخلي وطفلين لحياتهم.", "سبعة", 7, None, None, "killed"),
    ("أدى لفقدان سبعة عناصر من قوى الأمن الداخلي وطفلين لحياتهم.", "طفلين", 2, None, None, "killed"),
    ("مقتل 3 جنود و2 مدنيين", "2", 2, None, None, "killed"),
    # a part of the count before it is not a second count
    ("أولية بلغت أربعة قتلى، بينهم امرأتان،", "امرأتان", 2, None, None, "other"),
    ("أوقع 10 جرحى، بينهم 7 مدنيين و3 شرطيين", "7", 7, None, None, "other"),
    ("أوقع 10 جرحى، بينهم 7 مدنيين و3 شرطيين", "3", 3, None, None, "other"),
    ("تسبب بمقتل 18 شخصًا بينهم 5 أطفال", "18", 18, None, None, "killed"),
    ("قتل 3 مدنيين واعتقل 5 عناصر", "5", 5, None, None, "arrested"),
    ("فقد 3 أشخاص في الحادث", "3", 3, None, None, "other"),
    # wounded
    ("سبعة مدنيين أصيبوا في", "سبعة", 7, None, None, "wounded"),
    ("عن إصابة عشرة أشخاص", "عشرة", 10, None, None, "wounded"),
    ("بالإضافة إلى 23 جريحاً، من بينهم", "23", 23, None, None, "wounded"),
    ("الصحية سجلت 15 إصابة بين المتظاهرين", "15", 15, None, None, "wounded"),
    ("وجرح 17 اخرين من بينهم", "17", 17, None, None, "wounded"),
    ("70 جريحًا جميعهم مدنيون.", "70", 70, None, None, "wounded"),
    # arrested
    ("إلى اعتقال 590 من عناصر الطرفين. وأضاف", "590", 590, None, None, "arrested"),
    ("أنها اعتقلت 431 شخصا مرتبطين بداعش.", "431", 431, None, None, "arrested"),
    ("القبض على 110 من عناصر التنظيم", "110", 110, None, None, "arrested"),
    ("القبض على ثلاثة عناصر من تنظيم", "ثلاثة", 3, None, None, "arrested"),
    # bodies, missing, displaced
    ("عن وجود 175 جثة لمقاتلي داعش", "175", 175, None, None, "bodies"),
    ("حتى الآن 12 جثة من المكان", "12", 12, None, None, "bodies"),
    ("قام بتسلم ثماني جثث لعناصر من", "ثماني", 8, None, None, "bodies"),
    ("صنعاء وخطفوا ثلاثة سائحين اجانب", "ثلاثة", 3, None, None, "missing"),
    ("عشرات الآلاف من النازحين", "عشرات الآلاف", 10000, None, None, "displaced"),
    ("ألفي نازح", "ألفي", 2000, None, None, "displaced"),
    # participants and materiel
    ("يتراوح بين 100 و120 عنصرا من", "100", 100, 100, 120, "participants"),
    ("عن استعداد 7 آلاف مقاتل للقتال إلى", "7 آلاف", 7000, None, None, "participants"),
    ("أكثر من 20 عنصرا يشتبه بانضمامهم", "20", 20, 20, None, "participants"),
    ("أكثر من تسعمئة عنصر من القوة", "تسعمئة", 900, 900, None, "participants"),
    ("خرج آلاف المتظاهرين من مدينة", "آلاف", 1000, None, None, "participants"),
    ("قيام 4 مسلحين يستقلون سيارتين،", "4", 4, None, None, "participants"),
    ("قيام 4 مسلحين يستقلون سيارتين،", "سيارتين", 2, None, None, "materiel"),
    ("الهجوم على سجن الصناعة بدأ بثلاث عربات مفخخة", "ثلاث", 3, None, None, "materiel"),
    ("من مائة صاروخ الفيل، وأكثر", "مائة", 100, None, None, "materiel"),
    ("حيث سقطت عشرات من قذائف المدفعية", "عشرات", 12, None, None, "materiel"),
    # not counts of people: time, age, money, distance, years, date parts
    ("الهجمات منذ 6 أشهر وفق", "6", 6, None, None, "other"),
    ("أقل من 3 سنوات", "3", 3, None, 3, "other"),
    ("البالغ من العمر 25 عاما", "25", 25, None, None, "other"),
    ("مساعدات بقيمة 20 مليون دولار", "20", 20000000, None, None, "other"),
    ("على بعد 5 كيلومترات من المدينة", "5", 5, None, None, "other"),
    ("من عام 2019. وقال المسؤول", "2019", 2019, None, None, "other"),
    ("اليوم الجمعة 30 تموز/ يوليو، في", "30", 30, None, None, "other"),
    ("عن تسجيل عدة ضحايا بين صفوف", "عدة", 3, None, None, "other"),
]

ENGLISH = [
    ("Ali said 12 soldiers were killed", "12", 12, None, None, "killed"),
    ("attackers killed 15 soldiers.", "15", 15, None, None, "killed"),
    ("elements… killing 18 of them, one", "18", 18, None, None, "killed"),
    ("at least 15,000 deaths.", "15,000", 15000, 15000, None, "killed"),
    ("Fifteen people were killed when", "Fifteen", 15, None, None, "killed"),
    ("twenty-seven people were killed", "twenty-seven", 27, None, None, "killed"),
    ("the death of two soldiers and 18 armed men", "18", 18, None, None, "killed"),
    ("forces arrest 7 ISIS suspects", "7", 7, None, None, "arrested"),
    ("three others wounded when gunmen", "three", 3, None, None, "wounded"),
    ("five Syrian soldiers were wounded", "five", 5, None, None, "wounded"),
    ("100-120 wounded", "100-120", 100, 100, 120, "wounded"),
    ("Dozens of protesters gathered", "Dozens", 12, None, None, "participants"),
    ("hundreds of people were displaced", "hundreds", 100, None, None, "displaced"),
    ("more than 100 people were killed", "100", 100, 100, None, "killed"),
    ("several civilians were kidnapped", "several", 3, None, None, "missing"),
    ("one hundred and twenty fighters", "one hundred and twenty", 120, None, None, "participants"),
    ("Two U.S. soldiers were killed in a pair of", "Two", 2, None, None, "killed"),
    ("two thousand five hundred people were displaced", "two thousand five hundred", 2500, None, None, "displaced"),
    ("1.5 million people", "1.5 million", 1500000, None, None, "other"),
    ("about a dozen soldiers were killed", "dozen", 12, None, None, "killed"),
    ("a few protesters were arrested", "a few", 3, None, None, "arrested"),
    ("the attack killed 12 people, including three children", "three", 3, None, None, "other"),
    ("We have so far lost 15 people and one was injured.", "15", 15, None, None, "killed"),
    ("We have so far lost 15 people and one was injured.", "one", 1, None, None, "wounded"),
    ("the death of two armed forces and the injury of four others", "four", 4, None, None, "wounded"),
    ("one activist was killed and four others had their car fired upon", "four", 4, None, None, "other"),
    ("they put the number of deaths at between 15 or 20 people", "15", 15, 15, 20, "killed"),
    ("Sanaa, Jan 14 : Dozens of fighters have been killed", "Dozens", 12, None, None, "killed"),
    ("checkpoint about 60 yards from the", "60", 60, None, None, "other"),
    ("Tarmiya, about 30 miles north of", "30", 30, None, None, "other"),
    ("territory in 2014, was declared", "2014", 2014, None, None, "other"),
    ("an estimated 150,000 people according to", "150,000", 150000, None, None, "other"),
]


@pytest.mark.parametrize(("phrase", "key", "value", "low", "high", "category"), ARABIC)
def test_arabic_quantities(phrase: str, key: str, value: int, low: int | None, high: int | None, category: str) -> None:
    q = pick(quantities(phrase), key)
    assert (q.value, q.low, q.high, q.category) == (value, low, high, category)
    assert q.text == phrase[q.span.start : q.span.end]


@pytest.mark.parametrize(("phrase", "key", "value", "low", "high", "category"), ENGLISH)
def test_english_quantities(phrase: str, key: str, value: int, low: int | None, high: int | None, category: str) -> None:
    q = pick(quantities(phrase, "en"), key)
    assert (q.value, q.low, q.high, q.category) == (value, low, high, category)


@pytest.mark.parametrize(
    ("phrase", "key", "approximate"),
    [
        ("قتل نحو 300 ألف شخص", "نحو", True),
        ("حوالي 50 شخصا", "حوالي", True),
        ("قرابة 340 سيارة إسعاف", "قرابة", True),
        ("ما لا يقل عن 20 مدنيا", "20", True),
        ("عشرات المتظاهرين", "عشرات", True),
        ("مقتل 5 أشخاص", "5", False),
    ],
)
def test_approximations(phrase: str, key: str, approximate: bool) -> None:
    assert pick(quantities(phrase), key).approximate is approximate


def test_counted_noun_span_points_at_the_noun() -> None:
    text = "القبض على 110 من عناصر التنظيم"
    q = pick(quantities(text), "110")
    assert q.counted is not None and text[q.counted.start : q.counted.end] == "عناصر"


def test_no_counts_in_plain_text() -> None:
    assert quantities("أعلنت الإدارة الذاتية منع التجول في كامل المحافظة") == ()
    assert quantities("يوم الأحد الماضي") == ()  # الأحد is Sunday, not "one"


@pytest.mark.parametrize("text", ["", " ", "\n\n", "٫٬", "-", "0", "1,", ",,,", "ثلاث", "and", "بين و", "100-", "-5"])
def test_odd_input_does_not_raise(text: str) -> None:
    for q in quantities(text) + quantities(text, "en"):
        assert q.category in CATEGORIES


def test_categories_are_known_on_gold_articles(gold_documents: list[dict]) -> None:
    for doc in gold_documents:
        for q in quantities(doc["text"], doc["lang"]):
            assert q.category in CATEGORIES
            assert q.text == doc["text"][q.span.start : q.span.end]
            assert q.low is None or q.low <= q.value


def test_linear_time_on_a_long_line(ghwayran: dict) -> None:
    # One 1 MB line of real article text (newlines removed): ten times the text must cost
    # about ten times the time, not a hundred.
    unit = " ".join(ghwayran["text"].split())
    long_line = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    short_norm, long_norm = normalize(long_line[:100_000]), normalize(long_line)
    started = time.perf_counter()
    short = find_quantities(short_norm, (), "ar")
    short_time = time.perf_counter() - started
    started = time.perf_counter()
    found = find_quantities(long_norm, (), "ar")
    long_time = time.perf_counter() - started
    assert len(found) >= 9 * len(short) > 0
    assert long_time < 20 * short_time + 0.5
