"""Claims of one parsed article: :func:`extract_claims` (the per-Doc extractor) and the steps under it.

:func:`extract_claims` takes one spaCy ``Doc`` and returns claim rows with offsets into
``doc.text``. Under it, :func:`article_drafts` finds the cues (:mod:`.cues`) and their
speaker mentions (:mod:`.speakers`), turns quoted segments into direct and partial quote
drafts (:func:`quote_drafts`), adds reported speech and according-to drafts
(:mod:`.reported`), folds quoted fragments into the reported clause holding them (one
``mixed`` claim, :mod:`.units`); :mod:`.coref` then resolves each draft's speaker.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..nlp.docs import doc_text
from ..text.markup import strip_markup
from ..text.quotes import Segment
from .coref import Resolved, resolve_speakers
from .cues import Cue, Lexicon, find_cues, load_lexicon
from .reported import reported_spans
from .quotes import (WORD, cue_attached_after, cue_attached_before, is_direct_position, is_term, is_title,
                     is_work_title, para_of, read_paragraphs, sentence_of, tag_right_before)
from .settings import DEFAULTS, Settings
from .sources import according_to_document, document_speaker, elided_subject_speaker, label_cue, lead_in_cue
from .speakers import dependency_subject, parse_mention, person_surnames, speaker_mention
from .units import QUOTED_KINDS, format_spans, merge_mixed

_DASH_TAG = re.compile(r"^\s*[―—–-]{1,2}\s*(?P<name>[^\s―—–-][^\n]*?)\s*[.,]?\s*$")


@dataclass
class Draft:
    """A claim before speaker resolution (text offsets)."""

    start: int
    end: int
    kind: str
    quote: str
    cue: Cue | None
    para: int
    parts: list = field(default_factory=list)
    continuation: bool = False


@dataclass
class ArticleView:
    """One parsed article as the extractor reads it: paragraphs, quoted segments, sentences, cues."""

    doc: object
    lexicon: Lexicon
    settings: Settings
    para_spans: list[tuple[int, int]]
    segments: list[Segment]
    sentences: list[list[tuple[int, int]]]   # per paragraph
    surnames: set[str]
    cues: list[Cue] = field(default_factory=list)

    @property
    def text(self) -> str:
        return doc_text(self.doc)

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """The sentence holding text offset ``pos``."""
        return sentence_of(pos, self.sentences[para_of(pos, self.para_spans)])


def read_article(doc, lexicon: Lexicon, settings: Settings = DEFAULTS) -> ArticleView:
    """Paragraphs, quoted segments, sentences and cues (with their speaker mentions) of one Doc."""
    para_spans, segments, sentences = read_paragraphs(doc_text(doc))
    view = ArticleView(doc, lexicon, settings, para_spans, segments, sentences, person_surnames(doc, lexicon))
    view.cues = find_cues(doc, segments, lexicon)
    _attach_speakers(view)
    _inherit_speakers(view)
    view.cues.extend(_dash_cues(view))
    view.cues.sort(key=lambda c: c.start)
    return view


def _attach_speakers(view: ArticleView) -> None:
    """Each cue's speaker mention (a document's issuer for "a statement saying", :mod:`.sources`); a participle
    with no subject of its own ("..., saying ...") takes its sentence's main cue's speaker."""
    doc, lexicon, surnames = view.doc, view.lexicon, view.surnames
    for k, cue in enumerate(view.cues):
        sent = view.sentence_at(cue.start)
        if cue.kind == "participle" and dependency_subject(doc, cue) is None:
            main = [c for c in view.cues[:k] if sent[0] <= c.start and c.speaker is not None]
            if main:
                cue.speaker = main[-1].speaker
                continue
        mention = speaker_mention(doc, cue, view.segments, sent, lexicon, surnames)
        cue.speaker = document_speaker(doc, mention, lexicon, surnames) or according_to_document(doc, cue, lexicon)


def _inherit_speakers(view: ArticleView) -> None:
    """A verb cue with no subject takes its governing cue's speaker ("Lynch said she recalled thinking,
    “...”"), else, for a bare or -ing form, the previous cue's of its sentence ("..., going on to say that"), and
    for an -ing form opening its sentence the next named one's ("Bemoaning the “...”, Hale accused ...")."""
    by_token = {c.i: c for c in view.cues}
    for k, cue in enumerate(view.cues):
        if cue.speaker is None and cue.kind == "verb":
            for anc in view.doc[cue.i].ancestors:
                if anc.i in by_token and by_token[anc.i].speaker is not None:
                    cue.speaker = by_token[anc.i].speaker
                    break
        if cue.speaker is None and cue.kind == "verb" and view.doc[cue.i].tag_ in ("VB", "VBG"):
            sent = view.sentence_at(cue.start)
            earlier = [c for c in view.cues[:k] if sent[0] <= c.start and c.speaker is not None]
            later = [c for c in view.cues[k + 1:] if c.start < sent[1] and c.speaker is not None
                     and c.speaker.type in ("person", "collective")]
            if earlier:
                cue.speaker = earlier[-1].speaker
            elif later and view.doc[cue.i].tag_ == "VBG":   # "Bemoaning the “...”, Hale accused ..."
                cue.speaker = later[0].speaker
        if cue.speaker is None:   # "... But told the radio: “...”"
            cue.speaker = elided_subject_speaker(view.doc, view.cues, k, view.sentence_at(cue.start),
                                                 view.para_spans[para_of(cue.start, view.para_spans)])


