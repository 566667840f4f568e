"""Word clusters learned from raw Arabic news, for features that generalise past the training words.

Distributional classes à la Brown clusters, computed more cheaply: each
frequent word gets a vector of its neighbours (left and right, one and two
positions away) over the most frequent context words, weighted by positive
PMI and reduced by a randomised SVD; k-means at three granularities then
gives each word a path ``c32/c128/c512`` that features use at every level.
Everything is seeded, so the same text gives the same clusters.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import numpy as np

from rasid.understand.ner.lexicon import key

_WORD = re.compile(r"\w+|[^\w\s]")
OFFSETS = (-2, -1, 1, 2)
GRANULARITY = (32, 128, 512)


def corpus_tokens(texts: Iterable[str]) -> list[list[str]]:
    """Normalised tokens of raw texts, split like the CoNLL corpora (punctuation apart)."""
    return [_WORD.findall(key(text)) for text in texts]


def word_clusters(
    sentences: list[list[str]],
    *,
    vocabulary: int = 20_000,
    contexts: int = 800,
    dims: int = 100,
    min_count: int = 3,
    seed: int = 13,
    iterations: int = 12,
) -> dict[str, str]:
    """Word → ``a/b/c`` cluster ids at each granularity of :data:`GRANULARITY`."""
    counts = Counter(w for s in sentences for w in s)
    words = [w for w, c in counts.most_common(vocabulary) if c >= min_count]
    index = {w: i for i, w in enumerate(words)}
    context_index = {w: i for i, w in enumerate(words[:contexts])}
    width = contexts * len(OFFSETS)
    matrix = np.zeros((len(words), width), dtype=np.float32)
    rows: list[int] = []
    cols: list[int] = []
    for sentence in sentences:
        ids = [index.get(w, -1) for w in sentence]
        ctx = [context_index.get(w, -1) for w in sentence]
        n = len(sentence)
        for i, wid in enumerate(ids):
            if wid < 0:
                continue
            for slot, off in enumerate(OFFSETS):
                j = i + off
                if 0 <= j < n and ctx[j] >= 0:
                    rows.append(wid)
                    cols.append(slot * contexts + ctx[j])
    np.add.at(matrix, (np.asarray(rows), np.asarray(cols)), 1.0)
    # positive PMI, with context-frequency smoothing (power 0.75)
    total = matrix.sum()
    row_sum = matrix.sum(axis=1, keepdims=True) + 1e-9
    col = matrix.sum(axis=0, keepdims=True) ** 0.75
    col_p = col / col.sum()
    with np.errstate(divide="ignore"):
        pmi = np.log(matrix / row_sum / col_p + 1e-12, dtype=np.float32)
    pmi[matrix == 0] = 0.0
    np.maximum(pmi, 0.0, out=pmi)
    del total
    rng = np.random.default_rng(seed)
    vectors = _randomized_svd(pmi, dims, rng)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    labels = [_kmeans(vectors, k, rng, iterations) for k in GRANULARITY]
    return {w: "/".join(str(int(lab[i])) for lab in labels) for i, w in enumerate(words)}


def _randomized_svd(matrix: np.ndarray, dims: int, rng: np.random.Generator) -> np.ndarray:
    """Left singular vectors scaled by sqrt of singular values (Halko et al.)."""
    omega = rng.standard_normal((matrix.shape[1], dims + 20)).astype(np.float32)
    y = matrix @ omega
    y = matrix @ (matrix.T @ y)  # one power iteration
    q, _ = np.linalg.qr(y)
    b = q.T @ matrix
    u_small, s, _ = np.linalg.svd(b, full_matrices=False)
    u = q @ u_small[:, :dims]
    return (u * np.sqrt(s[:dims])).astype(np.float32)


def _kmeans(x: np.ndarray, k: int, rng: np.random.Generator, iterations: int) -> np.ndarray:
    """Spherical k-means (cosine), started from ``k`` distinct seeded points."""
    k = min(k, len(x))
    centers = x[rng.choice(len(x), size=k, replace=False)].copy()
    labels = np.zeros(len(x), dtype=np.int64)
    for _ in range(iterations):
        labels = np.argmax(x @ centers.T, axis=1)
        for c in range(k):
            members = x[labels == c]
            if len(members):
                centre = members.sum(axis=0)
                centers[c] = centre / (np.linalg.norm(centre) + 1e-9)
    return labels
