"""Is a pair about the same event, and do its values of the same thing disagree?

Two claims about a story's topic are not yet two accounts of one event: "Nobody was hurt" and
"No stone will be left unturned" share a story and little else. Every pair therefore gets a
visible ``same_event`` score in [0, 1] with the evidence behind it, and no contradiction of any
kind is flagged below a configured level (``verdict.py``). The evidence:

* similarity: how far the pair stands above its story's baseline (z, from pairing), scaled so
  that ``same_event_z`` σ counts in full;
* shared anchors: the same person named on both sides (``names.same_person``), a value
  stated alike on both sides; weighing more (``TOLL_WEIGHT``), a count of one thing by each
  language's words (the dead, the injured) on both sides in one range (disagreeing about
  the death toll, 49 vs 50, is talking about the same death toll; 14 against 50 is as often
  another event's); and, weighing most, a paragraph that chose the other claim as its best
  match (pairing's paragraph channel) or the same figures in the same order with one beside
  them differing (``parallel_figures``: "49 muertos y 53 heridos", "50 killed and 53
  wounded"). The tolls and the figures need no words in common and so carry across
  languages. The same figures all alike ("134 to 63", "134-to-63 vote") are one result told
  twice: its one day on each side must agree (``one_day_each``), or the row is a date
  conflict. So must the one day each of one toll counted alike ("six people were killed …
  late on Sunday", "v pondělí ráno zahynulo šest lidí": ``toll_days``).

Values are compared only when they are values of the same thing in the same frame: the words
around each value ("Polizei stellte … Paketbomben sicher", "police found … parcel bombs") are
compared with the multilingual embedder, not a word list (the caller passes ``same_frame``);
a part never meets a total
(``values.conflicting``); and when both claims name people but no one in common, their numbers
belong to different subjects (two people's tenures) and are not compared. A count of none
of a thing ("No one has been charged") meets the same thing told as happened with no count
("è stato accusato di negligenza"): one proposition denied and asserted (``denied_happenings``).
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from checker.records import (
    Channel,
    ClaimSignals,
    Conflict,
    ConflictKind,
    Pair,
    ValueKind,
    published_date,
)
from checker.rules import language as languages
from checker.rules import names as person
from checker.rules.figures import (
    NEAR_ONE_SHARED,
    Parallel,
    another_year,
    lined_up_things,
    one_date_each,
    one_day_each,
    parallel_figures,
    transposed,
)
from checker.rules.names import Name
from checker.rules.negation import negated_twin
from checker.rules.signals import DOUBTED, FIRM, quotation
from checker.rules.terms import Term, opposed_terms, quoted_terms
from checker.rules.values import (
    LETTER_WORD,
    THING_RATIO,
    State,
    Value,
    body_of,
    conflicting,
    dates_its_clause,
    describe,
    extract_values,
    far_apart,
    granularity,
    happenings,
    objects_before,
    of_kin,
    of_someone,
    states_of,
    told_as_deadline,
)

# values.Value.kind -> the report's kind
KINDS = {ValueKind.MONEY: ConflictKind.MONEY, ValueKind.DATE: ConflictKind.DATE}
NUMBER = ConflictKind.NUMBER
MAX_ANCHORS = 2  # anchors beyond this add nothing: similarity must carry the rest
ANCHOR_WEIGHT = 0.2
SIMILARITY_WEIGHT = 0.6
FRAME_WORDS = 4  # words either side of a value that tell what it is a value of
PARAGRAPH_WEIGHT = 0.5
# the same figures in the same order (``parallel_figures``): evidence of one account as strong
# as a matched paragraph, and blind to language
PARALLEL_WEIGHT = 0.5
# one toll told differently (by each language's own [things] words) is the shape of two
# accounts of one event, like lined-up figures: more than a name or a value shared (0.2)
TOLL_WEIGHT = 0.4
# two claims each the other's nearest with a like measure (``Channel.MEASURE``): the shape of
# two accounts of one measure, as a toll told twice is (own stories: 0.2 found 152 facts of
# 224, 0.4 found 154, flag precision 0.92 all three ways; 0: 149)
MEASURE_WEIGHT = 0.4
# two ages of one person at most this many years apart are one age told twice (a slip, a
# birthday); further apart, as often a parent and a child of one name
AGE_SPREAD = 10
LIST_PEOPLE = 3  # a claim naming this many people lists them: no one slot to clash in
# a claim that denies a happening outright ("No one has been arrested") against one that tells
# it: within one story one proposition denied and told, whatever else the sentences say
DENIAL_WEIGHT = 0.6


@dataclass(frozen=True)
class ClaimFacts:
    """What one claim states that can be compared across outlets: values (dates anchored on its
    article's publication), person names, and its signals (certainty, speaker, times, update
    words). Computed once per claim, right after claims (``pipeline.claim_facts_for``); every
    later stage reads this record."""

    text: str = ""
    language: str = ""  # the code it is read in: two claims share words only in one language
    values: tuple[Value, ...] = ()
    names: tuple[Name, ...] = ()
    published: datetime.date | None = None
    signals: ClaimSignals = field(default_factory=ClaimSignals)
    # things told as happened with no count of them: (thing, its word), ``values.happenings``
    happened: tuple[tuple[str, str], ...] = ()
    # the offices the claim names, (start, end, key): whose age "Der 54-jährige Lokführer" is
    offices: tuple[tuple[int, int, str], ...] = ()
    # the people the sentence before names, for a claim that names no one: who "The
    # 58-year-old had served as trade minister" is (``age_bearer``)
    before: tuple[Name, ...] = ()
    # its short quoted spans, whose and whether denied (``terms.quoted_terms``)
    terms: tuple[Term, ...] = ()
    # the exclusive states it tells ([states]: a person's condition, ``values.states_of``)
    states: tuple[State, ...] = ()


@dataclass(frozen=True)
class Evidence:
    same_event: float
    reasons: tuple[str, ...]  # what the score rests on, for the report
    conflicts: tuple[Conflict, ...] = ()
    same_values: tuple[str, ...] = ()  # values of the same thing both state: "53 injured"
    # values measured alike on both sides that differ, whatever their frames: "21 vs 22" (an
    # agreement cannot stand on them, see verdict rule values_differ)
    differing: tuple[str, ...] = ()
    # the part of ``differing`` that no shared value outweighs: the one date of a granularity
    # each side states, and names in one slot ("320 m" alike does not make "1974" and "1976"
    # one statement; see verdict rule same_value)
    clashing: tuple[str, ...] = ()
    # how close (σ above the unrelated band) the open question one side doubts ("whether the
    # fire was set") is to what the other asserts; None when no such doubt meets an assertion
    doubt_z: float | None = None
    # the same for the statement one side doubts that is no question ("could neither confirm
    # nor deny reports that a ferry sank": ``doubted_statement``) and what the other asserts
    doubted_z: float | None = None
    # how close (σ above the unrelated band) the quotations of two claims are that give them
    # to two different people (``one_saying``); None when no such two speakers quote
    saying_z: float | None = None
    # counts one side states of a thing the other tells of with no count: "6 injured" vs "the
    # gunman injured a senator and two guards" (a near-paraphrase cannot vouch for them, see
    # verdict rule count_on_one_side)
    uncounted: tuple[str, ...] = ()
    # one claim is the other's words denied ("approved" / "did not approve"): which side and
    # its negation words, "" when not (``negation.negated_twin``)
    negated: str = ""


def claim_facts(
    text: str, language: str = "", published: str = "", known: frozenset[str] = frozenset()
) -> ClaimFacts:
    """Values (relative dates anchored on ``published``) and person names of one claim;
    ``known``: the last names its article writes in full (``names.last_name_keys``)."""
    day = published_date(published)
    told = extract_values(text, language, day)
    # an earlier state told beside the new one ("up from 11") is not what the claim says now
    values = tuple(v for v in told if v.role != "previous")
    names = person.person_names(text, language, known)
    return ClaimFacts(
        text=text,
        language=languages.normalise(language),
        values=values,
        names=names,
        published=day,
        happened=happenings(text, language, told),
        offices=person.offices_in(text, language),
        terms=quoted_terms(text, language, names),
        states=states_of(text, language),
    )


def _time_of(facts: ClaimFacts) -> str:
    """When a claim dates what it says, against its article's year: "past" (an earlier year:
    "in 2010"), "target" (a deadline: "by 2030", ``values.told_as_deadline``), "future" (a
    later year: "next year", "in March 2027"), "now" (its own year) or "" (undated, or no
    publication date). A claim with dates of several classes takes the first of that order."""
    if facts.published is None:
        return ""
    year = facts.published.year
    found = set()
    for v in facts.values:
        # a single point in time ("in 2010"); a span ("between 2009 and 2016") mostly dates
        # something else in the sentence than its figures
        if v.kind == "date" and v.unit in ("year", "month", "day") and math.isfinite(v.low):
            first = datetime.date.fromordinal(int(v.low)).year
            last = datetime.date.fromordinal(int(v.high)).year if math.isfinite(v.high) else year
            if told_as_deadline(facts.text, facts.language, v):
                found.add("target")
            elif last < year:
                found.add("past")
            elif first > year:
                found.add("future")
            else:
                found.add("now")
    return next((t for t in ("past", "target", "future", "now") if t in found), "")


def told_of_other_times(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Whether two claims tell their figures of different times: an earlier year or a target
    on one side only ("43 votes in 2010" against "more than 60 voted against her"; "40 % by
    2030" against "28 % now"), or a later year against this one. A later year against an
    undated claim is the one plan both tell ("spending rises by 6 % next year" against
    "spending will rise by 8 %"): a story about a budget, a closure or a vote to come dates
    it on one side and not the other."""
    x, y = _time_of(a), _time_of(b)
    return x != y and {x, y} not in ({"future", ""}, {"now", ""})


