"""When a claim tells its figures (checker/rules/evidence.py ``told_of_other_times``): a plan
dated to a later year on one side and undated on the other is one plan; an earlier year, a
target ("by 2030") or a later year against this one are other times, never compared.

Frames score 0σ here (``min_frame_z`` 0), so whether two figures meet is decided by the time
rule alone. Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from checker.records import Pair
from checker.rules.evidence import claim_facts, pair_evidence, told_of_other_times
from checker.rules.values import extract_values, told_as_deadline
from tests.test_evidence import A, B

PUBLISHED = "2025-10-01"  # every article below: a later year is 2026 or after


def _conflicts(a: str, la: str, b: str, lb: str) -> list[str]:
    pair = Pair(A, B, 0.9, z=3.0)
    found = pair_evidence(
        pair, claim_facts(a, la, PUBLISHED), claim_facts(b, lb, PUBLISHED),
        lambda x, y: 0.0, 2.5, min_frame_z=0.0, max_ratio=5.0,
    )
    return [c.kind for c in found.conflicts]


@pytest.mark.parametrize(
    ("a", "la", "b", "lb"),
    [
        # next year's plan told on one side, the plan undated on the other
        ("De uitgaven aan scholen stijgen volgend jaar met 6 procent.", "nl",
         "Spending on schools will rise by 9 percent.", "en"),
        ("Le site de Varn fermera en mars 2027 avec la suppression de 640 emplois.", "fr",
         "Die Schließung kostet 460 Arbeitsplätze.", "de"),
        ("Il governo taglierà l'anno prossimo il 12% dei posti nei ministeri.", "it",
         "El Gobierno recortará el 21 % de los puestos en los ministerios.", "es"),
        ("Wydatki na obronę wzrosną w przyszłym roku o 4 procent.", "pl",
         "Výdaje na obranu vzrostou o 7 procent.", "cs"),
    ],
)
def test_a_plan_dated_on_one_side_only_meets_its_figure(a: str, la: str, b: str, lb: str) -> None:
    assert "number" in _conflicts(a, la, b, lb)


@pytest.mark.parametrize(
    ("a", "la", "b", "lb"),
    [
        # an earlier year: last time's figure, not this one's
        ("In 2019 gingen 640 banen verloren.", "nl", "The closure costs 460 jobs.", "en"),
        # a target against what is now
        ("Renewables should supply 40% of power by 2030.", "en",
         "Erneuerbare liefern 28 % des Stroms.", "de"),
        ("Le rinnovabili dovranno coprire il 40% entro il 2030.", "it",
         "As renováveis cobrem 28% da eletricidade.", "pt"),
        ("Доля возобновляемой энергии должна достичь 40% к 2030 году.", "ru",
         "Obnovitelné zdroje dnes pokrývají 28 % spotřeby.", "cs"),
        # next year's forecast against this year's figure
        ("L'économie croîtra de 2 % l'an prochain.", "fr",
         "La economía crecerá un 1,5 % en 2025.", "es"),
    ],
)
def test_must_not_fire_figures_of_other_times(a: str, la: str, b: str, lb: str) -> None:
    assert "number" not in _conflicts(a, la, b, lb)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Emissions must fall by half by 2030.", "en"),
        ("Bis Ende 2026 sollen 300 Busse fahren.", "de"),
        ("Entro il 2028 saranno assunti 500 medici.", "it"),
        ("К 2030 году в городе построят 12 школ.", "ru"),
        ("Do roku 2029 vznikne 40 nových linek.", "cs"),
    ],
)
def test_a_date_after_a_deadline_word_is_a_target(text: str, lang: str) -> None:
    dates = [v for v in extract_values(text, lang) if v.kind == "date"]
    assert dates and all(told_as_deadline(text, lang, v) for v in dates)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # "for" dates the figure itself: the budget of that year
        ("De begroting voor 2026 bedraagt 4 miljard euro.", "nl"),
        ("El presupuesto para 2026 asciende a 4.000 millones de euros.", "es"),
        ("The bridge opened in 2019.", "en"),
        ("Die Brücke wurde 2019 eröffnet.", "de"),
    ],
)
def test_must_not_fire_a_date_without_a_deadline_word(text: str, lang: str) -> None:
    dates = [v for v in extract_values(text, lang) if v.kind == "date"]
    assert dates and not any(told_as_deadline(text, lang, v) for v in dates)


def test_time_classes_are_symmetric() -> None:
    plan = claim_facts("Spending on schools rises next year by 6 percent.", "en", PUBLISHED)
    undated = claim_facts("Spending on schools rises by 9 percent.", "en", PUBLISHED)
    now = claim_facts("Spending on schools rose by 9 percent in 2025.", "en", PUBLISHED)
    assert not told_of_other_times(plan, undated) and not told_of_other_times(undated, plan)
    assert told_of_other_times(plan, now) and told_of_other_times(now, plan)
    assert not told_of_other_times(now, undated)
