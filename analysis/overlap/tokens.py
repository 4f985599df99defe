"""Words and their matching keys: the synonym lexicon, the tokenizer and one article's :class:`Tokens`.

* :func:`load_lexicon` – the synonym lexicon of ``data/synonyms.yaml`` (related word keys, the
  spinner's direction, irregular forms, number words, words never treated as function words),
  built through :func:`analysis.lexicons.derived`, so an edit to the file is seen at once;
* :func:`word_key` – the matching key of one word (number normalised, irregular form mapped,
  light suffix stripping: ``engaged`` -> ``engag``);
* :func:`tokenize` – an article's words with their keys and flags as parallel arrays
  (:class:`Tokens`); quotation marks are paired by :mod:`analysis.text.quotes`.

spaCy is not used here (only its English stop-word list): it costs ~100x more per word and
alignment needs no parse.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import numpy as np

from .. import config, lexicons
from ..text.quotes import quoted_spans

LEXICON_FILE = "synonyms.yaml"
#: content words longer than this share a *fuzzy* key when their first ``FUZZY_PREFIX`` letters agree
FUZZY_PREFIX = 5
#: characters looked at after a capitalised sentence-initial word to see whether a name continues
NAME_LOOKAHEAD = 40

_TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*(?:[.,][0-9]+)*")
_CONTRACTIONS = {"n't": "not", "'re": "are", "'ve": "have", "'ll": "will", "'d": "would", "'m": "am"}
_SPECIAL_NEG = {"can't": ("can", "not"), "won't": ("will", "not"), "cannot": ("can", "not"),
                "shan't": ("shall", "not"), "ain't": ("is", "not")}
_S_IS = {"it", "he", "she", "that", "there", "what", "who", "here", "where", "how", "this", "let"}
_SENTENCE_MARKS = ".!?:;\n\"“”"
_SUFFIXES = (("ies", "y", 3), ("sses", "ss", 3), ("nesses", "", 4), ("ness", "", 4), ("ingly", "", 4),
             ("edly", "", 4), ("ing", "", 3), ("ied", "y", 3), ("ed", "", 3), ("ly", "", 4),
             ("es", "", 4), ("s", "", 3))
_EXTRA_STOP_WORDS = {"s", "t", "mr", "mrs", "ms"}


# ---------------------------------------------------------------------------
# Lexicon
# ---------------------------------------------------------------------------

@dataclass
class Lexicon:
    """The synonym lexicon: related word keys, spinner direction, irregular forms, number words."""

    groups: dict[str, frozenset[int]]          # key -> ids of the lexicon lines it is on
    spun_of: dict[str, frozenset[str]]         # spun-variant key -> original keys
    variants: dict[str, tuple[str, ...]]       # original surface word -> spinner words (as listed)
    irregular: dict[str, str]
    numbers: dict[str, str]
    representative: dict[str, str] = field(default_factory=dict)
    content_words: frozenset[str] = frozenset()
    stop_words: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        """Function words: spaCy's English stop words (plus a few) minus the lexicon's ``content_words``."""
        from spacy.lang.en.stop_words import STOP_WORDS
        self.stop_words = (frozenset(STOP_WORDS) | _EXTRA_STOP_WORDS) - self.content_words

    def fingerprint(self) -> str:
        """sha1 of the lexicon's content (a memo key that cannot outlive the object, unlike ``id()``)."""
        parts = [sorted((k, sorted(v)) for k, v in table.items())
                 for table in (self.groups, self.spun_of, self.variants)]
        parts += [sorted(self.irregular.items()), sorted(self.numbers.items()), sorted(self.representative.items()),
                  sorted(self.content_words)]
        return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()

    def related(self, a: str, b: str) -> bool:
        """True when the keys ``a`` and ``b`` stand on a common lexicon line."""
        ga, gb = self.groups.get(a), self.groups.get(b)
        return bool(ga and gb and not ga.isdisjoint(gb))


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The synonym lexicon from ``data/synonyms.yaml`` (or ``path``).

    Built once per distinct file content (:func:`analysis.lexicons.derived`): an edit is
    seen by the next call, in a running kernel too.
    """
    return lexicons.derived(_build_lexicon, Path(path) if path else config.data_file(LEXICON_FILE))


def _build_lexicon(spec: dict) -> Lexicon:
    """The :class:`Lexicon` of a parsed ``synonyms.yaml``."""
    irregular = {str(k).lower(): str(v).lower() for k, v in (spec.get("irregular") or {}).items()}
    numbers = {str(k).lower(): str(v) for k, v in (spec.get("numbers") or {}).items()}
    content_words = frozenset(str(w).lower() for w in (spec.get("content_words") or []))
    base = Lexicon({}, {}, {}, irregular, numbers, content_words=content_words)
    groups: dict[str, set[int]] = defaultdict(set)
    spun_of: dict[str, set[str]] = defaultdict(set)
    variants: dict[str, tuple[str, ...]] = {}
    for line_id, (original, swaps) in enumerate((spec.get("substitutions") or {}).items()):
        words = [str(original)] + [str(w) for w in (swaps or []) if len(str(w).split()) == 1]
        variants[str(original).lower()] = tuple(str(w).lower() for w in (swaps or []))
        keys = [word_key(w.lower(), base) for w in words]
        for key in keys:
            groups[key].add(line_id)
        for key in keys[1:]:
            if key != keys[0]:
                spun_of[key].add(keys[0])
    frozen = {k: frozenset(v) for k, v in groups.items()}
    # one representative per key for the shingle index: the smallest key it is related to
    members: dict[int, list[str]] = defaultdict(list)
    for key, ids in frozen.items():
        for i in ids:
            members[i].append(key)
    representative = {key: min(min(members[i]) for i in ids) for key, ids in frozen.items()}
    return Lexicon(frozen, {k: frozenset(v) for k, v in spun_of.items()}, variants, irregular, numbers,
                   representative, content_words)


# ---------------------------------------------------------------------------
# Keys
# ---------------------------------------------------------------------------

@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """A light, deterministic suffix-stripping lemmatiser (same word family -> same key)."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, repl, min_stem in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= min_stem:
            if suffix == "s" and word[-2] in "su":
                return word
            if suffix == "es" and not word[-3] in "sxzh":
                word = word[:-1]
                break
            word = word[: len(word) - len(suffix)] + repl
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    return word


