"""The Dask path: the per-article pass and the reused passages on a ``distributed`` cluster.

``python -m analysis report --scheduler tcp://HOST:8786`` (or ``ANALYSIS_SCHEDULER``) sends each chunk
of articles to a worker as one task (:func:`analysis.batch.articles.article_rows`). A worker keeps
nothing between tasks but its loaded pipeline and its own parse cache; what it returns is one Parquet
partition per table and the chunk's DocBin (so the client's parse cache holds every Doc for the
entity resolution, which needs them all in one process). The client writes the partitions under
``<cache dir>/batch/<corpus fingerprint>/<table>/part-NNNNN.parquet`` and reads the rows back from
them, so the tables are the same as a local run's. The overlap passages (candidate pairs and their
alignment) run as one task and are stored in the table cache by the client.

Workers need the same code, ``data/`` and pipeline as the client (the same checkout and ``make
install``); their cache folder is their own (``ANALYSIS_CACHE_DIR``).
"""
from __future__ import annotations

from pathlib import Path

from .. import cache, config, nlp, overlap
from ..corpus import Article, Corpus, corpus_fingerprint
from ..overlap.passages import find_passages
from . import articles as per_article


def _client(address: str):
    from distributed import Client
    return Client(address, set_as_default=False)


def chunk_task(chunk: list[Article]) -> dict[str, bytes]:
    """What a worker runs: ``{table: Parquet bytes}`` of the chunk's rows, plus ``docbin``: its Docs."""
    rows = per_article.article_rows(chunk, docbin=True)
    return {name: (rows[name] if name == "docbin" else per_article.to_parquet(rows[name])) for name in rows}


def _partition_dir(corpus_key: str) -> Path:
    return config.cache_dir() / "batch" / corpus_key


def _store_docs(chunk: list[Article], data: bytes) -> None:
    """The worker's parses of ``chunk`` into this machine's parse cache (as if parsed here)."""
    from spacy.tokens import DocBin
    pipeline = nlp.load_pipeline()
    key = nlp.pipeline_key(pipeline)
    for article, doc in zip(chunk, DocBin().from_bytes(data).get_docs(pipeline.vocab)):
        path = nlp.cache_path(article, key)
        if not path.exists():
            nlp.docs.save_doc(doc, path)


def article_results(address: str, chunks: list[list[Article]]) -> list[dict[str, list[dict]]]:
    """The rows of every chunk computed on the cluster at ``address``, read back from their Parquet partitions."""
    corpus_key = corpus_fingerprint([a for chunk in chunks for a in chunk])[:16]
    folder = _partition_dir(corpus_key)
    client = _client(address)
    try:
        futures = client.map(chunk_task, chunks, pure=False)
        for number, (chunk, future) in enumerate(zip(chunks, futures)):
            result = future.result()
            _store_docs(chunk, result.pop("docbin"))
            for name, data in result.items():
                part = folder / name / f"part-{number:05d}.parquet"
                part.parent.mkdir(parents=True, exist_ok=True)
                part.write_bytes(data)
            future.release()
    finally:
        client.close()
    return [{name: per_article.from_parquet(folder / name / f"part-{number:05d}.parquet")
             for name in per_article.TABLES} for number in range(len(chunks))]


def _passages_task(corpus: Corpus):
    """What a worker runs for the passages: candidate pairs and their alignment (:func:`overlap.passages.find_passages`)."""
    return find_passages(list(corpus), overlap.DEFAULTS, None, None)


def store_passages(address: str, corpus: Corpus) -> None:
    """Find the reused passages of ``corpus`` on the cluster and store them as :func:`analysis.overlap.passages` would."""
    client = _client(address)
    try:
        found = client.submit(_passages_task, corpus, pure=False).result()
    finally:
        client.close()
    with cache.provide("overlap.passages", found):
        overlap.passages(corpus)
