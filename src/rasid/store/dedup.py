"""Exact and near-duplicate detection for syndicated copies of one report.

An exact copy has the same hash of its normalised text (diacritics,
letter variants, spacing and case do not count). A near copy (a wire story
with another dateline or a trimmed last paragraph) is found by MinHash over
word 3-shingles: signatures are cut into bands, documents sharing a band
are candidates, and a candidate within :data:`NEAR_THRESHOLD` estimated
Jaccard similarity is a duplicate. Bands are stored in SQLite, so the
lookup costs an index probe per band, not a pass over the corpus.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass

from rasid.text.normalize import normalize

NUM_PERM = 64
BANDS = 16  # 4 rows a band: candidates from about 0.5 Jaccard
ROWS = NUM_PERM // BANDS
SHINGLE = 3
NEAR_THRESHOLD = 0.8
MIN_WORDS = 20  # shorter texts are only compared exactly: a few shared words mean nothing
_PRIME = (1 << 61) - 1
_MAX = (1 << 64) - 1
_WORD = re.compile(r"\w+")


def _coefficients() -> tuple[tuple[int, int], ...]:
    """Fixed, reproducible permutation coefficients (derived from a hash, not a random seed)."""
    out = []
    for i in range(NUM_PERM):
        digest = hashlib.blake2b(f"rasid-minhash-{i}".encode(), digest_size=16).digest()
        a, b = struct.unpack("<QQ", digest)
        out.append((a % (_PRIME - 1) + 1, b % _PRIME))
    return tuple(out)


_COEFFS = _coefficients()


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What duplicate detection keeps of a text."""

    content_hash: str
    signature: tuple[int, ...] | None  # None: too short for near-duplicate detection

    def bands(self) -> list[tuple[int, str]]:
        if self.signature is None:
            return []
        return [
            (band, hashlib.blake2b(struct.pack(f"<{ROWS}Q", *self.signature[band * ROWS:(band + 1) * ROWS]),
                                   digest_size=8).hexdigest())
            for band in range(BANDS)
        ]


def words(norm_text: str) -> list[str]:
    return _WORD.findall(norm_text)


def content_hash(norm_text: str) -> str:
    """Hash of the normalised words: spacing and punctuation differences do not count."""
    return hashlib.sha256(" ".join(words(norm_text)).encode("utf-8")).hexdigest()


def fingerprint(text: str, norm_text: str | None = None) -> Fingerprint:
    norm = norm_text if norm_text is not None else normalize(text).text
    tokens = words(norm)
    return Fingerprint(content_hash(norm), minhash(tokens) if len(tokens) >= MIN_WORDS else None)


def minhash(tokens: Sequence[str]) -> tuple[int, ...]:
    """MinHash signature of the word shingles of ``tokens``."""
    shingles = {" ".join(tokens[i:i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))}
    hashes = [int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little") for s in shingles]
    return tuple(min((a * h + b) % _PRIME for h in hashes) for a, b in _COEFFS)


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def pack(signature: Sequence[int]) -> bytes:
    return struct.pack(f"<{len(signature)}Q", *signature)


def unpack(blob: bytes) -> tuple[int, ...]:
    return struct.unpack(f"<{len(blob) // 8}Q", blob)
