"""The library's main entry point: ``check(articles, config) -> Report``.

Stages run in order and only hand records forward; models are passed in (or built lazily from
the config), never fetched from globals, so tests can swap in fakes with the same signatures.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from checker.claims import extract_all
from checker.config import Config
from checker.embedding import Embedder, SentenceTransformerEmbedder
from checker.evidence import Evidence, claim_facts, counted_phrases, pair_evidence
from checker.nli import NliScorer, TransformersNliScorer
from checker.pairing import Floor, candidate_pairs
from checker.records import Article, Claim, ClaimSignals, NliScores, Pair, Verdict
from checker.signals import claim_signals
from checker.store import CachedEmbedder, CachedScorer, Store, model_identity
from checker.stories import Band, Story, group_stories, reference_band, story_id
from checker.verdict import AGREEMENT, CONTRADICTION, decide

log = logging.getLogger("checker")


@dataclass(frozen=True)
class Report:
    """Everything one run found, plus the counts and timings for the summary."""

    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    verdicts: tuple[Verdict, ...]
    dropped: dict[str, int] = field(default_factory=dict)
    stories: tuple[Story, ...] = ()
    floors: dict[str, Floor] = field(default_factory=dict)  # per story id
    nli_calls: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def count(self, label: str) -> int:
        return sum(v.label == label for v in self.verdicts)

    def summary(self) -> str:
        """One line for the terminal."""
        total = sum(self.seconds.values())
        return (
            f"{len(self.articles)} articles, {len(self.claims)} claims, "
            f"{len(self.verdicts)} pairs scored ({self.nli_calls} NLI calls), "
            f"{self.count(CONTRADICTION)} contradictions, {self.count(AGREEMENT)} agreements "
            f"in {total:.1f} s"
        )


def build_embedder(config: Config) -> Embedder:
    """The configured embedder, behind the cache unless ``config.use_cache`` is off."""
    embedder = SentenceTransformerEmbedder(config.embed_model, config.embed_prompt, config.device)
    if not config.use_cache:
        return embedder
    identity = model_identity(config.embed_model, "prompt", config.embed_prompt)
    return CachedEmbedder(embedder, Store(config.cache_path or None), identity)


def build_scorer(config: Config) -> NliScorer:
    """The configured NLI scorer, behind the cache unless ``config.use_cache`` is off."""
    scorer = TransformersNliScorer(config.nli_model, config.device, config.nli_max_length)
    if not config.use_cache:
        return scorer
    identity = model_identity(config.nli_model, "max_length", config.nli_max_length)
    return CachedScorer(scorer, Store(config.cache_path or None), identity)


def _paragraph_vectors(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    embedder: Embedder,
    config: Config,
    show_progress: bool,
) -> np.ndarray:
    """One vector per claim for its paragraph; each distinct paragraph is embedded once."""
    texts = {a.id: a.text for a in articles}
    keys = [(c.article_id, c.paragraph_start, c.paragraph_end) for c in claims]
    unique = list(dict.fromkeys(keys))
    vectors = embedder.embed(
        [texts[a][s:e] for a, s, e in unique], config.batch_size, show_progress
    )
    row = {key: i for i, key in enumerate(unique)}
    return vectors[[row[key] for key in keys]]


def claim_signals_for(
    articles: Sequence[Article], claims: Sequence[Claim], config: Config
) -> dict[str, ClaimSignals]:
    """Signals of every claim, read in its article's language; the context resolves pronouns."""
    language = {a.id: a.language for a in articles}
    return {
        c.id: claim_signals(c.text, language.get(c.article_id, ""), c.context, config.cue_files)
        for c in claims
    }


def find_stories(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    band: Band,
    config: Config,
) -> tuple[Story, ...]:
    """The stories of the run, or one story of everything when ``config.one_story``."""
    if config.one_story:
        ids = tuple(sorted({c.article_id for c in claims}))
        return (Story(story_id(ids), ids),)
    return group_stories(
        articles,
        claims,
        vectors,
        band,
        min_z=config.story_z,
        name_z=config.story_name_z,
        min_names=config.story_min_names,
        max_days=config.story_max_days,
    )


def pairs_by_story(
    stories: Sequence[Story],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    paragraphs: np.ndarray | None,
    fallback: tuple[float, float] | None,
    config: Config,
) -> tuple[list[Pair], dict[str, Floor]]:
    """Candidate pairs of each story on its own, with its own baseline and floor.

    Nothing outside a story enters its statistics, so a story's pairs (and z-scores) are the
    same whatever else is in the folder.
    """
    pairs: list[Pair] = []
    floors: dict[str, Floor] = {}
    for story in stories:
        if len(story.article_ids) < 2:
            continue
        members = set(story.article_ids)
        # in a canonical order (content-derived article id, then offset), not input order: the
        # baseline is sampled by claim index, so the order files are read in (their names and
        # folders) would otherwise move a story's floor and z-scores
        rows = sorted(
            (i for i, c in enumerate(claims) if c.article_id in members),
            key=lambda i: (claims[i].article_id, claims[i].start),
        )
        found, floor = candidate_pairs(
            [claims[i] for i in rows],
            vectors[rows],
            paragraphs[rows] if paragraphs is not None else None,
            top_k=config.top_k,
            paragraph_k=config.paragraph_k,
            min_similarity=config.min_similarity,
            min_similarity_z=config.min_similarity_z,
            fallback=fallback,
        )
        floors[story.id] = floor
        pairs.extend(replace(p, story=story.id) for p in found)
    return pairs, floors


