"""Spin evidence: which article of a copied pair holds the spinner's words, and names a spinner broke.

* :func:`broken_names` – multi-word names with a word swapped by a spinner ("Overseas Workplace"
  for "Foreign Office"), found by putting back the lexicon's original word;
* :func:`spin_verdicts` – per article: spun or not, with the spinner substitutions it holds
  against its counterparts and its broken names (memoised like the passages).

The lexicon's direction (``data/synonyms.yaml``: original -> words a spinner puts in its place)
says which side of a substitution is the spinner's.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Iterable

import pandas as pd

from .. import cache, config, lexicons
from ..corpus import Article, Corpus
from .passages import _Result
from .settings import Settings
from .tokens import LEXICON_FILE, Lexicon, load_lexicon

BROKEN_NAME_COLUMNS = ["doc_id", "start", "end", "broken", "original", "found_in"]
#: spellings tried per word of a name: the word itself and up to three originals it may stand for
MAX_NAME_VARIANTS = 4
#: candidate original names tried per capitalised run
MAX_NAME_COMBINATIONS = 64

#: a capitalised run of two to six words, possibly joined by "of", "the", "and", "for"
_CAP_RUN = re.compile(r"\b[A-Z][\w’'-]*(?:[ ](?:of |the |and |for )?[A-Z][\w’'-]*){1,5}")
#: a run of word characters, as ``\w`` and ``_has_phrase``'s boundaries see it
_WORD_RUN = re.compile(r"\w+")


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
    texts = _Texts({a.doc_id: (a.title or "") + "\n" + a.text for a in articles})
    rows = [row for article in articles for row in _article_broken_names(article, texts, originals)]
    frame = pd.DataFrame(rows, columns=BROKEN_NAME_COLUMNS)
    return frame.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)


class _Texts(dict):
    """``{doc_id: text}`` with an index of the articles each word (a run of ``\\w``) occurs in.

    A phrase written as whole words holds each of its word runs as a whole run of the text, so only
    the articles holding all of them need a search (:meth:`holding`): the lookup of a name among all
    articles costs the articles that may write it, not the whole corpus.
    """

    def __init__(self, texts: dict[str, str]):
        super().__init__(texts)
        self.words: dict[str, set[str]] = defaultdict(set)
        for doc_id, text in texts.items():
            for word in set(_WORD_RUN.findall(text)):
                self.words[word].add(doc_id)

    def holding(self, phrase: str) -> list[str]:
        """The doc ids (sorted) that may write ``phrase`` as whole words: those holding all its word runs."""
        runs = set(_WORD_RUN.findall(phrase))
        if not runs:
            return sorted(self)
        found = set.intersection(*sorted((self.words.get(w, set()) for w in runs), key=len))
        return sorted(found)


def _article_broken_names(article: Article, texts: dict[str, str], originals: dict[str, list[str]]) -> list[dict]:
    """:func:`broken_names` rows of one article (its text, then its title); ``texts``: every article's text."""
    fields = [(article.text, None)]
    if article.title and article.title_start is not None:
        fields.append((article.title, article.title_start))
    seen: set[tuple[int, str]] = set()
    rows = []
    for field_text, raw_base in fields:
        for match in _CAP_RUN.finditer(field_text):
            found = _restored_name(match.group(0), article.doc_id, texts, originals)
            if found is None:
                continue
            candidate, docs = found
            if raw_base is None:
                start, end = article.raw_span(match.start(), match.end())
            else:
                start, end = raw_base + match.start(), raw_base + match.end()
            if (start, candidate) in seen:
                continue
            seen.add((start, candidate))
            rows.append({"doc_id": article.doc_id, "start": start, "end": end, "broken": match.group(0),
                         "original": candidate, "found_in": ", ".join(docs)})
    return rows


def _restored_name(name: str, doc_id: str, texts: dict[str, str],
                   originals: dict[str, list[str]]) -> tuple[str, list[str]] | None:
    """``(original name, articles writing it)`` for the first restoration of ``name`` another article
    writes (and never writes ``name`` itself), or None."""
    words = name.split(" ")
    options = []
    for w in words:
        alts = [w] + [o.capitalize() if w[:1].isupper() else o for o in originals.get(w.lower(), [])]
        options.append(alts[:MAX_NAME_VARIANTS])
    if all(len(o) == 1 for o in options):
        return None
    for combo in _combinations(options, limit=MAX_NAME_COMBINATIONS):
        if list(combo) == words:
            continue
        candidate = " ".join(combo)
        docs = texts.holding(candidate) if isinstance(texts, _Texts) else sorted(texts)
        found = [d for d in docs if d != doc_id and _has_phrase(texts[d], candidate) and not _has_phrase(texts[d], name)]
        if found:
            return candidate, found
    return None


def _combinations(options: list[list[str]], limit: int) -> list[tuple[str, ...]]:
    """Every choice of one option per position, in order, at most ``limit`` of them."""
    combos: list[tuple[str, ...]] = [()]
    for opts in options:
        combos = [c + (o,) for c in combos for o in opts][:limit]
    return combos


def _has_phrase(text: str, phrase: str) -> bool:
    """True when ``phrase`` occurs in ``text`` as whole words."""
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


def spin_verdicts(result: _Result, settings: Settings) -> dict[str, dict]:
    """``{doc_id: {spun, subs, names, n_names}}`` for the articles of a passages result, memoised like it.

    ``subs``: the spinner substitutions the article holds against its counterparts (``word (for
    original, other article)``, repeats as ``×n``); ``names``: its broken names as text;
    ``spun``: at least ``spun_article_min_substitutions`` substitutions, or
    ``spun_article_min_names`` distinct broken names, or one of each.
    """
    key = (result.fingerprint, settings, lexicons.version(config.data_file(LEXICON_FILE)))
    return cache.memo("overlap.spin_verdicts", key, lambda: _find_spin_verdicts(result, settings))


def _find_spin_verdicts(result: _Result, settings: Settings) -> dict[str, dict]:
    """:func:`spin_verdicts`, computed."""
    lexicon = load_lexicon()
    direction = _spin_direction(result.rows, lexicon)
    names = broken_names(result.articles, lexicon)
    out = {}
    for article in result.articles:
        subs = direction.get(article.doc_id, [])
        broken = names[names["doc_id"] == article.doc_id]
        found = Counter(zip(broken["broken"], broken["original"], broken["found_in"]))
        n_subs, n_names = len(subs), len(found)
        spun = (n_subs >= settings.spun_article_min_substitutions or n_names >= settings.spun_article_min_names
                or (n_names >= 1 and n_subs >= 1))
        name_text = "; ".join(f"{b} (for {o}, {f})" + (f" ×{n}" if n > 1 else "")
                              for (b, o, f), n in sorted(found.items()))
        sub_counts = Counter(subs)
        subs = [s + (f" ×{n}" if n > 1 else "") for s, n in sorted(sub_counts.items(), key=lambda x: subs.index(x[0]))]
        out[article.doc_id] = {"spun": spun, "subs": subs, "names": name_text, "n_names": n_names}
    return out
