"""Figures of notebook 02 (source overlap): the three article × article heatmaps, the who-copied-whom
graph, and the side-by-side HTML view of reused passages. Each takes tables of :mod:`analysis.overlap`
(and :func:`analysis.quotes.quote_groups` through its matrix) and returns a Figure or an HTML string.
"""
from __future__ import annotations

import html
from typing import Mapping

import numpy as np
import pandas as pd

from ..overlap import LEVELS, pairs_graph

#: panel titles of :func:`heatmaps`, by matrix level
HEATMAP_TITLES = {"passage": "Reused text (% of row article)", "quote": "Shared quotations",
                  "entity": "Shared entities (Jaccard)"}
#: article labels are drawn up to this many articles, and cell values up to this many
MAX_LABELLED = 40
MAX_ANNOTATED = 12
#: up to this many articles the graph's nodes sit on a circle (every arrow visible), else a spring layout
MAX_CIRCLE_NODES = 40
#: the heatmaps draw at most this many articles, the copy graph at most this many linked articles
MAX_HEATMAP_ARTICLES = 40
MAX_GRAPH_NODES = 80


def heatmap_articles(matrices: Mapping[str, pd.DataFrame], max_articles: int = MAX_HEATMAP_ARTICLES) -> tuple[list, str]:
    """The articles the heatmaps draw, in drawing order, and a sentence on what was left out.

    Up to ``max_articles`` articles, all of them. Beyond, only articles that share reused
    text or a quotation with another, at most ``max_articles`` (most shared first), grouped
    by connected component so that copies of one story sit together; when none shares
    anything, the articles with most entities in common.
    """
    ids = list(matrices[LEVELS[0]].index)
    if len(ids) <= max_articles:
        return ids, ""
    import networkx as nx
    shared = sum(np.nan_to_num(matrices[level].to_numpy(dtype=float)) for level in ("passage", "quote"))
    np.fill_diagonal(shared, 0)
    basis = "share no reused text or quotation with another article"
    if not shared.any():
        shared = np.nan_to_num(matrices["entity"].to_numpy(dtype=float))
        np.fill_diagonal(shared, 0)
        basis = "have fewer entities in common with the others"
    weight = (shared + shared.T).sum(axis=1)
    linked = [i for i in np.argsort(-weight, kind="stable") if weight[i] > 0][:max_articles]
    graph = nx.Graph()
    graph.add_nodes_from(linked)
    graph.add_edges_from((i, j) for i in linked for j in linked if i < j and (shared[i, j] or shared[j, i]))
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(ids[i] for i in c)))
    order = [ids[i] for c in components for i in sorted(c, key=lambda i: ids[i])]
    note = f"{len(ids) - len(order):,} of the {len(ids):,} articles {basis} and are not drawn"
    if weight.astype(bool).sum() > len(order):
        note += f" (the {len(order)} drawn are those sharing most)"
    return order, note + "."


def heatmaps(matrices: Mapping[str, pd.DataFrame], max_articles: int = MAX_HEATMAP_ARTICLES):
    """The three article × article heatmaps side by side (passage %, shared quotes, entity Jaccard).

    ``matrices`` maps each level of :data:`analysis.overlap.LEVELS` to its
    :func:`analysis.overlap.matrix` table; the articles drawn are :func:`heatmap_articles`.
    Returns the matplotlib Figure, its ``note`` saying what was left out.
    """
    import matplotlib
    import matplotlib.pyplot as plt
    matplotlib.rcParams["svg.hashsalt"] = "overlap"
    order, note = heatmap_articles(matrices, max_articles)
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.8 if len(order) <= MAX_LABELLED else 6), constrained_layout=True)
    labels = short_labels(order) if len(order) <= MAX_LABELLED else [""] * len(order)
    for ax, level in zip(axes, LEVELS):
        table = matrices[level].loc[order, order]
        values = table.to_numpy(dtype=float)
        image = ax.imshow(np.nan_to_num(values, nan=0.0), cmap="Blues", vmin=0,
                          vmax=max(1e-9, np.nanmax(values) if np.isfinite(values).any() else 1))
        ax.set_title(HEATMAP_TITLES[level])
        ax.set_xticks(range(len(labels)), labels, rotation=90, fontsize=8)
        ax.set_yticks(range(len(labels)), labels, fontsize=8)
        if len(table) <= MAX_ANNOTATED:
            for i in range(len(table)):
                for j in range(len(table)):
                    if i != j and not np.isnan(values[i, j]):
                        fmt = f"{values[i, j]:.2f}" if level == "entity" else f"{values[i, j]:g}"
                        ax.text(j, i, fmt, ha="center", va="center", fontsize=8,
                                color="white" if values[i, j] > 0.6 * np.nanmax(values) else "black")
        fig.colorbar(image, ax=ax, shrink=0.8)
    fig.note = note
    return fig


def short_labels(doc_ids: list[str]) -> list[str]:
    """Labels for doc ids: the part before the first ``_`` when that is unique, else the id cut to 16 characters."""
    heads = [d.split("_")[0] for d in doc_ids]
    if len(set(heads)) == len(heads):
        return heads
    return [d if len(d) <= 16 else d[:15] + "…" for d in doc_ids]


