"""The alias table and word lists (``data/aliases.yaml``, ``data/entities_lexicon.yaml``, rigour's countries).

:func:`load_lexicon` builds a :class:`Lexicon` through :func:`analysis.lexicons.derived`, so it is
rebuilt exactly when one of the two files changes. :func:`alias_key` is the comparison key of a
name; its spelling variants come from the lexicon file (the same table whatever ran before).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Mapping

from .. import config, lexicons

#: The word lists (titles, connectors, determiners, spinner synonyms, spelling variants, ...).
LEXICON_FILE = "entities_lexicon.yaml"
#: The alias table (another one through the ``ANALYSIS_ENTITY_ALIASES`` setting).
ALIASES_FILE = config.ALIASES_FILE
ALIASES_ENV = config.ALIASES_ENV
aliases_path = config.aliases_path

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


@dataclass(frozen=True)
class Entry:
    """One entity of the alias table: canonical name, label, and the country it stands for (a capital)."""

    canonical: str
    label: str
    metonym_of: str | None = None


@dataclass
class Lexicon:
    """The alias table and word lists, loaded from ``data/``."""

    entries: dict[str, Entry]
    index: dict[str, str]              # alias_key(form) -> canonical
    forms: dict[str, str]              # surface form -> canonical (for text matching)
    titles: list[tuple[str, ...]]      # lower-case word tuples, longest first
    title_set: frozenset
    title_modifiers: frozenset[str]
    name_suffixes: frozenset[str]
    name_particles: frozenset[str]
    organisation_heads: frozenset[str]
    speech_verbs: frozenset[str]
    connectors: frozenset[str]
    determiners: frozenset[str]
    place_descriptors: frozenset[str]
    coordinated_heads: dict[str, str]
    spinner_synonyms: dict[str, str]
    spelling: dict[str, str]           # spelling variant -> the spelling compared
    descriptors: frozenset[str] = frozenset()   # words before a person's name that are not part of it
    law_heads: frozenset[str] = frozenset()     # last words of a law's name ("Act", "Amendment")
    party_states: dict[str, str] = field(default_factory=dict)  # "wyo" (no dots, spaces) -> Wyoming
    party_letters: frozenset[str] = frozenset()  # "D", "R", "I" of a "(D-Wyo.)" tag
    organisation_nouns: frozenset[str] = frozenset()  # "newspaper", "firm" written after an organisation's name
    table_words: frozenset[str] = frozenset()  # "Total", "Attendance": row headings of a table, no names
    adjective_suffixes: frozenset[str] = frozenset()  # "based" of "Korvath-based": an adjective, no name
    countries: frozenset[str] = frozenset()  # canonical names of countries and territories (rigour's table)

    def key(self, text: str) -> str:
        """:func:`alias_key` with this lexicon's spelling variants."""
        return alias_key(text, self.spelling)

    def lookup(self, text: str) -> str | None:
        """Canonical name of ``text`` in the alias table, or None."""
        return self.index.get(self.key(text))


def alias_key(text: str, spelling: Mapping[str, str] | None = None) -> str:
    """Comparison key of a name: NFKC, straight apostrophes, no dots, hyphens as spaces, casefolded,
    a leading "the" and single-letter middle initials dropped, spelling variants unified.

    ``spelling`` maps a word to the spelling it is compared as; by default the
    ``spelling_variants`` of ``data/entities_lexicon.yaml`` (read by content, so the key
    never depends on what was loaded before).
    """
    if spelling is None:
        spelling = spelling_variants()
    t = unicodedata.normalize("NFKC", text).translate(APOSTROPHES)
    t = re.sub(r"^(?:the)\s+", "", t.strip(), flags=re.I)
    t = t.replace(".", "").replace("-", " ")
    words = re.sub(r"\s+", " ", t).strip().casefold().split()
    if len(words) >= 3 and len(words[0]) > 1 and len(words[-1]) > 1:  # "Brian E. Nelson" = "Brian Nelson"
        words = [words[0]] + [w for w in words[1:-1] if len(w) > 1 or not w.isalpha()] + [words[-1]]
    return " ".join(spelling.get(w, w) for w in words)


def spelling_variants() -> dict[str, str]:
    """``spelling_variants`` of the lexicon file, lower-cased (shared: do not modify)."""
    return lexicons.derived(_spelling_table, config.data_file(LEXICON_FILE))


