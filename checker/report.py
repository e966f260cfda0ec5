"""Turn verdicts into a reviewable table and write it safely as CSV (or XLSX).

Writes are atomic: the table goes to a temporary file beside the target and replaces it only
when complete, so a crash never leaves a half-written report or damages the previous one.
Cells that a spreadsheet would run as a formula are neutralised (OWASP CSV injection).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from checker.errors import ReportWriteError
from checker.records import Article, Verdict
from checker.verdict import AGREEMENT, CONTRADICTION, NEUTRAL

REVIEW_COLUMNS = ("review", "review_note")
COLUMNS = (
    "pair_id",
    "verdict",
    "confidence",
    "claim_a",
    "claim_b",
    "article_a",
    "article_b",
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


def pair_id(verdict: Verdict) -> str:
    """Stable across runs: depends only on the two articles' ids and the two claims' texts."""
    a, b = verdict.pair.a, verdict.pair.b
    key = f"{a.article_id}\x1f{a.text}\x1e{b.article_id}\x1f{b.text}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


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
        "confidence": round(verdict.confidence, 3),
        "claim_a": pair.a.text,
        "claim_b": pair.b.text,
        "article_a": pair.a.article_id,
        "article_b": pair.b.article_id,
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
        "offsets_a": f"{pair.a.start}-{pair.a.end}",
        "offsets_b": f"{pair.b.start}-{pair.b.end}",
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


def safe_cells(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    return out


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then move it into place."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise ReportWriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        with open(tmp, "rb") as done:
            os.fsync(done.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise ReportWriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        tmp.unlink(missing_ok=True)


def write_report(frame: pd.DataFrame, path: str | os.PathLike[str], fmt: str | None = None) -> Path:
    """Write ``frame`` as CSV (UTF-8 with BOM) or XLSX, chosen by ``fmt`` or the suffix."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".") or "csv").lower()
    safe = safe_cells(frame)
    if fmt == "csv":
        atomic_write(path, lambda tmp: safe.to_csv(tmp, index=False, encoding="utf-8-sig"))
    elif fmt == "xlsx":
        atomic_write(path, lambda tmp: safe.to_excel(tmp, index=False, engine="openpyxl"))
    else:
        raise ReportWriteError(f"unknown report format {fmt!r}: use .csv or .xlsx")
    return path
