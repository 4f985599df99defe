"""The detector's thresholds (:class:`Settings`) and the word-pair scores of the alignment.

Every number that decides what counts as reuse lives here, named and documented;
defaults are the values measured with ``benchmarks/overlap.py``.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """Thresholds of the detector (defaults measured on ``benchmarks/overlap.py``)."""

    #: align every pair when the corpus has at most this many articles
    exhaustive_max_docs: int = 200
    #: shingle size (words) of the candidate index (3: a 9-word near-duplicate phrase still yields
    #: several shared shingles; measured candidate recall 1.000 against exhaustive alignment)
    shingle_size: int = 3
    #: a candidate pair shares at least this many distinct shingles
    min_shared_shingles: int = 4
    #: plus pairs sharing ``long_min_shared`` word 4-grams (0 = off): long shared runs padded with
    #: frequent 3-grams are kept
    long_shingle_size: int = 4
    long_min_shared: int = 3
    #: shingles present in more articles than this are ignored by the index
    max_shingle_df: int = 100
    #: past this many articles, candidates come from MinHash LSH on windows of shingles
    lsh_min_docs: int = 20_000
    lsh_window: int = 40
    lsh_shingle_size: int = 4
    lsh_threshold: float = 0.15
    lsh_num_perm: int = 64
    #: anchors within this many tokens and this much diagonal drift chain together
    chain_gap: int = 15
    chain_drift: int = 6
    #: runs of anchors whose boxes come within this many tokens are aligned as one box
    merge_gap: int = 40
    #: a chain needs this many anchors to be aligned
    min_anchors: int = 4
    #: box padding (tokens) around a chain before alignment
    pad: int = 6
    #: acceptance: matched content words, of which not names, aligned length
    min_content: int = 4
    min_nonname_content: int = 3
    min_tokens: int = 8
    min_score: int = 24
    #: alignments sought inside one chain's box
    max_alignments_per_chain: int = 4
    #: matched / aligned tokens on the shorter side
    min_identity: float = 0.5
    #: an overlap of at least this many matching words is copying even when it is all names (line-ups, lists)
    min_long_copy: int = 25
    #: quotation-only overlaps need this many non-name content words (unless spun)
    min_quote_content: int = 8
    #: share of matched non-name content words inside quotes (both sides) that makes an overlap a quotation
    quote_share: float = 0.6
    #: a passage is "spun" with at least this many content substitutions and this share of content words
    spun_min_substitutions: int = 2
    spun_min_rate: float = 0.1
    #: a word whose occurrences in A times those of its key in B exceed this makes no anchors (too frequent)
    max_anchor_product: int = 150
    #: two runs merge into one box only when their diagonals differ by at most this many ``chain_drift`` widths
    merge_drift_widths: int = 3
    #: an alignment is dropped when at least this share of it lies inside a stronger one (either side)
    max_inside_share: float = 0.5
    #: an article is spun with at least this many spinner substitutions against its counterparts, or this
    #: many distinct broken names, or one of each
    spun_article_min_substitutions: int = 2
    spun_article_min_names: int = 2
    #: direction by containment: the more contained article's share is at least this ratio of the other's
    #: and at least this much larger (0-1)
    containment_ratio: float = 1.5
    containment_margin: float = 0.05
    #: "same story": at least this many shared canonical entities and this Jaccard similarity
    same_story_min_entities: int = 3
    same_story_min_jaccard: float = 0.05
    #: copy clusters (:mod:`analysis.overlap.minhash`): word shingle size, MinHash permutations and the
    #: estimated Jaccard similarity at which MinHash LSH proposes a pair of articles
    cluster_shingle_size: int = 3
    cluster_num_perm: int = 128
    cluster_lsh_threshold: float = 0.4
    #: a proposed pair joins a cluster when its exact shingle Jaccard is at least ``cluster_min_jaccard``
    #: or the smaller article's shingles lie at least ``cluster_min_containment`` inside the other's
    cluster_min_jaccard: float = 0.6
    cluster_min_containment: float = 0.9
    #: articles with fewer shingles than this join clusters only by identical text
    cluster_min_shingles: int = 10
    #: clusters of more articles than this are aligned member-to-representative only, and count as one
    #: article in the ``max_shingle_df`` cut (smaller clusters are aligned pair by pair like any articles)
    cluster_pairwise_max: int = 8


DEFAULTS = Settings()

# Smith-Waterman scores of two aligned words (integers so the traceback compares exactly).
S_EXACT_CONTENT = 6
S_KEY_CONTENT = 5        # same lemma, different surface (engaged / engage)
S_SYNONYM = 5            # related through the lexicon
S_FUZZY = 4              # same 5-letter prefix (organise / organize)
S_EXACT_STOP = 2
S_MISMATCH_CONTENT = -2  # unknown substitution of one content word by another
S_MISMATCH = -3
#: cost of a gap (a word of one side left unaligned)
GAP = 4
