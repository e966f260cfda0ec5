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

A finding then lists every outlet of its story that states one of its values, not only those
whose pairs were flagged: the 49-vs-50 toll told by seven outlets is flagged through a pair or
two, but a reviewer needs to see all seven. An outlet's claim joins a finding (:func:`widen`)
when it states a value of the same kind and unit that agrees with one value of the finding
and disagrees with another, in words around it (``evidence.frame``) ``join_z`` σ like those
of a member stating that value, under the rules a pair's value conflict follows (no two
claims naming different people; no claim stating several dates); joined claims vouch for
further ones.

Pure: verdicts and articles in, records out; the report turns them into a table
(:func:`findings_frame`) and keeps their review across re-runs (``output.save_report``).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from checker.records import (
    Article,
    Claim,
    Conflict,
    ConflictKind,
    Verdict,
    article_of,
    published_date,
)
from checker.report.table import FINDING_COLUMNS, pair_id
from checker.rules.components import components
from checker.rules.evidence import (
    ClaimFacts,
    bare,
    comparable,
    different_subjects,
    frame,
    kind_of,
    several_dates,
)
from checker.rules.values import Value, conflicting, granularity
from checker.rules.verdict import CONTRADICTION

# kinds whose outlets are searched in the whole story
WIDENED = (ConflictKind.NUMBER, ConflictKind.MONEY, ConflictKind.DATE)

KINDS = (*WIDENED, ConflictKind.NAME)
VALUE_SEPARATOR = " · "
UPDATE_SEPARATOR = " → "


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
    joined: int = 0  # claims found stating one of its values outside its flagged pairs
    # a later report's newer state (a pair row marked as an update): the values are then in
    # time order, each with the first day an outlet stated it
    first_told: tuple[str, ...] = ()  # one per value, "" where no outlet's date is known

    @property
    def updates(self) -> bool:
        return bool(self.first_told)

    @property
    def summary(self) -> str:
        """``muertos: 49 — EITB · 50 — Fox News, The New York Times``, or for updates in time
        order ``toll: 49 — EITB (2016-06-12) → 50 — Fox News (2016-06-13)``"""
        if self.updates:
            told = UPDATE_SEPARATOR.join(
                f"{v} — {', '.join(o)}" + (f" ({day})" if day else "")
                for (v, o), day in zip(self.values, self.first_told, strict=True)
            )
        else:
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


def article_outlet(article: Article) -> str:
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


@dataclass(frozen=True)
class Statement:
    """A claim stating a value: a finding's own, or one found in the story (:func:`widen`)."""

    claim: Claim
    value: Value
    facts: ClaimFacts


def _stated(claim: Claim, kind: str, value: str, facts: ClaimFacts) -> Statement | None:
    """The value of ``claim`` that a conflict words as ``value`` (``evidence.bare``)."""
    for v in facts.values:
        if kind_of(v) == kind and bare(v) == value:
            return Statement(claim, v, facts)
    return None


def _alike(x: Value, y: Value) -> bool:
    """Measured the same way (``evidence.comparable``), and dates stated alike: a claim joins
    a finding on its value alone, so a year is not taken for a report of a day."""
    if not comparable(x, y):
        return False
    # a weekday without its date ("domingo" in an undated article) says which day of the
    # week, not which day: it neither joins nor splits a finding of calendar days
    unanchored = (x.unit == "weekday", y.unit == "weekday")
    return x.kind != "date" or (granularity(x) == granularity(y) and unanchored[0] == unanchored[1])


def _agrees(x: Value, y: Value) -> bool:
    return _alike(x, y) and not conflicting(x, y)


def _vouches(voucher: Statement, c: Statement) -> bool:
    """Whether ``voucher``'s value may be what ``c`` states, before the frames are compared:
    the same rules as a pair's value conflict (``evidence.pair_evidence``)."""
    if not _agrees(c.value, voucher.value) or different_subjects(voucher.facts, c.facts):
        return False
    return c.value.kind != "date" or not several_dates(c.facts)


