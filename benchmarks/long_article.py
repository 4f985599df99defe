"""A long article (1.2 million characters by default) through ``python -m analysis entities``.

Usage::

    .venv/bin/python benchmarks/long_article.py [--chars 1200000]

Builds, in a temporary folder, a corpus of one long article (varied paragraphs, with one
sentence naming "Emmanuel Macron" near the end) and one short article, then runs
``/usr/bin/time -v python -m analysis entities`` on it with an empty parse cache and the table
cache off (cold), and once more with the parse cache filled (cached). Prints wall time and peak
resident memory per run, and checks that every row's ``start``/``end`` give its ``text`` in the
original file, that the late name is found at its exact offsets, and that the short article has rows.
The issue's bar: exact offsets and peak memory under 2 GB.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from analysis.nlp import docs
from answer_keys import test_module

ROOT = Path(__file__).resolve().parents[1]
#: The long-article generator of the tests (one source for the text the tests and this benchmark use).
TEXTS = test_module("nlp/test_long_texts")


def run(folder: Path, cache: Path, out: Path) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds, peak RSS in MB, exit status) of one ``entities`` run."""
    env = {**os.environ, "ANALYSIS_CACHE_DIR": str(cache), "ANALYSIS_TABLE_CACHE": "0"}
    cmd = [sys.executable, "-m", "analysis", "entities", "--corpus", str(folder), "--out", str(out)]
    if Path("/usr/bin/time").exists():
        cmd = ["/usr/bin/time", "-v"] + cmd
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", result.stderr))
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    if found:
        peak_mb = int(found.group(1)) / 1024
    else:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak_mb, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
    if result.returncode:
        print(result.stderr[-3000:], file=sys.stderr)
    return seconds, cpu, peak_mb, result.returncode


def check(folder: Path, out: Path) -> None:
    """Print whether every row's offsets are exact, the late name is found and the short article has rows."""
    rows = pd.read_csv(out, keep_default_na=False)
    raws = {p.stem: p.read_bytes().decode("utf-8") for p in folder.glob("*.txt")}
    exact = all(raws[r.doc_id][int(r.start):int(r.end)] == str(r.text) for r in rows.itertuples())
    long_raw = raws["long"]
    late_start = long_raw.index("Emmanuel Macron")
    late = rows[(rows.doc_id == "long") & (rows.start == late_start)
                & (rows.end == late_start + len("Emmanuel Macron"))]
    print(f"  rows: {len(rows)} ({(rows.doc_id == 'long').sum()} in the long article, "
          f"{(rows.doc_id == 'short').sum()} in the short one)")
    print(f"  every row's offsets exact in the original file: {exact}")
    print(f"  'Emmanuel Macron' at {late_start} (of {len(long_raw):,} characters) found: {len(late) == 1}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=1_200_000)
    args = parser.parse_args()
    print(f"PIECE_CHARS={docs.PIECE_CHARS:,}, BATCH_CHARS={docs.BATCH_CHARS:,}")
    with tempfile.TemporaryDirectory() as tmp:
        folder, cache = Path(tmp) / "corpus", Path(tmp) / "cache"
        folder.mkdir()
        text = TEXTS.long_text(args.chars)
        (folder / "long.txt").write_text(text, encoding="utf-8")
        (folder / "short.txt").write_text(TEXTS.SHORT, encoding="utf-8")
        print(f"long article: {len(text):,} characters; short article: 1")
        for label in ("cold (parse, fill the cache)", "cached (parse cache filled)"):
            out = Path(tmp) / "entities.csv"
            seconds, cpu, peak_mb, status = run(folder, cache, out)
            print(f"{label}: exit {status}, {seconds:.1f} s wall, {cpu:.1f} s CPU, peak RSS {peak_mb:,.0f} MB")
            if status == 0:
                check(folder, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
