"""Hypothesis strategies for Arabic/English news-like text with every oddity the normaliser handles."""

from __future__ import annotations

from hypothesis import strategies as st

ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x064B)] + ["ى", "ة", "ٱ", "ی", "ک", "ھ", "ۀ"]
TASHKEEL = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670"]
TATWEEL = ["\u0640"]
CONTROLS = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2066", "\u2069", "\u202b", "\u202c", "\ufeff", "\u061c", "\u00ad"]
DIGITS = [chr(0x0660 + i) for i in range(10)] + [chr(0x06F0 + i) for i in range(10)] + list("0123456789") + ["٫", "٬"]
QUOTES = ["«", "»", "“", "”", "„", '"', "'", "‘", "’", "‹", "›"]
PUNCT = [*".!?؟،؛,;:()[]-–…/%", "..", "..."]
SPACES = [" ", " ", " ", "\n", "\n\n", "\t", "\u00a0", "\u2009", "\r\n", "\u2028"]
LATIN = list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
# Presentation forms A (FB50–FDFF) and B (FE70–FEFF), including ligatures that expand to several letters.
PRESENTATION = st.one_of(
    st.integers(0xFB50, 0xFDFF).map(chr),
    st.integers(0xFE70, 0xFEFF).map(chr),
)
ARABIC_WORDS = ["قال", "والحسكة", "بالحسكة", "للتحالف", "بـ", "ب", "و", "لبنان", "بغداد", "الله", "قوات", "سوريا", "د", "م", "2019"]
ENGLISH_WORDS = ["Mr", "Dr", "U.S", "U.N", "J", "said", "The", "killed", "a.m", "No", "3.5", "1,200"]

piece = st.one_of(
    st.sampled_from(ARABIC_LETTERS),
    st.sampled_from(TASHKEEL),
    st.sampled_from(TATWEEL),
    st.sampled_from(CONTROLS),
    st.sampled_from(DIGITS),
    st.sampled_from(QUOTES),
    st.sampled_from(PUNCT),
    st.sampled_from(SPACES),
    st.sampled_from(LATIN),
    st.sampled_from(ARABIC_WORDS),
    st.sampled_from(ENGLISH_WORDS),
    PRESENTATION,
    st.characters(codec="utf-8"),
)

news_text = st.lists(piece, max_size=120).map("".join)
