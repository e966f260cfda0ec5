"""Local engine against ``--engine ray`` (2 workers on a local cluster) on scaling articles.

The corpus is benchmarks/scaling.py's (synthetic articles of German XNLI sentences). Both
engines run the same config with the cache off; models are loaded before timing (the Ray
workers' too: a warm-up large enough to reach both), so the seconds are the pipeline's own.
The cluster's start and the warm-ups are reported apart. The two reports must be identical:
every verdict (scores exactly) and the CSV bytes.

    .venv/bin/python benchmarks/ray_engine.py --size 1000
"""

from __future__ import annotations

import argparse
import itertools
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # this checkout's checker, also for the workers (cwd: run from REPO)

from scaling import SHARED, corpus, read_xnli  # noqa: E402  (beside this file)

from checker.config import Config  # noqa: E402
from checker.engine.rayengine import RayWorkers  # noqa: E402
from checker.pipeline import build_embedder, build_scorer, check  # noqa: E402
from checker.report.output import save_report  # noqa: E402
from checker.report.table import to_frame  # noqa: E402
from checker.rules.findings import findings, findings_frame  # noqa: E402


def _csv(report, path: Path) -> bytes:
    frame = to_frame(report.verdicts, report.articles, include_neutral=True)
    save_report(frame, path, findings=findings_frame(findings(report.verdicts)))
    return path.read_bytes() + path.with_name(f"{path.stem}-findings.csv").read_bytes()


def _warm_up(embedder, scorer, sentences: list[str]) -> float:
    """Load the models (on every worker: 3 batches each way, so both of 2 workers get one)."""
    started = time.perf_counter()
    embedder.embed(sentences[:80], 32)
    scorer.score(list(itertools.pairwise(sentences[:301])), 32)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="articles")
    parser.add_argument("--workers", type=int, default=2, help="Ray workers")
    parser.add_argument("--cpus", type=int, default=2, help="CPUs of the local Ray cluster")
    parser.add_argument("--dtype", default="auto")
    parser.add_argument("--embed-model", default=str(SHARED / "models" / "embed-me5-small"))
    parser.add_argument("--nli-model", default=str(SHARED / "models" / "nli-me5-small"))
    args = parser.parse_args()
    if Path.cwd() != REPO:
        raise SystemExit(f"run from {REPO}: local Ray workers import checker from the cwd")

    rows = [
        row
        for name in ("train.tsv", "dev.tsv")
        for row in read_xnli(SHARED / "data" / "xnli-de" / name)
    ]
    articles, _ = corpus(rows, args.size, filler=2)
    sentences = list(dict.fromkeys(s for p, h, _ in rows[-400:] for s in (p, h)))
    config = Config(
        embed_model=args.embed_model,
        nli_model=args.nli_model,
        dtype=args.dtype,
        use_cache=False,
    )
    print(f"{args.size} articles, dtype {args.dtype}, load average {os.getloadavg()}")

    embedder, scorer = build_embedder(config), build_scorer(config)
    warm = _warm_up(embedder, scorer, sentences)
    started = time.perf_counter()
    local = check(articles, config, embedder=embedder, scorer=scorer)
    local_s = time.perf_counter() - started
    stages = ", ".join(f"{k} {v:.1f}" for k, v in local.seconds.items())
    print(f"local: models loaded in {warm:.1f} s; run {local_s:.1f} s ({stages}); "
          f"{len(local.claims)} claims, {local.nli_calls} NLI calls", flush=True)
    del embedder, scorer

    import ray

    started = time.perf_counter()
    ray.init(
        address="local",
        num_cpus=args.cpus,
        include_dashboard=False,
        log_to_driver=False,
        logging_level=logging.ERROR,
    )
    cluster = time.perf_counter() - started
    try:
        ray_config = config.replace(engine="ray", ray_workers=args.workers)
        with RayWorkers(workers=args.workers) as workers:
            embedder = build_embedder(ray_config, workers)
            scorer = build_scorer(ray_config, workers)
            warm = _warm_up(embedder, scorer, sentences)
            pids = workers.pids()
            started = time.perf_counter()
            remote = check(articles, ray_config, embedder=embedder, scorer=scorer)
            ray_s = time.perf_counter() - started
            tasks = dict(workers.tasks)
    finally:
        ray.shutdown()
    stages = ", ".join(f"{k} {v:.1f}" for k, v in remote.seconds.items())
    print(f"ray ({len(set(pids))} workers, tasks per worker {tasks}): cluster started in "
          f"{cluster:.1f} s, workers and models in {warm:.1f} s; run {ray_s:.1f} s ({stages})")

    with tempfile.TemporaryDirectory() as folder:
        same_csv = _csv(local, Path(folder) / "local.csv") == _csv(remote, Path(folder) / "r.csv")
    same = remote.verdicts == local.verdicts
    print(f"identical: verdicts {same} ({len(local.verdicts)}), CSV bytes {same_csv}")
    print(f"ray / local run time: {ray_s / local_s:.2f}; load average {os.getloadavg()}")
    if not (same and same_csv):
        raise SystemExit("reports differ")


if __name__ == "__main__":
    main()
