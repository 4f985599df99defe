"""The whole workbook's per-article work in one pass, on every core or on a Dask cluster.

Open ``precompute.py`` for :func:`precompute` (what ``analysis report`` runs before the notebooks:
each Doc read or parsed once, every per-article layer computed from it, the tables stored in the
table cache), ``articles.py`` for the per-article pass a worker runs (:func:`article_rows`) and its
Parquet partitions, ``cluster.py`` for the Dask path (``--scheduler`` / ``ANALYSIS_SCHEDULER``).
This package sits at the top with ``report`` and ``cli``; nothing below imports it.
"""
from .articles import TABLES, article_rows
from .precompute import (CHUNK, SCHEDULER_ENV, WORKERS_ENV, PrecomputeFailed, default_workers, missing, precompute,
                         precompute_apart, scheduler_address)

__all__ = ["CHUNK", "SCHEDULER_ENV", "TABLES", "WORKERS_ENV", "PrecomputeFailed", "article_rows", "default_workers",
           "missing", "precompute", "precompute_apart", "scheduler_address"]
