"""Score a run against hand-made gold stories: did the report flag what a careful reader found?

The gold format is the one of ``shared/data/stories/gold.jsonl``: each item names a story (the
folder), two articles (file names in that folder) and a verbatim quote from each. A report row
matches an item when one claim comes from article ``a`` and contains quote ``a`` and the other
comes from article ``b`` and contains quote ``b`` (either order), after whitespace
normalisation, case-sensitive. The gold lists *every* contradiction a careful reader found, so
a flagged contradiction that matches none is a false alarm; agreements are only a sample, so a
flagged agreement is judged only where it matches a gold item.

Distinct facts: one disagreement seen by several outlet pairs (a death toll of 49 in one
article against 50 in six others) is several gold items but one fact. Items of one story and
kind that share a quote are one fact, so recall can be read per item and per fact.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.config import Config
from checker.eval.evaluate import normal, read_gold_lines
from checker.records import Article, Claim, Verdict, article_of
from checker.report.table import pair_id
from checker.rules.components import components
from checker.rules.evidence import claim_facts
from checker.rules.findings import WIDENED, Finding, article_outlet
from checker.rules.values import Value, conflicting, far_apart
from checker.rules.verdict import AGREEMENT, CONTRADICTION, NEUTRAL

VERDICT_ORDER = {CONTRADICTION: 0, AGREEMENT: 1, NEUTRAL: 2}
NOT_PAIRED = "not paired"
NOT_A_CLAIM = "quote not inside one claim"

log = logging.getLogger("checker")


@dataclass(frozen=True)
class Quote:
    article: str  # file name within the story folder
    quote: str


@dataclass(frozen=True)
class GoldItem:
    story: str
    verdict: str
    kind: str
    a: Quote
    b: Quote
    note: str = ""
    line: int = 0


def _gold_item(record: dict[str, Any], line: int) -> GoldItem:
    return GoldItem(
        story=str(record["story"]),
        verdict=str(record["verdict"]),
        kind=str(record.get("kind") or "fact"),
        a=Quote(str(record["a"]["article"]), normal(str(record["a"]["quote"]))),
        b=Quote(str(record["b"]["article"]), normal(str(record["b"]["quote"]))),
        note=str(record.get("note") or ""),
        line=line,
    )


def read_gold_items(path: str | Path) -> list[GoldItem]:
    """The gold items of a ``gold.jsonl``; a malformed line is an error naming the line."""
    return read_gold_lines(
        path, _gold_item, "a gold item with story, verdict, a and b", "gold items"
    )


def story_and_file(article: Article) -> tuple[str, str]:
    """Where an article sits in a stories folder: (story folder, file name)."""
    path = Path(article.path.split(":", 1)[0] if "://" not in article.path else article.path)
    return path.parent.name, path.name


@dataclass(frozen=True)
class Row:
    """One scored pair as the evaluation sees it: located by story and file name."""

    story_a: str
    file_a: str
    file_b: str
    story_b: str
    claim_a: str
    claim_b: str
    verdict: str
    kind: str
    confidence: float
    rank: int  # 1-based position among its story's rows in report order
    reasons: str

    @property
    def story(self) -> str:
        return self.story_a if self.story_a == self.story_b else ""

    def matches(self, item: GoldItem) -> bool:
        if self.story != item.story:
            return False
        a, b = normal(self.claim_a), normal(self.claim_b)
        forward = (self.file_a, self.file_b) == (item.a.article, item.b.article)
        backward = (self.file_a, self.file_b) == (item.b.article, item.a.article)
        return (forward and item.a.quote in a and item.b.quote in b) or (
            backward and item.b.quote in a and item.a.quote in b
        )


@dataclass(frozen=True)
class Unfound:
    """A gold item that cannot be scored: an article or quote of it is not in the run.

    Scoring it would count a miss (recall 0) and every row that really is its flag as a
    false alarm; it is counted apart instead, and so are the rows it might stand for.
    """

    item: GoldItem
    problems: tuple[str, ...]  # one per side not found, naming the article and quote
    lost: frozenset[str]  # sides ("a", "b") whose article or quote is not found
    no_article: frozenset[str]  # sides whose article is not found at all

    def could_match(self, row: Row) -> bool:
        """Whether ``row`` may be this item's pair: the sides that were found match, the lost
        ones are taken on trust (only the file where the article exists)."""
        item = self.item
        if row.story != item.story:
            return False

        def side_ok(side: str, quote: Quote, file: str, claim: str) -> bool:
            if side in self.no_article:
                return True
            if side in self.lost:
                return file == quote.article
            return file == quote.article and quote.quote in normal(claim)

        a, b = item.a, item.b
        return (
            side_ok("a", a, row.file_a, row.claim_a) and side_ok("b", b, row.file_b, row.claim_b)
        ) or (side_ok("b", b, row.file_a, row.claim_a) and side_ok("a", a, row.file_b, row.claim_b))


def unfound_items(gold: Sequence[GoldItem], articles: Sequence[Article]) -> list[Unfound]:
    """The gold items whose article or quote is not in ``articles`` (see :class:`Unfound`)."""
    texts = {story_and_file(a): normal(a.text) for a in articles}
    unfound = []
    for item in gold:
        problems, lost, no_article = [], set(), set()
        for side, quote in (("a", item.a), ("b", item.b)):
            text = texts.get((item.story, quote.article))
            if text is None:
                problems.append(f"article {quote.article} not found (quote {quote.quote!r})")
                no_article.add(side)
                lost.add(side)
            elif quote.quote not in text:
                problems.append(f"quote {quote.quote!r} not found in article {quote.article}")
                lost.add(side)
        if problems:
            unfound.append(Unfound(item, tuple(problems), frozenset(lost), frozenset(no_article)))
    return unfound


def rows_of(verdicts: Iterable[Verdict], articles: Sequence[Article]) -> list[Row]:
    """Rows in report order (contradictions, then agreements, by confidence), ranked per story."""
    where = {a.id: story_and_file(a) for a in articles}
    ordered = sorted(
        verdicts, key=lambda v: (VERDICT_ORDER[v.label], -v.confidence, v.pair.a.id, v.pair.b.id)
    )
    ranks: dict[str, int] = defaultdict(int)
    rows = []
    for v in ordered:
        story_a, file_a = where[v.pair.a.article_id]
        story_b, file_b = where[v.pair.b.article_id]
        key = story_a if story_a == story_b else ""
        ranks[key] += 1
        rows.append(
            Row(
                story_a=story_a,
                file_a=file_a,
                file_b=file_b,
                story_b=story_b,
                claim_a=v.pair.a.text,
                claim_b=v.pair.b.text,
                verdict=v.label,
                kind=getattr(v, "kind", "") or "",
                confidence=v.confidence,
                rank=ranks[key],
                reasons="; ".join(v.reasons),
            )
        )
    return rows


@dataclass(frozen=True)
class Placement:
    """Where a gold item ended up: the verdict and rank of its best matching row."""

    item: GoldItem
    fact: int
    verdict: str  # a verdict, NOT_PAIRED or NOT_A_CLAIM
    rank: int = 0
    found: bool = False


@dataclass(frozen=True)
class Scores:
    """Counts for one group (a story, a kind, or everything)."""

    name: str
    gold_contradictions: int = 0
    found_contradictions: int = 0
    facts: int = 0
    found_facts: int = 0
    flagged_contradictions: int = 0
    right_contradictions: int = 0
    gold_agreements: int = 0
    found_agreements: int = 0
    flagged_agreements: int = 0
    judged_agreements: int = 0  # flagged agreements that match some gold item
    right_agreements: int = 0
    gold_items: int = 0  # contradictions and agreements
    paired_items: int = 0  # gold items whose claims were paired, whatever the verdict

    @property
    def contradiction_precision(self) -> float | None:
        if not self.flagged_contradictions:
            return None
        return self.right_contradictions / self.flagged_contradictions

    @property
    def contradiction_recall(self) -> float | None:
        if not self.gold_contradictions:
            return None
        return self.found_contradictions / self.gold_contradictions

    @property
    def fact_recall(self) -> float | None:
        return self.found_facts / self.facts if self.facts else None

    @property
    def agreement_precision(self) -> float | None:
        return self.right_agreements / self.judged_agreements if self.judged_agreements else None

    @property
    def agreement_recall(self) -> float | None:
        return self.found_agreements / self.gold_agreements if self.gold_agreements else None


def _ratio(value: float | None) -> str:
    return "   -" if value is None else f"{value:4.2f}"


HEADER = (
    f"{'':34} {'gold C':>6} {'found':>5} {'recall':>6} {'facts':>7} {'f.rec':>5} "
    f"{'flag C':>6} {'prec C':>6} {'gold A':>6} {'found':>5} {'rec A':>5} {'flag A':>6} "
    f"{'prec A':>6} {'paired':>7}"
)


def _line(s: Scores) -> str:
    return (
        f"{s.name[:34]:34} {s.gold_contradictions:6d} {s.found_contradictions:5d} "
        f"{_ratio(s.contradiction_recall):>6} {f'{s.found_facts}/{s.facts}':>7} "
        f"{_ratio(s.fact_recall):>5} {s.flagged_contradictions:6d} "
        f"{_ratio(s.contradiction_precision):>6} {s.gold_agreements:6d} "
        f"{s.found_agreements:5d} {_ratio(s.agreement_recall):>5} {s.flagged_agreements:6d} "
        f"{_ratio(s.agreement_precision):>6} {f'{s.paired_items}/{s.gold_items}':>7}"
    )


@dataclass(frozen=True)
class StoriesEvaluation:
    overall: Scores
    stories: tuple[Scores, ...]
    kinds: tuple[Scores, ...]
    placements: tuple[Placement, ...]
    wrong: tuple[Row, ...]  # flagged rows judged wrong: contradictions matching no gold one,
    # agreements matching a gold contradiction
    cross_story_pairs: int = 0
    cross_story_flagged: int = 0
    notes: tuple[str, ...] = field(default=())
    findings: tuple[FindingCheck, ...] = ()  # each multi-outlet value disagreement of the gold
    finding_count: int = 0
    finding_rows: int = 0  # flagged pair rows the findings stand for
    unfound: tuple[Unfound, ...] = ()  # gold items not scored: article or quote not found
    unjudged: tuple[Row, ...] = ()  # flagged rows that may be an unfound item's: not judged
    languages: tuple[Scores, ...] = ()  # per language pair of the two articles
    # agreement rows whose claims state different values of the same thing (must be none)
    agreements_with_other_values: tuple[Row, ...] = ()

    @property
    def contradictions_called_agreement(self) -> tuple[Placement, ...]:
        """Gold contradictions whose best row says ``agreement`` (must be none)."""
        return tuple(
            p
            for p in self.placements
            if p.item.verdict == CONTRADICTION and p.verdict == AGREEMENT
        )

    def table(self, details: bool = False) -> str:
        """Plain text for the terminal: per story, per kind, overall; details on request."""
        lines = [
            "C = contradiction, A = agreement; recall by gold item and by distinct fact; "
            "prec A over flagged agreements that match a gold item",
            HEADER,
            *(_line(s) for s in self.stories),
            "",
            *(_line(s) for s in self.kinds),
            "",
            *(_line(s) for s in self.languages),
            "",
            _line(self.overall),
            f"pairs across stories: {self.cross_story_pairs} "
            f"({self.cross_story_flagged} flagged)",
            "agreement rows stating different values of the same thing: "
            f"{len(self.agreements_with_other_values)}",
            f"gold contradictions called agreement: {len(self.contradictions_called_agreement)}",
            *(
                [
                    f"gold items not found in the articles: {len(self.unfound)} (counted apart, "
                    f"not scored); flagged rows that may be theirs: {len(self.unjudged)} "
                    "(not judged)"
                ]
                if self.unfound
                else []
            ),
            "",
            f"findings: {self.finding_count}, standing for {self.finding_rows} flagged pair rows; "
            f"gold value disagreements told by 3+ outlets: {len(self.findings)}, "
            f"{sum(f.complete for f in self.findings)} as one finding listing all their outlets",
            *(
                f"  {f.story[:34]:34} {f.kind:6} {f.listed}/{len(f.outlets)} outlets  "
                f"{f.finding or '(no finding)'}"
                for f in self.findings
            ),
        ]
        if details:
            lines += ["", "Gold items (verdict, rank in story):"]
            for p in self.placements:
                mark = "+" if p.found else "-"
                where = p.verdict + (f" #{p.rank}" if p.rank else "")
                lines.append(
                    f"{mark} {p.item.story[:20]} {p.item.verdict[:5]} {p.item.kind:11} "
                    f"fact {p.fact:2d}  {where:26}  {p.item.a.quote[:45]} | {p.item.b.quote[:45]}"
                )
            if self.unfound:
                lines += ["", "Gold items not found (not scored):"]
                lines += [
                    f"? {u.item.story[:20]} line {u.item.line}: {'; '.join(u.problems)}"
                    for u in self.unfound
                ]
            if self.agreements_with_other_values:
                lines += ["", "Agreement rows stating different values of the same thing:"]
                lines += [
                    f"agree {r.story or 'CROSS'}: {r.claim_a[:90]} | {r.claim_b[:90]}"
                    for r in self.agreements_with_other_values
                ]
            lines += ["", f"Wrong flagged rows ({len(self.wrong)}):"]
            for r in self.wrong:
                lines.append(
                    f"{r.verdict[:5]} {r.kind:9} {r.confidence:.2f} {r.story or 'CROSS'}: "
                    f"{r.claim_a[:90]} | {r.claim_b[:90]} [{r.reasons[:160]}]"
                )
        return "\n".join(lines)


@dataclass(frozen=True)
class FindingCheck:
    """One gold disagreement told by three or more outlets, and the finding that best shows it."""

    story: str
    kind: str
    outlets: tuple[str, ...]  # the outlets of the gold items, as findings name them
    listed: int  # how many of them the best finding lists
    finding: str  # its summary, "" when none

    @property
    def complete(self) -> bool:
        return self.listed == len(self.outlets)


def finding_checks(
    gold: Sequence[GoldItem],
    found: Sequence[Finding],
    verdicts: Sequence[Verdict],
    articles: Sequence[Article],
) -> tuple[FindingCheck, ...]:
    """For each gold value disagreement (a distinct fact) of 3+ outlets, the finding about it
    (standing for a pair row of one of its gold items) that lists most of them: a finding of
    another disagreement of the same story and kind does not count."""
    by_place = {story_and_file(a): a for a in articles}
    row_of = {
        pair_id(v): row
        for v, row in zip(_in_row_order(verdicts), rows_of(verdicts, articles), strict=True)
    }
    items = [g for g in gold if g.verdict == CONTRADICTION and g.kind in WIDENED]
    facts: dict[int, list[GoldItem]] = defaultdict(list)
    for item, fact in zip(items, _facts(items), strict=True):
        facts[fact].append(item)
    checks = []
    for members in facts.values():
        story, kind = members[0].story, members[0].kind
        places = {(story, q.article) for i in members for q in (i.a, i.b)}
        outlets = tuple(sorted(
            {article_outlet(by_place[p]) for p in places if p in by_place},
            key=str.casefold,
        ))
        if len(outlets) < 3:
            continue
        candidates = [
            f for f in found
            if f.kind == kind
            and any(p in row_of and row_of[p].matches(i) for p in f.pair_ids for i in members)
        ]
        listed = {
            id(f): len({o for _, os in f.values for o in os} & set(outlets)) for f in candidates
        }
        best = max(candidates, key=lambda f: listed[id(f)], default=None)
        checks.append(
            FindingCheck(
                story, kind, outlets, listed[id(best)] if best else 0, best.summary if best else ""
            )
        )
    return tuple(sorted(checks, key=lambda c: (c.story, c.kind, c.finding)))


def _facts(items: Sequence[GoldItem]) -> list[int]:
    """A fact number per item: items of one story, verdict and kind sharing a quote are one."""
    return components(
        [
            [(i.story, i.verdict, i.kind, q.article, q.quote) for q in (i.a, i.b)]
            for i in items
        ]
    )


def _quote_in_a_claim(quote: Quote, story: str, claims: dict[tuple[str, str], list[str]]) -> bool:
    return any(quote.quote in text for text in claims.get((story, quote.article), []))


def _placement(
    item: GoldItem, fact: int, rows: Sequence[Row], claims: dict[tuple[str, str], list[str]]
) -> Placement:
    matching = [r for r in rows if r.matches(item)]
    if not matching:
        split = not (
            _quote_in_a_claim(item.a, item.story, claims)
            and _quote_in_a_claim(item.b, item.story, claims)
        )
        return Placement(item, fact, NOT_A_CLAIM if split else NOT_PAIRED)
    hits = [r for r in matching if r.verdict == item.verdict]
    best = min(hits or matching, key=lambda r: r.rank)
    return Placement(item, fact, best.verdict, best.rank, found=bool(hits))


def _scores(
    name: str,
    placements: Sequence[Placement],
    flagged: Sequence[Row],
    gold: Sequence[GoldItem],
) -> Scores:
    contradictions = [p for p in placements if p.item.verdict == CONTRADICTION]
    agreements = [p for p in placements if p.item.verdict == AGREEMENT]
    facts = {p.fact for p in contradictions}
    found_facts = {p.fact for p in contradictions if p.found}
    flagged_c = [r for r in flagged if r.verdict == CONTRADICTION]
    flagged_a = [r for r in flagged if r.verdict == AGREEMENT]
    right_c = sum(any(r.matches(g) for g in gold if g.verdict == CONTRADICTION) for r in flagged_c)
    judged = [r for r in flagged_a if any(r.matches(g) for g in gold)]
    right_a = sum(any(r.matches(g) for g in gold if g.verdict == AGREEMENT) for r in judged)
    return Scores(
        name=name,
        gold_items=len(placements),
        paired_items=sum(p.verdict not in (NOT_PAIRED, NOT_A_CLAIM) for p in placements),
        gold_contradictions=len(contradictions),
        found_contradictions=sum(p.found for p in contradictions),
        facts=len(facts),
        found_facts=len(found_facts),
        flagged_contradictions=len(flagged_c),
        right_contradictions=right_c,
        gold_agreements=len(agreements),
        found_agreements=sum(p.found for p in agreements),
        flagged_agreements=len(flagged_a),
        judged_agreements=len(judged),
        right_agreements=right_a,
    )


def evaluate_stories(
    gold: Sequence[GoldItem],
    verdicts: Iterable[Verdict],
    articles: Sequence[Article],
    claims: Iterable[Claim] = (),
    found: Sequence[Finding] = (),
) -> StoriesEvaluation:
    """Score a run's verdicts against ``gold``; ``claims`` tell split quotes from unpaired ones.

    Only gold items whose story was part of the run are scored, so one story can be
    evaluated alone.
    """
    verdicts = list(verdicts)
    rows = rows_of(verdicts, articles)
    where = {a.id: story_and_file(a) for a in articles}
    in_run = {story for story, _ in where.values()}
    gold = [g for g in gold if g.story in in_run]
    unfound = unfound_items(gold, articles)
    for u in unfound:
        for problem in u.problems:
            log.warning(
                "gold line %d, story %s: %s; item counted apart, not scored",
                u.item.line,
                u.item.story,
                problem,
            )
    lost = {id(u.item) for u in unfound}
    gold = [g for g in gold if id(g) not in lost]
    claim_texts: dict[tuple[str, str], list[str]] = defaultdict(list)
    for c in claims:
        claim_texts[where[c.article_id]].append(normal(c.text))
    facts = _facts(gold)
    placements = [_placement(g, f, rows, claim_texts) for g, f in zip(gold, facts, strict=True)]
    flagged = [r for r in rows if r.verdict != NEUTRAL]
    unjudged = tuple(
        r
        for r in flagged
        if not any(r.matches(g) for g in gold) and any(u.could_match(r) for u in unfound)
    )
    flagged = [r for r in flagged if r not in unjudged]
    stories = tuple(
        _scores(
            story,
            [p for p in placements if p.item.story == story],
            [r for r in flagged if r.story == story],
            [g for g in gold if g.story == story],
        )
        for story in sorted(in_run)
    )
    kinds = sorted({g.kind for g in gold} | {r.kind for r in flagged if r.kind})
    by_kind = tuple(
        _scores(
            f"kind: {kind}",
            [p for p in placements if p.item.kind == kind],
            [r for r in flagged if r.kind == kind],
            gold,
        )
        for kind in kinds
    )
    gold_c = [g for g in gold if g.verdict == CONTRADICTION]
    wrong = tuple(
        r
        for r in flagged
        if (r.verdict == CONTRADICTION and not any(r.matches(g) for g in gold_c))
        or (r.verdict == AGREEMENT and any(r.matches(g) for g in gold_c))
    )
    cross = [r for r in rows if not r.story]
    language = {story_and_file(a): a.language or "?" for a in articles}

    def languages_of(story_a: str, file_a: str, story_b: str, file_b: str) -> str:
        pair = sorted([language.get((story_a, file_a), "?"), language.get((story_b, file_b), "?")])
        return "–".join(pair)

    item_pair = {
        id(p): languages_of(p.item.story, p.item.a.article, p.item.story, p.item.b.article)
        for p in placements
    }
    row_pair = {id(r): languages_of(r.story_a, r.file_a, r.story_b, r.file_b) for r in flagged}
    by_languages = tuple(
        _scores(
            f"languages: {key}",
            [p for p in placements if item_pair[id(p)] == key],
            [r for r in flagged if row_pair[id(r)] == key],
            gold,
        )
        for key in sorted(set(item_pair.values()) | set(row_pair.values()))
    )
    return StoriesEvaluation(
        overall=_scores("overall", placements, flagged, gold),
        stories=stories,
        kinds=by_kind,
        placements=tuple(placements),
        wrong=wrong,
        cross_story_pairs=len(cross),
        cross_story_flagged=sum(r.verdict != NEUTRAL for r in cross),
        findings=finding_checks(gold, found, verdicts, articles),
        finding_count=len(found),
        finding_rows=len({p for f in found for p in f.pair_ids}),
        unfound=tuple(unfound),
        unjudged=unjudged,
        languages=by_languages,
        agreements_with_other_values=tuple(
            r for v, r in zip(_in_row_order(verdicts), rows, strict=True)
            if v.label == AGREEMENT and states_other_values(v)
        ),
    )


def _in_row_order(verdicts: Sequence[Verdict]) -> list[Verdict]:
    """Verdicts in the order :func:`rows_of` gives their rows."""
    return sorted(
        verdicts, key=lambda v: (VERDICT_ORDER[v.label], -v.confidence, v.pair.a.id, v.pair.b.id)
    )


def states_other_values(verdict: Verdict) -> bool:
    """Whether the two claims state different values of the same thing, read independently of
    the verdict's own evidence: a value of the same kind and unit counting the same words
    (folded) on both sides, with intervals that cannot both hold. A check on the verdict, so
    deliberately plain: it needs no embedder and shares no code path with ``evidence``."""
    a, b = verdict.pair.a, verdict.pair.b
    facts_a = claim_facts(a.text, article_of(a).language)
    facts_b = claim_facts(b.text, article_of(b).language)
    by_thing: dict[tuple[str, str, str], tuple[list[Value], list[Value]]] = defaultdict(
        lambda: ([], [])
    )
    for side, facts in enumerate((facts_a, facts_b)):
        for v in facts.values:
            if v.kind != "date" and v.counted:
                by_thing[(v.kind, v.unit, fold_words(v.counted))][side].append(v)
    for left, right in by_thing.values():
        if any(not conflicting(x, y) for x in left for y in right):
            continue  # the same value of this thing is stated on both sides: the rest are
            # other figures of the same word ("picked up six seats" / "194 seats" in all)
        if any(
            conflicting(x, y) and not far_apart(x, y, Config().max_value_ratio)
            for x in left
            for y in right
        ):
            return True
    return False


def fold_words(text: str) -> str:
    return " ".join(text.casefold().split())
