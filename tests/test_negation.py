"""One proposition and its denial in the same words (checker/rules/negation.py), in ten
languages, with must-not-fire cases; and the verdict it makes when NLI reads one way only."""

from __future__ import annotations

import pytest

from checker.records import Article, Claim, NliScores, Pair
from checker.rules.evidence import claim_facts, pair_evidence
from checker.rules.negation import negated_twin
from checker.rules.verdict import CONTRADICTION, NEUTRAL, decide
from tests.test_verdict import CONFIG

A = Claim(id="a#0", article_id="a", text="A", start=0, end=1, article=Article(id="a", text=''))
B = Claim(id="b#0", article_id="b", text="B", start=0, end=1, article=Article(id="b", text=''))

DENIED = [
    ("en", "The council approved the new budget on Tuesday.",
     "The council did not approve the new budget on Tuesday.", "not"),
    ("en", "The council approved the new budget on Tuesday.",
     "The council didn't approve the new budget on Tuesday.", "not"),
    ("de", "Der Stadtrat hat den neuen Haushalt am Dienstag beschlossen.",
     "Der Stadtrat hat den neuen Haushalt am Dienstag nicht beschlossen.", "nicht"),
    ("de", "Die Reederei hat einen Vertrag mit der Werft unterschrieben.",
     "Die Reederei hat keinen Vertrag mit der Werft unterschrieben.", "keinen"),
    ("fr", "Le conseil a adopté le nouveau budget mardi.",
     "Le conseil n'a pas adopté le nouveau budget mardi.", "n … pas"),
    ("es", "El consejo aprobó el nuevo presupuesto el martes.",
     "El consejo no aprobó el nuevo presupuesto el martes.", "no"),
    ("it", "Il consiglio ha approvato il nuovo bilancio martedì.",
     "Il consiglio non ha approvato il nuovo bilancio martedì.", "non"),
    ("nl", "De gemeenteraad heeft de nieuwe begroting dinsdag goedgekeurd.",
     "De gemeenteraad heeft de nieuwe begroting dinsdag niet goedgekeurd.", "niet"),
    ("pt", "A câmara aprovou o novo orçamento na terça-feira.",
     "A câmara não aprovou o novo orçamento na terça-feira.", "não"),
    ("pl", "Rada miasta przyjęła nowy budżet we wtorek.",
     "Rada miasta nie przyjęła nowego budżetu we wtorek.", "nie"),
    ("ru", "Городской совет утвердил новый бюджет во вторник.",
     "Городской совет не утвердил новый бюджет во вторник.", "не"),
    ("cs", "Zastupitelstvo schválilo nový rozpočet v úterý.",
     "Zastupitelstvo neschválilo nový rozpočet v úterý.", "neschválilo"),
]


@pytest.mark.parametrize(("language", "a", "b", "words"), DENIED)
def test_the_same_words_with_a_negation_deny_them(
    language: str, a: str, b: str, words: str
) -> None:
    """Either way round: the denying side and its negation words."""
    assert negated_twin(a, b, language) == ("b", words)
    assert negated_twin(b, a, language) == ("a", words)


@pytest.mark.parametrize(
    ("language", "a", "b"),
    [
        # more than a negation differs: "only", "longer", another object, another auxiliary
        ("en", "The council approved the new budget on Tuesday.",
         "The council not only approved the new budget on Tuesday."),
        ("en", "The council supports the new budget.",
         "The council no longer supports the new budget."),
        ("en", "The council approved the new budget on Tuesday.",
         "The council did not approve the new bridge on Tuesday."),
        ("en", "The council did not approve the new budget.",
         "The council has not approved the new budget."),
        ("de", "Der Stadtrat hat den Haushalt nicht beschlossen, aber den Bebauungsplan.",
         "Der Stadtrat hat den Haushalt beschlossen, aber nicht den Bebauungsplan."),
        ("it", "Il consiglio ha approvato il bilancio martedì.",
         "Il consiglio non ha ancora approvato il bilancio martedì."),
        # both the same, or too short to be one proposition told twice
        ("es", "El consejo aprobó el presupuesto.", "El consejo aprobó el presupuesto."),
        ("nl", "Het klopt.", "Het klopt niet."),
    ],
)
def test_anything_else_that_differs_is_no_denial(language: str, a: str, b: str) -> None:
    assert negated_twin(a, b, language) == ("", "")


def _verdict(a: str, la: str, b: str, lb: str, forward: NliScores, backward: NliScores):
    pair = Pair(A, B, 0.95, z=4.0)
    evidence = pair_evidence(
        pair, claim_facts(a, la), claim_facts(b, lb), lambda x, y: 0.0, 2.5
    )
    return decide(pair, forward, backward, CONFIG, evidence=evidence)


# the stand-in's asymmetric reading of a negation: contradiction one way, entailment the other
ONE_WAY = (NliScores(0.04, 0.02, 0.94), NliScores(0.93, 0.03, 0.04))


@pytest.mark.parametrize(("language", "a", "b", "words"), DENIED[::3])
def test_a_denial_in_the_same_words_is_a_contradiction(
    language: str, a: str, b: str, words: str
) -> None:
    """NLI's one-way contradiction alone is not trusted; the words show the denial."""
    found = _verdict(a, language, b, language, *ONE_WAY)
    assert (found.label, found.kind) == (CONTRADICTION, "negation")
    assert any(f"adds '{words}'" in r for r in found.reasons)


def test_two_languages_share_no_words_to_compare() -> None:
    """Must not fire: the same sentence in two languages is no twin (the rule compares words
    as written, so the languages must match)."""
    found = _verdict("The council approved the new budget on Tuesday.", "en",
                     "The council did not approve the new budget on Tuesday.", "de", *ONE_WAY)
    assert found.label == NEUTRAL
