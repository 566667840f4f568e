"""Benchmark cross-document fusion on the labelled SaudiNewsNet incidents, and its speed.

1. Quality: runs the extractor on every article the labels name
   (``tests/data/fusion/saudinewsnet_clusters.jsonl``: incidents, each given as
   "article N around characters [s, e)"), maps each extracted event to the
   incident whose anchor its evidence overlaps, clusters *all* events of those
   articles with :func:`rasid.fuse.cluster_reports` (unlabelled events stay in
   as distractors), and prints pairwise precision/recall/F1 over pairs of
   reports from different documents, plus B-cubed.
2. Speed: replicates the extracted reports with jitter (dates shifted over
   two years, coordinates moved up to ~3 km, outlets and ids renamed) to
   ``--synthetic`` reports (default 100,000) and times ``cluster_reports``.

Usage: ``python bench/fusion.py [--shared PATH] [--synthetic N] [--show] [--json]``
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rasid.fuse import Cluster, Report, cluster_reports
from rasid.fuse.goldset import (
    label_reports,
    published_of,
    read_articles,
    read_incidents,
    reports_of,
)
from rasid.fuse.scoring import ClusterScores, score_clustering
from rasid.model import Document
from rasid.pipeline import extract_document

REPO = Path(__file__).resolve().parent.parent
LABELS = REPO / "tests" / "data" / "fusion" / "saudinewsnet_clusters.jsonl"
CORPUS = Path("data") / "saudinewsnet_conflict" / "saudinewsnet_syria_iraq_conflict.jsonl"


def extract_reports(articles: dict[int, dict[str, Any]]) -> list[Report]:
    """Every extracted event of the articles, as fusion reports."""
    reports: list[Report] = []
    for line in sorted(articles):
        art = articles[line]
        doc = Document(
            text=art["content"],
            doc_id=str(line),
            lang="ar",
            published=published_of(art),
            outlet=art.get("source"),
            title=art.get("title"),
        )
        events = [e.to_dict() for e in extract_document(doc).events]
        reports.extend(reports_of(line, art, events))
    return reports


def evaluate(reports: Sequence[Report], labels: dict[str, str]) -> tuple[ClusterScores, list[Cluster]]:
    clusters = cluster_reports(reports)
    predicted = {rid: c.cluster_id for c in clusters for rid in c.report_ids}
    document_of = {r.report_id: r.doc_id for r in reports}
    return score_clustering(predicted, labels, document_of), clusters


def synthetic(reports: Sequence[Report], n: int, seed: int = 13) -> list[Report]:
    """``n`` reports made by replicating real ones: each copy of the corpus is one
    shifted "world" (one date shift for all its reports, so its incidents still
    fuse), with coordinates jittered and outlets renamed per copy."""
    rng = random.Random(seed)
    out: list[Report] = []
    copy = 0
    while len(out) < n:
        shift = timedelta(days=rng.randrange(0, 730))
        for r in reports:
            if len(out) >= n:
                break
            ev = dict(r.event)
            if ev.get("date") and len(ev["date"]) == 10:
                ev["date"] = (date.fromisoformat(ev["date"]) + shift).isoformat()
            if ev.get("latitude") is not None and ev.get("longitude") is not None:
                ev["latitude"] = ev["latitude"] + rng.uniform(-0.02, 0.02)
                ev["longitude"] = ev["longitude"] + rng.uniform(-0.02, 0.02)
            out.append(
                replace(
                    r,
                    report_id=f"s{copy}-{r.report_id}",
                    doc_id=f"s{copy}-{r.doc_id}",
                    outlet=f"{r.outlet}-{copy % 7}",
                    published=r.published + shift if r.published else None,
                    event=ev,
                )
            )
        copy += 1
    return out


def show_incidents(clusters: Sequence[Cluster], labels: dict[str, str], reports: Sequence[Report]) -> None:
    """For each labelled incident: which predicted clusters its reports fell into."""
    cluster_of = {rid: c for c in clusters for rid in c.report_ids}
    by_incident: dict[str, list[str]] = defaultdict(list)
    for rid, inc in labels.items():
        by_incident[inc].append(rid)
    events = {r.report_id: r.event for r in reports}
    for inc in sorted(by_incident):
        rids = sorted(by_incident[inc], key=lambda r: (cluster_of[r].cluster_id, r))
        parts = {cluster_of[r].cluster_id for r in rids}
        print(f"{inc}: {len(rids)} reports in {len(parts)} clusters")
        for rid in rids:
            e = events[rid]
            c = cluster_of[rid]
            foreign = sum(1 for x in c.report_ids if labels.get(x, inc) != inc)
            print(
                f"   {c.cluster_id} (+{foreign} other) {rid:>8} {e['sub_event_type'][:18]:18} "
                f"{e['actor1']} | {e['actor2']} @ {e['admin1']},{e['country']} {e['date']}/{e['time_precision']} "
                f"geo={e['geo_precision']} f={e['fatalities']}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--synthetic", type=int, default=100_000, help="0 to skip the speed run")
    parser.add_argument("--show", action="store_true", help="list each incident's predicted clusters")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)

    incidents = read_incidents(args.labels)
    lines = {a.line for inc in incidents for a in inc.anchors}
    articles = read_articles(args.shared / CORPUS, lines)
    started = time.perf_counter()
    reports = extract_reports(articles)
    extract_s = time.perf_counter() - started
    labels = label_reports(reports, incidents)
    scores, clusters = evaluate(reports, labels)
    missing = sum(1 for inc in incidents for a in inc.anchors) - len({(r.split(":")[0], labels[r]) for r in labels})
    figures: dict[str, Any] = {
        "incidents": len(incidents),
        "multi_report_incidents": sum(1 for i in incidents if len({a.line for a in i.anchors}) > 1),
        "anchors": sum(len(i.anchors) for i in incidents),
        "articles": len(articles),
        "extracted_reports": len(reports),
        "labelled_reports": len(labels),
        "anchors_without_event": missing,
        "predicted_clusters": len(clusters),
        "extract_seconds": round(extract_s, 1),
        **scores.as_dict(),
    }
    if args.show:
        show_incidents(clusters, labels, reports)
    if args.synthetic:
        many = synthetic(reports, args.synthetic)
        started, cpu = time.perf_counter(), time.process_time()
        fused = cluster_reports(many)
        figures["synthetic_reports"] = len(many)
        figures["synthetic_clusters"] = len(fused)
        figures["synthetic_seconds"] = round(time.perf_counter() - started, 1)
        # CPU time too: on a shared machine the wall clock also counts other processes.
        figures["synthetic_cpu_seconds"] = round(time.process_time() - cpu, 1)
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:24} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
