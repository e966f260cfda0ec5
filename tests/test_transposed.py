"""One figure with its digits in another order is one figure miscopied.

"Daarbij gaan 1.420 banen verloren" against "cutting 1,240 jobs", "168 pasajeros" against "186
passengers": the same significant digits (three or more) in another order, of one kind and unit,
are one figure told twice with a slip, whatever the words around each (which a small embedder
matches poorly across languages). Such claims are paired (``Channel.DIGITS``), the two figures
meet as one, and the shared digits weigh like one toll told twice. Never two digits ("45" /
"54" is as often chance), never dates, tallies or ages, never two kinds or units, never a figure
stated alike. Sentences written for this test, in eight languages.
"""

from __future__ import annotations

import numpy as np
import pytest

from checker.config import Config
from checker.pipeline import claim_facts_for
from checker.records import Article, Baseline, Channel, Claim, Pair
from checker.rules.evidence import claim_facts, pair_evidence
from checker.rules.figures import digit_key, pairs_by_digits, transposed
from checker.rules.pairing import Floor
from checker.rules.stories import Story


def _value(text: str, language: str):
    (value,) = [v for v in claim_facts(text, language).values if v.kind != "date"]
    return value


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("Daarbij gaan 1.420 banen verloren.", "nl"), ("The plant is cutting 1,240 jobs.", "en")),
        (("El avión llevaba 168 pasajeros.", "es"), ("Na pokładzie było 186 pasażerów.", "pl")),
        (("Der Streik ließ 212.000 Beamte ohne Lohn.", "de"),
         ("La grève a privé 221 000 fonctionnaires de salaire.", "fr")),
        (("Il danno ammonta a 3,15 milioni di euro.", "it"),
         ("Škoda činí 3,51 milionu eur.", "cs")),
    ],
)
def test_the_same_digits_in_another_order(a: tuple[str, str], b: tuple[str, str]) -> None:
    x, y = _value(*a), _value(*b)
    assert digit_key(x) and transposed(x, y) and transposed(y, x)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # two digits: as often chance
        (("Ilona Varesk, 45, resigned.", "en"), ("Marek Dahl, 54, resigned.", "en")),
        (("Sono morte 45 persone.", "it"), ("Zginęły 54 osoby.", "pl")),
        # another kind: a sum against a count
        (("The plant is cutting 1,240 jobs.", "en"), ("Der Schaden beträgt 1.420 Euro.", "de")),
        # the same figure
        (("The plant is cutting 1,240 jobs.", "en"), ("Daarbij gaan 1.240 banen verloren.", "nl")),
        # other digits
        (("The plant is cutting 1,240 jobs.", "en"), ("Daarbij gaan 1.250 banen verloren.", "nl")),
        # a figure told loosely or as a bound: no exact digits to miscopy
        (("About 1,240 jobs will go.", "en"), ("Daarbij gaan 1.420 banen verloren.", "nl")),
        (("More than 1,240 jobs will go.", "en"), ("Daarbij gaan 1.420 banen verloren.", "nl")),
    ],
)
def test_must_not_fire(a: tuple[str, str], b: tuple[str, str]) -> None:
    xs = [v for v in claim_facts(*a).values if v.kind != "date"]
    ys = [v for v in claim_facts(*b).values if v.kind != "date"]
    assert not any(transposed(x, y) for x in xs for y in ys)


def test_years_are_no_figures_here() -> None:
    (x,) = claim_facts("The bridge opened in 1974.", "en").values
    (y,) = claim_facts("De brug werd in 1947 geopend.", "nl").values
    assert not transposed(x, y)


def _claims(*texts: tuple[str, str]) -> tuple[list[Claim], Story]:
    claims = []
    for n, (text, language) in enumerate(texts):
        article = Article(id=f"n{n}", text=text, language=language)
        claims.append(Claim(f"n{n}#0", article.id, text, 0, len(text), article=article))
    return claims, Story("s", tuple(c.article_id for c in claims))


def test_claims_with_one_figure_miscopied_are_paired() -> None:
    claims, story = _claims(
        ("Daarbij gaan 1.420 banen verloren.", "nl"),
        ("The plant is cutting 1,240 jobs.", "en"),
        ("Se perderán 1.240 empleos.", "es"),  # the same figure as the English: not miscopied
        ("Die Anlage hat 1.420 Quadratmeter.", "de"),  # the Dutch figure itself
    )
    facts = claim_facts_for(claims, Config())
    vectors = np.eye(len(claims))
    floors = {"s": Floor(0.9, Baseline(0.0, 0.1))}
    pairs = pairs_by_digits([story], claims, vectors, [], floors, facts, Config())
    assert sorted((p.a.id, p.b.id) for p in pairs) == [
        ("n0#0", "n1#0"), ("n0#0", "n2#0"), ("n1#0", "n3#0"), ("n2#0", "n3#0")]
    assert all(p.found_by == (Channel.DIGITS,) for p in pairs)


def test_the_figures_meet_and_weigh_like_a_toll() -> None:
    a = claim_facts("Daarbij gaan 1.420 banen verloren.", "nl")
    b = claim_facts("The plant will close in March, cutting 1,240 jobs.", "en")
    claims, _ = _claims(("x", "nl"), ("y", "en"))
    found = pair_evidence(
        Pair(claims[0], claims[1], 0.3, found_by=(Channel.DIGITS,), z=2.0), a, b,
        lambda x, y: 0.0, Config().same_event_z, min_frame_z=Config().frame_z,
        max_ratio=Config().max_value_ratio,
    )
    assert [c.kind for c in found.conflicts] == ["number"]
    assert any(r.startswith("the same digits in another order") for r in found.reasons)
    assert found.same_event >= Config().same_event_min
