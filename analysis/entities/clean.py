"""Cleaning of a candidate span: determiners, quotes, possessives, brackets, titles and roles,
name suffixes, lower-case words, bare titles, "Place + generic word", two known names run together.

:func:`clean` returns the trimmed :class:`~.candidates.Candidate` (its role kept in ``role``) or None
when nothing name-like is left; :func:`strip_name` does the same for a free-text name.
"""
from __future__ import annotations

import re
import unicodedata

from .candidates import QUOTES, Candidate, is_quote_or_punct, is_word
from .lexicon import APOSTROPHES, Lexicon
from .settings import NAME_LABELS, OTHER_NAME_LABELS

#: Longest title or role phrase (tokens) looked for before or at the start of a name.
TITLE_WINDOW = 8
#: An amount written as one word or two: currency sign, digits, a multiplier ("£280bn", "6.2 billion").
AMOUNT = re.compile(r"[£$€¥]?\s?\d[\d.,]*\s?(?:bn|mn|m|k|tn|trn|billion|million|trillion|thousand)?", re.I)
#: Longest "of ..." complement added to an organisation's name (capitalised words).
COMPLEMENT_MAX_WORDS = 4
#: Possessive endings cut from the end of a name.
POSSESSIVES = ("'s", "’s")


# --------------------------------------------------------------------------- titles and roles
def title_words(tokens) -> tuple[str, ...]:
    """Lower-case words of a token run without dots ("Brig. Gen." -> ("brig", "gen"))."""
    words = []
    for t in tokens:
        words.extend(w for w in re.split(r"[-–]", t.lower_.replace(".", "")) if w)
    return tuple(words)


def is_title(words: tuple[str, ...], lexicon: Lexicon) -> bool:
    """A title phrase, also when an article spinner swapped its words ("Protection Secretary")."""
    if not words:
        return False
    spun = tuple(lexicon.spinner_synonyms.get(w, w) for w in words)
    return words in lexicon.title_set or spun in lexicon.title_set


def title_before(doc, start: int, lexicon: Lexicon) -> tuple[int, str] | None:
    """(token index where a title/role phrase ending just before ``start`` begins, role text), or None."""
    for n in range(min(TITLE_WINDOW, start), 0, -1):
        if doc[start - n].is_punct and doc[start - n].text != ".":
            continue
        if is_title(title_words(doc[start - n:start]), lexicon) and doc[start - n].text != ".":
            begin = start - n
            while begin > 0 and doc[begin - 1].lower_ in lexicon.title_modifiers and not doc[begin].is_sent_start:
                begin -= 1
            return begin, doc[begin:start].text
    return None


def title_inside(doc, start: int, end: int, lexicon: Lexicon) -> tuple[int, str] | None:
    """(first token after a leading title phrase inside the span, role text), or None."""
    for n in range(min(TITLE_WINDOW, end - start - 1), 0, -1):
        if doc[start + n - 1].is_punct and doc[start + n - 1].text != ".":
            continue
        if is_title(title_words(doc[start:start + n]), lexicon):
            return start + n, doc[start:start + n].text
    return None


# --------------------------------------------------------------------------- one candidate
def clean(c: Candidate, doc, lexicon: Lexicon) -> Candidate | None:
    """Trim determiners, quotes, possessives and titles; None when nothing name-like is left."""
    if c.forced is None:
        c.start, c.end = _inner_boundary(doc, c.start, c.end)
        c.start, c.end = _cut_at_breaks(c, doc, c.start, c.end)
        if c.start >= c.end:
            return None
        c.start, c.end = _extend(c, doc, c.start, c.end, lexicon)
    span = _trim_edges(doc, c.start, c.end, lexicon)
    if span is None or is_name_adjective(_with_hyphenated_word(doc, *span), lexicon):
        return None
    start, end = span
    if c.forced is None:
        span = _trim_name(c, doc, start, end, lexicon)
        if span is None:
            return None
        start, end = span
    if c.role is None and (c.spacy_label == "PERSON" or c.label_hint == "PERSON"):
        before = title_before(doc, start, lexicon)
        if before:
            c.role = before[1]
            c.extra["role_start"] = before[0]
    c.start, c.end = start, end
    return c


