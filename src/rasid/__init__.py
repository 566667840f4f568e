"""rasid: Arabic and English conflict news in, ACLED-style events and attributed quotes out."""

from rasid.model import Document, Event, Mention, Quantity, Quote, Result, Span, TimeExpression
from rasid.pipeline import extract, extract_document

__version__ = "0.3.0"

__all__ = [
    "Document",
    "Event",
    "Mention",
    "Quantity",
    "Quote",
    "Result",
    "Span",
    "TimeExpression",
    "__version__",
    "extract",
    "extract_document",
]
