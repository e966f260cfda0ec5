"""The language layer: one registry, one normalisation, one merge rule, languages as folders."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from checker.records import Article
from checker.rules import language as languages
from checker.rules.articles import load_articles
from checker.rules.claims import rules_for
from checker.rules.names import lexicon, person_names
from checker.rules.signals import claim_signals, load_cues
from checker.rules.values import extract_values


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("de", "de"),
        ("de-DE", "de"),
        ("DE", "de"),
        ("de_AT", "de"),
        (" En-gb ", "en"),
        ("", ""),
        (None, ""),
        ("German", ""),  # not a code: the unknown language, never a guess
        ("x", ""),
    ],
)
def test_normalise(code: str | None, expected: str) -> None:
    assert languages.normalise(code) == expected


@pytest.mark.parametrize("spelling", ["de-DE", "DE", "de_AT"])
def test_spellings_of_german_read_as_german_in_every_stage(spelling: str) -> None:
    german = languages.get("de")
    assert languages.get(spelling) is german
    # articles: the record itself holds one spelling
    assert Article(id="a", text="x", language=spelling).language == "de"
    # claims, signals, names: the same compiled data as "de", not the merged fallback
    assert rules_for(spelling) is rules_for("de")
    assert load_cues(spelling) is load_cues("de")
    assert lexicon(spelling) is lexicon("de")
    # values: "1.000" is a thousand in German (a decimal point in English)
    (value,) = extract_values("Es kamen 1.000 Menschen.", spelling)
    assert value.low == 1000
    # signals: German Konjunktiv I marks reported speech
    assert claim_signals("Der Sprecher sagte, es sei vorbei.", spelling).certainty == "reported"


def test_unknown_code_is_the_same_fallback_everywhere() -> None:
    unknown = languages.get("")
    for code in ("zz", "xx-YY", "German", None):
        assert languages.get(code) is unknown
    assert not unknown.known
    # the unknown language reads every language's words: a German and an English cue
    assert claim_signals("Der Kreml dementierte den Bericht.", "zz").certainty == "denied"
    assert claim_signals("The Kremlin denied the report.", "zz").certainty == "denied"


def test_merge_rule() -> None:
    merged = languages.merge(
        [
            {"a": ["x", "y"], "m": {"k": 1, "l": ["p"]}, "flag": True, "pair": [24, 99]},
            {"a": ["y", "z"], "m": {"k": 2, "l": ["q"], "n": 3}, "flag": False, "pair": [1, 2]},
        ]
    )
    assert merged == {
        "a": ["x", "y", "z"],  # word lists concatenate, duplicates dropped
        "m": {"k": 1, "l": ["p", "q"], "n": 3},  # mappings merge key by key
        "flag": True,  # scalars: first reading
        "pair": [24, 99],  # a list that is a value: first reading
    }


def _write_language(root: Path, code: str = "tlh") -> Path:
    """A made-up language in a user folder: words only, no code."""
    folder = root / code
    folder.mkdir(parents=True)
    (folder / "language.toml").write_text(
        'name = "Testish"\n[flags]\nmonth_first = false\n', encoding="utf-8"
    )
    (folder / "values.toml").write_text(
        "decimal_comma = true\n"
        '[numbers]\nwords = { "zwolfo" = 12, "dreio" = 3 }\n'
        '[qualifiers]\nmin = ["minimo"]\n'
        '[dates]\nmonths = { "marzo" = 3 }\nweekdays = { "lundo" = 0 }\n',
        encoding="utf-8",
    )
    (folder / "cues.toml").write_text(
        '[certainty]\ndenied = ["negadis"]\nreported = ["dicis"]\n'
        '[attribution]\nverbs = ["dicis", "negadis"]\n',
        encoding="utf-8",
    )
    (folder / "names.toml").write_text(
        'titles = ["senioro"]\nfunction_words = ["La"]\n', encoding="utf-8"
    )
    (folder / "claims.toml").write_text('abbreviations = ["Snr."]\n', encoding="utf-8")
    return folder


def test_a_language_added_from_a_folder_is_read_without_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_language(tmp_path)
    monkeypatch.setenv(languages.ENV_LANGUAGE_DIRS, str(tmp_path))
    lang = languages.get("tlh-XX")
    assert lang.code == "tlh" and lang.name == "Testish"
    assert "tlh" in languages.known_codes()
    # cues: a denial with its speaker
    signals = claim_signals("Senioro Vark negadis la raporto.", "tlh")
    assert signals.certainty == "denied"
    assert signals.speaker == "Senioro Vark"  # titles stay with the speaker
    # values: number words, a qualifier, the decimal comma, a month with its day
    values = extract_values("Minimo zwolfo soldatoj venis, 2,5 milionoj.", "tlh")
    assert (values[0].low, values[0].high) == (12, float("inf"))
    day = extract_values("La 4 marzo 2021 okazis.", "tlh")
    assert [(v.kind, v.low) for v in day] == [
        ("date", datetime.date(2021, 3, 4).toordinal())
    ]
    # names: the title marks a lone name
    assert [n.text for n in person_names("Tiam senioro Vark venis.", "tlh")] == ["Vark"]
    # claims: the abbreviation never ends a sentence
    assert rules_for("tlh").abbreviation is not None
    assert rules_for("tlh").abbreviation.search("Vark Snr.")


def test_articles_in_an_added_language_use_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_language(tmp_path / "langs")
    monkeypatch.setenv(languages.ENV_LANGUAGE_DIRS, str(tmp_path / "langs"))
    path = tmp_path / "a.md"
    path.write_text("---\nlanguage: TLH\n---\nSenioro Vark negadis.\n", encoding="utf-8")
    (article,) = load_articles([path])
    assert article.language == "tlh"


def test_a_user_folder_extends_a_builtin_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "cues.toml").write_text('[certainty]\ndenied = ["pooh-poohed"]\n', "utf-8")
    before = claim_signals("The ministry pooh-poohed the report.", "en").certainty
    monkeypatch.setenv(languages.ENV_LANGUAGE_DIRS, str(tmp_path))
    after = claim_signals("The ministry pooh-poohed the report.", "en")
    assert before != "denied" and after.certainty == "denied"
    # the built-in words are still there (lists concatenate)
    assert claim_signals("The ministry denied the report.", "en").certainty == "denied"


def test_bad_language_file_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "qq"
    folder.mkdir()
    (folder / "values.toml").write_text("words = [unclosed\n", encoding="utf-8")
    monkeypatch.setenv(languages.ENV_LANGUAGE_DIRS, str(tmp_path))
    with pytest.raises(languages.LanguageDataError, match=r"values\.toml"):
        languages.get("qq")


def test_builtin_languages_have_every_part() -> None:
    for code in ("en", "de", "fr", "es"):
        lang = languages.get(code)
        for part in languages.PARTS:
            assert lang.data(part), (code, part)


def test_a_bad_language_folder_stops_the_run_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before any model loads: exit 2 and the file or folder named, no traceback."""
    from click.testing import CliRunner

    from checker.cli import cli

    folder = tmp_path / "langs" / "qq"
    folder.mkdir(parents=True)
    (folder / "cues.toml").write_text("[certainty\n", encoding="utf-8")
    runner = CliRunner()
    monkeypatch.setenv(languages.ENV_LANGUAGE_DIRS, str(tmp_path / "langs"))
    result = runner.invoke(cli, ["report", str(tmp_path), "-o", str(tmp_path / "r.csv")])
    assert result.exit_code == 2 and "cues.toml" in result.stderr
    assert "Traceback" not in result.stderr
    monkeypatch.setenv(languages.ENV_LANGUAGE_DIRS, str(tmp_path / "missing"))
    result = runner.invoke(cli, ["report", str(tmp_path), "-o", str(tmp_path / "r.csv")])
    assert result.exit_code == 2 and "missing is not a folder" in result.stderr


