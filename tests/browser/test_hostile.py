"""A hostile corpus: article text that is also HTML, Markdown and script.

Users drop scraped pages into the workbook; its reports are then opened by editors.
Article text is untrusted, so a report built from articles carrying script tags,
event handlers, ``javascript:`` links (HTML and Markdown), HTML comments, a style
block and a very long line must show all of it as text and run none of it.

Every payload leaves a trace if it ever executes or becomes markup
(``window.__pwned``, a changed ``document.title``, a dialog, a request for the
image ``x``, an element or comment carrying the word ``pwned``). The same
detector runs on pages with the payloads injected raw, to prove it sees them.

Failures name the notebook page that leaked; the fix belongs in that notebook's
module (escape with ``analysis.report.esc``/``md``, ``Styler.format(escape="html")``,
displaCy through the escaping helper).
"""
from __future__ import annotations

import json

import pytest

from browser_util import numbered_notebooks, save_screenshot

pytestmark = [pytest.mark.slow, pytest.mark.browser]

NOTEBOOKS = numbered_notebooks()
IDS = [p.stem for p in NOTEBOOKS]

#: name -> (payload, marker). The marker is a piece of the payload that must be
#: visible text wherever the page's HTML carries it (else it became markup).
PAYLOADS = {
    "script_alert": ("<script>alert(1)</script>", "alert(1)"),
    "script_flag": ("<script>window.__pwned='script'</script>", "__pwned='script'"),
    "img_onerror": ("<img src=x onerror=\"document.title='pwned-img';window.__pwned='img'\">", "pwned-img"),
    "svg_onload": ("<svg onload=\"window.__pwned='svg'\"><circle r=9></circle></svg>", "__pwned='svg'"),
    "html_link": ("<a href=\"javascript:window.__pwned='link'\">full report</a>", "__pwned='link'"),
    "markdown_link": ("[the full report](javascript:window.__pwned='md')", "__pwned='md'"),
    "markdown_autolink": ("<javascript:window.__pwned='autolink'>", "__pwned='autolink'"),
    "iframe": ("<iframe src=\"javascript:parent.__pwned='iframe'\"></iframe>", "__pwned='iframe'"),
    "comment": ("<!-- pwned-comment: note to the editor -->", "pwned-comment"),
    "style": ("<style>/* pwned-style */ body { display: none }</style>", "pwned-style"),
    "meta_refresh": ("<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__pwned='meta'\">", "__pwned='meta'"),
}
P = {name: payload for name, (payload, _) in PAYLOADS.items()}

#: A "scraped page without line breaks": ~200,000 characters on one line, prose that varies
#: (so it is not boilerplate) and carries payloads at its start, middle and end.
LONG_LINE = " ".join(
    f"Item {i} of the audit covers the {['harbour', 'rail', 'grid', 'water', 'school'][i % 5]} budget "
    f"of district {i % 37}, where spending rose {i % 9 + 1} per cent against the plan."
    for i in range(2300)
)
LONG_LINE = (P["script_alert"] + " " + LONG_LINE[:100_000] + " " + P["img_onerror"] + " "
             + LONG_LINE[100_000:] + " " + P["markdown_link"])
#: One unbroken 12,000-character token (a pasted data URI, say) to stress table layout.
LONG_TOKEN = "data:text/html;base64," + "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg" * 350

WIRE_PARAGRAPHS = [
    f"Brussels – The European Union on Tuesday imposed sanctions on Northstar Maritime Holdings "
    f"{P['img_onerror']} and its chief executive, Viktor Halden, accusing the shipping group of moving "
    f"embargoed oil through a fleet of ageing tankers.",
    "The measures include an asset freeze and a travel ban on Halden, the Council of the European Union "
    "said in a statement, and bar EU companies from providing insurance to the group's vessels.",
    "The United States Treasury Department sanctioned Northstar Maritime Holdings in March, and Britain "
    "followed in April, adding the company to its consolidated list of financial sanctions targets.",
    f"“These tankers are floating loopholes,” said Kaja Lindqvist, the EU's foreign policy chief. "
    f"“{P['script_flag']} We will close them one by one.”",
    "Halden denied any wrongdoing. “Northstar has never carried a barrel of sanctioned oil,” he told "
    "reporters in Oslo, adding that the company would challenge the listing at the General Court.",
]


