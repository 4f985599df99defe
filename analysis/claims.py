"""Claim attribution: who said what, who denied what.

:func:`claims` finds, in every article, what was attributed to whom:

* ``direct`` – a quoted sentence ("“We are not focused on diplomacy,” Hale said.");
  quote parts around one speech tag (``“A,” he said. “B.”``) and quotes that run
  on over several paragraphs are one claim;
* ``partial`` – a quoted fragment inside reported speech
  (``Hale told reporters the army has deployed a “relatively small number” ...``);
* ``indirect`` – reported speech without quote marks, the content clause of a cue
  verb (``Hale said both governments are considering ...``);
* ``according_to`` – "according to X", "in keeping with X" (the clause it sources).

Quote marks are paired per paragraph from their context, not their shape, so
straight and curly marks may be mixed and unbalanced (``“...,"``); an unclosed
quote runs to the end of its paragraph and continues into the next one when
that opens with a quote mark. A quoted term of one to three words with no cue
attached to it ("woke", “fake news”) is a scare quote, not a claim. Markup that
scraped text keeps (tags, comments, scripts; :func:`markup_spans`) is not prose:
its quote marks (``href="..."``, ``onerror="..."``) delimit attribute values, a
reported clause stops where markup starts, and the ``quote`` column drops tags
(offsets still cover the span as written).

The speaker is the subject of the cue (from the dependency parse, else from the
words next to the cue: ``“...,” Foreign Secretary Jane Hill said``,
``Tom Reed, the country’s ambassador to the UN, told``, ``said Hale``), or the
object of "according to". Pronouns ("he said") go to the nearest earlier speaker
of a compatible gender; a role ("the spokesman") to the nearest earlier speaker
with that role; a surname to the fullest form of the name in the article; a
quote paragraph with no cue continues the speaker of the quote before it. The
role is kept apart from the name (``speaker_role``). A speaker that cannot be
resolved is ``None`` with a low confidence, never guessed.

When ``analysis.entities`` is present, speakers are mapped to its canonical
entities by offset overlap (``speaker_entity_id``, canonical name).

Knowledge is editable data: ``data/claims_cues.yaml`` (cue words and their
stance), ``data/claims_speakers.yaml`` (pronouns, roles, honorifics) and
``data/claims_synonyms.yaml`` (spinner substitutions, for :func:`quote_groups`).
All offsets in the returned tables are offsets into the original file
(``article.raw``).
"""
from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from . import cache, config
from .corpus import Article, Corpus, corpus_fingerprint
from .text.markup import markup_spans, strip_markup
from .text.quotes import _QUOTE_CHARS, Segment, paragraphs, quote_segments

#: Columns of :func:`claims`.
CLAIM_COLUMNS = ["doc_id", "start", "end", "kind", "quote", "speaker", "speaker_start", "speaker_end",
                 "speaker_entity_id", "speaker_role", "cue", "cue_start", "stance", "confidence"]
KINDS = ("direct", "partial", "indirect", "according_to")
STANCES = ("assert", "deny", "believe", "call")
#: Quoted terms of at most this many words need an attached cue to count as a claim.
SCARE_QUOTE_MAX_WORDS = 3
#: A quote with no cue and no earlier speaker this many paragraphs back is left unresolved.
CONTINUATION_PARAGRAPHS = 3

_ABBREV_WORDS = ("Mr|Mrs|Ms|Dr|St|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Brig|Maj|Cpl|Pvt|Gens|Jr|Sr|Prof|Rev|"
                 "Fr|Hon|Amb|Pres|Supt|Insp|Det|Del|No|Nos|Inc|Corp|Co|Ltd|Dept|Univ|Mt|Ft|vs|Jan|Feb|Mar|Apr|Aug|Sept|"
                 "Sep|Oct|Nov|Dec|a\\.m|p\\.m")
_ABBREVIATION = re.compile(rf"(?:\b(?:[A-Za-z]\.){{1,4}}|\b(?:{_ABBREV_WORDS})\.)$")
_GAP_ABBREVIATION = re.compile(rf"\b(?:{_ABBREV_WORDS}|[A-Z])\.")
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’'»)\]]*\s+(?=[\"“‘'«(\[A-Z0-9])")
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_SUBJECT_DEPS = {"nsubj", "csubj"}
_NOMINAL_POS = {"PROPN", "NOUN", "ADJ", "DET", "NUM", "PART"}
_NP_INNER_ADP = {"of", "to", "for", "at", "from", "in", "on"}
_SPEAKER_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
_COLLECTIVE_ENTS = {"ORG", "GPE", "NORP", "FAC", "LOC"}
_RELATIVE = {"who", "which", "that", "whom"}
_SUBJECT_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_QUANTIFIERS = {"both", "all", "each", "themselves", "himself", "herself", "alike"}



# ---------------------------------------------------------------------------
# Knowledge files
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Lexicon:
    """Cue words and speaker knowledge read from ``data/claims_*.yaml``."""

    stance: dict            # word or lemma -> stance
    call_particles: frozenset
    participles: frozenset
    quote_only: frozenset
    nouns: dict             # noun lemma -> stance
    according_to: tuple     # tuples of lower-case words
    not_speech: frozenset
    pronoun_gender: dict    # pronoun -> male/female/plural/neuter/first_person
    honorifics: dict        # honorific -> gender or None
    roles: dict             # role noun -> gender or None
    source_nouns: frozenset
    between_words: frozenset


@lru_cache(maxsize=4)
def _load_lexicon(cues: str, speakers: str, _stamp: tuple) -> Lexicon:
    c = yaml.safe_load(Path(cues).read_text(encoding="utf-8")) or {}
    s = yaml.safe_load(Path(speakers).read_text(encoding="utf-8")) or {}
    stance = {}
    for name, words in (c.get("verbs") or {}).items():
        if name not in STANCES:
            raise ValueError(f"{cues}: unknown stance {name!r} (use one of {', '.join(STANCES)})")
        for w in words or []:
            stance[str(w).lower()] = name
    pronoun_gender = {str(p).lower(): g for g, ps in (s.get("pronouns") or {}).items() for p in ps or []}
    return Lexicon(
        stance=stance,
        call_particles=frozenset(str(w).lower() for w in c.get("call_particles") or []),
        participles=frozenset(str(w).lower() for w in c.get("participles") or []),
        quote_only=frozenset(str(w).lower() for w in c.get("quote_only") or []),
        nouns={str(w).lower(): name for name, words in (c.get("nouns") or {}).items() for w in words or []},
        according_to=tuple(tuple(str(p).lower().split()) for p in c.get("according_to") or []),
        not_speech=frozenset(str(w).lower() for w in c.get("not_speech_objects") or []),
        pronoun_gender=pronoun_gender,
        honorifics={str(k).lower(): v for k, v in (s.get("honorifics") or {}).items()},
        roles={str(k).lower(): v for k, v in (s.get("roles") or {}).items()},
        source_nouns=frozenset(str(w).lower() for w in s.get("source_nouns") or []),
        between_words=frozenset(str(w).lower() for w in s.get("between_words") or []),
    )


def load_lexicon(cues: str | Path | None = None, speakers: str | Path | None = None) -> Lexicon:
    """The cue and speaker lexicons (``data/claims_cues.yaml``, ``data/claims_speakers.yaml``)."""
    cues = Path(cues) if cues else config.data_file("claims_cues.yaml")
    speakers = Path(speakers) if speakers else config.data_file("claims_speakers.yaml")
    stamp = (cues.stat().st_mtime_ns, speakers.stat().st_mtime_ns)
    return _load_lexicon(str(cues), str(speakers), stamp)


def sentence_spans(text: str, span: tuple[int, int], segments: list[Segment]) -> list[tuple[int, int]]:
    """Sentences of one paragraph; a full stop inside a quote does not end the sentence around it."""
    lo, hi = span
    cuts = [lo]
    for m in _SENTENCE_END.finditer(text, lo, hi):
        if _ABBREVIATION.search(text[max(lo, m.start() - 12):m.start() + 1]):
            continue
        if any(s.start < m.start() and m.end() <= s.end for s in segments):
            continue
        cuts.append(m.end())
    cuts.append(hi)
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


# ---------------------------------------------------------------------------
# Cues
# ---------------------------------------------------------------------------

@dataclass
class Cue:
    """A word (or phrase) that attributes content to a speaker."""

    i: int              # token index of the cue word
    start: int          # text offsets of the cue phrase
    end: int
    word: str
    stance: str
    kind: str           # verb | participle | according_to
    obj: int | None = None  # for according_to: token index of the source's first word
    speaker: "Mention | None" = None
    label_only: bool = False  # "called X a 'Y'": only a partial quote can hang on it
    quote_only: bool = False  # "she continued": a quote may hang on it, a reported clause not
    weak: bool = False        # guessed (the verb before a colon): lower confidence


def _in_segment(pos: int, segments: list[Segment]) -> bool:
    return any(s.start <= pos < s.end for s in segments)


