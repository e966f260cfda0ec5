"""Report files: choose the format, check the output up front, read a previous report back,
and write atomically, merging a reviewer's earlier file (:func:`save_report`).

Writes are atomic: the table goes to a temporary file beside the target and replaces it only
when complete, so a crash never leaves a half-written report or damages the previous one.

The report is a working document: journalists fill in ``review`` columns and add their own.
:func:`save_report` therefore reads an existing report back (:func:`read_report`), carries the
reviewer's cells over by ``pair_id`` (``table.merge_previous``), keeps rows whose pair is gone
as ``stale``, and leaves a ``.bak`` copy of the previous file. Findings (``findings.py``, one
row per disagreement) go through the same read, merge and atomic write, keyed by
``finding_id``. The table and the merge are in ``table.py``; the XLSX layout is in
``xlsx.py``, JSONL and its ClaimReview in ``jsonl.py``; CSV, being plain, is here.
"""

from __future__ import annotations

import contextlib
import io
import logging
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

from checker.errors import InputError, ReportWriteError, UsageError
from checker.report.jsonl import ReviewSource, read_jsonl, write_jsonl
from checker.report.review import review_counts, unrecognised
from checker.report.table import (
    COLUMNS,
    CURRENT,
    FINDING_COLUMNS,
    STATUS_COLUMN,
    continue_finding_ids,
    in_merge_order,
    match_columns,
    merge_previous,
    reviewer_columns,
    safe_cells,
    unneutralise,
)
from checker.report.xlsx import (
    FINDINGS_SHEET,
    other_sheets,
    read_report_sheets,
    read_sheets,
    renamed_sheets,
    workbook_roles,
    write_xlsx,
)
from checker.rules.articles import csv_delimiter

log = logging.getLogger("checker")

FORMATS = ("csv", "xlsx", "jsonl")
# A temporary report file not written to for this long belongs to a dead write.
STALE_TMP_SECONDS = 600
# What reading a damaged or hostile file raises: an XLSX's XML with an external entity (XXE)
# or a DOCTYPE fails in the parser (ParseError is a SyntaxError), which must not pass as a bug.
UNREADABLE = (OSError, ValueError, KeyError, zipfile.BadZipFile, SyntaxError)


# --- reading a previous report back -------------------------------------------------------------


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


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _read_table(path: Path, fmt: str | None) -> pd.DataFrame:
    """A CSV, JSONL or XLSX table as text cells, the format told by content, not suffix (an
    XLSX is a zip file, a JSONL line an object); an empty file is an empty JSONL report."""
    data = path.read_bytes()
    if data.startswith(b"PK\x03\x04"):
        return read_report_sheets(path)
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"{") or (not start and fmt == "jsonl"):
        return read_jsonl(path)
    return _read_csv(path)


def _read_checked(
    path: Path,
    fmt: str | None,
    key: str,
    what: str,
    machine: Sequence[str],
    as_input: bool = False,
) -> pd.DataFrame:
    """``path`` read as a table that has a ``key`` column, else ReportWriteError: the caller
    must refuse to replace a file it does not understand. ``as_input``: the file is read, not
    replaced (``calibrate``), so the error is an InputError that gives no advice about an
    output file. Headers retyped by a reviewer (``Review``) are matched case-insensitively
    (``table.match_columns``), each named in a warning."""
    error = InputError if as_input else ReportWriteError
    advice = "" if as_input else "; move it away or choose another output file"
    try:
        frame = _read_table(path, fmt)
    except (*UNREADABLE, pd.errors.ParserError) as exc:
        state = "cannot be read" if as_input else "exists but cannot be read"
        raise error(f"{path} {state} as a {what} ({_first_line(exc)}){advice}") from None
    if fmt == "jsonl" and not len(frame.columns):  # JSON lines have no header to say it
        frame = pd.DataFrame(columns=[key])
    frame, notes = match_columns(frame, machine)
    for note in notes:
        log.warning("%s: %s", path, note)
    if key not in frame.columns:
        state = "is not" if as_input else "exists but is not"
        raise error(f"{path} {state} a checker {what} (no {key} column){advice}")
    return frame


def read_report(
    path: str | os.PathLike[str], fmt: str | None = None, *, as_input: bool = False
) -> pd.DataFrame:
    """A report written earlier (and perhaps edited in a spreadsheet), every cell as text.

    The format is told by content, not suffix; ``fmt`` only says how to take an empty file
    (an empty JSONL report). Stale rows come back with ``status`` = ``stale``. Raises
    ReportWriteError for a file that is not a report, so the caller refuses to replace
    something it does not understand; with ``as_input`` (the file is only read) InputError.
    """
    path = Path(path)
    frame = _read_checked(path, fmt, "pair_id", "report", COLUMNS, as_input)
    return in_merge_order(frame, COLUMNS)


