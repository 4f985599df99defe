"""Small string helpers over names: words, initials, personal-name shape, spinner-normal keys, slugs."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from .lexicon import APOSTROPHES, Lexicon


@lru_cache(maxsize=65536)
def _words_cached(text: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[\s\-]+", unicodedata.normalize("NFKC", text).translate(APOSTROPHES)) if w)


def words(text: str) -> list[str]:
    """The words of a name, split at spaces and hyphens (NFKC, straight apostrophes)."""
    return list(_words_cached(text))


def is_person_name(text: str, lexicon: Lexicon) -> bool:
    """Two or more words (at spaces), each capitalised or opening with a name particle of the lexicon
    ("al-Rashid", "von"); a hyphenated part may go on in lower case ("Kim Ji-hoon")."""
    parts = unicodedata.normalize("NFKC", text).translate(APOSTROPHES).split()
    return len(parts) >= 2 and all(w[:1].isupper() or w.split("-")[0].lower() in lexicon.name_particles
                                   for w in parts)


def initials(parts: list[str], connectors: frozenset[str]) -> set[str]:
    """Initials of a name's words: all of them, and without connectors ("of", "and")."""
    parts = [w for w in parts if w]
    all_initials = "".join(w[0] for w in parts if w[0].isalpha()).upper()
    content = "".join(w[0] for w in parts if w.lower() not in connectors and w[0].isalpha()).upper()
    return {all_initials, content}


def spin_normal(text: str, lexicon: Lexicon) -> str:
    """The comparison key with spinner synonyms replaced by the word they stand for."""
    return " ".join(lexicon.spinner_synonyms.get(w, w) for w in lexicon.key(text).split())


def slug(text: str) -> str:
    """ASCII slug of a name ("Jean-Luc Pérez" -> "jean-luc-perez"); a short hash when nothing is left."""
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", t.lower()).strip("-") or hashlib.sha1(text.encode()).hexdigest()[:8]
