"""Pruning the cache folder: parses of other pipelines, and files nothing has used for a while.

The parse cache keeps one folder per pipeline key (``<cache dir>/docs/<key>/``), so every model,
spaCy or patterns change leaves the old folder behind; the table cache (``<cache dir>/tables/``)
keeps results of old code and data. :func:`prune_cache` removes the ``docs/`` folders of every
key but the one in use, and the parse and table files not read or written for ``days`` days
(both caches touch a file when they serve it). ``python -m analysis cache prune`` runs it.
"""
from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from .. import config

#: Default age, in days since last use, past which ``cache prune`` removes a cached file.
PRUNE_DAYS = 30


@dataclass(frozen=True)
class Removed:
    """One pruned entry: its path, its size in bytes, why it went, and the error if it could not be removed."""

    path: Path
    bytes: int
    reason: str
    error: str = ""


def _size(path: Path) -> int:
    """Bytes of a file, or of every file under a folder (links not followed)."""
    if path.is_symlink() or path.is_file():
        return path.lstat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_symlink() or p.is_file())


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def stale_entries(keep_key: str, days: float = PRUNE_DAYS, root: Path | None = None) -> list[Removed]:
    """What :func:`prune_cache` would remove under ``root`` (default: the cache dir), without removing it.

    The ``docs/<key>`` folders whose key is not ``keep_key``, then the files under
    ``docs/<keep_key>/`` and ``tables/`` last used more than ``days`` days ago.
    """
    root = Path(root) if root is not None else config.cache_dir()
    cutoff = time.time() - days * 86400
    found: list[Removed] = []
    docs = root / "docs"
    if docs.is_dir():
        for folder in sorted(docs.iterdir()):
            if folder.name != keep_key:
                found.append(Removed(folder, _size(folder), "parses of another pipeline"))
    for folder in (docs / keep_key, root / "tables"):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if (path.is_file() or path.is_symlink()) and path.lstat().st_mtime < cutoff:
                found.append(Removed(path, path.lstat().st_size, f"unused for {days:g} days"))
    return found


def prune_cache(keep_key: str, days: float = PRUNE_DAYS, root: Path | None = None, *,
                dry_run: bool = False) -> list[Removed]:
    """Remove :func:`stale_entries` (unless ``dry_run``) and empty table folders; returns the entries.

    An entry that cannot be removed (a read-only folder, say) is left in place and comes back
    with its ``error`` set.
    """
    root = Path(root) if root is not None else config.cache_dir()
    removed: list[Removed] = []
    for entry in stale_entries(keep_key, days, root):
        try:
            if not dry_run:
                _remove(entry.path)
        except OSError as error:
            entry = Removed(entry.path, entry.bytes, entry.reason, str(error))
        removed.append(entry)
    if not dry_run and (root / "tables").is_dir():
        for folder in sorted((root / "tables").iterdir()):
            if folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
                try:
                    folder.rmdir()
                except OSError:
                    pass
    return removed
