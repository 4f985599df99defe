"""Fuzzy resolution: near-miss spellings and synonym-spun variants of known names (rapidfuzz).

A multi-word name joins the closest known name with as many words (alias-table forms and names
already resolved) when the ratio reaches ``Settings.fuzzy_threshold`` and every word lines up; a
single word joins a unique person's surname at ``Settings.fuzzy_surname_threshold``.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from .candidates import Candidate
from .lexicon import Lexicon
from .names import is_person_name, spin_normal, words
from .settings import DEFAULTS, Settings

#: A word that is a number or a Roman numeral: names differing there are different things.
NUMBER_WORD = re.compile(r"^(?:\d+\w*|[ivxlc]{1,5})$")
#: spaCy labels never merged by spelling alone: places and events ("North Mauria"/"North Maurita",
#: "Delta Cup"/"Delta Cap") are told apart by one letter; their variants belong in the alias table.
NO_FUZZY_LABELS = ("GPE", "LOC", "EVENT")
#: Label classes that never merge with each other (a person is never merged into a place).
LABEL_CLASS = {"PERSON": "P", "ORG": "O", "GPE": "G", "LOC": "G", "NORP": "N"}


def compatible(a: str | None, b: str | None) -> bool:
    """Labels that may name the same thing (a person is never merged into a place)."""
    return not (a in LABEL_CLASS and b in LABEL_CLASS and LABEL_CLASS[a] != LABEL_CLASS[b])


def by_fuzzy_name(cands: list[Candidate], lexicon: Lexicon, settings: Settings = DEFAULTS) -> dict[str, str]:
    """Resolve unresolved candidates by fuzzy match (in place); returns the known names
    (comparison key -> canonical) including the new ones, for :func:`.resolve.follow_chains`."""
    known, known_label = _known_names(cands, lexicon)
    surnames = _unique_surnames(cands, lexicon)
    buckets: dict[int, tuple[list[str], list[str]]] = {}  # by word count: (keys, spinner-normalised keys)
    for target_key in sorted(known):
        bucket = buckets.setdefault(len(target_key.split()), ([], []))
        bucket[0].append(target_key)
        bucket[1].append(spin_normal(target_key, lexicon))
    memo: dict = {}
    pending = [c for c in cands if not c.canonical]
    # the best-supported spelling founds a cluster: its own count plus its surname used alone
    freq = Counter(lexicon.key(c.text) for c in pending)
    alone = Counter(lexicon.key(c.text) for c in cands if len(words(c.text)) == 1)
    support = {k: freq[k] + alone[k.split()[-1]] for k in freq}
    pending.sort(key=lambda c: (-support[lexicon.key(c.text)], lexicon.key(c.text), c.doc_id, c.start))
    for c in pending:
        if c.canonical:
            continue
        parts = words(c.text)
        key = lexicon.key(c.text)
        if c.spacy_label in NO_FUZZY_LABELS:
            continue
        if len(parts) >= 2 and any(w.isalpha() for w in parts) and c.spacy_label != "NORP":
            _multi_word(c, key, lexicon, settings, buckets, known, known_label, memo)
        elif len(parts) == 1 and len(key) >= settings.fuzzy_surname_min_chars \
                and c.spacy_label in ("PERSON", "ORG", "WORK_OF_ART"):
            _surname_variant(c, key, surnames, settings)
    return known


def _known_names(cands: list[Candidate], lexicon: Lexicon) -> tuple[dict[str, str], dict[str, str]]:
    """Multi-word names known so far: comparison key -> canonical, and -> label."""
    known: dict[str, str] = {}
    known_label: dict[str, str] = {}
    for form, canonical in lexicon.forms.items():
        if len(words(form)) >= 2:
            known[lexicon.key(form)] = canonical
            known_label[lexicon.key(form)] = lexicon.entries[canonical].label
    for c in cands:
        if c.canonical and len(words(c.text)) >= 2:
            known.setdefault(lexicon.key(c.text), c.canonical)
            known_label.setdefault(lexicon.key(c.text), c.spacy_label)
    return known, known_label


def _unique_surnames(cands: list[Candidate], lexicon: Lexicon) -> dict[str, set[str]]:
    """Casefolded surname -> the full personal names resolved so far that end with it."""
    surnames: dict[str, set[str]] = defaultdict(set)
    for c in cands:
        name = c.canonical or ""
        label = lexicon.entries[name].label if name in lexicon.entries else c.spacy_label
        if label == "PERSON" and is_person_name(name, lexicon):
            surnames[words(name)[-1].casefold()].add(name)
    return surnames


def _multi_word(c: Candidate, key: str, lexicon: Lexicon, settings: Settings, buckets: dict, known: dict,
                known_label: dict, memo: dict) -> None:
    """Merge a multi-word name into the closest known one, or make it known for later variants."""
    n_words = len(key.split())
    memo_key = (key, LABEL_CLASS.get(c.spacy_label, ""))
    if memo_key not in memo:
        memo[memo_key] = best_fuzzy(key, spin_normal(c.text, lexicon), c.spacy_label, buckets.get(n_words),
                                    known, known_label, settings)
    best, best_score, spun = memo[memo_key]
    if best is not None and best_score >= settings.fuzzy_threshold and key not in known:
        c.canonical, c.method, c.score = best, f"fuzzy({best_score:.0f})", round(best_score, 1)
        if spun:
            swaps = [f"{w}→{lexicon.spinner_synonyms[w]}" for w in key.split()
                     if lexicon.spinner_synonyms.get(w, w) != w]
            c.extra["detail"] = "spinner synonyms: " + ", ".join(swaps)
        else:
            c.extra["detail"] = "spelling variant"
        return
    if key not in known:
        bucket = buckets.setdefault(n_words, ([], []))
        bucket[0].append(key)
        bucket[1].append(spin_normal(key, lexicon))
        memo.clear()  # a new name can now be matched
    known.setdefault(key, c.text)  # later variants may join this one
    known_label.setdefault(key, c.spacy_label)


def _surname_variant(c: Candidate, key: str, surnames: dict[str, set[str]], settings: Settings) -> None:
    """A single word close to the surname of exactly one known person ("Kowalczik")."""
    best, best_score = None, 0.0
    for surname, names in surnames.items():
        if len(names) != 1 or surname == key:
            continue
        s = fuzz.ratio(key, surname)
        if s > best_score:
            best, best_score = next(iter(names)), s
    if best is not None and best_score >= settings.fuzzy_surname_threshold:
        c.canonical, c.method, c.score = best, f"fuzzy({best_score:.0f})", round(best_score, 1)
        c.extra["detail"] = "surname spelling variant"


def best_fuzzy(key: str, spin: str, spacy_label: str, bucket, known: dict, known_label: dict,
               settings: Settings = DEFAULTS):
    """(canonical, score, spun) of the closest known name with the same number of words.

    Scores are rapidfuzz ratios on the comparison keys and on their spinner-normalised
    forms; names of an incompatible label class are skipped; ties go to the
    alphabetically first canonical name. ``(None, 0.0, False)`` when none qualifies.
    """
    if not bucket or not bucket[0]:
        return None, 0.0, False
    keys, spins = bucket
    cutoff, limit = settings.fuzzy_threshold, settings.fuzzy_candidates
    scored: dict[int, tuple[float, bool]] = {}
    for _, score, i in process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit):
        scored[i] = (score, False)
    if spin != key:
        for _, score, i in process.extract(spin, spins, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit):
            if score > scored.get(i, (0.0, False))[0]:
                scored[i] = (score, True)
    best, best_score, spun = None, 0.0, False
    for i, (score, was_spun) in sorted(scored.items()):
        target_key = keys[i]
        if abs(len(target_key) - len(key)) > max(settings.fuzzy_length_slack, len(key) // 2):
            continue
        if not compatible(spacy_label, known_label.get(target_key)) or known_label.get(target_key) in NO_FUZZY_LABELS:
            continue
        if not words_align(spin if was_spun else key, spins[i] if was_spun else target_key, settings):
            continue
        canonical = known[target_key]
        if score > best_score or (score == best_score and best is not None and canonical < best):
            best, best_score, spun = canonical, score, was_spun
    return best, best_score, spun


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def words_align(a: str, b: str, settings: Settings = DEFAULTS) -> bool:
    """Every word of ``a`` is close to the word of ``b`` in the same place: a spelling variant
    (at most two edits, one in words under five letters) or an abbreviation ("Corp" /
    "Corporation"). "Armed Force" is not "Air Force", "African" is not "American"."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb):
        return False
    for x, y in zip(wa, wb):
        if x == y:
            continue
        if NUMBER_WORD.match(x) or NUMBER_WORD.match(y):
            return False  # "World War II" is not "World War I"
        shortest = min(len(x), len(y))
        edits = settings.long_word_edits if shortest >= settings.long_word_chars else settings.short_word_edits
        if _common_prefix(x, y) >= min(2, shortest) and Levenshtein.distance(x, y) <= edits:
            continue  # a spelling variant keeps the word's opening ("Mauria" is not "Malta")
        if shortest >= settings.abbreviation_min_chars and (x.startswith(y) or y.startswith(x)):
            continue
        return False
    return True
