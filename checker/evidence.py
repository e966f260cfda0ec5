"""Is a pair about the same event, and do its values of the same thing disagree?

Two claims about a story's topic are not yet two accounts of one event: "Nobody was hurt" and
"No stone will be left unturned" share a story and little else. Every pair therefore gets a
visible ``same_event`` score in [0, 1] with the evidence behind it, and no contradiction of any
kind is flagged below a configured level (``verdict.py``). The evidence:

* similarity: how far the pair stands above its story's baseline (z, from pairing), scaled so
  that ``same_event_z`` σ counts in full;
* shared anchors: the same person named on both sides (``names.same_person``), a value of the
  same counted thing on both sides (equal or not: disagreeing about the death toll is talking
  about the same death toll), and, weighing most, a paragraph that chose the other claim as
  its best match (pairing's paragraph channel).

Values are compared only when they are values of the same thing in the same frame: the counted
phrases ("Paketbomben", "parcel bombs") are compared with the multilingual embedder, not a word
list (the caller passes ``counted_similar``); a part never meets a total
(``values.conflicting``); and when both claims name people but no one in common, their numbers
belong to different subjects (two people's tenures) and are not compared.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from checker import names as person
from checker.names import Name
from checker.records import Pair
from checker.values import Value, conflicting, describe, extract_values

# values.Value.kind -> the report's kind
KINDS = {"money": "money", "date": "date"}
NUMBER = "number"
MAX_ANCHORS = 2  # anchors beyond this add nothing: similarity must carry the rest
ANCHOR_WEIGHT = 0.2
SIMILARITY_WEIGHT = 0.6
PARAGRAPH_WEIGHT = 0.5


@dataclass(frozen=True)
class ClaimFacts:
    """What one claim states that can be compared across outlets: values and person names."""

    values: tuple[Value, ...] = ()
    names: tuple[Name, ...] = ()


@dataclass(frozen=True)
class Conflict:
    kind: str  # number / money / date / name
    text: str  # plain words: "Paketbomben: 12 vs at least 14"


@dataclass(frozen=True)
class Evidence:
    same_event: float
    reasons: tuple[str, ...]  # what the score rests on, for the report
    conflicts: tuple[Conflict, ...] = ()


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def claim_facts(text: str, language: str = "", published: str = "") -> ClaimFacts:
    """Values (relative dates anchored on ``published``) and person names of one claim."""
    return ClaimFacts(
        values=extract_values(text, language, _date(published)),
        names=person.person_names(text, language),
    )


def kind_of(value: Value) -> str:
    return KINDS.get(value.kind, NUMBER)


def _same_thing(
    x: Value, y: Value, counted_similar: Callable[[str, str], bool], similar_claims: bool
) -> bool:
    """Whether two values measure the same thing: same kind and unit, matching counted phrases.

    Dates, tallies and bare amounts count nothing in words; for them the claims themselves
    must be about one happening (``similar_claims``).
    """
    if x.kind != y.kind or (x.kind != "date" and x.unit != y.unit):
        return False
    if x.counted and y.counted:
        return counted_similar(x.counted, y.counted)
    return similar_claims


def _label(x: Value, y: Value) -> str:
    thing = x.counted or y.counted
    words = f"{describe(x)} vs {describe(y)}"
    return f"{thing}: {words}" if thing and thing not in words else words


def pair_evidence(
    pair: Pair,
    a: ClaimFacts,
    b: ClaimFacts,
    counted_similar: Callable[[str, str], bool],
    full_z: float,
) -> Evidence:
    """The same-event score of ``pair`` and the value and name conflicts it carries."""
    # values that count nothing in words (dates, tallies, bare amounts) and names are of the
    # same happening or slot only when the claims themselves are this close
    similar_claims = pair.z >= full_z
    anchors: list[str] = []
    shared_people = [x for x in a.names if any(person.same_person(x, y) for y in b.names)]
    anchors += [f"both name {x.text}" for x in shared_people]
    different_subjects = bool(a.names and b.names and not shared_people)
    conflicts: list[Conflict] = []
    for x in a.values:
        partners = [y for y in b.values if _same_thing(x, y, counted_similar, similar_claims)]
        if not partners:
            continue
        agreeing = [y for y in partners if not conflicting(x, y)]
        if agreeing:
            anchors.append(f"same value: {describe(x)}")
            continue
        if x.counted:  # an uncounted value's match rests on similarity, already counted
            anchors.append(f"same thing counted: {x.counted}")
        if not different_subjects:
            conflicts.append(Conflict(kind_of(x), _label(x, partners[0])))
    for x in a.names if similar_claims else ():
        for y in b.names:
            if person.name_conflict(x, y) and not any(
                person.same_person(x, z) for z in b.names
            ):
                conflicts.append(Conflict("name", f"{x.text} vs {y.text}"))
    similarity = min(1.0, max(0.0, pair.z / full_z)) if full_z > 0 else 1.0
    score = SIMILARITY_WEIGHT * similarity + ANCHOR_WEIGHT * min(len(anchors), MAX_ANCHORS)
    if any(c.startswith("paragraph") for c in pair.found_by):
        # a claim's whole paragraph chose the other claim as its best match: strong evidence
        anchors.append("paragraph matched")
        score += PARAGRAPH_WEIGHT
    reasons = (f"similarity {pair.z:.1f}σ", *dict.fromkeys(anchors))
    return Evidence(round(min(1.0, score), 3), reasons, tuple(dict.fromkeys(conflicts)))


def counted_phrases(facts: Sequence[ClaimFacts]) -> list[str]:
    """Every distinct counted phrase, to embed once for ``counted_similar``."""
    return list(dict.fromkeys(v.counted for f in facts for v in f.values if v.counted))
