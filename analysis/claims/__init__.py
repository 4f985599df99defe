"""Claim attribution: who said what and who denied what, as tables with offsets into the original files.

Open ``tables.py`` for claims()/denials()/summaries, ``extract.py`` for the per-Doc extract_claims(), ``cues.py``
(cue lexicon: data/claims_cues.yaml and the communication verb classes of data/claims_verb_classes.yaml),
``quotes.py`` (reading quoted segments; titles and scare quotes as kind ``term``), ``speakers.py`` (mentions),
``names.py`` (names, the article's surnames and role holders), ``sources.py`` (a document's issuer, roundup
lines), ``coref.py`` (pronouns, roles), ``reported.py`` (reported speech), ``units.py`` (one claim per
attribution: mixed quotes, nested clauses), ``linking.py`` (speakers as entities: entity_id), ``settings.py``
(thresholds). Cross-article quote groups: analysis.quotes.
"""
from .coref import Resolved, article_genders, full_name, resolve_speakers
from .cues import STANCES, Cue, Lexicon, find_cues, load_lexicon
from .extract import Draft, article_drafts, extract_claims
from .quotes import sentence_spans
from .settings import DEFAULTS, Settings
from .speakers import Mention, parse_mention, speaker_mention
from .units import format_spans, parse_spans, quoted_words_text
from .tables import (CLAIM_COLUMNS, DENIAL_COLUMNS, KINDS, UNNAMED, UNRESOLVED, claims, claims_from_extracted, denials,
                     speaker_article_matrix, speaker_summary, words_quoted_by_article)

#: Quoted terms of at most this many words need an attached cue to count as a claim (:class:`Settings`).
SCARE_QUOTE_MAX_WORDS = DEFAULTS.scare_quote_max_words
#: A quote with no cue and no earlier speaker this many paragraphs back is left unresolved (:class:`Settings`).
CONTINUATION_PARAGRAPHS = DEFAULTS.continuation_paragraphs

__all__ = ["CLAIM_COLUMNS", "CONTINUATION_PARAGRAPHS", "DEFAULTS", "DENIAL_COLUMNS", "KINDS", "SCARE_QUOTE_MAX_WORDS",
           "STANCES", "UNNAMED", "UNRESOLVED", "Cue", "Draft", "Lexicon", "Mention", "Resolved", "Settings", "article_drafts",
           "article_genders", "claims", "claims_from_extracted", "denials", "extract_claims", "find_cues", "format_spans", "full_name",
           "load_lexicon", "parse_mention", "parse_spans", "quoted_words_text", "resolve_speakers", "sentence_spans", "speaker_article_matrix", "speaker_mention",
           "speaker_summary", "words_quoted_by_article"]
