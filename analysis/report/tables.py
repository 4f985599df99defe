"""Interactive, complete tables for the reports: every row, paginated, sortable, searchable, downloadable.

:func:`show` turns a DataFrame into an `itables <https://mwouts.github.io/itables/>`_ table
(DataTables) in its offline form: the data travel as JSON inside the page and the
DataTables bundle (:func:`datatables_bundle`) is embedded with the first table a kernel
shows, so the tables work in JupyterLab and in the exported page alike and nothing is fetched. Cell text is escaped by itables
(``allow_html`` stays off): a ``<script>`` in an article is shown as text.

Every table is shown whole (no downsampling), with a search box, one filter per column,
a CSV download of the whole table (as filtered) and a link to the data dictionary. A
``doc_id`` cell (and ``doc_a``/``doc_b``/``claim_doc_id``) links to the article on the
evidence page (``articles.html#doc=...&start=...&end=...``, see
:mod:`analysis.report.evidence`) and shows the article's headline, outlet and date
under the id. Missing values are one empty cell, lists are joined with ``"; "``, and the
pandas index is dropped unless it carries data.
"""
from __future__ import annotations

import hashlib
import math
import re
from urllib.parse import quote

import pandas as pd

EVIDENCE_PAGE = "articles.html"
DICTIONARY_PAGE = "dictionary.html"
PAGE_LENGTH = 10
#: Whether this kernel has shown the DataTables bundle yet (it is embedded once, with the first table).
_BUNDLE_SHOWN = False
#: Doc-id column -> (start, end) columns of its span; the first pair found in a table is used.
SPAN_COLUMNS = {
    "doc_id": [("start", "end"), ("denial_start", "denial_end"), ("sentence_start", "sentence_end")],
    "doc_a": [("a_start", "a_end")],
    "doc_b": [("b_start", "b_end")],
    "claim_doc_id": [("claim_start", "claim_end")],
}
#: Rendering of a linked doc-id cell: the link, then the article's headline, outlet and date.
#: ``data`` and ``row[ABOUT]`` arrive HTML-escaped by itables; ``row[HREF]`` is percent-encoded.
_RENDER = """function (data, type, row, meta) {
  if (type !== 'display' || data === '' || data === null) { return data; }
  var about = row[ABOUT] ? '<div class="doc-meta">' + row[ABOUT] + '</div>' : '';
  return '<a class="evidence-link" href="PAGE#' + row[HREF] + '">' + data + '</a>' + about;
}"""


#: Longer cell text is cut on screen (the search, the sort and the CSV keep all of it).
CELL_CHARS = 300
_CUT = """function (data, type, row, meta) {
  if (type !== 'display' || typeof data !== 'string' || data.length <= CHARS) { return data; }
  var more = data.length - CHARS;
  return data.slice(0, CHARS).replace(/&[#a-z0-9]*$/i, '') + '<span class="cell-more"> … (' + more
    + ' more characters: search finds them, the CSV has them)</span>';
}""".replace("CHARS", str(CELL_CHARS))


def show(df: pd.DataFrame | pd.Series, corpus=None, name: str = "table", *, links: dict | None = None,
         page_length: int = PAGE_LENGTH):
    """Display ``df`` as a complete interactive table (an IPython ``HTML`` object).

    ``corpus`` (optional) gives each linked article's headline, outlet and date. ``name``
    (``"NN-what"``, unique on its page) names the table's element, its CSV file and its
    notebook's part of the data dictionary. ``links`` maps doc-id columns to their
    ``(start, end)`` columns (or ``None`` for a link to the whole article); by default the
    columns of :data:`SPAN_COLUMNS` are found by name.
    """
    from IPython.display import HTML, Markdown
    if len(df) == 0:
        return Markdown("*This table has no rows for this corpus.*")
    global _BUNDLE_SHOWN
    bundle = "" if _BUNDLE_SHOWN else datatables_bundle()
    _BUNDLE_SHOWN = True
    return HTML(bundle + table_html(df, corpus, name, links=links, page_length=page_length))


