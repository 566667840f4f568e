"""What a reader yields: a document, or a note about why something was not one.

Readers never raise for bad input and never print: they yield :class:`Skipped`
and :class:`Warned` records naming the file (and line), so the caller decides
whether to report and carry on or stop (``rasid extract --strict``), and a
corpus with one broken line still gets read.
"""

from __future__ import annotations

from dataclasses import dataclass

from rasid.model import Document


@dataclass(frozen=True, slots=True)
class Source:
    """Where an input came from: a path (``<stdin>`` for standard input) and a 1-based line."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else self.path


@dataclass(frozen=True, slots=True)
class Loaded:
    """A document read successfully."""

    document: Document
    where: Source


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that yields no document, and why."""

    where: Source
    reason: str


@dataclass(frozen=True, slots=True)
class Warned:
    """A problem that does not stop the document (e.g. an unreadable date, set to none)."""

    where: Source
    message: str


ReadItem = Loaded | Skipped | Warned
