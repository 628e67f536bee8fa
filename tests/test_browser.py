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
def served(seeds_db, tmp_path_factory):
    db, _ = seeds_db
    path = tmp_path_factory.mktemp("serve") / "minutes.db"
    db.conn.execute(f"vacuum into '{path}'")  # its own copy
    with serving(path) as base:
        yield base, path.stem


def test_a_metric_row_leads_to_its_quote_highlighted_in_its_sentence(served):
    from playwright.sync_api import sync_playwright

    base, database = served
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
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
        browser.close()
