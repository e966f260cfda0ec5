"""Read articles from files and folders into :class:`Article` records.

Formats: ``.txt``; ``.md`` with optional YAML front matter; ``.html``/``.htm`` (main text via
trafilatura); ``.json`` / ``.jsonl`` / ``.csv`` with one article per record. A folder is read
recursively; a ``metadata.yaml`` in a folder maps file names to fields (source, title, url,
published, language) for plain-text files that cannot carry their own.

A bad article is skipped with a warning on the ``checker`` logger; only when nothing usable is
left does loading fail, because one broken file should not cost a journalist the whole report.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from checker.errors import InputError, UsageError
from checker.records import Article

log = logging.getLogger("checker")

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
RECORD_SUFFIXES = {".json", ".jsonl", ".ndjson", ".csv"}
SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES
METADATA_NAMES = ("metadata.yaml", "metadata.yml")
FIELDS = ("source", "title", "url", "published", "language")
CSV_FIELD_LIMIT = 1 << 28

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


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


def detect_language(text: str) -> str:
    """Best-effort ISO 639-1 code; empty when undecidable. Deterministic (fixed seed)."""
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0
    try:
        return detect(text[:3000])
    except LangDetectException:
        return ""


def _clean_fields(record: Mapping[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key in FIELDS:
        value = record.get(key)
        if value is not None and str(value).strip():
            out[key] = str(value).strip()
    return out


def _make_article(article_id: str, text: str, meta: Mapping[str, Any], path: str) -> Article:
    text = normalise_text(text)
    fields = _clean_fields(meta)
    if not fields.get("language"):
        fields["language"] = detect_language(text)
    return Article(id=article_id, text=text, path=path, **fields)


def _split_front_matter(text: str, name: str) -> tuple[dict[str, Any], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        log.warning("%s: front matter is not valid YAML (%s); reading the body only", name, exc)
        meta = {}
    if not isinstance(meta, dict):
        meta = {}
    return meta, text[match.end() :]


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


def _records_from(text: str, suffix: str, name: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(location, record)`` for each well-formed record; warn about the rest."""
    if suffix == ".csv":
        yield from _csv_records(text, name)
    elif suffix in {".jsonl", ".ndjson"}:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                log.warning("%s:%d: skipped, not valid JSON (%s)", name, number, exc.msg)
                continue
            yield f"{name}:{number}", record
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}:{exc.lineno}: not valid JSON ({exc.msg})") from None
        if isinstance(data, dict) and isinstance(data.get("articles"), list):
            data = data["articles"]
        records = data if isinstance(data, list) else [data]
        for number, record in enumerate(records, start=1):
            yield f"{name}[{number}]", record


def _csv_records(text: str, name: str) -> Iterator[tuple[str, dict[str, Any]]]:
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
    reader = csv.reader(lines(), strict=True)
    header: list[str] | None = None
    while True:
        start = consumed + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            log.warning("%s:%d: skipped, malformed CSV (%s)", name, start, exc)
            continue
        if not values:
            continue
        if header is None:
            header = [h.strip() for h in values]
            continue
        if len(values) > len(header) and not any(v.strip() for v in values[len(header) :]):
            values = values[: len(header)]  # trailing empty cells, as spreadsheets export them
        if len(values) != len(header):
            log.warning(
                "%s:%d: skipped, %d fields where the header has %d",
                name,
                start,
                len(values),
                len(header),
            )
            continue
        yield f"{name}:{start}", dict(zip(header, values, strict=True))


def _read_records(path: Path, text: str, id_prefix: str) -> list[Article]:
    articles = []
    for index, (where, record) in enumerate(_records_from(text, path.suffix.lower(), str(path))):
        if not isinstance(record, dict):
            log.warning("%s: skipped, a record must be an object", where)
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            log.warning("%s: skipped, no 'text'", where)
            continue
        article_id = str(record.get("id") or f"{id_prefix}:{index + 1}")
        articles.append(_make_article(article_id, body, record, where))
    return articles


def read_file(path: Path, article_id: str, meta: Mapping[str, Any] | None = None) -> list[Article]:
    """Read one file into zero or more articles. Raises InputError when the file is unusable."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    text = decode(data, str(path))
    if not text.strip():
        raise InputError(f"{path}: empty file")
    suffix = path.suffix.lower()
    meta = dict(meta or {})
    if suffix in RECORD_SUFFIXES:
        return _read_records(path, text, article_id)
    if suffix in MARKDOWN_SUFFIXES:
        front, text = _split_front_matter(text, str(path))
        meta.update(front)
    elif suffix in HTML_SUFFIXES:
        found, text = _html_article(text, str(path))
        meta = {**{k: v for k, v in found.items() if v}, **meta}
    if not text.strip():
        raise InputError(f"{path}: no text")
    return [_make_article(str(meta.get("id") or article_id), text, meta, str(path))]


def _folder_metadata(folder: Path) -> dict[str, dict[str, Any]]:
    for name in METADATA_NAMES:
        path = folder / name
        if path.is_file():
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
                log.warning("%s: ignored, cannot read it (%s)", path, exc)
                return {}
            if isinstance(data, dict):
                return {str(k): v for k, v in data.items() if isinstance(v, dict)}
            log.warning("%s: ignored, expected a mapping of file name to fields", path)
    return {}


def _expand(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str]]:
    """Yield ``(file, article id)`` for every readable file under the given paths, in order.

    A file reached twice (a folder and a file inside it) is read once.
    """
    seen: set[Path] = set()
    for file, article_id in _walk(paths):
        if file.resolve() not in seen:
            seen.add(file.resolve())
            yield file, article_id


def _walk(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str]]:
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise UsageError(f"no such file or directory: {raw}")
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not files:
                log.warning("%s: no article files (%s)", raw, ", ".join(sorted(SUFFIXES)))
            for file in files:
                yield file, file.relative_to(path).with_suffix("").as_posix()
        else:
            yield path, path.stem


def load_articles(paths: Iterable[str | Path]) -> list[Article]:
    """Read every article under ``paths``; skip bad ones with a warning; drop exact duplicates.

    Raises UsageError for a path that does not exist and InputError when nothing is usable.
    """
    articles: list[Article] = []
    seen_ids: dict[str, int] = {}
    seen_text: dict[str, str] = {}
    metadata_cache: dict[Path, dict[str, dict[str, Any]]] = {}
    for file, article_id in _expand(paths):
        folder = file.parent
        if folder not in metadata_cache:
            metadata_cache[folder] = _folder_metadata(folder)
        meta = metadata_cache[folder].get(file.name)
        try:
            found = read_file(file, article_id, meta)
        except InputError as exc:
            log.warning("%s; skipped", exc)
            continue
        for article in found:
            digest = hashlib.sha256(article.text.encode()).hexdigest()
            if digest in seen_text:
                log.warning(
                    "%s: same text as %s; skipped as a duplicate", article.path, seen_text[digest]
                )
                continue
            seen_text[digest] = article.path
            count = seen_ids.get(article.id, 0)
            seen_ids[article.id] = count + 1
            if count:
                article = replace(article, id=f"{article.id}-{count + 1}")
            articles.append(article)
    if not articles:
        raise InputError("no usable articles in the given paths")
    return articles
