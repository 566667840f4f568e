"""The arguments of one event: actors, place, date, fatalities, source, evidence.

Each function reads what the upstream stages found (mentions, quantities,
times, quotes) near the event's trigger and picks what belongs to it, with
the fallbacks ACLED coders use: the previous sentences, then the article's
dateline, for a place; the sentence's own date, else none, for a date.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from rasid.coding.context import SentenceView, TriggerHit, is_finite_verb
from rasid.model import Mention, Place, Quantity, Quote, Result, Span, TimeExpression
from rasid.resources import read_table
from rasid.text.matcher import count_split_words
from rasid.text.normalize import normalize
from rasid.understand.places import article_country_of

STATE_PREFIXES = ("Military Forces of", "Police Forces of", "Government of")
FATAL_CATEGORIES = ("killed", "bodies")


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor mention as one event sees it."""

    mention: Mention
    name: str | None  # canonical name, template filled with the country
    category: str  # state, civilian, protester, rioter, armed
    role: str | None  # "agent", "target" or None, from the words before it
    marked: bool = False  # the agent is marked as such ("من قبل", "على يد", "برصاص"), not inferred


def actor_category(name: str | None, mention: Mention | None = None) -> str:
    """Sort an actor into the classes ACLED's typing rules care about."""
    label = name or ""
    if mention is not None and not label:
        label = str(mention.attrs.get("template") or "")
    if label.startswith(STATE_PREFIXES):
        return "state"
    if label.startswith("Civilians"):
        return "civilian"
    if label.startswith("Protesters"):
        return "protester"
    if label.startswith("Rioters"):
        return "rioter"
    kind = str(mention.attrs.get("actor_type", "")).lower() if mention is not None else ""
    if kind in {"state", "military", "police", "government"}:
        return "state"
    if kind in {"civilian", "civilians"}:
        return "civilian"
    return "armed"


def canonical_name(mention: Mention, country: str | None) -> str | None:
    """The mention's canonical name; a generic one gets the event's country."""
    if mention.canonical:
        return mention.canonical
    try:  # the actors stage's helper, when it exists
        from rasid.understand import actors as actors_stage

        helper = getattr(actors_stage, "canonical_for", None)
        if helper is not None:
            name = helper(mention, country)
            if name:
                return str(name)
    except Exception:  # pragma: no cover - an upstream bug must not stop coding
        pass
    template = mention.attrs.get("template")
    country = country or mention.attrs.get("country")
    if template and country:
        return str(template).replace("{country}", str(country))
    return None


_CANONICAL_MEMO: dict[tuple[int, str | None], tuple[Mention, str | None]] = {}


def _canonical_cached(mention: Mention, country: str | None) -> str | None:
    """canonical_name, memoised for the mentions of the document being coded."""
    key = (id(mention), country)
    hit = _CANONICAL_MEMO.get(key)
    if hit is not None and hit[0] is mention:
        return hit[1]
    if len(_CANONICAL_MEMO) > 4096:
        _CANONICAL_MEMO.clear()
    name = canonical_name(mention, country)
    _CANONICAL_MEMO[key] = (mention, name)
    return name


def _overlaps(a: Span, start: int, end: int) -> bool:
    return a.start < end and start < a.end


_BY_KIND: dict[str, object] = {}


def _of_kind(result: Result, kind: str) -> list[Mention]:
    """The document's mentions of one kind in text order, computed once per mentions tuple."""
    if _BY_KIND.get("key") is not result.mentions:
        _BY_KIND.clear()
        _BY_KIND["key"] = result.mentions
    cached = _BY_KIND.get(kind)
    if cached is None:
        cached = sorted((m for m in result.mentions if m.kind == kind), key=lambda m: m.span.start)
        _BY_KIND[kind] = cached
    return cached  # type: ignore[return-value]


def mentions_in(result: Result, kind: str, start: int, end: int) -> list[Mention]:
    """Mentions of ``kind`` overlapping the original span ``[start, end)``, in text order."""
    return [m for m in _of_kind(result, kind) if m.span.start < end and start < m.span.end]


