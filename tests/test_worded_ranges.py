"""A figure told as a range in words is one figure somewhere in that range.

"Between 30 and 40 people died" against "35 people died" agree: read as two counts, the 40 met the
35 and the pair was flagged. Each language's ``[numbers] between`` and ``between_join`` words
("zwischen … und", "od … do", "между … и") make the two numbers one value with an interval, as
"30-40" already was; a bare first number takes the second's kind ("between 30 and 40 percent").
Never "rose from 30 to 40" (a change, not a range), never dates (their own ranges). Sentences
written for this test, in ten languages.
"""

from __future__ import annotations

import pytest

from checker.records import Article, Channel, Claim, Pair
from checker.rules.evidence import claim_facts, pair_evidence

RANGES = [
    ("en", "Between 30 and 40 people died in the fire."),
    ("de", "Zwischen 30 und 40 Menschen starben bei dem Brand."),
    ("fr", "Entre 30 et 40 personnes sont mortes dans l'incendie."),
    ("es", "Entre 30 y 40 personas murieron en el incendio."),
    ("it", "Tra 30 e 40 persone sono morte nell'incendio."),
    ("nl", "Tussen de 30 en 40 mensen kwamen om bij de brand."),
    ("pl", "Od 30 do 40 osób zginęło w pożarze."),
    ("pt", "Entre 30 e 40 pessoas morreram no incêndio."),
    ("ru", "От 30 до 40 человек погибли при пожаре."),
    ("cs", "Při požáru zemřelo mezi 30 a 40 lidmi."),
]


@pytest.mark.parametrize(("language", "text"), RANGES)
def test_one_value_with_an_interval(language: str, text: str) -> None:
    (value,) = claim_facts(text, language).values
    assert (value.kind, value.low, value.high, value.bound) == ("count", 30, 40, "range")


def test_the_first_number_takes_the_seconds_kind() -> None:
    (share,) = claim_facts("Between 30 and 40 percent of voters backed him.", "en").values
    assert (share.kind, share.low, share.high) == ("percent", 30, 40)
    (lasted,) = claim_facts("Die Gespräche dauerten zwischen 10 und 12 Stunden.", "de").values
    assert (lasted.kind, lasted.low, lasted.high) == ("duration", 10, 12)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "The toll rose from 30 to 40 on Monday."),  # a change
        ("de", "Die Zahl der Toten stieg von 30 auf 40."),
        ("en", "Between 40 and 30 votes were counted twice."),  # not a range in order
    ],
)
def test_must_not_merge(language: str, text: str) -> None:
    assert not any(v.bound == "range" for v in claim_facts(text, language).values)


def test_dates_keep_their_own_ranges() -> None:
    (span,) = claim_facts("The audit covered the years between 2009 and 2016.", "en").values
    assert span.kind == "date" and span.unit == "range"


def _conflicts(a: tuple[str, str], b: tuple[str, str]) -> list[str]:
    article = Article(id="x", text="x", language="en")
    claim = Claim("x#0", "x", "x", 0, 1, article=article)
    found = pair_evidence(
        Pair(claim, claim, 0.9, found_by=(Channel.NEIGHBOURS,), z=4.0),
        claim_facts(a[1], a[0]), claim_facts(b[1], b[0]), lambda x, y: 5.0, 2.5,
        min_frame_z=3.0, max_ratio=5.0,
    )
    return [c.text for c in found.conflicts]


@pytest.mark.parametrize("k", range(len(RANGES)))
def test_a_figure_inside_the_range_agrees_one_outside_clashes(k: int) -> None:
    language = RANGES[k][0]
    inside = {"en": "35 people died in the fire.", "de": "Bei dem Brand starben 35 Menschen.",
              "fr": "35 personnes sont mortes.", "es": "Murieron 35 personas.",
              "it": "Sono morte 35 persone.", "nl": "Er kwamen 35 mensen om.",
              "pl": "Zginęło 35 osób.", "pt": "Morreram 35 pessoas.",
              "ru": "Погибли 35 человек.", "cs": "Zemřelo 35 lidí."}[language]
    assert _conflicts(RANGES[k], (language, inside)) == []
    outside = inside.replace("35", "45")
    assert _conflicts(RANGES[k], (language, outside)), (RANGES[k], outside)