def find_cues(doc, segments: list[Segment], lexicon: Lexicon) -> list[Cue]:
    """Cue words outside quotes, with their stance, in text order."""
    cues = []
    n = len(doc)
    skip_until = -1
    for tok in doc:
        if tok.i < skip_until or _in_segment(tok.idx, segments):
            continue
        low = tok.lower_
        for phrase in lexicon.according_to:
            if tuple(t.lower_ for t in doc[tok.i:tok.i + len(phrase)]) == phrase and tok.i + len(phrase) < n:
                last = doc[tok.i + len(phrase) - 1]
                cues.append(Cue(tok.i, tok.idx, last.idx + len(last), " ".join(phrase), "assert",
                                "according_to", obj=tok.i + len(phrase)))
                skip_until = tok.i + len(phrase)
                break
        if tok.i < skip_until:
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < n else None
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in lexicon.nouns and any(c.dep_ == "poss" for c in tok.children):
            cues.append(Cue(tok.i, tok.idx, tok.idx + len(tok), tok.text, lexicon.nouns[tok.lemma_.lower()], "noun"))
            continue
        if tok.lemma_.lower() == "call" and tok.pos_ == "VERB":
            if nxt is not None and nxt.lower_ in lexicon.call_particles:
                cues.append(Cue(tok.i, tok.idx, nxt.idx + len(nxt), f"{tok.text} {nxt.text}", "call", "verb"))
            elif nxt is not None and nxt.lower_ != "by" and tok.dep_ != "acl":
                cues.append(Cue(tok.i, tok.idx, tok.idx + len(tok), tok.text, "assert", "verb", label_only=True))
            continue
        if low in lexicon.participles and tok.dep_ != "pobj" and not any(c.dep_ in ("nsubj", "aux") for c in tok.children):
            if nxt is not None and (nxt.lower_ == "that" or any(c.dep_ == "ccomp" for c in tok.children)):
                stance = lexicon.stance.get(tok.lemma_.lower(), "assert")
                cues.append(Cue(tok.i, tok.idx, tok.idx + len(tok), tok.text, stance, "participle"))
            continue
        stance = lexicon.stance.get(low) or (lexicon.stance.get(tok.lemma_.lower()) if tok.pos_ in ("VERB", "AUX") else None)
        quote_only = False
        if stance is None and (low in lexicon.quote_only or (tok.pos_ == "VERB" and tok.lemma_.lower() in lexicon.quote_only)):
            stance, quote_only = "assert", True
        if stance is None:
            continue
        if tok.pos_ in ("NOUN", "PROPN") or (tok.i > 0 and doc[tok.i - 1].lower_ in ("the", "a", "an")):
            continue
        if tok.lemma_.lower() == "point" and (nxt is None or nxt.lower_ != "out"):
            continue
        if any(c.dep_ == "neg" and 0 < tok.i - c.i <= 3 and not _in_segment(c.idx, segments) for c in tok.children):
            continue   # "did not say"; a "not" inside the quote does not count
        if nxt is not None and nxt.lower_ in lexicon.not_speech:
            continue
        end = tok.idx + len(tok)
        if tok.lemma_.lower() == "point" and nxt is not None:
            end = nxt.idx + len(nxt)
        cues.append(Cue(tok.i, tok.idx, end, doc.text[tok.idx:end], stance, "verb", quote_only=quote_only))
    return cues


# ---------------------------------------------------------------------------
# Speaker mentions
# ---------------------------------------------------------------------------

@dataclass
class Mention:
    """A speaker mention: where it is, what kind it is, and the name and role read from it."""

    start: int          # text offsets of the mention ("he", "Hale", "Foreign Secretary Jane Hill")
    end: int
    type: str           # person | collective | generic | pronoun | anaphor | first_person
    name: str | None
    name_start: int
    name_end: int
    role: str | None = None
    gender: str | None = None
    role_noun: str | None = None
    definite: bool = False   # "the ministry": may name an earlier speaker


def _clean_name(text: str, lexicon: Lexicon) -> str:
    words = text.replace("’", "'").split()
    while words and words[0].lower().rstrip(".") in {h.rstrip(".") for h in lexicon.honorifics}:
        words = words[1:]
    name = " ".join(words)
    name = re.sub(r"'s$", "", name)
    return name.strip(" ,.;:'\"“”‘’<>=/")


def _strip_det(text: str) -> str:
    text = text.strip(" ,.;:\n\"'“”‘’<>=/")
    return re.sub(r"^(?:the|a|an|this|that|these|those)\s+", "", text, flags=re.I).strip(" ,")


def _span_text(doc, a: int, b: int) -> str:
    return doc.text[doc[a].idx:doc[b - 1].idx + len(doc[b - 1])] if b > a else ""


def parse_mention(doc, a: int, b: int, lexicon: Lexicon, person_surnames: set[str]) -> Mention | None:
    """Read a speaker mention from tokens ``doc[a:b]`` (a noun phrase or a pronoun)."""
    while a < b and (doc[a].is_punct or doc[a].is_space or doc[a].lower_ in ("and", "but", "while")
                     or (doc[a].ent_type_ in ("DATE", "TIME") and a + 1 < b and doc[a + 1].ent_type_ not in ("DATE", "TIME"))):
        a += 1
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space or doc[b - 1].lower_ in _QUANTIFIERS):
        b -= 1
    for k in range(a, b):   # "the US mission, along with France" -> "the US mission"
        if doc[k].lower_ in ("along", "together") and k + 1 < b and doc[k + 1].lower_ == "with":
            b = k
            break
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
        b -= 1
    dashes = [k for k in range(a, b) if doc[k].text in ("–", "—", "--")]
    if dashes:   # a dateline before the speaker: "Lisbon – Portugal said"
        a = dashes[-1] + 1
        while a < b and (doc[a].is_punct or doc[a].is_space):
            a += 1
    if b <= a:
        return None
    toks = doc[a:b]
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    if b - a == 1 and toks[0].lower_ in lexicon.pronoun_gender:
        g = lexicon.pronoun_gender[toks[0].lower_]
        kind = "first_person" if g == "first_person" else "pronoun"
        return Mention(start, end, kind, None, start, end, gender=g)
    if not any(t.pos_ in ("PROPN", "NOUN") or t.ent_type_ in _SPEAKER_ENTS for t in toks):
        return None
    honor_gender = next((lexicon.honorifics[t.lower_] for t in toks if t.lower_ in lexicon.honorifics
                         and lexicon.honorifics[t.lower_]), None)
    role_nouns = [t.lower_ for t in toks if t.lower_ in lexicon.roles and t.pos_ != "PROPN"]
    role_nouns += [t.lower_ for t in toks if t.lower_ in lexicon.roles and t.pos_ == "PROPN"]
    role_gender = next((lexicon.roles[r] for r in role_nouns if lexicon.roles[r]), None)
    # names: PERSON entities, else proper-noun chains that match a person of the article
    def modifier(s_a: int, s_b: int) -> bool:   # "the Smith administration": a name used as a modifier
        while s_b < b and doc[s_b].pos_ == "PROPN":
            s_b += 1
        if s_b < b and doc[s_b].lower_ in ("'s", "’s") and s_b + 1 < b and doc[s_b + 1].pos_ == "NOUN" \
                and doc[s_b + 1].lower_ not in lexicon.roles:
            return True   # "Scott's relatives"
        return s_b < b and doc[s_b].pos_ == "NOUN" and doc[s_b].lower_ not in lexicon.roles
    persons = [_drop_titles(doc, e, lexicon) for e in doc.ents if e.label_ == "PERSON" and e.start >= a and e.end <= b
               and not modifier(e.start, e.end)]
    persons = [p for p in persons if p is not None]
    chains = _propn_chains(doc, a, b)
    for ch_a, ch_b in chains:
        chain_text = _clean_name(_span_text(doc, ch_a, ch_b), lexicon)
        last = chain_text.split()[-1].lower() if chain_text else ""
        honor = ch_a > a and doc[ch_a - 1].lower_ in lexicon.honorifics
        after_role = ch_a > a and doc[ch_a - 1].lower_ in lexicon.roles and ch_b - ch_a >= 2
        known = last in person_surnames
        if (known or honor or after_role) and not modifier(ch_a, ch_b) and doc[ch_a:ch_b].root.ent_type_ not in ("GPE", "NORP") \
                and not any(p.start <= ch_a < p.end or ch_a <= p.start < ch_b for p in persons):
            persons.append(doc[ch_a:ch_b])
    if not persons:   # a known surname the tagger took for a common noun ("Grant added")
        persons = [doc[k:k + 1] for k in range(a, b) if doc[k].text[:1].isupper()
                   and doc[k].lower_ in person_surnames and not modifier(k, k + 1)][:1]
    persons.sort(key=lambda s: s.start)
    if persons:
        joint = len(persons) > 1 and all(doc[p.end:q.start].text.strip().lower() in ("and", ",", ", and", "&")
                                         for p, q in zip(persons, persons[1:]))
        chosen = persons if joint else [persons[0]]
        if joint:
            name = " and ".join(_clean_name(p.text, lexicon) for p in chosen)
        else:
            name = _clean_name(chosen[0].text, lexicon)
        n_start, n_end = chosen[0][0].idx, chosen[-1][-1].idx + len(chosen[-1][-1])
        role = (doc.text[start:n_start] + " " + doc.text[n_end:end]) if not joint else ""
        role = _strip_det(re.sub(r"\s+", " ", role.replace(",", " ")).strip())
        role = re.sub(r"^(?:mr|mrs|ms|dr)\.?$", "", role, flags=re.I).strip() or None
        return Mention(start, end, "person", name, n_start, n_end, role=role,
                       gender=honor_gender or role_gender, role_noun=role_nouns[0] if role_nouns else None)
    text = doc.text[start:end]
    collective = [e for e in doc.ents if e.label_ in _COLLECTIVE_ENTS and e.start >= a and e.end <= b]
    head_is_role = toks[-1].lower_ in lexicon.roles or (role_nouns and toks[0].lower_ in ("the", "this", "that"))
    if role_nouns and toks[0].lower_ in ("the", "this", "that") and not chains:
        return Mention(start, end, "anaphor", None, start, end, role=_strip_det(text),
                       gender=role_gender, role_noun=role_nouns[-1])
    if collective and not head_is_role:
        covered = sum(len(e.text) for e in collective)
        if covered >= 0.6 * len(_strip_det(text)) or toks[-1].pos_ == "PROPN":
            name = _strip_det(text)
            return Mention(start, end, "collective", name, start, end)
    if chains and not head_is_role:
        ch_a, ch_b = chains[-1]
        if ch_b == b or toks[-1].pos_ == "PROPN":
            return Mention(start, end, "collective", _strip_det(text), start, end)
    name = _strip_det(text)
    return Mention(start, end, "generic", name, start, end, role=None, gender=role_gender,
                   role_noun=role_nouns[-1] if role_nouns else None,
                   definite=toks[0].lower_ in ("the", "this", "that") and not chains)


