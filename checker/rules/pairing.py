"""Candidate pairs: each claim's nearest neighbours in *other* articles, never all pairs.

Two channels feed the candidates:

* ``neighbours``: claim-to-claim similarity, each claim's ``top_k`` best matches;
* ``paragraph of a`` / ``paragraph of b``: that claim's whole paragraph against single claims
  of other articles, its ``paragraph_k`` best.
  A terse sentence ("Peskow could neither confirm nor deny the call") is often far from the
  claim it bears on in embedding space, while its paragraph is about the same event.

Similarities are computed a block of rows at a time, so memory stays O(block·n + n·k) instead of
an n×n matrix. Above ``faiss_min_claims`` claims the search runs in faiss (optional extra
``checker[faiss]``, exact ``IndexFlatIP``) instead, with the same result: both paths only gather
a pool of candidates that surely holds each query's k best, and one shared step
(:func:`_best_k`) ranks the pool in float64 and breaks ties by target index.

The floor is absolute *and* relative to the run's own cross-article baseline,
because embedders put unrelated sentences in very different cosine bands (about 0.8 for E5,
near 0.1 for MiniLM paraphrase models).
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from types import ModuleType

import numpy as np

from checker.config import Config
from checker.records import Baseline, Channel, Claim, Pair, article_of, channels

MAX_BLOCK_CELLS = 1 << 24  # 16M float32 similarities (64 MB) per block
BASELINE_SAMPLE = 20_000
# The baseline and the neighbour search compute the same cosines in different orders; without
# a tolerance a pair sitting exactly on the floor (one cross-article pair: std 0) is lost.
FLOOR_TOLERANCE = 1e-5
MIN_BASELINE_PAIRS = 50
# Two float32 dot products of unit vectors (384-d) differ from the exact value by far less than
# this, whatever the BLAS: every target within TIE_MARGIN of a query's k-th float32 similarity
# joins the pool that is ranked exactly, so numpy and faiss rounding cannot change the choice.
TIE_MARGIN = 1e-4
EXACT_CHUNK = 8_192  # candidate pairs ranked in float64 at a time (25 MB at 384-d)
FAISS_QUERY_BLOCK = 4_096  # queries per faiss search: results stay O(block·k)
RANGE_START_K = 16  # neighbours_above asks each row for this many first, then doubles

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Floor:
    """A similarity floor and the story's cross-article baseline it was derived from, with the
    baselines of each language pair of the story that has enough pairs for one."""

    value: float
    baseline: Baseline
    # ((language a, language b) sorted, its baseline)
    by_languages: tuple[tuple[tuple[str, str], Baseline], ...] = ()

    def z(self, similarity: float, languages: tuple[str, str] | None = None) -> float:
        """Standard deviations above the baseline; with the pair's ``languages``, the higher
        of that and its z against its own language pair's baseline, since a story's mixed
        baseline sits between its languages' bands: it flatters pairs in one language and
        belittles pairs across two."""
        story = self.baseline.z(similarity)
        if languages is None:
            return story
        key = tuple(sorted(languages))
        for pair, baseline in self.by_languages:
            if pair == key:
                return max(story, baseline.z(similarity))
        return story


def language_pair_baselines(
    vectors: np.ndarray, groups: np.ndarray, languages: Sequence[str], seed: int = 0
) -> tuple[tuple[tuple[str, str], Baseline], ...]:
    """Baseline (mean, std of cross-article similarity) of every language pair with at least
    :data:`MIN_BASELINE_PAIRS` cross-article pairs; sampled like the story's own."""
    codes = np.array(languages)
    out = []
    distinct = sorted(set(languages))
    for x_index, x in enumerate(distinct):
        for y in distinct[x_index:]:
            left, right = np.flatnonzero(codes == x), np.flatnonzero(codes == y)
            if len(left) * len(right) < MIN_BASELINE_PAIRS:
                continue
            rng = np.random.default_rng(seed)
            i = left[rng.integers(0, len(left), size=BASELINE_SAMPLE)]
            j = right[rng.integers(0, len(right), size=BASELINE_SAMPLE)]
            keep = groups[i] != groups[j]
            if keep.sum() < MIN_BASELINE_PAIRS:
                continue
            sims = np.einsum("ij,ij->i", vectors[i[keep]], vectors[j[keep]])
            if sims.std() > 0:
                out.append(((x, y), Baseline(float(sims.mean()), float(sims.std()))))
    return tuple(out)


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
        return Floor(min_similarity, Baseline(0.0, 0.0))
    mean, std = cross_article_baseline(queries, targets, groups)
    return Floor(max(min_similarity, mean + min_similarity_z * std), Baseline(mean, std))


