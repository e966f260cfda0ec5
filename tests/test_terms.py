"""A term one person is said to use on one side and to refuse on the other is one proposition
denied and told.

"Obama called it an “act of terror”" against "Obama refused to call it an “act of terror”": each
claim's short quoted spans are read with who bears them (the person named nearest before) and
whether a negation or refusal word of the language stands before them in their clause. Terms
alike (compared like two values' frames) that one person bears on both sides, denied on one
side only, are a ``negation`` conflict; alike either way they are shared like a value. Never
between different people, never where both sides deny or both use the term, never when no one
bears it. Sentences written for this test, in ten languages.
"""

from __future__ import annotations

import pytest

from checker.config import Config
from checker.records import Article, Channel, Claim, Pair
from checker.rules.evidence import claim_facts, pair_evidence
from checker.rules.names import person_names
from checker.rules.terms import TERM_WORDS, quoted_terms

DENIED = [
    ("en", "Senator Ana Rebro refused to call the raid a “massacre” on Monday."),
    ("de", "Senatorin Ana Rebro weigerte sich, den Angriff ein „Massaker“ zu nennen."),
    ("es", "La senadora Ana Rebro se negó a calificar el ataque de “masacre”."),
    ("fr", "La sénatrice Ana Rebro a refusé de qualifier l'attaque de « massacre »."),
    ("it", "La senatrice Ana Rebro non ha definito l'attacco un “massacro”."),
    ("nl", "Senator Ana Rebro weigerde de aanval een „bloedbad” te noemen."),
    ("pl", "Senator Ana Rebro odmówiła nazwania ataku „masakrą”."),
    ("pt", "A senadora Ana Rebro evitou chamar o ataque de “massacre”."),
    ("ru", "Сенатор Ана Ребро отказалась называть нападение «резнёй»."),
    ("cs", "Senátorka Ana Rebro nenazvala útok „masakrem“."),
]

USED = [
    ("en", "Senator Ana Rebro called the raid a “massacre” on Monday."),
    ("de", "Senatorin Ana Rebro nannte den Angriff ein „Massaker“."),
    ("es", "La senadora Ana Rebro calificó el ataque de “masacre”."),
    ("fr", "La sénatrice Ana Rebro a qualifié l'attaque de « massacre »."),
    ("it", "La senatrice Ana Rebro ha definito l'attacco un “massacro”."),
    ("nl", "Senator Ana Rebro noemde de aanval een „bloedbad”."),
    ("pl", "Senator Ana Rebro nazwała atak „masakrą”."),
    ("pt", "A senadora Ana Rebro chamou o ataque de “massacre”."),
    ("ru", "Сенатор Ана Ребро назвала нападение «резнёй»."),
    ("cs", "Senátorka Ana Rebro označila útok za „masakr“."),
]


def _terms(language: str, text: str):
    return quoted_terms(text, language, person_names(text, language))


@pytest.mark.parametrize(("language", "text"), DENIED)
def test_a_refused_term_is_denied_and_borne_by_the_person_before_it(
    language: str, text: str
) -> None:
    (term,) = _terms(language, text)
    assert term.denied, term
    assert term.bearer is not None and "rebro" in term.bearer.last, term


@pytest.mark.parametrize(("language", "text"), USED)
def test_a_used_term_is_not_denied(language: str, text: str) -> None:
    (term,) = _terms(language, text)
    assert not term.denied and term.bearer is not None, term


def test_not_a_term() -> None:
    # a whole saying is a quotation, not a term
    long = "“" + " ".join(["word"] * (TERM_WORDS + 1)) + "”"
    assert _terms("en", f"Ana Rebro said {long}.") == ()
    # a negation in another clause does not deny it
    (term,) = _terms("en", "Ana Rebro, who did not attend, called it a “massacre”.")
    assert not term.denied
    # no one named before it: no one bears it
    (term,) = _terms("en", "The raid was called a “massacre” by the opposition.")
    assert term.bearer is None


# ---- evidence ---------------------------------------------------------------------------

_ALIKE = {"massacre", "massaker", "masacre", "massacro", "bloedbad", "masakrą", "резнёй",
          "masakrem", "masakr"}


def _frame_z(x: str, y: str) -> float:
    """Terms of one word for the same thing are 5σ alike, everything else 0σ."""
    return 5.0 if x.lower() in _ALIKE and y.lower() in _ALIKE else 0.0


def _evidence(a: tuple[str, str], b: tuple[str, str], published: str = ""):
    fa, fb = (claim_facts(text, language, published) for language, text in (a, b))
    article = Article(id="x", text="x", language="en")
    claim = Claim(id="x#0", article_id="x", text="x", start=0, end=1, article=article)
    return pair_evidence(
        Pair(claim, claim, 0.5, found_by=(Channel.NEIGHBOURS,), z=1.6), fa, fb, _frame_z,
        Config().same_event_z, min_frame_z=Config().frame_z,
    )


@pytest.mark.parametrize("k", range(len(DENIED)))
def test_one_persons_term_denied_and_used_is_a_negation_conflict(k: int) -> None:
    used = USED[(k + 3) % len(USED)]  # another language
    found = _evidence(DENIED[k], used)
    assert [c.kind for c in found.conflicts] == ["negation"], found.conflicts
    assert "not used" in found.conflicts[0].text
    assert any(r.startswith("same term quoted") for r in found.reasons)
    assert found.same_event >= Config().same_event_min


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # another person uses it: nothing said of what Rebro would not say
        (DENIED[0], ("de", "Senator Piet Kolvan nannte den Angriff ein „Massaker“.")),
        # both deny it, both use it
        (DENIED[1], DENIED[5]),
        (USED[2], USED[7]),
        # no one bears the used term
        (DENIED[3], ("en", "The raid was called a “massacre” in the capital.")),
        # another term
        (DENIED[0], ("en", "Senator Ana Rebro called the raid a “tragedy” on Monday.")),
    ],
)
def test_must_not_fire(a: tuple[str, str], b: tuple[str, str]) -> None:
    assert _evidence(a, b).conflicts == ()


def test_another_year_on_one_side_is_a_change_not_a_conflict() -> None:
    found = _evidence(
        ("en", "In 2015 Senator Ana Rebro refused to call the raid a “massacre”."),
        USED[1], published="2026-03-04",
    )
    assert found.conflicts == ()


def test_alike_either_way_the_term_is_shared() -> None:
    found = _evidence(USED[2], USED[7])
    assert any(r.startswith("same term quoted") for r in found.reasons)
