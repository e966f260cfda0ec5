"""Language data folders: each language reads its own denials, speakers, numbers and dates.

One block of cases per language (es, it, nl, pt, pl, ru, cs); every sentence is written for
these tests. The registry's own tests live in ``test_language_registry.py``.
"""

from __future__ import annotations

import datetime
import math

import pytest

from checker.rules.names import person_names
from checker.rules.signals import claim_signals
from checker.rules.values import extract_values

PUBLISHED = datetime.date(2024, 3, 14)  # a Thursday
LANGUAGES = ("es", "it", "nl", "pt", "pl", "ru", "cs")

# (language, sentence, speaker)
DENIED = [
    ("es", "El Kremlin desmintió la llamada.", "Kremlin"),
    ("es", "La ministra Ana Torres negó que hubiera tropas en la frontera.", "Ana Torres"),
    ("it", "Il Cremlino ha smentito la telefonata.", "Cremlino"),
    ("nl", "Het Kremlin ontkende het telefoongesprek.", "Kremlin"),
    ("pt", "O Kremlin desmentiu o telefonema.", "Kremlin"),
    ("pl", "Kreml zdementował doniesienia o rozmowie.", "Kreml"),
    ("ru", "Кремль опроверг сообщения о звонке.", "Кремль"),
    ("cs", "Kreml popřel zprávy o telefonátu.", "Kreml"),
]

REPORTED = [
    ("es", "Según el Kremlin, la llamada duró dos horas.", "Kremlin"),
    ("es", "Pedro Martín dijo que el acuerdo está cerrado.", "Pedro Martín"),
    ("it", "Secondo il ministro Paolo Neri, le truppe restano.", "Paolo Neri"),
    ("it", "Marco Bianchi ha detto che la legge passerà.", "Marco Bianchi"),
    ("nl", "Volgens minister Pieter Jansen blijven de troepen.", "Pieter Jansen"),
    ("nl", "Anna Bakker zei dat de wet wordt aangenomen.", "Anna Bakker"),
    ("pt", "Segundo o ministro Paulo Costa, as tropas ficam.", "Paulo Costa"),
    ("pt", "Rui Almeida disse que a lei vai passar.", "Rui Almeida"),
    ("pl", "Według Jana Kowalskiego rząd przetrwa.", "Jana Kowalskiego"),
    ("pl", "Anna Nowak powiedziała, że sankcje zostaną.", "Anna Nowak"),
    ("ru", "По словам Ивана Петрова, переговоры продолжаются.", "Ивана Петрова"),
    ("ru", "Анна Смирнова заявила, что санкции останутся.", "Анна Смирнова"),
    ("cs", "Podle Petra Nováka vláda vydrží.", "Petra Nováka"),
    ("cs", "Jana Dvořáková řekla, že sankce zůstanou.", "Jana Dvořáková"),
]

# sentences without a denial cue; some hold a word near one ("se negó a", "odmítla návrh")
NOT_DENIED = [
    ("es", "El presidente se negó a responder a las preguntas."),
    ("es", "El portavoz confirmó que la llamada tuvo lugar."),
    ("it", "Il governo ha respinto la proposta dell'opposizione."),
    ("nl", "De regering wees het voorstel van de oppositie af."),
    ("pt", "O presidente negou-se a responder às perguntas."),
    ("pl", "Rząd odrzucił propozycję opozycji."),
    ("ru", "Правительство отклонило предложение оппозиции."),
    ("cs", "Vláda odmítla návrh opozice."),
]

# other levels, one per language: (language, sentence, level)
LEVELS = [
    ("es", "Peskov no pudo confirmar ni desmentir la reunión.", "unconfirmed"),
    ("es", "El ataque podría repetirse.", "hedged"),
    ("it", "Il portavoce non ha potuto confermare né smentire.", "unconfirmed"),
    ("it", "Il vertice potrebbe slittare.", "hedged"),
    ("nl", "De woordvoerder kon het bevestigen noch ontkennen.", "unconfirmed"),
    ("nl", "De top zou worden uitgesteld.", "hedged"),
    ("pt", "O porta-voz não pôde confirmar nem desmentir.", "unconfirmed"),
    ("pt", "A cimeira poderá ser adiada.", "hedged"),
    ("pl", "Rzecznik nie potwierdził tych informacji.", "unconfirmed"),
    ("pl", "Szczyt został podobno przełożony.", "hedged"),
    ("ru", "Представитель не подтвердил эту информацию.", "unconfirmed"),
    ("ru", "Встреча, вероятно, будет перенесена.", "hedged"),
    ("cs", "Mluvčí tuto informaci nepotvrdil.", "unconfirmed"),
    ("cs", "Summit bude údajně odložen.", "hedged"),
]

