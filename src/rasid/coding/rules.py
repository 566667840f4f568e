"""ACLED's coding rules: actor order, folding within a sentence, merging across sentences.

- Actor order: in Violence against civilians the victims are actor2; in
  arrests the arresting authority is actor1; protesters and rioters are
  actor1, the forces that intervene actor2.
- One event per actor pair, place and day: sentences that report the same
  interaction are merged and the article's main event stays first. The first
  report keeps the evidence unless it lacks the sides or names only the region
  of a town a fuller later report names (ACLED cites the clause that reports
  the event with its actors and place). A summary ("took several villages",
  "a pair of bombings", "protests in various areas") absorbs nothing and gives
  way to the events it sums up when they are reported one by one.
- Hierarchy: car bombs, shelling and air support inside a ground battle fold
  into that Battles event; civilians killed in it add to its fatalities;
  arrests at a protest are the protest's intervention.
- Fatalities: within one report separate counts add up; across reports of
  the same event the higher is kept (later sentences usually restate or
  complete the toll; ACLED's conservative rule applies to *conflicting*
  reports, which one article rarely gives).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from rasid.coding.arguments import STATE_PREFIXES, ActorRef
from rasid.coding.context import TriggerHit
from rasid.coding.triggers import agent_of, victim_class
from rasid.model import Mention, Place, Span, TimeExpression
from rasid.resources import read_table

VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})
# Within one event type, which sub-type wins when two triggers of one sentence disagree.
_SUBTYPE_RANK = {
    "Government regains territory": 0,
    "Non-state actor overtakes territory": 0,
    "Armed clash": 1,
    "Suicide bomb": 0,
    "Chemical weapon": 0,
    "Air/drone strike": 1,
    "Remote explosive/landmine/IED": 2,
    "Grenade": 2,
    "Shelling/artillery/missile attack": 3,
    "Excessive force against protesters": 0,
    "Protest with intervention": 1,
    "Peaceful protest": 2,
    "Sexual violence": 0,
    "Attack": 1,
    "Abduction/forced disappearance": 1,
}


@dataclass(slots=True)
class Actor:
    name: str | None
    text: str | None = None
    span: Span | None = None
    # The words naming a side the actor dictionary does not know ("المتظاهرون",
    # "مسلحون مجهولون", "المدنيين"): shown as actor text, never used to match or merge events.
    hint: Span | None = None


@dataclass(slots=True)
class Draft:
    """An event being coded; becomes a :class:`rasid.model.Event` at the end."""

    event_type: str
    sub_event_type: str
    sentence: int
    trigger: TriggerHit
    trigger_span: Span
    evidence: Span
    strong: bool
    actor1: Actor = field(default_factory=lambda: Actor(None))
    actor2: Actor = field(default_factory=lambda: Actor(None))
    place: Mention | None = None
    time: TimeExpression | None = None
    fatalities: int = 0
    reported_by: str | None = None
    quote_id: str | None = None
    country: str | None = None
    merged: int = 1
    sentence_span: Span | None = None
    victim: str | None = None
    anaphoric: bool = False
    historical: bool = False  # background: the sentence's date is long before the report
    distinct: bool = False  # reported as another event ("مواجهات أخرى", "a separate incident")
    summary: bool = False  # a capture of unnamed plural places, summing up the named ones
    evidence_score: float = -1.0  # report_score() of the report whose evidence the draft keeps
    ground: bool = False  # its sentence names small arms (sniper rifles, machine guns): ground fighting
    additional: bool = False  # its toll counts further dead ("6 other officials were killed"): it adds up

    def report_score(self) -> float:
        """How fully this report's own sentence states the event: sides, place, toll, date.

        ACLED cites the clause that reports the event with its actors and place;
        among several reports of one event, the most complete one is that clause.
        """
        span = self.sentence_span
        if span is None:
            return 0.0
        score = 0.0
        names = {a.name for a in (self.actor1, self.actor2) if a.name and a.span is not None and a.span.overlaps(span)}
        score += len(names)
        info = self.place_info
        if self.place is not None and self.place.span.overlaps(span):
            score += 1.0
            if info is not None and info.geo_precision == 1:
                score += 0.5  # a town or village, not only a region
        score += 0.5 * (self.fatalities > 0)
        score += 0.5 * (self.time is not None and self.time.span.overlaps(span))
        return score

    def informativeness(self) -> int:
        """How much the draft's own sentence says: its place, date, both actors, a toll."""
        own_place = self.place is not None and self.sentence_span is not None and self.place.span.overlaps(
            self.sentence_span
        )
        own_time = self.time is not None and self.sentence_span is not None and self.time.span.overlaps(
            self.sentence_span
        )
        return int(own_place) + int(own_time) + int(self.actor1.name is not None and self.actor2.name is not None) + int(
            self.fatalities > 0
        )

    @property
    def kind(self) -> str:
        return self.trigger.entry.kind

    @property
    def place_info(self) -> Place | None:
        place = self.place.attrs.get("place") if self.place is not None else None
        return place if isinstance(place, Place) else None


