"""Sanction words in a Doc: measure phrases ("asset freezes"), generic nouns ("sanctions") and designation verbs.

:func:`find_triggers` returns one :class:`Trigger` per sanction word, from a spaCy ``Matcher`` built
from the lexicon's measure vocabulary. Matchers are kept per (lexicon content, vocab), a few at most.
"""
from __future__ import annotations

from dataclasses import dataclass

from .parse import is_verb
from .lexicon import Lexicon, forms

#: Matchers kept per process (oldest dropped first).
MATCHER_LIMIT = 8
#: Parts of speech allowed between the verb and the object of a measure verb phrase ("froze their assets").
_VERB_PHRASE_FILLERS = ["DET", "PRON", "ADJ", "NUM", "PROPN", "PART", "NOUN", "ADP"]
#: At most this many words between the verb and the object ("froze hundreds of millions of dollars of assets").
_VERB_PHRASE_GAP = 8

_MATCHERS: dict = {}


@dataclass
class Trigger:
    """One sanction word: tokens ``start:end``, the token ``head`` the parse hangs it on, its measure,
    whether it is generic ("sanctions") and whether it is a verb ("designated", "froze the assets")."""

    start: int
    end: int
    head: int
    measure: str
    generic: bool
    verb: bool
    #: the object word of a measure verb phrase ("banned new investments": "investments"), else None
    obj: int | None = None


def _phrase_pattern(words: list[str]) -> list[dict]:
    return [{"LOWER": {"IN": sorted(forms(w))}} for w in words]


def build_matcher(vocab, lex: Lexicon):
    """The ``Matcher`` of the lexicon's measure phrases, generic words and verb phrases for ``vocab``.

    Kept per ``(lex.key, vocab)``: the lexicon's content hash, never its identity, so a matcher
    is never served for another lexicon; the vocab object itself is part of the key.
    """
    key = (lex.key, vocab)
    if key in _MATCHERS:
        return _MATCHERS[key]
    from spacy.matcher import Matcher
    matcher = Matcher(vocab)
    for canonical, phrases in lex.measures.items():
        for phrase in phrases:
            matcher.add("M|" + canonical, [_phrase_pattern(phrase.replace("-", " - ").split())])
    for phrase in lex.generic:
        matcher.add("G|" + lex.generic_label, [_phrase_pattern(phrase.split())])
    for canonical, pairs in (lex.verb_phrases or {}).items():
        for verb, *middle, obj in pairs:
            matcher.add("V|" + canonical, [[{"LEMMA": str(verb), "POS": "VERB"},
                                            *({"LOWER": str(w).lower()} for w in middle),
                                            {"POS": {"IN": _VERB_PHRASE_FILLERS},
                                             "OP": "{0,%d}" % _VERB_PHRASE_GAP},
                                            {"LOWER": {"IN": sorted(forms(obj))}}]])
    if len(_MATCHERS) >= MATCHER_LIMIT:
        _MATCHERS.pop(next(iter(_MATCHERS)))
    _MATCHERS[key] = matcher
    return matcher


def _matched_triggers(doc, lex: Lexicon) -> list[Trigger]:
    """Triggers from the matcher's longest non-overlapping matches."""
    from spacy.util import filter_spans
    matcher = build_matcher(doc.vocab, lex)
    spans = []
    for match_id, s, e in matcher(doc):
        span = doc[s:e]
        span.label_ = doc.vocab.strings[match_id]
        spans.append(span)
    out = []
    for span in filter_spans(spans):
        kind, measure = span.label_.split("|", 1)
        if kind == "V":
            out.append(Trigger(span.start, span.start + 1, span.start, measure, False, True, obj=span.end - 1))
            continue
        root = span[-1]
        if kind == "G" and root.lemma_.lower() in lex.verbs and is_verb(root):
            out.append(Trigger(span.start, span.end, root.i, lex.verbs[root.lemma_.lower()], True, True))
            continue
        if kind == "G" and root.tag_ in ("JJ", "VBN") and root.dep_ == "amod":
            continue  # "sanctioned entities": a description, not an action
        out.append(Trigger(span.start, span.end, root.i, measure, kind == "G", False))
    return out


def _lists_persons(verb, lex: Lexicon) -> bool:
    """An active passive-only verb whose object is a set of persons or entities ("decided to list 120
    individuals and entities"; not "they listed 370 victims"): the ``counted_sets`` nouns of the cues file."""
    nouns = {str(w).lower() for words in (lex.cues.get("counted_sets") or {}).values() for w in words}
    return any(c.dep_ == "dobj" and c.lower_ in nouns for c in verb.children)


def find_triggers(doc, lex: Lexicon) -> list[Trigger]:
    """Sanction words in a Doc, in text order: measure phrases, generic nouns and designation verbs."""
    out = _matched_triggers(doc, lex)
    taken = {i for t in out for i in range(t.start, t.end)}
    verbs = {v.lower() for v in lex.verbs}
    passive = lex.passive_verbs
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.i in taken or tok.pos_ not in ("VERB", "AUX") or tok.dep_ == "amod":
            continue
        if lemma in verbs:
            out.append(Trigger(tok.i, tok.i + 1, tok.i, lex.verbs[lemma], True, True))
        elif lemma in passive and (any(c.dep_ == "auxpass" for c in tok.children) or _lists_persons(tok, lex)):
            out.append(Trigger(tok.i, tok.i + 1, tok.i, passive[lemma], True, True))
    return sorted(out, key=lambda t: t.start)
