"""The whole workbook at real size: bare parse, cold and warm ``analysis report``, peak memory, stage split, growth.

Usage::

    nice -n 10 .venv/bin/python benchmarks/workbook.py [--sizes 1000 2000] [--corpus ../shared/corpora/bbc-news-2225/articles]

For each size it copies that many BBC articles (a fixed shuffle, seed 17, so the smaller set is inside
the larger) into a temporary folder (nothing is written into the project), then in fresh processes:

* **bare parse** – ``nlp.pipe`` over the cleaned texts, one process, no cache (the yardstick);
* **cold report** – ``python -m analysis report`` with an empty cache folder (``ANALYSIS_CACHE_DIR``);
* **warm report** – the same command again on the filled cache;
* **peak memory** – the largest sum of resident memory over the report's whole process tree
  (workers and notebook kernels included), sampled every 0.2 s;
* **stages** – the one-pass precompute's ``timing:`` lines (probe, articles, entities, passages, tables,
  derived) and ``notebooks`` = the rest of the cold run (executing and exporting the notebooks).

Then the growth of each stage from the first size to the last. The machine's load average is printed,
since a shared machine slows every figure.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc-news-2225" / "articles"
BARE = """
import sys, time
from analysis import load_corpus, nlp
corpus = load_corpus(sys.argv[1])
pipeline = nlp.load_pipeline()
texts = [a.text for a in corpus]
start = time.perf_counter()
for _ in pipeline.pipe(texts, batch_size=64):
    pass
print(time.perf_counter() - start)
"""


def subset(corpus: Path, n: int, into: Path) -> Path:
    files = sorted(corpus.rglob("*.txt"))
    random.Random(17).shuffle(files)
    for f in files[:n]:
        (into / f.parent.name).mkdir(parents=True, exist_ok=True)
        shutil.copy(f, into / f.parent.name / f.name)
    return into


def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
            p = int(stat.parent.name)
            children.setdefault(int(fields[1]), []).append(p)
            rss[p] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            continue
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, []))
    return total


def run(cmd: list[str], env: dict) -> tuple[float, int, str]:
    """``(wall seconds, peak tree RSS bytes, stderr)`` of ``cmd``."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def watch():
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.2)
    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    thread.join()
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-3000:]}")
    return wall, peak[0], err


PRECOMPUTE = """
import sys
from analysis import load_corpus
from analysis.batch import precompute
precompute(load_corpus(sys.argv[1]))
"""


def measure(folder: Path, work: Path, notebooks: bool = True) -> dict:
    env = dict(os.environ, ANALYSIS_CACHE_DIR=str(work / "cache"))
    env.pop("ANALYSIS_TABLE_CACHE", None)
    bare = subprocess.run([sys.executable, "-c", BARE, str(folder)], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True)
    figures = {"bare parse": float(bare.stdout.strip().splitlines()[-1])}
    report = [sys.executable, "-m", "analysis", "report", "--corpus", str(folder), "--out", str(work / "reports")]
    if not notebooks:  # the one-pass precompute alone (what the report runs before its notebooks)
        report = [sys.executable, "-c", PRECOMPUTE, str(folder)]
    cold, peak, err = run(report, env)
    stages = {m.group(1): float(m.group(2)) for m in re.finditer(r"^timing: (\w+) ([\d.]+) s$", err, re.M)}
    stages["notebooks"] = cold - sum(v for k, v in stages.items() if k not in ("passages",))
    warm, warm_peak, _ = run(report, env)
    figures.update({"cold report": cold, "warm report": warm, "peak GB": peak / 1e9, "warm peak GB": warm_peak / 1e9})
    figures["stages"] = stages
    return figures


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000])
    parser.add_argument("--no-notebooks", action="store_true",
                        help="time the one-pass precompute instead of the whole report (no notebooks)")
    args = parser.parse_args(argv)
    print(f"workbook on BBC subsets ({os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f})")
    results = {}
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = subset(Path(args.corpus), n, Path(tmp) / "corpus")
            r = results[n] = measure(folder, Path(tmp), notebooks=not args.no_notebooks)
        print(f"{n:>6} articles: bare parse {r['bare parse']:.1f} s | cold report {r['cold report']:.1f} s "
              f"({r['cold report'] / r['bare parse']:.2f}x parse) | warm report {r['warm report']:.1f} s | "
              f"peak {r['peak GB']:.2f} GB (warm {r['warm peak GB']:.2f} GB)", flush=True)
        print("        stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in r["stages"].items()), flush=True)
    if len(args.sizes) > 1:
        first, last = results[args.sizes[0]], results[args.sizes[-1]]
        growth = {k: last["stages"][k] / max(first["stages"][k], 0.05) for k in last["stages"] if k in first["stages"]}
        for k in ("bare parse", "cold report", "warm report"):
            growth[k] = last[k] / first[k]
        print(f"growth {args.sizes[0]} -> {args.sizes[-1]}: " + ", ".join(f"{k} {v:.2f}x" for k, v in growth.items()))
    print(f"(load average after: {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
