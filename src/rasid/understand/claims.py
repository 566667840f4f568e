"""Claims and the contradictions between them, inside one article.

A conflict report rarely agrees with itself: one official gives a death toll,
another a different one; a spokesman says no prisoner escaped, a commander
that some did. ACLED codes the most conservative figure, but an analyst also
needs to see *that* sources disagree and *who* said what. So every casualty
count becomes a figure claim and every negated statement of a few checkable
facts (escape, death, injury, control, an event having happened) a fact
claim, each attributed to the quote that carries it (its speaker) or to the
outlet. Claims are then compared:

* figure conflict: two counts of the same group in the same category (bodies
  count as killed) whose ranges cannot both hold, from different sources, or
  from one named speaker contradicting himself (lower confidence);
* fact conflict: a fact one source negates and another affirms (a count of
  dead or wounded affirms death or injury).

False alarms are the main risk, so claims are kept apart when their sentences
name different places or dates (different incidents), when a count is part
of another ("بينهم", "including": already not a count, see quantities), and
when the subjects differ. Cue words are data: ``claim_cues.tsv``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations

from rasid.model import Claim, Conflict, Mention, Quantity, Quote, Result, Sentence, Span
from rasid.resources import read_table
from rasid.text.matcher import PhraseMatch, PhraseMatcher, word_spans, words_between
from rasid.text.normalize import NormalizedText, normalize_key

FIGURE_CATEGORIES = frozenset({"killed", "wounded", "arrested", "missing", "bodies", "participants"})
# Categories compared as one: a count of bodies is a count of the dead.
_FAMILY = {"bodies": "killed"}
# Fact predicates a count affirms (a count above zero of dead says people died).
_AFFIRMED_BY_COUNT = {"killed": "killed", "bodies": "killed", "wounded": "wounded"}
# Predicates whose affirmed mentions by the outlet itself count: death and injury
# are reported in the outlet's voice; control and events are narrated everywhere.
_OUTLET_AFFIRMS = frozenset({"killed", "wounded", "escape"})
# Groups that are no specific party: a count of "people" may be anyone.
_GENERIC_GROUPS = frozenset({"people"})
_OTHERS = frozenset({"اخر", "اخرين", "اخرون", "الاخرين", "others", "other"})
# Groups a named armed actor qualifies ("مقاتلي داعش"); civilians stay civilians.
_ARMED_GROUPS = frozenset({"fighters", "members", "soldiers", "police", "militants", "attackers", "prisoners"})
_CLAUSE_BREAK = re.compile(r"[.!?؟؛;:\n،,()«»\"]")
_SENTENCE_BREAK = re.compile(r"[.!?؟\n]")
_ACTOR_REACH = 40  # characters after a counted noun an actor may qualify it ("175 جثة لمقاتلي داعش")
_SUBJECT_REACH = 4  # words around a fact predicate searched for its subject
_APPROX = (0.8, 1.25)  # "about 100": 80 … 125
_VAGUE_SPAN = 10  # "dozens" (12), "hundreds" (100): up to ten times the value
# Rival estimates of one toll differ by a factor of a few; counts ten times apart are
# a part and a total, or two incidents ("3 arrested in a raid" vs "110 arrested").
_MAX_RATIO = 10.0
_FEW_COUNTS = 3  # distinct values of one kind of count in a one-incident report


@dataclass(frozen=True, slots=True)
class _Cue:
    kind: str
    value: str
    gap: int


@cache
def _matcher() -> PhraseMatcher[tuple[_Cue, ...]]:
    """All cues in one matcher (one pass over the text); a phrase may be cues of several kinds.

    The longest phrase wins across kinds too: "عدد القتلى" is a toll, not "number" + "killed".
    """
    by_phrase: dict[str, list[_Cue]] = {}
    for row in read_table("claim_cues.tsv").rows:
        if row["kind"] != "group":
            cue = _Cue(row["kind"], row["value"], int(row["gap"] or 0))
            by_phrase.setdefault(normalize_key(row["phrase"]), []).append(cue)
    return PhraseMatcher((phrase, tuple(cues)) for phrase, cues in by_phrase.items())


def _find_cues(text: str) -> dict[str, list[PhraseMatch[_Cue]]]:
    """Every cue in the text, by kind, in text order."""
    out: dict[str, list[PhraseMatch[_Cue]]] = {}
    for match in _matcher().find(text):
        for cue in match.value:
            out.setdefault(cue.kind, []).append(PhraseMatch(match.start, match.end, cue, match.key, match.clitic))
    return out


@cache
def _groups() -> dict[str, str]:
    return {
        normalize_key(row["phrase"]): row["value"]
        for row in read_table("claim_cues.tsv").rows
        if row["kind"] == "group"
    }


def group_of(word: str) -> str | None:
    """The group label of a (normalised) counted noun in any inflection.

    "مقاتلا", "لمقاتلي", "عناصرها", "المدنيين", "soldiers" → fighters, fighters,
    members, civilians, soldiers.
    """
    groups = _groups()
    forms = [word]
    for clitic in ("وال", "بال", "فال", "لل", "ال", "و", "ف", "ب", "ل"):
        if word.startswith(clitic) and len(word) - len(clitic) >= 3:
            forms.append(word[len(clitic):])
    for form in list(forms):
        for suffix in ("هما", "ها", "هم", "نا", "ه"):
            if form.endswith(suffix) and len(form) - len(suffix) >= 3:
                forms.append(form[: -len(suffix)])
    for form in forms:
        dual = form[:-2] if form.endswith(("ين", "ان")) and not form.isascii() else ""  # طفلين → طفل
        for candidate in (form, form[:-1] if form.endswith("ا") else "", form + "ن" if form.endswith("ي") else "", dual):
            if candidate and candidate in groups:
                return groups[candidate]
    return None


@dataclass(frozen=True, slots=True)
class _Setting:
    places: frozenset[str]
    primary: frozenset[str]  # the first place below the province the sentence names
    dates: frozenset[str]
    agents: frozenset[str]  # armed actors named beside the counted group
    historical: bool
    causes: frozenset[str] = frozenset()  # roadside bomb, ambush, airstrike …


@dataclass(slots=True)
class _Context:
    """What one document offers to attribute and place a claim."""

    result: Result
    norm: NormalizedText
    quotes: tuple[Quote, ...]
    sentence_starts: list[int]
    words: list[tuple[int, int, str]]
    word_starts: list[int]
    actors: list[Mention]
    places: list[Mention]
    cues: dict[str, list[PhraseMatch[_Cue]]]  # every cue of the text, by kind
    cumulative: list[Span]  # sentences that give running totals
    toll_sentences: list[Span]  # sentences that speak of a toll, a revision, "only"
    settings: dict[str, _Setting] = field(default_factory=dict)  # by claim id: pairs ask often

    def in_total(self, span: Span) -> bool:
        return any(s.contains(span) for s in self.cumulative)

    def near_toll(self, span: Span) -> bool:
        return any(s.contains(span) for s in self.toll_sentences)

    def sentence_of(self, span: Span) -> Sentence | None:
        sentences = self.result.sentences
        k = bisect_right(self.sentence_starts, span.start) - 1
        return sentences[k] if 0 <= k < len(sentences) else None

    def quote_of(self, span: Span) -> Quote | None:
        """The quote whose content holds the span; else the one attribution in its sentence."""
        for quote in self.quotes:
            if quote.span.contains(span):
                return quote
        sentence = self.sentence_of(span)
        if sentence is None:
            return None
        # "… قد أشار X إلى «…»، حيث قتلت …": a count outside the quote marks, after the cue of
        # the one speaker its sentence quotes, is still that speaker's.
        around = [
            q for q in self.quotes
            if sentence.span.overlaps(q.span) and q.cue_span is not None and q.cue_span.end <= span.start
        ]
        speakers = {normalize_key(q.speaker or q.cue) for q in around}
        return around[-1] if len(speakers) == 1 else None

    def setting(self, claim: Claim) -> _Setting:
        """The places, dates and other armed actors of a claim's sentence: its incident's coordinates."""
        found = self.settings.get(claim.id)
        if found is None:
            found = self.settings[claim.id] = self._setting(claim)
        return found

    def _setting(self, claim: Claim) -> _Setting:
        sentence = self.sentence_of(claim.span)
        if sentence is None:
            return _Setting(frozenset(), frozenset(), frozenset(), frozenset(), False)
        inside = sentence.span.contains
        places: set[str] = set()
        primary: set[str] = set()
        for mention in self.places:
            if inside(mention.span):
                keys = _place_keys(mention, self.result.text)
                if keys and not primary:
                    primary = keys
                places |= keys
        times = [t for t in self.result.times if inside(t.span)]
        own = _parts(claim.subject)[0] if claim.subject else None
        agents = frozenset(
            actor for m in self.actors if inside(m.span) and (actor := _armed_actor(m)) and actor != own
        )
        start, end = self.norm.from_original(sentence.span.start, sentence.span.end)
        causes = frozenset(m.value.value for m in self.cues.get("cause", ()) if start <= m.start and m.end <= end)
        return _Setting(
            frozenset(places), frozenset(primary), frozenset(t.value for t in times if t.value), agents,
            any(t.historical for t in times), causes,
        )


def _place_keys(mention: Mention, text: str) -> set[str]:
    """Names a place goes by, below the province: its written name and its resolved town.

    Countries and provinces are left out: two incidents in one province are
    still two incidents, and naming the province says nothing about which.
    """
    place = mention.attrs.get("place")
    feature = mention.attrs.get("feature")
    if feature in {"country", "admin1"} or (place is not None and place.geo_precision == 3):
        return set()
    name_span = mention.attrs.get("name_span") or mention.span
    keys = {normalize_key(name_span.text_of(text))}
    if place is not None and place.name:
        keys.add(normalize_key(place.name))
    return keys


def _context(result: Result) -> _Context:
    norm = result.normalized
    words = words_between(norm.text, 0, len(norm.text))
    cues = _find_cues(norm.text)
    return _Context(
        result=result,
        norm=norm,
        quotes=result.quotes,
        sentence_starts=[s.span.start for s in result.sentences],
        words=words,
        word_starts=[w[0] for w in words],
        actors=[m for m in result.mentions if m.kind == "actor"],
        places=[m for m in result.mentions if m.kind == "place"],
        cues=cues,
        cumulative=_sentences_with(result, cues, "cumulative"),
        toll_sentences=_sentences_with(result, cues, "toll"),
    )


def _sentences_with(result: Result, cues: dict[str, list[PhraseMatch[_Cue]]], kind: str) -> list[Span]:
    """Sentences with a cue of one kind: "a total of" (cumulative), "الحصيلة" (toll)."""
    norm = result.normalized
    out: list[Span] = []
    for match in cues.get(kind, ()):
        span = norm.to_original(match.start, match.end, "expand")
        out += [s.span for s in result.sentences if s.span.contains(span)]
    return out


def _source(quote: Quote | None) -> str | None:
    if quote is None:
        return None
    return quote.speaker or quote.speaker_role or quote.cue


def _source_key(claim: Claim) -> str:
    if claim.source is None:
        return ""
    return " ".join(w for _, _, w in word_spans(normalize_key(claim.source)))


# ---------------------------------------------------------------- subjects


def _armed_actor(mention: Mention) -> str | None:
    if mention.canonical is None or mention.attrs.get("actor_type") == "civilians":
        return None
    return mention.canonical


def _subject_of_count(ctx: _Context, quantity: Quantity) -> str | None:
    """"SDF: Syrian Democratic Forces fighters", "civilians": the counted group, with its actor."""
    text = ctx.result.text
    group = None
    end = quantity.span.end
    if quantity.counted is not None:
        end = quantity.counted.end
        group = group_of(normalize_key(quantity.counted.text_of(text)))
        if group is None:  # "175 جثة لمقاتلي داعش": the noun after a noun of bodies or victims
            after = word_spans(normalize_key(text[end : end + 30]))
            for _, _, word in after[:2]:
                group = group_of(word)
                if group is not None:
                    break
    if group is not None and group not in _ARMED_GROUPS:
        return group
    actor = None
    for mention in ctx.actors:
        if mention.span.end <= quantity.span.start or mention.span.start > end + _ACTOR_REACH:
            continue
        gap_start = min(end, mention.span.start)
        if mention.span.start > end and _CLAUSE_BREAK.search(
            text.replace("«", " ").replace("»", " "), gap_start, mention.span.start
        ):
            continue
        actor = _armed_actor(mention)
        if actor is not None:
            break
    if actor is not None:
        return f"{actor} {group}" if group else actor
    return group


def _parts(subject: str) -> tuple[str | None, str | None]:
    """"Islamic State members" → (actor, group); "civilians" → (None, group); "Islamic State" → (actor, None)."""
    for group in sorted(_ARMED_GROUPS, key=len, reverse=True):
        if subject.endswith(" " + group):
            return subject[: -len(group) - 1], group
    if subject in _ARMED_GROUPS or subject in _groups().values():
        return None, subject
    return subject, None


def _subject_key(subject: str | None) -> str | None:
    """The actor if named, else the group: what a conflict is said to be about."""
    if subject is None:
        return None
    actor, group = _parts(subject)
    return actor or group


def same_group(a: str | None, b: str | None) -> bool:
    """Whether two counts' subjects may be one group.

    Named actors must be the same ("Islamic State fighters", "Islamic State members");
    a group without its actor matches the same group with one ("soldiers",
    "Somali soldiers"). None (nothing said about who) matches nothing: "18 killed"
    and "2 killed" in one article are as often militants and soldiers as rival
    counts of one group.
    """
    if a is None or b is None:
        return False
    actor_a, group_a = _parts(a)
    actor_b, group_b = _parts(b)
    if actor_a and actor_b:
        return actor_a == actor_b
    return group_a is not None and group_a == group_b


# ---------------------------------------------------------------- figure claims


def _figure_claims(ctx: _Context) -> list[Claim]:
    out: list[Claim] = []
    previous: tuple[Span, str | None] | None = None  # sentence and subject of the last count
    for quantity in ctx.result.quantities:
        if quantity.category not in FIGURE_CATEGORIES:
            continue
        sentence = ctx.sentence_of(quantity.span)
        subject = _subject_of_count(ctx, quantity)
        if _counts_others(ctx, quantity) and previous is not None and sentence is not None:
            if previous[0] == sentence.span:  # "مقتل 21 شخصا وإصابة 11 آخرين", "two others wounded"
                subject = previous[1]
        previous = (sentence.span, subject) if sentence is not None else None
        quote = ctx.quote_of(quantity.span)
        span = quantity.span.union(quantity.counted) if quantity.counted else quantity.span
        category = "casualties" if _combined(ctx, span) else quantity.category
        out.append(Claim(
            id=f"c{len(out) + 1}",
            kind="figure",
            span=span,
            text=span.text_of(ctx.result.text),
            category=category,
            subject=subject,
            source=_source(quote),
            quote_id=quote.id if quote else None,
            value=quantity.value,
            low=quantity.low,
            high=quantity.high,
            approximate=quantity.approximate,
        ))
    return out


def _counts_others(ctx: _Context, quantity: Quantity) -> bool:
    """"11 آخرين", "two others": the count's group is the one counted just before."""
    if quantity.counted is None:
        return False
    word = normalize_key(quantity.counted.text_of(ctx.result.text))
    word = word[1:] if word[:1] in {"و", "ف"} and len(word) > 3 else word
    return word in _OTHERS


