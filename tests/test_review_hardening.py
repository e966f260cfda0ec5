"""Hardening round 3 (issue 21), the report side: the review loop never loses a review
silently, errors name the file, line, column and value, the XLSX reads well, ClaimReview."""

from __future__ import annotations

import logging
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from checker.errors import InputError, ReportWriteError
from checker.records import Article, Claim, NliScores, Pair, Verdict
from checker.report.output import read_findings, read_report, save_report
from checker.report.table import FINDING_COLUMNS, to_frame

ARTICLES = [
    Article(id="a", text="x", source="AFP", url="https://a.example/1"),
    Article(id="b", text="y", source="dpa", url="https://b.example/2"),
]



def _article(article_id: str) -> Article:
    """The run's article of that id (its source and url reach the row), as a claim carries it."""
    return next((a for a in ARTICLES if a.id == article_id), Article(id=article_id, text=""))


def _verdict(label: str, text_a: str, text_b: str = "Claim B.") -> Verdict:
    a = Claim(id="a#0", article_id="a", text=text_a, start=0, end=len(text_a), context="ctx",
            article=_article("a"))
    b = Claim(id="b#0", article_id="b", text=text_b, start=0, end=len(text_b),
            article=_article("b"))
    s = NliScores(0.7, 0.1, 0.2)
    return Verdict(Pair(a, b, 0.91), label, 0.8, s, s, ("r1",))


def _frame(*texts: str) -> pd.DataFrame:
    return to_frame([_verdict("contradiction", t) for t in texts], ARTICLES)


def _findings(*ids: str) -> pd.DataFrame:
    rows = [
        {
            "finding": f"toll: 49 — AFP · 50 — dpa ({i})",
            "kind": "number",
            "outlets": 2,
            "pairs": 1,
            "confidence": 0.8,
            "claims": "49 (AFP): x\n50 (dpa): y",
            "review": "",
            "review_note": "",
            "thing": "toll",
            "story": "story-1",
            "pair_ids": "p1",
            "finding_id": i,
        }
        for i in ids
    ]
    return pd.DataFrame(rows, columns=list(FINDING_COLUMNS))


# --- 1. the review loop never loses a review silently ----------------------------------------


def _first_save(path: Path) -> None:
    save_report(_frame("x1", "x2"), path, findings=_findings("f1"))


def test_renamed_findings_sheet_keeps_its_reviews(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "r.xlsx"
    _first_save(path)
    book = openpyxl.load_workbook(path)
    sheet = book["findings"]
    sheet.title = "Befunde"
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("review") + 1, value="right")
    book.save(path)

    with caplog.at_level(logging.WARNING, logger="checker"):
        save_report(_frame("x1", "x2"), path, findings=_findings("f1"))
    titles = openpyxl.load_workbook(path).sheetnames
    assert "Befunde" not in titles and titles[0] == "findings"
    findings = read_findings(path)
    assert findings.set_index("finding_id").loc["f1", "review"] == "right"
    assert "sheet 'Befunde' read as the findings sheet" in caplog.text


def test_renamed_report_sheet_is_found_by_its_columns(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    _first_save(path)
    book = openpyxl.load_workbook(path)
    sheet = book["report"]
    sheet.title = "Paare"
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("review") + 1, value="wrong")
    book.save(path)

    saved = save_report(_frame("x1", "x2"), path, findings=_findings("f1"))
    assert saved.reviews["wrong"] == 1
    assert "Paare" not in openpyxl.load_workbook(path).sheetnames
    assert (read_report(path)["review"] == "wrong").sum() == 1


