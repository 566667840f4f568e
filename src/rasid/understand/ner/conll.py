"""CoNLL files: one token a line (token first, then columns), blank line between sentences.

Kept separate from tagging so the bench, the trainer and ``rasid ner`` read the
corpora the same way, and so a malformed file fails with its line number.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path


class ConllError(ValueError):
    """A CoNLL file that cannot be read: names the file and line."""


@dataclass(frozen=True, slots=True)
class ConllSentence:
    """The rows of one sentence, each a list of whitespace-separated columns."""

    rows: tuple[tuple[str, ...], ...]
    line: int  # 1-based line of the first row, for messages

    @property
    def tokens(self) -> list[str]:
        return [row[0] for row in self.rows]

    def column(self, index: int) -> list[str]:
        return [row[index] for row in self.rows]


def parse_conll(lines: Iterable[str], *, name: str = "<input>", min_columns: int = 1) -> Iterator[ConllSentence]:
    """Sentences of CoNLL ``lines``; ``min_columns`` rejects rows lacking a tag column."""
    rows: list[tuple[str, ...]] = []
    first = 0
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            if rows:
                yield ConllSentence(tuple(rows), first)
                rows = []
            continue
        if "\x00" in line:
            raise ConllError(f"{name}:{number}: binary data, not a CoNLL text file")
        columns = tuple(line.split())
        if len(columns) < min_columns:
            raise ConllError(f"{name}:{number}: expected at least {min_columns} columns, got {len(columns)}: {line[:60]!r}")
        if not rows:
            first = number
        rows.append(columns)
    if rows:
        yield ConllSentence(tuple(rows), first)


def read_conll(path: str | Path, *, min_columns: int = 1) -> list[ConllSentence]:
    """All sentences of a UTF-8 CoNLL file; :class:`ConllError` on a bad file."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8") as handle:
            return list(parse_conll(handle, name=str(path), min_columns=min_columns))
    except UnicodeDecodeError as error:
        raise ConllError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from error
    except OSError as error:
        raise ConllError(f"{path}: {error.strerror or error}") from error


def format_conll(sentences: Iterable[ConllSentence], extra: Iterable[list[str]]) -> Iterator[str]:
    """Lines of ``sentences`` with one more column per row (``extra``, a list per sentence)."""
    for sentence, column in zip(sentences, extra, strict=True):
        if len(column) != len(sentence.rows):
            raise ValueError("one value per row is needed")
        for row, value in zip(sentence.rows, column, strict=True):
            yield " ".join((*row, value)) + "\n"
        yield "\n"