def kind_of(value: Value) -> str:
    return KINDS.get(value.kind, NUMBER)


def _frame_words(facts: ClaimFacts, value: Value) -> list[re.Match[str]]:
    """The words of a value's frame: ``FRAME_WORDS`` before it and one more after it."""
    # words, not numbers: the frame leaves values out
    before = list(LETTER_WORD.finditer(facts.text[: value.start]))[-FRAME_WORDS:]
    after = list(LETTER_WORD.finditer(facts.text, value.end))[: FRAME_WORDS + 1]
    return [*before, *after]


def _frame_span(facts: ClaimFacts, value: Value) -> tuple[int, int]:
    """Where a value's frame lies in the claim, the value inside it."""
    words = _frame_words(facts, value)
    start = min([value.start, *(w.start() for w in words)])
    end = max([value.end, *(w.end() for w in words)])
    return start, end


def actors(facts: ClaimFacts, value: Value) -> tuple[Name, ...]:
    """The people named within a value's frame: who the dated or counted happening is of."""
    start, end = _frame_span(facts, value)
    return tuple(n for n in facts.names if n.start < end and start < n.end)


def bearer(facts: ClaimFacts, value: Value) -> Name | None:
    """Whose value it is, when a person stands right beside it ("Hodgkinson, 66", "der
    66-jährige Hodgkinson"): the nearest name in the value's frame, None without one."""
    near = actors(facts, value)
    if not near:
        return None
    return min(near, key=lambda n: max(n.start - value.end, value.start - n.end, 0))


def age_bearer(facts: ClaimFacts, value: Value) -> Name | None:
    """Whose age it is: the person beside it (``bearer``), or, in a claim that names no one,
    the one person the sentence before names ("Ilona Varesk resigned on Monday. The
    58-year-old had served as trade minister"), unless an indefinite word brings in someone
    new ("a 30-year-old man was arrested": ``values.of_someone``)."""
    near = bearer(facts, value)
    if near is not None or facts.names or not facts.before:
        return near
    if of_someone(facts.text, facts.language, value):
        return None
    people = _distinct(facts.before)
    return people[0] if len(people) == 1 else None


def office_of(facts: ClaimFacts, value: Value) -> str:
    """The office named in a value's frame, nearest it ("Der 54-jährige Lokführer": driver);
    "" without one."""
    start, end = _frame_span(facts, value)
    near = [o for o in facts.offices if o[0] < end and start < o[1]]
    if not near:
        return ""
    return min(near, key=lambda o: max(o[0] - value.end, value.start - o[1], 0))[2]


def other_bodies(a: ClaimFacts, x: Value, b: ClaimFacts, y: Value) -> bool:
    """Whether the bodies named nearest two dates differ ("the Chamber of Deputies passed it
    on Tuesday", "Senat zagłosował w środę"): two bodies' acts, not one happening
    (``values.body_of``)."""
    mine, theirs = body_of(a.text, a.language, x), body_of(b.text, b.language, y)
    return bool(mine and theirs and mine != theirs)


def other_actors(
    a: ClaimFacts, x: Value, b: ClaimFacts, y: Value, frames: _Frames | None = None
) -> bool:
    """Both values have people in their frames and none in common: one person's
    announcement on Wednesday and another's resignation on Thursday are two happenings."""
    frames = frames or _Frames()
    left, right = frames.actors_of(a, x), frames.actors_of(b, y)
    return bool(left and right) and not any(
        person.same_person(m, n) for m in left for n in right
    )


class _Frames:
    """Each value's frame and actors, computed once per claim for one pair's comparison: a
    claim with hundreds of values would otherwise re-read its text for every value pair."""

    def __init__(self) -> None:
        self.frames: dict[tuple[int, int], str] = {}
        self.actors: dict[tuple[int, int], tuple[Name, ...]] = {}

    def frame(self, facts: ClaimFacts, value: Value) -> str:
        key = (id(facts), id(value))
        if key not in self.frames:
            self.frames[key] = frame(facts, value)
        return self.frames[key]

    def actors_of(self, facts: ClaimFacts, value: Value) -> tuple[Name, ...]:
        key = (id(facts), id(value))
        if key not in self.actors:
            self.actors[key] = actors(facts, value)
        return self.actors[key]


def frame(facts: ClaimFacts, value: Value) -> str:
    """The words around a value, the value itself left out: what it is a value *of*.

    "Democrats picked up just six seats in this election" and "House Democrats have lost nearly
    60 seats over six years" count the same noun in different frames; comparing the frames
    (with the multilingual embedder) tells them apart from "49 muertos" vs "50 people killed".
    """
    return " ".join(w.group(0) for w in _frame_words(facts, value))


def frames(facts: Sequence[ClaimFacts]) -> list[str]:
    """Every distinct text ``frame_z`` compares, to embed once: each value's frame, each
    count's counted words (``counted_alike``), and each quoted term (``quoted_terms``)."""
    return list(dict.fromkeys([
        *(frame(f, v) for f in facts for v in f.values),
        *(v.counted for f in facts for v in f.values if v.kind == ValueKind.COUNT and v.counted),
        *(t.text for f in facts for t in f.terms),
    ]))


def comparable(x: Value, y: Value) -> bool:
    """Measured the same way, so the two can be one value reported twice: the same kind, the
    same unit (dates: any, their granularity is judged with their happening), and both
    counting something in words or neither, and not of two different things (the dead are
    never the injured, the damage never a budget). The one check evidence and findings share."""
    if x.kind != y.kind or (x.kind != ValueKind.DATE and x.unit != y.unit):
        return False
    if not _one_measure(x, y):
        return False
    if x.kind == ValueKind.DURATION:
        # what lasted is named beside the duration on one side only as often as not ("a 38-day
        # standoff", "after 36 days of impasse"): its unit says what it measures
        return True
    return bool(x.counted) == bool(y.counted)


def _one_measure(x: Value, y: Value) -> bool:
    """Two values that can be one figure told twice as far as what they are of goes: not of
    two things ([things], [amounts]), and not a part against the whole ("Among the injured
    were two officers", "gli altri due feriti" against "five people were injured": both
    true)."""
    if x.thing and y.thing and x.thing != y.thing:
        return False
    if x.degree and y.degree and x.degree != y.degree:
        return False  # "no one was seriously hurt" against "three were lightly hurt"
    return not ((x.role == "part" and y.whole) or (y.role == "part" and x.whole))


