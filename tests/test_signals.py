"""Each signal in German and English, with cases that must fire and cases that must not."""

from dataclasses import replace
from pathlib import Path

import pytest

from checker.config import Config
from checker.records import Article, Channel, Claim, NliScores, Pair
from checker.rules.evidence import claim_facts, doubted_statement, pair_evidence
from checker.rules.signals import FIRM, claim_signals, compare
from checker.rules.verdict import CONTRADICTION, NEUTRAL, decide

# (language, text, expected certainty)
CERTAINTY = [
    ("de", "Trump und Putin hatten anderthalb Stunden miteinander telefoniert.", "asserted"),
    ("de", "Der Kreml bestätigte das Telefonat.", "asserted"),
    ("de", "Peskow sagte, das Gespräch habe stattgefunden.", "reported"),
    ("de", "Laut Kreml dauerte das Gespräch zwei Stunden.", "reported"),
    ("de", "Selenskyj zufolge gab es Fortschritte.", "reported"),
    ("de", "Das Treffen könnte nächste Woche stattfinden.", "hedged"),
    ("de", "Angeblich wurden Drohnen abgeschossen.", "hedged"),
    ("de", "Peskow konnte das Gespräch weder bestätigen noch dementieren.", "unconfirmed"),
    ("de", "Der Kreml hat die Angaben nicht bestätigt oder dementiert.", "unconfirmed"),
    ("de", "Moskau dementierte den Bericht.", "denied"),
    ("de", "Peskow hatte die Berichte abgestritten.", "denied"),
    ("de", "Russland griff nach ukrainischen Angaben mit Drohnen an.", "reported"),
    ("de", "Der US-Präsident habe Selenskyj Unterstützung zugesagt.", "reported"),
    ("de", "Russland warf der Ukraine Sabotage vor.", "reported"),
    ("de", "Trump hatte den Vorschlag im Telefonat eingebracht.", "asserted"),
    ("en", "Trump and Putin spoke for ninety minutes.", "asserted"),
    ("en", "The Kremlin confirmed the call.", "asserted"),
    ("en", "Peskov said the call took place.", "reported"),
    ("en", "According to the Kremlin, the call lasted two hours.", "reported"),
    ("en", "A meeting could happen next week.", "hedged"),
    ("en", "Drones were reportedly shot down.", "hedged"),
    ("en", "Peskov would neither confirm nor deny the call.", "unconfirmed"),
    ("en", "The Kremlin denied the report.", "denied"),
    ("fr", "Le Kremlin n'a pas confirmé l'appel.", "unconfirmed"),
    ("fr", "Selon le Kremlin, l'appel a duré deux heures.", "reported"),
    # a doubt dated as past anywhere in its clause (verb-final clauses put the cue last) is an
    # earlier stance, reported; a past word in another clause, or none, leaves the doubt now
    ("de", "Der Sprecher hatte früher schon Berichte über ein Treffen der beiden Minister "
     "in Genf abgestritten.", "reported"),
    ("nl", "De woordvoerder had de berichten over een ontmoeting in Genève eerder al "
     "ontkend.", "reported"),
    ("en", "The ministry previously and repeatedly in several statements to the press "
     "denied the report.", "reported"),
    ("de", "Zunächst war von zwei Toten die Rede, die Polizei konnte das nicht bestätigen.",
     "unconfirmed"),
    ("it", "In un primo momento si parlava di due vittime, la polizia ha smentito.", "denied"),
    ("it", "La polizia aveva inizialmente e per due giorni di fila smentito la notizia.",
     "reported"),
]

