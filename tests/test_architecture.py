"""The package's shape: small modules, small functions, one-way imports, no cycle.

Parsed with ``ast`` from the source, so a violation fails here before a reviewer has to find it.
"""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

from analysis import config

PACKAGE = config.ROOT / "analysis"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80
#: Optional heavy libraries that may be imported inside a function (loaded only when that function runs).
LAZY_OK = {"spacy", "matplotlib", "networkx", "numba", "datasketch", "followthemoney", "rigour", "papermill",
           "nbconvert", "nbformat", "nbclient", "IPython", "rapidfuzz", "itables", "pyarrow", "concurrent",
           "dask", "distributed"}
#: Layers, lowest first: a module may import its own layer or lower ones, never a higher one.
LAYERS = [
    {"config", "text", "lexicons", "cache"},
    {"corpus"},
    {"nlp"},
    {"entities"},
    {"claims"},
    {"quotes", "overlap", "sanctions"},
    {"plots"},
    {"report", "cli", "batch", "__main__"},
]


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[str, ast.AST, bool]]:
    """``(imported module, node, at module level)`` for every import of ``analysis`` code or a library."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    top_level = {id(n) for n in tree.body}
    top_level |= {id(n) for node in tree.body if isinstance(node, ast.If) for n in node.body}  # TYPE_CHECKING
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node, id(node) in top_level) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                found += [(f"{target}.{a.name}" if not node.module else target, node, id(node) in top_level)
                          for a in node.names]
            else:
                found.append((node.module or "", node, id(node) in top_level))
    return found


def _layer(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "analysis":
        return None
    if len(parts) == 1:
        return len(LAYERS)  # the package root re-exports, nothing imports it from inside
    for level, names in enumerate(LAYERS):
        if parts[1] in names:
            return level
    return None


def _graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    known = {_module_name(p) for p in MODULES}
    for path in MODULES:
        source = _module_name(path)
        for target, _, _ in _imports(path):
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != source and target.startswith("analysis") and target != "analysis":
                if not (source.startswith(target + ".") or target.startswith(source + ".")):
                    graph.add_edge(source, target)
    return graph


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_is_small(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{path.relative_to(PACKAGE)} has {lines} lines (limit {MAX_MODULE_LINES})"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_functions_are_small(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)" for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES and not node.name.endswith("_kernel")]
    assert not long, f"{path.relative_to(PACKAGE)}: functions over {MAX_FUNCTION_LINES} lines: {long}"


def test_no_import_cycle():
    cycles = list(nx.simple_cycles(_graph()))
    assert not cycles, f"import cycles in analysis/: {cycles[:5]}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down(path):
    source = _module_name(path)
    own = _layer(source)
    upward = [target for target, _, _ in _imports(path)
              if _layer(target) is not None and own is not None and _layer(target) > own
              and not target.startswith(source)]
    assert not upward, f"{source} imports a higher layer: {upward}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_function_level_imports_only_for_heavy_libraries(path):
    inner = [target for target, node, top in _imports(path)
             if not top and target.split(".")[0] not in LAZY_OK and target != "__future__"]
    assert not inner, f"{_module_name(path)} imports inside a function: {inner}"


def test_every_subpackage_says_what_it_does():
    for init in PACKAGE.rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc.splitlines()) >= 2, f"{init.relative_to(PACKAGE)} needs a docstring saying what to open"


def test_checker_sees_a_cycle_and_an_upward_import(tmp_path):
    """The checks above can fail: a planted cycle is a cycle, and corpus importing claims is upward."""
    graph = nx.DiGraph([("analysis.a", "analysis.b"), ("analysis.b", "analysis.a")])
    assert list(nx.simple_cycles(graph))
    assert _layer("analysis.claims.extract") > _layer("analysis.corpus.model")
