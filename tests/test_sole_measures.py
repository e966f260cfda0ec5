"""The one measure of a kind on each side of claims told alike is one figure told twice.

In long news sentences the words either side of a share, a sum or a duration (a name, "in
October warning that") match the other language's poorly, so frames alone rarely bind them
(``frame_z`` 3σ). Where the claims as a whole are told alike and each holds exactly one
measure of that kind, a lower frame level (``sole_frame_z``) suffices. Sentences written for
this test, in eight languages.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from checker.config import Config
from checker.records import Channel, Pair
from checker.rules.evidence import one_account, pair_evidence
from tests.test_dates_bound import A, B, facts_of

SOLE_Z = Config().sole_frame_z
FRAME_Z = Config().frame_z
ACCOUNT_Z = Config().account_frame_z


def measure_conflicts(
    a: tuple[str, str],
    b: tuple[str, str],
    z: float = 3.0,
    frame: float = 2.0,
    found_by: frozenset[Channel] = frozenset({Channel.NEIGHBOURS}),
    scorer: Callable[[str, str], float] | None = None,
) -> list[str]:
    """Value conflicts of a pair at claim similarity ``z`` whose every pair of frames scores
    ``frame`` σ (between ``sole_frame_z`` and ``frame_z`` unless a test says otherwise), or
    ``scorer``'s score where one is given."""
    found = pair_evidence(
        Pair(A, B, 0.8, z=z, found_by=found_by),
        facts_of(*a),
        facts_of(*b),
        scorer or (lambda x, y: frame),
        2.5,
        min_frame_z=FRAME_Z,
        name_z=3.0,
        max_ratio=5.0,
        date_z=4.0,
        sole_z=SOLE_Z,
        account_z=ACCOUNT_Z,
    )
    return [c.text for c in found.conflicts]


def test_the_default_sits_between_the_unrelated_band_and_frame_z() -> None:
    assert 0 <= SOLE_Z < FRAME_Z


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


# what lasted named beside the duration on one side only ("a 21-day walkout", "after 19 days"):
# the unit says what is measured, so the two still meet
COMPOUND_DURATIONS = [
    (("The strike, a 21-day walkout by dock workers, ended on Monday.", "en"),
     ("Der Streik der Hafenarbeiter endete nach 19 Tagen.", "de"), "21"),
    (("Lo sciopero dei portuali, durato 19 giorni, è finito lunedì.", "it"),
     ("Stávka přístavních dělníků skončila po 21 dnech.", "cs"), "19"),
]

# one vote each side: "14 to 5" and "13 voix contre 6" are one vote counted differently
TALLIES = [
    (("The council voted 14 to 5 to approve the plan.", "en"),
     ("Le conseil a approuvé le plan par 13 voix contre 6.", "fr"), "14"),
    (("De gemeenteraad stemde met 13 tegen 6 voor het plan.", "nl"),
     ("Rada miasta przyjęła plan stosunkiem głosów 14 do 5.", "pl"), "13"),
]


@pytest.mark.parametrize(("a", "b", "value"), TOLD_TWICE + COMPOUND_DURATIONS + TALLIES)
def test_one_measure_each_in_claims_told_alike_is_one_figure(
    a: tuple[str, str], b: tuple[str, str], value: str
) -> None:
    found = measure_conflicts(a, b)
    assert len(found) == 1 and value in found[0].replace(",", "."), found