@pytest.mark.parametrize("header", ["Review", " REVIEW ", "Review "])
def test_review_header_in_another_case_is_read_as_review(
    tmp_path: Path, header: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "r.csv"
    save_report(_frame("x1"), path)
    old = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    old = old.rename(columns={"review": header, "pair_id": "Pair_ID"})
    old[header] = "right"
    old.to_csv(path, index=False, encoding="utf-8-sig")

    with caplog.at_level(logging.WARNING, logger="checker"):
        saved = save_report(_frame("x1"), path)
    assert saved.reviews["right"] == 1
    assert f"column {header!r} read as 'review'" in caplog.text
    again = read_report(path)
    assert header not in again.columns and again["review"].tolist() == ["right"]


def test_retyped_header_beside_the_real_one_is_named(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "r.csv"
    save_report(_frame("x1"), path)
    old = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    old["Review"] = "right"
    old.to_csv(path, index=False, encoding="utf-8-sig")
    with caplog.at_level(logging.WARNING, logger="checker"):
        save_report(_frame("x1"), path)
    assert "column 'Review' looks like 'review', which is there too" in caplog.text
    assert read_report(path)["Review"].tolist() == ["right"]  # kept as the reviewer's own


def test_renamed_findings_headers_in_xlsx_are_matched(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    _first_save(path)
    book = openpyxl.load_workbook(path)
    sheet = book["findings"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=1, column=header.index("review") + 1, value="Review")
    sheet.cell(row=1, column=header.index("finding_id") + 1, value="Finding_Id")
    sheet.cell(row=2, column=header.index("review") + 1, value="ja")
    book.save(path)
    saved = save_report(_frame("x1", "x2"), path, findings=_findings("f1"))
    assert saved.findings_reviewed == 1
    assert read_findings(path)["review"].tolist() == ["ja"]


# --- 2. error messages that point the right way ----------------------------------------------


def test_bad_jsonl_line_is_named_by_its_own_number(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    save_report(_frame(*(f"x{i}" for i in range(8))), path)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[6] = '{"pair_id": "x", broken'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ReportWriteError, match=r"line 7, column \d+: not valid JSON"):
        read_report(path)


def test_unreadable_input_report_gives_no_output_advice(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text('{"pair_id": "a"}\n{oops\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_report(path, as_input=True)
    message = str(caught.value)
    assert "line 2" in message and str(path) in message
    assert "output file" not in message


# --- calibrate: duplicates once, errors that name the file, row, column and value -------------


def _reviewed_csv(path: Path, same_event: dict[int, str] | None = None) -> Path:
    from .test_calibrate import C, _report, _rows

    rows = [
        (C, r.kind, r.same_event, "right" if r.right else "wrong", s)
        for s in "abc"
        for r in _rows()
    ]
    report = _report(path, rows)
    if same_event:
        frame = pd.read_csv(report, dtype=str, keep_default_na=False)
        for i, value in same_event.items():
            frame.loc[i, "same_event"] = value
        frame.to_csv(report, index=False)
    return report


def _calibrate(*args: str) -> tuple[int, str]:
    from click.testing import CliRunner

    from checker.cli import cli

    result = CliRunner().invoke(cli, ["calibrate", *args])
    return result.exit_code, result.output


def test_calibrate_counts_the_same_reviews_once(tmp_path: Path) -> None:
    report = _reviewed_csv(tmp_path / "r.csv")
    once_code, once = _calibrate(str(report), "-o", str(tmp_path / "once.toml"))
    code, twice = _calibrate(str(report), str(report), "-o", str(tmp_path / "twice.toml"))
    assert once_code == code == 0, twice
    assert "note: 30 duplicate reviews dropped" in twice
    figures = [line for line in twice.splitlines() if not line.startswith("note:")]
    assert [x for x in figures if "wrote" not in x] == [
        x for x in once.splitlines() if "wrote" not in x
    ]


def test_calibrate_on_the_xlsx_and_jsonl_of_one_report_counts_once(tmp_path: Path) -> None:
    frame = pd.read_csv(_reviewed_csv(tmp_path / "r.csv"), dtype=str, keep_default_na=False)
    frame.to_excel(tmp_path / "r.xlsx", index=False, sheet_name="report")
    frame.to_json(tmp_path / "r.jsonl", orient="records", lines=True, force_ascii=False)
    code, out = _calibrate(
        str(tmp_path / "r.xlsx"), str(tmp_path / "r.jsonl"), "-o", str(tmp_path / "t.toml")
    )
    assert code == 0, out
    assert "note: 30 duplicate reviews dropped" in out
    assert "fitted on 30 reviewed rows" in (tmp_path / "t.toml").read_text(encoding="utf-8")


def test_calibrate_blames_the_row_not_the_setting(tmp_path: Path) -> None:
    report = _reviewed_csv(tmp_path / "r.csv", {3: "1.5"})
    code, out = _calibrate(str(report), "-o", str(tmp_path / "t.toml"))
    assert code == 1
    assert f"{report}: row 5 (pair_id p0003), column same_event: '1.5' is not a score" in out
    assert "same_event_min" not in out


def test_calibrate_without_same_event_column_says_so(tmp_path: Path) -> None:
    report = _reviewed_csv(tmp_path / "r.csv")
    frame = pd.read_csv(report, dtype=str, keep_default_na=False).drop(columns="same_event")
    frame.to_csv(report, index=False)
    code, out = _calibrate(str(report), "-o", str(tmp_path / "t.toml"))
    assert code == 1
    assert f"{report}: no same_event column" in out and "too few" not in out


def test_calibrate_on_an_unreadable_file_gives_no_output_advice(tmp_path: Path) -> None:
    bad = tmp_path / "r.jsonl"
    bad.write_text('{"pair_id": "a", "review": "right"}\n' * 6 + "{broken\n", encoding="utf-8")
    code, out = _calibrate(str(bad), "-o", str(tmp_path / "t.toml"))
    assert code == 1
    assert f"{bad} cannot be read as a report (line 7, column 2: not valid JSON" in out
    assert "output file" not in out


# --- eval stories: gold it cannot find is warned about and counted apart ----------------------


def test_eval_stories_counts_unfound_gold_apart(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import json

    from checker.eval.storyeval import evaluate_stories, read_gold_items

    from .test_storyeval import TOLL, article, claim, gold_line, verdict

    arts = {name: article("s1", name, text) for name, text in TOLL.items()}
    c = {n: [claim(a, s) for s in a.text.replace(". ", ".|").split("|")] for n, a in arts.items()}
    gold = [
        gold_line("contradiction", "number", ("x.md", "left 49 dead"), ("y.md", "left 50 dead")),
        # a typo in a quote, and an article that is not there
        gold_line("contradiction", "number", ("x.md", "left 49 dead"), ("z.md", "50 peple died")),
        gold_line("contradiction", "date", ("gone.md", "at noon"), ("y.md", "spoke at noon")),
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(g) for g in gold) + "\n", encoding="utf-8")
    verdicts = [
        verdict(c["x.md"][0], c["y.md"][0], "contradiction", 0.8, "number"),
        verdict(c["x.md"][0], c["z.md"][0], "contradiction", 0.7, "number"),  # right, typo'd gold
    ]
    claims = [x for cs in c.values() for x in cs]
    with caplog.at_level(logging.WARNING, logger="checker"):
        result = evaluate_stories(read_gold_items(path), verdicts, list(arts.values()), claims)
    assert "gold line 2, story s1: quote '50 peple died' not found in article z.md" in caplog.text
    assert "gold line 3, story s1: article gone.md not found (quote 'at noon')" in caplog.text
    s1 = result.overall
    assert (s1.gold_contradictions, s1.found_contradictions) == (1, 1)  # not a miss
    assert (s1.flagged_contradictions, s1.right_contradictions) == (1, 1)  # not wrong
    assert not result.wrong and len(result.unfound) == 2 and len(result.unjudged) == 1
    assert "gold items not found in the articles: 2 (counted apart" in result.table()


# --- warnings summarised, -q quiet, a "loading models" line --------------------------------------


@pytest.fixture
def tiny_models(tiny_embed_model: Path, tiny_nli_model: Path) -> list[str]:
    return [
        "--embed-model", str(tiny_embed_model), "--nli-model", str(tiny_nli_model),
        "--one-story", "--no-cache",
    ]


def test_twenty_thousand_alike_warnings_are_summarised(
    tmp_path: Path, tiny_models: list[str]
) -> None:
    from click.testing import CliRunner

    from checker.cli import cli

    feed = tmp_path / "feed.jsonl"
    # 2,000, not 20,000: reading 20,000 records takes 20 s (articles.py), the summary is alike
    feed.write_text('{"text": "The same sentence, again and again."}\n' * 2_000, "utf-8")
    other = tmp_path / "other.txt"
    other.write_text("Another outlet wrote something else entirely.", encoding="utf-8")
    for quiet, shown in (([], 3), (["-q"], 1)):
        result = CliRunner().invoke(
            cli, ["report", str(feed), str(other), "-o", str(tmp_path / "r.csv"), *quiet,
                  *tiny_models],
        )
        assert result.exit_code == 0, result.stderr
        duplicates = [x for x in result.stderr.splitlines() if "skipped as a duplicate" in x]
        assert len(duplicates) == shown + 1, result.stderr
        assert f"… and {1_999 - shown:,} more like it" in result.stderr


def test_loading_models_line_names_what_loads_unless_quiet(
    tmp_path: Path, tiny_embed_model: Path, tiny_nli_model: Path
) -> None:
    from click.testing import CliRunner

    from checker.cli import cli

    from .conftest import EXAMPLES

    def run(*extra: str, cache: str) -> str:
        models = ["--embed-model", str(tiny_embed_model), "--nli-model", str(tiny_nli_model)]
        result = CliRunner().invoke(
            cli,
            ["report", str(EXAMPLES), "-o", str(tmp_path / "r.csv"), "--one-story", *models,
             "--cache", str(tmp_path / cache), *extra],
        )
        assert result.exit_code == 0, result.stderr
        return result.stderr

    loud = run(cache="loud.sqlite3")
    assert f"Loading the embedding model {tiny_embed_model}" in loud
    assert f"Loading the NLI model {tiny_nli_model}" in loud
    assert loud.index("Loading the embedding") < loud.index("Embedding:")  # before the bar
    assert "Loading" not in run("-q", cache="quiet.sqlite3")
    assert "Loading" not in run(cache="loud.sqlite3")  # all cached: nothing loads
    # without the cache the models themselves say it, once each
    uncached = run("--no-cache", cache="unused.sqlite3")
    assert uncached.count(f"Loading the embedding model {tiny_embed_model}") == 1
    assert uncached.count(f"Loading the NLI model {tiny_nli_model}") == 1


# --- 3. the XLSX reads well in LibreOffice and Excel ---------------------------------------------


def test_xlsx_stores_row_heights_for_wrapped_text(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    long_claim = "The council said the bridge would reopen next spring. " * 8
    save_report(_frame(long_claim, "short"), path, findings=_findings("f1"))
    sheet = openpyxl.load_workbook(path)["report"]
    rows = {sheet.cell(row=r, column=4).value: r for r in (2, 3)}
    tall = sheet.row_dimensions[rows[long_claim]].height
    assert tall is not None and tall >= 5 * 15  # 440 characters in a 60-wide column
    assert sheet.row_dimensions[rows["short"]].height is None  # one line: the default
    findings = openpyxl.load_workbook(path)["findings"]
    assert findings.row_dimensions[2].height >= 2 * 15  # two claims, one a line


def test_xlsx_print_setup_and_tinted_findings(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    save_report(_frame("x1"), path, findings=_findings("f1"))
    book = openpyxl.load_workbook(path)
    for sheet in (book["report"], book["findings"]):
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$1:$1"
        header = [c.value for c in sheet[1]]
        last = openpyxl.utils.get_column_letter(header.index("review_note") + 1)
        assert sheet.print_area == f"'{sheet.title}'!$A$1:${last}$2"
    fill = book["findings"].cell(row=2, column=1).fill
    assert fill.fill_type == "solid" and fill.start_color.rgb.endswith("FFC7CE")


def test_xlsx_without_findings_opens_on_the_report(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    save_report(_frame("x1"), path, findings=_findings())
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:2] == ["report", "findings"]
    assert book.active.title == "report"
    save_report(_frame("x1"), path, findings=_findings("f1"))  # once there is one: first
    assert openpyxl.load_workbook(path).sheetnames[:2] == ["findings", "report"]


# --- 4. ClaimReview: author, url, datePublished, against schema.org's fields --------------------

# schema.org properties the objects may use (ClaimReview ← Review ← CreativeWork ← Thing; Claim,
# Rating, Organization, NewsArticle), written here from https://schema.org so the test does not
# depend on the network; and what ClaimReview's consumers require of each review.
SCHEMA_FIELDS = {
    "ClaimReview": {
        "@context", "@type", "claimReviewed", "itemReviewed", "reviewRating", "author", "url",
        "datePublished", "reviewBody", "name", "publisher", "inLanguage", "dateModified",
    },
    "Claim": {"@type", "appearance", "firstAppearance", "author", "datePublished", "name"},
    "Rating": {
        "@type", "alternateName", "ratingValue", "bestRating", "worstRating", "ratingExplanation",
    },
    "Organization": {"@type", "name", "url", "logo", "sameAs"},
    "NewsArticle": {"@type", "url", "headline", "publisher", "datePublished", "author"},
}
REQUIRED = {"@context", "@type", "claimReviewed", "reviewRating", "author", "url", "datePublished"}


def _check_schema(node: object) -> None:
    if isinstance(node, list):
        for item in node:
            _check_schema(item)
        return
    if not isinstance(node, dict):
        return
    kind = str(node.get("@type"))
    assert kind in SCHEMA_FIELDS, kind
    assert set(node) <= SCHEMA_FIELDS[kind], (kind, set(node) - SCHEMA_FIELDS[kind])
    for value in node.values():
        _check_schema(value)


def _reviewed_jsonl(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> list:
    """A JSONL report, every pair reviewed right, written with ReviewSource(*args)."""
    import json

    from checker.report.jsonl import ReviewSource, write_jsonl

    path = tmp_path / "r.jsonl"
    frame = _frame("x1", "x2")
    frame["review"] = "right"
    findings = _findings("f1").assign(pair_ids=frame.loc[0, "pair_id"])
    save_report(frame, path, findings=findings)  # the reviewer's file
    source = ReviewSource(*args) if args else ReviewSource()
    write_jsonl(read_report(path), path, source, read_findings(path))
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_claim_review_has_author_url_and_date_valid_for_schema_org(tmp_path: Path) -> None:
    rows = _reviewed_jsonl(
        tmp_path, "Faktencheck Nord", "https://fc.example", "https://fc.example/c/{finding_id}",
        "2026-12-01",
    )
    reviews = [r["claimReview"] for r in rows if "claimReview" in r]
    assert len(reviews) == 2
    for review in reviews:
        _check_schema(review)
        assert review["author"] == {
            "@type": "Organization", "name": "Faktencheck Nord", "url": "https://fc.example"
        }
        assert review["datePublished"] == "2026-12-01"
    assert set(reviews[0]) >= REQUIRED
    assert reviews[0]["url"] == "https://fc.example/c/f1"  # its pair is in finding f1
    assert "url" not in reviews[1]  # no finding: no url rather than a wrong one


def test_claim_review_date_defaults_to_today_and_pair_id_template(tmp_path: Path) -> None:
    from datetime import date

    rows = _reviewed_jsonl(tmp_path, "FC", "", "https://fc.example/p/{pair_id}")
    review = rows[0]["claimReview"]
    assert review["datePublished"] == date.today().isoformat()
    assert review["url"] == f"https://fc.example/p/{rows[0]['pair_id']}"
    assert review["author"] == {"@type": "Organization", "name": "FC"}
    _check_schema(review)


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--review-url", "https://fc.example/checks", "must be an http(s) URL naming {pair_id}"),
        ("--review-url", "https://fc.example/{id}", "must be an http(s) URL naming {pair_id}"),
        ("--review-url", "ftp://x/{pair_id}", "must be an http(s) URL"),
        ("--review-author-url", "fc.example", "is not an http(s) URL"),
        ("--review-date", "2026-13-01", "is not an ISO date"),
    ],
)
def test_review_options_are_checked_up_front(
    tmp_path: Path, option: str, value: str, message: str
) -> None:
    from click.testing import CliRunner

    from checker.cli import cli

    from .conftest import EXAMPLES

    result = CliRunner().invoke(
        cli,
        ["report", str(EXAMPLES), "-o", str(tmp_path / "r.jsonl"), "--review-author", "FC",
         option, value, "--embed-model", "/nonexistent"],
    )
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert not (tmp_path / "r.jsonl").exists()


def test_review_settings_come_from_file_environment_and_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checker.config import load_config
    from checker.report.jsonl import ReviewSource

    config_file = tmp_path / "c.toml"
    config_file.write_text(
        'review_author = "File FC"\nreview_url = "https://f.example/{pair_id}"\n', "utf-8"
    )
    source = ReviewSource.from_config(load_config(config_file, env={}))
    assert (source.author, source.url) == ("File FC", "https://f.example/{pair_id}")
    from click.testing import CliRunner

    from checker.cli import cli

    monkeypatch.setenv("CHECKER_REVIEW_DATE", "2026-99-01")  # the environment is read, checked
    result = CliRunner().invoke(
        cli, ["report", str(tmp_path), "-o", str(tmp_path / "r.jsonl"), "--config",
              str(config_file)],
    )
    assert result.exit_code == 2 and "'review_date' = '2026-99-01'" in result.stderr
    result = CliRunner().invoke(  # the option beats the environment
        cli, ["report", str(tmp_path), "-o", str(tmp_path / "r.jsonl"), "--config",
              str(config_file), "--review-date", "2026-01-02", "--embed-model", "/nonexistent"],
    )
    assert "review_date" not in result.stderr
