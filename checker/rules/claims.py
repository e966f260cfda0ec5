"""Split articles into claims: checkable sentences with offsets and a context sentence.

Blocks are paragraphs: text between blank lines, and also single lines where the text keeps
a stored page's line breaks (a dateline or heading line must not be glued to the next sentence).
Sentence boundaries inside a block come from pysbd (rules per language). A boundary is never
guessed: each segment is located in the article text, and a segment that cannot be found is
dropped and counted. Splits that pysbd gets wrong on news text are undone: after an abbreviation
that never ends a sentence ("Mr.", "z. B.", "Nr."), before a lowercase continuation ("Jr. und
Eric"), and after a clock time followed by its day or zone ("5 p.m. Sunday"). The abbreviation
and caption lists are data (``data/lang/<code>/claims.toml``). Quotes that were split apart
are joined again, because a reviewer must see a quote whole. Headings, bylines, picture captions and
credits, fragments and questions are not claims and are dropped with a count per reason.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from checker.config import Config
from checker.records import Article, Claim, ValueKind
from checker.rules import language as languages
from checker.rules.language import Language
from checker.rules.values import extract_values

log = logging.getLogger("checker")

# Languages pysbd has rules for; anything else is split with the English rules.
PYSBD_LANGUAGES = frozenset(
    "en hi mr zh es am ar hy bg ur ru pl fa nl da fr my el it ja de kk sk".split()
)
MAX_QUOTE_MERGE = 4
# A line without closing punctuation is taken for a heading or dateline (and cut off from the
# next line) only when it has at most this many words, like a heading block.
MAX_HEADING_WORDS = 15

# Splits a block's text into sentence strings; each must occur verbatim in the block.
Segmenter = Callable[[str, str], Iterable[str]]

_BLOCK_SEP = re.compile(r"\n[ \t]*\n+")
_CREDIT = re.compile(r"\s*\(\s*[^\W\d_]{2,8}(?:\s*/\s*[^\W\d_]{1,8})*\s*\)\s*$")
_BYLINE_CUE = re.compile(r"^(?:von|by|par|por)\s+", re.IGNORECASE)
_BYLINE_PHRASE = re.compile(
    r"^(?:mit material von|with reporting by|additional reporting by|reporting by)\b",
    re.IGNORECASE,
)
# Lowercase words a byline may hold besides names ("Jane Doe und Max Muster, dpa").
_BYLINE_SMALL = frozenset("and und et y e von van der den de del da di la le dpa afp ap".split())
_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)\s*$")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'“”»«’)\]]*$")
_QUESTION = re.compile(r"\?[\"'“”»«’)\]]*$")
_ALWAYS_OPEN = frozenset("„‚")
_QUOTES = frozenset('"“”«»‹›')
# A piece that starts like this continues the sentence before it: no sentence starts with a
# lowercase letter, closing punctuation or a hyphen glued to a word ("É.-U."); a spaced dash
# ("WASHINGTON.- El ...") is a dateline's end, so it does not count.
_CONTINUATION = re.compile(r"[^\W\d_A-ZÀ-ÖØ-Þ]|[,;:)\]]|[-/]\w")


@dataclass(frozen=True)
class Span:
    """A located piece of the article text."""

    start: int
    end: int


@dataclass(frozen=True)
class Rules:
    """Compiled data for one language: where splits are undone, what is a caption."""

    abbreviation: re.Pattern[str] | None
    time_abbreviation: re.Pattern[str] | None
    after_time: re.Pattern[str] | None
    caption_start: re.Pattern[str] | None
    caption_words: re.Pattern[str] | None


def _entry_regex(entry: str) -> str:
    """An entry as a regex: literal, with any run of whitespace (or none) where it has a space."""
    return r"\s*".join(re.escape(part) for part in entry.split())


def _alternatives(entries: Iterable[str]) -> str | None:
    unique = sorted({e.strip() for e in entries if e.strip()}, key=len, reverse=True)
    return "|".join(_entry_regex(e) for e in unique) or None


def _compile(pattern: str | None, template: str, flags: int = 0) -> re.Pattern[str] | None:
    return re.compile(template.format(pattern), flags) if pattern else None


def rules_for(language: str | Language | None) -> Rules:
    """The language's table plus ``lang/all/claims.toml``; a language without its own table
    gets every language's merged (an abbreviation of another language is still no end)."""
    return _rules(languages.get(language))


