"""Every regular expression in rasid against adversarial input: no catastrophic backtracking.

The patterns are found three ways, so a new one is covered without editing this test:
compiled patterns held by any rasid module or class; literal patterns passed to ``re.*``
calls in the source (found with ``ast``); and every pattern in ``re``'s cache after the
pipeline and the readers ran on sample input (this catches patterns built from data files).
Each is searched over long runs of the characters it mentions, with a near-miss end. The
bound (2 s for 100 KB) is a correctness bound against exponential or quadratic blow-up,
not a speed test: a linear pattern needs milliseconds.
"""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import re
import time
from pathlib import Path

import pytest

import rasid

SRC = Path(rasid.__file__).resolve().parent
GENERIC = " \n.,،«\"a1ا<"  # separators, quotes, letters and digits every text has
SIZE = 100_000
LITERAL_SOURCES: set[str] = set()


def _module_patterns() -> dict[str, re.Pattern[str] | re.Pattern[bytes]]:
    found: dict[str, re.Pattern[str] | re.Pattern[bytes]] = {}
    for info in pkgutil.walk_packages([str(SRC)], "rasid."):
        if info.name.endswith("__main__"):
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional extra that is not installed
            continue
        holders = [vars(module)] + [vars(v) for v in vars(module).values()
                                    if isinstance(v, type) and v.__module__ == module.__name__]
        for holder in holders:
            for name, value in holder.items():
                values = value if isinstance(value, tuple | list) else (value,)
                for item in values:
                    if isinstance(item, re.Pattern):
                        found[f"{info.name}.{name}"] = item
    return found


def _literal_patterns() -> dict[str, re.Pattern[str] | re.Pattern[bytes]]:
    """``re.search(r"…", …)`` and friends with a literal pattern, anywhere in the source."""
    found: dict[str, re.Pattern[str] | re.Pattern[bytes]] = {}
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str | bytes)):
                flags = 0
                for keyword in node.keywords:
                    if keyword.arg == "flags":
                        flags = eval(compile(ast.Expression(keyword.value), "<flags>", "eval"), {"re": re})
                try:
                    found[f"{path.relative_to(SRC)}:{node.lineno}"] = re.compile(node.args[0].value, flags)
                except (re.error, TypeError):
                    continue
    return found


def _runtime_patterns() -> dict[str, re.Pattern[str] | re.Pattern[bytes]]:
    """Patterns compiled while the pipeline and the readers run (built from lexicons and data files)."""
    from rasid.read.files import read_bytes
    from rasid.read.records import Source

    samples = ["قال مسؤول إن مسلحين هاجموا حاجزا قرب الرقة أمس وقتلوا ثلاثة جنود في 12 آذار 2023.",
               "Gunmen killed two soldiers near Aleppo on Monday, the army said in a statement."]
    for text in samples:
        rasid.extract(text)
        list(read_bytes(f"<html><body><p>{text}</p></body></html>".encode(), Source("x.html"), "x", "html"))
        record = json.dumps({"text": text, "published": "2023-03-12"}, ensure_ascii=False)
        list(read_bytes(record.encode(), Source("x.jsonl"), "x"))
    cache = getattr(re, "_cache", {})
    # The cache also holds the libraries' patterns (trafilatura, feedparser, email …): not ours to
    # fix, so only those built from our Arabic lexicons are kept.
    return {f"re cache {n}": p for n, p in enumerate(cache.values())
            if isinstance(p, re.Pattern) and isinstance(p.pattern, str) and re.search("[\u0600-\u06ff]", p.pattern)
            and p.pattern not in LITERAL_SOURCES}


def _all_patterns() -> dict[str, re.Pattern[str] | re.Pattern[bytes]]:
    literal = {**_module_patterns(), **_literal_patterns()}
    LITERAL_SOURCES.update(str(p.pattern) for p in literal.values())
    patterns = {**literal, **_runtime_patterns()}
    unique: dict[tuple[object, int], str] = {}
    for name, pattern in patterns.items():
        unique.setdefault((pattern.pattern, pattern.flags), name)
    return {name: patterns[name] for name in unique.values()}


PATTERNS = _all_patterns()


def _adversarial(pattern: re.Pattern[str] | re.Pattern[bytes], size: int) -> list[str]:
    """Runs of each character the pattern mentions (and of common ones), ending in a near miss."""
    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode("latin-1")
    mentioned = [c for c in dict.fromkeys(source) if c not in "()[]{}?*+|^$\\"][:8]
    chars = list(dict.fromkeys(mentioned + list(GENERIC)))
    inputs = [c * size + "\x00" for c in chars]
    words = re.findall(r"[^\W\d_]{2,}", source)[:3]
    inputs += [(w + " ") * (size // (len(w) + 1)) + "\x00" for w in words]  # repeated near-matches
    inputs.append(("a " * (size // 2)) + "!")
    return inputs


def test_patterns_were_found() -> None:
    """Discovery works: module patterns, literal ones and runtime-built ones are all here."""
    names = " ".join(PATTERNS)
    assert len(PATTERNS) > 80
    assert ".py:" in names and "rasid.read.html._HTML_START" in names


def _seconds(pattern: re.Pattern[str] | re.Pattern[bytes], text: str, search: bool) -> float:
    subject: str | bytes = text if isinstance(pattern.pattern, str) else text.encode("utf-8")
    started = time.process_time()
    if search:
        for _ in pattern.finditer(subject):  # type: ignore[arg-type]
            pass
    pattern.match(subject)  # type: ignore[arg-type]
    return time.process_time() - started


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_no_catastrophic_backtracking(name: str) -> None:
    """Searched (every start position) over each input at 2,000 characters, where a cubic or
    exponential pattern takes seconds; matched at one position over the slowest input at
    100,000 characters, where a pattern quadratic at one position (``\\s*,?\\s*``) takes minutes.

    Plain searches of a long run are quadratic for any pattern that opens with a repeat
    (``\\s+x`` tries every start), so the 100 KB step checks what the code does with these
    patterns: match at a position, or search a sentence-sized slice.
    """
    pattern = PATTERNS[name]
    timed: list[tuple[float, int]] = []
    for n, text in enumerate(_adversarial(pattern, 2_000)):
        spent = _seconds(pattern, text, search=True)
        assert spent < 0.2, f"{name} {pattern.pattern!r}: {spent:.2f} s on 2,000 × {text[:1]!r}"
        timed.append((spent, n))
    for size, bound in ((10_000, 0.1), (SIZE, 2.0)):  # 10 KB first: a quadratic one fails fast
        text = _adversarial(pattern, size)[max(timed)[1]]
        spent = _seconds(pattern, text, search=False)
        assert spent < bound, f"{name} {pattern.pattern!r}: {spent:.2f} s matching {size:,} × {text[:1]!r}"
