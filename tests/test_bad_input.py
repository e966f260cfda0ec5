"""Bad input through the whole CLI: a warning or one ``Error:`` line, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.records import Article
from checker.report.output import read_report
from checker.rules.claims import MAX_BLOCK_CHARS, blocks, extract_claims

from .conftest import EXAMPLES

GERMAN = (
    "Peskow sagte am Mittwoch, das Gespräch zwischen Putin und Trump habe zwei Stunden gedauert. "
    "Der Kreml bestätigte das Telefonat ausdrücklich und nannte es sachlich."
)


@pytest.fixture
def models(tiny_embed_model: Path, tiny_nli_model: Path) -> list[str]:
    # random tiny models cannot tell stories apart: one story, so pairs are formed at all
    return [
        "--embed-model", str(tiny_embed_model), "--nli-model", str(tiny_nli_model), "--one-story"
    ]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The two seed articles in a folder of their own, to add bad files beside them."""
    target = tmp_path / "articles"
    shutil.copytree(EXAMPLES, target)
    return target


def run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    return result


def report(folder: Path, out: Path, models: list[str], *extra: str):
    return run("report", str(folder), "-o", str(out), "-q", "--all", *models, *extra)


def test_empty_and_binary_files_are_skipped_with_a_warning(
    folder: Path, tmp_path: Path, models: list[str]
) -> None:
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text("\n  \n", encoding="utf-8")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = report(folder, tmp_path / "r.csv", models)
    assert result.exit_code == 0, result.stderr
    assert "empty.txt: empty file; skipped" in result.stderr
    assert "blank.md: empty file; skipped" in result.stderr
    assert "photo.txt: looks like a binary file, not text; skipped" in result.stderr


def test_only_bad_files_is_one_error_line(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "data.json").write_bytes(b"\x00\x01\x02")
    result = run("report", str(tmp_path), "-o", str(tmp_path / "r.csv"), "-q")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "Error: no usable articles in the given paths"
    assert not (tmp_path / "r.csv").exists()


def test_cp1252_article_keeps_its_umlauts(folder: Path, tmp_path: Path, models: list[str]) -> None:
    (folder / "legacy.txt").write_bytes(GERMAN.encode("cp1252"))
    (folder / "latin1.txt").write_bytes(GERMAN.replace("Mittwoch", "Dienstag").encode("latin-1"))
    out = tmp_path / "r.csv"
    result = report(folder, out, models)
    assert result.exit_code == 0, result.stderr
    frame = read_report(out)
    mine = frame[frame.file_a.str.endswith(("legacy.txt", "latin1.txt"))]
    assert len(mine) and mine.claim_a.str.contains("bestätigte|Gespräch").any()
    assert not frame.claim_a.str.contains("Ã|\ufffd").any()


def test_single_article_and_duplicates(folder: Path, tmp_path: Path, models: list[str]) -> None:
    only = folder / "kremlin-neither-confirm-nor-deny.txt"
    result = run("report", str(only), "-o", str(tmp_path / "one.csv"), *models)
    assert result.exit_code == 0 and "at least two articles" in result.stderr
    assert read_report(tmp_path / "one.csv").empty
    shutil.copy(only, folder / "copy.txt")
    result = report(folder, tmp_path / "r.csv", models)
    assert result.exit_code == 0 and "skipped as a duplicate" in result.stderr


