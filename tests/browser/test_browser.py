"""The HTML reports as an editor opens them: from disk, in Chromium.

The reports of every numbered notebook are built once per session on the sample
corpus (``sample_reports``), then each page is opened from ``file://`` and checked
the way a reader meets it: nothing fails or reaches the network, every figure is
drawn, every table has rows, code is hidden (and shown when asked for), and the
index reaches every report. Each page is screenshotted into ``reports/screenshots/``.
"""
from __future__ import annotations

import re

import nbformat
import pytest

from browser_util import numbered_notebooks, save_screenshot

pytestmark = [pytest.mark.slow, pytest.mark.browser]

NOTEBOOKS = numbered_notebooks()
IDS = [p.stem for p in NOTEBOOKS]

#: Measured in the page: every <img> (size, decoded size, visibility) and every table (rows in its body).
PAGE_FACTS = """() => {
  const heading = (el) => {
    let cell = el.closest('.jp-Cell');
    while (cell) {
      const h = cell.querySelector('h1, h2, h3');
      if (h) return h.textContent.trim();
      cell = cell.previousElementSibling;
    }
    return '';
  };
  const box = (el) => { const r = el.getBoundingClientRect(); return {w: r.width, h: r.height}; };
  return {
    images: Array.from(document.images).map((img) => ({
      ...box(img), natural: img.naturalWidth, complete: img.complete,
      src: img.getAttribute('src').slice(0, 30), section: heading(img)})),
    svgs: Array.from(document.querySelectorAll('.jp-OutputArea-output[data-mime-type="image/svg+xml"]'))
      .map((el) => ({...box(el), section: heading(el)})),
    tables: Array.from(document.querySelectorAll('table')).map((t) => ({
      body_rows: Array.from(t.tBodies).reduce((n, b) => n + b.rows.length, 0),
      header: t.tHead ? t.tHead.innerText.replace(/\\s+/g, ' ').trim().slice(0, 80) : '',
      section: heading(t)})),
    stderr: document.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]').length,
    errors: Array.from(document.querySelectorAll('[data-mime-type="application/vnd.jupyter.error"], .ansi-red-fg'))
      .map((el) => el.innerText.slice(0, 200)),
    code_inputs: document.querySelectorAll('.jp-CodeCell .jp-InputArea').length,
    title: document.title,
    h1: (document.querySelector('h1') || {}).textContent || '',
  };
}"""


def _url(path) -> str:
    return path.resolve().as_uri()


def _figure_outputs(notebook_path) -> dict[str, int]:
    """How many PNG/JPEG and SVG outputs an executed notebook holds (what the page must draw)."""
    nb = nbformat.read(notebook_path, as_version=4)
    counts = {"raster": 0, "svg": 0}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data or "image/jpeg" in data:
                counts["raster"] += 1
            elif "image/svg+xml" in data:
                counts["svg"] += 1
    return counts


def _code_lines(notebook_path) -> list[str]:
    """One distinctive line per code cell (its longest), skipping lines the prose also quotes."""
    nb = nbformat.read(notebook_path, as_version=4)
    prose = " ".join(" ".join(c.source.split()) for c in nb.cells if c.cell_type == "markdown")
    lines = []
    for cell in nb.cells:
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        line = max((" ".join(l.split()) for l in cell.source.splitlines()), key=len)
        if len(line) >= 20 and line not in prose:
            lines.append(line)
    return lines


def _normalised_text(page, selector="body") -> str:
    return " ".join(page.inner_text(selector).split())


def test_there_are_reports_to_check():
    assert NOTEBOOKS, "no notebooks/NN_*.ipynb found"
    assert NOTEBOOKS[0].name == "00_corpus.ipynb"


