"""Name candidates in one spaCy Doc: spaCy's entities, alias-table forms (PhraseMatcher),
coordinated names, capitalised organisation names and bare acronyms spaCy missed.

Each finder returns :class:`Candidate` spans (token offsets); :mod:`.clean` trims them and
:mod:`.extract` puts the stages together.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .lexicon import Lexicon, lexicon_version, load_lexicon, party_key
from .settings import DEFAULTS, LABELS, OTHER_NAME_LABELS, Settings

#: Dashes that separate two names when written between spaces ("Norvia - Dana Morvik").
SPACED_DASHES = frozenset({"-", "–", "—", "--"})
QUOTES = set("\"'“”‘’«»„‟‹›`")
#: An acronym: a capital then up to seven capitals, digits or "&" ("NATO", "G7", "ABC+").
ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}\+?$")
#: Alphabetic words looked at on each side of a span to tell a line in capitals (a headline).
UPPER_CONTEXT_WINDOW = 3


@dataclass
class Candidate:
    """One name span in one article (token offsets into the spaCy Doc)."""

    doc_id: str
    start: int                 # token index
    end: int                   # token index, exclusive
    spacy_label: str
    source: str                # ner | alias_match | coordination | org_pattern | acronym_match | string_match
    label_hint: str | None = None
    forced: str | None = None  # canonical fixed by the extractor (alias match, coordination)
    role: str | None = None
    canonical: str | None = None
    method: str | None = None
    score: float | None = None
    text: str = ""
    sentence_id: int = 0
    char_start: int = 0
    char_end: int = 0
    extra: dict = field(default_factory=dict)


@dataclass
class DocContext:
    """What the corpus-level stages need of one article: its Doc, sentence numbers and defined acronyms."""

    doc: Any
    sent_index: dict[int, int]           # token index -> 0-based sentence number
    acronyms: dict[str, Candidate]       # acronym defined in the text -> the name it stands for


# --------------------------------------------------------------------------- token tests
def is_word(tok) -> bool:
    """The token has a letter."""
    return any(ch.isalpha() for ch in tok.text)


def is_quote_or_punct(tok) -> bool:
    """Punctuation or quotation marks only."""
    return tok.is_punct or tok.text in QUOTES or all(ch in QUOTES for ch in tok.text)


def upper_context(doc, start: int, end: int) -> bool:
    """True when the words around a span are in capitals (a shouting headline)."""
    w = UPPER_CONTEXT_WINDOW
    words = [t for t in doc[max(0, start - w):start] if t.is_alpha] + [t for t in doc[end:end + w] if t.is_alpha]
    return bool(words) and all(t.is_upper and len(t) > 1 for t in words)


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's English stop words (imported on first use: a cached rerun never loads spaCy)."""
    from spacy.lang.en.stop_words import STOP_WORDS
    return frozenset(STOP_WORDS)


def shouted_stopword(doc, start: int, end: int) -> bool:
    """A capitalised short word that is an English stop word in an all-caps line ("US" = us in "LET US SPEAK")."""
    text = doc[start:end].text
    return (end - start == 1 and text.isupper() and text.lower() in stop_words()
            and upper_context(doc, start, end))


# --------------------------------------------------------------------------- spaCy's entities
def ner_candidates(doc, doc_id: str) -> list[Candidate]:
    """spaCy's entities of a reported (or possibly mislabelled) label, cut before a bracket and at a dash
    between spaces ("Norvia - Dana Morvik" is two names; each part keeps a weak vote, ``extra["cut"]``)."""
    ner = [part for e in doc.ents if e.label_ in LABELS or e.label_ in OTHER_NAME_LABELS
           for part in _split_at_dashes(doc, Candidate(doc_id, e.start, e.end, e.label_, "ner"))]
    ner = [c for c in ner if not shouted_stopword(doc, c.start, c.end)]
    for c in ner:  # "Maritime Authority (MA" -> "Maritime Authority"; the acronym stands alone
        for i in range(c.start + 1, c.end):
            if doc[i].text in ("(", "["):
                c.end = i
                break
    return ner


