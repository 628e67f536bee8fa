"""End to end in a real browser: `minutes serve`, the metrics table, a facet, a row's evidence.

Runs headless Debian Chromium through Playwright (no browser download). Skips, saying why, only
when Chromium is not installed; `.ci/run` installs it so CI always runs this.
"""

import shutil

import pytest

from .conftest import serving

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(not CHROMIUM, reason="Chromium is not installed (apt-get install chromium)")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    yield page
    page.close()


@pytest.fixture(scope="module")
def served(seeds_db, tmp_path_factory):
    db, _ = seeds_db
    path = tmp_path_factory.mktemp("serve") / "minutes.db"
    db.conn.execute(f"vacuum into '{path}'")  # its own copy
    with serving(path) as base:
        yield base, path.stem


def test_a_metric_row_leads_to_its_quote_highlighted_in_its_sentence(served, page):
    base, database = served
    page.goto(f"{base}/{database}/metrics")
    assert "One row per reported figure" in page.content()
    facet = page.locator(".facet-info[data-column=indicator] li a").first
    indicator = facet.inner_text().rsplit(" ", 1)[0].strip()
    facet.click()
    page.wait_for_load_state()
    assert "indicator" in page.url
    link = page.locator("a.evidence-link").first
    quote = link.inner_text()
    link.click()
    page.wait_for_load_state()
    marked = page.locator("td mark").first
    assert marked.inner_text() == quote, f"the evidence page should highlight {quote!r} ({indicator})"


def test_metrics_facet_by_council_with_the_figure_before_its_provenance(served, page):
    base, database = served
    page.goto(f"{base}/{database}/metrics?_facet=council")
    assert "no such column" not in page.content()
    councils = page.locator(".facet-info[data-column=council] li a")
    assert any("Rotherham" in t for t in councils.all_inner_texts())
    headers = [h.strip() for h in page.locator("table.rows-and-columns th").all_inner_texts()]
    assert headers.index("value") < headers.index("document_id") and headers.index("role") < headers.index("rule_id")
    councils.filter(has_text="Kirklees").first.click()
    page.wait_for_load_state()
    shown = {c.strip() for c in page.locator("td.col-council").all_inner_texts()}
    assert shown == {"Kirklees"}


def test_the_evidence_view_reads_as_prose_in_whole_words_without_its_sql(served, page):
    base, database = served
    page.goto(f"{base}/{database}/evidence?record_table=metrics&_size=5")
    cell = page.locator("td.col-evidence").first
    assert cell.bounding_box()["width"] > 400, "the evidence column should be wide enough to read"
    text = cell.inner_text()
    assert text.startswith("…") or text[:1].isupper() or not text[:1].isalpha()  # never mid-word
    assert not page.locator("pre.wrapped-sql").first.is_visible()


def test_the_canned_series_is_oldest_first_with_one_row_per_figure(served, page):
    base, database = served
    page.goto(f"{base}/{database}/metric_series?indicator=csc_re_referrals")
    periods = [t.strip() for t in page.locator("td.col-period").all_inner_texts()]
    readings = [int(t) for t in page.locator("td.col-readings").all_inner_texts()]
    assert periods and periods[0] == "2015/16", periods  # the oldest, not an undated figure, comes first
    assert max(readings) >= 2  # the target printed in two documents is one row
    rows = list(zip(periods, page.locator("td.col-value").all_inner_texts(),
                    page.locator("td.col-role").all_inner_texts()))
    assert len(rows) == len(set(rows))
