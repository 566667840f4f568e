"""Throughput of rasid on the Arabic SaudiNewsNet conflict corpus, beside a BERT-base token classifier.

Reads ``shared/data/saudinewsnet_conflict/*.jsonl`` (1,901 articles) and prints,
each with the core count of the machine:

* model/gazetteer load time (cold, once per process), then warm single-core
  articles/s and MB/s (UTF-8) of the default pipeline, in CPU time;
* the floor: parsing the JSON lines and normalising the same text alone, and
  rasid's time as a multiple of it;
* peak RSS of this process and of each batch worker;
* parallel efficiency from 1 to 2 workers, local and Dask engines (wall clock:
  noisy on a shared machine);
* RSS sampled over a stream of ``--stream`` documents (the corpus repeated),
  to show memory stays flat;
* a BERT-base token classifier (12 layers, hidden 768, random weights) on CPU,
  one thread, over the same articles in 512-token chunks, and the speed ratio.
  Needs the ``bench`` extra (torch, transformers); skipped with a message without it.

Usage: ``python bench/throughput.py [--limit N] [--stream N] [--bert-limit N] [--no-parallel] [--json]``
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corpus import DEFAULT_SHARED, CorpusMissing, corpus_files, corpus_lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N articles (default: all 1,901)")
    parser.add_argument("--stream", type=int, default=1000, metavar="N",
                        help="documents in the constant-memory stream (corpus repeated; e.g. 100000)")
    parser.add_argument("--bert-limit", type=int, default=40, metavar="N",
                        help="articles for the BERT comparison (it is slow; default 40)")
    parser.add_argument("--no-parallel", action="store_true", help="skip the 1 -> 2 worker runs")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)

    try:
        files = corpus_files(args.shared)
    except CorpusMissing as error:
        print(error, file=sys.stderr)
        return 2
    lines = corpus_lines(files, args.limit)
    cores = os.cpu_count() or 1
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    figures: dict[str, Any] = {"cores": cores, "usable_cores": usable, "articles": len(lines)}
    say = _printer(args.json, usable)

    figures.update(_load_time())
    say(f"load (import + first document, cold): {figures['load_s']:.2f} s CPU")

    documents = _documents(lines)
    megabytes = sum(len(d.text.encode("utf-8")) for d in documents) / 1e6
    figures["megabytes"] = round(megabytes, 3)
    wall_started = time.perf_counter()
    seconds = _pipeline_seconds(documents)
    wall = time.perf_counter() - wall_started
    figures.update(pipeline_cpu_s=round(seconds, 3), articles_per_s=round(len(documents) / seconds, 2),
                   mb_per_s=round(megabytes / seconds, 3), pipeline_wall_s=round(wall, 3),
                   articles_per_s_wall=round(len(documents) / wall, 2))
    say(f"rasid, 1 core, warm: {figures['articles_per_s']:.1f} articles/s, {figures['mb_per_s']:.3f} MB/s "
        f"({len(documents):,} articles, {megabytes:.1f} MB, {seconds:.1f} s CPU); "
        f"wall clock {figures['articles_per_s_wall']:.1f} articles/s (includes waiting on a busy machine)")

    floor = _floor_seconds(lines)
    figures.update(floor_cpu_s=round(floor, 3), times_floor=round(seconds / floor, 1))
    say(f"floor (JSON parse + normalise only): {len(lines) / floor:.0f} articles/s; "
        f"rasid takes {figures['times_floor']}x the floor")
    figures["peak_rss_mb_single"] = round(_peak_rss_mb(), 1)
    say(f"peak RSS, single process: {figures['peak_rss_mb_single']} MB")

    if not args.no_parallel:
        figures.update(_parallel(files, args.limit or len(lines), say))
    figures.update(_stream(documents, args.stream, say))
    figures.update(_bert(documents[: args.bert_limit], say))
    if args.json:
        print(json.dumps(figures, indent=1))
    return 0


def _printer(quiet: bool, cores: int) -> Any:
    def say(line: str) -> None:
        if not quiet:
            print(f"[{cores} cores] {line}", flush=True)
    return say


def _load_time() -> dict[str, float]:
    """Import the pipeline and run one short document: what every new worker pays once."""
    started = time.process_time()
    from rasid.model import Document
    from rasid.pipeline import extract_document

    extract_document(Document(text="قتل جنديان في هجوم على حاجز.", doc_id="warm-ar"))
    extract_document(Document(text="Two soldiers were killed in an attack.", doc_id="warm-en"))
    return {"load_s": round(time.process_time() - started, 3)}


def _documents(lines: list[str]) -> list[Any]:
    from rasid.batch.inputs import FieldNames, _document

    docs = [_document(json.loads(line), FieldNames(), "bench", f"saudinewsnet:{n}").document
            for n, line in enumerate(lines, start=1)]
    return [d for d in docs if d is not None]


def _pipeline_seconds(documents: list[Any]) -> float:
    from rasid.pipeline import extract_document

    started = time.process_time()
    for document in documents:
        extract_document(document)
    return time.process_time() - started


def _floor_seconds(lines: list[str]) -> float:
    """Reading and normalising the same text: the least any span-preserving matcher must do."""
    from rasid.text.normalize import normalize

    started = time.process_time()
    for line in lines:
        normalize(json.loads(line).get("content") or "")
    return time.process_time() - started


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def _current_rss_mb() -> float:
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:
        return _peak_rss_mb()


def _parallel(files: list[Path], limit: int, say: Any) -> dict[str, Any]:
    """Wall time of the same batch on 1 and 2 workers, per engine; efficiency = T1 / (2 * T2)."""
    from rasid.batch import BatchOptions, run_batch
    from rasid.batch.runner import Engine

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as sink:
            count = 0
            for f in files:
                for line in f.read_text(encoding="utf-8").splitlines():
                    if line.strip() and count < limit:
                        sink.write(line + "\n")
                        count += 1
        size = max(1, count // 16)
        engines: tuple[Engine, ...] = ("local", "dask")
        for engine in engines:
            walls = {}
            for workers in (1, 2):
                options = BatchOptions(out=Path(tmp) / f"{engine}{workers}", workers=workers, engine=engine,
                                       partition_size=size, parquet=False)
                try:
                    summary = run_batch([str(corpus)], options)
                except Exception as error:  # dask missing: say so, go on
                    say(f"{engine} engine skipped: {error}")
                    break
                walls[workers] = summary.seconds
                rss = max((w.get("max_rss_kb", 0) for w in summary.workers_seen.values()), default=0) / 1024
                out[f"{engine}_{workers}w_wall_s"] = round(summary.seconds, 2)
                out[f"{engine}_{workers}w_peak_rss_mb_per_worker"] = round(rss, 1)
                say(f"{engine} engine, {workers} worker(s): {count / summary.seconds:.1f} articles/s wall, "
                    f"peak RSS per worker {rss:.0f} MB")
            if len(walls) == 2:
                efficiency = walls[1] / (2 * walls[2])
                out[f"{engine}_efficiency_1_to_2"] = round(efficiency, 2)
                say(f"{engine} engine, parallel efficiency 1 -> 2 workers: {efficiency:.0%}")
    return out


def _stream(documents: list[Any], total: int, say: Any) -> dict[str, Any]:
    """Process ``total`` documents (the corpus repeated) and sample RSS as it goes."""
    from dataclasses import replace

    from rasid.pipeline import extract_document

    if total <= 0 or not documents:
        return {}

    def stream() -> Iterator[Any]:
        for n in range(total):
            yield replace(documents[n % len(documents)], doc_id=f"stream:{n}")

    every = max(1, total // 10)
    samples: list[tuple[int, float]] = [(0, round(_current_rss_mb(), 1))]
    started = time.process_time()
    wall_started = time.perf_counter()
    for n, document in enumerate(stream(), start=1):
        extract_document(document)
        if n % every == 0:
            samples.append((n, round(_current_rss_mb(), 1)))
    seconds = time.process_time() - started
    wall = time.perf_counter() - wall_started
    # Growth from the first full sample (caches warm by then) to the last: flat means constant memory.
    growth = samples[-1][1] - samples[1][1] if len(samples) > 1 else 0.0
    say(f"stream of {total:,} documents ({total / seconds:.1f}/s CPU, {total / wall:.1f}/s wall): RSS MB at "
        + ", ".join(f"{n:,}: {rss:.0f}" for n, rss in samples) + f" (growth after the first sample {growth:+.1f} MB)")
    return {"stream_documents": total, "stream_rss_mb": samples, "stream_rss_growth_mb": round(growth, 1),
            "stream_articles_per_s": round(total / seconds, 2), "stream_articles_per_s_wall": round(total / wall, 2)}


def _bert(documents: list[Any], say: Any) -> dict[str, Any]:
    """A BERT-base token classifier with random weights over every 512-token chunk of each article."""
    try:
        import torch
        from transformers import BertConfig, BertForTokenClassification
    except ImportError:
        say("BERT comparison skipped: pip install torch==2.13.0 transformers (the 'bench' extra)")
        return {}
    if not documents:
        return {}
    torch.set_num_threads(1)
    torch.manual_seed(0)
    config = BertConfig()  # the defaults are BERT-base: 12 layers, hidden 768, 12 heads
    config.num_labels = 9  # BIO tags of four entity types
    model = BertForTokenClassification(config).eval()
    vocab = config.vocab_size

    def ids(text: str) -> list[list[int]]:
        # Whitespace words to ids by a stable hash; 510 per chunk plus [CLS] and [SEP].
        words = [1000 + zlib.crc32(w.encode("utf-8")) % (vocab - 1000) for w in text.split()]
        return [[101, *words[i:i + 510], 102] for i in range(0, max(1, len(words)), 510)]

    chunks = 0
    started = time.process_time()
    with torch.inference_mode():
        for document in documents:
            for chunk in ids(document.text):
                model(input_ids=torch.tensor([chunk]))
                chunks += 1
    seconds = time.process_time() - started
    rate = len(documents) / seconds
    rasid_rate = len(documents) / _pipeline_seconds(documents)  # the same articles, measured just after
    ratio = rasid_rate / rate
    say(f"BERT-base token classifier, 1 thread, CPU: {rate:.2f} articles/s ({chunks} chunks of <=512 tokens, "
        f"{len(documents)} articles); rasid on the same articles {rasid_rate:.1f} articles/s: "
        f"{ratio:.0f}x faster (goal >= 20x)")
    return {"bert_articles": len(documents), "bert_chunks": chunks, "bert_articles_per_s": round(rate, 3),
            "rasid_articles_per_s_same": round(rasid_rate, 2), "rasid_over_bert": round(ratio, 1)}


if __name__ == "__main__":
    sys.exit(main())
