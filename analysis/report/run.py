"""Execute the numbered notebooks and export them as self-contained HTML reports.

:func:`build_reports` runs every ``notebooks/NN_*.ipynb`` against a corpus with
papermill (a fresh ``python3`` kernel, working directory ``notebooks/``), keeps
the executed copies in ``reports/`` (never touching ``notebooks/``) and writes
one HTML page per notebook plus ``index.html``. Pages use the ``report``
template (``analysis/templates/report``): JupyterLab's look, no CDN scripts,
code cells hidden unless ``show_code=True``.

:func:`refresh_notebooks` re-executes the committed notebooks in place on the
sample corpus (``make notebooks``) so their outputs stay what nbval checks.

Article text is untrusted: notebooks show it through :func:`esc`, :func:`md`
and pandas tables (which escape), never as raw HTML.

Notebooks import :func:`md` from here, so the Jupyter machinery (nbformat,
papermill, nbconvert: seconds of imports) is imported inside the functions that
need it, never at module level.

A run's pool workers and their kernels die with the run: a worker gets SIGTERM
when the run's process dies (Linux ``PR_SET_PDEATHSIG``; elsewhere a thread
polls the parent pid) or when the run stops on Ctrl-C, and then kills its kernel
and exits. A kernel whose worker was killed outright exits by itself (ipykernel
polls its parent, ``JPY_PARENT_PID``). Pages are built in a hidden scratch
folder and moved into place only while the run is alive, so a dead run's folder
never receives a page.
"""
from __future__ import annotations

import ctypes
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .. import config
from ..corpus import load_corpus
from .evidence import write_evidence_page
from .pages import title_and_summary, write_dictionary, write_index

KERNEL = "python3"
#: The kernel's own log is silenced: its transport notice ("running over TCP without encryption",
#: a loopback-only connection) and the "KeyboardInterrupt caught" line of a normal shutdown are not
#: news to a reader of the terminal. Cell errors still reach the notebook and stop the run.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]
NOTEBOOK_PATTERN = re.compile(r"^\d\d_[\w-]+\.ipynb$")
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
#: In a pool worker, the pid of the run's process that started it; None in the run's own process.
_RUN_PID: int | None = None
#: Scratch folders of the page this process is building (removed when a worker is told to stop).
_SCRATCH: list[Path] = []


class OutputError(Exception):
    """An output file or folder cannot be written; the message names the path and why."""

    @classmethod
    def of(cls, path: str | Path, err: OSError) -> "OutputError":
        """The one-line error for writing ``path`` failing with ``err`` (a file in the way is named)."""
        path = Path(path)
        blocker = next((p for p in [path, *path.parents] if p.exists() and not p.is_dir()), None)
        if isinstance(err, IsADirectoryError):
            reason = "it is a folder"
        elif isinstance(err, (FileExistsError, NotADirectoryError)) and blocker is not None:
            reason = f"{blocker} is a file, not a folder"
        else:
            reason = err.strerror or str(err)
        return cls(f"cannot write {path}: {reason}")


class RunAbandoned(RuntimeError):
    """The run's process died while a pool worker was building a page; the page is dropped."""


class WorkerDied(RuntimeError):
    """A pool worker was killed from outside (``kill -9``, the out-of-memory killer) mid-run."""


def notebooks(folder: Path | None = None, only: list[str] | None = None) -> list[Path]:
    """The numbered notebooks (``NN_topic.ipynb``), sorted; ``only`` filters by number or name."""
    folder = folder or config.NOTEBOOKS
    found = sorted(p for p in folder.glob("*.ipynb") if NOTEBOOK_PATTERN.match(p.name))
    if only:
        wanted = {str(o).removesuffix(".ipynb") for o in only}
        found = [p for p in found if p.stem in wanted or p.stem[:2] in wanted]
    return found


def execute_notebook(source: Path, target: Path, corpus: str | None, timeout: int = 600) -> Path:
    """Run ``source`` with papermill into ``target`` with ``CORPUS`` set; raises on a cell error."""
    import papermill as pm
    target.parent.mkdir(parents=True, exist_ok=True)
    parameters = {"CORPUS": str(config.resolve_corpus(corpus))} if corpus is not None else {}
    pm.execute_notebook(
        str(source), str(target), parameters=parameters, kernel_name=KERNEL,
        cwd=str(source.parent), progress_bar=False, log_output=False,
        request_save_on_cell_execute=False, execution_timeout=timeout, extra_arguments=KERNEL_ARGUMENTS,
    )
    return target


def to_html(notebook_path: Path, target: Path, show_code: bool = False) -> Path:
    """Export an executed notebook with the self-contained ``report`` template."""
    from nbconvert import HTMLExporter
    exporter = HTMLExporter(template_name="report",
                            extra_template_basedirs=[str(Path(__file__).parents[1] / "templates")])
    exporter.exclude_input = not show_code
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    import nbformat
    nb = nbformat.read(notebook_path, as_version=4)
    resources = {"metadata": {"name": title_and_summary(nb, notebook_path)[0]}}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    target.write_text(body, encoding="utf-8")
    return target


