"""overlap.align: Smith-Waterman local alignments (compiled kernels) on score matrices written by hand."""
from __future__ import annotations

import numpy as np

from analysis import overlap
from analysis.overlap import kernels


def test_smith_waterman_finds_the_best_local_run():
    score = np.full((5, 6), -3, dtype=np.int32)
    for i, j in ((1, 2), (2, 3), (3, 4)):
        score[i, j] = 6
    (best, path, path_scores), = overlap.local_alignments(score, min_score=10, max_alignments=2)
    assert best == 18 and path == [(1, 2), (2, 3), (3, 4)] and path_scores == [6, 6, 6]
    assert score[1, 2] == 6, "the caller's matrix is left as it was"


def test_local_alignments_do_not_reuse_words():
    score = np.full((12, 12), -10, dtype=np.int32)
    for i, j in ((0, 0), (1, 1), (2, 2), (3, 3), (8, 8), (9, 9), (10, 10)):
        score[i, j] = 6  # two runs too far apart to bridge with gaps (8 gaps cost 32)
    found = overlap.local_alignments(score, min_score=10, max_alignments=4)
    assert [(best, path) for best, path, _ in found] == [
        (24, [(0, 0), (1, 1), (2, 2), (3, 3)]), (18, [(8, 8), (9, 9), (10, 10)])]
    assert overlap.local_alignments(score, min_score=30, max_alignments=4) == []


def test_uncompiled_kernel_gives_the_compiled_result():
    score = np.full((6, 6), -3, dtype=np.int32)
    for i, j in ((0, 1), (1, 2), (2, 3), (4, 4)):
        score[i, j] = 6  # one alignment: three matches, a gap (-4) over row 3, a fourth match: 6 * 4 - 4 = 20
    plain = kernels.paths_kernel(score.copy(), 4, 10, 2)
    fast = kernels.compiled("paths_kernel")(score.copy(), 4, 10, 2)
    assert [a.tolist() for a in plain] == [a.tolist() for a in fast] == [[20], [4], [0, 1, 2, 4], [1, 2, 3, 4], [6, 6, 6, 6]]
