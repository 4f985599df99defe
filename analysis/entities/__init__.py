"""Named entities with one canonical name each: honest mention and article counts (one row per mention).

Open ``tables.py`` for the DataFrames (mentions, frequency, aliases_report, cooccurrence, ...),
``extract.py`` for the stages and the per-Doc ``extract_mentions``, ``candidates.py`` / ``clean.py``
for finding and trimming names, ``resolve.py`` / ``fuzzy.py`` for the resolution strategies,
``labels.py`` for the label vote, ``recall.py`` for forms spaCy missed, ``lexicon.py`` for the alias
table and word lists, ``settings.py`` for the thresholds. Figures are in ``analysis.plots.entities``.
"""
from .candidates import Candidate
from .extract import doc_candidates, extract_mentions, resolve_docs
from .lexicon import (ALIASES_ENV, ALIASES_FILE, LEXICON_FILE, Entry, Lexicon, alias_key, aliases_path,
                      lexicon_version, load_lexicon, spelling_variants)
from .settings import (COLUMNS, DEFAULTS, FUZZY_SURNAME_THRESHOLD, FUZZY_THRESHOLD, LABEL_PRIORITY, LABELS,
                       NAME_LABELS, OTHER_NAME_LABELS, Settings)
from .tables import (RENDER_COLORS, aliases_report, cooccurrence, entity_at, frequency,
                     label_corrections, mentions, render_html, resolve_name)

__all__ = [
    "ALIASES_ENV", "ALIASES_FILE", "COLUMNS", "DEFAULTS", "FUZZY_SURNAME_THRESHOLD", "FUZZY_THRESHOLD",
    "LABELS", "LABEL_PRIORITY", "LEXICON_FILE", "NAME_LABELS", "OTHER_NAME_LABELS", "RENDER_COLORS",
    "Candidate", "Entry", "Lexicon", "Settings", "alias_key", "aliases_path", "aliases_report",
    "cooccurrence", "doc_candidates", "entity_at", "extract_mentions", "frequency", "label_corrections",
    "lexicon_version", "load_lexicon", "mentions", "render_html", "resolve_docs", "resolve_name",
    "spelling_variants",
]
