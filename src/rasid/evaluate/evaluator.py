"""The evaluation run: read gold, get predictions, score, add up by language and file.

Predictions come either from running the pipeline on each gold article or
from a file written by ``rasid extract`` (keyed by ``doc_id``). Both go
through the same parser, so the two modes score identically. An extractor
that crashes on one document is recorded as a warning and scored as having
found nothing there: a half-built pipeline still gets measured.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasid.evaluate.records import (
    DocRecord,
    InputError,
    Warnings,
    parse_prediction,
    read_gold,
    read_predictions,
)
from rasid.evaluate.scores import DocumentOutcome, Scores, score_document
from rasid.model import Document

Extractor = Callable[[Document], dict[str, Any]]


def pipeline_extractor(document: Document) -> dict[str, Any]:
    """Run rasid's default pipeline; imported late so reading gold never needs it."""
    from rasid.pipeline import extract_document

    return extract_document(document).to_dict()


@dataclass(slots=True)
class Evaluation:
    """Scores overall, per language and per gold file, with per-document outcomes."""

    overall: Scores = field(default_factory=Scores)
    by_language: dict[str, Scores] = field(default_factory=dict)
    by_file: dict[str, Scores] = field(default_factory=dict)
    documents: list[DocumentOutcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    mode: str = "extract"
    extraction_seconds: float = 0.0
    extraction_failures: int = 0

    def add(self, outcome: DocumentOutcome) -> None:
        self.documents.append(outcome)
        self.overall.merge(outcome.scores)
        self.by_language.setdefault(outcome.lang, Scores()).merge(outcome.scores)
        self.by_file.setdefault(outcome.source, Scores()).merge(outcome.scores)


def to_document(gold: DocRecord) -> Document:
    return Document(
        text=gold.text,
        doc_id=gold.doc_id,
        lang=gold.lang if gold.lang in ("ar", "en") else None,
        published=gold.published,
        url=gold.url,
        outlet=gold.outlet,
    )


def evaluate(
    gold_paths: Sequence[Path],
    pred_path: Path | None = None,
    *,
    extractor: Extractor | None = None,
) -> Evaluation:
    """Score predictions (from ``pred_path``, else from ``extractor``) against gold files.

    Raises :class:`InputError` for a missing or unreadable file or when no
    gold document could be read; everything smaller is a warning.
    """
    warnings = Warnings()
    golds: list[DocRecord] = []
    for path in gold_paths:
        golds.extend(read_gold(Path(path), warnings))
    if not golds:
        raise InputError("no gold documents could be read from " + ", ".join(map(str, gold_paths)))
    seen: set[str] = set()
    for gold in golds:
        if gold.doc_id in seen:
            warnings.add(f"{gold.source}: doc_id {gold.doc_id!r} appears more than once in the gold")
        seen.add(gold.doc_id)

    evaluation = Evaluation(mode="pred" if pred_path else "extract")
    if pred_path is not None:
        raw_predictions = read_predictions(Path(pred_path), warnings)
        for gold in golds:
            found = raw_predictions.get(gold.doc_id)
            if found is None:
                warnings.add(f"{pred_path}: no prediction for doc_id {gold.doc_id!r}; scored as empty")
                predicted = None
            else:
                where, raw = found
                predicted = parse_prediction(raw, gold.text, where, warnings)
            evaluation.add(score_document(gold, predicted))
        extra = sorted(set(raw_predictions) - seen)
        if extra:
            examples = ", ".join(repr(d) for d in extra[:3]) + (", …" if len(extra) > 3 else "")
            warnings.add(f"{pred_path}: {len(extra)} prediction(s) for doc_ids not in the gold ({examples}); ignored")
    else:
        run = extractor or pipeline_extractor
        failures: dict[str, list[str]] = {}  # one warning per distinct error, not per document
        for gold in golds:
            started = time.perf_counter()
            try:
                raw = run(to_document(gold))
            except Exception as error:  # any stage failing must not stop the measurement
                evaluation.extraction_failures += 1
                failures.setdefault(f"{type(error).__name__}: {error}", []).append(gold.doc_id)
                raw = {"doc_id": gold.doc_id, "events": [], "quotes": []}
            evaluation.extraction_seconds += time.perf_counter() - started
            predicted = parse_prediction(raw, gold.text, f"extraction of {gold.doc_id}", warnings)
            evaluation.add(score_document(gold, predicted))
        for message, doc_ids in failures.items():
            shown = ", ".join(repr(d) for d in doc_ids[:3]) + (", …" if len(doc_ids) > 3 else "")
            warnings.add(f"extraction failed on {len(doc_ids)} document(s) ({shown}): {message}; scored as empty")
    evaluation.warnings = warnings.messages
    return evaluation


__all__ = ["Evaluation", "InputError", "evaluate", "pipeline_extractor"]
