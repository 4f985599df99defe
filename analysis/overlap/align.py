"""Word-level local alignment of two articles: anchors, boxes, Smith-Waterman, :class:`Alignment`.

For a pair of token streams, content-word *anchors* (same key, or keys related through the
synonym lexicon) are chained along near-diagonals (:func:`boxes_for_partners`); each chain's
box is scored word pair by word pair (``S_*`` in :mod:`.settings`: exact, same lemma, lexicon
synonym, fuzzy spelling, unknown substitution) and aligned with Smith-Waterman
(:func:`local_alignments`). An unknown substitution between anchors costs less than a gap,
so a spinner's swaps do not break a passage. :func:`align_pair` / :func:`align_boxes` return
the alignments, best first, not overlapping.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from .kernels import compiled
from .settings import DEFAULTS, GAP, S_FUZZY, Settings
from .tokens import Lexicon, Tokens, Vocab


@dataclass
class Alignment:
    """One local alignment: token ranges on both sides, its score and the aligned word pairs."""

    a0: int
    a1: int          # token range in A (end exclusive)
    b0: int
    b1: int
    score: int
    pairs: list[tuple[int, int, str]]  # aligned (i, j, how) with how in exact/key/synonym/fuzzy/sub



@dataclass
class AlignContext:
    """Per-run lookup tables: key ids -> lexicon line ids, and key id -> related key ids."""

    lexicon: Lexicon
    vocab: Vocab
    groups: dict[int, frozenset[int]]
    related: dict[int, tuple[int, ...]]
    group_start: np.ndarray  # key id k is on lexicon lines group_ids[group_start[k]:group_start[k + 1]]
    group_ids: np.ndarray

    @classmethod
    def build(cls, lexicon: Lexicon, vocab: Vocab) -> "AlignContext":
        groups = {vid: lexicon.groups[k] for k, vid in vocab.items() if k in lexicon.groups}
        members: dict[int, list[int]] = defaultdict(list)
        for vid, ids in groups.items():
            for g in ids:
                members[g].append(vid)
        related = {vid: tuple(sorted({o for g in ids for o in members[g] if o != vid}))
                   for vid, ids in groups.items()}
        sizes = np.zeros(len(vocab) + 1, dtype=np.int64)
        for vid, ids in groups.items():
            sizes[vid + 1] = len(ids)
        group_start = np.cumsum(sizes)
        group_ids = np.zeros(int(group_start[-1]), dtype=np.int64)
        for vid, ids in groups.items():
            group_ids[group_start[vid]:group_start[vid + 1]] = sorted(ids)
        return cls(lexicon, vocab, groups, related, group_start, group_ids)



def _anchor_index(tokens: Tokens, ctx: AlignContext) -> tuple:
    """Per-stream arrays for :func:`boxes_for_partners`, built once per stream and run.

    ``(keys, positions)``: content-word key ids sorted (with their token
    positions, in text order within a key), and the *probe* arrays
    ``(targets, probe_pos, probe_count, probe_order, key_order)``: for each content word its
    own key and every key related to it through the lexicon, with the word's position, how
    often its own key occurs in the stream, and the probes' order by position and by key.
    """
    cached = tokens._anchor_cache
    if cached is not None and cached[0] is ctx:
        return cached[1]
    pos = np.flatnonzero(~tokens.stop)
    keys = tokens.key[pos]
    order = np.argsort(keys, kind="stable")
    keys, pos = keys[order], pos[order]
    uniq, first, counts = np.unique(keys, return_index=True, return_counts=True)
    targets, probe_pos, probe_count = [keys], [pos], [np.repeat(counts, counts)]
    related = ctx.related
    extra_t, extra_p, extra_c = [], [], []
    for k, f, c in zip(uniq.tolist(), first.tolist(), counts.tolist()):
        rel = related.get(k)
        if rel:
            for o in rel:
                extra_t.extend([o] * c)
                extra_p.extend(pos[f:f + c].tolist())
                extra_c.extend([c] * c)
    if extra_t:
        targets.append(np.array(extra_t, dtype=np.int64))
        probe_pos.append(np.array(extra_p, dtype=np.int64))
        probe_count.append(np.array(extra_c, dtype=np.int64))
    probe_pos, targets = np.concatenate(probe_pos), np.concatenate(targets)
    value = (keys, pos, targets, probe_pos, np.concatenate(probe_count),
             np.argsort(probe_pos, kind="stable"), np.argsort(targets, kind="stable"))
    tokens._anchor_cache = (ctx, value)
    return value


def boxes_for_partners(ta: Tokens, partners: list[Tokens], ctx: AlignContext,
                       settings: Settings = DEFAULTS) -> list[list[tuple[int, int, int, int]]]:
    """Token boxes ``(a0, a1, b0, b1)`` around runs of anchors between ``ta`` and each of ``partners``.

    *Anchors* are content words of A and B with the same key or keys related through
    the lexicon (a key of A and a key of B whose occurrences multiply to more than
    ``max_anchor_product`` anchors are skipped: frequent words make no useful anchors). Anchors are bucketed by
    diagonal (``i - j``, buckets of ``chain_drift``, twice with an offset of half a bucket
    so a run on a bucket edge is not cut), sorted by position and cut where two anchors
    are more than ``chain_gap`` words apart. A run needs ``min_anchors`` distinct positions
    on each side and ``min_nonname_content`` of them not names or numbers (or a long run,
    for copied lists of names). Boxes of nearby runs are merged and padded.

    One compiled pass (numba, :func:`analysis.overlap.kernels.runs_kernel`) over one article's candidate partners.
    """
    return _boxes(ta, _stack(partners, ctx), np.arange(len(partners), dtype=np.int64), ctx, settings)


def _stack(streams: list[Tokens], ctx: AlignContext) -> tuple:
    """Every stream's sorted content keys, their positions and its token flags, end to end.

    ``(keys, positions, key_start, name, number, tok_start, lengths)``: stream ``s`` owns
    ``keys[key_start[s]:key_start[s + 1]]`` and ``name[tok_start[s]:tok_start[s + 1]]``.
    Built once per run, so aligning one article against its partners copies nothing.
    """
    indexes = [_anchor_index(tokens, ctx)[:2] for tokens in streams]
    lengths = np.array([len(tokens) for tokens in streams], dtype=np.int64)
    empty = np.zeros(0, dtype=np.int64)
    return (np.concatenate([keys for keys, _ in indexes] or [empty]),
            np.concatenate([pos for _, pos in indexes] or [empty]),
            np.cumsum([0] + [len(keys) for keys, _ in indexes]),
            np.concatenate([tokens.name for tokens in streams] or [np.zeros(0, dtype=bool)]),
            np.concatenate([tokens.number for tokens in streams] or [np.zeros(0, dtype=bool)]),
            np.cumsum(np.r_[0, lengths]), lengths)


def _boxes(ta: Tokens, stacked: tuple, partner_ids: np.ndarray, ctx: AlignContext,
           settings: Settings) -> list[list[tuple[int, int, int, int]]]:
    """:func:`boxes_for_partners` for the streams ``partner_ids`` of a :func:`_stack`."""
    out: list[list[tuple[int, int, int, int]]] = [[] for _ in partner_ids]
    _, _, targets, probe_pos, probe_count, probe_order, key_order = _anchor_index(ta, ctx)
    if not len(partner_ids) or not len(targets):
        return out
    keys, positions, key_start, name, number, tok_start, lengths = stacked
    runs = compiled("runs_kernel")(
        targets, probe_pos, probe_count, probe_order, key_order, ta.name, ta.number, partner_ids,
        keys, positions, key_start, name, number, tok_start,
        settings.chain_drift, settings.chain_gap, settings.min_anchors, settings.min_nonname_content,
        settings.min_long_copy // 2, settings.max_anchor_product)
    by_pair: dict[int, list] = defaultdict(list)
    for p, a_lo, a_hi, b_lo, b_hi in runs.tolist():
        by_pair[p].append((a_lo, a_hi, b_lo, b_hi))
    for p, boxes in by_pair.items():
        out[p] = _merge_boxes(boxes, len(ta), int(lengths[partner_ids[p]]), settings)
    return out


def _merge_boxes(boxes: list[tuple], len_a: int, len_b: int, settings: Settings) -> list[tuple[int, int, int, int]]:
    """Merge runs whose boxes come within ``merge_gap`` on a similar diagonal (``merge_drift_widths``); pad them."""
    width = max(1, settings.chain_drift)
    merged: list[list[int]] = []
    gap = settings.merge_gap
    for a_lo, a_hi, b_lo, b_hi in sorted(boxes):
        for box in merged:
            if a_lo <= box[1] + gap and box[0] <= a_hi + gap and b_lo <= box[3] + gap and box[2] <= b_hi + gap \
                    and abs((a_lo - b_lo) - (box[0] - box[2])) <= settings.merge_drift_widths * width:
                box[0], box[1] = min(box[0], a_lo), max(box[1], a_hi)
                box[2], box[3] = min(box[2], b_lo), max(box[3], b_hi)
                break
        else:
            merged.append([a_lo, a_hi, b_lo, b_hi])
    pad = settings.pad
    return [(max(0, a0 - pad), min(len_a, a1 + pad + 1), max(0, b0 - pad), min(len_b, b1 + pad + 1))
            for a0, a1, b0, b1 in merged]



def _score_matrix(ta: Tokens, tb: Tokens, a0: int, a1: int, b0: int, b1: int, ctx: AlignContext) -> np.ndarray:
    """Word-pair scores of ``ta[a0:a1]`` against ``tb[b0:b1]`` (int32; see ``S_*``), compiled."""
    return compiled("score_kernel")(ta.key[a0:a1], tb.key[b0:b1], ta.stop[a0:a1], tb.stop[b0:b1],
                                      ta.surface_id[a0:a1], tb.surface_id[b0:b1], ta.fuzzy[a0:a1], tb.fuzzy[b0:b1],
                                      ctx.group_start, ctx.group_ids)


def local_alignments(score: np.ndarray, *, min_score: int, max_alignments: int,
                     gap: int = GAP) -> list[tuple[int, list[tuple[int, int]], list[int]]]:
    """Up to ``max_alignments`` local alignments of a score matrix, best first, none reusing a row or column.

    Smith-Waterman with linear gaps, compiled: the best alignment's ``(score, path, path_scores)``
    (``path`` the aligned ``(i, j)`` cells, ``path_scores`` their scores), then the rows and columns
    it spans are blocked and the next best is sought, until one scores under ``min_score`` (or the
    sum of row maxima, an upper bound of any alignment left, does).
    """
    scores = np.array(score, dtype=np.int32)  # a copy: blocked rows and columns are written into it
    best, length, cells_i, cells_j, cells_s = compiled("paths_kernel")(scores, gap, min_score, max_alignments)
    out, start = [], 0
    for b, n in zip(best.tolist(), length.tolist()):
        out.append((b, list(zip(cells_i[start:start + n].tolist(), cells_j[start:start + n].tolist())),
                    cells_s[start:start + n].tolist()))
        start += n
    return out


def _how(ta: Tokens, tb: Tokens, i: int, j: int, score: int) -> str:
    """How two aligned words match: exact, key (same lemma), synonym, fuzzy or sub (no match)."""
    if score < 0:
        return "sub"
    if ta.key[i] == tb.key[j]:
        return "exact" if ta.surface[i] == tb.surface[j] else "key"
    return "fuzzy" if score == S_FUZZY else "synonym"


def align_pair(ta: Tokens, tb: Tokens, ctx: AlignContext, settings: Settings = DEFAULTS) -> list[Alignment]:
    """Local alignments between two token streams, best first, not overlapping."""
    return align_boxes(ta, tb, boxes_for_partners(ta, [tb], ctx, settings)[0], ctx, settings)


def align_boxes(ta: Tokens, tb: Tokens, boxes: list[tuple[int, int, int, int]], ctx: AlignContext,
                settings: Settings = DEFAULTS) -> list[Alignment]:
    """Local alignments inside the token boxes of :func:`boxes_for_partners`, best first, not overlapping."""
    results: list[Alignment] = []
    for a0, a1, b0, b1 in boxes:
        score = _score_matrix(ta, tb, a0, a1, b0, b1, ctx)
        for best, path, path_scores in local_alignments(score, min_score=settings.min_score,
                                                        max_alignments=settings.max_alignments_per_chain):
            pairs = _trim([(a0 + i, b0 + j, _how(ta, tb, a0 + i, b0 + j, s)) for (i, j), s in zip(path, path_scores)],
                          ta, tb)
            matched = [p for p in pairs if p[2] != "sub"]
            if matched:
                results.append(Alignment(matched[0][0], matched[-1][0] + 1, matched[0][1], matched[-1][1] + 1,
                                         best, pairs))
    results.sort(key=lambda r: (-r.score, r.a0, r.b0))
    kept: list[Alignment] = []
    for al in results:
        # a stretch of text is reused from one place: drop weaker alignments over the same words on either side
        share = settings.max_inside_share
        if any(_mostly_inside(al.a0, al.a1, k.a0, k.a1, share) or _mostly_inside(al.b0, al.b1, k.b0, k.b1, share)
               for k in kept):
            continue
        kept.append(al)
    return kept


def _mostly_inside(s: int, e: int, ks: int, ke: int, share: float) -> bool:
    """True when at least ``share`` of the range ``[s, e)`` lies inside ``[ks, ke)``."""
    return min(e, ke) - max(s, ks) >= share * (e - s)


def _trim(pairs: list[tuple[int, int, str]], ta: Tokens, tb: Tokens) -> list[tuple[int, int, str]]:
    """Drop function-word matches hanging off either end across a paragraph break or a mismatch."""
    def loose(k: int, neighbour: int) -> bool:
        i, j, how = pairs[k]
        if how == "sub":
            return True
        if not ta.stop[i]:
            return False
        ni, nj, nhow = pairs[neighbour]
        return nhow == "sub" or abs(i - ni) > 1 or abs(j - nj) > 1 or ta.break_between(min(i, ni), max(i, ni)) \
            or tb.break_between(min(j, nj), max(j, nj))
    while len(pairs) > 1 and loose(len(pairs) - 1, len(pairs) - 2):
        pairs = pairs[:-1]
    while len(pairs) > 1 and loose(0, 1):
        pairs = pairs[1:]
    return pairs
