"""The reports at real size: a 300-article corpus, generated here from templates (large_corpus.py).

What an editor meets on a corpus of hundreds of articles, checked in Chromium on a 1,400 px wide
page: every table complete (no "first and last 5 rows"), searchable when it is long, its CSV the
whole table; every figure drawn between 200 x 120 and 2,000 px tall; no page taller than 30,000
px; no stderr box; a doc id shows its headline, outlet and date and leads to the evidence page,
where the row's span is marked and scrolled into view; the index renders its Markdown; the run
prints its progress and no kernel noise. Load time is measured by ``benchmarks/report.py``
(timings belong in benchmarks); here the page weight and DOM size that decide it are bounded.

The build runs once per session (``python -m analysis report``, the user's command); the parse
cache keeps reruns short.
"""
from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote

import pytest

from browser_util import ROOT, numbered_notebooks, save_screenshot
from large_corpus import ORGANISATIONS, PEOPLE, PLACES, SANCTION_TARGETS, SIZE, articles, write_corpus

pytestmark = [pytest.mark.slow, pytest.mark.browser]

NOTEBOOKS = numbered_notebooks()
IDS = [p.stem for p in NOTEBOOKS]
WIDTH = 1400
RECORDS = {a["id"]: a for a in articles()}

#: Measured in a page: figures, tables, outputs on stderr, height, size of the DOM.
FACTS = """() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return {w: r.width, h: r.height}; };
  return {
    images: Array.from(document.querySelectorAll('.jp-OutputArea-output img')).map(box),
    tables: Array.from(document.querySelectorAll('.report-table')).map((t) => ({
      id: t.dataset.table, rows: +t.dataset.rows,
      search: !!t.querySelector('.dt-search input'),
      info: (t.querySelector('.dt-info') || {}).textContent || '',
      body_rows: t.querySelectorAll('table.dataTable > tbody > tr').length})),
    plain_tables: Array.from(document.querySelectorAll('table.dataframe')).filter((t) => !t.closest('.report-table')).length,
    stderr: document.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]').length,
    errors: document.querySelectorAll('[data-mime-type="application/vnd.jupyter.error"]').length,
    height: document.documentElement.scrollHeight,
    nodes: document.getElementsByTagName('*').length,
    text: document.body.innerText,
  };
}"""


