"""Review cells are read as right / wrong / unsure, whatever a reviewer typed."""

import pytest

from checker.report.review import normalise_review, review_counts, unrecognised


@pytest.mark.parametrize(
    ("typed", "state"),
    [
        ("right", "right"),
        ("RIGHT", "right"),
        ("  Right  ", "right"),
        ("✓", "right"),
        ("✔", "right"),
        ("yes", "right"),
        ("Y", "right"),
        ("ja", "right"),
        ("Richtig", "right"),
        ("correct", "right"),
        ("TRUE", "right"),  # Excel's boolean, read back as text
        ("True", "right"),
        ("ok", "right"),
        ("OK.", "right"),
        ("stimmt", "right"),
        ("wrong", "wrong"),
        ("✗", "wrong"),
        ("✘", "wrong"),
        ("no", "wrong"),
        ("n", "wrong"),
        ("Nein", "wrong"),
        ("falsch!", "wrong"),
        ("incorrect", "wrong"),
        ("FALSE", "wrong"),
        ("stimmt  nicht", "wrong"),
        ("unsure", "unsure"),
        ("?", "unsure"),
        (" ?? ", "unsure"),
        ("Not sure", "unsure"),
        ("unklar", "unsure"),
        ("", ""),
        ("   ", ""),
        (None, ""),
        ("stimmt nicht ganz", ""),  # not guessed at
        ("checked", ""),
        ("x", ""),
    ],
)
def test_normalise_review(typed: object, state: str) -> None:
    assert normalise_review(typed) == state


def test_unknown_text_is_reported_as_typed_blanks_are_not() -> None:
    cells = ["✓", "", "  stimmt nicht ganz ", "?", "siehe Notiz", "stimmt nicht ganz", "   "]
    assert unrecognised(cells) == ["stimmt nicht ganz", "siehe Notiz"]
    assert review_counts(cells) == {"right": 1, "wrong": 0, "unsure": 1, "other": 3}
