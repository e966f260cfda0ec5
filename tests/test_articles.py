import hashlib
import json
import logging
from pathlib import Path

import pytest

from checker.errors import InputError, UsageError
from checker.rules.articles import decode, load_articles

GERMAN = (
    "Trump und Putin hatten anderthalb Stunden miteinander telefoniert. "
    "Der Kreml bestätigte das Gespräch am Mittwoch."
)
ENGLISH = (
    "Trump and Putin spoke on the phone for an hour and a half. "
    "The Kremlin confirmed the call on Wednesday."
)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_txt_and_language_detection(tmp_path: Path) -> None:
    write(tmp_path / "de.txt", GERMAN)
    write(tmp_path / "en.txt", ENGLISH)
    articles = {Path(a.path).stem: a for a in load_articles([tmp_path])}
    assert articles["de"].language == "de"
    assert articles["en"].language == "en"
    assert articles["de"].text == GERMAN


def test_markdown_front_matter(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.md",
        "---\nsource: Tagesschau\ntitle: Telefonat\nurl: https://example.org/a\n"
        "published: 2025-03-19\nlanguage: de\n---\n" + GERMAN,
    )
    [article] = load_articles([path])
    assert (article.source, article.title, article.url) == (
        "Tagesschau",
        "Telefonat",
        "https://example.org/a",
    )
    assert article.published == "2025-03-19"
    assert article.text == GERMAN


def test_html_main_text(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Telefonat</title></head><body><nav>Menü Start Impressum</nav>"
        f"<article><h1>Telefonat</h1><p>{GERMAN}</p><p>{GERMAN.replace('Mittwoch', 'Dienstag')}</p>"
        "</article><footer>Cookies akzeptieren</footer></body></html>"
    )
    [article] = load_articles([write(tmp_path / "a.html", html)])
    assert "anderthalb Stunden" in article.text
    assert "Cookies" not in article.text
    assert article.title == "Telefonat"