def table_html(df: pd.DataFrame | pd.Series, corpus=None, name: str = "table", *, links: dict | None = None,
               page_length: int = PAGE_LENGTH) -> str:
    """The HTML of :func:`show`: a tools line (dictionary link) and the itables table."""
    from itables import JavascriptFunction, to_html_datatable
    frame = tidy(df)
    links = find_links(frame) if links is None else links
    visible = len(frame.columns)
    column_defs = []
    articles = {a.doc_id: a for a in corpus} if corpus is not None else {}
    for doc_col, span in links.items():
        href_col, about_col = f"_href_{doc_col}", f"_about_{doc_col}"
        frame[href_col] = evidence_hrefs(frame, doc_col, span)
        frame[about_col] = [about(articles.get(d)) for d in frame[doc_col]]
        render = (_RENDER.replace("PAGE", EVIDENCE_PAGE)
                  .replace("HREF", str(frame.columns.get_loc(href_col)))
                  .replace("ABOUT", str(frame.columns.get_loc(about_col))))
        column_defs.append({"targets": frame.columns.get_loc(doc_col), "render": JavascriptFunction(render)})
    if len(frame.columns) > visible:
        column_defs.append({"targets": list(range(visible, len(frame.columns))), "visible": False})
    column_defs.append({"targets": "_all", "className": "dt-left", "render": JavascriptFunction(_CUT)})
    table_id = "table-" + _slug(name)
    options = dict(
        table_id=table_id, connected=False, maxBytes=0, allow_html=False, showIndex=False,
        classes=["display", "compact", "cell-border"], pageLength=page_length,
        lengthMenu=[[10, 25, 100, -1], [10, 25, 100, "All"]], order=[],
        column_filters="footer" if len(frame) > page_length else False,
        buttons=[{"extend": "csvHtml5", "text": "Download CSV (all rows)", "filename": _slug(name), "footer": False,
                  "exportOptions": {"columns": ":visible", "orthogonal": "export"}}],
        layout={"topStart": "buttons", "topEnd": "search" if len(frame) > page_length else None,
                "bottomStart": "info" if len(frame) > page_length else None,
                "bottomEnd": "paging" if len(frame) > page_length else None,
                "bottom2Start": "pageLength" if len(frame) > page_length else None},
        columnDefs=column_defs, style={"width": "100%", "table-layout": "auto", "caption-side": "bottom"},
        autoWidth=False,
    )
    # The table's own script carries the (escaped) cell data: marked as the report's, for the page checks.
    table = to_html_datatable(frame, **options).replace('<script type="module">', '<script type="module" data-report="table">')
    section = re.match(r"\d\d", name)
    anchor = f"#nb-{section.group(0)}" if section else ""
    rows = f"{len(frame):,} row{'s' if len(frame) != 1 else ''}"
    tools = (f'<div class="table-tools">{rows} &middot; columns explained in the '
             f'<a href="{DICTIONARY_PAGE}{anchor}">data dictionary</a></div>')
    return f'<div class="report-table" data-table="{table_id}" data-rows="{len(frame)}">{tools}\n{table}</div>'


def tidy(df: pd.DataFrame | pd.Series) -> pd.DataFrame:
    """A copy fit for display: index dropped (kept as columns when it carries data), one empty value.

    Missing values (``None``, ``NaN``, ``NaT``, ``<NA>``) become ``""``; lists, tuples and sets
    are joined with ``"; "``; floats that are all whole numbers become integers; dates are ISO text.
    """
    frame = df.to_frame() if isinstance(df, pd.Series) else df.copy()
    if not isinstance(frame.index, pd.RangeIndex) or frame.index.name is not None:
        frame = frame.reset_index()
    else:
        frame = frame.reset_index(drop=True)
    frame.columns = [str(c) for c in frame.columns]
    for col in frame.columns:
        frame[col] = _tidy_column(frame[col])
    return frame


