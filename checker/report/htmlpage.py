"""The review page: one self-contained HTML file showing a report story by story.

A desk reviewing a story wants to see a disagreement, not read forty columns. The page is built
from the same two tables the CSV/XLSX writers get (pair rows, ``table.COLUMNS``, and findings,
``table.FINDING_COLUMNS``), so it shows exactly what the spreadsheet holds, reviews included.

Why it is built this way:

* **Offline, one file.** Styles and script are inlined from package data
  (``checker/data/html/``); no fonts, CDN or server, so it opens from a mail attachment.
* **No code from the data.** Article text is never put into markup: the rows travel as JSON in
  a ``<script type="application/json">`` block (``<``, ``>`` and ``&`` escaped, so no text can
  close it) and the script builds the page with ``textContent``. A Content-Security-Policy
  allows only the page's own script and style, by hash, and no network at all.
* **Derived, not re-computed.** A finding's values and outlets are read back from its one-line
  ``finding`` text and matched to the pair rows' claims (who says what, with the value
  marked); nothing here re-runs the rules.

Reviews made on the page stay in the browser (``localStorage``, keyed by the report) and are
exported as a small CSV that ``checker review import`` (``pagereview.py``) merges into the
report.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import pandas as pd

from checker.errors import ReportWriteError
from checker.report.output import atomic_write, check_writable

# Marks our pages, so a file at the output path that is not one is never replaced.
GENERATOR = "checker review page"
VALUE_SEPARATOR = " · "  # findings.VALUE_SEPARATOR (kept literal: findings imports the rules)
OUTLET_SEPARATOR = ", "
NUMERIC = ("confidence", "same_event", "similarity", "p_contradiction", "p_entailment",
           "p_neutral")


def _asset(name: str) -> str:
    return resources.files("checker").joinpath("data", "html", name).read_text(encoding="utf-8")


def _text(value: object) -> str:
    """A cell as text: NaN and None are empty (a frame read back from a file has no NaN, a
    fresh one may)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def _outlet(source: str, file: str, article: str) -> str:
    """Who says it, as ``findings.article_outlet`` names it: source, else file name, else id."""
    name = Path(re.sub(r":\d+$", "", file)).name if file else ""
    return source or name or article


