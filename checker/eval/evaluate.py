"""Evaluation: is the NLI model wired right, and does the pipeline find the pairs that matter?

``evaluate_nli`` scores labelled (premise, hypothesis) pairs and reports accuracy, per-class
precision/recall/F1 and the confusion matrix; a label-mapping bug shows up as accuracy near one
third. ``evaluate_pairs`` compares a report's flagged pairs with a hand-made gold list. Both are
pure functions returning frozen records; ``checker eval`` only prints them.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

import numpy as np

from checker.config import Config
from checker.engine.nli import LABELS, NliScorer
from checker.errors import InputError
from checker.rules.verdict import AGREEMENT, CONTRADICTION, NEUTRAL

GOLD_VERDICTS = (CONTRADICTION, AGREEMENT)


@dataclass(frozen=True)
class NliExample:
    premise: str
    hypothesis: str
    label: str


@dataclass(frozen=True)
class ClassScores:
    label: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class NliEvaluation:
    """How an NLI model did on labelled pairs; ``confusion[gold][predicted]`` in LABELS order."""

    examples: int
    accuracy: float
    classes: tuple[ClassScores, ...]
    confusion: tuple[tuple[int, ...], ...]
    seconds: float = 0.0  # scoring only, after the model was loaded
    load_seconds: float = 0.0  # loading plus one warm-up pair

    @property
    def pairs_per_second(self) -> float:
        return self.examples / self.seconds if self.seconds > 0 else float("inf")

    def table(self) -> str:
        """Plain-text report for the terminal."""
        corner = "gold \\ predicted"
        width = max(len(corner), *(len(label) for label in LABELS))
        lines = [
            f"{self.examples} pairs, accuracy {self.accuracy:.3f}",
            "",
            f"{'':{width}}  precision  recall     f1  support",
        ]
        lines += [
            f"{c.label:{width}}  {c.precision:9.3f}  {c.recall:6.3f}  {c.f1:5.3f}  {c.support:7d}"
            for c in self.classes
        ]
        short = [label[:7] for label in LABELS]
        lines += ["", f"{corner:{width}}  " + "  ".join(f"{s:>7}" for s in short)]
        lines += [
            f"{label:{width}}  " + "  ".join(f"{n:7d}" for n in row)
            for label, row in zip(LABELS, self.confusion, strict=True)
        ]
        lines += [
            "",
            f"{self.pairs_per_second:.1f} pairs/s ({self.seconds:.1f} s scoring, "
            f"{self.load_seconds:.1f} s loading)",
        ]
        return "\n".join(lines)


def _label(raw: str) -> str | None:
    """Canonical NLI label for ``raw`` (XNLI spells one "contradictory"), else None."""
    key = raw.strip().lower()
    return next((label for label in LABELS if key[:6] == label[:6]), None)


def read_nli_tsv(path: str | Path, limit: int | None = None) -> list[NliExample]:
    """Tab-separated premise, hypothesis, label; no header, no quoting (quotes are text)."""
    examples: list[NliExample] = []
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            for number, row in enumerate(
                csv.reader(handle, "excel-tab", quoting=csv.QUOTE_NONE), 1
            ):
                if limit is not None and len(examples) >= limit:
                    break
                if not row or not "".join(row).strip():
                    continue
                label = _label(row[2]) if len(row) == 3 else None
                if label is None:
                    raise InputError(
                        f"{path}:{number}: expected premise<TAB>hypothesis<TAB>label with label "
                        f"one of {', '.join(LABELS)}; got {row!r:.120}"
                    )
                examples.append(NliExample(row[0], row[1], label))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from None
    if not examples:
        raise InputError(f"{path}: no labelled pairs")
    return examples


def nli_metrics(gold: Sequence[str], predicted: Sequence[str]) -> NliEvaluation:
    """Accuracy, per-class scores and confusion matrix of ``predicted`` against ``gold`` labels."""
    index = {label: i for i, label in enumerate(LABELS)}
    confusion = np.zeros((len(LABELS), len(LABELS)), dtype=int)
    for g, p in zip(gold, predicted, strict=True):
        confusion[index[g], index[p]] += 1
    classes = []
    for i, label in enumerate(LABELS):
        hits, predicted_n, support = confusion[i, i], confusion[:, i].sum(), confusion[i].sum()
        precision = hits / predicted_n if predicted_n else 0.0
        recall = hits / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        classes.append(ClassScores(label, float(precision), float(recall), float(f1), int(support)))
    total = int(confusion.sum())
    return NliEvaluation(
        examples=total,
        accuracy=float(np.trace(confusion) / total) if total else 0.0,
        classes=tuple(classes),
        confusion=tuple(tuple(int(n) for n in row) for row in confusion),
    )


def evaluate_nli(
    examples: Sequence[NliExample],
    scorer: NliScorer,
    *,
    batch_size: int = Config.batch_size,
    show_progress: bool = False,
    clock: Callable[[], float] = time.perf_counter,
) -> NliEvaluation:
    """Score ``examples`` (premise → hypothesis) and compare the argmax with the gold labels.

    One pair is scored first so that lazy model loading is timed apart from throughput.
    """
    pairs = [(e.premise, e.hypothesis) for e in examples]
    started = clock()
    scorer.score(pairs[:1], batch_size)
    loaded = clock()
    probs = scorer.score(pairs, batch_size, show_progress)
    done = clock()
    predicted = [LABELS[i] for i in np.asarray(probs).argmax(axis=1)]
    result = nli_metrics([e.label for e in examples], predicted)
    return NliEvaluation(
        examples=result.examples,
        accuracy=result.accuracy,
        classes=result.classes,
        confusion=result.confusion,
        seconds=done - loaded,
        load_seconds=loaded - started,
    )


@dataclass(frozen=True)
class DtypeComparison:
    """One NLI model in two number formats on the same pairs, timed in the same process."""

    dtype: str
    baseline: str
    accuracy: float
    baseline_accuracy: float
    same_labels: float  # share of pairs whose argmax label is the baseline's
    seconds: float  # best scoring time over the rounds, after loading
    baseline_seconds: float
    examples: int
    rounds: int

    @property
    def speedup(self) -> float:
        return self.baseline_seconds / self.seconds if self.seconds > 0 else float("inf")

    def line(self) -> str:
        points = 100 * (self.accuracy - self.baseline_accuracy)
        return (
            f"{self.dtype} vs {self.baseline}, same run (interleaved, best of {self.rounds}): "
            f"accuracy {self.accuracy:.3f} vs {self.baseline_accuracy:.3f} "
            f"({points:+.1f} points), labels unchanged {100 * self.same_labels:.1f} %, "
            f"{self.examples / self.seconds:.1f} vs {self.examples / self.baseline_seconds:.1f} "
            f"pairs/s ({self.speedup:.2f}x)"
        )


def compare_dtypes(
    examples: Sequence[NliExample],
    scorer: NliScorer,
    baseline: NliScorer,
    *,
    rounds: int = 2,
    batch_size: int = Config.batch_size,
    clock: Callable[[], float] = time.perf_counter,
) -> DtypeComparison:
    """Score ``examples`` with both scorers in turn, ``rounds`` times, so both see the same
    machine load; speed is each one's best round, labels are compared pair by pair."""
    pairs = [(e.premise, e.hypothesis) for e in examples]
    scorers = (scorer, baseline)
    for s in scorers:
        s.score(pairs[:1], batch_size)  # load and warm up, untimed
    best = [float("inf"), float("inf")]
    labels: list[list[str]] = [[], []]
    for _ in range(rounds):
        for i, s in enumerate(scorers):
            started = clock()
            probs = s.score(pairs, batch_size)
            best[i] = min(best[i], clock() - started)
            labels[i] = [LABELS[k] for k in np.asarray(probs).argmax(axis=1)]
    gold = [e.label for e in examples]
    return DtypeComparison(
        dtype=str(getattr(scorer, "dtype", "?")),
        baseline=str(getattr(baseline, "dtype", "?")),
        accuracy=nli_metrics(gold, labels[0]).accuracy,
        baseline_accuracy=nli_metrics(gold, labels[1]).accuracy,
        same_labels=sum(a == b for a, b in zip(*labels, strict=True)) / len(pairs),
        seconds=best[0],
        baseline_seconds=best[1],
        examples=len(pairs),
        rounds=rounds,
    )


