"""fp32 vs bf16 for both models, side by side in one process, against the machine's matmul.

Run:  python benchmarks/bf16.py [--rounds 3] [--skip-nli] [--skip-embedder]

NLI: the XNLI-de dev pairs scored by fp32, bf16-weights and bf16-autocast scorers, interleaved
(every round times each variant once); pairs/s, achieved GFLOP/s (analytic FLOPs per pair, see
nli_throughput.py) and that as a share of an fp32 and a bf16 ``torch.mm`` timed in the same
rounds; accuracy and labels unchanged against fp32. Embedder: every claim of the dev stories
embedded in fp32, bf16-autocast and bf16-weights; each claim's top-5 cross-article neighbours
compared with fp32's (the overlap %), and the plain-transformers embedder against
sentence-transformers itself (cosine of each claim's two vectors) on the dev claims and the
seed articles. Ratios are the point: the machine is shared, so absolute seconds are noisy.
"""

from __future__ import annotations

import argparse
import glob
import os
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this tree's checker, not whichever one is installed

from nli_throughput import flops_per_pair, read_tsv  # noqa: E402

from checker.engine.embedding import SentenceTransformerEmbedder  # noqa: E402
from checker.engine.modelload import bf16_unit  # noqa: E402
from checker.engine.nli import TransformersNliScorer  # noqa: E402
from checker.rules.articles import load_articles  # noqa: E402
from checker.rules.claims import extract_all  # noqa: E402

SHARED = ROOT.parent / "shared"


def matmul_seconds(dtype: torch.dtype, n: int = 1024, repeats: int = 20) -> float:
    """Seconds for ``repeats`` n×n matmuls in ``dtype`` (after one warm-up)."""
    a, b = torch.randn(n, n, dtype=dtype), torch.randn(n, n, dtype=dtype)
    torch.mm(a, b)
    start = time.perf_counter()
    for _ in range(repeats):
        torch.mm(a, b)
    return time.perf_counter() - start


def interleaved(tasks: dict[str, Callable[[], object]], rounds: int) -> dict[str, list[float]]:
    """Seconds of each task, each round running every task once (so load hits all alike)."""
    times: dict[str, list[float]] = {name: [] for name in tasks}
    for _ in range(rounds):
        for name, task in tasks.items():
            start = time.perf_counter()
            task()
            times[name].append(time.perf_counter() - start)
    return times


