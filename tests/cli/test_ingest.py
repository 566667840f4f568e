"""``rasid ingest``, ``search``, ``events`` and ``export`` end to end, feeds and URLs included.

URLs are served by a local http.server on 127.0.0.1 only.
"""

from __future__ import annotations

import csv
import http.server
import io
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from rasid.cli.main import main
from rasid.read import Loaded, Skipped
from rasid.read.feeds import looks_like_feed, read_feed
from rasid.read.fetch import FetchError, fetch
from rasid.read.records import Source
from rasid.store import connect

ARTICLE_AR = ("قال مصدر أمني إن مسلحين مجهولين هاجموا نقطة تفتيش للشرطة في كركوك مساء الإثنين، "
              "ما أدى إلى مقتل شرطيين اثنين وإصابة ثلاثة آخرين، قبل أن يلوذوا بالفرار. " * 3)
ARTICLE_EN = ("Gunmen attacked a police checkpoint in Kirkuk on Monday evening, killing two policemen and "
              "wounding three others before fleeing, a security source said. " * 3)


def _feed(base: str, teaser_only: bool) -> str:
    items = []
    for n, text in enumerate((ARTICLE_AR, ARTICLE_EN), start=1):
        body = "short teaser" if teaser_only else f"<p>{text}</p>"
        items.append(
            f"<item><title>Report {n}</title><link>{base}/page{n}.html</link><guid>{base}/page{n}</guid>"
            f"<pubDate>Tue, 24 Sep 2024 10:00:00 GMT</pubDate><description><![CDATA[{body}]]></description></item>"
        )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Local Wire</title>'
            f"<link>{base}</link>{''.join(items)}</channel></rss>")


class _Handler(http.server.BaseHTTPRequestHandler):
    agents: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.agents.append(self.headers.get("User-Agent", ""))
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/slow":
            time.sleep(1.5)
            body, kind = "late", "text/plain"
        elif self.path.startswith("/page"):
            text = ARTICLE_AR if self.path.startswith("/page1") else ARTICLE_EN
            body = f"<html><head><title>Page</title></head><body><article><p>{text}</p></article></body></html>"
            kind = "text/html; charset=utf-8"
        elif self.path in {"/feed.rss", "/teasers.rss"}:
            body, kind = _feed(base, self.path == "/teasers.rss"), "application/rss+xml"
        elif self.path == "/big":
            body, kind = "x" * 300_000, "text/plain"
        else:
            self.send_error(404)
            return
        data = body.encode("utf-8")
        try:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (the timeout test)
            pass

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


def test_ingest_folder_then_again(tmp_path: Path, shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "c.db")
    gold = str(shared_dir / "eval" / "news-syria-iraq-dev.jsonl")
    code, _, err = _run(capsys, "ingest", gold, "--db", db)
    assert code == 0 and "12 read, 12 new, 0 duplicates" in err
    code, _, err = _run(capsys, "ingest", gold, "--db", db)
    assert code == 0 and "12 read, 0 new" in err and "12 already stored" in err

    code, out, _ = _run(capsys, "events", "--db", db, "--country", "Syria")
    assert code == 0 and "Syria" in out
    assert all("\u2068" in line for line in out.splitlines()[1:] if any("\u0600" <= c <= "\u06ff" for c in line))

    code, out, _ = _run(capsys, "search", "بالحسكة", "--db", db, "--limit", "3")
    assert code == 0 and "الحسكة" in out

    code, out, err = _run(capsys, "export", "--format", "acled-csv", "--db", db, "--country", "Syria")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and len(rows[0]) == 31 and rows[0][0] == "event_id_cnty" and rows[0][-1] == "timestamp"
    assert len(rows) > 1 and {r[17] for r in rows[1:]} == {"Syria"}
    target = tmp_path / "e.geojson"
    code, _, err = _run(capsys, "export", "--format", "geojson", "--db", db, "-o", str(target))
    assert code == 0 and json.loads(target.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    code, _, err = _run(capsys, "export", "--format", "parquet", "--db", db)
    assert code == 2 and "-o FILE" in err


def test_missing_database_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["search", "x"], ["events"], ["export"]):
        code, _, err = _run(capsys, *argv, "--db", str(tmp_path / "none.db"))
        assert code == 2 and len(err.strip().splitlines()) == 1 and "no database" in err
    assert not (tmp_path / "none.db").exists()


def test_nothing_readable_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "ingest", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "x.db"))
    assert code == 2 and "no such file" in err and "no article could be read" in err


def test_env_variable_names_the_database(tmp_path: Path, shared_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("RASID_DB", str(tmp_path / "env.db"))
    code, _, _ = _run(capsys, "ingest", str(shared_dir / "examples" / "ghwayran-prison-attack.gold.jsonl"))
    assert code == 0 and (tmp_path / "env.db").is_file()


def test_feed_file_and_malformed_feed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "wire.rss"
    good.write_text(_feed("http://127.0.0.1:9", teaser_only=False), encoding="utf-8")
    broken = tmp_path / "broken.xml"
    broken.write_text("<rss><channel><title>half a feed", encoding="utf-8")
    db = str(tmp_path / "f.db")
    code, _, err = _run(capsys, "ingest", str(good), str(broken), "--db", db)
    assert code == 0 and "2 new" in err and "skipped" in err and "broken.xml" in err
    rows = connect(db, readonly=True).execute("SELECT doc_id, title, outlet, published, url FROM documents").fetchall()
    assert {r["title"] for r in rows} == {"Report 1", "Report 2"}
    assert {r["outlet"] for r in rows} == {"Local Wire"} and {r["published"] for r in rows} == {"2024-09-24"}
    folder = tmp_path / "feeds"
    folder.mkdir()
    (folder / "wire.atom").write_bytes(good.read_bytes())
    code, _, err = _run(capsys, "ingest", str(folder), "--db", str(tmp_path / "g.db"))
    assert code == 0 and "2 read, 2 new" in err  # feeds inside a folder are read too
    items = list(read_feed(b"<html><body>not a feed</body></html>", Source("x"), "x"))
    assert len(items) == 1 and isinstance(items[0], Skipped)
    assert looks_like_feed(good.read_bytes()) and not looks_like_feed(b"<html></html>")


def test_feed_url_follows_teaser_links(server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _Handler.agents.clear()
    db = str(tmp_path / "u.db")
    code, _, err = _run(capsys, "ingest", f"{server}/teasers.rss", f"{server}/page1.html", "--db", db)
    assert code == 0, err
    rows = connect(db, readonly=True).execute(
        "SELECT doc_id, status, duplicate_of, url, text FROM documents ORDER BY id").fetchall()
    assert len(rows) == 3
    assert "كركوك" in rows[0]["text"] and "Kirkuk" in rows[1]["text"]
    assert rows[2]["status"] == "duplicate" and rows[2]["duplicate_of"] == 1  # the same page, linked directly
    assert _Handler.agents and all(a.startswith("rasid/") for a in _Handler.agents)


def test_fetch_limits(server: str) -> None:
    with pytest.raises(FetchError, match="over the limit"):
        fetch(f"{server}/big", max_bytes=100_000)
    with pytest.raises(FetchError, match="404"):
        fetch(f"{server}/missing")
    with pytest.raises(FetchError):
        fetch(f"{server}/slow", timeout=0.3)
    with pytest.raises(FetchError, match="not an http"):
        fetch("file:///etc/passwd")
    assert isinstance(next(iter(read_feed(fetch(f"{server}/feed.rss").data, Source("f"), "f"))), Loaded)