# (language, text, context, expected speaker ("" = none))
SPEAKERS = [
    (
        "de",
        "Trumps Sprecherin Karoline Leavitt sagte nach dem Gespräch, es sei gut.",
        "",
        "Trumps Sprecherin Karoline Leavitt",
    ),
    ("de", "„Der beste Schutz“ wäre das, sagte Leavitt.", "", "Leavitt"),
    (
        "de",
        "Kreml-Sprecher Dmitri Peskow erklärte, er wisse nichts.",
        "",
        "Kreml-Sprecher Dmitri Peskow",
    ),
    ("de", "Putin sagte dabei laut Kreml eine Pause zu.", "", "Putin"),
    ("de", "Selenskyj zufolge gehen die Gespräche weiter.", "", "Selenskyj"),
    (
        "de",
        "Laut der ukrainischen Bahngesellschaft wurde eine Anlage getroffen.",
        "",
        "Bahngesellschaft",
    ),
    ("de", "Schlussendlich äußerte Trump ablehnende Haltungen zu den Hilfen.", "", "Trump"),
    (
        "de",
        "Das sei gut, fügte er hinzu.",
        "Witkoff sagte weiter, es gebe Fortschritte.",
        "Witkoff",
    ),
    ("de", "Trump und Putin hatten miteinander telefoniert.", "", ""),
    ("de", "„Wir sind auf Kurs“, erklärte Trump am Mittwoch.", "", "Trump"),
    ("de", "Die Ukraine hat ihre Strategie geändert.", "", ""),
    ("de", "„So viel zu einer Pause“, kommentierte die Bahngesellschaft.", "", "Bahngesellschaft"),
    ("de", "Das Treffen finde statt, berichtete der Spiegel am Montag.", "", "Spiegel"),
    (
        "en",
        "White House spokeswoman Karoline Leavitt said the call went well.",
        "",
        "Karoline Leavitt",
    ),
    ("en", "The call went well, Leavitt said.", "", "Leavitt"),
    ("en", "According to the Kremlin, the call lasted two hours.", "", "Kremlin"),
    ("en", "Trump and Putin spoke on the phone.", "", ""),
    ("en", "The call did not happen, said the Kremlin.", "", "Kremlin"),
    # never a weekday, month, pronoun, time phrase, bare title or place
    ("en", "A spokesman said Thursday that the plan failed.", "", ""),
    ("en", "We said in April that the plan would fail.", "", ""),
    ("en", "The plan had failed, said Rep. Maria Delgado.", "", "Maria Delgado"),
    ("en", "On Friday, Mr. Okafor said the plan had failed.", "", "Okafor"),
    ("en", "The parade was cancelled, said Maple Park.", "", ""),
    ("en", "He said the plan had failed.", "Paula Novak spoke first, Novak said.", "Novak"),
    ("de", "Am Sonntag sagte Albers, der Plan sei gescheitert.", "", "Albers"),
    ("de", "Wir sagten das schon im April.", "", ""),
    ("de", "Mitte der Woche kündigte Albers Haushaltskürzungen an.", "", "Albers"),
]

# (language, text, expected canonical times)
TIMES = [
    ("de", "Trump telefonierte am Dienstag mit Putin.", ("tuesday",)),
    ("de", "Die erste Runde fand in der vergangenen Woche statt.", ("last week",)),
    ("de", "Verhandelt wurde am 19. März in Dschidda.", ("03-19",)),
    ("de", "Die Gespräche könnten bald wieder aufgenommen werden.", ()),
    ("de", "Die Gespräche könnten in den kommenden Tagen weitergehen.", ("coming days",)),
    ("en", "Talks could resume next Monday.", ("monday",)),
    ("en", "The first round took place last week.", ("last week",)),
    ("en", "Talks will resume soon.", ()),
]


@pytest.mark.parametrize(("language", "text", "expected"), CERTAINTY)
def test_certainty(language: str, text: str, expected: str) -> None:
    assert claim_signals(text, language).certainty == expected


@pytest.mark.parametrize(("language", "text", "context", "expected"), SPEAKERS)
def test_speaker(language: str, text: str, context: str, expected: str) -> None:
    assert claim_signals(text, language, context).speaker == expected


@pytest.mark.parametrize(("language", "text", "expected"), TIMES)
def test_times(language: str, text: str, expected: tuple[str, ...]) -> None:
    assert claim_signals(text, language).times == expected


