"""`nlp show` and `nlp report` pages in a real browser: headless Chromium (Debian's package) via Selenium.

No downloads: the driver is /usr/bin/chromedriver (Selenium Manager is never asked for one), the
browser runs with networking features off, and the pages themselves forbid any fetch (CSP).
Screenshots land in artifacts/screenshots/ (git-ignored) for a person to look at.
"""
from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
TRADITIONAL = ROOT / "corpus" / "samples" / "seeds" / "jiemian-doubao-links-traditional.txt"
ENGLISH = ROOT / "corpus" / "articles" / "en-openai-h1-revenue.txt"

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="headless browser tests need Debian's chromium and chromium-driver "
           "(apt-get install -y chromium chromium-driver)")


def run_nlp(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "nlp", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=600)


def build_dataset(base: Path) -> Path:
    """Same dataset as tests/view/test_pages.py (shared through pytest's base temp dir)."""
    db = base / "view-dataset" / "corpus.duckdb"
    if db.exists():
        return db
    extra = base / "view-dataset" / "extra"
    extra.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "corpus" / "samples" / "seeds" / "tmtpost-doubao-links.txt",
                extra / "tmtpost-doubao-links-copy.txt")
    (extra / "broken.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    tmp = db.with_name("building.duckdb")
    got = run_nlp("batch", "corpus/samples", "corpus/articles", str(extra), "--db", str(tmp), "--no-progress")
    assert tmp.exists() and got.returncode in (0, 1), got.stderr[-2000:]
    os.replace(tmp, db)
    return db


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="nlp-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1400,1000",
                 f"--user-data-dir={profile}"):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=opts)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(driver, path: Path) -> None:
    driver.get(path.resolve().as_uri())
    assert driver.execute_script("return document.readyState") == "complete"


def severe_logs(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def screenshot(driver, name: str, full: bool = False) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    out = SHOTS / name
    if full:  # the whole page, through the DevTools protocol
        data = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
        out.write_bytes(base64.b64decode(data["data"]))
    else:
        driver.save_screenshot(str(out))
    assert out.stat().st_size > 1000
    return out


def no_network(driver) -> None:
    fetched = driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
    assert fetched == []


def visible_text(driver, css: str) -> str:
    from selenium.webdriver.common.by import By

    return " ".join(e.text for e in driver.find_elements(By.CSS_SELECTOR, css) if e.is_displayed())


def highlight_ids(driver, kind: str) -> set[str]:
    ids = driver.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll(arguments[0]), "
        "function (e) { return e.getAttribute('data-ids'); })", f".view-original .hl-{kind}")
    return {i for group in ids for i in group.split()}


