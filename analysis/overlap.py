"""Source overlap: reused passages (verbatim, lightly edited or spun), shared quotes, shared entities.

Journalists want to know which outlet copied whose text (wire copy, churnalism),
which ran a copy through an "article spinner" to disguise it, and which merely
covered the same event. This module answers at three levels:

* :func:`passages` – reused passages between two articles, with raw-file offsets
  on both sides, found by word-level local alignment that sees through synonym
  swaps ("White Home" for "White House") and unknown substitutions between
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
   resemblance).
3. For each pair, content-word *anchors* (same key, or related through the
   synonym lexicon ``data/synonyms.yaml``) are chained along near-diagonals, and
   each chain's box is aligned with Smith-Waterman (linear gaps, vectorised per
   row with numpy). Exact matches, lexicon synonyms and fuzzy spellings
   (common 5-letter prefix) score positively; an unknown substitution between
   anchors costs less than a gap, so a spinner's swaps do not break a passage.
4. An alignment is kept as a passage only if it carries enough *non-name
   content*: shared entity titles ("National Security Council spokesman ...")
   and short shared quotations are not copying. Quotation-only overlaps need
   ``min_quote_content`` content words, unless their words were swapped by a
   spinner (nobody rewrites a quote with synonyms by accident).

Offsets in every table are offsets into the original file (``article.raw``).
"""
from __future__ import annotations

import html
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd
import yaml

from . import paths
from .corpus import Article, Corpus

LEXICON_FILE = "synonyms.yaml"

PASSAGE_COLUMNS = ["doc_a", "a_start", "a_end", "doc_b", "b_start", "b_end", "text_a", "text_b",
                   "kind", "score", "substitutions"]
PASSAGE_EXTRA_COLUMNS = ["tokens_a", "tokens_b", "matched", "content_matched", "substituted", "in_quote"]


@dataclass(frozen=True)
class Settings:
    """Thresholds of the detector (defaults measured on ``benchmarks/overlap.py``)."""

    #: align every pair when the corpus has at most this many articles
    exhaustive_max_docs: int = 60
    #: shingle size (words) of the candidate index
    shingle_size: int = 3
    #: a candidate pair shares at least this many distinct shingles
    min_shared_shingles: int = 3
    #: shingles present in more articles than this are ignored by the index
    max_shingle_df: int = 100
    #: anchors within this many tokens and this much diagonal drift chain together
    chain_gap: int = 30
    chain_drift: int = 8
    #: a chain needs this many anchors to be aligned
    min_anchors: int = 3
    #: box padding (tokens) around a chain before alignment
    pad: int = 12
    #: acceptance: matched content words, of which not names, aligned length
    min_content: int = 4
    min_nonname_content: int = 3
    min_tokens: int = 8
    min_score: int = 24
    #: alignments sought inside one chain's box
    max_alignments_per_chain: int = 4
    #: matched / aligned tokens on the shorter side
    min_identity: float = 0.5
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
S_FUZZY = 4              # same 5-letter prefix (Cleverly / Cleverley)
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
    path = Path(path) if path else paths.data_file(LEXICON_FILE)
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

    def __len__(self) -> int:
        return len(self.surface)


class _Vocab(dict):
    def id(self, key: str) -> int:
        value = self.get(key)
        if value is None:
            value = self[key] = len(self)
        return value


def _quote_mask(text: str) -> np.ndarray:
    """Characters inside quotation marks (curly pairs; straight quotes toggle; reset per paragraph)."""
    mask = np.zeros(len(text) + 1, dtype=bool)
    inside = False
    for i, ch in enumerate(text):
        if ch == "\n":
            inside = False
        elif ch in _OPEN_QUOTES:
            inside = True
        elif ch in _CLOSE_QUOTES:
            inside = False
        elif ch == '"':
            inside = not inside
        mask[i] = inside
    return mask


_COMPOUND = re.compile(r"[\w’'.,]+(?:-[\w’'.,]+)+")


def _compound_at(text: str, s: int, e: int) -> str:
    """The hyphenated compound around ``text[s:e]`` ("22-year-old"), or the word itself."""
    if (s > 0 and text[s - 1] == "-") or (e < len(text) and text[e:e + 1] == "-"):
        left = text.rfind(" ", 0, s) + 1
        right = text.find(" ", e)
        return text[left:right if right >= 0 else len(text)]
    return ""


