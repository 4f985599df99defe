"""Figures of notebook 01 (entities): top entities per label group, the entity-by-article heat map,
the co-occurrence network. Each takes tables of :mod:`analysis.entities` and returns a matplotlib
Figure, or None when there is nothing to draw.
"""
from __future__ import annotations

import pandas as pd

from ..entities import RENDER_COLORS

#: The heat map draws at most this many articles.
MAX_HEATMAP_ARTICLES = 40
#: Label groups drawn as separate panels: places (GPE and LOC) are drawn together.
PLOT_GROUPS = (("People", ("PERSON",)), ("Organisations", ("ORG",)), ("Places", ("GPE", "LOC")),
               ("Nationalities and groups", ("NORP",)))


def plot_top_entities(freq: pd.DataFrame, top: int = 10):
    """Bar charts of the most-mentioned entities per label group: mentions and articles.

    ``freq`` is ``entities.frequency(corpus, by="entity")``. One row of panels per label
    group that has entities; returns the matplotlib Figure (None when ``freq`` is empty).
    """
    import matplotlib.pyplot as plt
    groups = [(title, labels, freq[freq["label"].isin(labels)].head(top)) for title, labels in PLOT_GROUPS]
    groups = [g for g in groups if len(g[2])]
    if not groups:
        return None
    height = sum(max(1.2, 0.32 * len(g[2]) + 0.8) for g in groups)
    fig, axes = plt.subplots(len(groups), 2, figsize=(12, height), squeeze=False, layout="constrained",
                             gridspec_kw={"height_ratios": [max(1.2, 0.32 * len(g[2]) + 0.8) for g in groups]})
    for (title, labels, table), (left, right) in zip(groups, axes):
        names = [f"{n} ({lab})" if len(labels) > 1 else n for n, lab in zip(table["canonical"], table["label"])]
        left.barh(names, table["mentions"], color="#4c72b0")
        right.barh(names, table["articles"], color="#dd8452")
        left.set_title(f"{title}: mentions", loc="left", fontsize=10)
        right.set_title(f"{title}: articles naming them", loc="left", fontsize=10)
        for ax in (left, right):
            ax.invert_yaxis()
            ax.tick_params(axis="y", labelsize=9)
            ax.xaxis.get_major_locator().set_params(integer=True)
        right.set_yticklabels([])
    return fig


def entity_article_table(frame: pd.DataFrame, doc_ids: list[str], top: int = 25,
                         max_articles: int = MAX_HEATMAP_ARTICLES) -> tuple[pd.DataFrame, str]:
    """Mentions of the ``top`` entities (rows) per article (columns), and a sentence on what was left out.

    Only articles naming one of those entities are kept, at most ``max_articles`` of them (those
    with most such mentions); columns are grouped by the entity each article names most, so
    articles about the same people sit together.
    """
    m = frame[frame["label"].isin(("PERSON", "ORG", "GPE", "LOC"))]
    if m.empty:
        return pd.DataFrame(), ""
    table = m.pivot_table(index=["canonical", "label"], columns="doc_id", values="start", aggfunc="size",
                          fill_value=0).reindex(columns=doc_ids, fill_value=0)
    order = table.sum(axis=1).to_frame("n").assign(k=(table > 0).sum(axis=1)).reset_index()
    order = order.sort_values(["n", "k", "canonical"], ascending=[False, False, True], kind="stable").head(top)
    table = table.loc[list(zip(order["canonical"], order["label"]))]
    naming = table.loc[:, table.sum(axis=0) > 0]
    totals = naming.sum(axis=0)
    kept = sorted(naming.columns, key=lambda d: (-totals[d], d))[:max_articles]
    values = naming[kept].to_numpy()
    main = {d: int(values[:, i].argmax()) for i, d in enumerate(kept)}
    kept = sorted(kept, key=lambda d: (main[d], -totals[d], d))
    left_out = []
    if len(doc_ids) > naming.shape[1]:
        left_out.append(f"{len(doc_ids) - naming.shape[1]:,} articles name none of these {len(table)} entities")
    if naming.shape[1] > len(kept):
        left_out.append(f"{naming.shape[1] - len(kept):,} more articles name them less often than the "
                        f"{len(kept)} drawn")
    note = ("Not drawn: " + "; ".join(left_out) + " (every count is in the table of mentions per article).") \
        if left_out else ""
    return table[kept], note


