"""``rasid evaluate`` in-process: the table, JSON, and bad input handled in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasid.cli.main import main


def ghwayran_path(shared_dir: Path) -> Path:
    return shared_dir / "examples" / "ghwayran-prison-attack.gold.jsonl"


def test_table_on_worked_example(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(ghwayran_path(shared_dir))]) == 0
    out = capsys.readouterr().out
    for heading in ("== overall (1 document) ==", "== language: ar (1 document) ==", "events", "any type",
                    "typed", "sub-typed", "fields (matched events)", "actor pair", "admin1",
                    "fatalities", "quotes", "speaker", "span exact", "span overlap F1"):
        assert heading in out, heading
    # The worked example has 5 required events (13 listed, 7 optional, 1 historical) and 24 quotes.
    any_row = next(line for line in out.splitlines() if line.strip().startswith("any type"))
    assert any_row.split()[2] == "5"
    quotes_row = next(line for line in out.splitlines() if line.strip().startswith("detection"))
    assert quotes_row.split()[1] == "24"


def test_json_with_errors(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(ghwayran_path(shared_dir)), "--json", "--show-errors"]) == 0
    data = json.loads(capsys.readouterr().out)
    events = data["overall"]["events"]
    assert events["gold"] == 5 and events["gold_optional"] == 7 and events["gold_historical"] == 1
    assert events["any"]["tp"] + events["any"]["fn"] == 5
    assert set(data["by_language"]) == {"ar"}
    issues = data["documents"][0]["issues"]
    misses = [i for i in issues if i["kind"] == "missed event"]
    assert len(misses) == events["any"]["fn"]
    assert isinstance(data["extraction"]["failures"], int)


def test_pred_mode_and_show_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Rebels shelled the town of Kadugli on Friday. Police arrested three men."
    gold = {"doc_id": "x", "lang": "en", "published": None, "text": text, "quotes": [], "events": [
        {"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
         "evidence": "Rebels shelled the town of Kadugli", "actor1": "Rebels", "actor2": None,
         "fatalities": 0},
        {"event_type": "Strategic developments", "sub_event_type": "Arrests",
         "evidence": "Police arrested three men", "actor1": "Police Forces of Sudan", "actor2": None,
         "fatalities": 0},
    ]}
    pred = {"doc_id": "x", "events": [{**gold["events"][0], "actor1": "Military Forces of Sudan"}], "quotes": [
        {"speaker": "someone", "kind": "direct", "text": "on Friday"}]}
    gold_path, pred_path = tmp_path / "g.jsonl", tmp_path / "p.jsonl"
    gold_path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    pred_path.write_text(json.dumps(pred) + "\n", encoding="utf-8")
    assert main(["evaluate", str(gold_path), "--pred", str(pred_path), "--show-errors"]) == 0
    out = capsys.readouterr().out
    assert "predictions from predictions file" in out
    assert "missed event: Strategic developments / Arrests: Police arrested three men" in out
    assert "wrong field: actor1: gold 'Rebels', predicted 'Military Forces of Sudan'" in out
    assert "spurious quote: someone: on Friday" in out


def test_missing_file_is_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(tmp_path / "absent.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "absent.jsonl: no such file" in err


def test_missing_pred_file_is_one_line_error(
    shared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["evaluate", str(ghwayran_path(shared_dir)), "--pred", str(tmp_path / "none.jsonl")]) == 2
    assert "none.jsonl: no such file" in capsys.readouterr().err


def test_malformed_lines_are_named_and_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = {"doc_id": "ok", "lang": "en", "text": "Protesters marched in Khartoum.", "events": [], "quotes": []}
    path = tmp_path / "gold.jsonl"
    path.write_text(
        json.dumps(good) + "\n" + '{"doc_id": "broken", \n' + json.dumps({"doc_id": "no-text"}) + "\n",
        encoding="utf-8",
    )
    assert main(["evaluate", str(path), "--json"]) == 0
    captured = capsys.readouterr()
    assert f"{path}:2: malformed JSON" in captured.err
    assert f"{path}:3: gold record has no 'text'" in captured.err
    assert "Traceback" not in captured.err
    assert json.loads(captured.out)["overall"]["documents"] == 1


def test_no_readable_gold_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("not json\n", encoding="utf-8")
    assert main(["evaluate", str(path)]) == 2
    assert "no gold documents" in capsys.readouterr().err


def test_help_documents_the_rules(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["evaluate", "--help"])
    out = capsys.readouterr().out
    assert "historical" in out and "optional" in out and "--pred" in out
