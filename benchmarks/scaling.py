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

**Stand-in models** (``--stand-in``), for 10k–100k articles, where the real models would take
days on 2 cores: the non-model stages (reading a JSONL file, claims, stories, pairing, values and
evidence, verdicts, writing the report) run for real, each size in a fresh process (its own peak
RSS), while the models are replaced by

* an embedder that looks up the *real* vector of each distinct XNLI sentence (embedded once with
  the real embedder and cached in ``--vectors``), so neighbour structure is the real one; a
  paragraph is the normalised sum of its sentences' vectors; any other text (value frames,
  evidence snippets) gets a hash-seeded random unit vector (counted, "unknown texts");
* an NLI scorer giving hash-seeded probabilities (a mix of labels, deterministic).

XNLI has too few distinct sentences for 100k articles, so the corpus is made of *copies* of the
sentence set: copy ``w`` marks its sentences with a lowercase word (`` zzb``) before the final
full stop, and the stand-in embedder turns copy ``w``'s vectors by a fixed random signed
permutation of the dimensions. Within a copy the geometry is the real one; across copies a
sentence is unrelated to itself (cosine ≈ 0), so copies do not form false stories.
``--measure-models`` times the real models per claim and per NLI pair (default dtype).

    .venv/bin/python benchmarks/scaling.py --stand-in --sizes 10000 100000 --measure-models
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import itertools
import json
import math
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # this checkout's checker, not whichever one is installed

from checker.config import Config  # noqa: E402
from checker.pipeline import build_embedder, build_scorer, check, score_both_directions  # noqa: E402
from checker.records import Article  # noqa: E402
from checker.rules.verdict import AGREEMENT, CONTRADICTION, NEUTRAL, decide  # noqa: E402

SHARED = REPO.parent / "shared"
_MARK = re.compile(r" zz([a-z]+)(?=[.]$)")
_SENTENCES = re.compile(r"(?<=[.!?])\s+")
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
    copies: bool = False,
) -> tuple[list[Article], list[tuple[str, str, str]]]:
    """``articles`` articles and the planted (claim_a, claim_b, xnli_label) pairs; with
    ``copies``, marked copies of the sentence set when it is too small (see the docstring)."""
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
        if not copies:
            raise SystemExit(
                f"not enough XNLI sentences for {articles} articles × {filler} filler"
            )
        base, fillers = fillers, list(fillers)
        for copy in range(1, math.ceil(articles * filler / len(base))):
            more = [mark(s, copy) for s in base]
            rng.shuffle(more)
            fillers += more
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


def mark(sentence: str, copy: int) -> str:
    """``sentence`` as it appears in copy ``copy`` of the sentence set (copy 0: unchanged)."""
    if copy == 0:
        return sentence
    letters = ""
    while copy:
        copy, digit = divmod(copy, 26)
        letters = chr(ord("a") + digit) + letters
    return f"{sentence[:-1]} zz{letters}."


def unmark(text: str) -> tuple[str, int]:
    """(the original sentence, its copy number)."""
    found = _MARK.search(text)
    if not found:
        return text, 0
    copy = 0
    for letter in found.group(1):
        copy = copy * 26 + ord(letter) - ord("a")
    return text[: found.start()] + text[found.end() :], copy


def _hash_unit(text: str, dim: int) -> np.ndarray:
    seed = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")
    v = np.random.default_rng(seed).standard_normal(dim).astype(np.float32)
    return v / np.linalg.norm(v)


class StandInEmbedder:
    """Real vectors of known sentences, looked up; see the module docstring."""

    model_id = "stand-in-embedder"

    def __init__(self, table: dict[str, np.ndarray]) -> None:
        self.table = table
        self.dim = len(next(iter(table.values())))
        self.turns: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self.unknown = 0

    def _turned(self, vector: np.ndarray, copy: int) -> np.ndarray:
        if copy == 0:
            return vector
        if copy not in self.turns:
            rng = np.random.default_rng(copy)
            signs = rng.choice(np.array([-1.0, 1.0], dtype=np.float32), self.dim)
            self.turns[copy] = (rng.permutation(self.dim), signs)
        order, signs = self.turns[copy]
        return vector[order] * signs

    def _sentence(self, text: str) -> np.ndarray | None:
        base, copy = unmark(text)
        vector = self.table.get(base)
        return None if vector is None else self._turned(vector, copy)

    def vector(self, text: str) -> np.ndarray:
        found = self._sentence(text)
        if found is not None:
            return found
        parts = [self._sentence(p) for p in _SENTENCES.split(text.strip())]
        if parts and all(p is not None for p in parts):
            total = np.sum(parts, axis=0)
            return total / np.linalg.norm(total)
        self.unknown += 1
        return _hash_unit(text, self.dim)

    def embed(
        self, texts: Sequence[str], batch_size: int = 32, show_progress: bool = False
    ) -> np.ndarray:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row] = self.vector(text)
        return out


