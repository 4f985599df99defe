"""Load a folder (or a .jsonl/.csv file) of news articles into a :class:`Corpus`.

What comes back for each article (:class:`Article`):

* ``doc_id`` – the file stem (or the record's ``id``);
* ``raw`` – the file's text exactly as decoded (the evidence every offset points into);
* ``title`` – the first non-empty line (or the record's ``title``);
* ``text`` – the cleaned body: one paragraph per non-empty line, joined by a blank
  line, scraper boilerplate removed, odd spaces (no-break, thin) turned into plain
  spaces one for one;
* metadata found in the text: ``author`` (byline), ``date`` (ISO ``YYYY-MM-DD``
  from a date line), ``source`` (credited wire, "Source: AFP"), ``dateline``
  ("Geneva –");
* an offset map: ``article.to_raw(i)`` / ``article.raw_span(start, end)`` turn a
  position in ``text`` into a position in ``raw``.

Nothing is dropped silently: every boilerplate cut is in :meth:`Corpus.removals`
(doc, raw offsets, rule, text) and every refused file is in
:meth:`Corpus.rejected_frame` with its reason. The rules are editable data in
``data/boilerplate.yaml``.
"""
from __future__ import annotations

import csv
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import numpy as np
import pandas as pd
import yaml

from . import config

#: Files over this many bytes are rejected (override with ``load_corpus(max_bytes=...)``).
MAX_BYTES = 5_000_000
#: File types read from a corpus folder. Anything else is listed as rejected.
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
#: A first line longer than this is a paragraph, not a headline.
TITLE_MAX_CHARS = 250

_ODD_SPACES = dict.fromkeys(map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\r\f\v"), " ")
_ZERO_WIDTH = "\ufeff\u200b\u200c\u200d\u2060"
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
_MONTH_RE = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WEEKDAY_RE = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_TIME_RE = r"(?:\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s*[A-Z]{2,4})?)"
_DATE_PATTERNS = [
    re.compile(rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH_RE}),?\s+(?P<y>\d{{4}})", re.I),
    re.compile(rf"(?P<m>{_MONTH_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})", re.I),
    re.compile(r"(?P<y>\d{4})-(?P<mm>\d{2})-(?P<d>\d{2})"),
]
_DATE_LINE = re.compile(
    rf"^(?:(?:published|updated|posted|date)\s*:?\s*)?(?:{_WEEKDAY_RE},?\s*)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_RE},?\s+\d{{4}}|{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"(?:[,\s|-]*(?:{_WEEKDAY_RE})?)?(?:[,\s|-]*(?:at\s*)?{_TIME_RE})?\s*$",
    re.I,
)
_SOURCE_LINE = re.compile(r"^(?:source|via|courtesy(?: of)?)\s*[:\-–]?\s+(?P<src>[A-Z][\w&.'\- ]{1,40}?)\s*\.?$", re.I)
_BY_LINE = re.compile(r"^(?i:by)\s+(?P<name>[A-Z][\w'’.\- ]{2,60}?)(?:\s*[,|]\s*.*)?$")
_NAME_TOKEN = re.compile(r"^[A-Z][a-zà-ÿ'’.\-]*(?:[A-Z][a-zà-ÿ'’\-]+)?$")
_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Za-z .'’]{1,30}?)(?:\s*\([A-Za-z]+\))?\s+[–—-]{1,2}\s+")
_HTML_DOC = re.compile(r"^\s*(?:<!doctype html|<html\b|<head\b|<body\b)", re.I)
_HTML_DROP_BLOCKS = re.compile(r"<(head|script|style|noscript|template|svg|iframe)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_HTML_BLOCK_TAG = re.compile(r"</?(?:p|div|br|h[1-6]|li|ul|ol|tr|table|section|article|header|footer|blockquote|title)\b[^>]*>", re.I)
_HTML_TAG = re.compile(r"<[^>]*>")
_HTML_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.I)


class CorpusError(ValueError):
    """The corpus path cannot be read at all (missing, empty, wrong kind)."""


