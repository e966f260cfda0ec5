"""The library's main entry points: ``check(articles, config) -> Report``, and
``score_pairs(pairs, config)`` for claim pairs given by the caller instead of found in articles.

Stages run in order and only hand records forward; models are passed in (or built lazily from
the config), never fetched from globals, so tests can swap in fakes with the same signatures.
"""

from __future__ import annotations

import datetime
import logging
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

import numpy as np

from checker.config import Config
from checker.engine.embedding import Embedder, SentenceTransformerEmbedder
from checker.engine.nli import NliScorer, TransformersNliScorer
from checker.engine.rayengine import RayEmbedder, RayScorer, RayWorkers, engine_workers
from checker.engine.store import CachedEmbedder, CachedScorer, Store, cache_identity
from checker.errors import UsageError
from checker.records import (
    Article,
    Baseline,
    Channel,
    Claim,
    NliScores,
    Pair,
    PairInput,
    ValueKind,
    Verdict,
    article_of,
    channels,
    published_date,
)
from checker.rules.articles import SHORT_FOR_DETECTION, detect_language
from checker.rules.centring import band_of, centre, language_pair_bands, language_space
from checker.rules.claims import extract_all
from checker.rules.evidence import (
    ClaimFacts,
    Evidence,
    claim_facts,
    comparable,
    doubted_statement,
    frame,
    frames,
    one_persons_age,
    one_saying,
    open_question,
    pair_evidence,
)
from checker.rules.figures import (
    one_figures,
    pairs_by_denials,
    pairs_by_digits,
    pairs_by_figures,
    pairs_by_tolls,
    pairs_of_stories,
)
from checker.rules.findings import Finding, findings
from checker.rules.language import guess_by_words
from checker.rules.names import last_name_keys, name_conflict, person_names
from checker.rules.pairing import Floor, candidate_pairs, channel_pair, known_pairs
from checker.rules.reading import Reading, measure_reading
from checker.rules.signals import claim_signals
from checker.rules.stories import (
    Story,
    figure_keys,
    group_stories,
    latest_stated,
    reference_band,
    rows_by_article,
    story_id,
    story_rows,
)
from checker.rules.values import Value
from checker.rules.verdict import AGREEMENT, CONTRADICTION, decide

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
    findings: tuple[Finding, ...] = ()  # one per disagreement (findings.py)

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


def build_embedder(config: Config, workers: RayWorkers | None = None) -> Embedder:
    """The configured embedder, behind the cache unless ``config.use_cache`` is off.

    The constructor resolves the spec, once; the cache is keyed by that same ``embedder.ref``,
    so the model loads from the folder the identity names. With ``workers`` (``--engine
    ray``) the model runs on them, in the dtype resolved for their device; the cache stays
    here, so only misses travel.
    """
    device = config.device if workers is None else workers.device
    embedder = SentenceTransformerEmbedder(
        config.embed_model, config.embed_prompt, device, config.dtype
    )
    model: Embedder = embedder if workers is None else RayEmbedder(embedder, workers)
    if not config.use_cache:
        return model
    # the resolved dtype, not the setting: fp32 and bf16 vectors must never mix in the cache
    identity = cache_identity(
        embedder.ref, "prompt", config.embed_prompt, "dtype", embedder.dtype
    )
    return CachedEmbedder(model, Store(config.cache_path or None), identity)


def build_scorer(config: Config, workers: RayWorkers | None = None) -> NliScorer:
    """The configured NLI scorer, behind the cache unless ``config.use_cache`` is off.

    The spec is resolved once, by the constructor, and ``workers`` run it, as in
    :func:`build_embedder`.
    """
    device = config.device if workers is None else workers.device
    scorer = TransformersNliScorer(config.nli_model, device, config.nli_max_length, config.dtype)
    model: NliScorer = scorer if workers is None else RayScorer(scorer, workers)
    if not config.use_cache:
        return model
    identity = cache_identity(
        scorer.ref, "max_length", config.nli_max_length, "dtype", scorer.dtype
    )
    return CachedScorer(model, Store(config.cache_path or None), identity)


def _paragraph_vectors(
    claims: Sequence[Claim], embedder: Embedder, config: Config, show_progress: bool
) -> np.ndarray:
    """One vector per claim for its paragraph; each distinct paragraph is embedded once."""
    texts = {c.article_id: article_of(c).text for c in claims}
    keys = [(c.article_id, c.paragraph_start, c.paragraph_end) for c in claims]
    unique = list(dict.fromkeys(keys))
    vectors = embedder.embed(
        [texts[a][s:e] for a, s, e in unique], config.batch_size, show_progress
    )
    row = {key: i for i, key in enumerate(unique)}
    return vectors[[row[key] for key in keys]]


