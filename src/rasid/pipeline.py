"""The extraction pipeline: stages composed in one place.

Each stage states which fields of :class:`~rasid.model.Result` it requires
and which it provides (as Stanza's processors do); composing a pipeline
checks them all and raises one error naming everything missing, so a custom
pipeline fails at construction, not halfway through a corpus.
"""

from __future__ import annotations

import time
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from rasid.coding.events import code_events
from rasid.model import Document, Result
from rasid.text.lang import detect_language
from rasid.text.normalize import normalize
from rasid.text.sentences import split_sentences
from rasid.text.tokens import tokenize
from rasid.understand.actors import find_actors
from rasid.understand.claims import add_claims
from rasid.understand.coreference import resolve_references
from rasid.understand.dates import find_times
from rasid.understand.places import find_places
from rasid.understand.quantities import find_quantities
from rasid.understand.quotes import find_quotes

MAX_CHARS = 1_000_000  # longer "articles" are almost always concatenated dumps
# The longest sentence in 1,901 SaudiNewsNet articles is 2,633 characters (99.9th
# percentile 1,252; gold articles 446): anything longer is a table, a list or junk
# without stops, on which per-sentence scans (quote cues, numbers) would be quadratic.
MAX_SENTENCE_CHARS = 3_000
# A real article takes well under a second; a minute means pathological input.
MAX_SECONDS = 60.0


class LimitExceeded(ValueError):
    """A document over one of the :class:`Limits`: callers skip it with this reason."""


class DocumentTooLarge(LimitExceeded):
    pass


class DocumentTimedOut(LimitExceeded):
    """The per-document deadline passed; checked between stages, so it stops at the next one."""


@dataclass(frozen=True)
class Limits:
    """Resource limits for one document; ``None`` turns the time limit off."""

    max_chars: int = MAX_CHARS
    max_sentence_chars: int = MAX_SENTENCE_CHARS
    max_seconds: float | None = MAX_SECONDS

    def __post_init__(self) -> None:
        if self.max_chars < 1 or self.max_sentence_chars < 100:
            raise ValueError("max_chars must be at least 1 and max_sentence_chars at least 100")
        if self.max_seconds is not None and self.max_seconds <= 0:
            raise ValueError("max_seconds must be positive (or None for no limit)")


@dataclass(frozen=True)
class Stage:
    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    run: Callable[[Result], Result]

    def __call__(self, result: Result) -> Result:
        return self.run(result)


class MissingRequirements(ValueError):
    pass


class Pipeline:
    def __init__(self, stages: Sequence[Stage]) -> None:
        available = {"document"}
        missing: list[str] = []
        for stage in stages:
            missing += [f"{stage.name} needs {need!r}" for need in stage.requires if need not in available]
            available.update(stage.provides)
        if missing:
            raise MissingRequirements(
                "pipeline cannot run: " + "; ".join(missing) + " (add the stages that provide them earlier)"
            )
        self.stages = tuple(stages)

    def __call__(self, document: Document, *, profile: bool = False, max_seconds: float | None = None) -> Result:
        """Run every stage; past ``max_seconds`` (CPU time) raise :class:`DocumentTimedOut` before the next.

        CPU time, not wall time, so a loaded machine does not skip documents a quiet one would finish.
        """
        result = Result(document=document)
        timings: dict[str, float] = {}
        begun = time.process_time()
        for stage in self.stages:
            used = time.process_time() - begun
            if max_seconds is not None and used > max_seconds:
                raise DocumentTimedOut(
                    f"stopped before stage {stage.name!r}: {used:.1f} s of CPU time is over the limit of "
                    f"{max_seconds:g} s per document"
                )
            started = time.perf_counter()
            result = stage(result)
            if profile:
                timings[stage.name] = timings.get(stage.name, 0.0) + time.perf_counter() - started
        return result.with_(timings=timings) if profile else result


def _language(r: Result) -> Result:
    if r.document.lang:
        return r
    return r.with_(document=replace(r.document, lang=detect_language(r.text) or "ar"))


def _lang(r: Result) -> str:
    return r.document.lang or "ar"


def with_tokens(result: Result) -> Result:
    """``result`` with its ``tokens`` filled in.

    No default stage reads tokens, and splitting clitics costs as much as a third of the
    pipeline, so :data:`DEFAULT_STAGES` leaves ``Result.tokens`` empty; callers that want them
    call this on a result, or build ``Pipeline(STAGES_WITH_TOKENS)``.
    """
    if result.tokens or result.normalized is None:
        return result
    return result.with_(tokens=tokenize(result.normalized, result.sentences))