def _combined(ctx: _Context, span: Span) -> bool:
    """"عدد القتلى والجرحى … 20 شخصا", "30 killed or wounded": dead and wounded in one count."""
    norm = ctx.norm
    start, end = norm.from_original(span.start, span.end)
    lo = max(0, _word_index(ctx, start) - 8)
    hi = min(len(ctx.words), _word_index(ctx, end) + 4)
    if lo >= hi:
        return False
    window_start, window_end = ctx.words[lo][0], ctx.words[hi - 1][1]
    for match in ctx.cues.get("combined", ()):
        if match.start < window_start or match.end > window_end:
            continue
        lo_, hi_ = (match.end, start) if match.end <= start else (end, match.start)
        gap = abs(_word_index(ctx, hi_) - _word_index(ctx, lo_))
        if gap <= match.value.gap and not _SENTENCE_BREAK.search(norm.text, min(lo_, hi_), max(lo_, hi_)):
            return True
    return False


# ---------------------------------------------------------------- fact claims


def _word_index(ctx: _Context, offset: int) -> int:
    return bisect_left(ctx.word_starts, offset)


def _governing(
    ctx: _Context, cues: list[PhraseMatch[_Cue]], ends: list[int], start: int
) -> PhraseMatch[_Cue] | None:
    """The cue that reaches ``start`` (a normalised offset): same clause, within its gap of words."""
    text = ctx.norm.text
    here = _word_index(ctx, start)
    k = bisect_right(ends, start) - 1
    while k >= 0:
        cue = cues[k]
        between = here - _word_index(ctx, cue.end)
        if between > 4 or _CLAUSE_BREAK.search(text, cue.end, start):
            return None
        if between <= cue.value.gap:
            return cue
        k -= 1
    return None


