"""Recall and precision after resolution: forms spaCy missed, common nouns taken for names.

:func:`propagate` finds further occurrences of a form (or a person's surname) already named in the
same article; :func:`drop_common_nouns` drops single words the article also writes in lower case.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .candidates import Candidate, DocContext, shouted_stopword, stop_words, upper_context
from .clean import title_before
from .lexicon import Lexicon
from .names import is_person_name, words
from .settings import DEFAULTS, NOT_NAMES, Settings


def propagate(cands: list[Candidate], context: dict[str, DocContext], labels: dict[str, str], lexicon: Lexicon,
              settings: Settings = DEFAULTS) -> list[Candidate]:
    """New candidates: occurrences spaCy missed of forms already found in the same article (and surnames)."""
    added: list[Candidate] = []
    by_doc: dict[str, list[Candidate]] = defaultdict(list)
    for c in cands:
        by_doc[c.doc_id].append(c)
    for doc_id, doc_cands in by_doc.items():
        forms = _known_forms(doc_cands, labels, lexicon, settings)
        doc = context[doc_id].doc
        taken = bytearray(len(doc) + 1)   # tokens inside a candidate already (one lookup, not a scan of all)
        for c in doc_cands:
            taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        token_starts = {t.idx: t.i for t in doc}
        token_ends = {t.idx + len(t.text): t.i + 1 for t in doc}
        text = doc.text
        display = display_lines(text, lexicon)
        caps = [(a, b) for a, b, kind in display if kind == "caps"]
        titled = [(a, b) for a, b, kind in display if kind == "title"]
        for form in sorted(forms, key=lambda f: (-len(f), f)):
            canonical = forms[form]
            for m in re.finditer(r"(?<![\w'’-])" + re.escape(form) + r"(?![\w-])", text, flags=re.I):
                s, e = token_starts.get(m.start()), token_ends.get(m.end())
                if s is None or e is None or any(taken[s:e]):
                    continue
                in_caps = any(a <= m.start() < b for a, b in caps)
                if m.group() != form and not (in_caps and m.group().isupper()):
                    continue  # another case only for a line in capitals ("WESTSHIRE" for Westshire)
                # in a display line every word is capitalised: a neighbour's capital says nothing
                in_display = in_caps or any(a <= m.start() < b for a, b in titled)
                if not in_display and not _is_occurrence(doc, s, e, form, labels[canonical], lexicon):
                    continue
                if in_display and (len(form) < 4 or any(t.ent_type_ in NOT_NAMES for t in doc[s:e])):
                    continue
                added.append(_new_mention(doc_id, doc, s, e, form, canonical, labels[canonical],
                                          context[doc_id], lexicon))
                taken[s:e] = b"\x01" * (e - s)
    return added


def _known_forms(doc_cands: list[Candidate], labels: dict[str, str], lexicon: Lexicon,
                 settings: Settings) -> dict[str, str]:
    """Capitalised forms of the article's people, organisations and places (and people's surnames) -> canonical."""
    forms: dict[str, str] = {}
    for c in doc_cands:
        label = labels.get(c.canonical)
        if label not in ("PERSON", "ORG", "GPE", "LOC"):
            continue
        if c.text[:1].isupper() and len(c.text) >= settings.propagate_min_chars:
            forms.setdefault(c.text, c.canonical)
        if label == "PERSON" and is_person_name(c.canonical, lexicon):
            for name in (c.canonical, c.text):  # the canonical surname and the one written here
                surname = name.split()[-1]
                if len(surname) >= settings.propagate_min_chars and surname[:1].isupper():
                    forms.setdefault(surname, c.canonical)
    return forms


def _is_occurrence(doc, s: int, e: int, form: str, label: str, lexicon: Lexicon) -> bool:
    """The tokens ``[s, e)`` are a mention of ``form``, not a word in a headline, a date, a stop word,
    a sentence opener (unless a speech verb follows a person's name) or part of a longer name."""
    if shouted_stopword(doc, s, e):
        return False
    if any(t.ent_type_ in NOT_NAMES for t in doc[s:e]) or (e - s == 1 and doc[s].lower_ in stop_words()):
        return False  # "May" the month is not Mrs May
    if e - s == 1 and form.isupper() and len(form) <= 3 and upper_context(doc, s, e):
        return False
    nxt = doc[e] if e < len(doc) else None
    if e - s == 1 and doc[s].is_sent_start and doc[s].pos_ != "PROPN" and not (
            label == "PERSON" and nxt is not None and nxt.lower_ in lexicon.speech_verbs):
        return False
    prv = doc[s - 1] if s > 0 else None
    if nxt is not None and nxt.is_alpha and nxt.text[:1].isupper() and not nxt.is_sent_start:
        return False  # part of a longer name
    if prv is not None and prv.is_alpha and prv.text[:1].isupper() and not doc[s].is_sent_start \
            and prv.lower_ not in lexicon.determiners and title_before(doc, s, lexicon) is None:
        return False
    return True


def _new_mention(doc_id: str, doc, s: int, e: int, form: str, canonical: str, label: str, ctx: DocContext,
                 lexicon: Lexicon) -> Candidate:
    """A ``string_match`` candidate for tokens ``[s, e)``, already resolved."""
    if form != canonical and lexicon.lookup(form) != canonical:
        method = "same_article_fullname"
    else:
        method = "exact" if lexicon.key(form) == lexicon.key(canonical) else "alias_table"
    c = Candidate(doc_id, s, e, label, "string_match", canonical=canonical, method=method)
    span = doc[s:e]
    c.text, c.char_start, c.char_end = span.text, span.start_char, span.end_char
    c.sentence_id = ctx.sent_index.get(s, 0)
    if label == "PERSON":
        before = title_before(doc, s, lexicon)
        if before:
            c.role = before[1]
    return c


#: A run of letters standing alone: not glued to a word character, apostrophe or hyphen on its left,
#: nor to a word character or hyphen on its right (the same bounds the lower-case check always used).
_STANDALONE_WORD = re.compile(r"(?<![\w'’-])[^\W\d_]+(?![\w-])")


def drop_common_nouns(cands: list[Candidate], context: dict[str, DocContext]) -> list[Candidate]:
    """Without single words the article also uses in lower case ("blitz"): they are not names.

    Each article's standalone words are collected once (one pass over its text), so the check costs
    a set lookup per candidate, not a search of the whole article.
    """
    standalone: dict[str, frozenset[str]] = {}
    out = []
    for c in cands:
        if c.method == "surface" and len(words(c.text)) == 1 and c.text.isalpha() and not c.text.isupper():
            if c.doc_id not in standalone:
                standalone[c.doc_id] = frozenset(_STANDALONE_WORD.findall(context[c.doc_id].doc.text))
            if c.text.lower() in standalone[c.doc_id]:
                continue
        out.append(c)
    return out


#: Short words that stay in lower case in a title-case line ("Ports Brace For Storm in the ...").
TITLE_CASE_SMALL = frozenset({"a", "an", "the", "of", "for", "and", "or", "nor", "but", "to", "in", "on", "at",
                              "by", "with", "from", "as", "is", "vs", "via", "per", "into", "over", "up"})


#: A colon this near the start of a line may end a run-in subheading.
RUN_IN_CHARS = 60


def display_lines(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of the text's display lines: ``caps`` (every letter a capital: a wire
    headline, a dateline) or ``title`` (every word but short ones capitalised, no digits: a headline, a
    subheading, a byline; a line with figures, commas or brackets is a table or a list). spaCy's labels are unreliable there: a word is capitalised whether or not it is a name."""
    out = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        words = re.findall(r"[^\W\d_][\w'’.-]*", line)
        if not words:
            continue
        if not any(ch.islower() for ch in line) and any(len(w) > 1 for w in words):
            out.append((start, end, "caps"))
        elif _title_case(words, lexicon) and len(words) <= 20 and not _tabular(line):
            out.append((start, end, "title"))
        elif ": " in line[:RUN_IN_CHARS] and not _tabular(line[:line.index(": ")]) \
                and _title_case(re.findall(r"[^\W\d_][\w'’.-]*", line[:line.index(": ")]), lexicon):
            out.append((start, start + line.index(": "), "title"))  # a run-in subheading ("Open Questions for ...:")
    return out


def _tabular(text: str) -> bool:
    """Figures, commas or brackets: a table row or a list of names, not a heading."""
    return any(ch.isdigit() or ch in ",;(" for ch in text)


def _title_case(words: list[str], lexicon: Lexicon) -> bool:
    return bool(words) and all(w[:1].isupper() or w.lower() in TITLE_CASE_SMALL or w.lower() in lexicon.connectors
                               for w in words)


#: Sources whose names stand in a display line by the layout, not as words of a heading.
KEPT_IN_DISPLAY = ("party_tag", "dateline", "byline", "alias_match", "results_row", "nationality")


def drop_unconfirmed_display(cands: list[Candidate], context: dict[str, DocContext], lexicon: Lexicon) -> list[Candidate]:
    """Without names found only by spaCy in a display line (:func:`display_lines`) and named nowhere else
    in the article: "Open Questions", "Ports Brace For Storm" are subheadings. Kept there: alias
    table forms, party tags, datelines and names placed by a results row or a "( country )" tag
    (:data:`KEPT_IN_DISPLAY`, or a name before a score of a results row), a person named in a byline ("By ...") or with a title, and any
    name the article also writes outside its display lines (the forms of the rest are found again by
    :func:`propagate`)."""
    by_doc: dict[str, list[Candidate]] = defaultdict(list)
    for c in cands:
        by_doc[c.doc_id].append(c)
    out = []
    for doc_id, doc_cands in by_doc.items():
        lines = display_lines(context[doc_id].doc.text, lexicon)
        if not lines:
            out.extend(doc_cands)
            continue

        def kind(c):
            return next((k for a, b, k in lines if a <= c.char_start < b), None)

        kinds = {id(c): kind(c) for c in doc_cands}
        elsewhere = {lexicon.key(c.text) for c in doc_cands if kinds[id(c)] is None} | \
                    {lexicon.key(c.canonical or "") for c in doc_cands if kinds[id(c)] is None}
        for c in doc_cands:
            k = kinds[id(c)]
            if k is None or c.forced or c.source in KEPT_IN_DISPLAY or c.extra.get("team_row") \
                    or c.method in ("exact", "alias_table") or lexicon.key(c.text) in elsewhere \
                    or lexicon.key(c.canonical or c.text) in elsewhere \
                    or (k == "title" and c.spacy_label == "PERSON" and is_person_name(c.text, lexicon)
                        and (c.role or _after_by(context[doc_id].doc, c))):
                out.append(c)
    return out


def _after_by(doc, c: Candidate) -> bool:
    """The name follows "By" at the start of its line (a byline)."""
    return c.start > 0 and doc[c.start - 1].lower_ == "by" and (c.start == 1 or "\n" in doc[c.start - 2].text_with_ws)