def test_article_page(browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    page = tmp_path / "article.html"
    got = run_nlp("show", str(TRADITIONAL), "-o", str(page))
    assert got.returncode == 0, got.stderr
    open_page(browser, page)
    assert "上鏈接" in browser.title
    for kind in ("company", "metric", "money"):
        assert len(highlight_ids(browser, kind)) > 0, kind
    # model badges and colours are applied by the stylesheet
    colour = browser.execute_script(
        "return getComputedStyle(document.querySelector('.view-original .hl-metric')).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    screenshot(browser, "article.png")

    # hovering a figure shows its normalised value, period and company in the info bar
    metric = browser.find_element(By.CSS_SELECTOR, ".view-original .hl-metric")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", metric)
    ActionChains(browser).move_to_element(metric).perform()
    info = browser.find_element(By.ID, "hover-info").text
    assert "company:" in info and ("USD" in info or "CNY" in info or "%" in info), info
    assert metric.get_attribute("title").splitlines()[0] in info
    screenshot(browser, "article-figures.png")

    # the script toggle: original (traditional) -> simplified -> side by side
    browser.execute_script("window.scrollTo(0, 0)")
    original = visible_text(browser, ".view")
    assert "豆包們" in original and "豆包们" not in original
    browser.find_element(By.CSS_SELECTOR, 'label[for="view-simplified"]').click()
    simplified = visible_text(browser, ".view")
    assert simplified != original and "豆包们" in simplified and "豆包們" not in simplified
    assert len(browser.find_elements(By.CSS_SELECTOR, ".view-simplified .hl-money")) > 0
    screenshot(browser, "article-simplified.png")
    browser.find_element(By.CSS_SELECTOR, 'label[for="view-both"]').click()
    both = visible_text(browser, ".view")
    assert "豆包們" in both and "豆包们" in both
    screenshot(browser, "article-both.png")
    browser.find_element(By.CSS_SELECTOR, 'label[for="view-original"]').click()
    assert visible_text(browser, ".view") == original

    # highlight toggles and the table -> text link
    browser.find_element(By.CSS_SELECTOR, 'input[data-toggle="money"]').click()
    assert "hide-money" in browser.find_element(By.TAG_NAME, "body").get_attribute("class")
    browser.find_element(By.CSS_SELECTOR, 'input[data-toggle="money"]').click()
    row = browser.find_element(By.CSS_SELECTOR, "table.figures tr[data-ref]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
    row.click()
    time.sleep(0.3)
    assert browser.find_elements(By.CSS_SELECTOR, ".hl.flash")

    # the cleaning audit: collapsed by kind, opens to the removed lines
    details = browser.find_elements(By.CSS_SELECTOR, "details.removed")
    assert {d.get_attribute("data-kind") for d in details} >= {"spam_lines", "boilerplate_lines", "repeated_blocks"}
    assert all(d.get_attribute("open") is None for d in details)
    boiler = next(d for d in details if d.get_attribute("data-kind") == "boilerplate_lines")
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", boiler)
    boiler.find_element(By.TAG_NAME, "summary").click()
    assert boiler.get_attribute("open") is not None and "下載界面新聞APP" in boiler.text
    screenshot(browser, "article-cleaning.png")
    no_network(browser)
    assert severe_logs(browser) == []


def test_english_article_page(browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    page = tmp_path / "english.html"
    got = run_nlp("show", str(ENGLISH), "-o", str(page))
    assert got.returncode == 0, got.stderr
    open_page(browser, page)
    assert not browser.find_elements(By.CSS_SELECTOR, 'label[for="view-simplified"]')
    assert len(highlight_ids(browser, "company")) > 0 and len(highlight_ids(browser, "metric")) > 0
    screenshot(browser, "article-english.png")
    no_network(browser)
    assert severe_logs(browser) == []


def test_report_page(browser, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    db = build_dataset(tmp_path_factory.getbasetemp())
    page = tmp_path / "report.html"
    got = run_nlp("report", "--db", str(db), "-o", str(page))
    assert got.returncode == 0, got.stderr
    open_page(browser, page)
    charts = browser.find_elements(By.CSS_SELECTOR, "figure.fact-chart svg.chart")
    assert len(charts) >= 5
    marks = browser.find_elements(By.CSS_SELECTOR, "figure.fact-chart svg .mark")
    assert len(marks) >= len(charts)
    box = marks[0].rect
    assert box["width"] > 0 and box["height"] > 0  # laid out and drawn, not just present
    assert browser.find_elements(By.CSS_SELECTOR, "svg .mark.flagged")  # disputed values
    assert len(browser.find_elements(By.CSS_SELECTOR, "#timeline svg rect.mark")) >= 5
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.heatmap td.mark")) >= 10
    assert browser.find_elements(By.CSS_SELECTOR, "table.disputes tr.flagged")
    assert "broken.html" in browser.find_element(By.CSS_SELECTOR, "table.errors").text
    assert "exact copy" in browser.find_element(By.CSS_SELECTOR, "table.reposts").text
    screenshot(browser, "report.png")
    for section in ("disputes", "models", "timeline"):
        browser.execute_script("document.getElementById(arguments[0]).scrollIntoView()", section)
        screenshot(browser, f"report-{section}.png")
    screenshot(browser, "report-full.png", full=True)
    no_network(browser)
    assert severe_logs(browser) == []
