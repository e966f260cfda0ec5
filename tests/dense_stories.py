"""Story grouping as it was before it scaled (commit c57c134), copied to test the new one.

Every article pair is scored into one dense n×n matrix, then scipy's average linkage, the
singleton attaching and the names join run over it: quadratic in articles, the reference the
sparse :func:`checker.rules.stories.group_stories` must equal.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from checker.records import Article, Baseline, Claim, published_date
from checker.rules.stories import Story, affinity, names, story_id


def _average_linkage(scores: np.ndarray, threshold: float) -> list[list[int]]:
    """Merge the two closest groups while their mean pairwise score reaches ``threshold``.

    scipy's average linkage does the merging (in C: a Python loop over every pair of groups
    at every step is cubic in the number of articles). Scores become distances (highest score,
    shortest distance); a pair the date gate forbids (-inf) gets a distance so large that any
    group holding it averages past the cut, so it never merges, as before.
    """
    n = len(scores)
    if n < 2:
        return [[i] for i in range(n)]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    finite = scores[np.isfinite(scores)]
    offset = (float(finite.max()) if finite.size else 0.0) + 1.0
    cut = offset - threshold
    distances = offset - scores
    forbidden = abs(cut) * n * n * 10 + 1.0
    distances[np.isneginf(scores)] = forbidden
    np.fill_diagonal(distances, 0.0)
    labels = fcluster(linkage(squareform(distances, checks=False), "average"), cut, "distance")
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(int(label), []).append(i)
    return sorted(groups.values())


def _attach_singletons(
    clusters: list[list[int]], scores: np.ndarray, min_z: float, floor_z: float
) -> list[list[int]]:
    """An article left alone joins the group of its best match when that match reaches
    ``min_z`` and the group as a whole is at least ``floor_z`` related to it.

    Average linkage keeps chance matches from chaining stories together, but it also leaves
    out an article that matches one outlet well and the others less (a third outlet with its
    own angle); alone it would be paired with nothing.
    """
    owner = {i: k for k, members in enumerate(clusters) for i in members}
    moves: dict[int, int] = {}
    for k, members in enumerate(clusters):
        if len(members) != 1:
            continue
        i = members[0]
        row = scores[i].copy()
        row[i] = -math.inf
        best = int(np.argmax(row))
        if row[best] < min_z or len(clusters[owner[best]]) < 2:
            continue
        group = clusters[owner[best]]
        if float(scores[i, group].mean()) >= floor_z:
            moves[k] = owner[best]
    for k, target in moves.items():
        clusters[target] = sorted(clusters[target] + clusters[k])
    return [c for k, c in enumerate(clusters) if k not in moves]


def _anchors(members: Sequence[int], article_names: Sequence[frozenset[str]]) -> set[str]:
    """Names in at least half of a cluster's articles: what the cluster is about."""
    counts: dict[str, int] = {}
    for i in members:
        for name in article_names[i]:
            counts[name] = counts.get(name, 0) + 1
    need = math.ceil(len(members) / 2)
    return {name for name, count in counts.items() if count >= need}


def _join_by_names(
    clusters: list[list[int]],
    scores: np.ndarray,
    article_names: Sequence[frozenset[str]],
    languages: Sequence[str],
    min_names: int,
    min_z: float,
    fewer_names_z: float = math.inf,
) -> list[list[int]]:
    """Join clusters in different languages that share ``min_names`` names and some content,
    or a name fewer (at least one) and closer content."""
    fewest = min(min_names, max(1, min_names - 1)) if math.isfinite(fewer_names_z) else min_names
    changed = True
    while changed:
        changed = False
        best, pair = -1.0, (0, 0)
        langs = [{languages[i] for i in members} for members in clusters]
        anchors = [_anchors(members, article_names) for members in clusters]
        for x in range(len(clusters)):
            for y in range(x + 1, len(clusters)):
                # within one language the embedder already judged them: names shared by
                # stories of one beat (Trump, Senate) would chain them together
                if langs[x] & langs[y]:
                    continue
                block = scores[np.ix_(clusters[x], clusters[y])]
                shared = len(anchors[x] & anchors[y])
                need = min_z if shared >= min_names else fewer_names_z
                if np.isneginf(block).any() or float(block.mean()) < need:
                    continue
                if shared >= fewest and shared + float(block.mean()) > best:
                    best, pair = shared + float(block.mean()), (x, y)
        if best >= 0:
            x, y = pair
            clusters[x] = sorted(clusters[x] + clusters[y])
            del clusters[y]
            changed = True
    return clusters


def dense_group_stories(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    band: Baseline,
    *,
    min_z: float,
    name_z: float,
    min_names: int,
    max_days: int,
    fewer_names_z: float = math.inf,
) -> tuple[Story, ...]:
    """group_stories as it was: every article pair scored into one n×n matrix.

    ``vectors`` are row-aligned with ``claims``; ``min_z`` is the content score (in σ above the
    unrelated band) two groups need to be one story by content alone, ``name_z`` the lower
    score that suffices across languages with ``min_names`` shared names.
    """
    ids = list(dict.fromkeys(c.article_id for c in claims))
    if not ids:
        return ()
    rows: dict[str, list[int]] = {}
    for row, claim in enumerate(claims):
        rows.setdefault(claim.article_id, []).append(row)
    by_id = {a.id: a for a in articles}
    dates = [published_date(by_id[i].published) if i in by_id else None for i in ids]
    n = len(ids)
    scores = np.full((n, n), math.inf)
    for x in range(n):
        for y in range(x + 1, n):
            if dates[x] and dates[y] and abs((dates[x] - dates[y]).days) > max_days:
                score = -math.inf
            else:
                score = band.z(affinity(vectors[rows[ids[x]]], vectors[rows[ids[y]]]))
            scores[x, y] = scores[y, x] = score
    clusters = _attach_singletons(_average_linkage(scores, min_z), scores, min_z, name_z)
    claims_of: dict[str, list[Claim]] = {}
    for claim in claims:
        claims_of.setdefault(claim.article_id, []).append(claim)
    article_names = [names(claims_of[i]) for i in ids]
    languages = [by_id[i].language if i in by_id else "" for i in ids]
    clusters = _join_by_names(
        clusters, scores, article_names, languages, min_names, name_z, fewer_names_z
    )
    stories = [tuple(sorted(ids[i] for i in members)) for members in clusters]
    stories.sort(key=lambda members: (-len(members), story_id(members)))
    return tuple(Story(story_id(members), members) for members in stories)
