"""Reused passages: the per-pair extractor and :func:`passages`, the corpus table.

:func:`extract_passages` finds the passages two plain texts share (the pairwise analogue of a
per-Doc extractor); :func:`passages` does the same for every candidate pair of a corpus (with
the anchor runs of one article against all its partners computed in one compiled pass), with
offsets into the original files, memoised through :func:`analysis.cache.memo`. An alignment
becomes a passage only when it carries enough non-name content (:func:`_describe`): shared
entity titles and short shared quotations are not copying.

How passages are found
----------------------
1. Every article is tokenised with a fast regular expression into words with
   their character offsets. Each word gets a *key*: lower-cased, contractions
   expanded (``we're`` -> ``we are``), numbers normalised (``2,000`` -> ``2000``,
   ``two`` -> ``2``), irregular forms mapped (``told`` -> ``tell``) and a light
   suffix-stripping lemmatiser applied (``engaged`` -> ``engag``).
2. Copies first: articles that are copies of one text (same text, or near duplicates by
   MinHash over word shingles, verified exactly) form a copy cluster
   (:mod:`analysis.overlap.minhash`); a cluster of more than ``cluster_pairwise_max``
   articles is aligned member-to-representative only and counts once in the index's
   document-frequency cut, so a story republished by hundreds of outlets keeps its passages.
   Candidate pairs: on corpora of at most ``Settings.exhaustive_max_docs``
   articles every pair is aligned; past that, an inverted index of word shingles
   (keys mapped through the synonym lexicon) proposes pairs sharing a few shingles,
   and past ``lsh_min_docs`` articles MinHash LSH over windows of shingles.
3. For each pair, content-word *anchors* (same key, or related through the
   synonym lexicon ``data/synonyms.yaml``) are chained along near-diagonals, and
   each chain's box is aligned with Smith-Waterman. Exact matches, lexicon synonyms
   and fuzzy spellings score positively; an unknown substitution between anchors
   costs less than a gap, so a spinner's swaps do not break a passage.
4. An alignment is kept as a passage only if it carries enough *non-name
   content*: shared entity titles and short shared quotations are not copying
   (shared quotations are grouped by :func:`analysis.quotes.quote_groups`).

Offsets in every table are offsets into the original file (``article.raw``).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Iterator

import numpy as np
import pandas as pd

from .. import cache, config, lexicons
from ..corpus import Article, Corpus, corpus_fingerprint
from .align import Alignment, _boxes, AlignContext, _stack, align_boxes, boxes_for_partners
from .candidates import candidate_pairs, shingle_set
from .minhash import collapsed, find_groups, named
from .settings import DEFAULTS, Settings
from .tokens import LEXICON_FILE, Lexicon, Tokens, Vocab, load_lexicon, tokenize

PASSAGE_COLUMNS = ["doc_a", "a_start", "a_end", "doc_b", "b_start", "b_end", "text_a", "text_b",
                   "kind", "score", "substitutions"]
PASSAGE_EXTRA_COLUMNS = ["tokens_a", "tokens_b", "matched", "content_matched", "substituted", "in_quote",
                         "marks_a", "marks_b"]
#: symbols glued to a passage's first or last word that are taken into it (quotes, brackets, $, %, full stop)
GLUED_SYMBOLS = 3


def _describe(al: Alignment, ta: Tokens, tb: Tokens, settings: Settings) -> dict:
    """Acceptance tests and the passage's kind; ``{"rejected": reason}`` when the overlap is not reuse.

    Reasons: ``entity_title`` (the shared words are names, numbers and function
    words), ``short`` (too few content words or words), ``loose`` (too few of the
    aligned words match), ``quotation`` (a short shared quotation: a shared quote, for
    :func:`analysis.quotes.quote_groups`, not copying).
    """
    pairs = al.pairs
    content = [(i, j, how) for i, j, how in pairs if not ta.stop[i] and not tb.stop[j]]
    matched_content = [(i, j, how) for i, j, how in content if how != "sub"]
    nonname = [(i, j, how) for i, j, how in matched_content
               if not (ta.name[i] and tb.name[j]) and not (ta.number[i] and tb.number[j])]
    matched = [p for p in pairs if p[2] != "sub"]
    len_a, len_b = al.a1 - al.a0, al.b1 - al.b0
    long_copy = len(matched) >= settings.min_long_copy
    if len(matched_content) >= settings.min_content and len(nonname) < settings.min_nonname_content and not long_copy:
        return {"rejected": "entity_title"}
    if len(matched_content) < settings.min_content or min(len_a, len_b) < settings.min_tokens:
        return {"rejected": "entity_title" if len(nonname) <= 1 else "short"}
    if len(matched) / max(len_a, len_b) < settings.min_identity:
        return {"rejected": "loose"}
    substituted = [(i, j) for i, j, how in content
                   if how in ("sub", "synonym") and ta.surface[i] != tb.surface[j]]
    # quotation overlap: most of the matched meaning lies inside quotation marks on both sides
    quoted = sum(1 for i, j, _ in nonname if ta.quote[i] and tb.quote[j])
    in_quote = quoted >= settings.quote_share * len(nonname)
    spun = (len(substituted) >= settings.spun_min_substitutions
            and len(substituted) / max(1, len(content)) >= settings.spun_min_rate
            and any(how == "synonym" for _, _, how in content))
    if in_quote and len(nonname) < settings.min_quote_content and not spun and not long_copy:
        return {"rejected": "quotation"}
    exact = all(how == "exact" and ta.surface[i] == tb.surface[j] for i, j, how in pairs)
    if exact and len(pairs) == len_a == len_b:
        kind = "verbatim"
    elif spun:
        kind = "spun"
    else:
        kind = "near"
    return {"kind": kind, "matched": len(matched), "content_matched": len(matched_content),
            "substituted": len(substituted), "in_quote": in_quote, "tokens_a": len_a, "tokens_b": len_b,
            "substitution_pairs": substituted}


@dataclass
class _Text:
    """A plain text standing in for an :class:`~analysis.corpus.Article` (its raw text is the text itself)."""

    doc_id: str
    text: str

    @property
    def raw(self) -> str:
        return self.text

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return start, end


def extract_passages(text_a: str, text_b: str, settings: Settings = DEFAULTS, *,
                     lexicon: Lexicon | None = None, details: bool = False) -> pd.DataFrame:
    """Reused passages between two plain texts (the pairwise extractor under :func:`passages`).

    The columns of :func:`passages` (with ``details``, its extra columns), ``doc_a`` = ``"a"``,
    ``doc_b`` = ``"b"`` and offsets into ``text_a`` / ``text_b``; sorted by ``a_start, b_start``.
    """
    articles, streams, ctx = _prepare([_Text("a", text_a), _Text("b", text_b)], lexicon)
    boxes = boxes_for_partners(streams[0], [streams[1]], ctx, settings)[0]
    rows = _pair_rows(articles[0], articles[1], streams[0], streams[1], boxes, ctx, settings)
    return _passage_frame(rows, details)


def _prepare(corpus: Corpus | Iterable[Article], lexicon: Lexicon | None = None):
    """``(articles, token streams, alignment context)`` of a corpus, with one vocabulary for the run."""
    lexicon = lexicon or load_lexicon()
    vocab = Vocab()
    articles = list(corpus)
    word_cache: dict = {}
    streams = [tokenize(a, lexicon, vocab, word_cache) for a in articles]
    return articles, streams, AlignContext.build(lexicon, vocab)


def _pair_boxes(streams: list[Tokens], ctx: AlignContext, pairs: Iterable[tuple[int, int]],
                settings: Settings) -> Iterator[tuple[int, int, list]]:
    """``(x, y, boxes)`` for each pair in order; consecutive pairs sharing ``x`` are boxed together."""
    stacked = _stack(streams, ctx)
    pairs = list(pairs)
    start = 0
    while start < len(pairs):
        x = pairs[start][0]
        end = start
        while end < len(pairs) and pairs[end][0] == x:
            end += 1
        group = np.array([y for _, y in pairs[start:end]], dtype=np.int64)
        for y, boxes in zip(group.tolist(), _boxes(streams[x], stacked, group, ctx, settings)):
            yield x, y, boxes
        start = end


def _passages_from(articles: list[Article], streams: list[Tokens], ctx: AlignContext,
                   pairs: Iterable[tuple[int, int]], settings: Settings,
                   rejected: Counter | None = None) -> list[dict]:
    """Passage rows of the stream pairs ``pairs``; rejected alignments are counted into ``rejected``."""
    rows = []
    for x, y, boxes in _pair_boxes(streams, ctx, pairs, settings):
        rows += _pair_rows(articles[x], articles[y], streams[x], streams[y], boxes, ctx, settings, rejected)
    return rows


def _pair_rows(art_a: Article, art_b: Article, ta: Tokens, tb: Tokens, boxes: list, ctx: AlignContext,
               settings: Settings, rejected: Counter | None = None) -> list[dict]:
    """The passages of one pair of articles, aligned inside ``boxes`` (:func:`boxes_for_partners`)."""
    rows = []
    for al in align_boxes(ta, tb, boxes, ctx, settings):
        info = _describe(al, ta, tb, settings)
        if "rejected" in info:
            if rejected is not None:
                rejected[(art_a.doc_id, art_b.doc_id, info["rejected"])] += 1
            continue
        rows.append(_passage_row(al, info, art_a, art_b, ta, tb))
    return rows


def _passage_row(al: Alignment, info: dict, art_a: Article, art_b: Article, ta: Tokens, tb: Tokens) -> dict:
    """One row of :func:`passages` (plus the private ``_text_a/_text_b`` spans and ``_subs`` evidence)."""
    sa, ea = _widen(art_a.text, int(ta.start[al.a0]), int(ta.end[al.a1 - 1]))
    sb, eb = _widen(art_b.text, int(tb.start[al.b0]), int(tb.end[al.b1 - 1]))
    ra, rb = art_a.raw_span(sa, ea), art_b.raw_span(sb, eb)
    sub_pairs = info.pop("substitution_pairs")
    subs = _substitution_text(sub_pairs, art_a, art_b, ta, tb)
    info["marks_a"] = ";".join("%d-%d" % art_a.raw_span(int(ta.start[i]), int(ta.end[i])) for i, _ in sub_pairs)
    info["marks_b"] = ";".join("%d-%d" % art_b.raw_span(int(tb.start[j]), int(tb.end[j])) for _, j in sub_pairs)
    info["_subs"] = [(ta.keys[i], tb.keys[j], art_a.text[ta.start[i]:ta.end[i]],
                      art_b.text[tb.start[j]:tb.end[j]]) for i, j in sub_pairs]
    return {"doc_a": art_a.doc_id, "a_start": ra[0], "a_end": ra[1],
            "doc_b": art_b.doc_id, "b_start": rb[0], "b_end": rb[1],
            "text_a": art_a.raw[ra[0]:ra[1]], "text_b": art_b.raw[rb[0]:rb[1]],
            "kind": info.pop("kind"), "score": al.score, "substitutions": subs,
            "_text_a": (sa, ea), "_text_b": (sb, eb), **info}


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in up to :data:`GLUED_SYMBOLS` symbols glued to a passage's first and last word."""
    for _ in range(GLUED_SYMBOLS):
        if start > 0 and not text[start - 1].isspace() and not text[start - 1].isalnum():
            start -= 1
    for _ in range(GLUED_SYMBOLS):
        if end < len(text) and not text[end].isspace() and not text[end].isalnum():
            end += 1
    return start, end


