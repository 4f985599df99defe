"""Is a sanction word an action, and which: imposed, considered, threatened or called for.

* :func:`is_background` – the word names the backdrop ("relief from sanctions", "hit hard by sanctions");
* :func:`is_designation` – "designated as X" is a sanction only for labels like "terrorist organisation";
* :func:`governing_chain` – the verbs and cue nouns above the word, nearest first;
* :func:`window_action` – a status verb just before the word when the parse does not link them;
* :func:`status` – the status the chain gives (``None``: a negated action, no row).

The cue words are the ``status``, ``modals``, ``background_*`` and ``negation_keeps`` lists of
``data/sanctions_cues.yaml``.
"""
from __future__ import annotations

from .lexicon import Lexicon
from .parse import ancestors, in_unit, is_verb, prep_phrase
from .settings import Settings
from .triggers import Trigger

#: Statuses in the order a cue word is looked for ("imposed" is the default).
STATUSES = ["imposed", "considered", "threatened", "called_for"]
_CUED = ("called_for", "considered", "threatened")
_MODAL = ("considered", "threatened", "called_for")


def _coordination_head(tok, unit):
    """Climb through coordination: "the invasion ... and sanctions" shares the head's role."""
    while tok.dep_ == "conj" and in_unit(tok.head, unit):
        tok = tok.head
    return tok


def _background_prep(anc, lex: Lexicon, preps: set, action_lemmas: set) -> bool:
    """A preposition above the word that makes it background ("because of", "relief from", "hit by")."""
    phrase = prep_phrase(anc)
    last = phrase.split()[-1]
    if phrase in preps or (last in preps and last != "by") or (last == "of" and phrase in preps):
        return True
    if last == "by":
        verb = anc.head
        return is_verb(verb) and verb.lemma_.lower() not in action_lemmas
    return False


def regime_with_target(tok, lex: Lexicon):
    """The framework noun a sanction word names ("the sanctions regime on X") when it has a target
    preposition of its own, else None (``regime_nouns`` and ``target_preps`` of the cues file)."""
    head = tok.head
    if tok.dep_ == "compound" and head.lemma_.lower() in lex.cue("regime_nouns") and \
            any(c.dep_ == "prep" and c.lower_ in lex.cue("target_preps") for c in head.children):
        return head
    return None


def _background_head(tok, unit, lex: Lexicon, settings: Settings) -> bool:
    """A background governor or preposition among the nearest heads, up to the first verb."""
    governors = lex.cue("background_governors")
    preps = lex.cue("background_preps")
    action_lemmas = lex.action_words()
    if tok.dep_ == "compound" and tok.head.lemma_.lower() in governors:
        return True
    if regime_with_target(tok, lex):
        return False    # "measures under the sanctions regime on X": the regime names its targets
    for steps, anc in enumerate(ancestors(tok, unit)):
        if steps >= settings.background_depth:
            break
        if anc.lemma_.lower() in governors or anc.text.lower() in governors:
            return True
        if (anc.dep_ == "prep" or anc.pos_ == "ADP" or anc.dep_ == "agent") and \
                _background_prep(anc, lex, preps, action_lemmas):
            return True
        if is_verb(anc):
            break
    return False


def _background_verb(trig_tok, tok, unit, lex: Lexicon) -> bool:
    """The governing verb only hurts something ("the economy has been hit hard by sanctions")."""
    verb = next((a for a in ancestors(trig_tok, unit) if is_verb(a)), None)
    if verb is None:
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj") and c.i != tok.i and in_unit(c, unit)]
    if any(c.lemma_.lower() in lex.cue("background_subjects") for c in subjects):
        return True
    return any(c.dep_ == "advmod" and c.lemma_.lower() in lex.cue("background_adverbs") for c in verb.children)


def is_background(trig_tok, unit, lex: Lexicon, settings: Settings = Settings()) -> bool:
    """A sanction word that names the backdrop, not an action ("relief from sanctions")."""
    tok = _coordination_head(trig_tok, unit)
    if _background_head(tok, unit, lex, settings) or _background_verb(trig_tok, tok, unit, lex):
        return True
    if tok.dep_ in ("nsubj", "nsubjpass") and in_unit(tok.head, unit):
        if tok.head.lemma_.lower() not in lex.action_words():
            return True     # "sanctions have hurt the economy"
    # "sanctions relief": the sanction word modifies a background noun to its right
    doc = trig_tok.doc
    nxt = doc[trig_tok.i + 1] if trig_tok.i + 1 < len(doc) else None
    return nxt is not None and nxt.lemma_.lower() in lex.cue("background_governors") and nxt.pos_ == "NOUN"


def is_designation(verb, lex: Lexicon) -> bool:
    """"designated as X" names a sanction only for labels like "terrorist organisation"."""
    labels = lex.cue("designation_labels")
    for child in verb.children:
        if child.dep_ == "prep" and child.text.lower() == "as":
            words = {t.lemma_.lower() for t in child.subtree} | {t.text.lower() for t in child.subtree}
            return bool(words & labels)
    return True


