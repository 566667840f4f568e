"""Arabic event detection, round 4 (issue #5): interceptions of drones beside the word for the
foiled attack, protests held abroad or in a district of their own, arrests written with
"إيقاف". Real text of the shared gold files and of the SaudiNewsNet conflict corpus, read at run
time (each case names its file and doc_id, or the phrase that finds its sentence)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rasid.model import Document, Event
from rasid.pipeline import extract, extract_document

CORPUS = Path("data") / "saudinewsnet_conflict" / "saudinewsnet_syria_iraq_conflict.jsonl"


def _gold_events(shared_dir: Path, name: str, doc_id: str) -> list[Event]:
    path = shared_dir / "eval" / name
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record: dict[str, Any] = json.loads(line)
        if record["doc_id"] == doc_id:
            published = record.get("published")
            document = Document(
                text=record["text"], doc_id=doc_id, lang="ar",
                published=date.fromisoformat(published[:10]) if published else None,
            )
            return [e for e in extract_document(document).events if not e.historical]
    raise AssertionError(f"{doc_id} not in {path}")


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> list[str]:
    path = shared_dir / CORPUS
    if not path.is_file():
        pytest.skip(f"{path} not found")
    return [json.loads(line)["content"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _sentence(corpus: list[str], phrase: str) -> str:
    """The sentence (full stop to full stop) of the first article that has ``phrase``."""
    for text in corpus:
        at = text.find(phrase)
        if at >= 0:
            start = max(text.rfind(".", 0, at), text.rfind("\n", 0, at)) + 1
            end = min(i for i in (text.find(".", at), text.find("\n", at), len(text)) if i >= 0)
            return text[start : end + 1].strip()
    raise AssertionError(f"{phrase!r} not in the corpus")


def test_the_army_intercepting_drones_is_disrupted_weapons_use(shared_dir: Path) -> None:
    # news-other-regions-dev.jsonl, b-khabar24-1: "استهدافاً لطائرات مسيرة تابعة لقوات الدعم السريع
    # ... إلا أن دفاعات الجيش تمكنت من التصدي للهجوم": the foiled drone attack.
    events = _gold_events(shared_dir, "news-other-regions-dev.jsonl", "b-khabar24-1")
    foiled = [e for e in events if e.sub_event_type == "Disrupted weapons use"]
    assert len(foiled) == 1
    assert foiled[0].actor1 == "Military Forces of Sudan"
    assert foiled[0].actor2 == "RSF: Rapid Support Forces"


def test_toppling_a_regime_is_no_interception(corpus: list[str]) -> None:
    # "ليس بهدف إسقاط النظام السوري هذه المرة": the verb of shooting down with no drone or
    # missile as its object.
    text = _sentence(corpus, "ليس بهدف إسقاط النظام السوري")
    events = extract(text, lang="ar", published="2015-08-01").events
    assert not any(e.sub_event_type == "Disrupted weapons use" for e in events)


def test_a_protest_abroad_is_placed_where_it_was_held(shared_dir: Path) -> None:
    # news-protests-civilians-dev.jsonl, c-masress-ahram-1: "وتجمع أهالى عدد من المختطفين أمام مقر
    # ولاية القصرين لمعرفة مصير أبنائهم فى ليبيا" in an article about Libya.
    events = _gold_events(shared_dir, "news-protests-civilians-dev.jsonl", "c-masress-ahram-1")
    protests = [e for e in events if e.event_type == "Protests"]
    assert len(protests) == 1
    place = protests[0].place
    assert place is not None and place.country == "Tunisia" and place.admin1 == "Kasserine"
    assert protests[0].actor1 == "Protesters (Tunisia)"


def test_a_march_in_a_district_is_not_the_one_dispersed_in_the_city(shared_dir: Path) -> None:
    # news-protests-civilians-dev.jsonl, c-djazairess-alahrar-1: "وفرقت قوات الأمن بالقوة مظاهرة
    # ... بالجيزة" then "وخرج محتجون في أحد شوارع بولاق الدكرور ... بمحافظة الجيزة": two events.
    events = _gold_events(shared_dir, "news-protests-civilians-dev.jsonl", "c-djazairess-alahrar-1")
    giza = [e for e in events if e.event_type == "Protests" and e.place is not None and e.place.admin1 == "Giza"]
    assert {e.sub_event_type for e in giza} == {"Protest with intervention", "Peaceful protest"}
    peaceful = next(e for e in giza if e.sub_event_type == "Peaceful protest")
    assert peaceful.location is not None and peaceful.location != "Giza"


@pytest.mark.parametrize("phrase", ["تمكنت من إيقاف مشتبه به", "تم إيقاف عناصر يُشتبه"])
def test_ikaf_of_a_suspect_is_an_arrest(corpus: list[str], phrase: str) -> None:
    # "السلطات الأمنية السعودية، تمكنت من إيقاف مشتبه به، على خلفية حادثة تفجير مسجد ...":
    # an arrest reported beside the bombing it follows (Gulf and Maghreb usage of "إيقاف").
    text = _sentence(corpus, phrase)
    events = extract(text, lang="ar", published="2015-08-08").events
    assert any(e.sub_event_type == "Arrests" for e in events)


def test_a_bomber_in_another_clause_does_not_make_an_arrest_an_abduction(corpus: list[str]) -> None:
    # "التحقيقات الأولية قادت إلى إيقاف مشتبه به، ...، والتعرف على هوية الانتحاري منفذ العملية":
    # the unidentified side is the bomber, named in another clause; the police arrested.
    text = _sentence(corpus, "قادت إلى إيقاف مشتبه به")
    assert "الانتحاري" in text
    events = extract(text, lang="ar", published="2015-08-08").events
    assert any(e.sub_event_type == "Arrests" for e in events)
    assert not any(e.sub_event_type == "Abduction/forced disappearance" for e in events)
