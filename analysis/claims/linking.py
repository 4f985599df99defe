"""Speakers as entities: the entity layer's ``entity_id`` and canonical name for a resolved speaker.

:func:`entity_linker` builds, for one article, ``link(start, end, speaker) -> (speaker, entity_id)``
from the article's mentions of :func:`analysis.entities.mentions` (raw offsets). A speaker takes an
entity when

1. an entity mention overlaps the speaker's name enough (``Settings.entity_min_speaker_share`` of
   the name, ``entity_min_mention_share`` of the mention), or is the head of it (*the nonpartisan
   Commission on Harbour Safety*: the mention ends the name and covers half of it);
2. else the name, compared with :func:`analysis.entities.alias_key`, is one the article's mentions
   or canonical names carry (*Brantwell Holdings* / *BrantwellHoldings* where the entity layer joined them);
3. else, for a one-word name, it is the surname of exactly one person of the article.

Lookups are by bisection and dictionaries, so linking an article's speakers is linear in its
mentions and speakers (no scan of every mention per speaker).
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter

from .. import entities
from .settings import Settings


class _ArticleEntities:
    """One article's entity mentions, indexed by start offset and by name key."""

    def __init__(self, spans: list):
        self.spans = sorted(spans, key=lambda s: (s[0], s[1]))
        self.starts = [s[0] for s in self.spans]
        self.longest = max((s[1] - s[0] for s in self.spans), default=0)
        names: dict[str, Counter] = {}
        surnames: dict[str, set] = {}
        self.canonical: dict = {}
        for start, end, eid, canonical, label, text in self.spans:
            if eid is None:
                continue
            self.canonical[eid] = canonical
            for name in (text, canonical):
                key = entities.alias_key(str(name)) if name else ""
                if key:
                    names.setdefault(key, Counter())[eid] += 1
            if label == "PERSON" and canonical:
                words = entities.alias_key(str(canonical)).split()
                if len(words) > 1:
                    surnames.setdefault(words[-1], set()).add(eid)
        self.names = {k: sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0])))[0][0] for k, c in names.items()}
        self.surnames = {k: next(iter(v)) for k, v in surnames.items() if len(v) == 1}

    def overlapping(self, start: int, end: int) -> list:
        """Mentions overlapping ``[start, end)``."""
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        return [s for s in self.spans[lo:hi] if s[1] > start and s[0] < end]


def entity_linker(spans: list, raw_span, settings: Settings):
    """``link(start, end, speaker) -> (speaker, entity_id)`` for one article.

    ``spans`` are the article's mentions as ``(start, end, entity_id, canonical, label, text)`` in raw
    offsets; ``raw_span(start, end)`` maps text offsets of the Doc to raw ones. A speaker with no
    entity keeps its name and gets ``None``.
    """
    index = _ArticleEntities(spans)

    def link(start: int, end: int, speaker: str) -> tuple[str, object]:
        a_start, a_end = raw_span(start, end)
        eid = _by_offsets(index, a_start, a_end, settings) or _by_name(index, speaker)
        if eid is None:
            return speaker, None
        canonical = index.canonical.get(eid)
        return (str(canonical) if canonical else speaker), eid
    return link


def _by_offsets(index: _ArticleEntities, start: int, end: int, settings: Settings):
    """The entity of the mention that covers the speaker's name, or heads it."""
    best = None
    for s, e, eid, _canonical, _label, _text in index.overlapping(start, end):
        overlap = min(e, end) - max(s, start)
        if eid is None or overlap <= 0:
            continue
        covers = overlap >= settings.entity_min_speaker_share * (end - start) \
            and overlap >= settings.entity_min_mention_share * (e - s)
        heads = start <= s and e == end and (e - s) * 2 >= end - start
        if (covers or heads) and (best is None or overlap > best[0]):
            best = (overlap, eid)
    return best[1] if best else None


def _by_name(index: _ArticleEntities, speaker: str):
    """The entity the article names as ``speaker`` (same name key), or whose unique person has that surname."""
    key = entities.alias_key(speaker or "")
    if not key:
        return None
    if key in index.names:
        return index.names[key]
    return index.surnames.get(key) if len(key.split()) == 1 else None
