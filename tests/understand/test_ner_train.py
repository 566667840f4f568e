"""Training the Arabic NER CRF is deterministic: same sentences and lexicon, same weights.

Trains twice on a small real slice of ANERcorp train (a few iterations, the shipped
lexicon) so the check stays cheap, then makes sure the result tags like a model.
"""

from __future__ import annotations

from pathlib import Path

import pycrfsuite

from rasid.understand.ner import default_model
from rasid.understand.ner.conll import read_conll
from rasid.understand.ner.features import sentence_features
from rasid.understand.ner.scoring import score
from rasid.understand.ner.train import TRAIN_FILE, train_crf

TAGS = {"O"} | {f"{p}-{k}" for p in "BI" for k in ("PERS", "LOC", "ORG", "MISC")}


def test_crf_training_is_deterministic_on_a_slice(shared_dir: Path, tmp_path: Path) -> None:
    sentences = read_conll(shared_dir / "data" / TRAIN_FILE, min_columns=2)[:80]
    lexicon = default_model().lexicon
    first, second = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    params: dict[str, object] = {"max_iterations": 15}
    train_crf(sentences, lexicon, first, params)
    train_crf(sentences, lexicon, second, params)
    assert first.read_bytes() == second.read_bytes()
    tagger = pycrfsuite.Tagger()
    tagger.open(str(first))
    assert set(tagger.labels()) <= TAGS and "B-LOC" in tagger.labels()
    # it has learnt from the slice: it finds most of the entities it was trained on
    predicted = [tagger.tag(sentence_features(s.tokens, lexicon)) for s in sentences]
    assert score([s.column(-1) for s in sentences], predicted).f1 > 60.0

