"""Tokenisation with conservative Arabic clitic segmentation.

Each written word becomes one token, except an Arabic word carrying clitics,
which becomes a proclitic token per clitic (``و`` ``ف`` ``ب`` ``ل`` ``ك``
``س`` ``ال``), a stem and possibly one enclitic pronoun; all pieces of a word
share its ``word_index`` and the span of the written word. ``لل`` is ل plus
the article, whose alef is not written: its pieces are ``ل`` and ``ال``.

Segmentation is deliberately cautious, because a wrongly stripped letter
corrupts the stem (بغداد is no ب + غداد, وزير no و + زير): a clitic comes off
only when the stem left is long enough (three letters, or a listed
function word) and the word is not listed in ``clitic_exceptions.tsv``,
which records, from corpus counts, words whose first or last letters belong
to the stem. The article is only recognised with a plain alef in the
original (``أ`` ``إ`` ``آ`` start other words: ألقى, إلى), an enclitic ``ه``
never where the original has ``ة``, and no pronoun is split off a word that
has the article. The ambiguous first- and second-person pronouns (ي ك كم)
are split only from the short prepositions and particles that take them.

Where a one-letter proclitic is written onto a quotation (``بـ«قسد»``, seen
as ``ب«قسد»`` once the tatweel is gone) or a number (``بـ20``), it is a
proclitic of the following word: the three tokens ``ب`` ``«`` ``قسد`` share a
word index, each with its own span, since there the pieces are separate
characters of the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from rasid.model import Sentence, Span, Token
from rasid.resources import read_table
from rasid.text.normalize import NormalizedText

_ARABIC = "\u0620-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff\u0750-\u077f\u08a0-\u08ff"
_TOKEN = re.compile(
    r"(?P<number>\d+(?:[.,]\d+)*)"
    rf"|(?P<arabic>[{_ARABIC}]+)"
    rf"|(?P<word>[^\W\d_{_ARABIC}\u0640]+)"
    r"|(?P<punct>([^\w\s]|_)\5*)"
)
_QUOTE_MARKS = frozenset('«»"\'')
_CONJUNCTIONS = frozenset("وف")
_PREPOSITIONS = frozenset("بلك")
# Enclitics split from any long enough stem, longest first.
_ENCLITICS = ("هما", "ها", "هم", "هن", "نا", "ه")
# Enclitics split only from listed hosts (prepositions, particles), longest first.
_HOST_ENCLITICS = ("هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا", "ني", "ه", "ك", "ي")
MIN_STEM = 3
# Original letters that the normaliser folds but that decide a segmentation.
_HAMZA_ALEFS = frozenset("أإآ")
_KEPT_ORIGINAL = frozenset("أإآةى")


# Tokens are the most numerous objects rasid makes (a quarter of the characters);
# the frozen dataclasses' __init__ costs more than the rest of tokenisation, so
# they are filled through their slot descriptors. Both classes have no
# __post_init__ work left to do here: spans come from the offset map and are valid.
_new = object.__new__
_set_start, _set_end = getattr(Span, "start").__set__, getattr(Span, "end").__set__  # noqa: B009
_set_span, _set_norm = getattr(Token, "span").__set__, getattr(Token, "norm").__set__  # noqa: B009
_set_role, _set_index = getattr(Token, "role").__set__, getattr(Token, "word_index").__set__  # noqa: B009


def _span(start: int, end: int) -> Span:
    span = _new(Span)
    _set_start(span, start)
    _set_end(span, end)
    return span


def _token(span: Span, norm: str, role: str, index: int) -> Token:
    token = _new(Token)
    _set_span(token, span)
    _set_norm(token, norm)
    _set_role(token, role)
    _set_index(token, index)
    return token


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists of ``clitic_exceptions.tsv``, by kind."""

    keep: frozenset[str] = frozenset()  # first letters belong to the stem
    keep_end: frozenset[str] = frozenset()  # last letters belong to the stem
    host: frozenset[str] = frozenset()  # short words that take enclitic pronouns
    short: frozenset[str] = frozenset()  # two-letter words that may carry و/ف
    future: frozenset[str] = frozenset()  # verbs whose initial س is the future particle


@cache
def lexicon() -> Lexicon:
    kinds: dict[str, set[str]] = {}
    for row in read_table("clitic_exceptions.tsv").rows:
        kinds.setdefault(row["kind"], set()).add(row["word"])
    return Lexicon(**{k: frozenset(kinds.get(k, ())) for k in Lexicon.__dataclass_fields__})


def _fold(light: str) -> str:
    return light.translate(_FOLD)


_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي"})