def _split_at_dashes(doc, c: Candidate) -> list[Candidate]:
    """``c`` cut at every dash written between spaces; ``[c]`` when there is none."""
    dashes = [i for i in range(c.start + 1, c.end - 1)
              if doc[i].text in SPACED_DASHES and doc[i - 1].whitespace_ and doc[i].whitespace_]
    if not dashes:
        return [c]
    bounds = [c.start - 1, *dashes, c.end]
    return [Candidate(c.doc_id, a + 1, b, c.spacy_label, c.source, extra={"cut": True})
            for a, b in zip(bounds, bounds[1:]) if b > a + 1]


# --------------------------------------------------------------------------- alias-table forms
@lru_cache(maxsize=8)
def _matchers(nlp, version: str):
    """PhraseMatchers of every alias-table form: exact case, and lower case for lines in capitals."""
    lexicon = load_lexicon()
    from spacy.matcher import PhraseMatcher
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    caps = PhraseMatcher(nlp.vocab, attr="LOWER")
    forms = sorted(lexicon.forms)
    for i, form in enumerate(forms):
        pattern = nlp.make_doc(form)
        exact.add(f"A{i}", [pattern])
        if any(ch.islower() for ch in form):
            caps.add(f"A{i}", [pattern])
    return exact, caps, forms


def alias_matches(doc, nlp, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """``(start, end, canonical)`` of alias-table forms in the text, the longest of overlapping matches.

    Case-sensitive; in a line in capitals also case-insensitive, except a short stop word ("US" in
    "LET US SPEAK"). A one-word form opening a sentence must be a proper noun or in capitals.
    """
    exact, caps, forms = _matchers(nlp, lexicon_version())
    found: dict[tuple[int, int], str] = {}
    for match_id, start, end in exact(doc):
        form = forms[int(nlp.vocab.strings[match_id][1:])]
        span = doc[start:end]
        if shouted_stopword(doc, start, end):
            continue
        if end - start == 1 and span[0].is_sent_start and span[0].pos_ not in ("PROPN",) and not span.text.isupper():
            continue
        found[(start, end)] = lexicon.forms[form]
    for match_id, start, end in caps(doc):
        span = doc[start:end]
        words = [t for t in span if t.is_alpha]
        if words and all(t.is_upper for t in words) and (start, end) not in found:
            if not shouted_stopword(doc, start, end) and not (len(words) == 1 and span.text.lower() in stop_words()):
                form = forms[int(nlp.vocab.strings[match_id][1:])]
                found[(start, end)] = lexicon.forms[form]
    kept: list[tuple[int, int, str]] = []
    for (start, end), canonical in sorted(found.items(), key=lambda kv: (-(kv[0][1] - kv[0][0]), kv[0][0])):
        if all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, canonical))
    return sorted(kept)


def merge_alias_matches(cands: list[Candidate], matches, doc_id: str, lexicon: Lexicon) -> list[Candidate]:
    """Alias matches added to spaCy's candidates: a match covering spaCy spans replaces them;
    a longer spaCy name containing a match is kept (it may be split later)."""
    spans = _SpanIndex(cands)
    for start, end, canonical in matches:
        overlapping = spans.overlapping(start, end)
        alias_cand = Candidate(doc_id, start, end, "", "alias_match",
                               label_hint=lexicon.entries[canonical].label, forced=canonical)
        if not overlapping:
            spans.add(alias_cand)
            continue
        if all(start <= c.start and c.end <= end for c in overlapping):
            alias_cand.spacy_label = overlapping[0].spacy_label
            alias_cand.source = overlapping[0].source if len(overlapping) == 1 else "ner"
            for c in overlapping:
                spans.remove(c)
            spans.add(alias_cand)
    return sorted(spans.in_order(), key=lambda c: (c.start, c.end))


