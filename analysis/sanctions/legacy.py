"""Who sanctions whom: sanction actions read from news text, cross-checked with official lists.

* :func:`sanctions` reads every sentence that names a sanction measure ("new
  sanctions", "asset freezes and travel bans", "was designated") and returns one
  row per (action, target) with the acting authority, the measures, the status
  (imposed / considered / threatened / called for), the date and the stated reason.
  It walks spaCy's dependency parse (via :func:`analysis.nlp.iter_docs`) from the
  sanction word to the verb that governs it, so background uses ("relief from
  sanctions", "because of tough sanctions", "the lifting of sanctions") give no row.
* :func:`consolidated` merges the rows into one row per distinct target across
  articles (transliteration variants merged, ranks kept for display only).
* :func:`load_lists` reads official list files (OFAC ``sdn.csv``, UK Sanctions List
  tables) and :func:`match_lists` scores targets against them with a verdict
  ``match`` / ``partial`` / ``related`` / ``no match``.
* :func:`to_ftm` writes FollowTheMoney entities (Person/Organization, Sanction,
  Article, Documentation) as JSON lines.

A target never runs into markup left in scraped text (``<img ...>``, ``<!-- -->``,
``=x``): a list item stops at it, a conjunct the parse cut off behind it ("on X
<script>...</script> and Y") still counts, and a sentence break inside it is none.

Every row carries ``doc_id`` and ``start``/``end`` offsets into the original file
(``article.raw``). Knowledge lives in editable files: ``data/sanctions_measures.yaml``,
``data/sanctions_cues.yaml``, ``data/sanctions_authorities.yaml``,
``data/sanctions_names.yaml`` and ``data/sanctions_lists.yaml``; list files in
``data/lists/``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import io
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd
import yaml

from .. import cache, config

#: Columns of :func:`sanctions`.
COLUMNS = ["doc_id", "start", "end", "sentence", "authority", "office", "target", "target_type", "title",
           "position", "measures", "status", "date", "reason", "canonical", "trigger",
           "sentence_start", "sentence_end"]
#: Columns of :func:`consolidated`.
CONSOLIDATED_COLUMNS = ["target", "target_type", "titles", "positions", "authorities", "offices", "measures",
                        "statuses", "reasons", "first_date", "sources", "doc_ids", "mentions", "key",
                        "evidence"]
#: Columns of :func:`match_lists`.
MATCH_COLUMNS = ["target", "target_type", "verdict", "score", "list", "list_id", "list_name",
                 "list_entity_type", "programme", "listing_date", "first_seen", "evidence"]
#: Columns of :func:`load_lists`.
LIST_COLUMNS = ["list", "list_id", "name", "name_type", "entity_type", "programme", "listing_date",
                "first_seen", "source"]
STATUSES = ["imposed", "considered", "threatened", "called_for"]
LISTS_FOLDER = "lists"

_NAMED = {"PERSON", "ORG", "GPE", "FAC", "NORP", "PRODUCT", "LOC"}
_FIRST_PERSON = {"we", "our", "us", "ours", "i", "my", "me"}
_REL_PRONOUNS = {"which", "who", "whom", "whose", "that", "where"}
_QUANTIFIERS = {"several", "many", "numerous", "various", "other", "some", "few", "multiple", "further", "additional"}


# ---------------------------------------------------------------------------
# Knowledge files
# ---------------------------------------------------------------------------

@dataclass
class Lexicon:
    """The editable knowledge in ``data/sanctions_*.yaml``, compiled."""

    measures: dict
    generic: list
    verbs: dict
    generic_label: str
    cues: dict
    authorities: dict
    offices: dict
    anaphors: set
    metonyms: dict
    names: dict
    lists: dict
    verb_phrases: dict = field(default_factory=dict)
    title_words: list | None = None
    needs_target_prep: set = field(default_factory=set)
    variant_cache: dict = field(default_factory=dict)
    owned_objects: set = field(default_factory=set)
    alias_index: list = field(default_factory=list)

    def cue(self, name: str) -> set:
        return {str(w).lower() for w in self.cues.get(name, [])}


def _read_yaml(name: str, folder: Path | None) -> dict:
    path = (folder / name) if folder else config.data_file(name)
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


@lru_cache(maxsize=4)
def _lexicon(folder: str | None) -> Lexicon:
    base = Path(folder) if folder else None
    meas = _read_yaml("sanctions_measures.yaml", base)
    cues = _read_yaml("sanctions_cues.yaml", base)
    auth = _read_yaml("sanctions_authorities.yaml", base)
    names = _read_yaml("sanctions_names.yaml", base)
    lists = _read_yaml("sanctions_lists.yaml", base)
    lex = Lexicon(
        measures=meas.get("measures") or {}, generic=meas.get("generic") or [],
        verbs=meas.get("verbs") or {}, generic_label=meas.get("generic_label", "sanctions"),
        cues=cues, authorities=auth.get("authorities") or {}, offices=auth.get("offices") or {},
        anaphors={a.lower() for a in auth.get("anaphors") or []}, metonyms=auth.get("metonyms") or {},
        names=names, lists=lists, verb_phrases=meas.get("verb_phrases") or {},
        owned_objects={w.lower() for w in meas.get("owned_objects") or []},
        needs_target_prep={w.lower() for w in meas.get("needs_target_preposition") or []})
    index: dict[str, list[tuple[str, str]]] = {}
    for canonical, spec in lex.authorities.items():
        for alias in [canonical.lower(), *spec.get("aliases", [])]:
            index.setdefault(alias.lower(), []).append(("authority", canonical))
    for office, spec in lex.offices.items():
        for alias in spec.get("aliases", []):
            index.setdefault(alias.lower(), []).append(("office", office))
    lex.alias_index = sorted(index.items(), key=lambda kv: (-len(kv[0]), kv[0]))
    return lex


def load_lexicon(folder: str | Path | None = None) -> Lexicon:
    """The sanction lexicons (``data/`` unless ``folder`` holds edited copies), cached."""
    return _lexicon(str(folder) if folder else None)


def _forms(word: str) -> set[str]:
    """A word and its plural forms, for matching ("freeze" -> "freezes")."""
    w = word.lower()
    forms = {w, w + "s", w + "es"}
    if w.endswith("y"):
        forms.add(w[:-1] + "ies")
    return forms


# ---------------------------------------------------------------------------
# Authorities
# ---------------------------------------------------------------------------

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
            offices.append(name) if name not in offices else None
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
# Sentence units and triggers
# ---------------------------------------------------------------------------

def _units(doc) -> list[tuple[int, int, int | None]]:
    """Sentence units as ``(start_token, end_token, merge_token)``.

    spaCy sentences are cut again at paragraph breaks, and a unit that starts with
    a lower-case "and"/"or" inside the same paragraph is glued back to the one before
    (a stray full stop inside a list: "... in the deal. and Brigadier General ...");
    ``merge_token`` is where the glue is.
    """
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
    units: list[tuple[int, int, int | None]] = []
    markup = markup_tokens(doc)
    for s, e, _ in pieces:
        while s < e and doc[s].is_space:
            s += 1
        if s >= e:
            continue
        first = doc[s]
        if units and markup and (s in markup or units[-1][1] - 1 in markup) and not any(
                t.is_space and "\n" in t.text for t in doc[units[-1][1]:s]):
            # a sentence break the parser put inside stray markup ("X <!-- note --> and Y") is none
            ps, _, pm = units[-1]
            units[-1] = (ps, e, pm)
        elif units and first.text in ("and", "or") and not any(
                t.is_space and "\n" in t.text for t in doc[units[-1][1]:s]):
            ps, _, pm = units[-1]
            units[-1] = (ps, e, s)
        else:
            units.append((s, e, None))
    return units


_MATCHERS: dict = {}


def _build_matcher(vocab, lex: Lexicon):
    key = (id(vocab), id(lex))
    if key in _MATCHERS:
        return _MATCHERS[key]
    from spacy.matcher import Matcher
    matcher = Matcher(vocab)
    for canonical, phrases in lex.measures.items():
        for phrase in phrases:
            words = phrase.replace("-", " - ").split()
            matcher.add("M|" + canonical, [[{"LOWER": {"IN": sorted(_forms(w))}} for w in words]])
    for phrase in lex.generic:
        words = phrase.split()
        matcher.add("G|" + lex.generic_label, [[{"LOWER": {"IN": sorted(_forms(w))}} for w in words]])
    for canonical, pairs in (lex.verb_phrases or {}).items():
        for verb, obj in pairs:
            matcher.add("V|" + canonical, [[{"LEMMA": verb, "POS": "VERB"},
                                            {"POS": {"IN": ["DET", "PRON", "ADJ", "NUM", "PROPN", "PART"]}, "OP": "*"},
                                            {"LOWER": {"IN": sorted(_forms(obj))}}]])
    _MATCHERS[key] = matcher
    return matcher


@dataclass
class Trigger:
    start: int
    end: int
    head: int
    measure: str
    generic: bool
    verb: bool


def _triggers(doc, lex: Lexicon) -> list[Trigger]:
    """Sanction words in a Doc: measure phrases, generic nouns and designation verbs."""
    from spacy.util import filter_spans
    matcher = _build_matcher(doc.vocab, lex)
    spans = []
    for match_id, s, e in matcher(doc):
        label = doc.vocab.strings[match_id]
        span = doc[s:e]
        span.label_ = label
        spans.append(span)
    out = []
    for span in filter_spans(spans):
        kind, measure = span.label_.split("|", 1)
        if kind == "V":
            out.append(Trigger(span.start, span.start + 1, span.start, measure, False, True))
            continue
        root = span[-1]
        if kind == "G" and root.lemma_.lower() in lex.verbs and root.pos_ == "VERB":
            out.append(Trigger(span.start, span.end, root.i, lex.verbs[root.lemma_.lower()], True, True))
            continue
        if kind == "G" and root.tag_ in ("JJ", "VBN") and root.dep_ == "amod":
            continue  # "sanctioned entities": a description, not an action
        out.append(Trigger(span.start, span.end, root.i, measure, kind == "G", False))
    taken = {i for t in out for i in range(t.start, t.end)}
    verbs = {v.lower() for v in lex.verbs}
    for tok in doc:
        if tok.i in taken or tok.lemma_.lower() not in verbs or tok.pos_ not in ("VERB", "AUX"):
            continue
        if tok.dep_ == "amod":
            continue
        out.append(Trigger(tok.i, tok.i + 1, tok.i, lex.verbs[tok.lemma_.lower()], True, True))
    return sorted(out, key=lambda t: t.start)


# ---------------------------------------------------------------------------
# The dependency walk
# ---------------------------------------------------------------------------

def _in(tok, unit) -> bool:
    return unit[0] <= tok.i < unit[1]


def _ancestors(tok, unit):
    """Heads of ``tok`` up to the unit's root, never leaving the unit."""
    seen = set()
    while tok.head.i != tok.i and _in(tok.head, unit) and tok.head.i not in seen:
        tok = tok.head
        seen.add(tok.i)
        yield tok