def tokenize(article: Article, lexicon: Lexicon, vocab: _Vocab) -> Tokens:
    """Word tokens of ``article.text`` with keys for alignment (see the module docstring)."""
    text = article.text
    stops = _stop_words(lexicon)
    quotes = _quote_mask(text)
    surface, keys, fuzz, stop, name, number, quote, starts, ends = [], [], [], [], [], [], [], [], []

    def add(word: str, key: str, s: int, e: int, is_name: bool) -> None:
        is_stop = word in stops or key in stops
        compound = _compound_at(text, s, e)
        is_num = key[:1].isdigit() or any(ch.isdigit() for ch in compound)
        surface.append(word)
        keys.append(key)
        fuzz.append(key[:5] if (not is_stop and len(key) >= 5 and not is_num) else "\x00" + key)
        stop.append(is_stop and not is_num)
        name.append(is_name and not is_stop)
        number.append(is_num)
        quote.append(bool(quotes[s]))
        starts.append(s)
        ends.append(e)

    prev_end = 0
    for match in _TOKEN_RE.finditer(text):
        raw_word = match.group(0)
        s, e = match.span()
        gap = text[prev_end:s]
        sentence_start = prev_end == 0 or "\n" in gap or bool(_SENT_END.search(text[max(0, prev_end - 1):s]))
        prev_end = e
        is_cap = raw_word[:1].isupper()
        # a capital after a sentence start counts as a name only when the next word is capitalised too
        if is_cap and sentence_start:
            nxt = text[e:e + 40].lstrip(" ")
            is_cap = bool(nxt[:1].isupper())
        word = raw_word.lower().replace("’", "'")
        if "'" in word:
            if word in _SPECIAL_NEG:
                first, second = _SPECIAL_NEG[word]
                add(first, first, s, e, False)
                add(second, second, s, e, False)
                continue
            base, _, tail = word.rpartition("'")
            tail = "'" + tail
            if word.endswith("n't"):
                add(word[:-3], word_key(word[:-3], lexicon), s, e, False)
                add("not", "not", s, e, False)
                continue
            if tail in _CONTRACTIONS:
                add(base, word_key(base, lexicon), s, e, is_cap)
                add(_CONTRACTIONS[tail], _CONTRACTIONS[tail], s, e, False)
                continue
            if tail == "'s":
                if base in _S_IS:
                    add(base, base, s, e, False)
                    add("is", "be", s, e, False)
                else:  # possessive: the word itself
                    add(base, word_key(base, lexicon), s, e, is_cap)
                continue
        add(word, word_key(word, lexicon), s, e, is_cap)

    tokens = Tokens(
        doc_id=article.doc_id, surface=surface,
        key=np.fromiter((vocab.id(k) for k in keys), dtype=np.int64, count=len(keys)),
        fuzzy=np.fromiter((vocab.id(f) for f in fuzz), dtype=np.int64, count=len(fuzz)),
        stop=np.array(stop, dtype=bool), name=np.array(name, dtype=bool), number=np.array(number, dtype=bool),
        quote=np.array(quote, dtype=bool), start=np.array(starts, dtype=np.int64),
        end=np.array(ends, dtype=np.int64), keys=keys)
    positions: dict[int, list[int]] = defaultdict(list)
    for i, (k, is_stop) in enumerate(zip(tokens.key.tolist(), stop)):
        if not is_stop:
            positions[k].append(i)
    tokens.content_positions = dict(positions)
    return tokens


# ---------------------------------------------------------------------------
# Candidate pairs
# ---------------------------------------------------------------------------

def _shingles(tokens: Tokens, lexicon: Lexicon, size: int) -> set[int]:
    rep = lexicon.representative
    keys = [rep.get(k, k) for k in tokens.keys]
    stop = tokens.stop
    out = set()
    for i in range(len(keys) - size + 1):
        if stop[i:i + size].all():
            continue
        out.add(hash(tuple(keys[i:i + size])))
    return out


