"""Results to and from one Arrow IPC file that holds data only, never code.

A stored value is a *tree* (JSON: ``None``, bools, ints, floats, strings, lists, and tagged objects for tuples,
dicts, Counters, NumPy scalars, non-finite floats and DataFrames) plus the DataFrames it holds. Each DataFrame column
becomes one Arrow array (wrapped in a one-row list so frames of any length share one record batch):

* numeric, bool and datetime NumPy columns as their Arrow type (NaN stays a value, not a null);
* pandas extension columns (``str``, ``string``, ``Int64``, ``boolean``, ``Float64``, ...) through Arrow;
* object columns of ``str`` and ``None`` cells as Arrow strings with nulls;
* any other object column cell by cell as tagged JSON text (lists, NaN, numbers, mixed types: exactly as they were).

The file's schema metadata holds a JSON header: format, the result's name, its key's ``repr``, the version hash,
the tree, each frame's layout and a sha256 of all that and of the record batch. :func:`read` returns the value only when every part
of that header matches what the caller expects and the digest matches; otherwise it raises :class:`Invalid`.
:func:`dumps` decodes what it encoded before anything is written and raises :class:`Unsupported` unless the value
comes back exactly (types, dtypes, index, column order, NaN against ``None``).
"""
from __future__ import annotations

import hashlib
import json
import math
import os
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

#: Bump when the layout changes: files of another format are recomputed.
FORMAT = 1
#: Schema metadata entry holding the JSON header.
META_KEY = b"analysis.cache"
_SCALARS = (type(None), bool, int, str)
_NUMPY_KINDS = "biuf"


class Unsupported(ValueError):
    """A value the codec cannot store exactly (it stays in memory only)."""


class Invalid(ValueError):
    """A file that is not a result of this key (unreadable, truncated, another key or format, wrong digest)."""


# ---------------------------------------------------------------------------
# Trees: plain values as tagged JSON
# ---------------------------------------------------------------------------

def to_tree(value: Any, frames: list | None) -> Any:
    """``value`` as JSON-able data; DataFrames are appended to ``frames`` and referenced (refused if it is None)."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is float:
        return value if math.isfinite(value) else {"$float": repr(value)}
    if kind is list:
        return [to_tree(v, frames) for v in value]
    if kind is tuple:
        return {"$tuple": [to_tree(v, frames) for v in value]}
    if kind in (dict, Counter):
        tag = "$dict" if kind is dict else "$counter"
        return {tag: [[to_tree(k, frames), to_tree(v, frames)] for k, v in value.items()]}
    if isinstance(value, np.generic) and value.dtype.kind in _NUMPY_KINDS:
        return {"$numpy": [value.dtype.str, to_tree(value.item(), None)]}
    if kind is pd.DataFrame and frames is not None:
        frames.append(value)
        return {"$frame": len(frames) - 1}
    raise Unsupported(f"cannot store a {kind.__module__}.{kind.__qualname__}")


def from_tree(tree: Any, frames: list) -> Any:
    """The value :func:`to_tree` encoded, DataFrames taken from ``frames``."""
    if isinstance(tree, list):
        return [from_tree(v, frames) for v in tree]
    if not isinstance(tree, dict):
        return tree
    if len(tree) != 1:
        raise Invalid("a tree node has more than one tag")
    tag, body = next(iter(tree.items()))
    if tag == "$float":
        return float(body)
    if tag == "$tuple":
        return tuple(from_tree(v, frames) for v in body)
    if tag in ("$dict", "$counter"):
        pairs = ((from_tree(k, frames), from_tree(v, frames)) for k, v in body)
        return dict(pairs) if tag == "$dict" else Counter(dict(pairs))
    if tag == "$numpy":
        dtype = np.dtype(body[0])
        if dtype.kind not in _NUMPY_KINDS:
            raise Invalid(f"numpy type {body[0]} is not stored")
        return dtype.type(from_tree(body[1], frames))
    if tag == "$frame":
        return frames[body]
    raise Invalid(f"unknown tag {tag}")


# ---------------------------------------------------------------------------
# Columns
# ---------------------------------------------------------------------------

def _dtype_spec(dtype) -> Any:
    """A JSON description of a column dtype that :func:`_dtype_from` rebuilds."""
    if isinstance(dtype, pd.StringDtype):
        return {"string": dtype.storage, "na": "nan" if dtype.na_value is np.nan else "NA"}
    return str(dtype)


def _dtype_from(spec: Any):
    """The dtype a :func:`_dtype_spec` describes."""
    if isinstance(spec, dict):
        return pd.StringDtype(spec["string"], na_value=np.nan if spec["na"] == "nan" else pd.NA)
    return pd.api.types.pandas_dtype(spec)


def encode_column(values) -> tuple[dict, pa.Array]:
    """``(layout, Arrow array)`` of a column's values (a Series or Index)."""
    dtype = values.dtype
    if isinstance(dtype, pd.api.extensions.ExtensionDtype):
        return {"dtype": _dtype_spec(dtype), "as": "arrow"}, pa.array(values.array)
    if dtype != object:
        return {"dtype": str(dtype), "as": "numpy"}, pa.array(np.asarray(values), from_pandas=False)
    cells = list(values)
    if _only_text(cells):
        return {"dtype": "object", "as": "text"}, pa.array(cells, type=pa.large_string())
    text = [json.dumps(to_tree(c, None), ensure_ascii=False, allow_nan=False) for c in cells]
    return {"dtype": "object", "as": "json"}, pa.array(text, type=pa.large_string())


