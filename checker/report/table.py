"""The report as a table: its columns, one row per pair, and carrying a reviewer's work over.

Pure frames in, frames out; no files (``output.py`` reads and writes them, ``xlsx.py`` and
``jsonl.py`` know their formats). Kept apart from the writing so the format modules can use the
columns and the status bookkeeping without importing the writer that imports them: imports run
one way, ``table`` <- ``xlsx``/``jsonl`` <- ``output``.

The report is a working document: journalists fill in ``review`` columns and add their own. A
re-run therefore carries the reviewer's cells over by ``pair_id`` (:func:`merge_previous`) and
keeps rows whose pair is gone as ``stale``; findings (``findings.py``) are merged alike by
``finding_id``, each new finding continuing the old one it overlaps most
(:func:`continue_finding_ids`). Cells that a spreadsheet would run as a formula are neutralised
for CSV (OWASP CSV injection, :func:`safe_cells`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import pandas as pd

from checker.records import Article, Claim, Verdict, article_of
from checker.rules.verdict import AGREEMENT, CONTRADICTION, NEUTRAL

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
    "update",
    "same_event",
    "candidate",
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
# Re-run bookkeeping: a CSV says it in a column, an XLSX keeps stale rows on their own sheet.
STATUS_COLUMN = "status"
CURRENT, STALE = "current", "stale"


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


def _row(verdict: Verdict) -> dict[str, object]:
    pair = verdict.pair
    art_a, art_b = article_of(pair.a), article_of(pair.b)  # a claim carries its article
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
        "candidate": verdict.candidate,
        "update": verdict.update,
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
        "found_by": " + ".join(c.label for c in pair.found_by),
        "review": "",
        "review_note": "",
    }


def to_frame(
    verdicts: Sequence[Verdict], articles: Sequence[Article], include_neutral: bool = False
) -> pd.DataFrame:
    """One row per pair: contradictions first, then agreements, each by confidence.

    Each claim carries its article, which gives the row its sources; ``articles`` stays in the
    signature for the library's callers (``to_frame(report.verdicts, report.articles)``)."""
    rows = [_row(v) for v in verdicts if include_neutral or v.label != NEUTRAL]
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


# --- carrying the reviewer's work over -------------------------------------------------------


def in_merge_order(frame: pd.DataFrame, machine: Sequence[str]) -> pd.DataFrame:
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


def match_columns(frame: pd.DataFrame, known: Sequence[str]) -> tuple[pd.DataFrame, list[str]]:
    """``frame`` with headers a reviewer retyped (``Review``, `` pair_id ``) named as ours, and
    one note per header that was renamed or could not be.

    A header is ours when it equals a known column (or ``status``) after case and surrounding
    spaces are set aside, and the known column is not there already; otherwise merging by name
    would take ``Review`` for a column of the reviewer's own and read no review from it.
    """
    wanted = [*known, STATUS_COLUMN]
    by_fold = {str(c).strip().casefold(): c for c in wanted}
    present = {c for c in frame.columns if c in wanted}
    renames: dict[object, str] = {}
    notes: list[str] = []
    for column in frame.columns:
        if column in wanted:
            continue
        ours = by_fold.get(str(column).strip().casefold())
        if ours is None:
            continue
        if ours in present or ours in renames.values():
            notes.append(
                f"column {str(column)!r} looks like {ours!r}, which is there too; "
                "kept as a column of your own"
            )
            continue
        renames[column] = ours
        notes.append(f"column {str(column)!r} read as {ours!r}")
    return (frame.rename(columns=renames) if renames else frame), notes


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
