import numpy as np
import pytest

from checker import pairing
from checker.pairing import candidate_pairs
from checker.records import Channel, Claim


def make_claims(groups: list[str]) -> list[Claim]:
    return [
        Claim(id=f"{g}#{i}", article_id=g, text=f"claim {i}", start=i, end=i + 1)
        for i, g in enumerate(groups)
    ]


def random_unit(n: int, dim: int = 16, seed: int = 0) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_pairs_only_across_articles_and_once() -> None:
    groups = ["a"] * 10 + ["b"] * 10 + ["c"] * 5
    claims = make_claims(groups)
    pairs, _ = candidate_pairs(claims, random_unit(25), top_k=3, min_similarity_z=-10)
    keys = [(p.a.id, p.b.id) for p in pairs]
    assert len(keys) == len(set(keys))
    assert all(p.a.article_id != p.b.article_id for p in pairs)
    assert all((p.a.article_id, p.a.start) < (p.b.article_id, p.b.start) for p in pairs)
    assert len(pairs) <= 25 * 3


def test_top_k_bounds_pairs_per_claim() -> None:
    claims = make_claims(["a"] * 30 + ["b"] * 30)
    for k in (1, 2, 5):
        pairs, _ = candidate_pairs(claims, random_unit(60, seed=k), top_k=k, min_similarity_z=-10)
        assert len(pairs) <= 60 * k
        # every claim found its k neighbours, so at least n*k/2 distinct pairs exist
        assert len(pairs) >= 60 * k / 2


def test_exact_duplicate_is_found_and_floor_filters() -> None:
    vectors = random_unit(20, seed=3)
    vectors[15] = vectors[2]  # claim 15 (article b) restates claim 2 (article a)
    claims = make_claims(["a"] * 10 + ["b"] * 10)
    pairs, floor = candidate_pairs(claims, vectors, top_k=1, min_similarity_z=2.0)
    assert pairs[0].a.id == "a#2" and pairs[0].b.id == "b#15"
    assert pairs[0].similarity == pytest.approx(1.0)
    assert all(p.similarity >= floor.value for p in pairs)
    assert pairs[0].z > 2.0


def test_blocked_computation_matches_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    claims = make_claims(["a"] * 40 + ["b"] * 35 + ["c"] * 25)
    vectors = random_unit(100, seed=7)
    whole, _ = candidate_pairs(claims, vectors, top_k=4, min_similarity_z=0)
    monkeypatch.setattr(pairing, "MAX_BLOCK_CELLS", 100 * 7)  # 7 rows per block
    blocked, _ = candidate_pairs(claims, vectors, top_k=4, min_similarity_z=0)
    assert [(p.a.id, p.b.id) for p in whole] == [(p.a.id, p.b.id) for p in blocked]


def test_paragraph_channel_adds_pairs() -> None:
    claims = make_claims(["a"] * 10 + ["b"] * 10)
    vectors = random_unit(20, seed=11)
    paragraphs = vectors.copy()
    paragraphs[3] = vectors[17]  # claim 3's paragraph is about claim 17
    pairs, _ = candidate_pairs(
        claims, vectors, paragraphs, top_k=1, paragraph_k=1, min_similarity_z=3
    )
    [found] = [p for p in pairs if (p.a.id, p.b.id) == ("a#3", "b#17")]
    assert found.found_by == (Channel.PARAGRAPH_A,)


def test_single_article_or_empty_gives_no_pairs() -> None:
    assert candidate_pairs(make_claims(["a"] * 5), random_unit(5))[0] == []
    assert candidate_pairs([], np.zeros((0, 4), dtype=np.float32))[0] == []


def test_tiny_corpus_has_no_relative_floor() -> None:
    """Two short articles: too few cross pairs for a baseline, so top-k alone decides."""
    claims = make_claims(["a", "a", "b", "b"])
    vectors = random_unit(4, seed=5)
    pairs, floor = candidate_pairs(claims, vectors, top_k=1, min_similarity_z=1)
    assert floor.value == 0.0 and floor.z(0.9) == 0.0
    assert len(pairs) >= 2  # each claim's best match in the other article


def test_floor_tolerates_rounding() -> None:
    claims = make_claims(["a"] * 10 + ["b"] * 10)
    vectors = np.tile(random_unit(1, seed=2), (20, 1))  # every pair on the floor exactly
    pairs, floor = candidate_pairs(claims, vectors, top_k=1, min_similarity_z=1)
    assert floor.baseline_std == pytest.approx(0, abs=1e-5) and len(pairs) >= 10