_PEOPLE = ("Civilians", "Protesters", "Rioters")


def _generic(label: str, country: str | None) -> Actor:
    return Actor(f"{label} ({country})" if country else None)


def _from_ref(ref: ActorRef | None) -> Actor:
    if ref is None:
        return Actor(None)
    return Actor(ref.name, ref.mention.text, ref.mention.span)


def _first(refs: Sequence[ActorRef], categories: set[str], exclude: str | None = None) -> ActorRef | None:
    for r in refs:
        if r.category in categories and r.name and r.name != exclude:
            return r
    return None


def assign_actors(
    draft: Draft,
    refs: Sequence[ActorRef],
    victim: str | None,
    wider: Sequence[ActorRef] = (),
    ordered_pair: bool = False,
) -> None:
    """Fill actor1/actor2 by ACLED's conventions for the draft's type.

    ``refs`` are the actors of the trigger's clause; ``wider`` those of its
    sentence, used for a second side the clause does not name.
    ``ordered_pair``: the text gives the sides in order ("بين X و Y").
    """
    if draft.sub_event_type == "Arrests" and wider:
        refs = wider  # the arresting side is often the subject of the reporting clause before
    _assign(draft, refs, victim, ordered_pair)
    if draft.sub_event_type == "Headquarters or base established":
        # A side setting up a base acts alone: ACLED codes no actor2 (none in its 2018 Middle East data).
        draft.actor2 = Actor(None)
    # The attack's own word standing in for its doer ("هجوم انتحاري"، "سيارة مفخخة") names nobody either.
    unnamed = draft.actor1.span is None or (
        (draft.actor1.name or "").startswith("Unidentified Armed Group") and draft.actor1.span.overlaps(draft.trigger_span)
    )
    if unnamed and draft.event_type in {"Battles", "Explosions/Remote violence", "Violence against civilians"}:
        # "قتل شاب ...، جرّاء إطلاق النار عليه من قبل عناصر حاجز تابع لـ X", "a landmine explosion;
        # it was planted by the Islamic State": a doer marked as such ("من قبل", "على يد", "برصاص",
        # "by") elsewhere in the sentence is the actor1.
        marked = next(
            (r for r in wider if r.marked and r.name and r.category in {"state", "armed"}
             and r.name != draft.actor2.name and r.mention.span != draft.actor1.span),
            None,
        )
        if marked is not None:
            draft.actor1 = _from_ref(marked)
    if draft.actor2.name is None and draft.event_type in {"Battles", "Explosions/Remote violence"} | {
        "Strategic developments"
    } and draft.sub_event_type not in {"Other", "Looting/property destruction", "Headquarters or base established"}:
        allowed = {"state", "armed"}
        other = _first([r for r in wider if r.name], allowed, exclude=draft.actor1.name)
        if other is not None and draft.actor1.name is not None:
            draft.actor2 = _from_ref(other)
    _armed_state_side(draft)


# Where a state meets an armed group, ACLED names its forces, not its government: "Government of X"
# is for the administration's own political acts (a decision, a ban), 10 of 15,172 events in ACLED's
# 2018 Middle East data; agreements of the Syrian state with armed factions there are its military's.
_FORCE_MEETINGS = frozenset({"Agreement", "Non-violent transfer of territory"})


def _armed_state_side(draft: Draft) -> None:
    """"توصلها إلى اتفاق مع السلطات السورية": the state side of a battle or an agreement with an
    armed group is its military."""
    if draft.trigger.entry.lang != "ar" or (
        draft.event_type != "Battles" and draft.sub_event_type not in _FORCE_MEETINGS
    ):
        return  # a bombing's "السلطات" is mostly who reports it, not a side: left as found
    sides = (draft.actor1, draft.actor2)
    armed = any(a.name and not a.name.startswith(STATE_AND_CIVILIAN) for a in sides)
    for side in sides:
        if armed and side.name and side.name.startswith("Government of "):
            side.name = "Military Forces of " + side.name.removeprefix("Government of ")


