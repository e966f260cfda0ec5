"""Which languages the NLI model reads, measured on the run's own model with shipped text.

An NLI model that cannot read a language still answers: it calls a pair of Italian sentences
entailment, neutral or contradiction with the confidence of a guess, and a verdict that rests on
that reading (an agreement, or a contradiction told by NLI alone) is then a guess shown as a
finding. Which languages a model reads is not written anywhere a run can look up, so it is
measured: every language's reference text (``data/lang/<code>/reference.txt``) says the same
sentences as the English one, so a model that reads the language finds each sentence and its
English counterpart entailing each other. The mean entailment of those translation pairs, both
ways round, is the language's *reading*; English, the pivot every language is measured
against, is taken as read.

With the offline stand-in (German and English) German reads 0.43 and French, Spanish, Italian,
Dutch, Portuguese, Polish, Russian and Czech 0.05–0.19; a multilingual XNLI model reads them all.
Where either claim of a pair is in a language read below ``nli_min_reading``, NLI's reading of
the pair is not used (``verdict.nli_reading``): values, names and certainty still decide. A
language without reference text (or none detected) cannot be measured and is taken as read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from checker.rules import language as languages

PIVOT = "en"  # the language every other one's reference sentences are paired with
# an NLI scorer: (premise, hypothesis) pairs to (n, 3) probabilities, entailment first
Score = Callable[[list[tuple[str, str]]], np.ndarray]


@dataclass(frozen=True)
class Reading:
    """Each measured language's reading and the level a pair's languages must both reach."""

    scores: Mapping[str, float] = field(default_factory=dict)
    minimum: float = 0.0

    def unread(self, a: str, b: str) -> str:
        """Why NLI's reading of a pair in languages ``a`` and ``b`` is not used; "" if it is."""
        low = {
            code: self.scores[code]
            for code in dict.fromkeys((languages.normalise(a), languages.normalise(b)))
            if code in self.scores and self.scores[code] < self.minimum
        }
        if not low:
            return ""
        told = ", ".join(f"{code} {value:.2f}" for code, value in low.items())
        return (
            f"NLI does not read {'/'.join(low)} (entailment of translated reference sentences: "
            f"{told} < {self.minimum:.2f}): its reading of this pair is not used"
        )


def measure_reading(score: Score, codes: Sequence[str], minimum: float) -> Reading:
    """The reading of every language in ``codes`` that has reference text, but the pivot, with
    one NLI call per translation pair; an empty ``Reading`` when ``minimum`` is 0 (off)."""
    if minimum <= 0:
        return Reading()
    pivot = languages.get(PIVOT).reference
    wanted = [
        code
        for code in dict.fromkeys(languages.normalise(c) for c in codes)
        if code and code != PIVOT and code in languages.known_codes()
        and languages.get(code).reference
    ]
    if not pivot or not wanted:
        return Reading(minimum=minimum)
    pairs: list[tuple[str, str]] = []
    spans: dict[str, tuple[int, int]] = {}
    for code in wanted:
        own = languages.get(code).reference
        n = min(len(own), len(pivot))
        start = len(pairs)
        pairs += [(own[i], pivot[i]) for i in range(n)] + [(pivot[i], own[i]) for i in range(n)]
        spans[code] = (start, len(pairs))
    entailment = np.asarray(score(pairs))[:, 0]
    scores = {
        code: round(float(entailment[start:end].mean()), 3)
        for code, (start, end) in spans.items()
        if end > start
    }
    return Reading(scores, minimum)