def _drop_titles(doc, span, lexicon: Lexicon):
    """The name without leading titles ("Gen. Pat Ryder" -> "Pat Ryder"); None when only titles remain."""
    start = span.start
    while start < span.end and (doc[start].lower_ in lexicon.honorifics or doc[start].text == "."):
        start += 1
    return doc[start:span.end] if start < span.end else None


def _propn_chains(doc, a: int, b: int) -> list[tuple[int, int]]:
    chains, i = [], a
    while i < b:
        if doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper():
            j = i
            while j < b and ((doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper()) or
                             (doc[j].text in "-.'’" and j + 1 < b and doc[j + 1].pos_ == "PROPN")):
                j += 1
            chains.append((i, j))
            i = j
        else:
            i += 1
    return chains


def _subtree_span(tok, exclude=("relcl", "acl", "advcl", "punct", "ccomp", "parataxis")) -> tuple[int, int]:
    lo, hi = tok.i, tok.i + 1
    for child in tok.children:
        if child.dep_ in exclude:
            continue
        c_lo, c_hi = _subtree_span(child, exclude)
        lo, hi = min(lo, c_lo), max(hi, c_hi)
    return lo, hi


def _overlaps_quote(doc, a: int, b: int, segments: list[Segment]) -> bool:
    if b <= a:
        return False
    s, e = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
    return any(seg.start < e and s < seg.end for seg in segments)


def _dependency_subject(doc, cue: Cue):
    tok = doc[cue.i]
    for _ in range(3):
        subj = next((c for c in tok.children if c.dep_ in _SUBJECT_DEPS), None)
        if subj is not None:
            if subj.lower_ in _RELATIVE and tok.dep_ == "relcl":
                head = tok.head
                while head.dep_ == "appos" and head.head is not head:   # "McConnell, now the leader, who said"
                    head = head.head
                return head
            return subj
        if tok.dep_ == "relcl" and tok.head.pos_ in ("PROPN", "NOUN"):
            return tok.head
        if tok.dep_ in ("conj", "xcomp", "advcl", "dep", "acl") and tok.head is not tok:
            tok = tok.head
            continue
        return None
    return None


def _scan_left(doc, i: int, lo: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """Speaker phrase ending right before token ``i``: pronoun, name, or "Name, role," apposition."""
    j = _skip_parenthetical(doc, i - 1, lo)
    while j >= lo and (doc[j].lower_ in lexicon.between_words or doc[j].ent_type_ in ("DATE", "TIME")
                       or (doc[j].lower_ in ("on", "in", "at", "late", "early") and j + 1 < i and doc[j + 1].ent_type_ in ("DATE", "TIME"))
                       or doc[j].text == "," or doc[j].is_space):
        j -= 1
    if j < lo or doc[j].pos_ == "CCONJ":
        return None
    if doc[j].lower_ in lexicon.pronoun_gender:
        return (j, j + 1) if doc[j].lower_ in _SUBJECT_PRONOUNS and doc[j].dep_ != "poss" else None
    end = j + 1

    def nominal_left(k: int) -> int:
        start = k + 1
        while k >= lo:
            t = doc[k]
            if t.text and t.text[0] in _QUOTE_CHARS:
                break
            ok = (t.pos_ in _NOMINAL_POS and t.lower_ not in ("that", "this") or t.ent_type_ in _SPEAKER_ENTS
                  or (t.text in "-.'’&" and not t.is_space)
                  or (t.lower_ in _NP_INNER_ADP and k + 1 < i and doc[k + 1].pos_ in ("PROPN", "NOUN", "DET", "ADJ"))
                  or (t.lower_ == "and" and k > lo and doc[k - 1].pos_ == "PROPN"))
            if not ok or (t.pos_ == "PART" and t.lower_ not in ("'s", "’s")):
                break
            start = k
            k -= 1
        while start < end and (doc[start].pos_ == "ADP" or doc[start].lower_ == "and"):
            start += 1
        return start

    start = nominal_left(j)
    if start >= end:
        return None
    # apposition: "Name, role," or "role, Name,"
    if start - 1 >= lo and doc[start - 1].text == ",":
        right = doc[start:end]
        left_start = nominal_left(start - 2)
        left = doc[left_start:start - 1]
        if len(left):
            right_has_role = any(t.lower_ in lexicon.roles for t in right) or any(t.lower_ in ("'s", "’s") for t in right)
            left_has_role = any(t.lower_ in lexicon.roles for t in left)
            left_is_name = any(t.pos_ == "PROPN" for t in left) and left[-1].pos_ == "PROPN"
            right_is_name = all(t.pos_ == "PROPN" or t.text in "-." for t in right)
            if (right_has_role and left_is_name and not right_is_name) or (left_has_role and right_is_name):
                start = left_start
    return (start, end)


_PARTY_TAG = re.compile(r"^[DRI]-[A-Z][\w.\- ]*$")


def _skip_parenthetical(doc, j: int, lo: int) -> int:
    """Index left of a parenthetical or party tag ending at ``j``: "(D-Md.)", ", R-Ky.,"."""
    while j >= lo:
        while j >= lo and (doc[j].text == "," or doc[j].is_space):
            j -= 1
        if j >= lo and doc[j].text == ")":
            k = j
            while k >= lo and doc[k].text != "(":
                k -= 1
            if k < lo or j - k > 12:
                return j
            j = k - 1
            continue
        k = j
        while k >= lo and doc[k].text != "," and j - k < 6:
            k -= 1
        if k >= lo and k < j and _PARTY_TAG.match(doc.text[doc[k + 1].idx:doc[j].idx + len(doc[j])].strip()):
            j = k - 1
            continue
        return j
    return j


def _scan_right(doc, i: int, hi: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """Inverted speech tag: the phrase right after the cue ("said Hale", "said the spokesman")."""
    j = i + 1
    if j < hi and doc[j].lower_ in lexicon.pronoun_gender and lexicon.pronoun_gender[doc[j].lower_] != "first_person":
        return (j, j + 1)
    if j >= hi or doc[j].pos_ not in ("PROPN", "NOUN", "ADJ", "DET", "NUM"):
        return None
    k = j
    while k < hi and (doc[k].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "NUM") or doc[k].text in "-.'’"
                      or (doc[k].lower_ in _NP_INNER_ADP and k > j and k + 1 < hi and doc[k + 1].pos_ in ("PROPN", "NOUN", "DET"))):
        if doc[k].ent_type_ in ("DATE", "TIME"):
            break
        k += 1
    if k > j and any(t.pos_ in ("PROPN", "NOUN") for t in doc[j:k]):
        # "Name, role," after the name
        if k < hi and doc[k].text == ",":
            m = k + 1
            while m < hi and (doc[m].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "PART", "NUM")
                              or doc[m].lower_ in _NP_INNER_ADP):
                m += 1
            if m > k + 1 and any(t.lower_ in lexicon.roles for t in doc[k + 1:m]):
                k = m
        return (j, k)
    return None


def speaker_mention(doc, cue: Cue, segments: list[Segment], sentence: tuple[int, int], lexicon: Lexicon,
                    person_surnames: set[str], prefer_right: bool = False) -> Mention | None:
    """The mention a cue attaches to (dependency subject, else the words around the cue)."""
    s_tok = doc.char_span(sentence[0], sentence[1], alignment_mode="expand")
    lo, hi = (s_tok.start, s_tok.end) if s_tok is not None else (0, len(doc))
    if cue.kind == "according_to":
        j = cue.obj
        k = j
        while k < hi and not (doc[k].text in ",;" and not _next_is_apposition(doc, k, hi, lexicon)) \
                and not (doc[k].is_punct and doc[k].text in ".!?") and not (doc[k].text and doc[k].text[0] in _QUOTE_CHARS):
            if doc[k].pos_ in ("VERB", "AUX") and doc[k].dep_ not in ("amod", "compound"):
                break
            if doc[k].lower_ == "that" and k > j:
                break
            k += 1
        if k <= j:
            return None
        # "a government statement" -> the source, not the document
        b = k
        while b > j + 1 and doc[b - 1].lower_ in lexicon.source_nouns:
            b -= 1
        poss = [t for t in doc[j:b] if t.lower_ in ("'s", "’s")]
        if poss and b < k:
            b = poss[-1].i
        return parse_mention(doc, j, b, lexicon, person_surnames)
    if cue.kind == "noun":   # "the ministry's denial": the possessor
        poss = next((c for c in doc[cue.i].children if c.dep_ == "poss"), None)
        if poss is None or poss.lower_ in ("its", "their", "my", "our", "your") or \
                (poss.lower_ in lexicon.pronoun_gender and poss.lower_ not in ("his", "her")):
            return None
        a, b = _subtree_span(poss)
        while b > a and doc[b - 1].lower_ in ("'s", "’s", "'"):
            b -= 1
        if poss.lower_ in ("his", "her"):
            pron = {"his": "he", "her": "she"}[poss.lower_]
            return Mention(poss.idx, poss.idx + len(poss), "pronoun", None, poss.idx, poss.idx + len(poss),
                           gender=lexicon.pronoun_gender.get(pron))
        return parse_mention(doc, a, b, lexicon, person_surnames)
    spans = []
    if not prefer_right:
        subj = _dependency_subject(doc, cue)
        if subj is not None and subj.pos_ == "PRON" and subj.lower_ not in _SUBJECT_PRONOUNS:
            subj = None   # "saying her right foot ...": not a subject
        if subj is not None and lo <= subj.i < hi:
            a, b = _subtree_span(subj)
            for other in subj.head.children:   # the parser may split one subject in two
                if other.dep_ in _SUBJECT_DEPS and other is not subj and other.i < cue.i:
                    o_a, o_b = _subtree_span(other)
                    a, b = min(a, o_a), max(b, o_b)
            if b <= cue.i or a > cue.i:
                if not _overlaps_quote(doc, a, b, segments):
                    spans.append((a, b))
    left = _scan_left(doc, cue.i, lo, lexicon)
    if left and not _overlaps_quote(doc, *left, segments):
        if spans and spans[0][1] == left[1] and left[0] < spans[0][0]:
            spans.insert(0, left)   # the parser cut the subject short ("Brig. | Gen. Pat Ryder")
        else:
            spans.append(left)
    right = _scan_right(doc, cue.i if cue.end <= doc[cue.i].idx + len(doc[cue.i]) else cue.i + 1, hi, lexicon)
    if right and not _overlaps_quote(doc, *right, segments):
        if prefer_right:
            spans.insert(0, right)
        else:
            spans.append(right)
    for a, b in spans:
        m = parse_mention(doc, a, b, lexicon, person_surnames)
        if m is not None:
            return m
    return None


