"""Typing a trigger into ACLED's event type and sub-event type, using its sentence.

The lexicon gives each trigger a *kind* (attack, kill, arrest, protest …) and
a default type; the sentence decides the rest, as an ACLED coder would:
who acted (state forces arrest, armed groups abduct), who suffered
(civilians → Violence against civilians, fighters → Battles), with what
(air, suicide, car bomb), and how a protest went (dispersed, shot at, violent).
"""

from __future__ import annotations

from collections.abc import Sequence

from rasid.coding.arguments import ActorRef
from rasid.coding.context import SentenceView, TriggerHit

EXPLOSIVE_KINDS = frozenset(
    {"air", "air_support", "shelling", "ied", "blast", "suicide", "grenade", "chemical"}
)
VICTIM_CUES = ("civilian", "armed", "prisoner", "civilian_site")

EventType = tuple[str, str]


def victim_class(view: SentenceView, hit: TriggerHit, actors: Sequence[ActorRef] = ()) -> str | None:
    """Who suffered: "civilian", "armed" or "prisoner", from the cue nearest the trigger.

    Arabic puts the victim after the verb ("قتل ... مدنيا"), English often
    before it ("25 men were killed"); at equal distance the later word wins.
    """
    if hit.entry.kind != "kill":
        kill = next((t for t in view.triggers if t.entry.kind == "kill"), None)
        if kill is not None:
            hit = kill  # the killing's object is the sentence's victim
    if hit.entry.kind == "kill" and view.has_cue("prisoner"):
        return "prisoner"  # captives or fighters giving themselves up are protected
    targets = [a for a in actors if a.role == "target"]
    if targets:
        return "civilian" if targets[0].category == "civilian" else "armed"
    best: tuple[int, int, str] | None = None
    # English active voice ("IS fighters executed two individuals"): the words before the verb
    # are its doers; only those after it can name the victim.
    doers_before = hit.entry.lang == "en" and hit.entry.kind == "assassinate" and not _passive_en(view, hit)
    for cue in view.cues:
        if cue.cue not in VICTIM_CUES or hit.start <= cue.start < hit.end or (doers_before and cue.word < hit.word):
            continue
        distance = abs(cue.word - hit.word)
        key = (distance, 0 if cue.word > hit.word else 1, cue.cue)
        if best is None or key < best:
            best = key
    if best is not None:
        return "site" if best[2] == "civilian_site" else best[2]
    if any(a.category == "civilian" for a in actors):
        return "civilian"
    return None


_PASSIVE_AUX_EN = frozenset({"was", "were", "been", "being", "be", "is", "are", "got"})


def _passive_en(view: SentenceView, hit: TriggerHit) -> bool:
    """Whether an English trigger verb is passive ("was assassinated"), from the word before it."""
    before = [w for w in view.words if w[1] <= hit.start]
    return bool(before) and before[-1][2].lower() in _PASSIVE_AUX_EN


def agent_of(actors: Sequence[ActorRef]) -> ActorRef | None:
    """The acting side: a marked agent ("من قبل", "by"), else the first non-victim actor."""
    for a in actors:
        if a.role == "agent":
            return a
    for a in actors:
        if a.role != "target" and a.category not in {"civilian"}:
            return a
    return None


_TERRITORY_KINDS = frozenset({"territory", "enter", "transfer"})
_BUILDING_REACH = 4  # words between a control word and the building it names


def _building_held(view: SentenceView, hit: TriggerHit) -> bool:
    """Arabic control of a building ("استعادة السيطرة على المقر", "دخول المخازن بعد انسحاب
    القوات"): a store or office changing hands is no territory in ACLED's sense."""
    if hit.entry.lang != "ar":
        return False
    clause = view.clause_of(hit.start)
    return any(
        clause[0] <= c.start < clause[1] and -_BUILDING_REACH <= c.word - hit.word <= _BUILDING_REACH
        for c in view.cues_of("building")
    )


def _has_kind(view: SentenceView, kinds: frozenset[str] | set[str]) -> bool:
    return any(t.entry.kind in kinds for t in view.triggers)


