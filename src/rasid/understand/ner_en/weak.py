"""Weak entity labels for English ACLED notes, from the row's own coded columns.

An ACLED row names the actors and the place it coded from its ``notes``; finding
those names inside the notes yields entity labels without a human annotator.
The names rarely appear verbatim ("Military Forces of Syria (2000-)" is written
"the Syrian army", "Al Ghawr" is "Ghawr"), so both sides are reduced to a
transliteration-tolerant key (no vowels, no Arabic article, q=k, g=j …) and
names are expanded into the aliases notes use (acronyms, "QSD: Syrian
Democratic Forces" → both parts, demonym + force noun, rasid's actor
dictionary). Names coded in *other* rows and the gazetteer label the places and
groups a note mentions beside its coded ones; a key known both as a place and a
group is left unlabelled.

Labelling is never complete, so :func:`label_note` also reports each
sentence's *unexplained* capitalised words (not sentence-initial, not a
month, weekday, demonym or listed non-entity word, not covered by a label);
training keeps only sentences with none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from rasid.resources import read_table
from rasid.text.normalize import normalize
from rasid.text.sentences import split_sentences
from rasid.text.tokens import tokenize

LEXICON = "models/ner_en.lexicon.tsv"
ALIASES = "models/ner_en.aliases.tsv"
# ACLED actor names that are categories, not named groups: their notes say
# "civilians", "gunmen", "protesters", which are no named entities.
_GENERIC_ACTOR = re.compile(
    r"^(Civilians|Protesters|Rioters|Unidentified|Militia|Islamist Militia|Pro-Government Group|"
    r"Settlers|Prisoners|Refugees|Labour Group|Ethnic Militia|Communal Militia)\b",
    re.IGNORECASE,
)
_SUFFIX = re.compile(r"\s*\((?:\d{4}-?\d*|[^()]*)\)\s*")
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[^\w\s]")
_JOINERS = frozenset({"-", "'", "’", "."})
_MAX_WINDOW = 8


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    """One sentence of a note: its tokens (original case), BIO labels and the gaps found."""

    tokens: tuple[str, ...]
    starts: tuple[int, ...]
    labels: tuple[str, ...]
    unexplained: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return not self.unexplained


@cache
def lexicon() -> dict[str, frozenset[str]]:
    """The word lists of ``ner_en.lexicon.tsv`` by kind."""
    kinds: dict[str, set[str]] = {}
    for row in read_table(LEXICON).rows:
        kinds.setdefault(row["kind"], set()).add(row["word"])
    return {k: frozenset(v) for k, v in kinds.items()}


@cache
def _countries() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """ACLED country → (English names, demonyms)."""
    out: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for row in read_table("countries.tsv").rows:
        names = tuple(n for n in [row["country"], row["of_name"], *row["en_names"].split("|")] if n)
        demonyms = tuple(d for d in row["en_demonyms"].split("|") if d)
        out[row["country"]] = (names, demonyms)
    return out


@lru_cache(maxsize=200_000)
def _skeleton(word: str) -> str:
    """A transliteration-tolerant key of one word: Jarrahi ~ Jarahi, Shaykh ~ Sheikh, Raqqah ~ Raqqa."""
    if len(word) >= 2 and word.isupper() and word.isalpha():
        return "#" + word  # an acronym keeps its letters
    w = "".join(c for c in word.lower() if c.isalpha())
    w = w.replace("gh", "\x01").replace("kh", "x").replace("sh", "\x02").replace("ph", "f")
    w = w.replace("q", "k").replace("g", "j").replace("\x01", "g").replace("ou", "u")
    if len(w) > 2 and w.endswith("h") and w[-2] in "aeiou":
        w = w[:-1]
    key: list[str] = []
    for c in w:
        if not key or key[-1] != c:
            key.append(c)
    short = re.sub(r"[aeiouy]+", "a", "".join(key))
    consonants = [key[0], *(c for c in key[1:] if c not in "aeiouy")] if key else []
    key = [c for i, c in enumerate(consonants) if i == 0 or consonants[i - 1] != c]
    # Short words keep their vowels: "Bab" is no "b", "Five" no "fv".
    out = "".join(key) if len(key) >= 3 else short
    return out.replace("\x02", "sh")


def phrase_key(tokens: Sequence[str]) -> str:
    """The key of a token sequence: word skeletons joined, articles and joiners dropped."""
    articles = lexicon()["article"]
    words = [t for t in tokens if t not in _JOINERS and not (len(t) == 1 and not t.isalnum())]
    parts = [
        _skeleton(w)
        for i, w in enumerate(words)
        if not (w.lower() in articles and i + 1 < len(words))
    ]
    return "|".join(p for p in parts if p)


def name_key(name: str) -> str:
    return phrase_key(_WORD.findall(name))


def _has_capital(name: str) -> bool:
    return any(w[:1].isupper() for w in _WORD.findall(name))


def _acronym(name: str) -> str | None:
    caps = [w[0] for w in _WORD.findall(name) if w[:1].isupper()]
    return "".join(caps) if len(caps) >= 2 else None


@cache
def _alias_table() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    out: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for row in read_table(ALIASES).rows:
        countries = tuple(c for c in row["countries"].split("|") if c)
        out[row["actor"]] = (countries, tuple(a for a in row["aliases"].split("|") if a))
    return out


@cache
def _dictionary_aliases() -> dict[str, tuple[str, ...]]:
    """rasid's actor dictionary: canonical name (and its parts) → English aliases."""
    out: dict[str, list[str]] = {}
    for row in read_table("actors.tsv").rows:
        if row["kind"] != "named" or not row["canonical"]:
            continue
        aliases = [a for a in row["aliases_en"].split("|") if a]
        canonical = row["canonical"]
        for key in {canonical, *canonical.split(": ", 1)}:
            out.setdefault(name_key(key), []).extend(aliases)
    return {k: tuple(v) for k, v in out.items()}


