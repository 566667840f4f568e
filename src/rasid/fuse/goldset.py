"""The labelled fusion set: incidents, each "reported in article N around characters [s, e)".

The labels (``tests/data/fusion/saudinewsnet_clusters.jsonl``) hold only line
numbers of the SaudiNewsNet conflict file and character offsets, never text,
so they survive extractor changes: an extracted event belongs to an incident
when its evidence overlaps the incident's anchor span in that article.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from rasid.fuse.records import Report


@dataclass(frozen=True)
class Anchor:
    incident: str
    line: int
    start: int
    end: int


@dataclass(frozen=True)
class Incident:
    incident: str
    description: str
    anchors: tuple[Anchor, ...]


def read_incidents(path: Path) -> list[Incident]:
    incidents = []
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            if not raw.strip():
                continue
            rec = json.loads(raw)
            anchors = tuple(Anchor(rec["incident"], r["line"], r["start"], r["end"]) for r in rec["reports"])
            incidents.append(Incident(rec["incident"], rec["description"], anchors))
    return incidents


def read_articles(path: Path, lines: Iterable[int]) -> dict[int, dict[str, Any]]:
    """The articles at the given 1-based line numbers of a JSONL corpus."""
    wanted = set(lines)
    found: dict[int, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            if number in wanted:
                found[number] = json.loads(raw)
    return found


def published_of(article: dict[str, Any]) -> date | None:
    stamp = article.get("date_extracted") or article.get("published")
    try:
        return date.fromisoformat(str(stamp)[:10]) if stamp else None
    except ValueError:
        return None


def reports_of(line: int, article: dict[str, Any], events: Sequence[dict[str, Any]]) -> list[Report]:
    """One report per extracted event of an article; ids are ``<line>:<event index>``."""
    return [
        Report(f"{line}:{i}", str(line), article.get("source"), published_of(article), event)
        for i, event in enumerate(events)
    ]


def label_reports(reports: Iterable[Report], incidents: Sequence[Incident]) -> dict[str, str]:
    """report id → incident, for reports whose evidence overlaps an anchor (largest overlap wins)."""
    by_line: dict[int, list[Anchor]] = {}
    for inc in incidents:
        for a in inc.anchors:
            by_line.setdefault(a.line, []).append(a)
    labels: dict[str, str] = {}
    for r in reports:
        start, end = r.event.get("evidence_start"), r.event.get("evidence_end")
        if start is None or end is None:
            continue
        best, best_overlap = None, 0
        for a in by_line.get(int(r.doc_id), ()):
            overlap = min(end, a.end) - max(start, a.start)
            if overlap > best_overlap:
                best, best_overlap = a.incident, overlap
        if best is not None:
            labels[r.report_id] = best
    return labels