def claim_facts_for(claims: Sequence[Claim], config: Config) -> dict[str, ClaimFacts]:
    """The claim-facts stage: each claim's values and names (dates anchored on its article's
    publication date) and its signals (certainty, speaker, times; the context resolves a
    pronoun speaker), read once in its article's language. Every later stage reads these
    records: none extracts again, none calls back."""
    known: dict[str, set[str]] = {}  # per article: the last names it writes in full
    for claim in claims:
        found = person_names(claim.text, article_of(claim).language)
        known.setdefault(claim.article_id, set()).update(last_name_keys(found))
    facts: dict[str, ClaimFacts] = {}
    for claim in claims:
        article = article_of(claim)
        signals = claim_signals(claim.text, article.language, claim.context, config.cue_files)
        said = claim_facts(
            claim.text, article.language, article.published, frozenset(known[claim.article_id])
        )
        # who the claim is of when it names no one ("The 58-year-old had served …")
        before = () if said.names or not claim.context else person_names(
            claim.context, article.language, frozenset(known[claim.article_id])
        )
        facts[claim.id] = replace(said, signals=signals, before=before)
    return facts


def story_dated(
    stories: Sequence[Story], claims: Sequence[Claim], facts: Mapping[str, ClaimFacts]
) -> dict[str, ClaimFacts]:
    """``facts`` with each undated article's claims given the median publication day of its
    story's dated articles, for the year only: outlets of one story publish within days, so
    "In 2010, she lost 43 votes" can be told to be of another year than the story (the
    another-time guard of ``evidence``). Relative days ("gestern") are not anchored on this
    estimate, since a day's error would make a date conflict; the articles themselves stay
    undated, so no row calls one report later than another on it."""
    articles = {c.article_id: article_of(c) for c in claims}
    inferred: dict[str, datetime.date] = {}
    for story in stories:
        days = sorted(
            d
            for a in story.article_ids
            if a in articles and (d := published_date(articles[a].published)) is not None
        )
        if not days:
            continue
        for a in story.article_ids:
            if a in articles and published_date(articles[a].published) is None:
                inferred[a] = days[(len(days) - 1) // 2]
    out = dict(facts)
    for claim in claims:
        day = inferred.get(claim.article_id)
        if day is not None:
            out[claim.id] = replace(facts[claim.id], published=day)
    return out


def find_stories(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    band: Baseline,
    config: Config,
    facts: Mapping[str, ClaimFacts] | None = None,
) -> tuple[Story, ...]:
    """The stories of the run, or one story of everything when ``config.one_story``.

    ``vectors``: the claims centred on their languages' means, ``band``: the unrelated band of
    that space (``centring.language_space``), which the story thresholds are set on. Raw
    vectors put each language in its own region: two accounts of one event in two languages
    scored like two stories in one."""
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
        fewer_names_z=config.story_fewer_names_z,
        max_days=config.story_max_days,
        faiss_min_claims=config.faiss_min_claims,
        stated=_stated_days(claims, facts) if facts is not None else None,
        stated_days=config.story_stated_days,
        figures=_figures_of(claims, facts) if facts is not None else None,
    )


def _values_by_article(
    claims: Sequence[Claim], facts: Mapping[str, ClaimFacts]
) -> dict[str, list[Value]]:
    """Every value each article's claims state, from their facts."""
    values: dict[str, list[Value]] = {}
    for claim in claims:
        values.setdefault(claim.article_id, []).extend(facts[claim.id].values)
    return values


def _figures_of(
    claims: Sequence[Claim], facts: Mapping[str, ClaimFacts]
) -> dict[str, frozenset[str]]:
    """Each article's distinct figures (``stories.figure_keys``), from its claims' facts."""
    return {a: figure_keys(vs) for a, vs in _values_by_article(claims, facts).items()}


def _stated_days(
    claims: Sequence[Claim], facts: Mapping[str, ClaimFacts]
) -> dict[str, datetime.date]:
    """Each article's latest stated day (``stories.latest_stated``), from its claims' facts."""
    found = {a: latest_stated(vs) for a, vs in _values_by_article(claims, facts).items()}
    return {a: d for a, d in found.items() if d is not None}


