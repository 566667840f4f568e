"""English entity tagger: weak labels on real ACLED notes, tagging, spans, determinism."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from rasid.text.normalize import normalize
from rasid.text.sentences import split_sentences
from rasid.understand.ner_en import find_entities, tag_tokens
from rasid.understand.ner_en.tagger import model_path
from rasid.understand.ner_en.train import bio_spans, group_notes, score, train
from rasid.understand.ner_en.weak import (
    LabelledSentence,
    actor_aliases,
    label_note,
    name_key,
    sentence_tokens,
)


@pytest.fixture(scope="module")
def acled_rows(shared_dir: Path) -> list[dict[str, str]]:
    path = shared_dir / "data" / "acled_mideast_2018" / "train_learningData.csv"
    if not path.is_file():
        pytest.skip("ACLED notes not available")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _entities(sentences: list[LabelledSentence]) -> list[tuple[str, str]]:
    out = []
    for s in sentences:
        for i, j, kind in sorted(bio_spans(s.labels)):
            out.append((kind, " ".join(s.tokens[i:j])))
    return out


def test_actor_aliases_expand_acled_names() -> None:
    syria = actor_aliases("Military Forces of Syria (2000-)")
    assert "Syrian army" in syria and "SAA" in syria
    sdf = actor_aliases("QSD: Syrian Democratic Forces")
    assert {"QSD", "Syrian Democratic Forces", "SDF"} <= set(sdf)
    assert actor_aliases("Civilians (Syria)") == ()
    assert actor_aliases("Unidentified Armed Group (Iraq)") == ()
    assert "Islamic State" in actor_aliases("Islamic State (Iraq)")
    assert "Iraq" not in actor_aliases("Islamic State (Iraq)")


def test_name_keys_tolerate_transliteration() -> None:
    assert name_key("Al Jarrahi") == name_key("Al-Jarahi")
    assert name_key("Deir ez-Zor") == name_key("Deir al-Zour")
    assert name_key("Raqqah") == name_key("Raqqa")
    assert name_key("Al-Bab") != name_key("Abu")
    assert name_key("SDF") != name_key("Sdf Town")


def test_weak_labels_find_coded_places_in_real_notes(acled_rows: list[dict[str, str]]) -> None:
    """Where a row's location is written verbatim in its note, the weak labels mark it LOC."""
    notes = [n for n in group_notes(acled_rows[:600]) if len(n.rows) == 1]
    checked = found = 0
    for note in notes:
        location = note.rows[0]["location"]
        if not re.search(rf"\b{re.escape(location)}\b", note.text) or " " in location:
            continue
        checked += 1
        ents = _entities(label_note(note.text, note.rows))
        found += any(
            kind == "LOC" and location in text.replace(" - ", "-").replace(" ' ", "'") for kind, text in ents
        )
        if checked == 60:
            break
    assert checked >= 30
    assert found / checked >= 0.9


def test_weak_labels_find_coded_actors_in_real_notes(acled_rows: list[dict[str, str]]) -> None:
    sdf_notes = [
        n for n in group_notes(acled_rows)
        if any("Syrian Democratic Forces" in r["actor1"] + r["assoc_actor_1"] + r["actor2"] for r in n.rows)
        and re.search(r"\bSDF\b", n.text)
    ][:20]
    assert len(sdf_notes) >= 5
    for note in sdf_notes:
        assert ("ORG", "SDF") in _entities(label_note(note.text, note.rows))


def test_weak_labels_report_unexplained_capitals() -> None:
    rows = [{"actor1": "Military Forces of Syria (2000-)", "location": "Kafr Nabl", "admin1": "Idleb"}]
    [sentence] = label_note("The Syrian army shelled Kafr Nabl and Zzyzx in Idleb.", rows)
    assert ("ORG", "Syrian army") in _entities([sentence])
    assert ("LOC", "Kafr Nabl") in _entities([sentence])
    assert sentence.unexplained == ("Zzyzx",)
    assert not sentence.complete


