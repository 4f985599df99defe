"""Named entities with one canonical name each: honest mention and article counts.

spaCy's named-entity recogniser finds names but counts one thing under many
names ("NATO", "N.A.T.O.", "the North Atlantic Treaty Organization"; "Kowalczyk", "Marta Kowalczyk"), labels a place
a person now and then, and takes quote fragments or common nouns for names. This
module turns its output into a table a frequency count can trust:

1. **Candidates**: spaCy entities, plus every form of the alias table found in
   the text (case-sensitive; in all-capitals headlines case-insensitive, except
   short acronyms that are also English words, such as "US" in "LET US SPEAK").
2. **Cleaning**: determiners, quotes and possessives are cut ("the Elysee Palace's"
   -> Elysee Palace); a title or role in front of a person ("spokeswoman", "Rear
   Admiral") is cut and kept in ``role``; a span with a lower-case content word
   is cut before it ("the German navy" -> German); plural acronyms ("ICBMs") and
   a place followed by a generic word ("Berlin Intelligence" sources) are
   fixed; two known names run together ("Elysee Palace Defence Council")
   are split; "the Justice and Energy ministries" gives two ministries.
3. **Resolution** to a canonical name, first rule that applies (``method``):
   ``alias_table`` (``data/aliases.yaml`` plus country names from rigour),
   ``acronym`` (defined in the text, "Baltic Maritime Authority, or
   BMA", or matching the initials of a longer name in the same article or
   corpus), ``same_article_fullname`` / ``corpus_fullname`` (a surname or short
   form of a full name), ``fuzzy(score)`` (a near-miss spelling or a spun variant
   of a known multi-word name, rapidfuzz ratio >= :data:`FUZZY_THRESHOLD`, spinner
   synonyms from ``data/entities_lexicon.yaml``), else ``surface`` (the cleaned
   text itself, grouped case- and dot-insensitively).
4. **One label per entity**: the alias table's type when known, else a vote of
   the mentions' spaCy labels, so a mislabelled mention inherits the right label.
5. **Recall**: a form already found in an article (and the surname of a person
   named in full there) is also matched where spaCy missed it.

Metonyms (capitals and seats of government: Paris, Beijing, the Elysee) stay
separate entities; ``fold_metonyms=True`` counts them as their country.

Public functions return DataFrames with documented columns: :func:`mentions`,
:func:`frequency`, :func:`aliases_report`, :func:`cooccurrence`; helpers for
other modules: :func:`entity_at` (the mention at a raw-offset span) and
:func:`resolve_name` (canonical entity for a free-text name).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

import pandas as pd
import yaml
from rapidfuzz import fuzz

from . import cache, config
from . import nlp as nlp_mod
from .corpus import Corpus, corpus_fingerprint

#: Entity labels reported (spaCy / OntoNotes names).
LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "LAW", "PRODUCT", "EVENT")
#: spaCy labels that can hold a mislabelled name: kept only when the vote gives a reported label.
OTHER_NAME_LABELS = ("FAC", "WORK_OF_ART", "LANGUAGE")
#: spaCy labels of spans that are never names (a propagated surname inside one is skipped).
_NOT_NAMES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
#: Order used to break ties in the label vote.
LABEL_PRIORITY = ("PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "LAW", "PRODUCT") + OTHER_NAME_LABELS
#: Labels whose names must be capitalised (a lower-case content word ends the name).
NAME_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP")
#: Minimum rapidfuzz ratio (0-100) for a near-miss or spun name to join a known name.
FUZZY_THRESHOLD = 88
#: Single-word surnames need a closer match ("Kowalczik" -> Kowalczyk).
FUZZY_SURNAME_THRESHOLD = 90
ALIASES_FILE = "aliases.yaml"
LEXICON_FILE = "entities_lexicon.yaml"

COLUMNS = ["doc_id", "start", "end", "text", "label", "canonical", "entity_id", "sentence_id",
           "role", "method", "score", "detail", "source", "spacy_label"]
_QUOTES = set("\"'“”‘’«»„‟‹›`")
_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}\+?$")
#: A model designation ("Fateh-110", "S-300", "Su-35"): letters, a hyphen, digits, at the end of a name.
_MODEL_DESIGNATION = re.compile(r"\b[A-Za-z]{1,12}-\d{1,4}[A-Za-z]{0,2}$")
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Z]\.){1,5}[A-Z]?\.?$")


# --------------------------------------------------------------------------- lexicon
@dataclass(frozen=True)
class Entry:
    canonical: str
    label: str
    metonym_of: str | None = None


@dataclass
class Lexicon:
    """The alias table and word lists, loaded from ``data/``."""

    entries: dict[str, Entry]
    index: dict[str, str]              # alias_key(form) -> canonical
    forms: dict[str, str]              # surface form -> canonical (for text matching)
    titles: list[tuple[str, ...]]      # lower-case word tuples, longest first
    title_set: frozenset
    title_modifiers: frozenset[str]
    name_suffixes: frozenset[str]
    organisation_heads: frozenset[str]
    speech_verbs: frozenset[str]
    connectors: frozenset[str]
    determiners: frozenset[str]
    place_descriptors: frozenset[str]
    coordinated_heads: dict[str, str]
    spinner_synonyms: dict[str, str]

    def lookup(self, text: str) -> str | None:
        return self.index.get(alias_key(text))


#: Spelling variants compared as one word (filled from ``spelling_variants`` in the lexicon).
_SPELLING: dict[str, str] = {}


def alias_key(text: str) -> str:
    """Comparison key of a name: NFKC, straight apostrophes, no dots, hyphens as spaces, casefolded,
    British/American spelling variants unified."""
    t = unicodedata.normalize("NFKC", text).translate(_APOS)
    t = re.sub(r"^(?:the)\s+", "", t.strip(), flags=re.I)
    t = t.replace(".", "").replace("-", " ")
    words = re.sub(r"\s+", " ", t).strip().casefold().split()
    if len(words) >= 3 and len(words[0]) > 1 and len(words[-1]) > 1:  # "Brian E. Nelson" = "Brian Nelson"
        words = [words[0]] + [w for w in words[1:-1] if len(w) > 1 or not w.isalpha()] + [words[-1]]
    return " ".join(_SPELLING.get(w, w) for w in words)


#: Setting that points at another alias table (YAML) instead of ``data/aliases.yaml``.
ALIASES_ENV = "ANALYSIS_ENTITY_ALIASES"


def aliases_path():
    """The alias table in use: the ``ANALYSIS_ENTITY_ALIASES`` setting, else ``data/aliases.yaml``."""
    import os
    from pathlib import Path
    override = os.environ.get(ALIASES_ENV, "").strip()
    return Path(override) if override else config.data_file(ALIASES_FILE)


def _file_sha(name: str) -> str:
    path = aliases_path() if name == ALIASES_FILE else config.data_file(name)
    return hashlib.sha1(path.read_bytes()).hexdigest() if path.exists() else "none"


def load_lexicon() -> Lexicon:
    """The alias table (``data/aliases.yaml`` over rigour's country names) and word lists."""
    return _load_lexicon(_file_sha(ALIASES_FILE), _file_sha(LEXICON_FILE))


@lru_cache(maxsize=4)
def _load_lexicon(aliases_sha: str, lexicon_sha: str) -> Lexicon:
    entries: dict[str, Entry] = {}
    index: dict[str, str] = {}
    forms: dict[str, str] = {}

    def add(canonical: str, label: str, aliases, metonym_of=None, override=True):
        if override or canonical not in entries:
            entries[canonical] = Entry(canonical, label, metonym_of)
        for form in [canonical, *aliases]:
            form = str(form).strip()
            if not form:
                continue
            key = alias_key(form)
            if override or key not in index:
                index[key] = canonical
                forms[form] = canonical

    lex_path = config.data_file(LEXICON_FILE)
    lex = yaml.safe_load(lex_path.read_text(encoding="utf-8")) if lex_path.exists() else {}
    lex = lex or {}
    skip = {str(code).lower() for code in lex.get("territories_not_places", [])}
    _SPELLING.clear()
    _SPELLING.update({str(k).lower(): str(v).lower() for k, v in (lex.get("spelling_variants") or {}).items()})
    try:  # country and territory names, from OpenSanctions' territory table (rigour)
        from rigour.territories import get_territories
        for territory in get_territories():
            if territory.code in skip:
                continue
            name = re.sub(r"\s*\(.*?\)", "", territory.name).strip()  # "Region (Occupied Country)" -> "Region"
            full = re.sub(r"\s*\(.*?\)", "", territory.full_name or "").strip()
            if name:
                add(name, "GPE", [full] if full else [], override=False)
    except Exception:  # rigour missing or changed: the YAML table still works
        pass
    path = aliases_path()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    for item in (data or {}).get("entities", []) or []:
        add(str(item["canonical"]), str(item.get("type", "ORG")).upper(), item.get("aliases") or [],
            item.get("metonym_of"))
    titles = sorted({tuple(str(t).lower().split()) for t in lex.get("titles", [])}, key=lambda t: (-len(t), t))
    return Lexicon(
        entries=entries, index=index, forms=forms, titles=titles,
        title_set=frozenset(tuple(w for w in re.split(r"[\s\-–]+", " ".join(t).replace(".", "")) if w)
                            for t in titles),
        title_modifiers=frozenset(str(w).lower() for w in lex.get("title_modifiers", [])),
        name_suffixes=frozenset(str(w).lower() for w in lex.get("name_suffixes", [])),
        organisation_heads=frozenset(str(w).lower() for w in lex.get("organisation_heads", [])),
        speech_verbs=frozenset(str(w).lower() for w in lex.get("speech_verbs", [])),
        connectors=frozenset(str(w).lower() for w in lex.get("connectors", [])),
        determiners=frozenset(str(w).lower() for w in lex.get("determiners", [])),
        place_descriptors=frozenset(str(w).lower() for w in lex.get("place_descriptors", [])),
        coordinated_heads={str(k).lower(): str(v) for k, v in (lex.get("coordinated_heads") or {}).items()},
        spinner_synonyms={str(k).lower(): str(v).lower() for k, v in (lex.get("spinner_synonyms") or {}).items()},
    )


# --------------------------------------------------------------------------- candidates
@dataclass
class Candidate:
    """One name span in one article (token offsets into the spaCy Doc)."""

    doc_id: str
    start: int                 # token index
    end: int                   # token index, exclusive
    spacy_label: str
    source: str                # ner | alias_match | coordination | string_match
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


def _is_word(tok) -> bool:
    return any(ch.isalpha() for ch in tok.text)


def _is_quote_or_punct(tok) -> bool:
    return tok.is_punct or tok.text in _QUOTES or all(ch in _QUOTES for ch in tok.text)


def _upper_context(doc, start: int, end: int) -> bool:
    """True when the words around a span are in capitals (a shouting headline)."""
    words = [t for t in doc[max(0, start - 3):start] if t.is_alpha] + [t for t in doc[end:end + 3] if t.is_alpha]
    return bool(words) and all(t.is_upper and len(t) > 1 for t in words)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words (imported on first use: a cached rerun never loads spaCy)."""
    from spacy.lang.en.stop_words import STOP_WORDS
    return frozenset(STOP_WORDS)


def _shouted_stopword(doc, start: int, end: int) -> bool:
    """A capitalised short word that is an English stop word in an all-caps line ("US" = us in "LET US SPEAK")."""
    text = doc[start:end].text
    return (end - start == 1 and text.isupper() and text.lower() in _stop_words()
            and _upper_context(doc, start, end))


@lru_cache(maxsize=8)
def _matchers(vocab_id: int, aliases_sha: str, lexicon_sha: str, nlp_key):
    nlp = nlp_key
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


def _alias_matches(doc, nlp, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    exact, caps, forms = _matchers(id(nlp.vocab), _file_sha(ALIASES_FILE), _file_sha(LEXICON_FILE), nlp)
    found: dict[tuple[int, int], str] = {}
    for match_id, start, end in exact(doc):
        form = forms[int(nlp.vocab.strings[match_id][1:])]
        span = doc[start:end]
        if _shouted_stopword(doc, start, end):
            continue
        if end - start == 1 and span[0].is_sent_start and span[0].pos_ not in ("PROPN",) and not span.text.isupper():
            continue
        found[(start, end)] = lexicon.forms[form]
    for match_id, start, end in caps(doc):
        span = doc[start:end]
        words = [t for t in span if t.is_alpha]
        if words and all(t.is_upper for t in words) and (start, end) not in found:
            if not _shouted_stopword(doc, start, end) and not (len(words) == 1 and span.text.lower() in _stop_words()):
                form = forms[int(nlp.vocab.strings[match_id][1:])]
                found[(start, end)] = lexicon.forms[form]
    # keep the longest of overlapping matches
    kept: list[tuple[int, int, str]] = []
    for (start, end), canonical in sorted(found.items(), key=lambda kv: (-(kv[0][1] - kv[0][0]), kv[0][0])):
        if all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, canonical))
    return sorted(kept)


def _merge_alias_matches(cands: list[Candidate], matches, doc_id: str, lexicon: Lexicon) -> list[Candidate]:
    out = list(cands)
    for start, end, canonical in matches:
        overlapping = [c for c in out if not (c.end <= start or c.start >= end)]
        alias_cand = Candidate(doc_id, start, end, "", "alias_match",
                               label_hint=lexicon.entries[canonical].label, forced=canonical)
        if not overlapping:
            out.append(alias_cand)
            continue
        if all(start <= c.start and c.end <= end for c in overlapping):
            alias_cand.spacy_label = overlapping[0].spacy_label
            alias_cand.source = overlapping[0].source if len(overlapping) == 1 else "ner"
            for c in overlapping:
                out.remove(c)
            out.append(alias_cand)
        # a longer spaCy name containing an alias is kept (may be split later)
    return sorted(out, key=lambda c: (c.start, c.end))


def _title_words(tokens) -> tuple[str, ...]:
    """Lower-case words of a token run without dots ("Brig. Gen." -> ("brig", "gen"))."""
    words = []
    for t in tokens:
        words.extend(w for w in re.split(r"[-–]", t.lower_.replace(".", "")) if w)
    return tuple(words)


def _is_title(words: tuple[str, ...], lexicon: Lexicon) -> bool:
    """A title phrase, also when an article spinner swapped its words ("Protection Secretary")."""
    if not words:
        return False
    spun = tuple(lexicon.spinner_synonyms.get(w, w) for w in words)
    return words in lexicon.title_set or spun in lexicon.title_set


def _title_before(doc, start: int, lexicon: Lexicon) -> tuple[int, str] | None:
    """(token index where a title/role phrase ending just before ``start`` begins, role text)."""
    for n in range(min(8, start), 0, -1):
        if doc[start - n].is_punct and doc[start - n].text != ".":
            continue
        if _is_title(_title_words(doc[start - n:start]), lexicon) and doc[start - n].text != ".":
            begin = start - n
            while begin > 0 and doc[begin - 1].lower_ in lexicon.title_modifiers and not doc[begin].is_sent_start:
                begin -= 1
            return begin, doc[begin:start].text
    return None


def _title_inside(doc, start: int, end: int, lexicon: Lexicon) -> tuple[int, str] | None:
    """(first token after a leading title phrase inside the span, role text)."""
    for n in range(min(8, end - start - 1), 0, -1):
        if doc[start + n - 1].is_punct and doc[start + n - 1].text != ".":
            continue
        if _is_title(_title_words(doc[start:start + n]), lexicon):
            return start + n, doc[start:start + n].text
    return None


def _clean(c: Candidate, doc, lexicon: Lexicon) -> Candidate | None:
    """Trim determiners, quotes, possessives and titles; None when nothing name-like is left."""
    start, end = c.start, c.end
    while start < end and (doc[start].lower_ in lexicon.determiners or _is_quote_or_punct(doc[start])):
        start += 1
    while end > start and (_is_quote_or_punct(doc[end - 1]) or doc[end - 1].tag_ == "POS"
                           or doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    if start >= end:
        return None
    # a bracket inside the span: keep the part before it ("Maritime Authority (MA")
    for i in range(start, end):
        if doc[i].text in ("(", "[") and i > start:
            end = i
            break
    while end > start and _is_quote_or_punct(doc[end - 1]):
        end -= 1
    if start >= end:
        return None
    # a quote inside the span: keep the part after the last one ("the “Cold Peace" era)
    for i in range(end - 1, start - 1, -1):
        if doc[i].text in _QUOTES:
            start = i + 1
            break
    if start >= end or not any(_is_word(t) for t in doc[start:end]):
        return None
    if c.forced is None:
        inside = _title_inside(doc, start, end, lexicon)
        if inside and c.spacy_label in NAME_LABELS + OTHER_NAME_LABELS and doc[inside[0]].text[:1].isupper():
            start, c.role = inside
            c.extra["titled"] = True
        while end - start > 1 and doc[end - 1].lower_ in lexicon.name_suffixes:
            end -= 1
            while end > start and _is_quote_or_punct(doc[end - 1]):
                end -= 1
        words = [t for t in doc[start:end]]
        label = c.spacy_label
        if label in NAME_LABELS:
            cut = None
            for i, t in enumerate(words):
                if t.text[:1].isalpha() and t.text[:1].islower() and t.lower_ not in lexicon.connectors \
                        and t.lower_.split("-")[0] not in lexicon.connectors:
                    cut = i
                    break
            if cut is not None:
                c.extra["cut"] = True
                end = start + cut
                while end > start and (doc[end - 1].lower_ in lexicon.connectors or _is_quote_or_punct(doc[end - 1])):
                    end -= 1
                if start >= end:
                    return None
        text = doc[start:end].text
        if re.fullmatch(r"[A-Z]{2,}s", text):  # plural acronym: a common noun ("ICBMs")
            return None
        if sum(ch.isalpha() for ch in text) < 2 or text.lower() in lexicon.name_suffixes:  # "I.", "QC"
            return None
        if _is_title(_title_words(doc[start:end]), lexicon):  # a bare title ("Foreign Secretary")
            return None
        # a known place followed by generic words: "Berlin Intelligence" (sources)
        for i in range(end - 1, start, -1):
            tail = [t.lower_ for t in doc[i:end]]
            head = doc[start:i].text
            if all(w in lexicon.place_descriptors for w in tail):
                canonical = lexicon.lookup(head)
                if canonical and lexicon.entries[canonical].label in ("GPE", "LOC"):
                    end = i
                    c.forced = canonical
                    break
    if c.role is None and (c.spacy_label == "PERSON" or c.label_hint == "PERSON"):
        before = _title_before(doc, start, lexicon)
        if before:
            c.role = before[1]
            c.extra["role_start"] = before[0]
    c.start, c.end = start, end
    return c


def _split_compound(c: Candidate, doc, lexicon: Lexicon) -> list[Candidate]:
    """Split "Elysee Palace Defence Council" into two known names."""
    if c.forced is not None or lexicon.lookup(doc[c.start:c.end].text):
        return [c]
    for i in range(c.start + 1, c.end):
        left, right = doc[c.start:i].text, doc[i:c.end].text
        lk, rk = lexicon.lookup(left), lexicon.lookup(right)
        if lk and rk:
            a = Candidate(c.doc_id, c.start, i, c.spacy_label, c.source, label_hint=lexicon.entries[lk].label, forced=lk)
            b = Candidate(c.doc_id, i, c.end, c.spacy_label, c.source, label_hint=lexicon.entries[rk].label, forced=rk)
            return [a, b]
    return [c]


def _coordinations(doc, doc_id: str, lexicon: Lexicon) -> list[Candidate]:
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


def _org_head_phrases(doc, covered: set[int], lexicon: Lexicon) -> list[tuple[int, int]]:
    """Capitalised names ending with an organisation word that spaCy missed ("Safiran Airport Services").

    Two to six capitalised tokens (proper nouns, at least one before the head), the
    last one an organisation head from the lexicon, none already inside an entity,
    not in an all-capitals line.
    """
    out = []
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if i in covered or not (tok.is_alpha and tok.text[:1].isupper()) or tok.lower_ in _stop_words():
            i += 1
            continue
        j = i
        while j < n and j not in covered and j - i < 6 and doc[j].is_alpha and doc[j].text[:1].isupper() \
                and not (j > i and doc[j].is_sent_start):
            j += 1
        # the run [i, j): end it at its last organisation head
        end = None
        for k in range(j, i + 1, -1):
            if doc[k - 1].lower_ in lexicon.organisation_heads:
                end = k
                break
        if end is not None and any(t.pos_ == "PROPN" for t in doc[i:end - 1]) \
                and not _upper_context(doc, i, end) and not all(t.is_upper for t in doc[i:end]):
            out.append((i, end))
            i = end
        else:
            i = max(j, i + 1)
    return out


def _text_acronyms(doc, cands: list[Candidate]) -> dict[str, Candidate]:
    """Acronyms the text defines: "Baltic Maritime Authority, or BMA" / "(BMA)"."""
    defined = {}
    for c in cands:
        if c.end - c.start < 2:
            continue
        rest = doc[c.end:c.end + 5]
        texts = [t.text for t in rest]
        acronym = None
        if len(texts) >= 3 and texts[0] == "(" and _ACRONYM.match(texts[1]) and texts[2] == ")":
            acronym = texts[1]
        elif len(texts) >= 3 and texts[0] == "," and texts[1].lower() == "or" and _ACRONYM.match(texts[2]):
            acronym = texts[2]
        elif (len(texts) >= 4 and texts[0] == "," and " ".join(texts[1:3]).lower() == "known as"
              and _ACRONYM.match(texts[3])):
            acronym = texts[3]
        if acronym:
            defined[acronym] = c
    return defined


def _initials(words: list[str], connectors: frozenset[str]) -> set[str]:
    parts = [w for w in words if w]
    all_initials = "".join(w[0] for w in parts if w[0].isalpha()).upper()
    content = "".join(w[0] for w in parts if w.lower() not in connectors and w[0].isalpha()).upper()
    return {all_initials, content}


@lru_cache(maxsize=65536)
def _words_cached(text: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[\s\-]+", unicodedata.normalize("NFKC", text).translate(_APOS)) if w)


def _words(text: str) -> list[str]:
    return list(_words_cached(text))


def _words_uncached(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\-]+", unicodedata.normalize("NFKC", text).translate(_APOS)) if w]


def _spin_normal(text: str, lexicon: Lexicon) -> str:
    return " ".join(lexicon.spinner_synonyms.get(w, w) for w in alias_key(text).split())


def _collect(corpus: Corpus, lexicon: Lexicon) -> tuple[list[Candidate], dict]:
    """Candidates of every article (cleaned, not yet resolved) and per-article context."""
    nlp = nlp_mod.load_pipeline()
    cands: list[Candidate] = []
    context: dict[str, dict] = {}
    for article, doc in nlp_mod.iter_docs(corpus, nlp):
        doc_id = article.doc_id
        ner = [Candidate(doc_id, e.start, e.end, e.label_, "ner")
               for e in doc.ents if e.label_ in LABELS or e.label_ in OTHER_NAME_LABELS]
        ner = [c for c in ner if not _shouted_stopword(doc, c.start, c.end)]
        for c in ner:  # "Maritime Authority (MA" -> "Maritime Authority"; the acronym stands alone
            for i in range(c.start + 1, c.end):
                if doc[i].text in ("(", "["):
                    c.end = i
                    break
        merged = _merge_alias_matches(ner, _alias_matches(doc, nlp, lexicon), doc_id, lexicon)
        coords = _coordinations(doc, doc_id, lexicon)
        if coords:
            taken = {(c.start, c.end) for c in coords}
            merged = [c for c in merged if not any(c.start <= s and e <= c.end for s, e in taken)
                      or (c.end - c.start) > 1] + coords
        covered = {i for c in merged for i in range(c.start, c.end)}
        for start, end in _org_head_phrases(doc, covered, lexicon):
            merged.append(Candidate(doc_id, start, end, "ORG", "org_pattern"))
            covered.update(range(start, end))
        for tok in doc:
            if (tok.i not in covered and _ACRONYM.match(tok.text) and not tok.text.isdigit()
                    and not _shouted_stopword(doc, tok.i, tok.i + 1) and not _upper_context(doc, tok.i, tok.i + 1)):
                merged.append(Candidate(doc_id, tok.i, tok.i + 1, "", "acronym_match", extra={"need_acronym": True}))
        merged.sort(key=lambda c: (c.start, c.end))
        doc_cands: list[Candidate] = []
        for c in merged:
            cleaned = _clean(c, doc, lexicon)
            if cleaned is None:
                continue
            doc_cands.extend(_split_compound(cleaned, doc, lexicon))
        # a name inside a person's title ("Minister of Justice Ana Lopes") is part of the role
        role_ranges = [(c.extra["role_start"], c.start) for c in doc_cands if "role_start" in c.extra]
        doc_cands = [c for c in doc_cands
                     if not any(rs <= c.start and c.end <= re_ for rs, re_ in role_ranges) or c.label_hint == "PERSON"]
        sent_index = {}
        for i, sent in enumerate(doc.sents):
            for t in sent:
                sent_index[t.i] = i
        for c in sorted(doc_cands, key=lambda c: (c.start, c.end)):
            span = doc[c.start:c.end]
            c.text = span.text
            c.char_start, c.char_end = span.start_char, span.end_char
            c.sentence_id = sent_index.get(c.start, 0)
            cands.append(c)
        context[doc_id] = {"doc": doc, "article": article, "sent_index": sent_index,
                           "acronyms": _text_acronyms(doc, doc_cands)}
    return cands, context


# --------------------------------------------------------------------------- resolution
def _is_person_name(text: str) -> bool:
    words = _words(text)
    return len(words) >= 2 and all(w[:1].isupper() or w.lower() in ("al", "bin", "ibn", "von", "van", "de", "der")
                                   for w in words)


def _resolve(cands: list[Candidate], context: dict, lexicon: Lexicon) -> None:
    """Give every candidate a canonical name and a method (see the module docstring)."""
    # 1. extractor-fixed names and the alias table
    for c in cands:
        if c.forced:
            c.canonical = c.forced
            c.method = "alias_table" if lexicon.lookup(c.text) == c.forced else "normalised"
            if c.source == "coordination":
                c.method = "normalised"
            if alias_key(c.text) == alias_key(c.forced):
                c.method = "exact"
            continue
        canonical = lexicon.lookup(c.text)
        if canonical:
            c.canonical = canonical
            c.method = "exact" if alias_key(c.text) == alias_key(canonical) else "alias_table"
    # surface names of still-unresolved multi-word candidates, for short forms and acronyms
    by_doc: dict[str, list[Candidate]] = defaultdict(list)
    for c in cands:
        by_doc[c.doc_id].append(c)

    def full_names(cs, person: bool):
        out = []
        for c in cs:
            label = lexicon.entries[c.canonical].label if c.canonical in lexicon.entries else c.spacy_label
            name = c.canonical or c.text
            if person and label == "PERSON" and _is_person_name(name):
                out.append(name)
            if not person and label in ("ORG", "LAW", "GPE", "LOC", "EVENT", "PRODUCT") and len(_words(name)) >= 2:
                out.append(name)
        return out

    corpus_person = Counter(n for c in cands for n in full_names([c], True))
    corpus_long = Counter(n for c in cands for n in full_names([c], False))
    # 2. acronyms: defined in the text, then initials of a longer name
    defined_corpus = {}
    for doc_id, ctx in context.items():
        for acronym, target in ctx["acronyms"].items():
            defined_corpus.setdefault(acronym, target)
    for c in cands:
        if c.canonical:
            continue
        word = c.text.replace(".", "")
        if not _ACRONYM.match(word):
            continue
        target = context[c.doc_id]["acronyms"].get(word) or defined_corpus.get(word)
        if target is not None and target is not c:
            c.canonical = target.canonical or target.text
            c.method = "acronym"
            c.extra["detail"] = f"defined in the text ({target.doc_id})"
            continue
        for pool in (full_names(by_doc[c.doc_id], False) + full_names(by_doc[c.doc_id], True),
                     sorted(corpus_long, key=lambda n: (-corpus_long[n], n))):
            hits = sorted({n for n in pool if word in _initials(_words(n), lexicon.connectors)})
            if len(hits) == 1:
                c.canonical, c.method = hits[0], "acronym"
                c.extra["detail"] = "initials"
                break
    # an acronym inside a longer name: "AU Commission" = "African Union Commission"
    expansions = {}
    for c in cands:
        word = c.text.replace(".", "")
        if c.canonical and _ACRONYM.match(word) and len(_words(c.canonical)) >= 2:
            expansions.setdefault(word, c.canonical)
    by_key: dict[str, str] = {}
    for c in cands:
        if len(_words(c.text)) >= 2:
            by_key.setdefault(alias_key(c.text), c.canonical or c.text)
    for c in cands:
        if c.canonical or len(_words(c.text)) < 2:
            continue
        words = c.text.split()
        expanded = " ".join(expansions.get(w.replace(".", ""), w) for w in words)
        if expanded != c.text and alias_key(expanded) in by_key and alias_key(expanded) != alias_key(c.text):
            c.canonical, c.method = by_key[alias_key(expanded)], "acronym"
            c.extra["detail"] = "acronym expanded inside the name"
    # 3. short forms of full names (same article first, then corpus)
    def suffix_of(short: str, full: str) -> bool:
        s, f = _words(short), _words(full)
        return len(f) > len(s) and [w.casefold() for w in f[-len(s):]] == [w.casefold() for w in s]

    for c in cands:
        if c.canonical:
            continue
        words = _words(c.text)
        if not words or not all(w[:1].isupper() for w in words):
            continue
        person_like = c.spacy_label in ("PERSON", "ORG", "GPE", "NORP", "WORK_OF_ART", "FAC", "LANGUAGE")
        if len(words) <= 2 and person_like:
            same = Counter(n for n in full_names(by_doc[c.doc_id], True) if suffix_of(c.text, n))
            pick = _dominant(same, corpus_person)
            if pick:
                c.canonical, c.method = pick, "same_article_fullname"
                if len(same) > 1:
                    c.extra["detail"] = f"most named of {len(same)} full names"
                continue
            if not same and c.spacy_label == "PERSON" and len(words) == 1:
                # the full name was given but mislabelled ("Vince Cable" as ORG): a capitalised
                # two- or three-word name ending with this surname, no organisation head word
                loose = sorted({o.text for o in by_doc[c.doc_id]
                                if o.canonical is None and o.spacy_label in ("ORG", "GPE", "FAC", "WORK_OF_ART")
                                and 2 <= len(_words(o.text)) <= 3 and all(w[:1].isupper() for w in _words(o.text))
                                and _words(o.text)[-1] == words[0]
                                and _words(o.text)[-1].lower() not in lexicon.organisation_heads})
                if len(loose) == 1:
                    c.canonical, c.method = loose[0], "same_article_fullname"
                    c.extra["detail"] = "full name labelled otherwise by spaCy"
                    continue
            if not same and c.spacy_label in ("PERSON", "WORK_OF_ART"):
                many = Counter({n: k for n, k in corpus_person.items() if suffix_of(c.text, n)})
                pick = _dominant(many, Counter())
                if pick:
                    c.canonical, c.method = pick, "corpus_fullname"
                    if len(many) > 1:
                        c.extra["detail"] = f"most named of {len(many)} full names"
                    continue
        if len(words) >= 2 and c.spacy_label in ("ORG", "LAW"):
            same = sorted({n for n in full_names(by_doc[c.doc_id], False) if suffix_of(c.text, n)})
            if len(same) == 1:
                c.canonical, c.method = same[0], "same_article_fullname"
    # full names resolved through a short form give their canonical to the other mentions
    for c in cands:
        if c.canonical and c.canonical not in lexicon.entries:
            key = lexicon.lookup(c.canonical)
            if key:
                c.canonical = key
    # 4. fuzzy: near-miss spellings and spun variants of known multi-word names
    known: dict[str, str] = {}  # comparison string -> canonical
    known_label: dict[str, str] = {}
    for form, canonical in lexicon.forms.items():
        if len(_words(form)) >= 2:
            known[alias_key(form)] = canonical
            known_label[alias_key(form)] = lexicon.entries[canonical].label
    for c in cands:
        if c.canonical and len(_words(c.text)) >= 2:
            known.setdefault(alias_key(c.text), c.canonical)
            known_label.setdefault(alias_key(c.text), c.spacy_label)
    surnames: dict[str, set[str]] = defaultdict(set)
    for c in cands:
        name = c.canonical or ""
        label = lexicon.entries[name].label if name in lexicon.entries else c.spacy_label
        if label == "PERSON" and _is_person_name(name):
            surnames[_words(name)[-1].casefold()].add(name)
    # comparison lists by word count: (keys, spinner-normalised keys)
    buckets: dict[int, tuple[list[str], list[str]]] = {}
    for target_key in sorted(known):
        bucket = buckets.setdefault(len(target_key.split()), ([], []))
        bucket[0].append(target_key)
        bucket[1].append(_spin_normal(target_key, lexicon))
    fuzzy_memo: dict = {}
    pending = [c for c in cands if not c.canonical]
    # the best-supported spelling founds a cluster: its own count plus its surname used alone
    freq = Counter(alias_key(c.text) for c in pending)
    alone = Counter(alias_key(c.text) for c in cands if len(_words(c.text)) == 1)
    support = {k: freq[k] + alone[k.split()[-1]] for k in freq}
    pending.sort(key=lambda c: (-support[alias_key(c.text)], alias_key(c.text), c.doc_id, c.start))
    for c in pending:
        if c.canonical:
            continue
        words = _words(c.text)
        key = alias_key(c.text)
        if len(words) >= 2 and any(w.isalpha() for w in words) and c.spacy_label != "NORP":
            n_words = len(key.split())
            memo_key = (key, _CLASS.get(c.spacy_label, ""))
            if memo_key not in fuzzy_memo:
                fuzzy_memo[memo_key] = _best_fuzzy(key, _spin_normal(c.text, lexicon), c.spacy_label,
                                                   buckets.get(n_words), known, known_label)
            best, best_score, spun = fuzzy_memo[memo_key]
            if best is not None and best_score >= FUZZY_THRESHOLD and key not in known:
                c.canonical, c.method, c.score = best, f"fuzzy({best_score:.0f})", round(best_score, 1)
                if spun:
                    swaps = [f"{w}→{lexicon.spinner_synonyms[w]}" for w in key.split()
                             if lexicon.spinner_synonyms.get(w, w) != w]
                    c.extra["detail"] = "spinner synonyms: " + ", ".join(swaps)
                else:
                    c.extra["detail"] = "spelling variant"
                continue
            if key not in known:
                bucket = buckets.setdefault(n_words, ([], []))
                bucket[0].append(key)
                bucket[1].append(_spin_normal(key, lexicon))
                fuzzy_memo.clear()  # a new name can now be matched
            known.setdefault(key, c.text)  # later variants may join this one
            known_label.setdefault(key, c.spacy_label)
        elif len(words) == 1 and len(key) >= 6 and c.spacy_label in ("PERSON", "ORG", "WORK_OF_ART"):
            best, best_score = None, 0.0
            for surname, names in surnames.items():
                if len(names) != 1 or surname == key:
                    continue
                s = fuzz.ratio(key, surname)
                if s > best_score:
                    best, best_score = next(iter(names)), s
            if best is not None and best_score >= FUZZY_SURNAME_THRESHOLD:
                c.canonical, c.method, c.score = best, f"fuzzy({best_score:.0f})", round(best_score, 1)
                c.extra["detail"] = "surname spelling variant"
    # chains: a short form resolved to a full name that was itself merged elsewhere
    remap: dict[str, str] = {}
    for c in cands:
        if c.canonical and len(_words(c.text)) >= 2 and alias_key(c.text) != alias_key(c.canonical):
            remap.setdefault(alias_key(c.text), c.canonical)
    for key, target in known.items():
        if key != alias_key(target):
            remap.setdefault(key, target)
    for c in cands:
        seen = set()
        while c.canonical and alias_key(c.canonical) in remap and c.canonical not in seen:
            seen.add(c.canonical)
            nxt = remap[alias_key(c.canonical)]
            if alias_key(nxt) == alias_key(c.canonical):
                break
            c.canonical = nxt
    # 5. the rest: the cleaned surface, grouped case- and dot-insensitively; NORP plurals to singular
    surface_groups: dict[str, Counter] = defaultdict(Counter)
    group_norp: dict[str, bool] = defaultdict(bool)
    for c in cands:
        if not c.canonical:
            surface_groups[_group_key(c, lexicon)][c.text] += 1
            group_norp[_group_key(c, lexicon)] |= c.spacy_label == "NORP"
    group_name = {}
    for key, group in surface_groups.items():
        name = sorted(group, key=lambda t: (-group[t], -len(t), t))[0]
        if group_norp[key] and name.endswith("ans"):  # "Germans" -> German
            name = name[:-1]
        group_name[key] = name
    for c in cands:
        if not c.canonical:
            c.canonical = group_name[_group_key(c, lexicon)]
            c.method = "surface" if alias_key(c.text) == alias_key(c.canonical) else "normalised"


def _best_fuzzy(key: str, spin: str, spacy_label: str, bucket, known: dict, known_label: dict):
    """(canonical, score, spun) of the closest known name with the same number of words.

    Scores are rapidfuzz ratios on the comparison keys and on their spinner-normalised
    forms; names of an incompatible label class are skipped; ties go to the
    alphabetically first canonical name.
    """
    from rapidfuzz import process
    if not bucket or not bucket[0]:
        return None, 0.0, False
    keys, spins = bucket
    scored: dict[int, tuple[float, bool]] = {}
    for _, score, i in process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD, limit=20):
        scored[i] = (score, False)
    if spin != key:
        for _, score, i in process.extract(spin, spins, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD, limit=20):
            if score > scored.get(i, (0.0, False))[0]:
                scored[i] = (score, True)
    best, best_score, spun = None, 0.0, False
    for i, (score, was_spun) in sorted(scored.items()):
        target_key = keys[i]
        if abs(len(target_key) - len(key)) > max(8, len(key) // 2):
            continue
        if not _compatible(spacy_label, known_label.get(target_key)):
            continue
        if not _words_align(spin if was_spun else key, spins[i] if was_spun else target_key):
            continue
        canonical = known[target_key]
        if score > best_score or (score == best_score and best is not None and canonical < best):
            best, best_score, spun = canonical, score, was_spun
    return best, best_score, spun


def _words_align(a: str, b: str) -> bool:
    """Every word of ``a`` is close to the word of ``b`` in the same place: a spelling variant
    (at most two edits, one in words under five letters) or an abbreviation ("Corp" /
    "Corporation"). "Armed Force" is not "Air Force", "African" is not "American"."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb):
        return False
    from rapidfuzz.distance import Levenshtein
    for x, y in zip(wa, wb):
        if x == y or Levenshtein.distance(x, y) <= (2 if min(len(x), len(y)) >= 5 else 1):
            continue
        if min(len(x), len(y)) >= 3 and (x.startswith(y) or y.startswith(x)):
            continue
        return False
    return True


def _dominant(counts: Counter, tiebreak: Counter) -> str | None:
    """The name named strictly most often (ties broken by ``tiebreak`` counts), else None."""
    if not counts:
        return None
    ranked = sorted(counts, key=lambda n: (-counts[n], -tiebreak[n], n))
    if len(ranked) == 1:
        return ranked[0]
    a, b = ranked[0], ranked[1]
    if (counts[a], tiebreak[a]) > (counts[b], tiebreak[b]):
        return a
    return None


_CLASS = {"PERSON": "P", "ORG": "O", "GPE": "G", "LOC": "G", "NORP": "N"}


def _compatible(a: str | None, b: str | None) -> bool:
    """Labels that may name the same thing (a person is never merged into a place)."""
    return not (a in _CLASS and b in _CLASS and _CLASS[a] != _CLASS[b])


@lru_cache(maxsize=1)
def _timezone_cities() -> frozenset[str]:
    """City names of the IANA time-zone database ("Europe/Lisbon" -> lisbon), a small world gazetteer."""
    try:
        import zoneinfo
        zones = zoneinfo.available_timezones()
    except Exception:
        return frozenset()
    regions = {"Africa", "America", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"}
    names = set()
    for zone in zones:
        parts = zone.split("/")
        if len(parts) == 2 and parts[0] in regions and not any(ch.isdigit() for ch in parts[1]):
            names.add(alias_key(parts[1].replace("_", " ")))
    return frozenset(names)


def _group_key(c: Candidate, lexicon: Lexicon) -> str:
    key = alias_key(c.text)
    if (c.spacy_label == "NORP" or c.extra.get("cut")) and key.endswith("ans") and " " not in key:
        key = key[:-1]
    return key


def _vote(cands: list[Candidate], lexicon: Lexicon) -> dict[str, str]:
    """Label of each canonical entity: the alias table's type, else a vote of its mentions."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for c in cands:
        if not (c.spacy_label or c.label_hint):
            votes[c.canonical]  # found by the resolver only: no vote of its own
            continue
        label = c.spacy_label or c.label_hint
        weight = 1.0
        if label == "PERSON" and _is_person_name(c.text):
            weight = 2.0
        if c.role or c.extra.get("titled"):
            votes[c.canonical]["PERSON"] += 1.0
        if label == "PERSON" and any(ch.isdigit() for ch in c.text):  # "MI6", "Perm 35" are not people
            label = "ORG"
        if label in OTHER_NAME_LABELS and c.text.split() and len(c.text.split()) > 1 \
                and c.text.split()[-1].lower() in lexicon.organisation_heads:
            label = "ORG"  # "... Airport Services" labelled a facility is an organisation
        if label in ("ORG", "GPE", "PERSON", "FAC") and _MODEL_DESIGNATION.search(c.text):
            label = "PRODUCT"  # "X-110", "Y-300": a model designation, not an organisation
        if c.method in ("same_article_fullname", "corpus_fullname") and label != "PERSON":
            weight = 0.5
        if c.extra.get("cut"):  # the label belonged to a longer phrase
            weight = 0.25
        votes[c.canonical][label] += weight
    out = {}
    for canonical, counter in votes.items():
        if canonical in lexicon.entries:
            out[canonical] = lexicon.entries[canonical].label
            continue
        if canonical.split() and canonical.split()[-1].lower() in lexicon.organisation_heads and len(canonical.split()) > 1:
            counter.pop("PERSON", None)  # "... Council", "... Ministry" is no person
            if not counter:
                counter["ORG"] = 1.0
        out[canonical] = sorted(counter, key=lambda lab: (-counter[lab], LABEL_PRIORITY.index(lab)
                                                          if lab in LABEL_PRIORITY else 99))[0] if counter else "ORG"
    cities = _timezone_cities()
    person_evidence = {c.canonical for c in cands if c.role or c.method in ("same_article_fullname", "corpus_fullname")}
    for canonical, label in out.items():
        if (canonical not in lexicon.entries and label in ("PERSON", "ORG") and canonical not in person_evidence
                and alias_key(canonical) in cities):
            out[canonical] = "GPE"  # a city of the time-zone database named as a person or organisation
    return out


def _propagate(cands: list[Candidate], context: dict, labels: dict[str, str], lexicon: Lexicon) -> list[Candidate]:
    """Occurrences spaCy missed of forms already found in the same article (and surnames)."""
    added: list[Candidate] = []
    by_doc: dict[str, list[Candidate]] = defaultdict(list)
    for c in cands:
        by_doc[c.doc_id].append(c)
    for doc_id, doc_cands in by_doc.items():
        doc = context[doc_id]["doc"]
        forms: dict[str, tuple[str, str]] = {}
        for c in doc_cands:
            label = labels.get(c.canonical)
            if label not in ("PERSON", "ORG", "GPE", "LOC"):
                continue
            if c.text[:1].isupper() and len(c.text) >= 3:
                forms.setdefault(c.text, (c.canonical, "string_match"))
            if label == "PERSON" and _is_person_name(c.canonical):
                for name in (c.canonical, c.text):  # the canonical surname and the one written here
                    surname = name.split()[-1]
                    if len(surname) >= 3 and surname[:1].isupper():
                        forms.setdefault(surname, (c.canonical, "string_match"))
        taken = [(c.start, c.end) for c in doc_cands]
        text = context[doc_id]["article"].text
        token_starts = {t.idx: t.i for t in doc}
        token_ends = {t.idx + len(t.text): t.i + 1 for t in doc}
        for form in sorted(forms, key=lambda f: (-len(f), f)):
            canonical, source = forms[form]
            for m in re.finditer(r"(?<![\w'’-])" + re.escape(form) + r"(?![\w-])", text):
                s, e = token_starts.get(m.start()), token_ends.get(m.end())
                if s is None or e is None or any(not (e <= a or s >= b) for a, b in taken):
                    continue
                if _shouted_stopword(doc, s, e):
                    continue
                if any(t.ent_type_ in _NOT_NAMES for t in doc[s:e]) or (e - s == 1 and doc[s].lower_ in _stop_words()):
                    continue  # "May" the month is not Mrs May
                if e - s == 1 and form.isupper() and len(form) <= 3 and _upper_context(doc, s, e):
                    continue
                nxt = doc[e] if e < len(doc) else None
                if e - s == 1 and doc[s].is_sent_start and doc[s].pos_ != "PROPN" and not (
                        labels[canonical] == "PERSON" and nxt is not None and nxt.lower_ in lexicon.speech_verbs):
                    continue
                prv = doc[s - 1] if s > 0 else None
                if nxt is not None and nxt.is_alpha and nxt.text[:1].isupper() and not nxt.is_sent_start:
                    continue  # part of a longer name
                if prv is not None and prv.is_alpha and prv.text[:1].isupper() and not doc[s].is_sent_start \
                        and prv.lower_ not in lexicon.determiners and _title_before(doc, s, lexicon) is None:
                    continue
                c = Candidate(doc_id, s, e, labels[canonical], source, canonical=canonical,
                              method="same_article_fullname" if form != canonical and lexicon.lookup(form) != canonical
                              else ("exact" if alias_key(form) == alias_key(canonical) else "alias_table"))
                span = doc[s:e]
                c.text, c.char_start, c.char_end = span.text, span.start_char, span.end_char
                c.sentence_id = context[doc_id]["sent_index"].get(s, 0)
                if labels[canonical] == "PERSON":
                    before = _title_before(doc, s, lexicon)
                    if before:
                        c.role = before[1]
                added.append(c)
                taken.append((s, e))
    return added


def _drop_common_nouns(cands: list[Candidate], context: dict, lexicon: Lexicon) -> list[Candidate]:
    """Single words the article also uses in lower case ("blitz") are not names."""
    out = []
    for c in cands:
        if c.method == "surface" and len(_words(c.text)) == 1 and c.text.isalpha() and not c.text.isupper():
            text = context[c.doc_id]["article"].text
            if re.search(r"(?<![\w'’-])" + re.escape(c.text.lower()) + r"(?![\w-])", text):
                continue
        out.append(c)
    return out


def _slug(text: str) -> str:
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", t.lower()).strip("-") or hashlib.sha1(text.encode()).hexdigest()[:8]


# --------------------------------------------------------------------------- public API
def mentions(corpus: Corpus, fold_metonyms: bool = False) -> pd.DataFrame:
    """One row per entity mention, sorted by ``doc_id, start``.

    Columns:

    * ``doc_id``; ``start``, ``end`` – character offsets into the article's
      original file (``article.raw``), end exclusive; ``text`` – ``raw[start:end]``;
    * ``label`` – one of :data:`LABELS`, the same for every mention of an entity;
    * ``canonical`` – the entity's canonical name; ``entity_id`` – a stable slug
      (``label:name``), the key to count by;
    * ``sentence_id`` – 0-based sentence number within the article (spaCy's parser);
    * ``role`` – title or role written before a person's name ("spokesman"), else empty;
    * ``method`` – how the surface form was tied to the canonical name: ``exact``,
      ``alias_table``, ``acronym``, ``same_article_fullname``, ``corpus_fullname``,
      ``fuzzy(score)``, ``normalised`` (determiners, dots, plural cut), ``surface``;
    * ``score`` – the fuzzy score (0-100) for ``fuzzy`` merges, else empty;
    * ``detail`` – evidence of a merge: spinner synonyms used ("home→house"), a
      spelling variant, acronym "initials" or "defined in the text (doc)", else empty;
    * ``source`` – how the span was found: ``ner`` (spaCy), ``alias_match``
      (alias table form in the text), ``coordination`` ("Justice and Energy
      ministries"), ``acronym_match`` (a capitalised token that is an acronym of a name),
      ``string_match`` (a form or surname already found in the article);
    * ``spacy_label`` – spaCy's own label for the span (empty when spaCy missed it).

    ``fold_metonyms=True`` counts capitals and seats of government named in the
    alias table (``metonym_of``) as their country. Results are memoised per corpus
    content, data files and code (:func:`analysis.cache.memo`, in this process and on disk);
    a copy is returned.
    """
    fold = bool(fold_metonyms)
    return cache.memo("entities.mentions", (corpus_fingerprint(corpus), fold), lambda: _build(corpus, fold))


def _build(corpus: Corpus, fold_metonyms: bool) -> pd.DataFrame:
    lexicon = load_lexicon()
    cands, context = _collect(corpus, lexicon)
    _resolve(cands, context, lexicon)
    cands = [c for c in cands if not c.extra.get("need_acronym") or c.method == "acronym"]
    cands = _drop_common_nouns(cands, context, lexicon)
    labels = _vote(cands, lexicon)
    cands += _propagate(cands, context, labels, lexicon)
    rows = []
    for c in cands:
        label = labels.get(c.canonical)
        if label not in LABELS:
            continue
        canonical = c.canonical
        if fold_metonyms and canonical in lexicon.entries and lexicon.entries[canonical].metonym_of:
            canonical = lexicon.entries[canonical].metonym_of
            label = lexicon.entries[canonical].label if canonical in lexicon.entries else "GPE"
        article = context[c.doc_id]["article"]
        raw_start, raw_end = article.raw_span(c.char_start, c.char_end)
        rows.append({
            "doc_id": c.doc_id, "start": raw_start, "end": raw_end, "text": article.raw[raw_start:raw_end],
            "label": label, "canonical": canonical, "entity_id": f"{label.lower()}:{_slug(canonical)}",
            "sentence_id": int(c.sentence_id), "role": c.role if label == "PERSON" else None,
            "method": c.method, "score": c.score, "detail": c.extra.get("detail"), "source": c.source,
            "spacy_label": c.spacy_label if c.source in ("ner",) or c.spacy_label else None,
        })
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["spacy_label"] = frame["spacy_label"].where(frame["spacy_label"].astype(bool), None) \
        if len(frame) else frame["spacy_label"]
    frame = frame.drop_duplicates(["doc_id", "start", "end"])
    return frame.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)


def frequency(corpus: Corpus, by: str = "entity", fold_metonyms: bool = False) -> pd.DataFrame:
    """Counts of the canonical mentions.

    * ``by="entity"``: ``entity_id, canonical, label, mentions, articles, surface_forms``
      (number of distinct surface forms), sorted by mentions, articles, canonical;
    * ``by="label"``: ``label, entities, mentions, articles``, sorted by mentions;
    * ``by="article"``: ``doc_id, entities, mentions`` and one ``entities_<LABEL>``
      column per label, sorted by ``doc_id``.
    """
    m = mentions(corpus, fold_metonyms=fold_metonyms)
    if by == "entity":
        g = m.groupby(["entity_id", "canonical", "label"], sort=False)
        out = g.agg(mentions=("doc_id", "size"), articles=("doc_id", "nunique"),
                    surface_forms=("text", "nunique")).reset_index()
        return out.sort_values(["mentions", "articles", "canonical", "entity_id"],
                               ascending=[False, False, True, True], kind="stable").reset_index(drop=True)
    if by == "label":
        g = m.groupby("label", sort=False)
        out = g.agg(entities=("entity_id", "nunique"), mentions=("doc_id", "size"),
                    articles=("doc_id", "nunique")).reset_index()
        return out.sort_values(["mentions", "label"], ascending=[False, True], kind="stable").reset_index(drop=True)
    if by == "article":
        base = pd.DataFrame({"doc_id": corpus.doc_ids})
        g = m.groupby("doc_id").agg(entities=("entity_id", "nunique"), mentions=("entity_id", "size")).reset_index()
        per = m.groupby(["doc_id", "label"])["entity_id"].nunique().unstack(fill_value=0)
        per = per.reindex(columns=list(LABELS), fill_value=0).add_prefix("entities_").reset_index()
        out = base.merge(g, on="doc_id", how="left").merge(per, on="doc_id", how="left").fillna(0)
        for col in out.columns[1:]:
            out[col] = out[col].astype(int)
        return out.sort_values("doc_id", kind="stable").reset_index(drop=True)
    raise ValueError(f"by must be 'entity', 'label' or 'article', not {by!r}")


def aliases_report(corpus: Corpus, fold_metonyms: bool = False) -> pd.DataFrame:
    """Every surface form merged into a different canonical name, and why.

    Columns: ``surface`` (text as written), ``canonical``, ``entity_id``, ``label``,
    ``method`` (``alias_table``, ``acronym``, ``same_article_fullname``,
    ``corpus_fullname``, ``fuzzy(score)``, ``normalised``), ``score`` (fuzzy score
    or empty), ``detail`` (spinner synonyms used, "initials", "defined in the
    text", or empty), ``mentions``, ``articles``. Sorted by canonical, method, surface.
    Forms identical to the canonical name (up to case, dots and a leading "the")
    are left out. Override a merge by editing ``data/aliases.yaml``.
    """
    m = mentions(corpus, fold_metonyms=fold_metonyms)
    m = m[m["method"] != "exact"]
    m = m[m["text"].map(alias_key) != m["canonical"].map(alias_key)]
    cols = ["surface", "canonical", "entity_id", "label", "method", "score", "detail", "mentions", "articles"]
    if m.empty:
        return pd.DataFrame(columns=cols)
    m = m.assign(surface=m["text"].str.replace(r"\s+", " ", regex=True), score=m["score"].fillna(-1),
                 detail=m["detail"].fillna(""))
    out = (m.groupby(["surface", "canonical", "entity_id", "label", "method", "score", "detail"], sort=False)
           .agg(mentions=("doc_id", "size"), articles=("doc_id", "nunique")).reset_index())
    out["score"] = out["score"].where(out["score"] >= 0, None)
    return out[cols].sort_values(["canonical", "method", "surface"], kind="stable").reset_index(drop=True)


def cooccurrence(corpus: Corpus, fold_metonyms: bool = False, labels=("PERSON", "ORG", "GPE", "LOC")) -> pd.DataFrame:
    """Entity pairs named in the same sentence.

    Columns: ``entity_a, canonical_a, label_a, entity_b, canonical_b, label_b``
    (a pair ordered by entity_id), ``sentences`` (sentences naming both),
    ``articles`` (articles with such a sentence). Only ``labels`` are paired.
    Sorted by sentences, articles, then the ids.
    """
    m = mentions(corpus, fold_metonyms=fold_metonyms)
    m = m[m["label"].isin(labels)]
    names = dict(zip(m["entity_id"], zip(m["canonical"], m["label"])))
    pairs: dict[tuple[str, str], set] = defaultdict(set)
    for (doc_id, sentence_id), ids in m.groupby(["doc_id", "sentence_id"])["entity_id"]:
        for a, b in combinations(sorted(set(ids)), 2):
            pairs[(a, b)].add((doc_id, sentence_id))
    rows = [{"entity_a": a, "canonical_a": names[a][0], "label_a": names[a][1],
             "entity_b": b, "canonical_b": names[b][0], "label_b": names[b][1],
             "sentences": len(s), "articles": len({d for d, _ in s})} for (a, b), s in pairs.items()]
    cols = ["entity_a", "canonical_a", "label_a", "entity_b", "canonical_b", "label_b", "sentences", "articles"]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["sentences", "articles", "entity_a", "entity_b"], ascending=[False, False, True, True],
                           kind="stable").reset_index(drop=True)


def entity_at(mentions_frame: pd.DataFrame, doc_id: str, start: int, end: int) -> dict | None:
    """The mention of ``mentions_frame`` that best covers the raw span ``[start, end)`` of ``doc_id``.

    Returns the row as a dict (``canonical``, ``entity_id``, ``label``, ...), the
    mention with the largest overlap (ties: the shorter mention), or None.
    """
    m = mentions_frame[(mentions_frame["doc_id"] == doc_id) & (mentions_frame["start"] < end)
                       & (mentions_frame["end"] > start)]
    if m.empty:
        return None
    overlap = m[["end"]].clip(upper=end)["end"] - m[["start"]].clip(lower=start)["start"]
    m = m.assign(_overlap=overlap, _length=m["end"] - m["start"])
    best = m.sort_values(["_overlap", "_length", "start"], ascending=[False, True, True], kind="stable").iloc[0]
    return best.drop(["_overlap", "_length"]).to_dict()


def resolve_name(corpus: Corpus, text: str, doc_id: str | None = None, fold_metonyms: bool = False) -> dict | None:
    """Canonical entity for a free-text name (a speaker, a listed party), or None.

    Tries, in order: a surface form already resolved in ``doc_id`` then anywhere in
    the corpus; the alias table; a surname of a person named in full in ``doc_id``
    then in the corpus (unique only); a fuzzy match (>= :data:`FUZZY_THRESHOLD`)
    against the corpus's canonical names. Returns ``{"canonical", "entity_id",
    "label", "method"}``.
    """
    m = mentions(corpus, fold_metonyms=fold_metonyms)
    lexicon = load_lexicon()
    key = alias_key(_strip_name(text, lexicon))
    if not key:
        return None
    m = m.assign(_key=m["text"].map(alias_key))

    def pick(frame, method):
        counts = frame.groupby(["canonical", "entity_id", "label"]).size().reset_index(name="n")
        counts = counts.sort_values(["n", "canonical"], ascending=[False, True], kind="stable")
        if counts.empty:
            return None
        row = counts.iloc[0]
        return {"canonical": row["canonical"], "entity_id": row["entity_id"], "label": row["label"], "method": method}

    scopes = ([m[m["doc_id"] == doc_id]] if doc_id else []) + [m]
    for scope in scopes:
        hit = pick(scope[(scope["_key"] == key) | (scope["canonical"].map(alias_key) == key)], "mention")
        if hit:
            return hit
    canonical = lexicon.index.get(key)
    if canonical:
        label = lexicon.entries[canonical].label
        if fold_metonyms and lexicon.entries[canonical].metonym_of:
            canonical = lexicon.entries[canonical].metonym_of
            label = "GPE"
        return {"canonical": canonical, "entity_id": f"{label.lower()}:{_slug(canonical)}", "label": label,
                "method": "alias_table"}
    words = key.split()
    for scope in scopes:
        persons = scope[scope["label"] == "PERSON"]
        mask = [len(n.split()) > len(words) and alias_key(n).split()[-len(words):] == words
                for n in persons["canonical"]]
        full = persons[pd.Series(mask, index=persons.index, dtype=bool)]
        if full["canonical"].nunique() == 1:
            return pick(full, "fullname")
    best, best_score = None, 0.0
    for canonical in sorted(set(m["canonical"])):
        s = fuzz.ratio(key, alias_key(canonical))
        if s > best_score:
            best, best_score = canonical, s
    if best is not None and best_score >= FUZZY_THRESHOLD:
        hit = pick(m[m["canonical"] == best], f"fuzzy({best_score:.0f})")
        return hit
    return None


def _strip_name(text: str, lexicon: Lexicon) -> str:
    """A free-text name without quotes, determiners, possessive and leading titles."""
    t = unicodedata.normalize("NFKC", text).translate(_APOS).strip().strip("".join(_QUOTES) + " ,.;:")
    t = re.sub(r"'s?$", "", t)
    words = t.split()
    while words and words[0].lower() in lexicon.determiners:
        words = words[1:]
    lowered = [w.lower() for w in words]
    for title in lexicon.titles:
        if len(words) > len(title) and tuple(lowered[:len(title)]) == title:
            words = words[len(title):]
            break
    return " ".join(words)


#: displaCy colours for the reported labels (others use displaCy's defaults).
RENDER_COLORS = {"PERSON": "#aa9cfc", "ORG": "#7aecec", "GPE": "#feca74", "LOC": "#ff9561", "NORP": "#c887fb",
                 "LAW": "#ff8197", "PRODUCT": "#bfeeb7", "EVENT": "#ffeb80"}


def render_html(corpus: Corpus, doc_id: str, fold_metonyms: bool = False, labels=LABELS) -> str:
    """The article's original text with its canonical mentions highlighted (displaCy ``style="ent"``).

    Uses the resolved labels of :func:`mentions` (not spaCy's raw ones) and the raw
    file text, so what is shown is the evidence the offsets point into. displaCy
    escapes the text it renders; no title or link (which it would not escape) is passed.
    """
    from spacy import displacy
    article = corpus[doc_id]
    m = mentions(corpus, fold_metonyms=fold_metonyms)
    m = m[(m["doc_id"] == doc_id) & m["label"].isin(labels)]
    ents = [{"start": int(r.start), "end": int(r.end), "label": r.label} for r in m.itertuples()]
    return displacy.render({"text": article.raw, "ents": ents}, style="ent", manual=True, jupyter=False,
                           options={"colors": RENDER_COLORS})


# --------------------------------------------------------------------------- figures (notebook 01)
#: Label groups drawn as separate panels: places (GPE and LOC) are drawn together.
PLOT_GROUPS = (("People", ("PERSON",)), ("Organisations", ("ORG",)), ("Places", ("GPE", "LOC")),
               ("Nationalities and groups", ("NORP",)))


def plot_top_entities(freq: pd.DataFrame, top: int = 10):
    """Bar charts of the most-mentioned entities per label group: mentions and articles.

    ``freq`` is ``frequency(corpus, by="entity")``. One row of panels per label
    group that has entities; returns the matplotlib Figure (None when ``freq`` is empty).
    """
    import matplotlib.pyplot as plt
    groups = [(title, labels, freq[freq["label"].isin(labels)].head(top)) for title, labels in PLOT_GROUPS]
    groups = [g for g in groups if len(g[2])]
    if not groups:
        return None
    height = sum(max(1.2, 0.32 * len(g[2]) + 0.8) for g in groups)
    fig, axes = plt.subplots(len(groups), 2, figsize=(12, height), squeeze=False,
                             gridspec_kw={"height_ratios": [max(1.2, 0.32 * len(g[2]) + 0.8) for g in groups]})
    for (title, labels, table), (left, right) in zip(groups, axes):
        names = [f"{n} ({lab})" if len(labels) > 1 else n for n, lab in zip(table["canonical"], table["label"])]
        left.barh(names, table["mentions"], color="#4c72b0")
        right.barh(names, table["articles"], color="#dd8452")
        left.set_title(f"{title}: mentions", loc="left", fontsize=10)
        right.set_title(f"{title}: articles naming them", loc="left", fontsize=10)
        for ax in (left, right):
            ax.invert_yaxis()
            ax.tick_params(axis="y", labelsize=9)
            ax.xaxis.get_major_locator().set_params(integer=True)
        right.set_yticklabels([])
    fig.tight_layout()
    return fig


def plot_entity_heatmap(frame: pd.DataFrame, doc_ids: list[str], top: int = 25):
    """Heat map of mentions: the ``top`` entities (rows) by article (columns), counts written in.

    ``frame`` is ``mentions(corpus)``; labels PERSON, ORG, GPE, LOC only. Returns the
    Figure (None when there is nothing to draw).
    """
    import matplotlib.pyplot as plt
    m = frame[frame["label"].isin(("PERSON", "ORG", "GPE", "LOC"))]
    if m.empty:
        return None
    table = m.pivot_table(index=["canonical", "label"], columns="doc_id", values="start", aggfunc="size",
                          fill_value=0).reindex(columns=doc_ids, fill_value=0)
    order = table.sum(axis=1).to_frame("n").assign(k=(table > 0).sum(axis=1)).reset_index()
    order = order.sort_values(["n", "k", "canonical"], ascending=[False, False, True], kind="stable").head(top)
    table = table.loc[list(zip(order["canonical"], order["label"]))]
    fig, ax = plt.subplots(figsize=(max(6, 1.1 * len(doc_ids) + 4), 0.34 * len(table) + 1.6))
    ax.imshow(table.to_numpy(), cmap="Blues", aspect="auto")
    ax.set_xticks(range(len(doc_ids)), [d[:12] for d in doc_ids], rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(table)), [f"{n} ({lab})" for n, lab in table.index], fontsize=9)
    vmax = table.to_numpy().max() or 1
    for i, row in enumerate(table.to_numpy()):
        for j, value in enumerate(row):
            if value:
                ax.text(j, i, str(value), ha="center", va="center", fontsize=8,
                        color="white" if value > vmax / 2 else "black")
    ax.set_xlabel("article")
    fig.tight_layout()
    return fig


def plot_cooccurrence_network(pairs: pd.DataFrame, freq: pd.DataFrame, min_sentences: int = 2,
                              max_nodes: int = 30, seed: int = 7):
    """Network of entities named in the same sentences (networkx spring layout, fixed seed).

    Nodes: entities of the kept pairs (``pairs`` from :func:`cooccurrence`, at least
    ``min_sentences`` shared sentences), at most ``max_nodes`` by mentions; node size
    grows with mentions, colour shows the label; edge width grows with shared
    sentences. Returns the Figure, or None when no pair qualifies.
    """
    import matplotlib.pyplot as plt
    import networkx as nx
    kept = pairs[pairs["sentences"] >= min_sentences]
    if kept.empty:
        return None
    mentions_of = dict(zip(freq["entity_id"], freq["mentions"]))
    nodes = sorted(set(kept["entity_a"]) | set(kept["entity_b"]), key=lambda e: (-mentions_of.get(e, 0), e))
    nodes = set(nodes[:max_nodes])
    kept = kept[kept["entity_a"].isin(nodes) & kept["entity_b"].isin(nodes)]
    graph = nx.Graph()
    names = {}
    for row in kept.itertuples():
        names[row.entity_a], names[row.entity_b] = (row.canonical_a, row.label_a), (row.canonical_b, row.label_b)
    for node in sorted(names):
        graph.add_node(node)
    for row in kept.sort_values(["entity_a", "entity_b"]).itertuples():
        graph.add_edge(row.entity_a, row.entity_b, weight=row.sentences)
    pos = nx.spring_layout(graph, seed=seed, k=2.2 / max(1, len(graph) ** 0.5), weight="weight")
    colours = {"PERSON": "#aa9cfc", "ORG": "#7aecec", "GPE": "#feca74", "LOC": "#ff9561"}
    fig, ax = plt.subplots(figsize=(11, 8))
    widths = [0.6 + 3.0 * graph[a][b]["weight"] / kept["sentences"].max() for a, b in graph.edges()]
    nx.draw_networkx_edges(graph, pos, ax=ax, width=widths, edge_color="#999999", alpha=0.6)
    sizes = [200 + 1800 * mentions_of.get(n, 1) / max(mentions_of.values()) for n in graph.nodes()]
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_size=sizes,
                           node_color=[colours.get(names[n][1], "#dddddd") for n in graph.nodes()],
                           edgecolors="#555555", linewidths=0.5)
    nx.draw_networkx_labels(graph, pos, ax=ax, labels={n: names[n][0] for n in graph.nodes()}, font_size=9,
                            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7})
    handles = [plt.Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor=c,
                          markeredgecolor="#555555", label=lab) for lab, c in colours.items()]
    ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=False)
    ax.axis("off")
    fig.tight_layout()
    return fig


def label_corrections(frame: pd.DataFrame) -> pd.DataFrame:
    """Mentions whose final label differs from spaCy's: ``canonical, label, spacy_label, mentions, articles``.

    These are the mislabelled mentions the vote (or the alias table) corrected.
    Sorted by mentions, canonical.
    """
    m = frame[frame["spacy_label"].notna() & (frame["spacy_label"] != frame["label"])]
    cols = ["canonical", "label", "spacy_label", "mentions", "articles"]
    if m.empty:
        return pd.DataFrame(columns=cols)
    out = (m.groupby(["canonical", "label", "spacy_label"]).agg(mentions=("doc_id", "size"),
                                                                articles=("doc_id", "nunique")).reset_index())
    return out.sort_values(["mentions", "canonical", "spacy_label"], ascending=[False, True, True],
                           kind="stable").reset_index(drop=True)[cols]