def _fact_subject(ctx: _Context, start: int, end: int) -> str | None:
    """The group or armed actor named next to a fact predicate, in its clause."""
    text = ctx.norm.text
    i, j = _word_index(ctx, start), _word_index(ctx, end)
    candidates = list(range(j, min(j + _SUBJECT_REACH, len(ctx.words)))) + list(
        range(i - 1, max(-1, i - 1 - _SUBJECT_REACH), -1)
    )
    for k in candidates:
        w_start, w_end, word = ctx.words[k]
        lo, hi = (end, w_start) if w_start >= end else (w_end, start)
        if _CLAUSE_BREAK.search(text, lo, hi):
            continue
        original = ctx.norm.to_original(w_start, w_end, "expand")
        for mention in ctx.actors:
            if mention.span.overlaps(original):
                actor = _armed_actor(mention)
                if actor is not None:
                    return actor
        group = group_of(word)
        if group is not None and group not in _GENERIC_GROUPS:
            return group
    return None


def _denier(ctx: _Context, denial: PhraseMatch[_Cue], predicate_start: int) -> Span | None:
    """Who denies, when no quote says: "نفى الجيش مقتل …" (after the verb), "The army denied …" (before)."""
    text = ctx.norm.text
    if not denial.key.isascii():
        i, j = _word_index(ctx, denial.end), _word_index(ctx, predicate_start)
        if j - i < 1:
            return None
        lo, hi = ctx.words[i][0], ctx.words[j - 1][1]
    else:
        hi = denial.start
        breaks = list(_CLAUSE_BREAK.finditer(text, max(0, hi - 120), hi))
        lo = breaks[-1].end() if breaks else max(0, hi - 120)
        i, j = _word_index(ctx, lo), _word_index(ctx, hi)
        i = max(i, j - 5)
        if j - i < 1:
            return None
        lo = ctx.words[i][0]
        hi = ctx.words[j - 1][1]
    return ctx.norm.to_original(lo, hi, "expand")


