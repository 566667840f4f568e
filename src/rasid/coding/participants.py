"""Who took part in an Arabic protest: the words actor1's span should show.

ACLED codes an unnamed crowd as "Protesters (country)", but the span an
extractor points to is its evidence and should name the people who protested,
not the word for the protest ("تظاهرة", "المتظاهرون"). Arabic grammar gives
them in a few fixed places, tried in this order:

1. the antecedent of a relative pronoun right before the protest verb
   ("العلمانيين الذين تظاهروا");
2. the organiser after a protest noun ("مظاهرة نظمها حزب ...", "دعا إليها");
3. the complement of a count in the protest's clause, nearest first
   ("تظاهر مئات الأشخاص", "الآلاف من النيباليين خرجوا", "أكثر من ألف شخص");
4. the construct complement of an indefinite protest word, or the subject of a
   protest verb ("مظاهرات العمال", "تجمع العمال", "العمال تجمعوا").

The word lists live in ``data/protest_participants.tsv``.
"""

from __future__ import annotations

from functools import cache

from rasid.coding.arguments import actor_category
from rasid.coding.context import SentenceView, TriggerHit, is_finite_verb
from rasid.model import Result, Span
from rasid.resources import read_table
from rasid.text.normalize import normalize

PROTEST_KINDS = frozenset({"protest", "protesters"})
_QUANTIFIER_REACH = 8  # words between a count and the protest word it goes with
_ORGANISER_REACH = 3  # words between a protest noun and "نظمها"
_RELATIVE_REACH = 4  # words between "الذين" and the protest word ("الذين خرجوا الى الشوارع للاحتجاج")
_TRANSPARENT = frozenset(" \t\n»”")  # a closing quote mark may end a quoted name inside the phrase


@cache
def _lexicon() -> dict[str, frozenset[tuple[str, ...]]]:
    """Role → normalised phrases (word tuples) from ``protest_participants.tsv``."""
    roles: dict[str, set[tuple[str, ...]]] = {}
    for row in read_table("protest_participants.tsv").rows:
        roles.setdefault(row["role"], set()).add(tuple(normalize(row["phrase"]).text.split()))
    return {role: frozenset(phrases) for role, phrases in roles.items()}


@cache
def _words(role: str) -> frozenset[str]:
    """The one-word phrases of a role."""
    return frozenset(p[0] for p in _lexicon().get(role, frozenset()) if len(p) == 1)


def _bare(word: str) -> str:
    """The word without a conjunction (و/ف) glued to it."""
    return word[1:] if word[:1] in ("و", "ف") and len(word) > 3 else word


