"""Names in a parsed article, for speaker reading: cleaning a name, proper-noun runs, the article's surnames,
the entities inside a token range (by bisection, built once per Doc).

Split from :mod:`.speakers`, which re-exports :func:`clean_name`, :func:`strip_det`, :func:`span_text`,
:func:`propn_chains` and :func:`person_surnames`.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ..nlp.docs import doc_ents, doc_text
from .cues import Lexicon


def clean_name(text: str, lexicon: Lexicon) -> str:
    """A name without leading honorifics, a trailing "'s" and surrounding punctuation."""
    words = text.replace("’", "'").split()
    while words and words[0].lower().rstrip(".") in {h.rstrip(".") for h in lexicon.honorifics}:
        words = words[1:]
    name = " ".join(words)
    name = re.sub(r"'s$", "", name)
    return name.strip(" ,.;:'\"“”‘’<>=/")


def strip_det(text: str) -> str:
    """A noun phrase without surrounding punctuation and a leading article or demonstrative."""
    text = text.strip(" ,.;:\n\"'“”‘’<>=/")
    return re.sub(r"^(?:the|a|an|this|that|these|those)\s+", "", text, flags=re.I).strip(" ,")


def span_text(doc, a: int, b: int) -> str:
    """The text of tokens ``doc[a:b]`` as written (``""`` when empty)."""
    return doc_text(doc)[doc[a].idx:doc[b - 1].idx + len(doc[b - 1])] if b > a else ""


def propn_chains(doc, a: int, b: int) -> list[tuple[int, int]]:
    """Token ranges of capitalised proper-noun runs in ``doc[a:b]`` (hyphens, dots, apostrophes inside)."""
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


def after_role(doc, a: int, lexicon: Lexicon) -> bool:
    """True when the name starting at token ``a`` follows a role noun, directly or as an apposition
    ("spokesman Li Wen", "the party's leader, Ann Reed")."""
    if a > 0 and doc[a - 1].lower_ in lexicon.roles:
        return True
    return a > 1 and doc[a - 1].text == "," and doc[a - 2].lower_ in lexicon.roles and doc[a - 2].pos_ == "NOUN"


def person_surnames(doc, lexicon: Lexicon) -> set[str]:
    """Last names of the article's people: PERSON entities and names after a role or honorific."""
    names = {e.text for e in doc_ents(doc) if e.label_ == "PERSON"}
    for a, b in propn_chains(doc, 0, len(doc)):
        if a > 0 and (doc[a - 1].lower_ in lexicon.honorifics or
                      (after_role(doc, a, lexicon) and b - a >= 2)):
            names.add(span_text(doc, a, b))
    return {clean_name(n, lexicon).split()[-1].lower() for n in names if clean_name(n, lexicon).split()}


_ENT_STARTS = "analysis.claims.ent_starts"


def ents_within(doc, a: int, b: int) -> list:
    """Entities of ``doc`` lying inside tokens ``doc[a:b]``, found by bisection over their starts (built once
    per Doc), not by a scan of every entity of the article per mention."""
    ents = doc_ents(doc)
    starts = doc.user_data.get(_ENT_STARTS)
    if starts is None or len(starts) != len(ents):
        starts = doc.user_data[_ENT_STARTS] = [e.start for e in ents]
    return [e for e in ents[bisect_left(starts, a):bisect_left(starts, b)] if e.end <= b]


def _drop_titles(doc, span, lexicon: Lexicon):
    """The name without leading titles ("Gen. Lee Park" -> "Lee Park"); None when only titles remain."""
    start = span.start
    while start < span.end and (doc[start].lower_ in lexicon.honorifics or doc[start].text == "."):
        start += 1
    return doc[start:span.end] if start < span.end else None


def role_holders(doc, lexicon: Lexicon, before: int = 4) -> list[tuple[int, str, str]]:
    """``(offset, role, name)`` of the article's people introduced with a role, in text order: "Home Secretary
    Alan Dunmore", "the chancellor, Tom Reed,", "Tom Reed, the chancellor," (role lower case)."""
    out = []
    for e in doc_ents(doc):
        if e.label_ != "PERSON":
            continue
        inner = [k for k in range(e.start, e.end) if doc[k].lower_ in lexicon.roles]
        name_start = inner[-1] + 1 if inner else e.start
        if name_start >= e.end:
            continue
        k = e.start - 1
        if k > 0 and doc[k].text == ",":      # "the chancellor, Tom Reed"
            k -= 1
        lead = []
        while k >= 0 and len(lead) < before and doc[k].pos_ in ("PROPN", "NOUN", "ADJ") and doc[k].ent_type_ != "PERSON":
            lead.insert(0, doc[k])
            k -= 1
        words = [t.lower_ for t in lead] + [doc[j].lower_ for j in range(e.start, name_start)]
        if not any(w in lexicon.roles for w in words) and e.end + 1 < len(doc) and doc[e.end].text == ",":
            tail = []                          # "Tom Reed, the chancellor,"
            for t in doc[e.end + 1:min(len(doc), e.end + 8)]:
                if t.is_punct:
                    break
                tail.append(t.lower_)
            words = [w for w in tail if w not in ("the", "a", "an")]
        while words and words[-1] not in lexicon.roles:
            words.pop()
        if words:
            out.append((e.start_char, " ".join(words), clean_name(span_text(doc, name_start, e.end), lexicon)))
    return out
