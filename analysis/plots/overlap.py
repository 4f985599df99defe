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
MAX_LABELLED = 30
MAX_ANNOTATED = 12
#: up to this many articles the graph's nodes sit on a circle (every arrow visible), else a spring layout
MAX_CIRCLE_NODES = 40


def heatmaps(matrices: Mapping[str, pd.DataFrame]):
    """The three article × article heatmaps side by side (passage %, shared quotes, entity Jaccard).

    ``matrices`` maps each level of :data:`analysis.overlap.LEVELS` to its
    :func:`analysis.overlap.matrix` table. Returns the matplotlib Figure.
    """
    import matplotlib
    import matplotlib.pyplot as plt
    matplotlib.rcParams["svg.hashsalt"] = "overlap"
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.8), constrained_layout=True)
    for ax, level in zip(axes, LEVELS):
        table = matrices[level]
        labels = [d.split("_")[0] if len(table) <= MAX_LABELLED else "" for d in table.index]
        values = table.to_numpy(dtype=float)
        image = ax.imshow(np.nan_to_num(values, nan=0.0), cmap="Blues", vmin=0,
                          vmax=max(1e-9, np.nanmax(values) if np.isfinite(values).any() else 1))
        ax.set_title(HEATMAP_TITLES[level])
        ax.set_xticks(range(len(labels)), labels, rotation=90)
        ax.set_yticks(range(len(labels)), labels)
        if len(table) <= MAX_ANNOTATED:
            for i in range(len(table)):
                for j in range(len(table)):
                    if i != j and not np.isnan(values[i, j]):
                        fmt = f"{values[i, j]:.2f}" if level == "entity" else f"{values[i, j]:g}"
                        ax.text(j, i, fmt, ha="center", va="center", fontsize=8,
                                color="white" if values[i, j] > 0.6 * np.nanmax(values) else "black")
        fig.colorbar(image, ax=ax, shrink=0.8)
    return fig


def copy_graph_figure(pairs: pd.DataFrame, summary: pd.DataFrame, seed: int = 7):
    """Who-copied-whom drawing: arrows from source to copier, red for spun articles.

    ``pairs`` is :func:`analysis.overlap.reuse_pairs`, ``summary`` :func:`analysis.overlap.reuse_summary`
    (one node per article, red when ``spun``). Nodes sit on a circle in ``doc_id`` order (up to
    :data:`MAX_CIRCLE_NODES` articles), else a spring layout with a fixed ``seed``; either way the
    drawing is the same on every run. Returns the matplotlib Figure.
    """
    import matplotlib.pyplot as plt
    import networkx as nx
    graph = pairs_graph(pairs, summary["doc_id"])
    summary = summary.set_index("doc_id")
    fig, ax = plt.subplots(figsize=(7, 5), constrained_layout=True)
    nodes = sorted(graph.nodes)
    if len(nodes) <= MAX_CIRCLE_NODES:
        pos = nx.circular_layout(nodes)
    else:
        pos = nx.spring_layout(graph, seed=seed)
    colors = ["#d62728" if summary.at[n, "spun"] else "#1f77b4" for n in graph.nodes]
    nx.draw_networkx_nodes(graph, pos, node_color=colors, node_size=900, ax=ax)
    nx.draw_networkx_labels(graph, pos, labels={n: n.split("_")[0] for n in graph.nodes},
                            font_color="white", font_size=9, ax=ax)
    edges = sorted(graph.edges(data=True))
    if edges:
        widths = [1 + 4 * d["chars"] / max(e[2]["chars"] for e in edges) for _, _, d in edges]
        nx.draw_networkx_edges(graph, pos, edgelist=[(u, v) for u, v, _ in edges], width=widths,
                               arrowsize=22, arrowstyle="-|>", node_size=900, ax=ax,
                               connectionstyle="arc3,rad=0.08",
                               style=["dashed" if d["basis"] == "undecided" else "solid" for _, _, d in edges])
        nx.draw_networkx_edge_labels(graph, pos, edge_labels={(u, v): d["basis"] for u, v, d in edges},
                                     font_size=8, ax=ax, connectionstyle="arc3,rad=0.08")
    ax.set_title("Who copied whom (arrow: source → copier; red: spun article)")
    ax.axis("off")
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
    return "<table class='overlap-side-by-side'>" + "".join(rows) + "</table>"
