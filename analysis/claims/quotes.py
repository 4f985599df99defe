"""How claims reads quoted segments: sentences, direct or partial position, speech tags, quoted terms.

The quotation-mark pairing itself is :mod:`analysis.text.quotes`; this module decides
what a paired segment is for attribution: :func:`read_paragraphs` (segments and
sentences per paragraph), :func:`is_direct_position` (a quote that opens its sentence or
follows a colon or short lead-in), :func:`cue_attached_after` / :func:`cue_attached_before`
(its speech tag), :func:`is_term` (a quoted term such as "so-called “X”", never a claim).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .. import config, lexicons
from ..text.quotes import Segment, paragraphs, quote_segments
from .cues import CUES_FILE, Cue
from .settings import DEFAULTS, Settings

_SENTENCE_END = re.compile(r"[.!?…]+[\"”’'»)\]]*\s+(?=[\"“‘'«(\[A-Z0-9])")
#: A word (contractions kept whole).
WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True)
class _Patterns:
    """Word lists of ``data/claims_cues.yaml`` compiled for sentence and quote reading."""

    abbreviation: re.Pattern        # a full stop at the end of an abbreviation ("Sen.", "U.S.")
    gap_abbreviation: re.Pattern    # abbreviations inside the gap between a quote and its tag
    term_before: re.Pattern         # "so-called", "known as" right before a quote: a term, not a quotation
    modifier_determiners: frozenset  # "the" in 'the “kamikaze” drones': a one-word modifier
    title_before: re.Pattern        # "on", "the network's", "an episode of" right before a capitalised title
    title_small_words: frozenset    # words a title leaves in lower case ("of", "the")
    naming_verbs: frozenset         # "dubbed them “X”": a nickname, a term
    work_before: re.Pattern         # "commentary, “...”": the title of a work, however it is written


def _build_patterns(cues: dict) -> _Patterns:
    """The :class:`_Patterns` of a parsed cue file."""
    words = "|".join(re.escape(str(w)) for w in cues.get("abbreviations") or []) or "(?!)"
    terms = "|".join(re.escape(str(w)) for w in cues.get("term_markers") or []) or "(?!)"
    titles = "|".join(re.escape(str(w)) for w in cues.get("title_before") or []) or "(?!)"
    works = "|".join(re.escape(str(w)) for w in cues.get("work_nouns") or []) or "(?!)"
    return _Patterns(
        abbreviation=re.compile(rf"(?:\b(?:[A-Za-z]\.){{1,4}}|\b(?:{words})\.)$"),
        gap_abbreviation=re.compile(rf"\b(?:{words}|[A-Z])\."),
        term_before=re.compile(rf"(?:{terms})\s*$", re.I),
        modifier_determiners=frozenset(str(w).lower() for w in cues.get("modifier_determiners") or []),
        title_before=re.compile(rf"(?:(?<![\w'’])(?:{titles})|\w['’]s?)\s*$", re.I),
        title_small_words=frozenset(str(w).lower() for w in cues.get("title_small_words") or []),
        naming_verbs=frozenset(str(w).lower() for w in cues.get("naming_verbs") or []),
        work_before=re.compile(rf"\b(?:{works}),?\s*$", re.I))


def _patterns() -> _Patterns:
    """The compiled word lists, rebuilt when ``data/claims_cues.yaml`` changes."""
    return lexicons.derived(_build_patterns, config.data_file(CUES_FILE))


def sentence_spans(text: str, span: tuple[int, int], segments: list[Segment]) -> list[tuple[int, int]]:
    """Sentences of one paragraph; a full stop inside a quote does not end the sentence around it."""
    lo, hi = span
    cuts = [lo]
    for m in _SENTENCE_END.finditer(text, lo, hi):
        if _patterns().abbreviation.search(text[max(lo, m.start() - 12):m.start() + 1]):
            continue
        if any(s.start < m.start() and m.end() <= s.end for s in segments):
            continue
        cuts.append(m.end())
    cuts.append(hi)
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def read_paragraphs(text: str) -> tuple[list[tuple[int, int]], list[Segment], list[list[tuple[int, int]]]]:
    """``(paragraph spans, quoted segments of the whole text, sentences of each paragraph)``."""
    para_spans = paragraphs(text)
    segments: list[Segment] = []
    sentences: list[list[tuple[int, int]]] = []
    for p, span in enumerate(para_spans):
        segs = quote_segments(text, span, p)
        segments.extend(segs)
        sentences.append(sentence_spans(text, span, segs))
    return para_spans, segments, sentences


def sentence_of(pos: int, sentences: list[tuple[int, int]]) -> tuple[int, int]:
    """The sentence holding text offset ``pos`` (the last one when none does)."""
    for s in sentences:
        if s[0] <= pos < s[1]:
            return s
    return sentences[-1] if sentences else (pos, pos)


_ENDS: dict = {"spans": None, "ends": []}


def para_of(pos: int, para_spans: list[tuple[int, int]]) -> int:
    """Index of the paragraph holding (or following) text offset ``pos`` (a bisection over the paragraph ends,
    kept for the article's span list while it is being read)."""
    if _ENDS["spans"] is not para_spans or len(_ENDS["ends"]) != len(para_spans):
        _ENDS["spans"], _ENDS["ends"] = para_spans, [b for _, b in para_spans]
    return min(bisect_right(_ENDS["ends"], pos), len(para_spans) - 1)


def cue_attached_after(text: str, seg: Segment, cues: list[Cue], limit: int,
                       settings: Settings = DEFAULTS) -> Cue | None:
    """A speech tag right after a quote, before ``limit``: ``“...,” Hale said`` / ``“...,” said Hale``."""
    ended = bool(re.search(r"[.!?]\W*$", text[seg.start:seg.close]))
    for cue in cues:
        if seg.close <= cue.start < limit and cue.kind != "according_to":
            if cue.kind == "dash":
                return cue
            gap = _patterns().gap_abbreviation.sub("", text[seg.close:cue.start])
            words = len(WORD.findall(gap))
            if ended and words > settings.tag_after_sentence_words and not gap.strip()[:1].islower():
                return None   # the quote ended its sentence; this is another sentence's cue
            if words <= settings.tag_max_words and not re.search(r"[.!?][\"”’]?\s", gap):
                return cue
            return None
    return None


def cue_attached_before(text: str, seg: Segment, cues: list[Cue], sentence: tuple[int, int]) -> Cue | None:
    """A speech tag right before a quote: ``He added: “...”`` / ``Hale said, “...”``."""
    prefix = text[sentence[0]:seg.open].rstrip()
    if not prefix or prefix[-1] not in ":,":
        return None
    inside = [c for c in cues if sentence[0] <= c.start < seg.open]
    return inside[-1] if inside else None


def tag_right_before(text: str, para_start: int, seg: Segment, cues: list[Cue]) -> bool:
    """True when a speech verb with a speaker ends the text before the quote, right before its comma or colon
    (*..., the mother of three replied, “...”*)."""
    prefix = text[para_start:seg.open].rstrip()
    if prefix[-1:] not in (",", ":"):
        return False
    end = para_start + len(prefix[:-1].rstrip())
    return any(c.end == end and c.kind == "verb" and not c.label_only and c.speaker is not None for c in cues)


def is_direct_position(text: str, seg: Segment, sentence: tuple[int, int], prev: Segment | None,
                       settings: Settings = DEFAULTS) -> bool:
    """True when the quote opens its sentence (after the previous quote), or follows a colon or a short
    comma lead-in (``Hale said, “...”``)."""
    start = max(sentence[0], prev.close if prev is not None and prev.para == seg.para else sentence[0])
    prefix = text[start:seg.open].strip()
    if not prefix or prefix[-1] in ":":
        return True
    return prefix[-1] == "," and len(WORD.findall(prefix)) <= settings.lead_in_max_words


def is_term(doc, text: str, seg: Segment, settings: Settings = DEFAULTS) -> bool:
    """A quoted term, not a quote: a capitalised title (:func:`is_title`, however many words), or, up to
    ``scare_quote_max_words``, "so-called “X”", "known as “X”", a short quote a naming verb governs ("dubbed
    them “X”") or used as a modifier of the noun after it ("the “kamikaze” drones", "“quack” cures")."""
    if is_title(text, seg):
        return True
    if seg.words > settings.scare_quote_max_words:
        return False
    if _patterns().term_before.search(text[max(0, seg.open - 20):seg.open]):
        return True
    if _modifies_next_noun(doc, seg) or _named_by_verb(doc, seg):
        return True
    if seg.words == 1 and seg.closed:   # a one-word modifier: the “kamikaze” drones
        nxt = doc.char_span(seg.close, len(text), alignment_mode="expand")
        following = next((t for t in nxt if not t.is_space), None) if nxt is not None else None
        prev = text[:seg.open].rstrip().split()[-1:] or [""]
        if following is not None and following.pos_ == "NOUN" and following.text[:1].islower() \
                and following.idx - seg.close <= 1 and prev[0].lower() in _patterns().modifier_determiners:
            return True
    return False


def is_title(text: str, seg: Segment, max_words: int = 8) -> bool:
    """A capitalised title after a preposition, a possessive or an article: *on “Face the Nation”*,
    *the network's “Morning Talk”*, *an episode of “Shark Tank.”* (a show, a book, a forum: named, not quoted)."""
    words = WORD.findall(seg.text)
    if not seg.closed or not words or len(words) > max_words or seg.text.rstrip()[-1:] in "?!":
        return False
    small = _patterns().title_small_words
    if not words[0][:1].isupper() or not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in small for w in words):
        return False
    if len(words) == 1 and words[0].isupper():
        return False   # a shouted word ("“NO”") is said, not named
    return bool(_patterns().title_before.search(text[max(0, seg.open - 30):seg.open]))


