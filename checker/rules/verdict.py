"""The verdict of one pair: an ordered table of small named rules; the first that applies decides.

What every rule reads is computed once (:class:`Case`): NLI's own reading of both directions,
the conflicts the pair's evidence carries (values, names, certainty), its ``same_event`` score
and whether that passes the one gate (:func:`passes_gate`, which ``calibrate`` uses too). The
rules, in order (:data:`RULES`):

1. ``conflict`` — values of the same thing that cannot both be true, a different name in the
   same slot, or a certainty conflict about the same statement, on a pair that passes the gate:
   a contradiction of that kind, even where NLI says neutral or entailment;
2. ``conflict_held_back`` — the same below the gate: neutral, with the conflict and the gate
   in the reasons. Never an agreement: a row never says "agree" next to "12 vs 14 dead";
3. ``nli_alone_too_far`` — an NLI contradiction alone needs ``same_event_min_nli`` and claims
   ``same_event_z`` similar, because small NLI models call unrelated sentences contradictory;
4. ``different_times`` — an NLI contradiction between claims about different times is two
   events, not one disputed: neutral (the reason says so, and the row never flags it);
5. ``two_quotations`` — an NLI contradiction between two quotations reads what was said on
   two occasions (or two parts of one speech) as clashing: neutral, said so. A value, name or
   certainty conflict inside quotations still decides (rule 1);
6. ``nli_contradiction`` — both directions contradict (:func:`nli_reading`);
7. ``same_value`` — the same value of the same thing on both sides of a same-event pair: an
   agreement NLI may miss;
8. ``agreement_needs_same_event`` — an agreement (entailment or near-paraphrase) needs the same
   gate as a contradiction: two sentences about a story's topic do not confirm each other;
9. ``values_differ`` — nor does it stand on values measured alike that differ ("21-year
   veteran" vs "22 anni di carriera"), even where their frames were not matched;
10. ``count_on_one_side`` — nor does a near-paraphrase (similarity, no entailment) vouch for a
    count one side states of what the other tells of with no count ("Six people were injured"
    vs "the gunman injured a senator, two guards and an aide"): similarity is blind to how many;
11. ``nli_agreement`` and ``neutral`` — NLI's own reading, where the model reads both claims'
    languages (``reading.py``); elsewhere neutral, said so.

A rule returns an :class:`Outcome` (label, kind, confidence, its reasons) or None. The reasons
a row always shows — NLI per direction, the conflicts, the same-event evidence, speakers, how the
pair was found — are added around the deciding rule's own, so no label contradicts its reasons.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from checker.config import Config
from checker.records import (
    Channel,
    ClaimSignals,
    Conflict,
    ConflictKind,
    Label,
    NliScores,
    Pair,
    PairSignals,
    Verdict,
    paragraph_is_sentence,
)
from checker.rules.evidence import ClaimFacts, Evidence, pair_evidence
from checker.rules.signals import DOUBTED, compare, quotes

AGREEMENT = Label.AGREEMENT
CONTRADICTION = Label.CONTRADICTION
NEUTRAL = Label.NEUTRAL
NLI = ConflictKind.NLI
CERTAINTY = ConflictKind.CERTAINTY
NEGATION = ConflictKind.NEGATION
ATTRIBUTION = ConflictKind.ATTRIBUTION


def _fmt(scores: NliScores) -> str:
    return (
        f"ent {scores.entailment:.2f} / neu {scores.neutral:.2f} / con {scores.contradiction:.2f}"
    )


def one_way(forward: NliScores, backward: NliScores, config: Config) -> bool:
    """A strong contradiction in at least one direction."""
    return max(forward.contradiction, backward.contradiction) >= config.contradiction_threshold


def nli_reading(
    pair: Pair, forward: NliScores, backward: NliScores, config: Config, unread: str = ""
) -> tuple[Label, float, tuple[str, ...]]:
    """What NLI alone (with the pair's similarity for near-paraphrases) says, and why.

    A contradiction must be seen in *both* directions (the weaker reaching
    ``contradiction_threshold``): one-sided "contradiction" is the usual drift of small NLI
    models. Agreement needs entailment in either direction or a near-paraphrase by embedding
    (``paraphrase_z``), and never stands against a strong contradiction in either direction
    ("shall convene" vs "shall not convene … in person"). Where the model does not read a
    claim's language (``unread``, from ``reading.Reading``) its answer is a guess: neutral, said
    so; a near-paraphrase then has no reader to find its contradiction either.
    """
    if unread:
        return NEUTRAL, (forward.neutral + backward.neutral) / 2, (unread,)
    strongest = max(forward.contradiction, backward.contradiction)
    contradiction = _contradiction(pair, forward, backward, config.contradiction_direction)
    entailment = max(forward.entailment, backward.entailment)
    if contradiction >= config.contradiction_threshold and contradiction > entailment:
        why = (f"both directions contradict (≥ {contradiction:.2f})",)
        return CONTRADICTION, contradiction, why
    strong_one_way = strongest >= config.contradiction_threshold
    if entailment >= config.entailment_threshold and contradiction < entailment and not (
        strong_one_way
    ):
        direction = "a entails b" if forward.entailment >= backward.entailment else "b entails a"
        return AGREEMENT, entailment, (f"{direction} ({entailment:.2f})",)
    if pair.z >= config.paraphrase_z and not strong_one_way:
        return AGREEMENT, 1.0 - strongest, (
            f"near-paraphrase: similarity {pair.similarity:.2f} is {pair.z:.1f}σ above the "
            "story's baseline and NLI finds no contradiction",
        )
    why = ("NLI contradiction in one direction only: not trusted",) if strong_one_way else ()
    return NEUTRAL, (forward.neutral + backward.neutral) / 2, why


def _contradiction(pair: Pair, forward: NliScores, backward: NliScores, direction: str) -> float:
    """The contradiction score NLI's reading rests on (``contradiction_direction``): the weaker
    of both directions ("both"), the direction whose premise is the longer claim ("premise":
    NLI models are trained on a premise at least as long as its hypothesis), or the stronger
    ("either")."""
    if direction == "either":
        return max(forward.contradiction, backward.contradiction)
    if direction == "premise":
        return (
            forward.contradiction
            if len(pair.a.text) >= len(pair.b.text)
            else backward.contradiction
        )
    return min(forward.contradiction, backward.contradiction)


def gate_setting(kind: str) -> str:
    """The setting whose level a verdict resting on ``kind`` must reach (``calibrate`` fits the
    contradiction gates): NLI alone has its own, higher gate; every signal-backed kind shares
    one; an agreement from NLI or a near-paraphrase has its own."""
    if kind == NLI:
        return "same_event_min_nli"
    return "same_event_min_agreement" if kind == AGREEMENT else "same_event_min"


def passes_gate(kind: str, same_event: float, config: Config) -> bool:
    """Whether a pair is enough the same event for a verdict resting on ``kind``."""
    return same_event >= getattr(config, gate_setting(kind))


@dataclass(frozen=True)
class Signal:
    """One conflict that can make a contradiction: its kind, words and strength."""

    kind: str
    reason: str
    confidence: float


@dataclass(frozen=True)
class Case:
    """Everything the rules read about one pair, computed once."""

    pair: Pair
    forward: NliScores
    backward: NliScores
    config: Config
    evidence: Evidence
    signals: PairSignals
    nli: Label
    nli_confidence: float
    nli_why: tuple[str, ...]
    conflicts: tuple[Signal, ...]  # value, name and certainty conflicts, in that order
    notes: tuple[str, ...]  # what was seen and set aside ("the doubt is not about …")

    @property
    def same_event(self) -> float:
        return self.evidence.same_event

    @property
    def gate(self) -> float:
        return self.config.same_event_min

    @property
    def by_similarity(self) -> bool:
        """NLI's agreement rests on the claims' similarity alone (``nli_reading``'s
        near-paraphrase), not on entailment in either direction."""
        entailment = max(self.forward.entailment, self.backward.entailment)
        return self.nli == AGREEMENT and entailment < self.config.entailment_threshold

    def passes(self, kind: str) -> bool:
        return passes_gate(kind, self.same_event, self.config)

    def nli_alone(self, label: Label) -> tuple[str, ...]:
        """NLI's own conclusion, kept visible when a rule decides otherwise."""
        return (f"NLI alone: {label}" + (f" ({'; '.join(self.nli_why)})" if self.nli_why else ""),)


@dataclass(frozen=True)
class Outcome:
    """What the deciding rule says: label, kind, confidence and its own reasons."""

    label: Label
    confidence: float
    kind: str = ""
    reasons: tuple[str, ...] = ()  # after the same-event line
    lead: tuple[str, ...] = ()  # before it: the conflicts the label rests on or held back


Rule = Callable[[Case], "Outcome | None"]


def conflict(case: Case) -> Outcome | None:
    if not case.conflicts or not case.passes(case.conflicts[0].kind):
        return None
    first = case.conflicts[0]
    why = case.nli_why if case.nli == CONTRADICTION else case.nli_alone(case.nli)
    confidence = first.confidence
    if first.kind == CERTAINTY and case.signals.time_conflict:
        # a doubt told at another time may still be about the same statement ("denied on
        # Tuesday that they spoke on Monday"): shown, with less confidence
        confidence *= case.config.time_penalty
        why = (*why, f"different times: {case.signals.time_conflict}; confidence lowered")
    return Outcome(
        CONTRADICTION, confidence, first.kind, why, tuple(c.reason for c in case.conflicts)
    )


def conflict_held_back(case: Case) -> Outcome | None:
    if not case.conflicts:
        return None
    held = _held(case)
    why = case.nli_alone(case.nli) if case.nli != NEUTRAL else case.nli_why
    if case.nli == CONTRADICTION and case.passes(NLI) and case.pair.z >= case.config.same_event_z:
        return None  # NLI alone may still decide (rule nli_contradiction), the conflict shown
    return Outcome(NEUTRAL, _neutral(case), "", why, held)


def nli_alone_too_far(case: Case) -> Outcome | None:
    if case.nli != CONTRADICTION or (case.passes(NLI) and case.pair.z >= case.config.same_event_z):
        return None
    why = (
        *case.nli_alone(case.nli),
        f"NLI alone needs same event ≥ {case.config.same_event_min_nli} and similarity ≥ "
        f"{case.config.same_event_z}σ: not flagged",
    )
    return Outcome(NEUTRAL, _neutral(case), "", why, _held(case))


def different_times(case: Case) -> Outcome | None:
    if case.nli != CONTRADICTION or not case.signals.time_conflict:
        return None
    why = (
        *case.nli_alone(case.nli),
        f"different times: {case.signals.time_conflict}; probably different events: not flagged",
    )
    return Outcome(NEUTRAL, _neutral(case), "", why, _held(case))


def two_quotations(case: Case) -> Outcome | None:
    if case.nli != CONTRADICTION or not (quotes(case.pair.a.text) and quotes(case.pair.b.text)):
        return None
    why = (
        *case.nli_alone(case.nli),
        "both claims quote what was said: NLI alone reads two sayings as clashing, not a "
        "disagreement on what happened: not flagged",
    )
    return Outcome(NEUTRAL, _neutral(case), "", why, _held(case))


def nli_contradiction(case: Case) -> Outcome | None:
    if case.nli != CONTRADICTION:
        return None
    return Outcome(CONTRADICTION, case.nli_confidence, NLI, case.nli_why, _held(case))


def same_value(case: Case) -> Outcome | None:
    if (
        case.nli != NEUTRAL
        or not case.evidence.same_values
        or not case.passes("value")
        or one_way(case.forward, case.backward, case.config)
    ):
        return None
    why = (
        *case.nli_alone(case.nli),
        "same value of the same thing: " + "; ".join(case.evidence.same_values),
    )
    if case.evidence.clashing:  # one value alike, the day or the person not: no agreement
        why = (*why, "but " + "; ".join(case.evidence.clashing) + ": not shown as agreement")
        return Outcome(NEUTRAL, _neutral(case), "", why)
    confidence = case.same_event * case.config.value_agreement_confidence
    return Outcome(AGREEMENT, confidence, "", why)


def agreement_needs_same_event(case: Case) -> Outcome | None:
    if case.nli != AGREEMENT or case.passes(AGREEMENT):
        return None
    why = (
        *case.nli_alone(case.nli),
        f"agreement needs same event ≥ {case.config.same_event_min_agreement}: not shown as "
        "agreement",
    )
    return Outcome(NEUTRAL, _neutral(case), "", why)


def values_differ(case: Case) -> Outcome | None:
    if case.nli != AGREEMENT or not case.evidence.differing:
        return None
    why = (
        *case.nli_alone(case.nli),
        "values differ: " + "; ".join(case.evidence.differing) + ": not shown as agreement",
    )
    return Outcome(NEUTRAL, _neutral(case), "", why)


def count_on_one_side(case: Case) -> Outcome | None:
    if not (case.by_similarity and case.evidence.uncounted):
        return None
    why = (
        *case.nli_alone(case.nli),
        "; ".join(case.evidence.uncounted)
        + ", the other tells of it with no count: a near-paraphrase does not vouch for it, "
        "not shown as agreement",
    )
    return Outcome(NEUTRAL, _neutral(case), "", why)


def nli_agreement(case: Case) -> Outcome | None:
    if case.nli != AGREEMENT:
        return None
    return Outcome(AGREEMENT, case.nli_confidence, "", case.nli_why)


def neutral(case: Case) -> Outcome:
    return Outcome(NEUTRAL, case.nli_confidence, "", case.nli_why)


RULES: tuple[Rule, ...] = (
    conflict,
    conflict_held_back,
    nli_alone_too_far,
    different_times,
    two_quotations,
    nli_contradiction,
    same_value,
    agreement_needs_same_event,
    values_differ,
    count_on_one_side,
    nli_agreement,
    neutral,
)


def _neutral(case: Case) -> float:
    return (case.forward.neutral + case.backward.neutral) / 2


def _held(case: Case) -> tuple[str, ...]:
    """Conflicts below the gate, named on a row that another rule decided."""
    return tuple(
        f"{c.reason} (same event only {case.same_event:.2f} < {case.gate}: not flagged)"
        for c in case.conflicts
    )


def _signals(
    pair: Pair,
    evidence: Evidence,
    found: PairSignals,
    signals_a: ClaimSignals,
    config: Config,
) -> tuple[tuple[Signal, ...], tuple[str, ...]]:
    """The conflicts that can make a contradiction, and what was seen and set aside."""
    conflicts = [
        Signal(c.kind, f"{c.kind} conflict: {c.text}", config.value_conflict_confidence)
        for c in evidence.conflicts
    ]
    notes: list[str] = []
    if found.certainty_conflict:
        # What a doubt is about is told by the doubting claim's own paragraph, or the two
        # sentences are this similar: then the doubt is about what the other asserts. A
        # paragraph that is the sentence alone tells no more than the sentence: its best match
        # is any claim on the same topic ("denied that a ferry sank near the harbour" chose
        # "dock workers were hurt at the harbour").
        in_a = signals_a.certainty in DOUBTED
        doubting = Channel.PARAGRAPH_A if in_a else Channel.PARAGRAPH_B
        told = doubting in pair.found_by and not paragraph_is_sentence(pair.a if in_a else pair.b)
        # an open question doubted ("could not confirm whether the fire was set") meets only a
        # claim that answers it: the question and that claim frame_z σ alike, like two values'
        # frames, however alike the sentences are as a whole (both tell of the fire)
        asked = evidence.doubt_z
        if asked is not None and asked < config.frame_z:
            notes.append(
                f"certainty differs ({found.certainty_conflict}) but the doubt is an open "
                f"question about something else ({asked:.1f}σ < {config.frame_z})"
            )
        elif pair.z >= config.same_event_z or told or (
            # the statement doubted ("reports that a ferry sank near the harbour") is what the
            # other asserts, as alike as two values' frames of one thing
            evidence.doubted_z is not None and evidence.doubted_z >= config.frame_z
        ):
            conflicts.append(
                Signal(
                    CERTAINTY,
                    f"certainty conflict: {found.certainty_conflict}",
                    config.certainty_conflict_confidence,
                )
            )
        else:
            notes.append(
                f"certainty differs ({found.certainty_conflict}) but the doubt is not about "
                "the same statement"
            )
    said = evidence.saying_z
    if said is not None and said >= config.saying_z and found.speakers:
        # one quotation given to two people: who said it is what the outlets disagree on
        conflicts.append(
            Signal(
                ATTRIBUTION,
                f"attribution conflict: one quotation ({said:.1f}σ alike), {found.speakers}",
                config.value_conflict_confidence,
            )
        )
    if evidence.negated:
        # one proposition and its denial in the same words: after a certainty conflict, which
        # says more ("did not confirm" is a doubt, not only a "not")
        conflicts.append(
            Signal(
                NEGATION,
                f"negation: the same words, {evidence.negated}",
                config.certainty_conflict_confidence,
            )
        )
    return tuple(conflicts), tuple(notes)


def decide(
    pair: Pair,
    forward: NliScores,
    backward: NliScores,
    config: Config,
    signals_a: ClaimSignals | None = None,
    signals_b: ClaimSignals | None = None,
    evidence: Evidence | None = None,
    unread: str = "",
) -> Verdict:
    """The verdict for one pair; ``forward`` is a→b (a as premise), ``backward`` b→a.

    Without ``evidence`` (no values or names read) the pair's similarity alone is its
    same-event evidence. ``unread`` says why NLI's reading is not used (a language the model
    does not read, ``reading.Reading.unread``); "" uses it.
    """
    signals_a = signals_a or ClaimSignals()
    signals_b = signals_b or ClaimSignals()
    if evidence is None:
        evidence = pair_evidence(
            pair, ClaimFacts(), ClaimFacts(), lambda x, y: 0.0, config.same_event_z
        )
    found = compare(signals_a, signals_b)
    label, confidence, why = nli_reading(pair, forward, backward, config, unread)
    conflicts, notes = _signals(pair, evidence, found, signals_a, config)
    case = Case(
        pair, forward, backward, config, evidence, found, label, confidence, why, conflicts, notes
    )
    outcome = next(o for rule in RULES if (o := rule(case)) is not None)
    candidate = conflicts[0].kind if conflicts else ""
    if not candidate and label == CONTRADICTION and pair.z >= config.same_event_z:
        candidate = NLI
    event = f"same event {evidence.same_event:.2f} ({'; '.join(evidence.reasons)})"
    reasons = [
        f"NLI a→b {_fmt(forward)}; b→a {_fmt(backward)}",
        *notes,
        *outcome.lead,
        event,
        *outcome.reasons,
    ]
    update, said = _update(pair, outcome, signals_a, signals_b)
    if said:
        reasons.append(said)
    if found.speakers:
        reasons.append(found.speakers)
    if pair.found_by[0] == Channel.MUTUAL:
        reasons.append("paired as each other's best match in their articles, below the floor")
    elif Channel.NEIGHBOURS not in pair.found_by:
        reasons.append(f"paired through the {pair.found_by[0].label} (same event), not similarity")
    flagged = outcome.label == CONTRADICTION
    return Verdict(
        pair=pair,
        label=outcome.label,
        confidence=round(float(outcome.confidence), 4),
        forward=forward,
        backward=backward,
        reasons=tuple(reasons),
        signals_a=signals_a,
        signals_b=signals_b,
        kind=outcome.kind if flagged else "",
        same_event=evidence.same_event,
        conflicts=evidence.conflicts if flagged and outcome.kind != NLI else (),
        candidate=candidate,
        update=update,
    )


# a later report's newer state: a figure, a date, or one thing's state ("is now in stable
# condition")
UPDATE_KINDS = frozenset(
    {ConflictKind.NUMBER, ConflictKind.MONEY, ConflictKind.DATE, ConflictKind.STATE}
)


def _when(published: str) -> datetime.datetime | None:
    """An article's ``published`` as a moment: its time when given, else its day's start."""
    text = published.strip()
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        try:
            moment = datetime.datetime.fromisoformat(text[:10])
        except ValueError:
            return None
    return moment.replace(tzinfo=None) if moment.tzinfo is None else moment.astimezone(
        datetime.UTC
    ).replace(tzinfo=None)


def _span(delta: datetime.timedelta) -> str:
    hours = delta.total_seconds() / 3600
    if hours < 24 and delta.seconds:
        whole = max(1, round(hours))
        return f"{whole} hour{'s' if whole != 1 else ''}"
    days = max(1, round(hours / 24))
    return f"{days} day{'s' if days != 1 else ''}"


def _update(
    pair: Pair, outcome: Outcome, signals_a: ClaimSignals, signals_b: ClaimSignals
) -> tuple[str, str]:
    """``(column, reason)`` when a flagged value conflict is a later report's newer state: the
    articles were published at different times and the later claim says so ("rose to",
    "inzwischen", "ahora"). Still a contradiction, since a desk wants to know which outlets are
    out of date; the reason says "later report" instead of a dispute."""
    if outcome.label != CONTRADICTION or outcome.kind not in UPDATE_KINDS:
        return "", ""
    articles = (pair.a.article, pair.b.article)
    if any(a is None for a in articles):
        return "", ""
    when_a, when_b = (_when(a.published) for a in articles)  # type: ignore[union-attr]
    if when_a is None or when_b is None or when_a == when_b:
        return "", ""
    later, signals = ("b", signals_b) if when_b > when_a else ("a", signals_a)
    if not signals.update_cue:
        return "", ""
    span = _span(abs(when_b - when_a))
    return f"{later} later by {span}", (
        f"later report: {later} was published {span} later and reads as a newer state "
        f"(\u201c{signals.update_cue}\u201d)"
    )


__all__ = [
    "AGREEMENT",
    "CONTRADICTION",
    "NEUTRAL",
    "RULES",
    "Case",
    "Conflict",
    "Outcome",
    "decide",
    "gate_setting",
    "nli_reading",
    "one_way",
    "passes_gate",
]
