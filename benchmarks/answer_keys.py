"""The hand-written answer keys live in the tests; benchmarks read them from there."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_module(name: str):
    """Import ``tests/<name>.py`` by path (the tests folder is not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
