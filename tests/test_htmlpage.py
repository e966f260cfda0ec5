"""The review page (checker/report/htmlpage.py) and merging its export
(checker/report/pagereview.py).

No models: the tables are built by hand, as the CSV/XLSX writers get them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.errors import ReportWriteError
from checker.report.htmlpage import page_data, parse_finding, split_reasons, value_marks, write_html
from checker.report.output import read_findings, read_report, save_report
from checker.report.pagereview import import_reviews
from checker.report.table import COLUMNS, FINDING_COLUMNS

SCRIPT = '<script>alert("claim")</script>'
ATTRIBUTE = '"><img src=x onerror=alert(1)>'


def _row(pair: str, claim_a: str, claim_b: str, **extra: object) -> dict[str, object]:
    row: dict[str, object] = {c: "" for c in COLUMNS}
    row.update(
        pair_id=pair, verdict="contradiction", kind="number", confidence=0.75,
        claim_a=claim_a, claim_b=claim_b, source_a="EITB", source_b="Fox News",
        file_a="stories/es-eitb.md", file_b="stories/en-fox.md", article_a="eitb-1",
        article_b="fox-1", story="story-1", context_a="Contexto.", context_b="Context.",
        published_a="2016-06-12", published_b="2016-06-13", same_event=0.6, similarity=0.86,
        p_contradiction=0.3, p_entailment=0.1, p_neutral=0.6,
        reasons="number conflict: 49 vs 50; same event 0.60 (similarity 1.7σ; same value: 53)",
    )
    row.update(extra)
    return row


def _tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = pd.DataFrame(
        [
            _row("p1", "Hubo 49 muertos.", "At least 50 people were killed."),
            _row("p2", f"Evil {SCRIPT} 49 muertos.", f"Quote {ATTRIBUTE} 50 dead.",
                 source_b=f"Bad {ATTRIBUTE}", url_b="javascript:alert(1)",
                 title_b=SCRIPT, context_b=f"</script>{SCRIPT}", verdict="agreement", kind=""),
        ],
        columns=list(COLUMNS),
    )
    findings = pd.DataFrame(
        [{
            "finding": "muertos: 49 — EITB · 50 — Fox News, Reuters, London",
            "kind": "number", "outlets": 3, "pairs": 1, "confidence": 0.75,
            "claims": "49 (EITB): Hubo 49 muertos.\n50 (Fox News): At least 50 people were killed.",
            "review": "", "review_note": "", "thing": "muertos", "story": "story-1",
            "pair_ids": "p1", "finding_id": "f1",
        }],
        columns=list(FINDING_COLUMNS),
    )
    return rows, findings


def _data_block(page: str) -> str:
    match = re.search(r'<script type="application/json" id="checker-data">(.*?)</script>', page,
                      re.S)
    assert match
    return match.group(1)


def test_injection_in_articles_renders_as_text(tmp_path: Path) -> None:
    rows, findings = _tables()
    page = write_html(rows, tmp_path / "r.html", findings, title=f"t {SCRIPT}").read_text()
    # only our two script elements; the data's markup never reaches the HTML parser as markup
    assert page.count("<script") == 2
    assert "<img" not in page
    assert "<title>t &lt;script&gt;" in page
    block = _data_block(page)
    assert "<" not in block and ">" not in block and "&" not in block
    data = json.loads(block)
    second = data["rows"][1]
    assert second["a"]["claim"] == f"Evil {SCRIPT} 49 muertos."  # the text itself, unchanged
    assert second["b"]["outlet"] == f"Bad {ATTRIBUTE}"
    assert second["b"]["context"] == f"</script>{SCRIPT}"
    script = page.split("<script>")[1]
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script
    assert "eval(" not in script and "document.write" not in script


def test_page_is_offline_and_allows_only_its_own_code(tmp_path: Path) -> None:
    rows, findings = _tables()
    page = write_html(rows, tmp_path / "r.html", findings).read_text()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy and "default-src 'none'" in policy.group(1)
    assert "script-src 'sha256-" in policy.group(1) and "unsafe-inline" not in policy.group(1)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # nothing fetched
    assert "@import" not in page and "url(" not in page.split("<style>")[1].split("</style>")[0]


def test_page_data_per_story(tmp_path: Path) -> None:
    rows, findings = _tables()
    data = page_data(rows, findings, "seeds")
    (story,) = data["stories"]
    assert [a["outlet"] for a in story["articles"]][:1] == ["EITB"]  # first published first
    (finding,) = story["findings"]
    assert [v["value"] for v in finding["values"]] == ["49", "50"]  # in time order
    assert finding["timed"] and finding["values"][0]["first_outlet"] == "EITB"
    eitb = finding["values"][0]["statements"][0]
    assert eitb["claim"] == "Hubo 49 muertos." and eitb["pairs"] == ["p1"]
    assert eitb["marks"] == [[5, 7]]
    fox = finding["values"][1]["statements"][0]
    assert fox["outlet"] == "Fox News" and fox["claim"].startswith("At least 50")
    assert data["rows"][0]["reasons"][1].startswith("same event 0.60 (similarity")


def test_parse_finding_keeps_outlet_names_with_commas() -> None:
    told = parse_finding("muertos: 49 — EITB · 50 — Reuters, London, n-tv", "muertos",
                         ["EITB", "Reuters, London", "n-tv"])
    assert told == [("49", ["EITB"]), ("50", ["Reuters, London", "n-tv"])]
    assert parse_finding("12 — a · 14 — b, c", "", []) == [("12", ["a"]), ("14", ["b", "c"])]


def test_value_marks_match_whole_numbers() -> None:
    assert value_marks("150 and 50 dead", "50") == [[8, 10]]
    assert value_marks("mindestens 50 Tote", "at least 50") == [[11, 13]]
    assert value_marks("no value", "50") == []
    assert split_reasons("a; b (c; d); e") == ["a", "b (c; d)", "e"]


def test_a_file_that_is_no_page_is_not_replaced(tmp_path: Path) -> None:
    rows, findings = _tables()
    target = tmp_path / "notes.html"
    target.write_text("<html>my own notes</html>")
    with pytest.raises(ReportWriteError, match="not a checker review page"):
        write_html(rows, target, findings)
    assert target.read_text() == "<html>my own notes</html>"
    write_html(rows, tmp_path / "page.html", findings)
    write_html(rows, tmp_path / "page.html", findings)  # our own page is replaced


def _export(path: Path, lines: list[tuple[str, str, str, str]]) -> Path:
    body = ["pair_id,finding_id,review,review_note"]
    body += [",".join(f'"{c}"' for c in line) for line in lines]
    path.write_text("\ufeff" + "\r\n".join(body) + "\r\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".jsonl"])
def test_review_import_merges_and_reports_conflicts(tmp_path: Path, suffix: str) -> None:
    rows, findings = _tables()
    rows.loc[1, "review"] = "✓"  # typed in the spreadsheet
    rows.loc[0, "review_note"] = "checked with the desk"
    report = tmp_path / f"r{suffix}"
    save_report(rows, report, None, findings)
    export = _export(tmp_path / "e.csv", [
        ("p1", "", "wrong", ""),  # new review, note left as it is
        ("p2", "", "right", "'=HYPERLINK(1)"),  # same review in other words; a formula note
        ("", "f1", "right", "toll differs"),
        ("zz", "", "right", ""),  # no such row
    ])
    result = import_reviews(export, report)
    assert result.conflicts == () and result.unknown == ("zz",)
    merged = read_report(report)
    assert list(merged["review"][:2]) == ["wrong", "✓"]  # what was typed is never rewritten
    assert list(merged["review_note"][:2]) == ["checked with the desk", "=HYPERLINK(1)"]
    assert read_findings(report)["review"].tolist() == ["right"]
    assert (tmp_path / f"r{suffix}.bak").exists()
    if suffix == ".csv":
        assert "'=HYPERLINK(1)" in report.read_text(encoding="utf-8-sig")
    if suffix == ".xlsx":
        assert merged["confidence"].tolist() == ["0.75", "0.75"]

    again = _export(tmp_path / "e2.csv", [("p1", "", "right", "other note")])
    result = import_reviews(again, report)
    assert len(result.conflicts) == 2 and "kept the report's" in result.conflicts[0]
    assert read_report(report)["review"][0] == "wrong"
    result = import_reviews(again, report, overwrite=True)
    assert read_report(report)["review"][0] == "right"
    assert read_report(report)["review_note"][0] == "other note"


def test_review_import_command(tmp_path: Path) -> None:
    rows, findings = _tables()
    rows.loc[0, "review"] = "right"
    report = tmp_path / "r.xlsx"
    save_report(rows, report, None, findings)
    export = _export(tmp_path / "e.csv", [("p1", "", "wrong", ""), ("p2", "", "unsure", "")])
    result = CliRunner().invoke(cli, ["review", "import", str(export), str(report)])
    assert result.exit_code == 0, result.output
    assert "Conflict: pair p1: review 'right' in the report, 'wrong' on the page" in result.stderr
    assert "Merged 1 review cells" in result.stdout
    assert read_report(report)["review"].tolist() == ["right", "unsure"]
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    result = CliRunner().invoke(cli, ["review", "import", str(bad), str(report)])
    assert result.exit_code == 1 and result.stderr.startswith("Error: ")
    assert "Traceback" not in result.output and len(result.stderr.splitlines()) == 1