def _next_is_apposition(doc, k: int, hi: int, lexicon: Lexicon) -> bool:
    """True when the comma at ``k`` opens an apposition ("the spokesman, Li Wen,")."""
    m = k + 1
    while m < hi and doc[m].pos_ == "PROPN":
        m += 1
    return m > k + 1 and m < hi and doc[m].text == "," and any(t.lower_ in lexicon.roles for t in doc[max(0, k - 6):k])


# ---------------------------------------------------------------------------
# Claims of one article
# ---------------------------------------------------------------------------

@dataclass
class Draft:
    """A claim before speaker resolution (text offsets)."""

    start: int
    end: int
    kind: str
    quote: str
    cue: Cue | None
    para: int
    parts: list = field(default_factory=list)
    continuation: bool = False


def _sentence_of(pos: int, sentences: list[tuple[int, int]]) -> tuple[int, int]:
    for s in sentences:
        if s[0] <= pos < s[1]:
            return s
    return sentences[-1] if sentences else (pos, pos)


def _cue_attached_after(text: str, seg: Segment, cues: list[Cue], limit: int) -> Cue | None:
    """A speech tag right after a quote: ``“...,” Hale said`` / ``“...,” said Hale``."""
    ended = bool(re.search(r"[.!?]\W*$", text[seg.start:seg.close]))
    for cue in cues:
        if seg.close <= cue.start < limit and cue.kind != "according_to":
            if cue.kind == "dash":
                return cue
            gap = _GAP_ABBREVIATION.sub("", text[seg.close:cue.start])
            words = len(_WORD.findall(gap))
            if ended and words > 5 and not gap.strip()[:1].islower():
                return None   # the quote ended its sentence; this is another sentence's cue
            if words <= 14 and not re.search(r"[.!?][\"”’]?\s", gap):
                return cue
            return None
    return None


def _cue_attached_before(text: str, seg: Segment, cues: list[Cue], sentence: tuple[int, int]) -> Cue | None:
    """A speech tag right before a quote: ``He added: “...”`` / ``Hale said, “...”``."""
    prefix = text[sentence[0]:seg.open].rstrip()
    if not prefix or prefix[-1] not in ":,":
        return None
    inside = [c for c in cues if sentence[0] <= c.start < seg.open]
    return inside[-1] if inside else None


def _is_direct_position(text: str, seg: Segment, sentence: tuple[int, int], prev: Segment | None) -> bool:
    start = max(sentence[0], prev.close if prev is not None and prev.para == seg.para else sentence[0])
    prefix = text[start:seg.open].strip()
    if not prefix or prefix[-1] in ":":
        return True
    return prefix[-1] == "," and len(_WORD.findall(prefix)) <= 8


def article_drafts(article: Article, doc, lexicon: Lexicon) -> tuple[list[Draft], list[Cue]]:
    """Quote, reported-speech and according-to drafts of one article, with their cues' speaker mentions."""
    text = article.text
    para_spans = paragraphs(text)
    person_surnames = _person_surnames(doc, lexicon)
    all_segments: list[Segment] = []
    para_sentences: list[list[tuple[int, int]]] = []
    for p, span in enumerate(para_spans):
        segs = quote_segments(text, span, p)
        all_segments.extend(segs)
        para_sentences.append(sentence_spans(text, span, segs))
    cues = find_cues(doc, all_segments, lexicon)
    for k, cue in enumerate(cues):
        p = _para_of(cue.start, para_spans)
        sent = _sentence_of(cue.start, para_sentences[p])
        if cue.kind == "participle":   # "..., saying ..." / "..., adding that ...": the main verb's speaker
            main = [c for c in cues[:k] if sent[0] <= c.start and c.speaker is not None]
            if main:
                cue.speaker = main[-1].speaker
                continue
        cue.speaker = speaker_mention(doc, cue, all_segments, sent, lexicon, person_surnames)
    by_token = {c.i: c for c in cues}
    for k, cue in enumerate(cues):   # "Lynch said she recalled thinking, “...”": a cue with no subject takes its governor's
        if cue.speaker is None and cue.kind == "verb":
            for anc in doc[cue.i].ancestors:
                if anc.i in by_token and by_token[anc.i].speaker is not None:
                    cue.speaker = by_token[anc.i].speaker
                    break
        if cue.speaker is None and cue.kind == "verb" and doc[cue.i].tag_ in ("VB", "VBG"):
            # "..., Sanders said, going on to say that ...": the previous cue of the sentence
            p = _para_of(cue.start, para_spans)
            sent = _sentence_of(cue.start, para_sentences[p])
            earlier = [c for c in cues[:k] if sent[0] <= c.start and c.speaker is not None]
            if earlier:
                cue.speaker = earlier[-1].speaker

    drafts: list[Draft] = []
    used_cues: set[int] = set()
    by_para: dict[int, list[Segment]] = {}
    for seg in all_segments:
        by_para.setdefault(seg.para, []).append(seg)
    for cue in _dash_cues(doc, text, all_segments, para_spans, lexicon, person_surnames):
        cues.append(cue)
    cues.sort(key=lambda c: c.start)
    carried: Draft | None = None   # a quote left open at the end of the previous paragraph
    colon_cue: Cue | None = None   # "The New York Times reports:" at the end of the previous paragraph
    for p, span in enumerate(para_spans):
        segs = by_para.get(p, [])
        sentences = para_sentences[p]
        p_cues = [c for c in cues if span[0] <= c.start < span[1]]
        intro_cue, colon_cue = colon_cue, None
        if text[span[0]:span[1]].rstrip().endswith(":") and p_cues and not segs:
            colon_cue = p_cues[-1] if p_cues[-1].start >= sentences[-1][0] else None
        prev_seg: Segment | None = None
        last_cue: Cue | None = None
        para_drafts: list[Draft] = []
        for idx, seg in enumerate(segs):
            sent = _sentence_of(seg.open, sentences)
            nxt = segs[idx + 1].open if idx + 1 < len(segs) else span[1]
            direct = _is_direct_position(text, seg, sent, prev_seg)
            if not direct and seg.words > SCARE_QUOTE_MAX_WORDS and text[seg.end:seg.close + 1].rstrip()[:1] in ",?!" \
                    and _cue_attached_after(text, seg, p_cues, nxt) is not None \
                    and len(_WORD.findall(text[sent[0]:seg.open])) <= 6:
                direct = True   # 'Both parties "saw Burma as ...," said Victor Cha': a short lead-in before a quote
            if direct and seg.words <= SCARE_QUOTE_MAX_WORDS and seg.closed:
                after = text[seg.close:_sentence_of(seg.open, sentences)[1]].strip()
                if after and after[0].isalnum() and not _cue_attached_after(text, seg, p_cues, nxt):
                    direct = False  # a quoted term that starts a sentence ("“Fake news” is ...")
            if direct:
                cue = _cue_attached_after(text, seg, p_cues, nxt) or _cue_attached_before(text, seg, p_cues, sent)
                if cue is not None and cue.label_only:
                    cue = None
                continuing = carried is not None and idx == 0 and seg.open == span[0]
                if cue is None and continuing:
                    cue = carried.cue
                if cue is None:
                    cue = last_cue
                if cue is None and intro_cue is not None:
                    cue = intro_cue
                if cue is None:
                    later = [s for s in segs[idx + 1:] if _cue_attached_after(text, s, p_cues,
                             segs[segs.index(s) + 1].open if segs.index(s) + 1 < len(segs) else span[1])]
                    if later:
                        cue = _cue_attached_after(text, later[0], p_cues,
                                                  segs[segs.index(later[0]) + 1].open if segs.index(later[0]) + 1 < len(segs) else span[1])
                if cue is None:
                    cue = _colon_cue(doc, text, seg, sent, all_segments, lexicon, person_surnames)
                if cue is None:
                    outside = [c for c in p_cues if not c.label_only and c.kind != "according_to"]
                    if outside:   # a named speaker before a generic one ("as others have noted")
                        cue = min(outside, key=lambda c: (c.speaker is None or c.speaker.type == "generic",
                                                          abs(c.start - seg.open)))
                target = None
                if continuing:
                    target = carried
                elif para_drafts and para_drafts[-1].kind == "direct" and para_drafts[-1].cue is cue:
                    target = para_drafts[-1]
                if target is not None:
                    target.parts.append((seg.start, seg.end))
                    target.end = seg.end
                    target.quote = f"{target.quote} … {seg.text}"
                    if target.cue is None and cue is not None:
                        target.cue = cue
                    draft = target
                else:
                    draft = Draft(seg.start, seg.end, "direct", seg.text, cue, p, parts=[(seg.start, seg.end)])
                    para_drafts.append(draft)
                    drafts.append(draft)
                if cue is not None:
                    used_cues.add(cue.i)
                    last_cue = cue
                carried = draft if not seg.closed else None
            else:
                carried = None
                if _is_term(doc, text, seg):
                    prev_seg = seg
                    continue
                cue = _partial_cue(doc, text, seg, sent, p_cues)
                if cue is None or cue.speaker is None:
                    if seg.words <= SCARE_QUOTE_MAX_WORDS + 2:
                        prev_seg = seg
                        continue   # a scare quote or quoted term
                    if cue is None and p_cues:
                        cue = min((c for c in p_cues), key=lambda c: abs(c.start - seg.open))
                draft = Draft(seg.start, seg.end, "partial", seg.text, cue, p, parts=[(seg.start, seg.end)])
                # fragments hanging on the same cue in one sentence form one claim
                if (para_drafts and para_drafts[-1].kind == "partial" and para_drafts[-1].cue is cue
                        and cue is not None and _sentence_of(para_drafts[-1].start, sentences) == sent):
                    last = para_drafts[-1]
                    last.parts.append((seg.start, seg.end))
                    last.end = seg.end
                    last.quote = f"{last.quote} … {seg.text}"
                else:
                    para_drafts.append(draft)
                    drafts.append(draft)
                if cue is not None:
                    used_cues.add(cue.i)
            prev_seg = seg
        if not segs:
            carried = None
    # reported speech and according-to claims
    quote_spans = [(d.start, d.end) for d in drafts]
    para_markup: dict[int, list[tuple[int, int]]] = {}
    for cue in cues:
        if cue.label_only or cue.quote_only or cue.kind == "dash":
            continue
        direct_used = any(d.cue is cue and d.kind == "direct" for d in drafts)
        if direct_used:
            continue
        p = _para_of(cue.start, para_spans)
        sent = _sentence_of(cue.start, para_sentences[p])
        content = _content_span(doc, cue, sent, all_segments, lexicon)
        if content is None:
            continue
        if p not in para_markup:
            para_markup[p] = markup_spans(text, *para_spans[p])
        content = _cut_at_markup(text, *content, para_markup[p])
        if content is None:
            continue
        a, b = content
        words_outside = len(_WORD.findall(_outside_quotes(text, a, b, all_segments)))
        if words_outside < (1 if cue.stance == "deny" else 3):
            continue
        if any(qs <= a and b <= qe for qs, qe in quote_spans):
            continue
        kind = "according_to" if cue.kind == "according_to" else "indirect"
        drafts.append(Draft(a, b, kind, text[a:b], cue, p, parts=[(a, b)]))
    drafts.sort(key=lambda d: (d.start, d.end, d.kind))
    return drafts, cues