def pairs_by_story(
    stories: Sequence[Story],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    paragraphs: np.ndarray | None,
    fallback: Baseline | None,
    config: Config,
    search: tuple[np.ndarray, np.ndarray | None] | None = None,
) -> tuple[list[Pair], dict[str, Floor]]:
    """Candidate pairs of each story on its own, with its own baseline and floor.

    Nothing outside a story enters its statistics, so a story's pairs (and z-scores) are the
    same whatever else is in the folder.
    """
    pairs: list[Pair] = []
    floors: dict[str, Floor] = {}
    rows_of = rows_by_article(claims)
    for story in stories:
        if len(story.article_ids) < 2:
            continue
        # canonical order: the baseline is sampled by claim index, so the order files are
        # read in (their names and folders) would otherwise move a story's floor and z-scores
        rows = story_rows(story, claims, rows_of)
        found, floor = candidate_pairs(
            [claims[i] for i in rows],
            vectors[rows],
            paragraphs[rows] if paragraphs is not None else None,
            top_k=config.top_k,
            article_k=config.article_k,
            mutual_z=config.mutual_z,
            paragraph_k=config.paragraph_k,
            min_similarity=config.min_similarity,
            min_similarity_z=config.min_similarity_z,
            fallback=fallback,
            faiss_min_claims=config.faiss_min_claims,
            language_baselines=config.language_baselines,
            search_vectors=search[0][rows] if search is not None else None,
            search_paragraphs=(
                search[1][rows] if search is not None and search[1] is not None else None
            ),
        )
        floors[story.id] = floor
        pairs.extend(replace(p, story=story.id) for p in found)
    return pairs, floors


def pairs_by_value(
    stories: Sequence[Story],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    found: Sequence[Pair],
    floors: dict[str, Floor],
    facts: Mapping[str, ClaimFacts],
    embedder: Embedder,
    band: Baseline,
    config: Config,
) -> list[Pair]:
    """More candidates: claims of one story that state a value of the same thing.

    Outlets that disagree on a count word the rest differently, often in another language,
    so the claims may not be each other's nearest neighbours ("49 muertos y 53 heridos" vs
    "50 people were killed"). The words around each counted value (``evidence.frame``) are
    matched instead, ``frame_z`` σ above the unrelated band; pairs already found are skipped.
    """
    known = known_pairs(found)
    extra: list[Pair] = []
    rows_of = rows_by_article(claims)
    for story in stories:
        if len(story.article_ids) < 2 or story.id not in floors:
            continue
        items: list[tuple[int, str]] = []
        for i in story_rows(story, claims, rows_of):
            said = facts[claims[i].id]
            items += [
                (i, frame(said, v)) for v in said.values if v.counted and v.kind != "date"
            ]
        texts = list(dict.fromkeys(text for _, text in items))
        if len(texts) < 2:
            continue
        frame_vectors = embedder.embed(texts, config.batch_size)
        row = {text: k for k, text in enumerate(texts)}
        matrix = frame_vectors[[row[text] for _, text in items]]
        z = (matrix @ matrix.T - band.mean) / band.std if band.std > 0 else None
        if z is None:
            continue
        for x, y in zip(*np.nonzero(np.triu(z >= config.frame_z, k=1)), strict=True):
            i, j = items[x][0], items[y][0]
            a, b = claims[i], claims[j]
            if a.article_id == b.article_id or (a.id, b.id) in known:
                continue
            if (b.article_id, b.start) < (a.article_id, a.start):
                a, b, i, j = b, a, j, i
            known |= {(a.id, b.id), (b.id, a.id)}
            extra.append(
                channel_pair(claims, vectors, i, j, Channel.VALUE_FRAME, floors[story.id], story.id)
            )
    return extra


_Item = TypeVar("_Item")


def _joined_across_articles(
    claims: Sequence[Claim],
    items: Sequence[tuple[int, _Item]],
    joined: Callable[[int, _Item, int, _Item], bool],
) -> set[tuple[int, int]]:
    """Rows ``(i, j)``, ``i < j``, of two items (each a claim's row and what it states) in
    different articles that ``joined`` ties: one person's two ages, one office's two holders."""
    return {
        (min(i, j), max(i, j))
        for n, (i, x) in enumerate(items)
        for j, y in items[n + 1:]
        if claims[i].article_id != claims[j].article_id and joined(i, x, j, y)
    }


def pairs_by_ages(
    stories: Sequence[Story],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    found: Sequence[Pair],
    floors: dict[str, Floor],
    facts: Mapping[str, ClaimFacts],
    config: Config,
) -> list[Pair]:
    """More candidates: claims of one story, in different articles, that each state an age
    of one person (``evidence.one_persons_age``: the same person beside it, or the same
    office): "Tarnavsky, 63" and "Der 67-jährige Tarnavsky". A person's age is said in
    passing, in sentences about other things, so the two are rarely each other's neighbours;
    it cannot differ between two accounts of one story, so where it does, one is wrong."""

    def one_persons(rows: Sequence[int]) -> set[tuple[int, int]]:
        aged = [
            (row, v) for row in rows for v in facts[claims[row].id].values
            if v.kind == ValueKind.AGE
        ]
        return _joined_across_articles(
            claims, aged,
            lambda i, x, j, y: one_persons_age(x, y, facts[claims[i].id], facts[claims[j].id]),
        )

    return pairs_of_stories(stories, claims, vectors, found, floors, config, Channel.AGE,
                            one_persons)


