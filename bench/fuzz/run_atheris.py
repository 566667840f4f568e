"""Run one harness of ``harnesses.py`` under atheris (coverage-guided, libFuzzer) for a bounded time.

    .venv/bin/python bench/fuzz/run_atheris.py pipeline --runs 2000
    .venv/bin/python bench/fuzz/run_atheris.py html --seconds 300 --artifacts /tmp/crashes

The seed corpus ``seeds/<harness>/`` is copied to a scratch folder first (libFuzzer adds
the inputs it finds to its corpus folder; the seeds in the repository stay as written).
A crash or a broken property leaves ``crash-*`` under ``--artifacts`` and exits non-zero;
the last line printed is ``runs=N crashes=C`` for ``bench/robustness.py`` to read.
Only rasid's own modules are instrumented: coverage of the libraries is not our target.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
SEEDS = HERE / "seeds"


def load_harnesses() -> ModuleType:
    spec = importlib.util.spec_from_file_location("rasid_fuzz_harnesses", HERE / "harnesses.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fuzz_in_this_process(name: str, runs: int, seconds: int, max_len: int, corpus: Path, artifacts: Path) -> None:
    """Never returns: libFuzzer ends the process when its budget is spent or on the first crash."""
    import atheris

    with atheris.instrument_imports(include=["rasid"]):
        harnesses = load_harnesses()
    harness = harnesses.HARNESSES[name]
    expected = harnesses.EXPECTED

    def one(data: bytes) -> None:
        try:
            harness(data)
        except expected:
            pass

    argv = [sys.argv[0], f"-runs={runs}", f"-max_len={max_len}", "-rss_limit_mb=4096", "-timeout=60",
            f"-artifact_prefix={artifacts}/", "-print_final_stats=1", str(corpus)]
    if seconds:
        argv.insert(1, f"-max_total_time={seconds}")
    atheris.Setup(argv, one)
    atheris.Fuzz()


def run(name: str, *, runs: int = 2000, seconds: int = 0, max_len: int = 4096,
        artifacts: Path | None = None) -> dict[str, object]:
    """Fuzz ``name`` in a child process; returns ``{"runs", "crashes", "seconds", "log"}``."""
    scratch = Path(tempfile.mkdtemp(prefix=f"rasid-fuzz-{name}-"))
    corpus = scratch / "corpus"
    shutil.copytree(SEEDS / name, corpus)
    artifacts = artifacts or scratch / "artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, str(Path(__file__).resolve()), name, "--child", "--runs", str(runs),
               "--seconds", str(seconds), "--max-len", str(max_len), "--corpus", str(corpus),
               "--artifacts", str(artifacts)]
    done = subprocess.run(command, capture_output=True, text=True, errors="replace", check=False)
    log = done.stderr + done.stdout
    executed = re.search(r"stat::number_of_executed_units:\s*(\d+)", log)
    time_used = re.search(r"Done \d+ runs in (\d+) second", log)
    crashes = sorted(str(p) for p in artifacts.glob("crash-*")) + sorted(str(p) for p in artifacts.glob("timeout-*"))
    if done.returncode != 0 and not crashes:
        crashes = [f"exit status {done.returncode}"]
    shutil.rmtree(corpus, ignore_errors=True)
    return {"runs": int(executed.group(1)) if executed else 0, "crashes": crashes,
            "seconds": int(time_used.group(1)) if time_used else None, "log": log[-4000:]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("harness", help="decode, normalize, html, feed, jsonl, pipeline, pipeline_jsonl")
    parser.add_argument("--runs", type=int, default=2000, help="inputs to try (-1: until --seconds)")
    parser.add_argument("--seconds", type=int, default=0, help="time budget (0: none)")
    parser.add_argument("--max-len", type=int, default=4096, help="longest input in bytes")
    parser.add_argument("--artifacts", type=Path, help="folder for crash-* inputs (default: a scratch folder)")
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        fuzz_in_this_process(args.harness, args.runs, args.seconds, args.max_len, args.corpus, args.artifacts)
        return 0
    outcome = run(args.harness, runs=args.runs, seconds=args.seconds, max_len=args.max_len, artifacts=args.artifacts)
    if outcome["crashes"]:
        print(outcome["log"], file=sys.stderr)
    print(f"runs={outcome['runs']} crashes={len(outcome['crashes'])}")  # type: ignore[arg-type]
    return 1 if outcome["crashes"] else 0


if __name__ == "__main__":
    sys.exit(main())
