from checker.config import Config
from checker.evidence import Evidence
from checker.records import Claim, NliScores, Pair
from checker.verdict import AGREEMENT, CONTRADICTION, NEUTRAL, decide

A = Claim(id="a#0", article_id="a", text="A", start=0, end=1)
B = Claim(id="b#0", article_id="b", text="B", start=0, end=1)
CONFIG = Config()


def scores(ent: float, neu: float, con: float) -> NliScores:
    return NliScores(ent, neu, con)


def pair(z: float = 1.0) -> Pair:
    return Pair(a=A, b=B, similarity=0.9, z=z)


SAME_EVENT = Evidence(same_event=0.9, reasons=("test",))


def test_contradiction_needs_both_directions() -> None:
    both = decide(
        pair(z=3.0), scores(0.1, 0.1, 0.8), scores(0.1, 0.2, 0.7), CONFIG, evidence=SAME_EVENT
    )
    assert both.label == CONTRADICTION and both.confidence == 0.7 and both.kind == "nli"
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
    clash = decide(
        pair(z=4.0), scores(0.1, 0.1, 0.8), scores(0.1, 0.2, 0.7), CONFIG, evidence=SAME_EVENT
    )
    assert clash.label == CONTRADICTION


def test_nli_contradiction_below_the_same_event_level_is_not_flagged() -> None:
    """Unrelated sentences of one story: NLI says contradiction both ways, nothing else links."""
    loose = Evidence(same_event=0.3, reasons=("similarity 0.5σ",))
    verdict = decide(pair(), scores(0.05, 0.05, 0.9), scores(0.05, 0.06, 0.89), CONFIG, None,
                     None, loose)
    assert verdict.label == NEUTRAL and verdict.kind == ""
    assert any("not flagged" in r for r in verdict.reasons)
    assert any(r.startswith("same event 0.30") for r in verdict.reasons)


def test_one_way_contradiction_blocks_agreement() -> None:
    """Entailment or a near-paraphrase one way never outvotes a strong contradiction the other."""
    verdict = decide(pair(z=5.0), scores(0.9, 0.05, 0.05), scores(0.02, 0.08, 0.9), CONFIG)
    assert verdict.label == NEUTRAL
    assert any("one direction only" in r for r in verdict.reasons)


def test_thresholds_are_configurable() -> None:
    strict = Config(entailment_threshold=0.9)
    verdict = decide(pair(), scores(0.85, 0.1, 0.05), scores(0.85, 0.1, 0.05), strict)
    assert verdict.label == NEUTRAL


def test_reasons_show_both_directions() -> None:
    verdict = decide(pair(), scores(0.1, 0.2, 0.7), scores(0.2, 0.3, 0.5), CONFIG)
    assert verdict.reasons[0] == (
        "NLI a→b ent 0.10 / neu 0.20 / con 0.70; b→a ent 0.20 / neu 0.30 / con 0.50"
    )


def test_same_value_of_the_same_thing_is_an_agreement_nli_may_miss() -> None:
    told_alike = Evidence(same_event=0.8, reasons=("test",), same_values=("53 injured",))
    verdict = decide(pair(), scores(0.1, 0.8, 0.1), scores(0.1, 0.8, 0.1), CONFIG, None, None,
                     told_alike)
    assert verdict.label == AGREEMENT and verdict.confidence == 0.64
    assert any("same value of the same thing: 53 injured" in r for r in verdict.reasons)
    loose = Evidence(same_event=0.3, reasons=("test",), same_values=("53 injured",))
    assert decide(pair(), scores(0.1, 0.8, 0.1), scores(0.1, 0.8, 0.1), CONFIG, None, None,
                  loose).label == NEUTRAL
    clash = decide(pair(), scores(0.1, 0.1, 0.8), scores(0.1, 0.8, 0.1), CONFIG, None, None,
                   told_alike)
    assert clash.label == NEUTRAL  # a strong one-way contradiction outvotes it


def test_a_signal_below_the_gate_leaves_nli_to_its_own_gate() -> None:
    """A number conflict under same_event_min does not let an NLI contradiction skip the
    stricter NLI-alone gate."""
    from checker.records import Conflict

    below = Evidence(
        same_event=0.5, reasons=("test",), conflicts=(Conflict("number", "12 vs 14"),)
    )
    verdict = decide(pair(z=3.0), scores(0.05, 0.05, 0.9), scores(0.05, 0.05, 0.9), CONFIG,
                     None, None, below)
    assert verdict.label == NEUTRAL and verdict.kind == ""
    assert any("not flagged" in r and "number conflict" in r for r in verdict.reasons)
