"""Quotes: direct and reported speech, with cue, speaker and role.

The scan runs over the normalised text (one kind of quote mark, folded
letters), in three passes: direct quotes between quote marks, attached to a
cue before or after them; reported speech after a cue verb and its
complementiser (قال … إن / said that); attribution phrases (بحسب X /
according to X) that attribute the clause they modify. Speakers are then
resolved in text order (dropped subjects, pronouns, descriptions and
surnames point back to the speaker first named; see :mod:`speakers`).
Sentences from the splitter are not used: a quote may run over several.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from rasid.model import Mention, Quote, QuoteKind, Sentence
from rasid.resources import read_table
from rasid.text.matcher import PhraseMatcher
from rasid.text.normalize import NormalizedText, normalize_key
from rasid.understand.speakers import (
    Entity,
    SpeakerPhrase,
    function_words,
    guess_feminine,
    is_role_word,
    key_words,
    lexicon,
    parse_arabic,
    parse_english,
    strip_article,
    words,
)


@dataclass(frozen=True, slots=True)
class CueInfo:
    frame: str  # that | obj | direct | attrib | exclude
    tense: str  # past | present | participle | attrib
    feminine: bool = False
    family: str = ""


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    info: CueInfo
    clitic: str = ""

    @property
    def word_start(self) -> int:
        """Where the written word begins, proclitic included ("وبحسب", not "حسب")."""
        return self.start - len(self.clitic)


@dataclass(slots=True)
class Raw:
    """A quote before speaker resolution (normalised offsets)."""

    content: tuple[int, int]
    kind: QuoteKind
    cue: Cue | None
    speaker: SpeakerPhrase | None
    dropped: bool  # subject dropped or a pronoun: refers back
    order: int
    register_only: bool = False


def _arabic_forms(past: str, present: str, participle: str) -> list[tuple[str, str, bool]]:
    """Inflect one Arabic reporting verb: past/present/participle, masculine/feminine/plural."""
    out: list[tuple[str, str, bool]] = []
    p = normalize_key(past)
    if p:
        stem = p[:-1] if p.endswith(("ي", "ا")) else p
        out += [(p, "past", False), (stem + "ت", "past", True), (stem + "وا", "past", False)]
    pr = normalize_key(present)
    if pr:
        out += [(pr, "present", False), ("ت" + pr[1:], "present", True)]
        out.append(((pr[:-1] if pr.endswith("ي") else pr) + "ون", "present", False))
    pa = normalize_key(participle)
    if pa:
        base = pa[:-1] if pa.endswith("ا") else pa
        # The plural (مضيفين) is left out: متهمين, مطالبين … are far more often nouns.
        out += [(pa, "participle", False), (base + "ه", "participle", True)]
    return out


@cache
def cue_matcher(lang: str) -> PhraseMatcher[CueInfo]:
    """All cue forms of one language from ``quote_cues.tsv``, generated once."""
    lang = "en" if lang == "en" else "ar"
    phrases: list[tuple[str, CueInfo]] = []
    rows = [r for r in read_table("quote_cues.tsv").rows if r["lang"] == lang]
    # "حسبما أفاد", "على ما قالت", "بحسب ما أفادت به": prefix + a past form of a clause verb.
    pasts = [form for r in rows if r["frame"] == "that" and r["past"]
             for form, tense, _ in _arabic_forms(r["past"], "", "") if tense == "past" and not form.endswith("وا")]
    for row in rows:
        if row["frame"] == "attrib_ma":
            for past in pasts:
                for tail in ("", " به", " بها"):
                    phrases.append((f"{row['past']} {past}{tail}", CueInfo("attrib", "attrib", False, "according")))
    for row in rows:
        frame = row["frame"]
        if frame == "attrib_ma":
            continue
        if frame in {"attrib", "exclude"}:
            phrases.append((row["past"], CueInfo(frame, "attrib", False, row["family"])))
        elif lang == "ar":
            for form, tense, fem in _arabic_forms(row["past"], row["present"], row["participle"]):
                phrases.append((form, CueInfo(frame, tense, fem, row["family"])))
        else:
            for col, tense in (("past", "past"), ("present", "present"), ("participle", "participle")):
                if row[col]:
                    phrases.append((row[col], CueInfo(frame, tense, False, row["family"])))
    # Longer phrases first so that "بحسب ما أفاد به" wins over "بحسب".
    return PhraseMatcher(sorted(phrases, key=lambda p: -len(p[0])), allow_clitics=(lang == "ar"))


_COMP_AR = re.compile(
    r"(?<![^\W_])(?:(?:الي|علي|من) ان(?:ه|ها|هم)?|[وف]?ب?ان(?:ه|ها|هم|هما|نا)?)(?![^\W_])\s*:?"
)
_COMP_EN = re.compile(r"(?<![^\W_])that(?![^\W_])")
_ADVERBIAL_EN = re.compile(  # possessive \s*+: "\s*,?\s*" backtracked cubically on a run of spaces
    r"(?:\s*+(?:,\s*+)?(?:in a (?:written |brief )?statement(?: [a-z]+ on [a-z]+)?|in an? (?:interview|post|message|tweet)"
    r"|on (?:the )?condition of anonymity|by (?:tele)?phone(?: from [a-z' -]+?(?=,| that|$))?"
    r"|on (?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|yesterday|today|earlier|on [a-z]+ \d+|late [a-z]+|also))*"
)
_COLON_AR = re.compile(r"[^:،,«»\"]{0,80}?:\s*(?=[^\s«\"])")  # "وقال X: …", matched in place
MAX_CLAUSE_CHARS = 600  # the longest clause a speaker is looked for in (real ones: under 300)
_MARK_OR_BREAK = re.compile(r"[«»\"\n]")
_SPLIT_AR = re.compile(r"[،,]\s*(?=و?ب?ان(?:ه|ها|هم)?\s)")
_SPLIT_EN = re.compile(r",\s*(?:adding|saying|he said|she said)\b|\s+and (?:said|added|told)\b|;\s")


class _Scanner:
    """State for one document: normalised text, sentence breaks, quote marks, cues."""

    def __init__(self, norm: NormalizedText, lang: str, mentions: tuple[Mention, ...]) -> None:
        self.norm = norm
        self.t = norm.text
        self.lang = "en" if lang == "en" else "ar"
        self.mentions = mentions
        self.breaks = self._sentence_breaks()
        self.pairs = self._quote_pairs()
        self.long_pairs = [(o, c) for o, c in self.pairs if self.n_words(o, c) >= 4]
        # A verb takes only the conjunctions و/ف: "بالذكر" is a noun, not the verb ذكر.
        self.cues = [
            _with_clitic(Cue(m.start, m.end, m.value, m.clitic))
            for m in cue_matcher(self.lang).find(self.t)
            if m.value.frame != "exclude" and (m.value.frame == "attrib" or m.clitic in {"", "و", "ف"})
        ]
        self.cue_starts = [c.start for c in self.cues]
        self.original_words = self._original_words()
        self.consumed: set[int] = set()  # cue starts that are part of another cue's speaker phrase

    # -- text structure -------------------------------------------------
    def _sentence_breaks(self) -> list[int]:
        t = self.t
        out = [0]
        # Only at the start of a run of stops: "[.!?]+" tried from every dot of a long run is quadratic.
        for m in re.finditer(r"(?<![.!?؟])[.!?؟]++(?=[\s«»\"]|$)|\n", t):
            if m.group().startswith("."):
                before = re.search(r"([^\W_]+(?:\.[^\W_]+)*)$", t[max(0, m.start() - 40) : m.start()])
                if before and (before.group(1).lower() in function_words("abbreviation") or len(before.group(1)) == 1):
                    continue
            out.append(m.end())
        out.append(len(t))
        return sorted(set(out))

    def sentence_start(self, pos: int) -> int:
        return self.breaks[bisect_right(self.breaks, pos) - 1]

    def sentence_end(self, pos: int) -> int:
        i = bisect_right(self.breaks, pos)
        end = self.breaks[i] if i < len(self.breaks) else len(self.t)
        return end

    def _quote_pairs(self) -> list[tuple[int, int]]:
        """Outermost (open, close) quote-mark pairs; a quote left open at a paragraph's end
        continues when the next paragraph opens with a quote mark (news convention)."""
        t = self.t
        stack: list[int] = []
        pairs: list[tuple[int, int]] = []
        # Only quote marks and line breaks matter: visit those, not every character.
        for mark in _MARK_OR_BREAK.finditer(t):
            i = mark.start()
            ch = t[i]
            if ch not in "«»\"":
                if ch == "\n" and stack:
                    j = i
                    while j < len(t) and t[j] in " \n":
                        j += 1
                    if j < len(t) and t[j] in "«\"" and len(stack) == 1:
                        pairs.append((stack.pop(), i))
                    stack.clear()  # otherwise an unclosed mark ends with its paragraph
                continue
            prev = t[i - 1] if i else " "
            nxt = t[i + 1] if i + 1 < len(t) else " "
            glued = prev.isspace() or prev in "(-–/:،," or (
                i >= 2 and prev in "لبو" and (t[i - 2].isspace() or i == 1)
            )
            if ch == "«":
                is_open = True
            elif ch == "»":
                # Some writers open with the closing mark: ' لـ”قسد”' or ' ” أن …”'.
                is_open = glued and (nxt.isalnum() or (not stack and nxt.isspace()))
            else:  # a straight mark closes the last straight mark, else opens
                is_open = not (stack and t[stack[-1]] == '"') and not nxt.isspace()
            if is_open:
                stack.append(i)
            elif stack:
                pairs.append((stack.pop(), i))
        pairs.sort()
        outer: list[tuple[int, int]] = []
        for p in pairs:
            if outer and outer[-1][0] < p[0] and p[1] < outer[-1][1]:
                continue
            outer.append(p)
        return outer

    def _original_words(self) -> list[tuple[int, int, str]]:
        """Words of the normalised text with their original capitalisation (English names)."""
        if self.lang != "en":
            return []
        out = []
        for s, e, w in words(self.t, 0, len(self.t)):
            o = self.norm.to_original(s, e, "expand")
            out.append((s, e, self.norm.original[o.start : o.end] if len(o) == len(w) else w))
        return out

    def cues_in(self, start: int, end: int) -> list[Cue]:
        """Cues whose match starts in ``[start, end)`` (bisect: documents may be long)."""
        return self.cues[bisect_left(self.cue_starts, start) : bisect_left(self.cue_starts, end)]

    def n_words(self, start: int, end: int) -> int:
        return len(words(self.t, start, end))

    def inside_pair(self, pos: int) -> bool:
        """Inside a quotation of four words or more (a cue there is the speaker's, not ours)."""
        i = bisect_left(self.long_pairs, (pos, -1)) - 1  # outermost pairs do not overlap
        return i >= 0 and self.long_pairs[i][0] < pos < self.long_pairs[i][1]

    def negated(self, cue: Cue) -> bool:
        """Negated ("لم يذكر"), relative ("ما أعلنته"), passive ("been reported") or a name ("Said")."""
        before = words(self.t, max(0, cue.word_start - 20), cue.word_start)
        if self.lang == "en":
            o = self.norm.to_original(cue.start, cue.start + 1, "expand")
            if self.norm.original[o.start : o.end].isupper():
                return True
        if before and self.t[before[-1][1] : cue.word_start].strip():
            return False
        return bool(before) and before[-1][2] in function_words("negation") | function_words("not_report_before")

    def clause_start(self, pos: int) -> int:
        s = self.sentence_start(pos)
        # A clause longer than MAX_CLAUSE_CHARS holds no speaker a cue could take: stop looking,
        # so a flood of cues in one long sentence costs linear, not quadratic, time.
        floor = max(s, pos - MAX_CLAUSE_CHARS)
        for i in range(pos - 1, floor - 1, -1):
            if self.t[i] in "،,;:»\"":
                return i + 1
        return s if floor == s else floor

    # -- speakers ---------------------------------------------------------
    def parse(self, start: int, end: int, before_verb: bool) -> SpeakerPhrase | None:
        if end <= start or not words(self.t, start, end):
            return None
        if self.lang == "ar":
            return parse_arabic(self.t, start, end)
        return parse_english(self.t, self.original_words, start, end, before_verb)

    def is_pronoun(self, sp: SpeakerPhrase | None) -> bool:
        if sp is None:
            return False
        return normalize_key(self.t[sp.name[0] : sp.name[1]]) in lexicon(self.lang).pronouns

    def arabic_subject(self, cue: Cue, start: int, end: int) -> tuple[SpeakerPhrase | None, bool]:
        """Subject after the verb (VSO), else before it (SVO), else dropped."""
        t = self.t
        pre = words(t, self.clause_start(cue.word_start), cue.word_start)
        if len(pre) >= 2 and pre[-1][2] == "قد" and not cue.clitic:
            # "وكان مصدر قد صرح …": the subject sits between كان and قد.
            lead = 0
            while lead < len(pre) - 1 and pre[lead][2] in function_words("clause_opener"):
                lead += 1
            if lead < len(pre) - 1:
                sp = self.parse(pre[lead][0], pre[-1][0], True)
                if sp is not None:
                    return sp, False
        if cue.info.tense != "participle":
            # "نقلت الوكالة عن مصدر … قوله": the speaker is the source, not the outlet.
            if cue.info.family == "report" and t[cue.start : cue.end].startswith("نقل"):
                m = re.search(r"(?<![^\W_])عن(?![^\W_])", t[start:end])
                if m:
                    start = start + m.end()
                    q = re.search(r"\s+(?:قوله|قولها|قولهم)\s*$", t[start:end])
                    end = start + q.start() if q else end
            first = words(t, start, end)[:1]
            if first and self.cues_in(first[0][0], first[0][0] + 1):
                start = end  # "وتابع مؤكدا أن": the next word is another cue, no subject here
            sp = self.parse(start, end, False)
            if sp is not None and self.n_words(*sp.name) > 0:
                return sp, False
        cs = self.clause_start(cue.word_start)
        before = words(t, cs, cue.word_start)
        if not before and not cue.clitic and cue.info.tense != "participle":
            # "نائب الائتلاف فلان، أكد …": a subject set off by a comma before the verb.
            s0 = self.sentence_start(cue.word_start)
            if 0 < self.n_words(s0, cue.word_start) <= 10 and not self.cues_in(s0, cue.word_start):
                cs = s0
                before = words(t, cs, cue.word_start)
        lead = 0
        while lead < len(before) and before[lead][2] in function_words("clause_opener"):
            lead += 1
        # A verb written with و/ف is coordinated: its subject is the earlier one, never a noun before it.
        if (cue.info.tense != "participle" and not cue.clitic and lead < len(before)
                and not self.cues_in(cs, cue.word_start)):
            sp = self.parse(before[lead][0], cue.start, True)
            if sp is not None and self.n_words(*sp.name) <= 10:
                return sp, False
        if cue.info.tense == "participle":
            host = self.host_subject(cue)
            if host is not None:
                return host, False
        return None, True

    def host_subject(self, cue: Cue) -> SpeakerPhrase | None:
        """The subject of the clause a participle hangs on ("أثنى X على … مؤكدا أن"), when that
        clause has no reporting verb of its own (else the usual back-reference finds it)."""
        t = self.t
        s = self.sentence_start(cue.start)
        if all(w in function_words("clause_opener") for _, _, w in words(t, s, cue.start)):
            s = self.sentence_start(max(0, s - 1))
        if self.cues_in(s, cue.start):
            return None
        parts = re.split(r"[،,]", t[s : cue.word_start])
        offset = s
        for part in parts:
            ws = [w for w in words(t, offset, offset + len(part)) if w[2] not in function_words("clause_opener")]
            if len(ws) >= 3 and ws[0][2] not in {"من"}:
                sp = self.parse(ws[1][0], offset + len(part), False)
                if sp is None or not 1 <= self.n_words(*sp.name) <= 8:
                    return None
                # Only a phrase that reads as a speaker: a role, a title, or a named actor.
                lex = lexicon("ar")
                head = ws[1][2]
                if is_role_word(head, lex) or head in lex.titles or any(
                        self.norm.from_original(m.span.start, m.span.end)[0] == ws[1][0] for m in self.mentions):
                    return sp
                return None
            offset += len(part) + 1
        return None

    # -- passes -------------------------------------------------------------
    def direct(self) -> list[Raw]:
        out: list[Raw] = []
        prev_close = -1
        prev_raw: Raw | None = None
        for o, c in self.pairs:
            cs, ce = o + 1, c
            nw = self.n_words(cs, ce)
            if nw == 0:
                continue
            raw = self._attach(o, c, nw, prev_close, prev_raw)
            if raw is not None:
                lead = self._lead_clause(o, raw)
                if lead is not None:
                    out.append(lead)
                out.append(raw)
                prev_raw = raw
            if nw >= 4 and raw is not None:
                prev_close = c
        return out

    def _attach(self, o: int, c: int, nw: int, prev_close: int, prev_raw: Raw | None) -> Raw | None:
        t = self.t
        content = (o + 1, c)
        # A cue right after the closing mark: "»، قال X" / '," said X' / '” he added'.
        after = c + 1
        while after < len(t) and t[after] in " ,،.:;-–":
            after += 1
        past_sentence_end = bool(re.search(r"[.!?؟\n]", t[c + 1 : after]))
        right: Cue | None = None
        s_end = self.sentence_end(after)
        for cue in self.cues_in(after, s_end + 1):
            if past_sentence_end:
                break
            if cue.start < after or cue.start > s_end:
                continue
            gap = t[after : cue.start]
            # A cue that opens its own quote ("»، وقال X: «…") belongs to that one.
            nxt_end = min(self.sentence_end(cue.end), cue.end + 120)
            opens_next = ":" in t[cue.end : nxt_end] or any(
                cue.end <= po < nxt_end and self.n_words(po, pc) >= 4 for po, pc in self.pairs)
            if self.lang == "ar" and gap.strip() in {"", "و", "ف"} and cue.info.tense != "participle":
                if (cue.info.frame == "attrib" or re.search(r"[،,:]", t[c + 1 : after]) or self.n_words(o + 1, c) >= 4) \
                        and not opens_next:
                    right = cue
            elif self.lang == "en" and self.n_words(after, cue.start) <= 14 and not re.search(r"[«»\"]", gap):
                right = cue
            break
        # The nearest cue before the opening mark in the same sentence.
        limit = max(self.sentence_start(o), prev_close + 1)
        left: Cue | None = None
        for cue in self.cues_in(limit, o):
            if limit <= cue.start and cue.end <= o and not self.inside_pair(cue.start):
                left = cue
        if right is not None and right.info.frame == "attrib":
            return self._right(content, right, after)
        if left is not None and left.info.tense == "participle":
            # "قال X محذرا: «…»": the verb and its subject carry the quote, not the participle.
            verbs = [v for v in self.cues_in(limit, left.start) if v.end <= left.start and v.info.tense != "participle"]
            if verbs and self.n_words(verbs[-1].end, left.start) <= 6 and not re.search(
                    r"[،,.:«»\"]", t[verbs[-1].end : left.start]):
                left = verbs[-1]
        if left is not None:
            bridge = t[left.end : o]
            comp = _COMP_AR if self.lang == "ar" else _COMP_EN
            connected = bool(re.search(r":\s*$", bridge)) or bool(
                (m := list(comp.finditer(bridge))) and not bridge[m[-1].end() :].strip(" ,،:")
            ) or (self.lang == "en" and bridge.strip() == ",")
            bw = self.n_words(left.end, o)
            # A quoted name inside the speaker phrase: "وقالت مديرة «X Y Z»، فلانة، إن «…»".
            s_end_here = self.sentence_end(c)
            later = t[c + 1 : min(s_end_here, c + 160)]
            in_speaker = not connected and bool(
                re.search(r":\s*[«\"]", later) or ((m2 := comp.search(later)) and self.n_words(c + 1, c + 1 + m2.start()) <= 10))
            if in_speaker:
                return None
            colon = bool(re.search(r":\s*$", bridge))
            if nw == 1 and not colon:
                connected = False  # "أن «كنزا»": a one-word scare quote, not a statement
            if (connected and bw <= 45) or (nw >= 4 and bw <= 12) or (nw >= 8 and left.info.frame != "attrib"):
                if not connected and right is not None and nw >= 2:
                    return self._right(content, right, after)
                return self._left(content, left, o)
        if right is not None and (nw >= 4 or t[c - 1 : c] in ".!?؟,،…" or self.lang == "ar"):
            return self._right(content, right, after)
        between = t[prev_close + 1 : o] if prev_close >= 0 else None
        if prev_raw is not None and between is not None and re.fullmatch(r"[\s,،]*(?:و|and)?\s*", between):
            return Raw(content, "direct", prev_raw.cue, prev_raw.speaker, prev_raw.dropped, o)
        if nw >= 8:
            # A long quotation with no cue: the speaker of a quote just before goes on.
            recent = prev_raw is not None and o - prev_raw.content[1] < 300
            return Raw(content, "direct", None, prev_raw.speaker if recent and prev_raw else None,
                       bool(recent and prev_raw and prev_raw.dropped), o)
        return None

    def after_preposition(self, cue: Cue) -> int:
        """"وفقا لـX" / "طبقا للمصادر": the speaker starts after the preposition ل."""
        if self.t[cue.start : cue.end] not in {"وفقا", "طبقا"}:
            return cue.end
        lm = re.match(r"\s*(?:لل|ل)(?=[^\W_«\"])|\s*ل\s*(?=[«\"])", self.t[cue.end :])
        return cue.end + lm.end() if lm else cue.end

    def _lead_clause(self, o: int, raw: Raw) -> Raw | None:
        """'X happened “quote”, the source said': the clause before the quote is reported too."""
        if raw.cue is None or raw.cue.start < o or raw.cue.info.frame == "attrib":
            return None
        s = max(self.sentence_start(o), max((pc + 1 for _po, pc in self.pairs if pc < o), default=0))
        s, e = _strip(self.t, s, o)
        if self.n_words(s, e) < 4 or re.search(r"[:،,]\s*$", self.t[s:o]) or self.cues_in(s, o):
            return None
        return Raw((s, e), "indirect", raw.cue, raw.speaker, raw.dropped, raw.order)

    def _left(self, content: tuple[int, int], cue: Cue, o: int) -> Raw:
        t = self.t
        if self.lang == "ar" or cue.info.frame == "attrib":
            bridge_end = o
            m = list((_COMP_AR if self.lang == "ar" else _COMP_EN).finditer(t, cue.end, o))
            if m:  # "قال X إن «…»" / "أوضح أن أحد الجسرين «…»": the subject ends at إن/أن
                bridge_end = m[0].start()
            inner = [p for p in self.cues if cue.end <= p.start < bridge_end and p.info.tense == "participle"]
            if inner:
                bridge_end = inner[0].start
            if cue.info.frame == "attrib":
                sp = self.parse(self.after_preposition(cue), bridge_end, False)
                return Raw(content, "direct", cue, sp, sp is None or _suffix_pronoun(t, cue), cue.start)
            bridge_start = cue.end
            pm = re.match(r"\s*(?:علي|عن|الي)(?![^\W_])", t[bridge_start:bridge_end])
            if pm:  # "نص على «…»": the preposition of the verb, no subject
                bridge_start += pm.end()
            sp, dropped = self.arabic_subject(cue, bridge_start, bridge_end)
            return Raw(content, "direct", cue, sp, dropped, cue.start)
        sp, dropped = self.english_subject(cue)
        return Raw(content, "direct", cue, sp, dropped, cue.start)

    def _right(self, content: tuple[int, int], cue: Cue, after: int) -> Raw:
        s_end = self.sentence_end(cue.end)
        if self.lang == "ar":
            sp = self.parse(self.after_preposition(cue), s_end, False)
            dropped = sp is None or (cue.info.frame == "attrib" and _suffix_pronoun(self.t, cue))
            return Raw(content, "direct", cue, None if dropped else sp, dropped, cue.start)
        if self.n_words(after, cue.start) > 0:
            sp = self.parse(after, cue.start, True)
        else:
            sp = self.parse(cue.end, s_end, False)
        return Raw(content, "direct", cue, sp, sp is None or self.is_pronoun(sp), cue.start)

    def english_subject(self, cue: Cue) -> tuple[SpeakerPhrase | None, bool]:
        if cue.info.tense == "participle":
            return None, True
        start = self.sentence_start(cue.start)
        for _o, c in self.pairs:
            if start <= c < cue.start:
                start = c + 1
        sp = self.parse(start, cue.start, True)
        if sp is None:  # no subject that reads as one: not a report we can attribute
            return None, False
        if self.is_pronoun(sp):
            return sp, True
        first = self.t[sp.name[0] : sp.name[1]].split()
        if first and first[0] in {"no", "none", "nobody"}:
            return None, False
        return sp, False

    def reported(self, taken: list[tuple[int, int]], used: set[int]) -> list[Raw]:
        out: list[Raw] = []
        for cue in self.cues:
            if cue.start in used or cue.info.frame in {"direct", "attrib"}:
                continue
            if self.inside_pair(cue.start) or any(s <= cue.start < e for s, e in taken):
                continue
            if self.negated(cue):
                continue
            raws = self._reported_ar(cue) if self.lang == "ar" else self._reported_en(cue)
            for raw in raws:
                if raw.register_only or not any(_overlap(raw.content, q) > 0 for q in taken):
                    out.append(raw)
                    if not raw.register_only:
                        taken.append(raw.content)
        return out

    def _content_end(self, start: int, end: int) -> list[tuple[int, int]]:
        """Cut reported content at the next cue participle, attribution or quote; split on "، وأن"."""
        t = self.t
        for cue in self.cues_in(start + 1, end):
            if start < cue.start < end and self.lang == "ar" and cue.info.tense in {"past", "present"} and re.search(
                    r"[،,]\s*(?:حيث|كما|بينما|فيما)?\s*$", t[max(start, cue.word_start - 8) : cue.word_start]):
                end = cue.word_start
                break
            if start < cue.start < end and (cue.info.tense == "participle" or cue.info.frame == "attrib"):
                if re.search(r"[،,(\-–]\s*[وف]?$", t[max(start, cue.start - 4) : cue.start]) or (
                        cue.info.frame == "attrib" and self.lang == "en" and t[cue.start - 2 : cue.start] == ", "):
                    end = cue.start
                    break
        for o, c in self.pairs:
            if start < o < end and self.n_words(o, c) >= 4 and t[start:o].strip(" «\""):
                if re.search(r"[:،,]\s*$", t[start:o]):
                    end = o
                    break
        spans: list[tuple[int, int]] = []
        split = _SPLIT_AR if self.lang == "ar" else _SPLIT_EN
        pos = start
        for m in split.finditer(t, start, end):
            spans.append((pos, m.start()))
            nxt = m.end()
            if self.lang == "ar":
                cm = _COMP_AR.match(t, nxt)
                nxt = cm.end() if cm else nxt
            else:
                cm = re.compile(r"\s*(?:that\s+)?").match(t, nxt)
                nxt = cm.end() if cm else nxt
            pos = nxt
        spans.append((pos, end))
        out = []
        for s, e in spans:
            s, e = _strip(t, s, e)
            if self.n_words(s, e) >= 3 and t[s] not in "«\"":
                out.append((s, e))
        return out

    def _reported_ar(self, cue: Cue) -> list[Raw]:
        t = self.t
        s_end = self.sentence_end(cue.end)
        colon = _COLON_AR.match(t, cue.end, s_end)
        if colon and cue.info.frame != "attrib":
            # "وقال X: نص …" with no quote marks: the words after the colon are the statement.
            sp, dropped = self.arabic_subject(cue, cue.end, colon.end() - 1)
            start = colon.end()
            cm = _COMP_AR.match(t, start)
            if cm and t[cm.end() : cm.end() + 1] not in "«\"":
                start = cm.end()
            return [Raw(c, "indirect", cue, sp, dropped, cue.start) for c in self._content_end(start, s_end)][:1]
        comp = None
        for m in _COMP_AR.finditer(t, cue.end, s_end):
            if self.n_words(cue.end, m.start()) > 20:
                break
            prev_word = words(t, max(cue.end, m.start() - 12), m.start())[-1:]
            if prev_word and prev_word[0][2] in function_words("not_complementiser_before"):
                continue  # "إلا أن", "بعد أن": a conjunction, not what the speaker said
            if any(c.end <= m.start() and c.info.frame != "attrib" for c in self.cues_in(cue.end + 1, m.start())):
                break
            comp = m
            break
        if comp is not None:
            # Attributions between the verb and إن belong to its speaker phrase ("قالت الصحيفة نقلا عن …").
            self.consumed.update(c.start for c in self.cues_in(cue.end, comp.start()))
            if t[comp.end() : comp.end() + 2].strip().startswith(("«", '"')):
                return []
            sp, dropped = self.arabic_subject(cue, cue.end, comp.start())
            if dropped and cue.info.tense == "present":
                return []
            return [Raw(c, "indirect", cue, sp, dropped, cue.start) for c in self._content_end(comp.end(), s_end)]
        if cue.info.tense == "participle" and cue.info.frame == "that" and cue.info.family in {
                "confirm", "deny", "accuse", "demand"}:
            host = self.host_subject(cue)
            return [Raw(c, "indirect", cue, host, host is None, cue.start)
                    for c in self._content_end(cue.end, s_end)][:1]
        if cue.info.frame != "obj" or cue.info.tense == "present":
            return self._register(cue, s_end)
        return self._object_ar(cue, s_end)

    def _register(self, cue: Cue, s_end: int) -> list[Raw]:
        """A cue with no statement still introduces its speaker ("أكد X الخبر … وأضاف أن")."""
        if cue.info.tense != "past":
            return []
        cs = self.clause_start(cue.word_start)
        if any(w not in function_words("clause_opener") for _, _, w in words(self.t, cs, cue.word_start)):
            return []
        stop = {"من", "الي", "علي", "عن", "في", "مع", "الخبر", "ان", "بان"}
        ws = words(self.t, cue.end, min(s_end, cue.end + MAX_CLAUSE_CHARS))[:12]
        if ws and self.cues_in(ws[0][0], ws[0][0] + 1):
            return []  # "وتابع مؤكدا …": the next word is a cue, not a subject
        span_end = cue.end
        for _s, e, w in ws:
            if w in stop:
                break
            span_end = e
        sp = self.parse(cue.end, span_end, False) if span_end > cue.end else None
        if sp is None or self.n_words(*sp.name) > 5:
            return []
        return [Raw((cue.start, cue.start), "indirect", cue, sp, False, cue.start, register_only=True)]

    def _object_ar(self, cue: Cue, s_end: int) -> list[Raw]:
        """كشف X عن … / اتهم X، … / أعلن X، السيطرة … : subject, then the object is the content."""
        raws = self._object_ar_raw(cue, s_end)
        for raw in raws:  # "أشار التقرير إلى مقتل …": the content starts after the preposition
            pm = re.match(r"(?:الي|عن)\s+", self.t[raw.content[0] : raw.content[1]])
            if pm and not raw.register_only and self.n_words(raw.content[0] + pm.end(), raw.content[1]) >= 2:
                raw.content = (raw.content[0] + pm.end(), raw.content[1])
        return raws

    def _object_ar_raw(self, cue: Cue, s_end: int) -> list[Raw]:
        t = self.t
        m = re.search(r"[،,]\s*(?:في حين|بينما|فيما)\s", t[cue.end : s_end])
        if m:
            s_end = cue.end + m.start()
        if re.match(r"\s*(?:الي|علي|عن|ل|ب|من)(?:ه|ها|هم|هما)(?![^\W_])", t[cue.end : s_end]):
            return []  # "دعت إليها": a preposition with a pronoun, not a statement
        if cue.info.tense == "present":
            return []
        cs = self.clause_start(cue.word_start)
        before = [w for w in words(t, cs, cue.word_start) if w[2] not in function_words("clause_opener")]
        if cue.info.tense == "participle":
            host = self.host_subject(cue)
            dropped_raws = [Raw(c, "indirect", cue, host, host is None, cue.start)
                            for c in self._content_end(cue.end, s_end)][:1]
            return dropped_raws
        if before and not cue.clitic and not self.cues_in(cs, cue.word_start):
            # SVO: the subject came first; all that follows is the content.
            sp = self.parse(before[0][0], cue.start, True)
            start = cue.end
            am = re.match(r"\s*(?:عن|الي|ب)\s", t[start:])
            if am:
                start += am.end()
            return [Raw(c, "indirect", cue, sp, False, cue.start) for c in self._content_end(start, s_end)][:1]
        am = re.search(r"(?<![^\W_])عن(?![^\W_])", t[cue.end : s_end])
        if am and self.n_words(cue.end, cue.end + am.start()) <= 8:
            sp, dropped = self.arabic_subject(cue, cue.end, cue.end + am.start())
            return [Raw(c, "indirect", cue, sp, dropped, cue.start)
                    for c in self._content_end(cue.end + am.end(), s_end)][:1]
        # Comma-separated: subject, asides (role, time, medium), then the object.
        parts = []
        pos = cue.end
        for cm in re.finditer(r"[،,]", t[cue.end : s_end]):
            parts.append((pos, cue.end + cm.start()))
            pos = cue.end + cm.end()
        parts.append((pos, s_end))
        if len(parts) >= 2 and 1 <= self.n_words(*parts[0]) <= 6:
            second = words(t, *parts[1])[:1]
            with_role = len(parts) >= 3 and second and second[0][2] in {"التابع", "التابعه", "وهو", "وهي"}
            sp = self.parse(parts[0][0], parts[1][1] if with_role else parts[0][1], False)
            lex = lexicon("ar")
            i = 1
            while i < len(parts) - 1:
                ws = words(t, *parts[i])
                if not ws or ws[0][2] in {"التابع", "التابعه", "وهو", "وهي", "الذي", "التي"} or (
                    ws[0][2] in lex.stops_by_first
                ) or is_role_word(ws[0][2], lex):
                    i += 1
                    continue
                break
            return [Raw(c, "indirect", cue, sp, False, cue.start)
                    for c in self._content_end(parts[i][0], s_end)][:1]
        # An actor named right after the verb is its subject ("أعلنت قوات القيادة … شنها غارة").
        ws = words(t, cue.end, s_end)
        for mention in self.mentions:
            if mention.kind not in {"actor", "ORG", "PER"}:
                continue
            ms, me = self.norm.from_original(mention.span.start, mention.span.end)
            if len(ws) >= 4 and ws[0][0] <= ms <= ws[min(1, len(ws) - 1)][0] and me < s_end:
                if self.n_words(me, s_end) >= 2:
                    sp = self.parse(cue.end, me, False)
                    skip = re.match(r"\s*(?:\([^)]*\))?\s*[،,]?\s*(?:عن\s)?", t[me:s_end])
                    start = me + (skip.end() if skip else 0)
                    return [Raw(c, "indirect", cue, sp, sp is None, cue.start)
                            for c in self._content_end(start, s_end)][:1]
        # A definite description as subject ("اتهم الوالي أحد …", "نفى المتحدث باسم الجيش وقوع …"):
        # it runs over definite words and "باسم X"; the object starts at the first indefinite word.
        if len(ws) >= 4 and is_role_word(ws[0][2], lexicon("ar")) and ws[0][2].startswith("ال"):
            n = 1
            while n < len(ws) - 2 and ((ws[n][2].startswith(("ال", "لل", "بال")) and ws[n][2] not in {
                    "الي", "الا", "الذي", "التي", "الذين", "اللذين", "الان"}) or (
                    ws[n][2] == "باسم" and ws[n + 1][2].startswith("ال"))):
                n += 1 if ws[n][2] != "باسم" else 2
            sp = SpeakerPhrase((ws[0][0], ws[n - 1][1]))
            return [Raw(c, "indirect", cue, sp, False, cue.start) for c in self._content_end(ws[n][0], s_end)][:1]
        return self._register(cue, s_end)

    def _recipient_end(self, pos: int, s_end: int) -> int:
        """Skip the addressee of "told": "Reuters", "the AP", "Agence France Presse (AFP)"."""
        caps = {s: w for s, _, w in self.original_words}
        ws = words(self.t, pos, s_end)
        end = pos
        for i, (s, e, w) in enumerate(ws):
            orig = caps.get(s, w)
            if self.t[end:s].strip(" ()") or (i and "," in self.t[end:s]):
                break
            if orig[:1].isupper() or (i == 0 and w == "the") or w in {"news", "agency", "of", "&"}:
                end = e
                if self.t[e : e + 1] == ")":
                    end = e + 1
                continue
            break
        return end

    def _reported_en(self, cue: Cue) -> list[Raw]:
        t = self.t
        s_start, s_end = self.sentence_start(cue.start), self.sentence_end(cue.end)
        for _o, c in self.pairs:
            if s_start <= c < cue.start:
                s_start = c + 1
        before = t[s_start : cue.start]
        pos = cue.end
        if t[cue.start : cue.end] in {"told", "tells", "tell", "telling"}:
            pos = self._recipient_end(pos, s_end)
        adv = _ADVERBIAL_EN.match(t, pos)
        if adv and adv.end() > pos:
            pos = adv.end()
            if t[pos : pos + 1] == "," and self.n_words(pos, s_end) > 2:
                pos += 1  # "announced, on Tuesday, the death of …"
        rest = t[pos:s_end]
        head = re.match(r"[^,;]*", t[cue.end : s_end]).group()  # type: ignore[union-attr]
        head_words = [w for s, _, w in self.original_words if cue.end <= s < cue.end + len(head)]
        inverted = (
            before.rstrip().endswith(",") and cue.info.tense != "participle" and 0 < len(head_words) <= 8
            and self.n_words(s_start, cue.start) > 8  # else "Name, role, said …" (an apposition)
            and "that" not in head_words and (head_words[0][:1].isupper() or head_words[0] in {"a", "an", "the"})
        )
        if inverted:
            # "<statement>, said X, role." : the subject follows the verb.
            inv = self.parse(cue.end, s_end, False)
            content = _strip(t, s_start, s_start + len(before.rstrip(" ,")))
            if inv is None or self.n_words(*content) < 3:
                return []
            return [Raw(content, "indirect", cue, inv, self.is_pronoun(inv), cue.start)]
        if not rest.strip(" .,;") or rest.lstrip().startswith((",", ".")):
            # "<statement>, X said." : the statement is the clause before the subject.
            sp, dropped = self.english_subject(cue)
            if sp is None or dropped:
                return []
            subj_start = min(sp.name[0], sp.role[0] if sp.role else sp.name[0])
            cm = re.search(r"[,;]\s*(?:[a-z]+\s+)?$", t[s_start:subj_start])
            if not cm:
                return []
            content = _strip(t, s_start, s_start + cm.start())
            if self.n_words(*content) < 3:
                return []
            return [Raw(content, "indirect", cue, sp, False, cue.start)]
        if cue.info.tense == "participle":
            if not before.rstrip().endswith(","):
                return []
            sp, dropped = None, True
        else:
            if before.rstrip().endswith(",") and len([p for p in before.split(",") if p.strip()]) <= 1:
                return []  # "The deaths, announced on …, raised": a participle, not a report
            sp, dropped = self.english_subject(cue)
            if sp is None and not dropped:
                return []
        cm = _COMP_EN.search(t, pos, s_end)
        start = cm.end() if cm and self.n_words(pos, cm.start()) <= 3 else pos
        return [Raw(c, "indirect", cue, sp, dropped, cue.start) for c in self._content_end(start, s_end)]

    def _orig_slice(self, start: int, end: int) -> str:
        o = self.norm.to_original(start, end, "expand")
        return self.norm.original[o.start : o.end] if len(o) == end - start else self.t[start:end]

    def attributions(self, taken: list[tuple[int, int]], used: set[int]) -> list[Raw]:
        t = self.t
        out: list[Raw] = []
        last_end: dict[int, int] = {}
        for cue in self.cues:
            if cue.info.frame != "attrib" or cue.start in used or cue.start in self.consumed or self.inside_pair(cue.start):
                continue
            if any(s <= cue.start < e for s, e in taken):
                continue
            s_start, s_end = self.sentence_start(cue.start), self.sentence_end(cue.end)
            lead = [w for w in words(t, s_start, cue.word_start) if w[2] not in function_words("clause_opener")]
            pronoun = _suffix_pronoun(t, cue)
            after = t[cue.end : s_end]
            marker = re.search(r"(?<![^\W_])(?:فان|فانه|فانها|فقد)(?![^\W_])", after)
            aside = re.search(r"[(\-–]\s*$", t[s_start : cue.word_start])
            close = re.search(r"\)" if aside and "(" in aside.group() else r"[\-–]", after) if aside else None
            if marker and self.n_words(cue.end, cue.end + marker.start()) <= 10:
                # "وبحسب X فإن …": the speaker runs to فإن, the content follows it.
                sp_end = cue.end + marker.start()
                contents = self._content_end(cue.end + marker.end(), s_end)[:1]
            elif not lead:  # "وبحسب X، …": speaker to the first comma, content after it.
                cm = re.search(r"[،,]", after)
                if not cm:
                    continue
                sp_end = cue.end + cm.start()
                start = cue.end + cm.end()
                fm = re.match(r"\s*(?:ف(?=\S))\s*", t[start:])
                if fm:
                    start += fm.end()
                contents = self._content_end(start, s_end)[:1]
            elif aside and close:  # "… -حسبما أفادت X- …": the whole sentence is attributed
                sp_end = cue.end + close.start()
                c_start, c_end = _strip(t, s_start, s_end)
                contents = [(c_start, c_end)] if self.n_words(c_start, c_end) >= 3 else []
            else:
                em = re.search(r"[،,\-–]", after)
                sp_end = cue.end + em.start() if em else s_end
                c_start = max(s_start, last_end.get(s_start, s_start))
                cut = re.search(r"[\s،,(\-–]*$", t[c_start : cue.word_start])
                c_end = c_start + cut.start() if cut else cue.word_start
                c_start, c_end = _strip(t, c_start, c_end)
                am = re.match(r"and\s+", t[c_start:c_end])
                if am:
                    c_start += am.end()
                contents = [(c_start, c_end)] if self.n_words(c_start, c_end) >= 3 else []
            nxt = [c.word_start for c in self.cues_in(cue.end, sp_end) if cue.end < c.word_start < sp_end]
            sp_end = min([sp_end, *nxt])
            sp_start = self.after_preposition(cue)
            sp = None if pronoun else self.parse(sp_start, sp_end, False)
            last_end[s_start] = max(sp.name[1], sp.role[1] if sp.role else 0) if sp else sp_end
            for content in contents:
                if any(_overlap(content, q) > 0 for q in taken):
                    continue
                out.append(Raw(content, "indirect", cue, sp, sp is None, cue.start))
                taken.append(content)
        return out


def _with_clitic(cue: Cue) -> Cue:
    """An attribution keeps its preposition ("وبحسب" -> cue "بحسب"); only و/ف stay outside."""
    if cue.info.frame != "attrib" or not cue.clitic:
        return cue
    keep = cue.clitic.lstrip("وف")
    return Cue(cue.start - len(keep), cue.end, cue.info, cue.clitic[: len(cue.clitic) - len(keep)])


def _suffix_pronoun(t: str, cue: Cue) -> bool:
    """"بحسب وصفه" / "على حد قوله": the attribution points back to the last speaker."""
    last = t[cue.start : cue.end].split()[-1]
    return last.endswith(("ه", "ها")) and last not in {"به", "بها"} and len(t[cue.start : cue.end].split()) > 1


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _strip(t: str, s: int, e: int) -> tuple[int, int]:
    while s < e and t[s] in " \n\t,،:;-–":
        s += 1
    while e > s and t[e - 1] in " \n\t,،:;.-–":
        e -= 1
    if e > s and t[e - 1] == "»" and t[s:e].count("«") < t[s:e].count("»"):
        e -= 1
    if e > s and t[e - 1] == '"' and t[s:e].count('"') % 2 == 1:
        e -= 1
    return s, e


_ANONYMOUS = {"مصدر", "مصادر", "مصدران", "source", "sources"}


class _Resolver:
    """Links each quote's speaker to the speaker first named, in text order."""

    def __init__(self, norm: NormalizedText, lang: str,
                 host: Callable[[Cue], SpeakerPhrase | None] | None = None) -> None:
        self.norm = norm
        self.lang = lang
        self.host = host
        self.entities: list[Entity] = []

    def text(self, span: tuple[int, int] | None) -> str | None:
        if span is None or span[1] <= span[0]:
            return None
        o = self.norm.to_original(span[0], span[1], "expand")
        return self.norm.original[o.start : o.end]

    def resolve(self, raw: Raw) -> Entity | None:
        ent = self._resolve(raw)
        if ent is not None and ent.role is None and raw.speaker is not None and raw.speaker.role is not None \
                and not raw.dropped:
            ent.role, ent.role_span = self.text(raw.speaker.role), raw.speaker.role  # "المصدر، وهو ضابط …"
        return ent

    def _resolve(self, raw: Raw) -> Entity | None:
        t = self.norm.text
        cue_fem = raw.cue.info.feminine if raw.cue else False
        if raw.dropped or raw.speaker is None:
            if not raw.dropped:
                return None
            recent = self._recent(cue_fem if self.lang == "ar" else None)
            if recent is None and raw.cue is not None and self.host is not None:
                # Nobody named yet: "استنكر الدكتور X … وقال «…»" — the clause's own subject.
                host = self.host(raw.cue)
                if host is not None:
                    return self._resolve(Raw(raw.content, raw.kind, raw.cue, host, False, raw.order))
            return recent
        name = self.text(raw.speaker.name) or ""
        role = self.text(raw.speaker.role)
        norm_name = normalize_key(t[raw.speaker.name[0] : raw.speaker.name[1]])
        key = key_words(norm_name)
        lex = lexicon(self.lang)
        if not key:
            return None
        content = [w for w in key if w not in {"the", "a", "an"}]
        if not content:
            return None
        heads = {w for w in content if is_role_word(w, lex)}
        for ent in reversed(self.entities):  # the same name again
            if [w for w in key_words(ent.name) if w not in {"the", "a", "an"}] == content:
                return ent
        # The role given earlier as an apposition, now used as the subject ("وأضاف قائممقام X").
        for ent in reversed(self.entities):
            if ent.role and len(content) >= 2 and content == [w for w in key_words(ent.role) if w not in {"the", "a", "an"}]:
                return ent
        definite = norm_name.split()[0].startswith("ال") if self.lang == "ar" else key[0] == "the"
        if definite and len(content) <= 6 and heads:
            for ent in reversed(self.entities):
                ent_role = set(key_words(ent.role or ""))
                if len(content) == 1 and content[0] in set(key_words(ent.name)) | ent_role:
                    return ent
                if len(content) > 1 and len(set(content) & ent_role) >= 2:
                    return ent
            if norm_name in lex.generic or heads & {"مسوول", "متحدث", "ناطق", "official", "spokesman", "spokeswoman"}:
                for ent in reversed(self.entities):
                    if ent.named:
                        return ent
        if len(content) <= 2 and not heads:
            for ent in reversed(self.entities):
                ent_words = key_words(ent.name)
                # A surname or first name of a named speaker, or the last word(s) of a
                # role-first phrase that ends with the name ("المسؤول … عبدالكريم صبرا").
                if len(ent_words) > len(content) and (
                    (ent.named and set(content) <= set(ent_words)) or list(ent_words[-len(content):]) == content
                ):
                    return ent
        first = strip_article(norm_name.split()[0])
        if self.lang == "ar":
            named = role is not None and not is_role_word(first, lex)
        else:
            named = name[:1].isupper() and not is_role_word(first, lex) and key[0] not in {"the", "a", "an"}
        ent = Entity(name, raw.speaker.name, role, raw.speaker.role, named, guess_feminine(name, self.lang))
        self.entities.append(ent)
        return ent

    def _recent(self, feminine: bool | None) -> Entity | None:
        if not self.entities:
            return None
        if feminine is not None:
            for ent in reversed(self.entities[-3:]):
                if ent.feminine == feminine:
                    return ent
        return self.entities[-1]


def find_quotes(
    norm: NormalizedText, sentences: tuple[Sentence, ...], mentions: tuple[Mention, ...], lang: str
) -> tuple[Quote, ...]:
    """Direct and reported quotes of one document, in text order, ids q1, q2, …

    ``sentences`` is accepted for the pipeline's signature but not used: a quote
    may run over several sentences, so the scan keeps its own sentence breaks.
    ``mentions`` (actor/ORG/PER) are hints only: they tell where a subject ends
    when nothing else does ("أعلنت قوات X شنها غارة").
    """
    if not norm.text.strip():
        return ()
    scan = _Scanner(norm, lang, mentions)
    raws = scan.direct()
    taken = [r.content for r in raws]
    used = {r.cue.start for r in raws if r.cue is not None}
    raws += scan.reported(taken, used)
    raws += scan.attributions(taken, used)
    resolver = _Resolver(norm, scan.lang, scan.host_subject if scan.lang == "ar" else None)
    resolved: list[tuple[Raw, Entity | None]] = []
    for raw in sorted(raws, key=lambda r: (r.order, r.content[0])):
        ent = resolver.resolve(raw)
        if not raw.register_only:
            resolved.append((raw, ent))
    quotes: list[Quote] = []
    for raw, ent in sorted(resolved, key=lambda p: p[0].content[0]):
        s, e = raw.content
        span = norm.to_original(s, e, "expand")
        cue_span = norm.to_original(raw.cue.start, raw.cue.end, "expand") if raw.cue else None
        speaker_span = (
            norm.to_original(*ent.name_span, "expand") if ent is not None else None
        )
        quotes.append(Quote(
            id=f"q{len(quotes) + 1}",
            span=span,
            text=norm.original[span.start : span.end],
            kind=raw.kind,
            cue=norm.original[cue_span.start : cue_span.end] if cue_span else "",
            cue_span=cue_span,
            speaker=ent.name if ent else None,
            speaker_span=speaker_span if speaker_span is not None else None,
            speaker_role=ent.role if ent else None,
        ))
    return tuple(quotes)


__all__ = ["cue_matcher", "find_quotes"]