def _with_hyphenated_word(doc, start: int, end: int) -> str:
    """The span's text, with the word glued to it by a hyphen ("Norvia" + "-bound"), if any."""
    if end + 2 <= len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
        return doc[start:end + 2].text
    return doc[start:end].text


def is_name_adjective(text: str, lexicon: Lexicon) -> bool:
    """An adjective made from a name ("Korvath-based", "Norvia-bound"): a hyphen, then a word of the
    lexicon's ``adjective_suffixes`` (also when the span stops before the hyphen)."""
    m = re.search(r"-([a-z]+)$", text)
    return bool(m) and m.group(1) in lexicon.adjective_suffixes


def _inner_boundary(doc, start: int, end: int) -> tuple[int, int]:
    """The part after a colon, when capitalised words follow it ("Open Questions: The Council" -> The Council)."""
    for i in range(end - 2, start - 1, -1):
        if doc[i].text == ":" and doc[i + 1].text[:1].isupper():
            return i + 1, end
    return start, end


def _cut_at_breaks(c: Candidate, doc, start: int, end: int) -> tuple[int, int]:
    """A name never runs over a line break, and (but for an organisation's "Channel 4") never holds a
    figure: "NORTHVALE / EASTPORT" ends at the line, "Westshire 296" and "Tarnow 3 Belsk 2" at the
    first figure, "3 Belsk" starts after it (results tables)."""
    while start < end and _figure(doc[start]):
        start += 1
    for i in range(start, end):
        if _figure(doc[i]) and not (c.spacy_label == "ORG" and i == end - 1 and re.fullmatch(r"\d{1,2}", doc[i].text)):
            end = i
            break
        if i < end - 1 and "\n" in doc[i].text_with_ws + (doc[i + 1].text if doc[i + 1].is_space else ""):
            end = i + 1
            break
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct and doc[end - 1].text not in (".", ")")):
        end -= 1
    return start, end


def _figure(tok) -> bool:
    """A token of figures: "296", "4-38", "+353", "1996-08-30", "60.0"."""
    return bool(re.fullmatch(r"[+-]?\d[\d.,:/-]*", tok.text))


def split_possessive(c: Candidate, doc, lexicon: Lexicon) -> list[Candidate]:
    """Two names joined by a possessive: "Metro TV's Jo Lind", "Harlow University's School of ...".

    The part before keeps spaCy's label only when it ends with an organisation word; else it is taken
    as a person's name ("Renn's Fifth Amendment"); the part after keeps spaCy's label."""
    if c.forced is not None:
        return [c]
    for i in range(c.start + 1, c.end - 1):
        t = doc[i]
        if (t.tag_ == "POS" or t.lower_ in POSSESSIVES) and doc[i + 1].text[:1].isupper() \
                and doc[i - 1].text[:1].isupper():
            before_label = "ORG" if doc[i - 1].lower_ in lexicon.organisation_heads else "PERSON"
            before = Candidate(c.doc_id, c.start, i, before_label, c.source, extra={"possessive": True})
            after = Candidate(c.doc_id, i + 1, c.end, c.spacy_label, c.source)
            return [before, after]
    return [c]


def _extend(c: Candidate, doc, start: int, end: int, lexicon: Lexicon) -> tuple[int, int]:
    """A name spaCy cut short: a hyphenated tail ("Kim Ji" + "-hoon", "Jaish" + "-e-Noor"), a leading
    initial ("J." + "Edgar Lowe Institute"), an organisation's "of ..." / "for the ..." complement
    ("Coalition" + "for the Unhoused", "Union" + "of Nevada")."""
    while end + 1 < len(doc) and doc[end].text in ("-", "‑") and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].is_alpha:
        end += 2
    if start > 0 and re.fullmatch(r"[A-Z]\.", doc[start - 1].text) and c.spacy_label in ("ORG", "PERSON"):
        start -= 1
    heads = lexicon.organisation_heads | lexicon.law_heads
    if c.spacy_label in ("ORG", "LAW") and end - start > 2 and doc[end - 1].lower_ in ("of", "for") \
            and doc[end - 2].lower_ in heads:
        end -= 1  # "the Harbor Council of" + a place spaCy left out
    if c.spacy_label in ("ORG", "LAW") and doc[end - 1].lower_ in heads:
        end = _complement(doc, end, lexicon)
    return start, end


