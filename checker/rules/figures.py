"""Figures that line up: claims matched by the numbers they state, whatever their language.

"49 muertos y 53 heridos" and "50 people killed and 53 wounded" share no word a small
multilingual embedder reliably matches, but they share 53, in the same place, and so the 49
and the 50 beside it are one figure told twice. Words are not read at all: the shared figures
carry the match across languages. Three readings (:func:`parallel_figures`):

* the same figures in the same order but one beside them that cannot both hold: a value
  conflict (``evidence`` makes it one);
* two or more figures all the same ("134 to 63", "134-to-63 vote"): one result told twice,
  the same value stated; its one day on each side (:func:`one_day_each`) must then agree;
* nothing that lines up.

A calendar day lines up the same way (:func:`another_year`): "11 September 2001" and "11 de
septiembre del 2011" share their day and month, so the year is the part that differs.

:func:`pairs_by_figures` makes these pairs candidates (channel ``same figures``), since
similarity alone rarely pairs them across languages. :func:`pairs_by_tolls` does the same for
claims that count one thing whole (``Value.whole``: "Six people were injured", "vijf gewonden")
in one range (channel ``same toll``): each language's own words name the thing, so the match
needs no embedder.
"""

from __future__ import annotations

import datetime
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from checker.config import Config
from checker.records import Channel, Claim, Pair, ValueKind
from checker.rules import language as languages
from checker.rules.pairing import Floor, channel_pair, known_pairs
from checker.rules.stories import Story, rows_by_article, story_rows
from checker.rules.values import (
    DISTINCT_FIGURE,
    THING_RATIO,
    Value,
    conflicting,
    far_apart,
    granularity,
    objects_before,
)


class Stated(Protocol):
    """What a claim states: its values, read in its text and language
    (``evidence.ClaimFacts`` is one)."""

    @property
    def values(self) -> tuple[Value, ...]: ...

    @property
    def text(self) -> str: ...

    @property
    def language(self) -> str: ...

# with nothing differing, one shared figure is a coincidence as often as not ("50"); two in
# order (a tally, "134 to 63") are one result told twice
SAME_FIGURES = 2


@dataclass(frozen=True)
class Figure:
    """One number of a claim's figures: a value, or one count of a tally ("348" of "348-77").

    A tally's counts line up only with a tally's: "97-1" against "97 voix pour … 2
    abstentions" would read the abstentions as the vote against."""

    value: Value
    number: float
    part: int = 0  # 0: the value itself or a tally's first count; 1: a tally's second

    @property
    def key(self) -> tuple[str, str, int]:
        """What must match for two figures to be lined up: kind, unit and part."""
        return (self.value.kind, self.value.unit, self.part)


def figures(facts: Stated) -> list[Figure]:
    """A claim's figures in text order, what ``parallel_figures`` lines up. Dates are left
    out, and so is a count of none ("niemand", "no allegations"): a negation is in almost
    every sentence's words and would line up with any figure beside a shared one."""
    found = []
    for v in facts.values:
        if v.kind == ValueKind.DATE or (v.low == 0 and v.high == 0):
            continue
        if v.kind == ValueKind.TALLY:
            found += [Figure(v, v.low), Figure(v, v.second or 0.0, 1)]
        else:
            found.append(Figure(v, v.nominal if v.nominal is not None else v.low))
    return found


# significant digits a figure needs for its digits in another order to be one figure
# miscopied ("1,420" / "1,240", "168" / "186"), not chance ("21" / "12")
TRANSPOSED_DIGITS = 3


def digit_key(value: Value) -> str:
    """A whole, exact figure's significant digits sorted ("1,420" and "1,240": "124";
    "212,000" and "221.000": "122"), "" for any other value (a date, a tally, an age, a
    range, a share with decimals) or fewer than ``TRANSPOSED_DIGITS`` digits."""
    if value.kind in (ValueKind.DATE, ValueKind.TALLY, ValueKind.AGE) or value.low != value.high:
        return ""
    number = value.nominal if value.nominal is not None else value.low
    if number != int(number) or number <= 0:
        return ""
    digits = str(int(number)).rstrip("0")
    return "".join(sorted(digits)) if len(digits) >= TRANSPOSED_DIGITS else ""


