"""Speakers that are no speech verb's plain subject: the issuer of a document, the name of a roundup line.

* :func:`document_speaker` – *the council issued a statement calling the test “a violation”*,
  *according to the report*: a statement, a report or a tweet does not speak; the speaker is
  who issued it (its possessor, the organisation or person named with it, the subject of the verb
  that has it as object: :func:`issuer`). A document with no issuer named is a speaker of kind
  ``document`` ("the report"), not an empty one.
* :func:`lead_in_mention`, :func:`lead_in_cue` – *Jane Doe, The Daily Post: “...”*, *Hale's reply: “...”*:
  a short noun phrase and a colon before a quote name its speaker without any speech verb.
* :func:`elided_subject_speaker` – *Reed told reporters he had not read it. But told the radio: “...”*: a finite
  cue opening its sentence after a conjunction, with no subject, speaks with the previous cue of its paragraph.
* :func:`label_cue` – *Hale has gone after Reed as a “con artist”*: a quote given as what someone or something
  is (“as” before it) is the label the subject of the verb governing it puts on them, whatever the verb.

The nouns that name a document are ``source_nouns`` in ``data/claims_speakers.yaml``.
"""
from __future__ import annotations

import re

from ..nlp.docs import doc_text
from .cues import Cue, Lexicon
from .speakers import Mention, parse_mention, speaker_mention, strip_det, subtree_span

_ISSUER_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
_DEFINITE = ("the", "this", "that", "its", "their")
_GROUP_POSSESSIVES = {"its": "neuter", "their": "plural"}


def is_document(tok, lexicon: Lexicon) -> bool:
    """True when token ``tok`` is a noun naming a document (statement, report, tweet ...)."""
    return tok.pos_ in ("NOUN", "PROPN") and (tok.lower_ in lexicon.source_nouns
                                              or tok.lemma_.lower() in lexicon.source_nouns)


def document_speaker(doc, mention: Mention | None, lexicon: Lexicon, surnames: set[str]) -> Mention | None:
    """``mention``, or, when it names a document, the document's issuer, else a ``document`` mention."""
    if mention is None or mention.type not in ("generic", "collective", "anaphor"):
        return mention
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or not len(span) or not is_document(span.root, lexicon):
        return mention
    found = issuer(doc, span.root, lexicon, surnames)
    if found is None:
        return _document_mention(doc, span.start, span.end)
    found.document = span.root.lemma_.lower()
    return found


def according_to_document(doc, cue: Cue, lexicon: Lexicon) -> Mention | None:
    """*according to the report* (no issuer left once the document noun is dropped): a ``document`` mention."""
    if cue.kind != "according_to" or cue.obj is None:
        return None
    for k in range(cue.obj, min(len(doc), cue.obj + 6)):
        if doc[k].is_punct:
            break
        if is_document(doc[k], lexicon):
            return _document_mention(doc, cue.obj, k + 1)
    return None


def _document_mention(doc, a: int, b: int) -> Mention:
    toks = doc[a:b]
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    text = doc_text(doc)[start:end]
    return Mention(start, end, "document", strip_det(text), start, end, role_noun=toks.root.lemma_.lower(),
                   definite=toks[0].lower_ in _DEFINITE, document=toks.root.lemma_.lower())


def issuer(doc, head, lexicon: Lexicon, surnames: set[str]) -> Mention | None:
    """Who issued the document whose noun is ``head``: *the ministry's statement*, *a city council
    statement*, *X issued a statement ...*; None when the text does not say."""
    poss = next((c for c in head.children if c.dep_ == "poss"), None)
    if poss is not None:
        if poss.lower_ in _GROUP_POSSESSIVES or poss.lower_ in ("his", "her"):
            pron = {"his": "he", "her": "she", "its": "it", "their": "they"}[poss.lower_]
            return Mention(poss.idx, poss.idx + len(poss), "pronoun", None, poss.idx, poss.idx + len(poss),
                           gender=lexicon.pronoun_gender.get(pron))
        a, b = subtree_span(poss)
        while b > a and doc[b - 1].lower_ in ("'s", "’s", "'"):
            b -= 1
        found = parse_mention(doc, a, b, lexicon, surnames)
        if found is not None:
            return found
    named = [c for c in head.children if c.dep_ in ("compound", "amod", "nmod") and c.i < head.i
             and (c.ent_type_ in _ISSUER_ENTS or c.pos_ == "PROPN")]
    if named:
        a, b = subtree_span(named[0])
        b = max(b, max(subtree_span(c)[1] for c in named))
        found = parse_mention(doc, a, b, lexicon, surnames)
        if found is not None and found.type in ("person", "collective"):
            return found
    verb = head.head
    if head.dep_ == "dobj" and verb.pos_ == "VERB":
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None and not is_document(subj, lexicon):
            if subj.lower_ in lexicon.pronoun_gender:
                return parse_mention(doc, subj.i, subj.i + 1, lexicon, surnames)
            a, b = subtree_span(subj)
            return parse_mention(doc, a, b, lexicon, surnames)
    return None


