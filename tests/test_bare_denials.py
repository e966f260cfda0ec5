"""A denial of a happening, told outright, against a claim that tells it happened.

"No one has been arrested" and "The captain was arrested on Monday" share almost no words, so
their similarity is near the unrelated band and the same-event gate held every such pair back.
Within one story such a bare denial is of the story's happening: one proposition denied and
told (``evidence.bare_denials``). A denial of a group ("none of the associates"), beside a date
or a figure, or against a hedge is not. The pronoun may also stand after its happening
("Verletzt wurde niemand", "have not detained anyone", "n'a interpellé personne"). Sentences
written for this test.
"""

from __future__ import annotations

import pytest

from checker.config import Config
from checker.records import NliScores, Pair
from checker.rules.evidence import bare_denials, claim_facts
from checker.rules.values import extract_values
from checker.rules.verdict import CONTRADICTION, decide
from tests.test_dates_bound import A, B
from tests.test_evidence import across


def zero_of(text: str, language: str) -> tuple[str, str]:
    """(thing, role) of the one count of none in ``text``; ("", "") without one."""
    zeros = [v for v in extract_values(text, language) if v.kind == "count" and v.high == 0]
    return (zeros[0].thing, zeros[0].role) if zeros else ("", "")


@pytest.mark.parametrize(
    ("text", "language", "thing"),
    [
        ("Verletzt wurde nach Angaben der Polizei niemand.", "de", "injured"),
        ("Police have not detained anyone in connection with the fire.", "en", "arrested"),
        ("The police haven't arrested anybody yet.", "en", "arrested"),
        ("La police n'a interpellé personne.", "fr", "arrested"),
        ("Non è stato arrestato nessuno.", "it", "arrested"),
        ("Nie zatrzymano nikogo.", "pl", "arrested"),
        ("Nikt nie został zatrzymany.", "pl", "arrested"),
        ("Никого не задержали.", "ru", "arrested"),
        ("Nikdo nebyl zatčen.", "cs", "arrested"),
        ("La policía no ha practicado ninguna detención.", "es", "arrested"),
    ],
)
def test_none_of_a_happening_in_any_word_order(text: str, language: str, thing: str) -> None:
    assert zero_of(text, language) == (thing, "")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("It was not clear whether anyone was hurt.", "en"),  # a question, not a denial
        ("Anyone who was injured should call the hotline.", "en"),  # no negation
        ("Une personne a été interpellée dans la nuit.", "fr"),  # a person, not nobody
        ("On ne sait pas si quelqu'un a été blessé.", "fr"),
    ],
)
def test_no_count_of_none_without_a_negation(text: str, language: str) -> None:
    assert zero_of(text, language) == ("", "")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("None of the associates has been charged with a crime.", "en"),
        ("Nessuno dei feriti è in pericolo di vita.", "it"),
        ("Ninguno de los heridos está grave.", "es"),
    ],
)
def test_none_of_a_group_is_a_part(text: str, language: str) -> None:
    assert zero_of(text, language)[1] == "part"


DENIED_AND_TOLD = [
    ("No one has been arrested so far.", "en",
     "Il capitano è stato arrestato lunedì per negligenza.", "it"),
    ("Verletzt wurde nach Angaben der Polizei niemand.", "de",
     "Tres agentes resultaron heridos leves durante la protesta.", "es"),
    ("Police have not detained anyone, a spokeswoman said.", "en",
     "O director da fábrica foi detido na quarta-feira à noite.", "pt"),
    ("Nikt nie został zatrzymany.", "pl",
     "Deux agents de sécurité ont été interpellés dans la nuit.", "fr"),
    ("No one has been arrested.", "en", "Полиция задержала директора в среду.", "ru"),
    ("Ninguém foi acusado até agora.", "pt", "De machinist is aangeklaagd.", "nl"),
]


@pytest.mark.parametrize(("a", "la", "b", "lb"), DENIED_AND_TOLD)
def test_a_bare_denial_against_the_happening_is_one_proposition(
    a: str, la: str, b: str, lb: str
) -> None:
    """At a similarity near the unrelated band (z 0.2) the pair passes the same-event gate
    (0.6) on the denial alone, and carries its conflict."""
    found = across(a, la, b, lb, z=0.2)
    assert found.same_event >= 0.6 and found.conflicts, found
    assert any("denied on one side" in r for r in found.reasons)
    assert bare_denials(claim_facts(b, lb), claim_facts(a, la))  # either side first


@pytest.mark.parametrize(
    ("a", "la", "b", "lb"),
    [
        # a group: the associates, not the one charged
        ("None of the associates has been charged with a crime.", "en",
         "Il consulente è stato accusato di falso.", "it"),
        # beside a date: a narrower denial ("in the second blast on 3 May")
        ("Nobody was hurt in the second blast on 3 May.", "en",
         "Drei Arbeiter wurden verletzt.", "de"),
        # a hedge on the other side asserts nothing
        ("No one has been arrested.", "en", "Police may arrest the manager soon.", "en"),
        # another thing: none arrested, some injured
        ("Nadie fue detenido.", "es", "Tre persone sono rimaste ferite.", "it"),
        # a denial against a denial
        ("Nadie fue detenido.", "es", "La police n'a interpellé personne.", "fr"),
        # ... its negation after the thing's word ("задержаний не проводилось")
        ("Police said that no arrests had been made.", "en",
         "В полиции сообщили, что задержаний не проводилось.", "ru"),
        ("No one has been arrested.", "en", "Zatrzymań nie było.", "pl"),
    ],
)
def test_no_bare_denial(a: str, la: str, b: str, lb: str) -> None:
    found = across(a, la, b, lb, z=0.2)
    assert not bare_denials(claim_facts(a, la), claim_facts(b, lb))
    assert found.same_event < 0.6


def test_the_verdict_is_a_contradiction() -> None:
    """NLI neutral both ways (a weak model, or one that does not read the language): the
    denial carries the row."""
    a, la, b, lb = DENIED_AND_TOLD[0]
    neutral = NliScores(0.1, 0.8, 0.1)
    p = Pair(A, B, 0.7, z=0.2)
    found = decide(p, neutral, neutral, Config(), evidence=across(a, la, b, lb, z=0.2))
    assert found.label == CONTRADICTION


@pytest.mark.parametrize(
    ("a", "la", "b", "lb", "expected"),
    [
        # none of a degree against some of it: a conflict
        ("Eleven people were hurt, and no one was seriously hurt.", "en",
         "Eleven people were injured on the way out, two of them seriously.", "en", True),
        ("Two people were seriously injured.", "en",
         "Tres personas resultaron gravemente heridas.", "es", True),
        # none at all against some with a degree: a conflict
        ("Verletzt wurde nach Angaben der Polizei niemand.", "de",
         "Three police officers were lightly injured.", "en", True),
        # must not fire: a part against the whole, two degrees
        ("Eleven people were hurt, and no one was seriously hurt.", "en",
         "Podczas ewakuacji rannych zostało 11 osób.", "pl", False),
        ("Two people were seriously injured.", "en", "Eleven people were injured.", "en", False),
        ("No one was seriously hurt.", "en", "Three people were lightly injured.", "en", False),
    ],
)
def test_degrees_of_a_thing(a: str, la: str, b: str, lb: str, expected: bool) -> None:
    found = across(a, la, b, lb, z=1.5)
    assert bool(found.conflicts) is expected, [c.text for c in found.conflicts]