def _is_verb(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")


def _prep_phrase(prep) -> str:
    """Text of a preposition with the words that make it multi-word ("because of", "together with")."""
    doc = prep.doc
    words = [prep.text.lower()]
    before = doc[prep.i - 1] if prep.i > 0 else None
    if before is not None and (before.head.i == prep.i or prep.head.i == before.i or before.dep_ in ("advmod", "mark")):
        words.insert(0, before.text.lower())
    return " ".join(words)


def _status_sets(lex: Lexicon) -> dict[str, set]:
    status = lex.cues.get("status") or {}
    return {k: {str(v).lower() for v in vals} for k, vals in status.items()}


def _is_background(trig_tok, unit, lex: Lexicon) -> bool:
    """A sanction word that names the backdrop, not an action ("relief from sanctions")."""
    governors = lex.cue("background_governors")
    preps = lex.cue("background_preps")
    statuses = _status_sets(lex)
    action_lemmas = set().union(*statuses.values()) if statuses else set()
    tok = trig_tok
    # climb through coordination: "the invasion ... and sanctions" shares the head's role
    while tok.dep_ == "conj" and _in(tok.head, unit):
        tok = tok.head
    if tok.dep_ == "compound" and tok.head.lemma_.lower() in governors:
        return True
    for steps, anc in enumerate(_ancestors(tok, unit)):
        if steps > 3:
            break
        if anc.lemma_.lower() in governors or anc.text.lower() in governors:
            return True
        if anc.dep_ == "prep" or anc.pos_ == "ADP" or anc.dep_ == "agent":
            phrase = _prep_phrase(anc)
            last = phrase.split()[-1]
            if phrase in preps or (last in preps and last != "by") or (last == "of" and phrase in preps):
                return True
            if last == "by":
                verb = anc.head
                if _is_verb(verb) and verb.lemma_.lower() not in action_lemmas:
                    return True
        if _is_verb(anc):
            break
    verb = next((a for a in _ancestors(trig_tok, unit) if _is_verb(a)), None)
    if verb is not None:
        subjects = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj") and c.i != tok.i]
        if any(c.lemma_.lower() in lex.cue("background_subjects") for c in subjects):
            return True
        if any(c.dep_ == "advmod" and c.lemma_.lower() in lex.cue("background_adverbs") for c in verb.children):
            return True
    if tok.dep_ in ("nsubj", "nsubjpass") and _in(tok.head, unit):
        if tok.head.lemma_.lower() not in action_lemmas:
            return True
    # "sanctions relief": the sanction word modifies a background noun to its right
    nxt = trig_tok.doc[trig_tok.i + 1] if trig_tok.i + 1 < len(trig_tok.doc) else None
    if nxt is not None and nxt.lemma_.lower() in governors and nxt.pos_ == "NOUN":
        return True
    return False


def _is_designation(verb, lex: Lexicon) -> bool:
    """"designated as X" names a sanction only for labels like "terrorist organisation"."""
    labels = lex.cue("designation_labels")
    for child in verb.children:
        if child.dep_ == "prep" and child.text.lower() == "as":
            words = {t.lemma_.lower() for t in child.subtree} | {t.text.lower() for t in child.subtree}
            return bool(words & labels)
    return True


def _chain(trig: Trigger, doc, unit, lex: Lexicon, skip: set = frozenset()) -> list:
    """Verbs and cue nouns governing the trigger, nearest first, stopping at a verb of saying."""
    speech = lex.cue("speech_verbs")
    statuses = _status_sets(lex)
    cue_words = set().union(*statuses.values()) if statuses else set()
    tok = doc[trig.head]
    chain = [tok] if trig.verb else []
    prev = tok
    for anc in _ancestors(tok, unit):
        reported = prev.dep_ in ("ccomp", "parataxis", "advcl") or (prev.dep_ == "conj" and _is_verb(prev))
        prev = anc
        if _is_verb(anc) and anc.lemma_.lower() in speech and anc.i != trig.head and reported:
            break
        if anc.i in skip:
            continue
        if _is_verb(anc) or anc.lemma_.lower() in cue_words:
            chain.append(anc)
    return chain


def _window_action(trig: Trigger, doc, unit, lex: Lexicon, skip: set = frozenset()):
    """A status verb shortly before the trigger when the parse does not link them ("hit by X with asset freezes")."""
    statuses = _status_sets(lex)
    lemmas = set().union(*statuses.values()) if statuses else set()
    for i in range(trig.start - 1, max(unit[0], trig.start - 10) - 1, -1):
        t = doc[i]
        if t.is_punct and t.text in ";.":
            break
        if _is_verb(t) and t.lemma_.lower() in lemmas and t.i not in skip:
            return t
    return None


def _modal_status(verb, lex: Lexicon) -> str | None:
    modals = lex.cues.get("modals") or {}
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") or child.tag_ == "MD":
            low = child.text.lower()
            for status in ("considered", "threatened"):
                if low in {str(m).lower() for m in modals.get(status, [])}:
                    return status
    if verb.lemma_.lower() == "go" and verb.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in verb.children):
        return "threatened"
    return None


def _status(chain: list, lex: Lexicon) -> str | None:
    """Status from the nearest cue word, else the nearest modal; ``None`` means a negated action (no row)."""
    statuses = _status_sets(lex)
    keeps = lex.cue("negation_keeps")
    for tok in chain:
        if any(c.dep_ == "neg" for c in tok.children) and tok.lemma_.lower() not in keeps:
            return None
    for tok in chain:
        lemma = tok.lemma_.lower()
        for status in ("called_for", "considered", "threatened"):
            if lemma in statuses.get(status, set()):
                return status
    for tok in chain:
        modal = _modal_status(tok, lex) if _is_verb(tok) else None
        if modal:
            return modal
    return "imposed"


def _subtree_text(tok, unit, skip_deps=("relcl", "acl", "appos")) -> str:
    """Text of a token's subtree inside the unit, without clauses hanging off it."""
    doc = tok.doc
    drop = set()
    for child in tok.children:
        if child.dep_ in skip_deps:
            drop.update(t.i for t in child.subtree)
    toks = [t for t in tok.subtree if _in(t, unit) and t.i not in drop]
    if not toks:
        return tok.text
    return doc[toks[0].i:toks[-1].i + 1].text


def _speaker(doc, unit, lex: Lexicon):
    """The authority of the speaker of a quote in this unit ("we", "our"), via earlier mentions of the name."""
    speech = lex.cue("speech_verbs")
    for tok in doc[unit[0]:unit[1]]:
        if _is_verb(tok) and tok.lemma_.lower() in speech:
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            if not subj:
                continue
            head = subj[0]
            auth, offices = resolve_authority(_mention_text(head), lex)
            if auth:
                return auth, offices
            if head.pos_ == "PRON":
                continue
            for earlier in reversed(doc[:unit[0]]):
                if earlier.text == head.text and earlier.i != head.i:
                    auth, offices = resolve_authority(_mention_text(earlier), lex)
                    if auth:
                        return auth, offices
    return None, []


def _mention_text(tok) -> str:
    """A name with the words in front of it and its apposition ("US State Department spokesman Jane Doe")."""
    doc = tok.doc
    start = tok.left_edge.i
    end = tok.i + 1
    for child in tok.children:
        if child.dep_ == "appos":
            end = max(end, child.right_edge.i + 1)
    return doc[start:end].text


def _context_authority(doc, unit, lex: Lexicon, previous: list, anaphor=None, reach: int = 8):
    """Nearest authority before this unit: an earlier action's, or the subject of a recent sentence.

    ``anaphor`` ("the administration") prefers a subject with the same head word
    ("the Smith administration"). Looks back ``reach`` sentence units at most.
    """
    units = [u for u in _units(doc) if u[1] <= unit[0]][-reach:]
    candidates = [(pos, auth, offices, "") for pos, auth, offices in previous]
    for u in units:
        for tok in doc[u[0]:u[1]]:
            if tok.dep_ in ("nsubj", "nsubjpass") and _is_verb(tok.head):
                text = _subtree_text(tok, (u[0], u[1]))
                auth, offices = resolve_authority(text, lex)
                if auth:
                    candidates.append((tok.idx, auth, offices, text.lower()))
    if anaphor is not None:
        word = anaphor.lemma_.lower()
        same = [c for c in candidates if c[3] and re.search(rf"\b{re.escape(word)}", c[3])]
        if same:
            best = max(same, key=lambda c: c[0])
            return best[1], best[2]
    if candidates:
        best = max(candidates, key=lambda c: c[0])
        return best[1], best[2]
    if units:
        found = find_authorities(doc[units[-1][0]:unit[0]].text, lex)
        if found:
            _, _, kind, name = found[-1]
            if kind == "office":
                return lex.offices[name].get("authority"), [name]
            return name, []
    return None, []


def _authority(trig: Trigger, chain: list, doc, unit, lex: Lexicon, previous: list):
    """``(authorities, offices)`` of an action: sanction modifiers, subject or agent, speaker, then context.

    Coordinated subjects ("the United States and Britain imposed ...") give several authorities.
    """
    anaphors = lex.anaphors
    tok = doc[trig.head]
    first_person = False

    def one(pair):
        auth, offices = pair
        return ([auth] if auth else []), offices

    mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod")]
    for child in mods:
        if child.text.lower() in _FIRST_PERSON:
            first_person = True
            continue
        auths, offices = resolve_authorities(_subtree_text(child, unit), lex)
        if auths:
            return auths, offices
    for verb in chain:
        if not _is_verb(verb):
            continue
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "agent") and _in(c, unit)]
        if not subjects and verb.dep_ == "xcomp" and _in(verb.head, unit):
            # "X urged the EU to sanction Y": the object of "urge" is who would act
            subjects = [c for c in verb.head.children if c.dep_ == "dobj" and _in(c, unit)]
        if not subjects and any(c.dep_ == "xcomp" for c in verb.children):
            # "The EU is expected to approve sanctions": the raised subject acts
            subjects = [c for c in verb.children if c.dep_ == "nsubjpass" and _in(c, unit)]
        for subj in subjects:
            if subj.dep_ == "agent":
                pobj = [c for c in subj.children if c.dep_ == "pobj"]
                if not pobj:
                    continue
                subj = pobj[0]
            text = _subtree_text(subj, unit)
            if subj.text.lower() in _FIRST_PERSON:
                first_person = True
                break
            auths, offices = resolve_authorities(text, lex)
            if auths:
                return auths, offices
            if subj.pos_ == "PRON":
                auths, offices = _speech_subject(verb, doc, unit, lex)
                if auths:
                    return auths, offices
            if subj.text.lower() in anaphors or subj.lemma_.lower() in anaphors or subj.pos_ == "PRON":
                return one(_context_authority(doc, unit, lex, previous, anaphor=subj))
        else:
            passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
            if not subjects and not passive and verb.tag_ in ("VBD", "VBZ", "VBP", "VBN") \
                    and verb.dep_ not in ("xcomp", "acl", "relcl"):
                # finite verb without a parsed subject: the words just before it ("Britain on Thursday announced")
                window = doc[max(unit[0], verb.i - 8):verb.i]
                auths, offices = resolve_authorities(window.text, lex)
                if auths:
                    return auths[-1:], offices
            continue
        break
    if first_person or _in_quote(tok, doc, unit):
        auth, offices = _speaker(doc, unit, lex)
        if auth:
            return [auth], offices
    verbs = [v for v in chain if _is_verb(v)]
    if verbs:
        # reported speech: "the Foreign Office said the individuals would face travel bans"
        auths, offices = _speech_subject(verbs[-1], doc, unit, lex)
        if auths:
            return auths, offices
    return one(_context_authority(doc, unit, lex, previous))


def _speech_subject(verb, doc, unit, lex: Lexicon):
    """"Canada said it would sanction ...": the authority of the verb of saying above a pronoun subject."""
    speech = lex.cue("speech_verbs")
    for anc in _ancestors(verb, unit):
        if _is_verb(anc) and anc.lemma_.lower() in speech:
            for c in anc.children:
                if c.dep_ == "nsubj":
                    return resolve_authorities(_mention_text(c), lex)
            break
    return [], []


