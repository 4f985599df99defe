"""The evidence page: every article's original text with every extracted fact highlighted.

``articles.html`` shows one article at a time, chosen by its fragment:
``articles.html#doc=<doc_id>&start=<n>&end=<n>`` opens the article, marks the span
``[start, end)`` of its original file with ``<mark class="target">`` and scrolls it into
view. Every fact is highlighted by layer (entities, claims and their speakers, sanction
actions, reused passages, boilerplate set aside) with a legend whose boxes switch a
layer on and off; clicking a highlight lists the facts it belongs to. A list beside the
text (with a filter box) reaches every article, with its headline, outlet, date and URL.

Article text is untrusted: the page carries it as base64 JSON and the page's own script
puts it into the document only as text nodes (``textContent``), never as HTML. URLs
become links only when they are ``http(s)``.
"""
from __future__ import annotations

import base64
import html
import json
from pathlib import Path

import pandas as pd

from .. import entities, overlap, sanctions
from ..claims import claims as claim_table

#: Layers in drawing order (later layers are drawn over earlier ones), with their legend text.
LAYERS = {
    "boilerplate": "boilerplate set aside by the loader",
    "reuse": "passage reused from / in another article",
    "sanction": "sanction action (target named)",
    "claim": "claim (quote or reported speech)",
    "speaker": "speaker of a claim",
    "entity": "named entity",
}
_SCRIPT = (Path(__file__).parent / "evidence.js").read_text(encoding="utf-8")
_STYLE = (Path(__file__).parent / "evidence.css").read_text(encoding="utf-8")


def evidence_spans(corpus) -> pd.DataFrame:
    """Every highlighted span: ``doc_id, start, end, layer, label`` (offsets into the original file)."""
    parts = [_spans(corpus.removals(), "boilerplate", lambda r: f"boilerplate: {r.rule}")]
    mentions = entities.mentions(corpus)
    parts.append(_spans(mentions, "entity", lambda r: f"{r.canonical} ({r.label})"))
    claims = claim_table(corpus)
    parts.append(_spans(claims, "claim", lambda r: f"{r.kind} claim by {r.speaker or 'an unresolved speaker'}"
                                                   f" (stance {r.stance})"))
    speakers = claims.dropna(subset=["speaker_start", "speaker_end"])
    parts.append(_spans(speakers.assign(start=speakers.speaker_start, end=speakers.speaker_end), "speaker",
                        lambda r: f"speaker: {r.speaker or 'unresolved'}"))
    rows = sanctions.sanctions(corpus)
    parts.append(_spans(rows, "sanction", lambda r: f"sanction ({r.status}) by {r.authority or 'unnamed authority'}"
                                                    f" on {r.target}"))
    passages = overlap.passages(corpus, details=True)  # the call notebook 02 makes: one cache entry
    for me, other in (("a", "b"), ("b", "a")):
        side = passages.rename(columns={f"doc_{me}": "doc_id", f"{me}_start": "start", f"{me}_end": "end",
                                        f"doc_{other}": "partner"})
        parts.append(_spans(side, "reuse", lambda r: f"{r.kind} reuse, also in {r.partner}"))
    spans = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else \
        pd.DataFrame(columns=["doc_id", "start", "end", "layer", "label"])
    return spans.sort_values(["doc_id", "start", "end", "layer", "label"], kind="stable").reset_index(drop=True)


def _spans(frame: pd.DataFrame, layer: str, label) -> pd.DataFrame:
    if frame is None or frame.empty:
        return pd.DataFrame(columns=["doc_id", "start", "end", "layer", "label"])
    rows = [(r.doc_id, int(r.start), int(r.end), layer, str(label(r)))
            for r in frame.itertuples(index=False) if pd.notna(r.start) and pd.notna(r.end)]
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "layer", "label"])


def page_data(corpus, spans: pd.DataFrame) -> dict:
    """What the page's script reads: the layers and, per article, its metadata, raw text and spans."""
    by_doc = {doc: group for doc, group in spans.groupby("doc_id", sort=False)}
    layer_index = {name: i for i, name in enumerate(LAYERS)}
    articles = []
    for article in corpus:
        group = by_doc.get(article.doc_id)
        marks = [] if group is None else [[int(s), int(e), layer_index[l], lab]
                                          for s, e, l, lab in group[["start", "end", "layer", "label"]].itertuples(index=False)]
        articles.append({"id": article.doc_id, "title": article.title or "", "source": article.source or "",
                         "date": article.date or "", "url": article.url or "", "text": article.raw, "spans": marks})
    return {"layers": [[name, text] for name, text in LAYERS.items()], "articles": articles}


def write_evidence_page(corpus, out: Path, spans: pd.DataFrame | None = None) -> Path:
    """Write ``out/articles.html`` for ``corpus`` (spans from :func:`evidence_spans` unless given)."""
    spans = evidence_spans(corpus) if spans is None else spans
    data = json.dumps(page_data(corpus, spans), ensure_ascii=False, separators=(",", ":"))
    encoded = base64.b64encode(data.encode("utf-8")).decode("ascii")
    legend = "\n".join(f'<label class="legend-item"><input type="checkbox" data-layer="{i}" checked>'
                       f'<span class="swatch layer-{name}"></span>{html.escape(text)}</label>'
                       for i, (name, text) in enumerate(LAYERS.items()))
    page = out / "articles.html"
    page.write_text(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Articles and their evidence</title>
<style>{_STYLE}</style></head>
<body>
<nav class="report-nav"><a href="index.html">&larr; All reports</a></nav>
<h1>Articles and their evidence</h1>
<p class="intro">Each article of the corpus, as in its original file, with every fact the workbook extracted
highlighted by kind. A link from any table row opens its article here with the row's span outlined and scrolled
into view. Click a highlight to see the facts it carries; untick a kind to hide it.</p>
<div class="legend">{legend}</div>
<div class="layout">
<aside><input id="article-filter" type="search" placeholder="Filter {len(corpus):,} articles by id, headline, outlet">
<ol id="article-list"></ol></aside>
<main><header id="article-header"></header><div id="details" aria-live="polite"></div>
<pre id="article-text"></pre></main>
</div>
<script type="application/octet-stream" id="evidence-data" data-report="evidence">{encoded}</script>
<script data-report="evidence">{_SCRIPT}</script>
</body></html>
""", encoding="utf-8")
    return page
