"""The CLI in-process: exit codes, stderr lines, and the file it writes."""

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.report.table import COLUMNS, STATUS_COLUMN

from .conftest import EXAMPLES


@pytest.fixture
def models(tiny_embed_model: Path, tiny_nli_model: Path) -> list[str]:
    # random tiny models cannot tell stories apart: one story, so pairs are formed at all
    return [
        "--embed-model", str(tiny_embed_model), "--nli-model", str(tiny_nli_model), "--one-story"
    ]


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_help_texts() -> None:
    for command in ([], ["report"], ["models"]):
        result = run(*command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.stdout


def test_report_with_tiny_models(tmp_path: Path, models: list[str]) -> None:
    out = tmp_path / "r.csv"
    result = run("report", str(EXAMPLES), "-o", str(out), "--all", *models)
    assert result.exit_code == 0, result.stderr
    frame = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False)
    assert list(frame.columns) == [*COLUMNS, STATUS_COLUMN] and len(frame) > 0
    assert set(frame["file_a"]) | set(frame["file_b"]) == {
        str(EXAMPLES / "afp-trump-putin-selenskyj-calls.txt"),
        str(EXAMPLES / "kremlin-neither-confirm-nor-deny.txt"),
    }
    ids = set(frame["article_a"]) | set(frame["article_b"])  # slug of the source, text's hash
    assert len(ids) == 2 and {i.rsplit("-", 1)[0] for i in ids} == {
        "afp-credit-line-afp-tp",
        "seed-article-003-outlet",
    }
    assert "2 articles, 49 claims" in result.stdout


def test_quiet_prints_nothing(tmp_path: Path, models: list[str]) -> None:
    result = run("report", str(EXAMPLES), "-o", str(tmp_path / "r.csv"), "-q", *models)
    assert result.exit_code == 0 and result.stdout == ""


def test_missing_input_is_usage_error(tmp_path: Path) -> None:
    result = run("report", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "r.csv"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_bad_option_is_usage_error(tmp_path: Path) -> None:
    result = run("report", str(EXAMPLES), "--top-k", "0")
    assert result.exit_code == 2


def test_unloadable_model_is_one_line_error(tmp_path: Path, tiny_nli_model: Path) -> None:
    result = run(
        "report",
        str(EXAMPLES),
        "-o",
        str(tmp_path / "r.csv"),
        "-q",
        "--embed-model",
        "nobody/missing-model",
        "--nli-model",
        str(tiny_nli_model),
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot load embedding model 'nobody/missing-model'")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "r.csv").exists()


def test_debug_shows_the_exception(tmp_path: Path) -> None:
    result = run(
        "report",
        str(EXAMPLES),
        "-o",
        str(tmp_path / "r.csv"),
        "-q",
        "--debug",
        "--embed-model",
        "nobody/missing-model",
    )
    assert result.exit_code == 1 and result.exception is not None
    assert type(result.exception).__name__ == "ModelLoadError"


def test_single_article_writes_header_and_says_why(tmp_path: Path, models: list[str]) -> None:
    out = tmp_path / "r.csv"
    article = EXAMPLES / "afp-trump-putin-selenskyj-calls.txt"
    result = run("report", str(article), "-o", str(out), *models)
    assert result.exit_code == 0
    assert "at least two articles" in result.stderr
    assert out.read_text(encoding="utf-8-sig").strip() == ",".join([*COLUMNS, STATUS_COLUMN])


def test_unwritable_output_dir(tmp_path: Path, models: list[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("report", str(EXAMPLES), "-o", str(blocker / "r.csv"), "-q", *models)
    assert result.exit_code == 1 and result.stderr.startswith("Error: cannot write")


def test_env_vars_choose_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny_embed_model: Path, tiny_nli_model: Path
) -> None:
    monkeypatch.setenv("CHECKER_EMBED_MODEL", str(tiny_embed_model))
    monkeypatch.setenv("CHECKER_NLI_MODEL", str(tiny_nli_model))
    result = run("models")
    assert result.exit_code == 0
    assert f"local: {tiny_embed_model}" in result.stdout
    result = run("report", str(EXAMPLES), "-o", str(tmp_path / "r.csv"), "-q")
    assert result.exit_code == 0, result.stderr


def test_config_file(tmp_path: Path, models: list[str]) -> None:
    config = tmp_path / "checker.toml"
    config.write_text("[checker]\ntop_k = 1\nparagraph_k = 0\ninclude_neutral = true\n")
    out = tmp_path / "r.csv"
    result = run("report", str(EXAMPLES), "-o", str(out), "--config", str(config), *models)
    assert result.exit_code == 0, result.stderr
    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert 0 < len(frame) <= 49
    config.write_text("top_k = 'many'\n")
    result = run("report", str(EXAMPLES), "--config", str(config), *models)
    assert result.exit_code == 2 and "top_k" in result.stderr


def test_the_knobs_that_decide_most_flags_are_options(tmp_path) -> None:
    """--same-event-min, --frame-z, --max-value-ratio reach the run's settings, checked like
    the NLI ones (a value out of range is a usage error before any model loads)."""
    from click.testing import CliRunner

    from checker.cli import cli

    runner = CliRunner()
    bad = runner.invoke(
        cli, ["report", str(tmp_path), "-o", str(tmp_path / "r.csv"), "--same-event-min", "2"]
    )
    assert bad.exit_code == 2 and "--same-event-min" in bad.output + (bad.stderr or "")
    for option in ("--same-event-min", "--frame-z", "--max-value-ratio"):
        assert option in runner.invoke(cli, ["report", "--help"]).output
    from checker.cli import run_config

    config = run_config(None, False, {"same_event_min": 0.5, "frame_z": 2.0, "max_value_ratio": 3})
    assert (config.same_event_min, config.frame_z, config.max_value_ratio) == (0.5, 2.0, 3)
