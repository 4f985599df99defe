"""Labels, output columns and the named thresholds of the entity layer (:class:`Settings`)."""
from __future__ import annotations

from dataclasses import dataclass

#: Entity labels reported (spaCy / OntoNotes names).
LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "LAW", "PRODUCT", "EVENT")
#: spaCy labels that can hold a mislabelled name: kept only when the vote gives a reported label.
OTHER_NAME_LABELS = ("FAC", "WORK_OF_ART", "LANGUAGE")
#: spaCy labels of spans that are never names (a propagated surname inside one is skipped).
NOT_NAMES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
#: Order used to break ties in the label vote.
LABEL_PRIORITY = ("PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "LAW", "PRODUCT") + OTHER_NAME_LABELS
#: Labels whose names must be capitalised (a lower-case content word ends the name).
NAME_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP")

#: Columns of :func:`analysis.entities.mentions` and :func:`analysis.entities.extract_mentions`.
COLUMNS = ["doc_id", "start", "end", "text", "label", "canonical", "entity_id", "sentence_id",
           "role", "method", "score", "detail", "source", "spacy_label", "in_headline"]


@dataclass(frozen=True)
class Settings:
    """Thresholds of the entity layer (defaults measured on ``benchmarks/entities.py``)."""

    #: minimum rapidfuzz ratio (0-100) for a near-miss or spun multi-word name to join a known name
    fuzzy_threshold: int = 88
    #: single-word surnames need a closer match ("Kowalczik" -> Kowalczyk)
    fuzzy_surname_threshold: int = 90
    #: a single word is compared with known surnames only from this many characters
    fuzzy_surname_min_chars: int = 6
    #: best candidates kept per rapidfuzz search (plain and spinner-normalised keys)
    fuzzy_candidates: int = 20
    #: two names whose keys differ in length by more than max(this, half the key) are never merged
    fuzzy_length_slack: int = 8
    #: word-by-word check of a fuzzy merge: edits allowed in a word of at least
    #: ``long_word_chars`` letters, edits allowed in a shorter word, shortest abbreviation ("Corp")
    long_word_edits: int = 2
    short_word_edits: int = 1
    long_word_chars: int = 5
    abbreviation_min_chars: int = 3
    #: tokens after a name searched for an acronym it defines ("…, or ABC", "(ABC)")
    acronym_window: int = 5
    #: longest run of capitalised tokens taken as an organisation name ending with a head word
    org_phrase_max_tokens: int = 6
    #: shortest form (characters) re-found in an article where spaCy missed it
    propagate_min_chars: int = 3
    #: label vote weights: a mention written as a two-word personal name; a short form resolved to a
    #: full name but labelled otherwise; a span cut before a lower-case word (its label was the phrase's);
    #: a role or title in front of the name (a vote for PERSON)
    person_name_weight: float = 2.0
    fullname_other_label_weight: float = 0.5
    cut_weight: float = 0.25
    role_vote: float = 1.0
    #: a vote for ORG from an organisation noun written right after the name ("Tessaro stock")
    org_noun_vote: float = 3.0
    #: a vote for ORG from a one-word name coordinated with an organisation ("the Tenants Union and Demoz")
    org_conj_vote: float = 1.5
    #: a vote for ORG from a one-word name in a match (results row, "beat", "against"): a team
    team_vote: float = 1.5
    #: label vote weight of a mention placed by the layout (a dateline's place, a party tag's state)
    layout_weight: float = 5.0


#: The settings used when none are given.
DEFAULTS = Settings()
#: Minimum rapidfuzz ratio for a near-miss or spun name (``Settings.fuzzy_threshold``).
FUZZY_THRESHOLD = DEFAULTS.fuzzy_threshold
#: Minimum ratio for a single-word surname (``Settings.fuzzy_surname_threshold``).
FUZZY_SURNAME_THRESHOLD = DEFAULTS.fuzzy_surname_threshold
