"""Tidying the targets of one action: overlaps, sanction words inside a group, a state standing for its
capacity ("Ruritania's access to technology"), the owner of an object ("confront Ruritania's supply").
"""
from __future__ import annotations

from .authorities import country_name
from .items import Target
from .lexicon import Lexicon
from .parse import ent_at, is_verb


def capacity_owner(target: Target, doc, lex: Lexicon) -> Target:
    """"cutting off Ruritania's access to technology": the state (or named group) whose access or ability is cut
    is the target."""
    if target.type != "group":
        return target
    nouns = lex.cue("capacity_nouns")
    for tok in doc[target.start:target.end]:
        if tok.lemma_.lower() in nouns:
            for poss in tok.children:
                if poss.dep_ == "poss" and country_name(poss.text, lex):
                    return Target(poss.i, poss.i + 1, poss.text, "country", reason=target.reason)
                ent = ent_at(poss) if poss.dep_ == "poss" else None
                if ent is not None and ent.label_ in ("ORG", "PERSON", "NORP") and ent.end <= poss.i + 2:
                    kind = "person" if ent.label_ == "PERSON" else "organization"    # "cut off X's access"
                    return Target(ent.start, poss.i + 1, doc[ent.start:poss.i + 1].text, kind, reason=target.reason)
            return target
    return target


def before_trigger(target: Target, doc, trigger_idx: set) -> Target | None:
    """A group's text cut before a sanction word inside it ("40 parties located in X to the Entity List")."""
    inside = [i for i in range(target.start + 1, target.end) if i in trigger_idx]
    if target.type != "group" or not inside:
        return target
    toks = list(doc[target.start:inside[0]])
    while toks and (toks[-1].pos_ in ("ADP", "DET", "PUNCT", "CCONJ") or toks[-1].is_space):
        toks.pop()
    if not toks or all(t.ent_type_ in ("DATE", "TIME") or t.pos_ in ("PRON", "DET") for t in toks):
        return None     # "their July 2020 [sanctions]": no target left
    target.end = toks[-1].i + 1
    target.text = doc[target.start:target.end].text
    return target


def first_of_overlapping(targets: list[Target]) -> list[Target]:
    """Overlapping targets removed: in text order, the first (longest at a start) wins."""
    out: list[Target] = []
    for t in sorted(targets, key=lambda t: (t.start, -(t.end - t.start))):
        if any(t.start < o.end and o.start < t.end for o in out):
            continue
        out.append(t)
    return out


def possessive_country(chain: list, doc, lex: Lexicon) -> list[Target]:
    """"confront Ruritania's supply of munitions, including more sanctions": the country owning the object."""
    for verb in chain:
        if not is_verb(verb):
            continue
        targets = []
        for obj in verb.children:
            if obj.dep_ != "dobj":
                continue
            owners = [p for p in obj.children if p.dep_ == "poss"]
            left = [t for t in obj.lefts]
            if not owners and obj.i >= 2 and doc[obj.i - 1].tag_ == "POS":
                owners = [doc[obj.i - 2]]
            elif not owners and left and left[0].tag_ == "POS" and left[0].i >= 1:
                owners = [doc[left[0].i - 1]]
            for poss in owners:
                if poss.ent_type_ == "GPE" and country_name(poss.text, lex):
                    targets.append(Target(poss.i, poss.i + 1, poss.text, "country"))
        if targets:
            return targets
    return []
