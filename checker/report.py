"""Turn verdicts into a reviewable table and write it safely as CSV (or XLSX).

Writes are atomic: the table goes to a temporary file beside the target and replaces it only
when complete, so a crash never leaves a half-written report or damages the previous one.
Cells that a spreadsheet would run as a formula are neutralised (OWASP CSV injection).

The report is a working document: journalists fill in ``review`` columns and add their own.
:func:`save_report` therefore reads an existing report back (:func:`read_report`), carries the
reviewer's cells over by ``pair_id`` (:func:`merge_previous`), keeps rows whose pair is gone as
``stale``, and leaves a ``.bak`` copy of the previous file. The XLSX layout is in ``xlsx.py``.
Findings (``findings.py``, one row per disagreement) go through the same read, merge and
atomic write, keyed by ``finding_id``; JSONL adds a schema.org ClaimReview to rows a reviewer
marked right (``review.py`` reads what they typed).
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import io
import json
import logging
import math
import os
import re
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from checker.articles import csv_delimiter
from checker.errors import ReportWriteError, UsageError
from checker.records import Article, Claim, Verdict
from checker.review import RIGHT, normalise_review, review_counts, unrecognised
from checker.verdict import AGREEMENT, CONTRADICTION, NEUTRAL

log = logging.getLogger("checker")

REVIEW_COLUMNS = ("review", "review_note")
# In the order a reviewer reads them: the verdict and both claims with why, where to type the
# review, then where each claim comes from, the scores, signals and context behind the verdict,
# and the ids for machines last. Files written in an older order merge all the same: merging
# goes by pair_id and column name, never by position.
COLUMNS = (
    "verdict",
    "confidence",
    "kind",
    "claim_a",
    "claim_b",
    "reasons",
    *REVIEW_COLUMNS,
    "source_a",
    "source_b",
    "file_a",
    "file_b",
    "title_a",
    "title_b",
    "url_a",
    "url_b",
    "published_a",
    "published_b",
    "same_event",
    "similarity",
    "p_contradiction",
    "p_entailment",
    "p_neutral",
    "certainty_a",
    "certainty_b",
    "speaker_a",
    "speaker_b",
    "context_a",
    "context_b",
    "offsets_a",
    "offsets_b",
    "story",
    "found_by",
    "article_a",
    "article_b",
    "pair_id",
)
# One row per disagreement (findings.py): what is disputed and who says what, its own review,
# then the pair rows behind it and its id.
FINDING_COLUMNS = (
    "finding",
    "kind",
    "outlets",
    "pairs",
    "confidence",
    "claims",
    *REVIEW_COLUMNS,
    "thing",
    "story",
    "pair_ids",
    "finding_id",
)
VERDICT_ORDER = {CONTRADICTION: 0, AGREEMENT: 1, NEUTRAL: 2}
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "xlsx", "jsonl")
# Re-run bookkeeping: a CSV says it in a column, an XLSX keeps stale rows on their own sheet.
STATUS_COLUMN = "status"
CURRENT, STALE = "current", "stale"
REPORT_SHEET, STALE_SHEET, FINDINGS_SHEET = "report", "stale", "findings"
# A temporary report file not written to for this long belongs to a dead write.
STALE_TMP_SECONDS = 600
# What reading a damaged or hostile file raises: an XLSX's XML with an external entity (XXE)
# or a DOCTYPE fails in the parser (ParseError is a SyntaxError), which must not pass as a bug.
UNREADABLE = (OSError, ValueError, KeyError, zipfile.BadZipFile, SyntaxError)


def pair_id(verdict: Verdict) -> str:
    """Stable across runs: depends only on the two articles' ids and the two claims' texts."""
    a, b = verdict.pair.a, verdict.pair.b
    key = f"{a.article_id}\x1f{a.text}\x1e{b.article_id}\x1f{b.text}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _offsets(claim: Claim, article: Article | None) -> str:
    """``start-end`` of the claim in its file on disk (in the extracted text for HTML and
    records), so a reviewer can find it there; a sentence the article repeats gives every
    occurrence, ``; ``-separated."""
    spans = [(claim.start, claim.end), *claim.repeats]
    if article is None:
        return "; ".join(f"{start}-{end}" for start, end in spans)
    return "; ".join(
        f"{article.file_offset(start)}-{article.file_offset(end)}" for start, end in spans
    )


def _row(verdict: Verdict, articles: dict[str, Article]) -> dict[str, object]:
    pair = verdict.pair
    art_a, art_b = articles.get(pair.a.article_id), articles.get(pair.b.article_id)
    mean = [
        (getattr(verdict.forward, k) + getattr(verdict.backward, k)) / 2
        for k in ("contradiction", "entailment", "neutral")
    ]
    return {
        "pair_id": pair_id(verdict),
        "verdict": verdict.label,
        "kind": verdict.kind,
        "confidence": round(verdict.confidence, 3),
        "same_event": round(verdict.same_event, 3),
        "story": pair.story,
        "claim_a": pair.a.text,
        "claim_b": pair.b.text,
        "article_a": pair.a.article_id,
        "article_b": pair.b.article_id,
        "file_a": art_a.path if art_a else "",
        "file_b": art_b.path if art_b else "",
        "source_a": art_a.source if art_a else "",
        "source_b": art_b.source if art_b else "",
        "title_a": art_a.title if art_a else "",
        "title_b": art_b.title if art_b else "",
        "similarity": round(pair.similarity, 3),
        "p_contradiction": round(mean[0], 3),
        "p_entailment": round(mean[1], 3),
        "p_neutral": round(mean[2], 3),
        "reasons": "; ".join(verdict.reasons),
        "certainty_a": verdict.signals_a.certainty,
        "certainty_b": verdict.signals_b.certainty,
        "speaker_a": verdict.signals_a.speaker,
        "speaker_b": verdict.signals_b.speaker,
        "context_a": pair.a.context,
        "context_b": pair.b.context,
        "offsets_a": _offsets(pair.a, art_a),
        "offsets_b": _offsets(pair.b, art_b),
        "url_a": art_a.url if art_a else "",
        "url_b": art_b.url if art_b else "",
        "published_a": art_a.published if art_a else "",
        "published_b": art_b.published if art_b else "",
        "found_by": " + ".join(pair.found_by),
        "review": "",
        "review_note": "",
    }


def to_frame(
    verdicts: Sequence[Verdict], articles: Sequence[Article], include_neutral: bool = False
) -> pd.DataFrame:
    """One row per pair: contradictions first, then agreements, each by confidence."""
    by_id = {a.id: a for a in articles}
    rows = [_row(v, by_id) for v in verdicts if include_neutral or v.label != NEUTRAL]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    if frame.empty:
        return frame.astype({c: "object" for c in COLUMNS})
    frame["_order"] = frame["verdict"].map(VERDICT_ORDER)
    frame = frame.sort_values(
        ["_order", "confidence", "pair_id"], ascending=[True, False, True], kind="stable"
    )
    return frame.drop(columns="_order").reset_index(drop=True)


def neutralise(value: object) -> object:
    """Prefix text a spreadsheet would treat as a formula with ``'`` so it shows as typed."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def unneutralise(value: str) -> str:
    """Undo :func:`neutralise` on read, so a value does not gain a ``'`` on every re-run."""
    if value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


