"""Paths, folders, stdin and per-file problems: every input gets a document or a reason."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from rasid.read import Loaded, Skipped, Warned, read_inputs, read_path
from rasid.read.fields import parse_lang, parse_published

ARABIC = "قال مصدر طبي إن خمسة مدنيين قتلوا في قصف على بلدة في ريف إدلب."


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_text_file_is_one_document_named_after_the_file(tmp_path: Path) -> None:
    (item,) = list(read_path(_write(tmp_path / "idlib.ar.txt", ARABIC)))
    assert isinstance(item, Loaded)
    assert item.document.text == ARABIC
    assert item.document.doc_id == "idlib.ar"
    assert item.where.line is None


def test_windows_line_ends_become_newlines(tmp_path: Path) -> None:
    (item,) = list(read_path(_write(tmp_path / "crlf.txt", b"line one\r\nline two\rthree\r\n")))
    assert isinstance(item, Loaded)
    assert item.document.text == "line one\nline two\nthree\n"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\t\n", "blank"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("utf16-no-bom.txt", ARABIC.encode("utf-16-le"), "byte-order mark"),
    ],
)
def test_unreadable_files_are_skipped_with_a_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    (item,) = list(read_path(_write(tmp_path / name, data)))
    assert isinstance(item, Skipped)
    assert reason in item.reason
    assert item.where.path.endswith(name)


def test_nonexistent_path_is_skipped(tmp_path: Path) -> None:
    (item,) = list(read_path(tmp_path / "missing.txt"))
    assert isinstance(item, Skipped)
    assert "no such file" in item.reason


def test_folder_is_walked_sorted_with_relative_ids(tmp_path: Path) -> None:
    _write(tmp_path / "b.txt", "second")
    _write(tmp_path / "a.md", "first")
    _write(tmp_path / "sub" / "c.txt", "third")
    _write(tmp_path / "sub" / "d.jsonl", '{"text": "fourth"}\n')
    _write(tmp_path / "README.md", "about this folder")
    _write(tmp_path / ".hidden.txt", "hidden")
    _write(tmp_path / ".git" / "x.txt", "git")
    _write(tmp_path / "notes.docx", b"PK\x03\x04")
    items = list(read_path(tmp_path))
    assert all(isinstance(item, Loaded) for item in items)
    assert [(i.document.doc_id, i.document.text) for i in items if isinstance(i, Loaded)] == [
        ("a", "first"), ("b", "second"), ("sub/c", "third"), ("sub/d:1", "fourth"),
    ]


def test_folder_walk_leaves_out_excluded_files(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "article")
    out = _write(tmp_path / "out.jsonl", '{"text": "an earlier result"}\n')
    items = list(read_inputs([str(tmp_path)], exclude={out.resolve()}))
    assert [i.document.text for i in items if isinstance(i, Loaded)] == ["article"]


def test_folder_with_nothing_readable_says_so(tmp_path: Path) -> None:
    _write(tmp_path / "picture.png", b"\x89PNG")
    (item,) = list(read_path(tmp_path))
    assert isinstance(item, Skipped)
    assert "no readable files" in item.reason


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ARABIC.encode("utf-8"), [("stdin", ARABIC)]),
        (ARABIC.encode("utf-16"), [("stdin", ARABIC)]),
        (b'{"text": "one"}\n{"doc_id": "x", "text": "two"}\n', [("stdin:1", "one"), ("x", "two")]),
        (b"<!DOCTYPE html><html><body><p>Gunmen killed two guards.</p><script>alert(1)</script></body></html>",
         [("stdin", "Gunmen killed two guards.")]),
    ],
)
def test_stdin_format_is_recognised_by_content(data: bytes, expected: list[tuple[str, str]]) -> None:
    items = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert [(i.document.doc_id, i.document.text) for i in items if isinstance(i, Loaded)] == expected
    assert all(i.where.path == "<stdin>" for i in items)


def test_unknown_extension_is_read_by_content(tmp_path: Path) -> None:
    (item,) = list(read_path(_write(tmp_path / "article", ARABIC.encode("cp1256"))))
    assert isinstance(item, Loaded)
    assert item.document.text == ARABIC


def test_read_inputs_keeps_command_line_order(tmp_path: Path) -> None:
    second = _write(tmp_path / "z.txt", "from z")
    first = _write(tmp_path / "a.txt", "from a")
    items = list(read_inputs([str(second), str(tmp_path / "nope.txt"), str(first)]))
    assert [type(i).__name__ for i in items] == ["Loaded", "Skipped", "Loaded"]


@pytest.mark.parametrize(
    ("value", "expected", "warns"),
    [
        ("2022-01-24", date(2022, 1, 24), False),
        ("20080110", date(2008, 1, 10), False),
        ("2015-07-21 02:51:32", date(2015, 7, 21), False),
        ("2022-01-24T10:00:00Z", date(2022, 1, 24), False),
        (None, None, False),
        ("", None, False),
        ("2022-02-30", None, True),
        ("yesterday", None, True),
        (20220124, None, True),
    ],
)
def test_parse_published(value: object, expected: date | None, warns: bool) -> None:
    parsed, problem = parse_published(value)
    assert parsed == expected
    assert (problem is not None) is warns


@pytest.mark.parametrize(
    ("value", "expected", "warns"),
    [("ar", "ar", False), ("EN", "en", False), ("ar-SY", "ar", False), ("english", "en", False),
     (None, None, False), ("fr", None, True), (3, None, True)],
)
def test_parse_lang(value: object, expected: str | None, warns: bool) -> None:
    parsed, problem = parse_lang(value)
    assert parsed == expected
    assert (problem is not None) is warns


def test_damaged_utf8_is_read_with_a_warning(tmp_path: Path) -> None:
    path = _write(tmp_path / "cut.txt", (ARABIC * 2).encode("utf-8")[:-2])
    warned, loaded = list(read_path(path))
    assert isinstance(warned, Warned)
    assert "1 invalid UTF-8" in warned.message
    assert isinstance(loaded, Loaded)
    assert loaded.document.text.startswith(ARABIC)