@pytest.mark.parametrize(("a", "b", "value"), TOLD_TWICE + COMPOUND_DURATIONS + TALLIES)
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
        # two votes on one side: which one the other's is, only the frames can tell
        (("The House voted 348-77 and the Senate 97-1 to override the veto.", "en"),
         ("Der Senat stimmte mit 85 zu 14 Stimmen für die Aufhebung des Vetos.", "de")),
        # a duration in days against one in hours: not one unit, not one figure
        (("The strike, a 21-day walkout by dock workers, ended on Monday.", "en"),
         ("La huelga de los estibadores terminó tras 19 horas.", "es")),
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
    assert measure_conflicts(
        ("The strike, a 21-day walkout by dock workers, ended on Monday.", "en"),
        ("Stávka přístavních dělníků skončila po 21 dnech.", "cs"),
    ) == []
    assert measure_conflicts(
        ("The council voted 14 to 5 to approve the plan.", "en"),
        ("Rada miasta przyjęła plan stosunkiem głosów 14 do 5.", "pl"),
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


# ---- one account by the articles' structure ------------------------------------------------
# Claims unlike as a whole to a small embedder (2σ and less across languages) are still one
# account when each is the other's best match in its article and a paragraph chose the other:
# the one measure of a kind each holds is then one figure told twice, from account_frame_z.

ONE_ACCOUNT = frozenset({Channel.NEIGHBOURS, Channel.MUTUAL, Channel.PARAGRAPH_A})

ACCOUNTS = [
    (("Les secouristes ont travaillé pendant 12 heures sans interruption.", "fr"),
     ("Rescue teams worked for 20 hours without a break.", "en"), "12"),
    (("Cerca del 45 % del dinero desaparecido ha sido recuperado.", "es"),
     ("Circa il 40 per cento del denaro scomparso è stato recuperato.", "it"), "45"),
    (("Die Regierung sagte Hilfen in Höhe von 320 Millionen Dollar zu.", "de"),
     ("Rząd obiecał pomoc w wysokości 420 milionów dolarów.", "pl"), "320"),
    (("De zoektocht op het meer duurde 36 uur.", "nl"),
     ("Поиски на озере продолжались 30 часов.", "ru"), "36"),
]


def test_one_account_is_mutual_best_and_a_paragraph_match() -> None:
    assert one_account(Pair(A, B, 0.8, z=1.0, found_by=ONE_ACCOUNT))
    for found_by in (
        {Channel.NEIGHBOURS, Channel.MUTUAL},  # best both ways, no paragraph
        {Channel.NEIGHBOURS, Channel.PARAGRAPH_A, Channel.PARAGRAPH_B},  # not each other's best
    ):
        assert not one_account(Pair(A, B, 0.8, z=1.0, found_by=frozenset(found_by)))


@pytest.mark.parametrize(("a", "b", "value"), ACCOUNTS)
def test_one_measure_each_in_one_account_is_one_figure(
    a: tuple[str, str], b: tuple[str, str], value: str
) -> None:
    found = measure_conflicts(a, b, z=1.0, frame=ACCOUNT_Z + 0.5, found_by=ONE_ACCOUNT)
    assert len(found) == 1 and value in found[0], found


@pytest.mark.parametrize(("a", "b", "value"), ACCOUNTS)
def test_not_without_the_structure_of_one_account(
    a: tuple[str, str], b: tuple[str, str], value: str
) -> None:
    mutual_only = frozenset({Channel.NEIGHBOURS, Channel.MUTUAL})
    assert measure_conflicts(a, b, z=1.0, frame=ACCOUNT_Z + 0.5, found_by=mutual_only) == []
    # nor where the words around the two values are less alike than unrelated text
    assert measure_conflicts(a, b, z=1.0, frame=ACCOUNT_Z - 0.5, found_by=ONE_ACCOUNT) == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # two durations on one side: which one the other's is, only the frames can tell
        (("Rescue teams worked for 20 hours and rested for two hours.", "en"),
         ("Les secouristes ont travaillé pendant 12 heures.", "fr")),
        # a duration and a share: different measures never meet
        (("Die Suche dauerte 36 Stunden.", "de"),
         ("Il 40 per cento dei dispersi è stato ritrovato.", "it")),
        # a prison term and an evacuation ([spans]): never one figure told twice
        (("Hij werd veroordeeld tot acht jaar cel.", "nl"),
         ("La evacuación duró seis horas.", "es")),
        # the same figure each side
        (("Le chômage est monté à 6 %.", "fr"), ("Bezrobocie wzrosło do 6 procent.", "pl")),
    ],
)
def test_one_account_must_not_fire(a: tuple[str, str], b: tuple[str, str]) -> None:
    assert measure_conflicts(a, b, z=1.0, frame=ACCOUNT_Z + 0.5, found_by=ONE_ACCOUNT) == []


# ---- counts in one account -----------------------------------------------------------------
# A count's unit is what it counts: in one account, the one count of things named alike on each
# side (the counted words ``frame_z`` σ alike) is one figure told twice, however unlike the
# words around them ("Die Grünen erhielten 421.000 Stimmen", "The Greens received 412,000
# votes, or 38% of the total").


