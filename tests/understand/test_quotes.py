"""Quotes: direct and reported speech, cues, speakers and speaker coreference.

Short sentences written for these tests check one behaviour each; the gold
articles (read at run time from the shared dir) measure the whole thing.
"""

from __future__ import annotations

from typing import Any

import pytest

from rasid.model import Quote
from rasid.text.normalize import normalize, normalize_key
from rasid.text.sentences import split_sentences
from rasid.understand.quotes import cue_matcher, find_quotes
from rasid.understand.speakers import strip_article


def quotes_of(text: str, lang: str = "ar") -> tuple[Quote, ...]:
    norm = normalize(text)
    return find_quotes(norm, split_sentences(norm), (), lang)


def words_of(s: str) -> list[str]:
    """Comparison words: normalised, quote marks and articles (ال, a/an/the) dropped."""
    cleaned = normalize_key(s).replace("«", " ").replace("»", " ").replace('"', " ")
    return [strip_article(w) for w in cleaned.split() if w not in {"a", "an", "the"}]


def same_speaker(pred: str | None, gold: str | None) -> bool:
    """Equal, or one contained in the other as words; gold alternatives split on "؛"."""
    if pred is None or gold is None:
        return pred == gold
    p = words_of(pred)

    def contains(a: list[str], b: list[str]) -> bool:
        return any(a[i : i + len(b)] == b for i in range(len(a) - len(b) + 1))

    return any(
        bool(p) and bool(g) and (contains(p, g) or contains(g, p))
        for g in (words_of(alt) for alt in gold.split("؛"))
    )


# -- cue table -------------------------------------------------------------

@pytest.mark.parametrize(
    ("form", "tense", "feminine"),
    [
        ("قال", "past", False), ("قالت", "past", True), ("يقول", "present", False),
        ("تقول", "present", True), ("مضيفا", "participle", False), ("مضيفةً", "participle", True),
        ("أكدوا", "past", False), ("نفت", "past", True), ("دعت", "past", True),
        ("منوّهاً", "participle", False), ("تؤكد", "present", True), ("مشيرة", "participle", True),
    ],
)
def test_arabic_cue_forms_are_generated_from_the_table(form: str, tense: str, feminine: bool) -> None:
    info = cue_matcher("ar").get(form)
    assert info is not None, form
    assert (info.tense, info.feminine) == (tense, feminine)


def test_attribution_phrases_and_english_forms_are_cues() -> None:
    assert cue_matcher("ar").get("على ما أفاد").frame == "attrib"  # type: ignore[union-attr]
    assert cue_matcher("ar").get("بحسب ما أفاد به").frame == "attrib"  # type: ignore[union-attr]
    assert cue_matcher("en").get("according to").frame == "attrib"  # type: ignore[union-attr]
    assert cue_matcher("en").get("told").tense == "past"  # type: ignore[union-attr]
    assert cue_matcher("en").get("adding").tense == "participle"  # type: ignore[union-attr]


# -- one behaviour per sentence ---------------------------------------------

