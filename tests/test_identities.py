"""Identities in the report: article ids and pair ids come from content, one row per pair.

Duplicated explicit ids (JSONL/CSV records) are covered elsewhere:
``tests/test_articles.py::test_duplicated_record_ids_are_made_unique_by_content`` (loader) and
``tests/test_bad_input.py::test_duplicated_record_ids_stay_apart`` (end to end).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from checker.config import Config
from checker.pipeline import check
from checker.report.table import to_frame
from checker.rules.articles import load_articles

from .fakes import RuleScorer, TopicEmbedder
from .test_stories import FERRY, TOPICS, overlap_rule

FILE_COLUMNS = ["file_a", "file_b"]


def report_frame(paths: list[Path]) -> pd.DataFrame:
    """Load ``paths`` and run the pipeline with fake models; every row, neutral too."""
    articles = load_articles(paths)
    report = check(
        articles, Config(), embedder=TopicEmbedder(TOPICS), scorer=RuleScorer(overlap_rule)
    )
    frame = to_frame(report.verdicts, report.articles, include_neutral=True)
    return frame.sort_values("pair_id").reset_index(drop=True)


def test_pair_ids_survive_rename_and_move(tmp_path: Path) -> None:
    """The same texts under other names, in another folder tree and read in another order give
    the same article ids and the same pair ids; only the file columns change."""
    first = tmp_path / "first"
    for name, text in FERRY.items():
        (first / f"{name}.txt").parent.mkdir(parents=True, exist_ok=True)
        (first / f"{name}.txt").write_text(text, encoding="utf-8")
    second = tmp_path / "second"
    for n, text in enumerate(reversed(FERRY.values())):  # reversed: the load order changes too
        path = second / f"folder-{n}" / "deeper" / f"{n}-renamed.txt"
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")
    before, after = report_frame([first]), report_frame([second])
    assert len(before) > 0 and before.pair_id.is_unique
    assert set(before.pair_id) == set(after.pair_id)
    assert (before.file_a != after.file_a).all()
    pd.testing.assert_frame_equal(
        before.drop(columns=FILE_COLUMNS), after.drop(columns=FILE_COLUMNS)
    )


REPEATED = "All 212 passengers were brought ashore by the coast guard within four hours."


def test_repeated_sentence_gives_one_row_per_pair_with_every_offset(tmp_path: Path) -> None:
    """A sentence an article repeats is one claim (``repeats`` holds the later spans): its
    pairs get one row each, whose offsets list every occurrence, ``; ``-separated."""
    text = (
        f"{REPEATED} The ferry Nordlys ran aground off Varnholm early on Saturday.\n\n"
        "Strong winds pushed the ferry onto a sandbank near the lighthouse. "
        f"{REPEATED}\n\nDivers will inspect the hull of the ferry on Monday. {REPEATED}\n"
    )
    (tmp_path / "repeats.txt").write_text(text, encoding="utf-8", newline="\r\n")
    (tmp_path / "other.txt").write_text(FERRY["ferry-daily"], encoding="utf-8")
    articles = load_articles([tmp_path])
    report = check(
        articles, Config(), embedder=TopicEmbedder(TOPICS), scorer=RuleScorer(overlap_rule)
    )
    [claim] = [c for c in report.claims if c.text == REPEATED]
    assert len(claim.repeats) == 2
    frame = to_frame(report.verdicts, report.articles, include_neutral=True)
    assert frame.pair_id.is_unique
    mine = frame[(frame.claim_a == REPEATED) | (frame.claim_b == REPEATED)]
    assert len(mine) > 0
    partners = [b if a == REPEATED else a for a, b in zip(mine.claim_a, mine.claim_b, strict=True)]
    assert len(partners) == len(set(partners))  # one row per partner, not one per occurrence
    on_disk = (tmp_path / "repeats.txt").read_bytes().decode("utf-8")
    assert "\r\n" in on_disk
    for row in mine.itertuples():
        offsets = row.offsets_a if row.claim_a == REPEATED else row.offsets_b
        spans = [tuple(map(int, part.split("-"))) for part in offsets.split("; ")]
        assert len(spans) == 3
        assert [on_disk[start:end] for start, end in spans] == [REPEATED] * 3