def _kept(form: str, words: frozenset[str]) -> bool:
    """Whether ``form``, or ``form`` less a pronoun suffix, is listed in ``words``."""
    if form in words:
        return True
    return len(form) > 4 and any(form.endswith(e) and form[: -len(e)] in words for e in _ENCLITICS)


def _is_host_form(form: str, lex: Lexicon) -> bool:
    """``فيها`` ``لديه`` ``كلها``: a listed host word, bare or with a pronoun."""
    if form in lex.host:
        return True
    return any(form.endswith(e) and form[: -len(e)] in lex.host for e in _HOST_ENCLITICS if len(form) > len(e))


def segment(light: str, lex: Lexicon | None = None) -> tuple[tuple[str, ...], str, str]:
    """Split one Arabic word into (proclitics, stem, enclitic).

    ``light`` is the normalised word except that ``أ إ آ ة ى`` are kept as the
    original wrote them (they tell the article and taa marbuta apart); the
    pieces returned are fully normalised.
    """
    return _segment(light, lex or lexicon())


def _segment(light: str, lex: Lexicon) -> tuple[tuple[str, ...], str, str]:
    word = _fold(light)
    pieces: list[str] = []
    pos = 0  # letters consumed from the front
    article = False

    def rest() -> str:
        return word[pos:]

    # 1. conjunction و / ف
    r = rest()
    if len(r) > 1 and r[0] in _CONJUNCTIONS and not _kept(r, lex.keep) and not _is_host_form(r, lex):
        tail = r[1:]
        if len(tail) >= MIN_STEM or tail in lex.short:
            pieces.append(r[0])
            pos += 1
    # 2. preposition ب ل ك (لل = ل + article), or the future particle س
    r = rest()
    if len(r) > 2 and not _kept(r, lex.keep):
        if r.startswith("لل") and len(r) - 2 >= 2:
            pieces += ["ل", "ال"]
            pos += 2
            article = True
        elif (
            r[0] in _PREPOSITIONS
            and len(r) - 1 >= MIN_STEM
            and (r[0] != "ك" or r.startswith("ال", 1))
            and not _is_host_form(r, lex)
        ):
            # ك is far more often a stem letter (كامل, كمين) than "like": only before the article
            pieces.append(r[0])
            pos += 1
        elif r[0] == "س" and r in lex.future:
            pieces.append("س")
            pos += 1
    # 3. the article, only with a plain alef in the original
    r = rest()
    if (
        not article
        and r.startswith("ال")
        and light[pos] == "ا"
        and len(r) - 2 >= 2
        and not _kept(r, lex.keep)
    ):
        pieces.append("ال")
        pos += 2
        article = True
    stem = rest()
    # 4. one enclitic pronoun, never on a word with the article
    enclitic = ""
    if not article and stem not in lex.keep_end:
        if stem in lex.host:
            pass
        else:
            enclitic = _enclitic(stem, light, lex)
    if enclitic:
        stem = stem[: -len(enclitic)]
    return tuple(pieces), stem, enclitic


def _enclitic(stem: str, light: str, lex: Lexicon) -> str:
    for e in _HOST_ENCLITICS:
        if stem.endswith(e) and stem[: -len(e)] in lex.host:
            if light[-1] in _KEPT_ORIGINAL:
                continue  # ة or ى in the original: not a pronoun
            return e
    for e in _ENCLITICS:
        if not stem.endswith(e):
            continue
        base = stem[: -len(e)]
        if len(base) < MIN_STEM:
            continue
        if e == "ه" and (light[-1] == "ة" or base[-1] in "اوي"):
            continue  # taa marbuta, or اتجاه / مكروه / توجيه
        return e
    return ""


def _light(norm: NormalizedText, start: int, end: int) -> str:
    """The normalised word with the few folded letters that matter restored."""
    text = norm.text[start:end]
    original = norm.original
    starts = norm.starts
    out = None
    for idx in (0, 1, 2, 3, end - start - 1):
        if 0 <= idx < end - start:
            ch = original[starts[start + idx]]
            if ch in _KEPT_ORIGINAL:
                if out is None:
                    out = list(text)
                out[idx] = ch
    return text if out is None else "".join(out)


def _attaches(text: str, end: int, limit: int) -> bool:
    """Whether proclitic letters ending at ``end`` are written onto what follows.

    That is a number (``بـ20``) or a quotation (``بـ«قسد»``) with no space between.
    """
    if end >= limit:
        return False
    nxt = text[end]
    if nxt.isdigit():
        return True
    return nxt in _QUOTE_MARKS and end + 1 < limit and text[end + 1].isalnum()


