"""Text for terminals: cells cut to a width, Arabic runs isolated so bidi cannot scramble a line."""

from __future__ import annotations

import re
import unicodedata


def cell(value: str, width: int) -> str:
    """One line of at most ``width`` columns, each Arabic run isolated from its neighbours."""
    return _RTL_RUN.sub(lambda run: f"\u2068{run.group()}\u2069", fit(value, width))


def fit(value: str, width: int) -> str:
    """``value`` on one line, cut with an ellipsis to at most ``width`` columns."""
    text = " ".join(value.split())
    if display_width(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        used += _char_width(char)
        if used > width - 1:
            break
        kept.append(char)
    return "".join(kept).rstrip() + "…"


def actor_pair(actor1: str | None, actor2: str | None, width: int) -> str:
    """``actor1 → actor2`` in ``width`` columns: when too long, both are cut, not just the second."""
    actors = [a for a in (actor1, actor2) if a]
    if not actors:
        return "-"
    joined = " → ".join(actors)
    if len(actors) == 1 or display_width(joined) <= width:
        return joined
    budget = width - 3
    short = min(display_width(a) for a in actors)
    if short <= budget // 2:  # the short name whole, the long one cut to what is left
        return " → ".join(a if display_width(a) == short else fit(a, budget - short) for a in actors)
    return " → ".join(fit(a, budget // 2) for a in actors)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def display_width(text: str) -> int:
    return sum(_char_width(char) for char in text)


def _char_width(char: str) -> int:
    """Terminal columns of one character: none for marks and format controls, two for wide ones."""
    if unicodedata.category(char) in {"Mn", "Me", "Cf"}:
        return 0
    return 2 if unicodedata.east_asian_width(char) in {"W", "F"} else 1


# From the first to the last right-to-left letter of a stretch with no Latin letter in it:
# "كركوك, Kirkuk" isolates only "كركوك", so "Kirkuk" keeps its place.
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe"
_RTL_RUN = re.compile(f"[{_RTL}](?:[^A-Za-z\n]*[{_RTL}])?")
