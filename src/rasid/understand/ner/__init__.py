"""Arabic named-entity recognition trained by rasid on ANERcorp (PER, LOC, ORG, MISC).

Modules, one job each: ``conll`` (CoNLL reading and writing), ``lexicon``
(normalised keys, clitic stems, gazetteer and cluster lookups), ``clusters``
(word clusters from raw news), ``features`` (CRF features), ``train``
(the trainer behind ``rasid train ner``), ``tagger`` (the shipped model),
``mentions`` (entities of a document as ``Mention``s), ``scoring`` (CoNLL-2003
exact-span F1).
"""

from rasid.understand.ner.mentions import ner_mentions
from rasid.understand.ner.tagger import NerModel, default_model, tag_tokens

__all__ = ["NerModel", "default_model", "ner_mentions", "tag_tokens"]