def _in_quote(tok, doc, unit) -> bool:
    quotes = {'"', "“", "”", "''", "``"}
    n = sum(1 for t in doc[unit[0]:tok.i] if t.text in quotes)
    return n % 2 == 1


# ---------------------------------------------------------------------------
# Targets
# ---------------------------------------------------------------------------

@dataclass
class Target:
    start: int          # token index (inclusive)
    end: int            # token index (exclusive)
    text: str
    type: str
    title: str | None = None
    position: str | None = None
    reason: str | None = None


_MARKUP_CACHE: dict[int, tuple] = {}


def markup_tokens(doc) -> frozenset[int]:
    """Indices of tokens that are markup left in plain text (tags, comments, scripts, ``=``, ``<``, ``>``).

    Scraped articles keep stray HTML; a target never runs into it (see :func:`analysis.text.markup.markup_spans`).
    """
    hit = _MARKUP_CACHE.get(id(doc))
    if hit is not None and hit[0] is doc:
        return hit[1]
    from ..text.markup import markup_spans
    spans = markup_spans(doc.text)
    out = set()
    for tok in doc:
        if any(ch in tok.text for ch in "<>=") or any(a < tok.idx + len(tok.text) and tok.idx < b for a, b in spans):
            out.add(tok.i)
    if len(_MARKUP_CACHE) > 8:
        _MARKUP_CACHE.clear()
    result = frozenset(out)
    _MARKUP_CACHE[id(doc)] = (doc, result)
    return result


def _markup_runs(tokens: list, doc) -> list[list]:
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


def _ent_at(tok):
    """The named-entity span that starts at (or contains) ``tok``, if any."""
    if tok.ent_type_ in _NAMED:
        doc = tok.doc
        for ent in doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent
    return None


def _titles(lex: Lexicon) -> list[tuple[str, ...]]:
    """Rank words from ``data/sanctions_names.yaml``, longest first (computed once per lexicon)."""
    if lex.title_words is None:
        titles = {tuple(w.rstrip(".") for w in t.lower().split()) for t in lex.names.get("titles", [])}
        lex.title_words = sorted(titles, key=lambda w: (-len(w), w))
    return lex.title_words


def _strip_title(words: list[str], lex: Lexicon) -> tuple[list[str], list[str]]:
    """Split leading rank words from a name: ``(title_words, name_words)``."""
    titles = _titles(lex)
    firsts = {t[0] for t in titles}
    title: list[str] = []
    while words and words[0].lower().rstrip(".") in firsts:
        low = [w.lower().rstrip(".") for w in words[:4]]
        for t in titles:
            if tuple(low[:len(t)]) == t and len(words) > len(t):
                title += words[:len(t)]
                words = words[len(t):]
                break
        else:
            break
    return title, words


def _named_type(ent, lex: Lexicon) -> str:
    words = ent.text.lower().split()
    org_words = {w.lower() for w in lex.names.get("org_words", [])}
    if ent.label_ == "PERSON":
        return "organization" if words and words[-1] in org_words else "person"
    if ent.label_ in ("GPE", "LOC"):
        return "country" if country_name(ent.text, lex) else "organization"
    if ent.label_ == "NORP":
        return "group"
    return "organization"


def _org_and(tok, lex: Lexicon) -> bool:
    """An "and" between two organisation names that the tagger ran into one entity."""
    doc = tok.doc
    if tok.text.lower() != "and" or tok.i == 0 or tok.i + 1 >= len(doc):
        return False
    org_words = {w.lower() for w in lex.names.get("org_words", [])}
    before, after = doc[tok.i - 1], doc[tok.i + 1]
    return before.text.lower() in org_words and before.text[:1].isupper() and after.text[:1].isupper()


def _split_coordinated_org(ent, lex: Lexicon, at: int):
    """The part of an entity span ("X Industries and Y Company") that holds token ``at``."""
    cuts = [t.i for t in ent if _org_and(t, lex)]
    if not cuts:
        return ent
    bounds = [ent.start, *cuts, ent.end]
    for i in range(len(bounds) - 1):
        lo = bounds[i] + (1 if i else 0)
        hi = bounds[i + 1]
        if lo <= at < hi or (at < lo and i == 0):
            return ent.doc[lo:hi]
    return ent.doc[cuts[-1] + 1:ent.end]


def _chunks(tokens: list, doc, merge: int | None, lex: Lexicon) -> list[list]:
    """Split a region into list items at ';' and the unit glue, then at ',' / 'and' outside names."""
    segments: list[list] = [[]]
    tokens = list(tokens)
    for t in tokens:
        if t.text == ";" or (merge is not None and t.i == merge):
            segments.append([] if t.text == ";" else [t])
            continue
        segments[-1].append(t)
    chunks: list[list] = []
    for seg in segments:
        cur: list = []
        for t in seg:
            inside_ent = t.ent_iob_ == "I" and not _org_and(t, lex)
            as_well_as = (t.text.lower() == "as" and len(cur) >= 2 and
                          [x.text.lower() for x in cur[-2:]] == ["as", "well"])
            if as_well_as:
                cur = cur[:-2]
            if not inside_ent and (t.text in (",", ":") or as_well_as or
                                   (t.dep_ == "cc" and t.text.lower() in ("and", "or"))):
                if cur:
                    chunks.append(cur)
                cur = [t] if t.text.lower() in ("and", "or") or as_well_as else []
                continue
            cur.append(t)
        if cur:
            chunks.append(cur)
    return chunks


def _clean_edges(tokens: list) -> list:
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].dep_ == "cc"
                      or tokens[0].text.lower() in ("and", "or")):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def _items_from_region(tokens: list, doc, merge: int | None, lex: Lexicon) -> list[Target]:
    """Targets listed in a stretch of text: names (with rank and appositive role) or one unnamed group.

    Markup inside the stretch (stray HTML in scraped text) ends a list item; it is never part of a target.
    """
    tokens = sorted(tokens, key=lambda t: t.i)
    runs = _markup_runs(tokens, doc)
    if len(runs) == 1 and len(runs[0]) == len(tokens):
        return _items_from_run(tokens, doc, merge, lex)
    items: list[Target] = []
    for run in runs:
        items.extend(_items_from_run(run, doc, merge, lex))
    return items


def _descriptor_not_rank(pre: list, lex: Lexicon) -> bool:
    """Words before a person's name that describe ("arms broker") rather than rank ("defence minister")."""
    words = [t for t in pre if t.is_alpha]
    if not words or not words[-1].is_lower or words[-1].pos_ != "NOUN":
        return False
    rank_words = {w for title in _titles(lex) for w in title}
    return not any(t.lower_.rstrip(".") in rank_words for t in words)


def _starts_with_person(chunk: list) -> bool:
    words = _clean_edges(chunk)
    return bool(words) and words[0].ent_type_ == "PERSON" and words[0].ent_iob_ == "B"


def _items_from_run(tokens: list, doc, merge: int | None, lex: Lexicon) -> list[Target]:
    items: list[Target] = []
    position_open = False
    pending_position = None     # "... and its chief executive, Jane Roe": the role of the next name
    tokens = sorted(tokens, key=lambda t: t.i)
    chunks = _chunks(tokens, doc, merge, lex)
    for k, chunk in enumerate(chunks):
        raw_chunk = chunk
        chunk = _clean_edges(chunk)
        if not chunk:
            continue
        if (items and raw_chunk[0].text.lower() in ("and", "or") and k + 1 < len(chunks)
                and not any(t.ent_type_ in _NAMED for t in chunk)
                and chunk[0].dep_ == "poss" and chunk[-1].pos_ == "NOUN" and chunk[-1].is_lower
                and _starts_with_person(chunks[k + 1])):
            pending_position = doc[chunk[0].i:chunk[-1].i + 1].text
            position_open = False
            continue
        lead = [t for t in chunk if not (t.dep_ == "det" and t.i == chunk[0].i)]
        ent = None
        for t in lead:
            e = _ent_at(t)
            if e is not None and e.label_ in _NAMED and e.label_ != "NORP":
                if e.end < len(doc) and doc[e.end].tag_ in ("POS", "HYPH"):
                    continue        # "Ruritania's defence minister X", "Ruritania-based broker X": a modifier
                ent = e
                break
            if not (t.pos_ in ("PROPN", "NOUN", "ADJ", "NUM") or t.tag_ in ("POS", "HYPH")
                    or (t.tag_ == "VBN" and t.dep_ == "amod")):     # "Cyprus-based arms broker ..."
                break
        if ent is not None and ent.label_ in ("ORG", "FAC"):
            ent = _split_coordinated_org(ent, lex, chunk[0].i)
        if ent is not None:
            pre = [t for t in chunk if t.i < ent.start and t.dep_ != "det"]
            words = [t.text for t in ent]
            title_words, name_words = _strip_title(words, lex)
            pre_text = doc[pre[0].i:ent.start].text if pre else ""
            title = " ".join(w for w in [pre_text, *title_words] if w).strip() or None
            name_start = ent.start + len(title_words)
            rest = [t for t in chunk if t.i >= ent.end]
            position = None
            position_open = True
            if rest:
                position = doc[rest[0].i:rest[-1].i + 1].text
            if title and (_named_type(ent, lex) != "person" or (not title_words and _descriptor_not_rank(pre, lex))):
                # "Ruritanian drone maker Acme Aviation Industries", "Paris-based lawyer Jean Dupont":
                # a description, not a rank
                position = f"{title}, {position}" if position else title
                title = None
            if pending_position and _named_type(ent, lex) == "person":
                position = f"{pending_position}, {position}" if position else pending_position
            pending_position = None
            items.append(Target(name_start, ent.end, " ".join(name_words), _named_type(ent, lex),
                                title, position))
            continue
        coordinated = raw_chunk[0].text.lower() in ("and", "or", "as")
        chunk = _clean_edges(chunk)
        if not chunk:
            continue
        first = chunk[0]
        if items and coordinated and (first.dep_ in ("det", "nummod") or first.pos_ in ("DET", "NUM")):
            text = doc[chunk[0].i:chunk[-1].i + 1].text
            items.append(Target(chunk[0].i, chunk[-1].i + 1, text, "group"))
            position_open = False
            continue
        if items and first.text.lower() in _REL_PRONOUNS:
            position_open = False
            continue
        if items and position_open:
            text = doc[chunk[0].i:chunk[-1].i + 1].text
            items[-1].position = f"{items[-1].position}, {text}" if items[-1].position else text
            continue
        if not items:
            text = doc[chunk[0].i:chunk[-1].i + 1].text
            items.append(Target(chunk[0].i, chunk[-1].i + 1, text, "group"))
            position_open = False
    return items


def _own_tokens(tok, unit, skip: set) -> list:
    """Tokens of ``tok``'s phrase without its coordinated siblings and without ``skip``."""
    drop = set(skip)
    for child in tok.children:
        if child.dep_ in ("conj", "cc", "punct") and child.i > tok.i:
            drop.update(t.i for t in child.subtree)
    return [t for t in tok.subtree if _in(t, unit) and t.i not in drop]


