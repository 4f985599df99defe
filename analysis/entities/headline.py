"""The headline as content: an article's headline parsed with its body, mentions flagged ``in_headline``.

The corpus loader keeps a headline line and bylines out of ``article.text`` (metadata there), so spaCy
never reads them. The entity layer reads them: :func:`with_headline` returns a copy of the article whose text is
the headline, the bylines and the body (blank lines between), with an offset map that sends headline characters to the
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


def front_spans(article: Article) -> list[tuple[int, int]]:
    """Raw spans of the article's front matter kept out of its body: the headline line, then the bylines
    the loader cut (``removals`` of rule ``byline``), in file order."""
    spans = [span] if (span := headline_span(article)) else []
    for cut in article.removals:
        if cut.get("rule") == "byline" and article.raw[cut["start"]:cut["end"]].strip():
            spans.append((int(cut["start"]), int(cut["end"])))
    return sorted(set(spans))


def with_headline(article: Article) -> tuple[Article, int, int]:
    """``(article with its front matter in front of its text, characters before the body, characters of
    the headline)``: the headline and the bylines, each followed by a blank line (:func:`front_spans`).

    ``(article, 0, 0)`` when there is none (a record's title field, a file that opens with a paragraph).
    """
    spans = front_spans(article)
    if not spans:
        return article, 0, 0
    parts, maps = [], []
    for start, end in spans:
        parts.append(article.raw[start:end] + SEPARATOR)
        maps.append(np.arange(start, end, dtype=np.int64))
        maps.append(np.full(len(SEPARATOR), end - 1, dtype=np.int64))
    head = "".join(parts)
    offsets = np.concatenate(maps + [np.asarray(article.offsets, dtype=np.int64)])
    headline = headline_span(article)
    head_chars = headline[1] - headline[0] + len(SEPARATOR) if headline and spans[0] == headline else 0
    return dataclasses.replace(article, text=head + article.text, offsets=offsets), len(head), head_chars


def headed_docs(corpus, nlp) -> Iterator[tuple[Article, object]]:
    """``(article with its headline, Doc of headline and body)`` for each article of ``corpus``, in order.

    The body's Doc is the cached parse of ``article.text``; the headline is parsed on its own (in
    batches) and put in front with ``Doc.from_docs``, so ``doc.text == headed_article.text``.
    """
    from spacy.tokens import Doc
    articles = list(corpus)
    headed = [with_headline(a) for a in articles]
    titles = [h.text[:n] for h, n, _ in headed if n]
    parsed = iter(nlp.pipe(titles)) if titles else iter(())
    for (article, doc), (head_article, n, _) in zip(nlp_mod.iter_docs(articles, nlp), headed):
        if n:
            doc = Doc.from_docs([next(parsed), doc], ensure_whitespace=False, exclude=["tensor", "user_data"])
        yield head_article, doc
