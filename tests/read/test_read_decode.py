"""Bytes to text: every encoding an Arabic newsroom file may arrive in, and what is not text."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from rasid.read.decode import REPLACED, Undecodable, arabic_share, decode_bytes

ARABIC = "قال مسؤول أمني إن ثلاثة جنود قتلوا في هجوم قرب الرمادي، وأضاف أن المهاجمين فروا."


def test_utf8_is_read_as_is() -> None:
    assert decode_bytes(ARABIC.encode("utf-8")) == (ARABIC, "utf-8")


def test_utf8_byte_order_mark_is_removed() -> None:
    text, encoding = decode_bytes(ARABIC.encode("utf-8-sig"))
    assert text == ARABIC
    assert encoding == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_byte_order_mark(codec: str) -> None:
    mark = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    text, _ = decode_bytes(mark + ARABIC.encode(codec))
    assert text == ARABIC


def test_short_windows_1256_arabic_is_not_mistaken_for_another_script() -> None:
    # charset-normalizer alone reads short cp1256 Arabic as Thai or Cyrillic.
    for phrase in ("قتل ثلاثة مدنيين في قصف على حلب.", "اشتباكات في درعا", ARABIC):
        assert decode_bytes(phrase.encode("cp1256"))[0] == phrase


def test_real_arabic_articles_survive_windows_1256(shared_dir: Path) -> None:
    corpus = shared_dir / "data" / "saudinewsnet_conflict" / "saudinewsnet_syria_iraq_conflict.jsonl"
    checked = 0
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            content = json.loads(line)["content"][:3000]
            try:
                data = content.encode("cp1256")
            except UnicodeEncodeError:
                continue  # characters cp1256 cannot hold: not a fair test
            text, encoding = decode_bytes(data)
            assert text == content, encoding
            checked += 1
            if checked == 20:
                break
    assert checked == 20


def test_latin_code_page_text_is_not_forced_into_arabic() -> None:
    text, _ = decode_bytes("Les combats ont fait trois morts à Tombouctou, a déclaré un élu.".encode("cp1252"))
    assert "à Tombouctou" in text
    assert "déclaré" in text


def test_declared_encoding_is_tried_before_guessing() -> None:
    data = "тест".encode("koi8_r")
    assert decode_bytes(data, declared="koi8_r")[0] == "тест"


def test_an_unknown_declared_encoding_is_ignored() -> None:
    assert decode_bytes(ARABIC.encode("cp1256"), declared="no-such-codec")[0] == ARABIC


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "NUL"),
        (bytes(range(1, 9)) * 50, "binary"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfa", "utf-8"),
    ],
)
def test_what_is_not_text_is_refused_with_a_reason(data: bytes, why: str) -> None:
    with pytest.raises(Undecodable, match=why):
        decode_bytes(data)


def test_arabic_share_counts_letters_only() -> None:
    assert arabic_share("123 ...") == 0.0
    assert arabic_share("قتل 3") == 1.0
    assert 0.4 < arabic_share("قتل kill") < 0.5


def test_utf8_cut_mid_character_keeps_its_arabic() -> None:
    data = (ARABIC * 3).encode("utf-8")[:-2]  # a scraper cut the last letter in half
    text, encoding = decode_bytes(data)
    assert encoding == REPLACED
    assert text == (ARABIC * 3)[:-2] + "\ufffd"


def test_windows_1256_is_not_taken_for_damaged_utf8() -> None:
    text, encoding = decode_bytes((ARABIC * 3).encode("cp1256"))
    assert (text, encoding) == (ARABIC * 3, "cp1256")
