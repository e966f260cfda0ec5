"""Whose age it is: a person named out of the age's reach still bears it, a relative never.

"Luka Marren, ancien capitaine emblématique du club, âgé de 61 ans" names its person more
than a frame's reach before the age; when the claim names that one person and the other side
gives the same person's age beside the name ("Luka Marren, the 58-year-old"), the two near
ages are one age told twice. An age after a possessive ("his 30-year-old son", "suo figlio
di 30 anni") is a relative's, never the named person's. Sentences written for this test.
"""

from __future__ import annotations

import pytest

from tests.test_evidence import across

NAMED_BESIDE = ("Luka Marren, 58 anni, ex capitano della squadra.", "it")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Parmi les blessés figure Luka Marren, ancien capitaine emblématique du club, âgé de "
         "61 ans.", "fr"),
        ("Luka Marren, der frühere Kapitän des Vereins, ist 61 Jahre alt.", "de"),
        ("Luka Marren, antiguo capitán del club, de 61 años, está entre los heridos.", "es"),
        ("Luka Marren, a former captain who led the club to its only title, is 61 years old.",
         "en"),
    ],
)
def test_the_claims_one_person_bears_an_age_out_of_reach(text: str, language: str) -> None:
    found = across(text, language, *NAMED_BESIDE, z=2.2)
    assert [c.text for c in found.conflicts] == ["age 61 vs age 58"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Luka Marren came to the match with his 30-year-old son and a friend.", "en"),
        ("Luka Marren era allo stadio con suo figlio di 30 anni.", "it"),
        ("Luka Marren kam mit seinem 30-jährigen Sohn ins Stadion.", "de"),
        # another person, unnamed
        ("Among the injured was a 61-year-old woman, police said.", "en"),
        # two people named: which one is 61, the claim does not say
        ("Luka Marren and Piet Olsen, a steward aged 61, were taken to hospital.", "en"),
        # ages far apart: more likely another person's
        ("Luka Marren, who played for the club for years, was 19 then.", "en"),
    ],
)
def test_not_a_relatives_or_another_persons_age(text: str, language: str) -> None:
    found = across(text, language, *NAMED_BESIDE, z=2.2)
    assert not [c for c in found.conflicts if "age" in c.text]
