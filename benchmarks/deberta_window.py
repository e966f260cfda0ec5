"""The default NLI model's shape with and without the relative-position window, side by side.

Run:  .venv/bin/python benchmarks/deberta_window.py [--rounds 3] [--device cpu]
          [--dtypes fp32,bf16] [--pairs xnli|seeds] [--keep DIR]

mDeBERTa-v3 (the default NLI model) cannot be downloaded here, so this builds a model of its
shape with seeded random weights (``model_throughput.DEBERTA``; speed depends on shape, not on
weights) and tokenizes with the shared stand-in's XLM-R tokenizer, a SentencePiece vocabulary of
the same size. The pairs are the 250 XNLI-de dev pairs or all cross-article pairs of the seed
claims. For each dtype, the same scorer runs with the window on and off, interleaved, and the
best round of each counts. It prints pairs/s, the speed-up, the largest score difference and
the share of unchanged labels.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this tree's checker, not whichever one is installed
sys.path.insert(0, str(Path(__file__).resolve().parent))

from model_throughput import (  # noqa: E402
    DEBERTA,
    SHARED,
    cross_pairs,
    materialised,
    seed_claims,
)

from checker.engine.nli import TransformersNliScorer  # noqa: E402
from checker.eval.evaluate import read_nli_tsv  # noqa: E402

XNLI = ROOT.parent / "shared" / "data" / "xnli-de" / "dev.tsv"


def xnli_pairs() -> list[tuple[str, str]]:
    return [(e.premise, e.hypothesis) for e in read_nli_tsv(XNLI)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--dtypes", default="fp32,bf16", help="comma-separated")
    parser.add_argument("--pairs", choices=["xnli", "seeds"], default="xnli")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the random model here, and keep it")
    args = parser.parse_args()

    import torch

    sync = torch.cuda.synchronize if args.device.startswith("cuda") else (lambda: None)
    pairs = xnli_pairs() if args.pairs == "xnli" else cross_pairs(seed_claims())
    print(f"{len(pairs)} {args.pairs} pairs, {args.device}, torch {torch.__version__}")
    print("| dtype | window off (pairs/s) | window on (pairs/s) | speed-up | max score diff "
          "| labels unchanged |")
    print("|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as scratch:
        into = args.keep or Path(scratch)
        into.mkdir(parents=True, exist_ok=True)
        folder = materialised(SHARED / "nli-me5-small", "nli", into, DEBERTA)
        for dtype in args.dtypes.split(","):
            scorer = TransformersNliScorer(str(folder), args.device, dtype=dtype)
            scorer.score(pairs[:16])  # load, and choose kernels
            window = scorer.window
            if window is None:
                raise SystemExit("the window was not installed on the mDeBERTa-shaped model")
            best: dict[bool, float] = {}
            scores = {}
            for _ in range(args.rounds):
                for on in (False, True):
                    window.enabled = on
                    sync()
                    start = time.perf_counter()
                    scores[on] = scorer.score(pairs)
                    sync()
                    best[on] = min(best.get(on, float("inf")), time.perf_counter() - start)
            diff = float(abs(scores[True] - scores[False]).max())
            same = float((scores[True].argmax(1) == scores[False].argmax(1)).mean())
            off, on_ = len(pairs) / best[False], len(pairs) / best[True]
            print(f"| {scorer.dtype} | {off:.1f} | {on_:.1f} | {on_ / off:.2f}× | {diff:.1e} "
                  f"| {same:.1%} |", flush=True)


if __name__ == "__main__":
    main()
