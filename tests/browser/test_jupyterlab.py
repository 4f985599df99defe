"""JupyterLab as a user meets it: open the entities notebook, Run All Cells from the menu, read the result.

The test starts ``jupyter lab`` from the project's environment (this interpreter)
on 127.0.0.1 with a random free port and a random token, with throw-away config,
runtime, data, settings and workspace folders, on a temporary copy of
``notebooks/`` (so JupyterLab's autosave can never touch the committed files;
``analysis`` is pip-installed, so the copy imports it like the original). In
headless Chromium it opens the notebook, clears every output (Edit menu), runs all
cells (Run menu), waits until the kernel is idle and every code cell has a fresh
execution count, then checks that no cell wrote an error or to stderr and that
every figure is drawn. The server and its kernel are stopped at the end; the test
bounds its own time (``DEADLINE_S``).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from browser_util import NOTEBOOKS, numbered_notebooks

pytestmark = [pytest.mark.slow, pytest.mark.browser]

#: The notebook users open first. (Notebook 00 stands in only while 01 is not in the repository.)
TARGET_NAME = "01_entity_frequency.ipynb"
DEADLINE_S = int(os.environ.get('LAB_DEADLINE', 300))
PROMPT = re.compile(r"^\[(\d+)\]:$")

#: What the page can tell us about the notebook, read from the DOM (textContent: cells
#: outside the viewport are skipped by content-visibility and have no innerText).
NOTEBOOK_STATE = """() => {
  const indicator = document.querySelector('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator');
  return {
    status: indicator ? indicator.dataset.status : null,
    prompts: Array.from(document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt'))
      .map((el) => el.textContent.trim()),
    outputs: document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea-output').length,
  };
}"""

BAD_OUTPUTS = """() => Array.from(document.querySelectorAll(
    '.jp-NotebookPanel [data-mime-type="application/vnd.jupyter.stderr"],'
  + ' .jp-NotebookPanel [data-mime-type="application/vnd.jupyter.error"]'))
  .map((el) => el.dataset.mimeType + ': ' + el.textContent.slice(0, 300))"""


def _target_notebook() -> Path:
    wanted = NOTEBOOKS / TARGET_NAME
    if wanted.exists():
        return wanted
    found = numbered_notebooks()
    if not found:
        pytest.fail("no notebooks/NN_*.ipynb to open")
    return found[0]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LabServer:
    """``jupyter lab`` on a temporary root, isolated from the user's Jupyter config."""

    def __init__(self, root: Path, home: Path):
        self.root, self.home = root, home
        self.port = _free_port()
        self.token = secrets.token_urlsafe(24)
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = home / "server.log"
        self.proc: subprocess.Popen | None = None

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        for var, sub in [("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                         ("JUPYTER_DATA_DIR", "data"), ("JUPYTERLAB_SETTINGS_DIR", "settings"),
                         ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"), ("IPYTHONDIR", "ipython")]:
            env[var] = str(self.home / sub)
        env.pop("JUPYTER_TOKEN", None)
        return env

    def write_settings(self) -> None:
        """No news or update checks (they would ask in a pop-up and reach the internet)."""
        folder = self.home / "settings" / "@jupyterlab" / "apputils-extension"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "notification.jupyterlab-settings").write_text(
            json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8")

    def start(self, deadline: float) -> None:
        self.write_settings()
        cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
               f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root}",
               "--LabApp.news_url=None", "--allow-root"]
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(cmd, env=self.env(), stdout=log, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, start_new_session=True)
        while True:
            if self.proc.poll() is not None:
                pytest.fail(f"jupyter lab exited with {self.proc.returncode}:\n{self.log()}")
            try:
                self.api("status")
                return
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"jupyter lab did not answer within the time limit:\n{self.log()}")
                time.sleep(0.3)

    def api(self, path: str, method: str = "GET"):
        request = urllib.request.Request(f"{self.base}/api/{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=5) as response:
            body = response.read()
        return json.loads(body) if body else None

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-4000:]

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            self.api("shutdown", method="POST")  # shuts its kernels down cleanly
            self.proc.wait(timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            pass
        if self.proc.poll() is None:  # the server's own process group: itself and its kernel
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)


def _wait(what: str, predicate, deadline: float, server: LabServer, interval: float = 0.5):
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}\n--- server log ---\n{server.log()}")
        time.sleep(interval)


