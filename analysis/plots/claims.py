"""Figures of notebook 03 (claim attribution)."""
from __future__ import annotations

import pandas as pd

#: Colour map of the articles in the words-quoted bars.
ARTICLES_COLORMAP = "tab10"


def words_quoted(by_article: pd.DataFrame):
    """Horizontal stacked bars: words inside each speaker's quotation marks (direct and partial quotes, the
    quoted fragments of mixed claims), coloured by article.

    Takes :func:`analysis.claims.words_quoted_by_article` (speakers as rows, most quoted
    first; articles as columns); returns the matplotlib Figure, or ``None`` when the table is empty.
    """
    if by_article.empty:
        return None
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(10, max(3, 0.4 * len(by_article) + 1)))
    by_article.plot.barh(stacked=True, ax=ax, colormap=ARTICLES_COLORMAP, width=0.75)
    ax.invert_yaxis()
    ax.set_xlabel("words quoted (inside quotation marks)")
    ax.set_ylabel("")
    ax.legend(title="article", fontsize=8, loc="lower right")
    ax.set_title("Who is quoted most, by article")
    fig.tight_layout()
    return fig
