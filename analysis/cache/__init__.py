"""Memo of analysis results, in this process and on disk.

Rerunning the notebooks on an unchanged corpus should recompute nothing: the
spaCy parses are cached by :mod:`analysis.nlp`, and the tables built from them
(entity mentions, claims, sanctions, reused passages, list matches) are cached
here. :func:`memo` returns the stored result of ``compute()`` when one was made
from the same inputs, else computes and stores it.

What a stored result depends on is hashed into its file name:

* the result's ``name`` and ``key`` (the call's arguments, and the corpus
  through :func:`analysis.corpus.corpus_fingerprint`, which covers ids, cleaned
  texts, original files and metadata);
* :func:`version`: the source code of this package, every editable file in
  ``data/`` (top-level rules, aliases, lexicons and patterns, and ``data/lists/``),
  every ``ANALYSIS_*`` setting (and the file it names, such as another alias
  table), the spaCy pipeline's name and version, and the versions of Python and
  the libraries the results come from.

Change any of them and the result is computed afresh; nothing needs clearing by
hand. Results are stored as Arrow IPC files under
``<cache dir>/tables/<name>/<sha1>.arrow`` (the cache dir is ``data/processed``
unless ``ANALYSIS_CACHE_DIR`` says otherwise) by :mod:`analysis.cache.codec`:
DataFrames as Arrow columns, everything else as tagged JSON. Nothing in such a
file is code, so reading one cannot run anything. A file is served only when it
verifies: it parses, the name, key and version written inside it are the ones
asked for, and the sha256 of its data matches; anything else (a truncated file,
another key's file copied over it, a planted file) is recomputed and
overwritten. A value is written only if it decodes back exactly (dtypes, index,
column order, NaN against None); a value the codec cannot store exactly stays in
this process's memo only, with a one-line note on stderr. Files of the old
pickle format are never opened, only deleted when their folder is pruned. The
:data:`KEEP` newest files per name are kept. ``ANALYSIS_TABLE_CACHE=0`` turns the
disk layer off; a cache folder that cannot be written costs only speed (a
warning on stderr).
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import os
import sys
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Hashable

import pandas as pd

from .. import config
from . import codec

#: Setting that turns the on-disk layer off (``0``/``false``/``no``).
DISK_ENV = config.TABLE_CACHE_ENV
#: Stored results kept per name (older ones are deleted).
KEEP = 8
#: Libraries whose version is part of every key.
LIBRARIES = ("spacy", "pandas", "numpy", "numba", "rapidfuzz", "datasketch", "networkx", "pyyaml", "pyarrow")
#: Folders of ``data/`` that hold inputs of the analyses (besides its top-level files).
DATA_FOLDERS = ("lists",)

#: Settings that choose where or how results are computed, never what they are (left out of :func:`version`).
NEUTRAL_SETTINGS = (DISK_ENV, config.CACHE_DIR_ENV, "ANALYSIS_SCHEDULER", "ANALYSIS_WORKERS")

_MEMORY: dict[tuple[str, Hashable], Any] = {}
_MEMORY_LIMIT = 32
_PROVIDED: dict[str, Any] = {}  # name -> value computed elsewhere, stored by the next memo of that name
_STORED_ONLY: list[bool] = []   # inside stored_only(): a memo that would compute raises NotStored


class NotStored(LookupError):
    """Raised by :func:`memo` inside :func:`stored_only` when the result is not stored yet."""


@contextmanager
def provide(name: str, value: Any):
    """Within the block, a :func:`memo` of ``name`` that finds nothing stored takes ``value`` instead of computing.

    For a one-pass run (:mod:`analysis.batch`) that computed a table elsewhere: calling the table's own
    public function inside the block stores ``value`` under the key that function builds.
    """
    _PROVIDED[name] = value
    try:
        yield
    finally:
        _PROVIDED.pop(name, None)


@contextmanager
def stored_only():
    """Within the block, a :func:`memo` that would compute raises :class:`NotStored` (stored results are served)."""
    _STORED_ONLY.append(True)
    try:
        yield
    finally:
        _STORED_ONLY.pop()


def memo(name: str, key: Hashable, compute: Callable[[], Any], *, disk: bool = True) -> Any:
    """``compute()``'s result for ``key``, from this process's memo, the disk cache or a fresh run.

    ``key`` must be hashable and have a stable ``repr`` across processes (strings,
    numbers, tuples, frozen dataclasses). ``disk=False`` keeps the result in this
    process only (for calls given an in-memory lexicon, say). DataFrames and other
    objects with a ``copy()`` come back as copies, so callers may change them freely.
    """
    memory_key = (name, key, version() if disk else None)
    if memory_key in _MEMORY:
        return _copied(_MEMORY[memory_key])
    value = None
    found = False
    path = None
    if disk and disk_enabled():
        path = _path(name, key, memory_key[2])
        header = _header(name, key, memory_key[2])
        value, found = _read(path, header)
    if not found:
        if name in _PROVIDED:
            value = _PROVIDED[name]
        elif _STORED_ONLY:
            raise NotStored(name)
        else:
            value = compute()
        if path is not None:
            _write(path, value, header)
    if len(_MEMORY) >= _MEMORY_LIMIT:
        _MEMORY.clear()
    _MEMORY[memory_key] = value
    return _copied(value)


def disk_enabled() -> bool:
    """Whether results are stored on disk (the ``ANALYSIS_TABLE_CACHE`` setting, on by default)."""
    return config.table_cache_enabled()


def clear_memory() -> None:
    """Forget this process's memo (the disk cache stays)."""
    _MEMORY.clear()