def safe_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every formula-like text cell neutralised (for CSV), the header
    too: a reviewer's column may be named ``=HYPERLINK(...)``."""
    out = frame.copy()
    out.columns = [neutralise(str(c)) for c in out.columns]
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    return out


# --- reading a previous report back and carrying the reviewer's work over ----------------------


def report_format(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """``csv``, ``xlsx`` or ``jsonl`` from ``fmt`` or the file suffix; checked before any work."""
    chosen = (fmt or Path(path).suffix.lstrip(".") or "csv").lower()
    if chosen not in FORMATS:
        raise UsageError(
            f"unknown report format {chosen!r}: use .csv, .xlsx or .jsonl (or --format)"
        )
    return chosen


def findings_path(path: str | os.PathLike[str]) -> Path:
    """Where a CSV or JSONL report keeps its findings: ``<name>-findings.<suffix>`` beside it
    (an XLSX keeps them on its own ``findings`` sheet)."""
    path = Path(path)
    return path.with_name(f"{path.stem}-findings{path.suffix}")


def _csv_text(data: bytes) -> str:
    """Ours is UTF-8; a spreadsheet may re-save it as Windows-1252 or UTF-16 ("Unicode text")."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    return data.decode("latin-1")


def _read_csv(path: Path) -> pd.DataFrame:
    text = _csv_text(path.read_bytes())
    header = text.split("\n", 1)[0]  # German Excel saves "CSV" with ";", "Unicode text" with tabs
    frame = pd.read_csv(
        io.StringIO(text),
        sep=csv_delimiter(header),
        dtype=str,
        keep_default_na=False,
        na_filter=False,
    )
    frame.columns = [unneutralise(str(c)) for c in frame.columns]
    return frame.map(unneutralise) if len(frame) else frame


def _read_jsonl(path: Path) -> pd.DataFrame:
    """A JSONL report: one object a line, every value as text like the other formats; the
    ``claimReview`` objects are derived from the row (:func:`claim_review`), not input."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if not isinstance(row, dict):
            raise ValueError(f"line {number} is not a JSON object")
        row.pop(CLAIM_REVIEW, None)
        rows.append({str(k): _json_text(v) for k, v in row.items()})
    columns = list(dict.fromkeys(k for row in rows for k in row))
    return pd.DataFrame(rows, columns=columns, dtype=object).fillna("")


def _json_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _xlsx_sheets(path: Path) -> dict[str, pd.DataFrame]:
    with open(path, "rb") as handle:  # a handle: openpyxl refuses names not ending in .xlsx
        return pd.read_excel(
            handle, sheet_name=None, dtype=str, na_filter=False, engine="openpyxl"
        )


def _read_xlsx(path: Path) -> pd.DataFrame:
    sheets = _xlsx_sheets(path)
    others = [frame for name, frame in sheets.items() if name != FINDINGS_SHEET]
    report = sheets.get(REPORT_SHEET, others[0] if others else pd.DataFrame())
    stale = sheets.get(STALE_SHEET, pd.DataFrame(columns=report.columns))
    parts = [
        report.assign(**{STATUS_COLUMN: CURRENT}),
        stale.assign(**{STATUS_COLUMN: STALE}),
    ]
    return pd.concat([p for p in parts if len(p.columns) > 1], ignore_index=True).fillna("")


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _read_table(path: Path, fmt: str | None) -> pd.DataFrame:
    """A CSV, JSONL or XLSX table as text cells, the format told by content, not suffix (an
    XLSX is a zip file, a JSONL line an object); an empty file is an empty JSONL report."""
    data = path.read_bytes()
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(path)
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"{") or (not start and fmt == "jsonl"):
        return _read_jsonl(path)
    return _read_csv(path)