def test_ten_thousand_character_sentence(folder: Path, tmp_path: Path, models: list[str]) -> None:
    clause = "und der Kreml bestätigte das Gespräch mit Trump erneut "
    sentence = "Peskow sagte, " + clause * (10_000 // len(clause) + 1) + "am Mittwoch."
    assert len(sentence) >= 10_000
    (folder / "long.txt").write_text(f"{GERMAN}\n\n{sentence} {GERMAN}", encoding="utf-8")
    for suffix in ("csv", "xlsx"):
        out = tmp_path / f"r.{suffix}"
        result = report(folder, out, models)
        assert result.exit_code == 0, result.stderr
        frame = read_report(out)
        cells = set(frame.claim_a) | set(frame.claim_b)
        # split into claims of at most max_claim_chars (every stage bounded), said on stderr
        pieces = [c for c in cells if "Kreml bestätigte" in c]
        assert pieces and all(len(c) <= 1500 for c in pieces)
        assert "split into pieces" in result.stderr


def test_malformed_records_are_skipped_with_file_and_line(
    folder: Path, tmp_path: Path, models: list[str]
) -> None:
    good = json.dumps({"id": "j1", "text": GERMAN})
    (folder / "feed.jsonl").write_text(f'{good}\n{{"id": "j2", "text": \n', encoding="utf-8")
    (folder / "broken.json").write_text('[{"id": "x", "text": "a"},\n{oops}]', encoding="utf-8")
    (folder / "sheet.csv").write_text(
        "id,source,text\n"
        f'c1,AFP,"{GERMAN.replace("Mittwoch", "Montag")}"\n'
        'c2,dpa,"ein "kaputtes" Zitat"\n'
        "c3,dpa,zu,viele,Felder\n"
        f'c4,Reuters,"{GERMAN.replace("zwei", "drei")}",\n',
        encoding="utf-8",
    )
    result = report(folder, tmp_path / "r.csv", models)
    assert result.exit_code == 0, result.stderr
    assert "feed.jsonl:2: skipped, not valid JSON" in result.stderr
    assert "broken.json:2: not valid JSON" in result.stderr
    assert "sheet.csv:3: skipped, malformed CSV" in result.stderr
    assert "sheet.csv:4: skipped, 5 fields where the header has 3" in result.stderr
    frame = read_report(tmp_path / "r.csv")
    ids = set(frame.article_a) | set(frame.article_b)
    assert {"j1", "c1", "c4"} <= ids and not {"c2", "c3"} & ids


def test_csv_article_longer_than_the_csv_modules_field_limit(tmp_path: Path) -> None:
    from checker.rules.articles import load_articles

    text = (GERMAN + " ") * 2_000  # ~300 KB in one field
    (tmp_path / "big.csv").write_text(f'id,text\nbig,"{text}"\n', encoding="utf-8")
    [article] = load_articles([tmp_path / "big.csv"])
    assert article.text == text.strip()


def test_missing_path_is_usage_error_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    result = run("report", str(EXAMPLES), str(tmp_path / "gone.txt"), "-o", str(out))
    assert result.exit_code == 2 and "does not exist" in result.stderr
    assert not out.exists()


def test_unwritable_output_fails_before_model_work(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run(
        "report", str(EXAMPLES), "-o", str(blocker / "sub" / "r.csv"), "--embed-model", "nobody/x"
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot write") and "not a writable folder" in (
        result.stderr
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_control_characters_survive_csv_and_xlsx(
    folder: Path, tmp_path: Path, models: list[str]
) -> None:
    (folder / "pdf.txt").write_text(GERMAN.replace(" zwei", "\x0c zwei"), encoding="utf-8")
    for suffix in ("csv", "xlsx"):
        result = report(folder, tmp_path / f"r.{suffix}", models)
        assert result.exit_code == 0, result.stderr


def test_huge_paragraph_is_split_in_linear_time() -> None:
    paragraph = " ".join([GERMAN] * 3_000)  # 470 KB without a blank line
    started = time.perf_counter()
    claims, _ = extract_claims(Article(id="x", text=paragraph, language="de"))
    elapsed = time.perf_counter() - started
    # two sentences, each repeated: one claim each, every occurrence kept
    assert sum(1 + len(c.repeats) for c in claims) == 6_000 and elapsed < 20  # uncapped: minutes
    assert all(b.end - b.start <= MAX_BLOCK_CHARS for b in blocks(paragraph))
    assert {c.text for c in claims} == set(
        GERMAN.replace("dauert. ", "dauert.\n").splitlines()
    )  # every cut fell between sentences


@pytest.mark.skipif(
    not os.environ.get("CHECKER_SLOW_TESTS"), reason="about 2 minutes; set CHECKER_SLOW_TESTS=1"
)
def test_five_megabyte_article(folder: Path, tmp_path: Path, models: list[str]) -> None:
    base = (EXAMPLES / "afp-trump-putin-selenskyj-calls.txt").read_text(encoding="utf-8")
    copies = 5_000_000 // len(base.encode("utf-8")) + 1
    (folder / "huge.txt").write_text("\n\n".join([base] * copies), encoding="utf-8")
    out = tmp_path / "r.csv"
    started = time.perf_counter()
    result = run("report", str(folder), "-o", str(out), "-q", *models)
    elapsed = time.perf_counter() - started
    assert result.exit_code == 0, result.stderr
    assert (folder / "huge.txt").stat().st_size >= 5_000_000
    assert elapsed < 300, elapsed
    assert len(pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False)) > 0


# --- one bad input never costs the rest -----------------------------------------------------

BOMB = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(
            f"{n}: &{n} [{','.join([f'*{p}'] * 9)}]"
            for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        ),
        "source: *i",
    ]
)


def article_ids(out: Path) -> set[str]:
    frame = read_report(out)
    return set(frame.file_a) | set(frame.file_b)


def seeds_kept(folder: Path, out: Path) -> bool:
    return {str(folder / p.name) for p in EXAMPLES.glob("*.txt")} <= article_ids(out)