def hostile_articles() -> list[dict]:
    """Six articles in the shape of a user's JSONL export: text plus metadata fields, all hostile."""
    return [
        {
            "id": "h1-port-deal",
            "title": f"{P['script_alert']} Finance minister resigns over port deal",
            "url": "javascript:window.__pwned='url'",
            "author": P["img_onerror"],
            "source": P["html_link"],
            "date": "2024-03-05",
            "text": "\n".join([
                f"{P['script_alert']} Finance minister resigns over port deal",
                f"Lisbon – Portugal's finance minister, Rui Carvalho, resigned on Monday {P['script_flag']} after "
                f"prosecutors opened an inquiry into the sale of the Port of Sines concession to Atlantic Gateway Partners.",
                f"“I have done nothing wrong, {P['img_onerror']} and I will prove it,” Carvalho said in a televised "
                f"statement, adding that he was stepping down to protect the government.",
                f"Prime Minister Ana Figueira accepted the resignation and said the inquiry must run its course. "
                f"Read the prosecutors' note at {P['html_link']} or {P['markdown_link']}.",
                f"Opposition leader Marta Lobo said the deal had been {P['comment']} rushed through parliament "
                f"and called for the contract to be suspended. {P['markdown_autolink']}",
                f"Atlantic Gateway Partners, which is registered in Luxembourg, declined to comment. {P['svg_onload']}",
                f"The European Commission said it was following the case closely. {P['iframe']} {P['style']}",
                "Source: Reuters",
            ]),
        },
        {
            "id": "h2-tanker-sanctions",
            "title": "EU sanctions Northstar Maritime over shadow fleet",
            "url": "https://news.example.org/world/eu-sanctions-northstar",
            "author": "Elena Brandt",
            "source": "Reuters",
            "date": "2024-05-14",
            "text": "\n".join(["EU sanctions Northstar Maritime over shadow fleet", *WIRE_PARAGRAPHS,
                               "Shipping analysts said the fleet had grown to more than 40 vessels since 2022."]),
        },
        {
            "id": "h3-tanker-rewrite",
            "title": f"Shadow fleet owner hit by EU asset freeze {P['meta_refresh']}",
            "url": "https://daily.example.com/2024/05/14/shadow-fleet",
            "author": "Staff writer",
            "source": P["markdown_link"],
            "date": P["script_flag"],
            "text": "\n".join([
                f"Shadow fleet owner hit by EU asset freeze {P['meta_refresh']}",
                *WIRE_PARAGRAPHS[:3],
                f"Kaja Lindqvist, the EU's foreign policy chief, called the tankers “floating loopholes” "
                f"and vowed to close them. {P['comment']}",
                WIRE_PARAGRAPHS[4],
                f"Norway's foreign ministry said it would align with the EU measures. {P['markdown_autolink']}",
            ]),
        },
        {
            "id": "h4-long-line",
            "title": "Audit of regional spending, full text",
            "author": "Audit Office",
            "text": "\n".join([
                "Audit of regional spending, full text",
                f"Madrid – Spain's Court of Audit published its review of regional budgets on Friday, "
                f"and the finance ministry said it accepted its findings. {P['script_alert']}",
                LONG_LINE,
                f"Attachment: {LONG_TOKEN}",
            ]),
        },
        {
            "id": "h5-denial",
            "title": f"Minister denies {P['markdown_link']} bribery claim",
            "url": "https://example.net/a?b=<script>alert(1)</script>",
            "date": "2024-06-01",
            "text": "\n".join([
                f"Minister denies {P['markdown_link']} bribery claim",
                f"Warsaw – Poland's infrastructure minister, Tomasz Wrona, on Saturday denied accepting bribes "
                f"from the construction group Baltyk Budowa {P['svg_onload']}, calling the allegation “a fabrication”.",
                f"“I never met anyone from Baltyk Budowa {P['script_alert']} outside an official meeting,” Wrona told "
                f"the broadcaster TVN24.",
                f"The Central Anti-Corruption Bureau said it had questioned three officials. {P['iframe']}",
                f"According to the bureau's spokesman, Piotr Nowak, the inquiry began in January {P['comment']}.",
                f"Brussels has frozen part of the recovery funds earmarked for the project. {P['html_link']}",
            ]),
        },
        {
            "id": "h6-treasury",
            "title": "US Treasury sanctions arms broker",
            "source": "Associated Press",
            "date": "2024-07-22",
            "text": "\n".join([
                "US Treasury sanctions arms broker",
                f"Washington – The US Treasury Department on Monday imposed sanctions on Cyprus-based arms broker "
                f"Leonid Sarkis {P['script_alert']} and two of his companies, Meridian Trade Services and "
                f"Eastgate Logistics, for supplying drone parts to Russia.",
                f"The Office of Foreign Assets Control added the three to its Specially Designated Nationals list, "
                f"freezing any assets they hold in the United States. {P['img_onerror']}",
                f"“Those who arm Russia's war will be cut off from the US financial system,” Treasury Secretary "
                f"Janet Yellen said. {P['markdown_autolink']}",
                "Sarkis could not be reached for comment. Britain sanctioned Meridian Trade Services in February.",
                f"The State Department said it was offering a reward for information on the network. {P['style']}",
            ]),
        },
    ]