# (text, lang, expected [(kind, speaker, quoted text, cue)], role of the first quote or None)
CASES: list[tuple[str, str, list[tuple[str, str, str, str]], str | None]] = [
    # direct, cue before with إن, name then role, recipient not in the role
    ("وقال أحمد سالم المتحدث باسم الشرطة لوكالة الأنباء إن «الوضع تحت السيطرة التامة الآن».", "ar",
     [("direct", "أحمد سالم", "الوضع تحت السيطرة التامة الآن", "قال")], "المتحدث باسم الشرطة"),
    # direct, cue after the quote
    ("«لن نسمح بعودة المسلحين إلى المدينة»، قال محافظ المدينة.", "ar",
     [("direct", "محافظ المدينة", "لن نسمح بعودة المسلحين إلى المدينة", "قال")], None),
    # colon, feminine organisation
    ("وأضافت الوزارة في بيان: «تم نقل الجرحى إلى المستشفى الميداني».", "ar",
     [("direct", "الوزارة", "تم نقل الجرحى إلى المستشفى الميداني", "أضافت")], None),
    # interrupted quote: two quotes, one speaker
    ("وقال خالد عمر إن «القصف استمر طوال الليل على الأحياء»، وأضاف: «لم نتمكن من إجلاء المدنيين».", "ar",
     [("direct", "خالد عمر", "القصف استمر طوال الليل على الأحياء", "قال"),
      ("direct", "خالد عمر", "لم نتمكن من إجلاء المدنيين", "أضاف")], None),
    # a quoted name inside a statement is part of it, not a quote of its own
    ("وقال مسؤول في «الجبهة» إن «عناصر «الجبهة» انسحبوا من المواقع الأمامية».", "ar",
     [("direct", "مسؤول في «الجبهة»", "عناصر «الجبهة» انسحبوا من المواقع الأمامية", "قال")], None),
    # short quoted names and terms with no cue are not quotes
    ("هاجم عناصر «داعش» مواقع «قسد» قرب البلدة، وفق ما يسمى «خطة الربيع».", "ar", [], None),
    # reported speech after أن
    ("وأوضح مدير المستشفى أن خمسة جرحى وصلوا صباح اليوم.", "ar",
     [("indirect", "مدير المستشفى", "خمسة جرحى وصلوا صباح اليوم", "أوضح")], None),
    # attribution at the start, فإن stripped
    ("وبحسب مصادر محلية، فإن القوات انسحبت من القرية ليلا.", "ar",
     [("indirect", "مصادر محلية", "القوات انسحبت من القرية ليلا", "بحسب")], None),
    # attribution at the end
    ("قتل ثلاثة مدنيين في قصف على السوق، حسبما أفاد مصدر طبي.", "ar",
     [("indirect", "مصدر طبي", "قتل ثلاثة مدنيين في قصف على السوق", "حسبما أفاد")], None),
    # كشف X عن …
    ("وكشف المتحدث العسكري عن اعتقال عشرة مشتبه بهم في المدينة.", "ar",
     [("indirect", "المتحدث العسكري", "اعتقال عشرة مشتبه بهم في المدينة", "كشف")], None),
    # dropped subject of a participle
    ("وقال سمير حداد إن الطريق مغلق منذ يومين، مضيفا أن الإمدادات لم تصل بعد.", "ar",
     [("indirect", "سمير حداد", "الطريق مغلق منذ يومين", "قال"),
      ("indirect", "سمير حداد", "الإمدادات لم تصل بعد", "مضيفا")], None),
    # SVO order: the subject before the verb
    ("مصادر طبية أكدت أن عدد الجرحى ارتفع إلى عشرين.", "ar",
     [("indirect", "مصادر طبية", "عدد الجرحى ارتفع إلى عشرين", "أكدت")], None),
    # negated cue: nothing said
    ("ولم يذكر المسؤول عدد القتلى في الهجوم.", "ar", [], None),
    # English: direct, inverted cue, apposition role
    ('"We will not leave our homes," said Ahmed Nour, a local farmer.', "en",
     [("direct", "Ahmed Nour", "We will not leave our homes,", "said")], "a local farmer"),
    # English: reported with "that" after an adverbial
    ("The ministry said in a statement that three soldiers were wounded in the attack.", "en",
     [("indirect", "The ministry", "three soldiers were wounded in the attack", "said")], None),
    # English: attribution after the clause
    ("Two people died in the blast near the market, a police spokesman said.", "en",
     [("indirect", "a police spokesman", "Two people died in the blast near the market", "said")], None),
    ("At least ten people were killed in the raid, according to local officials.", "en",
     [("indirect", "local officials", "At least ten people were killed in the raid", "according to")], None),
    # English: recipient of "told" skipped; pronoun resolved
    ('Maria Lopez told Reuters the road was closed by the army. "Nobody can get through," she added.', "en",
     [("indirect", "Maria Lopez", "the road was closed by the army", "told"),
      ("direct", "Maria Lopez", "Nobody can get through,", "added")], None),
    # English: idiom, not speech; a participle used as an adjective is no cue either
    ("Rebels claimed responsibility for the attack on the convoy.", "en", [], None),
    ("Investigators visited three of the reported sites near the border.", "en", [], None),
    # English: the clause before a quote with a final cue is reported by the same speaker
    ('Fighting resumed near the airport "after the rebels shelled the runway", the officer told AFP.', "en",
     [("indirect", "the officer", "Fighting resumed near the airport", "told"),
      ("direct", "the officer", "after the rebels shelled the runway", "told")], None),
    # English: two attributions in one sentence
    ("The war has killed thousands according to the monitor and has displaced millions according to the agency.",
     "en", [("indirect", "the monitor", "The war has killed thousands", "according to"),
            ("indirect", "the agency", "has displaced millions", "according to")], None),
    # English: a quote left open at a paragraph's end goes on in the next paragraph
    ('One resident, Sami Haddad, said: "The shelling lasted all night.\n\n"We could not leave the cellar."',
     "en", [("direct", "Sami Haddad", "The shelling lasted all night.", "said"),
            ("direct", "Sami Haddad", "We could not leave the cellar.", "said")], "One resident"),
    # attribution mid-sentence with فإن, after a comma
    ("انقطعت الكهرباء عن المدينة، وبحسب مصادر محلية فإن الأضرار طالت محطة التحويل الرئيسية.", "ar",
     [("indirect", "مصادر محلية", "الأضرار طالت محطة التحويل الرئيسية", "بحسب")], None),
    # an attribution set off by dashes covers the whole sentence
    ("وأغلق المسلحون -حسبما أفادت وكالة الأنباء المحلية- الطريق المؤدي إلى الميناء.", "ar",
     [("indirect", "وكالة الأنباء المحلية", "وأغلق المسلحون -حسبما أفادت وكالة الأنباء المحلية- الطريق المؤدي إلى الميناء",
       "حسبما أفادت")], None),
    # a verb followed by a participle: the participle's statement, one speaker
    ("وقال المحافظ إن الوضع هادئ في المدينة. وتابع مؤكدا أن الدوريات ستستمر حتى نهاية الأسبوع.", "ar",
     [("indirect", "المحافظ", "الوضع هادئ في المدينة", "قال"),
      ("indirect", "المحافظ", "الدوريات ستستمر حتى نهاية الأسبوع", "مؤكدا")], None),
    # a colon with no quote marks: the words after it are the statement
    ("وقال الخبير: ما لا يدع مجالا للشك أن الموقع يشكل تهديدا.", "ar",
     [("indirect", "الخبير", "ما لا يدع مجالا للشك أن الموقع يشكل تهديدا", "قال")], None),
    # verb, subject, participle, colon: the verb carries the quote; a kunya starts a name
    ("وقال أبو خالد محذرا: «لا تقتربوا من خطوط التماس في الليل».", "ar",
     [("direct", "أبو خالد", "لا تقتربوا من خطوط التماس في الليل", "قال")], None),
    # a quoted name inside the speaker phrase is not the quote
    ("وقالت مديرة «المرصد المحلي لحقوق الإنسان»، سلمى عيسى، إن «الانتهاكات تضاعفت هذا العام».", "ar",
     [("direct", "سلمى عيسى", "الانتهاكات تضاعفت هذا العام", "قالت")], "مديرة «المرصد المحلي لحقوق الإنسان»"),
    # a participle used as an adjective is no cue
    ("وفرضت السلطات رقابة مشددة على المعابر الحدودية مع الدول المجاورة.", "ar", [], None),
    # object-taking verbs: the definite subject runs to the first indefinite word; إلى is dropped
    ("ونفى المتحدث باسم الجيش وقوع إصابات بين المدنيين.", "ar",
     [("indirect", "المتحدث باسم الجيش", "وقوع إصابات بين المدنيين", "نفى")], None),
    ("وأشار التقرير إلى مقتل عشرين مدنيا خلال الأسبوع الماضي.", "ar",
     [("indirect", "التقرير", "مقتل عشرين مدنيا خلال الأسبوع الماضي", "أشار")], None),
    # نقل X عن Y: the speaker is the source quoted, not the outlet
    ("ونقلت الوكالة عن شهود عيان قولهم إن الانفجار هز وسط المدينة.", "ar",
     [("indirect", "شهود عيان", "الانفجار هز وسط المدينة", "نقلت")], None),
    # English: initial attribution; apposition after a quote; relative clause after the subject
    ("According to the health ministry, 30 people were killed in the strikes.", "en",
     [("indirect", "the health ministry", "30 people were killed in the strikes", "According to")], None),
    ('"We are doing everything we can," the ministry spokesman, Ahmed Ali, told reporters on Sunday.', "en",
     [("direct", "Ahmed Ali", "We are doing everything we can,", "told")], "the ministry spokesman"),
    ('"The situation is very bad," said one resident who asked not to be named.', "en",
     [("direct", "one resident", "The situation is very bad,", "said")], None),
    ("The UN envoy warned that the ceasefire was at risk, adding that both sides had violated it.", "en",
     [("indirect", "The UN envoy", "the ceasefire was at risk", "warned"),
      ("indirect", "The UN envoy", "both sides had violated it", "adding")], None),
    # a definite role phrase followed by a bare name; the surname later points back
    ("وقال الناطق باسم الحكومة محمد سالم إن «الحكومة لن تتفاوض مع الخاطفين». وأضاف سالم أن قوات الأمن تطوق المنطقة.",
     "ar", [("direct", "محمد سالم", "الحكومة لن تتفاوض مع الخاطفين", "قال"),
            ("indirect", "محمد سالم", "قوات الأمن تطوق المنطقة", "أضاف")], "الناطق باسم الحكومة"),
    # "حسب ما أفادت X" is generated from the prefix and the verb; "كما أكد" stays a verb
    ("أصيب عشرة شرطيين في انفجار عبوة ناسفة قرب المدينة، حسب ما أفادت مصادر أمنية.", "ar",
     [("indirect", "مصادر أمنية", "أصيب عشرة شرطيين في انفجار عبوة ناسفة قرب المدينة", "حسب ما أفادت")], None),
    ("كما أكد المصدر أن القوات انسحبت من المدينة فجر اليوم.", "ar",
     [("indirect", "المصدر", "القوات انسحبت من المدينة فجر اليوم", "أكد")], None),
    # English: "Name, role, said …" is an apposition; a quote interrupted by "he said" keeps its speaker
    ('Ahmed Ali, a local official, said the road was cut. "We will fight," he said, "until the end of this siege."',
     "en", [("indirect", "Ahmed Ali", "the road was cut", "said"),
            ("direct", "Ahmed Ali", "We will fight,", "said"),
            ("direct", "Ahmed Ali", "until the end of this siege.", "said")], "a local official"),
    # a quote introduced after a colon and a role title before the name
    ("وقال قائد الشرطة العميد سامي العلي: «لن نتهاون مع أي جهة تعبث بالأمن».", "ar",
     [("direct", "العميد سامي العلي", "لن نتهاون مع أي جهة تعبث بالأمن", "قال")], "قائد الشرطة"),
]


