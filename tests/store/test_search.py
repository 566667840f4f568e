"""Full-text search matches Arabic whatever the diacritics, hamza forms and clitics."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasid.store import connect, ingest
from rasid.store.search import search


@pytest.fixture(scope="module")
def db(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("search")
    (folder / "mine.txt").write_text("أطلق مسلحون النار على المدرسة في المدينة وأصابوا حارسين.", encoding="utf-8")
    (folder / "english.txt").write_text("Protesters gathered outside the ministry in Baghdad.", encoding="utf-8")
    path = folder / "s.db"
    conn = connect(path)
    ingest(conn, [str(folder), str(shared_dir / "examples" / "ghwayran-prison-attack.gold.jsonl")],
           recluster_events=False)
    conn.close()
    return path


@pytest.mark.parametrize("query", [
    "المدرسة",         # as written
    "المَدْرَسَة",      # with diacritics
    "مدرسه",           # no article, taa marbuta folded
    "بالمدرسة",        # with clitics the text does not have
    "وللمدينة",
    "اطلق",            # hamza dropped
    "إطلق",            # another hamza form
    "أطلق مدرسة",      # every word must match
])
def test_variants_find_the_document(db: Path, query: str) -> None:
    hits = search(connect(db, readonly=True), query)
    assert [h.doc_id for h in hits] == ["mine"]


def test_words_not_in_the_text_find_nothing(db: Path) -> None:
    conn = connect(db, readonly=True)
    assert search(conn, "مستشفى") == []
    assert search(conn, "المدرسة مستشفى") == []
    assert search(conn, "Mosul") == []


def test_real_article_and_snippet_from_original(db: Path, shared_dir: Path) -> None:
    conn = connect(db, readonly=True)
    text = (shared_dir / "examples" / "ghwayran-prison-attack.ar.txt").read_text(encoding="utf-8")
    for query in ("الحسكة", "حسكه", "بالحسكة", "الْحَسَكَة"):
        hits = search(conn, query)
        assert len(hits) == 1 and hits[0].doc_id != "mine"
        assert "الحسكة" in hits[0].snippet
        assert hits[0].snippet.strip("…")[:40] in text
    assert [h.doc_id for h in search(conn, "ministry baghdad")] == ["english"]
    assert [h.doc_id for h in search(conn, "protester gathering")] == ["english"]  # English stems


def test_fts_operators_are_searched_as_text(db: Path) -> None:
    conn = connect(db, readonly=True)
    for query in ('NEAR(" المدرسة', "المدرسة OR", "*", "title:x", '"'):
        search(conn, query)  # never an FTS5 syntax error
