"""Execute the numbered notebooks and export them as self-contained HTML reports.

:func:`build_reports` runs every ``notebooks/NN_*.ipynb`` against a corpus with
papermill (a fresh ``python3`` kernel, working directory ``notebooks/``), keeps
the executed copies in ``reports/`` (never touching ``notebooks/``) and writes
one HTML page per notebook plus ``index.html``. Pages use the ``report``
template (``analysis/templates/report``): JupyterLab's look, no CDN scripts,
code cells hidden unless ``show_code=True``.

:func:`refresh_notebooks` re-executes the committed notebooks in place on the
sample corpus (``make notebooks``) so their outputs stay what nbval checks.

Article text is untrusted: notebooks show it through :func:`esc`, :func:`md`
and pandas tables (which escape), never as raw HTML.

Notebooks import :func:`md` from here, so the Jupyter machinery (nbformat,
papermill, nbconvert: seconds of imports) is imported inside the functions that
need it, never at module level.
"""
from __future__ import annotations

import html
import os
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import config
from .corpus import load_corpus

KERNEL = "python3"
NOTEBOOK_PATTERN = re.compile(r"^\d\d_[\w-]+\.ipynb$")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|>~$])")


def esc(text) -> str:
    """Text made safe for HTML *and* Markdown output (``<`` and ``[x](javascript:...)`` become plain text)."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape("" if text is None else str(text), quote=True))


def md(template: str, **values):
    """A Markdown display whose ``{name}`` fields are filled with escaped values.

    Numbers are formatted as given by the template (``{n:,}``); strings pass through
    :func:`esc`. Use for every computed sentence in a notebook.
    """
    from IPython.display import Markdown
    safe = {k: (v if isinstance(v, (int, float)) and not isinstance(v, bool) else esc(v)) for k, v in values.items()}
    return Markdown(template.format(**safe))


def notebooks(folder: Path | None = None, only: list[str] | None = None) -> list[Path]:
    """The numbered notebooks (``NN_topic.ipynb``), sorted; ``only`` filters by number or name."""
    folder = folder or config.NOTEBOOKS
    found = sorted(p for p in folder.glob("*.ipynb") if NOTEBOOK_PATTERN.match(p.name))
    if only:
        wanted = {str(o).removesuffix(".ipynb") for o in only}
        found = [p for p in found if p.stem in wanted or p.stem[:2] in wanted]
    return found


def execute_notebook(source: Path, target: Path, corpus: str | None, timeout: int = 600) -> Path:
    """Run ``source`` with papermill into ``target`` with ``CORPUS`` set; raises on a cell error."""
    import papermill as pm
    target.parent.mkdir(parents=True, exist_ok=True)
    parameters = {"CORPUS": str(config.resolve_corpus(corpus))} if corpus is not None else {}
    pm.execute_notebook(
        str(source), str(target), parameters=parameters, kernel_name=KERNEL,
        cwd=str(source.parent), progress_bar=False, log_output=False,
        request_save_on_cell_execute=False, execution_timeout=timeout,
    )
    return target


def to_html(notebook_path: Path, target: Path, show_code: bool = False) -> Path:
    """Export an executed notebook with the self-contained ``report`` template."""
    from nbconvert import HTMLExporter
    exporter = HTMLExporter(template_name="report",
                            extra_template_basedirs=[str(Path(__file__).parent / "templates")])
    exporter.exclude_input = not show_code
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    import nbformat
    nb = nbformat.read(notebook_path, as_version=4)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": _title(nb, notebook_path)}})
    target.write_text(body, encoding="utf-8")
    return target


def _title(nb, path: Path) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return m.group(1).strip()
    return path.stem


def _summary(nb) -> str:
    """First paragraph after the title of a notebook's first markdown cell."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            paras = [p.strip() for p in cell.source.split("\n\n") if p.strip() and not p.startswith("#")]
            return paras[0] if paras else ""
    return ""


