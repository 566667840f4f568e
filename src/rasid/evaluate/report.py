"""Rendering an evaluation: a table for people, JSON for scripts.

Every ratio is shown beside the counts it comes from, so a figure can be
checked by hand and a change in the gold is visible as a change in counts.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from rasid.evaluate.evaluator import Evaluation
from rasid.evaluate.scores import FIELDS, LEVELS, Detection, Scores, Tally

LEVEL_NAMES = {"any": "any type", "typed": "typed", "subtyped": "sub-typed"}
FIELD_NAMES = {
    "actor1": "actor1",
    "actor2": "actor2",
    "actor_pair": "actor pair",
    "admin1": "admin1",
    "country": "country",
    "date": "date (published docs)",
    "fatalities": "fatalities",
}
_DETECTION_HEADER = f"{'':30}{'gold':>6}{'pred':>6}{'TP':>6}{'FP':>6}{'FN':>6}{'ign':>6}{'P':>8}{'R':>8}{'F1':>8}"


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _detection_row(name: str, d: Detection) -> str:
    gold, pred = d.tp + d.fn, d.tp + d.fp + d.ignored
    return (
        f"  {name:28}{gold:>6}{pred:>6}{d.tp:>6}{d.fp:>6}{d.fn:>6}{d.ignored:>6}"
        f"{_num(d.precision):>8}{_num(d.recall):>8}{_num(d.f1):>8}"
    )


def _tally_row(name: str, t: Tally) -> str:
    return f"  {name:28}{t.correct:>6} /{t.total:>5}{_num(t.accuracy):>10}"  # "right / total  acc"


def render_block(title: str, scores: Scores) -> list[str]:
    """One block of the table: event detection, field accuracy, quotes."""
    lines = [f"== {title} ({scores.documents} document{'s' if scores.documents != 1 else ''}) =="]
    extra = []
    if scores.gold_optional:
        extra.append(f"{scores.gold_optional} optional")
    if scores.gold_historical:
        extra.append(f"{scores.gold_historical} historical")
    if scores.predicted_historical:
        extra.append(f"{scores.predicted_historical} predicted historical, unscored")
    lines.append("events" + _DETECTION_HEADER[len("events"):])
    if extra:
        lines.append(f"  (not expected: {', '.join(extra)})")
    for level in LEVELS:
        lines.append(_detection_row(LEVEL_NAMES[level], scores.events[level]))
    if scores.by_type:
        lines.append(f"{'by event type (typed)':30}" + _DETECTION_HEADER[30:])
        for etype, detection in sorted(scores.by_type.items()):
            lines.append(_detection_row(etype, detection))
    lines.append(f"{'fields (matched events)':30}{'right':>6}{'total':>7}{'acc':>10}")
    for name in FIELDS:
        lines.append(_tally_row(FIELD_NAMES[name], scores.fields[name]))
    lines.append("quotes" + _DETECTION_HEADER[len("quotes"):])
    lines.append(_detection_row("detection", scores.quotes))
    lines.append(_tally_row("speaker", scores.speaker))
    lines.append(_tally_row("kind", scores.kind))
    lines.append(_tally_row("span exact", scores.span_exact))
    lines.append(f"  {'span overlap F1 (mean)':28}{'':13}{_num(scores.span_overlap_mean):>10}")
    return lines


def render_table(evaluation: Evaluation, *, show_errors: bool = False) -> str:
    """The whole report: overall, each language, each gold file, then errors if asked."""
    langs = Counter(outcome.lang for outcome in evaluation.documents)
    by_lang = ", ".join(f"{lang} {n}" for lang, n in sorted(langs.items()))
    source = "predictions file" if evaluation.mode == "pred" else "rasid pipeline"
    n = len(evaluation.documents)
    lines = [f"rasid evaluate: {n} gold document{'s' if n != 1 else ''} ({by_lang}); predictions from {source}"]
    if evaluation.mode == "extract" and evaluation.documents:
        rate = len(evaluation.documents) / evaluation.extraction_seconds if evaluation.extraction_seconds else 0.0
        lines.append(f"extraction: {evaluation.extraction_seconds:.2f} s, {rate:.1f} documents/s, "
                     f"{evaluation.extraction_failures} failed")
    lines.append("")
    lines += render_block("overall", evaluation.overall)
    for lang in sorted(evaluation.by_language):
        lines.append("")
        lines += render_block(f"language: {lang}", evaluation.by_language[lang])
    if len(evaluation.by_file) > 1:
        for path in sorted(evaluation.by_file):
            lines.append("")
            lines += render_block(f"file: {path}", evaluation.by_file[path])
    if show_errors:
        lines.append("")
        lines += render_errors(evaluation)
    return "\n".join(lines) + "\n"


def render_errors(evaluation: Evaluation) -> list[str]:
    lines = ["== errors by document =="]
    for outcome in evaluation.documents:
        if not outcome.issues:
            continue
        lines.append(f"{outcome.doc_id} [{outcome.lang}] ({outcome.source})")
        for issue in outcome.issues:
            lines.append(f"  {issue.kind}: {issue.detail}")
    if len(lines) == 1:
        lines.append("  none")
    return lines


def to_json_dict(evaluation: Evaluation, *, show_errors: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "mode": evaluation.mode,
        "overall": evaluation.overall.to_dict(),
        "by_language": {lang: s.to_dict() for lang, s in sorted(evaluation.by_language.items())},
        "by_file": {path: s.to_dict() for path, s in sorted(evaluation.by_file.items())},
        "warnings": evaluation.warnings,
    }
    if evaluation.mode == "extract":
        seconds = evaluation.extraction_seconds
        data["extraction"] = {
            "seconds": round(seconds, 3),
            "documents_per_second": round(len(evaluation.documents) / seconds, 2) if seconds else None,
            "failures": evaluation.extraction_failures,
        }
    if show_errors:
        data["documents"] = [
            {"doc_id": o.doc_id, "lang": o.lang, "file": o.source, "issues": [i.to_dict() for i in o.issues]}
            for o in evaluation.documents
        ]
    return data


def render_json(evaluation: Evaluation, *, show_errors: bool = False) -> str:
    return json.dumps(to_json_dict(evaluation, show_errors=show_errors), ensure_ascii=False, indent=2) + "\n"
