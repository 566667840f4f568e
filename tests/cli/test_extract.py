"""``rasid extract`` end to end: formats, overrides, outputs, and one clear line per bad input.

These tests check reading and the command's behaviour, not extraction
quality: the stages behind ``extract_document`` may find nothing yet.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import rasid.cli.extract_cmd as extract_cmd
import rasid.pipeline as pipeline
from rasid.cli.main import main
from rasid.cli.terminal import display_width
from rasid.model import Document, Event, Place, Quote, Result, Span
from rasid.pipeline import MAX_CHARS, Pipeline, Stage

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
ARABIC = "قال مصدر أمني إن مسلحين هاجموا نقطة تفتيش في كركوك."


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, list[str]]:
    code = main(["extract", *argv])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, [line for line in captured.err.splitlines() if line]


def _records(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture
def stub(monkeypatch: pytest.MonkeyPatch) -> list[Document]:
    """Run ``extract_document`` with one no-op stage instead of the real ones.

    The stages are being written by others and may be mid-edit; most tests
    here are about reading and the command, so they keep the real
    ``extract_document`` (its size limit, its profiling) but not the stages.
    Returns the documents the pipeline was given. Tests named ``real_pipeline``
    run everything.
    """
    seen: list[Document] = []

    def record(result: Result) -> Result:
        seen.append(result.document)
        return result

    stages = [Stage("noop", ("document",), (), record), Stage("events", ("document",), (), lambda r: r)]
    monkeypatch.setattr(pipeline, "default_pipeline", lambda: Pipeline(stages))
    return seen


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(ARABIC, encoding="utf-8")
    return path


# --- the real pipeline ----------------------------------------------------------


def test_real_pipeline_on_the_sample_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, str(SAMPLES / "sample.jsonl"))
    assert err == []
    assert code == 0
    records = _records(out)
    assert [r["doc_id"] for r in records] == ["sample-ar", "sample-en"]
    assert [(r["lang"], r["published"]) for r in records] == [("ar", "2024-03-12"), ("en", "2024-05-18")]
    for record in records:
        assert isinstance(record["events"], list)
        assert isinstance(record["quotes"], list)


def test_real_pipeline_on_the_gold_example(capsys: pytest.CaptureFixture[str], shared_dir: Path) -> None:
    code, out, err = _run(capsys, str(shared_dir / "examples" / "ghwayran-prison-attack.gold.jsonl"))
    assert err == []
    assert code == 0
    (record,) = _records(out)
    assert (record["doc_id"], record["published"], record["lang"]) == ("seed-ghwayran", "2022-01-24", "ar")


def test_real_pipeline_as_a_subprocess_with_stdin_and_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "broken.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}  # output must still be UTF-8 JSON
    done = subprocess.run(
        [sys.executable, "-m", "rasid", "extract", "-", str(bad), "--format", "json"],
        input=ARABIC.encode("utf-8"), capture_output=True, timeout=60, env=env, check=False,
    )
    stderr = done.stderr.decode("utf-8")
    assert "Traceback" not in stderr
    assert done.returncode == 0, stderr
    records = json.loads(done.stdout.decode("utf-8"))
    assert [r["doc_id"] for r in records] == ["stdin"]
    first, summary = stderr.splitlines()
    assert first == f"rasid extract: skipped {bad}:1: invalid JSON (Expecting property name enclosed in double quotes at column 2)"
    assert summary.startswith("rasid extract: 1 article, ")
    assert summary.endswith(", 1 skipped")


# --- formats and options ---------------------------------------------------------


def test_sample_texts_match_the_sample_corpus() -> None:
    lines = [json.loads(line) for line in (SAMPLES / "sample.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines[0]["text"] == (SAMPLES / "sample.ar.txt").read_text(encoding="utf-8")
    assert lines[1]["text"] == (SAMPLES / "sample.en.txt").read_text(encoding="utf-8")
    assert "«" in lines[0]["text"] and " إن " in lines[0]["text"]
    assert '"' in lines[1]["text"] and " said that " in lines[1]["text"]


def test_jsonl_is_one_line_per_article(capsys: pytest.CaptureFixture[str], stub: list[Document]) -> None:
    code, out, err = _run(capsys, str(SAMPLES / "sample.ar.txt"), str(SAMPLES / "sample.jsonl"))
    assert (code, err) == (0, [])
    lines = out.splitlines()
    assert [json.loads(line)["doc_id"] for line in lines] == ["sample.ar", "sample-ar", "sample-en"]
    assert json.loads(lines[0]) == {"doc_id": "sample.ar", "lang": None, "published": None, "events": [], "quotes": [], "conflicts": []}
    assert stub[0].text == (SAMPLES / "sample.ar.txt").read_text(encoding="utf-8")


def test_json_format_is_one_valid_array(capsys: pytest.CaptureFixture[str], stub: list[Document]) -> None:
    code, out, _ = _run(capsys, str(SAMPLES / "sample.ar.txt"), str(SAMPLES / "sample.en.txt"), "--format", "json")
    assert code == 0
    assert [r["doc_id"] for r in json.loads(out)] == ["sample.ar", "sample.en"]


def test_json_format_with_nothing_processed_is_still_valid(capsys: pytest.CaptureFixture[str], stub: list[Document],
                                                           tmp_path: Path) -> None:
    code, out, _ = _run(capsys, str(tmp_path / "missing.txt"), "--format", "json")
    assert code == 2
    assert json.loads(out) == []


def test_published_and_lang_override_the_input(capsys: pytest.CaptureFixture[str], stub: list[Document]) -> None:
    code, out, _ = _run(capsys, str(SAMPLES / "sample.jsonl"), "--published", "2021-06-30", "--lang", "en")
    assert code == 0
    assert {(r["published"], r["lang"]) for r in _records(out)} == {("2021-06-30", "en")}
    assert {(d.published.isoformat() if d.published else None, d.lang) for d in stub} == {("2021-06-30", "en")}


def test_invalid_published_option_is_a_usage_error(capsys: pytest.CaptureFixture[str], good: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", str(good), "--published", "30/06/2021"])
    assert exit_info.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_output_file(capsys: pytest.CaptureFixture[str], stub: list[Document], tmp_path: Path) -> None:
    target = tmp_path / "results.jsonl"
    code, out, _ = _run(capsys, str(SAMPLES / "sample.jsonl"), "-o", str(target))
    assert code == 0
    assert out == ""
    assert [r["doc_id"] for r in _records(target.read_text(encoding="utf-8"))] == ["sample-ar", "sample-en"]


def test_output_file_inside_the_walked_folder_is_not_read_back(
    capsys: pytest.CaptureFixture[str], stub: list[Document], tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    code, _, _ = _run(capsys, str(tmp_path), "-o", str(tmp_path / "out.jsonl"))
    assert code == 0
    assert [r["doc_id"] for r in _records((tmp_path / "out.jsonl").read_text(encoding="utf-8"))] == ["a"]


def test_output_over_an_input_is_refused(capsys: pytest.CaptureFixture[str], good: Path) -> None:
    code, _, err = _run(capsys, str(good), "-o", str(good))
    assert code == 2
    assert err == [f"rasid extract: error: the output file {good} is also an input; it would be overwritten"]
    assert good.read_text(encoding="utf-8") == ARABIC


def test_output_into_a_missing_folder_is_one_error(capsys: pytest.CaptureFixture[str], good: Path,
                                                   tmp_path: Path) -> None:
    code, _, err = _run(capsys, str(good), "-o", str(tmp_path / "no" / "such" / "dir.jsonl"))
    assert code == 2
    (line,) = err
    assert line.startswith("rasid extract: error: cannot write ")


def test_stdin(capsys: pytest.CaptureFixture[str], stub: list[Document], monkeypatch: pytest.MonkeyPatch) -> None:
    class Stdin:
        buffer = io.BytesIO(ARABIC.encode("cp1256"))

    monkeypatch.setattr(sys, "stdin", Stdin)
    code, out, _ = _run(capsys, "-", "--published", "2020-01-02")
    assert code == 0
    (record,) = _records(out)
    assert (record["doc_id"], record["published"]) == ("stdin", "2020-01-02")
    assert [d.text for d in stub] == [ARABIC]


def test_profile_reports_every_stage(capsys: pytest.CaptureFixture[str], stub: list[Document]) -> None:
    code, _, err = _run(capsys, str(SAMPLES / "sample.jsonl"), "--profile")
    assert code == 0
    assert err[0] == f"rasid extract: profile of 2 articles ({sum(len(d.text) for d in stub):,} characters)"
    assert [line.split()[0] for line in err[2:]] == ["reading", "noop", "events", "total"]


def test_help_teaches_by_example(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", "--help"])
    assert exit_info.value.code == 0
    help_text = capsys.readouterr().out
    assert help_text.count("\n  rasid extract ") >= 3
    assert "--strict" in help_text


# --- the table ---------------------------------------------------------------------


def _fake_result(document: Document, **_: Any) -> Result:
    """A result with one event and one quote, placed on the document's own words."""
    text = document.text
    cue = text.index("قال")
    quoted = Span(text.index("إن") + 3, len(text) - 1)
    return Result(
        document=document,
        events=(
            Event("Battles", "Armed clash", Span(0, len(text)), text, actor1="Unidentified Armed Group (Iraq)",
                  actor2="Military Forces of Iraq", location="كركوك",
                  place=Place("Kirkuk", "Iraq", admin1="Kirkuk"), date="2024-01-01", fatalities=3),
        ),
        quotes=(
            Quote("q1", quoted, quoted.text_of(text), "indirect", "قال", Span(cue, cue + 3), speaker="مصدر أمني"),
        ),
    )


