"""Each article's one figure for one thing is one figure told twice: a toll, an opening's date.

"Five people are still missing" and "Siedem osób wciąż uznaje się za zaginione" share no word a
small embedder matches and little else: two short sentences. But where each is its article's
only figure for the missing (told once, or the same figure told twice), the two are one toll
told two ways, and the choice weighs as evidence of one event (``Channel.ONE_FIGURE``); so are
each article's one date of one thing's opening, building or founding. Not where an article
gives two figures for it (an earlier event's toll, a toll that rose, two openings), nor figures
far apart, nor two different things counted or opened. Sentences written for this test, in
eight languages.
"""

from __future__ import annotations

import numpy as np

from checker.config import Config
from checker.pipeline import pairs_by_one_figures
from checker.records import Baseline, Channel, Pair
from checker.rules.figures import one_figures
from checker.rules.pairing import Floor
from tests.test_measure_mates import _conflicts, _ids, _story


def test_each_articles_one_toll_meets_the_others() -> None:
    claims, story, facts = _story(
        ("en", ["The ferry sank on Sunday.", "Five people are still missing."]),
        ("pl", ["Prom zatonął w niedzielę.", "Siedem osób wciąż uznaje się za zaginione."]),
        # the same figure told twice is still one toll
        ("fr", ["Six personnes sont portées disparues.", "Le bilan reste de six disparus."]),
        ("nl", ["De veerboot zonk zondag.", "Er worden nog zes mensen vermist."]),
    )
    assert _ids(claims, one_figures([story], claims, facts)) == {
        ("n0#1", "n1#1"), ("n0#1", "n2#0"), ("n0#1", "n2#1"), ("n0#1", "n3#1"),
        ("n1#1", "n2#0"), ("n1#1", "n2#1"), ("n1#1", "n3#1"),
        ("n2#0", "n3#1"), ("n2#1", "n3#1"),
    }


def test_must_not_fire() -> None:
    for articles in [
        # two figures for the dead in one article: which meets the other's, not known
        (("it", ["Nove persone sono morte nel crollo.",
                 "Nel 2019 un altro crollo uccise 14 persone."]),
         ("de", ["Zehn Menschen kamen ums Leben."],)),
        # far apart: as often two events' tolls
        (("es", ["Murieron 4 personas."]), ("pt", ["O acidente matou 40 pessoas."])),
        # the dead against the injured
        (("cs", ["Při nehodě zemřelo osm lidí."]), ("ru", ["Девять человек получили ранения."])),
        # a part of the toll, not the toll ("two officers")
        (("en", ["Two officers were injured."]), ("de", ["Drei Polizisten wurden verletzt."])),
    ]:
        claims, story, facts = _story(*articles)
        assert one_figures([story], claims, facts) == set(), articles


def test_tagged_where_found_and_added_where_not() -> None:
    claims, story, facts = _story(
        ("en", ["The ferry sank on Sunday.", "Five people are still missing."]),
        ("pl", ["Prom zatonął w niedzielę.", "Siedem osób wciąż uznaje się za zaginione."]),
        ("nl", ["De veerboot zonk zondag.", "Er worden nog zes mensen vermist."]),
    )
    vectors = np.eye(len(claims))
    floors = {"s": Floor(0.9, Baseline(0.0, 0.1))}
    found = [Pair(claims[1], claims[3], 0.2, z=0.2, found_by=(Channel.TOLL,), story="s")]
    pairs = pairs_by_one_figures([story], claims, vectors, found, floors, facts, Config())
    assert {(p.a.id, p.b.id): p.found_by for p in pairs} == {
        ("n0#1", "n1#1"): (Channel.TOLL, Channel.ONE_FIGURE),
        ("n0#1", "n2#1"): (Channel.ONE_FIGURE,),
        ("n1#1", "n2#1"): (Channel.ONE_FIGURE,),
    }


def test_one_toll_each_weighs_as_an_anchor() -> None:
    """Two short sentences, far apart as a whole: the toll counted on both sides is not
    enough to flag them; each its article's one figure for it is."""
    a = ("Five people are still missing.", "en")
    b = ("Siedem osób wciąż uznaje się za zaginione.", "pl")
    gate = Config().same_event_min
    found, alone = _conflicts(a, b, (Channel.TOLL,), frame=0.0)
    assert found and alone < gate
    found, each = _conflicts(a, b, (Channel.TOLL, Channel.ONE_FIGURE), frame=0.0)
    assert found and each >= gate and each > alone


def test_each_articles_one_date_of_an_opening_meets_the_others() -> None:
    claims, story, facts = _story(
        ("pt", ["A barragem cedeu no domingo.", "A barragem foi inaugurada em 1966."]),
        ("nl", ["De dam begaf het zondag.", "De stuwdam werd in 1962 geopend."]),
        ("cs", ["Hráz se v neděli protrhla.", "Přehrada byla otevřena v roce 1962."]),
    )
    assert _ids(claims, one_figures([story], claims, facts)) == {
        ("n0#1", "n1#1"), ("n0#1", "n2#1"), ("n1#1", "n2#1")}


def test_openings_must_not_fire() -> None:
    for articles in [
        # two openings told in one article: which meets the other's, not known
        (("en", ["The dam opened in 1962.", "A second dam opened in 1971."]),
         ("de", ["Der Staudamm wurde 1966 eröffnet."])),
        # the dam's opening is not the museum's
        (("en", ["The dam opened in 1962."]), ("it", ["Il museo è stato inaugurato nel 1966."])),
        # an opening is not a building
        (("en", ["The dam opened in 1962."]), ("nl", ["De dam werd in 1958 gebouwd."])),
    ]:
        claims, story, facts = _story(*articles)
        assert one_figures([story], claims, facts) == set(), articles