@pytest.fixture(scope="session")
def scale_build(tmp_path_factory):
    """The reports of the generated 300-article corpus and the run's stderr.

    ``SCALE_REPORTS=DIR`` checks a build made before instead (``DIR/stderr.txt`` holds its stderr).
    """
    import os
    if os.environ.get("SCALE_REPORTS"):
        out = Path(os.environ["SCALE_REPORTS"])
        return out, (out / "stderr.txt").read_text(encoding="utf-8") if (out / "stderr.txt").exists() else ""
    folder = tmp_path_factory.mktemp("scale")
    corpus = write_corpus(folder / "corpus.jsonl")
    out = folder / "reports"
    result = subprocess.run([sys.executable, "-m", "analysis", "report", "--corpus", str(corpus), "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, f"report failed:\n{result.stderr[-3000:]}"
    return out, result.stderr


def _open(open_page, path: Path, fragment: str = ""):
    page, watch = open_page("")
    page.set_viewport_size({"width": WIDTH, "height": 900})
    page.goto(path.as_uri() + fragment, wait_until="load")
    page.wait_for_function("""() => Array.from(document.querySelectorAll('.report-table'))
        .every((t) => t.querySelector('table.dataTable'))""")
    return page, watch


def _total(info: str) -> int | None:
    """The row count DataTables reports ("Showing 1 to 10 of 2,946 entries")."""
    m = re.search(r"of ([\d,]+) entr(?:y|ies)", info)
    return int(m.group(1).replace(",", "")) if m else None


def test_the_corpus_is_large_enough():
    assert len(RECORDS) == SIZE >= 300


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_page_at_scale(scale_build, open_page, notebook):
    out, _ = scale_build
    path = out / f"{notebook.stem}.html"
    page, watch = _open(open_page, path)
    facts = page.evaluate(FACTS)
    save_screenshot(page, out, f"scale-{notebook.stem}")
    assert watch.problems() == {}, watch.problems()
    assert facts["stderr"] == 0 and facts["errors"] == 0, f"{path.name}: stderr or error boxes"
    assert "rows ×" not in facts["text"] and facts["plain_tables"] == 0, f"{path.name}: a truncated pandas table"
    assert facts["tables"], f"{path.name} shows no table"
    for table in facts["tables"]:
        shown = _total(table["info"]) if table["info"] else table["body_rows"]
        assert shown == table["rows"], f"{path.name} {table['id']}: {shown} of {table['rows']} rows reachable"
        if table["rows"] > 20:
            assert table["search"], f"{path.name} {table['id']}: {table['rows']} rows and no search box"
    for i, img in enumerate(facts["images"]):
        assert img["w"] >= 200 and 120 <= img["h"] <= 2000, f"{path.name} figure {i} drawn at {img}"
    assert facts["height"] <= 30_000, f"{path.name} is {facts['height']} px tall"
    assert facts["nodes"] <= 40_000, f"{path.name} has {facts['nodes']} elements"
    assert path.stat().st_size <= 10_000_000, f"{path.name} weighs {path.stat().st_size:,} bytes"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_search_box_filters_every_long_table(scale_build, open_page, notebook):
    out, _ = scale_build
    page, _ = _open(open_page, out / f"{notebook.stem}.html")
    for table in page.locator(".report-table").all():
        rows = int(table.get_attribute("data-rows"))
        if rows <= 20:
            continue
        first = table.locator("table.dataTable > tbody > tr").first.locator("td").first.inner_text().split("\n")[0]
        search = table.locator(".dt-search input")
        search.fill("no-such-text-anywhere-xyz")
        assert "Showing 0 to 0 of 0 entries" in table.locator(".dt-info").inner_text()
        search.fill(first)
        info = table.locator(".dt-info").inner_text()
        kept = _total(info)
        assert kept is not None and 1 <= kept <= rows, info
        for cell in table.locator("table.dataTable > tbody > tr").all():
            assert first.lower() in cell.inner_text().lower()
        search.fill("")


def test_doc_ids_show_headline_outlet_and_date(scale_build, open_page):
    out, _ = scale_build
    page, _ = _open(open_page, out / "00_corpus.html")
    table = page.locator(".report-table").first
    for row in table.locator("table.dataTable > tbody > tr").all()[:5]:
        link = row.locator("a.evidence-link")
        doc_id = link.inner_text()
        record = RECORDS[doc_id]
        about = row.locator(".doc-meta").inner_text()
        assert record["title"] in about and record["source"] in about and record["date"] in about


def test_table_cells_are_text_left_aligned_with_one_empty_value(scale_build, open_page):
    out, _ = scale_build
    page, _ = _open(open_page, out / "03_claim_attribution.html")
    for select in page.locator(".dt-length select").all():
        select.select_option("-1")  # every row of every table on the page
    cells = page.eval_on_selector_all(".report-table table.dataTable > tbody td",
                                      "tds => tds.map((td) => [td.innerText.trim(), getComputedStyle(td).textAlign])")
    assert len(cells) > 1000
    assert {text for text, _ in cells} & {"NaN", "nan", "None", "<NA>", "NaT"} == set()
    assert {align for _, align in cells} == {"left"}
    headers = page.eval_on_selector_all(".report-table table.dataTable > thead th", "ths => ths.map((th) => th.innerText.trim())")
    assert "" not in headers, f"a header without a name (a pandas index column?): {headers}"


def test_csv_download_is_the_whole_table(scale_build, open_page, tmp_path):
    out, _ = scale_build
    page, _ = _open(open_page, out / "03_claim_attribution.html")
    table = page.locator(".report-table[data-table='table-03-claims']")
    rows = int(table.get_attribute("data-rows"))
    assert rows > 100
    with page.expect_download() as info:
        table.get_by_text("Download CSV").click()
    target = tmp_path / "claims.csv"
    info.value.save_as(target)
    with target.open(encoding="utf-8-sig", newline="") as fh:
        data = list(csv.reader(fh))
    assert data[0][:4] == ["doc_id", "start", "end", "kind"]
    assert len(data) - 1 == rows
    assert {r[0] for r in data[1:]} <= set(RECORDS)


NAMES = [p for p, _ in PEOPLE] + ORGANISATIONS + PLACES


@pytest.mark.parametrize("notebook, table, expected", [
    ("01_entity_frequency", "table-01-entities", NAMES),
    ("03_claim_attribution", "table-03-claims", None),
    ("04_sanction_lists", "table-04-evidence", SANCTION_TARGETS),
], ids=["01", "03", "04"])
def test_a_row_leads_to_its_evidence(scale_build, open_page, notebook, table, expected):
    out, _ = scale_build
    page, watch = _open(open_page, out / f"{notebook}.html")
    link = page.locator(f".report-table[data-table='{table}'] a.evidence-link").first
    href = link.get_attribute("href")
    assert href.startswith("articles.html#doc=") and "&start=" in href
    link.click()
    page.wait_for_url(re.compile(r"articles\.html#"))
    page.wait_for_selector("mark.target")
    query = parse_qs(href.split("#", 1)[1])
    doc_id, start, end = unquote(query["doc"][0]), int(query["start"][0]), int(query["end"][0])
    marked = "".join(page.locator("mark.target").all_inner_texts())
    assert marked == RECORDS[doc_id]["text"][start:end]
    if expected is not None:
        assert any(name.lower().removeprefix("the ") in marked.lower() for name in expected), marked
    box = page.locator("mark.target").first.bounding_box()
    assert 0 <= box["y"] <= 900, f"the marked span is not scrolled into view: {box}"
    assert RECORDS[doc_id]["title"] in page.locator("#article-header").inner_text()
    assert page.locator("#article-header a").get_attribute("href") == RECORDS[doc_id]["url"]
    assert page.locator("mark.layer-entity").count() > 0, "the article's entities are not highlighted"
    save_screenshot(page, out, f"scale-evidence-{notebook[:2]}")
    assert watch.problems() == {}


def test_evidence_page_at_scale(scale_build, open_page):
    out, _ = scale_build
    path = out / "articles.html"
    page, watch = _open(open_page, path)
    assert page.locator("#article-list li").count() == SIZE
    assert page.locator(".legend input[data-layer]").count() == 6
    assert page.evaluate("document.documentElement.scrollHeight") <= 30_000
    page.fill("#article-filter", "a299-")
    assert page.locator("#article-list li:not([hidden])").count() == 1
    page.uncheck(".legend input[data-layer='5']")  # entities off
    assert page.locator("mark.layer-entity").count() == 0
    assert watch.problems() == {}


def test_index_renders_markdown_and_links_every_page(scale_build, open_page):
    out, _ = scale_build
    page, _ = _open(open_page, out / "index.html")
    text = page.inner_text("body")
    assert "**" not in text and page.locator("li p strong").count() >= len(NOTEBOOKS)
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => a.getAttribute('href'))")
    assert set(hrefs) == {f"{p.stem}.html" for p in NOTEBOOKS} | {"articles.html", "dictionary.html"}


def test_dictionary_link_lands_on_the_notebook_columns(scale_build, open_page):
    out, _ = scale_build
    page, _ = _open(open_page, out / "04_sanction_lists.html")
    page.locator(".table-tools a").first.click()
    page.wait_for_url(re.compile(r"dictionary\.html#nb-04$"))
    assert page.locator("#nb-04 table").count() >= 1


def test_figures_at_scale_say_what_was_left_out(scale_build, open_page):
    out, _ = scale_build
    page, _ = _open(open_page, out / "02_source_overlap.html")
    text = page.inner_text("body")
    assert re.search(r"[\d,]+ of the 300 articles .* not drawn", text), "the heat maps do not say what they leave out"
    page, _ = _open(open_page, out / "00_corpus.html")
    assert "Coverage over time" in page.inner_text("body")


def test_run_prints_progress_and_no_kernel_noise(scale_build):
    _, stderr = scale_build
    for notebook in NOTEBOOKS:
        assert f"done {notebook.stem}" in stderr
    assert "IPKernelApp" not in stderr and "KeyboardInterrupt" not in stderr, stderr[-2000:]
