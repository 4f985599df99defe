"""Speaker mentions: what a cue attaches to, and what the mention says (name, role, gender, kind).

* :func:`speaker_mention` – the mention of one cue: its dependency subject
  (:func:`dependency_subject`), else the words left of the cue (:func:`_scan_left`: pronoun,
  name, "Name, role," apposition), else right of it ("said Hale"); for "according to X"
  its object, for "the ministry's denial" the possessor;
* :func:`parse_mention` – reads a noun phrase into a :class:`Mention` (person with
  role kept apart, collective, generic, pronoun, anaphor such as "the spokesman");
* :func:`person_surnames` – the surnames of the article's people, to recognise a bare surname.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ..nlp.docs import doc_text
from ..text.quotes import _QUOTE_CHARS, Segment
from .cues import Cue, Lexicon
from .names import (_drop_titles, after_role, clean_name, ents_within, person_surnames, propn_chains, span_text,
                    strip_det)

SUBJECT_DEPS = {"nsubj", "csubj"}
SUBJECT_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
COLLECTIVE_ENTS = {"ORG", "GPE", "NORP", "FAC", "LOC"}
_NOMINAL_POS = {"PROPN", "NOUN", "ADJ", "DET", "NUM", "PART"}
_NP_INNER_ADP = {"of", "to", "for", "at", "from", "in", "on"}
_SPEAKER_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
_RELATIVE = {"who", "which", "that", "whom"}
_QUANTIFIERS = {"both", "all", "each", "themselves", "himself", "herself", "alike"}
_DEMONSTRATIVES = ("the", "this", "that")
_PARTY_TAG = re.compile(r"^[DRI]-[A-Z][\w.\- ]*$")


@dataclass
class Mention:
    """A speaker mention: where it is, what kind it is, and the name and role read from it."""

    start: int          # text offsets of the mention ("he", "Hale", "Foreign Secretary Jane Hill")
    end: int
    type: str           # person | collective | generic | pronoun | anaphor | first_person | document | unnamed
    name: str | None
    name_start: int
    name_end: int
    role: str | None = None
    gender: str | None = None
    role_noun: str | None = None
    definite: bool = False   # "the ministry": may name an earlier speaker
    document: str | None = None   # "the council issued a statement ...": the document noun it spoke through


# ---------------------------------------------------------------------------
# Reading one mention
# ---------------------------------------------------------------------------

def _trim_mention(doc, a: int, b: int) -> tuple[int, int] | None:
    """``doc[a:b]`` without leading conjunctions and dates, trailing quantifiers, "along with ..." and a dateline."""
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
    return (a, b) if b > a else None


def _is_modifier(doc, s_b: int, b: int, lexicon: Lexicon) -> bool:
    """True when the name ending at ``s_b`` modifies a noun ("the Smith administration", "Scott's relatives")."""
    while s_b < b and doc[s_b].pos_ == "PROPN":
        s_b += 1
    if s_b < b and doc[s_b].lower_ in ("'s", "’s") and s_b + 1 < b and doc[s_b + 1].pos_ == "NOUN" \
            and doc[s_b + 1].lower_ not in lexicon.roles:
        return True   # "Scott's relatives"
    return s_b < b and doc[s_b].pos_ == "NOUN" and doc[s_b].lower_ not in lexicon.roles


def _persons(doc, a: int, b: int, lexicon: Lexicon, surnames: set[str], chains: list[tuple[int, int]]) -> list:
    """Person names in ``doc[a:b]``: PERSON entities, else proper-noun chains that match a person of the article."""
    persons = [_drop_titles(doc, e, lexicon) for e in ents_within(doc, a, b) if e.label_ == "PERSON"
               and not _is_modifier(doc, e.end, b, lexicon)]
    persons = [p for p in persons if p is not None]
    for ch_a, ch_b in chains:
        chain_text = clean_name(span_text(doc, ch_a, ch_b), lexicon)
        last = chain_text.split()[-1].lower() if chain_text else ""
        honor = ch_a > a and doc[ch_a - 1].lower_ in lexicon.honorifics
        titled = ch_b - ch_a >= 2 and doc[ch_a].lower_ in lexicon.honorifics and bool(chain_text)   # "Mr Dunmore"
        role_before = ch_a > a and after_role(doc, ch_a, lexicon) and ch_b - ch_a >= 2
        if (last in surnames or honor or titled or role_before) and not _is_modifier(doc, ch_b, b, lexicon) \
                and doc[ch_a:ch_b].root.ent_type_ not in ("GPE", "NORP") \
                and not any(p.start <= ch_a < p.end or ch_a <= p.start < ch_b for p in persons):
            persons.append(_drop_titles(doc, doc[ch_a:ch_b], lexicon) if titled else doc[ch_a:ch_b])
    if not persons:   # a known surname the tagger took for a common noun ("Grant added")
        persons = [doc[k:k + 1] for k in range(a, b) if doc[k].text[:1].isupper()
                   and doc[k].lower_ in surnames and not _is_modifier(doc, k + 1, b, lexicon)][:1]
    persons.sort(key=lambda s: s.start)
    return persons


def _person_mention(doc, persons: list, start: int, end: int, lexicon: Lexicon, gender: str | None,
                    role_nouns: list[str]) -> Mention:
    """A person mention: one name, or several joined by "and" ("Smith and Jones"); role words kept apart."""
    joint = len(persons) > 1 and all(doc[p.end:q.start].text.strip().lower() in ("and", ",", ", and", "&")
                                     for p, q in zip(persons, persons[1:]))
    chosen = persons if joint else [persons[0]]
    name = " and ".join(clean_name(p.text, lexicon) for p in chosen)
    n_start, n_end = chosen[0][0].idx, chosen[-1][-1].idx + len(chosen[-1][-1])
    role = (doc_text(doc)[start:n_start] + " " + doc_text(doc)[n_end:end]) if not joint else ""
    role = strip_det(re.sub(r"\s+", " ", role.replace(",", " ")).strip())
    role = re.sub(r"^(?:mr|mrs|ms|dr)\.?$", "", role, flags=re.I).strip() or None
    return Mention(start, end, "person", name, n_start, n_end, role=role, gender=gender,
                   role_noun=role_nouns[0] if role_nouns else None)


def _other_mention(doc, a: int, b: int, lexicon: Lexicon, chains: list[tuple[int, int]], role_nouns: list[str],
                   role_gender: str | None) -> Mention:
    """A mention naming no person: an anaphor ("the spokesman"), a collective ("the ministry") or a generic source."""
    toks = doc[a:b]
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    text = doc_text(doc)[start:end]
    collective = [e for e in ents_within(doc, a, b) if e.label_ in COLLECTIVE_ENTS]
    head_is_role = toks[-1].lower_ in lexicon.roles or (role_nouns and toks[0].lower_ in _DEMONSTRATIVES)
    if role_nouns and toks[0].lower_ in _DEMONSTRATIVES and not chains:
        return Mention(start, end, "anaphor", None, start, end, role=strip_det(text),
                       gender=role_gender, role_noun=role_nouns[-1])
    if collective and not head_is_role:
        covered = sum(len(e.text) for e in collective)
        if covered >= 0.6 * len(strip_det(text)) or toks[-1].pos_ == "PROPN":
            return Mention(start, end, "collective", strip_det(text), start, end)
    if chains and not head_is_role:
        _, ch_b = chains[-1]
        if ch_b == b or toks[-1].pos_ == "PROPN":
            return Mention(start, end, "collective", strip_det(text), start, end)
    return Mention(start, end, "generic", strip_det(text), start, end, role=None, gender=role_gender,
                   role_noun=role_nouns[-1] if role_nouns else None,
                   definite=toks[0].lower_ in _DEMONSTRATIVES and not chains)


def parse_mention(doc, a: int, b: int, lexicon: Lexicon, surnames: set[str]) -> Mention | None:
    """Read a speaker mention from tokens ``doc[a:b]`` (a noun phrase or a pronoun); None when it names nobody."""
    bounds = _trim_mention(doc, a, b)
    if bounds is None:
        return None
    a, b = bounds
    toks = doc[a:b]
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    if b - a == 1 and toks[0].lower_ in lexicon.unnamed:   # "one said", "another added": someone, not named
        return Mention(start, end, "unnamed", None, start, end)
    if b - a == 1 and toks[0].lower_ in lexicon.pronoun_gender:
        g = lexicon.pronoun_gender[toks[0].lower_]
        return Mention(start, end, "first_person" if g == "first_person" else "pronoun", None, start, end, gender=g)
    if not any(t.pos_ in ("PROPN", "NOUN") or t.ent_type_ in _SPEAKER_ENTS for t in toks):
        return None
    honor_gender = next((lexicon.honorifics[t.lower_] for t in toks if t.lower_ in lexicon.honorifics
                         and lexicon.honorifics[t.lower_]), None)
    role_nouns = [t.lower_ for t in toks if t.lower_ in lexicon.roles and t.pos_ != "PROPN"]
    role_nouns += [t.lower_ for t in toks if t.lower_ in lexicon.roles and t.pos_ == "PROPN"]
    role_gender = next((lexicon.roles[r] for r in role_nouns if lexicon.roles[r]), None)
    chains = propn_chains(doc, a, b)
    persons = _persons(doc, a, b, lexicon, surnames, chains)
    if persons:
        return _person_mention(doc, persons, start, end, lexicon, honor_gender or role_gender, role_nouns)
    return _other_mention(doc, a, b, lexicon, chains, role_nouns, role_gender)


# ---------------------------------------------------------------------------
# Finding the mention of a cue
# ---------------------------------------------------------------------------

def subtree_span(tok, exclude=("relcl", "acl", "advcl", "punct", "ccomp", "parataxis")) -> tuple[int, int]:
    """Token range of ``tok``'s subtree without relative, adverbial and complement clauses."""
    lo, hi = tok.i, tok.i + 1
    for child in tok.children:
        if child.dep_ in exclude:
            continue
        c_lo, c_hi = subtree_span(child, exclude)
        lo, hi = min(lo, c_lo), max(hi, c_hi)
    return lo, hi


