"""Non-events: denials, hypotheticals, forecasts, threats, demands, questions.

A trigger word does not make an event when the sentence says it did not
happen ("نفى وقوع اشتباكات", "no clashes"), might happen ("إذا", "if"), will
or may happen ("سوف", "threatened", "حذر"), is asked for ("طالب", "called
for") or asked about. A cue cancels the trigger that *follows* it within the
cue's window of words: "تظاهر المئات للمطالبة بالإفراج" is a protest whose
demand follows it, while "طالب بوقف القصف" reports no shelling.

English background is no news either: a sentence whose own verb is the past
perfect ("The protesters had gathered ... after two activists were killed"),
unless a verb of reporting comes first ("police said gunmen had killed"); a
generic predicate ("Cross-border raids are fairly common"); "in the past".
"""

from __future__ import annotations

from rasid.coding.context import SentenceView, TriggerHit
from rasid.coding.lexicon import CANCELLING

# Cues whose window crosses clause punctuation (a denial governs its whole report).
_LONG_REACH = frozenset({"denial", "forecast", "demand", "hypothetical"})
# Kinds whose "attempt" (محاولة) means it did not happen.
_ATTEMPTABLE = frozenset({"territory", "enter", "transfer", "arrest", "abduct"})
# Agent nouns name who acted ("طالب المحتجون"): a demand before them is theirs, not a cancellation.
_AGENT_KINDS = frozenset({"protesters"})


# English words that report: "police said gunmen had killed ..." is news in reported speech.
_REPORTING = frozenset({
    "said", "says", "told", "tells", "announced", "reported", "confirmed", "added", "stated", "according",
    "claimed", "explained", "noted", "revealed", "disclosed", "insisted", "warned", "alleged",
})
# Copulas and adverbs that may stand between a plural event noun and its generic predicate.
_COPULA = frozenset({"are", "is", "were", "was", "remain", "remains", "have", "has", "been", "become", "becoming"})
_RELATIVE = frozenset({"who", "which", "that", "where", "when", "whom", "after", "before", "since"})
_NOT_AUXILIARY = frozenset({
    "to", "a", "an", "the", "no", "its", "their", "his", "her", "some", "many", "any", "more", "few", "one", "two",
    "three", "several", "dozens", "hundreds", "thousands", "links", "ties", "control",
})
_DEGREE = frozenset({"fairly", "very", "quite", "increasingly", "relatively", "rather", "so", "more", "less", "not", "un"})


def _english_background(view: SentenceView, hit: TriggerHit, clause: tuple[int, int]) -> str | None:
    """English background and generic statements, which report no event of the day.

    - past perfect ("The protesters had gathered ... after two activists were killed"):
      an English news sentence whose own verb is "had <participle>" tells what came
      before the news, so every trigger after that "had" is background; not when a
      verb of reporting comes first ("police said gunmen had killed four"): that is
      the news in reported speech;
    - a generic predicate ("Cross-border raids are fairly common", "attacks have
      become frequent"): the event noun is the subject of "be/become (degree) common";
    - "in the past", "for years", "historically" in the trigger's clause.
    """
    words = [w for _, _, w in view.words]
    # The trigger may be the subject of "had" ("The protesters had gathered"): up to 3 words after it.
    for i in range(min(len(words), hit.word + hit.n_words + 3)):
        if words[i] != "had" or i + 1 >= len(words) or words[i + 1] in _NOT_AUXILIARY or words[i + 1].isdigit():
            continue  # "had to", "had no", "had 20 members": not the past perfect
        if i == hit.word or any(w in _REPORTING for w in words[:i]):
            break
        if i > 0 and words[i - 1] in _RELATIVE and i < hit.word:
            continue  # "workers who had been laid off staged a protest": the relative clause is background
        if i > hit.word and (
            not clause[0] <= view.words[i][0] < clause[1] or any(w in _RELATIVE for w in words[hit.word : i])
        ):
            break  # "police who had fired": a relative clause, not the trigger's own verb
        return "past_perfect"
    end = hit.word + hit.n_words
    for c in view.cues:
        if c.cue == "generic" and 2 < c.word - end + 1 <= 5:
            between = words[end : c.word]
            if between and between[0] in _COPULA and all(w in _COPULA or w in _DEGREE for w in between):
                return "generic"
        if c.cue == "background" and (clause[0] <= c.start < clause[1] or c.end <= hit.start):
            if not clause[0] <= c.start < clause[1] and _in_relative_clause(view, c.start):
                continue  # "Activist X, who had led marches in the past, was killed": it describes X
            return "background"  # "raids ... in recent weeks, looting food": the period governs what follows
    return None


