"""Scoring one document's predictions against its gold, and adding scores up.

Rules (the contract of ``shared/spec/EVENTS.md``, made precise):

* Events are matched one-to-one by character overlap of their evidence
  (see :mod:`rasid.evaluate.matching`) at three levels: *any* type (overlap
  alone), *typed* (same ``event_type``) and *sub-typed* (same
  ``sub_event_type``). Each level is its own matching.
* Gold events marked ``historical`` are not expected: a prediction matched to
  one is ignored (neither TP nor FP), and an unmatched one is not a miss.
  Predictions marked ``historical`` are not scored as events at all.
* Gold events marked ``optional``: unmatched is not a miss; a prediction
  matched to one is ignored. On equal overlap a required gold event is
  preferred over an optional or historical one.
* Field accuracy is measured on the pairs of the any-type matching whose gold
  is required: actor1, actor2, the actor pair (both right), admin1, country
  (canonical names compared after whitespace and case folding), date (only
  when the gold document has a ``published`` date; null = null is right) and
  fatalities (exact integer).
* Quotes are matched one-to-one by overlap of the quoted text; on matched
  quotes: speaker (normalised words; equal, or one a contiguous word run of
  the other; gold may list alternatives split by ";" or "؛"), kind, exact
  span, and mean character-overlap F1 of the two spans.

Precision is TP/(TP+FP), recall TP/(TP+FN); a ratio whose denominator is 0
is ``None`` (shown as "-"), except that precision is 0 when there is gold
but no prediction, so an extractor that finds nothing scores zeros.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rasid.evaluate.matching import match_by_overlap, overlap_f1
from rasid.evaluate.records import DocRecord, EventRecord, words
from rasid.understand.places import canonical_admin1

LEVELS = ("any", "typed", "subtyped")
FIELDS = ("actor1", "actor2", "actor_pair", "admin1", "country", "date", "fatalities")
EXCERPT = 90


def _ratio(num: int | float, den: int) -> float | None:
    return num / den if den else None


@dataclass(slots=True)
class Detection:
    """Counts of one matching: true/false positives, misses, ignored predictions."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    ignored: int = 0

    @property
    def precision(self) -> float | None:
        if self.tp + self.fp == 0:
            return 0.0 if self.fn else None
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def merge(self, other: Detection) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.ignored += other.ignored

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp, "fp": self.fp, "fn": self.fn, "ignored": self.ignored,
            "precision": _round(self.precision), "recall": _round(self.recall), "f1": _round(self.f1),
        }


@dataclass(slots=True)
class Tally:
    """How many of ``total`` comparisons were right."""

    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return _ratio(self.correct, self.total)

    def add(self, ok: bool) -> None:
        self.total += 1
        self.correct += int(ok)

    def merge(self, other: Tally) -> None:
        self.correct += other.correct
        self.total += other.total

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": _round(self.accuracy)}

    def __str__(self) -> str:  # as the benchmarks print it: "0.932 (6711/7201)"
        value = "-" if self.accuracy is None else f"{self.accuracy:.3f}"
        return f"{value:>6} ({self.correct}/{self.total})"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


@dataclass(slots=True)
class Scores:
    """Everything counted over one or more documents; :meth:`merge` adds them up."""

    documents: int = 0
    gold_events: int = 0  # required ones: the recall denominator
    gold_optional: int = 0
    gold_historical: int = 0
    predicted_events: int = 0  # scored ones (not flagged historical)
    predicted_historical: int = 0
    events: dict[str, Detection] = field(default_factory=lambda: {lv: Detection() for lv in LEVELS})
    fields: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in FIELDS})
    gold_quotes: int = 0
    predicted_quotes: int = 0
    quotes: Detection = field(default_factory=Detection)
    speaker: Tally = field(default_factory=Tally)
    kind: Tally = field(default_factory=Tally)
    span_exact: Tally = field(default_factory=Tally)
    span_overlap_sum: float = 0.0
    by_type: dict[str, Detection] = field(default_factory=dict)  # typed level, per event_type

    @property
    def matched_events(self) -> int:
        return self.events["any"].tp

    @property
    def span_overlap_mean(self) -> float | None:
        return _ratio(self.span_overlap_sum, self.span_exact.total)

    def merge(self, other: Scores) -> None:
        self.documents += other.documents
        self.gold_events += other.gold_events
        self.gold_optional += other.gold_optional
        self.gold_historical += other.gold_historical
        self.predicted_events += other.predicted_events
        self.predicted_historical += other.predicted_historical
        for level in LEVELS:
            self.events[level].merge(other.events[level])
        for name in FIELDS:
            self.fields[name].merge(other.fields[name])
        self.gold_quotes += other.gold_quotes
        self.predicted_quotes += other.predicted_quotes
        self.quotes.merge(other.quotes)
        self.speaker.merge(other.speaker)
        self.kind.merge(other.kind)
        self.span_exact.merge(other.span_exact)
        self.span_overlap_sum += other.span_overlap_sum
        for etype, detection in other.by_type.items():
            self.by_type.setdefault(etype, Detection()).merge(detection)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "events": {
                "gold": self.gold_events,
                "gold_optional": self.gold_optional,
                "gold_historical": self.gold_historical,
                "predicted": self.predicted_events,
                "predicted_historical": self.predicted_historical,
                "matched": self.matched_events,
                **{level: self.events[level].to_dict() for level in LEVELS},
                "by_type": {t: d.to_dict() for t, d in sorted(self.by_type.items())},
            },
            "fields": {name: self.fields[name].to_dict() for name in FIELDS},
            "quotes": {
                "gold": self.gold_quotes,
                "predicted": self.predicted_quotes,
                "matched": self.quotes.tp,
                "detection": self.quotes.to_dict(),
                "speaker": self.speaker.to_dict(),
                "kind": self.kind.to_dict(),
                "span_exact": self.span_exact.to_dict(),
                "span_overlap_f1": _round(self.span_overlap_mean),
            },
        }


