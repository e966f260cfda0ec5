"""How the pipeline scales: synthetic corpora of N articles built from German XNLI sentences.

Each article holds ``--filler`` unrelated XNLI sentences; up to ``--planted`` XNLI pairs
(entailment or contradiction, one per premise) are split across two random articles each, so
the corpus has known pairs to find, and their siblings (the premise's other hypotheses) are kept
out of the filler. Reported per size: claims, pairs scored, NLI calls, seconds per stage, cost
per article and per claim, NLI calls/s, peak memory, and the recall of planted pairs (found as a
candidate pair at all; flagged with the right verdict). For sizes up to ``--baseline-max`` it
also scores *all* cross-article pairs both ways, the baseline that pairing exists to avoid.

Models are loaded (and warmed up) before timing, and the cache is off, so seconds are the
pipeline's own.

    .venv/bin/python benchmarks/scaling.py --sizes 10 100 1000 --baseline-max 100
"""

from __future__ import annotations

import argparse
import csv
import itertools
import random
import resource
import time
from pathlib import Path

from checker.config import Config
from checker.pipeline import build_embedder, build_scorer, check, score_both_directions
from checker.records import Article
from checker.verdict import AGREEMENT, CONTRADICTION, NEUTRAL, decide

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXPECTED = {"entailment": AGREEMENT, "contradiction": CONTRADICTION}


def _normal(text: str) -> str:
    return " ".join(text.split())


def _usable(sentence: str) -> bool:
    """Sentences the claim splitter keeps whole: one declarative sentence of 5+ words."""
    body = sentence.rstrip(".")
    return (
        sentence.endswith(".")
        and len(sentence.split()) >= 5
        and not any(c in body for c in '.?!:;"„“')
    )


