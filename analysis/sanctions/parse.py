"""Reading spaCy's parse: sentence units, the walk up the dependency tree, markup and quotes in a Doc.

A *unit* is ``(start_token, end_token)``: a sentence cut again at paragraph breaks (see :func:`units`);
every walk stays inside one. Markup is found by :func:`analysis.text.markup.markup_spans`, quotation
marks are paired by :func:`analysis.text.quotes.quoted_spans`.
"""
from __future__ import annotations

import re

from ..text.markup import markup_spans
from ..text.quotes import quoted_spans

#: Named-entity labels a target can carry.
NAMED = {"PERSON", "ORG", "GPE", "FAC", "NORP", "PRODUCT", "LOC"}
#: Pronouns and determiners of the speaker ("we sanctioned", "our sanctions").
FIRST_PERSON = {"we", "our", "us", "ours", "i", "my", "me"}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
#: Docs whose markup tokens are remembered (the latest few: one analysis walks one Doc at a time).
MARKUP_MEMO = 8

_MARKUP_CACHE: dict[int, tuple] = {}
#: A dateline ("PARIS (Wire) —") ends within this many tokens of the unit's start.
_DATELINE_MAX = 8
_DASHES = {"—", "–", "-", "--"}


def in_unit(tok, unit) -> bool:
    """Whether ``tok`` lies inside ``unit``."""
    return unit[0] <= tok.i < unit[1]


def ancestors(tok, unit):
    """Heads of ``tok`` up to the unit's root, never leaving the unit."""
    seen = set()
    while tok.head.i != tok.i and in_unit(tok.head, unit) and tok.head.i not in seen:
        tok = tok.head
        seen.add(tok.i)
        yield tok


def is_verb(tok) -> bool:
    """A verb by its tag, or by its auxiliary or direct object when the tagger called it a noun ("urged X to
    sanction Y", "go further and sanction Y")."""
    return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB") or \
        (tok.pos_ == "NOUN" and any((c.dep_ == "aux" and c.lower_ == "to") or c.dep_ == "dobj" for c in tok.children))


def is_time(tok) -> bool:
    """A date or time word ("on Thursday"), never a target."""
    return tok.ent_type_ in ("DATE", "TIME") or tok.lower_ in WEEKDAYS


def prep_phrase(prep) -> str:
    """Text of a preposition with the words that make it multi-word ("because of", "together with")."""
    doc = prep.doc
    words = [prep.text.lower()]
    before = doc[prep.i - 1] if prep.i > 0 else None
    if before is not None and (before.head.i == prep.i or prep.head.i == before.i or before.dep_ in ("advmod", "mark")):
        words.insert(0, before.text.lower())
    return " ".join(words)


def subtree_text(tok, unit, skip_deps=("relcl", "acl", "appos")) -> str:
    """Text of a token's subtree inside the unit, without clauses hanging off it."""
    doc = tok.doc
    drop = set()
    for child in tok.children:
        if child.dep_ in skip_deps:
            drop.update(t.i for t in child.subtree)
    toks = [t for t in tok.subtree if in_unit(t, unit) and t.i not in drop]
    if not toks:
        return tok.text
    return doc[toks[0].i:toks[-1].i + 1].text


def span_text(tok, unit) -> str:
    """Text of a token's whole subtree inside the unit, punctuation and conjunctions trimmed at the edges."""
    toks = clean_edges([t for t in tok.subtree if in_unit(t, unit)])
    if not toks:
        return tok.text
    return tok.doc[toks[0].i:toks[-1].i + 1].text


def mention_text(tok) -> str:
    """A name with the words in front of it and its apposition ("US State Department spokesman Jane Doe")."""
    doc = tok.doc
    start = tok.left_edge.i
    end = tok.i + 1
    for child in tok.children:
        if child.dep_ == "appos":
            end = max(end, child.right_edge.i + 1)
    return doc[start:end].text


def clean_edges(tokens: list) -> list:
    """``tokens`` without punctuation, spaces and conjunctions at the start, punctuation and spaces at the end."""
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].dep_ == "cc"
                      or tokens[0].text.lower() in ("and", "or")):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def ent_at(tok):
    """The named-entity span that starts at (or contains) ``tok``, if any."""
    if tok.ent_type_ in NAMED:
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent
    return None


def in_quote(tok, doc, unit) -> bool:
    """Whether ``tok`` stands inside quotation marks opened in its own sentence unit.

    The marks are paired by :func:`analysis.text.quotes.quoted_spans` on the unit's text alone,
    so a quote opened in an earlier sentence does not count.
    """
    span = doc[unit[0]:unit[1]]
    offset = tok.idx - span.start_char
    return any(a <= offset < b for a, b in quoted_spans(span.text))


