"""Typed values in one claim: how many, how much, what share, which tally, how long, how old, when.

Outlets mostly disagree about a value of the same thing ("zwölf Paketbomben" vs "at least 14
parcel bombs"; "348-77" vs "348 gegen 78"; "July 2016" vs "October 2016"). Reading those values
as intervals lets a reviewer see a contradiction stated plainly, and keeps vague wording
("dozens", "about 60", "mindestens 50") from being called a contradiction when it overlaps.

Design choices, so that a reviewer can predict every result:

* Every value is an inclusive interval [low, high]. "at least 14" is [14, inf]; "more than 200"
  is [200, inf] too (lenient: outlets often print "$250,000" for "more than $250,000", so a strict
  bound would flag agreements); "less than 48" is [0, 48]; "about 60" is +-``APPROX_WIDTH``;
  "nearly 50" is [50 * (1 - ``NEARLY_WIDTH``), 50].
* Dates are intervals of proleptic ordinal days (``date.toordinal()``). A day or month written
  without a year is placed in the leap ``REFERENCE_YEAR`` with unit "yearless" (never guessed
  from the publication date: "Sept. 11" in a 2016 article may be 2001's); a weekday without a
  publication date is unit "weekday" holding 0 (Monday) to 6.
* A weekday with a publication date is the most recent such day on or before it, or the next one
  on or after it when the claim speaks of the future (cue words "will", "wird", "prévu"...).
  A weekday right before a date ("Thursday, November 12") is no date of its own: it names that
  date's day, and pins the year of a date written without one where a single year around
  publication fits.
* Numbers are read by the language's convention ("1.000" is 1000 in German, "1,000" in English);
  one separator followed by three digits and a scale word ("1,375 Milliarden") is a decimal mark
  in every language, since nobody writes "1375 billion" with a thousands separator.
* A bare year 1900-2100 is a date, never a count, unless a qualifier precedes it or a unit
  follows it ("2000 Menschen" is therefore read as the year 2000: a known limitation).
* Number words are read by ``text2num`` in the languages it knows (a language's ``text2num``
  flag) and from the language's own word list otherwise; "one"/"a"/"ein"/"un" count only before
  a unit or as the second number of a tally, since as counts they are mostly articles or
  pronouns; "no", "nobody", "keine" are a count of none of what follows.

Cue words and flags are language data (``checker/data/lang/<code>/values.toml`` and
``language.toml``, read through ``checker.rules.language``); a claim in a language without data is
read with every language merged (words that mean something else in another language, the
``false_friends`` of ``lang/all/values.toml``, are dropped then). No rule here compares a
language code: what differs between languages (date order, capitalised months, the German
ordinal dot, which ``text2num`` readers apply) is a flag of the language.
"""

from __future__ import annotations

import calendar
import datetime
import itertools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from text_to_num import text2num

from checker.records import ValueKind
from checker.rules import language as languages
from checker.rules.language import Language

APPROX_WIDTH = 0.10  # "about 60" → [54, 66]
NEARLY_WIDTH = 0.10  # "nearly 50" → [45, 50]
YEARS = (1900, 2100)  # a bare four-digit number in this range is a year
MAX_AGE = 120
# how far before a bare number a phrase naming what it counts may stand, in the same clause
# ("the death toll in the factory fire rose to 15")
COUNTED_REACH = 60
REFERENCE_YEAR = 2000  # leap year holding dates written without a year
PART_DAYS = 10  # "end of February": the last ten days; "early July": the first ten
MAX_COUNTED_WORDS = 3
CONTEXT = 40  # characters looked at before a value for qualifiers and cues
FUTURE_WINDOW = 30  # characters either side of a weekday searched for a future cue
_ABSOLUTE = frozenset({"day", "week", "month", "year", "range"})
_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}


@dataclass(frozen=True)
class Value:
    """One value as written in a claim; see the module docstring for how intervals are built."""

    kind: str
    low: float
    high: float
    unit: str
    counted: str
    text: str
    start: int
    end: int
    qualifier: str = ""
    role: str = ""
    second: float | None = None
    bound: str = ""  # qualifier class: min/over/max/under/about/nearly/vague, "" when exact
    nominal: float | None = None  # the number as written (scaled), for describe()
    # what a count is of, by the language's [things] words in its clause: "dead", "injured"
    # ("" when none): one thing in every language, whatever words a weak embedder fails to
    # match ("Nove persone sono morte", "Zeven mensen kwamen om het leven")
    thing: str = ""
    # a count of its thing told whole: of people in general or of the thing itself ("six people
    # were hurt", "49 muertos", "vijf gewonden"), not of a kind of them ("two officers were
    # hurt", "dois agentes ficaram feridos"), nor a part ("including two guards"): the count a
    # toll is told by
    whole: bool = False
    # what a date dates, by the language's [events] words in its clause: "opened", "geopend",
    # "inaugurata" are one happening in every language, never "closed" ("" when none)
    event: str = ""
    # how badly, for a count of its thing told with a degree ([roles] degree: "seriously",
    # "schwer", "de gravedad" -> "severe"; "lightly" -> "light"): a part of the thing, and
    # never the same part as another degree's
    degree: str = ""


@dataclass(frozen=True)
class State:
    """One of a group of exclusive states a claim tells of a thing ([states] in values.toml:
    a person's ``condition``, "severe" or "fine"), as written: "in critical condition",
    "fuori pericolo" are two classes of one group in every language."""

    group: str
    kind: str  # the class within the group
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class _Num:
    """A number found in the text before it is typed."""

    start: int
    end: int
    value: float
    raw: str
    word: bool = False
    one: bool = False  # an article-like "one"/"ein"/"un": a value only before a unit
    zero: bool = False  # "no", "nobody", "keine": none of what follows
    scale: float = 1.0
    scale_word: str = ""


@dataclass(frozen=True)
class _Cues:
    """Compiled cue tables of one language or of all merged."""

    lang: Language
    data: dict[str, Any]
    readers: tuple[str, ...] = ()  # the text2num languages of its number words
    friends: frozenset[str] = frozenset()  # false friends, dropped for the unknown language
    rx: dict[str, re.Pattern[str]] = field(default_factory=dict)
    maps: dict[str, dict[str, Any]] = field(default_factory=dict)

    def table(self, section: str, key: str | None = None) -> Any:
        """A section or one key of it, empty when missing, so callers need no checks."""
        part = self.data.get(section, {})
        return part if key is None else part.get(key, {} if key in _MAPS else [])


_MAPS = frozenset({"words", "before", "after", "months", "weekdays", "days", "periods"})


# ---------------------------------------------------------------- cue loading


def _false_friends(lang: Language) -> frozenset[str]:
    return frozenset(lang.shared("values").get("false_friends", []))


def _drop_false_friends(data: dict[str, Any], friends: frozenset[str]) -> dict[str, Any]:
    """The merged tables without words that mean something else in another language."""
    out: dict[str, Any] = {}
    for section, values in data.items():
        if not isinstance(values, dict):
            out[section] = values
            continue
        clean: dict[str, Any] = {}
        for key, value in values.items():
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                value = [v for v in value if v not in friends]
            elif isinstance(value, dict):
                value = {k: v for k, v in value.items() if k not in friends}
            if key not in friends:
                clean[key] = value
        out[section] = clean
    return out


def _phrase(word: str) -> str:
    """Regex for one cue: flexible whitespace, an optional final dot for abbreviations."""
    word = word.strip().lower()
    dot = word.endswith(".") and len(word) > 1
    core = word[:-1] if dot else word
    body = r"\s+".join(re.escape(w) for w in core.split())
    return body + (r"\.?" if dot else "")