def _assign(draft: Draft, refs: Sequence[ActorRef], victim: str | None, ordered_pair: bool) -> None:
    etype, sub, country = draft.event_type, draft.sub_event_type, draft.country
    named = [r for r in refs if r.name]
    if etype == "Protests":
        protester = _first(named, {"protester"})
        draft.actor1 = _from_ref(protester) if protester else _generic("Protesters", country)
        if sub != "Peaceful protest":
            draft.actor2 = _from_ref(_first(named, {"state"}))
        return
    if etype == "Riots":
        rioter = _first(named, {"rioter"})
        draft.actor1 = _from_ref(rioter) if rioter else _generic("Rioters", country)
        if sub == "Mob violence":
            civ = _first(named, {"civilian"})
            draft.actor2 = _from_ref(civ) if civ else _generic("Civilians", country)
        else:
            draft.actor2 = _from_ref(_first(named, {"state"}))
        return
    agent = agent_of(named)
    if etype == "Violence against civilians":
        perpetrator = agent if agent is not None and agent.category != "civilian" else _first(named, {"armed", "state"})
        draft.actor1 = _from_ref(perpetrator) if perpetrator else _generic("Unidentified Armed Group", country)
        civ = _first(named, {"civilian"})
        if civ is not None:
            draft.actor2 = _from_ref(civ)
        elif victim == "prisoner":
            other = _first(named, {"armed", "state"}, exclude=draft.actor1.name)
            draft.actor2 = _from_ref(other) if other else _generic("Civilians", country)
        else:
            draft.actor2 = _generic("Civilians", country)
        return
    if sub == "Arrests":
        # The arresting side is the subject: the first force named before the arrest word
        # ("أعلنت الأسايش عن إلقاء القبض على عناصر من داعش"), else a state force.
        before = [
            r for r in named
            if r.mention.span.end <= draft.trigger_span.start and r.role != "target" and r.category in {"state", "armed"}
        ]
        authority = (before[0] if before else None) or _first(named, {"state"}) or agent
        draft.actor1 = _from_ref(authority)
        others = [r for r in named if r is not authority and r.name != draft.actor1.name]
        after = [r for r in others if r.mention.span.start >= draft.trigger_span.end]
        other = (after or others)[0] if others else None
        draft.actor2 = _from_ref(other) if other else (_generic("Civilians", country) if victim == "civilian" else Actor(None))
        return
    if sub == "Government regains territory":
        state = _first(named, {"state"})
        draft.actor1 = _from_ref(state or agent)
    elif sub == "Non-state actor overtakes territory":
        draft.actor1 = _from_ref(_first(named, {"armed"}) or agent)
    else:
        draft.actor1 = _from_ref(agent)
    planted = etype == "Explosions/Remote violence" and sub in {"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"}
    if planted and agent is not None and agent.role != "agent" and agent.category == "state":
        # "One soldier died in a bomb blast": forces named beside a bomb are its target,
        # unless the text marks them as the ones who set it off.
        draft.actor1 = Actor(None)
        agent = None
    if draft.actor1.name is None and planted:
        draft.actor1 = _generic("Unidentified Armed Group", country)
    # A battle is fought between armed sides: people named beside it ("ناشطون موالون للجيش")
    # are witnesses or sources, never its second actor.
    arabic = draft.trigger.entry.lang == "ar"
    sides = [r for r in named if not arabic or etype != "Battles" or r.category in {"state", "armed"}]
    other = next(
        (r for r in sides if r.name != draft.actor1.name and (r is not agent or draft.actor1.name is None)), None
    )
    if other is not None and other.name != draft.actor1.name:
        draft.actor2 = _from_ref(other)
    elif etype == "Explosions/Remote violence" and victim == "civilian":
        draft.actor2 = _generic("Civilians", country)
    # "قتلت القوات 30 متمردا": the side named as the victims stays actor2.
    victim_named = other is not None and other.role == "target" and draft.trigger.entry.lang == "ar"
    if sub == "Armed clash" and not ordered_pair and not victim_named and (agent is None or agent.role != "agent"):
        # ACLED lists the side that attacked first; unmarked, that is far more often the
        # non-state group than the state forces it fights.
        first, second = draft.actor1.name or "", draft.actor2.name or ""
        if first.startswith(STATE_PREFIXES) and second and not second.startswith(STATE_PREFIXES + _PEOPLE):
            draft.actor1, draft.actor2 = draft.actor2, draft.actor1


_BOMB_KINDS = frozenset({"suicide", "ied"})  # not "انفجرت المظاهرات" (erupted)


