"""Candidate pairs: each claim's nearest neighbours in *other* articles, never all pairs.

Two channels feed the candidates:

* ``neighbours``: claim-to-claim similarity, each claim's ``top_k`` best matches;
* ``paragraph of a`` / ``paragraph of b``: that claim's whole paragraph against single claims
  of other articles, its ``paragraph_k`` best.
  A terse sentence ("Peskow could neither confirm nor deny the call") is often far from the
  claim it bears on in embedding space, while its paragraph is about the same event.

Similarities are computed a block of rows at a time, so memory stays O(block·n + n·k) instead of
an n×n matrix. The floor is absolute *and* relative to the run's own cross-article baseline,
because embedders put unrelated sentences in very different cosine bands (about 0.8 for E5,
near 0.1 for MiniLM paraphrase models).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from checker.config import Config
from checker.records import Channel, Claim, Pair, channels

MAX_BLOCK_CELLS = 1 << 24  # 16M float32 similarities (64 MB) per block
BASELINE_SAMPLE = 20_000
# The baseline and the neighbour search compute the same cosines in different orders; without
# a tolerance a pair sitting exactly on the floor (one cross-article pair: std 0) is lost.
FLOOR_TOLERANCE = 1e-5
MIN_BASELINE_PAIRS = 50


@dataclass(frozen=True)
class Floor:
    """A similarity floor and the cross-article baseline it was derived from."""

    value: float
    baseline_mean: float
    baseline_std: float

    def z(self, similarity: float) -> float:
        """Standard deviations above the baseline mean."""
        return (similarity - self.baseline_mean) / self.baseline_std if self.baseline_std else 0.0


def cross_article_baseline(
    queries: np.ndarray,
    targets: np.ndarray,
    groups: np.ndarray,
    sample: int = BASELINE_SAMPLE,
    seed: int = 0,
) -> tuple[float, float]:
    """Mean and std of similarity over random (query, target) pairs from different articles."""
    n = len(queries)
    rng = np.random.default_rng(seed)
    left = rng.integers(0, n, size=sample * 2)
    right = rng.integers(0, n, size=sample * 2)
    keep = groups[left] != groups[right]
    left, right = left[keep][:sample], right[keep][:sample]
    if len(left) == 0:
        return 0.0, 0.0
    sims = np.einsum("ij,ij->i", queries[left], targets[right])
    return float(sims.mean()), float(sims.std())


def similarity_floor(
    queries: np.ndarray,
    targets: np.ndarray,
    groups: np.ndarray,
    min_similarity: float,
    min_similarity_z: float,
) -> Floor:
    """The larger of the absolute floor and ``mean + z·std`` of the cross-article baseline.

    With fewer than :data:`MIN_BASELINE_PAIRS` cross-article pairs there is no baseline to
    speak of (in two short articles most pairs may be true matches), so only the absolute
    floor applies and z-scores are 0: top-k alone keeps such a run small.
    """
    sizes = np.unique(groups, return_counts=True)[1].astype(np.int64)
    cross_pairs = (int(sizes.sum()) ** 2 - int((sizes**2).sum())) // 2
    if cross_pairs < MIN_BASELINE_PAIRS:
        return Floor(min_similarity, 0.0, 0.0)
    mean, std = cross_article_baseline(queries, targets, groups)
    return Floor(max(min_similarity, mean + min_similarity_z * std), mean, std)


def nearest_in_other_articles(
    queries: np.ndarray, targets: np.ndarray, groups: np.ndarray, k: int, floor: float
) -> Iterator[tuple[int, int, float]]:
    """``(query, target, similarity)`` for each query's k best targets of other articles."""
    n = len(targets)
    k = min(k, n - 1)
    if k <= 0:
        return
    block = max(1, MAX_BLOCK_CELLS // n)
    for start in range(0, len(queries), block):
        rows = slice(start, min(len(queries), start + block))
        sims = queries[rows] @ targets.T
        sims[groups[rows, None] == groups[None, :]] = -np.inf
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        for offset, neighbours in enumerate(top):
            for j in neighbours:
                sim = float(sims[offset, j])
                if sim >= floor - FLOOR_TOLERANCE:
                    yield start + offset, int(j), sim


def candidate_pairs(
    claims: Sequence[Claim],
    vectors: np.ndarray,
    paragraph_vectors: np.ndarray | None = None,
    *,
    top_k: int = Config.top_k,
    paragraph_k: int = Config.paragraph_k,
    min_similarity: float = Config.min_similarity,
    min_similarity_z: float = Config.min_similarity_z,
    fallback: tuple[float, float] | None = None,
) -> tuple[list[Pair], Floor]:
    """Pairs of claims from different articles found by either channel.

    The tunables default to ``Config``'s own defaults, read from it rather than restated, so
    that calling the stage alone pairs as a default run does (``pipeline`` passes its config).

    ``vectors`` and ``paragraph_vectors`` are row-aligned with ``claims`` and unit length. A
    pair appears once whichever side or channel found it; ``pair.a`` is the claim that sorts
    first by (article, offset). Returned best-first by claim-to-claim similarity.
    """
    article_ids = sorted({c.article_id for c in claims})
    if len(article_ids) < 2:
        return [], Floor(min_similarity, 0.0, 0.0)
    index = {a: i for i, a in enumerate(article_ids)}
    groups = np.array([index[c.article_id] for c in claims])
    floor = similarity_floor(vectors, vectors, groups, min_similarity, min_similarity_z)
    if not floor.baseline_std and fallback:
        # too few pairs for a baseline of their own: z-scores against the fallback
        # (mean, std) instead, so "how similar" still means something; the floor stays
        floor = Floor(floor.value, *fallback)
    def ordered(i: int, j: int) -> tuple[int, int]:
        """(row of claim a, row of claim b): a sorts first by (article, offset)."""
        a, b = claims[i], claims[j]
        return (j, i) if (b.article_id, b.start) < (a.article_id, a.start) else (i, j)

    found: dict[tuple[int, int], set[Channel]] = {}
    for i, j, _ in nearest_in_other_articles(vectors, vectors, groups, top_k, floor.value):
        found.setdefault(ordered(i, j), set()).add(Channel.NEIGHBOURS)
    if paragraph_vectors is not None and paragraph_k > 0:
        paragraph_floor = similarity_floor(
            paragraph_vectors, vectors, groups, min_similarity, min_similarity_z
        )
        for i, j, _ in nearest_in_other_articles(
            paragraph_vectors, vectors, groups, paragraph_k, paragraph_floor.value
        ):
            key = ordered(i, j)  # claim i's paragraph matched claim j
            side = Channel.PARAGRAPH_A if key[0] == i else Channel.PARAGRAPH_B
            found.setdefault(key, set()).add(side)
    pairs = []
    for (i, j), by in found.items():
        sim = float(vectors[i] @ vectors[j])
        pairs.append(
            Pair(a=claims[i], b=claims[j], similarity=sim, found_by=channels(by), z=floor.z(sim))
        )
    pairs.sort(key=lambda p: (-p.similarity, p.a.id, p.b.id))
    return pairs, floor
