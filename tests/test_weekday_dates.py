"""A weekday right before a calendar date names that date's day: one date, not two.

"Thursday, November 12" is one date told twice (a sentence with two dates tells two
happenings, so reading two would set it aside), and the weekday pins the year of a date
written without one. Claims told alike that state the same one day agree on it. Every
sentence here was written for these tests.
"""

from __future__ import annotations

import datetime

import pytest

from checker.records import Article, Channel, Claim, Pair
from checker.rules.evidence import claim_facts, pair_evidence

PUBLISHED = "2026-11-03"


def _dates(text: str, language: str, published: str = PUBLISHED) -> list[tuple[str, str]]:
    return [
        (v.unit, str(datetime.date.fromordinal(int(v.low))))
        for v in claim_facts(text, language, published).values if v.kind == "date"
    ]


@pytest.mark.parametrize(
    ("language", "text", "day"),
    [
        ("en", "The minister will testify on Thursday, November 12.", "2026-11-12"),
        ("fr", "La commission entendra la ministre le jeudi 12 novembre.", "2026-11-12"),
        ("de", "Die Ministerin sagt am Donnerstag, 12. November, aus.", "2026-11-12"),
        ("es", "La ministra declarará el jueves 12 de noviembre.", "2026-11-12"),
        ("it", "La ministra testimonierà giovedì 12 novembre.", "2026-11-12"),
        ("ru", "Министр даст показания в четверг, 12 ноября.", "2026-11-12"),
        # the year before publication, where the weekday falls there
        ("en", "He was arraigned on Tuesday, Feb. 17.", "2026-02-17"),
    ],
)
def test_a_weekday_before_a_date_is_that_dates_day(language: str, text: str, day: str) -> None:
    assert _dates(text, language) == [("day", day)]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # the weekday fits no year around publication: the date keeps no year
        ("en", "The hearing is on Monday, November 12.", [("yearless", "2000-11-12")]),
        # no publication date: nothing to pin the year to
        ("fr", "La commission entendra la ministre le jeudi 12 novembre.", None),
        # a weekday and a count are two values
        ("en", "On Monday, 13 people were injured.", [("day", "2026-11-02")]),
        # a weekday and a date apart are two dates
        ("en", "The bridge closed on Monday and reopens on November 12.",
         [("day", "2026-11-02"), ("yearless", "2000-11-12")]),
    ],
)
def test_a_weekday_names_only_the_date_right_after_it(
    language: str, text: str, expected: list[tuple[str, str]] | None
) -> None:
    if expected is None:
        assert _dates(text, language, "") == [("yearless", "2000-11-12")]
    else:
        assert sorted(_dates(text, language)) == sorted(expected)


def _evidence(a: tuple[str, str], b: tuple[str, str], z: float) -> tuple[str, ...]:
    article = Article(id="x", text="x", language="en")
    claim = Claim(id="x#0", article_id="x", text="x", start=0, end=1, article=article)
    found = pair_evidence(
        Pair(claim, claim, 0.9, found_by=(Channel.NEIGHBOURS,), z=z),
        claim_facts(a[1], a[0], PUBLISHED), claim_facts(b[1], b[0], PUBLISHED),
        lambda x, y: 0.0, 2.5, min_frame_z=3.0, name_z=3.0, max_ratio=5.0, date_z=4.0,
    )
    return found.same_values


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("en", "The committee invited the minister to testify on Thursday, November 12."),
         ("fr", "La commission entendra la ministre le jeudi 12 novembre.")),
        (("de", "Das Parlament stimmt am 20. November über den Haushalt ab."),
         ("pl", "Sejm zagłosuje nad budżetem 20 listopada.")),
    ],
)
def test_claims_told_alike_state_their_one_day_alike(
    a: tuple[str, str], b: tuple[str, str]
) -> None:
    assert len(_evidence(a, b, z=4.0)) == 1
    # not for claims less alike: a day shared by chance vouches for nothing
    assert _evidence(a, b, z=1.0) == ()


def test_two_different_days_are_never_stated_alike() -> None:
    assert _evidence(
        ("en", "The committee invited the minister to testify on Thursday, November 12."),
        ("it", "La commissione ascolterà la ministra martedì 10 novembre."),
        z=4.0,
    ) == ()
