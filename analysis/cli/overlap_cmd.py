"""``python -m analysis overlap``: reused passages, and on request the reuse summary, shared quotes and copy clusters."""
from __future__ import annotations

import argparse

import pandas as pd

from .. import overlap, quotes
from .tables import write_table


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the ``overlap`` command."""
    parser.add_argument("--summary", metavar="FILE.csv", help="also write the per-article reuse summary")
    parser.add_argument("--quotes", metavar="FILE.csv",
                        help="also write the quotation groups (analysis.quotes.quote_groups)")
    parser.add_argument("--clusters", metavar="FILE.csv",
                        help="also write the copy clusters: articles that are copies of one story, one row per "
                             "member (analysis.overlap.duplicate_clusters)")


def run(corpus, args) -> pd.DataFrame:
    """The passages table; writes ``--summary``, ``--quotes`` and ``--clusters`` when asked."""
    frame = overlap.passages(corpus)
    if getattr(args, "summary", None):
        write_table(overlap.reuse_summary(corpus), args.summary)
    if getattr(args, "quotes", None):
        write_table(quotes.quote_groups(corpus), args.quotes)
    if getattr(args, "clusters", None):
        write_table(overlap.duplicate_clusters(corpus), args.clusters)
    return frame
