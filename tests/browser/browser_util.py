"""Helpers for the browser tests: finding Chromium, watching a page, screenshots.

Chromium is looked for in ``$CHROMIUM`` (a path; when set, nothing else is tried), then ``/usr/bin/chromium``
(Debian's package, installed by ``.ci/run``) and the usual names on ``PATH``.
Playwright never downloads a browser here: it is launched with
``executable_path`` and a fresh, throw-away profile.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
SCREENSHOTS = ROOT / "reports" / "screenshots"

#: Flags for a quiet headless Chromium running as root in a container: no sandbox
#: (root), no GPU, and no background traffic (component updates, sync, QUIC probes)
#: that would otherwise show up as refused connections.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
#: URL schemes a report page may load from: itself on disk and inline figures.
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")

INSTALL_HINT = ("install Debian's Chromium (apt-get install -y chromium) or set CHROMIUM=/path/to/chromium; "
                "CI (.ci/run) installs it")
if os.environ.get("CHROMIUM"):
    INSTALL_HINT = f"CHROMIUM={os.environ['CHROMIUM']} is not an executable; " + INSTALL_HINT


def numbered_notebooks() -> list[Path]:
    """``notebooks/NN_*.ipynb`` found on disk, sorted: the reports every browser test must cover."""
    return sorted(p for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb") if p.is_file())


def find_chromium() -> str | None:
    """Path of a Chromium binary, or None.

    ``$CHROMIUM``, when set, is the only candidate (``CHROMIUM=none`` turns the browser tests off).
    """
    if os.environ.get("CHROMIUM"):
        candidates = [os.environ["CHROMIUM"]]
    else:
        candidates = ["/usr/bin/chromium"] + [shutil.which(name) for name in
                                              ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def browser_unavailable_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[dev]')"
    if find_chromium() is None:
        return f"no Chromium found: {INSTALL_HINT}"
    return None


class PageWatch:
    """Everything a page did that a reader would not want: script errors, dialogs, outside requests."""

    def __init__(self, page, allowed=LOCAL_SCHEMES):
        self.page = page
        self.allowed = tuple(allowed)
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.blocked_requests: list[str] = []
        self.failed_requests: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("requestfailed", self._on_failed)
        page.on("dialog", self._on_dialog)
        page.route("**/*", self._route)

    def _on_console(self, message):
        if message.type == "error":
            self.console_errors.append(message.text)

    def _on_failed(self, request):
        failure = request.failure or ""
        if request.url[:200] in self.blocked_requests and "ERR_FAILED" in failure:
            return  # our own abort of an outside request, reported as blocked already
        self.failed_requests.append(f"{request.url[:200]} ({failure})")

    def _on_dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.allowed):
            route.continue_()
        else:  # never reach the network from a test; record the attempt instead
            self.blocked_requests.append(url[:200])
            route.abort()

    def problems(self) -> dict[str, list[str]]:
        """Non-empty lists only: what went wrong on this page."""
        found = {"console errors": self.console_errors, "page errors": self.page_errors,
                 "requests outside the page (blocked)": self.blocked_requests,
                 "failed requests": self.failed_requests, "dialogs": self.dialogs}
        return {k: v for k, v in found.items() if v}


def save_screenshot(page, folder: Path, name: str) -> Path:
    """Full-page screenshot into ``folder/screenshots/`` and a copy into the repository's ``reports/screenshots/``."""
    shots = folder / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    target = shots / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(target, SCREENSHOTS / target.name)
    return target


def fresh_tempdir(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))


if __name__ == "__main__":  # `make test` asks: can the browser tests run here? (exit 1 = they were skipped)
    import sys
    reason = browser_unavailable_reason()
    if reason:
        print(f"browser tests: {reason}", file=sys.stderr)
    sys.exit(1 if reason else 0)