def widen(
    members: Sequence[Statement],
    candidates: Sequence[Statement],
    frame_z: Callable[[str, str], float],
    join_z: float,
) -> list[Statement]:
    """The candidates that state one of the members' values, each vouched for by a member or
    an earlier joiner (see the module docstring), in a fixed order: breadth first from the
    members, candidates in their given order."""
    taken = {m.claim.id for m in members}
    pool = [
        c
        for c in candidates
        if c.claim.id not in taken
        and any(_agrees(c.value, m.value) for m in members)
        and any(_alike(c.value, m.value) and conflicting(c.value, m.value) for m in members)
    ]
    joined: list[Statement] = []
    frontier = list(members)
    while frontier and pool:
        voucher = frontier.pop(0)
        for c in list(pool):
            if c.claim.id in taken or not _vouches(voucher, c):
                continue
            if frame_z(frame(c.facts, c.value), frame(voucher.facts, voucher.value)) >= join_z:
                taken.add(c.claim.id)
                joined.append(c)
                frontier.append(c)
        pool = [c for c in pool if c.claim.id not in taken]
    return joined


def _members(group: list[_Item], facts: Mapping[str, ClaimFacts]) -> list[Statement]:
    found = [
        _stated(claim, item.conflict.kind, value, facts[claim.id])
        for item in group
        for claim, value in _statements(item)
    ]
    unique = {(s.claim.id, s.value.start): s for s in found if s is not None}
    return [unique[key] for key in sorted(unique)]


def _finding(
    group: list[_Item], joined: Sequence[Statement] = ()
) -> Finding:
    said: dict[str, set[str]] = {}
    example: dict[str, tuple[str, str]] = {}
    first: dict[str, str] = {}  # each value's earliest publication (ISO text sorts by time)
    statements = [s for item in group for s in _statements(item)]
    statements += [(s.claim, bare(s.value)) for s in joined]
    for claim, value in statements:
        article = article_of(claim)
        who = article_outlet(article)
        said.setdefault(value, set()).add(who)
        example.setdefault(value, (who, claim.text))
        day = published_date(article.published)
        if day is not None and (value not in first or day.isoformat() < first[value]):
            first[value] = day.isoformat()
    updates = any(item.verdict.update for item in group)
    if updates:
        # a toll that rose: the values in the order they were first told, undated ones last
        order = sorted(said, key=lambda v: (first.get(v, "9999"), v))
    else:
        order = sorted(said, key=lambda v: (len(said[v]), v))  # the odd one out first
    values = tuple((value, tuple(sorted(said[value], key=str.casefold))) for value in order)
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
        joined=len(joined),
        first_told=tuple(first.get(v, "") for v, _ in values) if updates else (),
    )


def findings(
    verdicts: Sequence[Verdict],
    *,
    story_claims: Mapping[str, Sequence[Claim]] | None = None,
    facts: Mapping[str, ClaimFacts] | None = None,
    frame_z: Callable[[str, str], float] | None = None,
    join_z: float = math.inf,
) -> tuple[Finding, ...]:
    """The disagreements among ``verdicts``: most pair rows first, then by confidence.

    Given each story's claims, their ``facts`` and a ``frame_z``, a finding of a value kind
    also lists the outlets that state one of its values outside its pairs (:func:`widen`).
    """
    found = []
    for group in _groups(_items(verdicts)):
        joined: list[Statement] = []
        story = group[0].verdict.pair.story
        if (
            story_claims and facts and frame_z
            and group[0].conflict.kind in WIDENED and math.isfinite(join_z)
        ):
            ordered = sorted(story_claims.get(story, ()), key=lambda c: c.id)
            said = [(c, facts[c.id]) for c in ordered]
            candidates = [Statement(c, v, f) for c, f in said for v in f.values]
            joined = widen(_members(group, facts), candidates, frame_z, join_z)
        found.append(_finding(group, joined))
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
