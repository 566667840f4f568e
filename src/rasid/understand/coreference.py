"""Back-references across an Arabic article: pronouns and nouns that stand for an actor named before.

Arabic reports name a group once and then carry on with words that need the
article to be read: the subject pronoun of reported speech ("وقالت هيئة تحرير
الشام إنها قتلت", "وأضافت أنها سيطرت" a sentence later) and definite generic
nouns ("القوات" after "قوات سوريا الديمقراطية"). The event coder reads actors
from a sentence's own mentions, so this stage adds a mention for each such word
that resolves, with the antecedent's canonical name (or its country template)
and the span of the word actually written. Rules, as data in ``coreference.tsv``:

- a pronoun ("إنها", "أنه", "إنهم") counts only as the subject of a finite verb
  right after it ("إنها قتلت", not the empty "إنه تم") and only inside the
  speech of a verb of saying earlier in its sentence; it stands for that verb's
  subject when an actor is (VSO "قالت الشرطة إنها", SVO "الشرطة قالت إنها"), or,
  when the verb has no subject of its own ("وأضافت أنها"), for the subject of
  the latest earlier verb of saying of the same gender (Arabic verbs agree with
  their subject, so "أضافت" continues "قالت الشرطة", never "قال الجيش");
- a definite noun names the nearest earlier actor, within its reach in
  sentences, whose name begins with the same head noun and whose ACLED inter
  code the noun allows; actor mentions the actors stage left unresolved
  ("الميليشيا" with no militia named) get the same chance.

Runs after the actors stage and before events (``requires`` normalized,
sentences, mentions, lang; ``provides`` mentions). Other languages pass through.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from rasid.model import Mention, Result, Span
from rasid.resources import read_table
from rasid.text.matcher import PhraseMatcher, words_between
from rasid.text.normalize import NormalizedText, normalize_key
from rasid.understand.actors import without_article

# ACLED inter codes of organisations that speak and act as one (not civilians: "قال السكان إنهم").
_ORGANISED = frozenset({1, 2, 3, 4, 5, 6, 8})
_SUBJECT_GAP = 3  # filler words allowed between a verb of saying and its subject
_SPEECH_REACH = 30  # words from a verb of saying to the pronoun of its reported clause
_CONTINUE_REACH = 3  # sentences over which "وأضافت أنها" continues an earlier speaker
_WORD_PROCLITICS = ("و", "ف", "ك")
_LONGEST_NAME = 200  # characters: no actor name is longer, so overlap checks look back no further
_CLAUSE_OPENERS = ".،,:؛;!?؟\n()-–—"
_SUBJECT_OPENERS = frozenset({"كان", "وكان", "قد", "وقد", "ان", "بينما", "فيما", "حيث"})
_COMPLEMENTIZERS = frozenset({"ان", "وان", "بان"})  # a "that" of its own: "أكدت أن طهران ...، وأنها"


@dataclass(frozen=True, slots=True)
class NounRule:
    """A definite noun that refers back, and which antecedents it accepts."""

    heads: frozenset[str]
    inter: frozenset[int]
    reach: int


@dataclass(frozen=True, slots=True)
class Rules:
    pronouns: dict[str, tuple[str, str]]  # normalised word -> (gender, number)
    speech: dict[str, str]  # normalised verb -> gender
    fillers: frozenset[str]
    impersonal: frozenset[str]
    nouns: dict[str, NounRule]  # normalised noun (definite) -> rule


@cache
def rules() -> Rules:
    """The tables of ``data/coreference.tsv``, normalised once per process."""
    pronouns: dict[str, tuple[str, str]] = {}
    speech: dict[str, str] = {}
    fillers: set[str] = set()
    impersonal: set[str] = set()
    nouns: dict[str, NounRule] = {}
    for row in read_table("coreference.tsv").rows:
        key = normalize_key(row["phrase"])
        kind = row["kind"]
        if kind == "pronoun":
            pronouns[key] = (row["gender"], row["number"])
        elif kind == "speech":
            speech[key] = row["gender"]
        elif kind == "filler":
            fillers.add(key)
        elif kind == "impersonal":
            impersonal.add(key)
        elif kind == "noun":
            heads = frozenset(without_article(normalize_key(h)) for h in row["heads"].split("|") if h.strip())
            inter = frozenset(int(i) for i in row["inter"].split("|") if i.strip().isdigit())
            nouns[key] = NounRule(heads, inter, int(row["reach"] or 1))
    return Rules(pronouns, speech, frozenset(fillers), frozenset(impersonal), nouns)


@cache
def _noun_matcher() -> PhraseMatcher[NounRule]:
    return PhraseMatcher(rules().nouns.items())


def _lookup(table: dict[str, Any], word: str) -> str | None:
    """The key of ``word`` in ``table``, itself or without one conjunction ("وقالت", "فإنها")."""
    if word in table:
        return word
    if word[:1] in _WORD_PROCLITICS and word[1:] in table:
        return word[1:]
    return None


def _inter(m: Mention) -> int | None:
    value = m.attrs.get("inter")
    return value if isinstance(value, int) else None


def _organised(m: Mention) -> bool:
    """An actor that can be a pronoun's antecedent: a named or country-bound organisation."""
    return (
        m.kind == "actor"
        and _inter(m) in _ORGANISED
        and bool(m.canonical or m.attrs.get("template"))
        and not m.attrs.get("demonym")
    )


