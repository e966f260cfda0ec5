"""Combine NLI scores of both directions (and later, signals) into a verdict with reasons.

Rules, in order:

* contradiction is symmetric, so it needs *both* directions: the weaker direction's
  contradiction probability must reach ``contradiction_threshold``. One-sided "contradiction"
  is the usual drift of small NLI models on unrelated pairs and is not trusted;
* agreement needs entailment in *either* direction (one claim implies the other), or a
  near-paraphrase by embedding (``paraphrase_z``) that NLI does not contradict;
* everything else is neutral.
"""

from __future__ import annotations

from checker.config import Config
from checker.records import NliScores, Pair, Verdict

AGREEMENT = "agreement"
CONTRADICTION = "contradiction"
NEUTRAL = "neutral"


def _fmt(scores: NliScores) -> str:
    return (
        f"ent {scores.entailment:.2f} / neu {scores.neutral:.2f} / con {scores.contradiction:.2f}"
    )


def decide(pair: Pair, forward: NliScores, backward: NliScores, config: Config) -> Verdict:
    """The verdict for one pair; ``forward`` is a→b (a as premise), ``backward`` b→a."""
    contradiction = min(forward.contradiction, backward.contradiction)
    entailment = max(forward.entailment, backward.entailment)
    reasons = [f"NLI a→b {_fmt(forward)}; b→a {_fmt(backward)}"]
    if contradiction >= config.contradiction_threshold and contradiction > entailment:
        label, confidence = CONTRADICTION, contradiction
        reasons.append(f"both directions contradict (≥ {contradiction:.2f})")
    elif entailment >= config.entailment_threshold and contradiction < entailment:
        label, confidence = AGREEMENT, entailment
        direction = "a entails b" if forward.entailment >= backward.entailment else "b entails a"
        reasons.append(f"{direction} ({entailment:.2f})")
    elif pair.z >= config.paraphrase_z and contradiction < config.contradiction_threshold:
        label = AGREEMENT
        confidence = 1.0 - max(forward.contradiction, backward.contradiction)
        reasons.append(
            f"near-paraphrase: similarity {pair.similarity:.2f} is {pair.z:.1f}σ above the "
            "cross-article baseline and NLI finds no contradiction"
        )
    else:
        label = NEUTRAL
        confidence = (forward.neutral + backward.neutral) / 2
        if max(forward.contradiction, backward.contradiction) >= config.contradiction_threshold:
            reasons.append("contradiction in one direction only: not trusted")
    if "paragraph" in pair.found_by and "neighbours" not in pair.found_by:
        reasons.append("paired through the paragraph (same event), not sentence similarity")
    return Verdict(
        pair=pair,
        label=label,
        confidence=round(float(confidence), 4),
        forward=forward,
        backward=backward,
        reasons=tuple(reasons),
    )
