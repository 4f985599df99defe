"""What an article says about itself: headline, byline, date, credited source, dateline.

Each function looks at one line (or the start of the cleaned text) and returns what it
found, or None: :func:`parse_date` (ISO date), :func:`is_date_line`,
:func:`source_credit` ("Source: AFP"), :func:`byline` ("By Jane Miller", or a
name-only line), :func:`dateline` ("Geneva –") and :func:`first_sentence` (a stand-in
title). The cleaning steps in :mod:`analysis.corpus.cleaning` decide where to look.
"""
from __future__ import annotations

import re

import pandas as pd

#: A first line longer than this is a paragraph, not a headline.
TITLE_MAX_CHARS = 250
#: A stand-in title (the first sentence) is cut to about this many characters.
STAND_IN_TITLE_CHARS = 120
#: A dateline names a place of at most this many words.
DATELINE_MAX_WORDS = 4

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
_MONTH_RE = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WEEKDAY_RE = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_TIME_RE = r"(?:\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s*[A-Z]{2,4})?)"
_DATE_PATTERNS = [
    re.compile(rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH_RE}),?\s+(?P<y>\d{{4}})", re.I),
    re.compile(rf"(?P<m>{_MONTH_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})", re.I),
    re.compile(r"(?P<y>\d{4})-(?P<mm>\d{2})-(?P<d>\d{2})"),
]
_DATE_LINE = re.compile(
    rf"^(?:(?:published|updated|posted|date)\s*:?\s*)?(?:{_WEEKDAY_RE},?\s*)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_RE},?\s+\d{{4}}|{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"(?:[,\s|-]*(?:{_WEEKDAY_RE})?)?(?:[,\s|-]*(?:at\s*)?{_TIME_RE})?\s*$",
    re.I,
)
_SOURCE_LINE = re.compile(r"^(?:source|via|courtesy(?: of)?)\s*[:\-–]?\s+(?P<src>[A-Z][\w&.'\- ]{1,40}?)\s*\.?$", re.I)
_BY_LINE = re.compile(r"^(?i:by)\s+(?P<name>[A-Z][\w'’.\- ]{2,60}?)(?:\s*[,|]\s*.*)?$")
_NAME_TOKEN = re.compile(r"^[A-Z][a-zà-ÿ'’.\-]*(?:[A-Z][a-zà-ÿ'’\-]+)?$")
_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Za-z .'’]{1,30}?)(?:\s*\([A-Za-z]+\))?\s+[–—-]{1,2}\s+")
_FIRST_SENTENCE = re.compile(r"(.+?[.!?])(\s|$)")


def norm(s: str) -> str:
    """Lower-case words of ``s`` joined by single spaces (punctuation dropped): for comparing lines."""
    return " ".join(re.sub(r"[^\w]+", " ", s.lower()).split())


def parse_date(text: str) -> str | None:
    """ISO date (``YYYY-MM-DD``) of the first date in ``text``, or None."""
    for pattern in _DATE_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        month = int(m.group("mm")) if "mm" in m.groupdict() and m.group("mm") else None
        if month is None:
            key = m.group("m").lower().rstrip(".")
            month = next((v for k, v in _MONTHS.items() if k.startswith(key[:3])), None)
        try:
            year, day = int(m.group("y")), int(m.group("d"))
            pd.Timestamp(year=year, month=month, day=day)
        except (TypeError, ValueError):
            continue
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def is_date_line(text: str) -> bool:
    """Whether the line holds only a date (and a weekday, a time, a "Published:" label)."""
    return bool(_DATE_LINE.match(text))


def source_credit(text: str) -> str | None:
    """The credited source of a "Source: AFP" / "Via AP" / "Courtesy of ..." line, or None."""
    m = _SOURCE_LINE.match(text)
    return m.group("src").strip() if m else None


def byline(text: str) -> str | None:
    """The author's name of a "By Jane Miller" line or of a name-only line, or None."""
    m = _BY_LINE.match(text)
    if m:
        return m.group("name").strip()
    return text.strip() if is_name_line(text) else None


def is_name_line(text: str) -> bool:
    """Whether a line is only a person's name: two to four capitalised words, no closing punctuation."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 4 or len(text) > 40 or text[-1] in ".!?:;,\"”'":
        return False
    return all(_NAME_TOKEN.match(t) for t in tokens)


def dateline(text: str) -> str | None:
    """The place that opens a story ("Geneva – ..."), or None."""
    m = _DATELINE.match(text) if text else None
    if m and len(m.group("place").split()) <= DATELINE_MAX_WORDS:
        return m.group("place").strip()
    return None


def first_sentence(text: str, limit: int = STAND_IN_TITLE_CHARS) -> str:
    """A stand-in title for an article with no headline line: its first sentence, shortened."""
    m = _FIRST_SENTENCE.match(text)
    sentence = m.group(1) if m else text
    return sentence if len(sentence) <= limit else sentence[:limit].rsplit(" ", 1)[0] + " …"


def title_prefix_end(text: str, title: str) -> int | None:
    """Length of the prefix of ``text`` that spells ``title`` (ignoring punctuation/space), or None."""
    target = norm(title).replace(" ", "")
    got = ""
    for i, ch in enumerate(text):
        if ch.isalnum() or ch == "_":
            got += ch.lower()
        if got == target:
            return i + 1
        if not target.startswith(got):
            return None
    return None


def record_date(value: str) -> str:
    """A record's own ``date`` field as an ISO date, or as given when it cannot be parsed."""
    return parse_date(value) or value
