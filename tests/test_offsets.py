"""A time from another happening is no duration: "six minutes into the flight".

A number of minutes or days right before a word that places it from another happening ("into",
"after", "nach", "après", "dopo", "po", "после": ``[dates] offset_after``) tells when something
happened, not how long anything lasted, so it is no value to compare with a duration ("About
six minutes into the flight the crew reported a fire" against "Evacuating the aircraft took
seven minutes"). Where a word of lasting stands before the number ("worked for 18 hours before
the last families were brought out": ``[dates] lasting_before``) it is a duration after all.
Sentences written for this test, in ten languages.
"""

from __future__ import annotations

import pytest

from checker.rules.values import ValueKind, extract_values

OFFSETS = [
    ("About six minutes into the flight the crew reported a fire warning.", "en"),
    ("He was released 12 hours after his arrest.", "en"),
    ("Sechs Minuten nach dem Start meldete die Crew ein Feuer.", "de"),
    ("Six minutes après le décollage, l'équipage a signalé un incendie.", "fr"),
    ("Sei minuti dopo il decollo, l'equipaggio ha segnalato un incendio.", "it"),
    ("Seis minutos después del despegue, la tripulación informó de un incendio.", "es"),
    ("Seis minutos após a descolagem, a tripulação relatou um incêndio.", "pt"),
    ("Zes minuten na de start meldde de bemanning brand.", "nl"),
    ("Sześć minut po starcie załoga zgłosiła pożar.", "pl"),
    ("Šest minut po startu posádka nahlásila požár.", "cs"),
    ("Через шесть минут после взлёта экипаж сообщил о пожаре.", "ru"),
]


@pytest.mark.parametrize(("text", "language"), OFFSETS)
def test_a_time_from_another_happening_is_no_duration(text: str, language: str) -> None:
    assert [v for v in extract_values(text, language) if v.kind == ValueKind.DURATION] == []


DURATIONS = [
    # no word placing it from another happening
    ("Evacuating the aircraft took seven minutes.", "en", 7),
    ("Die Rettungskräfte suchten 36 Stunden lang nach Überlebenden.", "de", 36),
    # "after" before the number: after so long a time of something, its length
    ("Po 36 dniach impasu parlament przyjął budżet.", "pl", 36),
    ("Dopo 38 giorni di paralisi il Senato ha approvato il bilancio.", "it", 38),
    # a word of lasting before the number: how long, whatever follows
    ("Rescue teams worked for 18 hours before the last families were brought out.", "en", 18),
    ("I soccorritori hanno lavorato per 18 ore prima di mettere in salvo le famiglie.", "it", 18),
    ("Les pompiers ont lutté pendant douze heures avant de maîtriser le feu.", "fr", 12),
    ("Ratownicy pracowali przez 20 godzin po katastrofie.", "pl", 20),
    # a compound ("a 38-day standoff") is what lasted, whatever follows it
    ("The Senate passed the budget after a 38-day standoff.", "en", 38),
]


@pytest.mark.parametrize(("text", "language", "value"), DURATIONS)
def test_durations_stay_durations(text: str, language: str, value: float) -> None:
    found = [v.low for v in extract_values(text, language) if v.kind == ValueKind.DURATION]
    assert found == [value], found