def _words_between(text: str, end: int, start: int) -> int:
    """Words between a marker's end and a mention's start; large when the mention precedes it."""
    if start < end:
        return 99
    return count_split_words(text, end, start, 9)  # callers ask for at most 4


def actor_refs(
    result: Result, view: SentenceView, start: int, end: int, country: str | None, hit: TriggerHit | None = None
) -> list[ActorRef]:
    """Actors in the original span, with the role the word before each suggests.

    ``hit``: the trigger the actors are read for; the subject of "قام ... بـ" is the doer of the
    verbal noun it carries only.
    """
    text = view.norm.original
    agent_ends = view.marker_ends("agent")
    target_ends = view.marker_ends("target")
    object_ends = view.object_trigger_ends()
    undergo = [view.original(c.start, c.end) for c in view.cues_of("undergo")]
    # "استهدف انتحاري اجتماعا": a bomber or gunmen right after "استهدف" are its subject, not its target.
    doers = [view.original(c.start, c.end) for c in view.cues if c.cue in {"suicide", "perpetrator"}]
    verbs = view.finite_verb_triggers()
    denied = view.marker_ends("not_actor")
    light = light_verb_windows(view)
    english_verb = _english_past_verb(view, hit)
    killed_verbs = [
        view.original(t.start, t.end) for t in view.triggers
        if t.entry.lang == "ar" and t.entry.kind == "kill" and is_finite_verb(view.words[t.word][2])
    ]
    refs: list[ActorRef] = []
    for m in mentions_in(result, "actor", start, end):
        if any(_words_between(text, e, m.span.start) <= _DENIED_REACH for e in denied):
            continue  # "استهدفت عناصر طالبان، وليس جنودا باكستانيين": the text denies this side took part
        name = _canonical_cached(m, country) or _unresolved(m, country)
        category = actor_category(name, m)
        role = None
        marked = any(_words_between(text, e, m.span.start) <= 4 for e in agent_ends)
        if marked:
            # "من قبل عناصر حاجز تابع لـ X": the agent may follow a few words of description.
            role = "agent"
        elif any(window.contains(m.span) and noun == hit for window, noun in light):
            role = "agent"  # "قام عدد من جنود المارينز بقتل المدنيين": the light verb's subject did it
        elif (
            not any(m.span.overlaps(d) for d in doers)
            and any(_words_between(text, e, m.span.start) <= 1 for e in target_ends)
        ) or any(
            _words_between(text, e, m.span.start) <= 3 for e in object_ends
        ) or any(_undergoes(text, u, m.span) for u in undergo) or _casualties(result, text, m.span) or (
            any(v.start >= m.span.end and _subject_of(text, v, m.span) for v in killed_verbs)
            and _counted(result, text, m.span)
        ):
            # "ثلاثين متمردا قتلوا في مواجهات مع ...": a counted group before "قتلوا" is its passive's victims.
            role = "target"
        elif (
            category in {"state", "armed"}
            and any(_subject_of(text, v, m.span) for v in verbs)
            and not _counted(result, text, m.span)
        ) or (category in {"state", "armed"} and english_verb is not None and _english_subject(text, english_verb, m.span)):
            role = "agent"
        refs.append(ActorRef(m, name, category, role, marked))
    return refs


_ADVERB_GAP = re.compile(r"\s+(?:[A-Za-z]+ly\s+)?")  # "Turkish forces heavily bombarded"


def _english_past_verb(view: SentenceView, hit: TriggerHit | None) -> Span | None:
    """The original span of an English trigger written as a past-tense verb ("bombed",
    "clashed"), whose subject is its doer; None for a noun ("a bomb", "clashes")."""
    if hit is None or hit.entry.lang != "en":
        return None
    span = view.original(hit.start, hit.end)
    first = span.text_of(view.norm.original).split(" ", 1)[0].lower()
    return span if first.endswith("ed") or first in _irregular_past() else None


@cache
def _irregular_past() -> frozenset[str]:
    """English past forms that do not end in "-ed" ("Turkish jets struck", "gunmen shot")."""
    return frozenset(r["word"] for r in read_table("english_words.tsv").rows if r["role"] == "irregular_past")