def one_persons_age(x: Value, y: Value, a: ClaimFacts, b: ClaimFacts) -> bool | None:
    """Whether two ages are one person's (True), two people's (False), or not known (None).

    A person's age is that person's, whatever the words around it in either language: the
    same person's ages are one value told twice ("Hodgkinson, 66", "der 66-jährige
    Hodgkinson"), different people's never meet, and a relative's age ("his 30-year-old son")
    is no one's named.
    """
    if x.kind != ValueKind.AGE or y.kind != ValueKind.AGE:
        return None
    if of_kin(a.text, a.language, x) or of_kin(b.text, b.language, y):
        return False
    held = age_bearer(a, x), age_bearer(b, y)
    if held[0] is not None and held[1] is not None:
        return person.same_person(*held)
    if (held[0] is None) != (held[1] is None) and not far_apart(x, y, THING_RATIO):
        # the person is named out of the age's reach on one side ("Luka Marren, ancien
        # capitaine du club, âgé de 61 ans"): the claim's one person bears it, when that
        # is the person beside the age on the other side and the ages are near
        named = held[0] or held[1]
        alone = b if held[0] is not None else a
        if len(alone.names) == 1 and person.same_person(named, alone.names[0]):
            return True
    if held == (None, None):
        # no name beside either: an office one person holds ("Il macchinista, di 45
        # anni", "Der 54-jährige Lokführer") bears it the same way
        office = office_of(a, x), office_of(b, y)
        if office[0] and office[1]:
            return office[0] == office[1]
    return None


def _ages_now(x: Value, y: Value, a: ClaimFacts, b: ClaimFacts) -> bool:
    """Two ages of one person, each told in a clause of its own that dates nothing ("Lissner,
    58, and Tarnavsky, 63, first met in 2019", "The 67-year-old Tarnavsky faces"): the
    person's age now, whatever other year the claim tells of. An age in a clause with a date
    may be the age then ("aged 45 in 2010"), unless the date falls within a year of the
    telling ("Vaskinovou (58) v pondělí", "63, on Tuesday"): the age then is the age now."""
    if one_persons_age(x, y, a, b) is not True:
        return False
    for facts, value in ((a, x), (b, y)):
        start, end = languages.clause_span(facts.text, value.start, value.end)
        if any(v.kind == ValueKind.DATE and start <= v.start and v.end <= end
               and not _near_telling(v, facts) for v in facts.values):
            return False
    return True


# a date at most this many days from the telling is "now" for a person's age
_AGE_NOW_DAYS = 366


def _near_telling(date: Value, facts: ClaimFacts) -> bool:
    """Whether a date lies within a year of its claim's publication: a weekday or a day
    without its year does (it is read as the one nearest the telling), a day or a month of a
    known year when it lies that close, a year when it is the year of the telling."""
    if date.unit in ("weekday", "yearless"):
        return True
    if facts.published is None or math.isinf(date.low) or math.isinf(date.high):
        return False
    told = facts.published.toordinal()
    slack = 0 if granularity(date) == "year" else _AGE_NOW_DAYS
    return date.low - slack <= told <= date.high + slack


def _match(
    x: Value,
    y: Value,
    a: ClaimFacts,
    b: ClaimFacts,
    frames: _Frames,
    frame_z: Callable[[str, str], float],
    similar_claims: bool,
    date_z: float = math.inf,
) -> float:
    """How well two values are of the same thing in the same frame; -inf when they cannot be.

    The score is their frames' (σ above the unrelated band). Values that count nothing in
    words (tallies, bare amounts) also need the claims to be about one happening
    (``similar_claims``); dates are matched with their happening (``_date_match``).
    """
    if x.kind == y.kind and x.kind in _THING_KINDS and x.thing and y.thing:
        # the dead are the dead in every language, and never the injured (the damage is the
        # damage, never a budget): what the clause says a count or an amount is of decides,
        # whatever the words a weak embedder fails to match
        # (a part of it never meets the whole of it)
        return math.inf if _one_measure(x, y) else -math.inf
    if not comparable(x, y):
        return -math.inf
    if x.kind == ValueKind.AGE:
        bound = one_persons_age(x, y, a, b)
        if bound is not None:
            return math.inf if bound else -math.inf
    if x.kind == "date":
        return _date_match(x, y, a, b, frames, frame_z, similar_claims, date_z)
    if not x.counted and x.kind not in _MEASURES and not similar_claims:
        # a tally or a bare number needs the claims alike; a measure's unit says what it
        # measures, so its frames alone may bind it ("calata del 13% l'anno scorso", "fell by
        # 30% last year")
        return -math.inf
    if x.kind == "tally" and (x.low == y.low or x.second == y.second):
        return math.inf  # one count the same, the other not: one vote, counted differently
    return frame_z(frames.frame(a, x), frames.frame(b, y))


_BOUND_GRANULARITIES = frozenset({"day", "month", "year"})
# values whose clause may say what they are of ([things] for counts, [amounts] for money)
_THING_KINDS = frozenset({ValueKind.COUNT, ValueKind.MONEY})


def _two_happenings(
    a: ClaimFacts, x: Value, b: ClaimFacts, y: Value, frames: _Frames
) -> bool:
    """Whether two dates are of two happenings whatever their words: other people's, two
    bodies' acts, or two [events] (an opening and a collapse are two happenings in any
    words)."""
    return (
        other_actors(a, x, b, y, frames)
        or other_bodies(a, x, b, y)
        or bool(x.event and y.event and x.event != y.event)
    )


def _date_match(
    x: Value,
    y: Value,
    a: ClaimFacts,
    b: ClaimFacts,
    frames: _Frames,
    frame_z: Callable[[str, str], float],
    similar_claims: bool,
    date_z: float,
) -> float:
    """Two dates are of one happening when the words around them (the verb, the event, its
    actor) say so: their frames ``date_z`` σ alike or the same [events] word on both sides
    (``values.Value.event``; different ones never meet), or the claims as a whole close
    (``similar_claims``) and the dates stated alike. Never when the frames name different
    people. A day and a month compare as intervals ("end of March" vs "1 February") when
    the frames bind them; a year against a day stays two happenings unless they do."""
    if _two_happenings(a, x, b, y, frames):
        return -math.inf
    score = frame_z(frames.frame(a, x), frames.frame(b, y))
    # the same happening by each language's own [events] words ("opened in", "werd … geopend")
    # binds as surely as frames the embedder matched
    bound = score >= date_z or bool(x.event and x.event == y.event)
    alike = granularity(x) == granularity(y)
    if bound and (alike or {granularity(x), granularity(y)} <= _BOUND_GRANULARITIES):
        return max(score, date_z)
    if similar_claims and alike:
        return score
    return -math.inf


def _counts_stated(tally: Value, values: Sequence[Value]) -> bool:
    """Whether the other claim states a tally's count as a plain number (not as a tally)."""
    counts = {v.low for v in values if v.kind not in ("tally", "date") and v.low == v.high}
    return tally.low in counts or tally.second in counts


def _label(x: Value, y: Value) -> str:
    thing = x.counted or y.counted
    words = f"{describe(x)} vs {describe(y)}"
    return f"{thing}: {words}" if thing and thing not in words else words


def bare(value: Value) -> str:
    """A value's words without what it counts: "49" for "49 muertos", equal across languages."""
    return describe(replace(value, counted=""))


_OPENING_QUOTES = "\"'“„«‹‘‚"
_CLOSING_QUOTES = "\"'”“»›’‘"


def _quoted(facts: ClaimFacts, name: Name) -> bool:
    """A name standing alone in quotation marks is a nickname, a character or a title
    ("do a ‘Frank Pentangeli’"), not a person filling a slot."""
    before = facts.text[: name.start].rstrip()
    after = facts.text[name.end :].lstrip()
    return bool(before and after) and before[-1] in _OPENING_QUOTES and after[0] in _CLOSING_QUOTES


def _distinct(names: Sequence[Name]) -> list[Name]:
    """The different people among ``names``, the first name of each ("Trump … Donald Trump" is
    one)."""
    kept: list[Name] = []
    for name in names:
        if not any(person.same_person(name, k) for k in kept):
            kept.append(name)
    return kept


def _people(facts: ClaimFacts) -> int:
    """How many different people a claim names."""
    return len(_distinct(facts.names))


def _full_names(facts: ClaimFacts) -> list[Name]:
    """The claim's names less a lone last name whose full name it writes too: "Mirrin said" after
    "TRF-Chef Harald Mirrin" is Harald Mirrin again, and names no one else ("Halvard Mirrin"
    on the other side is not named there by it)."""
    return [
        n for n in facts.names
        if n.given or not any(m.given and person.same_last_name(n, m) for m in facts.names)
    ]