class _Sentence:
    """The sentence's words with the tests the rules share."""

    def __init__(self, result: Result, view: SentenceView) -> None:
        self.view = view
        self.text = view.norm.text
        self.words = view.words
        self.stops = {c.word for c in view.cues if c.cue == "phrase_end"}
        self.events = {i for t in view.triggers if t.entry.kind not in PROTEST_KINDS for i in range(t.word, t.word + t.n_words)}
        self.contrasts = {
            i + len(p) - 1 for i in range(len(self.words)) for p in _lexicon().get("contrast", ()) if self.matches(i, p)
        }
        self.protest_words = {
            i for t in view.triggers if t.entry.kind == "protest" for i in range(t.word, t.word + t.n_words)
        }
        sentence = view.sentence.span
        self.forces = [
            m.span for m in result.mentions
            if m.kind == "actor" and m.span.overlaps(sentence) and actor_category(m.canonical or None, m) == "state"
        ]
        self.crowd_nouns = {t.word for t in view.triggers if t.entry.kind == "protesters"}
        self.places = [m.span for m in result.mentions if m.kind == "place" and m.span.overlaps(view.sentence.span)]

    def definite(self, i: int) -> bool:
        """The article, bare or after a preposition ("الإضراب", "للإضراب", "بالمظاهرة")."""
        word = self.word(i)
        return word.startswith(("ال", "بال", "كال")) or (word.startswith("لل") and len(word) > 4)

    def word(self, i: int) -> str:
        return _bare(self.words[i][2])

    def broken(self, i: int) -> bool:
        """Punctuation (other than quote marks) between word ``i - 1`` and word ``i``."""
        gap = self.text[self.words[i - 1][1] : self.words[i][0]]
        return any(ch not in _TRANSPARENT for ch in gap)

    def is_place(self, i: int) -> bool:
        span = self.view.original(self.words[i][0], self.words[i][1])
        return any(p.overlaps(span) for p in self.places)

    def closes(self, i: int) -> bool:
        """Whether word ``i`` cannot be part of a noun phrase naming people."""
        word = self.word(i)
        return (
            i in self.stops or i in self.events or is_finite_verb(self.words[i][2]) or word.lstrip("وف").isdigit()
            or word in _words("boundary") or word in _words("relative") or word in _words("quantifier")
        )

    def head_ok(self, i: int) -> bool:
        """Whether word ``i`` can open the phrase naming the crowd."""
        return (
            not self.closes(i) and i not in self.protest_words and self.word(i) not in _words("not_people")
            and not self.is_place(i) and not self.is_force(i)
        )

    def is_force(self, i: int) -> bool:
        """Whether word ``i`` names state forces ("قوات الأمن"): they police a protest, never join it."""
        span = self.view.original(self.words[i][0], self.words[i][1])
        return any(f.overlaps(span) for f in self.forces)

    def phrase(self, first: int, clause: tuple[int, int], limit: int) -> list[int]:
        """Up to ``limit`` words from ``first`` on, stopping at the clause's end or a closing word."""
        out: list[int] = []
        for i in range(first, len(self.words)):
            if self.words[i][0] >= clause[1] or self.closes(i) or self.is_place(i) or i in self.protest_words:
                break
            if out and (self.broken(i) or (self.definite(out[-1]) and not self.definite(i))):
                break  # after a definite noun only its definite adjectives follow ("المتظاهرين القادمين")
            out.append(i)
            word = self.word(i)
            if len(out) == limit or (not self.definite(i) and word.endswith("ا") and len(word) > 3):
                break  # an accusative count noun ("عشرين متظاهرا") stands alone
        return out

    def phrase_before(self, last: int, clause: tuple[int, int], limit: int) -> list[int]:
        """Up to ``limit`` words ending at ``last``, going back inside the clause."""
        out: list[int] = []
        for i in range(last, -1, -1):
            if self.words[i][0] < clause[0] or self.closes(i) or (out and self.broken(i + 1)):
                break
            out.insert(0, i)
            if len(out) == limit:
                break
        return out

    def matches(self, i: int, phrase: tuple[str, ...]) -> bool:
        if i + len(phrase) > len(self.words):
            return False
        return all(self.word(i + k) == w or self.words[i + k][2] == w for k, w in enumerate(phrase))


def _relative_antecedent(s: _Sentence, hit: TriggerHit, clause: tuple[int, int]) -> list[int]:
    """"العلمانيين الذين تظاهروا", "السكان ... الذين خرجوا للاحتجاج": the noun phrase
    a relative pronoun a few words before the protest word stands for."""
    for r in range(hit.word - 1, max(-1, hit.word - 1 - _RELATIVE_REACH - 1), -1):
        if s.words[r][0] < clause[0]:
            return []
        if s.word(r) in _words("relative"):
            break
    else:
        return []
    last = r - 1
    if last < 0 or s.words[last][0] < clause[0]:
        return []
    # "السكان المحليين في مدينة بلد وين الذين": the antecedent comes before the place phrase.
    for k in range(r - 1, max(-1, r - 6), -1) if s.is_place(r - 1) else ():
        if s.words[k][0] < clause[0]:
            break
        if s.word(k) in _words("place_preposition"):
            last = k - 1
            break
    if last < 0 or s.words[last][0] < clause[0] or not s.head_ok(last):
        return []
    return s.phrase_before(last, clause, 2)


def _organiser(s: _Sentence, protest_words: list[int], clause: tuple[int, int]) -> list[int]:
    """"مظاهرة نظمها حزب البعث": the organiser named right after a protest noun."""
    for end in protest_words:
        for o in range(end + 1, min(len(s.words), end + 1 + _ORGANISER_REACH)):
            if s.words[o][0] >= clause[1]:
                break
            phrase = next((p for p in _lexicon().get("organiser", ()) if s.matches(o, p)), None)
            if phrase is None:
                continue
            first = o + len(phrase)
            if first < len(s.words) and s.head_ok(first) and not s.broken(first):
                return s.phrase(first, clause, 4)
    return []


