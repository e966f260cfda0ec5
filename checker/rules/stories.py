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
  of those similarities (the facts both report), measured in standard deviations above an
  *unrelated band*. The caller gives the claims centred on their languages' means and the
  band of centred reference sentences on unrelated topics (``centring.language_space``,
  from text shipped per language): a multilingual embedder puts each language in its own
  region, and only centred do two languages' accounts of one event score like one
  language's. A fixed reference keeps the scale comparable across embedders without looking
  at the rest of the input;
* **names** across languages: small multilingual embedders link two languages weakly, so the
  language groups of one story are joined when they share enough capitalised names
  (``Obama``, ``Orlando``, ``Mateen``) and their content is at least loosely related.

Articles are first clustered by content (average linkage, so one chance match cannot chain two
stories together), then clusters are joined by names. No step builds the n×n matrix of article
pairs (see :func:`group_stories`), so runs of 100k articles fit in memory.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

import numpy as np

from checker.config import Config
from checker.records import Article, Baseline, Claim, ValueKind, published_date
from checker.rules.names import spelling_key
from checker.rules.pairing import TIE_MARGIN, neighbours_above
from checker.rules.values import DISTINCT_FIGURE, Value

BEST_MATCHES = 3  # facts two articles must share, as best-match similarities averaged
MIN_NAME_LENGTH = 3
_WORD = re.compile(r"[^\W\d_][^\W_]*")  # hyphenated names split: Saudi-Arabien
_NAME_GAP = re.compile(r"[ \u00a0]+")  # words of one name: only spaces between
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"“„«]\s*)$")


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


def reference_band(embed: Callable[[list[str]], np.ndarray]) -> Baseline:
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
    return Baseline(float(np.mean(values)), float(np.std(values)))


def affinity(a: np.ndarray, b: np.ndarray, best: int = BEST_MATCHES) -> float:
    """Mean of the ``best`` highest best-match similarities between two articles' claims."""
    if not len(a) or not len(b):
        return -math.inf
    sims = a @ b.T
    matches = np.sort(np.concatenate([sims.max(axis=1), sims.max(axis=0)]))
    return float(matches[-best:].mean())


def names(claims: Sequence[Claim]) -> frozenset[str]:
    """One key per name: capitalised words, a run of them ("Donald Trump", "Rose Garden") as
    its last word, so a name written in full and by its last word is one name, and a person's
    two names never count as two shared names. A lone capitalised word at a sentence start is
    left out (in most languages it is any word); mostly names, in every language.

    The key is the word's ``names.spelling_key``, so one name is one key across alphabets,
    transliterations and grammatical cases ("Trump", "Trumpa", "Трампа"; "Mueller", "Мюллер")."""
    found: set[str] = set()
    for claim in claims:
        text = claim.text
        run: list[re.Match[str]] = []
        for match in [*_WORD.finditer(text), None]:
            if match is not None and _capitalised(match.group()):
                if run and not _NAME_GAP.fullmatch(text[run[-1].end() : match.start()]):
                    found.update(_run_key(text, run))
                    run = []
                run.append(match)
                continue
            found.update(_run_key(text, run))
            run = []
    return frozenset(found)


def _capitalised(word: str) -> bool:
    return word[0].isupper() and not word.isupper() and len(word) >= MIN_NAME_LENGTH


def _run_key(text: str, run: Sequence[re.Match[str]]) -> tuple[str, ...]:
    """The key of one run of capitalised words: its last word, unless the run is one word at
    a sentence start."""
    if not run or (len(run) == 1 and _SENTENCE_START.search(text[: run[0].start()])):
        return ()
    return (spelling_key(run[-1].group()),)