def _dash_cues(view: ArticleView) -> list[Cue]:
    """Dash attributions after a quote: ``“...” — Carla Ortiz`` (the name ends the paragraph)."""
    doc, text, cues = view.doc, view.text, []
    for seg in view.segments:
        if not seg.closed:
            continue
        end = view.para_spans[seg.para][1]
        m = _DASH_TAG.match(text[seg.close:end])
        if not m or len(WORD.findall(m.group("name"))) > view.settings.dash_name_max_words:
            continue
        span = doc.char_span(seg.close + m.start("name"), seg.close + m.end("name"), alignment_mode="expand")
        if span is None:
            continue
        mention = parse_mention(doc, span.start, span.end, view.lexicon, view.surnames)
        if mention is None:
            continue
        dash = seg.close + text[seg.close:end].index(text[seg.close:end].strip()[0])
        cues.append(Cue(span.start, dash, dash + 1, text[dash], "assert", "dash", speaker=mention))
    return cues


def colon_cue(view: ArticleView, seg: Segment, sent: tuple[int, int]) -> Cue | None:
    """``The president is rolling out a new message: “It's about me.”``: the verb before the colon,
    as a weak cue, when its subject is a named or collective speaker."""
    doc, text = view.doc, view.text
    prefix = text[sent[0]:seg.open].rstrip()
    if not prefix.endswith(":"):
        return None
    colon = doc.char_span(sent[0] + len(prefix) - 1, sent[0] + len(prefix), alignment_mode="expand")
    if colon is None:
        return None
    verb = colon[0].head
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or not sent[0] <= verb.idx < seg.open:
        return lead_in_cue(view.doc, sent[0], colon[0], view.lexicon, view.surnames)
    cue = Cue(verb.i, verb.idx, verb.idx + len(verb), verb.text, "assert", "verb", quote_only=True, weak=True)
    cue.speaker = speaker_mention(doc, cue, view.segments, sent, view.lexicon, view.surnames)
    if cue.speaker is None or cue.speaker.type in ("generic", "first_person", "unnamed"):
        return None
    return cue


def partial_cue(doc, seg: Segment, sent: tuple[int, int], cues: list[Cue]) -> Cue | None:
    """The cue a quoted fragment hangs on: a cue governing it, else the nearest one in its sentence."""
    in_sent = [c for c in cues if sent[0] <= c.start < sent[1]]
    if not in_sent:
        return None
    span = doc.char_span(seg.start, seg.end, alignment_mode="expand")
    if span is not None and len(span):
        governing = _governing_cues(doc, span, {c.i: c for c in in_sent})
        # nested attributions ("X said the attacks showed “...”"): the outermost cue with a named
        # or collective speaker reports the words
        named = [c for c in governing if c.speaker is not None and c.speaker.type not in ("generic", "first_person", "unnamed")]
        if named:
            return named[-1]
        if governing:
            return governing[0]
    before = [c for c in in_sent if c.start < seg.open]
    if before:
        cue = before[-1]
        subj = dependency_subject(doc, cue)
        if not (span is not None and subj is not None and subj.i > cue.i and span.root in list(subj.subtree)):
            return cue
    after = [c for c in in_sent if c.start >= seg.end]
    if after:
        cue = after[0]
        if span is not None:
            subj = dependency_subject(doc, cue)
            if subj is not None and span.root in list(subj.subtree):
                return None   # the quote is part of the subject ("... “dress code” has been condemned")
        return cue
    return None


