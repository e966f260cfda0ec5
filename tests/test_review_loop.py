"""The spreadsheet review loop: re-runs keep every reviewer edit, XLSX is review-ready."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.errors import ReportWriteError
from checker.records import Article, Claim, NliScores, Pair, Verdict
from checker.report.output import read_report, save_report, write_report
from checker.report.table import COLUMNS, STATUS_COLUMN, merge_previous, to_frame

from .conftest import EXAMPLES

ARTICLES = [
    Article(id="a", text="x", source="AFP", url="https://a.example/1"),
    Article(id="b", text="y", source="dpa", url="javascript:alert(1)"),
]
THIRD = (
    "Peskow sagte am Mittwoch, das Gespräch zwischen Putin und Trump habe zwei Stunden gedauert. "
    "Der Kreml bestätigte das Telefonat ausdrücklich.\n\n"
    "Selenskyj hatte zuvor mit Trump telefoniert. Die Ukraine wolle einen Waffenruhe prüfen."
)



def _article(article_id: str, articles: list[Article] | None = None) -> Article:
    """The run's article of that id (its source and url reach the row), as a claim carries it."""
    found = (a for a in articles or ARTICLES if a.id == article_id)
    return next(found, Article(id=article_id, text=""))


def verdict(
    label: str,
    confidence: float,
    text_a: str,
    text_b: str = "Claim B.",
    articles: list[Article] | None = None,
) -> Verdict:
    a = Claim(id="a#0", article_id="a", text=text_a, start=0, end=len(text_a), context="ctx",
              article=_article("a", articles))
    b = Claim(id="b#0", article_id="b", text=text_b, start=0, end=len(text_b),
              article=_article("b", articles))
    s = NliScores(0.2, 0.3, 0.5)
    return Verdict(Pair(a, b, 0.91), label, confidence, s, s, ("r1",))


def frame_of(*texts: str) -> pd.DataFrame:
    return to_frame([verdict("agreement", 0.9, t) for t in texts], ARTICLES)


# --- merge_previous: the pure part ---------------------------------------------------------------


def test_merge_carries_review_and_added_columns_by_pair_id() -> None:
    old = frame_of("x1", "x2").astype(str)
    old.loc[old.claim_a == "x2", ["review", "review_note"]] = ["wrong", "=see desk"]
    old.insert(3, "desk", (old.claim_a == "x2").map({True: "politics", False: ""}))
    new = frame_of("x3", "x2")  # x1 is gone, x3 is new
    merged = merge_previous(new, old)
    assert list(merged.columns) == [*COLUMNS, STATUS_COLUMN, "desk"]
    by_claim = merged.set_index("claim_a")
    assert by_claim.loc["x2", ["review", "review_note", "desk"]].tolist() == [
        "wrong",
        "=see desk",
        "politics",
    ]
    assert by_claim.loc["x2", STATUS_COLUMN] == "current"
    assert by_claim.loc["x3", ["review", "desk", STATUS_COLUMN]].tolist() == ["", "", "current"]
    assert by_claim.loc["x1", STATUS_COLUMN] == "stale"
    assert merged[STATUS_COLUMN].tolist()[-1] == "stale"  # stale rows last
    assert by_claim.loc["x2", "confidence"] == 0.9  # machine columns are the new ones


def test_stale_row_that_comes_back_is_current_again_with_its_review() -> None:
    first = merge_previous(frame_of("x1"), pd.DataFrame(columns=["pair_id"]))
    first.loc[0, "review"] = "ok"
    gone = merge_previous(frame_of("x2"), first.astype(str))
    assert gone.set_index("claim_a").loc["x1", [STATUS_COLUMN, "review"]].tolist() == [
        "stale",
        "ok",
    ]
    back = merge_previous(frame_of("x1", "x2"), gone.astype(str))
    assert back[STATUS_COLUMN].tolist() == ["current", "current"]
    assert back.set_index("claim_a").loc["x1", "review"] == "ok"
    assert pd.api.types.is_float_dtype(back["confidence"])


def test_repeated_pair_ids_match_one_to_one_and_blank_rows_go() -> None:
    new = frame_of("x1", "x1")  # the same claim twice gives the same pair_id twice
    assert new.pair_id.nunique() == 1
    old = new.astype(str)
    old["review"] = ["first", "second"]
    blank = pd.DataFrame([dict.fromkeys(old.columns, "")])
    old = pd.concat([old, blank, old.iloc[[0]].assign(review="third")], ignore_index=True)
    merged = merge_previous(new, old)
    assert merged.review.tolist() == ["first", "second", "third"]
    assert merged[STATUS_COLUMN].tolist() == ["current", "current", "stale"]


