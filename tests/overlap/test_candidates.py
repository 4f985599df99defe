"""overlap.candidates: which pairs are aligned (shingle index, MinHash LSH) against exhaustive alignment."""
from __future__ import annotations

import pandas as pd

from analysis import overlap
from analysis.overlap.passages import _prepare

from .cases import COPIED, FILLER_A, FILLER_B, FILLER_C, SPUN_UNKNOWN


def test_candidate_index_finds_what_exhaustive_alignment_finds(make_corpus):
    files = {f"n{k}.txt": f"Note {k}\n\n{[FILLER_A, FILLER_B, FILLER_C][k % 3]} Item {k}.\n" for k in range(6)}
    files["x.txt"] = f"X\n\n{FILLER_B}\n\n{COPIED}\n"
    files["y.txt"] = f"Y\n\n{SPUN_UNKNOWN}\n\n{FILLER_C}\n"
    corpus = make_corpus(files)
    exhaustive = overlap.passages(corpus, exhaustive=True)
    indexed = overlap.passages(corpus, exhaustive=False)
    assert not exhaustive.empty
    pd.testing.assert_frame_equal(exhaustive, indexed)


def test_minhash_lsh_candidates_find_the_copied_pair(make_corpus):
    files = {f"n{k}.txt": f"Note {k}\n\n{[FILLER_A, FILLER_B, FILLER_C][k % 3]} Item {k}.\n" for k in range(4)}
    files["x.txt"] = f"X\n\n{FILLER_B}\n\n{COPIED}\n"
    files["y.txt"] = f"Y\n\n{COPIED}\n\n{FILLER_C}\n"
    corpus = make_corpus(files)
    articles, streams, ctx = _prepare(corpus)
    ids = [a.doc_id for a in articles]
    pairs = overlap.candidate_pairs(streams, ctx.lexicon, exhaustive=False, method="lsh")
    assert (ids.index("x"), ids.index("y")) in pairs
    assert all(i < j for i, j in pairs)


def test_shingle_index_proposes_a_short_phrase_sharing_no_long_run(make_corpus):
    # one 16-word sentence reworded every three or four words: four shared word 3-grams, one shared 4-gram
    x = "Union leaders warned yesterday of fresh strikes next month over the rail timetable changes before spring."
    y = "Union leaders warned today of fresh strikes in May over the rail timetable plans before spring."
    corpus = make_corpus({"x.txt": f"X\n\n{FILLER_A}\n\n{x}\n", "y.txt": f"Y\n\n{y}\n\n{FILLER_B}\n"})
    articles, streams, ctx = _prepare(corpus)
    four_grams = overlap.Settings(shingle_size=4, min_shared_shingles=3, long_min_shared=0)
    assert overlap.candidate_pairs(streams, ctx.lexicon, four_grams, exhaustive=False) == []
    assert overlap.candidate_pairs(streams, ctx.lexicon, exhaustive=False) == [(0, 1)]
    found = overlap.passages(corpus, exhaustive=False)
    assert len(found) == 1
    assert found.at[0, "text_a"].startswith("Union leaders warned yesterday of fresh strikes")
    assert found.at[0, "text_b"].endswith("rail timetable plans before spring.")
