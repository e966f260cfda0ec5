from checker.config import Config
from checker.records import Claim, NliScores, Pair
from checker.verdict import AGREEMENT, CONTRADICTION, NEUTRAL, decide

A = Claim(id="a#0", article_id="a", text="A", start=0, end=1)
B = Claim(id="b#0", article_id="b", text="B", start=0, end=1)
CONFIG = Config()


def scores(ent: float, neu: float, con: float) -> NliScores:
    return NliScores(ent, neu, con)


def pair(z: float = 1.0) -> Pair:
    return Pair(a=A, b=B, similarity=0.9, z=z)


def test_contradiction_needs_both_directions() -> None:
    both = decide(pair(), scores(0.1, 0.1, 0.8), scores(0.1, 0.2, 0.7), CONFIG)
    assert both.label == CONTRADICTION and both.confidence == 0.7
    one = decide(pair(), scores(0.05, 0.05, 0.9), scores(0.1, 0.8, 0.1), CONFIG)
    assert one.label == NEUTRAL
    assert any("one direction only" in r for r in one.reasons)


def test_agreement_from_either_direction() -> None:
    verdict = decide(pair(), scores(0.1, 0.8, 0.1), scores(0.85, 0.1, 0.05), CONFIG)
    assert verdict.label == AGREEMENT and verdict.confidence == 0.85
    assert any("b entails a" in r for r in verdict.reasons)


def test_near_paraphrase_agreement_only_without_contradiction() -> None:
    calm = decide(pair(z=4.0), scores(0.1, 0.8, 0.1), scores(0.1, 0.6, 0.3), CONFIG)
    assert calm.label == AGREEMENT
    assert any("near-paraphrase" in r for r in calm.reasons)
    assert (
        decide(pair(z=2.0), scores(0.1, 0.8, 0.1), scores(0.1, 0.6, 0.3), CONFIG).label == NEUTRAL
    )
    clash = decide(pair(z=4.0), scores(0.1, 0.1, 0.8), scores(0.1, 0.2, 0.7), CONFIG)
    assert clash.label == CONTRADICTION


def test_thresholds_are_configurable() -> None:
    strict = Config(entailment_threshold=0.9)
    verdict = decide(pair(), scores(0.85, 0.1, 0.05), scores(0.85, 0.1, 0.05), strict)
    assert verdict.label == NEUTRAL


def test_reasons_show_both_directions() -> None:
    verdict = decide(pair(), scores(0.1, 0.2, 0.7), scores(0.2, 0.3, 0.5), CONFIG)
    assert verdict.reasons[0] == (
        "NLI a→b ent 0.10 / neu 0.20 / con 0.70; b→a ent 0.20 / neu 0.30 / con 0.50"
    )
