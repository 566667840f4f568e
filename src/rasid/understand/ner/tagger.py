"""The shipped NER model: load it once, tag token lists.

The model is a linear-chain CRF (python-crfsuite) trained by ``rasid train
ner`` on ANERcorp; its lexicon (clusters, gazetteer) sits next to it as JSON.
Tags follow ANERcorp: ``B-PERS`` ``I-LOC`` ``B-ORG`` ``B-MISC`` ``O``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycrfsuite

from rasid.resources import models_dir
from rasid.understand.ner.features import sentence_features
from rasid.understand.ner.lexicon import NerLexicon

MODEL_NAME = "ner_anercorp"
MAX_LENGTH = 200  # longer token runs are tagged in windows of this size


def model_files(directory: Path, name: str = MODEL_NAME) -> tuple[Path, Path]:
    """(CRF weights, lexicon JSON) of a model called ``name`` in ``directory``."""
    return directory / f"{name}.crfsuite", directory / f"{name}.lexicon.json"


@dataclass
class NerModel:
    """A CRF tagger with the lexicon its features were trained with."""

    tagger: pycrfsuite.Tagger
    lexicon: NerLexicon

    @classmethod
    def load(cls, directory: Path, name: str = MODEL_NAME) -> NerModel:
        weights, lexicon = model_files(directory, name)
        if not weights.is_file() or not lexicon.is_file():
            raise FileNotFoundError(f"NER model {name} not found in {directory} (run 'rasid train ner')")
        tagger = pycrfsuite.Tagger()
        tagger.open(str(weights))
        return cls(tagger, NerLexicon.load(lexicon))

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags of one sentence's tokens."""
        out: list[str] = []
        for start in range(0, len(tokens), MAX_LENGTH):
            window = tokens[start : start + MAX_LENGTH]
            out += self.tagger.tag(sentence_features(window, self.lexicon))
        return out


@cache
def default_model() -> NerModel:
    """The model shipped in ``rasid/data/models``, loaded once per process."""
    return NerModel.load(models_dir())


def tag_tokens(tokens: list[str]) -> list[str]:
    """ANERcorp-style BIO tags (``B-PERS`` …) for one sentence of tokens, by the shipped model."""
    return default_model().tag(tokens)