def _english_subject(text: str, verb: Span, mention: Span) -> bool:
    """Whether the mention is the subject right before an English verb, an adverb at most
    between ("Syrian or Russian warplanes bombed", "Turkish forces heavily bombarded")."""
    return mention.end <= verb.start and _ADVERB_GAP.fullmatch(text, mention.end, verb.start) is not None


UNRESOLVED = "{"  # an unfilled template's placeholder: a name that is no name


def _unresolved(mention: Mention, country: str | None) -> str | None:
    """A generic mention in an article with no country at all ("القوات الأجنبية امرت بضربات
    جوية على مركز الشرطة"): its template stands in for the name while the event is coded, so the
    side is still told apart and shown; the coder drops it from the event (:func:`resolved`)."""
    template = mention.attrs.get("template")
    if country or mention.attrs.get("article_country") or not template:
        return None
    return str(template)


def resolved(name: str | None) -> str | None:
    """The name an event may carry: None for a template no country filled."""
    return None if name is None or UNRESOLVED in name else name


_DENIED_REACH = 1  # words between "ليس" and the side it denies ("ليسوا من المسلحين")
_LIGHT_VERB_REACH = 8  # words between "قام" and the verbal noun after ب that it carries


def light_verb_windows(view: SentenceView) -> list[tuple[Span, TriggerHit]]:
    """Arabic "قام X بـ<verbal noun>" ("قام مسلحون يرتدون بزات الأمن بخطف ..."): the light verb
    carries the event its verbal noun names, and its subject X, between the two, is the doer.

    Each pair is the original span between the verb and the noun, and the noun's trigger: the
    first trigger after the verb in its clause, within a few words, written with the
    preposition ب.
    """
    out: list[tuple[Span, TriggerHit]] = []
    for cue in view.cues_of("light_verb"):
        clause = view.clause_of(cue.start)
        after = sorted(
            (t for t in view.triggers if t.entry.lang == "ar" and cue.end <= t.start < clause[1]),
            key=lambda t: t.start,
        )
        if not after or after[0].word - cue.word - cue.n_words > _LIGHT_VERB_REACH:
            continue
        noun = after[0]
        if not view.words[noun.word][2].startswith("ب") or noun.word == cue.word + cue.n_words:
            continue  # "قام بقتل": no subject written between them
        out.append((view.original(cue.end, noun.start), noun))
    return out


# Counts of people harmed: the actor they count is the event's victim ("مقتل ثمانية من مقاتلي X").
_HARMED = frozenset({"killed", "wounded", "bodies"})


def _casualties(result: Result, text: str, mention: Span) -> bool:
    """An actor counted as killed or wounded ("قتلت تسعة جنود افغان", "مقتل ثمانية من
    مقاتلي البيشمركة") suffered the event: ACLED's target side, never its doer."""
    return any(
        q.category in _HARMED and q.span.end <= mention.start and count_split_words(text, q.span.end, mention.start, 2) <= 2
        for q in result.quantities
    )


def _undergoes(text: str, cue: Span, mention: Span) -> bool:
    """The subject of "تعرض ... لـ" (underwent an attack) is its target: right before
    the verb ("القوات الأمريكية تعرضت لهجوم") or right after it ("تعرضت قافلته لهجوم")."""
    if mention.end <= cue.start:
        return not text[mention.end : cue.start].strip()
    return mention.start >= cue.end and count_split_words(text, cue.end, mention.start, 1) <= 1


def _counted(result: Result, text: str, mention: Span) -> bool:
    """A counted group ("47 إرهابياً", "أربعة من رجال الشرطة قتلوا") is the verb's
    object or a passive's victims, not its doer."""
    return any(
        q.span.end <= mention.start and count_split_words(text, q.span.end, mention.start, 2) <= 2
        for q in result.quantities
    )


