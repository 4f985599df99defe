"""Small DataFrame helpers shared by the sanctions tables: missing values as ``None``, "; "-joined sets."""
from __future__ import annotations

from typing import Iterable

import pandas as pd


def nones(frame: pd.DataFrame) -> pd.DataFrame:
    """Missing text values as ``None`` (not NaN), so a missing title reads as None everywhere."""
    for col in frame.columns:
        if frame[col].dtype == object or pd.api.types.is_string_dtype(frame[col].dtype):
            values = frame[col].astype(object)
            frame[col] = values.where(values.notna(), None)
    return frame


def join_values(values: Iterable) -> str | None:
    """The distinct non-missing values (list values flattened), sorted and "; "-joined; None when there are none."""
    seen = []
    for v in values:
        if v is None or (isinstance(v, float) and pd.isna(v)):
            continue
        for part in (v if isinstance(v, list) else [v]):
            if part not in seen:
                seen.append(part)
    return "; ".join(sorted(seen)) if seen else None
