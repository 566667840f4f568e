"""Load a script under ``bench/`` as a module, once per session: the fuzz harnesses and the fault
injectors are bench code that a few tests run in a short, CI-sized form."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parent.parent / "bench"


def load_bench(relative: str) -> ModuleType:
    """``bench/<relative>`` as a module (``"fuzz/harnesses.py"``, ``"faults.py"``)."""
    name = "rasid_bench_" + relative.removesuffix(".py").replace("/", "_")
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, BENCH / relative)
        assert spec is not None and spec.loader is not None
        sys.modules[name] = module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return sys.modules[name]
