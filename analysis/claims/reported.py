"""Reported speech and according-to claims: the content span a cue attributes when it is not a quote.

:func:`content_span` reads the clause of a cue from the parse (the ccomp/xcomp of "said",
the object of "denied"/"called for", the clause "according to X" sources);
:func:`reported_spans` keeps the spans that are real claims (enough words outside quotes,
not inside a quote draft, stopped where markup starts).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..nlp.docs import doc_text
from ..text.markup import markup_spans
from ..text.quotes import Segment
from .cues import Cue
from .quotes import WORD, outside_quotes, para_of, sentence_of
from .settings import DEFAULTS, Settings

_NOUN_CONTENT_PREPS = ("regarding", "about", "over", "on", "of", "concerning")
_CONTENT_POS = ("VERB", "AUX", "NOUN", "ADJ", "PROPN")


def reported_spans(doc, cues: list[Cue], para_spans: list[tuple[int, int]], sentences: list[list[tuple[int, int]]],
                   segments: list[Segment], quote_drafts: list, settings: Settings = DEFAULTS) -> list[tuple]:
    """``(start, end, kind, cue, paragraph)`` of each reported-speech (``indirect``) or ``according_to`` claim.

    A cue qualifies unless it only labels or only introduces quotes, or already carries a
    direct quote; its content needs ``reported_min_words`` words outside quotes
    (``denial_min_words`` for a denial) and must not sit inside a quote draft.
    """
    text = doc_text(doc)
    quote_spans = [(d.start, d.end) for d in quote_drafts]
    segments = sorted(segments, key=lambda s: s.start)
    seg_starts, seg_longest = [s.start for s in segments], max((s.end - s.start for s in segments), default=0)
    cues_by_start = sorted(cues, key=lambda c: c.start)
    cue_starts = [c.start for c in cues_by_start]
    markup: dict[int, list[tuple[int, int]]] = {}
    out = []
    for cue in cues:
        if cue.label_only or cue.quote_only or cue.kind == "dash":
            continue
        if any(d.cue is cue and d.kind == "direct" for d in quote_drafts):
            continue
        p = para_of(cue.start, para_spans)
        content = content_span(doc, cue, sentence_of(cue.start, sentences[p]))
        if content is None:
            continue
        if p not in markup:
            markup[p] = markup_spans(text, *para_spans[p])
        content = cut_at_markup(text, *content, markup[p])
        if content is not None:
            near = cues_by_start[bisect_right(cue_starts, content[0]):bisect_left(cue_starts, content[1])]
            content = cut_at_aside(doc, *content, cue, near)
        if content is None:
            continue
        a, b = _before_direct_quotes(text, *content, quote_drafts)
        local = segments[bisect_left(seg_starts, a - seg_longest):bisect_left(seg_starts, b)]
        words_outside = len(WORD.findall(outside_quotes(text, a, b, local)))
        if words_outside < (settings.denial_min_words if cue.stance == "deny" else settings.reported_min_words):
            continue
        if any(qs <= a and b <= qe for qs, qe in quote_spans):
            continue
        out.append((a, b, "according_to" if cue.kind == "according_to" else "indirect", cue, p))
    return out


def content_span(doc, cue: Cue, sent: tuple[int, int]) -> tuple[int, int] | None:
    """Text span of what a cue attributes when it is not a direct quote (None when there is none)."""
    if cue.kind == "according_to":
        return _according_to_content(doc_text(doc), cue, sent)
    tok = doc[cue.i]
    if cue.kind == "noun":   # "claim that ...", "denial regarding ..."
        after = [c for c in tok.children if c.i > tok.i and (c.dep_ in ("acl", "ccomp", "relcl") and
                 any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)
                 or (c.dep_ == "prep" and c.lower_ in _NOUN_CONTENT_PREPS))]
        if not after:
            return None
        return trim_tokens(doc, after[0].left_edge.i, after[0].right_edge.i + 1, sent)
    comp = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in _CONTENT_POS]
    if not comp and tok.lemma_.lower() in ("accuse", "blame"):
        charge = _charge(tok)
        if charge is not None:   # "accused X of “...”": the charge is what is said, X the one charged
            return trim_tokens(doc, charge.left_edge.i, charge.right_edge.i + 1, sent)
    if not comp and cue.stance in ("deny", "call") or (not comp and tok.lemma_.lower() in ("accuse", "blame")):
        comp = [c for c in tok.children if c.dep_ in ("dobj", "prep", "xcomp", "pcomp", "ccomp")]
        if comp:
            a = min(c.left_edge.i for c in comp)
            b = max(c.right_edge.i for c in comp) + 1
            return trim_tokens(doc, a, b, sent)
    if not comp:
        return None
    c = comp[0]
    a, b = c.left_edge.i, c.right_edge.i + 1
    if a <= cue.i < b:
        return None
    if b <= cue.i and tok.idx > sent[1]:
        return None
    return trim_tokens(doc, a, b, sent)


def _charge(tok):
    """The object of "of"/"for" after an accusing verb (*accused the leader of “recklessness”*, *blamed X for Y*),
    or None."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.i > tok.i and prep.lower_ in ("of", "for"):
            return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    return None