def best_of_type(drafts: Sequence[Draft]) -> Draft:
    """The draft that speaks for a sentence's event of one type."""
    return min(drafts, key=lambda d: (d.anaphoric, _SUBTYPE_RANK.get(d.sub_event_type, 5), d.trigger.start))


def fold_sentence(drafts: list[Draft]) -> list[Draft]:
    """One event per type in a sentence, then ACLED's hierarchy inside a battle or protest."""
    by_type: dict[str, list[Draft]] = {}
    for d in drafts:
        by_type.setdefault(d.event_type, []).append(d)
    kept = {etype: best_of_type(ds) for etype, ds in by_type.items()}
    for etype, ds in by_type.items():
        winner = kept[etype]
        winner.fatalities = sum(d.fatalities for d in ds)  # each count went to one draft
    battle = kept.get("Battles")
    demo_here = "Protests" in kept or "Riots" in kept
    if battle is not None:
        for etype in ("Explosions/Remote violence", "Violence against civilians"):
            other = kept.get(etype)
            if other is None:
                continue
            if demo_here and other.kind in _BOMB_KINDS and other.trigger.entry.lang == "ar":
                # "هجوم انتحاري ... وسط مظاهرة كردية اعقبها تبادل اطلاق نار": a bombing of a protest
                # is remote violence of its own, not part of the shooting that followed it.
                continue
            if etype == "Violence against civilians" and other.kind not in {"kill", "attack"}:
                continue
            battle.fatalities += other.fatalities  # each count was given to one draft only
            del kept[etype]
    demo = kept.get("Protests") or kept.get("Riots")
    clash = kept.get("Battles")
    if demo is not None and clash is not None and clash.kind in {"clash", "attack"}:
        # Protesters "clashing" with police: a violent demonstration, or force against them.
        if demo.sub_event_type in {"Peaceful protest", "Protest with intervention"}:
            demo.event_type, demo.sub_event_type = "Riots", "Violent demonstration"
            if demo.actor1.name is None or demo.actor1.name.startswith("Protesters"):
                words = demo.actor1.span or demo.actor1.hint  # the protesters' own words stay shown
                demo.actor1 = _generic("Rioters", demo.country)
                demo.actor1.hint = words
            if demo.actor2.name is None and demo.trigger.entry.lang == "ar":
                # "اشتبك متظاهرون مع الجيش": the forces they fought are the riot's actor2.
                demo.actor2 = next(
                    (a for a in (clash.actor1, clash.actor2) if a.name and a.name.startswith(STATE_PREFIXES)),
                    demo.actor2,
                )
            kept.pop("Protests", None)
            kept["Riots"] = demo
        demo.fatalities += clash.fatalities
        del kept["Battles"]
    protest = kept.get("Protests") or kept.get("Riots")
    arrests = kept.get("Strategic developments")
    if protest is not None and arrests is not None and arrests.sub_event_type == "Arrests":
        if protest.event_type == "Protests" and protest.sub_event_type == "Peaceful protest":
            protest.sub_event_type = "Protest with intervention"
        del kept["Strategic developments"]
    return sorted(kept.values(), key=lambda d: d.trigger.start)