def _build_page(source: Path, executed: Path, page: Path, corpus: str, timeout: int, show_code: bool) -> Path:
    """Execute one notebook into ``executed`` and export it to ``page``; returns ``page``.

    Both are built in a hidden scratch folder beside ``page`` and moved into place only when
    complete and, in a pool worker, only while the run's process is alive.
    """
    scratch = Path(tempfile.mkdtemp(prefix=f".building-{_RUN_PID or os.getpid()}-", dir=page.parent))
    _SCRATCH.append(scratch)
    try:
        built = execute_notebook(source, scratch / executed.name, corpus, timeout)
        _record_output_path(built, executed)
        exported = to_html(built, scratch / page.name, show_code=show_code)
        _publish(built, executed)
        _publish(exported, page)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        _SCRATCH.remove(scratch)
    return page


def _record_output_path(built: Path, final: Path) -> None:
    """Make papermill's ``output_path`` metadata in ``built`` name ``final``, where it is moved to."""
    import nbformat
    nb = nbformat.read(built, as_version=4)
    nb.metadata.setdefault("papermill", {})["output_path"] = str(final)
    nbformat.write(nb, built)


def _publish(built: Path, final: Path) -> None:
    """Move a finished file into place, unless this is a pool worker whose run has died."""
    if _RUN_PID is not None and os.getppid() != _RUN_PID:
        raise RunAbandoned(f"the run stopped; {final} not written")
    os.replace(built, final)


def _worker_start(run_pid: int) -> None:
    """Pool-worker initializer: this worker, and the kernel it starts, live only as long as the run.

    SIGTERM (sent by the OS when the run's process dies, or by the run on Ctrl-C) ends the worker
    through :func:`_end_worker`. Ctrl-C reaches the whole process group; workers ignore it and leave
    stopping to the run. A run that died before the signal was armed is caught by the parent check.
    """
    global _RUN_PID
    _RUN_PID = run_pid
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _end_worker)
    if not _signal_on_parent_death(signal.SIGTERM):
        threading.Thread(target=_watch_parent, args=(run_pid,), daemon=True).start()
    if os.getppid() != run_pid:
        _end_worker(signal.SIGTERM, None)


def _signal_on_parent_death(signum: int) -> bool:
    """Ask Linux to send ``signum`` to this process when its parent dies; False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signum), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(run_pid: int) -> None:
    """Where the OS cannot signal a parent's death: poll the parent pid and end the worker when it changes."""
    while os.getppid() == run_pid:
        time.sleep(1.0)
    os.kill(os.getpid(), signal.SIGTERM)


def _end_worker(signum: int, frame) -> None:
    """SIGTERM handler of a pool worker: kill its kernels, drop its half-built page, exit at once.

    ``os._exit``, not an exception: the pool would catch an exception and go on to the next notebook.
    """
    for child in _children(os.getpid()):
        connection = _connection_file(child)
        try:  # a kernel leads its own session (jupyter_client), so its group holds its subprocesses too
            if os.getpgid(child) == child:
                os.killpg(child, signal.SIGKILL)
            else:
                os.kill(child, signal.SIGKILL)
            if connection is not None:
                connection.unlink(missing_ok=True)
        except OSError:
            pass
    for scratch in _SCRATCH:
        shutil.rmtree(scratch, ignore_errors=True)
    os._exit(128 + signum)


def _connection_file(pid: int) -> Path | None:
    """The ``-f`` connection file (JSON) a Jupyter kernel ``pid`` was started with, if there is one."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return None
    if "-f" not in args[:-1]:
        return None
    path = Path(args[args.index("-f") + 1])
    return path if path.suffix == ".json" else None


def _children(pid: int) -> list[int]:
    """Pids of the live child processes of ``pid``, read from ``/proc`` (empty where there is none)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*/stat") if Path("/proc/self/stat").exists() else []:
        try:
            fields = entry.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.parent.name))
    return found


