"""Who is sanctioned: the targets of one action, found from the parse around its sanction word.

:func:`find_targets` runs in small steps: the words that can hold a target (the sanction word, the
verbs above it up to the action), the *anchors* they govern (objects of "on"/"against", direct
objects of "sanction"/"designate", passive subjects, "including X"), the *regions* that list names
("Those sanctioned include A, B and C"), then reads each into :class:`~.items.Target` objects.
Stray markup (``<img ...>``) never joins a target; a conjunct cut off behind it still counts.
"""
from __future__ import annotations

from .arguments import verb_arguments
from .authorities import country_name
from .items import Target, items_from_region
from .lexicon import Lexicon
from .parse import (FIRST_PERSON, action_clauses, clean_edges, ent_at, in_unit, is_time, is_verb, markup_runs,
                    markup_tokens, prep_phrase, span_text, trim_reason)
from .status import regime_with_target
from .refine import before_trigger, capacity_owner, first_of_overlapping, possessive_country
from .triggers import Trigger

#: Entity types that are amounts or times, never targets ("on $5 million", "on Monday").
#: At most this many list items glued back after a broken parse ("on A, B, persons linked to C").
_LIST_TAIL_MAX = 6
_NOT_TARGET_ENTS = ("MONEY", "PERCENT", "QUANTITY", "TIME", "DATE", "ORDINAL")
#: Pronouns that stand for a target named elsewhere: no target of their own.
_OBJECT_PRONOUNS = FIRST_PERSON | {"it", "them", "they", "him", "her"}


# ---------------------------------------------------------------------------
# Reading one anchor
# ---------------------------------------------------------------------------

def _own_tokens(tok, unit, skip: set) -> list:
    """Tokens of ``tok``'s phrase without its coordinated siblings and without ``skip``."""
    drop = set(skip)
    for child in tok.children:
        if child.dep_ in ("conj", "cc", "punct") and child.i > tok.i:
            drop.update(t.i for t in child.subtree)
    return [t for t in tok.subtree if in_unit(t, unit) and t.i not in drop]


def _conjuncts(head, unit) -> list:
    """``head`` and every conjunct coordinated with it inside the unit, in text order."""
    conjs = [head]
    stack = [head]
    while stack:
        cur = stack.pop()
        for c in cur.children:
            if c.dep_ == "conj" and in_unit(c, unit):
                conjs.append(c)
                stack.append(c)
    return sorted(conjs, key=lambda t: t.i)


def _skip_modifiers(c, unit, lex: Lexicon, skip: set, reason: str | None) -> str | None:
    """Add a group noun's reason clause, "including"/reason phrases and appositions to ``skip``;
    returns the reason ("firms involved in ...") when one is found first."""
    pronouns = lex.cue("pronoun_groups")
    include = lex.cue("include_preps")
    reason_preps = lex.cue("reason_preps")
    for child in c.children:
        if child.dep_ == "acl" and c.lemma_.lower() not in pronouns and \
                child.lemma_.lower() in lex.cue("reason_participles"):
            reason = reason or trim_reason(span_text(child, unit))
            skip.update(t.i for t in child.subtree)
        if child.dep_ == "prep" and (prep_phrase(child) in include or child.text.lower() in include
                                     or child.text.lower() in reason_preps):
            skip.update(t.i for t in child.subtree)
        if child.dep_ == "appos":
            skip.update(t.i for t in child.subtree)
        if child.dep_ in ("acl", "relcl"):     # "entities supporting the regime, including X": X is a member
            skip.update(t.i for obj in child.children if obj.dep_ in ("dobj", "pobj")
                        for p in obj.children if p.dep_ == "prep" and prep_phrase(p) in include
                        and any(a.ent_type_ in ("PERSON", "ORG") for a in p.children if a.dep_ == "pobj")
                        for t in p.subtree)
    return reason


def _apposition_items(c, appos: list, unit, skip: set, lex: Lexicon) -> list[Target]:
    """"a drone maker, Qods Aviation Industries": the named apposition, with the common noun as position."""
    doc = c.doc
    own = clean_edges(_own_tokens(c, unit, skip))
    description = doc[own[0].i:own[-1].i + 1].text if own else None
    out = []
    for a in appos:
        items = items_from_region([t for t in a.subtree if in_unit(t, unit)], doc, None, lex)
        for item in items:
            if item.type in ("person", "organization"):
                item.position = item.position or description
        out.extend(items)
    return out


