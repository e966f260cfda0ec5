"""NLI throughput against the machine's own matmul throughput, plus the int8 trial.

Run:  .venv/bin/python benchmarks/nli_throughput.py [--nli-model PATH] [--tsv PATH]

Prints: average tokens per pair, an analytic estimate of the model's FLOPs per pair, achieved
pairs/s and GFLOP/s, a timed float32 matmul on the same threads, and the ratio between the two;
then XNLI-de dev accuracy and pairs/s for int8 dynamic quantisation of the Linear layers (kept
only if accuracy drops by at most one point).
"""

from __future__ import annotations

import argparse
import copy
import csv
import os
import time
import warnings
from pathlib import Path

import numpy as np
import torch

from checker.engine.nli import LABELS, TransformersNliScorer

ROOT = Path(__file__).resolve().parents[1]


def read_tsv(path: Path) -> tuple[list[tuple[str, str]], np.ndarray]:
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(p, h) for p, h, _ in rows], np.array([LABELS.index(label) for *_, label in rows])


def flops_per_pair(config: object, tokens: float) -> float:
    """Forward FLOPs of a BERT-style encoder for one sequence of ``tokens`` tokens.

    2 FLOPs per weight per token for the dense layers (Q, K, V, output, two FFN layers), plus
    the attention scores and the weighted sum (2 × 2 × T² × d per layer).
    """
    d = config.hidden_size
    layers = config.num_hidden_layers
    ffn = config.intermediate_size
    dense = layers * (4 * d * d + 2 * d * ffn)
    attention = layers * 4 * tokens * tokens * d
    return 2 * dense * tokens + attention


def matmul_gflops(n: int = 1024, repeats: int = 20) -> float:
    a, b = torch.randn(n, n), torch.randn(n, n)
    torch.mm(a, b)
    start = time.perf_counter()
    for _ in range(repeats):
        torch.mm(a, b)
    seconds = time.perf_counter() - start
    return 2 * n**3 * repeats / seconds / 1e9


def timed_score(
    scorer: TransformersNliScorer, pairs: list[tuple[str, str]]
) -> tuple[np.ndarray, float]:
    start = time.perf_counter()
    probs = scorer.score(pairs, batch_size=32)
    return probs, len(pairs) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nli-model", default=str(ROOT.parent / "shared/models/nli-me5-small"))
    parser.add_argument("--tsv", default=str(ROOT.parent / "shared/data/xnli-de/dev.tsv"))
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    pairs, gold = read_tsv(Path(args.tsv))
    scorer = TransformersNliScorer(args.nli_model)
    scorer.score(pairs[:8])  # load and warm up
    tokenizer, model, columns = scorer._load()
    tokens = np.mean(
        [len(ids) for ids in tokenizer([p for p, _ in pairs], [h for _, h in pairs])["input_ids"]]
    )
    flops = flops_per_pair(model.config, float(tokens))
    threads = torch.get_num_threads()
    print(f"machine: {os.cpu_count()} CPUs, torch {torch.__version__}, {threads} threads")
    print(f"pairs: {len(pairs)}, mean tokens per pair: {tokens:.1f}")
    print(f"estimated forward FLOPs per pair: {flops / 1e9:.2f} GFLOP")
    probs, rate = timed_score(scorer, pairs)
    accuracy = float((probs.argmax(1) == gold).mean())
    peak = matmul_gflops()
    achieved = rate * flops / 1e9
    print(f"float32: accuracy {accuracy:.3f}, {rate:.1f} pairs/s = {achieved:.1f} GFLOP/s")
    print(
        f"torch float32 matmul 1024²: {peak:.1f} GFLOP/s -> NLI runs at {achieved / peak:.0%} of it"
    )
    quantised = torch.ao.quantization.quantize_dynamic(
        copy.deepcopy(model), {torch.nn.Linear}, dtype=torch.qint8
    )
    scorer._loaded = (tokenizer, quantised, columns)
    probs, rate = timed_score(scorer, pairs)
    int8_accuracy = float((probs.argmax(1) == gold).mean())
    verdict = "adopt" if accuracy - int8_accuracy <= 0.01 else "reject (drop > 1 point)"
    print(f"int8 dynamic: accuracy {int8_accuracy:.3f}, {rate:.1f} pairs/s -> {verdict}")


if __name__ == "__main__":
    main()