@dataclass
class Article:
    """One article: cleaned ``text``, original ``raw`` and the map between them."""

    doc_id: str
    title: str
    text: str
    raw: str
    offsets: np.ndarray = field(repr=False)
    path: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    date: str | None = None
    dateline: str | None = None
    title_start: int | None = None
    title_end: int | None = None
    removals: list[dict] = field(default_factory=list, repr=False)

    def to_raw(self, i: int) -> int:
        """Position in ``raw`` of character ``i`` of ``text`` (``len(text)`` maps to the end of the last one)."""
        if i >= len(self.text):
            return int(self.offsets[-1]) + 1 if len(self.offsets) else 0
        return int(self.offsets[i])

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``(start, end)`` of the text span ``text[start:end]``, end exclusive."""
        if end <= start:
            pos = self.to_raw(start)
            return pos, pos
        return int(self.offsets[start]), int(self.offsets[end - 1]) + 1

    @property
    def text_hash(self) -> str:
        """sha1 of the cleaned text: the annotation cache key."""
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()

    @property
    def words(self) -> int:
        return len(re.findall(r"\w+(?:['’]\w+)*", self.text))


@dataclass
class Corpus:
    """Articles (sorted by ``doc_id``) plus the files that were refused."""

    articles: list[Article]
    rejected: list[dict]
    path: str

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)

    def __getitem__(self, doc_id: str) -> Article:
        for article in self.articles:
            if article.doc_id == doc_id:
                return article
        raise KeyError(doc_id)

    @property
    def doc_ids(self) -> list[str]:
        return [a.doc_id for a in self.articles]

    def to_frame(self, sentences: bool = False) -> pd.DataFrame:
        """Overview table, one row per article, sorted by ``doc_id``.

        Columns: ``doc_id, title, source, author, date, dateline, url, chars,
        words, paragraphs, boilerplate_removed, boilerplate_chars, path``; with
        ``sentences=True`` also ``sentences`` (needs the spaCy annotation).
        """
        rows = []
        for a in self.articles:
            rows.append({
                "doc_id": a.doc_id, "title": a.title, "source": a.source, "author": a.author,
                "date": a.date, "dateline": a.dateline, "url": a.url,
                "chars": len(a.text), "words": a.words,
                "paragraphs": a.text.count("\n\n") + 1 if a.text else 0,
                "boilerplate_removed": len(a.removals),
                "boilerplate_chars": sum(r["end"] - r["start"] for r in a.removals),
                "path": a.path,
            })
        columns = ["doc_id", "title", "source", "author", "date", "dateline", "url", "chars", "words",
                   "paragraphs", "boilerplate_removed", "boilerplate_chars", "path"]
        frame = pd.DataFrame(rows, columns=columns)
        if sentences:
            from .nlp import sentence_counts
            counts = sentence_counts(self)
            frame.insert(frame.columns.get_loc("words") + 1, "sentences",
                         frame["doc_id"].map(counts).fillna(0).astype(int))
        return frame.sort_values("doc_id", kind="stable").reset_index(drop=True)

    def removals(self) -> pd.DataFrame:
        """Every boilerplate cut: ``doc_id, start, end, rule, text`` (raw offsets), sorted."""
        rows = [dict(doc_id=a.doc_id, **r) for a in self.articles for r in a.removals]
        frame = pd.DataFrame(rows, columns=["doc_id", "start", "end", "rule", "text"])
        return frame.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)

    def rejected_frame(self) -> pd.DataFrame:
        """Refused files: ``path, doc_id, reason, detail``, sorted by path."""
        frame = pd.DataFrame(self.rejected, columns=["path", "doc_id", "reason", "detail"])
        return frame.sort_values(["path", "doc_id"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------

@dataclass
class Rules:
    """Compiled boilerplate rules from ``data/boilerplate.yaml``."""

    inline: list[tuple[str, re.Pattern]]
    line: list[tuple[str, re.Pattern]]
    after: list[tuple[str, re.Pattern]]
    structural: dict

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Rules":
        path = Path(path) if path else config.data_file("boilerplate.yaml")
        spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        groups: dict[str, list] = {"inline": [], "line": [], "after": []}
        for rule in spec.get("rules", []):
            kind = rule.get("kind", "line")
            if kind not in groups:
                raise ValueError(f"{path}: rule {rule.get('name')!r} has unknown kind {kind!r}")
            flags = 0 if rule.get("case_sensitive") else re.I
            groups[kind].append((rule["name"], re.compile(rule["pattern"], flags)))
        structural = {"repeated_title": True, "repeated_lead": True, "byline": True,
                      "date_line": True, "source_credit": True}
        structural.update(spec.get("structural") or {})
        return cls(groups["inline"], groups["line"], groups["after"], structural)


# ---------------------------------------------------------------------------
# Reading files
# ---------------------------------------------------------------------------

def load_corpus(path: str | Path | None = None, *, rules: Rules | None = None,
                max_bytes: int = MAX_BYTES) -> Corpus:
    """Read a corpus folder, or a ``.jsonl``/``.csv`` file with a ``text`` column.

    ``path=None`` means ``data/raw``. Folders are read recursively; ``doc_id`` is the
    file's path below the folder without its extension (``001`` or ``business/001``). Raises :class:`CorpusError` naming the path
    when it is missing or holds no article file; bad files inside it (empty,
    binary, undecodable, duplicate, too large, unsupported type) are listed in
    ``corpus.rejected`` and the rest loads.
    """
    root = config.resolve_corpus(path)
    rules = rules or Rules.load()
    if not root.exists():
        raise CorpusError(f"Corpus path not found: {root}")
    if root.is_dir():
        records, rejected = _read_folder(root, max_bytes)
    elif root.suffix.lower() == ".jsonl":
        records, rejected = _read_jsonl(root, max_bytes)
    elif root.suffix.lower() == ".csv":
        records, rejected = _read_csv(root, max_bytes)
    else:
        raise CorpusError(f"Corpus path must be a folder of .txt files or a .jsonl/.csv file: {root}")
    if not records and not rejected:
        raise CorpusError(f"Corpus folder is empty (no .txt, .jsonl or .csv articles): {root}")

    articles: list[Article] = []
    seen_hashes: dict[str, str] = {}
    seen_ids: set[str] = set()
    for rec in sorted(records, key=lambda r: (r["doc_id"], r.get("path") or "")):
        article = build_article(rec, rules)
        if not article.text.strip():
            rejected.append(_reject(rec, "empty", "no article text left after removing the title and boilerplate"))
            continue
        key = _content_key(article.text)
        if key in seen_hashes:
            rejected.append(_reject(rec, "duplicate", f"same text as {seen_hashes[key]}"))
            continue
        if article.doc_id in seen_ids:  # a.txt and a.html, or a repeated id in a .jsonl
            base, n = article.doc_id, 2
            article.doc_id = f"{base}{Path(rec.get('path') or '').suffix}" if rec.get("path") else base
            while article.doc_id in seen_ids:
                article.doc_id, n = f"{base}_{n}", n + 1
        seen_hashes[key] = article.doc_id
        seen_ids.add(article.doc_id)
        articles.append(article)
    if not articles:
        reasons = "; ".join(f"{r['path']}: {r['reason']}" for r in rejected[:5])
        raise CorpusError(f"No readable article in {root} ({reasons})")
    return Corpus(articles=articles, rejected=rejected, path=str(root))


def corpus_fingerprint(corpus) -> str:
    """sha1 identity of a corpus's content, the same in every process: for memos and caches.

    Covers each article's id, title, cleaned text, original file, path and metadata,
    in corpus order. Two loads of unchanged files give equal fingerprints; any change
    to an article (which may move offsets) gives a different one.
    """
    h = hashlib.sha1()
    for a in corpus:
        for part in (a.doc_id, a.title, a.text, a.raw, a.path, a.url, a.source, a.author, a.date, a.dateline,
                     a.title_start, a.title_end):
            h.update(b"\1" if part is None else str(part).encode("utf-8", "surrogatepass"))
            h.update(b"\0")
    return h.hexdigest()


def _reject(rec: dict, reason: str, detail: str) -> dict:
    return {"path": rec.get("path"), "doc_id": rec.get("doc_id"), "reason": reason, "detail": detail}


def _content_key(text: str) -> str:
    return hashlib.sha1(" ".join(text.lower().split()).encode("utf-8")).hexdigest()


def decode_bytes(data: bytes) -> tuple[str | None, str | None, str | None]:
    """Decode file bytes as UTF-8. Returns ``(text, reason, detail)``; text is None when refused."""
    if not data.strip():
        return None, "empty", "file is empty or whitespace only"
    sample = data[:8192]
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


def _read_folder(root: Path, max_bytes: int) -> tuple[list[dict], list[dict]]:
    records, rejected = [], []
    for file in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = str(file.relative_to(root))
        if any(part.startswith(".") for part in file.relative_to(root).parts):
            continue
        suffix = file.suffix.lower()
        doc_id = file.relative_to(root).with_suffix("").as_posix()  # "001", or "business/001" in a subfolder
        if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
            rejected.append({"path": rel, "doc_id": doc_id, "reason": "unsupported",
                             "detail": f"file type {suffix or '(none)'} is not read; use .txt, or a .jsonl/.csv corpus"})
            continue
        size = file.stat().st_size
        if size > max_bytes:
            rejected.append({"path": rel, "doc_id": doc_id, "reason": "too_large",
                             "detail": f"{size} bytes is over the {max_bytes}-byte limit"})
            continue
        raw, reason, detail = decode_bytes(file.read_bytes())
        if raw is None:
            rejected.append({"path": rel, "doc_id": doc_id, "reason": reason, "detail": detail})
            continue
        records.append({"doc_id": doc_id, "raw": raw, "path": rel,
                        "html": suffix in HTML_SUFFIXES or bool(_HTML_DOC.match(raw))})
    return records, rejected


def _record_from_row(row: dict, index: int, origin: str, max_bytes: int) -> tuple[dict | None, dict | None]:
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


def _read_jsonl(file: Path, max_bytes: int) -> tuple[list[dict], list[dict]]:
    raw, reason, detail = decode_bytes(file.read_bytes())
    if raw is None:
        raise CorpusError(f"Cannot read {file}: {reason}: {detail}")
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
        rec, rej = _record_from_row(row, index, file.name, max_bytes)
        (records if rec else rejected).append(rec or rej)
    return records, rejected


def _read_csv(file: Path, max_bytes: int) -> tuple[list[dict], list[dict]]:
    raw, reason, detail = decode_bytes(file.read_bytes())
    if raw is None:
        raise CorpusError(f"Cannot read {file}: {reason}: {detail}")
    csv.field_size_limit(max(max_bytes * 2, 131072))
    reader = csv.DictReader(raw.splitlines(keepends=True))
    if not reader.fieldnames or "text" not in reader.fieldnames:
        raise CorpusError(f"{file} has no 'text' column (columns: {reader.fieldnames})")
    records, rejected = [], []
    for index, row in enumerate(reader):
        rec, rej = _record_from_row(row, index, file.name, max_bytes)
        (records if rec else rejected).append(rec or rej)
    return records, rejected


# ---------------------------------------------------------------------------
# Cleaning: every working string travels with an int array of raw offsets
# ---------------------------------------------------------------------------

def html_to_text(raw: str) -> tuple[str, np.ndarray, list[dict]]:
    """Visible text of an HTML document with its raw-offset map and the removed markup.

    Scripts, styles and comments are dropped, block tags become line breaks,
    other tags vanish and entities are decoded (each decoded character maps to
    the entity's first raw character).
    """
    removed: list[dict] = []
    keep = np.ones(len(raw), dtype=bool)
    breaks: list[int] = []
    for match in _HTML_DROP_BLOCKS.finditer(raw):
        keep[match.start():match.end()] = False
        removed.append({"start": match.start(), "end": match.end(), "rule": "html_markup", "text": match.group(0)[:200]})
    for match in _HTML_TAG.finditer(raw):
        if not keep[match.start()]:
            continue
        keep[match.start():match.end()] = False
        if _HTML_BLOCK_TAG.fullmatch(match.group(0)):
            breaks.append(match.start())
    chars: list[str] = []
    offsets: list[int] = []
    break_set = set(breaks)
    i = 0
    n = len(raw)
    while i < n:
        if i in break_set:
            chars.append("\n")
            offsets.append(i)
        if not keep[i]:
            i += 1
            continue
        if raw[i] == "&":
            m = _HTML_ENTITY.match(raw, i)
            if m:
                decoded = html.unescape(m.group(0))
                for ch in decoded:
                    chars.append(ch)
                    offsets.append(i)
                i = m.end()
                continue
        chars.append(raw[i])
        offsets.append(i)
        i += 1
    if removed or breaks:
        removed.append({"start": 0, "end": len(raw), "rule": "html_tags",
                        "text": f"HTML document: {len(_HTML_TAG.findall(raw))} tags stripped"})
    return "".join(chars), np.asarray(offsets, dtype=np.int64), removed


@dataclass
class _Line:
    text: str
    offsets: np.ndarray

    def cut(self, start: int, end: int) -> "_Line":
        return _Line(self.text[:start] + self.text[end:],
                     np.concatenate([self.offsets[:start], self.offsets[end:]]))

    def strip(self) -> "_Line":
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        return _Line(self.text[left:right], self.offsets[left:right])

    def span(self, start: int = 0, end: int | None = None) -> tuple[int, int]:
        end = len(self.text) if end is None else end
        return int(self.offsets[start]), int(self.offsets[end - 1]) + 1


def _split_lines(s: str, offsets: np.ndarray) -> list[_Line]:
    lines, start = [], 0
    for match in re.finditer(r"\n|\u2028|\u2029", s):
        lines.append(_Line(s[start:match.start()], offsets[start:match.start()]))
        start = match.end()
    lines.append(_Line(s[start:], offsets[start:]))
    return lines


def _norm(s: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", s.lower()).split())


def _is_name_line(text: str) -> bool:
    tokens = text.split()
    if not 2 <= len(tokens) <= 4 or len(text) > 40 or text[-1] in ".!?:;,\"”'":
        return False
    return all(_NAME_TOKEN.match(t) for t in tokens)


def parse_date(text: str) -> str | None:
    """ISO date (``YYYY-MM-DD``) of the first date in ``text``, or None."""
    for pattern in _DATE_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        month = int(m.group("mm")) if "mm" in m.groupdict() and m.group("mm") else None
        if month is None:
            key = m.group("m").lower().rstrip(".")
            month = next((v for k, v in _MONTHS.items() if k.startswith(key[:3])), None)
        try:
            year, day = int(m.group("y")), int(m.group("d"))
            pd.Timestamp(year=year, month=month, day=day)
        except (TypeError, ValueError):
            continue
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def build_article(rec: dict, rules: Rules) -> Article:
    """Clean one record (``doc_id, raw, path, meta, html``) into an :class:`Article`."""
    raw: str = rec["raw"]
    meta = rec.get("meta") or {}
    removals: list[dict] = []
    if rec.get("html"):
        s, offsets, removed = html_to_text(raw)
        removals.extend(removed)
    else:
        s, offsets = raw, np.arange(len(raw), dtype=np.int64)
    s = s.translate(_ODD_SPACES)
    if any(ch in s for ch in _ZERO_WIDTH):
        keep = [i for i, ch in enumerate(s) if ch not in _ZERO_WIDTH]
        s = "".join(s[i] for i in keep)
        offsets = offsets[keep]

    def remove(line: _Line, rule: str, start: int = 0, end: int | None = None) -> None:
        end = len(line.text) if end is None else end
        if end > start:
            rs, re_ = line.span(start, end)
            removals.append({"start": rs, "end": re_, "rule": rule, "text": line.text[start:end]})

    lines = []
    for line in _split_lines(s, offsets):
        # inline cuts (right to left so indices stay valid)
        for name, pattern in rules.inline:
            for m in reversed(list(pattern.finditer(line.text))):
                remove(line, name, m.start(), m.end())
                line = line.cut(m.start(), m.end())
        line = line.strip()
        if line.text:
            lines.append(line)
    title = meta.get("title")
    title_span = (None, None)
    title_in_body = False
    if not title and lines:
        if len(lines[0].text) <= TITLE_MAX_CHARS:
            first = lines.pop(0)
            title = first.text
            title_span = first.span()
        else:  # no headline line: the file opens with a paragraph, which stays in the body
            title = _first_sentence(lines[0].text)
            title_in_body = True
    title = (title or "").strip()

    found: dict[str, str | None] = {"author": None, "date": None, "source": None}
    kept: list[_Line] = []
    n_lines = len(lines)
    for index, line in enumerate(lines):
        # a repeated title at the start of a body line
        if rules.structural.get("repeated_title") and title and not title_in_body and _norm(title):
            n_title = _norm(title)
            if _norm(line.text).startswith(n_title):
                end = _prefix_end(line.text, title)
                if end:
                    remove(line, "repeated_title", 0, end)
                    line = line.cut(0, end).strip()
                    if not line.text:
                        continue
        # after-rules: comment sections in the second half of the article end it
        if index >= n_lines // 2 and any(p.fullmatch(line.text) for _, p in rules.after):
            rule = next(name for name, p in rules.after if p.fullmatch(line.text))
            remove(line, rule)
            for rest in lines[index + 1:]:
                remove(rest, rule)
            break
        matched = next((name for name, p in rules.line if p.fullmatch(line.text)), None)
        if matched:
            remove(line, matched)
            continue
        if rules.structural.get("date_line") and _DATE_LINE.match(line.text):
            found["date"] = found["date"] or parse_date(line.text)
            remove(line, "date_line")
            continue
        if rules.structural.get("source_credit"):
            m = _SOURCE_LINE.match(line.text)
            if m and index >= n_lines // 2:
                found["source"] = found["source"] or m.group("src").strip()
                remove(line, "source_credit")
                continue
        if rules.structural.get("byline"):
            m = _BY_LINE.match(line.text)
            near_edge = len(kept) < 4 or index >= n_lines - 4
            if near_edge and (m or _is_name_line(line.text)) and _norm(line.text) != _norm(title):
                name = (m.group("name") if m else line.text).strip()
                found["author"] = found["author"] or name
                remove(line, "byline")
                continue
        kept.append(line)

    if rules.structural.get("repeated_lead"):
        kept = _drop_repeated_leads(kept, remove)

    text_parts: list[str] = []
    offset_parts: list[np.ndarray] = []
    for i, line in enumerate(kept):
        if i:
            sep = int(kept[i - 1].offsets[-1]) + 1
            text_parts.append("\n\n")
            offset_parts.append(np.array([sep, sep], dtype=np.int64))
        text_parts.append(line.text)
        offset_parts.append(line.offsets)
    text = "".join(text_parts)
    text_offsets = np.concatenate(offset_parts) if offset_parts else np.zeros(0, dtype=np.int64)
    # a separator may point past the end of raw when the file has no final newline
    np.minimum(text_offsets, max(len(raw) - 1, 0), out=text_offsets)

    dateline = None
    if text:
        m = _DATELINE.match(text)
        if m and len(m.group("place").split()) <= 4:
            dateline = m.group("place").strip()

    return Article(
        doc_id=rec["doc_id"], title=title, text=text, raw=raw, offsets=text_offsets,
        path=rec.get("path"), url=meta.get("url"),
        source=meta.get("source") or found["source"],
        author=meta.get("author") or found["author"],
        date=(parse_date(meta["date"]) or meta["date"]) if meta.get("date") else found["date"],
        dateline=dateline, title_start=title_span[0], title_end=title_span[1],
        removals=sorted(removals, key=lambda r: (r["start"], r["end"])),
    )


def _first_sentence(text: str, limit: int = 120) -> str:
    """A stand-in title for an article with no headline line: its first sentence, shortened."""
    m = re.match(r"(.+?[.!?])(\s|$)", text)
    sentence = m.group(1) if m else text
    return sentence if len(sentence) <= limit else sentence[:limit].rsplit(" ", 1)[0] + " …"


def _prefix_end(text: str, title: str) -> int | None:
    """Length of the prefix of ``text`` that spells ``title`` (ignoring punctuation/space), or None."""
    target = _norm(title).replace(" ", "")
    got = ""
    for i, ch in enumerate(text):
        if ch.isalnum() or ch == "_":
            got += ch.lower()
        if got == target:
            return i + 1
        if not target.startswith(got):
            return None
    return None


def _drop_repeated_leads(kept: list[_Line], remove) -> list[_Line]:
    """Drop a paragraph that reappears verbatim as the start of a later paragraph (a standfirst/teaser)."""
    out = []
    for i, line in enumerate(kept):
        key = _norm(line.text)
        if len(key) >= 40 and any(_norm(later.text).startswith(key) for later in kept[i + 1:]):
            remove(line, "repeated_lead")
            continue
        out.append(line)
    return out
