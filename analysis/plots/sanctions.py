"""Figures of notebook 04 (sanction lists): who sanctions whom, and actions per authority and status.

Each function takes the tables of :mod:`analysis.sanctions` and returns a matplotlib Figure
(``None`` when there is nothing to draw). Layouts are fixed (sorted names, no randomness).
"""
from __future__ import annotations

import pandas as pd

from ..sanctions import STATUSES, graph

#: Edge and bar colour of each status.
STATUS_COLOURS = {"imposed": "#c0392b", "considered": "#2980b9", "threatened": "#e67e22", "called_for": "#8e44ad"}
#: Marker and colour of each node kind.
NODE_SHAPES = {"authority": ("s", "#34495e"), "person": ("o", "#16a085"), "organization": ("D", "#d35400"),
               "group": ("^", "#7f8c8d"), "country": ("h", "#2c3e50")}
#: The graph draws the targets reported most, at most this many; the bars at most this many authorities.
MAX_TARGETS = 30
MAX_AUTHORITIES = 25
#: Target labels longer than this are cut (with "...") to keep the figure's width.
LABEL_CHARS = 45


def _positions(g) -> tuple[list, list, dict]:
    """Authorities in a column on the left, targets (by kind, then name) on the right."""
    authorities = sorted(n for n, d in g.nodes(data=True) if d["kind"] == "authority")
    targets = sorted((n for n, d in g.nodes(data=True) if d["kind"] != "authority"),
                     key=lambda n: (g.nodes[n]["kind"], n))
    pos = {}
    for i, n in enumerate(authorities):
        pos[n] = (0.0, -(i + 0.5) * max(1, len(targets)) / max(1, len(authorities)))
    for i, n in enumerate(targets):
        pos[n] = (1.0, -float(i))
    return authorities, targets, pos


def _labels_and_legend(ax, g, authorities: list, targets: list, pos: dict) -> None:
    from matplotlib.lines import Line2D
    for n in authorities:
        ax.text(pos[n][0] - 0.03, pos[n][1], n, ha="right", va="center", fontsize=10, fontweight="bold")
    for n in targets:
        label = n if len(n) <= LABEL_CHARS else n[:LABEL_CHARS - 3] + "..."
        ax.text(pos[n][0] + 0.03, pos[n][1], f"{label}  ({g.nodes[n]['kind']})", ha="left", va="center", fontsize=9)
    handles = [Line2D([0], [0], color=c, lw=2, ls="-" if s == "imposed" else "--", label=s)
               for s, c in STATUS_COLOURS.items()]
    ax.legend(handles=handles, title="status", loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=4,
              frameon=False)


def draw_graph(rows: pd.DataFrame, ax=None):
    """Draw :func:`analysis.sanctions.graph` on ``ax``: authorities on the left, targets on the right, each
    edge in the colour of its strongest status (dashed when not imposed), its width growing with the rows.
    Returns the axes."""
    import matplotlib.pyplot as plt
    import networkx as nx
    g = graph(rows)
    if ax is None:
        _, ax = plt.subplots(figsize=(11, max(4, 0.42 * max(1, g.number_of_nodes()))))
    authorities, targets, pos = _positions(g)
    for kind, (marker, colour) in NODE_SHAPES.items():
        nodes = [n for n in g.nodes if g.nodes[n]["kind"] == kind]
        if nodes:
            nx.draw_networkx_nodes(g, pos, nodelist=nodes, node_shape=marker, node_color=colour,
                                   node_size=160, ax=ax)
    for status, colour in STATUS_COLOURS.items():
        edges = [(u, v) for u, v, d in g.edges(data=True) if d["status"] == status]
        if edges:
            nx.draw_networkx_edges(g, pos, edgelist=edges, edge_color=colour, arrows=True, arrowsize=12,
                                   width=[1 + g[u][v]["weight"] for u, v in edges], ax=ax,
                                   style="solid" if status == "imposed" else "dashed")
    _labels_and_legend(ax, g, authorities, targets, pos)
    ax.set_xlim(-0.9, 2.0)
    ax.axis("off")
    return ax


def top_targets(rows: pd.DataFrame, n: int = MAX_TARGETS) -> pd.DataFrame:
    """The sanction rows of the ``n`` targets reported by most rows (ties by name)."""
    counts = rows.groupby("target").size().reset_index(name="rows")
    keep = counts.sort_values(["rows", "target"], ascending=[False, True], kind="stable").head(n)["target"]
    return rows[rows.target.isin(set(keep))]


def who_sanctions_whom(rows: pd.DataFrame, max_targets: int = MAX_TARGETS):
    """The who-sanctions-whom graph of the sanction rows as a Figure (height grows with the targets, up to
    ``max_targets`` targets: those reported most; the figure's ``note`` says how many were left out);
    ``None`` without rows."""
    import matplotlib.pyplot as plt
    if rows.empty:
        return None
    shown = top_targets(rows, max_targets)
    fig, ax = plt.subplots(figsize=(11, min(16, max(4, 0.45 * (shown.target.nunique() + 2)))),
                           layout="constrained")
    draw_graph(shown, ax=ax)
    ax.set_title("Who sanctions whom (sanction actions found in the corpus)")
    left_out = rows.target.nunique() - shown.target.nunique()
    fig.note = (f"{left_out:,} targets reported less often are not drawn (every row is in the tables).") \
        if left_out else ""
    return fig


def status_bars(by_status: pd.DataFrame):
    """Stacked horizontal bars of :func:`analysis.sanctions.status_by_authority` (one bar per authority,
    one colour per status) as a Figure; ``None`` when the table is empty."""
    import matplotlib.pyplot as plt
    if by_status.empty:
        return None
    left_out = max(0, len(by_status) - MAX_AUTHORITIES)
    by_status = by_status.head(MAX_AUTHORITIES)
    fig, ax = plt.subplots(figsize=(9, min(12, max(2.5, 0.4 * len(by_status) + 1))), layout="constrained")
    by_status[STATUSES].plot.barh(stacked=True, ax=ax, color=[STATUS_COLOURS[s] for s in STATUSES])
    ax.invert_yaxis()
    ax.set_xlabel("sanction actions (one per target)")
    ax.legend(title="status", fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    fig.note = f"{left_out:,} authorities with fewer actions are not drawn (they are in the table)." if left_out else ""
    return fig
