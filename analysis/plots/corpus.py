"""Figures of notebook 00 (what is in the corpus): length and boilerplate, and the timeline.

Figures keep a fixed pixel budget whatever the corpus size: one bar per article up to
:data:`MAX_ARTICLE_BARS` articles, distributions beyond; at most :data:`MAX_RULES` rules in a
legend (the rest summed as "other rules"). A figure that leaves something out says so in
its ``note`` attribute (a sentence for the notebook to print).
"""
from __future__ import annotations

import pandas as pd

#: Bar colour of the words-per-article panel.
WORDS_COLOUR = "#4c72b0"
#: Colour map of the boilerplate-by-rule panel.
RULES_COLORMAP = "tab10"
#: Up to this many articles, one bar per article; beyond, histograms.
MAX_ARTICLE_BARS = 40
#: Rules named in the legend; the others are summed as "other rules".
MAX_RULES = 9
#: Colours of the timeline's series.
TIMELINE_COLOURS = {"articles": "#4c72b0", "claims": "#dd8452", "sanction actions": "#c44e52"}


def boilerplate_by_rule(overview: pd.DataFrame, removals: pd.DataFrame, max_rules: int = MAX_RULES) -> pd.DataFrame:
    """Characters of boilerplate removed per article (rows, in ``overview`` order) and rule (columns).

    The ``max_rules`` rules that removed most characters keep a column each, the rest are summed
    under ``other rules``.
    """
    table = (removals.assign(chars=removals.end - removals.start)
             .pivot_table(index="doc_id", columns="rule", values="chars", aggfunc="sum", fill_value=0)
             .reindex(overview.doc_id, fill_value=0))
    if table.shape[1] > max_rules:
        totals = table.sum().sort_values(ascending=False, kind="stable")
        keep = sorted(totals.index[:max_rules])
        table = table[keep].assign(**{"other rules": table.drop(columns=keep).sum(axis=1)})
    return table


def length_and_boilerplate(overview: pd.DataFrame, removals: pd.DataFrame):
    """Words after cleaning (left) and boilerplate characters by rule (right).

    Takes ``corpus.to_frame()`` and ``corpus.removals()``. Up to :data:`MAX_ARTICLE_BARS`
    articles, one bar per article; beyond, a histogram of words per article and the
    characters each rule removed in all. Returns the matplotlib Figure.
    """
    import matplotlib.pyplot as plt
    by_rule = boilerplate_by_rule(overview, removals)
    if len(overview) > MAX_ARTICLE_BARS:
        fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4), layout="constrained")
        left.hist(overview["words"], bins=30, color=WORDS_COLOUR)
        left.set_xlabel("words after cleaning")
        left.set_ylabel("articles")
        totals = by_rule.sum().sort_values(kind="stable")
        right.barh([str(r) for r in totals.index], totals.to_numpy(), color="#8172b3")
        right.set_xlabel("boilerplate characters removed, all articles")
        fig.note = (f"The corpus has {len(overview):,} articles, more than the {MAX_ARTICLE_BARS} drawn one bar "
                    f"each: the left panel is the distribution of article lengths, the right one the characters "
                    f"each rule removed in all (per article in the table below).")
        return fig
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, max(2.5, 0.3 * len(overview) + 1.2)), sharey=True,
                                      layout="constrained")
    overview.set_index("doc_id")["words"].plot.barh(ax=left, color=WORDS_COLOUR)
    left.set_xlabel("words after cleaning")
    left.invert_yaxis()
    if by_rule.shape[1]:
        by_rule.plot.barh(ax=right, stacked=True, colormap=RULES_COLORMAP)
        right.legend(title="rule", fontsize=8, loc="lower right")
    right.set_xlabel("boilerplate characters removed")
    fig.note = ""
    return fig


def dated_counts(dates: pd.Series, series: dict[str, pd.Series]) -> pd.DataFrame:
    """Counts per period: one column per series (``name -> doc_id per row``) plus ``articles``.

    ``dates`` maps doc_id to a date text (``corpus.to_frame().set_index("doc_id").date``);
    undated articles and their rows are left out. The period is a day, a week or a month,
    whichever gives at most 60 periods. Empty when no article is dated.
    """
    parsed = pd.to_datetime(dates, errors="coerce", format="mixed").dropna()
    if parsed.empty:
        return pd.DataFrame()
    span = (parsed.max() - parsed.min()).days
    freq = "D" if span <= 60 else "W" if span <= 420 else "MS"
    periods = parsed.dt.to_period(freq[0]).dt.start_time
    counts = {"articles": periods.value_counts()}
    for name, docs in series.items():
        counts[name] = docs.map(periods).dropna().value_counts()
    table = pd.DataFrame(counts).fillna(0).astype(int).sort_index()
    return table


def timeline(table: pd.DataFrame):
    """Bars of articles per period with a line for every other series (claims, sanction actions).

    ``table`` is :func:`dated_counts`. Returns the Figure, or None when nothing is dated.
    """
    import matplotlib.pyplot as plt
    if table.empty:
        return None
    fig, ax = plt.subplots(figsize=(12, 3.6), layout="constrained")
    x = range(len(table))
    ax.bar(x, table["articles"], color=TIMELINE_COLOURS["articles"], label="articles")
    for name in [c for c in table.columns if c != "articles"]:
        ax.plot(x, table[name], marker="o", markersize=3, color=TIMELINE_COLOURS.get(name, "#555555"), label=name)
    step = max(1, len(table) // 12)
    ax.set_xticks(list(x)[::step], [d.strftime("%Y-%m-%d") for d in table.index[::step]], rotation=30, ha="right",
                  fontsize=8)
    ax.set_ylabel("per period")
    ax.legend(fontsize=8, loc="upper left", frameon=False)
    return fig
