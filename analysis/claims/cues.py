"""Cue words: the lexicon of ``data/claims_cues.yaml``, ``data/claims_speakers.yaml`` and the communication
verb classes of ``data/claims_verb_classes.yaml``, and :func:`find_cues`.

:func:`load_lexicon` reads the files through :func:`analysis.lexicons.derived`, so the
lexicon is rebuilt exactly when a file's content changes (an edit in a running kernel
is seen by the next call). :func:`find_cues` returns the cue words of one parsed
article that sit outside quotation marks, each with its stance.
"""
from __future__ import annotations

import os
from bisect import bisect_right
from dataclasses import dataclass

from .. import config, lexicons
from ..nlp.docs import doc_text
from ..text.quotes import Segment

CUES_FILE = "claims_cues.yaml"
SPEAKERS_FILE = "claims_speakers.yaml"
CLASSES_FILE = "claims_verb_classes.yaml"
STANCES = ("assert", "deny", "believe", "call")


@dataclass(frozen=True)
class Lexicon:
    """Cue words and speaker knowledge read from ``data/claims_*.yaml``."""

    stance: dict            # word or lemma -> stance
    call_particles: frozenset
    participles: frozenset
    quote_only: frozenset
    nouns: dict             # noun lemma -> stance
    according_to: tuple     # tuples of lower-case words
    not_speech: frozenset
    pronoun_gender: dict    # pronoun -> male/female/plural/neuter/first_person
    honorifics: dict        # honorific -> gender or None
    roles: dict             # role noun -> gender or None
    source_nouns: frozenset
    between_words: frozenset
    unnamed: frozenset      # "one", "another": a speaker the text does not name
    organisation_nouns: frozenset = frozenset()   # "the company said": the article's organisation
    public_body_words: frozenset = frozenset()    # words that keep a name from being "the company"


def _words(values) -> frozenset:
    return frozenset(str(w).lower() for w in values or [])


def build_lexicon(cues: dict, speakers: dict, classes: dict | None = None) -> Lexicon:
    """The :class:`Lexicon` of the parsed cue, speaker and verb-class files.

    A verb of a class (``data/claims_verb_classes.yaml``) is a cue of the class's stance; a class whose
    ``use`` is ``quote`` attributes quotes only. A word the cue file lists keeps the cue file's reading.
    """
    stance = {str(w).lower(): name for name, words in (cues.get("verbs") or {}).items() for w in words or []}
    quote_only = set(_words(cues.get("quote_only")))
    for cls in ((classes or {}).get("classes") or {}).values():
        for w in (str(v).lower() for v in cls.get("verbs") or []):
            if w in stance or w in quote_only:
                continue
            if cls.get("use") == "quote":
                quote_only.add(w)
            else:
                stance[w] = cls.get("stance", "assert")
    return Lexicon(
        stance=stance,
        call_particles=_words(cues.get("call_particles")),
        participles=_words(cues.get("participles")),
        quote_only=frozenset(quote_only),
        nouns={str(w).lower(): name for name, words in (cues.get("nouns") or {}).items() for w in words or []},
        according_to=tuple(tuple(str(p).lower().split()) for p in cues.get("according_to") or []),
        not_speech=_words(cues.get("not_speech_objects")),
        pronoun_gender={str(p).lower(): g for g, ps in (speakers.get("pronouns") or {}).items() for p in ps or []},
        honorifics={str(k).lower(): v for k, v in (speakers.get("honorifics") or {}).items()},
        roles={str(k).lower(): v for k, v in (speakers.get("roles") or {}).items()},
        source_nouns=_words(speakers.get("source_nouns")),
        between_words=_words(speakers.get("between_words")),
        unnamed=_words(speakers.get("unnamed_speakers")),
        organisation_nouns=_words(speakers.get("organisation_nouns")),
        public_body_words=_words(speakers.get("public_body_words")),
    )


def load_lexicon(cues: str | os.PathLike | None = None, speakers: str | os.PathLike | None = None,
                 classes: str | os.PathLike | None = None) -> Lexicon:
    """The cue and speaker lexicons (default ``data/claims_cues.yaml``, ``data/claims_speakers.yaml``,
    ``data/claims_verb_classes.yaml``).

    Raises ``ValueError`` when the cue or class file names a stance outside :data:`STANCES`.
    """
    cues = str(cues) if cues else str(config.data_file(CUES_FILE))
    speakers = str(speakers) if speakers else str(config.data_file(SPEAKERS_FILE))
    classes = str(classes) if classes else str(config.data_file(CLASSES_FILE))
    named = list(lexicons.load_yaml(cues).get("verbs") or {})
    named += [c.get("stance", "assert") for c in (lexicons.load_yaml(classes).get("classes") or {}).values()]
    for name in named:
        if name not in STANCES:
            raise ValueError(f"{cues}: unknown stance {name!r} (use one of {', '.join(STANCES)})")
    return lexicons.derived(build_lexicon, cues, speakers, classes)


def lexicon_version(cues: str | os.PathLike | None = None, speakers: str | os.PathLike | None = None,
                    classes: str | os.PathLike | None = None) -> str:
    """Content hash of the three lexicon files (a cache-key part)."""
    return lexicons.version(cues or config.data_file(CUES_FILE), speakers or config.data_file(SPEAKERS_FILE),
                            classes or config.data_file(CLASSES_FILE))


@dataclass
class Cue:
    """A word (or phrase) that attributes content to a speaker."""

    i: int              # token index of the cue word
    start: int          # text offsets of the cue phrase
    end: int
    word: str
    stance: str
    kind: str           # verb | participle | noun | according_to | dash
    obj: int | None = None  # for according_to: token index of the source's first word
    speaker: object = None  # the speaker Mention (analysis.claims.speakers), once found
    label_only: bool = False  # "called X a 'Y'": only a partial quote can hang on it
    quote_only: bool = False  # "she continued": a quote may hang on it, a reported clause not
    weak: bool = False        # guessed (the verb before a colon): lower confidence


