"""Reading one slice of the inputs: JSON Lines byte ranges, Parquet row ranges, single files.

Workers get a :class:`Piece` (a path and a range), never the documents, so a
partition descriptor stays a few hundred bytes whatever the articles weigh.
Field names are configurable because every corpus names its columns its own way.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from rasid.model import Document
from rasid.read import Loaded, Skipped, read_path
from rasid.read.fields import first_present, optional_text, parse_lang, parse_published

PieceKind = Literal["jsonl", "parquet", "file"]


@dataclass(frozen=True, slots=True)
class FieldNames:
    """Which record fields hold what; each tuple is tried in order (the first non-null wins)."""

    text: tuple[str, ...] = ("text", "content")
    doc_id: tuple[str, ...] = ("doc_id", "id")
    published: tuple[str, ...] = ("published", "date", "date_extracted")
    title: tuple[str, ...] = ("title",)
    url: tuple[str, ...] = ("url",)
    outlet: tuple[str, ...] = ("outlet", "source")
    lang: tuple[str, ...] = ("lang",)

    @classmethod
    def with_overrides(cls, **names: str | None) -> FieldNames:
        """Defaults, with each given name replacing its field's aliases."""
        base = cls()
        changes = {key: (value,) for key, value in names.items() if value}
        return cls(**{**{f: getattr(base, f) for f in cls.__slots__}, **changes})

    def as_dict(self) -> dict[str, list[str]]:
        return {name: list(getattr(self, name)) for name in self.__slots__}


@dataclass(frozen=True, slots=True)
class Piece:
    """One contiguous slice of one input: bytes [start, stop) of a JSONL file, rows of a Parquet file,
    or a whole text/HTML file (start=stop=0). ``first_line`` numbers JSONL lines for default ids."""

    kind: PieceKind
    path: str
    start: int = 0
    stop: int = 0
    first_line: int = 1


@dataclass(frozen=True, slots=True)
class Item:
    """One document read from a piece, or the reason there is none (``document`` None)."""

    where: str
    document: Document | None
    problem: str | None = None


def read_piece(piece: Piece, fields: FieldNames) -> Iterator[Item]:
    """The documents of one slice, in input order."""
    if piece.kind == "jsonl":
        yield from _read_jsonl_range(piece, fields)
    elif piece.kind == "parquet":
        yield from _read_parquet_rows(piece, fields)
    else:
        for item in read_path(piece.path):
            if isinstance(item, Loaded):
                yield Item(str(item.where), item.document)
            elif isinstance(item, Skipped):
                yield Item(str(item.where), None, item.reason)


def _read_jsonl_range(piece: Piece, fields: FieldNames) -> Iterator[Item]:
    with open(piece.path, "rb") as handle:
        handle.seek(piece.start)
        data = handle.read(piece.stop - piece.start)
    stem = Path(piece.path).stem
    for number, raw in enumerate(data.split(b"\n"), start=piece.first_line):
        if not raw.strip():
            continue
        where = f"{piece.path}:{number}"
        try:
            record = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            yield Item(where, None, f"invalid JSON ({error})")
            continue
        if not isinstance(record, dict):
            yield Item(where, None, "not a JSON object")
            continue
        yield _document(record, fields, where, f"{stem}:{number}")


def _read_parquet_rows(piece: Piece, fields: FieldNames) -> Iterator[Item]:
    pq = require_pyarrow()
    table = pq.read_table(piece.path).slice(piece.start, piece.stop - piece.start)
    stem = Path(piece.path).stem
    for offset, record in enumerate(table.to_pylist()):
        row = piece.start + offset
        yield _document(record, fields, f"{piece.path}#{row}", f"{stem}#{row}")


def _document(record: dict[str, Any], fields: FieldNames, where: str, default_id: str) -> Item:
    text = first_present(record, fields.text)
    if not isinstance(text, str) or not text.strip():
        return Item(where, None, f"no article text in field {'/'.join(fields.text)}")
    published, _ = parse_published(_as_text(first_present(record, fields.published)))
    lang, _ = parse_lang(first_present(record, fields.lang))
    doc_id = first_present(record, fields.doc_id)
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int) or not str(doc_id).strip():
        doc_id = default_id
    document = Document(
        text=text, doc_id=str(doc_id).strip(), lang=lang, published=published,
        url=optional_text(first_present(record, fields.url)),
        outlet=optional_text(first_present(record, fields.outlet)),
        title=optional_text(first_present(record, fields.title)),
    )
    return Item(where, document)


def _as_text(value: Any) -> Any:
    """Parquet date/timestamp columns arrive as date/datetime objects; the date parser reads text."""
    return value.isoformat() if hasattr(value, "isoformat") else value



def require_pyarrow() -> Any:
    """pyarrow.parquet, or a clear error naming the extra that installs it."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        from rasid.batch.manifest import BatchError

        raise BatchError("Parquet needs pyarrow: pip install 'rasid[export]'") from None
    return pq