def _person_surnames(doc, lexicon: Lexicon) -> set[str]:
    """Last names of the article's people: PERSON entities and names after a role or honorific."""
    names = {e.text for e in doc.ents if e.label_ == "PERSON"}
    for a, b in _propn_chains(doc, 0, len(doc)):
        if a > 0 and (doc[a - 1].lower_ in lexicon.honorifics or
                      (doc[a - 1].lower_ in lexicon.roles and b - a >= 2)):
            names.add(_span_text(doc, a, b))
    return {_clean_name(n, lexicon).split()[-1].lower() for n in names if _clean_name(n, lexicon).split()}


_DASH_TAG = re.compile(r"^\s*[―—–-]{1,2}\s*(?P<name>[^\s―—–-][^\n]*?)\s*[.,]?\s*$")


def _dash_cues(doc, text: str, segments: list[Segment], para_spans, lexicon: Lexicon,
               person_surnames: set[str]) -> list[Cue]:
    """Dash attributions after a quote: ``“...” — Pamela Padilla`` (the name ends the paragraph)."""
    cues = []
    for seg in segments:
        if not seg.closed:
            continue
        end = para_spans[seg.para][1]
        m = _DASH_TAG.match(text[seg.close:end])
        if not m or len(_WORD.findall(m.group("name"))) > 10:
            continue
        a = seg.close + m.start("name")
        b = seg.close + m.end("name")
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            continue
        mention = parse_mention(doc, span.start, span.end, lexicon, person_surnames)
        if mention is None:
            continue
        dash = seg.close + text[seg.close:end].index(text[seg.close:end].strip()[0])
        cues.append(Cue(span.start, dash, dash + 1, text[dash], "assert", "dash", speaker=mention))
    return cues


_TERM_BEFORE = re.compile(r"(?:so-called|so called|known as|nicknamed|dubbed|a\.k\.a\.?|aka)\s*$", re.I)


def _is_term(doc, text: str, seg: Segment) -> bool:
    """A quoted term, not a quote: "so-called “kamikaze”", "known as “X”", or a one-word quote
    used as a modifier right after an article ("the “kamikaze” drones")."""
    if seg.words > SCARE_QUOTE_MAX_WORDS:
        return False
    if _TERM_BEFORE.search(text[max(0, seg.open - 20):seg.open]):
        return True
    if seg.words == 1 and seg.closed:   # a one-word modifier: the “kamikaze” drones
        nxt = doc.char_span(seg.close, len(text), alignment_mode="expand")
        following = next((t for t in nxt if not t.is_space), None) if nxt is not None else None
        prev = text[:seg.open].rstrip().split()[-1:] or [""]
        if following is not None and following.pos_ == "NOUN" and following.text[:1].islower() \
                and following.idx - seg.close <= 1 and prev[0].lower() in ("the", "a", "an", "its", "their", "his", "her"):
            return True
    return False


def _colon_cue(doc, text: str, seg: Segment, sent: tuple[int, int], segments: list[Segment],
               lexicon: Lexicon, person_surnames: set[str]) -> Cue | None:
    """``The president is rolling out a new message: “It's about me.”``: the verb before the colon,
    as a weak cue, when its subject is a speaker."""
    prefix = text[sent[0]:seg.open].rstrip()
    if not prefix.endswith(":"):
        return None
    colon = doc.char_span(sent[0] + len(prefix) - 1, sent[0] + len(prefix), alignment_mode="expand")
    if colon is None:
        return None
    verb = colon[0].head
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or not sent[0] <= verb.idx < seg.open:
        return None
    cue = Cue(verb.i, verb.idx, verb.idx + len(verb), verb.text, "assert", "verb", quote_only=True, weak=True)
    cue.speaker = speaker_mention(doc, cue, segments, sent, lexicon, person_surnames)
    if cue.speaker is None or cue.speaker.type in ("generic", "first_person"):
        return None
    return cue


def _outside_quotes(text: str, a: int, b: int, segments: list[Segment]) -> str:
    chars = list(text[a:b])
    for s in segments:
        for i in range(max(a, s.start), min(b, s.end)):
            chars[i - a] = " "
    return "".join(chars)


def _para_of(pos: int, para_spans: list[tuple[int, int]]) -> int:
    for i, (a, b) in enumerate(para_spans):
        if pos < b:
            return i
    return len(para_spans) - 1


def _partial_cue(doc, text: str, seg: Segment, sent: tuple[int, int], cues: list[Cue]) -> Cue | None:
    """The cue a quoted fragment hangs on: a cue governing it, else the nearest one in its sentence."""
    in_sent = [c for c in cues if sent[0] <= c.start < sent[1]]
    if not in_sent:
        return None
    span = doc.char_span(seg.start, seg.end, alignment_mode="expand")
    by_index = {c.i: c for c in in_sent}
    if span is not None and len(span):
        governing = []
        for anc in span.root.ancestors:
            if anc.i in by_index:
                cue = by_index[anc.i]
                subj = _dependency_subject(doc, cue)
                if subj is not None and span.root in list(subj.subtree):
                    continue
                governing.append(cue)
        # nested attributions ("X said the attacks showed “...”"): the outermost cue with a named
        # or collective speaker reports the words
        named = [c for c in governing if c.speaker is not None and c.speaker.type not in ("generic", "first_person")]
        if named:
            return named[-1]
        if governing:
            return governing[0]
    before = [c for c in in_sent if c.start < seg.open]
    if before:
        cue = before[-1]
        subj = _dependency_subject(doc, cue)
        if not (span is not None and subj is not None and subj.i > cue.i and span.root in list(subj.subtree)):
            return cue
    after = [c for c in in_sent if c.start >= seg.end]
    if after:
        cue = after[0]
        if span is not None:
            subj = _dependency_subject(doc, cue)
            if subj is not None and span.root in list(subj.subtree):
                return None   # the quote is part of the subject ("... “dress code” has been condemned")
        return cue
    return None


def _content_span(doc, cue: Cue, sent: tuple[int, int], segments: list[Segment],
                  lexicon: Lexicon) -> tuple[int, int] | None:
    """Text span of what a cue attributes when it is not a direct quote."""
    text = doc.text
    if cue.kind == "according_to":
        m = cue.speaker
        pp_end = m.end if m is not None else cue.end
        left = text[sent[0]:cue.start].rstrip(" ,;—–-\n")
        right_start = pp_end
        right = text[right_start:sent[1]]
        if re.match(r"^[^,]{0,60}?,", right) and len(right) > 0 and not right.lstrip().startswith(","):
            # skip the rest of the source phrase up to its comma ("... statement, members of ...")
            cut = right.index(",")
            if len(_WORD.findall(right[:cut])) <= 6:
                right_start += cut + 1
        right = text[right_start:sent[1]]
        if len(left.strip()) >= len(right.strip()):
            a, b = sent[0], sent[0] + len(left)
        else:
            a = right_start + (len(right) - len(right.lstrip(" ,;—–-")))
            b = sent[1]
        return _trim(text, a, b)
    tok = doc[cue.i]
    if cue.kind == "noun":   # "claim that ...", "denial regarding ..."
        after = [c for c in tok.children if c.i > tok.i and (c.dep_ in ("acl", "ccomp", "relcl") and
                 any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)
                 or (c.dep_ == "prep" and c.lower_ in ("regarding", "about", "over", "on", "of", "concerning")))]
        if not after:
            return None
        return _trim_tokens(doc, after[0].left_edge.i, after[0].right_edge.i + 1, sent)
    comp = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX", "NOUN", "ADJ", "PROPN")]
    if not comp and cue.stance in ("deny", "call") or (not comp and tok.lemma_.lower() in ("accuse", "blame")):
        comp = [c for c in tok.children if c.dep_ in ("dobj", "prep", "xcomp", "pcomp", "ccomp")]
        if comp:
            a = min(c.left_edge.i for c in comp)
            b = max(c.right_edge.i for c in comp) + 1
            return _trim_tokens(doc, a, b, sent)
    if not comp:
        return None
    c = comp[0]
    a, b = c.left_edge.i, c.right_edge.i + 1
    if a <= cue.i < b:
        return None
    if b <= cue.i and tok.idx > sent[1]:
        return None
    return _trim_tokens(doc, a, b, sent)


