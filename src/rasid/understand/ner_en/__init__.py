"""English named-entity tagging (PER, ORG, LOC) that works offline.

A CRF (python-crfsuite) trained on weak labels: ACLED's coded actors and
places found inside its English notes, plus rasid's gazetteer and actor
dictionary, and on FA-KES news weak-labelled the same way (:mod:`.weak`,
:mod:`.train`); the weak person rules also run over its output.
:func:`tag_tokens` tags one sentence's tokens; :func:`find_entities` returns
:class:`rasid.model.Mention` objects for a normalised text. Not part of the
default pipeline.
"""

from rasid.understand.ner_en.tagger import find_entities, tag_tokens

__all__ = ["find_entities", "tag_tokens"]
