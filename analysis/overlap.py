"""Source overlap: reused passages (verbatim, lightly edited or spun), shared quotes, shared entities.

Journalists want to know which outlet copied whose text (wire copy, churnalism),
which ran a copy through an "article spinner" to disguise it, and which merely
covered the same event. This module answers at three levels:

* :func:`passages` – reused passages between two articles, with raw-file offsets
  on both sides, found by word-level local alignment that sees through synonym
  swaps ("Overseas Workplace" for "Foreign Office") and unknown substitutions between
  anchor words;
* :func:`reuse_summary` – per article: how much of it is found elsewhere (churn),
  its likely sources and a ``spun`` verdict with the evidence;
* :func:`shared_quotes` – the same quotation carried by several articles (grouped
  fuzzily, across spun wording) with the speaker each article gives;
* :func:`entity_overlap` – how alike two articles' sets of named entities are,
  so "same story" is shown apart from "copied text";
* :func:`matrix` – article × article tables for the three heatmaps.

How passages are found
----------------------
1. Every article is tokenised with a fast regular expression into words with
   their character offsets. Each word gets a *key*: lower-cased, contractions
   expanded (``we're`` -> ``we are``), numbers normalised (``2,000`` -> ``2000``,
   ``two`` -> ``2``), irregular forms mapped (``told`` -> ``tell``) and a light
   suffix-stripping lemmatiser applied (``engaged`` -> ``engag``). spaCy is not
   used here: it costs ~100x more per word and alignment needs no parse.
2. Candidate pairs: on corpora of at most ``Settings.exhaustive_max_docs``
   articles every pair is aligned. Past that, an inverted index of word 3-gram
   shingles (keys mapped through the synonym lexicon, so spun copies still share
   shingles) proposes pairs that share at least ``min_shared_shingles`` shingles;
   shingles found in more than ``max_shingle_df`` articles are boilerplate-like
   and ignored. Because a pair needs only a few shared shingles, not a high
   Jaccard, a short wire story inside a long article is found (containment, not
   resemblance). Past ``lsh_min_docs`` articles the index is replaced by
   MinHash LSH (datasketch) over windows of shingles, so memory stays bounded.
3. For each pair, content-word *anchors* (same key, or related through the
   synonym lexicon ``data/synonyms.yaml``) are chained along near-diagonals, and
   each chain's box is aligned with Smith-Waterman (linear gaps, vectorised per
   row with numpy). Exact matches, lexicon synonyms and fuzzy spellings
   (common 5-letter prefix) score positively; an unknown substitution between
   anchors costs less than a gap, so a spinner's swaps do not break a passage.
4. An alignment is kept as a passage only if it carries enough *non-name
   content*: shared entity titles ("Foreign Ministry spokesman ...")
   and short shared quotations are not copying. Quotation-only overlaps need
   ``min_quote_content`` content words, unless their words were swapped by a
   spinner (nobody rewrites a quote with synonyms by accident).

Offsets in every table are offsets into the original file (``article.raw``).
"""
from __future__ import annotations

import hashlib
import html
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np
import pandas as pd
import yaml

from . import cache, config
from .corpus import Article, Corpus, corpus_fingerprint

LEXICON_FILE = "synonyms.yaml"

PASSAGE_COLUMNS = ["doc_a", "a_start", "a_end", "doc_b", "b_start", "b_end", "text_a", "text_b",
                   "kind", "score", "substitutions"]
PASSAGE_EXTRA_COLUMNS = ["tokens_a", "tokens_b", "matched", "content_matched", "substituted", "in_quote",
                         "marks_a", "marks_b"]


@dataclass(frozen=True)
class Settings:
    """Thresholds of the detector (defaults measured on ``benchmarks/overlap.py``)."""

    #: align every pair when the corpus has at most this many articles
    exhaustive_max_docs: int = 200
    #: shingle size (words) of the candidate index (3: a 9-word near-duplicate phrase still yields
    #: several shared shingles; measured candidate recall 1.000 against exhaustive alignment)
    shingle_size: int = 3
    #: a candidate pair shares at least this many distinct shingles
    min_shared_shingles: int = 4
    #: plus pairs sharing ``long_min_shared`` word 4-grams (0 = off): long shared runs padded with
    #: frequent 3-grams are kept
    long_shingle_size: int = 4
    long_min_shared: int = 3
    #: shingles present in more articles than this are ignored by the index
    max_shingle_df: int = 100
    #: past this many articles, candidates come from MinHash LSH on windows of shingles
    lsh_min_docs: int = 20_000
    lsh_window: int = 40
    lsh_shingle_size: int = 4
    lsh_threshold: float = 0.15
    lsh_num_perm: int = 64
    #: anchors within this many tokens and this much diagonal drift chain together
    chain_gap: int = 15
    chain_drift: int = 6
    #: runs of anchors whose boxes come within this many tokens are aligned as one box
    merge_gap: int = 40
    #: a chain needs this many anchors to be aligned
    min_anchors: int = 4
    #: box padding (tokens) around a chain before alignment
    pad: int = 6
    #: acceptance: matched content words, of which not names, aligned length
    min_content: int = 4
    min_nonname_content: int = 3
    min_tokens: int = 8
    min_score: int = 24
    #: alignments sought inside one chain's box
    max_alignments_per_chain: int = 4
    #: matched / aligned tokens on the shorter side
    min_identity: float = 0.5
    #: an overlap of at least this many matching words is copying even when it is all names (line-ups, lists)
    min_long_copy: int = 25
    #: quotation-only overlaps need this many non-name content words (unless spun)
    min_quote_content: int = 8
    #: share of matched non-name content words inside quotes (both sides) that makes an overlap a quotation
    quote_share: float = 0.6
    #: a passage is "spun" with at least this many content substitutions and this share of content words
    spun_min_substitutions: int = 2
    spun_min_rate: float = 0.1


DEFAULTS = Settings()

# Smith-Waterman scores (integers so the traceback compares exactly).
S_EXACT_CONTENT = 6
S_KEY_CONTENT = 5        # same lemma, different surface (engaged / engage)
S_SYNONYM = 5            # related through the lexicon
S_FUZZY = 4              # same 5-letter prefix (organise / organize)
S_EXACT_STOP = 2
S_MISMATCH_CONTENT = -2  # unknown substitution of one content word by another
S_MISMATCH = -3
GAP = 4

_TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*(?:[.,][0-9]+)*")
_CONTRACTIONS = {"n't": "not", "'re": "are", "'ve": "have", "'ll": "will", "'d": "would", "'m": "am"}
_SPECIAL_NEG = {"can't": ("can", "not"), "won't": ("will", "not"), "cannot": ("can", "not"),
                "shan't": ("shall", "not"), "ain't": ("is", "not")}
_S_IS = {"it", "he", "she", "that", "there", "what", "who", "here", "where", "how", "this", "let"}
_OPEN_QUOTES = "“«„"
_CLOSE_QUOTES = "”»"
_SENT_END = re.compile(r"[.!?:;\"“”]\s*$")


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
        from spacy.lang.en.stop_words import STOP_WORDS
        self.stop_words = (frozenset(STOP_WORDS) | {"s", "t", "mr", "mrs", "ms"}) - self.content_words

    def related(self, a: str, b: str) -> bool:
        ga, gb = self.groups.get(a), self.groups.get(b)
        return bool(ga and gb and not ga.isdisjoint(gb))


@lru_cache(maxsize=8)
def _load_lexicon(path: str, mtime: float) -> Lexicon:
    spec = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
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


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The synonym lexicon from ``data/synonyms.yaml`` (or ``path``), cached until the file changes."""
    path = Path(path) if path else config.data_file(LEXICON_FILE)
    return _load_lexicon(str(path), path.stat().st_mtime if path.exists() else 0.0)


# ---------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------

_SUFFIXES = (("ies", "y", 3), ("sses", "ss", 3), ("nesses", "", 4), ("ness", "", 4), ("ingly", "", 4),
             ("edly", "", 4), ("ing", "", 3), ("ied", "y", 3), ("ed", "", 3), ("ly", "", 4),
             ("es", "", 4), ("s", "", 3))


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
    if word in _stop_words(lexicon):
        return word
    return _stem(word)


def _stop_words(lexicon: Lexicon) -> frozenset[str]:
    """Function words: spaCy's English stop words minus the lexicon's ``content_words``."""
    return lexicon.stop_words


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


class _Vocab(dict):
    def id(self, key: str) -> int:
        value = self.get(key)
        if value is None:
            value = self[key] = len(self)
        return value


_COMPOUND = re.compile(r"[\w’'.,]+(?:-[\w’'.,]+)+")


def _compound_at(text: str, s: int, e: int) -> str:
    """The hyphenated compound around ``text[s:e]`` ("22-year-old"), or the word itself."""
    if (s > 0 and text[s - 1] == "-") or (e < len(text) and text[e:e + 1] == "-"):
        left = text.rfind(" ", 0, s) + 1
        right = text.find(" ", e)
        return text[left:right if right >= 0 else len(text)]
    return ""


_QUOTE_EVENTS = re.compile(r'[“”«»„"\n]')


def _quote_intervals(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (curly pairs; straight quotes toggle; reset per paragraph)."""
    out, opened = [], None
    for m in _QUOTE_EVENTS.finditer(text):
        ch, i = m.group(0), m.start()
        if ch == "\n" or ch in _CLOSE_QUOTES:
            if opened is not None:
                out.append((opened, i))
            opened = None
        elif ch in _OPEN_QUOTES:
            if opened is not None:
                out.append((opened, i))
            opened = i
        else:  # straight quote toggles
            if opened is None:
                opened = i
            else:
                out.append((opened, i))
                opened = None
    if opened is not None:
        out.append((opened, len(text)))
    return out


def _word_info(word: str, lexicon: Lexicon, cache: dict) -> tuple[str, bool, bool]:
    """(key, is_function_word, is_number) of a lower-case word, memoised per run."""
    info = cache.get(word)
    if info is None:
        key = word_key(word, lexicon)
        stops = lexicon.stop_words
        is_num = key[:1].isdigit()
        info = cache[word] = (key, (word in stops or key in stops) and not is_num, is_num)
    return info