def _fact_claims(ctx: _Context, first_id: int) -> list[Claim]:
    """Negated facts everywhere; affirmed ones only for facts some source negates."""
    cues = ctx.cues
    predicates = sorted(cues.get("predicate", []) + cues.get("event", []), key=lambda m: m.start)
    negators = sorted(cues.get("negator", []) + cues.get("denial", []), key=lambda m: m.end)
    neutrals = sorted(cues.get("neutral", []), key=lambda m: m.end)
    negated_phrases = cues.get("negated", [])
    neg_ends = [m.end for m in negators]
    neu_ends = [m.end for m in neutrals]

    # start, end, predicate, polarity, subject, the denier named beside a denial verb
    found: list[tuple[int, int, str, str, str | None, Span | None]] = []
    for match in negated_phrases:
        subject = _fact_subject(ctx, match.start, match.end)
        found.append((match.start, match.end, match.value.value, "negated", subject, None))
    taken = [(m.start, m.end) for m in negated_phrases]
    for match in predicates:
        if any(s < match.end and match.start < e for s, e in taken):
            continue
        is_event = match.value.kind == "event"
        predicate = f"occurred:{match.value.value}" if is_event else match.value.value
        if _governing(ctx, neutrals, neu_ends, match.start) is not None:
            continue
        negator = _governing(ctx, negators, neg_ends, match.start)
        if is_event and (negator is None or negator.value.kind != "denial"):
            found.append((match.start, match.end, predicate, "affirmed", None, None))
            continue
        if negator is not None:
            denier = _denier(ctx, negator, match.start) if negator.value.kind == "denial" else None
            subject = _fact_subject(ctx, match.start, match.end)
            found.append((negator.start, match.end, predicate, "negated", subject, denier))
        else:
            found.append((match.start, match.end, predicate, "affirmed", None, None))

    negated_predicates = {f[2] for f in found if f[3] == "negated"}
    out: list[Claim] = []
    for start, end, predicate, polarity, subject, denier in sorted(found, key=lambda f: f[:2]):
        if predicate not in negated_predicates:
            continue
        span = ctx.norm.to_original(start, end, "expand")
        quote = ctx.quote_of(span)
        source = _source(quote)
        if quote is None and denier is not None:
            source = denier.text_of(ctx.result.text)
        if polarity == "affirmed":
            if quote is None and predicate not in _OUTLET_AFFIRMS:
                continue
            subject = _fact_subject(ctx, start, end)
        out.append(Claim(
            id=f"c{first_id + len(out)}",
            kind="fact",
            span=span,
            text=span.text_of(ctx.result.text),
            category=predicate,
            subject=subject,
            source=source,
            quote_id=quote.id if quote else None,
            polarity="negated" if polarity == "negated" else "affirmed",
        ))
    return out


