"""Values read from one claim, and when two of them conflict. Sentences are written for these
tests; none is copied from a news article."""

from __future__ import annotations

import datetime
import math

import pytest

from checker.rules.values import (
    APPROX_WIDTH,
    Value,
    conflicting,
    describe,
    extract_values,
    happenings,
)

PUB = datetime.date(2021, 3, 12)  # a Friday


def one(text: str, lang: str, kind: str, published: datetime.date | None = PUB) -> Value:
    found = [v for v in extract_values(text, lang, published) if v.kind == kind]
    assert len(found) == 1, (text, found)
    return found[0]


def clash(a: str, la: str, b: str, lb: str, kind: str) -> bool:
    return conflicting(one(a, la, kind), one(b, lb, kind))


# ---------------------------------------------------------------- counts


@pytest.mark.parametrize(
    ("text", "lang", "low", "high", "counted"),
    [
        ("Die Polizei fand zwölf Sprengsätze im Keller.", "de", 12, 12, "Sprengsätze"),
        ("Die Polizei fand mindestens 14 Sprengsätze.", "de", 14, math.inf, "Sprengsätze"),
        ("Officers found 1,200 rifles in the depot.", "en", 1200, 1200, "rifles"),
        ("Es kamen 1.200 Besucher.", "de", 1200, 1200, "Besucher"),
        ("On a compté cinquante manifestants.", "fr", 50, 50, "manifestants"),
        ("Se registraron doce heridos leves.", "es", 12, 12, "heridos leves"),
        ("At least a dozen villages were flooded.", "en", 12, math.inf, "villages"),
        ("Fast 500 Häuser stehen leer.", "de", 450, 500, "Häuser"),
    ],
)
def test_counts(text: str, lang: str, low: float, high: float, counted: str) -> None:
    v = one(text, lang, "count")
    assert (v.low, v.high, v.counted) == (low, high, counted)


def test_about_is_a_symmetric_band() -> None:
    v = one("Rund 60 Fahrzeuge brannten aus.", "de", "count")
    assert v.low == pytest.approx(60 * (1 - APPROX_WIDTH))
    assert v.high == pytest.approx(60 * (1 + APPROX_WIDTH))
    assert v.qualifier == "Rund" and v.text == "Rund 60"


def test_vague_words_are_ranges() -> None:
    v = one("Dutzende Fahrzeuge brannten aus.", "de", "count")
    assert (v.low, v.high) == (24, 99)
    assert one("Des dizaines de voitures ont brûlé.", "fr", "count").high == 99


def test_exact_counts_conflict() -> None:
    assert clash("Sie fanden 12 Sprengsätze.", "de", "They found 13 explosive devices.", "en",
                 "count")
    assert clash("Hubo 49 víctimas.", "es", "There were 50 victims.", "en", "count")


def test_overlapping_counts_do_not_conflict() -> None:
    assert not clash("mindestens 50 Verletzte", "de", "50 injured", "en", "count")
    assert not clash("dozens of arrests", "en", "about 60 people were arrested", "en", "count")
    assert not clash("nearly 3,000 homes", "en", "fast 3000 Häuser", "de", "count")


def test_dozens_versus_more_than_200_conflicts() -> None:
    assert clash("dozens of arrests", "en", "More than 200 people were arrested.", "en", "count")


def test_part_and_total_roles() -> None:
    values = extract_values("Insgesamt 40 Verletzte, davon 12 Kinder.", "de")
    roles = {v.low: v.role for v in values if v.kind == "count"}
    assert roles == {40: "total", 12: "part"}
    part = one("including 12 children", "en", "count")
    total = one("40 people in total", "en", "count")
    assert (part.role, total.role) == ("part", "total")
    assert not conflicting(part, total)
    fr = extract_values("cinquante blessés, dont deux enfants", "fr")
    assert [(v.low, v.role) for v in fr] == [(50, ""), (2, "part")]


def test_n_of_m_marks_part_and_total() -> None:
    a, b = (v for v in extract_values("Seven of the 11 judges agreed.", "en") if v.kind == "count")
    assert (a.low, a.role, b.low, b.role) == (7, "part", 11, "total")


def test_compound_counts() -> None:
    v = one("He read the 35-word pledge.", "en", "count")
    assert (v.low, v.counted) == (35, "word pledge")
    assert clash("the 35-word pledge", "en", "the 38-word pledge", "en", "count")
    assert one("a 48-page report", "en", "count").counted == "page report"


@pytest.mark.parametrize(
    ("text", "lang", "number", "counted"),
    [
        ("Murieron treinta y dos personas.", "es", 32, "personas"),
        ("Morreram vinte e duas pessoas.", "pt", 22, "pessoas"),
        ("Vingt et un blessés ont été hospitalisés.", "fr", 21, "blessés"),
        ("One hundred and twenty people were hurt.", "en", 120, "people"),
        ("Two thousand five hundred and twelve votes were cast.", "en", 2512, "votes"),
    ],
)
def test_a_number_written_in_words_reads_past_its_connector(
    text: str, lang: str, number: float, counted: str
) -> None:
    [value] = extract_values(text, lang)
    assert (value.low, value.high, value.counted) == (number, number, counted)


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Cinco y seis personas.", "es"), ("Five and six people came.", "en"),
     ("Cinque e sei persone.", "it")],
)
def test_must_not_fire_two_numbers_joined_by_and_stay_two(text: str, lang: str) -> None:
    assert sorted(v.low for v in extract_values(text, lang)) == [5, 6]


@pytest.mark.parametrize(
    ("text", "lang", "number"),
    [
        ("Environ 3 000 habitants ont été évacués.", "fr", 3000),
        ("Около 2 000 жителей эвакуировали.", "ru", 2000),
        ("Ewakuowano 2 000 mieszkańców.", "pl", 2000),
        ("Evakuováno bylo 2 000 obyvatel.", "cs", 2000),
        ("Unos 2.000 vecinos fueron evacuados.", "es", 2000),
    ],
)
def test_thousands_grouped_by_a_space_are_one_number(text: str, lang: str, number: float) -> None:
    """Not "about 3" and "0 habitants"; nor, in Spanish, a 1 read off the qualifier "unos"."""
    [value] = extract_values(text, lang)
    assert (value.nominal or value.low) == number and value.counted


def test_must_not_fire_a_year_and_a_count_stay_apart() -> None:
    assert [describe(v) for v in extract_values("W 2015 roku zginęło 300 osób.", "pl")] == [
        "2015 (year)", "300 osób"]
    assert sorted(v.low for v in extract_values("Il y a 3 000 habitants et 12 000 visiteurs.",
                                                "fr")) == [3000, 12000]


def test_count_range() -> None:
    v = one("10-20 people waited.", "en", "count")
    assert (v.low, v.high) == (10, 20)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Die A320 landete sicher.", "de"),
        ("Two F-16 jets were scrambled.", "en"),  # "Two" is a count, 16 is not
        ("nach § 5 des Gesetzes", "de"),
        ("The meeting starts at 5 p.m.", "en"),
        ("Das Treffen beginnt um 17 Uhr.", "de"),
        ("He was the 45th governor.", "en"),
        ("Er war der 45. Gouverneur.", "de"),
        ("Call 555-123-4567 for details.", "en"),
        ("The office is at 12 Elm Street.", "en"),
        ("Das Büro liegt in der Hauptstraße 5.", "de"),
        ("See section 3 of the act.", "en"),
    ],
)
def test_names_ids_times_are_not_counts(text: str, lang: str) -> None:
    assert [v.low for v in extract_values(text, lang) if v.kind == "count"] in ([], [2])


def test_year_next_to_count() -> None:
    values = extract_values("2019 gab es 49 Tote.", "de")
    assert [(v.kind, v.unit) for v in values] == [("date", "year"), ("count", "")]
    assert values[1].low == 49
    assert [v.kind for v in extract_values("Im Jahr 2025 wird gebaut.", "de")] == ["date"]