GUESS = {
    "en": "The mayor said that the bridge was closed.",
    "de": "Der Bürgermeister sagte, die Brücke sei nicht offen.",
    "fr": "Le maire a dit que le pont était fermé.",
    "es": "El alcalde dijo que el puente fue cerrado.",
    "it": "Il sindaco ha detto che il ponte è chiuso.",
    "nl": "De burgemeester zei dat de brug niet open is.",
    "pt": "O prefeito disse que a ponte foi fechada.",
    "pl": "Burmistrz powiedział, że most nie jest otwarty.",
    "ru": "Мэр сказал, что мост был закрыт.",
    "cs": "Starosta řekl, že most byl uzavřen.",
}


@pytest.mark.parametrize(("code", "text"), sorted(GUESS.items()))
def test_a_short_text_is_read_by_its_frequent_words(code: str, text: str) -> None:
    assert languages.guess_by_words(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "Angela Merkel, Emmanuel Macron.",  # names only
        "12, 14, 2016",  # figures only
        "der Präsident, the president",  # one word of each: a tie
        "",
    ],
)
def test_frequent_words_do_not_guess_where_they_do_not_decide(text: str) -> None:
    assert languages.guess_by_words(text) == ""


def test_every_built_in_language_has_detect_words() -> None:
    for code in ("en", "de", "fr", "es", "it", "nl", "pt", "pl", "ru", "cs"):
        assert len(languages.get(code).detect_words) >= 25, code
