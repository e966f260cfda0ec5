"""The review page in a real browser: headless Chromium (Debian's ``chromium`` and
``chromium-driver``) opens the seed report's page and a dev story's, filters, reviews, exports
the reviews and merges them into the XLSX report with ``checker review import``.

Skipped with a reason where Chromium, its driver, selenium, the shared models or the dev
story are absent. The only tests of the page that run the real (small, shared) models."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.report.output import read_findings, read_report

from .conftest import EXAMPLES, SHARED_EMBED, SHARED_NLI, needs_shared_models

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
STORIES = Path(__file__).resolve().parents[2] / "shared" / "data" / "stories"
STORY = STORIES / "2016-06-orlando-trump-obama-resign"

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
pytestmark = [
    pytest.mark.skipif(
        not (CHROMIUM and DRIVER),
        reason="chromium and chromium-driver are not installed "
        "(apt-get install chromium chromium-driver)",
    ),
    needs_shared_models,
]


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1366,900"):
        options.add_argument(flag)
    options.binary_location = CHROMIUM
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads),
        "download.prompt_for_download": False,
    })
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    driver.execute_cdp_cmd("Page.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


def _report(monkeypatch: pytest.MonkeyPatch, articles: Path, out: Path) -> tuple[Path, Path]:
    """The XLSX report of ``articles`` and its page beside it, with the shared models."""
    monkeypatch.setenv("CHECKER_EMBED_MODEL", str(SHARED_EMBED))
    monkeypatch.setenv("CHECKER_NLI_MODEL", str(SHARED_NLI))
    report, page = out / f"{out.name}.xlsx", out / f"{out.name}.html"
    result = CliRunner().invoke(
        cli, ["report", str(articles), "-o", str(report), "--html", str(page), "-q"]
    )
    assert result.exit_code == 0, result.output
    return report, page


def _open(driver: object, page: Path) -> None:
    driver.get("about:blank")  # so a reload never finds the old document ready
    driver.get(page.as_uri())
    for _ in range(100):
        if driver.execute_script("return document.body.getAttribute('data-ready')") == "1":
            return
        time.sleep(0.05)
    raise AssertionError("the page did not build")


def _visible_rows(driver: object) -> list[object]:
    return [r for r in driver.find_elements("css selector", "tr.item") if r.is_displayed()]


def _export(driver: object, name: str) -> Path:
    driver.find_element("id", "export").click()
    target = driver.downloads / name
    for _ in range(100):
        if target.exists() and target.stat().st_size:
            return target
        time.sleep(0.05)
    raise AssertionError(f"no download: {list(driver.downloads.iterdir())}")


def test_seed_report_page_filter_review_export_import(
    browser: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    out = tmp_path / "seeds"
    out.mkdir()
    report, page = _report(monkeypatch, EXAMPLES, out)
    rows = read_report(report)
    _open(browser, page)
    assert len(_visible_rows(browser)) == len(rows)
    Select(browser.find_element("id", "filter-verdict")).select_by_value("contradiction")
    shown = _visible_rows(browser)
    wanted = (rows["verdict"] == "contradiction").sum()
    assert len(shown) == wanted > 0
    assert all("contradiction" in r.text for r in shown)  # the verdict in words, not colour
    first = shown[0]
    first.click()  # opens the row: both claims in context, reasons, scores
    assert first.get_attribute("aria-expanded") == "true"
    first.send_keys("w")
    pair = first.get_attribute("data-id")[2:]
    assert "wrong" in first.text
    first.send_keys("n")  # the row's note
    note = browser.switch_to.active_element
    note.send_keys("=SUM(1) checked")
    note.send_keys(Keys.ESCAPE)
    exported = _export(browser, "seeds-reviews.csv")
    text = exported.read_text(encoding="utf-8-sig")
    assert f'"{pair}","","wrong","\'=SUM(1) checked"' in text  # formula-neutral
    # reviews survive a reload (kept in the browser, keyed by the report); Chromium commits
    # localStorage to its store in batches, later on a busy machine, so a reload at once may
    # not see it yet
    for _ in range(10):
        time.sleep(1)
        _open(browser, page)
        if "wrong" in browser.find_element("css selector", f'tr[data-id="p:{pair}"]').text:
            break
    else:
        raise AssertionError(browser.execute_script("return JSON.stringify(localStorage)"))
    result = CliRunner().invoke(cli, ["review", "import", str(exported), str(report)])
    assert result.exit_code == 0, result.output
    merged = read_report(report).set_index("pair_id")
    assert merged.at[pair, "review"] == "wrong"
    assert merged.at[pair, "review_note"] == "=SUM(1) checked"


@pytest.mark.skipif(not STORY.is_dir(), reason=f"dev story not found at {STORY}")
def test_dev_story_page_finding_review_export_import(
    browser: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "orlando"
    out.mkdir()
    report, page = _report(monkeypatch, STORY, out)
    findings = read_findings(report)
    _open(browser, page)
    cards = browser.find_elements("css selector", "article.card")
    assert len(cards) == len(findings) > 0
    card = cards[0]
    assert card.find_elements("css selector", "mark")  # the value marked in a claim
    assert len(card.find_elements("css selector", ".stmt")) >= 3
    total = len(_visible_rows(browser))
    browser.find_element("id", "search").send_keys("Obama")
    assert 0 < len(_visible_rows(browser)) < total
    browser.find_element("id", "search").clear()
    browser.execute_script("document.getElementById('search').dispatchEvent(new Event('input'))")
    show = card.find_elements("css selector", "button.pairs-link")[-1]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", show)
    show.click()
    assert len(_visible_rows(browser)) == int(findings["pairs"][0])
    right = card.find_element("css selector", 'button[data-review="right"]')
    # the click goes where the user sees it, not under the sticky filter bar
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", right)
    right.click()
    assert card.find_element("css selector", 'button[data-review="right"]').get_attribute(
        "aria-pressed") == "true"
    card.send_keys("j")  # keyboard: j moves on to the next item
    assert browser.switch_to.active_element.get_attribute("data-id") != card.get_attribute(
        "data-id")
    exported = _export(browser, "orlando-reviews.csv")
    result = CliRunner().invoke(cli, ["review", "import", str(exported), str(report)])
    assert result.exit_code == 0, result.output
    assert read_findings(report)["review"].tolist()[0] == "right"
