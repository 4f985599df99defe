"""Speaker resolution: from a cue's mention to a name (pronouns, roles, definite noun phrases, surnames).

:func:`resolve_speakers` walks an article's drafts in cue order and keeps the speakers
seen so far: a surname becomes the fullest name of the article (:func:`full_name`), he/she
the nearest earlier person of a compatible gender (:func:`article_genders`), they/it the
nearest group, "the spokesman" the nearest speaker with that role, "the ministry" the
nearest speaker whose name ends in that noun, "the company" the organisation the article has named
most up to there (a role no earlier person holds stays the role, a generic speaker), and a quote with no cue continues the previous quote's speaker. What cannot be
resolved stays ``None``, never guessed.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from ..entities import alias_key
from ..nlp.docs import doc_ents, doc_text
from .cues import Lexicon
from .names import role_holders
from .settings import DEFAULTS, Settings
from .speakers import COLLECTIVE_ENTS, Mention, clean_name, propn_chains, span_text, strip_det

_PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female", "hers": "female"}


@dataclass
class Resolved:
    """A resolved speaker: name, role, kind, gender, the offsets of the name it rests on, and how sure."""

    name: str | None
    role: str | None
    type: str | None
    gender: str | None
    start: int            # text offsets of the resolved name (the antecedent for a pronoun)
    end: int
    para: int
    confidence: float
    document: str | None = None   # the document noun the speaker spoke through ("statement"), if any


class KnownNames(dict):
    """``{name: [positions]}`` with the names indexed by their last word (built once), so that
    :func:`full_name` looks only at the names ending like the one it completes."""

    def ending_with(self, word: str) -> list[str]:
        if not hasattr(self, "_by_last"):
            self._by_last: dict[str, list[str]] = {}
            for name in self:
                words = name.lower().split()
                if words:
                    self._by_last.setdefault(words[-1], []).append(name)
        return self._by_last.get(word, [])


def full_names(doc, drafts: list, lexicon: Lexicon) -> KnownNames:
    """``{name: [positions]}`` of the article's person names (entities and person speakers)."""
    names = KnownNames()
    for e in doc_ents(doc):
        if e.label_ == "PERSON" and clean_name(e.text, lexicon):
            names.setdefault(clean_name(e.text, lexicon), []).append(e.start_char)
    for d in drafts:
        m = d.cue.speaker if d.cue else None
        if m is not None and m.type == "person" and m.name and " and " not in m.name:
            names.setdefault(m.name, []).append(m.name_start)
    return names


def full_name(name: str, known: dict[str, list[int]] | list[str], pos: int | None = None) -> str:
    """The fullest form of ``name`` among the article's names ("Hale" -> "Tom Hale").

    When several full names end the same way ("Tom Reed", "Anna Reed"),
    the one named last before ``pos`` wins (else the first named).
    """
    words = name.lower().split()
    if not words:
        return name
    positions = known if isinstance(known, dict) else {k: [0] for k in known}
    pool = known.ending_with(words[-1]) if isinstance(known, KnownNames) else positions
    cands = [c for c in pool if len(c.split()) > len(words) and c.lower().split()[-len(words):] == words]
    if not cands:
        return name
    longest = max(len(c.split()) for c in cands)

    def rank(c: str):
        before = [p for p in positions[c] if pos is None or p <= pos]
        return (bool(before), max(before) if before else -min(positions[c]), len(c.split()) == longest, c)
    return max(cands, key=rank)


def surname(name: str | None) -> str:
    """The last word of a name, lower case (``""`` for none)."""
    words = (name or "").lower().split()
    return words[-1] if words else ""


def article_genders(doc, lexicon: Lexicon) -> dict[str, str]:
    """``{surname: male|female}`` read from the article: honorifics and gendered roles next to a
    name ("Mrs. Reed", "spokeswoman Jo Marsh") and the first he/she after a person subject."""
    votes: dict[str, dict[str, int]] = {}

    def vote(name: str, gender: str | None, weight: int) -> None:
        if gender in ("male", "female") and surname(name):
            votes.setdefault(surname(name), {}).setdefault(gender, 0)
            votes[surname(name)][gender] += weight

    for a, b in propn_chains(doc, 0, len(doc)):
        if a > 0:
            prev = doc[a - 1].lower_
            vote(span_text(doc, a, b), lexicon.honorifics.get(prev) or lexicon.roles.get(prev), 3)
    persons = [e for e in doc_ents(doc) if e.label_ == "PERSON"]
    for k, e in enumerate(persons):
        if e.root.dep_ not in ("nsubj", "nsubjpass"):
            continue
        limit = persons[k + 1].start if k + 1 < len(persons) else len(doc)
        sent_end = e.sent.end
        nxt = doc[sent_end].sent.end if sent_end < len(doc) else sent_end
        for t in doc[e.end:min(limit, nxt)]:
            if t.lower_ in ("he", "she") and t.dep_ in ("nsubj", "nsubjpass"):
                vote(clean_name(e.text, lexicon), _PRONOUN_GENDER[t.lower_], 1)
                break
    return {k: max(v, key=lambda g: (v[g], g)) for k, v in votes.items()
            if len(v) == 1 or max(v.values()) >= 2 * min(v.values())}


