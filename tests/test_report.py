import csv
from pathlib import Path

import pandas as pd
import pytest

from checker.errors import ReportWriteError
from checker.records import Article, Claim, NliScores, Pair, Verdict
from checker.report import COLUMNS, neutralise, pair_id, to_frame, write_report

ARTICLES = [
    Article(id="a", text="x", source="AFP", title="T a", url="https://a.example"),
    Article(id="b", text="y", source="dpa"),
]


def verdict(
    label: str, confidence: float, text_a: str = "Claim A.", text_b: str = "Claim B."
) -> Verdict:
    a = Claim(id="a#0", article_id="a", text=text_a, start=0, end=len(text_a), context="ctx a")
    b = Claim(id="b#0", article_id="b", text=text_b, start=5, end=5 + len(text_b))
    s = NliScores(0.2, 0.3, 0.5)
    return Verdict(Pair(a, b, 0.91), label, confidence, s, s, ("r1", "r2"))


def test_columns_order_and_filtering() -> None:
    verdicts = [
        verdict("agreement", 0.9, "x1"),
        verdict("neutral", 0.5, "x2"),
        verdict("contradiction", 0.7, "x3"),
        verdict("contradiction", 0.8, "x4"),
    ]
    frame = to_frame(verdicts, ARTICLES)
    assert list(frame.columns) == list(COLUMNS)
    assert list(frame["claim_a"]) == ["x4", "x3", "x1"]
    assert len(to_frame(verdicts, ARTICLES, include_neutral=True)) == 4
    row = frame.iloc[0]
    assert (row.source_a, row.source_b, row.url_a) == ("AFP", "dpa", "https://a.example")
    assert row.offsets_b == "5-13" and row.reasons == "r1; r2" and row.review == ""


def test_pair_id_is_stable_and_content_based() -> None:
    assert pair_id(verdict("agreement", 0.9)) == pair_id(verdict("neutral", 0.1))
    assert pair_id(verdict("agreement", 0.9)) != pair_id(verdict("agreement", 0.9, "Other."))
    assert len(pair_id(verdict("agreement", 0.9))) == 12


def test_csv_has_bom_and_round_trips(tmp_path: Path) -> None:
    tricky = 'Er sagte: „Nein“, dann "ja",\nund Schluss.'
    frame = to_frame([verdict("contradiction", 0.7, tricky, "=HYPERLINK(1)")], ARTICLES)
    path = write_report(frame, tmp_path / "r.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"pair_id") == 1
    back = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)
    assert back.loc[0, "claim_a"] == tricky
    assert back.loc[0, "claim_b"] == "'=HYPERLINK(1)"
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["claim_a"] == tricky


def test_neutralise() -> None:
    for text in ("=1+1", "+49 30", "-5 Grad", "@user", "\tx", "\rx"):
        assert neutralise(text) == "'" + text
    assert neutralise("Normal text") == "Normal text" and neutralise(3.5) == 3.5


def test_empty_report_has_header(tmp_path: Path) -> None:
    path = write_report(to_frame([], ARTICLES), tmp_path / "r.csv")
    assert path.read_text(encoding="utf-8-sig").strip() == ",".join(COLUMNS)


def test_failed_write_leaves_old_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "r.csv"
    path.write_text("old report", encoding="utf-8")
    frame = to_frame([verdict("agreement", 0.9)], ARTICLES)

    def crash(self: pd.DataFrame, *args: object, **kwargs: object) -> None:
        Path(args[0]).write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", crash)
    with pytest.raises(ReportWriteError, match="No space left"):
        write_report(frame, path)
    assert path.read_text(encoding="utf-8") == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["r.csv"]


def test_xlsx_written(tmp_path: Path) -> None:
    path = write_report(to_frame([verdict("agreement", 0.9)], ARTICLES), tmp_path / "r.xlsx")
    back = pd.read_excel(path)
    assert back.loc[0, "verdict"] == "agreement"
