"""Fuzz harnesses: one function per entry point that takes outside input, and the properties it must keep.

Each harness takes raw bytes (what atheris and ``hypothesis.strategies.binary`` give), feeds
them to one parser or to the whole pipeline, and raises ``AssertionError`` when a property
breaks (an offset that does not map back, a record outside the EVENTS.md contract). Any other
exception that escapes is a crash, except the documented ones in :data:`EXPECTED`. The same
functions run under atheris (``bench/fuzz/run_atheris.py``), under hypothesis in the tests
(``tests/robustness/test_fuzz_harnesses.py``) and in ``bench/robustness.py``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from typing import Any

from hypothesis import HealthCheck, settings

from rasid.model import EVENT_TYPES, Result, Span
from rasid.pipeline import MAX_CHARS, LimitExceeded, extract
from rasid.read.decode import Undecodable, decode_bytes
from rasid.read.feeds import read_feed
from rasid.read.html import declared_charset, read_html_bytes
from rasid.read.jsonl import read_jsonl
from rasid.read.records import Loaded, ReadItem, Skipped, Source, Warned
from rasid.text.normalize import normalize
from rasid.text.sentences import split_sentences

# The exceptions an entry point documents for bad input: anything else escaping is a crash.
EXPECTED: tuple[type[BaseException], ...] = (Undecodable, LimitExceeded)

# ``RASID_FUZZ_PROFILE=long`` runs every hypothesis fuzz test with 20 times its CI examples.
LONG_RUN = os.environ.get("RASID_FUZZ_PROFILE", "") == "long"
settings.register_profile("rasid-fuzz-long", max_examples=2000, deadline=None)


def fuzz_settings(examples: int) -> settings:
    """Settings for one fuzz test: ``examples`` in CI, 20 times as many in a long run; no deadline
    (timing is not what these tests check) and no complaint about large or slow inputs."""
    return settings(
        max_examples=examples * (20 if LONG_RUN else 1),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )


_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_OPTIONAL_TEXT_EVENT = ("actor1", "actor2", "location", "admin1", "country", "reported_by")
_OPTIONAL_TEXT_QUOTE = ("speaker", "speaker_role")


def text_of(data: bytes) -> str:
    """Arbitrary text from bytes, lone surrogates included.

    An odd first byte reads the rest as UTF-16-LE code units with ``surrogatepass`` (any
    BMP character, unpaired surrogates too); an even one as UTF-8 with replacement, so
    mutated Arabic seeds stay mostly Arabic.
    """
    if not data:
        return ""
    body = data[1:]
    if data[0] % 2:
        return body[: len(body) // 2 * 2].decode("utf-16-le", "surrogatepass")
    return body.decode("utf-8", "replace")


def span_problems(text: str, result: Result) -> list[str]:
    """Every span of a result that does not lie in ``text`` or does not show its own text."""
    problems: list[str] = []

    def inside(span: Span | None, what: str) -> None:
        if span is not None and not 0 <= span.start <= span.end <= len(text):
            problems.append(f"{what} span [{span.start}, {span.end}) outside text of length {len(text)}")

    def shows(span: Span, shown: str, what: str) -> None:
        inside(span, what)
        if text[span.start : span.end] != shown:
            problems.append(f"{what} text {shown!r} is not original[{span.start}:{span.end}]")

    previous = 0
    for sentence in result.sentences:
        inside(sentence.span, "sentence")
        if sentence.span.start < previous:
            problems.append(f"sentence {sentence.index} overlaps the one before")
        previous = sentence.span.end
    for mention in result.mentions:
        shows(mention.span, mention.text, f"{mention.kind} mention")
    for quantity in result.quantities:
        shows(quantity.span, quantity.text, "quantity")
        inside(quantity.counted, "counted noun")
    for time in result.times:
        shows(time.span, time.text, "time expression")
    for quote in result.quotes:
        shows(quote.span, quote.text, f"quote {quote.id}")
        inside(quote.cue_span, "cue")
        inside(quote.speaker_span, "speaker")
    for event in result.events:
        shows(event.evidence, event.evidence_text, "event evidence")
        for span, name in ((event.actor1_span, "actor1"), (event.actor2_span, "actor2"),
                           (event.location_span, "location")):
            inside(span, name)
    for claim in result.claims:
        shows(claim.span, claim.text, f"claim {claim.id}")
    return problems


def contract_problems(record: dict[str, Any], text: str) -> list[str]:
    """Where one output record (``Result.to_dict()``) breaks the EVENTS.md contract."""
    problems: list[str] = []
    for n, event in enumerate(record.get("events", [])):
        where = f"event {n}"
        kind, sub = event.get("event_type"), event.get("sub_event_type")
        if kind not in EVENT_TYPES or sub not in EVENT_TYPES[kind]:
            problems.append(f"{where}: {kind!r} / {sub!r} is not in the ACLED taxonomy")
        for name in _OPTIONAL_TEXT_EVENT:
            if event.get(name) is not None and not isinstance(event[name], str):
                problems.append(f"{where}: {name} is a {type(event[name]).__name__}")
        date = event.get("date")
        if date is not None and not (isinstance(date, str) and _ISO_DATE.fullmatch(date)):
            problems.append(f"{where}: date {date!r} is not ISO")
        fatalities = event.get("fatalities")
        if isinstance(fatalities, bool) or not isinstance(fatalities, int) or fatalities < 0:
            problems.append(f"{where}: fatalities {fatalities!r} is not a non-negative integer")
        if not isinstance(event.get("historical"), bool):
            problems.append(f"{where}: historical is not a boolean")
        start, end = event.get("evidence_start"), event.get("evidence_end")
        if not (isinstance(start, int) and isinstance(end, int) and text[start:end] == event.get("evidence")):
            problems.append(f"{where}: evidence is not original[evidence_start:evidence_end]")
    for n, quote in enumerate(record.get("quotes", [])):
        where = f"quote {n}"
        if quote.get("kind") not in ("direct", "indirect"):
            problems.append(f"{where}: kind {quote.get('kind')!r}")
        if not isinstance(quote.get("cue"), str) or not isinstance(quote.get("id"), str):
            problems.append(f"{where}: cue and id must be strings")
        for name in _OPTIONAL_TEXT_QUOTE:
            if quote.get(name) is not None and not isinstance(quote[name], str):
                problems.append(f"{where}: {name} is a {type(quote[name]).__name__}")
        start, end = quote.get("start"), quote.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and text[start:end] == quote.get("text")):
            problems.append(f"{where}: text is not original[start:end]")
    return problems


def check_extraction(text: str, **options: Any) -> Result | None:
    """Run ``rasid.extract`` and assert every property; None when a documented limit refused the text."""
    try:
        result = extract(text, **options)
    except LimitExceeded:
        assert len(text) > MAX_CHARS, "a limit refused a document under every limit"
        return None
    problems = span_problems(text, result)
    record = result.to_dict()
    problems += contract_problems(record, text)
    result.to_json()  # serialisable, lone surrogates and all
    assert not problems, problems
    return result


def _check_items(items: Iterable[ReadItem]) -> list[ReadItem]:
    """What every reader promises: documents with text, skips and warnings with a reason."""
    out = list(items)
    for item in out:
        if isinstance(item, Loaded):
            assert isinstance(item.document.text, str) and item.document.text.strip(), "loaded an empty document"
            assert isinstance(item.document.doc_id, str) and item.document.doc_id
        elif isinstance(item, Skipped):
            assert item.reason.strip(), "skipped without a reason"
        else:
            assert isinstance(item, Warned) and item.message.strip(), "warned without a message"
    return out


# -- harnesses: bytes in, AssertionError on a broken property -------------------------------------


def fuzz_decode(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data, declared=declared_charset(data))
    except Undecodable as refused:
        assert str(refused), "refused without a reason"
        return
    assert isinstance(text, str) and encoding
    assert not text.startswith("\ufeff"), "byte-order mark left in the text"


def fuzz_normalize(data: bytes) -> None:
    text = text_of(data)
    norm = normalize(text)
    assert norm.original == text
    assert len(norm.starts) == len(norm.ends) == len(norm.text)
    previous = 0
    for start, end in zip(norm.starts, norm.ends, strict=True):
        assert previous <= start < end <= len(text), (start, end)
        previous = start
    if norm.text:
        span = norm.to_original(0, len(norm.text), "expand")
        assert 0 <= span.start <= span.end <= len(text)
    sentences = split_sentences(norm)
    end = 0
    for sentence in sentences:
        assert end <= sentence.span.start < sentence.span.end <= len(text)
        end = sentence.span.end


def fuzz_html(data: bytes) -> None:
    try:
        _check_items(read_html_bytes(data, Source("fuzz.html"), "fuzz"))
    except Undecodable:
        return


def fuzz_feed(data: bytes) -> None:
    items = _check_items(read_feed(data, Source("fuzz.xml"), "fuzz"))
    assert items, "a feed yields at least one item (a document or a skip)"


def fuzz_jsonl(data: bytes) -> None:
    try:
        text, _ = decode_bytes(data)
    except Undecodable:
        return
    items = _check_items(read_jsonl(text, "fuzz.jsonl", "fuzz"))
    lines = [line for line in text.split("\n") if line.strip()]
    assert len([i for i in items if not isinstance(i, Warned)]) == len(lines), "one document or skip per line"


def fuzz_pipeline(data: bytes) -> None:
    check_extraction(text_of(data))


def fuzz_pipeline_jsonl(data: bytes) -> None:
    """Reader and pipeline together: what ``rasid extract corpus.jsonl`` does with each line."""
    try:
        text, _ = decode_bytes(data)
    except Undecodable:
        return
    for item in _check_items(read_jsonl(text, "fuzz.jsonl", "fuzz")):
        if isinstance(item, Loaded):
            check_extraction(item.document.text, lang=item.document.lang, published=item.document.published)


HARNESSES: dict[str, Callable[[bytes], None]] = {
    "decode": fuzz_decode,
    "normalize": fuzz_normalize,
    "html": fuzz_html,
    "feed": fuzz_feed,
    "jsonl": fuzz_jsonl,
    "pipeline": fuzz_pipeline,
    "pipeline_jsonl": fuzz_pipeline_jsonl,
}


def run_guarded(name: str, data: bytes) -> None:
    """Run one harness; only the documented exceptions may escape (and are swallowed here)."""
    try:
        HARNESSES[name](data)
    except EXPECTED:
        pass
