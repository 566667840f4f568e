"""Planning: the inputs cut into partitions of at most N documents, each a list of pieces.

The plan depends only on the inputs and the partition size, so a resumed run
plans the same partitions and the manifest's partition numbers still mean the
same documents.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rasid.batch.inputs import Piece, require_pyarrow
from rasid.batch.manifest import BatchError
from rasid.read.files import FORMATS, NOT_ARTICLES

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})


@dataclass(frozen=True, slots=True)
class Partition:
    """What one worker task reads: its number, its pieces and how many records they hold."""

    index: int
    pieces: tuple[Piece, ...]
    records: int

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"


def input_files(paths: Sequence[str]) -> list[Path]:
    """Every file the inputs name: files as given, folders walked in sorted order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = [p for p in sorted(path.rglob("*")) if p.is_file() and _readable(p)]
            if not found:
                raise BatchError(f"{raw}: no readable files in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise BatchError(f"{raw}: no such file or folder")
    return files


def _readable(path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix in PARQUET_SUFFIXES:
        return True
    return suffix in FORMATS and path.stem.lower() not in NOT_ARTICLES and not path.name.startswith(".")


def plan(files: Sequence[Path], size: int) -> list[Partition]:
    """Cut the records of ``files`` into partitions of ``size`` records (the last may be smaller)."""
    if size < 1:
        raise BatchError("--partition-size must be at least 1")
    partitions: list[Partition] = []
    pieces: list[Piece] = []
    count = 0
    for piece, records in _pieces(files, size):
        # Fill the current partition up to `size`; a piece never straddles two partitions
        # because _pieces already cut at most `size` records per piece, and it is split here.
        pieces.append(piece)
        count += records
        if count >= size:
            partitions.append(Partition(len(partitions), tuple(pieces), count))
            pieces, count = [], 0
    if pieces:
        partitions.append(Partition(len(partitions), tuple(pieces), count))
    return partitions


def _pieces(files: Sequence[Path], size: int) -> Iterator[tuple[Piece, int]]:
    """Pieces with their record counts, aligned so that partitions hold exactly ``size`` records."""
    room = size  # records left in the partition being filled
    for path in files:
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            lines = _jsonl_lines(path)
            at = 0
            while at < len(lines):
                take = lines[at:at + room]
                yield Piece("jsonl", str(path), take[0][1], take[-1][2], take[0][0]), len(take)
                at += len(take)
                room = room - len(take) or size
        elif suffix in PARQUET_SUFFIXES:
            rows = require_pyarrow().ParquetFile(path).metadata.num_rows
            at = 0
            while at < rows:
                count = min(room, rows - at)
                yield Piece("parquet", str(path), at, at + count), count
                at += count
                room = room - count or size
        else:
            yield Piece("file", str(path)), 1
            room = room - 1 or size


def _jsonl_lines(path: Path) -> list[tuple[int, int, int]]:
    """(line number, start byte, stop byte) of every non-blank line."""
    lines: list[tuple[int, int, int]] = []
    offset = 0
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if raw.strip():
                lines.append((number, offset, offset + len(raw)))
            offset += len(raw)
    return lines