def _figures_in(notebook: Path) -> int:
    nb = nbformat.read(notebook, as_version=4)
    return sum(1 for cell in nb.cells for out in cell.get("outputs", [])
               if {"image/png", "image/jpeg", "image/svg+xml"} & set(out.get("data", {})))


def test_run_all_cells_in_jupyterlab(chromium_context, tmp_path):
    deadline = time.monotonic() + DEADLINE_S
    source = _target_notebook()
    committed = hashlib.sha256(source.read_bytes()).hexdigest()
    root = tmp_path / "root"
    shutil.copytree(NOTEBOOKS, root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    server = LabServer(root, tmp_path / "jupyter")
    page = None
    try:
        server.start(deadline)
        page = chromium_context.new_page()
        console_errors: list[str] = []
        outside: list[str] = []
        page.on("console", lambda m: m.type == "error" and console_errors.append(m.text[:300]))

        # Watched, not routed: request interception (page.route) stops JupyterLab from starting its kernel.
        local = (server.base, "ws://127.0.0.1:%d" % server.port, "data:", "blob:", "about:")
        page.on("request", lambda r: r.url.startswith(local) or outside.append(r.url[:200]))

        page.goto(f"{server.base}/lab/tree/notebooks/{source.name}?token={server.token}", wait_until="load")
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
        # The kernel is ready when the server reports it idle with the page connected.
        _wait("the kernel to start", lambda: [k for k in server.api("kernels")
                                              if k["connections"] >= 1 and k["execution_state"] == "idle"],
              deadline, server)
        _wait("the notebook to show an idle kernel",
              lambda: page.evaluate(NOTEBOOK_STATE)["status"] == "idle", deadline, server)

        # Edit > Clear Outputs of All Cells, so what we check below is what this run produced.
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Edit$")).click()
        page.locator(".lm-Menu-item[data-command='editmenu:clear-all']").click()
        cleared = page.evaluate(NOTEBOOK_STATE)
        assert cleared["outputs"] == 0 and not any(PROMPT.match(p) for p in cleared["prompts"]), cleared

        # Run > Run All Cells.
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()

        def finished():
            state = page.evaluate(NOTEBOOK_STATE)
            counts = [PROMPT.match(p) for p in state["prompts"]]
            return state if state["status"] == "idle" and state["prompts"] and all(counts) else None
        state = _wait("Run All Cells to finish", finished, deadline, server)

        counts = [int(PROMPT.match(p).group(1)) for p in state["prompts"]]
        assert counts == list(range(1, len(counts) + 1)), f"cells ran out of order: {counts}"
        expected_cells = sum(1 for c in nbformat.read(source, as_version=4).cells
                             if c.cell_type == "code")
        assert len(counts) == expected_cells

        bad = page.evaluate(BAD_OUTPUTS)
        assert bad == [], "cells wrote errors or to stderr in JupyterLab:\n" + "\n".join(bad)

        figures = page.locator(".jp-NotebookPanel .jp-OutputArea-output img, "
                               ".jp-NotebookPanel .jp-OutputArea-output[data-mime-type='image/svg+xml'] svg")
        assert figures.count() == _figures_in(source), "figure count differs from the committed notebook"
        for i in range(figures.count()):
            figure = figures.nth(i)
            figure.scroll_into_view_if_needed()
            box = figure.bounding_box()
            assert figure.is_visible() and box and box["width"] > 50 and box["height"] > 50, \
                f"figure {i} is not drawn: {box}"
            if figure.evaluate("el => el.tagName") == "IMG":
                assert figure.evaluate("el => el.complete && el.naturalWidth > 0"), f"figure {i} did not decode"
        page.screenshot(path=str(tmp_path / "jupyterlab.png"))

        assert outside == [], f"JupyterLab tried to reach outside the local server: {outside}"
        assert console_errors == [], f"console errors in JupyterLab: {console_errors}"
    except BaseException:
        if page is not None:  # what the user would have seen, for the failure report
            page.screenshot(path=str(tmp_path / "jupyterlab-failure.png"))
            print(f"screenshot of the failure: {tmp_path / 'jupyterlab-failure.png'}")
        raise
    finally:
        if page is not None:
            page.close()
        server.stop()
    assert server.proc.poll() is not None, "jupyter lab is still running"
    assert hashlib.sha256(source.read_bytes()).hexdigest() == committed, "the committed notebook changed"
    assert time.monotonic() <= deadline + 30
