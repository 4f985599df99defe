"""Who speaks in a document: the issuer of a release, the signatories of a joint statement, the reporters.

A government text says "we" and "the Department" for its issuer, and often never names it in the sentence
that acts. :func:`document_issuer` reads the issuer from the text itself:

1. a joint statement's signatories ("We, the leaders of A, B and C condemn ..."): one authority each;
2. an issuer phrase or an office in the header (the first lines: headline, dateline, "Council of the EU");
3. the speaker labels of a transcript ("SENIOR ADMINISTRATION OFFICIAL:");
4. an issuer phrase in the first paragraphs;
5. the first acting state the header names ("Fact Sheet: United States Takes Further Actions").

The phrases are the ``issuers`` of ``data/sanctions_authorities.yaml``. Steps 2-4 apply only to a text whose
first lines name a government genre ("Fact Sheet", "Press Briefing", "Statement by", "Press release": the
``government_genres`` of ``data/sanctions_cues.yaml``); a news story gets no issuer, so its actions keep the
authority read from their sentences.
:func:`reporter_units` marks the paragraphs a reporter speaks in a briefing transcript ("Q", "Reporter:").
"""
from __future__ import annotations

import re

from .authorities import find_authorities, resolve_authorities
from .lexicon import Lexicon
from .settings import Settings

#: Invisible characters that split words in scraped headlines ("Smith-\u2060Jones").
_INVISIBLE = dict.fromkeys(map(ord, "\u2060\u200b\u200c\u200d\ufeff"))


def _phrase_authorities(text: str, lex: Lexicon) -> list[tuple[int, str]]:
    """``(offset, authority)`` of the issuer phrases and office names in ``text``."""
    low = text.translate(_INVISIBLE).lower()
    found = []
    for authority, phrases in (lex.issuers or {}).items():
        for phrase in phrases:
            for m in re.finditer(r"(?<![\w])" + re.escape(str(phrase).lower()) + r"(?![\w])", low):
                found.append((m.start(), authority))
    for start, _, kind, name in find_authorities(text.translate(_INVISIBLE), lex):
        if kind == "office":
            found.append((start, lex.offices[name].get("authority")))
    return sorted(f for f in found if f[1])


def _lines(text: str) -> list[tuple[int, str]]:
    """Non-empty lines with their character offsets."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


def signatories(doc, lex: Lexicon, settings: Settings = Settings()) -> list[str]:
    """Authorities of "We, the leaders of A, B and C ..." in the document's first paragraphs (two or more)."""
    head_end = len(doc.text)
    lines = _lines(doc.text)
    if len(lines) > settings.issuer_lines:
        head_end = lines[settings.issuer_lines][0]
    for tok in doc:
        if tok.idx >= head_end:
            break
        if tok.lower_ != "we":
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        appos = [c for c in tok.children if c.dep_ == "appos"]
        if not appos and not (nxt is not None and nxt.text == ","):
            continue
        span = doc[appos[0].left_edge.i:appos[0].right_edge.i + 1].text if appos else \
            doc.text[nxt.idx:doc[tok.i].sent.end_char]
        if not appos:
            span = span.split(" condemn")[0]
        found, _ = resolve_authorities(span, lex)
        if len(found) >= 2:
            return found
    return []


def document_issuer(doc, lex: Lexicon, settings: Settings = Settings(), header: str = "") -> list[str]:
    """The authorities that issue this document (see the module docstring); ``[]`` when it names none.

    ``header`` is the file's text before the Doc's (its headline and the lines the corpus reader set apart).
    """
    joint = signatories(doc, lex, settings)
    if joint:
        return joint
    lines = _lines(header) + _lines(doc.text)
    top = " ".join(line for _, line in lines[:settings.issuer_lines]).translate(_INVISIBLE).lower()
    if not any(re.search(r"(?<!\w)" + re.escape(str(g).lower()) + r"(?!\w)", top)
               for g in lex.cues.get("government_genres", [])):
        return []       # a news story is nobody's release: its actors come from its sentences
    header = " \n ".join(line for _, line in lines[:settings.issuer_header_lines])
    found = _phrase_authorities(header, lex)
    if found:
        return [found[0][1]]
    labels: dict[str, int] = {}
    for _, line in lines:
        m = re.match(r"([A-Z][A-Z .'\-]{2,60}):", line)
        if m:
            for _, auth in _phrase_authorities(m.group(1), lex):
                labels[auth] = labels.get(auth, 0) + 1
    if labels:
        return [max(sorted(labels), key=labels.get)]
    body = " \n ".join(line for _, line in lines[:settings.issuer_lines])
    found = _phrase_authorities(body, lex)
    if found:
        return [found[0][1]]
    # "FACT SHEET: United States Takes Further Actions ...": the first acting state the header names
    named = [name for _, _, kind, name in find_authorities(header.translate(_INVISIBLE), lex)
             if kind == "authority" and not (lex.authorities.get(name) or {}).get("target_state")]
    return named[:1]


def reporter_units(doc, unit_list: list, lex: Lexicon) -> set[int]:
    """Indices of the units a reporter speaks: paragraphs opened by a reporter label ("Q", "Reporter:")
    and the paragraphs that follow them up to the next speaker label."""
    labels = [str(w) for w in lex.cues.get("reporter_labels", [])]
    if not labels:
        return set()
    reporter = re.compile(r"(?:" + "|".join(re.escape(w) for w in labels) + r")(?::|\s|$)")
    speaker = re.compile(r"[A-Z][A-Z .'\-]{2,60}:")
    out: set[int] = set()
    in_reporter = False
    text = doc.text
    for k, (start, _end, *_rest) in enumerate(unit_list):
        idx = doc[start].idx
        line_start = text.rfind("\n", 0, idx) + 1
        if text[line_start:idx].strip() == "":       # the unit opens a paragraph
            para = text[idx:idx + 80]
            if reporter.match(para):
                in_reporter = True
            elif speaker.match(para):
                in_reporter = False
        if in_reporter:
            out.add(k)
    return out
