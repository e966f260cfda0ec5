"""`checker eval stories`: exact counts from hand-made verdicts against a hand-made gold list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.errors import InputError
from checker.eval.storyeval import NOT_A_CLAIM, evaluate_stories, read_gold_items
from checker.records import Article, Claim, NliScores, Pair, Verdict

NLI = NliScores(0.1, 0.8, 0.1)


def article(story: str, name: str, text: str) -> Article:
    return Article(id=f"{story}-{name}", text=text, path=f"/data/{story}/{name}")


def claim(art: Article, text: str) -> Claim:
    start = art.text.index(text)
    return Claim(f"{art.id}#{start}", art.id, text, start, start + len(text), article=art)


def verdict(a: Claim, b: Claim, label: str, confidence: float = 0.9, kind: str = "") -> Verdict:
    return Verdict(Pair(a, b, 0.9), label, confidence, NLI, NLI, kind=kind)


TOLL = {
    "x.md": "The attack left 49 dead. The mayor spoke at noon.",
    "y.md": "The attack left 50 dead. The mayor spoke at noon.",
    "z.md": "Officials said 50 people died. Rain fell all day.",
}


def gold_line(verdict: str, kind: str, a: tuple[str, str], b: tuple[str, str]) -> dict:
    return {
        "story": "s1",
        "verdict": verdict,
        "kind": kind,
        "a": {"article": a[0], "quote": a[1]},
        "b": {"article": b[0], "quote": b[1]},
        "note": "",
    }


GOLD = [
    gold_line("contradiction", "number", ("x.md", "left 49 dead"), ("y.md", "left 50 dead")),
    gold_line("contradiction", "number", ("x.md", "left 49 dead"), ("z.md", "50 people died")),
    gold_line("agreement", "date", ("x.md", "spoke at noon"), ("y.md", "spoke at noon")),
    gold_line("contradiction", "date", ("z.md", "died. Rain fell"), ("y.md", "spoke at noon")),
]


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(g) for g in GOLD) + "\n", encoding="utf-8")
    return path


def run(gold_file: Path, missed: str = "neutral"):
    arts = {name: article("s1", name, text) for name, text in TOLL.items()}
    other = article("s2", "w.md", "A bridge closed on Monday for repairs.")
    c = {
        name: [claim(a, s) for s in a.text.replace(". ", ".|").split("|")]
        for name, a in arts.items()
    }
    cw = claim(other, other.text)
    verdicts = [
        verdict(c["x.md"][0], c["y.md"][0], "contradiction", 0.8, "number"),  # gold, found
        verdict(c["x.md"][1], c["y.md"][1], "agreement"),  # gold agreement, found
        verdict(c["y.md"][1], c["z.md"][1], "contradiction", 0.7, "nli"),  # false alarm
        verdict(c["x.md"][0], c["z.md"][0], missed, 0.5),  # gold contradiction, missed
        verdict(c["z.md"][1], cw, "contradiction", 0.6, "nli"),  # across stories
    ]
    claims = [x for cs in c.values() for x in cs] + [cw]
    return evaluate_stories(
        read_gold_items(gold_file), verdicts, [*arts.values(), other], claims
    )


def test_counts_per_item_fact_and_kind(gold_file: Path) -> None:
    result = run(gold_file)
    s1 = next(s for s in result.stories if s.name == "s1")
    assert (s1.gold_contradictions, s1.found_contradictions) == (3, 1)
    assert (s1.facts, s1.found_facts) == (2, 1)  # the two toll items share a quote: one fact
    assert (s1.flagged_contradictions, s1.right_contradictions) == (2, 1)
    assert s1.contradiction_precision == 0.5
    assert (s1.gold_agreements, s1.found_agreements, s1.agreement_precision) == (1, 1, 1.0)
    number = next(k for k in result.kinds if k.name == "kind: number")
    assert (number.flagged_contradictions, number.right_contradictions) == (1, 1)
    assert (result.cross_story_pairs, result.cross_story_flagged) == (1, 1)
    # the cross-story flag counts as wrong overall, with the in-story false alarm
    assert result.overall.flagged_contradictions == 3 and result.overall.right_contradictions == 1
    assert len(result.wrong) == 2


def test_placements_say_where_each_gold_item_went(gold_file: Path) -> None:
    placements = {(p.item.a.quote, p.item.b.quote): p for p in run(gold_file).placements}
    found = placements[("left 49 dead", "left 50 dead")]
    assert found.found and found.verdict == "contradiction" and found.rank == 1
    missed = placements[("left 49 dead", "50 people died")]
    assert not missed.found and missed.verdict == "neutral"
    split = placements[("died. Rain fell", "spoke at noon")]  # spans two sentences
    assert split.verdict == NOT_A_CLAIM
    table = run(gold_file).table(details=True)
    assert NOT_A_CLAIM in table and "Wrong flagged rows (2)" in table


def test_gold_contradictions_called_agreement_are_counted(gold_file: Path) -> None:
    assert run(gold_file).contradictions_called_agreement == ()
    assert "gold contradictions called agreement: 0" in run(gold_file).table()
    called = run(gold_file, missed="agreement")
    assert [(p.item.a.quote, p.item.b.quote) for p in called.contradictions_called_agreement] == [
        ("left 49 dead", "50 people died")
    ]
    assert "gold contradictions called agreement: 1" in called.table()


def test_paired_items_and_language_pairs(gold_file: Path) -> None:
    result = run(gold_file)
    s1 = next(s for s in result.stories if s.name == "s1")
    # 4 gold items: 3 paired (found, found, neutral), 1 split over two sentences
    assert (s1.paired_items, s1.gold_items) == (3, 4)
    assert [s.name for s in result.languages] == ["languages: ?–?"]  # no language given
    assert "paired" in result.table()


def test_agreement_rows_stating_different_values_are_counted() -> None:
    """The independent check over every agreement row: a row that says "agree" next to 12 vs
    14 of the same thing is listed; the same value, or values of different things, are not
    (must not fire)."""
    texts = {
        "a.md": "Es gab 12 Tote. Es gab 30 Verletzte. Der Zug hatte 5 Wagen.",
        "b.md": "Es gab 14 Tote. Es gab 30 Verletzte. Es kamen 9 Busse.",
    }
    arts = {n: Article(id=n, text=t, path=f"/d/s/{n}", language="de") for n, t in texts.items()}
    c = {n: [claim(a, x) for x in a.text.replace(". ", ".|").split("|")]
         for n, a in arts.items()}
    for n in c:  # claims carry their article, as the pipeline makes them
        c[n] = [Claim(x.id, x.article_id, x.text, x.start, x.end, article=arts[n])
                for x in c[n]]
    verdicts = [
        verdict(c["a.md"][0], c["b.md"][0], "agreement"),  # 12 vs 14 Tote: listed
        verdict(c["a.md"][1], c["b.md"][1], "agreement"),  # 30 vs 30: fine
        verdict(c["a.md"][2], c["b.md"][2], "agreement"),  # Wagen vs Busse: not the same thing
    ]
    result = evaluate_stories([], verdicts, list(arts.values()))
    listed = result.agreements_with_other_values
    assert [r.claim_a for r in listed] == ["Es gab 12 Tote."]
    assert "stating different values of the same thing: 1" in result.table()


def test_bad_gold_lines_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"story": "s"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl:1: expected a gold item"):
        read_gold_items(bad)
    wrong = tmp_path / "wrong.jsonl"
    line = dict(GOLD[0], verdict="maybe")
    wrong.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="verdict must be one of"):
        read_gold_items(wrong)


def test_eval_stories_command(tmp_path: Path, gold_file: Path, tiny_embed_model: Path,
                              tiny_nli_model: Path) -> None:
    folder = tmp_path / "s1"
    folder.mkdir()
    for name, text in TOLL.items():
        (folder / name).write_text(text + " More words follow in this sentence here.\n",
                                   encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["eval", "stories", str(gold_file), str(folder), "--details", "-q", "--no-cache",
         "--one-story", "--embed-model", str(tiny_embed_model), "--nli-model",
         str(tiny_nli_model)],
    )
    assert result.exit_code == 0, result.output
    assert "overall" in result.output and "Gold items" in result.output
    assert "s1" in result.output


def test_a_gold_disagreement_of_three_outlets_is_checked_against_the_findings(
    gold_file: Path,
) -> None:
    from checker.report.table import pair_id
    from checker.rules.findings import Finding

    arts = {name: article("s1", name, text) for name, text in TOLL.items()}
    flagged = verdict(
        claim(arts["x.md"], "The attack left 49 dead."),
        claim(arts["y.md"], "The attack left 50 dead."),
        "contradiction",
        kind="number",
    )

    def finding(*fifty: str) -> Finding:
        return Finding("f1", "story-1", "number", "dead",
                       (("49", ("x.md",)), ("50", fifty)), (), (pair_id(flagged),), 0.9)

    gold = read_gold_items(gold_file)
    for found, listed in [((finding("y.md", "z.md"),), 3), ((finding("y.md"),), 2), ((), 0)]:
        result = evaluate_stories(gold, [flagged], list(arts.values()), (), found)
        [check] = result.findings  # the toll: x against y and z; the date item has 2 outlets
        assert (check.kind, check.outlets, check.listed) == ("number", ("x.md", "y.md", "z.md"),
                                                              listed)
        assert check.complete == (listed == 3)
        assert result.finding_count == len(found)