class _Scores:
    """Article-pair scores, each computed once when first asked for: no n×n matrix.

    A score is the pair's affinity in σ above the unrelated band, or -inf when the date gate
    parts the two articles.
    """

    def __init__(
        self,
        claim_rows: Sequence[Sequence[int]],
        vectors: np.ndarray,
        dates: Sequence[date | None],
        band: Baseline,
        max_days: int,
        stated: Sequence[date | None] = (),
        stated_days: int = Config.story_stated_days,
    ) -> None:
        self.claim_rows, self.vectors, self.dates = claim_rows, vectors, dates
        self.band, self.max_days = band, max_days
        self.stated = list(stated) or [None] * len(dates)
        self.stated_days = stated_days
        self.known: dict[tuple[int, int], float] = {}

    def _apart_by_stated(self, x: int, y: int) -> bool:
        """Told of days too far apart to be one story: an article states a day more than
        ``stated_days`` after the other was published. A stated day is only a lower bound of
        when an article was written (it may recall any earlier year), so two undated articles
        are never parted this way."""
        limit = self.stated_days
        for a, b in ((x, y), (y, x)):
            published, told = self.dates[a], self.stated[b]
            if published and told and (told - published).days > limit:
                return True
        return False

    def __call__(self, x: int, y: int) -> float:
        key = (x, y) if x < y else (y, x)
        if key not in self.known:
            a, b = self.dates[x], self.dates[y]
            if (a and b and abs((a - b).days) > self.max_days) or self._apart_by_stated(x, y):
                self.known[key] = -math.inf
            else:
                va, vb = self.vectors[self.claim_rows[x]], self.vectors[self.claim_rows[y]]
                self.known[key] = self.band.z(affinity(va, vb))
        return self.known[key]

    def block(self, xs: Sequence[int], ys: Sequence[int]) -> np.ndarray:
        """Scores of ``xs`` (rows) against ``ys`` (columns)."""
        return np.array([[self(x, y) for y in ys] for x in xs], dtype=np.float64)


def _average_linkage(
    n: int, links: Mapping[int, set[int]], score: _Scores, threshold: float
) -> list[list[int]]:
    """Merge the two groups of highest mean pairwise score while it reaches ``threshold``.

    Only linked groups are ever compared: a mean reaches the threshold only if one of its
    scores does, and a pair scoring that high is linked. A pair the date gate forbids (-inf)
    pulls its groups' mean to -inf, so they never merge. Groups are returned sorted.
    """
    members: dict[int, list[int]] = {x: [x] for x in range(n)}
    owner = list(range(n))
    heap: list[tuple[float, int, int]] = []

    def compare(a: int, b: int) -> None:
        mean = float(score.block(members[a], members[b]).mean())
        if mean >= threshold:
            heapq.heappush(heap, (-mean, min(a, b), max(a, b)))

    for x, linked in links.items():
        for y in linked:
            if x < y:
                compare(x, y)
    fresh = n
    while heap:
        _, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue  # one of them has merged since
        merged = sorted(members.pop(a) + members.pop(b))
        members[fresh] = merged
        for x in merged:
            owner[x] = fresh
        for other in sorted({owner[y] for x in merged for y in links.get(x, ())} - {fresh}):
            compare(fresh, other)
        fresh += 1
    return sorted(members.values())


def _attach_singletons(
    clusters: list[list[int]],
    links: Mapping[int, set[int]],
    score: _Scores,
    min_z: float,
    floor_z: float,
) -> list[list[int]]:
    """An article left alone joins the group of its best match when that match reaches
    ``min_z`` and the group as a whole is at least ``floor_z`` related to it.

    Average linkage keeps chance matches from chaining stories together, but it also leaves
    out an article that matches one outlet well and the others less (a third outlet with its
    own angle); alone it would be paired with nothing. A match reaching ``min_z`` is a link;
    of equal best matches the first article counts.
    """
    owner = {i: k for k, members in enumerate(clusters) for i in members}
    moves: dict[int, int] = {}
    for k, members in enumerate(clusters):
        if len(members) != 1 or not links.get(members[0]):
            continue
        i = members[0]
        best = max(sorted(links[i]), key=lambda j: score(i, j))
        if score(i, best) < min_z or len(clusters[owner[best]]) < 2:
            continue
        group = clusters[owner[best]]
        if float(score.block([i], group)[0].mean()) >= floor_z:
            moves[k] = owner[best]
    for k, target in moves.items():
        clusters[target] = sorted(clusters[target] + clusters[k])
    return [c for k, c in enumerate(clusters) if k not in moves]


def _anchors(members: Sequence[int], article_names: Sequence[frozenset[str]]) -> set[str]:
    """Names in at least half of a cluster's articles: what the cluster is about.

    A merged cluster's anchors are among its parts' (a name under half in each part is
    under half in the whole), which keeps the name index of :func:`_join_by_names` valid.
    """
    counts: dict[str, int] = {}
    for i in members:
        for name in article_names[i]:
            counts[name] = counts.get(name, 0) + 1
    need = math.ceil(len(members) / 2)
    return {name for name, count in counts.items() if count >= need}