def _governing_cues(doc, span, by_index: dict[int, Cue]) -> list[Cue]:
    """Cues among the ancestors of the fragment's root, nearest first, unless the fragment is their subject;
    a cue coordinated with a governing one (*X said ..., but he said “...”*) is its sibling, not its reporter."""
    governing = []
    for anc in span.root.ancestors:
        if governing and doc[governing[-1].i].dep_ == "conj" and doc[governing[-1].i].head.i == anc.i:
            break
        if anc.i in by_index:
            cue = by_index[anc.i]
            subj = dependency_subject(doc, cue)
            if subj is not None and span.root in list(subj.subtree):
                continue
            governing.append(cue)
    return governing


# ---------------------------------------------------------------------------
# Quote drafts, paragraph by paragraph
# ---------------------------------------------------------------------------

@dataclass
class _Paragraph:
    """One paragraph while its quoted segments are read."""

    p: int
    span: tuple[int, int]
    segs: list[Segment]
    sentences: list[tuple[int, int]]
    cues: list[Cue]
    intro_cue: Cue | None          # "The Times reports:" ending the previous paragraph
    drafts: list[Draft] = field(default_factory=list)
    last_cue: Cue | None = None
    prev_seg: Segment | None = None

    def next_open(self, idx: int) -> int:
        """Where the segment after ``segs[idx]`` opens (the paragraph's end after the last)."""
        return self.segs[idx + 1].open if idx + 1 < len(self.segs) else self.span[1]


def quote_drafts(view: ArticleView) -> list[Draft]:
    """Direct and partial quote drafts of the article, in text order (before speaker resolution).

    A quote left open at the end of a paragraph is continued by a next paragraph that opens
    with a quote; a paragraph ending with a colon and a cue introduces the next one's quote.
    """
    by_para: dict[int, list[Segment]] = {}
    for seg in view.segments:
        by_para.setdefault(seg.para, []).append(seg)
    drafts: list[Draft] = []
    carried: Draft | None = None   # a quote left open at the end of the previous paragraph
    colon: Cue | None = None
    for p, span in enumerate(view.para_spans):
        segs, sentences = by_para.get(p, []), view.sentences[p]
        p_cues = [c for c in view.cues if span[0] <= c.start < span[1]]
        para = _Paragraph(p, span, segs, sentences, p_cues, intro_cue=colon)
        colon = None
        if view.text[span[0]:span[1]].rstrip().endswith(":") and p_cues and not segs:
            colon = p_cues[-1] if p_cues[-1].start >= sentences[-1][0] else None
        for idx, seg in enumerate(segs):
            sent = sentence_of(seg.open, sentences)
            if (is_title(view.text, seg) or is_work_title(view.text, seg, p_cues, para.next_open(idx), view.settings)) \
                    and not tag_right_before(view.text, span[0], seg, p_cues):
                carried = None   # 'On Tuesday's episode of “The Morning Show,” she said': named, not quoted
                _add_term(view, para, seg, sent, drafts)
            elif _continues_split_quote(view, para, seg) or _is_direct(view, para, idx, seg, sent):
                carried = _add_direct(view, para, idx, seg, sent, carried, drafts)
            else:
                carried = None
                if is_term(view.doc, view.text, seg, view.settings):
                    _add_term(view, para, seg, sent, drafts)
                else:
                    _add_partial(view, para, seg, sent, drafts)
            para.prev_seg = seg
        if not segs:
            carried = None
    return drafts


def _tag_between(view: ArticleView, para: _Paragraph, seg: Segment) -> Cue | None:
    """The speech tag of the paragraph's previous quote when it sits between that quote and ``seg``
    (``“A,” he says. “B.”``), else None."""
    prev = para.prev_seg
    if prev is None or not para.drafts or para.drafts[-1].kind != "direct":
        return None
    cue = cue_attached_after(view.text, prev, para.cues, seg.open, view.settings)
    return cue if cue is not None and prev.close <= cue.start < seg.open else None