def test_unknown_language_uses_all_cue_files() -> None:
    assert claim_signals("Peskow konnte es weder bestätigen noch dementieren.", "").certainty == (
        "unconfirmed"
    )
    assert claim_signals("The Kremlin denied the report.", "xx").certainty == "denied"


def test_user_cue_file_extends_lists(tmp_path: Path) -> None:
    extra = tmp_path / "extra.toml"
    extra.write_text('[certainty]\nhedged = ["gerüchteweise"]\n', encoding="utf-8")
    text = "Gerüchteweise trafen sich beide."
    assert claim_signals(text, "de").certainty == "asserted"
    assert claim_signals(text, "de", extra_files=(str(extra),)).certainty == "hedged"


def test_compare_certainty_time_speakers() -> None:
    call = claim_signals("Trump und Putin hatten am Dienstag telefoniert.", "de")
    doubt = claim_signals("Peskow erklärte, er könne das weder bestätigen noch dementieren.", "de")
    hedge = claim_signals("Trump und Putin hatten möglicherweise telefoniert.", "de")
    assert compare(call, doubt).certainty_conflict == "asserted vs unconfirmed"
    assert compare(call, hedge).certainty_conflict == ""
    later = claim_signals("Trump und Putin telefonierten am Mittwoch.", "de")
    assert compare(call, later).time_conflict == "tuesday vs wednesday"
    assert compare(call, call).time_conflict == ""
    leavitt = claim_signals("Das Gespräch sei gut gewesen, sagte Leavitt.", "de")
    assert compare(leavitt, doubt).speakers == "different speakers: Leavitt vs Peskow"


def test_compare_speakers_tolerates_variants_and_ignores_pronouns() -> None:
    andy = claim_signals("The budget is balanced, Andy Smith said.", "en")
    andrew = claim_signals("Der Haushalt sei ausgeglichen, sagte Andrew Smith.", "de")
    assert compare(andy, andrew).speakers == "same speaker: Andrew Smith"
    quote = "“We will win,” We said on Friday."
    assert claim_signals(quote, "en").speaker == ""
    assert compare(claim_signals(quote, "en"), andy).speakers == ""
    loretta = claim_signals("The vote was fair, Loretta Sanchez said.", "en")
    linda = claim_signals("The vote was fair, Linda T. Sánchez said.", "en")
    assert compare(loretta, linda).speakers.startswith("different speakers")


A = Claim(id="a#0", article_id="a", text="", start=0, end=0, article=Article(id="a", text=''))
B = Claim(id="b#0", article_id="b", text="", start=0, end=0, article=Article(id="b", text=''))
ENTAIL = NliScores(0.9, 0.05, 0.05)
NEUTRAL_NLI = NliScores(0.1, 0.8, 0.1)


def _evidence(pair: Pair, a: str, b: str, language: str = "de"):
    """Evidence with value frames matched by spelling (no embedder in these tests)."""
    return pair_evidence(
        pair,
        claim_facts(a, language),
        claim_facts(b, language),
        lambda x, y: 10.0 if x == y else 0.0,
        2.5,
        min_frame_z=3.0,
    )


def test_number_mismatch_overrides_entailment_for_same_event() -> None:
    a_text = "Russland griff in der Nacht mit 145 Drohnen an."
    b_text = "Russland griff in der Nacht mit 45 Drohnen an."
    a, b = claim_signals(a_text, "de"), claim_signals(b_text, "de")
    close = Pair(A, B, 0.98, z=5.0)
    verdict = decide(close, ENTAIL, ENTAIL, Config(), a, b, _evidence(close, a_text, b_text))
    assert verdict.label == CONTRADICTION and verdict.kind == "number"
    assert any(r.startswith("number conflict") and "145" in r for r in verdict.reasons)
    far = Pair(A, B, 0.8, z=0.5)
    unrelated = decide(far, ENTAIL, ENTAIL, Config(), a, b, _evidence(far, a_text, b_text))
    # held back by the gate: neutral with the conflict named, never an agreement
    assert unrelated.label == NEUTRAL
    assert any("number conflict" in r and "not flagged" in r for r in unrelated.reasons)