class _SpanIndex:
    """Candidates by start token, in the order they were added: finds the ones overlapping a span
    by looking only near it (an article's alias matches cost time in proportion to the matches)."""

    def __init__(self, cands: list[Candidate]):
        self.order: dict[int, Candidate] = {}          # insertion number -> candidate (removed ones deleted)
        self.by_start: dict[int, list[int]] = defaultdict(list)
        self.longest = 0
        self.added = 0
        for c in cands:
            self.add(c)

    def add(self, c: Candidate) -> None:
        """Keep ``c`` (after every candidate kept so far)."""
        number = self.added
        self.added += 1
        self.order[number] = c
        self.by_start[c.start].append(number)
        self.longest = max(self.longest, c.end - c.start)

    def remove(self, c: Candidate) -> None:
        """Drop ``c`` (the very object)."""
        for number in self.by_start[c.start]:
            if self.order.get(number) is c:
                del self.order[number]
                self.by_start[c.start].remove(number)
                return

    def overlapping(self, start: int, end: int) -> list[Candidate]:
        """Kept candidates overlapping tokens ``start:end``, in the order they were kept."""
        found = [(n, self.order[n]) for s in range(start - self.longest, end) for n in self.by_start.get(s, ())
                 if n in self.order and not (self.order[n].end <= start or self.order[n].start >= end)]
        return [c for _, c in sorted(found, key=lambda item: item[0])]

    def in_order(self) -> list[Candidate]:
        """Every kept candidate, in the order kept."""
        return [self.order[n] for n in sorted(self.order)]


# --------------------------------------------------------------------------- patterns spaCy misses
def coordinations(doc, doc_id: str, lexicon: Lexicon) -> list[Candidate]:
    """"the Justice and Energy ministries" -> Justice Ministry, Energy Ministry."""
    out = []
    for i in range(len(doc) - 3):
        a, conj, b, head = doc[i], doc[i + 1], doc[i + 2], doc[i + 3]
        if (conj.lower_ == "and" and head.lower_ in lexicon.coordinated_heads
                and a.is_alpha and b.is_alpha and a.text[:1].isupper() and b.text[:1].isupper()
                and not a.is_sent_start):
            singular = lexicon.coordinated_heads[head.lower_]
            for tok in (a, b):
                name = f"{tok.text} {singular}"
                canonical = lexicon.lookup(name) or name
                label = lexicon.entries[canonical].label if canonical in lexicon.entries else "ORG"
                out.append(Candidate(doc_id, tok.i, tok.i + 1, "ORG", "coordination", label_hint=label,
                                     forced=canonical, extra={"coordination": name}))
    return out


def org_head_phrases(doc, covered: set[int], lexicon: Lexicon, settings: Settings = DEFAULTS) -> list[tuple[int, int]]:
    """Capitalised names ending with an organisation word that spaCy missed ("Safiran Airport Services").

    Two to ``settings.org_phrase_max_tokens`` capitalised tokens (proper nouns, at least one before
    the head), the last one an organisation head from the lexicon, none already inside an entity,
    not in an all-capitals line. Returns ``(start, end)`` token spans.
    """
    out = []
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if i in covered or not (tok.is_alpha and tok.text[:1].isupper()) or tok.lower_ in stop_words():
            i += 1
            continue
        j = i
        while j < n and j not in covered and j - i < settings.org_phrase_max_tokens and doc[j].is_alpha \
                and doc[j].text[:1].isupper() and not (j > i and doc[j].is_sent_start):
            j += 1
        end = None  # the run [i, j): end it at its last organisation head
        for k in range(j, i + 1, -1):
            if doc[k - 1].lower_ in lexicon.organisation_heads:
                end = k
                break
        if end is not None and any(t.pos_ == "PROPN" for t in doc[i:end - 1]) \
                and not upper_context(doc, i, end) and not all(t.is_upper for t in doc[i:end]):
            out.append((i, end))
            i = end
        else:
            i = max(j, i + 1)
    return out


