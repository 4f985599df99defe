"""The named thresholds of claim attribution: :class:`Settings` (defaults are today's measured values).

Pass ``settings=Settings(...)`` to :func:`analysis.claims.claims` or
:func:`analysis.claims.extract_claims` to try other values; the defaults give the
figures of ``benchmarks/claims.py`` reported in the README.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """Thresholds of quote reading, speaker resolution, confidence and denial pairing."""

    #: quoted terms of at most this many words need an attached cue to count as a claim (scare quotes)
    scare_quote_max_words: int = 3
    #: a quote with no cue continues the previous quote's speaker at most this many paragraphs later
    continuation_paragraphs: int = 3
    #: a quoted fragment with no speaker and at most ``scare_quote_max_words`` + this many words is a scare quote
    orphan_fragment_extra_words: int = 2
    #: a speech tag after a quote is at most this many words after its closing mark ...
    tag_max_words: int = 14
    #: ... and, when the quote ended its sentence, at most this many (else it is another sentence's cue)
    tag_after_sentence_words: int = 5
    #: a quote after a comma lead-in of at most this many words ("Hale said, “...”") is direct
    lead_in_max_words: int = 8
    #: a long quote after at most this many words, closed by ",?!" and a speech tag, is direct
    short_lead_in_words: int = 6
    #: a dash attribution ("“...” — Name") names at most this many words
    dash_name_max_words: int = 10
    #: reported speech needs this many words outside quotes (a denial: ``denial_min_words``)
    reported_min_words: int = 3
    denial_min_words: int = 1
    #: a pronoun prefers a nearer person subject over its nearest earlier speaker when that speaker
    #: is more than this many paragraphs back
    speaker_paragraphs_back: int = 2
    #: confidence of a speaker found ... named at the cue
    confidence_named: float = 0.95
    #: ... as a collective ("the ministry", a country)
    confidence_collective: float = 0.85
    #: ... through a he/she pronoun
    confidence_pronoun: float = 0.8
    #: ... through a role ("the spokesman")
    confidence_role: float = 0.75
    #: ... by continuing the previous quote, or by a definite noun phrase naming an earlier speaker
    confidence_continuation: float = 0.7
    confidence_definite: float = 0.7
    #: ... as a generic source ("officials") or through "they"/"it"
    confidence_generic: float = 0.6
    #: at most this for the subject of a verb before a colon (a guessed cue)
    confidence_weak_cue: float = 0.5
    #: an unresolved speaker
    confidence_unresolved: float = 0.2
    #: taken off a partial quote's confidence
    partial_penalty: float = 0.05
    #: a speaker takes an entity's id and name when their overlap covers this share of the speaker ...
    entity_min_speaker_share: float = 0.7
    #: ... and this share of the entity mention
    entity_min_mention_share: float = 0.5
    #: denials: pairs scoring at least this are kept ...
    denial_min_score: float = 0.4
    #: ... the best in the same article and up to this many from other articles ...
    denial_cross_article: int = 3
    #: ... which need at least this share of the denial's content words
    denial_cross_min_score: float = 0.75
    #: a claim at most this many characters before the denial in its article scores this much more
    denial_nearby_chars: int = 600
    denial_nearby_bonus: float = 0.25


#: Today's values.
DEFAULTS = Settings()