def nli(args: argparse.Namespace) -> None:
    pairs, gold = read_tsv(Path(args.tsv))
    scorers = {}
    for name, dtype, mode in (
        ("fp32", "fp32", "weights"),
        ("bf16 weights", "bf16", "weights"),
        ("bf16 autocast", "bf16", "autocast"),
    ):
        scorer = TransformersNliScorer(args.nli_model, "cpu", dtype=dtype)
        scorer.bf16_mode = mode
        scorer.score(pairs[:8])  # load and warm up
        scorers[name] = scorer
    tokenizer, model, _ = scorers["fp32"]._load()
    encoded = tokenizer([p for p, _ in pairs], [h for _, h in pairs])["input_ids"]
    flops = flops_per_pair(model.config, float(np.mean([len(ids) for ids in encoded])))
    results: dict[str, np.ndarray] = {}

    def run(name: str) -> Callable[[], object]:
        def task() -> object:
            results[name] = scorers[name].score(pairs, batch_size=32)
            return None

        return task

    n, repeats = 1024, 20
    tasks = {name: run(name) for name in scorers}
    tasks["matmul fp32"] = lambda: matmul_seconds(torch.float32, n, repeats)
    tasks["matmul bf16"] = lambda: matmul_seconds(torch.bfloat16, n, repeats)
    times = interleaved(tasks, args.rounds)
    best = {name: min(seconds) for name, seconds in times.items()}
    peak = {k: 2 * n**3 * repeats / best[f"matmul {k}"] / 1e9 for k in ("fp32", "bf16")}
    print(
        f"machine: {os.cpu_count()} CPUs, bf16 unit: {bf16_unit()}, torch {torch.__version__}, "
        f"{torch.get_num_threads()} threads, load {os.getloadavg()[0]:.1f}"
    )
    print(f"{len(pairs)} XNLI-de dev pairs, {flops / 1e9:.2f} GFLOP per pair, {args.rounds} rounds")
    print(
        f"matmul {n}²: fp32 {peak['fp32']:.0f} GFLOP/s, bf16 {peak['bf16']:.0f} GFLOP/s "
        f"(bf16/fp32 {peak['bf16'] / peak['fp32']:.2f}x; best of {args.rounds})"
    )
    base_labels = results["fp32"].argmax(1)
    print(
        "| variant | accuracy | labels = fp32 | max |Δp| | pairs/s (best) | pairs/s (median) "
        "| vs fp32 | GFLOP/s | % of fp32 matmul | % of bf16 matmul |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    fp32_rate = len(pairs) / best["fp32"]
    for name in scorers:
        probs = results[name]
        rate = len(pairs) / best[name]
        median = len(pairs) / statistics.median(times[name])
        gflops = rate * flops / 1e9
        assert probs.dtype == np.float32 and np.allclose(probs.sum(1), 1, atol=1e-4)
        print(
            f"| {name} | {(probs.argmax(1) == gold).mean():.3f} | "
            f"{(probs.argmax(1) == base_labels).mean():.1%} | "
            f"{np.abs(probs - results['fp32']).max():.3f} | {rate:.1f} | {median:.1f} | "
            f"{rate / fp32_rate:.2f}x | {gflops:.0f} | {gflops / peak['fp32']:.0%} | "
            f"{gflops / peak['bf16']:.0%} |"
        )


def top5(vectors: np.ndarray, article: np.ndarray, k: int = 5) -> np.ndarray:
    """Each claim's k nearest claims of other articles (as pairing looks for them)."""
    similarity = vectors @ vectors.T
    similarity[article[:, None] == article[None, :]] = -np.inf
    return np.argsort(-similarity, axis=1, kind="stable")[:, :k]


def embedder(args: argparse.Namespace) -> None:
    articles = load_articles(sorted(glob.glob(f"{SHARED}/data/stories/*/")))
    claims, _ = extract_all(articles)
    texts = [c.text for c in claims]
    article = np.array([c.article_id for c in claims])
    print(f"\n{len(articles)} dev-story articles, {len(texts)} claims")
    variants = {}
    for name, dtype, mode in (
        ("fp32", "fp32", "weights"),
        ("bf16 autocast", "bf16", "autocast"),
        ("bf16 weights", "bf16", "weights"),
    ):
        model = SentenceTransformerEmbedder(args.embed_model, device="cpu", dtype=dtype)
        model.bf16_mode = mode
        model.embed(texts[:4])
        variants[name] = model
    vectors: dict[str, np.ndarray] = {}

    def run(name: str) -> Callable[[], object]:
        def task() -> object:
            vectors[name] = variants[name].embed(texts)
            return None

        return task

    times = interleaved({name: run(name) for name in variants}, args.embed_rounds)
    reference = top5(vectors["fp32"], article)
    print(
        "| variant | top-5 overlap with fp32 | identical top-5 lists | min cosine to fp32 "
        "| s (best) | vs fp32 |"
    )
    print("|---|---|---|---|---|---|")
    for name, got in vectors.items():
        neighbours = top5(got, article)
        rows = list(zip(reference, neighbours, strict=True))
        overlap = np.mean([len(set(a) & set(b)) / 5 for a, b in rows])
        same = np.mean([(a == b).all() for a, b in rows])
        cosine = (got * vectors["fp32"]).sum(1).min()
        print(
            f"| {name} | {overlap:.2%} | {same:.1%} | {cosine:.5f} | {min(times[name]):.1f} | "
            f"{min(times['fp32']) / min(times[name]):.2f}x |"
        )
    # plain transformers against sentence-transformers itself, fp32
    from sentence_transformers import SentenceTransformer

    seeds, _ = extract_all(load_articles([ROOT / "examples"]))
    reference_model = SentenceTransformer(args.embed_model, device="cpu")
    for label, batch in (("dev claims", texts), ("seed claims", [c.text for c in seeds])):
        expected = reference_model.encode(
            batch, normalize_embeddings=True, prompt_name="query", batch_size=32
        )
        ours = variants["fp32"].embed(batch) if label != "dev claims" else vectors["fp32"]
        gap = np.abs((ours * expected).sum(1) - 1).max()
        print(
            f"plain transformers vs sentence-transformers, {label} ({len(batch)}): "
            f"max |1 - cosine| = {gap:.1e}, max |Δ| = {np.abs(ours - expected).max():.1e}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nli-model", default=str(SHARED / "models/nli-me5-small"))
    parser.add_argument("--embed-model", default=str(SHARED / "models/embed-me5-small"))
    parser.add_argument("--tsv", default=str(SHARED / "data/xnli-de/dev.tsv"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--embed-rounds", type=int, default=1)
    parser.add_argument("--skip-nli", action="store_true")
    parser.add_argument("--skip-embedder", action="store_true")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    torch.set_num_threads(max(1, len(os.sched_getaffinity(0))))
    if not args.skip_nli:
        nli(args)
    if not args.skip_embedder:
        embedder(args)


if __name__ == "__main__":
    main()
