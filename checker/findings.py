"""One row per disagreement: group the pair rows that state values of the same thing.

On a story told by eight outlets, one outlet's death toll of 49 against everyone else's 50 is
seven pair rows, and a reviewer would judge the same disagreement seven times. A *finding* is
that disagreement once: which values are stated, by which outlets, and the pair rows behind it.

What is grouped: the conflicts (``Verdict.conflicts``: kind, thing, each side's value) of
flagged contradictions of kind number, money, date or name, within one story and kind. Two
conflicts belong to one finding when they are connected by

* the same statement: the same claim stating the same value on one side (EITB's "49 muertos"
  against Fox News' 50 and against n-tv's 50), whatever words the other side counts in, or
* the same thing with a value in common ("dead: 49 vs 50" from two other outlets), where the
  thing is named or the values are dates (bare numbers with no thing link only by statement,
  as "3" and "3" of unrelated things would chain two disputes together).

Pure: verdicts and articles in, records out; the report turns them into a table
(:func:`findings_frame`) and keeps their review across re-runs (``output.save_report``).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from checker.components import components
from checker.records import Article, Claim, Conflict, Verdict
from checker.table import FINDING_COLUMNS, pair_id
from checker.verdict import CONTRADICTION

KINDS = ("number", "money", "date", "name")
VALUE_SEPARATOR = " · "


@dataclass(frozen=True)
class Finding:
    """One disagreement across outlets, with the pair rows that show it."""

    finding_id: str
    story: str
    kind: str
    thing: str  # what is counted, as most conflicts word it ("" for dates and names)
    # each distinct value with the outlets stating it, fewest outlets first (the odd one out)
    values: tuple[tuple[str, tuple[str, ...]], ...]
    claims: tuple[tuple[str, str, str], ...]  # (value, outlet, claim) one claim per value
    pair_ids: tuple[str, ...]
    confidence: float  # the highest of its pairs

    @property
    def summary(self) -> str:
        """``muertos: 49 — EITB · 50 — Fox News, The New York Times``"""
        told = VALUE_SEPARATOR.join(f"{v} — {', '.join(o)}" for v, o in self.values)
        return f"{self.thing}: {told}" if self.thing else told

    @property
    def outlets(self) -> int:
        return len({o for _, outlets in self.values for o in outlets})


@dataclass(frozen=True)
class _Item:
    """One conflict of one flagged pair, with both of its statements."""

    verdict: Verdict
    conflict: Conflict
    pair_id: str


def outlet(article: Article | None, claim: Claim) -> str:
    """Who says it: the article's source, else its file name, else its id."""
    if article is None:
        return claim.article_id
    file = re.sub(r":\d+$", "", article.path)  # "feed.jsonl:3": a record of feed.jsonl
    return article.source or Path(file).name or article.id


def _statements(item: _Item) -> tuple[tuple[Claim, str], tuple[Claim, str]]:
    pair = item.verdict.pair
    return (pair.a, item.conflict.value_a), (pair.b, item.conflict.value_b)


def _items(verdicts: Sequence[Verdict]) -> list[_Item]:
    items = [
        _Item(v, c, pair_id(v))
        for v in verdicts
        if v.label == CONTRADICTION
        for c in v.conflicts
        if c.kind in KINDS and c.value_a and c.value_b
    ]
    return sorted(items, key=lambda i: (i.pair_id, i.conflict.kind, i.conflict.text))


def _groups(items: list[_Item]) -> list[list[_Item]]:
    """Connected items (see the module docstring): those sharing a key are one group."""
    keys = []
    for item in items:
        c, story = item.conflict, item.verdict.pair.story
        item_keys = [(story, c.kind, "said", claim.article_id, claim.text, value)
                     for claim, value in _statements(item)]
        if c.thing or c.kind == "date":
            item_keys += [
                (story, c.kind, "thing", c.thing, value) for value in (c.value_a, c.value_b)
            ]
        keys.append(item_keys)
    groups: dict[int, list[_Item]] = {}
    for number, item in zip(components(keys), items, strict=True):
        groups.setdefault(number, []).append(item)
    return list(groups.values())


def finding_id(kind: str, thing: str, pair_ids: Sequence[str]) -> str:
    """A fresh finding's id: its kind, thing and pair rows. Not its story: a story's id changes
    when an outlet joins it. Across re-runs a finding keeps the id of the finding it continues
    (``table.continue_finding_ids``), so this is only where a new finding starts."""
    key = "\x1f".join([kind, thing, *sorted(pair_ids)])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _finding(group: list[_Item], articles: dict[str, Article]) -> Finding:
    said: dict[str, set[str]] = {}
    example: dict[str, tuple[str, str]] = {}
    for item in group:
        for claim, value in _statements(item):
            who = outlet(claim.article or articles.get(claim.article_id), claim)
            said.setdefault(value, set()).add(who)
            example.setdefault(value, (who, claim.text))
    values = tuple(
        (value, tuple(sorted(outlets, key=str.casefold)))
        for value, outlets in sorted(said.items(), key=lambda kv: (len(kv[1]), kv[0]))
    )
    things = Counter(item.conflict.thing for item in group if item.conflict.thing)
    thing = min(things, key=lambda t: (-things[t], t)) if things else ""
    kind = group[0].conflict.kind
    pair_ids = tuple(sorted({item.pair_id for item in group}))
    return Finding(
        finding_id=finding_id(kind, thing, pair_ids),
        story=group[0].verdict.pair.story,
        kind=kind,
        thing=thing,
        values=values,
        claims=tuple((value, *example[value]) for value, _ in values),
        pair_ids=pair_ids,
        confidence=max(item.verdict.confidence for item in group),
    )


def findings(verdicts: Sequence[Verdict], articles: Sequence[Article]) -> tuple[Finding, ...]:
    """The disagreements among ``verdicts``: most pair rows first, then by confidence."""
    by_id = {a.id: a for a in articles}
    found = [_finding(group, by_id) for group in _groups(_items(verdicts))]
    return tuple(
        sorted(found, key=lambda f: (-len(f.pair_ids), -f.confidence, f.finding_id))
    )


def findings_frame(found: Sequence[Finding]) -> pd.DataFrame:
    """The findings table (``table.FINDING_COLUMNS``), review columns empty."""
    rows = [
        {
            "finding": f.summary,
            "kind": f.kind,
            "outlets": f.outlets,
            "pairs": len(f.pair_ids),
            "confidence": round(f.confidence, 3),
            "claims": "\n".join(f"{v} ({who}): {text}" for v, who, text in f.claims),
            "review": "",
            "review_note": "",
            "thing": f.thing,
            "story": f.story,
            "pair_ids": " ".join(f.pair_ids),
            "finding_id": f.finding_id,
        }
        for f in found
    ]
    frame = pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
    return frame.astype({c: "object" for c in FINDING_COLUMNS}) if frame.empty else frame
