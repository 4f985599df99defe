"""Time of rebuilding every report: cold (empty caches) and cached (a rerun on an unchanged corpus).

Runs ``python -m analysis report`` (what ``make report`` runs) in a fresh process,
three times against a temporary cache folder: once with an empty cache (every
article parsed, every table computed), then twice with the cache filled (the
figure the workbook promises: a cached rerun of all notebooks in under 30 s).
Prints wall time and the load average, since a busy machine slows every figure.

``--pages`` then opens every page of the last build in Chromium on a 1,400 px wide window and
prints, per page, its weight, its load time (until every interactive table is drawn), its
height, its figures' drawn sizes and its tables; ``--existing DIR`` measures a folder built
before (say, by an older checkout) instead of building. ``--screenshots DIR`` saves the README's
three pictures from the build (a table, the evidence page, a scaled heat map).

    .venv/bin/python benchmarks/report.py [--corpus DIR] [--runs N] [--pages] [--existing DIR] [--screenshots DIR]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(corpus: str, out: Path, cache: Path) -> float:
    env = dict(os.environ, ANALYSIS_CACHE_DIR=str(cache))
    env.pop("ANALYSIS_TABLE_CACHE", None)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "analysis", "report", "--corpus", corpus, "--out", str(out)],
                   cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return time.perf_counter() - t


#: Measured in a page once it is drawn.
FACTS = """() => ({
  height: document.documentElement.scrollHeight,
  images: Array.from(document.querySelectorAll('img')).map((i) => [Math.round(i.getBoundingClientRect().width),
                                                                      Math.round(i.getBoundingClientRect().height)]),
  tables: document.querySelectorAll('table').length,
  interactive: document.querySelectorAll('.report-table').length,
  stderr: document.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]').length,
  load_ms: Math.round(performance.getEntriesByType('navigation')[0].loadEventEnd),
})"""
READY = """() => Array.from(document.querySelectorAll('.report-table')).every((t) => t.querySelector('table.dataTable'))"""


def measure_pages(out: Path, screenshots: Path | None = None) -> None:
    """Open every page of ``out`` in Chromium (1,400 px wide) and print what a reader gets."""
    from playwright.sync_api import sync_playwright
    pages = sorted(out.glob("[0-9][0-9]_*.html")) + [p for p in (out / "articles.html", out / "index.html") if p.exists()]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--headless"])
        for path in pages:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            t = time.perf_counter()
            page.goto(path.as_uri(), wait_until="load")
            page.wait_for_function(READY, timeout=60_000)
            drawn = time.perf_counter() - t
            facts = page.evaluate(FACTS)
            heights = [h for _, h in facts["images"]]
            figures = f"{len(heights)} figures {min(heights)}-{max(heights)} px tall" if heights else "no figure"
            print(f"  {path.name:28s} {path.stat().st_size / 1e6:5.1f} MB  drawn in {drawn:4.1f} s  "
                  f"height {facts['height']:7,d} px  {figures}; tables {facts['tables']} "
                  f"({facts['interactive']} interactive); stderr boxes {facts['stderr']}")
            if screenshots is not None:
                _screenshots(page, path, screenshots)
            page.close()
        browser.close()


def _screenshots(page, path: Path, folder: Path) -> None:
    """The README's pictures: a table (03 claims), the evidence page at a claim, the entity heat map (01)."""
    folder.mkdir(parents=True, exist_ok=True)
    if path.name.startswith("03_"):
        table = page.locator(".report-table[data-table='table-03-claims']")
        table.scroll_into_view_if_needed()
        table.screenshot(path=str(folder / "report-table.png"))
        link = table.locator("a.evidence-link").nth(3)
        link.click()
        page.wait_for_selector("mark.target")
        page.wait_for_timeout(300)
        page.screenshot(path=str(folder / "report-evidence.png"))
    if path.name.startswith("01_"):
        figure = page.locator(".jp-OutputArea-output img").nth(1)
        figure.scroll_into_view_if_needed()
        figure.screenshot(path=str(folder / "report-heatmap.png"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT / "data" / "raw"))
    parser.add_argument("--runs", type=int, default=2, help="cached reruns to time (default 2)")
    parser.add_argument("--pages", action="store_true", help="measure every page in Chromium after the build")
    parser.add_argument("--existing", type=Path, help="measure the pages of this folder; build nothing")
    parser.add_argument("--screenshots", type=Path, help="save the README's screenshots into this folder")
    args = parser.parse_args(argv)
    if args.existing:
        print(f"pages of {args.existing}")
        measure_pages(args.existing, args.screenshots)
        return 0
    print(f"reports of {args.corpus} ({os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f})")
    with tempfile.TemporaryDirectory() as tmp:
        cache, out = Path(tmp) / "cache", Path(tmp) / "reports"
        print(f"  cold (empty caches):  {build(args.corpus, out, cache):6.1f} s")
        for run in range(1, args.runs + 1):
            print(f"  cached rerun {run}:       {build(args.corpus, out, cache):6.1f} s")
        pages = sorted(p.name for p in out.glob("*.html"))
        print(f"  pages: {', '.join(pages)}")
        if args.pages or args.screenshots:
            measure_pages(out, args.screenshots)
    print(f"  (load average after: {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
