"""Event coding: from a document's sentences and mentions to ACLED events.

Composition only; each step lives in its own module:
:mod:`~rasid.coding.context` finds triggers and cues in a sentence,
:mod:`~rasid.coding.modifiers` drops the ones that report no event,
:mod:`~rasid.coding.triggers` types the rest,
:mod:`~rasid.coding.arguments` finds actors, place, date, toll and source,
:mod:`~rasid.coding.rules` applies ACLED's folding, ordering and merging.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import replace
from datetime import date, timedelta
from functools import cache

from rasid.coding.arguments import (
    STATE_PREFIXES,
    ActorRef,
    actor_category,
    actor_refs,
    article_country,
    attribution_in,
    best_place,
    evidence_span,
    fatalities_in,
    first_person_agent,
    light_verb_windows,
    mentions_in,
    place_of,
    quantities_in,
    reporting_quote,
    resolved,
    speaker_organisation,
    speaker_subject,
    subject_of,
    time_of,
    without_source,
)
from rasid.coding.classifier import note_type, overrule
from rasid.coding.context import CueHit, SentenceView, TriggerHit, is_finite_verb, view_sentence
from rasid.coding.lexicon import TriggerEntry, cue_matcher
from rasid.coding.modifiers import cancelling_cue
from rasid.coding.participants import PROTEST_KINDS, protest_participants
from rasid.coding.rules import (
    VAGUE_KINDS,
    VIOLENT_TYPES,
    Actor,
    Draft,
    absorb,
    are_allies,
    assign_actors,
    date_compatible,
    fold_sentence,
    merge_article,
    place_compatible,
    same_sides,
)
from rasid.coding.toll_en import coded_fatalities, sentence_kills, split_parts
from rasid.coding.triggers import EXPLOSIVE_KINDS, type_trigger, victim_class
from rasid.model import Event, Quantity, Result, Sentence, Span, TimeExpression
from rasid.resources import read_table
from rasid.text.matcher import count_split_words
from rasid.text.normalize import NormalizedText, normalize
from rasid.text.sentences import split_sentences

_TERMINAL = (".", "!", "?", "؟", ":", "»", '"', "”", "…")


def is_heading(text: str, span: Span, max_words: int = 20) -> bool:
    """A headline or sub-heading: a short line of its own with no closing punctuation.

    Headlines restate the main event in telegraphic form; the body's report
    of it is the evidence an ACLED coder cites, so headings give no events.
    """
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    return bool(line) and not line.endswith(_TERMINAL) and len(line.split()) <= max_words


# Kinds whose definite form ("الهجوم", "المعارك") usually refers back to a reported event.
_REFERRING_KINDS = frozenset(
    {"clash", "attack", "kill", "assassinate", "territory", "air", "shelling", "ied", "blast", "suicide", "abduct",
     "arrest", "agreement", "protest"}
)


def _is_other_event(view: SentenceView, hit: TriggerHit) -> bool:
    """"مواجهات أخرى", "الانفجار الثاني", "another attack", "the second bombing": a new event."""
    for c in view.cues:
        if c.cue != "other_event":
            continue
        # "مواجهات أخرى" (right after the noun), "another (suicide) attack" (a word before it);
        # "سيطرته على المناطق الأخرى" qualifies the object, not the event.
        end = hit.word + hit.n_words
        if c.word == end:
            return True  # "مواجهات أخرى": the Arabic adjective follows its noun
        if hit.entry.lang != "ar" and 0 <= hit.word - (c.word + c.n_words) <= 1:
            return True  # "another (suicide) attack"; in Arabic "قيادات أخرى خلال القصف" qualifies a noun before
    return False


def anaphora(view: SentenceView, hit: TriggerHit) -> str | None:
    """How surely a trigger refers back to an event already reported.

    "strong": a demonstrative ("تلك المواجهات", "ذلك الهجوم", "the attack");
    "weak": the article alone ("الاشتباكات"), which a new place can override
    ("وفي الجيلي، تصاعدت الاشتباكات"); None: a new report ("مواجهات أخرى").
    """
    if hit.entry.kind not in _REFERRING_KINDS:
        return None
    if _is_other_event(view, hit):
        return None
    for c in view.cues:
        if c.cue != "demonstrative" or not 0 <= hit.word - (c.word + c.n_words) <= 1:
            continue
        if c.start == view.words[c.word][0]:  # "ذلك" itself, not "كذلك" (likewise)
            return "strong"
    restated = _restatement(view, hit)
    if restated is not None:
        return restated
    clause = view.clause_of(hit.start)
    if any(c.cue == "parties" and clause[0] <= c.start < clause[1] for c in view.cues):
        return "weak"  # "بين الطرفين", "between the two sides": the sides already reported
    if any(c.cue == "article" and 0 <= hit.word - (c.word + c.n_words) <= 1 for c in view.cues):
        return "weak"  # "the blast": a back-reference unless it names a new place
    word_start = view.words[hit.word][0] if hit.word < len(view.words) else hit.start
    prefix = view.norm.text[word_start : hit.start]  # clitics and article stripped by the matcher
    if prefix.endswith("ال") or prefix.endswith("لل"):
        return "weak"
    return None


# Verbs that describe an event already named rather than report a new one ("المعركة كانت في ...").
_COPULAS = frozenset({"كان", "كانت", "جاء", "جاءت", "وقع", "وقعت"})


def _restatement(view: SentenceView, hit: TriggerHit) -> str | None:
    """Arabic restatements of an event already coded (called only when one was).

    "strong": a definite event noun is the subject of the trigger verb ("أن الضربة
    استهدفت اجتماعاً") or the trigger is that noun described by "كان" ("المعركة كانت
    في منطقة ..."); "weak": the event noun follows "بعد/إثر" ("الوضع بعد هجمات ..."),
    context for the clause, unless the sentence names a new place.
    """
    if hit.entry.lang != "ar":
        return None
    for c in view.cues_of("restated"):
        if c.word + c.n_words == hit.word and is_finite_verb(view.words[hit.word][2]):
            return "strong"
        if c.word == hit.word and hit.word + hit.n_words < len(view.words):
            nxt = view.words[hit.word + hit.n_words][2]
            if nxt.removeprefix("و") in _COPULAS or nxt.removeprefix("ف") in _COPULAS:
                return "strong"
    if not is_finite_verb(view.words[hit.word][2]) and any(
        c.word + c.n_words == hit.word for c in view.cues_of("restated_after")
    ):
        return "weak"
    return None


_UNIT_BREAK = re.compile(r"(?<=[.!?؟])\s+|\n+")


def units(norm: NormalizedText, sentences: tuple[Sentence, ...]) -> list[Sentence]:
    """Sentences, cut again at full stops and line breaks the splitter may have kept inside."""
    out: list[Sentence] = []
    for sentence in sentences:
        lo, hi = norm.from_original(sentence.span.start, sentence.span.end)
        pos = lo
        for m in _UNIT_BREAK.finditer(norm.text, lo, hi):
            if m.start() > pos:
                out.append(Sentence(norm.to_original(pos, m.start(), "expand"), len(out)))
            pos = m.end()
        if hi > pos:
            out.append(Sentence(norm.to_original(pos, hi, "expand"), len(out)))
    return out


def _supported(result: Result, view: SentenceView) -> bool:
    """A weak trigger needs company: an actor, a death toll or a victim in its sentence."""
    span = view.sentence.span
    if any(m.kind == "actor" and m.span.overlaps(span) for m in result.mentions):
        return True
    if any(q.category in {"killed", "bodies"} and q.span.overlaps(span) for q in result.quantities):
        return True
    if any(c.cue in {"civilian", "armed", "perpetrator", "prisoner"} for c in view.cues):
        return True
    # "تجمهر الناس ... مطلقين الشعارات": a gathering with slogans or chants is a protest.
    return view.has_cue("protest_context") and any(
        t.entry.kind == "protest" and t.entry.lang == "ar" for t in view.triggers
    )


def _inside_name(result: Result, view: SentenceView, hit: TriggerHit) -> bool:
    """A trigger word inside a name: "هيئة تحرير الشام", "ميدان التحرير", "Battle Creek"."""
    span = view.original(hit.start, hit.end)
    for m in result.mentions:
        if not m.span.contains(span) or len(m.span) == len(span):
            continue
        if m.kind == "place":
            return True
        # An actor phrase may *start* or *end* with the event word ("غارة جوية أمريكية",
        # "حشود المتظاهرين"); a name has it in its middle.
        if m.kind == "actor" and m.span.start < span.start and span.end < m.span.end:
            return True
    return False


_PEOPLE_TYPES = frozenset({"Protests", "Riots"})
# Attacks whose reporting body (police, a ministry) is rarely a side: bombings, strikes, abductions.
_REPORTED_KINDS = EXPLOSIVE_KINDS | {"abduct", "assassinate"}
_DOER_CUES = frozenset({"perpetrator", "suicide"})


def _whole_word(text: str, span: Span) -> Span:
    """The span widened to its whitespace-delimited word ("المتظاهرون", not "متظاهرون")."""
    def in_word(ch: str) -> bool:
        return ch.isalpha() or unicodedata.combining(ch) > 0 or ch == "\u0640"  # tashkeel, tatweel

    start, end = span.start, span.end
    while start > 0 and in_word(text[start - 1]):
        start -= 1
    while end < len(text) and in_word(text[end]):
        end += 1
    return Span(start, end)


def _unnamed_side(
    result: Result, view: SentenceView, hit: TriggerHit, refs: list[ActorRef], event_type: str
) -> Span | None:
    """The words that name a side coded generically ("Protesters (Iraq)",
    "Unidentified Armed Group"): a protester noun ("المتظاهرون", a trigger itself),
    the people right after a protest verb ("تظاهر آلاف الإسرائيليين"), or an
    unnamed attacker ("مسلحون مجهولون", "انتحاري") that no number counts as victims."""
    trigger = view.original(hit.start, hit.end)
    if event_type in _PEOPLE_TYPES:
        nouns = [t for t in view.triggers if t.entry.kind == "protesters"]
        if nouns:
            best = min(nouns, key=lambda t: abs(t.start - hit.start))
            return _whole_word(result.text, view.original(*view.words[best.word][:2]))
        for r in refs:
            m = r.mention.span
            if r.category in {"civilian", "protester", "rioter"} and 0 <= m.start - trigger.end <= 24:
                return m
        return None
    if event_type not in VIOLENT_TYPES:
        return None
    cues = [c for c in view.cues if c.cue in _DOER_CUES and c.n_words == 1]
    for c in sorted(cues, key=lambda c: abs(c.start - hit.start)):
        span = _whole_word(result.text, view.original(*view.words[c.word][:2]))
        if not any(q.span.end <= span.start and count_split_words(result.text, q.span.end, span.start, 2) <= 2
                   for q in result.quantities):
            return span
    return None


def _marked_doer(draft: Draft, refs: list[ActorRef]) -> Span | None:
    """The words of a side the sentence marks as the doer ("نسب الى المتمردين", "من قبل مسلحين")
    when the dictionary cannot name it for the country: better shown than the attack's adjective."""
    if draft.event_type not in VIOLENT_TYPES or draft.trigger.entry.lang != "ar":
        return None
    victim = draft.actor2.span or draft.actor2.hint
    for r in refs:
        if r.marked and r.category in {"state", "armed"} and (victim is None or not r.mention.span.overlaps(victim)):
            return r.mention.span
    return None


_CLAIM_WINDOW = 6


def _claimant(view: SentenceView, hit: TriggerHit, refs: list[ActorRef]) -> ActorRef | None:
    """The named armed group an Arabic sentence says claimed the attack: the one nearest
    a claim of responsibility ("تبناه تنظيم القاعدة", "أعلنت حركة طالبان مسؤوليتها")."""
    if hit.entry.lang != "ar":
        return None
    cues = view.cues_of("claim")
    if not cues:
        return None
    text = view.norm.original
    best: tuple[int, ActorRef] | None = None
    for r in refs:
        if r.category != "armed" or not r.name or r.name.startswith("Unidentified") or not r.mention.attrs.get("named"):
            continue
        for c in cues:
            span = view.original(c.start, c.end)
            m = r.mention.span
            gap = text[span.end : m.start] if m.start >= span.end else text[m.end : span.start]
            words = len(gap.split())
            if words <= _CLAIM_WINDOW and (best is None or words < best[0]):
                best = (words, r)
    return best[1] if best else None


def _agent_of_other(
    view: SentenceView, hit: TriggerHit, active: list[TriggerHit], refs: list[ActorRef]
) -> list[ActorRef]:
    """"... تحاشيًا لاستهداف X من قبل Y": "من قبل" names the
    doer of the event word right before it, here a targeting the sentence does not report (no
    active trigger: the base outranks it); an actor so marked loses the mark for this trigger.
    A reported event word keeps it ("قتل شاب جرّاء إطلاق النار عليه من قبل X": one event)."""
    if not any(r.marked for r in refs):
        return refs
    agents = [c for c in view.cues_of("agent")]
    out: list[ActorRef] = []
    for r in refs:
        if r.marked:
            marker = max((c for c in agents if view.original(c.start, c.end).end <= r.mention.span.start),
                         key=lambda c: c.start, default=None)
            governing = max((t for t in view.triggers if t.end <= (marker.start if marker else -1)),
                            key=lambda t: t.start, default=None)
            if governing is not None and governing.start > hit.start and governing not in active:
                r = ActorRef(r.mention, r.name, r.category, None, False)
        out.append(r)
    return out


# Names ACLED gives a side the report does not name; a named group of that side is more specific.
_UNNAMED_SIDES = ("Unidentified Armed Group", "Opposition Rebels")


def _claimed_by_speaker(draft: Draft, wider: list[ActorRef]) -> None:
    """"أعلنت X أنها قتلت ...، في مدينة سيطرت عليها الفصائل": a named group that
    says it acted (its pronoun, resolved by the coreference stage, is a verb's subject in the
    sentence) is the most specific actor of the sentence's event when the event names only an
    unnamed side of it; ACLED codes the most specific actor the report gives. Its opponent in
    the sentence becomes actor2 when the group stood there."""
    first = draft.actor1.name or ""
    if draft.actor1.name is not None and not first.startswith(_UNNAMED_SIDES):
        return
    speaker = next(
        (r for r in wider if r.mention.attrs.get("reference") == "pronoun" and r.role == "agent"
         and r.category == "armed" and r.name and not r.name.startswith(_UNNAMED_SIDES)),
        None,
    )
    if speaker is None:
        return
    if draft.actor2.name == speaker.name:
        opponent = next((r for r in wider if r.name and r.name != speaker.name and r.category in {"state", "armed"}
                         and not r.name.startswith(_UNNAMED_SIDES)), None)
        draft.actor2 = Actor(opponent.name, opponent.mention.text, opponent.mention.span) if opponent else Actor(None)
    draft.actor1 = Actor(speaker.name, speaker.mention.text, speaker.mention.span)


_QUOTE_CLOSE = "»\"”"


def _unnamed_claimant(result: Result, view: SentenceView, hit: TriggerHit) -> Span | None:
    """The words of a group that claimed the attack but that the dictionary cannot name: one
    calling itself by a quoted name ("مجموعة تطلق على نفسها «...» مسؤوليتها عن خطف"), or an
    anaphor with nothing before it to stand for ("تبنت الحركة المسؤولية عن عملية تفجير")."""
    if hit.entry.lang != "ar":
        return None
    text = result.text
    for cue in view.cues_of("self_named"):
        after = view.original(cue.start, cue.end).end
        opened = text.find("«", after, after + 4)
        if opened < 0:
            continue
        closed = min((i for i in (text.find(q, opened + 1, opened + 120) for q in _QUOTE_CLOSE) if i > 0), default=-1)
        # "مسؤوليتها" can be read as another cue's word: the claim noun in the sentence is enough.
        if closed > opened + 1 and (any(c.cue == "claim" for c in view.cues) or "مسوولي" in view.text):
            return Span(opened + 1, closed)
    claims = [view.original(c.start, c.end) for c in view.cues_of("claim")]
    for m in mentions_in(result, "actor", view.sentence.span.start, view.sentence.span.end):
        if not m.attrs.get("anaphor") or m.canonical is not None:
            continue
        if any(
            (count_split_words(text, c.end, m.span.start, 1) if m.span.start >= c.end
             else count_split_words(text, m.span.end, c.start, 1)) <= 1
            for c in claims
        ):
            return m.span
    return None


def _protesting_people(view: SentenceView, hit: TriggerHit, refs: list[ActorRef]) -> ActorRef | None:
    """The people an Arabic protest report says took part: the civilians or nationals named
    within a few words of the protest word, in its clause ("تظاهر مئات الأشخاص في أثينا",
    "الآلاف من النيباليين قد خرجوا في مسيرات"), the nearest first."""
    if hit.entry.lang != "ar":
        return None
    clause = view.original(*view.clause_of(hit.start))
    trigger = view.original(hit.start, hit.end)
    text = view.norm.original
    near: list[tuple[int, ActorRef]] = []
    for r in refs:
        m = r.mention.span
        if r.category != "civilian" or not clause.contains(m) or m.overlaps(trigger):
            continue
        gap = text[trigger.end : m.start] if m.start >= trigger.end else text[m.end : trigger.start]
        words = len(gap.split())
        if words <= _PEOPLE_WINDOW:
            near.append((words, r))
    return min(near, key=lambda pair: pair[0])[1] if near else None


_PEOPLE_WINDOW = 6


def _generic_crowd(result: Result, draft: Draft) -> bool:
    """Whether a protest's actor1 is an unnamed crowd ("Protesters (X)", no name at all), not a
    group the dictionary names: only then are its shown words worth replacing."""
    if not (draft.actor1.name or "Protesters").startswith(("Protesters", "Rioters")):
        return False
    span = draft.actor1.span
    if span is None:
        return True
    return not any(m.attrs.get("named") for m in mentions_in(result, "actor", span.start, span.end))


def _unnamed_victims(view: SentenceView, hit: TriggerHit, refs: list[ActorRef], event_type: str) -> Span | None:
    """The words naming civilian victims coded generically ("Civilians (Iraq)"): the
    civilian actor phrase nearest the trigger, after it first (Arabic puts the object
    after the verb, "قتل ... مدنيا"), else before it ("25 men were killed")."""
    if event_type not in {"Violence against civilians", "Explosions/Remote violence"}:
        return None
    trigger = view.original(hit.start, hit.end)
    people = [r.mention.span for r in refs if r.category == "civilian" and not r.mention.span.overlaps(trigger)]
    after = [m for m in people if m.start >= trigger.end]
    if after:
        return min(after, key=lambda m: m.start)
    return max(people, key=lambda m: m.start) if people else None


_OBJECT_WORDS = 3  # enough to name a victim ("القنصل الافغاني العام"), short of its clause


def _object_phrase(result: Result, view: SentenceView, hit: TriggerHit) -> Span | None:
    """The words naming what an Arabic attack word acts on, when no actor names it.

    "خطفوا امس القنصل الافغاني", "اغتيال النائب وليد عيدو", "أطلقوا النار على رئيس ...",
    "هجوم ... ضد مستشفى", "تعرضت قافلته لهجوم": the object after the verb or verbal
    noun (past its subject and the time words), after a target preposition, or the
    subject of "تعرض". Up to three words, stopping at a preposition, a relative, a
    time word or the clause's end.
    """
    if hit.entry.lang != "ar":
        return None
    clause = view.clause_of(hit.start)
    ends = {c.word for c in view.cues if c.cue in {"phrase_end", "agent"}}
    undergo = [c for c in view.cues_of("undergo") if clause[0] <= c.start < hit.start]
    if undergo:
        first, stop = undergo[-1].word + undergo[-1].n_words, hit.word
    else:
        after = hit.word + hit.n_words
        markers = [
            c for c in view.cues
            if c.cue == "target" and c.word >= after and c.word - after <= 4 and c.end <= clause[1]
        ]
        first = markers[0].word + markers[0].n_words if markers else after
        stop = len(view.words)
    taken: list[Span] = [t.span for t in result.times]
    taken += [
        m.span for m in mentions_in(result, "actor", view.sentence.span.start, view.sentence.span.end)
        if actor_category(m.canonical or None, m) in {"state", "armed"}
    ]
    words: list[int] = []
    for i in range(first, min(stop, len(view.words))):
        start, end, _ = view.words[i]
        if (
            start >= clause[1] or i in ends or is_finite_verb(view.words[i][2])
            or any(t.start < end and start < t.end for t in view.triggers)
        ):
            break
        if any(t.overlaps(view.original(start, end)) for t in taken):
            if words:
                break
            continue  # the doer or the day between the verb and its object: "خطفوا امس القنصل"
        words.append(i)
        if len(words) == _OBJECT_WORDS:
            break
    if not words:
        return None
    return view.original(view.words[words[0]][0], view.words[words[-1]][1])


# Words with the imperfect's ي that are not verbs (months), and verbs of reporting.
_NOT_PRESENT = frozenset({"يناير", "يونيو", "يوليو", "يونيه", "يوليه", "يذكر", "يشار", "يجدر"})


def _habitual_in_quote(result: Result, view: SentenceView, hit: TriggerHit) -> bool:
    """An event noun governed by a present-tense verb inside a quote is commentary on
    what a side does, not a report ("«التنظيم يستخدم المدنيين كدروع بشرية»"); a
    verbal trigger, or a present verb outside quotes (news present), still reports."""
    if hit.entry.lang != "ar" or hit.word == 0 or hit.entry.kind in EXPLOSIVE_KINDS:
        return False  # a weapon after a present verb is how the attack was done ("يقود سيارة مفخخة")
    if is_finite_verb(view.words[hit.word][2]):
        return False
    clause = view.clause_of(hit.start)
    present = False
    for i in range(max(0, hit.word - 3), hit.word):
        word = view.words[i][2]
        if view.words[i][0] < clause[0] or word in _NOT_PRESENT or word.endswith("يه"):
            continue
        if is_finite_verb(word) and word.lstrip("وف").startswith("ي"):
            # "كانوا يحاولون": the past continuous reports.
            present = not (i > 0 and view.words[i - 1][2].lstrip("وف").startswith("كان"))
        if present:
            verb = view.original(view.words[i][0], view.words[i][1])
            break
    if not present:
        return False
    # The present verb itself must be quoted: "يضيف X أن اشتباكات ..." reports.
    at = view.original(hit.start, hit.end)
    return any(q.span.contains(at) and q.span.contains(verb) for q in result.quotes)


def _active_triggers(result: Result, view: SentenceView) -> list[TriggerHit]:
    live = [
        t for t in view.triggers
        if cancelling_cue(view, t) is None and not _inside_name(result, view, t) and not _habitual_in_quote(result, view, t)
    ]
    live = [t for t in live if not _purpose_of_protest(view, t, live)]
    strong = [t for t in live if t.entry.strong]
    if strong and view.has_cue("separate_incident") and all(t.entry.lang == "en" for t in live):
        return live  # "X was killed and others were fired upon in a separate incident": both reported
    if strong:
        # A capture outranks the weapons used in it ("a suicide bomber ... then occupied it").
        carried = _light_verb_events(result, view)
        kept = strong + [
            t for t in live if not t.entry.strong and (
                t.entry.kind == "territory" or t in carried or _foiled_projectile(view, t, strong)
                or _own_clause_verb(result, view, t, strong)
            )
        ]
        return sorted(kept, key=lambda t: t.start)
    return live if live and _supported(result, view) else []


_INTERCEPT_REACH = 3  # words between an interception word and the drone or missile it stops


def _foiled_projectile(view: SentenceView, hit: TriggerHit, strong: list[TriggerHit]) -> bool:
    """An interception of drones or missiles is ACLED's Disrupted weapons use even beside a
    strong word for the attack it foiled: its object is the projectile ("اسقاط طائرة مسيرة")
    or that attack itself ("استهدافاً لطائرات مسيرة ... التصدي للهجوم")."""
    if hit.entry.kind != "intercept":
        return False
    projectiles = view.cues_of("projectile")
    if any(0 < c.word - hit.word <= _INTERCEPT_REACH for c in projectiles):
        return True
    return bool(projectiles) and any(
        t.entry.kind == "attack" and t.word == hit.word + hit.n_words for t in strong
    )


def _own_clause_verb(result: Result, view: SentenceView, hit: TriggerHit, strong: list[TriggerHit]) -> bool:
    """An Arabic weak trigger that is a finite verb with a force as its subject, in a clause of its
    own ("قوات الأمن الباكستانية قتلت ثلاثة متشددين" beside "خطفوا" in another clause): a report of
    its own, not the outcome of the strong event ("سبعة اشخاص قتلوا ... نتيجة سقوط صاروخ")."""
    if hit.entry.lang != "ar" or hit.entry.kind not in {"kill", "attack"}:
        return False
    if not is_finite_verb(view.words[hit.word][2]):
        return False
    clause = view.clause_of(hit.start)
    if any(clause[0] <= t.start < clause[1] for t in strong):
        return False
    verb = view.original(hit.start, hit.end)
    c_span = view.original(*clause)
    return any(
        actor_category(m.canonical or None, m) in {"state", "armed"} and subject_of(result, verb, m.span)
        for m in mentions_in(result, "actor", c_span.start, c_span.end)
    )


def _light_verb_events(result: Result, view: SentenceView) -> list[TriggerHit]:
    """Weak triggers carried by "قام X بـ" with a force or armed group as X ("قام عدد من جنود
    X بقتل المدنيين بعدما فجرت عبوة ناسفة ..."): a deed of its own, told
    with its doer, not the outcome of the strong event beside it."""
    out: list[TriggerHit] = []
    for window, noun in light_verb_windows(view):
        if noun.entry.strong or noun.entry.kind not in _LIGHT_KINDS:
            continue
        if any(
            actor_category(m.canonical or None, m) in {"state", "armed"}
            for m in mentions_in(result, "actor", window.start, window.end) if window.contains(m.span)
        ):
            out.append(noun)
    return out


_LIGHT_KINDS = frozenset({"kill", "attack"})


def _kills_own_members(view: SentenceView, hit: TriggerHit, draft: Draft) -> bool:
    """A named armed group kills "N من عناصرها" (its own members) within six words of the verb."""
    return (
        hit.entry.kind == "kill" and draft.actor1.span is not None
        and actor_category(draft.actor1.name) == "armed"
        and any(0 < c.word - hit.word <= 6 for c in view.cues_of("own_members"))
    )




def _purpose_of_protest(view: SentenceView, hit: TriggerHit, live: list[TriggerHit]) -> bool:
    """"تلك الوقفة الاحتجاجية ... احتجاجاً لأعمال العنف": "in protest of" gives the motive of the
    protest the sentence names with another word, it is not a second report."""
    return hit.entry.lang == "ar" and any(
        c.start <= hit.start < c.end for c in view.cues_of("purpose")
    ) and any(t is not hit and t.entry.kind in PROTEST_KINDS for t in live)


def _sentence_drafts(
    result: Result,
    views: list[SentenceView],
    index: int,
    default_country: str | None,
    earlier: list[Draft],
) -> list[Draft]:
    view = views[index]
    span = view.sentence.span
    hits = _active_triggers(result, view)
    if not hits:
        return []
    quantities = quantities_in(result, span.start, span.end)
    killed = any(q.category in {"killed", "bodies"} for q in quantities)
    drafts: list[Draft] = []
    for hit in hits:
        trigger_span = view.original(hit.start, hit.end)
        clause = view.clause_of(hit.start)
        c_span = view.original(*clause)
        place = best_place(
            result, views, index, trigger_span.start, default_country, c_span if hit.entry.lang == "ar" else None,
            gathering=hit.entry.kind in PROTEST_KINDS,
        )
        info = place_of(place) if place is not None else None
        country = (info.country if info else None) or default_country
        wider = actor_refs(result, view, span.start, span.end, country, hit)
        refs = actor_refs(result, view, c_span.start, c_span.end, country, hit) or wider
        if hit.entry.lang == "ar":
            wider, refs = _without_parents(result.text, wider), _without_parents(result.text, refs)
            wider, refs = _agent_of_other(view, hit, hits, wider), _agent_of_other(view, hit, hits, refs)
        typed = type_trigger(view, hit, refs, killed)
        if typed is None:
            continue
        if hit.entry.lang == "en":
            # English: ACLED's own coders, learned from their notes, settle the type when sure.
            kinds = {t.entry.kind for t in view.triggers}
            typed = overrule(span.text_of(result.text), typed, hit.entry.kind, kinds)
        etype, sub = typed
        ev_start, ev_end = evidence_span(view, hit)
        draft = Draft(
            etype, sub, index, hit, trigger_span, view.original(ev_start, ev_end),
            hit.entry.strong, place=place, country=country, sentence_span=span,
        )
        draft.victim = victim_class(view, hit, refs)
        draft.ground = view.has_cue("small_arms")
        draft.distinct = _is_other_event(view, hit)
        draft.summary = _is_summary(view, hit)
        reference = anaphora(view, hit) if earlier else None
        fronted = reference != "strong" and _fronted_place(result, view)
        if fronted and (place is None or not place.span.overlaps(span)):
            # "وفي الجيلي،": a place the gazetteer lacks; the report is of its own event (its
            # place stays the nearest one named before, the best guess at its region).
            draft.distinct = True
        if (
            hit.entry.lang == "ar" and earlier and reference != "strong" and not draft.distinct
            and (unlisted := _unlisted_place(result, view, (view.start, view.end))) is not None
            and not any(unlisted.removeprefix("ال") in views[e.sentence].text for e in earlier)
            and not _inside_earlier_place(draft, earlier)
        ):
            # "وذلك في منطقة كولجو": a place the gazetteer lacks and no earlier report named; a spot
            # in a town already reported ("في منطقة جميلة في بغداد") details that report instead.
            draft.distinct = fronted = True
        draft.anaphoric = reference == "strong" or (
            reference == "weak" and not _new_place(draft, earlier) and not fronted
        )
        draft.time = time_of(result, view, trigger_span.start)
        draft.historical = _is_historical(draft.time, result.document.published)
        # "بين X و Y" orders the sides only for the clause it is in.
        ordered = any(c.cue == "between" and clause[0] <= c.start < clause[1] for c in view.cues)
        quote = reporting_quote(result, trigger_span, span)
        org = (
            speaker_organisation(result, quote, country)
            if quote is not None and quote.span.contains(trigger_span)
            and (first_person_agent(view, hit) or speaker_subject(view, quote, hit))
            else None
        )
        if org is not None:
            # "ألقينا القبض على ...", "we arrested": the doer is the speaker's organisation.
            refs = [org, *(r for r in refs if r.name != org.name)]
            wider = [org, *(r for r in wider if r.name != org.name)]
        elif (
            quote is not None and hit.entry.lang == "ar" and hit.entry.kind in _REPORTED_KINDS
            and quote.span.contains(trigger_span)
        ):
            # "أعلنت الشرطة مقتل سبعة أشخاص بتفجير انتحاري": the police report the bombing.
            refs, wider = without_source(result, quote, refs), without_source(result, quote, wider)
        assign_actors(draft, refs, draft.victim, wider, ordered_pair=ordered)
        if hit.entry.lang == "en" and (forces := _forces_among_dead(result, draft, wider, quantities)) is not None:
            # "Two policemen, a member of the unit and a civilian were killed when the bomber
            # detonated ...": ACLED's actor2 is the force hit; the civilians with it are associated.
            draft.actor2 = Actor(forces.name, forces.mention.text, forces.mention.span)
        if hit.entry.lang == "ar" and _kills_own_members(view, hit, draft):
            # "قتلت مجموعة من داعش سبعة من عناصرها": the group killed its own (surrendering) members;
            # ACLED names the group as the victims too.
            draft.actor2 = Actor(draft.actor1.name, draft.actor1.text, draft.actor1.span)
        if hit.entry.lang == "ar" and draft.sub_event_type in _TERRITORY and (
            loser := _earlier_loser(draft, c_span, earlier)
        ) is not None:
            # "لدخول ... الجيش السوري إلى مدينة مورك، حيث ... نقطة المراقبة التركية": the side that lost the
            # places reported before loses this one too, not an actor of another clause.
            draft.actor2 = Actor(loser.name, loser.text, loser.span, loser.hint)
        if hit.entry.lang == "ar" and draft.sub_event_type == "Looting/property destruction" and _owner_of_property(
            view, draft.actor2.span
        ):
            draft.actor2 = Actor(None)  # "نهبوا مخازن برنامج الغذاء العالمي": the stores' owner was not attacked
        claimant = _claimant(view, hit, wider) if draft.event_type in VIOLENT_TYPES else None
        if claimant is not None and (
            draft.actor1.span is None or (draft.actor1.name or "").startswith("Unidentified")
        ) and claimant.name != draft.actor2.name:
            # "هجوم انتحاري ...، أعلنت حركة طالبان مسؤوليتها عن ذلك": the claimant is the attacker.
            draft.actor1 = Actor(claimant.name, claimant.mention.text, claimant.mention.span)
        if hit.entry.lang == "ar" and draft.event_type in VIOLENT_TYPES:
            _claimed_by_speaker(draft, wider)
        if draft.actor1.span is None:
            draft.actor1.hint = (
                (_unnamed_claimant(result, view, hit) if draft.event_type in VIOLENT_TYPES else None)
                or _marked_doer(draft, wider) or _unnamed_side(result, view, hit, refs, draft.event_type)
            )
        shown = draft.actor1.span or draft.actor1.hint
        event_word = shown is None or any(
            t.entry.kind == "protest" and view.original(t.start, t.end).overlaps(shown) for t in view.triggers
        )
        people = _protesting_people(view, hit, wider) if draft.event_type in _PEOPLE_TYPES and event_word else None
        if people is not None and (draft.actor1.name or "Protesters").startswith(("Protesters", "Rioters")):
            # "تظاهر مئات الأشخاص", "خرج المئات من أبناء العشائر ... في تظاهرة": the people who
            # marched are the actor as written, not the word for the march ("المتظاهرون" stays).
            draft.actor1.text, draft.actor1.span, draft.actor1.hint = people.mention.text, people.mention.span, None
        if draft.event_type in _PEOPLE_TYPES and _generic_crowd(result, draft):
            crowd = protest_participants(result, view, hit)
            if crowd is not None:
                # "مظاهرة نظمها حزب ...", "العلمانيين الذين تظاهروا": show who protested, not the protest.
                if draft.actor1.span is not None:
                    draft.actor1.text, draft.actor1.span = crowd.text_of(result.text), crowd
                else:
                    draft.actor1.hint = crowd
        if draft.actor2.span is None and (draft.actor2.name or "Civilians").startswith("Civilians"):
            draft.actor2.hint = _unnamed_victims(view, hit, refs, draft.event_type) or (
                _unnamed_victims(view, hit, wider, draft.event_type) if hit.entry.lang == "ar" else None
            )
            if draft.actor2.hint is None and (
                draft.actor2.name is not None or draft.event_type == "Violence against civilians"
            ):
                draft.actor2.hint = _object_phrase(result, view, hit)
        if quote is not None and quote.speaker:
            draft.reported_by, draft.quote_id = quote.speaker, quote.id
        else:
            draft.reported_by = attribution_in(view)
        drafts.append(draft)
    violent = [d for d in drafts if d.event_type in VIOLENT_TYPES or d.sub_event_type.startswith("Excessive")]
    if hits[0].entry.lang == "en":
        # English: the verb a number goes with says whether it counts the dead (toll_en).
        counts = sentence_kills(result.text, span, quantities, result.times) if violent else []
        for at, dead in counts:
            nearest = min(violent, key=lambda d: abs(d.trigger_span.start - at))
            nearest.fatalities += dead
            nearest.additional = nearest.additional or (
                _ADDITIONAL.match(result.text, at) is not None
                and _AMONG.search(result.text, at, span.end) is None  # "two other Iranians were among those killed"
            )
        killed = bool(counts)  # else a killing with no number is one victim (below)
    for q in quantities:
        if q.category not in {"killed", "bodies"} or not violent or hits[0].entry.lang == "en":
            continue
        nearest = min(violent, key=lambda d: abs(d.trigger_span.start - q.span.start))
        nearest.fatalities += fatalities_in([q])
    if not killed:
        for d in violent:
            if d.kind in {"kill", "assassinate"} and _singular_killing(view, d.trigger):
                d.fatalities = max(d.fatalities, 1)  # "اغتال مسلحون ناشطا", "killed a police officer"
        if violent and hits[0].entry.lang == "en" and _passive_singular_kill(view, hits):
            # "Activist X ... was killed on Wednesday ... when gunmen opened fire": the strong
            # trigger types the event, the singular passive killing beside it gives its one dead.
            nearest = min(violent, key=lambda d: d.trigger.start)
            nearest.fatalities = max(nearest.fatalities, 1)
    for d in drafts:
        if d.event_type == "Strategic developments" and not d.distinct and any(
            o.anaphoric and o.sub_event_type == d.sub_event_type for o in drafts
        ):
            d.anaphoric = True  # "under the agreement, fighters may settle": its terms, not a new deal
    restated = _restated_en(view) if hits[0].entry.lang == "en" else None
    told = [e for e in earlier if e.event_type in VIOLENT_TYPES and not e.historical]
    if restated is not None and told:
        for d in drafts:
            if (
                d.event_type in VIOLENT_TYPES and not d.distinct and not d.historical
                and not _other_time_between(view, restated, d.trigger.word)
                # Of an event's own type and sides it merges as any report does (and may refine
                # its sub-type: "the attack was carried out by a suicide bomber").
                and not any(e.event_type == d.event_type and same_sides(e, d) for e in told)
            ):
                d.anaphoric = True  # "the attack started by detonating two car bombs": how it was done
    return _fold_segments(view, drafts)


def _restated_en(view: SentenceView) -> int | None:
    """The word where an English sentence names an event already told: a definite event noun as
    the subject of a verb that restates it ("The attack started by detonating ...", "The clashes
    took place in ... as the government forces recaptured ..."); its other triggers say how or where."""
    verbs = {c.word for c in view.cues_of("restating_verb")}
    if not verbs:
        return None
    for t in view.triggers:
        if t.entry.lang != "en" or t.entry.kind not in _REFERRING_KINDS or t.word + t.n_words not in verbs:
            continue
        if any(c.cue in {"article", "demonstrative"} and c.word + c.n_words == t.word for c in view.cues):
            return t.word
    return None


# Words that put what follows them at another time: "The attack happened a day after gunmen killed ...".
_OTHER_TIME = frozenset({"after", "before", "since", "following", "days", "weeks", "months"})


def _other_time_between(view: SentenceView, first: int, last: int) -> bool:
    """Whether a word of another time stands between words ``first`` and ``last``."""
    return any(w[2] in _OTHER_TIME for w in view.words[min(first, last) : max(first, last)])


# Connectives that open a second report in one Arabic sentence ("...، فيما تعرض أحد المنازل لقذيفة").
_SECOND_REPORT = frozenset({"فيما", "وفيما", "بينما", "وبينما"})


def _fold_segments(view: SentenceView, drafts: list[Draft]) -> list[Draft]:
    """ACLED's one event per type in a sentence, except across "فيما/بينما" in Arabic when the two
    parts report different kinds of one type ("سقطت عشرات من قذائف المدفعية ...، فيما تعرض أحد
    المنازل لقذيفة ألقيت من مسيرة": shelling, then a drone strike)."""
    if drafts and drafts[0].trigger.entry.lang == "en":
        return _fold_separate_incident(view, drafts)
    folded = fold_sentence(drafts)
    if not drafts or drafts[0].trigger.entry.lang != "ar":
        return folded
    cuts = [start for start, _, word in view.words if word in _SECOND_REPORT]
    if not cuts:
        return folded
    segments: dict[int, list[Draft]] = {}
    for d in drafts:
        segments.setdefault(sum(1 for c in cuts if c < d.trigger.start), []).append(d)
    if len(segments) < 2:
        return folded
    bounds = [view.start, *cuts, view.end]
    parts: list[Draft] = []
    for index, ds in sorted(segments.items()):
        for d in fold_sentence(ds):
            # The part of the sentence is the report: its evidence, and a report of its own.
            lo, hi = bounds[index], bounds[index + 1]
            text = view.norm.text[lo:hi]
            lo += len(text) - len(text.lstrip(" ،,"))
            hi -= len(text) - len(text.rstrip(" ،,.؛"))
            d.evidence = view.original(lo, hi)
            d.distinct = d.distinct or index > 0
            parts.append(d)
    kinds = [(d.event_type, d.sub_event_type) for d in parts]
    if len(set(kinds)) < len(kinds) or len(parts) <= len(folded):
        return folded
    return parts


def _fold_separate_incident(view: SentenceView, drafts: list[Draft]) -> list[Draft]:
    """English: "in a separate incident" sets its report apart. Opening the sentence, every
    report in it is a new event; after a trigger ("one activist was killed and four others had
    their car fired upon in a separate incident"), the sentence tells two incidents: the part
    after the last "and" before the cue and the part before it, each an event of its own."""
    cues = view.cues_of("separate_incident")
    if not cues:
        return fold_sentence(drafts)
    cue = cues[0]
    if all(d.trigger.start > cue.start for d in drafts):
        for d in drafts:
            d.distinct = True
        return fold_sentence(drafts)
    ands = [w[0] for w in view.words if w[2] == "and" and w[0] < cue.start]
    cut = next(
        (a for a in reversed(ands) if any(a < d.trigger.start < cue.start for d in drafts)
         and any(d.trigger.start < a for d in drafts)),
        None,
    )
    if cut is None:
        return fold_sentence(drafts)
    second = fold_sentence([d for d in drafts if d.trigger.start > cut])
    after_and = view.original(cut + len("and "), cut + len("and ") + 1)
    for d in second:
        d.distinct = True
        if d.evidence.start < after_and.start < d.evidence.end:
            d.evidence = Span(after_and.start, d.evidence.end)  # its own part of the sentence
    at_and = view.original(cut, cut + len("and"))
    last = max((w for w in view.words if w[1] <= cut), key=lambda w: w[1], default=None)
    last_word_end = view.original(last[0], last[1]).end if last is not None else at_and.start
    before = [d for d in drafts if d.trigger.start < cut]
    first = fold_sentence(before)
    for kept in first:
        # The report joined to the separate one ("one activist was killed and ...") is the clause
        # to cite, not an earlier description in the sentence.
        near = max((d for d in before if d.event_type == kept.event_type), key=lambda d: d.trigger.start)
        kept.trigger, kept.trigger_span, kept.evidence = near.trigger, near.trigger_span, near.evidence
        kept.distinct = True  # the sentence tells incidents apart: this one too is counted by itself
        if kept.evidence.start < at_and.start < kept.evidence.end:
            kept.evidence = Span(kept.evidence.start, last_word_end)
    return sorted(first + second, key=lambda d: d.trigger.start)


_TERRITORY = frozenset(
    {"Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory"}
)


def _earlier_loser(draft: Draft, clause: Span, earlier: list[Draft]) -> Actor | None:
    """The loser of the latest earlier capture by the same side, when this capture's clause
    names no loser of its own (its actor2, if any, comes from another clause)."""
    if draft.actor1.name is None or (draft.actor2.span is not None and clause.contains(draft.actor2.span)):
        return None
    for e in reversed(earlier):
        if e.sub_event_type in _TERRITORY and e.actor1.name == draft.actor1.name and e.actor2.name:
            if e.actor2.name == draft.actor2.name or are_allies(e.actor2.name, draft.actor1.name, draft.country):
                return None  # an ally is never the side that lost the place
            return e.actor2
    return None


def _owner_of_property(view: SentenceView, span: Span | None) -> bool:
    """Whether an Arabic actor phrase names the owner of a building just before it ("مخازن برنامج
    الغذاء العالمي", "مقر البعثة"): looted property, not people attacked."""
    if span is None:
        return False
    for c in view.cues_of("building"):
        end = view.original(c.start, c.end).end
        if 0 <= span.start - end <= 2:
            return True
    return False


_AFFILIATION = re.compile(r"(?:ال)?تابع(?:ة|ه|ين|ون)?\s*(?:لـ?|الى|إلى)?\s*$")
_AFFILIATION_GAP = 40  # characters from a group's name to "التابع لـ" and its parent


def _without_parents(text: str, refs: list[ActorRef]) -> list[ActorRef]:
    """Arabic actors without the parent named in apposition to another ("«جيش العزة»، التابع للجيش
    السوري الحر"): the parent describes the group, it is not the other side. Unnamed members
    ("عناصر تابعة لمليشيا الحوثي") keep the parent: there it is the actor."""
    out: list[ActorRef] = []
    for r in refs:
        start = r.mention.span.start
        before = text[max(0, start - _AFFILIATION_GAP) : start]
        m = _AFFILIATION.search(before.rstrip("«\"“ "))
        anchor = start - len(before) + m.start() if m else -1
        if m is not None and any(
            o is not r and o.name and o.name != r.name and o.mention.attrs.get("named")
            and 0 <= anchor - o.mention.span.end <= 8
            for o in refs
        ):
            continue
        out.append(r)
    return out


_FRONTED = re.compile(r"^\W*و?في\s+(\S+)\s*،")
# Discourse openers of the same shape ("وفي الأثناء،", "وفي المقابل،"): no place.
_NOT_PLACES = frozenset({"الاثناء", "المقابل", "الوقت", "غضون", "سياق", "السياق", "الاطار", "اطار", "حين", "ذلك", "هذا", "حينه"})


def _fronted_place(result: Result, view: SentenceView) -> bool:
    """"وفي الجيلي، تصاعدت الاشتباكات": a sentence opening on "in X," moves the report to X.

    The fronted word is taken for a place even when the gazetteer does not know it,
    unless it is a date or a discourse opener ("وفي الأثناء،").
    """
    m = _FRONTED.match(view.text)
    if m is None or m.group(1) in _NOT_PLACES:
        return False
    word = view.original(view.start + m.start(1), view.start + m.end(1))
    return not any(t.span.overlaps(word) for t in result.times)


@cache
def _place_nouns_ar() -> frozenset[str]:
    """Normalised Arabic words that introduce a town or district by name ("منطقة", "بلدة", "قرية")."""
    words = {
        normalize(r["phrase"]).text for r in read_table("place_descriptors.tsv").rows
        if r["lang"] == "ar" and r["position"] == "before" and r["role"] in {"settlement", "admin2"}
    }
    # The construct dual of a feminine noun ("قريتي X و Y", "بلدتي"): ة becomes تي.
    return frozenset(words | {w[:-1] + "تي" for w in words if w.endswith("ه")})


# "في منطقة X", and "على قرية X" after a capture word ("السيطرة على قريتي معزراف وكفرعميم").
_PLACE_PREPOSITIONS = frozenset({"في", "وفي", "علي"})


def _unlisted_place(result: Result, view: SentenceView, clause: tuple[int, int]) -> str | None:
    """The name after "في منطقة/بلدة/قرية" in the clause when no place mention covers it:
    a place the gazetteer lacks ("في منطقة كولجو"), kept as its normalised word."""
    nouns = _place_nouns_ar()
    words = view.words
    for i in range(len(words) - 1):
        start, _, word = words[i]
        if not clause[0] <= start < clause[1] or i == 0:
            continue
        if word.removeprefix("ب") not in nouns and word not in nouns:
            continue
        if not (word.startswith("ب") and word.removeprefix("ب") in nouns) and words[i - 1][2] not in _PLACE_PREPOSITIONS:
            continue
        name_start, name_end, name = words[i + 1]
        if name_start >= clause[1] or name in _NOT_PLACES or len(name) < 3:
            continue
        span = view.original(name_start, name_end)
        if any(m.kind == "place" and m.span.overlaps(span) for m in result.mentions):
            continue
        if any(t.span.overlaps(span) for t in result.times):
            continue
        return name
    return None


def _inside_earlier_place(draft: Draft, earlier: list[Draft]) -> bool:
    """Whether the draft's sentence names a place an earlier report had (or one within it)."""
    def own(d: Draft) -> bool:
        return d.place is not None and d.sentence_span is not None and d.place.span.overlaps(d.sentence_span)

    return own(draft) and any(own(e) and place_compatible(e, draft) for e in earlier)


def _is_summary(view: SentenceView, hit: TriggerHit) -> bool:
    """A capture of unnamed plural places ("سيطرت على قرى جديدة", "took several villages").

    Such a lead sums up the captures the article goes on to name one by one.
    """
    clause = view.clause_of(hit.start)
    if hit.entry.kind == "protest":
        # "مظاهرات ... في مناطق متفرقة", "protests in several cities": the day's protests summed up.
        word = view.words[hit.word][2] if hit.word < len(view.words) else ""
        plural = word.endswith("ات") or (word.endswith("s") and word.isascii())
        return plural and any(
            c.cue in {"summary", "generic"} and clause[0] <= c.start < clause[1] and c.word > hit.word
            for c in view.cues
        ) and any(c.cue in {"vague", "generic"} and clause[0] <= c.start < clause[1] for c in view.cues)
    if hit.entry.kind != "territory" and (hit.entry.event_type in VIOLENT_TYPES or hit.entry.kind in EXPLOSIVE_KINDS):
        # "a pair of roadside bombings", "عدة غارات": several attacks summed up in one phrase.
        last = hit.word + hit.n_words - 1
        word = view.words[last][2] if last < len(view.words) else ""
        plural = word.endswith("ات") or (word.endswith("s") and word.isascii())
        return plural and any(c.cue == "vague" and 0 <= hit.word - (c.word + c.n_words) <= 1 for c in view.cues)
    if hit.entry.kind != "territory":
        return False
    end_word = hit.word + hit.n_words
    nouns = [c for c in view.cues if c.cue == "summary" and 0 <= c.word - end_word <= 6 and clause[0] <= c.start < clause[1]]
    # The plural must be vague ("قرى جديدة", "العديد من القرى"), not a list ("قرى الصياد والبويضة").
    return any(
        c.cue == "vague" and any(-2 <= c.word - n.word <= 2 and c.word != n.word for n in nouns) for c in view.cues
    )


def _new_place(draft: Draft, earlier: list[Draft]) -> bool:
    """Whether the draft's own sentence names a place no earlier event had."""
    if draft.place is None or not draft.place.span.overlaps(draft.evidence):
        return False
    # A spot inside the place already reported ("the battle was in <village> of <province>")
    # details that event; a place elsewhere ("وفي الجيلي") opens a new one.
    return all(e.place is None or (e.place.text != draft.place.text and not place_compatible(e, draft)) for e in earlier)


_PLURAL_DEATH_WORDS = ("قتلي", "قتلا", "جثث", "مجزره", "مجازر", "death", "killings", "bodies", "dead", "massacre")


def _singular_killing(view: SentenceView, hit: TriggerHit) -> bool:
    """A killing reported with no number names one victim; plurals stay uncounted (0)."""
    word = view.words[hit.word][2] if hit.word < len(view.words) else ""
    if hit.entry.lang == "ar" and not is_finite_verb(word) and hit.n_words == 1 and hit.word + 1 < len(view.words):
        # "بقتل المدنيين": a verbal noun's object says how many; a sound plural is no single victim.
        after = view.words[hit.word + 1][2]
        if after.startswith("ال") and after.endswith(("ين", "ون")) and len(after) > 6:
            return False
    return not any(p in word for p in _PLURAL_DEATH_WORDS)


# A count of further dead: "6 other officials", "3 additional regime forces", "two more soldiers".
_ADDITIONAL = re.compile(r"[\w.,-]{1,12}\s+(?:other|more|additional|further)\b", re.IGNORECASE)
_AMONG = re.compile(r"\bamong\b", re.IGNORECASE)


def _passive_singular_kill(view: SentenceView, hits: list[TriggerHit]) -> bool:
    """An English "was killed/assassinated" that no active trigger of the sentence stands for
    (a strong trigger beside it, "opened fire", left it out): one person killed."""
    for t in view.triggers:
        if t in hits or t.entry.lang != "en" or t.entry.kind not in {"kill", "assassinate"} or t.word == 0:
            continue
        if (
            view.words[t.word - 1][2] == "was" and view.words[t.word][2] in _DEATH_PARTICIPLES
            and cancelling_cue(view, t) is None
        ):
            return True  # "was shot" may have survived: only a word of death counts
    return False


_DEATH_PARTICIPLES = frozenset({"killed", "assassinated", "executed", "beheaded", "lynched"})


# An event is background ("historical" in EVENTS.md) when it ended this long before the report.
# The dates stage flags anything a month old; ACLED still codes an attack reported weeks or
# months late ("قتل 411 شخصا في تفجير شاحنات ... يوم 14 اغسطس" in an October report), so only
# what the article recalls from a year or more before is left out.
HISTORICAL_AFTER = timedelta(days=365)


def _period_end(value: str) -> date | None:
    """The last day of an ISO date, month or year ("2007-08" → 2007-08-31)."""
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1:
            return date(parts[0], 12, 31)
        if len(parts) == 2:
            return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
        return date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def _is_historical(time: TimeExpression | None, published: date | None) -> bool:
    """Background events: dated a year or more before the report (or two calendar years back)."""
    if time is None:
        return False
    end = _period_end(time.value) if time.value and time.value[:4].isdigit() else None
    if time.historical:
        return published is None or end is None or end < published - HISTORICAL_AFTER
    if published is None or not time.value or not time.value[:4].isdigit():
        return False
    return int(time.value[:4]) <= published.year - 2


def _confidence(d: Draft) -> float:
    score = 0.6 if d.strong else 0.4
    score += 0.1 * (d.actor1.name is not None) + 0.1 * (d.actor2.name is not None)
    score += 0.1 * (d.place is not None) + min(0.05 * (d.merged - 1), 0.1)
    return min(score, 0.95)


# ACLED's name for a side no words name, by event type: an attack nobody is said to have
# carried out is an "Unidentified Armed Group (X)"'s, an unnamed crowd is "Protesters (X)".
_UNNAMED_ACTOR1 = {
    "Battles": "Unidentified Armed Group",
    "Explosions/Remote violence": "Unidentified Armed Group",
    "Violence against civilians": "Unidentified Armed Group",
    "Protests": "Protesters",
    "Riots": "Rioters",
}


def _actor1_of(d: Draft) -> str | None:
    """The draft's actor1, or, where the text names none, ACLED's generic side of the event's
    country ("Shells fell on X": an unidentified armed group); None without a country."""
    name = resolved(d.actor1.name)
    label = _UNNAMED_ACTOR1.get(d.event_type)
    if name is not None or label is None:
        return name
    info = d.place_info
    country = (info.country if info is not None else None) or d.country
    return f"{label} ({country})" if country else None


def _to_event(result: Result, d: Draft) -> Event:
    text = result.text
    ev = d.evidence
    return Event(
        event_type=d.event_type,
        sub_event_type=d.sub_event_type,
        evidence=ev,
        evidence_text=ev.text_of(text),
        actor1=_actor1_of(d),
        actor2=resolved(d.actor2.name),
        actor1_text=d.actor1.text or (d.actor1.hint.text_of(text) if d.actor1.hint else None),
        actor2_text=d.actor2.text or (d.actor2.hint.text_of(text) if d.actor2.hint else None),
        actor1_span=d.actor1.span or d.actor1.hint,
        actor2_span=d.actor2.span or d.actor2.hint,
        location=d.place.text if d.place is not None else None,
        location_span=d.place.span if d.place is not None else None,
        place=d.place_info,
        # A vague period ("قبل أيام", "last week") keeps events apart but dates none.
        date=d.time.value if d.time and (d.time.precision == 1 or d.time.historical) else None,
        time_precision=d.time.precision if d.time and (d.time.precision == 1 or d.time.historical) else None,
        fatalities=d.fatalities,
        reported_by=d.reported_by,
        quote_id=d.quote_id,
        historical=d.historical,
        confidence=_confidence(d),
    )


def code_events(result: Result) -> tuple[Event, ...]:
    """The ACLED events an article reports, main event first."""
    norm = result.normalized if result.normalized is not None else normalize(result.text)
    sentences = units(norm, result.sentences or split_sentences(norm))
    views = [view_sentence(norm, s) for s in sentences]
    country = article_country(result)
    drafts: list[Draft] = []
    headings = [is_heading(result.text, v.sentence.span) for v in views]
    body = [i for i in range(len(views)) if not headings[i]] or list(range(len(views)))
    for i in body:
        # A back-reference (anaphoric draft) may add a toll or a source, not an event.
        drafts.extend(_sentence_drafts(result, views, i, country, drafts))
    placed = {id(d) for d in drafts if _own_place_or_day(d)}
    merged = merge_article(drafts)
    if result.document.lang == "en":
        _sides_from_summary(drafts, merged)
    if result.document.lang == "ar":
        _carry_dates(merged)
    if result.document.lang == "en":
        if not merged:
            merged.extend(_headed_note_drafts(result, views, country) or _classified_note_drafts(result, views, country))
        merged = _fold_restatements(merged, placed)
        merged = _fold_destruction(merged)
        _add_untriggered_tolls(result, views, merged)
        merged = _fold_unnamed_killings(merged)
        _apply_coded_toll(result.text, merged)
        _apply_note_label(result.text, merged)
    return tuple(_to_event(result, d) for d in merged)


_DATE_CARRY = 2  # sentences over which an undated Arabic report continues the dated one before it


def _carry_dates(drafts: list[Draft]) -> None:
    """An undated event told right after a dated one ("اقتحمت ... الاثنين" then "وأجبرت عناصر
    المليشيا ..."; "سيطر صباح اليوم" then "لدخول ... إلى مدينة مورك") happened on its day: Arabic
    reports give the day once and narrate on. A background event neither gives nor takes one."""
    for d in drafts:
        if d.time is not None or d.historical:
            continue
        before = [
            e for e in drafts
            if e.time is not None and e.time.precision == 1 and not e.historical and not e.time.historical
            and 0 < d.sentence - e.sentence <= _DATE_CARRY
        ]
        if before:
            d.time = max(before, key=lambda e: e.sentence).time


_NOTE_LABEL = re.compile(r"^\s*([A-Za-z][A-Za-z -]{2,40}):\s")


def _note_label(text: str) -> tuple[Span, str] | None:
    """The category heading an ACLED note opens with, and its Strategic developments sub-type."""
    m = _NOTE_LABEL.match(text)
    if m is None:
        return None
    subtypes = {r["label"]: r["sub_event_type"] for r in read_table("acled_note_labels_en.tsv").rows}
    label = m.group(1).strip().lower()
    sub = subtypes.get(label) or subtypes.get(label.removesuffix("s"))  # "Defusals:"
    return (Span(m.start(1), m.end(1)), sub) if sub is not None else None


def _headed_note_drafts(result: Result, views: list[SentenceView], country: str | None) -> list[Draft]:
    """A note headed by its category ("Movement of forces: Regime forces called in
    reinforcements ...") reports that development even when no trigger word in it does: the
    heading is the coder's own label, so it stands in as the trigger of the note's event."""
    found = _note_label(result.text)
    if found is None:
        return []
    label, sub = found
    entry = TriggerEntry("note_label", "Strategic developments", sub, "en", True)
    return _stand_in_drafts(result, views, label, entry, country)


_NOTE_MAX_CHARS = 700  # ACLED notes run to ~600 characters (99th percentile); news articles are longer


def _classified_note_drafts(result: Result, views: list[SentenceView], country: str | None) -> list[Draft]:
    """A short one-paragraph note that no trigger rule reads ("Skirmishes took place between
    regime and QSD forces ...") takes the type the note classifier is sure of. Never a note
    whose trigger a denial, forecast or negative cancelled: that silence is the rules' answer."""
    text = result.text.strip()
    if not views or len(text) > _NOTE_MAX_CHARS or "\n" in text:
        return []
    if any(cancelling_cue(v, t) is not None for v in views for t in v.triggers):
        return []
    typed = note_type(text, {t.entry.kind for v in views for t in v.triggers})
    if typed is None:
        return []
    first = views[0].words[0] if views[0].words else None
    if first is None:
        return []
    where = views[0].original(first[0], first[1])
    entry = TriggerEntry("note_type", typed[0], typed[1], "en", True)
    # An event has a side or a place; a bare "No injuries reported." names neither.
    return [d for d in _stand_in_drafts(result, views, where, entry, country) if d.place or d.actor1.name]


def _stand_in_drafts(
    result: Result, views: list[SentenceView], where: Span, entry: TriggerEntry, country: str | None
) -> list[Draft]:
    """Drafts of the sentence holding ``where``, with a stand-in trigger there: the arguments
    (actors, place, date, toll) come from that sentence as for any trigger."""
    index = next((i for i, v in enumerate(views) if v.sentence.span.start <= where.start < v.sentence.span.end), None)
    if index is None:
        return []
    view = views[index]
    start, end = view.norm.from_original(where.start, where.end)
    first = next((k for k, w in enumerate(view.words) if w[0] >= start), 0)
    n_words = max(1, sum(1 for w in view.words if start <= w[0] < end))
    hit = TriggerHit(start, end, first, n_words, entry)
    cues = view.cues or [
        CueHit(c.start, c.end, c.first_word, c.n_words, value.cue, value.window)
        for c in cue_matcher().find_in_words(view.norm.text, view.words)
        for value in c.values
    ]
    stand_in = replace(view, triggers=[hit], cues=cues)
    return _sentence_drafts(result, [*views[:index], stand_in, *views[index + 1 :]], index, country, [])


def _forces_among_dead(
    result: Result, draft: Draft, wider: list[ActorRef], quantities: list[Quantity]
) -> ActorRef | None:
    """The state force counted among the dead of a remote attack coded against civilians."""
    if draft.event_type != "Explosions/Remote violence" or not (draft.actor2.name or "").startswith("Civilians"):
        return None
    span = draft.sentence_span
    if span is None:
        return None
    dead_at = {at for at, dead in sentence_kills(result.text, span, quantities, result.times) if dead}
    counted = [q.counted for q in quantities if q.span.start in dead_at and q.counted is not None]
    for r in wider:
        if r.category == "state" and r.name and r.name != draft.actor1.name and any(
            c.overlaps(r.mention.span) for c in counted
        ):
            return r
    return None


def _sides_from_summary(drafts: list[Draft], merged: list[Draft]) -> None:
    """English: a lead that sums up ("Two U.S. soldiers were killed in a pair of roadside
    bombings") names the side its itemised reports then call by a bare noun ("One soldier died
    in a bomb blast"): the items take the side the summary qualified, not the article's country."""
    for summary in (d for d in drafts if d.summary and d not in merged):
        for side in ("actor1", "actor2"):
            named: Actor = getattr(summary, side)
            if named.name is None or named.text is None or named.text.islower():
                continue
            prefix = next((p for p in STATE_PREFIXES if named.name.startswith(p)), None)
            for d in merged:
                mine: Actor = getattr(d, side)
                if (
                    prefix is not None and d.sub_event_type == summary.sub_event_type and not d.historical
                    and d.sentence > summary.sentence
                    and mine.name is not None and mine.name != named.name and mine.name.startswith(prefix)
                    and mine.text is not None and mine.text.islower()
                ):
                    setattr(d, side, Actor(named.name, mine.text, mine.span, mine.hint))


def _own_place_or_day(d: Draft) -> bool:
    """Whether the draft's own sentence names a place or a day (else both came from elsewhere)."""
    span = d.sentence_span
    if span is None:
        return True
    own_place = d.place is not None and d.place.span.overlaps(span)
    own_day = d.time is not None and d.time.span.overlaps(span)
    return own_place or own_day


def _fold_restatements(drafts: list[Draft], placed: set[int]) -> list[Draft]:
    """English: a later report of violence between the sides of an earlier event that names no
    place and no day of its own ("Zira said the insurgents surrounded the village and opened
    fire") retells that event: ACLED's unit is one pair, place and day, and nothing here sets
    it apart. Its borrowed place (a town named in passing before) must not split it off.
    ``placed``: the ids of the reports that named a place or day of their own, taken before
    merging (a merged report may have taken a later sentence's place)."""
    kept: list[Draft] = []
    for d in drafts:
        host = None
        if (
            d.event_type in VIOLENT_TYPES and d.actor1.name is not None and not d.distinct and not d.historical
            and id(d) not in placed
        ):
            host = next(
                (e for e in kept if e.event_type in VIOLENT_TYPES and not e.historical and e.sentence < d.sentence
                 and (e.event_type == d.event_type or {e.kind, d.kind} & VAGUE_KINDS) and same_sides(e, d)),
                None,
            )
        if host is not None:
            absorb(host, replace(d, anaphoric=True))
            continue
        kept.append(d)
    return kept


def _fold_destruction(drafts: list[Draft]) -> list[Draft]:
    """English: burning or looting by the side that attacked the same place that day ("The whole
    village was burnt by Boko Haram gunmen") is part of that attack: ACLED codes Looting/property
    destruction only when it happens outside a larger violent event."""
    kept: list[Draft] = []
    for d in drafts:
        if d.sub_event_type == "Looting/property destruction" and d.actor1.name and not d.historical:
            host = next(
                (e for e in drafts if e is not d and e.event_type in VIOLENT_TYPES and not e.historical
                 and e.actor2.name is not None  # an attack on someone, not shots fired at property
                 and e.trigger_span.start < d.trigger_span.start  # told first; the damage is its detail
                 and e.actor1.name == d.actor1.name and place_compatible(e, d) and date_compatible(e, d)),
                None,
            )
            if host is not None:
                continue
        kept.append(d)
    return kept


def _fold_unnamed_killings(drafts: list[Draft]) -> list[Draft]:
    """English: people killed by no named hand in the sentence after a strike or clash at the
    same place ("Syrian or Russian warplanes bombed ... Arbin ... Two people were killed.") are
    that event's dead, not a separate attack on civilians: ACLED adds them to its fatalities."""
    kept: list[Draft] = []
    for d in drafts:
        host = next(
            (
                e for e in reversed(kept)
                if e.event_type in VIOLENT_TYPES and not e.historical and e.sentence < d.sentence
            ),
            None,
        )
        unnamed = d.actor1.name is None or d.actor1.name.startswith("Unidentified")
        if (
            host is not None and unnamed and d.kind == "kill" and d.event_type == "Violence against civilians"
            and not d.distinct and not d.historical and place_compatible(host, d)
        ):
            host.fatalities += d.fatalities
            continue
        # "... clashed with YPG fighters near X. 17 Olive Branch fighters were killed.": fighters
        # of a side of the event, of one side alone (the dead's), or killed by no named hand are
        # the battle's or strike's own dead.
        sides = {host.actor1.name, host.actor2.name} - {None} if host is not None else set()
        if (
            host is not None and d.kind == "kill" and d.event_type == "Battles"
            and host.event_type in {"Battles", "Explosions/Remote violence"}
            and (unnamed or d.actor2.name is None or bool(sides & {d.actor1.name, d.actor2.name}))
            and not d.distinct and not d.historical and place_compatible(host, d)
        ):
            host.fatalities += d.fatalities
            continue
        kept.append(d)
    return kept


def _add_untriggered_tolls(result: Result, views: list[SentenceView], drafts: list[Draft]) -> None:
    """English: a toll told in a sentence of its own after the event ("... fired missiles at the
    town. One person was killed while many more were wounded.") belongs to the violent event
    told just before it; a sentence with a trigger of its own reports its own toll."""
    for i, view in enumerate(views):
        if view.triggers:
            continue
        before = [d for d in drafts if d.sentence < i and not d.historical and d.event_type in VIOLENT_TYPES]
        if not before:
            continue
        span = view.sentence.span
        counts = sentence_kills(result.text, span, quantities_in(result, span.start, span.end), result.times)
        host = max(before, key=lambda d: d.sentence)
        if counts and sum(dead for _, dead in counts) != host.fatalities:
            # The same figure again ("147 total fatalities") restates the toll already read.
            host.fatalities += sum(dead for _, dead in counts)


def _apply_note_label(text: str, drafts: list[Draft]) -> None:
    """An ACLED note headed by its category ("Defusal: ...", "Movement of forces: ...") is a
    Strategic development of that kind, whatever weapon or violence its text mentions."""
    found = _note_label(text)
    if found is None:
        return
    sub = found[1]
    main = next((d for d in drafts if not d.historical), None)
    if sub is not None and main is not None:
        main.event_type, main.sub_event_type = "Strategic developments", sub


def _apply_coded_toll(text: str, drafts: list[Draft]) -> None:
    """An ACLED note that states the figure it coded ("Unknown fatalities coded as 10") gives
    its main event that figure: the coder's reading of a vague or split report."""
    coded = coded_fatalities(text)
    main = next((d for d in drafts if not d.historical and d.event_type in VIOLENT_TYPES), None)
    if main is None:
        return
    if coded is not None:
        main.fatalities = coded
    elif main.fatalities and (parts := split_parts(text)):
        main.fatalities = int(main.fatalities / parts + 0.5)  # "Fatalities split between 2 events"


__all__ = ["anaphora", "code_events", "is_heading", "units"]
