"""Who sanctions whom: sanction actions read from news text, cross-checked with the official lists.

Open ``tables.py`` for the corpus tables (:func:`sanctions`, :func:`consolidated`), ``extract.py`` for the per-Doc
extractor, ``triggers.py`` / ``status.py`` / ``targets.py`` (with ``arguments.py``, ``items.py`` and ``refine.py``) /
``authorities.py`` for the steps of the dependency walk, ``issuer.py`` for who speaks in a government text
(its issuer, a joint statement's signatories, the reporters of a briefing), ``continuation.py`` for targets
named after the sentence that sanctions them, ``names.py`` for name keys, ``lists.py`` for OFAC/UK lists,
``ftm.py`` for FollowTheMoney and graph data, ``lexicon.py`` for ``data/sanctions_*.yaml`` and ``settings.py``
for the thresholds.
"""
from .authorities import (authority_country, country_name, find_authorities, resolve_authorities,
                          resolve_authority)
from .extract import ROW_KEYS, extract_sanctions, resolve_date
from .ftm import graph, target_label, to_ftm
from .items import Target
from .lexicon import Lexicon, load_lexicon
from .lists import (LIST_COLUMNS, LISTS_FOLDER, MATCH_COLUMNS, VERDICT_RANK, compare_names, list_summary,
                    load_lists, match_lists, read_ofac, read_uk)
from .names import canonical_name, name_tokens
from .parse import markup_tokens
from .settings import Settings
from .status import STATUSES
from .tables import (COLUMNS, CONSOLIDATED_COLUMNS, NO_AUTHORITY, article_rows, consolidated, sanctions,
                     sanctions_from_rows, status_by_authority)
from .targets import find_targets
from .triggers import Trigger, find_triggers

__all__ = ["COLUMNS", "CONSOLIDATED_COLUMNS", "LISTS_FOLDER", "LIST_COLUMNS", "Lexicon", "MATCH_COLUMNS",
           "NO_AUTHORITY", "ROW_KEYS", "STATUSES", "Settings", "Target", "Trigger", "VERDICT_RANK",
           "article_rows", "authority_country", "canonical_name", "compare_names", "consolidated", "country_name",
           "extract_sanctions", "find_authorities", "find_targets", "find_triggers", "graph", "list_summary",
           "load_lexicon", "load_lists", "markup_tokens", "match_lists", "name_tokens", "read_ofac", "read_uk",
           "resolve_authorities", "resolve_authority", "resolve_date", "sanctions", "sanctions_from_rows",
           "status_by_authority",
           "target_label", "to_ftm"]