def _coordinated_with_generic(view: SentenceView, hit: TriggerHit) -> bool:
    """An English event noun joined by "and"/"or" (one modifier between) to an event noun that a
    generic cue governs ("cycle of attacks and reprisal killings")."""
    for t in view.triggers:
        end = t.word + t.n_words
        if t is hit or not 1 <= hit.word - end <= 2 or view.words[end][2] not in {"and", "or"}:
            continue
        if any(c.cue == "generic" and abs(c.word - t.word) <= 2 for c in view.cues):
            return True
    return False


_RELATIVE_PRONOUNS = frozenset({"who", "which", "whose", "whom"})


def _in_relative_clause(view: SentenceView, pos: int) -> bool:
    """Whether ``pos`` lies in a clause that opens on a relative pronoun (", who had led ...,"):
    a description of a noun, whose time words do not date the sentence's own verb."""
    start, end = view.clause_of(pos)
    first = next((w for s, _, w in view.words if start <= s < end), "")
    return first in _RELATIVE_PRONOUNS


def _acronym(view: SentenceView, start: int, end: int) -> bool:
    """A cue word written in capitals ("IS", "AND") names a group, it is not the word."""
    span = view.original(start, end)
    word = view.norm.original[span.start : span.end]
    return len(word) > 1 and word.isupper()


def cancelling_cue(view: SentenceView, hit: TriggerHit) -> str | None:
    """Why ``hit`` is not an event, or None when nothing cancels it."""
    if view.is_question():
        return "question"
    clause = view.clause_of(hit.start)
    if any(c.cue == "generic" and abs(c.word - hit.word) <= 2 for c in view.cues):
        return "generic"  # "هجمات متكررة", "continued attacks": habitual violence, not one event
    if hit.entry.lang == "en" and _coordinated_with_generic(view, hit):
        return "generic"  # "a cycle of attacks and reprisal killings": the cycle governs both nouns
    if hit.entry.lang == "en":
        why = _english_background(view, hit, clause)
        if why is not None:
            return why
    if hit.entry.kind == "protest" and any(
        c.cue == "descriptor" and 0 <= hit.word - (c.word + c.n_words) <= 1 for c in view.cues
    ):
        return "descriptor"  # "ناشط في المظاهرات": a person described, not a protest reported
    if any(c.cue == "cumulative" and clause[0] <= c.start < clause[1] for c in view.cues):
        return "cumulative"  # "killed 15,000 since 2009", "a total of 109 this year": a tally, not one event
    for c in view.cues:
        if c.cue in {"no_fight", "prisoner"} and c.start <= hit.start < c.end:
            return "negation"  # "دون مواجهات", "without a fight", "تسليم أنفسهم" (surrender)
    for cue in view.cues:
        if cue.cue not in CANCELLING or cue.cue == "question":
            continue
        if cue.start >= hit.start or cue.end > hit.start:
            continue
        if hit.entry.lang == "en" and _acronym(view, cue.start, cue.end):
            continue  # "IS militants attacked": the Islamic State, not "is"
        gap = hit.word - (cue.word + cue.n_words)
        if gap < 0 or gap >= max(cue.window, 1):
            continue
        if cue.cue not in _LONG_REACH and not clause[0] <= cue.start < clause[1]:
            continue
        if hit.entry.kind in _AGENT_KINDS and cue.cue in {"demand", "forecast"}:
            continue
        if cue.cue == "attempt" and hit.entry.kind not in _ATTEMPTABLE:
            continue  # an assassination attempt is an attack; an attempt to take a town is not a capture
        return cue.cue
    if view.has_cue("question") and view.cues_of("question")[0].word <= 1:
        return "question"
    return None