@dataclass(frozen=True, slots=True)
class Issue:
    """One error worth a developer's look: a miss, a spurious item, a wrong field."""

    kind: str  # missed event | spurious event | wrong type | wrong field | missed quote | ...
    detail: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "detail": self.detail}


@dataclass(slots=True)
class DocumentOutcome:
    doc_id: str
    lang: str
    source: str
    scores: Scores
    issues: list[Issue]


# --- comparisons ------------------------------------------------------------


def same_name(a: str | None, b: str | None) -> bool:
    """Canonical names: equal after whitespace squeezing and case folding; null = null."""
    return _fold(a) == _fold(b)


def same_admin1(a: str | None, b: str | None) -> bool:
    """Admin1 names: equal, or two spellings of one division ("Daraa" and "Dar'a")."""
    if a is None or b is None:
        return a is b
    return same_name(canonical_admin1(a), canonical_admin1(b))


def _fold(value: str | None) -> str | None:
    if value is None:
        return None
    folded = " ".join(value.split()).casefold()
    return folded or None


_ALTERNATIVES = re.compile(r"[;؛]")


def _contains_run(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def speaker_matches(predicted: str | None, gold: str | None) -> bool:
    """Whether a predicted speaker names the gold one.

    Both sides are reduced to normalised words (no «», no punctuation). They
    match when equal or when one is a contiguous run of the other's words (a
    bare name against name plus title). Gold may list alternatives.
    """
    if gold is None:
        return predicted is None
    pred_words = words(predicted)
    if not pred_words:
        return False
    for alternative in _ALTERNATIVES.split(gold):
        gold_words = words(alternative)
        if not gold_words:
            continue
        if len(pred_words) >= len(gold_words):
            if _contains_run(pred_words, gold_words):
                return True
        elif _contains_run(gold_words, pred_words):
            return True
    return False


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1] + "…"


def _label(event: EventRecord) -> str:
    return f"{event.event_type or '?'} / {event.sub_event_type or '?'}"


# --- one document -------------------------------------------------------------


def _tiebreak_events(
    preds: list[EventRecord], golds: list[EventRecord]
) -> Callable[[int, int], tuple[int, int, int]]:
    """Equal overlap: prefer required gold, then the same type, then the same sub-type."""
    def key(p: int, g: int) -> tuple[int, int, int]:
        pe, ge = preds[p], golds[g]
        return (
            int(ge.optional or ge.historical),
            int(not same_name(pe.event_type, ge.event_type)),
            int(not same_name(pe.sub_event_type, ge.sub_event_type)),
        )

    return key


def _constraint(
    level: str, preds: list[EventRecord], golds: list[EventRecord]
) -> Callable[[int, int], bool] | None:
    """What else than overlap a pair needs at a level: nothing, the type, or the sub-type too."""
    if level == "typed":
        return lambda p, g: same_name(preds[p].event_type, golds[g].event_type)
    if level == "subtyped":
        return lambda p, g: same_name(preds[p].event_type, golds[g].event_type) and same_name(
            preds[p].sub_event_type, golds[g].sub_event_type
        )
    return None


def _count_by_type(
    scores: Scores, preds: list[EventRecord], golds: list[EventRecord], required: list[bool],
    pairs: list[tuple[int, int]],
) -> None:
    """Typed-level TP/FP/FN split by event type: which types are found, which invented."""
    matched_p = {p: g for p, g in pairs}
    matched_g = set(matched_p.values())
    for g, event in enumerate(golds):
        if required[g]:
            detection = scores.by_type.setdefault(event.event_type or "?", Detection())
            if g in matched_g:
                detection.tp += 1
            else:
                detection.fn += 1
    for p, event in enumerate(preds):
        detection = scores.by_type.setdefault(event.event_type or "?", Detection())
        if p not in matched_p:
            detection.fp += 1
        elif not required[matched_p[p]]:
            detection.ignored += 1


