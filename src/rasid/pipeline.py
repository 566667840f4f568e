"""The extraction pipeline: stages composed in one place.

Each stage states which fields of :class:`~rasid.model.Result` it requires
and which it provides (as Stanza's processors do); composing a pipeline
checks them all and raises one error naming everything missing, so a custom
pipeline fails at construction, not halfway through a corpus.
"""

from __future__ import annotations

import time
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
from rasid.understand.dates import find_times
from rasid.understand.places import find_places
from rasid.understand.quantities import find_quantities
from rasid.understand.quotes import find_quotes

MAX_CHARS = 1_000_000  # longer "articles" are almost always concatenated dumps


class DocumentTooLarge(ValueError):
    pass


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

    def __call__(self, document: Document, *, profile: bool = False) -> Result:
        result = Result(document=document)
        timings: dict[str, float] = {}
        for stage in self.stages:
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


TOKENS_STAGE = Stage("tokens", ("normalized", "sentences"), ("tokens",), with_tokens)

DEFAULT_STAGES: tuple[Stage, ...] = (
    Stage("language", ("document",), ("lang",), _language),
    Stage("normalize", ("document",), ("normalized",), lambda r: r.with_(normalized=normalize(r.text))),
    Stage("sentences", ("normalized",), ("sentences",),
          lambda r: r.with_(sentences=split_sentences(r.normalized))),
    Stage("actors", ("normalized", "lang"), ("mentions",),
          lambda r: r.with_(mentions=r.mentions + find_actors(r.normalized, _lang(r)))),
    Stage("places", ("normalized", "lang"), ("mentions",),
          lambda r: r.with_(mentions=r.mentions + find_places(r.normalized, _lang(r)))),
    Stage("quantities", ("normalized", "sentences", "lang"), ("quantities",),
          lambda r: r.with_(quantities=find_quantities(r.normalized, r.sentences, _lang(r)))),
    Stage("dates", ("normalized", "sentences", "lang"), ("times",),
          lambda r: r.with_(times=find_times(r.normalized, r.sentences, r.document.published, _lang(r)))),
    Stage("quotes", ("normalized", "sentences", "mentions", "lang"), ("quotes",),
          lambda r: r.with_(quotes=find_quotes(r.normalized, r.sentences, r.mentions, _lang(r)))),
    Stage("claims", ("quantities", "quotes", "sentences", "mentions", "times"), ("claims", "conflicts"), add_claims),
    Stage("events", ("sentences", "mentions", "quantities", "times", "quotes"), ("events",),
          lambda r: r.with_(events=code_events(r))),
)


# The default stages with tokenisation, right after sentence splitting.
STAGES_WITH_TOKENS: tuple[Stage, ...] = (*DEFAULT_STAGES[:3], TOKENS_STAGE, *DEFAULT_STAGES[3:])


@cache
def default_pipeline() -> Pipeline:
    return Pipeline(DEFAULT_STAGES)


def extract_document(document: Document, *, profile: bool = False, max_chars: int = MAX_CHARS) -> Result:
    """Run the default pipeline on one document."""
    if len(document.text) > max_chars:
        raise DocumentTooLarge(
            f"{len(document.text):,} characters is over the limit of {max_chars:,} per document"
        )
    return default_pipeline()(document, profile=profile)


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
