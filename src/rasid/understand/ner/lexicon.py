"""What the NER features look words up in: word clusters and gazetteer phrases.

Both are built at training time and shipped inside the model's JSON sidecar,
so a trained model always sees exactly the lists it was trained with even
when the package's own tables (places.tsv, actors.tsv) change later.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from rasid.resources import read_table
from rasid.text.normalize import normalize, normalize_key
from rasid.text.tokens import segment

MAX_PHRASE = 5  # longest gazetteer phrase, in words
_PROCLITICS = ("وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل")


@lru_cache(maxsize=200_000)
def key(word: str) -> str:
    """The normalised form of one token (no diacritics, one alef, lowercase)."""
    return normalize_key(word) or word


@lru_cache(maxsize=200_000)
def stem(word: str) -> tuple[str, str, str]:
    """(proclitics, stem, enclitic) of an Arabic token by rasid's cautious segmenter."""
    light = normalize(word, fold_letters=False).text.replace(" ", "")
    if not light or not light.isalpha():
        return "", key(word), ""
    proclitics, body, enclitic = segment(light)
    return "+".join(proclitics), key(body) if body else key(word), enclitic


def bare(word_key: str) -> str:
    """A normalised word less its leading conjunction, preposition and article."""
    for prefix in _PROCLITICS:
        if word_key.startswith(prefix) and len(word_key) - len(prefix) >= 2:
            return word_key[len(prefix):]
    return word_key


@dataclass
class NerLexicon:
    """Word → cluster path, and gazetteer phrase (space-joined bare keys) → entity types."""

    clusters: dict[str, str] = field(default_factory=dict)
    gazetteer: dict[str, str] = field(default_factory=dict)  # phrase → types joined by "|"

    def cluster(self, word_key: str) -> str:
        return self.clusters.get(word_key, "")

    def to_json(self) -> dict[str, Any]:
        return {"clusters": self.clusters, "gazetteer": self.gazetteer}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NerLexicon:
        return cls(clusters=dict(data["clusters"]), gazetteer=dict(data["gazetteer"]))

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> NerLexicon:
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))

    def matches(self, keys: list[str]) -> list[list[str]]:
        """Per token, the gazetteer features ``B-LOC`` ``I-ORG`` … of longest phrase matches."""
        out: list[list[str]] = [[] for _ in keys]
        bares = [bare(k) for k in keys]
        i = 0
        while i < len(keys):
            hit = 0
            for n in range(min(MAX_PHRASE, len(keys) - i), 0, -1):
                phrase = " ".join([bares[i], *keys[i + 1 : i + n]])
                types = self.gazetteer.get(phrase) or (self.gazetteer.get(" ".join(bares[i : i + n])) if n > 1 else None)
                if types:
                    for kind in types.split("|"):
                        out[i].append(f"B-{kind}")
                        for j in range(i + 1, i + n):
                            out[j].append(f"I-{kind}")
                    hit = n
                    break
            i += hit or 1
        return out


def phrase_key(name: str) -> str:
    """Gazetteer key of a name: normalised, punctuation apart, first word bare."""
    words = re.findall(r"\w+", key(name))
    if not words:
        return ""
    return " ".join([bare(words[0]), *words[1:]])


def gazetteer_entries(anergazet_dir: Path | None) -> dict[str, str]:
    """Phrases from ANERGazet (when given) and rasid's places and actors tables."""
    entries: dict[str, set[str]] = {}

    def add(names: Iterable[str], kind: str) -> None:
        for name in names:
            phrase = phrase_key(name)
            if phrase and len(phrase.split()) <= MAX_PHRASE and len(phrase) >= 2:
                entries.setdefault(phrase, set()).add(kind)

    if anergazet_dir is not None:
        for kind, file in (("LOC", "ANERGazet_Loc.txt"), ("ORG", "ANERGazet_Org.txt"), ("PER", "ANERGazet_Pers.txt")):
            lines = (anergazet_dir / file).read_text(encoding="utf-8").splitlines()
            add((line.strip() for line in lines if line.strip() and line.strip()[0] not in "=*"), kind)
    for row in read_table("places.tsv").rows:
        add((n for n in row.get("arabic", "").split("|") if n), "LOC")
    for row in read_table("actors.tsv").rows:
        add((n for n in row.get("aliases_ar", "").split("|") if n), "ORG")
    return {phrase: "|".join(sorted(kinds)) for phrase, kinds in sorted(entries.items())}