def test_weak_person_rules() -> None:
    ents = _entities(label_note("Local official Bukar Zira told reporters. Zira said more died.", []))
    assert ("PER", "Bukar Zira") in ents and ("PER", "Zira") in ents


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Houthi forces shelled Taiz on Monday .", [("Houthi", "ORG"), ("Taiz", "LOC")]),
        ("Turkish troops clashed with the SDF near Manbij .", [("SDF", "ORG"), ("Manbij", "LOC")]),
        ("Islamic State fighters attacked Iraqi army positions west of Mosul .",
         [("Islamic", "ORG"), ("Mosul", "LOC")]),
        ("Al Shabaab militants stormed a base in Lower Shabelle .", [("Shabaab", "ORG"), ("Shabelle", "LOC")]),
    ],
)
def test_tag_tokens_on_short_sentences(sentence: str, expected: list[tuple[str, str]]) -> None:
    tokens = sentence.split()
    tags = tag_tokens(tokens)
    assert len(tags) == len(tokens)
    for word, kind in expected:
        assert tags[tokens.index(word)].endswith(kind), (word, tags)
    for word in ("shelled", "on", "near", "a", "attacked", "stormed"):
        if word in tokens:
            assert tags[tokens.index(word)] == "O"


def test_mentions_map_back_to_original_text() -> None:
    text = (
        "The Syrian\u00a0army shelled Al-Bab on Tuesday, \u201cresidents\u201d said.\n"
        "Hezbollah fighters moved into Qusayr, Ahmed Ali told Reuters."
    )
    norm = normalize(text)
    mentions = find_entities(norm, split_sentences(norm))
    assert mentions
    for m in mentions:
        assert text[m.span.start : m.span.end] == m.text
        assert m.text == m.text.strip() and m.kind in {"PER", "ORG", "LOC"}
        assert 0.0 < m.confidence <= 1.0
    texts = {m.text for m in mentions}
    assert {"Al-Bab", "Qusayr"} <= texts
    assert any("Hezbollah" in t for t in texts)


def test_sentence_tokens_keep_original_case_and_offsets() -> None:
    text = "Pro-Houthi forces hit Marib. The SDF said so."
    sentences = sentence_tokens(text)
    assert len(sentences) == 2
    for sentence in sentences:
        for token, start in sentence:
            assert text[start : start + len(token)] == token
    assert ("Houthi", 4) in sentences[0]


def test_tagging_is_deterministic() -> None:
    tokens = "Russian warplanes struck Douma in Eastern Ghouta , SOHR reported .".split()
    assert tag_tokens(tokens) == tag_tokens(list(tokens))
    text = "Russian warplanes struck Douma, the Syrian Observatory for Human Rights reported."
    norm = normalize(text)
    assert find_entities(norm, split_sentences(norm)) == find_entities(norm, split_sentences(norm))


def test_training_is_deterministic(tmp_path: Path) -> None:
    rows = [{"actor1": "Houthis", "location": "Taiz"}, {"actor1": "Al Shabaab", "location": "Afgoye"}]
    data = [
        s for note, row in (
            ("Houthis shelled Taiz on Monday.", rows[0]),
            ("Al Shabaab attacked Afgoye at night.", rows[1]),
            ("In Taiz, the Houthis fired rockets.", rows[0]),
        ) for s in label_note(note, [row])
    ]
    train(data, tmp_path / "a.crfsuite", {"c1": 0.0, "c2": 0.1, "max_iterations": 30})
    train(data, tmp_path / "b.crfsuite", {"c1": 0.0, "c2": 0.1, "max_iterations": 30})
    assert (tmp_path / "a.crfsuite").read_bytes() == (tmp_path / "b.crfsuite").read_bytes()
    tags = tag_tokens(["Houthis", "shelled", "Afgoye"], model=str(tmp_path / "a.crfsuite"))
    assert tags[0].endswith("ORG")


def test_score_counts_exact_spans() -> None:
    gold = [["B-ORG", "I-ORG", "O", "B-LOC"]]
    pred = [["B-ORG", "I-ORG", "O", "B-ORG"]]
    result = score(gold, pred)
    assert result["ALL"]["precision"] == 0.5 and result["ALL"]["recall"] == 0.5
    assert result["LOC"]["recall"] == 0.0 and result["ORG"]["precision"] == 0.5


def test_model_artefact_is_small_and_holds_no_note_text(acled_rows: list[dict[str, str]]) -> None:
    path = model_path()
    assert path.stat().st_size <= 20_000_000
    assert (path.parent / "ner_en.md").is_file()
    blob = " ".join(re.findall(r"[a-z]+", path.read_bytes().decode("latin-1").lower()))
    for row in acled_rows[:200:10]:
        words = re.findall(r"[a-z]+", row["notes"].lower())
        for i in range(len(words) - 2):
            assert " ".join(words[i : i + 3]) not in blob


def test_person_names_are_tagged_per() -> None:
    tokens = "Local official Ismail Ali said Houthi rebels shelled Taiz .".split()
    tags = tag_tokens(tokens)
    assert tags[2:4] == ["B-PER", "I-PER"], tags
    assert tags[tokens.index("Taiz")].endswith("LOC")
