"""Bounded work on any input: the hostile cases of "Hardening, round 3" finish in seconds.

Each test times nothing against a threshold of its own (timings live in benchmarks/); they
run the whole path with fakes and rely on pytest's own duration: before the fixes the first
took over five minutes and the second did not answer in five minutes.
"""

from __future__ import annotations

import random
import time

from checker.config import Config
from checker.pipeline import check, score_pairs
from checker.records import Article, Claim, Pair, PairInput
from checker.rules.claims import extract_claims, split_long
from checker.rules.evidence import claim_facts, pair_evidence
from tests.fakes import HashEmbedder, RuleScorer

WORDS = "the council said that Mayor Anna Berg approved budget for roads and schools".split()
LIMIT_S = 30  # generous for a slow CI machine; the cases took minutes before


def _numbers_sentence(seed: int, n: int = 300) -> str:
    """One sentence of about 17 KB holding ``n`` numbers, names and words."""
    rng = random.Random(seed)
    parts = [
        f"{rng.randint(2, 999)} {rng.choice(WORDS)} {rng.choice(WORDS)} Smith said "
        f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(WORDS)} on the {rng.choice(WORDS)}"
        for _ in range(n)
    ]
    return " ".join(parts) + "."


def test_split_long_keeps_offsets_and_bounds() -> None:
    text = "word " * 1000 + "end."
    from checker.rules.claims import Span

    pieces = split_long(text, Span(0, len(text)), 300)
    assert all(p.end - p.start <= 300 for p in pieces)
    assert pieces[0].start == 0 and pieces[-1].end == len(text)
    joined = " ".join(text[p.start : p.end] for p in pieces)
    assert joined.split() == text.split()  # nothing lost, nothing doubled
    # must not fire: a sentence under the limit is one piece
    assert split_long("short one.", Span(0, 10), 300) == [Span(0, 10)]


def test_a_huge_sentence_becomes_bounded_claims(caplog) -> None:
    article = Article(id="a", text=_numbers_sentence(1), language="en", path="a.txt")
    with caplog.at_level("WARNING", logger="checker"):
        claims, dropped = extract_claims(article, max_chars=1500)
    assert claims and all(len(c.text) <= 1500 for c in claims)
    assert all(article.text[c.start : c.end] == c.text for c in claims)
    assert dropped["long sentence split"] == 1
    assert "longer than 1500 characters were split" in caplog.text


def test_two_articles_of_one_17kb_sentence_with_300_numbers() -> None:
    """The whole check, with fakes for the models: values, names, evidence all bounded."""
    articles = [
        Article(id=f"a{i}", text=_numbers_sentence(i), language="en", path=f"a{i}.txt")
        for i in (1, 2)
    ]
    assert all(len(a.text) > 15_000 for a in articles)
    started = time.perf_counter()
    neutral = RuleScorer(lambda p, h: "neutral")
    report = check(articles, Config(), embedder=HashEmbedder(), scorer=neutral)
    assert time.perf_counter() - started < LIMIT_S
    assert report.claims


def test_evidence_of_two_claims_with_300_values_each() -> None:
    """Without the split (a caller's own long claims): one pair, 300 × 300 values."""
    a, b = claim_facts(_numbers_sentence(3), "en"), claim_facts(_numbers_sentence(4), "en")
    assert len(a.values) >= 250 and len(b.values) >= 250
    pair = Pair(
        Claim("a#0", "a", "x", 0, 1, article=Article(id="a", text="")),
        Claim("b#0", "b", "x", 0, 1, article=Article(id="b", text="")),
        0.9,
        z=3.0,
    )
    started = time.perf_counter()
    pair_evidence(pair, a, b, lambda x, y: 0.0, 2.5, min_frame_z=3.0, max_ratio=5.0, date_z=4.0)
    assert time.perf_counter() - started < LIMIT_S


def test_compare_on_a_125kb_claim() -> None:
    huge = " ".join(_numbers_sentence(s, 100) for s in range(20))
    assert len(huge) > 100_000
    started = time.perf_counter()
    [verdict] = score_pairs(
        [PairInput(huge, "Smith said 12 roads were approved.", language_a="en")],
        Config(),
        embedder=HashEmbedder(),
        scorer=RuleScorer(lambda p, h: "neutral"),
    )
    assert time.perf_counter() - started < LIMIT_S
    assert len(verdict.pair.a.text) == Config().max_claim_chars