def _according_to_content(text: str, cue: Cue, sent: tuple[int, int]) -> tuple[int, int] | None:
    """The longer side of the sentence around "according to X" (past the rest of the source phrase)."""
    m = cue.speaker
    pp_end = m.end if m is not None else cue.end
    left = text[sent[0]:cue.start].rstrip(" ,;—–-\n")
    right_start = pp_end
    right = text[right_start:sent[1]]
    if re.match(r"^[^,]{0,60}?,", right) and len(right) > 0 and not right.lstrip().startswith(","):
        # skip the rest of the source phrase up to its comma ("... statement, members of ...")
        cut = right.index(",")
        if len(WORD.findall(right[:cut])) <= 6:
            right_start += cut + 1
    right = text[right_start:sent[1]]
    if len(left.strip()) >= len(right.strip()):
        a, b = sent[0], sent[0] + len(left)
    else:
        a = right_start + (len(right) - len(right.lstrip(" ,;—–-")))
        b = sent[1]
    return trim(text, a, b)


def _before_direct_quotes(text: str, a: int, b: int, quote_drafts: list) -> tuple[int, int]:
    """``a:b`` stopped before a direct quote that opens inside it, and before that quote's own speech tag
    (*..., and when pressed, the mother of three replied, “...”*: the reply is its own claim)."""
    for d in quote_drafts:
        if d.kind == "direct" and a < d.start < b:
            stops = [d.start - 1]
            if d.cue is not None and a < d.cue.start < d.start:
                stops.append(d.cue.start)
                if d.cue.speaker is not None and a < d.cue.speaker.start < d.cue.start:
                    stops.append(d.cue.speaker.start)
            b = min(b, *stops)
    return trim(text, a, b) or (a, a)


_ASIDE = re.compile(r"\s(?:—|―|–|--)\s")


def cut_at_aside(doc, a: int, b: int, cue: Cue, cues: list[Cue]) -> tuple[int, int] | None:
    """The clause ``a:b`` stopped before the writer's aside after a dash (*“...” — a metaphor for ...*) and
    before a further cue its speaker coordinates (*said it was “opposed” and warned ...*: another attribution)."""
    text = doc_text(doc)
    m = _ASIDE.search(text, a, b)
    if m is not None and len(WORD.findall(text[a:m.start()])) >= 3:
        b = m.start()
    for other in cues:
        tok = doc[other.i]
        if other is not cue and a < other.start < b and other.kind == "verb" and tok.dep_ == "conj" \
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            k = tok.i
            while k > 0 and (doc[k - 1].dep_ == "cc" or doc[k - 1].is_punct or doc[k - 1].is_space):
                k -= 1   # "... to the test and warned": the "and" goes with the cut
            b = min(b, doc[k].idx)
    return trim(text, a, b)


def cut_at_markup(text: str, a: int, b: int, markup: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span ``a:b`` stopped at the first markup inside it (markup at its start is skipped)."""
    for ma, mb in markup:
        if mb <= a or ma >= b:
            continue
        if ma <= a:
            a = mb
            continue
        b = ma
        break
    return trim(text, a, b) if b > a else None


def trim_tokens(doc, a: int, b: int, sent: tuple[int, int]) -> tuple[int, int] | None:
    """Text span of tokens ``doc[a:b]`` kept inside the sentence and trimmed."""
    if b <= a:
        return None
    s, e = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
    s, e = max(s, sent[0]), min(e, sent[1])
    return trim(doc_text(doc), s, e)


def trim(text: str, a: int, b: int) -> tuple[int, int] | None:
    """``(a, b)`` without surrounding spaces, commas, colons, dashes (and a final full stop), nor a quotation
    mark opened at its end (*she recalled thinking, “* – the quote it opens is not in the clause); None when empty."""
    while a < b and text[a] in " ,;:\n—–-":
        a += 1
    while b > a and (text[b - 1] in " ,;:\n—–-." or _opens_at(text, a, b - 1)):
        b -= 1
    return (a, b) if b > a else None


def _opens_at(text: str, a: int, i: int) -> bool:
    """True when the mark at ``text[i]`` opens a quote: “ or ‘, or a straight mark after a space or colon."""
    return text[i] in "“‘" or (text[i] == '"' and i > a and text[i - 1] in " ,:\n")
