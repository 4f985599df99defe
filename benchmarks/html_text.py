"""Time of :func:`analysis.corpus.html.html_to_text` on generated pages, new against the old regex version.

(Not ``benchmarks/html.py``: run as a script, that name would shadow the standard library's ``html``
for every import made while it runs, other benchmarks' included.)

Usage::

    .venv/bin/python benchmarks/html_text.py [--old-commit ae99eeb] [--old-timeout 60]

Pages (built here, nothing read or written in the project): 376 KB of unclosed ``<svg>``
(the issue's case), pages of 0.4, 1, 2 and 4.9 MB made of paragraphs full of unclosed
inline tags, unclosed svg, comments and quoted ``>`` in attributes, and 400 KB of the
inputs that were quadratic in the standard library's ``html.parser`` (``<a b='`` and
``<!--`` repeated). The old implementation is read from git (``analysis/corpus/readers.py``
at ``--old-commit``) and run in a child process stopped after ``--old-timeout`` seconds.
Prints seconds per page for each.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import subprocess
import time
from pathlib import Path

from analysis.corpus.html import html_to_text

ROOT = Path(__file__).resolve().parents[1]
UNIT = ("<div><p>Paragraph {i} of the council minutes &amp; notes.<span><b><i><font>"
        "<a href='/x?id={i}' title=\"a>b\">link {i}</a><svg><path d='M0'><br>"
        "<!--c--><img src=x alt='<'>tail {i} &#8220;quoted&#8221; < end\n")


def pages() -> dict[str, str]:
    """Name -> generated page."""
    out = {"unclosed <svg> 376 KB": "<html><body><p>Start.</p>" + "<svg>" * 75_200 + "<p>End.</p>"}
    for mb in (0.4, 1, 2, 4.9):
        parts, size, i = [], 0, 0
        while size < mb * 1_000_000:
            parts.append(UNIT.format(i=i))
            size += len(parts[-1])
            i += 1
        out[f"unclosed tags {mb} MB"] = "<html><body>" + "".join(parts)
    out["<a b=' x 400 KB"] = "<html><body><p>Start.</p>" + "<a b='" * 66_000
    out["<!-- x 400 KB"] = "<html><body><p>Start.</p>" + "<!--" * 100_000
    return out


def _old_function(commit: str):
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:analysis/corpus/readers.py"],
                            capture_output=True, text=True, check=True).stdout
    source = source.replace("from .model import CorpusError", "class CorpusError(ValueError):\n    pass")
    namespace: dict = {"__name__": "old_readers"}
    exec(compile(source, "old_readers.py", "exec"), namespace)  # the project's own past code, from git
    return namespace["html_to_text"]


def _time_old(commit: str, page: str, queue) -> None:
    convert = _old_function(commit)
    start = time.perf_counter()
    convert(page)
    queue.put(time.perf_counter() - start)


def time_old(commit: str, page: str, timeout: float) -> str:
    """Seconds of the old implementation on ``page``, or ``> timeout``."""
    queue = mp.get_context("fork").Queue()
    proc = mp.get_context("fork").Process(target=_time_old, args=(commit, page, queue))
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.terminate()
        proc.join()
        return f"> {timeout:.0f}"
    return f"{queue.get():.2f}" if not queue.empty() else "error"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old-commit", default="ae99eeb", help="a commit with the old regex html_to_text")
    parser.add_argument("--old-timeout", type=float, default=60.0)
    parser.add_argument("--no-old", action="store_true", help="time only the new implementation")
    args = parser.parse_args()
    print(f"{'page':26s} {'chars':>10s} {'new s':>8s} {'old s':>8s}")
    for name, page in pages().items():
        start = time.perf_counter()
        html_to_text(page)
        new = time.perf_counter() - start
        old = "-" if args.no_old else time_old(args.old_commit, page, args.old_timeout)
        print(f"{name:26s} {len(page):10,d} {new:8.2f} {old:>8s}", flush=True)


if __name__ == "__main__":
    main()
