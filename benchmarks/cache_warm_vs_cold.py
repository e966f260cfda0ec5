"""Cold vs warm cache: ``checker.check()`` on ``examples/`` twice in one process, fresh cache.

The cold run loads both models and fills an empty cache; the warm run builds new embedder and
scorer objects, so anything it does not find in the cache would have to load a model again.
The script checks that the warm run loaded nothing and reproduced the cold run's verdicts.

    .venv/bin/python benchmarks/cache_warm_vs_cold.py \\
        --embed-model ../shared/models/embed-me5-small --nli-model ../shared/models/nli-me5-small
"""

from __future__ import annotations

import argparse
import platform
import tempfile
import time
from pathlib import Path

from checker import load_articles
from checker.config import load_config
from checker.pipeline import build_embedder, build_scorer, check

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "models"


def run(articles: list, config) -> tuple[float, object, object, object]:
    embedder, scorer = build_embedder(config), build_scorer(config)
    started = time.perf_counter()
    report = check(articles, config, embedder=embedder, scorer=scorer)
    return time.perf_counter() - started, report, embedder, scorer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embed-model", default=str(SHARED / "embed-me5-small"))
    parser.add_argument("--nli-model", default=str(SHARED / "nli-me5-small"))
    parser.add_argument("--articles", default=str(REPO / "examples"))
    args = parser.parse_args()

    articles = load_articles([args.articles])
    with tempfile.TemporaryDirectory() as folder:
        config = load_config(
            embed_model=args.embed_model,
            nli_model=args.nli_model,
            cache_path=str(Path(folder) / "cache.sqlite3"),
        )
        cold_s, cold, _, _ = run(articles, config)
        warm_s, warm, embedder, scorer = run(articles, config)
        size = sum(p.stat().st_size for p in Path(folder).glob("cache.sqlite3*"))  # + WAL

    loaded = [
        name
        for name, wrapper in (("embedder", embedder), ("scorer", scorer))
        if getattr(wrapper.inner, "_model", None) or getattr(wrapper.inner, "_loaded", None)
    ]
    same = [(v.pair, v.label, v.confidence) for v in cold.verdicts] == [
        (v.pair, v.label, v.confidence) for v in warm.verdicts
    ]
    print(f"machine: {platform.machine()}, {_cores()} CPU cores, GPU: {_gpu()}")
    print(
        f"input: {len(cold.articles)} articles, {len(cold.claims)} claims, "
        f"{len(cold.verdicts)} pairs, {cold.nli_calls} NLI calls"
    )
    print(f"cold: {cold_s:6.2f} s  stages: {_stages(cold.seconds)}")
    print(f"warm: {warm_s:6.2f} s  stages: {_stages(warm.seconds)}")
    print(f"speed-up: {cold_s / warm_s:.1f}x; cache file {size / 1024:.0f} KiB")
    print(
        f"warm run: embedding hits {embedder.hits}, misses {embedder.misses}; "
        f"NLI hits {scorer.hits}, misses {scorer.misses}; models loaded: {loaded or 'none'}; "
        f"same verdicts: {same}"
    )


def _stages(seconds: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.2f}" for k, v in seconds.items())


def _gpu() -> str:
    import torch

    return torch.cuda.get_device_name(0) if torch.cuda.is_available() else "none"


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    main()
