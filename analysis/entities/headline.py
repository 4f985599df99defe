"""The headline as content: an article's headline parsed with its body, mentions flagged ``in_headline``.

The corpus loader keeps a headline line out of ``article.text`` (it is metadata there), so spaCy never
reads it. The entity layer reads it: :func:`with_headline` returns a copy of the article whose text is
the headline, a blank line and the body, with an offset map that sends headline characters to the
headline line of the original file, so every mention still carries offsets into ``article.raw``.
:func:`headed_docs` parses the headlines (the bodies come from the shared parse cache) and joins
each to its body's Doc, the headline its own sentence.
"""
from __future__ import annotations

import dataclasses
from typing import Iterator

import numpy as np

from .. import nlp as nlp_mod
from ..corpus import Article

#: Text put between the headline and the body (a paragraph break: spaCy starts a new sentence).
SEPARATOR = "\n\n"


def headline_span(article: Article) -> tuple[int, int] | None:
    """Raw ``(start, end)`` of the article's headline when it is a line of the file kept out of the body."""
    start, end = article.title_start, article.title_end
    if start is None or end is None or not article.title:
        return None
    raw = article.raw[start:end]
    at = raw.find(article.title)
    if at < 0:
        return None  # the title was rewritten (decoded markup): its characters cannot be mapped
    return start + at, start + at + len(article.title)


def with_headline(article: Article) -> tuple[Article, int]:
    """``(article with the headline in front of its text, number of characters before the body)``.

    ``(article, 0)`` when the headline is not a separate line of the file (a record's title field, or
    a file that opens with a paragraph).
    """
    span = headline_span(article)
    if span is None:
        return article, 0
    start, end = span
    head = article.raw[start:end] + SEPARATOR
    offsets = np.concatenate([np.arange(start, end, dtype=article.offsets.dtype if len(article.offsets) else np.int64),
                              np.full(len(SEPARATOR), end - 1, dtype=np.int64), article.offsets]).astype(np.int64)
    return dataclasses.replace(article, text=head + article.text, offsets=offsets), len(head)


def headed_docs(corpus, nlp) -> Iterator[tuple[Article, object]]:
    """``(article with its headline, Doc of headline and body)`` for each article of ``corpus``, in order.

    The body's Doc is the cached parse of ``article.text``; the headline is parsed on its own (in
    batches) and put in front with ``Doc.from_docs``, so ``doc.text == headed_article.text``.
    """
    from spacy.tokens import Doc
    articles = list(corpus)
    headed = [with_headline(a) for a in articles]
    titles = [h.text[:n] for h, n in headed if n]
    parsed = iter(nlp.pipe(titles)) if titles else iter(())
    for (article, doc), (head_article, n) in zip(nlp_mod.iter_docs(articles, nlp), headed):
        if n:
            doc = Doc.from_docs([next(parsed), doc], ensure_whitespace=False, exclude=["tensor", "user_data"])
        yield head_article, doc
