"""Train the English entity CRF on weak labels of ACLED notes.

``python -m rasid.understand.ner_en.train --acled shared/data/acled_mideast_2018``
reads the TRAIN split only (and, with ``--news``, the FA-KES English news
articles, CC BY 4.0, labelled from the same names plus person rules), groups rows by their note (one note is often coded
as several events: their names add up), weak-labels every sentence
(:mod:`rasid.understand.ner_en.weak`), keeps the *complete* sentences (no
unexplained capitalised word) and holds out the notes whose CRC-32 is 0 mod 10
for validation. Training is L-BFGS over a fixed order of sentences, so the
same input gives the same model. The model holds feature weights only (single
words, word pairs, shapes, affixes), no note text.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from rasid.resources import read_table
from rasid.understand.ner.scoring import entities
from rasid.understand.ner_en.features import common_vocabulary, sentence_features
from rasid.understand.ner_en.weak import (
    Knowledge,
    LabelledSentence,
    build_knowledge,
    common_words,
    label_note,
)

MAX_TOKENS = 80  # longer "sentences" are runs the splitter could not cut (stripped punctuation)
PARAMS = {"c1": 0.1, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}


@dataclass(frozen=True, slots=True)
class Note:
    text: str
    rows: tuple[dict[str, str], ...]

    @property
    def held_out(self) -> bool:
        return zlib.crc32(self.text.encode("utf-8")) % 10 == 0


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def group_notes(rows: Iterable[dict[str, str]]) -> list[Note]:
    """One :class:`Note` per distinct note text, with every row coded from it, in file order."""
    by_note: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        note = row.get("notes", "").strip()
        if note:
            by_note.setdefault(note, []).append(row)
    return [Note(text, tuple(rs)) for text, rs in by_note.items()]


def weak_dataset(
    notes: Sequence[Note], knowledge: Knowledge, common: frozenset[str]
) -> list[LabelledSentence]:
    return [s for note in notes for s in label_note(note.text, note.rows, knowledge, common)]


def bio_spans(labels: Sequence[str]) -> set[tuple[int, int, str]]:
    """Entity ranges ``(start, end, type)`` of a BIO sequence (a stray I- opens one)."""
    return {(start, end, kind) for kind, start, end in entities(labels)}


def score(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> dict[str, dict[str, float]]:
    """Exact-span precision/recall/F1 per entity type and overall."""
    counts: dict[str, list[int]] = {}
    for g_labels, p_labels in zip(gold, predicted, strict=True):
        gs, ps = bio_spans(g_labels), bio_spans(p_labels)
        for kind in {k for *_, k in gs | ps} | {"ALL"}:
            gk = {s for s in gs if kind in ("ALL", s[2])}
            pk = {s for s in ps if kind in ("ALL", s[2])}
            c = counts.setdefault(kind, [0, 0, 0])
            c[0] += len(gk & pk)
            c[1] += len(pk)
            c[2] += len(gk)
    out: dict[str, dict[str, float]] = {}
    for kind, (tp, npred, ngold) in sorted(counts.items()):
        p = tp / npred if npred else 0.0
        r = tp / ngold if ngold else 0.0
        out[kind] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                     "gold": ngold, "predicted": npred}
    return out


def train(sentences: Sequence[LabelledSentence], model: Path, params: dict[str, object] | None = None) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for s in sentences:
        trainer.append(sentence_features(s.tokens), list(s.labels))
    trainer.set_params(params or PARAMS)
    model.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model))


VOCAB = "ner_en.vocab.tsv"
_VOCAB_HEADER = """\
# Common English words: words written in lower case at least 3 times, and more often than capitalised,
# in the FA-KES news articles (Abu Salem et al., ICWSM 2019; CC BY 4.0, Zenodo 2607278); a word list,
# no text. Feature of the English entity tagger (a capitalised common word is rarely a name by itself).
# Built by `python -m rasid.understand.ner_en.train --news ...`. Licence: CC BY 4.0 (attribute FA-KES).
word
"""


def write_vocab(articles: Iterable[str], path: Path, min_count: int = 3) -> None:
    """The common-word list the ``capcommon`` feature reads (from news only: CC BY 4.0)."""
    lower: dict[str, int] = {}
    upper: dict[str, int] = {}
    for text in articles:
        for word in re.findall(r"[^\W\d_]+", text):
            table = lower if word[0].islower() else upper
            table[word.lower()] = table.get(word.lower(), 0) + 1
    kept = sorted(
        w for w, n in lower.items() if n >= min_count and n > upper.get(w, 0) and (len(w) > 1 or w == "a")
    )
    path.write_text(_VOCAB_HEADER + "".join(f"{w}\n" for w in kept), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--acled", type=Path, required=True, help="folder of acled_mideast_2018")
    parser.add_argument("--news", type=Path, default=None,
                        help="FA-KES-Dataset.csv (fakes_syria): English news, weak-labelled the same way")
    parser.add_argument("--out", type=Path, default=Path("src/rasid/data/models/ner_en.crfsuite"))
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    rows = read_rows(args.acled / "train_learningData.csv")
    notes = group_notes(rows)
    knowledge = build_knowledge(rows)
    articles = [r["article_content"] for r in read_rows(args.news)] if args.news else []
    if articles:
        # The feature reads the packaged list: train with --out in the package's data/models.
        write_vocab(articles, args.out.parent / VOCAB)
        read_table.cache_clear()
        common_vocabulary.cache_clear()
    common = common_words([*(n.text for n in notes), *articles])
    train_notes = [n for n in notes if not n.held_out]
    dev_notes = [n for n in notes if n.held_out]
    train_set = weak_dataset(train_notes, knowledge, common)
    dev_set = weak_dataset(dev_notes, knowledge, common)
    kept = [s for s in train_set if s.complete]
    dev_kept = [s for s in dev_set if s.complete]
    print(f"notes {len(notes)} (train {len(train_notes)}, held out {len(dev_notes)}); "
          f"sentences kept {len(kept)}/{len(train_set)} train, {len(dev_kept)}/{len(dev_set)} held out "
          f"[{time.perf_counter() - t0:.0f}s]", file=sys.stderr)
    if articles:
        news = [s for a in articles for s in label_note(a, (), knowledge, common) if len(s.tokens) <= MAX_TOKENS]
        news_kept = [s for s in news if s.complete]
        print(f"news articles {len(articles)}: sentences kept {len(news_kept)}/{len(news)} "
              f"[{time.perf_counter() - t0:.0f}s]", file=sys.stderr)
        # News is the domain the tagger serves; notes outnumber it, so its sentences count twice.
        kept += news_kept + news_kept
    train(kept, args.out)
    print(f"trained {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) "
          f"[{time.perf_counter() - t0:.0f}s]", file=sys.stderr)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(args.out))
    predicted = [tagger.tag(sentence_features(s.tokens)) for s in dev_kept]
    for kind, m in score([s.labels for s in dev_kept], predicted).items():
        print(f"held-out weak-label agreement {kind}: P {m['precision']:.3f} R {m['recall']:.3f} "
              f"F1 {m['f1']:.3f} (gold {m['gold']:.0f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