def transposed(x: Value, y: Value) -> bool:
    """Two figures of one measure (kind and unit) whose digits are the same in another order:
    one figure miscopied, a classic slip, however unlike the words around them."""
    key = digit_key(x)
    return bool(key) and key == digit_key(y) and (x.kind, x.unit) == (y.kind, y.unit) and (
        x.low != y.low
    )


def _alike(x: Figure, y: Figure) -> bool:
    return x.key == y.key


@dataclass(frozen=True)
class Parallel:
    """Two claims stating the same figures in the same order but one: "49 muertos y 53
    heridos" and "50 people killed and 53 wounded". The figures they share tell which of the
    other side's figures each one is, in any language; the one left over differs. Or all the
    same, two figures or more ("134 to 63" and "134-to-63 vote"): one result told twice."""

    shared: tuple[float, ...]  # the numbers both state, in order
    values: tuple[Value, ...]  # a's values they are figures of
    differs: tuple[Value, Value] | None = None

    def describe(self) -> str:
        """The reason a report shows."""
        numbers = ", ".join(f"{n:g}" for n in self.shared)
        return f"same figures but one: {numbers}" if self.differs else f"same figures: {numbers}"


def _same_number(x: Figure, y: Figure) -> bool:
    """One figure stated on both sides: the same number, and (but for a tally's counts) no
    bound that rules the other out ("at least 53" and "53" are one figure)."""
    if not _alike(x, y) or x.number != y.number:
        return False
    return x.value.kind == ValueKind.TALLY or not conflicting(x.value, y.value)


def _shared_in_order(left: Sequence[Figure], right: Sequence[Figure]) -> list[tuple[int, int]]:
    """The longest run of figures stated on both sides in the same order (index pairs)."""
    longest = [[0] * (len(right) + 1) for _ in range(len(left) + 1)]
    for i in range(len(left) - 1, -1, -1):
        for j in range(len(right) - 1, -1, -1):
            longest[i][j] = (
                longest[i + 1][j + 1] + 1
                if _same_number(left[i], right[j])
                else max(longest[i + 1][j], longest[i][j + 1])
            )
    found, i, j = [], 0, 0
    while i < len(left) and j < len(right):
        if _same_number(left[i], right[j]) and longest[i][j] == longest[i + 1][j + 1] + 1:
            found.append((i, j))
            i, j = i + 1, j + 1
        elif longest[i + 1][j] >= longest[i][j + 1]:
            i += 1
        else:
            j += 1
    return found


# one shared figure is slight evidence of one account: the figure beside it is one figure
# told differently only when near it ("49 muertos" / "50 people killed", "ocho años" / "six
# years"), or its digits swapped ("2,4" / "4.2"). Two parties' seats beside one chamber size
# ("52 of the 151 seats" / "79 seats in the 151-member chamber") are two figures. Chosen on the
# dev and own stories: right pairs sit at 1.0–1.33, wrong ones at 1.46 and more.
NEAR_ONE_SHARED = 1.4


def _transposed(x: Value, y: Value) -> bool:
    """The same digits in another order ("2,4" / "4.2", "52" / "25"): a slip of the pen."""
    dx, dy = (re.sub(r"\D", "", f"{v.low:g}") for v in (x, y))
    return len(dx) >= 2 and dx != dy and sorted(dx) == sorted(dy)