def _name_conflicts(
    a: ClaimFacts, b: ClaimFacts, in_office: bool = False
) -> list[Conflict]:
    """Different people in one slot: neither named on the other side (a wife and her husband
    named together are two people, not a conflict), and neither a quoted name. A claim
    naming ``LIST_PEOPLE`` or more people (the wounded, a cabinet) has no one slot: there a
    first name shared by two people is chance, and only one family name with other given
    names (Loretta vs Linda Sánchez) still clashes. ``in_office``: only names in the same
    office on both sides ("Engineer Marek Dolan", "O engenheiro Pavel Dolan")."""
    listed = max(_people(a), _people(b)) >= LIST_PEOPLE
    found = []
    told = _full_names(a), _full_names(b)
    for x in a.names:
        for y in b.names:
            if in_office and not (x.office and x.office == y.office):
                continue
            if (
                not _quoted(a, x)
                and not _quoted(b, y)
                and person.name_conflict(x, y)
                and not (listed and not person.same_last_name(x, y))
                and not any(person.same_person(x, z) for z in told[1])
                and not any(person.same_person(y, z) for z in told[0])
            ):
                found.append(
                    Conflict(ConflictKind.NAME, f"{x.text} vs {y.text}", "", x.text, y.text)
                )
    return found


def _rival_offices(a: ClaimFacts, b: ClaimFacts) -> list[str]:
    """The offices both claims name a holder of, where the holders are rival names for one slot
    (``names.name_conflict``: "Hillary Trump" against "Hillary Clinton")."""
    return sorted({
        x.office for x in a.names for y in b.names
        if x.office and x.office == y.office and person.name_conflict(x, y)
    })


def other_holders(a: ClaimFacts, b: ClaimFacts) -> list[str]:
    """The offices both claims name a holder of, where the holders are not one person (one
    person in them is already an anchor, "both name …"): both speak of who the chief engineer
    is."""
    offices = {
        x.office
        for x in a.names
        for y in b.names
        if x.office and x.office == y.office and not person.same_person(x, y)
    }
    return sorted(offices)


def shared_people(a: ClaimFacts, b: ClaimFacts) -> list[Name]:
    """The persons both claims name, counted from the side naming fewer of them: "Hunter"
    on one side is one person shared, not both "Duncan Hunter" and "Margaret Hunter" of the
    other, whichever claim the pair reads first (of equal counts, the fuller names)."""
    same = [[person.same_person(x, y) for y in b.names] for x in a.names]
    ways = (
        [x for x, row in zip(a.names, same, strict=True) if any(row)],
        [y for j, y in enumerate(b.names) if any(row[j] for row in same)],
    )
    return min(ways, key=lambda found: (len(found), -sum(len(n.text) for n in found),
                                         [n.text for n in found]))


