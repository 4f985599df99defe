"""One pass over a corpus that fills the table cache for every notebook (``analysis report`` runs it first).

:func:`precompute` finds which tables are not stored yet (:func:`analysis.cache.stored_only`), then:

1. **articles** – the corpus in chunks of :data:`CHUNK` articles on every core (a process pool,
   each worker loading the pipeline once; or a Dask cluster, :mod:`.cluster`): each Doc parsed or
   read once, and its sentences, claims and sanction rows computed (:func:`.articles.article_rows`);
2. **entities** – :func:`analysis.entities.mentions` in this process (resolution needs every
   article's Doc at once), while one helper process finds the reused passages
   (:func:`analysis.overlap.passages`, text only). The parsing workers have ended by then, and the helper
   is spawned, not forked, so it does not carry (or count again) this process's memory;
3. **tables** – the claims (speakers linked to the entities), sanctions and sentence counts are built by
   their own public functions from the pass's rows (:func:`.articles.stored_tables`, :func:`analysis.cache.provide`)
   and stored under the keys those functions build, so every
   notebook kernel reads them instead of re-reading every DocBin; then the derived tables
   (denials, quote groups, consolidated targets, spin verdicts) are computed once, one group here and one
   in the helper.

:func:`precompute_apart` runs it in a child process, so its memory is free again before the notebooks.
Each stage's wall time goes to stderr (``timing: <stage> <seconds> s``) and comes back as a dict.
Results are identical to the tables' own functions (``tests/test_batch.py`` checks it).
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor

from .. import cache, claims, entities, nlp, overlap, quotes, sanctions
from ..corpus import Corpus
from . import articles as per_article
from . import cluster

#: Articles per task: big enough that a task's overhead is small, small enough to balance the workers.
CHUNK = 16
#: Setting for the number of local worker processes (default: one per core).
WORKERS_ENV = "ANALYSIS_WORKERS"
#: Setting naming a Dask scheduler (``tcp://host:8786``); unset, everything runs on this machine.
SCHEDULER_ENV = "ANALYSIS_SCHEDULER"
_PR_SET_PDEATHSIG = 1


def default_workers() -> int:
    """Local worker processes: ``ANALYSIS_WORKERS`` when set, else one per core."""
    value = os.environ.get(WORKERS_ENV, "").strip()
    return max(1, int(value)) if value.isdigit() else max(1, os.cpu_count() or 1)


def scheduler_address(scheduler: str | None = None) -> str | None:
    """The Dask scheduler to use: ``scheduler``, else ``ANALYSIS_SCHEDULER``, else None (local)."""
    return scheduler or os.environ.get(SCHEDULER_ENV, "").strip() or None


def missing(corpus: Corpus) -> list[str]:
    """Which of the per-article tables (``sentences``, ``claims``, ``sanctions``) and ``entities`` are not stored."""
    probes = {"sentences": lambda: nlp.sentence_counts(corpus), "entities": lambda: entities.mentions(corpus),
              "claims": lambda: claims.claims(corpus), "sanctions": lambda: sanctions.sanctions(corpus)}
    todo = []
    for name, probe in probes.items():
        try:
            with cache.stored_only():
                probe()
        except cache.NotStored:
            todo.append(name)
    return todo


def _worker_start() -> None:
    """Pool workers die with the run (Linux) and leave Ctrl-C to it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
        except (OSError, AttributeError):
            pass


def _chunks(items: list, size: int = CHUNK) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _merge(results) -> dict[str, list[dict]]:
    """The rows of every chunk, in corpus order, table by table."""
    rows: dict[str, list[dict]] = {name: [] for name in per_article.TABLES}
    for result in results:
        for name in per_article.TABLES:
            rows[name].extend(result[name])
    return rows


def _passages(corpus: Corpus) -> None:
    overlap.passages(corpus)


def _derived(corpus: Corpus, which: str) -> None:
    """Compute (and so store) one group of derived tables from the stored ones."""
    if which == "claims":
        claims.denials(corpus)
        quotes.quote_groups(corpus)
    else:
        sanctions.consolidated(corpus)
        overlap.reuse_summary(corpus)  # stores the spin verdicts (spinner words, broken names)


class _Clock:
    def __init__(self, timings: dict, quiet: bool):
        self.timings, self.quiet = timings, quiet

    def __call__(self, stage: str, start: float) -> None:
        self.timings[stage] = round(time.perf_counter() - start, 2)
        if not self.quiet:
            print(f"timing: {stage} {self.timings[stage]:.1f} s", file=sys.stderr, flush=True)