def _tidy_column(series: pd.Series) -> pd.Series:
    if pd.api.types.is_bool_dtype(series):
        return series.map(lambda v: "yes" if v else "no")
    if pd.api.types.is_float_dtype(series):
        values = series.dropna()
        if len(values) and all(math.isfinite(v) and float(v).is_integer() for v in values):
            return series.map(lambda v: "" if pd.isna(v) else int(v)).astype(object)
        return series.map(lambda v: "" if pd.isna(v) else round(float(v), 3)).astype(object)
    if pd.api.types.is_integer_dtype(series):
        return series.map(lambda v: "" if pd.isna(v) else int(v)).astype(object)
    if pd.api.types.is_datetime64_any_dtype(series):
        return series.map(lambda v: "" if pd.isna(v) else v.date().isoformat()).astype(object)
    return series.map(_cell).astype(object)


def _cell(value):
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return "; ".join("" if v is None else str(v) for v in items)
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else round(value, 3)
    if hasattr(value, "item"):  # numpy scalar
        return _cell(value.item())
    return str(value)


def find_links(frame: pd.DataFrame) -> dict:
    """Doc-id columns of ``frame`` and the ``(start, end)`` columns of their spans (``None``: none)."""
    found = {}
    for doc_col, spans in SPAN_COLUMNS.items():
        if doc_col in frame.columns:
            found[doc_col] = next(((s, e) for s, e in spans if s in frame.columns and e in frame.columns), None)
    return found


def evidence_hrefs(frame: pd.DataFrame, doc_col: str, span: tuple[str, str] | None) -> list[str]:
    """The evidence-page fragment (``doc=...&start=...&end=...``) of every row (``""`` with no doc id)."""
    hrefs = []
    for i in range(len(frame)):
        doc = frame[doc_col].iat[i]
        if doc == "" or doc is None:
            hrefs.append("")
            continue
        start, end = (frame[span[0]].iat[i], frame[span[1]].iat[i]) if span else ("", "")
        hrefs.append(evidence_fragment(str(doc), start, end))
    return hrefs


def evidence_fragment(doc_id: str, start=None, end=None) -> str:
    """``doc=<id>&start=<n>&end=<n>`` (the id percent-encoded; offsets left out when unknown)."""
    fragment = "doc=" + quote(doc_id, safe="")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end:
        fragment += f"&start={start}&end={end}"
    return fragment


def about(article) -> str:
    """``headline · outlet · date`` of an article (what is known of it; ``""`` for ``None``)."""
    if article is None:
        return ""
    return " · ".join(str(v) for v in (article.title, article.source, article.date) if v)


def first_evidence(table: pd.DataFrame, detail: pd.DataFrame, on: str | list[str],
                   columns=("doc_id", "start", "end")) -> pd.DataFrame:
    """``table`` with the ``doc_id, start, end`` of its first row in ``detail`` (matched ``on``) appended.

    For a summary table (one row per entity, speaker, target) whose rows otherwise have no
    single span: the first piece of evidence, by ``doc_id`` then ``start``, is linked.
    """
    on = [on] if isinstance(on, str) else list(on)
    first = detail.sort_values(list(columns[:2])).drop_duplicates(on)[list(dict.fromkeys(on + list(columns)))]
    first = first.rename(columns=dict(zip(columns, ("doc_id", "start", "end"))))
    keep = [c for c in table.columns if c in on or c not in ("doc_id", "start", "end")]
    return table[keep].merge(first, on=on, how="left")


def datatables_bundle() -> str:
    """The HTML that embeds itables' DataTables bundle (JavaScript and CSS) in a page, offline.

    Its scripts are marked ``data-report`` (the report's own); the bundle is base64 text.
    """
    from itables import options
    from itables.javascript import generate_init_offline_itables_html
    return generate_init_offline_itables_html(options.dt_bundle).replace("<script>", '<script data-report="bundle">')


def _slug(name: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or "table"
    if slug != name:
        slug += "-" + hashlib.sha1(name.encode()).hexdigest()[:6]
    return slug