def candidate_pairs(streams: list[Tokens], lexicon: Lexicon, settings: Settings = DEFAULTS,
                    exhaustive: bool | None = None) -> list[tuple[int, int]]:
    """Pairs of stream indices worth aligning (all pairs on small corpora, else the shingle index)."""
    n = len(streams)
    if exhaustive is None:
        exhaustive = n <= settings.exhaustive_max_docs
    if exhaustive:
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    index: dict[int, list[int]] = defaultdict(list)
    for doc, tokens in enumerate(streams):
        for sh in _shingles(tokens, lexicon, settings.shingle_size):
            index[sh].append(doc)
    counts: Counter = Counter()
    for docs in index.values():
        df = len(docs)
        if df < 2 or df > settings.max_shingle_df:
            continue
        for x in range(df):
            a = docs[x]
            for y in range(x + 1, df):
                counts[(a, docs[y])] += 1
    return sorted(pair for pair, c in counts.items() if c >= settings.min_shared_shingles)


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

    @classmethod
    def build(cls, lexicon: Lexicon, vocab: _Vocab) -> "_Context":
        groups = {vid: lexicon.groups[k] for k, vid in vocab.items() if k in lexicon.groups}
        members: dict[int, list[int]] = defaultdict(list)
        for vid, ids in groups.items():
            for g in ids:
                members[g].append(vid)
        related = {vid: tuple(sorted({o for g in ids for o in members[g] if o != vid}))
                   for vid, ids in groups.items()}
        return cls(lexicon, vocab, groups, related)


def _anchors(ta: Tokens, tb: Tokens, ctx: _Context) -> list[tuple[int, int]]:
    """(i, j) positions of content words of A and B with the same key or related through the lexicon."""
    pa, pb = ta.content_positions, tb.content_positions
    out: list[tuple[int, int]] = []
    for key, pos_a in pa.items():
        targets = []
        pos_b = pb.get(key)
        if pos_b:
            targets.append(pos_b)
        for other in ctx.related.get(key, ()):
            pos_o = pb.get(other)
            if pos_o:
                targets.append(pos_o)
        for pos in targets:
            if len(pos_a) * len(pos) > 400:
                continue
            out.extend((i, j) for i in pos_a for j in pos)
    return out


