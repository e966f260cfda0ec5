"""Group input articles into stories, so that claims are only ever paired within one story.

A folder often holds several stories. Pairing across them joins claims about different events,
and run-wide statistics (the similarity baseline, z-scores, floors) would shift whenever an
unrelated file is added. So every decision here is *pairwise and absolute*: whether two
articles belong together depends only on those two articles (and fixed settings), never on the
rest of the input. Adding the articles of an unrelated story therefore cannot change an existing
story, and with it no row of that story's report.

Evidence, strongest first:

* **publication dates**: two articles published more than ``story_max_days`` apart are never
  one story (when both dates are known);
* **content**: for each claim, its best match in the other article; the mean of the best few
  of those similarities (the facts both report), measured in standard deviations above the
  embedder's *unrelated band*: the similarity of sentences on unrelated topics from a fixed,
  bundled reference set (``data/reference.txt``). A fixed reference keeps the scale
  comparable across embedders without looking at the rest of the input;
* **names** across languages: small multilingual embedders link two languages weakly, so the
  language groups of one story are joined when they share enough capitalised names
  (``Obama``, ``Orlando``, ``Mateen``) and their content is at least loosely related.

Articles are first clustered by content (average linkage, so one chance match cannot chain two
stories together), then clusters are joined by names.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from checker.config import Config
from checker.names import fold
from checker.pairing import TIE_MARGIN, neighbours_above
from checker.records import Article, Claim, published_date

BEST_MATCHES = 3  # facts two articles must share, as best-match similarities averaged
MIN_NAME_LENGTH = 3
_WORD = re.compile(r"[^\W\d_][^\W_]*")  # hyphenated names split: Saudi-Arabien
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"“„«]\s*)$")


@dataclass(frozen=True)
class Band:
    """How similar unrelated sentences are for one embedder: thresholds are set against it."""

    mean: float
    std: float

    def z(self, similarity: float) -> float:
        return (similarity - self.mean) / self.std if self.std > 0 else 0.0


@dataclass(frozen=True)
class Story:
    """Articles about one event; ``id`` depends only on its members, so it is stable."""

    id: str
    article_ids: tuple[str, ...]


@lru_cache(maxsize=1)
def reference_sentences() -> tuple[tuple[str, str], ...]:
    """``(topic, sentence)`` pairs of the bundled reference set."""
    text = (resources.files("checker") / "data" / "reference.txt").read_text(encoding="utf-8")
    pairs = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            topic, _, sentence = line.partition("|")
            pairs.append((topic.strip(), sentence.strip()))
    return tuple(pairs)


def reference_band(embed: Callable[[list[str]], np.ndarray]) -> Band:
    """The embedder's unrelated band: similarity of reference sentences on different topics."""
    pairs = reference_sentences()
    vectors = embed([s for _, s in pairs])
    sims = vectors @ vectors.T
    topics = [t for t, _ in pairs]
    values = [
        float(sims[i, j])
        for i in range(len(pairs))
        for j in range(i + 1, len(pairs))
        if topics[i] != topics[j]
    ]
    return Band(float(np.mean(values)), float(np.std(values)))


def affinity(a: np.ndarray, b: np.ndarray, best: int = BEST_MATCHES) -> float:
    """Mean of the ``best`` highest best-match similarities between two articles' claims."""
    if not len(a) or not len(b):
        return -math.inf
    sims = a @ b.T
    matches = np.sort(np.concatenate([sims.max(axis=1), sims.max(axis=0)]))
    return float(matches[-best:].mean())


def names(claims: Sequence[Claim]) -> frozenset[str]:
    """Capitalised words not at a sentence start, folded: mostly names, in every language."""
    found: set[str] = set()
    for claim in claims:
        for match in _WORD.finditer(claim.text):
            word = match.group()
            if not word[0].isupper() or word.isupper() or len(word) < MIN_NAME_LENGTH:
                continue
            if _SENTENCE_START.search(claim.text[: match.start()]):
                continue
            found.add(fold(word))
    return frozenset(found)


