"""Writing a table the way every command does: CSV to a file, or the whole table on stdout."""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from ..report import OutputError


def check_writable(out: str | None) -> None:
    """Raise :class:`~analysis.report.OutputError` now if ``out`` can never be written (a folder, or under a file).

    Run before an analysis, so a typo in ``--out`` costs seconds, not the whole run.
    """
    if not out:
        return
    path = Path(out)
    if path.is_dir():
        raise OutputError.of(path, IsADirectoryError(21, "Is a directory", str(path)))
    blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        raise OutputError.of(path, NotADirectoryError(20, "Not a directory", str(blocker)))


def write_table(frame: pd.DataFrame, out: str | None) -> None:
    """Write ``frame`` as CSV to ``out`` (folders created; row count on stderr), or print it whole.

    Raises :class:`~analysis.report.OutputError` (one line naming the path) when ``out`` cannot be
    written: a file where a folder should be, a folder where the file should be, no permission.
    """
    if out:
        try:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            frame.to_csv(out, index=False)
        except (FileExistsError, NotADirectoryError, IsADirectoryError, PermissionError) as err:
            raise OutputError.of(out, err) from err
        print(f"wrote {len(frame)} rows to {out}", file=sys.stderr)
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
            print(frame.to_string(index=False))
