"""The same quotation carried by several articles: the one cross-article quote grouping.

:func:`quote_groups` takes the direct and partial quotes of :func:`analysis.claims.claims`
(and the quoted fragments of its ``mixed`` claims)
and links two quotes of *different* articles when a local word alignment of the two
(lemmas, the synonym lexicon ``data/synonyms.yaml``, fuzzy spellings: the aligner of
:mod:`analysis.overlap`) lines up a stretch of at least :data:`MIN_MATCHED_WORDS` matching
words that carries real content: at least ``min_content`` content words that are not
names, or most of the shorter quote's content words. A spun copy ("straight engaged on
the bottom" for "directly engaged on the ground") still aligns; a stock phrase shared by
two different statements ("civilians and critical infrastructure") does not join them.
Groups are the connected components of those links; quotes of one article are never
linked to each other, so a group always spans two or more articles.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace

import pandas as pd

from . import cache
from .claims import claims, parse_spans, quoted_words_text
from .corpus import Corpus, corpus_fingerprint
from .overlap import DEFAULTS, Alignment, Tokens, AlignContext, Vocab, align_pair, load_lexicon, tokenize

#: Columns of :func:`quote_groups`.
QUOTE_COLUMNS = ["group", "doc_id", "start", "end", "kind", "quote", "speaker", "speaker_entity_id", "articles",
                 "speakers", "conflict", "match", "shared_text"]
#: An alignment links two quotes when at least this many of its words match (not substitutions) ...
MIN_MATCHED_WORDS = 7
#: ... and at least this share of its aligned words match.
MIN_IDENTITY = 0.6
#: Or, with fewer non-name content words, when they cover this share of the shorter quote's content words
#: (and at least :data:`MIN_NONNAME_FALLBACK` of them).
SHORT_QUOTE_SHARE = 0.6
MIN_NONNAME_FALLBACK = 2
#: A content word found in more quotes than this proposes no pair (too common to be evidence).
MAX_WORD_QUOTES = 200
#: Two quotes are aligned only when they share at least this many distinct content words.
MIN_SHARED_WORDS = 2
#: A spun copy has at least this many content words substituted or replaced by a synonym.
SPUN_MIN_SUBSTITUTIONS = 2
#: The aligner's settings for quotes (short texts: fewer anchors, lower score, wider padding).
QUOTE_SETTINGS = replace(DEFAULTS, min_anchors=2, min_score=12, pad=8)


@dataclass
class _Snippet:
    """What :func:`analysis.overlap.tokenize` reads: a doc id and a text."""

    doc_id: str
    text: str


def quote_groups(corpus: Corpus, claims_frame: pd.DataFrame | None = None, *, min_content: int = 3) -> pd.DataFrame:
    """Quotations carried by two or more articles, grouped across wording changes.

    Quotes are the ``direct`` and ``partial`` rows of ``claims_frame`` (default
    :func:`analysis.claims.claims` of ``corpus``) and the quoted fragments of its ``mixed`` rows
    (the words inside their quotation marks, not the reported clause around them). Two quotes of different articles
    belong together when their words align as the module docstring says, with at
    least ``min_content`` matched content words that are not names. One row per
    quote in a group, sorted by ``group, doc_id, start``; columns:

    * ``group`` – 1, 2, … in order of the group's first quote (by ``doc_id``, then offset);
    * ``doc_id, start, end`` – the quote's article and raw offsets (as in :func:`analysis.claims.claims`;
      for a ``mixed`` claim, from its first quoted fragment to its last);
    * ``kind`` – ``direct``, ``partial`` or ``mixed``;
    * ``quote`` – the quoted words (a mixed claim's fragments joined by " … ");
    * ``speaker, speaker_entity_id`` – the speaker as that article gives it (``None`` when unresolved);
    * ``articles`` – number of articles in the group;
    * ``speakers`` – distinct speakers named across the group, ``"; "``-joined;
    * ``conflict`` – True when two members name speakers with no surname in common
      (an attribution worth checking in the sources);
    * ``match`` – this quote against the group's first: ``verbatim``, ``near`` (small
      edits) or ``spun`` (two or more content words swapped), ``first`` for the first;
    * ``shared_text`` – the stretch of this quote that lines up with another member.

    An empty table (with these columns) when no quotation recurs across articles.
    """
    if claims_frame is None:
        key = ("corpus", corpus_fingerprint(corpus), int(min_content))
        return cache.memo("quotes.quote_groups", key, lambda: _quote_groups(claims(corpus), min_content))
    key = ("frame", cache.frame_hash(claims_frame), int(min_content))
    return cache.memo("quotes.quote_groups", key, lambda: _quote_groups(claims_frame, min_content))


def _quote_groups(frame: pd.DataFrame, min_content: int) -> pd.DataFrame:
    quotes = _quote_rows(frame)
    if quotes.empty:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    lexicon = load_lexicon()
    vocab = Vocab()
    snippets = [_Snippet(d, t) for d, t in zip(quotes["doc_id"], quotes["quote"].fillna(""))]
    streams = [tokenize(s, lexicon, vocab) for s in snippets]
    ctx = AlignContext.build(lexicon, vocab)
    links, stretch = _links(snippets, streams, ctx, min_content)
    return _group_table(quotes, snippets, _components(len(streams), links), links, stretch)


def _quote_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The direct and partial quotes of a claims table and its mixed claims' quoted fragments (their
    words and the span from the first fragment to the last), sorted by ``doc_id, start, end``."""
    quotes = frame[frame["kind"].isin(["direct", "partial", "mixed"])]
    quotes = quotes[["doc_id", "start", "end", "kind", "quote", "speaker", "speaker_entity_id"]
                    + (["quoted_spans"] if "quoted_spans" in frame.columns else [])].copy()
    mixed = quotes["kind"] == "mixed"
    if mixed.any():
        quotes.loc[mixed, "quote"] = [quoted_words_text(q, "mixed") for q in quotes.loc[mixed, "quote"]]
        if "quoted_spans" in quotes.columns:
            spans = [parse_spans(v) for v in quotes.loc[mixed, "quoted_spans"]]
            quotes.loc[mixed, "start"] = [sp[0][0] if sp else s for sp, s in zip(spans, quotes.loc[mixed, "start"])]
            quotes.loc[mixed, "end"] = [sp[-1][1] if sp else e for sp, e in zip(spans, quotes.loc[mixed, "end"])]
    quotes = quotes[["doc_id", "start", "end", "kind", "quote", "speaker", "speaker_entity_id"]]
    return quotes.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)