def _colon_list(c, unit, lex: Lexicon) -> list[Target]:
    """"three officers: X, Y and Z": the names after the colon."""
    doc = c.doc
    colon = c.right_edge.i + 1
    if colon >= unit[1] or doc[colon].text != ":":
        return []
    if any(t.dep_ in ("nsubj", "nsubjpass") for t in doc[colon + 1:unit[1]]):
        return []       # "sanctions on officials: Today, the President launched ...": a clause, not a list
    return [t for t in items_from_region(list(doc[colon + 1:unit[1]]), doc, None, lex)
            if t.type in ("person", "organization")]


def _starts_group(c, lex: Lexicon) -> bool:
    """A conjunct with its own determiner, number or quantity word starts another group."""
    quantifiers = lex.cue("group_quantifiers")
    return any(ch.dep_ in ("det", "nummod", "poss") or
               (ch.dep_ == "amod" and ch.lemma_.lower() in quantifiers and ch.i < c.i) for ch in c.children)


def _before_gap(toks: list, skip: set) -> list:
    """The tokens up to the first skipped one ("three entities, including X and Y, which ..." ->
    "three entities"): a group's text never spans the names listed inside it."""
    out = []
    for t in toks:
        if t.i in skip:
            break
        out.append(t)
    return out


def _cluster_targets(clusters: list, doc, unit, skip: set, reason: str | None, lex: Lexicon) -> list[Target]:
    """One ``group`` (or ``country``) target per cluster of coordinated common nouns."""
    markup = markup_tokens(doc)
    out = []
    for cluster in clusters:
        toks = sorted({t.i for c in cluster for t in _own_tokens(c, unit, skip)})
        if not toks:
            continue
        toks = _before_gap([doc[i] for i in range(toks[0], toks[-1] + 1)], skip)
        if markup:
            runs = markup_runs(toks, doc)
            toks = runs[0] if runs else []
        toks = clean_edges(toks)
        if toks:
            s_, e_ = toks[0].i, toks[-1].i + 1
            text = doc[s_:e_].text
            kind = "country" if country_name(text, lex) else "group"
            out.append(Target(s_, e_, text, kind, reason=reason))
    return out


def _clause_list_tail(c, unit) -> list:
    """"persons linked to weapons activities, ISIS or its affiliates, and proxies": the list items after a comma
    that the parse hung on the object inside a reason clause continue the outer list (first of each run)."""
    doc = c.doc
    out = []
    for child in c.children:
        if child.dep_ != "acl":
            continue
        for t in child.subtree:
            if t.dep_ == "pobj" and in_unit(t, unit):
                out.extend(x for x in t.children if x.dep_ == "conj" and x.i > 0 and doc[x.i - 1].text == ","
                           and in_unit(x, unit))
    return out


def _group_target(head, unit, lex: Lexicon) -> list[Target]:
    """Unnamed targets ("Ruritanian officials and companies"), plus named coordinates as their own targets.

    Coordinated common nouns sharing their modifiers stay one group; a conjunct with
    its own determiner or number starts another ("three officers and a manufacturer").
    A common noun with a named apposition ("a drone maker, Qods Aviation Industries")
    gives the named target, with the common noun as its position.
    """
    doc = head.doc
    out: list[Target] = []
    clusters: list[list] = []
    reason = None
    skip: set[int] = set()
    for c in _conjuncts(head, unit):
        ent = ent_at(c)
        if (ent is not None and ent.label_ not in ("NORP",)) or c.pos_ == "PROPN":
            out.extend(items_from_region(_own_tokens(c, unit, set()), doc, None, lex))
            continue
        appos = [a for a in c.children if a.dep_ == "appos" and (ent_at(a) is not None or a.pos_ == "PROPN")]
        reason = _skip_modifiers(c, unit, lex, skip, reason)
        out.extend(t for x in _clause_list_tail(c, unit) for t in targets_of(x, unit, None, lex))
        if appos:
            out.extend(_apposition_items(c, appos, unit, skip, lex))
            continue
        listed = _colon_list(c, unit, lex)
        if listed:
            out.extend(listed)
            continue
        if not clusters or _starts_group(c, lex):
            clusters.append([c])
        else:
            clusters[-1].append(c)
    out.extend(_cluster_targets(clusters, doc, unit, skip, reason, lex))
    return sorted(out, key=lambda t: t.start)


