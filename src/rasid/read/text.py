"""Plain-text and Markdown articles: one file, one document."""

from __future__ import annotations

from collections.abc import Iterator

from rasid.model import Document
from rasid.read.records import Loaded, ReadItem, Skipped, Source


def read_plain(text: str, where: Source, doc_id: str) -> Iterator[ReadItem]:
    """Yield the document of one text file.

    Windows and old-Mac line ends become ``\\n`` so that offsets do not depend on
    which editor saved the file; nothing else is touched, since every span the
    pipeline reports points into this text.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        yield Skipped(where, "no text (the file is blank)")
        return
    yield Loaded(Document(text=text, doc_id=doc_id), where)
