"""Evaluation: exact metrics from a rule scorer and a small gold list, and ``checker eval``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.errors import InputError
from checker.eval.evaluate import (
    GoldPair,
    compare_dtypes,
    evaluate_nli,
    evaluate_pairs,
    nli_metrics,
    read_gold_pairs,
    read_nli_tsv,
)

from .conftest import EXAMPLES
from .fakes import RuleScorer

# premise, hypothesis, gold; the rule reads the hypothesis: yes/maybe/no
ROWS = [
    ('He said "yes', "yes", "entailment"),  # unbalanced quote: quoting must be off
    ("p", "yes", "neutral"),
    ("p", "maybe", "neutral"),
    ("p", "no", "contradiction"),
    ("p", "no", "entailment"),
    ("p", "maybe", "contradictory"),  # XNLI's spelling
    ("p", "yes", "entailment"),
]


def by_word(premise: str, hypothesis: str) -> str:
    return {"yes": "entailment", "maybe": "neutral", "no": "contradiction"}[hypothesis]


@pytest.fixture
def tsv(tmp_path: Path) -> Path:
    path = tmp_path / "dev.tsv"
    path.write_text("".join("\t".join(row) + "\n" for row in ROWS), encoding="utf-8")
    return path


def test_dtype_comparison_interleaves_and_takes_each_ones_best_round(tsv: Path) -> None:
    fast, slow = RuleScorer(by_word), RuleScorer(lambda p, h: "entailment")
    fast.dtype, slow.dtype = "bf16", "fp32"  # type: ignore[attr-defined]
    # clock reads: per round fast start/end, slow start/end; fast 1 s then 0.5 s, slow 2 s, 3 s
    ticks = iter([0.0, 1.0, 1.0, 3.0, 3.0, 3.5, 3.5, 6.5])
    compared = compare_dtypes(
        read_nli_tsv(tsv), fast, slow, rounds=2, clock=lambda: next(ticks)
    )
    assert (compared.seconds, compared.baseline_seconds, compared.speedup) == (0.5, 2.0, 4.0)
    assert compared.accuracy == pytest.approx(4 / 7)
    assert compared.baseline_accuracy == pytest.approx(3 / 7)
    assert compared.same_labels == pytest.approx(3 / 7)
    assert compared.line().startswith("bf16 vs fp32, same run (interleaved, best of 2): "
                                      "accuracy 0.571 vs 0.429 (+14.3 points)")
    assert "(4.00x)" in compared.line()


def test_read_nli_tsv(tsv: Path) -> None:
    examples = read_nli_tsv(tsv)
    assert len(examples) == 7 and examples[0].premise == 'He said "yes'
    assert examples[5].label == "contradiction"
    assert len(read_nli_tsv(tsv, limit=3)) == 3


def test_read_nli_tsv_rejects_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("a\tb\tentailment\na\tb\tmaybe\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.tsv:2: .*label"):
        read_nli_tsv(path)


def test_eval_nli_exact_numbers(tsv: Path) -> None:
    ticks = iter([0.0, 1.0, 3.0])
    result = evaluate_nli(read_nli_tsv(tsv), RuleScorer(by_word), clock=lambda: next(ticks))
    assert result.examples == 7
    assert result.accuracy == pytest.approx(4 / 7)
    # rows gold, columns predicted: entailment, neutral, contradiction
    assert result.confusion == ((2, 0, 1), (1, 1, 0), (0, 1, 1))
    entailment, neutral, contradiction = result.classes
    assert (entailment.precision, entailment.recall, entailment.support) == pytest.approx(
        (2 / 3, 2 / 3, 3)
    )
    assert entailment.f1 == pytest.approx(2 / 3)
    assert (neutral.precision, neutral.recall, neutral.f1) == pytest.approx((0.5, 0.5, 0.5))
    assert (contradiction.precision, contradiction.recall) == pytest.approx((0.5, 0.5))
    assert (result.load_seconds, result.seconds) == (1.0, 2.0)
    assert result.pairs_per_second == pytest.approx(3.5)
    assert "accuracy 0.571" in result.table() and "3.5 pairs/s" in result.table()


def test_metrics_with_an_unpredicted_class() -> None:
    result = nli_metrics(["entailment", "neutral"], ["entailment", "entailment"])
    assert result.accuracy == 0.5
    assert result.classes[1].precision == 0.0 and result.classes[2].support == 0
    assert result.classes[2].f1 == 0.0


GOLD = [
    GoldPair("Claim A.", "Claim B.", "contradiction"),
    GoldPair("Claim C.", "Claim D.", "agreement"),
    GoldPair("Claim E.", "Claim F.", "contradiction"),
]


def test_eval_pairs_exact_numbers() -> None:
    rows = [
        ("Claim  B.", "Claim A.", "contradiction"),  # reversed, extra space: a strict match
        ("\nClaim C.", "Claim D.", "contradiction"),  # the pair, with the wrong verdict
        ("Claim G.", "Claim H.", "agreement"),  # not in the gold list
        ("Claim E.", "Claim F.", "neutral"),  # not flagged
    ]
    result = evaluate_pairs(GOLD, rows)
    assert (result.gold, result.flagged) == (3, 3)
    assert result.precision == pytest.approx(2 / 3) and result.recall == pytest.approx(2 / 3)
    assert result.strict_precision == pytest.approx(1 / 3)
    assert result.strict_recall == pytest.approx(1 / 3)
    assert result.missed == (GOLD[2],)
    assert "precision 0.667  recall 0.667" in result.table()


def test_read_gold_pairs(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(g.__dict__) for g in GOLD) + "\n\n", encoding="utf-8")
    assert read_gold_pairs(path) == GOLD
    path.write_text('{"claim_a": "x", "claim_b": "y", "verdict": "neutral"}\n')
    with pytest.raises(InputError, match=r"gold\.jsonl:1: verdict"):
        read_gold_pairs(path)
    path.write_text('{"claim_a": "x"}\n')
    with pytest.raises(InputError, match="claim_b"):
        read_gold_pairs(path)


def test_cli_eval_nli_with_tiny_model(tmp_path: Path, tiny_nli_model: Path) -> None:
    path = tmp_path / "five.tsv"
    labels = ["entailment", "entailment", "neutral", "neutral", "contradiction"]
    path.write_text(
        "".join(
            f"Putin hat telefoniert {i}.\tDer Kreml bestätigt {i}.\t{label}\n"
            for i, label in enumerate(labels)
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["eval", "nli", str(path), "--nli-model", str(tiny_nli_model), "-q"]
    )
    assert result.exit_code == 0, result.stderr
    assert "5 pairs, accuracy 0.400" in result.stdout  # the tiny model always says entailment
    assert "pairs/s" in result.stdout
    result = CliRunner().invoke(
        cli, ["eval", "nli", str(path), "--limit", "2", "--nli-model", str(tiny_nli_model), "-q"]
    )
    assert "2 pairs, accuracy 1.000" in result.stdout
    both = ["eval", "nli", str(path), "--nli-model", str(tiny_nli_model), "-q", "--rounds", "1"]
    result = CliRunner().invoke(cli, [*both, "--dtype", "bf16"])  # fp32 beside it by default
    assert result.exit_code == 0, result.stderr
    assert "bf16 vs fp32, same run (interleaved, best of 1): accuracy 0.400 vs 0.400" in (
        result.stdout
    )
    result = CliRunner().invoke(cli, [*both, "--dtype", "fp32"])
    assert " vs " not in result.stdout  # fp32 has nothing to be compared with by default


def test_cli_eval_nli_bad_file_is_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("only one column\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "nli", str(path)])
    assert result.exit_code == 1 and result.stderr.startswith("Error: ")
    assert result.stderr.count("\n") == 1


def test_cli_eval_pairs_with_tiny_models(
    tmp_path: Path, tiny_embed_model: Path, tiny_nli_model: Path
) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(GOLD[0].__dict__) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "eval", "pairs", str(gold), str(EXAMPLES), "-q",
            "--embed-model", str(tiny_embed_model), "--nli-model", str(tiny_nli_model),
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "1 gold pairs" in result.stdout and "recall 0.000" in result.stdout