# ---------------------------------------------------------------- money and percent


def test_money() -> None:
    v = one("The deal is worth $3.5 billion.", "en", "money")
    assert (v.low, v.unit, v.text) == (3.5e9, "USD", "$3.5 billion")
    assert one("Der Konzern zahlt 1,375 Milliarden Dollar.", "de", "money").low == 1.375e9
    assert one("Sie zahlten 1.000 Euro.", "de", "money").low == 1000
    assert one("un plan de 3 milliards d'euros", "fr", "money").low == 3e9
    assert one("costará 5 millones de dólares", "es", "money").low == 5e6
    assert one("a 3.5bn euro fund", "en", "money").low == 3.5e9
    assert describe(one("The deal is worth $3.5 billion.", "en", "money")) == "$3.5 billion"


def test_money_bounds_and_conflicts() -> None:
    more = one("He spent more than $250,000.", "en", "money")
    assert (more.low, more.high, more.bound) == (250000, math.inf, "over")
    assert not conflicting(more, one("He spent $250,000.", "en", "money"))
    assert clash("$3.5 billion", "en", "$3.6 billion", "en", "money")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The couple spent tens of thousands of dollars on trips.", "en"),
        ("They spent thousands of dollars at malls.", "en"),
        ("Sie gaben Tausende Euro für Reisen aus.", "de"),
        ("Gastaron miles de dólares en viajes.", "es"),
    ],
)
def test_must_not_fire_a_vague_amount_is_no_figure(text: str, lang: str) -> None:
    """Not $1,000 (the scale word read as a number) beside a count of ten ("tens"): an order
    of magnitude of money, mostly of a part of the sum, is no figure to dispute."""
    assert extract_values(text, lang) == ()


def test_a_number_with_its_scale_word_is_still_money() -> None:
    assert one("Gastaron 3 mil dólares.", "es", "money").low == 3000
    assert one("They lost hundreds of millions of dollars and $5 million more.", "en",
               "money").low == 5_000_000


def test_currencies_never_compared() -> None:
    assert not clash("3 Millionen Euro", "de", "$5 million", "en", "money")


def test_percent() -> None:
    for text, lang in [("30% of voters", "en"), ("30 Prozent der Wähler", "de"),
                       ("30 pour cent des électeurs", "fr"), ("el 30 por ciento", "es")]:
        v = one(text, lang, "percent")
        assert (v.low, v.unit) == (30, "%")
    assert clash("30%", "en", "35 Prozent", "de", "percent")
    assert not extract_values("30 pour cent", "fr")[1:]  # "cent" is no count


# ---------------------------------------------------------------- tallies


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Police sent 60 trucks to 12 sites.", "en"),
     ("Die Polizei schickte 60 Wagen gegen 12 Uhr los.", "de"),
     ("Inviati 60 camion a 12 comuni.", "it")],
)
def test_must_not_fire_two_counts_with_a_noun_between_are_no_tally(text: str, lang: str) -> None:
    assert not [v for v in extract_values(text, lang) if v.kind == "tally"]


@pytest.mark.parametrize(
    ("text", "lang", "first", "second"),
    [
        ("The bill passed 301-112.", "en", 301, 112),
        ("It passed by a 301-to-112 vote.", "en", 301, 112),
        ("It passed 301 to 112.", "en", 301, 112),
        ("Es stimmten 301 gegen 112 Abgeordnete dafür.", "de", 301, 112),
        ("Der Senat stimmte mit 88 zu einer Stimme.", "de", 88, 1),
        ("Les députés ont voté à 301 voix pour et 112 contre.", "fr", 301, 112),
        ("The Senate voted 88-1.", "en", 88, 1),
        ("Le texte a été adopté par 218 voix contre 214.", "fr", 218, 214),
        ("La legge è passata con 218 voti a favore e 214 contrari.", "it", 218, 214),
        ("A lei foi aprovada por 218 votos a favor e 214 contra.", "pt", 218, 214),
        ("Закон принят 218 голосами против 214.", "ru", 218, 214),
        ("Ustawę przyjęto: 218 posłów za i 214 przeciw.", "pl", 218, 214),
        ("Zákon prošel 120 hlasy proti 60.", "cs", 120, 60),
        ("The House voted 348 in favor and 77 against.", "en", 348, 77),
    ],
)
def test_tallies(text: str, lang: str, first: float, second: float) -> None:
    v = one(text, lang, "tally")
    assert (v.low, v.second) == (first, second)


def test_tally_conflicts() -> None:
    assert clash("passed 301-112", "en", "301 gegen 113 Stimmen", "de", "tally")
    assert not clash("passed 301-112", "en", "301 voix pour et 112 contre", "fr", "tally")
    assert describe(one("passed 301-112", "en", "tally")) == "301–112"


# ---------------------------------------------------------------- durations and ages


def test_durations() -> None:
    v = one("after a three-year inquiry", "en", "duration")
    assert (v.low, v.unit, v.counted) == (3, "year", "inquiry")
    assert one("anderthalb Stunden lang", "de", "duration").low == 1.5
    assert one("eine 30-tägige Frist", "de", "duration").unit == "day"
    assert one("for six months", "en", "duration").unit == "month"
    assert clash("90 minutes", "en", "95 Minuten", "de", "duration")
    assert not clash("90 minutes", "en", "anderthalb Stunden", "de", "duration")  # units differ
    # Czech years in the dative and locative: "sentenced to six years", "after three years"
    assert one("byl odsouzen k šesti letům vězení", "cs", "duration").low == 6
    assert one("po třech letech se vrátil", "cs", "duration").unit == "year"
    assert clash("k šesti letům vězení", "cs", "a ocho años de prisión", "es", "duration")


def test_ages() -> None:
    assert one("The 52-year-old was arrested.", "en", "age").low == 52
    assert one("Er ist 52 Jahre alt.", "de", "age").low == 52
    assert one("Der 52-Jährige schwieg.", "de", "age").low == 52
    assert one("un hombre de 52 años", "es", "age").low == 52
    assert one("Smith, 52, was arrested.", "en", "age").low == 52
    assert one("At age 52, she retired.", "en", "age").low == 52
    # compounds written as one word: the number is an age, not part of a name ("A320neo")
    assert one("58letá politička vedla ministerstvo.", "cs", "age").low == 58
    assert one("La 58enne era ministra da sei anni.", "it", "age").low == 58
    assert not [v for v in extract_values("the A320neo and the 320neo jet", "en")]
    assert clash("Smith, 52, was arrested.", "en", "The 53-year-old was arrested.", "en", "age")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Anna Berg, 52 anni, è stata arrestata.", "it"),
        ("Anna Berg, 52 jaar, werd gearresteerd.", "nl"),
        ("Anna Berg, 52 anos, foi presa.", "pt"),
        ("Anna Bergová, 52 let, byla zatčena.", "cs"),
        ("Анна Берг, 52 лет, была арестована.", "ru"),
        ("Anna Berg (52) wurde festgenommen.", "de"),
        ("Anna Berg, de 52 anos, foi presa.", "pt"),
        ("Anna Berg, de 52 años, fue detenida.", "es"),
        ("Anna Berg, di 52 anni, è stata arrestata.", "it"),
    ],
)
def test_an_age_beside_a_name_in_the_languages_word_for_years(text: str, lang: str) -> None:
    """"Name, 52 <years>," is an age in every language whose data names its years; the words
    come from the language's durations, not from code."""
    v = one(text, lang, "age")
    assert v.low == 52


