"""One saying given to two people: an attribution conflict.

Two claims that each quote a person they name, the two not one person and neither naming the
other's speaker, with quotations ``saying_z`` σ alike (one saying repeated or translated), tell
of who said it differently. Sentences written for this test, in five languages.
"""

from __future__ import annotations

import pytest

from checker.config import Config
from checker.records import ConflictKind, Label, NliScores, Pair
from checker.rules.evidence import claim_facts, one_saying, pair_evidence
from checker.rules.signals import claim_signals, quotation
from checker.rules.verdict import decide
from tests.test_dates_bound import A, B

HOLLAN = ('"This is the day Korvia stopped hiding from the world," Prime Minister Matej Hollan '
          "told deputies.", "en")
SAID = [
    ('„Das ist der Tag, an dem Korvia aufgehört hat, sich zu verstecken“, sagte Varesk im '
     "Parlament.", "de"),
    ("«Questo è il giorno in cui la Korvia ha smesso di nascondersi», ha detto Varesk.", "it"),
    ("«Este es el día en que Korvia dejó de esconderse», dijo Varesk ante la cámara.", "es"),
    ("« C’est le jour où la Korvie a cessé de se cacher », a déclaré Varesk.", "fr"),
    ('"This is the day Korvia stopped hiding from the world," Varesk told the chamber.', "en"),
]


def facts(text: str, language: str):
    from dataclasses import replace

    return replace(claim_facts(text, language), signals=claim_signals(text, language))


@pytest.mark.parametrize(("text", "language"), SAID)
def test_two_people_quoted_give_their_two_quotations(text: str, language: str) -> None:
    found = one_saying(facts(*HOLLAN), facts(text, language))
    assert found == (quotation(HOLLAN[0]), quotation(text))
    assert "Korvia" in found[0] and "Korvi" in found[1]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # one person: full name and last name, or with a title
        (HOLLAN, ('"This is the day Korvia stopped hiding," Hollan said.', "en")),
        # the other's speaker named in the claim: one quoting the other
        (HOLLAN, ('"This is the day Korvia stopped hiding," Varesk said, quoting Hollan.', "en")),
        # no quotation on one side
        (HOLLAN, ("Varesk told the chamber that Korvia had stopped hiding.", "en")),
        # no person speaking: an institution
        (HOLLAN, ('"Korvia has stopped hiding from the world," the ministry said.', "en")),
    ],
)
def test_must_not_fire_one_speaker_a_quoting_or_no_quotation(a, b) -> None:
    assert one_saying(facts(*a), facts(*b)) is None


NEUTRAL = NliScores(0.1, 0.8, 0.1)


def verdict(a: tuple[str, str], b: tuple[str, str], saying_z: float | None):
    fa, fb = facts(*a), facts(*b)
    pair = Pair(A, B, 0.9, z=3.5)
    evidence = pair_evidence(pair, fa, fb, lambda x, y: 0.0, 2.5)
    from dataclasses import replace

    evidence = replace(evidence, saying_z=saying_z)
    return decide(pair, NEUTRAL, NEUTRAL, Config(), fa.signals, fb.signals, evidence)


def test_one_quotation_of_two_people_is_an_attribution_conflict() -> None:
    said = Config().saying_z
    found = verdict(HOLLAN, SAID[-1], said + 0.5)
    assert found.label == Label.CONTRADICTION and found.kind == ConflictKind.ATTRIBUTION
    assert any("Hollan" in r and "Varesk" in r for r in found.reasons)
    # two different sayings of two people on one topic: no conflict
    assert verdict(HOLLAN, SAID[-1], said - 1.0).label != Label.CONTRADICTION
    # nor without measured quotations
    assert verdict(HOLLAN, SAID[-1], None).label != Label.CONTRADICTION
