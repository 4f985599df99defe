"""Figures of notebook 03 (claim attribution): words quoted per speaker, by article; claims over time."""
from __future__ import annotations

import pandas as pd

#: Colour map of the articles in the words-quoted bars (one colour per named article, never repeated).
ARTICLES_COLORMAP = "tab10"
#: Articles with a colour and a legend entry of their own; the others are one grey "other articles" part.
MAX_LEGEND_ARTICLES = 9
OTHER_COLOUR = "#bbbbbb"


def top_articles(by_article: pd.DataFrame, n: int = MAX_LEGEND_ARTICLES) -> pd.DataFrame:
    """``by_article`` with its ``n`` articles of most quoted words kept and the rest summed as ``other articles``."""
    if by_article.shape[1] <= n + 1:
        return by_article
    totals = by_article.sum().sort_values(ascending=False, kind="stable")
    keep = sorted(totals.index[:n])
    return by_article[keep].assign(**{"other articles": by_article.drop(columns=keep).sum(axis=1)})


def words_quoted(by_article: pd.DataFrame):
    """Horizontal stacked bars: words inside each speaker's quotation marks (direct and partial quotes, the
    quoted fragments of mixed claims), coloured by article.

    Takes :func:`analysis.claims.words_quoted_by_article` (speakers as rows, most quoted
    first; articles as columns). At most :data:`MAX_LEGEND_ARTICLES` articles get a colour and
    a legend entry (those with most quoted words in the chart); the rest are one grey part.
    Returns the matplotlib Figure (with a ``note`` on what was grouped), or ``None`` when the table is empty.
    """
    if by_article.empty:
        return None
    import matplotlib.pyplot as plt
    shown = top_articles(by_article)
    colours = list(plt.get_cmap(ARTICLES_COLORMAP).colors)[:shown.shape[1]]
    if "other articles" in shown.columns:
        colours[-1] = OTHER_COLOUR
    fig, ax = plt.subplots(figsize=(11, min(12, max(2.5, 0.36 * len(shown) + 1.4))), layout="constrained")
    shown.plot.barh(stacked=True, ax=ax, color=colours, width=0.75)
    ax.invert_yaxis()
    ax.set_xlabel("words quoted (inside quotation marks)")
    ax.set_ylabel("")
    ax.legend(title="article", fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    ax.set_title("Who is quoted most, by article")
    grouped = by_article.shape[1] - (shown.shape[1] - (1 if "other articles" in shown.columns else 0))
    fig.note = (f"{grouped:,} articles quoting these speakers are drawn together in grey as \"other articles\"; "
                f"the table below gives every count.") if grouped else ""
    return fig