def read_xnli(path: Path) -> list[tuple[str, str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, "excel-tab", quoting=csv.QUOTE_NONE)
        return [(p, h, label) for p, h, label in rows]


def corpus(
    rows: list[tuple[str, str, str]],
    articles: int,
    filler: int,
    max_planted: int = 100,
    seed: int = 0,
) -> tuple[list[Article], list[tuple[str, str, str]]]:
    """``articles`` articles and the planted (claim_a, claim_b, xnli_label) pairs."""
    rng = random.Random(seed)
    candidates = [r for r in rows if r[2] in EXPECTED and _usable(r[0]) and _usable(r[1])]
    rng.shuffle(candidates)
    planted_rows, seen_premises = [], set()
    for row in candidates:  # one planted pair per premise, so planted pairs stay independent
        if row[0] not in seen_premises and len(planted_rows) < min(articles, max_planted):
            planted_rows.append(row)
            seen_premises.add(row[0])
    # XNLI gives each premise three hypotheses: keep all of a planted premise's siblings out of
    # the filler, or they crowd the planted pair out of each other's neighbour lists.
    planted_premises = {p for p, _, _ in planted_rows}
    used = {s for p, h, _ in rows if p in planted_premises for s in (p, h)}
    fillers = sorted({s for p, h, _ in rows for s in (p, h) if _usable(s)} - used)
    rng.shuffle(fillers)
    if len(fillers) < articles * filler:
        raise SystemExit(f"not enough XNLI sentences for {articles} articles × {filler} filler")
    bodies = [fillers[i * filler : (i + 1) * filler] for i in range(articles)]
    hosts = rng.sample(range(articles), len(planted_rows))
    for i, (premise, hypothesis, _) in zip(hosts, planted_rows, strict=True):
        other = rng.choice([j for j in range(articles) if j != i])
        bodies[i].insert(rng.randrange(len(bodies[i]) + 1), premise)
        bodies[other].insert(rng.randrange(len(bodies[other]) + 1), hypothesis)
    made = []
    for i, sentences in enumerate(bodies):
        paragraphs = [" ".join(sentences[k : k + 3]) for k in range(0, len(sentences), 3)]
        made.append(Article(id=f"a{i:03d}", text="\n\n".join(paragraphs), language="de"))
    return made, planted_rows


def recall(verdicts, planted) -> tuple[float, float, int]:
    """Share of planted pairs among scored pairs, and flagged with the expected verdict."""
    seen = {frozenset((_normal(v.pair.a.text), _normal(v.pair.b.text))): v.label for v in verdicts}
    keys = [(frozenset((_normal(p), _normal(h))), EXPECTED[label]) for p, h, label in planted]
    found = sum(key in seen for key, _ in keys)
    right = sum(seen.get(key) == want for key, want in keys)
    return found / len(keys), right / len(keys), len(keys)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--filler", type=int, default=2, help="unrelated sentences per article")
    parser.add_argument("--planted", type=int, default=100, help="planted pairs at most")
    parser.add_argument(
        "--baseline-max", type=int, default=10, help="all-pairs baseline for sizes up to this"
    )
    parser.add_argument("--top-k", type=int, default=Config().top_k)
    parser.add_argument("--embed-model", default=str(SHARED / "models" / "embed-me5-small"))
    parser.add_argument("--nli-model", default=str(SHARED / "models" / "nli-me5-small"))
    parser.add_argument(
        "--xnli",
        nargs="+",
        default=[str(SHARED / "data" / "xnli-de" / n) for n in ("train.tsv", "dev.tsv")],
    )
    args = parser.parse_args()

    config = Config(
        embed_model=args.embed_model, nli_model=args.nli_model, use_cache=False, top_k=args.top_k
    )
    embedder, scorer = build_embedder(config), build_scorer(config)
    started = time.perf_counter()
    embedder.embed(["warm-up sentence"])
    scorer.score([("warm", "up")])
    print(f"models loaded in {time.perf_counter() - started:.1f} s")
    rows = [row for path in args.xnli for row in read_xnli(Path(path))]

    for size in args.sizes:
        articles, planted = corpus(rows, size, args.filler, args.planted)
        started = time.perf_counter()
        report = check(articles, config, embedder=embedder, scorer=scorer)
        total = time.perf_counter() - started
        found, right, n = recall(report.verdicts, planted)
        stages = ", ".join(f"{k} {v:.1f}" for k, v in report.seconds.items())
        nli_rate = report.nli_calls / report.seconds["nli"] if report.seconds.get("nli") else 0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{size} articles: {len(report.claims)} claims, {len(report.verdicts)} pairs, "
            f"{report.nli_calls} NLI calls, {total:.1f} s ({stages}), "
            f"{total / size:.2f} s/article, {total / len(report.claims):.3f} s/claim, "
            f"{report.nli_calls / len(report.claims):.1f} NLI calls/claim, "
            f"NLI {nli_rate:.1f} calls/s, peak RSS {peak:.0f} MiB; "
            f"planted pairs {n}: scored {found:.0%}, right verdict {right:.0%}",
            flush=True,
        )
        if size <= args.baseline_max:
            baseline(report, planted, scorer, config)


def baseline(report, planted, scorer, config: Config) -> None:
    """Every cross-article claim pair, both directions: what pairing saves."""
    from checker.records import Pair

    pairs = [
        Pair(a, b, 0.0)
        for a, b in itertools.combinations(report.claims, 2)
        if a.article_id != b.article_id
    ]
    started = time.perf_counter()
    forward, backward, calls = score_both_directions(
        [(p.a.text, p.b.text) for p in pairs], scorer, config, False
    )
    seconds = time.perf_counter() - started
    verdicts = [decide(p, f, b, config) for p, f, b in zip(pairs, forward, backward, strict=True)]
    found, right, _ = recall(verdicts, planted)
    flagged = sum(v.label != NEUTRAL for v in verdicts)
    print(
        f"  all-pairs baseline: {len(pairs)} pairs, {calls} NLI calls, {seconds:.1f} s NLI; "
        f"planted scored {found:.0%}, right verdict {right:.0%}; {flagged} pairs flagged"
    )


if __name__ == "__main__":
    main()
