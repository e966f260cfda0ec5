"""One person's age told twice: paired by the person, compared whatever else the claims say.

A person's age is said in passing ("Lissner, 58, and Tarnavsky, 63, first met in 2019"), in
sentences about other things, so two articles' ages of one person are rarely each other's
neighbours; and it cannot differ between two accounts of one story. Every sentence here was
written for these tests.
"""

from __future__ import annotations

import numpy as np
import pytest

from checker.config import Config
from checker.pipeline import claim_facts_for, pairs_by_ages
from checker.records import Article, Baseline, Channel, Claim, Pair
from checker.rules.evidence import ClaimFacts, one_persons_age, pair_evidence
from checker.rules.pairing import Floor
from checker.rules.stories import Story

# each article: (language, a sentence naming the person in full, the sentence with the age);
# the pipeline knows a lone last name as a person's from the full name in the same article
ARTICLES = [
    ("en", "President Karel Tarnavsky arrived on Monday.",
     "Lissner, 58, and Tarnavsky, 63, first met in 2019 in Brenholm."),
    ("de", "Präsident Karel Tarnavsky kam am Montag an.",
     "Der 67-jährige Tarnavsky stößt zu Hause auf Widerstand."),
    ("ru", "Президент Карел Тарнавский прибыл в понедельник.",
     "67-летний Тарнавский сталкивается с критикой дома."),
    ("it", "La ministra Marta Kowalczyk si è dimessa.",
     "La ministra Marta Kowalczyk, di 54 anni, ha lasciato l'incarico."),
    ("pl", "Minister Marta Kowalczyk podała się do dymisji.",
     "Marta Kowalczyk, 52, została szefową urzędu w 2015 roku."),
    # a relative's age is no one's named
    ("de", "Ministerin Marta Kowalczyk trat zurück.",
     "Kowalczyk und ihr 30-jähriger Sohn wurden befragt."),
    # no name beside the age: one office one person holds bears it
    ("es", "El tren descarriló el lunes.", "El conductor, de 45 años, resultó herido."),
    ("de", "Der Zug entgleiste am Montag.", "Der 54-jährige Lokführer wurde verletzt."),
]


def _story() -> tuple[list[Claim], Story, dict[str, ClaimFacts]]:
    articles = [
        Article(id=f"n{i}", text=f"{first} {aged}", language=lang)
        for i, (lang, first, aged) in enumerate(ARTICLES)
    ]
    claims = []
    for article, (_, first, aged) in zip(articles, ARTICLES, strict=True):
        for k, (start, text) in enumerate(((0, first), (len(first) + 1, aged))):
            claims.append(Claim(id=f"{article.id}#{k}", article_id=article.id, text=text,
                                start=start, end=start + len(text), article=article))
    facts = claim_facts_for(claims, Config())
    return claims, Story("s", tuple(a.id for a in articles)), facts


def test_claims_stating_one_persons_age_are_paired_however_unlike() -> None:
    claims, story, facts = _story()
    vectors = np.eye(len(claims), dtype=np.float32)  # nothing alike by similarity
    floors = {"s": Floor(0.9, Baseline(0.0, 0.1))}
    pairs = pairs_by_ages([story], claims, vectors, [], floors, facts, Config())
    assert sorted((p.a.id, p.b.id) for p in pairs) == [
        ("n0#1", "n1#1"), ("n0#1", "n2#1"), ("n1#1", "n2#1"),  # Tarnavsky: en, de, ru
        ("n3#1", "n4#1"),  # Marta Kowalczyk: it, pl (not her son's age)
        ("n6#1", "n7#1"),  # the train driver: es, de
    ]
    assert all(p.found_by == (Channel.AGE,) for p in pairs)
    # a pair already found is not found twice
    assert pairs_by_ages([story], claims, vectors, pairs, floors, facts, Config()) == []


NAMED = "Karel Tarnavsky met Piotr Lissner."


def _facts(*texts: tuple[str, str], published: str = "") -> list[ClaimFacts]:
    """Facts of claims of one article each, the person named in full in each article."""
    articles = [
        Article(id=f"n{i}", text=f"{NAMED} {t}", language=lang, published=published)
        for i, (lang, t) in enumerate(texts)
    ]
    claims = [
        Claim(id=f"{a.id}#1", article_id=a.id, text=t, start=len(NAMED) + 1, end=len(a.text),
              article=a)
        for a, (_, t) in zip(articles, texts, strict=True)
    ]
    # the full name is read from a claim of the same article
    named = [
        Claim(id=f"{a.id}#0", article_id=a.id, text=NAMED, start=0, end=len(NAMED), article=a)
        for a in articles
    ]
    facts = claim_facts_for([*named, *claims], Config())
    return [facts[c.id] for c in claims]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (("en", "Lissner, 58, and Tarnavsky, 63, first met in 2019."),
         ("de", "Der 67-jährige Tarnavsky stößt auf Widerstand."), True),
        (("ru", "67-летний Тарнавский сталкивается с критикой."),
         ("nl", "De 63-jarige Tarnavsky stuit op verzet."), True),
        # different people's ages never meet
        (("en", "Lissner, 58, and Tarnavsky, 63, first met in 2019."),
         ("fr", "Piotr Lissner, 61 ans, a parlé le premier."), False),
        # a relative's age, whoever is named
        (("de", "Tarnavsky und sein 30-jähriger Sohn wurden befragt."),
         ("pt", "Tarnavsky, de 63 anos, foi interrogado."), False),
    ],
)
def test_whose_age(a: tuple[str, str], b: tuple[str, str], expected: bool) -> None:
    fa, fb = _facts(a, b)
    x = next(v for v in fa.values if v.kind == "age" and v.low in (30, 63, 67))
    y = next(v for v in fb.values if v.kind == "age")
    assert one_persons_age(x, y, fa, fb) is expected