def subject_of(result: Result, verb: Span, mention: Span) -> bool:
    """Whether an actor mention is the doer-subject of a finite verb: in its subject slot and
    not a counted group (the object or a passive's victims, "سبعة اشخاص قتلوا")."""
    return _subject_of(result.text, verb, mention) and not _counted(result, result.text, mention)


def _subject_of(text: str, verb: Span, mention: Span) -> bool:
    """Whether the mention sits in a finite verb's subject slot: at most one word
    after it (VSO, "قتلت أمس القوات"), or right before it (SVO, "القوات قتلت")."""
    if mention.start >= verb.end:
        return count_split_words(text, verb.end, mention.start, 1) <= 1 and _opens_clause(text, verb.start)
    return mention.end <= verb.start and not text[mention.end : verb.start].strip()


# Particles after which a verb opens its clause, so its subject follows it (VSO).
_VSO_OPENERS = frozenset({
    "ان", "أن", "إن", "انه", "أنه", "قد", "لقد", "وقد", "حيث", "اذ", "إذ", "بعدما", "عندما", "كما", "فيما",
    "بينما", "حين", "ثم", "بعد", "حينما", "كذلك", "امس", "أمس", "اليوم",
})


def _opens_clause(text: str, start: int) -> bool:
    """Whether the verb at ``start`` begins its clause: at the start of a line or
    after punctuation, a conjunction on the verb itself ("وقتلت"), or a particle
    ("أن قتلت"). After a noun ("قواته قتلت مسلحا") the subject came first and
    what follows the verb is its object."""
    if text[start : start + 1] in ("و", "ف"):
        return True
    before = text[max(0, start - 40) : start].rstrip()
    if not before or before[-1] in "«\"'.،,:؛;()\n-–—":
        return True
    return before.split()[-1] in _VSO_OPENERS


def place_of(m: Mention) -> Place | None:
    place = m.attrs.get("place")
    return place if isinstance(place, Place) else None


def _precision(m: Mention) -> int:
    place = place_of(m)
    if place is None:
        return 9
    if place.geo_precision is not None:
        return place.geo_precision
    return 2 if place.admin1 else 3


def _foreign(m: Mention, country: str | None) -> bool:
    place = place_of(m)
    return country is not None and place is not None and place.country not in (None, country)


def best_place(
    result: Result,
    views: Sequence[SentenceView],
    index: int,
    trigger_pos: int,
    country: str | None = None,
    clause: Span | None = None,
    gathering: bool = False,
) -> Mention | None:
    """The most precise place in the sentence, else in the 3 before, else the article's first.

    Places in the article's own country come first: a gazetteer hit in
    another country is more often a homonym than a cross-border event.
    With ``clause`` (the trigger's clause): a place there in another province
    than the sentence's best wins ("اغتال ... في حي الشعب شمالي بغداد، بينما أُصيب
    ناشطان آخران في محافظة القادسية بانفجار": the blast is in Al-Qadisiyah).
    ``gathering``: the trigger names a protest (see :func:`_closer_precise_place`).
    """
    chosen = _nearby_place(result, views, index, trigger_pos, country, clause)
    if clause is not None and chosen is not None and (best := place_of(chosen)) is not None:
        own = [
            m for m in mentions_in(result, "place", clause.start, clause.end)
            if (p := place_of(m)) is not None and p.admin1 and p.admin1 != best.admin1 and not _foreign(m, country)
        ]
        if own and not clause.overlaps(chosen.span):
            chosen = min(own, key=lambda m: (_precision(m), abs(m.span.start - trigger_pos)))
    info = place_of(chosen) if chosen is not None else None
    if chosen is None or info is None or info.admin1 is not None:
        return chosen
    if gathering and clause is not None and (
        closer := _closer_precise_place(result, clause, trigger_pos, chosen)
    ) is not None:
        return closer
    # Only a country named here ("Iraq"): the article's own more precise place in it.
    same = [
        m for m in result.mentions
        if m.kind == "place" and (p := place_of(m)) is not None and p.admin1 and p.country == info.country
    ]
    dateline = dateline_span(result)
    same = [m for m in same if dateline is None or not dateline.contains(m.span)] or same
    before = [m for m in same if m.span.start <= trigger_pos]
    if before:
        return max(before, key=lambda m: m.span.start)
    return min(same, key=lambda m: m.span.start) if same else chosen