def _alt(words: Iterable[str]) -> str:
    unique = sorted({w.strip().lower() for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(_phrase(w) for w in unique) or r"(?!x)x"


def _edge(body: str) -> str:
    """Whole-word match that also works for cues made of symbols ("$", "%", "§")."""
    return rf"(?<![^\W_])(?:{body})(?![^\W_])"


def _cues(language: str | Language | None) -> _Cues:
    return _compiled(languages.get(language))


@lru_cache(maxsize=32)
def _compiled(lang: Language) -> _Cues:
    data = dict(lang.data("values"))
    friends = frozenset() if lang.known else _false_friends(lang)
    if friends:
        data = _drop_false_friends(data, friends)
    cues = _Cues(lang, data, tuple(lang.flag("text2num", ())), friends)
    d = cues.table("dates")
    quals = cues.table("qualifiers")
    rx = cues.rx
    rx["qual"] = re.compile(
        rf"(?:^|(?<=[\s(„\"“]))({_alt(w for ws in quals.values() for w in ws)})\s*$", re.I)
    rx["scale"] = re.compile(rf"(?:\s*|\s+)({_alt(cues.table('scales'))})(?![^\W_])", re.I)
    cur = cues.table("currencies")
    rx["cur_before"] = re.compile(rf"({_alt(cur.get('before', {}))})\s?$", re.I)
    rx["cur_after"] = re.compile(
        rf"\s*(?:(?:de|d'|d’|of)\s*)?({_alt(cur.get('after', {}))})(?![^\W_])", re.I)
    pct = cues.table("percent")
    rx["pct"] = re.compile(rf"\s?({_alt(pct.get('points', []))}|{_alt(pct.get('words', []))})"
                           r"(?![^\W_])", re.I)
    rx["dur"] = re.compile(rf"(\s+|-)({_alt(cues.table('durations'))})(?![^\W_])", re.I)
    rx["adj"] = re.compile(rf"-?({_alt(cues.table('adjectives'))})\w*", re.I)
    years = [w for w, unit in cues.table("durations").items() if unit == "year"]
    rx["years_word"] = re.compile(rf"({_alt(years)})(?![^\W_])", re.I)
    rx["pct_stated"] = re.compile(rf"\d\s?({_alt(pct.get('words', []))})(?![^\W_])", re.I)
    age = cues.table("age")
    rx["age_after"] = re.compile(
        rf"\s?({_alt(age.get('after', []))}|-year-old|-years-old|-jährig\w*)", re.I)
    rx["age_before"] = re.compile(rf"(?:^|\s)({_alt(age.get('before', []))})\s+$", re.I)
    rx["age_aside"] = re.compile(rf"\s({_alt(age.get('aside', []))})\s+$", re.I)
    rx["age_of"] = re.compile(rf"([^\W\d_]{{3,}})\s+(?:{_alt(age.get('of', []))})\s+$", re.I)
    # the same set off by commas: "Il macchinista, di 45 anni, …"
    rx["age_of_aside"] = re.compile(
        rf"([^\W\d_]{{3,}}),\s+(?:{_alt(age.get('of', []))})\s+$", re.I)
    rx["months"] = re.compile(_edge(rf"(?:{_alt(d.get('months', {}))})") + r"\.?", re.I)
    rx["weekdays"] = re.compile(
        _edge(rf"(?:{_alt(d.get('weekdays', {}))})"
              r"(?:abend|morgen|nachmittag|vormittag|mittag|nacht)?"), re.I)
    rx["days"] = re.compile(_edge(_alt(d.get("days", {}))), re.I)
    rx["periods"] = re.compile(_edge(_alt(d.get("periods", {}))), re.I)
    rx["ago_before"] = re.compile(rf"(?:^|\s)({_alt(d.get('ago_before', []))})\s+$", re.I)
    rx["ago_after"] = re.compile(rf"\s+({_alt(d.get('ago_after', []))})(?![^\W_])", re.I)
    rx["offset_after"] = re.compile(
        rf"\s+({_alt(d.get('offset_after', []))})(?![^\W_])", re.I)
    rx["lasting_before"] = re.compile(
        rf"(?<![^\W_])(?:{_alt(d.get('lasting_before', []))})\s+(?:[^\W\d_]+\s+)?$", re.I)
    rx["ahead_before"] = re.compile(rf"(?:^|\s)({_alt(d.get('ahead_before', []))})\s+$", re.I)
    rx["year_cue"] = re.compile(rf"(?:^|[\s(])({_alt(d.get('year_cues', []))})\s+$", re.I)
    rx["range_open"] = re.compile(rf"(?:^|\s)({_alt(d.get('range_open', []))})\s+$", re.I)
    nums = cues.table("numbers")
    rx["between_open"] = re.compile(rf"(?:^|\s)({_alt(nums.get('between', []))})\s+$", re.I)
    rx["between_join"] = re.compile(rf"^\s*({_alt(nums.get('between_join', []))})\s*$", re.I)
    rx["range_join"] = re.compile(rf"^\s*({_alt(d.get('range_join', []))})\s*$", re.I)
    part_words = {k: d.get(k, []) for k in ("early", "mid", "late")}
    rx["part_month"] = re.compile(
        r"(?:^|\s)(" + "|".join(f"(?P<{k}>{_alt(v)})" for k, v in part_words.items())
        + r")\s*(?:of\s+(?:the\s+)?|de\s+|d['’]\s*)?$", re.I)
    rx["future"] = re.compile(_edge(_alt(d.get("future", []))), re.I)
    rx["until"] = re.compile(rf"(?:^|\s)(?:{_alt(d.get('until', []))})\s+$", re.I)
    rx["scale_of"] = re.compile(
        rf"\s+(?:{_alt(cues.table('numbers', 'scale_of'))})(?:(?<=['’])|(?![^\W_]))", re.I)
    rx["deadline"] = re.compile(rf"(?:^|\s)(?:{_alt(d.get('deadline', []))})\s+$", re.I)
    # a month placed by its distance from now: "last December", "diciembre pasado", "im
    # kommenden März", "в декабре прошлого года"; right before the month name or right after
    for key in ("last_month", "next_month", "last_year", "next_year"):
        rx[f"{key}_before"] = re.compile(rf"(?:^|\s)({_alt(d.get(key, []))})\s+$", re.I)
        rx[f"{key}_after"] = re.compile(rf"\s+(?:{_alt(d.get(key, []))})(?![^\W_])", re.I)
    rx["time_after"] = re.compile(rf"\s?({_alt(d.get('times', []))})(?![^\W_])", re.I)
    # an hour told by its preposition alone: "poco dopo le 21", "a las 9", "às 21"
    rx["time_before"] = re.compile(
        rf"(?<![^\W_])(?:{_alt(d.get('times_before', []))})\s+$", re.I)
    # a word of both the clock and a span ("heures", "horas", "ore") counts hours after these
    rx["span_before"] = re.compile(
        rf"(?<![^\W_])(?:{_alt(d.get('span_before', []))})\s+$", re.I)
    roles = cues.table("roles")
    # a role word right before the number, or a verb or two away ("Davon wurden 12")
    rx["part"] = re.compile(
        rf"(?:^|[\s,(])({_alt(roles.get('part', []))})(?:\s+[^\W\d_]+){{0,2}}\s*[:,]?\s*$", re.I
    )
    # a list of the parts set off right after a count: "Six people, including two guards, were
    # hurt", "Sei persone, tra cui due agenti, sono rimaste ferite"
    rx["parts_aside"] = re.compile(
        rf"\s*[,(\u2013\u2014]\s*({_alt(roles.get('part', []))})(?![^\W_])", re.I
    )
    rx["total_before"] = re.compile(
        rf"(?:^|[\s,(])({_alt(roles.get('total', []))})(?:\s+[^\W\d_]+){{0,2}}\s*$", re.I
    )
    rx["total_after"] = re.compile(
        rf"(?:\s+[^\W\d_]+){{0,2}}?\s*,?\s*({_alt(roles.get('total', []))})(?![^\W_])", re.I)
    # "15 of the 19 hijackers", "Eleven of the train's 32 tank wagons" (a possessive between)
    rx["of"] = re.compile(
        rf"^\s+({_alt(roles.get('of', []))})\s+(?:[^\W\d_]+['’]s?\s+)?$", re.I)
    # an earlier state of a figure told beside its new one: "rose to 13, up from 11",
    # "13 Tote nach zuvor 11", "13 morts contre 11 la veille"
    # right before the figure, or an adverb of earlier time up to two words before it ("Ранее
    # говорилось об 11", "Earlier, officials had reported 11")
    rx["previous"] = re.compile(
        rf"(?<![^\W_])(?:(?:{_alt(roles.get('previous', []))})"
        rf"|(?:{_alt(roles.get('previous_after', []))})(?:\s*,?\s+[^\W\d_][\w'’-]*){{0,2}})\s+$",
        re.I)
    rx["previous_after"] = re.compile(
        rf"(?:\s+[^\W\d_][\w'’-]*){{0,2}}?\s*,?\s+(?:{_alt(roles.get('previous_after', []))})"
        rf"(?![^\W_])", re.I)
    rx["degree"] = re.compile(_edge(_alt(roles.get("degree", {}))), re.I)
    rx["of_them"] = re.compile(rf"\s+(?:{_alt(roles.get('of_them', []))})(?![^\W_])", re.I)
    rx["of_end"] = re.compile(rf"(?<![^\W_])(?:{_alt(roles.get('of', []))})$", re.I)
    rx["of_next"] = re.compile(rf"\s+(?:{_alt(roles.get('of', []))})(?![^\W_])", re.I)
    # the rest of a set told before: "the other two", "gli altri due", "pozostałe dwie"
    rx["rest"] = re.compile(rf"(?:^|[\s,(])({_alt(roles.get('rest', []))})\s+$", re.I)
    # a thing named as the whole a count is among: "Among the injured were two officers",
    # "Unter den Verletzten sind zwei Polizisten" (an article may stand between)
    rx["among"] = re.compile(
        rf"(?:^|[\s,(])({_alt(roles.get('among', []))})(?:\s+[^\W\d_]+)?\s+$", re.I
    )
    rx["tally_join"] = re.compile(
        rf"^(?:\s*(?:-to-|[-–—:])\s*|\s+({_alt(cues.table('tally', 'join'))})\s+)$", re.I)
    tally = cues.table("tally")
    against = _alt(tally.get("against", []))
    # "31 votes to 12", "218 voix contre 214": the word for votes between number and join
    rx["tally_votes"] = re.compile(
        rf"^\s+(?:{_alt(tally.get('votes', []))})\s+"
        rf"(?:{_alt(tally.get('join', []))}|{against})\s+$", re.I)
    # "348 voix pour et 77 contre", "218 voti a favore e 214 contrari"
    rx["tally_pro"] = re.compile(
        rf"\s+(?:[^\W\d_]+\s+)?(?:{_alt(tally.get('pro', []))})"
        rf"\s*(?:,|{_alt(tally.get('and', []))})?\s*", re.I)
    rx["tally_contra"] = re.compile(rf"\s*(?:[^\W\d_]+\s+)?(?:{against})(?![^\W_])", re.I)
    # words that keep a thing from being told as happened in its clause: "was not charged",
    # "may be charged", "whether anyone was hurt"
    # (an elided "n'" ends its word at the apostrophe: "n'a arrêté")
    rx["not_happened"] = re.compile(
        rf"(?<![^\W_])(?:{_alt(cues.table('happened', 'not'))})(?:(?<=['’])|(?![^\W_]))", re.I)
    # what a value is of, a named group per key: word starts for [things] and [amounts] (their
    # inflections match), whole words for [events] ("né" is no "négocié")
    for table, end in (
        ("things", ""), ("amounts", ""), ("events", r"(?![^\W_])"), ("objects", ""),
        ("shares", ""), ("spans", ""), ("bodies", r"(?![^\W_])"),
    ):
        words_of = {k: v for k, v in cues.table(table).items() if isinstance(v, list) and v}
        if words_of:
            rx[table] = re.compile(
                "|".join(rf"(?<![^\W\d_])(?P<{k}>{_alt(words)}){end}"
                         for k, words in words_of.items()),
                re.I,
            )
    # exclusive states ([states.<group>] <class> = words): one pattern per class, whole words,
    # found at every position (a lookahead), overlapping ones too: the longer wins later
    for group, classes in cues.table("states").items():
        for kind, words in (classes.items() if isinstance(classes, dict) else ()):
            if isinstance(words, list) and words:
                rx[f"state:{group}:{kind}"] = re.compile(rf"(?=({_edge(_alt(words))}))", re.I)
    rx["people"] = re.compile(_edge(_alt(cues.table("counted", "people"))), re.I)
    tolls = _alt(cues.table("counted", "before"))
    rx["counted_before"] = re.compile(
        rf"(?:^|[^\w])({tolls})(?![^\W_])[^.;:!?]{{0,{COUNTED_REACH}}}$", re.I
    )
    ids = cues.table("ids")
    rx["id_before"] = re.compile(rf"(?:^|[\s(])({_alt(ids.get('before', []))})\s*$", re.I)
    streets = ids.get("streets", [])
    rx["street_after"] = re.compile(
        rf"\s+(?:[A-ZÄÖÜ][\w.'-]*\s+){{0,3}}({_alt(streets)})(?![^\W_])", re.I)
    rx["street_before"] = re.compile(
        rf"(?:({_alt(ids.get('street_suffix', []))})|(?:^|\s)(?:{_alt(streets)})"
        r"(?:\s+\S+){0,3})\s+$", re.I)
    rx["stop"] = re.compile(_edge(_alt(cues.table("stop", "words"))), re.I)
    rx["kin"] = re.compile(_alt(cues.table("age", "kin")), re.I)
    rx["someone"] = re.compile(_alt(cues.table("age", "someone")), re.I)
    # the negations a ``zero_after_not`` word needs before it ("-n't": the end of a word,
    # "haven't"); a pattern that never matches where a language lists none
    negations = cues.table("numbers", "negations")
    words = _alt([w for w in negations if not w.startswith("-")])
    ends = _alt([w[1:] for w in negations if w.startswith("-")])
    either = "|".join(
        ([rf"(?<![^\W_])(?:{words})"] if words else []) + ([f"(?:{ends})"] if ends else [])
    )
    rx["negated"] = re.compile(
        rf"(?:{either})(?:(?<=['’])|(?![^\W_]))" if either else r"(?!)", re.I
    )
    questions = cues.table("numbers", "questions")
    rx["question"] = re.compile(_edge(_alt(questions)) if questions else r"(?!)", re.I)
    rx["vague"] = re.compile(_edge(_alt(cues.table("vague"))), re.I)
    rx["words"] = re.compile(_edge(_alt(_number_words(cues))), re.I)
    cues.maps.update(_maps(cues))
    cues.maps["first"] = _first_words(cues)
    return cues


def _number_words(cues: _Cues) -> dict[str, float]:
    """Number words read as written: the language's ``words`` and its ``zero`` words ("no",
    "nobody", "keine"), which state a count of none of what follows."""
    zero = {w: 0.0 for w in _zero_words(cues)}
    return {**zero, **cues.table("numbers", "words")}


def _zero_words(cues: _Cues) -> list[str]:
    """Words that state a count of none: ``zero`` ones anywhere, ``zero_after_not`` ones only
    after a negation in their clause ("have not detained anyone", "n'a interpellé personne")."""
    return [*cues.table("numbers", "zero"), *cues.table("numbers", "zero_after_not")]


def _first_words(cues: _Cues) -> dict[str, Any]:
    """First word of every phrase of the whole-text patterns, so a claim that holds none of
    them skips the (slow, many-alternative) regex entirely."""
    d = cues.table("dates")
    tables = {
        "words": _number_words(cues), "months": d.get("months", {}),
        "weekdays": d.get("weekdays", {}), "periods": d.get("periods", {}),
        "days": d.get("days", {}), "vague": cues.table("vague"), "future": d.get("future", []),
    }
    return {name: frozenset(_lead(w) for w in words) for name, words in tables.items()}


def _lead(phrase: str) -> str:
    """The leading letters of a phrase, as ``_WORD_START`` reads them from a claim."""
    m = _WORD_START.match(phrase.lower())
    return m.group(0) if m else phrase.lower()


_WORD_START = re.compile(r"[^\W\d_]+")
# a word as cues and frames read it: a letter, then letters, digits, hyphens and apostrophes
# ("n'a", "haven't", "Kreml-Sprecher"); numbers are not words
LETTER_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_WEEKDAY_SUFFIX = re.compile(r"(?:abend|morgen|nachmittag|vormittag|mittag|nacht)$")


def _may_hold(text_words: frozenset[str], cues: _Cues, name: str) -> bool:
    first = cues.maps["first"][name]
    if name == "weekdays":
        return any(_WEEKDAY_SUFFIX.sub("", w) in first for w in text_words)
    return not first.isdisjoint(text_words)


def _maps(cues: _Cues) -> dict[str, dict[str, Any]]:
    """Lower-cased lookup tables, built once per language so extraction only reads dicts."""
    d, cur = cues.table("dates"), cues.table("currencies")
    return {
        "scales": {k.lower().rstrip("."): float(v) for k, v in cues.table("scales").items()},
        "grouped_scales": {w.lower(): 1 for w in cues.data.get("grouped_scales", [])},
        "ones": {w.lower(): 1.0 for w in cues.table("numbers", "ones")},
        "fixed": {_norm(k): float(v) for k, v in _number_words(cues).items()},
        "zero": {_norm(w): 0.0 for w in _zero_words(cues)},
        "zero_after_not": {_norm(w): 1 for w in cues.table("numbers", "zero_after_not")},
        "degree": {_norm(k): str(v) for k, v in cues.table("roles").get("degree", {}).items()},
        "zero_not": {_norm(w): 1 for w in cues.table("numbers", "zero_not")},
        "age_not_of": {_norm(w): 1 for w in cues.table("age", "not_of")},
        "months": {k.lower().rstrip("."): int(v) for k, v in d.get("months", {}).items()},
        "weekdays": {k.lower(): int(v) for k, v in d.get("weekdays", {}).items()},
        "days": {_norm(k): int(v) for k, v in d.get("days", {}).items()},
        "periods": {_norm(k): v for k, v in d.get("periods", {}).items()},
        "cur_before": {k.lower(): v for k, v in cur.get("before", {}).items()},
        "cur_after": {_norm(k): v for k, v in cur.get("after", {}).items()},
        "points": {_norm(w): 1 for w in cues.table("percent", "points")},
        "vague": {_norm(k): v for k, v in cues.table("vague").items()},
        "bounds": {_norm(w).rstrip("."): k for k, ws in cues.table("qualifiers").items()
                   for w in ws},
        "durations": {k.lower(): v for k, v in cues.table("durations").items()},
        "adjectives": {k.lower(): v for k, v in cues.table("adjectives").items()},
    }


# ---------------------------------------------------------------- numbers


_DIGITS = re.compile(
    r"(?<![\w.,/§])(\d{1,3}(?:(?:\.|,|\u00a0|\u202f)\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?![\d])")
# languages that write a decimal comma group thousands with a space too ("3 000 habitants",
# "2 000 жителей"): the same numbers with a plain space between groups of three
_SPACED_DIGITS = re.compile(
    r"(?<![\w.,/§])(\d{1,3}(?:(?:\.|,|\u00a0|\u202f| )\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?![\d])")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_ORDINAL = re.compile(r"^(?:st|nd|rd|th|er|re|e|ème|eme|º|ª|o|a|\.º|\.ª)(?![^\W_])", re.I)


def _parse_digits(raw: str, decimal_comma: bool, scaled: bool) -> float | None:
    """Read "1.000", "1,000", "1,375", "3.5" by the language's convention; see module doc."""
    s = raw.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    seps = [c for c in s if c in ".,"]
    if not seps:
        return float(s)
    if len(set(seps)) == 2:
        dec = s[max(s.rfind("."), s.rfind(","))]
        return float(s.replace("." if dec == "," else ",", "").replace(dec, "."))
    sep = seps[0]
    if len(seps) > 1:
        return float(s.replace(sep, ""))
    tail = s.split(sep)[1]
    decimal_sep = "," if decimal_comma else "."
    if len(tail) != 3 or scaled or sep == decimal_sep:
        return float(s.replace(sep, "."))
    return float(s.replace(sep, ""))


@lru_cache(maxsize=65536)
def _word_number(word: str, readers: tuple[str, ...]) -> float | None:
    """text2num on one word or phrase, in the language's readers (its ``text2num`` flag);
    cached, since failures raise and cost microseconds."""
    for code in readers:
        try:
            return float(text2num(word, code))
        except ValueError:
            continue
    return None


def _numbers(text: str, cues: _Cues) -> list[_Num]:
    """All numbers, digits and words, with a following scale word folded in."""
    found: list[_Num] = []
    scales = cues.maps["scales"]
    decimal_comma = bool(cues.data.get("decimal_comma"))
    for m in (_SPACED_DIGITS if decimal_comma else _DIGITS).finditer(text):
        scale_m = cues.rx["scale"].match(text, m.end())
        scale_word = scale_m.group(1) if scale_m else ""
        if scale_m and len(scale_word) == 1 and (scale_m.start(1) != m.end()):
            scale_m, scale_word = None, ""
        # "2.200 millones" is 2,200 million: after such a scale word a separator and three
        # digits group thousands (values.toml grouped_scales), after any other, a decimal mark
        grouped = scale_word.lower() in cues.maps["grouped_scales"]
        value = _parse_digits(m.group(1), decimal_comma, bool(scale_m) and not grouped)
        if value is None:
            continue
        scale = scales.get(scale_word.lower().rstrip("."), 1.0) if scale_m else 1.0
        end = scale_m.end() if scale_m else m.end()
        found.append(_Num(m.start(), end, value, m.group(1), scale=scale, scale_word=scale_word))
    taken = [(n.start, n.end) for n in found]
    found.extend(_word_numbers(text, cues, taken, scales))
    return sorted(found, key=lambda n: n.start)


def _word_numbers(text: str, cues: _Cues, taken: list[tuple[int, int]],
                  scales: dict[str, float]) -> list[_Num]:
    lang, friends = cues.readers, cues.friends
    ones, fixed = cues.maps["ones"], cues.maps["fixed"]
    out: list[_Num] = []
    covered: list[tuple[int, int]] = list(taken)
    words = frozenset(_WORD_START.findall(text.lower()))
    for m in cues.rx["words"].finditer(text) if _may_hold(words, cues, "words") else ():
        if _norm(m.group(0)) in cues.maps["zero"] and text[m.end():m.end() + 1] == "-":
            continue  # "no one-on-one meeting": the words of a compound, not "no one"
        if _norm(m.group(0)) in cues.maps["zero_after_not"] and not _negated(
            cues, languages.clause_before(text, m.start())
        ):
            continue  # "anyone", "personne" with no negation before them: no count
        if not _overlaps(m.start(), m.end(), covered):
            out.append(_Num(m.start(), m.end(), fixed[_norm(m.group(0))], m.group(0), word=True,
                            one=_norm(m.group(0)) in ones,
                            zero=_norm(m.group(0)) in cues.maps["zero"]))
            covered.append((m.start(), m.end()))
    tokens = list(_WORD.finditer(text))
    if covered:
        tokens = [t for t in tokens if not _overlaps(t.start(), t.end(), covered)]
    i = 0
    bounds = cues.maps["bounds"]
    while i < len(tokens):
        tok = tokens[i]
        low = tok.group(0).lower()
        if low in bounds:  # "unos 2.000 vecinos": a qualifier of the number after it, no 1
            i += 1
            continue
        friend = low in friends and low not in ones
        value = None if low in scales or friend else _word_number(low, lang)
        if value is None and "-" in low and low not in ones:  # "two-year": read "two"
            parts = low.split("-")
            heads = ("-".join(parts[:k]) for k in range(len(parts) - 1, 0, -1))
            head, value = next(((h, v) for h in heads if h not in ones
                                and (v := _word_number(h, lang)) is not None), ("", None))
            if value is not None:
                out.append(_Num(tok.start(), tok.start() + len(head), value,
                                text[tok.start():tok.start() + len(head)], word=True))
                i += 1
                continue
        if value is None and low not in ones:
            i += 1
            continue
        j = i + 1
        best_end, best_value = tok.end(), value if value is not None else 1.0
        while j < len(tokens) and j - i < NUMBER_WORDS and _gap_ok(
            text, tokens[j - 1].end(), tokens[j]
        ):
            val = _joined_number(text, tok, tokens[j], lang)
            step = 1
            if val is None and j + 1 < len(tokens) and j + 1 - i < NUMBER_WORDS and _gap_ok(
                text, tokens[j].end(), tokens[j + 1]
            ):
                # a connector joins one number's parts ("treinta y dos", "vingt et un", "one
                # hundred and twenty"): read on past it when the longer phrase is a number
                val, step = _joined_number(text, tok, tokens[j + 1], lang), 2
            if val is None:
                break
            j += step
            best_end, best_value = tokens[j - 1].end(), val
        raw = text[tok.start():best_end]
        scale_m = cues.rx["scale"].match(text, best_end)
        scale = scales.get(scale_m.group(1).lower().rstrip("."), 1.0) if scale_m else 1.0
        end = scale_m.end() if scale_m and len(scale_m.group(1)) > 1 else best_end
        out.append(_Num(tok.start(), end, best_value, raw, word=True,
                        one=raw.lower() in ones, scale=scale if end != best_end else 1.0,
                        scale_word=scale_m.group(1) if end != best_end and scale_m else ""))
        i = j
    return out


# words one written number may take: "two thousand five hundred and twelve"
NUMBER_WORDS = 6


def _joined_number(text: str, first: re.Match[str], last: re.Match[str],
                   readers: tuple[str, ...]) -> float | None:
    """The number the words from ``first`` to ``last`` write together, None if they do not."""
    joined = text[first.start():last.end()].lower()
    return _word_number(" ".join(joined.split()), readers)


def _gap_ok(text: str, end: int, nxt: re.Match[str]) -> bool:
    return text[end:nxt.start()] in (" ", "-")


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


# ---------------------------------------------------------------- scanning state


@dataclass
class _Scan:
    """Mutable bookkeeping of one extraction: which numbers and spans are already read."""

    text: str
    cues: _Cues
    nums: list[_Num]
    published: datetime.date | None
    used: set[int] = field(default_factory=set)
    spans: list[tuple[int, int]] = field(default_factory=list)
    values: list[Value] = field(default_factory=list)
    words: frozenset[str] = frozenset()

    def may_hold(self, name: str) -> bool:
        return _may_hold(self.words, self.cues, name)

    def free(self) -> list[tuple[int, _Num]]:
        return [(i, n) for i, n in enumerate(self.nums)
                if i not in self.used and not _overlaps(n.start, n.end, self.spans)]

    def take(self, start: int, end: int, value: Value | None = None) -> None:
        self.spans.append((start, end))
        for i, n in enumerate(self.nums):
            if n.start < end and start < n.end:
                self.used.add(i)
        if value is not None:
            self.values.append(value)

    def before(self, pos: int) -> str:
        return self.text[max(0, pos - CONTEXT):pos]

    def after(self, pos: int) -> str:
        return self.text[pos:pos + CONTEXT]

    def next_num(self, index: int) -> tuple[int, _Num] | None:
        for j in range(index + 1, len(self.nums)):
            if j not in self.used:
                return j, self.nums[j]
        return None


def _qualified(scan: _Scan, start: int, nominal: float) -> tuple[float, float, str, str, int]:
    """Interval for a number from the qualifier written before it: (low, high, words, bound,
    start of the qualifier)."""
    m = scan.cues.rx["qual"].search(scan.before(start))
    if not m:
        return nominal, nominal, "", "", start
    phrase = _norm(m.group(1))
    bound = scan.cues.maps["bounds"][phrase.rstrip(".")]
    low, high = _bound_interval(bound, nominal)
    return low, high, m.group(1), bound, start - (len(scan.before(start)) - m.start(1))


def _bound_interval(bound: str, x: float) -> tuple[float, float]:
    return {
        "min": (x, math.inf),
        "over": (x, math.inf),
        "max": (0.0, x),
        "under": (0.0, x),
        "about": (x * (1 - APPROX_WIDTH), x * (1 + APPROX_WIDTH)),
        "nearly": (x * (1 - NEARLY_WIDTH), x),
    }.get(bound, (x, x))


def _role(scan: _Scan, start: int, end: int) -> str:
    before = scan.before(start)
    if scan.cues.rx["part"].search(before) or scan.cues.rx["rest"].search(before):
        return "part"
    if scan.cues.rx["of_them"].match(scan.after(end)):
        return "part"  # "three of them", "três delas", "tre di loro": a part of a count before
    if scan.cues.rx["total_before"].search(scan.before(start)):
        return "total"
    if scan.cues.rx["total_after"].match(scan.after(end)):
        return "total"
    return ""


_NEXT_WORD = re.compile(r"\s?([^\W\d_][\w’'\-]*)")


def _counted(scan: _Scan, pos: int, zero: bool = False) -> str:
    """The noun phrase after a value: up to three words, ending at punctuation or a stop word.

    After a zero pronoun ("nobody was hurt", "niemand wurde verletzt") the auxiliaries are
    skipped: what is counted is what happened to nobody ("hurt")."""
    text = scan.text
    words: list[str] = []
    if pos < len(text) and text[pos] == "-":
        pos += 1
    stop = scan.cues.rx["stop"]
    while zero and (m := _NEXT_WORD.match(text, pos)) and stop.fullmatch(m.group(1)):
        pos = m.end()
    while len(words) < MAX_COUNTED_WORDS:
        m = _NEXT_WORD.match(text, pos)
        if not m or (words and text[pos] != " ") or stop.fullmatch(m.group(1)):
            break
        if _overlaps(m.start(1), m.end(1), scan.spans):
            break
        words.append(m.group(1))
        pos = m.end()
        if scan.cues.lang.flag("capitalised_nouns") and m.group(1)[0].isupper():
            break  # German: adjectives, then the capitalised noun that ends the phrase
    return " ".join(words)


def _value(scan: _Scan, kind: str, n: _Num, end: int, unit: str = "", counted: str = "",
           scaled: bool = True, qual_from: int | None = None) -> Value:
    nominal = n.value * (n.scale if scaled else 1.0)
    low, high, qual, bound, qstart = _qualified(scan, qual_from or n.start, nominal)
    start = min(qstart, n.start)
    return Value(kind, low, high, unit, counted, scan.text[start:end], start, end, qual,
                 _role(scan, start, end), None, bound, nominal)


# ---------------------------------------------------------------- finders: not values


def _skip_non_values(scan: _Scan) -> None:
    """Times of day, ids, section numbers, phone and street numbers: never values."""
    text = scan.text
    # a time of day is a real one ("12:00", "9h30"); "31:14" is a score or a vote
    for m in re.finditer(r"(?<!\d)(?:[01]?\d|2[0-4])[:h][0-5]\d(?!\d)", text):
        scan.take(m.start(), m.end())
    if scan.cues.data.get("decimal_comma"):
        # where the comma marks decimals a dot between an hour and two digits is a time
        # ("O 14.41 samolot wylądował", "um 14.41 Uhr"), never 14.41 of anything
        for m in re.finditer(r"(?<![\d.,])(?:[01]?\d|2[0-3])\.[0-5]\d(?![\d.,])", text):
            if not (scan.cues.rx["cur_after"].match(text, m.end())
                    or scan.cues.rx["cur_before"].search(text, 0, m.start())):
                scan.take(m.start(), m.end())
    for m in re.finditer(r"\+?\d[\d ()/-]{6,}\d", text):
        if _is_phone(m.group(0)):
            scan.take(m.start(), m.end())
    for _, n in scan.free():
        if not n.word and _is_name_or_place(scan, n):
            scan.take(n.start, n.end)


def _is_phone(s: str) -> bool:
    digits = sum(c.isdigit() for c in s)
    return (digits >= 7 and bool(re.search(r"\d[ /-]\d", s))
            and not re.fullmatch(r"\d{4}\s*[-–]\s*\d{4}", s))


def _is_name_or_place(scan: _Scan, n: _Num) -> bool:
    """"5 p.m.", "F-16", "320neo", "§ 5", "12 Elm Street": a number that names, not measures."""
    rx, text = scan.cues.rx, scan.text
    after, near = text[n.end:], text[max(0, n.start - 2):n.start]
    letters_after = (re.match(r"[^\W\d_]", after) and not _ORDINAL.match(after)
                     and not rx["scale"].match(after)
                     and not rx["age_after"].match(after))  # "58letá", "45enne": an age
    return bool(
        (rx["time_after"].match(after) and n.value <= 24 and not _span_of_hours(scan, n))
        or (rx["time_before"].search(scan.before(n.start)) and n.value <= 24
            and not n.word and not _counts_people(rx, after.lstrip()))
        or re.search(r"[A-Z]-?$", near)
        or letters_after
        or rx["id_before"].search(scan.before(n.start))
        or rx["street_after"].match(after)
        or rx["street_before"].search(scan.before(n.start))
    )


def _span_of_hours(scan: _Scan, n: _Num) -> bool:
    """"pendant 12 heures", "durante 14 horas", "per 12 ore": where one word names both an
    hour of the clock and a span of hours, a span preposition right before the number makes
    it a duration. Without one it stays the clock ("à 20 heures", "verso le 21 ore"): a clock
    time read as a span would clash with the next one."""
    rx = scan.cues.rx
    return bool(rx["dur"].match(scan.text, n.end)) and bool(
        rx["span_before"].search(scan.before(n.start))
    )


def _counts_people(rx: dict[str, re.Pattern[str]], after: str) -> bool:
    """Whether the words after a number name what it counts ("alle 21 vittime")."""
    first = LETTER_WORD.match(after)
    return bool(first) and any(
        key in rx and rx[key].match(first.group(0)) for key in ("things", "people")
    )


def _skip_ordinals(scan: _Scan) -> None:
    text = scan.text
    for _, n in scan.free():
        if n.word:
            continue
        after = text[n.end:]
        german_dot = (scan.cues.lang.flag("ordinal_dot") and re.match(r"\.\s+[^\W\d_]", after)
                      and "." not in n.raw and "," not in n.raw and n.value < 1000)
        if (_ORDINAL.match(after) and not re.match(r"\.\s", after)) or german_dot:
            scan.take(n.start, n.end + (1 if german_dot else 0))


# ---------------------------------------------------------------- finders: dates


def _month_number(cues: _Cues, word: str) -> int:
    return int(cues.maps["months"][word.lower().rstrip(".")])


def _month_ok(cues: _Cues, m: re.Match[str]) -> bool:
    """Where months are written capitalised, "may"/"march" in lower case are other words."""
    return not (cues.lang.flag("capitalised_months") and m.group(0)[0].islower())


def _find_dates(scan: _Scan) -> None:
    """Written dates: day+month(+year), month+year, a month after a cue word, numeric dates."""
    text, cues = scan.text, scan.cues
    if scan.nums:
        _find_numeric_dates(scan)
    for m in cues.rx["months"].finditer(text) if scan.may_hold("months") else ():
        if _overlaps(m.start(), m.end(), scan.spans) or not _month_ok(cues, m):
            continue
        _read_month(scan, m)


_NINE_ELEVEN = re.compile(r"(?<![\d/])9/11(?![\d/])")
_DMY_DOTS = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d])")
_ISO = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d])")
_SLASHES = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")


