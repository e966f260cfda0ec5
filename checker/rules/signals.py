"""Cheap, explainable signals beside NLI: certainty, attribution and time.

NLI models are weakest exactly where news stories disagree: who said it, how sure they were,
which number, which day. These checks read words, not vectors, so every finding can be stated
in the report as plain words. The cue words live in ``checker/data/lang/<code>/cues.toml``
(``checker.rules.language``); users add their own files through the ``cue_files`` setting, or a
whole language through ``CHECKER_LANGUAGE_DIRS``. A claim in a language without cue data is
read with every language's cues merged.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from checker.records import ClaimSignals, PairSignals
from checker.rules import language as languages
from checker.rules import names
from checker.rules.language import Language

CERTAINTY_ORDER = ("unconfirmed", "denied", "hedged", "reported")  # first match wins
FIRM = frozenset({"asserted", "reported"})
DOUBTED = frozenset({"unconfirmed", "denied"})
MAX_NAME_TOKENS = 4
MAX_SKIPPED_WORDS = 3

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*(?:-\w+)?|[^\W_][\w’'\-]*|%")


@dataclass(frozen=True)
class Cues:
    """Compiled cue lists for one language (or all merged)."""

    certainty: dict[str, re.Pattern[str]]
    doubt_past: re.Pattern[str] | None  # "initially" before "denied": a past doubt, reported
    verbs: re.Pattern[str] | None
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    pronouns: frozenset[str]
    articles: frozenset[str]
    months: dict[str, int]
    weekdays: dict[str, str]
    relative: re.Pattern[str] | None
    relative_map: dict[str, str]
    update: re.Pattern[str] | None = None
    # what the accused deny: "denied any wrongdoing", "weist die Vorwürfe zurück"
    stance: re.Pattern[str] | None = None
    # an open question right after a doubt cue, a few words between at most
    # ("could not confirm to reporters whether", "не может подтвердить, был ли")
    question: re.Pattern[str] | None = None
    that: re.Pattern[str] | None = None  # a that-word: where a firm claim's told clause starts


_WILDCARD = r"\S+(?:\s+\S+){0,2}"  # a "*" in a cue: one to three words


def _cue_regex(cue: str) -> str:
    return r"\s+".join(_WILDCARD if w == "*" else re.escape(w) for w in cue.split())


def _pattern(cues: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive whole-word regex for all cues, longest first."""
    words = sorted({c.strip().lower() for c in cues if c.strip()}, key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(_cue_regex(w) for w in words)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def load_cues(language: str | Language | None, extra_files: tuple[str, ...] = ()) -> Cues:
    """Cues for ``language`` plus any user files (``cue_files``); a language without cue data
    is read with every language's cues (``checker.rules.language``)."""
    return _load_cues(languages.get(language), tuple(extra_files))


@lru_cache(maxsize=64)
def _load_cues(lang: Language, extra_files: tuple[str, ...]) -> Cues:
    tables = [lang.reading("cues").data("cues")]
    tables += [tomllib.loads(Path(f).read_text(encoding="utf-8")) for f in extra_files]
    data = languages.merge(tables)
    certainty = data.get("certainty", {})
    attribution = data.get("attribution", {})
    numbers = data.get("numbers", {})
    time = data.get("time", {})
    relative = {k.lower(): v for k, v in time.get("relative", {}).items()}
    return Cues(
        certainty={
            level: pattern
            for level in CERTAINTY_ORDER
            if (pattern := _pattern(certainty.get(level, []))) is not None
        },
        doubt_past=_pattern(certainty.get("doubt_past", [])),
        question=_question_pattern(certainty.get("question", [])),
        that=_pattern(certainty.get("that", [])),
        verbs=_pattern(attribution.get("verbs", [])),
        before=_pattern(attribution.get("before", [])),
        after=_pattern(attribution.get("after", [])),
        pronouns=frozenset(w.lower() for w in attribution.get("pronouns", [])),
        articles=frozenset(w.lower() for w in attribution.get("articles", [])),
        months={m.lower(): i % 12 + 1 for i, m in enumerate(numbers.get("months", []))},
        weekdays={k.lower(): v for k, v in time.get("weekdays", {}).items()},
        relative=_pattern(relative),
        relative_map=relative,
        update=_pattern(data.get("update", {}).get("words", [])),
        stance=_pattern(certainty.get("stance", [])),
    )


# --- certainty -------------------------------------------------------------------------------

QUESTION_GAP = 5  # words between a doubt cue and its question word ("bestätigen, ob"; "был ли")


def _question_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """Matched at a doubt cue's end: a few words, then a question word (not taken)."""
    found = _pattern(words)
    if found is None:
        return None
    return re.compile(
        rf"[\s,:;\"'“”„«»‚‘’]*(?:[^\W\d_][\w'’-]*[\s,]+){{0,{QUESTION_GAP}}}?"
        rf"(?={found.pattern})",
        re.IGNORECASE,
    )


def doubt(text: str, cues: Cues) -> tuple[str, re.Match[str] | None]:
    """``(level, cue)``: the strongest doubt expressed in ``text`` and its cue's match, else
    ``("asserted", None)``.

    A doubt told as past ("initially denied, but the records showed ...", "hatte früher
    schon … abgestritten") is reported speech about an earlier stance, not a doubt about the
    statement now: a past word anywhere in the cue's clause before it says so.
    """
    for level in CERTAINTY_ORDER:
        pattern = cues.certainty.get(level)
        for match in pattern.finditer(text) if pattern else ():
            # the whole clause before the cue: in a verb-final clause ("Peskow hatte früher
            # schon Berichte über … abgestritten") the word that dates the doubt stands far
            # before it, so no fixed window of characters will do
            before = languages.clause_before(text, match.start())
            if level in DOUBTED and cues.doubt_past and cues.doubt_past.search(before):
                return "reported", match
            if level == "denied" and _denies_accusation(text, match, cues):
                return "reported", match
            return level, match
    return "asserted", None


def _denies_accusation(text: str, cue: re.Match[str], cues: Cues) -> bool:
    """A denial of an accusation ("denied any wrongdoing", "denied the allegations", "ontkent
    alle beschuldigingen"): the accused's stance, reported like anything else they say. It
    doubts no fact another outlet reports: "X was charged with bribery" and "X denied the
    charges" are both true. The accusation word ([certainty] stance) stands in the cue itself
    or in its clause after it."""
    if cues.stance is None:
        return False
    after = languages.clause_after(text, cue.end())
    return bool(cues.stance.search(cue.group(0)) or cues.stance.search(after))


def doubt_question(text: str, level: str, cue: re.Match[str] | None, cues: Cues) -> str:
    """The open question a doubt (``doubt``'s level and cue) is about, when one follows its
    cue: "Police could not confirm whether the fire was set" doubts only whether the fire was
    set, and meets only a claim that says so, not every claim about the fire; "" for any other
    doubt ("denied that a ferry sank", "weder bestätigen noch dementieren")."""
    if level not in DOUBTED or cue is None or cues.question is None:
        return ""
    found = cues.question.match(text, cue.end())
    if found is None:
        return ""
    # from the words between on ("был ли это теракт": the verb stands before the particle)
    return text[found.start() :].strip(" \t\n,:;.!?\"'“”„«»‚‘’")


# --- quotations ------------------------------------------------------------------------------


QUOTE_WORDS = 4  # quoted words that make a claim a quotation (a quoted title or term is less)
# text between double quotation marks of any typography ("…", “…”, „…“, «…», »…«); single
# marks are left out, apostrophes would open them
_QUOTED = re.compile(r"[\"“„«»]([^\"“”„«»]{1,1000})[\"”“»«]")
_QUOTED_WORD = re.compile(r"[^\W_][\w’'-]*")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where each span between double quotation marks lies (the marks left out)."""
    return [m.span(1) for m in _QUOTED.finditer(text)]


def quotation(text: str) -> str:
    """The longest quotation in a claim (``QUOTE_WORDS`` or more quoted words), "" when none:
    what was said, without who said it."""
    found = [said.strip() for start, end in quoted_spans(text)
             if len(_QUOTED_WORD.findall(said := text[start:end])) >= QUOTE_WORDS]
    return max(found, key=len, default="")


def quotes(text: str) -> bool:
    """Whether the claim quotes someone's words (``QUOTE_WORDS`` or more inside quotation
    marks): what it states is what was said, not what happened."""
    return bool(quotation(text))


# --- attribution -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _is_name(token: _Token, cues: Cues) -> bool:
    return token.text[:1].isupper() and token.text.lower() not in cues.articles


def _adjacent(text: str, left: _Token, right: _Token) -> bool:
    """Only whitespace between the two tokens (no quote mark, comma or full stop).

    The full stop of an initial is part of the name ("Linda T. Sánchez"), not of "U.S.".
    """
    gap = text[left.end : right.start]
    if not gap.strip():
        return True
    after_dot = text[left.start - 1 : left.start] == "."
    initial = len(left.text) == 1 and left.text.isupper() and not after_dot
    return initial and re.fullmatch(r"\.\s+", gap) is not None


def _name_before(text: str, tokens: list[_Token], index: int, cues: Cues) -> str:
    names: list[_Token] = []
    i = index - 1
    while i >= 0 and len(names) < MAX_NAME_TOKENS:
        token, follower = tokens[i], tokens[i + 1]
        if not (_is_name(token, cues) and _adjacent(text, token, follower)):
            break
        names.insert(0, token)
        i -= 1
    return " ".join(text[names[0].start : names[-1].end].split()) if names else ""


def _name_after(text: str, tokens: list[_Token], index: int, cues: Cues, skip: int) -> str:
    """The run of capitalised words after ``index``, skipping up to ``skip`` small words.

    An article is always skipped: "kommentierte die Bahngesellschaft", "said the Kremlin".
    """
    i, skipped = index, 0
    while i < len(tokens) and not tokens[i].text[:1].isupper():
        word = tokens[i].text.lower()
        if word in cues.pronouns:
            return word
        if word not in cues.articles:
            if skipped == skip:
                return ""
            skipped += 1
        i += 1
    names: list[_Token] = []
    while i < len(tokens) and len(names) < MAX_NAME_TOKENS and _is_name(tokens[i], cues):
        if names and not _adjacent(text, names[-1], tokens[i]):
            break
        names.append(tokens[i])
        i += 1
    return " ".join(text[names[0].start : names[-1].end].split()) if names else ""


def _token_at(tokens: list[_Token], offset: int) -> int:
    return next((i for i, t in enumerate(tokens) if t.start >= offset), len(tokens))


def _candidate(text: str, found: str, cues: Cues, language: str | Language) -> str:
    """``found`` if it can speak: a person or an institution, or a pronoun to resolve.

    Weekdays, months, first-person pronouns ("We", "Wir"), time phrases ("Am Sonntag") and
    places are dropped by :func:`checker.rules.names.speaker_name`; a bare title ("said Rep. Ruben
    Gallego" reads "Rep") gives way to the name that follows it.
    """
    if not found or found.lower() in cues.pronouns:  # "He said": resolved from the context
        return found.lower()
    cleaned = names.speaker_name(found, language)
    if cleaned or len(found.split()) != 1:
        return cleaned
    title = names.fold(found).rsplit("-", 1)[-1]
    titled = [n for n in names.person_names(text, language) if n.title == title]
    return titled[0].text if titled else ""


def _trim_after(text: str, after: str, language: str | Language) -> str:
    """German capitalises nouns: "kündigte Trump Infrastrukturprojekte an" names only Trump."""
    for name in names.person_names(text, language):
        if after.startswith(name.text + " "):
            return name.text
    return after


def speaker(
    text: str, cues: Cues, context: str = "", language: str | Language = ""
) -> str:
    """Who a claim is attributed to: the subject of a speech verb or the source after "laut".

    A pronoun ("fügte er hinzu") is resolved to the speaker of the context sentence.
    """
    tokens = _tokens(text)
    found = ""
    if cues.verbs:
        for match in cues.verbs.finditer(text):
            index = _token_at(tokens, match.start())
            before = _candidate(text, _name_before(text, tokens, index, cues), cues, language)
            after = _name_after(text, tokens, _token_at(tokens, match.end()), cues, skip=0)
            after = _trim_after(text, _candidate(text, after, cues, language), language)
            # V2 order: "Schlussendlich äußerte Trump" puts an adverb first, the subject after
            sentence_initial = before and tokens[0].text == before.split()[0]
            named_after = after and after not in cues.pronouns
            prefer_after = sentence_initial and named_after and len(before.split()) == 1
            found = after if prefer_after else (before or after)
            if found:
                break
    if not found and cues.after:
        for match in cues.after.finditer(text):
            found = _name_before(text, tokens, _token_at(tokens, match.start()), cues)
            found = _candidate(text, found, cues, language)
            if found:
                break
    if not found and cues.before:
        for match in cues.before.finditer(text):
            found = _name_after(
                text, tokens, _token_at(tokens, match.end()), cues, skip=MAX_SKIPPED_WORDS
            )
            found = _candidate(text, found, cues, language)
            if found:
                break
    if found in cues.pronouns:
        return speaker(context, cues, language=language) if context else ""
    return found


speaker_key = names.speaker_key  # kept here for callers of the old location


# --- time ------------------------------------------------------------------------------------


def times(text: str, cues: Cues) -> tuple[str, ...]:
    """Canonical time references: weekdays, relative expressions and day-month dates."""
    found: list[str] = []
    tokens = _tokens(text)
    for i, token in enumerate(tokens):
        lower = token.text.lower()
        if lower in cues.weekdays:
            found.append(cues.weekdays[lower])
        elif lower in cues.months and i > 0 and tokens[i - 1].text.isdigit():
            found.append(f"{cues.months[lower]:02d}-{int(tokens[i - 1].text):02d}")
        elif lower in cues.months and i + 1 < len(tokens) and tokens[i + 1].text.isdigit():
            found.append(f"{cues.months[lower]:02d}-{int(tokens[i + 1].text):02d}")
    if cues.relative:
        for match in cues.relative.finditer(text):
            phrase = " ".join(match.group(0).lower().split())
            found.append(cues.relative_map.get(phrase, phrase))
    return tuple(dict.fromkeys(found))


# --- per claim and per pair ------------------------------------------------------------------


def claim_signals(
    text: str,
    language: str | Language = "",
    context: str = "",
    extra_files: tuple[str, ...] = (),
) -> ClaimSignals:
    """All signals of one claim; ``context`` resolves pronoun speakers."""
    cues = load_cues(language, extra_files)
    level, cue = doubt(text, cues)
    return ClaimSignals(
        certainty=level,
        certainty_cue=cue.group(0) if cue else "",
        speaker=speaker(text, cues, context, language),
        times=times(text, cues),
        update_cue=m.group(0) if cues.update and (m := cues.update.search(text)) else "",
        said_at=tuple(m.start() for m in cues.verbs.finditer(text)) if cues.verbs else (),
        doubt_question=doubt_question(text, level, cue, cues),
        told_clause=told_clause(text, cues),
    )


def told_clause(text: str, cues: Cues) -> str:
    """What a claim tells after its first that-word ("Police confirmed that Gate 7 had been
    opened" -> "Gate 7 had been opened"): the proposition a doubted clause meets; ""
    without a that-word."""
    found = cues.that.search(text) if cues.that else None
    return text[found.end():].strip(" \t\n,:;.!?\"'“”„«»‚‘’") if found else ""


def compare(a: ClaimSignals, b: ClaimSignals) -> PairSignals:
    """What the two claims' signals say about the pair."""
    conflict = ""
    if (a.certainty in FIRM and b.certainty in DOUBTED) or (
        a.certainty in DOUBTED and b.certainty in FIRM
    ):
        conflict = f"{a.certainty} vs {b.certainty}"
    time_conflict = ""
    if a.times and b.times and not set(a.times) & set(b.times):
        time_conflict = f"{', '.join(a.times)} vs {', '.join(b.times)}"
    speakers = ""
    if a.speaker and b.speaker:
        if not names.same_speaker(a.speaker, b.speaker):
            speakers = f"different speakers: {a.speaker} vs {b.speaker}"
        else:
            speakers = f"same speaker: {b.speaker}"
    return PairSignals(conflict, time_conflict, speakers)