def score_document(gold: DocRecord, predicted: DocRecord | None) -> DocumentOutcome:
    """Scores and issues of one document (``predicted`` None: nothing was predicted)."""
    scores = Scores(documents=1)
    issues: list[Issue] = []
    preds = [e for e in (predicted.events if predicted else []) if not e.historical]
    golds = gold.events
    required = [not (g.optional or g.historical) for g in golds]
    scores.gold_events = sum(required)
    scores.gold_optional = sum(1 for g in golds if g.optional and not g.historical)
    scores.gold_historical = sum(1 for g in golds if g.historical)
    scores.predicted_events = len(preds)
    scores.predicted_historical = len(predicted.events) - len(preds) if predicted else 0

    pred_spans = [e.span for e in preds]
    gold_spans = [g.span for g in golds]
    tiebreak = _tiebreak_events(preds, golds)
    any_pairs: list[tuple[int, int]] = []
    for level in LEVELS:
        pairs = match_by_overlap(pred_spans, gold_spans, allowed=_constraint(level, preds, golds), tiebreak=tiebreak)
        detection = scores.events[level]
        detection.tp = sum(1 for _, g in pairs if required[g])
        detection.ignored = len(pairs) - detection.tp
        detection.fp = len(preds) - len(pairs)
        detection.fn = scores.gold_events - detection.tp
        if level == "any":
            any_pairs = pairs
        elif level == "typed":
            _count_by_type(scores, preds, golds, required, pairs)

    matched_p = {p for p, _ in any_pairs}
    matched_g = {g for _, g in any_pairs}
    for g, event in enumerate(golds):
        if required[g] and g not in matched_g:
            issues.append(Issue("missed event", f"{_label(event)}: {_excerpt(event.evidence)}"))
    for p, event in enumerate(preds):
        if p not in matched_p:
            issues.append(Issue("spurious event", f"{_label(event)}: {_excerpt(event.evidence)}"))

    score_dates = gold.published is not None
    for p, g in any_pairs:
        if not required[g]:
            continue
        pe, ge = preds[p], golds[g]
        if _label(pe) != _label(ge):
            issues.append(Issue("wrong type", f"gold {_label(ge)}, predicted {_label(pe)}: {_excerpt(ge.evidence)}"))
        checks = {
            "actor1": same_name(pe.actor1, ge.actor1),
            "actor2": same_name(pe.actor2, ge.actor2),
            "admin1": same_admin1(pe.admin1, ge.admin1),
            "country": same_name(pe.country, ge.country),
            "fatalities": pe.fatalities == ge.fatalities,
        }
        checks["actor_pair"] = checks["actor1"] and checks["actor2"]
        if score_dates:
            checks["date"] = (pe.date or "").strip() == (ge.date or "").strip()
        for name, ok in checks.items():
            scores.fields[name].add(ok)
            if not ok and name != "actor_pair":
                issues.append(Issue(
                    "wrong field",
                    f"{name}: gold {getattr(ge, name)!r}, predicted {getattr(pe, name)!r}: {_excerpt(ge.evidence)}",
                ))

    _score_quotes(gold, predicted, scores, issues)
    return DocumentOutcome(gold.doc_id, gold.lang, gold.source.rsplit(":", 1)[0], scores, issues)


def _score_quotes(gold: DocRecord, predicted: DocRecord | None, scores: Scores, issues: list[Issue]) -> None:
    preds = predicted.quotes if predicted else []
    golds = gold.quotes
    required = [not q.optional for q in golds]
    scores.gold_quotes = sum(required)
    scores.predicted_quotes = len(preds)
    pairs = match_by_overlap(
        [q.span for q in preds], [q.span for q in golds], tiebreak=lambda p, g: int(not required[g])
    )
    detection = scores.quotes
    detection.tp = sum(1 for _, g in pairs if required[g])
    detection.ignored = len(pairs) - detection.tp
    detection.fp = len(preds) - len(pairs)
    detection.fn = scores.gold_quotes - detection.tp
    matched_p = {p for p, _ in pairs}
    matched_g = {g for _, g in pairs}
    for g, quote in enumerate(golds):
        if required[g] and g not in matched_g:
            issues.append(Issue("missed quote", f"{quote.speaker or '?'}: {_excerpt(quote.text)}"))
    for p, quote in enumerate(preds):
        if p not in matched_p:
            issues.append(Issue("spurious quote", f"{quote.speaker or '?'}: {_excerpt(quote.text)}"))
    for p, g in pairs:
        if not required[g]:
            continue
        pq, gq = preds[p], golds[g]
        assert pq.span is not None and gq.span is not None  # matched spans exist
        speaker_ok = speaker_matches(pq.speaker, gq.speaker)
        scores.speaker.add(speaker_ok)
        if not speaker_ok:
            issues.append(Issue(
                "wrong speaker", f"gold {gq.speaker!r}, predicted {pq.speaker!r}: {_excerpt(gq.text)}"
            ))
        scores.kind.add(same_name(pq.kind, gq.kind))
        scores.span_exact.add(pq.span == gq.span)
        scores.span_overlap_sum += overlap_f1(pq.span, gq.span)
