"""Actor mentions (placeholder)."""

from __future__ import annotations

from rasid.model import Mention
from rasid.text.normalize import NormalizedText


def find_actors(norm: NormalizedText, lang: str) -> tuple[Mention, ...]:
    return ()
