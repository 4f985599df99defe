"""The corpus data model: :class:`Article`, :class:`Corpus` and the tables a corpus gives.

An :class:`Article` keeps its original file text (``raw``), its cleaned ``text`` and
the map between them; a :class:`Corpus` is the articles in ``doc_id`` order plus the
files that were refused. :func:`corpus_fingerprint` identifies a corpus's content
the same way in every process (the key of every memo and cache).

What comes back for each article (:class:`Article`):

* ``doc_id`` – the file stem (or the record's ``id``);
* ``raw`` – the file's text exactly as decoded (the evidence every offset points into):
  UTF-8, or UTF-16/UTF-32 when the file starts with their byte-order mark; a BOM stays
  as U+FEFF and offsets count characters of this text, never bytes. A lone CR (old Mac
  line ending) is a line break and a NUL is dropped from ``text``, but both stay in ``raw``;
* ``title`` – the first non-empty line (or the record's ``title``);
* ``text`` – the cleaned body: one paragraph per non-empty line, joined by a blank
  line, scraper boilerplate removed, odd spaces (no-break, thin) turned into plain
  spaces one for one;
* metadata found in the text: ``author`` (byline), ``date`` (ISO ``YYYY-MM-DD``
  from a date line), ``source`` (credited wire, "Source: AFP"), ``dateline``
  ("Geneva –");
* an offset map: ``article.to_raw(i)`` / ``article.raw_span(start, end)`` turn a
  position in ``text`` into a position in ``raw``.

Nothing is dropped silently: every boilerplate cut is in :meth:`Corpus.removals`
(doc, raw offsets, rule, text) and every refused file is in
:meth:`Corpus.rejected_frame` with its reason. The rules are editable data in
``data/boilerplate.yaml``.
"""
from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from typing import Iterator, Mapping

import numpy as np
import pandas as pd

_WORD = re.compile(r"\w+(?:['’]\w+)*")
#: An HTML character reference in the original file (``&rdquo;``, ``&#8221;``, ``&#x201D;``).
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

#: Columns of :meth:`Corpus.to_frame` (``sentences`` goes after ``words`` when counts are given).
OVERVIEW_COLUMNS = ["doc_id", "title", "source", "author", "date", "dateline", "url", "chars", "words",
                    "paragraphs", "boilerplate_removed", "boilerplate_chars", "path"]
#: Columns of :meth:`Corpus.removals`.
REMOVAL_COLUMNS = ["doc_id", "start", "end", "rule", "text"]
#: Columns of :meth:`Corpus.rejected_frame`.
REJECTED_COLUMNS = ["path", "doc_id", "reason", "detail"]


class CorpusError(ValueError):
    """The corpus path cannot be read at all (missing, empty, wrong kind)."""