def count_conflicts(
    a: tuple[str, str],
    b: tuple[str, str],
    alike: set[str],
    found_by: frozenset[Channel] = ONE_ACCOUNT,
) -> list[str]:
    """Value conflicts of a pair told as one account whose value frames score just above
    ``account_frame_z`` and whose counted words score ``frame_z`` + 1 where both are in
    ``alike`` (else the same as the frames)."""

    def scorer(x: str, y: str) -> float:
        return FRAME_Z + 1.0 if x in alike and y in alike else ACCOUNT_Z + 0.5

    return measure_conflicts(a, b, z=1.0, found_by=found_by, scorer=scorer)


COUNTED_ACCOUNTS = [
    (("Die Grünen erhielten 421.000 Stimmen.", "de"),
     ("The Greens received 412,000 votes, or 38% of the total.", "en"),
     {"Stimmen", "votes"}, "421"),
    (("Zielonych poparło 412 tys. wyborców.", "pl"),
     ("Los Verdes obtuvieron 421.000 votos.", "es"),
     {"wyborców", "votos"}, "412"),
    (("A bordo seguiam 420 passageiros.", "pt"),
     ("Aan boord waren ongeveer 240 passagiers.", "nl"),
     {"passageiros", "passagiers"}, "420"),
    (("Pro hlasovalo 45 poslanců.", "cs"),
     ("Im Parlament stimmten 47 Abgeordnete dafür.", "de"),
     {"poslanců", "Abgeordnete"}, "45"),
]


@pytest.mark.parametrize(("a", "b", "alike", "value"), COUNTED_ACCOUNTS)
def test_one_count_of_a_thing_each_in_one_account_is_one_figure(
    a: tuple[str, str], b: tuple[str, str], alike: set[str], value: str
) -> None:
    found = count_conflicts(a, b, alike)
    assert len(found) == 1 and value in found[0].replace(",", "").replace(".", ""), found


# the first two accounts state one figure with its digits in another order (421,000 and
# 412,000): such figures meet by their digits whatever else binds them (test_transposed.py)
NOT_TRANSPOSED = COUNTED_ACCOUNTS[2:]


@pytest.mark.parametrize(("a", "b", "alike", "value"), NOT_TRANSPOSED)
def test_counts_not_when_the_counted_words_differ_or_no_account(
    a: tuple[str, str], b: tuple[str, str], alike: set[str], value: str
) -> None:
    assert count_conflicts(a, b, set()) == []  # votes against seats: two things
    mutual_only = frozenset({Channel.NEIGHBOURS, Channel.MUTUAL})
    assert count_conflicts(a, b, alike, found_by=mutual_only) == []


@pytest.mark.parametrize(("a", "b", "alike", "value"), COUNTED_ACCOUNTS[:2])
def test_transposed_counts_meet_by_their_digits(
    a: tuple[str, str], b: tuple[str, str], alike: set[str], value: str
) -> None:
    for found_by in (ONE_ACCOUNT, frozenset({Channel.NEIGHBOURS, Channel.MUTUAL})):
        found = count_conflicts(a, b, set(), found_by=found_by)
        assert len(found) == 1 and value in found[0].replace(",", "").replace(".", ""), found


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [
        # two counts of people on one side: which the other's is, only the frames can tell
        (("Es kamen 300 Menschen, 40 Menschen mussten draußen bleiben.", "de"),
         ("Около 400 человек пришли на митинг.", "ru"), {"Menschen", "человек"}),
        # the same figure each side
        (("Les Verts ont obtenu 421 000 voix.", "fr"),
         ("I Verdi hanno ottenuto 421.000 voti.", "it"), {"voix", "voti"}),
        # nobody counts nothing a frame names: "nobody was hurt" is told by other rules
        (("Nobody was hurt in the fire.", "en"),
         ("Bij de brand raakte niemand gewond.", "nl"), {"hurt", "gewond"}),
        # different things counted ([things]): the dead are never the injured
        (("Tre persone sono morte.", "it"),
         ("Cinco personas resultaron heridas.", "es"), {"persone", "personas"}),
    ],
)
def test_counts_in_one_account_must_not_fire(
    a: tuple[str, str], b: tuple[str, str], alike: set[str]
) -> None:
    assert count_conflicts(a, b, alike) == []