def _group_target(head, unit, lex: Lexicon) -> list[Target]:
    """Unnamed targets ("Ruritanian officials and companies"), plus named coordinates as their own targets.

    Coordinated common nouns sharing their modifiers stay one group; a conjunct with
    its own determiner or number starts another ("three officers and a manufacturer").
    A common noun with a named apposition ("a drone maker, Qods Aviation Industries")
    gives the named target, with the common noun as its position.
    """
    doc = head.doc
    pronouns = lex.cue("pronoun_groups")
    reason_parts = lex.cue("reason_participles")
    include = lex.cue("include_preps")
    reason_preps = lex.cue("reason_preps")
    conjs = [head]
    stack = [head]
    while stack:
        cur = stack.pop()
        for c in cur.children:
            if c.dep_ == "conj" and _in(c, unit):
                conjs.append(c)
                stack.append(c)
    conjs.sort(key=lambda t: t.i)
    out: list[Target] = []
    clusters: list[list] = []
    reason = None
    skip: set[int] = set()
    for c in conjs:
        ent = _ent_at(c)
        if (ent is not None and ent.label_ not in ("NORP",)) or c.pos_ == "PROPN":
            toks = _own_tokens(c, unit, set())
            out.extend(_items_from_region(toks, doc, None, lex))
            continue
        appos = [a for a in c.children if a.dep_ == "appos" and (_ent_at(a) is not None or a.pos_ == "PROPN")]
        for child in c.children:
            if child.dep_ == "acl" and c.lemma_.lower() not in pronouns and child.lemma_.lower() in reason_parts:
                reason = reason or _trim_reason(_span_text(child, unit))
                skip.update(t.i for t in child.subtree)
            if child.dep_ == "prep" and (_prep_phrase(child) in include or child.text.lower() in include
                                         or child.text.lower() in reason_preps):
                skip.update(t.i for t in child.subtree)
            if child.dep_ == "appos":
                skip.update(t.i for t in child.subtree)
        if appos:
            own = _clean_edges([t for t in _own_tokens(c, unit, skip)])
            description = doc[own[0].i:own[-1].i + 1].text if own else None
            for a in appos:
                items = _items_from_region([t for t in a.subtree if _in(t, unit)], doc, None, lex)
                for item in items:
                    if item.type in ("person", "organization"):
                        item.position = item.position or description
                out.extend(items)
            continue
        colon = c.right_edge.i + 1
        if colon < unit[1] and doc[colon].text == ":":
            # "three officers: X, Y and Z": the names after the colon are the targets
            listed = [t for t in _items_from_region(list(doc[colon + 1:unit[1]]), doc, None, lex)
                      if t.type in ("person", "organization")]
            if listed:
                out.extend(listed)
                continue
        own_det = any(ch.dep_ in ("det", "nummod", "poss") or
                      (ch.dep_ == "amod" and ch.lemma_.lower() in _QUANTIFIERS and ch.i < c.i) for ch in c.children)
        if not clusters or own_det:
            clusters.append([c])
        else:
            clusters[-1].append(c)
    markup = markup_tokens(doc)
    for cluster in clusters:
        toks = sorted({t.i for c in cluster for t in _own_tokens(c, unit, skip)})
        if not toks:
            continue
        toks = [doc[i] for i in range(toks[0], toks[-1] + 1) if i not in skip]
        if markup:
            runs = _markup_runs(toks, doc)
            toks = runs[0] if runs else []
        toks = _clean_edges(toks)
        if toks:
            s_, e_ = toks[0].i, toks[-1].i + 1
            text = doc[s_:e_].text
            kind = "country" if country_name(text, lex) else "group"
            out.append(Target(s_, e_, text, kind, reason=reason))
    return sorted(out, key=lambda t: t.start)


def _span_text(tok, unit) -> str:
    toks = [t for t in tok.subtree if _in(t, unit)]
    toks = _clean_edges(toks)
    if not toks:
        return tok.text
    return tok.doc[toks[0].i:toks[-1].i + 1].text


def _targets_of(head, unit, merge, lex: Lexicon) -> list[Target]:
    """Targets rooted at ``head``: a named list (region) or an unnamed group."""
    doc = head.doc
    if head.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "TIME", "DATE", "ORDINAL"):
        return []
    ent = _ent_at(head)
    if head.i in markup_tokens(doc):
        # a parse broken by stray HTML: the markup token heads the phrase; read the words around it
        return _items_from_region([t for t in head.subtree if _in(t, unit)], doc, merge, lex)
    if (ent is not None and ent.label_ not in ("NORP", "DATE", "TIME", "CARDINAL")) or head.pos_ == "PROPN":
        toks = [t for t in head.subtree if _in(t, unit)]
        if merge is not None and toks and toks[-1].i < unit[1] - 1 and toks[-1].i + 2 >= merge:
            toks = toks + [t for t in doc[merge:unit[1]]]
        drop = set()
        include = lex.cue("include_preps")
        for child in head.children:
            if child.dep_ == "prep" and (_prep_phrase(child) in include or child.text.lower() in include):
                drop.update(t.i for t in child.subtree)
        toks = [t for t in toks if t.i not in drop]
        return _items_from_region(toks + _detached_apposition(toks, unit), doc, merge, lex)
    if head.pos_ in ("NOUN", "PRON", "NUM", "ADJ", "PROPN") or head.ent_type_ == "NORP":
        if head.pos_ == "PRON" and head.text.lower() in _FIRST_PERSON | {"it", "them", "they", "him", "her"}:
            return []
        return _group_target(head, unit, lex)
    return []


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


def _among_those_region(doc, unit) -> list:
    """After the verb of "Among those hit by X with Y were A, B and C" (also when the parse is broken)."""
    words = [t.text.lower() for t in doc[unit[0]:min(unit[0] + 2, unit[1])]]
    if len(words) < 2 or words[0] not in ("among", "amongst") or words[1] not in ("those", "these", "them"):
        return []
    verbs = {"be", "include"}
    for i in range(unit[0] + 2, unit[1]):
        tok = doc[i]
        if tok.lemma_.lower() in verbs and tok.pos_ in ("AUX", "VERB"):
            j = i + 1
            while j < unit[1] and doc[j].lemma_.lower() in verbs | {"have"} and doc[j].pos_ in ("AUX", "VERB"):
                j += 1
            return list(doc[j:unit[1]])
    return []


def _include_anchors(tok, unit, lex: Lexicon) -> list:
    include = lex.cue("include_preps")
    out = []
    for child in tok.children:
        if not _in(child, unit):
            continue
        phrase = _prep_phrase(child) if child.dep_ == "prep" else child.text.lower()
        if child.dep_ in ("prep", "acl") and (phrase in include or child.text.lower() in include
                                              or child.lemma_.lower() in include):
            out.extend(c for c in child.children if c.dep_ in ("pobj", "dobj"))
    return out


def _is_time(tok) -> bool:
    return tok.ent_type_ in ("DATE", "TIME") or tok.lower_ in {"monday", "tuesday", "wednesday", "thursday",
                                                               "friday", "saturday", "sunday"}


def _conjuncts_after_markup(anchors: list, doc, unit) -> list:
    """Conjuncts cut off from a target by stray markup: "on X <img ...> and Y" (the parse hangs "and Y"
    on the markup or on the verb); the conjunct after "and"/"or" continues the target list."""
    markup = markup_tokens(doc)
    if not markup:
        return []
    out = []
    for a in anchors:
        j = max(t.i for t in a.subtree if _in(t, unit)) + 1
        if j >= unit[1] or j not in markup:
            continue
        while j < unit[1] and (j in markup or doc[j].is_space):
            j += 1
        if j >= unit[1] or doc[j].lower_ not in ("and", "or"):
            continue
        cc = doc[j]
        out.extend(c for c in cc.head.children if c.dep_ == "conj" and c.i > cc.i and _in(c, unit)
                   and c.i not in markup and not _is_verb(c))
    return out


def _find_targets(trig: Trigger, chain: list, action, doc, unit, merge, lex: Lexicon, trigger_idx: set):
    """All targets of one action, in text order."""
    target_preps = lex.cue("target_preps")
    not_targets = lex.cue("not_targets")
    anchors = []        # head tokens
    regions = []        # (tokens) for list regions
    tok = doc[trig.head]
    holders = [tok]
    for verb in chain:
        if verb.i != tok.i and verb.i not in trigger_idx:
            holders.append(verb)
        if action is not None and verb.i == action.i:
            break
    if action is not None and action not in holders:
        holders.append(action)
    for holder in holders:
        preps = list(holder.children)
        for child in list(preps):
            if child.dep_ == "prep":
                preps.extend(c for c in child.children if c.dep_ == "conj" and c.text.lower() in target_preps)
                preps.extend(c for c in holder.head.children if c.dep_ == "conj" and c.text.lower() in target_preps
                             and c.i > child.i and _in(c, unit)) if holder.head is not holder else None
        for child in preps:
            if child.dep_ in ("prep", "conj") and child.text.lower() in target_preps and _in(child, unit):
                for pobj in child.children:
                    if (pobj.dep_ == "pobj" and not _is_time(pobj) and pobj.i not in trigger_idx
                            and pobj.lemma_.lower() not in not_targets):
                        anchors.append(pobj)
            if child.dep_ == "acl" and child.lemma_.lower() in ("target",):
                anchors.extend(c for c in child.children if c.dep_ == "dobj")
    direct = {"sanction", "designate", "blacklist", "target", "hit", "add", "list", "name", "freeze", "punish"}
    for holder in holders:
        # "the individuals would face travel bans": the one who faces the measure is the target
        if _is_verb(holder) and holder.lemma_.lower() in lex.cue("subject_target_verbs"):
            anchors.extend(c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass") and _in(c, unit)
                           and c.text.lower() not in _FIRST_PERSON)
    for holder in holders:
        if _is_verb(holder) and holder.lemma_.lower() in direct:
            for child in holder.children:
                if child.dep_ == "dobj" and child.i not in trigger_idx and _in(child, unit):
                    if child.lemma_.lower() in lex.cue("approval_objects"):
                        continue        # "sanctioning military action": the other sense of the verb
                    anchors.append(child)
            passive_subj = [c for c in holder.children if c.dep_ == "nsubjpass"]
            if passive_subj and _in(passive_subj[0], unit):
                anchors.append(passive_subj[0])
            elif any(c.dep_ == "auxpass" for c in holder.children) or (holder.tag_ == "VBN" and passive_subj):
                aux = [c for c in holder.children if c.dep_ == "auxpass"]
                stop = aux[0].i if aux else holder.i
                region = [t for t in doc[unit[0]:stop] if not (t.dep_ == "advmod")]
                if region:
                    regions.append(region)
            # "Among those hit ... were X, Y and Z" / "Those sanctioned include X"
            if holder.dep_ == "acl" and holder.head.pos_ == "PRON" and _in(holder.head, unit):
                clause = holder.head
                for anc in _ancestors(holder.head, unit):
                    if _is_verb(anc):
                        clause = anc
                        break
                before = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < holder.head.i
                          and c.i != holder.head.i and c.text.lower() not in ("those", "them")]
                if clause is not holder.head and before and clause.lemma_.lower() == "be":
                    # "X was among those sanctioned by Canada"
                    regions.append(sorted((t for t in before[0].subtree if _in(t, unit)), key=lambda t: t.i))
                elif clause is not holder.head and clause.i > holder.i:
                    regions.append([t for t in doc[clause.i + 1:unit[1]]])
    owned = []
    for a in anchors:
        if a.lemma_.lower() in lex.owned_objects:
            owners = [p for c in a.children if c.dep_ == "prep" and c.text.lower() == "of"
                      for p in c.children if p.dep_ == "pobj"]
            owners += [c for c in a.children if c.dep_ == "poss" and c.pos_ != "PRON"]
            owned.extend(owners)
        else:
            owned.append(a)
    anchors = owned
    among = _among_those_region(doc, unit)
    if among:
        regions = [among]
        anchors = [a for a in anchors if a.i >= among[0].i]
    for a in list(anchors):
        anchors.extend(_include_anchors(a, unit, lex))
    anchors.extend(_conjuncts_after_markup(anchors, doc, unit))
    for holder in holders:
        anchors.extend(a for a in _include_anchors(holder, unit, lex) if a.i not in trigger_idx)
    targets: list[Target] = []
    for region in regions:
        targets.extend(_items_from_region(region, doc, merge, lex))
    for a in anchors:
        targets.extend(_targets_of(a, unit, merge, lex))
    if not targets:
        # "pursue all means to confront Ruritania's supply of munitions, including more sanctions"
        for verb in chain:
            if not _is_verb(verb):
                continue
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
                break
    # de-duplicate overlapping targets, keep the first (text order)
    out: list[Target] = []
    for t in sorted(targets, key=lambda t: (t.start, -(t.end - t.start))):
        if any(t.start < o.end and o.start < t.end for o in out):
            continue
        out.append(t)
    return out


