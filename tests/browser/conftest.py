"""Browser fixtures: Debian's Chromium driven by Playwright, and the reports built once per session.

Every test in this folder is marked ``browser`` (and ``slow``). When no Chromium is
found they are skipped with the reason, and the end of the pytest run says in
capitals that the browser tests did not run, so a green ``make test`` without a
browser is never mistaken for a full run. See ``browser_util.py`` for how Chromium
is found and launched.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from browser_util import CHROMIUM_ARGS, LOCAL_SCHEMES, PageWatch, browser_unavailable_reason, find_chromium

SKIP_PREFIX = "browser test skipped: "


def pytest_collection_modifyitems(config, items):
    reason = browser_unavailable_reason()
    if reason is None:
        return
    marker = pytest.mark.skip(reason=SKIP_PREFIX + reason)
    for item in items:
        if item.get_closest_marker("browser") is not None:
            item.add_marker(marker)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = [r for r in terminalreporter.stats.get("skipped", [])
               if SKIP_PREFIX in str(getattr(r, "longrepr", ""))]
    if not skipped:
        return
    reason = browser_unavailable_reason() or "no Chromium found"
    terminalreporter.section("BROWSER TESTS SKIPPED", sep="!", red=True, bold=True)
    terminalreporter.write_line(f"{len(skipped)} browser tests did NOT run: {reason}.", red=True, bold=True)
    terminalreporter.write_line("The HTML reports and JupyterLab were not checked in a browser in this run.", red=True)


# ---------------------------------------------------------------------------
# Browser
# ---------------------------------------------------------------------------

@pytest.fixture(scope="session")
def chromium_context(tmp_path_factory):
    """A headless Chromium (persistent context on a fresh profile) shared by the session."""
    from playwright.sync_api import sync_playwright
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=find_chromium(), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900}, locale="en-US", timezone_id="UTC",
        )
        context.set_default_timeout(30_000)
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def open_page(chromium_context):
    """``open_page(url)`` -> (page, PageWatch): a new tab, watched from before the first request."""
    opened = []

    def open_(url: str, allowed=LOCAL_SCHEMES):
        page = chromium_context.new_page()
        watch = PageWatch(page, allowed)
        opened.append(page)
        if url:
            page.goto(url, wait_until="load")
        return page, watch

    yield open_
    for page in opened:
        page.close()


# ---------------------------------------------------------------------------
# Reports built once per session
# ---------------------------------------------------------------------------

@pytest.fixture(scope="session")
def sample_reports(request) -> Path:
    """Every numbered notebook executed on the sample corpus and exported to HTML, once per session.

    The build is ``make report`` into a temporary folder (the ``make_report_build`` fixture of
    tests/conftest.py, shared with tests/test_report.py). ``REPORTS_TO_CHECK=reports`` checks an
    existing build instead (say, after ``make report``) and writes the screenshots next to it.
    """
    existing = os.environ.get("REPORTS_TO_CHECK")
    if existing:
        return Path(existing).resolve()
    out = request.getfixturevalue("make_report_build")
    assert (out / "index.html").exists()
    return out


