"""Dates bound to their happening, and the z of a pair against its own languages' baseline.

Frames are compared by their words here (no embedder): two frames are the same happening when
most of the words around the dates are the same words.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from checker.config import Config
from checker.records import Article, Baseline, Claim, NliScores, Pair
from checker.rules.evidence import ClaimFacts, actors, claim_facts, pair_evidence
from checker.rules.pairing import Floor
from checker.rules.signals import claim_signals
from checker.rules.verdict import CONTRADICTION, NEUTRAL, decide

A = Claim(id="a#0", article_id="a", text="A", start=0, end=1, article=Article(id="a", text=''))
B = Claim(id="b#0", article_id="b", text="B", start=0, end=1, article=Article(id="b", text=''))
DATE_Z = 4.0


def by_spelling(x: str, y: str) -> float:
    """10σ when two thirds of the frames' words are shared, else 0."""
    left, right = set(x.lower().split()), set(y.lower().split())
    shared = len(left & right) / max(1, min(len(left), len(right)))
    return 10.0 if shared >= 2 / 3 else 0.0


def facts_of(text: str, language: str) -> ClaimFacts:
    """A claim's facts with its signals, as the pipeline reads them (speech verbs included)."""
    said = claim_facts(text, language, "2024-05-10")
    return replace(said, signals=claim_signals(text, language))


def conflicts(a: str, b: str, language: str, z: float = 3.0, date_z: float = DATE_Z):
    """Date conflicts of a pair told alike as a whole (z 3.0, over same_event_z 2.5): which
    date meets which is what the frames around them bind."""
    found = pair_evidence(
        Pair(A, B, 0.8, z=z),
        facts_of(a, language),
        facts_of(b, language),
        by_spelling,
        2.5,
        min_frame_z=3.0,
        name_z=3.0,
        max_ratio=5.0,
        date_z=date_z,
    )
    return [c.text for c in found.conflicts if c.kind == "date"]


@pytest.mark.parametrize(
    ("language", "a", "b"),
    [
        ("en", "The bridge reopened on 3 March 2023 after the flood of 2019.",
         "The bridge reopened on 9 March 2023 after the flood of 2019."),
        ("de", "Die Brücke wurde am 3. März 2023 nach dem Hochwasser von 2019 wieder geöffnet.",
         "Die Brücke wurde am 9. März 2023 nach dem Hochwasser von 2019 wieder geöffnet."),
        ("es", "El puente reabrió el 3 de marzo de 2023 tras la riada de 2019.",
         "El puente reabrió el 9 de marzo de 2023 tras la riada de 2019."),
        ("fr", "Le pont a rouvert le 3 mars 2023 après la crue de 2019.",
         "Le pont a rouvert le 9 mars 2023 après la crue de 2019."),
    ],
)
def test_two_dates_in_a_sentence_each_meet_their_own(language: str, a: str, b: str) -> None:
    found = conflicts(a, b, language)
    assert len(found) == 1 and "2019" not in found[0]
    # without the binding (the old rule): a sentence with two dates is never compared
    assert conflicts(a, b, language, date_z=float("inf")) == []


@pytest.mark.parametrize(
    ("language", "a", "b"),
    [
        ("en", "Minister Anna Berg resigned on Wednesday.",
         "Minister Karl Voss resigned on Thursday."),
        ("de", "Ministerin Anna Berg trat am Mittwoch zurück.",
         "Minister Karl Voss trat am Donnerstag zurück."),
        ("es", "La ministra Ana Berg dimitió el miércoles.",
         "El ministro Carlos Voss dimitió el jueves."),
    ],
)
def test_different_people_on_different_days_are_two_happenings(
    language: str, a: str, b: str
) -> None:
    """Must not fire: even with the claims judged alike, a date of one person's act is not
    a date of another's."""
    assert conflicts(a, b, language, z=4.0) == []


@pytest.mark.parametrize(
    ("language", "a", "b"),
    [
        ("en", "Mayor Anna Berg visited the school on Thursday.",
         "Mayor Anna Berg visited the hospital on Friday."),
        ("de", "Bürgermeisterin Anna Berg besuchte am Donnerstag die Schule.",
         "Bürgermeisterin Anna Berg besuchte am Freitag das Krankenhaus."),
        ("es", "La alcaldesa Ana Berg visitó el jueves la escuela.",
         "La alcaldesa Ana Berg visitó el viernes el hospital."),
        ("it", "La sindaca Anna Berg ha visitato giovedì la scuola.",
         "La sindaca Anna Berg ha visitato venerdì l'ospedale."),
    ],
)
def test_one_verb_on_two_days_is_one_happening_only_if_the_claims_are(
    language: str, a: str, b: str
) -> None:
    """The words around a date bind it to a verb and an actor, not to what was done: one
    person visiting on two days made two visits unless the claims as a whole tell one
    happening. Must not fire at z 1.0; fires at z 3.0."""
    assert conflicts(a, b, language, z=1.0) == []
    assert len(conflicts(a, b, language, z=3.0)) == 1


