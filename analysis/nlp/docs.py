"""Parsed spaCy Docs for a corpus, streamed in corpus order through an on-disk DocBin cache.

Each Doc is parsed from ``article.text`` once and cached as a DocBin file under
``<cache dir>/docs/<pipeline key>/<text sha1>.spacy``; the pipeline key holds the
pipeline name and version, the spaCy version and the patterns' hash, so a rerun
parses nothing and a change to any key re-parses just what changed.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .. import cache, config
from ..corpus import Article, Corpus, corpus_fingerprint
from .pipeline import load_pipeline, pipeline_key

#: Articles handed to ``nlp.pipe`` at a time.
BATCH_SIZE = 64

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def cache_path(article: Article, key: str, cache_root: Path | None = None) -> Path:
    """Where the parse of ``article`` by the pipeline with ``key`` is cached."""
    return (cache_root or config.cache_dir()) / "docs" / key / f"{article.text_hash}.spacy"


def _save(doc: Doc, path: Path) -> None:
    from spacy.tokens import DocBin
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    DocBin(docs=[doc], store_user_data=False).to_disk(tmp)
    tmp.replace(path)


def _read(path: Path, nlp: Language) -> Doc | None:
    from spacy.tokens import DocBin
    try:
        return next(DocBin().from_disk(path).get_docs(nlp.vocab))
    except Exception:  # a corrupt or truncated cache file is re-parsed
        return None


def iter_docs(corpus: Corpus | list[Article], nlp: Language | None = None, *,
              batch_size: int = BATCH_SIZE, use_cache: bool = True,
              stats: dict | None = None) -> Iterator[tuple[Article, Doc]]:
    """Stream ``(article, doc)`` pairs in corpus order, parsing only what the cache lacks.

    Nothing is held beyond the current batch, so memory stays flat as the corpus
    grows. ``stats`` (a dict), when given, receives ``parsed`` and ``cached`` counts.
    Doc character offsets are offsets into ``article.text``; ``article.raw_span``
    turns them into offsets into the original file.
    """
    nlp = nlp or load_pipeline()
    articles = list(corpus)
    key = pipeline_key(nlp)
    cached_docs: dict[int, Path] = {}
    misses: list[int] = []
    for i, article in enumerate(articles):
        path = cache_path(article, key)
        if use_cache and path.exists():
            cached_docs[i] = path
        else:
            misses.append(i)
    counts = {"parsed": 0, "cached": 0}
    parsed = nlp.pipe(((articles[i].text, i) for i in misses), as_tuples=True, batch_size=batch_size)
    for i, article in enumerate(articles):
        doc = _read(cached_docs[i], nlp) if i in cached_docs else None
        if doc is not None and doc.text == article.text:
            counts["cached"] += 1
        else:
            if i in cached_docs:  # unreadable cache entry: parse it now
                doc = nlp(article.text)
            else:
                doc, j = next(parsed)
                assert j == i
            counts["parsed"] += 1
            if use_cache:
                _save(doc, cache_path(article, key))
        yield article, doc
    if stats is not None:
        stats.update(counts)


def annotate(corpus: Corpus, nlp: Language | None = None) -> dict:
    """Parse every article that is not cached yet; returns ``{"parsed": n, "cached": m}``."""
    stats: dict = {}
    for _ in iter_docs(corpus, nlp, stats=stats):
        pass
    return stats


def sentence_counts(corpus: Corpus, nlp: Language | None = None) -> dict[str, int]:
    """``{doc_id: number of sentences}`` from the parser's sentence boundaries.

    With the default pipeline the result is memoised (see :mod:`analysis.cache`).
    Pass it to ``corpus.to_frame(sentences=...)`` for the overview's ``sentences`` column.
    """
    def count(articles):
        return {article.doc_id: sum(1 for _ in doc.sents) for article, doc in iter_docs(articles, nlp)}
    if nlp is not None:
        return count(corpus)
    articles = list(corpus)
    return cache.memo("nlp.sentence_counts", corpus_fingerprint(articles), lambda: count(articles))