def _detached_apposition(toks: list, unit) -> list:
    """", Name" right after a list that ends in a possessed role noun ("X and its chief executive, Jane Roe")
    when the parse hung the name elsewhere: the name is that role's apposition."""
    if not toks:
        return []
    doc = toks[0].doc
    last = max(toks, key=lambda t: t.i)
    i = last.i + 1
    if not (last.pos_ == "NOUN" and any(c.dep_ == "poss" for c in last.children)):
        return []
    if i + 1 >= unit[1] or doc[i].text != "," or doc[i + 1].ent_type_ != "PERSON" or doc[i + 1].ent_iob_ != "B":
        return []
    end = i + 1
    while end < unit[1] and doc[end].ent_iob_ == "I" and doc[end].ent_type_ == "PERSON" or end == i + 1:
        end += 1
    if end < unit[1] and not (doc[end].is_punct or doc[end].is_space):
        return []
    return list(doc[i:end])


def _named_anchor_tokens(head, unit, merge, lex: Lexicon) -> list:
    """The tokens of a named anchor's phrase, glued list tail included, "including X" phrases left out."""
    doc = head.doc
    toks = [t for t in head.subtree if in_unit(t, unit)]
    if merge is not None and toks and toks[-1].i < unit[1] - 1 and toks[-1].i + 2 >= merge:
        toks = toks + [t for t in doc[merge:unit[1]]]
    include = lex.cue("include_preps")
    drop = set()
    for child in head.children:
        if child.dep_ == "prep" and (prep_phrase(child) in include or child.text.lower() in include):
            drop.update(t.i for t in child.subtree)
    return [t for t in toks if t.i not in drop]


def targets_of(head, unit, merge, lex: Lexicon) -> list[Target]:
    """Targets rooted at ``head``: a named list (region) or an unnamed group."""
    doc = head.doc
    if head.ent_type_ in _NOT_TARGET_ENTS:
        return []
    ent = ent_at(head)
    if head.i in markup_tokens(doc):
        # a parse broken by stray HTML: the markup token heads the phrase; read the words around it
        return items_from_region([t for t in head.subtree if in_unit(t, unit)], doc, merge, lex)
    if (ent is not None and ent.label_ not in ("NORP", "DATE", "TIME", "CARDINAL")) or head.pos_ == "PROPN":
        toks = _named_anchor_tokens(head, unit, merge, lex)
        return items_from_region(toks + _detached_apposition(toks, unit), doc, merge, lex)
    if head.pos_ in ("NOUN", "PRON", "NUM", "ADJ", "PROPN") or head.ent_type_ == "NORP":
        if head.pos_ == "PRON" and head.text.lower() in _OBJECT_PRONOUNS:
            return []
        return _group_target(head, unit, lex)
    return []


# ---------------------------------------------------------------------------
# Anchors and regions of one action
# ---------------------------------------------------------------------------

def _include_anchors(tok, unit, lex: Lexicon) -> list:
    """Objects of "including"/"such as" phrases hanging off ``tok``."""
    include = lex.cue("include_preps")
    out = []
    for child in tok.children:
        if not in_unit(child, unit):
            continue
        phrase = prep_phrase(child) if child.dep_ == "prep" else child.text.lower()
        if child.dep_ in ("prep", "acl") and (phrase in include or child.text.lower() in include
                                              or child.lemma_.lower() in include):
            out.extend(c for c in child.children if c.dep_ in ("pobj", "dobj"))
    for clause in [c for c in tok.children if c.dep_ in ("acl", "relcl") and in_unit(c, unit)]:
        # "entities supporting the regime, including the X Commission": the parse hangs the list on the
        # clause's object; a name there is a member of the targeted set
        for obj in [c for c in clause.children if c.dep_ in ("dobj", "pobj") and in_unit(c, unit)]:
            out.extend(a for a in _include_anchors(obj, unit, lex) if a.ent_type_ in ("PERSON", "ORG"))
    return out


def _conjuncts_after_markup(anchors: list, doc, unit) -> list:
    """Conjuncts cut off from a target by stray markup: "on X <img ...> and Y" (the parse hangs "and Y"
    on the markup or on the verb); the conjunct after "and"/"or" continues the target list."""
    markup = markup_tokens(doc)
    if not markup:
        return []
    out = []
    for a in anchors:
        j = max(t.i for t in a.subtree if in_unit(t, unit)) + 1
        if j >= unit[1] or j not in markup:
            continue
        while j < unit[1] and (j in markup or doc[j].is_space):
            j += 1
        if j >= unit[1] or doc[j].lower_ not in ("and", "or"):
            continue
        cc = doc[j]
        out.extend(c for c in cc.head.children if c.dep_ == "conj" and c.i > cc.i and in_unit(c, unit)
                   and c.i not in markup and not is_verb(c))
    return out


