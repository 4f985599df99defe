"""Load a folder (or one .txt/.html article, or a .jsonl/.csv file) of news articles into a :class:`Corpus`.

Open ``model.py`` for Article/Corpus and their tables, ``readers.py`` for the file formats,
``files.py`` for walking folders (hidden files, FIFOs, links: what is skipped and why), safe reading
and decoding (UTF-8, UTF-16/32 with a BOM, NUL bytes, lone CRs), ``html.py`` for HTML pages,
``cleaning.py`` for the boilerplate rules and cuts, ``metadata.py`` for headline, byline, date, source
and dateline, ``load.py`` for :func:`load_corpus`, which puts them together.
See ``model.py`` for what each article holds.
"""
from .cleaning import Rules, build_article
from .load import load_corpus
from .metadata import TITLE_MAX_CHARS, parse_date
from .model import Article, Corpus, CorpusError, corpus_fingerprint
from .html import html_to_text
from .readers import HTML_SUFFIXES, MAX_BYTES, TEXT_SUFFIXES, decode_bytes

__all__ = ["Article", "Corpus", "CorpusError", "HTML_SUFFIXES", "MAX_BYTES", "Rules", "TEXT_SUFFIXES",
           "TITLE_MAX_CHARS", "build_article", "corpus_fingerprint", "decode_bytes", "html_to_text",
           "load_corpus", "parse_date"]