def parallel_figures(
    a: Stated,
    b: Stated,
    max_ratio: float = math.inf,
    distinct: float = DISTINCT_FIGURE,
    near: float = math.inf,
) -> Parallel | None:
    """Two claims that state the same figures in the same order, and right beside one of
    them a figure each that cannot both hold (and are not ``max_ratio`` apart): "49 muertos
    y 53 heridos" and "50 people killed and 53 wounded"; or ``SAME_FIGURES`` figures or more
    the same, in order, with nothing beside them differing ("134 to 63", "134-to-63 vote").
    None otherwise, and when more than one pair differs. Beside only one shared figure, a
    differing pair more than ``near`` apart (and not its digits swapped) is no pair.

    Only figures of kinds both claims state are read (an age on one side only is left out);
    the order must be the same ("3 dead, 12 injured" against "12 injured, 5 dead" is not read
    as 3 vs 5); and one shared figure must be ``distinct`` (``DISTINCT_FIGURE``) or more. Words
    are not read at all, which is the point: the shared figures carry the match across
    languages where the words around them do not.
    """
    left, right = figures(a), figures(b)
    kinds = {f.key for f in left} & {f.key for f in right}
    left = [f for f in left if f.key in kinds]
    right = [f for f in right if f.key in kinds]
    shared = _shared_in_order(left, right)
    if not shared or max(left[i].number for i, _ in shared) < distinct:
        return None
    matched_left = {i for i, _ in shared}
    matched_right = {j for _, j in shared}
    differs: dict[tuple[int, int], tuple[Value, Value]] = {}
    for i, j in shared:
        for step in (-1, 1):  # the figures right beside a shared one, on both sides
            k, m = i + step, j + step
            if not (0 <= k < len(left) and 0 <= m < len(right)):
                continue
            if k in matched_left or m in matched_right:
                continue
            x, y = left[k], right[m]
            if (
                _alike(x, y)
                and conflicting(x.value, y.value)
                and not far_apart(x.value, y.value, max_ratio)
                and (
                    len(shared) > 1
                    or not far_apart(x.value, y.value, near)
                    or _transposed(x.value, y.value)
                )
            ):
                differs[(k, m)] = (x.value, y.value)
    numbers = tuple(dict.fromkeys(left[i].number for i, _ in shared))
    values = tuple(dict.fromkeys(left[i].value for i, _ in shared))
    if not differs and len(shared) >= SAME_FIGURES:
        return Parallel(numbers, values)
    if len(differs) != 1:
        return None
    return Parallel(numbers, values, next(iter(differs.values())))


def one_date_each(a: Stated, b: Stated, unit: str) -> tuple[Value, Value] | None:
    """Each claim's one date of granularity ``unit`` (day, month, year), when each states
    exactly one; None otherwise (with two on a side, which one is meant is not known)."""
    left = [v for v in a.values if v.kind == ValueKind.DATE and granularity(v) == unit]
    right = [v for v in b.values if v.kind == ValueKind.DATE and granularity(v) == unit]
    if len(left) != 1 or len(right) != 1:
        return None
    return left[0], right[0]


def one_day_each(a: Stated, b: Stated) -> tuple[Value, Value] | None:
    """Each claim's one day (a weekday, a date): what a result told twice with the same
    figures is dated to. A year or a month beside it mostly names the thing ("the 2025
    budget") and is left out."""
    return one_date_each(a, b, "day")


# two things counted on each side, in the same order, before the counts line up as one account
LINED_UP_THINGS = 2


def lined_up_things(a: Stated, b: Stated) -> tuple[str, ...]:
    """The things both claims count, in the same order, when there are ``LINED_UP_THINGS`` or
    more: "Nove persone sono morte e 23 ferite" and "Zeven mensen kwamen om het leven en 25
    raakten gewond" count the dead, then the injured. Like figures in the same order, this is
    the shape of one account and blind to language, whatever the figures say; () otherwise.
    One thing counted on each side is no shape: every toll of a story counts its dead."""

    def things(facts: Stated) -> tuple[str, ...]:
        seen = [v.thing for v in facts.values if v.kind == ValueKind.COUNT and v.thing]
        return tuple(dict.fromkeys(seen))

    left, right = things(a), things(b)
    return left if len(left) >= LINED_UP_THINGS and left == right else ()


