"""Cleaning one record into an :class:`~analysis.corpus.model.Article`: boilerplate rules and cuts.

:class:`Rules` are the editable rules of ``data/boilerplate.yaml`` (loaded through
:mod:`analysis.lexicons`, so an edit is seen by the next load). :func:`build_article`
runs the steps in order: decode HTML and odd spaces, inline cuts, headline, the
structural pass over the lines (repeated title, comment sections, line rules, date
line, source credit, byline), repeated lead paragraphs, and the join into paragraphs.
Every working string travels with an int array of raw offsets, and every cut is
recorded (raw offsets, rule, text) in the article's ``removals``.
"""
from __future__ import annotations

import bisect
import errno
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .. import config, lexicons
from .metadata import (TITLE_MAX_CHARS, byline, dateline, first_sentence, is_date_line, norm, parse_date,
                       record_date, source_credit, title_prefix_end)
from .model import Article
from .html import html_to_text

#: The rules file in ``data/``.
RULES_FILE = "boilerplate.yaml"
#: Structural rules and their default (on); ``structural:`` in the rules file switches them.
STRUCTURAL_DEFAULTS = {"repeated_title": True, "repeated_lead": True, "byline": True,
                       "date_line": True, "source_credit": True}
#: A paragraph this long (normalised characters) or longer that starts a later one is a repeated lead.
REPEATED_LEAD_MIN_CHARS = 40
#: A byline is looked for in the first and the last this many lines of the body.
BYLINE_EDGE_LINES = 4

_ODD_SPACES = dict.fromkeys(map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\r\f\v"), " ")
_ZERO_WIDTH = "\ufeff\u200b\u200c\u200d\u2060"
_LINE_BREAK = re.compile(r"\n|\u2028|\u2029")


@dataclass(frozen=True)
class Rules:
    """Compiled boilerplate rules from ``data/boilerplate.yaml``: ``(name, pattern)`` pairs per kind."""

    inline: list[tuple[str, re.Pattern]]
    line: list[tuple[str, re.Pattern]]
    after: list[tuple[str, re.Pattern]]
    structural: dict

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Rules":
        """The rules of ``path`` (default ``data/boilerplate.yaml``), rebuilt only when the file's content changes."""
        path = Path(path) if path else config.data_file(RULES_FILE)
        if not path.exists():
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path))

        def build(spec: dict) -> Rules:
            return cls.from_spec(spec, path)
        return lexicons.derived(build, path)

    @classmethod
    def from_spec(cls, spec: dict, origin: str | Path = RULES_FILE) -> "Rules":
        """Compile a parsed rules file (``rules:`` list and ``structural:`` switches)."""
        groups: dict[str, list] = {"inline": [], "line": [], "after": []}
        for rule in spec.get("rules", []):
            kind = rule.get("kind", "line")
            if kind not in groups:
                raise ValueError(f"{origin}: rule {rule.get('name')!r} has unknown kind {kind!r}")
            flags = 0 if rule.get("case_sensitive") else re.I
            groups[kind].append((rule["name"], re.compile(rule["pattern"], flags)))
        structural = dict(STRUCTURAL_DEFAULTS)
        structural.update(spec.get("structural") or {})
        return cls(groups["inline"], groups["line"], groups["after"], structural)


@dataclass
class _Line:
    """One line of the working text and the raw offset of each of its characters."""

    text: str
    offsets: np.ndarray

    def cut(self, start: int, end: int) -> "_Line":
        return _Line(self.text[:start] + self.text[end:],
                     np.concatenate([self.offsets[:start], self.offsets[end:]]))

    def strip(self) -> "_Line":
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        return _Line(self.text[left:right], self.offsets[left:right])

    def span(self, start: int = 0, end: int | None = None) -> tuple[int, int]:
        end = len(self.text) if end is None else end
        return int(self.offsets[start]), int(self.offsets[end - 1]) + 1


@dataclass
class _Cuts:
    """The removals made so far: raw ``start, end``, ``rule`` and the ``text`` cut."""

    items: list[dict] = field(default_factory=list)

    def add(self, line: _Line, rule: str, start: int = 0, end: int | None = None) -> None:
        end = len(line.text) if end is None else end
        if end > start:
            raw_start, raw_end = line.span(start, end)
            self.items.append({"start": raw_start, "end": raw_end, "rule": rule, "text": line.text[start:end]})

    def sorted(self) -> list[dict]:
        return sorted(self.items, key=lambda r: (r["start"], r["end"]))