def _substitution_text(pairs: list[tuple[int, int]], art_a: Article, art_b: Article,
                       ta: Tokens, tb: Tokens) -> str:
    """The substituted words as ``a-word→b-word`` joined by ``; ``."""
    out = []
    for i, j in pairs:
        wa = art_a.text[ta.start[i]:ta.end[i]]
        wb = art_b.text[tb.start[j]:tb.end[j]]
        out.append(f"{wa}→{wb}")
    return "; ".join(out)


def passages(corpus: Corpus | Iterable[Article], *, settings: Settings = DEFAULTS,
             lexicon: Lexicon | None = None, exhaustive: bool | None = None,
             details: bool = False) -> pd.DataFrame:
    """Reused passages between pairs of articles.

    Returns one row per passage, sorted by ``doc_a, doc_b, a_start, b_start``:

    * ``doc_a``, ``doc_b`` – the two articles (``doc_a < doc_b``);
    * ``a_start, a_end`` / ``b_start, b_end`` – offsets into each original file
      (``article.raw``), end exclusive;
    * ``text_a``, ``text_b`` – the raw text of each side;
    * ``kind`` – ``verbatim`` (same words), ``near`` (light edits: a few words
      added, dropped or changed), ``spun`` (content words swapped for synonyms
      while function words, names and numbers stay);
    * ``score`` – Smith-Waterman score of the alignment (higher = longer/closer);
    * ``substitutions`` – the swapped words, ``a-word→b-word`` joined by ``; ``.

    With ``details=True`` also ``tokens_a, tokens_b`` (aligned words per side),
    ``matched`` (aligned word pairs that match), ``content_matched`` (of them
    content words), ``substituted`` (content words swapped) and ``in_quote``
    (the overlap is mostly a quotation on both sides), ``marks_a, marks_b``
    (raw offsets ``start-end`` of the substituted words, ``;``-separated).
    """
    result = _analyse(corpus, settings, lexicon, exhaustive)
    return _passage_frame(result.rows, details)


