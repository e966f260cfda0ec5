from checker.claims import extract_claims, is_heading
from checker.records import Article

from .conftest import EXAMPLES

TEXT = (
    "Weitere Gespräche\n\n"
    "Von Max Mustermann\n\n"
    "Trump und Putin hatten anderthalb Stunden miteinander telefoniert. "
    "„Das war gut. Wir sind sehr auf Kurs“, sagte Trump am Mittwoch. "
    "Wird es eine Waffenruhe geben? Ja.\n\n"
    "Der Kreml wollte das Telefonat weder bestätigen noch dementieren. (afp/tp)"
)


def claims_of(text: str, language: str = "de"):
    return extract_claims(Article(id="a", text=text, language=language))


def test_offsets_are_the_truth() -> None:
    claims, _ = claims_of(TEXT)
    for claim in claims:
        assert TEXT[claim.start : claim.end] == claim.text


def test_drops_headings_bylines_questions_fragments_credits() -> None:
    claims, dropped = claims_of(TEXT)
    texts = [c.text for c in claims]
    assert texts == [
        "Trump und Putin hatten anderthalb Stunden miteinander telefoniert.",
        "„Das war gut. Wir sind sehr auf Kurs“, sagte Trump am Mittwoch.",
        "Der Kreml wollte das Telefonat weder bestätigen noch dementieren.",
    ]
    assert dropped["heading"] == 1
    assert dropped["byline"] == 1
    assert dropped["question"] == 1
    assert dropped["fragment"] == 1


def test_context_is_the_neighbouring_sentence() -> None:
    claims, _ = claims_of(TEXT)
    assert claims[0].context.startswith("„Das war gut.")  # first claim: the next sentence
    assert claims[1].context == claims[0].text


def test_paragraph_offsets() -> None:
    claims, _ = claims_of(TEXT)
    paragraph = TEXT[claims[0].paragraph_start : claims[0].paragraph_end]
    assert paragraph.startswith("Trump und Putin") and paragraph.endswith("Ja.")


def test_heading_detection() -> None:
    assert is_heading("Kraftwerke als Sicherheitsgarantie")
    assert is_heading("# Überschrift")
    assert not is_heading("Trump hat mit Putin telefoniert.")


def test_seed_articles() -> None:
    text = (EXAMPLES / "afp-trump-putin-selenskyj-calls.txt").read_text(encoding="utf-8")
    claims, dropped = claims_of(text)
    assert dropped["heading"] == 4 and dropped["credit"] == 1
    assert all("(afp/tp)" not in c.text for c in claims)
    assert any(c.text.startswith("Trump und Putin hatten anderthalb Stunden") for c in claims)
    quote = next(c for c in claims if c.text.startswith("„So viel zu einer Pause"))
    assert quote.text.endswith("kommentierte die Bahngesellschaft.")
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text


def test_english_and_unknown_language() -> None:
    text = "Trump spoke to Putin for ninety minutes. The Kremlin did not confirm it."
    for language in ("en", "xx", ""):
        claims, _ = claims_of(text, language)
        assert [c.text for c in claims] == [
            "Trump spoke to Putin for ninety minutes.",
            "The Kremlin did not confirm it.",
        ]
