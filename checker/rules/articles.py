"""Read articles from files and folders into :class:`Article` records.

Formats: ``.txt``; ``.md`` with optional YAML front matter; ``.html``/``.htm`` (main text via
trafilatura); ``.json`` / ``.jsonl`` / ``.csv`` with one article per record. A folder is read
recursively; a ``metadata.yaml`` in a folder maps file names to fields (source, title, url,
published, language) for plain-text files that cannot carry their own.

A bad article is skipped with a warning on the ``checker`` logger; only when nothing usable is
left does loading fail, because one broken file should not cost a journalist the whole report.

An article's id comes from what it says, never from where it lies: an explicit ``id`` (JSON,
CSV, front matter, ``metadata.yaml``) when no other article has it, else a slug of its source,
title or first words plus the start of the SHA-256 of its text. Moving or renaming a file keeps
its id, and so the report's pair ids, which hash article ids, survive a tidy-up of folders.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import logging
import re
import stat
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

import yaml

from checker.errors import InputError, UsageError
from checker.records import Article
from checker.rules.language import guess_by_words
from checker.rules.language import normalise as normalise_language

log = logging.getLogger("checker")

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
RECORD_SUFFIXES = {".json", ".jsonl", ".ndjson", ".csv"}
SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES
METADATA_NAMES = ("metadata.yaml", "metadata.yml")
FIELDS = ("source", "title", "url", "published", "language")
CSV_FIELD_LIMIT = 1 << 28
# Larger files are refused, not read: /dev/zero or a runaway export would exhaust memory.
MAX_ARTICLE_BYTES = 50 * 2**20
MAX_METADATA_BYTES = 2**20
# Metadata is a few fields per file; YAML that aliases expand beyond this ("billion laughs")
# is refused before anything walks it.
MAX_YAML_VALUES = 100_000
# Warnings about skipped files or records shown one by one; the rest are counted in one line.
SHOWN_SKIPS = 5
ID_HASH_CHARS = 8
SLUG_CHARS = 24

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_SURROGATES = re.compile("[\ud800-\udfff]")
_ISO_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class _MetadataLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` for metadata: dates stay text, alias expansion is capped.

    Dates stay as typed because ``published: 2024-13-45`` would otherwise abort loading with
    a ValueError; expansion is capped because a 1 KB "billion laughs" expands to gigabytes.
    """

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {
        first: [(tag, regex) for tag, regex in resolvers if tag != _TIMESTAMP_TAG]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_document(self) -> Any:
        node = super().compose_document()
        if node is not None and _expanded_size(node, {}) > MAX_YAML_VALUES:
            raise yaml.YAMLError(f"aliases expand it to more than {MAX_YAML_VALUES:,} values")
        return node


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """How many values ``node`` stands for with every alias expanded; each node counted once
    (``sizes``), so a bomb is measured in microseconds, not expanded."""
    key = id(node)
    if key not in sizes:
        sizes[key] = MAX_YAML_VALUES + 1  # a node inside itself never ends
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = node.value
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        total = 1 + sum(_expanded_size(child, sizes) for child in children)
        sizes[key] = min(total, MAX_YAML_VALUES + 1)
    return sizes[key]


def load_yaml(text: str) -> Any:
    """Parse metadata YAML. Raises ValueError (with the reason) for anything unusable."""
    try:
        return yaml.load(text, Loader=_MetadataLoader)  # a SafeLoader: builds no objects
    except RecursionError:
        raise ValueError("nested too deeply") from None
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        raise ValueError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None


def safe_text(value: str) -> str:
    """``value`` with lone surrogates replaced by U+FFFD.

    File names with bytes that are not UTF-8 arrive as surrogate escapes (``os.fsdecode``), and
    JSON may spell lone surrogates; UTF-8 cannot encode either, so the report could not be
    written after all the model work.
    """
    return _SURROGATES.sub("\ufffd", value)


def display_name(path: str | Path) -> str:
    """The path as given, safe to print and to write into a report."""
    return safe_text(str(path))


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of ``path``. Raises InputError for what is not a regular file or is too large.

    A FIFO would block forever and ``/dev/zero`` never ends, so both are refused before reading.
    """
    name = display_name(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{name}: not a regular file")
        if info.st_size > limit:
            raise InputError(f"{name}: larger than {limit / 2**20:g} MB")
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise InputError(f"{name}: larger than {limit / 2**20:g} MB")
    return data


def decode(data: bytes, name: str) -> str:
    """Decode bytes as UTF-8 (BOM tolerated), falling back to cp1252 for legacy newsroom exports.

    Raises InputError for binary data, which no fallback can turn into an article.
    """
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    log.info("%s: not UTF-8, read as Windows-1252", name)
    return text


def normalise_text(text: str) -> str:
    """Unify line endings and strip outer whitespace; offsets are taken against this text."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def locate_text(raw: str, start: int = 0) -> tuple[str, int, tuple[int, ...]]:
    """``normalise_text(raw)``, where it starts in the file, and where ``\\r\\n`` became ``\\n``.

    ``raw`` sits at ``start`` in the decoded file. The start and the positions (in the
    normalised text) of each ``\\n`` that lost its ``\\r`` let :meth:`Article.file_offset`
    map offsets back into the file on disk.
    """
    lead = len(raw) - len(raw.lstrip())
    body = raw[lead:]
    crlf = tuple(m.start() - i for i, m in enumerate(re.finditer("\r\n", body)))
    text = normalise_text(body)
    return text, start + lead, tuple(p for p in crlf if p < len(text))


SHORT_FOR_DETECTION = 60  # characters: below this a statistical language guess is unreliable


def detect_language(text: str) -> str:
    """Best-effort ISO 639-1 code; empty when undecidable. Deterministic (fixed seed).

    A short text is first read by its frequent words (``language.guess_by_words``), which
    knows only the languages with data and answers only when they decide; langdetect
    otherwise."""
    if len(text.strip()) < SHORT_FOR_DETECTION:
        guessed = guess_by_words(text)
        if guessed:
            return guessed
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0
    try:
        return normalise_language(detect(text[:3000]))
    except LangDetectException:
        return ""


def _clean_fields(record: Mapping[str, Any], name: str) -> dict[str, str]:
    """The known fields as text. A list or table is ignored (no field holds more than one)."""
    out: dict[str, str] = {}
    for key in FIELDS:
        value = record.get(key)
        if isinstance(value, list | dict | tuple | set):
            log.warning("%s: field %r is not a single value; ignored", name, key)
            continue
        if value is not None and str(value).strip():
            out[key] = safe_text(str(value).strip())
    published = out.get("published", "")
    if _ISO_DATE.match(published) and not _valid_date(published):
        log.warning("%s: published %r is not a valid date; kept as text", name, published)
    return out


def _valid_date(value: str) -> bool:
    year, month, day = (int(part) for part in _ISO_DATE.match(value).group().split("-"))  # type: ignore[union-attr]
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _explicit_id(meta: Mapping[str, Any]) -> str:
    value = meta.get("id")
    return safe_text(str(value).strip()) if value is not None and str(value).strip() else ""


def _make_article(
    text: str, meta: Mapping[str, Any], path: str, start: int | None = None
) -> Article:
    """An Article with its explicit id (or none yet). ``start``: where ``text`` sits in the
    decoded file, when it is the file's own text (not extracted from HTML or a record)."""
    text, text_start, crlf = locate_text(safe_text(text), start or 0)
    if start is None:
        text_start, crlf = 0, ()
    fields = _clean_fields(meta, path)
    fields["language"] = normalise_language(fields.get("language"))
    if not fields["language"]:
        fields["language"] = detect_language(text)
    return Article(
        id=_explicit_id(meta), text=text, path=path, text_start=text_start, crlf=crlf, **fields
    )


def _split_front_matter(text: str, name: str) -> tuple[dict[str, Any], str, int]:
    """``(fields, body, where the body starts in text)``; unusable front matter is ignored."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, 0
    try:
        meta = load_yaml(match.group(1)) or {}
    except ValueError as exc:
        log.warning("%s: front matter ignored, not usable YAML (%s)", name, exc)
        meta = {}
    if not isinstance(meta, dict):
        meta = {}
    return meta, text[match.end() :], match.end()


def _html_article(html: str, name: str) -> tuple[dict[str, Any], str]:
    import trafilatura

    body = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
    meta: dict[str, Any] = {}
    info = trafilatura.extract_metadata(html)
    if info is not None:
        meta = {
            "title": info.title,
            "source": info.sitename,
            "url": info.url,
            "published": info.date,
            "language": getattr(info, "language", None),
        }
    if not body.strip():
        from lxml import html as lxml_html

        try:
            body = lxml_html.fromstring(html).text_content()
        except Exception:
            body = ""
        log.info("%s: no main text found, used all visible text", name)
    return meta, body


class Skips:
    """Warn about the first few skipped files and records, then count the rest by reason.

    3,000 unreadable files must not bury the one warning that matters in 3,000 lines.
    """

    def __init__(self, shown: int = SHOWN_SKIPS) -> None:
        self.shown = shown
        self.seen = 0
        self.hidden: Counter[tuple[str, str]] = Counter()

    def add(self, message: str, reason: str, kind: str = "files") -> None:
        """Warn with ``message``, or count it under ``reason`` once enough were shown."""
        self.seen += 1
        if self.seen <= self.shown:
            log.warning("%s", message)
        else:
            self.hidden[(kind, reason.split(" (")[0])] += 1

    def finish(self) -> None:
        """One summary line for everything not shown."""
        total = sum(self.hidden.values())
        if not total:
            return
        kinds = sorted({kind for kind, _ in self.hidden})
        reasons = Counter[str]()
        for (_, reason), count in self.hidden.items():
            reasons[reason] += count
        log.warning(
            "… and %s more %s skipped (%s)",
            f"{total:,}",
            " and ".join(kinds),
            ", ".join(f"{count:,} {reason}" for reason, count in reasons.most_common()),
        )


def _records_from(
    text: str, suffix: str, name: str, skips: Skips
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(location, record)`` for each well-formed record; report the rest to ``skips``."""
    if suffix == ".csv":
        yield from _csv_records(text, name, skips)
    elif suffix in {".jsonl", ".ndjson"}:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = _json(line)
            except ValueError as exc:
                skips.add(f"{name}:{number}: skipped, {exc.args[0]}", exc.args[0], "records")
                continue
            yield f"{name}:{number}", record
    else:
        try:
            data = _json(text)
        except ValueError as exc:
            raise InputError(f"{name}:{exc.args[1]}: {exc.args[0]}") from None
        if isinstance(data, dict) and isinstance(data.get("articles"), list):
            data = data["articles"]
        records = data if isinstance(data, list) else [data]
        for number, record in enumerate(records, start=1):
            yield f"{name}[{number}]", record


def _json(text: str) -> Any:
    """Parsed JSON. Raises ``ValueError(reason, line)``, also for nesting Python cannot parse
    (a RecursionError would abort the whole run)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg})", exc.lineno) from None
    except RecursionError:
        raise ValueError("JSON nested too deeply", 1) from None


def csv_delimiter(header: str) -> str:
    """``,``, ``;`` (German Excel) or tab ("Unicode text"), whichever the header line has most.

    A header holds names, not text, so counting is reliable where csv.Sniffer guesses.
    """
    return max((",", ";", "\t"), key=header.count)


def _csv_records(text: str, name: str, skips: Skips) -> Iterator[tuple[str, dict[str, Any]]]:
    """Rows of a CSV as ``(name:line, record)``; a malformed row is skipped, not guessed at.

    Strict parsing, because the lenient default turns a stray quote into one "article" made of
    every row after it. Lines are counted here since the csv module miscounts after an error.
    """
    consumed = 0

    def lines() -> Iterator[str]:
        nonlocal consumed
        for line in io.StringIO(text, newline=""):
            consumed += 1
            yield line

    # A whole article is one field; the csv module's default cap (128 KiB) is too small.
    csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))
    first = next((line for line in text.splitlines() if line.strip()), "")
    reader = csv.reader(lines(), strict=True, delimiter=csv_delimiter(first))
    header: list[str] | None = None
    while True:
        start = consumed + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            skips.add(f"{name}:{start}: skipped, malformed CSV ({exc})", "malformed CSV", "records")
            continue
        if not values:
            continue
        if header is None:
            header = [h.strip() for h in values]
            if "text" not in header:
                raise InputError(f"{name}: no 'text' column (header: {', '.join(header)})")
            continue
        if len(values) > len(header) and not any(v.strip() for v in values[len(header) :]):
            values = values[: len(header)]  # trailing empty cells, as spreadsheets export them
        if len(values) != len(header):
            skips.add(
                f"{name}:{start}: skipped, {len(values)} fields where the header has {len(header)}",
                "wrong number of fields",
                "records",
            )
            continue
        yield f"{name}:{start}", dict(zip(header, values, strict=True))


def _read_records(path: Path, text: str, skips: Skips) -> list[Article]:
    articles = []
    name = display_name(path)
    for where, record in _records_from(text, path.suffix.lower(), name, skips):
        if not isinstance(record, dict):
            skips.add(f"{where}: skipped, a record must be an object", "not an object", "records")
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            skips.add(f"{where}: skipped, no 'text'", "no 'text'", "records")
            continue
        articles.append(_make_article(body, record, where))
    return articles


def read_file(
    path: Path, meta: Mapping[str, Any] | None = None, skips: Skips | None = None
) -> list[Article]:
    """Read one file into zero or more articles (ids not yet unique; :func:`load_articles`
    assigns them). Raises InputError when the file is unusable."""
    skips = skips or Skips()
    name = display_name(path)
    text = decode(read_regular_file(path, MAX_ARTICLE_BYTES), name)
    if not text.strip():
        raise InputError(f"{name}: empty file")
    suffix = path.suffix.lower()
    meta = dict(meta or {})
    start: int | None = 0
    if suffix in RECORD_SUFFIXES:
        return _read_records(path, text, skips)
    if suffix in MARKDOWN_SUFFIXES:
        front, text, start = _split_front_matter(text, name)
        meta.update(front)
    elif suffix in HTML_SUFFIXES:
        found, text = _html_article(text, name)
        meta = {**{k: v for k, v in found.items() if v}, **meta}
        start = None
    if not text.strip():
        raise InputError(f"{name}: no text")
    return [_make_article(text, meta, name, start)]


def _folder_metadata(folder: Path) -> dict[str, dict[str, Any]]:
    for file_name in METADATA_NAMES:
        path = folder / file_name
        if not (path.exists() or path.is_symlink()):
            continue
        try:
            data = load_yaml(read_regular_file(path, MAX_METADATA_BYTES).decode("utf-8")) or {}
        except (InputError, UnicodeDecodeError, ValueError) as exc:
            reason = _reason(exc, display_name(path))
            log.warning("%s: ignored, cannot read it (%s)", display_name(path), reason)
            return {}
        if isinstance(data, dict):
            return {str(k): v for k, v in data.items() if isinstance(v, dict)}
        log.warning("%s: ignored, expected a mapping of file name to fields", display_name(path))
    return {}


def _expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Yield every article file under the given paths, in order.

    A file reached twice (a folder and a file inside it) is read once.
    """
    seen: set[Path] = set()
    for file in _walk(paths):
        key = file.resolve()
        if key not in seen:
            seen.add(key)
            yield file


def _walk(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files given, and files with an article suffix in folders given (hidden ones left out).

    Entries that are not regular files (FIFOs, devices) are yielded too, so reading them
    refuses them with a warning instead of leaving them out in silence.
    """
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise UsageError(f"no such file or directory: {display_name(raw)}")
        if not path.is_dir():
            yield path
            continue
        files = sorted(
            p
            for p in path.rglob("*")
            if p.suffix.lower() in SUFFIXES
            and not p.is_dir()
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        if not files:
            log.warning("%s: no article files (%s)", display_name(raw), ", ".join(sorted(SUFFIXES)))
        yield from files


def _reason(exc: Exception, name: str) -> str:
    """The message of ``exc`` without the leading file name (and line), for counting."""
    message = str(exc)
    if message.startswith(name):
        message = re.sub(r"^(?::\d+|\[\d+\])?: ", "", message[len(name) :])
    return message


def _slug(text: str) -> str:
    """Lowercase words of ``text`` joined by ``-``, accents dropped, at most SLUG_CHARS."""
    folded = unicodedata.normalize("NFKD", text[:500].lower())
    words = re.findall(r"\w+", "".join(c for c in folded if not unicodedata.combining(c)))
    slug = ""
    for word in (w.replace("_", "") for w in words):
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > SLUG_CHARS:
            return slug or word[:SLUG_CHARS]
        slug = longer
    return slug


def _with_ids(articles: Sequence[Article], digests: Sequence[str]) -> list[Article]:
    """Every article with an id that no other has, chosen from content, never from order.

    An explicit id is kept while it is unique; otherwise, and for articles without one, the id
    is ``<slug>-<hash>``: the slug of the explicit id, source, title or first words, and the
    start of the text's SHA-256, lengthened only where two would still clash.
    """
    bases = [a.id or _slug(a.source or a.title or a.text) for a in articles]
    lengths = [0 if a.id else ID_HASH_CHARS for a in articles]

    def candidate(i: int) -> str:
        suffix = digests[i][: lengths[i]]
        return "-".join(part for part in (bases[i], suffix) if part)

    ids = [candidate(i) for i in range(len(articles))]
    for _ in range(len(digests[0]) if digests else 0):
        counts = Counter(ids)
        clashes = [i for i, found in enumerate(ids) if counts[found] > 1]
        if not clashes:
            break
        for shared in sorted({ids[i] for i in clashes if lengths[i] == 0}):
            log.warning(
                "id %r is given to %d articles; each gets its text's hash", shared, counts[shared]
            )
        for i in clashes:
            lengths[i] = max(ID_HASH_CHARS, lengths[i] + 4)
            ids[i] = candidate(i)
    return [replace(a, id=new) for a, new in zip(articles, ids, strict=True)]


def load_articles(paths: Iterable[str | Path]) -> list[Article]:
    """Read every article under ``paths``; skip bad ones with a warning; drop exact duplicates.

    Raises UsageError for a path that does not exist and InputError when nothing is usable.
    """
    articles: list[Article] = []
    digests: list[str] = []
    seen_text: dict[str, str] = {}
    metadata_cache: dict[Path, dict[str, dict[str, Any]]] = {}
    skips = Skips()
    for file in _expand(paths):
        folder = file.parent
        if folder not in metadata_cache:
            metadata_cache[folder] = _folder_metadata(folder)
        meta = metadata_cache[folder].get(file.name)
        try:
            found = read_file(file, meta, skips)
        except InputError as exc:
            skips.add(f"{exc}; skipped", _reason(exc, display_name(file)))
            continue
        for article in found:
            digest = hashlib.sha256(article.text.encode()).hexdigest()
            if digest in seen_text:
                log.warning(
                    "%s: same text as %s; skipped as a duplicate", article.path, seen_text[digest]
                )
                continue
            seen_text[digest] = article.path
            articles.append(article)
            digests.append(digest)
    skips.finish()
    if not articles:
        raise InputError("no usable articles in the given paths")
    return _with_ids(articles, digests)
