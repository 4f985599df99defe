"""The named thresholds of the sanctions analysis (spaCy's ``default_config`` is the model).

Word lists live in ``data/sanctions_*.yaml`` (see :mod:`.lexicon`); the numbers that steer the
dependency walk and the list cross-check live here. Pass ``Settings(...)`` with other values to
:func:`analysis.sanctions.sanctions`, :func:`~analysis.sanctions.extract_sanctions` or
:func:`~analysis.sanctions.match_lists`; the defaults are the values the tests and the answer keys
were measured with.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """Thresholds of the extractor and of the list cross-check."""

    #: a sanction word is background when one of its nearest this many heads is a background
    #: governor or preposition ("relief from sanctions"); the climb also stops at the first verb
    background_depth: int = 4
    #: a status verb this many tokens or fewer before the sanction word governs it when the parse
    #: does not link them ("hit by X with asset freezes")
    action_window: int = 10
    #: a finite verb without a parsed subject: an authority named in the words this many tokens
    #: before it acts ("Britain on Thursday announced ...")
    subject_window: int = 8
    #: an action with no authority of its own takes the nearest one from this many sentence
    #: units before it (an earlier action's, or a sentence subject)
    context_units: int = 8
    #: the header of a document, where its issuer is named ("Council of the EU", "Statement by the Press
    #: Secretary"): this many non-empty lines from the top
    issuer_header_lines: int = 3
    #: a joint statement's signatories ("We, the leaders of ...") and issuer phrases are looked for in
    #: this many non-empty lines from the top
    issuer_lines: int = 4
    #: a sentence listing names ("They include X and Y") continues the action of a sentence at
    #: most this many units before it
    continuation_units: int = 1
    #: the members of a counted set ("sanctioned four companies") are looked for as the named subjects of
    #: at most this many sentence units after it ("The X Company is ...")
    counted_units: int = 8
    #: list cross-check: lowest score (0-100) of a candidate list entry that is reported;
    #: ``None`` means the ``threshold`` of ``data/sanctions_lists.yaml``
    match_threshold: float | None = None
    #: lowest rapidfuzz ratio (0-100) at which two name tokens pair; ``None`` means the
    #: ``token_similarity`` of ``data/sanctions_names.yaml``
    token_similarity: float | None = None
    #: list vocabulary tokens fetched per name token of a target (rapidfuzz ``limit``)
    candidate_tokens: int = 50
    #: person-name tokens shorter than this find no candidates on their own ("al", "bin")
    min_person_token: int = 3
    #: cost of a name token only the article has (a second given name), in tokens
    article_only_cost: float = 0.5
    #: cost of a name token only the list has: a whole token for persons ("Ali Karimi" is not
    #: "Ali-Reza Karimi"), half a token for organisations
    list_only_cost_person: float = 1.0
    list_only_cost_organization: float = 0.5
    #: organisations are ``related`` when one name contains the other with at least this many
    #: shared words
    related_min_shared: int = 2
