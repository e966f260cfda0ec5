"""Fit the verdict's operating point to reviewed rows: ``checker calibrate``.

The model is deliberately small and inspectable: thresholds on the ``same_event`` score that
existing settings already use. A pair is flagged when its evidence points to a contradiction
(its ``candidate`` kind, a report column) and its ``same_event`` reaches that kind's gate, so
reviewed rows with a candidate tell how high each gate should be:

* ``nli`` candidates (NLI alone) → ``same_event_min_nli``;
* every other kind (number, date, name, certainty, …, one value-or-signal conflict) →
  ``same_event_min``; the verdict has one gate for all of them, so they are pooled.

What a review says about a row: a flagged contradiction reviewed right is a clash, reviewed
wrong is none; a *neutral* row with a candidate (held back by its gate, shown with ``--all``)
reviewed wrong is a clash the gate hid, reviewed right is none. Rows held back are what lets the
data argue for a lower gate.

For each group the threshold maximising F0.5 (precision weighted twice as much as recall,
because a false alarm costs a reviewer more than a missed clash the reader can still spot) over
the group's labelled rows is chosen among the current value and the group's observed scores;
ties keep the current value, else the lowest tied threshold (keep the most rows).

The fitted figures are never scored on the rows they were fitted on: k-fold cross-validation,
by story when rows carry one (a story's rows are alike, so by-row folds would leak), else by
row. Pure functions on :class:`LabelledRow`; reading reports and running the pipeline stay at
the edges (:func:`rows_from_report`, :func:`rows_from_gold`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pandas as pd

from checker.config import Config
from checker.errors import InputError, UsageError
from checker.report.review import RIGHT, WRONG, normalise_review
from checker.rules.verdict import AGREEMENT, CONTRADICTION, NEUTRAL, gate_setting

NLI_GROUP = "nli"
SIGNAL_GROUP = "signal"
# group → the Config setting its threshold is
# (the verdict's own gate function names them: one place says which gate decides a kind)
SETTINGS = {NLI_GROUP: gate_setting(NLI_GROUP), SIGNAL_GROUP: gate_setting("number")}
MIN_ROWS = 10  # labelled rows a group needs, with at least one clash and one non-clash
FOLDS = 5
BETA = 0.5  # F-beta weight: < 1 favours precision


@dataclass(frozen=True)
class LabelledRow:
    """One reviewed report row: what the calibration needs of it and nothing else."""

    verdict: str
    kind: str
    same_event: float
    right: bool  # what the reviewer said of the verdict
    story: str = ""
    candidate: str = ""  # the kind of contradiction its evidence points to (Verdict.candidate)
    pair_id: str = ""  # the report row it was read from: one review per pair counts once

    @property
    def clash(self) -> bool | None:
        """Whether the two claims contradict each other, as the review tells it; None when the
        row says nothing about a gate (see module docstring)."""
        if self.verdict == CONTRADICTION:
            return self.right
        if self.verdict == NEUTRAL and self.candidate:
            return not self.right
        return None

    @property
    def group(self) -> str:
        """Which gate decides this row (see module docstring)."""
        return NLI_GROUP if (self.candidate or self.kind) == NLI_GROUP else SIGNAL_GROUP


# --- reading rows ---------------------------------------------------------------------------


def _float(value: object) -> float | None:
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _text(value: object) -> str:
    """A cell as text; empty for blanks (None, NaN) of a frame read without ``dtype=str``."""
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else (
        str(value).strip()
    )


# Columns calibrate reads, and why a report without one cannot be used.
NEEDED_COLUMNS = {
    "review": "the reviews are read from it",
    "same_event": "the gates are fitted on it",
}


def _row_name(i: int, record: dict[str, Any], lines: bool) -> str:
    """Where row ``i`` of a report is, for an error: its line (JSONL) or spreadsheet row
    (header = row 1), and its ``pair_id``, which finds it in any format."""
    where = f"line {i + 1}" if lines else f"row {i + 2}"
    pid = _text(record.get("pair_id"))
    return f"{where} (pair_id {pid})" if pid else where


def rows_from_frame(
    frame: pd.DataFrame, source: str = "", lines: bool = False
) -> list[LabelledRow]:
    """Reviewed (right/wrong) rows of a report frame; unsure and blank rows skipped.

    A reviewed row whose ``same_event`` is not a score from 0 to 1 is an InputError naming
    ``source`` (the file), the row, the column and the value: skipping it would drop a
    review, fitting on it would write a gate the config cannot load. ``lines``: rows are
    JSONL lines (numbered from 1, no header).
    """
    for column, why in NEEDED_COLUMNS.items():
        if len(frame.columns) and column not in frame.columns:
            raise InputError(
                f"{source or 'report'}: no {column} column ({why}); give reports written by "
                "checker report"
            )
    rows = []
    for i, record in enumerate(frame.to_dict("records")):
        state = normalise_review(record.get("review", ""))
        if state not in (RIGHT, WRONG):
            continue
        raw = record.get("same_event", "")
        score = _float(raw)
        if score is None or not 0.0 <= score <= 1.0:
            raise InputError(
                f"{source or 'report'}: {_row_name(i, record, lines)}, column same_event: "
                f"{_text(raw)!r} is not a score from 0 to 1"
            )
        verdict = _text(record.get("verdict"))
        kind = _text(record.get("kind"))
        # reports older than the candidate column: a contradiction's kind is its candidate
        candidate = _text(record.get("candidate"))
        rows.append(
            LabelledRow(
                verdict=verdict,
                kind=kind,
                same_event=score,
                right=state == RIGHT,
                story=_text(record.get("story")),
                candidate=candidate or (kind if verdict == CONTRADICTION else ""),
                pair_id=_text(record.get("pair_id")),
            )
        )
    return rows


def rows_from_report(path: Any) -> list[LabelledRow]:
    """Reviewed rows of one report file (CSV, XLSX or JSONL), read with ``read_report``."""
    from checker.report.output import read_report

    frame = read_report(path, as_input=True)
    with open(path, "rb") as handle:  # JSONL is told by content, as read_report tells it
        lines = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")
    return rows_from_frame(frame, str(path), lines)


def unique_rows(rows: Sequence[LabelledRow]) -> tuple[list[LabelledRow], int]:
    """``rows`` with each ``pair_id`` once (the first), and how many were dropped.

    The same reviews given twice (a report and its backup, the XLSX and the JSONL of one
    report) must count once, or they would weigh double in the fit and in its figures.
    Rows without a ``pair_id`` are all kept.
    """
    seen: set[str] = set()
    kept = []
    for row in rows:
        if row.pair_id and row.pair_id in seen:
            continue
        seen.add(row.pair_id)
        kept.append(row)
    return kept, len(rows) - len(kept)


def label_gold(
    verdicts: Iterable[Any], articles: Sequence[Any], gold: Sequence[Any]
) -> list[LabelledRow]:
    """Rows of a pipeline run labelled from gold items, by storyeval's own matching rule, as
    a reviewer of the full report (``--all``) would label them.

    The gold lists every contradiction, so a flagged contradiction or a neutral row with a
    candidate is a clash exactly when it matches a gold contradiction; an agreement is right
    when it matches a gold agreement, wrong when it matches a gold contradiction, else
    unlabelled (agreements are only a sample).
    """
    from checker.eval.storyeval import rows_of

    contradictions = [g for g in gold if g.verdict == CONTRADICTION]
    agreements = [g for g in gold if g.verdict == AGREEMENT]
    labelled = []
    for verdict in verdicts:
        held = verdict.label == NEUTRAL and verdict.candidate
        if verdict.label not in (CONTRADICTION, AGREEMENT) and not held:
            continue
        [row] = rows_of([verdict], articles)  # one verdict: its Row, located by story and file
        clash = any(row.matches(g) for g in contradictions)
        if verdict.label == CONTRADICTION:
            right: bool | None = clash
        elif held:
            right = not clash
        elif any(row.matches(g) for g in agreements):
            right = True
        else:
            right = False if clash else None
        if right is not None:
            labelled.append(
                LabelledRow(
                    verdict.label,
                    verdict.kind,
                    verdict.same_event,
                    right,
                    row.story,
                    verdict.candidate,
                )
            )
    return labelled


# --- fitting ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """Labelled rows kept (flagged) by a threshold, and how many of them are clashes."""

    kept: int = 0
    kept_right: int = 0  # kept clashes
    right: int = 0  # clashes in all, kept or not

    @property
    def precision(self) -> float | None:
        return self.kept_right / self.kept if self.kept else None

    @property
    def recall(self) -> float | None:
        return self.kept_right / self.right if self.right else None

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.kept + other.kept, self.kept_right + other.kept_right, self.right + other.right
        )


def counts(rows: Sequence[LabelledRow], keep: Callable[[LabelledRow], bool]) -> Counts:
    kept = [r for r in rows if keep(r)]
    return Counts(len(kept), sum(bool(r.clash) for r in kept), sum(bool(r.clash) for r in rows))


def f_beta(c: Counts, beta: float = BETA) -> float:
    """F-beta of the kept rows against all right rows; 0 when nothing right is kept."""
    p, r = c.precision or 0.0, c.recall or 0.0
    if p == 0.0 or r == 0.0:
        return 0.0
    return (1 + beta**2) * p * r / (beta**2 * p + r)


def enough(rows: Sequence[LabelledRow]) -> bool:
    """At least MIN_ROWS rows, clashes and non-clashes among them: else nothing to learn."""
    return len(rows) >= MIN_ROWS and any(r.clash for r in rows) and not all(r.clash for r in rows)


def labelled(rows: Sequence[LabelledRow]) -> list[LabelledRow]:
    """The rows that say something about a gate (``LabelledRow.clash`` known)."""
    return [r for r in rows if r.clash is not None]


def fit_threshold(rows: Sequence[LabelledRow], current: float) -> float:
    """The same_event threshold with the best F0.5 over ``rows`` (see module docstring)."""
    candidates = sorted({current, *(r.same_event for r in rows)})

    def score(t: float) -> tuple[float, bool, float]:
        return (f_beta(counts(rows, lambda r: r.same_event >= t)), t == current, -t)

    return max(candidates, key=score)


def fit(rows: Sequence[LabelledRow], config: Config) -> dict[str, float]:
    """Fitted settings of every group with enough labelled rows; others left out."""
    fitted = {}
    for group, setting in SETTINGS.items():
        members = [r for r in labelled(rows) if r.group == group]
        if enough(members):
            fitted[setting] = fit_threshold(members, getattr(config, setting))
    return fitted


def keeps(row: LabelledRow, settings: dict[str, float], config: Config) -> bool:
    """Would ``row`` still be flagged under ``settings`` (falling back to ``config``)?"""
    setting = SETTINGS[row.group]
    return row.same_event >= settings.get(setting, getattr(config, setting))


# --- cross-validation ---------------------------------------------------------------------------


def by_story(rows: Sequence[LabelledRow]) -> bool:
    """Folds go by story when every row names one and there are at least two."""
    return all(r.story for r in rows) and len({r.story for r in rows}) >= 2


def folds(rows: Sequence[LabelledRow], k: int = FOLDS) -> list[int]:
    """A fold number per row: by story when at least two stories, else by row; deterministic.

    Stories are dealt out in sorted order so every row of a story lands in one fold.
    """
    if by_story(rows):
        stories = sorted({r.story for r in rows})
        k = min(k, len(stories))
        fold_of = {story: i % k for i, story in enumerate(stories)}
        return [fold_of[r.story] for r in rows]
    k = max(1, min(k, len(rows)))
    return [i % k for i in range(len(rows))]


@dataclass(frozen=True)
class Figures:
    """Cross-validated before/after counts of one kind (or group) of flagged contradiction."""

    name: str
    before: Counts
    after: Counts


def fold_fits(
    rows: Sequence[LabelledRow], config: Config, k: int = FOLDS
) -> list[dict[str, float]]:
    """Per fold: the settings fitted on every *other* fold (empty where those have too few)."""
    fold = folds(rows, k)
    return [
        fit([r for r, g in zip(rows, fold, strict=True) if g != f], config)
        for f in range(max(fold, default=-1) + 1)
    ]


def cross_validate(rows: Sequence[LabelledRow], config: Config, k: int = FOLDS) -> list[bool]:
    """Per row: still flagged by settings fitted on the *other* folds only."""
    fits = fold_fits(rows, config, k)
    return [keeps(r, fits[g], config) for r, g in zip(rows, folds(rows, k), strict=True)]


def figures(rows: Sequence[LabelledRow], config: Config, k: int = FOLDS) -> list[Figures]:
    """Precision/recall of flagged rows among labelled ones before (current config) and after
    (cross-validated fit), per candidate kind, per group and overall."""
    rows = labelled(rows)
    after = cross_validate(rows, config, k)

    def figure(name: str, chosen: Callable[[LabelledRow], bool]) -> Figures:
        picked = [(r, a) for r, a in zip(rows, after, strict=True) if chosen(r)]
        members = [r for r, _ in picked]
        before = counts(members, lambda r: keeps(r, {}, config))
        fitted = Counts(
            sum(a for _, a in picked),
            sum(a and bool(r.clash) for r, a in picked),
            sum(bool(r.clash) for r in members),
        )
        return Figures(name, before, fitted)

    kinds = sorted({r.candidate or r.kind for r in rows})
    return [
        *(
            figure(f"kind {kind or '-'}", lambda r, kind=kind: (r.candidate or r.kind) == kind)
            for kind in kinds
        ),
        *(figure(f"group {g}", lambda r, g=g: r.group == g) for g in SETTINGS),
        figure("all", lambda r: True),
    ]


# --- result -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Calibration:
    """What ``checker calibrate`` found: fitted settings, the ones kept, and CV figures."""

    settings: dict[str, float]
    kept: dict[str, str]  # setting → why it keeps its current value
    figures: tuple[Figures, ...]
    rows: int
    right: int
    folds: str


NEED = (
    f"each gate needs at least {MIN_ROWS} reviewed rows that are or nearly were contradictions "
    "(flagged, or held back by the gate and shown with --all), clashes and non-clashes both"
)


def too_few(rows: Sequence[LabelledRow]) -> str:
    have = len(rows)
    clashes = sum(bool(r.clash) for r in rows)
    return f"has {have} (clash {clashes}, no clash {have - clashes})"


def calibrate(rows: Sequence[LabelledRow], config: Config, k: int = FOLDS) -> Calibration:
    """Fit on all ``rows``; raise UsageError when no group has enough reviewed rows."""
    contradictions = labelled(rows)
    kept = {}
    for group, setting in SETTINGS.items():
        members = [r for r in contradictions if r.group == group]
        if not enough(members):
            kept[setting] = f"group {group} {too_few(members)}, needs {MIN_ROWS}"
    if len(kept) == len(SETTINGS):
        raise UsageError(
            f"too few reviewed rows to calibrate ({NEED}): " + "; ".join(kept.values())
        )
    fold = folds(contradictions, k)
    by = "story" if by_story(contradictions) else "row"
    fitted_folds = sum(bool(f) for f in fold_fits(contradictions, config, k))
    return Calibration(
        settings=fit(contradictions, config),
        kept=kept,
        figures=tuple(figures(contradictions, config, k)),
        rows=len(contradictions),
        right=sum(bool(r.clash) for r in contradictions),
        folds=f"{len(set(fold))} folds by {by}, {fitted_folds} with enough rows to fit",
    )


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def figure_lines(result: Calibration) -> list[str]:
    """One line per kind/group: flagged, precision, recall, before → after (cross-validated)."""
    lines = [
        f"cross-validated ({result.folds}); precision and recall of flagged rows among "
        "reviewed ones that are or nearly were contradictions"
    ]
    for f in result.figures:
        lines.append(
            f"{f.name:18} before: {f.before.kept:4d} flagged P {_ratio(f.before.precision)} "
            f"R {_ratio(f.before.recall)}  after: {f.after.kept:4d} flagged "
            f"P {_ratio(f.after.precision)} R {_ratio(f.after.recall)}"
        )
    return lines


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)  # a TOML basic string


def to_toml(
    result: Calibration, base: dict[str, Any], source: str, now: datetime | None = None
) -> str:
    """The config file: a comment header (rows, time, CV figures), then ``[checker]`` holding
    the base config's settings with the fitted ones on top."""
    now = now or datetime.now(UTC)
    header = [
        f"checker calibrate: fitted on {result.rows} reviewed rows that are or nearly were "
        f"contradictions (clash {result.right}, no clash {result.rows - result.right}) "
        f"from {source}",
        f"at {now.strftime('%Y-%m-%d %H:%M:%S UTC')}; threshold per group maximises F0.5",
        *figure_lines(result),
        *(f"kept {setting} (too few rows: {why})" for setting, why in result.kept.items()),
    ]
    settings = {**base, **result.settings}
    body = [f"{key} = {_toml_value(value)}" for key, value in settings.items()]
    return "\n".join([*(f"# {line}" for line in header), "[checker]", *body, ""])