@cache
def actor_aliases(actor: str) -> tuple[str, ...]:
    """Names by which notes mention an ACLED actor; empty for category actors (civilians …)."""
    actor = actor.strip()
    if not actor or _GENERIC_ACTOR.match(actor):
        return ()
    bare = _SUFFIX.sub(" ", actor).strip()
    names: list[str] = [bare]
    if ": " in bare:
        names += bare.split(": ", 1)
    paren = re.search(r"\(([^()]*[A-Za-z][^()]*)\)", actor)
    if paren and not re.search(r"\d", paren.group(1)) and paren.group(1) not in _countries():
        names.append(paren.group(1))
    countries: list[str] = []
    for key in (bare, actor):
        extra = _alias_table().get(key)
        if extra:
            countries += extra[0]
            names += extra[1]
    for country in _countries():
        if re.search(rf"\b(?:Forces|Government) of (?:the )?{re.escape(country)}\b", bare):
            countries.append(country)
    force_nouns = lexicon()["force_noun"]
    for country in countries:
        _, demonyms = _countries().get(country, ((), ()))
        adjectives = [d for d in demonyms if not d.endswith("s")] or list(demonyms[:1])
        names += [f"{d} {n}" for d in adjectives for n in force_nouns]
    for name in list(names):
        names += _dictionary_aliases().get(name_key(name), ())
        acronym = _acronym(name)
        if acronym and len(name.split()) >= 2 and not name.startswith("Military Forces"):
            names.append(acronym)
    seen: dict[str, None] = {}
    for name in names:
        if _has_capital(name) and not name.startswith(("Military Forces of", "Police Forces of")):
            seen.setdefault(name, None)
    return tuple(seen)


def place_names(row: Mapping[str, str]) -> tuple[str, ...]:
    """The place columns of an ACLED row, most precise first."""
    names = [row.get(k, "") for k in ("location", "admin3", "admin2", "admin1", "country")]
    return tuple(n.strip() for n in names if n and n.strip())


def source_names(source: str) -> tuple[str, ...]:
    """News sources named in ACLED's ``source`` column (notes cite them: "SOHR reported")."""
    out: list[str] = []
    for part in re.split(r"[;]", source):
        part = re.sub(r"\S*https?://\S*", "", part).strip()
        for piece in re.split(r":\s*", part):
            piece = piece.strip()
            if not piece:
                continue
            out.append(_SUFFIX.sub(" ", piece).strip())
            inner = re.search(r"\(([^()]+)\)", piece)
            if inner:
                out.append(inner.group(1))
    return tuple(n for n in out if n and _has_capital(n))


