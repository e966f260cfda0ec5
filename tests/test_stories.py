"""Stories: grouping articles (checker/rules/stories.py) and the invariance it buys the pipeline.

A story's rows must not depend on what else is in the input: adding the articles of an
unrelated story may add rows, never change one of an existing story.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from checker.config import Config
from checker.pipeline import Report, build_embedder, build_scorer, check
from checker.records import Article, Baseline, Claim
from checker.report.table import to_frame
from checker.rules.articles import load_articles
from checker.rules.centring import centre, language_space
from checker.rules.evidence import claim_facts
from checker.rules.names import spelling_key
from checker.rules.stories import (
    affinity,
    figure_keys,
    group_stories,
    names,
    reference_band,
    reference_sentences,
    story_id,
)

from .conftest import SHARED_EMBED, SHARED_NLI, needs_shared_models
from .dense_stories import dense_group_stories
from .fakes import RuleScorer, TopicEmbedder

# Own texts, two unrelated events on the same day (so dates cannot do the separating).
FERRY = {
    "ferry-radio": (
        "The ferry Nordlys ran aground off Varnholm early on Saturday morning. "
        "All 212 passengers were brought ashore by the coast guard within four hours. "
        "The ferry had left the harbour of Varnholm shortly after midnight. "
        "Strong winds pushed the ferry onto a sandbank near the lighthouse. "
        "The shipping company said the captain had reported an engine failure before the "
        "ferry ran aground. "
        "Divers will inspect the hull of the ferry on Monday."
    ),
    "ferry-daily": (
        "The ferry Nordlys ran aground off Varnholm early on Saturday morning, the coast "
        "guard said. "
        "All 198 passengers were brought ashore by the coast guard within four hours. "
        "Strong winds pushed the ferry onto a sandbank near the lighthouse. "
        "Nobody on the ferry was seriously injured, according to the hospital in Varnholm. "
        "The shipping company said the captain had reported an engine failure before the "
        "ferry ran aground."
    ),
    "ferry-local": (
        "Passengers of the stranded ferry Nordlys described a calm rescue off Varnholm. "
        "A woman said the coast guard boats arrived within twenty minutes of the alarm. "
        "The ferry company will pay for hotel rooms in Varnholm for all passengers. "
        "Divers will inspect the hull of the ferry on Monday. "
        "The company expects the ferry service to Varnholm to resume next week."
    ),
}
GALLERY = {
    "gallery-post": (
        "Thieves stole a painting by the landscape artist Maren Holt from the city gallery in "
        "Oberlinden on Sunday night. "
        "The painting is insured for 40000 euros, the gallery said. "
        "The thieves broke a window at the back of the gallery. "
        "Police in Oberlinden are looking for two men seen near the gallery after midnight. "
        "The gallery will stay closed until Wednesday."
    ),
    "gallery-courier": (
        "A painting by Maren Holt was stolen from the gallery in Oberlinden on Sunday night. "
        "The gallery said the painting is insured for 60000 euros. "
        "The thieves broke a window at the back of the gallery and cut the painting from its "
        "frame. "
        "The mayor of Oberlinden called the theft a great loss for the gallery. "
        "The gallery will stay closed until Wednesday."
    ),
}
TOPICS = {
    "ferry": ["ferry", "varnholm", "passengers", "coast guard", "nordlys"],
    "gallery": ["gallery", "painting", "oberlinden", "thieves"],
}
DAY = "2024-05-11"
_WORDS = re.compile(r"[a-z]+")
_NUMBERS = re.compile(r"\d+")


def articles(texts: dict[str, str], language: str = "en") -> list[Article]:
    return [
        Article(id=i, text=t, source=i, language=language, published=DAY) for i, t in texts.items()
    ]


def overlap_rule(premise: str, hypothesis: str) -> str:
    """Fake NLI: mostly the same words → entailment, or contradiction when a number differs."""
    a, b = set(_WORDS.findall(premise.lower())), set(_WORDS.findall(hypothesis.lower()))
    if len(a & b) / len(a | b) < 0.5:
        return "neutral"
    same_numbers = _NUMBERS.findall(premise) == _NUMBERS.findall(hypothesis)
    return "entailment" if same_numbers else "contradiction"


def run_fakes(items: Sequence[Article], config: Config | None = None) -> Report:
    return check(
        items, config or Config(), embedder=TopicEmbedder(TOPICS), scorer=RuleScorer(overlap_rule)
    )


def rows_of(report: Report, ids: set[str]) -> pd.DataFrame:
    """Every row (neutral too) whose two articles are in ``ids``, in pair_id order."""
    frame = to_frame(report.verdicts, report.articles, include_neutral=True)
    mine = frame[frame.article_a.isin(ids) & frame.article_b.isin(ids)]
    return mine.sort_values("pair_id").reset_index(drop=True)


def assert_stories_kept_apart(report: Report, stories: Sequence[set[str]]) -> None:
    """Each expected story is one of the report's stories; no pair crosses two of them; the
    ``story`` column has one value per story."""
    assert sorted(map(sorted, stories)) == sorted(list(s.article_ids) for s in report.stories)
    frame = to_frame(report.verdicts, report.articles, include_neutral=True)
    story_of = {i: n for n, ids in enumerate(stories) for i in ids}
    assert (frame.article_a.map(story_of) == frame.article_b.map(story_of)).all()
    per_story = frame.groupby(frame.article_a.map(story_of)).story.unique()
    assert all(len(values) == 1 for values in per_story)
    assert per_story.map(lambda v: v[0]).is_unique


def test_unrelated_story_changes_no_row_fake_models() -> None:
    """Adding another story's articles (interleaved, and the story's own articles in another
    order) leaves every row of the story as it was."""
    ferry, gallery = articles(FERRY), articles(GALLERY)
    alone = run_fakes(ferry)
    mixed = run_fakes([gallery[0], ferry[2], gallery[1], ferry[0], ferry[1]])
    assert_stories_kept_apart(mixed, [set(FERRY), set(GALLERY)])
    before, after = rows_of(alone, set(FERRY)), rows_of(mixed, set(FERRY))
    assert len(before) > 0 and set(before.verdict) >= {"agreement", "contradiction"}
    pd.testing.assert_frame_equal(before, after)


def test_one_story_mode_would_show_the_difference() -> None:
    """The comparison above has teeth: pooled as one story, the other story's claims shift
    the baseline, so the same ferry rows come out different."""
    ferry, gallery = articles(FERRY), articles(GALLERY)
    pooled = Config(one_story=True)
    alone = rows_of(run_fakes(ferry, pooled), set(FERRY))
    mixed = rows_of(run_fakes([*gallery, *ferry], pooled), set(FERRY))
    assert not alone.drop(columns="story").equals(mixed.drop(columns="story"))


# ---- with the shared real models: own German/English articles --------------------------------

BRIDGE_DE_1 = (
    "In Talheim ist am Dienstagmorgen ein Teil der alten Neckarbrücke eingestürzt. "
    "Nach Angaben der Feuerwehr wurde niemand verletzt, weil die Brücke seit Montag gesperrt "
    "war. "
    "Ein Prüfer hatte bei einer Kontrolle tiefe Risse in einem Pfeiler entdeckt. "
    "Bürgermeisterin Lena Roth sagte, die Sperrung habe Schlimmeres verhindert. "
    "Die Brücke war im Jahr 1956 gebaut worden und sollte 2026 ersetzt werden. "
    "Pendler müssen nun einen Umweg von etwa zwölf Kilometern fahren."
)
BRIDGE_DE_2 = (
    "Die gesperrte Neckarbrücke in Talheim ist am Dienstag teilweise eingestürzt. "
    "Verletzt wurde nach Angaben der Polizei niemand. "
    "Die Brücke war am Montag gesperrt worden, nachdem Risse an einem Pfeiler aufgefallen "
    "waren. "
    "Bürgermeisterin Lena Roth kündigte an, der Neubau solle nun schneller beginnen. "
    "Für Pendler richtet die Stadt einen Busverkehr über die Umleitung ein. "
    "Die Umleitung ist nach Angaben der Stadt rund 20 Kilometer lang."
)
BRIDGE_EN = (
    "Part of the old Neckar bridge in Talheim collapsed on Tuesday morning. "
    "Nobody was hurt because the bridge had been closed since Monday, the fire brigade said. "
    "An inspector had found deep cracks in one of its piers during a routine check. "
    "Mayor Lena Roth said the closure had prevented a disaster. "
    "The bridge was built in 1956 and was due to be replaced in 2026. "
    "Commuters now face a detour of about twelve kilometres."
)
CHESS_EN_1 = (
    "The chess prodigy Ilya Varga won the open tournament in Sandvik on Sunday. "
    "The sixteen-year-old beat the defending champion in the final round after five hours. "
    "Varga finished with seven points from nine games. "
    "The organisers said a record 340 players had taken part this year. "
    "Varga will receive prize money of 15,000 euros. "
    "He plans to play in the national championship next month."
)
CHESS_EN_2 = (
    "Ilya Varga, aged sixteen, has won the Sandvik open chess tournament. "
    "He defeated the defending champion in a final game that lasted five hours. "
    "Varga scored seven and a half points from nine games, the organisers said. "
    "About 300 players took part in the tournament this year. "
    "His coach said Varga had prepared for the event for months. "
    "The prize for the winner is 15,000 euros."
)
CHESS_DE = (
    "Der sechzehnjährige Ilya Varga hat das offene Schachturnier in Sandvik gewonnen. "
    "In der letzten Runde besiegte er nach fünf Stunden den Titelverteidiger. "
    "Varga holte sieben Punkte aus neun Partien. "
    "Laut den Veranstaltern nahmen in diesem Jahr 340 Spieler teil. "
    "Für den Sieg erhält Varga ein Preisgeld von 15.000 Euro. "
    "Im nächsten Monat will er bei der nationalen Meisterschaft antreten."
)
BRIDGE = {
    "bridge-de-1": (BRIDGE_DE_1, "de"),
    "bridge-de-2": (BRIDGE_DE_2, "de"),
    "bridge-en": (BRIDGE_EN, "en"),
}
CHESS = {
    "chess-en-1": (CHESS_EN_1, "en"),
    "chess-en-2": (CHESS_EN_2, "en"),
    "chess-de": (CHESS_DE, "de"),
}


def real_articles(texts: dict[str, tuple[str, str]]) -> list[Article]:
    return [
        Article(id=i, text=t, source=i, language=lang, published=DAY)
        for i, (t, lang) in texts.items()
    ]


@needs_shared_models
def test_unrelated_story_changes_no_row_real_models() -> None:
    """The same invariance with the shared E5 embedder and NLI model, German and English.

    Both runs share the test's cache, as a user's re-run would (the second computes nothing
    new, which keeps the test fast): what is pinned is the pipeline's logic, not batch-to-batch
    float noise.
    """
    config = Config(embed_model=str(SHARED_EMBED), nli_model=str(SHARED_NLI))
    models = {"embedder": build_embedder(config), "scorer": build_scorer(config)}  # load once
    bridge, chess = real_articles(BRIDGE), real_articles(CHESS)
    mixed = check([chess[0], bridge[2], chess[1], bridge[0], chess[2], bridge[1]], config, **models)
    alone = check(bridge, config, **models)
    assert_stories_kept_apart(mixed, [set(BRIDGE), set(CHESS)])
    before, after = rows_of(alone, set(BRIDGE)), rows_of(mixed, set(BRIDGE))
    assert len(before) > 0
    pd.testing.assert_frame_equal(before, after)


# ---- group_stories on hand-made vectors -------------------------------------------------------

BAND = Baseline(0.0, 0.1)  # 3.75σ = cosine 0.375, 2σ = 0.2
SETTINGS = {"min_z": 3.75, "name_z": 2.0, "min_names": 2, "max_days": 7}


def unit(*values: float) -> np.ndarray:
    v = np.array(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def setup(
    specs: Sequence[tuple[str, str, str, Sequence[np.ndarray], Sequence[str]]],
) -> tuple[list[Article], list[Claim], np.ndarray]:
    """Articles ``(id, language, published, claim vectors, claim texts)`` → inputs of
    group_stories."""
    arts, claims, vectors = [], [], []
    for article_id, language, published, vecs, texts in specs:
        arts.append(
            Article(id=article_id, text=" ".join(texts), language=language, published=published)
        )
        for n, (vector, text) in enumerate(zip(vecs, texts, strict=True)):
            claims.append(
                Claim(id=f"{article_id}:{n}", article_id=article_id, text=text, start=n, end=n + 1,
                        article=Article(id=article_id, text=''))
            )
            vectors.append(vector)
    return arts, claims, np.stack(vectors)


def members(stories: Sequence) -> list[list[str]]:
    return sorted(sorted(s.article_ids) for s in stories)


PLAIN = ["one plain sentence here.", "another plain sentence here.", "a third one here."]


def test_far_apart_clusters_stay_apart() -> None:
    """Two tight clusters with orthogonal content are two stories, each whole."""
    x, y = unit(1, 0.05, 0, 0), unit(0, 0, 1, 0.05)
    x2, y2 = unit(1, -0.05, 0, 0), unit(0, 0, 1, -0.05)
    specs = [
        ("a1", "en", DAY, [x, x2, x], PLAIN),
        ("b1", "en", DAY, [y, y2, y], PLAIN),
        ("a2", "en", DAY, [x2, x, x2], PLAIN),
        ("b2", "en", DAY, [y2, y, y2], PLAIN),
    ]
    stories = group_stories(*setup(specs), BAND, **SETTINGS)
    assert members(stories) == [["a1", "a2"], ["b1", "b2"]]


def test_date_gap_splits_identical_content() -> None:
    """Identical content more than ``max_days`` apart is two stories; within reach, one; an
    unknown date never splits."""
    x = unit(1, 0, 0)

    def specs(second: str) -> list:
        return [("a", "en", "2024-01-01", [x, x, x], PLAIN), ("b", "en", second, [x, x, x], PLAIN)]

    assert members(group_stories(*setup(specs("2024-01-20")), BAND, **SETTINGS)) == [["a"], ["b"]]
    assert members(group_stories(*setup(specs("2024-01-08")), BAND, **SETTINGS)) == [["a", "b"]]
    assert members(group_stories(*setup(specs("")), BAND, **SETTINGS)) == [["a", "b"]]


def test_an_undated_article_is_dated_by_what_it_tells() -> None:
    """An undated article stating a day more than a year after the other's publication is
    another story; recalling earlier years never splits (a stated day is only a lower bound),
    and two undated articles are never parted this way."""
    import datetime

    from checker.rules.stories import latest_stated
    from checker.rules.values import extract_values

    x = unit(1, 0, 0)
    specs = [("a", "en", "2017-01-20", [x, x, x], PLAIN), ("b", "nl", "", [x, x, x], PLAIN)]

    def grouped(told: str, language: str = "nl", published_a: str = "2017-01-20") -> list:
        stated = latest_stated(extract_values(told, language))
        both = [("a", "en", published_a, [x, x, x], PLAIN), specs[1]]
        return members(group_stories(
            *setup(both), BAND, **SETTINGS, stated={"b": stated} if stated else {},
        ))

    assert grouped("De sluiting eindigde op 25 januari 2019.") == [["a"], ["b"]]
    assert grouped("Het gebeurde op 20 januari 2017.") == [["a", "b"]]
    assert grouped("Sinds de aanslagen van 11 september 2001.") == [["a", "b"]]
    assert grouped("De sluiting eindigde op 25 januari 2019.", published_a="") == [["a", "b"]]
    assert latest_stated(extract_values("Op 3 maart 2015 en op 9 mei 2016.", "nl")) == (
        datetime.date(2016, 5, 9)
    )


# cosine 0.3 = 3σ: loosely related, under story_z (3.75), over story_name_z (2.0)
LOOSE_A, LOOSE_B = unit(1, 0, 0), unit(0.3, np.sqrt(1 - 0.09), 0)
NAMED_DE = [
    "Am Montag traf Kanzlerin Merkel den Präsidenten Obama in Hannover.",
    "Danach sprachen Merkel und Obama über den Handel.",
    "Die Gespräche dauerten zwei Stunden.",
]
NAMED_EN = [
    "On Monday, Chancellor Merkel met President Obama in Hanover.",
    "Afterwards Merkel and Obama talked about trade.",
    "The talks lasted two hours.",
]
UNNAMED_EN = [
    "On Monday, the chancellor met the president in the city.",
    "Afterwards the two talked about trade.",
    "The talks lasted two hours.",
]


def test_shared_names_join_languages_when_content_is_loosely_related() -> None:
    """Across languages, two shared names join loosely related articles; without the names,
    or within one language, or with unrelated content, they stay apart."""
    de = ("de", "de", DAY, [LOOSE_A] * 3, NAMED_DE)
    en = ("en", "en", DAY, [LOOSE_B] * 3, NAMED_EN)
    assert members(group_stories(*setup([de, en]), BAND, **SETTINGS)) == [["de", "en"]]
    unnamed = ("en", "en", DAY, [LOOSE_B] * 3, UNNAMED_EN)
    assert members(group_stories(*setup([de, unnamed]), BAND, **SETTINGS)) == [["de"], ["en"]]
    same_language = ("en2", "en", DAY, [LOOSE_A] * 3, NAMED_EN)
    stories = group_stories(*setup([same_language, en]), BAND, **SETTINGS)
    assert members(stories) == [["en"], ["en2"]]
    unrelated = ("en", "en", DAY, [unit(0, 1, 0)] * 3, NAMED_EN)
    assert members(group_stories(*setup([de, unrelated]), BAND, **SETTINGS)) == [["de"], ["en"]]


TWO_EN = [
    "On Monday, President Trump met President Obama in Washington.",
    "Afterwards Trump and Obama talked about trade.",
    "The talks lasted two hours.",
]
TWO_RU = [
    "В понедельник президент Трамп встретился с Обамой в Вашингтоне.",
    "Затем Трамп и Обама обсудили торговлю.",
    "Переговоры длились два часа.",
]
TWO_PL = [
    "W poniedziałek doszło do spotkania prezydenta Trumpa z Obamą.",
    "Potem rozmowa Trumpa i Obamy dotyczyła handlu.",
    "Rozmowy trwały dwie godziny.",
]
OTHERS_RU = [
    "В понедельник канцлер Шольц встретился с президентом Байденом в Берлине.",
    "Затем Шольц и Байден обсудили торговлю.",
    "Переговоры длились два часа.",
]


def test_names_join_languages_across_alphabets_and_cases() -> None:
    """The names a Russian article writes in Cyrillic ("Трамп", "Обамой") and a Polish one
    declines ("Trumpa", "Obamy") are the English article's names, so loosely related articles
    in those languages join it; other people named in Cyrillic do not."""
    en = ("en", "en", DAY, [LOOSE_B] * 3, TWO_EN)
    for code, texts in (("ru", TWO_RU), ("pl", TWO_PL)):
        other = (code, code, DAY, [LOOSE_A] * 3, texts)
        joined = members(group_stories(*setup([other, en]), BAND, **SETTINGS))
        assert joined == [sorted([code, "en"])]
    others = ("ru", "ru", DAY, [LOOSE_A] * 3, OTHERS_RU)
    assert members(group_stories(*setup([others, en]), BAND, **SETTINGS)) == [["en"], ["ru"]]


def test_a_name_counts_once_however_it_is_written() -> None:
    """A run of capitalised words counts as its last word: "Donald Trump" and "Trump" are one
    name, never two; a lone word at a sentence start is no name, a run there keeps its last
    word. In several languages."""
    article = Article(id="a", text="")

    def keys(*texts: str) -> list[str]:
        return sorted(names([
            Claim(id=f"a:{n}", article_id="a", text=t, start=n, end=n + 1, article=article)
            for n, t in enumerate(texts)
        ]))

    def spelled(*words: str) -> list[str]:
        return sorted(spelling_key(w) for w in words)

    assert keys("President Donald Trump spoke.", "Later Trump left.") == spelled("Trump")
    assert keys("Präsident Donald Trump sprach mit Angela Merkel.") == spelled("Merkel", "Trump")
    assert keys("Donald Trump a parlé à Emmanuel Macron.") == spelled("Macron", "Trump")
    assert keys("Premier Mark Rutte sprak met Trump in het Witte Huis.") == spelled(
        "Huis", "Rutte", "Trump"
    )
    assert keys("Yesterday it rained.", "Afterwards nothing happened.") == []
    assert keys("Saudi-Arabien wies das zurück.") == spelled("Arabien")  # split at the hyphen


def test_a_name_is_one_key_across_alphabets_and_cases() -> None:
    """One person's name gives one story key whichever language writes it: in Cyrillic, in
    another transliteration, or in a grammatical case that adds a vowel (Polish and Russian
    genitive "Trumpa", "Трампа"), so a Russian or Polish article shares its names with the
    English ones. Different names stay different keys."""
    article = Article(id="a", text="")

    def keys(text: str) -> frozenset[str]:
        return names([Claim(id="a:0", article_id="a", text=text, start=0, end=1, article=article)])

    english = keys("On Monday Robert Mueller questioned Donald Trump about Peter Strzok.")
    assert keys("В понедельник Роберт Мюллер допросил Дональда Трампа.") <= english
    assert keys("W poniedziałek Robert Mueller przesłuchał Donalda Trumpa.") <= english
    assert keys("V pondělí Robert Mueller vyslechl Petera Strzoka.") <= english
    assert keys("Robert Müller befragte gestern Donald Trump.") <= english
    # must not fire: other people, other places
    assert not keys("В понедельник Владимир Путин встретил Ангелу Меркель.") & english
    assert not keys("On Monday Joe Biden met Kamala Harris in Boston.") & english
    assert not keys("Am Montag sprach Olaf Scholz mit Emmanuel Macron in Paris.") & english


# cosine 0.25 = 2.5σ: over story_name_z (2.0), under story_fewer_names_z (2.75)
LOOSER_B = unit(0.25, np.sqrt(1 - 0.0625), 0)
TRUMP_DE = ["Am Montag sprach Präsident Donald Trump in Berlin."] * 3
TRUMP_EN = ["On Monday President Donald Trump spoke in Washington."] * 3


def test_one_persons_full_name_is_one_shared_name() -> None:
    """Loosely related articles in two languages naming one person in full ("Donald Trump")
    share one name, not two: they stay apart, where two people named on both sides join
    them. With one name, content at story_fewer_names_z joins them; under it, not."""
    de = ("de", "de", DAY, [LOOSE_A] * 3, TRUMP_DE)
    settings = {**SETTINGS, "fewer_names_z": 2.75}
    looser = ("en", "en", DAY, [LOOSER_B] * 3, TRUMP_EN)
    assert members(group_stories(*setup([de, looser]), BAND, **settings)) == [["de"], ["en"]]
    two_people = (
        ("de", "de", DAY, [LOOSE_A] * 3, NAMED_DE), ("en", "en", DAY, [LOOSER_B] * 3, NAMED_EN)
    )
    assert members(group_stories(*setup(two_people), BAND, **settings)) == [["de", "en"]]
    closer = ("en", "en", DAY, [LOOSE_B] * 3, TRUMP_EN)  # 3σ
    assert members(group_stories(*setup([de, closer]), BAND, **settings)) == [["de", "en"]]
    assert members(group_stories(*setup([de, closer]), BAND, **SETTINGS)) == [["de"], ["en"]]


def _with(to_a: float, to_b: float, b: np.ndarray) -> np.ndarray:
    """A unit vector with cosine ``to_a`` to (1, 0, 0) and ``to_b`` to ``b`` (in 3-d)."""
    y = (to_b - b[0] * to_a) / b[1]
    return np.array([to_a, y, np.sqrt(1 - to_a**2 - y**2)], dtype=np.float32)


def test_an_article_left_alone_joins_the_group_of_its_best_match() -> None:
    """A third outlet close to one article of a pair (4σ) but loose to the other (3σ) is
    left out by average linkage (3.5σ < 3.75σ), then joins that pair; an article whose best
    match is under story_z stays alone."""
    a = np.array([1, 0, 0], dtype=np.float32)
    b = np.array([0.45, np.sqrt(1 - 0.45**2), 0], dtype=np.float32)  # 4.5σ: one story
    pair = [("a", "en", DAY, [a] * 3, PLAIN), ("b", "en", DAY, [b] * 3, PLAIN)]
    close = ("c", "en", DAY, [_with(0.30, 0.40, b)] * 3, PLAIN)
    assert members(group_stories(*setup([*pair, close]), BAND, **SETTINGS)) == [["a", "b", "c"]]
    loose = ("c", "en", DAY, [_with(0.30, 0.30, b)] * 3, PLAIN)
    assert members(group_stories(*setup([*pair, loose]), BAND, **SETTINGS)) == [["a", "b"], ["c"]]


def test_story_id_depends_only_on_members() -> None:
    """``story_id`` ignores order; group_stories gives the same ids for any input order and
    an added unrelated article leaves the other story's id alone."""
    assert story_id(["b", "a", "c"]) == story_id(["c", "a", "b"]) != story_id(["a", "b"])
    x, y, z = unit(1, 0, 0), unit(0, 1, 0), unit(0, 0, 1)
    specs = [
        ("a1", "en", DAY, [x] * 3, PLAIN),
        ("a2", "en", DAY, [x] * 3, PLAIN),
        ("b1", "en", DAY, [y] * 3, PLAIN),
    ]
    first = group_stories(*setup(specs), BAND, **SETTINGS)
    second = group_stories(*setup(list(reversed(specs))), BAND, **SETTINGS)
    assert first == second
    assert {s.article_ids: s.id for s in first}[("a1", "a2")] == story_id(["a2", "a1"])
    more = group_stories(*setup([*specs, ("c1", "en", DAY, [z] * 3, PLAIN)]), BAND, **SETTINGS)
    assert {s.article_ids: s.id for s in more}[("a1", "a2")] == story_id(["a1", "a2"])