def _find_numeric_dates(scan: _Scan) -> None:
    """"9/11" (the attacks' name), "3.10.1990", "1990-10-03", "10/3/1990" (US order in English)."""
    text = scan.text
    for m in _NINE_ELEVEN.finditer(text):
        day = datetime.date(2001, 9, 11).toordinal()
        scan.take(m.start(), m.end(), _date(m.group(0), m.start(), m.end(), day, day, "day"))
    for m in _DMY_DOTS.finditer(text):
        _add_day(scan, m, int(m.group(3)), int(m.group(2)), int(m.group(1)))
    for m in _ISO.finditer(text):
        _add_day(scan, m, int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for m in _SLASHES.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        month, day = (a, b) if scan.cues.lang.flag("month_first") else (b, a)
        _add_day(scan, m, int(m.group(3)), month, day)


def _add_day(scan: _Scan, m: re.Match[str], year: int, month: int, day: int) -> None:
    if year < 100:
        year += 2000 if year < 50 else 1900
    try:
        d = datetime.date(year, month, day).toordinal()
    except ValueError:
        return
    scan.take(m.start(), m.end(), _date(m.group(0), m.start(), m.end(), d, d, "day"))


def _read_month(scan: _Scan, m: re.Match[str]) -> None:
    text, month = scan.text, _month_number(scan.cues, m.group(0))
    start, end = m.start(), m.end()
    day: int | None = None
    # "11 septembre", "11. September", "11-Septembre" (the French name of the day)
    before = re.search(r"(?<![\d.,])(\d{1,2})(?:\.|er|º|st|nd|rd|th)?-?\s*(?:de\s+|of\s+)?$",
                       text[max(0, start - 12):start])
    after_day = re.match(r"\s+(\d{1,2})(?:st|nd|rd|th)?(?![\d.,]\d)(?![\w-])", text[end:])
    if after_day and (scan.cues.lang.flag("month_first") or not before):
        day, end = int(after_day.group(1)), end + after_day.end()  # US style "Sept. 11"
    elif before:
        day, start = int(before.group(1)), start - (len(text[max(0, start - 12):start])
                                                    - before.start())
    year_m = re.match(r"\s*,?\s*(?:(?:de|del|of)\s+)?(\d{4})(?!\d)", text[end:])
    year = int(year_m.group(1)) if year_m and YEARS[0] <= int(year_m.group(1)) <= YEARS[1] \
        else None
    if year_m and year is not None:
        end += year_m.end()
    placed = None if year is not None else _placed_month(scan, start, end, month)
    if placed is not None:
        year, start, end = placed
    if day is None and year is None and not _month_cue(scan, start):
        return
    part = None if day is not None else scan.cues.rx["part_month"].search(text[:start])
    if part:
        start = part.start(1)
    # A day or month written without its year keeps no year: "Sept. 11" in a 2016 article may
    # well be 2001's. Compared with a dated value, only month and day count (_dates_conflict).
    yearless = year is None
    y = REFERENCE_YEAR if yearless else year
    assert y is not None
    try:
        first = datetime.date(y, month, day or 1).toordinal()
    except ValueError:
        return
    last = first if day is not None else first + calendar.monthrange(y, month)[1] - 1
    if part:
        first, last = _part_of(part, first, last)
    unit = "yearless" if yearless else ("day" if day is not None else "month")
    scan.take(start, end, _date(text[start:end], start, end, first, last, unit))


def _placed_month(
    scan: _Scan, start: int, end: int, month: int
) -> tuple[int, int, int] | None:
    """The year of a month told by its distance from the publication ("last December": the
    latest December before it; "next March": the first March after it; "December of last
    year"), and where the month's words start and end, those words included ("loni" in "loni v
    prosinci" is no year of its own). The year words are tried first ("December last year").
    None without a publication date or such words."""
    if scan.published is None:
        return None
    rx, now = scan.cues.rx, scan.published
    before = scan.text[max(0, start - CONTEXT):start]
    for key, year in (
        ("last_year", now.year - 1),
        ("next_year", now.year + 1),
        ("last_month", now.year if month < now.month else now.year - 1),
        ("next_month", now.year if month > now.month else now.year + 1),
    ):
        after = rx[f"{key}_after"].match(scan.text, end)
        if after:
            return year, start, after.end()
        told = rx[f"{key}_before"].search(before)
        if told:
            return year, start - len(before) + told.start(1), end
    return None


def _month_cue(scan: _Scan, start: int) -> bool:
    before = scan.before(start)
    return bool(scan.cues.rx["year_cue"].search(before)
                or scan.cues.rx["part_month"].search(before))


def _part_of(part: re.Match[str], first: int, last: int) -> tuple[int, int]:
    if part.group("early"):
        return first, first + PART_DAYS - 1
    if part.group("mid"):
        return first + PART_DAYS, first + 2 * PART_DAYS - 1
    return last - PART_DAYS + 1, last


def _date(text: str, start: int, end: int, low: int, high: int, unit: str) -> Value:
    return Value(ValueKind.DATE, float(low), float(high), unit, "", text, start, end, nominal=None)


def _find_years(scan: _Scan) -> None:
    """Bare years; a qualifier before or a unit after makes them counts, not years."""
    for _, n in scan.free():
        if n.word or n.scale != 1.0 or "." in n.raw or "," in n.raw:
            continue
        if not (len(n.raw) == 4 and YEARS[0] <= n.value <= YEARS[1]):
            continue
        if scan.cues.rx["qual"].search(scan.before(n.start)):
            continue
        year = int(n.value)
        low = datetime.date(year, 1, 1).toordinal()
        high = datetime.date(year, 12, 31).toordinal()
        part = scan.cues.rx["part_month"].search(scan.text[:n.start])
        start = n.start
        if part and part.end() == n.start and not part.group("mid"):
            start = part.start(1)
            low, high = (low, low + 90) if part.group("early") else (high - 90, high)
        scan.take(start, n.end, _date(scan.text[start:n.end], start, n.end, low, high, "year"))


def _merge_ranges(scan: _Scan) -> None:
    """"between 2009 and 2016", "von Januar 2016 bis Dezember 2018": one date range."""
    dates = sorted((v for v in scan.values if v.kind == ValueKind.DATE and v.unit in _ABSOLUTE),
                   key=lambda v: v.start)
    for a, b in itertools.pairwise(dates):
        gap = scan.text[a.end:b.start]
        join = scan.cues.rx["range_join"].match(gap)
        if not join or a not in scan.values or b not in scan.values:
            continue
        opened = scan.cues.rx["range_open"].search(scan.before(a.start))
        if not opened and join.group(1).lower() in {"and", "und", "et", "y", "a", "à"}:
            continue
        start = opened.start(1) + max(0, a.start - CONTEXT) if opened else a.start
        merged = _date(scan.text[start:b.end], start, b.end, int(a.low), int(b.high), "range")
        scan.values[scan.values.index(a)] = merged
        scan.values.remove(b)


def _named_date(scan: _Scan, end: int) -> Value | None:
    """The calendar date already read right after a weekday ending at ``end`` ("Monday, April
    13", "mercredi 15 avril", "Thursday, Feb. 19"), None when none: the weekday names that
    date's day, one date told twice, not a second date (a sentence with several dates tells
    several happenings, see ``evidence.several_dates``)."""
    rest = scan.text[end:end + 4]
    at = end + len(rest) - len(rest.lstrip(" ,\u00a0"))
    return next((v for v in scan.values if v.kind == ValueKind.DATE and v.start == at), None)


def _pin_year(scan: _Scan, date: Value, weekday: int) -> None:
    """A date without a year whose weekday is named takes the one year around publication
    (the year before, its own, the next) in which that day falls on that weekday: "Thursday,
    November 12" in an article of October 2026 is 12 November 2026. Without a publication
    date, or where no year or several fit, it stays without a year."""
    if date.unit != "yearless" or scan.published is None:
        return
    told = datetime.date.fromordinal(int(date.low))
    fits = []
    for year in range(scan.published.year - 1, scan.published.year + 2):
        try:
            day = told.replace(year=year)
        except ValueError:  # 29 February
            continue
        if day.weekday() == weekday:
            fits.append(day.toordinal())
    if len(fits) == 1:
        pinned = replace(date, low=float(fits[0]), high=float(fits[0]), unit="day")
        scan.values[scan.values.index(date)] = pinned


def _find_relative(scan: _Scan) -> None:
    """Weekdays, "yesterday", "last week", "vor zwei Wochen", "in zwei Monaten"."""
    text, rx, cues, pub = scan.text, scan.cues.rx, scan.cues, scan.published
    may_be_future = scan.may_hold("future")
    weekdays = cues.maps["weekdays"]
    for m in rx["weekdays"].finditer(text) if scan.may_hold("weekdays") else ():
        if _overlaps(m.start(), m.end(), scan.spans) or (
                cues.lang.flag("capitalised_weekdays") and m.group(0)[0].islower()):
            continue
        word = m.group(0).lower()
        wd = next(v for k, v in weekdays.items() if word.startswith(k))
        named = _named_date(scan, m.end())
        if named is not None:
            _pin_year(scan, named, wd)
            continue
        if pub is None:
            scan.take(m.start(), m.end(), _date(m.group(0), m.start(), m.end(), wd, wd,
                                                "weekday"))
            continue
        # the future cue must be near the weekday (its clause), not anywhere in the sentence:
        # "the House voted on Wednesday, so the bill will become law" is a past Wednesday
        near = text[max(0, m.start() - FUTURE_WINDOW) : m.end() + FUTURE_WINDOW]
        future = may_be_future and bool(rx["future"].search(near))
        # "closed until Wednesday" is to come; only right before the day, for the same word
        # is "to" elsewhere ("rose on Tuesday to 23", "steeg dinsdag tot 23")
        future = future or bool(rx["until"].search(text[max(0, m.start() - FUTURE_WINDOW) :
                                                         m.start()]))
        delta = (pub.weekday() - wd) % 7
        day = pub.toordinal() + ((7 - delta) % 7 if future else -delta)
        scan.take(m.start(), m.end(), _date(m.group(0), m.start(), m.end(), day, day, "day"))
    if pub is None:
        return
    days = cues.maps["days"]
    for m in rx["periods"].finditer(text) if scan.may_hold("periods") else ():
        if not _overlaps(m.start(), m.end(), scan.spans):
            unit, offset = cues.maps["periods"][_norm(m.group(0))]
            low, high, gran = _period(pub, unit, int(offset))
            scan.take(m.start(), m.end(), _date(m.group(0), m.start(), m.end(), low, high, gran))
    for m in rx["days"].finditer(text) if scan.may_hold("days") else ():
        if not _overlaps(m.start(), m.end(), scan.spans):
            day = pub.toordinal() + days[_norm(m.group(0))]
            scan.take(m.start(), m.end(), _date(m.group(0), m.start(), m.end(), day, day, "day"))
    durations = cues.maps["durations"]
    for _, n in scan.free():
        unit_m = rx["dur"].match(text, n.end)
        if not unit_m or unit_m.group(1) == "-":
            continue
        unit = durations[unit_m.group(2).lower()]
        ago = rx["ago_after"].match(text, unit_m.end())
        back = rx["ago_before"].search(scan.before(n.start))
        ahead = rx["ahead_before"].search(scan.before(n.start))
        if not (ago or back or ahead):
            continue
        end = ago.end() if ago else unit_m.end()
        v = _value(scan, ValueKind.DURATION, n, end, unit)
        sign = 1 if ahead and not (ago or back) else -1
        low, high = _shift(pub, unit, v.low, v.high, sign)
        cue = back or ahead
        start = min(v.start, n.start - len(scan.before(n.start)) + cue.start(1)) if cue \
            else v.start
        scan.take(start, end, replace(_date(text[start:end], start, end, 0, 0, "range"),
                                      low=low, high=high, qualifier=v.qualifier,
                                      bound=v.bound))


def _period(pub: datetime.date, unit: str, offset: int) -> tuple[int, int, str]:
    p = pub.toordinal()
    if unit == "week":
        monday = p - pub.weekday() + 7 * offset
        return monday, monday + 6, "week"
    if unit in ("month", "month-to-date"):
        y, m = divmod(pub.year * 12 + pub.month - 1 + offset, 12)
        first = datetime.date(y, m + 1, 1).toordinal()
        last = first + calendar.monthrange(y, m + 1)[1] - 1
        return (first, p, "range") if unit == "month-to-date" else (first, last, "month")
    if unit == "week-to-date":
        return p - pub.weekday(), p, "range"
    first = datetime.date(pub.year + offset, 1, 1).toordinal()
    if unit == "year-to-date":
        return first, p, "range"
    return first, datetime.date(pub.year + offset, 12, 31).toordinal(), "year"


def _shift(pub: datetime.date, unit: str, low: float, high: float,
           sign: int) -> tuple[float, float]:
    """Days covered by "N units ago/ahead" with N in [low, high]; half a unit of slack."""
    size = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7,
            "month": 30.44, "year": 365.25, "decade": 3652.5}[unit]
    slack = 0.0 if unit == "day" else size / 2
    p = pub.toordinal()
    near, far = p + sign * low * size, p + sign * high * size
    lo, hi = sorted((near, far))
    return (math.floor(lo - slack) if math.isfinite(lo) else lo,
            math.ceil(hi + slack) if math.isfinite(hi) else hi)


