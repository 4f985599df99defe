"""``python -m analysis sanctions``: sanction rows, and on request FtM entities, list matches, targets."""
from __future__ import annotations

import argparse
import sys

import pandas as pd

from .. import sanctions
from .tables import write_table


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the ``sanctions`` command."""
    parser.add_argument("--ftm", metavar="FILE.jsonl", help="also write FollowTheMoney entities (JSON lines)")
    parser.add_argument("--lists", metavar="DIR", default=None,
                        help="official list folder to cross-check against (default: data/lists)")
    parser.add_argument("--matches", metavar="FILE.csv", help="also write the list cross-check table")
    parser.add_argument("--consolidated", metavar="FILE.csv", help="also write one row per distinct target")


def run(corpus, args) -> pd.DataFrame:
    """The rows of :func:`analysis.sanctions.sanctions` (measures "; "-joined, ``list_ids`` with list options)."""
    rows = sanctions.sanctions(corpus)
    if getattr(args, "ftm", None):
        written = sanctions.to_ftm(rows, corpus, args.ftm)
        print(f"wrote {len(written)} FollowTheMoney entities to {args.ftm}", file=sys.stderr)
    if getattr(args, "consolidated", None) or getattr(args, "matches", None) or getattr(args, "lists", None):
        rows = _with_list_ids(corpus, rows, args)
    return _flat(rows)


def _with_list_ids(corpus, rows: pd.DataFrame, args) -> pd.DataFrame:
    """``rows`` with a ``list_ids`` column from the list cross-check; writes the side tables asked for."""
    cons = sanctions.consolidated(corpus, rows=rows)
    if getattr(args, "consolidated", None):
        write_table(cons, args.consolidated)
    lists = sanctions.load_lists(args.lists) if getattr(args, "lists", None) else sanctions.load_lists()
    matches = sanctions.match_lists(cons, lists)
    if getattr(args, "matches", None):
        write_table(matches, args.matches)
    best = matches[matches["verdict"] != "no match"].groupby("target")["list_id"].apply(
        lambda s: "; ".join(sorted(s)))
    rows = rows.copy()
    rows["list_ids"] = rows["target"].map(best)
    return rows


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with list-valued ``measures`` joined by "; " for CSV."""
    frame = frame.copy()
    if "measures" in frame.columns:
        frame["measures"] = frame["measures"].map(lambda m: "; ".join(m) if isinstance(m, list) else m)
    return frame
