"""Neighbour search at scale: exact numpy (blocked matmul) vs faiss ``IndexFlatIP``, side by side.

Random unit vectors (384-d, float32) in articles of 25 claims; each query's ``k`` best targets of
other articles, no floor (``checker.rules.pairing.nearest_in_other_articles``). Variants:

* ``numpy``: the numpy path as it is now (pool within the tie margin, ranked in float64);
* ``numpy before``: the argpartition-only path this change replaced (copied here), to show what
  the deterministic tie step costs;
* ``faiss``: the faiss path (``use_faiss=True``).

Each variant runs in a fresh process, so peak memory is its own: "peak extra" is the process's
high-water RSS (VmHWM) minus its RSS once the vectors exist. The neighbour sets are compared
between variants (sorted ``(query, target)`` pairs).

    python benchmarks/pairing_faiss.py --sizes 10000 100000

Above ``--full-max`` claims (default 100,000) a full search takes hours with numpy, so only a
fixed random sample of ``--sample`` query rows (default 2,000) searches the *whole* base; the
variants are compared on those queries, and seconds per query times n is printed as the
extrapolated cost of all n queries (labelled so):

    python benchmarks/pairing_faiss.py --sizes 1000000 --variants numpy faiss
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # this checkout's checker, not whichever one is installed
VARIANTS = ("numpy", "numpy before", "faiss")


def vectors(n: int, dim: int, seed: int = 0) -> np.ndarray:
    """Random unit vectors, generated in chunks so the float64 normal draw stays small."""
    rng = np.random.default_rng(seed)
    out = np.empty((n, dim), dtype=np.float32)
    for start in range(0, n, 50_000):
        part = rng.standard_normal((min(n, start + 50_000) - start, dim), dtype=np.float32)
        out[start : start + len(part)] = part / np.linalg.norm(part, axis=1, keepdims=True)
    return out


def numpy_before(
    queries: np.ndarray, targets: np.ndarray, groups: np.ndarray, k: int, floor: float
) -> Iterator[tuple[int, int, float]]:
    """The search before the faiss change (commit 5ae1065): argpartition, float32 similarities."""
    from checker.rules.pairing import FLOOR_TOLERANCE, MAX_BLOCK_CELLS

    n = len(targets)
    k = min(k, n - 1)
    block = max(1, MAX_BLOCK_CELLS // n)
    for start in range(0, len(queries), block):
        rows = slice(start, min(len(queries), start + block))
        sims = queries[rows] @ targets.T
        sims[groups[rows, None] == groups[None, :]] = -np.inf
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        for offset, neighbours in enumerate(top):
            for j in neighbours:
                sim = float(sims[offset, j])
                if sim >= floor - FLOOR_TOLERANCE:
                    yield start + offset, int(j), sim


def _status(field: str) -> int:
    """A VmRSS / VmHWM figure of this process in bytes (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(field)


def sample_rows(n: int, sample: int) -> np.ndarray:
    """The query rows of a sampled run (sorted, fixed seed)."""
    return np.sort(np.random.default_rng(1).choice(n, size=min(n, sample), replace=False))


def child(
    variant: str, n: int, dim: int, article: int, k: int, out: Path, sample: int | None
) -> None:
    """Run one variant in this (fresh) process; write seconds, memory and its neighbours."""
    from checker.rules import pairing

    assert Path(pairing.__file__).is_relative_to(REPO), pairing.__file__
    data = vectors(n, dim)
    groups = np.arange(n) // article
    if variant == "faiss":
        assert pairing._faiss_module() is not None, "faiss is not installed"
    before = _status("VmRSS")
    started = time.perf_counter()
    if sample:
        assert variant != "numpy before", "numpy before runs only in full"
        rows = sample_rows(n, sample)
        hits = [
            (int(rows[i]), int(j), float(sim))
            for found, targets, sims in pairing.nearest_blocks(
                data[rows], data, groups, k, -1.0,
                use_faiss=variant == "faiss", query_groups=groups[rows],
            )
            for i, j, sim in zip(found, targets, sims, strict=True)
        ]
    elif variant == "numpy before":
        hits = list(numpy_before(data, data, groups, k, -1.0))
    else:
        hits = list(
            pairing.nearest_in_other_articles(
                data, data, groups, k, -1.0, use_faiss=variant == "faiss"
            )
        )
    seconds = time.perf_counter() - started
    peak = _status("VmHWM")
    pairs = np.array(sorted((i, j) for i, j, _ in hits), dtype=np.int64).reshape(-1, 2)
    np.save(out.with_suffix(".npy"), pairs)
    out.write_text(json.dumps({"seconds": seconds, "peak_extra": max(0, peak - before)}))


def compare(reference: np.ndarray, pairs: np.ndarray, data: np.ndarray) -> str:
    """"yes", or how many neighbours differ and how far apart (float64) the swapped ones are."""
    if np.array_equal(pairs, reference):
        return "yes"
    ref, got = set(map(tuple, reference.tolist())), set(map(tuple, pairs.tolist()))
    lost, gained = ref - got, got - ref
    spread = 0.0
    for query in {i for i, _ in lost | gained}:
        sims = [
            float(data[i].astype(np.float64) @ data[j].astype(np.float64))
            for i, j in lost | gained
            if i == query
        ]
        spread = max(spread, max(sims) - min(sims))
    return f"NO: {len(lost):,} of {len(ref):,} differ, swapped ones within {spread:.1e}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--dim", type=int, default=384)
    parser.add_argument("--article", type=int, default=25, help="claims per article")
    parser.add_argument("-k", type=int, default=5)
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=VARIANTS)
    parser.add_argument("--full-max", type=int, default=100_000, help="larger: sampled queries")
    parser.add_argument("--sample", type=int, default=2_000, help="query rows when sampled")
    parser.add_argument("--child", nargs=2, metavar=("VARIANT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        n = args.sizes[0]
        sample = args.sample if n > args.full_max else None
        child(args.child[0], n, args.dim, args.article, args.k, Path(args.child[1]), sample)
        return
    print(
        "| claims | variant | queries | seconds | s / query | all queries, s | peak extra RSS "
        "| neighbour pairs | same as numpy |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            reference, data = None, vectors(n, args.dim)
            for variant in args.variants:
                out = Path(tmp) / f"{n}-{variant.replace(' ', '_')}.json"
                command = [
                    sys.executable, __file__, "--sizes", str(n), "--dim", str(args.dim),
                    "--article", str(args.article), "-k", str(args.k),
                    "--full-max", str(args.full_max), "--sample", str(args.sample),
                    "--child", variant, str(out),
                ]
                subprocess.run(command, check=True, cwd=REPO)
                result = json.loads(out.read_text())
                pairs = np.load(out.with_suffix(".npy"))
                if reference is None:
                    reference = pairs
                same = compare(reference, pairs, data)
                queries = n if n <= args.full_max else min(n, args.sample)
                per_query = result["seconds"] / queries
                total = (
                    f"{result['seconds']:,.1f}" if queries == n
                    else f"{per_query * n:,.0f} (extrapolated)"
                )
                print(
                    f"| {n:,} | {variant} | {queries:,} | {result['seconds']:.2f} | "
                    f"{per_query * 1e3:.3f} ms | {total} | "
                    f"{result['peak_extra'] / 2**20:,.0f} MiB | {len(pairs):,} | {same} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