def _join_by_names(
    clusters: list[list[int]],
    score: _Scores,
    article_names: Sequence[frozenset[str]],
    languages: Sequence[str],
    min_names: int,
    min_z: float,
    fewer_names_z: float = math.inf,
) -> list[list[int]]:
    """Join clusters in different languages that share ``min_names`` names and some content
    (``min_z``), or one name fewer (at least one) and closer content (``fewer_names_z``).

    Names shared across stories of one beat (a president, a party) are common, so with fewer
    of them the content must carry more. Greedy, best pair first: the most shared names plus
    mean score, of equal ones the pair first in list order; the joined cluster takes the
    first one's place. Only clusters sharing a name are compared (all pairs when
    ``min_names`` is 0).
    """
    fewest = min(min_names, max(1, min_names - 1)) if math.isfinite(fewer_names_z) else min_names
    alive = dict(enumerate(clusters))
    langs = {k: {languages[i] for i in members} for k, members in alive.items()}
    anchors = {k: _anchors(members, article_names) for k, members in alive.items()}
    version = dict.fromkeys(alive, 0)
    index: dict[str, set[int]] = {}
    for k, found in anchors.items():
        for name in found:
            index.setdefault(name, set()).add(k)
    heap: list[tuple[float, int, int, int, int]] = []

    def compare(x: int, y: int) -> None:
        """Queue the pair (x before y in list order) when it may be joined."""
        # within one language the embedder already judged them: names shared by stories
        # of one beat (Trump, Senate) would chain them together
        shared = len(anchors[x] & anchors[y])
        if langs[x] & langs[y] or shared < fewest:
            return
        block = score.block(alive[x], alive[y])
        need = min_z if shared >= min_names else fewer_names_z
        if np.isneginf(block).any() or float(block.mean()) < need:
            return
        if shared + float(block.mean()) > -1.0:
            priority = -(shared + float(block.mean()))
            heapq.heappush(heap, (priority, x, y, version[x], version[y]))

    def partners(x: int) -> list[int]:
        if min_names <= 0:
            return [y for y in alive if y != x]
        counts: dict[int, int] = {}
        for name in anchors[x]:
            for y in index.get(name, ()):
                if y != x and y in alive:
                    counts[y] = counts.get(y, 0) + 1
        return sorted(y for y, count in counts.items() if count >= fewest)

    for x in list(alive):
        for y in partners(x):
            if x < y:
                compare(x, y)
    while heap:
        _, x, y, vx, vy = heapq.heappop(heap)
        if x not in alive or y not in alive or (version[x], version[y]) != (vx, vy):
            continue
        alive[x] = sorted(alive[x] + alive.pop(y))
        langs[x] |= langs.pop(y)
        anchors[x] = _anchors(alive[x], article_names)
        version[x] += 1
        for name in anchors[x]:
            index.setdefault(name, set()).add(x)
        for other in partners(x):
            compare(min(x, other), max(x, other))
    return [alive[k] for k in sorted(alive)]


_FIGURE_KINDS = frozenset({ValueKind.COUNT, ValueKind.MONEY, ValueKind.PERCENT})


def figure_keys(values: Iterable[Value]) -> frozenset[str]:
    """One key per distinct figure an article states: an exact count, amount or share of at
    least ``DISTINCT_FIGURE`` with two significant digits or more ("23", "412,000", "61%", not
    "60", "2,000" or a year): the same such figures in two articles are the same story told
    twice, where names fail (a story with few names, or names in other scripts)."""
    found = set()
    for v in values:
        if v.kind not in _FIGURE_KINDS or v.low != v.high or v.low < DISTINCT_FIGURE:
            continue
        digits = f"{v.low:.6g}".replace(".", "").rstrip("0").lstrip("0")
        if len(digits) >= 2:
            found.add(f"#{v.kind}:{v.low:g}{v.unit}")
    return frozenset(found)


def rows_by_article(claims: Sequence[Claim]) -> dict[str, list[int]]:
    """Each article's claim rows, ascending: a story's rows without scanning every claim
    once per story (quadratic at 100k articles)."""
    rows: dict[str, list[int]] = {}
    for i, claim in enumerate(claims):
        rows.setdefault(claim.article_id, []).append(i)
    return rows


def story_rows(
    story: Story, claims: Sequence[Claim], rows_of: Mapping[str, Sequence[int]]
) -> list[int]:
    """A story's claim rows in a canonical order (content-derived article id, then offset),
    not input order: a baseline sampled by claim index, or candidates taken in row order,
    would otherwise move with the order files are read in."""
    return sorted(
        (i for a in story.article_ids for i in rows_of.get(a, ())),
        key=lambda i: (claims[i].article_id, claims[i].start),
    )