def pairs_by_offices(
    stories: Sequence[Story],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    found: Sequence[Pair],
    floors: dict[str, Floor],
    facts: Mapping[str, ClaimFacts],
    config: Config,
) -> list[Pair]:
    """More candidates: claims of one story, in different articles, that name one office held
    by rival names (``names.name_conflict``: the same last name with other given names, or the
    same given name with another last name): "Trumps Rivalin Hillary Trump" and "Trump's
    Democratic rival, Hillary Clinton", "Her lawyer, Oskar Bremm" and "Son avocat, Me Anton
    Bremm". The office is said in passing, in sentences about other things, so the two are
    rarely each other's neighbours; one office held by two such names is one slot, and where
    the names differ one outlet has it wrong (``evidence`` weighs it as a name conflict)."""

    def one_office(rows: Sequence[int]) -> set[tuple[int, int]]:
        held = [
            (row, name) for row in rows for name in facts[claims[row].id].names if name.office
        ]
        return _joined_across_articles(
            claims, held, lambda i, x, j, y: x.office == y.office and name_conflict(x, y)
        )

    return pairs_of_stories(stories, claims, vectors, found, floors, config, Channel.OFFICE,
                            one_office)


# what a like measure is: a duration, a share, a sum, a vote's tally (counts and ages have
# channels of their own, dates are said of many happenings in one story)
_MEASURE_KINDS = frozenset({ValueKind.DURATION, ValueKind.PERCENT, ValueKind.MONEY,
                            ValueKind.TALLY})


def measure_mates(
    stories: Sequence[Story],
    claims: Sequence[Claim],
    search: np.ndarray,
    facts: Mapping[str, ClaimFacts],
    reach: int,
) -> set[tuple[int, int]]:
    """Rows ``(i, j)``, ``i < j``, of claims in two articles of one story that are each other's
    nearest claim with a like measure: among the ``reach`` claims of the other article most
    similar to each (``search``: unit rows), the first to state a measure ``comparable`` with
    one of its own. The choice is structure, as a mutual best match is: an account of a
    duration or a share in two languages ("Le ricerche sono durate 30 ore", "Die Rettungskräfte
    suchten 36 Stunden lang nach Überlebenden") is each other's nearest such claim though a
    small embedder links little else of the two."""
    mates: set[tuple[int, int]] = set()
    if reach <= 0:
        return mates
    rows_of = rows_by_article(claims)
    for story in stories:
        if len(story.article_ids) < 2:
            continue
        rows = story_rows(story, claims, rows_of)
        measured = {
            i: found for i in rows
            if (found := [v for v in facts[claims[i].id].values if v.kind in _MEASURE_KINDS])
        }
        by_article = {a: rows_of.get(a, []) for a in story.article_ids}
        nearest: dict[tuple[int, str], int] = {}
        asking = np.array(sorted(measured))
        for article, cols in by_article.items():
            # each measured claim of the other articles against this article at once: one
            # matrix product per article, not one per claim and article
            others = asking[[claims[i].article_id != article for i in asking]]
            if not len(others):
                continue
            sims = search[others] @ search[cols].T
            order = np.argsort(-sims, axis=1, kind="stable")[:, :reach]
            for i, near in zip(others.tolist(), order.tolist(), strict=True):
                for j in (cols[c] for c in near):
                    if j in measured and any(
                        comparable(x, y) for x in measured[i] for y in measured[j]
                    ):
                        nearest[(i, article)] = j
                        break
        mates |= {
            (min(i, j), max(i, j)) for (i, _), j in nearest.items()
            if nearest.get((j, claims[i].article_id)) == i
        }
    return mates


def pairs_by_measures(
    stories: Sequence[Story],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    search: np.ndarray,
    found: Sequence[Pair],
    floors: dict[str, Floor],
    facts: Mapping[str, ClaimFacts],
    config: Config,
) -> list[Pair]:
    """``found`` with the ``Channel.MEASURE`` of each pair of measure mates (``measure_mates``)
    added, and the mates not found yet as new candidates: the whole list, since a pair found
    by similarity may be mates too, and that is evidence of one account whoever found it."""
    mates = measure_mates(stories, claims, search, facts, config.measure_k)
    return _tagged(stories, claims, vectors, found, floors, config, Channel.MEASURE, mates)


def pairs_by_one_figures(
    stories: Sequence[Story],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    found: Sequence[Pair],
    floors: dict[str, Floor],
    facts: Mapping[str, ClaimFacts],
    config: Config,
) -> list[Pair]:
    """``found`` with the ``Channel.ONE_FIGURE`` of each pair of its articles' one figures
    for one thing (``figures.one_figures``: a toll, an opening's date) added, and those not
    found yet as new candidates: the whole list."""
    rows = one_figures(stories, claims, facts)
    return _tagged(stories, claims, vectors, found, floors, config, Channel.ONE_FIGURE, rows)


