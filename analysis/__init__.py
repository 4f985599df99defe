"""News-analysis workbook helpers.

Load a corpus with :func:`analysis.corpus.load_corpus`, annotate it with
:mod:`analysis.nlp`, then ask the per-concern subpackages (``entities``,
``overlap``, ``claims``, ``sanctions``) for pandas tables; ``plots`` draws them,
``report`` and ``cli`` sit on top. Imports only point down those layers.
"""
from .corpus import Article, Corpus, CorpusError, load_corpus

__all__ = ["Article", "Corpus", "CorpusError", "load_corpus"]
__version__ = "0.1.0"