def version() -> str:
    """sha1 of everything a result depends on besides its own key (see the module docs)."""
    h = hashlib.sha1()
    for part in (_code_hash(), _data_hash(), _settings_hash(), _pipeline_id(), _library_versions()):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def files_hash(files, root: Path | None = None) -> str:
    """sha1 over the names (relative to ``root``, else the base names) and bytes of ``files``.

    Missing files count as absent.
    """
    h = hashlib.sha1()
    for path in sorted(Path(f) for f in files):
        if path.is_file():
            name = path.relative_to(root) if root is not None else path.name
            h.update(str(name).encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def frame_hash(frame) -> str:
    """sha1 of a DataFrame's columns and values (row order counts)."""
    h = hashlib.sha1(repr(list(frame.columns)).encode("utf-8"))
    if len(frame):
        as_text = frame.astype(str)
        h.update(pd.util.hash_pandas_object(as_text, index=False).values.tobytes())
    return h.hexdigest()


def _code_hash() -> str:
    package = Path(__file__).resolve().parent.parent
    return files_hash(package.rglob("*.py"), root=package)


def _data_hash() -> str:
    data = config.DATA
    files = [p for p in data.iterdir() if p.is_file()] if data.is_dir() else []
    for folder in DATA_FOLDERS:
        if (data / folder).is_dir():
            files += [p for p in (data / folder).rglob("*") if p.is_file()]
    return files_hash(files, root=data)


def _settings_hash() -> str:
    """The ``ANALYSIS_*`` settings (but the cache's own) and the bytes of any file one names."""
    h = hashlib.sha1()
    for name in sorted(os.environ):
        if not name.startswith("ANALYSIS_") or name in NEUTRAL_SETTINGS:
            continue
        value = os.environ[name]
        h.update(f"{name}={value}\0".encode("utf-8"))
        if value.strip() and Path(value.strip()).is_file():
            h.update(Path(value.strip()).read_bytes())
    return h.hexdigest()


def _pipeline_id() -> str:
    """The spaCy pipeline setting, the pipeline it resolves to and that pipeline's version."""
    try:
        name = config.model_name()
    except config.ModelNotFound:
        return "no-pipeline"
    return f"{name}:{config.model_version(name)}"


@lru_cache(maxsize=1)
def _library_versions() -> str:
    found = []
    for library in LIBRARIES:
        try:
            found.append(f"{library}={importlib.metadata.version(library)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{library}=none")
    return f"python={sys.version.split()[0]};" + ";".join(found)


#: Suffix of stored results; files of the old pickle format (``.pkl``) are never read.
SUFFIX = ".arrow"


def _path(name: str, key: Hashable, version_hash: str) -> Path:
    """Where the result of ``name`` for ``key`` under ``version_hash`` is stored."""
    digest = hashlib.sha1(f"{name}\0{key!r}\0{version_hash}".encode("utf-8")).hexdigest()
    return config.cache_dir() / "tables" / name / f"{digest}{SUFFIX}"


def _header(name: str, key: Hashable, version_hash: str) -> dict:
    """What a stored file must say about itself to be served for this call."""
    return {"name": name, "key": repr(key), "version": version_hash}


def _read(path: Path, header: dict) -> tuple[Any, bool]:
    """``(value, True)`` from a file at ``path`` that verifies against ``header``, else ``(None, False)``."""
    if not path.is_file():
        return None, False
    try:
        value = codec.read(path, header)
    except codec.Invalid:  # truncated, planted, another key's: recomputed and overwritten
        return None, False
    try:
        os.utime(path)  # most recently used, for pruning
    except OSError:
        pass
    return value, True


def _write(path: Path, value: Any, header: dict) -> None:
    """Store ``value`` at ``path``; an unwritable folder or a value the codec cannot store is a note on stderr."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        codec.write(path, value, header)
        _prune(path.parent)
    except codec.Unsupported as why:
        print(f"analysis.cache: {header['name']} kept in memory only ({why})", file=sys.stderr)
    except OSError as error:  # a read-only or full disk only costs speed
        print(f"analysis.cache: could not store {path.name}: {error}", file=sys.stderr)


def _prune(folder: Path) -> None:
    """Keep the :data:`KEEP` most recently used results in ``folder``; delete old-format pickles unread."""
    for old in folder.glob("*.pkl"):
        old.unlink(missing_ok=True)
    stored = sorted(folder.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in stored[KEEP:]:
        old.unlink(missing_ok=True)


def _copied(value: Any) -> Any:
    """A copy of DataFrames, lists, dicts and sets; other values as they are."""
    return value.copy() if callable(getattr(value, "copy", None)) else value