def different_subjects(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Both claims name persons and none of them the same: a figure of each is likely about
    different people ("Hoyer ... since 2003" is not when Pelosi took over)."""
    return bool(a.names and b.names and not shared_people(a, b))


def _parallel_conflicts(
    parallel: Parallel, a: ClaimFacts, b: ClaimFacts, different: bool, other_times: bool
) -> list[Conflict]:
    """What lined-up figures disagree on: the figure beside the shared ones, or (the same
    result told twice) its day. As for values matched by their frames, none between claims
    naming different people, and no figure where one side tells of another time."""
    if different:
        return []
    if parallel.differs is not None:
        if other_times:
            return []
        x, y = parallel.differs
        return [Conflict(kind_of(x), _label(x, y), x.counted or y.counted, bare(x), bare(y))]
    dated = one_day_each(a, b)
    if dated is None or not conflicting(*dated) or other_bodies(a, dated[0], b, dated[1]):
        return []  # the Senate's day is not the day of the lower house's vote told beside it
    x, y = dated
    return [Conflict(ConflictKind.DATE, _label(x, y), "", bare(x), bare(y))]


def one_account(pair: Pair) -> bool:
    """Two claims that are one account by the structure of their articles: each is the
    other's best match in its article, and a claim's whole paragraph chose the other. A small
    embedder links two languages' sentences weakly ("Les secouristes ont travaillé pendant 12
    heures", "Rescue teams worked for 20 hours": 2.2σ), but where nothing else in either
    article comes closer, both ways, and the paragraphs agree, the two tell one thing. So do
    two claims that are each other's nearest with a like measure (``Channel.MEASURE``)."""
    return Channel.MEASURE in pair.found_by or (
        Channel.MUTUAL in pair.found_by and any(c.by_paragraph for c in pair.found_by)
    )


def _sole_partner(
    x: Value,
    a: ClaimFacts,
    b: ClaimFacts,
    scored: Sequence[tuple[float, Value]],
    sole_z: float,
    counted_z: Callable[[str, str], float],
    counted_min: float,
) -> list[Value]:
    """The one value of ``x``'s measure on the other side, when ``x`` is the one of it on its
    own side too and the claims are told alike: "38 percent of the roof supports" and "28%
    крепёжных опор" in one warning are one share told twice, though in long sentences the
    words either side of each (a name, "in October warning that") match poorly. A vote's tally
    is such a measure too ("voted 14 to 5", "par 13 voix contre 6": one vote).

    A count's unit is what it counts, so a count takes part only with things named alike on
    both sides (``counted_z`` of the counted words at ``counted_min``): "421.000 Stimmen" and
    "412,000 votes" are one tally told twice, "16 of the 23 miners" are two counts of one
    thing (never one each), and "nobody" counts nothing a frame can name.
    """
    if x.kind == ValueKind.COUNT:
        if not x.counted or x.low <= 0:
            return []
        mine = [v for v in a.values if v.kind == x.kind and v.counted
                and counted_z(x.counted, v.counted) >= counted_min]
        theirs = [(score, y) for score, y in scored
                  if y.kind == x.kind and y.counted and y.low > 0 and _one_measure(x, y)
                  and counted_z(x.counted, y.counted) >= counted_min]
    elif x.kind in _MEASURES or x.kind == ValueKind.TALLY:
        mine = [v for v in a.values if v.kind == x.kind and v.unit == x.unit]
        theirs = [(score, y) for score, y in scored
                  if y.kind == x.kind and y.unit == x.unit and _one_measure(x, y)]
    else:
        return []
    if len(mine) != 1 or len(theirs) != 1 or theirs[0][0] < sole_z:
        return []
    return [theirs[0][1]]


# a day is the date of many happenings in one story (Monday's collapse, Tuesday's visit, the
# strike called for Friday): only a year or a month is one claim's one date told twice
_SOLE_GRANULARITIES = frozenset({"year", "month"})


def _sole_date(
    x: Value,
    a: ClaimFacts,
    b: ClaimFacts,
    frames: _Frames,
    frame_z: Callable[[str, str], float],
    least: float,
) -> list[Value]:
    """The other claim's one date, when each of two claims told alike (or one account) holds
    one date, a year or a month, each the date of its clause ("En 1989, el derrumbe de una
    valla", "nel 1998 il cedimento di una barriera"; ``values.dates_its_clause``), and their
    frames ``least`` σ alike: one happening dated twice, though a weak embedder binds the two
    languages' words around them no better than chance. Never a year naming a thing ("the
    2001 attacks" against "a 1976 law"), other people's dates, or two [events] happenings."""
    if x.kind != ValueKind.DATE or granularity(x) not in _SOLE_GRANULARITIES:
        return []
    theirs = [y for y in b.values if y.kind == ValueKind.DATE]
    if sum(v.kind == ValueKind.DATE for v in a.values) != 1 or len(theirs) != 1:
        return []
    y = theirs[0]
    if (
        granularity(y) != granularity(x)
        or not dates_its_clause(a.text, a.language, x)
        or not dates_its_clause(b.text, b.language, y)
        or _two_happenings(a, x, b, y, frames)
    ):
        return []
    return [y] if frame_z(frames.frame(a, x), frames.frame(b, y)) >= least else []


def several_dates(facts: ClaimFacts) -> bool:
    """A claim with several dates tells of several happenings: which is which is not known."""
    return sum(v.kind == "date" for v in facts.values) > 1


def pair_evidence(
    pair: Pair,
    a: ClaimFacts,
    b: ClaimFacts,
    frame_z: Callable[[str, str], float],
    full_z: float,
    *,
    min_frame_z: float = math.inf,
    name_z: float = math.inf,
    max_ratio: float = math.inf,
    date_z: float = math.inf,
    sole_z: float = math.inf,
    account_z: float = math.inf,
) -> Evidence:
    """The same-event score of ``pair`` and the value and name conflicts it carries.

    ``frame_z`` scores two value frames (``frame``); a value's partner on the other side is
    its best-scoring one at ``min_frame_z`` or above, and figures more than ``max_ratio``
    apart are not taken for one figure reported twice. On claims told alike, the one measure
    of a kind on each side needs only ``sole_z`` (``_sole_partner``). A name conflict needs
    the claims ``name_z`` σ similar (the same slot, told alike). Claims that are one account
    by their structure (``one_account``) take the one measure of a kind each holds as one
    figure told twice from ``account_z``, however unlike the claims as a whole.
    """
    # values that count nothing in words (dates, tallies, bare amounts) are of the same
    # happening only when the claims themselves are this close
    similar_claims = pair.z >= full_z
    account = one_account(pair)
    anchors: list[str] = [f"both name {x.text}" for x in shared_people(a, b)]
    different = different_subjects(a, b)
    # a figure told of another year or a target on one side only is a figure of another time
    other_times = told_of_other_times(a, b)
    frames = _Frames()  # each value's frame read once, however many values the other side has
    conflicts: list[Conflict] = []
    things: list[str] = []  # what the conflicting values count: shown, but no evidence
    same_values: list[str] = []
    # dates bound by their words but on claims less alike as a whole: they clash only where a
    # value of something else is stated alike on both sides (the same bridge, the same vote)
    bound_dates: list[Conflict] = []
    anchored = False  # a value other than a date stated alike on both sides
    tolls: list[str] = []  # one thing counted in one range on both sides: one toll
    for x in a.values:
        scored = [
            (_match(x, y, a, b, frames, frame_z, similar_claims, date_z), y) for y in b.values
        ]
        partners = [y for score, y in sorted(scored, key=lambda t: -t[0]) if score >= min_frame_z]
        if not partners and (similar_claims or account):
            least = sole_z if similar_claims else account_z
            partners = _sole_partner(x, a, b, scored, least, frame_z, min_frame_z) or _sole_date(
                x, a, b, frames, frame_z, least
            )
        if not partners:
            # one figure with its digits in another order ("1.420 banen", "1,240 jobs"): one
            # figure miscopied, whatever the words around each
            partners = [y for y in b.values if transposed(x, y) and comparable(x, y)][:1]
            if partners and not far_apart(x, partners[0], max_ratio):
                tolls.append(f"the same digits in another order: {describe(x)} / "
                             f"{describe(partners[0])}")
        if not partners:
            continue
        if any(not conflicting(x, y) for y in partners):  # the same value is stated too
            if x.kind in _MEASURES and not (x.counted or x.thing or similar_claims):
                # bound by its frames alone: enough to see a measure disagreed on, not to
                # vouch that two claims unlike as a whole tell one thing ("more than $60,000"
                # repaid, "earlier this year" against "then")
                continue
            anchors.append(f"same value: {describe(x)}")
            same_values.append(describe(x))
            anchored |= x.kind != ValueKind.DATE
            continue
        if x.kind == "tally" and _counts_stated(x, b.values):
            continue  # "97 to 1" against "97 senators, one against": the vote is stated
        if x.kind != ValueKind.DATE and any(
            comparable(x, y) and not conflicting(x, y) for y in b.values
        ):
            # the other claim states this figure too, beside another: "7 dead and 23 hurt"
            # against "7 dead and 25 hurt" is not 7 against 25, whatever words the frames
            # reach across the clause
            continue
        partner = partners[0]
        if far_apart(x, partner, max_ratio):
            continue
        if partner.kind == "tally" and _counts_stated(partner, a.values):
            # the same the other way round: "348-77 in the House" against "97 to 1", where
            # this claim states 97 senators and one against (whichever claim reads first)
            continue
        # a claim with several dates tells of several happenings: a date is compared only
        # with the date its frame binds it to (the same verb, event or actor)
        if (
            x.kind == "date"
            and (several_dates(a) or several_dates(b))
            and next(sc for sc, y in scored if y is partner) < date_z
        ):
            continue
        if x.kind == ValueKind.DATE and (
            (_said_in_clause(a, x) and _said_in_clause(b, partner))
            or _said_on(a, x) or _said_on(b, partner)
        ):
            # a speech verb beside each date dates the telling: one person tells things on
            # many days ("announced on Thursday a delay", "annunciato venerdì un piano"), and
            # two days of telling are not one happening dated twice. A date right at its
            # speech verb dates the telling whatever the other side's date is ("Police said
            # on Monday that the bridge collapsed" against "it collapsed on Sunday")
            continue
        if x.counted:
            things.append(f"same thing counted: {x.counted}")
        if x.thing and x.thing == partner.thing and not far_apart(x, partner, THING_RATIO):
            # two tolls of the dead in one story, in the same range: one toll disagreed on
            # (49 vs 50, 12 vs 17). Far apart, they are as often two events' tolls (the
            # attack last year that killed 14): no anchor then, the similarity decides
            told = "counted" if x.kind == ValueKind.COUNT else "stated"
            tolls.append(f"the {x.thing} {told} on both sides")
        age_now = _ages_now(x, partner, a, b)
        if age_now and abs(x.low - partner.low) <= AGE_SPREAD:
            # one person's age now, told twice: like a toll, the person named on both sides
            # vouches that the two claims tell of one thing
            tolls.append("one person's age stated on both sides")
        if different or (other_times and x.kind != "date" and not age_now):
            continue
        found = Conflict(kind_of(x), _label(x, partner), x.counted or partner.counted, bare(x),
                         bare(partner))
        # the words around two dates tell the verb, not what was done: "announced on
        # Thursday a delay" and "announced on Friday a plan" are two announcements. Two
        # dates clash where the claims as a whole tell one happening, or where something
        # else is stated alike beside them, one date each ("the 320-metre bridge opened in")
        if x.kind == "date" and not similar_claims:
            if _one_persons(x, partner, a, b):
                conflicts.append(found)  # one person's birth, one person's taking office
            elif _once_things(x, partner, a, b, frames, frame_z):
                # one thing's opening or building dated on both sides, each by its own
                # language's [events] words: the shape of two accounts of one thing, like a
                # toll counted on both sides
                conflicts.append(found)
                tolls.append(f"the {x.event.replace('_', ' ')} dated on both sides")
            elif not (several_dates(a) or several_dates(b)):
                bound_dates.append(found)
            continue
        conflicts.append(found)
    if anchored:
        conflicts += bound_dates
    if not (different or other_times):
        conflicts += denied_happenings(a, b)
        if not any(c.kind == ConflictKind.DATE for c in conflicts):
            conflicts += toll_days(a, b, frames)
    if similar_claims and not same_values:
        # claims told alike, each stating one day, the same: the day is stated alike ("testify
        # on Thursday, November 12", "entendra … le jeudi 12 novembre"), as the one day each of
        # claims told alike must agree for them to tell one thing (``clashing``)
        dated = one_day_each(a, b)
        if dated is not None and not conflicting(*dated) and dated[0].low == dated[0].high:
            anchors.append(f"same value: {describe(dated[0])}")
            same_values.append(describe(dated[0]))
    lined_up = lined_up_things(a, b)
    if lined_up:
        anchors.append(f"both count {', '.join(lined_up)}")
    parallel = parallel_figures(a, b, max_ratio, near=NEAR_ONE_SHARED)
    if parallel is not None:
        conflicts += _parallel_conflicts(parallel, a, b, different, other_times)
        if parallel.differs is None:
            same_values += [describe(v) for v in parallel.values]
    # an anniversary of this year beside its event ("the memorial on 11 September 2016" vs
    # "the attacks of 11 September 2001") is two happenings: one side of another time only
    calendar = None if different or other_times else another_year(a, b)
    if calendar is not None:
        x, y = calendar
        conflicts.append(Conflict(ConflictKind.DATE, _label(x, y), "", bare(x), bare(y)))
    # one slot: the claims told alike, or one account by its structure (a claim's paragraph
    # chose the other, and a value of the same thing is stated alike)
    told_alike = any(c.by_paragraph for c in pair.found_by) and bool(same_values)
    if pair.z >= name_z or told_alike:
        conflicts += _name_conflicts(a, b)
    else:
        # one office held by different people on each side is one slot, however little
        # else the claims share: "Chief engineer Tomas Hruby" vs "Hlavní inženýr Pavel Hrubý"
        conflicts += _name_conflicts(a, b, in_office=True)
    # one office held by rival names on each side ("Trumps Rivalin Hillary Trump", "Trump's
    # rival, Hillary Clinton") is one slot told twice, like one toll told twice: more than an
    # office merely named on both sides (its holders may change, or be two people)
    rivals = _rival_offices(a, b)
    anchors += [
        f"the {o.replace('_', ' ')} named on both sides" for o in other_holders(a, b)
        if o not in rivals
    ]
    tolls += [f"the {o.replace('_', ' ')} named on both sides, held by rival names"
              for o in rivals]
    # a term quoted alike on both sides is shared like a value stated alike; one person's
    # term denied on one side only is one proposition denied and told ("por no reconocer
    # como “acto terrorista”", "what he called a devastating “act of terror”")
    alike = _terms_alike(a, b, frame_z, min_frame_z)
    if alike:
        anchors.append(f"same term quoted: {alike[0][0].text} / {alike[0][1].text}")
    opposed = [] if other_times else opposed_terms(a.terms, b.terms)  # another year: a change
    conflicts += [_term_conflict(x, y) for x, y in alike if (x, y) in opposed][:1]
    # one class each of a group of exclusive states ("in critical condition", "fuori
    # pericolo"), told of the one person each claim is about, or on claims told alike (or one
    # account) of no one else: one thing's state told two ways. One person's state told
    # twice weighs like a toll, as one person's age does
    states = other_states(a, b)
    one_persons = bool(states) and _one_bearer(a, b)
    if states and not other_times and (
        one_persons or ((similar_claims or account) and not different)
    ):
        conflicts += [
            Conflict(ConflictKind.STATE, f"{x.group}: {x.text} vs {y.text}", x.group, x.text,
                     y.text)
            for x, y in states
        ]
    if one_persons:
        tolls.append(f"one person's {states[0][0].group} stated on both sides")
    similarity = min(1.0, max(0.0, pair.z / full_z)) if full_z > 0 else 1.0
    score = SIMILARITY_WEIGHT * similarity + ANCHOR_WEIGHT * min(len(anchors), MAX_ANCHORS)
    if any(c.by_paragraph for c in pair.found_by):
        # a claim's whole paragraph chose the other claim as its best match: strong evidence
        anchors.append("paragraph matched")
        score += PARAGRAPH_WEIGHT
    if tolls:
        anchors += tolls
        score += TOLL_WEIGHT
    if Channel.MEASURE in pair.found_by:
        anchors.append("each the other's nearest claim with a like measure")
        score += MEASURE_WEIGHT
    if Channel.ONE_FIGURE in pair.found_by:
        anchors.append("each its article's one figure for it")
        score += ANCHOR_WEIGHT
    denials = () if different or other_times else bare_denials(a, b)
    if denials:
        anchors.append(f"denied on one side, told on the other: {', '.join(denials)}")
        score += DENIAL_WEIGHT
    if parallel is not None:  # like a matched paragraph: weighed apart from the anchors
        anchors.append(parallel.describe())
        score += PARALLEL_WEIGHT
    elif calendar is not None:  # one day of the calendar lines up like shared figures
        anchors.append(f"same day and month: {calendar[0].text} / {calendar[1].text}")
        score += PARALLEL_WEIGHT
    # a disagreement shows that both speak of the same thing, but it must not vouch for
    # itself: the score rests on similarity and on what the claims share (the same people,
    # values stated alike, one thing counted in one range by each language's own words; two
    # frames the embedder matched are the conflict itself, and add nothing)
    reasons = (f"similarity {pair.z:.1f}σ", *dict.fromkeys([*anchors, *things]))
    clashes = clashing(a, b)  # read once: it compares every pair of the claims' names
    return Evidence(
        round(min(1.0, score), 3),
        reasons,
        tuple(dict.fromkeys(conflicts)),
        tuple(dict.fromkeys(same_values)),
        differing_values(a, b, max_ratio, clashes),
        (
            *clashes,
            *counted_alike(a, b, frame_z, min_frame_z, max_ratio),
            *measures_differ(a, b, max_ratio),
        ),
        uncounted=counted_on_one_side(a, b),
        negated=denied_twin(a, b),
    )


def other_states(a: ClaimFacts, b: ClaimFacts) -> list[tuple[State, State]]:
    """For each group of states both claims tell, the one state of each side where each
    tells one class of it and the classes differ: "in critical condition" against "fuori
    pericolo". A claim telling two classes of a group ("critical but stable", two people's
    conditions) tells none of it."""
    found = []
    for group in dict.fromkeys(s.group for s in a.states):
        mine = [s for s in a.states if s.group == group]
        theirs = [s for s in b.states if s.group == group]
        kinds = {s.kind for s in mine}, {s.kind for s in theirs}
        if len(kinds[0]) == 1 and len(kinds[1]) == 1 and kinds[0] != kinds[1]:
            found.append((mine[0], theirs[0]))
    return found


def _one_bearer(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Whether the two claims are each about one person, the same: the one person a claim
    names or, naming no one, the one person the sentence before names ("Marren is in
    critical condition", "He was in critical condition" after "Among the injured was Luka
    Marren")."""
    mine, theirs = (_distinct(f.names or f.before) for f in (a, b))
    return len(mine) == 1 and len(theirs) == 1 and person.same_person(mine[0], theirs[0])


def _terms_alike(
    a: ClaimFacts, b: ClaimFacts, frame_z: Callable[[str, str], float], least: float
) -> list[tuple[Term, Term]]:
    """The pairs of quoted terms, one each side, ``least`` σ alike (as two values' frames of
    one thing), the most alike first."""
    scored = [(frame_z(x.text, y.text), n, x, y)
              for n, (x, y) in enumerate((x, y) for x in a.terms for y in b.terms)]
    return [(x, y) for z, _, x, y in sorted(scored, key=lambda t: (-t[0], t[1])) if z >= least]


def _term_conflict(x: Term, y: Term) -> Conflict:
    def told(term: Term) -> str:
        return f"“{term.text}” {'not used' if term.denied else 'used'}"

    who = y.bearer.text if y.bearer else ""
    return Conflict(ConflictKind.NEGATION, f"{who}: {told(x)} vs {told(y)}", who, told(x),
                    told(y))


def denied_twin(a: ClaimFacts, b: ClaimFacts) -> str:
    """How one claim denies the other in the same words ("b says 'not'"), or "": only for
    claims read in one language (words are compared as written)."""
    if a.language != b.language:
        return ""
    side, words = negated_twin(a.text, b.text, a.language)
    return f"{side} adds '{words}'" if side else ""


_UNIT_KINDS = frozenset({ValueKind.DURATION, ValueKind.AGE, ValueKind.PERCENT, ValueKind.MONEY})


_WORD = re.compile(r"[^\W\d_]+")


def one_saying(a: ClaimFacts, b: ClaimFacts) -> tuple[str, str] | None:
    """The two quotations of claims that each quote a person they name as its speaker, where
    the speakers are not one person and neither claim names the other's: if the quotations
    are one (the caller measures how alike, ``Evidence.saying_z``), one saying is given to two
    people ("'This is the day Korvia stopped hiding,' Varesk told the chamber" against "…,"
    Prime Minister Hollan told deputies). An institution speaking ("the Kremlin said") is no
    person: its spokesman quoted elsewhere is the same voice."""
    speakers = a.signals.speaker, b.signals.speaker
    if not all(speakers) or person.same_speaker(*speakers):
        return None
    named = [{person.speaker_key(n.text) for n in f.names} for f in (a, b)]
    # every capitalised word, for the other's speaker named in passing ("quoting Hollan")
    words = [
        {person.speaker_key(w) for w in _WORD.findall(f.text) if w[0].isupper()} for f in (a, b)
    ]
    own = [person.speaker_key(s) for s in speakers]
    if own[0] not in named[0] or own[1] not in named[1] or own[0] in words[1] or own[1] in words[0]:
        return None
    said = quotation(a.text), quotation(b.text)
    return (said[0], said[1]) if all(said) else None


def _doubt_and_assertion(a: ClaimFacts, b: ClaimFacts) -> tuple[ClaimFacts, ClaimFacts] | None:
    """The claim that doubts and the claim that asserts, in that order, when one of the two
    doubts and the other asserts; None otherwise."""
    for doubting, other in ((a, b), (b, a)):
        if doubting.signals.certainty in DOUBTED and other.signals.certainty in FIRM:
            return doubting, other
    return None


def open_question(a: ClaimFacts, b: ClaimFacts) -> tuple[str, str] | None:
    """The open question one claim doubts ("could not confirm whether the fire was set") and
    what the other claim tells, when the other asserts: its own clause after a that-word when it
    has one ("confirmed that the fire had been set"), else its text; None otherwise."""
    sides = _doubt_and_assertion(a, b)
    if sides is None or not sides[0].signals.doubt_question:
        return None
    doubting, other = sides
    return doubting.signals.doubt_question, other.signals.told_clause or other.text


def doubted_statement(a: ClaimFacts, b: ClaimFacts) -> tuple[str, str] | None:
    """The statement one claim doubts ("could neither confirm nor deny reports that a ferry
    sank near the harbour": its clause after the that-word) and what the other claim tells,
    when the other asserts and the doubt is no open question (``open_question``); None
    otherwise."""
    sides = _doubt_and_assertion(a, b)
    if sides is None or sides[0].signals.doubt_question or not sides[0].signals.told_clause:
        return None
    doubting, other = sides
    return doubting.signals.told_clause, other.signals.told_clause or other.text


def _counts_of_told(a: ClaimFacts, b: ClaimFacts) -> Iterator[tuple[bool, Value, str]]:
    """Each count one claim states of a thing the other tells of as happened with no count
    (``ClaimFacts.happened``): (whether the count is a's, the count, the other's word). What
    ``denied_happenings`` (a count of none) and ``counted_on_one_side`` (a count of some)
    read."""
    for counting, other in ((a, b), (b, a)):
        told = dict(other.happened)
        for x in counting.values:
            if x.kind == ValueKind.COUNT and x.thing in told:
                yield counting is a, x, told[x.thing]


def denied_happenings(a: ClaimFacts, b: ClaimFacts) -> list[Conflict]:
    """One proposition denied and asserted: a count of none of a thing on one side ("No one has
    been charged", "Nessuno è rimasto ferito") and the same thing told as happened on the other
    with no count ("è stato accusato di negligenza", "Policja zatrzymała kierownika"). A count
    against a count is the values' business; a doubt is no assertion."""
    found = []
    for in_a, x, word in _counts_of_told(a, b):
        if x.high != 0 or (b if in_a else a).signals.certainty in DOUBTED:
            continue
        sides = (describe(x), word) if in_a else (word, describe(x))  # a's side first
        found.append(Conflict(NUMBER, " vs ".join(sides), x.thing, *sides))
    # none of a thing against some of it told as a part ("Verletzt wurde niemand" against
    # "three officers were lightly injured"): a part is never compared with a whole as a
    # figure, but some of a thing denies none of it
    for denying, other in ((a, b), (b, a)):
        if other.signals.certainty in DOUBTED:
            continue
        for x in denying.values:
            if x.kind != ValueKind.COUNT or x.high != 0 or not x.thing or x.role:
                continue
            for y in other.values:
                if y.kind == ValueKind.COUNT and y.thing == x.thing and y.role and y.low > 0:
                    sides = (describe(x), describe(y)) if denying is a else (
                        describe(y), describe(x))
                    found.append(Conflict(NUMBER, " vs ".join(sides), x.thing, *sides))
    return found


def bare_denials(a: ClaimFacts, b: ClaimFacts) -> tuple[str, ...]:
    """Things one claim denies outright and the other tells as happened or counts: "No one has
    been arrested", "Verletzt wurde niemand", "Ninguém foi acusado até agora" (a count of none,
    of no group, the claim's only value) against "The captain was arrested on Monday" or "three
    officers were lightly injured". Within one story such a denial is of the story's
    happening, so the two are one proposition however unlike they read; a denial of a group
    ("none of the associates was charged") or beside a date or a figure ("nobody was hurt in
    the second blast on 3 May") is of something narrower, and a doubt asserts nothing."""
    found = []
    for denying, other in ((a, b), (b, a)):
        if len(denying.values) != 1 or other.signals.certainty in DOUBTED:
            continue
        (zero,) = denying.values
        if zero.kind != ValueKind.COUNT or zero.high != 0 or not zero.thing or zero.role:
            continue
        told = {thing for thing, _ in other.happened} | {
            v.thing for v in other.values if v.kind == ValueKind.COUNT and v.low > 0
        }
        if zero.thing in told:
            found.append(zero.thing)
    return tuple(dict.fromkeys(found))


def counted_on_one_side(a: ClaimFacts, b: ClaimFacts) -> tuple[str, ...]:
    """Counts one claim states of a thing the other tells of as happened with no count of it
    ("Six people were injured" vs "The gunman injured a senator, two guards and an aide";
    "Cinque persone sono rimaste ferite" vs "Nell'attacco è rimasto ferito il senatore"): the
    two may describe one event, but only one says how many. A count of none is
    ``denied_happenings``' business."""
    return tuple(dict.fromkeys(
        f"only {'a' if in_a else 'b'} says how many: {describe(x)}"
        for in_a, x, _ in _counts_of_told(a, b)
        if x.high > 0
    ))


def _subject(facts: ClaimFacts, value: Value) -> tuple[Name, ...]:
    """Whose happening a value dates: the people in its frame, else the claim's one person
    ("Governor Lena Marsh, who took office in 2019": the relative clause leaves her out of
    the frame)."""
    return actors(facts, value) or (facts.names if len(facts.names) == 1 else ())


def _one_persons(x: Value, y: Value, a: ClaimFacts, b: ClaimFacts) -> bool:
    """Two dates of one person's once-only happening (``all/values.toml personal_events``:
    a birth, taking office), the same person on both sides."""
    personal = languages.get(a.language).shared("values").get("personal_events", [])
    if not (x.event and x.event == y.event and x.event in personal):
        return False
    return any(person.same_person(p, q) for p in _subject(a, x) for q in _subject(b, y))


ONCE_FRAME_Z = 0.0  # frames of a once-only event's two dates no less alike than unrelated text


def _once_things(
    x: Value,
    y: Value,
    a: ClaimFacts,
    b: ClaimFacts,
    frames: _Frames,
    frame_z: Callable[[str, str], float],
) -> bool:
    """Two dates of one thing's once-only happening (``all/values.toml once_events``: an
    opening, a building, a founding), told in frames at least
    ``ONCE_FRAME_Z`` alike, naming no different people nor different things before them
    ([objects]: a bridge is no museum), with no other date of that event on either side
    (other dates are other happenings): "The Halvern mine, which opened in
    1961" and "Шахта «Халверн» была открыта в 1958 году" date one opening, however unlike
    the rest of the two sentences."""
    once = languages.get(a.language).shared("values").get("once_events", [])
    if not (x.event and x.event == y.event and x.event in once):
        return False
    if other_actors(a, x, b, y, frames) or any(
        v.kind == ValueKind.DATE and v.event == x.event and v is not w
        for facts, w in ((a, x), (b, y)) for v in facts.values
    ):
        return False  # different people, or two openings told on one side
    named = objects_before(a.text, a.language, x), objects_before(b.text, b.language, y)
    if named[0] and named[1] and not named[0] & named[1]:
        return False  # the bridge's opening and the museum's
    return frame_z(frames.frame(a, x), frames.frame(b, y)) >= ONCE_FRAME_Z


def _said_in_clause(facts: ClaimFacts, value: Value) -> bool:
    """Whether a speech verb stands in the value's clause ("officials said on Monday"): the
    date of the telling, not of what is told."""
    start, end = languages.clause_span(facts.text, value.start, value.end)
    return any(start <= at < end for at in facts.signals.said_at)


SAID_ON_WORDS = 2  # words between a speech verb and the date it dates ("said late on Monday")
_SAID_ON_GAP = re.compile(rf"^\s*(?:[^\W\d_][\w'’-]*\s+){{0,{SAID_ON_WORDS}}}$")


def _said_on(facts: ClaimFacts, value: Value) -> bool:
    """Whether the date stands right at a speech verb, at most ``SAID_ON_WORDS`` words and no
    punctuation between ("said on Monday", "Am Montag sagte", "ha annunciato giovedì"): the
    day of the telling. "said it would not be held this Tuesday" dates what is told."""
    text = facts.text
    for at in facts.signals.said_at:
        if at >= value.end:
            if _SAID_ON_GAP.match(text[value.end:at]):
                return True
            continue
        # the verb is its first word or its first two ("ha detto"): the gap starts after either
        for word in list(re.finditer(r"\S+", text[at:value.start]))[:2]:
            if _SAID_ON_GAP.match(text[at + word.end():value.start]):
                return True
    return False


def toll_days(a: ClaimFacts, b: ClaimFacts, frames: _Frames | None = None) -> list[Conflict]:
    """The day of one toll: both claims count the same thing alike by their language's own
    words ("Six people were killed", "zahynulo šest lidí"), each states one day and nothing
    else dated, so each day is the day of that happening, and two days cannot both hold.
    The words around the days need not match (a weak embedder rarely binds "v pondělí ráno"
    to "late on Sunday"): the toll binds them. Not a day to come (a toll has happened: "closed
    until Thursday" dates something else), not a day in a speech verb's clause ("officials
    said on Monday" dates the telling) or in a claim telling an update ("the toll rose to nine
    on Monday" dates the rise), not days whose words name different people."""
    if not any(
        x.kind == ValueKind.COUNT == y.kind and x.thing and x.thing == y.thing
        and not conflicting(x, y)
        for x in a.values
        for y in b.values
    ):
        return []
    if several_dates(a) or several_dates(b):
        return []
    dated = one_day_each(a, b)
    if dated is None or not conflicting(*dated):
        return []
    x, y = dated
    for facts, day in ((a, x), (b, y)):
        if facts.published is not None and day.high > facts.published.toordinal():
            return []
        if _said_in_clause(facts, day) or facts.signals.update_cue:
            return []  # the day of the telling, or of the toll's rise ("rose to 9 on Monday")
    if other_actors(a, x, b, y, frames):
        return []
    return [Conflict(ConflictKind.DATE, _label(x, y), "", bare(x), bare(y))]


def _one_count(facts: ClaimFacts) -> Value | None:
    """The claim's count, when it states exactly one."""
    counts = [v for v in facts.values if v.kind == ValueKind.COUNT]
    return counts[0] if len(counts) == 1 else None


def _differing_pairs(
    a: ClaimFacts, b: ClaimFacts, max_ratio: float
) -> list[tuple[Value, Value]]:
    """Values measured alike on both sides (counts of the same kind and counted-ness, or the
    one count of each; durations, ages, percentages and money by their unit) that cannot both
    hold and are not far apart, where neither is stated alike on the other side: two claims
    stating 21 and 22 years are not one statement, whatever their words around them. Each as
    (a's value, b's value)."""
    found = []
    one_count_each = _one_count(a) is not None and _one_count(b) is not None
    # either side's value may be the one with no like partner: both ways, whichever claim
    # the pair reads first
    for x, other in [*((x, b) for x in a.values), *((y, a) for y in b.values)]:
        if x.kind == ValueKind.DATE:
            continue
        if x.kind in _UNIT_KINDS:  # the unit says what is measured: "21-year" ~ "22 anni"
            alike = [y for y in other.values
                     if y.kind == x.kind and y.unit == x.unit and _one_measure(x, y)]
        elif x.kind == ValueKind.COUNT and one_count_each:
            # one count each: "Twelve people died" and "the death toll rose to 15" count the
            # same, though the toll's words stand before its number where none is read; not
            # a part of a thing against the whole of it
            y = _one_count(other)
            alike = [y] if _one_measure(x, y) else []
        elif x.counted:
            alike = [y for y in other.values if comparable(x, y)]
        else:
            continue  # a bare number counts nothing we could compare
        if not alike or any(not conflicting(x, y) for y in alike):
            continue
        near = [y for y in alike if not far_apart(x, y, max_ratio)]
        if near:
            found.append((x, near[0]) if other is b else (near[0], x))
    return list(dict.fromkeys(found))


def differing_values(
    a: ClaimFacts, b: ClaimFacts, max_ratio: float, clashes: Sequence[str]
) -> tuple[str, ...]:
    """The values that differ (``_differing_pairs``) and what clashes (``clashes``, the
    pair's ``clashing``), in words: an agreement cannot stand on two claims stating them
    (verdict rule values_differ)."""
    found = [_label(x, y) for x, y in _differing_pairs(a, b, max_ratio)]
    return tuple(dict.fromkeys([*found, *clashes]))


_MEASURES = frozenset({ValueKind.DURATION, ValueKind.MONEY, ValueKind.PERCENT})


def measures_differ(a: ClaimFacts, b: ClaimFacts, max_ratio: float) -> tuple[str, ...]:
    """Measures that differ though their unit says what they measure: a duration, an amount or
    a share ("ocho años" vs "six ans", "3,2 millones" vs "2,3 millions", "45%" vs "40%"), and
    the age of one person (or of no one named on either side). Unlike counts (12 relatives, 40
    instances) and ages of different people, one claim's prison term and the other's are one
    measure told twice: a day told alike beside them does not make the claims agree."""
    found = []
    for x, y in _differing_pairs(a, b, max_ratio):
        if x.kind == ValueKind.AGE:
            held = age_bearer(a, x), age_bearer(b, y)
            if None in held and held != (None, None):
                continue
            if held[0] is not None and not person.same_person(*held):
                continue
        elif x.kind not in _MEASURES:
            continue
        found.append(_label(x, y))
    return tuple(dict.fromkeys(found))


def counted_alike(
    a: ClaimFacts,
    b: ClaimFacts,
    frame_z: Callable[[str, str], float],
    min_z: float,
    max_ratio: float,
) -> tuple[str, ...]:
    """Counts of things named alike on both sides ("68 Passagiere", "86 passeggeri": the
    counted words ``min_z`` σ alike to the embedder) that cannot both hold, where neither is
    stated alike on the other side. Whatever the words around them (the frames a weak embedder
    fails to match across languages), one claim says 68 passengers and the other 86: however
    much else they share (the year the ferry was built), they do not tell one thing alike."""
    found = []
    for x in a.values:
        if x.kind != ValueKind.COUNT or not x.counted:
            continue
        if any(comparable(x, y) and not conflicting(x, y) for y in b.values):
            continue
        for y in b.values:
            if (
                y.kind == ValueKind.COUNT and y.counted and comparable(x, y)
                and conflicting(x, y) and not far_apart(x, y, max_ratio)
                and not any(comparable(y, z) and not conflicting(y, z) for z in a.values)
                and frame_z(x.counted, y.counted) >= min_z
            ):
                found.append(_label(x, y))
    return tuple(dict.fromkeys(found))


def clashing(a: ClaimFacts, b: ClaimFacts) -> tuple[str, ...]:
    """What keeps two claims from telling one thing alike, whatever else they share: the one
    date of a granularity each states (a day against a day, a year against a year) when they
    cannot both hold ("opened in 1974", "in 1976 geopend"), years on both sides of which none
    meets the other side's, and a different person in one slot
    ("Pavel Dolan" vs "Marek Dolan"), and one thing's state told two ways ("in critical
    condition" vs "fuori pericolo"), at any similarity."""
    found = []
    for unit in ("day", "month", "year"):
        dated = one_date_each(a, b, unit)
        if dated is not None and conflicting(*dated):
            found.append(_label(*dated))
    # years on both sides, none of one side's on the other ("first met in 2018" against
    # "first met in 2019 and signed a pact in 2021"): which year is whose is not known, but the
    # two do not tell one thing alike
    years = [[v for v in f.values if v.kind == ValueKind.DATE and granularity(v) == "year"]
             for f in (a, b)]
    if years[0] and years[1] and not found and all(
        conflicting(x, y) for x in years[0] for y in years[1]
    ):
        found.append(f"years differ: {', '.join(describe(x) for x in years[0])} vs "
                     f"{', '.join(describe(y) for y in years[1])}")
    # as many years on each side, in order, some alike and some not ("first met in 2018, last
    # in 2023" against "first met in 2019 and last sat down in 2023"): the same years in the
    # same places tell which is which, and the one left over differs
    elif len(years[0]) == len(years[1]) >= 2:
        pairs = list(zip(years[0], years[1], strict=True))
        if any(not conflicting(x, y) for x, y in pairs):
            found += [_label(x, y) for x, y in pairs if conflicting(x, y)]
    found += [f"names differ: {c.text}" for c in _name_conflicts(a, b)]
    # the same figures in the same order with one beside them differing, however small the
    # shared one ("86 passengers and five crew" vs "68 Passagiere und fünf
    # Besatzungsmitglieder"): too common a figure to flag a conflict on, enough to deny
    # that the claims tell one thing alike
    lined = parallel_figures(a, b, distinct=0.0)
    if lined is not None and lined.differs is not None:
        found.append(_label(*lined.differs))
    found += [f"{x.group}: {x.text} vs {y.text}" for x, y in other_states(a, b)]
    return tuple(dict.fromkeys(found))


