"""Findings: one row per disagreement across outlets, reviewed once, kept across re-runs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from checker.records import Article, Claim, Conflict, NliScores, Pair, Verdict
from checker.report.output import (
    findings_path,
    read_findings,
    read_report,
    save_report,
    write_report,
)
from checker.report.table import FINDING_COLUMNS, STATUS_COLUMN, pair_id, to_frame
from checker.rules.evidence import claim_facts
from checker.rules.findings import Finding, findings, findings_frame
from checker.rules.verdict import AGREEMENT, CONTRADICTION

S = NliScores(0.1, 0.2, 0.7)
OUTLETS = {
    "eitb": Article(id="eitb", text="x", source="EITB"),
    "fox": Article(id="fox", text="x", source="Fox News"),
    "nyt": Article(id="nyt", text="x", source="The New York Times"),
    "ntv": Article(id="ntv", text="x", source="n-tv"),
    "blog": Article(id="blog", text="x", path="/data/blog-post.md"),  # no source: file name
}
SAYS = {
    "eitb": "Hubo 49 muertos en el ataque.",
    "fox": "50 people were killed in the attack.",
    "nyt": "The attack killed 50 people.",
    "ntv": "50 Menschen kamen bei dem Anschlag ums Leben.",
    "blog": "50 dead in the attack.",
}


def claim(article: str, text: str | None = None) -> Claim:
    text = text or SAYS[article]
    return Claim(
        id=f"{article}#0", article_id=article, text=text, start=0, end=len(text),
        article=OUTLETS.get(article) or Article(id=article, text=text),
    )


def contradiction(
    a: Claim, b: Claim, *conflicts: Conflict, story: str = "s1", confidence: float = 0.8
) -> Verdict:
    return Verdict(
        Pair(a, b, 0.9, story=story),
        CONTRADICTION,
        confidence,
        S,
        S,
        tuple(f"{c.kind} conflict: {c.text}" for c in conflicts),
        kind=conflicts[0].kind if conflicts else "nli",
        conflicts=conflicts,
    )


def toll(value_a: str, value_b: str, thing: str = "muertos") -> Conflict:
    return Conflict("number", f"{thing}: {value_a} vs {value_b}", thing, value_a, value_b)


def death_toll(*others: str) -> list[Verdict]:
    """EITB's 49 against each other outlet's 50; EITB is side b where its id sorts later."""
    verdicts = []
    for other in others:
        if other < "eitb":
            verdicts.append(contradiction(claim(other), claim("eitb"), toll("50", "49", "people")))
        else:
            verdicts.append(contradiction(claim("eitb"), claim(other), toll("49", "50")))
    return verdicts


def test_three_outlets_disagreeing_with_one_are_one_finding() -> None:
    agreeing = Verdict(Pair(claim("fox"), claim("nyt"), 0.95, story="s1"), AGREEMENT, 0.9, S, S)
    nli_only = contradiction(claim("fox", "It rained."), claim("nyt", "It was dry."))
    verdicts = [*death_toll("fox", "nyt", "ntv"), agreeing, nli_only]
    [found] = findings(verdicts)
    assert found.kind == "number" and found.thing == "muertos"
    assert found.values == (("49", ("EITB",)), ("50", ("Fox News", "n-tv", "The New York Times")))
    assert found.summary == "muertos: 49 — EITB · 50 — Fox News, n-tv, The New York Times"
    assert found.outlets == 4 and len(found.pair_ids) == 3
    frame = to_frame(verdicts, list(OUTLETS.values()))
    assert set(found.pair_ids) <= set(frame.pair_id)
    assert [value for value, _, _ in found.claims] == ["49", "50"]
    assert found.claims[0][1:] == ("EITB", SAYS["eitb"])


def test_same_thing_with_a_value_in_common_joins_without_a_shared_claim() -> None:
    other_49 = claim("blog", "Según la policía, 49 muertos.")
    verdicts = [
        contradiction(claim("eitb"), claim("fox"), toll("49", "50")),
        contradiction(other_49, claim("ntv"), toll("49", "50")),
    ]
    [found] = findings(verdicts)
    assert found.values == (("49", ("blog-post.md", "EITB")), ("50", ("Fox News", "n-tv")))


def test_separate_disputes_stay_separate() -> None:
    wounded = Conflict("number", "heridos: 100 vs 120", "heridos", "100", "120")
    bare_a = Conflict("number", "3 vs 4", "", "3", "4")
    bare_b = Conflict("number", "3 vs 5", "", "3", "5")
    year = Conflict("date", "2002 (year) vs 2003 (year)", "", "2002 (year)", "2003 (year)")
    verdicts = [
        contradiction(claim("eitb"), claim("fox"), toll("49", "50"), wounded),  # two in one pair
        contradiction(claim("nyt", "Three of four."), claim("ntv", "Four."), bare_a),
        contradiction(claim("blog", "Three."), claim("fox", "Five of them."), bare_b),
        contradiction(claim("eitb", "Built 2002."), claim("nyt", "Built 2003."), year),
        contradiction(claim("eitb"), claim("ntv"), toll("49", "50"), story="s2"),
    ]
    found = findings(verdicts)
    summaries = sorted(f.summary for f in found)
    assert summaries == sorted([
        "2002 (year) — EITB · 2003 (year) — The New York Times",
        "3 — blog-post.md · 5 — Fox News",
        "3 — The New York Times · 4 — n-tv",
        "heridos: 100 — EITB · 120 — Fox News",
        "muertos: 49 — EITB · 50 — Fox News",
        "muertos: 49 — EITB · 50 — n-tv",  # another story
    ])
    both = [f.thing for f in found if pair_id(verdicts[0]) in f.pair_ids]
    assert sorted(both) == ["heridos", "muertos"]  # one pair row, two disagreements


# --- outlets outside the flagged pairs (widen) ------------------------------------------------

WIDE = {
    "eitb": "Hubo 49 muertos en el ataque del club.",
    "fox": "In the club attack at least 50 people were killed.",
    "nyt": "The club attack killed 50 people, the police said.",  # states 50: joins
    "ntv": "Bei dem Anschlag auf den Club starben 50 Menschen.",  # 50, another language: joins
    "blog": "The club attack killed dozens of people.",  # vague: agrees with both, not a side
}


def _frame_z(x: str, y: str) -> float:
    """A stand-in for the embedder: frames about the club attack are alike, others are not."""
    attack = {"club", "attack", "Anschlag", "Club", "ataque"}
    return 3.0 if attack & set(x.split()) and attack & set(y.split()) else 0.0


def _wide(*extra: Claim, join_z: float = 1.5, order: int = 1) -> Finding:
    eitb, fox = claim("eitb", WIDE["eitb"]), claim("fox", WIDE["fox"])
    verdicts = [contradiction(eitb, fox, toll("49", "at least 50"))]
    claims = [eitb, fox, *(claim(a, WIDE[a]) for a in ("nyt", "ntv", "blog")), *extra]
    language = {"eitb": "es", "ntv": "de"}
    facts = {c.id: claim_facts(c.text, language.get(c.article_id, "en")) for c in claims}
    [found] = findings(
        verdicts,
        story_claims={"s1": claims[::order]},
        facts=facts,
        frame_z=_frame_z,
        join_z=join_z,
    )
    return found


def test_a_finding_lists_every_outlet_stating_one_of_its_values() -> None:
    found = _wide()
    assert found.summary == (
        "muertos: 49 — EITB · at least 50 — Fox News · 50 — n-tv, The New York Times"
    )
    assert found.joined == 2 and found.outlets == 4
    assert len(found.pair_ids) == 1  # it still replaces only the flagged pair rows
    assert found == _wide(order=-1)  # whatever order the story's claims come in


def test_only_a_value_of_the_same_thing_about_the_same_people_joins() -> None:
    other_frame = replace(claim("blog", "Tickets cost 50 euros at the door."), id="blog#1")
    other_people = replace(
        claim("blog", "Mayor John Smith said the club attack killed 50 people."),
        id="blog#2",
    )  # names a person, and the finding's claims name nobody: nothing says it is another's
    assert "blog-post.md" not in _wide(other_frame).summary
    assert "blog-post.md" in _wide(other_people).summary
    assert _wide(join_z=3.5).joined == 0  # frames must be join_z alike
    rival = contradiction(
        claim("eitb", "Senator Ann Lee said 49 people died in the club attack."),
        claim("fox", "Senator Ann Lee said 50 people died in the club attack."),
        toll("49", "50", "people"),
    )
    bob = claim("nyt", "Senator Bob Ray said 50 people died in the club attack.")
    facts = {c.id: claim_facts(c.text, "en") for c in (rival.pair.a, rival.pair.b, bob)}
    [found] = findings(
        [rival],
        story_claims={"s1": [rival.pair.a, rival.pair.b, bob]},
        facts=facts,
        frame_z=_frame_z,
        join_z=1.5,
    )
    assert found.joined == 0  # another senator's figure


def test_frame_has_the_finding_columns_and_no_findings_is_an_empty_table() -> None:
    frame = findings_frame(findings(death_toll("fox", "nyt")))
    assert list(frame.columns) == list(FINDING_COLUMNS) and frame.columns[-1] == "finding_id"
    row = frame.iloc[0]
    assert (row.outlets, row.pairs, row.review) == (3, 2, "")
    assert row.claims.splitlines()[0] == f"49 (EITB): {SAYS['eitb']}"
    empty = findings_frame(findings([]))
    assert list(empty.columns) == list(FINDING_COLUMNS) and empty.empty


def _save(path: Path, verdicts: list[Verdict]) -> None:
    articles = list(OUTLETS.values())
    found = findings_frame(findings(verdicts))
    save_report(to_frame(verdicts, articles), path, findings=found)


def _review_finding(path: Path, review: str, note: str) -> None:
    """What a reviewer does: type into the finding's review cells and save."""
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        sheet = book["findings"]
        header = [c.value for c in sheet[1]]
        sheet.cell(2, header.index("review") + 1, review)
        sheet.cell(2, header.index("review_note") + 1, note).data_type = "s"
        sheet.cell(1, len(header) + 1, "desk")
        sheet.cell(2, len(header) + 1, "Ausland")
        book.save(path)
    else:
        sibling = findings_path(path)
        frame = read_findings(path)
        frame.loc[0, ["review", "review_note"]] = [review, note]
        frame["desk"] = "Ausland"
        write_report(frame, sibling)


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "jsonl"])
def test_finding_review_kept_when_another_outlet_joins(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"r.{suffix}"
    _save(path, death_toll("fox", "nyt"))
    first = read_findings(path)
    _review_finding(path, "✓", "=AP says 49 too")
    _save(path, death_toll("fox", "nyt", "ntv"))  # n-tv joins: one more pair row
    [row] = read_findings(path).itertuples()
    assert row.finding_id == first.finding_id[0]  # continued, not a new finding
    assert (row.review, row.review_note, row.desk) == ("✓", "=AP says 49 too", "Ausland")
    assert "n-tv" in row.finding and row.pairs == "3" and getattr(row, STATUS_COLUMN) == "current"
    _save(path, [])  # the disagreement is gone (say, EITB corrected its toll): kept as stale
    [row] = read_findings(path).itertuples()
    assert (row.review, getattr(row, STATUS_COLUMN)) == ("✓", "stale")


def test_csv_findings_file_is_written_beside_and_neutralised(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    names = Conflict("name", "@evil vs Bob", "", "@evil", "Bob")
    _save(path, [contradiction(claim("eitb", "@evil said."), claim("fox", "Bob said."), names)])
    sibling = tmp_path / "r-findings.csv"
    assert sibling.is_file() and sibling.read_bytes().startswith(b"\xef\xbb\xbf")
    raw = sibling.read_text(encoding="utf-8-sig")
    assert raw.splitlines()[0] == ",".join([*FINDING_COLUMNS, STATUS_COLUMN])
    assert "\n'@evil — EITB" in raw
    assert read_findings(path).loc[0, "finding"] == "@evil — EITB · Bob — Fox News"
    _save(path, [])
    assert (tmp_path / "r-findings.csv.bak").is_file()
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "r-findings.csv",
        "r-findings.csv.bak",
        "r.csv",
        "r.csv.bak",
    ]


def test_xlsx_findings_sheet_comes_first(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    _save(path, death_toll("fox", "nyt"))
    _save(path, death_toll("fox", "nyt"))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["findings", "report", "stale"]
    assert not (tmp_path / "r-findings.xlsx").exists()
    assert len(read_report(path)) == 2  # the findings sheet is not read as pair rows


def test_a_file_in_the_findings_place_that_is_not_findings_is_refused(tmp_path: Path) -> None:
    from checker.errors import ReportWriteError
    from checker.report.output import check_output

    path = tmp_path / "r.csv"
    (tmp_path / "r-findings.csv").write_text("name,phone\nAnna,1\n", encoding="utf-8")
    with pytest.raises(ReportWriteError, match="not a checker findings file"):
        check_output(path, findings=True)
    assert check_output(path) == "csv"  # --no-findings: not looked at
    with pytest.raises(ReportWriteError, match="not a checker findings file"):
        _save(path, death_toll("fox"))
    assert not path.exists()


def test_a_weekday_without_its_date_joins_no_finding_of_calendar_days() -> None:
    """Must not fire: in an undated article "el domingo" is some Sunday; that 11 September
    2011 was a Sunday does not make it a report of that day (nor does "Sunday" split it)."""
    es = claim("eitb", "El peor ataque desde el 11 de septiembre de 2011, dijo Trump.")
    de = claim("ntv", "Der schlimmste Anschlag seit dem 11. September 2001, sagte Trump.")
    sunday = replace(claim("blog", "Trump habló el domingo del peor ataque."), id="blog#1")
    nyt = claim("nyt", "The worst attack since 11 September 2001, Trump said.")
    verdicts = [contradiction(es, de, Conflict(
        "date", "2011-09-11 (day) vs 2001-09-11 (day)", "", "2011-09-11 (day)",
        "2001-09-11 (day)",
    ))]
    language = {"eitb": "es", "ntv": "de", "blog": "es"}
    claims = [es, de, sunday, nyt]
    facts = {c.id: claim_facts(c.text, language.get(c.article_id, "en")) for c in claims}
    [found] = findings(
        verdicts, story_claims={"s1": claims}, facts=facts, frame_z=lambda x, y: 3.0, join_z=1.5
    )
    assert "weekday" not in found.summary and "blog-post.md" not in found.summary
    assert "The New York Times" in found.summary  # a calendar day still joins