def _cut_at_markup(text: str, a: int, b: int, markup: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span ``a:b`` stopped at the first markup inside it (markup at its start is skipped)."""
    for ma, mb in markup:
        if mb <= a or ma >= b:
            continue
        if ma <= a:
            a = mb
            continue
        b = ma
        break
    return _trim(text, a, b) if b > a else None


def _trim_tokens(doc, a: int, b: int, sent: tuple[int, int]) -> tuple[int, int] | None:
    if b <= a:
        return None
    s, e = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
    s, e = max(s, sent[0]), min(e, sent[1])
    return _trim(doc.text, s, e)


def _trim(text: str, a: int, b: int) -> tuple[int, int] | None:
    while a < b and text[a] in " ,;:\n—–-":
        a += 1
    while b > a and text[b - 1] in " ,;:\n—–-.":
        b -= 1
    return (a, b) if b > a else None


# ---------------------------------------------------------------------------
# Speaker resolution
# ---------------------------------------------------------------------------

@dataclass
class Resolved:
    name: str | None
    role: str | None
    type: str | None
    gender: str | None
    start: int            # text offsets of the resolved name (the antecedent for a pronoun)
    end: int
    para: int
    confidence: float


def _full_names(doc, drafts: list[Draft], lexicon: Lexicon) -> dict[str, list[int]]:
    """``{name: [positions]}`` of the article's person names (entities and person speakers)."""
    names: dict[str, list[int]] = {}
    for e in doc.ents:
        if e.label_ == "PERSON" and _clean_name(e.text, lexicon):
            names.setdefault(_clean_name(e.text, lexicon), []).append(e.start_char)
    for d in drafts:
        m = d.cue.speaker if d.cue else None
        if m is not None and m.type == "person" and m.name and " and " not in m.name:
            names.setdefault(m.name, []).append(m.name_start)
    return names


def full_name(name: str, known: dict[str, list[int]] | list[str], pos: int | None = None) -> str:
    """The fullest form of ``name`` among the article's names ("Hale" -> "Tom Hale").

    When several full names end the same way ("Bill Clinton", "Hillary Clinton"),
    the one named last before ``pos`` wins (else the first named).
    """
    words = name.lower().split()
    if not words:
        return name
    positions = known if isinstance(known, dict) else {k: [0] for k in known}
    cands = [c for c in positions if len(c.split()) > len(words) and c.lower().split()[-len(words):] == words]
    if not cands:
        return name
    longest = max(len(c.split()) for c in cands)

    def rank(c: str):
        before = [p for p in positions[c] if pos is None or p <= pos]
        return (bool(before), max(before) if before else -min(positions[c]), len(c.split()) == longest, c)
    return max(cands, key=rank)


def _surname(name: str | None) -> str:
    words = (name or "").lower().split()
    return words[-1] if words else ""


def article_genders(doc, lexicon: Lexicon) -> dict[str, str]:
    """``{surname: male|female}`` read from the article: honorifics and gendered roles next to a
    name ("Mrs. Clinton", "spokeswoman Jessica Ditto") and the first he/she after a person subject."""
    votes: dict[str, dict[str, int]] = {}

    def vote(name: str, gender: str | None, weight: int) -> None:
        if gender in ("male", "female") and _surname(name):
            votes.setdefault(_surname(name), {}).setdefault(gender, 0)
            votes[_surname(name)][gender] += weight

    for a, b in _propn_chains(doc, 0, len(doc)):
        if a > 0:
            prev = doc[a - 1].lower_
            vote(_span_text(doc, a, b), lexicon.honorifics.get(prev) or lexicon.roles.get(prev), 3)
    persons = [e for e in doc.ents if e.label_ == "PERSON"]
    pronoun = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female", "hers": "female"}
    for k, e in enumerate(persons):
        if e.root.dep_ not in ("nsubj", "nsubjpass"):
            continue
        limit = persons[k + 1].start if k + 1 < len(persons) else len(doc)
        sent_end = e.sent.end
        nxt = doc[sent_end].sent.end if sent_end < len(doc) else sent_end
        for t in doc[e.end:min(limit, nxt)]:
            if t.lower_ in ("he", "she") and t.dep_ in ("nsubj", "nsubjpass"):
                vote(_clean_name(e.text, lexicon), pronoun[t.lower_], 1)
                break
    return {k: max(v, key=lambda g: (v[g], g)) for k, v in votes.items()
            if len(v) == 1 or max(v.values()) >= 2 * min(v.values())}


def resolve_speakers(drafts: list[Draft], doc, lexicon: Lexicon) -> list[Resolved | None]:
    """Resolve each draft's speaker mention to a name, in text order (see module docstring)."""
    known = _full_names(doc, drafts, lexicon)
    history: list[Resolved] = []
    genders: dict[str, str] = article_genders(doc, lexicon)
    out: list[Resolved | None] = []
    subject_persons = [(e.start_char, _clean_name(e.text, lexicon)) for e in doc.ents
                       if e.label_ == "PERSON" and e.root.dep_ in ("nsubj", "nsubjpass")]
    subject_groups = [(e.start_char, _strip_det(e.text)) for e in doc.ents
                      if e.label_ in _COLLECTIVE_ENTS and e.root.dep_ in ("nsubj", "nsubjpass")]
    last_quote: Resolved | None = None
    order = sorted(range(len(drafts)), key=lambda k: (drafts[k].cue.start if drafts[k].cue else drafts[k].start))
    result: dict[int, Resolved | None] = {}
    for k in order:
        d = drafts[k]
        m = d.cue.speaker if d.cue is not None else None
        pos = d.cue.start if d.cue is not None else d.start
        r: Resolved | None = None
        if d.cue is None:
            if last_quote is not None and d.kind in ("direct", "partial") and d.para - last_quote.para <= CONTINUATION_PARAGRAPHS:
                r = Resolved(last_quote.name, last_quote.role, last_quote.type, last_quote.gender,
                             last_quote.start, last_quote.end, d.para, 0.7)
                d.continuation = True
        elif m is None:
            r = None
        elif m.type == "person":
            names = [full_name(n, known, pos) for n in m.name.split(" and ")] if m.name else []
            name = " and ".join(names)
            gender = m.gender or genders.get(_surname(name))
            if gender and " and " not in name:
                genders.setdefault(_surname(name), gender)
            r = Resolved(name, m.role, "person", gender, m.name_start, m.name_end, d.para, 0.95)
        elif m.type in ("collective", "generic"):
            r = _resolve_definite(m, history, d.para) or Resolved(
                m.name, m.role, m.type, None, m.start, m.end, d.para, 0.85 if m.type == "collective" else 0.6)
        elif m.type == "pronoun":
            r = _resolve_pronoun(m, pos, history, subject_persons, genders, d.para, known, subject_groups)
        elif m.type == "anaphor":
            r = _resolve_role(m, history, d.para)
        if r is not None and r.name:
            history.append(Resolved(r.name, r.role, r.type, r.gender, r.start, r.end, d.para, r.confidence))
            if d.kind in ("direct", "partial"):
                last_quote = history[-1]
        elif d.kind in ("direct", "partial") and d.cue is not None:
            last_quote = None
        result[k] = r
    out = [result[k] for k in range(len(drafts))]
    return out


def _resolve_pronoun(m: Mention, pos: int, history: list[Resolved], subject_persons, genders: dict,
                     para: int, known, subject_groups=()) -> Resolved | None:
    if m.gender in ("male", "female"):
        def compatible(name: str, gender: str | None) -> bool:
            g = genders.get(_surname(name)) or gender
            return g is None or g == m.gender
        candidates = [(h.start, h) for h in history if h.type == "person" and " and " not in h.name]
        candidates += [(s, Resolved(full_name(n, known, s), None, "person", genders.get(_surname(n)), s, s + len(n), para, 0.0))
                       for s, n in subject_persons if s < pos]
        # the nearest earlier speaker; a person subject only when it is nearer by a paragraph or more
        speakers = [c for c in candidates if c[1].confidence > 0 and c[0] < pos and compatible(c[1].name, c[1].gender)]
        subjects = [c for c in candidates if c[1].confidence == 0 and c[0] < pos and compatible(c[1].name, c[1].gender)]
        best_speaker = max(speakers, key=lambda c: c[0]) if speakers else None
        best_subject = max(subjects, key=lambda c: c[0]) if subjects else None
        if best_speaker is not None and best_subject is not None and best_subject[0] > best_speaker[0] \
                and para - best_speaker[1].para > 2:
            best_speaker = None
        candidates = [c for c in (best_speaker, best_subject) if c is not None]
        for _, h in candidates:
            if h.start < pos and compatible(h.name, h.gender):
                genders.setdefault(_surname(h.name), m.gender)
                role = h.role or next((x.role for x in reversed(history) if x.name == h.name and x.role), None)
                return Resolved(h.name, role, "person", m.gender, h.start, h.end, para, 0.8)
        return None
    if m.gender in ("plural", "neuter"):   # "they", "it": the nearest group speaker or group subject
        candidates = [(h.start, h) for h in history if h.type in ("collective", "generic")
                      or (m.gender == "plural" and " and " in (h.name or ""))]
        candidates += [(s, Resolved(n, None, "collective", None, s, s + len(n), para, 0.0))
                       for s, n in subject_groups if s < pos]
        candidates = [c for c in candidates if c[0] < pos]
        if candidates:
            _, h = max(candidates, key=lambda c: c[0])
            return Resolved(h.name, h.role, h.type, None, h.start, h.end, para, 0.6)
    return None


def _resolve_definite(m: Mention, history: list[Resolved], para: int) -> Resolved | None:
    """"the ministry said" after "the country's defence ministry denied ...": a definite noun phrase
    naming an earlier speaker by its head noun."""
    words = (m.name or "").lower().split()
    if m.type != "generic" or not m.definite or not words or len(words) > 2:
        return None
    head = words[-1]
    for h in reversed(history):
        if h.name and h.name.lower() != " ".join(words) and \
                (re.search(rf"\b{re.escape(head)}\b", h.name.lower()) or
                 (h.role and re.search(rf"\b{re.escape(head)}\b", h.role.lower()))):
            return Resolved(h.name, h.role, h.type, h.gender, h.start, h.end, para, 0.7)
    return None


def _resolve_role(m: Mention, history: list[Resolved], para: int) -> Resolved | None:
    noun = m.role_noun
    if noun in ("latter", "former"):
        return None
    for h in reversed(history):
        if h.type == "person" and h.role and noun and noun in h.role.lower():
            return Resolved(h.name, h.role, "person", h.gender, h.start, h.end, para, 0.75)
    return None


# ---------------------------------------------------------------------------
# Public tables
# ---------------------------------------------------------------------------

def _entity_lookup(corpus: Corpus):
    """``{doc_id: [(start, end, entity_id, canonical, label)]}`` from :func:`analysis.entities.mentions`."""
    from . import entities
    frame = entities.mentions(corpus)
    lookup: dict[str, list] = {}
    for row in frame.itertuples(index=False):
        lookup.setdefault(row.doc_id, []).append((int(row.start), int(row.end), row.entity_id,
                                                  row.canonical, getattr(row, "label", None)))
    return lookup


def _match_entity(spans: list, start: int, end: int):
    best = None
    for s, e, eid, canonical, label in spans or []:
        overlap = min(e, end) - max(s, start)
        if overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, eid, canonical, label, e - s)
    return best


