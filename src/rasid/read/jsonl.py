"""JSON Lines corpora: one article a line, as the gold files and scraped corpora store them.

Field names differ between corpora, so a few aliases are read: ``content``
for ``text`` and ``date``/``date_extracted`` for ``published`` (SaudiNewsNet),
``source`` for ``outlet``. Unknown fields are ignored, so gold files (which add
``events`` and ``quotes``) are valid input. A broken line is skipped with its
line number; the lines after it are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from rasid.model import Document
from rasid.read.fields import first_present, optional_text, parse_lang, parse_published
from rasid.read.records import Loaded, ReadItem, Skipped, Source, Warned

_TEXT_FIELDS = ("text", "content")
_DATE_FIELDS = ("published", "date", "date_extracted")
_OUTLET_FIELDS = ("outlet", "source")


def read_jsonl(text: str, path: str, stem: str) -> Iterator[ReadItem]:
    """Yield one item per non-blank line of ``text``; ids default to ``<stem>:<line>``."""
    # Split on "\n" only: str.splitlines() would also break on U+2028 and other
    # separators that JSON allows raw inside strings.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        yield from _read_line(line, Source(path, number), f"{stem}:{number}")


def _read_line(line: str, where: Source, default_id: str) -> Iterator[ReadItem]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        yield Skipped(where, f"invalid JSON ({error.msg} at column {error.colno})")
        return
    if not isinstance(record, dict):
        yield Skipped(where, f"a JSON {type(record).__name__} where an object with a 'text' field was expected")
        return
    text = first_present(record, _TEXT_FIELDS)
    if not isinstance(text, str):
        found = "missing" if text is None else f"a {type(text).__name__}, not a string"
        yield Skipped(where, f"no article text: the 'text' (or 'content') field is {found}")
        return
    if not text.strip():
        yield Skipped(where, "no article text: the 'text' field is blank")
        return
    published, problem = parse_published(first_present(record, _DATE_FIELDS))
    if problem:
        yield Warned(where, problem)
    lang, problem = parse_lang(record.get("lang"))
    if problem:
        yield Warned(where, problem)
    doc_id = record.get("doc_id")
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int) or not str(doc_id).strip():
        doc_id = default_id
    yield Loaded(
        Document(
            text=text,
            doc_id=str(doc_id).strip(),
            lang=lang,
            published=published,
            url=optional_text(record.get("url")),
            outlet=optional_text(first_present(record, _OUTLET_FIELDS)),
            title=optional_text(record.get("title")),
        ),
        where,
    )