def _closer_precise_place(result: Result, clause: Span, trigger_pos: int, country: Mention) -> Mention | None:
    """A province or town in a protest's own clause, nearer its word than the only country named
    there ("تجمع أهالي ... أمام مقر ولاية X ... في ليبيا"): the protest was
    held there; the country further on qualifies another noun. Protests are often held abroad
    (families, diasporas, solidarity), so a place in another country than the article's is no
    homonym here; for violence that prior stays (see :func:`best_place`)."""
    dateline = dateline_span(result)
    reach = abs(country.span.start - trigger_pos)
    near = [
        m for m in mentions_in(result, "place", clause.start, clause.end)
        if (p := place_of(m)) is not None and p.admin1 and abs(m.span.start - trigger_pos) < reach
        and (dateline is None or not dateline.contains(m.span))
    ]
    return min(near, key=lambda m: (_precision(m), abs(m.span.start - trigger_pos))) if near else None


def _nearby_place(
    result: Result,
    views: Sequence[SentenceView],
    index: int,
    trigger_pos: int,
    country: str | None,
    clause: Span | None = None,
) -> Mention | None:
    view = views[index]
    span = view.sentence.span
    dateline = dateline_span(result)

    def filed(m: Mention) -> bool:
        return dateline is not None and dateline.contains(m.span)

    here = [m for m in mentions_in(result, "place", span.start, span.end) if place_of(m)]
    if here:
        # A country named in the trigger's own clause is where it happened, not a namesake abroad
        # ("وقفة احتجاجية أمام منزل السفير الإسرائيلي في مصر" in an article about Gaza).
        def foreign(m: Mention) -> bool:
            named_here = clause is not None and clause.overlaps(m.span) and m.attrs.get("feature") == "country"
            return _foreign(m, country) and not named_here

        provinces = {p.admin1 for m in here if m.attrs.get("descriptor") == "admin1" and (p := place_of(m)) and p.admin1}

        def reference(m: Mention) -> bool:
            # "in Salahuddin province, north of Baghdad": a town named only as a bearing from is
            # no place of the event when the sentence names its province, and another one.
            p = place_of(m)
            return (bool(provinces) and m.attrs.get("descriptor") == "direction" and p is not None
                    and p.admin1 not in provinces)

        return min(here, key=lambda m: (
            foreign(m), filed(m), reference(m), _precision(m), abs(m.span.start - trigger_pos)
        ))
    for back in range(index - 1, max(-1, index - 4), -1):
        prev = views[back].sentence.span
        found = [m for m in mentions_in(result, "place", prev.start, prev.end) if place_of(m)]
        if found:
            return min(found, key=lambda m: (_foreign(m, country), filed(m), _precision(m), -m.span.start))
    first = [m for m in result.mentions if m.kind == "place" and place_of(m)]
    return min(first, key=lambda m: (_foreign(m, country), filed(m), m.span.start)) if first else None


def article_country(result: Result) -> str | None:
    """The article's country: as the places stage weighed it, else by counting places and actors."""
    decided = article_country_of(result.mentions)
    if decided:
        return decided
    counts: Counter[str] = Counter()
    for m in result.mentions:
        place = place_of(m) if m.kind == "place" else None
        if place is not None and place.country:
            # A country named outright ("مالي") says more than a village matched in a gazetteer.
            counts[place.country] += 3 if place.admin1 is None else 1
    if counts:
        return counts.most_common(1)[0][0]
    actor_countries = Counter(
        str(m.attrs["country"]) for m in result.mentions if m.kind == "actor" and m.attrs.get("country")
    )
    if actor_countries:
        return actor_countries.most_common(1)[0][0]
    # The actors stage's own reading of the article's country, kept on its generic mentions
    # ("مجهولين خطفوا ... في بيشاور شمال غرب باكستان": no gazetteer place, a country named).
    fallback = Counter(
        str(m.attrs["article_country"]) for m in result.mentions if m.kind == "actor" and m.attrs.get("article_country")
    )
    return fallback.most_common(1)[0][0] if fallback else None


