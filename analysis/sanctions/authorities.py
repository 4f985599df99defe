"""Who acts: authorities and offices named in text, countries, and the authority of one sanction action.

* :func:`find_authorities` / :func:`resolve_authority` / :func:`resolve_authorities` – aliases of
  ``data/sanctions_authorities.yaml`` found in a string;
* :func:`country_name` / :func:`authority_country` – a place name's country, an authority's country code;
* :func:`action_authorities` – the ``(authorities, offices, source)`` of one action in a parsed sentence: its
  modifiers, the subject or agent of its verbs, the speaker of a quote, then the context before it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import Lexicon, load_lexicon
from .parse import FIRST_PERSON, action_clauses, ancestors, dateline_end, in_quote, in_unit, is_verb, mention_text, subtree_text, units
from .settings import Settings
from .triggers import Trigger

#: Dependencies of a sanction word's modifiers that can name who acts ("US sanctions", "Britain's sanctions").
_MODIFIER_DEPS = ("compound", "amod", "nmod", "poss", "npadvmod")
_SPEAKER = object()     # a first-person subject: the authority is the quote's speaker


def find_authorities(text: str, lex: Lexicon | None = None) -> list[tuple[int, int, str, str]]:
    """Authority and office aliases in ``text``: ``(start, end, kind, name)``, longest first, no overlaps.

    Short upper-case aliases (US, UK, EU, UN) only match when written in capitals,
    so the pronoun "us" is never the United States.
    """
    lex = lex or load_lexicon()
    low = text.lower()
    taken: list[tuple[int, int]] = []
    found = []
    for alias, targets in lex.alias_index:
        for m in re.finditer(r"(?<![\w.])" + re.escape(alias) + r"(?![\w])", low):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            written = text[s:e]
            if len(alias.replace(".", "")) <= 3 and alias.replace(".", "").isalpha() and not written.isupper():
                continue
            taken.append((s, e))
            for kind, name in targets:
                found.append((s, e, kind, name))
    return sorted(found)


def resolve_authority(text: str, lex: Lexicon | None = None) -> tuple[str | None, list[str]]:
    """``(authority, offices)`` named in ``text`` (offices imply their authority)."""
    lex = lex or load_lexicon()
    authority, offices = None, []
    for _, _, kind, name in find_authorities(text, lex):
        if kind == "office":
            if name not in offices:
                offices.append(name)
            authority = authority or lex.offices[name].get("authority")
        elif authority is None:
            authority = name
    if authority is None and offices:
        authority = lex.offices[offices[0]].get("authority")
    return authority, offices


def resolve_authorities(text: str, lex: Lexicon | None = None) -> tuple[list[str], list[str]]:
    """Every authority named in ``text`` ("the United States and Britain"), with the offices."""
    lex = lex or load_lexicon()
    found, offices = [], []
    for _, _, kind, name in find_authorities(text, lex):
        if kind == "office":
            if name not in offices:
                offices.append(name)
            name = lex.offices[name].get("authority")
        if name and name not in found:
            found.append(name)
    return found, offices


def authority_country(authority: str | None, lex: Lexicon | None = None) -> str | None:
    """ISO-like country code of an authority (``gb`` for United Kingdom), for FollowTheMoney."""
    if not authority:
        return None
    lex = lex or load_lexicon()
    spec = lex.authorities.get(authority)
    if spec and spec.get("country"):
        return spec["country"]
    return _country_codes().get(country_name(authority, lex) or authority)


def country_name(text: str, lex: Lexicon | None = None) -> str | None:
    """Country a place name stands for (a capital or metonym from the YAML -> its country), else None."""
    lex = lex or load_lexicon()
    low = " ".join(text.lower().replace("the ", " ").split())
    low = re.sub(r"^(?:government|regime|leadership|authorities) of ", "", low)     # "the Government of Ruritania"
    for country, aliases in lex.metonyms.items():
        if low == country.lower() or low in [a.lower() for a in aliases]:
            return country
    return _country_labels().get(low)


@lru_cache(maxsize=1)
def _country_labels() -> dict[str, str]:
    """Lower-case country names known to followthemoney -> the name ("france" -> "France")."""
    from followthemoney.types import registry
    return {label.lower(): label for label in registry.country.names.values()}


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    from followthemoney.types import registry
    return {label: code for code, label in registry.country.names.items()}


# ---------------------------------------------------------------------------
# The authority of one action
# ---------------------------------------------------------------------------

def speaker_authority(doc, unit, lex: Lexicon):
    """The authority of the speaker of a quote in this unit ("we", "our"), via earlier mentions of the name."""
    speech = lex.cue("speech_verbs")
    for tok in doc[unit[0]:unit[1]]:
        if not (is_verb(tok) and tok.lemma_.lower() in speech):
            continue
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        if not subj:
            continue
        head = subj[0]
        auth, offices = resolve_authority(mention_text(head), lex)
        if auth:
            return auth, offices
        if head.pos_ == "PRON":
            continue
        for earlier in reversed(doc[:unit[0]]):
            if earlier.text == head.text and earlier.i != head.i:
                auth, offices = resolve_authority(mention_text(earlier), lex)
                if auth:
                    return auth, offices
    return None, []


def target_state(authority: str | None, lex: Lexicon) -> bool:
    """An authority that acts only as the subject or agent of its own action (``target_state`` in the YAML)."""
    return bool(authority) and bool((lex.authorities.get(authority) or {}).get("target_state"))


def _subject_candidates(doc, unit_list, lex: Lexicon) -> list[tuple[int, str, list, str]]:
    """``(char offset, authority, offices, subject text)`` of the sentence subjects naming an authority."""
    found = []
    for u in unit_list:
        for tok in doc[u[0]:u[1]]:
            if tok.dep_ in ("nsubj", "nsubjpass") and is_verb(tok.head):
                text = subtree_text(tok, (u[0], u[1]))
                auth, offices = resolve_authority(text, lex)
                if auth and not target_state(auth, lex):
                    found.append((tok.idx, auth, offices, text.lower()))
    return found


def context_authority(doc, unit, lex: Lexicon, previous: list, anaphor=None, settings: Settings = Settings(),
                      subjects: bool = True):
    """Nearest authority before this unit: an earlier action's, or the subject of a recent sentence.

    ``anaphor`` ("the administration") prefers a subject with the same head word
    ("the Smith administration"). Looks back ``settings.context_units`` sentence units at most.
    ``subjects=False`` (a document with an issuer) looks only at earlier actions: "EU citizens" in the
    sentence before does not make the EU the actor of a US fact sheet.
    """
    before = [u for u in units(doc) if u[1] <= unit[0]][-settings.context_units:]
    candidates = [(pos, auth, offices, "") for pos, auth, offices in previous]
    if not subjects:
        if candidates:
            best = max(candidates, key=lambda c: c[0])
            return best[1], best[2]
        return None, []
    candidates += _subject_candidates(doc, before, lex)
    if anaphor is not None:
        word = anaphor.lemma_.lower()
        same = [c for c in candidates if c[3] and re.search(rf"\b{re.escape(word)}", c[3])]
        if same:
            best = max(same, key=lambda c: c[0])
            return best[1], best[2]
    if candidates:
        best = max(candidates, key=lambda c: c[0])
        return best[1], best[2]
    if before:
        found = [f for f in find_authorities(doc[before[-1][0]:unit[0]].text, lex)
                 if not (f[2] == "authority" and target_state(f[3], lex))]
        if found:
            _, _, kind, name = found[-1]
            if kind == "office":
                return lex.offices[name].get("authority"), [name]
            return name, []
    return None, []


def speech_subject(verb, doc, unit, lex: Lexicon):
    """"Canada said it would sanction ...", "the EU warned it would ...": the authority of the verb of saying
    (or of any verb whose clausal complement holds the pronoun) above a pronoun subject."""
    speech = lex.cue("speech_verbs")
    prev = verb
    for anc in ancestors(verb, unit):
        below, prev = prev, anc
        if is_verb(anc) and (anc.lemma_.lower() in speech or below.dep_ == "ccomp"):
            for c in anc.children:
                if c.dep_ == "nsubj":
                    return resolve_authorities(mention_text(c), lex)
            break
    return [], []


def _one(pair):
    auth, offices = pair
    return ([auth] if auth else []), offices


def _modifier_authority(tok, unit, lex: Lexicon):
    """``((authorities, offices) or None, first_person)`` from the sanction word's modifiers ("US sanctions")."""
    first_person = False
    for child in [c for c in tok.children if c.dep_ in _MODIFIER_DEPS]:
        if child.text.lower() in FIRST_PERSON:
            first_person = True
            continue
        auths, offices = resolve_authorities(subtree_text(child, unit), lex)
        if child.dep_ != "poss":    # "Ruritania sanctions" are sanctions on it; "Ruritania's sanctions" its own
            auths = [a for a in auths if not target_state(a, lex)]
        if auths:
            return (auths, offices), first_person
    return None, first_person


