"""Frozen records passed between pipeline stages.

Every stage takes records and returns records, so each box in the data flow can be built, tested
and cached on its own. Offsets are the truth: a claim's text is always
``article.text[claim.start:claim.end]``.
"""

from __future__ import annotations

import datetime
import enum
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field

from checker.rules.language import normalise as normalise_language


@dataclass(frozen=True)
class Article:
    """One input document, normalised to plain text."""

    id: str
    text: str
    source: str = ""
    title: str = ""
    url: str = ""
    published: str = ""
    language: str = ""
    path: str = ""  # the file as given (``file:line`` for a JSON/CSV record), for reviewers
    # Where ``text`` lies in the decoded file, so the report can point into the file on disk:
    # its start there (after front matter and leading blank lines), and the positions in
    # ``text`` of each "\n" that was "\r\n". Zero and empty for text extracted (HTML, records).
    text_start: int = 0
    crlf: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        # one spelling of a language everywhere: "de-DE", "DE" and "de_AT" are "de"
        object.__setattr__(self, "language", normalise_language(self.language))

    def file_offset(self, index: int) -> int:
        """``index`` into ``text`` as a character offset into the decoded file."""
        return self.text_start + index + bisect_left(self.crlf, index)


def published_date(value: str) -> datetime.date | None:
    """An article's ``published`` as a date when it starts with an ISO date, else None:
    dates are kept as written (``2024-13-45`` too), so every reader parses them this way."""
    try:
        return datetime.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Claim:
    """A checkable sentence of an article, located by character offsets."""

    id: str
    article_id: str
    text: str
    start: int
    end: int
    context: str = ""
    # The paragraph the claim sits in, as offsets into the article text: pairing uses it to find
    # the other articles' account of the same event when the sentence alone is too terse.
    paragraph_start: int = 0
    paragraph_end: int = 0
    # Later occurrences of the same sentence in the same article, as (start, end): one claim
    # (and so one row per pair) however often an article repeats itself.
    repeats: tuple[tuple[int, int], ...] = ()
    # The article itself, so later stages (paragraphs, language, dates, the report's sources)
    # read it from the claim instead of looking it up again by id. Required (checked below; a
    # keyword after the defaults so the offsets stay positional); not part of equality.
    article: Article | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.article is None:
            raise ValueError(f"claim {self.id}: a claim is made with its article")
        if self.article.id != self.article_id:
            raise ValueError(
                f"claim {self.id}: article_id {self.article_id!r} is not its article's "
                f"({self.article.id!r})"
            )


def paragraph_is_sentence(claim: Claim) -> bool:
    """Whether the claim's paragraph is known and holds no words beyond the claim: such a
    paragraph tells no more of what the claim is about than the sentence does. False where
    no paragraph was recorded (a pair given by a caller, who says what its paragraph chose)."""
    if claim.paragraph_end <= claim.paragraph_start:
        return False
    text = article_of(claim).text
    around = text[claim.paragraph_start : claim.start] + text[claim.end : claim.paragraph_end]
    return not any(ch.isalpha() for ch in around)


def article_of(claim: Claim) -> Article:
    """The claim's article; every claim a pipeline stage sees was made with one."""
    if claim.article is None:
        raise ValueError(f"claim {claim.id} carries no article")
    return claim.article


@dataclass(frozen=True)
class Baseline:
    """How similar two sentences are when nothing links them, as (mean, std) of cosines: the
    one record every threshold in σ is measured against (the embedder's unrelated band, a
    story's cross-article baseline, a language pair's)."""

    mean: float
    std: float

    def z(self, similarity: float) -> float:
        """Standard deviations above the mean; 0 without a spread."""
        return (similarity - self.mean) / self.std if self.std > 0 else 0.0


class Label(enum.StrEnum):
    """A pair's verdict, as the report's ``verdict`` column writes it."""

    CONTRADICTION = "contradiction"
    AGREEMENT = "agreement"
    NEUTRAL = "neutral"


class ConflictKind(enum.StrEnum):
    """What made a contradiction, as the report's ``kind`` and ``candidate`` columns write it."""

    NUMBER = "number"
    MONEY = "money"
    DATE = "date"
    NAME = "name"
    CERTAINTY = "certainty"
    NEGATION = "negation"
    ATTRIBUTION = "attribution"
    STATE = "state"
    NLI = "nli"


class ValueKind(enum.StrEnum):
    """What a value measures (``rules/values.py``). Units stay text: currencies are data."""

    COUNT = "count"
    MONEY = "money"
    PERCENT = "percent"
    TALLY = "tally"
    DATE = "date"
    AGE = "age"
    DURATION = "duration"


class Channel(enum.Enum):
    """How a pair was found (``pairing.py``, ``pipeline.pairs_by_value``).

    Stages test membership (``Channel.NEIGHBOURS in pair.found_by``) instead of parsing
    text; ``label`` is what the report's ``found_by`` column shows. Declared in the order
    the column lists them.
    """

    NEIGHBOURS = "neighbours"  # claim-to-claim similarity
    MUTUAL = "mutual best match"  # each the other's best in its article, below the floor
    PARAGRAPH_A = "paragraph of a"  # claim a's paragraph matched claim b: same event
    PARAGRAPH_B = "paragraph of b"
    VALUE_FRAME = "value frame"  # both state a value of the same thing
    PARALLEL = "same figures"  # the same figures in the same order but one
    TOLL = "same toll"  # both count the same thing whole ("6 injured", "vijf gewonden")
    NONE_AND_SOME = "none and some"  # one counts none of a thing, the other tells of it
    AGE = "same person's age"  # both state an age of one person
    MEASURE = "nearest like measure"  # each the other's nearest claim with a like measure
    OFFICE = "one office"  # both name one office held by rival names
    ONE_FIGURE = "one figure each"  # each its article's one toll, or one date of an opening
    DIGITS = "same digits"  # one figure with its digits in another order ("1,420" / "1,240")

    @property
    def label(self) -> str:
        """The text for people: the report column and the verdict's reasons."""
        return self.value

    @property
    def by_paragraph(self) -> bool:
        """One claim's whole paragraph chose the other claim: evidence of the same event."""
        return self in (Channel.PARAGRAPH_A, Channel.PARAGRAPH_B)


