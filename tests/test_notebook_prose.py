"""Notebook prose states no fact of the sample: no sample name in any markdown cell.

Numbers and names belong in computed Markdown (``md(...)`` in a code cell), which follows the
corpus a notebook runs on; static prose says how to read a table in general terms.
"""
from __future__ import annotations

import json
import re

import pytest
from test_no_sample_names import SAMPLE_NAMES

from analysis import config

NOTEBOOKS = sorted(config.NOTEBOOKS.glob("*.ipynb"))


def _markdown_cells(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for index, cell in enumerate(cells):
        if cell["cell_type"] == "markdown":
            source = cell["source"]
            yield index, "".join(source) if isinstance(source, list) else source


def sample_names_in(text: str) -> list[str]:
    """The sample names written in ``text`` (case-insensitive, at a word start)."""
    return [name for name in SAMPLE_NAMES if re.search(rf"\b{re.escape(name)}", text, re.I)]


def test_the_scan_finds_a_name():
    assert sample_names_in("Officials in tehran said") == ["Tehran"]
    assert sample_names_in("How to read the table: one row per article.") == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_markdown_cells_name_nothing_of_the_sample(path):
    found = [f"cell {index} ({text.strip().splitlines()[0][:60]!r}): {names}"
             for index, text in _markdown_cells(path) if text.strip() and (names := sample_names_in(text))]
    assert not found, f"{path.name}: markdown names the sample; say it in general terms or compute it with md():\n" \
                      + "\n".join(found)
