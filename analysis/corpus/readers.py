"""Reading a corpus path into records: a folder of files, a ``.jsonl`` or a ``.csv`` file, and HTML pages.

:func:`read_records` returns ``(records, rejected)``. A record is a dict ``doc_id, raw,
path, html`` (plus ``meta`` for a .jsonl/.csv row: ``title, url, source, author, date``);
a rejected entry is ``path, doc_id, reason, detail``. HTML pages are turned into text by
:func:`~analysis.corpus.html.html_to_text`.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from .model import CorpusError

#: Files over this many bytes are rejected (override with ``load_corpus(max_bytes=...)``).
MAX_BYTES = 5_000_000
#: File types read from a corpus folder. Anything else is listed as rejected.
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
#: Bytes of a file inspected for NUL and control bytes (binary files).
SNIFF_BYTES = 8192

_HTML_DOC = re.compile(r"^\s*(?:<!doctype html|<html\b|<head\b|<body\b)", re.I)


def read_records(root: Path, max_bytes: int = MAX_BYTES) -> tuple[list[dict], list[dict]]:
    """``(records, rejected)`` of a corpus folder, ``.jsonl`` or ``.csv`` file.

    Raises :class:`CorpusError` naming the path when it is missing, of another kind,
    or holds nothing at all.
    """
    if not root.exists():
        raise CorpusError(f"Corpus path not found: {root}")
    if root.is_dir():
        records, rejected = read_folder(root, max_bytes)
    elif root.suffix.lower() == ".jsonl":
        records, rejected = read_jsonl(root, max_bytes)
    elif root.suffix.lower() == ".csv":
        records, rejected = read_csv(root, max_bytes)
    else:
        raise CorpusError(f"Corpus path must be a folder of .txt files or a .jsonl/.csv file: {root}")
    if not records and not rejected:
        raise CorpusError(f"Corpus folder is empty (no .txt, .jsonl or .csv articles): {root}")
    return records, rejected


def decode_bytes(data: bytes) -> tuple[str | None, str | None, str | None]:
    """Decode file bytes as UTF-8. Returns ``(text, reason, detail)``; text is None when refused."""
    if not data.strip():
        return None, "empty", "file is empty or whitespace only"
    sample = data[:SNIFF_BYTES]
    if b"\x00" in sample:
        return None, "binary", "file contains NUL bytes (not a text file)"
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if controls > max(8, len(sample) // 100):
        return None, "binary", f"{controls} control bytes in the first {len(sample)} bytes (not a text file)"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return None, "undecodable", (f"not valid UTF-8 at byte {err.start} "
                                     f"({data[err.start:err.start + 4]!r}); re-save the file as UTF-8")
    return text, None, None


def reject(rec: dict, reason: str, detail: str) -> dict:
    """A rejected-file entry for a record refused after reading."""
    return {"path": rec.get("path"), "doc_id": rec.get("doc_id"), "reason": reason, "detail": detail}


# --------------------------------------------------------------------------- a folder of files

def read_folder(root: Path, max_bytes: int) -> tuple[list[dict], list[dict]]:
    """Every file below ``root`` (hidden ones skipped); ``doc_id`` is the path without its extension."""
    records, rejected = [], []
    for file in sorted(p for p in root.rglob("*") if p.is_file()):
        if any(part.startswith(".") for part in file.relative_to(root).parts):
            continue
        record, refused = _read_file(root, file, max_bytes)
        if record is not None:
            records.append(record)
        else:
            rejected.append(refused)
    return records, rejected


def _read_file(root: Path, file: Path, max_bytes: int) -> tuple[dict | None, dict | None]:
    """``(record, None)`` for a readable article file, ``(None, rejected entry)`` otherwise."""
    rel = str(file.relative_to(root))
    suffix = file.suffix.lower()
    doc_id = file.relative_to(root).with_suffix("").as_posix()  # "001", or "business/001" in a subfolder
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        return None, {"path": rel, "doc_id": doc_id, "reason": "unsupported",
                      "detail": f"file type {suffix or '(none)'} is not read; use .txt, or a .jsonl/.csv corpus"}
    size = file.stat().st_size
    if size > max_bytes:
        return None, {"path": rel, "doc_id": doc_id, "reason": "too_large",
                      "detail": f"{size} bytes is over the {max_bytes}-byte limit"}
    raw, reason, detail = decode_bytes(file.read_bytes())
    if raw is None:
        return None, {"path": rel, "doc_id": doc_id, "reason": reason, "detail": detail}
    return {"doc_id": doc_id, "raw": raw, "path": rel,
            "html": suffix in HTML_SUFFIXES or bool(_HTML_DOC.match(raw))}, None


# --------------------------------------------------------------------------- .jsonl and .csv files

def read_jsonl(file: Path, max_bytes: int) -> tuple[list[dict], list[dict]]:
    """One record per JSON object line (``text`` required; ``id, title, url, source, author, date`` optional)."""
    raw = _decode_file(file)
    records, rejected = [], []
    for index, line in enumerate(raw.splitlines()):
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
    return records, rejected


def read_csv(file: Path, max_bytes: int) -> tuple[list[dict], list[dict]]:
    """One record per row of a CSV with a ``text`` column (other columns as in :func:`read_jsonl`)."""
    raw = _decode_file(file)
    csv.field_size_limit(max(max_bytes * 2, 131072))
    reader = csv.DictReader(raw.splitlines(keepends=True))
    if not reader.fieldnames or "text" not in reader.fieldnames:
        raise CorpusError(f"{file} has no 'text' column (columns: {reader.fieldnames})")
    records, rejected = [], []
    for index, row in enumerate(reader):
        rec, rej = record_from_row(row, index, file.name, max_bytes)
        (records if rec else rejected).append(rec or rej)
    return records, rejected


def _decode_file(file: Path) -> str:
    raw, reason, detail = decode_bytes(file.read_bytes())
    if raw is None:
        raise CorpusError(f"Cannot read {file}: {reason}: {detail}")
    return raw


def record_from_row(row: dict, index: int, origin: str, max_bytes: int) -> tuple[dict | None, dict | None]:
    """``(record, None)`` for a usable .jsonl/.csv row, ``(None, rejected entry)`` otherwise."""
    doc_id = str(row.get("id") or row.get("doc_id") or f"{index:05d}").strip()
    where = f"{origin}#{index + 1}"
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        return None, {"path": where, "doc_id": doc_id, "reason": "empty", "detail": "record has no text"}
    if len(text.encode("utf-8")) > max_bytes:
        return None, {"path": where, "doc_id": doc_id, "reason": "too_large",
                      "detail": f"text is over the {max_bytes}-byte limit"}
    if "\x00" in text:
        return None, {"path": where, "doc_id": doc_id, "reason": "binary", "detail": "text contains NUL characters"}
    meta = {k: (str(row[k]).strip() if row.get(k) not in (None, "") else None)
            for k in ("title", "url", "source", "author", "date")}
    return {"doc_id": doc_id, "raw": text, "path": where, "meta": meta,
            "html": bool(_HTML_DOC.match(text))}, None