# ---------------------------------------------------------------- finders: numbers


def _find_tallies(scan: _Scan) -> None:
    """Vote tallies: "348-77", "134 to 63", "348 gegen 78", "97 zu einer", "348 voix pour et
    77 contre". The first number must not be smaller: "10-20" is a range, not a tally."""
    text = scan.text
    for i, a in scan.free():
        if a.one or i in scan.used or a.value != int(a.value):
            continue
        nxt = scan.next_num(i)
        if not nxt:
            continue
        j, b = nxt
        gap = text[a.end:b.start]
        rx = scan.cues.rx
        joined = rx["tally_join"].match(gap) or rx["tally_votes"].match(gap)
        pro = rx["tally_pro"].fullmatch(gap)
        contra = rx["tally_contra"].match(text, b.end)
        if pro and contra:
            end = contra.end()
        elif joined and a.value < b.value and gap.strip() in ("-", "–") and not _is_year(a):
            _add_count_range(scan, a, b)
            scan.used.update({i, j})
            continue
        elif joined and a.value >= b.value and b.value == int(b.value):
            if scan.cues.rx["range_open"].search(scan.before(a.start)) or (
                    _is_year(a) and _is_year(b)):
                continue
            end = b.end
        else:
            continue
        if a.scale != 1.0 or b.scale != 1.0:
            continue
        v = Value(ValueKind.TALLY, a.value, a.value, "", "", text[a.start:end], a.start, end,
                  second=b.value, nominal=a.value, role=_role(scan, a.start, end))
        scan.take(a.start, end, v)
        scan.used.update({i, j})