@dataclass
class Knowledge:
    """Keys of names known anywhere in the corpus and the gazetteer: label → key set."""

    org: set[str]
    loc: set[str]
    curated: set[str]  # group names from rasid's own alias tables: these win over a place

    def label(self, key: str) -> str | None:
        if key in self.curated:
            return "ORG"
        in_org, in_loc = key in self.org, key in self.loc
        if in_org and not in_loc:
            return "ORG"
        if in_loc and not in_org:
            return "LOC"
        return None


def build_knowledge(rows: Iterable[Mapping[str, str]], *, gazetteer: bool = True) -> Knowledge:
    """Corpus-wide names: every row's actors, sources and places, plus rasid's gazetteer."""
    org: set[str] = set()
    loc: set[str] = set()
    for row in rows:
        for column in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"):
            for actor in row.get(column, "").split(";"):
                org.update(name_key(a) for a in actor_aliases(actor))
        org.update(name_key(s) for s in source_names(row.get("source", "")))
        loc.update(name_key(p) for p in place_names(row))
    if gazetteer:
        loc.update(name_key(n) for n in gazetteer_names())
    curated = {name_key(a) for _, aliases in _alias_table().values() for a in aliases}
    curated |= {name_key(a) for aliases in _dictionary_aliases().values() for a in aliases}
    curated = {k for k in curated if k and _has_capital_key(k)}
    org.discard("")
    loc.discard("")
    return Knowledge(org, loc, curated)


def _has_capital_key(key: str) -> bool:
    return len(key.replace("|", "")) >= 3


@cache
def gazetteer_names() -> frozenset[str]:
    """English place names of rasid's gazetteer and country list."""
    names: set[str] = set()
    for row in read_table("places.tsv").rows:
        names.add(row["name"])
        names.update(n for n in row["english"].split("|") if n)
    for cnames, _ in _countries().values():
        names.update(cnames)
    for row in read_table("gazetteer_countries.tsv").rows:
        names.add(row["country"])
        names.update(n for n in row["en_names"].split("|") if n)
    return frozenset(n for n in names if n and _has_capital(n))


@cache
def _not_entity_words() -> frozenset[str]:
    words = set(lexicon()["not_entity"])
    for _, demonyms in _countries().values():
        words.update(demonyms)
    for table, column in (("months.tsv", "form"), ("weekdays.tsv", "form")):
        for row in read_table(table).rows:
            if row.get("lang") == "en":
                words.add(row[column].title())
    return frozenset(words)


def _startable(tokens: Sequence[str], i: int, common: frozenset[str]) -> bool | None:
    """True: a name may start here; None: only a name of two words or more; False: none."""
    t = tokens[i]
    if t[:1].isupper():
        return None if t in _not_entity_words() or t.lower() in common else True
    return t in lexicon()["article"] and i + 1 < len(tokens) and tokens[i + 1] in _JOINERS


def _windows(tokens: Sequence[str], common: frozenset[str]) -> Iterable[tuple[int, int, str]]:
    """Candidate name windows ``[i, j)`` with their keys, longest first at each start.

    A window never starts on a word the corpus mostly writes in lower case
    ("Five", "Pro"), never holds a number, and a one-word window needs a
    key of three letters.
    """
    for i in range(len(tokens)):
        startable = _startable(tokens, i, common)
        if startable is False:
            continue
        for j in range(min(len(tokens), i + _MAX_WINDOW), i, -1):
            last = tokens[j - 1]
            if not last[:1].isalnum():
                continue
            if any((not t[:1].isalnum() and t not in _JOINERS) or t[:1].isdigit() for t in tokens[i:j]):
                continue
            key = phrase_key(tokens[i:j])
            if startable is None and sum(t[:1].isalpha() for t in tokens[i:j]) < 2:
                continue
            if not key.startswith("#") and len(key.replace("|", "")) < (3 if j - i == 1 else 2):
                continue
            yield i, j, key