def test_certainty_conflict_needs_the_doubting_paragraph() -> None:
    call = claim_signals("Trump und Putin hatten telefoniert.", "de")
    doubt = claim_signals("Peskow konnte das Gespräch weder bestätigen noch dementieren.", "de")
    via_doubt = Pair(A, B, 0.85, found_by=(Channel.PARAGRAPH_B,), z=0.5)
    verdict = decide(via_doubt, NEUTRAL_NLI, NEUTRAL_NLI, Config(), call, doubt)
    assert verdict.label == CONTRADICTION and verdict.kind == "certainty"
    assert "certainty conflict: asserted vs unconfirmed" in verdict.reasons
    via_call = Pair(A, B, 0.85, found_by=(Channel.PARAGRAPH_A,), z=0.5)
    assert decide(via_call, NEUTRAL_NLI, NEUTRAL_NLI, Config(), call, doubt).label != CONTRADICTION


def _claim_in(paragraph: str, sentence: str, name: str) -> Claim:
    """``sentence`` as a claim inside ``paragraph`` (the article's only paragraph)."""
    start = paragraph.index(sentence)
    article = Article(id=name, text=paragraph)
    return Claim(id=f"{name}#0", article_id=name, text=sentence, start=start,
                 end=start + len(sentence), paragraph_start=0, paragraph_end=len(paragraph),
                 article=article)


DOUBTS = [
    ("de", "Drei Hafenarbeiter wurden verletzt.",
     "Die Polizei dementierte, dass eine Fähre gesunken sei.",
     "Die Küstenwache suchte die ganze Nacht nach der Fähre."),
    ("it", "Tre operai del porto sono rimasti feriti.",
     "La polizia ha smentito che un traghetto sia affondato.",
     "La guardia costiera ha cercato il traghetto per tutta la notte."),
    ("nl", "Drie havenarbeiders raakten gewond.",
     "De politie heeft ontkend dat een veerboot is gezonken.",
     "De kustwacht zocht de hele nacht naar de veerboot."),
    ("pl", "Trzech portowców zostało rannych.",
     "Policja zaprzeczyła, że prom zatonął.",
     "Straż przybrzeżna szukała promu przez całą noc."),
]


@pytest.mark.parametrize(("language", "asserted", "doubt", "more"), DOUBTS)
def test_a_doubt_alone_in_its_paragraph_is_not_placed_by_it(
    language: str, asserted: str, doubt: str, more: str
) -> None:
    """The doubting claim's paragraph placing the pair opens a certainty conflict only when the
    paragraph says more than the sentence: alone, its best match is any claim on the topic."""
    firm, doubted = claim_signals(asserted, language), claim_signals(doubt, language)
    assert doubted.certainty == "denied", doubted
    a = _claim_in(asserted, asserted, "a")
    alone = Pair(a, _claim_in(doubt, doubt, "b"), 0.85, found_by=(Channel.PARAGRAPH_B,), z=0.5)
    verdict = decide(alone, NEUTRAL_NLI, NEUTRAL_NLI, Config(), firm, doubted)
    assert verdict.label != CONTRADICTION, verdict.reasons
    told = f"{doubt} {more}"
    placed = Pair(a, _claim_in(told, doubt, "b"), 0.85, found_by=(Channel.PARAGRAPH_B,), z=0.5)
    verdict = decide(placed, NEUTRAL_NLI, NEUTRAL_NLI, Config(), firm, doubted)
    assert verdict.label == CONTRADICTION and verdict.kind == "certainty"
    # told alike as sentences, the paragraph is not needed
    close = Pair(a, _claim_in(doubt, doubt, "b"), 0.95, found_by=(Channel.NEIGHBOURS,), z=3.0)
    assert decide(close, NEUTRAL_NLI, NEUTRAL_NLI, Config(), firm, doubted).label == CONTRADICTION