def lead_in_mention(doc, sent_start: int, colon: int, lexicon: Lexicon, surnames: set[str],
                    max_words: int = 8) -> Mention | None:
    """The speaker a short verbless lead-in before a colon names: *Jane Doe, The Daily Post:*, *Hale's reply:*
    (``sent_start``, ``colon``: token indices of the sentence start and of the colon); None when it names nobody."""
    toks = [t for t in doc[sent_start:colon] if not t.is_space]
    if not toks or len(toks) > max_words or any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None
    a, b = toks[0].i, toks[-1].i + 1
    root = doc[a:b].root
    if root.lower_ in lexicon.nouns or is_document(root, lexicon):   # "Hale's reply:", "Hale's statement:"
        poss = next((c for c in root.children if c.dep_ == "poss"), None)
        if poss is None:
            return None
        a, b = subtree_span(poss)
        while b > a and doc[b - 1].lower_ in ("'s", "’s", "'"):
            b -= 1
    mention = parse_mention(doc, a, b, lexicon, surnames)
    return mention if mention is not None and mention.type == "person" else None


def lead_in_cue(doc, sent_start: int, colon, lexicon: Lexicon, surnames: set[str]) -> Cue | None:
    """``Jane Doe, The Daily Post: “...”`` / ``Hale's reply: “...”``: the colon token ``colon`` as the cue of a
    named lead-in starting at text offset ``sent_start``, or None."""
    first = doc.char_span(sent_start, colon.idx, alignment_mode="expand")
    if first is None or not len(first):
        return None
    mention = lead_in_mention(doc, first.start, colon.i, lexicon, surnames)
    if mention is None:
        return None
    return Cue(colon.i, colon.idx, colon.idx + 1, ":", "assert", "lead_in", speaker=mention, quote_only=True)


_AS_LABEL = re.compile(r"\bas\s+(?:(?:an?|the)\s+)?[\"“]?$", re.I)
_AND_LABEL = re.compile(r"^[\"”’,]*\s*(?:and|or)\s+(?:(?:an?|the)\s+)?[\"“]?$", re.I)


def label_cue(doc, seg, sent: tuple[int, int], segments, lexicon: Lexicon, surnames: set[str],
              prev: tuple | None = None) -> Cue | None:
    """A weak cue on the verb governing a quote given as a label (*went after Reed as a “con artist”*), when its
    subject names a person or a group; ``prev`` (the previous label's segment and cue) carries the cue over to a
    label coordinated with it (*as a “leech” and a “brat”*)."""
    text = doc_text(doc)
    if prev is not None and _AND_LABEL.match(text[prev[0].close:seg.open]):
        return prev[1]
    if not _AS_LABEL.search(text[max(sent[0], seg.open - 8):seg.open + 1]):
        return None
    span = doc.char_span(seg.start, seg.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    verb = next((a for a in span.root.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None or not sent[0] <= verb.idx < seg.open:
        return None
    cue = Cue(verb.i, verb.idx, verb.idx + len(verb), verb.text, "assert", "verb", quote_only=True, weak=True)
    cue.speaker = speaker_mention(doc, cue, segments, sent, lexicon, surnames)
    if cue.speaker is None or cue.speaker.type not in ("person", "collective"):
        return None
    return cue


def elided_subject_speaker(doc, cues: list[Cue], k: int, sent: tuple[int, int], para: tuple[int, int]):
    """The speaker of the cue before ``cues[k]`` in its paragraph when ``cues[k]`` is a finite verb with no subject
    and only conjunctions or adverbs before it in its sentence (*But told the radio: “...”*), else None."""
    cue, tok = cues[k], doc[cues[k].i]
    if k == 0 or cue.kind != "verb" or tok.tag_ not in ("VBD", "VBZ", "VBP") \
            or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children):
        return None
    lead = doc.char_span(sent[0], cue.start, alignment_mode="expand")
    if lead is None or not all(t.pos_ in ("CCONJ", "ADV", "PUNCT", "SPACE") for t in lead):
        return None
    prev = cues[k - 1]
    return prev.speaker if para[0] <= prev.start and prev.speaker is not None else None