def _proclitic_pieces(word: str) -> list[str] | None:
    """``ب`` ``ل`` ``وب`` ``ولل`` …: the pieces, if the word is nothing but proclitics."""
    pieces: list[str] = []
    w = word
    if len(w) > 1 and w[0] in _CONJUNCTIONS:
        pieces.append(w[0])
        w = w[1:]
    if w == "لل":
        return [*pieces, "ل", "ال"]
    if w in _PREPOSITIONS or (not pieces and w in _CONJUNCTIONS):
        return [*pieces, w]
    return None


def tokenize(norm: NormalizedText, sentences: tuple[Sentence, ...]) -> tuple[Token, ...]:
    """Tokens of every sentence, in order; ``word_index`` counts written words document-wide."""
    out: list[Token] = []
    word_index = 0
    for sentence in sentences:
        lo, hi = norm.from_original(sentence.span.start, sentence.span.end)
        word_index = _tokenize_range(norm, lo, hi, word_index, out)
    return tuple(out)


def _tokenize_range(norm: NormalizedText, lo: int, hi: int, word_index: int, out: list[Token]) -> int:
    text = norm.text
    starts, ends = norm.starts, norm.ends
    append = out.append
    attach: int | None = None  # word index a written-on proclitic waits to join
    previous_end = -1
    for m in _TOKEN.finditer(text, lo, hi):
        s, e = m.span()
        kind = m.lastgroup
        piece = m.group()
        span = _span(starts[s], ends[e - 1])
        if attach is not None and s == previous_end:
            previous_end = e
            if kind == "arabic":
                _emit_arabic(norm, s, piece, span, attach, out, joined=True)
            elif kind == "number":
                append(_token(span, piece, "number", attach))
            elif kind == "word":
                append(_token(span, piece, "stem", attach))
            else:
                append(_token(span, piece, "punct", attach))
                if piece in _QUOTE_MARKS:
                    continue  # the word itself follows the quote mark
            attach = None
            continue
        attach = None
        previous_end = e
        if kind == "arabic":
            if len(piece) <= 3 and _attaches(text, e, hi):
                pieces = _proclitic_pieces(piece)
                if pieces is not None:
                    out.extend(_token(span, p, "proclitic", word_index) for p in pieces)
                    attach = word_index
                    word_index += 1
                    continue
            _emit_arabic(norm, s, piece, span, word_index, out)
        elif kind == "word" or kind == "number":
            append(_token(span, piece, kind, word_index))
        else:
            append(_token(span, piece, "punct", word_index))
        word_index += 1
    return word_index


Plan = tuple[tuple[tuple[str, str], ...], int, bool]
_PLANS: dict[str, Plan] = {}
_MAX_PLANS = 200_000


def _plan(light: str) -> Plan:
    """Cached segmentation of a word as (pieces with roles, article alef position or -1, has enclitic)."""
    plan = _PLANS.get(light)
    if plan is None:
        proclitics, stem, enclitic = _segment(light, lexicon())
        if not proclitics and not enclitic:
            pieces: tuple[tuple[str, str], ...] = ((_fold(light), "word"),)
        else:
            pieces = (
                *((p, "proclitic") for p in proclitics),
                (stem, "stem"),
                *(((enclitic, "enclitic"),) if enclitic else ()),
            )
        alef = proclitics.index("ال") if "ال" in proclitics else -1
        if alef >= 0 and light[alef] != "ا":
            alef = -1  # لل: the article's alef is not written
        plan = (pieces, alef, bool(enclitic))
        if len(_PLANS) < _MAX_PLANS:
            _PLANS[light] = plan
    return plan


def _emit_arabic(
    norm: NormalizedText,
    s: int,
    word: str,
    span: Span,
    index: int,
    out: list[Token],
    *,
    joined: bool = False,
) -> None:
    """The tokens of one written Arabic word; ``joined``: it follows a written-on proclitic."""
    pieces, alef, has_enclitic = _plan(word)
    if alef >= 0 or has_enclitic:
        # The plain reading assumed a plain alef and a final ه/ي; check the original.
        original, starts = norm.original, norm.starts
        if (has_enclitic and original[starts[s + len(word) - 1]] in _KEPT_ORIGINAL) or (
            alef >= 0 and original[starts[s + alef]] in _HAMZA_ALEFS
        ):
            pieces = _plan(_light(norm, s, s + len(word)))[0]
    if len(pieces) == 1:
        out.append(_token(span, word, "stem" if joined else "word", index))
        return
    for piece, role in pieces:
        out.append(_token(span, piece, role, index))


def words(tokens: Iterable[Token]) -> list[list[Token]]:
    """Group tokens by written word (consecutive tokens sharing ``word_index``)."""
    groups: list[list[Token]] = []
    for token in tokens:
        if groups and groups[-1][0].word_index == token.word_index:
            groups[-1].append(token)
        else:
            groups.append([token])
    return groups
