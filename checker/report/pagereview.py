"""``checker review import``: merge the reviews exported from the HTML page into a report.

The review page (``htmlpage.py``) keeps right/wrong/unsure and notes in the browser and
exports them as a small CSV: ``pair_id``, ``finding_id``, ``review``, ``review_note`` (one id
per line, formula-neutralised like the CSV report). The spreadsheet stays the record, so this
merges that file into it under the rules a re-run follows: what a reviewer typed in the report
is never silently replaced (a different review or note already there is a *conflict*, kept
unless ``overwrite``, and always named), an empty cell on the page clears nothing, the same
review in other words (``✓`` in the report, ``right`` on the page) is no change, and the
report is rewritten through ``output``'s atomic write with its ``.bak``, its own sheets and
its stale rows kept.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from checker.errors import CheckerError, UsageError
from checker.report.output import (
    UNREADABLE,
    _backup,
    _read_csv,
    _reviewer_sheets,
    findings_path,
    read_findings,
    read_report,
    report_format,
    write_report,
)
from checker.report.review import normalise_review
from checker.report.table import REVIEW_COLUMNS

ID_COLUMNS = ("pair_id", "finding_id")
# Machine columns holding numbers: written back as numbers (XLSX cells, JSON numbers).
NUMBERS = ("confidence", "same_event", "similarity", "p_contradiction", "p_entailment",
           "p_neutral", "outlets", "pairs")
_INT = re.compile(r"-?\d+")
_FLOAT = re.compile(r"-?\d+\.\d*(?:[eE][-+]?\d+)?")


@dataclass(frozen=True)
class Imported:
    """What :func:`import_reviews` did, for the command's summary."""

    path: Path
    changed: int = 0  # cells written
    unchanged: int = 0  # page entries the report already had
    conflicts: tuple[str, ...] = ()  # kept the report's value (or took the page's: overwritten)
    overwritten: bool = False
    unknown: tuple[str, ...] = ()  # ids in the export that are in no row of the report
    backup: Path | None = None
    written: list[Path] = field(default_factory=list)


def read_export(path: str | os.PathLike[str]) -> pd.DataFrame:
    """The page's export (or any CSV with the same columns), every cell as text, formula
    prefixes undone; a file that is none raises CheckerError with one line."""
    path = Path(path)
    try:
        frame = _read_csv(path)
    except (*UNREADABLE, UnicodeDecodeError, pd.errors.ParserError,
            pd.errors.EmptyDataError) as exc:
        raise CheckerError(f"{path}: cannot read it as a review export ({exc})") from None
    if "review" not in frame.columns or not any(c in frame.columns for c in ID_COLUMNS):
        raise CheckerError(
            f"{path} is not a review export: it needs a review column and a pair_id or "
            "finding_id column (the review page's Export reviews button writes one)"
        )
    return frame.reindex(columns=[*ID_COLUMNS, *REVIEW_COLUMNS], fill_value="")


def _number(value: object) -> object:
    text = str(value).strip()
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return value


def _as_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Text read back from a report, its number columns as numbers again."""
    out = frame.copy()
    for column in NUMBERS:
        if column in out.columns:
            out[column] = out[column].map(_number).astype(object)
    return out


def _merge(
    frame: pd.DataFrame, key: str, entries: pd.DataFrame, what: str, overwrite: bool
) -> tuple[pd.DataFrame, int, int, list[str], list[str]]:
    """``frame`` with the page's review cells written where the rules allow: (frame, cells
    changed, entries already there, conflicts, ids not found)."""
    frame = frame.copy()
    for column in REVIEW_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    ids = frame[key].astype(str) if key in frame.columns else pd.Series([], dtype=str)
    changed = unchanged = 0
    conflicts: list[str] = []
    unknown: list[str] = []
    for _, entry in entries.iterrows():
        wanted = str(entry[key]).strip()
        rows = list(frame.index[ids == wanted])
        if not rows:
            unknown.append(wanted)
            continue
        same = True
        for column in REVIEW_COLUMNS:
            new = str(entry[column])
            if not new.strip():
                continue  # an empty cell on the page clears nothing
            for row in rows:
                old = str(frame.at[row, column])
                if old == new or (column == "review" and old.strip() and
                                  normalise_review(old) == normalise_review(new) != ""):
                    continue
                same = False
                if old.strip():
                    taken = "took the page's" if overwrite else "kept the report's"
                    conflicts.append(
                        f"{what} {wanted}: {column} {old!r} in the report, {new!r} on the "
                        f"page; {taken}"
                    )
                    if not overwrite:
                        continue
                frame.at[row, column] = new
                changed += 1
        unchanged += same
    return frame, changed, unchanged, conflicts, unknown


def import_reviews(
    export: str | os.PathLike[str], report: str | os.PathLike[str], overwrite: bool = False
) -> Imported:
    """Merge the page's export into ``report`` (CSV, XLSX or JSONL, findings included) and
    rewrite it atomically, keeping a ``.bak``; unchanged when nothing is new."""
    path = Path(report)
    fmt = report_format(path) if path.suffix else None
    if fmt is None or fmt not in ("csv", "xlsx", "jsonl"):
        raise UsageError(f"{path}: give a .csv, .xlsx or .jsonl report")
    entries = read_export(export)
    rows = read_report(path, fmt)
    findings = read_findings(path, fmt)
    pair_entries = entries[entries["pair_id"].astype(str).str.strip() != ""]
    finding_entries = entries[
        (entries["pair_id"].astype(str).str.strip() == "")
        & (entries["finding_id"].astype(str).str.strip() != "")
    ]
    rows, changed_rows, same_rows, conflicts_rows, unknown_rows = _merge(
        rows, "pair_id", pair_entries, "pair", overwrite
    )
    findings, changed_found, same_found, conflicts_found, unknown_found = _merge(
        findings, "finding_id", finding_entries, "finding", overwrite
    )
    result = Imported(
        path,
        changed_rows + changed_found,
        same_rows + same_found,
        tuple(conflicts_rows + conflicts_found),
        overwrite,
        tuple(unknown_rows + unknown_found),
    )
    if not result.changed:
        return result
    # an XLSX's findings are written anew (first, formatted) when there are any; an empty
    # findings sheet is carried over as it is
    has_findings = len(findings) > 0
    sheets = _reviewer_sheets(path, not has_findings) if fmt == "xlsx" else {}
    backup = _backup(path)
    written = []
    if fmt != "xlsx" and changed_found:
        sibling = findings_path(path)
        _backup(sibling)
        written.append(write_report(_as_numbers(findings), sibling, fmt))
    xlsx_findings = _as_numbers(findings) if fmt == "xlsx" and has_findings else None
    written.append(write_report(_as_numbers(rows), path, fmt, sheets, xlsx_findings))
    return Imported(
        result.path, result.changed, result.unchanged, result.conflicts, overwrite,
        result.unknown, backup, written,
    )


def summary(result: Imported, export: str | os.PathLike[str]) -> Sequence[str]:
    """The command's report: what changed, then what did not and why."""
    lines = []
    if result.changed:
        lines.append(
            f"Merged {result.changed} review cells from {export} into {result.path}"
            + (f"; previous report saved as {result.backup}" if result.backup else "")
        )
    else:
        lines.append(f"Nothing to change in {result.path}")
    if result.unchanged:
        lines.append(f"{result.unchanged} reviews were already in the report")
    if result.unknown:
        shown = ", ".join(result.unknown[:5])
        more = f" and {len(result.unknown) - 5} more" if len(result.unknown) > 5 else ""
        lines.append(f"{len(result.unknown)} ids are in no row of the report: {shown}{more}")
    return lines
