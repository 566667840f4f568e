"""Non-events: denials, hypotheticals, forecasts, threats, demands, questions.

A trigger word does not make an event when the sentence says it did not
happen ("نفى وقوع اشتباكات", "no clashes"), might happen ("إذا", "if"), will
or may happen ("سوف", "threatened", "حذر"), is asked for ("طالب", "called
for") or asked about. A cue cancels the trigger that *follows* it within the
cue's window of words: "تظاهر المئات للمطالبة بالإفراج" is a protest whose
demand follows it, while "طالب بوقف القصف" reports no shelling.
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


def cancelling_cue(view: SentenceView, hit: TriggerHit) -> str | None:
    """Why ``hit`` is not an event, or None when nothing cancels it."""
    if view.is_question():
        return "question"
    clause = view.clause_of(hit.start)
    if any(c.cue == "generic" and abs(c.word - hit.word) <= 2 for c in view.cues):
        return "generic"  # "هجمات متكررة", "continued attacks": habitual violence, not one event
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
