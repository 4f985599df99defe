"""spaCy annotation of a corpus: the pipeline, and its parses cached on disk.

Open ``pipeline.py`` for which pipeline is loaded (``ANALYSIS_SPACY_MODEL``), its EntityRuler
patterns and its cache key; ``docs.py`` for :func:`iter_docs` (``(article, doc)`` pairs through the
DocBin cache), :func:`annotate` and :func:`sentence_counts`.
"""
from ..config import MODEL_ENV, ModelNotFound, model_name, model_version
from .docs import BATCH_SIZE, annotate, cache_path, iter_docs, sentence_counts
from .pipeline import PATTERNS_FILE, load_pipeline, patterns_path, pipeline_info, pipeline_key

__all__ = ["BATCH_SIZE", "MODEL_ENV", "ModelNotFound", "PATTERNS_FILE", "annotate", "cache_path", "iter_docs",
           "load_pipeline", "model_name", "model_version", "patterns_path", "pipeline_info", "pipeline_key",
           "sentence_counts"]