def test_different_weekdays_of_one_event_are_a_date_conflict() -> None:
    a_text = "Am Dienstag griff Russland mit 145 Drohnen an."
    b_text = "Am Mittwoch griff Russland mit 145 Drohnen an."
    close = Pair(A, B, 0.95, z=5.0)
    evidence = _evidence(close, a_text, b_text)
    verdict = decide(close, ENTAIL, ENTAIL, Config(), None, None, evidence)
    assert verdict.label == CONTRADICTION and verdict.kind == "date"
    assert any(r.startswith("date conflict") for r in verdict.reasons)


@pytest.mark.parametrize(
    ("language", "text", "question"),
    [
        ("en", "Police could not confirm whether the fire was set deliberately.",
         "whether the fire was set deliberately"),
        ("de", "Die Polizei konnte nicht bestätigen, ob der Täter allein handelte.",
         "ob der Täter allein handelte"),
        ("nl", "De politie kan nog niet bevestigen of het om een aanslag gaat.",
         "of het om een aanslag gaat"),
        ("es", "La policía no pudo confirmar si el incendio fue intencionado.",
         "si el incendio fue intencionado"),
        ("pl", "Policja nie potwierdziła, czy pożar był podpalony.",
         "czy pożar był podpalony"),
        ("ru", "Полиция не может подтвердить, был ли это теракт.", "был ли это теракт"),
        # must not fire: a doubt of a statement, not of an open question
        ("de", "Peskow konnte das Gespräch „weder bestätigen noch dementieren“, da andere "
               "Kanäle genutzt wurden.", ""),
        ("en", "The coast guard could neither confirm nor deny that a ferry sank.", ""),
        ("it", "La polizia ha smentito che un traghetto sia affondato.", ""),
        # must not fire: a question word with no doubt before it
        ("en", "Investigators are examining whether the fire was set deliberately.", ""),
    ],
)
def test_the_open_question_a_doubt_is_about(language: str, text: str, question: str) -> None:
    assert claim_signals(text, language).doubt_question == question


def test_an_open_question_meets_only_the_claim_that_answers_it() -> None:
    """"Could not confirm whether the fire was set" doubts only that question: against a claim
    about the fire that does not answer it (the question and the claim under frame_z σ alike)
    there is no certainty conflict, however alike the sentences; against one that answers it
    there is. A doubt of a statement (no question) is judged as before."""
    from dataclasses import replace

    fire = "Three people died in the fire on Main Street."
    asked = "Police could not confirm whether the fire on Main Street was set deliberately."
    firm, doubted = claim_signals(fire, "en"), claim_signals(asked, "en")
    close = Pair(A, B, 0.95, z=3.0)
    plain = _evidence(close, fire, asked)
    elsewhere = decide(close, NEUTRAL_NLI, NEUTRAL_NLI, Config(), firm, doubted,
                       replace(plain, doubt_z=1.2))
    assert elsewhere.label != CONTRADICTION
    assert any("open question about something else" in r for r in elsewhere.reasons)
    answered = decide(close, NEUTRAL_NLI, NEUTRAL_NLI, Config(), firm, doubted,
                      replace(plain, doubt_z=4.5))
    assert answered.label == CONTRADICTION and answered.kind == "certainty"
    assert decide(close, NEUTRAL_NLI, NEUTRAL_NLI, Config(), firm, doubted, plain).label == (
        CONTRADICTION
    )


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Vastik denied any wrongdoing."),
        ("en", "The governor has denied the charges against him."),
        ("de", "Der Gouverneur bestritt die Vorwürfe."),
        ("nl", "De gouverneur ontkent alle beschuldigingen."),
        ("it", "Il governatore ha negato ogni accusa."),
        ("es", "El alcalde negó las acusaciones de soborno."),
        ("pt", "O ministro negou as acusações."),
        ("pl", "Burmistrz zaprzeczył zarzutom."),
        ("ru", "Губернатор отрицает свою вину."),
        ("cs", "Hejtman popřel obvinění."),
    ],
)
def test_denying_an_accusation_is_a_stance_not_a_doubt(language: str, text: str) -> None:
    """The accused denying the charges is reported speech: it doubts no fact another outlet
    reports ("X was charged with bribery" and "X denied the charges" are both true)."""
    assert claim_signals(text, language).certainty in FIRM


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Vastik denied that he had met the contractor."),
        ("en", "The Kremlin denied the report."),
        ("de", "Der Sprecher dementierte, dass ein Treffen stattfand."),
        ("it", "La polizia ha smentito che il cancello sia stato aperto."),
        ("cs", "Policie popřela, že by brána byla otevřená."),
        # the accusation word in another clause: the denial is of the report
        ("en", "The ministry denied the report, and the charges were dropped later."),
    ],
)
def test_denying_a_statement_stays_a_doubt(language: str, text: str) -> None:
    assert claim_signals(text, language).certainty == "denied"


