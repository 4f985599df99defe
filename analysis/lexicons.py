"""One loader for every editable knowledge file in ``data/`` (YAML and JSONL).

Each file is parsed once per distinct *content*: the memo key is the sha1 of the
file's bytes, so an edit made while a kernel runs is seen by the very next call,
and two callers never hold different copies of one file. Objects built from
files (a module's ``Lexicon``) go through :func:`derived`, keyed the same way.

* :func:`load_yaml` / :func:`load_jsonl` – the parsed file (``{}`` / ``[]`` when absent);
* :func:`file_sha` – the content hash (``"none"`` for a missing file);
* :func:`derived` – ``build(*parsed files)``, recomputed only when a file's content changes.

Returned objects are shared: treat them as read-only.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Callable

import yaml

from . import config

#: Parsed files and derived objects kept per process (oldest dropped first).
MEMO_LIMIT = 64

_SHA_BY_STAT: dict[tuple[str, int, int], str] = {}
_PARSED: dict[tuple[str, str, str], Any] = {}
_DERIVED: dict[tuple, Any] = {}


def resolve(name: str | os.PathLike) -> Path:
    """``name`` as a path: a bare file name means ``data/<name>``; anything else is taken as given."""
    path = Path(name)
    return config.data_file(str(name)) if len(path.parts) == 1 and not path.exists() else path


def file_sha(name: str | os.PathLike) -> str:
    """sha1 of the file's bytes, ``"none"`` when it does not exist.

    The hash is recomputed whenever the file's size or modification time
    (nanoseconds) changes, so an edit is always seen.
    """
    path = resolve(name)
    try:
        stat = path.stat()
    except OSError:
        return "none"
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    sha = _SHA_BY_STAT.get(key)
    if sha is None:
        sha = hashlib.sha1(path.read_bytes()).hexdigest()
        _remember(_SHA_BY_STAT, key, sha)
    return sha


def load_yaml(name: str | os.PathLike) -> Any:
    """The parsed YAML file (``{}`` when it is missing or empty)."""
    return _parsed(name, "yaml", lambda text: yaml.safe_load(text) or {}, default={})


def load_jsonl(name: str | os.PathLike) -> list:
    """The JSON objects of a JSONL file, one per non-blank line (``[]`` when missing)."""
    def parse(text: str) -> list:
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return _parsed(name, "jsonl", parse, default=[])


def derived(build: Callable[..., Any], *names: str | os.PathLike, loader: Callable[[Any], Any] = load_yaml) -> Any:
    """``build(*[loader(name) for name in names])``, memoised on the files' content hashes.

    Use it for any object computed from data files (a compiled lexicon, a
    matcher's patterns): the object is rebuilt exactly when one of the files changes.
    """
    key = (build.__module__, build.__qualname__, getattr(loader, "__name__", repr(loader)),
           tuple((str(resolve(n)), file_sha(n)) for n in names))
    if key not in _DERIVED:
        _remember(_DERIVED, key, build(*[loader(n) for n in names]))
    return _DERIVED[key]


def version(*names: str | os.PathLike) -> str:
    """One sha1 over the content hashes of ``names`` (a cache key part for results built from them)."""
    h = hashlib.sha1()
    for name in names:
        h.update(f"{resolve(name)}\0{file_sha(name)}\0".encode("utf-8"))
    return h.hexdigest()


def clear() -> None:
    """Forget every parsed file and derived object (the next call reads the files again)."""
    _SHA_BY_STAT.clear()
    _PARSED.clear()
    _DERIVED.clear()


def _parsed(name: str | os.PathLike, kind: str, parse: Callable[[str], Any], default: Any) -> Any:
    path = resolve(name)
    sha = file_sha(path)
    if sha == "none":
        return type(default)()
    key = (str(path.resolve()), kind, sha)
    if key not in _PARSED:
        _remember(_PARSED, key, parse(path.read_text(encoding="utf-8")))
    return _PARSED[key]


def _remember(store: dict, key, value) -> None:
    if len(store) >= MEMO_LIMIT:
        store.pop(next(iter(store)))
    store[key] = value