def _continues_split_quote(view: ArticleView, para: _Paragraph, seg: Segment) -> bool:
    """``“A,” he said during a rally in Ohio, “but b.”`` / ``“A,” he said, but “b.”``: a quote resuming, in lower
    case after a comma (and a conjunction), the sentence its speech tag interrupted (direct however long the tag)."""
    if _tag_between(view, para, seg) is None:
        return False
    gap = view.text[para.prev_seg.close:seg.open].rstrip()
    return re.search(r",(?:\s+(?:and|but))?$", gap) is not None and seg.text[:1].islower()


def _joins_previous(view: ArticleView, para: _Paragraph, seg: Segment, cue: Cue | None) -> bool:
    """True when ``seg`` continues the paragraph's previous direct quote as the quotation marks and the
    tag join them: nothing but marks between the two, or the previous quote's speech tag between them
    (``“A,” he says. “B.”``) unless that tag is the lead-in of a new sentence (``“A.” To which she
    said, “B.”`` / ``“A.” He added: “B.”``: another claim)."""
    if not para.drafts or para.drafts[-1].kind != "direct" or para.drafts[-1].cue is not cue:
        return False
    gap = view.text[para.prev_seg.close:seg.open]
    if not WORD.search(gap):
        return True
    tag = _tag_between(view, para, seg)
    if tag is None or tag is not cue:
        return False
    ended = view.text[para.prev_seg.start:para.prev_seg.close].rstrip("\"”’ ")[-1:] in ".!?"
    lead_in = gap.rstrip()[-1:] in ",:" and gap.strip()[:1].isupper()
    return not (ended and lead_in)


def _is_direct(view: ArticleView, para: _Paragraph, idx: int, seg: Segment, sent: tuple[int, int]) -> bool:
    """A direct quote (see :func:`.quotes.is_direct_position`), with exceptions: a long quote after a short
    lead-in and followed by its speech tag, or right after its speech tag, is direct; a short quoted term
    opening a sentence, or a lower-case fragment after a fragment of its sentence, is not."""
    text, s, nxt = view.text, view.settings, para.next_open(idx)
    prev = para.prev_seg
    if seg.text[:1].islower() and prev is not None and prev.close > sent[0] and \
            not (para.drafts and para.drafts[-1].kind == "direct" and para.drafts[-1].end == prev.end):
        return False   # '... "some people" who feel that way, "but not among the majority."': a fragment
    direct = is_direct_position(text, seg, sent, prev, s)
    if not direct and seg.words > s.scare_quote_max_words and text[seg.end:seg.close + 1].rstrip()[:1] in ",?!" \
            and cue_attached_after(text, seg, para.cues, nxt, s) is not None \
            and len(WORD.findall(text[sent[0]:seg.open])) <= s.short_lead_in_words:
        direct = True   # 'Both parties "saw the port as ...," said Lena Hart': a short lead-in before a quote
    if not direct and seg.words > s.scare_quote_max_words and tag_right_before(view.text, para.span[0], seg, para.cues):
        direct = True   # 'when pressed on why ..., the mother of three replied, “...”': the tag ends the lead-in
    if direct and seg.words <= s.scare_quote_max_words and seg.closed:
        after = text[seg.close:sent[1]].strip()
        if after and after[0].isalnum() and not cue_attached_after(text, seg, para.cues, nxt, s):
            direct = False  # a quoted term that starts a sentence ("“Fake news” is ...")
    return direct


def _direct_cue(view: ArticleView, para: _Paragraph, idx: int, seg: Segment, sent: tuple[int, int],
                carried: Draft | None) -> Cue | None:
    """The cue of a direct quote: its speech tag, else the quote it continues, the paragraph's last
    quote cue, the previous paragraph's colon cue, a later quote's tag, a verb before a colon, the
    nearest cue of the paragraph."""
    text, s = view.text, view.settings
    cue = cue_attached_after(text, seg, para.cues, para.next_open(idx), s) or cue_attached_before(text, seg, para.cues, sent)
    if cue is not None and cue.label_only:
        cue = None
    if cue is None and carried is not None and idx == 0 and seg.open == para.span[0]:
        cue = carried.cue
    cue = cue or para.last_cue or para.intro_cue
    if cue is None:
        for k in range(idx + 1, len(para.segs)):
            cue = cue_attached_after(text, para.segs[k], para.cues, para.next_open(k), s)
            if cue is not None:
                break
    if cue is None:
        cue = colon_cue(view, seg, sent)
    if cue is None:
        outside = [c for c in para.cues if not c.label_only and c.kind != "according_to"]
        if outside:   # a named speaker before a generic one ("as others have noted")
            cue = min(outside, key=lambda c: (c.speaker is None or c.speaker.type in ("generic", "unnamed"), abs(c.start - seg.open)))
    if cue is None:   # 'X called him a master at deals. “He showed ...”': the labelling sentence before the quote
        labels = [c for c in para.cues if c.label_only and c.start < seg.open and c.speaker is not None
                  and c.speaker.type == "person"]
        cue = labels[-1] if labels else None
    return cue