def _read_checked(path: Path, fmt: str | None, key: str, what: str) -> pd.DataFrame:
    """``path`` read as a table that has a ``key`` column, else ReportWriteError: the caller
    must refuse to replace a file it does not understand."""
    try:
        frame = _read_table(path, fmt)
    except (*UNREADABLE, pd.errors.ParserError) as exc:
        raise ReportWriteError(
            f"{path} exists but cannot be read as a {what} ({_first_line(exc)}); move it away "
            "or choose another output file"
        ) from None
    if fmt == "jsonl" and not len(frame.columns):  # JSON lines have no header to say it
        frame = pd.DataFrame(columns=[key])
    if key not in frame.columns:
        raise ReportWriteError(
            f"{path} exists but is not a checker {what} (no {key} column); move it away or "
            "choose another output file"
        )
    return frame


def _in_merge_order(frame: pd.DataFrame, machine: Sequence[str]) -> pd.DataFrame:
    """Machine columns, ``status``, then the reviewer's: the order :func:`merge_previous`
    writes. Spreadsheets save trailing empty columns ("Unnamed: 31"); they are not input."""
    if STATUS_COLUMN not in frame.columns:
        frame[STATUS_COLUMN] = CURRENT
    frame = frame[
        [
            c
            for c in frame.columns
            if not (str(c).startswith("Unnamed: ") and (frame[c] == "").all())
        ]
    ]
    ours = [c for c in frame.columns if c in machine]
    added = [c for c in frame.columns if c not in machine and c != STATUS_COLUMN]
    return frame[[*ours, STATUS_COLUMN, *added]]