def word_key(word: str, lexicon: Lexicon) -> str:
    """Matching key of one lower-case word: number normalised, irregular form mapped, stemmed."""
    word = word.replace("’", "'")
    if word[:1].isdigit():
        return word.replace(",", "")
    if word in lexicon.numbers:
        return lexicon.numbers[word]
    if word in lexicon.irregular:
        return lexicon.irregular[word]
    if word in lexicon.stop_words:
        return word
    return _stem(word)


def _word_info(word: str, lexicon: Lexicon, cache: dict) -> tuple[str, bool, bool]:
    """(key, is_function_word, is_number) of a lower-case word, memoised per run."""
    info = cache.get(word)
    if info is None:
        key = word_key(word, lexicon)
        stops = lexicon.stop_words
        is_num = key[:1].isdigit()
        info = cache[word] = (key, (word in stops or key in stops) and not is_num, is_num)
    return info


# ---------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------

@dataclass
class Tokens:
    """One article's word stream (parallel arrays)."""

    doc_id: str
    surface: list[str]          # lower-case surface form
    key: np.ndarray             # int id of the matching key
    fuzzy: np.ndarray           # int id of the fuzzy key (5-letter prefix of content words)
    stop: np.ndarray            # bool: function word
    name: np.ndarray            # bool: capitalised word inside a sentence (part of a name)
    number: np.ndarray          # bool
    quote: np.ndarray           # bool: inside quotation marks
    start: np.ndarray           # offsets into article.text
    end: np.ndarray
    keys: list[str]             # key strings
    content_positions: dict[int, list[int]] = field(default_factory=dict, repr=False)
    stop_list: list[bool] = field(default_factory=list, repr=False)
    para: np.ndarray | None = field(default=None, repr=False)   # paragraph number of each token
    surface_id: np.ndarray | None = field(default=None, repr=False)
    _anchor_cache: tuple | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.surface)

    def break_between(self, i: int, j: int) -> bool:
        """True when a paragraph break lies between tokens ``i`` and ``j`` (i < j)."""
        return bool(self.para[j] != self.para[i])


class Vocab(dict):
    """Key string -> small int id, shared by every stream of one run."""

    def id(self, key: str) -> int:
        value = self.get(key)
        if value is None:
            value = self[key] = len(self)
        return value


def _is_name(text: str, word: str, prev_end: int, s: int, e: int) -> bool:
    """A capitalised word inside a sentence; at a sentence start only when the next word is capitalised too."""
    if not word[0].isupper():
        return False
    gap = text[prev_end:s]
    if prev_end == 0 or (gap != " " and any(c in _SENTENCE_MARKS for c in gap)):
        return text[e:e + NAME_LOOKAHEAD].lstrip(" ")[:1].isupper()
    return True