def test_affinity_of_identical_claim_sets_is_one() -> None:
    """The same unit vectors on both sides: every best match is 1, so affinity is 1."""
    rng = np.random.default_rng(0)
    claims = rng.normal(size=(5, 8))
    claims /= np.linalg.norm(claims, axis=1, keepdims=True)
    assert affinity(claims, claims) == pytest.approx(1.0)
    assert affinity(claims, claims[::-1].copy()) == pytest.approx(1.0)
    assert affinity(claims, np.zeros((0, 8))) == -np.inf


def test_reference_band_uses_only_different_topic_pairs() -> None:
    """Same-topic sentences get identical vectors (cosine 1): were those pairs counted, the
    band's mean would be pulled towards 1. It equals mean/std over different-topic pairs."""
    topics = sorted({t for t, _ in reference_sentences()})
    assert len(topics) < len(reference_sentences())  # some topic has several sentences
    topic_of = dict((s, t) for t, s in reference_sentences())
    rng = np.random.default_rng(1)
    axis = {t: unit(*rng.normal(size=6)) for t in topics}

    def embed(texts: list[str]) -> np.ndarray:
        return np.stack([axis[topic_of[t]] for t in texts])

    band = reference_band(embed)
    pairs = reference_sentences()
    expected = [
        float(axis[t1] @ axis[t2])
        for i, (t1, _) in enumerate(pairs)
        for t2, _ in pairs[i + 1 :]
        if t1 != t2
    ]
    assert band.mean == pytest.approx(np.mean(expected), abs=1e-6)
    assert band.std == pytest.approx(np.std(expected), abs=1e-6)
    assert band.mean < 0.9 and band.std > 0