def test_must_not_fire_a_career_beside_a_name_is_no_age() -> None:
    assert one("Anna Berg, 22 anni di carriera, è stata licenziata.", "it", "duration").low == 22
    assert not [v for v in extract_values("In 2016, 66 people died.", "en") if v.kind == "age"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ihm werden sieben Punkte vorgeworfen.", "de"),
        ("The Dow fell 300 points on Monday.", "en"),
        ("El equipo sumó 12 puntos.", "es"),
        ("La squadra ha fatto 12 punti.", "it"),
    ],
)
def test_bare_points_without_a_percentage_are_no_percentage_points(text: str, lang: str) -> None:
    assert not [v for v in extract_values(text, lang) if v.kind == "percent"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Die Quote stieg um 2 Punkte auf 7 Prozent.", "de"),
        ("Die Quote stieg um 2 Prozentpunkte.", "de"),
        ("El paro subió 2 puntos porcentuales.", "es"),
        ("Il tasso è salito di 2 punti percentuali.", "it"),
        ("Support rose 2 percentage points.", "en"),
    ],
)
def test_percentage_points(text: str, lang: str) -> None:
    """Explicit words for percentage points, in languages whose word has no "point" in it
    too (they were dropped before), and bare points beside a percentage."""
    v = [v for v in extract_values(text, lang) if v.unit == "pp"]
    assert v and v[0].low == 2


# ---------------------------------------------------------------- dates


def _ord(y: int, m: int, d: int) -> float:
    return float(datetime.date(y, m, d).toordinal())


def test_month_year_is_a_month() -> None:
    v = one("It began in July 2016.", "en", "date")
    assert (v.low, v.high, v.unit) == (_ord(2016, 7, 1), _ord(2016, 7, 31), "month")
    assert describe(v) == "2016-07 (month)"
    assert clash("im Juli 2016", "de", "in October 2016", "en", "date")


def test_written_days() -> None:
    assert one("le 20 janvier 2009", "fr", "date").low == _ord(2009, 1, 20)
    assert one("el 11 de septiembre del 2011", "es", "date").low == _ord(2011, 9, 11)
    assert one("am 11. September 2001", "de", "date").low == _ord(2001, 9, 11)
    assert one("on Sept. 11, 2001", "en", "date").low == _ord(2001, 9, 11)
    assert one("am 3.10.1990", "de", "date").low == _ord(1990, 10, 3)
    assert clash("el 11 de septiembre del 2011", "es", "am 11. September 2001", "de", "date")


def test_years() -> None:
    assert clash("has led the party since 2002", "en", "has led the party since 2003", "en",
                 "date")
    v = one("seit 2002", "de", "date")
    assert (v.low, v.unit) == (_ord(2002, 1, 1), "year")


def test_range_contains_its_days() -> None:
    rng = one("between January 2016 and December 2018", "en", "date")
    assert (rng.low, rng.high) == (_ord(2016, 1, 1), _ord(2018, 12, 31))
    assert not conflicting(rng, one("am 5. Mai 2017", "de", "date"))
    assert conflicting(rng, one("am 5. Mai 2019", "de", "date"))
    assert not clash("between 2009 and 2016", "en", "von 2009 bis 2016", "de", "date")


def test_end_of_month() -> None:
    v = one("bis Ende Februar 2021", "de", "date")
    assert (v.low, v.high) == (_ord(2021, 2, 19), _ord(2021, 2, 28))
    assert clash("Ende Februar 2021", "de", "on February 2, 2021", "en", "date")


def test_relative_dates_use_published() -> None:
    assert one("Das Gericht tagte am Dienstag.", "de", "date").low == _ord(2021, 3, 9)
    assert one("The court will meet on Tuesday.", "en", "date").low == _ord(2021, 3, 16)
    assert one("ayer", "es", "date").low == _ord(2021, 3, 11)
    assert one("gestern", "de", "date").low == _ord(2021, 3, 11)
    year = one("He repaid it earlier this year.", "en", "date")
    assert (year.low, year.high) == (_ord(2021, 1, 1), _ord(2021, 3, 12))
    two = one("Vor zwei Wochen begann der Streik.", "de", "date")
    assert two.low <= _ord(2021, 2, 26) <= two.high
    ahead = one("in zwei Monaten", "de", "date")
    assert ahead.low <= _ord(2021, 5, 12) <= ahead.high


def test_weekday_without_published() -> None:
    v = one("on Wednesday", "en", "date", published=None)
    assert (v.unit, v.low) == ("weekday", 2)
    assert conflicting(v, one("am Donnerstag", "de", "date", published=None))
    assert not conflicting(v, one("le mercredi", "fr", "date", published=None))
    assert describe(v) == "Wednesday (weekday)"


def test_date_without_year_compares_month_and_day() -> None:
    v = one("On July 22 that year, it leaked.", "en", "date")
    assert v.unit == "yearless"
    assert not conflicting(v, one("im Juli 2016", "de", "date"))
    assert conflicting(v, one("im Oktober 2016", "de", "date"))


def test_nine_eleven_is_a_date_not_a_count() -> None:
    values = extract_values("Since 9/11 the rules changed.", "en")
    assert [(v.kind, v.low) for v in values] == [("date", _ord(2001, 9, 11))]


def test_kinds_never_cross() -> None:
    assert not conflicting(one("12 people", "en", "count"), one("12%", "en", "percent"))


# --- a count of none -----------------------------------------------------------------------

import pytest  # noqa: E402

from checker.records import Article as _Article  # noqa: E402
from checker.records import Claim as _Claim  # noqa: E402
from checker.records import Pair as _Pair  # noqa: E402
from checker.rules.evidence import claim_facts as _facts  # noqa: E402
from checker.rules.evidence import pair_evidence as _pair_evidence  # noqa: E402


@pytest.mark.parametrize(
    ("language", "text", "counted"),
    [
        ("en", "Nobody was hurt in the blast.", "hurt"),
        ("en", "No arrests were made after the match.", "arrests"),
        ("de", "Es gab keine Verletzten.", "Verletzten"),
        ("de", "Bei dem Unfall wurde niemand verletzt.", "verletzt"),
        ("es", "Nadie resultó herido en la explosión.", "resultó herido"),
        ("fr", "Aucun blessé n'a été signalé.", "blessé"),
        ("it", "Nessun ferito nell'esplosione.", "ferito"),
        ("nl", "Er vielen geen doden.", "doden"),
    ],
)
def test_a_count_of_none(language: str, text: str, counted: str) -> None:
    (value,) = [v for v in extract_values(text, language) if v.kind == "count"]
    assert (value.low, value.high) == (0, 0)
    assert value.counted.startswith(counted)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "No, he said."),  # nothing counted
        ("en", "None of it mattered."),
        ("de", "Keine."),
        # an adverb or an idiom after the zero word: no count at all
        ("en", "Democrats could no longer win the House."),
        ("en", "No matter what the polls said, she stayed."),
        ("en", "There should be no one-on-one meeting between the two."),
        ("de", "Auf keinen Fall werde er zurücktreten."),
        ("es", "En ningún caso dimitirá el alcalde."),
        ("it", "In nessun caso il sindaco si dimetterà."),
        ("pl", "W żadnym wypadku burmistrz nie ustąpi."),
        ("cs", "Starosta v žádném případě neodstoupí."),
    ],
)
def test_must_not_fire_none_without_a_thing(language: str, text: str) -> None:
    assert not [v for v in extract_values(text, language) if v.low == 0]


def test_no_fewer_than_is_a_bound_not_a_count_of_none() -> None:
    [value] = extract_values("No fewer than 12 bombs were found.", "en")
    assert (value.low, value.high, value.counted) == (12, math.inf, "bombs")