def _chains(anchors: list[tuple[int, int]], settings: Settings) -> list[list[tuple[int, int]]]:
    """Group anchors that lie close together along a near-diagonal (union-find on a sweep)."""
    if not anchors:
        return []
    anchors = sorted(set(anchors))
    parent = list(range(len(anchors)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    last_by_diag: dict[int, int] = {}
    gap, drift = settings.chain_gap, settings.chain_drift
    for idx, (i, j) in enumerate(anchors):
        d = i - j
        for dd in range(d - drift, d + drift + 1):
            prev = last_by_diag.get(dd)
            if prev is not None:
                pi, pj = anchors[prev]
                if i - pi <= gap and 0 <= j - pj <= gap + drift or (i - pi <= gap and abs(j - pj) <= gap and dd == d):
                    ra, rb = find(idx), find(prev)
                    if ra != rb:
                        parent[ra] = rb
        last_by_diag[d] = idx
    groups: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for idx, anchor in enumerate(anchors):
        groups[find(idx)].append(anchor)
    out = []
    for members in groups.values():
        if len({i for i, _ in members}) >= settings.min_anchors and len({j for _, j in members}) >= settings.min_anchors:
            out.append(members)
    return out


def _score_matrix(ta: Tokens, tb: Tokens, a0: int, a1: int, b0: int, b1: int, ctx: _Context) -> np.ndarray:
    ka, kb = ta.key[a0:a1], tb.key[b0:b1]
    sa = ta.stop[a0:a1]
    content_a = ~sa
    content_b = ~tb.stop[b0:b1]
    both_content = content_a[:, None] & content_b[None, :]
    same_key = ka[:, None] == kb[None, :]
    surf_a = np.array([hash(w) for w in ta.surface[a0:a1]], dtype=np.int64)
    surf_b = np.array([hash(w) for w in tb.surface[b0:b1]], dtype=np.int64)
    same_surface = surf_a[:, None] == surf_b[None, :]
    fuzzy = (ta.fuzzy[a0:a1][:, None] == tb.fuzzy[b0:b1][None, :]) & both_content
    score = np.full(same_key.shape, S_MISMATCH, dtype=np.int32)
    score[both_content] = S_MISMATCH_CONTENT
    score[fuzzy] = S_FUZZY
    b_index: dict[int, list[int]] = defaultdict(list)
    for j, kid in enumerate(kb.tolist()):
        for g in ctx.groups.get(kid, ()):
            b_index[g].append(j)
    if b_index:
        syn = np.zeros(same_key.shape, dtype=bool)
        for i, kid in enumerate(ka.tolist()):
            for g in ctx.groups.get(kid, ()):
                for j in b_index.get(g, ()):
                    syn[i, j] = True
        score[syn & both_content] = S_SYNONYM
    stop_pair = ~both_content
    score[same_key & both_content] = S_KEY_CONTENT
    score[same_key & both_content & same_surface] = S_EXACT_CONTENT
    score[same_key & stop_pair] = S_EXACT_STOP
    return score


def smith_waterman(score: np.ndarray, gap: int = GAP) -> tuple[int, int, int, np.ndarray]:
    """Best local alignment of a score matrix (linear gaps). Returns ``(best, i, j, H)``.

    Rows are filled with numpy: the horizontal-gap recurrence
    ``H[i, j] = max(T[j], H[i, j-1] - gap)`` equals a running maximum of
    ``T[k] + gap*k`` minus ``gap*j``.
    """
    n, m = score.shape
    h = np.zeros((n + 1, m + 1), dtype=np.int32)
    ramp = gap * np.arange(m, dtype=np.int32)
    for i in range(1, n + 1):
        prev = h[i - 1]
        t = np.maximum(prev[:-1] + score[i - 1], prev[1:] - gap)
        np.maximum(t, 0, out=t)
        h[i, 1:] = np.maximum.accumulate(t + ramp) - ramp
    flat = int(np.argmax(h))
    bi, bj = divmod(flat, m + 1)
    return int(h[bi, bj]), bi, bj, h


def _traceback(h: np.ndarray, score: np.ndarray, i: int, j: int, gap: int = GAP) -> list[tuple[int, int]]:
    path = []
    while i > 0 and j > 0 and h[i, j] > 0:
        if h[i, j] == h[i - 1, j - 1] + score[i - 1, j - 1]:
            path.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif h[i, j] == h[i - 1, j] - gap:
            i -= 1
        else:
            j -= 1
    path.reverse()
    return path


def _how(ta: Tokens, tb: Tokens, i: int, j: int, score: int) -> str:
    """How two aligned words match: exact, key (same lemma), synonym, fuzzy or sub (no match)."""
    if score < 0:
        return "sub"
    if ta.key[i] == tb.key[j]:
        return "exact" if ta.surface[i] == tb.surface[j] else "key"
    return "fuzzy" if score == S_FUZZY else "synonym"


def align_pair(ta: Tokens, tb: Tokens, ctx: _Context, settings: Settings = DEFAULTS) -> list[Alignment]:
    """Local alignments between two token streams, best first, not overlapping."""
    anchors = _anchors(ta, tb, ctx)
    results: list[Alignment] = []
    for chain in _chains(anchors, settings):
        a0 = max(0, min(i for i, _ in chain) - settings.pad)
        a1 = min(len(ta), max(i for i, _ in chain) + settings.pad + 1)
        b0 = max(0, min(j for _, j in chain) - settings.pad)
        b1 = min(len(tb), max(j for _, j in chain) + settings.pad + 1)
        score = _score_matrix(ta, tb, a0, a1, b0, b1, ctx)
        for _ in range(settings.max_alignments_per_chain):
            best, bi, bj, h = smith_waterman(score)
            if best < settings.min_score:
                break
            path = _traceback(h, score, bi, bj)
            pairs = [(a0 + i, b0 + j, _how(ta, tb, a0 + i, b0 + j, int(score[i, j]))) for i, j in path]
            matched = [p for p in pairs if p[2] != "sub"]
            # the next alignment in this box must not reuse these words
            score[path[0][0]:path[-1][0] + 1, :] = -10 * GAP
            score[:, path[0][1]:path[-1][1] + 1] = -10 * GAP
            if matched:
                results.append(Alignment(matched[0][0], matched[-1][0] + 1, matched[0][1], matched[-1][1] + 1,
                                         best, pairs))
    results.sort(key=lambda r: (-r.score, r.a0, r.b0))
    kept: list[Alignment] = []
    for al in results:
        if any(al.a0 < k.a1 and k.a0 < al.a1 and al.b0 < k.b1 and k.b0 < al.b1 for k in kept):
            continue
        kept.append(al)
    return kept


# ---------------------------------------------------------------------------
# Passages
# ---------------------------------------------------------------------------

def _describe(al: Alignment, ta: Tokens, tb: Tokens, settings: Settings) -> dict | None:
    """Acceptance tests and the passage's kind; None when the overlap is not reuse."""
    pairs = al.pairs
    content = [(i, j, how) for i, j, how in pairs if not ta.stop[i] and not tb.stop[j]]
    matched_content = [(i, j, how) for i, j, how in content if how != "sub"]
    nonname = [(i, j, how) for i, j, how in matched_content
               if not (ta.name[i] and tb.name[j]) and not (ta.number[i] and tb.number[j])]
    matched = [p for p in pairs if p[2] != "sub"]
    len_a, len_b = al.a1 - al.a0, al.b1 - al.b0
    if len(matched_content) < settings.min_content or len(nonname) < settings.min_nonname_content:
        return None
    if min(len_a, len_b) < settings.min_tokens:
        return None
    if len(matched) / max(len_a, len_b) < settings.min_identity:
        return None
    substituted = [(i, j) for i, j, how in content
                   if how in ("sub", "synonym") and ta.surface[i] != tb.surface[j]]
    # quotation overlap: most of the matched meaning lies inside quotation marks on both sides
    quoted = sum(1 for i, j, _ in nonname if ta.quote[i] and tb.quote[j])
    in_quote = quoted >= settings.quote_share * len(nonname)
    spun = (len(substituted) >= settings.spun_min_substitutions
            and len(substituted) / max(1, len(content)) >= settings.spun_min_rate
            and any(how == "synonym" for _, _, how in content))
    if in_quote and len(nonname) < settings.min_quote_content and not spun:
        return None
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
    streams = [tokenize(a, lexicon, vocab) for a in articles]
    return articles, streams, _Context.build(lexicon, vocab)


def _passages_from(articles: list[Article], streams: list[Tokens], ctx: _Context,
                   pairs: Iterable[tuple[int, int]], settings: Settings) -> list[dict]:
    rows = []
    for x, y in pairs:
        ta, tb = streams[x], streams[y]
        art_a, art_b = articles[x], articles[y]
        for al in align_pair(ta, tb, ctx, settings):
            info = _describe(al, ta, tb, settings)
            if info is None:
                continue
            sa, ea = int(ta.start[al.a0]), int(ta.end[al.a1 - 1])
            sb, eb = int(tb.start[al.b0]), int(tb.end[al.b1 - 1])
            ra, rb = art_a.raw_span(sa, ea), art_b.raw_span(sb, eb)
            subs = _substitution_text(info.pop("substitution_pairs"), art_a, art_b, ta, tb)
            rows.append({"doc_a": art_a.doc_id, "a_start": ra[0], "a_end": ra[1],
                         "doc_b": art_b.doc_id, "b_start": rb[0], "b_end": rb[1],
                         "text_a": art_a.raw[ra[0]:ra[1]], "text_b": art_b.raw[rb[0]:rb[1]],
                         "kind": info.pop("kind"), "score": al.score, "substitutions": subs,
                         "_text_a": (sa, ea), "_text_b": (sb, eb), **info})
    return rows


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
    (the overlap lies inside quotation marks on both sides).
    """
    articles, streams, ctx = _prepare(corpus, lexicon)
    pairs = candidate_pairs(streams, ctx.lexicon, settings, exhaustive)
    rows = _passages_from(articles, streams, ctx, pairs, settings)
    return _passage_frame(rows, details)


def _passage_frame(rows: list[dict], details: bool) -> pd.DataFrame:
    columns = PASSAGE_COLUMNS + (PASSAGE_EXTRA_COLUMNS if details else [])
    frame = pd.DataFrame(rows, columns=columns)
    for col in ("a_start", "a_end", "b_start", "b_end", "score"):
        frame[col] = frame[col].astype("int64")
    return frame.sort_values(["doc_a", "doc_b", "a_start", "b_start"], kind="stable").reset_index(drop=True)