def claims(corpus: Corpus, *, lexicon: Lexicon | None = None, use_entities: bool = True) -> pd.DataFrame:
    """Every attributed claim in the corpus, one row each, sorted by ``doc_id, start, end, kind``.

    Columns:

    * ``doc_id`` – article;
    * ``start, end`` – raw offsets of the quoted or attributed content (for a
      direct quote split by its speech tag, from the first quoted word to the last);
    * ``kind`` – ``direct``, ``partial``, ``indirect`` or ``according_to``;
    * ``quote`` – the quoted words (parts around a speech tag or fragments on one
      cue joined by " … "), or the reported clause;
    * ``speaker`` – resolved name (full name of a surname, antecedent of a
      pronoun, canonical entity name when ``analysis.entities`` is present), or
      ``None`` when it cannot be resolved;
    * ``speaker_start, speaker_end`` – raw offsets of the mention the cue attaches
      to ("he", "Hale"); for a quote continuing an earlier one, the earlier mention;
    * ``speaker_entity_id`` – entity id from ``analysis.entities`` (else ``None``);
    * ``speaker_role`` – role words next to the name ("Foreign Secretary");
    * ``cue, cue_start`` – the cue word and its raw offset (``None`` for a
      continued quote);
    * ``stance`` – ``assert``, ``deny``, ``believe`` or ``call``;
    * ``confidence`` – 0-1, how the speaker was found: 0.95 named at the cue,
      0.85 collective ("the ministry"), 0.8 pronoun, 0.75 role ("the
      spokesman"), 0.7 quote continuing the previous one, 0.6 generic speaker
      ("officials") or "they"/"it", 0.5 at most for the subject of a verb before a
      colon, 0.2 unresolved; 0.05 less for a partial quote.
    """
    if lexicon is not None:
        return _build_claims(corpus, lexicon, use_entities)
    use_entities = bool(use_entities)
    return cache.memo("claims.claims", (corpus_fingerprint(corpus), use_entities),
                      lambda: _build_claims(corpus, load_lexicon(), use_entities))


def _build_claims(corpus: Corpus, lexicon: Lexicon, use_entities: bool) -> pd.DataFrame:
    from .nlp import iter_docs
    lookup = _entity_lookup(corpus) if use_entities else None
    rows = []
    for article, doc in iter_docs(corpus):
        rows.extend(article_claims(article, doc, lexicon, lookup.get(article.doc_id) if lookup else None))
    frame = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    for col in ("start", "end"):
        frame[col] = frame[col].astype(int)
    for col in ("speaker_start", "speaker_end", "cue_start"):
        frame[col] = frame[col].astype("Int64")
    for col in ("speaker", "speaker_entity_id", "speaker_role", "cue"):
        frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
    return frame.sort_values(["doc_id", "start", "end", "kind"], kind="stable").reset_index(drop=True)


def article_claims(article: Article, doc, lexicon: Lexicon, entity_spans: list | None = None) -> list[dict]:
    """Claim rows (see :func:`claims`) of one parsed article."""
    drafts, _ = article_drafts(article, doc, lexicon)
    resolved = resolve_speakers(drafts, doc, lexicon)
    rows = []
    for d, r in zip(drafts, resolved):
        quote = re.sub(r"\s+", " ", strip_markup(d.quote)).strip()
        if not _WORD.search(quote):
            continue   # nothing but markup between the marks
        start, end = article.raw_span(d.start, d.end)
        m = d.cue.speaker if d.cue is not None else None
        speaker = r.name if r is not None else None
        role = r.role if r is not None else None
        confidence = r.confidence if r is not None and speaker else 0.2
        if d.kind == "partial":
            confidence -= 0.05
        if d.cue is not None and d.cue.weak and speaker:
            confidence = min(confidence, 0.5)
        if m is not None:
            s_start, s_end = article.raw_span(m.name_start, m.name_end) if m.type == "person" else article.raw_span(m.start, m.end)
        elif r is not None:
            s_start, s_end = article.raw_span(r.start, r.end)
        else:
            s_start = s_end = None
        entity_id = None
        if entity_spans and r is not None and speaker and r.type in ("person", "collective") and " and " not in speaker:
            a_start, a_end = article.raw_span(r.start, r.end)
            hit = _match_entity(entity_spans, a_start, a_end)
            if hit is not None:
                overlap, entity_id, canonical, _label, e_len = hit
                if overlap >= 0.7 * (a_end - a_start) and overlap >= 0.5 * e_len:
                    speaker = str(canonical) if canonical else speaker
                else:
                    entity_id = None
        rows.append({
            "doc_id": article.doc_id, "start": start, "end": end, "kind": d.kind,
            "quote": quote, "speaker": speaker,
            "speaker_start": s_start, "speaker_end": s_end, "speaker_entity_id": entity_id,
            "speaker_role": role, "cue": d.cue.word if d.cue is not None else None,
            "cue_start": article.to_raw(d.cue.start) if d.cue is not None else None,
            "stance": d.cue.stance if d.cue is not None else "assert",
            "confidence": round(max(0.0, min(1.0, confidence)), 2),
        })
    return rows


# ---------------------------------------------------------------------------
# Cross-source views
# ---------------------------------------------------------------------------

#: Columns of :func:`quote_groups`.
GROUP_COLUMNS = ["group_id", "doc_id", "start", "end", "kind", "quote", "speaker", "speaker_entity_id",
                 "similarity", "n_articles", "n_speakers", "speakers", "conflict"]
#: Columns of :func:`denials`.
DENIAL_COLUMNS = ["doc_id", "denial_start", "denial_end", "denier", "denial", "claim_doc_id", "claim_start",
                  "claim_end", "claimant", "claim_kind", "claim", "match", "score"]
#: Two quotes are the same quote when a clause of one matches a clause of the other this well (0-100).
GROUP_THRESHOLD = 85
#: Clauses shorter than this many words are not compared on their own.
GROUP_MIN_WORDS = 4
_CONTRACTIONS = [(re.compile(r"n[’']t\b"), " not"), (re.compile(r"[’']re\b"), " are"), (re.compile(r"[’']ve\b"), " have"),
                 (re.compile(r"[’']ll\b"), " will"), (re.compile(r"[’']m\b"), " am"), (re.compile(r"\bcan not\b"), "cannot")]
_ANAPHORIC_OBJECTS = {"claim", "claims", "allegation", "allegations", "accusation", "accusations", "charge", "charges",
                      "report", "reports", "it", "this", "that", "them", "assertion", "suggestion"}


def load_synonyms(path: str | Path | None = None) -> dict[str, str]:
    """Spinner substitutions ``{spun word: usual word}`` from ``data/claims_synonyms.yaml``."""
    path = Path(path) if path else config.data_file("claims_synonyms.yaml")
    table = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k).lower(): ("" if v is None else str(v).lower()) for k, v in table.items()}


def normalise_quote(text: str, synonyms: dict[str, str]) -> str:
    """Lower case, contractions expanded, spun words mapped back, punctuation dropped."""
    text = text.lower().replace("’", "'")
    for pattern, repl in _CONTRACTIONS:
        text = pattern.sub(repl, text)
    words = re.findall(r"[a-z0-9]+", text)
    return " ".join(w for word in words for w in synonyms.get(word, word).split())


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in re.split(r"[.:;!?—–…]|\s-\s|, (?:but|and|so|while) ", text) if c.strip()]