def test_none_against_a_number_is_one_proposition() -> None:
    """"No one was injured" vs "three people were injured": zero and three of the same
    happening conflict when the words around them say it is the same happening."""
    a = _facts("Nobody was injured in the fire at the depot.", "en")
    b = _facts("Three people were injured in the fire at the depot.", "en")
    pair = _Pair(_Claim("a#0", "a", "x", 0, 1,
            article=_Article(id="a", text='')), _Claim("b#0", "b", "x", 0, 1,
            article=_Article(id="b", text='')), 0.9, z=3.0)

    def frames_alike(x: str, y: str) -> float:
        """The embedder's part, played by shared words: 10σ when most words are shared."""
        left, right = set(x.split()), set(y.split())
        return 10.0 if len(left & right) >= 0.6 * min(len(left), len(right)) else 0.0

    found = _pair_evidence(pair, a, b, frames_alike, 2.5, min_frame_z=3.0, max_ratio=5.0)
    assert [c.kind for c in found.conflicts] == ["number"]


@pytest.mark.parametrize(
    ("text", "language", "written"),
    [
        ("Les victimes du 11-Septembre pourront poursuivre.", "fr", "11-Septembre"),
        ("Le défilé du 1er-Mai a eu lieu.", "fr", "1er-Mai"),
        ("Die Opfer des 11. Septembers klagen.", "de", "11. Septembers"),
        ("Seit Anfang des Oktobers 2016 gilt das Gesetz.", "de", "Oktobers 2016"),
    ],
)
def test_hyphenated_and_genitive_days_are_dates_not_counts(
    text: str, language: str, written: str
) -> None:
    values = extract_values(text, language)
    assert [v.kind for v in values] == ["date"] and written in values[0].text


def test_a_hyphenated_range_stays_a_range() -> None:
    # must not fire: two numbers joined by a hyphen before a noun are no day and month
    [value] = extract_values("Les enfants avaient 11-12 ans.", "fr")
    assert value.kind != "date"


@pytest.mark.parametrize(
    ("text", "lang", "counted"),
    [
        ("The death toll in the factory fire rose to 15 on Thursday.", "en", "death toll"),
        ("Die Zahl der Toten stieg auf 15.", "de", "Zahl der Toten"),
        ("Le bilan est passé à 15.", "fr", "bilan"),
        ("El número de muertos ascendió a 15.", "es", "número de muertos"),
        ("Il bilancio delle vittime è salito a 15.", "it", "bilancio delle vittime"),
        ("Het dodental steeg tot 15.", "nl", "dodental"),
        ("O número de mortos subiu para 15.", "pt", "número de mortos"),
        ("Liczba ofiar wzrosła do 15.", "pl", "Liczba ofiar"),
        ("Число погибших выросло до 15.", "ru", "Число погибших"),
        ("Počet obětí stoupl na 15.", "cs", "Počet obětí"),
    ],
)
def test_what_a_number_counts_may_stand_before_it(text: str, lang: str, counted: str) -> None:
    """A toll is named before its number ("the death toll rose to 15"): the bare number
    counts it, in every language whose data names its tolls."""
    assert one(text, lang, "count").counted == counted


def test_must_not_fire_a_toll_in_another_clause_or_a_number_with_its_own_noun() -> None:
    assert one("The death toll rose to 15 people.", "en", "count").counted == "people"
    assert one("The toll was not known; 15 were arrested.", "en", "count").counted != "toll"
    assert one("She spoke for 15 minutes.", "en", "duration").counted == ""
    # a measure with decimals is no toll: the toll's number is further on
    assert one("Число погибших при землетрясении магнитудой 5,8.", "ru", "count").counted == ""
    beben = "Die Zahl der Toten nach dem Beben der Stärke 5,8 ist unklar."
    assert one(beben, "de", "count").counted == ""


def test_a_vote_written_with_a_colon_is_a_tally_and_a_time_of_day_no_value() -> None:
    v = one("Zastupitelstvo schválilo rozpočet poměrem hlasů 31:14.", "cs", "tally")
    assert (v.low, v.second) == (31, 14)
    assert not extract_values("The oath was taken at 12:00 on the steps.", "en")
    assert not extract_values("Le vote a eu lieu à 9h30.", "fr")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Голосованию предшествовали 12-часовые дебаты.", "ru"),
        ("Głosowanie poprzedziła 12-godzinna debata.", "pl"),
        ("Hlasování předcházela 12-hodinová debata.", "cs"),
        ("De stemming volgde op een 12-urig debat.", "nl"),
    ],
)
def test_hyphenated_duration_adjectives(text: str, lang: str) -> None:
    v = one(text, lang, "duration")
    assert (v.low, v.unit) == (12, "hour")


def test_must_not_fire_an_age_adjective_is_no_duration() -> None:
    assert one("54-летний водитель выжил.", "ru", "age").low == 54
    assert one("De 54-jarige chauffeur overleefde.", "nl", "age").low == 54


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The schools stay closed until Wednesday.", "en"),
        ("Die Schulen bleiben bis Mittwoch geschlossen.", "de"),
        ("Las escuelas permanecerán cerradas hasta el miércoles.", "es"),
        ("Le scuole resteranno chiuse fino a mercoledì.", "it"),
        ("De scholen blijven tot woensdag gesloten.", "nl"),
        ("A joint rally set for Wednesday was postponed.", "en"),
        ("As escolas ficam fechadas até à quarta-feira.", "pt"),
        ("Les écoles restent fermées jusqu'à mercredi.", "fr"),
        ("Szkoły pozostaną zamknięte do środy.", "pl"),
        ("Školy zůstanou zavřené do středy.", "cs"),
        ("Школы будут закрыты до среды.", "ru"),
    ],
)
def test_a_weekday_things_last_until_is_to_come(text: str, lang: str) -> None:
    """Published on Tuesday 3 September 2024: "until Wednesday" is the next day, while a
    plain past Wednesday stays the week before (must not fire)."""
    day = datetime.date(2024, 9, 3)
    (v,) = [v for v in extract_values(text, lang, day) if v.kind == "date"]
    assert datetime.date.fromordinal(int(v.low)) == datetime.date(2024, 9, 4)
    (past,) = [v for v in extract_values("Am Mittwoch stimmte der Rat ab.", "de", day)
               if v.kind == "date"]
    assert datetime.date.fromordinal(int(past.low)) == datetime.date(2024, 8, 28)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The toll rose on Wednesday until it reached 23.", "en"),
        ("Die Zahl der Toten stieg am Mittwoch bis auf 23.", "de"),
        ("El número de muertos subió el miércoles hasta 23.", "es"),
        ("O número de mortos subiu na quarta-feira até 23.", "pt"),
        ("Il bilancio è salito mercoledì fino a 23 morti.", "it"),
        ("Le bilan est monté mercredi jusqu'à 23 morts.", "fr"),
        ("Het dodental steeg woensdag tot 23.", "nl"),
    ],
)
def test_must_not_fire_until_after_the_day_is_to_not_until(text: str, lang: str) -> None:
    """"Rose on Wednesday to 23": the word for "until" after the day reads "to", and the day
    is the Wednesday before publication (Tuesday 3 September 2024), not the next one."""
    (v,) = [v for v in extract_values(text, lang, datetime.date(2024, 9, 3)) if v.kind == "date"]
    assert datetime.date.fromordinal(int(v.low)) == datetime.date(2024, 8, 28)