def read_report(path: str | os.PathLike[str], fmt: str | None = None) -> pd.DataFrame:
    """A report written earlier (and perhaps edited in a spreadsheet), every cell as text.

    The format is told by content, not suffix; ``fmt`` only says how to take an empty file
    (an empty JSONL report). Stale rows come back with ``status`` = ``stale``. Raises
    ReportWriteError for a file that is not a report, so the caller refuses to replace
    something it does not understand.
    """
    path = Path(path)
    return _in_merge_order(_read_checked(path, fmt, "pair_id", "report"), COLUMNS)


def read_findings(path: str | os.PathLike[str], fmt: str | None = None) -> pd.DataFrame:
    """The findings saved with the report at ``path``: its ``findings`` sheet when it is an
    XLSX, else the sibling file (:func:`findings_path`); an empty table when there are none."""
    path = Path(path)
    chosen = report_format(path, fmt)
    empty = pd.DataFrame(columns=[*FINDING_COLUMNS, STATUS_COLUMN])
    if chosen == "xlsx":
        if not (path.is_file() and zipfile.is_zipfile(path)):
            return empty
        try:
            sheet = _xlsx_sheets(path).get(FINDINGS_SHEET)
        except UNREADABLE as exc:
            raise ReportWriteError(
                f"{path} exists but cannot be read as a report ({_first_line(exc)})"
            ) from None
        if sheet is None:
            return empty
        if "finding_id" not in sheet.columns:
            raise ReportWriteError(
                f"{path}: sheet {FINDINGS_SHEET!r} is not checker findings (no finding_id "
                "column); rename the sheet or choose another output file"
            )
        return _in_merge_order(sheet, FINDING_COLUMNS)
    sibling = findings_path(path)
    if not sibling.exists():
        return empty
    frame = _read_checked(sibling, chosen, "finding_id", "findings file")
    return _in_merge_order(frame, FINDING_COLUMNS)


def _occurrence_keys(frame: pd.DataFrame, key: str = "pair_id") -> list[tuple[str, int]]:
    """``(id, n)``: the n-th row with that id, so repeated ids are matched one to one."""
    ids = frame[key].astype(str) if key in frame else pd.Series([""] * len(frame))
    ids = ids.reset_index(drop=True)
    return list(zip(ids, ids.groupby(ids).cumcount(), strict=True))


def _as_number(value: object) -> object:
    if isinstance(value, str) and value.strip():
        try:
            return float(value.replace(",", ".")) if value.count(",") <= 1 else value
        except ValueError:
            return value
    return value


def reviewer_columns(old: pd.DataFrame, machine: Sequence[str] = COLUMNS) -> list[str]:
    """The columns a reviewer owns: ``review``, ``review_note`` and any column they added."""
    added = [c for c in old.columns if c not in machine and c != STATUS_COLUMN]
    return [*(c for c in REVIEW_COLUMNS if c in old.columns), *added]