def _broken_list_tail(anchors: list, doc, unit) -> list:
    """"sanctions on A, B, C, persons linked to D, and E": list items after a comma that the parse hung on the
    verb (object or adverbial noun) instead of the list; each continues the list of the anchor before it."""
    out = []
    for a in anchors:
        last = a
        for _ in range(_LIST_TAIL_MAX):
            j = max((t.i for t in last.subtree if in_unit(t, unit)), default=unit[1]) + 1
            if j + 1 >= unit[1] or doc[j].text != ",":
                break
            nxt = next((t for t in doc[j + 1:unit[1]] if t.left_edge.i == j + 1 and t.pos_ in ("NOUN", "PROPN")
                        and t.dep_ in ("dobj", "npadvmod", "appos", "conj") and not a.is_ancestor(t)), None)
            if nxt is None or nxt in out:
                break
            out.append(nxt)
            last = nxt
    return out


def _holders(trig: Trigger, chain: list, action, doc, trigger_idx: set, lex: Lexicon) -> list:
    """The sanction word and the verbs above it up to the action: the words that can govern a target."""
    tok = doc[trig.head]
    holders = [tok]
    regime = regime_with_target(tok, lex)
    if regime is not None:
        holders.append(regime)      # "the sanctions regime on X"
    for verb in chain:
        if verb.i != tok.i and verb.i not in trigger_idx:
            holders.append(verb)
        if action is not None and verb.i == action.i:
            break
    if action is not None and action not in holders:
        holders.append(action)
    # "the sanctions that the EU imposed on Ruritania": a status verb in a clause on the sanction word
    holders.extend(c for c in action_clauses(tok, lex.cue("relative_actions"), lex.cue("sanction_containers"))
                   if c not in holders and c.i not in trigger_idx)
    return holders


def _target_preps(holder, unit, lex: Lexicon) -> list:
    """The holder's children, plus prepositions coordinated with its own ("on X and against Y")."""
    target_preps = lex.cue("target_preps")
    preps = list(holder.children)
    for child in list(preps):
        if child.dep_ != "prep":
            continue
        preps.extend(c for c in child.children if c.dep_ == "conj" and c.text.lower() in target_preps)
        if holder.has_head():   # a parsed token (the root is its own head): prepositions coordinated above it
            preps.extend(c for c in holder.head.children if c.dep_ == "conj" and c.text.lower() in target_preps
                         and c.i > child.i and in_unit(c, unit))
    return preps


def _measure_object_anchors(trig: Trigger, doc, unit, lex: Lexicon) -> list:
    """"banned new investments in X", "prohibit imports from X": the preposition the measure's object takes
    (``measure_preps`` of the cues file) names the target."""
    if trig.obj is None:
        return []
    preps = {str(p).lower() for p in (lex.cues.get("measure_preps") or {}).get(trig.measure, [])}
    obj = doc[trig.obj]
    found = [p for c in [*obj.children, *doc[trig.head].children] if c.dep_ == "prep" and c.lower_ in preps
             and in_unit(c, unit) for p in c.children if p.dep_ == "pobj" and not is_time(p)]
    if trig.measure in lex.cue("destination_measures"):     # "barred entry to the country": where, not whom
        found = [p for p in found if p.ent_type_ not in ("GPE", "LOC") and p.lemma_.lower() not in ("country",
                                                                                                   "territory")]
    return found


def _prep_anchors(holders: list, unit, lex: Lexicon, trigger_idx: set) -> list:
    """Objects of target prepositions ("sanctions on X", "against X") and of "targeting X"."""
    target_preps = lex.cue("target_preps")
    not_targets = lex.cue("not_targets")
    anchors = []
    of_nouns = lex.cue("of_target_nouns")
    callers = lex.status_sets().get("called_for", set())
    for holder in holders:
        if holder is not holders[0] and holder.lemma_.lower() in callers:
            continue    # "called on the administration to sanction X": who is called upon, not the target
        if holder.pos_ == "NOUN" and holder.lemma_.lower() in of_nouns:    # "the designation of X"
            anchors.extend(p for c in holder.children if c.dep_ == "prep" and c.lower_ == "of" and in_unit(c, unit)
                           for p in c.children if p.dep_ == "pobj" and p.i not in trigger_idx and not is_time(p))
        for child in _target_preps(holder, unit, lex):
            if child.dep_ in ("prep", "conj") and child.text.lower() in target_preps and in_unit(child, unit):
                anchors.extend(p for p in child.children
                               if p.dep_ == "pobj" and not is_time(p) and p.i not in trigger_idx
                               and p.lemma_.lower() not in not_targets)
            if child.dep_ in ("acl", "advcl") and child.lemma_.lower() in ("target",):
                anchors.extend(c for c in child.children if c.dep_ == "dobj")
            if child.dep_ == "prep" and child.lower_ == "by":    # "adopted measures ... by targeting X"
                anchors.extend(c for p in child.children if p.dep_ == "pcomp" and p.lemma_.lower() == "target"
                               for c in p.children if c.dep_ == "dobj")
    return anchors