@pytest.mark.parametrize(
    ("text", "lang", "things"),
    [
        ("Seven people were killed and 23 others were injured.", "en", ["dead", "injured"]),
        ("Nove persone sono morte e 23 sono rimaste ferite.", "it", ["dead", "injured"]),
        ("Zeven mensen kwamen om het leven en 25 mensen raakten gewond.", "nl",
         ["dead", "injured"]),
        ("Zginęło siedem osób, a 23 zostały ranne.", "pl", ["dead", "injured"]),
        ("Sete pessoas morreram e 23 ficaram feridas.", "pt", ["dead", "injured"]),
        ("Die Zahl der Toten ist inzwischen auf sieben gestiegen.", "de", ["dead"]),
        ("При взрыве погибли 12 человек, 30 ранены.", "ru", ["dead", "injured"]),
        ("Při výbuchu zemřelo 12 lidí a 30 bylo zraněno.", "cs", ["dead", "injured"]),
        ("Environ 3 000 habitants ont été évacués.", "fr", ["evacuated"]),
        ("Około 2000 mieszkańców ewakuowano.", "pl", ["evacuated"]),
        ("Die Polizei hat 12 Menschen festgenommen, drei werden vermisst.", "de",
         ["arrested", "missing"]),
        ("La policía detuvo a 4 personas; 2 siguen desaparecidas.", "es", ["arrested", "missing"]),
        ("Задержаны 5 человек.", "ru", ["arrested"]),
        # the missing in any inflection: word starts
        ("Siedem osób wciąż uznaje się za zaginione.", "pl", ["missing"]),
        ("Четыре человека числятся пропавшими.", "ru", ["missing"]),
        ("Sedm lidí se stále pohřešuje.", "cs", ["missing"]),
        # a day between the thing and its count tells when, not another thing counted
        ("Bei dem Unglück starben am Dienstag fünf Menschen.", "de", ["dead"]),
        ("Vijf mensen kwamen woensdag om het leven.", "nl", ["dead"]),
        ("W środę zginęło pięć osób.", "pl", ["dead"]),
        # must not fire: a word another count took is not this one's ("the trains are dead")
        ("Tre persone sono morte martedì nello scontro tra due treni.", "it", ["dead", ""]),
        ("Cinco personas murieron el martes en el choque de dos trenes.", "es", ["dead", ""]),
        # a measure with decimals counts no people: the word is the whole count's ("Stärke 5,8")
        ("W trzęsieniu ziemi o sile 5,8 zginęło dziewięć osób.", "pl", ["", "dead"]),
        ("Bei dem Beben der Stärke 5,8 starben neun Menschen.", "de", ["", "dead"]),
        ("Lors du séisme de magnitude 5,8, neuf personnes sont mortes.", "fr", ["", "dead"]),
        ("About 15 people were injured.", "en", ["injured"]),
        # the parts listed right after a count: its thing comes after the list
        ("Six people, including two guards and an aide, were injured.", "en",
         ["injured", ""]),
        ("Sei persone, tra cui due agenti, sono rimaste ferite.", "it", ["injured", ""]),
        ("Sechs Menschen, darunter zwei Polizisten, wurden verletzt.", "de", ["injured", ""]),
        ("Zes mensen, waaronder twee agenten, raakten gewond.", "nl", ["injured", ""]),
        ("Sześć osób, w tym dwóch policjantów, zostało rannych.", "pl", ["injured", ""]),
        # must not fire: a list that is not of parts, or a thing in the next sentence
        ("Six people, two guards and an aide, were injured.", "en", ["", ""]),
        ("Six people, including two guards, watched the fire. Nobody was hurt.", "en",
         ["", "", "injured"]),
        ("Six people were arrested, including two guards; three were injured.", "en",
         ["arrested", "", "injured"]),
        # must not fire: a count of something else
        ("The council has 31 members and 12 committees.", "en", ["", ""]),
        ("De stad telt 3000 inwoners.", "nl", [""]),
        ("Der Rat hat 31 Mitglieder.", "de", [""]),
    ],
)
def test_what_a_count_is_of(text: str, lang: str, things: list[str]) -> None:
    """The dead, the injured, the evacuated, the arrested and the missing, read in each count's
    own clause (after the number first)."""
    assert [v.thing for v in extract_values(text, lang) if v.kind == "count"] == things


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("La tormenta causó daños por 2.200 millones de dólares.", "es", 2.2e9),
        ("Perdas de 1.500 milhões de euros.", "pt", 1.5e9),
        # must not fire: a decimal before a scale word
        ("Costó 1.5 millones de pesos.", "es", 1.5e6),
        ("Un total de 2,5 millones de personas.", "es", 2.5e6),
        ("Der Schaden beträgt 1,375 Milliarden Euro.", "de", 1.375e9),
        ("The damage came to $1.375 billion.", "en", 1.375e9),
    ],
)
def test_thousands_grouped_before_a_scale_word(text: str, lang: str, value: float) -> None:
    """Spanish and Portuguese write 2.2 billion as "2.200 millones": three digits after the
    separator group thousands before those scale words, and stay a decimal before others."""
    (v,) = extract_values(text, lang)
    assert v.low == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "lang", "whole"),
    [
        ("Six people, including two congressmen, were injured.", "en", [True, False]),
        ("Bij de schietpartij zijn vijf gewonden gevallen.", "nl", [True]),
        ("W wypadku zginęły cztery osoby.", "pl", [True]),
        ("При взрыве погибли 12 человек.", "ru", [True]),
        ("La explosión dejó 49 muertos y 53 heridos.", "es", [True, True]),
        ("Bei dem Unfall starben drei Menschen.", "de", [True]),
        ("Při výbuchu zemřelo 12 lidí.", "cs", [True]),
        # must not fire: a kind of people is a part of the toll, whatever the thing
        ("Two police officers were also injured.", "en", [False]),
        ("Dois agentes da polícia também ficaram feridos.", "pt", [False]),
        ("Zwei Polizisten wurden verletzt.", "de", [False]),
        ("Tre vigili del fuoco sono rimasti feriti.", "it", [False]),
        # must not fire: a count of no thing is no toll
        ("The council has 31 members.", "en", [False]),
    ],
)
def test_a_count_told_whole(text: str, lang: str, whole: list[bool]) -> None:
    """A count of a thing is its whole toll when it counts people in general or the thing
    itself ("six people", "vijf gewonden", "49 muertos"), not a kind of people ("two police
    officers", "dois agentes") or a part ("including two congressmen")."""
    assert [v.whole for v in extract_values(text, lang) if v.kind == "count"] == whole


@pytest.mark.parametrize(
    ("text", "lang", "year", "month"),
    [
        ("The attack last December killed 14 people.", "en", 2020, 12),
        ("The vote is set for next March.", "en", 2022, 3),
        ("Der Anschlag im vergangenen Dezember forderte 14 Tote.", "de", 2020, 12),
        ("Er kam im Februar letzten Jahres.", "de", 2020, 2),
        ("El ataque de diciembre pasado dejó 14 muertos.", "es", 2020, 12),
        ("Le scrutin aura lieu en avril prochain.", "fr", 2021, 4),
        ("L'attentato dello scorso gennaio.", "it", 2021, 1),
        ("De aanslag van afgelopen december.", "nl", 2020, 12),
        ("O ataque de dezembro do ano passado.", "pt", 2020, 12),
        ("Zamach w grudniu ubiegłego roku.", "pl", 2020, 12),
        ("Нападение в декабре прошлого года.", "ru", 2020, 12),
        ("Útok loni v prosinci.", "cs", 2020, 12),
    ],
)
def test_a_month_told_by_its_distance_from_now_gets_its_year(
    text: str, lang: str, year: int, month: int
) -> None:
    """Published 12 March 2021: "last December" is December 2020, "next March" March 2022,
    "last January" January 2021. One date, the distance words its own ("loni" no year apart)."""
    dates = [v for v in extract_values(text, lang, PUB) if v.kind == "date"]
    assert len(dates) == 1
    first = datetime.date.fromordinal(int(dates[0].low))
    assert (first.year, first.month, dates[0].unit) == (year, month, "month")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("He came in December to see the site.", "en"),
        ("Im Dezember kam er zurück.", "de"),
        ("En diciembre volvió.", "es"),
        ("Zamach w grudniu wstrząsnął krajem.", "pl"),
    ],
)
def test_must_not_fire_a_month_without_distance_words_keeps_no_year(text: str, lang: str) -> None:
    dates = [v for v in extract_values(text, lang, PUB) if v.kind == "date"]
    assert [d.unit for d in dates] == ["yearless"]


def test_must_not_fire_a_month_told_from_now_without_a_publication_date() -> None:
    """Without the day of publication "last December" has no year: no dated value."""
    dates = [v for v in extract_values("The attack last December.", "en", None)
             if v.kind == "date"]
    assert all(d.unit == "yearless" for d in dates)


