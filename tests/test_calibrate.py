"""checker calibrate: the fitted gate, honest cross-validation, refusals, the written config."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.config import Config, load_config
from checker.errors import UsageError
from checker.eval import calibrate as cal
from checker.eval.calibrate import LabelledRow

C = "contradiction"


def _rows(story: str = "") -> list[LabelledRow]:
    """Wrong number clashes at same_event 0.62-0.68, right ones at 0.7 and above."""
    wrong = [LabelledRow(C, "number", s, False, story) for s in (0.62, 0.64, 0.66, 0.68)]
    right = [LabelledRow(C, "number", s, True, story) for s in (0.7, 0.75, 0.8, 0.85, 0.9, 0.95)]
    return wrong + right


def test_fit_picks_the_threshold_that_drops_the_wrong_rows() -> None:
    assert cal.fit_threshold(_rows(), current=0.6) == 0.7
    assert cal.fit(_rows(), Config()) == {"same_event_min": 0.7}


def test_fit_keeps_the_current_value_on_a_tie() -> None:
    # 0.8 (current) and 0.9 keep the same rows: no evidence to move; 0.95 keeps only wrong ones
    rows = [LabelledRow(C, "nli", 0.9, True)] * 5 + [LabelledRow(C, "nli", 0.95, False)] * 5
    assert cal.fit_threshold(rows, current=0.8) == 0.8
    assert cal.fit(rows, Config()) == {"same_event_min_nli": 0.8}


def test_folds_are_disjoint_by_story() -> None:
    rows = [r for s in "abcdefg" for r in _rows(s)]
    folds = cal.folds(rows, k=5)
    fold_of_story: dict[str, set[int]] = {}
    for row, fold in zip(rows, folds, strict=True):
        fold_of_story.setdefault(row.story, set()).add(fold)
    assert all(len(f) == 1 for f in fold_of_story.values())
    assert set(folds) == set(range(5))


def test_cross_validation_never_scores_a_row_with_a_fit_on_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows = [r for s in "abcdef" for r in _rows(s)]
    trained: list[list[LabelledRow]] = []
    real_fit = cal.fit

    def spy(train: list[LabelledRow], config: Config) -> dict[str, float]:
        trained.append(list(train))
        return real_fit(train, config)

    monkeypatch.setattr(cal, "fit", spy)
    kept = cal.cross_validate(rows, Config(), k=3)
    folds = cal.folds(rows, k=3)
    assert len(trained) == 3
    for fold, train in enumerate(trained):
        held_out = {id(r) for r, f in zip(rows, folds, strict=True) if f == fold}
        assert held_out and not held_out & {id(r) for r in train}
    # each fold's fit (0.7) drops its held-out wrong rows and keeps the right ones
    assert kept == [r.right for r in rows]


def test_refuses_too_few_rows_with_the_numbers() -> None:
    rows = _rows()[:5]
    with pytest.raises(UsageError, match=r"needs at least 10 .* has 5 \(clash 1, no clash 4\)"):
        cal.calibrate(rows, Config())


def test_refuses_rows_all_right() -> None:
    rows = [LabelledRow(C, "number", 0.7 + i / 100, True) for i in range(12)]
    with pytest.raises(UsageError, match=r"has 12 \(clash 12, no clash 0\)"):
        cal.calibrate(rows, Config())


def test_written_toml_loads_and_lists_kept_settings(tmp_path: Path) -> None:
    result = cal.calibrate([r for s in "abcd" for r in _rows(s)], Config())
    assert result.settings == {"same_event_min": 0.7}
    assert "same_event_min_nli" in result.kept
    path = tmp_path / "tuned.toml"
    path.write_text(cal.to_toml(result, {"top_k": 7}, "test"), encoding="utf-8")
    config = load_config(path, env={})
    assert (config.same_event_min, config.same_event_min_nli, config.top_k) == (0.7, 0.8, 7)
    text = path.read_text(encoding="utf-8")
    assert "contradictions (clash 24, no clash 16)" in text
    assert "# kept same_event_min_nli" in text


def _report(path: Path, rows: list[tuple[str, str, float, str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "verdict",
                "kind",
                "confidence",
                "claim_a",
                "claim_b",
                "review",
                "same_event",
                "story",
                "pair_id",
            ]
        )
        for i, (verdict, kind, same_event, review, story) in enumerate(rows):
            writer.writerow(
                [verdict, kind, "0.8", f"a {i}", f"b {i}", review, same_event, story, f"p{i:04d}"]
            )
    return path


def test_cli_calibrates_a_reviewed_csv(tmp_path: Path) -> None:
    rows = [
        (C, r.kind, r.same_event, "✓" if r.right else "falsch", s) for s in "abc" for r in _rows()
    ]
    rows += [(C, "number", 0.5, "?", "a"), ("agreement", "", 0.9, "", "b")]  # not used
    report = _report(tmp_path / "report.csv", rows)
    out = tmp_path / "tuned.toml"
    result = CliRunner().invoke(cli, ["calibrate", str(report), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "same_event_min = 0.7 (was 0.6)" in result.output
    assert "3 folds by story" in result.output
    assert "group signal" in result.output and "kept same_event_min_nli" in result.output
    assert load_config(out, env={}).same_event_min == 0.7


def test_cli_refuses_too_few_rows_exit_2(tmp_path: Path) -> None:
    report = _report(tmp_path / "report.csv", [(C, "number", 0.7, "right", "a")] * 3)
    out = tmp_path / "tuned.toml"
    result = CliRunner().invoke(cli, ["calibrate", str(report), "-o", str(out)])
    assert result.exit_code == 2
    assert "needs at least 10" in result.output and "has 3 (clash 3, no clash 0)" in result.output
    assert not out.exists()


def test_cli_stories_needs_gold(tmp_path: Path) -> None:
    report = _report(tmp_path / "report.csv", [])
    result = CliRunner().invoke(
        cli, ["calibrate", str(report), "-o", str(tmp_path / "t.toml"), "--stories", "x"]
    )
    assert result.exit_code == 2 and "--stories needs --gold" in result.output


def test_label_gold_uses_storyeval_matching() -> None:
    from checker.eval.storyeval import _gold_item

    from .test_storyeval import GOLD, TOLL, article, claim, verdict

    arts = {name: article("s1", name, text) for name, text in TOLL.items()}
    c = {n: [claim(a, s) for s in a.text.replace(". ", ".|").split("|")] for n, a in arts.items()}
    verdicts = [
        verdict(c["x.md"][0], c["y.md"][0], C, 0.8, "number"),  # gold contradiction: right
        verdict(c["y.md"][1], c["z.md"][1], C, 0.7, "nli"),  # matches nothing: wrong
        verdict(c["x.md"][1], c["y.md"][1], "agreement"),  # gold agreement: right
        verdict(c["x.md"][0], c["z.md"][0], "agreement"),  # gold contradiction: wrong
        verdict(c["x.md"][1], c["z.md"][1], "agreement"),  # matches nothing: unlabelled
        verdict(c["x.md"][0], c["y.md"][1], "neutral"),  # never labelled
    ]
    gold = [_gold_item(g, i) for i, g in enumerate(GOLD, 1)]
    rows = cal.label_gold(verdicts, list(arts.values()), gold)
    assert [(r.verdict, r.kind, r.right, r.story) for r in rows] == [
        (C, "number", True, "s1"),
        (C, "nli", False, "s1"),
        ("agreement", "", True, "s1"),
        ("agreement", "", False, "s1"),
    ]


def test_rows_held_back_by_the_gate_let_it_go_lower() -> None:
    """A neutral row whose evidence points to a contradiction (candidate) and that the reviewer
    calls wrong is a clash the gate hid; one called right is none."""
    flagged = [LabelledRow(C, "number", s, True, candidate="number")
               for s in (0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)]
    hidden = [LabelledRow("neutral", "", s, False, candidate="number") for s in (0.5, 0.55)]
    fine = [LabelledRow("neutral", "", 0.45, True, candidate="number")]
    unrelated = [LabelledRow("neutral", "", 0.9, False)]  # no candidate: says nothing of a gate
    rows = flagged + hidden + fine + unrelated
    assert [r.clash for r in hidden + fine + unrelated] == [True, True, False, None]
    assert cal.fit(rows, Config()) == {"same_event_min": 0.5}
    [*_, overall] = cal.figures(rows, Config(), k=1)
    assert (overall.before.kept, overall.before.kept_right, overall.before.right) == (7, 7, 9)


def test_report_rows_read_their_candidate_and_old_reports_fall_back_to_kind() -> None:
    import pandas as pd

    frame = pd.DataFrame([
        {"verdict": "neutral", "kind": "", "candidate": "date", "same_event": "0.5",
         "review": "✗"},
        {"verdict": "contradiction", "kind": "nli", "same_event": "0.9", "review": "ja"},
        {"verdict": "neutral", "kind": "", "same_event": "0.5", "review": "nein"},
    ])
    rows = cal.rows_from_frame(frame)
    assert [(r.candidate, r.clash, r.group) for r in rows] == [
        ("date", True, "signal"), ("nli", True, "nli"), ("", None, "signal")
    ]
