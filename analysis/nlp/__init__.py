"""spaCy annotation of a corpus: the pipeline, and its parses cached on disk.

Open ``pipeline.py`` for which pipeline is loaded (``ANALYSIS_SPACY_MODEL``), its EntityRuler
patterns and its cache key; ``docs.py`` for :func:`iter_docs` (``(article, doc)`` pairs through the
DocBin cache; long texts parsed in pieces and joined back exactly), :func:`annotate` and
:func:`sentence_counts`; ``prune.py`` for :func:`prune_cache` (``python -m analysis cache prune``).
"""
from ..config import MODEL_ENV, ModelNotFound, model_name, model_version
from .docs import BATCH_CHARS, BATCH_SIZE, PIECE_CHARS, annotate, cache_path, doc_ents, doc_text, iter_docs, parse, \
    piece_bounds, sentence_counts
from .pipeline import PATTERNS_FILE, load_pipeline, patterns_path, pipeline_info, pipeline_key
from .prune import PRUNE_DAYS, prune_cache, stale_entries

__all__ = ["BATCH_CHARS", "BATCH_SIZE", "MODEL_ENV", "ModelNotFound", "PATTERNS_FILE", "PIECE_CHARS", "PRUNE_DAYS",
           "annotate", "cache_path", "iter_docs", "load_pipeline", "model_name", "model_version", "parse",
           "patterns_path", "piece_bounds", "pipeline_info", "pipeline_key", "prune_cache", "sentence_counts",
           "stale_entries"]
