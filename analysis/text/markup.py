"""Markup left in plain text: scraped articles keep stray HTML, whose text is code, not prose.

* :data:`MARKUP` – the pattern of tags, comments, script/style elements, autolinks and Markdown link targets;
* :func:`markup_spans` – ``(start, end)`` of every piece of markup (and ``attr="value"`` pairs) in a text;
* :func:`strip_markup` – the text with each piece replaced by a space; :func:`in_spans` – a position test.
"""
from __future__ import annotations

import re

#: Markup that scraped text keeps: HTML comments, script/style elements with their code, tags (with quoted
#: attribute values, which may hold ``>``), autolinks (``<https://...>``) and Markdown link targets.
MARKUP = re.compile(
    r"<!--.*?(?:-->|$)"
    r"|<(script|style)\b[^>]*>.*?(?:</\1\s*>|$)"
    r"|</?[A-Za-z][\w:.-]*(?:[^<>\"'\n]|\"[^\"\n]*\"|'[^'\n]*')*/?>"
    r"|</?[A-Za-z][^<>\n]*>"
    r"|(?<=\])\([a-z][\w+.-]*:[^()\s]*\)",
    re.I | re.S)
#: A quote mark right after ``=`` delimits an attribute value (``onerror="..."``), not a quotation.
_ATTRIBUTE_VALUE = re.compile(r"=\s*([\"'])[^\"'\n]*\1?")


def markup_spans(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of the markup left in plain text (tags, comments, scripts, attribute values).

    Scraped articles often keep stray HTML: its quote marks delimit attribute values
    and its text is code, so neither may become a claim.
    """
    hi = len(text) if hi is None else hi
    spans = [m.span() for m in MARKUP.finditer(text, lo, hi)]
    for m in _ATTRIBUTE_VALUE.finditer(text, lo, hi):   # ``x onerror="..."`` outside a recognised tag
        if not any(a <= m.start() < b for a, b in spans):
            spans.append(m.span())
    return sorted(spans)


def in_spans(i: int, spans: list[tuple[int, int]]) -> bool:
    """Whether position ``i`` falls inside one of ``spans``."""
    return any(a <= i < b for a, b in spans)


def strip_markup(text: str) -> str:
    """``text`` with its markup (see :func:`markup_spans`) replaced by a space."""
    spans = markup_spans(text)
    if not spans:
        return text
    out, last = [], 0
    for a, b in spans:
        if a >= last:
            out.append(text[last:a])
            out.append(" ")
            last = b
    out.append(text[last:])
    return "".join(out)