def _person_spans(tokens: Sequence[str], taken: list[bool]) -> list[tuple[int, int]]:
    """Capitalised names right after a title ("Sheikh X", "commander named X Y") or before a
    speech verb ("X Y said"); a name before a verb needs two words and no article before it."""
    titles = lexicon()["title"]
    verbs = lexicon()["speech_verb"]
    articles = lexicon()["article"]

    def name_word(k: int) -> bool:
        t = tokens[k]
        if taken[k] or t in titles:
            return False
        if t[:1].isupper() and not (t.isupper() and len(t) > 1):
            return True
        return (t in articles or t == "-") and k + 1 < len(tokens) and tokens[k + 1][:1] in "-" + "".join(
            c for c in tokens[k + 1][:1] if c.isupper())

    out: list[tuple[int, int]] = []
    given = lexicon()["given_name"]
    for i in range(len(tokens)):
        if tokens[i] in given and not taken[i] and (i == 0 or not name_word(i - 1)):
            j = i + 1
            while j < len(tokens) and name_word(j):
                j += 1
            while j > i + 1 and not tokens[j - 1][:1].isupper():
                j -= 1
            if j - i <= 5 and not (j < len(tokens) and tokens[j] in lexicon()["org_head"]):
                out.append((i, j))
        elif tokens[i] in titles and i + 1 < len(tokens):
            j = i + 1
            while j < len(tokens) and name_word(j):
                j += 1
            while j > i + 1 and not tokens[j - 1][:1].isupper():
                j -= 1
            if j > i + 1 and j - i - 1 <= 5:
                out.append((i + 1, j))
        elif tokens[i] in verbs and i >= 2:
            j = i
            k = i
            while k > 0 and name_word(k - 1):
                k -= 1
            while k < j and not tokens[k][:1].isupper():
                k += 1
            words = sum(t[:1].isalpha() for t in tokens[k:j])
            if 2 <= words <= 4 and not any(a <= k < b for a, b in out) and (k == 0 or tokens[k - 1].lower() not in {"the", "a", "an"}) and \
                    tokens[k] not in {"The", "A", "An"} and not any(
                out_s <= k < out_e for out_s, out_e in out
            ):
                out.append((k, j))
    return out


_CONNECTORS = frozenset({"of", "for", "and", "the", "-", "'", "&", "al", "el"})


def _headed_runs(tokens: Sequence[str]) -> list[tuple[int, int, str]]:
    """Capitalised runs holding an organisation word ("Syrian Observatory for Human Rights") → ORG,
    or ending in a place word ("North Sinai Governorate") → LOC."""
    lex = lexicon()
    out: list[tuple[int, int, str]] = []
    i, n = 0, len(tokens)
    while i < n:
        if not tokens[i][:1].isupper() or tokens[i] in {"The", "A", "An"}:
            i += 1
            continue
        j = i + 1
        while j < n and (tokens[j][:1].isupper() or (
            tokens[j] in _CONNECTORS and j + 1 < n and tokens[j + 1][:1].isupper()
        )):
            j += 1
        run = tokens[i:j]
        if any(t in lex["org_head"] for t in run):
            out.append((i, j, "ORG"))
        elif len(run) >= 2 and run[-1] in lex["loc_head"]:
            out.append((i, j, "LOC"))
        i = j
    return out


def label_tokens(
    tokens: Sequence[str],
    own: Mapping[str, str],
    knowledge: Knowledge | None = None,
    common: frozenset[str] = frozenset(),
) -> tuple[list[str], list[str]]:
    """BIO labels of one sentence, and its unexplained capitalised words.

    ``own`` maps keys of the row's own names to ORG/LOC and wins over
    ``knowledge``; matching is longest-first, left to right. ``common`` holds
    lower-case words frequent in lower case, which start no name.
    """
    n = len(tokens)
    labels = ["O"] * n
    taken = [False] * n
    i = 0
    matches: list[tuple[int, int, str]] = []
    by_start: dict[int, list[tuple[int, str]]] = {}
    for s, e, key in _windows(tokens, common):
        by_start.setdefault(s, []).append((e, key))
    given = lexicon()["given_name"]
    while i < n:
        found = None
        for e, key in by_start.get(i, ()):
            label = own.get(key)
            if not label and knowledge and not (tokens[i] in given and e - i == 1):
                label = knowledge.label(key)  # a lone given name is no known place
            if label:
                found = (i, e, label)
                break
        if found:
            matches.append(found)
            i = found[1]
        else:
            i += 1
    for s, e, label in _headed_runs(tokens):
        matches = [m for m in matches if m[1] <= s or m[0] >= e] + [(s, e, label)]
    for s, e, label in matches:
        for k in range(s, e):
            labels[k] = ("B-" if k == s else "I-") + label
            taken[k] = True
    for s, e in _person_spans(tokens, taken):
        for k in range(s, e):
            labels[k] = ("B-" if k == s else "I-") + "PER"
            taken[k] = True
    skip = _not_entity_words() | lexicon()["title"] | lexicon()["article"].union(
        a.title() for a in lexicon()["article"]
    )
    first_word = next((k for k, t in enumerate(tokens) if t[:1].isalnum()), 0)
    unexplained = [
        t
        for k, t in enumerate(tokens)
        if t[:1].isupper() and not taken[k] and k != first_word and t not in skip
        and not (k > 0 and tokens[k - 1] in {'"', "“", "'", "(", ":"})
    ]
    return labels, unexplained


