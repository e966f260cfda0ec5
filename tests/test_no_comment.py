"""A refusal to comment dates the telling, not what the story tells.

"Zijn advocaat wilde vrijdag niet op de aanhouding reageren" and "The company declined to comment
on Friday" are days of (not) speaking: the infinitive of commenting is a speech verb in every
language's [attribution] verbs, so where the other side's date is told in a speech clause too,
the two days are two tellings, not one happening dated twice.
Sentences written for this test, in five languages.
"""

from __future__ import annotations

import pytest

from checker.rules.signals import claim_signals
from tests.test_bodies import date_conflicts


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The company declined to comment on Friday.", "en"),
        ("Zijn advocaat wilde vrijdag niet op de aanhouding reageren.", "nl"),
        ("Das Unternehmen wollte den Vorfall am Freitag nicht kommentieren.", "de"),
        ("Firma nie chciała w piątek komentować sprawy.", "pl"),
        ("Компания отказалась прокомментировать это в пятницу.", "ru"),
    ],
)
def test_commenting_is_telling(text: str, language: str) -> None:
    assert claim_signals(text, language, "").said_at


def test_the_day_of_a_no_comment_is_no_hearings_day() -> None:
    hearing = ("Il suo legale ha annunciato che si dichiarerà non colpevole all'udienza di "
               "martedì.", "it")
    assert date_conflicts(("Zijn advocaat wilde vrijdag niet op de aanhouding reageren.", "nl"),
                          hearing) == []
    # must still fire: a day that dates what is told
    assert date_conflicts(("De gouverneur verschijnt vrijdag voor de rechter.", "nl"), hearing)