# (language, sentence, low, high, counted): one with digits, one with a number word
COUNTS = [
    ("es", "Detuvieron a 320 manifestantes.", 320, 320, "manifestantes"),
    ("es", "Llegaron doce camiones.", 12, 12, "camiones"),
    ("it", "Sono stati arrestati 320 manifestanti.", 320, 320, "manifestanti"),
    ("it", "Sono arrivati dodici camion.", 12, 12, "camion"),
    ("nl", "De politie hield 320 demonstranten aan.", 320, 320, "demonstranten"),
    ("nl", "Er kwamen twaalf vrachtwagens aan.", 12, 12, "vrachtwagens"),
    ("pt", "A polícia deteve 320 manifestantes.", 320, 320, "manifestantes"),
    ("pt", "Chegaram doze camiões.", 12, 12, "camiões"),
    ("pl", "Policja zatrzymała 320 demonstrantów.", 320, 320, "demonstrantów"),
    ("pl", "Przyjechało dwanaście ciężarówek.", 12, 12, "ciężarówek"),
    ("pl", "Ewakuowano pięciu rannych.", 5, 5, "rannych"),
    ("ru", "Полиция задержала 320 демонстрантов.", 320, 320, "демонстрантов"),
    ("ru", "Прибыли двенадцать грузовиков.", 12, 12, "грузовиков"),
    ("ru", "Эвакуировали пятерых раненых, среди них трёх детей.", 3, 3, "детей"),
    ("cs", "Policie zadržela 320 demonstrantů.", 320, 320, "demonstrantů"),
    ("cs", "Přijelo dvanáct kamionů.", 12, 12, "kamionů"),
    ("cs", "Evakuovali pěti zraněným lékaře.", 5, 5, "zraněným lékaře"),
]

# (language, sentence, low, high): "at least", "more than", "about", "nearly", "up to"
QUALIFIED = [
    ("es", "Al menos 15 personas murieron.", 15, math.inf),
    ("it", "Almeno 15 persone sono morte.", 15, math.inf),
    ("it", "Quasi 50 case sono crollate.", 45, 50),
    ("nl", "Minstens 15 mensen kwamen om.", 15, math.inf),
    ("nl", "Zeker 15 mensen kwamen om.", 15, math.inf),
    ("nl", "Ongeveer 60 huizen zijn beschadigd.", 54, 66),
    ("pt", "Pelo menos 15 pessoas morreram.", 15, math.inf),
    ("pt", "Mais de 200 casas ficaram destruídas.", 200, math.inf),
    ("pl", "Co najmniej 15 osób zginęło.", 15, math.inf),
    ("pl", "Około 60 domów zostało uszkodzonych.", 54, 66),
    ("ru", "По меньшей мере 15 человек погибли.", 15, math.inf),
    ("ru", "Почти 50 домов разрушены.", 45, 50),
    ("cs", "Nejméně 15 lidí zemřelo.", 15, math.inf),
    ("cs", "Až 40 domů bylo zničeno.", 0, 40),
]

# (language, sentence, date): day + month name + year
DATES = [
    ("es", "El acuerdo se firmó el 5 de marzo de 2023.", datetime.date(2023, 3, 5)),
    ("it", "L'accordo è stato firmato il 5 marzo 2023.", datetime.date(2023, 3, 5)),
    ("nl", "Op 5 maart 2023 werd het akkoord getekend.", datetime.date(2023, 3, 5)),
    ("pt", "O acordo foi assinado em 5 de março de 2023.", datetime.date(2023, 3, 5)),
    ("pl", "Umowę podpisano 5 marca 2023 r.", datetime.date(2023, 3, 5)),
    ("pl", "Szczyt zaczął się 12 listopada 2022 roku.", datetime.date(2022, 11, 12)),
    ("ru", "Соглашение подписали 5 марта 2023 года.", datetime.date(2023, 3, 5)),
    ("ru", "Саммит открылся 12 ноября 2022 года.", datetime.date(2022, 11, 12)),
    ("cs", "Smlouva byla podepsána 5. března 2023.", datetime.date(2023, 3, 5)),
    ("cs", "Summit začal 12. listopadu 2022.", datetime.date(2022, 11, 12)),
]

# (language, sentence, weekday 0=Monday): inflected forms included
WEEKDAYS = [
    ("es", "El miércoles votó el Senado.", 2),
    ("it", "Mercoledì il Senato ha votato.", 2),
    ("nl", "Woensdag stemde de Senaat.", 2),
    ("nl", "Zondagavond stemde de Senaat.", 6),
    ("pt", "Na quarta-feira o Senado votou.", 2),
    ("pl", "W środę Senat głosował.", 2),
    ("pl", "Od niedzieli trwają rozmowy.", 6),
    ("ru", "В среду Сенат проголосовал.", 2),
    ("ru", "В пятницу Сенат проголосовал.", 4),
    ("cs", "Ve středu Senát hlasoval.", 2),
    ("cs", "V neděli Senát hlasoval.", 6),
]

# a capitalised function word at the start, right before a speech verb: never a person
NOT_A_NAME = [
    ("es", "También dijo que no habrá cambios."),
    ("it", "Inoltre ha detto che non ci saranno cambiamenti."),
    ("nl", "Verder zei hij dat er niets verandert."),
    ("pt", "Também disse que não haverá mudanças."),
    ("pl", "Również powiedział, że nic się nie zmieni."),
    ("ru", "Также сказал, что изменений не будет."),
    ("cs", "Také řekl, že se nic nezmění."),
]