@lru_cache(maxsize=32)
def _rules(lang: Language) -> Rules:
    own = lang.reading("claims")
    data = languages.merge([lang.shared("claims"), own.data("claims")])
    labels = _alternatives(data.get("caption_labels", []))
    starts = _alternatives(data.get("caption_starts", []))
    caption_start = "|".join(p for p in (rf"(?:{labels})\s*:" if labels else None, starts) if p)
    return Rules(
        abbreviation=_compile(
            _alternatives(data.get("abbreviations", [])), r"(?<![^\s(\[\"'“„«‚])(?:{})$"
        ),
        time_abbreviation=_compile(
            _alternatives(data.get("time_abbreviations", [])), r"(?<![^\s\d])(?:{})$"
        ),
        after_time=_compile(_alternatives(data.get("after_time", [])), r"^(?:{})(?!\w)"),
        caption_start=_compile(caption_start or None, r"^[(\[]?\s*(?:{})"),
        caption_words=_compile(
            _alternatives(data.get("caption_words", [])), r"(?<!\w)(?:{})(?!\w)", re.IGNORECASE
        ),
    )


@lru_cache(maxsize=32)
def _pysbd(language: str):
    import pysbd

    lang = language if language in PYSBD_LANGUAGES else "en"
    return pysbd.Segmenter(language=lang, clean=False)


def pysbd_segments(chunk: str, language: str) -> list[str]:
    """pysbd's sentences of one block (English rules for a language it lacks)."""
    return _pysbd(language).segment(chunk)


def blocks(text: str) -> Iterator[Span]:
    """Paragraph spans: text between blank lines, cut further at line breaks (see ``_lines``)."""
    pos = 0
    for match in [*_BLOCK_SEP.finditer(text), None]:
        end = match.start() if match else len(text)
        span = _strip(text, pos, end)
        if span:
            for line in _lines(text, span):
                yield from _capped(text, line)
        if match:
            pos = match.end()


def _lines(text: str, span: Span) -> Iterator[Span]:
    """Cut a block at line breaks that end a paragraph or a heading, not at hard wraps.

    Stored web pages keep their line breaks: one newline separates paragraphs, and a dateline
    or heading line from the first sentence. Hard-wrapped text (most lines end mid-sentence) is
    left whole, and so is a break inside an open quote, where the quote goes on.
    """
    if "\n" not in text[span.start : span.end]:
        yield span
        return
    present: list[Span] = []
    pos = span.start
    for match in re.finditer("\n", text[span.start : span.end]):
        line = _strip(text, pos, span.start + match.start())
        if line:
            present.append(line)
        pos = span.start + match.end()
    last = _strip(text, pos, span.end)
    if last:
        present.append(last)
    if _hard_wrapped([text[line.start : line.end] for line in present]):
        yield span
        return
    start = present[0].start
    for line, following in itertools.pairwise(present):
        if _ends_paragraph(text[line.start : line.end], text[following.start : following.end]):
            yield Span(start, line.end)
            start = following.start
    yield Span(start, present[-1].end)


def _hard_wrapped(lines: Sequence[str]) -> bool:
    """Most lines but the last end without sentence punctuation: the text was wrapped."""
    open_ended = sum(1 for line in lines[:-1] if not _SENTENCE_END.search(line))
    return open_ended >= 2 and 2 * open_ended > len(lines) - 1


def _ends_paragraph(line: str, following: str) -> bool:
    """Whether the break after ``line`` ends a paragraph, a heading or a dateline."""
    if _quote_depth(line) > 0:
        return False
    if _SENTENCE_END.search(line):
        return True
    starts_sentence = not following[:1].islower()
    return (
        starts_sentence
        and len(line) < len(following)
        and len(_WORD.findall(line)) <= MAX_HEADING_WORDS
    )