def test_table_lists_events_and_quotes_with_isolated_arabic(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, good: Path
) -> None:
    monkeypatch.setattr(extract_cmd, "extract_document", _fake_result)
    code, out, _ = _run(capsys, str(good), "--format", "table")
    assert code == 0
    assert out.startswith("== good: 1 event, 1 quote")
    assert "Battles / Armed clash" in out
    assert "Unidentified Armed… → Military Forces of…" in out  # both cut to fit the column
    assert "\u2068كركوك\u2069, Kirkuk, Iraq" in out
    assert "\u2068مصدر أمني\u2069" in out
    event_lines = [line for line in out.splitlines() if "Battles" in line or line.lstrip().startswith("#")]
    header, row = event_lines[0], event_lines[1]
    # columns line up on screen: the isolates around Arabic take no room
    assert display_width(header[: header.index("date")]) == display_width(row[: row.index("2024-01-01")])


def test_table_cells_are_cut_to_their_column(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_cmd, "extract_document", _fake_result)
    long_doc = tmp_path / "long.txt"
    long_doc.write_text("قال شاهد إن " + "اشتباكات عنيفة " * 40 + ".", encoding="utf-8")
    code, out, _ = _run(capsys, str(long_doc), "--format", "table")
    assert code == 0
    assert "…" in out
    assert max(display_width(line) for line in out.splitlines()) <= extract_cmd._TableWriter(io.StringIO()).width