def test_a_stance_against_the_charges_is_no_conflict_with_them() -> None:
    """"Vastik denied any wrongdoing" against "It is not the first time Mr. Vastik's finances
    have drawn scrutiny" told alike (z 3.0): no certainty conflict."""
    a = claim_signals("Vastik denied any wrongdoing.", "en")
    b = claim_signals("Vastik was charged with bribery on Thursday.", "en")
    assert compare(a, b).certainty_conflict == ""


@pytest.mark.parametrize(
    ("language", "text", "question"),
    [
        ("pl", "Kancelaria premiera nie potwierdziła jednak ani nie zaprzeczyła, czy premier "
               "przyjął dymisję.", "przyjął dymisję"),
        ("en", "The ministry would not confirm to reporters on Friday whether the minister had "
               "resigned.", "the minister had resigned"),
    ],
)
def test_an_open_question_a_few_words_after_its_doubt(
    language: str, text: str, question: str
) -> None:
    """Words may stand between the doubt and its question ("nie potwierdziła jednak ani nie
    zaprzeczyła, czy …"): the doubt is still about that question only."""
    assert question in claim_signals(text, language).doubt_question


@pytest.mark.parametrize(
    ("language", "text", "told"),
    [
        ("en", "Police confirmed that Gate 7 had been opened.", "Gate 7 had been opened"),
        ("de", "Die Polizei bestätigte, dass das Tor geöffnet worden war.",
         "das Tor geöffnet worden war"),
        ("pl", "Przewoźnik potwierdził, że silnik przeszedł remont.", "silnik przeszedł remont"),
        ("en", "Gate 7 was opened in the second half.", ""),
    ],
)
def test_a_firm_claims_told_clause(language: str, text: str, told: str) -> None:
    """What an open question is compared with: the clause after the that-word, not the
    confirming words around it."""
    assert claim_signals(text, language).told_clause == told


def test_denying_a_report_is_a_doubt() -> None:
    text = "Spokesman Piet Andalo denied a report by state television that the talks had failed."
    assert claim_signals(text, "en").certainty == "denied"


DOUBTED_STATEMENTS = [
    ("en", "Police could neither confirm nor deny reports that a ferry sank near the harbour.",
     "a ferry sank near the harbour"),
    ("de", "Die Polizei wollte nicht bestätigen, dass eine Fähre gesunken ist.",
     "eine Fähre gesunken ist"),
    ("it", "La polizia non ha voluto né confermare né smentire che un traghetto sia affondato.",
     "un traghetto sia affondato"),
    ("nl", "De politie wilde niet bevestigen dat er een veerboot is gezonken.",
     "er een veerboot is gezonken"),
    ("es", "La policía no quiso confirmar ni desmentir que un ferry se hundiera.",
     "un ferry se hundiera"),
]
FERRY = ("en", "The coast guard said a ferry sank near the harbour on Sunday.")


