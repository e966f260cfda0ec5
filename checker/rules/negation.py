"""A claim and its denial in the same words: one side says "not".

Two claims of one language whose words are the same but for a negation ("The minister approved
the report" / "The minister did not approve the report", "Policie potvrdila …" / "Policie
nepotvrdila …") state one proposition and its denial: a conflict, whatever the NLI model reads
(small models read a negation one way only, and a model may not read the language at all).

Words are compared by their first ``STEM`` letters (or the language's ``[negation] stem``), so
an inflection ("approved", "approve") is no difference; Polish and Russian read three, since a
denied object turns genitive ("przyjęła nowy budżet" / "nie przyjęła nowego budżetu"). What
one side adds must be all negation: each language's negation words (``cues.toml [negation]
words``), English do-support (``support``: "did not approve"), a negating prefix
(``prefixes``: Czech "ne-"), or a negative article where the other side has an indefinite one
(``articles``: "keinen"/"einen", "geen"/"een"). Anything else that differs (an "only" after
"not", another object) leaves the pair to the other rules: "not only approved", "no longer"
and "did not approve the budget" deny nothing the other side says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from checker.rules import language as languages

STEM = 5  # letters that identify a word across its inflections ("approv-ed", "approv-e")
MIN_WORDS = 4  # a shorter claim is too little to be one proposition told twice
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_NT = re.compile(r"n['’]t\b", re.I)  # "didn't" is "did not"


@dataclass(frozen=True)
class _Words:
    stem: int
    words: frozenset[str]
    support: frozenset[str]
    prefixes: tuple[str, ...]
    articles: frozenset[str]


@lru_cache(maxsize=64)
def _negation(lang: languages.Language) -> _Words:
    table = lang.reading("cues").data("cues").get("negation", {})

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in table.get(key, []))

    return _Words(
        int(table.get("stem", STEM)), words("words"), words("support"),
        tuple(p.lower() for p in table.get("prefixes", [])), words("articles"),
    )


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(_NT.sub(" not", text).lower())


def _negates(plain: str, negated: str, words: _Words) -> bool:
    """Whether ``negated`` is ``plain`` denied: a negating prefix on the same word, or a negative
    article where the other side has an indefinite one."""
    if any(negated == prefix + plain for prefix in words.prefixes):
        return True
    return negated in words.words and plain in words.articles


def negated_twin(a: str, b: str, language: str | languages.Language | None) -> tuple[str, str]:
    """("a" or "b", its negation words) when that claim is the other's words denied; ("", "")
    otherwise. Both claims are read in ``language`` (the caller checks they share it)."""
    words = _negation(languages.get(language))
    if not (words.words or words.prefixes):
        return "", ""
    x, y = _tokens(a), _tokens(b)
    if min(len(x), len(y)) < MIN_WORDS:
        return "", ""
    added: dict[str, list[str]] = {"a": [], "b": []}
    stem = words.stem
    matcher = SequenceMatcher(None, [t[:stem] for t in x], [t[:stem] for t in y], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        left, right = x[i1:i2], y[j1:j2]
        if op in ("insert", "delete"):
            side, extra = ("b", right) if op == "insert" else ("a", left)
            if not all(t in words.words or t in words.support for t in extra):
                return "", ""
            added[side] += [t for t in extra if t in words.words]
            continue
        if len(left) != len(right):
            return "", ""
        for s, t in zip(left, right, strict=True):
            if _negates(s, t, words):
                added["b"].append(t)
            elif _negates(t, s, words):
                added["a"].append(s)
            else:
                return "", ""
    if bool(added["a"]) == bool(added["b"]):
        return "", ""  # nothing denied, or each side denies something of its own
    side = "a" if added["a"] else "b"
    return side, " … ".join(added[side])