def _tagged(
    stories: Sequence[Story],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    found: Sequence[Pair],
    floors: dict[str, Floor],
    config: Config,
    channel: Channel,
    rows: set[tuple[int, int]],
) -> list[Pair]:
    """``found`` with ``channel`` added to each pair of ``rows`` (``(i, j)``, ``i < j``), and
    the rows not found yet as new candidates: a pair found by similarity may be one of these
    too, and that is evidence of one account whoever found it."""
    if not rows:
        return list(found)
    ids = {(claims[i].id, claims[j].id) for i, j in rows}
    tagged = [
        replace(p, found_by=channels({*p.found_by, channel}))
        if (p.a.id, p.b.id) in ids or (p.b.id, p.a.id) in ids else p
        for p in found
    ]

    def of_story(story_rows: Sequence[int]) -> set[tuple[int, int]]:
        story = set(story_rows)
        return {(i, j) for i, j in rows if i in story and j in story}

    return tagged + pairs_of_stories(
        stories, claims, vectors, tagged, floors, config, channel, of_story
    )


def frame_scorer(
    embedder: Embedder, band: Baseline, config: Config
) -> Callable[[str, str], float]:
    """``frame_z`` for a few frames asked one at a time: each embedded once, on first use."""
    vectors: dict[str, np.ndarray] = {}

    def vector(text: str) -> np.ndarray:
        if text not in vectors:
            vectors[text] = embedder.embed([text], config.batch_size)[0]
        return vectors[text]

    def frame_z(x: str, y: str) -> float:
        return band.z(float(vector(x) @ vector(y)))

    return frame_z


def evidence_for(
    pairs: Sequence[Pair],
    facts: Mapping[str, ClaimFacts],
    embedder: Embedder,
    band: Baseline,
    config: Config,
) -> list[Evidence]:
    """Same-event evidence and value conflicts of every pair.

    Value frames are compared with the embedder (across languages), each embedded once; two
    are the same thing ``frame_z`` σ above the embedder's unrelated band. (Not its band per
    language pair: that is measured on sentences, and frames are a few words.)
    """
    paired = {c.id: facts[c.id] for p in pairs for c in (p.a, p.b)}
    # an open question doubted on one side ("whether the fire was set") is measured against
    # what the other asserts like two frames: embedded with them, each text once
    asked = {
        k: q for k, p in enumerate(pairs) if (q := open_question(facts[p.a.id], facts[p.b.id]))
    }
    doubted = {
        k: q for k, p in enumerate(pairs)
        if (q := doubted_statement(facts[p.a.id], facts[p.b.id]))
    }
    # the quotations of two claims giving them to two people, measured like two frames
    said = {
        k: q for k, p in enumerate(pairs) if (q := one_saying(facts[p.a.id], facts[p.b.id]))
    }
    texts = list(dict.fromkeys([
        *frames(list(paired.values())),
        *(t for q in [*asked.values(), *said.values(), *doubted.values()] for t in q),
    ]))
    vectors = embedder.embed(texts, config.batch_size) if texts else np.zeros((0, 1))
    row = {text: i for i, text in enumerate(texts)}

    def frame_z(x: str, y: str) -> float:
        return band.z(float(vectors[row[x]] @ vectors[row[y]]))

    return [
        replace(
            pair_evidence(
                p,
                facts[p.a.id],
                facts[p.b.id],
                frame_z,
                config.same_event_z,
                min_frame_z=config.frame_z,
                name_z=config.name_z,
                max_ratio=config.max_value_ratio,
                date_z=config.date_frame_z,
                sole_z=config.sole_frame_z,
                account_z=config.account_frame_z,
            ),
            doubt_z=frame_z(*asked[k]) if k in asked else None,
            saying_z=frame_z(*said[k]) if k in said else None,
            doubted_z=frame_z(*doubted[k]) if k in doubted else None,
        )
        for k, p in enumerate(pairs)
    ]


def decide_pairs(
    pairs: Sequence[Pair],
    forward: Sequence[NliScores],
    backward: Sequence[NliScores],
    facts: Mapping[str, ClaimFacts],
    embedder: Embedder,
    band: Baseline,
    config: Config,
    reading: Reading | None = None,
) -> list[Verdict]:
    """Signals, same-event evidence and the verdict of every NLI-scored pair.

    The one path from NLI scores to verdicts, shared by ``check`` (pairs it found) and
    ``score_pairs`` (pairs given to it), so both judge a pair by the same rules. ``reading``:
    which languages the NLI model reads (:func:`nli_reading_of`); None uses NLI everywhere.
    """
    evidence = evidence_for(pairs, facts, embedder, band, config)
    reading = reading or Reading()
    return [
        decide(
            p, f, b, config, facts[p.a.id].signals, facts[p.b.id].signals, e,
            reading.unread(article_of(p.a).language, article_of(p.b).language),
        )
        for p, f, b, e in zip(pairs, forward, backward, evidence, strict=True)
    ]