@dataclass
class _ArticleContext:
    """What resolution knows of one article while it walks the drafts."""

    known: dict[str, list[int]]
    genders: dict[str, str]
    subject_persons: list[tuple[int, str]]
    subject_groups: list[tuple[int, str]]
    history: list[Resolved]
    settings: Settings
    roles: list[tuple[int, str, str]] = field(default_factory=list)   # people introduced with a role
    doc: object = None
    organisations: list[tuple[int, str]] = field(default_factory=list)  # every business named, in order
    organisation_nouns: frozenset = frozenset()


def resolve_speakers(drafts: list, doc, lexicon: Lexicon, settings: Settings = DEFAULTS) -> list[Resolved | None]:
    """The resolved speaker of each draft (None when unresolved), in the drafts' order; resolution runs in cue order.

    Sets ``draft.continuation`` on quotes that continue the previous quote's speaker.
    """
    ctx = _ArticleContext(full_names(doc, drafts, lexicon), article_genders(doc, lexicon),
                   sorted((e.start_char, clean_name(e.text, lexicon)) for e in doc_ents(doc)
                          if e.label_ == "PERSON" and e.root.dep_ in ("nsubj", "nsubjpass")),
                   sorted((e.start_char, strip_det(e.text)) for e in doc_ents(doc)
                          if e.label_ in COLLECTIVE_ENTS and e.root.dep_ in ("nsubj", "nsubjpass")),
                   [], settings, role_holders(doc, lexicon), doc,
                   _businesses(doc, lexicon), lexicon.organisation_nouns)
    last_quote: Resolved | None = None
    result: dict[int, Resolved | None] = {}
    for k in sorted(range(len(drafts)), key=lambda k: (drafts[k].cue.start if drafts[k].cue else drafts[k].start)):
        d = drafts[k]
        if d.cue is None:
            r = _continuation(d, last_quote, settings)
        else:
            r = _resolve_mention(d.cue.speaker, d.cue.start, d.para, ctx)
        if r is not None and r.name:
            via = d.cue.speaker.document if d.cue is not None and d.cue.speaker is not None else None
            ctx.history.append(Resolved(r.name, r.role, r.type, r.gender, r.start, r.end, d.para, r.confidence,
                                        document=r.document or via))
            if d.kind in ("direct", "partial", "mixed"):
                last_quote = ctx.history[-1]
        elif d.kind in ("direct", "partial", "mixed") and d.cue is not None:
            last_quote = None
        result[k] = r
    return [result[k] for k in range(len(drafts))]


def _businesses(doc, lexicon: Lexicon) -> list[tuple[int, str]]:
    """``(start, name)`` of every organisation the Doc names that is no public body (no word of
    ``public_body_words`` in its name), in text order: what "the company" can stand for."""
    out = []
    for e in doc_ents(doc):
        name = strip_det(e.text)
        if e.label_ == "ORG" and not any(w in lexicon.public_body_words for w in name.lower().replace(".", "").split()):
            out.append((e.start_char, name))
    return sorted(out)


def _continuation(d, last_quote: Resolved | None, settings: Settings) -> Resolved | None:
    """A quote with no cue continues the previous quote's speaker when it is close enough."""
    if last_quote is not None and d.kind in ("direct", "partial") \
            and d.para - last_quote.para <= settings.continuation_paragraphs:
        d.continuation = True
        return Resolved(last_quote.name, last_quote.role, last_quote.type, last_quote.gender,
                        last_quote.start, last_quote.end, d.para, settings.confidence_continuation)
    return None