@pytest.mark.parametrize(("text", "lang", "expected", "role"), CASES)
def test_quote_cases(text: str, lang: str, expected: list[tuple[str, str, str, str]], role: str | None) -> None:
    found = quotes_of(text, lang)
    got = [(q.kind, q.speaker, q.text, q.cue) for q in found]
    assert got == expected
    for q in found:
        assert text[q.span.start : q.span.end] == q.text
        if q.cue_span is not None:
            assert text[q.cue_span.start : q.cue_span.end] == q.cue
    assert [q.id for q in found] == [f"q{i + 1}" for i in range(len(found))]
    if expected:
        assert found[0].speaker_role == role


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # a definite description points back to the named speaker whose role it shares
        ("وقال ياسر النجار المتحدث باسم الدفاع المدني إن «فرق الإنقاذ انتشلت جثتين من تحت الأنقاض». "
         "وأضاف المتحدث أن البحث مستمر عن مفقودين آخرين.", ["ياسر النجار", "ياسر النجار"]),
        # a surname points back to the full name
        ("وقال رامي الحسن، قائد الفوج الثالث، إن «قواتنا صدت الهجوم بالكامل». "
         "وأكد الحسن أن خسائر المهاجمين كانت كبيرة جدا.", ["رامي الحسن", "رامي الحسن"]),
        # a feminine verb with a dropped subject goes to the feminine speaker
        ("وقالت منى يوسف الناشطة الحقوقية إن المعتقلين نقلوا إلى سجن آخر. "
         "وأضافت أن عائلاتهم لم تبلغ بذلك حتى الآن.", ["منى يوسف", "منى يوسف"]),
        # "the official" goes back to the official first named
        ('"The checkpoint was attacked at dawn," Omar Khalil, a security official, told AFP. '
         "The official said two guards were wounded in the exchange.", ["Omar Khalil", "Omar Khalil"]),
    ],
)
def test_speaker_coreference(text: str, speakers: list[str]) -> None:
    lang = "en" if text.isascii() or text[0] == '"' else "ar"
    assert [q.speaker for q in quotes_of(text, lang)] == speakers