def _verb_subjects(verb, unit) -> list:
    """Subjects or agents of a verb; for "X urged the EU to sanction" the object of "urge", for
    "The EU is expected to approve sanctions" the raised subject."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "agent") and in_unit(c, unit)]
    if not subjects and verb.dep_ == "xcomp" and in_unit(verb.head, unit):
        subjects = [c for c in verb.head.children if c.dep_ == "dobj" and in_unit(c, unit)]
        # "called on the EU to sanction": the one called upon
        subjects = subjects or [p for c in verb.head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                                and in_unit(c, unit) for p in c.children if p.dep_ == "pobj"]
    if not subjects and any(c.dep_ == "xcomp" for c in verb.children):
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass" and in_unit(c, unit)]
    return subjects


def _state_list(subj, appos, lex: Lexicon) -> bool:
    """Both the subject and its apposition are bare authority names ("Australia, Canada and the UK")."""
    return bool(resolve_authorities(subj.text, lex)[0]) and bool(resolve_authorities(appos.text, lex)[0])


def _actor_text(subj, unit, lex: Lexicon) -> str:
    """A subject's words without its clauses and its target phrases ("sanctions on U.S. officials" names
    no actor in "U.S.")."""
    preps = lex.cue("target_preps")
    drop = set()
    for child in subj.children:
        if child.dep_ == "appos" and _state_list(subj, child, lex):
            continue        # "Australia, Canada and the UK": a list of states the parse read as an apposition
        if child.dep_ in ("relcl", "acl", "appos") or (child.dep_ == "prep" and child.lower_ in preps):
            drop.update(t.i for t in child.subtree)
    start = dateline_end(subj.doc, unit)     # "PARIS (Wire) — France and Spain ...": no actor
    if subj.i < start:      # the parse made the dateline the subject and the real one its apposition
        drop = {t.i for c in subj.children if c.dep_ == "prep" and c.lower_ in preps for t in c.subtree}
    toks = [t for t in subj.subtree if in_unit(t, unit) and t.i not in drop and t.i >= start]
    return subj.doc[toks[0].i:toks[-1].i + 1].text if toks else subj.text


def _subject_authority(verb, subjects, doc, unit, lex: Lexicon, previous: list, settings: Settings,
                       issuer: list | None = None):
    """The authority the subjects name, :data:`_SPEAKER` for "we", else ``None``."""
    for subj in subjects:
        if subj.dep_ == "agent":
            pobj = [c for c in subj.children if c.dep_ == "pobj"]
            if not pobj:
                continue
            subj = pobj[0]
        if subj.text.lower() in FIRST_PERSON:
            return _SPEAKER
        auths, offices = resolve_authorities(_actor_text(subj, unit, lex), lex)
        own = resolve_authorities(doc[subj.left_edge.i:subj.i + 1].text, lex)[0]
        auths = [a for a in auths if not target_state(a, lex) or a in own]   # not "sanctions on Ruritania"
        if not auths and (subj.ent_type_ == "PERSON" or subj.pos_ == "PROPN"):
            # "Q Anna, the European Union sanctioned ...": a name addressed, the actor its apposition
            for appos in [c for c in subj.children if c.dep_ == "appos" and in_unit(c, unit)]:
                auths, offices = resolve_authorities(_actor_text(appos, unit, lex), lex)
                if auths:
                    break
        if auths:
            return auths, offices
        if subj.pos_ == "PRON":
            auths, offices = speech_subject(verb, doc, unit, lex)
            if auths:
                return auths, offices
        if subj.text.lower() in lex.anaphors or subj.lemma_.lower() in lex.anaphors or subj.pos_ == "PRON":
            return _one(context_authority(doc, unit, lex, previous, anaphor=subj, settings=settings,
                                          subjects=not issuer))
    return None


def _unparsed_subject(verb, subjects, doc, unit, lex: Lexicon, settings: Settings):
    """A finite verb without a parsed subject: the authority in the words just before it
    ("Britain on Thursday announced")."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    if subjects or passive or verb.tag_ not in ("VBD", "VBZ", "VBP", "VBN") or verb.dep_ in ("xcomp", "acl", "relcl"):
        return None
    window = doc[max(unit[0], verb.i - settings.subject_window):verb.i]
    auths, offices = resolve_authorities(window.text, lex)
    auths = [a for a in auths if not target_state(a, lex)]
    return (auths[-1:], offices) if auths else None