def _complement(doc, end: int, lexicon: Lexicon) -> int:
    """End after "of|for [the|a] Capitalised ..." following an organisation's head word (else ``end``)."""
    if end >= len(doc) or doc[end].lower_ not in ("of", "for", "on"):
        return end
    j = end + 1
    if j < len(doc) and doc[j].lower_ in ("the", "a"):
        j += 1
    k = j
    while k < len(doc) and k - j < COMPLEMENT_MAX_WORDS and doc[k].is_alpha and doc[k].text[:1].isupper() \
            and not doc[k].is_sent_start:
        k += 1
    known = lexicon.lookup(doc[j:k].text)
    if k == j or any(t.lower_ in lexicon.organisation_heads for t in doc[j:k]) \
            or (known and lexicon.entries[known].label not in ("GPE", "LOC")):
        return end  # "Command of the Coastal Guard": an organisation of another one, two names
    return k


def _trim_edges(doc, start: int, end: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """Determiners, quotes and possessives off the ends; the part before a bracket, after an inner quote."""
    while start < end and (doc[start].lower_ in lexicon.determiners or is_quote_or_punct(doc[start])):
        start += 1
    while end > start and (is_quote_or_punct(doc[end - 1]) or doc[end - 1].tag_ == "POS"
                           or doc[end - 1].lower_ in POSSESSIVES):
        end -= 1
    if start >= end:
        return None
    for i in range(start, end):  # a bracket inside the span: keep the part before it ("Maritime Authority (MA")
        if doc[i].text in ("(", "[") and i > start:
            end = i
            break
    while end > start and is_quote_or_punct(doc[end - 1]):
        end -= 1
    if start >= end:
        return None
    for i in range(end - 1, start - 1, -1):  # a quote inside the span: keep the part after the last one
        if doc[i].text in QUOTES:
            start = i + 1
            break
    if start >= end or not any(is_word(t) for t in doc[start:end]):
        return None
    return start, end


def _trim_name(c: Candidate, doc, start: int, end: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """A leading title, name suffixes and a lower-case tail off a name spaCy found; None for a non-name."""
    inside = title_inside(doc, start, end, lexicon)
    if inside and doc[end - 1].lower_ in lexicon.organisation_heads and c.spacy_label != "PERSON":
        inside = None  # "Energy Department": the title word names the organisation's field
    if inside and c.spacy_label in NAME_LABELS + OTHER_NAME_LABELS and doc[inside[0]].text[:1].isupper():
        start, c.role = inside
        c.extra["titled"] = True
    if c.spacy_label == "PERSON" or c.spacy_label in ("ORG", "NORP") \
            and doc[end - 1].lower_ not in lexicon.organisation_heads:
        start = _cut_descriptor(c, doc, start, end, lexicon)
    while end - start > 1 and doc[end - 1].lower_ in lexicon.name_suffixes:
        end -= 1
        while end > start and is_quote_or_punct(doc[end - 1]):
            end -= 1
    if c.spacy_label in NAME_LABELS:
        end = _cut_lower_case(c, doc, start, end, lexicon)
        if end is None:
            return None
    text = doc[start:end].text
    if re.fullmatch(r"[A-Z]{2,}s", text):  # plural acronym: a common noun ("ICBMs")
        return None
    if AMOUNT.fullmatch(text):  # "280bn", "$6.2bn", "40m": an amount, not a name
        return None
    if sum(ch.isalpha() for ch in text) < 2 or text.lower() in lexicon.name_suffixes:  # "I.", "QC"
        return None
    if is_title(title_words(doc[start:end]), lexicon):  # a bare title ("Foreign Secretary")
        return None
    return start, _place_before_descriptors(c, doc, start, end, lexicon)


def _cut_descriptor(c: Candidate, doc, start: int, end: int, lexicon: Lexicon) -> int:
    """Start of a person's name after a descriptive word written in front of it ("Billionaire", "Crooked",
    a headline's "Hammering"): a word of the lexicon's ``descriptors``, or a word ending in "-ing" before a
    name of two or more capitalised words. The word is kept in ``role``."""
    words = [t for t in doc[start:end] if not is_quote_or_punct(t)]
    if len(words) < 2:
        return start
    first = doc[start]
    rest_capitalised = all(t.text[:1].isupper() for t in words[1:])
    word = first.lower_.rstrip("'’")
    listed = word in lexicon.descriptors or first.lower_ in lexicon.descriptors or f"{word}'" in lexicon.descriptors
    gerund = word.endswith("ing") and len(word) > 5 and len(words) >= 3 and c.spacy_label == "PERSON"
    if not rest_capitalised or not (listed or gerund):
        return start
    new_start = start + 1
    while new_start < end and is_quote_or_punct(doc[new_start]):
        new_start += 1
    c.role = c.role or first.text
    c.extra["descriptor"] = first.text
    return new_start


def _cut_lower_case(c: Candidate, doc, start: int, end: int, lexicon: Lexicon) -> int | None:
    """End of the name before its first lower-case content word ("the German navy" -> German)."""
    for i, t in enumerate(doc[start:end]):
        prev = doc[start + i - 1] if i else None
        glued = prev is not None and prev.text in ("-", "‑") and not prev.whitespace_ and i > 1 \
            and not doc[start + i - 2].whitespace_  # "Ji-hoon", "Jaish-e-Noor"
        article = t.lower_ in ("a", "an") and prev is not None and prev.lower_ in lexicon.connectors
        if t.text[:1].isalpha() and t.text[:1].islower() and t.lower_ not in lexicon.connectors \
                and t.lower_.split("-")[0] not in lexicon.connectors and not glued and not article:
            c.extra["cut"] = True
            end = start + i
            while end > start and (doc[end - 1].lower_ in lexicon.connectors or is_quote_or_punct(doc[end - 1])):
                end -= 1
            return None if start >= end else end
    return end


def _place_before_descriptors(c: Candidate, doc, start: int, end: int, lexicon: Lexicon) -> int:
    """A known place followed by generic words ("Berlin Intelligence" sources) ends at the place."""
    for i in range(end - 1, start, -1):
        tail = [t.lower_ for t in doc[i:end]]
        if all(w in lexicon.place_descriptors for w in tail):
            canonical = lexicon.lookup(doc[start:i].text)
            if canonical and lexicon.entries[canonical].label in ("GPE", "LOC"):
                c.forced = canonical
                return i
    return end


def split_compound(c: Candidate, doc, lexicon: Lexicon) -> list[Candidate]:
    """Split "Elysee Palace Defence Council" into two known names; else ``[c]`` (also for a place
    followed by an organisation: "Nevada Green Party")."""
    if c.forced is not None or lexicon.lookup(doc[c.start:c.end].text):
        return [c]
    for i in range(c.start + 1, c.end):
        lk, rk = lexicon.lookup(doc[c.start:i].text), lexicon.lookup(doc[i:c.end].text)
        if lk and rk and lexicon.entries[lk].label in ("GPE", "LOC") and lexicon.entries[rk].label == "ORG":
            return [c]  # a place-qualified organisation ("Nevada Green Party") is one name
        if lk and rk:
            a = Candidate(c.doc_id, c.start, i, c.spacy_label, c.source, label_hint=lexicon.entries[lk].label, forced=lk)
            b = Candidate(c.doc_id, i, c.end, c.spacy_label, c.source, label_hint=lexicon.entries[rk].label, forced=rk)
            return [a, b]
    return [c]


# --------------------------------------------------------------------------- free text
def strip_name(text: str, lexicon: Lexicon) -> str:
    """A free-text name without quotes, determiners, possessive and leading titles."""
    t = unicodedata.normalize("NFKC", text).translate(APOSTROPHES).strip().strip("".join(QUOTES) + " ,.;:")
    t = re.sub(r"'s?$", "", t)
    words = t.split()
    while words and words[0].lower() in lexicon.determiners:
        words = words[1:]
    lowered = [w.lower() for w in words]
    for title in lexicon.titles:
        if len(words) > len(title) and tuple(lowered[:len(title)]) == title:
            words = words[len(title):]
            break
    return " ".join(words)
