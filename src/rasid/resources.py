"""Package data (lexicons, actor dictionary, gazetteer), loaded once.

Every table under ``rasid/data`` is a UTF-8 TSV whose leading ``#`` lines
state where its rows come from and under which licence; the header row
follows. Files are read through ``importlib.resources`` so they work from a
wheel, a zip or a source checkout alike.
"""

from __future__ import annotations

import csv
from contextlib import ExitStack
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    provenance: str
    rows: tuple[dict[str, str], ...]


def data_path(name: str) -> resources.abc.Traversable:
    return resources.files("rasid").joinpath("data", name)


_EXTRACTED = ExitStack()  # open for the process: the models folder stays on disk while models are loaded


@cache
def models_dir() -> Path:
    """``rasid/data/models`` as a real folder (model readers open paths), extracted once from a zip."""
    return Path(_EXTRACTED.enter_context(resources.as_file(data_path("models"))))


@cache
def read_table(name: str) -> Table:
    """Read ``rasid/data/<name>``; cached, so each table is parsed once per process."""
    source = data_path(name)
    if not source.is_file():
        raise FileNotFoundError(f"package data file rasid/data/{name} is missing")
    provenance: list[str] = []
    body: list[str] = []
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            if not body and line.startswith("#"):
                provenance.append(line[1:].strip())
            elif line.strip():
                body.append(line)
    reader = csv.DictReader(body, delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = tuple({k: (v or "").strip() for k, v in row.items() if k is not None} for row in reader)
    return Table(name, "\n".join(provenance), rows)
