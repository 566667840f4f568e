"""Build ``src/rasid/data/clitic_exceptions.tsv``, the exception lists of ``rasid.text.tokens``.

The file holds the hand-written rows of ``scripts/clitic_exceptions/manual.tsv`` (kinds ``keep``,
``keep_end``, ``host``, ``short``, ``future``) followed by three lists derived from word counts
(no text is kept) over the shared corpora under ``$RASID_SHARED`` or ``../shared`` beside the
repository:

* ``data/saudinewsnet_conflict/saudinewsnet_syria_iraq_conflict.jsonl`` (title and content);
* ``data/anercorp/ANERCorp_CamelLab_{train,test}.txt`` and ``data/wojood_sample/train.txt``
  (first column of the CoNLL lines);
* ``data/geonames_me/cities500_SY_IQ_TR_LB_JO.tsv`` (Arabic names) and
  ``data/anercorp/ANERGazet/ANERGazet_{Loc,Org,Pers}.txt``: every gazetteer word counts at least
  ``MIN_COUNT`` times, so that it is judged.

A word seen ``MIN_COUNT``+ times is

* ``keep`` when the form left after the first proclitic the rules would split off (و ف ب ل ك,
  لل -> ال) occurs with no such proclitic in fewer than 2 tokens or under 3% as many tokens as the
  word (وزير -> زير); a proclitic before the article and a stem of 3+ letters is always split;
* ``future`` when it is س + ي/ت/ن + 3 letters or more and the verb without س is seen 3+ times and
  at least half as often;
* ``keep_end`` when the stem left after a pronoun suffix (counting its taa-marbuta and hamza
  spellings, bare or with the article) is that rare: under 2 tokens or under 5%.

The corpus rows of each kind are ordered by count, most frequent first, then by word; rows
already written by hand are not repeated. Run from the repository root::

    .venv/bin/python scripts/build_clitic_exceptions.py          # rewrite the file
    .venv/bin/python scripts/build_clitic_exceptions.py --check  # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from rasid.text.normalize import normalize
from rasid.text.tokens import Lexicon, _fold, _light, _segment

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "src" / "rasid" / "data" / "clitic_exceptions.tsv"
MANUAL = REPO / "scripts" / "clitic_exceptions" / "manual.tsv"

ARABIC_WORD = re.compile(r"[\u0620-\u064a\u0671-\u06d3]+")
MIN_COUNT = 3  # words seen fewer times are not judged
PREFIXES = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")
LAM_ARTICLE = ("لل", "ولل", "فلل")  # ل + article, written لل
CORPUS_KINDS = ("keep", "future", "keep_end")

HEADER = """\
# Arabic clitic segmentation exceptions for rasid.text.tokens (all forms normalised: no diacritics, أإآ->ا, ة->ه, ى->ي).
# kind: keep = the word's first letters (و ف ب ل ك, or ال) belong to its stem, so no proclitic is split off it (بغداد, وزير);
#   keep_end = its last letters (ه ها هم نا ...) belong to the stem, so no enclitic pronoun is split off (تفاهم, كورونا);
#   host = a short preposition or particle that takes enclitic pronouns (منه, عليها, لكم); short = a two-letter word that may
#   carry the conjunction و/ف (وفي, وقد); future = a verb whose initial س is the future particle (سيكون).
# source: manual = written by the rasid developers from general knowledge of Arabic (MIT, same as rasid);
#   corpus = derived from word counts (no text) over the SaudiNewsNet conflict subset (inparallel/SaudiNewsNet, research use),
#   ANERcorp (CAMeL Lab split, CC BY-SA 4.0), the Wojood public sample (MIT), and single words of GeoNames Arabic place names
#   (CC BY 4.0) and ANERGazet: a word seen 3+ times is "keep" when the form left after its first proclitic occurs, with no
#   such proclitic, in under 3% as many tokens (وزير -> زير; a proclitic before the article and a 3+ letter stem is always
#   split); "keep_end" when the stem left after a pronoun suffix is that rare (counting its taa-marbuta and hamza
#   spellings, under 5%); "future" when the verb without س (4+ letters) is at least half as frequent.
word\tkind\tsource
"""


def shared_dir() -> Path:
    return Path(os.environ.get("RASID_SHARED") or REPO.parent / "shared")


def arabic_words(text: str) -> list[str]:
    """The Arabic words of ``text``, normalised but with letter variants left as written."""
    return ARABIC_WORD.findall(normalize(text, fold_letters=False).text)


def _lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as handle:
        yield from handle


def corpus_words(data: Path) -> Iterator[str]:
    """Every Arabic word token of the news corpus and the NER corpora."""
    for line in _lines(data / "saudinewsnet_conflict" / "saudinewsnet_syria_iraq_conflict.jsonl"):
        doc = json.loads(line)
        yield from arabic_words((doc.get("title") or "") + " " + (doc.get("content") or ""))
    for name in (
        "anercorp/ANERCorp_CamelLab_train.txt",
        "anercorp/ANERCorp_CamelLab_test.txt",
        "wojood_sample/train.txt",
    ):
        for line in _lines(data / name):
            yield from arabic_words(line.split(" ")[0])


def gazetteer_words(data: Path) -> Iterator[str]:
    """Every Arabic word of the GeoNames extract's Arabic names and of ANERGazet."""
    with (data / "geonames_me" / "cities500_SY_IQ_TR_LB_JO.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            for name in (row.get("arabic_names") or "").split("|"):
                yield from arabic_words(name)
    for kind in ("Loc", "Org", "Pers"):
        for line in _lines(data / "anercorp" / "ANERGazet" / f"ANERGazet_{kind}.txt"):
            yield from arabic_words(line)


def light_form(word: str) -> str:
    """The tokenizer's light form: hamza alefs at the start and ة/ى at the end kept."""
    norm = normalize(word)
    return _light(norm, 0, len(norm.text))


def light_counts(corpus: Iterable[str], gazetteer: Iterable[str]) -> Counter[str]:
    """Token counts by light form; a gazetteer word counts at least ``MIN_COUNT``."""
    raw = Counter(corpus)
    lights: Counter[str] = Counter()
    for word, n in raw.items():
        lights[light_form(word)] += n
    for word in set(gazetteer):
        form = light_form(word)
        lights[form] = max(lights[form], MIN_COUNT)
    return lights


def context_counts(count: Counter[str]) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """Tokens of each form with any proclitics, in all and by the last proclitic letter."""
    ctx: Counter[str] = Counter()
    ctx_by: Counter[tuple[str, str]] = Counter()
    for word, n in count.items():
        for prefix in PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                rest = word[len(prefix) :]
                ctx[rest] += n
                ctx_by[rest, prefix[-1:]] += n
        for prefix in LAM_ARTICLE:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                rest = "ال" + word[len(prefix) :]
                ctx[rest] += n
                ctx_by[rest, "ل"] += n
    return ctx, ctx_by


def read_manual(path: Path) -> list[tuple[str, str]]:
    """The hand-written (word, kind) rows, in file order, header skipped."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        word, kind = line.split("\t")
        if kind not in Lexicon.__dataclass_fields__:
            raise SystemExit(f"{path}: unknown kind {kind!r} for {word!r}")
        rows.append((word, kind))
    return rows


def derive(
    lights: Counter[str], manual: list[tuple[str, str]]
) -> tuple[dict[str, set[str]], Counter[str]]:
    """The corpus-derived words of each kind in ``CORPUS_KINDS``, and the folded counts."""
    count: Counter[str] = Counter()
    for form, n in lights.items():
        count[_fold(form)] += n
    ctx, ctx_by = context_counts(count)
    kinds: dict[str, set[str]] = {}
    for word, kind in manual:
        kinds.setdefault(kind, set()).add(word)
    base = Lexicon(**{k: frozenset(kinds.get(k, ())) for k in Lexicon.__dataclass_fields__})
    rules_only = Lexicon(host=base.host, short=base.short)

    keep: set[str] = set()
    future: set[str] = set()
    for form, n in lights.items():
        word = _fold(form)
        if n < MIN_COUNT or word in base.keep:
            continue
        procs = _segment(form, rules_only)[0]
        if procs and procs[0] != "ال":
            # the first proclitic the rules alone would split off, and the form it leaves
            first = procs[0]
            rest = "ال" + word[2:] if word.startswith("لل") else word[1:]
            if rest.startswith("ال") and len(rest) >= 5:
                attested = True  # proclitic + article + a stem of 3+ letters: trust the pattern
            else:
                other = ctx[rest] - ctx_by[rest, first]
                attested = other >= 2 and other >= 0.03 * count[word]
            if not attested:
                keep.add(word)
        if word.startswith("س") and len(word) >= 5 and word[1] in "يتن":
            verb = count[word[1:]]
            if verb >= 3 and verb >= 0.5 * count[word]:
                future.add(word)

    # build.py's lexicon for the suffix pass: manual lists plus corpus keep, corpus future only
    lex = Lexicon(
        keep=base.keep | frozenset(keep),
        keep_end=base.keep_end,
        host=base.host,
        short=base.short,
        future=frozenset(future),
    )
    keep_end: set[str] = set()
    for form, n in lights.items():
        if n < MIN_COUNT:
            continue
        _, stem, enclitic = _segment(form, lex)
        if not enclitic or stem in lex.host:
            continue
        spellings = [stem]
        if stem.endswith("ت"):
            spellings.append(stem[:-1] + "ه")  # taa marbuta is written ت before a pronoun
        if stem[-1:] in ("ي", "و"):
            spellings.append(stem[:-1] + "ء")  # the hamza changes its seat
        seen = sum(ctx[s] + ctx["ال" + s] for s in spellings)
        whole = stem + enclitic
        if not (seen >= 2 and seen >= 0.05 * count[whole]):
            keep_end.add(whole)
    return {"keep": keep, "future": future, "keep_end": keep_end}, count


def render(manual: list[tuple[str, str]], derived: dict[str, set[str]], count: Counter[str]) -> str:
    rows = [(word, kind, "manual") for word, kind in manual]
    seen = {(word, kind) for word, kind in manual}
    for kind in CORPUS_KINDS:
        for word in sorted(derived[kind], key=lambda w: (-count[w], w)):
            if (word, kind) not in seen:
                seen.add((word, kind))
                rows.append((word, kind, "corpus"))
    return HEADER + "".join(f"{word}\t{kind}\t{source}\n" for word, kind, source in rows)


def build() -> str:
    data = shared_dir() / "data"
    if not data.is_dir():
        raise SystemExit(f"build_clitic_exceptions: {data} not found (set RASID_SHARED)")
    manual = read_manual(MANUAL)
    lights = light_counts(corpus_words(data), gazetteer_words(data))
    derived, count = derive(lights, manual)
    sizes = ", ".join(f"{kind} {len(derived[kind])}" for kind in CORPUS_KINDS)
    print(f"vocab {len(count)}, tokens {sum(count.values())}; corpus {sizes}", file=sys.stderr)
    return render(manual, derived, count)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the file on disk is out of date"
    )
    args = parser.parse_args(argv)
    text = build()
    relative = OUTPUT.relative_to(REPO)
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else None
        if current != text:
            print(
                f"{relative} is out of date; run scripts/build_clitic_exceptions.py",
                file=sys.stderr,
            )
            return 1
        print(f"{relative} is up to date", file=sys.stderr)
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {relative}: {text.count(chr(10)) - HEADER.count(chr(10))} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