@dataclass(frozen=True)
class GoldPair:
    claim_a: str
    claim_b: str
    verdict: str


@dataclass(frozen=True)
class PairsEvaluation:
    """Flagged (non-neutral) report pairs against a gold list.

    A flagged pair *matches* a gold pair when both claim texts are equal, in either order, after
    whitespace normalisation; ``strict`` counts only matches whose verdict is the gold one too.
    """

    gold: int
    flagged: int
    matched_flagged: int  # flagged pairs that are in the gold list
    found_gold: int  # gold pairs flagged by the report
    strict_flagged: int  # flagged pairs in the gold list with the gold verdict
    strict_gold: int  # gold pairs flagged with the gold verdict
    missed: tuple[GoldPair, ...] = ()

    @property
    def precision(self) -> float:
        return self.matched_flagged / self.flagged if self.flagged else 0.0

    @property
    def recall(self) -> float:
        return self.found_gold / self.gold if self.gold else 0.0

    @property
    def strict_precision(self) -> float:
        return self.strict_flagged / self.flagged if self.flagged else 0.0

    @property
    def strict_recall(self) -> float:
        return self.strict_gold / self.gold if self.gold else 0.0

    def table(self) -> str:
        """Plain-text report for the terminal."""
        lines = [
            f"{self.gold} gold pairs, {self.flagged} flagged pairs",
            f"pair found:        precision {self.precision:.3f}  recall {self.recall:.3f}",
            f"and same verdict:  precision {self.strict_precision:.3f}  "
            f"recall {self.strict_recall:.3f}",
        ]
        lines += [f"missed ({g.verdict}): {g.claim_a} | {g.claim_b}" for g in self.missed]
        return "\n".join(lines)


