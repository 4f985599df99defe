"""Quotation marks: the one pairing of opening and closing marks every analysis uses.

* :func:`paragraphs` – ``(start, end)`` of each paragraph (paragraphs are joined by a blank line);
* :func:`quote_segments` – the quoted stretches of one paragraph as :class:`Segment` objects,
  pairing straight, curly and guillemet marks by their neighbours (mixed and unbalanced marks allowed,
  markup ignored, single curly marks read when a paragraph has no double ones);
* :func:`quoted_spans` – every quoted ``(start, end)`` of a whole text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .markup import in_spans, markup_spans

_QUOTE_CHARS = "\"“”„«»"
_SINGLE_QUOTES = "‘’"
_OPENING = "“„«"
_CLOSING = "”»"
_OPEN_CONTEXT = set(" \n\t([{—–-/:;")
#: Abbreviations whose full stop does not end a sentence ("Brig. Gen. Lee Park").
_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass
class Segment:
    """One quoted stretch inside a paragraph (offsets into ``article.text``)."""

    open: int           # position of the opening mark (== start when there is none)
    start: int          # first quoted character
    end: int            # one past the last quoted character
    close: int          # one past the closing mark (== end when unclosed)
    para: int
    closed: bool = True

    @property
    def words(self) -> int:
        return self._words

    def set_text(self, text: str) -> None:
        self.text = text[self.start:self.end]
        self._words = len(_WORD.findall(self.text))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph of a cleaned text (paragraphs are joined by a blank line)."""
    spans, pos = [], 0
    for part in text.split("\n\n"):
        if part.strip():
            lead = len(part) - len(part.lstrip())
            spans.append((pos + lead, pos + len(part.rstrip())))
        pos += len(part) + 2
    return spans


def _mark_role(text: str, i: int, lo: int, hi: int) -> str:
    """'open', 'close' or 'either' for the quote mark at ``i`` judged by its neighbours."""
    ch = text[i]
    if i == lo and i + 1 < hi:
        return "open"   # nothing to close at a paragraph's start: '” … what I learned ...' opens, whatever its shape
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    opens = (before in _OPEN_CONTEXT or before in _QUOTE_CHARS) and not after.isspace()
    closes = not before.isspace() and (after.isspace() or not after.isalnum())
    if ch in _OPENING:
        return "close" if closes and not opens and before.isalnum() and after.isspace() else "open"
    if ch in _CLOSING:
        return "open" if opens and not closes and after.isalnum() else "close"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def quote_segments(text: str, span: tuple[int, int], para: int) -> list[Segment]:
    """Quoted stretches of one paragraph, pairing marks by context (mixed, unbalanced marks allowed).

    A closing mark with no opener extends the paragraph's previous quote to it;
    an opener never closed runs to the end of the paragraph (``closed=False``), or to the next opening of the
    same mark after a sentence end (a lost paragraph break, :func:`_reopens`).
    A paragraph with no double quotation marks is read with single curly marks
    (‘...’, as in some UK newspapers); a ’ inside a word is an apostrophe.
    Quote marks inside markup (``<a href="...">``, ``onerror="..."``) are ignored.
    """
    lo, hi = span
    markup = markup_spans(text, lo, hi)
    if not any(ch in _QUOTE_CHARS for i, ch in enumerate(text[lo:hi], lo) if not in_spans(i, markup)) \
            and "‘" in text[lo:hi]:
        return _single_quote_segments(text, span, para, markup)
    segments: list[Segment] = []
    open_at, depth = None, 0
    for i in range(lo, hi):
        if text[i] not in _QUOTE_CHARS or (markup and in_spans(i, markup)):
            continue
        role = _mark_role(text, i, lo, hi)
        if open_at is None:
            if role in ("open", "either"):
                open_at, depth = i, 0
            elif segments:  # stray closer: the previous quote really ended here
                prev = segments[-1]
                prev.end, prev.close = i, i + 1
        elif role == "open" and not depth and _reopens(text, open_at, i, hi):
            end = len(text[:i].rstrip())   # a lost paragraph break: 'said: "A. "B. "C," she said.'
            segments.append(Segment(open_at, open_at + 1, end, end, para, closed=False))
            open_at = i
        elif role == "open" and text[i] != text[open_at] and text[open_at] != '"':
            depth += 1  # a nested quote inside a curly quote
        elif role == "open" and i > open_at + 1 and text[i - 1].isspace():
            depth += 1
        else:
            if depth:
                depth -= 1
                continue
            segments.append(Segment(open_at, open_at + 1, i, i + 1, para))
            open_at = None
    return _finish_segments(segments, open_at, text, hi, para)


def _reopens(text: str, open_at: int, i: int, hi: int) -> bool:
    """True when the mark at ``i`` opens a new paragraph of the quote opened at ``open_at`` whose paragraph break
    was lost: the same mark again, after a sentence end and a space, before a capital or a digit (the convention
    that a quote running over paragraphs reopens each one and closes only the last)."""
    if text[i] != text[open_at] or i + 1 >= hi or not (text[i + 1].isupper() or text[i + 1].isdigit()):
        return False
    before = text[max(open_at + 1, i - 4):i]
    return before[-1:].isspace() and before.rstrip().rstrip("'’)")[-1:] in (".", "!", "?", "…")


def _finish_segments(segments: list[Segment], open_at: int | None, text: str, hi: int,
                     para: int) -> list[Segment]:
    """Close a quote left open at the paragraph end, trim trailing punctuation, drop empty quotes."""
    if open_at is not None:
        segments.append(Segment(open_at, open_at + 1, hi, hi, para, closed=False))
    out = []
    for seg in segments:
        while seg.end > seg.start and text[seg.end - 1] in " ,;:—–-\n":
            seg.end -= 1
        seg.set_text(text)
        if seg.words:
            out.append(seg)
    return out


def _single_quote_segments(text: str, span: tuple[int, int], para: int,
                           markup: list[tuple[int, int]] = ()) -> list[Segment]:
    lo, hi = span
    segments, open_at = [], None
    for i in range(lo, hi):
        ch = text[i]
        if markup and ch in "‘’" and in_spans(i, markup):
            continue
        before = text[i - 1] if i > lo else " "
        after = text[i + 1] if i + 1 < hi else " "
        if ch == "‘" and open_at is None and (before in _OPEN_CONTEXT or before in _QUOTE_CHARS) and not after.isspace():
            open_at = i
        elif ch == "’" and open_at is not None and not after.isalnum() and not (before == "s" and after == " " and
                                                                                  text[i + 1:i + 3].strip()[:1].islower()):
            segments.append(Segment(open_at, open_at + 1, i, i + 1, para))
            open_at = None
    return _finish_segments(segments, open_at, text, hi, para)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every quoted stretch of ``text`` (marks excluded), paragraph by paragraph."""
    return [(seg.start, seg.end) for para, span in enumerate(paragraphs(text))
            for seg in quote_segments(text, span, para)]