# ---------------------------------------------------------------------------
# Reason and date
# ---------------------------------------------------------------------------

def _reason(trig: Trigger, action, targets: list[Target], doc, unit, lex: Lexicon) -> str | None:
    phrases = sorted(lex.cue("reason_preps"), key=len, reverse=True)
    empty = lex.cue("empty_reasons")
    holders = [doc[trig.head]] + ([action] if action is not None and action.i != trig.head else [])
    for t in targets:
        holders.append(doc[t.end - 1])
    for holder in holders:
        for child in holder.children:
            if child.dep_ != "prep" or not _in(child, unit):
                continue
            span_toks = [t for t in child.subtree if _in(t, unit)]
            if any(trig.start <= t.i < trig.end for t in span_toks):
                continue
            text = doc[span_toks[0].i:span_toks[-1].i + 1].text
            low = text.lower()
            for phrase in phrases:
                if low.startswith(phrase + " "):
                    rest = low[len(phrase):].strip(" .,“”\"")
                    if rest in empty:
                        break
                    if _is_time(span_toks[-1]) and len(span_toks) <= 3:
                        break
                    return _trim_reason(text)
    return None


def _trim_reason(text: str) -> str:
    text = re.split(r",\s+(?:who|which)\b", text)[0]
    return text.strip(" ,.;“”\"")


_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def resolve_date(expression: str, article_date: str | None) -> str | None:
    """ISO date of "Thursday" / "yesterday" / "20 October 2022" against the article's date (None without one).

    A weekday means the latest such day on or before the article date, as news
    writing uses it ("Britain on Thursday announced" in an article of Thursday 20th).
    """
    expr = expression.lower().strip()
    full = re.search(r"\d{4}-\d{2}-\d{2}|\d{1,2}\s+[a-z]+\.?,?\s+\d{4}|[a-z]+\.?\s+\d{1,2},?\s+\d{4}", expr)
    if full:
        try:
            return pd.Timestamp(full.group(0)).date().isoformat()
        except (ValueError, TypeError):
            pass
    if not article_date:
        return None
    try:
        base = dt.date.fromisoformat(article_date)
    except ValueError:
        return None
    for i, day in enumerate(_WEEKDAYS):
        if re.search(rf"\b{day}\b", expr):
            return (base - dt.timedelta(days=(base.weekday() - i) % 7)).isoformat()
    if "yesterday" in expr:
        return (base - dt.timedelta(days=1)).isoformat()
    if "today" in expr or "tonight" in expr:
        return base.isoformat()
    return None


def _date(trig: Trigger, action, doc, unit, article, chain: list = ()) -> str | None:
    anchor = action if action is not None else doc[trig.head]
    allowed = {anchor.i, trig.head} | {v.i for v in chain if _is_verb(v)}
    for ent in doc.ents:
        if ent.label_ != "DATE" or not (unit[0] <= ent.start < unit[1]):
            continue
        first_verb = None
        for anc in [ent.root, *_ancestors(ent.root, unit)]:
            if anc is not ent.root and _is_verb(anc):
                first_verb = anc
                break
        if first_verb is not None and first_verb.i in allowed:
            return resolve_date(ent.text, article.date)
    return None


# ---------------------------------------------------------------------------
# Public: sanctions()
# ---------------------------------------------------------------------------

def _article_rows(article, doc, lex: Lexicon) -> list[dict]:
    rows: list[dict] = []
    triggers = _triggers(doc, lex)
    trigger_idx = {i for t in triggers for i in range(t.start, t.end)}
    previous: list[tuple[int, str, list]] = []      # (char offset, authority, offices)
    last = None                                      # (unit index, action) of the latest action with targets
    for unit_index, (unit_start, unit_end, merge) in enumerate(_units(doc)):
        unit = (unit_start, unit_end)
        actions: dict[int, dict] = {}
        key_of: dict[int, int] = {}
        for trig in triggers:
            if not (unit_start <= trig.head < unit_end):
                continue
            head = doc[trig.head]
            # coordinated measures ("asset freezes and travel bans") share one action, also when
            # the parse does not coordinate them (the words are adjacent around "and")
            partner = head.head.i if head.dep_ == "conj" and head.head.i in key_of else None
            if partner is None and trig.start >= 2 and doc[trig.start - 1].text.lower() in ("and", "or", ","):
                partner = next((t.head for t in triggers if t.end == trig.start - 1 and t.head in key_of), None)
            if partner is not None:
                entry = actions[key_of[partner]]
                entry["triggers"].append(trig)
                key_of[trig.head] = key_of[partner]
                if trig.measure not in entry["measures"]:
                    entry["measures"].append(trig.measure)
                continue
            if not trig.verb and _is_background(head, unit, lex):
                continue
            if trig.verb and not _is_designation(head, lex):
                continue
            chain = _chain(trig, doc, unit, lex, trigger_idx)
            statuses = _status_sets(lex)
            cue_words = set().union(*statuses.values())
            action = next((v for v in chain if _is_verb(v) and v.lemma_.lower() in cue_words), None)
            if action is None:
                window = _window_action(trig, doc, unit, lex, trigger_idx)
                if window is not None:
                    action = window
                    chain = [window, *[a for a in _ancestors(window, unit) if _is_verb(a)]]
            has_target_prep = any(c.dep_ == "prep" and c.text.lower() in lex.cue("target_preps") and
                                  any(not _is_time(p) for p in c.children if p.dep_ == "pobj")
                                  for c in head.children)
            if action is None and not trig.verb and not has_target_prep:
                continue
            if not has_target_prep and head.lemma_.lower() in lex.needs_target_prep:
                continue
            status = _status(chain, lex)
            if status is None:
                continue
            key = action.i if action is not None else trig.head
            key_of[trig.head] = key
            entry = actions.setdefault(key, {"trig": trig, "chain": chain, "action": action, "status": status,
                                             "measures": [], "triggers": []})
            entry["triggers"].append(trig)
            if trig.measure not in entry["measures"]:
                entry["measures"].append(trig.measure)
        emitted = False
        for key in sorted(actions):
            entry = actions[key]
            trig, chain, action = entry["trig"], entry["chain"], entry["action"]
            measures = [m for m in entry["measures"] if m != lex.generic_label] or [lex.generic_label]
            targets: list[Target] = []
            for t in entry["triggers"]:
                for found in _find_targets(t, chain, action, doc, unit, merge, lex, trigger_idx):
                    if not any(found.start < o.end and o.start < found.end for o in targets):
                        targets.append(found)
            if not targets:
                continue
            authorities, offices = _authority(trig, chain, doc, unit, lex, previous)
            action_info = {
                "authorities": authorities, "offices": offices, "measures": measures, "status": entry["status"],
                "date": _date(trig, action, doc, unit, article, chain),
                "reason": _reason(trig, action, targets, doc, unit, lex),
                "trigger": " / ".join(doc[t.start:t.end].text for t in entry["triggers"]),
            }
            rows.extend(_emit(article, doc, unit, targets, action_info, lex))
            emitted = True
            last = (unit_index, action_info)
            if authorities:
                previous.append((doc[unit_start].idx, authorities[0], offices))
        if not actions and last is not None and unit_index - last[0] == 1:
            # "Britain sanctioned three officers. They include X and Y.": the list continues the action
            targets = _continuation_targets(doc, unit, merge, lex)
            if targets:
                info = dict(last[1], trigger=f"(continues: {last[1]['trigger']})")
                rows.extend(_emit(article, doc, unit, targets, info, lex))
                last = (unit_index, last[1])
    return rows


def _full_person_names(doc, lex: Lexicon) -> dict[str, set[str]]:
    """Surname (lower case) -> full names of the article's people (PERSON entities of two words or more)."""
    names: dict[str, set[str]] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        _, words = _strip_title([t.text for t in ent if not t.is_punct and t.tag_ != "POS"], lex)
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            names.setdefault(words[-1].lower(), set()).add(" ".join(words))
    return names


def _expand_surname(target: Target, names: dict[str, set[str]]) -> None:
    """A one-word target that is the surname of exactly one person named in the article is that person
    ("a travel ban on Halden" after "its chief executive, Viktor Halden"), whatever the tagger called it."""
    if target.type not in ("person", "organization") or " " in target.text or target.end - target.start != 1:
        return
    full = names.get(target.text.lower())
    if full and len(full) == 1:
        target.text = next(iter(full))
        target.type = "person"


def _emit(article, doc, unit, targets: list[Target], info: dict, lex: Lexicon) -> list[dict]:
    """Rows for one action: one per (authority, target)."""
    unit_start, unit_end = unit
    names = _full_person_names(doc, lex)
    for target in targets:
        _expand_surname(target, names)
    s_start, s_end = article.raw_span(doc[unit_start].idx, doc[unit_end - 1].idx + len(doc[unit_end - 1].text))
    sentence = " ".join(doc[unit_start:unit_end].text.split())
    out = []
    for target in sorted(targets, key=lambda t: t.start):
        c_start = doc[target.start].idx
        c_end = doc[target.end - 1].idx + len(doc[target.end - 1].text)
        r_start, r_end = article.raw_span(c_start, c_end)
        for authority in info["authorities"] or [None]:
            out.append({
                "doc_id": article.doc_id, "start": r_start, "end": r_end, "sentence": sentence,
                "authority": authority,
                "office": "; ".join(o for o in info["offices"]
                                    if lex.offices[o].get("authority") == authority) or None,
                "target": target.text, "target_type": target.type, "title": target.title,
                "position": target.position, "measures": list(info["measures"]), "status": info["status"],
                "date": info["date"], "reason": target.reason or info["reason"],
                "canonical": canonical_name(target.text, target.type, lex),
                "trigger": info["trigger"], "sentence_start": s_start, "sentence_end": s_end,
            })
    return out


def _continuation_targets(doc, unit, merge, lex: Lexicon) -> list[Target]:
    """Named targets of a sentence that lists the previous action's targets ("They include X, Y and Z")."""
    pronouns = {"they", "those", "these", "them"}
    for tok in doc[unit[0]:unit[1]]:
        if not (_is_verb(tok) and tok.lemma_.lower() in ("include", "be")):
            continue
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.text.lower() in pronouns]
        among = [c for c in tok.children if c.dep_ == "prep" and c.text.lower() == "among"
                 and any(p.text.lower() in pronouns for p in c.children)]
        if subj or among:
            region = [t for t in doc[tok.i + 1:unit[1]]]
            items = _items_from_region(region, doc, merge, lex)
            return [t for t in items if t.type in ("person", "organization")]
    return []