def test_table_says_when_there_is_nothing(capsys: pytest.CaptureFixture[str], stub: list[Document], good: Path) -> None:
    code, out, _ = _run(capsys, str(good), "--format", "table", "--lang", "ar")
    assert code == 0
    assert out.strip() == "== good (ar): 0 events, 0 quotes"


# --- bad input: one line each, and the run goes on ------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00", "binary"),
        ("utf16-no-bom.md", ARABIC.encode("utf-16-le"), "binary"),
        ("blank.html", b"<html><body><script>alert(1)</script></body></html>", "no article text"),
    ],
)
def test_each_bad_file_is_one_line_and_the_run_continues(
    capsys: pytest.CaptureFixture[str], stub: list[Document], tmp_path: Path, good: Path,
    name: str, data: bytes, reason: str,
) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    code, out, err = _run(capsys, str(bad), str(good))
    assert code == 0
    assert [r["doc_id"] for r in _records(out)] == ["good"]
    assert err[0].startswith(f"rasid extract: skipped {bad}: ")
    assert reason in err[0]
    assert len([line for line in err if str(bad) in line]) == 1


@pytest.mark.parametrize(
    ("name", "data"),
    [("cp1256.txt", ARABIC.encode("cp1256")), ("utf16.txt", ARABIC.encode("utf-16")),
     ("bom.txt", ARABIC.encode("utf-8-sig"))],
)
def test_other_encodings_are_read(capsys: pytest.CaptureFixture[str], stub: list[Document], tmp_path: Path,
                                  name: str, data: bytes) -> None:
    (tmp_path / name).write_bytes(data)
    code, _, err = _run(capsys, str(tmp_path / name))
    assert (code, err) == (0, [])
    assert [d.text for d in stub] == [ARABIC]


def test_ten_megabytes_of_text_is_a_skip(capsys: pytest.CaptureFixture[str], stub: list[Document],
                                         tmp_path: Path, good: Path) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_text("كلمة " * (2 * 1024 * 1024), encoding="utf-8")
    assert huge.stat().st_size > 10 * 1024 * 1024
    code, out, err = _run(capsys, str(huge), str(good))
    assert code == 0
    assert [r["doc_id"] for r in _records(out)] == ["good"]
    assert err[0].startswith(f"rasid extract: skipped {huge}: too long")
    assert f"{MAX_CHARS:,}" in err[0]
    assert len(err) == 2  # and the summary


def test_malformed_jsonl_lines_are_named_by_line(capsys: pytest.CaptureFixture[str], stub: list[Document],
                                                 tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        '{"doc_id": "a", "text": "Gunmen killed two guards."}\n'
        '{"doc_id": "b", "text": \n'
        "not json at all\n"
        '{"doc_id": "c", "text": "Protesters marched in the capital."}\n'
        '{"doc_id": "d", "published": "someday", "text": "Talks resumed."}\n',
        encoding="utf-8",
    )
    code, out, err = _run(capsys, str(corpus))
    assert code == 0
    assert [r["doc_id"] for r in _records(out)] == ["a", "c", "d"]
    assert [line.split(": ")[1] for line in err[:3]] == [
        f"skipped {corpus}:2", f"skipped {corpus}:3", f"warning {corpus}:5",
    ]


