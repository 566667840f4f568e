"""Bytes to text: UTF-8 first, then byte-order marks, then a detected code page.

Arabic news still circulates as Windows-1256 and Windows tools save UTF-16,
so a reader that assumes UTF-8 loses real articles; a reader that decodes
anything as *some* code page feeds the pipeline mojibake. This module tries
the likely encodings in order and refuses text that does not look like text.
"""

from __future__ import annotations

import codecs
import logging
import re

import charset_normalizer

# charset-normalizer logs its guesses; keep them out of a CLI's stderr unless asked for.
logging.getLogger("charset_normalizer").addHandler(logging.NullHandler())

# Longest marks first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Legacy Arabic code pages: when one of these decodes the bytes to mostly
# Arabic letters it beats a statistically likelier but wrong guess (short
# Windows-1256 texts are otherwise often read as Thai or Cyrillic).
_ARABIC_CODEPAGES = ("cp1256", "iso8859_6", "cp864", "cp720", "mac_arabic")

# Above this share of control characters the "text" is a binary file.
_MAX_CONTROL_SHARE = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SAMPLE = 200_000  # characters enough to judge a script


# The encoding reported for UTF-8 in which a few invalid bytes were replaced.
REPLACED = "utf-8+replace"


class Undecodable(ValueError):
    """The bytes are not text in any encoding we accept; the message says why."""


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``.

    ``declared`` is an encoding the container names (an HTML ``<meta charset>``),
    tried after UTF-8 and before guessing. A leading BOM is removed.
    Raises :class:`Undecodable` for empty, binary or undecodable input.
    """
    if not data:
        raise Undecodable("empty file")
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise Undecodable(f"starts with a {encoding} byte-order mark but is not {encoding}: {error.reason}") from None
            return _checked(text.lstrip("\ufeff"), encoding), encoding
    if b"\x00" in data:
        # UTF-16 without a byte-order mark looks exactly like this too, but so
        # does every binary format; only marked UTF-16 is taken as text.
        raise Undecodable("binary file (contains NUL bytes; UTF-16 text needs a byte-order mark)")
    try:
        return _checked(data.decode("utf-8"), "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged
    if declared:
        try:
            return _checked(data.decode(declared), declared), declared
        except (LookupError, UnicodeDecodeError, Undecodable):
            pass
    guessed = _guess(data)
    if guessed is None:
        raise Undecodable("not UTF-8, and no other text encoding fits")
    return _checked(data.decode(guessed, errors="replace"), guessed), guessed


def _damaged_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few bad bytes (a file cut mid-character, one corrupt byte), repaired.

    Guessing a code page for such a file would turn every Arabic letter into
    mojibake to save one character; replacing the few bad bytes with U+FFFD
    loses only them. The encoding returned is ``utf-8+replace``.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for char in text if ord(char) > 0x7F) - bad
    if multibyte >= 20 and bad <= max(1, multibyte // 50):
        return _checked(text, "utf-8"), REPLACED
    return None


def _guess(data: bytes) -> str | None:
    """The code page of non-UTF-8 bytes, with a prior for Arabic ones."""
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    best_encoding = best.encoding if best is not None else None
    candidates = [m.encoding for m in matches if m.encoding in _ARABIC_CODEPAGES]
    candidates += [c for c in _ARABIC_CODEPAGES if c not in candidates]
    if best_encoding not in _ARABIC_CODEPAGES:
        for encoding in candidates:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if arabic_share(text[:_SAMPLE]) >= 0.5:
                return encoding
    return best_encoding


def arabic_share(text: str) -> float:
    """Share of the letters in ``text`` that are Arabic script (0 when there are none)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f") / len(letters)


def _checked(text: str, encoding: str) -> str:
    """Refuse decoded text full of control characters: that is binary data, not a page."""
    controls = len(_CONTROL.findall(text))
    if text and controls / len(text) > _MAX_CONTROL_SHARE:
        raise Undecodable(f"binary file ({controls} control characters when read as {encoding})")
    return text
