"""Source overlap: passages two articles share (verbatim, lightly edited or spun), spin evidence, same-story signals.

Open ``passages.py`` for :func:`passages` (and the pairwise :func:`extract_passages`; how passages are found),
``clusters.py`` for :func:`duplicate_clusters` (articles that are copies of one story, found first by
``minhash.py``), ``pairs.py`` for the per-pair tables (who copied whom, entity overlap, verdicts; every
pair or only those with evidence), ``summary.py`` for per-article churn and the heatmap matrices,
``spin.py`` for spinner evidence; ``tokens.py``, ``candidates.py``, ``align.py``, ``kernels.py`` are the
machinery, ``settings.py`` names every threshold.
"""
from .align import Alignment, AlignContext, align_boxes, align_pair, boxes_for_partners, local_alignments
from .candidates import candidate_pairs
from .clusters import CLUSTER_COLUMNS, OVERVIEW_COLUMNS, cluster_overview, duplicate_clusters
from .passages import PASSAGE_COLUMNS, PASSAGE_EXTRA_COLUMNS, extract_passages, passages
from .settings import DEFAULTS, Settings
from .spin import BROKEN_NAME_COLUMNS, broken_names
from .pairs import (ENTITY_COLUMNS, PAIR_COLUMNS, PAIR_VERDICT_COLUMNS, entity_overlap, pair_count, pair_verdicts,
                    reuse_pairs)
from .summary import LEVELS, SUMMARY_COLUMNS, copy_graph, matrix, pairs_graph, reuse_summary
from .tokens import LEXICON_FILE, Lexicon, Tokens, Vocab, load_lexicon, tokenize, word_key

__all__ = ["BROKEN_NAME_COLUMNS", "CLUSTER_COLUMNS", "DEFAULTS", "ENTITY_COLUMNS", "LEVELS", "LEXICON_FILE",
           "OVERVIEW_COLUMNS", "PAIR_COLUMNS", "PAIR_VERDICT_COLUMNS", "PASSAGE_COLUMNS", "PASSAGE_EXTRA_COLUMNS",
           "SUMMARY_COLUMNS", "AlignContext", "Alignment", "Lexicon", "Settings", "Tokens", "Vocab", "align_boxes",
           "align_pair", "boxes_for_partners", "broken_names", "candidate_pairs", "cluster_overview", "copy_graph",
           "duplicate_clusters", "entity_overlap", "extract_passages", "load_lexicon", "local_alignments", "matrix",
           "pair_count", "pair_verdicts", "pairs_graph", "passages", "reuse_pairs", "reuse_summary", "tokenize", "word_key"]
