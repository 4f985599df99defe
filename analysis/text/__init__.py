"""Text mechanics shared by every analysis, written once.

Open ``quotes.py`` for quotation-mark pairing (quoted segments of a paragraph, paragraphs of a text)
and ``markup.py`` for stray HTML in plain text (its spans, a text without it).
"""
from .markup import MARKUP, in_spans, markup_spans, strip_markup
from .quotes import Segment, paragraphs, quote_segments, quoted_spans

__all__ = ["MARKUP", "Segment", "in_spans", "markup_spans", "paragraphs", "quote_segments", "quoted_spans",
           "strip_markup"]