def in_segment(pos: int, segments: list[Segment], starts: list[int] | None = None) -> bool:
    """True when text offset ``pos`` lies inside a quoted segment (``segments`` in text order, as the quote
    reader gives them; ``starts``, their start offsets, makes it a bisection instead of a scan)."""
    if starts is None:
        return any(s.start <= pos < s.end for s in segments)
    k = bisect_right(starts, pos) - 1
    return k >= 0 and pos < segments[k].end


def find_cues(doc, segments: list[Segment], lexicon: Lexicon) -> list[Cue]:
    """Cue words outside quotes, with their stance, in text order."""
    cues = []
    skip_until = -1
    segments = sorted(segments, key=lambda s: s.start)
    starts = [s.start for s in segments]
    for tok in doc:
        if tok.i < skip_until or in_segment(tok.idx, segments, starts):
            continue
        phrase = _according_to_cue(doc, tok, lexicon)
        if phrase is not None:
            cues.append(phrase)
            skip_until = phrase.obj
            continue
        cue, done = _noun_call_or_participle_cue(doc, tok, lexicon)
        if not done:
            cue = _verb_cue(doc, tok, segments, lexicon, starts)
        if cue is not None:
            cues.append(cue)
    return cues


def _according_to_cue(doc, tok, lexicon: Lexicon) -> Cue | None:
    """ "according to X" starting at ``tok`` (the source's first token is ``obj``)."""
    for phrase in lexicon.according_to:
        if tuple(t.lower_ for t in doc[tok.i:tok.i + len(phrase)]) == phrase and tok.i + len(phrase) < len(doc):
            last = doc[tok.i + len(phrase) - 1]
            return Cue(tok.i, tok.idx, last.idx + len(last), " ".join(phrase), "assert",
                       "according_to", obj=tok.i + len(phrase))
    return None


def _noun_call_or_participle_cue(doc, tok, lexicon: Lexicon) -> tuple[Cue | None, bool]:
    """``(cue, decided)``: a possessed speech noun, a form of "call", or a participle ("saying that")."""
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    lemma = tok.lemma_.lower()
    if tok.pos_ == "NOUN" and lemma in lexicon.nouns and any(c.dep_ == "poss" for c in tok.children):
        return Cue(tok.i, tok.idx, tok.idx + len(tok), tok.text, lexicon.nouns[lemma], "noun"), True
    if lemma == "call" and tok.pos_ == "VERB":
        if nxt is not None and nxt.lower_ in lexicon.call_particles:
            return Cue(tok.i, tok.idx, nxt.idx + len(nxt), f"{tok.text} {nxt.text}", "call", "verb"), True
        if nxt is not None and nxt.lower_ != "by" and (tok.dep_ != "acl" or tok.tag_ == "VBG"):
            return Cue(tok.i, tok.idx, tok.idx + len(tok), tok.text, "assert", "verb", label_only=True), True
        return None, True
    if tok.lower_ in lexicon.participles and tok.dep_ != "pobj" and not any(c.dep_ in ("nsubj", "aux") for c in tok.children):
        if nxt is not None and (nxt.lower_ == "that" or any(c.dep_ == "ccomp" for c in tok.children)):
            stance = lexicon.stance.get(lemma, "assert")
            return Cue(tok.i, tok.idx, tok.idx + len(tok), tok.text, stance, "participle"), True
        return None, True
    return None, False


def _verb_forms(low: str, lemma: str) -> tuple[str, ...]:
    """The word, its lemma, and the stems a regular ending leaves ("rated" -> "rate", when the tagger's
    lemma is wrong: "rat"), so a lexicon verb is found whatever its inflection."""
    forms = [low, lemma]
    for end, add in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("ing", ""),
                     ("ing", "e")):
        if low.endswith(end) and len(low) > len(end) + 2:
            forms.append(low[:-len(end)] + add)
    return tuple(forms)


def _verb_cue(doc, tok, segments: list[Segment], lexicon: Lexicon, starts: list[int] | None = None) -> Cue | None:
    """A speech verb (or a word the lexicon lists whatever its tag), unless negated or not speech."""
    low, lemma = tok.lower_, tok.lemma_.lower()
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    forms = _verb_forms(low, lemma) if tok.pos_ in ("VERB", "AUX") else (low,)
    stance = next((lexicon.stance[f] for f in forms if f in lexicon.stance), None)
    quote_only = False
    if stance is None and any(f in lexicon.quote_only for f in (forms if tok.pos_ == "VERB" else (low,))):
        stance, quote_only = "assert", True
    if stance is None:
        return None
    if tok.pos_ in ("NOUN", "PROPN") or (tok.i > 0 and doc[tok.i - 1].lower_ in ("the", "a", "an")):
        return None
    if lemma == "point" and (nxt is None or nxt.lower_ != "out"):
        return None
    if any(c.dep_ == "neg" and 0 < tok.i - c.i <= 3 and not in_segment(c.idx, segments, starts) for c in tok.children):
        return None   # "did not say"; a "not" inside the quote does not count
    if nxt is not None and nxt.lower_ in lexicon.not_speech:
        return None
    end = tok.idx + len(tok)
    if lemma == "point" and nxt is not None:
        end = nxt.idx + len(nxt)
    return Cue(tok.i, tok.idx, end, doc_text(doc)[tok.idx:end], stance, "verb", quote_only=quote_only)