def _same(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def place_compatible(a: Draft, b: Draft) -> bool:
    """Same place, or one of them only a region/country that contains the other."""
    pa, pb = a.place_info, b.place_info
    if pa is None or pb is None or pa.name == pb.name:
        return True
    if pa.country and pb.country and pa.country != pb.country:
        return False
    if pa.admin1 is None or pb.admin1 is None:
        return True
    if pa.admin1 != pb.admin1:
        return False
    # A city named like its governorate ("بغداد", "Kirkuk") often stands for the whole
    # province, loosely: it does not set a report apart from a town or district in it.
    # Protests are told gathering by gathering: a march in a district named in its own
    # report is not the one in the city beside it.
    own_places = _own_precision(a) < 9 and _own_precision(b) < 9
    if (pa.name == pa.admin1 or pb.name == pb.admin1) and not (
        own_places and _family(a) == _family(b) == "demonstration"
    ):
        return True
    if pa.admin2 and pb.admin2 and pa.admin2 != pb.admin2 and _own_precision(a) < 9 and _own_precision(b) < 9:
        return False  # two districts of one governorate, each named in its own report
    # Same governorate: one event unless both name distinct towns.
    return (pa.geo_precision or 3) >= 2 or (pb.geo_precision or 3) >= 2


def _date_compatible(a: Draft, b: Draft) -> bool:
    ta = a.time.value if a.time else None
    tb = b.time.value if b.time else None
    if ta is None or tb is None:
        return True
    return ta == tb or ta.startswith(tb) or tb.startswith(ta)


def _historical(d: Draft) -> bool:
    return d.historical


_UNIDENTIFIED = "Unidentified Armed Group"


def _actor_compatible(a: str | None, b: str | None) -> bool:
    """Equal, or one unknown; an unidentified group may be the named one reported elsewhere."""
    if _same(a, b):
        return True
    assert a is not None and b is not None
    return a.startswith(_UNIDENTIFIED) != b.startswith(_UNIDENTIFIED) and not (
        a.startswith(STATE_AND_CIVILIAN) or b.startswith(STATE_AND_CIVILIAN)
    )


@cache
def _alliances() -> dict[frozenset[str], tuple[frozenset[str], str]]:
    """Allied actor pairs (data/actor_alliances.tsv): pair -> (countries, name a merged event keeps)."""
    table: dict[frozenset[str], tuple[frozenset[str], str]] = {}
    for row in read_table("actor_alliances.tsv").rows:
        countries = frozenset(c for c in row["countries"].split(";") if c)
        table[frozenset((row["actor"], row["ally"]))] = (countries, row["merged_as"])
    return table


def allied_name(a: str | None, b: str | None, country: str | None) -> str | None:
    """The name two allied actors share in ``country`` (None when they are not allies there)."""
    if a is None or b is None or a == b:
        return None
    entry = _alliances().get(frozenset((a, b)))
    if entry is None or (entry[0] and country not in entry[0]):
        return None
    return entry[1]


def are_allies(a: str | None, b: str | None, country: str | None) -> bool:
    """Allies in ``country``; when the country is not known yet, allies anywhere."""
    if country is not None:
        return allied_name(a, b, country) is not None
    return a is not None and b is not None and frozenset((a, b)) in _alliances()


def _side_compatible(a: str | None, b: str | None, country: str | None) -> bool:
    """Compatible names, or two allies reporting one strike ("طائرات أمريكية" / "طائرة للتحالف الدولي")."""
    return _actor_compatible(a, b) or allied_name(a, b, country) is not None


STATE_AND_CIVILIAN = ("Military Forces", "Police Forces", "Government of", "Civilians", "Protesters", "Rioters")


def _family(d: Draft) -> str:
    """Violent events of one actor pair, place and day are one event whatever words report them."""
    if d.event_type in {"Battles", "Explosions/Remote violence", "Violence against civilians"}:
        return "violence"
    if d.event_type in {"Protests", "Riots"}:
        return "demonstration"
    return d.sub_event_type


def _country_compatible(a: Draft, b: Draft) -> bool:
    return _same(a.country, b.country)


_TERRITORY_SUBTYPES = frozenset(
    {"Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory"}
)


def _same_capture(a: Draft, b: Draft) -> bool:
    """One side taking one named town: one event, whoever the reports say held it before.

    The losing side is the argument reports most often leave implicit or name
    loosely ("the factions", the foreign post in the town), so it may disagree.
    """
    pa, pb = a.place_info, b.place_info
    return (
        a.sub_event_type in _TERRITORY_SUBTYPES
        and a.sub_event_type == b.sub_event_type
        and a.actor1.name is not None
        and a.actor1.name == b.actor1.name
        and pa is not None
        and pb is not None
        and pa.name == pb.name
        and pa.admin1 is not None
    )


def _capture_elsewhere(a: Draft, b: Draft) -> bool:
    """An Arabic report of a place taken ("استرداد المعسكر ... قرب بلدة العين") that names its
    own place, other than the one the fighting report names: ACLED codes one event per
    location, so the capture there is not the battle elsewhere in the same province."""
    return (
        a.trigger.entry.lang == "ar"
        and a.sub_event_type in _TERRITORY_SUBTYPES and b.sub_event_type not in _TERRITORY_SUBTYPES
        and _own_precision(a) < 9 and _own_precision(b) < 9
        and a.place is not None and b.place is not None and a.place.text != b.place.text
    )


def _captures_apart(a: Draft, b: Draft) -> bool:
    """Two Arabic reports of places taken, one naming a town the gazetteer lacks ("سيطروا على
    قريتي بلحسين": marked distinct, no place of its own) and one naming a known town of its own
    ("مدينة صوران، والتي سيطرت عليها الفصائل"): ACLED codes one event per location, so the same
    side taking both is two events, though the first falls back to the region for its place."""
    if a.trigger.entry.lang != "ar" or not (
        a.sub_event_type in _TERRITORY_SUBTYPES and b.sub_event_type in _TERRITORY_SUBTYPES
    ):
        return False
    return any(
        unlisted.distinct and _own_precision(unlisted) == 9 and _own_precision(named) <= 2
        for unlisted, named in ((a, b), (b, a))
    )


def _ordered_sides(a: Draft, b: Draft) -> bool:
    """actor1 may be actor1, and actor2 actor2, of one event (in the country either names)."""
    country = a.country or b.country
    return _side_compatible(a.actor1.name, b.actor1.name, country) and _side_compatible(
        a.actor2.name, b.actor2.name, country
    )


def same_event(a: Draft, b: Draft) -> bool:
    """ACLED's unit: one actor pair, one place, one day (within a family of types)."""
    if _family(a) != _family(b) or _historical(a) != _historical(b) or b.distinct:
        return False
    if a.event_type != b.event_type and not (a.kind in VAGUE_KINDS or b.kind in VAGUE_KINDS):
        return False
    ordered = _ordered_sides(a, b)
    # Two sides of a fight may be named in either order ("X attacked Y", "Y repelled X").
    loose = a.event_type == b.event_type == "Battles" or a.kind in VAGUE_KINDS or b.kind in VAGUE_KINDS
    swapped = _family(a) == "violence" and loose and (
        _actor_compatible(a.actor1.name, b.actor2.name) and _actor_compatible(a.actor2.name, b.actor1.name)
    )
    if not (ordered or swapped or _same_capture(a, b)):
        return False
    if _capture_elsewhere(a, b) or _capture_elsewhere(b, a) or _captures_apart(a, b):
        return False
    return _country_compatible(a, b) and place_compatible(a, b) and _date_compatible(a, b)


# Words that report violence without saying which kind ("attack", "killed"): they may be
# any type, so they merge with a specific report of one event and take its type.
VAGUE_KINDS = frozenset({"attack", "kill", "blast"})
# Words that often restate an event already reported.
_RESTATING_KINDS = frozenset({"attack", "kill", "blast", "assassinate", "clash", "protest", "protesters"})


def _own_precision(d: Draft) -> int:
    """Geo precision of the place named in the draft's own sentence (9 when none)."""
    info = d.place_info
    if d.place is None or info is None or d.sentence_span is None or not d.place.span.overlaps(d.sentence_span):
        return 9
    if info.geo_precision is not None:
        return info.geo_precision
    return 2 if info.admin1 else 3


def _more_precise(a: Draft, b: Draft) -> bool:
    return a.event_type == b.event_type and _own_precision(a) < _own_precision(b)


def _own_actor(d: Draft) -> bool:
    span = d.sentence_span
    if d.event_type in {"Protests", "Riots"}:
        return True  # the protest word names its actor ("تظاهر", "protesters")
    return span is not None and any(
        a.name and a.span is not None and a.span.overlaps(span) for a in (d.actor1, d.actor2)
    )


def _lead_incomplete(keep: Draft, other: Draft) -> bool:
    """The kept report lacks what the other states: a side, a place, or the town it names."""
    if not _own_actor(keep) and _own_actor(other):
        return True
    # A region in the lead ("ريف دير الزور"), the village in a later report: cite the village.
    return _own_precision(other) < _own_precision(keep) < 9


def _own_day(d: Draft) -> bool:
    """The draft's own sentence gives its day ("2 أيلول 2018", "on Sunday")."""
    return (
        d.time is not None and d.time.precision == 1 and not d.time.historical
        and d.sentence_span is not None and d.time.span.overlaps(d.sentence_span)
    )


def _own_names(d: Draft) -> set[str]:
    span = d.sentence_span
    return {a.name for a in (d.actor1, d.actor2) if a.name and a.span is not None and span and a.span.overlaps(span)}


def _dates_the_lead(keep: Draft, other: Draft) -> bool:
    """An undated lead and a later report that restates its sides with the day: ACLED
    cites the dated clause ("وقد تبادلت X و Y، صبيحة هذا اليوم، 2 أيلول، إطلاق النار")."""
    if _own_day(keep) or not _own_day(other) or other.sub_event_type != keep.sub_event_type:
        return False
    names = _own_names(keep)
    return len(names) == 2 and _own_names(other) == names


def _absorb(keep: Draft, other: Draft) -> None:
    if keep.evidence_score < 0:
        keep.evidence_score = keep.report_score()
    if (
        keep.trigger.entry.lang == "en" and keep.sub_event_type == "Armed clash"
        and other.event_type == "Battles" and other.sub_event_type in _TERRITORY_SUBTYPES - {"Non-violent transfer of territory"}
        and 0 <= other.sentence - keep.sentence <= 1
        and any(_one_side(other.actor1.name, side.name) for side in (keep.actor1, keep.actor2))
    ):
        # "clashes ... as the government forces recaptured a chain of hills" right after the battle's
        # report: ACLED codes the battle by its outcome when one of its sides took ground in it.
        keep.sub_event_type = other.sub_event_type
    specific = keep.kind in VAGUE_KINDS and other.kind not in VAGUE_KINDS
    # An ally's report of the strike the lead already cites ("طائرة للتحالف" after "طائرات أمريكية")
    # renames the side but is not the fuller clause.
    ally = allied_name(keep.actor1.name, other.actor1.name, keep.country or other.country) is not None
    # English retells an event with more detail after naming it ("The second bombing occurred in
    # Qadisiya province. One soldier was killed when the blast ripped into a patrol just west of
    # Diwaniya"): the back-reference may be the fuller clause ACLED cites and the more precise place.
    detailed = not other.anaphoric or (
        other.trigger.entry.lang == "en" and other.fatalities > 0 and _own_precision(other) < _own_precision(keep)
    )
    if detailed and not specific and not ally and other.event_type == keep.event_type:
        score = other.report_score()
        dated = _dates_the_lead(keep, other)
        if dated:
            keep.time, keep.sentence_span = other.time, other.sentence_span  # cite the dated clause
        if (score > keep.evidence_score and _lead_incomplete(keep, other)) or dated:
            # A later, fuller report ("X attacked village Y") is the clause ACLED cites;
            # the lead that only announced the event gives way (ties keep the earlier).
            keep.trigger, keep.trigger_span, keep.evidence = other.trigger, other.trigger_span, other.evidence
            keep.evidence_score = score
            if other.actor1.name is not None and other.actor2.name is not None:
                keep.actor1, keep.actor2 = other.actor1, other.actor2  # the cited clause's own sides
    if keep.trigger.entry.lang == "en" and other.additional:
        keep.fatalities += other.fatalities  # "X was killed ... 6 other officials were killed in the strike"
    elif keep.trigger.entry.lang == "en" and keep.fatalities:
        # An English lead states the toll; later sentences restate it from other sources
        # ("he said attackers killed 15") or give a part of it ("the death of two soldiers").
        pass
    else:
        keep.fatalities = max(keep.fatalities, other.fatalities)
    if detailed and not specific and _more_precise(other, keep):
        # The lead names a region, a later sentence the village: ACLED codes the most
        # precise location named for the event.
        keep.place = other.place
    if specific and other.sub_event_type == keep.sub_event_type and _own_day(keep) and not _own_day(other):
        specific = False  # the dated clause stays cited when a later one only restates the type
    if specific and _weapons_of_battle(keep, other):
        specific = False  # mortars, sniper fire, air support used in a ground attack fold into the battle
    if not other.anaphoric and specific:
        # "the attack" first, "a car bomb" later: the specific report types the event.
        keep.event_type, keep.sub_event_type = other.event_type, other.sub_event_type
        keep.trigger, keep.trigger_span, keep.evidence = other.trigger, other.trigger_span, other.evidence
        keep.evidence_score = max(keep.evidence_score, other.report_score())
        if keep.trigger.entry.lang == "ar" and other.actor1.name is not None and other.actor2.name is not None:
            # "مقتل 6 من الحشد" first, "معركة ... بين الحشد وبين الإرهاب الذي يحاول اختراق المدينة" later:
            # the clause now cited orders the sides, not the toll that announced them.
            keep.actor1, keep.actor2 = other.actor1, other.actor2
    for side in ("actor1", "actor2"):
        mine, theirs = getattr(keep, side), getattr(other, side)
        if theirs.name is not None and allied_name(mine.name, theirs.name, keep.country or other.country) == theirs.name:
            setattr(keep, side, theirs)  # allies reporting one strike: the name ACLED codes it under
    if keep.actor1.name is None and other.actor1.name != keep.actor2.name:
        keep.actor1 = other.actor1
    if keep.actor2.name is None and other.actor2.name != keep.actor1.name:
        keep.actor2 = other.actor2
    if keep.place is None:
        keep.place = other.place
        keep.country = keep.country or other.country
    if keep.time is None:
        keep.time = other.time
    if keep.reported_by is None:
        keep.reported_by, keep.quote_id = other.reported_by, other.quote_id
    keep.merged += 1


def _one_side(a: str | None, b: str | None) -> bool:
    """The same named side, or two state actors of one country ("Government of Yemen" for the
    forces the text calls "the government forces", "Military Forces of Yemen" elsewhere)."""
    if a is None or b is None:
        return False
    if a == b:
        return True
    return a.startswith(STATE_PREFIXES) and b.startswith(STATE_PREFIXES) and a.rsplit(" of ", 1)[-1] == b.rsplit(" of ", 1)[-1]


def absorb(keep: Draft, other: Draft) -> None:
    """Merge ``other``, a report of the same event, into ``keep`` (see :func:`merge_article`)."""
    _absorb(keep, other)


def date_compatible(a: Draft, b: Draft) -> bool:
    """Same day, or one of them undated or only dated to the month or year of the other."""
    return _date_compatible(a, b)


def same_sides(a: Draft, b: Draft) -> bool:
    """The actor pairs of two violent reports may be one pair (in either order, allies allowed)."""
    ordered = _ordered_sides(a, b)
    # Either order ("X attacked Y", "Y repelled X"), when at least one side is named in both.
    crossed = (a.actor1.name is not None and a.actor1.name == b.actor2.name) or (
        a.actor2.name is not None and a.actor2.name == b.actor1.name
    )
    return ordered or (
        crossed and _actor_compatible(a.actor1.name, b.actor2.name) and _actor_compatible(a.actor2.name, b.actor1.name)
    )


# Remote weapons that ACLED folds into a ground battle they are used in.
_BATTLE_WEAPONS = frozenset({"Shelling/artillery/missile attack", "Air/drone strike"})


def _weapons_of_battle(keep: Draft, other: Draft) -> bool:
    """A later report of the weapons used ("used sniper rifles and mortars") in a ground
    attack the lead already dated between two named sides: ACLED's hierarchy keeps the
    Battles event and the lead's clause, not a remote-violence event of its own. The
    report must name small arms too: a drone or shells alone are remote violence."""
    return (
        other.ground and keep.event_type == "Battles" and other.event_type == "Explosions/Remote violence"
        and other.sub_event_type in _BATTLE_WEAPONS and _own_day(keep) and not _own_day(other)
        and len(_own_names(keep)) == 2
    )


def merge_article(drafts: list[Draft]) -> list[Draft]:
    """Merge reports of one event across sentences; fold battle deaths nearby into the battle."""
    kept: list[Draft] = []
    for d in drafts:
        # A summary ("took several villages") cannot absorb a capture named later.
        target = next((k for k in kept if same_event(k, d) and (d.summary or not k.summary)), None)
        if target is None and d.anaphoric:
            # "the attack": the latest event of its family is what it refers to.
            target = next((k for k in reversed(kept) if _family(k) == _family(d)), None)
            if target is None:
                continue
        if target is not None:
            _absorb(target, d)
            continue
        if d.event_type == "Violence against civilians" and d.kind == "kill" and d.victim != "prisoner":
            battle = next(
                (k for k in kept if k.event_type == "Battles" and abs(k.sentence - d.sentence) <= 1
                 and place_compatible(k, d) and _date_compatible(k, d)),
                None,
            )
            if battle is not None:
                battle.fatalities += d.fatalities
                continue
        kept.append(d)
    # A later, vague mention of violence ("the attacks", "fighting") that names no place,
    # date, toll or pair of sides of its own is commentary, not a new event.
    kept = [
        d for i, d in enumerate(kept)
        if i == 0 or d.distinct or d.kind not in _RESTATING_KINDS or d.informativeness() > 0
    ]
    for d in kept:
        if d.actor1.name is None and d.actor2.name is not None and d.event_type in {
            "Battles", "Explosions/Remote violence",
        }:
            # Forces attacked by assailants no report names: ACLED's unidentified armed group.
            d.actor1 = _generic(_UNIDENTIFIED, d.country)
    # "took several villages" sums up the captures reported by name: keep only those.
    return [d for d in kept if not (d.summary and any(_itemises(k, d) for k in kept))]


def _itemises(named: Draft, summary: Draft) -> bool:
    """A named capture the summary covers (its sides are often coded loosely, so not compared)."""
    if named.summary:
        return False
    if summary.event_type in {"Protests", "Riots"}:
        return named.event_type in {"Protests", "Riots"}
    if _family(summary) == "violence":
        return _family(named) == "violence" and named.place is not None
    return named.sub_event_type in _TERRITORY_SUBTYPES and summary.sub_event_type in _TERRITORY_SUBTYPES


__all__ = [
    "Actor",
    "Draft",
    "absorb",
    "assign_actors",
    "date_compatible",
    "fold_sentence",
    "merge_article",
    "place_compatible",
    "same_event",
    "same_sides",
    "victim_class",
]
