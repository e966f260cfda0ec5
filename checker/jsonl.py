"""JSONL for fact-check tools: one object per row, plus a schema.org ClaimReview where a
reviewer marked the pair right (``review.py`` reads what they typed).

Like ``xlsx.py`` it knows one format, read and write; ``output.py`` chooses it and writes it
atomically. No formula neutralising: a JSONL file is not opened in a spreadsheet.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from checker.records import published_date
from checker.review import RIGHT, normalise_review
from checker.table import CURRENT, STATUS_COLUMN
from checker.verdict import AGREEMENT, CONTRADICTION

CLAIM_REVIEW = "claimReview"
RATINGS = {CONTRADICTION: "sources disagree", AGREEMENT: "sources agree"}


def _date(value: object) -> str:
    """An ISO date (or date-time) as given, else "": article dates are kept as written, and a
    fact-check tool must not be handed "2024-13-45"."""
    text = str(value or "").strip()
    return text if published_date(text) else ""


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


def read_jsonl(path: Path) -> pd.DataFrame:
    """A JSONL report: one object a line, every value as text like the other formats; the
    ``claimReview`` objects are derived from the row (:func:`claim_review`), not input."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:  # its own "line 1" is the line alone
            raise ValueError(
                f"line {number}, column {exc.colno}: not valid JSON ({exc.msg})"
            ) from None
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


def write_jsonl(frame: pd.DataFrame, path: Path) -> None:
    """UTF-8 without BOM, one object a line; no formula neutralising (not a spreadsheet)."""
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for record in jsonl_records(frame):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