def dateline_span(result: Result) -> Span | None:
    """An English article's dateline ("BAGHDAD –", "ERBIL, Kurdistan Region -", "Sanaa, Jan 14 :"),
    when a place mention opens it: where and when the report was filed, not the event's place
    or day, which ACLED takes from the report itself (the dateline stays a last resort)."""
    if result.document.lang != "en":
        return None
    text = result.text
    for m in _DATELINE.finditer(text, 0, min(len(text), _DATELINE_REACH)):
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        if any(p.kind == "place" and p.span.start == start for p in result.mentions):
            return Span(start, m.end())
    return None


def time_of(result: Result, view: SentenceView, trigger_pos: int) -> TimeExpression | None:
    """The sentence's date: the resolved time expression nearest the trigger."""
    span = view.sentence.span
    here = [t for t in result.times if _overlaps(t.span, span.start, span.end) and t.value]
    if result.document.lang == "en":
        # "A statement Wednesday said the men were killed": the day of the saying, not of the event.
        # "told Rudaw on Monday that they had arrested": likewise.
        here = [t for t in here if not (t.span.end <= trigger_pos and (
            _SAYING.search(result.text, t.span.end, trigger_pos)
            or (_THAT.match(result.text, t.span.end) and _SAYING.search(result.text, max(0, t.span.start - 30), t.span.start))
        ))]
        # "..., residents told AFP yesterday", "the source told Xinhua on Wednesday": after the
        # report, the day a source spoke; and "Sanaa, Jan 14 :" is the day the report was filed.
        dateline = dateline_span(result)
        here = [t for t in here if not (
            (t.span.start >= trigger_pos and _SAID_THEN.search(result.text, max(trigger_pos, t.span.start - 40), t.span.start))
            or (dateline is not None and dateline.contains(t.span))
        )]
    if not here:
        return None
    return min(here, key=lambda t: (t.precision, abs(t.span.start - trigger_pos)))


_SAYING = re.compile(r"\b(?:said|says|told|stated)\b")
# A verb of saying, then at most four words, right before a time expression: "told AFP yesterday",
# "the source told Xinhua news agency on Wednesday", "said on Monday".
_SAID_THEN = re.compile(r"\b(?:said|says|told|stated|announced|added|confirmed|reported)(?:\s+[\w’'.()-]+){0,4}\s+$")
# A dateline opening the article body: a place in its own words, then the date or country, a news
# agency in brackets, and a dash or colon ("ERBIL, Kurdistan Region -", "Sanaa, Jan 14 :", "BAGHDAD –").
_DATELINE = re.compile(r"^[ \t]*[A-Z][A-Za-z'’. -]{1,30}(?:,[^,\n:–—()-]{1,30})?[ \t]*(?:\([^)\n]{0,40}\)[ \t]*)?[:–—-]", re.M)
_DATELINE_REACH = 400  # characters from the article's start: its title, byline and dateline
# Possessive, after a non-space: linear on a long run of spaces (\s*,?\s* was cubic).
_THAT = re.compile(r"(?<!\s)\s*+(?:,\s*+)?that\b")


def fatalities_in(quantities: Sequence[Quantity]) -> int:
    """ACLED's count for one report: killed (and bodies found), wounded never counted.

    Separate counts in one sentence ("two soldiers and 18 gunmen") add up;
    a count nested in another (a range, a restatement) is not counted twice.
    """
    fatal = sorted(
        (q for q in quantities if q.category in FATAL_CATEGORIES),
        key=lambda q: (q.span.start, -q.span.end),
    )
    total = 0
    last_end = -1
    for q in fatal:
        if q.span.start < last_end:
            continue
        value = q.low if q.low is not None else q.value
        total += max(0, value)
        last_end = q.span.end
    return total


def quantities_in(result: Result, start: int, end: int) -> list[Quantity]:
    return [q for q in result.quantities if _overlaps(q.span, start, end)]


