"""Start-up cost before vs after, measured side by side: fresh interpreters, interleaved.

Run:  git archive <old commit> | tar -x -C /tmp/checker-before
      python benchmarks/cold_start.py --before /tmp/checker-before [--rounds 5]

For each tree (its ``checker`` package is imported from the tree itself, as ``python -m``
does from the working directory), every round runs, in turn for both trees:

- ``python -c "import checker.cli"`` (wall) and its ``-X importtime`` total;
- ``python -m checker.cli --help`` (wall);
- ``python -m checker.cli report examples/ --no-cache``: the seed report cold, end to end
  (both models loaded and run, nothing read from or written to a cache), with its peak RSS;
- ``python -m checker.cli report examples/`` on a fully cached run (each tree gets its own
  cache file, warmed first, because the cache identity changed);
- loading the embedder and embedding one text, fp32 (wall and peak RSS): what a cold run pays
  before any real work, including ``import sentence_transformers`` where that is used.

Prints the median and the best of each, and after / before ratios.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

EMBED_ONCE = (
    "import inspect, resource, sys\n"
    "from checker.engine.embedding import SentenceTransformerEmbedder as E\n"
    "extra = {'dtype': 'fp32'} if 'dtype' in inspect.signature(E).parameters else {}\n"
    "E(sys.argv[1], device='cpu', **extra).embed(['Die Polizei stellte zwölf Paketbomben.'])\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
)


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, str]:
    """Wall seconds of one command and its stdout+stderr; fails loudly on a non-zero exit."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{command} in {cwd} failed:\n{done.stderr[-2000:]}")
    return seconds, done.stdout + done.stderr


def import_total_ms(output: str) -> float:
    """The cumulative -X importtime of ``checker.cli`` itself, in ms."""
    match = re.search(r"\|\s*(\d+) \| checker\.cli$", output, re.M)
    return int(match.group(1)) / 1000 if match else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="checkout of the old tree")
    parser.add_argument("--after", type=Path, default=ROOT)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--embed-model", default=str(SHARED / "models/embed-me5-small"))
    parser.add_argument("--nli-model", default=str(SHARED / "models/nli-me5-small"))
    parser.add_argument("--cache-dir", type=Path, default=Path("/tmp"))
    args = parser.parse_args()
    env = dict(os.environ)
    env.update(CHECKER_EMBED_MODEL=args.embed_model, CHECKER_NLI_MODEL=args.nli_model)
    env.pop("PYTHONPATH", None)
    py = sys.executable
    trees = {"before": args.before.resolve(), "after": args.after.resolve()}
    examples = str(ROOT / "examples")
    caches = {name: args.cache_dir / f"cold-start-{name}.sqlite3" for name in trees}
    report = {
        name: [py, "-m", "checker.cli", "report", examples, "-q", "--cache", str(caches[name]),
               "-o", str(args.cache_dir / f"cold-start-{name}.csv")]
        for name in trees
    }
    cold = {
        name: [py, "-m", "checker.cli", "report", examples, "-q", "--no-cache",
               "-o", str(args.cache_dir / f"cold-start-{name}-cold.csv")]
        for name in trees
    }
    for name, tree in trees.items():  # warm each tree's cache (a cold run: minutes)
        timed(report[name], tree, env)
    samples: dict[tuple[str, str], list[float]] = {}

    def add(name: str, what: str, value: float) -> None:
        samples.setdefault((what, name), []).append(value)

    for _ in range(args.rounds):
        for name, tree in trees.items():
            seconds = timed([py, "-c", "import checker.cli"], tree, env)[0]
            add(name, "import checker.cli (s)", seconds)
            _, out = timed([py, "-X", "importtime", "-c", "import checker.cli"], tree, env)
            add(name, "-X importtime checker.cli (ms)", import_total_ms(out))
            seconds = timed([py, "-m", "checker.cli", "--help"], tree, env)[0]
            add(name, "checker --help (s)", seconds)
            seconds, out = timed(
                ["/usr/bin/time", "-f", "%M", *cold[name]], tree, env
            )
            add(name, "cold report examples/ --no-cache (s)", seconds)
            add(name, "  cold report peak RSS (MiB)", int(out.strip().splitlines()[-1]) / 1024)
            add(name, "cached report examples/ (s)", timed(report[name], tree, env)[0])
            seconds, out = timed([py, "-c", EMBED_ONCE, args.embed_model], tree, env)
            add(name, "load embedder + embed 1 text (s)", seconds)
            add(name, "  its peak RSS (MiB)", int(out.strip().splitlines()[-1]) / 1024)
    print(f"{args.rounds} rounds, interleaved; load {os.getloadavg()[0]:.1f}; "
          f"before = {trees['before']}, after = {trees['after']}")
    print("| measure | before (median / best) | after (median / best) | after / before (median) |")
    print("|---|---|---|---|")
    for what in dict.fromkeys(w for w, _ in samples):
        before, after = samples[(what, "before")], samples[(what, "after")]
        print(
            f"| {what} | {statistics.median(before):.3g} / {min(before):.3g} | "
            f"{statistics.median(after):.3g} / {min(after):.3g} | "
            f"{statistics.median(after) / statistics.median(before):.2f} |"
        )


if __name__ == "__main__":
    main()