def test_merge_with_old_file_from_an_older_column_set() -> None:
    old = frame_of("x1").astype(str).drop(columns=["reasons", "found_by"])
    old["review"] = "checked"
    merged = merge_previous(frame_of("x2"), old)
    stale = merged[merged[STATUS_COLUMN] == "stale"].iloc[0]
    assert stale.review == "checked" and stale.reasons == "" and stale.confidence == 0.9


# --- save_report / read_report: files on disk ----------------------------------------------------


def test_csv_rerun_keeps_edits_backup_and_quotes_do_not_pile_up(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    save_report(frame_of("x1", "x2"), path)
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig", newline="")))
    row = {r["claim_a"]: r for r in rows}
    row["x1"]["review"] = "=wrong"  # typed into a spreadsheet, saved back as CSV
    row["x2"]["review_note"] = 'Er sagte: "nein",\nzweite Zeile'
    for row in rows:
        row["desk"] = "Politik"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    edited = path.read_bytes()
    for _ in range(3):
        saved = save_report(frame_of("x2", "x3"), path)
    assert (tmp_path / "r.csv.bak").read_bytes() != edited  # overwritten on every run
    assert saved.stale == 1 and saved.rows == 2 and saved.reviewed == 1
    raw = path.read_text(encoding="utf-8-sig")
    assert raw.count("'=wrong") == 1 and "''" not in raw
    back = read_report(path).set_index("claim_a")
    assert back.loc["x1", ["review", STATUS_COLUMN, "desk"]].tolist() == [
        "=wrong",
        "stale",
        "Politik",
    ]
    assert back.loc["x2", "review_note"] == 'Er sagte: "nein",\nzweite Zeile'
    assert back.loc["x3", "desk"] == ""
    # pandas and the csv module see the same cells in the merged file
    frame = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, dtype=str)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        plain = list(csv.reader(handle))
    assert plain[0] == list(frame.columns) and plain[1:] == frame.to_numpy().tolist()
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")