def tokenize(article, lexicon: Lexicon, vocab: _Vocab, cache: dict | None = None) -> Tokens:
    """Word tokens of ``article.text`` with keys for alignment (see the module docstring)."""
    text = article.text
    cache = {} if cache is None else cache
    surface, keys, stop, name, number, starts, ends = [], [], [], [], [], [], []

    def add(word: str, s: int, e: int, is_name: bool, in_compound_number: bool) -> None:
        key, is_stop, is_num = _word_info(word, lexicon, cache)
        is_num = is_num or in_compound_number
        surface.append(word)
        keys.append(key)
        stop.append(is_stop and not is_num)
        name.append(is_name and not is_stop)
        number.append(is_num)
        starts.append(s)
        ends.append(e)

    prev_end = 0
    n = len(text)
    for match in _TOKEN_RE.finditer(text):
        raw_word = match.group(0)
        s, e = match.span()
        is_cap = raw_word[0].isupper()
        if is_cap:
            gap = text[prev_end:s]
            sentence_start = prev_end == 0 or (gap != " " and any(c in ".!?:;\n\"“”" for c in gap))
            # a capital at a sentence start is a name only when the next word is capitalised too
            if sentence_start:
                nxt = text[e:e + 40].lstrip(" ")
                is_cap = nxt[:1].isupper()
        prev_end = e
        compound_number = False
        if (s > 0 and text[s - 1] == "-") or (e < n and text[e] == "-"):
            left = text.rfind(" ", 0, s) + 1
            right = text.find(" ", e)
            compound_number = any(ch.isdigit() for ch in text[left:right if right >= 0 else n])
        word = raw_word.lower()
        if "'" in word or "’" in word:
            word = word.replace("’", "'")
            if word in _SPECIAL_NEG:
                first, second = _SPECIAL_NEG[word]
                add(first, s, e, False, False)
                add(second, s, e, False, False)
                continue
            base, _, tail = word.rpartition("'")
            tail = "'" + tail
            if word.endswith("n't"):
                add(word[:-3], s, e, False, False)
                add("not", s, e, False, False)
                continue
            if tail in _CONTRACTIONS:
                add(base, s, e, is_cap, False)
                add(_CONTRACTIONS[tail], s, e, False, False)
                continue
            if tail == "'s":
                if base in _S_IS:
                    add(base, s, e, False, False)
                    add("is", s, e, False, False)
                else:  # possessive: the word itself
                    add(base, s, e, is_cap, compound_number)
                continue
        add(word, s, e, is_cap, compound_number)

    start_arr = np.array(starts, dtype=np.int64)
    quote = np.zeros(len(starts), dtype=bool)
    for qs, qe in _quote_intervals(text):
        lo, hi = np.searchsorted(start_arr, [qs, qe])
        quote[lo:hi] = True
    key_ids = [vocab.id(k) for k in keys]
    fuzz_ids = [vocab.id(k[:5]) if (not st and not nu and len(k) >= 5) else -1 - kid
                for k, kid, st, nu in zip(keys, key_ids, stop, number)]
    tokens = Tokens(
        doc_id=article.doc_id, surface=surface, key=np.array(key_ids, dtype=np.int64),
        fuzzy=np.array(fuzz_ids, dtype=np.int64), stop=np.array(stop, dtype=bool),
        name=np.array(name, dtype=bool), number=np.array(number, dtype=bool), quote=quote,
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


# ---------------------------------------------------------------------------
# Candidate pairs
# ---------------------------------------------------------------------------

@lru_cache(maxsize=1 << 20)
def _word_id(word: str) -> int:
    """A stable 63-bit id for a word key.

    Python salts ``hash()`` of strings per process; hashing tuples of these ids instead makes
    shingle hashes, and so LSH candidates, the same in every run.
    """
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little") >> 1


def _shingles(tokens: Tokens, lexicon: Lexicon, size: int) -> set[int]:
    rep = lexicon.representative
    keys = [_word_id(rep.get(k, k)) for k in tokens.keys]
    stop = tokens.stop_list
    out = set()
    for i in range(len(keys) - size + 1):
        if all(stop[i:i + size]):
            continue
        out.add(hash(tuple(keys[i:i + size])))
    return out


def candidate_pairs(streams: list[Tokens], lexicon: Lexicon, settings: Settings = DEFAULTS,
                    exhaustive: bool | None = None, method: str | None = None) -> list[tuple[int, int]]:
    """Pairs of stream indices worth aligning, ``(i, j)`` with ``i < j``, sorted.

    All pairs up to ``exhaustive_max_docs`` articles; then an exact inverted
    index of word 3-gram shingles (pairs sharing ``min_shared_shingles``, plus
    pairs sharing ``long_min_shared`` word 4-grams);
    past ``lsh_min_docs`` articles (or ``method="lsh"``) MinHash LSH over
    windows of shingles (datasketch), whose memory does not grow with the
    number of distinct shingles. Window-level LSH keeps containment: a short
    story inside a long article collides window by window.
    """
    n = len(streams)
    if exhaustive is None:
        exhaustive = n <= settings.exhaustive_max_docs
    if exhaustive:
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    if method == "lsh" or (method is None and n > settings.lsh_min_docs):
        return _lsh_pairs(streams, lexicon, settings)
    pairs = set(_shared_shingle_pairs(streams, lexicon, settings.shingle_size, settings.min_shared_shingles,
                                      settings.max_shingle_df))
    if settings.long_min_shared:
        pairs.update(_shared_shingle_pairs(streams, lexicon, settings.long_shingle_size,
                                           settings.long_min_shared, settings.max_shingle_df))
    return sorted(pairs)


def _shared_shingle_pairs(streams: list[Tokens], lexicon: Lexicon, size: int, min_shared: int,
                          max_df: int) -> list[tuple[int, int]]:
    """Pairs sharing ``min_shared`` distinct ``size``-word shingles of document frequency 2..``max_df``.

    The inverted index is two numpy arrays (shingle hash, document) sorted by
    hash; each posting list of ``df`` documents yields its ``df*(df-1)/2`` pairs
    at once (grouped by ``df``), and pairs are counted with ``np.unique``.
    """
    n = len(streams)
    hashes, docs = [], []
    for doc, tokens in enumerate(streams):
        sh = np.fromiter(_shingles(tokens, lexicon, size), dtype=np.int64)
        hashes.append(sh)
        docs.append(np.full(len(sh), doc, dtype=np.int64))
    if not hashes:
        return []
    h = np.concatenate(hashes)
    d = np.concatenate(docs)
    order = np.lexsort((d, h))
    h, d = h[order], d[order]
    starts = np.flatnonzero(np.r_[True, h[1:] != h[:-1]])
    dfs = np.diff(np.r_[starts, len(h)])
    codes = []
    for df in range(2, max_df + 1):
        group = starts[dfs == df]
        if not len(group):
            continue
        x, y = np.triu_indices(df, k=1)
        members = d[group[:, None] + np.arange(df)[None, :]]          # (groups, df), ascending docs
        codes.append((members[:, x] * n + members[:, y]).ravel())
    if not codes:
        return []
    pair_codes, counts = np.unique(np.concatenate(codes), return_counts=True)
    chosen = pair_codes[counts >= min_shared]
    return list(zip((chosen // n).tolist(), (chosen % n).tolist()))


def _lsh_pairs(streams: list[Tokens], lexicon: Lexicon, settings: Settings) -> list[tuple[int, int]]:
    """Candidate pairs from MinHash LSH (datasketch) on overlapping windows of each article's shingles."""
    from datasketch import LeanMinHash, MinHash, MinHashLSH
    template = MinHash(num_perm=settings.lsh_num_perm, seed=1)
    # same affine permutations as datasketch, applied to our own 32-bit shingle hashes in one numpy step
    a, b = (np.asarray(p, dtype=np.uint64) for p in template.permutations)
    prime, max_hash = np.uint64((1 << 61) - 1), np.uint64((1 << 32) - 1)
    lsh = MinHashLSH(threshold=settings.lsh_threshold, num_perm=settings.lsh_num_perm)
    signatures: list[tuple[int, object]] = []
    size, step = settings.lsh_window, max(1, settings.lsh_window // 2)
    for doc, tokens in enumerate(streams):
        ordered = _shingle_sequence(tokens, lexicon, settings.lsh_shingle_size)
        for w, start in enumerate(range(0, max(1, len(ordered) - step), step)):
            window = np.unique(np.array(ordered[start:start + size], dtype=np.int64)).astype(np.uint64) & max_hash
            if not len(window):
                continue
            phv = ((window[:, None] * a[None, :] + b[None, :]) % prime) & max_hash
            lean = LeanMinHash(seed=1, hashvalues=phv.min(axis=0), scheme=template.scheme)
            key = (doc, w)
            lsh.insert(key, lean, check_duplication=False)
            signatures.append((doc, lean))
    pairs = set()
    for doc, lean in signatures:
        for other, _ in lsh.query(lean):
            if other != doc:
                pairs.add((min(doc, other), max(doc, other)))
    return sorted(pairs)


def _shingle_sequence(tokens: Tokens, lexicon: Lexicon, size: int) -> list[int]:
    """The article's shingle hashes in text order (function-word-only shingles left out)."""
    rep = lexicon.representative
    keys = [_word_id(rep.get(k, k)) for k in tokens.keys]
    stop = tokens.stop_list
    return [hash(tuple(keys[i:i + size])) for i in range(len(keys) - size + 1) if not all(stop[i:i + size])]


# ---------------------------------------------------------------------------
# Alignment
# ---------------------------------------------------------------------------

@dataclass
class Alignment:
    a0: int
    a1: int          # token range in A (end exclusive)
    b0: int
    b1: int
    score: int
    pairs: list[tuple[int, int, str]]  # aligned (i, j, how) with how in exact/key/synonym/fuzzy/sub


@dataclass
class _Context:
    """Per-run lookup tables: key ids -> lexicon line ids, and key id -> related key ids."""

    lexicon: Lexicon
    vocab: _Vocab
    groups: dict[int, frozenset[int]]
    related: dict[int, tuple[int, ...]]
    group_start: np.ndarray  # key id k is on lexicon lines group_ids[group_start[k]:group_start[k + 1]]
    group_ids: np.ndarray

    @classmethod
    def build(cls, lexicon: Lexicon, vocab: _Vocab) -> "_Context":
        groups = {vid: lexicon.groups[k] for k, vid in vocab.items() if k in lexicon.groups}
        members: dict[int, list[int]] = defaultdict(list)
        for vid, ids in groups.items():
            for g in ids:
                members[g].append(vid)
        related = {vid: tuple(sorted({o for g in ids for o in members[g] if o != vid}))
                   for vid, ids in groups.items()}
        sizes = np.zeros(len(vocab) + 1, dtype=np.int64)
        for vid, ids in groups.items():
            sizes[vid + 1] = len(ids)
        group_start = np.cumsum(sizes)
        group_ids = np.zeros(int(group_start[-1]), dtype=np.int64)
        for vid, ids in groups.items():
            group_ids[group_start[vid]:group_start[vid + 1]] = sorted(ids)
        return cls(lexicon, vocab, groups, related, group_start, group_ids)


def _anchor_index(tokens: Tokens, ctx: _Context) -> tuple:
    """Per-stream arrays for :func:`boxes_for_partners`, built once per stream and run.

    ``(keys, positions)``: content-word key ids sorted (with their token
    positions, in text order within a key), and the *probe* arrays
    ``(targets, probe_pos, probe_count, probe_order, key_order)``: for each content word its
    own key and every key related to it through the lexicon, with the word's position, how
    often its own key occurs in the stream, and the probes' order by position and by key.
    """
    cached = tokens._anchor_cache
    if cached is not None and cached[0] is ctx:
        return cached[1]
    pos = np.flatnonzero(~tokens.stop)
    keys = tokens.key[pos]
    order = np.argsort(keys, kind="stable")
    keys, pos = keys[order], pos[order]
    uniq, first, counts = np.unique(keys, return_index=True, return_counts=True)
    targets, probe_pos, probe_count = [keys], [pos], [np.repeat(counts, counts)]
    related = ctx.related
    extra_t, extra_p, extra_c = [], [], []
    for k, f, c in zip(uniq.tolist(), first.tolist(), counts.tolist()):
        rel = related.get(k)
        if rel:
            for o in rel:
                extra_t.extend([o] * c)
                extra_p.extend(pos[f:f + c].tolist())
                extra_c.extend([c] * c)
    if extra_t:
        targets.append(np.array(extra_t, dtype=np.int64))
        probe_pos.append(np.array(extra_p, dtype=np.int64))
        probe_count.append(np.array(extra_c, dtype=np.int64))
    probe_pos, targets = np.concatenate(probe_pos), np.concatenate(targets)
    value = (keys, pos, targets, probe_pos, np.concatenate(probe_count),
             np.argsort(probe_pos, kind="stable"), np.argsort(targets, kind="stable"))
    tokens._anchor_cache = (ctx, value)
    return value


def boxes_for_partners(ta: Tokens, partners: list[Tokens], ctx: _Context,
                       settings: Settings = DEFAULTS) -> list[list[tuple[int, int, int, int]]]:
    """Token boxes ``(a0, a1, b0, b1)`` around runs of anchors between ``ta`` and each of ``partners``.

    *Anchors* are content words of A and B with the same key or keys related through
    the lexicon (a key of A and a key of B whose occurrences multiply to more than 150
    anchors are skipped: frequent words make no useful anchors). Anchors are bucketed by
    diagonal (``i - j``, buckets of ``chain_drift``, twice with an offset of half a bucket
    so a run on a bucket edge is not cut), sorted by position and cut where two anchors
    are more than ``chain_gap`` words apart. A run needs ``min_anchors`` distinct positions
    on each side and ``min_nonname_content`` of them not names or numbers (or a long run,
    for copied lists of names). Boxes of nearby runs are merged and padded.

    One compiled pass (numba, :func:`_runs_kernel`) over one article's candidate partners.
    """
    return _boxes(ta, _stack(partners, ctx), np.arange(len(partners), dtype=np.int64), ctx, settings)


def _stack(streams: list[Tokens], ctx: _Context) -> tuple:
    """Every stream's sorted content keys, their positions and its token flags, end to end.

    ``(keys, positions, key_start, name, number, tok_start, lengths)``: stream ``s`` owns
    ``keys[key_start[s]:key_start[s + 1]]`` and ``name[tok_start[s]:tok_start[s + 1]]``.
    Built once per run, so aligning one article against its partners copies nothing.
    """
    indexes = [_anchor_index(tokens, ctx)[:2] for tokens in streams]
    lengths = np.array([len(tokens) for tokens in streams], dtype=np.int64)
    empty = np.zeros(0, dtype=np.int64)
    return (np.concatenate([keys for keys, _ in indexes] or [empty]),
            np.concatenate([pos for _, pos in indexes] or [empty]),
            np.cumsum([0] + [len(keys) for keys, _ in indexes]),
            np.concatenate([tokens.name for tokens in streams] or [np.zeros(0, dtype=bool)]),
            np.concatenate([tokens.number for tokens in streams] or [np.zeros(0, dtype=bool)]),
            np.cumsum(np.r_[0, lengths]), lengths)


def _boxes(ta: Tokens, stacked: tuple, partner_ids: np.ndarray, ctx: _Context,
           settings: Settings) -> list[list[tuple[int, int, int, int]]]:
    """:func:`boxes_for_partners` for the streams ``partner_ids`` of a :func:`_stack`."""
    out: list[list[tuple[int, int, int, int]]] = [[] for _ in partner_ids]
    _, _, targets, probe_pos, probe_count, probe_order, key_order = _anchor_index(ta, ctx)
    if not len(partner_ids) or not len(targets):
        return out
    keys, positions, key_start, name, number, tok_start, lengths = stacked
    runs = _compiled("_runs_kernel")(
        targets, probe_pos, probe_count, probe_order, key_order, ta.name, ta.number, partner_ids,
        keys, positions, key_start, name, number, tok_start,
        settings.chain_drift, settings.chain_gap, settings.min_anchors, settings.min_nonname_content,
        settings.min_long_copy // 2)
    by_pair: dict[int, list] = defaultdict(list)
    for p, a_lo, a_hi, b_lo, b_hi in runs.tolist():
        by_pair[p].append((a_lo, a_hi, b_lo, b_hi))
    for p, boxes in by_pair.items():
        out[p] = _merge_boxes(boxes, len(ta), int(lengths[partner_ids[p]]), settings)
    return out


@lru_cache(maxsize=None)
def _compiled(name: str):
    """This module's kernel ``name`` compiled by numba (imported on first use: most callers never align).

    The machine code is cached in ``__pycache__``; the kernels are plain Python, so the
    pure-Python function gives the same result, only slower.
    """
    from numba import njit
    return njit(cache=True, nogil=True)(globals()[name])


def _runs_kernel(targets, probe_pos, probe_count, probe_order, key_order, a_name, a_number, partner_ids, b_keys, b_pos,
                 key_start, b_name, b_number, tok_start, drift, chain_gap, min_anchors, min_plain, long_run):
    """Anchor runs of A against each partner: rows ``(p, a_lo, a_hi, b_lo, b_hi)`` (int64 array),
    ``p`` indexing ``partner_ids``.

    ``targets, probe_pos, probe_count, probe_order, key_order`` are A's probes (:func:`_anchor_index`);
    stream ``s``'s content keys (sorted) and positions are ``b_keys/b_pos[key_start[s]:key_start[s + 1]]``
    and its token flags ``b_name/b_number[tok_start[s]:tok_start[s + 1]]`` (:func:`_stack`). Anchors are made in
    order of position in A, then counting-sorted by diagonal bucket, so each bucket lists its
    anchors by position without a comparison sort.
    """
    width = max(1, drift)
    half = width // 2
    out = np.empty((64, 5), dtype=np.int64)
    n_out = 0
    longest = 0
    for p in range(len(partner_ids)):
        longest = max(longest, tok_start[partner_ids[p] + 1] - tok_start[partner_ids[p]])
    seen = np.empty(longest + 1, dtype=np.int64)
    for j in range(longest + 1):
        seen[j] = -1
    stamp = 0
    for p in range(len(partner_ids)):
        b = partner_ids[p]
        keys = b_keys[key_start[b]:key_start[b + 1]]
        pos = b_pos[key_start[b]:key_start[b + 1]]
        base = tok_start[b]
        if len(keys) == 0:
            continue
        # each probe's range of equal keys in B: a merge of two key-sorted lists
        lo = np.empty(len(targets), dtype=np.int64)
        hi = np.empty(len(targets), dtype=np.int64)
        ptr = 0
        for u in range(len(targets)):
            t = key_order[u]
            key = targets[t]
            while ptr < len(keys) and keys[ptr] < key:
                ptr += 1
            e = ptr
            while e < len(keys) and keys[e] == key:
                e += 1
            lo[t] = ptr
            hi[t] = e
        total = 0
        for t in range(len(targets)):
            n = hi[t] - lo[t]
            if n > 0 and probe_count[t] * n <= 150:
                total += n
        if total < min_anchors:
            continue
        # both bucketings of every anchor, in order of position in A
        m = 2 * total
        bucket = np.empty(m, dtype=np.int64)
        ii = np.empty(m, dtype=np.int64)
        jj = np.empty(m, dtype=np.int64)
        plain = np.empty(m, dtype=np.bool_)
        k = 0
        for u in range(len(targets)):
            t = probe_order[u]
            n = hi[t] - lo[t]
            if n > 0 and probe_count[t] * n <= 150:
                i = probe_pos[t]
                for q in range(lo[t], hi[t]):
                    j = pos[q]
                    d = i - j
                    flat = not ((a_name[i] and b_name[base + j]) or (a_number[i] and b_number[base + j]))
                    for shift in range(2):
                        bucket[k] = ((d + shift * half) // width) * 2 + shift
                        ii[k] = i
                        jj[k] = j
                        plain[k] = flat
                        k += 1
        # stable counting sort by bucket: within a bucket, anchors stay in order of position in A
        lowest = bucket[0]
        highest = bucket[0]
        for q in range(m):
            lowest = min(lowest, bucket[q])
            highest = max(highest, bucket[q])
        counts = np.zeros(highest - lowest + 2, dtype=np.int64)
        for q in range(m):
            counts[bucket[q] - lowest + 1] += 1
        for r in range(1, len(counts)):
            counts[r] += counts[r - 1]
        order = np.empty(m, dtype=np.int64)
        for q in range(m):
            slot = bucket[q] - lowest
            order[counts[slot]] = q
            counts[slot] += 1
        s = 0
        while s < m:
            e = s + 1
            while e < m and bucket[order[e]] == bucket[order[s]] and ii[order[e]] - ii[order[e - 1]] <= chain_gap:
                e += 1
            n_i = 0
            n_plain = 0
            last_i = -1
            last_plain = -1
            for q in range(s, e):
                r = order[q]
                if ii[r] != last_i:
                    n_i += 1
                    last_i = ii[r]
                if plain[r] and ii[r] != last_plain:
                    n_plain += 1
                    last_plain = ii[r]
            if n_i >= min_anchors and (n_plain >= min_plain or n_i >= long_run):
                stamp += 1  # distinct positions in B: marked with this segment's stamp
                n_j = 0
                j_lo = jj[order[s]]
                j_hi = j_lo
                for q in range(s, e):
                    j = jj[order[q]]
                    if seen[j] != stamp:
                        seen[j] = stamp
                        n_j += 1
                    j_lo = min(j_lo, j)
                    j_hi = max(j_hi, j)
                if n_j >= min_anchors:
                    if n_out == out.shape[0]:
                        grown = np.empty((2 * n_out, 5), dtype=np.int64)
                        for r in range(n_out):
                            for c in range(5):
                                grown[r, c] = out[r, c]
                        out = grown
                    out[n_out, 0] = p
                    out[n_out, 1] = ii[order[s]]
                    out[n_out, 2] = ii[order[e - 1]]
                    out[n_out, 3] = j_lo
                    out[n_out, 4] = j_hi
                    n_out += 1
            s = e
    return out[:n_out]


def _merge_boxes(boxes: list[tuple], len_a: int, len_b: int, settings: Settings) -> list[tuple[int, int, int, int]]:
    """Merge runs whose boxes come within ``merge_gap`` on a similar diagonal; pad the result."""
    width = max(1, settings.chain_drift)
    merged: list[list[int]] = []
    gap = settings.merge_gap
    for a_lo, a_hi, b_lo, b_hi in sorted(boxes):
        for box in merged:
            if a_lo <= box[1] + gap and box[0] <= a_hi + gap and b_lo <= box[3] + gap and box[2] <= b_hi + gap \
                    and abs((a_lo - b_lo) - (box[0] - box[2])) <= 3 * width:
                box[0], box[1] = min(box[0], a_lo), max(box[1], a_hi)
                box[2], box[3] = min(box[2], b_lo), max(box[3], b_hi)
                break
        else:
            merged.append([a_lo, a_hi, b_lo, b_hi])
    pad = settings.pad
    return [(max(0, a0 - pad), min(len_a, a1 + pad + 1), max(0, b0 - pad), min(len_b, b1 + pad + 1))
            for a0, a1, b0, b1 in merged]


def _score_matrix(ta: Tokens, tb: Tokens, a0: int, a1: int, b0: int, b1: int, ctx: _Context) -> np.ndarray:
    """Word-pair scores of ``ta[a0:a1]`` against ``tb[b0:b1]`` (int32; see ``S_*``), compiled."""
    return _compiled("_score_kernel")(ta.key[a0:a1], tb.key[b0:b1], ta.stop[a0:a1], tb.stop[b0:b1],
                                      ta.surface_id[a0:a1], tb.surface_id[b0:b1], ta.fuzzy[a0:a1], tb.fuzzy[b0:b1],
                                      ctx.group_start, ctx.group_ids)


def _score_kernel(key_a, key_b, stop_a, stop_b, surface_a, surface_b, fuzzy_a, fuzzy_b, group_start, group_ids):
    """Two content words score ``S_EXACT_CONTENT`` (same key and surface), ``S_KEY_CONTENT`` (same
    key), ``S_SYNONYM`` (on a common lexicon line: ``group_ids[group_start[k]:group_start[k + 1]]``,
    sorted), ``S_FUZZY`` (same fuzzy key) or ``S_MISMATCH_CONTENT``; other pairs ``S_EXACT_STOP``
    (same key) or ``S_MISMATCH``."""
    n, m = len(key_a), len(key_b)
    n_keys = len(group_start) - 1
    score = np.empty((n, m), dtype=np.int32)
    for i in range(n):
        x = key_a[i]
        for j in range(m):
            y = key_b[j]
            if stop_a[i] or stop_b[j]:
                score[i, j] = S_EXACT_STOP if x == y else S_MISMATCH
            elif x == y:
                score[i, j] = S_EXACT_CONTENT if surface_a[i] == surface_b[j] else S_KEY_CONTENT
            else:
                related = False
                if x < n_keys and y < n_keys:
                    p, q = group_start[x], group_start[y]
                    while p < group_start[x + 1] and q < group_start[y + 1]:
                        if group_ids[p] == group_ids[q]:
                            related = True
                            break
                        if group_ids[p] < group_ids[q]:
                            p += 1
                        else:
                            q += 1
                if related:
                    score[i, j] = S_SYNONYM
                elif fuzzy_a[i] == fuzzy_b[j]:
                    score[i, j] = S_FUZZY
                else:
                    score[i, j] = S_MISMATCH_CONTENT
    return score


def local_alignments(score: np.ndarray, *, min_score: int, max_alignments: int,
                     gap: int = GAP) -> list[tuple[int, list[tuple[int, int]], list[int]]]:
    """Up to ``max_alignments`` local alignments of a score matrix, best first, none reusing a row or column.

    Smith-Waterman with linear gaps, compiled: the best alignment's ``(score, path, path_scores)``
    (``path`` the aligned ``(i, j)`` cells, ``path_scores`` their scores), then the rows and columns
    it spans are blocked and the next best is sought, until one scores under ``min_score`` (or the
    sum of row maxima, an upper bound of any alignment left, does).
    """
    scores = np.array(score, dtype=np.int32)  # a copy: blocked rows and columns are written into it
    best, length, cells_i, cells_j, cells_s = _compiled("_paths_kernel")(scores, gap, min_score, max_alignments)
    out, start = [], 0
    for b, n in zip(best.tolist(), length.tolist()):
        out.append((b, list(zip(cells_i[start:start + n].tolist(), cells_j[start:start + n].tolist())),
                    cells_s[start:start + n].tolist()))
        start += n
    return out


def _paths_kernel(score, gap, min_score, max_alignments):
    """:func:`local_alignments` on ``score`` (int32, changed in place): ``(best, length, i, j, s)`` arrays."""
    n, m = score.shape
    h = np.zeros((n + 1, m + 1), dtype=np.int32)  # row and column 0 stay zero; every other cell is rewritten
    best_out = np.zeros(max_alignments, dtype=np.int64)
    length_out = np.zeros(max_alignments, dtype=np.int64)
    cells_i = np.empty(max_alignments * (n + m), dtype=np.int64)
    cells_j = np.empty(max_alignments * (n + m), dtype=np.int64)
    cells_s = np.empty(max_alignments * (n + m), dtype=np.int64)
    count, total = 0, 0
    for _ in range(max_alignments):
        # upper bound of any alignment left: the sum of row maxima (and of column maxima)
        rows, cols = 0, 0
        col_top = np.zeros(m, dtype=np.int64)
        for i in range(n):
            top = 0
            for j in range(m):
                v = score[i, j]
                if v > top:
                    top = v
                if v > col_top[j]:
                    col_top[j] = v
            rows += top
        for j in range(m):
            cols += col_top[j]
        if rows < min_score or cols < min_score:
            break
        best, bi, bj = 0, 0, 0
        for i in range(1, n + 1):
            for j in range(1, m + 1):
                v = h[i - 1, j - 1] + score[i - 1, j - 1]
                up = h[i - 1, j] - gap
                if up > v:
                    v = up
                left = h[i, j - 1] - gap
                if left > v:
                    v = left
                if v < 0:
                    v = 0
                h[i, j] = v
                if v > best:
                    best, bi, bj = v, i, j
        if best < min_score:
            break
        i, j, k = bi, bj, total
        while i > 0 and j > 0 and h[i, j] > 0:
            if h[i, j] == h[i - 1, j - 1] + score[i - 1, j - 1]:
                cells_i[k], cells_j[k], cells_s[k] = i - 1, j - 1, score[i - 1, j - 1]
                k += 1
                i, j = i - 1, j - 1
            elif h[i, j] == h[i - 1, j] - gap:
                i -= 1
            else:
                j -= 1
        for a in range((k - total) // 2):  # the cells were found end first
            x, y = total + a, k - 1 - a
            cells_i[x], cells_i[y] = cells_i[y], cells_i[x]
            cells_j[x], cells_j[y] = cells_j[y], cells_j[x]
            cells_s[x], cells_s[y] = cells_s[y], cells_s[x]
        # the next alignment must not reuse these words
        for i in range(cells_i[total], cells_i[k - 1] + 1):
            for j in range(m):
                score[i, j] = -10 * gap
        for j in range(cells_j[total], cells_j[k - 1] + 1):
            for i in range(n):
                score[i, j] = -10 * gap
        best_out[count], length_out[count] = best, k - total
        count += 1
        total = k
    return best_out[:count], length_out[:count], cells_i[:total], cells_j[:total], cells_s[:total]


def _how(ta: Tokens, tb: Tokens, i: int, j: int, score: int) -> str:
    """How two aligned words match: exact, key (same lemma), synonym, fuzzy or sub (no match)."""
    if score < 0:
        return "sub"
    if ta.key[i] == tb.key[j]:
        return "exact" if ta.surface[i] == tb.surface[j] else "key"
    return "fuzzy" if score == S_FUZZY else "synonym"


def align_pair(ta: Tokens, tb: Tokens, ctx: _Context, settings: Settings = DEFAULTS) -> list[Alignment]:
    """Local alignments between two token streams, best first, not overlapping."""
    return align_boxes(ta, tb, boxes_for_partners(ta, [tb], ctx, settings)[0], ctx, settings)


def align_boxes(ta: Tokens, tb: Tokens, boxes: list[tuple[int, int, int, int]], ctx: _Context,
                settings: Settings = DEFAULTS) -> list[Alignment]:
    """Local alignments inside the token boxes of :func:`boxes_for_partners`, best first, not overlapping."""
    results: list[Alignment] = []
    for a0, a1, b0, b1 in boxes:
        score = _score_matrix(ta, tb, a0, a1, b0, b1, ctx)
        for best, path, path_scores in local_alignments(score, min_score=settings.min_score,
                                                        max_alignments=settings.max_alignments_per_chain):
            pairs = _trim([(a0 + i, b0 + j, _how(ta, tb, a0 + i, b0 + j, s)) for (i, j), s in zip(path, path_scores)],
                          ta, tb)
            matched = [p for p in pairs if p[2] != "sub"]
            if matched:
                results.append(Alignment(matched[0][0], matched[-1][0] + 1, matched[0][1], matched[-1][1] + 1,
                                         best, pairs))
    results.sort(key=lambda r: (-r.score, r.a0, r.b0))
    kept: list[Alignment] = []
    for al in results:
        # a stretch of text is reused from one place: drop weaker alignments over the same words on either side
        if any(_mostly_inside(al.a0, al.a1, k.a0, k.a1) or _mostly_inside(al.b0, al.b1, k.b0, k.b1) for k in kept):
            continue
        kept.append(al)
    return kept


def _mostly_inside(s: int, e: int, ks: int, ke: int) -> bool:
    return min(e, ke) - max(s, ks) >= 0.5 * (e - s)


def _trim(pairs: list[tuple[int, int, str]], ta: Tokens, tb: Tokens) -> list[tuple[int, int, str]]:
    """Drop function-word matches hanging off either end across a paragraph break or a mismatch."""
    def loose(k: int, neighbour: int) -> bool:
        i, j, how = pairs[k]
        if how == "sub":
            return True
        if not ta.stop[i]:
            return False
        ni, nj, nhow = pairs[neighbour]
        return nhow == "sub" or abs(i - ni) > 1 or abs(j - nj) > 1 or ta.break_between(min(i, ni), max(i, ni)) \
            or tb.break_between(min(j, nj), max(j, nj))
    while len(pairs) > 1 and loose(len(pairs) - 1, len(pairs) - 2):
        pairs = pairs[:-1]
    while len(pairs) > 1 and loose(0, 1):
        pairs = pairs[1:]
    return pairs


# ---------------------------------------------------------------------------
# Passages
# ---------------------------------------------------------------------------

def _describe(al: Alignment, ta: Tokens, tb: Tokens, settings: Settings) -> dict:
    """Acceptance tests and the passage's kind; ``{"rejected": reason}`` when the overlap is not reuse.

    Reasons: ``entity_title`` (the shared words are names, numbers and function
    words), ``short`` (too few content words or words), ``loose`` (too few of the
    aligned words match), ``quotation`` (a short shared quotation, reported by
    :func:`shared_quotes` instead).
    """
    pairs = al.pairs
    content = [(i, j, how) for i, j, how in pairs if not ta.stop[i] and not tb.stop[j]]
    matched_content = [(i, j, how) for i, j, how in content if how != "sub"]
    nonname = [(i, j, how) for i, j, how in matched_content
               if not (ta.name[i] and tb.name[j]) and not (ta.number[i] and tb.number[j])]
    matched = [p for p in pairs if p[2] != "sub"]
    len_a, len_b = al.a1 - al.a0, al.b1 - al.b0
    long_copy = len(matched) >= settings.min_long_copy
    if len(matched_content) >= settings.min_content and len(nonname) < settings.min_nonname_content and not long_copy:
        return {"rejected": "entity_title"}
    if len(matched_content) < settings.min_content or min(len_a, len_b) < settings.min_tokens:
        return {"rejected": "entity_title" if len(nonname) <= 1 else "short"}
    if len(matched) / max(len_a, len_b) < settings.min_identity:
        return {"rejected": "loose"}
    substituted = [(i, j) for i, j, how in content
                   if how in ("sub", "synonym") and ta.surface[i] != tb.surface[j]]
    # quotation overlap: most of the matched meaning lies inside quotation marks on both sides
    quoted = sum(1 for i, j, _ in nonname if ta.quote[i] and tb.quote[j])
    in_quote = quoted >= settings.quote_share * len(nonname)
    spun = (len(substituted) >= settings.spun_min_substitutions
            and len(substituted) / max(1, len(content)) >= settings.spun_min_rate
            and any(how == "synonym" for _, _, how in content))
    if in_quote and len(nonname) < settings.min_quote_content and not spun and not long_copy:
        return {"rejected": "quotation"}
    exact = all(how == "exact" and ta.surface[i] == tb.surface[j] for i, j, how in pairs)
    if exact and len(pairs) == len_a == len_b:
        kind = "verbatim"
    elif spun:
        kind = "spun"
    else:
        kind = "near"
    return {"kind": kind, "matched": len(matched), "content_matched": len(matched_content),
            "substituted": len(substituted), "in_quote": in_quote, "tokens_a": len_a, "tokens_b": len_b,
            "substitution_pairs": substituted}


def _prepare(corpus: Corpus | Iterable[Article], lexicon: Lexicon | None = None):
    lexicon = lexicon or load_lexicon()
    vocab = _Vocab()
    articles = list(corpus)
    cache: dict = {}
    streams = [tokenize(a, lexicon, vocab, cache) for a in articles]
    return articles, streams, _Context.build(lexicon, vocab)


def _pair_boxes(streams: list[Tokens], ctx: _Context, pairs: Iterable[tuple[int, int]],
                settings: Settings) -> Iterator[tuple[int, int, list]]:
    """``(x, y, boxes)`` for each pair in order; consecutive pairs sharing ``x`` are boxed together."""
    stacked = _stack(streams, ctx)
    pairs = list(pairs)
    start = 0
    while start < len(pairs):
        x = pairs[start][0]
        end = start
        while end < len(pairs) and pairs[end][0] == x:
            end += 1
        group = np.array([y for _, y in pairs[start:end]], dtype=np.int64)
        for y, boxes in zip(group.tolist(), _boxes(streams[x], stacked, group, ctx, settings)):
            yield x, y, boxes
        start = end


def _passages_from(articles: list[Article], streams: list[Tokens], ctx: _Context,
                   pairs: Iterable[tuple[int, int]], settings: Settings,
                   rejected: Counter | None = None) -> list[dict]:
    rows = []
    for x, y, boxes in _pair_boxes(streams, ctx, pairs, settings):
        ta, tb = streams[x], streams[y]
        art_a, art_b = articles[x], articles[y]
        for al in align_boxes(ta, tb, boxes, ctx, settings):
            info = _describe(al, ta, tb, settings)
            if "rejected" in info:
                if rejected is not None:
                    rejected[(art_a.doc_id, art_b.doc_id, info["rejected"])] += 1
                continue
            sa, ea = _widen(art_a.text, int(ta.start[al.a0]), int(ta.end[al.a1 - 1]))
            sb, eb = _widen(art_b.text, int(tb.start[al.b0]), int(tb.end[al.b1 - 1]))
            ra, rb = art_a.raw_span(sa, ea), art_b.raw_span(sb, eb)
            sub_pairs = info.pop("substitution_pairs")
            subs = _substitution_text(sub_pairs, art_a, art_b, ta, tb)
            info["marks_a"] = ";".join("%d-%d" % art_a.raw_span(int(ta.start[i]), int(ta.end[i])) for i, _ in sub_pairs)
            info["marks_b"] = ";".join("%d-%d" % art_b.raw_span(int(tb.start[j]), int(tb.end[j])) for _, j in sub_pairs)
            info["_subs"] = [(ta.keys[i], tb.keys[j], art_a.text[ta.start[i]:ta.end[i]],
                              art_b.text[tb.start[j]:tb.end[j]]) for i, j in sub_pairs]
            rows.append({"doc_a": art_a.doc_id, "a_start": ra[0], "a_end": ra[1],
                         "doc_b": art_b.doc_id, "b_start": rb[0], "b_end": rb[1],
                         "text_a": art_a.raw[ra[0]:ra[1]], "text_b": art_b.raw[rb[0]:rb[1]],
                         "kind": info.pop("kind"), "score": al.score, "substitutions": subs,
                         "_text_a": (sa, ea), "_text_b": (sb, eb), **info})
    return rows


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in the symbols glued to a passage's first and last word (quotes, brackets, $, %, full stop)."""
    for _ in range(3):
        if start > 0 and not text[start - 1].isspace() and not text[start - 1].isalnum():
            start -= 1
    for _ in range(3):
        if end < len(text) and not text[end].isspace() and not text[end].isalnum():
            end += 1
    return start, end


def _substitution_text(pairs: list[tuple[int, int]], art_a: Article, art_b: Article,
                       ta: Tokens, tb: Tokens) -> str:
    out = []
    for i, j in pairs:
        wa = art_a.text[ta.start[i]:ta.end[i]]
        wb = art_b.text[tb.start[j]:tb.end[j]]
        out.append(f"{wa}→{wb}")
    return "; ".join(out)


def passages(corpus: Corpus | Iterable[Article], *, settings: Settings = DEFAULTS,
             lexicon: Lexicon | None = None, exhaustive: bool | None = None,
             details: bool = False) -> pd.DataFrame:
    """Reused passages between pairs of articles.

    Returns one row per passage, sorted by ``doc_a, doc_b, a_start, b_start``:

    * ``doc_a``, ``doc_b`` – the two articles (``doc_a < doc_b``);
    * ``a_start, a_end`` / ``b_start, b_end`` – offsets into each original file
      (``article.raw``), end exclusive;
    * ``text_a``, ``text_b`` – the raw text of each side;
    * ``kind`` – ``verbatim`` (same words), ``near`` (light edits: a few words
      added, dropped or changed), ``spun`` (content words swapped for synonyms
      while function words, names and numbers stay);
    * ``score`` – Smith-Waterman score of the alignment (higher = longer/closer);
    * ``substitutions`` – the swapped words, ``a-word→b-word`` joined by ``; ``.

    With ``details=True`` also ``tokens_a, tokens_b`` (aligned words per side),
    ``matched`` (aligned word pairs that match), ``content_matched`` (of them
    content words), ``substituted`` (content words swapped) and ``in_quote``
    (the overlap is mostly a quotation on both sides), ``marks_a, marks_b``
    (raw offsets ``start-end`` of the substituted words, ``;``-separated).
    """
    result = _analyse(corpus, settings, lexicon, exhaustive)
    return _passage_frame(result.rows, details)


@dataclass
class _Result:
    articles: list[Article]
    fingerprint: str  # corpus_fingerprint(articles), the memo key of everything derived from this result
    rows: list[dict]
    rejected: Counter
    candidates: int


def _analyse(corpus, settings: Settings = DEFAULTS, lexicon: Lexicon | None = None,
             exhaustive: bool | None = None) -> _Result:
    """Passages of a corpus, memoised (:func:`analysis.cache.memo`) per corpus content, settings,
    data files and code; a call with its own ``lexicon`` object is memoised in this process only."""
    articles = list(corpus)
    fingerprint = corpus_fingerprint(articles)
    key = (fingerprint, settings, exhaustive, id(lexicon) if lexicon is not None else None)
    rows, rejected, candidates = cache.memo("overlap.passages", key,
                                            lambda: _find(articles, settings, lexicon, exhaustive),
                                            disk=lexicon is None)
    return _Result(articles, fingerprint, rows, rejected, candidates)


def _find(articles: list[Article], settings: Settings, lexicon: Lexicon | None,
          exhaustive: bool | None) -> tuple[list[dict], Counter, int]:
    """``(passage rows, rejected alignments by reason, number of candidate pairs)``."""
    articles, streams, ctx = _prepare(articles, lexicon)
    pairs = candidate_pairs(streams, ctx.lexicon, settings, exhaustive)
    rejected: Counter = Counter()
    rows = _passages_from(articles, streams, ctx, pairs, settings, rejected)
    return rows, rejected, len(pairs)


def _passage_frame(rows: list[dict], details: bool) -> pd.DataFrame:
    columns = PASSAGE_COLUMNS + (PASSAGE_EXTRA_COLUMNS if details else [])
    frame = pd.DataFrame(rows, columns=columns)
    for col in ("a_start", "a_end", "b_start", "b_end", "score"):
        frame[col] = frame[col].astype("int64")
    return frame.sort_values(["doc_a", "doc_b", "a_start", "b_start"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------
# Spin evidence and per-article summary
# ---------------------------------------------------------------------------

_CAP_RUN = re.compile(r"\b[A-Z][\w’'-]*(?:[ ](?:of |the |and |for )?[A-Z][\w’'-]*){1,5}")


def _spinner_originals(lexicon: Lexicon) -> dict[str, list[str]]:
    """Spinner word (lower case) -> original words it stands for, from the lexicon's direction."""
    out: dict[str, list[str]] = defaultdict(list)
    for original, swaps in lexicon.variants.items():
        for w in swaps:
            if len(w.split()) == 1 and w != original:
                out[w].append(original)
    return {k: sorted(set(v)) for k, v in out.items()}


def broken_names(corpus: Corpus | Iterable[Article], lexicon: Lexicon | None = None) -> pd.DataFrame:
    """Multi-word names with a word swapped by a spinner ("Overseas Workplace" for "Foreign Office").

    A capitalised run of words in an article (title included) is a broken name
    when putting back the original of one or more of its words (per the
    lexicon's direction) gives a name that another article of the corpus
    writes, while that other article never writes the broken form. Returns
    ``doc_id, start, end, broken, original, found_in`` (raw offsets; ``found_in``
    = articles writing the original), sorted by ``doc_id, start``.
    """
    lexicon = lexicon or load_lexicon()
    originals = _spinner_originals(lexicon)
    articles = list(corpus)
    texts = {a.doc_id: (a.title or "") + "\n" + a.text for a in articles}
    rows = []
    for article in articles:
        fields = [(article.text, None)]
        if article.title and article.title_start is not None:
            fields.append((article.title, article.title_start))
        seen: set[tuple[int, str]] = set()
        for field_text, raw_base in fields:
            for match in _CAP_RUN.finditer(field_text):
                words = match.group(0).split(" ")
                options = []
                for w in words:
                    alts = [w] + [o.capitalize() if w[:1].isupper() else o for o in originals.get(w.lower(), [])]
                    options.append(alts[:4])
                if all(len(o) == 1 for o in options):
                    continue
                for combo in _combinations(options, limit=64):
                    if list(combo) == words:
                        continue
                    candidate = " ".join(combo)
                    found = sorted(d for d, t in texts.items()
                                   if d != article.doc_id and _has_phrase(t, candidate)
                                   and not _has_phrase(t, match.group(0)))
                    if found:
                        if raw_base is None:
                            start, end = article.raw_span(match.start(), match.end())
                        else:
                            start, end = raw_base + match.start(), raw_base + match.end()
                        if (start, candidate) in seen:
                            break
                        seen.add((start, candidate))
                        rows.append({"doc_id": article.doc_id, "start": start, "end": end,
                                     "broken": match.group(0), "original": candidate,
                                     "found_in": ", ".join(found)})
                        break
    frame = pd.DataFrame(rows, columns=["doc_id", "start", "end", "broken", "original", "found_in"])
    return frame.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)


def _combinations(options: list[list[str]], limit: int) -> list[tuple[str, ...]]:
    combos: list[tuple[str, ...]] = [()]
    for opts in options:
        combos = [c + (o,) for c in combos for o in opts][:limit]
    return combos


def _has_phrase(text: str, phrase: str) -> bool:
    return re.search(r"(?<![\w])" + re.escape(phrase) + r"(?![\w])", text) is not None


def _spin_direction(rows: list[dict], lexicon: Lexicon) -> dict[str, list[str]]:
    """doc_id -> substitutions in which that article holds the spinner's word (per the lexicon)."""
    evidence: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        for key_a, key_b, word_a, word_b in row.get("_subs", ()):
            if key_a in lexicon.spun_of.get(key_b, ()):      # b holds the spinner word
                evidence[row["doc_b"]].append(f"{word_b} (for {word_a}, {row['doc_a']})")
            elif key_b in lexicon.spun_of.get(key_a, ()):
                evidence[row["doc_a"]].append(f"{word_a} (for {word_b}, {row['doc_b']})")
    return evidence


def _covered(spans: list[tuple[int, int]]) -> int:
    total, last = 0, -1
    for s, e in sorted(spans):
        if e <= last:
            continue
        total += e - max(s, last)
        last = e
    return total


SUMMARY_COLUMNS = ["doc_id", "title", "date", "source", "chars", "reused_chars", "churn_pct", "passages",
                   "partners", "likely_sources", "copied_by", "spun", "spun_evidence", "broken_names"]
PAIR_COLUMNS = ["doc_a", "doc_b", "passages", "kinds", "reused_chars_a", "reused_chars_b", "containment_a",
                "containment_b", "source", "copier", "basis", "rejected"]


def reuse_pairs(corpus: Corpus, *, settings: Settings = DEFAULTS) -> pd.DataFrame:
    """Every pair of articles, with its reuse and, where decidable, who copied whom.

    Columns: ``doc_a, doc_b``; ``passages`` (count) and ``kinds`` (e.g.
    ``spun×2, near×1``); ``reused_chars_a/b`` (characters of each article's
    cleaned text inside those passages) and ``containment_a/b`` (the same as a
    share of the article, 0-1); ``source`` and ``copier`` (empty when
    undecided) with the ``basis`` of the decision, in order of strength:
    ``spun`` (the spun article copied), ``date`` (the earlier one is the
    source), ``containment`` (the article more fully contained in the other is
    the source: a short wire story inside a longer article); ``rejected`` lists
    the overlaps that were seen but not reported and why (``entity_title``,
    ``quotation``, ``short``, ``loose``) so a pair without passages says why.
    Sorted by ``doc_a, doc_b``.
    """
    result = _analyse(corpus, settings)
    verdicts = _spin_verdicts(result, settings)
    by_pair: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in result.rows:
        by_pair[(row["doc_a"], row["doc_b"])].append(row)
    arts = {a.doc_id: a for a in result.articles}
    ids = sorted(arts)
    rows = []
    for x in range(len(ids)):
        for y in range(x + 1, len(ids)):
            a, b = ids[x], ids[y]
            prs = by_pair.get((a, b), [])
            cov_a = _covered([r["_text_a"] for r in prs])
            cov_b = _covered([r["_text_b"] for r in prs])
            con_a = cov_a / max(1, len(arts[a].text))
            con_b = cov_b / max(1, len(arts[b].text))
            source = copier = basis = ""
            if prs:
                source, copier, basis = _direction(arts[a], arts[b], con_a, con_b, verdicts)
            kinds = Counter(r["kind"] for r in prs)
            rej = sorted((reason, n) for (da, db, reason), n in result.rejected.items() if (da, db) == (a, b))
            rows.append({"doc_a": a, "doc_b": b, "passages": len(prs),
                         "kinds": ", ".join(f"{k}×{kinds[k]}" for k in ("verbatim", "near", "spun") if kinds[k]),
                         "reused_chars_a": cov_a, "reused_chars_b": cov_b,
                         "containment_a": round(con_a, 4), "containment_b": round(con_b, 4),
                         "source": source, "copier": copier, "basis": basis,
                         "rejected": ", ".join(f"{reason}×{n}" for reason, n in rej)})
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


def _direction(art_a: Article, art_b: Article, con_a: float, con_b: float,
               verdicts: dict[str, dict]) -> tuple[str, str, str]:
    spun_a, spun_b = verdicts[art_a.doc_id]["spun"], verdicts[art_b.doc_id]["spun"]
    if spun_a != spun_b:
        return (art_b.doc_id, art_a.doc_id, "spun") if spun_a else (art_a.doc_id, art_b.doc_id, "spun")
    if art_a.date and art_b.date and art_a.date != art_b.date:
        return ((art_a.doc_id, art_b.doc_id, "date") if art_a.date < art_b.date
                else (art_b.doc_id, art_a.doc_id, "date"))
    if max(con_a, con_b) >= 1.5 * min(con_a, con_b) and abs(con_a - con_b) >= 0.05:
        return ((art_a.doc_id, art_b.doc_id, "containment") if con_a > con_b
                else (art_b.doc_id, art_a.doc_id, "containment"))
    return "", "", ""


def _spin_verdicts(result: _Result, settings: Settings) -> dict[str, dict]:
    """``{doc_id: {spun, subs, names, n_names}}``, memoised like the passages they come from."""
    return cache.memo("overlap.spin_verdicts", (result.fingerprint, settings),
                      lambda: _find_spin_verdicts(result))


def _find_spin_verdicts(result: _Result) -> dict[str, dict]:
    lexicon = load_lexicon()
    direction = _spin_direction(result.rows, lexicon)
    names = broken_names(result.articles, lexicon)
    out = {}
    for article in result.articles:
        subs = direction.get(article.doc_id, [])
        broken = names[names["doc_id"] == article.doc_id]
        found = Counter(zip(broken["broken"], broken["original"], broken["found_in"]))
        n_subs, n_names = len(subs), len(found)
        spun = n_subs >= 2 or n_names >= 2 or (n_names >= 1 and n_subs >= 1)
        name_text = "; ".join(f"{b} (for {o}, {f})" + (f" ×{n}" if n > 1 else "")
                              for (b, o, f), n in sorted(found.items()))
        sub_counts = Counter(subs)
        subs = [s + (f" ×{n}" if n > 1 else "") for s, n in sorted(sub_counts.items(), key=lambda x: subs.index(x[0]))]
        out[article.doc_id] = {"spun": spun, "subs": subs, "names": name_text, "n_names": n_names}
    return out


def reuse_summary(corpus: Corpus, *, settings: Settings = DEFAULTS) -> pd.DataFrame:
    """One row per article: how much of it is reused, from where, and whether it was spun.

    Columns: ``doc_id, title, date, source`` (credited wire, e.g. "AP");
    ``chars`` (cleaned text length); ``reused_chars`` and ``churn_pct`` (share of
    the article's text inside passages it shares with any other article, %);
    ``passages`` (count, either side); ``partners`` (articles it shares
    passages with); ``likely_sources`` / ``copied_by`` (partners judged source or
    copier, with the basis in brackets, see :func:`reuse_pairs`; the credited
    wire is added as ``credits <source>``); ``spun`` (True when the article
    holds at least two spinner substitutions against its counterparts, two
    distinct broken names, or one of each); ``spun_evidence`` (the spinner words with the words they
    stand for) and ``broken_names`` (e.g. "Overseas Workplace (for Foreign Office, …)").
    Sorted by ``doc_id``.
    """
    result = _analyse(corpus, settings)
    verdicts = _spin_verdicts(result, settings)
    pairs = reuse_pairs(corpus, settings=settings)
    pairs = pairs[pairs["passages"] > 0]
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    counts: Counter = Counter()
    for row in result.rows:
        spans[row["doc_a"]].append(row["_text_a"])
        spans[row["doc_b"]].append(row["_text_b"])
        counts[row["doc_a"]] += 1
        counts[row["doc_b"]] += 1
    rows = []
    for article in sorted(result.articles, key=lambda a: a.doc_id):
        d = article.doc_id
        covered = _covered(spans.get(d, []))
        mine = pairs[(pairs["doc_a"] == d) | (pairs["doc_b"] == d)]
        partners = sorted(set(mine["doc_a"]) | set(mine["doc_b"]) - {d})
        sources = [f"{r.source} ({r.basis})" for r in mine.itertuples() if r.copier == d]
        copied = [f"{r.copier} ({r.basis})" for r in mine.itertuples() if r.source == d]
        if article.source:
            sources.append(f"credits {article.source}")
        v = verdicts[d]
        rows.append({"doc_id": d, "title": article.title, "date": article.date, "source": article.source,
                     "chars": len(article.text), "reused_chars": covered,
                     "churn_pct": round(100 * covered / max(1, len(article.text)), 1),
                     "passages": counts[d], "partners": ", ".join(partners),
                     "likely_sources": "; ".join(sources), "copied_by": "; ".join(copied),
                     "spun": bool(v["spun"]), "spun_evidence": "; ".join(v["subs"]),
                     "broken_names": v["names"]})
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


# ---------------------------------------------------------------------------
# Shared quotes
# ---------------------------------------------------------------------------

QUOTE_COLUMNS = ["group", "doc_id", "start", "end", "quote", "speaker", "articles", "speakers", "match",
                 "shared_text"]


@dataclass
class _Snippet:
    doc_id: str
    text: str


def _quotes_table(corpus: Corpus) -> pd.DataFrame:
    """Direct and partial quotes with their speakers, from :func:`analysis.claims.claims`."""
    from .claims import claims as claims_table
    frame = claims_table(corpus)
    frame = frame[frame["kind"].isin(["direct", "partial"])]
    return frame[["doc_id", "start", "end", "quote", "speaker"]].reset_index(drop=True)


def _quote_match(al: Alignment, ta: Tokens, tb: Tokens, min_content: int, min_words: int = 7) -> str:
    """'verbatim', 'near' or 'spun' when an alignment shows the same quotation, else ''."""
    content = [(i, j, how) for i, j, how in al.pairs if not ta.stop[i] and not tb.stop[j]]
    matched = [(i, j) for i, j, how in content if how != "sub"]
    nonname = [(i, j) for i, j in matched if not (ta.name[i] and tb.name[j])]
    shorter = min(int((~ta.stop).sum()), int((~tb.stop).sum()))
    aligned = max(al.a1 - al.a0, al.b1 - al.b0)
    identity = sum(1 for p in al.pairs if p[2] != "sub") / max(1, aligned)
    n_matched = sum(1 for p in al.pairs if p[2] != "sub")
    if identity < 0.6 or n_matched < min_words or not (len(nonname) >= min_content or
                              (len(nonname) >= 2 and len(matched) >= 0.6 * shorter)):
        return ""
    subs = sum(1 for _, _, how in content if how in ("sub", "synonym"))
    if all(how == "exact" for _, _, how in al.pairs):
        return "verbatim"
    return "spun" if subs >= 2 else "near"


def shared_quotes(corpus: Corpus, *, min_content: int = 3) -> pd.DataFrame:
    """Quotations carried by two or more articles, grouped across wording changes.

    Quotes come from :func:`analysis.claims.claims` (direct and partial quotes
    with their resolved speaker) when that module is present, else from
    quotation marks. Two quotes of different articles belong together when a
    local alignment of their words (lemmas, synonym lexicon, fuzzy spellings)
    matches at least seven words in a row-like stretch (60% of the aligned words
    matching) of which at least ``min_content`` content words that are not
    names, or 60% of the shorter quote's content words; so stock phrases
    ("civilians and critical infrastructure") do not join two quotations.
    Groups are the connected components.

    Columns: ``group`` (1, 2, … by first article and offset), ``doc_id, start,
    end`` (raw offsets of the quote), ``quote``, ``speaker`` (as that article
    gives it), ``articles`` (articles in the group), ``speakers`` (distinct
    speakers named across the group, ``; ``-joined), ``match`` (this quote
    against the group's first: ``verbatim``, ``near`` or ``spun``, ``first``
    for the first); ``shared_text`` (the stretch of this quote that lines up
    with another quote of the group). Sorted by ``group, doc_id, start``.
    """
    return cache.memo("overlap.shared_quotes", (corpus_fingerprint(corpus), min_content),
                      lambda: _shared_quotes(corpus, min_content))


def _shared_quotes(corpus: Corpus, min_content: int) -> pd.DataFrame:
    table = _quotes_table(corpus)
    if table.empty:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    table = table.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)
    lexicon = load_lexicon()
    vocab = _Vocab()
    snippets = [_Snippet(d, t) for d, t in zip(table["doc_id"], table["quote"].fillna(""))]
    streams = [tokenize(s, lexicon, vocab) for s in snippets]
    ctx = _Context.build(lexicon, vocab)
    index: dict[int, list[int]] = defaultdict(list)
    for q, tokens in enumerate(streams):
        for k in set(tokens.content_positions):
            index[k].append(q)
    shared: Counter = Counter()
    for k, qs in index.items():
        if len(qs) > 200:
            continue
        for x in range(len(qs)):
            for y in range(x + 1, len(qs)):
                if snippets[qs[x]].doc_id != snippets[qs[y]].doc_id:
                    shared[(qs[x], qs[y])] += 1
    quote_settings = replace(DEFAULTS, min_anchors=2, min_score=12, pad=8)
    parent = list(range(len(streams)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    edges: dict[tuple[int, int], str] = {}
    stretch: dict[int, tuple[int, int]] = {}
    for (x, y), n in sorted(shared.items()):
        if n < 2:
            continue
        ta, tb = streams[x], streams[y]
        content_a = int((~ta.stop).sum())
        content_b = int((~tb.stop).sum())
        for al in align_pair(ta, tb, ctx, quote_settings):
            how = _quote_match(al, ta, tb, min_content)
            if how:
                edges[(x, y)] = how
                stretch.setdefault(x, (int(ta.start[al.a0]), int(ta.end[al.a1 - 1])))
                stretch.setdefault(y, (int(tb.start[al.b0]), int(tb.end[al.b1 - 1])))
                parent[find(x)] = find(y)
                break
    groups: dict[int, list[int]] = defaultdict(list)
    for q in range(len(streams)):
        groups[find(q)].append(q)
    rows = []
    ordered = sorted((sorted(m) for m in groups.values() if len({snippets[q].doc_id for q in m}) >= 2),
                     key=lambda m: (table.at[m[0], "doc_id"], int(table.at[m[0], "start"])))
    for number, members in enumerate(ordered, start=1):
        first = members[0]
        docs = sorted({snippets[q].doc_id for q in members})
        speakers = sorted({str(s) for s in table.loc[members, "speaker"] if isinstance(s, str) and s})
        for q in members:
            how = "first" if q == first else edges.get((min(first, q), max(first, q)), "near")
            rows.append({"group": number, "doc_id": table.at[q, "doc_id"], "start": int(table.at[q, "start"]),
                         "end": int(table.at[q, "end"]), "quote": table.at[q, "quote"],
                         "speaker": table.at[q, "speaker"] if isinstance(table.at[q, "speaker"], str) else None,
                         "articles": len(docs), "speakers": "; ".join(speakers), "match": how,
                         "shared_text": snippets[q].text[slice(*stretch[q])] if q in stretch else ""})
    frame = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    return frame.sort_values(["group", "doc_id", "start"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------
# Shared entities
# ---------------------------------------------------------------------------

ENTITY_COLUMNS = ["doc_a", "doc_b", "entities_a", "entities_b", "shared", "jaccard", "shared_entities"]
def _entity_sets(corpus: Corpus) -> dict[str, Counter]:
    """doc_id -> Counter of canonical entity names, from :func:`analysis.entities.mentions`."""
    from .entities import mentions
    out: dict[str, Counter] = {a.doc_id: Counter() for a in corpus}
    frame = mentions(corpus)
    for doc_id, canonical in zip(frame["doc_id"], frame["canonical"]):
        if doc_id in out and isinstance(canonical, str) and canonical:
            out[doc_id][canonical] += 1
    return out


def entity_overlap(corpus: Corpus, *, top: int = 8) -> pd.DataFrame:
    """Article × article similarity of their sets of named entities ("same story" signal).

    Columns: ``doc_a, doc_b``; ``entities_a, entities_b`` (distinct canonical
    entities in each); ``shared`` (in both); ``jaccard`` (shared / union, 0-1);
    ``shared_entities`` (up to ``top`` shared names, most mentioned first, ties
    by name). One row per pair, sorted by ``doc_a, doc_b``. Canonical names come
    from :func:`analysis.entities.mentions`.
    """
    sets = _entity_sets(corpus)
    ids = sorted(sets)
    rows = []
    for x in range(len(ids)):
        for y in range(x + 1, len(ids)):
            a, b = sets[ids[x]], sets[ids[y]]
            common = set(a) & set(b)
            union = set(a) | set(b)
            names = sorted(common, key=lambda n: (-(a[n] + b[n]), n))[:top]
            rows.append({"doc_a": ids[x], "doc_b": ids[y], "entities_a": len(a), "entities_b": len(b),
                         "shared": len(common), "jaccard": round(len(common) / len(union), 4) if union else 0.0,
                         "shared_entities": ", ".join(names)})
    return pd.DataFrame(rows, columns=ENTITY_COLUMNS)


# ---------------------------------------------------------------------------
# Matrices, verdicts per pair, figures
# ---------------------------------------------------------------------------

LEVELS = ("passage", "quote", "entity")


def matrix(corpus: Corpus, level: str = "passage") -> pd.DataFrame:
    """Article × article table (index and columns = doc_ids, diagonal empty) for a heatmap.

    * ``passage`` – row X, column Y: % of X's text inside passages shared with Y
      (containment, so the table is not symmetric);
    * ``quote`` – number of shared-quote groups X and Y both carry;
    * ``entity`` – Jaccard similarity of their canonical entity sets (0-1).
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    ids = sorted(a.doc_id for a in corpus)
    table = pd.DataFrame(np.nan, index=pd.Index(ids, name="doc_id"), columns=ids, dtype=float)
    if level == "passage":
        for r in reuse_pairs(corpus).itertuples():
            table.at[r.doc_a, r.doc_b] = round(100 * r.containment_a, 1)
            table.at[r.doc_b, r.doc_a] = round(100 * r.containment_b, 1)
    elif level == "quote":
        quotes = shared_quotes(corpus)
        for x in ids:
            for y in ids:
                if x != y:
                    table.at[x, y] = 0.0
        for _, members in quotes.groupby("group"):
            docs = sorted(set(members["doc_id"]))
            for x in docs:
                for y in docs:
                    if x != y:
                        table.at[x, y] += 1
    else:
        for r in entity_overlap(corpus).itertuples():
            table.at[r.doc_a, r.doc_b] = table.at[r.doc_b, r.doc_a] = r.jaccard
    return table


PAIR_VERDICT_COLUMNS = ["doc_a", "doc_b", "verdict", "passages", "shared_quotes", "entity_jaccard", "why"]


def pair_verdicts(corpus: Corpus) -> pd.DataFrame:
    """Every pair in plain words: copied text, shared quotes only, same story, or unrelated – and why.

    Columns: ``doc_a, doc_b``; ``verdict`` (``copied (spun)``, ``copied``,
    ``shared quotes``, ``same story``, ``no overlap``); ``passages``;
    ``shared_quotes`` (quote groups in common); ``entity_jaccard``; ``why`` (a
    sentence naming the evidence, including overlaps that were seen and set
    aside as entity titles or quotations). Sorted by ``doc_a, doc_b``.
    """
    pairs = reuse_pairs(corpus)
    ents = entity_overlap(corpus).set_index(["doc_a", "doc_b"])
    quotes = matrix(corpus, "quote")
    rows = []
    for r in pairs.itertuples():
        jac = float(ents.at[(r.doc_a, r.doc_b), "jaccard"]) if (r.doc_a, r.doc_b) in ents.index else 0.0
        shared_e = int(ents.at[(r.doc_a, r.doc_b), "shared"]) if (r.doc_a, r.doc_b) in ents.index else 0
        nq = int(quotes.at[r.doc_a, r.doc_b]) if not pd.isna(quotes.at[r.doc_a, r.doc_b]) else 0
        set_aside = f"; set aside: {r.rejected}" if r.rejected else ""
        if r.passages:
            verdict = "copied (spun)" if "spun" in r.kinds else "copied"
            direction = f", {r.copier} likely copied {r.source} (by {r.basis})" if r.copier else ", direction undecided"
            why = f"{r.passages} reused passage(s) ({r.kinds}){direction}{set_aside}"
        elif nq:
            verdict = "shared quotes"
            why = f"no reused passage, but {nq} quotation(s) in common{set_aside}"
        elif shared_e >= 3 and jac >= 0.05:
            verdict = "same story"
            why = f"no reused passage; {shared_e} entities in common (Jaccard {jac:.2f}){set_aside}"
        else:
            verdict = "no overlap"
            why = f"no reused passage, no shared quotation, {shared_e} entities in common{set_aside}"
        rows.append({"doc_a": r.doc_a, "doc_b": r.doc_b, "verdict": verdict, "passages": r.passages,
                     "shared_quotes": nq, "entity_jaccard": jac, "why": why})
    return pd.DataFrame(rows, columns=PAIR_VERDICT_COLUMNS)


def heatmaps(corpus: Corpus):
    """The three article × article heatmaps side by side (passage %, shared quotes, entity Jaccard)."""
    import matplotlib
    import matplotlib.pyplot as plt
    matplotlib.rcParams["svg.hashsalt"] = "overlap"
    titles = {"passage": "Reused text (% of row article)", "quote": "Shared quotations",
              "entity": "Shared entities (Jaccard)"}
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.8), constrained_layout=True)
    for ax, level in zip(axes, LEVELS):
        table = matrix(corpus, level)
        labels = [d.split("_")[0] if len(table) <= 30 else "" for d in table.index]
        values = table.to_numpy(dtype=float)
        image = ax.imshow(np.nan_to_num(values, nan=0.0), cmap="Blues", vmin=0,
                          vmax=max(1e-9, np.nanmax(values) if np.isfinite(values).any() else 1))
        ax.set_title(titles[level])
        ax.set_xticks(range(len(labels)), labels, rotation=90)
        ax.set_yticks(range(len(labels)), labels)
        if len(table) <= 12:
            for i in range(len(table)):
                for j in range(len(table)):
                    if i != j and not np.isnan(values[i, j]):
                        fmt = f"{values[i, j]:.2f}" if level == "entity" else f"{values[i, j]:g}"
                        ax.text(j, i, fmt, ha="center", va="center", fontsize=8,
                                color="white" if values[i, j] > 0.6 * np.nanmax(values) else "black")
        fig.colorbar(image, ax=ax, shrink=0.8)
    return fig


def copy_graph(corpus: Corpus):
    """networkx DiGraph source -> copier (edge attributes: chars, basis, kinds); undecided pairs both ways."""
    import networkx as nx
    graph = nx.DiGraph()
    graph.add_nodes_from(sorted(a.doc_id for a in corpus))
    for r in reuse_pairs(corpus).itertuples():
        if not r.passages:
            continue
        if r.copier:
            graph.add_edge(r.source, r.copier, chars=int(max(r.reused_chars_a, r.reused_chars_b)),
                           basis=r.basis, kinds=r.kinds)
        else:
            for u, v in ((r.doc_a, r.doc_b), (r.doc_b, r.doc_a)):
                graph.add_edge(u, v, chars=int(max(r.reused_chars_a, r.reused_chars_b)),
                               basis="undecided", kinds=r.kinds)
    return graph


def copy_graph_figure(corpus: Corpus, seed: int = 7):
    """Who-copied-whom drawing: arrows from source to copier, red for spun copies.

    Nodes sit on a circle in ``doc_id`` order (up to 40 articles), else a spring
    layout with a fixed ``seed``; either way the drawing is the same on every run.
    """
    import matplotlib.pyplot as plt
    import networkx as nx
    graph = copy_graph(corpus)
    summary = reuse_summary(corpus).set_index("doc_id")
    fig, ax = plt.subplots(figsize=(7, 5), constrained_layout=True)
    nodes = sorted(graph.nodes)
    if len(nodes) <= 40:  # a circle keeps every arrow visible on small corpora
        pos = nx.circular_layout(nodes)
    else:
        pos = nx.spring_layout(graph, seed=seed)
    colors = ["#d62728" if summary.at[n, "spun"] else "#1f77b4" for n in graph.nodes]
    nx.draw_networkx_nodes(graph, pos, node_color=colors, node_size=900, ax=ax)
    nx.draw_networkx_labels(graph, pos, labels={n: n.split("_")[0] for n in graph.nodes},
                            font_color="white", font_size=9, ax=ax)
    edges = sorted(graph.edges(data=True))
    if edges:
        widths = [1 + 4 * d["chars"] / max(e[2]["chars"] for e in edges) for _, _, d in edges]
        nx.draw_networkx_edges(graph, pos, edgelist=[(u, v) for u, v, _ in edges], width=widths,
                               arrowsize=22, arrowstyle="-|>", node_size=900, ax=ax,
                               connectionstyle="arc3,rad=0.08",
                               style=["dashed" if d["basis"] == "undecided" else "solid" for _, _, d in edges])
        nx.draw_networkx_edge_labels(graph, pos, edge_labels={(u, v): d["basis"] for u, v, d in edges},
                                     font_size=8, ax=ax, connectionstyle="arc3,rad=0.08")
    ax.set_title("Who copied whom (arrow: source → copier; red: spun article)")
    ax.axis("off")
    return fig


def side_by_side(frame: pd.DataFrame, limit: int | None = None) -> str:
    """HTML table of passages with both texts side by side, substituted words in ``<mark>``.

    Needs :func:`passages` with ``details=True`` (for ``marks_a``/``marks_b``).
    Every piece of article text is HTML-escaped; only our own tags are added.
    """
    rows = []
    for r in frame.head(limit).itertuples() if limit else frame.itertuples():
        cells = []
        for text, base, marks in ((r.text_a, r.a_start, r.marks_a), (r.text_b, r.b_start, r.marks_b)):
            spans = sorted({tuple(int(x) - base for x in m.split("-")) for m in str(marks).split(";") if m})
            out, last = [], 0
            for s, e in spans:
                if s < last:
                    continue
                out.append(html.escape(text[last:s]))
                out.append("<mark>" + html.escape(text[s:e]) + "</mark>")
                last = e
            out.append(html.escape(text[last:]))
            cells.append("".join(out))
        head = html.escape(f"{r.doc_a} ↔ {r.doc_b} · {r.kind} · score {r.score}")
        rows.append(f"<tr><th colspan='2' style='text-align:left'>{head}</th></tr>"
                    f"<tr><td style='vertical-align:top;text-align:left;width:50%'>{cells[0]}</td>"
                    f"<td style='vertical-align:top;text-align:left;width:50%'>{cells[1]}</td></tr>")
    return "<table class='overlap-side-by-side'>" + "".join(rows) + "</table>"
