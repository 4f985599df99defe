"""``python -m analysis corpus``: the overview table, and on request the rejected files and removed boilerplate."""
from __future__ import annotations

import argparse

import pandas as pd

from ..nlp import sentence_counts
from .tables import write_table


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the ``corpus`` command."""
    parser.add_argument("--rejected", metavar="FILE.csv", help="also write the rejected-files table")
    parser.add_argument("--removed", metavar="FILE.csv", help="also write the removed-boilerplate table")


def run(corpus, args) -> pd.DataFrame:
    """The overview table with sentence counts; writes ``--rejected`` and ``--removed`` when asked."""
    if getattr(args, "rejected", None):
        write_table(corpus.rejected_frame(), args.rejected)
    if getattr(args, "removed", None):
        write_table(corpus.removals(), args.removed)
    return corpus.to_frame(sentences=sentence_counts(corpus))