@pytest.mark.parametrize(
    ("language", "a", "b"),
    [
        ("en", "Mayor Anna Berg announced on Thursday the closure.",
         "Mayor Anna Berg announced on Friday the budget."),
        ("de", "Bürgermeisterin Anna Berg kündigte am Donnerstag die Schließung an.",
         "Bürgermeisterin Anna Berg kündigte am Freitag den Haushalt an."),
        ("es", "La alcaldesa Ana Berg anunció el jueves el cierre.",
         "La alcaldesa Ana Berg anunció el viernes el presupuesto."),
        ("it", "La sindaca Anna Berg ha annunciato giovedì la chiusura.",
         "La sindaca Anna Berg ha annunciato venerdì il bilancio."),
        ("nl", "Burgemeester Anna Berg kondigde donderdag de sluiting aan.",
         "Burgemeester Anna Berg kondigde vrijdag de begroting aan."),
        ("pl", "Burmistrz Anna Berg ogłosiła w czwartek zamknięcie szkoły.",
         "Burmistrz Anna Berg ogłosiła w piątek nowy budżet."),
    ],
)
def test_days_of_telling_are_not_one_happening(language: str, a: str, b: str) -> None:
    """A speech verb beside each date dates the telling: one person tells things on many
    days, so two such days never clash, however alike the claims read as a whole (z 4.0)."""
    assert conflicts(a, b, language, z=4.0) == []


@pytest.mark.parametrize(
    ("language", "a", "b"),
    [
        ("en", "Police said on Monday that the bridge had collapsed.",
         "The bridge collapsed on Sunday."),
        ("de", "Am Montag sagte die Polizei, die Brücke sei eingestürzt.",
         "Die Brücke stürzte am Sonntag ein."),
        ("es", "La policía dijo el lunes que el puente se derrumbó.",
         "El puente se derrumbó el domingo."),
        ("it", "La polizia ha detto lunedì che il ponte è crollato.",
         "Il ponte è crollato domenica."),
        ("pl", "Policja poinformowała w poniedziałek, że most się zawalił.",
         "Most zawalił się w niedzielę."),
    ],
)
def test_a_date_right_at_a_speech_verb_dates_the_telling(language: str, a: str, b: str) -> None:
    """"Said on Monday that …": Monday is when it was told, not when the bridge fell, so it
    never meets the day of the collapse, however alike the claims read (z 4.0)."""
    assert conflicts(a, b, language, z=4.0) == []


@pytest.mark.parametrize(
    ("language", "a", "b"),
    [
        ("en", "The mayor said the festival opened on Tuesday.",
         "The festival opened on Wednesday."),
        ("it", "Il sindaco ha detto che il festival sarebbe stato inaugurato martedì.",
         "Il festival è stato inaugurato mercoledì."),
    ],
)
def test_a_date_told_further_from_the_verb_is_the_happenings(
    language: str, a: str, b: str
) -> None:
    """Must fire: words between the speech verb and the date tell what the date is of."""
    assert len(conflicts(a, b, language, z=3.0)) == 1


@pytest.mark.parametrize(
    ("language", "a", "b"),
    [
        ("en", "The bridge reopened on Thursday, the mayor said.",
         "The bridge reopened on Friday."),
        ("de", "Die Brücke wurde am Donnerstag wieder geöffnet, sagte die Bürgermeisterin.",
         "Die Brücke wurde am Freitag wieder geöffnet."),
        ("es", "El puente reabrió el jueves, dijo la alcaldesa.",
         "El puente reabrió el viernes."),
    ],
)
def test_a_happening_told_by_someone_still_has_its_day(language: str, a: str, b: str) -> None:
    """Must fire: a speech verb in the sentence, outside the date's clause, leaves the date
    the happening's; one day against another still clashes."""
    assert len(conflicts(a, b, language, z=3.0)) == 1