@pytest.mark.parametrize(("language", "doubt", "statement"), DOUBTED_STATEMENTS)
def test_the_statement_a_doubt_is_about(language: str, doubt: str, statement: str) -> None:
    """What a doubt of a statement doubts is its clause after the that-word; measured against
    what the other claim asserts (either order), never against another doubt, and not for an
    open question (``open_question`` has those)."""
    doubted = claim_facts(doubt, language)
    doubted = replace(doubted, signals=claim_signals(doubt, language))
    firm = replace(claim_facts(FERRY[1], "en"), signals=claim_signals(FERRY[1], "en"))
    told = firm.signals.told_clause or FERRY[1]
    assert doubted_statement(doubted, firm) == (statement, told)
    assert doubted_statement(firm, doubted) == (statement, told)
    assert doubted_statement(doubted, doubted) is None
    asked = "Police could not confirm whether a ferry sank near the harbour."
    question = replace(claim_facts(asked, "en"), signals=claim_signals(asked, "en"))
    assert doubted_statement(question, firm) is None


def test_a_doubted_statement_alike_to_the_assertion_is_one_statement() -> None:
    """Claims unlike as wholes (0.5σ), placed by the asserting claim's paragraph only (which
    tells nothing of what the doubt is about): the doubt is about what the other asserts when
    the statement it doubts is frame_z σ alike to it, not when less."""
    doubt = "Police could neither confirm nor deny reports that a ferry sank near the harbour."
    firm, doubted = claim_signals(FERRY[1], "en"), claim_signals(doubt, "en")
    far = Pair(A, B, 0.8, found_by=(Channel.NEIGHBOURS, Channel.PARAGRAPH_A), z=0.5)
    plain = _evidence(far, FERRY[1], doubt)
    alike = decide(far, NEUTRAL_NLI, NEUTRAL_NLI, Config(), firm, doubted,
                   replace(plain, doubted_z=Config().frame_z + 0.5))
    assert (alike.label, alike.kind) == (CONTRADICTION, "certainty"), alike.reasons
    for unlike in (replace(plain, doubted_z=Config().frame_z - 0.5), plain):
        verdict = decide(far, NEUTRAL_NLI, NEUTRAL_NLI, Config(), firm, doubted, unlike)
        assert verdict.label != CONTRADICTION
        assert any("not about the same statement" in r for r in verdict.reasons)


@pytest.mark.parametrize(
    ("language", "text", "certainty"),
    [
        # declining or refusing to confirm is a doubt, like "could not confirm"
        ("en", "The ministry declined to confirm that the ferry had sunk.", "unconfirmed"),
        ("fr", "La police a refusé de confirmer que le ferry avait coulé.", "unconfirmed"),
        ("es", "La policía se negó a confirmar que el ferry se hundiera.", "unconfirmed"),
        ("it", "La polizia si è rifiutata di confermare che il traghetto sia affondato.",
         "unconfirmed"),
        ("nl", "De politie weigerde te bevestigen dat de veerboot was gezonken.", "unconfirmed"),
        ("pt", "A empresa recusou-se a confirmar ou desmentir os pagamentos.", "unconfirmed"),
        ("pl", "Policja nie chciała potwierdzić, że prom zatonął.", "unconfirmed"),
        ("ru", "Министерство отказалось подтвердить эти данные.", "unconfirmed"),
        ("ru", "Полиция не стала подтверждать, что паром затонул.", "unconfirmed"),
        ("cs", "Mluvčí odmítl potvrdit i vyvrátit zprávy o propuštění.", "unconfirmed"),
        ("de", "Die Polizei wollte nicht bestätigen, dass die Fähre gesunken ist.",
         "unconfirmed"),
        # must not fire: a confirmation, and a refusal of something else
        ("en", "The ministry confirmed that the ferry had sunk.", "asserted"),
        ("pl", "Policja potwierdziła, że prom zatonął.", "asserted"),
        ("ru", "Министерство подтвердило эти данные.", "asserted"),
        ("cs", "Vláda odmítla návrh opozice.", "asserted"),
        ("pt", "A empresa recusou-se a comentar o relatório.", "asserted"),
    ],
)
def test_refusing_to_confirm_is_a_doubt(language: str, text: str, certainty: str) -> None:
    assert claim_signals(text, language).certainty == certainty