def sanctions(corpus, *, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """Sanction actions in a corpus, one row per (action, target).

    Columns:

    * ``doc_id``; ``start``, ``end`` – raw-file offsets of the target's name as written;
    * ``sentence`` – the evidence sentence (whitespace collapsed), ``sentence_start``,
      ``sentence_end`` – its raw-file offsets;
    * ``authority`` – who acts (United Kingdom, United States, European Union, ...);
      ``office`` – the acting office when named (State Department, Treasury/OFAC, FCDO; "; "-joined);
    * ``target`` – the name as written without rank; ``target_type`` – ``person``,
      ``organization``, ``group`` (an unnamed set: "Ruritanian officials and companies")
      or ``country``; ``title`` – rank or role words in front of the name
      ("Brigadier General"); ``position`` – the appositive role ("the head of ...");
    * ``measures`` – list of normalised measures (asset freeze, travel ban, ...;
      ``sanctions`` when the text does not say which);
    * ``status`` – ``imposed``, ``considered``, ``threatened`` or ``called_for``;
    * ``date`` – ISO date resolved from "on Thursday" against the article date, else None;
    * ``reason`` – the stated justification span, else None;
    * ``canonical`` – the matching key used by :func:`consolidated`; ``trigger`` – the sanction words.

    Background mentions (relief, lifting, "because of sanctions") and negated actions
    give no row. Sorted by ``doc_id, start``.
    """
    if lexicon is None:
        from ..corpus import corpus_fingerprint
        articles = list(corpus)
        return cache.memo("sanctions.sanctions", corpus_fingerprint(articles),
                          lambda: sanctions(articles, lexicon=load_lexicon()))
    from .. import nlp
    lex = lexicon
    rows: list[dict] = []
    for article, doc in nlp.iter_docs(corpus):
        rows.extend(_article_rows(article, doc, lex))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    if frame.empty:
        return frame
    frame = frame.sort_values(["doc_id", "start", "end", "authority"], kind="stable", na_position="last")
    return _nones(frame.reset_index(drop=True))


def _nones(frame: pd.DataFrame) -> pd.DataFrame:
    """Missing text values as ``None`` (not NaN), so a missing title reads as None everywhere."""
    for col in frame.columns:
        if frame[col].dtype == object or pd.api.types.is_string_dtype(frame[col].dtype):
            values = frame[col].astype(object)
            frame[col] = values.where(values.notna(), None)
    return frame


# ---------------------------------------------------------------------------
# Names: keys for merging and matching
# ---------------------------------------------------------------------------

def _ascii(text: str) -> str:
    from rigour.text import ascii_text
    return ascii_text(text) or text


def name_tokens(name: str, lex: Lexicon | None = None, *, person: bool = True) -> list[str]:
    """Comparable tokens of a name: ASCII, lower case, ranks and honorifics dropped, variant rules applied.

    ``name_tokens("Brigadier General Seyed Hossein Ghorbani")`` and
    ``name_tokens("Hosein QORBANI")`` give the same tokens.
    """
    lex = lex or load_lexicon()
    text = _ascii(name).lower()
    text = re.sub(r"[’'`]", "", text)
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w]
    if person:
        _, words = _strip_title(words, lex) if len(words) > 1 else ([], words)
        honorifics = {h.lower() for h in lex.names.get("honorifics", [])}
        kept = [w for w in words if w not in honorifics]
        words = kept or words
    else:
        from rigour.text import remove_bracketed_text
        text = remove_bracketed_text(text) or text
        words = [w for w in re.split(r"[^a-z0-9]+", text) if w]
        stop = {w.lower() for w in lex.names.get("org_stopwords", [])}
        words = [w for w in words if w not in stop] or words
    return [_variant(w, lex) for w in words]


def _variant(word: str, lex: Lexicon) -> str:
    cached = lex.variant_cache.get(word)
    if cached is not None:
        return cached
    out = word
    for pattern, repl in _variant_rules(id(lex), tuple(tuple(r) for r in lex.names.get("variants", []))):
        out = pattern.sub(repl, out)
    lex.variant_cache[word] = out
    return out


@lru_cache(maxsize=8)
def _variant_rules(_key, rules):
    return [(re.compile(p), r) for p, r in rules]


def canonical_name(name: str, target_type: str, lex: Lexicon | None = None) -> str:
    """Key under which targets merge: tokens for persons/organisations, the country for countries."""
    lex = lex or load_lexicon()
    if target_type == "country":
        return (country_name(name, lex) or name).lower()
    if target_type == "group":
        return " ".join(name.lower().split())
    return " ".join(name_tokens(name, lex, person=target_type == "person"))


# ---------------------------------------------------------------------------
# Public: consolidated()
# ---------------------------------------------------------------------------

def _join(values: Iterable) -> str | None:
    seen = []
    for v in values:
        if v is None or (isinstance(v, float) and pd.isna(v)):
            continue
        for part in (v if isinstance(v, list) else [v]):
            if part not in seen:
                seen.append(part)
    return "; ".join(sorted(seen)) if seen else None


def _entity_canonicals(corpus, rows: pd.DataFrame) -> dict:
    """Canonical names from :func:`analysis.entities.mentions` for row spans."""
    from .. import entities
    mentions = entities.mentions(corpus)
    if mentions.empty:
        return {}
    out = {}
    for row in rows.itertuples():
        m = mentions[(mentions.doc_id == row.doc_id) & (mentions.start <= row.start) & (mentions.end >= row.end)]
        if m.empty:
            m = mentions[(mentions.doc_id == row.doc_id) & (mentions.start < row.end) & (mentions.end > row.start)]
        if not m.empty and isinstance(m.iloc[0]["canonical"], str):
            out[row.Index] = m.iloc[0]["canonical"]
    return out


def consolidated(corpus=None, *, rows: pd.DataFrame | None = None, use_entities: bool = True,
                 lexicon: Lexicon | None = None) -> pd.DataFrame:
    """One row per distinct target across the corpus.

    Targets merge on :func:`canonical_name` (ranks and honorifics stripped,
    transliterations folded by the rules of ``data/sanctions_names.yaml``), and on the canonical
    entity of ``analysis.entities`` when that module is present and both names
    are person/organisation names whose tokens agree.

    Columns: ``target`` (display name: the longest form written), ``target_type``,
    ``titles``, ``positions``, ``authorities``, ``offices``, ``measures``, ``statuses``,
    ``reasons`` ("; "-joined, sorted), ``first_date`` (earliest resolved date or None),
    ``sources`` (number of articles), ``doc_ids`` ("; "-joined), ``mentions`` (rows),
    ``key`` (the merge key), ``evidence`` (the first evidence sentence, by doc_id).
    Sorted by sources (desc), then target.
    """
    if lexicon is None:
        from ..corpus import corpus_fingerprint
        if rows is None:
            rows = sanctions(corpus)
        key = (corpus_fingerprint(corpus) if corpus is not None else None, cache.frame_hash(rows), bool(use_entities))
        return cache.memo("sanctions.consolidated", key,
                          lambda: consolidated(corpus, rows=rows, use_entities=use_entities, lexicon=load_lexicon()))
    lex = lexicon
    if rows is None:
        rows = sanctions(corpus, lexicon=lex)
    if rows.empty:
        return pd.DataFrame(columns=CONSOLIDATED_COLUMNS)
    rows = rows.copy()
    keys = rows["canonical"].copy()
    if use_entities and corpus is not None:
        canon = _entity_canonicals(corpus, rows)
        for idx, name in canon.items():
            ttype = rows.at[idx, "target_type"]
            if ttype in ("person", "organization"):
                alt = canonical_name(name, ttype, lex)
                # adopt the entity key only when it agrees with the written name (no surprise merges)
                if set(alt.split()) >= set(keys[idx].split()) or set(alt.split()) <= set(keys[idx].split()):
                    keys[idx] = alt if len(alt) >= len(keys[idx]) else keys[idx]
    rows["key"] = rows["target_type"].astype(str) + "|" + keys.astype(str)
    out = []
    for key, group in rows.groupby("key", sort=True):
        group = group.sort_values(["doc_id", "start"], kind="stable")
        names = sorted(group["target"].unique(), key=lambda n: (-len(n), n))
        display = names[0]
        if group["target_type"].iloc[0] == "country":
            display = country_name(display, lex) or display
        out.append({
            "target": display, "target_type": group["target_type"].iloc[0],
            "titles": _join(group["title"]), "positions": _join(group["position"]),
            "authorities": _join(group["authority"]), "offices": _join(o.split("; ") if isinstance(o, str) else None for o in group["office"]),
            "measures": _join(group["measures"]), "statuses": _join(group["status"]),
            "reasons": _join(group["reason"]),
            "first_date": min([d for d in group["date"] if isinstance(d, str)], default=None),
            "sources": group["doc_id"].nunique(), "doc_ids": _join(group["doc_id"]),
            "mentions": len(group), "key": key.split("|", 1)[1],
            "evidence": group["sentence"].iloc[0],
        })
    frame = pd.DataFrame(out, columns=CONSOLIDATED_COLUMNS)
    return _nones(frame.sort_values(["sources", "target", "target_type"], ascending=[False, True, True],
                                    kind="stable").reset_index(drop=True))


# ---------------------------------------------------------------------------
# Official lists
# ---------------------------------------------------------------------------

_OFAC_COLUMNS = ["uid", "name", "type", "programs", "title", "call_sign", "vessel_type", "tonnage", "grt",
                 "vessel_flag", "vessel_owner", "remarks"]
_AKA = re.compile(r"\b(?:a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s+'([^']+)'")


def _open_text(path: Path) -> io.StringIO:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return io.StringIO(data.decode("utf-8", errors="replace"))


def _ofac_person_name(name: str) -> str:
    """"DOE, John" -> "John DOE" (OFAC writes surnames first)."""
    if "," in name:
        last, first = name.split(",", 1)
        return f"{first.strip()} {last.strip()}".strip()
    return name.strip()


def _snapshot_date(path: Path) -> str | None:
    m = re.search(r"(\d{4}-\d{2}-\d{2})", path.name)
    return m.group(1) if m else None


def _is_ofac(path: Path) -> bool:
    try:
        first = _open_text(path).readline()
    except OSError:
        return False
    return bool(re.match(r'^\s*\d+\s*,\s*"', first))


def read_ofac(path: str | Path, lex: Lexicon | None = None) -> pd.DataFrame:
    """Names of an OFAC ``sdn.csv`` file (primary names and a.k.a.s from the remarks), as :data:`LIST_COLUMNS`."""
    import csv
    lex = lex or load_lexicon()
    path = Path(path)
    types = {str(k): v for k, v in (lex.lists.get("ofac_types") or {}).items()}
    seen = _snapshot_date(path)
    rows = []
    for rec in csv.reader(_open_text(path)):
        if len(rec) < 4 or not rec[0].strip().isdigit():
            continue
        rec = [field.strip() for field in rec] + [""] * (12 - len(rec))
        uid, name, kind, programs, remarks = rec[0], rec[1], rec[2], rec[3], rec[11]
        kind = "" if kind == "-0-" else kind
        entity_type = types.get(kind, "organization")
        programme = "; ".join(p.strip() for p in re.split(r"\]\s*\[", programs) if p.strip() and p.strip() != "-0-")
        names = [(name, "primary")] + [(a, "alias") for a in _AKA.findall(remarks or "")]
        for value, name_type in names:
            display = _ofac_person_name(value) if entity_type == "person" else value.strip()
            rows.append(("OFAC SDN", uid, display, name_type, entity_type, programme, None, seen, path.name))
    return pd.DataFrame(rows, columns=LIST_COLUMNS)


