"""A full disk, a read-only database folder and a second writer, on real ``rasid`` commands.

Each case must end with a clear one-line error or a complete run, never a traceback, a damaged
database, or a lost or doubled document.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from bench_modules import load_bench


@pytest.fixture(scope="module")
def faults() -> ModuleType:
    return load_bench("faults.py")


def test_disk_full_during_ingest(faults: ModuleType, shared_dir: Path, tmp_path: Path) -> None:
    report = faults.disk_full_ingest(shared_dir, tmp_path)
    assert report["failed_cleanly"], report["message"]
    assert "documents stored before it are kept" in report["message"]
    assert 0 < report["documents_kept"] < 21  # what was committed before the disk filled stays
    assert report["integrity"] == "ok"
    assert report["resumed_ok"] and report["equal_after_resume"], report["difference"]


def test_disk_full_during_batch(faults: ModuleType, shared_dir: Path, tmp_path: Path) -> None:
    report = faults.disk_full_batch(shared_dir, tmp_path)
    assert report["failed_cleanly"], report["message"]
    assert "run the same command again to resume" in report["message"]
    assert report["resumed_ok"] and report["equal_after_resume"]


def test_read_only_database_folder(faults: ModuleType, shared_dir: Path, tmp_path: Path) -> None:
    report = faults.read_only(shared_dir, tmp_path)
    if "skipped" in report:
        pytest.skip(report["skipped"])
    assert report["ingest_refused_cleanly"], report["message"]
    assert report["events_cli_ok"]
    assert report["serve_read_only_status"] == 200
    assert report["file_ingest_refused_cleanly"] and report["file_serve_read_only_status"] == 200
    assert report["integrity"] == "ok" and report["documents_unchanged"]


def test_two_ingests_on_one_new_database(faults: ModuleType, shared_dir: Path, tmp_path: Path) -> None:
    report = faults.second_writer(shared_dir, tmp_path)
    for case, outcome in report.items():
        assert outcome["exit_status"] == [0, 0], (case, outcome["messages"])
        assert outcome["integrity"] == "ok", case
        assert outcome["documents"] == outcome["expected_documents"] == 21, case
        assert outcome["analyses_equal"] and outcome["clusters_equal"], case