@pytest.fixture(scope="session")
def hostile_reports(tmp_path_factory):
    """Every numbered notebook executed on the hostile corpus and exported, once per session."""
    from analysis.report import build_reports
    folder = tmp_path_factory.mktemp("hostile-corpus")
    corpus_file = folder / "hostile.jsonl"
    corpus_file.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in hostile_articles()),
                           encoding="utf-8")
    out = tmp_path_factory.mktemp("hostile-reports")
    build_reports(corpus=str(corpus_file), out=out)
    return out


#: Traces a payload leaves in the DOM if it became markup or ran. Returns a list of findings.
TRACES = """() => {
  const found = [];
  if (window.__pwned !== undefined) found.push('script ran: window.__pwned = ' + window.__pwned);
  if (document.title.includes('pwned')) found.push('script ran: document.title = ' + document.title);
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
      if (name.startsWith('on')) found.push(`<${tag}> has an event handler ${name}`);
      if (value.includes('javascript:')) found.push(`<${tag} ${name}> is a javascript: URL`);
      if (value.includes('pwned')) found.push(`<${tag} ${name}> carries the payload`);
    }
    // The report's own scripts (data-report) carry article text as escaped data, never as code.
    if (['script', 'style', 'iframe', 'meta', 'object', 'embed', 'svg'].includes(tag)
        && !(tag === 'script' && el.dataset.report) && el.outerHTML.includes('pwned'))
      found.push(`a <${tag}> element from the payload`);
    if (tag === 'img' && el.getAttribute('src') === 'x') found.push('an <img src=x> element from the payload');
  }
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_COMMENT);
  while (walker.nextNode()) {
    if (walker.currentNode.data.includes('pwned')) found.push('an HTML comment from the payload');
  }
  if (getComputedStyle(document.body).display === 'none') found.push('the page body is hidden by an injected style');
  return found;
}"""


def _check_page(page, watch, html_source: str) -> list[str]:
    """Everything wrong with a page built from hostile text (empty when it is safe).

    Every row of every interactive table is shown first (length "All"), so the text check sees them all.
    """
    page.wait_for_timeout(300)  # let any timer, onerror or refresh fire
    for select in page.locator(".dt-length select").all():
        select.select_option("-1")
    problems = [f"{kind}: {items}" for kind, items in watch.problems().items()]
    problems += page.evaluate(TRACES)
    text = page.inner_text("body")
    for name, (payload, marker) in PAYLOADS.items():
        in_source = marker in html_source or marker.replace("'", "&#x27;") in html_source \
            or marker.replace("'", "&#39;") in html_source
        if in_source and marker not in text:
            problems.append(f"{name}: {marker!r} is in the page source but not shown as text (it became markup)")
    return problems


def test_detector_sees_raw_payloads(open_page):
    """Control: the same payloads injected unescaped are caught (so a clean page means something)."""
    page, watch = open_page("")
    html = "<!DOCTYPE html><html><head><title>control</title></head><body><p>x</p>" \
        + "".join(payload for payload, _ in PAYLOADS.values()) + "</body></html>"
    page.set_content(html, wait_until="load")
    problems = _check_page(page, watch, html)
    joined = "\n".join(problems)
    assert "dialogs" in joined and "window.__pwned" in joined and "pwned-img" in joined
    for name in ("svg", "iframe", "meta", "script", "style"):
        assert f"<{name}" in joined, f"control did not see the {name} payload:\n{joined}"
    assert "HTML comment" in joined and "javascript: URL" in joined and "img src=x" in joined