_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _day_with_year(value: Value) -> datetime.date | None:
    """The calendar day of a date written with its day, month and year."""
    if value.kind != ValueKind.DATE or granularity(value) != "day":
        return None
    if not math.isfinite(value.low) or not _YEAR.search(value.text):
        return None
    return datetime.date.fromordinal(int(value.low))


def another_year(a: Stated, b: Stated) -> tuple[Value, Value] | None:
    """One calendar day told with two years ("11 September 2001", "11 de septiembre del
    2011"): the day and the month line up like shared figures, so the year is the one part
    that differs, as "49" beside a shared "53". None when either side also states the other's
    day in full (an anniversary told beside its event), or states no such day."""
    left = [(v, d) for v in a.values if (d := _day_with_year(v)) is not None]
    right = [(v, d) for v in b.values if (d := _day_with_year(v)) is not None]
    for x, dx in left:
        for y, dy in right:
            if (dx.month, dx.day) != (dy.month, dy.day) or dx.year == dy.year:
                continue
            if dy in {d for _, d in left} or dx in {d for _, d in right}:
                continue  # both years told on one side: two happenings of that day
            return x, y
    return None


# a figure stated by more claims of one story than this says nothing about which two are one
# account, and would make its claims' pairs quadratic: an engineering limit, not tuned
MAX_FIGURE_CLAIMS = 200


def _figure_postings(rows: Sequence[int], facts: Sequence[Stated]) -> list[list[int]]:
    """For each distinct figure (kind, unit and number of ``DISTINCT_FIGURE`` or more), the
    rows stating it: ``parallel_figures`` needs one such figure shared, so only rows sharing
    one are ever compared."""
    postings: dict[tuple[object, ...], list[int]] = {}
    for row, said in zip(rows, facts, strict=True):
        found = figures(said)
        if len(found) < 2:
            continue
        for key in {(*f.key, f.number) for f in found if f.number >= DISTINCT_FIGURE}:
            postings.setdefault(key, []).append(row)
    return [p for p in postings.values() if 2 <= len(p) <= MAX_FIGURE_CLAIMS]


def pairs_by_figures(
    stories: Sequence[Story],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    found: Sequence[Pair],
    floors: dict[str, Floor],
    facts: Mapping[str, Stated],
    config: Config,
) -> list[Pair]:
    """More candidates: claims of one story, in different articles, that state the same
    figures in the same order but one, or two or more the same (:func:`parallel_figures`):
    "348 gegen 78" and "348-77", "97 zu 1" and "97-1", whatever their languages, which
    similarity alone rarely pairs. Only claims sharing a distinct figure are compared."""

    def lined_up(rows: Sequence[int]) -> set[tuple[int, int]]:
        return {
            (i, j)
            for posting in _figure_postings(rows, [facts[claims[i].id] for i in rows])
            for n, i in enumerate(posting)
            for j in posting[n + 1 :]
            if parallel_figures(facts[claims[i].id], facts[claims[j].id], config.max_value_ratio)
        }

    return pairs_of_stories(stories, claims, vectors, found, floors, config, Channel.PARALLEL,
                             lined_up)