def reporting_quote(result: Result, trigger: Span, sentence: Span) -> Quote | None:
    """The quote that reports the event: one containing the trigger, else one in its sentence."""
    best: Quote | None = None
    for q in result.quotes:
        if q.span.contains(trigger):
            return q
        if best is None and q.span.overlaps(sentence) and q.speaker:
            best = q if q.span.overlap(sentence) * 2 >= len(sentence) else None
    return best


def attribution_in(view: SentenceView, max_words: int = 6) -> str | None:
    """The source after "بحسب / according to" in the sentence, as written."""
    cues = view.cues_of("attribution")
    if not cues:
        return None
    cue = cues[0]
    clause_end = view.clause_of(cue.end)[1]
    following = [w for w in view.words if w[0] >= cue.end and w[1] <= clause_end][:max_words]
    if not following:
        return None
    span = view.original(following[0][0], following[-1][1])
    return span.text_of(view.norm.original).strip() or None


def evidence_span(view: SentenceView, trigger: TriggerHit, min_words: int = 8) -> tuple[int, int]:
    """The clause around the trigger, widened to neighbouring clauses while it is short."""
    clauses = view.clauses
    idx = next((i for i, (s, e) in enumerate(clauses) if s <= trigger.start < e), None)
    if idx is None:
        return view.start, view.end
    lo = hi = idx

    def n_words(a: int, b: int) -> int:
        s, e = clauses[a][0], clauses[b][1]
        return sum(1 for w in view.words if w[0] >= s and w[1] <= e)

    while n_words(lo, hi) < min_words and (lo > 0 or hi < len(clauses) - 1):
        if hi < len(clauses) - 1:
            hi += 1
        if n_words(lo, hi) < min_words and lo > 0:
            lo -= 1
    start, end = clauses[lo][0], clauses[hi][1]
    text = view.norm.text
    while start < end and text[start] in " \t\n\"'«»-–—":
        start += 1
    while end > start and text[end - 1] in " \t\n\"'«»-–—.":
        end -= 1
    return start, end


# "to us", "on us", "with us": prepositions with the suffix نا, not verbs.
_PREPOSITIONS_WITH_US = frozenset({"الينا", "علينا", "لدينا", "عندنا", "عليهنا", "حولنا", "امامنا"})


def _first_person_verb(word: str) -> bool:
    """A perfect verb in the first person plural ("ألقينا", "اعتقلنا", "وقصفنا"), not a
    noun with "our" ("اعتقالنا", "تسليمنا": the verbal noun's long vowel or its ت)."""
    if not word.endswith("نا"):
        return False
    stem = word[:-2]
    if stem[:1] in ("و", "ف") and len(stem) > 3:
        stem = stem[1:]
    if len(stem) < 3 or stem.startswith(("ت", "ب", "ل")) or word in _PREPOSITIONS_WITH_US:
        return False
    return stem[-2] != "ا"


def first_person_agent(view: SentenceView, hit: TriggerHit) -> bool:
    """Whether the trigger's doer is "we": a verb in the first person plural
    ("ألقينا القبض"), "our forces" right after it ("استهدفت قواتنا"), or
    English "we" / "our forces" right before it ("we arrested")."""
    if hit.entry.lang == "ar":
        # The trigger's own verb, or the light verb before its noun ("ألقينا القبض", "شننا هجوما").
        for i in (hit.word, hit.word - 1):
            if 0 <= i < len(view.words) and _first_person_verb(view.words[i][2]):
                return True
    after = hit.word + hit.n_words
    for cue in view.cues_of("first_person"):
        if cue.word == after or (cue.word + cue.n_words <= hit.word and hit.word - cue.word - cue.n_words <= 1):
            return True
    # "أعلن الجيش أن قواته قتلت", "قصفت طائراته": "its forces" are the speaker's when they are
    # the subject of a finite verb; after a verbal noun they are its victims ("مقتل أحد جنوده").
    if hit.word < len(view.words) and is_finite_verb(view.words[hit.word][2]):
        return any(c.word == after or c.word + c.n_words == hit.word for c in view.cues_of("own_forces"))
    return False


