"""Command line: ``python -m analysis <command> --corpus DIR --out FILE.csv``.

Table commands write one CSV (or print it when ``--out`` is omitted). Each
concern module provides ``run_cli(corpus, args) -> DataFrame`` and, optionally,
``add_cli_arguments(parser)`` for its own options; this file only wires them.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

import pandas as pd

#: command -> (module providing run_cli, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "corpus": ("analysis.cli", "overview table: one row per article (title, source, author, date, words, boilerplate)"),
    "entities": ("analysis.entities", "one row per entity mention, with its canonical entity"),
    "overlap": ("analysis.overlap", "reused passages between articles (verbatim, near, spun)"),
    "claims": ("analysis.claims", "who said what: quotes, reported speech, denials"),
    "sanctions": ("analysis.sanctions", "who sanctions whom, with measures and status"),
}


def run_cli(corpus, args) -> pd.DataFrame:
    """The ``corpus`` command: the overview table, with sentence counts."""
    return corpus.to_frame(sentences=True)


def add_cli_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rejected", metavar="FILE.csv", help="also write the rejected-files table")
    parser.add_argument("--removed", metavar="FILE.csv", help="also write the removed-boilerplate table")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="News-analysis workbook: tables and HTML reports from a folder of news articles.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--corpus", default=None, help="folder of .txt articles, or a .jsonl/.csv file (default: data/raw)")
        p.add_argument("--out", default=None, metavar="FILE.csv", help="CSV to write (default: print the table)")
        module = importlib.import_module(module_name)
        if hasattr(module, "add_cli_arguments"):
            module.add_cli_arguments(p)
        p.set_defaults(module_name=module_name)
    rep = sub.add_parser("report", help="execute every numbered notebook on a corpus and write HTML reports",
                         description="Execute notebooks/NN_*.ipynb against a corpus and write one "
                                     "self-contained HTML per notebook plus index.html.")
    rep.add_argument("--corpus", default=None, help="corpus folder or .jsonl/.csv (default: data/raw)")
    rep.add_argument("--out", default=None, help="output folder (default: reports/)")
    rep.add_argument("--show-code", action="store_true", help="keep code cells visible in the HTML")
    rep.add_argument("--only", nargs="*", default=None, metavar="NN", help="only these notebooks (by number or name)")
    rep.add_argument("--timeout", type=int, default=600, help="seconds allowed per notebook cell")
    ann = sub.add_parser("annotate", help="parse the corpus with spaCy into the cache (data/processed)")
    ann.add_argument("--corpus", default=None)
    return parser


def write_table(frame: pd.DataFrame, out: str | None) -> None:
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        frame.to_csv(out, index=False)
        print(f"wrote {len(frame)} rows to {out}", file=sys.stderr)
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
            print(frame.to_string(index=False))


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    from .corpus import CorpusError, load_corpus
    from .nlp import ModelNotFound
    try:
        if args.command == "report":
            from .report import build_reports
            index = build_reports(corpus=args.corpus, out=args.out, show_code=args.show_code,
                                  only=args.only, timeout=args.timeout)
            print(f"wrote {index}")
            return 0
        corpus = load_corpus(args.corpus)
        for row in corpus.rejected_frame().itertuples():
            print(f"rejected {row.path}: {row.reason} ({row.detail})", file=sys.stderr)
        if args.command == "annotate":
            from .nlp import annotate
            stats = annotate(corpus)
            print(f"{len(corpus)} articles: {stats['parsed']} parsed, {stats['cached']} from cache")
            return 0
        module = importlib.import_module(args.module_name)
        frame = module.run_cli(corpus, args)
        write_table(frame, args.out)
        if args.command == "corpus":
            if args.rejected:
                write_table(corpus.rejected_frame(), args.rejected)
            if args.removed:
                write_table(corpus.removals(), args.removed)
        return 0
    except (CorpusError, ModelNotFound, FileNotFoundError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
