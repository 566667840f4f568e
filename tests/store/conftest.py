"""Small corpora for the store tests, made at run time from the shared gold files."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import small_corpus


@pytest.fixture(scope="session")
def corpus_dir(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_corpus(shared_dir, tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def ingested(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the small corpus, ingested once for the read-only tests."""
    from rasid.store import connect, ingest

    path = tmp_path_factory.mktemp("db") / "corpus.db"
    conn = connect(path)
    ingest(conn, [str(corpus_dir)], where=str(path))
    conn.close()
    return path