class StandInScorer:
    """NLI probabilities from a hash of the pair: deterministic, a mix of labels."""

    model_id = "stand-in-scorer"

    def score(
        self, pairs: Sequence[tuple[str, str]], batch_size: int = 32, show_progress: bool = False
    ) -> np.ndarray:
        out = np.empty((len(pairs), 3), dtype=np.float32)
        for row, (premise, hypothesis) in enumerate(pairs):
            logits = 3 * _hash_unit(premise + "\x1f" + hypothesis, 3)
            out[row] = np.exp(logits) / np.exp(logits).sum()
        return out


def recall(verdicts, planted) -> tuple[float, float, int]:
    """Share of planted pairs among scored pairs, and flagged with the expected verdict."""
    seen = {frozenset((_normal(v.pair.a.text), _normal(v.pair.b.text))): v.label for v in verdicts}
    keys = [(frozenset((_normal(p), _normal(h))), EXPECTED[label]) for p, h, label in planted]
    found = sum(key in seen for key, _ in keys)
    right = sum(seen.get(key) == want for key, want in keys)
    return found / len(keys), right / len(keys), len(keys)


def _status(field: str) -> int:
    """A VmRSS / VmHWM figure of this process in MiB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) // 1024
    raise RuntimeError(field)


def _sentences(rows: list[tuple[str, str, str]]) -> list[str]:
    """Every sentence a corpus can hold (usable XNLI sentences) and the reference set."""
    from checker.rules.stories import reference_sentences

    usable = sorted({s for p, h, _ in rows for s in (p, h) if _usable(s)})
    return usable + [s for _, s in reference_sentences()]


def build_vectors(rows: list[tuple[str, str, str]], args: argparse.Namespace) -> None:
    """Embed every distinct sentence once with the real embedder and save it to --vectors."""
    config = Config(embed_model=args.embed_model, use_cache=False)
    embedder = build_embedder(config)
    embedder.embed(["warm-up sentence"])
    texts = _sentences(rows)
    started = time.perf_counter()
    vectors = embedder.embed(texts, config.batch_size)
    seconds = time.perf_counter() - started
    np.savez(args.vectors, texts=np.array(texts), vectors=vectors)
    print(
        f"real embedder: {len(texts)} distinct sentences in {seconds:.1f} s "
        f"({seconds / len(texts) * 1000:.1f} ms/sentence); saved to {args.vectors}",
        flush=True,
    )


def measure_models(rows: list[tuple[str, str, str]], args: argparse.Namespace) -> None:
    """Real per-claim model costs at the default dtype: embedding a claim, a paragraph of
    three claims, and one NLI call (one direction of a pair)."""
    config = Config(embed_model=args.embed_model, nli_model=args.nli_model, use_cache=False)
    embedder, scorer = build_embedder(config), build_scorer(config)
    embedder.embed(["warm-up sentence"])
    scorer.score([("warm", "up")])
    rng = random.Random(1)
    sentences = rng.sample(sorted({s for p, h, _ in rows for s in (p, h) if _usable(s)}), 512)
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, 384, 3)]
    pairs = [(p, h) for p, h, _ in rng.sample(rows, 256)]
    for what, run, count in (
        ("embedding, per claim", lambda: embedder.embed(sentences, config.batch_size), 512),
        ("embedding, per paragraph", lambda: embedder.embed(paragraphs, config.batch_size), 128),
        ("NLI, per call", lambda: scorer.score(pairs, config.batch_size), 256),
    ):
        started = time.perf_counter()
        run()
        seconds = time.perf_counter() - started
        print(f"real model ({config.dtype}): {what}: {seconds / count * 1000:.1f} ms "
              f"({count} in {seconds:.1f} s)", flush=True)


def stand_in_run(size: int, args: argparse.Namespace, rows: list, out: Path) -> None:
    """One size with the stand-in models, in this (fresh) process; results to ``out``."""
    from checker.report.output import save_report
    from checker.report.table import to_frame
    from checker.rules.articles import load_articles
    from checker.rules.findings import findings, findings_frame

    saved = np.load(args.vectors)
    table = dict(zip(saved["texts"].tolist(), saved["vectors"], strict=True))
    embedder, scorer = StandInEmbedder(table), StandInScorer()
    config = Config(use_cache=False, top_k=args.top_k)
    made, planted = corpus(rows, size, args.filler, args.planted, copies=True)
    seconds: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "articles.jsonl"
        with open(source, "w", encoding="utf-8") as handle:
            for a in made:
                handle.write(json.dumps({"id": a.id, "text": a.text, "language": "de"}) + "\n")
        del made
        before = _status("VmRSS")
        started = time.perf_counter()
        articles = load_articles([source])
        seconds["reading"] = time.perf_counter() - started
        report = check(articles, config, embedder=embedder, scorer=scorer)
        seconds.update(report.seconds)
        started = time.perf_counter()
        frame = to_frame(report.verdicts, report.articles, config.include_neutral)
        found = findings_frame(findings(report.verdicts))
        save_report(frame, Path(tmp) / "report.csv", None, found)
        seconds["report"] = time.perf_counter() - started
    found_share, right, _ = recall(report.verdicts, planted)
    sizes = sorted((len(s.article_ids) for s in report.stories), reverse=True)
    out.write_text(json.dumps({
        "articles": size, "claims": len(report.claims), "pairs": len(report.verdicts),
        "nli_calls": report.nli_calls, "seconds": seconds, "rss_before": before,
        "peak": _status("VmHWM"), "stories": len(sizes), "largest": sizes[:3],
        "unknown": embedder.unknown, "planted": [found_share, right],
    }))


STAGES = ("reading", "claims", "embedding", "stories", "pairing", "nli", "verdict", "report")


def stand_in_table(args: argparse.Namespace) -> None:
    print(
        "| articles | claims | pairs | stories (largest) | "
        + " | ".join(STAGES)
        + " | total s | µs / claim (non-model) | peak RSS |"
    )
    print("|" + "---:|" * (len(STAGES) + 7))
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            out = Path(tmp) / f"{size}.json"
            command = [
                sys.executable, __file__, "--stand-in", "--vectors", str(args.vectors),
                "--filler", str(args.filler), "--planted", str(args.planted),
                "--top-k", str(args.top_k), "--child", str(size), str(out),
            ]
            started = time.perf_counter()
            subprocess.run(command, check=True, cwd=REPO)
            wall = time.perf_counter() - started
            r = json.loads(out.read_text())
            sec = r["seconds"]
            total = sum(sec.values())
            model = sec.get("embedding", 0) + sec.get("nli", 0)
            print(
                f"| {r['articles']:,} | {r['claims']:,} | {r['pairs']:,} | "
                f"{r['stories']:,} ({', '.join(map(str, r['largest']))}) | "
                + " | ".join(f"{sec.get(k, 0):.1f}" for k in STAGES)
                + f" | {total:.1f} | {(total - model) / r['claims'] * 1e6:,.0f} | "
                f"{r['peak']:,} MiB |",
                flush=True,
            )
            print(
                f"  ({wall:.0f} s wall incl. corpus; RSS before reading {r['rss_before']} MiB; "
                f"{r['nli_calls']:,} stand-in NLI calls; {r['unknown']:,} texts not in the "
                f"vector table; planted pairs scored {r['planted'][0]:.0%})",
                flush=True,
            )


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
    parser.add_argument("--stand-in", action="store_true", help="stand-in models (docstring)")
    parser.add_argument(
        "--vectors", type=Path, default=Path(tempfile.gettempdir()) / "checker-xnli-vectors.npz",
        help="real vectors of the XNLI sentences (made with --embed-model when missing)",
    )
    parser.add_argument(
        "--measure-models", action="store_true", help="time the real models (then only that, "
        "unless --stand-in)"
    )
    parser.add_argument("--child", nargs=2, metavar=("SIZE", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    rows = [row for path in args.xnli for row in read_xnli(Path(path))]
    if args.child:
        stand_in_run(int(args.child[0]), args, rows, Path(args.child[1]))
        return
    if args.measure_models:
        measure_models(rows, args)
        if not args.stand_in:
            return
    if args.stand_in:
        if not args.vectors.exists():
            build_vectors(rows, args)
        stand_in_table(args)
        return

    config = Config(
        embed_model=args.embed_model, nli_model=args.nli_model, use_cache=False, top_k=args.top_k
    )
    embedder, scorer = build_embedder(config), build_scorer(config)
    started = time.perf_counter()
    embedder.embed(["warm-up sentence"])
    scorer.score([("warm", "up")])
    print(f"models loaded in {time.perf_counter() - started:.1f} s")

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