# pysbd's time grows faster than linearly with a block's length
# (100k characters without a blank line: 1.5 s; 5 MB: ~25 min extrapolated), so an overlong
# block is cut into pieces of at most MAX_BLOCK_CHARS, preferably after a line break or a
# sentence end. 20k keeps a 10,000-character sentence whole.
MAX_BLOCK_CHARS = 20_000
_CUT_AFTER = re.compile(r"\n|[.!?…][\"'“”»«’)\]]*\s")


def _capped(text: str, span: Span, limit: int = MAX_BLOCK_CHARS) -> Iterator[Span]:
    start = span.start
    while span.end - start > limit:
        cuts = [m.end() for m in _CUT_AFTER.finditer(text, start + limit // 4, start + limit)]
        end = cuts[-1] if cuts else text.rfind(" ", start + limit // 4, start + limit) + 1
        end = end if end > start else start + limit
        piece = _strip(text, start, end)
        if piece:
            yield piece
        start = end
    rest = _strip(text, start, span.end)
    if rest:
        yield rest


def _strip(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def is_heading(text: str, rules: Rules | None = None) -> bool:
    """A one-line block without closing punctuation (or a markdown heading) is a heading.

    A trailing credit does not count as the line's end: "... the plan. (Photo: AP)" is a
    sentence with a credit, not a heading.
    """
    if text.startswith("#"):
        return True
    if "\n" in text:
        return False
    text = _CREDIT.sub("", text)
    caption_words = (rules or rules_for("")).caption_words
    paren = _TRAILING_PAREN.search(text)
    if paren and caption_words and caption_words.search(paren.group()):
        text = text[: paren.start()]
    return not _SENTENCE_END.search(text) and len(_WORD.findall(text)) <= MAX_HEADING_WORDS


def _quote_depth(text: str, depth: int = 0) -> int:
    """Net depth of open quotes after ``text``; ambiguous marks close when one is open."""
    for char in text:
        if char in _ALWAYS_OPEN:
            depth += 1
        elif char in _QUOTES:
            depth = depth - 1 if depth > 0 else depth + 1
    return depth


def sentence_spans(
    text: str,
    block: Span,
    language: str,
    dropped: Counter[str],
    segment: Segmenter = pysbd_segments,
) -> list[Span]:
    """Locate a block's sentences in ``text``; undo wrong splits; join sentences split in quotes."""
    # A line break left inside a block is not a boundary (see _lines): a hard wrap or a quote
    # that goes on. The segmenter sees a space there, so it cannot cut the sentence; the
    # replacement keeps every offset.
    chunk = text[block.start : block.end].replace("\r", " ").replace("\n", " ")
    spans: list[Span] = []
    cursor = 0
    for piece in segment(chunk, language):
        piece = piece.strip()
        if not piece:
            continue
        found = chunk.find(piece, cursor)
        if found < 0:
            dropped["unmapped"] += 1
            continue
        spans.append(Span(block.start + found, block.start + found + len(piece)))
        cursor = found + len(piece)
    return _merge_quotes(text, _join_wrong_splits(text, spans, rules_for(language)))


def continues(before: str, after: str, rules: Rules) -> bool:
    """Whether a split between two pieces of one block is wrong (the sentence goes on).

    ``before`` ends with an abbreviation that never ends a sentence, or ``after`` starts like no
    sentence does (lowercase, closing punctuation), or with nothing but punctuation, or a clock
    time is followed by its day or zone.
    """
    if not _WORD.search(after):
        return True
    if before.endswith(".") and _CONTINUATION.match(after):
        return True
    if rules.abbreviation and rules.abbreviation.search(before):
        return True
    return bool(
        rules.time_abbreviation
        and rules.after_time
        and rules.time_abbreviation.search(before)
        and rules.after_time.match(after)
    )


def _join_wrong_splits(text: str, spans: list[Span], rules: Rules) -> list[Span]:
    joined: list[Span] = []
    for span in spans:
        if joined and continues(
            text[joined[-1].start : joined[-1].end], text[span.start : span.end], rules
        ):
            joined[-1] = Span(joined[-1].start, span.end)
        else:
            joined.append(span)
    return joined


def _merge_quotes(text: str, spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    i = 0
    while i < len(spans):
        j = i
        depth = _quote_depth(text[spans[i].start : spans[i].end])
        while depth > 0 and j + 1 < len(spans) and j - i < MAX_QUOTE_MERGE:
            j += 1
            depth = _quote_depth(text[spans[j].start : spans[j].end], depth)
        if depth > 0:  # never closed: keep pysbd's split rather than swallow the paragraph
            j = i
        merged.append(Span(spans[i].start, spans[j].end))
        i = j + 1
    return merged


def is_question(sentence: str) -> bool:
    """Ends with "?", unless the "?" closes a quote inside a statement (who asked what is a claim).

    ``„Kommt der Frieden?“`` is a question; ``Er fragte: „Kommt der Frieden?“`` reports one.
    """
    match = _QUESTION.search(sentence)
    if not match:
        return False
    closes_quote = any(c in _QUOTES or c in "’'" for c in match.group())
    return not closes_quote or sentence[:1] in _QUOTES | _ALWAYS_OPEN


def is_byline(text: str) -> bool:
    """``By Jane Doe`` / ``Von Max Muster``: a cue, then names only (a sentence has other words)."""
    if _BYLINE_PHRASE.match(text):
        return True
    cue = _BYLINE_CUE.match(text)
    if not cue:
        return False
    words = _WORD.findall(text[cue.end() :])
    return 0 < len(words) <= 8 and all(w[0].isupper() or w.lower() in _BYLINE_SMALL for w in words)


def is_caption(text: str, rules: Rules) -> bool:
    """A picture caption or credit: ``Foto: dpa``, ``© AFP``, ``(Jane Doe / Getty Images)``."""
    if rules.caption_start and rules.caption_start.match(text):
        return True
    whole = text.startswith(("(", "[")) and text.rstrip(".").endswith((")", "]"))
    return bool(whole and rules.caption_words and rules.caption_words.search(text))


# a sentence shorter than min_words is still a claim when it states a figure in this many
# words or more: "Five people died.", "Nobody was hurt.", "Zginęło pięć osób."
SHORT_CLAIM_WORDS = 3
# what makes a short sentence a statement: a figure, not a date alone ("June 12, 2016.")
_STATED = frozenset({ValueKind.COUNT, ValueKind.MONEY, ValueKind.PERCENT, ValueKind.AGE,
                     ValueKind.DURATION, ValueKind.TALLY})


def drop_reason(
    sentence: str, min_words: int, rules: Rules | None = None, language: str = ""
) -> str | None:
    """Why a sentence is not a claim, or None when it is one. Short sentences are fragments
    ("A church.", "Washington.") unless they state a figure: the shortest news sentences are
    often the facts ("Five people died.", "Nobody was hurt.")."""
    if is_question(sentence):
        return "question"
    if is_caption(sentence, rules or rules_for("")):
        return "caption"
    if is_byline(sentence):
        return "byline"
    words = len(_WORD.findall(sentence))
    if words < min_words and not (
        words >= SHORT_CLAIM_WORDS and _states_figure(sentence, language)
    ):
        return "fragment"
    return None


def _states_figure(sentence: str, language: str) -> bool:
    return any(v.kind in _STATED for v in extract_values(sentence, language))


def _block_reason(block_text: str, rules: Rules) -> str:
    if is_caption(block_text, rules):
        return "caption"
    return "byline" if is_byline(block_text) else "heading"


def _trim_credit(text: str, span: Span, rules: Rules) -> tuple[Span | None, str]:
    """Cut a trailing credit: an agency tag like ``(afp/tp)`` or a picture credit in parentheses.

    Returns the rest (None when nothing is left) and the reason to count if nothing is.
    """
    match = _CREDIT.search(text, span.start, span.end)
    if match:
        return _strip(text, span.start, match.start()), "credit"
    match = _TRAILING_PAREN.search(text, span.start, span.end)
    if match and rules.caption_words and rules.caption_words.search(match.group()):
        return _strip(text, span.start, match.start()), "caption"
    return span, ""


def split_long(text: str, span: Span, max_chars: int) -> list[Span]:
    """A sentence longer than ``max_chars`` as pieces of at most that length, cut at the last
    whitespace before the limit (or at the limit in text without spaces). Every later stage
    is then bounded by the piece, however long the sentence (a table flattened into one line,
    a page of numbers)."""
    if max_chars <= 0 or span.end - span.start <= max_chars:
        return [span]
    pieces: list[Span] = []
    start = span.start
    while span.end - start > max_chars:
        cut = text.rfind(" ", start + 1, start + max_chars + 1)
        cut = cut if cut > start else start + max_chars
        pieces.append(Span(start, cut))
        start = cut
        while start < span.end and text[start].isspace():
            start += 1
    if start < span.end:
        pieces.append(Span(start, span.end))
    return pieces


def extract_claims(
    article: Article,
    min_words: int = Config.min_words,
    segment: Segmenter = pysbd_segments,
    max_chars: int = Config.max_claim_chars,
) -> tuple[list[Claim], Counter[str]]:
    """Claims of one article in reading order, and how many sentences were dropped and why.

    ``min_words`` and ``max_chars`` default to ``Config``'s, read from it so the two cannot
    drift apart. A sentence longer than ``max_chars`` is split into pieces (warned once per
    article): each piece is a claim, so no stage ever works on an unbounded text.
    """
    text = article.text
    rules = rules_for(article.language)
    dropped: Counter[str] = Counter()
    sentences: list[Span] = []
    paragraphs: list[Span] = []
    for block in blocks(text):
        block_text = text[block.start : block.end]
        if is_heading(block_text, rules):
            dropped[_block_reason(block_text, rules)] += 1
            continue
        for span in sentence_spans(text, block, article.language, dropped, segment):
            trimmed, reason = _trim_credit(text, span, rules)
            if trimmed is None:
                dropped[reason] += 1
                continue
            pieces = split_long(text, trimmed, max_chars)
            if len(pieces) > 1:
                dropped["long sentence split"] += 1
            sentences.extend(pieces)
            paragraphs.extend([block] * len(pieces))
    claims: list[Claim] = []
    first: dict[str, int] = {}  # sentence text -> its claim's index, for repeats
    for i, (span, paragraph) in enumerate(zip(sentences, paragraphs, strict=True)):
        sentence = text[span.start : span.end]
        why = drop_reason(sentence, min_words, rules, article.language)
        if why:
            dropped[why] += 1
            continue
        if sentence in first:
            earlier = claims[first[sentence]]
            claims[first[sentence]] = replace(
                earlier, repeats=(*earlier.repeats, (span.start, span.end))
            )
            dropped["repeated"] += 1
            continue
        first[sentence] = len(claims)
        if i > 0:
            neighbour: Span | None = sentences[i - 1]
        else:
            neighbour = sentences[1] if len(sentences) > 1 else None
        context = text[neighbour.start : neighbour.end] if neighbour else ""
        claims.append(
            Claim(
                id=f"{article.id}#{span.start}-{span.end}",
                article_id=article.id,
                text=sentence,
                start=span.start,
                end=span.end,
                context=context,
                paragraph_start=paragraph.start,
                paragraph_end=paragraph.end,
                article=article,
            )
        )
    if dropped["long sentence split"]:
        log.warning(
            "%s: %d sentences longer than %d characters were split into pieces",
            article.path or article.id,
            dropped["long sentence split"],
            max_chars,
        )
    return claims, dropped


def extract_all(
    articles: Iterable[Article],
    min_words: int = Config.min_words,
    segment: Segmenter = pysbd_segments,
    max_chars: int = Config.max_claim_chars,
) -> tuple[list[Claim], Counter[str]]:
    """Claims of every article, concatenated, with the drop counts summed."""
    claims: list[Claim] = []
    dropped: Counter[str] = Counter()
    for article in articles:
        found, why = extract_claims(article, min_words, segment, max_chars)
        claims.extend(found)
        dropped.update(why)
    return claims, dropped
