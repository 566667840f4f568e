"""Train the NER CRF: clusters from raw news, gazetteer, then L-BFGS on ANERcorp train.

Deterministic by construction (seeded clusters, fixed iteration count, corpus
order), so ``rasid train ner`` reproduces the shipped model from the shared data.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from rasid.understand.ner.clusters import corpus_tokens, word_clusters
from rasid.understand.ner.conll import ConllSentence, read_conll
from rasid.understand.ner.features import sentence_features
from rasid.understand.ner.lexicon import NerLexicon, gazetteer_entries, key
from rasid.understand.ner.tagger import MODEL_NAME, model_files

TRAIN_FILE = "anercorp/ANERCorp_CamelLab_train.txt"
GAZETTEER_DIR = "anercorp/ANERGazet"
RAW_NEWS = "saudinewsnet_conflict/saudinewsnet_syria_iraq_conflict.jsonl"

# Chosen on a dev split carved from train (last 10% of sentences, see bench --dev):
# c1/c2 0.05/0.02 → 71.80 F1, 0.1/0.3 → 71.92; 300 iterations instead of 100 → 71.83.
CRF_PARAMS: dict[str, object] = {
    "c1": 0.1,
    "c2": 0.3,
    "max_iterations": 100,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}


@dataclass(frozen=True)
class TrainReport:
    """What was trained, from what, and how long each step took (seconds)."""

    sentences: int
    tokens: int
    clusters: int
    gazetteer: int
    seconds_lexicon: float
    seconds_crf: float
    weights: Path


def raw_texts(path: Path) -> list[str]:
    """Article bodies of a JSON Lines news file."""
    texts = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                texts.append(" ".join(str(record.get(f) or "") for f in ("title", "content")))
    return texts


def build_lexicon(shared: Path, train: list[ConllSentence]) -> NerLexicon:
    """Clusters over raw news plus the training tokens; gazetteer from ANERGazet and rasid's tables."""
    sentences = corpus_tokens(raw_texts(shared / RAW_NEWS))
    sentences += [[key(t) for t in s.tokens] for s in train]
    return NerLexicon(clusters=word_clusters(sentences), gazetteer=gazetteer_entries(shared / GAZETTEER_DIR))


def train_crf(
    sentences: list[ConllSentence],
    lexicon: NerLexicon,
    weights: Path,
    params: dict[str, object] | None = None,
) -> None:
    """Fit the CRF on (token, tag) sentences and write its weights."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence in sentences:
        trainer.append(sentence_features(sentence.tokens, lexicon), sentence.column(-1))
    trainer.set_params({**CRF_PARAMS, **(params or {})})
    trainer.train(str(weights))


def train(
    shared: Path,
    out_dir: Path,
    *,
    name: str = MODEL_NAME,
    params: dict[str, object] | None = None,
    holdout: int = 0,
    log: Callable[[str], None] = lambda _: None,
) -> TrainReport:
    """Train on ANERcorp train (less its last ``holdout`` sentences) and save the model in ``out_dir``."""
    train_sentences = read_conll(shared / TRAIN_FILE, min_columns=2)
    if holdout:
        train_sentences = train_sentences[:-holdout]
    out_dir.mkdir(parents=True, exist_ok=True)
    weights, lexicon_path = model_files(out_dir, name)
    started = time.perf_counter()
    log("building word clusters and gazetteer …")
    lexicon = build_lexicon(shared, train_sentences)
    lexicon.save(lexicon_path)
    lexicon_seconds = time.perf_counter() - started
    log(f"  {len(lexicon.clusters)} clustered words, {len(lexicon.gazetteer)} gazetteer phrases ({lexicon_seconds:.0f} s)")
    log(f"training the CRF on {len(train_sentences)} sentences …")
    started = time.perf_counter()
    train_crf(train_sentences, lexicon, weights, params)
    crf_seconds = time.perf_counter() - started
    log(f"  done ({crf_seconds:.0f} s): {weights}")
    return TrainReport(
        sentences=len(train_sentences),
        tokens=sum(len(s.rows) for s in train_sentences),
        clusters=len(lexicon.clusters),
        gazetteer=len(lexicon.gazetteer),
        seconds_lexicon=lexicon_seconds,
        seconds_crf=crf_seconds,
        weights=weights,
    )