def story_id(article_ids: Sequence[str]) -> str:
    """Short and stable: a hash of the sorted member ids."""
    digest = hashlib.sha1("\x1f".join(sorted(article_ids)).encode("utf-8")).hexdigest()
    return f"story-{digest[:8]}"


def _cosine_floor(band: Baseline, z: float) -> float:
    """The claim-to-claim similarity two articles need somewhere for a score of ``z``.

    An affinity is a mean of best matches, so it is at most the best claim pair's similarity:
    articles scoring ``z`` have a claim pair at ``band.mean + z·band.std`` or above. The
    margin covers float32 rounding of the mean and of the z-score.
    """
    if band.std <= 0:  # every z-score is 0
        return -math.inf if z <= 0 else math.inf
    return band.mean + z * band.std - TIE_MARGIN


def _related_pairs(
    vectors: np.ndarray, article_of: np.ndarray, band: Baseline, min_z: float, use_faiss: bool
) -> set[tuple[int, int]]:
    """Article pairs ``(x, y)``, x < y, that may score ``min_z``: every pair with a claim pair
    at :func:`_cosine_floor`, found by a range search over the claims (never all pairs)."""
    floor = _cosine_floor(band, min_z)
    if floor == math.inf:
        return set()
    rows, cols = neighbours_above(
        vectors, vectors, article_of, article_of, floor, use_faiss=use_faiss
    )
    x, y = article_of[rows], article_of[cols]
    return set(zip(np.minimum(x, y).tolist(), np.maximum(x, y).tolist(), strict=True))


def latest_stated(values: Iterable[Value]) -> date | None:
    """The latest day or month, with its year, among an article's stated dates: a lower bound
    of when it was written, for an article that gives no publication date."""
    days = [
        date.fromordinal(int(v.low))
        for v in values
        if v.kind == "date" and v.unit in ("day", "month") and math.isfinite(v.low)
    ]
    return max(days, default=None)


def group_stories(
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
    faiss_min_claims: int = Config.faiss_min_claims,
    stated: Mapping[str, date] | None = None,
    stated_days: int = Config.story_stated_days,
    figures: Mapping[str, frozenset[str]] | None = None,
) -> tuple[Story, ...]:
    """Stories of the articles that have claims, largest first, then by id.

    ``vectors`` are row-aligned with ``claims``; ``min_z`` is the content score (in σ above the
    unrelated band) two groups need to be one story by content alone, ``name_z`` the lower
    score that suffices across languages with ``min_names`` shared names, ``fewer_names_z``
    the one that suffices with a name fewer. ``stated``: each
    article's latest stated day (``latest_stated``), which dates an article without a
    publication date (see ``_Scores._apart_by_stated``). ``figures``: each article's distinct
    figures (``figure_keys``), shared like names in the names join: "23 of the 60 seats",
    "412.000 stemmen" and "61%" tell one election in any language and script.

    Built to scale without changing a group (as the dense matrix of every pair gave them):
    two articles are *linked* when they score ``min_z``; a mean of scores reaches a threshold
    only if one of them does, so linkage and attaching compare only linked groups. Links
    are found by a range search over the claim vectors (an affinity is at most its best
    claim pair's similarity; faiss from ``faiss_min_claims`` claims when installed), the
    names join compares only clusters sharing names, and each pair score is computed once,
    when a step first needs it. Cost follows the links and the stories, never articles².
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
    use_faiss = len(claims) >= faiss_min_claims
    told = [(stated or {}).get(i) for i in ids]
    score = _Scores([rows[i] for i in ids], vectors, dates, band, max_days, told, stated_days)
    links: dict[int, set[int]] = {}
    for x, y in sorted(_related_pairs(vectors, article_of, band, min_z, use_faiss)):
        if score(x, y) >= min_z:
            links.setdefault(x, set()).add(y)
            links.setdefault(y, set()).add(x)
    clusters = _average_linkage(n, links, score, min_z)
    clusters = _attach_singletons(clusters, links, score, min_z, name_z)
    if len(set(languages)) > 1:  # else every pair of clusters shares a language
        claims_of: dict[str, list[Claim]] = {}
        for claim in claims:
            claims_of.setdefault(claim.article_id, []).append(claim)
        article_names = [
            names(claims_of[i]) | (figures or {}).get(i, frozenset()) for i in ids
        ]
        clusters = _join_by_names(
            clusters, score, article_names, languages, min_names, name_z, fewer_names_z
        )
    stories = [tuple(sorted(ids[i] for i in members)) for members in clusters]
    stories.sort(key=lambda members: (-len(members), story_id(members)))
    return tuple(Story(story_id(members), members) for members in stories)
