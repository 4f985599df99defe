"""Candidate pairs: which articles are worth aligning at all.

* up to ``Settings.exhaustive_max_docs`` articles: every pair;
* then an exact inverted index of word shingles (keys mapped through the synonym lexicon, so
  spun copies still share shingles): pairs sharing a few shingles, not a high Jaccard, so a
  short wire story inside a long article is found (containment, not resemblance);
* past ``Settings.lsh_min_docs`` articles: MinHash LSH (datasketch) over windows of shingles,
  whose memory does not grow with the number of distinct shingles.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np

from .settings import DEFAULTS, Settings
from .tokens import Lexicon, Tokens


@lru_cache(maxsize=1 << 20)
def _word_id(word: str) -> int:
    """A stable 63-bit id for a word key.

    Python salts ``hash()`` of strings per process; hashing tuples of these ids instead makes
    shingle hashes, and so LSH candidates, the same in every run.
    """
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little") >> 1


def _shingles(tokens: Tokens, lexicon: Lexicon, size: int) -> set[int]:
    """The article's distinct ``size``-word shingle hashes (function-word-only shingles left out)."""
    rep = lexicon.representative
    keys = [_word_id(rep.get(k, k)) for k in tokens.keys]
    stop = tokens.stop_list
    out = set()
    for i in range(len(keys) - size + 1):
        if all(stop[i:i + size]):
            continue
        out.add(hash(tuple(keys[i:i + size])))
    return out


def candidate_pairs(streams: list[Tokens], lexicon: Lexicon, settings: Settings = DEFAULTS,
                    exhaustive: bool | None = None, method: str | None = None) -> list[tuple[int, int]]:
    """Pairs of stream indices worth aligning, ``(i, j)`` with ``i < j``, sorted.

    All pairs up to ``exhaustive_max_docs`` articles; then an exact inverted
    index of word 3-gram shingles (pairs sharing ``min_shared_shingles``, plus
    pairs sharing ``long_min_shared`` word 4-grams);
    past ``lsh_min_docs`` articles (or ``method="lsh"``) MinHash LSH over
    windows of shingles (datasketch), whose memory does not grow with the
    number of distinct shingles. Window-level LSH keeps containment: a short
    story inside a long article collides window by window.
    """
    n = len(streams)
    if exhaustive is None:
        exhaustive = n <= settings.exhaustive_max_docs
    if exhaustive:
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    if method == "lsh" or (method is None and n > settings.lsh_min_docs):
        return _lsh_pairs(streams, lexicon, settings)
    pairs = set(_shared_shingle_pairs(streams, lexicon, settings.shingle_size, settings.min_shared_shingles,
                                      settings.max_shingle_df))
    if settings.long_min_shared:
        pairs.update(_shared_shingle_pairs(streams, lexicon, settings.long_shingle_size,
                                           settings.long_min_shared, settings.max_shingle_df))
    return sorted(pairs)


def _shared_shingle_pairs(streams: list[Tokens], lexicon: Lexicon, size: int, min_shared: int,
                          max_df: int) -> list[tuple[int, int]]:
    """Pairs sharing ``min_shared`` distinct ``size``-word shingles of document frequency 2..``max_df``.

    The inverted index is two numpy arrays (shingle hash, document) sorted by
    hash; each posting list of ``df`` documents yields its ``df*(df-1)/2`` pairs
    at once (grouped by ``df``), and pairs are counted with ``np.unique``.
    """
    n = len(streams)
    hashes, docs = [], []
    for doc, tokens in enumerate(streams):
        sh = np.fromiter(_shingles(tokens, lexicon, size), dtype=np.int64)
        hashes.append(sh)
        docs.append(np.full(len(sh), doc, dtype=np.int64))
    if not hashes:
        return []
    h = np.concatenate(hashes)
    d = np.concatenate(docs)
    order = np.lexsort((d, h))
    h, d = h[order], d[order]
    starts = np.flatnonzero(np.r_[True, h[1:] != h[:-1]])
    dfs = np.diff(np.r_[starts, len(h)])
    codes = []
    for df in range(2, max_df + 1):
        group = starts[dfs == df]
        if not len(group):
            continue
        x, y = np.triu_indices(df, k=1)
        members = d[group[:, None] + np.arange(df)[None, :]]          # (groups, df), ascending docs
        codes.append((members[:, x] * n + members[:, y]).ravel())
    if not codes:
        return []
    pair_codes, counts = np.unique(np.concatenate(codes), return_counts=True)
    chosen = pair_codes[counts >= min_shared]
    return list(zip((chosen // n).tolist(), (chosen % n).tolist()))


def _lsh_pairs(streams: list[Tokens], lexicon: Lexicon, settings: Settings) -> list[tuple[int, int]]:
    """Candidate pairs from MinHash LSH (datasketch) on overlapping windows of each article's shingles."""
    from datasketch import LeanMinHash, MinHash, MinHashLSH
    template = MinHash(num_perm=settings.lsh_num_perm, seed=1)
    # same affine permutations as datasketch, applied to our own 32-bit shingle hashes in one numpy step
    a, b = (np.asarray(p, dtype=np.uint64) for p in template.permutations)
    prime, max_hash = np.uint64((1 << 61) - 1), np.uint64((1 << 32) - 1)
    lsh = MinHashLSH(threshold=settings.lsh_threshold, num_perm=settings.lsh_num_perm)
    signatures: list[tuple[int, object]] = []
    size, step = settings.lsh_window, max(1, settings.lsh_window // 2)
    for doc, tokens in enumerate(streams):
        ordered = _shingle_sequence(tokens, lexicon, settings.lsh_shingle_size)
        for w, start in enumerate(range(0, max(1, len(ordered) - step), step)):
            window = np.unique(np.array(ordered[start:start + size], dtype=np.int64)).astype(np.uint64) & max_hash
            if not len(window):
                continue
            phv = ((window[:, None] * a[None, :] + b[None, :]) % prime) & max_hash
            lean = LeanMinHash(seed=1, hashvalues=phv.min(axis=0), scheme=template.scheme)
            key = (doc, w)
            lsh.insert(key, lean, check_duplication=False)
            signatures.append((doc, lean))
    pairs = set()
    for doc, lean in signatures:
        for other, _ in lsh.query(lean):
            if other != doc:
                pairs.add((min(doc, other), max(doc, other)))
    return sorted(pairs)


def _shingle_sequence(tokens: Tokens, lexicon: Lexicon, size: int) -> list[int]:
    """The article's shingle hashes in text order (function-word-only shingles left out)."""
    rep = lexicon.representative
    keys = [_word_id(rep.get(k, k)) for k in tokens.keys]
    stop = tokens.stop_list
    return [hash(tuple(keys[i:i + size])) for i in range(len(keys) - size + 1) if not all(stop[i:i + size])]

