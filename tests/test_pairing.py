import math

import numpy as np
import pytest

from checker.records import Article, Channel, Claim
from checker.rules import pairing
from checker.rules.pairing import candidate_pairs


def make_claims(groups: list[str]) -> list[Claim]:
    return [
        Claim(id=f"{g}#{i}", article_id=g, text=f"claim {i}", start=i, end=i + 1,
                article=Article(id=g, text=''))
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
    pairs, floor = candidate_pairs(
        claims, vectors, top_k=1, min_similarity_z=2.0, mutual_z=math.inf
    )
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
    assert floor.baseline.std == pytest.approx(0, abs=1e-5) and len(pairs) >= 10


def _tied_corpus(n: int = 600, dim: int = 16) -> tuple[list[Claim], np.ndarray, np.ndarray]:
    """Several articles of uneven size, with exact duplicate vectors spread across articles
    (and inside one) so that ties sit on the top-k boundary."""
    rng = np.random.default_rng(5)
    groups = [f"art{int(g):02d}" for g in np.sort(rng.integers(0, 17, size=n))]
    vectors = random_unit(n, dim, seed=13)
    for source in range(0, 60, 3):  # each of these restated by 4 other claims
        vectors[rng.integers(0, n, size=4)] = vectors[source]
    paragraphs = random_unit(n, dim, seed=14)
    paragraphs[::7] = vectors[::7]
    return make_claims(groups), vectors, paragraphs


def _pair_rows(pairs: list) -> list[tuple[str, str, float, tuple]]:
    return [(p.a.id, p.b.id, p.similarity, p.found_by) for p in pairs]


@pytest.mark.parametrize("top_k", [1, 5, 12])
def test_faiss_gives_the_numpy_pairs(top_k: int) -> None:
    pytest.importorskip("faiss", reason="faiss-cpu not installed (optional extra checker[faiss])")
    claims, vectors, paragraphs = _tied_corpus()
    kwargs = {"top_k": top_k, "paragraph_k": 2, "min_similarity_z": 0.5}
    by_numpy, floor_numpy = candidate_pairs(
        claims, vectors, paragraphs, faiss_min_claims=10**9, **kwargs
    )
    by_faiss, floor_faiss = candidate_pairs(
        claims, vectors, paragraphs, faiss_min_claims=0, **kwargs
    )
    assert floor_numpy == floor_faiss
    assert len(by_numpy) > len(claims)
    numpy_rows, faiss_rows = _pair_rows(by_numpy), _pair_rows(by_faiss)
    assert [r[:2] + r[3:] for r in numpy_rows] == [r[:2] + r[3:] for r in faiss_rows]
    assert [r[2] for r in numpy_rows] == pytest.approx([r[2] for r in faiss_rows], abs=1e-6)


def test_faiss_neighbours_match_with_ties_and_small_articles(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Direct check of the search: duplicates of the query in its own and other articles, and
    articles too small to give every query k neighbours, with tiny faiss query blocks."""
    pytest.importorskip("faiss", reason="faiss-cpu not installed (optional extra checker[faiss])")
    monkeypatch.setattr(pairing, "FAISS_QUERY_BLOCK", 7)
    vectors = random_unit(300, seed=21)
    vectors[100:140] = vectors[0]  # 40 copies of one vector across articles 0..3
    groups = np.repeat(np.arange(30), 10)
    groups[290:] = 30 + np.arange(10)  # ten one-claim articles
    for k in (1, 3, 20):
        numpy_hits = list(pairing.nearest_in_other_articles(vectors, vectors, groups, k, -1.0))
        faiss_hits = list(
            pairing.nearest_in_other_articles(vectors, vectors, groups, k, -1.0, use_faiss=True)
        )
        assert sorted(numpy_hits) == sorted(faiss_hits)
        assert len(numpy_hits) == 300 * k


@pytest.mark.parametrize("use_faiss", [False, True])
def test_neighbours_above_is_the_full_range(use_faiss: bool) -> None:
    """Every cross-group pair at or above the floor, however many a row has: 40 copies of one
    vector make rows with far more than the first k (2) neighbours above it; queries and
    targets may be different sets."""
    if use_faiss:
        pytest.importorskip("faiss", reason="faiss-cpu not installed (optional extra)")
    vectors = random_unit(200, dim=8, seed=22)
    vectors[100:140] = vectors[0]
    groups = np.repeat(np.arange(40), 5)
    floor = 0.6
    sims = vectors.astype(np.float64) @ vectors.T.astype(np.float64)
    want = {
        (i, j) for i in range(200) for j in range(200)
        if groups[i] != groups[j] and sims[i, j] >= floor
    }
    rows, cols = pairing.neighbours_above(
        vectors, vectors, groups, groups, floor, k=2, use_faiss=use_faiss
    )
    assert set(zip(rows.tolist(), cols.tolist(), strict=True)) == want
    assert len(rows) == len(want) > 40 * 39
    queries = np.arange(0, 200, 3)
    rows, cols = pairing.neighbours_above(
        vectors[queries], vectors, groups[queries], groups, floor, k=1, use_faiss=use_faiss
    )
    got = set(zip(queries[rows].tolist(), cols.tolist(), strict=True))
    assert got == {(i, j) for i, j in want if i % 3 == 0}


def test_without_faiss_large_runs_use_numpy_and_say_so_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "faiss", None)  # import faiss now raises ImportError
    pairing._faiss_module.cache_clear()
    try:
        claims = make_claims(["a"] * 30 + ["b"] * 30)
        vectors = random_unit(60, seed=2)
        expected, _ = candidate_pairs(claims, vectors, top_k=3, faiss_min_claims=10**9)
        with caplog.at_level("INFO", logger="checker.rules.pairing"):
            for _ in range(3):
                got, _ = candidate_pairs(claims, vectors, top_k=3, faiss_min_claims=0)
                assert _pair_rows(got) == _pair_rows(expected)
        said = [r for r in caplog.records if "faiss is not installed" in r.getMessage()]
        assert len(said) == 1 and said[0].levelname == "INFO"
    finally:
        pairing._faiss_module.cache_clear()


def _articles_of(spec: list[tuple[str, int]]) -> list[str]:
    return [a for a, n in spec for _ in range(n)]


def test_mutual_best_matches_pass_a_lower_floor() -> None:
    """Three articles of 20 claims: a#0 and c#45 are each other's best match in their
    articles but well below the floor (z 2) of the story's cross-article baseline, as a short
    account weakly linked across languages is. Mutual choice pairs them from mutual_z 0. b#25
    is a#0's best in b, but b#25's best in a is another claim: no mutual pair (must not fire).
    With mutual_z inf nothing below the floor is paired."""
    dim = 64
    rng = np.random.default_rng(4)
    vectors = np.zeros((60, dim))
    vectors[:, 2:] = rng.normal(size=(60, dim - 2))  # the rest: random, off axes 0 and 1
    vectors[2:, :] /= np.linalg.norm(vectors[2:, :], axis=1, keepdims=True)
    vectors[0] = np.eye(dim)[0]  # a#0
    vectors[45] = 0.12 * np.eye(dim)[0] + np.sqrt(1 - 0.12**2) * np.eye(dim)[1]  # c#45
    vectors[25] = vectors[25] * np.sqrt(1 - 0.05**2) + 0.05 * np.eye(dim)[0]  # b#25
    vectors[1] = vectors[1] / np.linalg.norm(vectors[1])
    vectors = vectors.astype(np.float32)
    claims = make_claims(_articles_of([("a", 20), ("b", 20), ("c", 20)]))
    sims = vectors @ vectors.T
    # the set-up: b#25 is a#0's best in b, and prefers another claim of a
    assert int(np.argmax(sims[0, 20:40])) + 20 == 25 and int(np.argmax(sims[25, :20])) != 0
    settings = {"top_k": 1, "article_k": 0, "min_similarity_z": 2.0, "language_baselines": False}
    found, floor = candidate_pairs(claims, vectors, mutual_z=0.0, **settings)
    by_key = {(p.a.id, p.b.id): p for p in found}
    mutual = by_key.get(("a#0", "c#45"))
    assert mutual is not None and mutual.similarity < floor.value
    assert Channel.MUTUAL in mutual.found_by
    assert ("a#0", "b#25") not in by_key
    assert all(Channel.MUTUAL in p.found_by for p in found if p.similarity < floor.value)
    for p in found:  # every mutual pair is mutual: each the other's best in its article
        if Channel.MUTUAL in p.found_by:
            i, j = int(p.a.id.split("#")[1]), int(p.b.id.split("#")[1])
            rows_a = [k for k, c in enumerate(claims) if c.article_id == p.a.article_id]
            rows_b = [k for k, c in enumerate(claims) if c.article_id == p.b.article_id]
            assert max(rows_b, key=lambda k: sims[i, k]) == j
            assert max(rows_a, key=lambda k: sims[j, k]) == i
    off, _ = candidate_pairs(claims, vectors, mutual_z=math.inf, **settings)
    assert ("a#0", "c#45") not in {(p.a.id, p.b.id) for p in off}
    assert all(p.similarity >= floor.value for p in off)


def test_mutual_pairs_are_the_same_with_and_without_slots() -> None:
    """One pass serves the per-article slots and the mutual pairs: turning slots off leaves
    the mutual pairs as they were."""
    claims = make_claims(_articles_of([("a", 9), ("b", 7), ("c", 8)]))
    vectors = random_unit(24, seed=21)
    def mutual_keys(article_k: int) -> set[tuple[str, str]]:
        found, _ = candidate_pairs(
            claims, vectors, top_k=1, article_k=article_k, min_similarity_z=3.0, mutual_z=0.0
        )
        return {(p.a.id, p.b.id) for p in found if Channel.MUTUAL in p.found_by}
    assert mutual_keys(0) == mutual_keys(1) and mutual_keys(0)