def decode_column(layout: dict, array: pa.Array):
    """The values (an ndarray or ExtensionArray) :func:`encode_column` encoded as ``array``."""
    how = layout["as"]
    if how == "arrow":
        return _dtype_from(layout["dtype"]).__from_arrow__(array)
    if how == "numpy":
        return np.asarray(array.to_numpy(zero_copy_only=False)).astype(np.dtype(layout["dtype"]), copy=False)
    cells = array.to_numpy(zero_copy_only=False)
    if how == "json":
        cells = [from_tree(json.loads(c), []) for c in cells]
    if how not in ("text", "json"):
        raise Invalid(f"unknown column layout {how}")
    out = np.empty(len(cells), dtype=object)
    out[:] = list(cells)
    return out


# ---------------------------------------------------------------------------
# Frames
# ---------------------------------------------------------------------------

def encode_frame(frame: pd.DataFrame) -> tuple[dict, list[pa.Array]]:
    """``(layout, arrays)``: the frame's columns in order, then its index unless that is a RangeIndex."""
    if isinstance(frame.index, pd.MultiIndex) or isinstance(frame.columns, pd.MultiIndex):
        raise Unsupported("cannot store a MultiIndex")
    labels = frame.columns
    layout = {"labels": ({"range": [labels.start, labels.stop, labels.step]} if type(labels) is pd.RangeIndex
                         else {"values": to_tree(list(labels), None), "dtype": _dtype_spec(labels.dtype)}),
              "attrs": to_tree(dict(frame.attrs), None), "rows": len(frame), "columns": []}
    arrays = []
    for position in range(frame.shape[1]):
        column, array = encode_column(frame.iloc[:, position])
        layout["columns"].append(column)
        arrays.append(array)
    index = frame.index
    layout["index_name"] = to_tree(index.name, None)
    if type(index) is pd.RangeIndex:
        layout["index"] = {"range": [index.start, index.stop, index.step]}
    else:
        layout["index"], array = encode_column(index)
        arrays.append(array)
    return layout, arrays


def decode_frame(layout: dict, arrays: list[pa.Array]) -> pd.DataFrame:
    """The DataFrame :func:`encode_frame` encoded."""
    rows = layout["rows"]
    data = {}
    for position, column in enumerate(layout["columns"]):
        values = decode_column(column, arrays[position])
        data[position] = pd.Series(values, dtype=values.dtype, index=pd.RangeIndex(rows), copy=False)
    frame = pd.DataFrame(data, index=pd.RangeIndex(rows))
    index = layout["index"]
    if "range" in index:
        frame.index = pd.RangeIndex(*index["range"])
    else:
        values = decode_column(index, arrays[len(layout["columns"])])
        frame.index = pd.Index(values, dtype=values.dtype, copy=False)
    frame.index.name = from_tree(layout["index_name"], [])
    labels = layout["labels"]
    frame.columns = pd.RangeIndex(*labels["range"]) if "range" in labels else \
        pd.Index(from_tree(labels["values"], []), dtype=_dtype_from(labels["dtype"]))
    frame.attrs = from_tree(layout["attrs"], [])
    return frame


# ---------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------

def _wrapped(array: pa.Array) -> pa.Array:
    """``array`` as the single row of a large-list array (so arrays of any length share one batch)."""
    return pa.LargeListArray.from_arrays(pa.array([0, len(array)], type=pa.int64()), array)


def _digest(meta: dict, batch: pa.RecordBatch) -> str:
    """sha256 of the header (all but its digest, as canonical JSON) and of the record batch's bytes."""
    h = hashlib.sha256(json.dumps({k: v for k, v in meta.items() if k != "digest"}, sort_keys=True,
                                  ensure_ascii=False, allow_nan=False).encode("utf-8"))
    h.update(batch.serialize())
    return h.hexdigest()


def dumps(value: Any, header: dict) -> pa.RecordBatch:
    """A record batch holding ``value``, with ``header`` (name, key, version) and the layout in its metadata.

    Raises :class:`Unsupported` when the value holds a type the codec does not know or would not come back
    exactly as it is.
    """
    try:
        meta, batch = _encoded(value, header)
        problem = difference(value, _decode(meta, batch))
    except Unsupported:
        raise
    except Exception as error:  # a dtype Arrow or this codec cannot carry
        raise Unsupported(f"{type(error).__name__}: {error}") from error
    if problem:
        raise Unsupported(problem)
    return batch.replace_schema_metadata(
        {META_KEY: json.dumps(meta, ensure_ascii=False, allow_nan=False).encode("utf-8")})