def find_claims(result: Result) -> tuple[Claim, ...]:
    """Every casualty figure and every contested fact in the document, with its source."""
    if result.normalized is None or not result.text:
        return ()
    return _claims(_context(result))


def _claims(ctx: _Context) -> tuple[Claim, ...]:
    figures = _figure_claims(ctx)
    return tuple(figures + _fact_claims(ctx, len(figures) + 1))


# ---------------------------------------------------------------- conflicts


def interval(claim: Claim) -> tuple[float, float]:
    """The values a figure claim allows: "at least 7" → [7, ∞), "100-120", "about 50" → [40, 62.5]."""
    value = float(claim.value or 0)
    if claim.low is not None or claim.high is not None:
        low = float(claim.low) if claim.low is not None else 0.0
        high = float(claim.high) if claim.high is not None else float("inf")
        return low, high
    if claim.approximate:
        if not any(ch.isdigit() for ch in claim.text):  # "dozens", "المئات", "عدد من"
            return value, value * _VAGUE_SPAN
        return value * _APPROX[0], value * _APPROX[1]
    return value, value


def _disjoint(a: Claim, b: Claim) -> bool:
    """True when no value satisfies both claims, and they are close enough to be rivals."""
    a_low, a_high = interval(a)
    b_low, b_high = interval(b)
    if not (a_high < b_low or b_high < a_low):
        return False
    low_end, high_start = min(a_high, b_high), max(a_low, b_low)
    return high_start <= _MAX_RATIO * max(low_end, 1.0)


