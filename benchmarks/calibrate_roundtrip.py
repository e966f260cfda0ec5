"""Learn from reviewers, end to end: review half of the dev stories, calibrate, re-run the rest.

    python benchmarks/calibrate_roundtrip.py [--cache FILE] [--swap] [--start KEY=VALUE ...]

1. ``checker report`` on the first half of ``../shared/data/stories`` (sorted by name; the
   second half with ``--swap``), with ``--all`` so rows held back by a gate are shown too.
2. The ``review`` column is filled from ``gold.jsonl`` the way a careful reviewer would: a
   flagged contradiction is ``right`` when it matches a gold contradiction, else ``wrong``; a
   neutral row whose evidence points to a contradiction (``candidate``) is ``wrong`` when it
   matches one (the gate hid it), else ``right``; other rows stay blank.
3. ``checker calibrate`` on that report writes a tuned config (or refuses, and says why).
4. ``checker eval stories`` on the *other* half, with the default config and with the tuned
   one: the before/after lines. The stories calibrated on are never scored.

``--start same_event_min=0.3`` starts from a config whose gate is off (as a newsroom's first
guess might be): the report, the review and "before" use it, and calibrate fits on top of it.

Runs the installed CLI in this checkout (``python -m checker.cli``); the shared offline models
are used unless ``CHECKER_EMBED_MODEL`` / ``CHECKER_NLI_MODEL`` say otherwise.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this tree's checker, not whichever one is installed

from checker.eval.evaluate import normal  # noqa: E402
from checker.eval.storyeval import read_gold_items  # noqa: E402

STORIES = ROOT.parent / "shared" / "data" / "stories"
MODELS = ROOT.parent / "shared" / "models"


def checker(*args: str) -> str:
    env = {
        "CHECKER_EMBED_MODEL": str(MODELS / "embed-me5-small"),
        "CHECKER_NLI_MODEL": str(MODELS / "nli-me5-small"),
        **os.environ,
    }
    done = subprocess.run(
        [sys.executable, "-m", "checker.cli", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )
    return done.stdout + done.stderr


def review(report: Path, gold: Path) -> tuple[int, int]:
    """Fill ``review`` from the gold; returns (rows reviewed, of which clashes)."""
    frame = pd.read_csv(report, dtype=str, keep_default_na=False)
    clashes = [g for g in read_gold_items(gold) if g.verdict == "contradiction"]

    def matches(row: pd.Series) -> bool:
        story = Path(row.file_a).parent.name
        if story != Path(row.file_b).parent.name:
            return False
        files = (Path(row.file_a).name, Path(row.file_b).name)
        a, b = normal(row.claim_a), normal(row.claim_b)
        for g in clashes:
            if g.story != story:
                continue
            if files == (g.a.article, g.b.article) and g.a.quote in a and g.b.quote in b:
                return True
            if files == (g.b.article, g.a.article) and g.b.quote in a and g.a.quote in b:
                return True
        return False

    reviewed = clash_count = 0
    for i, row in frame.iterrows():
        held = row.verdict == "neutral" and row.candidate
        if row.verdict != "contradiction" and not held:
            continue
        clash = matches(row)
        frame.loc[i, "review"] = ("right" if clash else "wrong") if not held else (
            "wrong" if clash else "right"
        )
        reviewed += 1
        clash_count += clash
    frame.to_csv(report, index=False)
    return reviewed, clash_count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default="", help="embedding/NLI cache file to use")
    parser.add_argument("--swap", action="store_true", help="calibrate on the second half")
    parser.add_argument("--start", action="append", default=[], metavar="KEY=VALUE",
                        help="a setting of the starting config (repeatable)")
    args = parser.parse_args()
    gold = STORIES / "gold.jsonl"
    folders = sorted(p for p in STORIES.iterdir() if p.is_dir())
    half = len(folders) // 2
    train, test = folders[:half], folders[half:]
    if args.swap:
        train, test = test, train
    cache = ["--cache", args.cache] if args.cache else []
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "reviewed.csv"
        tuned = Path(tmp) / "tuned.toml"
        start = Path(tmp) / "start.toml"
        start.write_text("[checker]\n" + "".join(f"{kv}\n" for kv in args.start), "utf-8")
        base = ["--config", str(start)]
        print("starting config:", ", ".join(args.start) or "defaults")
        print("calibrate on:", ", ".join(p.name for p in train))
        print("score on:    ", ", ".join(p.name for p in test))
        checker("report", *map(str, train), "--all", "-q", "-o", str(report), *cache, *base)
        reviewed, clashes = review(report, gold)
        print(f"reviewed rows: {reviewed} ({clashes} clashes)")
        print(checker("calibrate", str(report), "-o", str(tuned), *base).rstrip())
        if not tuned.exists():
            print("no tuned config: nothing to compare")
            return
        print(tuned.read_text(encoding="utf-8").split("[checker]")[0].rstrip())
        for name, extra in (("before (starting config)", base), ("after (tuned config)",
                                                             ["--config", str(tuned)])):
            out = checker("eval", "stories", str(gold), *map(str, test), "-q", *cache, *extra)
            lines = out.splitlines()
            overall = next((line for line in lines if line.startswith("overall")), out)
            print(f"{name}:\n  {lines[1] if len(lines) > 1 else ''}\n  {overall}")


if __name__ == "__main__":
    main()