def pairs_of_stories(
    stories: Sequence[Story],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    found: Sequence[Pair],
    floors: dict[str, Floor],
    config: Config,
    channel: Channel,
    candidates: Callable[[Sequence[int]], set[tuple[int, int]]],
) -> list[Pair]:
    """The pairs ``candidates`` proposes among each story's rows, as ``channel`` candidates:
    claims of different articles, not ``found`` already, at most ``top_k`` per claim, the most
    similar first (like similarity's neighbours: a story of near-identical figures must not
    send every pair of them to NLI)."""
    known = known_pairs(found)
    extra: list[Pair] = []
    rows_of = rows_by_article(claims)
    for story in stories:
        if len(story.article_ids) < 2 or story.id not in floors:
            continue
        matched = sorted(
            (-float(vectors[i] @ vectors[j]), i, j)
            for i, j in candidates(story_rows(story, claims, rows_of))
            if claims[i].article_id != claims[j].article_id
            and (claims[i].id, claims[j].id) not in known
        )
        taken: Counter[int] = Counter()
        for _, i, j in matched:
            if taken[i] >= config.top_k or taken[j] >= config.top_k:
                continue
            taken.update((i, j))
            known |= {(claims[i].id, claims[j].id), (claims[j].id, claims[i].id)}
            a, b = claims[i], claims[j]
            if (b.article_id, b.start) < (a.article_id, a.start):
                i, j = j, i  # a sorts first by (article, offset), as every candidate's does
            extra.append(
                channel_pair(claims, vectors, i, j, channel, floors[story.id], story.id)
            )
    return extra


def pairs_by_digits(
    stories: Sequence[Story],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    found: Sequence[Pair],
    floors: dict[str, Floor],
    facts: Mapping[str, Stated],
    config: Config,
) -> list[Pair]:
    """More candidates: claims of one story, in different articles, that state one figure
    with its digits in another order (:func:`transposed`: "Daarbij gaan 1.420 banen
    verloren", "cutting 1,240 jobs"), which similarity rarely pairs across languages."""

    def miscopied(rows: Sequence[int]) -> set[tuple[int, int]]:
        return _posted_pairs(
            ((key, row, v) for row in rows for v in facts[claims[row].id].values
             if (key := digit_key(v))),
            transposed,
            MAX_FIGURE_CLAIMS,
        )

    return pairs_of_stories(stories, claims, vectors, found, floors, config, Channel.DIGITS,
                             miscopied)


def _posted_pairs(
    keyed: Iterable[tuple[str, int, Value]],
    joined: Callable[[Value, Value], bool],
    most: int | None = None,
) -> set[tuple[int, int]]:
    """Rows ``(i, j)``, ``i < j``, of two values posted under one key (a thing counted, a
    figure's digits) that ``joined`` ties: only values of one key are compared, and a key
    posted more than ``most`` times is too common to pair on."""
    postings: dict[str, list[tuple[int, Value]]] = {}
    for key, row, v in keyed:
        postings.setdefault(key, []).append((row, v))
    return {
        (min(i, j), max(i, j))
        for posting in postings.values() if most is None or len(posting) <= most
        for n, (i, x) in enumerate(posting)
        for j, y in posting[n + 1:]
        if joined(x, y)
    }


def _tolls(said: Stated) -> list[Value]:
    """The claim's counts of a thing told whole (``Value.whole``; none a count of none) and its
    amounts of one thing (the damage, a budget: ``[amounts]``), each one estimate of it."""
    return [
        v for v in said.values
        if v.thing and v.high > 0 and (v.whole or v.kind == ValueKind.MONEY)
    ]


def pairs_by_tolls(
    stories: Sequence[Story],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    found: Sequence[Pair],
    floors: dict[str, Floor],
    facts: Mapping[str, Stated],
    config: Config,
) -> list[Pair]:
    """More candidates: claims of one story, in different articles, that each count the same
    thing whole in one range (``THING_RATIO``): "Six people were injured" and "Bij de
    schietpartij zijn vijf gewonden gevallen", "49 muertos" and "murieron 50 personas"; or an
    amount of one thing ("$2.1 billion in damage", "daños por 2.200 millones"). Two accounts of
    one toll, which a weak embedder rarely pairs across languages. Not a kind of people ("two
    officers were also hurt" is a part of the toll), not counts far apart (as often two
    events' tolls)."""

    def one_toll(rows: Sequence[int]) -> set[tuple[int, int]]:
        return _posted_pairs(
            ((v.thing, row, v) for row in rows for v in _tolls(facts[claims[row].id])),
            lambda x, y: not far_apart(x, y, THING_RATIO),
        )

    return pairs_of_stories(stories, claims, vectors, found, floors, config, Channel.TOLL,
                             one_toll)


