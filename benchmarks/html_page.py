"""The review page at size: page bytes, Python write time, and headless Chromium's time to
build the page and to filter it, for synthetic reports of ``--rows`` pair rows; optionally
screenshots of a real report's page at desktop and phone width.

Rows are synthetic (claims, contexts and reasons of realistic length, 10 outlets, one finding
per 50 rows, 1 story per 250 rows): what costs here is the number and size of rows, not what
they say. Build time is the page's own clock (``performance.now()`` when the script has built
the DOM, from navigation start: parsing the HTML and the JSON included); filter time is one
search keystroke applied to every row, and a verdict filter, as the page runs them.

    .venv/bin/python benchmarks/html_page.py --rows 1000 2000
    .venv/bin/python benchmarks/html_page.py --rows 1000 --shots reports/orlando.html docs/

Needs ``chromium`` and ``chromium-driver`` (Debian) and selenium (``pip install -e '.[test]'``).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from checker.report.htmlpage import write_html
from checker.report.table import COLUMNS, FINDING_COLUMNS

WORDS = ("police said the gunman killed people in the nightclub on Sunday morning while "
         "officials confirmed that at least fifty victims were taken to hospitals across the "
         "city and the president spoke about terror and hate").split()


def _text(seed: int, words: int) -> str:
    return " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(words)).capitalize() + "."


def synthetic(rows: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``rows`` pair rows and one finding per 50 of them, in the report's columns."""
    outlets = [f"Outlet {i}" for i in range(10)]
    records = []
    for i in range(rows):
        a, b = outlets[i % 10], outlets[(i * 3 + 1) % 10]
        records.append({
            "pair_id": f"{i:012x}", "verdict": "contradiction" if i % 9 == 0 else "agreement",
            "kind": "number" if i % 9 == 0 else "", "confidence": 0.5 + (i % 50) / 100,
            "claim_a": _text(i, 32) + f" {40 + i % 20} dead.", "claim_b": _text(i + 1, 30)
            + f" {41 + i % 20} dead.", "reasons": "NLI a→b ent 0.02 / neu 0.49 / con 0.48; "
            "b→a ent 0.03 / neu 0.74 / con 0.23; number conflict: 49 dead vs 50 dead; same "
            "event 0.60 (similarity 1.7σ; same value: 53 injured; same thing counted: dead)",
            "source_a": a, "source_b": b, "file_a": f"stories/{a}.md", "file_b": f"stories/{b}.md",
            "url_a": "https://example.org/a", "url_b": "https://example.org/b",
            "published_a": "2016-06-12", "published_b": "2016-06-13", "same_event": 0.6,
            "candidate": "number", "similarity": 0.8, "p_contradiction": 0.3,
            "p_entailment": 0.2, "p_neutral": 0.5, "certainty_a": "asserted",
            "certainty_b": "reported", "context_a": _text(i + 2, 25), "context_b": _text(i + 3, 25),
            "offsets_a": "10-200", "offsets_b": "30-220", "story": f"story-{i // 250}",
            "found_by": "neighbours", "article_a": a, "article_b": b,
        })
    frame = pd.DataFrame(records).reindex(columns=list(COLUMNS), fill_value="")
    findings = pd.DataFrame([
        {"finding": f"dead: 49 — {outlets[0]} · 50 — {', '.join(outlets[1:6])}", "kind": "number",
         "outlets": 6, "pairs": 1, "confidence": 0.7, "claims": "", "thing": "dead",
         "story": f"story-{(i * 50) // 250}", "pair_ids": f"{i * 50:012x}",
         "finding_id": f"f{i:05d}"}
        for i in range(max(1, rows // 50))
    ]).reindex(columns=list(FINDING_COLUMNS), fill_value="")
    return frame, findings


def browser(width: int = 1366, height: int = 900):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--hide-scrollbars", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))


def _open(driver, page: Path) -> tuple[float, float]:
    driver.get("about:blank")
    driver.get(page.as_uri())
    while driver.execute_script("return document.body.getAttribute('data-ready')") != "1":
        time.sleep(0.02)
    built = float(driver.execute_script("return document.body.getAttribute('data-built-ms')"))
    # and its first layout (forced now; a few ms of the driver's round trip included)
    laid_out = float(driver.execute_script("document.body.offsetHeight; return performance.now()"))
    return built, laid_out


FILTER = """
var t0 = performance.now(); var box = document.getElementById('search');
box.value = 'outlet 3'; box.dispatchEvent(new Event('input')); document.body.offsetHeight;
var t1 = performance.now(); box.value = ''; box.dispatchEvent(new Event('input'));
var v = document.getElementById('filter-verdict'); v.value = 'contradiction';
v.dispatchEvent(new Event('change')); document.body.offsetHeight; var t2 = performance.now();
v.value = ''; v.dispatchEvent(new Event('change'));
return [t1 - t0, t2 - t1];
"""


def measure(rows: int, rounds: int, folder: Path) -> dict[str, float]:
    frame, findings = synthetic(rows)
    page = folder / f"rows-{rows}.html"
    start = time.perf_counter()
    write_html(frame, page, findings, title=f"synthetic {rows}")
    written = time.perf_counter() - start
    driver = browser()
    try:
        builds, layouts, searches, verdicts = [], [], [], []
        for _ in range(rounds):
            built, laid_out = _open(driver, page)
            builds.append(built)
            layouts.append(laid_out)
            search, verdict = driver.execute_script(FILTER)
            searches.append(search)
            verdicts.append(verdict)
    finally:
        driver.quit()
    return {"rows": rows, "bytes": page.stat().st_size, "write_s": written,
            "build_ms": statistics.median(builds), "layout_ms": statistics.median(layouts),
            "layout_max_ms": max(layouts),
            "search_ms": statistics.median(searches), "verdict_ms": statistics.median(verdicts)}


def shots(page: Path, out: Path) -> None:
    """Desktop (1366 wide) and phone (390 wide) screenshots of ``page``: its first screens."""
    for name, width, height in (("desktop", 1366, 1400), ("phone", 390, 2000)):
        driver = browser()
        try:  # the viewport itself: a headless window is never narrower than 500 pixels
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": width, "height": height, "deviceScaleFactor": 1,
                "mobile": name == "phone"})
            _open(driver, page)
            target = out / f"review-page-{page.stem}-{name}.png"
            driver.save_screenshot(str(target))
            print(f"{target}: {target.stat().st_size / 1024:.0f} KiB")
        finally:
            driver.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1000])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--shots", nargs=2, metavar=("PAGE", "FOLDER"), type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print("| rows | page | write (Python) | built (median) | built and laid out (median / "
              "max) | search | verdict filter |\n|---|---|---|---|---|---|---|")
        for rows in args.rows:
            m = measure(rows, args.rounds, Path(tmp))
            print(f"| {m['rows']:,} | {m['bytes'] / 1e6:.2f} MB | {m['write_s']:.2f} s | "
                  f"{m['build_ms']:.0f} ms | {m['layout_ms']:.0f} / {m['layout_max_ms']:.0f} ms | "
                  f"{m['search_ms']:.0f} ms | "
                  f"{m['verdict_ms']:.0f} ms |")
    if args.shots:
        shots(*args.shots)


if __name__ == "__main__":
    main()