def _same_setting(ctx: _Context, a: Claim, b: Claim) -> bool:
    """False when the two sentences tell of different incidents.

    Different places (each sentence's first place is not named in the other: two
    towns both "north of Baghdad" are still two), different dates, an incident of
    years ago, different causes only (a roadside bomb / a suicide car bomb), or
    different armed actors beside the counted group ("ISIS killed 4 civilians" /
    "the opposition killed 3 civilians").
    """
    sa, sb = ctx.setting(a), ctx.setting(b)
    if sa.historical or sb.historical:
        return False
    if sa.places and sb.places and (
        not sa.places & sb.places or (sa.primary and sb.primary and not sa.primary & sb.places and not sb.primary & sa.places)
    ):
        return False
    if sa.dates and sb.dates and not sa.dates & sb.dates:
        return False
    if sa.causes and sb.causes and not sa.causes & sb.causes:
        return False
    return not (sa.agents and sb.agents and not sa.agents & sb.agents)


def _describe_value(claim: Claim) -> str:
    if claim.low is not None and claim.high is not None:
        figure = f"{claim.low}-{claim.high}"
    elif claim.low is not None:
        figure = f"at least {claim.low}"
    elif claim.high is not None:
        figure = f"at most {claim.high}"
    else:
        figure = f"about {claim.value}" if claim.approximate else str(claim.value)
    return f"{figure} ({_who(claim)})"


