"""Paths, folders and standard input to documents: the one entry point the CLI uses.

Each path is read by what its extension says (``.txt``/``.md`` text,
``.html``/``.htm`` pages, ``.jsonl`` corpora); standard input and files with
other extensions are recognised by their content. Every problem becomes a
:class:`~rasid.read.records.Skipped` record naming the file, so one bad file
never stops a corpus.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Literal

from rasid.read.decode import REPLACED, Undecodable, decode_bytes
from rasid.read.html import looks_like_html, read_html, read_html_bytes
from rasid.read.jsonl import read_jsonl
from rasid.read.records import ReadItem, Skipped, Source, Warned
from rasid.read.text import read_plain

Format = Literal["text", "html", "jsonl"]

FORMATS: dict[str, Format] = {
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
}
# Folder walks pass over a folder's own documentation: READMEs are not articles.
NOT_ARTICLES = frozenset({"readme", "license", "licence", "changelog", "notice", "copying", "source", "index"})
STDIN = "-"
STDIN_NAME = "<stdin>"


def read_inputs(
    paths: Iterable[str], stdin: BinaryIO | None = None, exclude: Collection[Path] = ()
) -> Iterator[ReadItem]:
    """Everything the command line names, in order: files, folders (walked, sorted) and ``-``.

    Files in ``exclude`` (resolved paths) are passed over when walking a folder:
    the CLI's own output file may sit inside the folder it reads.
    """
    for path in paths:
        if path == STDIN:
            stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
            try:
                data = stream.read() if stream is not None else b""
            except (OSError, ValueError) as error:  # closed or unreadable stdin
                yield Skipped(Source(STDIN_NAME), f"cannot read: {error}")
                continue
            yield from read_bytes(data, Source(STDIN_NAME), "stdin")
        else:
            yield from read_path(path, exclude)


def read_path(path: str | os.PathLike[str], exclude: Collection[Path] = ()) -> Iterator[ReadItem]:
    """The documents of one file, or of every supported file under one folder."""
    where = Source(os.fspath(path))
    target = Path(path)
    if target.is_dir():
        found = False
        for file in walk(target):
            if exclude and file.resolve() in exclude:
                continue
            found = True
            relative = file.relative_to(target).with_suffix("").as_posix()
            yield from read_file(file, relative)
        if not found:
            yield Skipped(where, f"no readable files in this folder (looked for {', '.join(sorted(FORMATS))})")
    elif target.exists():
        yield from read_file(target, target.stem)
    else:
        yield Skipped(where, "no such file or folder")


def walk(folder: Path) -> Iterator[Path]:
    """Supported files under ``folder``, depth first in sorted order.

    Hidden files and folders and documentation (README.md, SOURCE.md …) are left out.
    """
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(name)
            if name.startswith(".") or path.suffix.lower() not in FORMATS:
                continue
            if path.stem.lower() in NOT_ARTICLES:
                continue
            yield Path(root) / name


def read_file(path: Path, doc_id: str) -> Iterator[ReadItem]:
    """One file: ``doc_id`` names its document (JSONL lines without ids get ``<doc_id>:<line>``)."""
    where = Source(os.fspath(path))
    try:
        data = path.read_bytes()
    except OSError as error:
        yield Skipped(where, f"cannot read: {error.strerror or error}")
        return
    yield from read_bytes(data, where, doc_id, FORMATS.get(path.suffix.lower()))


def read_bytes(data: bytes, where: Source, doc_id: str, kind: Format | None = None) -> Iterator[ReadItem]:
    """Decode and read ``data``; ``kind`` None means: recognise the format by the content."""
    try:
        if kind == "html":
            yield from read_html_bytes(data, where, doc_id)
            return
        text, encoding = decode_bytes(data)
        if encoding == REPLACED:
            yield Warned(where, f"{text.count(chr(0xFFFD))} invalid UTF-8 sequence(s) replaced by U+FFFD")
        kind = kind or sniff(text)
        if kind == "jsonl":
            yield from read_jsonl(text, where.path, doc_id)
        elif kind == "html":
            yield from read_html(text, where, doc_id)
        else:
            yield from read_plain(text, where, doc_id)
    except Undecodable as error:
        yield Skipped(where, str(error))
    except Exception as error:  # a reader bug must cost one file, not the run
        yield Skipped(where, f"could not be read ({type(error).__name__}: {error})")


def sniff(text: str) -> Format:
    """Guess the format of text with no telling extension: a JSON object on the first line means JSONL."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            if isinstance(json.loads(stripped.split("\n", 1)[0]), dict):
                return "jsonl"
        except json.JSONDecodeError:
            pass
    if looks_like_html(text):
        return "html"
    return "text"