def governing_chain(trig: Trigger, doc, unit, lex: Lexicon, skip: set = frozenset()) -> list:
    """Verbs and cue nouns governing the trigger, nearest first, stopping at a verb of saying."""
    speech = lex.cue("speech_verbs")
    cue_words = lex.action_words()
    tok = doc[trig.head]
    chain = [tok] if trig.verb else []
    prev = tok
    for anc in ancestors(tok, unit):
        reported = prev.dep_ in ("ccomp", "parataxis", "advcl") or (prev.dep_ == "conj" and is_verb(prev))
        if prev.dep_ == "relcl" and is_verb(prev) and any(c.tag_ in ("WP", "WDT") and c.dep_ in ("nsubj", "nsubjpass")
                                                          for c in prev.children):
            break       # "X, who was sanctioned by Y, did not respond": the clause above is not the action's
        if prev.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in lex.cue("independent_marks")
                                        for c in prev.children):
            break       # "X threatened to retaliate after the US announced sanctions": a fact of its own
        prev = anc
        if is_verb(anc) and anc.lemma_.lower() in speech and anc.i != trig.head and reported:
            break
        if anc.i in skip:
            continue
        if is_verb(anc) or anc.lemma_.lower() in cue_words:
            chain.append(anc)
    return chain


def window_action(trig: Trigger, doc, unit, lex: Lexicon, skip: set = frozenset(), settings: Settings = Settings()):
    """A status verb shortly before the trigger when the parse does not link them ("hit by X with asset freezes")."""
    lemmas = lex.action_words()
    for i in range(trig.start - 1, max(unit[0], trig.start - settings.action_window) - 1, -1):
        t = doc[i]
        if t.is_punct and t.text in ";.":
            break
        if is_verb(t) and t.lemma_.lower() in lemmas and t.i not in skip:
            return t
    return None


def modal_status(verb, lex: Lexicon) -> str | None:
    """``considered`` / ``threatened`` / ``called_for`` from the verb's modal ("could", "will", "should"), or
    "going to"; else None."""
    modals = lex.cues.get("modals") or {}
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") or child.tag_ == "MD":
            low = child.text.lower()
            for name in _MODAL:
                if low in {str(m).lower() for m in modals.get(name, [])}:
                    return name
    if verb.lemma_.lower() == "go" and verb.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in verb.children):
        return "threatened"
    return None


def status(chain: list, lex: Lexicon) -> str | None:
    """Status from the nearest cue word, else the nearest modal, else ``imposed``; ``None`` means a negated
    action (no row)."""
    statuses = lex.status_sets()
    keeps = lex.cue("negation_keeps")
    for tok in chain:
        if any(c.dep_ == "neg" for c in tok.children) and tok.lemma_.lower() not in keeps:
            return None
    for tok in chain:
        lemma = tok.lemma_.lower()
        for name in _CUED:
            if lemma in statuses.get(name, set()):
                return name
    for tok in chain:
        modal = modal_status(tok, lex) if is_verb(tok) else None
        if modal:
            return modal
    return "imposed"


def presupposed(chain: list, lex: Lexicon) -> bool:
    """A question still states an action named by a status noun ("does X support the push of sanctioning Y?");
    one whose status comes from a verb or the default is only asked ("was it considered sanctioning Y?")."""
    statuses = lex.status_sets()
    cues = set().union(*(statuses.get(name, set()) for name in _CUED))
    return any(tok.pos_ == "NOUN" and tok.lemma_.lower() in cues for tok in chain)


def is_authorization(trig_tok, unit, lex: Lexicon) -> bool:
    """A framework that empowers future sanctions without imposing any ("provides authority to expand sanctions",
    "have the ability to sanction", "a law that sanctions X"): no action of its own."""
    nouns, givers = lex.cue("authorizing_nouns"), lex.cue("authorizing_verbs")
    empower, laws = lex.cue("empowering_verbs"), lex.cue("framework_subjects")
    for anc in [trig_tok, *ancestors(trig_tok, unit)]:
        lemma = anc.lemma_.lower()
        if anc.pos_ == "NOUN" and lemma in nouns and anc.head.lemma_.lower() in givers:
            return True
        if is_verb(anc) and lemma in empower:
            return True
        if is_verb(anc) and lemma in givers and any(c.dep_ == "dobj" and c.lemma_.lower() in nouns
                                                    for c in anc.children):
            return True     # "increased authorities to impose sanctions" (the parse hangs the verb on "increased")
        if is_verb(anc) and any(c.dep_ == "nsubj" and (c.lemma_.lower() in laws or
                                                      (c.pos_ == "PRON" and anc.dep_ == "relcl" and
                                                       anc.head.lemma_.lower() in laws))
                                for c in anc.children):
            return True
    return False


def is_announcement(chain: list, doc, unit, lex: Lexicon, reported: bool = False) -> bool:
    """A decided act the text declares for the future or starts ("will impose", "we commit to imposing",
    "initiated the process to designate"), not a conditional warning ("would impose ... if", "will not
    hesitate to"). ``reported``: the act is what its actor said ("Japan said it would freeze"), where the
    future is written in the past ("reported_modals"). Cue words: ``announcing`` and ``conditions`` of the
    cues file."""
    cues = lex.cues.get("announcing") or {}
    verbs = {str(w).lower() for w in cues.get("verbs", [])}
    modals = {str(w).lower() for w in cues.get("modals", []) + (cues.get("reported_modals", []) if reported else [])}
    warnings = lex.status_sets().get("threatened", set()) | lex.status_sets().get("considered", set())
    if any(tok.lemma_.lower() in warnings for tok in chain):
        return False
    if any(t.lower_ in lex.cue("conditions") for t in doc[unit[0]:unit[1]]):
        return False
    if any(tok.lemma_.lower() in verbs for tok in chain):
        return True
    return any(is_verb(tok) and any(c.dep_ in ("aux", "auxpass") and c.lower_ in modals for c in tok.children)
               for tok in chain)
