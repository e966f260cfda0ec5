"""The pipeline's logic with fake models: what is paired, what is scored, what is decided."""

from checker.config import Config
from checker.pipeline import check
from checker.records import Article
from checker.rules.verdict import AGREEMENT, CONTRADICTION

from .fakes import HashEmbedder, RuleScorer

A = Article(
    id="a",
    language="en",
    text=(
        "Trump and Putin spoke on the phone for ninety minutes on Tuesday. "
        "The weather in Berlin was sunny and warm all week long."
    ),
)
B = Article(
    id="b",
    language="en",
    text=(
        "Trump and Putin did not speak on the phone on Tuesday at all. "
        "A new bakery opened its doors near the central station."
    ),
)


def rule(premise: str, hypothesis: str) -> str:
    negated = ("did not" in premise) != ("did not" in hypothesis)
    if "Trump" in premise and "Trump" in hypothesis:
        return "contradiction" if negated else "entailment"
    return "neutral"


def test_check_pairs_scores_both_directions_and_decides() -> None:
    scorer = RuleScorer(rule)
    # two tiny articles have no baseline to measure "same event" against: the gate is off here
    config = Config(
        top_k=1, paragraph_k=0, one_story=True, same_event_min_nli=0.0, same_event_z=0.0
    )
    report = check([A, B], config, embedder=HashEmbedder(), scorer=scorer)
    [verdict] = [v for v in report.verdicts if "Trump" in v.pair.a.text]
    assert verdict.label == CONTRADICTION
    assert (verdict.pair.a.text, verdict.pair.b.text) in scorer.seen
    assert (verdict.pair.b.text, verdict.pair.a.text) in scorer.seen
    assert report.nli_calls == len(set(scorer.seen)) == 2 * len(report.verdicts)
    assert "1 contradictions" in report.summary()


def test_each_distinct_direction_scored_once() -> None:
    c = Article(id="c", language="en", text=A.text)  # same text, another outlet
    scorer = RuleScorer(rule)
    config = Config(top_k=2, one_story=True)
    report = check([A, B, c], config, embedder=HashEmbedder(), scorer=scorer)
    assert len(scorer.seen) == len(set(scorer.seen))
    agreements = [v for v in report.verdicts if v.label == AGREEMENT]
    assert any({v.pair.a.article_id, v.pair.b.article_id} == {"a", "c"} for v in agreements)


def test_single_article_scores_nothing() -> None:
    embedder, scorer = HashEmbedder(), RuleScorer(rule)
    report = check([A], Config(), embedder=embedder, scorer=scorer)
    assert report.verdicts == () and len(report.claims) == 2
    assert embedder.calls == 0 and scorer.seen == []
