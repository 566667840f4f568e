"""Word vectors from the frozen e5 encoder, aligned one-to-one with CoNLL tokens.

Shared by training and tagging so both see the same features: each word is cut
into SentencePiece pieces exactly as the engine would cut the whole sentence, the
pieces run through the encoder in windows of at most ``WINDOW`` pieces (words never
split across windows), and a word takes the hidden states of its *first* piece
(the usual choice for BIO tagging) and the mean over all its pieces.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rasid.understand.ner.e5model import META, E5Encoder

WINDOW = 254  # pieces per encoder pass (plus <s> and </s>)


def word_pieces(encoder: E5Encoder, tokens: Sequence[str]) -> list[list[int]]:
    """Pieces of each token; a token that normalises to nothing becomes the bare ``▁`` piece."""
    space = encoder.vocab.pieces.get(META, encoder.vocab.unk)
    return [encoder.vocab.word_pieces(token) or [space] for token in tokens]


def windows(pieces: Sequence[Sequence[int]], size: int = WINDOW) -> list[tuple[int, int]]:
    """[start, end) word ranges whose pieces fit ``size`` (a longer word is cut to ``size``)."""
    out: list[tuple[int, int]] = []
    start, count = 0, 0
    for index, word in enumerate(pieces):
        n = min(len(word), size)
        if count + n > size and index > start:
            out.append((start, index))
            start, count = index, 0
        count += n
    if start < len(pieces):
        out.append((start, len(pieces)))
    return out


def word_states(encoder: E5Encoder, tokens: Sequence[str], layers: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """(first-piece states [words, len(layers), H], mean-piece state of the last of ``layers`` [words, H])."""
    pieces = word_pieces(encoder, tokens)
    first = np.zeros((len(tokens), len(layers), encoder.hidden), dtype=np.float32)
    mean = np.zeros((len(tokens), encoder.hidden), dtype=np.float32)
    for start, end in windows(pieces):
        ids = [encoder.vocab.bos]
        spans = []
        for word in pieces[start:end]:
            spans.append((len(ids), len(ids) + min(len(word), WINDOW)))
            ids += word[:WINDOW]
        ids.append(encoder.vocab.eos)
        states = encoder.forward(ids)
        stacked = np.stack([states[layer] for layer in layers], axis=1)  # [pieces, layers, H]
        last = states[layers[-1]]
        for offset, (a, b) in enumerate(spans):
            first[start + offset] = stacked[a]
            mean[start + offset] = last[a:b].mean(0)
    return first, mean
