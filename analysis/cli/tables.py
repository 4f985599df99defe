"""Writing a table the way every command does: CSV to a file, or the whole table on stdout."""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd


def write_table(frame: pd.DataFrame, out: str | None) -> None:
    """Write ``frame`` as CSV to ``out`` (folders created; row count on stderr), or print it whole."""
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        frame.to_csv(out, index=False)
        print(f"wrote {len(frame)} rows to {out}", file=sys.stderr)
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
            print(frame.to_string(index=False))
