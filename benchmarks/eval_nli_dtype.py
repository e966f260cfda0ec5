"""``checker eval nli`` in fp32 vs bf16, as a user runs it: separate processes, interleaved.

Run:  python benchmarks/eval_nli_dtype.py [--rounds 3]

Each round runs ``python -m checker.cli eval nli TSV --dtype fp32`` and then ``--dtype bf16``;
prints accuracy (must be within 0.5 point) and pairs/s (scoring only, after loading) of each run,
and the bf16 / fp32 ratio of the medians (target at least 2.5x).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def run(tsv: str, model: str, dtype: str) -> tuple[float, float]:
    """Accuracy and pairs/s of one ``checker eval nli`` run."""
    done = subprocess.run(
        [sys.executable, "-m", "checker.cli", "eval", "nli", tsv, "--nli-model", model,
         "--dtype", dtype, "-q"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    accuracy = float(re.search(r"accuracy ([0-9.]+)", done.stdout).group(1))
    rate = float(re.search(r"([0-9.]+) pairs/s", done.stdout).group(1))
    assert f"dtype: {dtype}" in done.stdout, done.stdout
    return accuracy, rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tsv", default=str(SHARED / "data/xnli-de/dev.tsv"))
    parser.add_argument("--nli-model", default=str(SHARED / "models/nli-me5-small"))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float]]] = {"fp32": [], "bf16": []}
    for _ in range(args.rounds):
        for dtype in results:
            results[dtype].append(run(args.tsv, args.nli_model, dtype))
    print(f"{args.rounds} rounds, interleaved; load {os.getloadavg()[0]:.1f}")
    print("| dtype | accuracy | pairs/s per run | median pairs/s |")
    print("|---|---|---|---|")
    for dtype, runs in results.items():
        accuracies = sorted({a for a, _ in runs})
        rates = ", ".join(f"{r:.1f}" for _, r in runs)
        median = statistics.median(r for _, r in runs)
        print(f"| {dtype} | {', '.join(f'{a:.3f}' for a in accuracies)} | {rates} | {median:.1f} |")
    gap = abs(results["bf16"][0][0] - results["fp32"][0][0]) * 100
    ratio = statistics.median(r for _, r in results["bf16"]) / statistics.median(
        r for _, r in results["fp32"]
    )
    print(f"accuracy gap {gap:.1f} points (limit 0.5); bf16/fp32 pairs/s {ratio:.2f}x (target 2.5)")


if __name__ == "__main__":
    main()
