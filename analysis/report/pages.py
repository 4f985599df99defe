"""The report folder's own pages: ``index.html`` (every report, its summary rendered) and ``dictionary.html``.

The data dictionary page is the README's data-dictionary sections (one per notebook,
anchored ``#nb-NN``), so every table's "columns explained" link lands on the columns of
its notebook; the README stays the one place where columns are documented.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from .. import config
from .text import inline_markdown

_STYLE = """body{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;line-height:1.5;color:#222}
li{margin-bottom:1em} li p{margin:.2em 0;color:#444} table{border-collapse:collapse;font-size:13px}
td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top} code{background:#f4f4f4}"""


def title_and_summary(nb, path: Path) -> tuple[str, str]:
    """A notebook's title (its first ``# heading``) and the first paragraph after it (Markdown)."""
    title, summary = path.stem, ""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        m = re.search(r"^#\s+(.+)$", cell.source, re.M)
        if m:
            title = m.group(1).strip()
        paras = [p.strip() for p in cell.source.split("\n\n") if p.strip() and not p.startswith("#")]
        summary = paras[0] if paras else ""
        break
    return title, summary


def write_index(pages: list[tuple[Path, Path]], out: Path, corpus_label: str, extra: list[tuple[str, str]] = ()) -> Path:
    """``index.html`` linking every report page (title and its summary, Markdown rendered) and ``extra`` pages."""
    import nbformat
    items = []
    for source, page in pages:
        title, summary = title_and_summary(nbformat.read(source, as_version=4), source)
        items.append(f'<li><a href="{html.escape(page.name)}">{html.escape(title)}</a>'
                     f'<p>{inline_markdown(summary)}</p></li>')
    more = "".join(f'<li><a href="{html.escape(href)}">{html.escape(text)}</a></li>' for href, text in extra)
    index = out / "index.html"
    index.write_text(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>News-analysis workbook: reports</title>
<style>{_STYLE}</style></head>
<body><h1>News-analysis workbook</h1>
<p>Reports built from the corpus <code>{html.escape(corpus_label)}</code>. Each page is a notebook executed
top to bottom on that corpus; code is hidden.</p>
<ol>
{chr(10).join(items)}
</ol>
<ul>{more}</ul></body></html>
""", encoding="utf-8")
    return index


def dictionary_sections(readme: str) -> list[tuple[str, str, str]]:
    """``(notebook number, heading, Markdown)`` of every data-dictionary section of the README."""
    sections, notebook = [], None
    lines = readme.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        number = re.match(r"^#{2,3} (?:Data dictionary: .*\(notebook (\d\d)\)|(\d\d) · (.*))", line)
        if number:
            notebook = number.group(1) or number.group(2)
        if re.match(r"^#{2,4} Data dictionary", line) and notebook:
            level = len(line) - len(line.lstrip("#"))
            body, j = [], i + 1
            while j < len(lines) and not re.match(rf"^#{{1,{level}}} ", lines[j]):
                body.append(lines[j])
                j += 1
            sections.append((notebook, line.lstrip("#").strip(), "\n".join(body)))
            i = j
            continue
        i += 1
    return sections


def write_dictionary(out: Path, readme: Path | None = None) -> Path:
    """``dictionary.html``: the README's data dictionary, one anchored section per notebook."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune
    readme = readme or config.ROOT / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.is_file() else ""
    parts = []
    for notebook, heading, body in dictionary_sections(text):
        parts.append(f'<section id="nb-{notebook}"><h2>{html.escape(heading)} (notebook {notebook})</h2>'
                     f'{markdown2html_mistune(body)}</section>')
    if not parts:
        parts.append("<p>The README with the data dictionary was not found next to the package.</p>")
    page = out / "dictionary.html"
    page.write_text(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Data dictionary</title><style>{_STYLE}</style></head>
<body><p><a href="index.html">&larr; All reports</a></p><h1>Data dictionary</h1>
{"".join(parts)}</body></html>
""", encoding="utf-8")
    return page
