"""The compiled inner loops of the aligner (numba), written as plain Python over numpy arrays.

* :func:`runs_kernel` – runs of anchor words between one article and each of its partners;
* :func:`score_kernel` – the word-pair score matrix of two token boxes (the ``S_*`` scores);
* :func:`paths_kernel` – Smith-Waterman with linear gaps and traceback, several alignments in turn.

:func:`compiled` returns a kernel compiled by numba (imported on first use; machine code cached in
``__pycache__``). The kernels are plain Python, so calling them uncompiled gives the same result, slower.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from .settings import S_EXACT_CONTENT, S_EXACT_STOP, S_FUZZY, S_KEY_CONTENT, S_MISMATCH, S_MISMATCH_CONTENT, S_SYNONYM


@lru_cache(maxsize=None)
def compiled(name: str):
    """This module's kernel ``name`` compiled by numba (imported on first use: most callers never align)."""
    from numba import njit
    return njit(cache=True, nogil=True)(globals()[name])


def runs_kernel(targets, probe_pos, probe_count, probe_order, key_order, a_name, a_number, partner_ids, b_keys, b_pos,
                key_start, b_name, b_number, tok_start, drift, chain_gap, min_anchors, min_plain, long_run, max_product):
    """Anchor runs of A against each partner: rows ``(p, a_lo, a_hi, b_lo, b_hi)`` (int64 array),
    ``p`` indexing ``partner_ids``.

    ``targets, probe_pos, probe_count, probe_order, key_order`` are A's probes (``align._anchor_index``);
    stream ``s``'s content keys (sorted) and positions are ``b_keys/b_pos[key_start[s]:key_start[s + 1]]``
    and its token flags ``b_name/b_number[tok_start[s]:tok_start[s + 1]]`` (``align._stack``). A probe and a
    key of B whose occurrences multiply to more than ``max_product`` make no anchors. Anchors are made in
    order of position in A, then counting-sorted by diagonal bucket, so each bucket lists its
    anchors by position without a comparison sort.
    """
    width = max(1, drift)
    half = width // 2
    out = np.empty((64, 5), dtype=np.int64)
    n_out = 0
    longest = 0
    for p in range(len(partner_ids)):
        longest = max(longest, tok_start[partner_ids[p] + 1] - tok_start[partner_ids[p]])
    seen = np.empty(longest + 1, dtype=np.int64)
    for j in range(longest + 1):
        seen[j] = -1
    stamp = 0
    for p in range(len(partner_ids)):
        b = partner_ids[p]
        keys = b_keys[key_start[b]:key_start[b + 1]]
        pos = b_pos[key_start[b]:key_start[b + 1]]
        base = tok_start[b]
        if len(keys) == 0:
            continue
        # each probe's range of equal keys in B: a merge of two key-sorted lists
        lo = np.empty(len(targets), dtype=np.int64)
        hi = np.empty(len(targets), dtype=np.int64)
        ptr = 0
        for u in range(len(targets)):
            t = key_order[u]
            key = targets[t]
            while ptr < len(keys) and keys[ptr] < key:
                ptr += 1
            e = ptr
            while e < len(keys) and keys[e] == key:
                e += 1
            lo[t] = ptr
            hi[t] = e
        total = 0
        for t in range(len(targets)):
            n = hi[t] - lo[t]
            if n > 0 and probe_count[t] * n <= max_product:
                total += n
        if total < min_anchors:
            continue
        # both bucketings of every anchor, in order of position in A
        m = 2 * total
        bucket = np.empty(m, dtype=np.int64)
        ii = np.empty(m, dtype=np.int64)
        jj = np.empty(m, dtype=np.int64)
        plain = np.empty(m, dtype=np.bool_)
        k = 0
        for u in range(len(targets)):
            t = probe_order[u]
            n = hi[t] - lo[t]
            if n > 0 and probe_count[t] * n <= max_product:
                i = probe_pos[t]
                for q in range(lo[t], hi[t]):
                    j = pos[q]
                    d = i - j
                    flat = not ((a_name[i] and b_name[base + j]) or (a_number[i] and b_number[base + j]))
                    for shift in range(2):
                        bucket[k] = ((d + shift * half) // width) * 2 + shift
                        ii[k] = i
                        jj[k] = j
                        plain[k] = flat
                        k += 1
        # stable counting sort by bucket: within a bucket, anchors stay in order of position in A
        lowest = bucket[0]
        highest = bucket[0]
        for q in range(m):
            lowest = min(lowest, bucket[q])
            highest = max(highest, bucket[q])
        counts = np.zeros(highest - lowest + 2, dtype=np.int64)
        for q in range(m):
            counts[bucket[q] - lowest + 1] += 1
        for r in range(1, len(counts)):
            counts[r] += counts[r - 1]
        order = np.empty(m, dtype=np.int64)
        for q in range(m):
            slot = bucket[q] - lowest
            order[counts[slot]] = q
            counts[slot] += 1
        s = 0
        while s < m:
            e = s + 1
            while e < m and bucket[order[e]] == bucket[order[s]] and ii[order[e]] - ii[order[e - 1]] <= chain_gap:
                e += 1
            n_i = 0
            n_plain = 0
            last_i = -1
            last_plain = -1
            for q in range(s, e):
                r = order[q]
                if ii[r] != last_i:
                    n_i += 1
                    last_i = ii[r]
                if plain[r] and ii[r] != last_plain:
                    n_plain += 1
                    last_plain = ii[r]
            if n_i >= min_anchors and (n_plain >= min_plain or n_i >= long_run):
                stamp += 1  # distinct positions in B: marked with this segment's stamp
                n_j = 0
                j_lo = jj[order[s]]
                j_hi = j_lo
                for q in range(s, e):
                    j = jj[order[q]]
                    if seen[j] != stamp:
                        seen[j] = stamp
                        n_j += 1
                    j_lo = min(j_lo, j)
                    j_hi = max(j_hi, j)
                if n_j >= min_anchors:
                    if n_out == out.shape[0]:
                        grown = np.empty((2 * n_out, 5), dtype=np.int64)
                        for r in range(n_out):
                            for c in range(5):
                                grown[r, c] = out[r, c]
                        out = grown
                    out[n_out, 0] = p
                    out[n_out, 1] = ii[order[s]]
                    out[n_out, 2] = ii[order[e - 1]]
                    out[n_out, 3] = j_lo
                    out[n_out, 4] = j_hi
                    n_out += 1
            s = e
    return out[:n_out]



def score_kernel(key_a, key_b, stop_a, stop_b, surface_a, surface_b, fuzzy_a, fuzzy_b, group_start, group_ids):
    """Two content words score ``S_EXACT_CONTENT`` (same key and surface), ``S_KEY_CONTENT`` (same
    key), ``S_SYNONYM`` (on a common lexicon line: ``group_ids[group_start[k]:group_start[k + 1]]``,
    sorted), ``S_FUZZY`` (same fuzzy key) or ``S_MISMATCH_CONTENT``; other pairs ``S_EXACT_STOP``
    (same key) or ``S_MISMATCH``."""
    n, m = len(key_a), len(key_b)
    n_keys = len(group_start) - 1
    score = np.empty((n, m), dtype=np.int32)
    for i in range(n):
        x = key_a[i]
        for j in range(m):
            y = key_b[j]
            if stop_a[i] or stop_b[j]:
                score[i, j] = S_EXACT_STOP if x == y else S_MISMATCH
            elif x == y:
                score[i, j] = S_EXACT_CONTENT if surface_a[i] == surface_b[j] else S_KEY_CONTENT
            else:
                related = False
                if x < n_keys and y < n_keys:
                    p, q = group_start[x], group_start[y]
                    while p < group_start[x + 1] and q < group_start[y + 1]:
                        if group_ids[p] == group_ids[q]:
                            related = True
                            break
                        if group_ids[p] < group_ids[q]:
                            p += 1
                        else:
                            q += 1
                if related:
                    score[i, j] = S_SYNONYM
                elif fuzzy_a[i] == fuzzy_b[j]:
                    score[i, j] = S_FUZZY
                else:
                    score[i, j] = S_MISMATCH_CONTENT
    return score



def paths_kernel(score, gap, min_score, max_alignments):
    """:func:`analysis.overlap.align.local_alignments` on ``score`` (int32, changed in place): ``(best, length, i, j, s)`` arrays."""
    n, m = score.shape
    h = np.zeros((n + 1, m + 1), dtype=np.int32)  # row and column 0 stay zero; every other cell is rewritten
    best_out = np.zeros(max_alignments, dtype=np.int64)
    length_out = np.zeros(max_alignments, dtype=np.int64)
    cells_i = np.empty(max_alignments * (n + m), dtype=np.int64)
    cells_j = np.empty(max_alignments * (n + m), dtype=np.int64)
    cells_s = np.empty(max_alignments * (n + m), dtype=np.int64)
    count, total = 0, 0
    for _ in range(max_alignments):
        # upper bound of any alignment left: the sum of row maxima (and of column maxima)
        rows, cols = 0, 0
        col_top = np.zeros(m, dtype=np.int64)
        for i in range(n):
            top = 0
            for j in range(m):
                v = score[i, j]
                if v > top:
                    top = v
                if v > col_top[j]:
                    col_top[j] = v
            rows += top
        for j in range(m):
            cols += col_top[j]
        if rows < min_score or cols < min_score:
            break
        best, bi, bj = 0, 0, 0
        for i in range(1, n + 1):
            for j in range(1, m + 1):
                v = h[i - 1, j - 1] + score[i - 1, j - 1]
                up = h[i - 1, j] - gap
                if up > v:
                    v = up
                left = h[i, j - 1] - gap
                if left > v:
                    v = left
                if v < 0:
                    v = 0
                h[i, j] = v
                if v > best:
                    best, bi, bj = v, i, j
        if best < min_score:
            break
        i, j, k = bi, bj, total
        while i > 0 and j > 0 and h[i, j] > 0:
            if h[i, j] == h[i - 1, j - 1] + score[i - 1, j - 1]:
                cells_i[k], cells_j[k], cells_s[k] = i - 1, j - 1, score[i - 1, j - 1]
                k += 1
                i, j = i - 1, j - 1
            elif h[i, j] == h[i - 1, j] - gap:
                i -= 1
            else:
                j -= 1
        for a in range((k - total) // 2):  # the cells were found end first
            x, y = total + a, k - 1 - a
            cells_i[x], cells_i[y] = cells_i[y], cells_i[x]
            cells_j[x], cells_j[y] = cells_j[y], cells_j[x]
            cells_s[x], cells_s[y] = cells_s[y], cells_s[x]
        # the next alignment must not reuse these words
        for i in range(cells_i[total], cells_i[k - 1] + 1):
            for j in range(m):
                score[i, j] = -10 * gap
        for j in range(cells_j[total], cells_j[k - 1] + 1):
            for i in range(n):
                score[i, j] = -10 * gap
        best_out[count], length_out[count] = best, k - total
        count += 1
        total = k
    return best_out[:count], length_out[:count], cells_i[:total], cells_j[:total], cells_s[:total]

