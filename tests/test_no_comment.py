"""A refusal to comment dates the telling, not what the story tells.

"Zijn advocaat wilde vrijdag niet op de aanhouding reageren" and "The company declined to comment
on Friday" are days of (not) speaking: the infinitive of commenting is a speech verb in every
language's [attribution] verbs, so where the other side's date is told in a speech clause too,
the two days are two tellings, not one happening dated twice.
Sentences written for this test, in five languages.
"""

from __future__ import annotations

import pytest

from checker.records import Channel, Pair
from checker.rules.evidence import claim_facts, pair_evidence
from checker.rules.signals import claim_signals
from tests.test_dates_bound import A, B


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
    def dates(a: tuple[str, str], b: tuple[str, str]) -> list[str]:
        found = pair_evidence(
            Pair(A, B, 0.9, (Channel.NEIGHBOURS,), z=4.0), _facts(*a), _facts(*b),
            lambda x, y: 5.0, 2.5, min_frame_z=3.0, name_z=3.0, max_ratio=5.0, date_z=4.0,
        )
        return [c.text for c in found.conflicts if c.kind == "date"]

    hearing = ("Il suo legale ha annunciato che si dichiarerà non colpevole all'udienza di "
               "martedì.", "it")
    assert dates(("Zijn advocaat wilde vrijdag niet op de aanhouding reageren.", "nl"),
                 hearing) == []
    # must still fire: a day that dates what is told
    assert dates(("De gouverneur verschijnt vrijdag voor de rechter.", "nl"), hearing)


def _facts(text: str, language: str):
    from dataclasses import replace

    return replace(claim_facts(text, language), signals=claim_signals(text, language, ""))