def build_article(rec: dict, rules: Rules) -> Article:
    """Clean one record (``doc_id, raw, path, meta, html``) into an :class:`Article`."""
    raw: str = rec["raw"]
    meta = rec.get("meta") or {}
    cuts = _Cuts()
    s, offsets = _working_text(rec, cuts)
    lines = _inline_cuts(s, offsets, rules, cuts)
    title, title_span, title_in_body = _take_title(lines, meta)
    kept, found = _Body(lines, title, title_in_body, rules, cuts).run()
    if rules.structural.get("repeated_lead"):
        kept = _drop_repeated_leads(kept, cuts)
    text, text_offsets = _join(kept, len(raw))
    return Article(
        doc_id=rec["doc_id"], title=title, text=text, raw=raw, offsets=text_offsets,
        path=rec.get("path"), url=meta.get("url"),
        source=meta.get("source") or found["source"],
        author=meta.get("author") or found["author"],
        date=record_date(meta["date"]) if meta.get("date") else found["date"],
        dateline=dateline(text), title_start=title_span[0], title_end=title_span[1],
        removals=cuts.sorted(),
    )


def _working_text(rec: dict, cuts: _Cuts) -> tuple[str, np.ndarray]:
    """The record's text (an HTML page's visible text) with odd spaces made plain and zero-width ones gone."""
    raw: str = rec["raw"]
    if rec.get("html"):
        s, offsets, removed = html_to_text(raw)
        cuts.items.extend(removed)
    else:
        s, offsets = raw, np.arange(len(raw), dtype=np.int64)
    s = s.translate(_ODD_SPACES)
    if any(ch in s for ch in _ZERO_WIDTH):
        keep = [i for i, ch in enumerate(s) if ch not in _ZERO_WIDTH]
        s = "".join(s[i] for i in keep)
        offsets = offsets[keep]
    return s, offsets


def _split_lines(s: str, offsets: np.ndarray) -> list[_Line]:
    lines, start = [], 0
    for match in _LINE_BREAK.finditer(s):
        lines.append(_Line(s[start:match.start()], offsets[start:match.start()]))
        start = match.end()
    lines.append(_Line(s[start:], offsets[start:]))
    return lines


def _inline_cuts(s: str, offsets: np.ndarray, rules: Rules, cuts: _Cuts) -> list[_Line]:
    """The non-empty stripped lines, with every inline-rule match cut out (right to left, so indices hold)."""
    lines = []
    for line in _split_lines(s, offsets):
        for name, pattern in rules.inline:
            for m in reversed(list(pattern.finditer(line.text))):
                cuts.add(line, name, m.start(), m.end())
                line = line.cut(m.start(), m.end())
        line = line.strip()
        if line.text:
            lines.append(line)
    return lines


def _take_title(lines: list[_Line], meta: dict) -> tuple[str, tuple[int | None, int | None], bool]:
    """``(title, raw span of the headline line, whether the title is also body text)``.

    The record's own title wins; else a short first line is the headline (and leaves
    ``lines``); else the first sentence of the opening paragraph stands in for it.
    """
    title = meta.get("title")
    span: tuple[int | None, int | None] = (None, None)
    in_body = False
    if not title and lines:
        if len(lines[0].text) <= TITLE_MAX_CHARS:
            first = lines.pop(0)
            title = first.text
            span = first.span()
        else:  # no headline line: the file opens with a paragraph, which stays in the body
            title = first_sentence(lines[0].text)
            in_body = True
    return (title or "").strip(), span, in_body