def evidence_for(
    articles: Sequence[Article],
    pairs: Sequence[Pair],
    embedder: Embedder,
    band: Band,
    config: Config,
) -> list[Evidence]:
    """Same-event evidence and value conflicts of every pair.

    Counted phrases are compared with the embedder (across languages), each embedded once;
    two are the same thing ``counted_z`` σ above the embedder's unrelated band.
    """
    by_id = {a.id: a for a in articles}
    claims = {c.id: c for p in pairs for c in (p.a, p.b)}
    facts = {
        cid: claim_facts(c.text, by_id[c.article_id].language, by_id[c.article_id].published)
        for cid, c in claims.items()
    }
    phrases = counted_phrases(list(facts.values()))
    vectors = embedder.embed(phrases, config.batch_size) if phrases else np.zeros((0, 1))
    row = {phrase: i for i, phrase in enumerate(phrases)}

    def counted_similar(x: str, y: str) -> bool:
        if x.casefold() == y.casefold():
            return True
        return band.z(float(vectors[row[x]] @ vectors[row[y]])) >= config.counted_z

    return [
        pair_evidence(p, facts[p.a.id], facts[p.b.id], counted_similar, config.same_event_z)
        for p in pairs
    ]


def score_both_directions(
    pairs: Sequence[tuple[str, str]], scorer: NliScorer, config: Config, show_progress: bool
) -> tuple[list[NliScores], list[NliScores], int]:
    """NLI for a→b and b→a of every pair, each distinct (premise, hypothesis) scored once."""
    wanted = list(dict.fromkeys([*pairs, *[(b, a) for a, b in pairs]]))
    probs = scorer.score(wanted, config.batch_size, show_progress)
    table = {pair: NliScores(*map(float, row)) for pair, row in zip(wanted, probs, strict=True)}
    forward = [table[(a, b)] for a, b in pairs]
    backward = [table[(b, a)] for a, b in pairs]
    return forward, backward, len(wanted)


def check(
    articles: Sequence[Article],
    config: Config | None = None,
    *,
    embedder: Embedder | None = None,
    scorer: NliScorer | None = None,
    show_progress: bool = False,
) -> Report:
    """Pair claims across ``articles`` and decide for each pair whether they agree or clash.

    Returns every scored pair, neutral ones included; the report writer filters.
    """
    config = config or Config()
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    claims, dropped = extract_all(articles, config.min_words)
    seconds["claims"] = time.perf_counter() - started
    log.info("%d claims; not claims: %s", len(claims), dict(dropped) or "none")
    articles_with_claims = {c.article_id for c in claims}
    for article in articles:
        if article.id not in articles_with_claims:
            log.warning("%s: no claims found (too short, or only headings/questions)", article.id)
    verdicts: list[Verdict] = []
    stories: tuple[Story, ...] = ()
    floors: dict[str, Floor] = {}
    calls = 0
    if len(articles_with_claims) >= 2:
        started = time.perf_counter()
        embedder = embedder or build_embedder(config)
        vectors = embedder.embed([c.text for c in claims], config.batch_size, show_progress)
        paragraphs = (
            _paragraph_vectors(articles, claims, embedder, config, show_progress)
            if config.paragraph_k > 0
            else None
        )
        seconds["embedding"] = time.perf_counter() - started
        started = time.perf_counter()
        band = reference_band(lambda texts: embedder.embed(texts, config.batch_size))
        stories = find_stories(articles, claims, vectors, band, config)
        seconds["stories"] = time.perf_counter() - started
        log.info(
            "%d stories: %s",
            len(stories),
            "; ".join(f"{s.id} ({len(s.article_ids)} articles)" for s in stories),
        )
        started = time.perf_counter()
        # what two articles of one story share: a small story's z-scores are taken from here
        story_band = (band.mean + config.story_z * band.std, band.std)
        pairs, floors = pairs_by_story(stories, claims, vectors, paragraphs, story_band, config)
        seconds["pairing"] = time.perf_counter() - started
        for story, floor in floors.items():
            log.info(
                "%s: similarity floor %.3f (cross-article baseline %.3f ± %.3f)",
                story,
                floor.value,
                floor.baseline_mean,
                floor.baseline_std,
            )
        log.info("%d candidate pairs", len(pairs))
        if pairs:
            started = time.perf_counter()
            scorer = scorer or build_scorer(config)
            forward, backward, calls = score_both_directions(
                [(p.a.text, p.b.text) for p in pairs], scorer, config, show_progress
            )
            seconds["nli"] = time.perf_counter() - started
            started = time.perf_counter()
            paired = {c.id: c for p in pairs for c in (p.a, p.b)}
            signals = claim_signals_for(articles, list(paired.values()), config)
            evidence = evidence_for(articles, pairs, embedder, band, config)
            verdicts = [
                decide(p, f, b, config, signals[p.a.id], signals[p.b.id], e)
                for p, f, b, e in zip(pairs, forward, backward, evidence, strict=True)
            ]
            seconds["verdict"] = time.perf_counter() - started
    return Report(
        articles=tuple(articles),
        claims=tuple(claims),
        verdicts=tuple(verdicts),
        dropped=dict(Counter(dropped)),
        stories=stories,
        floors=floors,
        nli_calls=calls,
        seconds=seconds,
    )
