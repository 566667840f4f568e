"""A small real database for the API tests: five gold articles ingested by the store's own ingest."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient

KEY = "test-key-for-writes"


@pytest.fixture(scope="session")
def api_db(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from rasid.store import connect, ingest

    folder = tmp_path_factory.mktemp("serve-corpus")
    lines = []
    for name, count in (("news-syria-iraq-dev.jsonl", 3), ("news-english-wire-dev.jsonl", 2)):
        with open(shared_dir / "eval" / name, encoding="utf-8") as handle:
            for line in list(handle)[:count]:
                record = json.loads(line)
                lines.append(json.dumps({k: record[k] for k in ("doc_id", "lang", "outlet", "url", "published", "text")
                                         if k in record}, ensure_ascii=False))
    (folder / "docs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = tmp_path_factory.mktemp("serve-db") / "api.db"
    conn = connect(path)
    ingest(conn, [str(folder)], where=str(path))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


@pytest.fixture
def db_copy(api_db: Path, tmp_path: Path) -> Path:
    """A private copy for tests that write."""
    target = tmp_path / "api.db"
    shutil.copy(api_db, target)
    return target


@pytest.fixture
def client(db_copy: Path) -> Iterator[TestClient]:
    from rasid.serve import create_app

    with TestClient(create_app(db_copy, api_keys=[KEY], max_body_bytes=200_000)) as test_client:
        yield test_client


@pytest.fixture
def api_key() -> str:
    return KEY


@pytest.fixture
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {KEY}"}
