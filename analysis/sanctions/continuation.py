"""Targets named after the sentence that sanctions them: "They include X and Y", "Among these individuals are
...", and the members of a counted set introduced one by one ("sanctioned four companies. The X Company is ...").
"""
from __future__ import annotations

from .items import Target, items_from_region
from .lexicon import Lexicon
from .names import strip_title
from .parse import ent_at, is_verb

_LISTING_PRONOUNS = {"they", "those", "these", "them", "this"}
#: Small words inside a name ("Bank of Northland", "Smith & Sons").
_NAME_GLUE = {"of", "and", "&", "for", "the", "de", "al"}


def continuation_targets(doc, unit, merge, lex: Lexicon) -> list[Target]:
    """Targets of a sentence that lists the previous action's ("They include X, Y and Z", "These measures cover
    shipping companies ...", "The list also includes one insurer")."""
    referring = lex.cue("referring_nouns")
    for tok in doc[unit[0]:unit[1]]:
        if not (is_verb(tok) and tok.lemma_.lower() in ("include", "be", "cover", "target", "concern")):
            continue
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and
                (c.text.lower() in _LISTING_PRONOUNS or   # "They include", "These measures cover", "The list includes"
                 (c.lemma_.lower() in referring and any(d.lower_ in _LISTING_PRONOUNS | {"the"}
                                                        for d in c.children if d.dep_ == "det")))]
        if tok.lemma_.lower() not in ("include", "be") and not any(c.lemma_.lower() in referring for c in subj):
            continue
        among = [c for c in tok.children if c.dep_ == "prep" and c.text.lower() == "among"
                 and any(p.text.lower() in _LISTING_PRONOUNS or
                         any(d.lower_ in _LISTING_PRONOUNS for d in p.children if d.dep_ == "det")
                         for p in c.children)]
        if subj or among:
            region = [t for t in doc[tok.i + 1:unit[1]]]
            # "The measures include freezing their assets": what is done, not whom
            return [t for t in items_from_region(region, doc, merge, lex) if not is_verb(doc[t.start])]
    return []


def counted_set(doc, target: Target, lex: Lexicon) -> tuple[str, int] | None:
    """``(entity label, count)`` of a group target that counts named members ("four companies" -> ORG, 4)."""
    sets = {label: {str(w).lower() for w in words} for label, words in (lex.cues.get("counted_sets") or {}).items()}
    numbers = {str(k).lower(): int(v) for k, v in (lex.cues.get("number_words") or {}).items()}
    for tok in doc[target.start:target.end]:
        if tok.dep_ != "nummod":
            continue
        low = tok.lower_.replace(",", "")
        count = int(low) if low.isdigit() else numbers.get(low)
        noun = tok.head.lower_
        label = next((lab for lab, words in sets.items() if noun in words), None)
        if count and label:
            return label, count
        return None
    return None


def counted_member(doc, unit, lex: Lexicon, label: str) -> list[Target]:
    """The named subject of the unit's main clause when it has the set's kind ("The X Company is ...")."""
    for tok in doc[unit[0]:unit[1]]:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT" and is_verb(tok.head):
            if tok.head.lemma_.lower() in lex.cue("speech_verbs") | lex.action_words():
                return []       # "Jane Roe said ...", "X announced ...": a speaker or an actor, not a member
            ent = ent_at(tok)
            if ent is None or ent.end <= unit[0] or ent.start < unit[0]:
                return []
            if ent.label_ not in ("ORG", "PERSON"):
                return []
            items = items_from_region(list(doc[ent.start:ent.end]), doc, None, lex)[:1]
            for item in items:     # a member of "four companies" is a company, whatever the tagger says
                item.type = "organization" if label == "ORG" else "person"
            return items
    return []


def opens_list(doc, unit) -> bool:
    """The unit ends with a colon that introduces the lines after it ("Treasury is designating the following:")."""
    toks = [t for t in doc[unit[0]:unit[1]] if not t.is_space]
    return bool(toks) and toks[-1].text == ":"


def list_item(doc, unit, lex: Lexicon) -> list[Target]:
    """The name a list line opens with ("• Jane Roe, the head of X;", "Colonel Jane Roe, commander of X",
    "Acme Trading LLC (Acme)"), if it is one; a rank before the name goes to the target's ``title``."""
    if unit[0] > 0 and "\n" not in doc[unit[0] - 1].text and not doc[unit[0] - 1].is_space:
        return []       # not the start of a line
    toks = [t for t in doc[unit[0]:unit[1]] if not t.is_space]
    while toks and (toks[0].is_punct or toks[0].text in ("•", "-", "*", "–", "—", "·") or _item_number(toks)):
        toks = toks[1:]
    if not toks:
        return []
    title, _ = strip_title([t.text for t in toks], lex)
    first = toks[len(title)] if len(title) < len(toks) else toks[0]
    ent = ent_at(first)
    if ent is None or ent.label_ not in ("PERSON", "ORG") or ent.start != first.i:
        return _untagged_item(toks[len(title):], doc, lex)
    items = [t for t in items_from_region(toks, doc, None, lex) if t.type in ("person", "organization")]
    return [t for t in items if t.start == ent.start][:1] or \
        [t for t in items_from_region(list(doc[ent.start:ent.end]), doc, None, lex)
         if t.type in ("person", "organization")][:1]


def _item_number(toks: list) -> bool:
    """A list number that opens the line ("1. Jane Roe", "2) Acme LLC", "1.")."""
    first = toks[0]
    if first.text.rstrip(".)").isdigit() and first.text != first.text.rstrip(".)"):
        return len(toks) > 1
    return first.text.isdigit() and len(toks) > 2 and toks[1].text in (".", ")")


def _untagged_item(toks: list, doc, lex: Lexicon) -> list[Target]:
    """A list line opening with a capitalised name the tagger missed ("Polar Trading LLC, a front company"):
    two or more capitalised words (inner "of"/"and"/"&"/"for"/"the" allowed) closed by a comma, a bracket, a
    semicolon or a dash, none of them a sanction word. An organisation word or legal form makes it an
    organisation, a person label a person; a bare capitalised run is an organisation."""
    run: list = []
    for tok in toks:
        if tok.text in (",", "(", ";", "–", "—", ":"):
            break
        if not (tok.text[:1].isupper() or tok.lower_ in _NAME_GLUE or tok.text == "."):
            return []
        run.append(tok)
    while run and (run[-1].lower_ in _NAME_GLUE or run[-1].text == "."):
        run.pop()
    if len(run) < 2 or len(run) == len(toks) or any("sanction" in t.lower_ for t in run):
        return []
    words = {t.lower_.rstrip(".") for t in run}
    org = {str(w).lower().rstrip(".") for w in lex.names.get("org_words", []) + lex.names.get("legal_forms", [])}
    kind = "organization" if words & org or not all(t.ent_type_ == "PERSON" for t in run) else "person"
    text = doc[run[0].i:run[-1].i + 1].text
    return [Target(run[0].i, run[-1].i + 1, text, kind)]
