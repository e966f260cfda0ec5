"""Updates: a later report's newer state of a figure is still shown, marked as such, with
which side is later and by how long, and findings list its values in time order."""

from __future__ import annotations

import pytest

from checker.config import Config
from checker.records import Article, Claim, NliScores, Pair
from checker.report.table import to_frame
from checker.rules.evidence import claim_facts, pair_evidence
from checker.rules.findings import findings
from checker.rules.signals import claim_signals
from checker.rules.verdict import CONTRADICTION, decide

NLI = NliScores(0.1, 0.8, 0.1)


def _pair(
    a: str, b: str, language: str, published_a: str, published_b: str
) -> tuple[Pair, Article, Article]:
    art_a = Article(id="a", text=a, language=language, published=published_a, source="Early")
    art_b = Article(id="b", text=b, language=language, published=published_b, source="Late")
    claim_a = Claim("a#0", "a", a, 0, len(a), article=art_a)
    claim_b = Claim("b#0", "b", b, 0, len(b), article=art_b)
    return Pair(claim_a, claim_b, 0.95, z=4.0, story="s"), art_a, art_b


def _decide(a: str, b: str, language: str, published_a: str, published_b: str):
    pair, art_a, art_b = _pair(a, b, language, published_a, published_b)
    evidence = pair_evidence(
        pair,
        claim_facts(a, language, published_a),
        claim_facts(b, language, published_b),
        lambda x, y: 10.0,  # one frame: the same toll
        2.5,
        min_frame_z=3.0,
        max_ratio=5.0,
    )
    verdict = decide(
        pair, NLI, NLI, Config(), claim_signals(a, language), claim_signals(b, language),
        evidence,
    )
    return verdict, art_a, art_b


@pytest.mark.parametrize(
    ("language", "a", "b"),
    [
        ("en", "The fire killed 12 people.", "The death toll from the fire rose to 15 people."),
        ("de", "Bei dem Brand starben 12 Menschen.",
         "Die Zahl der Toten ist inzwischen auf 15 Menschen gestiegen."),
        ("es", "El incendio dejó 12 muertos.",
         "El incendio ya dejó 15 muertos, según un nuevo balance."),
        ("fr", "L'incendie a fait 12 morts.",
         "Selon un nouveau bilan, l'incendie a fait 15 morts."),
        ("it", "L'incendio ha causato 12 morti.", "Il bilancio è salito a 15 morti."),
    ],
)
def test_a_later_newer_state_is_an_update(language: str, a: str, b: str) -> None:
    verdict, *_ = _decide(a, b, language, "2024-03-01", "2024-03-03")
    assert verdict.label == CONTRADICTION and verdict.kind == "number"
    assert verdict.update == "b later by 2 days"
    assert any(r.startswith("later report: b was published 2 days later") for r in verdict.reasons)


def test_a_later_state_is_an_update() -> None:
    """A person's condition told later as a newer state ("now in stable condition") is an
    update of the earlier one, shown as such."""
    verdict, *_ = _decide(
        "Senator Ilona Varesk was in critical condition.",
        "Senator Ilona Varesk is now in stable condition, the hospital said.", "en",
        "2024-03-01", "2024-03-02",
    )
    assert verdict.label == CONTRADICTION and verdict.kind == "state"
    assert verdict.update == "b later by 1 day"


def test_hours_when_times_are_known() -> None:
    verdict, *_ = _decide(
        "The fire killed 12 people.", "The toll has now risen to 15 people.", "en",
        "2024-03-01T08:00:00", "2024-03-01T14:30:00",
    )
    assert verdict.update == "b later by 6 hours"


@pytest.mark.parametrize(
    ("a", "b", "published_a", "published_b"),
    [
        # the same day: two outlets disagreeing, not an update
        ("The fire killed 12 people.", "The toll rose to 15 people.", "2024-03-01", "2024-03-01"),
        # later, but nothing says it is a newer state
        ("The fire killed 12 people.", "The fire killed 15 people.", "2024-03-01", "2024-03-03"),
        # the cue is on the earlier side
        ("The toll rose to 12 people.", "The fire killed 15 people.", "2024-03-01", "2024-03-03"),
        # no dates
        ("The fire killed 12 people.", "The toll rose to 15 people.", "", ""),
    ],
)
def test_must_not_fire(a: str, b: str, published_a: str, published_b: str) -> None:
    verdict, *_ = _decide(a, b, "en", published_a, published_b)
    assert verdict.label == CONTRADICTION and verdict.update == ""
    assert not any(r.startswith("later report") for r in verdict.reasons)


def test_update_column_and_findings_in_time_order() -> None:
    verdict, art_a, art_b = _decide(
        "The fire killed 12 people.", "The death toll from the fire rose to 15 people.", "en",
        "2024-03-03", "2024-03-01",
    )
    # here a is the later one: it has no cue, so no update...
    assert verdict.update == ""
    verdict, art_a, art_b = _decide(
        "The death toll from the fire rose to 15 people.", "The fire killed 12 people.", "en",
        "2024-03-03", "2024-03-01",
    )
    assert verdict.update == "a later by 2 days"
    frame = to_frame([verdict], [art_a, art_b])
    assert frame.loc[0, "update"] == "a later by 2 days"
    (found,) = findings([verdict])
    assert found.updates
    # the earlier value first, each with the day it was first told
    assert [v for v, _ in found.values] == ["12", "15"]
    assert "12 — Late (2024-03-01) → 15 — Early (2024-03-03)" in found.summary