# a word that is a month or weekday elsewhere ("mar 3" is March 3 in English, "mai 5" May 5
# in French, "Mars 3" March 3 in French) or another word in this language ("среды")
NOT_A_DATE = [
    ("es", "Los barcos pasaron en el mar 3 días."),
    ("it", "In città non si scende mai 5 gradi sotto zero."),
    ("nl", "Tijdens de mars 2 jaar geleden liepen veel mensen mee."),
    ("pt", "Os barcos ficaram no mar 3 dias."),
    ("pl", "Sonda Mars 3 wylądowała na planecie."),
    ("ru", "Защита окружающей среды важна для 3 регионов."),
    ("cs", "Sonda Mars 3 přistála na planetě."),
]


def _values(text: str, language: str, published: datetime.date | None = PUBLISHED):
    return extract_values(text, language, published)


@pytest.mark.parametrize(("language", "text", "speaker"), DENIED)
def test_language_denial_reads_denied_with_speaker(
    language: str, text: str, speaker: str
) -> None:
    signals = claim_signals(text, language)
    assert signals.certainty == "denied", signals
    assert signals.speaker == speaker


@pytest.mark.parametrize(("language", "text", "speaker"), REPORTED)
def test_language_report_reads_reported_with_speaker(
    language: str, text: str, speaker: str
) -> None:
    signals = claim_signals(text, language)
    assert signals.certainty == "reported", signals
    assert signals.speaker == speaker


@pytest.mark.parametrize(("language", "text"), NOT_DENIED)
def test_language_no_denial_cue_is_not_denied(language: str, text: str) -> None:
    assert claim_signals(text, language).certainty != "denied"


@pytest.mark.parametrize(("language", "text", "level"), LEVELS)
def test_language_unconfirmed_and_hedged(language: str, text: str, level: str) -> None:
    assert claim_signals(text, language).certainty == level


@pytest.mark.parametrize(("language", "text", "low", "high", "counted"), COUNTS)
def test_language_count_value_and_what_it_counts(
    language: str, text: str, low: float, high: float, counted: str
) -> None:
    counts = [v for v in _values(text, language) if v.kind == "count"]
    assert [(v.low, v.high, v.counted) for v in counts][-1:] == [(low, high, counted)]


@pytest.mark.parametrize(("language", "text", "low", "high"), QUALIFIED)
def test_language_qualifier_gives_interval(
    language: str, text: str, low: float, high: float
) -> None:
    (count,) = [v for v in _values(text, language) if v.kind == "count"]
    assert (count.low, count.high) == pytest.approx((low, high))


@pytest.mark.parametrize(("language", "text", "day"), DATES)
def test_language_day_month_year_date(language: str, text: str, day: datetime.date) -> None:
    dates = [v for v in _values(text, language) if v.kind == "date"]
    assert [(v.low, v.high, v.unit) for v in dates] == [
        (day.toordinal(), day.toordinal(), "day")
    ]


@pytest.mark.parametrize(("language", "text", "weekday"), WEEKDAYS)
def test_language_weekday(language: str, text: str, weekday: int) -> None:
    (undated,) = [v for v in _values(text, language, None) if v.kind == "date"]
    assert (undated.unit, undated.low) == ("weekday", weekday)
    (dated,) = [v for v in _values(text, language) if v.kind == "date"]
    assert datetime.date.fromordinal(int(dated.low)).weekday() == weekday
    assert dated.low <= PUBLISHED.toordinal()


@pytest.mark.parametrize(("language", "text"), NOT_A_NAME)
def test_language_sentence_start_word_is_not_a_name(language: str, text: str) -> None:
    assert person_names(text, language) == ()
    assert claim_signals(text, language).speaker in ("", "él", "lui", "hij", "on")


@pytest.mark.parametrize(("language", "text"), NOT_A_DATE)
def test_language_foreign_calendar_word_is_not_a_date(language: str, text: str) -> None:
    values = _values(text, language)
    assert not [v for v in values if v.kind == "date" and v.unit in ("day", "yearless")]
    assert not [t for t in claim_signals(text, language).times if t[:1].isdigit()]


def test_language_foreign_calendar_words_are_dates_where_they_belong() -> None:
    """The traps above are real: in their own language these words are dates."""
    assert [v.unit for v in _values("on Mar 3", "en", None)] == ["yearless"]
    assert [v.unit for v in _values("le 5 mai", "fr", None)] == ["yearless"]
    assert claim_signals("La réunion a eu lieu mardi.", "fr").times == ("tuesday",)


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_has_every_data_file(language: str) -> None:
    from checker.rules import language as registry

    lang = registry.get(language)
    assert lang.code == language and lang.name != language
    for part in ("values", "cues", "names", "claims"):
        assert lang.data(part), f"{language} has no {part} data"