def _add_count_range(scan: _Scan, a: _Num, b: _Num) -> None:
    """"10-20 people": a count somewhere in the range."""
    text = scan.text
    v = Value(ValueKind.COUNT, a.value * a.scale, b.value * b.scale, "", _counted(scan, b.end),
              text[a.start:b.end], a.start, b.end, "", _role(scan, a.start, b.end), None,
              "range", None)
    scan.take(a.start, b.end, v)


# kinds a figure told as a range between two numbers may take from the second ("between 30
# and 40 percent"): the first, a bare count, is of the second's kind
_RANGE_KINDS = frozenset({ValueKind.COUNT, ValueKind.PERCENT, ValueKind.DURATION})


def _merge_between(scan: _Scan) -> None:
    """"between 30 and 40 people", "zwischen 30 und 40 Prozent", "od 30 do 40 osób": one
    figure somewhere in the range ([numbers] between, between_join), never the 30 or the 40
    told as a figure of its own. The first may be a bare count of the second's kind."""
    told = sorted((v for v in scan.values if v.kind in _RANGE_KINDS), key=lambda v: v.start)
    for a, b in itertools.pairwise(told):
        if a not in scan.values or b not in scan.values or not a.low < b.low:
            continue
        if not scan.cues.rx["between_join"].match(scan.text[a.end:b.start]):
            continue
        if not scan.cues.rx["between_open"].search(scan.before(a.start)):
            continue
        if (a.kind, a.unit) != (b.kind, b.unit) and not (a.kind == ValueKind.COUNT
                                                         and not a.counted):
            continue
        merged = replace(b, low=a.low, high=b.high, text=scan.text[a.start:b.end],
                         start=a.start, bound="range", nominal=None)
        scan.values[scan.values.index(b)] = merged
        scan.values.remove(a)


