"""The HTML, feed and JSONL readers on broken and hostile input: a document or a skip with a reason, never a crash.

Each reader promises (issue #2) to turn every problem into a ``Skipped``/``Warned`` record;
these tests call the readers directly (not through ``read_bytes``, whose catch-all would
hide a reader's crash as a skip).
"""

from __future__ import annotations

import codecs
import json

from hypothesis import given
from hypothesis import strategies as st

from bench_modules import load_bench
from rasid.read.files import read_bytes
from rasid.read.records import Loaded, Skipped, Source

H = load_bench("fuzz/harnesses.py")
REPORT = "قال مسؤول إن مسلحين هاجموا حاجزا قرب الرقة أمس وقتلوا ثلاثة جنود."  # written for these tests
PAGE = f"<html><head><title>خبر</title></head><body><article><p>{REPORT}</p><p>{REPORT}</p></article></body></html>"


def _html_items(data: bytes) -> list[object]:
    H.run_guarded("html", data)  # properties hold, only documented exceptions
    return list(read_bytes(data, Source("x.html"), "x", "html"))


# -- HTML -------------------------------------------------------------------------------------------

def test_deeply_nested_page() -> None:
    for tag in ("div", "b", "table"):
        data = (f"<html><body>{'<' + tag + '>' * 10_000}<p>{REPORT}</p>{'</' + tag + '>' * 10_000}"
                "</body></html>").encode()
        items = _html_items(data)
        assert items and all(isinstance(i, Loaded | Skipped) for i in items)


def test_huge_attributes_nul_bytes_and_script_floods() -> None:
    huge = f'<html><body><p title="{"x" * 2_000_000}" onclick="{"y" * 100_000}">{REPORT}</p></body></html>'
    loaded = [i for i in _html_items(huge.encode()) if isinstance(i, Loaded)]
    assert loaded and "xxxx" not in loaded[0].document.text and REPORT[:20] in loaded[0].document.text
    flood = "<script>var a = 1;</script><style>p {}</style>" * 5_000
    loaded = [i for i in _html_items(f"<html><body>{flood}<p>{REPORT}</p></body></html>".encode())
              if isinstance(i, Loaded)]
    assert loaded and "var a" not in loaded[0].document.text
    items = _html_items(PAGE.replace("<p>", "<p>\x00\x00", 1).encode())
    assert items and all(isinstance(i, Loaded | Skipped) for i in items)


def test_truncated_pages_and_wrong_declared_charset() -> None:
    data = PAGE.encode()
    for cut in range(0, len(data), max(1, len(data) // 40)):
        _html_items(data[:cut] or b"<")
    lying = PAGE.replace("<head>", '<head><meta charset="iso-8859-1">').encode()  # says Latin-1, is UTF-8
    loaded = [i for i in _html_items(lying) if isinstance(i, Loaded)]
    assert loaded and REPORT[:15] in loaded[0].document.text
    unknown = PAGE.replace("<head>", '<head><meta charset="no-such-charset">').encode("utf-8")
    assert any(isinstance(i, Loaded) for i in _html_items(unknown))
    cp1256 = PAGE.replace("<head>", '<head><meta charset="utf-8">').encode("cp1256")  # says UTF-8, is cp1256
    loaded = [i for i in _html_items(cp1256) if isinstance(i, Loaded)]
    assert loaded and REPORT[:15] in loaded[0].document.text


@H.fuzz_settings(60)
@given(st.lists(st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<script>", "</script>", "<!--", "-->",
                                 "<![CDATA[", "]]>", "<meta charset='utf-16'>", "&amp;", "&#0;", "&#xD800;",
                                 "<", ">", '"', "\x00", REPORT, "<html>", "<body>", "<title>"]), max_size=40))
def test_html_token_soup(tokens: list[str]) -> None:
    _html_items("".join(tokens).encode("utf-8", "surrogatepass"))


# -- feeds ------------------------------------------------------------------------------------------

def _rss(items: str, encoding: str = "utf-8") -> str:
    return f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'


def test_feed_truncated_nested_and_mislabelled() -> None:
    feed = _rss(f"<item><title>هجوم</title><description>{REPORT}</description></item>" * 3).encode()
    for cut in range(0, len(feed), max(1, len(feed) // 30)):
        H.fuzz_feed(feed[:cut])
    H.fuzz_feed(_rss("<item>" + "<x>" * 10_000 + REPORT + "</x>" * 10_000 + "</item>").encode())
    H.fuzz_feed(_rss(f'<item><title a="{"z" * 1_000_000}">x</title><description>{REPORT}</description></item>').encode())
    H.fuzz_feed(_rss(f"<item><description>{REPORT}</description></item>", "windows-1256").encode("utf-8"))
    H.fuzz_feed(_rss(f"<item><description>{REPORT}</description></item>", "nonsense").encode("utf-8"))


@H.fuzz_settings(60)
@given(st.binary(max_size=400), st.sampled_from([b"", b"<rss>", b'<?xml version="1.0"?><feed>', b"\xef\xbb\xbf<rss>"]))
def test_feed_on_arbitrary_bytes(data: bytes, prefix: bytes) -> None:
    H.run_guarded("feed", prefix + data)


# -- JSON Lines -------------------------------------------------------------------------------------

def test_jsonl_broken_lines_wrong_types_boms_and_mixed_encodings() -> None:
    lines = [
        json.dumps({"doc_id": "ok", "text": REPORT}, ensure_ascii=False),
        '{"text": "unterminated',
        json.dumps({"text": 5}), json.dumps([1, 2]), json.dumps("text"), "null",
        json.dumps({"text": REPORT, "doc_id": True, "published": 20230101, "lang": ["ar"], "url": {}}),
        json.dumps({"text": "x" * 1_000_000}),  # a huge line
        "\ufeff" + json.dumps({"text": REPORT}),  # a BOM in the middle of the file
        json.dumps({"text": REPORT + "\u2028" + REPORT}, ensure_ascii=False),
    ]
    data = codecs.BOM_UTF8 + "\n".join(lines).encode("utf-8")
    H.fuzz_jsonl(data)
    items = list(read_bytes(data, Source("c.jsonl"), "c", "jsonl"))
    loaded = [i for i in items if isinstance(i, Loaded)]
    assert [i.document.doc_id for i in loaded][:1] == ["ok"] and len(loaded) >= 3
    assert all(isinstance(i, Skipped) and i.reason for i in items if not isinstance(i, Loaded) and hasattr(i, "reason"))
    mixed = "\n".join(lines[:2]).encode() + b"\n" + json.dumps({"text": REPORT}, ensure_ascii=False).encode("cp1256")
    H.fuzz_jsonl(mixed)
    H.fuzz_jsonl(codecs.BOM_UTF16_LE + "\n".join(lines[:3]).encode("utf-16-le"))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(
        ["text", "content", "doc_id", "published", "date", "lang", "url", "outlet", "title"]), inner, max_size=5),
    max_leaves=12,
)


@H.fuzz_settings(80)
@given(st.lists(json_values.map(lambda v: json.dumps(v, ensure_ascii=False)) | st.text(max_size=40), max_size=8),
       st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_jsonl_on_arbitrary_records(lines: list[str], encoding: str) -> None:
    data = "\n".join(lines).encode(encoding, "surrogatepass")
    H.run_guarded("jsonl", data)