def precompute(corpus: Corpus, *, workers: int | None = None, scheduler: str | None = None,
               quiet: bool = False) -> dict[str, float]:
    """Fill the table cache for ``corpus`` in one pass over its Docs; returns ``{stage: seconds}``.

    ``workers`` local processes (default :func:`default_workers`); ``scheduler`` (or
    ``ANALYSIS_SCHEDULER``) sends the per-article pass and the passages to a Dask cluster instead.
    Tables already stored are not recomputed; with everything stored this costs the probes only.
    With the table cache off (``ANALYSIS_TABLE_CACHE=0``) there is nothing to fill and nothing runs.
    """
    timings: dict[str, float] = {}
    if not cache.disk_enabled():  # nothing to fill: every table is computed where it is asked for
        return timings
    clock = _Clock(timings, quiet)
    start = time.perf_counter()
    todo = missing(corpus)
    clock("probe", start)
    if not todo:
        return timings
    address = scheduler_address(scheduler)
    workers = workers or default_workers()
    fork = sys.platform.startswith("linux")
    context = multiprocessing.get_context("fork" if fork else "spawn")
    if fork and not address:
        nlp.load_pipeline()  # loaded once here and shared by the forked workers (the entity pass needs it too)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_start) as pool:
        start = time.perf_counter()
        chunks = _chunks(list(corpus))
        if address:
            rows = _merge(cluster.article_results(address, chunks))
        else:
            rows = _merge(pool.map(per_article.article_rows, chunks))
        clock("articles", start)
    # The parsing workers (a pipeline and a chunk's Docs each) are gone now. One fresh process, started
    # clean rather than forked from this one (a fork would carry this process's memory), finds the
    # passages and then one group of derived tables while this process does the rest.
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_worker_start) as helper:
        _tables(corpus, rows, address, helper, clock)
    return timings


def _tables(corpus: Corpus, rows: dict[str, list[dict]], address: str | None, helper: ProcessPoolExecutor,
            clock: _Clock) -> None:
    """Stages 2 and 3 of :func:`precompute`: entities (here) beside the passages (``helper`` or the cluster),
    the tables built from the pass's ``rows``, then the derived tables, one group here and one in ``helper``."""
    start = time.perf_counter()
    passages = None if address else helper.submit(_passages, corpus)
    if address:
        cluster.store_passages(address, corpus)
    entities.mentions(corpus)
    clock("entities", start)
    if passages is not None:
        passages.result()
    clock("passages", start)
    start = time.perf_counter()
    claims_frame, sanctions_frame = per_article.stored_tables(corpus, rows)  # their builders, fed the rows
    with cache.provide("claims.claims", claims_frame), cache.provide("sanctions.sanctions", sanctions_frame):
        claims.claims(corpus)   # stored under each public function's own key
        sanctions.sanctions(corpus)
    with cache.provide("nlp.sentence_counts", per_article.sentence_counts(rows["sentences"])):
        nlp.sentence_counts(corpus)
    rows.clear()
    clock("tables", start)
    start = time.perf_counter()
    job = helper.submit(_derived, corpus, "claims")
    _derived(corpus, "sanctions")
    job.result()
    clock("derived", start)


class PrecomputeFailed(RuntimeError):
    """The one-pass precompute run apart (:func:`precompute_apart`) ended with an error (shown on stderr)."""


def precompute_apart(corpus: Corpus, *, scheduler: str | None = None) -> None:
    """:func:`precompute` in a child process, so the memory of its pipeline and Docs is given back before the
    notebooks start (``analysis report``). Where processes cannot be forked, it runs in this process."""
    if not sys.platform.startswith("linux"):
        precompute(corpus, scheduler=scheduler)
        return
    child = multiprocessing.get_context("fork").Process(target=_precompute_child, args=(corpus, scheduler),
                                                          daemon=False)
    child.start()
    try:
        child.join()
    except BaseException:  # Ctrl-C: the child got it too; make sure it is gone
        child.terminate()
        child.join()
        raise
    if child.exitcode != 0:
        raise PrecomputeFailed(f"the one-pass precompute failed (exit status {child.exitcode})")


def _precompute_child(corpus: Corpus, scheduler: str | None) -> None:
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
        except (OSError, AttributeError):
            pass
    try:
        precompute(corpus, scheduler=scheduler)
    except KeyboardInterrupt:
        os._exit(130)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # everything is stored; tearing down millions of objects one by one would only cost time
