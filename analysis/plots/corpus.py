"""Figures of notebook 00 (what is in the corpus)."""
from __future__ import annotations

import pandas as pd

#: Bar colour of the words-per-article panel.
WORDS_COLOUR = "#4c72b0"
#: Colour map of the boilerplate-by-rule panel.
RULES_COLORMAP = "tab20"


def boilerplate_by_rule(overview: pd.DataFrame, removals: pd.DataFrame) -> pd.DataFrame:
    """Characters of boilerplate removed per article (rows, in ``overview`` order) and rule (columns)."""
    return (removals.assign(chars=removals.end - removals.start)
            .pivot_table(index="doc_id", columns="rule", values="chars", aggfunc="sum", fill_value=0)
            .reindex(overview.doc_id, fill_value=0))


def length_and_boilerplate(overview: pd.DataFrame, removals: pd.DataFrame):
    """Two bar charts sharing the article axis: words after cleaning (left), boilerplate characters by rule (right).

    Takes ``corpus.to_frame()`` and ``corpus.removals()``; returns the matplotlib Figure.
    """
    import matplotlib.pyplot as plt
    by_rule = boilerplate_by_rule(overview, removals)
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, max(3, 0.45 * len(overview) + 1)), sharey=True)
    overview.set_index("doc_id")["words"].plot.barh(ax=left, color=WORDS_COLOUR)
    left.set_xlabel("words after cleaning")
    left.invert_yaxis()
    if by_rule.shape[1]:
        by_rule.plot.barh(ax=right, stacked=True, colormap=RULES_COLORMAP)
        right.legend(title="rule", fontsize=8, loc="lower right")
    right.set_xlabel("boilerplate characters removed")
    fig.tight_layout()
    return fig