def is_work_title(text: str, seg: Segment, cues: list[Cue], limit: int, settings: Settings = DEFAULTS) -> bool:
    """A quote right after a work noun (``work_nouns``: *Ann Reed's commentary, “Tell your story,” is ...*) with no
    speech tag after it: the work's title, however it is capitalised."""
    return seg.closed and bool(_patterns().work_before.search(text[max(0, seg.open - 30):seg.open])) \
        and cue_attached_after(text, seg, cues, limit, settings) is None


def _named_by_verb(doc, seg: Segment) -> bool:
    """True when a naming verb ("dubbed", "nicknamed") governs the short quote: a name given, not words said."""
    span = doc.char_span(seg.start, seg.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    verbs = _patterns().naming_verbs
    return any(a.lemma_.lower() in verbs for a in list(span.root.ancestors)[:3])


def _modifies_next_noun(doc, seg: Segment) -> bool:
    """True when a quote of at most two words modifies the noun right after its closing mark."""
    if seg.words > 2 or not seg.closed:
        return False
    span = doc.char_span(seg.start, seg.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    last = span[-1]
    head = last.head
    return last.dep_ in ("amod", "compound", "nmod") and head.i > last.i and head.idx >= seg.close \
        and head.pos_ == "NOUN" and head.text[:1].islower() and all(t.pos_ in ("ADJ", "NOUN") for t in doc[span.end:head.i]
                                                                     if not t.is_punct)


def outside_quotes(text: str, a: int, b: int, segments: list[Segment]) -> str:
    """``text[a:b]`` with every quoted character blanked."""
    chars = list(text[a:b])
    for s in segments:
        for i in range(max(a, s.start), min(b, s.end)):
            chars[i - a] = " "
    return "".join(chars)