# ---- all dev stories in one run vs one story alone (slow: minutes) ---------------------------

STORIES = SHARED_EMBED.parents[1] / "data" / "stories"
SMALL_STORIES = ("2016-11-pelosi-leader-vote", "2018-08-duncan-hunter-indicted")
COMPARED = ["pair_id", "verdict", "confidence"]


@pytest.mark.skipif(
    os.environ.get("CHECKER_SLOW_TESTS") != "1", reason="slow (minutes): CHECKER_SLOW_TESTS=1"
)
@pytest.mark.skipif(not STORIES.is_dir(), reason=f"dev stories not found at {STORIES}")
@needs_shared_models
def test_all_stories_run_matches_single_story_runs() -> None:
    """One run over every dev story folder flags no pair across folders, and a small story's
    flagged rows are the same as when its folder is run alone. ``CHECKER_TEST_CACHE`` names a
    cache file to keep between runs (default: the test's own empty cache)."""
    config = Config(
        embed_model=str(SHARED_EMBED),
        nli_model=str(SHARED_NLI),
        cache_path=os.environ.get("CHECKER_TEST_CACHE", ""),
    )
    models = {"embedder": build_embedder(config), "scorer": build_scorer(config)}
    folders = sorted(p for p in STORIES.iterdir() if p.is_dir())
    everything = load_articles(folders)
    report = check(everything, config, **models)
    folder_of = {a.id: Path(a.path).parent.name for a in everything}
    frame = to_frame(report.verdicts, report.articles)
    crossing = frame[frame.article_a.map(folder_of) != frame.article_b.map(folder_of)]
    assert crossing.empty, crossing[["article_a", "article_b", "claim_a", "claim_b"]]
    for name in SMALL_STORIES:
        alone = load_articles([STORIES / name])
        single = check(alone, config, **models)
        ids = {a.id for a in alone}
        mine = frame[frame.article_a.isin(ids) & frame.article_b.isin(ids)]
        expected = to_frame(single.verdicts, single.articles)[COMPARED]
        pd.testing.assert_frame_equal(
            mine[COMPARED].sort_values("pair_id").reset_index(drop=True),
            expected.sort_values("pair_id").reset_index(drop=True),
            obj=name,
        )


