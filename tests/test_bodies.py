"""Two bodies' acts are two happenings, whatever days they fall on.

"The Chamber of Deputies passed the budget on Tuesday" and "Senat zagłosował w środę" date two
votes, not one vote dated twice: the body named nearest each date ([bodies] in each language's
values.toml: a senate, a lower house, the White House) decides. Sentences written for this test,
in eight languages.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from checker.records import Channel, Pair
from checker.rules.evidence import ClaimFacts, claim_facts, other_bodies, pair_evidence
from checker.rules.signals import claim_signals
from checker.rules.values import ValueKind, body_of, extract_values
from tests.test_dates_bound import A, B


def _date(text: str, language: str):
    return next(v for v in extract_values(text, language) if v.kind == ValueKind.DATE)


@pytest.mark.parametrize(
    ("text", "language", "body"),
    [
        ("The Senate voted on Wednesday to override the veto.", "en", "senate"),
        ("The House of Representatives voted on Thursday.", "en", "lower_house"),
        ("Der Senat stimmte am Mittwoch zu.", "de", "senate"),
        ("Il Senato lo ha approvato mercoledì sera.", "it", "senate"),
        ("La Cámara de Representantes votó el jueves.", "es", "lower_house"),
        ("Senat zagłosował w środę późnym wieczorem.", "pl", "senate"),
        ("Sněmovna reprezentantů hlasovala ve čtvrtek.", "cs", "lower_house"),
        ("Палата представителей проголосовала в четверг.", "ru", "lower_house"),
        # the body nearest the date, when the clause names two
        ("Senat zagłosował w środę, dzień po tym, jak Izba Deputowanych poparła projekt.", "pl",
         "senate"),
        ("The White House said on Monday that the House would vote.", "en", "executive"),
        # must not fire: no body, or a word that only starts like one
        ("The housing market fell on Monday.", "en", ""),
        ("Le projet a été adopté mardi.", "fr", ""),
    ],
)
def test_the_body_nearest_a_date(text: str, language: str, body: str) -> None:
    assert body_of(text, language, _date(text, language)) == body


def _facts(text: str, language: str) -> ClaimFacts:
    """A claim's facts with its signals (its speech verbs), as the pipeline reads them."""
    return replace(claim_facts(text, language), signals=claim_signals(text, language, ""))


def date_conflicts(a: tuple[str, str], b: tuple[str, str]) -> list[str]:
    """Date conflicts of claims told alike (4σ) whose frames all score 5σ (dates bound)."""
    found = pair_evidence(
        Pair(A, B, 0.9, (Channel.NEIGHBOURS,), z=4.0), _facts(*a), _facts(*b),
        lambda x, y: 5.0, 2.5, min_frame_z=3.0, name_z=3.0, max_ratio=5.0, date_z=4.0,
    )
    return [c.text for c in found.conflicts if c.kind == "date"]


def test_two_bodies_votes_are_two_happenings() -> None:
    chamber = ("The Chamber of Deputies passed the budget on Tuesday.", "en")
    senate = ("Senat przyjął budżet w środę.", "pl")
    assert other_bodies(claim_facts(*chamber), _date(*chamber), claim_facts(*senate),
                        _date(*senate))
    assert date_conflicts(chamber, senate) == []
    # one body on two days is one vote dated twice
    chamber_again = ("Izba Deputowanych przyjęła budżet w środę.", "pl")
    assert date_conflicts(chamber, chamber_again)
    # no body on one side: the words decide as before
    assert date_conflicts(chamber, ("Budżet przyjęto w środę.", "pl"))