def merge_previous(
    new: pd.DataFrame,
    old: pd.DataFrame,
    key: str = "pair_id",
    machine: Sequence[str] = COLUMNS,
) -> pd.DataFrame:
    """``new`` with the reviewer's columns carried over from ``old``, plus ``old``'s lost rows.

    Rows are matched by ``key`` (``pair_id`` for pair rows, ``finding_id`` for findings; the
    n-th occurrence of an id to the n-th, should an id repeat) and columns by name, so a file
    written with another column order merges the same. ``machine`` are the columns the tool
    computes. Machine columns come from ``new``, because they are recomputed; the reviewer's
    columns come from ``old``. An old row whose pair is gone is kept whole with ``status`` =
    ``stale``, never dropped: the reviewer's note on it may be the only record of a decision.
    Columns: ``new``'s, then ``status``, then the reviewer's added columns in their order.
    """
    old = old.fillna("").astype(str)
    if len(old.columns):
        old = old[~(old == "").all(axis=1)]  # an all-blank row carries no input
    old = old.reset_index(drop=True)
    own = reviewer_columns(old, machine)
    added = [c for c in own if c not in new.columns]
    columns = [*(c for c in new.columns if c != STATUS_COLUMN), STATUS_COLUMN, *added]
    current = new.reset_index(drop=True).copy()
    current[STATUS_COLUMN] = CURRENT
    for column in added:
        current[column] = ""
    position = {k: i for i, k in enumerate(_occurrence_keys(old, key))}
    rows = [position.get(k) for k in _occurrence_keys(current, key)]
    for column in own:
        current[column] = [
            old.at[i, column] if i is not None else mine
            for i, mine in zip(rows, current[column], strict=True)
        ]
    used = sorted({i for i in rows if i is not None})
    stale = old.drop(index=used).reindex(columns=columns, fill_value="")
    stale[STATUS_COLUMN] = STALE
    numeric = [c for c in new.columns if pd.api.types.is_numeric_dtype(new[c]) and len(new)]
    for column in numeric:
        stale[column] = stale[column].map(_as_number)
    if not len(stale):
        return current[columns]
    return pd.concat([current[columns], stale[columns]], ignore_index=True)


# --- writing ------------------------------------------------------------------------------------


