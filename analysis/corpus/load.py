""":func:`load_corpus`: read a corpus path, clean every record, refuse empty and duplicate articles.

The steps live in their own modules: :mod:`~analysis.corpus.readers` (files to records),
:mod:`~analysis.corpus.cleaning` (a record to an article); this one puts them together
and gives repeated ids a unique suffix.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from .. import config
from .cleaning import Rules, build_article
from .model import Article, Corpus, CorpusError
from .files import nul_removals, structure_text
from .readers import MAX_BYTES, read_records, reject

#: Rejected files named in the error raised when no article at all could be read.
ERROR_EXAMPLES = 5


def load_corpus(path: str | Path | None = None, *, rules: Rules | None = None,
                max_bytes: int = MAX_BYTES, follow_links: bool = False) -> Corpus:
    """Read a corpus folder, one ``.txt``/``.html`` article, or a ``.jsonl``/``.csv`` file with a ``text`` column.

    ``path=None`` means ``data/raw``. Folders are read recursively; ``doc_id`` is the
    file's path below the folder without its extension (``001`` or ``business/001``).
    Links inside the folder that point outside it are read only with ``follow_links``.
    Raises :class:`CorpusError` naming the path when it is missing, not a folder or a
    regular file (a FIFO is never opened), or holds no article file. Everything inside
    it that is not read is listed in ``corpus.rejected`` with its reason and the rest
    loads. Reasons: ``empty``, ``binary``, ``undecodable``, ``too_large``,
    ``unsupported`` (file type), ``unreadable`` (permissions), ``duplicate`` (same text,
    or a link to a file or folder read anyway), ``hidden`` (name starting with a dot),
    ``special_file`` (FIFO, socket, device), ``symlink_outside``, ``symlink_loop``,
    ``broken_link``, and for .jsonl/.csv records ``invalid_json`` and ``no_text_field``.
    """
    root = config.resolve_corpus(path)
    rules = rules or Rules.load()
    records, rejected = read_records(root, max_bytes, follow_links)
    articles = _articles(records, rules, rejected)
    if not articles:
        reasons = "; ".join(f"{r['path']}: {r['reason']}" for r in rejected[:ERROR_EXAMPLES])
        raise CorpusError(f"No readable article in {root} ({reasons})")
    return Corpus(articles=articles, rejected=rejected, path=str(root))


def _articles(records: list[dict], rules: Rules, rejected: list[dict]) -> list[Article]:
    """The cleaned articles in ``doc_id`` order; empty and duplicate ones are appended to ``rejected``."""
    articles: list[Article] = []
    seen_hashes: dict[str, str] = {}
    seen_ids: set[str] = set()
    for rec in sorted(records, key=lambda r: (r["doc_id"], r.get("path") or "")):
        article = _build(rec, rules)
        if not article.text.strip():
            rejected.append(reject(rec, "empty", "no article text left after removing the title and boilerplate"))
            continue
        key = _content_key(article.text)
        if key in seen_hashes:
            rejected.append({**reject(rec, "duplicate", f"same text as {seen_hashes[key]}"),
                             "duplicate_of": seen_hashes[key], "title": article.title, "date": article.date,
                             "source": article.source})
            continue
        if article.doc_id in seen_ids:  # a.txt and a.html, or a repeated id in a .jsonl
            article.doc_id = _unique_id(article.doc_id, rec.get("path"), seen_ids)
        seen_hashes[key] = article.doc_id
        seen_ids.add(article.doc_id)
        articles.append(article)
    return articles


def _build(rec: dict, rules: Rules) -> Article:
    """:func:`build_article` on the record read for structure (lone CR a line break, NUL zero-width).

    The replacements are one character for one, so the article keeps the record's own
    ``raw`` and every offset still points into it; each NUL run is listed as a removal.
    """
    raw = rec["raw"]
    working = structure_text(raw)
    if working == raw:
        return build_article(rec, rules)
    article = build_article({**rec, "raw": working}, rules)
    article.raw = raw
    if "\x00" in raw:
        article.removals = sorted(article.removals + nul_removals(raw), key=lambda r: (r["start"], r["end"]))
    return article


def _unique_id(doc_id: str, path: str | None, seen: set[str]) -> str:
    """``doc_id`` with the file's extension (``top.txt``), else a number (``top_2``), not yet in ``seen``."""
    candidate = f"{doc_id}{Path(path).suffix}" if path else doc_id
    n = 2
    while candidate in seen:
        candidate, n = f"{doc_id}_{n}", n + 1
    return candidate


def _content_key(text: str) -> str:
    """Hash of the text with case and spacing ignored: equal keys are duplicate articles."""
    return hashlib.sha1(" ".join(text.lower().split()).encode("utf-8")).hexdigest()