@pytest.mark.parametrize(
    ("text", "lang", "told"),
    [
        ("L'ingegnere è stato accusato di negligenza.", "it", [("charged", "accusato")]),
        ("Policja zatrzymała kierownika zmiany.", "pl", [("arrested", "zatrzymała")]),
        ("De machinist is aangeklaagd.", "nl", [("charged", "aangeklaagd")]),
        ("El conductor fue detenido el lunes.", "es", [("arrested", "detenido")]),
        ("Водитель был задержан.", "ru", [("arrested", "задержан")]),
        ("Водитель был оштрафован.", "ru", []),  # no word of the list (fined): nothing guessed
        # must not fire: negated, hedged, asked, or counted
        ("He was not charged.", "en", []),
        ("Er könnte angeklagt werden.", "de", []),
        ("On ne sait pas si quelqu'un a été blessé.", "fr", []),
        ("Nikdo nebyl zraněn.", "cs", []),
        ("Twelve people were injured.", "en", []),
    ],
)
def test_a_thing_told_as_happened_without_a_count(
    text: str, lang: str, told: list[tuple[str, str]]
) -> None:
    assert list(happenings(text, lang, extract_values(text, lang))) == told


@pytest.mark.parametrize(
    ("text", "lang", "kind"),
    [
        ("Un hombre de 45 años murió.", "es", "age"),
        ("Um homem de 45 anos morreu.", "pt", "age"),
        ("Un homme de 45 ans est mort.", "fr", "age"),
        ("Un uomo di 45 anni è morto.", "it", "age"),
        # must not fire: a span, by the word before the joining word, or no joining word
        ("Después de 20 años volvió.", "es", "duration"),
        ("Depois de 20 anos voltou.", "pt", "duration"),
        ("Um mandato de 4 anos.", "pt", "duration"),
        ("Une peine de 20 ans.", "fr", "duration"),
        ("Un mandat de 5 ans.", "fr", "duration"),
        ("Una pena di 20 anni.", "it", "duration"),
        ("Voor de 20 jaar daarna.", "nl", "duration"),
    ],
)
def test_a_noun_joined_to_its_years_is_an_age_unless_a_span_word_stands_there(
    text: str, lang: str, kind: str
) -> None:
    """The language's own joining word ([age] of) and span words ([age] not_of), as data."""
    assert [v.kind for v in extract_values(text, lang)] == [kind]


@pytest.mark.parametrize(
    ("text", "lang", "event"),
    [
        ("The footbridge was opened in 1981.", "en", "opened"),
        ("Die Halle wurde 1981 eröffnet.", "de", "opened"),
        ("La salle a été inaugurée en 1981.", "fr", "opened"),
        ("El estadio fue construido en 1981.", "es", "built"),
        ("Lo stadio fu costruito nel 1981.", "it", "built"),
        ("De club werd in 1981 opgericht.", "nl", "founded"),
        ("O clube foi fundado em 1981.", "pt", "founded"),
        ("Wiadukt zawalił się w 1981 roku.", "pl", "collapsed"),
        ("Мост обрушился в 1981 году.", "ru", "collapsed"),
        ("Narodil se v roce 1981.", "cs", "born"),
        ("The governor took office in 2011.", "en", "took_office"),
        ("Seit ihrem Amtsantritt im Januar 2011 regiert sie allein.", "de", "took_office"),
        ("Depuis son arrivée au pouvoir en 2011, il gouverne seul.", "fr", "took_office"),
        ("La gobernadora tomó posesión en enero de 2011.", "es", "took_office"),
        ("Il sindaco si è insediato nel 2011.", "it", "took_office"),
        ("Prezydent objął urząd w 2011 roku.", "pl", "took_office"),
        ("Губернатор вступил в должность в 2011 году.", "ru", "took_office"),
        # must not fire: possession is no taking office ("em posse de"), a mere arrival
        ("A polícia tem em posse os documentos desde 2011.", "pt", ""),
        ("Il est arrivé à Paris en 2011.", "fr", ""),
        # must not fire: a closing, a telling, a date naming no happening
        ("The footbridge was closed in 1981.", "en", ""),
        ("Le maire a déclaré en 1981 que la salle restait fermée.", "fr", ""),
        ("Im Jahr 1981 regnete es viel.", "de", ""),
        # the nearest word in the date's own clause, not the next clause's
        ("Die Halle, 1981 eröffnet, wurde 2019 geschlossen.", "de", "opened|"),
    ],
)
def test_what_a_date_dates(text: str, lang: str, event: str) -> None:
    """The happening a date dates, by each language's [events] words in its clause: one key in
    every language, so an opening meets an opening and never a closing."""
    found = [v.event for v in extract_values(text, lang) if v.kind == "date"]
    assert "|".join(found) == event


@pytest.mark.parametrize(
    ("text", "lang", "thing"),
    [
        ("The storm caused damage estimated at €30 million.", "en", "damage"),
        ("Der Schaden wird auf 30 Millionen Euro geschätzt.", "de", "damage"),
        ("Les dégâts sont estimés à 30 millions d'euros.", "fr", "damage"),
        ("El presupuesto asciende a 4.200 millones de euros.", "es", "budget"),
        ("Il bilancio ammonta a 4,2 miliardi di euro.", "it", "budget"),
        ("Hij kreeg een boete van 5000 euro.", "nl", "fine"),
        ("Foi libertado após pagar uma fiança de 20 mil euros.", "pt", "bail"),
        ("Porywacze zażądali okupu w wysokości 2 milionów euro.", "pl", "ransom"),
        ("Ущерб оценивается в 80 миллионов евро.", "ru", "damage"),
        ("Rozpočet dosahuje 4,2 miliardy eur.", "cs", "budget"),
        ("He is accused of embezzling €3.2 million.", "en", "embezzled"),
        ("Er soll 3,2 Millionen Euro veruntreut haben.", "de", "embezzled"),
        ("Il aurait détourné 2,3 millions d'euros.", "fr", "embezzled"),
        ("Obvinění se týká zpronevěry 3,2 milionu eur.", "cs", "embezzled"),
        ("L'azienda ha stanziato 54 milioni di euro per le buonuscite.", "it", "compensation"),
        ("Het bedrijf trekt 45 miljoen euro uit voor ontslagvergoedingen.", "nl", "compensation"),
        ("Firma wypłaci 12 milionów złotych odszkodowania.", "pl", "compensation"),
        ("Компания выплатит компенсацию в размере 5 миллионов евро.", "ru", "compensation"),
        # must not fire: money of nothing named, a price with cents, a detour is no theft
        ("Los camiones se desviaron y 300 euros en peajes se ahorraron.", "es", ""),
        ("The company paid €30 million for the site.", "en", ""),
        ("Le billet coûte 4,50 euros.", "fr", ""),
    ],
)
def test_what_an_amount_is_of(text: str, lang: str, thing: str) -> None:
    """The damage, a budget, a fine, bail or a ransom, by each language's [amounts] words in the
    amount's clause: one key in every language."""
    (v,) = [v for v in extract_values(text, lang) if v.kind == "money"]
    assert v.thing == thing