def test_index_links_reach_every_report(sample_reports, open_page):
    page, watch = open_page(_url(sample_reports / "index.html"))
    expected = [f"{p.stem}.html" for p in NOTEBOOKS]
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => a.getAttribute('href'))")
    assert sorted(set(hrefs) & set(expected)) == expected, f"index links {hrefs}, expected every one of {expected}"
    save_screenshot(page, sample_reports, "index")
    for name in expected:  # follow each link as a reader would, and come back
        page.click(f"a[href='{name}']")
        page.wait_for_load_state("load")
        assert page.url.endswith("/" + name)
        assert page.locator("h1").first.inner_text().strip(), f"{name}: no heading"
        page.click("nav.report-nav a[href='index.html']")
        page.wait_for_load_state("load")
        assert page.url.endswith("/index.html")
    assert watch.problems() == {}


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_report_page(sample_reports, open_page, notebook):
    page_path = sample_reports / f"{notebook.stem}.html"
    executed = sample_reports / "executed" / notebook.name
    assert page_path.is_file(), f"{page_path.name} was not built"
    page, watch = open_page(_url(page_path))
    facts = page.evaluate(PAGE_FACTS)
    save_screenshot(page, sample_reports, notebook.stem)

    assert watch.problems() == {}, f"{page_path.name}: {watch.problems()}"
    assert facts["h1"].strip() and facts["title"].strip()

    # Figures: as many as the notebook produced, each drawn with a real size.
    expected = _figure_outputs(executed)
    assert len(facts["images"]) == expected["raster"], facts["images"]
    assert len(facts["svgs"]) == expected["svg"], facts["svgs"]
    for i, img in enumerate(facts["images"]):
        where = f"{page_path.name} figure {i} (section {img['section']!r})"
        assert img["complete"] and img["natural"] > 0, f"{where} did not decode: {img}"
        assert img["w"] > 50 and img["h"] > 50, f"{where} is drawn at {img['w']}x{img['h']} px"
        assert page.locator("img").nth(i).is_visible(), f"{where} is not visible"
    for svg in facts["svgs"]:
        assert svg["w"] > 50 and svg["h"] > 50, f"{page_path.name}: SVG figure drawn at {svg}"

    # Tables: every table shown to a reader has rows (an empty result is said in words, not as a bare header).
    for table in facts["tables"]:
        assert table["body_rows"] > 0, f"{page_path.name}: empty table in section {table['section']!r} ({table['header']})"

    # Nothing on stderr and no tracebacks in a report.
    assert facts["stderr"] == 0, f"{page_path.name}: {facts['stderr']} stderr outputs"
    assert facts["errors"] == [], f"{page_path.name}: error outputs {facts['errors']}"

    # Code hidden by default.
    assert facts["code_inputs"] == 0
    text = _normalised_text(page)
    leaked = [line for line in _code_lines(notebook) if line in text]
    assert leaked == [], f"{page_path.name} shows code although code is hidden: {leaked}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_report_shows_code_when_asked(sample_reports, open_page, tmp_path, notebook):
    """``show_code=True`` (``python -m analysis report --show-code``) keeps every code cell, visible."""
    from analysis.report import to_html
    executed = sample_reports / "executed" / notebook.name
    page_path = to_html(executed, tmp_path / f"{notebook.stem}.html", show_code=True)
    page, watch = open_page(_url(page_path))
    code_cells = sum(1 for c in nbformat.read(executed, as_version=4).cells if c.cell_type == "code")
    inputs = page.locator(".jp-CodeCell .jp-InputArea")
    assert inputs.count() == code_cells
    for i in range(code_cells):
        assert inputs.nth(i).is_visible()
    code_text = " ".join(" ".join(t.split()) for t in inputs.all_inner_texts())
    missing = [line for line in _code_lines(notebook) if line not in code_text]
    assert missing == [], f"code lines missing from {page_path.name}: {missing}"
    assert watch.problems() == {}


def test_build_reports_show_code(open_page, tmp_path):
    """The public entry point passes ``show_code`` through (one small build: notebook 00 only)."""
    from analysis.report import build_reports
    index = build_reports(corpus=None, out=tmp_path, only=["00"], show_code=True)
    page, watch = open_page(_url(tmp_path / "00_corpus.html"))
    assert page.locator(".jp-CodeCell .jp-InputArea").first.is_visible()
    text = _normalised_text(page)
    assert [line for line in _code_lines(NOTEBOOKS[0]) if line not in text] == []
    assert watch.problems() == {}
    hrefs = re.findall(r'href="([^"]+)"', index.read_text(encoding="utf-8"))
    assert hrefs == ["00_corpus.html", "articles.html", "dictionary.html"]
