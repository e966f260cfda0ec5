"""Parallel figures: claims lined up by the figures they share, whatever their languages.

Every sentence here was written for these tests.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from checker.config import Config
from checker.pipeline import claim_facts_for
from checker.records import Article, Baseline, Channel, Claim, ConflictKind, Pair
from checker.rules.evidence import PARALLEL_WEIGHT, ClaimFacts, claim_facts, pair_evidence
from checker.rules.figures import (
    another_year,
    pairs_by_denials,
    pairs_by_figures,
    pairs_by_tolls,
    parallel_figures,
)
from checker.rules.pairing import Floor
from checker.rules.stories import Story

FIRE = [
    # (a, language, b, language, what differs)
    ("Der Sturm tötete 12 Menschen und verletzte 85 weitere.", "de",
     "The storm killed 14 people and injured 85 others.", "en", ("12", "14")),
    ("La explosión dejó 27 muertos y 140 heridos.", "es",
     "L'explosion a fait 29 morts et 140 blessés.", "fr", ("27", "29")),
    ("L'esplosione ha causato 140 feriti e 27 morti.", "it",
     "De explosie maakte 140 gewonden en 31 doden.", "nl", ("27", "31")),
    ("Izba przyjęła ustawę stosunkiem 312 do 96 głosów.", "pl",
     "The chamber passed the bill 312-97.", "en", ("312", "312")),
    ("Взрыв унёс жизни 27 человек, 140 получили ранения.", "ru",
     "Výbuch zabil 25 lidí a 140 zranil.", "cs", ("27", "25")),
]


@pytest.mark.parametrize(("a", "la", "b", "lb", "differs"), FIRE)
def test_the_figure_beside_a_shared_one_is_compared_across_languages(
    a: str, la: str, b: str, lb: str, differs: tuple[str, str]
) -> None:
    found = parallel_figures(claim_facts(a, la), claim_facts(b, lb), max_ratio=5.0)
    assert found is not None
    x, y = found.differs
    assert differs[0] in x.text and differs[1] in y.text


NO_FIRE = [
    # the same order is needed: 3 is not lined up with 5
    ("Drei Menschen starben, 12 wurden verletzt.", "de",
     "12 people were injured and 5 died.", "en"),
    # nothing shared but one-digit figures: too common to line two sentences up
    ("Die Polizei nahm 3 Männer und 2 Frauen fest.", "de",
     "La police a arrêté 3 hommes et 4 femmes.", "fr"),
    # one figure shared, nothing differing: a coincidence as often as not
    ("Der Senat stimmte mit 97 Stimmen zu.", "de",
     "The blast injured 97 people.", "en"),
    # two differing figures beside the shared one: which is which is not known
    ("Il bilancio: 12 morti, 140 feriti, 9 dispersi.", "it",
     "The toll: 14 dead, 140 injured, 7 missing.", "en"),
    # an interval that holds the other figure is no conflict
    ("Mindestens 50 Menschen starben, 53 wurden verletzt.", "de",
     "52 people died and 53 were injured.", "en"),
    # figures far apart are two different figures, not one told twice
    ("The fund lost 12 percent in 2015 and 40 percent since.", "en",
     "Het fonds verloor 90 procent en daarna 40 procent.", "nl"),
]


@pytest.mark.parametrize(("a", "la", "b", "lb"), NO_FIRE)
def test_no_parallel_where_the_figures_do_not_line_up(a: str, la: str, b: str, lb: str) -> None:
    assert parallel_figures(claim_facts(a, la), claim_facts(b, lb), max_ratio=5.0) is None


SAME = [
    ("La explosión dejó 27 muertos y 140 heridos.", "es",
     "The blast left 27 dead and 140 injured.", "en", "27 muertos"),
    ("Pelosi gewann mit 134 zu 63 Stimmen.", "de",
     "Pelosi a gagné par 134 contre 63.", "fr", "134–63"),
    ("Законопроект приняли: 312 голосов против 96.", "ru",
     "Il disegno di legge è passato con 312 voti a favore e 96 contrari.", "it", "312"),
]


@pytest.mark.parametrize(("a", "la", "b", "lb", "value"), SAME)
def test_two_figures_the_same_in_order_are_one_result_told_twice(
    a: str, la: str, b: str, lb: str, value: str
) -> None:
    found = parallel_figures(claim_facts(a, la), claim_facts(b, lb), max_ratio=5.0)
    assert found is not None and found.differs is None
    assert found.describe().startswith("same figures: ")
    evidence = _evidence(_pair(1.0), a, la, b, lb)
    assert evidence.conflicts == () and any(value in v for v in evidence.same_values)


def _pair(z: float) -> Pair:
    a = Claim(id="a#0", article_id="a", text="", start=0, end=0, article=Article(id="a", text=""))
    b = Claim(id="b#0", article_id="b", text="", start=0, end=0, article=Article(id="b", text=""))
    return Pair(a, b, 0.8, (Channel.PARALLEL,), z=z)


def _evidence(pair: Pair, a: str, la: str, b: str, lb: str):
    # frames never match here (as across languages with a weak embedder): only the figures do
    return pair_evidence(
        pair, claim_facts(a, la), claim_facts(b, lb), lambda x, y: 0.0, 2.5,
        min_frame_z=3.0, max_ratio=5.0,
    )


def test_parallel_figures_make_a_number_conflict_and_count_as_same_event_evidence() -> None:
    a, b = FIRE[0][0], FIRE[0][2]
    close = _evidence(_pair(1.0), a, "de", b, "en")
    assert [c.kind for c in close.conflicts] == [ConflictKind.NUMBER]
    assert any(r.startswith("same figures but one: 85") for r in close.reasons)
    without = _evidence(_pair(1.0), "Der Sturm tötete Menschen.", "de", b, "en")
    # the lined-up figures weigh PARALLEL_WEIGHT (and the 85 injured, matched as the same
    # thing, is one more shared value)
    assert close.same_event >= without.same_event + PARALLEL_WEIGHT - 1e-9


def test_parallel_figures_are_no_conflict_between_different_people() -> None:
    # two people's figures: lined up, but the named subjects differ, so no conflict is read
    a = "Maria Keller erhielt 312 Stimmen, ihr Gegner 96."
    b = "Jonas Brandt received 312 votes, his rival 97."
    evidence = _evidence(_pair(3.0), a, "de", b, "en")
    assert evidence.conflicts == ()


def test_claims_with_parallel_figures_are_paired_however_unlike_their_words() -> None:
    texts = [
        ("de", "Der Sturm tötete 12 Menschen und verletzte 85 weitere."),
        ("en", "The storm killed 14 people and injured 85 others."),
        ("en", "Officials counted 85 damaged homes and 3 closed roads."),  # shares 85 only
    ]
    articles = [Article(id=f"n{i}", text=t, language=lang) for i, (lang, t) in enumerate(texts)]
    claims = [
        Claim(id=f"n{i}#0", article_id=a.id, text=a.text, start=0, end=len(a.text), article=a)
        for i, a in enumerate(articles)
    ]
    config = Config()
    facts = claim_facts_for(claims, config)
    vectors = np.eye(3, dtype=np.float32)  # nothing alike by similarity
    floors = {"s": Floor(0.9, Baseline(0.0, 0.1))}
    story = Story("s", tuple(a.id for a in articles))
    pairs = pairs_by_figures([story], claims, vectors, [], floors, facts, config)
    assert [(p.a.id, p.b.id, p.found_by) for p in pairs] == [
        ("n0#0", "n1#0", (Channel.PARALLEL,))
    ]
    # a pair already found is not found twice
    assert pairs_by_figures([story], claims, vectors, pairs, floors, facts, config) == []



def _story_of(texts: list[tuple[str, str]]) -> tuple[list[Claim], Story]:
    """One claim per article, one article per (language, text)."""
    articles = [Article(id=f"n{i}", text=t, language=lang) for i, (lang, t) in enumerate(texts)]
    claims = [
        Claim(id=f"n{i}#0", article_id=a.id, text=a.text, start=0, end=len(a.text), article=a)
        for i, a in enumerate(articles)
    ]
    return claims, Story("s", tuple(a.id for a in articles))


def test_claims_counting_one_toll_are_paired_however_unlike_their_words() -> None:
    """Six injured in English, five in Dutch, four in Polish: one toll told three ways, paired
    whatever the similarity. Not a kind of people (two officers hurt are a part of the toll),
    not a toll far apart (200 injured is another event's), not another thing (the dead)."""
    claims, story = _story_of([
        ("en", "Six people, including two congressmen, were injured in the attack."),
        ("nl", "Bij de schietpartij zijn vijf gewonden gevallen."),
        ("pl", "W strzelaninie zostały ranne cztery osoby."),
        ("pt", "Dois agentes da polícia também ficaram feridos."),
        ("en", "The 2011 riots left 200 people injured."),
        ("it", "Sei persone sono morte nell'attacco."),
    ])
    config = Config()
    facts = claim_facts_for(claims, config)
    vectors = np.eye(6, dtype=np.float32)  # nothing alike by similarity
    floors = {"s": Floor(0.9, Baseline(0.0, 0.1))}
    pairs = pairs_by_tolls([story], claims, vectors, [], floors, facts, config)
    assert sorted((p.a.id, p.b.id) for p in pairs) == [
        ("n0#0", "n1#0"), ("n0#0", "n2#0"), ("n1#0", "n2#0")
    ]
    assert all(p.found_by == (Channel.TOLL,) for p in pairs)
    # a pair already found is not found twice; a one-claim-per-claim cap holds
    assert pairs_by_tolls([story], claims, vectors, pairs, floors, facts, config) == []
    capped = pairs_by_tolls([story], claims, vectors, [], floors, facts, Config(top_k=1))
    per_claim = Counter(c.id for p in capped for c in (p.a, p.b))
    assert capped and max(per_claim.values()) <= 1


def test_a_count_of_none_is_paired_with_the_thing_told_elsewhere() -> None:
    """"No one has been arrested" meets an arrest told in another article, in any language,
    and a count of the injured meets "nobody was hurt": never compared by similarity, the
    short denial is paired by what it denies. Not another thing (an arrest against "nobody was
    hurt"), not a claim of the same article."""
    claims, story = _story_of([
        ("en", "No one has been arrested."),
        ("pl", "Policja zatrzymała kierownika zmiany."),
        ("de", "Niemand wurde verletzt."),
        ("it", "Tre operai sono rimasti feriti."),
        ("ru", "Никто не был арестован."),
    ])
    config = Config()
    facts = claim_facts_for(claims, config)
    floors = {"s": Floor(0.9, Baseline(0.0, 0.1))}
    pairs = pairs_by_denials([story], claims, np.eye(5, dtype=np.float32), [], floors, facts,
                             config)
    assert sorted((p.a.id, p.b.id) for p in pairs) == [
        ("n0#0", "n1#0"), ("n1#0", "n4#0"), ("n2#0", "n3#0")
    ]
    assert all(p.found_by == (Channel.NONE_AND_SOME,) for p in pairs)
    # a pair already found is not found twice
    assert pairs_by_denials([story], claims, np.eye(5, dtype=np.float32), pairs, floors, facts,
                            config) == []


def test_amounts_of_one_thing_are_paired_like_tolls() -> None:
    """The damage in English and in Spanish, in one range: one estimate told twice. Not a
    budget (another thing), not damage a hundred times larger."""
    claims, story = _story_of([
        ("en", "The storm caused $2.1 billion in damage."),
        ("es", "La tormenta causó daños por 2.200 millones de dólares."),
        ("en", "The city approved a budget of $2.2 billion."),
        ("de", "Der Sturm richtete Schäden von 300 Milliarden Dollar an."),
    ])
    config = Config()
    facts = claim_facts_for(claims, config)
    floors = {"s": Floor(0.9, Baseline(0.0, 0.1))}
    pairs = pairs_by_tolls([story], claims, np.eye(4, dtype=np.float32), [], floors, facts, config)
    assert [(p.a.id, p.b.id) for p in pairs] == [("n0#0", "n1#0")]


def test_one_articles_tolls_are_not_paired_with_each_other() -> None:
    claims, story = _story_of([("en", "Six people were injured."), ("de", "Der Rat tagte.")])
    same = Claim(id="n0#1", article_id="n0", text="Five people were injured.", start=30,
                 end=55, article=claims[0].article)
    claims = [claims[0], same, claims[1]]
    config = Config()
    facts = claim_facts_for(claims, config)
    floors = {"s": Floor(0.9, Baseline(0.0, 0.1))}
    vectors = np.eye(3, dtype=np.float32)
    assert pairs_by_tolls([story], claims, vectors, [], floors, facts, config) == []


def test_a_tally_lines_up_only_with_a_tally() -> None:
    tally = claim_facts("The House voted 348-77 to override the veto.", "en")
    other = claim_facts("Der Senat stimmte mit 348 zu 78 Stimmen.", "de")
    found = parallel_figures(tally, other, max_ratio=5.0)
    assert found is not None and found.differs is not None
    # the count beside 97 is not the vote against: abstentions are another count
    counts = claim_facts("Au Sénat, 97 voix pour et 2 abstentions.", "fr")
    assert parallel_figures(claim_facts("The final tally was 97-1.", "en"), counts) is None


def test_parallel_pairs_are_capped_per_claim_at_top_k() -> None:
    """Eight outlets, each a different toll beside the same 85 injured: every two line up,
    but no claim gets more than top_k such partners (a story of near-identical figures must
    not send every pair to NLI)."""
    articles = [Article(id=f"n{i}", text="x", language="en") for i in range(8)]
    claims = [
        Claim(
            id=f"n{i}#0",
            article_id=a.id,
            text=f"The storm killed {12 + i} people and injured 85 others.",
            start=0,
            end=1,
            article=a,
        )
        for i, a in enumerate(articles)
    ]
    config = Config(top_k=2)
    facts = claim_facts_for(claims, config)
    vectors = np.eye(8, dtype=np.float32)
    floors = {"s": Floor(0.9, Baseline(0.0, 0.1))}
    story = Story("s", tuple(a.id for a in articles))
    pairs = pairs_by_figures([story], claims, vectors, [], floors, facts, config)
    per_claim = Counter(c.id for p in pairs for c in (p.a, p.b))
    assert pairs and max(per_claim.values()) <= 2
    assert len({(p.a.id, p.b.id) for p in pairs}) == len(pairs)


DATED = [
    ("El Senado votó el martes 97 a 1.", "es", "Il Senato ha votato mercoledì 97 a 1.", "it"),
    ("De Senaat stemde dinsdag met 97 tegen 1.", "nl", "Senat głosował w środę 97 do 1.", "pl"),
    (
        "Сенат проголосовал во вторник: 97 против 1.", "ru",
        "Senát hlasoval ve středu 97 ku 1.", "cs",
    ),
    (
        "The House voted 348-77 on Wednesday to override the veto.", "en",
        "Das Repräsentantenhaus stimmte am Donnerstag mit 348 zu 77 Stimmen.", "de",
    ),
    # a year naming the thing ("the 2025 budget") beside the day: the days still meet
    (
        "The council approved the 2025 budget on Thursday by 31 votes to 12.", "en",
        "Il consiglio ha approvato venerdì il bilancio 2025 con 31 voti a favore e 12 contrari.",
        "it",
    ),
]


@pytest.mark.parametrize(("a", "la", "b", "lb"), DATED)
def test_one_result_told_twice_dated_to_different_days_is_a_date_conflict(
    a: str, la: str, b: str, lb: str
) -> None:
    evidence = _evidence(_pair(1.0), a, la, b, lb)
    assert [c.kind for c in evidence.conflicts] == [ConflictKind.DATE]


DATED_NO_FIRE = [
    # the same day
    ("El Senado votó el martes 97 a 1.", "es", "De Senaat stemde dinsdag met 97 tegen 1.", "nl"),
    # two dates on one side: which one dates the vote is not known
    (
        "On Monday the bill was filed; the Senate voted 97-1 on Wednesday.", "en",
        "Der Senat stimmte am Dienstag mit 97 zu 1.", "de",
    ),
    # a month is not a day: not the same statement of when
    ("The Senate voted 97-1 in September.", "en", "Le Sénat a voté mardi 97 contre 1.", "fr"),
    # one figure the same is no result told twice
    (
        "The Senate confirmed 97 judges on Tuesday.", "en",
        "Il Senato ha approvato 97 leggi mercoledì.", "it",
    ),
    # two different people's results
    (
        "Maria Keller won 134 to 63 on Tuesday.", "en",
        "Jonas Brandt gewann am Mittwoch mit 134 zu 63.", "de",
    ),
]


@pytest.mark.parametrize(("a", "la", "b", "lb"), DATED_NO_FIRE)
def test_no_date_conflict_where_figures_do_not_date_one_result(
    a: str, la: str, b: str, lb: str
) -> None:
    evidence = _evidence(_pair(1.0), a, la, b, lb)
    assert ConflictKind.DATE not in [c.kind for c in evidence.conflicts]


def test_a_count_of_none_is_no_figure_to_line_up() -> None:
    # must not fire: "nobody" beside the shared 12 is a negation, not a figure of 0
    a = claim_facts("Keiner der 12 Angeklagten ist Amerikaner, 40 Zeugen sagten aus.", "de")
    b = claim_facts("None of the 12 accused is American; 40 witnesses testified.", "en")
    found = parallel_figures(a, b, max_ratio=5.0)
    assert found is not None and found.differs is None
    c = claim_facts("No one on the campaign was charged, the 12 officers were.", "en")
    d = claim_facts("Gegen 18 Mitglieder und die 12 Offiziere wurde ermittelt.", "de")
    assert parallel_figures(c, d, max_ratio=5.0) is None


# ---- one calendar day told with two years -----------------------------------------------------


def _dated(text: str, language: str) -> ClaimFacts:
    return claim_facts(text, language, "2016-06-13")


@pytest.mark.parametrize(
    ("a", "la", "b", "lb"),
    [
        ("Es el peor ataque desde el 11 de septiembre de 2011.", "es",
         "Es ist der schlimmste Anschlag seit dem 11. September 2001.", "de"),
        ("The worst attack since Sept. 11, 2001, officials said.", "en",
         "Le pire attentat depuis le 11 septembre 2011, selon les autorités.", "fr"),
        ("Il ponte crollò il 14 agosto 2018.", "it",
         "De brug stortte in op 14 augustus 2017.", "nl"),
    ],
)
def test_one_calendar_day_with_two_years_is_a_date_conflict(
    a: str, la: str, b: str, lb: str
) -> None:
    x, y = _dated(a, la), _dated(b, lb)
    found = another_year(x, y)
    assert found is not None and found[0].kind == "date"
    ev = pair_evidence(_pair(1.0), x, y, lambda p, q: 0.0, 2.5, max_ratio=5.0)
    assert [c.kind for c in ev.conflicts] == ["date"]
    assert any("same day and month" in r for r in ev.reasons)


@pytest.mark.parametrize(
    ("a", "la", "b", "lb"),
    [
        # both years told on one side: the event and its anniversary
        ("On 11 September 2011, ten years after 11 September 2001, a memorial opened.", "en",
         "Seit dem 11. September 2001 ist alles anders.", "de"),
        # an anniversary of this year against the event
        ("The memorial was opened on 11 September 2016.", "en",
         "The attacks of 11 September 2001 killed nearly 3,000 people.", "en"),
        # another day, or a month, or no year
        ("Es el peor ataque desde el 12 de septiembre de 2011.", "es",
         "Es ist der schlimmste Anschlag seit dem 11. September 2001.", "de"),
        ("Les travaux ont commencé en septembre 2011.", "fr",
         "Die Arbeiten begannen im September 2001.", "de"),
        ("The bridge reopened on 14 August.", "en",
         "De brug ging op 14 augustus 2017 weer open.", "nl"),
        # the same day and year
        ("Il ponte crollò il 14 agosto 2018.", "it",
         "The bridge collapsed on 14 August 2018.", "en"),
    ],
)
def test_must_not_fire_another_year(a: str, la: str, b: str, lb: str) -> None:
    x, y = _dated(a, la), _dated(b, lb)
    ev = pair_evidence(_pair(1.0), x, y, lambda p, q: 0.0, 2.5, max_ratio=5.0)
    assert not any("same day and month" in r for r in ev.reasons)
    assert "date" not in [c.kind for c in ev.conflicts]


@pytest.mark.parametrize(
    ("a", "la", "b", "lb", "differs"),
    [
        # beside one shared figure: near, or the digits swapped
        ("La multa fue de 2,4 millones, con 140 trabajadores afectados.", "es",
         "The fine was 4.2 million, with 140 workers affected.", "en", True),
        ("Sono morte 27 persone e 140 sono rimaste ferite.", "it",
         "Zginęło 31 osób, a 140 zostało rannych.", "pl", True),
        # two parties' seats beside one chamber size: two figures, not one told twice
        ("His party, which holds 52 of the 151 seats, will table a motion.", "en",
         "La coalition dispose de 79 des 151 sièges.", "fr", False),
        # two shares of one poll beside one shared share
        ("Podle průzkumu je s vládou spokojeno 38 procent, 31 procent neví.", "cs",
         "The poll put disapproval at 58 per cent, with 31 per cent undecided.", "en", False),
    ],
)
def test_beside_one_shared_figure_only_a_near_figure_differs(
    a: str, la: str, b: str, lb: str, differs: bool
) -> None:
    found = parallel_figures(claim_facts(a, la), claim_facts(b, lb), 5.0, near=1.4)
    assert (found is not None and found.differs is not None) is differs, found
