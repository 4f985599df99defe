"""``python -m analysis claims``: the claims table, and on request quote groups and denials."""
from __future__ import annotations

import argparse

import pandas as pd

from .. import claims, quotes
from .tables import write_table


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the ``claims`` command."""
    parser.add_argument("--groups", metavar="FILE.csv", help="also write the cross-article quote groups")
    parser.add_argument("--denials", metavar="FILE.csv", help="also write the denials and the claims they answer")


def run(corpus, args) -> pd.DataFrame:
    """The claims table; writes ``--groups`` (:func:`analysis.quotes.quote_groups`) and ``--denials`` when asked."""
    frame = claims.claims(corpus)
    if getattr(args, "groups", None):
        write_table(quotes.quote_groups(corpus, frame), args.groups)
    if getattr(args, "denials", None):
        write_table(claims.denials(corpus, frame), args.denials)
    return frame
