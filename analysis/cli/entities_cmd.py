"""``python -m analysis entities``: the mentions table, and on request frequencies and the merge audit."""
from __future__ import annotations

import argparse

import pandas as pd

from .. import entities
from .tables import write_table


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the ``entities`` command."""
    parser.add_argument("--fold-metonyms", action="store_true",
                        help="count capitals and seats of government (Paris, the Elysee) as their country")
    parser.add_argument("--frequency", metavar="FILE.csv", help="also write the per-entity frequency table")
    parser.add_argument("--aliases", metavar="FILE.csv", help="also write the merged-aliases report")


def run(corpus, args) -> pd.DataFrame:
    """The mentions table; writes ``--frequency`` and ``--aliases`` when asked."""
    fold = bool(getattr(args, "fold_metonyms", False))
    if getattr(args, "frequency", None):
        write_table(entities.frequency(corpus, by="entity", fold_metonyms=fold), args.frequency)
    if getattr(args, "aliases", None):
        write_table(entities.aliases_report(corpus, fold_metonyms=fold), args.aliases)
    return entities.mentions(corpus, fold_metonyms=fold)