def speaker_subject(view: SentenceView, quote: Quote, hit: TriggerHit) -> bool:
    """Whether indirect speech makes the speaker the doer: its content opens with a verb whose
    subject is the pronoun of "أنه/أنها" ("قال الحلف انه قتل ...",
    "أقر التحالف انه نفذ ضربات جوية"), and the trigger is in that first clause."""
    if hit.entry.lang != "ar":
        return False
    start, _ = view.norm.from_original(quote.span.start, quote.span.end)
    first = next((i for i, w in enumerate(view.words) if w[0] >= start), None)
    if first is None or view.words[first][2].startswith("ال") or view.clause_of(view.words[first][0]) != view.clause_of(hit.start):
        return False
    if any(c.word == first for c in view.cues_of("impersonal")):
        return False  # "أنه تم استخدام العبوات": a dummy pronoun before a passive, no subject at all
    pronouns = [c for c in view.cues_of("speaker_pronoun") if c.word + c.n_words == first]
    return bool(pronouns) and _agrees(view.words[pronouns[0].word][2], quote.speaker or "")


def _agrees(pronoun: str, speaker: str) -> bool:
    """Whether "أنه/أنها/أنهم" can stand for the speaker: gender and number of its head noun
    ("الجيش" → أنه; "الحركة", "السلطات" → أنها; "المسلحون" → أنهم). "وأشارت السلطات إلى أنه فجر
    نفسه" speaks of someone else."""
    words = normalize(speaker).text.split()
    if not words:
        return False
    head = words[0].removeprefix("ال")
    if pronoun.endswith("هم"):
        return head.endswith(("ون", "ين"))
    feminine = head.endswith(("ه", "ات"))
    return feminine if pronoun.endswith("ها") else not feminine and not head.endswith(("ون", "ين"))


def speaker_organisation(result: Result, quote: Quote, country: str | None) -> ActorRef | None:
    """The armed or state organisation a quote's speaker speaks for: an actor named
    in the speaker phrase ("مصدر من قوات الأسايش") or in its role ("المنسق الإعلامي
    لوحدات حماية الشعب"), the one nearest the speaker's name."""
    region = _speaker_region(result, quote)
    if region is None or quote.speaker_span is None:
        return None
    start, end = region
    best: ActorRef | None = None
    for m in mentions_in(result, "actor", start, end):
        name = _canonical_cached(m, country)
        category = actor_category(name, m)
        if name and category in {"state", "armed"}:
            distance = abs(m.span.start - quote.speaker_span.start)
            if best is None or distance < abs(best.mention.span.start - quote.speaker_span.start):
                best = ActorRef(m, name, category, "agent")
    return best


def _speaker_region(result: Result, quote: Quote) -> tuple[int, int] | None:
    """The original span of a quote's speaker phrase together with its role, if written nearby."""
    if quote.speaker_span is None:
        return None
    start, end = quote.speaker_span.start, quote.speaker_span.end
    role = quote.speaker_role or ""
    if role:
        window = result.text[max(0, start - len(role) - 10) : end + len(role) + 10]
        at = window.find(role)
        if at >= 0:
            lo = max(0, start - len(role) - 10) + at
            start, end = min(start, lo), max(end, lo + len(role))
    return start, end


def without_source(result: Result, quote: Quote | None, refs: list[ActorRef]) -> list[ActorRef]:
    """The actors of a reported event without the body that reports it.

    "أعلنت الشرطة مقتل سبعة أشخاص بتفجير انتحاري", "قال مصدر في شرطة X إن ... ضربة
    جوية": the police are the source, not a side of the bombing. They stay only
    when no other armed or state actor is named (the announcer may then be the doer).
    """
    region = _speaker_region(result, quote) if quote is not None else None
    if region is None:
        return refs
    start, end = region
    sources = [r for r in refs if r.mention.span.start < end and start < r.mention.span.end]
    rest = [r for r in refs if r not in sources]
    if not sources or not any(r.category in {"state", "armed"} and r.role != "target" for r in rest):
        return refs
    return rest