def _is_year(n: _Num) -> bool:
    return len(n.raw) == 4 and YEARS[0] <= n.value <= YEARS[1]


def _vague_words(scan: _Scan) -> list[re.Match[str]]:
    """Where the text says a vague quantity ("thousands of", "decenas de miles de")."""
    return list(scan.cues.rx["vague"].finditer(scan.text)) if scan.may_hold("vague") else []


def _find_money(scan: _Scan) -> None:
    before_map, after_map = scan.cues.maps["cur_before"], scan.cues.maps["cur_after"]
    vague = [(m.start(), m.end()) for m in _vague_words(scan)]
    for _, n in scan.free():
        if n.one and n.scale == 1.0:
            continue
        if _overlaps(n.start, n.end, vague):
            continue  # "thousands of dollars" is no $1,000: a vague amount (_find_vague)
        pre = scan.cues.rx["cur_before"].search(scan.text[max(0, n.start - 5):n.start])
        post = scan.cues.rx["cur_after"].match(scan.text, n.end)
        if pre:
            code, start = before_map[pre.group(1).lower()], n.start - (
                len(scan.text[max(0, n.start - 5):n.start]) - pre.start(1))
            end = post.end() if post and after_map.get(_norm(post.group(1))) == code else n.end
        elif post:
            code, start, end = after_map[_norm(post.group(1))], n.start, post.end()
        else:
            continue
        v = _value(scan, ValueKind.MONEY, n, end, code, qual_from=start)
        v = replace(v, counted=_of_phrase(scan, end))
        scan.take(v.start, end, v)


def _of_phrase(scan: _Scan, pos: int) -> str:
    m = re.match(r"\s+(?:of|der|des|de|du|del|in)\s+", scan.text[pos:], re.I)
    return _counted(scan, pos + m.end() - 1) if m else ""


def _find_percent(scan: _Scan) -> None:
    points = scan.cues.maps["points"]
    for _, n in scan.free():
        m = scan.cues.rx["pct"].match(scan.text, n.end)
        if not m or n.one:
            continue
        unit = "pp" if _norm(m.group(1)) in points else "%"
        if unit == "pp" and _bare_points(m.group(1), scan) and not scan.cues.rx[
                "pct_stated"].search(scan.text):
            continue  # "sieben Punkte", "300 points": points of an index, a charge, a game
        v = _value(scan, ValueKind.PERCENT, n, m.end(), unit)
        scan.take(v.start, v.end, replace(v, counted=_of_phrase(scan, v.end)))


def _bare_points(word: str, scan: _Scan) -> bool:
    """A word for points that names no percentage ("points", "Punkte", "puntos"; not
    "percentage points", "Prozentpunkte"): percentage points only beside a percentage."""
    folded = word.casefold()
    percent = [w.casefold() for w in scan.cues.table("percent").get("words", []) if w != "%"]
    return " " not in folded.strip() and not any(p in folded for p in percent)


def _find_ages(scan: _Scan) -> None:
    text, rx = scan.text, scan.cues.rx
    for _, n in scan.free():
        if n.word or n.value != int(n.value) or not 0 < n.value <= MAX_AGE:
            continue
        after = rx["age_after"].match(text, n.end)
        end = after.end() if after else n.end
        if not after:
            # "Hodgkinson, 66," / "Hodgkinson, 66 anni," / "Stone (66)": an age beside a name,
            # with or without the language's word for years
            rest = text[n.end:]
            spaced = re.match(r"\s+", rest)
            word = rx["years_word"].match(rest, spaced.end()) if spaced else None
            aside = re.match(r"\s*[,)]", rest[word.end():] if word else rest)
            head = scan.before(n.start)
            # "Tomas Berg, de 54 anos": a word the language puts between them is read past
            aside_word = rx["age_aside"].search(head)
            told = head[: aside_word.start()] + " " if aside_word else head
            named = re.search(r"([^\W\d_][\w.’'-]+)\s*[,(]\s*$", told)
            named = named if named and named.group(1)[0].isupper() else None
            before = rx["age_before"].search(head)
            # "un hombre de 45 años", "un uomo di 45 anni": a noun, the language's word joining
            # it to its age, the number and the word for years; not after a word that makes it
            # a span ("después de 20 años", "una pena di 20 anni", "un mandat de 5 ans")
            noun = rx["age_of"].search(head) or (aside and rx["age_of_aside"].search(head))
            spans = scan.cues.maps["age_not_of"]
            noun_of = bool(noun and word and _norm(noun.group(1)) not in spans)
            if aside and named and n.value >= 1 and not rx["qual"].search(head):
                end = n.end + (word.end() if word else 0) + aside.end() - 1
            elif (before and (word or scan.cues.lang.flag("age_cue_alone"))) or noun_of:
                end = n.end + word.end() if word else n.end
            else:
                continue
        v = Value(ValueKind.AGE, n.value, n.value, "year", "", text[n.start:end], n.start, end,
                  nominal=n.value)
        scan.take(n.start, end, v)


def _find_durations(scan: _Scan) -> None:
    text, rx = scan.text, scan.cues.rx
    durations, adjectives = scan.cues.maps["durations"], scan.cues.maps["adjectives"]
    for _, n in scan.free():
        m = rx["dur"].match(text, n.end)
        if m:
            unit, end = durations[m.group(2).lower()], m.end()
        else:
            adj = rx["adj"].match(text, n.end)
            if not adj or not text[n.end:].startswith("-"):
                continue
            unit, end = adjectives[adj.group(1).lower()], adj.end()
        if (m and m.group(1) != "-" and rx["offset_after"].match(text, end)
                and not rx["lasting_before"].search(scan.before(n.start))):
            scan.take(n.start, end)  # "six minutes into the flight": when, not how long
            continue
        v = _value(scan, ValueKind.DURATION, n, end, unit)
        counted = _counted(scan, end) if m and m.group(1) == "-" else ""
        scan.take(v.start, end, replace(v, counted=counted))


def _find_vague(scan: _Scan) -> None:
    vague = scan.cues.maps["vague"]
    for m in _vague_words(scan):
        if _overlaps(m.start(), m.end(), scan.spans):
            continue
        low, high = (float(x) for x in vague[_norm(m.group(0))])
        q = scan.cues.rx["qual"].search(scan.before(m.start()))
        start = m.start() - (len(scan.before(m.start())) - q.start(1)) if q else m.start()
        if q:
            bound = _bound_for(scan, q.group(1))
            low, high = _bound_interval(bound, low)[0], _bound_interval(bound, high)[1]
        post = scan.cues.rx["cur_after"].match(scan.text, m.end())
        if post:
            # "spent tens of thousands of dollars on trips": an order of magnitude, mostly of a
            # part of the sum outlets report, no figure to dispute (on the dev stories, read as
            # $20,000–99,999 it clashed with the $250,000 total); read, so no "$1,000" either
            scan.take(start, post.end())
            continue
        v = Value(ValueKind.COUNT, low, high, "", _counted(scan, m.end()), scan.text[start:m.end()],
                  start, m.end(), m.group(0), _role(scan, start, m.end()), None, "vague")
        scan.take(start, m.end(), v)


def _bound_for(scan: _Scan, phrase: str) -> str:
    return str(scan.cues.maps["bounds"].get(_norm(phrase).rstrip("."), ""))


def _find_counts(scan: _Scan) -> None:
    for _, n in scan.free():
        if n.one and n.scale == 1.0:
            continue
        v = _value(scan, ValueKind.COUNT, n, n.end)
        after_not = _norm(n.raw) in scan.cues.maps["zero_after_not"]
        pos = n.end
        if n.scale > 1.0 and (of := scan.cues.rx["scale_of"].match(scan.text, pos)):
            pos = of.end()  # "50 milhões de passageiros" counts what "50 million passengers" does
        counted = "" if after_not else _counted(scan, pos, zero=n.zero)
        if n.zero and not counted:
            # the pronoun after its happening: "Verletzt wurde … niemand", "have not detained
            # anyone", "non è stato arrestato nessuno" count none of the [things] word before
            counted = _happening_before(scan, n.start)
        if n.zero and not counted:
            continue  # "none of it", "no, he said": nothing counted, no value
        if n.zero and _norm(counted.split()[0]) in scan.cues.maps["zero_not"]:
            continue  # "no longer", "no fewer than", "in no case": an adverb, not a count
        before = scan.text[max(0, n.start - 2 * COUNTED_REACH) : n.start]
        # a toll counts people: "magnitude 5.8" after "the death toll" is not it
        whole = float(n.value).is_integer()
        if not counted and whole and (toll := scan.cues.rx["counted_before"].search(before)):
            counted = " ".join(toll.group(1).split())  # "the death toll rose to 15"
        if n.zero and _partitive(scan, n):
            v = replace(v, role="part")  # "none of the associates": none of some, not no one
        scan.take(v.start, v.end, replace(v, counted=counted))
    _part_of_total(scan)


