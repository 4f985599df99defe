"""Annotation throughput and memory: cold (parse + cache), cached rerun, and bare ``nlp.pipe``.

Usage::

    .venv/bin/python benchmarks/annotate.py [--corpus DIR] [--sizes 500 1000 2225] [--notebooks]

Default corpus: ``../shared/corpora/bbc-news-2225/articles`` (falls back to the
sample in ``data/raw`` repeated 100 times when that folder is absent). Each
stage runs in its own subprocess so its peak resident memory is its own. Prints
articles/s, tokens/s and peak RSS per stage and size, the cold/bare ratio, and
with ``--notebooks`` the wall time of a cached rerun of every notebook.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("ANALYSIS_TABLE_CACHE", "0")  # time the analyses themselves, never the result cache

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc-news-2225" / "articles"


def _articles(corpus: str, size: int):
    from analysis import config, load_corpus
    if Path(corpus).exists():
        articles = load_corpus(corpus).articles
    else:  # the sample repeated, each copy made unique so the cache cannot short-cut it
        base = load_corpus(config.RAW).articles
        articles = []
        for i in range(size // len(base) + 1):
            for a in base:
                copy = type(a)(**{**a.__dict__, "doc_id": f"{a.doc_id}-{i}", "text": a.text + f" ({i})"})
                copy.offsets = a.offsets.tolist() + [a.offsets[-1]] * len(f" ({i})")
                articles.append(copy)
    return articles[:size]


def stage(name: str, corpus: str, size: int) -> dict:
    """Run one stage in this process and return its figures."""
    from analysis import nlp
    articles = _articles(corpus, size)
    pipe = nlp.load_pipeline()
    tokens = 0
    start = time.perf_counter()
    if name == "bare":
        for doc in pipe.pipe((a.text for a in articles), batch_size=nlp.BATCH_SIZE):
            tokens += len(doc)
    else:
        stats: dict = {}
        for _, doc in nlp.iter_docs(articles, pipe, stats=stats):
            tokens += len(doc)
        expected = {"cold": {"parsed": len(articles), "cached": 0},
                    "cached": {"parsed": 0, "cached": len(articles)}}[name]
        assert stats == expected, f"{name}: {stats}"
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"stage": name, "articles": len(articles), "tokens": tokens, "seconds": seconds,
            "articles_per_s": len(articles) / seconds, "tokens_per_s": tokens / seconds, "peak_rss_mb": peak_mb}


def run_stage(name: str, corpus: str, size: int, cache: str) -> dict:
    env = dict(os.environ, ANALYSIS_CACHE_DIR=cache)
    out = subprocess.run([sys.executable, __file__, "--stage", name, "--corpus", corpus, "--sizes", str(size)],
                         env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--sizes", nargs="+", type=int, default=None)
    parser.add_argument("--stage", choices=["cold", "cached", "bare"], help=argparse.SUPPRESS)
    parser.add_argument("--notebooks", action="store_true", help="also time a cached rerun of all notebooks")
    args = parser.parse_args()
    if args.stage:
        print(json.dumps(stage(args.stage, args.corpus, args.sizes[0])))
        return
    if not Path(args.corpus).exists():
        print(f"{args.corpus} not found: using the sample corpus repeated", file=sys.stderr)
    sizes = args.sizes or [500, 1000, 2225]
    print(f"corpus: {args.corpus}")
    print(f"{'stage':<8}{'articles':>9}{'tokens':>10}{'seconds':>9}{'art/s':>8}{'tok/s':>9}{'peak MB':>9}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as cache:
            rows = [run_stage("bare", args.corpus, size, cache), run_stage("cold", args.corpus, size, cache),
                    run_stage("cached", args.corpus, size, cache)]
        for r in rows:
            print(f"{r['stage']:<8}{r['articles']:>9}{r['tokens']:>10}{r['seconds']:>9.1f}{r['articles_per_s']:>8.1f}"
                  f"{r['tokens_per_s']:>9.0f}{r['peak_rss_mb']:>9.0f}")
        bare, cold, cached = rows
        print(f"  -> cold annotation at {cold['tokens_per_s'] / bare['tokens_per_s']:.0%} of bare nlp.pipe; "
              f"cached rerun {cached['tokens_per_s'] / bare['tokens_per_s']:.1f}x bare")
    if args.notebooks:
        from analysis.report import build_reports
        with tempfile.TemporaryDirectory() as out:
            build_reports(out=out)  # warm the cache
            start = time.perf_counter()
            build_reports(out=out)
            print(f"cached rerun of all notebooks on data/raw (execute + export HTML): "
                  f"{time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