def test_first_save_has_status_and_no_backup(tmp_path: Path) -> None:
    saved = save_report(frame_of("x1"), tmp_path / "r.csv")
    assert saved.backup is None and not (tmp_path / "r.csv.bak").exists()
    header = (tmp_path / "r.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.split(",") == [*COLUMNS, STATUS_COLUMN]


def test_csv_resaved_by_german_excel_is_understood(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    save_report(frame_of("Grüße aus Köln"), path)
    frame = read_report(path)
    frame.loc[0, "review"] = "geprüft, stimmt"
    frame.to_csv(path, sep=";", index=False, encoding="cp1252")
    save_report(frame_of("Grüße aus Köln"), path)
    back = read_report(path)
    assert back.loc[0, "review"] == "geprüft, stimmt"
    assert back.loc[0, "claim_a"] == "Grüße aus Köln"
    back.loc[0, "review_note"] = "Unicode-Text"
    back.to_csv(path, sep="\t", index=False, encoding="utf-16")  # Excel's "Unicode text"
    save_report(frame_of("Grüße aus Köln"), path)
    assert read_report(path).loc[0, ["review", "review_note"]].tolist() == [
        "geprüft, stimmt",
        "Unicode-Text",
    ]


def test_not_a_report_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("name,phone\nAnna,123\n", encoding="utf-8")
    with pytest.raises(ReportWriteError, match="not a checker report"):
        save_report(frame_of("x1"), path)
    path.write_bytes(b"PK\x03\x04garbage")
    with pytest.raises(ReportWriteError, match="cannot be read as a report"):
        save_report(frame_of("x1"), path)
    assert path.read_bytes() == b"PK\x03\x04garbage"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv"]


def test_new_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    path = save_report(frame_of("x1"), tmp_path / "r.csv").path
    assert path.stat().st_mode & 0o044  # readable by group/others under a usual umask
    path.chmod(0o640)
    save_report(frame_of("x1"), path)
    assert path.stat().st_mode & 0o777 == 0o640  # kept across re-runs


def test_xlsx_is_review_ready(tmp_path: Path) -> None:
    frame = to_frame(
        [
            verdict("contradiction", 0.8, '=HYPERLINK("http://evil")', "@SUM(1)"),
            verdict("agreement", 0.7, "Satz mit\x0cSteuerzeichen", "-5 Grad"),
            verdict("neutral", 0.2, "x" * 40_000),
        ],
        ARTICLES,
        include_neutral=True,
    )
    path = write_report(frame, tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["report"]
    header = [c.value for c in sheet[1]]
    col = {name: i + 1 for i, name in enumerate(header)}
    assert header == list(COLUMNS)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    assert sheet[1][0].font.bold
    evil = sheet.cell(2, col["claim_a"])
    assert evil.data_type == "s" and evil.value == '=HYPERLINK("http://evil")' and evil.quotePrefix
    assert sheet.cell(2, col["claim_b"]).data_type == "s"
    assert sheet.cell(3, col["claim_a"]).value == "Satz mitSteuerzeichen"
    assert len(sheet.cell(4, col["claim_a"]).value) == 32_767
    assert sheet.cell(2, col["confidence"]).data_type == "n"
    assert sheet.cell(2, col["claim_a"]).alignment.wrap_text
    assert sheet.cell(2, col["verdict"]).fill.fgColor.rgb.endswith("FFC7CE")
    assert sheet.cell(3, col["review"]).fill.fgColor.rgb.endswith("C6EFCE")
    assert sheet.cell(4, col["verdict"]).fill.fill_type is None
    assert sheet.cell(2, col["url_a"]).hyperlink.target == "https://a.example/1"
    assert sheet.cell(2, col["url_b"]).hyperlink is None  # only http(s) becomes a link
    widths = {name: sheet.column_dimensions[chr(64 + col[name])].width for name in header[:10]}
    assert widths["claim_a"] > widths["verdict"]
    # no formula anywhere in the file
    book = openpyxl.load_workbook(path)
    assert not [c for row in book["report"].iter_rows() for c in row if c.data_type == "f"]


def test_xlsx_rerun_moves_gone_pairs_to_stale_sheet(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    save_report(frame_of("x1", "x2"), path)
    book = openpyxl.load_workbook(path)
    sheet = book["report"]
    header = [c.value for c in sheet[1]]
    x1, x2 = (2, 3) if sheet.cell(2, header.index("claim_a") + 1).value == "x1" else (3, 2)
    sheet.cell(x1, header.index("review") + 1, "falsch")
    sheet.cell(1, len(header) + 1, "desk")
    sheet.cell(x2, len(header) + 1, 7)
    book.save(path)
    saved = save_report(frame_of("x2"), path)
    assert saved.backup == tmp_path / "r.xlsx.bak" and saved.stale == 1
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["report", "stale"]
    back = read_report(path)
    assert STATUS_COLUMN in back.columns
    assert back.set_index("claim_a").loc["x1", ["review", STATUS_COLUMN]].tolist() == [
        "falsch",
        "stale",
    ]
    by_claim = back.set_index("claim_a")
    assert by_claim.loc["x2", "desk"] == "7"
    header = [c.value for c in book["report"][1]]
    assert STATUS_COLUMN not in header and header[-1] == "desk"
    stale_conf = book["stale"].cell(2, header.index("confidence") + 1)
    assert stale_conf.data_type == "n"  # still a number after a round trip through text


def test_reviewer_sheets_are_carried_over(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "r.xlsx"
    save_report(frame_of("x1"), path)
    book = openpyxl.load_workbook(path)
    notes = book.create_sheet("Notizen")
    notes.append(["Frage", "Antwort"])
    notes.append(["Wer?", "=Notizen!A2"])
    book.save(path)
    save_report(frame_of("x1", "x2"), path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["report", "stale", "Notizen"]
    assert [[c.value for c in row] for row in book["Notizen"].iter_rows()] == [
        ["Frage", "Antwort"],
        ["Wer?", "=Notizen!A2"],
    ]
    with caplog.at_level("WARNING", logger="checker"):
        save_report(frame_of("x1"), path, "csv")
    assert "sheets Notizen cannot go into a CSV; they stay in the backup" in caplog.text
    with (tmp_path / "r.xlsx.bak").open("rb") as backup:
        assert "Notizen" in openpyxl.load_workbook(backup).sheetnames


def test_xlsx_under_another_suffix_is_read_by_content(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    save_report(frame_of("x1"), path, "xlsx")
    saved = save_report(frame_of("x2"), path, "xlsx")
    assert path.read_bytes().startswith(b"PK") and saved.stale == 1


def test_trailing_empty_columns_from_a_spreadsheet_are_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    save_report(frame_of("x1"), path)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    path.write_text("\n".join(line + ",," for line in lines) + "\n", encoding="utf-8-sig")
    save_report(frame_of("x1"), path)
    assert list(read_report(path).columns) == [*COLUMNS, STATUS_COLUMN]


# --- reviewer column order, drop-down, JSONL -----------------------------------------------------

# The column order of reports written before the reviewer order (pair_id first, review last).
OLD_ORDER = [
    "pair_id", "verdict", "kind", "confidence", "same_event", "story", "claim_a", "claim_b",
    "article_a", "article_b", "file_a", "file_b", "source_a", "source_b", "title_a", "title_b",
    "similarity", "p_contradiction", "p_entailment", "p_neutral", "reasons", "certainty_a",
    "certainty_b", "speaker_a", "speaker_b", "context_a", "context_b", "offsets_a", "offsets_b",
    "url_a", "url_b", "found_by", "review", "review_note",
]


def test_reviewer_order_puts_verdict_claims_and_review_first_and_pair_id_last() -> None:
    assert COLUMNS[:8] == (
        "verdict", "confidence", "kind", "claim_a", "claim_b", "reasons", "review", "review_note"
    )
    assert COLUMNS[-1] == "pair_id" and set(OLD_ORDER) < set(COLUMNS)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_report_in_the_old_column_order_merges_without_loss(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"r.{suffix}"
    old = frame_of("x1", "x2", "gone").astype(str)[OLD_ORDER]
    typed = {
        "x1": ("✓", "", "Politik"),
        "x2": ("", "=ask desk", "Ausland"),
        "gone": ("falsch", "kept", ""),
    }
    for i, column in enumerate(["review", "review_note", "desk"]):  # desk: the reviewer's own
        old[column] = [typed[c][i] for c in old.claim_a]
    if suffix == "csv":
        old.assign(status="current").to_csv(path, index=False, encoding="utf-8-sig")
    else:
        write_report(old, path)
    saved = save_report(frame_of("x1", "x2", "x3"), path)
    assert (saved.rows, saved.stale, saved.reviewed) == (3, 1, 2)
    back = read_report(path)
    assert list(back.columns) == [*COLUMNS, STATUS_COLUMN, "desk"]
    by_claim = back.set_index("claim_a")
    own = ["review", "review_note", "desk"]
    assert by_claim.loc[["x1", "x2", "gone"], own].values.tolist() == [
        ["✓", "", "Politik"],
        ["", "=ask desk", "Ausland"],
        ["falsch", "kept", ""],
    ]
    assert by_claim.loc["gone", STATUS_COLUMN] == "stale"
    assert by_claim.loc["gone", "pair_id"] == old.set_index("claim_a").pair_id["gone"]
    assert by_claim.loc["x3", ["review", "desk", STATUS_COLUMN]].tolist() == ["", "", "current"]


def _validations(sheet: openpyxl.worksheet.worksheet.Worksheet) -> dict[str, tuple[str, bool]]:
    return {
        str(v.sqref): (v.formula1, bool(v.showErrorMessage))
        for v in sheet.data_validations.dataValidation
    }


def test_review_drop_down_is_on_the_review_column_after_a_rerun(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    save_report(frame_of("x1", "x2"), path)
    book = openpyxl.load_workbook(path)
    sheet = book["report"]
    sheet.cell(2, COLUMNS.index("review") + 1, "ja")
    book.save(path)
    save_report(frame_of("x1", "x2", "x3", "x4"), path)  # more rows, same column
    sheet = openpyxl.load_workbook(path)["report"]
    header = [c.value for c in sheet[1]]
    letter = openpyxl.utils.get_column_letter(header.index("review") + 1)
    assert letter == "G"
    # a drop-down that suggests, not forbids: other text (✓, a note) stays allowed
    assert _validations(sheet) == {"G2:G5": ('"right,wrong,unsure"', False)}
    assert set(read_report(path).review) == {"ja", ""}


def _jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _check_claim_review(review: dict[str, object], row: dict[str, object]) -> None:
    """The schema.org ClaimReview fields the export promises, each with its type."""
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == row["claim_a"] and isinstance(review["claimReviewed"], str)
    item = review["itemReviewed"]
    assert isinstance(item, dict) and item["@type"] == "Claim"
    appearance = item["appearance"]
    assert isinstance(appearance, list) and len(appearance) == 2
    for article, side in zip(appearance, "ab", strict=True):
        assert article["@type"] == "NewsArticle"
        assert article.get("url", "") == row[f"url_{side}"]
        assert article["publisher"] == {"@type": "Organization", "name": row[f"source_{side}"]}
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and isinstance(rating["alternateName"], str)
    assert not {"ratingValue", "bestRating", "worstRating"} & set(rating)  # no numeric rating


def test_jsonl_export_with_claim_review_for_rows_reviewed_right(tmp_path: Path) -> None:
    articles = [
        Article(id="a", text="x", source="AFP", url="https://a.example/1", published="2024-05-01"),
        Article(id="b", text="y", source="dpa", published="2024-13-45"),  # kept as written
    ]
    frame = to_frame(
        [
            verdict("contradiction", 0.8, "=12 Paketbomben", articles=articles),
            verdict("agreement", 0.9, "x2", articles=articles),
            verdict("agreement", 0.7, "x3", articles=articles),
            verdict("agreement", 0.6, "gone", articles=articles),
        ],
        articles,
    )
    path = tmp_path / "r.jsonl"
    save_report(frame, path)
    rows = _jsonl(path)
    assert [list(r) for r in rows] == [[*COLUMNS, STATUS_COLUMN]] * 4  # every column, in order
    assert isinstance(rows[0]["confidence"], float) and rows[0]["claim_a"] == "=12 Paketbomben"
    reviews = {"=12 Paketbomben": " ✓ ", "x2": "ja", "x3": "stimmt nicht", "gone": "right"}
    for row in rows:
        row["review"] = reviews[row["claim_a"]]
        row["desk"] = "Politik"  # a key the reviewer added
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    saved = save_report(frame[frame.claim_a != "gone"], path)
    assert saved.reviews == {"right": 2, "wrong": 1, "unsure": 0, "other": 0}
    after = {r["claim_a"]: r for r in _jsonl(path)}
    assert {c: r["review"] for c, r in after.items()} == reviews  # as typed, not rewritten
    assert {r["desk"] for r in after.values()} == {"Politik"}
    assert after["gone"][STATUS_COLUMN] == "stale" and "claimReview" not in after["gone"]
    assert "claimReview" not in after["x3"]
    disagree, agree = after["=12 Paketbomben"], after["x2"]
    for row in (disagree, agree):
        _check_claim_review(row["claimReview"], row)
    assert disagree["claimReview"]["reviewRating"]["alternateName"] == "sources disagree"
    assert agree["claimReview"]["reviewRating"]["alternateName"] == "sources agree"
    item = disagree["claimReview"]["itemReviewed"]
    assert item["datePublished"] == "2024-05-01"
    assert item["appearance"][0]["datePublished"] == "2024-05-01"
    assert "datePublished" not in item["appearance"][1]  # "2024-13-45" is no date
    assert (tmp_path / "r.jsonl.bak").is_file()


def test_empty_jsonl_report_is_merged_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    save_report(frame_of(), path)
    assert path.read_bytes() == b""
    assert save_report(frame_of("x1"), path).rows == 1
    assert _jsonl(path)[0]["claim_a"] == "x1"


# --- the whole loop through the CLI --------------------------------------------------------------


@pytest.fixture
def models(tiny_embed_model: Path, tiny_nli_model: Path) -> list[str]:
    # random tiny models cannot tell stories apart: one story, so pairs are formed at all
    return [
        "--embed-model", str(tiny_embed_model), "--nli-model", str(tiny_nli_model), "--one-story"
    ]


def _report(out: Path, folder: Path, models: list[str]) -> str:
    result = CliRunner().invoke(cli, ["report", str(folder), "-o", str(out), "--all", *models])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _edit_csv(path: Path) -> dict[str, tuple[str, str]]:
    frame = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, dtype=str)
    frame.loc[0, "review"] = "stimmt nicht"
    frame.loc[1, "review_note"] = "=Peskow: 'kein Kommentar'"
    frame["desk"] = [f"desk {i}" for i in range(len(frame))]
    frame.to_csv(path, index=False, encoding="utf-8-sig")
    return {row.pair_id: (row.review, row.review_note, row.desk) for row in frame.itertuples()}


def _edit_xlsx(path: Path) -> dict[str, tuple[str, str]]:
    book = openpyxl.load_workbook(path)
    sheet = book["report"]
    header = [c.value for c in sheet[1]]
    sheet.cell(2, header.index("review") + 1, "stimmt nicht")
    note = sheet.cell(3, header.index("review_note") + 1, "=Peskow: 'kein Kommentar'")
    note.data_type = "s"
    sheet.cell(1, len(header) + 1, "desk")
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, len(header) + 1, f"desk {row - 2}")
    book.save(path)
    frame = read_report(path)
    return {row.pair_id: (row.review, row.review_note, row.desk) for row in frame.itertuples()}


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_round_trip_with_a_third_article(tmp_path: Path, models: list[str], suffix: str) -> None:
    folder = tmp_path / "articles"
    shutil.copytree(EXAMPLES, folder)
    out = tmp_path / f"report.{suffix}"
    _report(out, folder, models)
    before = (_edit_csv if suffix == "csv" else _edit_xlsx)(out)
    assert ("stimmt nicht", "", "desk 0") in before.values()
    (folder / "third.txt").write_text(THIRD, encoding="utf-8")
    stdout = _report(out, folder, models)
    assert "3 articles" in stdout and f"report.{suffix}.bak" in stdout
    after = read_report(out)
    assert str(folder / "third.txt") in set(after.file_a) | set(after.file_b)
    kept = {row.pair_id: (row.review, row.review_note, row.desk) for row in after.itertuples()}
    assert {k: kept[k] for k in before} == before  # every row, every edit, the added column
    assert list(after.columns)[-1] == "desk"
    new_rows = after[~after.pair_id.isin(before)]
    assert len(new_rows) and set(new_rows.desk) == {""}


def test_crash_mid_run_leaves_old_report(
    tmp_path: Path, models: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "r.csv"
    _report(out, EXAMPLES, models)
    old = out.read_bytes()
    findings = (tmp_path / "r-findings.csv").read_bytes()

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr("checker.cli.check", crash)
    result = CliRunner().invoke(cli, ["report", str(EXAMPLES), "-o", str(out), *models])
    assert result.exit_code == 1 and "power cut" in result.stderr
    assert "Traceback" not in result.stderr
    monkeypatch.undo()

    def half_written(frame: pd.DataFrame, tmp: Path) -> None:
        tmp.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("checker.report.output._write_csv", half_written)
    result = CliRunner().invoke(cli, ["report", str(EXAMPLES), "-o", str(out), "-q", *models])
    assert result.exit_code == 1 and "No space left" in result.stderr
    assert out.read_bytes() == old
    assert (tmp_path / "r-findings.csv").read_bytes() == findings  # written first, failed
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "r-findings.csv",
        "r-findings.csv.bak",
        "r.csv",
        "r.csv.bak",
    ]


def test_no_findings_writes_no_findings_file(tmp_path: Path, models: list[str]) -> None:
    out = tmp_path / "r.jsonl"
    result = CliRunner().invoke(
        cli, ["report", str(EXAMPLES), "-o", str(out), "--all", "--no-findings", "-q", *models]
    )
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.jsonl"]
    assert [json.loads(line)["pair_id"] for line in out.read_text().splitlines()]


def test_existing_non_report_fails_before_any_model_work(tmp_path: Path) -> None:
    out = tmp_path / "notes.csv"
    out.write_text("my own notes\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["report", str(EXAMPLES), "-o", str(out), "--embed-model", "nobody/missing"]
    )
    assert result.exit_code == 1 and "not a checker report" in result.stderr
    assert out.read_text(encoding="utf-8") == "my own notes\n"


def test_unknown_suffix_is_usage_error_up_front(tmp_path: Path) -> None:
    out = tmp_path / "r.txt"
    result = CliRunner().invoke(cli, ["report", str(EXAMPLES), "-o", str(out)])
    assert result.exit_code == 2 and "unknown report format 'txt'" in result.stderr
    assert not out.exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_libreoffice_opens_the_report(tmp_path: Path, suffix: str) -> None:
    path = save_report(frame_of("x1", "=1+1"), tmp_path / f"r.{suffix}").path
    target = "ods" if suffix == "xlsx" else "xlsx"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", target, "--outdir", str(tmp_path / "out"), path],
        check=True,
        timeout=120,
        capture_output=True,
    )
    converted = tmp_path / "out" / f"r.{target}"
    assert converted.is_file() and converted.stat().st_size > 0
    if target == "xlsx":
        back = pd.read_excel(converted, dtype=str, keep_default_na=False)
        assert back.loc[0, "claim_a"] in {"x1", "=1+1", "'=1+1"}