# ---- the sparse grouping against the dense one it replaced ------------------------------------


RANDOM_NAMES = ["Merkel", "Obama", "Varga", "Holt", "Roth", "Talheim", "Sandvik", "Nordlys"]


def random_corpus(seed: int) -> tuple[list[Article], list[Claim], np.ndarray]:
    """Articles around a few topics in 6-d (scores spread across the thresholds), two or three
    languages, dates within and beyond ``max_days``, claims naming a few shared names."""
    rng = np.random.default_rng(seed)
    topics = rng.normal(size=(int(rng.integers(1, 6)), 6))
    spread = float(rng.uniform(0.3, 1.5))
    specs = []
    for n in range(int(rng.integers(2, 40))):
        topic = topics[rng.integers(len(topics))]
        count = int(rng.integers(1, 6))
        vecs = [unit(*(topic + spread * rng.normal(size=6))) for _ in range(count)]
        texts = [
            "Then " + " and ".join(rng.choice(RANDOM_NAMES, size=2, replace=False)) + " spoke."
            for _ in range(count)
        ]
        day = f"2024-05-{int(rng.integers(1, 29)):02d}" if rng.random() < 0.8 else ""
        specs.append((f"r{n}", str(rng.choice(["de", "en", "fr"][: rng.integers(1, 4)])), day,
                      vecs, texts))
    return setup(specs)