def _partitive(scan: _Scan, n: _Num) -> bool:
    """A zero word of a group ("none of the associates", "nessuno dei feriti"): its own last
    words or the words right after it are the language's [roles] ``of``."""
    return bool(scan.cues.rx["of_end"].search(n.raw)
                or scan.cues.rx["of_next"].match(scan.text, n.end))


def _negated(cues: _Cues, before: str) -> bool:
    """A negation in ``before`` with no question after it: "have not detained anyone", never
    "it was not clear whether anyone was hurt"."""
    found = list(cues.rx["negated"].finditer(before))
    return bool(found) and not cues.rx["question"].search(before, found[-1].end())


def _happening_before(scan: _Scan, pos: int) -> str:
    """The last [things] word before ``pos`` in its clause ("" without one)."""
    things = scan.cues.rx.get("things")
    if things is None:
        return ""
    clause = languages.clause_before(scan.text, pos)
    found = list(things.finditer(clause))
    return found[-1].group(0) if found else ""


def _part_of_total(scan: _Scan) -> None:
    """"15 of the 19 hijackers": the first is a part of the second, which is the total."""
    counts = sorted((v for v in scan.values if v.kind == ValueKind.COUNT), key=lambda v: v.start)
    for a, b in itertools.pairwise(counts):
        if a.high <= b.low and scan.cues.rx["of"].match(scan.text[a.end:b.start]):
            i, j = scan.values.index(a), scan.values.index(b)
            scan.values[i] = replace(a, role="part", counted=a.counted or b.counted)
            scan.values[j] = replace(b, role="total")