def read_uk(folder: str | Path, lex: Lexicon | None = None) -> pd.DataFrame:
    """Names of the UK Sanctions List tables (``subjects.csv`` + ``subject_names.csv``), as :data:`LIST_COLUMNS`."""
    import csv
    lex = lex or load_lexicon()
    folder = Path(folder)

    def find(stem):
        for name in (f"{stem}.csv", f"{stem}.csv.gz"):
            if (folder / name).exists():
                return folder / name
        raise FileNotFoundError(f"{folder}: no {stem}.csv")
    subjects = {r["unique_id"]: r for r in csv.DictReader(_open_text(find("subjects")))}
    regimes = lex.lists.get("uk_regimes") or {}
    kinds = {"individual": "person", "entity": "organization", "ship": "vessel"}
    rows = []
    for rec in csv.DictReader(_open_text(find("subject_names"))):
        uid = rec.get("unique_id") or ""
        subject = subjects.get(uid, {})
        date = None
        m = re.match(r"(\d{2})/(\d{2})/(\d{4})", subject.get("date_designated") or "")
        if m:
            date = f"{m.group(3)}-{m.group(2)}-{m.group(1)}"
        prefix = re.match(r"[A-Z]+", uid)
        rows.append(("UK Sanctions List", uid, rec.get("full_name") or "", rec.get("name_type") or "primary",
                     kinds.get((subject.get("subject_type") or "").lower(), "organization"),
                     regimes.get(prefix.group(0), prefix.group(0)) if prefix else None,
                     date, None, folder.name))
    return pd.DataFrame(rows, columns=LIST_COLUMNS)


def _read_lists(root: Path) -> pd.DataFrame:
    lex = load_lexicon()
    frames = []
    ofac_files = sorted(p for p in root.rglob("*") if p.is_file() and re.search(r"\.csv(\.gz)?$", p.name)
                        and "subject" not in p.name and _is_ofac(p))
    if ofac_files:
        # the latest snapshot's entries, each with the earliest snapshot date that holds it
        snapshots = [read_ofac(p, lex) for p in ofac_files]
        first: dict[str, str | None] = {}
        for snap in snapshots:
            for uid, seen in zip(snap["list_id"], snap["first_seen"]):
                if uid not in first or (seen and (first[uid] is None or seen < first[uid])):
                    first[uid] = seen
        latest = snapshots[-1].copy()
        latest["first_seen"] = [first.get(uid) for uid in latest["list_id"]]
        frames.append(latest)
    for subjects in sorted(root.rglob("subjects.csv*")):
        frames.append(read_uk(subjects.parent, lex))
    if not frames:
        raise FileNotFoundError(f"No sanctions list file (OFAC sdn.csv or UK subjects.csv) in {root}")
    frame = pd.concat(frames, ignore_index=True)
    return frame.sort_values(["list", "list_id", "name_type", "name"], kind="stable").reset_index(drop=True)


def load_lists(folder: str | Path | None = None) -> pd.DataFrame:
    """Every name on the official lists in ``folder`` (default ``data/lists``), one row per name.

    Reads OFAC ``sdn.csv`` files (any ``*.csv``/``*.csv.gz`` in that format; several
    dated snapshots ``ofac_sdn_YYYY-MM-DD.csv`` give ``first_seen``) and UK Sanctions
    List tables (a folder with ``subjects.csv`` and ``subject_names.csv``).
    Columns: :data:`LIST_COLUMNS` – ``list`` (OFAC SDN / UK Sanctions List),
    ``list_id``, ``name``, ``name_type`` (primary/alias/...), ``entity_type``
    (person/organization/vessel/aircraft), ``programme``, ``listing_date`` (ISO, UK
    only: OFAC files carry none), ``first_seen`` (earliest OFAC snapshot holding the
    entry), ``source`` (file). Memoised on the files' contents (:func:`analysis.cache.memo`).
    """
    root = config.resolve_corpus(folder) if folder else config.data_file(LISTS_FOLDER)
    if not root.exists():
        raise FileNotFoundError(f"Sanctions list folder not found: {root}")
    files = sorted(p for p in root.rglob("*") if p.is_file() and ".csv" in p.name)
    key = (str(root), cache.files_hash(files, root=root))
    return cache.memo("sanctions.lists", key, lambda: _read_lists(root))


@dataclass
class _ListIndex:
    frame: pd.DataFrame
    tokens: list            # per row: list of tokens
    by_token: dict          # token -> row indices
    vocab: list


_INDEXES: dict = {}


def _index(lists: pd.DataFrame, lex: Lexicon) -> _ListIndex:
    key = (len(lists), id(lex), tuple(lists["list_id"].iloc[[0, -1]]) if len(lists) else (),
           tuple(lists["name"].iloc[[0, -1]]) if len(lists) else ())
    cached = _INDEXES.get(key)
    if cached is not None:
        cached.frame = lists
        return cached
    tokens = []
    by_token: dict[str, list[int]] = {}
    for i, (name, etype) in enumerate(zip(lists["name"], lists["entity_type"])):
        toks = name_tokens(str(name), lex, person=etype == "person")
        tokens.append(toks)
        for t in set(toks):
            by_token.setdefault(t, []).append(i)
    idx = _ListIndex(lists, tokens, by_token, sorted(by_token))
    _INDEXES.clear()
    _INDEXES[key] = idx
    return idx