@pytest.mark.parametrize("faiss_min_claims", [10**9, 0])
@pytest.mark.parametrize("names_rule", [{"min_names": 1}, {"min_names": 2, "fewer_names_z": 2.5}])
def test_sparse_grouping_gives_the_dense_groups(faiss_min_claims: int, names_rule: dict) -> None:
    """On random corpora (many links, chains, cross-language joins and date gates) the
    range-search grouping gives exactly the groups of scoring every article pair, with one
    shared name enough, or two (one with closer content)."""
    band = Baseline(0.3, 0.1)
    settings = {**SETTINGS, "min_z": 3.0, "name_z": 1.5, **names_rule}
    differ = 0
    for seed in range(60):
        arts, claims, vectors = random_corpus(seed)
        want = dense_group_stories(arts, claims, vectors, band, **settings)
        got = group_stories(
            arts, claims, vectors, band, **settings, faiss_min_claims=faiss_min_claims
        )
        assert got == want, seed
        differ += len(want) not in (1, len({c.article_id for c in claims}))
    assert differ > 15  # most corpora are neither one story nor all apart


@pytest.mark.skipif(
    os.environ.get("CHECKER_SLOW_TESTS") != "1", reason="slow (minutes): CHECKER_SLOW_TESTS=1"
)
@pytest.mark.skipif(not STORIES.is_dir(), reason=f"dev stories not found at {STORIES}")
@needs_shared_models
def test_sparse_grouping_gives_the_dense_groups_on_dev_stories() -> None:
    """All shared stories in one run, with the shared embedder: the same stories as scoring every
    article pair, through numpy and faiss, at the default settings and at looser ones (more
    links, larger components). ``CHECKER_TEST_CACHE`` as above."""
    from checker.rules.claims import extract_all

    config = Config(
        embed_model=str(SHARED_EMBED), cache_path=os.environ.get("CHECKER_TEST_CACHE", "")
    )
    embedder = build_embedder(config)
    everything = load_articles(sorted(p for p in STORIES.iterdir() if p.is_dir()))
    claims, _ = extract_all(everything, config.min_words)
    # in the space the pipeline groups in: claims centred on their languages' means
    space = language_space(lambda texts: embedder.embed(texts, config.batch_size))
    vectors = centre(
        embedder.embed([c.text for c in claims], config.batch_size),
        [c.article.language for c in claims], space.means,
    )
    band = space.band
    defaults = {
        "min_z": config.story_z, "name_z": config.story_name_z,
        "min_names": config.story_min_names, "max_days": config.story_max_days,
        "fewer_names_z": config.story_fewer_names_z,
    }
    for settings in (defaults, {**defaults, "min_z": 2.5, "name_z": 1.0, "min_names": 1}):
        want = dense_group_stories(everything, claims, vectors, band, **settings)
        for faiss_min_claims in (10**9, 0):
            got = group_stories(
                everything, claims, vectors, band, **settings, faiss_min_claims=faiss_min_claims
            )
            assert got == want, settings


