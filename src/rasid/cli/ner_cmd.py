"""rasid ner: tag a CoNLL file with rasid's Arabic NER model."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from rasid.cli import CommandError

DESCRIPTION = """\
Tag a CoNLL file (token in the first column, a blank line between sentences,
any further columns kept) with rasid's Arabic NER model, trained on ANERcorp.
The predicted BIO tag (B-PERS, I-LOC, B-ORG, B-MISC, O …) is appended to each
row as a new last column; blank lines stay between sentences.

examples:
  rasid ner --conll test.txt -o tagged.txt
  rasid ner --conll test.txt --model-dir /tmp/my-model
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
    parser.add_argument("--model-dir", metavar="DIR", help="a model trained by 'rasid train ner --out DIR'")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rasid.understand.ner.conll import ConllError, format_conll, read_conll
    from rasid.understand.ner.tagger import NerModel, default_model

    try:
        sentences = read_conll(args.conll)
    except ConllError as error:
        raise CommandError(str(error)) from error
    try:
        model = NerModel.load(Path(args.model_dir)) if args.model_dir else default_model()
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