def load_lexicon() -> Lexicon:
    """The alias table (the alias file over rigour's country names) and the word lists (shared: read only)."""
    return lexicons.derived(_build_lexicon, config.aliases_path(), config.data_file(LEXICON_FILE))


def lexicon_version() -> str:
    """Content hash of the two files the lexicon is built from (a cache key part)."""
    return lexicons.version(config.aliases_path(), config.data_file(LEXICON_FILE))


def _spelling_table(lex: dict) -> dict[str, str]:
    return {str(k).lower(): str(v).lower() for k, v in ((lex or {}).get("spelling_variants") or {}).items()}


def _words_of(lex: dict, name: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in lex.get(name, []))


def _build_lexicon(aliases: dict, lex: dict) -> Lexicon:
    lex = lex or {}
    spelling = _spelling_table(lex)
    entries: dict[str, Entry] = {}
    index: dict[str, str] = {}
    forms: dict[str, str] = {}

    def add(canonical: str, label: str, names, metonym_of=None, override=True):
        if override or canonical not in entries:
            entries[canonical] = Entry(canonical, label, metonym_of)
        for form in [canonical, *names]:
            form = str(form).strip()
            if not form:
                continue
            key = alias_key(form, spelling)
            if override or key not in index:
                index[key] = canonical
                forms[form] = canonical

    territories = _territory_names(lex)
    for name, full in territories:
        add(name, "GPE", [full] if full else [], override=False)
    for item in (aliases or {}).get("entities", []) or []:
        add(str(item["canonical"]), str(item.get("type", "ORG")).upper(), item.get("aliases") or [],
            item.get("metonym_of"))
    titles = sorted({tuple(str(t).lower().split()) for t in lex.get("titles", [])}, key=lambda t: (-len(t), t))
    return Lexicon(
        entries=entries, index=index, forms=forms, titles=titles,
        title_set=frozenset(tuple(w for w in re.split(r"[\s\-–]+", " ".join(t).replace(".", "")) if w)
                            for t in titles),
        title_modifiers=_words_of(lex, "title_modifiers"), name_suffixes=_words_of(lex, "name_suffixes"),
        name_particles=_words_of(lex, "name_particles"), organisation_heads=_words_of(lex, "organisation_heads"),
        speech_verbs=_words_of(lex, "speech_verbs"), connectors=_words_of(lex, "connectors"),
        determiners=_words_of(lex, "determiners"), place_descriptors=_words_of(lex, "place_descriptors"),
        coordinated_heads={str(k).lower(): str(v) for k, v in (lex.get("coordinated_heads") or {}).items()},
        spinner_synonyms={str(k).lower(): str(v).lower() for k, v in (lex.get("spinner_synonyms") or {}).items()},
        spelling=spelling, descriptors=_words_of(lex, "descriptors"), law_heads=_words_of(lex, "law_heads"),
        party_states={party_key(str(form)): str(state)
                      for state, forms in (lex.get("party_state_abbreviations") or {}).items() for form in forms or []},
        party_letters=frozenset(str(x) for x in lex.get("party_tag_letters") or []),
        organisation_nouns=_words_of(lex, "organisation_nouns"),
        adjective_suffixes=_words_of(lex, "adjective_suffixes"), table_words=_words_of(lex, "table_words"),
        countries=frozenset(name for name, _ in territories if entries.get(name, Entry(name, "")).label == "GPE"),
    )


def party_key(form: str) -> str:
    """Comparison key of a state abbreviation in a party tag: no dots, no spaces, lower case ("W. Va." -> wva)."""
    return re.sub(r"[.\s]", "", form).lower()


def _territory_names(lex: dict) -> list[tuple[str, str]]:
    """(name, full name) of the countries and territories of OpenSanctions' table (rigour), [] without rigour."""
    skip = {str(code).lower() for code in lex.get("territories_not_places", [])}
    out = []
    try:
        from rigour.territories import get_territories
        for territory in get_territories():
            if territory.code in skip:
                continue
            name = re.sub(r"\s*\(.*?\)", "", territory.name).strip()  # "Region (Occupied Country)" -> "Region"
            full = re.sub(r"\s*\(.*?\)", "", territory.full_name or "").strip()
            if name:
                out.append((name, full))
    except Exception:  # rigour missing or changed: the YAML table still works
        return out
    return out