@pytest.mark.parametrize(
    ("text", "language", "keys"),
    [
        ("The Greens won 23 of the 60 seats and 412,000 votes.", "en",
         {"#count:23", "#count:412000"}),
        ("De opkomst was 64 procent.", "nl", {"#percent:64%"}),
        ("Зелёные получили 23 из 60 мест.", "ru", {"#count:23"}),
        ("Il danno è stimato in 3,2 milioni di euro.", "it", {"#money:3.2e+06EUR"}),
        # must not count: round figures, small ones, years, vague or bounded ones
        ("About 2,000 residents and 60 firefighters were there in 2019.", "en", set()),
        ("Mindestens 45 Menschen wurden verletzt, dazu 7 Polizisten.", "de", set()),
    ],
)
def test_figure_keys_are_an_articles_distinct_figures(
    text: str, language: str, keys: set[str]
) -> None:
    assert figure_keys(claim_facts(text, language, "2025-11-17").values) == keys


ELECTION_NL = [
    "De Groenen behaalden 23 van de 60 zetels.",
    "De opkomst was 61 procent.",
    "De Groenen kregen 412.000 stemmen.",
]
ELECTION_RU = [
    "Зелёные получили 23 из 60 мест.",
    "Явка составила 61 процент.",
    "За Зелёных проголосовали 412 000 избирателей.",
]
OTHER_RU = [
    "Зелёные получили 31 из 80 мест.",
    "Явка составила 57 процентов.",
    "За Зелёных проголосовали 388 000 избирателей.",
]