@pytest.mark.parametrize(
    ("language", "a", "b"),
    [
        ("en", "The veto, his first since he came to power in 2012, was overridden on Monday.",
         "Since taking office on 20 January 2013 the governor has signed every bill."),
        ("fr", "Ce veto, le premier depuis son arrivée au pouvoir en 2012, a été rejeté lundi.",
         "Depuis son entrée en fonction le 20 janvier 2013, le gouverneur a signé chaque loi."),
        ("es", "El veto, el primero desde su llegada al poder en 2012, fue anulado el lunes.",
         "Desde su toma de posesión el 20 de enero de 2013 el gobernador firmó cada ley."),
        ("de", "Das Veto, das erste seit seinem Amtsantritt 2012, wurde am Montag überstimmt.",
         "Seit seiner Amtseinführung am 20. Januar 2013 hat der Gouverneur alles unterzeichnet."),
    ],
)
def test_taking_office_dated_twice_is_one_happening(language: str, a: str, b: str) -> None:
    """Taking office is one happening in any words ("came to power", "taking office"): its year
    on one side meets its day on the other, though the frames around them share no words and
    one claim dates something else too. Must not fire: the same year told on both sides, or a
    birth against taking office."""
    assert len(conflicts(a, b, language, z=3.0)) == 1
    same = a.replace("2012", "2013")
    assert conflicts(same, b, language, z=3.0) == []
    born = {"en": "born", "fr": "né", "es": "nacido", "de": "geboren"}[language]
    other = {
        "en": f"The governor, {born} in 2012, signed every bill.",
        "fr": f"Le gouverneur, {born} en 2012, a signé chaque loi.",
        "es": f"El gobernador, {born} en 2012, firmó cada ley.",
        "de": f"Der Gouverneur, {born} 2012, hat jedes Gesetz unterzeichnet.",
    }[language]
    assert conflicts(other, b, language, z=3.0) == []


def test_actors_are_the_people_in_a_dates_frame() -> None:
    facts = claim_facts("Minister Anna Berg resigned on Wednesday, the party said.", "en",
                        "2024-05-10")
    (date,) = [v for v in facts.values if v.kind == "date"]
    assert [n.text for n in actors(facts, date)] == ["Anna Berg"]


@pytest.mark.parametrize(
    ("language", "a", "b", "clash"),
    [
        ("en", "The council will vote on the budget at the end of March.",
         "The council will vote on the budget on 1 February.", True),
        ("en", "The council will vote on the budget in March.",
         "The council will vote on the budget on 12 March.", False),
        ("de", "Der Rat stimmt Ende März über den Haushalt ab.",
         "Der Rat stimmt am 1. Februar über den Haushalt ab.", True),
        ("fr", "Le conseil votera le budget en mars 2025.",
         "Le conseil votera le budget le 12 mars 2025.", False),
        ("fr", "Le conseil votera le budget fin mars.",
         "Le conseil votera le budget le 12 mars.", True),
        # a year against a day, bound to one happening: as intervals too
        ("en", "The ban on imports took effect in 2014.",
         "The ban on imports took effect on 3 March 2015.", True),
        ("de", "Das Verbot trat 2015 in Kraft.",
         "Das Verbot trat am 3. März 2015 in Kraft.", False),
    ],
)
def test_a_day_and_a_month_compare_as_intervals(
    language: str, a: str, b: str, clash: bool
) -> None:
    assert bool(conflicts(a, b, language)) is clash


def test_unbound_dates_of_dissimilar_claims_are_not_compared() -> None:
    """Must not fire: different words around the dates, claims not alike."""
    assert conflicts(
        "The museum opened its new wing on Monday.",
        "Prices at the market rose sharply on Friday.",
        "en",
    ) == []


def test_a_pair_is_measured_against_its_own_languages_too() -> None:
    floor = Floor(
        0.8,
        Baseline(0.80, 0.02),
        by_languages=((("de", "en"), Baseline(0.76, 0.02)), (("en", "en"), Baseline(0.84, 0.02))),
    )
    # across languages the pair's own band is lower: it counts as more similar
    assert floor.z(0.82, ("en", "de")) == pytest.approx(3.0)
    # within one language the story's mixed band is the higher z: it is kept (never lowered)
    assert floor.z(0.86, ("en", "en")) == pytest.approx(3.0)
    # no baseline of its own: the story's
    assert floor.z(0.82, ("en", "it")) == pytest.approx(1.0)
    assert floor.z(0.82) == pytest.approx(1.0)


