"""Claims that are each other's nearest with a like measure are one account of that measure.

A small embedder links a duration told in Italian and in German ("Le ricerche sono durate 30
ore", "Die Rettungskräfte suchten 36 Stunden lang") too weakly to pair them by similarity or
to bind their frames. Where each is the other's nearest claim stating a like measure (the same
kind and unit: a duration, a share, a sum, a vote's tally) among the ``measure_k`` claims most
similar to it in the other article, the two are candidates (``Channel.MEASURE``), one account
by structure (``evidence.one_account``: the one measure of a kind each holds is one figure told
twice), and the choice weighs as evidence of one event. Sentences written for this test, in
eight languages.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from checker.config import Config
from checker.pipeline import claim_facts_for, measure_mates, pairs_by_measures
from checker.records import Article, Baseline, Channel, Claim, Pair
from checker.rules.evidence import ClaimFacts, one_account, pair_evidence
from checker.rules.pairing import Floor
from checker.rules.stories import Story
from tests.test_dates_bound import A, B

K = Config().measure_k


def _story(
    *articles: tuple[str, list[str]],
) -> tuple[list[Claim], Story, dict[str, ClaimFacts]]:
    """Claims of the given articles (language, sentences), one story."""
    claims = []
    made = []
    for n, (language, sentences) in enumerate(articles):
        article = Article(id=f"n{n}", text=" ".join(sentences), language=language)
        made.append(article)
        start = 0
        for k, text in enumerate(sentences):
            claims.append(Claim(id=f"n{n}#{k}", article_id=article.id, text=text, start=start,
                                end=start + len(text), article=article))
            start += len(text) + 1
    return claims, Story("s", tuple(a.id for a in made)), claim_facts_for(claims, Config())


def _vectors(claims: list[Claim], near: dict[tuple[str, str], float]) -> np.ndarray:
    """Unit rows whose dot products are ``near[(id, id)]`` for the pairs given, about 0 else:
    each claim its own axis, plus a shared component per pair."""
    ids = [c.id for c in claims]
    rows = np.eye(len(ids), len(ids) + len(near), dtype=np.float64)
    for k, ((x, y), sim) in enumerate(near.items()):
        # sim = w² / (1 + w²) for the two rows sharing column k at weight w
        w = np.sqrt(sim / (1 - sim))
        rows[ids.index(x), len(ids) + k] = w
        rows[ids.index(y), len(ids) + k] = w
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


SEARCH = [
    ("it", ["Il traghetto è affondato nel lago.", "Le ricerche sono durate 30 ore."]),
    ("de", ["Die Fähre sank auf dem See.",
            "Die Rettungskräfte suchten 36 Stunden lang nach Überlebenden."]),
]


def _ids(claims: list[Claim], mates: set[tuple[int, int]]) -> set[tuple[str, str]]:
    return {(claims[i].id, claims[j].id) for i, j in mates}


def test_each_the_others_nearest_with_a_like_measure() -> None:
    claims, story, facts = _story(*SEARCH)
    # the sinking sentences are each other's nearest; the durations only third-nearest
    # claims in the other article, yet the nearest there with a like measure
    vectors = _vectors(claims, {("n0#0", "n1#0"): 0.5, ("n0#1", "n1#0"): 0.3,
                                ("n1#1", "n0#0"): 0.3})
    assert _ids(claims, measure_mates([story], claims, vectors, facts, K)) == {("n0#1", "n1#1")}


def test_not_beyond_reach_nor_with_reach_zero() -> None:
    claims, story, facts = _story(*SEARCH)
    vectors = _vectors(claims, {("n0#1", "n1#0"): 0.3, ("n1#1", "n0#0"): 0.3})
    assert measure_mates([story], claims, vectors, facts, 1) == set()  # the nearest says nothing
    assert measure_mates([story], claims, vectors, facts, 0) == set()
    assert measure_mates([story], claims, vectors, facts, 2)


def test_only_like_measures_meet() -> None:
    unlike = [
        # hours against days: not one unit
        (("pl", ["Prom zatonął na jeziorze.", "Poszukiwania trwały 30 godzin."]),
         ("nl", ["De veerboot zonk op het meer.", "De zoektocht duurde twee dagen."])),
        # a share against a sum
        (("es", ["La empresa pagó una multa.", "La multa fue de 2,4 millones de euros."]),
         ("fr", ["L'entreprise a payé une amende.", "Le chômage a atteint 24 %."])),
        # a prison term against an evacuation ([spans]): never one figure
        (("cs", ["Soud vynesl rozsudek.", "Byl odsouzen k osmi letům vězení."]),
         ("en", ["The court ruled on Monday.", "The evacuation took six years to complete."])),
        # no measure on one side at all
        (("ru", ["Паром затонул на озере.", "Поиски продолжались 30 часов."]),
         ("it", ["Il traghetto è affondato.", "Le ricerche sono terminate ieri."])),
    ]
    for a, b in unlike:
        claims, story, facts = _story(a, b)
        vectors = _vectors(claims, {("n0#1", "n1#1"): 0.4})
        assert measure_mates([story], claims, vectors, facts, K) == set(), (a, b)


def test_not_when_the_choice_is_one_way() -> None:
    # the Dutch share's nearest with a share is the first Czech one, whose own nearest Dutch
    # claim with a share is the other: no mates between the first Dutch and first Czech
    claims, story, facts = _story(
        ("nl", ["De opkomst was 64 procent.", "De Groenen kregen 38 procent."]),
        ("cs", ["Volební účast činila 61 procent.", "Zelení získali 36 procent."]),
    )
    vectors = _vectors(claims, {("n0#0", "n1#0"): 0.6, ("n1#0", "n0#1"): 0.7,
                                ("n0#1", "n1#1"): 0.2})
    assert _ids(claims, measure_mates([story], claims, vectors, facts, K)) == {("n0#1", "n1#0")}


def test_mates_are_tagged_where_found_and_added_where_not() -> None:
    claims, story, facts = _story(
        *SEARCH,
        ("pt", ["O ferry afundou no lago.", "As buscas duraram 32 horas."]),
    )
    vectors = _vectors(claims, {("n0#1", "n1#1"): 0.2, ("n0#1", "n2#1"): 0.2,
                                ("n1#1", "n2#1"): 0.2})
    floors = {"s": Floor(0.9, Baseline(0.0, 0.1))}
    found = [Pair(claims[1], claims[3], 0.2, z=3.0, found_by=(Channel.NEIGHBOURS,), story="s")]
    pairs = pairs_by_measures([story], claims, vectors, vectors, found, floors, facts, Config())
    by = {(p.a.id, p.b.id): p.found_by for p in pairs}
    assert by == {
        ("n0#1", "n1#1"): (Channel.NEIGHBOURS, Channel.MEASURE),  # found, and mates too
        ("n0#1", "n2#1"): (Channel.MEASURE,),
        ("n1#1", "n2#1"): (Channel.MEASURE,),
    }
    off = replace(Config(), measure_k=0)
    assert pairs_by_measures([story], claims, vectors, vectors, found, floors, facts, off) == found


# ---- evidence: one account of one measure --------------------------------------------------

MATES = (Channel.MEASURE,)


def _conflicts(a: tuple[str, str], b: tuple[str, str], found_by: tuple[Channel, ...],
               frame: float = 0.5) -> tuple[list[str], float]:
    """Value conflicts and same-event score of a pair far apart as a whole (0.5σ) whose
    frames all score ``frame`` σ."""
    claims, _, facts = _story((a[1], [a[0]]), (b[1], [b[0]]))
    config = Config()
    found = pair_evidence(
        Pair(claims[0], claims[1], 0.3, z=0.5, found_by=found_by),
        facts[claims[0].id], facts[claims[1].id], lambda x, y: frame, config.same_event_z,
        min_frame_z=config.frame_z, name_z=config.name_z, max_ratio=config.max_value_ratio,
        date_z=config.date_frame_z, sole_z=config.sole_frame_z,
        account_z=config.account_frame_z,
    )
    return [c.text for c in found.conflicts], found.same_event


TOLD_TWICE = [
    (("Le ricerche sono durate 30 ore.", "it"),
     ("Die Rettungskräfte suchten 36 Stunden lang nach Überlebenden.", "de"), "30"),
    (("Volební účast činila 61 procent.", "cs"), ("De opkomst was 64 procent.", "nl"), "61"),
    (("Rząd obiecał pomoc w wysokości 420 milionów dolarów.", "pl"),
     ("Ambos gobiernos financiarán un paquete de 320 millones de dólares.", "es"), "420"),
]


def test_mates_are_one_account() -> None:
    assert one_account(Pair(A, B, 0.3, found_by=MATES))
    assert not one_account(Pair(A, B, 0.3, found_by=(Channel.NEIGHBOURS,)))


def test_the_one_measure_each_of_mates_is_one_figure_and_weighs() -> None:
    for a, b, value in TOLD_TWICE:
        found, score = _conflicts(a, b, MATES)
        assert len(found) == 1 and value in found[0], (a, b, found)
        # nor by similarity alone: the same pair found by neighbours only
        assert _conflicts(a, b, (Channel.NEIGHBOURS,))[0] == [], (a, b)
        assert score > _conflicts(a, b, (Channel.NEIGHBOURS,))[1]
        # frames less alike than unrelated text: not one figure, whoever found the pair
        assert _conflicts(a, b, MATES, frame=-0.5)[0] == [], (a, b)


def test_mates_must_not_fire() -> None:
    for a, b in [
        # the same figure each side
        (("Le ricerche sono durate 30 ore.", "it"), ("Поиски продолжались 30 часов.", "ru")),
        # two durations on one side: which one the other's is, only the frames can tell
        (("Les secouristes ont travaillé 20 heures et se sont reposés deux heures.", "fr"),
         ("Ratownicy pracowali przez 12 godzin.", "pl")),
        # two shares of different things ([shares])
        (("The poll put approval of the government at 31 percent.", "en"),
         ("Volební účast činila 61 procent.", "cs")),
        # a vote's tally needs the claims told alike, whoever found them
        (("Der Rat stimmte mit 14 zu 5 Stimmen für den Plan.", "de"),
         ("Le conseil a approuvé le plan par 13 voix contre 6.", "fr")),
    ]:
        assert _conflicts(a, b, MATES)[0] == [], (a, b)