def _finite_after(word: str, gender: str, number: str, impersonal: frozenset[str]) -> bool:
    """Whether ``word`` can be the finite verb of a pronoun subject of this gender and number.

    "إنها قتلت/تسيطر", "أنهم سيطروا/يسيطرون", "إنه قصف/يسيطر"; not "إنه تم" (the empty it)
    nor a noun ("أنه مسؤول": ة, or the article).
    """
    if word in impersonal or word.startswith("ال") or len(word) < 3:
        return False
    if number == "p":
        return word.endswith("وا") or (word.startswith(("ي", "سي")) and word.endswith("ون"))
    if gender == "f":
        return (word.endswith("ت") and not word.endswith("ات")) or (word.startswith("ت") and len(word) >= 4)
    return not word.endswith(("ه", "ت", "ين", "ون", "ات"))


class _Actors:
    """The article's actor mentions in text order, searched by bisection (linear in the article)."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.starts = [m.span.start for m in mentions]

    def starting_in(self, start: int, end: int) -> list[Mention]:
        return self.mentions[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def before(self, pos: int) -> Iterator[Mention]:
        """Mentions that start before ``pos``, nearest first."""
        for i in range(bisect_left(self.starts, pos) - 1, -1, -1):
            yield self.mentions[i]

    def overlapping(self, span: Span) -> bool:
        for m in self.before(span.end):
            if m.span.overlaps(span):
                return True
            if m.span.start < span.start - _LONGEST_NAME:
                return False
        return False


@dataclass(slots=True)
class _Speaker:
    gender: str
    mention: Mention
    sentence: int


def _copy(antecedent: Mention, span: Span, text: str, how: str) -> Mention:
    """A mention of the words ``span`` that names what ``antecedent`` names."""
    keep = ("actor_type", "inter", "country", "template", "by_country", "article_country", "generic")
    attrs: dict[str, Any] = {k: antecedent.attrs[k] for k in keep if k in antecedent.attrs}
    attrs.update(anaphor=True, antecedent=antecedent.span, named=False, alias=normalize_key(text), reference=how)
    return Mention("actor", span, text, antecedent.canonical, round(min(antecedent.confidence, 0.8), 3), attrs)


def resolve_references(result: Result) -> Result:
    """``result`` with actor mentions for the pronouns and nouns that refer back to an actor."""
    norm = result.normalized
    if norm is None or (result.document.lang or "ar") != "ar" or not result.sentences:
        return result
    found = sorted((m for m in result.mentions if m.kind == "actor"), key=lambda m: m.span.start)
    if not found:
        return result
    actors = _Actors(found)
    starts = [s.span.start for s in result.sentences]

    def sentence_of(pos: int) -> int:
        return max(0, bisect_right(starts, pos) - 1)

    added = _pronouns(norm, result, actors, sentence_of)
    added += _nouns(norm, actors, sentence_of)
    resolved = _unresolved(actors, sentence_of)
    if not added and not resolved:
        return result
    mentions = [resolved.get(id(m), m) for m in result.mentions] + added
    return result.with_(mentions=tuple(sorted(mentions, key=lambda m: (m.span.start, m.span.end))))


def _pronouns(
    norm: NormalizedText, result: Result, actors: _Actors, sentence_of: Any
) -> list[Mention]:
    table = rules()
    text = norm.text
    speakers: list[_Speaker] = []
    out: list[Mention] = []
    for index, sentence in enumerate(result.sentences):
        lo, hi = norm.from_original(sentence.span.start, sentence.span.end)
        words = words_between(text, lo, hi)
        verbs: list[tuple[int, str, Mention | None]] = []  # word index, gender, explicit subject
        joined: set[int] = set()  # ids of subjects with another joined by "و": "they"
        for i, (start, end, word) in enumerate(words):
            verb = _lookup(table.speech, word)
            if verb is not None:
                subject = _subject(norm, words, i, actors, table.fillers)
                if subject is not None and _coordinated(norm.original, subject, actors):
                    joined.add(id(subject))
                verbs.append((i, table.speech[verb], subject))
                if subject is not None:
                    speakers.append(_Speaker(table.speech[verb], subject, index))
                continue
            key = _lookup(table.pronouns, word)
            if key is None or i + 1 >= len(words):
                continue
            gender, number = table.pronouns[key]
            following = words[i + 1][2]
            if following in ("قد", "لقد") and i + 2 < len(words):
                following = words[i + 2][2]
            if not _finite_after(following, gender, number, table.impersonal):
                continue
            antecedent = _antecedent(words, i, gender, number, verbs, speakers, index, table.fillers, joined)
            if antecedent is None:
                continue
            span = norm.to_original(start, end, "expand")
            if actors.overlapping(span):
                continue
            out.append(_copy(antecedent, span, span.text_of(norm.original), "pronoun"))
    return out


def _subject(
    norm: NormalizedText, words: list[tuple[int, int, str]], verb: int, actors: _Actors, fillers: frozenset[str]
) -> Mention | None:
    """The organisation a verb of saying has as its subject: right after it, past a few fillers
    ("قالت الشرطة", "أعلنت اليوم هيئة ..."), or right before it ("الجيش قال")."""
    v_start, v_end, _ = words[verb]
    verb_span = norm.to_original(v_start, v_end, "expand")
    limit = verb + 1
    while limit < len(words) and limit - verb - 1 < _SUBJECT_GAP and words[limit][2] in fillers:
        limit += 1
    if limit < len(words):
        reach_end = norm.to_original(words[limit][0], words[limit][1], "expand").end
        for m in actors.starting_in(verb_span.end, reach_end):
            return m if _organised(m) else None
    last = next((m for m in actors.before(verb_span.start) if m.span.end <= verb_span.start), None)
    if last is not None and verb > 0:
        gap = norm.original[last.span.end : verb_span.start]
        opening = norm.original[max(0, last.span.start - 12) : last.span.start].strip(" \u00ab\u201c\"'")
        # "الجيش قال", "وكان «جيش العزة» قال": the subject opens its clause; in "مصادر مقربة من
        # الحوثيين قالت" it is a complement of another noun.
        opens = not opening or opening[-1] in _CLAUSE_OPENERS or normalize_key(opening.split()[-1]) in _SUBJECT_OPENERS
        if not gap.strip(" \u00bb\u201d\"'") and opens and _organised(last):
            return last
    return None


_PLURAL_HEADS = ("عناصر", "مقاتل", "مسلح", "جنود", "قوات", "فصايل", "وحدات", "كتايب")


def _coordinated(original: str, subject: Mention, actors: _Actors) -> bool:
    """Whether another actor follows the subject joined by "و" ("هيئة تحرير الشام" و"جيش النصر")."""
    after = next(iter(actors.starting_in(subject.span.end, subject.span.end + 7)), None)
    if after is None or after.span.start - subject.span.end > 6:
        return False
    gap = original[subject.span.end : after.span.start].strip(" \u00ab\u00bb\u201c\u201d\"'")
    return gap == "و" or (not gap and after.text.startswith("و"))


def _plural(subject: Mention) -> bool:
    """Whether an antecedent can be "they": a plural noun ("مقاتلو المعارضة", "الحوثيون") or
    one of several subjects joined by "و" ("قالت هيئة تحرير الشام وجيش النصر")."""
    head = _head(subject)
    return head.endswith(("ون", "ين")) or head.startswith(_PLURAL_HEADS)


def _antecedent(
    words: list[tuple[int, int, str]],
    at: int,
    gender: str,
    number: str,
    verbs: list[tuple[int, str, Mention | None]],
    speakers: list[_Speaker],
    index: int,
    fillers: frozenset[str],
    joined: set[int],
) -> Mention | None:
    """What the pronoun at word ``at`` stands for: the subject of the verb of saying that
    governs it, or the speaker that verb continues."""
    governing = verbs[-1] if verbs else None  # verbs come in text order, all before ``at``
    if governing is None or at - governing[0] > _SPEECH_REACH:
        return None
    position, verb_gender, subject = governing
    if number == "s" and verb_gender != gender:
        return None  # "قالت الشرطة إنه ...": the pronoun is someone else, or the empty "it"
    between = [w for _, _, w in words[position + 1 : at]]
    if any(w in _COMPLEMENTIZERS for w in between):
        return None  # the pronoun continues another reported clause, with a subject of its own
    if subject is not None:
        return subject if number == "s" or id(subject) in joined or _plural(subject) else None
    if any(w not in fillers and not (w.startswith("ل") and not w.startswith("ال")) for w in between):
        return None  # "قال مصدر أمني إنه": a subject that is no actor
    for s in reversed(speakers):
        if index - s.sentence > _CONTINUE_REACH:
            break
        if number == "p" or s.gender == gender:
            return s.mention
    return None


def _nouns(norm: NormalizedText, actors: _Actors, sentence_of: Any) -> list[Mention]:
    """Mentions for definite generic nouns ("القوات") where no actor mention covers the word."""
    out: list[Mention] = []
    for match in _noun_matcher().find(norm.text):
        span = match.span(norm)
        if actors.overlapping(span):
            continue
        following = norm.text[match.end : match.end + 40].split(maxsplit=1)
        if following and following[0].startswith("ال"):
            continue  # "القوات الحكومية", "القوات المشتركة": a qualified noun, not a back-reference
        antecedent = _nearest(match.value, span, actors, sentence_of)
        if antecedent is not None:
            out.append(_copy(antecedent, span, span.text_of(norm.original), "noun"))
    return out


def _unresolved(actors: _Actors, sentence_of: Any) -> dict[int, Mention]:
    """Anaphors the actors stage could not resolve ("الميليشيات"), resolved by the noun rules."""
    table = rules().nouns
    out: dict[int, Mention] = {}
    for m in actors.mentions:
        if not m.attrs.get("anaphor") or m.canonical or m.attrs.get("template"):
            continue
        key = str(m.attrs.get("alias", ""))
        rule = next((table[w] for w in reversed(key.split()) if w in table), None)
        if rule is None:
            continue
        antecedent = _nearest(rule, m.span, actors, sentence_of)
        if antecedent is not None:
            resolved = _copy(antecedent, m.span, m.text, "noun")
            out[id(m)] = resolved
    return out


def _head(m: Mention) -> str:
    """The first noun of an actor's name, without its article ("قوات" of "قوات سوريا الديمقراطية")."""
    words = str(m.attrs.get("alias") or normalize_key(m.text)).split()
    return without_article(words[0]) if words else ""


def _nearest(rule: NounRule, span: Span, actors: _Actors, sentence_of: Any) -> Mention | None:
    """The nearest earlier actor within the rule's reach whose head noun and inter code it accepts."""
    here = sentence_of(span.start)
    for m in actors.before(span.start):
        if m.span.end > span.start or m.attrs.get("anaphor"):
            continue
        if here - sentence_of(m.span.start) > rule.reach:
            break
        if not (m.canonical or m.attrs.get("template")) or m.attrs.get("demonym"):
            continue
        if rule.inter and _inter(m) not in rule.inter:
            continue
        if rule.heads and _head(m) not in rule.heads:
            continue
        return m
    return None