def test_html_with_scripts(capsys: pytest.CaptureFixture[str], stub: list[Document], tmp_path: Path) -> None:
    page = tmp_path / "page.htm"
    page.write_text(
        "<html><head><title>Clash in Kirkuk</title><script>alert(1)</script></head><body>"
        '<img src="x" onerror="alert(2)"><p>Gunmen attacked a checkpoint in Kirkuk on Sunday, police said.</p>'
        "<script>alert(3)</script></body></html>",
        encoding="utf-8",
    )
    code, _, err = _run(capsys, str(page))
    assert (code, err) == (0, [])
    (document,) = stub
    assert "alert" not in document.text
    assert "onerror" not in document.text
    assert "Gunmen attacked a checkpoint in Kirkuk" in document.text
    assert document.doc_id == "page"


def test_nonexistent_path_and_empty_folder(capsys: pytest.CaptureFixture[str], stub: list[Document],
                                           tmp_path: Path, good: Path) -> None:
    empty = tmp_path / "nothing-here"
    empty.mkdir()
    code, out, err = _run(capsys, str(tmp_path / "missing.txt"), str(empty), str(good))
    assert code == 0
    assert len(_records(out)) == 1
    assert err == [
        f"rasid extract: skipped {tmp_path / 'missing.txt'}: no such file or folder",
        f"rasid extract: skipped {empty}: no readable files in this folder "
        "(looked for .htm, .html, .jsonl, .markdown, .md, .ndjson, .text, .txt, .xhtml)",
        "rasid extract: 1 article, 0 events, 0 quotes, 2 skipped",
    ]


def test_nothing_readable_is_an_error(capsys: pytest.CaptureFixture[str], stub: list[Document],
                                      tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    code, out, err = _run(capsys, str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt"))
    assert code == 2
    assert out == ""
    assert len(err) == 3
    assert err[-1] == f"rasid extract: error: no article could be read from {tmp_path / 'empty.txt'} {tmp_path / 'missing.txt'}"


def test_strict_stops_at_the_first_problem(capsys: pytest.CaptureFixture[str], stub: list[Document],
                                           tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    code, out, err = _run(capsys, str(good), str(bad), str(good), "--strict", "--format", "json")
    assert code == 1
    assert [r["doc_id"] for r in json.loads(out)] == ["good"]  # the array is closed
    assert err == [f"rasid extract: stopped at {bad}: empty file (--strict)"]
    assert len(stub) == 1


def test_strict_does_not_stop_at_warnings(capsys: pytest.CaptureFixture[str], stub: list[Document],
                                          tmp_path: Path) -> None:
    corpus = tmp_path / "w.jsonl"
    corpus.write_text('{"text": "a", "published": "soon"}\n{"text": "b"}\n', encoding="utf-8")
    code, out, err = _run(capsys, str(corpus), "--strict")
    assert code == 0
    assert len(_records(out)) == 2
    assert err == [f"rasid extract: warning {corpus}:1: published date 'soon' is not an ISO date (YYYY-MM-DD); ignored"]


def test_a_crash_in_the_pipeline_skips_only_that_document(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def flaky(document: Document, **kwargs: Any) -> Result:
        if "boom" in document.text:
            raise KeyError("lexicon entry missing")
        return Result(document=document)

    monkeypatch.setattr(extract_cmd, "extract_document", flaky)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"text": "fine"}\n{"text": "boom"}\n{"text": "fine again"}\n', encoding="utf-8")
    code, out, err = _run(capsys, str(corpus))
    assert code == 0
    assert [r["doc_id"] for r in _records(out)] == ["c:1", "c:3"]
    assert err[0] == f"rasid extract: skipped {corpus}:2: extraction failed (KeyError: 'lexicon entry missing')"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_one_error(capsys: pytest.CaptureFixture[str], stub: list[Document], good: Path) -> None:
    code, _, err = _run(capsys, str(good), "-o", "/dev/full")
    assert code == 2
    assert err == ["rasid extract: error: cannot write /dev/full: No space left on device"]


def test_on_a_terminal_a_summary_is_printed(capsys: pytest.CaptureFixture[str], stub: list[Document],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_cmd, "_is_tty", lambda stream: True)  # the progress bar is on, too
    code, out, err = _run(capsys, str(SAMPLES / "sample.jsonl"))
    assert code == 0
    assert len(_records(out)) == 2
    assert err[-1] == "rasid extract: 2 articles, 0 events, 0 quotes"