def _extend(draft: Draft, seg: Segment) -> None:
    draft.parts.append((seg.start, seg.end))
    draft.end = seg.end
    draft.quote = f"{draft.quote} … {seg.text}"


def _add_direct(view: ArticleView, para: _Paragraph, idx: int, seg: Segment, sent: tuple[int, int],
                carried: Draft | None, drafts: list[Draft]) -> Draft | None:
    """Add a direct quote (joined to the quote it continues or to the previous part on the same cue);
    returns the draft when its quote is left open (to be carried into the next paragraph)."""
    continuing = carried is not None and idx == 0 and seg.open == para.span[0]
    cue = _direct_cue(view, para, idx, seg, sent, carried)
    target = None
    if continuing:
        target = carried
        if not para.drafts or para.drafts[-1] is not carried:
            para.drafts.append(carried)   # a quote continued here may go on after its tag
    elif _joins_previous(view, para, seg, cue):
        target = para.drafts[-1]
    if target is not None:
        _extend(target, seg)
        if target.cue is None and cue is not None:
            target.cue = cue
        draft = target
    else:
        draft = Draft(seg.start, seg.end, "direct", seg.text, cue, para.p, parts=[(seg.start, seg.end)])
        para.drafts.append(draft)
        drafts.append(draft)
    if cue is not None:
        para.last_cue = cue
    return draft if not seg.closed else None


def _add_term(view: ArticleView, para: _Paragraph, seg: Segment, sent: tuple[int, int], drafts: list[Draft]) -> None:
    """Add a quoted term (kind ``term``): a title, a nickname, a scare quote – named or marked, not quoted.
    Its cue is the naming verb when one with a speaker governs it ("dubbed them “X”"), else None."""
    cue = partial_cue(view.doc, seg, sent, para.cues)
    if cue is None or cue.speaker is None or not cue.quote_only:
        cue = None
    drafts.append(Draft(seg.start, seg.end, "term", seg.text, cue, para.p, parts=[(seg.start, seg.end)]))


def _add_partial(view: ArticleView, para: _Paragraph, seg: Segment, sent: tuple[int, int], drafts: list[Draft]) -> None:
    """Add a partial quote on the cue it hangs on (fragments on one cue in one sentence form one claim);
    a short fragment with no speaker (and no passive cue quoting an unnamed source) is a term."""
    s = view.settings
    cue = partial_cue(view.doc, seg, sent, para.cues)
    if cue is None or cue.speaker is None:   # "went after X as a “con artist”": a label put on X
        last = para.drafts[-1] if para.drafts else None
        prev = (para.prev_seg, last.cue) if last is not None and last.kind == "partial" and last.cue is not None \
            and last.cue.weak and para.prev_seg is not None and last.end == para.prev_seg.end else None
        cue = label_cue(view.doc, seg, sent, view.segments, view.lexicon, view.surnames, prev) or cue
    passive = cue is not None and any(c.dep_ in ("nsubjpass", "auxpass") for c in view.doc[cue.i].children)
    if (cue is None or cue.speaker is None) and not passive:   # a passive cue quotes a source it does not name
        if seg.words <= s.scare_quote_max_words + s.orphan_fragment_extra_words:
            _add_term(view, para, seg, sent, drafts)
            return
        if cue is None and para.cues:
            cue = min(para.cues, key=lambda c: abs(c.start - seg.open))
    last = para.drafts[-1] if para.drafts else None
    if last is not None and last.kind == "partial" and last.cue is cue and cue is not None \
            and sentence_of(last.start, para.sentences) == sent:
        _extend(last, seg)
    else:
        draft = Draft(seg.start, seg.end, "partial", seg.text, cue, para.p, parts=[(seg.start, seg.end)])
        para.drafts.append(draft)
        drafts.append(draft)


