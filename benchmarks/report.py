"""Time of rebuilding every report: cold (empty caches) and cached (a rerun on an unchanged corpus).

Runs ``python -m analysis report`` (what ``make report`` runs) in a fresh process,
three times against a temporary cache folder: once with an empty cache (every
article parsed, every table computed), then twice with the cache filled (the
figure the workbook promises: a cached rerun of all notebooks in under 30 s).
Prints wall time and the load average, since a busy machine slows every figure.

    .venv/bin/python benchmarks/report.py [--corpus DIR] [--runs N]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(corpus: str, out: Path, cache: Path) -> float:
    env = dict(os.environ, ANALYSIS_CACHE_DIR=str(cache))
    env.pop("ANALYSIS_TABLE_CACHE", None)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "analysis", "report", "--corpus", corpus, "--out", str(out)],
                   cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return time.perf_counter() - t


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT / "data" / "raw"))
    parser.add_argument("--runs", type=int, default=2, help="cached reruns to time (default 2)")
    args = parser.parse_args(argv)
    print(f"reports of {args.corpus} ({os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f})")
    with tempfile.TemporaryDirectory() as tmp:
        cache, out = Path(tmp) / "cache", Path(tmp) / "reports"
        print(f"  cold (empty caches):  {build(args.corpus, out, cache):6.1f} s")
        for run in range(1, args.runs + 1):
            print(f"  cached rerun {run}:       {build(args.corpus, out, cache):6.1f} s")
        pages = sorted(p.name for p in out.glob("*.html"))
        print(f"  pages: {', '.join(pages)}")
    print(f"  (load average after: {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