def _whos(claims: list[Claim]) -> str:
    """"X (q3, q4), the outlet": each source once, with its quotes."""
    by_source: dict[str, list[str]] = {}
    for claim in claims:
        ids = by_source.setdefault(claim.source or "the outlet", [])
        if claim.quote_id and claim.quote_id not in ids:
            ids.append(claim.quote_id)
    return ", ".join(f"{who} ({', '.join(ids)})" if ids else who for who, ids in by_source.items())


def _who(claim: Claim) -> str:
    where = f", {claim.quote_id}" if claim.quote_id else ""
    return f"{claim.source or 'the outlet'}{where}"


def _clusters(pairs: Iterable[tuple[Claim, Claim]]) -> list[list[Claim]]:
    """Claims joined by any conflicting pair, in text order."""
    parent: dict[str, str] = {}
    by_id: dict[str, Claim] = {}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        for c in (a, b):
            by_id[c.id] = c
            parent.setdefault(c.id, c.id)
        parent[root(a.id)] = root(b.id)
    groups: dict[str, list[Claim]] = {}
    for cid, claim in by_id.items():
        groups.setdefault(root(cid), []).append(claim)
    return [sorted(g, key=lambda c: c.span.start) for g in groups.values()]


def _part_of_total(a: Claim, b: Claim, figures: list[Claim]) -> bool:
    """True when the smaller count and others of its group add up to the larger one.

    "Two soldiers killed" over "one soldier died in Salahuddin … one soldier was
    killed in Qadisiya": the headline sums the incidents, it does not dispute them.
    """
    big, small = (a, b) if (a.value or 0) > (b.value or 0) else (b, a)
    low, high = interval(big)
    family = _FAMILY.get(big.category, big.category)
    whole = big.subject is None or _parts(big.subject)[0] is None  # "80 fighters of both sides"
    parts = [
        c for c in figures
        if c is not big and c is not small and (c.value or 0) < high
        and _FAMILY.get(c.category, c.category) == family
        and (whole or same_group(c.subject, big.subject))
    ][:12]
    for size in range(1, 4):
        for combo in combinations(parts, size):
            if low <= (small.value or 0) + sum(c.value or 0 for c in combo) <= high:
                return True
    return False


def _rivals(ctx: _Context, a: Claim, b: Claim, figures: list[Claim]) -> bool:
    """Positive evidence that two counts are versions of one figure, not two incidents.

    Either the article has few counts of this kind (a one-incident report), or one
    of the two sentences speaks of a toll, a revision or "only" ("put the number of
    deaths at", "خفضت الحصيلة", "ثمانية جنود فقط"). Roundups of many incidents, whose
    small places the gazetteer may not know, would otherwise pair every two counts.
    """
    if ctx.near_toll(a.span) or ctx.near_toll(b.span):
        return True
    if a.subject in _GENERIC_GROUPS or b.subject in _GENERIC_GROUPS:
        return False  # "people" in a short report are still often two groups (Tuareg, Tebu)
    if a.category == "participants":
        return False  # armed men counted without a verb: strength, recruits, attackers …
    family = _FAMILY.get(a.category, a.category)
    values = {
        c.value for c in figures
        if _FAMILY.get(c.category, c.category) == family and not ctx.in_total(c.span)
    }
    return len(values) <= _FEW_COUNTS


