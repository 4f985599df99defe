"""Parsed spaCy Docs for a corpus, streamed in corpus order through an on-disk DocBin cache.

Each Doc is parsed from ``article.text`` once and cached as a DocBin file under
``<cache dir>/docs/<pipeline key>/<text sha1>.spacy``; the pipeline key holds the
pipeline name and version, the spaCy version and the patterns' hash, so a rerun
parses nothing and a change to any key re-parses just what changed.

A text longer than :data:`PIECE_CHARS` is parsed in pieces cut at paragraph breaks (else at a
line break, a sentence end or a space; see :func:`piece_bounds`), and the pieces are joined
back into one Doc whose text is ``article.text`` character for character, so every offset
stays exact and no text is ever longer than spaCy's ``max_length``. Pieces go through the
pipeline in batches of at most :data:`BATCH_CHARS` characters, so memory is bounded by the
batch, not by the article. A cache folder that cannot be written costs speed, not the run:
one warning on stderr per folder and process, and the parses are kept in memory only.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from .. import cache, config
from ..corpus import Article, Corpus, corpus_fingerprint
from .pipeline import load_pipeline, pipeline_key

#: Articles (or pieces of a long article) handed to ``nlp.pipe`` at a time.
BATCH_SIZE = 64
#: Texts (or pieces) per batch sent to each of spaCy's worker processes when parsing on several cores.
PARALLEL_BATCH_SIZE = 8
#: Longest text parsed in one go; a longer article is parsed in pieces of at most this many characters.
PIECE_CHARS = 100_000
#: Most characters handed to ``nlp.pipe`` in one batch (a single longer text goes alone). The parse's
#: peak memory grows with it: about 400 MB over the loaded pipeline for 100,000 characters with
#: en_core_web_sm (``benchmarks/long_article.py``).
BATCH_CHARS = 100_000
#: Where a long text may be cut, best first: after a blank line, a line break, a sentence end, any space.
#: A piece is cut at the last such place in its second half; with none there, at :data:`PIECE_CHARS`.
CUT_PATTERNS = (re.compile(r"\n[^\S\n]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"'”’)\]]*\s+"),
                re.compile(r"\s+"))

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_UNWRITABLE: set[str] = set()  # cache folders found read-only in this process (warned once each)


def cache_path(article: Article, key: str, cache_root: Path | None = None) -> Path:
    """Where the parse of ``article`` by the pipeline with ``key`` is cached."""
    return (cache_root or config.cache_dir()) / "docs" / key / f"{article.text_hash}.spacy"


def piece_bounds(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """``[(start, end), ...]``: consecutive spans covering ``text``, none longer than ``limit``.

    ``limit`` defaults to :data:`PIECE_CHARS`. A short text is one span. Each cut falls at the
    end of the last paragraph break in the second half of the span, else of a line break, a
    sentence end or a run of spaces (:data:`CUT_PATTERNS`); a span with none of these is cut at
    ``limit`` characters.
    """
    limit = limit or PIECE_CHARS
    bounds, start = [], 0
    while len(text) - start > limit:
        end = start + limit
        for pattern in CUT_PATTERNS:
            cuts = [m.end() for m in pattern.finditer(text, start + limit // 2, end)]
            if cuts and cuts[-1] <= end:
                end = cuts[-1]
                break
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def parse(text: str, nlp: Language | None = None) -> Doc:
    """The Doc of ``text``, parsed in pieces when it is longer than :data:`PIECE_CHARS` (``doc.text == text``)."""
    nlp = nlp or load_pipeline()
    pieces = [(text[s:e], 0) for s, e in piece_bounds(text)]
    return _join([doc for doc, _ in _pipe(nlp, pieces, BATCH_SIZE)])


def _join(pieces: list[Doc]) -> Doc:
    """One Doc from the parsed pieces of a text, its text their exact concatenation."""
    if len(pieces) == 1:
        return pieces[0]
    from spacy.tokens import Doc
    return Doc.from_docs(pieces, ensure_whitespace=False)


def _batches(items: Iterable[tuple[str, int]], size: int, chars: int) -> Iterator[list[tuple[str, int]]]:
    """``items`` in lists of at most ``size`` items and (unless one item is longer) ``chars`` characters."""
    batch: list[tuple[str, int]] = []
    total = 0
    for item in items:
        if batch and (len(batch) >= size or total + len(item[0]) > chars):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += len(item[0])
    if batch:
        yield batch


def _pipe(nlp: Language, items: Iterable[tuple[str, int]], batch_size: int,
          n_process: int = 1) -> Iterator[tuple[Doc, int]]:
    """``(doc, tag)`` for each ``(text, tag)`` of ``items``, in order, parsed in bounded batches.

    ``n_process > 1`` hands the whole stream to ``nlp.pipe(n_process=...)`` once (spaCy's worker
    processes, each with the pipeline; small batches keep each worker's memory bounded).
    """
    if n_process > 1:
        yield from nlp.pipe(items, as_tuples=True, batch_size=PARALLEL_BATCH_SIZE, n_process=n_process)
        return
    for batch in _batches(items, batch_size, BATCH_CHARS):
        yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))


def save_doc(doc: Doc, path: Path) -> None:
    """Store ``doc`` at ``path``; a folder that cannot be written is warned about once and then skipped."""
    folder = str(path.parent.parent.parent)
    if folder in _UNWRITABLE:
        return
    from spacy.tokens import DocBin
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=[doc], store_user_data=False).to_disk(tmp)
        tmp.replace(path)
    except OSError as error:
        _UNWRITABLE.add(folder)
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        print(f"warning: the parse cache in {folder} cannot be written ({error.strerror or error}); "
              "parses are not saved in this run", file=sys.stderr)


def _read(path: Path, nlp: Language) -> Doc | None:
    from spacy.tokens import DocBin
    try:
        doc = next(DocBin().from_disk(path).get_docs(nlp.vocab))
    except Exception:  # a corrupt or truncated cache file is re-parsed
        return None
    try:
        os.utime(path)  # last used, for `python -m analysis cache prune`
    except OSError:
        pass
    return doc


def _pieces(articles: list[Article], misses: list[int]) -> Iterator[tuple[str, int]]:
    """``(piece text, article index)`` for every piece of every article to parse, in order."""
    for i in misses:
        text = articles[i].text
        for start, end in piece_bounds(text):
            yield text[start:end], i


#: ``Doc.user_data`` key under which :func:`doc_text` keeps a Doc's text.
TEXT_KEY = "analysis.text"
#: ``Doc.user_data`` key under which :func:`doc_ents` keeps a Doc's entities.
ENTS_KEY = "analysis.ents"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc and kept in ``doc.user_data``.

    spaCy rebuilds ``doc.text`` from every token on each access; code that reads it once per
    cue or sentence became quadratic in an article's length (minutes for a long transcript).
    A Doc's text never changes, so the kept copy is always right.
    """
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def doc_ents(doc: Doc) -> tuple:
    """``doc.ents`` as a tuple, built once per Doc (spaCy builds a new list on every access).

    Only for Docs whose entities are no longer set: the workbook never changes them after parsing.
    """
    ents = doc.user_data.get(ENTS_KEY)
    if ents is None:
        ents = doc.user_data[ENTS_KEY] = tuple(doc.ents)
    return ents


def iter_docs(corpus: Corpus | list[Article], nlp: Language | None = None, *,
              batch_size: int = BATCH_SIZE, use_cache: bool = True,
              stats: dict | None = None, n_process: int = 1) -> Iterator[tuple[Article, Doc]]:
    """Stream ``(article, doc)`` pairs in corpus order, parsing only what the cache lacks.

    Nothing is held beyond the current batch, so memory stays flat as the corpus
    grows. ``stats`` (a dict), when given, receives ``parsed`` and ``cached`` counts.
    Doc character offsets are offsets into ``article.text`` (``doc.text == article.text``,
    long articles included); ``article.raw_span`` turns them into offsets into the original file.
    ``n_process > 1`` parses the uncached articles on that many processes (the same Docs).
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
    parsed = _pipe(nlp, _pieces(articles, misses), batch_size, n_process if len(misses) > 1 else 1)
    for i, article in enumerate(articles):
        doc = _read(cached_docs[i], nlp) if i in cached_docs else None
        if doc is not None and doc.text == article.text:
            counts["cached"] += 1
        else:
            if i in cached_docs:  # unreadable cache entry: parse it now
                doc = parse(article.text, nlp)
            else:
                doc = _join([_next_piece(parsed, i) for _ in piece_bounds(article.text)])
            counts["parsed"] += 1
            if use_cache:
                save_doc(doc, cache_path(article, key))
        yield article, doc
    if stats is not None:
        stats.update(counts)


def _next_piece(parsed: Iterator[tuple[Doc, int]], i: int) -> Doc:
    doc, j = next(parsed)
    assert j == i
    return doc


def annotate(corpus: Corpus, nlp: Language | None = None, n_process: int = 1) -> dict:
    """Parse every article that is not cached yet (on ``n_process`` processes); returns ``{"parsed": n, "cached": m}``."""
    stats: dict = {}
    for _ in iter_docs(corpus, nlp, stats=stats, n_process=n_process):
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