class _Body:
    """The structural pass over the body lines: what is cut, what is kept, what metadata was found."""

    def __init__(self, lines: list[_Line], title: str, title_in_body: bool, rules: Rules, cuts: _Cuts):
        self.lines, self.title, self.rules, self.cuts = lines, title, rules, cuts
        self.structural = rules.structural
        self.check_title = bool(self.structural.get("repeated_title") and title and not title_in_body
                                and norm(title))
        self.found: dict[str, str | None] = {"author": None, "date": None, "source": None}
        self.kept: list[_Line] = []

    def run(self) -> tuple[list[_Line], dict[str, str | None]]:
        """``(kept lines, {author, date, source} found in the text)``."""
        for index, line in enumerate(self.lines):
            if self.check_title:
                line = self._without_repeated_title(line)
                if line is None:
                    continue
            if self._comment_section(index, line):
                break
            rule = _first_match(self.rules.line, line.text)
            if rule:
                self.cuts.add(line, rule)
                continue
            if self._metadata_line(index, line):
                continue
            self.kept.append(line)
        return self.kept, self.found

    def _without_repeated_title(self, line: _Line) -> _Line | None:
        """The line with a repeat of the title at its start cut (None when nothing is left)."""
        if not norm(line.text).startswith(norm(self.title)):
            return line
        end = title_prefix_end(line.text, self.title)
        if not end:
            return line
        self.cuts.add(line, "repeated_title", 0, end)
        line = line.cut(0, end).strip()
        return line if line.text else None

    def _comment_section(self, index: int, line: _Line) -> bool:
        """An after-rule in the second half of the article: cut this line and all that follow."""
        if index < len(self.lines) // 2:
            return False
        rule = _first_match(self.rules.after, line.text)
        if not rule:
            return False
        self.cuts.add(line, rule)
        for rest in self.lines[index + 1:]:
            self.cuts.add(rest, rule)
        return True

    def _metadata_line(self, index: int, line: _Line) -> bool:
        """A date line, a closing source credit or a byline near an edge: record it and cut the line."""
        n_lines = len(self.lines)
        if self.structural.get("date_line") and is_date_line(line.text):
            self.found["date"] = self.found["date"] or parse_date(line.text)
            self.cuts.add(line, "date_line")
            return True
        if self.structural.get("source_credit"):
            source = source_credit(line.text)
            if source is not None and index >= n_lines // 2:
                self.found["source"] = self.found["source"] or source
                self.cuts.add(line, "source_credit")
                return True
        if self.structural.get("byline"):
            near_edge = len(self.kept) < BYLINE_EDGE_LINES or index >= n_lines - BYLINE_EDGE_LINES
            name = byline(line.text)
            if near_edge and name is not None and norm(line.text) != norm(self.title):
                self.found["author"] = self.found["author"] or name
                self.cuts.add(line, "byline")
                return True
        return False


def _first_match(rules: list[tuple[str, re.Pattern]], text: str) -> str | None:
    """Name of the first rule whose pattern matches the whole of ``text``."""
    return next((name for name, pattern in rules if pattern.fullmatch(text)), None)


def _drop_repeated_leads(kept: list[_Line], cuts: _Cuts) -> list[_Line]:
    """Drop a paragraph that reappears verbatim as the start of a later paragraph (a standfirst/teaser)."""
    keys = [norm(line.text) for line in kept]
    later: list[str] = []          # the keys of the lines after the current one, sorted
    repeated = [False] * len(kept)
    for i in range(len(kept) - 1, -1, -1):
        key = keys[i]
        # the later keys that start with ``key`` sort right after it: one binary search, not a scan
        pos = bisect.bisect_left(later, key)
        repeated[i] = len(key) >= REPEATED_LEAD_MIN_CHARS and pos < len(later) and later[pos].startswith(key)
        bisect.insort(later, key)
    out = []
    for line, is_repeated in zip(kept, repeated):
        if is_repeated:
            cuts.add(line, "repeated_lead")
        else:
            out.append(line)
    return out


def _join(kept: list[_Line], raw_length: int) -> tuple[str, np.ndarray]:
    """The kept lines as paragraphs separated by a blank line, with their raw offsets.

    A separator maps to the character after the previous paragraph (clipped to the
    file's last character when the file has no final newline).
    """
    text_parts: list[str] = []
    offset_parts: list[np.ndarray] = []
    for i, line in enumerate(kept):
        if i:
            sep = int(kept[i - 1].offsets[-1]) + 1
            text_parts.append("\n\n")
            offset_parts.append(np.array([sep, sep], dtype=np.int64))
        text_parts.append(line.text)
        offset_parts.append(line.offsets)
    text = "".join(text_parts)
    offsets = np.concatenate(offset_parts) if offset_parts else np.zeros(0, dtype=np.int64)
    np.minimum(offsets, max(raw_length - 1, 0), out=offsets)
    return text, offsets
