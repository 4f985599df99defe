"""The editable knowledge of the sanctions analysis: ``data/sanctions_*.yaml``, compiled into a :class:`Lexicon`.

:func:`load_lexicon` goes through :func:`analysis.lexicons.derived`, so the Lexicon is rebuilt as soon as
one of its files changes (an edit made while a kernel runs is seen by the very next call), and
:attr:`Lexicon.key` is a hash of its content: results, matchers and list indexes built from a Lexicon
are keyed by it, never by the object's identity.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .. import config, lexicons

#: The knowledge files, in the order :func:`load_lexicon` reads them.
FILES = ("sanctions_measures.yaml", "sanctions_cues.yaml", "sanctions_authorities.yaml",
         "sanctions_names.yaml", "sanctions_lists.yaml")


@dataclass
class Lexicon:
    """The editable knowledge in ``data/sanctions_*.yaml``, compiled. Treat it as read-only.

    ``key`` is the sha1 of the content fields (not of the caches), computed when the object is made.
    """

    measures: dict
    generic: list
    verbs: dict
    generic_label: str
    cues: dict
    authorities: dict
    offices: dict
    anaphors: set
    metonyms: dict
    names: dict
    lists: dict
    verb_phrases: dict = field(default_factory=dict)
    needs_target_prep: set = field(default_factory=set)
    owned_objects: set = field(default_factory=set)
    issuers: dict = field(default_factory=dict)
    country_only: set = field(default_factory=set)
    passive_verbs: dict = field(default_factory=dict)
    key: str = field(init=False, default="")
    # derived from the fields above (not part of ``key``); never copied by ``dataclasses.replace``
    title_words: list | None = field(init=False, default=None, compare=False, repr=False)
    variant_cache: dict = field(init=False, default_factory=dict, compare=False, repr=False)
    alias_index: list = field(init=False, default_factory=list, compare=False, repr=False)

    def __post_init__(self) -> None:
        content = {name: getattr(self, name) for name in _CONTENT_FIELDS}
        text = json.dumps(content, sort_keys=True, default=_jsonable, ensure_ascii=False)
        self.key = hashlib.sha1(text.encode("utf-8")).hexdigest()
        self.alias_index = _alias_index(self.authorities, self.offices)

    def cue(self, name: str) -> set:
        """The lower-case words of one cue list of ``data/sanctions_cues.yaml``."""
        return {str(w).lower() for w in self.cues.get(name, [])}

    def status_sets(self) -> dict[str, set]:
        """Status name -> the lower-case lemmas that give it (the ``status`` lists of the cues file)."""
        status = self.cues.get("status") or {}
        return {k: {str(v).lower() for v in vals} for k, vals in status.items()}

    def action_words(self) -> set:
        """Every status lemma: the words that make a sanction word an action."""
        statuses = self.status_sets()
        return set().union(*statuses.values()) if statuses else set()

    def titles(self) -> list[tuple[str, ...]]:
        """Rank words from ``data/sanctions_names.yaml`` as word tuples, longest first (computed once)."""
        if self.title_words is None:
            titles = {tuple(w.rstrip(".") for w in t.lower().split()) for t in self.names.get("titles", [])}
            self.title_words = sorted(titles, key=lambda w: (-len(w), w))
        return self.title_words


_CONTENT_FIELDS = ("measures", "generic", "verbs", "generic_label", "cues", "authorities", "offices", "anaphors",
                   "metonyms", "names", "lists", "verb_phrases", "needs_target_prep", "owned_objects",
                   "issuers", "country_only", "passive_verbs")


def _jsonable(value):
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    return str(value)


def _alias_index(authorities: dict, offices: dict) -> list[tuple[str, list[tuple[str, str]]]]:
    """Lower-case alias -> ``[(kind, name)]`` for authorities and offices, longest alias first."""
    index: dict[str, list[tuple[str, str]]] = {}
    for canonical, spec in authorities.items():
        for alias in [canonical.lower(), *spec.get("aliases", [])]:
            index.setdefault(alias.lower(), []).append(("authority", canonical))
    for office, spec in offices.items():
        for alias in spec.get("aliases", []):
            index.setdefault(alias.lower(), []).append(("office", office))
    return sorted(index.items(), key=lambda kv: (-len(kv[0]), kv[0]))


def _build(meas: dict, cues: dict, auth: dict, names: dict, lists: dict) -> Lexicon:
    return Lexicon(
        measures=meas.get("measures") or {}, generic=meas.get("generic") or [],
        verbs=meas.get("verbs") or {}, generic_label=meas.get("generic_label", "sanctions"),
        cues=cues, authorities=auth.get("authorities") or {}, offices=auth.get("offices") or {},
        anaphors={a.lower() for a in auth.get("anaphors") or []}, metonyms=auth.get("metonyms") or {},
        names=names, lists=lists, verb_phrases=meas.get("verb_phrases") or {},
        owned_objects={w.lower() for w in meas.get("owned_objects") or []},
        issuers=auth.get("issuers") or {},
        country_only={w.lower() for w in meas.get("country_only") or []},
        passive_verbs={str(k).lower(): v for k, v in (meas.get("passive_verbs") or {}).items()},
        needs_target_prep={w.lower() for w in meas.get("needs_target_preposition") or []})


def lexicon_files(folder: str | Path | None = None) -> list[Path]:
    """Paths of the knowledge files: ``data/`` unless ``folder`` holds edited copies."""
    return [Path(folder) / name if folder else config.data_file(name) for name in FILES]


def load_lexicon(folder: str | Path | None = None) -> Lexicon:
    """The sanction lexicon from ``data/`` (or from ``folder``, which holds edited copies of all five files).

    Rebuilt whenever a file's content changes; the same object otherwise. Raises
    ``FileNotFoundError`` when a file is missing.
    """
    paths = lexicon_files(folder)
    for path in paths:
        if not path.is_file():
            raise FileNotFoundError(f"sanctions lexicon file not found: {path}")
    return lexicons.derived(_build, *paths)


def forms(word: str) -> set[str]:
    """A word and its plural forms, for matching ("freeze" -> "freezes")."""
    w = word.lower()
    found = {w, w + "s", w + "es"}
    if w.endswith("y"):
        found.add(w[:-1] + "ies")
    return found
