"""Turn verdicts into a reviewable table and write it safely as CSV (or XLSX).

Writes are atomic: the table goes to a temporary file beside the target and replaces it only
when complete, so a crash never leaves a half-written report or damages the previous one.
Cells that a spreadsheet would run as a formula are neutralised (OWASP CSV injection).

The report is a working document: journalists fill in ``review`` columns and add their own.
:func:`save_report` therefore reads an existing report back (:func:`read_report`), carries the
reviewer's cells over by ``pair_id`` (:func:`merge_previous`), keeps rows whose pair is gone as
``stale``, and leaves a ``.bak`` copy of the previous file. The XLSX layout is in ``xlsx.py``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import re
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from checker.articles import csv_delimiter
from checker.errors import ReportWriteError, UsageError
from checker.records import Article, Claim, Verdict
from checker.verdict import AGREEMENT, CONTRADICTION, NEUTRAL

log = logging.getLogger("checker")

REVIEW_COLUMNS = ("review", "review_note")
COLUMNS = (
    "pair_id",
    "verdict",
    "kind",
    "confidence",
    "same_event",
    "story",
    "claim_a",
    "claim_b",
    "article_a",
    "article_b",
    "file_a",
    "file_b",
    "source_a",
    "source_b",
    "title_a",
    "title_b",
    "similarity",
    "p_contradiction",
    "p_entailment",
    "p_neutral",
    "reasons",
    "certainty_a",
    "certainty_b",
    "speaker_a",
    "speaker_b",
    "context_a",
    "context_b",
    "offsets_a",
    "offsets_b",
    "url_a",
    "url_b",
    "found_by",
    *REVIEW_COLUMNS,
)
VERDICT_ORDER = {CONTRADICTION: 0, AGREEMENT: 1, NEUTRAL: 2}
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "xlsx")
# Re-run bookkeeping: a CSV says it in a column, an XLSX keeps stale rows on their own sheet.
STATUS_COLUMN = "status"
CURRENT, STALE = "current", "stale"
REPORT_SHEET, STALE_SHEET = "report", "stale"
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
    """``csv`` or ``xlsx`` from ``fmt`` or the file suffix; checked before any work is done."""
    chosen = (fmt or Path(path).suffix.lstrip(".") or "csv").lower()
    if chosen not in FORMATS:
        raise UsageError(f"unknown report format {chosen!r}: use .csv or .xlsx (or --format)")
    return chosen


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


def _read_xlsx(path: Path) -> pd.DataFrame:
    with open(path, "rb") as handle:  # a handle: openpyxl refuses names not ending in .xlsx
        sheets = pd.read_excel(
            handle, sheet_name=None, dtype=str, na_filter=False, engine="openpyxl"
        )
    report = sheets.get(REPORT_SHEET, next(iter(sheets.values())) if sheets else pd.DataFrame())
    stale = sheets.get(STALE_SHEET, pd.DataFrame(columns=report.columns))
    parts = [
        report.assign(**{STATUS_COLUMN: CURRENT}),
        stale.assign(**{STATUS_COLUMN: STALE}),
    ]
    return pd.concat([p for p in parts if len(p.columns) > 1], ignore_index=True).fillna("")


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def read_report(path: str | os.PathLike[str]) -> pd.DataFrame:
    """A report written earlier (and perhaps edited in a spreadsheet), every cell as text.

    The format is told by content, not suffix (an XLSX is a zip file). Stale rows come back
    with ``status`` = ``stale``. Raises ReportWriteError for a file that is not a report, so
    the caller refuses to replace something it does not understand.
    """
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            magic = handle.read(4)
        frame = _read_xlsx(path) if magic == b"PK\x03\x04" else _read_csv(path)
    except (*UNREADABLE, pd.errors.ParserError) as exc:
        raise ReportWriteError(
            f"{path} exists but cannot be read as a report ({_first_line(exc)}); move it away "
            "or choose another output file"
        ) from None
    if "pair_id" not in frame.columns:
        raise ReportWriteError(
            f"{path} exists but is not a checker report (no pair_id column); move it away or "
            "choose another output file"
        )
    if STATUS_COLUMN not in frame.columns:
        frame[STATUS_COLUMN] = CURRENT
    # Spreadsheets save trailing empty columns; pandas names them "Unnamed: 31". Not input.
    frame = frame[
        [
            c
            for c in frame.columns
            if not (str(c).startswith("Unnamed: ") and (frame[c] == "").all())
        ]
    ]
    ours = [c for c in frame.columns if c in COLUMNS]
    added = [c for c in frame.columns if c not in COLUMNS and c != STATUS_COLUMN]
    return frame[[*ours, STATUS_COLUMN, *added]]  # same order as merge_previous writes


def _occurrence_keys(frame: pd.DataFrame) -> list[tuple[str, int]]:
    """``(pair_id, n)``: the n-th row with that id, so repeated ids are matched one to one."""
    ids = frame["pair_id"].astype(str) if "pair_id" in frame else pd.Series([""] * len(frame))
    ids = ids.reset_index(drop=True)
    return list(zip(ids, ids.groupby(ids).cumcount(), strict=True))


def _as_number(value: object) -> object:
    if isinstance(value, str) and value.strip():
        try:
            return float(value.replace(",", ".")) if value.count(",") <= 1 else value
        except ValueError:
            return value
    return value


def reviewer_columns(old: pd.DataFrame) -> list[str]:
    """The columns a reviewer owns: ``review``, ``review_note`` and any column they added."""
    added = [c for c in old.columns if c not in COLUMNS and c != STATUS_COLUMN]
    return [*(c for c in REVIEW_COLUMNS if c in old.columns), *added]


def merge_previous(new: pd.DataFrame, old: pd.DataFrame) -> pd.DataFrame:
    """``new`` with the reviewer's columns carried over from ``old``, plus ``old``'s lost rows.

    Rows are matched by ``pair_id`` (the n-th occurrence of an id to the n-th, should an id
    repeat). Machine columns come from ``new``, because they are recomputed; the reviewer's
    columns come from ``old``. An old row whose pair is gone is kept whole with ``status`` =
    ``stale``, never dropped: the reviewer's note on it may be the only record of a decision.
    Columns: ``new``'s, then ``status``, then the reviewer's added columns in their order.
    """
    old = old.fillna("").astype(str)
    if len(old.columns):
        old = old[~(old == "").all(axis=1)]  # an all-blank row carries no input
    old = old.reset_index(drop=True)
    own = reviewer_columns(old)
    added = [c for c in own if c not in new.columns]
    columns = [*(c for c in new.columns if c != STATUS_COLUMN), STATUS_COLUMN, *added]
    current = new.reset_index(drop=True).copy()
    current[STATUS_COLUMN] = CURRENT
    for column in added:
        current[column] = ""
    position = {key: i for i, key in enumerate(_occurrence_keys(old))}
    rows = [position.get(key) for key in _occurrence_keys(current)]
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


def check_output(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """Fail before the slow work when the report could not be saved; return the format.

    Checks the format, that the nearest existing folder above ``path`` is a writable folder,
    and that a file already at ``path`` reads as a report (it will be merged, see
    :func:`save_report`). Creates nothing.
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
        read_report(path)
    return chosen