def write_index(pages: list[tuple[Path, Path]], out: Path, corpus_label: str) -> Path:
    """``index.html`` linking every report page (title and one-line summary each)."""
    import nbformat
    items = []
    for source, page in pages:
        nb = nbformat.read(source, as_version=4)
        items.append(f'<li><a href="{html.escape(page.name)}">{html.escape(_title(nb, source))}</a>'
                     f'<p>{html.escape(_summary(nb))}</p></li>')
    body = "\n".join(items)
    index = out / "index.html"
    index.write_text(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>News-analysis workbook: reports</title>
<style>body{{font-family:system-ui,sans-serif;max-width:900px;margin:2em auto;padding:0 1em;line-height:1.5}}
li{{margin-bottom:1em}} li p{{margin:.2em 0;color:#444}}</style></head>
<body><h1>News-analysis workbook</h1>
<p>Reports built from the corpus <code>{html.escape(corpus_label)}</code>. Each page is a notebook executed
top to bottom on that corpus; code is hidden.</p>
<ol>
{body}
</ol></body></html>
""", encoding="utf-8")
    return index


def _build_page(source: Path, executed: Path, page: Path, corpus: str, timeout: int, show_code: bool) -> Path:
    """Execute one notebook into ``executed`` and export it to ``page``."""
    execute_notebook(source, executed, corpus, timeout)
    return to_html(executed, page, show_code=show_code)


def _build_pages(jobs: list[tuple], workers: int | None) -> None:
    """Run :func:`_build_page` for each job, ``workers`` at a time in separate processes.

    Default: one per core, at most 2. Each notebook has its own kernel anyway; running two
    at once roughly halves the wall time on a 2-core machine. A failing notebook raises
    after the others finish.
    """
    workers = workers or max(1, min(2, os.cpu_count() or 1))
    if workers == 1 or len(jobs) < 2:
        for job in jobs:
            _build_page(*job)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_build_page, *job) for job in jobs]
        errors = [f.exception() for f in futures]
    for error in errors:
        if error is not None:
            raise error


def build_reports(corpus: str | None = None, out: str | Path | None = None, show_code: bool = False,
                  only: list[str] | None = None, timeout: int = 600, workers: int | None = None) -> Path:
    """Execute every numbered notebook on ``corpus`` and write HTML reports; returns ``index.html``.

    ``workers`` notebooks run at once (default: one per core, at most 2).
    """
    corpus_path = config.resolve_corpus(corpus)
    load_corpus(corpus_path)  # fail early with a clear message on a bad corpus path
    out = Path(out) if out else config.REPORTS
    out = out.resolve()
    sources = notebooks(only=only)
    pages = [out / f"{source.stem}.html" for source in sources]
    jobs = [(source, out / "executed" / source.name, page, str(corpus_path), timeout, show_code)
            for source, page in zip(sources, pages)]
    _build_pages(jobs, workers)
    label = "data/raw" if corpus_path == config.RAW else str(corpus_path)
    return write_index(list(zip(sources, pages)), out, label)


def refresh_notebooks(only: list[str] | None = None, timeout: int = 600) -> list[Path]:
    """Re-execute committed notebooks in place on ``data/raw`` (for ``make notebooks``).

    Uses nbclient directly so no papermill metadata or timings are written, and
    strips execution timing metadata, keeping the committed files stable.
    """
    import nbformat
    from nbclient import NotebookClient
    done = []
    for path in notebooks(only=only):
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=timeout, kernel_name=KERNEL,
                                resources={"metadata": {"path": str(path.parent)}}, record_timing=False)
        client.execute()
        for cell in nb.cells:
            cell.metadata.pop("execution", None)
        nb.metadata.pop("papermill", None)
        nbformat.write(nb, path)
        done.append(path)
    return done


if __name__ == "__main__":  # python -m analysis.report [NN ...]  -> refresh committed notebooks
    import sys
    for p in refresh_notebooks(only=sys.argv[1:] or None):
        print(f"executed {p.relative_to(config.ROOT)}")
