"""The targets listed in a stretch of a sentence: names with their rank and role, or one unnamed group.

:func:`items_from_region` splits the tokens into list items (at ";", ",", "and", "as well as"; never
inside a name) and reads each: a named entity gives a person or organisation :class:`Target` with
``title`` (rank words) and ``position`` (the appositive role); the first unnamed phrase is a ``group``.
Markup in the stretch (stray HTML in scraped text) ends an item; it is never part of a target.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from .authorities import country_name
from .lexicon import Lexicon
from .names import strip_title
from .parse import NAMED, clean_edges, ent_at, markup_runs

#: Words that open a relative clause after a name ("..., who heads the drone command"): no role.
_REL_PRONOUNS = {"which", "who", "whom", "whose", "that", "where"}
#: Words that open the named members of a group in a list ("... officials, including X and Y").
_INCLUDE_WORDS = {"including", "include", "includes"}


@dataclass
class Target:
    """One target of an action: tokens ``start:end`` of the name as written (rank excluded)."""

    start: int          # token index (inclusive)
    end: int            # token index (exclusive)
    text: str
    type: str           # person, organization, group or country
    title: str | None = None
    position: str | None = None
    reason: str | None = None


def named_type(ent, lex: Lexicon) -> str:
    """``person``, ``organization``, ``country`` or ``group`` for a named-entity span."""
    words = ent.text.lower().split()
    org_words = {w.lower() for w in lex.names.get("org_words", [])}
    if ent.label_ in ("ORG", "GPE", "LOC") and country_name(ent.text, lex):
        return "country"        # "the Government of Ruritania"
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


def _segments(tokens: list, merge: int | None) -> list[list]:
    """``tokens`` cut at ";" (dropped) and at the unit glue token (kept, opening the next segment)."""
    segments: list[list] = [[]]
    for t in tokens:
        if t.text == ";" or (merge is not None and t.i == merge):
            segments.append([] if t.text == ";" else [t])
            continue
        segments[-1].append(t)
    return segments


def _chunks(tokens: list, doc, merge: int | None, lex: Lexicon) -> list[list]:
    """Split a region into list items at ';' and the unit glue, then at ',' / 'and' outside names.

    A chunk after "and"/"or"/"as well as" keeps that word first, so the reader knows it is coordinated.
    """
    chunks: list[list] = []
    for seg in _segments(list(tokens), merge):
        cur: list = []
        for t in seg:
            inside_ent = t.ent_iob_ == "I" and not _org_and(t, lex)
            as_well_as = (t.text.lower() == "as" and len(cur) >= 2 and
                          [x.text.lower() for x in cur[-2:]] == ["as", "well"])
            if as_well_as:
                cur = cur[:-2]
            if not inside_ent and t.lower_ in _INCLUDE_WORDS and t.dep_ in ("prep", "acl", "advcl", "amod"):
                if cur:     # "six members of X, including General Y and Z": Y and Z are items of their own
                    chunks.append(cur)
                cur = []
                continue
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


def items_from_region(tokens: list, doc, merge: int | None, lex: Lexicon) -> list[Target]:
    """Targets listed in a stretch of text: names (with rank and appositive role) or one unnamed group.

    Markup inside the stretch (stray HTML in scraped text) ends a list item; it is never part of a target.
    """
    tokens = sorted(tokens, key=lambda t: t.i)
    runs = markup_runs(tokens, doc)
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
    rank_words = {w for title in lex.titles() for w in title}
    return not any(t.lower_.rstrip(".") in rank_words for t in words)


def _starts_with_person(chunk: list) -> bool:
    words = clean_edges(chunk)
    return bool(words) and words[0].ent_type_ == "PERSON" and words[0].ent_iob_ == "B"


def _is_role_before_name(items: list, raw_chunk: list, chunk: list, following: list | None) -> bool:
    """"... and its chief executive, Jane Roe": a possessed role noun whose name is the next chunk."""
    return bool(items and raw_chunk[0].text.lower() in ("and", "or") and following is not None
                and not any(t.ent_type_ in NAMED for t in chunk)
                and chunk[0].dep_ == "poss" and chunk[-1].pos_ == "NOUN" and chunk[-1].is_lower
                and _starts_with_person(following))


def _lead_entity(chunk: list, doc):
    """The named entity a chunk starts with (after its determiner and modifiers), if any."""
    lead = [t for t in chunk if not (t.dep_ == "det" and t.i == chunk[0].i)]
    for t in lead:
        e = ent_at(t)
        if e is not None and e.label_ in NAMED and e.label_ != "NORP":
            if (e.end < len(doc) and doc[e.end].tag_ in ("POS", "HYPH")) or e[-1].tag_ == "POS":
                continue        # "Ruritania's defence minister X", "Ruritania-based broker X": a modifier
            if e.end < len(doc) and doc[e.end].pos_ == "NOUN" and e.root.dep_ in ("compound", "nmod", "amod") \
                    and e.root.head.i >= e.end:
                return None     # "Duma members": the name modifies a common noun, a group
            return e
        if not (t.pos_ in ("PROPN", "NOUN", "ADJ", "NUM") or t.tag_ in ("POS", "HYPH")
                or (t.tag_ == "VBN" and t.dep_ == "amod")):     # "Cyprus-based arms broker ..."
            return _trailing_person(chunk)
    return None


def _trailing_person(chunk: list):
    """A person's name that ends the chunk after a long rank ("Commander-in-Chief of the armed forces Jane Roe")."""
    last = chunk[-1]
    e = ent_at(last)
    if e is not None and e.label_ == "PERSON" and e.end == last.i + 1 and e.start > chunk[0].i:
        return e
    return None


