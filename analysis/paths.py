"""Where the workbook keeps things.

Every folder is resolved from this file's location, so notebooks, nbval (cwd
``notebooks/``), papermill and the CLI all see the same paths whatever their
working directory.
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"


def data_file(name: str) -> Path:
    """Path of an editable knowledge file in ``data/`` (rules, aliases, lexicons)."""
    return DATA / name


def cache_dir() -> Path:
    """Folder of the annotation cache (``ANALYSIS_CACHE_DIR`` overrides ``data/processed``)."""
    return Path(os.environ.get("ANALYSIS_CACHE_DIR") or PROCESSED)


def resolve_corpus(corpus: str | os.PathLike | None) -> Path:
    """The corpus path a notebook or command was given; ``None`` means ``data/raw``.

    A relative path is tried against the working directory first, then the
    project root, so ``data/raw`` works from ``notebooks/`` too.
    """
    if corpus is None or str(corpus) == "":
        return RAW
    path = Path(corpus).expanduser()
    if path.is_absolute() or path.exists():
        return path.resolve()
    return (ROOT / path).resolve()
