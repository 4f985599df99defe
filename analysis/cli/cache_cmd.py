"""``python -m analysis cache prune``: remove parses of other pipelines and cache files unused for N days."""
from __future__ import annotations

import argparse

from ..nlp import load_pipeline, pipeline_key
from ..nlp.prune import PRUNE_DAYS, prune_cache


def add_parser(sub) -> argparse.ArgumentParser:
    """Add the ``cache`` command (with its ``prune`` action) to the sub-command set ``sub``."""
    parser = sub.add_parser("cache", help="manage the cache folder (data/processed or ANALYSIS_CACHE_DIR)",
                            description="Remove the parse caches of pipelines other than the current one, and "
                                        "parse and table files not used for --days days.")
    parser.add_argument("action", choices=["prune"], help="prune: remove what the current setup no longer uses")
    parser.add_argument("--days", type=float, default=PRUNE_DAYS,
                        help=f"remove cached files not used for this many days (default {PRUNE_DAYS})")
    parser.add_argument("--dry-run", action="store_true", help="list what would be removed, remove nothing")
    return parser


def run(args) -> int:
    """Prune the cache; prints one line per entry and the total bytes; returns 0 (1 if something could not go)."""
    key = pipeline_key(load_pipeline())
    entries = prune_cache(key, args.days, dry_run=args.dry_run)
    verb = "would remove" if args.dry_run else "removed"
    freed = 0
    for entry in entries:
        if entry.error:
            print(f"could not remove {entry.path}: {entry.error}")
            continue
        freed += entry.bytes
        print(f"{verb} {entry.path} ({entry.bytes:,} bytes: {entry.reason})")
    gone = sum(1 for e in entries if not e.error)
    print(f"{verb} {gone} entr{'y' if gone == 1 else 'ies'}, {freed:,} bytes; kept the parses of {key}")
    return 1 if any(e.error for e in entries) else 0