def _figure_conflicts(ctx: _Context, claims: list[Claim]) -> list[Conflict]:
    figures = [c for c in claims if c.kind == "figure"]
    pairs: list[tuple[Claim, Claim]] = []
    same_source_pairs: set[tuple[str, str]] = set()
    for a, b in combinations(figures, 2):
        if _FAMILY.get(a.category, a.category) != _FAMILY.get(b.category, b.category):
            continue
        if not same_group(a.subject, b.subject):
            continue
        same = _source_key(a) == _source_key(b)
        if same and ctx.sentence_of(a.span) == ctx.sentence_of(b.span):
            continue  # "43 in the first blast, 7 in the second": one voice enumerating
        if same and (a.source is None or a.subject in _GENERIC_GROUPS or a.category == "participants"):
            continue  # the outlet updating its own toll, or a speaker's counts of "people"
        if ctx.in_total(a.span) != ctx.in_total(b.span):
            continue  # a running total and one incident's count
        if not _disjoint(a, b) or not _same_setting(ctx, a, b) or _part_of_total(a, b, figures):
            continue
        if not _rivals(ctx, a, b, figures):
            continue
        pairs.append((a, b))
        if same:
            same_source_pairs.add((a.id, b.id))
    out: list[Conflict] = []
    for group in _clusters(pairs):
        ids = {c.id for c in group}
        group_pairs = [(a, b) for a, b in pairs if a.id in ids]
        same_source = all((a.id, b.id) in same_source_pairs for a, b in group_pairs)
        subject = max((c.subject for c in group if c.subject), key=len, default=None)
        category = _FAMILY.get(group[0].category, group[0].category)
        confidence = 0.3 if same_source else (0.5 if subject in _GENERIC_GROUPS else 0.7)
        values = "; ".join(_describe_value(c) for c in group)
        out.append(Conflict(
            kind="figure",
            category=category,
            subject=subject,
            claims=tuple(group),
            description=f"{category} {subject or 'people'}: {values}",
            same_source=same_source,
            confidence=confidence,
        ))
    return out


def _compatible_subjects(a: str | None, b: str | None) -> bool:
    key_a, key_b = _subject_key(a), _subject_key(b)
    return key_a is None or key_b is None or key_a == key_b


def _fact_conflicts(ctx: _Context, claims: list[Claim]) -> list[Conflict]:
    negated = [c for c in claims if c.kind == "fact" and c.polarity == "negated"]
    affirmed = [c for c in claims if c.kind == "fact" and c.polarity == "affirmed"]
    affirmed += [
        c for c in claims
        if c.kind == "figure" and c.category in _AFFIRMED_BY_COUNT and (c.value or 0) > 0
    ]
    pairs: list[tuple[Claim, Claim]] = []
    for neg in negated:
        for aff in affirmed:
            predicate = _AFFIRMED_BY_COUNT.get(aff.category, aff.category) if aff.kind == "figure" else aff.category
            if predicate != neg.category or _source_key(neg) == _source_key(aff):
                continue
            if not _compatible_subjects(neg.subject, aff.subject) or not _same_setting(ctx, neg, aff):
                continue
            pairs.append((neg, aff))
    out: list[Conflict] = []
    for group in _clusters(pairs):
        denied = [c for c in group if c.kind == "fact" and c.polarity == "negated"]
        stated = [c for c in group if c not in denied]
        category = denied[0].category
        subject = next((c.subject for c in denied if c.subject), None) or next(
            (c.subject for c in stated if c.subject), None
        )
        description = (
            f"{category}{' (' + subject + ')' if subject else ''}: negated by "
            + _whos(denied)
            + "; affirmed by "
            + _whos(stated)
        )
        named = all(c.source for c in group)
        out.append(Conflict(
            kind="fact",
            category=category,
            subject=subject,
            claims=tuple(group),
            description=description,
            confidence=0.6 if named else 0.45,
        ))
    return out


def find_conflicts(result: Result, claims: tuple[Claim, ...]) -> tuple[Conflict, ...]:
    """Figure and fact conflicts among the claims of one document."""
    if not claims:
        return ()
    return _conflicts(_context(result), claims)


def _conflicts(ctx: _Context, claims: tuple[Claim, ...]) -> tuple[Conflict, ...]:
    listed = list(claims)
    return tuple(_figure_conflicts(ctx, listed) + _fact_conflicts(ctx, listed))


def add_claims(result: Result) -> Result:
    """The pipeline stage: claims and conflicts filled in (one analysis of the text for both)."""
    if result.normalized is None or not result.text:
        return result
    ctx = _context(result)
    claims = _claims(ctx)
    return result.with_(claims=claims, conflicts=_conflicts(ctx, claims) if claims else ())