def _exact_similarities(
    queries: np.ndarray, targets: np.ndarray, rows: np.ndarray, cols: np.ndarray
) -> np.ndarray:
    """Similarity of each (rows[i], cols[i]) pair in float64, computed pair by pair.

    The same pair gets the same value whichever path gathered it and wherever it sits in a
    batch (float32 products are exact in float64, and each row is summed on its own), which
    is what makes the two search paths choose alike.
    """
    out = np.empty(len(rows), dtype=np.float64)
    for start in range(0, len(rows), EXACT_CHUNK):
        part = slice(start, start + EXACT_CHUNK)
        left = queries[rows[part]].astype(np.float64)
        right = targets[cols[part]].astype(np.float64)
        out[part] = (left * right).sum(axis=1)
    return out


def _best_k(
    queries: np.ndarray,
    targets: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    k: int,
    floor: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each query's k best of its candidate pool, by (-exact similarity, target index):
    arrays (query rows, target cols, similarities), ordered by query then rank.

    The pool must hold every target within :data:`TIE_MARGIN` of the query's k-th float32
    similarity; then the choice depends on the vectors alone, not on which BLAS or index
    produced the pool, or on how argpartition happened to order tied values.
    """
    sims = _exact_similarities(queries, targets, rows, cols)
    order = np.lexsort((cols, -sims, rows))
    rows, cols, sims = rows[order], cols[order], sims[order]
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    lengths = np.diff(np.r_[starts, len(rows)])
    rank = np.arange(len(rows)) - np.repeat(starts, lengths)
    keep = (rank < k) & (sims >= floor - FLOOR_TOLERANCE)
    return rows[keep], cols[keep], sims[keep]


def _numpy_pool(
    queries: np.ndarray,
    targets: np.ndarray,
    groups: np.ndarray,
    query_groups: np.ndarray,
    k: int,
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Candidate pools (query rows, target cols), one block of queries at a time, by matmul."""
    n = len(targets)
    block = max(1, MAX_BLOCK_CELLS // n)
    for start in range(0, len(queries), block):
        rows = slice(start, min(len(queries), start + block))
        sims = queries[rows] @ targets.T
        sims[query_groups[rows, None] == groups[None, :]] = -np.inf
        kth = -np.partition(-sims, k - 1, axis=1)[:, k - 1]
        pool = (sims >= (kth - TIE_MARGIN)[:, None]) & (sims > -np.inf)
        r, c = np.nonzero(pool)
        yield r + start, c


def _faiss_pool(
    faiss: ModuleType,
    queries: np.ndarray,
    targets: np.ndarray,
    groups: np.ndarray,
    query_groups: np.ndarray,
    k: int,
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Candidate pools from an exact faiss inner-product index, O(block·k) at a time.

    Each query first asks for k plus its own article's size (its own article's claims may
    fill the top of the list); a query whose pool may be cut short (fewer than k other-article
    hits, or the last hit still within the tie margin) asks again with twice as many, until
    its pool is complete or the whole index has been returned.
    """
    n = len(targets)
    index = faiss.IndexFlatIP(targets.shape[1])
    index.add(np.ascontiguousarray(targets, dtype=np.float32))
    sizes = np.bincount(groups, minlength=int(query_groups.max()) + 1)
    for start in range(0, len(queries), FAISS_QUERY_BLOCK):
        todo = np.arange(start, min(len(queries), start + FAISS_QUERY_BLOCK))
        depth = min(n, k + int(sizes[query_groups[todo]].max(initial=0)))
        while len(todo):
            found, hits = index.search(np.ascontiguousarray(queries[todo], dtype=np.float32), depth)
            other = (hits >= 0) & (groups[np.maximum(hits, 0)] != query_groups[todo, None])
            masked = np.where(other, found, -np.inf)
            kth = -np.partition(-masked, k - 1, axis=1)[:, k - 1]
            pool = other & (found >= (kth - TIE_MARGIN)[:, None])
            # the pool is complete when nothing unreturned can still reach it
            complete = (depth >= n) | ((kth > -np.inf) & (found[:, -1] < kth - TIE_MARGIN))
            r, c = np.nonzero(pool & complete[:, None])
            yield todo[r], hits[r, c].astype(np.int64)
            todo = todo[~complete]
            depth = min(n, depth * 2)


@functools.cache
def _faiss_module() -> ModuleType | None:
    """faiss if installed, else None, said once per process at INFO (it is an optional extra)."""
    try:
        import faiss
    except ImportError:
        log.info(
            "faiss is not installed (pip install 'checker[faiss]'): large runs pair with numpy"
        )
        return None
    return faiss


def nearest_blocks(
    queries: np.ndarray,
    targets: np.ndarray,
    groups: np.ndarray,
    k: int,
    floor: float,
    *,
    use_faiss: bool = False,
    query_groups: np.ndarray | None = None,
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Arrays ``(queries, targets, similarities)``, a block of queries at a time: each
    query's k best targets of other articles.

    ``groups`` gives each target's article; ``query_groups`` each query's (default: the same
    array, for queries row-aligned with the targets). Ties resolve by target index and the
    similarity is the float64 one, so ``use_faiss`` (faiss when installed, else numpy) changes
    speed and memory, never the result.
    """
    n = len(targets)
    k = min(k, n)  # with the queries among the targets, k = n asks for every other target
    if k <= 0 or not len(queries):
        return
    query_groups = groups if query_groups is None else query_groups
    faiss = _faiss_module() if use_faiss else None
    pools = (
        _faiss_pool(faiss, queries, targets, groups, query_groups, k)
        if faiss is not None
        else _numpy_pool(queries, targets, groups, query_groups, k)
    )
    for rows, cols in pools:
        if len(rows):
            yield _best_k(queries, targets, rows, cols, k, floor)


def nearest_in_other_articles(
    queries: np.ndarray,
    targets: np.ndarray,
    groups: np.ndarray,
    k: int,
    floor: float,
    *,
    use_faiss: bool = False,
    query_groups: np.ndarray | None = None,
) -> Iterator[tuple[int, int, float]]:
    """``(query, target, similarity)`` for each query's k best targets of other articles
    (:func:`nearest_blocks`, one pair at a time)."""
    for rows, cols, sims in nearest_blocks(
        queries, targets, groups, k, floor, use_faiss=use_faiss, query_groups=query_groups
    ):
        for i, j, sim in zip(rows, cols, sims, strict=True):
            yield int(i), int(j), float(sim)


def neighbours_above(
    queries: np.ndarray,
    targets: np.ndarray,
    query_groups: np.ndarray,
    groups: np.ndarray,
    floor: float,
    *,
    k: int = RANGE_START_K,
    use_faiss: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """Every (query row, target row) of different groups whose similarity reaches ``floor``
    (within :data:`FLOOR_TOLERANCE`): a range search, done with the top-k search above.

    Each query asks for its k best targets of other groups; one whose k-th still reaches the
    floor may have more, so it asks again with twice as many, until it gets fewer than it
    asked for or every target. Cost: one scan of the targets per round for the queries still
    asking; memory O(queries · neighbours above the floor), never queries × targets.
    """
    n = len(targets)
    found: list[np.ndarray] = []
    todo = np.arange(len(queries) if n else 0)
    while len(todo):
        k = min(k, n)
        blocks = [
            np.c_[rows, cols]
            for rows, cols, _ in nearest_blocks(
                queries[todo], targets, groups, k, floor,
                use_faiss=use_faiss, query_groups=query_groups[todo],
            )
        ]
        hits = np.concatenate(blocks) if blocks else np.empty((0, 2), dtype=np.int64)
        asking = (np.bincount(hits[:, 0], minlength=len(todo)) >= k) & (k < n)
        done = ~asking[hits[:, 0]]
        found.append(np.c_[todo[hits[done, 0]], hits[done, 1]])
        todo = todo[asking]
        k *= 2
    pairs = np.concatenate(found) if found else np.empty((0, 2), dtype=np.int64)
    return pairs[:, 0], pairs[:, 1]


@dataclass(frozen=True)
class _Floors:
    """The floor a candidate must reach: its two languages' when known, else the story's."""

    story: float
    by_languages: dict[tuple[str, str], float]
    codes: Sequence[str]

    @property
    def lowest(self) -> float:
        return min([self.story, *self.by_languages.values()])

    def reached(self, i: int, j: int, similarity: float) -> bool:
        x, y = self.codes[i], self.codes[j]
        key = (x, y) if x <= y else (y, x)
        return similarity >= self.by_languages.get(key, self.story) - FLOOR_TOLERANCE


def _language_floors(
    codes: Sequence[str],
    story: Floor,
    min_similarity: float,
    z: float,
    enabled: bool,
    baselines: Callable[[], tuple[tuple[tuple[str, str], Baseline], ...]],
) -> _Floors:
    """A pair must stand above the baseline of its own two languages, not of the mix: ``z``
    σ above it. ``baselines`` gives the language pairs' baselines (``language_pair_baselines``
    of the search vectors), asked only when they are used: floors at two z-scores share one
    sample."""
    if not (enabled and story.baseline.std and len(set(codes)) > 1):
        return _Floors(story.value, {}, codes)
    return _Floors(
        story.value,
        {
            key: max(min_similarity, baseline.mean + z * baseline.std)
            for key, baseline in baselines()
        },
        codes,
    )


def _neighbours(
    search: np.ndarray, groups: np.ndarray, k: int, floors: _Floors, use_faiss: bool
) -> list[tuple[int, int]]:
    """Each claim's ``k`` best matches in other articles above their floor."""
    return [
        (i, j)
        for i, j, sim in nearest_in_other_articles(
            search, search, groups, k, floors.lowest, use_faiss=use_faiss
        )
        if floors.reached(i, j, sim)
    ]


def _article_slots(
    search: np.ndarray,
    groups: np.ndarray,
    k: int,
    floors: _Floors,
    use_faiss: bool,
    mutual: _Floors | None = None,
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Slots per other article: each claim's ``k`` best in every other article, so the claims
    of its own language (or of one long article) cannot take all of its ``top_k``; and, when
    ``mutual`` floors are given, the *mutual* best matches above them: a claim whose best
    match in another article picks it as its own best there.

    Two accounts of one fact in two articles are each other's best match however weakly a
    small embedder links their languages: a short claim in a short article ("De opkomst was
    64 procent" / "Явка составила 61 процент") sits below the story's floor while nothing in
    either article comes closer. Mutual choice is structure, not similarity, so it may pass
    a lower floor (``mutual_z``). One pass over the articles serves both."""
    slots: list[tuple[int, int]] = []
    best: dict[tuple[int, int], tuple[int, float]] = {}  # (row, its article) -> best col
    lowest = floors.lowest if mutual is None else min(floors.lowest, mutual.lowest)
    for target in np.unique(groups):
        cols = np.flatnonzero(groups == target)
        rows = np.flatnonzero(groups != target)
        for i, j, sim in nearest_in_other_articles(
            search[rows], search[cols], np.zeros(len(cols), dtype=np.int64), max(k, 1),
            lowest, use_faiss=use_faiss, query_groups=np.ones(len(rows), np.int64),
        ):
            row, col = int(rows[i]), int(cols[j])
            if (row, int(target)) not in best:  # the first is the best
                best[(row, int(target))] = (col, sim)
            if k > 0 and floors.reached(row, col, sim):
                slots.append((row, col))
    pairs = []
    if mutual is not None:
        for (row, _), (col, sim) in best.items():
            back = best.get((col, int(groups[row])))
            if back is not None and back[0] == row and row < col and mutual.reached(row, col, sim):
                pairs.append((row, col))
    return slots, pairs


def candidate_pairs(
    claims: Sequence[Claim],
    vectors: np.ndarray,
    paragraph_vectors: np.ndarray | None = None,
    *,
    top_k: int = Config.top_k,
    article_k: int = Config.article_k,
    paragraph_k: int = Config.paragraph_k,
    min_similarity: float = Config.min_similarity,
    min_similarity_z: float = Config.min_similarity_z,
    fallback: Baseline | None = None,
    faiss_min_claims: int = Config.faiss_min_claims,
    language_baselines: bool = Config.language_baselines,
    search_vectors: np.ndarray | None = None,
    search_paragraphs: np.ndarray | None = None,
    mutual_z: float = Config.mutual_z,
) -> tuple[list[Pair], Floor]:
    """Pairs of claims from different articles found by either channel.

    The tunables default to ``Config``'s own defaults, read from it rather than restated, so
    that calling the stage alone pairs as a default run does (``pipeline`` passes its config).

    ``vectors`` and ``paragraph_vectors`` are row-aligned with ``claims`` and unit length. A
    pair appears once whichever side or channel found it; ``pair.a`` is the claim that sorts
    first by (article, offset). Returned best-first by claim-to-claim similarity.

    With at least ``faiss_min_claims`` claims (0: always) the neighbour search runs in faiss
    when it is installed; the pairs are the same either way.

    ``search_vectors`` / ``search_paragraphs`` (row-aligned, unit length; e.g. centred per
    language, ``checker.rules.centring``) choose the candidates when given, while each pair's
    ``similarity`` and ``z`` stay those of ``vectors`` against the story's baseline, the scale
    the verdict's thresholds are set on. With ``language_baselines`` a candidate must also
    reach the floor of its own two languages' cross-article baseline. Mutual best matches of
    two articles are candidates from ``mutual_z`` σ of that baseline (``inf``: never).
    """
    article_ids = sorted({c.article_id for c in claims})
    if len(article_ids) < 2:
        return [], Floor(min_similarity, Baseline(0.0, 0.0))
    index = {a: i for i, a in enumerate(article_ids)}
    groups = np.array([index[c.article_id] for c in claims])
    floor = similarity_floor(vectors, vectors, groups, min_similarity, min_similarity_z)
    if not floor.baseline.std and fallback is not None:
        # too few pairs for a baseline of their own: z-scores against the fallback
        # baseline instead, so "how similar" still means something; the floor stays
        floor = Floor(floor.value, fallback)
    codes = [article_of(c).language for c in claims]
    if language_baselines and floor.baseline.std and len(set(codes)) > 1:
        floor = replace(floor, by_languages=language_pair_baselines(vectors, groups, codes))
    # the search may run on other vectors (centred per language) than the scores
    search = vectors if search_vectors is None else search_vectors
    paragraphs = paragraph_vectors if search_paragraphs is None else search_paragraphs
    search_floor = (
        floor
        if search_vectors is None
        else similarity_floor(search, search, groups, min_similarity, min_similarity_z)
    )
    pair_baselines = functools.cache(lambda: language_pair_baselines(search, groups, codes))
    floors = _language_floors(
        codes, search_floor, min_similarity, min_similarity_z, language_baselines,
        pair_baselines,
    )

    def ordered(i: int, j: int) -> tuple[int, int]:
        """(row of claim a, row of claim b): a sorts first by (article, offset)."""
        a, b = claims[i], claims[j]
        return (j, i) if (b.article_id, b.start) < (a.article_id, a.start) else (i, j)

    use_faiss = len(claims) >= faiss_min_claims
    found: dict[tuple[int, int], set[Channel]] = {}
    neighbours = _neighbours(search, groups, top_k, floors, use_faiss)
    mutual_floors = (
        _language_floors(
            codes, similarity_floor(search, search, groups, min_similarity, mutual_z),
            min_similarity, mutual_z, language_baselines, pair_baselines,
        )
        if math.isfinite(mutual_z) else None
    )
    slot_k = article_k if len(article_ids) > 2 else 0  # two articles: top_k already is a slot
    slots, mutual = (
        _article_slots(search, groups, slot_k, floors, use_faiss, mutual_floors)
        if slot_k > 0 or mutual_floors is not None
        else ([], [])
    )
    for i, j in neighbours + slots:
        found.setdefault(ordered(i, j), set()).add(Channel.NEIGHBOURS)
    for i, j in mutual:
        found.setdefault(ordered(i, j), set()).add(Channel.MUTUAL)
    if paragraphs is not None and paragraph_k > 0:
        paragraph_floor = similarity_floor(
            paragraphs, search, groups, min_similarity, min_similarity_z
        )
        for i, j, _ in nearest_in_other_articles(
            paragraphs, search, groups, paragraph_k, paragraph_floor.value,
            use_faiss=use_faiss,
        ):
            key = ordered(i, j)  # claim i's paragraph matched claim j
            side = Channel.PARAGRAPH_A if key[0] == i else Channel.PARAGRAPH_B
            found.setdefault(key, set()).add(side)
    pairs = []
    for (i, j), by in found.items():
        sim = float(vectors[i] @ vectors[j])
        pairs.append(
            Pair(
                a=claims[i],
                b=claims[j],
                similarity=sim,
                found_by=channels(by),
                z=floor.z(sim, (codes[i], codes[j])),
            )
        )
    pairs.sort(key=lambda p: (-p.similarity, p.a.id, p.b.id))
    return pairs, floor


def known_pairs(found: Sequence[Pair]) -> set[tuple[str, str]]:
    """The claim-id pairs of ``found``, both ways round: what an extra channel skips."""
    return {(p.a.id, p.b.id) for p in found} | {(p.b.id, p.a.id) for p in found}


def channel_pair(
    claims: Sequence[Claim],
    vectors: np.ndarray,
    i: int,
    j: int,
    channel: Channel,
    floor: Floor,
    story: str,
) -> Pair:
    """Claims ``i`` and ``j`` as a candidate found by ``channel`` rather than similarity
    (value frames, lined-up figures), scored like every candidate: its similarity, and its z
    against the story's floor for its two languages."""
    a, b = claims[i], claims[j]
    similarity = float(vectors[i] @ vectors[j])
    languages = (article_of(a).language, article_of(b).language)
    return Pair(a, b, similarity, (channel,), floor.z(similarity, languages), story)
