"""Reading articles: files, folders, HTML pages, JSON Lines corpora and stdin into Documents.

Use :func:`read_inputs` (what ``rasid extract`` does) or :func:`read_path`;
both yield :class:`Loaded` documents interleaved with :class:`Skipped` and
:class:`Warned` records that say what was wrong with which file and line.
"""

from rasid.read.decode import Undecodable, decode_bytes
from rasid.read.files import FORMATS, read_bytes, read_inputs, read_path
from rasid.read.records import Loaded, ReadItem, Skipped, Source, Warned

__all__ = [
    "FORMATS",
    "Loaded",
    "ReadItem",
    "Skipped",
    "Source",
    "Undecodable",
    "Warned",
    "decode_bytes",
    "read_bytes",
    "read_inputs",
    "read_path",
]