def _build_pages(jobs: list[tuple], workers: int | None, progress: "Progress | None" = None) -> None:
    """Run :func:`_build_page` for each job, ``workers`` at a time in separate processes.

    Default: one per core, at most 2. Each notebook has its own kernel anyway; running two
    at once roughly halves the wall time on a 2-core machine. A failing notebook raises
    after the others finish; a worker killed from outside raises :class:`WorkerDied`.
    """
    workers = workers or max(1, min(2, os.cpu_count() or 1))
    progress = progress or Progress(len(jobs))
    if workers == 1 or len(jobs) < 2:
        for job in jobs:
            progress.started(job[0].stem)
            _build_page(*job)
            progress.done(job[0].stem)
        return
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_start, initargs=(os.getpid(),))
    try:
        futures = [pool.submit(_build_page, *job) for job in jobs]
        progress.started(", ".join(job[0].stem for job in jobs[:workers]) + (" ..." if len(jobs) > workers else ""))
        names = {future: job[0].stem for future, job in zip(futures, jobs)}
        for future in as_completed(futures):  # reported from this thread only, as each one ends
            progress.done(names[future], future.exception() is not None)
        errors = [f.exception() for f in futures]
    except BaseException:  # Ctrl-C (KeyboardInterrupt) or any other way out: stop the workers now
        _stop_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    died = [job[0].name for job, error in zip(jobs, errors) if isinstance(error, BrokenProcessPool)]
    if died:
        raise WorkerDied(f"a report worker was killed (by a signal, or out of memory); not built: {', '.join(died)}")
    for error in errors:
        if error is not None:
            raise error


class Progress:
    """One line per notebook on stderr (the terminal; never the notebooks' outputs): started, done, time."""

    def __init__(self, total: int, stream=None):
        self.total, self.finished, self.stream = total, 0, stream or sys.stderr
        self.start = time.monotonic()
        self.lock = threading.Lock()

    def line(self, text: str) -> None:
        """Print ``text`` with the run's elapsed seconds, at once."""
        with self.lock:
            print(f"[report {time.monotonic() - self.start:5.0f} s] {text}", file=self.stream, flush=True)

    def started(self, names: str) -> None:
        self.line(f"running {names} ({self.total} notebook{'s' if self.total != 1 else ''} in all)")

    def done(self, name: str, failed: bool = False) -> None:
        with self.lock:
            self.finished += 1
            finished = self.finished
        self.line(f"{'FAILED' if failed else 'done'} {name} ({finished}/{self.total})")


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Cancel the queued notebooks and SIGTERM every worker (each kills its kernel, see :func:`_end_worker`)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            process.terminate()
        except (OSError, ValueError):  # already gone
            pass


def build_reports(corpus: str | None = None, out: str | Path | None = None, show_code: bool = False,
                  only: list[str] | None = None, timeout: int = 600, workers: int | None = None) -> Path:
    """Execute every numbered notebook on ``corpus`` and write HTML reports; returns ``index.html``.

    ``workers`` notebooks run at once (default: one per core, at most 2).
    """
    corpus_path = config.resolve_corpus(corpus)
    load_corpus(corpus_path)  # fail early with a clear message on a bad corpus path
    out = Path(out) if out else config.REPORTS
    out = out.resolve()
    for folder in (out, out / "executed"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError, PermissionError) as err:
            raise OutputError.of(folder, err) from err
    sources = notebooks(only=only)
    pages = [out / f"{source.stem}.html" for source in sources]
    jobs = [(source, out / "executed" / source.name, page, str(corpus_path), timeout, show_code)
            for source, page in zip(sources, pages)]
    progress = Progress(len(jobs))
    try:
        _build_pages(jobs, workers, progress)
    finally:  # what a worker killed outright left half-built
        for scratch in out.glob(f".building-{os.getpid()}-*"):
            shutil.rmtree(scratch, ignore_errors=True)
    label = "data/raw" if corpus_path == config.RAW else str(corpus_path)
    _write_site_pages(corpus_path, out, progress)
    extra = [("articles.html", "Articles and their evidence: every extracted fact highlighted in its article"),
             ("dictionary.html", "Data dictionary: every column of every table")]
    return write_index(list(zip(sources, pages)), out, label, extra)


def _write_site_pages(corpus_path: Path, out: Path, progress: "Progress") -> None:
    """The evidence page and the data dictionary, built in scratch and moved into ``out``."""
    progress.line("writing the evidence page (articles.html) and the data dictionary")
    scratch = Path(tempfile.mkdtemp(prefix=f".building-{os.getpid()}-", dir=out))
    try:
        evidence = write_evidence_page(load_corpus(corpus_path), scratch)
        dictionary = write_dictionary(scratch)
        os.replace(evidence, out / evidence.name)
        os.replace(dictionary, out / dictionary.name)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    progress.line(f"done: {out / 'index.html'}")


def refresh_notebooks(only: list[str] | None = None, timeout: int = 600) -> list[Path]:
    """Re-execute committed notebooks in place on ``data/raw`` (for ``make notebooks``).

    Uses nbclient directly so no papermill metadata or timings are written, and
    strips execution timing metadata, keeping the committed files stable.
    """
    import nbformat
    from nbclient import NotebookClient
    done = []
    for path in notebooks(only=only):
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=timeout, kernel_name=KERNEL,
                                resources={"metadata": {"path": str(path.parent)}}, record_timing=False,
                                extra_arguments=KERNEL_ARGUMENTS)
        client.execute()
        for cell in nb.cells:
            cell.metadata.pop("execution", None)
        nb.metadata.pop("papermill", None)
        nbformat.write(nb, path)
        done.append(path)
    return done