def quote_groups(corpus: Corpus, claims_frame: pd.DataFrame | None = None, *,
                 threshold: int = GROUP_THRESHOLD, synonyms: dict[str, str] | None = None) -> pd.DataFrame:
    """The same quote found more than once, clustered, with attribution conflicts flagged.

    Direct and partial quotes are compared clause by clause after normalising case,
    contractions and spinner synonyms (``data/claims_synonyms.yaml``: "straight
    engaged on the bottom" = "directly engaged on the ground"); two quotes match
    when a clause of one and a clause of the other score at least ``threshold``
    with rapidfuzz's ``ratio``, or a short quote (3+ words) is found inside a
    longer one (``partial_ratio`` >= 95; title-cased names excluded). Matches are linked into groups (connected
    components). One row per quote in a group of two or more, sorted by
    ``group_id, doc_id, start``:

    ``group_id`` (1..n in order of first appearance), ``doc_id, start, end, kind,
    quote, speaker, speaker_entity_id`` (from :func:`claims`), ``similarity``
    (best score with another member), ``n_articles``, ``n_speakers`` (distinct
    resolved speakers), ``speakers`` (them, "; "-joined), ``conflict`` (True when
    members name speakers with no surname in common).
    """
    import networkx as nx
    from rapidfuzz import fuzz, process

    frame = claims(corpus) if claims_frame is None else claims_frame
    quotes = frame[frame["kind"].isin(["direct", "partial"])].reset_index(drop=True)
    synonyms = load_synonyms() if synonyms is None else synonyms
    norm = [normalise_quote(q, synonyms) for q in quotes["quote"]]
    pieces, owner = [], []
    for k, q in enumerate(quotes["quote"]):
        for clause in _clauses(q):
            n = normalise_quote(clause, synonyms)
            if len(n.split()) >= GROUP_MIN_WORDS:
                pieces.append(n)
                owner.append(k)
    graph = nx.Graph()
    best: dict[int, float] = {}

    def link(a: int, b: int, score: float) -> None:
        if a == b:
            return
        graph.add_edge(a, b)
        best[a] = max(best.get(a, 0.0), score)
        best[b] = max(best.get(b, 0.0), score)

    block = 1000   # compare in blocks so memory stays bounded on large corpora
    for lo in range(0, len(pieces), block):
        scores = process.cdist(pieces[lo:lo + block], pieces, scorer=fuzz.ratio, score_cutoff=threshold,
                               dtype="float32", workers=1)
        for i, j in zip(*scores.nonzero()):
            if lo + i < j:
                link(owner[lo + i], owner[j], float(scores[i, j]))
    # short quotes (3-7 words, not a title-cased name such as a forum or a book) found inside longer ones
    short = [k for k, n in enumerate(norm) if 3 <= len(n.split()) < GROUP_MIN_WORDS + 4 and len(n) >= 15
             and not all(w[:1].isupper() for w in _WORD.findall(quotes.at[k, "quote"]) if len(w) > 3)]
    for lo in range(0, len(short), block):   # a short quote inside a longer one
        rows = short[lo:lo + block]
        scores = process.cdist([norm[k] for k in rows], norm, scorer=fuzz.partial_ratio,
                               score_cutoff=max(threshold, 95), dtype="float32", workers=1)
        for i, m in zip(*scores.nonzero()):
            k = rows[i]
            if m != k and len(norm[m]) > len(norm[k]):
                link(k, m, float(scores[i, m]))
    rows = []
    for members in nx.connected_components(graph):
        members = sorted(members, key=lambda k: (quotes.at[k, "doc_id"], quotes.at[k, "start"]))
        speakers = sorted({s for s in quotes.loc[members, "speaker"] if s})
        keys = [{_surname(n) for n in s.split(" and ")} for s in quotes.loc[members, "speaker"] if s]
        conflict = any(not (a & b) for i, a in enumerate(keys) for b in keys[i + 1:])
        for k in members:
            row = quotes.loc[k]
            rows.append({"group_id": 0, "doc_id": row["doc_id"], "start": int(row["start"]), "end": int(row["end"]),
                         "kind": row["kind"], "quote": row["quote"], "speaker": row["speaker"],
                         "speaker_entity_id": row["speaker_entity_id"], "similarity": round(best.get(k, 0.0), 1),
                         "n_articles": int(quotes.loc[members, "doc_id"].nunique()), "n_speakers": len(speakers),
                         "speakers": "; ".join(speakers), "conflict": bool(conflict), "_first": (quotes.at[members[0], "doc_id"], int(quotes.at[members[0], "start"]))})
    out = pd.DataFrame(rows, columns=GROUP_COLUMNS + ["_first"])
    if out.empty:
        return out.drop(columns="_first")
    order = {key: n for n, key in enumerate(sorted(set(out["_first"])), start=1)}
    out["group_id"] = out["_first"].map(order).astype(int)
    out = out.drop(columns="_first")
    return out.sort_values(["group_id", "doc_id", "start"], kind="stable").reset_index(drop=True)


def _content_words(text: str) -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS
    words = re.findall(r"[a-z0-9]+", (text or "").lower().replace("’", "'"))
    return {w[:-1] if len(w) > 4 and w.endswith("s") else w for w in words if w not in STOP_WORDS and len(w) > 2}


def denials(corpus: Corpus, claims_frame: pd.DataFrame | None = None, *, min_score: float = 0.4,
            cross_article: int = 3) -> pd.DataFrame:
    """Denials and the claims they answer.

    Every claim with stance ``deny`` is paired with earlier claims of its article
    and with claims of other articles. ``match`` says why: ``anaphora`` (the
    denial's object is "the claim", "the allegations", "it": the nearest earlier
    claim of the article), ``content`` (share of the denial's content words found
    in the claim, plus 0.25 when the claim is at most 600 characters before it in
    the same article). Pairs scoring at least ``min_score`` are kept: the best one
    in the same article and up to ``cross_article`` from other articles.

    Columns: ``doc_id, denial_start, denial_end, denier, denial`` (the denial
    claim), ``claim_doc_id, claim_start, claim_end, claimant, claim_kind, claim``
    (the answered claim), ``match``, ``score``; sorted by ``doc_id, denial_start``
    then score (highest first).
    """
    frame = claims(corpus) if claims_frame is None else claims_frame
    key = (cache.frame_hash(frame), float(min_score), int(cross_article))
    return cache.memo("claims.denials", key, lambda: _denials(frame, min_score, cross_article))


def _denials(frame: pd.DataFrame, min_score: float, cross_article: int) -> pd.DataFrame:
    denial_rows = frame[frame["stance"] == "deny"]
    others = frame[frame["stance"] != "deny"]
    rows = []
    for d in denial_rows.itertuples(index=False):
        words = _content_words(d.quote)
        anaphoric = bool(set(re.findall(r"[a-z]+", d.quote.lower())[-2:]) & _ANAPHORIC_OBJECTS) and len(words) <= 2
        same = others[(others["doc_id"] == d.doc_id) & (others["end"] <= d.start)]
        found = []
        if anaphoric and not same.empty:
            prev = same.sort_values(["end", "start"], kind="stable").iloc[-1]
            found.append((prev, "anaphora", 1.0))
        else:
            for c in same.itertuples(index=False):
                score = min(1.0, _overlap_score(words, c.quote) + (0.25 if d.start - c.end <= 600 else 0.0))
                if score >= min_score:
                    found.append((c, "content", score))
            found = sorted(found, key=lambda f: (-f[2], -int(f[0].start)))[:1]
        cross = []
        for c in others[others["doc_id"] != d.doc_id].itertuples(index=False):
            score = _overlap_score(words, c.quote)
            if score >= max(min_score, 0.75) and len(words) >= 2:
                cross.append((c, "content", score))
        found += sorted(cross, key=lambda f: (-f[2], f[0].doc_id, int(f[0].start)))[:cross_article]
        for c, how, score in found:
            c = c._asdict() if hasattr(c, "_asdict") else c.to_dict()
            rows.append({"doc_id": d.doc_id, "denial_start": int(d.start), "denial_end": int(d.end),
                         "denier": d.speaker, "denial": d.quote, "claim_doc_id": c["doc_id"],
                         "claim_start": int(c["start"]), "claim_end": int(c["end"]), "claimant": c["speaker"],
                         "claim_kind": c["kind"], "claim": c["quote"], "match": how, "score": round(float(score), 2)})
    out = pd.DataFrame(rows, columns=DENIAL_COLUMNS)
    out["_neg"] = -out["score"]
    out = out.sort_values(["doc_id", "denial_start", "_neg", "claim_doc_id", "claim_start"], kind="stable")
    return out.drop(columns="_neg").reset_index(drop=True)


def _overlap_score(words: set[str], claim_text: str) -> float:
    if not words:
        return 0.0
    return len(words & _content_words(claim_text)) / len(words)


# ---------------------------------------------------------------------------
# Summaries for the notebook
# ---------------------------------------------------------------------------

UNRESOLVED = "(unresolved)"


def _with_words(frame: pd.DataFrame) -> pd.DataFrame:
    quoted = frame["kind"].isin(["direct", "partial"])
    return frame.assign(speaker=frame["speaker"].fillna(UNRESOLVED),
                        is_quote=quoted,
                        words_quoted=frame["quote"].map(lambda q: len(_WORD.findall(q))).where(quoted, 0))


def speaker_summary(frame: pd.DataFrame) -> pd.DataFrame:
    """Who is quoted most: one row per speaker (``(unresolved)`` for ``None``).

    Columns ``speaker, quotes`` (direct and partial), ``words_quoted`` (words inside
    them), ``claims`` (all kinds), ``denials`` (stance ``deny``), ``articles``;
    sorted by words quoted, quotes, then speaker.
    """
    f = _with_words(frame)
    out = f.groupby("speaker").agg(quotes=("is_quote", "sum"), words_quoted=("words_quoted", "sum"),
                                   claims=("kind", "size"), denials=("stance", lambda s: int((s == "deny").sum())),
                                   articles=("doc_id", "nunique")).reset_index()
    out[["quotes", "words_quoted"]] = out[["quotes", "words_quoted"]].astype(int)
    return out.sort_values(["words_quoted", "quotes", "speaker"], ascending=[False, False, True],
                           kind="stable").reset_index(drop=True)


def words_quoted_by_article(frame: pd.DataFrame, top: int | None = None) -> pd.DataFrame:
    """Speaker x article table of words quoted (direct and partial quotes), speakers by total, top ``top``."""
    f = _with_words(frame)
    table = f.pivot_table(index="speaker", columns="doc_id", values="words_quoted", aggfunc="sum", fill_value=0)
    table = table.loc[:, sorted(table.columns)]
    order = table.sum(axis=1).rename("total").reset_index().sort_values(["total", "speaker"], ascending=[False, True])
    table = table.loc[order["speaker"]]
    table = table[table.sum(axis=1) > 0]
    return table.head(top) if top else table


def speaker_article_matrix(frame: pd.DataFrame) -> pd.DataFrame:
    """Speaker x article counts of claims of every kind, with a ``total`` column; speakers by total."""
    f = _with_words(frame)
    table = pd.crosstab(f["speaker"], f["doc_id"])
    table = table.loc[:, sorted(table.columns)]
    table["total"] = table.sum(axis=1)
    table = table.reset_index().sort_values(["total", "speaker"], ascending=[False, True]).set_index("speaker")
    table.columns.name = None
    return table


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------
