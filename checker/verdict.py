"""Combine NLI scores of both directions and the claims' signals into a verdict with reasons.

Rules, in order:

* contradiction is symmetric, so NLI must see it in *both* directions: the weaker direction's
  contradiction probability must reach ``contradiction_threshold``. One-sided "contradiction"
  is the usual drift of small NLI models on unrelated pairs and is not trusted;
* between claims about the same event (``same_event_z`` similar, or paired through a
  paragraph: for a certainty conflict, the doubting claim's paragraph), a number mismatch or a
  certainty conflict (asserted/reported vs unconfirmed/denied) is a contradiction even where
  NLI says neutral or entailment;
* agreement needs entailment in *either* direction (one claim implies the other), or a
  near-paraphrase by embedding (``paraphrase_z``) that NLI does not contradict;
* everything else is neutral.

Claims about different times are probably different events: contradiction confidence is
multiplied by ``time_penalty`` and the reasons say so.
"""

from __future__ import annotations

from checker.config import Config
from checker.records import ClaimSignals, NliScores, Pair, PairSignals, Verdict
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
    entailment = max(forward.entailment, backward.entailment)
    if contradiction >= config.contradiction_threshold and contradiction > entailment:
        return CONTRADICTION, contradiction, [f"both directions contradict (≥ {contradiction:.2f})"]
    if entailment >= config.entailment_threshold and contradiction < entailment:
        direction = "a entails b" if forward.entailment >= backward.entailment else "b entails a"
        return AGREEMENT, entailment, [f"{direction} ({entailment:.2f})"]
    if pair.z >= config.paraphrase_z and contradiction < config.contradiction_threshold:
        confidence = 1.0 - max(forward.contradiction, backward.contradiction)
        return (
            AGREEMENT,
            confidence,
            [
                f"near-paraphrase: similarity {pair.similarity:.2f} is {pair.z:.1f}σ above the "
                "cross-article baseline and NLI finds no contradiction"
            ],
        )
    reasons = []
    if max(forward.contradiction, backward.contradiction) >= config.contradiction_threshold:
        reasons.append("NLI contradiction in one direction only: not trusted")
    return NEUTRAL, (forward.neutral + backward.neutral) / 2, reasons


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
) -> Verdict:
    """The verdict for one pair; ``forward`` is a→b (a as premise), ``backward`` b→a."""
    signals_a = signals_a or ClaimSignals()
    signals_b = signals_b or ClaimSignals()
    found: PairSignals = compare(signals_a, signals_b)
    label, confidence, why = _nli_label(pair, forward, backward, config)
    reasons = [f"NLI a→b {_fmt(forward)}; b→a {_fmt(backward)}"]
    timely = not found.time_conflict
    similar = timely and pair.z >= config.same_event_z
    # (reason, about the same event?, confidence when it makes the contradiction)
    overrides: list[tuple[str, bool, float]] = []
    if found.number_mismatches:
        paired_by_paragraph = any(c.startswith("paragraph") for c in pair.found_by)
        overrides.append(
            (
                "number mismatch: " + "; ".join(found.number_mismatches),
                similar or (timely and paired_by_paragraph),
                config.number_mismatch_confidence,
            )
        )
    if found.certainty_conflict:
        # What a doubt is about is told by the doubting claim's paragraph, so that paragraph
        # (not the other one) must be what matched, unless the sentences are this similar.
        doubting = "a" if signals_a.certainty in DOUBTED else "b"
        overrides.append(
            (
                f"certainty conflict: {found.certainty_conflict}",
                similar or (timely and f"paragraph of {doubting}" in pair.found_by),
                config.certainty_conflict_confidence,
            )
        )
    for reason, same_event, strength in overrides:
        if same_event and label != CONTRADICTION:
            why = _overruled(label, why)
            label, confidence = CONTRADICTION, strength
        reasons.append(reason if same_event else f"{reason} (maybe different events)")
    reasons.extend(why)
    if found.time_conflict:
        reasons.append(f"different times: {found.time_conflict}; probably different events")
        if label == CONTRADICTION:
            confidence *= config.time_penalty
    if found.speakers:
        reasons.append(found.speakers)
    if "neighbours" not in pair.found_by:
        reasons.append(f"paired through the {pair.found_by[0]} (same event), not similarity")
    return Verdict(
        pair=pair,
        label=label,
        confidence=round(float(confidence), 4),
        forward=forward,
        backward=backward,
        reasons=tuple(reasons),
        signals_a=signals_a,
        signals_b=signals_b,
    )