def followed_by_age(doc, end: int) -> bool:
    """The name ending at token ``end`` is followed by an age in commas: "Ann Lee Moss, 43, ..."."""
    return (end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].text.isdigit()
            and 1 <= int(doc[end + 1].text) <= 120 and doc[end + 2].text == ",")


def party_tags(doc, doc_id: str, lexicon: Lexicon) -> list[Candidate]:
    """The state of a US politician's party-and-state tag: "(D-Wyo.)", ", R-N.H.," -> Wyoming, New Hampshire.

    A party letter of the lexicon, a hyphen or dash, then one or two tokens that make a state
    abbreviation of ``party_state_abbreviations`` and a closing bracket or comma.
    """
    out = []
    for i in range(1, len(doc) - 2):
        if doc[i].text not in lexicon.party_letters or doc[i + 1].text not in ("-", "–", "—") \
                or doc[i - 1].text not in ("(", ","):
            continue
        for n in (1, 2):
            end = i + 2 + n
            if end < len(doc) and doc[end].text in (")", ",") or end == len(doc):
                state = lexicon.party_states.get(party_key(doc[i + 2:end].text))
                if state:
                    out.append(Candidate(doc_id, i + 2, end, "", "party_tag", label_hint="GPE", forced=state))
                    break
    return out


def law_phrases(doc, covered: set[int], lexicon: Lexicon, settings: Settings = DEFAULTS) -> list[tuple[int, int]]:
    """Capitalised names ending with a law word that spaCy missed ("Clean Water Act").

    The head ("Act", "Amendment": ``law_heads`` of the lexicon, capitalised) and up to
    ``settings.org_phrase_max_tokens`` capitalised words or connectors ("of", "and") before it, starting
    with a capitalised word; none already inside an entity. Returns ``(start, end)`` token spans.
    """
    out = []
    for tok in doc:
        if tok.i in covered or tok.lower_ not in lexicon.law_heads or not tok.text[:1].isupper():
            continue
        start = tok.i
        while start > 0 and tok.i - start < settings.org_phrase_max_tokens and (start - 1) not in covered \
                and not doc[start].is_sent_start and (doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha
                                                      or doc[start - 1].lower_ in ("of", "and", "on", "for")):
            start -= 1
        while start < tok.i and (not doc[start].text[:1].isupper() or doc[start].lower_ in lexicon.determiners):
            start += 1
        if start < tok.i and not upper_context(doc, start, tok.i + 1):
            out.append((start, tok.i + 1))
    return out


def acronym_tokens(doc, doc_id: str, covered: set[int]) -> list[Candidate]:
    """Acronym-shaped tokens outside every other candidate; kept only if resolution finds their name."""
    return [Candidate(doc_id, tok.i, tok.i + 1, "", "acronym_match", extra={"need_acronym": True})
            for tok in doc
            if (tok.i not in covered and ACRONYM.match(tok.text) and not tok.text.isdigit()
                and not shouted_stopword(doc, tok.i, tok.i + 1) and not upper_context(doc, tok.i, tok.i + 1))]


def text_acronyms(doc, cands: list[Candidate], settings: Settings = DEFAULTS) -> dict[str, Candidate]:
    """Acronyms the text defines after a name: "Baltic Maritime Authority, or BMA" / "(BMA)" / ", known as BMA"."""
    defined = {}
    for c in cands:
        if c.end - c.start < 2:
            continue
        texts = [t.text for t in doc[c.end:c.end + settings.acronym_window]]
        acronym = None
        if len(texts) >= 3 and texts[0] == "(" and ACRONYM.match(texts[1]) and texts[2] == ")":
            acronym = texts[1]
        elif len(texts) >= 3 and texts[0] == "," and texts[1].lower() == "or" and ACRONYM.match(texts[2]):
            acronym = texts[2]
        elif (len(texts) >= 4 and texts[0] == "," and " ".join(texts[1:3]).lower() == "known as"
              and ACRONYM.match(texts[3])):
            acronym = texts[3]
        if acronym:
            defined[acronym] = c
    return defined
