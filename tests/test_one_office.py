"""Claims naming one office held by rival names are candidates, however unlike.

"Trumps Rivalin Hillary Trump" and "Trump's Democratic rival, Hillary Clinton" are said in
passing, in sentences about other things, so similarity rarely pairs them; one office
(``names.toml [offices]``) held on each side by names that clash (``names.name_conflict``)
is one slot, and the pair is found by ``Channel.OFFICE``. Sentences written for this test.
"""

from __future__ import annotations

import numpy as np

from checker.config import Config
from checker.pipeline import pairs_by_offices
from checker.records import Baseline, Channel
from checker.rules.pairing import Floor
from tests.test_measure_mates import _story


def test_claims_naming_one_office_held_by_rival_names_are_paired() -> None:
    claims, story, facts = _story(
        ("de", ["Die Wahl ist vorbei.", "Das Team von Trumps Rivalin Hillary Trump klagte."]),
        ("en", ["The election is over.", "Trump's Democratic rival, Hillary Clinton, sued."]),
        # the same rival on the third side: no clash with the second, one with the first
        ("fr", ["L'élection est finie.", "Sa rivale Hillary Clinton a porté plainte."]),
        # one office held by people sharing no name; rival names in two offices: no pair
        ("it", ["Le elezioni sono finite.", "Il suo avvocato Marco Galli ha fatto ricorso."]),
        ("es", ["Las elecciones terminaron.", "Su abogado Pedro Gil recurrió."]),
        ("pl", ["Wybory się skończyły.", "Rzecznik Marco Gil zaprzeczył."]),
    )
    vectors = np.eye(len(claims), dtype=np.float64)  # nothing alike by similarity
    floors = {"s": Floor(0.9, Baseline(0.0, 0.1))}
    pairs = pairs_by_offices([story], claims, vectors, [], floors, facts, Config())
    assert sorted((p.a.id, p.b.id) for p in pairs) == [("n0#1", "n1#1"), ("n0#1", "n2#1")]
    assert all(p.found_by == (Channel.OFFICE,) for p in pairs)
    assert pairs_by_offices([story], claims, vectors, pairs, floors, facts, Config()) == []