def _candidate_pairs(snippets: list[_Snippet], streams: list[Tokens]) -> list[tuple[int, int]]:
    """Pairs of quotes of different articles sharing at least :data:`MIN_SHARED_WORDS` content words."""
    index: dict[int, list[int]] = defaultdict(list)
    for q, tokens in enumerate(streams):
        for k in set(tokens.content_positions):
            index[k].append(q)
    shared: Counter = Counter()
    for qs in index.values():
        if len(qs) > MAX_WORD_QUOTES:
            continue
        for x in range(len(qs)):
            for y in range(x + 1, len(qs)):
                if snippets[qs[x]].doc_id != snippets[qs[y]].doc_id:
                    shared[(qs[x], qs[y])] += 1
    return [pair for pair, n in sorted(shared.items()) if n >= MIN_SHARED_WORDS]


def _links(snippets: list[_Snippet], streams: list[Tokens], ctx: AlignContext, min_content: int):
    """``({(x, y): match}, {quote: (start, end) of its aligned stretch})`` for every linked pair."""
    links: dict[tuple[int, int], str] = {}
    stretch: dict[int, tuple[int, int]] = {}
    for x, y in _candidate_pairs(snippets, streams):
        ta, tb = streams[x], streams[y]
        for al in align_pair(ta, tb, ctx, QUOTE_SETTINGS):
            how = quote_match(al, ta, tb, min_content)
            if how:
                links[(x, y)] = how
                stretch.setdefault(x, (int(ta.start[al.a0]), int(ta.end[al.a1 - 1])))
                stretch.setdefault(y, (int(tb.start[al.b0]), int(tb.end[al.b1 - 1])))
                break
    return links, stretch