def split_reasons(reasons: str) -> list[str]:
    """``reasons`` cut at ``; `` outside parentheses: one plain-words reason a line (the
    same-event reason lists its evidence in parentheses, ``;``-separated)."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(reasons):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == ";" and depth == 0:
            parts.append(reasons[start:i].strip())
            start = i + 1
    parts.append(reasons[start:].strip())
    return [p for p in parts if p]


def value_marks(text: str, value: str) -> list[list[int]]:
    """Where ``value`` (or, failing that, its number) stands in ``text``: ``[[start, end]]``
    character offsets for the page to mark, empty when it is not found as written (a date
    normalised to ISO, a number in words). Numbers are matched whole: 50 is not in 150."""
    if not value or not text:
        return []
    patterns = [re.escape(value)]
    numbers = re.findall(r"\d+(?:[.,]\d+)*", value)
    if numbers:
        patterns = [rf"(?<![\d.,]){re.escape(value)}(?![\d])"] if value[0].isdigit() else \
            patterns
        patterns += [rf"(?<![\d.,]){re.escape(n)}(?![\d])" for n in numbers]
    for pattern in patterns:
        found = [[m.start(), m.end()] for m in re.finditer(pattern, text, flags=re.IGNORECASE)]
        if found:
            return found
    return []


def parse_finding(summary: str, thing: str, outlets: Iterable[str]) -> list[tuple[str, list[str]]]:
    """``[(value, [outlet, …])]`` from a finding's one-line text
    (``thing: 49 — EITB · 50 — Fox News, n-tv``). Outlet names may hold ``, ``: the known
    ``outlets`` of the story are matched first, longest first, and the rest split at commas."""
    told = summary[len(thing) + 2:] if thing and summary.startswith(f"{thing}: ") else summary
    known = {o for o in outlets if o}
    result = []
    for part in told.split(VALUE_SEPARATOR):
        value, sep, names = part.rpartition(" — ")
        if not sep:
            continue
        pieces, found, i = names.split(OUTLET_SEPARATOR), [], 0
        while i < len(pieces):
            for j in range(len(pieces), i, -1):  # the longest known name first
                name = OUTLET_SEPARATOR.join(pieces[i:j])
                if name in known or j == i + 1:
                    found.append(name)
                    i = j
                    break
        result.append((value.strip(), found))
    return result


def _side(row: Mapping[str, str], side: str) -> dict[str, str]:
    return {
        "article": row[f"article_{side}"],
        "outlet": _outlet(row[f"source_{side}"], row[f"file_{side}"], row[f"article_{side}"]),
        "claim": row[f"claim_{side}"],
        "context": row[f"context_{side}"],
        "published": row[f"published_{side}"],
    }


def _rows(frame: pd.DataFrame) -> list[dict[str, str]]:
    columns = list(frame.columns)
    return [
        {c: _text(v) for c, v in zip(columns, values, strict=True)}
        for values in frame.itertuples(index=False, name=None)
    ]


def _frame_rows(frame: pd.DataFrame | None, columns: Iterable[str]) -> list[dict[str, str]]:
    if frame is None:
        return []
    frame = frame.reindex(columns=[*dict.fromkeys([*frame.columns, *columns])], fill_value="")
    return _rows(frame)


def _page_row(row: Mapping[str, str]) -> dict[str, object]:
    a, b = _side(row, "a"), _side(row, "b")
    return {
        "id": row["pair_id"],
        "verdict": row["verdict"],
        "kind": row["kind"],
        "candidate": row["candidate"],
        "confidence": row["confidence"],
        "story": row["story"],
        "status": row.get("status") or "current",
        "a": {**a, "certainty": row["certainty_a"], "speaker": row["speaker_a"],
              "file": row["file_a"], "offsets": row["offsets_a"]},
        "b": {**b, "certainty": row["certainty_b"], "speaker": row["speaker_b"],
              "file": row["file_b"], "offsets": row["offsets_b"]},
        "reasons": split_reasons(row["reasons"]),
        "scores": {k: row[k] for k in NUMERIC if k != "confidence"},
        "found_by": row["found_by"],
        "review": row["review"],
        "note": row["review_note"],
    }


def _articles(rows: list[dict[str, str]], languages: Mapping[str, str]) -> dict[str, list]:
    """Each story's articles (as the rows name them), first published first."""
    stories: dict[str, dict[str, dict[str, str]]] = {}
    for row in rows:
        for side in "ab":
            article = row[f"article_{side}"]
            stories.setdefault(row["story"], {}).setdefault(article, {
                "id": article,
                "outlet": _outlet(row[f"source_{side}"], row[f"file_{side}"], article),
                "language": languages.get(article, ""),
                "published": row[f"published_{side}"],
                "file": row[f"file_{side}"],
                "title": row[f"title_{side}"],
                "url": row[f"url_{side}"],
            })
    return {
        story: sorted(found.values(), key=lambda a: (a["published"] == "", a["published"],
                                                     a["outlet"].casefold()))
        for story, found in stories.items()
    }


def _statement(
    value: str, outlet: str, rows: list[dict[str, str]], pair_ids: set[str],
    given: dict[tuple[str, str], str],
) -> dict[str, object]:
    """The claim in which ``outlet`` states ``value``: from the finding's own pair rows first,
    then from any row of the story (an outlet the finding joined, see findings.widen), then
    the claim the ``claims`` column gives; with the value marked and the rows it is in."""
    best: tuple[int, dict[str, str], list[list[int]]] | None = None
    behind: dict[str, list[str]] = {}
    for row in rows:
        for side in "ab":
            mine = _side(row, side)
            if mine["outlet"] != outlet:
                continue
            marks = value_marks(mine["claim"], value)
            if not marks:
                continue
            if row["pair_id"] in pair_ids:
                behind.setdefault(mine["claim"], []).append(row["pair_id"])
            rank = 0 if row["pair_id"] in pair_ids else 1
            if best is None or rank < best[0]:
                best = (rank, mine, marks)
    if best is None:
        claim = given.get((value, outlet), "")
        return {"value": value, "outlet": outlet, "claim": claim, "context": "",
                "published": "", "marks": value_marks(claim, value), "pairs": []}
    _, mine, marks = best
    return {"value": value, "outlet": outlet, "claim": mine["claim"],
            "context": mine["context"], "published": mine["published"], "marks": marks,
            "pairs": sorted(set(behind.get(mine["claim"], [])))}


def _given_claims(claims: str, values: list[tuple[str, list[str]]]) -> dict[tuple[str, str], str]:
    """The ``claims`` column (``value (outlet): claim`` a line) keyed by value and outlet."""
    given = {}
    for line in claims.splitlines():
        for value, outlets in values:
            for outlet in outlets:
                head = f"{value} ({outlet}): "
                if line.startswith(head):
                    given[(value, outlet)] = line[len(head):]
    return given


