"""Combine NLI scores of both directions, the claims' values and signals into a verdict.

Rules, in order:

* every pair carries a ``same_event`` score (``evidence.py``); no contradiction of any kind is
  flagged below ``same_event_min``, and one resting on NLI alone needs ``same_event_min_nli``;
* values of the same thing that cannot both be true (numbers, money, dates: "Paketbomben:
  12 vs at least 14"), a different name in the same slot, or a certainty conflict about the
  same statement (asserted/reported vs unconfirmed/denied) make a contradiction of that
  ``kind``, even where NLI says neutral or entailment;
* an NLI contradiction must be seen in *both* directions (the weaker reaching
  ``contradiction_threshold``): one-sided "contradiction" is the usual drift of small NLI models;
* agreement needs entailment in either direction, a near-paraphrase by embedding
  (``paraphrase_z``), or the same value of the same thing on both sides of a same-event pair
  (``value_agreement_confidence``), and never stands against a strong contradiction in either
  direction;
* everything else is neutral.
"""
from __future__ import annotations

from checker.config import Config
from checker.evidence import ClaimFacts, Evidence, pair_evidence
from checker.records import (
    Channel,
    ClaimSignals,
    Conflict,
    NliScores,
    Pair,
    PairSignals,
    Verdict,
)
from checker.signals import DOUBTED, compare

AGREEMENT = "agreement"
CONTRADICTION = "contradiction"
NEUTRAL = "neutral"


def _fmt(scores: NliScores) -> str:
    return (
        f"ent {scores.entailment:.2f} / neu {scores.neutral:.2f} / con {scores.contradiction:.2f}"
    )


def _nli_label(
    pair: Pair, forward: NliScores, backward: NliScores, config: Config
) -> tuple[str, float, list[str]]:
    contradiction = min(forward.contradiction, backward.contradiction)
    strongest_contradiction = max(forward.contradiction, backward.contradiction)
    entailment = max(forward.entailment, backward.entailment)
    if contradiction >= config.contradiction_threshold and contradiction > entailment:
        return CONTRADICTION, contradiction, [f"both directions contradict (≥ {contradiction:.2f})"]
    # A strong contradiction in one direction is never overridden by entailment or a
    # near-paraphrase in the other ("shall convene" vs "shall not convene … in person").
    one_way = strongest_contradiction >= config.contradiction_threshold
    if entailment >= config.entailment_threshold and contradiction < entailment and not one_way:
        direction = "a entails b" if forward.entailment >= backward.entailment else "b entails a"
        return AGREEMENT, entailment, [f"{direction} ({entailment:.2f})"]
    if pair.z >= config.paraphrase_z and not one_way:
        confidence = 1.0 - strongest_contradiction
        return (
            AGREEMENT,
            confidence,
            [
                f"near-paraphrase: similarity {pair.similarity:.2f} is {pair.z:.1f}σ above the "
                "story's baseline and NLI finds no contradiction"
            ],
        )
    reasons = []
    if one_way:
        reasons.append("NLI contradiction in one direction only: not trusted")
    return NEUTRAL, (forward.neutral + backward.neutral) / 2, reasons


def one_way(forward: NliScores, backward: NliScores, config: Config) -> bool:
    """A strong contradiction in at least one direction."""
    return max(forward.contradiction, backward.contradiction) >= config.contradiction_threshold


def _overruled(label: str, why: list[str]) -> list[str]:
    """Keep what NLI alone concluded visible when a signal overrules it."""
    return [f"NLI alone: {label}" + (f" ({'; '.join(why)})" if why else "")]


