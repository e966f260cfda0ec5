"""Fake embedder and NLI scorer with the real signatures, for logic tests without models."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

import numpy as np

from checker.engine.nli import LABELS


class HashEmbedder:
    """Bag-of-words vectors: texts sharing words are similar, deterministic, no model."""

    model_id = "fake-hash-embedder"

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.calls = 0

    def embed(
        self, texts: Sequence[str], batch_size: int = 32, show_progress: bool = False
    ) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                word = word.strip(".,;:!?„“\"'")
                bucket = int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim
                out[row, bucket] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


class RuleScorer:
    """NLI by a rule ``(premise, hypothesis) -> label``; probabilities 0.9 / 0.05 / 0.05."""

    model_id = "fake-rule-scorer"

    def __init__(self, rule: Callable[[str, str], str]) -> None:
        self.rule = rule
        self.seen: list[tuple[str, str]] = []

    def score(
        self, pairs: Sequence[tuple[str, str]], batch_size: int = 32, show_progress: bool = False
    ) -> np.ndarray:
        self.seen.extend(pairs)
        out = np.full((len(pairs), 3), 0.05, dtype=np.float32)
        for row, (premise, hypothesis) in enumerate(pairs):
            out[row, LABELS.index(self.rule(premise, hypothesis))] = 0.9
        return out


class TopicEmbedder:
    """Bag-of-words vectors plus a heavy topic axis: texts of one topic are far closer to each
    other than to any text of another topic, so story grouping separates them for sure.

    ``topics`` maps a topic name to its marker words (case-insensitive substrings); a text
    gets the axis of every topic whose marker it contains. Texts with no marker (the bundled
    reference set) are plain bag-of-words vectors, so the unrelated band stays low.
    """

    model_id = "fake-topic-embedder"

    def __init__(self, topics: dict[str, Sequence[str]], weight: float = 2.0) -> None:
        self.topics = {name: [m.lower() for m in markers] for name, markers in topics.items()}
        self.weight = weight
        self.words = HashEmbedder(64)

    def embed(
        self, texts: Sequence[str], batch_size: int = 32, show_progress: bool = False
    ) -> np.ndarray:
        words = self.words.embed(texts)
        axes = np.zeros((len(texts), len(self.topics)), dtype=np.float32)
        for row, text in enumerate(texts):
            lowered = text.lower()
            for column, markers in enumerate(self.topics.values()):
                if any(marker in lowered for marker in markers):
                    axes[row, column] = self.weight
        out = np.concatenate([axes, words], axis=1)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)
