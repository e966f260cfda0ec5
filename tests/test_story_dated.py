"""Undated articles take their story's publication year for the another-time guard.

Sentences written for these tests."""

from __future__ import annotations

import datetime

from checker.config import Config
from checker.pipeline import claim_facts_for, story_dated
from checker.records import Article, Claim, Pair
from checker.rules.evidence import pair_evidence
from checker.rules.stories import Story


def _claim(article: Article, text: str) -> Claim:
    return Claim(f"{article.id}#0", article.id, text, 0, len(text), article=article)


DATED = Article(id="a", text="x", language="en", published="2016-11-30")
UNDATED = Article(id="b", text="y", language="en")
LATER = Article(id="c", text="z", language="en", published="2016-12-04")


def test_an_undated_article_takes_its_storys_median_day_for_the_year_only() -> None:
    now = _claim(DATED, "More than 60 Democrats voted against her on Wednesday.")
    then = _claim(UNDATED, "In 2010, she lost just 43 votes, a day after the vote yesterday.")
    other = _claim(LATER, "Her rival won 63 votes.")
    claims = [now, then, other]
    facts = claim_facts_for(claims, Config())
    dated = story_dated([Story("s", ("a", "b", "c"))], claims, facts)
    assert facts[then.id].published is None
    assert dated[then.id].published == datetime.date(2016, 11, 30)  # median of 30 Nov, 4 Dec
    # relative days are not anchored on the estimate: "yesterday" stays unread
    assert dated[then.id].values == facts[then.id].values
    assert dated[now.id] == facts[now.id]  # a dated article keeps its own
    # the figure told of 2010 is no longer compared with the story's own figure
    pair = Pair(now, then, 0.9, z=3.0)

    def evidence(f: dict) -> tuple:
        found = pair_evidence(
            pair, f[now.id], f[then.id], lambda x, y: 10.0, 2.5, min_frame_z=3.0, max_ratio=5.0
        )
        return tuple(c.kind for c in found.conflicts)

    assert evidence(facts) == ("number",)
    assert evidence(dated) == ()


def test_a_story_without_any_dated_article_is_left_as_it_is() -> None:
    then = _claim(UNDATED, "In 2010, she lost just 43 votes.")
    alone = Article(id="d", text="w", language="de")
    other = _claim(alone, "Im Jahr 2010 verlor sie 43 Stimmen.")
    facts = claim_facts_for([then, other], Config())
    assert story_dated([Story("s", ("b", "d"))], [then, other], facts) == facts