@pytest.mark.parametrize(
    ("text", "lang", "kind"),
    [
        ("Il macchinista, di 45 anni, è rimasto ferito.", "it", "age"),
        ("El maquinista, de 45 años, resultó herido.", "es", "age"),
        ("O maquinista, de 45 anos, ficou ferido.", "pt", "age"),
        # must not fire: a span set off by commas ("una pena, di 20 anni,")
        ("La pena, di 20 anni, è stata confermata.", "it", "duration"),
    ],
)
def test_an_age_set_off_by_commas(text: str, lang: str, kind: str) -> None:
    """"Il macchinista, di 45 anni, …": the noun, the joining word and the years between
    commas are an age, like "un uomo di 45 anni"; a span word before it keeps it a span."""
    (v,) = [v for v in extract_values(text, lang) if v.kind in ("age", "duration")]
    assert v.kind == kind


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # the rest of a set told before
        ("The other two injured were staffers.", "en"),
        ("Die anderen zwei Verletzten sind Polizisten.", "de"),
        ("Los otros dos heridos son agentes.", "es"),
        ("Gli altri due feriti sono agenti.", "it"),
        ("De andere twee gewonden zijn agenten.", "nl"),
        ("Os outros dois feridos são agentes.", "pt"),
        ("Pozostałe dwie ranne osoby to policjantki.", "pl"),
        ("Остальные двое раненых - полицейские.", "ru"),
        ("Zbývající dva zranění jsou policisté.", "cs"),
        # a thing named as the whole the count is among
        ("Among the injured were two police officers.", "en"),
        ("Unter den Verletzten sind zwei Polizisten.", "de"),
        ("Parmi les blessés figurent deux policiers.", "fr"),
        ("Entre los heridos hay dos policías.", "es"),
        ("Tra i feriti ci sono due agenti.", "it"),
        ("Onder de gewonden zijn twee agenten.", "nl"),
        ("Wśród rannych są dwaj policjanci.", "pl"),
        ("Среди раненых двое полицейских.", "ru"),
        ("Mezi zraněnými jsou dva policisté.", "cs"),
    ],
)
def test_a_rest_or_a_member_is_a_part_of_the_toll(text: str, lang: str) -> None:
    """"The other two injured", "among the injured were two officers": a part of the injured,
    never their whole toll."""
    (count,) = [v for v in extract_values(text, lang) if v.kind == "count"]
    assert (count.thing, count.role, count.whole) == ("injured", "part", False)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("On the other hand, two people were injured.", "en"),
        ("Unter Polizeischutz wurden zwei Menschen verletzt.", "de"),
        ("Entre 10 y 20 personas resultaron heridas.", "es"),
        ("В результате нападения пострадали трое человек.", "ru"),
        ("Seven people were killed and 23 others were injured.", "en"),
    ],
)
def test_other_words_and_prepositions_elsewhere_leave_a_count_alone(text: str, lang: str) -> None:
    """Must not fire: "other" not right before the number, a preposition not before the thing
    the count is of, a range after "entre"."""
    assert all(v.role == "" for v in extract_values(text, lang) if v.kind == "count")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("In all, 14 people were injured, three of them seriously.", "en"),
        ("14 Menschen wurden verletzt, drei von ihnen schwer.", "de"),
        ("Quatorze personnes ont été blessées, trois d'entre elles grièvement.", "fr"),
        ("Catorce personas resultaron heridas, tres de ellas de gravedad.", "es"),
        ("Sono rimaste ferite 14 persone, tre di loro in modo grave.", "it"),
        ("Er raakten 14 mensen gewond, drie van hen ernstig.", "nl"),
        ("No total, 14 pessoas ficaram feridas, três delas com gravidade.", "pt"),
        ("Rannych zostało 14 osób, trzy z nich ciężko.", "pl"),
        ("Ранены 14 человек, трое из них тяжело.", "ru"),
        ("Zraněno bylo 14 lidí, tři z nich vážně.", "cs"),
    ],
)
def test_a_count_of_them_is_a_part_of_the_count_before(text: str, lang: str) -> None:
    """"Three of them seriously": a part of the 14 injured, never a toll of three set against
    "14 people were injured"; the 14 stays the whole."""
    whole, part = sorted(
        (v for v in extract_values(text, lang) if v.kind == "count"), key=lambda v: -v.high
    )
    assert (whole.high, whole.role, part.high, part.role) == (14, "", 3, "part")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Three officers and two of their dogs were hurt.", "en"),
        ("Drei Beamte wurden verletzt, von ihnen hörte man nichts.", "de"),
        ("Tre agenti sono rimasti feriti.", "it"),
    ],
)
def test_them_elsewhere_leaves_a_count_alone(text: str, lang: str) -> None:
    """Must not fire: "of their", a "von ihnen" not right after the number."""
    assert all(v.role == "" for v in extract_values(text, lang) if v.kind == "count")


@pytest.mark.parametrize(
    ("text", "lang", "counts"),
    [
        ("Poco dopo le 21 centinaia di tifosi hanno invaso la curva.", "it", []),
        ("Il corteo è partito alle 18 dalla piazza.", "it", []),
        ("A las 9 se cerraron las puertas del estadio.", "es", []),
        ("Os portões foram fechados às 22 por ordem da polícia.", "pt", []),
        # must not fire: what follows names what the number counts
        ("Alle 21 vittime è stato reso omaggio.", "it", [21]),
        ("Às 21 pessoas foi negada a entrada.", "pt", [21]),
        ("A las 30 familias se les ofreció un hotel.", "es", [30]),
    ],
)
def test_a_bare_hour_after_its_preposition_is_no_count(
    text: str, lang: str, counts: list[int]
) -> None:
    """"dopo le 21", "a las 9", "às 22": a time of day, never a count of the people after it
    ("centinaia di tifosi"); a number over 24 or one before the people it counts stays."""
    assert [v.high for v in extract_values(text, lang) if v.kind == "count"
            and v.high != 999.0] == counts


@pytest.mark.parametrize(
    ("text", "lang", "hours"),
    [
        ("Les secouristes ont travaillé pendant 12 heures sans interruption.", "fr", [12]),
        ("Le tunnel a été dégagé en moins de 10 heures.", "fr", [10]),
        ("Los bomberos trabajaron durante 14 horas.", "es", [14]),
        ("La búsqueda terminó tras 20 horas.", "es", [20]),
        ("Le squadre hanno lavorato per 12 ore senza sosta.", "it", [12]),
        ("Il traffico è ripreso dopo 6 ore.", "it", [6]),
        # must not fire: the clock, by its preposition or with none
        ("Le drame s'est produit à 20 heures.", "fr", []),
        ("La réunion a commencé vers 9 heures.", "fr", []),
        ("El accidente ocurrió a las 14 horas.", "es", []),
        ("Il treno è partito alle 18 ore.", "it", []),
        # a span with no preposition stays unread (lost, never misread as a span that clashes)
        ("Les secours sont arrivés 12 heures plus tard.", "fr", []),
    ],
)
def test_an_hour_word_of_the_clock_and_a_span_is_a_span_after_its_preposition(
    text: str, lang: str, hours: list[int]
) -> None:
    """"heures", "horas", "ore" name an hour of the clock and a span of hours: a span
    preposition right before the number ([dates] span_before) makes it a duration; without
    one it stays the clock, so two times of day are never read as two spans that clash."""
    assert [v.high for v in extract_values(text, lang) if v.kind == "duration"] == hours


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The toll rose to 13 on Sunday, up from the 11 deaths confirmed at first.", "en"),
        ("Die Zahl der Toten stieg auf 13, nach zuvor 11.", "de"),
        ("Le bilan est passé à 13 morts, contre 11 la veille.", "fr"),
        ("El balance subió a 13 muertos, frente a los anteriores 11.", "es"),
        ("Il bilancio è salito a 13 morti, rispetto agli 11 del giorno prima.", "it"),
        ("Het dodental steeg naar 13, na eerder 11.", "nl"),
        ("O número de mortos subiu para 13, face aos anteriores 11.", "pt"),
        ("Počet obětí stoupl na 13 z původních 11.", "cs"),
        # an adverb of earlier time up to two words before it
        ("Число погибших выросло до 13 человек. Ранее говорилось об 11 погибших.", "ru"),
        ("Die Zahl der Toten stieg auf 13, zuvor war von 11 Toten die Rede.", "de"),
    ],
)
def test_an_earlier_state_beside_the_new_one_is_not_claimed_now(text: str, lang: str) -> None:
    """"Rose to 13, up from 11": the claim says 13 now; the 11 is what was said before
    (role ``previous``), left out of what is compared, so it never agrees with an outlet that
    still says 11 and never hides the 13 against it."""
    values = extract_values(text, lang)
    assert [v.high for v in values if v.kind == "count" and v.role == "previous"] == [11]
    assert [v.high for v in _facts(text, lang).values if v.kind == "count"] == [13]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The city counted 13 dead and 11 injured earlier in the week.", "en"),  # other things
        ("Membership is up from 11 members.", "en"),  # no newer figure beside it
        ("Die Polizei nahm zuvor 11 Personen fest.", "de"),
        ("Unemployment fell to 5 percent compared with 2019.", "en"),  # a year, not a share
    ],
)
def test_no_earlier_state_without_a_newer_figure_of_it(text: str, lang: str) -> None:
    assert all(v.role != "previous" for v in extract_values(text, lang))