def _page_finding(
    finding: Mapping[str, str], rows: list[dict[str, str]], articles: list[dict[str, str]]
) -> dict[str, object]:
    outlets = [a["outlet"] for a in articles]
    values = parse_finding(finding["finding"], finding["thing"], outlets)
    pair_ids = set(finding["pair_ids"].split())
    given = _given_claims(finding["claims"], values)
    published = {a["outlet"]: a["published"] for a in articles if a["published"]}
    told = []
    for value, names in values:
        statements = [_statement(value, o, rows, pair_ids, given) for o in names]
        times = sorted(
            (s["published"] or published.get(str(s["outlet"]), ""), str(s["outlet"]))
            for s in statements
        )
        first = next(((t, o) for t, o in times if t), ("", ""))
        told.append({"value": value, "outlets": names, "first": first[0],
                     "first_outlet": first[1], "statements": statements})
    timed = all(v["first"] for v in told)
    if timed:
        told.sort(key=lambda v: v["first"])
    return {
        "id": finding["finding_id"],
        "summary": finding["finding"],
        "kind": finding["kind"],
        "thing": finding["thing"],
        "story": finding["story"],
        "outlets": finding["outlets"],
        "confidence": finding["confidence"],
        "pairs": sorted(pair_ids),
        "values": told,
        "timed": timed,
        "status": finding.get("status") or "current",
        "review": finding["review"],
        "note": finding["review_note"],
    }


def page_data(
    frame: pd.DataFrame,
    findings: pd.DataFrame | None = None,
    title: str = "checker report",
    languages: Mapping[str, str] | None = None,
) -> dict[str, object]:
    """What the page shows, as plain JSON-able data: stories (articles, findings) and rows.

    ``frame`` and ``findings`` are the tables the CSV/XLSX writers get (or read back from a
    report); ``languages`` maps article ids to their language, which no column holds.
    """
    from checker.report.table import COLUMNS, FINDING_COLUMNS

    rows = _frame_rows(frame, COLUMNS)
    found = _frame_rows(findings, FINDING_COLUMNS)
    articles = _articles(rows, languages or {})
    by_story: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_story.setdefault(row["story"], []).append(row)
    story_ids = list(dict.fromkeys([*by_story, *(f["story"] for f in found)]))
    stories = []
    for story in story_ids:
        mine = by_story.get(story, [])
        stories.append({
            "id": story,
            "articles": articles.get(story, []),
            "findings": [
                _page_finding(f, mine, articles.get(story, []))
                for f in found if f["story"] == story
            ],
        })
    ids = sorted(r["pair_id"] for r in rows) + sorted(f["finding_id"] for f in found)
    key = hashlib.sha1("\n".join([title, *ids]).encode("utf-8")).hexdigest()[:16]
    return {
        "title": title,
        "key": key,
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "stories": stories,
        "rows": [_page_row(r) for r in rows],
    }


def script_json(data: object) -> str:
    """``data`` as JSON that no text inside can break out of a ``<script>`` element with."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def render_page(data: Mapping[str, object]) -> str:
    """The whole page: data as JSON, the inline style and script allowed by hash only."""
    css, js = _asset("page.css"), _asset("page.js")
    policy = (
        "default-src 'none'; "
        f"style-src 'sha256-{_sha256(css)}'; script-src 'sha256-{_sha256(js)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    title = html.escape(str(data.get("title", "")))
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<meta name=\"generator\" content=\"{GENERATOR}\">\n"
        f"<title>{title} — review</title>\n<style>{css}</style>\n</head>\n<body>\n"
        "<noscript><p>This review page needs JavaScript; the same rows are in the CSV/XLSX "
        "report.</p></noscript>\n<div id=\"app\"></div>\n"
        f"<script type=\"application/json\" id=\"checker-data\">{script_json(data)}</script>\n"
        f"<script>{js}</script>\n</body>\n</html>\n"
    )


def is_page(path: Path) -> bool:
    """Whether ``path`` holds a page we wrote (only those are replaced without asking)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return f'content="{GENERATOR}"'.encode() in head


def check_html_output(path: str | os.PathLike[str]) -> Path:
    """Fail before the slow work when the page could not be written or would replace a file
    that is not one of our pages."""
    path = check_writable(path)
    if path.exists() and not is_page(path):
        raise ReportWriteError(
            f"{path} exists but is not a checker review page; move it away or choose another "
            "file"
        )
    return path


def write_html(
    frame: pd.DataFrame,
    path: str | os.PathLike[str],
    findings: pd.DataFrame | None = None,
    title: str | None = None,
    languages: Mapping[str, str] | None = None,
) -> Path:
    """Write the review page of ``frame`` (and ``findings``) to ``path``, atomically.

    ``title`` names the report (default: the file's stem); it also keys the reviews the
    browser keeps, together with the report's ids.
    """
    path = check_html_output(path)
    page = render_page(page_data(frame, findings, title or path.stem, languages))
    atomic_write(path, lambda tmp: tmp.write_text(page, encoding="utf-8"))
    return path
