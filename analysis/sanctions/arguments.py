"""The arguments of a designation verb that name its targets: the direct object, the passive subject (or the
words before a passive without one), a "those sanctioned" clause, and objects the parse misread."""
from __future__ import annotations

from .lexicon import Lexicon
from .parse import ancestors, in_unit, is_verb


def _those_region(holder, doc, unit) -> list | None:
    """"Those sanctioned include X" (the words after the clause verb) and "X was among those sanctioned
    by Canada" (the subject before it), for a designation verb hanging off a pronoun."""
    if not (holder.dep_ == "acl" and holder.head.pos_ == "PRON" and in_unit(holder.head, unit)):
        return None
    clause = holder.head
    for anc in ancestors(holder.head, unit):
        if is_verb(anc):
            clause = anc
            break
    before = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < holder.head.i
              and c.i != holder.head.i and c.text.lower() not in ("those", "them")]
    if before and clause.lemma_.lower() == "be":
        return sorted((t for t in before[0].subtree if in_unit(t, unit)), key=lambda t: t.i)
    after = clause.i + 1
    if clause.i > holder.i and after < unit[1] and doc[after].pos_ not in ("ADJ", "ADV", "VERB", "AUX"):
        return [t for t in doc[after:unit[1]]]      # not "Those designated are subject to an asset freeze"
    return None


def verb_arguments(holder, doc, unit, lex: Lexicon, trigger_idx: set) -> tuple[list, list]:
    """``(anchors, regions)`` of a designation verb: its direct object, its passive subject (or the
    words before a passive without one), and a "those sanctioned" clause."""
    anchors, regions = [], []
    antecedent = _antecedent(holder, unit)
    if antecedent:
        return [], [antecedent]
    for child in holder.children:
        if child.dep_ == "dobj" and child.i not in trigger_idx and in_unit(child, unit):
            if child.lemma_.lower() in lex.cue("approval_objects"):
                continue        # "sanctioning military action": the other sense of the verb
            anchors.append(child)
    passive_subj = [c for c in holder.children if c.dep_ == "nsubjpass"]
    if passive_subj and in_unit(passive_subj[0], unit):
        anchors.append(passive_subj[0])
    elif any(s.dep_ in ("nsubj", "attr") and s.i > a.i for a in holder.children if a.dep_ == "auxpass"
             for s in a.children):
        # "Also designated today is X": the subject of the inverted auxiliary
        anchors.extend(s for a in holder.children if a.dep_ == "auxpass" for s in a.children
                       if s.dep_ in ("nsubj", "attr") and s.i > a.i and in_unit(s, unit))
    elif any(c.dep_ == "auxpass" for c in holder.children) or (holder.tag_ == "VBN" and passive_subj):
        aux = [c for c in holder.children if c.dep_ == "auxpass"]
        stop = aux[0].i if aux else holder.i
        region = [t for t in doc[unit[0]:stop] if not (t.dep_ == "advmod")]
        if region:
            regions.append(region)
    those = _those_region(holder, doc, unit)
    if those is not None:
        regions.append(those)
    if not anchors and not regions and holder.i == unit[0]:
        # "Designated five officials in X who ...": a bullet that opens with the verb, its object misparsed
        phrases = [t for t in doc[holder.i + 1:unit[1]] if t.left_edge.i == holder.i + 1 and t.pos_ in ("NOUN", "PROPN")]
        nxt = max(phrases, key=lambda t: t.right_edge.i, default=None)
        if nxt is not None and nxt.i not in trigger_idx:
            anchors.append(nxt)
    if not anchors and not regions:
        regions += _misparsed_objects(holder, unit)
    return anchors, regions


def _antecedent(holder, unit) -> list:
    """The words of the noun a relative clause on the designation verb hangs on, when the relative pronoun is
    the verb's object or passive subject ("X, who was sanctioned by Britain", "Acme, which the EU sanctioned"),
    without the clause itself; else []."""
    if holder.dep_ != "relcl" or not in_unit(holder.head, unit):
        return []
    if not any(c.tag_ in ("WP", "WDT") and c.dep_ in ("nsubjpass", "dobj") for c in holder.children):
        return []
    clause = {t.i for t in holder.subtree}
    head = holder.head
    toks = [t for t in head.subtree if in_unit(t, unit) and t.i not in clause and t.i <= holder.left_edge.i]
    while toks and toks[-1].is_punct:
        toks.pop()
    return toks


def _misparsed_objects(holder, unit) -> list:
    """The object of an active designation verb that the parse made a clause ("blacklisted metals magnate X
    and Y": "magnate" read as a verb): the clause's words when it holds a person or organisation name."""
    if any(c.dep_ in ("auxpass", "nsubjpass", "dobj") for c in holder.children):
        return []
    return [sorted((t for t in c.subtree if in_unit(t, unit)), key=lambda t: t.i) for c in holder.children
            if c.dep_ in ("ccomp", "xcomp", "oprd") and c.i > holder.i
            and any(t.ent_type_ in ("PERSON", "ORG") for t in c.subtree if in_unit(t, unit))]
