"""HTML reports: every notebook becomes a self-contained page; make report writes them."""
from __future__ import annotations

import re

import pytest

from analysis.report import esc, notebooks


def test_esc_neutralises_html_and_markdown():
    assert esc("<script>alert(1)</script>") == "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"
    assert "](" not in esc("[click](javascript:alert(1))")
    assert esc(None) == ""


@pytest.mark.slow
def test_make_report_writes_self_contained_html(make_report_build, tmp_path):
    out = make_report_build
    index = (out / "index.html").read_text(encoding="utf-8")
    for nb in notebooks():
        page = out / f"{nb.stem}.html"
        assert page.exists(), f"no report for {nb.name}"
        assert f'href="{nb.stem}.html"' in index
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]+src=\"?https?:", html), f"CDN script in {page.name}"
        assert "require.min.js" not in html and "MathJax" not in html
        assert not re.search(r"class=\"[^\"]*jp-InputArea-editor", html), "code cells must be hidden by default"
        assert "<img" in html or nb.stem != "00_corpus"
    # the same executed notebook exported with --show-code keeps its code cells
    from analysis.report import to_html
    shown = to_html(out / "executed" / "00_corpus.ipynb", tmp_path / "shown.html", show_code=True)
    assert re.search(r"class=\"[^\"]*jp-InputArea-editor", shown.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------
# Interactive tables (analysis.report.tables)
# ---------------------------------------------------------------------------

def test_tidy_drops_the_default_index_and_has_one_empty_value():
    import pandas as pd
    from analysis.report.tables import tidy
    frame = pd.DataFrame({"doc_id": ["a", None], "score": [0.5, float("nan")], "n": [3.0, None],
                          "when": pd.to_datetime(["2024-03-01", None]), "names": [["x", "y"], []],
                          "flag": [True, False]})
    tidy_frame = tidy(frame)
    assert list(tidy_frame.columns) == ["doc_id", "score", "n", "when", "names", "flag"]
    assert tidy_frame.to_dict("records") == [
        {"doc_id": "a", "score": 0.5, "n": 3, "when": "2024-03-01", "names": "x; y", "flag": "yes"},
        {"doc_id": "", "score": "", "n": "", "when": "", "names": "", "flag": "no"},
    ]
    named = pd.Series([4, 5], index=pd.Index(["p", "q"], name="speaker"), name="claims")
    assert list(tidy(named).columns) == ["speaker", "claims"]  # an index that carries data stays, as a column


def test_table_html_keeps_every_row_escapes_text_and_links_doc_ids():
    import pandas as pd
    from analysis.report.tables import table_html
    frame = pd.DataFrame({"doc_id": [f"d{i:03d}" for i in range(500)], "start": range(500), "end": range(1, 501),
                          "quote": ["<script>alert(1)</script>"] * 500})
    out = table_html(frame, None, "03-claims")
    assert "<script>alert(1)</script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert out.count("&lt;script&gt;alert(1)") == 500 + 10  # every row in the data (+ the 10-row static preview)
    assert "doc=d499&amp;start=499&amp;end=500" in out  # the evidence link of the last row
    assert "articles.html#" in out and 'href="dictionary.html#nb-03"' in out
    assert "https://" not in out.replace("https://itables.org", "")  # nothing to fetch
    assert 'data-rows="500"' in out and '"maxBytes"' not in out  # no downsampling option left in


def test_evidence_fragment_encodes_the_doc_id():
    from analysis.report.tables import evidence_fragment
    assert evidence_fragment("sub/a b&c", 3, 9) == "doc=sub%2Fa%20b%26c&start=3&end=9"
    assert evidence_fragment("x", None, None) == "doc=x"
    assert evidence_fragment("x", "", "") == "doc=x"


def test_first_evidence_links_a_summary_row_to_its_first_mention():
    import pandas as pd
    from analysis.report import first_evidence
    summary = pd.DataFrame({"entity_id": ["e1", "e2"], "mentions": [2, 1]})
    detail = pd.DataFrame({"entity_id": ["e1", "e1", "e2"], "doc_id": ["b", "a", "a"], "start": [5, 40, 10],
                           "end": [9, 44, 12]})
    linked = first_evidence(summary, detail, "entity_id")
    assert linked.to_dict("records") == [{"entity_id": "e1", "mentions": 2, "doc_id": "a", "start": 40, "end": 44},
                                         {"entity_id": "e2", "mentions": 1, "doc_id": "a", "start": 10, "end": 12}]


# ---------------------------------------------------------------------------
# Pages: index, dictionary, terminal progress, make lab
# ---------------------------------------------------------------------------

def test_inline_markdown_renders_the_prose_and_escapes_html():
    from analysis.report import inline_markdown
    assert inline_markdown("**What this answers.** Which *one* `a*b*` <b>") == \
        "<strong>What this answers.</strong> Which <em>one</em> <code>a*b*</code> &lt;b&gt;"


def test_dictionary_sections_follow_the_notebook_numbers():
    from analysis.report.pages import dictionary_sections
    readme = ("## Data dictionary: the corpus (notebook 00)\n\n| column | meaning |\n|---|---|\n| doc_id | id |\n\n"
              "## The analyses\n\n### 01 · Entities\n\nIntro.\n\n#### Data dictionary\n\nmentions table\n\n"
              "#### Method\n\nnot this\n")
    sections = dictionary_sections(readme)
    assert [(n, h) for n, h, _ in sections] == [("00", "Data dictionary: the corpus (notebook 00)"),
                                                ("01", "Data dictionary")]
    assert "doc_id" in sections[0][2] and "mentions table" in sections[1][2] and "not this" not in sections[1][2]


def test_progress_prints_one_line_per_notebook():
    import io
    from analysis.report.run import Progress
    stream = io.StringIO()
    progress = Progress(2, stream=stream)
    progress.started("00_corpus")
    progress.done("00_corpus")
    progress.done("01_entity_frequency", failed=True)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3
    assert lines[1].endswith("done 00_corpus (1/2)") and lines[2].endswith("FAILED 01_entity_frequency (2/2)")


def test_make_lab_passes_allow_root_only_to_root():
    import os
    import shutil
    import subprocess
    from analysis import config
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    out = subprocess.run(["make", "-s", "-o", ".venv/.installed", "lab", "PY=echo"], cwd=config.ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert out.split()[:3] == ["-m", "jupyter", "lab"]
    assert ("--allow-root" in out.split()) == (os.getuid() == 0)


# ---------------------------------------------------------------------------
# Figures at scale (analysis.plots): a fixed pixel budget whatever the corpus size
# ---------------------------------------------------------------------------

def _height_px(fig) -> float:
    return fig.get_size_inches()[1] * fig.dpi


def test_words_quoted_names_at_most_nine_articles_in_its_legend():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pandas as pd
    from analysis.plots import claims as claims_plots
    table = pd.DataFrame([[i % 7 + 1 for _ in range(300)] for i in range(15)],
                         index=[f"speaker {i}" for i in range(15)], columns=[f"doc{j:03d}" for j in range(300)])
    fig = claims_plots.words_quoted(table)
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert len(labels) == 10 and labels[-1] == "other articles"
    assert _height_px(fig) <= 2000 and "291 articles" in fig.note
    plt.close(fig)


def test_length_figure_draws_distributions_past_forty_articles():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pandas as pd
    from analysis.plots import corpus as corpus_plots
    overview = pd.DataFrame({"doc_id": [f"d{i:03d}" for i in range(300)], "words": range(300)})
    removals = pd.DataFrame({"doc_id": [f"d{i:03d}" for i in range(300)], "start": 0, "end": 10,
                             "rule": [f"rule{i % 14}" for i in range(300)], "text": "x"})
    fig = corpus_plots.length_and_boilerplate(overview, removals)
    assert _height_px(fig) <= 2000 and "300 articles" in fig.note
    assert len(fig.axes[1].patches) == 10  # nine rules and "other rules", not 300 bars
    plt.close(fig)


def test_entity_heatmap_draws_only_articles_naming_the_top_entities():
    import pandas as pd
    from analysis.plots.entities import entity_article_table
    rows = [{"doc_id": f"d{j:03d}", "start": k, "label": "PERSON", "canonical": f"Person {j % 3}"}
            for j in range(60) for k in range(j % 4 + 1)]
    frame = pd.DataFrame(rows)
    doc_ids = [f"d{j:03d}" for j in range(300)]
    table, note = entity_article_table(frame, doc_ids, top=25, max_articles=40)
    assert table.shape == (3, 40)
    assert note.startswith("Not drawn: 240 articles name none of these 3 entities; 20 more articles")
    main = [table[c].to_numpy().argmax() for c in table.columns]
    assert main == sorted(main)  # articles grouped by the entity they name most


def test_overlap_heatmaps_keep_only_articles_that_share_something():
    import numpy as np
    import pandas as pd
    from analysis.plots.overlap import heatmap_articles
    ids = [f"d{i:03d}" for i in range(300)]
    zeros = pd.DataFrame(np.zeros((300, 300)), index=ids, columns=ids)
    passage = zeros.copy()
    passage.loc["d010", "d200"] = 80.0
    passage.loc["d200", "d010"] = 40.0
    quote = zeros.copy()
    quote.loc["d050", "d051"] = quote.loc["d051", "d050"] = 1
    order, note = heatmap_articles({"passage": passage, "quote": quote, "entity": zeros}, max_articles=40)
    assert order == ["d010", "d200", "d050", "d051"]
    assert note == "296 of the 300 articles share no reused text or quotation with another article and are not drawn."