_SEGS: dict = {"segments": None, "starts": [], "longest": 0}


def _overlaps_quote(doc, a: int, b: int, segments: list[Segment]) -> bool:
    """True when tokens ``doc[a:b]`` overlap a quoted segment (bisection over the article's segments)."""
    if b <= a:
        return False
    if _SEGS["segments"] is not segments or len(_SEGS["starts"]) != len(segments):
        ordered = sorted(segments, key=lambda g: g.start)
        _SEGS.update(segments=segments, ordered=ordered, starts=[g.start for g in ordered],
                     longest=max((g.end - g.start for g in ordered), default=0))
    s, e = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
    lo, hi = bisect_left(_SEGS["starts"], s - _SEGS["longest"]), bisect_left(_SEGS["starts"], e)
    return any(seg.start < e and s < seg.end for seg in _SEGS["ordered"][lo:hi])


def dependency_subject(doc, cue: Cue):
    """The cue verb's subject token (through conj/xcomp/advcl heads and "by saying"; "who said" and "a statement
    saying" -> the noun it modifies), or None."""
    tok = doc[cue.i]
    for _ in range(3):
        subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None:
            if subj.lower_ in _RELATIVE and tok.dep_ == "relcl":
                head = tok.head
                while head.dep_ == "appos" and head.head is not head:   # "McConnell, now the leader, who said"
                    head = head.head
                return head
            if subj.lower_ in _RELATIVE and subj.i > 0 and doc[subj.i - 1].pos_ in ("PROPN", "NOUN"):
                return doc[subj.i - 1]   # "the police department which reported", parsed as no relative clause
            return subj
        if tok.dep_ == "relcl" and tok.head.pos_ in ("PROPN", "NOUN"):
            return tok.head
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in ("PROPN", "NOUN"):
            if not any(t.text == "," for t in doc[tok.head.i + 1:tok.i]):
                return tok.head   # "a statement calling ...", "Reed asking ...": the noun it describes
            verb = next((a for a in tok.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if verb is None:      # "..., encouraging ...": a free adjunct, the clause's subject speaks
                return None
            tok = verb
            continue
        if tok.dep_ == "xcomp" and tok.tag_ == "VBG" and not any(c.dep_ in SUBJECT_DEPS for c in tok.children):
            obj = next((c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i), None)
            if obj is not None:   # "footage of X asking", "heard him saying": the object does the asking
                return obj
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head is not tok.head:
            tok = tok.head.head   # "began by saying ...": the subject of "began"
            continue
        if tok.dep_ in ("conj", "xcomp", "advcl", "dep", "acl", "acomp") and tok.head is not tok:
            tok = tok.head
            continue
        return None
    return None


def _nominal_left(doc, k: int, lo: int, i: int, end: int) -> int:
    """Start of the noun phrase ending at token ``k`` (scanning left, not past ``lo`` or a quote mark)."""
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
        return (j, j + 1) if doc[j].lower_ in SUBJECT_PRONOUNS and doc[j].dep_ != "poss" else None
    end = j + 1
    start = _nominal_left(doc, j, lo, i, end)
    if start >= end:
        return None
    if doc[start:end].root.dep_ in ("dobj", "pobj", "dative") and doc[start:end].root.head.i < start \
            and doc[start:end].root.head.pos_ in ("VERB", "AUX", "ADP"):
        return None   # "questioning the integrity of the system, encouraging ...": another verb's object
    return (_apposition_start(doc, start, end, lo, i, lexicon), end)


def _apposition_start(doc, start: int, end: int, lo: int, i: int, lexicon: Lexicon) -> int:
    """Where a "Name, role," or "role, Name," apposition ending at ``end`` starts (``start`` when there is none)."""
    if start - 1 < lo or doc[start - 1].text != ",":
        return start
    right = doc[start:end]
    left_start = _nominal_left(doc, start - 2, lo, i, end)
    left = doc[left_start:start - 1]
    if len(left):
        right_has_role = any(t.lower_ in lexicon.roles for t in right) or any(t.lower_ in ("'s", "’s") for t in right)
        left_has_role = any(t.lower_ in lexicon.roles for t in left)
        left_is_name = any(t.pos_ == "PROPN" for t in left) and left[-1].pos_ == "PROPN"
        right_is_name = all(t.pos_ == "PROPN" or t.text in "-." for t in right)
        if (right_has_role and left_is_name and not right_is_name) or (left_has_role and right_is_name):
            return left_start
    return start


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
        if k >= lo and k < j and _PARTY_TAG.match(doc_text(doc)[doc[k + 1].idx:doc[j].idx + len(doc[j])].strip()):
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


def _next_is_apposition(doc, k: int, hi: int, lexicon: Lexicon) -> bool:
    """True when the comma at ``k`` opens an apposition ("the spokesman, Li Wen,")."""
    m = k + 1
    while m < hi and doc[m].pos_ == "PROPN":
        m += 1
    return m > k + 1 and m < hi and doc[m].text == "," and any(t.lower_ in lexicon.roles for t in doc[max(0, k - 6):k])


def _according_to_mention(doc, cue: Cue, hi: int, lexicon: Lexicon, surnames: set[str]) -> Mention | None:
    """The source of "according to X": its object, without a trailing document noun ("a government statement")."""
    j = k = cue.obj
    while k < hi and not (doc[k].text in ",;" and not _next_is_apposition(doc, k, hi, lexicon)) \
            and not (doc[k].is_punct and doc[k].text in ".!?") and not (doc[k].text and doc[k].text[0] in _QUOTE_CHARS):
        if doc[k].pos_ in ("VERB", "AUX") and doc[k].dep_ not in ("amod", "compound"):
            break
        if doc[k].lower_ == "that" and k > j:
            break
        k += 1
    if k <= j:
        return None
    b = k
    while b > j + 1 and doc[b - 1].lower_ in lexicon.source_nouns:
        b -= 1
    poss = [t for t in doc[j:b] if t.lower_ in ("'s", "’s")]
    if poss and b < k:
        b = poss[-1].i
    return parse_mention(doc, j, b, lexicon, surnames)


def _possessor_mention(doc, cue: Cue, lexicon: Lexicon, surnames: set[str]) -> Mention | None:
    """The possessor of a speech noun ("the ministry's denial", "his claim")."""
    poss = next((c for c in doc[cue.i].children if c.dep_ == "poss"), None)
    if poss is None or poss.lower_ in ("its", "their", "my", "our", "your") or \
            (poss.lower_ in lexicon.pronoun_gender and poss.lower_ not in ("his", "her")):
        return None
    a, b = subtree_span(poss)
    while b > a and doc[b - 1].lower_ in ("'s", "’s", "'"):
        b -= 1
    if poss.lower_ in ("his", "her"):
        pron = {"his": "he", "her": "she"}[poss.lower_]
        return Mention(poss.idx, poss.idx + len(poss), "pronoun", None, poss.idx, poss.idx + len(poss),
                       gender=lexicon.pronoun_gender.get(pron))
    return parse_mention(doc, a, b, lexicon, surnames)


def _subject_span(doc, cue: Cue, lo: int, hi: int, segments: list[Segment], unnamed=frozenset()) -> tuple[int, int] | None:
    """Token range of the cue's dependency subject (merged when the parser split it), outside quotes."""
    subj = dependency_subject(doc, cue)
    if subj is not None and subj.pos_ == "PRON" and subj.lower_ not in SUBJECT_PRONOUNS and subj.lower_ not in unnamed:
        return None   # "saying her right foot ...": not a subject
    if subj is None or not lo <= subj.i < hi:
        return None
    a, b = subtree_span(subj)
    for other in (subj.head.children if subj.dep_ in SUBJECT_DEPS else ()):   # the parser may split one subject in two
        if other.dep_ in SUBJECT_DEPS and other is not subj and other.i < cue.i:
            o_a, o_b = subtree_span(other)
            a, b = min(a, o_a), max(b, o_b)
    if (b <= cue.i or a > cue.i) and _overlaps_quote(doc, a, b, segments):
        comma = next((k for k in range(subj.i + 1, b) if doc[k].text == ","), None)
        if comma is None or _overlaps_quote(doc, a, comma, segments) or _nicknames_only(doc, a, b, segments):
            return None   # a nickname inside the name (Marcia “Cia” Price): the words around the cue tell
        b = comma   # "X, one of the so-called “...”, said": the name before the apposition holding a quote
    if b <= cue.i or a > cue.i:
        return (a, b)
    return None


def _nicknames_only(doc, a: int, b: int, segments: list[Segment]) -> bool:
    """True when every quote inside tokens ``doc[a:b]`` is a nickname between two capitalised names
    (*Marcia “Cia” Price*)."""
    text, s, e = doc_text(doc), doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
    _overlaps_quote(doc, a, b, segments)   # orders the article's segments once (bisection, not a scan)
    lo, hi = bisect_left(_SEGS["starts"], s - _SEGS["longest"]), bisect_left(_SEGS["starts"], e)
    inside = [g for g in _SEGS["ordered"][lo:hi] if g.start < e and s < g.end]

    def nickname(g) -> bool:
        before, after = text[s:g.open].split()[-1:], text[g.close:e].split()[:1]
        return s < g.open and g.close < e and g.closed and g.words <= 2 and bool(before) and bool(after) \
            and before[0][:1].isupper() and after[0][:1].isupper()
    return bool(inside) and all(nickname(g) for g in inside)


def _agent_mention(doc, tok, lexicon: Lexicon, surnames: set[str]) -> Mention | None:
    """A passive cue's speaker: its agent ("was criticised by the union"); None when the text names none
    ("Mr X was accused of fraud": X is the one accused, not the speaker)."""
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if obj is None:   # an unnamed source: no mention to point at
        return Mention(tok.idx, tok.idx, "unnamed", None, tok.idx, tok.idx)
    a, b = subtree_span(obj)
    return parse_mention(doc, a, b, lexicon, surnames)


def _is_object(doc, cue: Cue, a: int, b: int) -> bool:
    """True when ``doc[a:b]`` is the object of the cue verb ("suggesting a few questions", "dismissed those reports
    as ..."), not an inverted subject: a finite verb is inverted only in a speech tag right after a quote
    (*“...,” said Hale*)."""
    root = doc[a:b].root
    if root.head.i != cue.i or root.dep_ not in ("dobj", "dative", "oprd"):
        return False
    if doc[cue.i].tag_ in ("VB", "VBG"):
        return True
    before = doc_text(doc)[max(0, cue.start - 8):cue.start].rstrip()
    return root.dep_ == "dobj" and before[-1:] not in _QUOTE_CHARS and before[-2:-1] not in _QUOTE_CHARS


def _is_content_subject(doc, cue: Cue, a: int, b: int) -> bool:
    """True when ``doc[a:b]`` is the subject of the clause the cue reports ("began by saying he would ..."): what
    is said, not who says it."""
    root = doc[a:b].root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ in ("ccomp", "xcomp") and root.head.head.i == cue.i


def speaker_mention(doc, cue: Cue, segments: list[Segment], sentence: tuple[int, int], lexicon: Lexicon,
                    surnames: set[str], prefer_right: bool = False) -> Mention | None:
    """The mention a cue attaches to (dependency subject, else the words around the cue), or None."""
    s_tok = doc.char_span(sentence[0], sentence[1], alignment_mode="expand")
    lo, hi = (s_tok.start, s_tok.end) if s_tok is not None else (0, len(doc))
    if cue.kind == "according_to":
        return _according_to_mention(doc, cue, hi, lexicon, surnames)
    if cue.kind == "noun":
        return _possessor_mention(doc, cue, lexicon, surnames)
    tok = doc[cue.i]
    if cue.kind == "verb" and any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        return _agent_mention(doc, tok, lexicon, surnames)
    subject = None if prefer_right else _subject_span(doc, cue, lo, hi, segments, lexicon.unnamed)
    spans = [subject] if subject is not None else []
    left = _scan_left(doc, cue.i, lo, lexicon)
    tok = doc[cue.i]
    if left is None and subject is None and tok.tag_ == "VBG" and tok.dep_ == "advcl" and lo <= tok.head.i < tok.i:
        left = _scan_left(doc, tok.head.i, lo, lexicon)   # "X is questioning ..., encouraging ...": X
    if left and not _overlaps_quote(doc, *left, segments):
        if spans and spans[0][1] == left[1] and left[0] < spans[0][0]:
            spans.insert(0, left)   # the parser cut the subject short ("Brig. | Gen. Lee Park")
        else:
            spans.append(left)
    right = _scan_right(doc, cue.i if cue.end <= doc[cue.i].idx + len(doc[cue.i]) else cue.i + 1, hi, lexicon)
    if right and not _overlaps_quote(doc, *right, segments) and not _is_object(doc, cue, *right) \
            and not _is_content_subject(doc, cue, *right):
        if prefer_right:
            spans.insert(0, right)
        else:
            spans.append(right)
    for a, b in spans:
        m = parse_mention(doc, a, b, lexicon, surnames)
        if m is not None:
            return m
    return None