def _file_mode(path: Path) -> int:
    """The replaced file's permissions, else the umask's default.

    mkstemp creates 0600, which would lock colleagues on a shared drive out of the report.
    """
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _tmp_pattern(path: Path) -> re.Pattern[str]:
    """Names of :func:`atomic_write`'s temporary files for ``path``: ``.NAME.PID.RANDOM.tmp``."""
    return re.compile(rf"\.{re.escape(path.name)}\.(\d+)\.[A-Za-z0-9_]+\.tmp")


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def remove_stale_tmp(path: Path, now: float | None = None) -> None:
    """Delete temporary files a killed write left beside ``path``: a full-size hidden copy of
    the report that nothing else would ever remove. Stale means its process is gone, or it has
    not been written to for STALE_TMP_SECONDS (a process on another machine of a shared drive)."""
    directory = path.parent if str(path.parent) else Path(".")
    pattern = _tmp_pattern(path)
    now = time.time() if now is None else now
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if not match or not entry.is_file(follow_symlinks=False):
            continue
        with contextlib.suppress(OSError):
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_TMP_SECONDS
            if old or not _running(int(match.group(1))):
                os.unlink(entry.path)
                log.info("removed %s, left by an interrupted write", entry.path)


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then move it into place.

    The temporary file is named ``.NAME.PID.RANDOM.tmp`` so that, should this process be
    killed mid-write, the next save to ``path`` knows it for stale and removes it.
    """
    directory = path.parent if str(path.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        remove_stale_tmp(path)
        handle, tmp_name = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=directory
        )
    except OSError as exc:
        raise ReportWriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        with open(tmp, "rb") as done:
            os.fsync(done.fileno())
        os.chmod(tmp, _file_mode(path))
        os.replace(tmp, path)
    except OSError as exc:
        hint = " (is it open in a spreadsheet?)" if isinstance(exc, PermissionError) else ""
        raise ReportWriteError(f"cannot write {path}: {exc.strerror or exc}{hint}") from None
    finally:
        tmp.unlink(missing_ok=True)


def check_output(
    path: str | os.PathLike[str], fmt: str | None = None, findings: bool = False
) -> str:
    """Fail before the slow work when the report could not be saved; return the format.

    Checks the format, that the nearest existing folder above ``path`` is a writable folder,
    and that a file already at ``path`` reads as a report (it will be merged, see
    :func:`save_report`), and with ``findings`` that the findings there read as findings.
    Creates nothing.
    """
    chosen = report_format(path, fmt)
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise ReportWriteError(f"cannot write {path}: {folder} is not a writable folder")
    if path.is_dir():
        raise ReportWriteError(f"cannot write {path}: it is a folder")
    if path.exists():
        read_report(path, chosen)
    if findings:
        read_findings(path, chosen)
    return chosen


# --- continuity of findings ---------------------------------------------------------------------


def _id_sets(frame: pd.DataFrame) -> list[frozenset[str]]:
    column = frame["pair_ids"] if "pair_ids" in frame else pd.Series([""] * len(frame))
    return [frozenset(str(ids).split()) for ids in column]


def continue_finding_ids(new: pd.DataFrame, old: pd.DataFrame) -> pd.DataFrame:
    """``new`` findings, each taking the ``finding_id`` of the previous finding it continues.

    A finding's own id hashes its pair rows, which change when an outlet is added (its pairs
    join the finding; the story's id changes too). What persists is the pair rows: a new
    finding continues the old finding of the same kind with which it shares the most pair
    rows, so its review is carried over by :func:`merge_previous`. Each old id goes to one new
    finding at most (largest overlap first); a finding sharing no pair row is new.
    """
    if not len(new) or not len(old) or "finding_id" not in old:
        return new
    new_sets, old_sets = _id_sets(new), _id_sets(old)
    old_kinds = old["kind"].astype(str).tolist() if "kind" in old else [""] * len(old)
    candidates = sorted(
        (-len(mine & theirs), i, j)
        for i, (mine, kind) in enumerate(zip(new_sets, new["kind"].astype(str), strict=True))
        for j, (theirs, old_kind) in enumerate(zip(old_sets, old_kinds, strict=True))
        if mine & theirs and kind == old_kind
    )
    ids = new["finding_id"].astype(str).tolist()
    old_ids = old["finding_id"].astype(str).tolist()
    taken_new: set[int] = set()
    taken_old: set[int] = set()
    for _, i, j in candidates:
        if i not in taken_new and j not in taken_old:
            ids[i] = old_ids[j]
            taken_new.add(i)
            taken_old.add(j)
    return new.assign(finding_id=ids)


# --- JSONL for fact-check tools -----------------------------------------------------------------

CLAIM_REVIEW = "claimReview"
RATINGS = {CONTRADICTION: "sources disagree", AGREEMENT: "sources agree"}


def _date(value: object) -> str:
    """An ISO date (or date-time) as given, else "": article dates are kept as written, and a
    fact-check tool must not be handed "2024-13-45"."""
    text = str(value or "").strip()
    try:
        datetime.date.fromisoformat(text[:10])
    except ValueError:
        return ""
    return text


def _appearance(row: Mapping[str, object], side: str) -> dict[str, object]:
    """Where claim ``side`` appeared, as a schema.org NewsArticle with what is known of it."""
    article: dict[str, object] = {"@type": "NewsArticle"}
    for column, key in (("url", "url"), ("title", "headline")):
        if str(row.get(f"{column}_{side}") or "").strip():
            article[key] = str(row[f"{column}_{side}"])
    if str(row.get(f"source_{side}") or "").strip():
        article["publisher"] = {"@type": "Organization", "name": str(row[f"source_{side}"])}
    if published := _date(row.get(f"published_{side}")):
        article["datePublished"] = published
    return article


def claim_review(row: Mapping[str, object]) -> dict[str, object] | None:
    """A schema.org ClaimReview for a current pair row a reviewer marked ``right``, else None.

    What was checked is whether the sources agree, not whether the claim is true, so the
    rating is a name ("sources disagree" / "sources agree") and carries no number. Stale
    rows get none: their pair is no longer found, perhaps because an article was corrected.
    """
    rating = RATINGS.get(str(row.get("verdict", "")))
    claim = str(row.get("claim_a") or "").strip()
    if (
        rating is None
        or not claim
        or normalise_review(row.get("review")) != RIGHT
        or str(row.get(STATUS_COLUMN) or CURRENT) != CURRENT
    ):
        return None
    item: dict[str, object] = {
        "@type": "Claim",
        "appearance": [_appearance(row, "a"), _appearance(row, "b")],
    }
    if published := _date(row.get("published_a")):
        item["datePublished"] = published
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim,
        "itemReviewed": item,
        "reviewRating": {"@type": "Rating", "alternateName": rating},
    }


def _json_native(value: object) -> object:
    """A cell as JSON: numbers stay numbers, NaN (no value) becomes null."""
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def jsonl_records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """One object per row with every column, plus ``claimReview`` where :func:`claim_review`
    gives one."""
    records = []
    for row in frame.to_dict("records"):
        record = {str(k): _json_native(v) for k, v in row.items()}
        review = claim_review(record)
        if review is not None:
            record[CLAIM_REVIEW] = review
        records.append(record)
    return records


# --- writing the files --------------------------------------------------------------------------


def _write_csv(frame: pd.DataFrame, tmp: Path) -> None:
    safe_cells(frame).to_csv(tmp, index=False, encoding="utf-8-sig")


def _write_jsonl(frame: pd.DataFrame, tmp: Path) -> None:
    """UTF-8 without BOM, one object a line; no formula neutralising (not a spreadsheet)."""
    with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
        for record in jsonl_records(frame):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_report(
    frame: pd.DataFrame,
    path: str | os.PathLike[str],
    fmt: str | None = None,
    sheets: Mapping[str, list[list[object]]] | None = None,
    findings: pd.DataFrame | None = None,
) -> Path:
    """Write ``frame`` as is, as CSV (UTF-8 with BOM), XLSX or JSONL, chosen by ``fmt`` or the
    suffix.

    This replaces the file without looking at it; :func:`save_report` is the re-run-safe
    version that keeps a reviewer's work. ``sheets``: extra XLSX sheets, ``findings``: the
    XLSX's first sheet (both ignored otherwise; findings of other formats are a file of
    their own, written with this function too).
    """
    path = Path(path)
    try:
        chosen = report_format(path, fmt)
    except UsageError as exc:
        raise ReportWriteError(str(exc)) from None
    if chosen == "csv":
        atomic_write(path, lambda tmp: _write_csv(frame, tmp))
    elif chosen == "jsonl":
        atomic_write(path, lambda tmp: _write_jsonl(frame, tmp))
    else:
        from checker.xlsx import write_xlsx

        atomic_write(path, lambda tmp: write_xlsx(frame, tmp, sheets, findings))
    return path


@dataclass(frozen=True)
class Saved:
    """What :func:`save_report` did, for the CLI's summary line."""

    path: Path
    rows: int
    reviewed: int = 0  # current rows that carry reviewer input from the previous file
    stale: int = 0
    backup: Path | None = None
    # current rows per normalised review (right / wrong / unsure / other: text not understood)
    reviews: Mapping[str, int] = field(default_factory=dict)
    findings: int = 0  # current findings written (0 also when none were asked for)
    findings_reviewed: int = 0
    findings_path: Path | None = None  # the sibling file of a CSV/JSONL report