def normal(text: str) -> str:
    """Whitespace collapsed to one space and stripped: how gold text is matched."""
    return " ".join(text.split())


def _pair_key(a: str, b: str) -> tuple[str, str]:
    a, b = normal(a), normal(b)
    return (a, b) if a <= b else (b, a)


class _Gold(Protocol):
    verdict: str


G = TypeVar("G", bound=_Gold)


def read_gold_lines(
    path: str | Path, build: Callable[[dict[str, Any], int], G], expected: str, noun: str
) -> list[G]:
    """Gold records, one JSON object a line, each made by ``build(record, line_number)``.

    A malformed line or a verdict other than contradiction/agreement is an error naming the
    line (``expected`` says what a line must hold); a file with none is an error too.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from None
    gold: list[G] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = build(json.loads(line), number)
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(
                f"{path}:{number}: expected {expected} ({type(exc).__name__}: {exc})"
            ) from None
        if item.verdict not in GOLD_VERDICTS:
            raise InputError(
                f"{path}:{number}: verdict must be one of {', '.join(GOLD_VERDICTS)}, "
                f"got {item.verdict!r}"
            )
        gold.append(item)
    if not gold:
        raise InputError(f"{path}: no {noun}")
    return gold


def read_gold_pairs(path: str | Path) -> list[GoldPair]:
    """JSON lines ``{"claim_a": ..., "claim_b": ..., "verdict": "contradiction"|"agreement"}``."""
    return read_gold_lines(
        path,
        lambda r, _: GoldPair(str(r["claim_a"]), str(r["claim_b"]), r["verdict"]),
        "a JSON object with claim_a, claim_b, verdict",
        "gold pairs",
    )


def evaluate_pairs(
    gold: Sequence[GoldPair], rows: Iterable[tuple[str, str, str]]
) -> PairsEvaluation:
    """Compare report ``rows`` ``(claim_a, claim_b, verdict)`` with ``gold``; neutral rows are
    not flagged and are ignored."""
    wanted = {_pair_key(g.claim_a, g.claim_b): g.verdict for g in gold}
    flagged = [(_pair_key(a, b), verdict) for a, b, verdict in rows if verdict != NEUTRAL]
    found = {key for key, _ in flagged if key in wanted}
    strict = {key for key, verdict in flagged if wanted.get(key) == verdict}
    return PairsEvaluation(
        gold=len(wanted),
        flagged=len(flagged),
        matched_flagged=sum(key in wanted for key, _ in flagged),
        found_gold=len(found),
        strict_flagged=sum(wanted.get(key) == verdict for key, verdict in flagged),
        strict_gold=len(strict),
        missed=tuple(
            {key: g for g in gold if (key := _pair_key(g.claim_a, g.claim_b)) not in found}.values()
        ),
    )