def _counted_crowd(
    s: _Sentence, hit: TriggerHit, clause: tuple[int, int], digits: bool, reach: int = _QUANTIFIER_REACH
) -> list[int]:
    """"تظاهر مئات الأشخاص", "الآلاف من النيباليين": the complement of the count nearest the protest word.

    ``digits``: whether a number in figures counts too (only in the protest's own clause:
    elsewhere "62 عاما" is an age, "200 كلم" a distance)."""
    found: list[tuple[int, list[int]]] = []
    trigger = range(hit.word, hit.word + hit.n_words)
    i = 0
    while i < len(s.words):
        start = s.words[i][0]
        word = s.word(i)
        of_only = word in _words("quantifier_of") and i + 1 < len(s.words) and s.words[i + 1][2] == "من"
        counts = word in _words("quantifier") or of_only or (digits and word.isdigit())
        if not clause[0] <= start < clause[1] or i in trigger or not counts:
            i += 1
            continue
        j = i + 1
        while j < len(s.words) and (s.word(j) in _words("quantifier") or s.word(j).isdigit()) and not s.broken(j):
            j += 1  # "مئات الآلاف", "ستة آلاف", "1.5 مليون"
        if j < len(s.words) and s.words[j][2] == "من" and not s.broken(j):
            j += 1  # "الآلاف من", "عدد من"
        if j < len(s.words) and not s.broken(j) and s.words[j][0] < clause[1] and s.head_ok(j):
            words = s.phrase(j, clause, 3)
            if words:
                distance = min(abs(i - hit.word), abs(words[-1] - hit.word))
                if distance <= reach:
                    found.append((distance, words))
        i = j
    return min(found, key=lambda pair: pair[0])[1] if found else []


def _subject(s: _Sentence, hit: TriggerHit, clause: tuple[int, int]) -> list[int]:
    """"مظاهرات العمال", "تجمع العمال" (an indefinite protest word and its definite complement
    or subject), or "العمال تجمعوا" (a definite subject before the protest verb)."""
    if s.definite(hit.word) or hit.n_words != 1:
        return []  # "المظاهرات الطلابية": a definite noun is followed by its adjective
    after = hit.word + 1
    if after < len(s.words) and s.words[after][0] < clause[1] and not s.broken(after):
        if s.definite(after) and s.head_ok(after):
            return s.phrase(after, clause, 2)
        if after in s.crowd_nouns:
            return [after]  # "تجمع متظاهرون أمام ...": the verb's subject is a word for protesters
    before = hit.word - 1
    if (
        is_finite_verb(s.words[hit.word][2]) and before >= 0 and s.words[before][0] >= clause[0]
        and not s.broken(hit.word) and s.definite(before) and s.head_ok(before)
    ):
        return [before]
    return []


def protest_participants(result: Result, view: SentenceView, hit: TriggerHit) -> Span | None:
    """The original span naming who took part in the protest ``hit`` reports, or None."""
    if hit.entry.lang != "ar":
        return None
    s = _Sentence(result, view)
    protests = [t for t in view.triggers if t.entry.kind in PROTEST_KINDS]
    ordered = sorted(protests, key=lambda t: (t is not hit, abs(t.word - hit.word)))
    seen: set[tuple[int, int]] = set()
    for trigger in ordered:
        clause = view.clause_of(trigger.start)
        if clause in seen:
            continue
        seen.add(clause)
        own = [t.word + t.n_words - 1 for t in protests if clause[0] <= t.start < clause[1]]
        words = (
            _relative_antecedent(s, trigger, clause) or _organiser(s, own, clause)
            or _counted_crowd(s, trigger, clause, trigger is hit) or _subject(s, trigger, clause)
        )
        if not words and trigger.entry.kind == "protesters" and s.definite(trigger.word):
            # "... الآلاف من X خرجوا ...، وكان المتظاهرون": a definite word for the
            # protesters refers back to the crowd counted earlier in the sentence.
            since = max([view.start, *(view.words[i][1] for i in s.contrasts if view.words[i][1] <= trigger.start)])
            words = _counted_crowd(s, trigger, (since, trigger.start), digits=False, reach=len(s.words))
        if words:
            return view.original(s.words[words[0]][0], s.words[words[-1]][1])
    return None
