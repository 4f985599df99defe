"""Names: ranks split off, transliteration variants folded, the keys under which targets merge and match.

* :func:`strip_title` – leading rank words of a name ("Brigadier General");
* :func:`name_tokens` – comparable tokens (ASCII, lower case, honorifics dropped, the variant rules of
  ``data/sanctions_names.yaml`` applied): "Seyed Hossein Ghorbani" and "Hosein QORBANI" agree;
* :func:`canonical_name` – the merge key of :func:`analysis.sanctions.consolidated`;
* :func:`full_person_names` / :func:`expand_surname` – a surname alone stands for the one person of
  the article who bears it.
"""
from __future__ import annotations

import re

from .authorities import country_name
from .lexicon import Lexicon, load_lexicon

#: Words of a name looked at when matching a rank at its start (the longest rank has this many words).
TITLE_LOOKAHEAD = 4

_VARIANT_RULES: dict[str, list] = {}


def strip_title(words: list[str], lex: Lexicon) -> tuple[list[str], list[str]]:
    """Split leading rank words from a name: ``(title_words, name_words)``."""
    titles = lex.titles()
    firsts = {t[0] for t in titles}
    title: list[str] = []
    while words and words[0].lower().rstrip(".") in firsts:
        low = [w.lower().rstrip(".") for w in words[:TITLE_LOOKAHEAD]]
        for t in titles:
            if tuple(low[:len(t)]) == t and len(words) > len(t):
                title += words[:len(t)]
                words = words[len(t):]
                break
        else:
            break
    return title, words


def _ascii(text: str) -> str:
    from rigour.text import ascii_text
    return ascii_text(text) or text


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", text) if w]


def name_tokens(name: str, lex: Lexicon | None = None, *, person: bool = True) -> list[str]:
    """Comparable tokens of a name: ASCII, lower case, ranks and honorifics dropped, variant rules applied.

    ``name_tokens("Brigadier General Seyed Hossein Ghorbani")`` and
    ``name_tokens("Hosein QORBANI")`` give the same tokens. Organisations (``person=False``)
    lose bracketed text and the ``org_stopwords`` instead.
    """
    lex = lex or load_lexicon()
    text = re.sub(r"[’'`]", "", _ascii(name).lower())
    words = _words(text)
    if person:
        _, words = strip_title(words, lex) if len(words) > 1 else ([], words)
        honorifics = {h.lower() for h in lex.names.get("honorifics", [])}
        words = [w for w in words if w not in honorifics] or words
    else:
        from rigour.text import remove_bracketed_text
        words = _words(remove_bracketed_text(text) or text)
        stop = {w.lower() for w in lex.names.get("org_stopwords", [])}
        words = [w for w in words if w not in stop] or words
    return [_variant(w, lex) for w in words]


def _variant(word: str, lex: Lexicon) -> str:
    """``word`` after the lexicon's spelling-variant rules (remembered per lexicon)."""
    cached = lex.variant_cache.get(word)
    if cached is not None:
        return cached
    out = word
    for pattern, repl in _variant_rules(lex):
        out = pattern.sub(repl, out)
    lex.variant_cache[word] = out
    return out


def _variant_rules(lex: Lexicon) -> list:
    """The compiled ``variants`` rules of ``data/sanctions_names.yaml``, per lexicon content."""
    rules = _VARIANT_RULES.get(lex.key)
    if rules is None:
        rules = [(re.compile(p), r) for p, r in lex.names.get("variants", [])]
        if len(_VARIANT_RULES) >= 8:
            _VARIANT_RULES.clear()
        _VARIANT_RULES[lex.key] = rules
    return rules


def canonical_name(name: str, target_type: str, lex: Lexicon | None = None) -> str:
    """Key under which targets merge: tokens for persons/organisations, the country for countries,
    the lower-case words for unnamed groups."""
    lex = lex or load_lexicon()
    if target_type == "country":
        return (country_name(name, lex) or name).lower()
    if target_type == "group":
        return " ".join(name.lower().split())
    return " ".join(name_tokens(name, lex, person=target_type == "person"))


def full_person_names(doc, lex: Lexicon) -> dict[str, set[str]]:
    """Surname (lower case) -> full names of the article's people (PERSON entities of two words or more)."""
    names: dict[str, set[str]] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        _, words = strip_title([t.text for t in ent if not t.is_punct and t.tag_ != "POS"], lex)
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            names.setdefault(words[-1].lower(), set()).add(" ".join(words))
    return names


def expand_surname(target, names: dict[str, set[str]]) -> None:
    """A one-word target that is the surname of exactly one person named in the article is that person
    ("a travel ban on Halden" after "its chief executive, Viktor Halden"), whatever the tagger called it."""
    if target.type not in ("person", "organization") or " " in target.text or target.end - target.start != 1:
        return
    full = names.get(target.text.lower())
    if full and len(full) == 1:
        target.text = next(iter(full))
        target.type = "person"
