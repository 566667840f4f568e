"""rasid's own Arabic NER: features, CoNLL I/O, the ``rasid ner`` command, mentions, and accuracy.

Inputs are real ANERcorp and gold-article text read from the shared folder at
run time, or short phrases written here; the shipped model is loaded once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rasid.cli.main import main
from rasid.text.normalize import normalize
from rasid.text.sentences import split_sentences
from rasid.understand.ner import default_model, tag_tokens
from rasid.understand.ner.conll import ConllError, parse_conll, read_conll
from rasid.understand.ner.features import sentence_features, shape
from rasid.understand.ner.lexicon import key
from rasid.understand.ner.mentions import ner_mentions
from rasid.understand.ner.scoring import entities, score

F1_FLOOR = 65.0  # the shipped model scores 69.4 on these 300 sentences
TAGS = {"O"} | {f"{p}-{k}" for p in "BI" for k in ("PERS", "LOC", "ORG", "MISC")}


@pytest.fixture(scope="module")
def anercorp_test(shared_dir: Path) -> Path:
    return shared_dir / "data" / "anercorp" / "ANERCorp_CamelLab_test.txt"


@pytest.fixture(scope="module")
def train_sentences(shared_dir: Path) -> list:
    path = shared_dir / "data" / "anercorp" / "ANERCorp_CamelLab_train.txt"
    with path.open(encoding="utf-8") as handle:
        sentences = []
        for sentence in parse_conll(handle, min_columns=2):
            sentences.append(sentence)
            if len(sentences) == 50:
                break
    return sentences


# --- scoring (conlleval chunking) ---------------------------------------------------------

def test_entities_follow_conlleval_chunking() -> None:
    assert entities(["B-PERS", "I-PERS", "O", "B-LOC"]) == [("PERS", 0, 2), ("LOC", 3, 4)]
    # a stray I- opens an entity; a type change inside a run splits it
    assert entities(["O", "I-ORG", "I-ORG", "I-LOC"]) == [("ORG", 1, 3), ("LOC", 3, 4)]
    assert entities(["B-LOC", "B-LOC"]) == [("LOC", 0, 1), ("LOC", 1, 2)]


def test_score_needs_type_and_both_boundaries() -> None:
    gold = [["B-PERS", "I-PERS", "O", "B-LOC", "B-ORG"]]
    pred = [["B-PERS", "O", "O", "B-LOC", "B-LOC"]]
    scores = score(gold, pred)
    assert (scores.correct["LOC"], scores.correct["PERS"], scores.correct["ORG"]) == (1, 0, 0)
    p, r, f = scores.prf()
    assert (round(p, 2), round(r, 2)) == (33.33, 33.33)
    assert round(f, 2) == 33.33


# --- features --------------------------------------------------------------------------------

def test_features_describe_real_anercorp_tokens(train_sentences: list) -> None:
    lexicon = default_model().lexicon
    tokens = [t for s in train_sentences for t in s.tokens]
    # a token with the conjunction and the article: its stem is the bare word
    clitic = next(t for t in tokens if t.startswith("وال") and len(t) >= 7)
    sentence = next(s.tokens for s in train_sentences if clitic in s.tokens)
    feats = sentence_features(sentence, lexicon)
    i = sentence.index(clitic)
    mine = set(feats[i])
    k = key(clitic)
    assert {f"w={k}", f"p1={k[0]}", f"s2={k[-2:]}", f"st={k[3:]}", "article", "sh=arabic"} <= mine
    assert any(f.startswith("pc=") and "و" in f for f in mine)
    assert ("BOS" in feats[0]) and ("EOS" in feats[-1])
    if i > 0:
        assert f"-1:w={key(sentence[i - 1])}" in mine
    # frequent news words have a cluster at every granularity
    word = "في"
    assert all(f"c{level}=" in " ".join(sentence_features([word], lexicon)[0]) for level in range(3))


def test_gazetteer_finds_a_country_behind_a_preposition() -> None:
    lexicon = default_model().lexicon
    hits = lexicon.matches([key(w) for w in "وصل الوفد إلى بالعراق أمس".split()])
    assert "B-LOC" in hits[3]
    assert hits[0] == []


def test_shape_classes() -> None:
    assert [shape(w) for w in ("2014", "ع3", "بغداد", "Reuters", "(", "isis")] == [
        "digits", "hasdigit", "arabic", "Latin", "punct", "latin"]


# --- tagging ---------------------------------------------------------------------------------

def test_tagging_is_deterministic_and_well_formed(train_sentences: list) -> None:
    model = default_model()
    for sentence in train_sentences[:20]:
        feats = sentence_features(sentence.tokens, model.lexicon)
        assert feats == sentence_features(sentence.tokens, model.lexicon)
        first = model.tagger.tag(feats)
        assert first == model.tagger.tag(feats) == tag_tokens(sentence.tokens)
        assert set(first) <= TAGS and len(first) == len(sentence.tokens)


def test_tagger_finds_entities_in_a_written_sentence() -> None:
    tags = tag_tokens("وقال الرئيس الأمريكي باراك أوباما في واشنطن إن".split())
    found = {(k, s) for k, s, _ in entities(tags)}
    assert ("LOC", 6) in found
    assert any(k == "PERS" and s in (3, 4) for k, s in found)


def test_f1_on_a_slice_of_anercorp_test(anercorp_test: Path) -> None:
    sentences = read_conll(anercorp_test, min_columns=2)[:300]
    model = default_model()
    scores = score([s.column(-1) for s in sentences], [model.tag(s.tokens) for s in sentences])
    assert scores.tokens > 7000
    assert scores.f1 >= F1_FLOOR, scores.table()



# --- CoNLL I/O and the command ---------------------------------------------------------------

def test_conll_round_trip_through_the_command(anercorp_test: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    source = read_conll(anercorp_test, min_columns=2)[:40]
    infile = tmp_path / "in.txt"
    infile.write_text("".join(" ".join(r) + "\n" for s in source for r in (*s.rows, ())), encoding="utf-8")
    outfile = tmp_path / "out.txt"
    assert main(["ner", "--conll", str(infile), "-o", str(outfile)]) == 0
    tagged = read_conll(outfile)
    assert len(tagged) == len(source)
    for before, after in zip(source, tagged, strict=True):
        assert [r[:-1] for r in after.rows] == list(before.rows)
        assert set(after.column(-1)) <= TAGS
    # to standard output, the same lines
    capsys.readouterr()
    assert main(["ner", "--conll", str(infile)]) == 0
    assert capsys.readouterr().out == outfile.read_text(encoding="utf-8")


def test_bad_conll_files_fail_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    binary = tmp_path / "bad.txt"
    binary.write_bytes(b"\xff\xfe\x00b\x00a\x00d")
    assert main(["ner", "--conll", str(binary)]) == 2
    assert "bad.txt" in capsys.readouterr().err
    assert main(["ner", "--conll", str(tmp_path / "missing.txt")]) == 2
    assert "missing.txt" in capsys.readouterr().err
    with pytest.raises(ConllError, match=":2:"):
        list(parse_conll(["بغداد B-LOC\n", "O\n"], min_columns=2))


# --- mentions over a document ----------------------------------------------------------------

def test_mentions_map_back_to_the_original_text(gold_documents: list) -> None:
    arabic = [d for d in gold_documents if d.get("lang") == "ar" or "\u0627" in d.get("text", "")[:200]][:5]
    assert arabic
    kinds = set()
    for doc in arabic:
        text = doc["text"]
        norm = normalize(text)
        mentions = ner_mentions(norm, split_sentences(norm))
        for m in mentions:
            assert m.span.text_of(text) == m.text
            assert m.text == m.text.strip() and m.text
            kinds.add(m.kind)
    assert kinds and kinds <= {"PER", "LOC", "ORG", "MISC"}
    assert "LOC" in kinds


def test_mentions_keep_diacritics_and_tatweel_in_spans() -> None:
    text = "وصـــل وزير الخارجية إلى بَغْدَادَ أمس، والتقى رئيس الوزراء العراقي."
    norm = normalize(text)
    mentions = ner_mentions(norm, split_sentences(norm))
    assert any(m.kind == "LOC" and m.text == "بَغْدَادَ" for m in mentions), mentions