def _align(a: list[str], b: list[str], threshold: float) -> tuple[list[tuple[str, str, float]], list[str], list[str]]:
    """Greedy best-first pairing of name tokens by rapidfuzz ratio: ``(pairs, only_a, only_b)``."""
    from rapidfuzz import fuzz
    cands = sorted(((fuzz.ratio(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b)), reverse=True)
    used_a, used_b, pairs = set(), set(), []
    for score, i, j in cands:
        if score < threshold or i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((a[i], b[j], score))
    return pairs, [x for i, x in enumerate(a) if i not in used_a], [y for j, y in enumerate(b) if j not in used_b]


def compare_names(article_name: str, list_name: str, target_type: str, lex: Lexicon | None = None) -> tuple[str, float, str]:
    """``(verdict, score, evidence)`` for one article name against one list name.

    Persons: every list token must pair with an article token (rapidfuzz ratio at or
    above ``token_similarity`` after the variant rules) and the surnames must pair.
    Same tokens both ways: ``match``; the article has extra given names: ``partial``;
    the list has extra names the article lacks: ``partial`` as well; both sides keep
    unpaired names (different given names: another person): ``no match``.
    Organisations: same tokens ``match``; one name contained in the other with at
    least two shared words: ``related``.
    """
    lex = lex or load_lexicon()
    person = target_type == "person"
    a = name_tokens(article_name, lex, person=person)
    b = name_tokens(list_name, lex, person=person)
    return _compare_tokens(a, b, person, lex)


def _compare_tokens(a, b, person, lex) -> tuple[str, float, str]:
    threshold = float(lex.names.get("token_similarity", 85))
    if not a or not b:
        return "no match", 0.0, ""
    pairs, only_a, only_b = _align(a, b, threshold)
    paired = sum(s for _, _, s in pairs)
    # names the article adds (a second given name) cost half a token, names only the
    # list has cost a whole one: "Ali Karimi" is not "Ali-Reza Karimi"
    list_cost = 1.0 if person else 0.5
    score = round(paired / (len(pairs) + 0.5 * len(only_a) + list_cost * len(only_b)), 1) if pairs else 0.0
    evidence = ", ".join(f"{x}~{y}" if x != y else x for x, y, _ in pairs)
    if only_a:
        evidence += "; article only: " + " ".join(only_a)
    if only_b:
        evidence += "; list only: " + " ".join(only_b)
    if person:
        surname_ok = any(x == a[-1] for x, _, _ in pairs) and any(y in (b[-1], b[0]) for x, y, _ in pairs if x == a[-1])
        if not pairs or not surname_ok or (only_a and only_b):
            return "no match", score, evidence
        if len(pairs) < 2 and (only_a or only_b):
            return "no match", score, evidence
        if not only_a and not only_b:
            return "match", score, evidence
        return "partial", score, evidence
    if not only_a and not only_b:
        return "match", score, evidence
    if pairs and len(pairs) >= 2 and (not only_a or not only_b) and a[0] == b[0]:
        return "related", score, evidence
    return "no match", score, evidence


def match_lists(targets, lists: pd.DataFrame | None = None, *, threshold: float | None = None,
                lexicon: Lexicon | None = None) -> pd.DataFrame:
    """Candidate list entries for each person/organisation target.

    ``targets`` is a DataFrame with ``target`` and ``target_type`` (the output of
    :func:`consolidated` or :func:`sanctions`), or a list of ``(name, type)``.
    ``lists`` defaults to :func:`load_lists` on ``data/lists``.

    Columns: :data:`MATCH_COLUMNS` – ``target``, ``target_type``, ``verdict``
    (``match``, ``partial``: the list name has fewer or more given names,
    ``related``: one organisation name contains the other, ``no match``),
    ``score`` (0-100: mean rapidfuzz similarity of the paired name tokens over the
    longer name), ``list``, ``list_id``, ``list_name`` (the list's spelling),
    ``list_entity_type``, ``programme``, ``listing_date``, ``first_seen``,
    ``evidence`` (paired tokens, and the tokens only one side has). One row per
    (target, list entry) at or above ``threshold``, best name per entry; a target with
    none gets one ``no match`` row. Groups and countries are not matched.
    Sorted by target, verdict rank, score (desc), list, list_id.
    """
    if lists is None:
        lists = load_lists()
    if lexicon is None:
        frame = targets[["target", "target_type"]] if isinstance(targets, pd.DataFrame) else None
        key = (cache.frame_hash(frame) if frame is not None else repr(list(targets)), threshold, cache.frame_hash(lists))
        return cache.memo("sanctions.match_lists", key,
                          lambda: match_lists(targets, lists, threshold=threshold, lexicon=load_lexicon()))
    lex = lexicon
    if threshold is None:
        threshold = float(lex.lists.get("threshold", 70))
    if isinstance(targets, pd.DataFrame):
        pairs = list(zip(targets["target"], targets["target_type"]))
    else:
        pairs = [(t, "person") if isinstance(t, str) else tuple(t) for t in targets]
    seen = []
    for name, ttype in pairs:
        if ttype in ("person", "organization") and (name, ttype) not in seen:
            seen.append((name, ttype))
    index = _index(lists, lex)
    from rapidfuzz import fuzz, process
    tok_threshold = float(lex.names.get("token_similarity", 85))
    rows = []
    for name, ttype in seen:
        person = ttype == "person"
        a = name_tokens(name, lex, person=person)
        candidates: set[int] = set()
        for tok in a:
            if len(tok) < 3 and person:
                continue
            for hit, _, _ in process.extract(tok, index.vocab, scorer=fuzz.ratio, score_cutoff=tok_threshold, limit=50):
                candidates.update(index.by_token.get(hit, []))
        best: dict[tuple, dict] = {}
        for i in sorted(candidates):
            etype = lists.iat[i, lists.columns.get_loc("entity_type")]
            if (etype == "person") != person or etype in ("vessel", "aircraft"):
                continue
            verdict, score, evidence = _compare_tokens(a, index.tokens[i], person, lex)
            if verdict == "no match" or score < threshold:
                continue
            rec = lists.iloc[i]
            key = (rec["list"], rec["list_id"])
            rank = (_VERDICT_RANK[verdict], -score)
            if key in best and best[key]["_rank"] <= rank:
                continue
            best[key] = {"target": name, "target_type": ttype, "verdict": verdict, "score": score,
                         "list": rec["list"], "list_id": rec["list_id"], "list_name": rec["name"],
                         "list_entity_type": etype, "programme": rec["programme"],
                         "listing_date": rec["listing_date"], "first_seen": rec["first_seen"],
                         "evidence": evidence, "_rank": rank}
        if best:
            rows.extend(best.values())
        else:
            rows.append({"target": name, "target_type": ttype, "verdict": "no match", "score": None,
                         "list": None, "list_id": None, "list_name": None, "list_entity_type": None,
                         "programme": None, "listing_date": None, "first_seen": None, "evidence": None,
                         "_rank": (9, 0)})
    frame = pd.DataFrame(rows, columns=MATCH_COLUMNS + ["_rank"])
    if frame.empty:
        return frame.drop(columns="_rank")
    frame["_v"] = frame["verdict"].map(_VERDICT_RANK)
    frame["_s"] = -frame["score"].fillna(-1)
    frame = frame.sort_values(["target", "_v", "_s", "list", "list_id"], kind="stable", na_position="last")
    return _nones(frame.drop(columns=["_rank", "_v", "_s"]).reset_index(drop=True))


_VERDICT_RANK = {"match": 0, "partial": 1, "related": 2, "no match": 3}


# ---------------------------------------------------------------------------
# FollowTheMoney export
# ---------------------------------------------------------------------------

def to_ftm(rows: pd.DataFrame, corpus, out: str | Path | None = None, *,
           lexicon: Lexicon | None = None) -> list[dict]:
    """FollowTheMoney entities for the sanction rows; written as JSON lines to ``out`` when given.

    * one ``Person`` / ``Organization`` per distinct named target (``PublicBody`` for a
      country), merged on the :func:`canonical_name` key, with name, title and position;
    * one ``Sanction`` per row: ``entity``, ``authority``, ``country`` (of the
      authority), ``provisions`` (measures), ``status``, ``reason``, ``startDate``,
      ``summary`` (the evidence sentence), ``recordId`` (``doc_id:start-end``, raw
      offsets), ``sourceUrl`` (the article's URL), ``proof`` (the Article);
    * one ``Article`` per article with a row (title, author, publishedAt, publisher);
    * one ``Documentation`` per row linking the Article to the target.

    Unnamed groups have no entity to carry a Sanction and are left out.
    Returns the entity dicts, in a stable order.
    """
    from followthemoney import model
    lex = lexicon or load_lexicon()
    entities: dict[str, dict] = {}
    order: list[str] = []

    def put(proxy):
        data = proxy.to_dict()
        if proxy.id not in entities:
            order.append(proxy.id)
            entities[proxy.id] = data
        else:
            merged = entities[proxy.id]["properties"]
            for prop, values in data["properties"].items():
                for v in values:
                    if v not in merged.setdefault(prop, []):
                        merged[prop].append(v)

    articles = {a.doc_id: a for a in corpus}
    for row in rows.itertuples(index=False):
        if row.target_type not in ("person", "organization", "country"):
            continue
        article = articles.get(row.doc_id)
        doc_proxy = model.make_entity("Article")
        doc_proxy.make_id("news-article", row.doc_id)
        if article is not None:
            doc_proxy.add("title", article.title)
            doc_proxy.add("author", article.author)
            doc_proxy.add("publishedAt", article.date)
            doc_proxy.add("publisher", article.source)
            doc_proxy.add("sourceUrl", article.url)
            doc_proxy.add("fileName", article.path)
        put(doc_proxy)
        schema = {"person": "Person", "organization": "Organization", "country": "PublicBody"}[row.target_type]
        target = model.make_entity(schema)
        target.make_id("sanction-target", row.target_type, row.canonical)
        if row.target_type == "country":
            cname = country_name(row.target, lex) or row.target
            target.add("name", f"Government of {cname}")
            target.add("jurisdiction", authority_country(cname, lex))
        else:
            target.add("name", row.target)
        if row.target_type == "person":
            target.add("title", row.title)
            target.add("position", row.position)
        elif row.position and row.target_type == "organization":
            target.add("description", row.position)
        target.add("topics", "sanction" if row.status == "imposed" else None)
        put(target)
        sanction = model.make_entity("Sanction")
        sanction.make_id("sanction", row.doc_id, row.start, row.end, row.authority, row.status)
        sanction.add("entity", target.id)
        sanction.add("authority", row.authority)
        sanction.add("country", authority_country(row.authority, lex))
        sanction.add("provisions", list(row.measures))
        sanction.add("status", row.status)
        sanction.add("reason", row.reason)
        sanction.add("startDate", row.date)
        sanction.add("summary", row.sentence)
        sanction.add("recordId", f"{row.doc_id}:{row.start}-{row.end}")
        sanction.add("sourceUrl", article.url if article is not None else None)
        sanction.add("proof", doc_proxy.id)
        for office in (row.office or "").split("; "):
            sanction.add("authority", office or None)
        put(sanction)
        link = model.make_entity("Documentation")
        link.make_id("documentation", row.doc_id, row.start, row.end, target.id)
        link.add("document", doc_proxy.id)
        link.add("entity", target.id)
        link.add("role", f"sanction target ({row.status})")
        link.add("summary", row.sentence)
        link.add("recordId", f"{row.doc_id}:{row.start}-{row.end}")
        put(link)
    result = [entities[i] for i in order]
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8") as fh:
            for data in result:
                fh.write(json.dumps(data, sort_keys=True, ensure_ascii=False) + "\n")
    return result


# ---------------------------------------------------------------------------
# Graph helper and CLI
# ---------------------------------------------------------------------------

STATUS_COLOURS = {"imposed": "#c0392b", "considered": "#2980b9", "threatened": "#e67e22", "called_for": "#8e44ad"}


def target_label(row) -> str:
    """Short label of a target for tables and graphs: the country for countries, else the name as written."""
    if row["target_type"] == "country":
        return country_name(row["target"]) or row["target"]
    return row["target"]


def graph(rows: pd.DataFrame):
    """networkx DiGraph authority -> target (country names for countries).

    Node attribute ``kind`` (``authority`` or the target type); edge attributes
    ``weight`` (rows), ``statuses`` (sorted list) and ``status`` (the strongest:
    imposed > threatened > considered > called_for).
    """
    import networkx as nx
    g = nx.DiGraph()
    order = {"imposed": 0, "threatened": 1, "considered": 2, "called_for": 3}
    if rows.empty:
        return g
    frame = rows.assign(label_=rows.apply(target_label, axis=1),
                        auth_=rows["authority"].fillna("(authority not named)"))
    for row in frame.sort_values(["auth_", "label_", "status"], kind="stable").itertuples():
        g.add_node(row.auth_, kind="authority")
        if not g.has_node(row.label_):
            g.add_node(row.label_, kind=row.target_type)
        if g.has_edge(row.auth_, row.label_):
            data = g[row.auth_][row.label_]
            data["weight"] += 1
            data["statuses"] = sorted(set(data["statuses"]) | {row.status}, key=order.get)
        else:
            g.add_edge(row.auth_, row.label_, weight=1, statuses=[row.status])
        g[row.auth_][row.label_]["status"] = g[row.auth_][row.label_]["statuses"][0]
    return g


def draw_graph(rows: pd.DataFrame, ax=None, seed: int = 7):
    """Draw :func:`graph`: authorities in a column on the left, targets on the right, edges coloured by status.

    The layout is fixed (sorted names, no randomness; ``seed`` only matters for ties
    in a future spring layout), so the figure is the same on every run.
    """
    import matplotlib.pyplot as plt
    import networkx as nx
    from matplotlib.lines import Line2D
    g = graph(rows)
    if ax is None:
        _, ax = plt.subplots(figsize=(11, max(4, 0.42 * max(1, g.number_of_nodes()))))
    authorities = sorted(n for n, d in g.nodes(data=True) if d["kind"] == "authority")
    targets = sorted((n for n, d in g.nodes(data=True) if d["kind"] != "authority"),
                     key=lambda n: (g.nodes[n]["kind"], n))
    pos = {}
    for i, n in enumerate(authorities):
        pos[n] = (0.0, -(i + 0.5) * max(1, len(targets)) / max(1, len(authorities)))
    for i, n in enumerate(targets):
        pos[n] = (1.0, -float(i))
    shapes = {"authority": ("s", "#34495e"), "person": ("o", "#16a085"), "organization": ("D", "#d35400"),
              "group": ("^", "#7f8c8d"), "country": ("h", "#2c3e50")}
    for kind, (marker, colour) in shapes.items():
        nodes = [n for n in g.nodes if g.nodes[n]["kind"] == kind]
        if nodes:
            nx.draw_networkx_nodes(g, pos, nodelist=nodes, node_shape=marker, node_color=colour,
                                   node_size=160, ax=ax)
    for status, colour in STATUS_COLOURS.items():
        edges = [(u, v) for u, v, d in g.edges(data=True) if d["status"] == status]
        if edges:
            nx.draw_networkx_edges(g, pos, edgelist=edges, edge_color=colour, arrows=True, arrowsize=12,
                                   width=[1 + g[u][v]["weight"] for u, v in edges], ax=ax,
                                   style="solid" if status == "imposed" else "dashed")
    for n in authorities:
        ax.text(pos[n][0] - 0.03, pos[n][1], n, ha="right", va="center", fontsize=10, fontweight="bold")
    for n in targets:
        label = n if len(n) <= 45 else n[:42] + "..."
        ax.text(pos[n][0] + 0.03, pos[n][1], f"{label}  ({g.nodes[n]['kind']})", ha="left", va="center", fontsize=9)
    handles = [Line2D([0], [0], color=c, lw=2, ls="-" if s == "imposed" else "--", label=s)
               for s, c in STATUS_COLOURS.items()]
    ax.legend(handles=handles, title="status", loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=4,
              frameon=False)
    ax.set_xlim(-0.9, 2.0)
    ax.axis("off")
    return ax


def status_by_authority(rows: pd.DataFrame) -> pd.DataFrame:
    """Actions per authority and status: one row per authority, one column per status (counts of rows)."""
    if rows.empty:
        return pd.DataFrame(columns=STATUSES)
    table = pd.crosstab(rows["authority"].fillna("(authority not named)"), rows["status"])
    table = table.reindex(columns=STATUSES, fill_value=0)
    table["total"] = table.sum(axis=1)
    table.index.name = "authority"
    table.columns.name = None
    order = sorted(table.index, key=lambda name: (-int(table.loc[name, "total"]), name))
    return table.loc[order]


def list_summary(matches: pd.DataFrame) -> pd.DataFrame:
    """Best list verdict per target: ``target, target_type, verdict, lists`` ("list id" pairs, "; "-joined)."""
    if matches.empty:
        return pd.DataFrame(columns=["target", "target_type", "verdict", "lists"])
    out = []
    for (target, ttype), group in matches.groupby(["target", "target_type"], sort=True):
        best = min(group["verdict"], key=_VERDICT_RANK.get)
        hits = group[group["verdict"] != "no match"]
        out.append({"target": target, "target_type": ttype, "verdict": best,
                    "lists": "; ".join(f"{r.list} {r.list_id} ({r.verdict})" for r in hits.itertuples()) or None})
    return _nones(pd.DataFrame(out))
