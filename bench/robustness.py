"""The robustness report (issue #9): inputs tried per entry point, crashes, limits exercised, faults injected.

    .venv/bin/python bench/robustness.py --quick            # a minute or two
    .venv/bin/python bench/robustness.py --seconds 300      # 5 min of atheris per harness

Sections: (1) hypothesis-style random inputs through every harness of ``bench/fuzz``
(in this process, counted); (2) atheris, coverage-guided, per harness (skipped when
atheris is missing); (3) limits: documents skipped by size and by time, and the sentence
windows; (4) engineer D's ``bench/faults.py``: kill -9 trials, integrity checks and the
schemathesis findings ("not run" when that file is absent). Crashes must be 0.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def random_inputs(harnesses: ModuleType, name: str, count: int, rng: random.Random) -> dict[str, Any]:
    """Seeds mutated at random (bytes flipped, cut, repeated, spliced with hostile pieces)."""
    seeds = [p.read_bytes() for p in sorted((HERE / "fuzz" / "seeds" / name).iterdir())]
    pieces = [b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", "\u202e".encode(), "\u0651".encode() * 50, b"<div>" * 50,
              b'"', b"\n", b"{", "«".encode(), "٣".encode() * 40, b"\xd8", b"<script>" * 20]
    crashes: list[str] = []
    started = time.process_time()
    for _ in range(count):
        data = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(1, 4)):
            where = rng.randrange(len(data) + 1)
            action = rng.randrange(4)
            if action == 0 and data:
                data[rng.randrange(len(data))] = rng.randrange(256)
            elif action == 1:
                data[where:where] = rng.choice(pieces)
            elif action == 2:
                del data[where:]
            else:
                data[where:where] = data[where:where + rng.randint(1, 40)] * rng.randint(1, 30)
        try:
            harnesses.run_guarded(name, bytes(data))
        except Exception as crash:
            crashes.append(f"{type(crash).__name__}: {str(crash)[:200]} on {bytes(data[:60])!r}")
    return {"inputs": count, "crashes": crashes, "cpu_s": round(time.process_time() - started, 1)}


def limits_report() -> dict[str, Any]:
    """Documents over each limit are refused with a reason; stop-less text is windowed."""
    from rasid.model import Document
    from rasid.pipeline import (
        MAX_CHARS,
        DocumentTimedOut,
        DocumentTooLarge,
        Limits,
        extract_document,
    )

    out: dict[str, Any] = {}
    try:
        extract_document(Document("x" * (MAX_CHARS + 1), "big"))
        out["size"] = "NOT refused"
    except DocumentTooLarge as error:
        out["size"] = f"skipped: {error}"
    flood = "قال مصدر إن " * 5_000  # one 60,000-character sentence of speech cues
    started = time.process_time()
    try:
        extract_document(Document(flood, "flood"), limits=Limits(max_seconds=0.05))  # a tight limit on purpose
        out["time"] = "NOT refused"
    except DocumentTimedOut as error:
        out["time"] = f"skipped after {time.process_time() - started:.1f} s CPU: {error}"
    started = time.process_time()
    result = extract_document(Document(flood[:40_000], "windows"), limits=Limits(max_seconds=None))
    out["sentence windows"] = (f"{len(result.sentences)} windows, longest {max(len(s.span) for s in result.sentences)} "
                               f"chars, {time.process_time() - started:.1f} s CPU for 40,000 chars")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=60, help="atheris time per harness (default 60)")
    parser.add_argument("--examples", type=int, default=2000, help="random inputs per harness (default 2000)")
    parser.add_argument("--trials", type=int, default=20, help="kill -9 trials for bench/faults.py (default 20)")
    parser.add_argument("--quick", action="store_true", help="10 s of atheris, 200 inputs, 3 trials")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.examples, args.trials = 10, 200, 3
    harnesses = _load("rasid_fuzz_harnesses", HERE / "fuzz" / "harnesses.py")
    rng = random.Random(9)
    total_crashes = 0
    print("== robustness report (bench/robustness.py)")
    print(f"-- random mutations of the seeds ({args.examples} per harness, in process)")
    for name in harnesses.HARNESSES:
        found = random_inputs(harnesses, name, args.examples, rng)
        total_crashes += len(found["crashes"])
        print(f"  {name:<16} inputs {found['inputs']:>7,}  crashes {len(found['crashes'])}  cpu {found['cpu_s']} s")
        for crash in found["crashes"][:3]:
            print(f"      {crash}")
    print(f"-- atheris, coverage-guided ({args.seconds} s per harness)")
    if importlib.util.find_spec("atheris") is None:
        print("  not run: atheris is not installed (pip install atheris)")
    else:
        runner = _load("rasid_fuzz_run_atheris", HERE / "fuzz" / "run_atheris.py")
        for name in harnesses.HARNESSES:
            outcome = runner.run(name, runs=-1, seconds=args.seconds)
            total_crashes += len(outcome["crashes"])
            print(f"  {name:<16} inputs {outcome['runs']:>7,}  crashes {len(outcome['crashes'])}")
            for crash in outcome["crashes"][:3]:
                print(f"      {crash}")
    print("-- limits exercised")
    for key, value in limits_report().items():
        print(f"  {key:<16} {value}")
    print("-- faults and web (bench/faults.py)")
    if not (HERE / "faults.py").exists():
        print("  not run: bench/faults.py is not there yet")
    else:
        faults = _load("rasid_bench_faults", HERE / "faults.py")
        for title, call in (("kill -9 / integrity", lambda: faults.fault_report(args.trials)),
                            ("schemathesis", lambda: faults.web_report(args.examples // 10 or 10))):
            try:
                report = call()
            except Exception as error:  # report what failed, keep the rest of the report
                print(f"  {title}: not run ({type(error).__name__}: {error})")
                continue
            for key, value in report.items():
                print(f"  {key:<28} {value}")
    print(f"== crashes: {total_crashes}")
    return 1 if total_crashes else 0


if __name__ == "__main__":
    sys.exit(main())