def copy_graph_figure(pairs: pd.DataFrame, summary: pd.DataFrame, seed: int = 7, max_nodes: int = MAX_GRAPH_NODES):
    """Who-copied-whom drawing: arrows from source to copier, red for spun articles.

    ``pairs`` is :func:`analysis.overlap.reuse_pairs`, ``summary`` :func:`analysis.overlap.reuse_summary`
    (red when ``spun``). Only articles linked to another are drawn, at most ``max_nodes`` (the
    largest groups first); on a small corpus every article is drawn. Nodes sit on a circle in
    ``doc_id`` order up to :data:`MAX_CIRCLE_NODES`, else a spring layout with a fixed ``seed``;
    either way the drawing is the same on every run. Returns the Figure, its ``note`` saying what
    was left out.
    """
    import matplotlib.pyplot as plt
    import networkx as nx
    graph = pairs_graph(pairs, summary["doc_id"])
    total = graph.number_of_nodes()
    note = ""
    if total > MAX_CIRCLE_NODES:
        groups = sorted(nx.weakly_connected_components(graph), key=lambda c: (-len(c), min(c)))
        kept = [n for c in groups if len(c) > 1 for n in sorted(c)][:max_nodes]
        graph = graph.subgraph(kept).copy()
        note = f"{total - len(kept):,} of the {total:,} articles are not drawn"
        note += " (they share no reused text with another article)." if len(kept) < max_nodes else \
            f" (articles sharing no reused text, and the smallest groups past {max_nodes} articles)."
    summary = summary.set_index("doc_id")
    nodes = sorted(graph.nodes)
    big = len(nodes) > MAX_CIRCLE_NODES
    fig, ax = plt.subplots(figsize=(11, 8) if big else (7, 5), constrained_layout=True)
    pos = nx.circular_layout(nodes) if not big else nx.spring_layout(graph, seed=seed, k=1.5 / max(1, len(nodes)) ** 0.5)
    node_size = 300 if big else 900
    colors = ["#d62728" if summary.at[n, "spun"] else "#1f77b4" for n in graph.nodes]
    nx.draw_networkx_nodes(graph, pos, node_color=colors, node_size=node_size, ax=ax)
    labels = dict(zip(nodes, short_labels(nodes)))
    nx.draw_networkx_labels(graph, pos, labels=labels, font_color="black" if big else "white",
                            font_size=7 if big else 9, ax=ax, verticalalignment="bottom" if big else "center")
    edges = sorted(graph.edges(data=True))
    if edges:
        widths = [1 + 4 * d["chars"] / max(e[2]["chars"] for e in edges) for _, _, d in edges]
        nx.draw_networkx_edges(graph, pos, edgelist=[(u, v) for u, v, _ in edges], width=widths,
                               arrowsize=14 if big else 22, arrowstyle="-|>", node_size=node_size, ax=ax,
                               connectionstyle="arc3,rad=0.08",
                               style=["dashed" if d["basis"] == "undecided" else "solid" for _, _, d in edges])
        if not big:
            nx.draw_networkx_edge_labels(graph, pos, edge_labels={(u, v): d["basis"] for u, v, d in edges},
                                         font_size=8, ax=ax, connectionstyle="arc3,rad=0.08")
    ax.set_title("Who copied whom (arrow: source → copier; red: spun article)")
    ax.axis("off")
    fig.note = note
    return fig


def side_by_side(frame: pd.DataFrame, limit: int | None = None) -> str:
    """HTML table of passages with both texts side by side, substituted words in ``<mark>``.

    Needs :func:`analysis.overlap.passages` with ``details=True`` (for ``marks_a``/``marks_b``).
    Every piece of article text is HTML-escaped; only our own tags are added.
    """
    rows = []
    for r in frame.head(limit).itertuples() if limit else frame.itertuples():
        cells = []
        for text, base, marks in ((r.text_a, r.a_start, r.marks_a), (r.text_b, r.b_start, r.marks_b)):
            spans = sorted({tuple(int(x) - base for x in m.split("-")) for m in str(marks).split(";") if m})
            out, last = [], 0
            for s, e in spans:
                if s < last:
                    continue
                out.append(html.escape(text[last:s]))
                out.append("<mark>" + html.escape(text[s:e]) + "</mark>")
                last = e
            out.append(html.escape(text[last:]))
            cells.append("".join(out))
        head = html.escape(f"{r.doc_a} ↔ {r.doc_b} · {r.kind} · score {r.score}")
        rows.append(f"<tr><th colspan='2' style='text-align:left'>{head}</th></tr>"
                    f"<tr><td style='vertical-align:top;text-align:left;width:50%'>{cells[0]}</td>"
                    f"<td style='vertical-align:top;text-align:left;width:50%'>{cells[1]}</td></tr>")
    return ("<div class='overlap-side-by-side-box' style='max-height:900px;overflow:auto'>"
            "<table class='overlap-side-by-side'>" + "".join(rows) + "</table></div>")