def own_names(rows: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """Keys of the names coded in the rows of one note: actors → ORG, places → LOC."""
    own: dict[str, str] = {}
    for row in rows:
        for name in place_names(row):
            own.setdefault(name_key(name), "LOC")
    for row in rows:
        for column in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"):
            for actor in row.get(column, "").split(";"):
                for alias in actor_aliases(actor):
                    key = name_key(alias)
                    if own.get(key) == "LOC":
                        own[key] = ""  # a name coded as both: leave it to the model
                    else:
                        own.setdefault(key, "ORG")
        for source in source_names(row.get("source", "")):
            own.setdefault(name_key(source), "ORG")
    own.pop("", None)
    return {k: v for k, v in own.items() if v}


def sentence_tokens(text: str) -> list[list[tuple[str, int]]]:
    """rasid's sentences and tokens of an English text: per sentence, (original token, start)."""
    norm = normalize(text)
    sentences = split_sentences(norm)
    out: list[list[tuple[str, int]]] = []
    index = {s.index: len(out) + i for i, s in enumerate(sentences)}
    out = [[] for _ in sentences]
    bounds = [(s.span.start, s.span.end, index[s.index]) for s in sentences]
    b = 0
    last = None
    for tok in tokenize(norm, sentences):
        if last is not None and tok.span == last:
            continue  # clitic pieces share their word's span
        last = tok.span
        while b + 1 < len(bounds) and tok.span.start >= bounds[b][1]:
            b += 1
        out[bounds[b][2]].append((text[tok.span.start : tok.span.end], tok.span.start))
    return [s for s in out if s]


def label_note(
    note: str,
    rows: Sequence[Mapping[str, str]],
    knowledge: Knowledge | None = None,
    common: frozenset[str] = frozenset(),
) -> list[LabelledSentence]:
    """Weak labels of every sentence of one note, from the rows coded from it."""
    own = own_names(rows)
    done: list[tuple[list[str], list[str], list[tuple[str, int]]]] = []
    for sentence in sentence_tokens(note):
        tokens = [t for t, _ in sentence]
        labels, unexplained = label_tokens(tokens, own, knowledge, common)
        done.append((labels, unexplained, sentence))
    # A person named in full is later named by one part of the name ("Zira said").
    parts = {
        t for labels, _, sentence in done for (t, _), lab in zip(sentence, labels, strict=True)
        if lab.endswith("-PER") and t[:1].isupper() and len(t) > 2
    }
    out: list[LabelledSentence] = []
    for labels, unexplained, sentence in done:
        tokens = [t for t, _ in sentence]
        for k, t in enumerate(tokens):
            if t in parts and labels[k] == "O":
                labels[k] = "I-PER" if k and labels[k - 1].endswith("-PER") else "B-PER"
                if t in unexplained:
                    unexplained.remove(t)
        out.append(
            LabelledSentence(tuple(tokens), tuple(s for _, s in sentence), tuple(labels), tuple(unexplained))
        )
    return out


def common_words(notes: Iterable[str], min_count: int = 3) -> frozenset[str]:
    """Words a corpus writes in lower case at least ``min_count`` times and more often than capitalised."""
    lower: dict[str, int] = {}
    upper: dict[str, int] = {}
    for note in notes:
        for word in _WORD.findall(note):
            if not word[:1].isalpha():
                continue
            table = lower if word[0].islower() else upper
            key = word.lower()
            table[key] = table.get(key, 0) + 1
    articles = lexicon()["article"]
    return frozenset(
        w for w, n in lower.items() if n >= min_count and n > upper.get(w, 0) and w not in articles
    )
