"""The first pass: groups of articles that are copies of one text (exact and near duplicates).

Run before the pairwise aligner (:func:`analysis.overlap.passages`), so a story republished
by hundreds of outlets is one group instead of hundreds of thousands of pairs:

1. **Exact pass** – articles whose cleaned text is the same (case and spacing ignored) share
   a sha1 and form a group at once (similarity 1).
2. **Near-duplicate pass** – each distinct text's set of word shingles
   (``Settings.cluster_shingle_size`` words, keys mapped through the synonym lexicon as in the
   candidate index, function-word-only shingles left out) gets a MinHash signature
   (``cluster_num_perm`` permutations, the datasketch scheme); MinHash LSH (datasketch) proposes
   pairs whose estimated Jaccard similarity is about ``cluster_lsh_threshold`` or more.
3. **Verification** – a proposed pair is kept only when its *exact* Jaccard similarity is at
   least ``cluster_min_jaccard`` or the smaller article's shingles lie at least
   ``cluster_min_containment`` inside the larger one, so an estimate never makes a member.
4. A group is a connected component of kept pairs (union-find). Its *representative* is the
   earliest dated member (undated members after dated ones; then the one with most shingles,
   then the doc id); each member's similarity is its exact Jaccard with the representative.

Articles with fewer than ``cluster_min_shingles`` shingles take part in the exact pass only.
"""
from __future__ import annotations

import hashlib
from typing import Sequence

import numpy as np

from ..corpus import Article
from .candidates import shingle_set
from .settings import Settings
from .tokens import Lexicon, Tokens

#: how a member matches its group: the representative itself, the same text, or a near duplicate
MATCH_REPRESENTATIVE, MATCH_SAME, MATCH_NEAR = "representative", "same text", "near duplicate"


def text_key(text: str) -> str:
    """sha1 of ``text`` with case and spacing ignored (the loader's duplicate test)."""
    return hashlib.sha1(" ".join(text.lower().split()).encode("utf-8")).hexdigest()


def find_groups(articles: Sequence[Article], streams: Sequence[Tokens], lexicon: Lexicon,
                settings: Settings, shingles: list[set[int]] | None = None) -> list[dict]:
    """The copy groups of a corpus, largest first (ties by representative doc id).

    Each group is a dict of plain values: ``members`` (stream indices, representative
    first, then by index), ``rep`` (the representative's index), ``similarity`` (exact
    Jaccard of each member's shingles with the representative's, same order as ``members``)
    and ``match`` (``representative``, ``same text`` or ``near duplicate``, same order).
    Articles in no group are left out. ``shingles``: each stream's
    :func:`~analysis.overlap.candidates.shingle_set` of ``cluster_shingle_size`` words, when already computed.
    """
    n = len(articles)
    if shingles is None:
        shingles = [shingle_set(s, lexicon, settings.cluster_shingle_size) for s in streams]
    parent = list(range(n))
    keys = [text_key(a.text) for a in articles]
    first: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key in first:
            _union(parent, first[key], i)
        else:
            first[key] = i
    distinct = [i for i in first.values() if len(shingles[i]) >= settings.cluster_min_shingles]
    for i, j in _lsh_candidates(distinct, shingles, settings):
        if _find(parent, i) != _find(parent, j) and _verified(shingles[i], shingles[j], settings):
            _union(parent, i, j)
    components: dict[int, list[int]] = {}
    for i in range(n):
        components.setdefault(_find(parent, i), []).append(i)
    groups = [_group(members, articles, shingles, keys) for members in components.values() if len(members) > 1]
    return sorted(groups, key=lambda g: (-len(g["members"]), articles[g["rep"]].doc_id))


def _group(members: list[int], articles: Sequence[Article], shingles: list[set[int]], keys: list[str]) -> dict:
    """One group's representative, members (representative first) and their similarity to it."""
    rep = min(members, key=lambda i: (articles[i].date is None, articles[i].date or "", -len(shingles[i]),
                                      articles[i].doc_id))
    ordered = [rep] + [i for i in sorted(members) if i != rep]
    similarity, match = [], []
    for i in ordered:
        if i == rep:
            similarity.append(1.0)
            match.append(MATCH_REPRESENTATIVE)
        elif keys[i] == keys[rep]:
            similarity.append(1.0)
            match.append(MATCH_SAME)
        else:
            similarity.append(round(jaccard(shingles[i], shingles[rep]), 4))
            match.append(MATCH_NEAR)
    return {"members": ordered, "rep": rep, "similarity": similarity, "match": match}


def jaccard(a: set, b: set) -> float:
    """Exact Jaccard similarity of two sets (0 when both are empty)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _verified(a: set[int], b: set[int], settings: Settings) -> bool:
    """Exact Jaccard at least ``cluster_min_jaccard``, or containment of the smaller at least ``cluster_min_containment``."""
    shared = len(a & b)
    if not shared:
        return False
    return (shared / len(a | b) >= settings.cluster_min_jaccard
            or shared / min(len(a), len(b)) >= settings.cluster_min_containment)


def _lsh_candidates(docs: list[int], shingles: list[set[int]], settings: Settings) -> list[tuple[int, int]]:
    """Pairs ``(i, j)`` of ``docs`` whose MinHash signatures collide in an LSH band (datasketch)."""
    if len(docs) < 2:
        return []
    from datasketch import LeanMinHash, MinHash, MinHashLSH
    template = MinHash(num_perm=settings.cluster_num_perm, seed=1)
    a, b = (np.asarray(p, dtype=np.uint64) for p in template.permutations)
    prime, max_hash = np.uint64((1 << 61) - 1), np.uint64((1 << 32) - 1)
    lsh = MinHashLSH(threshold=settings.cluster_lsh_threshold, num_perm=settings.cluster_num_perm)
    signatures = {}
    for doc in docs:
        values = np.fromiter(shingles[doc], dtype=np.int64, count=len(shingles[doc])).astype(np.uint64) & max_hash
        phv = ((values[:, None] * a[None, :] + b[None, :]) % prime) & max_hash
        signatures[doc] = LeanMinHash(seed=1, hashvalues=phv.min(axis=0), scheme=template.scheme)
        lsh.insert(doc, signatures[doc], check_duplication=False)
    pairs = set()
    for doc, signature in signatures.items():
        for other in lsh.query(signature):
            if other != doc:
                pairs.add((min(doc, other), max(doc, other)))
    return sorted(pairs)


def _find(parent: list[int], i: int) -> int:
    """Root of ``i`` in the union-find forest (with path halving)."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _union(parent: list[int], i: int, j: int) -> None:
    """Join the sets of ``i`` and ``j`` (the smaller root becomes the root)."""
    ri, rj = _find(parent, i), _find(parent, j)
    if ri != rj:
        parent[max(ri, rj)] = min(ri, rj)


def named(groups: list[dict], articles: Sequence[Article]) -> list[dict]:
    """The groups with doc ids instead of indices: ``doc_ids`` (representative first), ``similarity``, ``match``."""
    return [{"doc_ids": [articles[i].doc_id for i in g["members"]], "similarity": list(g["similarity"]),
             "match": list(g["match"])} for g in groups]


def collapsed(groups: list[dict], settings: Settings) -> list[list[int]]:
    """Groups the aligner treats as one unit: ``[rep, member, ...]`` for groups of more than
    ``cluster_pairwise_max`` articles (smaller groups are aligned pair by pair as any articles)."""
    return [g["members"] for g in groups if len(g["members"]) > settings.cluster_pairwise_max]