# ---------------------------------------------------------------------------
# The extractor
# ---------------------------------------------------------------------------

def article_drafts(doc, lexicon: Lexicon, settings: Settings = DEFAULTS) -> tuple[list[Draft], list[Cue]]:
    """Quote, reported-speech, mixed and according-to drafts of one Doc (sorted by ``start, end, kind``), and its
    cues; a quoted fragment inside a reported clause is folded into it (:func:`.units.merge_mixed`)."""
    view = read_article(doc, lexicon, settings)
    drafts = quote_drafts(view)
    for a, b, kind, cue, p in reported_spans(doc, view.cues, view.para_spans, view.sentences, view.segments,
                                             drafts, settings):
        drafts.append(Draft(a, b, kind, doc_text(doc)[a:b], cue, p, parts=[(a, b)]))
    drafts = merge_mixed(drafts, doc_text(doc))
    drafts.sort(key=lambda d: (d.start, d.end, d.kind))
    return drafts, view.cues


def extract_claims(doc, *, lexicon: Lexicon | None = None, settings: Settings = DEFAULTS, link=None) -> list[dict]:
    """The claims of one spaCy ``Doc``, one dict per claim, offsets into ``doc.text``.

    Keys are :data:`analysis.claims.CLAIM_COLUMNS` but ``doc_id`` (see :func:`analysis.claims.claims`
    for their meaning): ``start, end, kind, quote, quoted_spans, speaker, speaker_start, speaker_end,
    speaker_entity_id, speaker_role, speaker_kind, cue, cue_start, stance, confidence`` (``quoted_spans`` here
    in ``doc.text`` offsets). ``link``, when
    given, is called as ``link(start, end, speaker)`` with the text offsets of a resolved
    person or collective speaker's name and returns ``(speaker, entity_id)`` (how
    :func:`analysis.claims.claims` maps speakers to entities); without it
    ``speaker_entity_id`` is None.
    """
    lexicon = lexicon or load_lexicon()
    drafts, _ = article_drafts(doc, lexicon, settings)
    resolved = resolve_speakers(drafts, doc, lexicon, settings)
    rows = [_claim_row(d, r, settings, link) for d, r in zip(drafts, resolved)]
    return [row for row in rows if row is not None]


def _claim_row(d: Draft, r: Resolved | None, settings: Settings, link) -> dict | None:
    """The row of one draft and its resolved speaker (None when only markup was quoted)."""
    quote = re.sub(r"\s+", " ", strip_markup(d.quote)).strip()
    if not WORD.search(quote):
        return None   # nothing but markup between the marks
    m = d.cue.speaker if d.cue is not None else None
    speaker = r.name if r is not None else None
    confidence = r.confidence if r is not None and speaker else settings.confidence_unresolved
    if d.kind == "partial":
        confidence -= settings.partial_penalty
    if d.cue is not None and d.cue.weak and speaker:
        confidence = min(confidence, settings.confidence_weak_cue)
    if m is not None and m.end > m.start:
        s_start, s_end = (m.name_start, m.name_end) if m.type == "person" else (m.start, m.end)
    elif m is not None:   # an unnamed source has no mention
        s_start = s_end = None
    elif r is not None:
        s_start, s_end = r.start, r.end
    else:
        s_start = s_end = None
    entity_id = None
    if link is not None and r is not None and speaker and r.type in ("person", "collective") and " and " not in speaker:
        speaker, entity_id = link(r.start, r.end, speaker)
    spans = format_spans(d.parts) if d.kind in QUOTED_KINDS + ("term",) else None
    return {"start": d.start, "end": d.end, "kind": d.kind, "quote": quote, "quoted_spans": spans, "speaker": speaker,
            "speaker_start": s_start, "speaker_end": s_end, "speaker_entity_id": entity_id,
            "speaker_role": r.role if r is not None else None,
            "speaker_kind": r.type if r is not None and (speaker or r.type == "unnamed") else None,
            "cue": d.cue.word if d.cue is not None else None,
            "cue_start": d.cue.start if d.cue is not None else None,
            "stance": d.cue.stance if d.cue is not None else "assert",
            "confidence": round(max(0.0, min(1.0, confidence)), 2)}