def _clause_of(text: str, value: Value, edges: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """Where a value's clause begins and ends: at punctuation, or at the nearest other value
    (``edges``, the spans of the values that end a clause) on either side."""
    low = max([e for _, e in edges if e <= value.start] + [0])
    high = min([s for s, _ in edges if s >= value.end] + [len(text)])
    return languages.clause_span(text, value.start, value.end, low, high)


def _find_things(scan: _Scan) -> None:
    """What each count is of (``_things_of``, [things]) and what each amount of money is of
    ([amounts]: the damage, a budget, a fine)."""
    _things_of(scan, "things", ValueKind.COUNT)
    _things_of(scan, "amounts", ValueKind.MONEY)
    # what a share or a span is of ([shares]: turnout, approval, inflation; [spans]: a prison
    # term, an evacuation): two of different things are never one figure told twice
    _things_of(scan, "shares", ValueKind.PERCENT)
    _things_of(scan, "spans", ValueKind.DURATION)


def _things_of(scan: _Scan, table: str, kind: str) -> None:
    """What each value of ``kind`` is of: a ``table`` word in its clause (for a count, a
    [things] word), after the number first ("7 people were killed and 23 others were
    injured": 7 dead, 23 injured), else before it
    ("Zginęło siedem osób": dead); within the clause only, which ends at punctuation or at
    another count or amount. A date does not end it: "starben am Dienstag fünf Menschen",
    "kwamen woensdag om het leven" tell when, not another thing counted."""
    things = scan.cues.rx.get(table)
    if things is None:
        return
    text = scan.text
    edges = sorted((v.start, v.end) for v in scan.values if v.kind != ValueKind.DATE)
    # things are people and happenings counted whole: a magnitude of 5.8 next to "zginęło" is
    # no count of the dead, and must not take the word from the count that is
    counts = [i for i, v in enumerate(scan.values)
              if v.kind == kind
              and float(v.low if v.nominal is None else v.nominal).is_integer()]
    # the word nearest the number: the first after it, else the last before it that no
    # earlier count took as its own ("Tre persone sono morte martedì … tra due treni": the
    # trains are not dead)
    clauses = {i: _clause_of(text, scan.values[i], edges) for i in counts}
    taken: dict[int, re.Match[str]] = {}
    for i in counts:
        found = next(things.finditer(text, scan.values[i].end, clauses[i][1]), None)
        if found is None and scan.cues.rx["parts_aside"].match(text, clauses[i][1]):
            found = _thing_after_parts(text, things, clauses[i][1],
                                       [c for j, c in clauses.items() if j != i])
        if found is not None:
            taken[i] = found
    used = {m.start() for m in taken.values()}
    for i in counts:
        v = scan.values[i]
        if i not in taken:
            before = [m for m in things.finditer(text, clauses[i][0], v.start)
                      if m.start() not in used]
            if not before:
                continue
            taken[i] = before[-1]
            if scan.cues.rx["among"].search(text, 0, taken[i].start()):
                v = replace(v, role="part")  # "among the injured were two officers"
        scan.values[i] = replace(v, thing=(taken[i].lastgroup or "").replace("_", " "),
                                 whole=kind == ValueKind.COUNT and _told_whole(scan, v, things))


def _told_whole(scan: _Scan, v: Value, things: re.Pattern[str]) -> bool:
    """Whether a count of a thing counts it whole (``Value.whole``): no part, and its noun
    phrase names people in general (any word of it: "zwei weitere Menschen"), or opens with
    the thing's word ("49 muertos", "vijf gewonden gevallen"), or is not written ("the toll rose
    to 15"). "Two police officers", "dois agentes" count a kind of people."""
    if v.role == "part":
        return False
    words = v.counted.split()
    return (
        not words
        or any(scan.cues.rx["people"].fullmatch(w) for w in words)
        or bool(things.match(words[0]))
    )


_STOP = re.compile(r"[.;!?](?:\s|$)")  # where a sentence, or a clause of it, ends


def _thing_after_parts(text: str, things: re.Pattern[str], start: int,
                       others: Sequence[tuple[int, int]]) -> re.Match[str] | None:
    """The thing of a count whose parts are listed right after it ("Six people, including two
    congressmen and an aide, were injured"): the first thing word after the list, in the same
    sentence, that is in no other count's clause (the parts' own)."""
    stop = _STOP.search(text, start)
    end = stop.start() if stop else len(text)
    return next((m for m in things.finditer(text, start, end)
                 if not any(lo <= m.start() < hi for lo, hi in others)), None)


def _find_events(scan: _Scan) -> None:
    """What each date dates: the [events] word nearest it in its clause, on either side ("was
    opened in 1974", "werd in 1976 geopend"); the clause ends at punctuation or at another
    value. None of a date that names no happening."""
    events = scan.cues.rx.get("events")
    if events is None:
        return
    text = scan.text
    edges = sorted((v.start, v.end) for v in scan.values)
    for i, v in enumerate(scan.values):
        if v.kind != ValueKind.DATE:
            continue
        start, end = _clause_of(text, v, edges)
        found = [m for m in events.finditer(text, start, end)
                 if m.end() <= v.start or m.start() >= v.end]
        if found:
            near = min(found, key=lambda m: max(m.start() - v.end, v.start - m.end()))
            scan.values[i] = replace(v, event=near.lastgroup or "")


def objects_before(text: str, language: str | Language | None, value: Value) -> frozenset[str]:
    """The things ([objects]: a bridge, a dam, a museum) a claim names before ``value`` in its
    sentence: what an opening or a building dated there is of ("Das Museum wurde 1976
    eröffnet", "The earth dam, which opened in 1962")."""
    objects = _cues(language).rx.get("objects")
    if objects is None:
        return frozenset()
    start = max(0, text.rfind(". ", 0, value.start) + 1)
    return frozenset(m.lastgroup or "" for m in objects.finditer(text, start, value.start))


NEGATION_AFTER = 2  # words after a [things] word a negation may follow it in ("arrests were not")


def happenings(
    text: str, language: str | Language | None, values: Sequence[Value]
) -> tuple[tuple[str, str], ...]:
    """The things a claim tells as having happened with no count of them: "X è stato accusato
    di negligenza" (charged), "Policja zatrzymała kierownika zmiany" (arrested). Each as (thing,
    its word). Not where a count states it (the count says how many), nor where a negation, a
    hedge or a question stands before the word in its clause ("was not charged", "may face
    charges", "whether anyone was hurt"). "Nobody was charged" against one of these is one
    proposition denied and asserted (``evidence``)."""
    cues = _cues(language)
    things = cues.rx.get("things")
    if things is None:
        return ()
    counted = {v.thing for v in values if v.thing}
    found: list[tuple[str, str]] = []
    for m in things.finditer(text):
        thing = (m.lastgroup or "").replace("_", " ")
        if thing in counted or any(v.start <= m.start() < v.end for v in values):
            continue
        if cues.rx["not_happened"].search(languages.clause_before(text, m.start())):
            continue
        # or right after it, where the language puts its negation there ("задержаний не
        # проводилось", "zatrzymań nie było", "Festnahmen gab es keine")
        after = LETTER_WORD.findall(languages.clause_after(text, m.end()))
        if any(cues.rx["not_happened"].fullmatch(w) for w in after[:NEGATION_AFTER]):
            continue
        found.append((thing, m.group(0)))
    return tuple(dict.fromkeys(found))


DEGREE_REACH = 3  # words after a count in which a degree word makes it a part


def _find_degree(scan: _Scan) -> None:
    """A count of a thing told with its degree ("two people were seriously injured", "zwei
    Menschen wurden schwer verletzt", "dos heridos graves"): a part of that thing, never its
    whole toll ("Eleven people were hurt" is not a conflict with it)."""
    degree, classes = scan.cues.rx["degree"], scan.cues.maps["degree"]
    counts = sorted((v for v in scan.values if v.kind == ValueKind.COUNT), key=lambda v: v.start)
    for before, v in zip([None, *counts], counts, strict=False):
        thing = v.thing
        if not thing and before is not None and scan.cues.rx["of_them"].match(scan.after(v.end)):
            thing = before.thing  # "Eleven people were injured, two of them seriously"
        if not thing or v.role not in ("", "part"):
            continue
        after = languages.clause_after(scan.text, v.end)
        words = LETTER_WORD.findall(after)[: DEGREE_REACH + len(v.counted.split())]
        found = next(degree.finditer(" ".join(words)), None)
        if found is not None:
            i = scan.values.index(v)
            scan.values[i] = replace(v, role="part", whole=False, thing=thing,
                                     degree=classes.get(_norm(found.group(0)), ""))


def _find_previous(scan: _Scan) -> None:
    """A figure told as the earlier state of one beside it ("rose to 13 on Sunday, up from the
    11 deaths confirmed at first", "13 Tote nach zuvor 11", "13 morts, contre 11 la veille"):
    role ``previous``, never a claim of the article about now (``evidence.claim_facts`` leaves
    it out). Only after a figure of the same kind in the same claim: a marker alone ("compared
    with 2019") tells no earlier state of anything here."""
    rx = scan.cues.rx
    values = sorted(scan.values, key=lambda v: v.start)
    for i, v in enumerate(values):
        if v.kind == ValueKind.DATE or not any(
            w.kind == v.kind and w.unit == v.unit
            and (w.thing == v.thing or not (w.thing and v.thing))  # not 13 dead, 11 injured
            for w in values[:i]
        ):
            continue
        if rx["previous"].search(scan.before(v.start)) or rx["previous_after"].match(
            scan.text, v.end, min(len(scan.text), v.end + CONTEXT)
        ):
            scan.values[scan.values.index(v)] = replace(v, role="previous")


_FINDERS: tuple[Callable[[_Scan], None], ...] = (
    _skip_non_values, _find_dates, _skip_ordinals, _find_relative, _find_tallies, _find_money,
    _find_percent, _find_ages, _find_durations, _find_years, _merge_ranges, _find_vague,
    _find_counts, _merge_between, _find_things, _find_degree, _find_events, _find_previous,
)


def extract_values(text: str, language: str | Language | None = "",
                   published: datetime.date | None = None) -> tuple[Value, ...]:
    """All values in one claim, in reading order. Pure: the same input gives the same output."""
    cues = _cues(language)
    scan = _Scan(text, cues, _numbers(text, cues), published,
                 words=frozenset(_WORD_START.findall(text.lower())))
    for finder in _FINDERS:
        finder(scan)
    return tuple(sorted(scan.values, key=lambda v: v.start))


# ---------------------------------------------------------------- comparing and describing


KIN_REACH = 3  # words before an age a possessive may stand in ("suo figlio di 30 anni")


def of_kin(text: str, language: str | Language | None, value: Value) -> bool:
    """Whether a possessive ([age] kin) stands just before an age: "his 30-year-old son",
    "suo figlio di 30 anni" tell a relative's age, not the age of the person named."""
    return _word_before(text, language, value, "kin")


def of_someone(text: str, language: str | Language | None, value: Value) -> bool:
    """Whether an indefinite word ([age] someone) stands just before an age: "a 30-year-old
    man", "ein 30-jähriger Mann" bring in someone not named yet, whoever the sentence before
    named."""
    return _word_before(text, language, value, "someone")


def _word_before(text: str, language: str | Language | None, value: Value, cue: str) -> bool:
    """Whether a word of the ``cue`` list ([age] kin, someone) is among the ``KIN_REACH``
    words before a value."""
    words = _cues(language).rx[cue]
    return any(words.fullmatch(w) for w in LETTER_WORD.findall(text[: value.start])[-KIN_REACH:])


def body_of(text: str, language: str | Language | None, value: Value) -> str:
    """The body named nearest a value in its clause ([bodies]: a senate, a lower house, the
    White House), "" when none: who acts on the day the value dates. "Senat zagłosował w
    środę, dzień po tym, jak Izba Deputowanych …" dates the Senate's vote, and "the Chamber of
    Deputies passed it on Tuesday before the Senate approved it" the Chamber's."""
    found = _cues(language).rx.get("bodies")
    if found is None:
        return ""
    start, end = languages.clause_span(text, value.start, value.end)
    near = [
        (max(m.start() - value.end, value.start - m.end(), 0), m.lastgroup or "")
        for m in found.finditer(text, start, end)
    ]
    return min(near)[1] if near else ""


def states_of(text: str, language: str | Language | None) -> tuple[State, ...]:
    """The states a claim tells ([states]), in reading order; where two classes' words
    overlap, the longer wins ("außer Lebensgefahr" is fine, not "Lebensgefahr")."""
    found = sorted(
        (-(m.end(1) - m.start(1)), m.start(1), m.end(1), key, m.group(1))
        for key, rx in _cues(language).rx.items() if key.startswith("state:")
        for m in rx.finditer(text)
    )
    states: list[State] = []
    for _, start, end, key, words in found:
        if any(start < s.end and s.start < end for s in states):
            continue
        _, group, kind = key.split(":")
        states.append(State(group, kind, words, start, end))
    return tuple(sorted(states, key=lambda s: s.start))


def dates_its_clause(text: str, language: str | Language | None, value: Value) -> bool:
    """Whether a date stands right after a word that makes it the date of its clause ([dates]
    year_cues: "in 2019", "im Oktober 2016", "nel 1998", "в 2019 году"), not in the name of a
    thing ("the 2001 attacks", "a 1976 law"), which dates that thing and not what the claim
    tells."""
    return bool(_cues(language).rx["year_cue"].search(text[: value.start]))


def told_as_deadline(text: str, language: str | Language | None, value: Value) -> bool:
    """Whether a date stands right after a deadline word ([dates] deadline: "by 2030", "bis
    Ende 2026", "entro il 2030"): a target or a due date, so a figure beside it is what is
    due then, never what is now, whether the year is this one or a later one."""
    return bool(_cues(language).rx["deadline"].search(text[: value.start]))


def conflicting(a: Value, b: Value) -> bool:
    """True only when two values measure the same way and cannot both be true.

    Overlapping intervals never conflict, so vague wording never counts as a contradiction;
    a part ("davon 12") and a total ("insgesamt 50") are different things and never conflict.
    Durations compare only within one unit: "90 minutes" and "anderthalb Stunden" are left alone
    rather than guessing whether one outlet rounded.
    """
    if a.kind != b.kind or {a.role, b.role} == {"part", "total"}:
        return False
    if a.kind == ValueKind.DATE:
        return _dates_conflict(a, b)
    if a.unit != b.unit:
        return False
    if a.kind == ValueKind.TALLY:
        return (a.low, a.second) != (b.low, b.second)
    return _disjoint(a.low, a.high, b.low, b.high)


def _disjoint(alow: float, ahigh: float, blow: float, bhigh: float) -> bool:
    return ahigh < blow or bhigh < alow


# counts of the same thing ("dead", "injured") at most this far apart vouch for one toll
THING_RATIO = 2.5
# one-digit figures (none, one, three) are stated by too many unrelated sentences of a story:
# a figure that can tell two claims (or two articles) as one account is at least this large
DISTINCT_FIGURE = 10.0


def far_apart(x: Value, y: Value, max_ratio: float) -> bool:
    """Two figures more than ``max_ratio`` apart (nearest interval ends) are rarely two
    reports of one figure (49 vs 50 dead, 12 vs 14 bombs) and mostly two different figures
    (63 votes vs 6 seats); dates and tallies are not compared this way."""
    if x.kind in (ValueKind.DATE, ValueKind.TALLY):
        return False
    low, high = sorted([x, y], key=lambda v: v.low)
    near_low, near_high = low.high, high.low
    if not (math.isfinite(near_low) and near_low > 0 and math.isfinite(near_high)):
        return False
    return near_high / near_low > max_ratio


def granularity(value: Value) -> str:
    """Day, month or year: outlets that disagree on a date state it alike; a year against a
    day is mostly two happenings (a 2014 ban, the decision on Friday)."""
    if value.unit in ("day", "weekday"):
        return "day"
    if value.unit == "yearless":
        return "day" if value.low == value.high else "month"
    return value.unit  # month, year, week, range


def _dates_conflict(a: Value, b: Value) -> bool:
    if a.unit in _ABSOLUTE and b.unit in _ABSOLUTE:
        return _disjoint(a.low, a.high, b.low, b.high)
    if a.unit == b.unit:  # weekday with weekday, yearless with yearless
        return _disjoint(a.low, a.high, b.low, b.high)
    pair = {a.unit: a, b.unit: b}
    if "yearless" in pair and pair.keys() - {"yearless"} <= _ABSOLUTE:
        other = next(v for v in (a, b) if v.unit != "yearless")
        projected = _project(other)
        return projected is not None and _disjoint(*projected, pair["yearless"].low,
                                                   pair["yearless"].high)
    if "weekday" in pair and pair.keys() - {"weekday"} <= _ABSOLUTE:
        other = next(v for v in (a, b) if v.unit != "weekday")
        if other.low == other.high and math.isfinite(other.low):
            return datetime.date.fromordinal(int(other.low)).weekday() != pair["weekday"].low
    return False


def _project(v: Value) -> tuple[float, float] | None:
    """An absolute date inside one year, moved into REFERENCE_YEAR to meet a yearless one."""
    if not (math.isfinite(v.low) and math.isfinite(v.high)):
        return None
    lo, hi = datetime.date.fromordinal(int(v.low)), datetime.date.fromordinal(int(v.high))
    if lo.year != hi.year:
        return None
    return (float(lo.replace(year=REFERENCE_YEAR).toordinal()),
            float(hi.replace(year=REFERENCE_YEAR).toordinal()))


_BOUND_WORDS = {"min": "at least", "over": "more than", "max": "at most", "under": "less than",
                "about": "about", "nearly": "nearly"}
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def describe(v: Value) -> str:
    """Plain English words for a reviewer, whatever the claim's language."""
    if v.kind == ValueKind.DATE:
        return _describe_date(v)
    if v.kind == ValueKind.TALLY:
        return f"{_num(v.low)}–{_num(v.second or 0)}"
    if v.bound == "range":
        unit = "%" if v.kind == ValueKind.PERCENT and v.unit == "%" else ""
        if v.kind == ValueKind.DURATION:
            unit = f" {v.unit}s"
        return f"{_num(v.low)}–{_num(v.high)}{unit} {v.counted}".strip()
    if v.bound == "vague":
        return f"{v.qualifier} ({_num(v.low)}–{_num(v.high)}) {v.counted}".strip()
    nominal = v.nominal if v.nominal is not None else v.low
    prefix = _BOUND_WORDS.get(v.bound, "")
    if v.kind == ValueKind.MONEY:
        symbol = _SYMBOLS.get(v.unit)
        body = f"{symbol}{_amount(nominal)}" if symbol else f"{_amount(nominal)} {v.unit}"
    elif v.kind == ValueKind.PERCENT:
        body = f"{_num(nominal)}%" if v.unit == "%" else f"{_num(nominal)} percentage points"
    elif v.kind == ValueKind.DURATION:
        body = f"{_num(nominal)} {v.unit}{'' if nominal == 1 else 's'}"
    elif v.kind == ValueKind.AGE:
        body = f"age {_num(nominal)}"
    else:
        body = f"{_num(nominal)} {v.counted}".strip()
    return f"{prefix} {body}".strip()


def _num(x: float) -> str:
    return f"{x:,.0f}" if x == int(x) else f"{x:,.6g}"


def _amount(x: float) -> str:
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if x >= size:
            return f"{x / size:g} {word}"
    return _num(x)


def _describe_date(v: Value) -> str:
    if v.unit == "weekday":
        return f"{_WEEKDAYS[int(v.low)]} (weekday)"
    if not (math.isfinite(v.low) and math.isfinite(v.high)):
        side = "after" if math.isfinite(v.low) else "before"
        edge = v.low if math.isfinite(v.low) else v.high
        return f"{side} {datetime.date.fromordinal(int(edge)).isoformat()}"
    lo, hi = datetime.date.fromordinal(int(v.low)), datetime.date.fromordinal(int(v.high))
    if v.unit == "yearless":
        span = lo.strftime("%m-%d") if lo == hi else f"{lo:%m-%d} – {hi:%m-%d}"
        return f"{span} (no year)"
    if v.unit == "day" and lo == hi:
        return f"{lo.isoformat()} (day)"
    if v.unit == "month" and lo.day == 1 and hi.day == calendar.monthrange(hi.year, hi.month)[1]:
        return f"{lo:%Y-%m} (month)"
    if v.unit == "year" and (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31):
        return f"{lo.year} (year)"
    return f"{lo.isoformat()} – {hi.isoformat()} ({v.unit})"
