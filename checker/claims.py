"""Split articles into claims: checkable sentences with offsets and a context sentence.

Sentence boundaries come from pysbd (rules per language). A boundary is never guessed: each
segment is located in the article text, and a segment that cannot be found is dropped and
counted. Quotes that pysbd split apart are joined again, because a reviewer must see a quote
whole. Headings, bylines, credit lines such as ``(afp/tp)``, fragments and questions are not
claims and are dropped with a count per reason.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from checker.records import Article, Claim

# Languages pysbd has rules for; anything else is split with the English rules.
PYSBD_LANGUAGES = frozenset(
    "en hi mr zh es am ar hy bg ur ru pl fa nl da fr my el it ja de kk sk".split()
)
MAX_QUOTE_MERGE = 4

_BLOCK_SEP = re.compile(r"\n[ \t]*\n+")
_CREDIT = re.compile(r"\s*\(\s*[^\W\d_]{2,8}(?:\s*/\s*[^\W\d_]{1,8})*\s*\)\s*$")
_BYLINE = re.compile(
    r"^(?:von|by|par|foto|fotos|bild|photo|photos|quelle|source|©|\(c\)|copyright|"
    r"mit material von|with reporting by)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'“”»«’)\]]*$")
_QUESTION = re.compile(r"\?[\"'“”»«’)\]]*$")
_ALWAYS_OPEN = frozenset("„‚")
_QUOTES = frozenset('"“”«»‹›')


@dataclass(frozen=True)
class Span:
    """A located piece of the article text."""

    start: int
    end: int


@lru_cache(maxsize=32)
def _segmenter(language: str):
    import pysbd

    lang = language if language in PYSBD_LANGUAGES else "en"
    return pysbd.Segmenter(language=lang, clean=False)


def blocks(text: str) -> Iterator[Span]:
    """Paragraph spans: text between blank lines, stripped."""
    pos = 0
    for match in [*_BLOCK_SEP.finditer(text), None]:
        end = match.start() if match else len(text)
        span = _strip(text, pos, end)
        if span:
            yield from _capped(text, span)
        if match:
            pos = match.end()


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


def is_heading(text: str) -> bool:
    """A one-line block without closing punctuation (or a markdown heading) is a heading."""
    if text.startswith("#"):
        return True
    if "\n" in text:
        return False
    text = _CREDIT.sub("", text)
    return not _SENTENCE_END.search(text) and len(_WORD.findall(text)) <= 15


def _quote_depth(text: str, depth: int = 0) -> int:
    """Net depth of open quotes after ``text``; ambiguous marks close when one is open."""
    for char in text:
        if char in _ALWAYS_OPEN:
            depth += 1
        elif char in _QUOTES:
            depth = depth - 1 if depth > 0 else depth + 1
    return depth


def sentence_spans(text: str, block: Span, language: str, dropped: Counter[str]) -> list[Span]:
    """Locate pysbd's sentences of one block in ``text``; join sentences split inside quotes."""
    chunk = text[block.start : block.end]
    spans: list[Span] = []
    cursor = 0
    for segment in _segmenter(language).segment(chunk):
        piece = segment.strip()
        if not piece:
            continue
        found = chunk.find(piece, cursor)
        if found < 0:
            dropped["unmapped"] += 1
            continue
        spans.append(Span(block.start + found, block.start + found + len(piece)))
        cursor = found + len(piece)
    return _merge_quotes(text, spans)


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


def drop_reason(sentence: str, min_words: int) -> str | None:
    """Why a sentence is not a claim, or None when it is one."""
    if _QUESTION.search(sentence):
        return "question"
    if _BYLINE.match(sentence):
        return "byline"
    if len(_WORD.findall(sentence)) < min_words:
        return "fragment"
    return None


def _trim_credit(text: str, span: Span) -> Span | None:
    """Cut a trailing credit like ``(afp/tp)``; None when the span is nothing but a credit."""
    match = _CREDIT.search(text, span.start, span.end)
    if not match:
        return span
    return _strip(text, span.start, match.start())


def extract_claims(article: Article, min_words: int = 4) -> tuple[list[Claim], Counter[str]]:
    """Claims of one article in reading order, and how many sentences were dropped and why."""
    text = article.text
    dropped: Counter[str] = Counter()
    sentences: list[Span] = []
    paragraphs: list[Span] = []
    for block in blocks(text):
        block_text = text[block.start : block.end]
        if is_heading(block_text):
            dropped["byline" if _BYLINE.match(block_text) else "heading"] += 1
            continue
        for span in sentence_spans(text, block, article.language, dropped):
            trimmed = _trim_credit(text, span)
            if trimmed is None:
                dropped["credit"] += 1
                continue
            sentences.append(trimmed)
            paragraphs.append(block)
    claims: list[Claim] = []
    for i, (span, paragraph) in enumerate(zip(sentences, paragraphs, strict=True)):
        sentence = text[span.start : span.end]
        reason = drop_reason(sentence, min_words)
        if reason:
            dropped[reason] += 1
            continue
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
            )
        )
    return claims, dropped


def extract_all(
    articles: Iterable[Article], min_words: int = 4
) -> tuple[list[Claim], Counter[str]]:
    """Claims of every article, concatenated, with the drop counts summed."""
    claims: list[Claim] = []
    dropped: Counter[str] = Counter()
    for article in articles:
        found, why = extract_claims(article, min_words)
        claims.extend(found)
        dropped.update(why)
    return claims, dropped