def _write_csv(frame: pd.DataFrame, tmp: Path) -> None:
    safe_cells(frame).to_csv(tmp, index=False, encoding="utf-8-sig")


def write_report(
    frame: pd.DataFrame,
    path: str | os.PathLike[str],
    fmt: str | None = None,
    sheets: Mapping[str, list[list[object]]] | None = None,
) -> Path:
    """Write ``frame`` as is, as CSV (UTF-8 with BOM) or XLSX, chosen by ``fmt`` or the suffix.

    This replaces the file without looking at it; :func:`save_report` is the re-run-safe
    version that keeps a reviewer's work. ``sheets``: extra XLSX sheets (ignored for CSV).
    """
    path = Path(path)
    try:
        chosen = report_format(path, fmt)
    except UsageError as exc:
        raise ReportWriteError(str(exc)) from None
    if chosen == "csv":
        atomic_write(path, lambda tmp: _write_csv(frame, tmp))
    else:
        from checker.xlsx import write_xlsx

        atomic_write(path, lambda tmp: write_xlsx(frame, tmp, sheets))
    return path


@dataclass(frozen=True)
class Saved:
    """What :func:`save_report` did, for the CLI's summary line."""

    path: Path
    rows: int
    reviewed: int = 0  # current rows that carry reviewer input from the previous file
    stale: int = 0
    backup: Path | None = None


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


def save_report(frame: pd.DataFrame, path: str | os.PathLike[str], fmt: str | None = None) -> Saved:
    """Write ``frame``, merged with the report already at ``path`` (if any), keeping a backup.

    Re-running a report must never cost a reviewer their work: their columns are carried
    over (:func:`merge_previous`), rows whose pair is gone are kept as stale, and the previous
    file is copied to ``<name>.bak`` (replaced each run) before the new one replaces it. The
    previous file is read now, not at the start of the run, so edits saved meanwhile count.
    """
    path = Path(path)
    chosen = report_format(path, fmt)
    if not path.exists():
        merged = merge_previous(frame, pd.DataFrame(columns=["pair_id"]))
        write_report(merged, path, chosen)
        return Saved(path, rows=len(frame))
    old = read_report(path)
    merged = merge_previous(frame, old)
    sheets = _reviewer_sheets(path)
    if sheets and chosen != "xlsx":
        log.warning(
            "%s: sheets %s cannot go into a CSV; they stay in the backup",
            path,
            ", ".join(sheets),
        )
    backup = backup_path(path)
    atomic_write(backup, lambda tmp: shutil.copyfile(path, tmp))
    write_report(merged, path, chosen, sheets)
    current = merged[merged[STATUS_COLUMN] == CURRENT]
    own = [c for c in reviewer_columns(old) if c in current.columns]
    reviewed = int((current[own].astype(str) != "").any(axis=1).sum()) if own else 0
    return Saved(path, len(current), reviewed, len(merged) - len(current), backup)