@dataclass
class Article:
    """One article: cleaned ``text``, original ``raw`` and the map between them."""

    doc_id: str
    title: str
    text: str
    raw: str
    offsets: np.ndarray = field(repr=False)
    path: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    date: str | None = None
    dateline: str | None = None
    title_start: int | None = None
    title_end: int | None = None
    removals: list[dict] = field(default_factory=list, repr=False)

    def to_raw(self, i: int) -> int:
        """Position in ``raw`` of character ``i`` of ``text`` (``len(text)`` maps to the end of the last one)."""
        if i >= len(self.text):
            return int(self.offsets[-1]) + 1 if len(self.offsets) else 0
        return int(self.offsets[i])

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``(start, end)`` of the text span ``text[start:end]``, end exclusive."""
        if end <= start:
            pos = self.to_raw(start)
            return pos, pos
        return int(self.offsets[start]), self._raw_end(end - 1)

    def _raw_end(self, last: int) -> int:
        """Raw position just after the text character ``last``: after its whole entity when an HTML
        character reference was decoded into it (``&rdquo;`` gives one text character)."""
        pos = int(self.offsets[last])
        entity = _ENTITY.match(self.raw, pos)
        if entity is None or html.unescape(entity.group()) != self.text[last]:
            return pos + 1
        following = int(self.offsets[last + 1]) if last + 1 < len(self.text) else len(self.raw)
        return entity.end() if following >= entity.end() else pos + 1

    @property
    def text_hash(self) -> str:
        """sha1 of the cleaned text: the annotation cache key."""
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()

    @property
    def words(self) -> int:
        """Number of words in the cleaned text (runs of word characters, apostrophes inside)."""
        return len(_WORD.findall(self.text))


@dataclass
class Corpus:
    """Articles (sorted by ``doc_id``) plus the files that were refused."""

    articles: list[Article]
    rejected: list[dict]
    path: str

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)

    def __getitem__(self, doc_id: str) -> Article:
        for article in self.articles:
            if article.doc_id == doc_id:
                return article
        raise KeyError(doc_id)

    @property
    def doc_ids(self) -> list[str]:
        """The articles' ids, in corpus order."""
        return [a.doc_id for a in self.articles]

    def to_frame(self, sentences: Mapping[str, int] | None = None) -> pd.DataFrame:
        """Overview table, one row per article, sorted by ``doc_id``.

        Columns: ``doc_id, title, source, author, date, dateline, url, chars,
        words, paragraphs, boilerplate_removed, boilerplate_chars, path``. Given
        ``sentences`` (``{doc_id: count}``, e.g. ``nlp.sentence_counts(corpus)``), a
        ``sentences`` column follows ``words`` (0 for an article not in the mapping).
        """
        if isinstance(sentences, bool):
            raise TypeError("to_frame(sentences=...) takes the counts: "
                            "corpus.to_frame(sentences=nlp.sentence_counts(corpus))")
        frame = pd.DataFrame([_overview_row(a) for a in self.articles], columns=OVERVIEW_COLUMNS)
        if sentences is not None:
            frame.insert(frame.columns.get_loc("words") + 1, "sentences",
                         frame["doc_id"].map(sentences).fillna(0).astype(int))
        return frame.sort_values("doc_id", kind="stable").reset_index(drop=True)

    def removals(self) -> pd.DataFrame:
        """Every boilerplate cut: ``doc_id, start, end, rule, text`` (raw offsets), sorted."""
        rows = [dict(doc_id=a.doc_id, **r) for a in self.articles for r in a.removals]
        frame = pd.DataFrame(rows, columns=REMOVAL_COLUMNS)
        return frame.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)

    def rejected_frame(self) -> pd.DataFrame:
        """Refused files and skipped entries: ``path, doc_id, reason, detail``, sorted by path.

        Reasons are listed in :func:`~analysis.corpus.load.load_corpus` (``empty``,
        ``binary``, ``undecodable``, ``too_large``, ``unsupported``, ``unreadable``,
        ``duplicate``, ``hidden``, ``special_file``, ``symlink_outside``,
        ``symlink_loop``, ``broken_link``, ``invalid_json``, ``no_text_field``).
        """
        frame = pd.DataFrame(self.rejected, columns=REJECTED_COLUMNS)
        return frame.sort_values(["path", "doc_id"], kind="stable").reset_index(drop=True)


def _overview_row(a: Article) -> dict:
    """One row of :meth:`Corpus.to_frame` (without ``sentences``)."""
    return {
        "doc_id": a.doc_id, "title": a.title, "source": a.source, "author": a.author,
        "date": a.date, "dateline": a.dateline, "url": a.url,
        "chars": len(a.text), "words": a.words,
        "paragraphs": a.text.count("\n\n") + 1 if a.text else 0,
        "boilerplate_removed": len(a.removals),
        "boilerplate_chars": sum(r["end"] - r["start"] for r in a.removals),
        "path": a.path,
    }


def corpus_fingerprint(corpus) -> str:
    """sha1 identity of a corpus's content, the same in every process: for memos and caches.

    Covers each article's id, title, cleaned text, original file, path and metadata,
    in corpus order. Two loads of unchanged files give equal fingerprints; any change
    to an article (which may move offsets) gives a different one.
    """
    h = hashlib.sha1()
    for a in corpus:
        for part in (a.doc_id, a.title, a.text, a.raw, a.path, a.url, a.source, a.author, a.date, a.dateline,
                     a.title_start, a.title_end):
            h.update(b"\1" if part is None else str(part).encode("utf-8", "surrogatepass"))
            h.update(b"\0")
    return h.hexdigest()