def _average_linkage(scores: np.ndarray, threshold: float, offset: float) -> list[list[int]]:
    """Merge the two closest groups while their mean pairwise score reaches ``threshold``.

    scipy's average linkage does the merging (in C: a Python loop over every pair of groups
    at every step is cubic in the number of articles). Scores become distances (highest score,
    shortest distance); a pair the date gate forbids (-inf) gets a distance so large that any
    group holding it averages past the cut, so it never merges, as before. ``offset`` (more
    than any finite score) turns scores into distances; the run's highest score plus one.
    """
    n = len(scores)
    if n < 2:
        return [[i] for i in range(n)]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

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
) -> list[list[int]]:
    """Join clusters in different languages that share ``min_names`` names and some content."""
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
                if np.isneginf(block).any() or float(block.mean()) < min_z:
                    continue
                shared = len(anchors[x] & anchors[y])
                if shared >= min_names and shared + float(block.mean()) > best:
                    best, pair = shared + float(block.mean()), (x, y)
        if best >= 0:
            x, y = pair
            clusters[x] = sorted(clusters[x] + clusters[y])
            del clusters[y]
            changed = True
    return clusters


def story_id(article_ids: Sequence[str]) -> str:
    """Short and stable: a hash of the sorted member ids."""
    digest = hashlib.sha1("\x1f".join(sorted(article_ids)).encode("utf-8")).hexdigest()
    return f"story-{digest[:8]}"


def _cosine_floor(band: Band, z: float) -> float:
    """The claim-to-claim similarity two articles need somewhere for a score of ``z``.

    An affinity is a mean of best matches, so it is at most the best claim pair's similarity:
    articles scoring ``z`` have a claim pair at ``band.mean + z·band.std`` or above. The
    margin covers float32 rounding of the mean and of the z-score.
    """
    if band.std <= 0:  # every z-score is 0
        return -math.inf if z <= 0 else math.inf
    return band.mean + z * band.std - TIE_MARGIN


def _related_pairs(
    vectors: np.ndarray,
    article_of: np.ndarray,
    language_of: np.ndarray,
    band: Band,
    min_z: float,
    name_z: float,
    use_faiss: bool,
) -> set[tuple[int, int]]:
    """Article pairs ``(x, y)``, x < y, that can score an edge (see :func:`group_stories`):
    every pair with a claim pair at :func:`_cosine_floor` of ``min_z``, and across languages
    of ``min(min_z, name_z)``, found by a range search (never all claim pairs)."""
    found: set[tuple[int, int]] = set()

    def add(rows: np.ndarray, cols: np.ndarray) -> None:
        x, y = article_of[rows], article_of[cols]
        found.update(zip(np.minimum(x, y).tolist(), np.maximum(x, y).tolist(), strict=True))

    floor = _cosine_floor(band, min_z)
    if floor < math.inf:
        add(*neighbours_above(vectors, vectors, article_of, article_of, floor,
                              use_faiss=use_faiss))
    cross = _cosine_floor(band, min(min_z, name_z))
    languages = np.unique(language_of)
    if cross < floor and len(languages) > 1:
        # each language against the languages after it: every cross-language pair once
        for language in languages[:-1]:
            queries = np.flatnonzero(language_of == language)
            targets = np.flatnonzero(language_of > language)
            rows, cols = neighbours_above(
                vectors[queries], vectors[targets], article_of[queries], article_of[targets],
                cross, use_faiss=use_faiss,
            )
            add(queries[rows], targets[cols])
    return found