def _resolve_mention(m: Mention | None, pos: int, para: int, ctx: _ArticleContext) -> Resolved | None:
    """The speaker a cue's mention names, or None."""
    s = ctx.settings
    if m is None:
        return None
    if m.type == "person":
        names = [full_name(n, ctx.known, pos) for n in m.name.split(" and ")] if m.name else []
        name = " and ".join(names)
        gender = m.gender or ctx.genders.get(surname(name))
        if gender and " and " not in name:
            ctx.genders.setdefault(surname(name), gender)
        return Resolved(name, m.role, "person", gender, m.name_start, m.name_end, para, s.confidence_named)
    if m.type in ("collective", "generic"):
        confidence = s.confidence_collective if m.type == "collective" else s.confidence_generic
        return _resolve_definite(m, ctx.history, para, s) or _resolve_organisation(m, pos, para, ctx) or Resolved(
            m.name, m.role, m.type, None, m.start, m.end, para, confidence)
    if m.type == "unnamed":   # "one said", "X was accused of": the text names no source
        return Resolved(None, None, "unnamed", None, m.start, m.end, para, s.confidence_unresolved)
    if m.type == "pronoun":
        if m.gender in ("male", "female"):
            return _resolve_person_pronoun(m, pos, para, ctx)
        if m.gender in ("plural", "neuter"):
            return _governing_subject(m, para, ctx) or _resolve_group_pronoun(m, pos, para, ctx)
        return None
    if m.type == "anaphor":   # a role no earlier person holds stays the role the text names ("the home secretary")
        return _resolve_role(m, ctx.history, para, s) or _resolve_role_holder(m, pos, para, ctx) or (Resolved(
            m.role, m.role, "generic", m.gender, m.start, m.end, para, s.confidence_generic) if m.role else None)
    if m.type == "document":   # "the statement said": its issuer named earlier, else the document itself
        return _resolve_document(m, ctx.history, para, s) or Resolved(
            m.name, None, "document", None, m.start, m.end, para, s.confidence_generic, document=m.role_noun)
    return None


def _resolve_document(m: Mention, history: list[Resolved], para: int, settings: Settings) -> Resolved | None:
    """"the statement noted": the speaker of the nearest earlier claim made through a document of that kind."""
    if not m.definite:
        return None
    for h in reversed(history):
        if h.document == m.role_noun and h.type != "document":
            return Resolved(h.name, h.role, h.type, h.gender, h.start, h.end, para, settings.confidence_definite,
                            document=h.document)
    return None


def _resolve_person_pronoun(m: Mention, pos: int, para: int, ctx: _ArticleContext) -> Resolved | None:
    """he/she: the nearest earlier person speaker of a compatible gender; a nearer person subject
    only when that speaker is more than ``speaker_paragraphs_back`` paragraphs back."""
    genders, history = ctx.genders, ctx.history

    def compatible(name: str, gender: str | None) -> bool:
        g = genders.get(surname(name)) or gender
        return g is None or g == m.gender
    speakers = [(h.start, h) for h in history if h.type == "person" and " and " not in h.name
                and h.start < pos and compatible(h.name, h.gender)]
    best_speaker = max(speakers, key=lambda c: c[0]) if speakers else None
    best_subject = None
    for k in range(bisect_left(ctx.subject_persons, (pos,)) - 1, -1, -1):   # the nearest compatible subject
        s, n = ctx.subject_persons[k]
        if compatible(n, genders.get(surname(n))):
            best_subject = (s, Resolved(full_name(n, ctx.known, s), None, "person", genders.get(surname(n)),
                                        s, s + len(n), para, 0.0))
            break
    if best_speaker is not None and best_subject is not None and best_subject[0] > best_speaker[0] \
            and para - best_speaker[1].para > ctx.settings.speaker_paragraphs_back:
        best_speaker = None
    for _, h in [c for c in (best_speaker, best_subject) if c is not None]:
        if h.start < pos and compatible(h.name, h.gender):
            genders.setdefault(surname(h.name), m.gender)
            role = h.role or next((x.role for x in reversed(history) if x.name == h.name and x.role), None)
            return Resolved(h.name, role, "person", m.gender, h.start, h.end, para, ctx.settings.confidence_pronoun)
    return None


def _governing_subject(m: Mention, para: int, ctx: _ArticleContext) -> Resolved | None:
    """they/it in a clause that a verb of its sentence governs takes that verb's subject when it names a group
    (*the union's campaign seeks to contrast ... with what they call “...”*): for "they" a plural noun phrase, one
    a name possesses or a collective one, for "it" a collective one; a person or pronoun subject stops the search."""
    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand") if ctx.doc is not None else None
    if span is None or not len(span):
        return None
    tok = child = span.root
    for anc in tok.ancestors:
        if child.dep_ == "conj":
            return None   # a coordinated clause ("prices rose and they said") is no governed one
        child = anc
        subj = next((c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i
                     and c.i not in range(span.start, span.end)), None)
        if subj is None:
            continue
        if subj.pos_ not in ("NOUN", "PROPN") or subj.ent_type_ == "PERSON":
            return None
        group = subj.ent_type_ in COLLECTIVE_ENTS
        if not (group or m.gender == "plural" and (subj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in subj.children))):
            return None
        a, b = subj.left_edge.idx, subj.idx + len(subj)
        return Resolved(strip_det(doc_text(ctx.doc)[a:b]), None, "collective", None, a, b, para,
                        ctx.settings.confidence_generic)
    return None


