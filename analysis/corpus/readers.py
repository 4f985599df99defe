"""Reading a corpus path into records: a folder, one article file, a ``.jsonl`` or ``.csv`` file, HTML pages.

:func:`read_records` returns ``(records, rejected)``. A record is a dict ``doc_id, raw,
path, html`` (plus ``meta`` for a .jsonl/.csv row: ``title, url, source, author, date,
text_field``); a rejected entry is ``path, doc_id, reason, detail``. Walking folders,
reading files safely and decoding bytes live in :mod:`~analysis.corpus.files`.
HTML pages are turned into text by :func:`~analysis.corpus.html.html_to_text`.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import warnings
from pathlib import Path

from .files import (NUL_MAX_COUNT, NUL_MAX_SHARE, FileRefused, decode_bytes, nul_count, read_regular, special_kind,
                    walk_folder)
from .model import CorpusError

#: Files over this many bytes are rejected (override with ``load_corpus(max_bytes=...)``).
MAX_BYTES = 5_000_000
#: File types read from a corpus folder. Anything else is listed as rejected.
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
#: Fields (.jsonl) or columns (.csv) holding an article's text, in order of preference: the first one present is read.
TEXT_FIELDS = ("text", "content", "body", "article_text")

_HTML_DOC = re.compile(r"^\s*(?:<!doctype html|<html\b|<head\b|<body\b)", re.I)


def read_records(root: Path, max_bytes: int = MAX_BYTES,
                 follow_links: bool = False) -> tuple[list[dict], list[dict]]:
    """``(records, rejected)`` of a corpus folder, one article file, a ``.jsonl`` or a ``.csv`` file.

    Raises :class:`CorpusError` naming the path when it is missing, of another kind
    (a FIFO, socket or device is never opened), or holds nothing at all.
    ``follow_links`` reads links inside a folder that point outside it.
    """
    try:
        mode = os.stat(root).st_mode
    except FileNotFoundError:
        raise CorpusError(f"Corpus path not found: {root}") from None
    except OSError as err:
        raise CorpusError(f"Corpus path cannot be read ({err.strerror}): {root}") from None
    kind = special_kind(mode)
    suffix = root.suffix.lower()
    if kind:
        raise CorpusError(f"Corpus path is a {kind}, not a folder or a file: {root}")
    if root.is_dir():
        records, rejected = read_folder(root, max_bytes, follow_links)
    elif suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
        record, refused = _read_file(root.parent, root, max_bytes)
        records, rejected = ([record], []) if record else ([], [refused])
    elif suffix == ".jsonl":
        records, rejected = read_jsonl(root, max_bytes)
    elif suffix == ".csv":
        records, rejected = read_csv(root, max_bytes)
    else:
        raise CorpusError("Corpus path must be a folder of .txt files, one .txt/.html article or "
                          f"a .jsonl/.csv file: {root}")
    if not records and not rejected:
        raise CorpusError(f"Corpus folder is empty (no .txt, .jsonl or .csv articles): {root}")
    return records, rejected


def reject(rec: dict, reason: str, detail: str) -> dict:
    """A rejected-file entry for a record refused after reading."""
    return {"path": rec.get("path"), "doc_id": rec.get("doc_id"), "reason": reason, "detail": detail}


# --------------------------------------------------------------------------- a folder of files

def read_folder(root: Path, max_bytes: int, follow_links: bool = False) -> tuple[list[dict], list[dict]]:
    """Every article file below ``root``; ``doc_id`` is the path without its extension.

    Everything not read (hidden, special files, links out of the folder or in a loop,
    duplicate links) is in the rejected list, see :func:`~analysis.corpus.files.walk_folder`.
    """
    files, rejected = walk_folder(root, follow_links)
    records = []
    for file, rel in files:
        record, refused = _read_file(root, file, max_bytes, rel)
        if record is not None:
            records.append(record)
        else:
            rejected.append(refused)
    return records, rejected


def _read_file(root: Path, file: Path, max_bytes: int, rel: str | None = None) -> tuple[dict | None, dict | None]:
    """``(record, None)`` for a readable article file, ``(None, rejected entry)`` otherwise."""
    rel = rel or file.relative_to(root).as_posix()
    suffix = file.suffix.lower()
    doc_id = Path(rel).with_suffix("").as_posix()  # "001", or "business/001" in a subfolder
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        return None, {"path": rel, "doc_id": doc_id, "reason": "unsupported",
                      "detail": f"file type {suffix or '(none)'} is not read; use .txt, or a .jsonl/.csv corpus"}
    try:
        data = read_regular(file, max_bytes)
    except FileRefused as err:
        return None, {"path": rel, "doc_id": doc_id, "reason": err.reason, "detail": err.detail}
    except OSError as err:
        return None, {"path": rel, "doc_id": doc_id, "reason": "unreadable",
                      "detail": f"file cannot be read: {err.strerror or err}"}
    raw, reason, detail = decode_bytes(data)
    if raw is None:
        return None, {"path": rel, "doc_id": doc_id, "reason": reason, "detail": detail}
    return {"doc_id": doc_id, "raw": raw, "path": rel,
            "html": suffix in HTML_SUFFIXES or bool(_HTML_DOC.match(raw))}, None


# --------------------------------------------------------------------------- .jsonl and .csv files

def read_jsonl(file: Path, max_bytes: int) -> tuple[list[dict], list[dict]]:
    """One record per JSON object line (see :func:`record_from_row` for the fields).

    Records are split on LF (CRLF too) only: a raw U+2028, U+2029 or NEL inside a JSON
    string stays in its record, and ``#N`` in a rejected path is the file's line N.
    """
    raw = _decode_file(file).lstrip("\ufeff")
    records, rejected = [], []
    for index, line in enumerate(raw.split("\n")):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            rejected.append({"path": f"{file.name}#{index + 1}", "doc_id": None, "reason": "invalid_json",
                             "detail": str(err)})
            continue
        if not isinstance(row, dict):
            rejected.append({"path": f"{file.name}#{index + 1}", "doc_id": None, "reason": "invalid_json",
                             "detail": "line is not a JSON object"})
            continue
        rec, rej = record_from_row(row, index, file.name, max_bytes)
        (records if rec else rejected).append(rec or rej)
    _say_text_fields(file, records)
    return records, rejected


def read_csv(file: Path, max_bytes: int) -> tuple[list[dict], list[dict]]:
    """One record per row of a CSV with a text column (:data:`TEXT_FIELDS`; others as in :func:`read_jsonl`).

    A UTF-8 BOM (spreadsheet exports) is not part of the first column's name.
    """
    raw = _decode_file(file).lstrip("\ufeff")
    csv.field_size_limit(max(max_bytes * 2, 131072))
    reader = csv.DictReader(io.StringIO(raw, newline=""))
    if not reader.fieldnames or not any(name in reader.fieldnames for name in TEXT_FIELDS):
        raise CorpusError(f"{file} has no 'text' column (nor {', '.join(map(repr, TEXT_FIELDS[1:]))}; "
                          f"columns: {reader.fieldnames})")
    records, rejected = [], []
    for index, row in enumerate(reader):
        rec, rej = record_from_row(row, index, file.name, max_bytes)
        (records if rec else rejected).append(rec or rej)
    _say_text_fields(file, records)
    return records, rejected


def _decode_file(file: Path) -> str:
    try:
        raw, reason, detail = decode_bytes(read_regular(file))
    except FileRefused as err:
        raise CorpusError(f"Cannot read {file}: {err.reason}: {err.detail}") from None
    except OSError as err:
        raise CorpusError(f"Cannot read {file}: {err.strerror or err}") from None
    if raw is None:
        raise CorpusError(f"Cannot read {file}: {reason}: {detail}")
    return raw


def _say_text_fields(file: Path, records: list[dict]) -> None:
    """Warn once per file when article text was read from another field than ``text`` (and which)."""
    used = sorted({r["meta"]["text_field"] for r in records} - {"text"})
    if used:
        counts = {f: sum(r["meta"]["text_field"] == f for r in records) for f in used}
        warnings.warn(f"{file.name}: no 'text' field, article text read from "
                      + ", ".join(f"'{f}' ({n} records)" for f, n in counts.items()), stacklevel=5)


def record_from_row(row: dict, index: int, origin: str, max_bytes: int) -> tuple[dict | None, dict | None]:
    """``(record, None)`` for a usable .jsonl/.csv row, ``(None, rejected entry)`` otherwise.

    The text is the first of :data:`TEXT_FIELDS` present (``meta['text_field']`` says
    which); ``id`` (or ``doc_id``), ``title, url, source, author, date`` are optional.
    """
    doc_id = str(row.get("id") or row.get("doc_id") or f"{index:05d}").strip()
    where = f"{origin}#{index + 1}"
    field = next((name for name in TEXT_FIELDS if name in row and row[name] is not None), None)
    if field is None:
        return None, {"path": where, "doc_id": doc_id, "reason": "no_text_field",
                      "detail": f"record has none of the fields {list(TEXT_FIELDS)} (fields: {list(row)})"}
    text = row[field]
    if not isinstance(text, str) or not text.strip():
        what = "is empty" if isinstance(text, str) else f"is a {type(text).__name__}, not text"
        return None, {"path": where, "doc_id": doc_id, "reason": "empty", "detail": f"field '{field}' {what}"}
    if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        return None, {"path": where, "doc_id": doc_id, "reason": "too_large",
                      "detail": f"text is over the {max_bytes}-byte limit"}
    nuls = nul_count(text)
    if nuls > max(NUL_MAX_COUNT, int(len(text) * NUL_MAX_SHARE)):
        return None, {"path": where, "doc_id": doc_id, "reason": "binary",
                      "detail": f"text contains {nuls} NUL characters"}
    meta = {k: (str(row[k]).strip() if row.get(k) not in (None, "") else None)
            for k in ("title", "url", "source", "author", "date")}
    meta["text_field"] = field
    return {"doc_id": doc_id, "raw": text, "path": where, "meta": meta,
            "html": bool(_HTML_DOC.match(text))}, None