def type_trigger(
    view: SentenceView,
    hit: TriggerHit,
    actors: Sequence[ActorRef] = (),
    killed: bool = False,
) -> EventType | None:
    """The ACLED (type, sub-type) this trigger reports in its sentence, or None."""
    entry = hit.entry
    kind = entry.kind
    default: EventType = (entry.event_type, entry.sub_event_type)
    agent = agent_of(actors)
    if kind == "clash":
        return default
    if kind in _TERRITORY_KINDS and _building_held(view, hit):
        return None
    if kind == "attack":
        if view.has_cue("exchange"):
            return ("Battles", "Armed clash")  # "تبادلوا إطلاق النار", "exchanged fire"
        if view.has_cue("suicide"):
            return ("Explosions/Remote violence", "Suicide bomb")
        if _has_kind(view, EXPLOSIVE_KINDS):
            return None  # the weapon's own trigger types the event
        if view.has_cue("air") and view.has_cue("projectile"):
            return ("Explosions/Remote violence", "Air/drone strike")
        if victim_class(view, hit, actors) in {"civilian", "prisoner", "site"}:
            return ("Violence against civilians", "Attack")
        return ("Battles", "Armed clash")
    if kind in {"kill", "assassinate"}:
        victim = victim_class(view, hit, actors)
        if victim == "prisoner":
            return ("Violence against civilians", "Attack")  # killing captives or the surrendering
        if victim == "armed" and not (agent is not None and agent.category == "state" and kind == "assassinate"):
            return ("Battles", "Armed clash")
        if kind == "kill" and _has_kind(view, {"protest", "protesters"}):
            return ("Protests", "Excessive force against protesters")
        return ("Violence against civilians", "Attack")
    if kind == "blast":
        clause = view.clause_of(hit.start)
        if any(c.cue == "accident" and clause[0] <= c.start < clause[1] for c in view.cues):
            return None  # a fuel tank or gas cylinder exploding is no attack
    if kind in {"ied", "suicide", "blast"}:
        if view.has_cue("suicide"):
            return ("Explosions/Remote violence", "Suicide bomb")
        return default
    if kind == "shelling":
        clause = view.clause_of(hit.start)
        if any(c.cue == "air" and clause[0] <= c.start < clause[1] for c in view.cues):
            return ("Explosions/Remote violence", "Air/drone strike")
        return default
    if kind == "arrest":
        if _has_kind(view, {"abduct"}):
            # "احتجزوا أربعة رهائن", "اختطاف واحتجاز": detention beside a hostage or
            # kidnapping word is the abduction itself.
            return ("Violence against civilians", "Abduction/forced disappearance")
        # Arrest words by a named authority (state, or a de facto one such as the SDF) stay
        # arrests; unidentified gunmen "detaining" someone abduct them.
        # The gunmen must be in the arrest's own clause: a bomber named further on ("قادت إلى
        # إيقاف مشتبه به ...، والتعرف على هوية الانتحاري") is the suspect's deed.
        clause = view.clause_of(hit.start)
        own = view.original(*clause)
        unidentified = (
            agent is not None and (agent.name or "").startswith("Unidentified")
            and (hit.entry.lang != "ar" or own.overlaps(agent.mention.span))
        )
        gunmen = any(
            hit.entry.lang != "ar" or clause[0] <= c.start < clause[1] for c in view.cues_of("perpetrator")
        )
        if unidentified or (agent is None and gunmen):
            return ("Violence against civilians", "Abduction/forced disappearance")
        return default
    if kind in {"protest", "protesters"}:
        if view.has_cue("violent") or _has_kind(view, {"riot"}):
            return ("Riots", "Violent demonstration")
        if killed and _has_kind(view, {"kill"}):
            return ("Protests", "Excessive force against protesters")
        if view.has_cue("intervention") or view.has_cue("lethal"):
            return ("Protests", "Protest with intervention")
        return default
    if kind == "burn":
        mob = entry.lang == "ar" and not _has_kind(view, {"protest", "protesters"}) and not any(
            a.category == "protester" for a in actors
        )
        if mob and any(a.category == "rioter" for a in actors):
            # "قامت مجموعة من الشبان الغاضبين بإحراق منزل ...": an angry crowd with no demonstration.
            return ("Riots", "Mob violence")
        if _has_kind(view, {"protest", "protesters"}) or any(a.category in {"protester", "rioter"} for a in actors):
            return ("Riots", "Violent demonstration")
        if (agent is not None and agent.category in {"armed", "state"}) or view.has_cue("armed") or view.has_cue("perpetrator"):
            return ("Strategic developments", "Looting/property destruction")
        return ("Riots", "Mob violence")
    if kind == "territory":
        if view.has_cue("no_fight") or (
            _has_kind(view, {"transfer"}) and not _has_kind(view, {"clash", "attack"})
        ):  # taken "after the rebels withdrew", with no fighting reported
            return ("Strategic developments", "Non-violent transfer of territory")
        if agent is not None:
            if agent.category == "state":
                return ("Battles", "Government regains territory")
            return ("Battles", "Non-state actor overtakes territory")
        return default
    if kind == "enter":
        if agent is None:
            return None
        if view.has_cue("no_fight") or not _has_kind(view, {"clash", "attack"}):
            return ("Strategic developments", "Non-violent transfer of territory")
        return None
    if kind == "transfer":
        if _has_kind(view, {"clash", "attack"}):
            return None  # a withdrawal forced in a fight is part of the battle
        return default if agent is not None else None
    if kind == "seize_weapons":
        return default if view.has_cue("weapon") else None
    if kind == "intercept":
        return default if view.has_cue("projectile") else None
    return default
