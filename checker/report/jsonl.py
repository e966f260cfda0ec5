"""JSONL for fact-check tools: one object per row, plus a schema.org ClaimReview where a
reviewer marked the pair right (``review.py`` reads what they typed).

Like ``xlsx.py`` it knows one format, read and write; ``output.py`` chooses it and writes it
atomically. No formula neutralising: a JSONL file is not opened in a spreadsheet.
"""

from __future__ import annotations

import json
import math
import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from checker.errors import UsageError
from checker.records import published_date
from checker.report.review import RIGHT, normalise_review
from checker.report.table import CURRENT, STATUS_COLUMN
from checker.rules.verdict import AGREEMENT, CONTRADICTION

CLAIM_REVIEW = "claimReview"
RATINGS = {CONTRADICTION: "sources disagree", AGREEMENT: "sources agree"}


def _date(value: object) -> str:
    """An ISO date (or date-time) as given, else "": article dates are kept as written, and a
    fact-check tool must not be handed "2024-13-45"."""
    text = str(value or "").strip()
    return text if published_date(text) else ""


URL_FIELDS = ("pair_id", "finding_id")  # what a review url template may name
# Settings of the ClaimReview (config.py's review_* block), and their environment variables.
REVIEW_ENV = {
    "review_author": "CHECKER_REVIEW_AUTHOR",
    "review_author_url": "CHECKER_REVIEW_AUTHOR_URL",
    "review_url": "CHECKER_REVIEW_URL",
    "review_date": "CHECKER_REVIEW_DATE",
}


def _http(value: str) -> bool:
    return value.startswith(("https://", "http://")) and len(value.split("//", 1)[1]) > 0


@dataclass(frozen=True)
class ReviewSource:
    """Who publishes the ClaimReviews and where: schema.org's ``author`` (an Organization
    with a name and url), the review's own ``url`` and its ``datePublished``.

    Consumers of ClaimReview (search engines, fact-check databases) require an author and a
    url for each review; they are the publisher's, so they come from settings, never guessed.
    ``url`` is a template naming ``{pair_id}`` or ``{finding_id}``; ``date`` an ISO date,
    empty for the day the report is written.
    """

    author: str = ""
    author_url: str = ""
    url: str = ""
    date: str = ""

    @classmethod
    def from_config(cls, config: Any) -> ReviewSource:
        """The settings ``review_author``, ``review_author_url``, ``review_url`` and
        ``review_date`` of ``config``, checked: UsageError naming the setting and its value."""
        source = cls(
            str(getattr(config, "review_author", "") or "").strip(),
            str(getattr(config, "review_author_url", "") or "").strip(),
            str(getattr(config, "review_url", "") or "").strip(),
            str(getattr(config, "review_date", "") or "").strip(),
        )
        source.check()
        return source

    def check(self) -> None:
        """Refuse, before any model work, what a ClaimReview consumer would reject."""
        if self.author_url and not _http(self.author_url):
            raise UsageError(
                f"setting 'review_author_url' = {self.author_url!r} is not an http(s) URL"
            )
        if self.author_url and not self.author:
            raise UsageError("setting 'review_author_url' needs 'review_author' (its name)")
        if self.url:
            try:
                names = {f for _, f, _, _ in string.Formatter().parse(self.url) if f is not None}
            except ValueError as exc:
                raise UsageError(
                    f"setting 'review_url' = {self.url!r} is not a template ({exc})"
                ) from None
            if not _http(self.url) or not names or not names <= set(URL_FIELDS):
                raise UsageError(
                    f"setting 'review_url' = {self.url!r} must be an http(s) URL naming "
                    "{pair_id} or {finding_id} (and nothing else in braces), e.g. "
                    "https://example.org/checks/{pair_id}"
                )
        parsed = published_date(self.date) if self.date else None
        if self.date and (parsed is None or parsed.isoformat() != self.date):
            raise UsageError(
                f"setting 'review_date' = {self.date!r} is not an ISO date (YYYY-MM-DD)"
            )

    def url_for(self, ids: Mapping[str, str]) -> str:
        """The review's url for a row with ``ids``; "" when the template names an id it lacks."""
        if not self.url:
            return ""
        names = {f for _, f, _, _ in string.Formatter().parse(self.url) if f is not None}
        if any(not ids.get(n) for n in names):
            return ""
        return self.url.format(**{n: ids[n] for n in names})


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


def claim_review(
    row: Mapping[str, object],
    source: ReviewSource | None = None,
    finding_ids: Mapping[str, str] | None = None,
    today: date | None = None,
) -> dict[str, object] | None:
    """A schema.org ClaimReview for a current pair row a reviewer marked ``right``, else None.

    What was checked is whether the sources agree, not whether the claim is true, so the
    rating is a name ("sources disagree" / "sources agree") and carries no number. Stale
    rows get none: their pair is no longer found, perhaps because an article was corrected.
    ``source`` gives ``author`` and ``url`` (``finding_ids``: the finding of each pair, for a
    template naming ``{finding_id}``); ``datePublished`` is its date, else ``today``.
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
    source = source or ReviewSource()
    review: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim,
        "itemReviewed": item,
        "reviewRating": {"@type": "Rating", "alternateName": rating},
        "datePublished": source.date or (today or date.today()).isoformat(),
    }
    if source.author:
        author = {"@type": "Organization", "name": source.author}
        if source.author_url:
            author["url"] = source.author_url
        review["author"] = author
    pid = str(row.get("pair_id") or "")
    url = source.url_for({"pair_id": pid, "finding_id": (finding_ids or {}).get(pid, "")})
    if url:
        review["url"] = url
    return review


def _json_native(value: object) -> object:
    """A cell as JSON: numbers stay numbers, NaN (no value) becomes null."""
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def finding_of_pairs(findings: pd.DataFrame | None) -> dict[str, str]:
    """The ``finding_id`` of each pair row a current finding stands for (first one wins)."""
    if findings is None or "pair_ids" not in findings or "finding_id" not in findings:
        return {}
    found: dict[str, str] = {}
    for record in findings.to_dict("records"):
        if str(record.get(STATUS_COLUMN) or CURRENT) != CURRENT:
            continue
        for pid in str(record.get("pair_ids") or "").split():
            found.setdefault(pid, str(record["finding_id"]))
    return found


def jsonl_records(
    frame: pd.DataFrame,
    source: ReviewSource | None = None,
    findings: pd.DataFrame | None = None,
) -> list[dict[str, object]]:
    """One object per row with every column, plus ``claimReview`` where :func:`claim_review`
    gives one."""
    records = []
    finding_ids = finding_of_pairs(findings)
    today = date.today()
    for row in frame.to_dict("records"):
        record = {str(k): _json_native(v) for k, v in row.items()}
        review = claim_review(record, source, finding_ids, today)
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


def write_jsonl(
    frame: pd.DataFrame,
    path: Path,
    source: ReviewSource | None = None,
    findings: pd.DataFrame | None = None,
) -> None:
    """UTF-8 without BOM, one object a line; no formula neutralising (not a spreadsheet)."""
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for record in jsonl_records(frame, source, findings):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
