"""Sentence splitters compared on the real dev stories: do gold quotes land inside one claim?

Every splitter runs inside checker's own claim extraction (blocks, repairs of wrong splits,
quote joining, drops), so the numbers are what the pipeline would get with it. Per splitter:

- gold quote coverage: the share of quotes in ``gold.jsonl`` that lie inside one claim after
  whitespace is collapsed (a quote cut in two can never be matched);
- claims, and suspect claims: ending right after an abbreviation ("Mr.", "U.S.", "p.m.") or
  starting in lowercase (an upper bound: "... moved to the U.S." can be a real end);
- seconds for all articles (best of three), and seconds to import and build the splitter
  (a fresh interpreter).

Splitters that are not installed are skipped with a message. Needs ``../shared/data/stories``
(third-party news, never copied into this repository); exits with a message without it.

    PYTHONPATH=. .venv/bin/python benchmarks/splitters.py
"""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from checker.records import Article, Claim
from checker.rules.articles import load_articles
from checker.rules.claims import Segmenter, extract_all, pysbd_segments, rules_for

REPO = Path(__file__).resolve().parents[1]
STORIES = REPO.parent / "shared" / "data" / "stories"
EXAMPLES = REPO / "examples"
_INITIALISM = re.compile(r"(?:\b[^\W\d_]\.){2,}$")


def _sentencex(chunk: str, language: str) -> Iterable[str]:
    from sentencex import segment

    return segment(language or "en", chunk)


def _syntok(chunk: str, language: str) -> Iterable[str]:
    from syntok.segmenter import analyze

    for paragraph in analyze(chunk):
        for sentence in paragraph:
            first, last = sentence[0], sentence[-1]
            yield chunk[first.offset : last.offset + len(last.value)]


def _blingfire(chunk: str, language: str) -> Iterable[str]:
    from blingfire import text_to_sentences_and_offsets

    _, offsets = text_to_sentences_and_offsets(chunk)
    return [chunk[start:end] for start, end in offsets]


_SPACY: dict[str, object] = {}


def _spacy(chunk: str, language: str) -> Iterable[str]:
    import spacy

    if language not in _SPACY:
        nlp = spacy.blank(language if language in {"en", "de", "fr", "es"} else "en")
        nlp.add_pipe("sentencizer")
        _SPACY[language] = nlp
    return [s.text for s in _SPACY[language](chunk).sents]  # type: ignore[operator]


SPLITTERS: dict[str, tuple[str, Segmenter]] = {
    "pysbd": ("import pysbd; pysbd.Segmenter(language='de', clean=False)", pysbd_segments),
    "sentencex": ("from sentencex import segment; list(segment('de', 'A. B.'))", _sentencex),
    "syntok": ("from syntok.segmenter import analyze; list(analyze('A. B.'))", _syntok),
    "blingfire": ("import blingfire; blingfire.text_to_sentences('A. B.')", _blingfire),
    "spacy sentencizer": (
        "import spacy; n = spacy.blank('de'); n.add_pipe('sentencizer'); n('A. B.')",
        _spacy,
    ),
}


def _normal(text: str) -> str:
    return " ".join(text.split())


def gold_quotes(folder: Path) -> list[tuple[str, str]]:
    """(article path, quote) for both sides of every gold item."""
    quotes = []
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        for side in ("a", "b"):
            path = folder / item["story"] / item[side]["article"]
            quotes.append((str(path), _normal(item[side]["quote"])))
    return quotes


def coverage(claims: list[Claim], articles: list[Article], quotes: list[tuple[str, str]]) -> int:
    """How many quotes lie wholly inside one claim of their article."""
    path_of = {a.id: a.path for a in articles}
    texts: dict[str, list[str]] = {}
    for claim in claims:
        texts.setdefault(path_of[claim.article_id], []).append(_normal(claim.text))
    return sum(any(q in t for t in texts.get(path, [])) for path, q in quotes)


def suspect(claim: Claim, language: str) -> bool:
    """Ends right after an abbreviation, or starts in lowercase."""
    rules = rules_for(language)
    text = claim.text.rstrip("\"'“”»«’)")
    ends_abbreviated = bool(
        (rules.abbreviation and rules.abbreviation.search(text))
        or (rules.time_abbreviation and rules.time_abbreviation.search(text))
        or _INITIALISM.search(text)
        or text.endswith(" Jr.")
    )
    return ends_abbreviated or claim.text.lstrip("\"'“„«‚(")[:1].islower()


def load_seconds(statement: str) -> float:
    """Seconds to import and build the splitter in a fresh interpreter."""
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    if not STORIES.is_dir():
        print(f"skipped: {STORIES} not found (the dev stories live outside the repository)")
        return 0
    logging.disable(logging.WARNING)
    articles = load_articles(sorted(STORIES.glob("*/*.md")))
    quotes = gold_quotes(STORIES)
    language = {a.id: a.language for a in articles}
    print(f"{len(articles)} articles, {len(quotes)} gold quotes\n")
    print(
        "| splitter | gold quotes in one claim | claims | suspect claims | s, 49 articles "
        "| s, import + build |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for name, (statement, segment) in SPLITTERS.items():
        try:
            claims, _ = extract_all(articles, segment=segment)
            loading = load_seconds(statement)
        except (ImportError, subprocess.CalledProcessError) as exc:
            print(f"| {name} | not installed ({type(exc).__name__}) | | | | |")
            continue
        seconds = best_of(3, lambda s=segment: extract_all(articles, segment=s))
        found = coverage(claims, articles, quotes)
        bad = sum(suspect(c, language[c.article_id]) for c in claims)
        print(
            f"| {name} | {found}/{len(quotes)} ({found / len(quotes):.1%}) | {len(claims)} "
            f"| {bad} | {seconds:.2f} | {loading:.2f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