@dataclass
class _Result:
    """A corpus's passages and what the summaries need besides them."""

    articles: list[Article]
    fingerprint: str  # corpus_fingerprint(articles), the memo key of everything derived from this result
    rows: list[dict]
    rejected: Counter
    candidates: int
    groups: list[dict]  # copy clusters by doc id, :func:`analysis.overlap.minhash.named`


def _analyse(corpus, settings: Settings = DEFAULTS, lexicon: Lexicon | None = None,
             exhaustive: bool | None = None) -> _Result:
    """Passages of a corpus, memoised (:func:`analysis.cache.memo`) per corpus content, settings,
    data files and code; a call with its own ``lexicon`` object is memoised in this process only."""
    articles = list(corpus)
    fingerprint = corpus_fingerprint(articles)
    key = (fingerprint, settings, exhaustive,
           lexicon.fingerprint() if lexicon is not None else lexicons.version(config.data_file(LEXICON_FILE)))
    rows, rejected, candidates, groups = cache.memo("overlap.passages", key,
                                                    lambda: find_passages(articles, settings, lexicon, exhaustive),
                                                    disk=lexicon is None)
    return _Result(articles, fingerprint, rows, rejected, candidates, groups)


def find_passages(articles: list[Article], settings: Settings, lexicon: Lexicon | None,
                  exhaustive: bool | None) -> tuple[list[dict], Counter, int, list[dict]]:
    """``(passage rows, rejected alignments by reason, number of candidate pairs, copy clusters)``, unmemoised:
    what :func:`passages` stores (a Dask worker runs it, :mod:`analysis.batch.cluster`)."""
    articles, streams, ctx = _prepare(articles, lexicon)
    sets = [shingle_set(s, ctx.lexicon, settings.cluster_shingle_size) for s in streams]
    groups = find_groups(articles, streams, ctx.lexicon, settings, sets)
    pairs = candidate_pairs(streams, ctx.lexicon, settings, exhaustive, clusters=collapsed(groups, settings),
                            shingle_sets={settings.cluster_shingle_size: sets})
    rejected: Counter = Counter()
    rows = _passages_from(articles, streams, ctx, pairs, settings, rejected)
    return rows, rejected, len(pairs), named(groups, articles)


def _passage_frame(rows: list[dict], details: bool) -> pd.DataFrame:
    """The documented columns of passage rows, sorted by ``doc_a, doc_b, a_start, b_start``."""
    columns = PASSAGE_COLUMNS + (PASSAGE_EXTRA_COLUMNS if details else [])
    frame = pd.DataFrame(rows, columns=columns)
    for col in ("a_start", "a_end", "b_start", "b_end", "score"):
        frame[col] = frame[col].astype("int64")
    return frame.sort_values(["doc_a", "doc_b", "a_start", "b_start"], kind="stable").reset_index(drop=True)
