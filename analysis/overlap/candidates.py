"""Candidate pairs: which articles are worth aligning at all.

* up to ``Settings.exhaustive_max_docs`` articles: every pair;
* then an exact inverted index of word shingles (keys mapped through the synonym lexicon, so
  spun copies still share shingles): pairs sharing a few shingles, not a high Jaccard, so a
  short wire story inside a long article is found (containment, not resemblance);
* past ``Settings.lsh_min_docs`` articles: MinHash LSH (datasketch) over windows of shingles,
  whose memory does not grow with the number of distinct shingles.

Copy clusters (``clusters``, from :mod:`analysis.overlap.minhash`) are one unit: their members are
paired with their representative only, a shingle the cluster's members share counts once in the
``max_shingle_df`` cut, and the story text they carry pairs other articles with the representative.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Sequence

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


def shingle_set(tokens: Tokens, lexicon: Lexicon, size: int) -> set[int]:
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
                    exhaustive: bool | None = None, method: str | None = None,
                    clusters: Sequence[Sequence[int]] = (),
                    shingle_sets: dict[int, list[set[int]]] | None = None) -> list[tuple[int, int]]:
    """Pairs of stream indices worth aligning, ``(i, j)`` with ``i < j``, sorted.

    ``clusters``: stream indices of copy clusters aligned as one unit, representative first
    (:func:`analysis.overlap.minhash.collapsed`); each member is paired with its representative,
    never with another member, and other articles meet the cluster through its representative
    (or through a member, for text only that member carries, in the shingle index).
    ``shingle_sets``: each stream's :func:`shingle_set` by shingle size, when already computed.

    All pairs up to ``exhaustive_max_docs`` articles; then an exact inverted
    index of word 3-gram shingles (pairs sharing ``min_shared_shingles``, plus
    pairs sharing ``long_min_shared`` word 4-grams);
    past ``lsh_min_docs`` articles (or ``method="lsh"``) MinHash LSH over
    windows of shingles (datasketch), whose memory does not grow with the
    number of distinct shingles. Window-level LSH keeps containment: a short
    story inside a long article collides window by window.
    """
    n = len(streams)
    unit = np.arange(n, dtype=np.int64)   # a cluster member's unit is its representative
    for members in clusters:
        unit[list(members)] = members[0]
    within = {(min(m[0], x), max(m[0], x)) for m in clusters for x in m[1:]}
    if exhaustive is None:
        exhaustive = n <= settings.exhaustive_max_docs
    if exhaustive:
        heads = np.flatnonzero(unit == np.arange(n)).tolist()
        return sorted({(x, y) for k, x in enumerate(heads) for y in heads[k + 1:]} | within)
    if method == "lsh" or (method is None and n > settings.lsh_min_docs):
        return sorted(set(_lsh_pairs(streams, lexicon, settings, unit)) | within)
    known = shingle_sets or {}
    pairs = set(_shared_shingle_pairs(streams, lexicon, settings.shingle_size, settings.min_shared_shingles,
                                      settings.max_shingle_df, unit, known.get(settings.shingle_size)))
    if settings.long_min_shared:
        pairs.update(_shared_shingle_pairs(streams, lexicon, settings.long_shingle_size, settings.long_min_shared,
                                           settings.max_shingle_df, unit, known.get(settings.long_shingle_size)))
    return sorted(pairs | within)


def _shared_shingle_pairs(streams: list[Tokens], lexicon: Lexicon, size: int, min_shared: int,
                          max_df: int, unit: np.ndarray | None = None,
                          sets: list[set[int]] | None = None) -> list[tuple[int, int]]:
    """Pairs sharing ``min_shared`` distinct ``size``-word shingles of document frequency 2..``max_df``.

    The inverted index is two numpy arrays (shingle hash, document) sorted by
    hash; each posting list of ``df`` documents yields its ``df*(df-1)/2`` pairs
    at once (grouped by ``df``), and pairs are counted with ``np.unique``.
    ``unit`` maps each document to its cluster's representative (itself outside clusters): a
    shingle is posted once per unit, under the representative when it carries the shingle,
    else under the first member that does, so the document frequency counts a cluster once.
    """
    n = len(streams)
    hashes, docs = [], []
    for doc, tokens in enumerate(streams):
        sh = np.fromiter(sets[doc] if sets is not None else shingle_set(tokens, lexicon, size), dtype=np.int64)
        hashes.append(sh)
        docs.append(np.full(len(sh), doc, dtype=np.int64))
    if not hashes:
        return []
    h = np.concatenate(hashes)
    d = np.concatenate(docs)
    if unit is not None:
        h, d = _one_per_unit(h, d, unit)
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


def _one_per_unit(h: np.ndarray, d: np.ndarray, unit: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The postings ``(h, d)`` with one document per (shingle, unit): the unit's head if it posts, else the first."""
    u = unit[d]
    not_head = (u != d).astype(np.int64)
    order = np.lexsort((d, not_head, u, h))
    h, d, u = h[order], d[order], u[order]
    keep = np.r_[True, (h[1:] != h[:-1]) | (u[1:] != u[:-1])]
    return h[keep], d[keep]


def _lsh_pairs(streams: list[Tokens], lexicon: Lexicon, settings: Settings,
               unit: np.ndarray | None = None) -> list[tuple[int, int]]:
    """Candidate pairs from MinHash LSH (datasketch) on overlapping windows of each article's shingles
    (cluster members other than the representative, ``unit[doc] != doc``, are left out)."""
    from datasketch import LeanMinHash, MinHash, MinHashLSH
    template = MinHash(num_perm=settings.lsh_num_perm, seed=1)
    # same affine permutations as datasketch, applied to our own 32-bit shingle hashes in one numpy step
    a, b = (np.asarray(p, dtype=np.uint64) for p in template.permutations)
    prime, max_hash = np.uint64((1 << 61) - 1), np.uint64((1 << 32) - 1)
    lsh = MinHashLSH(threshold=settings.lsh_threshold, num_perm=settings.lsh_num_perm)
    signatures: list[tuple[int, object]] = []
    size, step = settings.lsh_window, max(1, settings.lsh_window // 2)
    for doc, tokens in enumerate(streams):
        if unit is not None and unit[doc] != doc:
            continue
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

