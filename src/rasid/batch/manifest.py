"""``manifest.json``: what a batch read, with which options, and which partitions are done.

A partition is listed only after its part files were renamed into place, so
the manifest never claims work that a kill -9 could have cut short. Inputs are
fingerprinted (size, mtime, SHA-256) so that a resumed run cannot silently mix
results of two different corpora.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rasid import __version__

MANIFEST = "manifest.json"


class BatchError(Exception):
    """A batch cannot start or go on (bad input, changed input, missing dependency)."""


def describe_inputs(files: Sequence[Path]) -> list[dict[str, Any]]:
    """Path, size, mtime and content hash of each input file."""
    described = []
    for path in files:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda h=handle: h.read(1 << 20), b""):  # type: ignore[misc]
                digest.update(block)
        stat = path.stat()
        described.append({"path": str(path.resolve()), "size": stat.st_size,
                          "mtime": stat.st_mtime, "sha256": digest.hexdigest()})
    return described


def new_manifest(inputs: list[dict[str, Any]], options: dict[str, Any], partitions: int, records: int) -> dict[str, Any]:
    return {
        "rasid_version": __version__,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "inputs": inputs,
        "options": options,
        "partitions_planned": partitions,
        "records_planned": records,
        "partitions": {},
    }


def load(out: Path) -> dict[str, Any] | None:
    path = out / MANIFEST
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise BatchError(f"{path}: unreadable manifest ({error}); use --restart to start over") from None
    if not isinstance(data, dict) or not isinstance(data.get("partitions"), dict):
        raise BatchError(f"{path}: not a rasid batch manifest; use --restart to start over")
    return data


def check_resumable(old: dict[str, Any], inputs: list[dict[str, Any]], options: dict[str, Any]) -> None:
    """Refuse to resume when the inputs or the result-shaping options differ from the first run."""
    before = {i["path"]: i for i in old.get("inputs", [])}
    now = {i["path"]: i for i in inputs}
    if set(before) != set(now):
        gone, added = sorted(set(before) - set(now)), sorted(set(now) - set(before))
        detail = "; ".join(filter(None, [f"no longer given: {', '.join(gone)}" if gone else "",
                                         f"new: {', '.join(added)}" if added else ""]))
        raise BatchError(f"the inputs differ from the run recorded in the manifest ({detail}); "
                         "use --restart to start over")
    for path, info in now.items():
        if (info["size"], info["sha256"]) != (before[path]["size"], before[path]["sha256"]):
            raise BatchError(f"{path} changed since the run recorded in the manifest; use --restart to start over")
    if old.get("options") != options:
        changed = sorted(k for k in set(options) | set(old.get("options", {}))
                         if options.get(k) != old.get("options", {}).get(k))
        raise BatchError(f"options differ from the run recorded in the manifest ({', '.join(changed)}); "
                         "use --restart to start over")


def save(out: Path, manifest: dict[str, Any]) -> None:
    """Write the manifest atomically: a reader sees the old one or the new one, never half."""
    write_atomic(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))


def write_atomic(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