def markup_tokens(doc) -> frozenset[int]:
    """Indices of tokens that are markup left in plain text (tags, comments, scripts, ``=``, ``<``, ``>``).

    Scraped articles keep stray HTML; a target never runs into it (see :func:`analysis.text.markup.markup_spans`).
    """
    hit = _MARKUP_CACHE.get(id(doc))
    if hit is not None and hit[0] is doc:
        return hit[1]
    spans = markup_spans(doc.text)
    out = set()
    for tok in doc:
        if any(ch in tok.text for ch in "<>=") or any(a < tok.idx + len(tok.text) and tok.idx < b for a, b in spans):
            out.add(tok.i)
    if len(_MARKUP_CACHE) > MARKUP_MEMO:
        _MARKUP_CACHE.clear()
    result = frozenset(out)
    _MARKUP_CACHE[id(doc)] = (doc, result)
    return result


def markup_runs(tokens: list, doc) -> list[list]:
    """``tokens`` split at markup tokens, which are dropped (a target stops at markup)."""
    markup = markup_tokens(doc)
    if not markup:
        return [tokens]
    runs: list[list] = [[]]
    for t in tokens:
        if t.i in markup:
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append(t)
    return [r for r in runs if r]


def _paragraph_pieces(doc) -> list[list[int]]:
    """spaCy's sentences cut again at paragraph breaks: ``[start, end, 0]`` token ranges."""
    pieces: list[list[int]] = []
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if tok.is_space and "\n" in tok.text:
                if tok.i > start:
                    pieces.append([start, tok.i, 0])
                start = tok.i + 1
        if start < sent.end:
            pieces.append([start, sent.end, 0])
    return pieces


def _no_break_between(doc, end: int, start: int) -> bool:
    return not any(t.is_space and "\n" in t.text for t in doc[end:start])


def units(doc) -> list[tuple[int, int, int | None]]:
    """Sentence units as ``(start_token, end_token, merge_token)``.

    spaCy sentences are cut again at paragraph breaks, and a unit that starts with
    a lower-case word inside the same paragraph is glued back to the one before: an edited
    sentence never opens in lower case, so the cut was a stray or abbreviating full stop
    ("... Adm. Jane Roe. and the air force chief ...", "... Acme Co. as well as ...");
    ``merge_token`` is where the glue is. A sentence break the parser put inside stray
    markup ("X <!-- note --> and Y") is none either.
    """
    found: list[tuple[int, int, int | None]] = []
    markup = markup_tokens(doc)
    for s, e, _ in _paragraph_pieces(doc):
        while s < e and doc[s].is_space:
            s += 1
        if s >= e:
            continue
        if found and markup and (s in markup or found[-1][1] - 1 in markup) and _no_break_between(doc, found[-1][1], s):
            ps, _, pm = found[-1]
            found[-1] = (ps, e, pm)
        elif found and doc[s].is_alpha and doc[s].text.islower() and _no_break_between(doc, found[-1][1], s):
            ps, _, pm = found[-1]
            found[-1] = (ps, e, s)
        elif found and _list_number(doc, found[-1]):
            found[-1] = (found[-1][0], e, found[-1][2])     # "1." cut off its list line
        else:
            found.append((s, e, None))
    return found


def _list_number(doc, unit) -> bool:
    """A unit that is only a list number ("1.", "2)"): it opens the line after it."""
    toks = [t.text for t in doc[unit[0]:unit[1]] if not t.is_space]
    return 1 <= len(toks) <= 2 and toks[0].rstrip(".)").isdigit() and (len(toks) == 2 and toks[1] in (".", ")")
                                                                       or toks[0][-1:] in (".", ")"))


def dateline_end(doc, unit) -> int:
    """The first token after a news dateline that opens the unit ("PARIS (Wire) -", "OSLO —"):
    a place in capitals, an optional agency in brackets, then a dash; ``unit[0]`` when there is none."""
    for tok in doc[unit[0]:min(unit[1], unit[0] + _DATELINE_MAX)]:
        if tok.text in _DASHES:
            head = [t for t in doc[unit[0]:tok.i] if t.is_alpha]
            caps = [t for t in head if t.is_upper and len(t) > 1]
            return tok.i + 1 if caps and head[:len(caps)] == caps else unit[0]
    return unit[0]


def trim_reason(text: str) -> str:
    """A reason phrase without a trailing relative clause (", who ...") and edge punctuation."""
    text = re.split(r",\s+(?:who|which)\b", text)[0]
    return text.strip(" ,.;“”\"")


def action_clauses(tok, verbs: set, containers: set) -> list:
    """Relative or participle clauses with one of ``verbs`` on the sanction word, or on the noun that holds it
    ("the sanctions that X imposed on Y", "a package of sanctions that X would impose on Y")."""
    nouns = [tok]
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in containers:
        nouns.append(tok.head.head)
    return [c for n in nouns for c in n.children if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in verbs]
