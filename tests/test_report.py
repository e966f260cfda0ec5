import csv
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from checker.errors import ReportWriteError
from checker.records import Article, Channel, Claim, NliScores, Pair, Verdict, channels
from checker.report.output import write_report
from checker.report.table import COLUMNS, neutralise, pair_id, to_frame

ARTICLES = [
    Article(id="a", text="x", source="AFP", title="T a", url="https://a.example"),
    Article(id="b", text="y", source="dpa"),
]



def _article(article_id: str) -> Article:
    """The run's article of that id (its source and url reach the row), as a claim carries it."""
    return next((a for a in ARTICLES if a.id == article_id), Article(id=article_id, text=""))


def verdict(
    label: str, confidence: float, text_a: str = "Claim A.", text_b: str = "Claim B."
) -> Verdict:
    a = Claim(id="a#0", article_id="a", text=text_a, start=0, end=len(text_a), context="ctx a",
            article=_article("a"))
    b = Claim(id="b#0", article_id="b", text=text_b, start=5, end=5 + len(text_b),
            article=_article("b"))
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


def test_found_by_column_shows_the_channels_labels() -> None:
    found_by = channels(["paragraph of a", Channel.NEIGHBOURS, Channel.PARAGRAPH_A])
    assert found_by == (Channel.NEIGHBOURS, Channel.PARAGRAPH_A)
    plain = verdict("contradiction", 0.8)
    both = replace(plain, pair=replace(plain.pair, found_by=found_by))
    frame = to_frame([plain, both], ARTICLES)
    assert sorted(frame["found_by"]) == ["neighbours", "neighbours + paragraph of a"]
    assert [c.label for c in Channel] == [
        "neighbours", "mutual best match", "paragraph of a", "paragraph of b", "value frame",
        "same figures",
        "same toll", "none and some", "same person's age", "nearest like measure", "one office",
        "one figure each", "same digits",
    ]
    with pytest.raises(ValueError):
        channels(["paragraph"])


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


def _pair_first_claims(articles: list[Article]) -> list[Verdict]:
    from checker.rules.claims import extract_claims

    firsts = [extract_claims(a)[0][0] for a in articles]
    s = NliScores(0.2, 0.3, 0.5)
    return [Verdict(Pair(firsts[0], b, 0.9), "agreement", 0.9, s, s) for b in firsts[1:]]


def test_offsets_point_into_the_file_on_disk(tmp_path: Path) -> None:
    from checker.rules.articles import load_articles

    body = (
        "Trump und Putin hatten anderthalb Stunden miteinander telefoniert.\n\n"
        "Der Kreml bestätigte das Gespräch am Mittwoch ausdrücklich."
    )
    files = {
        "plain.txt": "\n\n  " + body,
        "front.md": "---\nsource: AFP\ntitle: Telefonat\n---\n\n" + body.replace("Mittwoch", "Di"),
        "crlf.txt": "\r\n" + body.replace("\n", "\r\n").replace("Trump", "Donald Trump"),
    }
    for name, raw in files.items():
        (tmp_path / name).write_bytes(raw.encode("utf-8"))
    articles = load_articles([tmp_path / n for n in files])
    frame = to_frame(_pair_first_claims(articles), articles, include_neutral=True)
    seen = set()
    for row in frame.itertuples():
        for side in "ab":
            file, claim = getattr(row, f"file_{side}"), getattr(row, f"claim_{side}")
            start, end = map(int, getattr(row, f"offsets_{side}").split("-"))
            raw = Path(file).read_bytes().decode("utf-8")
            assert raw[start:end] == claim
            seen.add(Path(file).name)
    assert seen == set(files)
    crlf = next(a for a in articles if a.path.endswith("crlf.txt"))
    second = crlf.text.index("Der Kreml")
    assert crlf.file_offset(second) == files["crlf.txt"].index("Der Kreml")


def test_formula_like_column_name_is_neutralised(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from checker.report.output import read_report, save_report

    frame = to_frame([verdict("agreement", 0.9)], ARTICLES)
    name = '=HYPERLINK("http://evil.example","x")'
    for suffix in ("csv", "xlsx"):
        path = tmp_path / f"r.{suffix}"
        save_report(frame, path)
        edited = read_report(path)
        edited[name] = "mine"
        write_report(edited, path)
        save_report(frame, path)  # re-run: the reviewer's column is carried over
        if suffix == "csv":
            header = path.read_text(encoding="utf-8-sig").splitlines()[0]
            assert header.endswith(',"\'=HYPERLINK(""http://evil.example"",""x"")"')
        else:
            [cell] = [c for c in load_workbook(path)["report"][1] if c.value == name]
            assert cell.data_type == "s"
        back = read_report(path)
        assert list(back.columns)[-1] == name and back[name].tolist() == ["mine"]


def test_stale_temp_files_are_removed(tmp_path: Path) -> None:
    import os
    import time

    path = tmp_path / "r.csv"
    dead = tmp_path / ".r.csv.999999999.abcd1234.tmp"  # no such process
    old = tmp_path / f".r.csv.{os.getpid()}.old12345.tmp"  # alive, but untouched for an hour
    fresh = tmp_path / f".r.csv.{os.getpid()}.new12345.tmp"  # a write in progress
    other = tmp_path / ".r.csv.bak.999999999.abcd1234.tmp"  # another target's
    mine = tmp_path / "notes.tmp"
    for file in (dead, old, fresh, other, mine):
        file.write_bytes(b"x" * 1000)
    hour_ago = time.time() - 3600
    os.utime(old, (hour_ago, hour_ago))
    write_report(to_frame([], ARTICLES), path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["r.csv", fresh.name, other.name, mine.name]
    )


def test_xlsx_with_external_entity_is_refused(tmp_path: Path) -> None:
    import zipfile

    from checker.report.output import save_report

    path = tmp_path / "r.xlsx"
    write_report(to_frame([verdict("agreement", 0.9)], ARTICLES), path)
    with zipfile.ZipFile(path) as source:
        parts = {n: source.read(n) for n in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    doctype = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    parts[sheet] = doctype + parts[sheet].replace(b"<v>", b"<v>&xxe;", 1)
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    before = path.read_bytes()
    with pytest.raises(ReportWriteError, match="cannot be read as a report") as caught:
        save_report(to_frame([], ARTICLES), path)
    assert "\n" not in str(caught.value) and "/etc/passwd" not in str(caught.value)
    assert path.read_bytes() == before
