"""A report run that is killed or interrupted takes its workers and their kernels with it.

Each test starts ``python -m analysis report`` on a two-article corpus in its own session, with a
token in its environment that every descendant inherits (pool workers, Jupyter kernels), so the
descendants can be found in ``/proc`` even after they are orphaned. Once both workers run a
kernel, the test kills (or interrupts) the run and polls, for at most 20 seconds, until no process
carrying the token is left; it also checks that nothing was written into the output folder after
the signal. Processes still alive at the end are killed by pid, so a failure leaves nothing behind.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from analysis import config

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux /proc")]

TOKEN_VAR = "ANALYSIS_LIFECYCLE_TEST_TOKEN"
STOP_BOUND = 20.0       # seconds the run's descendants may take to go after the signal
START_BOUND = 300.0     # seconds allowed for the workers and their kernels to appear (a loaded machine)

ARTICLES = {
    "harbour.txt": "Harbour wall repaired\n\nCouncil engineers finished repairing the harbour wall in "
                   "Portmere on Tuesday, the mayor, Jane Ellis, said.\n",
    "library.txt": "Library reopens\n\nThe town library in Portmere reopened on Saturday after repairs, "
                   "said the librarian, Tom Reed.\n",
}


def _tagged(token: str) -> dict[int, int]:
    """``{pid: parent pid}`` of every live (not zombie) process whose environment holds ``token``."""
    marker = f"{TOKEN_VAR}={token}".encode()
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:  # gone meanwhile, or not ours
            continue
        if fields[0] != "Z":
            found[int(entry.name)] = int(fields[1])
    return found


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    """``{relative path: (size, mtime in ns)}`` of every file under ``folder``."""
    found = {}
    for path in folder.rglob("*"):
        try:
            if path.is_file():
                stat = path.stat()
                found[str(path.relative_to(folder))] = (stat.st_size, stat.st_mtime_ns)
        except OSError:
            continue
    return found


def _start_report(tmp_path: Path) -> tuple[subprocess.Popen, str, Path]:
    """The report run (own session), its token and its output folder, once two workers each run a kernel."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    out, token = tmp_path / "reports", uuid.uuid4().hex
    env = dict(os.environ, **{TOKEN_VAR: token, "ANALYSIS_CACHE_DIR": str(tmp_path / "cache")})
    log = (tmp_path / "run.log").open("wb")
    run = subprocess.Popen([sys.executable, "-m", "analysis", "report", "--corpus", str(corpus), "--out", str(out),
                            "--only", "00", "01"], cwd=config.ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                           start_new_session=True)
    deadline = time.monotonic() + START_BOUND
    while time.monotonic() < deadline and run.poll() is None:
        tree = _tagged(token)
        workers = {pid for pid, parent in tree.items() if parent == run.pid}
        if len(workers) >= 2 and all(any(parent == w for parent in tree.values()) for w in workers):
            return run, token, out
        time.sleep(0.2)
    _stop(run, token)
    pytest.fail(f"the run never had two workers with a kernel each:\n{(tmp_path / 'run.log').read_text()[-3000:]}")


def _stop(run: subprocess.Popen, token: str) -> None:
    """Kill the run and every process still carrying its token (by pid)."""
    if run.poll() is None:
        run.kill()
        run.wait()
    for pid in _tagged(token):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def _survivors_after(run: subprocess.Popen, token: str, sig: int,
                     target: int | None = None) -> tuple[dict[int, int], int | None]:
    """Send ``sig`` (to ``target``, by default the parent; SIGINT to the whole process group as Ctrl-C does) and poll.

    Returns the processes still carrying the token once they are all gone or ``STOP_BOUND`` passed,
    and the run's exit status (None if it did not exit).
    """
    if sig == signal.SIGINT:
        os.killpg(run.pid, signal.SIGINT)
    else:
        os.kill(target or run.pid, sig)
    deadline = time.monotonic() + STOP_BOUND
    while True:
        run.poll()  # reaps the parent once it exits, so a zombie parent does not count
        alive = _tagged(token)
        if not alive or time.monotonic() > deadline:
            return alive, run.poll()
        time.sleep(0.2)


def _written_after(before: dict[str, tuple[int, int]], out: Path) -> list[str]:
    """Files under ``out`` created or changed since ``before`` was taken."""
    return sorted(name for name, sig in _files(out).items() if before.get(name) != sig)


def test_killing_the_run_stops_its_workers_and_kernels_and_writes_no_page(tmp_path):
    run, token, out = _start_report(tmp_path)
    before = _files(out) if out.exists() else {}
    try:
        survivors, _ = _survivors_after(run, token, signal.SIGKILL)
        time.sleep(0.5)  # a worker that outlived the parent would be writing now
        written = _written_after(before, out) if out.exists() else []
    finally:
        _stop(run, token)
    assert survivors == {}, f"still running {STOP_BOUND:.0f} s after the parent was killed: {survivors}"
    assert written == [], f"written into the dead run's folder: {written}"


def test_ctrl_c_stops_the_run_within_seconds_leaving_no_process(tmp_path):
    run, token, out = _start_report(tmp_path)
    before = _files(out) if out.exists() else {}
    try:
        survivors, status = _survivors_after(run, token, signal.SIGINT)
        written = _written_after(before, out) if out.exists() else []
    finally:
        _stop(run, token)
    log = (tmp_path / "run.log").read_text(errors="replace")
    assert survivors == {}, f"still running {STOP_BOUND:.0f} s after Ctrl-C: {survivors}"
    assert status == 130, f"exit status {status}:\n{log[-3000:]}"
    assert "Traceback" not in log, log[-3000:]
    assert "interrupted" in log.splitlines(), log[-3000:]
    assert not any(name.endswith(".html") for name in written), f"pages written after Ctrl-C: {written}"


def test_a_worker_killed_outright_takes_its_kernel_and_the_run_ends_with_one_line(tmp_path):
    """``kill -9`` of one worker (as the out-of-memory killer does): its kernel cannot be told, and must
    notice by itself (ipykernel polls its parent, JPY_PARENT_PID); the run stops the other worker,
    removes the half-built files and says which notebooks were not built."""
    run, token, out = _start_report(tmp_path)
    worker = min(pid for pid, parent in _tagged(token).items() if parent == run.pid)
    try:
        survivors, status = _survivors_after(run, token, signal.SIGKILL, target=worker)
        leftovers = sorted(p.name for p in out.iterdir() if p.name.startswith("."))
    finally:
        _stop(run, token)
    log = (tmp_path / "run.log").read_text(errors="replace")
    assert survivors == {}, f"still running {STOP_BOUND:.0f} s after a worker was killed: {survivors}"
    assert status == 1, f"exit status {status}:\n{log[-3000:]}"
    assert "Traceback" not in log, log[-3000:]
    assert any(line.startswith("error: a report worker was killed") for line in log.splitlines()), log[-3000:]
    assert leftovers == []
