"""Quoted terms: the words someone used for a thing, or refused to use.

Outlets disagree on what a person called an event as often as on its figures: "Obama refused to
call it an “act of terror”" against "Obama called it an “act of terror”", "por no reconocer como
“acto terrorista” el ataque" against "what he called a devastating “act of terror”". Each claim's
short quoted spans (``TERM_WORDS`` words or fewer) are read with who bears them (the person
named nearest before the quote) and whether they are denied (a negation of the language's
``cues.toml [negation]`` before the quote in its clause, or a refusal word there or in the clause
before: "not", "refused to", "se negó a", "weigerte sich, … zu nennen", "odmówił"). The same
term, denied by one side and used by the other of
one person, is one proposition denied and told (``evidence`` compares the terms with the
embedder, like two values' frames). Terms of different people never meet: "Clinton called it an
“act of terror”" says nothing of what Obama would not say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker.rules import language as languages
from checker.rules.names import Name, same_person
from checker.rules.signals import quoted_spans

TERM_WORDS = 8  # the most words of a quoted term: a name for a thing, not a whole saying
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_TRAILING = re.compile(r"[\s.,;:!?…]+$")


@dataclass(frozen=True)
class Term:
    """A short quoted span of a claim: the words, whose they are, and whether denied."""

    text: str
    start: int
    end: int
    denied: bool
    bearer: Name | None  # the person named nearest before it in the claim, None when no one


@lru_cache(maxsize=64)
def _deniers(lang: languages.Language) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """The language's negation words and its refusal words, each as one pattern of whole
    words."""
    table = lang.reading("cues").data("cues").get("negation", {})
    return _pattern(table.get("words", [])), _pattern(table.get("refusal", []))


def _pattern(words: list[str]) -> re.Pattern[str] | None:
    ordered = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    if not ordered:
        return None
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def quoted_terms(
    text: str, language: str | languages.Language | None, names: tuple[Name, ...]
) -> tuple[Term, ...]:
    """The claim's quoted terms, in reading order (``names``: the claim's person names). A
    negation denies a term in its own clause; a refusal also from the clause before, which an
    infinitive follows after a comma ("weigerte sich, den Angriff ein „Massaker“ zu nennen")."""
    negations, refusals = _deniers(languages.get(language))
    found = []
    for start, end in quoted_spans(text):
        words = text[start:end]
        if not 1 <= len(_WORD.findall(words)) <= TERM_WORDS:
            continue
        term = _TRAILING.sub("", words.strip())
        clause, _ = languages.clause_span(text, start - 1, end + 1)
        earlier = max(0, clause - 1)
        earlier -= len(languages.clause_before(text, earlier))
        denied = bool(
            (negations and negations.search(text, clause, start))
            or (refusals and refusals.search(text, earlier, start))
        )
        before = [n for n in names if n.end <= start]
        found.append(Term(term, start, end, denied, before[-1] if before else None))
    return tuple(found)


def opposed_terms(a: tuple[Term, ...], b: tuple[Term, ...]) -> list[tuple[Term, Term]]:
    """The pairs of terms one person bears on both sides, denied on one side only: what
    ``evidence`` compares for one term denied and used."""
    return [
        (x, y) for x in a for y in b
        if x.denied != y.denied and x.bearer and y.bearer and same_person(x.bearer, y.bearer)
    ]
