"""An HTML page's visible text, with the raw offset of every character: :func:`html_to_text`.

A small tokenizer that follows the WHATWG HTML tokenizer where it matters for visible text
(tags and their quoted attributes, comments, bogus comments and doctypes, the raw-text
content of ``script``/``style``/``noscript``/``iframe``, and what end of file does inside
each), plus the few tree-building rules that say where an unclosed ``svg`` or ``head``
ends. It walks the page once, left to right, never backing up: time is linear in the
page's length whatever the markup (the standard library's ``html.parser`` and the old
regular expressions were quadratic on unclosed tags). Positions are indices into the
page itself, so every character of the text maps to an exact offset of the original.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from typing import Iterator

import numpy as np

#: Elements whose whole content is hidden (dropped from the text and listed as ``html_markup``).
DROPPED = frozenset({"head", "script", "style", "noscript", "template", "svg", "iframe"})
#: Elements whose content is raw text up to their own end tag (tags inside are not tags); at end of file, all of it.
RAW_TEXT = frozenset({"script", "style", "noscript", "iframe"})
#: Tags (start or end) that become a line break, so paragraphs stay apart.
BLOCK = frozenset({"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table",
                   "section", "article", "header", "footer", "blockquote", "title"})
#: Elements that have no end tag (they never stay open).
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr", "keygen", "basefont", "bgsound", "frame"})
#: Start tags allowed inside ``head``; any other start tag (``body``, ``p``...) ends an unclosed head.
HEAD_CONTENT = frozenset({"title", "meta", "link", "style", "script", "noscript", "base", "template",
                          "basefont", "bgsound"})
#: HTML start tags that break out of an unclosed ``svg`` (the HTML standard's list for foreign content).
SVG_BREAKOUT = frozenset({"b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em",
                          "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing",
                          "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong",
                          "strike", "sub", "sup", "table", "tt", "u", "ul", "var"})
#: Characters of a removed block kept in its removal record.
REMOVAL_TEXT_CHARS = 200

_WS = "\t\n\f\r "
# A start or end tag: name, then attributes (a quoted value must close; a quote cannot open an
# unquoted value), then ``>`` or ``/>``. Possessive and atomic throughout, so a match never backs
# up: it fails only when the page ends inside the tag.
_TAG = re.compile(rf"""<(/?)([a-zA-Z][^{_WS}/>]*+)
    (?:[{_WS}]++ | /(?!>)
      | [^{_WS}/>][^{_WS}/>=]*+
        (?: (?![{_WS}]*+=)
          | [{_WS}]*+=[{_WS}]*+(?>"[^"]*+"|'[^']*+'|[^{_WS}>"'][^{_WS}>]*+|(?=>)) )
    )*+
    (/?)>""", re.X)
_COMMENT_END = re.compile(r"--!?>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.I)
_NOT_SPACE = re.compile(rf"[^{_WS}]")


def html_to_text(raw: str) -> tuple[str, np.ndarray, list[dict]]:
    """``(text, offsets, removals)``: the visible text of an HTML page, each character's raw offset, the cuts.

    Hidden elements (:data:`DROPPED`) and comments are dropped and listed (rule ``html_markup``, raw
    span and the first :data:`REMOVAL_TEXT_CHARS` characters), as is a tag the page ends inside;
    :data:`BLOCK` tags become a line break mapped to the tag's ``<``; other tags vanish; an entity
    (``&amp;``, ``&#8220;``) becomes its character(s), each mapped to the entity's ``&``. A last
    ``html_tags`` removal spanning the page counts the tags stripped.
    """
    walker = _Walker(raw)
    for token in _tokens(raw):
        walker.feed(*token)
    walker.finish()
    text, offsets = walker.output()
    removed = walker.removed
    if removed or walker.breaks:
        removed.append({"start": 0, "end": len(raw), "rule": "html_tags",
                        "text": f"HTML document: {walker.tags} tags stripped"})
    return text, offsets, removed


# --------------------------------------------------------------------------- tokenizer

def _tokens(raw: str) -> Iterator[tuple[str, int, int, str, bool]]:
    """``(kind, start, end, tag name, self-closing)`` for every piece of the page, in order, covering it.

    Kinds: ``text``, ``start``, ``end``, ``comment``, ``decl`` (a doctype, ``<!...>``, ``<?...>``, ``</>``),
    ``raw`` (the content of a raw-text element) and ``eof`` (a tag or comment the page ends inside).
    """
    n, i = len(raw), 0
    while i < n:
        lt = raw.find("<", i)
        if lt < 0:
            yield "text", i, n, "", False
            return
        kind, end, name, closing = _markup_at(raw, lt)
        if kind == "text":  # a "<" that starts nothing: part of the text
            yield "text", i, end, "", False
            i = end
            continue
        if lt > i:
            yield "text", i, lt, "", False
        yield kind, lt, end, name, closing
        i = end
        if kind == "start" and name in RAW_TEXT:
            close = re.compile(rf"</{name}[{_WS}/>]", re.I).search(raw, i)
            stop = close.start() if close else n
            if stop > i:
                yield "raw", i, stop, name, False
            i = stop


def _markup_at(raw: str, lt: int) -> tuple[str, int, str, bool]:
    """``(kind, end, name, self-closing)`` of the markup starting with the ``<`` at ``lt``."""
    n = len(raw)
    nxt = raw[lt + 1:lt + 2]
    after = raw[lt + 2:lt + 3]
    if nxt.isascii() and nxt.isalpha() or nxt == "/" and after.isascii() and after.isalpha():
        m = _TAG.match(raw, lt)
        if not m:
            return "eof", n, "", False
        return ("end" if m.group(1) else "start"), m.end(), m.group(2).lower(), bool(m.group(3))
    if nxt == "/":
        if after == ">":
            return "decl", lt + 3, "", False
        if not after:
            return "text", n, "", False
        return _bogus_comment(raw, lt + 2)
    if raw.startswith("<!--", lt):
        for empty in (">", "->"):  # <!--> and <!---> are empty comments
            if raw.startswith(empty, lt + 4):
                return "comment", lt + 4 + len(empty), "", False
        m = _COMMENT_END.search(raw, lt + 4)
        return ("comment", m.end(), "", False) if m else ("eof", n, "", False)
    if nxt in ("!", "?"):
        return _bogus_comment(raw, lt + 2 if nxt == "!" else lt + 1)
    return "text", lt + 1, "", False


def _bogus_comment(raw: str, start: int) -> tuple[str, int, str, bool]:
    """A doctype, ``<!...>`` or ``<?...>`` (vanishes like a tag): up to the next ``>``, or the rest of the page."""
    gt = raw.find(">", start)
    return ("decl", gt + 1, "", False) if gt >= 0 else ("eof", len(raw), "", False)


# --------------------------------------------------------------------------- what is visible

class _Walker:
    """Reads the tokens in order: what is visible, where hidden elements start and end, what was cut."""

    def __init__(self, raw: str):
        self.raw = raw
        self.open: list[str] = []  # elements open outside a hidden one
        self.counts: Counter = Counter()  # how many of each name are in self.open (end tags in O(1))
        self.hidden: tuple[str, int] | None = None  # (element, start) while inside a hidden element
        self.depth = 0  # nested elements of the hidden element's own name
        self.in_title = False  # inside <title> in an unclosed head (its text does not end the head)
        self.parts: list[str] = []
        self.starts: list[int] = []  # per part: raw offset of its first character
        self.steps: list[int] = []  # per part: 1 = copied from the page, 0 = every character maps to start
        self.removed: list[dict] = []
        self.breaks = 0
        self.tags = 0

    def feed(self, kind: str, start: int, end: int, name: str, closing: bool) -> None:
        """Take one token (see :func:`_tokens`)."""
        if kind in ("start", "end", "comment", "decl"):
            self.tags += 1
        if self.hidden and self._still_hidden(kind, start, end, name, closing):
            return
        if kind == "text":
            self._text(start, end)
        elif kind == "start":
            self._start(start, end, name, closing)
        elif kind == "end":
            self._end(start, name)
        elif kind in ("comment", "eof"):
            self._remove(start, end)

    def finish(self) -> None:
        """The page ended: an element still hidden is hidden to the end."""
        if self.hidden:
            self._unhide(len(self.raw))

    def output(self) -> tuple[str, np.ndarray]:
        """The visible text and the raw offset of each of its characters."""
        text = "".join(self.parts)
        lengths = np.fromiter(map(len, self.parts), dtype=np.int64, count=len(self.parts))
        first = np.cumsum(lengths) - lengths  # index in text of each part's first character
        within = np.arange(len(text), dtype=np.int64) - np.repeat(first, lengths)
        offsets = np.repeat(np.asarray(self.starts, dtype=np.int64), lengths) \
            + within * np.repeat(np.asarray(self.steps, dtype=np.int64), lengths)
        return text, offsets

    # ------------------------------------------------------------------ visible tokens

    def _emit(self, text: str, start: int, step: int) -> None:
        self.parts.append(text)
        self.starts.append(start)
        self.steps.append(step)

    def _text(self, start: int, end: int) -> None:
        """Copy the page's characters, an entity decoded to its character(s) at the entity's ``&``."""
        raw = self.raw
        pos = start
        for m in _ENTITY.finditer(raw, start, end):
            decoded = html.unescape(m.group(0))
            if decoded == m.group(0):  # not an entity after all: its characters stand for themselves
                continue
            if m.start() > pos:
                self._emit(raw[pos:m.start()], pos, 1)
            if decoded:
                self._emit(decoded, m.start(), 0)
            pos = m.end()
        if end > pos:
            self._emit(raw[pos:end], pos, 1)

    def _start(self, start: int, end: int, name: str, closing: bool) -> None:
        if name in BLOCK:
            self._break(start)
        if name in DROPPED:
            if name == "svg" and closing:
                self._remove(start, end)
            else:
                self.hidden, self.depth, self.in_title = (name, start), 1, False
        elif name not in VOID:
            self.open.append(name)
            self.counts[name] += 1

    def _end(self, start: int, name: str) -> None:
        if name in BLOCK:
            self._break(start)
        if self.counts[name]:  # close it and whatever was left open inside it
            while True:
                top = self.open.pop()
                self.counts[top] -= 1
                if top == name:
                    break

    def _break(self, start: int) -> None:
        self._emit("\n", start, 0)
        self.breaks += 1

    def _remove(self, start: int, end: int) -> None:
        self.removed.append({"start": start, "end": end, "rule": "html_markup",
                             "text": self.raw[start:min(end, start + REMOVAL_TEXT_CHARS)]})

    # ------------------------------------------------------------------ hidden elements

    def _still_hidden(self, kind: str, start: int, end: int, name: str, closing: bool) -> bool:
        """Whether the token is inside the hidden element; if it ends the element, close it first.

        A hidden element ends at its own end tag (same-name nesting counted), at the end of the
        page, and when unclosed: an ``svg`` or ``head`` at the end tag of an element open around
        it, an ``svg`` at an HTML start tag that breaks out of foreign content, a ``head`` at a
        start tag that cannot be in a head or at text outside its title.
        """
        element, _ = self.hidden
        if kind == "end" and name == element:
            self.depth -= 1
            if not self.depth:
                self._unhide(end)
            return True
        if kind == "start" and name == element and not (element == "svg" and closing):
            self.depth += 1
            return True
        if element not in ("svg", "head"):
            return True
        if kind == "end" and (self.counts[name] or element == "head" and name in ("body", "html", "br")):
            self._unhide(start)
            return False
        if element == "svg":
            if kind == "start" and name in SVG_BREAKOUT:
                self._unhide(start)
                return False
            return True
        return self._still_in_head(kind, start, end, name)

    def _still_in_head(self, kind: str, start: int, end: int, name: str) -> bool:
        """Whether a token leaves an unclosed ``head`` open (closing the head when it does not)."""
        if kind == "start" and name not in HEAD_CONTENT:
            self._unhide(start)
            return False
        if kind in ("start", "end") and name == "title":
            self.in_title = kind == "start"
        if kind == "text" and not self.in_title:
            m = _NOT_SPACE.search(self.raw, start, end)
            if m:
                self._unhide(m.start())
                self._text(m.start(), end)
        return True

    def _unhide(self, end: int) -> None:
        _, start = self.hidden
        self.hidden = None
        self._remove(start, end)