def nli_reading_of(scorer: NliScorer, codes: Sequence[str], config: Config) -> Reading:
    """Which of the run's languages the NLI model reads (``checker/rules/reading.py``),
    measured with the run's own scorer (and its cache) on the shipped reference text."""
    reading = measure_reading(
        lambda pairs: scorer.score(pairs, config.batch_size), codes, config.nli_min_reading
    )
    if reading.scores:
        log.info(
            "NLI reading by language: %s",
            ", ".join(f"{code} {value:.2f}" for code, value in sorted(reading.scores.items())),
        )
    return reading


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

    Returns every scored pair, neutral ones included; the report writer filters. Models not
    passed in are built from ``config``, on Ray workers with ``engine = "ray"`` (the pool
    lives for this call).
    """
    config = config or Config()
    with engine_workers(config) as workers:
        return _check(articles, config, embedder, scorer, workers, show_progress)


def _check(
    articles: Sequence[Article],
    config: Config,
    embedder: Embedder | None,
    scorer: NliScorer | None,
    workers: RayWorkers | None,
    show_progress: bool,
) -> Report:
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    claims, dropped = extract_all(
        articles, config.min_words, max_chars=config.max_claim_chars
    )
    seconds["claims"] = time.perf_counter() - started
    log.info("%d claims; not claims: %s", len(claims), dict(dropped) or "none")
    articles_with_claims = {c.article_id for c in claims}
    for article in articles:
        if article.id not in articles_with_claims:
            log.warning("%s: no claims found (too short, or only headings/questions)", article.id)
    verdicts: list[Verdict] = []
    found: tuple[Finding, ...] = ()
    stories: tuple[Story, ...] = ()
    floors: dict[str, Floor] = {}
    calls = 0
    if len(articles_with_claims) >= 2:
        started = time.perf_counter()
        embedder = embedder or build_embedder(config, workers)
        vectors = embedder.embed([c.text for c in claims], config.batch_size, show_progress)
        paragraphs = (
            _paragraph_vectors(claims, embedder, config, show_progress)
            if config.paragraph_k > 0
            else None
        )
        seconds["embedding"] = time.perf_counter() - started
        started = time.perf_counter()
        facts = claim_facts_for(claims, config)
        seconds["facts"] = time.perf_counter() - started
        started = time.perf_counter()
        band = reference_band(lambda texts: embedder.embed(texts, config.batch_size))
        # claims centred on their languages' means (checker/rules/centring.py): grouping and
        # candidate search weigh what claims say, not which language says it
        space = language_space(lambda texts: embedder.embed(texts, config.batch_size))
        codes = [article_of(c).language for c in claims]
        centred = centre(vectors, codes, space.means)
        stories = find_stories(articles, claims, centred, space.band, config, facts)
        facts = story_dated(stories, claims, facts)
        seconds["stories"] = time.perf_counter() - started
        log.info(
            "%d stories: %s",
            len(stories),
            "; ".join(f"{s.id} ({len(s.article_ids)} articles)" for s in stories),
        )
        started = time.perf_counter()
        # what two articles of one story share: a small story's z-scores are taken from here
        story_band = story_baseline(band, config)
        search: tuple[np.ndarray, np.ndarray | None] | None = None
        if config.centre_languages:
            # scores stay on the scale the pairing thresholds are set on (the raw vectors):
            # only the search for candidates runs on the centred ones
            search = (
                centred,
                centre(paragraphs, codes, space.means) if paragraphs is not None else None,
            )
        pairs, floors = pairs_by_story(
            stories, claims, vectors, paragraphs, story_band, config, search
        )
        if config.value_pairs:
            pairs += pairs_by_value(stories, claims, vectors, pairs, floors, facts, embedder,
                                    band, config)
            pairs += pairs_by_figures(stories, claims, vectors, pairs, floors, facts, config)
            pairs += pairs_by_tolls(stories, claims, vectors, pairs, floors, facts, config)
            pairs += pairs_by_digits(stories, claims, vectors, pairs, floors, facts, config)
            pairs += pairs_by_denials(stories, claims, vectors, pairs, floors, facts, config)
            pairs += pairs_by_ages(stories, claims, vectors, pairs, floors, facts, config)
            pairs += pairs_by_offices(stories, claims, vectors, pairs, floors, facts, config)
            pairs = pairs_by_measures(
                stories, claims, vectors, centred if search is not None else vectors, pairs,
                floors, facts, config,
            )
            pairs = pairs_by_one_figures(stories, claims, vectors, pairs, floors, facts, config)
        seconds["pairing"] = time.perf_counter() - started
        for story, floor in floors.items():
            log.info(
                "%s: similarity floor %.3f (cross-article baseline %.3f ± %.3f)",
                story,
                floor.value,
                floor.baseline.mean,
                floor.baseline.std,
            )
        log.info("%d candidate pairs", len(pairs))
        if pairs:
            started = time.perf_counter()
            scorer = scorer or build_scorer(config, workers)
            forward, backward, calls = score_both_directions(
                [(p.a.text, p.b.text) for p in pairs], scorer, config, show_progress
            )
            seconds["nli"] = time.perf_counter() - started
            started = time.perf_counter()
            reading = nli_reading_of(scorer, [a.language for a in articles], config)
            verdicts = decide_pairs(
                pairs, forward, backward, facts, embedder, band, config, reading
            )
            seconds["verdict"] = time.perf_counter() - started
            started = time.perf_counter()
            rows_of = rows_by_article(claims)
            story_claims = {
                s.id: [claims[i] for a in s.article_ids for i in rows_of.get(a, ())]
                for s in stories
            }
            found = findings(
                verdicts,
                story_claims=story_claims,
                facts=facts,
                frame_z=frame_scorer(embedder, band, config),
                join_z=config.finding_join_z,
            )
            seconds["findings"] = time.perf_counter() - started
    return Report(
        articles=tuple(articles),
        claims=tuple(claims),
        verdicts=tuple(verdicts),
        dropped=dict(Counter(dropped)),
        stories=stories,
        floors=floors,
        nli_calls=calls,
        seconds=seconds,
        findings=found,
    )


def _checked(item: PairInput | tuple[str, str], number: int) -> PairInput:
    """``item`` as a ``PairInput`` with stripped claims; an empty claim, or a ``found_by``
    that is no channel (``records.channels``), is a usage error, raised before model work."""
    pair = item if isinstance(item, PairInput) else PairInput(*item)
    a, b = pair.claim_a.strip(), pair.claim_b.strip()
    for side, text in (("claim_a", a), ("claim_b", b)):
        if not text:
            raise UsageError(f"pair {number}: {side} is empty")
    try:
        channels(pair.found_by)
    except ValueError:
        known = ", ".join(repr(c.label) for c in Channel)
        raise UsageError(f"pair {number}: found_by must be among {known}") from None
    return replace(pair, claim_a=a, claim_b=b)


def pair_languages(pair: PairInput) -> tuple[tuple[str, str], tuple[str, str]]:
    """Each side's language and how it was set: given; detected on the claim itself when it is
    long enough; else the other side's (given, or detected on its longer text), or detected on
    both claims together. Two short German claims are otherwise easily "Portuguese"."""
    given = {"a": pair.language_a, "b": pair.language_b}
    texts = {"a": pair.claim_a, "b": pair.claim_b}
    out: dict[str, tuple[str, str]] = {}
    for side, other in (("a", "b"), ("b", "a")):
        if given[side]:
            out[side] = (given[side], "given")
        elif len(texts[side].strip()) >= SHORT_FOR_DETECTION:
            out[side] = (detect_language(texts[side]), "detected")
        elif guessed := guess_by_words(texts[side]):
            out[side] = (guessed, "short: read by its frequent words")
        elif given[other]:
            out[side] = (given[other], f"short: the language of claim {other}")
        else:
            both = f"{texts['a']} {texts['b']}"
            out[side] = (detect_language(both), "short: detected on both claims")
    return out["a"], out["b"]


def _side(
    pair: PairInput, number: int, side: str, language: tuple[str, str], max_chars: int
) -> tuple[Article, Claim, str]:
    """One side of a given pair as a one-claim article, so it runs through ``check``'s path.

    Also returns how its language was set, for the reasons. A claim longer than ``max_chars``
    is cut there, with a warning, so a pasted page cannot stall the run.
    """
    text, published = (
        (pair.claim_a, pair.published_a) if side == "a" else (pair.claim_b, pair.published_b)
    )
    if len(text) > max_chars:
        log.warning(
            "pair %d: claim %s is %d characters long; only its first %d are checked",
            number, side, len(text), max_chars,
        )
        text = text[:max_chars]
    code, how = language
    article = Article(id=f"pair-{number}-{side}", text=text, language=code, published=published)
    claim = Claim(
        id=f"{article.id}#0-{len(text)}",
        article_id=article.id,
        text=text,
        start=0,
        end=len(text),
        article=article,
    )
    return article, claim, f"{side} {article.language or 'unknown'} ({how})"


def _baseline(
    band: Baseline, config: Config, context: Baseline | None, own_languages: bool = False
) -> tuple[Baseline, str]:
    """The baseline z is measured against when the caller gives none, and its description.

    Without a story there is no baseline of the run's own; ``check`` then uses
    :func:`story_baseline`, and so does this, so a given pair's z means what it means in a
    small story. ``band`` is the pair's own two languages' band where ``own_languages``.
    """
    if context is not None:
        if not context.std > 0:
            raise UsageError(f"baseline std must be positive, got {context.std}")
        return context, f"the given baseline (mean {context.mean:.3f}, std {context.std:.3f})"
    shifted = story_baseline(band, config)
    return shifted, (
        f"the reference band (no story baseline)"
        f"{' of these two languages' if own_languages else ''}: unrelated band {band.mean:.3f} "
        f"+ story_baseline_z {config.story_baseline_z} × std {band.std:.3f}"
    )


def story_baseline(band: Baseline, config: Config) -> Baseline:
    """What a story's own cross-article baseline would be, from the embedder's unrelated band:
    shifted up by ``story_baseline_z`` σ (measured on the dev stories: 0.23–0.84 σ, median
    0.7; their spread about 1.08× the band's). Used where a story is too small to have a
    baseline of its own, and for pairs given alone (``compare``)."""
    return Baseline(band.mean + config.story_baseline_z * band.std, band.std)


def score_pairs(
    pairs: Sequence[PairInput | tuple[str, str]],
    config: Config | None = None,
    *,
    embedder: Embedder | None = None,
    scorer: NliScorer | None = None,
    context: Baseline | None = None,
) -> tuple[Verdict, ...]:
    """Verdicts for claim pairs given by the caller, in their order: no stories, no pairing.

    Each pair goes through ``check``'s own path: NLI in both directions
    (``score_both_directions``), signals, same-event evidence and ``decide``
    (``decide_pairs``). Only the run-relative input differs, and is never silently zero: a
    pair's similarity z is the caller's ``PairInput.z`` when given; else the cosine of the
    two claims' embeddings against ``context`` (a baseline such as a story's, e.g.
    ``floor.baseline`` from a ``Report``) when given; else
    against :func:`story_baseline`, as ``check`` does for a story too small for a baseline
    of its own. Which one was used, and how each
    language was set, is the last reasons of each verdict. Models are built from ``config``
    (behind the cache) only when there are pairs and none is passed in.
    """
    config = config or Config()
    given = [_checked(item, number) for number, item in enumerate(pairs, 1)]
    if not given:
        return ()
    with engine_workers(config) as workers:
        return _score_pairs(given, config, embedder, scorer, workers, context)


def _score_pairs(
    given: list[PairInput],
    config: Config,
    embedder: Embedder | None,
    scorer: NliScorer | None,
    workers: RayWorkers | None,
    context: Baseline | None,
) -> tuple[Verdict, ...]:
    sides = []
    for n, p in enumerate(given, 1):
        language_a, language_b = pair_languages(p)
        sides.append(
            (
                _side(p, n, "a", language_a, config.max_claim_chars),
                _side(p, n, "b", language_b, config.max_claim_chars),
            )
        )
    articles = [article for a, b in sides for article in (a[0], b[0])]
    embedder = embedder or build_embedder(config, workers)
    texts = list(dict.fromkeys(article.text for article in articles))
    vectors = embedder.embed(texts, config.batch_size)
    row = {text: i for i, text in enumerate(texts)}
    band = reference_band(lambda texts: embedder.embed(texts, config.batch_size))
    measured = context is None and any(p.z is None for p in given)  # z from a band here
    bands = (
        language_pair_bands(
            lambda t: embedder.embed(t, config.batch_size), [a.language for a in articles]
        )
        if config.language_bands and measured
        else {}
    )
    records: list[Pair] = []
    notes: list[tuple[str, ...]] = []
    for pair, ((_, a, language_a), (_, b, language_b)) in zip(given, sides, strict=True):
        similarity = float(vectors[row[a.text]] @ vectors[row[b.text]])
        if pair.z is None:
            own = band_of(bands, article_of(a).language, article_of(b).language, band)
            baseline, where = _baseline(own, config, context, own is not band)
            z, how = baseline.z(similarity), f"against {where}"
        else:
            z, how = pair.z, "given by the caller"
        found_by = channels(pair.found_by) or (Channel.NEIGHBOURS,)
        records.append(Pair(a, b, similarity, found_by, z))
        notes.append(
            (
                f"similarity {similarity:.2f}, z {z:.1f} {how}",
                f"languages: {language_a}, {language_b}",
            )
        )
    scorer = scorer or build_scorer(config, workers)
    forward, backward, _ = score_both_directions(
        [(p.a.text, p.b.text) for p in records], scorer, config, False
    )
    facts = claim_facts_for([c for p in records for c in (p.a, p.b)], config)
    reading = nli_reading_of(scorer, [a.language for a in articles], config)
    verdicts = decide_pairs(records, forward, backward, facts, embedder, band, config, reading)
    return tuple(
        replace(v, reasons=(*v.reasons, *note)) for v, note in zip(verdicts, notes, strict=True)
    )