def channels(found: Iterable[Channel | str]) -> tuple[Channel, ...]:
    """``found`` as channels, each once, in declaration order: the one place a label such as
    ``"paragraph of a"`` (given by a caller, e.g. in ``PairInput``) becomes a ``Channel``.

    Raises ValueError for text that is no channel's label.
    """
    given = {c if isinstance(c, Channel) else Channel(c) for c in found}
    return tuple(c for c in Channel if c in given)


@dataclass(frozen=True)
class Pair:
    """A candidate pair of claims from two different articles (``a`` sorts before ``b``)."""

    a: Claim
    b: Claim
    similarity: float
    # How the pair was found, in declaration order (see ``channels``).
    found_by: tuple[Channel, ...] = (Channel.NEIGHBOURS,)
    # Standard deviations above the run's cross-article similarity baseline: comparable
    # across embedding models, unlike the raw cosine.
    z: float = 0.0
    # The story both claims belong to (checker/rules/stories.py); pairs never cross stories.
    story: str = ""


@dataclass(frozen=True)
class NliScores:
    """Probabilities for one direction: premise -> hypothesis."""

    entailment: float
    neutral: float
    contradiction: float


@dataclass(frozen=True)
class ClaimSignals:
    """Cheap, explainable facts about one claim, read off its words."""

    certainty: str = "asserted"  # asserted / reported / hedged / unconfirmed / denied
    certainty_cue: str = ""
    speaker: str = ""
    times: tuple[str, ...] = ()  # canonical: "tuesday", "last week", "03-19"
    update_cue: str = ""  # words that tell a newer state: "rose to", "inzwischen", "ahora"
    # where the claim's speech verbs ("said", "sagte", "ha detto") start: a date in their
    # clause dates the telling, not what is told
    said_at: tuple[int, ...] = ()
    # the open question a doubt is about ("whether the fire was set"), "" for any other doubt
    doubt_question: str = ""
    # what a claim tells after its first that-word ("confirmed that the fire was set"): what an
    # open question is compared with; "" without one
    told_clause: str = ""


@dataclass(frozen=True)
class PairSignals:
    """What the two claims' signals say about the pair, each empty when silent."""

    certainty_conflict: str = ""  # "asserted vs unconfirmed"
    time_conflict: str = ""  # "tuesday vs wednesday"
    speakers: str = ""  # "different speakers: Leavitt vs Peskow"


@dataclass(frozen=True)
class Conflict:
    """Two values of the same thing that cannot both be true (found in ``evidence.py``).

    A record here, not in ``evidence.py``, because a ``Verdict`` carries it and evidence
    itself reads records: defined there, records would import evidence back.
    """

    kind: str  # number / money / date / name
    text: str  # plain words: "Paketbomben: 12 vs at least 14"
    # The same, structured, so that one disagreement told by many outlets can be grouped
    # (findings.py): what is counted (as claim a words it, "" for dates and names) and each
    # side's value without it ("12", "at least 14", "2002 (year)", a name).
    thing: str = ""
    value_a: str = ""
    value_b: str = ""


@dataclass(frozen=True)
class Verdict:
    """The decision for one pair, with everything a reviewer needs to check it."""

    pair: Pair
    label: str
    confidence: float
    forward: NliScores
    backward: NliScores
    reasons: tuple[str, ...] = ()
    signals_a: ClaimSignals = ClaimSignals()
    signals_b: ClaimSignals = ClaimSignals()
    # What decided a contradiction: number, money, date, name, certainty, negation, attribution
    # or nli ("" otherwise)
    kind: str = ""
    # How sure it is that both claims speak of the same event (checker/rules/evidence.py), 0 to 1
    same_event: float = 0.0
    # The value and name conflicts that made this a contradiction (empty otherwise), so the
    # report can group one disagreement across outlets (checker/rules/findings.py)
    conflicts: tuple[Conflict, ...] = ()
    # The contradiction this pair's evidence points to, flagged or held back by a same-event
    # gate: the kind of its first value/name/certainty conflict, "nli" for NLI alone with the
    # claims close enough (same_event_z), "" when none. What calibrate learns the gates from.
    candidate: str = ""
    # A value conflict where the later article's claim reads as a newer state ("rose to"):
    # which side is later and by how long ("b later by 2 days"); empty otherwise
    update: str = ""


@dataclass(frozen=True)
class PairInput:
    """Two claims given by the caller (e.g. an external pair data set), not found by pairing.

    Empty languages are detected from the claim; ``published`` anchors relative dates
    ("yesterday"). ``z`` is the pair's similarity in standard deviations above a baseline of
    the caller's (a story's, from a run); ``None`` has ``score_pairs`` measure it. ``found_by``
    says how the pair was found, as in ``Pair``: ``Channel`` members or their labels
    (``Channel.PARAGRAPH_A`` or "paragraph of a" counts as same-event evidence); empty means
    claim-to-claim similarity.
    """

    claim_a: str
    claim_b: str
    language_a: str = ""
    language_b: str = ""
    published_a: str = ""
    published_b: str = ""
    z: float | None = None
    found_by: tuple[Channel | str, ...] = ()