def _evidence(
    a: tuple[str, str], b: tuple[str, str], published: str = ""
) -> tuple[list[str], tuple[str, ...], float]:
    fa, fb = _facts(a, b, published=published)
    article = Article(id="x", text="x", language="en")
    claim = Claim(id="x#0", article_id="x", text="x", start=0, end=1, article=article)
    found = pair_evidence(
        Pair(claim, claim, 0.5, found_by=(Channel.AGE,), z=0.3), fa, fb, lambda x, y: 0.0,
        2.5, min_frame_z=3.0, name_z=3.0, max_ratio=5.0, date_z=4.0,
    )
    return [c.text for c in found.conflicts], found.reasons, found.same_event


def test_one_persons_age_now_clashes_whatever_year_else_the_claim_tells() -> None:
    """"Tarnavsky, 63," in a clause of its own is his age now, though the sentence tells of
    2019; told twice, the person named on both sides vouches for one thing like a toll."""
    conflicts, reasons, score = _evidence(
        ("en", "Lissner, 58, and Tarnavsky, 63, first met in 2019 in Brenholm."),
        ("de", "Der 67-jährige Tarnavsky stößt zu Hause auf Widerstand."),
    )
    assert conflicts == ["age 63 vs age 67"]
    assert "one person's age stated on both sides" in reasons
    assert score >= Config().same_event_min


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # an age in a clause with a date may be the age then
        (("de", "Im Jahr 2010 wurde der 45-jährige Tarnavsky Minister."),
         ("it", "Il 67enne Tarnavsky incontra resistenze in patria.")),
        # different people
        (("en", "Lissner, 58, and Tarnavsky, 63, first met in 2019."),
         ("es", "Anna Moretti, de 61 años, habló primero.")),
    ],
)
def test_ages_that_must_not_clash(a: tuple[str, str], b: tuple[str, str]) -> None:
    conflicts, reasons, _ = _evidence(a, b)
    assert conflicts == []
    assert "one person's age stated on both sides" not in reasons


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("cs", "Karel Tarnavsky (63) byl v pondělí odvolán."),
         ("ru", "67-летний Тарнавский руководил ведомством 11 лет.")),
        (("en", "Tarnavsky, 63, was dismissed on Tuesday."),
         ("nl", "De 67-jarige Tarnavsky leidde het bureau elf jaar.")),
        (("de", "Der 63-jährige Tarnavsky wurde am 2. März entlassen."),
         ("es", "Tarnavsky, de 67 años, dirigía la oficina desde 2015.")),
        (("it", "Il 63enne Tarnavsky è stato rimosso nel 2026."),
         ("pl", "67-letni Tarnavsky kierował urzędem od 11 lat.")),
    ],
)
def test_a_date_near_the_telling_leaves_the_age_now(a: tuple[str, str], b: tuple[str, str]) -> None:
    """A weekday, a day or month within a year of the telling, or the year of the telling
    beside an age dates the news, not a past the age belonged to: the age then is the age
    now, and two of one person clash."""
    conflicts, reasons, score = _evidence(a, b, published="2026-03-04")
    assert conflicts and "age" in conflicts[0], conflicts
    assert "one person's age stated on both sides" in reasons
    assert score >= Config().same_event_min


@pytest.mark.parametrize(
    ("a", "published"),
    [
        # a year long past: the age then
        (("it", "Nel 2015 il 63enne Tarnavsky divenne ministro."), "2026-03-04"),
        # a month more than a year before the telling
        (("de", "Der 63-jährige Tarnavsky wurde im März 2024 Minister."), "2026-03-04"),
        # the year before the telling: the age then may be one less
        (("en", "The 63-year-old Tarnavsky became minister in 2025."), "2026-03-04"),
        # no publication date: a dated month cannot be placed
        (("en", "The 63-year-old Tarnavsky became minister in March 2026."), ""),
    ],
)
def test_a_date_far_from_the_telling_keeps_the_age_then(
    a: tuple[str, str], published: str
) -> None:
    _, reasons, _ = _evidence(a, ("pl", "67-letni Tarnavsky nie skomentował sprawy."),
                              published=published)
    assert "one person's age stated on both sides" not in reasons


def test_ages_far_apart_do_not_vouch_for_one_person() -> None:
    """63 against 31: as often a father and a son of one name; the age may still differ, but
    it adds nothing to the same-event score."""
    _, reasons, score = _evidence(
        ("en", "Lissner, 58, and Tarnavsky, 63, first met in 2019."),
        ("pl", "31-letni Tarnavsky nie skomentował sprawy."),
    )
    assert "one person's age stated on both sides" not in reasons
    assert score < Config().same_event_min