def test_the_same_figures_join_languages_where_names_fail() -> None:
    """A Dutch and a Russian account of one election share no name key ("Groenen",
    "Зелёные"), but the same distinct figures (23 seats, 61%, 412,000 votes): loosely related
    in content, they are one story. Another election's figures do not join them."""
    def figures_of(specs: list) -> dict[str, frozenset[str]]:
        return {
            article_id: figure_keys(
                v for t in texts for v in claim_facts(t, language, DAY).values
            )
            for article_id, language, _, _, texts in specs
        }

    nl = ("nl", "nl", DAY, [LOOSE_A] * 3, ELECTION_NL)
    for ru, joined in (
        (("ru", "ru", DAY, [LOOSE_B] * 3, ELECTION_RU), [["nl", "ru"]]),
        (("ru", "ru", DAY, [LOOSE_B] * 3, OTHER_RU), [["nl"], ["ru"]]),
    ):
        specs = [nl, ru]
        stories = group_stories(*setup(specs), BAND, **SETTINGS, figures=figures_of(specs))
        assert members(stories) == joined
        # without the figures, names alone do not join them
        assert members(group_stories(*setup(specs), BAND, **SETTINGS)) == [["nl"], ["ru"]]


# ---- the pipeline's grouping space, with the shared embedder ---------------------------------
# one landslide told in Polish, Dutch and English (no name shared), a council budget in
# English and a football match in Polish, the same day; written for this test
LANDSLIDE_PL = (
    "Osuwisko zablokowało w nocy z wtorku na środę linię kolejową w górskiej dolinie. "
    "Ziemia i kamienie zasypały tory na odcinku około dwustu metrów. "
    "Nikt nie został ranny, ponieważ ostatni pociąg przejechał godzinę wcześniej. "
    "Przewoźnik uruchomił autobusy zastępcze między dwiema stacjami. "
    "Według zarządcy linii usuwanie ziemi potrwa co najmniej dwa tygodnie."
)
LANDSLIDE_NL = (
    "Een aardverschuiving heeft in de nacht van dinsdag op woensdag "
    "het spoor in een bergdal versperd. "
    "Aarde en stenen bedolven de rails over een lengte van zo'n tweehonderd meter. "
    "Er raakte niemand gewond, want de laatste trein was een uur eerder gepasseerd. "
    "De vervoerder zet vervangende bussen in tussen de twee stations. "
    "Volgens de spoorbeheerder duurt het opruimen minstens twee weken."
)
LANDSLIDE_EN = (
    "A landslide blocked the railway line in a mountain valley "
    "overnight from Tuesday to Wednesday. "
    "Earth and rocks buried the tracks over roughly two hundred metres. "
    "Nobody was hurt because the last train had passed an hour earlier. "
    "The operator is running replacement buses between the two stations. "
    "The line's manager said clearing the earth will take at least two weeks."
)
BUDGET_EN = (
    "The city council approved next year's budget on Wednesday after a long debate. "
    "Spending on schools rises by four percent, while road repairs are cut. "
    "The opposition voted against, saying the plan raises local taxes. "
    "The mayor said the budget keeps the city's finances stable. "
    "The new rates take effect in January."
)
FOOTBALL_PL = (
    "Miejscowy klub piłkarski wygrał w środę wieczorem mecz pucharowy dwa do jednego. "
    "Zwycięskiego gola strzelił w ostatniej minucie młody obrońca. "
    "Na stadionie zasiadło około trzech tysięcy kibiców. "
    "Trener powiedział, że drużyna zasłużyła na awans. "
    "Kolejny mecz zespół rozegra w przyszłym tygodniu na wyjeździe."
)


@needs_shared_models
def test_stories_are_grouped_on_claims_centred_on_their_languages() -> None:
    """The run groups on claims centred on their languages' means, against the centred band
    (centring.language_space): three languages' accounts of one landslide sharing no name
    are one story, and neither the English budget nor the Polish football match joins it or
    each other, at the default thresholds."""
    config = Config(
        embed_model=str(SHARED_EMBED), nli_model=str(SHARED_NLI),
        cache_path=os.environ.get("CHECKER_TEST_CACHE", ""),
    )
    texts = {
        "pl": (LANDSLIDE_PL, "pl"), "nl": (LANDSLIDE_NL, "nl"), "en": (LANDSLIDE_EN, "en"),
        "budget": (BUDGET_EN, "en"), "football": (FOOTBALL_PL, "pl"),
    }
    report = check(
        [Article(id=i, text=t, language=lang, published="2025-04-02")
         for i, (t, lang) in texts.items()],
        config,
    )
    assert members(report.stories) == [["budget"], ["en", "nl", "pl"], ["football"]]
