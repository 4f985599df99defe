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
