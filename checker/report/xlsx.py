"""The XLSX workbook: a report frame written for review in a spreadsheet, and read back.

A reviewer works through hundreds of rows by eye, so the sheet does the chores: the header row
stays put (frozen) and has filters, long text wraps in wide columns, rows are tinted by verdict,
numbers are real numbers (sortable), article URLs are links, and every ``review`` column
offers a drop-down of ``right``, ``wrong``, ``unsure``. Findings (one row per disagreement)
come first, on their own sheet.

Safety: every text cell is written as a *string* cell, never as a formula, whatever it starts
with; text a spreadsheet would re-run as a formula on editing also gets Excel's quote prefix
(the invisible ``'``), so the file needs no visible ``'`` the way CSV does. Characters XLSX
cannot hold (control characters from PDF copy-paste) are dropped instead of failing the run.

Reading gives every cell as text, stale rows marked in a ``status`` column as in a CSV, so
``output.py`` merges a workbook like any other report. Atomic writing, the choice of format
and the merge are ``output.py``'s; this module knows only the workbook's layout.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from checker.report.review import CHOICES
from checker.report.table import CURRENT, FORMULA_PREFIXES, REVIEW_COLUMNS, STALE, STATUS_COLUMN
from checker.rules.verdict import AGREEMENT, CONTRADICTION

REPORT_SHEET, STALE_SHEET, FINDINGS_SHEET = "report", "stale", "findings"

MAX_CELL_CHARS = 32_767  # Excel's limit; longer text is cut with a visible mark
TRUNCATED = " […]"
WRAP_PREFIXES = ("claim", "context_", "title_", "reasons", "review_note", "finding")
WRAP_WIDTH = 60
MAX_WIDTH = 40
WIDTH_SAMPLE = 200
TINTS = {CONTRADICTION: "FFC7CE", AGREEMENT: "C6EFCE"}  # Excel's light red / light green
FINDING_TINT, STALE_TINT = TINTS[CONTRADICTION], "EDEDED"  # a finding is a disagreement
LINE_POINTS = 15.0  # one line of 11 pt text (Calibri, Liberation Sans)
MAX_ROW_POINTS = 409.0  # Excel's highest row
CHARS_PER_WIDTH = 1.25  # characters of average text per unit of column width
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
_LINK = re.compile(r"^https?://\S+$", re.IGNORECASE)


def clean_text(value: str) -> str:
    """Text an XLSX cell can hold: no control characters, at most Excel's cell size."""
    value = _ILLEGAL.sub("", value)
    if len(value) > MAX_CELL_CHARS:
        value = value[: MAX_CELL_CHARS - len(TRUNCATED)] + TRUNCATED
    return value


