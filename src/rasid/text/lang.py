"""Language identification (placeholder: script ratio)."""

from __future__ import annotations


def detect_language(text: str) -> str | None:
    arabic = sum(1 for c in text[:5000] if "\u0600" <= c <= "\u06ff")
    latin = sum(1 for c in text[:5000] if c.isascii() and c.isalpha())
    if arabic == latin == 0:
        return None
    return "ar" if arabic >= latin else "en"
