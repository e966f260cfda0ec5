"""Two dates of one thing's once-only happening (an opening, a building, a founding) are one
happening dated twice, however unlike the rest of the two sentences; another thing's opening is
not. Unit tests with a stand-in frame scorer, and one story end to end with the shared
stand-in models (skipped without them). Sentences written for this test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.config import Config
from checker.pipeline import check
from checker.rules.articles import load_articles
from tests.conftest import SHARED_EMBED, SHARED_NLI, needs_shared_models
from tests.test_evidence import across


@pytest.mark.parametrize(
    ("a", "la", "b", "lb"),
    [
        ("The earth dam, which opened in 1962, had been due for repairs.", "en",
         "A barragem de terra, inaugurada em 1966, aguardava obras.", "pt"),
        ("Die Schule wurde 1987 gebaut und stürzte beim Beben ein.", "de",
         "La escuela, construida en 1978, se derrumbó durante el sismo.", "es"),
        ("De fabriek werd in 1976 geopend.", "nl", "Zakład otwarto w 1974 roku.", "pl"),
    ],
)
def test_one_things_opening_dated_twice(a: str, la: str, b: str, lb: str) -> None:
    """Claims not told alike (z 1.0), frames no less alike than unrelated text (0.5σ)."""
    found = across(a, la, b, lb, z=1.0, frame_z=lambda x, y: 0.5)
    assert [c.kind for c in found.conflicts] == ["date"], found


@pytest.mark.parametrize(
    ("a", "la", "b", "lb", "frame"),
    [
        # frames less alike than unrelated text: another thing's opening
        ("The bridge opened in 1974.", "en", "Das Museum wurde 1976 eröffnet.", "de", -0.5),
        # another thing named before each date ([objects]), however alike the frames
        ("The bridge opened in 1974.", "en", "Das Museum wurde 1976 eröffnet.", "de", 0.5),
        ("La diga fu inaugurata nel 1962.", "it", "Le musée a été inauguré en 1966.", "fr", 0.5),
        # a collapse is no once-only event: in one story several things collapse
        ("The school collapsed in 1987.", "en", "La escuela se derrumbó en 1978.", "es", 0.5),
        # different people in the frames: two happenings
        ("Mayor Anna Berg opened the bridge in 1974.", "en",
         "Il sindaco Paolo Neri ha inaugurato il ponte nel 1976.", "it", 0.5),
        # an opening against a building: two happenings
        ("The bridge opened in 1974.", "en", "Die Brücke wurde 1976 gebaut.", "de", 0.5),
    ],
)
def test_not_one_happening(a: str, la: str, b: str, lb: str, frame: float) -> None:
    found = across(a, la, b, lb, z=1.0, frame_z=lambda x, y: frame)
    assert not [c for c in found.conflicts if c.kind == "date"], found


ARTICLES = {
    "en-a.md": ("en", "A flood hit the town of Arnstad on Sunday, damaging the old bridge and the "
                "town museum.\n\nThe bridge, which Mayor Anna Berg opened in 1974, was closed on "
                "Monday.\n\nEngineers said the bridge would stay closed for two weeks."),
    "de-b.md": ("de", "Ein Hochwasser hat am Sonntag die Stadt Arnstad getroffen und die alte "
                "Brücke sowie das Stadtmuseum beschädigt.\n\nDas Museum wurde 1976 eröffnet und "
                "bleibt vorerst geschlossen.\n\nDie Brücke, 1972 eröffnet, bleibt zwei Wochen "
                "gesperrt."),
}


@needs_shared_models
def test_a_bridge_and_a_museum_opened_in_different_years(tmp_path: Path) -> None:
    """End to end: the bridge's 1974 meets the bridge's 1972, never the museum's 1976."""
    for name, (language, text) in ARTICLES.items():
        (tmp_path / name).write_text(
            f'---\nsource: "{name}"\npublished: "2026-03-02"\nlanguage: "{language}"\n---\n'
            f"{text}\n", encoding="utf-8")
    config = Config(embed_model=str(SHARED_EMBED), nli_model=str(SHARED_NLI),
                    cache_path=os.environ.get("CHECKER_TEST_CACHE", ""))
    result = check(load_articles([tmp_path]), config)
    dated = [v for v in result.verdicts if v.label == "contradiction"
             and "197" in v.pair.a.text and "197" in v.pair.b.text]
    assert dated, "the bridge's two openings"
    assert all("Museum" not in v.pair.a.text + v.pair.b.text for v in dated), dated
