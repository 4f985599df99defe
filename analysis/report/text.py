"""Escaping and computed prose: article text is untrusted, prose numbers are computed.

:func:`esc` makes any value safe as HTML *and* Markdown text; :func:`md` fills a Markdown
template with escaped values (every computed sentence of a notebook goes through it);
:func:`inline_markdown` renders the little Markdown of the workbook's own prose (bold,
italics, code) for pages built outside a notebook, such as the index.
"""
from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|>~$])")
_INLINE = [
    (re.compile(r"`([^`]+)`"), r"<code>\1</code>"),
    (re.compile(r"\*\*(.+?)\*\*"), r"<strong>\1</strong>"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"<em>\1</em>"),
]


def esc(text) -> str:
    """Text made safe for HTML *and* Markdown output (``<`` and ``[x](javascript:...)`` become plain text)."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape("" if text is None else str(text), quote=True))


def md(template: str, **values):
    """A Markdown display whose ``{name}`` fields are filled with escaped values.

    Numbers are formatted as given by the template (``{n:,}``); strings pass through
    :func:`esc`. Use for every computed sentence in a notebook.
    """
    from IPython.display import Markdown
    safe = {k: (v if isinstance(v, (int, float)) and not isinstance(v, bool) else esc(v)) for k, v in values.items()}
    return Markdown(template.format(**safe))


def inline_markdown(text: str) -> str:
    """HTML of one paragraph of the workbook's own prose: escaped, then ``**bold**``, ``*italic*``, ```code```.

    Code spans are rendered first so that ``*`` inside them stays literal.
    """
    out, parts = [], re.split(r"(`[^`]+`)", text)
    for part in parts:
        if part.startswith("`") and part.endswith("`") and len(part) > 1:
            out.append(f"<code>{html.escape(part[1:-1])}</code>")
            continue
        piece = html.escape(part, quote=False)
        for pattern, repl in _INLINE[1:]:
            piece = pattern.sub(repl, piece)
        out.append(piece)
    return "".join(out)