def one_figures(
    stories: Sequence[Story], claims: Sequence[Claim], facts: Mapping[str, Stated]
) -> set[tuple[int, int]]:
    """Rows ``(i, j)``, ``i < j``, of claims in two articles of one story that each give their
    article's one figure for one thing: a thing counted whole (``_tolls``: the dead, the
    missing, the damage), the two in one range (``THING_RATIO``), or one thing's once-only
    happening dated (``_once_dates``: the opening of the dam, the building of the ferry). An
    article that tells it once, or the same figure twice, has one; two such articles
    differing tell one toll, or one opening, two ways ("Five people are still missing",
    "Siedem osób wciąż uznaje się za zaginione"; "inaugurada em 1966", "werd in 1962
    geopend"), however little else the two short sentences share. An article with two
    figures for it (an earlier event's toll, a toll that rose) gives none: which is which
    is not known."""
    rows_of = rows_by_article(claims)
    found: set[tuple[int, int]] = set()
    for story in stories:
        told: dict[tuple[str, ...], dict[str, list[tuple[int, Value]]]] = {}
        for row in story_rows(story, claims, rows_of):
            said = facts[claims[row].id]
            keyed = [(("toll", v.thing), v) for v in _tolls(said)] + _once_dates(said)
            for key, v in keyed:
                told.setdefault(key, {}).setdefault(claims[row].article_id, []).append((row, v))
        for by_article in told.values():
            sole = [
                items for items in by_article.values()
                if len({(v.kind, v.unit, v.low, v.high) for _, v in items}) == 1
            ]
            found |= {
                (min(i, j), max(i, j))
                for n, first in enumerate(sole)
                for second in sole[n + 1:]
                for i, x in first
                for j, y in second
                if not far_apart(x, y, THING_RATIO)
            }
    return found


def _once_dates(said: Stated) -> list[tuple[tuple[str, ...], Value]]:
    """The claim's dates of a once-only happening (``all/values.toml once_events``: an
    opening, a building, a founding), each keyed by its event and the things named before it
    ([objects]: the dam's opening is not the museum's)."""
    once = languages.get(said.language).shared("values").get("once_events", [])
    return [
        (("date", v.event, *sorted(objects_before(said.text, said.language, v))), v)
        for v in said.values if v.kind == ValueKind.DATE and v.event in once
    ]


def pairs_by_denials(
    stories: Sequence[Story],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    found: Sequence[Pair],
    floors: dict[str, Floor],
    facts: Mapping[str, Stated],
    config: Config,
) -> list[Pair]:
    """More candidates: a claim that counts none of a thing ("No one has been arrested",
    "Nikt nie został ranny") and a claim of another article that tells of it as happened ("The
    captain was arrested on Monday") or counts some of it ("Three people were injured"). The
    short denial is rarely the other claim's neighbour, so the two are never compared; paired
    here, the evidence (``evidence.denied_happenings``) decides."""

    def none_and_some(rows: Sequence[int]) -> set[tuple[int, int]]:
        none: dict[str, list[int]] = {}
        some: dict[str, list[int]] = {}
        for row in rows:
            said = facts[claims[row].id]
            for v in said.values:
                if v.thing and v.kind == ValueKind.COUNT:
                    (none if v.high == 0 else some).setdefault(v.thing, []).append(row)
            for thing, _ in said.happened:
                some.setdefault(thing, []).append(row)
        return {
            (min(i, j), max(i, j))
            for thing, denying in none.items()
            for i in denying
            for j in some.get(thing, [])
            if i != j
        }

    return pairs_of_stories(stories, claims, vectors, found, floors, config,
                             Channel.NONE_AND_SOME, none_and_some)

