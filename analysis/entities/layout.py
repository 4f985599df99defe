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
from .settings import NOT_NAMES

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
#: Words before a place where a match is played ("at Northvale"): the place, not the team.
VENUE_BEFORE = frozenset({"at", "in"})
#: Share of a line's tokens that are scores for the line to be a results row.
RESULTS_ROW_SHARE = 0.25
#: A score in a results row: a number of one to three digits, or two joined by a hyphen ("4-38", "429-7").
SCORE = re.compile(r"\d{1,3}(?:-\d{1,3})?")
#: A word of a name in a table row, and the longest such name (tokens).
NAME_TOKEN = re.compile(r"[A-Z](?:[A-Za-z'’.-]*[a-zA-Z.])?")
ROW_NAME_MAX_TOKENS = 3
#: A person written with an initial: "K. Dalberg", "T.O'Hara".
INITIAL_NAME = re.compile(r"[A-Z]\.\s?[A-Z][a-z'’]?[A-Za-z'’-]*[a-z]")
#: A word of a personal name: capitalised, letters, inner hyphens or apostrophes ("Anne-Lise", "O'Hara").
PERSON_WORD = re.compile(r"[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)*|[A-Z][a-z]*[A-Z][a-z]+")


def line_bounds(doc, start: int, end: int) -> tuple[int, int]:
    """Token range of the line holding tokens ``[start, end)``."""
    line_start = start
    while line_start > 0 and "\n" not in doc[line_start - 1].text_with_ws:
        line_start -= 1
    line_end = end
    while line_end < len(doc) and "\n" not in doc[line_end - 1].text_with_ws:
        line_end += 1
    return line_start, line_end


def is_score(doc, i: int) -> bool:
    """Token ``i`` is a score: a small number not followed by a number word or a per cent ("415 million")."""
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return bool(SCORE.fullmatch(doc[i].text)) and not (nxt is not None and (nxt.is_alpha and nxt.like_num or nxt.lower_ in ("%", "pct")))


def is_results_row(doc, line_start: int, line_end: int) -> bool:
    """Two or more scores in the line, a quarter of its tokens or more ("Tarnow 3 Belsk 2", "Westshire 296")."""
    scores = sum(1 for i in range(line_start, line_end) if is_score(doc, i))
    tokens = sum(1 for t in doc[line_start:line_end] if not t.is_space)  # a line break is no token of the row
    return scores >= 2 and scores >= RESULTS_ROW_SHARE * tokens


def in_match(doc, start: int, end: int) -> bool:
    """A one-word name next to a match verb or word ("Westshire beat Eastmoor", "against Eastmoor").
    A club or a team named after its town is an organisation."""
    if end - start != 1:
        return False
    nxt = doc[end] if end < len(doc) else None
    prv = doc[start - 1] if start > 0 else None
    return prv is not None and prv.lower_ in MATCH_BEFORE or nxt is not None and nxt.lower_ in MATCH_AFTER


def in_results_row(doc, start: int, end: int) -> bool:
    """A name right before a score in a results row ("Westshire 296", "Tarnow 3 Belsk 2": two or more
    scores in the line)."""
    return end < len(doc) and is_score(doc, end) and is_results_row(doc, *line_bounds(doc, start, end))


def initial_name(text: str, lexicon: Lexicon) -> bool:
    """A person written with an initial ("K. Dalberg"), not a known place or name."""
    return bool(INITIAL_NAME.fullmatch(text)) and not lexicon.lookup(text) \
        and not lexicon.lookup(re.split(r"[.\s]+", text)[-1])


def _name_token(tok) -> bool:
    """A word that can be part of a name in a table row: capitalised letters, an initial ("P."), "O'Hara"."""
    return bool(NAME_TOKEN.fullmatch(tok.text)) and tok.ent_type_ not in NOT_NAMES


def results_row_names(doc, doc_id: str, covered: set[int], lexicon: Lexicon) -> list[Candidate]:
    """Names spaCy missed in results rows: a run of capitalised words right before a score
    ("Tarnow 3 Belsk 2", "K. Dalberg 69", "NORTHVALE 74 59 .556"). A person's initial ("K. Dalberg") makes a
    person; a known name keeps its label; any other name before a score is a team (an organisation).
    A row heading of the lexicon's ``table_words`` ("Total 103") is none."""
    out = []
    for line_start in line_starts(doc):
        line_end = line_bounds(doc, line_start, line_start + 1)[1]
        if not is_results_row(doc, line_start, line_end):
            continue
        i = line_start
        while i < line_end:
            j = i
            while j < line_end and j - i < ROW_NAME_MAX_TOKENS and _name_token(doc[j]) and j not in covered:
                j += 1
            if j > i and j < line_end and is_score(doc, j) and (i == line_start or not _name_token(doc[i - 1])) \
                    and doc[i].lower_ not in lexicon.table_words:
                out.append(_row_name(doc_id, doc, i, j, lexicon))
            i = max(j, i + 1)
    return out


def _row_name(doc_id: str, doc, start: int, end: int, lexicon: Lexicon) -> Candidate:
    text = doc[start:end].text
    known = lexicon.lookup(text)
    if known in lexicon.entries:
        label = lexicon.entries[known].label
    elif initial_name(text, lexicon):
        label = "PERSON"
    else:
        label = "ORG"
    # a team found here has no label vote of its own: it is a team in this article (labels.document_teams)
    return Candidate(doc_id, start, end, "", "results_row", label_hint=None if label == "ORG" else label)


def nationality_names(doc, doc_id: str, lexicon: Lexicon) -> list[Candidate]:
    """A personal name followed by a country in brackets, as results and entry lists write players
    ("Dana Morvik ( Norvia ) beat ...", "4. Ilse Varga ( Korvath ) 4:09.25"): two or three capitalised
    words, none an organisation word, the whole no known name, then ``( country )``."""
    out = []
    for t in doc:
        if t.text != "(" or t.i < 2:
            continue
        close = next((k for k in range(t.i + 1, min(t.i + 5, len(doc))) if doc[k].text == ")"), None)
        if close is None or close == t.i + 1:
            continue
        inside = lexicon.lookup(doc[t.i + 1:close].text)
        if inside not in lexicon.countries:
            continue
        start = t.i
        while start > 0 and t.i - start < ROW_NAME_MAX_TOKENS and PERSON_WORD.fullmatch(doc[start - 1].text) \
                and "\n" not in doc[start - 1].text_with_ws:
            start -= 1
        words = doc[start:t.i]
        if len(words) < 2 or any(w.lower_ in lexicon.organisation_heads for w in words) \
                or lexicon.lookup(words.text) or start > 0 and PERSON_WORD.fullmatch(doc[start - 1].text) \
                and "\n" not in doc[start - 1].text_with_ws:
            continue
        out.append(Candidate(doc_id, start, t.i, "PERSON", "nationality", label_hint="PERSON"))
    return out