def test_duplicated_record_ids_stay_apart(folder: Path, tmp_path: Path, models: list[str]) -> None:
    lines = [
        {"id": "x", "title": "Erster", "text": GERMAN},
        {"id": "x", "title": "Zweiter", "text": GERMAN.replace("zwei", "drei")},
        {"id": "x-2", "title": "Dritter", "text": GERMAN.replace("Mittwoch", "Montag")},
    ]
    (folder / "feed.jsonl").write_text("\n".join(map(json.dumps, lines)), encoding="utf-8")
    out = tmp_path / "r.csv"
    result = report(folder, out, models)
    assert result.exit_code == 0, result.stderr
    assert "Warning: id 'x' is given to 2 articles; each gets its text's hash" in result.stderr
    frame = read_report(out)
    sides = [
        frame[[f"{k}_{s}" for k in ("article", "title", "file", "claim")]].set_axis(
            ["article", "title", "file", "claim"], axis=1
        )
        for s in "ab"
    ]
    rows = pd.concat(sides).drop_duplicates()
    assert rows.groupby("article").title.nunique().max() == 1  # one id, one article
    by_title = rows.groupby("title").article.unique()
    assert len({by_title[t][0] for t in ("Erster", "Zweiter", "Dritter")}) == 3
    assert not rows[rows.title == "Zweiter"].claim.str.contains("zwei Stunden").any()
    assert rows[rows.title == "Zweiter"].file.str.endswith("feed.jsonl:2").all()


def test_yaml_alias_bomb_is_ignored_fast(folder: Path, tmp_path: Path, models: list[str]) -> None:
    (folder / "bomb.md").write_text(f"---\n{BOMB}\n---\n{GERMAN}\n", encoding="utf-8")
    started = time.perf_counter()
    result = report(folder, tmp_path / "r.csv", models)
    assert result.exit_code == 0, result.stderr
    expanded = "(aliases expand it to more than 100,000 values)"
    assert f"bomb.md: front matter ignored, not usable YAML {expanded}" in result.stderr
    (folder / "metadata.yaml").write_text(BOMB, encoding="utf-8")
    result = report(folder, tmp_path / "r.csv", models)
    assert result.exit_code == 0, result.stderr
    assert (
        "metadata.yaml: ignored, cannot read it (aliases expand it to more than 100,000 values)"
        in result.stderr
    )
    assert time.perf_counter() - started < 60
    assert seeds_kept(folder, tmp_path / "r.csv")


def test_fifo_is_skipped_not_waited_for(folder: Path, tmp_path: Path, models: list[str]) -> None:
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(tmp_path / "given.md")
    out = tmp_path / "r.csv"
    result = report(folder, out, models, str(tmp_path / "given.md"))
    assert result.exit_code == 0, result.stderr
    assert "pipe.txt: not a regular file; skipped" in result.stderr
    assert "given.md: not a regular file; skipped" in result.stderr
    assert seeds_kept(folder, out)


def test_device_file_is_refused(folder: Path, tmp_path: Path, models: list[str]) -> None:
    out = tmp_path / "r.csv"
    result = report(folder, out, models, "/dev/zero")
    assert result.exit_code == 0, result.stderr
    assert "Warning: /dev/zero: not a regular file; skipped" in result.stderr
    result = run("report", "/dev/zero", "-o", str(tmp_path / "z.csv"), "-q", *models)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "Error: no usable articles in the given paths"