def _in_hyphenated_number(text: str, s: int, e: int) -> bool:
    """True when the word ``text[s:e]`` is part of a hyphenated compound holding a digit ("22-year-old")."""
    n = len(text)
    if (s > 0 and text[s - 1] == "-") or (e < n and text[e] == "-"):
        left = text.rfind(" ", 0, s) + 1
        right = text.find(" ", e)
        return any(ch.isdigit() for ch in text[left:right if right >= 0 else n])
    return False


def _expand(word: str, is_name: bool, in_number: bool) -> tuple[tuple[str, bool, bool], ...]:
    """``(word, is_name, in_number)`` for a lower-case word, or for the two words of a contraction."""
    if "'" not in word and "’" not in word:
        return ((word, is_name, in_number),)
    word = word.replace("’", "'")
    if word in _SPECIAL_NEG:
        first, second = _SPECIAL_NEG[word]
        return ((first, False, False), (second, False, False))
    base, _, tail = word.rpartition("'")
    tail = "'" + tail
    if word.endswith("n't"):
        return ((word[:-3], False, False), ("not", False, False))
    if tail in _CONTRACTIONS:
        return ((base, is_name, False), (_CONTRACTIONS[tail], False, False))
    if tail == "'s":
        if base in _S_IS:
            return ((base, False, False), ("is", False, False))
        return ((base, is_name, in_number),)  # possessive: the word itself
    return ((word, is_name, in_number),)


def _words(text: str) -> Iterator[tuple[str, int, int, bool, bool]]:
    """``(lower-case word, start, end, is_name, in_hyphenated_number)`` per word, contractions expanded."""
    prev_end = 0
    for match in _TOKEN_RE.finditer(text):
        raw_word = match.group(0)
        s, e = match.span()
        is_name = _is_name(text, raw_word, prev_end, s, e)
        prev_end = e
        for word, name, in_number in _expand(raw_word.lower(), is_name, _in_hyphenated_number(text, s, e)):
            yield word, s, e, name, in_number


def quote_flags(text: str, starts: np.ndarray) -> np.ndarray:
    """True for each token whose start offset lies in a quoted stretch (:func:`analysis.text.quotes.quoted_spans`)."""
    quote = np.zeros(len(starts), dtype=bool)
    for qs, qe in quoted_spans(text):
        lo, hi = np.searchsorted(starts, [qs, qe])
        quote[lo:hi] = True
    return quote


def tokenize(article, lexicon: Lexicon, vocab: Vocab, cache: dict | None = None) -> Tokens:
    """Word tokens of ``article.text`` with their keys for alignment (anything with ``doc_id`` and ``text``).

    Each word gets a key (lower-cased, contractions expanded, numbers normalised,
    irregular forms mapped, light suffix stripping), a fuzzy key (its first
    :data:`FUZZY_PREFIX` letters, content words only) and flags: function word,
    name, number, inside quotation marks. ``cache`` memoises word keys across calls.
    """
    text = article.text
    cache = {} if cache is None else cache
    surface, keys, stop, name, number, starts, ends = [], [], [], [], [], [], []
    for word, s, e, is_name, in_number in _words(text):
        key, is_stop, is_num = _word_info(word, lexicon, cache)
        is_num = is_num or in_number
        surface.append(word)
        keys.append(key)
        stop.append(is_stop and not is_num)
        name.append(is_name and not is_stop)
        number.append(is_num)
        starts.append(s)
        ends.append(e)
    start_arr = np.array(starts, dtype=np.int64)
    key_ids = [vocab.id(k) for k in keys]
    fuzz_ids = [vocab.id(k[:FUZZY_PREFIX]) if (not st and not nu and len(k) >= FUZZY_PREFIX) else -1 - kid
                for k, kid, st, nu in zip(keys, key_ids, stop, number)]
    tokens = Tokens(
        doc_id=article.doc_id, surface=surface, key=np.array(key_ids, dtype=np.int64),
        fuzzy=np.array(fuzz_ids, dtype=np.int64), stop=np.array(stop, dtype=bool),
        name=np.array(name, dtype=bool), number=np.array(number, dtype=bool), quote=quote_flags(text, start_arr),
        start=start_arr, end=np.array(ends, dtype=np.int64), keys=keys)
    positions: dict[int, list[int]] = defaultdict(list)
    for i, (k, is_stop) in enumerate(zip(key_ids, stop)):
        if not is_stop:
            positions[k].append(i)
    tokens.content_positions = dict(positions)
    tokens.stop_list = stop
    tokens.surface_id = np.array([vocab.id("\x01" + w) for w in surface], dtype=np.int64)
    breaks = np.array([m.start() for m in re.finditer("\n", text)], dtype=np.int64)
    tokens.para = np.searchsorted(breaks, start_arr)
    return tokens
