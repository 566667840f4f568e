"""rasid batch: partitions, manifest, outputs, field names, Parquet input, refusal to resume on change."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import PHRASES, read_parts, write_jsonl
from rasid.batch import BatchError, BatchOptions, FieldNames, run_batch
from rasid.batch.inputs import read_piece
from rasid.batch.partition import input_files, plan
from rasid.cli.main import main
from rasid.model import Document
from rasid.pipeline import extract_document


def test_plan_covers_every_record_once_in_partitions_of_the_given_size(phrase_corpus: Path, tmp_path: Path) -> None:
    other = write_jsonl(tmp_path / "other.jsonl", [{"text": p} for p in PHRASES])
    partitions = plan(input_files([str(phrase_corpus), str(other)]), 4)
    assert [p.records for p in partitions] == [4, 4, 4, 4, 4, 1]
    ids = [item.document.doc_id for p in partitions for piece in p.pieces
           for item in read_piece(piece, FieldNames()) if item.document]
    assert len(ids) == 21 and len(set(ids)) == 21
    # A partition straddles the two files; ids without a doc_id field are <stem>:<line>.
    assert len(partitions[3].pieces) == 2
    assert "other:1" in ids and "p13" in ids


def test_outputs_and_manifest(phrase_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run_batch([str(phrase_corpus)], BatchOptions(out=out, partition_size=5))
    assert (summary.partitions, summary.documents) == (3, 14)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["partitions"]) == ["part-00000", "part-00001", "part-00002"]
    assert [manifest["partitions"][n]["documents"] for n in sorted(manifest["partitions"])] == [5, 5, 4]
    assert manifest["inputs"][0]["size"] == phrase_corpus.stat().st_size
    assert len(manifest["inputs"][0]["sha256"]) == 64
    records = read_parts(out)
    first = records["p00"]
    expected = extract_document(Document(text=PHRASES[0] + " (0)", doc_id="p00", published=date(2022, 1, 1),
                                         outlet="test"))
    assert {k: first[k] for k in expected.to_dict()} == json.loads(expected.to_json())
    pq = pytest.importorskip("pyarrow.parquet")
    rows = pq.read_table(out / "part-00000.parquet").to_pylist()
    in_part = [r for d, r in records.items() if d in {"p00", "p01", "p02", "p03", "p04"}]
    assert len(rows) == sum(len(r["events"]) for r in in_part)
    assert all(row["doc_id"] in {"p00", "p01", "p02", "p03", "p04"} for row in rows)


def test_second_run_skips_finished_partitions(phrase_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([str(phrase_corpus)], BatchOptions(out=out, partition_size=5))
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("part-*")}
    again = run_batch([str(phrase_corpus)], BatchOptions(out=out, partition_size=5, workers=3))
    assert again.resumed == 3 and again.documents == 14
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("part-*")} == before


def test_changed_input_or_option_is_refused_unless_restart(phrase_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([str(phrase_corpus)], BatchOptions(out=out, partition_size=5))
    with pytest.raises(BatchError, match="partition_size"):
        run_batch([str(phrase_corpus)], BatchOptions(out=out, partition_size=6))
    with phrase_corpus.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"doc_id": "extra", "text": PHRASES[1]}) + "\n")
    with pytest.raises(BatchError, match="changed"):
        run_batch([str(phrase_corpus)], BatchOptions(out=out, partition_size=5))
    assert main(["batch", str(phrase_corpus), "--out", str(out), "--partition-size", "5", "--quiet"]) == 2
    redone = run_batch([str(phrase_corpus)], BatchOptions(out=out, partition_size=5, restart=True))
    assert redone.resumed == 0 and "extra" in read_parts(out)


def test_field_name_options(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "custom.jsonl", [
        {"uid": "a1", "body": PHRASES[0], "when": "2022-03-04T10:00:00", "headline": "H", "link": "http://x/1",
         "site": "wire"},
        {"uid": "a2", "body": PHRASES[1], "when": "2022-03-05", "text": "not this one"},
    ])
    out = tmp_path / "out"
    code = main(["batch", str(corpus), "--out", str(out), "--quiet", "--workers", "1", "--text-field", "body",
                 "--id-field", "uid", "--date-field", "when", "--title-field", "headline", "--url-field", "link",
                 "--outlet-field", "site"])
    assert code == 0
    records = read_parts(out)
    assert set(records) == {"a1", "a2"}
    assert records["a1"]["published"] == "2022-03-04"
    assert records["a1"]["document"] == {"text": PHRASES[0], "url": "http://x/1", "outlet": "wire", "title": "H",
                                         "lang": "en"}
    assert records["a2"]["document"]["text"] == PHRASES[1]


def test_parquet_input_gives_the_same_records_as_jsonl(phrase_corpus: Path, tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    rows = [json.loads(line) for line in phrase_corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "phrases.parquet", row_group_size=4)
    run_batch([str(tmp_path / "phrases.parquet")], BatchOptions(out=tmp_path / "pq", partition_size=3))
    run_batch([str(phrase_corpus)], BatchOptions(out=tmp_path / "js", partition_size=5))
    assert read_parts(tmp_path / "pq") == read_parts(tmp_path / "js")


def test_folder_input_reads_text_files(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for i, phrase in enumerate(PHRASES[:3]):
        (folder / f"a{i}.txt").write_text(phrase, encoding="utf-8")
    (folder / "README.md").write_text("not an article", encoding="utf-8")
    summary = run_batch([str(folder)], BatchOptions(out=tmp_path / "out", partition_size=2))
    assert summary.documents == 3 and summary.partitions == 2
    assert {r["document"]["text"] for r in read_parts(tmp_path / "out").values()} == set(PHRASES[:3])


def test_local_pool_equals_one_process(phrase_corpus: Path, tmp_path: Path) -> None:
    run_batch([str(phrase_corpus)], BatchOptions(out=tmp_path / "one", partition_size=3))
    many = run_batch([str(phrase_corpus)], BatchOptions(out=tmp_path / "two", partition_size=3, workers=2))
    assert len(many.workers_seen) == 2
    assert read_parts(tmp_path / "one") == read_parts(tmp_path / "two")