def _restricting_anchors(holders: list, unit, lex: Lexicon) -> list:
    """"measures that will prevent the central bank from ...": the object of a restricting clause on the measure."""
    verbs = lex.cue("restricting_verbs")
    out = []
    for holder in holders:
        for clause in holder.children:
            if clause.dep_ in ("relcl", "acl") and clause.lemma_.lower() in verbs and in_unit(clause, unit):
                out.extend(c for c in clause.children if c.dep_ == "dobj" and in_unit(c, unit))
    return out


def _subject_anchors(holders: list, unit, lex: Lexicon) -> list:
    """"the individuals would face travel bans": the one who faces the measure is the target."""
    anchors = []
    for holder in holders:
        if is_verb(holder) and holder.lemma_.lower() in lex.cue("subject_target_verbs"):
            anchors.extend(c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass") and in_unit(c, unit)
                           and c.text.lower() not in FIRST_PERSON)
    return anchors


def _owners(anchors: list, lex: Lexicon) -> list:
    """"froze the assets of X" / "X's assets": the owner stands for the owned object."""
    out = []
    for a in anchors:
        if a.lemma_.lower() in lex.owned_objects:
            owners = [p for c in a.children if c.dep_ == "prep" and c.text.lower() == "of"
                      for p in c.children if p.dep_ == "pobj"]
            owners += [c for c in a.children if c.dep_ == "poss" and c.pos_ != "PRON"]
            # "assets belonging to X", "funds owned by X"
            owners += [p for c in a.children if c.dep_ == "acl" and c.lemma_.lower() in lex.cue("owning_verbs")
                       for pr in c.children if pr.dep_ in ("prep", "agent") for p in pr.children if p.dep_ == "pobj"]
            out.extend(owners)
        else:
            out.append(a)
    return out


def _anchors_and_regions(holders: list, doc, unit, lex: Lexicon, trigger_idx: set) -> tuple[list, list]:
    """Every anchor and region of an action, "including" phrases resolved."""
    anchors = _prep_anchors(holders, unit, lex, trigger_idx) + _subject_anchors(holders, unit, lex)
    anchors += _restricting_anchors(holders[:1], unit, lex)
    regions = []
    for holder in holders:
        verbs = lex.cue("target_object_verbs") | (lex.cue("measure_object_verbs") if holder is holders[0] else set())
        if is_verb(holder) and holder.lemma_.lower() in verbs:
            more_anchors, more_regions = verb_arguments(holder, doc, unit, lex, trigger_idx)
            anchors += more_anchors
            regions += more_regions
    anchors = _owners(anchors, lex)
    for a in list(anchors):
        anchors.extend(_include_anchors(a, unit, lex))
    anchors.extend(_conjuncts_after_markup(anchors, doc, unit))
    anchors.extend(_broken_list_tail(anchors, doc, unit))
    for holder in holders:
        anchors.extend(a for a in _include_anchors(holder, unit, lex) if a.i not in trigger_idx)
    return anchors, regions


def find_targets(trig: Trigger, chain: list, action, doc, unit, merge, lex: Lexicon,
                 trigger_idx: set) -> list[Target]:
    """All targets of one action, in text order, without overlaps.

    ``chain`` is the trigger's governing chain (:func:`.status.governing_chain`), ``action`` its status
    verb (or None), ``merge`` the unit's glue token, ``trigger_idx`` the tokens of every sanction word.
    """
    holders = _holders(trig, chain, action, doc, trigger_idx, lex)
    anchors, regions = _anchors_and_regions(holders, doc, unit, lex, trigger_idx)
    measure_anchors = _measure_object_anchors(trig, doc, unit, lex)
    anchors += measure_anchors + [i for a in measure_anchors for i in _include_anchors(a, unit, lex)]
    targets: list[Target] = []
    for region in regions:
        targets.extend(items_from_region(region, doc, merge, lex))
    for a in anchors:
        targets.extend(targets_of(a, unit, merge, lex))
    if not targets:
        targets = possessive_country(chain, doc, lex)
    targets = [capacity_owner(t, doc, lex) for t in targets]
    return first_of_overlapping([t for t in (before_trigger(t, doc, trigger_idx) for t in targets) if t])