def _width(column: str, values: Iterable[object]) -> float:
    longest = max((len(str(v)) for v in values), default=0)
    if column in REVIEW_COLUMNS:  # room to type, even while still empty
        return float(WRAP_WIDTH // 2 if column.startswith(WRAP_PREFIXES) else 14)
    cap = WRAP_WIDTH if column.startswith(WRAP_PREFIXES) else MAX_WIDTH
    return float(min(max(longest + 2, len(column) + 4), cap))  # +4: the filter button


def _text_cell(cell: Any, value: str) -> Any:
    """Put ``value`` in ``cell`` as a string cell: never a formula, whatever it starts with."""
    text = clean_text(value)
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True
    return cell


def _review_drop_down(sheet, columns: list[str], rows: int) -> None:
    """A drop-down of right/wrong/unsure on the ``review`` column's rows.

    It only suggests: ``showErrorMessage`` is off, so Excel still takes any other text. The
    tool reads synonyms (✓, ja, falsch, ?; see review.py) and a reviewer's older cells must
    not be flagged as invalid; what it cannot read is reported on the next run instead.
    """
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    if "review" not in columns:
        return
    letter = get_column_letter(columns.index("review") + 1)
    validation = DataValidation(
        type="list",
        formula1=f'"{CHOICES}"',
        allow_blank=True,
        showErrorMessage=False,
        promptTitle="review",
        prompt="right, wrong or unsure (other text is kept as typed)",
        showInputMessage=False,
    )
    validation.add(f"{letter}2:{letter}{max(rows + 1, 2)}")
    sheet.add_data_validation(validation)


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` wide (a generous estimate)."""
    per_line = max(int(width * CHARS_PER_WIDTH), 1)
    return sum(max(math.ceil(len(part) / per_line), 1) for part in text.split("\n"))


def _row_heights(sheet, frame: pd.DataFrame, widths: Mapping[int, float]) -> None:
    """Store a height on every row with wrapped text. LibreOffice (and Excel on opening a
    file it did not write) draws a row without a stored height one line high, so a wrapped
    claim ran over the rows below it."""
    if not widths:
        return
    for r, values in enumerate(frame.itertuples(index=False, name=None), start=2):
        lines = max(
            (_lines(v, widths[c]) for c, v in enumerate(values) if c in widths and isinstance(
                v, str
            )),
            default=1,
        )
        if lines > 1:
            sheet.row_dimensions[r].height = min(lines * LINE_POINTS + 3, MAX_ROW_POINTS)


def _print_setup(sheet, columns: list[str], rows: int) -> None:
    """Print what a reviewer reads: landscape, one page wide, the header row on every page,
    and only the columns up to ``review_note`` (the verdict, the claims, why, the review);
    the sources, scores and ids after them would shrink 37 columns onto a page."""
    from openpyxl.utils import get_column_letter

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    last = columns.index(REVIEW_COLUMNS[-1]) + 1 if REVIEW_COLUMNS[-1] in columns else len(
        columns
    )
    sheet.print_area = f"A1:{get_column_letter(max(last, 1))}{max(rows + 1, 1)}"


def _fill_sheet(sheet, frame: pd.DataFrame, tint: str | None = None) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    columns = list(frame.columns)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")  # a verdict beside a tall claim: at the top, read first
    fills = {k: PatternFill("solid", start_color=v, end_color=v) for k, v in TINTS.items()}
    for c, name in enumerate(columns, start=1):
        _text_cell(sheet.cell(row=1, column=c), str(name)).font = bold  # a name may be "=…"
    wraps = {i for i, c in enumerate(columns) if c.startswith(WRAP_PREFIXES)}
    links = {i for i, c in enumerate(columns) if c.startswith("url_")}
    verdict_at = columns.index("verdict") if "verdict" in columns else None
    status_at = columns.index(STATUS_COLUMN) if STATUS_COLUMN in columns else None
    fills[STALE] = PatternFill("solid", start_color=STALE_TINT, end_color=STALE_TINT)
    if tint is not None:
        fills[CURRENT] = PatternFill("solid", start_color=tint, end_color=tint)
    for r, values in enumerate(frame.itertuples(index=False, name=None), start=2):
        if verdict_at is not None:
            fill = fills.get(str(values[verdict_at]))
        elif tint is not None:  # findings: tinted as disagreements, stale ones grey
            fill = fills.get(str(values[status_at]) if status_at is not None else CURRENT)
        else:
            fill = None
        for c, value in enumerate(values):
            cell = sheet.cell(row=r, column=c + 1)
            if isinstance(value, str):
                _text_cell(cell, value)
                if c in links and _LINK.match(cell.value):
                    cell.hyperlink = cell.value
                    cell.style = "Hyperlink"
            elif isinstance(value, float) and math.isnan(value):
                cell.value = None
            elif value is not None:
                cell.value = value
                if isinstance(value, float):
                    cell.number_format = "0.000"
            cell.alignment = wrap if c in wraps else top
            if fill is not None:
                cell.fill = fill
    widths = {}
    for i, column in enumerate(columns):
        sample = frame[column].head(WIDTH_SAMPLE) if len(frame) else []
        widths[i] = _width(column, sample)
        sheet.column_dimensions[get_column_letter(i + 1)].width = widths[i]
    _row_heights(sheet, frame, {i: w for i, w in widths.items() if i in wraps})
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(len(columns), 1))
    sheet.auto_filter.ref = f"A1:{last}{max(len(frame) + 1, 1)}"
    _review_drop_down(sheet, columns, len(frame))
    _print_setup(sheet, columns, len(frame))


Rows = list[list[object]]
# What tells a sheet's role when a reviewer renamed it: its columns (compared case-insensitively).
ROLE_COLUMNS = {FINDINGS_SHEET: "finding_id", REPORT_SHEET: "pair_id"}


def fold(name: object) -> str:
    """A sheet or column name as compared: case and surrounding spaces carry no meaning."""
    return str(name).strip().casefold()


def sheet_roles(headers: Mapping[str, Iterable[object]]) -> dict[str, str]:
    """Which sheet is the report, the stale rows and the findings: ``{role: sheet title}``.

    A reviewer may rename a sheet ("Befunde", "Findings"); their reviews must not be left
    behind on it while a fresh, unreviewed sheet is written. A sheet is found by its exact
    name first, then by its name in another case, then (report and findings only) by its
    columns: the first sheet with a ``finding_id`` column is the findings, the first with a
    ``pair_id`` column the report. ``headers``: each sheet's column names, in sheet order.
    """
    roles: dict[str, str] = {}
    for role in (REPORT_SHEET, STALE_SHEET, FINDINGS_SHEET):
        if role in headers:
            roles[role] = role
            continue
        same = [t for t in headers if fold(t) == role and t not in roles.values()]
        if same:
            roles[role] = same[0]
    for role, column in ROLE_COLUMNS.items():
        if role in roles:
            continue
        for title, columns in headers.items():
            if title not in roles.values() and column in {fold(c) for c in columns}:
                roles[role] = title
                break
    return roles


def renamed_sheets(roles: Mapping[str, str]) -> list[str]:
    """One line per sheet found under another name than its own (see :func:`sheet_roles`)."""
    return [
        f"sheet {title!r} read as the {role} sheet"
        + (f" (it has a {ROLE_COLUMNS[role]} column)" if fold(title) != role else "")
        + f"; it is written back as {role!r}"
        for role, title in roles.items()
        if title != role
    ]


def read_sheets(path: Path) -> dict[str, pd.DataFrame]:
    """Every sheet of the workbook at ``path``, every cell as text."""
    with open(path, "rb") as handle:  # a handle: openpyxl refuses names not ending in .xlsx
        return pd.read_excel(
            handle, sheet_name=None, dtype=str, na_filter=False, engine="openpyxl"
        )


def workbook_roles(sheets: Mapping[str, pd.DataFrame]) -> dict[str, str]:
    """:func:`sheet_roles` of sheets read with :func:`read_sheets`."""
    return sheet_roles({title: list(frame.columns) for title, frame in sheets.items()})


def read_report_sheets(path: Path) -> pd.DataFrame:
    """The pair rows of a report workbook: the report sheet (else the first sheet that is not
    the findings) and the stale sheet, one table with ``status`` saying which. Sheets are
    found by :func:`sheet_roles`, so a renamed one is still read."""
    sheets = read_sheets(path)
    roles = workbook_roles(sheets)
    others = [frame for name, frame in sheets.items() if name != roles.get(FINDINGS_SHEET)]
    report = sheets[roles[REPORT_SHEET]] if REPORT_SHEET in roles else (
        others[0] if others else pd.DataFrame()
    )
    stale = sheets[roles[STALE_SHEET]] if STALE_SHEET in roles else pd.DataFrame(
        columns=report.columns
    )
    parts = [
        report.assign(**{STATUS_COLUMN: CURRENT}),
        stale.assign(**{STATUS_COLUMN: STALE}),
    ]
    return pd.concat([p for p in parts if len(p.columns) > 1], ignore_index=True).fillna("")


def other_sheets(path: Path, findings: bool = True) -> dict[str, Rows]:
    """Cell values of the sheets a reviewer added to a report workbook, to carry them over:
    every sheet but the report and stale ones (:func:`sheet_roles`), and but the findings
    unless ``findings``."""
    from openpyxl import load_workbook

    with open(path, "rb") as handle:  # a handle: openpyxl refuses names not ending in .xlsx
        workbook = load_workbook(handle)
    rows = {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in workbook.worksheets
    }
    roles = sheet_roles({title: (cells[0] if cells else []) for title, cells in rows.items()})
    ours = {roles.get(REPORT_SHEET), roles.get(STALE_SHEET)}
    if not findings:
        ours.add(roles.get(FINDINGS_SHEET))
    return {title: cells for title, cells in rows.items() if title not in ours}


def write_xlsx(
    frame: pd.DataFrame,
    path: Path,
    sheets: Mapping[str, Rows] | None = None,
    findings: pd.DataFrame | None = None,
) -> None:
    """Write ``frame`` to ``path``: rows on sheet ``report``, stale rows on sheet ``stale``.

    The ``status`` column, if any, decides the sheet and is not written itself. Without it
    there is only the ``report`` sheet. ``findings``, if given, go first on sheet
    ``findings``, the sheet a reviewer starts from (few rows, so stale findings stay there,
    marked in their ``status`` column). ``sheets`` (the reviewer's own, from
    :func:`other_sheets`) follow as they were, values and formulas alike: they are the
    reviewer's content, not text taken from articles.
    """
    from openpyxl import Workbook

    workbook = Workbook()
    main = workbook.active
    main.title = REPORT_SHEET
    if findings is not None:
        # first, where a reviewer starts; second when it has no current finding, so a report
        # with contradictions does not open on an empty sheet
        current = findings
        if STATUS_COLUMN in findings.columns:
            current = findings[findings[STATUS_COLUMN] != STALE]
        first = len(current) > 0
        sheet = workbook.create_sheet(FINDINGS_SHEET, 0 if first else 1)
        _fill_sheet(sheet, findings, FINDING_TINT)
        workbook.active = 0
    if STATUS_COLUMN in frame.columns:
        is_stale = frame[STATUS_COLUMN] == STALE
        rest = frame.drop(columns=STATUS_COLUMN)
        _fill_sheet(main, rest[~is_stale])
        _fill_sheet(workbook.create_sheet(STALE_SHEET), rest[is_stale])
    else:
        _fill_sheet(main, frame)
    for title, rows in (sheets or {}).items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