def bounded_sentences(result: Result, max_chars: int = MAX_SENTENCE_CHARS) -> Result:
    """Sentences of the normalised text, none longer than ``max_chars`` original characters.

    A longer "sentence" is cut into windows at its last space before each limit, and
    the cut is also written into the normalised text as a line break (a same-length
    swap, so the offset map still holds): stages that find their own clause or
    sentence ends (quotes) then see the same bounded windows. Real sentences are far
    below the default, so only stop-less junk is affected.
    """
    norm = result.normalized
    sentences = split_sentences(norm)
    if all(len(s.span) <= max_chars for s in sentences):
        return result.with_(sentences=sentences)
    chars = list(norm.text)
    for sentence in sentences:
        if len(sentence.span) <= max_chars:
            continue
        lo, end = norm.from_original(sentence.span.start, sentence.span.end)
        while norm.ends[end - 1] - norm.starts[lo] > max_chars:
            limit = max(lo, bisect_right(norm.ends, norm.starts[lo] + max_chars, lo, end) - 1)  # last that fits
            cut = next((i for i in range(limit, lo + (limit - lo) // 2, -1) if chars[i].isspace()), limit)
            chars[cut] = "\n"
            lo = cut + 1
    windowed = replace(norm, text="".join(chars))
    return result.with_(normalized=windowed, sentences=split_sentences(windowed))


TOKENS_STAGE = Stage("tokens", ("normalized", "sentences"), ("tokens",), with_tokens)

DEFAULT_STAGES: tuple[Stage, ...] = (
    Stage("language", ("document",), ("lang",), _language),
    Stage("normalize", ("document",), ("normalized",), lambda r: r.with_(normalized=normalize(r.text))),
    Stage("sentences", ("normalized",), ("sentences",), bounded_sentences),
    Stage("actors", ("normalized", "lang"), ("mentions",),
          lambda r: r.with_(mentions=r.mentions + find_actors(r.normalized, _lang(r)))),
    Stage("places", ("normalized", "lang"), ("mentions",),
          lambda r: r.with_(mentions=r.mentions + find_places(r.normalized, _lang(r), r.mentions))),
    Stage("quantities", ("normalized", "sentences", "lang"), ("quantities",),
          lambda r: r.with_(quantities=find_quantities(r.normalized, r.sentences, _lang(r)))),
    Stage("dates", ("normalized", "sentences", "lang"), ("times",),
          lambda r: r.with_(times=find_times(r.normalized, r.sentences, r.document.published, _lang(r)))),
    Stage("quotes", ("normalized", "sentences", "mentions", "lang"), ("quotes",),
          lambda r: r.with_(quotes=find_quotes(r.normalized, r.sentences, r.mentions, _lang(r)))),
    Stage("claims", ("quantities", "quotes", "sentences", "mentions", "times"), ("claims", "conflicts"), add_claims),
    Stage("coreference", ("normalized", "sentences", "mentions", "lang"), ("mentions",), resolve_references),
    Stage("events", ("sentences", "mentions", "quantities", "times", "quotes"), ("events",),
          lambda r: r.with_(events=code_events(r))),
)


# The default stages with tokenisation, right after sentence splitting.
STAGES_WITH_TOKENS: tuple[Stage, ...] = (*DEFAULT_STAGES[:3], TOKENS_STAGE, *DEFAULT_STAGES[3:])


@cache
def default_pipeline() -> Pipeline:
    return Pipeline(DEFAULT_STAGES)


@cache
def _pipeline_with_sentence_limit(max_sentence_chars: int) -> Pipeline:
    """The default stages with another sentence window than :data:`MAX_SENTENCE_CHARS`."""
    sentences = Stage("sentences", ("normalized",), ("sentences",),
                      lambda r: bounded_sentences(r, max_sentence_chars))
    return Pipeline(tuple(sentences if s.name == "sentences" else s for s in DEFAULT_STAGES))


def extract_document(
    document: Document, *, profile: bool = False, max_chars: int | None = None, limits: Limits | None = None
) -> Result:
    """Run the default pipeline on one document within ``limits`` (``max_chars`` overrides its size limit).

    Raises :class:`DocumentTooLarge` or :class:`DocumentTimedOut` (both :class:`LimitExceeded`).
    """
    limits = limits or Limits()
    if max_chars is not None:
        limits = replace(limits, max_chars=max_chars)
    if len(document.text) > limits.max_chars:
        raise DocumentTooLarge(
            f"{len(document.text):,} characters is over the limit of {limits.max_chars:,} per document"
        )
    pipeline = (default_pipeline() if limits.max_sentence_chars == MAX_SENTENCE_CHARS
                else _pipeline_with_sentence_limit(limits.max_sentence_chars))
    return pipeline(document, profile=profile, max_seconds=limits.max_seconds)


def extract(
    text: str,
    *,
    published: date | str | None = None,
    lang: str | None = None,
    doc_id: str | None = None,
) -> Result:
    """Extract events, quotes and mentions from one article's text."""
    if isinstance(published, str):
        published = date.fromisoformat(published)
    return extract_document(Document(text=text, doc_id=doc_id or "doc", lang=lang, published=published))
