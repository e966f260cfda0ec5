"""The one measure of a kind on each side of claims told alike is one figure told twice.

In long news sentences the words either side of a share, a sum or a duration (a name, "in
October warning that") match the other language's poorly, so frames alone rarely bind them
(``frame_z`` 3σ). Where the claims as a whole are told alike and each holds exactly one
measure of that kind, a lower frame level (``sole_frame_z``) suffices. Sentences written for
this test, in eight languages.
"""

from __future__ import annotations

import pytest

from checker.config import Config
from checker.records import Pair
from checker.rules.evidence import pair_evidence
from tests.test_dates_bound import A, B, facts_of

SOLE_Z = Config().sole_frame_z
FRAME_Z = Config().frame_z


def measure_conflicts(
    a: tuple[str, str], b: tuple[str, str], z: float = 3.0, frame: float = 2.0
) -> list[str]:
    """Value conflicts of a pair at claim similarity ``z`` whose every pair of frames scores
    ``frame`` σ (between ``sole_frame_z`` and ``frame_z`` unless a test says otherwise)."""
    found = pair_evidence(
        Pair(A, B, 0.8, z=z),
        facts_of(*a),
        facts_of(*b),
        lambda x, y: frame,
        2.5,
        min_frame_z=FRAME_Z,
        name_z=3.0,
        max_ratio=5.0,
        date_z=4.0,
        sole_z=SOLE_Z,
    )
    return [c.text for c in found.conflicts]


def test_the_default_sits_between_the_unrelated_band_and_frame_z() -> None:
    assert 0 < SOLE_Z < FRAME_Z


TOLD_TWICE = [
    (("The inspector warned in a letter that 38 percent of the roof supports needed replacing.",
      "en"),
     ("В письме инспектор предупреждал, что 28% опор кровли нужно заменить.", "ru"),
     "38"),
    (("Die Firma zahlte laut Gericht eine Strafe von 2,4 Millionen Euro.", "de"),
     ("Według sądu firma zapłaciła karę w wysokości 4,2 mln euro.", "pl"),
     "2.4"),
    (("Il processo, secondo i giudici, è durato tredici mesi.", "it"),
     ("Het proces heeft volgens de rechters elf maanden geduurd.", "nl"),
     "13"),
    (("La participación fue del 64 por ciento, según la junta electoral.", "es"),
     ("Volební účast podle komise činila 61 procent.", "cs"),
     "64"),
]


@pytest.mark.parametrize(("a", "b", "value"), TOLD_TWICE)
def test_one_measure_each_in_claims_told_alike_is_one_figure(
    a: tuple[str, str], b: tuple[str, str], value: str
) -> None:
    found = measure_conflicts(a, b)
    assert len(found) == 1 and value in found[0].replace(",", "."), found


@pytest.mark.parametrize(("a", "b", "value"), TOLD_TWICE)
def test_not_when_the_claims_are_not_told_alike(
    a: tuple[str, str], b: tuple[str, str], value: str
) -> None:
    assert measure_conflicts(a, b, z=2.0) == []


@pytest.mark.parametrize(("a", "b", "value"), TOLD_TWICE)
def test_not_when_the_frames_are_unrelated(
    a: tuple[str, str], b: tuple[str, str], value: str
) -> None:
    assert measure_conflicts(a, b, frame=SOLE_Z - 1.0) == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # two shares on one side: which one the other's is of, only the frames can tell
        (("Turnout was 61 percent, and the Greens won 38 percent of the vote.", "en"),
         ("Die Grünen kamen auf 36 Prozent der Stimmen.", "de")),
        (("La affluenza è stata del 61 per cento e i Verdi hanno ottenuto il 38 per cento.",
          "it"),
         ("Les Verts ont obtenu 36 % des voix.", "fr")),
        # one share and one sum: different measures never meet
        (("The company paid a fine of 2.4 million euros.", "en"),
         ("La empresa redujo su plantilla un 24 por ciento.", "es")),
    ],
)
def test_not_when_one_side_holds_several_or_another_measure(
    a: tuple[str, str], b: tuple[str, str]
) -> None:
    assert measure_conflicts(a, b) == []


def test_the_same_figure_each_side_is_no_conflict() -> None:
    assert measure_conflicts(
        ("Die Arbeitslosigkeit stieg auf 6 Prozent.", "de"),
        ("Le chômage est monté à 6 %.", "fr"),
    ) == []


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # two shares of different things ([shares]): never one figure told twice
        (("The poll put approval of the government at 31 percent.", "en"),
         ("Podle průzkumu je s vládou nespokojeno 38 procent.", "cs"), False),
        (("La participación fue del 64 por ciento.", "es"),
         ("Le chômage a atteint 61 %.", "fr"), False),
        # two spans of different things ([spans])
        (("Er wurde zu acht Jahren Haft verurteilt.", "de"),
         ("The evacuation took six hours.", "en"), False),
        # the same thing on both sides: compared as before
        (("The poll put approval of the government at 31 percent.", "en"),
         ("Podle průzkumu je s vládou spokojeno 38 procent.", "cs"), True),
    ],
)
def test_what_a_share_or_span_is_of(
    a: tuple[str, str], b: tuple[str, str], expected: bool
) -> None:
    assert bool(measure_conflicts(a, b)) is expected