def decide(
    pair: Pair,
    forward: NliScores,
    backward: NliScores,
    config: Config,
    signals_a: ClaimSignals | None = None,
    signals_b: ClaimSignals | None = None,
    evidence: Evidence | None = None,
) -> Verdict:
    """The verdict for one pair; ``forward`` is a→b (a as premise), ``backward`` b→a.

    Without ``evidence`` (no values or names read) the pair's similarity alone is its
    same-event evidence.
    """
    signals_a = signals_a or ClaimSignals()
    signals_b = signals_b or ClaimSignals()
    if evidence is None:
        evidence = pair_evidence(
            pair, ClaimFacts(), ClaimFacts(), lambda x, y: 0.0, config.same_event_z
        )
    found: PairSignals = compare(signals_a, signals_b)
    label, confidence, why = _nli_label(pair, forward, backward, config)
    kind = "nli" if label == CONTRADICTION else ""
    candidate = "nli" if label == CONTRADICTION and pair.z >= config.same_event_z else ""
    reasons = [f"NLI a→b {_fmt(forward)}; b→a {_fmt(backward)}"]
    same_event = evidence.same_event
    event = f"same event {same_event:.2f} ({'; '.join(evidence.reasons)})"
    gate = config.same_event_min
    # (kind, reason, confidence) of each signal that can make a contradiction
    overrides: list[tuple[str, str, float]] = [
        (c.kind, f"{c.kind} conflict: {c.text}", config.value_conflict_confidence)
        for c in evidence.conflicts
    ]
    if found.certainty_conflict:
        # What a doubt is about is told by the doubting claim's own paragraph, or the two
        # sentences are this similar: then the doubt is about what the other asserts.
        doubting = (
            Channel.PARAGRAPH_A if signals_a.certainty in DOUBTED else Channel.PARAGRAPH_B
        )
        about_it = pair.z >= config.same_event_z or doubting in pair.found_by
        if about_it:
            overrides.append(
                (
                    "certainty",
                    f"certainty conflict: {found.certainty_conflict}",
                    config.certainty_conflict_confidence,
                )
            )
        else:
            reasons.append(
                f"certainty differs ({found.certainty_conflict}) but the doubt is not about "
                "the same statement"
            )
    conflicts: tuple[Conflict, ...] = ()
    if overrides:
        candidate = overrides[0][0]
    if overrides and same_event >= gate:
        conflicts = evidence.conflicts
        if label != CONTRADICTION:
            why = _overruled(label, why)
        kind, _, strength = overrides[0]
        label, confidence = CONTRADICTION, max(strength, confidence if kind == "nli" else 0)
        reasons += [r for _, r, _ in overrides]
    else:
        # no signal makes the contradiction: say which were below the gate, and an NLI
        # contradiction stands on NLI alone, so it must pass NLI's own gate
        reasons += [f"{r} (same event only {same_event:.2f} < {gate}: not flagged)"
                    for _, r, _ in overrides]
        if label == CONTRADICTION and (
            same_event < config.same_event_min_nli or pair.z < config.same_event_z
        ):
            # NLI alone: the claims themselves must be close, whatever else links them
            why = [
                *_overruled(label, why),
                f"NLI alone needs same event ≥ {config.same_event_min_nli} and similarity ≥ "
                f"{config.same_event_z}σ: not flagged",
            ]
            label, kind = NEUTRAL, ""
            confidence = (forward.neutral + backward.neutral) / 2
        elif (
            label == NEUTRAL
            and not overrides
            and evidence.same_values
            and same_event >= gate
            and not one_way(forward, backward, config)
        ):
            # the same value of the same thing, told alike: an agreement NLI may miss
            why = [*_overruled(label, why), "same value of the same thing: "
                   + "; ".join(evidence.same_values)]
            label, confidence = AGREEMENT, same_event * config.value_agreement_confidence
    reasons.append(event)
    reasons.extend(why)
    if found.time_conflict and kind in ("nli", "certainty"):
        reasons.append(f"different times: {found.time_conflict}; probably different events")
        confidence *= config.time_penalty
    if found.speakers:
        reasons.append(found.speakers)
    if Channel.NEIGHBOURS not in pair.found_by:
        reasons.append(
            f"paired through the {pair.found_by[0].label} (same event), not similarity"
        )
    return Verdict(
        pair=pair,
        label=label,
        confidence=round(float(confidence), 4),
        forward=forward,
        backward=backward,
        reasons=tuple(reasons),
        signals_a=signals_a,
        signals_b=signals_b,
        kind=kind if label == CONTRADICTION else "",
        same_event=same_event,
        conflicts=conflicts,
        candidate=candidate,
    )