def group_stories(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    band: Band,
    *,
    min_z: float,
    name_z: float,
    min_names: int,
    max_days: int,
    faiss_min_claims: int = Config.faiss_min_claims,
) -> tuple[Story, ...]:
    """Stories of the articles that have claims, largest first, then by id.

    ``vectors`` are row-aligned with ``claims``; ``min_z`` is the content score (in σ above the
    unrelated band) two groups need to be one story by content alone, ``name_z`` the lower
    score that suffices across languages with ``min_names`` shared names.

    Scaling without changing a group: call two articles *linked* when they score ``min_z``, or
    ``min(min_z, name_z)`` in different languages. Every step joins only linked articles'
    groups (a mean of scores reaches a threshold only if one of them does; the names join
    needs two languages), so the groups lie within the connected components of the links,
    and each step, run on one component alone, makes the choices it makes there on all
    articles. So links are found by a range search over claim vectors (faiss above
    ``faiss_min_claims`` claims, when installed), and only a component's own article pairs
    are scored in full: memory and scoring follow the links and the largest story, never
    articles².
    """
    ids = list(dict.fromkeys(c.article_id for c in claims))
    if not ids:
        return ()
    rows: dict[str, list[int]] = {}
    for row, claim in enumerate(claims):
        rows.setdefault(claim.article_id, []).append(row)
    by_id = {a.id: a for a in articles}
    dates = [published_date(by_id[i].published) if i in by_id else None for i in ids]
    languages = [by_id[i].language if i in by_id else "" for i in ids]
    n = len(ids)
    number = {article_id: x for x, article_id in enumerate(ids)}
    article_of = np.array([number[c.article_id] for c in claims], dtype=np.int64)
    language_codes = {language: code for code, language in enumerate(sorted(set(languages)))}
    language_of = np.array([language_codes[languages[x]] for x in article_of], dtype=np.int64)
    scored: dict[tuple[int, int], float] = {}

    def score(x: int, y: int) -> float:
        """The pair's score, x < y: -inf when the date gate parts them."""
        if (x, y) not in scored:
            if dates[x] and dates[y] and abs((dates[x] - dates[y]).days) > max_days:
                scored[x, y] = -math.inf
            else:
                scored[x, y] = band.z(affinity(vectors[rows[ids[x]]], vectors[rows[ids[y]]]))
        return scored[x, y]

    def linked(x: int, y: int) -> bool:
        need = min_z if languages[x] == languages[y] else min(min_z, name_z)
        return score(x, y) >= need

    candidates = _related_pairs(
        vectors, article_of, language_of, band, min_z, name_z, len(claims) >= faiss_min_claims
    )
    links = [pair for pair in sorted(candidates) if linked(*pair)]
    components = _components(n, links)
    finite = [v for v in scored.values() if v > -math.inf]
    # the highest score of the run is a link whenever it could merge anything (>= min_z)
    offset = (max(finite) if finite else 0.0) + 1.0
    claims_of: dict[str, list[Claim]] = {}
    for claim in claims:
        claims_of.setdefault(claim.article_id, []).append(claim)
    clusters: list[list[int]] = []
    for members in components:
        if len(members) == 1:
            clusters.append(members)
            continue
        scores = np.full((len(members), len(members)), math.inf)
        for a, x in enumerate(members):
            for b in range(a + 1, len(members)):
                scores[a, b] = scores[b, a] = score(x, members[b])
        local = _attach_singletons(
            _average_linkage(scores, min_z, offset), scores, min_z, name_z
        )
        article_names = [names(claims_of[ids[x]]) for x in members]
        local = _join_by_names(
            local, scores, article_names, [languages[x] for x in members], min_names, name_z
        )
        clusters += [[members[a] for a in group] for group in local]
    stories = [tuple(sorted(ids[i] for i in members)) for members in clusters]
    stories.sort(key=lambda members: (-len(members), story_id(members)))
    return tuple(Story(story_id(members), members) for members in stories)


def _components(n: int, links: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Connected components of ``n`` articles under ``links``, each sorted, in order of their
    first article."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    x = np.array([a for a, _ in links], dtype=np.int64)
    y = np.array([b for _, b in links], dtype=np.int64)
    graph = coo_matrix((np.ones(len(links)), (x, y)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels.tolist()):
        groups.setdefault(label, []).append(i)
    return sorted(groups.values())