@pytest.mark.parametrize(
    ("text", "lang", "degree"),
    [
        ("Two people were seriously injured.", "en", "severe"),
        ("Zwei Menschen wurden schwer verletzt.", "de", "severe"),
        ("Hubo dos heridos graves en la evacuación.", "es", "severe"),
        ("Tre persone sono rimaste gravemente ferite.", "it", "severe"),
        ("Trzy osoby zostały ciężko ranne.", "pl", "severe"),
        ("Three police officers were lightly injured.", "en", "light"),
        ("Deux policiers ont été légèrement blessés.", "fr", "light"),
    ],
)
def test_a_count_told_with_its_degree_is_a_part(text: str, lang: str, degree: str) -> None:
    """"Two were seriously injured" is a part of the injured, never their whole toll."""
    (count,) = [v for v in extract_values(text, lang) if v.kind == "count"]
    assert (count.thing, count.role, count.degree, count.whole) == ("injured", "part", degree,
                                                                     False)


def test_a_part_of_them_takes_the_thing_and_degree() -> None:
    whole, part = sorted(
        (v for v in extract_values("Eleven people were injured on the way out, two of them "
                                   "seriously.", "en") if v.kind == "count"),
        key=lambda v: -v.high,
    )
    assert (whole.role, whole.thing) == ("", "injured")
    assert (part.role, part.thing, part.degree) == ("part", "injured", "severe")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Eleven people were hurt as passengers slid down the chutes.", "en"),
        ("Seven people were killed and 23 injured in the attack.", "en"),
        ("Sette persone sono morte e 23 sono rimaste ferite.", "it"),
    ],
)
def test_no_degree_leaves_a_toll_whole(text: str, lang: str) -> None:
    assert all(v.role == "" and v.degree == "" for v in extract_values(text, lang)
               if v.kind == "count")


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        ("O 14.41 samolot wylądował na pasie 27.", "pl", [27.0]),
        ("Der Zug kam um 14.41 Uhr an, mit 300 Fahrgästen.", "de", [300.0]),
        ("Vlak přijel ve 23.05 s 80 cestujícími.", "cs", [80.0]),
        # a price keeps its dot where a currency says so; English reads decimals with a dot
        ("Der Kurs fiel auf 14.41 Euro.", "de", [14.41]),
        ("The index fell 14.41 points.", "en", [14.41]),
    ],
)
def test_an_hour_and_minutes_with_a_dot_is_a_time(
    text: str, lang: str, kept: list[float]
) -> None:
    """Where a comma marks decimals, "14.41" is a time of day, never 14.41 of anything."""
    assert [v.high for v in extract_values(text, lang) if v.kind != "date"] == kept


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Vastik avrebbe intascato tangenti per 1,2 milioni di euro.", "it"),
        ("Hij zou 2,1 miljoen euro aan steekpenningen hebben aangenomen.", "nl"),
        ("He took bribes worth 1.2 million euros.", "en"),
        ("Er soll Schmiergeld in Höhe von 1,2 Millionen Euro angenommen haben.", "de"),
        ("Miał przyjąć łapówki w wysokości 1,2 mln euro.", "pl"),
    ],
)
def test_bribes_are_what_a_sum_is_of(text: str, lang: str) -> None:
    (money,) = [v for v in extract_values(text, lang) if v.kind == "money"]
    assert money.thing == "bribes"


@pytest.mark.parametrize(
    ("text", "lang", "counted"),
    [
        ("Mais de 2 milhões de pessoas foram retiradas das suas casas.", "pt", "pessoas"),
        ("Unos 1,5 millones de turistas visitaron la isla.", "es", "turistas"),
        ("Près de 3 millions d’habitants sont privés d’eau.", "fr", "habitants"),
        ("Circa 2 milioni di persone sono senza corrente.", "it", "persone"),
        ("About 2 million people are without power.", "en", "people"),
        ("Rund 2 Millionen Menschen sind ohne Strom.", "de", "Menschen"),
    ],
)
def test_what_a_scaled_count_counts_after_its_preposition(
    text: str, lang: str, counted: str
) -> None:
    """"2 milhões de pessoas" counts people as "2 million people" does: after a scale word the
    language's [numbers] scale_of word stands between the number and what it counts."""
    (count,) = [v for v in extract_values(text, lang) if v.kind == "count"]
    assert count.counted.split()[0] == counted


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # no scale word: "de" is a preposition of the sentence, not of the count
        ("Sono morte 12 di loro.", "it"),
        ("Llegaron 40 de los 60 autobuses.", "es"),
        # a scale word at the sentence end counts nothing
        ("Le déficit atteint 3 millions.", "fr"),
    ],
)
def test_must_not_fire_scale_of_without_a_scale_word(text: str, lang: str) -> None:
    counts = [v for v in extract_values(text, lang) if v.kind == "count"]
    assert counts and not any(v.counted.split()[:1] in (["loro"], ["los"]) for v in counts)
    assert all(v.counted == "" for v in counts if v.text.endswith("millions"))


@pytest.mark.parametrize(
    ("text", "lang", "unit"),
    [
        ("Po 36 dniach impasu parlament przyjął ustawę.", "pl", "day"),
        ("Akcja ratunkowa zakończyła się po 14 godzinach.", "pl", "hour"),
        ("Po 36 dnech patu sněmovna rozpočet schválila.", "cs", "day"),
        ("Pátrání skončilo po 14 týdnech.", "cs", "week"),
        ("Речь шла о 12 месяцах работы.", "ru", "month"),
    ],
)
def test_durations_in_the_case_after_a_preposition(text: str, lang: str, unit: str) -> None:
    """"po 36 dniach" is 36 days as "36 dni" is: Slavic duration words in the locative."""
    (duration,) = [v for v in extract_values(text, lang) if v.kind != "date"]
    assert (duration.kind, duration.unit) == ("duration", unit)


@pytest.mark.parametrize(
    ("text", "lang"),
    [("W latach 2010–2015 zginęło 40 osób.", "pl"), ("W 2020 roku otwarto most.", "pl")],
)
def test_must_not_fire_years_are_no_durations(text: str, lang: str) -> None:
    assert not [v for v in extract_values(text, lang) if v.kind == "duration"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Fifteen of the 19 hijackers were Saudi nationals.", "en"),
        # a possessive between "of the" and the total
        ("Eleven of the train's 32 tank wagons left the track.", "en"),
        ("Sedici dei 23 minatori sono stati salvati.", "it"),
    ],
)
def test_a_part_of_a_total(text: str, lang: str) -> None:
    """"N of the M things": a part and its total, never two counts of one thing to compare."""
    roles = [v.role for v in extract_values(text, lang) if v.kind == "count"]
    assert roles == ["part", "total"], roles


def test_two_counts_not_part_and_total() -> None:
    # must not fire: counts joined by other words
    for text in ("Eleven wagons and 32 containers were damaged.",
                 "Eleven people were hurt and 32 were evacuated."):
        assert "part" not in [v.role for v in extract_values(text, "en") if v.kind == "count"]