def _resolve_group_pronoun(m: Mention, pos: int, para: int, ctx: _ArticleContext) -> Resolved | None:
    """they/it: the nearest earlier group speaker (or joint speaker, for "they") or group subject."""
    candidates = [(h.start, h) for h in ctx.history if h.type in ("collective", "generic")
                  or (m.gender == "plural" and " and " in (h.name or ""))]
    k = bisect_left(ctx.subject_groups, (pos,)) - 1
    if k >= 0:   # the nearest group subject before the pronoun
        s, n = ctx.subject_groups[k]
        candidates.append((s, Resolved(n, None, "collective", None, s, s + len(n), para, 0.0)))
    candidates = [c for c in candidates if c[0] < pos]
    if not candidates:
        return None
    _, h = max(candidates, key=lambda c: c[0])
    return Resolved(h.name, h.role, h.type, None, h.start, h.end, para, ctx.settings.confidence_generic)


def _resolve_definite(m: Mention, history: list[Resolved], para: int, settings: Settings) -> Resolved | None:
    """"the ministry said" after "the country's defence ministry denied ...": a definite noun phrase
    naming an earlier speaker by its head noun."""
    words = (m.name or "").lower().split()
    if m.type != "generic" or not m.definite or not words or len(words) > 2:
        return None
    head = words[-1]
    for h in reversed(history):
        if h.name and h.name.lower() != " ".join(words) and \
                (re.search(rf"\b{re.escape(head)}\b", h.name.lower()) or
                 (h.role and re.search(rf"\b{re.escape(head)}\b", h.role.lower()))):
            return Resolved(h.name, h.role, h.type, h.gender, h.start, h.end, para, settings.confidence_definite)
    return None


def _resolve_organisation(m: Mention, pos: int, para: int, ctx: _ArticleContext) -> Resolved | None:
    """"the company said", "the firm added": the organisation the article has named most often before the cue
    (the nearer one on a tie) that is no public body, when the head noun is one of ``organisation_nouns``
    (data/claims_speakers.yaml)."""
    words = (m.name or "").lower().split()
    if m.type != "generic" or not m.definite or not words or len(words) > 2 \
            or words[-1] not in ctx.organisation_nouns:
        return None
    earlier = ctx.organisations[:bisect_left(ctx.organisations, (pos,))]
    if not earlier:
        return None
    def key(name: str) -> str:   # one business however the text spaces, dots or cases its name
        return alias_key(name).replace(" ", "")
    counts = Counter(key(name) for _, name in earlier)
    last = {key(name): (start, name) for start, name in earlier}
    best = max(counts, key=lambda k: (counts[k], last[k][0]))
    start, name = last[best]
    return Resolved(name, None, "collective", None, start, start + len(name), para, ctx.settings.confidence_definite)


def _resolve_role_holder(m: Mention, pos: int, para: int, ctx: _ArticleContext) -> Resolved | None:
    """"the home secretary said" with no earlier speaker of that role: the nearest earlier person the article
    introduced with it ("Home Secretary Alan Dunmore"); an exact role before one that only ends with it."""
    role = (m.role or "").lower()
    if not role or m.role_noun in ("latter", "former") or "'" in role or "’" in role:
        return None
    earlier = [r for r in ctx.roles if r[0] < pos]
    for fits in (lambda r: r[1] == role, lambda r: r[1].endswith(" " + role)):
        hits = [r for r in earlier if fits(r)]
        if hits:
            start, found, name = hits[-1]
            name = full_name(name, ctx.known, pos)
            return Resolved(name, found, "person", ctx.genders.get(surname(name)), start, start + len(name), para,
                            ctx.settings.confidence_role)
    return None


def _resolve_role(m: Mention, history: list[Resolved], para: int, settings: Settings) -> Resolved | None:
    """"the spokesman": the nearest earlier person speaker whose role holds that noun."""
    noun = m.role_noun
    if noun in ("latter", "former"):
        return None
    for h in reversed(history):
        if h.type == "person" and h.role and noun and noun in h.role.lower():
            return Resolved(h.name, h.role, "person", h.gender, h.start, h.end, para, settings.confidence_role)
    return None
