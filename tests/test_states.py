"""One person's condition told two ways is a state conflict.

"Marren is in critical condition" against "Marren è fuori pericolo": each language's
``[states.condition]`` words (values.toml) name a class of one group of exclusive states,
"severe" or "fine". Two claims each about the same one person (named, or named by the sentence
before a claim that names no one), or told alike, each telling one class, different ones,
cannot both hold; one person's condition told twice weighs like a toll. Never where a claim
tells both classes ("critical but stable", two people's conditions), never of two people.
Sentences written for this test, in ten languages.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from checker.config import Config
from checker.records import Article, Channel, Claim, Pair
from checker.rules.evidence import ClaimFacts, claim_facts, pair_evidence
from checker.rules.names import person_names
from checker.rules.values import states_of

SEVERE = [
    ("en", "Ilona Varesk remained in critical condition on Sunday."),
    ("de", "Ilona Varesk schwebt weiter in Lebensgefahr."),
    ("fr", "Ilona Varesk était toujours dans un état critique dimanche."),
    ("es", "Ilona Varesk sigue en estado grave."),
    ("it", "Ilona Varesk è ancora in gravi condizioni."),
    ("nl", "Ilona Varesk verkeert nog in kritieke toestand."),
    ("pl", "Ilona Varesk wciąż jest w stanie krytycznym."),
    ("pt", "Ilona Varesk continua em estado crítico."),
    ("ru", "Илона Вареск по-прежнему находится в критическом состоянии."),
    ("cs", "Ilona Vareská je stále v kritickém stavu."),
]

FINE = [
    ("en", "Ilona Varesk is out of danger, doctors said."),
    ("de", "Ilona Varesk ist außer Lebensgefahr."),
    ("fr", "Selon l'hôpital, Ilona Varesk est désormais hors de danger."),
    ("es", "Ilona Varesk está fuera de peligro."),
    ("it", "Ilona Varesk è fuori pericolo."),
    ("nl", "Ilona Varesk is buiten levensgevaar."),
    ("pl", "Ilona Varesk jest w stanie stabilnym."),
    ("pt", "Ilona Varesk está fora de perigo."),
    ("ru", "Жизни Илоны Вареск ничего не угрожает, она в стабильном состоянии."),
    ("cs", "Ilona Vareská je mimo ohrožení života."),
]


@pytest.mark.parametrize(("language", "text"), SEVERE)
def test_severe(language: str, text: str) -> None:
    assert [(s.group, s.kind) for s in states_of(text, language)] == [("condition", "severe")]


@pytest.mark.parametrize(("language", "text"), FINE)
def test_fine(language: str, text: str) -> None:
    assert {(s.group, s.kind) for s in states_of(text, language)} == {("condition", "fine")}


def test_the_longer_words_win_and_both_classes_stay_both() -> None:
    # "Lebensgefahr" inside "außer Lebensgefahr" is no severe state
    assert [s.kind for s in states_of("Er ist außer Lebensgefahr.", "de")] == ["fine"]
    # overlapping words of one class: the longer is the one shown
    assert [s.text for s in states_of("He is in critical condition.", "en")] == [
        "critical condition"]
    assert [s.kind for s in states_of("Nie jest w stanie zagrożenia życia.", "pl")] == ["severe"]
    assert {s.kind for s in states_of("She is in critical but stable condition.", "en")} == {
        "severe", "fine"}
    assert states_of("The stable was critical to the farm.", "en") == ()
    assert [s.kind for s in states_of("Son pronostic vital n'est plus engagé.", "fr")] == ["fine"]


def _evidence(a: ClaimFacts, b: ClaimFacts, z: float = 0.5):
    article = Article(id="x", text="x", language="en")
    claim = Claim(id="x#0", article_id="x", text="x", start=0, end=1, article=article)
    return pair_evidence(
        Pair(claim, claim, 0.3, found_by=(Channel.NEIGHBOURS,), z=z), a, b,
        lambda x, y: 0.0, Config().same_event_z, min_frame_z=Config().frame_z,
    )


def _facts(language: str, text: str, before: str = "") -> ClaimFacts:
    facts = claim_facts(text, language, "2026-03-04")
    return replace(facts, before=person_names(before, "en")) if before else facts


@pytest.mark.parametrize("k", range(len(SEVERE)))
def test_one_persons_condition_told_two_ways_clashes(k: int) -> None:
    found = _evidence(_facts(*SEVERE[k]), _facts(*FINE[(k + 4) % len(FINE)]))
    assert [c.kind for c in found.conflicts] == ["state"], (SEVERE[k], found.conflicts)
    assert "one person's condition stated on both sides" in found.reasons
    assert found.same_event >= Config().same_event_min


def test_the_person_named_before_bears_it() -> None:
    told = _facts("en", "He was in critical condition and undergoing surgery.",
                  before="Among the injured was Ilona Varesk.")
    found = _evidence(told, _facts(*FINE[4]))
    assert [c.kind for c in found.conflicts] == ["state"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # two people: whose condition is whose, not known
        (("en", "Ilona Varesk is out of danger."),
         ("de", "Marek Dahl schwebt in Lebensgefahr.")),
        (("en", "Ilona Varesk and Marek Dahl remained in critical condition."), FINE[4]),
        # both classes on one side
        (("en", "Ilona Varesk is in critical but stable condition."), FINE[3]),
        # the same class
        (SEVERE[0], SEVERE[5]),
        (FINE[1], FINE[7]),
        # no one on either side, far apart as a whole
        (("en", "One victim remained in critical condition."),
         ("it", "Un ferito è fuori pericolo.")),
    ],
)
def test_must_not_fire(a: tuple[str, str], b: tuple[str, str]) -> None:
    assert _evidence(_facts(*a), _facts(*b)).conflicts == ()


def test_claims_told_alike_of_no_one_clash() -> None:
    a = _facts("en", "The injured officer remained in critical condition.")
    b = _facts("it", "L'agente ferito è fuori pericolo.")
    assert _evidence(a, b).conflicts == ()
    assert [c.kind for c in _evidence(a, b, z=3.0).conflicts] == ["state"]
