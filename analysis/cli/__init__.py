"""Command line: ``python -m analysis <command> --corpus DIR --out FILE.csv``; the top of the package.

``__init__.py`` builds the parser and dispatches; each table command lives in its own
``<name>_cmd.py`` (``add_arguments(parser)`` and ``run(corpus, args) -> DataFrame``);
``tables.py`` writes CSVs. Nothing in ``analysis`` imports this package.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from ..batch import SCHEDULER_ENV, PrecomputeFailed, default_workers, precompute, precompute_apart
from ..config import ModelNotFound
from ..corpus import CorpusError, load_corpus
from ..nlp import annotate
from ..report import OutputError, WorkerDied, build_reports
from . import cache_cmd
from .tables import check_writable, write_table

#: command -> (module providing add_arguments/run, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "corpus": ("analysis.cli.corpus_cmd",
               "overview table: one row per article (title, source, author, date, words, boilerplate)"),
    "entities": ("analysis.cli.entities_cmd", "one row per entity mention, with its canonical entity"),
    "overlap": ("analysis.cli.overlap_cmd", "reused passages between articles (verbatim, near, spun)"),
    "claims": ("analysis.cli.claims_cmd", "who said what: quotes, reported speech, denials"),
    "sanctions": ("analysis.cli.sanctions_cmd", "who sanctions whom, with measures and status"),
}

#: Help of ``--scheduler`` (``report`` and every command that loads a corpus).
SCHEDULER_HELP = (f"Dask scheduler address (tcp://HOST:8786): parse and extract per article, and find the reused "
                  f"passages, on that cluster (default: the {SCHEDULER_ENV} setting, else this machine)")

#: Help of ``--follow-links`` (every command that loads a corpus itself; not ``report``, whose notebooks take CORPUS only).
FOLLOW_LINKS_HELP = "read links in the corpus folder that point outside it (listed as symlink_outside otherwise)"

__all__ = ["COMMANDS", "build_parser", "main", "write_table"]


def build_parser() -> argparse.ArgumentParser:
    """The ``python -m analysis`` parser: one sub-command per table, plus ``report`` and ``annotate``."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="News-analysis workbook: tables and HTML reports from a folder of news articles.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--corpus", default=None, help="folder of .txt articles, or a .jsonl/.csv file (default: data/raw)")
        p.add_argument("--follow-links", action="store_true", help=FOLLOW_LINKS_HELP)
        p.add_argument("--out", default=None, metavar="FILE.csv", help="CSV to write (default: print the table)")
        p.add_argument("--scheduler", default=None, metavar="ADDRESS", help=SCHEDULER_HELP)
        importlib.import_module(module_name).add_arguments(p)
        p.set_defaults(module_name=module_name)
    rep = sub.add_parser("report", help="execute every numbered notebook on a corpus and write HTML reports",
                         description="Execute notebooks/NN_*.ipynb against a corpus and write one "
                                     "self-contained HTML per notebook plus index.html.")
    rep.add_argument("--corpus", default=None, help="corpus folder or .jsonl/.csv (default: data/raw)")
    rep.add_argument("--out", default=None, help="output folder (default: reports/)")
    rep.add_argument("--show-code", action="store_true", help="keep code cells visible in the HTML")
    rep.add_argument("--only", nargs="*", default=None, metavar="NN", help="only these notebooks (by number or name)")
    rep.add_argument("--timeout", type=int, default=600, help="seconds allowed per notebook cell")
    rep.add_argument("--scheduler", default=None, metavar="ADDRESS", help=SCHEDULER_HELP)
    ann = sub.add_parser("annotate", help="parse the corpus with spaCy into the cache (data/processed)")
    ann.add_argument("--corpus", default=None)
    ann.add_argument("--follow-links", action="store_true", help=FOLLOW_LINKS_HELP)
    cache_cmd.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit status.

    2 with a one-line error for a bad corpus, no pipeline or an output that cannot be written;
    1 when a report worker was killed from outside; 130 with ``interrupted`` on Ctrl-C (the
    report's workers and kernels are stopped first).
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    try:
        if args.command == "report":
            return _report(args)
        if args.command == "cache":
            return cache_cmd.run(args)
        corpus = load_corpus(args.corpus, follow_links=args.follow_links)
        for row in corpus.rejected_frame().itertuples():
            print(f"rejected {row.path}: {row.reason} ({row.detail})", file=sys.stderr)
        if args.command == "annotate":
            return _annotate(corpus)
        check_writable(args.out)
        if args.scheduler or os.environ.get(SCHEDULER_ENV, "").strip():
            precompute(corpus, scheduler=args.scheduler)
        frame = importlib.import_module(args.module_name).run(corpus, args)
        write_table(frame, args.out)
        return 0
    except (CorpusError, ModelNotFound, FileNotFoundError, OutputError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except (WorkerDied, PrecomputeFailed) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _report(args) -> int:
    """Fill the table cache in one pass over the corpus (on every core, or on ``--scheduler``), then run the notebooks."""
    precompute_apart(load_corpus(args.corpus), scheduler=args.scheduler)  # its memory is free before the notebooks
    index = build_reports(corpus=args.corpus, out=args.out, show_code=args.show_code,
                          only=args.only, timeout=args.timeout)
    print(f"wrote {index}")
    return 0


def _annotate(corpus) -> int:
    stats = annotate(corpus, n_process=default_workers())
    print(f"{len(corpus)} articles: {stats['parsed']} parsed, {stats['cached']} from cache")
    return 0