def test_json_jsonl_csv_records(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write(tmp_path / "a.json", json.dumps([{"id": "j1", "source": "X", "text": GERMAN}]))
    write(
        tmp_path / "b.jsonl",
        json.dumps({"id": "l1", "text": ENGLISH}) + "\n{broken\n" + json.dumps({"id": "l2"}) + "\n",
    )
    write(tmp_path / "c.csv", f'id,source,text\nc1,Y,"{ENGLISH.replace("Wednesday", "Tuesday")}"\n')
    with caplog.at_level(logging.WARNING, logger="checker"):
        articles = {a.id: a for a in load_articles([tmp_path])}
    assert set(articles) == {"j1", "l1", "c1"}
    assert articles["j1"].source == "X"
    assert "b.jsonl:2: skipped, not valid JSON" in caplog.text
    assert "b.jsonl:3: skipped, no 'text'" in caplog.text


def test_folder_metadata_file(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", GERMAN)
    write(tmp_path / "metadata.yaml", "a.txt:\n  source: AFP\n  title: Titel\n")
    [article] = load_articles([tmp_path])
    assert (article.source, article.title) == ("AFP", "Titel")


def test_same_name_in_two_folders_gets_two_ids(tmp_path: Path) -> None:
    write(tmp_path / "x" / "a.txt", GERMAN)
    write(tmp_path / "y" / "a.txt", ENGLISH)
    articles = load_articles([tmp_path])
    assert [a.path for a in articles] == [
        str(tmp_path / "x" / "a.txt"),
        str(tmp_path / "y" / "a.txt"),
    ]
    assert len({a.id for a in articles}) == 2


def test_ids_survive_rename_and_move(tmp_path: Path) -> None:
    """Ids come from the text (and metadata), not from the file's name or folder or order."""
    first = {a.text: a.id for a in load_articles([write(tmp_path / "a" / "de.txt", GERMAN)])}
    write(tmp_path / "b" / "deep" / "renamed.txt", GERMAN)
    write(tmp_path / "b" / "aaa-first.txt", ENGLISH)  # sorts before it now
    second = {a.text: a.id for a in load_articles([tmp_path / "b"])}
    assert second[GERMAN] == first[GERMAN]
    assert first[GERMAN].startswith("trump-und-putin-hatten-")  # first words, then the hash
    digest = hashlib.sha256(GERMAN.encode()).hexdigest()
    assert first[GERMAN].endswith("-" + digest[:8])
    write(tmp_path / "c" / "x.md", f"---\nsource: Tagesschau\n---\n{GERMAN}\n")
    [article] = load_articles([tmp_path / "c"])
    assert article.id == "tagesschau-" + digest[:8]  # the source names it, when there is one
    assert article.path == str(tmp_path / "c" / "x.md")  # the file stays visible


def test_duplicated_record_ids_are_made_unique_by_content(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    texts = [GERMAN, ENGLISH, GERMAN.replace("Mittwoch", "Dienstag")]
    lines = [
        json.dumps({"id": i, "text": t}) for i, t in zip(["x", "x", "x-2"], texts, strict=True)
    ]
    write(tmp_path / "feed.jsonl", "\n".join(lines))
    write(tmp_path / "again.csv", f'id,text\nx-2,"{ENGLISH.replace("hour", "minute")}"\n')
    with caplog.at_level(logging.WARNING, logger="checker"):
        articles = load_articles([tmp_path])
    by_text = {a.text: a for a in articles}
    assert len({a.id for a in articles}) == len(articles) == 4
    for text in texts[:2]:  # both "x" get their own hash, whatever their order
        assert by_text[text].id == "x-" + hashlib.sha256(text.encode()).hexdigest()[:8]
    assert {by_text[texts[2]].id, by_text[ENGLISH.replace("hour", "minute")].id} != {"x-2"}
    assert by_text[GERMAN].path.endswith("feed.jsonl:1")
    assert "'x' is given to 2 articles" in caplog.text
    write(tmp_path / "feed.jsonl", "\n".join(reversed(lines)))
    assert {a.text: a.id for a in load_articles([tmp_path])} == {
        t: a.id for t, a in by_text.items()
    }


def test_unique_record_ids_are_kept(tmp_path: Path) -> None:
    write(tmp_path / "a.json", json.dumps([{"id": "j1", "text": GERMAN}, {"text": ENGLISH}]))
    ids = [a.id for a in load_articles([tmp_path])]
    assert ids[0] == "j1" and ids[1].startswith("trump-and-putin-spoke-on-")


def test_missing_path_is_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        load_articles([tmp_path / "nope.txt"])


def test_bad_files_warn_and_carry_on(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write(tmp_path / "empty.txt", "")
    write(tmp_path / "binary.txt", b"\x00\x01\x02PNG\x00")
    write(tmp_path / "good.txt", GERMAN)
    write(tmp_path / "copy.txt", GERMAN)
    with caplog.at_level(logging.WARNING, logger="checker"):
        articles = load_articles([tmp_path])
    assert [Path(a.path).name for a in articles] == ["copy.txt"]
    assert "empty file" in caplog.text
    assert "binary" in caplog.text
    assert "duplicate" in caplog.text


def test_nothing_usable_is_input_error(tmp_path: Path) -> None:
    write(tmp_path / "empty.txt", "  \n")
    with pytest.raises(InputError, match="no usable articles"):
        load_articles([tmp_path])


def test_cp1252_is_decoded_with_umlauts(tmp_path: Path) -> None:
    path = write(tmp_path / "legacy.txt", GERMAN.encode("cp1252"))
    [article] = load_articles([path])
    assert "bestätigte das Gespräch" in article.text
    assert decode("Grüße".encode("utf-8-sig"), "x") == "Grüße"


def test_same_file_twice_is_read_once(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write(tmp_path / "a.txt", GERMAN)
    with caplog.at_level(logging.WARNING, logger="checker"):
        articles = load_articles([tmp_path, path])
    assert [a.path for a in articles] == [str(path)]
    assert "duplicate" not in caplog.text