def test_oversized_article_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.rules import articles

    monkeypatch.setattr(articles, "MAX_ARTICLE_BYTES", 100)
    (tmp_path / "big.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "small.txt").write_text(GERMAN[:90], encoding="utf-8")
    [kept] = articles.load_articles([tmp_path])
    assert kept.path.endswith("small.txt")


def test_deep_json_is_skipped(folder: Path, tmp_path: Path, models: list[str]) -> None:
    (folder / "deep.json").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    (folder / "deep.jsonl").write_text(
        "[" * 200_000 + "]" * 200_000 + "\n" + json.dumps({"text": GERMAN}), encoding="utf-8"
    )
    out = tmp_path / "r.csv"
    result = report(folder, out, models)
    assert result.exit_code == 0, result.stderr
    assert "deep.json:1: JSON nested too deeply; skipped" in result.stderr
    assert "deep.jsonl:1: skipped, JSON nested too deeply" in result.stderr
    assert seeds_kept(folder, out) and str(folder / "deep.jsonl:2") in article_ids(out)


def test_impossible_date_is_kept_as_text(folder: Path, tmp_path: Path, models: list[str]) -> None:
    (folder / "metadata.yaml").write_text(
        (folder / "metadata.yaml").read_text(encoding="utf-8") + "  published: 2024-13-45\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.csv"
    result = report(folder, out, models)
    assert result.exit_code == 0, result.stderr
    assert "published '2024-13-45' is not a valid date; kept as text" in result.stderr
    assert seeds_kept(folder, out)


def test_file_name_that_is_not_utf8(folder: Path, tmp_path: Path, models: list[str]) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    (folder / name).write_text(GERMAN, encoding="utf-8")
    out = tmp_path / "r.csv"
    result = report(folder, out, models)
    assert result.exit_code == 0, result.stderr
    assert str(folder / "caf\ufffd.txt") in article_ids(out)


def test_semicolon_csv_articles(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from checker.rules.articles import load_articles

    (tmp_path / "excel.csv").write_text(
        f'id;source;text\nc1;AFP;"{GERMAN}"\nc2;dpa;"{GERMAN.replace("zwei", "drei")}"\n',
        encoding="cp1252",
    )
    (tmp_path / "notext.csv").write_text("id,body\n1,a\n2,b\n3,c\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="checker"):
        articles = load_articles([tmp_path])
    assert [(a.id, a.source) for a in articles] == [("c1", "AFP"), ("c2", "dpa")]
    assert caplog.text.count("notext.csv") == 1
    assert "notext.csv: no 'text' column (header: id, body); skipped" in caplog.text


def test_many_unreadable_files_are_summarised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from checker.rules.articles import load_articles

    for n in range(300):
        (tmp_path / f"empty{n:03}.txt").write_bytes(b"")
    (tmp_path / "zz-binary.txt").write_bytes(b"\x00\x01")
    (tmp_path / "zz-good.txt").write_text(GERMAN, encoding="utf-8")
    with caplog.at_level("WARNING", logger="checker"):
        load_articles([tmp_path])
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 6
    assert (
        lines[-1]
        == "… and 296 more files skipped (295 empty file, 1 looks like a binary file, not text)"
    )


# --- settings are checked before any model loads ---------------------------------------------


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("colour = 'red'\n", "unknown setting 'colour'"),
        ("[checker]\ntop_k = 2\n[checker.extra]\na = 1\n", "unknown setting 'extra'"),
        ("[checker.top_k]\na = 1\n", "'top_k' must be a value, not a table"),
        ("top_k = 3\n[checker]\nbatch_size = 2\n", "'top_k' is outside [checker]"),
        ("top_k = -3\n", "setting 'top_k' = -3 is out of range: allowed 1 to 10,000"),
        (
            "contradiction_threshold = 5.0\n",
            "setting 'contradiction_threshold' = 5.0 is out of range: allowed 0.0 to 1.0",
        ),
        ("nli_max_length = 0\n", "'nli_max_length' = 0 is out of range: allowed 1 to 1,000,000"),
        ("min_similarity_z = nan\n", "'min_similarity_z' = nan is out of range"),
        ("batch_size = -1\n", "'batch_size' = -1 is out of range: allowed 0 to 65,536"),
        ("cue_files = ['no-such-cues.toml']\n", "cue file no-such-cues.toml: cannot read"),
        ("cue_files = ['{bad}']\n", "is not usable (setting 'cue_files')"),
        ("a = " + "[" * 100_000 + "]" * 100_000 + "\n", "nested too deeply"),
    ],
)
def test_bad_setting_fails_before_any_model(tmp_path: Path, toml: str, message: str) -> None:
    bad = tmp_path / "bad-cues.toml"
    bad.write_text("[certainty\n", encoding="utf-8")
    config = tmp_path / "checker.toml"
    config.write_text(toml.replace("{bad}", str(bad)), encoding="utf-8")
    out = tmp_path / "r.csv"
    result = run(
        "report", str(EXAMPLES), "-o", str(out), "--config", str(config),
        "--embed-model", "nobody/missing-model", "--nli-model", "nobody/missing-too",
    )  # fmt: skip
    assert result.exit_code == 2, result.stderr
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
    assert not out.exists()


def test_device_file_as_config(tmp_path: Path) -> None:
    result = run("report", str(EXAMPLES), "-o", str(tmp_path / "r.csv"), "--config", "/dev/zero")
    assert result.exit_code == 2
    assert result.stderr == "Error: config file /dev/zero: not a regular file\n"


def test_library_config_is_checked_too() -> None:
    from checker.config import Config
    from checker.errors import UsageError

    with pytest.raises(UsageError, match="'top_k' = 0 is out of range"):
        Config(top_k=0)
    with pytest.raises(UsageError, match="'time_penalty'"):
        Config().replace(time_penalty=float("nan"))
