"""Committed notebooks: executed in order, no errors, a parameters cell, thin, sanitize file sane."""
from __future__ import annotations

import re

import nbformat
import pytest
from nbval.plugin import get_sanitize_patterns

from analysis import config
from analysis.report import notebooks

NOTEBOOKS = notebooks()


def test_numbered_notebooks_exist():
    names = [p.name for p in NOTEBOOKS]
    assert "00_corpus.ipynb" in names
    assert all(re.match(r"^\d\d_[a-z_]+\.ipynb$", n) for n in names)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_executed_in_order_without_errors(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    counts = [c.execution_count for c in code]
    assert None not in counts, "a code cell was never executed: run `make notebooks`"
    assert counts == list(range(1, len(code) + 1)), f"execution counts out of order: {counts}"
    for cell in code:
        for output in cell.outputs:
            assert output.output_type != "error", f"error output in {path.name}"
            assert not (output.output_type == "stream" and output.name == "stderr"), \
                f"stderr output in {path.name}: {output.text[:200]}"
        assert "execution" not in cell.metadata, "timing metadata committed"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_shape(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and re.search(r"^CORPUS = None", params[0].source, re.M)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        assert not re.search(r"^\s*(def|class) ", cell.source, re.M), "no function definitions in notebooks"
        assert "sys.path" not in cell.source and "../data" not in cell.source
        assert "NBVAL_SKIP" not in cell.source
        if "NBVAL_IGNORE_OUTPUT" in cell.source:
            assert re.search(r"# NBVAL_IGNORE_OUTPUT\s*[-:–—]?\s*\w+", cell.source), "give a reason"


def test_notebook_outputs_have_no_volatile_text():
    for path in NOTEBOOKS:
        text = path.read_text(encoding="utf-8")
        assert str(config.ROOT) not in text, f"absolute path in {path.name}"
        assert not re.search(r"at 0x[0-9a-f]{6,}", text), f"memory address in {path.name}"


def test_sanitize_file_loads_and_compiles():
    cfg = config.ROOT / "tests" / "nbval_sanitize.cfg"
    raw = cfg.read_bytes()
    assert b"\r" not in raw, "LF endings only"
    with open(cfg, encoding="utf-8") as fh:
        patterns = get_sanitize_patterns(fh.read())
    assert len(patterns) == raw.count(b"regex:") >= 1
    for regex, replace in patterns:
        re.compile(regex)
        assert replace.strip(), "a blank replacement silently does nothing"