def _whole_person(ent, chunk: list, doc, lex: Lexicon):
    """A person's name with the capitalised given names the tagger left out of it ("Sonja" of "his wife, Sonja
    Kadrova"): untagged proper nouns just before a one-word name that modify it, no rank word among them."""
    if ent.label_ != "PERSON" or len(ent) != 1:
        return ent      # only a lone surname lost its given names
    ranks = set(lex.titles())
    start = ent.start
    while start > chunk[0].i and doc[start - 1].tag_ == "NNP" and doc[start - 1].dep_ == "compound" \
            and ent.start <= doc[start - 1].head.i < ent.end and not doc[start - 1].ent_type_ \
            and (doc[start - 1].lower_.rstrip("."),) not in ranks:
        start -= 1
    return ent if start == ent.start else Span(doc, start, ent.end, label=ent.label_)


def _named_item(chunk: list, ent, doc, lex: Lexicon, pending_position: str | None) -> Target:
    """A named target: rank words become ``title``, descriptions and the words after the name ``position``."""
    ent = _whole_person(ent, chunk, doc, lex)
    pre = [t for t in chunk if t.i < ent.start and t.dep_ != "det"]
    title_words, name_words = strip_title([t.text for t in ent], lex)
    pre_text = doc[pre[0].i:ent.start].text if pre else ""
    title = " ".join(w for w in [pre_text, *title_words] if w).strip() or None
    rest = [t for t in chunk if t.i >= ent.end]
    position = doc[rest[0].i:rest[-1].i + 1].text if rest else None
    kind = named_type(ent, lex)
    if ent[0].lower_ == "the" and len(ent) > 1 and not title_words:     # "the Northland Central Bank"
        ent = ent[1:]
        name_words = name_words[1:]
    if title and (kind != "person" or (not title_words and _descriptor_not_rank(pre, lex))):
        # "Ruritanian drone maker Acme Aviation Industries", "Paris-based lawyer Jean Dupont":
        # a description, not a rank
        position = f"{title}, {position}" if position else title
        title = None
    if pending_position and kind == "person":
        position = f"{pending_position}, {position}" if position else pending_position
    return Target(ent.start + len(title_words), ent.end, doc[ent.start + len(title_words):ent.end].text, kind,
                  title, position)


def _plural_head(chunk: list) -> bool:
    """The chunk's head noun (its first noun phrase) is plural: a set of targets, not a role."""
    for t in chunk:
        if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound", "amod", "nmod", "poss"):
            return t.tag_ in ("NNS", "NNPS")
        if t.pos_ in ("ADP", "VERB", "AUX"):
            return False
    return False


