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
from .readers import MAX_BYTES, read_records, reject

#: Rejected files named in the error raised when no article at all could be read.
ERROR_EXAMPLES = 5


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
    records, rejected = read_records(root, max_bytes)
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
        article = build_article(rec, rules)
        if not article.text.strip():
            rejected.append(reject(rec, "empty", "no article text left after removing the title and boilerplate"))
            continue
        key = _content_key(article.text)
        if key in seen_hashes:
            rejected.append(reject(rec, "duplicate", f"same text as {seen_hashes[key]}"))
            continue
        if article.doc_id in seen_ids:  # a.txt and a.html, or a repeated id in a .jsonl
            article.doc_id = _unique_id(article.doc_id, rec.get("path"), seen_ids)
        seen_hashes[key] = article.doc_id
        seen_ids.add(article.doc_id)
        articles.append(article)
    return articles


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
