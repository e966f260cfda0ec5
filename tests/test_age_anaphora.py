"""An age in a claim that names no one is the age of the one person the sentence before names.

"Ilona Varesk resigned on Monday. The 58-year-old had served as trade minister for six years":
the second sentence names no one, yet its age is Varesk's, and so meets "Ilona Varesk, the
61-year-old" in another outlet. Not when the sentence before names several people, and not when
an indefinite word brings in someone new ("a 30-year-old man was arrested"). Sentences written
for this test, in seven languages.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from checker.pipeline import claim_facts_for
from checker.records import Article, Claim
from checker.rules.evidence import ClaimFacts, age_bearer, claim_facts, one_persons_age
from checker.rules.names import person_names
from checker.rules.values import ValueKind


def _facts(before: str, text: str, language: str) -> ClaimFacts:
    """Facts of ``text`` read after the sentence ``before`` (its context)."""
    return replace(claim_facts(text, language), before=person_names(before, language))


def _age(facts: ClaimFacts):
    return next(v for v in facts.values if v.kind == ValueKind.AGE)


BORNE = [
    ("Ilona Varesk resigned on Monday.", "The 58-year-old had served as trade minister.", "en"),
    ("Ilona Varesk trat am Montag zurück.", "Die 58-Jährige war sechs Jahre Ministerin.", "de"),
    ("Ilona Varesk s'est retirée lundi.", "Âgée de 58 ans, elle était ministre depuis six ans.",
     "fr"),
    ("Ilona Varesk si è dimessa lunedì.", "La 58enne era ministra da sei anni.", "it"),
    ("Ilona Varesk dimitió el lunes.", "La exministra, de 58 años, ocupaba el cargo.", "es"),
    ("Ilona Vareskowa podała się w poniedziałek do dymisji.",
     "58-letnia polityk kierowała resortem od sześciu lat.", "pl"),
    ("Ilona Vareská v pondělí rezignovala.", "58letá politička vedla ministerstvo šest let.",
     "cs"),
]


@pytest.mark.parametrize(("before", "text", "language"), BORNE)
def test_the_one_person_named_before_bears_the_age(before: str, text: str, language: str) -> None:
    facts = _facts(before, text, language)
    found = age_bearer(facts, _age(facts))
    assert found is not None and "vare" in found.last, found


def test_it_meets_the_same_persons_age_elsewhere() -> None:
    named = claim_facts("Ilona Varesk, the 61-year-old minister, resigned.", "en")
    told = _facts(*BORNE[1][:2], "de")
    assert one_persons_age(_age(named), _age(told), named, told) is True
    other = claim_facts("Marek Dahl, the 61-year-old minister, resigned.", "en")
    assert one_persons_age(_age(other), _age(told), other, told) is False


@pytest.mark.parametrize(
    ("before", "text", "language"),
    [
        # someone new, not yet named
        ("Police chief Anna Gil spoke on Monday.", "A 30-year-old man was arrested.", "en"),
        ("Polizeichefin Anna Gil sprach am Montag.", "Ein 30-jähriger Mann wurde festgenommen.",
         "de"),
        ("La cheffe de la police Anna Gil a parlé lundi.", "Un homme de 30 ans a été arrêté.",
         "fr"),
        # two people named before: whose, only the words could tell
        ("Ilona Varesk and Marek Dahl resigned on Monday.",
         "The 58-year-old had served as trade minister.", "en"),
        # no one named before
        ("The minister resigned on Monday.", "The 58-year-old had served as trade minister.",
         "en"),
    ],
)
def test_must_not_fire(before: str, text: str, language: str) -> None:
    facts = _facts(before, text, language)
    assert age_bearer(facts, _age(facts)) is None


def test_a_claim_naming_someone_keeps_its_own() -> None:
    facts = _facts("Ilona Varesk resigned on Monday.", "Marek Dahl, 58, takes over.", "en")
    found = age_bearer(facts, _age(facts))
    assert found is not None and found.last == "dahl"


def test_the_pipeline_reads_the_sentence_before() -> None:
    text = "Ilona Varesk resigned on Monday. The 58-year-old had served as trade minister."
    article = Article(id="n0", text=text, language="en")
    first, second = text.split(". ")
    claims = [
        Claim("n0#0", "n0", first + ".", 0, len(first) + 1, context=second, article=article),
        Claim("n0#1", "n0", second, len(first) + 2, len(text), context=first + ".",
              article=article),
    ]
    facts = claim_facts_for(claims, __import__("checker.config").config.Config())
    assert [n.text for n in facts["n0#1"].before] == ["Ilona Varesk"]
    assert facts["n0#0"].before == ()  # it names someone itself
