"""Arabic named-entity recognition trained by rasid on ANERcorp (PER, LOC, ORG, MISC)."""

from rasid.understand.ner.tagger import NerModel, default_model, tag_tokens

__all__ = ["NerModel", "default_model", "tag_tokens"]