def quote_match(al: Alignment, ta: Tokens, tb: Tokens, min_content: int) -> str:
    """``verbatim``, ``near`` or ``spun`` when an alignment shows the same quotation, else ``""``."""
    content = [(i, j, how) for i, j, how in al.pairs if not ta.stop[i] and not tb.stop[j]]
    matched = [(i, j) for i, j, how in content if how != "sub"]
    nonname = [(i, j) for i, j in matched if not (ta.name[i] and tb.name[j])]
    shorter = min(int((~ta.stop).sum()), int((~tb.stop).sum()))
    aligned = max(al.a1 - al.a0, al.b1 - al.b0)
    n_matched = sum(1 for p in al.pairs if p[2] != "sub")
    identity = n_matched / max(1, aligned)
    enough = len(nonname) >= min_content or (len(nonname) >= MIN_NONNAME_FALLBACK
                                             and len(matched) >= SHORT_QUOTE_SHARE * shorter)
    if identity < MIN_IDENTITY or n_matched < MIN_MATCHED_WORDS or not enough:
        return ""
    if all(how == "exact" for _, _, how in al.pairs):
        return "verbatim"
    subs = sum(1 for _, _, how in content if how in ("sub", "synonym"))
    return "spun" if subs >= SPUN_MIN_SUBSTITUTIONS else "near"


def _components(n: int, links: dict[tuple[int, int], str]) -> list[list[int]]:
    """Connected components (sorted member lists) of the linked quotes, singletons dropped."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for x, y in links:
        parent[find(x)] = find(y)
    groups: dict[int, list[int]] = defaultdict(list)
    for q in range(n):
        groups[find(q)].append(q)
    return [sorted(m) for m in groups.values() if len(m) >= 2]


def _surnames(speaker: str) -> set[str]:
    """Last words of each name of a (possibly joint, "A and B") speaker, lower case."""
    return {words[-1] for name in speaker.split(" and ") if (words := name.lower().split())}


def _conflict(speakers: list) -> bool:
    """True when two named speakers share no surname."""
    keys = [_surnames(s) for s in speakers if isinstance(s, str) and s]
    return any(not (a & b) for i, a in enumerate(keys) for b in keys[i + 1:])


def _group_table(quotes: pd.DataFrame, snippets: list[_Snippet], components: list[list[int]],
                 links: dict[tuple[int, int], str], stretch: dict[int, tuple[int, int]]) -> pd.DataFrame:
    """One row per member of every component (columns :data:`QUOTE_COLUMNS`)."""
    ordered = sorted(components, key=lambda m: (quotes.at[m[0], "doc_id"], int(quotes.at[m[0], "start"])))
    rows = []
    for number, members in enumerate(ordered, start=1):
        first = members[0]
        named = [s for s in quotes.loc[members, "speaker"] if isinstance(s, str) and s]
        articles = len(set(quotes.loc[members, "doc_id"]))
        for q in members:
            row = quotes.loc[q]
            speaker = row["speaker"] if isinstance(row["speaker"], str) else None
            rows.append({"group": number, "doc_id": row["doc_id"], "start": int(row["start"]),
                         "end": int(row["end"]), "kind": row["kind"], "quote": row["quote"], "speaker": speaker,
                         "speaker_entity_id": row["speaker_entity_id"] if speaker else None,
                         "articles": articles, "speakers": "; ".join(sorted(set(named))),
                         "conflict": _conflict(named),
                         "match": "first" if q == first else links.get((min(first, q), max(first, q)), "near"),
                         "shared_text": snippets[q].text[slice(*stretch[q])] if q in stretch else ""})
    frame = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    return frame.sort_values(["group", "doc_id", "start"], kind="stable").reset_index(drop=True)