def _unnamed_chunk(items: list, raw_chunk: list, chunk: list, doc, position_open: bool) -> bool:
    """Read a chunk without a name: another group, the previous name's role, or the first group.

    Appends to ``items`` (or extends the last item's position); returns whether a role may still follow.
    """
    first = chunk[0]
    text = doc[chunk[0].i:chunk[-1].i + 1].text
    coordinated = raw_chunk[0].text.lower() in ("and", "or", "as")
    if items and coordinated and (first.dep_ in ("det", "nummod") or first.pos_ in ("DET", "NUM")):
        items.append(Target(chunk[0].i, chunk[-1].i + 1, text, "group"))
        return False
    if items and first.text.lower() in _REL_PRONOUNS:
        return False
    if items and _plural_head(chunk):     # "X, his associates, drug traffickers": more targets, not X's role
        items.append(Target(chunk[0].i, chunk[-1].i + 1, text, "group"))
        return False
    if items and position_open:
        items[-1].position = f"{items[-1].position}, {text}" if items[-1].position else text
        return True
    if not items:
        items.append(Target(chunk[0].i, chunk[-1].i + 1, text, "group"))
        return False
    return position_open


def _clause_tokens(tokens: list) -> set[int]:
    """Indices of the tokens inside a relative clause on a word of the stretch ("members who sponsored ...")."""
    inside: set[int] = set()
    for t in tokens:
        if t.dep_ == "relcl" and t.i not in inside:
            inside.update(x.i for x in t.subtree)
    return inside


def _place_list(previous: list, ent) -> bool:
    """A place name that continues a list of places begun in the chunk before ("from A, B and C")."""
    last = [t for t in previous if not t.is_punct]
    if ent.label_ not in ("GPE", "LOC") and not (ent.root.dep_ == "conj" and ent.root.head.ent_type_ in ("GPE", "LOC")):
        return False
    if not last or last[-1].ent_type_ not in ("GPE", "LOC"):
        return False
    head = last[-1].doc[last[-1].i]
    while head.dep_ in ("compound", "conj") and head.head.i != head.i:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in ("from", "in", "of", "across")


def _legal_form(chunk: list, lex: Lexicon) -> bool:
    """A chunk made only of legal-form words ("LTD.", "Inc."): the end of the name before it."""
    forms = {str(w).lower() for w in lex.names.get("legal_forms", [])}
    words = [t.lower_ for t in chunk if not t.is_punct] or [""]
    return all(w in forms or w.rstrip(".") in forms for w in words)


def _items_from_run(tokens: list, doc, merge: int | None, lex: Lexicon) -> list[Target]:
    """Targets of a stretch without markup, item by item."""
    items: list[Target] = []
    position_open = False
    pending_position = None     # "... and its chief executive, Jane Roe": the role of the next name
    chunks = _chunks(sorted(tokens, key=lambda t: t.i), doc, merge, lex)
    clauses = _clause_tokens(tokens)
    for k, raw_chunk in enumerate(chunks):
        chunk = clean_edges(raw_chunk)
        if chunk and all(t.i in clauses for t in chunk):
            continue        # "members who sponsored a bill to recognize X and Y": X and Y are not targets
        if chunk and chunk[0].lower_ == "as" and len(chunk) > 1:      # "as well as X": the "as" that is left
            chunk = chunk[1:]
        if not chunk:
            continue
        if _is_role_before_name(items, raw_chunk, chunk, chunks[k + 1] if k + 1 < len(chunks) else None):
            pending_position = doc[chunk[0].i:chunk[-1].i + 1].text
            position_open = False
            continue
        if items and _legal_form(chunk, lex):     # "Myanmar Imperial Jade Co., LTD."
            items[-1].end = chunk[-1].i + 1
            items[-1].text = f"{items[-1].text}, {doc[chunk[0].i:chunk[-1].i + 1].text}"
            continue
        ent = _lead_entity(chunk, doc)
        if ent is not None and ent.label_ in ("ORG", "FAC"):
            ent = _split_coordinated_org(ent, lex, chunk[0].i)
        if ent is not None and k and _place_list(chunks[k - 1], ent):
            continue        # "entities from the Emirates, Turkey and Hong Kong": more places, not targets
        if ent is not None:
            items.append(_named_item(chunk, ent, doc, lex, pending_position))
            position_open, pending_position = True, None
            continue
        position_open = _unnamed_chunk(items, raw_chunk, chunk, doc, position_open)
    return items