def plot_entity_heatmap(frame: pd.DataFrame, doc_ids: list[str], top: int = 25,
                        max_articles: int = MAX_HEATMAP_ARTICLES):
    """Heat map of mentions: the ``top`` entities (rows) by article (columns), counts written in.

    ``frame`` is ``entities.mentions(corpus)``; labels PERSON, ORG, GPE, LOC only; articles as in
    :func:`entity_article_table` (at most ``max_articles``, grouped). Returns the Figure with a
    ``note`` on what was left out (None when there is nothing to draw).
    """
    import matplotlib.pyplot as plt
    table, note = entity_article_table(frame, doc_ids, top, max_articles)
    if table.empty:
        return None
    columns = list(table.columns)
    fig, ax = plt.subplots(figsize=(min(14, max(6, 0.3 * len(columns) + 4)), 0.3 * len(table) + 2.2),
                           layout="constrained")
    ax.imshow(table.to_numpy(), cmap="Blues", aspect="auto")
    ax.set_xticks(range(len(columns)), [d[:14] for d in columns], rotation=60, ha="right", fontsize=7)
    ax.set_yticks(range(len(table)), [f"{n} ({lab})" for n, lab in table.index], fontsize=9)
    vmax = table.to_numpy().max() or 1
    for i, row in enumerate(table.to_numpy()):
        for j, value in enumerate(row):
            if value:
                ax.text(j, i, str(value), ha="center", va="center", fontsize=7,
                        color="white" if value > vmax / 2 else "black")
    ax.set_xlabel("article")
    fig.note = note
    return fig


def plot_cooccurrence_network(pairs: pd.DataFrame, freq: pd.DataFrame, min_sentences: int = 2,
                              max_nodes: int = 30, seed: int = 7):
    """Network of entities named in the same sentences (networkx spring layout, fixed seed).

    Nodes: entities of the kept pairs (``pairs`` from :func:`analysis.entities.cooccurrence`, at least
    ``min_sentences`` shared sentences), at most ``max_nodes`` by mentions; node size
    grows with mentions, colour shows the label; edge width grows with shared
    sentences. Returns the Figure, or None when no pair qualifies.
    """
    import matplotlib.pyplot as plt
    import networkx as nx
    kept = pairs[pairs["sentences"] >= min_sentences]
    if kept.empty:
        return None
    mentions_of = dict(zip(freq["entity_id"], freq["mentions"]))
    nodes = sorted(set(kept["entity_a"]) | set(kept["entity_b"]), key=lambda e: (-mentions_of.get(e, 0), e))
    nodes = set(nodes[:max_nodes])
    kept = kept[kept["entity_a"].isin(nodes) & kept["entity_b"].isin(nodes)]
    graph = nx.Graph()
    names = {}
    for row in kept.itertuples():
        names[row.entity_a], names[row.entity_b] = (row.canonical_a, row.label_a), (row.canonical_b, row.label_b)
    for node in sorted(names):
        graph.add_node(node)
    for row in kept.sort_values(["entity_a", "entity_b"]).itertuples():
        graph.add_edge(row.entity_a, row.entity_b, weight=row.sentences)
    pos = nx.spring_layout(graph, seed=seed, k=2.2 / max(1, len(graph) ** 0.5), weight="weight")
    colours = {label: RENDER_COLORS[label] for label in ("PERSON", "ORG", "GPE", "LOC")}
    fig, ax = plt.subplots(figsize=(11, 8), layout="constrained")
    widths = [0.6 + 3.0 * graph[a][b]["weight"] / kept["sentences"].max() for a, b in graph.edges()]
    nx.draw_networkx_edges(graph, pos, ax=ax, width=widths, edge_color="#999999", alpha=0.6)
    sizes = [200 + 1800 * mentions_of.get(n, 1) / max(mentions_of.values()) for n in graph.nodes()]
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_size=sizes,
                           node_color=[colours.get(names[n][1], "#dddddd") for n in graph.nodes()],
                           edgecolors="#555555", linewidths=0.5)
    nx.draw_networkx_labels(graph, pos, ax=ax, labels={n: names[n][0] for n in graph.nodes()}, font_size=9,
                            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7})
    handles = [plt.Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor=c,
                          markeredgecolor="#555555", label=lab) for lab, c in colours.items()]
    ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=False)
    ax.axis("off")
    return fig
