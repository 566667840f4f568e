"""What the full-text index holds and how a query is written for it.

FTS5's own tokenizer removes diacritics but knows nothing of hamza forms,
taa marbuta or Arabic clitics. So the indexed body is rasid's normalised
text (:func:`rasid.text.normalize.normalize` folds hamza and letter
variants) followed by the clitic-stripped stem of every Arabic word that has
clitics (``وبالمدينة`` → ``مدينه``); a query word matches its written form or
its stem, so ``المدينة``, ``مدينة`` and ``بالمدينة`` find each other.
"""

from __future__ import annotations

import re

from rasid.text.normalize import normalize
from rasid.text.tokens import segment

_ARABIC_WORD = re.compile(r"[\u0621-\u063a\u0641-\u064a]+")
_QUERY_WORD = re.compile(r"\w+")


def stem(light: str) -> str:
    """The normalised stem of an Arabic word with its clitics and article removed.

    ``light`` is the word normalised without letter folding: the segmenter
    needs ``ة`` and ``أ`` as written to tell them from a pronoun or the article.
    """
    _, core, _ = segment(light)
    return core or normalize(light).text


def _stems(text: str) -> list[tuple[str, str]]:
    """(normalised word, stem) for every Arabic word of ``text``."""
    light = normalize(text, fold_letters=False).text
    return [(normalize(word).text, stem(word)) for word in _ARABIC_WORD.findall(light)]


def index_body(text: str, norm_text: str) -> str:
    """The normalised text plus the stems of its Arabic words that carry clitics."""
    stems: dict[str, None] = {}
    for word, core in _stems(text):
        if core != word:
            stems.setdefault(core)
    return norm_text + ("\n" + " ".join(stems) if stems else "")


def match_query(query: str) -> str | None:
    """An FTS5 MATCH expression for a free-text query: every word, as written or as a stem.

    Words are quoted, so FTS5 operators typed by a user (``OR``, ``NEAR``,
    ``*``, ``:``) are searched as text instead of being interpreted; None when
    the query has no words.
    """
    terms = []
    for word in _QUERY_WORD.findall(normalize(query, fold_letters=False).text):
        forms = {normalize(word).text}
        if _ARABIC_WORD.fullmatch(word):
            forms.add(stem(word))
        terms.append("(" + " OR ".join(f'"{form}"' for form in sorted(forms)) + ")")
    return " AND ".join(terms) if terms else None


def query_forms(query: str) -> list[str]:
    """Every normalised form a query word may take in the text, for highlighting."""
    forms: list[str] = []
    for word in _QUERY_WORD.findall(normalize(query, fold_letters=False).text):
        forms.append(normalize(word).text)
        if _ARABIC_WORD.fullmatch(word):
            forms.append(stem(word))
    return sorted(set(forms), key=len, reverse=True)
