"""How the pipeline scales: synthetic corpora of N articles built from German XNLI sentences.

Each article holds ``--filler`` unrelated XNLI sentences plus planted claims: for every article
one XNLI pair (entailment or contradiction) is split across that article and a random other
one, so the corpus has N planted pairs with a known verdict. Reported per size: claims, pairs
scored, NLI calls, seconds per stage, and the recall of planted pairs (found as a candidate
pair at all; flagged with the right verdict). For the smallest size it also scores *all*
cross-article pairs both ways, the baseline that pairing exists to avoid.

Models are loaded (and warmed up) before timing, and the cache is off, so seconds are the
pipeline's own.

    .venv/bin/python benchmarks/scaling.py --sizes 10 100
"""

from __future__ import annotations

import argparse
import csv
import itertools
import random
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
    rows: list[tuple[str, str, str]], articles: int, filler: int, seed: int = 0
) -> tuple[list[Article], list[tuple[str, str, str]]]:
    """``articles`` articles and the planted (claim_a, claim_b, xnli_label) pairs."""
    rng = random.Random(seed)
    planted_rows = [r for r in rows if r[2] in EXPECTED and _usable(r[0]) and _usable(r[1])]
    rng.shuffle(planted_rows)
    planted_rows = planted_rows[:articles]
    used = {s for p, h, _ in planted_rows for s in (p, h)}
    fillers = sorted({s for p, h, _ in rows for s in (p, h) if _usable(s)} - used)
    rng.shuffle(fillers)
    if len(planted_rows) < articles or len(fillers) < articles * filler:
        raise SystemExit(f"not enough XNLI sentences for {articles} articles")
    bodies = [fillers[i * filler : (i + 1) * filler] for i in range(articles)]
    for i, (premise, hypothesis, _) in enumerate(planted_rows):
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
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--filler", type=int, default=4, help="unrelated sentences per article")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--embed-model", default=str(SHARED / "models" / "embed-me5-small"))
    parser.add_argument("--nli-model", default=str(SHARED / "models" / "nli-me5-small"))
    parser.add_argument("--xnli", default=str(SHARED / "data" / "xnli-de" / "train.tsv"))
    args = parser.parse_args()

    config = Config(embed_model=args.embed_model, nli_model=args.nli_model, use_cache=False)
    embedder, scorer = build_embedder(config), build_scorer(config)
    started = time.perf_counter()
    embedder.embed(["warm-up sentence"])
    scorer.score([("warm", "up")])
    print(f"models loaded in {time.perf_counter() - started:.1f} s")
    rows = read_xnli(Path(args.xnli))

    for size in args.sizes:
        articles, planted = corpus(rows, size, args.filler)
        started = time.perf_counter()
        report = check(articles, config, embedder=embedder, scorer=scorer)
        total = time.perf_counter() - started
        found, right, n = recall(report.verdicts, planted)
        stages = ", ".join(f"{k} {v:.1f}" for k, v in report.seconds.items())
        print(
            f"{size} articles: {len(report.claims)} claims, {len(report.verdicts)} pairs, "
            f"{report.nli_calls} NLI calls, {total:.1f} s ({stages}); planted pairs {n}: "
            f"scored {found:.0%}, right verdict {right:.0%}"
        )
        if size == min(args.sizes) and not args.no_baseline:
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