def test_actor_mentions_split_subject_from_object() -> None:
    """With no comma or عن, an actor mention right after the verb marks where the subject ends."""
    from rasid.model import Mention, Span

    text = "وأعلنت قوات الجيش الوطني سيطرتها على ثلاث قرى في الريف الشمالي."
    norm = normalize(text)
    start = text.index("الجيش")
    mention = Mention("actor", Span(start, start + len("الجيش الوطني")), "الجيش الوطني")
    assert find_quotes(norm, split_sentences(norm), (), "ar") == ()
    found = find_quotes(norm, split_sentences(norm), (mention,), "ar")
    assert [(q.speaker, q.text) for q in found] == [("قوات الجيش الوطني", "سيطرتها على ثلاث قرى في الريف الشمالي")]


# -- the gold articles --------------------------------------------------------

def score(docs: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Quote P/R/F1 by one-to-one text overlap (≥ half the shorter span) and speaker accuracy."""
    counts: dict[str, dict[str, float]] = {}
    for doc in docs:
        text = doc["text"]
        found = quotes_of(text, doc["lang"])
        gold = []
        for g in doc["quotes"]:
            start = text.find(g["text"])
            assert start >= 0, g["text"]
            gold.append((start, start + len(g["text"]), g))
        candidates = []
        for i, (gs, ge, _) in enumerate(gold):
            for j, q in enumerate(found):
                ov = max(0, min(ge, q.span.end) - max(gs, q.span.start))
                if ov and ov / min(ge - gs, len(q.span)) >= 0.5:
                    candidates.append((ov, i, j))
        used_g: set[int] = set()
        used_p: set[int] = set()
        c = counts.setdefault(doc["lang"], {"tp": 0, "fp": 0, "fn": 0, "speaker": 0})
        for _, i, j in sorted(candidates, reverse=True):
            if i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
            c["tp"] += 1
            c["speaker"] += same_speaker(found[j].speaker, gold[i][2]["speaker"])
        c["fp"] += len(found) - len(used_p)
        c["fn"] += len(gold) - len(used_g)
    out = {}
    for lang, c in counts.items():
        p = c["tp"] / max(1, c["tp"] + c["fp"])
        r = c["tp"] / max(1, c["tp"] + c["fn"])
        out[lang] = {"p": p, "r": r, "f1": 2 * p * r / max(1e-9, p + r), "speaker": c["speaker"] / max(1, c["tp"])}
    return out


# Floors measured on the development gold (the worked example + 38 news articles).
FLOORS = {"ar": {"f1": 0.94, "speaker": 0.95}, "en": {"f1": 0.95, "speaker": 0.97}}


def test_gold_quote_f1_and_speaker_accuracy(gold_documents: list[dict[str, Any]]) -> None:
    scores = score(gold_documents)
    for lang, floor in FLOORS.items():
        assert scores[lang]["f1"] >= floor["f1"], (lang, scores[lang])
        assert scores[lang]["speaker"] >= floor["speaker"], (lang, scores[lang])


def test_gold_short_quoted_names_are_not_quotes(gold_documents: list[dict[str, Any]]) -> None:
    """A 1-3 word quoted name found as a quote must be one the annotators marked as a quote."""
    for doc in gold_documents:
        gold_texts = {normalize_key(g["text"]) for g in doc["quotes"]}
        for q in quotes_of(doc["text"], doc["lang"]):
            if q.kind == "direct" and len(q.text.split()) <= 3:
                assert normalize_key(q.text) in gold_texts, (doc["doc_id"], q.text)


def test_gold_worked_example_speakers(ghwayran: dict[str, Any]) -> None:
    """The worked example: every direct gold quote is found with its exact text and speaker."""
    found = {q.text: q for q in quotes_of(ghwayran["text"], "ar")}
    direct = [g for g in ghwayran["quotes"] if g["kind"] == "direct"]
    hits = [g for g in direct if g["text"] in found and same_speaker(found[g["text"]].speaker, g["speaker"])]
    assert len(hits) >= len(direct) - 1, [g["text"][:40] for g in direct if g not in hits]


def test_gold_offsets_point_into_the_original(gold_documents: list[dict[str, Any]]) -> None:
    for doc in gold_documents:
        for q in quotes_of(doc["text"], doc["lang"]):
            assert doc["text"][q.span.start : q.span.end] == q.text
            if q.speaker_span is not None:
                assert doc["text"][q.speaker_span.start : q.speaker_span.end] == q.speaker


def test_empty_text_has_no_quotes() -> None:
    assert quotes_of("", "ar") == ()
    assert quotes_of("   \n", "en") == ()