def _encoded(value: Any, header: dict) -> tuple[dict, pa.RecordBatch]:
    """``(metadata, record batch)`` for ``value``: the header, tree, frame layouts and digest, and the arrays."""
    frames: list[pd.DataFrame] = []
    tree = to_tree(value, frames)
    layouts, names, arrays = [], [], []
    for number, frame in enumerate(frames):
        layout, frame_arrays = encode_frame(frame)
        layouts.append(layout)
        names += [f"f{number}.{position}" for position in range(len(frame_arrays))]
        arrays += frame_arrays
    batch = pa.record_batch([_wrapped(a) for a in arrays], names=names)
    meta = dict(header, format=FORMAT, value=tree, frames=layouts)
    return dict(meta, digest=_digest(meta, batch)), batch


def write(path: Path, value: Any, header: dict) -> None:
    """Store ``value`` at ``path`` (through a temporary file, so readers never see half a file)."""
    batch = dumps(value, header)
    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
    try:
        with pa.OSFile(str(tmp), "wb") as sink, pa.ipc.new_file(sink, batch.schema) as writer:
            writer.write_batch(batch)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def read(path: Path, header: dict) -> Any:
    """The value stored at ``path`` for ``header``; raises :class:`Invalid` for any file that does not verify."""
    try:
        with pa.OSFile(str(path), "rb") as source:
            reader = pa.ipc.open_file(source)
            meta = json.loads(reader.schema.metadata[META_KEY].decode("utf-8"))
            expected = dict(header, format=FORMAT)
            if any(meta.get(k) != v for k, v in expected.items()):
                raise Invalid("written for another key, version or format")
            if reader.num_record_batches != 1:
                raise Invalid("not one record batch")
            batch = reader.get_batch(0)
        batch.validate(full=True)
        if _digest(meta, batch) != meta["digest"]:
            raise Invalid("digest does not match")
        return _decode(meta, batch)
    except Invalid:
        raise
    except Exception as error:  # anything unreadable is a file that does not verify
        raise Invalid(f"{type(error).__name__}: {error}") from error


def _decode(meta: dict, batch: pa.RecordBatch) -> Any:
    """The value a header and its record batch hold."""
    frames = []
    for number, layout in enumerate(meta["frames"]):
        names = [n for n in batch.schema.names if n.startswith(f"f{number}.")]
        arrays = [batch.column(f"f{number}.{position}").flatten() for position in range(len(names))]
        frames.append(decode_frame(layout, arrays))
    return from_tree(meta["value"], frames)


# ---------------------------------------------------------------------------
# Exact comparison
# ---------------------------------------------------------------------------

def difference(a: Any, b: Any, where: str = "value") -> str | None:
    """Where ``b`` is not exactly ``a`` (types, dtypes, order, NaN against None), or None if it is."""
    if type(a) is not type(b):
        return f"{where}: {type(a).__name__} came back as {type(b).__name__}"
    if isinstance(a, pd.DataFrame):
        return _frame_difference(a, b, where)
    if isinstance(a, (list, tuple)):
        if len(a) != len(b):
            return f"{where}: length {len(a)} came back as {len(b)}"
        return next((d for i, (x, y) in enumerate(zip(a, b)) if (d := difference(x, y, f"{where}[{i}]"))), None)
    if isinstance(a, dict):
        if list(a) != list(b):
            return f"{where}: keys differ"
        return next((d for k in a if (d := difference(a[k], b[k], f"{where}[{k!r}]"))), None)
    if isinstance(a, (float, np.floating)) and math.isnan(a):
        return None if math.isnan(b) else f"{where}: NaN came back as {b!r}"
    if isinstance(a, np.generic) and a.dtype != b.dtype:
        return f"{where}: {a.dtype} came back as {b.dtype}"
    return None if a == b else f"{where}: {a!r} came back as {b!r}"


def _frame_difference(a: pd.DataFrame, b: pd.DataFrame, where: str) -> str | None:
    """Where frame ``b`` is not exactly ``a``: pandas' strict comparison, then object cells one by one."""
    try:
        pd.testing.assert_frame_equal(a, b, check_dtype=True, check_exact=True, check_index_type=True,
                                      check_column_type=True, check_names=True, check_flags=True)
    except AssertionError as error:
        return f"{where}: {str(error).splitlines()[0]}"
    if a.attrs != b.attrs:
        return f"{where}: attrs differ"
    for position in range(a.shape[1]):
        if a.dtypes.iloc[position] == object:
            left, right = list(a.iloc[:, position]), list(b.iloc[:, position])
            if left == right and _only_text(left) and _only_text(right):
                continue  # str and None cells: equal lists are exactly equal
            found = difference(left, right, f"{where} column {position}")
            if found:
                return found
    if a.index.dtype == object:
        return difference(list(a.index), list(b.index), f"{where} index")
    return None


def _only_text(cells: list) -> bool:
    """Whether every cell is a ``str`` or ``None``."""
    return all(type(c) is str or c is None for c in cells)
