"""One sentence as event coding sees it: words, triggers, cues and clauses.

Everything here is in *normalised* offsets (``result.normalized.text``);
:meth:`SentenceView.original` maps back to the article's characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rasid.coding.lexicon import CueEntry, TriggerEntry, cue_matcher, trigger_matcher
from rasid.model import Sentence, Span
from rasid.text.matcher import words_between
from rasid.text.normalize import NormalizedText

# Clause punctuation: Arabic comma/semicolon, Latin ones (not inside numbers), colon, dashes.
_CLAUSE_BREAK = re.compile(r"[،؛;:]|,(?!\d)|\s[-–—]\s|\(|\)")


@dataclass(frozen=True, slots=True)
class Hit:
    """A trigger or cue found in a sentence."""

    start: int
    end: int
    word: int  # index of its first word in the sentence's word list
    n_words: int


@dataclass(frozen=True, slots=True)
class TriggerHit(Hit):
    entry: TriggerEntry


@dataclass(frozen=True, slots=True)
class CueHit(Hit):
    cue: str
    window: int


@dataclass(slots=True)
class SentenceView:
    norm: NormalizedText
    sentence: Sentence
    start: int  # normalised span of the sentence
    end: int
    words: list[tuple[int, int, str]]
    clauses: list[tuple[int, int]]  # normalised clause spans, in order
    triggers: list[TriggerHit] = field(default_factory=list)
    cues: list[CueHit] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.norm.text[self.start : self.end]

    def original(self, start: int, end: int) -> Span:
        return self.norm.to_original(start, end, "expand")

    def clause_of(self, pos: int) -> tuple[int, int]:
        for start, end in self.clauses:
            if start <= pos < end:
                return start, end
        return self.start, self.end

    def cues_of(self, kind: str) -> list[CueHit]:
        return [c for c in self.cues if c.cue == kind]

    def has_cue(self, kind: str) -> bool:
        return any(c.cue == kind for c in self.cues)

    def marker_ends(self, kind: str) -> list[int]:
        """Original end offsets of the cues of one kind (agent/target markers)."""
        return [self.original(c.start, c.end).end for c in self.cues if c.cue == kind]

    def object_trigger_ends(self) -> list[int]:
        """Ends of triggers that end in a preposition ("القبض على", "سيطر على"): their object follows."""
        return [
            self.original(t.start, t.end).end
            for t in self.triggers
            if self.norm.text[t.start : t.end].endswith((" علي", " on", " of"))
        ]

    def finite_verb_triggers(self) -> list[Span]:
        """Original spans of Arabic triggers whose first word is a finite verb.

        A finite verb has its subject right after it ("قصفت الطائرات", VSO) or right
        before it ("الجيش يقصف"), so the actor there is the agent, not the target;
        a verbal noun ("قصف القوات", "مقتل عنصر") says nothing of the kind.
        """
        return [
            self.original(t.start, t.end)
            for t in self.triggers
            if t.entry.lang == "ar" and is_finite_verb(self.norm.text[t.start : t.end].split(" ", 1)[0])
        ]

    def is_question(self) -> bool:
        return self.text.rstrip().endswith(("?", "؟"))


def is_finite_verb(word: str) -> bool:
    """Whether a normalised Arabic word is unambiguously a finite verb.

    Only forms a noun cannot take count: the imperfect prefix ي (يقصف، يهاجمون) or تت
    (تتعدى، تتواصل), and the perfect's feminine ت or plural وا (قصفت، هاجموا), not the plural
    ات of nouns (هجمات); a bare masculine perfect (قصف) is also a noun.
    """
    if word[:1] in ("و", "ف") and len(word) > 4:
        word = word[1:]
    if len(word) < 3 or word.startswith("ال"):
        return False
    if word.startswith("ي") and len(word) >= 4:
        return True
    if word.startswith("تت") and len(word) >= 5:
        return True  # the imperfect's ت before a form V/VI stem ("تتعدى", "تتقدم"): no noun begins so
    if word.endswith("وا") and len(word) >= 5:
        return True
    return word.endswith("ت") and not word.endswith("ات")


# A short aside in brackets ("وكالة الأنباء اليمنية (سبأ)", "(PKK)") names or glosses the word
# before it; it does not end the clause it stands in.
_SHORT_ASIDE = re.compile(r"\(\s*+[^()\s]++(?:\s++[^()\s]++){0,2}\s*+\)")


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = start
    asides = {i for m in _SHORT_ASIDE.finditer(text, start, end) for i in (m.start(), m.end() - 1)}
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        if m.start() in asides:
            continue
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if end > pos:
        out.append((pos, end))
    return out or [(start, end)]


def view_sentence(norm: NormalizedText, sentence: Sentence) -> SentenceView:
    """Find the triggers and cues of one sentence."""
    start, end = norm.from_original(sentence.span.start, sentence.span.end)
    text = norm.text
    words = words_between(text, start, end)
    view = SentenceView(norm, sentence, start, end, words, _clauses(text, start, end))
    for m in trigger_matcher().find_in_words(text, words):
        view.triggers.append(TriggerHit(m.start, m.end, m.first_word, m.n_words, m.values[0]))
    if not view.triggers:
        return view  # cues only qualify triggers: a sentence without any needs none
    for c in cue_matcher().find_in_words(text, words):
        for value in c.values:
            view.cues.append(CueHit(c.start, c.end, c.first_word, c.n_words, value.cue, value.window))
    return view


__all__ = [
    "CueEntry", "CueHit", "Hit", "SentenceView", "TriggerEntry", "TriggerHit", "is_finite_verb", "view_sentence",
]