def _reviewer_sheets(path: Path) -> dict[str, list[list[object]]]:
    if not zipfile.is_zipfile(path):
        return {}
    from checker.xlsx import other_sheets

    try:
        return other_sheets(path)
    except UNREADABLE as exc:
        raise ReportWriteError(f"{path}: cannot read its sheets ({_first_line(exc)})") from None


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def _backup(path: Path) -> Path | None:
    """Copy ``path`` to its ``.bak`` (replaced each run) if it exists; the backup's path."""
    if not path.exists():
        return None
    backup = backup_path(path)
    atomic_write(backup, lambda tmp: shutil.copyfile(path, tmp))
    return backup


def _current(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame[STATUS_COLUMN] == CURRENT]


def _reviewed(merged: pd.DataFrame, old: pd.DataFrame, machine: Sequence[str]) -> int:
    current = _current(merged)
    own = [c for c in reviewer_columns(old, machine) if c in current.columns]
    return int((current[own].astype(str) != "").any(axis=1).sum()) if own else 0


def _warn_unrecognised(path: Path, *frames: pd.DataFrame) -> None:
    """Tell the reviewer which review cells were not read as right/wrong/unsure."""
    texts = [t for f in frames if "review" in f for t in f["review"].astype(str)]
    unknown = unrecognised(texts)
    if unknown:
        shown = ", ".join(repr(t) for t in unknown[:5])
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        log.warning(
            "%s: review cells kept as typed but not read as right/wrong/unsure: %s%s",
            path,
            shown,
            more,
        )


