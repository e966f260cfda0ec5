"""The team's own multilingual stories (tests/data/own_stories, fictional, written for this
project) checked end to end with the shared stand-in models: the disagreements planted in
languages the real dev stories lack (it, nl, pl, pt, cs, ru), and updates, negation and
doubt (the storm), must be found with few wrong flags, and no planted contradiction may be
called an agreement.

The thresholds here are floors of what the build reaches (42 of 53 facts in the first seven,
every flag right); a change that loses one shows. The storm's doubts are told in one-sentence
paragraphs, so they are placed by similarity alone, which the stand-in embedder cannot do:
"could neither confirm nor deny that a ferry sank" is not flagged against "a ferry sank", nor
"denied that a ferry sank" against injured dock workers. The fire and train stories (stop 20),
the dam story (stop 21), the quake story (stop 22) and the ferry story (stop 24) were each
written in one go and first measured before any change was made for them.
"""

from __future__ import annotations

import os
from pathlib import Path

from checker.config import Config
from checker.eval.storyeval import StoriesEvaluation, evaluate_stories, read_gold_items
from checker.pipeline import check
from checker.rules.articles import load_articles

from .conftest import SHARED_EMBED, SHARED_NLI, needs_shared_models

OWN = Path(__file__).parent / "data" / "own_stories"


def _evaluated(*stories: str) -> StoriesEvaluation:
    """The own stories checked end to end with the shared stand-ins, scored on the gold."""
    config = Config(
        embed_model=str(SHARED_EMBED),
        nli_model=str(SHARED_NLI),
        cache_path=os.environ.get("CHECKER_TEST_CACHE", ""),
    )
    result = check(load_articles([OWN / story for story in stories]), config)
    return evaluate_stories(
        read_gold_items(OWN / "gold.jsonl"), result.verdicts, result.articles, result.claims,
        result.findings,
    )


@needs_shared_models
def test_own_multilingual_stories() -> None:
    evaluation = _evaluated("bridge", "budget", "storm", "fire", "train", "dam", "quake")
    overall = evaluation.overall
    assert evaluation.cross_story_pairs == 0
    assert not evaluation.contradictions_called_agreement
    assert not evaluation.agreements_with_other_values
    report = evaluation.table(details=True)
    assert overall.flagged_contradictions == overall.right_contradictions, report
    assert overall.found_facts >= 42, report
    assert overall.flagged_agreements and overall.right_agreements == overall.judged_agreements


@needs_shared_models
def test_the_ferry_story_written_after_the_rules() -> None:
    """The ferry (stop 24), measured once before any change for it: every flag right, and the
    passengers (68 against 86) beside a value told alike never an agreement. Its known miss
    stays visible: "Janos" against "Jonas" / "Йонас" is read as one given name, so those two
    rows are the only contradictions called agreement."""
    evaluation = _evaluated("ferry")
    overall = evaluation.overall
    report = evaluation.table(details=True)
    assert overall.flagged_contradictions == overall.right_contradictions, report
    assert overall.found_facts >= 8, report
    called = {p.item.note for p in evaluation.contradictions_called_agreement}
    assert called <= {"Captain's given name: Janos (Gazzetta) vs Jonas"}, called


@needs_shared_models
def test_the_court_story_written_after_the_ferry() -> None:
    """The court (stop 24), measured once before any change for it: every flag right (the
    Czech "Marta Ruizová" is the judge "Marta Ruiz") and no contradiction called agreement (a
    day told alike beside eight years against six, €3.2 million against €2.3 million)."""
    evaluation = _evaluated("court")
    overall = evaluation.overall
    report = evaluation.table(details=True)
    assert overall.flagged_contradictions == overall.right_contradictions, report
    assert not evaluation.contradictions_called_agreement, report
    assert overall.found_facts >= 8, report


@needs_shared_models
def test_the_election_story_written_after_the_court() -> None:
    """The election (stop 24), measured once before any change for it: every flag right, no
    contradiction called agreement, and its short Dutch and Russian accounts in the story (by
    the figures they share with the others, where their names share no key)."""
    evaluation = _evaluated("election")
    overall = evaluation.overall
    report = evaluation.table(details=True)
    assert overall.flagged_contradictions == overall.right_contradictions, report
    assert not evaluation.contradictions_called_agreement, report
    assert overall.found_facts >= 5 and overall.paired_items >= 27, report


@needs_shared_models
def test_the_plant_story_written_after_the_election() -> None:
    """The plant (stop 24): short claims in six languages, found little (its claims sit near
    2σ of similarity and their value frames rarely match across languages with the stand-in),
    but what is flagged is right and nothing it plants as a conflict is called agreement."""
    evaluation = _evaluated("plant")
    overall = evaluation.overall
    report = evaluation.table(details=True)
    assert overall.flagged_contradictions == overall.right_contradictions, report
    assert not evaluation.contradictions_called_agreement, report
    assert overall.found_facts >= 3, report


@needs_shared_models
def test_the_news_like_stories() -> None:
    """Mine, stadium, treaty, governor and landing (stop 25): longer articles written blind by
    helpers to read like real news (sentences packing several facts, quotes, background,
    updates, numbers that look alike but are not one figure). First measured at 19 of 60
    facts and 48 flags of which 28 right (0.58); the floors follow what the build now reaches
    (27 facts, 0.87). Known agreements on a gold contradiction: "almeno 11" against a toll
    risen to 13 (the intervals overlap), and three in the landing and governor stories."""
    evaluation = _evaluated("mine", "stadium", "treaty", "governor", "landing")
    overall = evaluation.overall
    report = evaluation.table(details=True)
    assert evaluation.cross_story_pairs == 0, report
    assert overall.right_contradictions >= 0.85 * overall.flagged_contradictions, report
    assert overall.found_facts >= 27, report
    assert len(evaluation.contradictions_called_agreement) <= 4, report


@needs_shared_models
def test_the_political_stories() -> None:
    """Cabinet, summit, standoff and dismissal (stop 25): politics-heavy, written blind by
    helpers, full of numbers that look alike but are not one figure. First measured at 14 of
    48 facts and 39 flags of which 18 right (0.46); the floors follow what the build reaches
    (17 facts, 21 flags right, 0.68). The standoff and dismissal were measured blind only."""
    evaluation = _evaluated("cabinet", "summit", "standoff", "dismissal")
    overall = evaluation.overall
    report = evaluation.table(details=True)
    assert evaluation.cross_story_pairs == 0, report
    assert overall.right_contradictions >= 21, report
    assert overall.right_contradictions >= 0.65 * overall.flagged_contradictions, report
    assert overall.found_facts >= 17, report
