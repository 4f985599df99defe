"""analysis.plots.overlap: notebook 02's figures and its escaped side-by-side view."""
from __future__ import annotations

import html

import pandas as pd

from analysis import overlap, quotes
from analysis.plots import overlap as plots


def test_side_by_side_escapes_article_text():
    frame = pd.DataFrame([{"doc_a": "a", "doc_b": "<b>", "a_start": 10, "a_end": 30, "b_start": 0, "b_end": 20,
                           "text_a": "<script>x</script> go", "text_b": "<img src=x> went", "kind": "spun",
                           "score": 30, "substitutions": "go→went", "marks_a": "29-31", "marks_b": "12-16"}])
    out = plots.side_by_side(frame)
    assert "<script>" not in out and "<img" not in out
    assert html.escape("<script>") in out
    assert "<mark>go</mark>" in out and "<mark>went</mark>" in out


def test_figures_draw_the_sample(sample_corpus):
    import matplotlib.pyplot as plt
    groups = quotes.quote_groups(sample_corpus)
    matrices = {level: overlap.matrix(sample_corpus, level, quote_groups=groups) for level in overlap.LEVELS}
    fig = plots.heatmaps(matrices)
    assert [ax.get_title() for ax in fig.axes[:3]] == list(plots.HEATMAP_TITLES.values())
    plt.close(fig)
    fig = plots.copy_graph_figure(overlap.reuse_pairs(sample_corpus), overlap.reuse_summary(sample_corpus))
    assert fig.axes[0].get_title().startswith("Who copied whom")
    plt.close(fig)
