"""The one year or month of each of two claims told alike is one happening dated twice.

"En 1989, el derrumbe de una valla dejó 23 heridos" and "Nel 1998 il cedimento di una barriera
provocò 23 feriti" tell one collapse; a weak embedder binds the words around the two years no
better than chance, so frames alone (``date_frame_z``) never meet them. Where the claims are
told alike (or one account) and each holds one date of the same year or month granularity,
each the date of its clause ("in 2019", not "the 2001 attacks"), the two are one date told
twice (``evidence._sole_date``). A day is the date of many happenings in one story, so days
never meet this way. Sentences written for this test, in eight languages.
"""

from __future__ import annotations

import pytest

from checker.records import Channel
from tests.test_sole_measures import ACCOUNT_Z, ONE_ACCOUNT, SOLE_Z, measure_conflicts

TOLD_TWICE = [
    (("En 1989, el derrumbe de una valla en la grada norte dejó 23 heridos.", "es"),
     ("Nel 1998 il cedimento di una barriera nella curva nord provocò 23 feriti.", "it"),
     "1989"),
    (("Im Oktober 2016 veröffentlichte die Plattform die internen E-Mails.", "de"),
     ("W lipcu 2016 platforma opublikowała wewnętrzne e-maile.", "pl"), "2016"),
    (("V roce 2019 odvolal guvernéra centrální banky.", "cs"),
     ("En 2017, il avait déjà limogé le gouverneur de la banque centrale.", "fr"), "2019"),
    (("В 2019 году здесь сошли с рельсов шесть вагонов.", "ru"),
     ("In 2017 ontspoorden hier zes wagons.", "nl"), "2019"),
]


@pytest.mark.parametrize(("a", "b", "year"), TOLD_TWICE)
def test_one_date_each_of_claims_told_alike_is_one_happening(
    a: tuple[str, str], b: tuple[str, str], year: str
) -> None:
    found = measure_conflicts(a, b, z=3.0, frame=SOLE_Z + 0.5)
    assert len(found) == 1 and year in found[0], found


@pytest.mark.parametrize(("a", "b", "year"), TOLD_TWICE)
def test_not_unless_told_alike_or_one_account(
    a: tuple[str, str], b: tuple[str, str], year: str
) -> None:
    assert measure_conflicts(a, b, z=1.0, frame=SOLE_Z + 0.5) == []
    # nor with frames less alike than unrelated text
    assert measure_conflicts(a, b, z=3.0, frame=min(SOLE_Z, ACCOUNT_Z) - 0.5) == []


def test_one_account_dates_clash_only_beside_something_else_stated_alike() -> None:
    # one account, 23 injured on both sides: the years clash
    a, b, _ = TOLD_TWICE[0]
    found = measure_conflicts(a, b, z=1.0, frame=ACCOUNT_Z + 0.5, found_by=ONE_ACCOUNT)
    assert any("1989" in f for f in found), found
    # one account with nothing else stated alike: dates bound only by structure stay apart
    a, b, _ = TOLD_TWICE[2]
    assert measure_conflicts(a, b, z=1.0, frame=ACCOUNT_Z + 0.5, found_by=ONE_ACCOUNT) == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a year naming a thing dates that thing, not what the claim tells
        (("The law lets families sue over any role in the 2001 attacks.", "en"),
         ("The bill amends a 1976 law that gives other countries immunity.", "en")),
        # days: many happenings of one story fall on different days
        (("Der Minister besuchte die Unglücksstelle am Dienstag.", "de"),
         ("O ministro visitou o local na quarta-feira.", "pt")),
        # two dates on one side: which one the other's is, only the frames can tell
        (("In 2017 the mine was sold, and in 2019 it was closed.", "en"),
         ("Kopalnię zamknięto w 2018 roku.", "pl")),
        # a year against a month: stated differently, not one date told twice
        (("In 2019 the plant was closed.", "en"),
         ("Im März 2018 wurde das Werk geschlossen.", "de")),
        # two [events] happenings: an opening is never a collapse
        (("The bridge was opened in 1976.", "en"), ("Il ponte è crollato nel 2018.", "it")),
        # the same year each side
        (("En 1989, el derrumbe de una valla dejó 23 heridos.", "es"),
         ("Nel 1989 il cedimento di una barriera provocò 23 feriti.", "it")),
    ],
)
def test_sole_dates_must_not_fire(a: tuple[str, str], b: tuple[str, str]) -> None:
    assert measure_conflicts(a, b, z=3.0, frame=SOLE_Z + 0.5) == []


def test_other_people_are_never_one_date() -> None:
    assert measure_conflicts(
        ("In 2017 Anna Kowalska won the seat.", "en"),
        ("Nel 2019 Marco Galli ha vinto il seggio.", "it"),
        z=3.0, frame=SOLE_Z + 0.5, found_by=(Channel.NEIGHBOURS,),
    ) == []