def action_authorities(trig: Trigger, chain: list, doc, unit, lex: Lexicon, previous: list,
                       settings: Settings = Settings(), issuer: list | None = None):
    """``(authorities, offices, source)`` of an action: sanction modifiers, subject or agent, speaker, then
    context.

    Coordinated subjects ("the United States and Britain imposed ...") give several authorities.
    ``previous`` holds ``(char offset, authority, offices)`` of the article's earlier actions.
    ``issuer`` (:func:`.issuer.document_issuer`) is who "we" is in a government text, and who acts
    when neither the sentence nor its context names anyone. ``source`` says where the authority was read:
    ``sentence`` (named there, or "we" of the issuer), ``context`` (an earlier sentence), ``issuer``
    (the document's issuer, nobody named) or ``None`` (no authority).
    """
    found = _sentence_authorities(trig, chain, doc, unit, lex, previous, settings, issuer)
    if found is _SPEAKER:
        return list(issuer or []), [], "sentence"
    if found is not None and found[0]:
        return found[0], found[1], "sentence"
    auths, offices = _one(context_authority(doc, unit, lex, previous, settings=settings, subjects=not issuer))
    offices = offices or (found[1] if found is not None else [])
    if auths:
        return auths, offices, "context"
    if issuer:
        return list(issuer), offices, "issuer"
    return [], offices, None