def _xlsx_findings(path: Path) -> pd.DataFrame | None:
    """The findings sheet of the workbook at ``path`` (found by name or by its columns, see
    ``xlsx.sheet_roles``), its headers matched like a report's; None when it has none."""
    try:
        sheets = read_sheets(path)
    except UNREADABLE as exc:
        raise ReportWriteError(
            f"{path} exists but cannot be read as a report ({_first_line(exc)})"
        ) from None
    title = workbook_roles(sheets).get(FINDINGS_SHEET)
    if title is None:
        return None
    sheet, notes = match_columns(sheets[title], FINDING_COLUMNS)
    for note in notes:
        log.warning("%s: sheet %r: %s", path, title, note)
    if "finding_id" not in sheet.columns:
        raise ReportWriteError(
            f"{path}: sheet {title!r} is not checker findings (no finding_id "
            "column); rename the sheet or choose another output file"
        )
    return sheet


def read_findings(path: str | os.PathLike[str], fmt: str | None = None) -> pd.DataFrame:
    """The findings saved with the report at ``path``: its findings sheet when it is an
    XLSX, else the sibling file (:func:`findings_path`); an empty table when there are none."""
    path = Path(path)
    chosen = report_format(path, fmt)
    empty = pd.DataFrame(columns=[*FINDING_COLUMNS, STATUS_COLUMN])
    if chosen == "xlsx":
        if not (path.is_file() and zipfile.is_zipfile(path)):
            return empty
        sheet = _xlsx_findings(path)
        return empty if sheet is None else in_merge_order(sheet, FINDING_COLUMNS)
    sibling = findings_path(path)
    if not sibling.exists():
        return empty
    frame = _read_checked(sibling, chosen, "finding_id", "findings file", FINDING_COLUMNS)
    return in_merge_order(frame, FINDING_COLUMNS)


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


def check_writable(path: str | os.PathLike[str]) -> Path:
    """``path`` as a Path, once the nearest existing folder above it is a writable folder and
    it is no folder itself: what every output file needs before the slow work."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise ReportWriteError(f"cannot write {path}: {folder} is not a writable folder")
    if path.is_dir():
        raise ReportWriteError(f"cannot write {path}: it is a folder")
    return path


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
    path = check_writable(path)
    if path.exists():
        read_report(path, chosen)
    if findings:
        read_findings(path, chosen)
    return chosen


def _write_csv(frame: pd.DataFrame, tmp: Path) -> None:
    safe_cells(frame).to_csv(tmp, index=False, encoding="utf-8-sig")


def write_report(
    frame: pd.DataFrame,
    path: str | os.PathLike[str],
    fmt: str | None = None,
    sheets: Mapping[str, list[list[object]]] | None = None,
    findings: pd.DataFrame | None = None,
    review_source: ReviewSource | None = None,
) -> Path:
    """Write ``frame`` as is, as CSV (UTF-8 with BOM), XLSX or JSONL, chosen by ``fmt`` or the
    suffix.

    This replaces the file without looking at it; :func:`save_report` is the re-run-safe
    version that keeps a reviewer's work. ``sheets``: extra XLSX sheets, ``findings``: the
    XLSX's first sheet (both ignored otherwise; findings of other formats are a file of
    their own, written with this function too; a JSONL report takes them to name the finding
    of a pair in a ClaimReview url). ``review_source``: the ClaimReviews' author, url and date
    (JSONL only).
    """
    path = Path(path)
    try:
        chosen = report_format(path, fmt)
    except UsageError as exc:
        raise ReportWriteError(str(exc)) from None
    if chosen == "csv":
        atomic_write(path, lambda tmp: _write_csv(frame, tmp))
    elif chosen == "jsonl":
        atomic_write(path, lambda tmp: write_jsonl(frame, tmp, review_source, findings))
    else:
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


def _reviewer_sheets(path: Path, findings: bool) -> dict[str, list[list[object]]]:
    """The sheets to carry over (``xlsx.other_sheets``); warns about each renamed sheet of
    ours, found by its columns, so the reviewer knows where its reviews went."""
    if not zipfile.is_zipfile(path):
        return {}
    try:
        sheets = other_sheets(path, findings)
        roles = workbook_roles(read_sheets(path))
    except UNREADABLE as exc:
        raise ReportWriteError(f"{path}: cannot read its sheets ({_first_line(exc)})") from None
    if findings:  # carried over as it is, not rewritten
        roles.pop(FINDINGS_SHEET, None)
    for line in renamed_sheets(roles):
        log.warning("%s: %s", path, line)
    return sheets


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
    review_source: ReviewSource | None = None,
) -> Saved:
    """Write ``frame``, merged with the report already at ``path`` (if any), keeping a backup.

    Re-running a report must never cost a reviewer their work: their columns are carried
    over (``table.merge_previous``), rows whose pair is gone are kept as stale, and the previous
    file is copied to ``<name>.bak`` (replaced each run) before the new one replaces it. The
    previous file is read now, not at the start of the run, so edits saved meanwhile count.

    ``review_source``: author, url and date of a JSONL report's ClaimReviews.

    ``findings`` (``findings.findings_frame``) are merged the same way by ``finding_id``
    (continued by ``table.continue_finding_ids``) and written as the XLSX's first sheet, or
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
    # findings merged: their sheet is written anew, first, under its own name
    sheets = _reviewer_sheets(path, merged_findings is None) if path.exists() else {}
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
    xlsx_findings = merged_findings if chosen != "csv" else None  # JSONL: ClaimReview urls
    write_report(merged, path, chosen, sheets, xlsx_findings, review_source)
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