def test_detector_sees_a_leak_through_the_report_template(open_page, tmp_path):
    """Control: a notebook output carrying raw article HTML goes through the exporter untouched and is caught.

    This is why escaping must happen in the notebooks' code: the report template
    does not (and cannot) sanitise an output that is already HTML.
    """
    import nbformat
    from analysis.report import to_html
    raw = "<p>Title: " + P["img_onerror"] + P["script_flag"] + P["html_link"] + "</p>"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# A leaking notebook"),
                nbformat.v4.new_code_cell("display(HTML(title))", execution_count=1, outputs=[
                    nbformat.v4.new_output("display_data", data={"text/html": raw, "text/plain": "<HTML>"})])]
    executed = tmp_path / "99_leak.ipynb"
    nbformat.write(nb, executed)
    page_path = to_html(executed, tmp_path / "99_leak.html")
    page, watch = open_page(page_path.as_uri())
    joined = "\n".join(_check_page(page, watch, page_path.read_text(encoding="utf-8")))
    assert "window.__pwned" in joined and "pwned-img" in joined and "javascript: URL" in joined


def test_hostile_corpus_loads_every_article():
    from analysis import load_corpus
    import tempfile
    from pathlib import Path
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hostile.jsonl"
        path.write_text("".join(json.dumps(a) + "\n" for a in hostile_articles()), encoding="utf-8")
        corpus = load_corpus(path)
    assert corpus.doc_ids == sorted(a["id"] for a in hostile_articles())
    longest = max(len(line) for a in corpus for line in a.text.split("\n\n"))
    assert longest > 200_000


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_hostile_report_runs_nothing(hostile_reports, open_page, notebook):
    page_path = hostile_reports / f"{notebook.stem}.html"
    assert page_path.is_file(), f"{page_path.name} was not built on the hostile corpus"
    page, watch = open_page(page_path.as_uri())
    save_screenshot(page, hostile_reports, f"hostile-{notebook.stem}")
    problems = _check_page(page, watch, page_path.read_text(encoding="utf-8"))
    assert problems == [], f"{page_path.name} on the hostile corpus:\n" + "\n".join(problems)


def test_hostile_index_runs_nothing(hostile_reports, open_page):
    page_path = hostile_reports / "index.html"
    page, watch = open_page(page_path.as_uri())
    assert _check_page(page, watch, page_path.read_text(encoding="utf-8")) == []
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => a.getAttribute('href'))")
    assert sorted(hrefs) == sorted([f"{p.stem}.html" for p in NOTEBOOKS] + ["articles.html", "dictionary.html"])


@pytest.mark.parametrize("doc_id", [a["id"] for a in hostile_articles()])
def test_hostile_evidence_page_runs_nothing(hostile_reports, open_page, doc_id):
    """Every hostile article on the evidence page: its text and metadata shown as text, nothing run."""
    page_path = hostile_reports / "articles.html"
    page, watch = open_page(page_path.as_uri() + f"#doc={doc_id}&start=0&end=40")
    page.wait_for_selector("mark.target")
    assert _check_page(page, watch, page_path.read_text(encoding="utf-8")) == []
    shown = page.inner_text("#article-text")
    assert shown.startswith(page.locator("mark.target").first.inner_text()[:10])
    assert page.locator("#article-header a[href^='javascript']").count() == 0


def test_payload_shows_as_text(hostile_reports, open_page):
    """The corpus page lists every title: the script tag must read as the literal text a user wrote."""
    page, _ = open_page((hostile_reports / f"{NOTEBOOKS[0].stem}.html").as_uri())
    text = page.inner_text("body")
    assert P["script_alert"] in text
    assert "Finance minister resigns over port deal" in text
    assert P["markdown_link"] in text  # a title: the Markdown link stays text, brackets and all


def test_displacy_rendering_escapes(hostile_reports, open_page):
    """Notebook 01 shows an article with displaCy: its entity marks appear and the payload in it is text."""
    entity_notebooks = [p for p in NOTEBOOKS if p.stem.startswith("01_")]
    if not entity_notebooks:
        pytest.skip("notebook 01 (entities, with its displaCy rendering) is not in notebooks/ yet")
    page, _ = open_page((hostile_reports / f"{entity_notebooks[0].stem}.html").as_uri())
    renders = page.locator(".entities")
    assert renders.count() >= 1, "no displaCy rendering (div.entities) in the entities report"
    assert page.locator(".entities mark").count() >= 1, "the displaCy rendering marks no entity"
    shown = " ".join(renders.all_inner_texts())
    payloads_in_render = [name for name, (payload, _) in PAYLOADS.items() if payload in shown]
    assert payloads_in_render, ("the displaCy rendering shows none of the payloads as text; "
                                f"it shows: {shown[:500]!r}")