def test_contradiction_direction_setting() -> None:
    short = Claim(id="a#0", article_id="a", text="No one was hurt.", start=0, end=1,
            article=Article(id="a", text=''))
    long = Claim(id="b#0", article_id="b", text="Three people were hurt when the roof fell.",
                 start=0, end=1, article=Article(id="b", text=''))
    p = Pair(short, long, 0.9, z=4.0)
    clash, calm = NliScores(0.05, 0.05, 0.9), NliScores(0.1, 0.8, 0.1)
    from checker.rules.evidence import Evidence

    sure = Evidence(same_event=0.95, reasons=("test",))
    # a→b contradicts, b→a does not: "both" refuses
    assert decide(p, clash, calm, Config(), evidence=sure).label == NEUTRAL
    # premise = the longer claim (b): its direction b→a is calm
    premise = Config(contradiction_direction="premise")
    assert decide(p, clash, calm, premise, evidence=sure).label == NEUTRAL
    assert decide(p, calm, clash, premise, evidence=sure).label == CONTRADICTION
    either = Config(contradiction_direction="either")
    assert decide(p, clash, calm, either, evidence=sure).label == CONTRADICTION


def toll_day_conflicts(a: str, la: str, b: str, lb: str) -> list[str]:
    """Date conflicts of two claims told little alike (z 1.0, nothing bound by the frames'
    words), each in its own language, both published on Friday 10 May 2024, with their
    signals read (the speech verbs)."""
    from dataclasses import replace

    from checker.rules.signals import claim_signals

    def facts(text: str, language: str):
        said = claim_facts(text, language, "2024-05-10")
        return replace(said, signals=claim_signals(text, language))

    found = pair_evidence(
        Pair(A, B, 0.8, z=1.0), facts(a, la), facts(b, lb), lambda x, y: 0.0, 2.5,
        min_frame_z=3.0, name_z=3.0, max_ratio=5.0, date_z=DATE_Z,
    )
    return [c.text for c in found.conflicts if c.kind == "date"]


@pytest.mark.parametrize(
    ("a", "la", "b", "lb"),
    [
        ("Bei dem Busunglück starben am Dienstag fünf Menschen.", "de",
         "Five people died in the bus crash on Wednesday.", "en"),
        ("Cinco personas murieron el martes en el accidente del autobús.", "es",
         "W środę w wypadku autobusu zginęło pięć osób.", "pl"),
        ("Martedì cinque persone sono morte nell'incidente dell'autobus.", "it",
         "Vijf mensen kwamen woensdag om het leven bij het busongeluk.", "nl"),
        ("Twelve people were injured on Tuesday when the roof fell in.", "en",
         "Beim Einsturz des Daches wurden am Mittwoch zwölf Menschen verletzt.", "de"),
    ],
)
def test_one_toll_told_alike_binds_its_one_day(a: str, la: str, b: str, lb: str) -> None:
    """The same thing counted alike on both sides (the dead, the injured, in each language's own
    words) and one day each: the days are of that happening, whatever words the embedder fails
    to bind, so Tuesday against Wednesday clashes."""
    assert len(toll_day_conflicts(a, la, b, lb)) == 1, (a, b)


@pytest.mark.parametrize(
    ("a", "la", "b", "lb"),
    [
        # the day of the telling, not of the deaths: a speech verb in the day's clause
        ("Five people died in the bus crash, officials said on Wednesday.", "en",
         "Cinco personas murieron el martes en el accidente del autobús.", "es"),
        ("Fünf Menschen starben bei dem Busunglück, sagte die Polizei am Mittwoch.", "de",
         "Five people died in the bus crash on Tuesday.", "en"),
        # the day a toll rose to its figure dates the update, not the deaths
        ("The death toll rose to five on Wednesday.", "en",
         "Cinco personas murieron el martes en el accidente del autobús.", "es"),
        ("Die Zahl der Toten ist am Mittwoch auf fünf gestiegen.", "de",
         "Five people died in the bus crash on Tuesday.", "en"),
        # a day to come dates something else ("closed until Monday"), never a toll
        ("Five people died in the bus crash; the road stays closed until Monday.", "en",
         "W środę w wypadku autobusu zginęło pięć osób.", "pl"),
        # different tolls: the number is the conflict, the days are not bound by it
        ("Bei dem Busunglück starben am Dienstag fünf Menschen.", "de",
         "Six people died in the bus crash on Wednesday.", "en"),
        # the same number of different things: the injured are not the dead
        ("Five people were injured in the bus crash on Tuesday.", "en",
         "Cinco personas murieron el miércoles en el accidente del autobús.", "es"),
        # a count of nothing named (no [things] word): no toll to bind the days
        ("Five buses were checked on Tuesday.", "en",
         "Five buses were checked on Wednesday.", "en"),
        # two dates on a side: which one is the toll's is not known
        ("Five people died on Tuesday in the crash, the worst since Sunday.", "en",
         "Five people died in the bus crash on Wednesday.", "en"),
    ],
)
def test_a_toll_binds_no_other_day(a: str, la: str, b: str, lb: str) -> None:
    assert toll_day_conflicts(a, la, b, lb) == [], (a, b)
