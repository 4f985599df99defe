"""Names the layout of a news article gives away: the place of a dateline, the author of a byline, a team
in a results line.

A dateline opens a line with the place in capitals, then a date or a dash ("KORVATH 2024-05-02",
"NORTHVALE ― ...", "ELMSTEAD, Wyo., Oct. 4 (WNS) —", "DUNMORE , Wyo 2024-05-02"); a byline is a short
line holding only a personal name just before a dateline ("Lena Vasko"). spaCy reads neither well:
a line in capitals looks like a shouted headline, and a name alone on a line has no context.
"""
from __future__ import annotations

import re

from .candidates import Candidate
from .lexicon import Lexicon, party_key

#: What may follow the place of a dateline: a date ("1996-08-30"), a month, or a dash.
DATELINE_END = re.compile(r"(?:\d{4}-\d{2}-\d{2}\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
                          r"January|February|March|April|June|July|August|September|October|November|December)"
                          r"\.?\s+\d{1,2}\b|[–—―]+\s)")
#: Longest place (tokens) at the start of a dateline, and longest byline name.
DATELINE_MAX_TOKENS = 4
BYLINE_MAX_TOKENS = 3


def line_starts(doc) -> list[int]:
    """Token indices that open a line (the first token, and each token after a line break)."""
    starts = [0] if len(doc) else []
    for t in doc[:-1]:
        if "\n" in t.text_with_ws or t.is_space and "\n" in t.text:
            nxt = t.i + 1
            while nxt < len(doc) and doc[nxt].is_space:
                nxt += 1
            if nxt < len(doc) and (not starts or starts[-1] != nxt):
                starts.append(nxt)
    return starts


def _caps_place(doc, i: int) -> int:
    """End of a run of words in capitals starting at token ``i`` ("ST. ALBANS", "PORT ELLEN"), or ``i``."""
    j = i
    while j < len(doc) and j - i < DATELINE_MAX_TOKENS and "\n" not in doc[j].text \
            and (re.fullmatch(r"[A-Z][A-Z.'-]*", doc[j].text) or doc[j].text == "." and j > i):
        j += 1
    while j > i and not any(ch.isalpha() for ch in doc[j - 1].text):
        j -= 1
    return j


def _region(doc, i: int) -> int:
    """End of a region after a dateline's comma ("Wyo", "N.H.", "Aland Islands"), or ``i``."""
    j = i
    while j < len(doc) and j - i < 3 and doc[j].text[:1].isupper() and not _ends_here(doc, j):
        j += 1
    return j


def _ends_here(doc, j: int) -> bool:
    """A date ("2024-05-02", "Oct. 4") or a dash starts at token ``j``."""
    return bool(DATELINE_END.match(doc.text, doc[j].idx))


def datelines(doc, doc_id: str, lexicon: Lexicon) -> list[Candidate]:
    """The place (and its region) opening each dateline, and the byline name on the line before it."""
    out = []
    starts = line_starts(doc)
    for n, i in enumerate(starts):
        end = _caps_place(doc, i)
        if end == i or len(doc[i:end].text.replace(".", "")) < 3:
            continue
        j, region = end, None
        if j < len(doc) and doc[j].text == ",":
            r_end = _region(doc, j + 1)
            if r_end > j + 1:
                region, j = (j + 1, r_end), r_end
                if j < len(doc) and doc[j].text == ",":
                    j += 1
        if j >= len(doc) or not _ends_here(doc, j):
            continue
        out.append(_place(doc_id, doc, i, end, lexicon))
        if region:
            out.append(_place(doc_id, doc, region[0], region[1], lexicon))
        if n > 0:
            out.extend(_byline(doc_id, doc, starts[n - 1], i))
    return out


def _place(doc_id: str, doc, start: int, end: int, lexicon: Lexicon) -> Candidate:
    text = doc[start:end].text
    known = lexicon.lookup(text) or lexicon.party_states.get(party_key(text))
    label = lexicon.entries[known].label if known in lexicon.entries else "GPE"
    return Candidate(doc_id, start, end, "", "dateline", label_hint=label, forced=known or text.title())


def _byline(doc_id: str, doc, start: int, end: int) -> list[Candidate]:
    """A line of two or three capitalised words, nothing else, before a dateline: the author."""
    words = [t for t in doc[start:end] if not t.is_space]
    if not 2 <= len(words) <= BYLINE_MAX_TOKENS or not all(t.is_alpha and t.text[:1].isupper()
                                                           and not t.is_upper for t in words):
        return []
    return [Candidate(doc_id, words[0].i, words[-1].i + 1, "PERSON", "byline", label_hint="PERSON")]


#: Verbs and words that put a one-word name in a match: "Westshire beat Eastmoor", "the match against Eastmoor".
MATCH_BEFORE = frozenset({"beat", "beats", "against", "v", "vs", "defeated", "defeat", "overcame"})
MATCH_AFTER = frozenset({"beat", "beats", "drew", "defeated", "lost", "won", "trail", "trailed", "lead", "led",
                         "v", "vs"})  # not "v.": "Plessy v. Ferguson" is a court case
#: Share of a line's tokens that are scores for the line to be a results row.
RESULTS_ROW_SHARE = 0.25


def in_match(doc, start: int, end: int) -> bool:
    """A one-word name in a match: a results row ("Westshire 296", "Tarnow 3 Belsk 2": a score after it, two
    or more in the line) or a match verb next to it ("Westshire beat Eastmoor"). A club or a team named
    after its town is an organisation."""
    if end - start != 1:
        return False
    nxt = doc[end] if end < len(doc) else None
    prv = doc[start - 1] if start > 0 else None
    if prv is not None and prv.lower_ in MATCH_BEFORE or nxt is not None and nxt.lower_ in MATCH_AFTER:
        return True
    if nxt is None or not re.fullmatch(r"\d{1,3}", nxt.text):
        return False
    line_start = start
    while line_start > 0 and "\n" not in doc[line_start - 1].text_with_ws:
        line_start -= 1
    line_end = end
    while line_end < len(doc) and "\n" not in doc[line_end - 1].text_with_ws:
        line_end += 1
    scores = sum(1 for t in doc[line_start:line_end] if re.fullmatch(r"\d{1,3}", t.text))
    return scores >= 2 and scores >= RESULTS_ROW_SHARE * (line_end - line_start)