def _instrument_authority(verb, unit, lex: Lexicon):
    """The authority whose legal act the verb's object names ("negotiated the adoption of UN Security Council
    Resolution 2801, renewing the sanctions regime on X": the act is the UN's, not the negotiator's);
    ``instrument_nouns`` of the cues file. None when there is none."""
    nouns = lex.cue("instrument_nouns")
    for obj in [c for c in verb.children if c.dep_ == "dobj" and in_unit(c, unit)]:
        for tok in obj.subtree:
            if tok.lemma_.lower() in nouns and in_unit(tok, unit) and tok.left_edge.i < tok.i:
                auths, offices = resolve_authorities(tok.doc[tok.left_edge.i:tok.i].text, lex)
                if auths:
                    return auths, offices
    return None


def _sentence_authorities(trig: Trigger, chain: list, doc, unit, lex: Lexicon, previous: list,
                          settings: Settings, issuer: list | None):
    """:func:`action_authorities` without the issuer fallback; :data:`_SPEAKER` for an issuer's "we"."""
    tok = doc[trig.head]
    found, first_person = _modifier_authority(tok, unit, lex)
    if found is not None:
        return found
    if any(c.dep_ == "poss" and c.lower_ in ("their", "its") for c in tok.children):
        # "their July sanctions on X": the actor of the action just before
        found = _one(context_authority(doc, unit, lex, previous, settings=settings, subjects=False))
        if found[0]:
            return found
    # "sanctions imposed by X on Y", "the sanctions X imposed": the clause on the sanction word names the actor
    clauses = [c for c in action_clauses(tok, lex.cue("relative_actions"), lex.cue("sanction_containers"))
               if is_verb(c) and in_unit(c, unit)]
    for verb in [*clauses, *chain]:
        if not is_verb(verb):
            continue
        found = _instrument_authority(verb, unit, lex)
        if found is not None:
            return found
        subjects = _verb_subjects(verb, unit)
        found = _subject_authority(verb, subjects, doc, unit, lex, previous, settings, issuer)
        if found is _SPEAKER:
            first_person = True
            break
        found = found if found is not None else _unparsed_subject(verb, subjects, doc, unit, lex, settings)
        if found is not None:
            return found
    if first_person or in_quote(tok, doc, unit):
        auth, offices = speaker_authority(doc, unit, lex)
        if auth:
            return [auth], offices
        if first_person and issuer:
            return _SPEAKER
    verbs = [v for v in chain if is_verb(v)]
    if verbs:
        # reported speech: "the Foreign Office said the individuals would face travel bans"
        auths, offices = speech_subject(verbs[-1], doc, unit, lex)
        if auths:
            return auths, offices
    return None     # nothing in the sentence: the caller looks at the context and the issuer
