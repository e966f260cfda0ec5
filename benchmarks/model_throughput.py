"""Per-call model costs on any device: NLI pairs/s and embedding texts/s by dtype and batch size.

Run:  python benchmarks/model_throughput.py --device cuda --out costs.json
      python benchmarks/model_throughput.py --device cpu --pairs 208 --batch-sizes 32

Throughput depends on a model's shape, not its weights, so a model can be given as a folder
holding only ``config.json`` and its tokenizer files (no weights: a machine that cannot take
the real ones, such as a lent GPU box that takes 64 MiB): it is built with random weights,
seeded. ``--deberta`` adds a random model of the default NLI model's architecture
(mDeBERTa-v3-base: 12 layers, 768 wide, disentangled relative attention, 251k vocabulary),
read with the NLI folder's tokenizer, since its own SentencePiece file is not available
offline; its token counts are close (both are multilingual SentencePiece vocabularies).

Inputs are the seed articles' claims (``examples/``): every ordered cross-article pair, the
list repeated to ``--pairs``; the embedder gets the claims repeated to ``--texts``. Each
(model, dtype, batch size) is timed after one warm-up call, best of ``--rounds``, through the
product's own classes (``TransformersNliScorer``, ``SentenceTransformerEmbedder``), so the
batching and padding are the product's. Prints a table and writes it as JSON with ``--out``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this tree's checker, not whichever one is installed

from checker.engine.embedding import SentenceTransformerEmbedder  # noqa: E402
from checker.engine.nli import TransformersNliScorer  # noqa: E402
from checker.rules.articles import load_articles  # noqa: E402
from checker.rules.claims import extract_all  # noqa: E402

SHARED = ROOT.parent / "shared" / "models"

# mDeBERTa-v3-base-xnli-multilingual-nli-2mil7 (the default NLI model): its config.json's shape
DEBERTA = {
    "model_type": "deberta-v2",
    "hidden_size": 768,
    "num_hidden_layers": 12,
    "num_attention_heads": 12,
    "intermediate_size": 3072,
    "hidden_act": "gelu",
    "max_position_embeddings": 512,
    "type_vocab_size": 0,
    "relative_attention": True,
    "max_relative_positions": -1,
    "position_buckets": 256,
    "norm_rel_ebd": "layer_norm",
    "share_att_key": True,
    "pos_att_type": ["p2c", "c2p"],
    "position_biased_input": False,
    "layer_norm_eps": 1e-7,
    "vocab_size": 251000,
    "pad_token_id": 0,
    "id2label": {"0": "entailment", "1": "neutral", "2": "contradiction"},
    "label2id": {"entailment": 0, "neutral": 1, "contradiction": 2},
}


def materialised(folder: Path, kind: str, into: Path, config: dict[str, Any] | None = None) -> Path:
    """``folder`` itself when it holds weights, else a copy with seeded random weights."""
    if config is None and (any(folder.glob("*.safetensors")) or any(folder.glob("*.bin"))):
        return folder
    import torch
    from transformers import AutoConfig, AutoModel, AutoModelForSequenceClassification

    out = into / f"{kind}-{folder.name}" if config is None else into / f"{kind}-deberta"
    shutil.copytree(folder, out, ignore=shutil.ignore_patterns("*.safetensors", "*.bin"))
    if config is not None:
        model_type = config["model_type"]
        shape = {k: v for k, v in config.items() if k != "model_type"}
        built = AutoConfig.for_model(model_type, **shape)
    else:
        built = AutoConfig.from_pretrained(folder)
    torch.manual_seed(0)
    cls = AutoModelForSequenceClassification if kind == "nli" else AutoModel
    cls.from_config(built).save_pretrained(out)
    return out


def seed_claims() -> list[tuple[str, str]]:
    """(article id, claim text) of the seed articles."""
    claims, _ = extract_all(load_articles([ROOT / "examples"]), 4)
    return [(c.article_id, c.text) for c in claims]


def cross_pairs(claims: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Every ordered pair of ``claims`` (article id, text) from different articles."""
    return [(a, b) for i, a in claims for j, b in claims if i != j]


def repeated(items: list[Any], n: int) -> list[Any]:
    return (items * (n // max(len(items), 1) + 1))[:n]


def best_seconds(task: Any, rounds: int, sync: Any) -> float:
    task()  # warm-up: kernels chosen, caches filled
    sync()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        task()
        sync()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--dtypes", default="auto,fp32", help="comma-separated")
    parser.add_argument("--batch-sizes", default="32,128,512", help="comma-separated")
    parser.add_argument("--nli", type=Path, default=SHARED / "nli-me5-small")
    parser.add_argument("--embed", type=Path, default=SHARED / "embed-me5-small")
    parser.add_argument("--deberta", action="store_true", help="also a random mDeBERTa-base")
    parser.add_argument("--pairs", type=int, default=4096)
    parser.add_argument("--texts", type=int, default=4096)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--keep", type=Path, help="build random models here, and keep them")
    args = parser.parse_args()

    import torch

    sync = torch.cuda.synchronize if args.device.startswith("cuda") else (lambda: None)
    claims = seed_claims()
    pairs = repeated(cross_pairs(claims), args.pairs)
    texts = repeated([t for _, t in claims], args.texts)
    dtypes = args.dtypes.split(",")
    batches = [int(b) for b in args.batch_sizes.split(",")]
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as scratch:
        tmp = args.keep or Path(scratch)
        tmp.mkdir(parents=True, exist_ok=True)
        models = [("nli", materialised(args.nli, "nli", Path(tmp)))]
        if args.deberta:
            models.append(("nli", materialised(args.nli, "nli", Path(tmp), DEBERTA)))
        models.append(("embed", materialised(args.embed, "embed", Path(tmp))))
        for kind, folder in models:
            for dtype in dtypes:
                for batch in batches:
                    if kind == "nli":
                        scorer = TransformersNliScorer(str(folder), args.device, dtype=dtype)
                        tokens = sum(len(i) for i in scorer._tokenize(pairs)["input_ids"])
                        seconds = best_seconds(
                            lambda s=scorer, b=batch: s.score(pairs, b), args.rounds, sync
                        )
                        count, resolved = len(pairs), scorer.dtype
                    else:
                        embedder = SentenceTransformerEmbedder(
                            str(folder), device=args.device, dtype=dtype
                        )
                        tokens = 0
                        seconds = best_seconds(
                            lambda e=embedder, b=batch: e.embed(texts, b), args.rounds, sync
                        )
                        count, resolved = len(texts), embedder.dtype
                    config = json.loads((folder / "config.json").read_text())
                    row = {
                        "model": f"{kind} {config['model_type']} "
                        f"{config['num_hidden_layers']}x{config['hidden_size']}",
                        "device": args.device,
                        "dtype": resolved,
                        "batch_size": batch,
                        "items": count,
                        "tokens_per_item": round(tokens / count, 1) if tokens else None,
                        "seconds": round(seconds, 4),
                        "per_second": round(count / seconds, 1),
                        "ms_per_item": round(1000 * seconds / count, 3),
                    }
                    rows.append(row)
                    print(json.dumps(row), flush=True)
    name = torch.cuda.get_device_name() if args.device.startswith("cuda") else "cpu"
    print(f"\n{name}, torch {torch.__version__}")
    print("| model | dtype | batch | items/s | ms/item |")
    print("|---|---|---:|---:|---:|")
    for r in rows:
        print(f"| {r['model']} | {r['dtype']} | {r['batch_size']} | {r['per_second']:,.0f} "
              f"| {r['ms_per_item']} |")
    if args.out:
        args.out.write_text(json.dumps({"device": name, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