def save_report(
    frame: pd.DataFrame,
    path: str | os.PathLike[str],
    fmt: str | None = None,
    findings: pd.DataFrame | None = None,
) -> Saved:
    """Write ``frame``, merged with the report already at ``path`` (if any), keeping a backup.

    Re-running a report must never cost a reviewer their work: their columns are carried
    over (:func:`merge_previous`), rows whose pair is gone are kept as stale, and the previous
    file is copied to ``<name>.bak`` (replaced each run) before the new one replaces it. The
    previous file is read now, not at the start of the run, so edits saved meanwhile count.

    ``findings`` (``findings.findings_frame``) are merged the same way by ``finding_id``
    (continued by :func:`continue_finding_ids`) and written as the XLSX's first sheet, or
    beside a CSV/JSONL report (:func:`findings_path`, backed up alike). They are written
    first, so a failure leaves the report untouched. ``None`` writes none and leaves a
    previous findings sheet or file alone.
    """
    path = Path(path)
    chosen = report_format(path, fmt)
    old = read_report(path, chosen) if path.exists() else pd.DataFrame(columns=["pair_id"])
    merged = merge_previous(frame, old)
    merged_findings = None
    if findings is not None:
        old_findings = read_findings(path, chosen)
        findings = continue_finding_ids(findings, old_findings)
        merged_findings = merge_previous(findings, old_findings, "finding_id", FINDING_COLUMNS)
    sheets = _reviewer_sheets(path) if path.exists() else {}
    if merged_findings is not None and chosen == "xlsx":
        sheets.pop(FINDINGS_SHEET, None)  # written anew, first
    if sheets and chosen != "xlsx":
        log.warning(
            "%s: sheets %s cannot go into a %s; they stay in the backup",
            path,
            ", ".join(sheets),
            chosen.upper(),
        )
    backup = _backup(path)
    sibling = None
    if merged_findings is not None and chosen != "xlsx":
        sibling = findings_path(path)
        _backup(sibling)
        write_report(merged_findings, sibling, chosen)
    xlsx_findings = merged_findings if chosen == "xlsx" else None
    write_report(merged, path, chosen, sheets, xlsx_findings)
    found = merged_findings if merged_findings is not None else pd.DataFrame(columns=["review"])
    _warn_unrecognised(path, merged, found)
    if merged_findings is None:
        findings_count = findings_reviewed = 0
    else:
        findings_count = len(_current(merged_findings))
        findings_reviewed = _reviewed(merged_findings, old_findings, FINDING_COLUMNS)
    current = _current(merged)
    return Saved(
        path,
        len(current),
        _reviewed(merged, old, COLUMNS),
        len(merged) - len(current),
        backup,
        review_counts(current["review"]) if "review" in current else {},
        findings_count,
        findings_reviewed,
        sibling,
    )
