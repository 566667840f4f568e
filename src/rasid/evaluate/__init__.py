"""Measuring extraction against gold annotations (``rasid evaluate``).

``records`` reads and locates gold and predictions, ``matching`` pairs them
one-to-one, ``scores`` counts and compares, ``evaluator`` runs the whole
thing, ``report`` renders it. The scoring rules are in :mod:`.scores`.
"""

from rasid.evaluate.evaluator import Evaluation, evaluate
from rasid.evaluate.records import InputError

__all__ = ["Evaluation", "InputError", "evaluate"]
